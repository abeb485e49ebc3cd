//! The generated client against a server on 127.0.0.1 that answers with the examples the
//! API document itself gives.

use canada_holidays::types::{
    ProvinceError, ProvinceId, ProvinceOptional, ProvinceParams, ProvinceProvinceId,
};
use canada_holidays::Client;
use openapi_clientgen_runtime::codegen::serde_json::{self, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const DOCUMENT: &str = include_str!("../spec/canada-holidays.json");

/// The example the document gives for a response of `GET /api/v1/provinces/{provinceId}`.
/// The document's example of the response `status` named `name`, with its `date` values
/// as dates: the examples give them as timestamps (`2025-10-15T13:51:01.967Z`), against
/// their own schema (`format: date`), while the API sends dates (`2025-01-01`).
fn example(status: &str, name: &str) -> Value {
    let document: Value = serde_json::from_str(DOCUMENT).unwrap();
    let mut value = document["paths"]["/api/v1/provinces/{provinceId}"]["get"]["responses"][status]
        ["content"]["application/json"]["examples"][name]["value"]
        .clone();
    fn dates(value: &mut Value) {
        match value {
            Value::Object(object) => {
                for (key, value) in object.iter_mut() {
                    match value {
                        Value::String(text) if key.ends_with("ate") && text.len() > 10 => {
                            text.truncate(10)
                        }
                        other => dates(other),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(dates),
            _ => {}
        }
    }
    dates(&mut value);
    value
}

/// Serves one request with `status` and `body`; returns the request line.
async fn serve_once(listener: TcpListener, status: &'static str, body: String) -> String {
    let (mut stream, _) = listener.accept().await.unwrap();
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.ends_with(b"\r\n\r\n") {
        let read = stream.read(&mut buffer).await.unwrap();
        assert!(read > 0);
        head.extend_from_slice(&buffer[..read]);
    }
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await.unwrap();
    let head = String::from_utf8(head).unwrap();
    head.lines().next().unwrap().to_owned()
}

async fn client_and_server(
    status: &'static str,
    body: &Value,
) -> (Client, tokio::task::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(serve_once(listener, status, body.to_string()));
    (
        Client::builder().base_url(base_url).build().unwrap(),
        server,
    )
}

#[tokio::test]
async fn a_province_is_decoded_and_keeps_what_the_document_does_not_name() {
    let body = example("200", "/provinces/MB");
    let (client, server) = client_and_server("200 OK", &body).await;
    let params = ProvinceParams {
        year: Some(2025),
        optional: Some(ProvinceOptional::N1),
    };
    let response = client
        .province(ProvinceProvinceId::Mb, &params)
        .await
        .unwrap();
    assert_eq!(
        server.await.unwrap(),
        "GET /api/v1/provinces/MB?year=2025&optional=1 HTTP/1.1"
    );

    let province = response.into_inner().province.unwrap();
    assert_eq!(province.id, ProvinceId::Mb);
    assert_eq!(province.name_en, "Manitoba");
    assert_eq!(province.next_holiday.unwrap().name_fr, "Jour de l’An");
    // The document's schema names no `holidays`; the server sends them all the same.
    let holidays: Vec<Value> =
        serde_json::from_str(province.extra.get("holidays").unwrap().get()).unwrap();
    assert_eq!(
        holidays,
        body["province"]["holidays"].as_array().unwrap().clone()
    );
}

#[tokio::test]
async fn a_bad_request_is_the_documented_error() {
    let body = example("400", "/provinces/100");
    let (client, server) = client_and_server("400 Bad Request", &body).await;
    let error = client
        .province(
            ProvinceProvinceId::Other("100".to_owned()),
            &ProvinceParams::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(server.await.unwrap(), "GET /api/v1/provinces/100 HTTP/1.1");
    let Some(ProvinceError::BadRequest(bad)) = error.documented() else {
        panic!("not the documented error: {error:?}");
    };
    assert_eq!(bad.error.as_ref().unwrap().status, Some(400));
    assert!(error
        .message()
        .starts_with("Error: request.params.provinceId should be"));
}
