//! The mock servers of the styles and features clients: a call made with some arguments
//! always matches the expectation stated with the same arguments, in every parameter
//! location and style and for every kind of body the mock reads; other arguments do not.
//! The answers each documented response states reach the client as stated.

use features_client::styles::mock::MockServer;
use features_client::styles::types::{Order, Rgb};
use features_client::styles::Client;
use features_client::types::{
    AttachBody, ChatChunk, GetReportResponse, ImportRecordsMergePatchBody, StreamChatBody,
    UploadDocumentsBody, UploadDocumentsBodyMetadata, UploadDocumentsBodyOwner,
};
use futures_util::StreamExt;
use openapi_clientgen_runtime::{Body, FilePart};
use proptest::prelude::*;

fn rgb() -> impl Strategy<Value = Rgb> {
    (any::<i64>(), any::<i64>(), any::<i64>()).prop_map(|(r, g, b)| Rgb {
        r,
        g,
        b,
        ..Default::default()
    })
}

/// Text with reserved, unreserved, non-ASCII and space characters (not empty: a path
/// segment must hold something; not only dots: the client refuses a value that makes a
/// `.` or `..` segment, which would change the path).
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;=/?&#%+.:@!$'()*~é中-]{1,12}"
        .prop_filter("a dot segment", |t| t.chars().any(|c| c != '.'))
}

/// Header-safe text (what a header can carry).
fn header_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9=/?&%+.:@!$'()*~-]{1,12}"
}

/// The error of a call that no expectation answers: the mock's 501.
fn unexpected<T: std::fmt::Debug, E: std::fmt::Debug>(
    result: Result<T, openapi_clientgen_runtime::Error<E>>,
) -> openapi_clientgen_runtime::Error<E> {
    let error = result.expect_err("no expectation answers this request");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(501), "{error:?}");
    error
}

/// Runs `body` on a runtime of its own, for a proptest case.
fn run<F: std::future::Future<Output = ()>>(body: F) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(body);
}

macro_rules! check {
    ($server:expr, $client:expr, $op:ident, $value:expr, $other:expr) => {{
        let found = $server
            .$op(|when, then| {
                when.color($value);
                then.no_content();
            })
            .await;
        $client.$op($value).await.expect(stringify!($op));
        assert_eq!(found.calls().await, 1, stringify!($op));
        if let Some(other) = $other {
            unexpected($client.$op(other).await);
        }
        drop(found);
    }};
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn calls_match_the_expectations_stated_with_the_same_arguments(
        s in text(),
        h in header_text(),
        list in prop::collection::vec(text(), 1..4),
        color in rgb(),
    ) {
        run(async {
            let server = MockServer::start().await;
            let client = Client::builder().base_url(server.uri()).build().unwrap();
            let other = Rgb { r: color.r.wrapping_add(1), ..color.clone() };
            let mut longer = list.clone();
            longer.push("x".into());
            check!(server, client, path_simple_flat_string, &s, Some(&format!("{s}x")));
            check!(server, client, path_label_exploded_array, &list, Some(&longer));
            check!(server, client, path_matrix_flat_object, &color, Some(&other));
            check!(server, client, query_form_flat_array, &list, Some(&longer));
            check!(server, client, query_form_exploded_object, &color, Some(&other));
            check!(server, client, query_space_delimited_flat_array, &list, Some(&longer));
            check!(server, client, query_pipe_delimited_flat_object, &color, Some(&other));
            check!(server, client, query_deep_object_exploded_object, &color, Some(&other));
            check!(server, client, header_simple_flat_string, &h, Some(&format!("{h}x")));
            check!(server, client, header_simple_exploded_object, &color, Some(&other));
            check!(server, client, cookie_form_flat_object, &color, Some(&other));
            check!(server, client, cookie_form_exploded_array, &list, Some(&longer));

            // A form body, its fields compared in any order.
            let order = Order {
                name: s.clone(),
                tags: list.clone(),
                color: color.clone(),
                ..Default::default()
            };
            let found = server
                .submit_form(|when, then| {
                    when.body(&order);
                    then.no_content();
                })
                .await;
            client.submit_form(&order).await.expect("submit_form");
            assert_eq!(found.calls().await, 1);
            let changed = Order { tags: longer.clone(), ..order.clone() };
            unexpected(client.submit_form(&changed).await);
        });
    }
}

/// The arguments of a multipart upload, from which a body is built as often as needed (a
/// file part is read once).
#[derive(Debug, Clone)]
struct Upload {
    title: String,
    tags: Vec<String>,
    pages: Option<i64>,
    cover: Vec<u8>,
    cover_name: Option<String>,
    checksum: Option<String>,
    attachments: Vec<Vec<u8>>,
    signature: Option<String>,
}

impl Upload {
    /// The body, its second attachment (if any) streamed in two chunks.
    fn body(&self) -> UploadDocumentsBody {
        let mut cover = FilePart::new(self.cover.clone());
        if let Some(name) = &self.cover_name {
            cover = cover.file_name(name.clone());
        }
        if let Some(checksum) = &self.checksum {
            cover = cover.header("X-Checksum", checksum.clone());
        }
        let attachments = self
            .attachments
            .iter()
            .enumerate()
            .map(|(i, bytes)| {
                if i == 1 {
                    let (a, b) = bytes.split_at(bytes.len() / 2);
                    let chunks = vec![Ok::<_, std::io::Error>(a.to_vec()), Ok(b.to_vec())];
                    FilePart::new(Body::from_stream(futures_util::stream::iter(chunks)))
                } else {
                    FilePart::new(bytes.clone()).media_type("text/csv")
                }
            })
            .collect();
        UploadDocumentsBody {
            title: self.title.clone(),
            tags: Some(self.tags.clone()),
            metadata: self.pages.map(|pages| UploadDocumentsBodyMetadata {
                pages: Some(pages),
                ..Default::default()
            }),
            cover,
            attachments: Some(attachments),
            owner: self.signature.as_ref().map(|svg| UploadDocumentsBodyOwner {
                name: Some("Ada".into()),
                signature: Some(FilePart::new(svg.clone())),
            }),
        }
    }
}

fn upload() -> impl Strategy<Value = Upload> {
    (
        text(),
        prop::collection::vec(text(), 0..3),
        prop::option::of(any::<i64>()),
        prop::collection::vec(any::<u8>(), 0..64),
        prop::option::of(text()),
        prop::option::of(header_text()),
        prop::collection::vec(prop::collection::vec(any::<u8>(), 0..32), 0..3),
        prop::option::of("<svg>[a-z ]{0,8}</svg>"),
    )
        .prop_map(
            |(title, tags, pages, cover, cover_name, checksum, attachments, signature)| Upload {
                title,
                tags,
                pages,
                cover,
                cover_name,
                checksum,
                attachments,
                signature,
            },
        )
}

/// `upload` changed in one of its parts, chosen by `which`.
fn changed(upload: &Upload, which: usize) -> Upload {
    let mut other = upload.clone();
    match which % 5 {
        0 => other.title.push('x'),
        1 => other.cover.push(0),
        2 => other.cover_name = Some(format!("{}x", other.cover_name.unwrap_or_default())),
        3 => other.checksum = Some(format!("{}x", other.checksum.unwrap_or_default())),
        _ => other.tags.push("x".into()),
    }
    other
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn multipart_calls_match_the_expectation_stated_with_the_same_body(
        sent in upload(),
        which in 0..5usize,
    ) {
        run(async {
            let (server, client) = start().await;
            let found = server
                .upload_documents(|when, then| {
                    when.body(sent.body());
                    then.created();
                })
                .await;
            client.upload_documents(sent.body()).await.expect("the same body");
            assert_eq!(found.calls().await, 1);
            unexpected(client.upload_documents(changed(&sent, which).body()).await);
            assert_eq!(found.calls().await, 1);
        });
    }
}

/// A features mock server and a client of it.
async fn start() -> (features_client::mock::MockServer, features_client::Client) {
    let server = features_client::mock::MockServer::start().await;
    let client = features_client::Client::builder()
        .base_url(server.uri())
        .token("t")
        .build()
        .unwrap();
    (server, client)
}

#[tokio::test]
async fn multipart_bodies_of_plain_values_are_matched_by_parts() {
    let (server, client) = start().await;
    let body = AttachBody {
        title: Some("Spec \"v2\"".into()),
        count: Some(2),
        labels: Some(vec!["a".into(), "b".into()]),
        ..Default::default()
    };
    let found = server
        .attach(|when, then| {
            when.widget_id(7).body(&body);
            then.ok();
        })
        .await;
    client.attach(7, &body).await.unwrap();
    let fewer = AttachBody {
        labels: Some(vec!["a".into()]),
        ..body.clone()
    };
    unexpected(client.attach(7, &fewer).await);
    assert_eq!(found.calls().await, 1);
}

#[tokio::test]
async fn text_and_binary_bodies_are_matched_byte_for_byte_with_their_media_type() {
    let (server, client) = start().await;
    let every_byte: Vec<u8> = (0..=255).collect();
    let text = server
        .import_records_text(|when, then| {
            when.body("a\nb\n");
            then.ok(&Default::default());
        })
        .await;
    let chunks = vec![
        Ok::<_, std::io::Error>(every_byte[..100].to_vec()),
        Ok(every_byte[100..].to_vec()),
    ];
    let binary = server
        .upload_file(|when, then| {
            when.name("all")
                .body(Body::from_stream(futures_util::stream::iter(chunks)));
            then.ok(b"stored".to_vec());
        })
        .await;
    client.import_records_text("a\nb\n").await.unwrap();
    unexpected(client.import_records_text("a\nb").await);
    assert_eq!(text.calls().await, 1);

    let stored = client.upload_file("all", every_byte.clone()).await.unwrap();
    assert_eq!(&stored.into_inner().collect().await.unwrap()[..], b"stored");
    // The same bytes as another media type are another request.
    unexpected(
        client
            .upload_file("all", Body::from(every_byte).media_type("image/png"))
            .await,
    );
    assert_eq!(binary.calls().await, 1);
}

#[tokio::test]
async fn json_bodies_of_another_json_media_type_are_matched_with_it() {
    let (server, client) = start().await;
    let body = ImportRecordsMergePatchBody {
        remove: Some(vec!["a".into()]),
        ..Default::default()
    };
    let patch = server
        .import_records_merge_patch(|when, then| {
            when.body(&body);
            then.ok(&Default::default());
        })
        .await;
    client.import_records_merge_patch(&body).await.unwrap();
    // The same JSON as `application/json` is another request.
    let plain = openapi_clientgen_runtime::codegen::reqwest::Client::new()
        .post(format!("{}/records", server.uri()))
        .header("content-type", "application/json")
        .body(r#"{"remove":["a"]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status().as_u16(), 501);
    assert_eq!(patch.calls().await, 1);
}

#[tokio::test]
async fn stated_events_reach_the_client_as_events() {
    let (server, client) = start().await;
    let chunks = [
        ChatChunk {
            index: Some(0),
            delta: Some("Hel".into()),
            ..Default::default()
        },
        ChatChunk {
            index: Some(1),
            delta: Some("lo\n".into()),
            ..Default::default()
        },
    ];
    let _chat = server
        .stream_chat(|when, then| {
            when.body(&StreamChatBody {
                prompt: Some("hi".into()),
                ..Default::default()
            });
            then.ok(&chunks);
        })
        .await;
    let _log = server
        .tail_log(|_, then| {
            then.ok(&["first line\nsecond line", "last\r\n"]);
        })
        .await;
    let body = StreamChatBody {
        prompt: Some("hi".into()),
        ..Default::default()
    };
    let received: Vec<ChatChunk> = client
        .stream_chat(&body)
        .await
        .unwrap()
        .into_inner()
        .map(|event| event.unwrap().data)
        .collect()
        .await;
    assert_eq!(received, chunks);
    let lines: Vec<String> = client
        .tail_log()
        .await
        .unwrap()
        .into_inner()
        .map(|event| event.unwrap().data)
        .collect()
        .await;
    assert_eq!(lines, ["first line\nsecond line", "last\n"]);

    // The same streams read by an independent parser.
    let http = reqwest::Client::new();
    let read = |response: reqwest::Response| async move {
        use eventsource_stream::Eventsource;
        let events: Vec<_> = response.bytes_stream().eventsource().collect().await;
        events
            .into_iter()
            .map(|event| event.unwrap().data)
            .collect::<Vec<String>>()
    };
    let chat = http
        .post(format!("{}/chat", server.uri()))
        .header("x-api-token", "t")
        .header("content-type", "application/json")
        .body(r#"{"prompt": "hi"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(chat.headers()["content-type"], "text/event-stream");
    let data = read(chat).await;
    let decoded: Vec<ChatChunk> = data
        .iter()
        .map(|data| serde_json::from_str(data).unwrap())
        .collect();
    assert_eq!(decoded, chunks);
    let log = http
        .get(format!("{}/log", server.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(read(log).await, ["first line\nsecond line", "last\n"]);
}

#[tokio::test]
async fn answers_of_several_media_types_are_read_by_their_content_type() {
    let (server, client) = start().await;
    let _csv = server
        .get_report(|when, then| {
            when.id(1);
            then.ok("text/csv", "a,b\n");
        })
        .await;
    let _pdf = server
        .get_report(|when, then| {
            when.id(2);
            then.ok("application/pdf", b"%PDF-1.7".to_vec());
        })
        .await;
    match client.get_report(1).await.unwrap().into_inner() {
        GetReportResponse::Text(text) => assert_eq!(text, "a,b\n"),
        other => panic!("expected text, got {other:?}"),
    }
    match client.get_report(2).await.unwrap().into_inner() {
        GetReportResponse::Bytes(bytes) => {
            assert_eq!(&bytes.collect().await.unwrap()[..], b"%PDF-1.7")
        }
        other => panic!("expected bytes, got {other:?}"),
    }
}

#[tokio::test]
async fn an_expectation_that_cannot_be_written_says_why_in_the_answer() {
    let (server, client) = start().await;
    let upload = Upload {
        title: "report".into(),
        tags: Vec::new(),
        pages: None,
        cover: b"png".to_vec(),
        cover_name: None,
        checksum: Some("ab".into()),
        attachments: Vec::new(),
        signature: None,
    };
    let _broken = server
        .upload_documents(|when, then| {
            // A header value cannot hold a line break: no request can match this.
            let unwritable = Upload {
                checksum: Some("ab\r\nX-Evil: 1".into()),
                ..upload.clone()
            };
            when.body(unwritable.body());
            then.created();
        })
        .await;
    let error = unexpected(client.upload_documents(upload.body()).await);
    let text = String::from_utf8_lossy(error.raw_body().unwrap_or_default()).into_owned();
    assert!(
        text.contains(
            "matches nothing: the header `X-Checksum` of the multipart part `cover` cannot be sent"
        ),
        "{text}"
    );
}

#[tokio::test]
async fn a_delayed_answer_lets_a_test_see_the_client_time_out() {
    let server = features_client::mock::MockServer::start().await;
    let _slow = server
        .get_report(|when, then| {
            when.id(1);
            then.ok("text/csv", "a,b\n")
                .delay(std::time::Duration::from_secs(5));
        })
        .await;
    let client = features_client::Client::builder()
        .base_url(server.uri())
        .token("t")
        .timeout(std::time::Duration::from_millis(200))
        .retry_policy(openapi_clientgen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let error = client.get_report(1).await.unwrap_err();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{error}"
    );
    match error {
        openapi_clientgen_runtime::Error::Request(e) => assert!(e.is_timeout(), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_answer_that_cannot_be_written_is_a_500_saying_why() {
    let (server, client) = start().await;
    let _not_a_status = server
        .get_report(|when, then| {
            when.id(1);
            then.status(1000);
        })
        .await;
    let _not_a_header = server
        .get_report(|when, then| {
            when.id(2);
            then.ok("text/csv", "a\n").header("x-note", "a\r\nb");
        })
        .await;
    let _not_a_media_type = server
        .get_report(|when, then| {
            when.id(3);
            then.ok("text/csv\n", "a\n");
        })
        .await;
    for (id, why) in [
        (1, "1000 is not an HTTP status"),
        (2, "`x-note: a\r\nb` cannot be a header"),
        (3, "`text/csv\n` cannot be a `Content-Type`"),
    ] {
        let error = client.get_report(id).await.unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
        let text = String::from_utf8_lossy(error.raw_body().unwrap_or_default()).into_owned();
        assert_eq!(text, format!("the mock's answer cannot be written: {why}"));
    }
}

/// The document's server is `https://{host}/v1`: the mock answers under `/v1` as that
/// server does, and a request outside it is no operation's. Its answer sets the documented
/// headers by type.
#[tokio::test]
async fn the_mock_answers_under_the_api_base_path_with_typed_headers() {
    let (server, client) = start().await;
    assert!(server.uri().ends_with("/v1"), "{}", server.uri());
    let _stated = server
        .get_status(|_, then| {
            then.ok(&features_client::types::GetStatusResponse {
                ok: Some(true),
                ..Default::default()
            })
            // The documented response headers, typed.
            .x_rate_limit_remaining_header(7)
            .x_regions_header(&["eu".to_owned(), "us".to_owned()]);
        })
        .await;
    let response = client.get_status().await.unwrap();
    let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok());
    assert_eq!(header("x-rate-limit-remaining"), Some("7"));
    assert_eq!(header("x-regions"), Some("eu,us"));
    assert_eq!(response.into_inner().ok, Some(true));
    // The same call to the server's root, without the base path, matches nothing.
    let root = server.uri().trim_end_matches("/v1").to_owned();
    let outside = features_client::Client::builder()
        .base_url(root)
        .build()
        .unwrap();
    unexpected(outside.get_status().await);
}
