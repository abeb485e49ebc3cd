//! Decode speed of `ContactShowResponse` and of the complete 3.1.0 document's
//! `ContactsListResponse`, and the overhead of `contact_details`, each against a hand-written
//! equivalent measured in the same run.
//!
//! ```text
//! cargo bench --bench client
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use chatwoot::runtime::codegen::from_json;
use chatwoot::types::ContactShowResponse;
use chatwoot::types::ContactsListResponse;
use serde::de::DeserializeOwned;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The limit: plain derived structs with the same fields and no unknown-field handling.
/// Their fields are only written, by deserialization.
#[allow(dead_code)]
mod hand_written {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct ContactShowResponse {
        pub payload: Option<Contact>,
    }

    #[derive(Deserialize)]
    pub struct ContactsListResponse {
        pub meta: Option<ContactMeta>,
        pub payload: Option<Vec<Contact>>,
    }

    #[derive(Deserialize)]
    pub struct ContactMeta {
        pub count: Option<i64>,
        pub current_page: Option<CurrentPage>,
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    pub enum CurrentPage {
        String(String),
        Integer(i64),
    }

    #[derive(Deserialize)]
    pub struct Contact {
        pub additional_attributes: Option<AdditionalAttributes>,
        pub availability_status: Option<String>,
        pub email: Option<Option<String>>,
        pub id: Option<i64>,
        pub name: Option<String>,
        pub phone_number: Option<Option<String>>,
        pub blocked: Option<bool>,
        pub identifier: Option<Option<String>>,
        pub thumbnail: Option<String>,
        pub custom_attributes: Option<serde_json::Map<String, serde_json::Value>>,
        pub last_activity_at: Option<Option<i64>>,
        pub created_at: Option<i64>,
        pub contact_inboxes: Option<Vec<ContactInbox>>,
    }

    #[derive(Deserialize)]
    pub struct AdditionalAttributes {
        pub city: Option<String>,
        pub country: Option<String>,
        pub country_code: Option<Option<String>>,
        pub created_at_ip: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct ContactInbox {
        pub source_id: Option<String>,
        pub inbox: Option<Inbox>,
    }

    #[derive(Deserialize)]
    pub struct Inbox {
        pub id: Option<i64>,
        pub avatar_url: Option<String>,
        pub channel_id: Option<i64>,
        pub name: Option<String>,
        pub channel_type: Option<String>,
        pub provider: Option<Option<String>>,
    }
}

/// A contact as Chatwoot sends it: three inboxes and attributes the document does not name.
fn contact(id: i64) -> serde_json::Value {
    let inbox = |id: i64, name: &str, channel: &str| {
        serde_json::json!({
            "source_id": format!("source-{id}-7f3a9c"),
            "inbox": {
                "id": id, "avatar_url": "https://cdn.example.com/avatars/inbox.png", "channel_id": id * 10,
                "name": name, "channel_type": channel, "provider": null,
                "website_url": "https://example.com", "widget_color": "#1f93ff"
            }
        })
    };
    serde_json::json!({
        "additional_attributes": {
            "city": "Lisbon", "country": "Portugal", "country_code": "PT", "created_at_ip": "203.0.113.7",
            "company_name": "Acme Lda", "description": "Prefers email", "social_profiles": {"github": "acme", "twitter": "", "linkedin": "acme-lda"}
        },
        "availability_status": "online",
        "email": format!("contact.{id}@example.com"),
        "id": id,
        "name": format!("Contact {id}"),
        "phone_number": "+351910000000",
        "blocked": false,
        "identifier": null,
        "thumbnail": format!("https://cdn.example.com/avatars/{id}.png"),
        "custom_attributes": {"plan": "pro", "seats": 12, "renewal": "2027-01-01"},
        "last_activity_at": 1_732_406_400,
        "created_at": 1_700_000_000,
        "contact_inboxes": [
            inbox(1, "Website", "Channel::WebWidget"),
            inbox(2, "WhatsApp", "Channel::Whatsapp"),
            inbox(3, "Support email", "Channel::Email")
        ],
        "type": "contact"
    })
}

/// The answer of `contact_details`: one contact.
fn show_payload() -> String {
    serde_json::json!({ "payload": contact(4242) }).to_string()
}

/// The answer of `contact_list`: a page of 15 contacts.
fn list_payload() -> String {
    let contacts: Vec<_> = (1..=15).map(contact).collect();
    serde_json::json!({ "meta": {"count": 15, "current_page": "1"}, "payload": contacts })
        .to_string()
}

/// `body` without the properties the document does not name.
fn documented_only(body: &str) -> String {
    fn strip(contact: &mut serde_json::Value) {
        contact.as_object_mut().unwrap().remove("type");
        let attributes = contact["additional_attributes"].as_object_mut().unwrap();
        for key in ["company_name", "description", "social_profiles"] {
            attributes.remove(key);
        }
        for inbox in contact["contact_inboxes"].as_array_mut().unwrap() {
            let inbox = inbox["inbox"].as_object_mut().unwrap();
            inbox.remove("website_url");
            inbox.remove("widget_color");
        }
    }
    let mut value: serde_json::Value = serde_json::from_str(body).unwrap();
    match &mut value["payload"] {
        serde_json::Value::Array(contacts) => contacts.iter_mut().for_each(strip),
        contact => strip(contact),
    }
    value.to_string()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The median time of `iterations` calls of `f`, over `samples` samples.
fn time(samples: usize, iterations: usize, mut f: impl FnMut()) -> Duration {
    let mut times = Vec::with_capacity(samples);
    for _ in 0..samples {
        let start = Instant::now();
        for _ in 0..iterations {
            f();
        }
        times.push(start.elapsed() / iterations as u32);
    }
    median(times)
}

/// Decodes `body` into `G` (generated) and `H` (hand-written), interleaved so that both
/// see the same machine state, and prints their throughputs. Both are read the way the
/// client reads bodies ([`from_json`]).
fn decode<G: DeserializeOwned, H: DeserializeOwned>(body: &str, what: &str, iterations: usize) {
    let bytes = body.as_bytes();
    // The hand-written structs must read the same payload.
    from_json::<H>(bytes).unwrap();
    // Warm up caches, branch predictors and the allocator before sampling.
    for _ in 0..iterations {
        black_box(from_json::<G>(black_box(bytes)).unwrap());
        black_box(from_json::<H>(black_box(bytes)).unwrap());
    }
    let mut generated = Vec::new();
    let mut hand = Vec::new();
    for _ in 0..15 {
        generated.push(time(1, iterations, || {
            black_box(from_json::<G>(black_box(bytes)).unwrap());
        }));
        hand.push(time(1, iterations, || {
            black_box(from_json::<H>(black_box(bytes)).unwrap());
        }));
    }
    let (generated, hand) = (median(generated), median(hand));
    let throughput = |d: Duration| bytes.len() as f64 / d.as_secs_f64() / 1e6;
    println!(
        "decode {what} ({} bytes), median of 15 x {iterations}",
        bytes.len()
    );
    println!(
        "  hand-written derive  {:8.2} µs  {:7.1} MB/s",
        hand.as_secs_f64() * 1e6,
        throughput(hand)
    );
    println!(
        "  generated            {:8.2} µs  {:7.1} MB/s",
        generated.as_secs_f64() * 1e6,
        throughput(generated)
    );
    println!(
        "  throughput ratio     {:.2}x of hand-written",
        throughput(generated) / throughput(hand)
    );
}

/// A keep-alive HTTP server on 127.0.0.1 that answers every request with `body`.
async fn server(body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let response = response.clone();
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 8192];
                let mut pending = Vec::new();
                loop {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => pending.extend_from_slice(&buffer[..n]),
                    }
                    while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                        pending.drain(..end + 4);
                        if stream.write_all(response.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    format!("http://{address}")
}

async fn request_overhead(body: String, label: &str) {
    let base = server(body).await;
    let client = chatwoot::Client::builder()
        .base_url(&base)
        .user_api_key("bench-token")
        .build()
        .unwrap();
    // The same settings the generated client uses by default.
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let url = format!("{base}/api/v1/accounts/1/contacts/4242");
    let raw = || async {
        let response = http
            .get(&url)
            .header("api_access_token", "bench-token")
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        let bytes = response.bytes().await.unwrap();
        black_box(serde_json::from_slice::<hand_written::ContactShowResponse>(&bytes).unwrap());
    };
    let generated = || async {
        black_box(client.contact_details(1, 4242).await.unwrap());
    };
    for _ in 0..200 {
        raw().await;
        generated().await;
    }
    let (mut raw_times, mut generated_times) = (Vec::new(), Vec::new());
    // Small alternating batches, so that both sides see the same machine state.
    for _ in 0..61 {
        let start = Instant::now();
        for _ in 0..100 {
            raw().await;
        }
        raw_times.push(start.elapsed() / 100);
        let start = Instant::now();
        for _ in 0..100 {
            generated().await;
        }
        generated_times.push(start.elapsed() / 100);
    }
    let (raw, generated) = (median(raw_times), median(generated_times));
    println!("request contact_details on 127.0.0.1 (keep-alive), {label}, median of 61 x 100");
    println!(
        "  raw reqwest + hand-written  {:8.2} µs",
        raw.as_secs_f64() * 1e6
    );
    println!(
        "  generated client            {:8.2} µs",
        generated.as_secs_f64() * 1e6
    );
    println!(
        "  overhead                    {:+.1}%",
        (generated.as_secs_f64() / raw.as_secs_f64() - 1.0) * 100.0
    );
}

fn main() {
    let show = show_payload();
    let list = list_payload();
    const UNNAMED: &str = "with 9 properties per contact the document does not name";
    decode::<ContactShowResponse, hand_written::ContactShowResponse>(
        &show,
        &format!("ContactShowResponse, {UNNAMED}"),
        2000,
    );
    decode::<ContactShowResponse, hand_written::ContactShowResponse>(
        &documented_only(&show),
        "ContactShowResponse, documented properties only",
        2000,
    );
    decode::<ContactsListResponse, hand_written::ContactsListResponse>(
        &list,
        &format!("ContactsListResponse (3.1.0, 15 contacts), {UNNAMED}"),
        200,
    );
    decode::<ContactsListResponse, hand_written::ContactsListResponse>(
        &documented_only(&list),
        "ContactsListResponse (3.1.0, 15 contacts), documented properties only",
        200,
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(request_overhead(
        documented_only(&show),
        "documented properties only",
    ));
    runtime.block_on(request_overhead(show, UNNAMED));
}
