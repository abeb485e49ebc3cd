//! A receiver of OpenAI's webhooks, as a user's crate writes one: each request's signature
//! is verified ([Standard Webhooks], the runtime's `Webhooks`), then its body is read as
//! the generated `webhooks::Event`. A request that fails either is answered `400` with what
//! failed (never the secret), and its body is not read; a verified one is answered `200`
//! and its event handed to the caller's handler.
//!
//! [Standard Webhooks]: https://www.standardwebhooks.com/

use std::convert::Infallible;
use std::sync::Arc;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use openapi_clientgen_runtime::{WebhookError, Webhooks};
use tokio::net::TcpListener;

/// The client generated from OpenAI's webhooks.
pub mod openai {
    include!(concat!(env!("OUT_DIR"), "/openai.rs"));
}

pub use openai::webhooks::Event;

/// Verifies a request and reads its event.
pub fn receive(webhooks: &Webhooks, request: &Request<Bytes>) -> Result<Event, WebhookError> {
    webhooks.unwrap(request.headers(), request.body())
}

/// Serves webhooks on `listener` until it fails: each verified event is given to
/// `handle`.
pub async fn serve(
    listener: TcpListener,
    webhooks: Webhooks,
    handle: impl Fn(Event) + Send + Sync + 'static,
) -> std::io::Result<()> {
    let state = Arc::new((webhooks, handle));
    loop {
        let (stream, _) = listener.accept().await?;
        let state = state.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                let state = state.clone();
                async move {
                    let (parts, body) = request.into_parts();
                    let response = match body.collect().await {
                        Ok(body) => {
                            let request = Request::from_parts(parts, body.to_bytes());
                            let (webhooks, handle) = &*state;
                            match receive(webhooks, &request) {
                                Ok(event) => {
                                    handle(event);
                                    answer(StatusCode::OK, String::new())
                                }
                                Err(error) => answer(StatusCode::BAD_REQUEST, error.to_string()),
                            }
                        }
                        Err(error) => answer(StatusCode::BAD_REQUEST, error.to_string()),
                    };
                    Ok::<_, Infallible>(response)
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

fn answer(status: StatusCode, text: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = status;
    response
}
