//! An OAuth 2.0 client-credentials flow whose access token is refreshed when it expires,
//! without rebuilding the client: the client asks a token source for the token on each
//! request, and the source keeps one until shortly before it expires.
//!
//! `cargo run -p features-client --example oauth_client_credentials` runs it against a
//! token endpoint and an API on 127.0.0.1.

use std::sync::Arc;
use std::time::{Duration, Instant};

use features_client::auth::Client;
use openapi_clientgen_runtime::codegen::{reqwest, serde_json};
use openapi_clientgen_runtime::{BoxError, Token};
use tokio::sync::Mutex;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Fetches access tokens from `token_url` with a client id and secret, and keeps each
/// until shortly before it expires.
struct ClientCredentials {
    http: reqwest::Client,
    token_url: String,
    client_id: String,
    client_secret: String,
    /// The current token and when it stops being used. Held across the fetch, so that
    /// concurrent requests wait for one fetch rather than each making their own.
    current: Mutex<Option<(String, Instant)>>,
}

impl ClientCredentials {
    /// How long before its expiry a token is replaced.
    const MARGIN: Duration = Duration::from_millis(200);

    async fn token(&self) -> Result<String, BoxError> {
        let mut current = self.current.lock().await;
        if let Some((token, until)) = &*current {
            if Instant::now() < *until {
                return Ok(token.clone());
            }
        }
        let response = self
            .http
            .post(&self.token_url)
            .basic_auth(&self.client_id, Some(&self.client_secret))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials&scope=read")
            .send()
            .await?
            .error_for_status()?;
        let body: serde_json::Value = serde_json::from_slice(&response.bytes().await?)?;
        let token = body["access_token"]
            .as_str()
            .ok_or("the token response has no access_token")?
            .to_owned();
        let lifetime = Duration::from_secs(body["expires_in"].as_u64().unwrap_or(60));
        let until = Instant::now() + lifetime.saturating_sub(Self::MARGIN);
        *current = Some((token.clone(), until));
        Ok(token)
    }
}

/// Starts a token endpoint whose tokens live one second, and an API that answers every
/// call; makes three calls, the last after the first token expired. Returns the
/// `Authorization` headers the API received and how many tokens were issued.
pub async fn run() -> Result<(Vec<String>, usize), BoxError> {
    let server = MockServer::start().await;
    let issued = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = issued.clone();
    Mock::given(method("POST"))
        .and(path("/token"))
        // base64 of `my-app:my-secret`
        .and(header("authorization", "Basic bXktYXBwOm15LXNlY3JldA=="))
        .respond_with(move |_: &Request| {
            let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": format!("access-token-{n}"),
                "token_type": "Bearer",
                "expires_in": 1,
            }))
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/oauth"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;

    let credentials = Arc::new(ClientCredentials {
        http: reqwest::Client::new(),
        token_url: format!("{}/token", server.uri()),
        client_id: "my-app".to_owned(),
        client_secret: "my-secret".to_owned(),
        current: Mutex::new(None),
    });
    let client = Client::builder()
        .base_url(server.uri())
        .oauth(Token::from_source(move || {
            let credentials = credentials.clone();
            async move { credentials.token().await }
        }))
        .build()?;

    client.oauth().await?;
    client.oauth().await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    client.oauth().await?;

    let received = server.received_requests().await.unwrap_or_default();
    let authorizations = received
        .iter()
        .filter(|request| request.url.path() == "/oauth")
        .filter_map(|request| request.headers.get("authorization"))
        .filter_map(|value| value.to_str().ok().map(str::to_owned))
        .collect();
    Ok((
        authorizations,
        issued.load(std::sync::atomic::Ordering::SeqCst),
    ))
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let (authorizations, issued) = run().await?;
    for (call, authorization) in authorizations.iter().enumerate() {
        println!("call {}: Authorization: {authorization}", call + 1);
    }
    println!("{issued} tokens issued");
    Ok(())
}
