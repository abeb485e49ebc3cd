//! Server-sent events from a server on 127.0.0.1 that sends them in awkward pieces: data
//! over several lines, comments, ids, a retry, line endings split across chunks, a `[DONE]`
//! sentinel, a clean end and a cut connection.

use std::time::Duration;

use features_client::types::{ChatChunk, StreamChatBody};
use features_client::Client;
use futures_util::StreamExt;
use openapi_clientgen_runtime::EventError;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server that answers one request with `head` and then `chunks`, one write each,
/// and closes the connection.
async fn serve(head: &'static str, chunks: Vec<&'static str>) -> Client {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut buffer = [0; 8192];
        let _ = stream.read(&mut buffer).await.unwrap();
        stream.write_all(head.as_bytes()).await.unwrap();
        for chunk in chunks {
            stream.write_all(chunk.as_bytes()).await.unwrap();
            stream.flush().await.unwrap();
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    });
    Client::builder()
        .base_url(base_url)
        .token("secret")
        .build()
        .unwrap()
}

const STREAM_HEAD: &str =
    "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n";

#[tokio::test]
async fn json_events_are_decoded_until_the_sentinel() {
    let client = serve(
        STREAM_HEAD,
        vec![
            ": keep-alive comment\n\nid: 1\nretry: 2500\ndata: {\"index\": 0,",
            "\ndata: \"delta\": \"Hel\"}\r",
            "\n\r\nevent: delta\nid: 2\ndata: {\"index\": 1, \"delta\": \"lo\"}\n\n",
            "data: [DONE]\n\ndata: {\"index\": 9, \"delta\": \"after the end\"}\n\n",
        ],
    )
    .await;
    let body = StreamChatBody {
        prompt: Some("hi".to_owned()),
        ..Default::default()
    };
    let events: Vec<_> = client
        .stream_chat(&body)
        .await
        .unwrap()
        .into_inner()
        .until("[DONE]")
        .collect()
        .await;
    let events: Vec<_> = events.into_iter().map(Result::unwrap).collect();
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0].event, "message");
    assert_eq!(events[0].id.as_deref(), Some("1"));
    assert_eq!(events[0].retry, Some(Duration::from_millis(2500)));
    assert_eq!(
        events[0].data,
        ChatChunk {
            index: Some(0),
            delta: Some("Hel".to_owned()),
            ..Default::default()
        }
    );
    assert_eq!(events[1].event, "delta");
    assert_eq!(events[1].id.as_deref(), Some("2"));
    assert_eq!(events[1].data.delta.as_deref(), Some("lo"));
}

#[tokio::test]
async fn text_events_end_with_the_connection() {
    let client = serve(
        STREAM_HEAD,
        vec![
            "data: first line\ndata: second line\n\n",
            "data: last\n\ndata: never dispatched",
        ],
    )
    .await;
    let events: Vec<String> = client
        .tail_log()
        .await
        .unwrap()
        .into_inner()
        .map(|event| event.unwrap().data)
        .collect()
        .await;
    assert_eq!(events, ["first line\nsecond line", "last"]);
}

#[tokio::test]
async fn a_cut_connection_is_an_error_item_and_the_end() {
    let client = serve(
        "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: 1000\r\n\r\n",
        vec!["data: {\"index\": 0}\n\ndata: {\"ind"],
    )
    .await;
    let body = StreamChatBody::default();
    let mut events = client.stream_chat(&body).await.unwrap().into_inner();
    assert_eq!(events.next().await.unwrap().unwrap().data.index, Some(0));
    assert!(matches!(events.next().await, Some(Err(EventError::Cut(_)))));
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn data_that_does_not_match_the_document_is_an_error_item_with_the_data() {
    let client = serve(STREAM_HEAD, vec!["data: {\"index\": \"zero\"}\n\n"]).await;
    let body = StreamChatBody::default();
    let mut events = client.stream_chat(&body).await.unwrap().into_inner();
    match events.next().await {
        Some(Err(EventError::Decode { data, .. })) => assert_eq!(data, "{\"index\": \"zero\"}"),
        other => panic!("{other:?}"),
    }
    assert!(events.next().await.is_none());
}
