//! `OPENAI_WEBHOOK_SECRET=whsec_... cargo run -p webhook-receiver -- [ADDRESS]`: receives
//! OpenAI's webhooks on ADDRESS (by default 127.0.0.1:8080) and prints each event.

use openapi_clientgen_runtime::Webhooks;
use webhook_receiver::Event;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("OPENAI_WEBHOOK_SECRET")
        .map_err(|_| "set OPENAI_WEBHOOK_SECRET to the endpoint's signing secret (whsec_...)")?;
    let webhooks = Webhooks::new(&secret)?;
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("receiving OpenAI's webhooks on http://{address}");
    webhook_receiver::serve(listener, webhooks, |event| match event {
        Event::BatchCompleted(batch) => println!("batch {} completed", batch.data.id),
        Event::ResponseCompleted(response) => println!("response {} completed", response.data.id),
        Event::Other(unknown) => println!("an event the document does not describe: {unknown}"),
        other => println!("{other:?}"),
    })
    .await?;
    Ok(())
}
