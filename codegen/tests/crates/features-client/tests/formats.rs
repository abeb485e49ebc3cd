//! The client generated from `tests/fixtures/formats.yaml`: each format decodes into its
//! type, is sent back unchanged, and is written in parameters in its canonical text form;
//! a value that does not parse as its format is a decode error that keeps the response.

use features_client::formats::{types, Client};
use openapi_clientgen_runtime::codegen::chrono::{DateTime, NaiveDate, Utc};
use openapi_clientgen_runtime::codegen::serde_json::{self, json, Value};
use openapi_clientgen_runtime::codegen::uuid::Uuid;
use openapi_clientgen_runtime::{Decimal, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const ID: &str = "3f2b5c1e-8a4d-4e6b-9c7a-1d2e3f4a5b6c";

fn values() -> Value {
    json!({
        "int8": -128, "int16": 32767, "int32": -2147483648, "int64": 9223372036854775807i64,
        "uint8": 255, "uint16": 65535, "uint32": 4294967295u32, "uint64": 18446744073709551615u64,
        "plain_integer": -5, "float": 0.1, "double": 2.5,
        "decimal_number": 12345678901234567890.123456789f64,
        "decimal_string": "0.10",
        "created_at": "2026-12-01T10:30:00Z",
        "birthday": "1815-12-10",
        "id": ID,
        "avatar": "iVBORw0KGgo=",
        "homepage": "https://example.com/", "email": "ada@example.com", "opens_at": "09:00:00Z",
        "timeline": ["2026-01-01T00:00:00Z", "2026-06-30T23:59:59.5Z"],
        "nullable_at": null
    })
}

/// The values' JSON text with the decimal's 30 digits as written (a JSON value in Rust
/// would round them).
fn values_text() -> String {
    serde_json::to_string(&values())
        .unwrap()
        .replace("12345678901234567000", "12345678901234567890.123456789")
        .replace("1.2345678901234567e+19", "12345678901234567890.123456789")
}

async fn serve(status: u16, body: String) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    (server, client)
}

#[tokio::test]
async fn formats_decode_into_their_types_and_are_sent_back_unchanged() {
    let text = values_text();
    assert!(text.contains("12345678901234567890.123456789"), "{text}");
    let (server, client) = serve(200, text.clone()).await;
    let since: DateTime<Utc> = "2026-11-30T08:00:00+01:00".parse().unwrap();
    let id: Uuid = ID.parse().unwrap();
    let params = types::GetValuesParams {
        day: Some(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
        limit: Some(50),
        min_amount: Some("10.50".parse::<Decimal>().unwrap()),
    };
    let values = client
        .get_values(id, since, &params)
        .await
        .unwrap()
        .into_inner();

    assert_eq!(values.int8, Some(i8::MIN));
    assert_eq!(values.int32, Some(i32::MIN));
    assert_eq!(values.uint32, Some(u32::MAX));
    assert_eq!(values.uint64, Some(u64::MAX));
    assert_eq!(values.plain_integer, Some(-5i64));
    assert_eq!(
        values.decimal_number.as_ref().unwrap().as_str(),
        "12345678901234567890.123456789"
    );
    assert_eq!(values.created_at.unwrap().timestamp(), 1_796_121_000);
    assert_eq!(values.birthday, NaiveDate::from_ymd_opt(1815, 12, 10));
    assert_eq!(values.id, Some(id));
    assert_eq!(values.avatar.as_deref(), Some(&b"\x89PNG\r\n\x1a\n"[..]));
    assert_eq!(values.homepage.as_deref(), Some("https://example.com/"));
    assert_eq!(values.timeline.as_ref().unwrap().len(), 2);
    assert_eq!(values.nullable_at, Some(None));

    // Parameters in their canonical text form.
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.path(), format!("/values/{ID}"));
    assert_eq!(
        request.url.query(),
        Some("since=2026-11-30T07%3A00%3A00Z&day=2026-12-01&limit=50&min_amount=10.50")
    );

    // Sent back, the JSON is the same (the decimal's digits included).
    client.put_values(id, &values).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[1];
    let sent_text = String::from_utf8(sent.body.clone()).unwrap();
    assert!(
        sent_text.contains("\"decimal_number\":12345678901234567890.123456789"),
        "{sent_text}"
    );
    assert!(
        sent_text.contains("\"decimal_string\":\"0.10\""),
        "{sent_text}"
    );
    let mut sent: Value = serde_json::from_str(&sent_text).unwrap();
    let mut original: Value = serde_json::from_str(&text).unwrap();
    // A timestamp may be spelled in another RFC 3339 form (`.5` as `.500`), never another
    // instant.
    let instants = |value: &mut Value| -> Vec<DateTime<Utc>> {
        let timeline = value.as_object_mut().unwrap().remove("timeline").unwrap();
        serde_json::from_value(timeline).unwrap()
    };
    assert_eq!(instants(&mut sent), instants(&mut original));
    assert_eq!(sent, original);
}

#[tokio::test]
async fn timestamps_in_another_offset_keep_their_instant() {
    let text = r#"{"created_at":"2026-12-01T12:30:00+02:00"}"#.to_owned();
    let (_server, client) = serve(200, text).await;
    let since = DateTime::<Utc>::UNIX_EPOCH;
    let values = client
        .get_values(Uuid::nil(), since, &Default::default())
        .await
        .unwrap();
    let written = serde_json::to_value(&*values).unwrap();
    assert_eq!(written["created_at"], "2026-12-01T10:30:00Z");
}

#[tokio::test]
async fn a_value_that_is_not_its_format_is_a_decode_error_keeping_the_response() {
    for (body, needle) in [
        (
            r#"{"created_at":"yesterday"}"#,
            "input contains invalid characters",
        ),
        (r#"{"id":"not-a-uuid"}"#, "invalid character"),
        (r#"{"uint8":256}"#, "invalid value"),
        (r#"{"avatar":"***"}"#, "invalid base64"),
        (r#"{"decimal_string":"1,5"}"#, "not a decimal number"),
    ] {
        let (_server, client) = serve(200, body.to_owned()).await;
        let error = client
            .get_values(
                Uuid::nil(),
                DateTime::<Utc>::UNIX_EPOCH,
                &Default::default(),
            )
            .await
            .unwrap_err();
        let Error::Decode(decode) = &error else {
            panic!("{body}: {error:?}");
        };
        assert_eq!(decode.response.status, 200);
        assert_eq!(&decode.response.body[..], body.as_bytes());
        assert!(error.to_string().contains(needle), "{body}: {error}");
    }
}
