//! Multipart bodies with files, read on a server on 127.0.0.1 by an independent parser
//! (`multer`) into exactly the parts that were sent.

use features_client::types::{
    UploadDocumentsBody, UploadDocumentsBodyMetadata, UploadDocumentsBodyOwner,
};
use features_client::Client;
use openapi_clientgen_runtime::codegen::bytes::Bytes;
use openapi_clientgen_runtime::{Body, FilePart};
use wiremock::{MockServer, ResponseTemplate};

/// One part as the parser read it: name, file name, media type, content.
type Part = (String, Option<String>, Option<String>, Vec<u8>);

async fn parse(request: &wiremock::Request) -> Vec<Part> {
    let content_type = request.headers["content-type"].to_str().unwrap();
    let boundary = multer::parse_boundary(content_type).unwrap();
    let body = Bytes::from(request.body.clone());
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.unwrap() {
        let name = field.name().unwrap().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let media = field.content_type().map(|m| m.to_string());
        parts.push((
            name,
            file_name,
            media,
            field.bytes().await.unwrap().to_vec(),
        ));
    }
    parts
}

fn part(name: &str, file_name: Option<&str>, media: Option<&str>, content: &[u8]) -> Part {
    (
        name.to_owned(),
        file_name.map(str::to_owned),
        media.map(str::to_owned),
        content.to_vec(),
    )
}

mod common;

async fn server() -> (MockServer, Client) {
    common::serve("POST", "/documents", ResponseTemplate::new(201)).await
}

#[tokio::test]
async fn files_fields_lists_and_nested_forms_arrive_as_sent() {
    let (server, client) = server().await;
    let every_byte: Vec<u8> = (0..=255).collect();
    let streamed = futures_util::stream::iter(vec![
        Ok::<_, std::io::Error>(b"streamed ".to_vec()),
        Ok(b"in two chunks".to_vec()),
    ]);
    let body = UploadDocumentsBody {
        title: "Q3 \"final\" report".into(),
        tags: Some(vec!["finance".into(), "2026".into()]),
        metadata: Some(UploadDocumentsBodyMetadata {
            pages: Some(12),
            ..Default::default()
        }),
        cover: FilePart::new(every_byte.clone()).file_name("cover.png"),
        attachments: Some(vec![
            FilePart::new("a,b\n1,2\n")
                .file_name("table.csv")
                .media_type("text/csv"),
            FilePart::new(Body::from_stream(streamed)).file_name("notes.txt"),
        ]),
        owner: Some(UploadDocumentsBodyOwner {
            name: Some("Ada".into()),
            signature: Some(FilePart::new("<svg/>")),
        }),
    };
    let response = client.upload_documents(body).await.unwrap();
    assert_eq!(response.status(), 201);

    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    // A stream among the files makes the whole body a stream.
    assert_eq!(request.headers["transfer-encoding"], "chunked");
    assert_eq!(
        parse(request).await,
        vec![
            part("title", None, None, b"Q3 \"final\" report"),
            part("tags", None, None, b"finance"),
            part("tags", None, None, b"2026"),
            part(
                "metadata",
                None,
                Some("application/json"),
                br#"{"pages":12}"#
            ),
            // The document's `encoding` gives the cover its media type.
            part("cover", Some("cover.png"), Some("image/png"), &every_byte),
            part(
                "attachments",
                Some("table.csv"),
                Some("text/csv"),
                b"a,b\n1,2\n"
            ),
            part(
                "attachments",
                Some("notes.txt"),
                Some("application/octet-stream"),
                b"streamed in two chunks"
            ),
            part("owner[name]", None, None, b"Ada"),
            // `contentMediaType` gives the signature its media type; the file name
            // defaults to the property's.
            part(
                "owner[signature]",
                Some("signature"),
                Some("image/svg+xml"),
                b"<svg/>"
            ),
        ]
    );
}

#[tokio::test]
async fn a_form_of_bytes_is_sent_with_its_length_and_absent_fields_send_no_part() {
    let (server, client) = server().await;
    let body = UploadDocumentsBody {
        title: String::new(),
        tags: None,
        metadata: None,
        cover: FilePart::new(Vec::new()).media_type("image/jpeg"),
        attachments: None,
        owner: None,
    };
    client.upload_documents(body).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    assert_eq!(
        request.headers["content-length"].to_str().unwrap(),
        request.body.len().to_string()
    );
    assert_eq!(
        parse(request).await,
        vec![
            part("title", None, None, b""),
            part("cover", Some("cover"), Some("image/jpeg"), b""),
        ]
    );
}

#[tokio::test]
async fn a_file_part_carries_the_headers_its_encoding_describes() {
    let (server, client) = server().await;
    let body = UploadDocumentsBody {
        title: "t".into(),
        cover: FilePart::new("png").header("X-Checksum", "ab12"),
        tags: None,
        metadata: None,
        attachments: None,
        owner: None,
    };
    client.upload_documents(body).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let content_type = requests[0].headers["content-type"].to_str().unwrap();
    let boundary = multer::parse_boundary(content_type).unwrap();
    let bytes = Bytes::from(requests[0].body.clone());
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut checksums = Vec::new();
    while let Some(field) = multipart.next_field().await.unwrap() {
        checksums.push((
            field.name().unwrap().to_owned(),
            field
                .headers()
                .get("x-checksum")
                .map(|v| v.to_str().unwrap().to_owned()),
        ));
    }
    assert_eq!(
        checksums,
        [
            ("title".to_owned(), None),
            ("cover".to_owned(), Some("ab12".to_owned()))
        ]
    );

    // A header that would break out of its line is refused before anything is sent.
    let body = UploadDocumentsBody {
        title: "t".into(),
        cover: FilePart::new("png").header("X-Checksum", "ab\r\nX-Evil: 1"),
        tags: None,
        metadata: None,
        attachments: None,
        owner: None,
    };
    let error = client.upload_documents(body).await.unwrap_err();
    assert!(error.to_string().contains("`X-Checksum`"), "{error}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
