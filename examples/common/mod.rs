//! What the examples share: where their calls go.

use std::future::Future;

use wiremock::MockServer;

/// The server the calls go to, and the token they carry.
pub struct Target {
    pub base_url: String,
    pub token: String,
    /// Keeps the stand-in server, if any, running as long as the target lives.
    _stand_in: Option<MockServer>,
}

/// `CHATWOOT_BASE_URL` and the token in the environment variable `token_var`; without
/// `CHATWOOT_BASE_URL`, a stand-in server on 127.0.0.1 and, unless `token_var` is set,
/// the token it expects.
pub async fn target<F>(
    token_var: &str,
    stand_in_token: &str,
    stand_in: impl FnOnce() -> F,
) -> Target
where
    F: Future<Output = MockServer>,
{
    let token = std::env::var(token_var);
    match std::env::var("CHATWOOT_BASE_URL") {
        Ok(base_url) => Target {
            base_url,
            token: token.unwrap_or_default(),
            _stand_in: None,
        },
        Err(_) => {
            let server = stand_in().await;
            eprintln!(
                "CHATWOOT_BASE_URL is not set: using a stand-in server at {}",
                server.uri()
            );
            Target {
                base_url: server.uri(),
                token: token.unwrap_or_else(|_| stand_in_token.to_owned()),
                _stand_in: Some(server),
            }
        }
    }
}
