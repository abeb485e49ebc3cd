//! Which credentials arrive, for every kind of security scheme and every shape of
//! requirement, at a real HTTP server on 127.0.0.1: exactly those the operation's
//! requirement names, and nothing else.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use features_client::auth::types::ServerRegion;
use features_client::auth::{Client, ClientBuilder};
use openapi_clientgen_runtime::{BuildError, Error, Token};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Every place a credential can travel in, as `place name=value` lines, sorted.
fn credentials_in(request: &Request) -> Vec<String> {
    let mut seen = Vec::new();
    for (name, value) in request.headers.iter() {
        let name = name.as_str();
        if [
            "x_api_key",
            "x-api-key",
            "x-timeout-key",
            "authorization",
            "cookie",
        ]
        .contains(&name)
        {
            seen.push(format!("header {name}={}", value.to_str().unwrap()));
        }
    }
    for (name, value) in request.url.query_pairs() {
        seen.push(format!("query {name}={value}"));
    }
    seen.sort();
    seen
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

/// A client of `server` with every credential set.
fn every_credential(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .header_key("H")
        .query_key("Q")
        .cookie_key("C")
        .basic("Aladdin", "open sesame")
        .bearer("B")
        .signature("Signature keyId=k,signature=s")
        .oauth("O")
        .oidc("I")
        .timeout_credential("T")
}

/// The credentials the one request `call` makes carries.
async fn sent_by<F, Fut>(server: &MockServer, call: F) -> Vec<String>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(server)
        .await;
    call().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    credentials_in(&requests[0])
}

macro_rules! call {
    ($client:expr, $method:ident) => {
        || async { $client.$method().await.map(drop).map_err(|e| e.to_string()) }
    };
}

#[tokio::test]
async fn each_scheme_kind_sends_its_credential_and_nothing_else() {
    let server = server().await;
    let client = every_credential(&server).build().unwrap();
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "document default",
            sent_by(&server, call!(client, document_default)).await,
        ),
        ("query", sent_by(&server, call!(client, query)).await),
        ("cookie", sent_by(&server, call!(client, cookie)).await),
        ("basic", sent_by(&server, call!(client, basic)).await),
        ("bearer", sent_by(&server, call!(client, bearer)).await),
        (
            "signature",
            sent_by(&server, call!(client, signature)).await,
        ),
        ("oauth", sent_by(&server, call!(client, oauth)).await),
        ("oidc", sent_by(&server, call!(client, oidc)).await),
        ("clash", sent_by(&server, call!(client, clash)).await),
    ];
    let expected: Vec<(&str, Vec<&str>)> = vec![
        ("document default", vec!["header x_api_key=H"]),
        ("query", vec!["query api_key=Q"]),
        ("cookie", vec!["header cookie=session=C"]),
        // RFC 7617's example: base64 of `Aladdin:open sesame`.
        (
            "basic",
            vec!["header authorization=Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="],
        ),
        ("bearer", vec!["header authorization=Bearer B"]),
        (
            "signature",
            vec!["header authorization=Signature keyId=k,signature=s"],
        ),
        ("oauth", vec!["header authorization=Bearer O"]),
        ("oidc", vec!["header authorization=Bearer I"]),
        ("clash", vec!["header x-timeout-key=T"]),
    ];
    for ((case, seen), (_, expected)) in cases.iter().zip(&expected) {
        assert_eq!(seen, expected, "{case}");
    }
}

#[tokio::test]
async fn requirement_shapes_send_what_the_document_says() {
    let server = server().await;
    let all = every_credential(&server).build().unwrap();
    // OR: the first alternative whose credentials are set.
    assert_eq!(
        sent_by(&server, call!(all, either)).await,
        ["header authorization=Bearer B"]
    );
    let key_only = Client::builder()
        .base_url(server.uri())
        .header_key("H")
        .build()
        .unwrap();
    assert_eq!(
        sent_by(&server, call!(key_only, either)).await,
        ["header x_api_key=H"]
    );
    // AND: every scheme of the alternative.
    assert_eq!(
        sent_by(&server, call!(all, all)).await,
        [
            "header cookie=session=C",
            "header x_api_key=H",
            "query api_key=Q"
        ]
    );
    // None, whatever the client holds.
    assert!(sent_by(&server, call!(all, none)).await.is_empty());
    // Optional (`{}`): sent when held, nothing otherwise.
    assert_eq!(
        sent_by(&server, call!(all, optional)).await,
        ["header authorization=Bearer B"]
    );
    assert!(sent_by(&server, call!(key_only, optional)).await.is_empty());
    // Mutual TLS needs nothing in the request.
    assert!(sent_by(&server, call!(all, mutual_tls)).await.is_empty());
    // A requirement naming an undefined scheme is left out; the other one applies.
    assert_eq!(
        sent_by(&server, call!(all, undefined)).await,
        ["header authorization=Bearer B"]
    );
}

#[tokio::test]
async fn an_unmet_requirement_fails_before_anything_is_sent() {
    let server = server().await;
    let key_only = Client::builder()
        .base_url(server.uri())
        .header_key("H")
        .query_key("Q")
        .build()
        .unwrap();
    // The operation's own requirement overrides the document's, which the client meets.
    let error = key_only.bearer().await.unwrap_err();
    assert!(matches!(error, Error::MissingCredentials(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "the operation needs credentials the client does not have; set `bearer` (bearer) on \
         the client builder"
    );
    // AND with one credential missing.
    let error = key_only.all().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "the operation needs credentials the client does not have; set `header_key` \
         (headerKey) and `query_key` (queryKey) and `cookie_key` (cookieKey) on the client \
         builder"
    );
    let nothing = Client::new(&server.uri()).unwrap();
    let error = nothing.either().await.unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("set `bearer` (bearer) or `header_key` (headerKey) on the client builder"),
        "{error}"
    );
    assert!(nothing.document_default().await.is_err());
    assert!(server.received_requests().await.unwrap().is_empty());
    nothing.none().await.unwrap();
    nothing.optional().await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn api_keys_are_encoded_for_the_query_and_the_cookie() {
    let server = server().await;
    let secret = "a&b=c+d %e;f,\"g\\é";
    let client = Client::builder()
        .base_url(server.uri())
        .header_key("H")
        .query_key(secret)
        .cookie_key(secret)
        .build()
        .unwrap();
    client.all().await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(query, [("api_key".to_owned(), secret.to_owned())]);
    let cookie = request.headers["cookie"].to_str().unwrap();
    assert_eq!(cookie, "session=a&b=c+d%20%25e%3Bf%2C%22g%5C%C3%A9");
}

#[tokio::test]
async fn cookie_parameters_and_cookie_credentials_share_one_header() {
    let server = server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .cookie_key("C")
        .build()
        .unwrap();
    client.cookie_and_parameter("dark").await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    let cookies: Vec<&str> = request
        .headers
        .get_all("cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(cookies, ["theme=dark; session=C"]);
}

#[tokio::test]
async fn hyphenated_api_key_headers() {
    let server = server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .header_key("H")
        .hyphenated_api_key_headers()
        .build()
        .unwrap();
    assert_eq!(
        sent_by(&server, call!(client, document_default)).await,
        ["header x-api-key=H"]
    );
}

#[tokio::test]
async fn a_token_source_is_asked_on_each_request() {
    let server = server().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let client = Client::builder()
        .base_url(server.uri())
        .oauth(Token::from_source(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move { Ok::<_, std::io::Error>(format!("token-{n}")) }
        }))
        .build()
        .unwrap();
    // Not asked for operations that do not take it.
    client.none().await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    for expected in ["Bearer token-1", "Bearer token-2"] {
        assert_eq!(
            sent_by(&server, call!(client, oauth)).await,
            [format!("header authorization={expected}")]
        );
    }
}

#[tokio::test]
async fn a_failing_token_source_fails_the_call_before_anything_is_sent() {
    let server = server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer(Token::from_source(|| async {
            Err::<String, _>(std::io::Error::other("the token endpoint is down"))
        }))
        .oauth(Token::from_source(|| async {
            Ok::<_, std::io::Error>("line\nbreak".to_owned())
        }))
        .build()
        .unwrap();
    let error = client.bearer().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Credential {
                scheme: "bearer",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "no credential for the security scheme `bearer`: the token endpoint is down"
    );
    let error = client.oauth().await.unwrap_err();
    assert!(!error.to_string().contains("line"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn credentials_that_cannot_be_sent_are_rejected_when_building() {
    let error = Client::builder().bearer("two\nlines").build().unwrap_err();
    assert!(
        matches!(error, BuildError::InvalidCredential("bearer")),
        "{error:?}"
    );
    assert!(!error.to_string().contains("lines"), "{error}");
    // Query and cookie keys are encoded, so any text goes.
    Client::builder()
        .query_key("two\nlines")
        .cookie_key("two\nlines")
        .build()
        .unwrap();
}

#[tokio::test]
async fn debug_output_never_shows_a_credential() {
    let server = server().await;
    let builder = every_credential(&server);
    let builder_debug = format!("{builder:?}");
    let client = builder.build().unwrap();
    let client_debug = format!("{client:?} {client:#?}");
    for text in [&builder_debug, &client_debug] {
        for secret in [
            "\"H\"",
            "\"Q\"",
            "\"C\"",
            "open sesame",
            "\"B\"",
            "keyId",
            "\"T\"",
        ] {
            assert!(!text.contains(secret), "{secret} shows in {text}");
        }
    }
    assert!(client_debug.contains("\"headerKey\""), "{client_debug}");
}

#[tokio::test]
async fn a_query_key_never_shows_in_an_error() {
    // A port bound but not listening, held until the call is made (so that no other test's
    // server takes it): the connection is refused, and reqwest's error names the URL.
    let refusing = tokio::net::TcpSocket::new_v4().unwrap();
    refusing.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let address = refusing.local_addr().unwrap();
    let secret = "query-secret-7f3a";
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .query_key(secret)
        .build()
        .unwrap();
    let error = client.query().await.unwrap_err();
    drop(refusing);
    assert!(matches!(error, Error::Request(_)), "{error:?}");
    let text = format!("{error} {error:?}");
    assert!(!text.contains(secret), "{text}");
    assert!(text.contains("api_key=REDACTED"), "{text}");

    // A body cut short: the error keeps reqwest's error, which may name the URL too.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut buffer = [0; 4096];
        let _ = stream.read(&mut buffer).await.unwrap();
        stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nshort")
            .await
            .unwrap();
    });
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .query_key(secret)
        .build()
        .unwrap();
    let error = client.query().await.unwrap_err();
    assert!(matches!(error, Error::IncompleteBody(_)), "{error:?}");
    let text = format!("{error} {error:?}");
    assert!(!text.contains(secret), "{text}");
}

#[tokio::test]
async fn no_credential_crosses_to_another_origin_on_redirect() {
    let elsewhere = server().await;
    let origin = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}/stolen", elsewhere.uri())),
        )
        .mount(&origin)
        .await;
    let client = every_credential(&origin).build().unwrap();
    for result in [
        client.document_default().await,
        client.query().await,
        client.cookie().await,
        client.basic().await,
        client.bearer().await,
        client.signature().await,
        client.oauth().await,
        client.all().await,
        client.clash().await,
    ] {
        let error = result.unwrap_err();
        assert!(
            error.to_string().contains("redirect to another origin"),
            "{error}"
        );
    }
    assert_eq!(origin.received_requests().await.unwrap().len(), 9);
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[test]
fn server_variables_build_the_base_url() {
    assert_eq!(
        Client::DEFAULT_BASE_URL,
        "https://eu.api.example.com/stable/v1"
    );
    let client = Client::builder().build().unwrap();
    assert_eq!(client.base_url(), "https://eu.api.example.com/stable/v1");
    let client = Client::builder()
        .region(ServerRegion::ApSouth)
        .base_path("v2")
        .build_variable("beta")
        .build()
        .unwrap();
    assert_eq!(
        client.base_url(),
        "https://ap-south.api.example.com/beta/v2"
    );
    let client = Client::builder()
        .region(ServerRegion::Us)
        .base_url("http://127.0.0.1:1/x")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "http://127.0.0.1:1/x");
}

#[allow(dead_code)] // its `main`
#[path = "../examples/oauth_client_credentials.rs"]
mod oauth_example;

#[tokio::test]
async fn the_oauth_example_refreshes_its_token_once_it_expires() {
    let (authorizations, issued) = oauth_example::run().await.unwrap();
    assert_eq!(
        authorizations,
        [
            "Bearer access-token-1",
            "Bearer access-token-1",
            "Bearer access-token-2"
        ]
    );
    assert_eq!(issued, 2);
}
