//! Paging against servers on 127.0.0.1: each convention of `tests/fixtures/pages.yaml`,
//! each rule that ends paging, and what happens when a page fails or the consumer stops.

use std::time::Duration;

use features_client::pages::types::{Item, ListMessagesParams, ListNumberedParams, SearchBody};
use features_client::pages::{types, Client};
use futures_util::{StreamExt, TryStreamExt};
use openapi_clientgen_runtime::codegen::serde_json::{json, Value};
use openapi_clientgen_runtime::{Error, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap()
}

fn query(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

fn items(ids: impl IntoIterator<Item = i64>) -> Vec<Value> {
    ids.into_iter()
        .map(|id| json!({"id": id, "name": format!("item {id}")}))
        .collect()
}

fn ids(items: &[Item]) -> Vec<i64> {
    items.iter().map(|item| item.id).collect()
}

/// Serves `path` with `answer`, given each request.
async fn serve(
    server: &MockServer,
    verb: &str,
    route: &str,
    answer: impl Fn(&Request) -> ResponseTemplate + Send + Sync + 'static,
) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(answer)
        .mount(server)
        .await;
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

#[tokio::test]
async fn azure_next_links_are_followed_until_there_is_none() {
    let server = MockServer::start().await;
    let uri = server.uri();
    serve(&server, "GET", "/azure", move |request| {
        let body = match query(request, "$skiptoken").as_deref() {
            None => json!({"value": items([1, 2]), "nextLink": format!("{uri}/azure?api-version=1&$skiptoken=2")}),
            Some(_) => json!({"value": items([3]), "nextLink": null}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let found: Vec<Item> = client(&server)
        .list_azure_stream("1")
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [1, 2, 3]);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    // The next link is taken as given: its query, not the first call's again.
    assert_eq!(sent[1].url.query(), Some("api-version=1&$skiptoken=2"));
}

#[tokio::test]
async fn a_relative_next_link_under_a_dotted_name_is_resolved_against_the_page() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/azure/odata", |request| {
        let body = match query(request, "page").as_deref() {
            None => json!({"items": items([1]), "@odata.nextLink": "odata?page=2"}),
            Some("2") => json!({"items": items([2]), "@odata.nextLink": "/azure/odata?page=3"}),
            Some(_) => json!({"items": items([3])}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let found: Vec<Item> = client(&server)
        .list_odata_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [1, 2, 3]);
}

#[tokio::test]
async fn offsets_advance_by_the_items_received_and_a_short_page_is_the_last() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/speakeasy/offset", |request| {
        let offset: i64 = query(request, "offset").unwrap().parse().unwrap();
        let limit: i64 = query(request, "limit").unwrap().parse().unwrap();
        let data = items((offset..offset + limit).filter(|id| *id < 5));
        ResponseTemplate::new(200).set_body_json(json!({ "data": data }))
    })
    .await;
    let params = types::ListOffsetsParams {
        offset: Some(0),
        limit: Some(2),
    };
    let found: Vec<Item> = client(&server)
        .list_offsets_stream(&params)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [0, 1, 2, 3, 4]);
    let offsets: Vec<Option<String>> = requests(&server)
        .await
        .iter()
        .map(|r| query(r, "offset"))
        .collect();
    // Three pages: the third has one item of the two asked for, so there is no fourth.
    assert_eq!(
        offsets,
        [Some("0".into()), Some("2".into()), Some("4".into())]
    );
}

#[tokio::test]
async fn a_cursor_seen_before_ends_paging() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/speakeasy/cursor", |request| {
        let body = match query(request, "after").as_deref() {
            None => json!({"data": items([1]), "next": "a"}),
            Some("a") => json!({"data": items([2]), "next": "b"}),
            // A server that repeats itself.
            Some(_) => json!({"data": items([3]), "next": "b"}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let params = types::ListCursorsParams::default();
    let found: Vec<Item> = client(&server)
        .list_cursors_stream(&params)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [1, 2, 3]);
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn a_cursor_page_shorter_than_the_limit_is_the_last() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/speakeasy/cursor-limit", |request| {
        assert_eq!(query(request, "limit").as_deref(), Some("2"));
        let body = match query(request, "after").as_deref() {
            None => json!({"data": items([1, 2]), "next": "a"}),
            // A short page that still gives a cursor.
            _ => json!({"data": items([3]), "next": "b"}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let params = types::ListCursorsLimitedParams {
        limit: Some(2),
        ..Default::default()
    };
    let found: Vec<Item> = client(&server)
        .list_cursors_limited_stream(&params)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [1, 2, 3]);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn an_empty_last_page_ends_paging() {
    // Past the last page: an object without the list and cursor, which is a page of no
    // items, or no body at all, which is no page.
    let cases = [
        (ResponseTemplate::new(200).set_body_json(json!({})), 2),
        (ResponseTemplate::new(200), 1),
    ];
    for (last, page_count) in cases {
        let server = MockServer::start().await;
        serve(
            &server,
            "GET",
            "/speakeasy/cursor",
            move |request| match query(request, "after").as_deref() {
                None => ResponseTemplate::new(200)
                    .set_body_json(json!({"data": items([1]), "next": "a"})),
                _ => last.clone(),
            },
        )
        .await;
        let params = types::ListCursorsParams::default();
        let found: Vec<Item> = client(&server)
            .list_cursors_stream(&params)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(ids(&found), [1]);
        let pages: Vec<_> = client(&server)
            .list_cursors_pages(&params)
            .pages()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages.len(), page_count, "{pages:?}");
        assert_eq!(requests(&server).await.len(), 4);
    }
}

#[tokio::test]
async fn a_list_paged_by_its_shape_stops_when_has_more_is_false() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/shaped", |request| {
        assert_eq!(query(request, "limit").as_deref(), Some("2"));
        let (ids, more) = match query(request, "after").as_deref() {
            None => (vec![1, 2], true),
            Some("2") => (vec![3, 4], false),
            Some(other) => panic!("unexpected cursor {other}"),
        };
        let last = ids.last().map(ToString::to_string);
        let body = json!({"object": "list", "data": items(ids), "last_id": last, "has_more": more});
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let params = types::ListShapedParams {
        limit: Some(2),
        ..Default::default()
    };
    let found: Vec<Item> = client(&server)
        .list_shaped_stream(&params)
        .try_collect()
        .await
        .unwrap();
    // The second page is full, but says no more follow: no third request.
    assert_eq!(ids(&found), [1, 2, 3, 4]);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn next_urls_in_the_body_are_followed() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/speakeasy/url", |request| {
        let body = match query(request, "page").as_deref() {
            None => json!({"data": items([1]), "links": {"next": "/speakeasy/url?page=2"}}),
            _ => json!({"data": items([2]), "links": {"next": null}}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let found: Vec<Item> = client(&server)
        .list_urls_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [1, 2]);
}

#[tokio::test]
async fn a_cursor_goes_into_the_body_beside_the_other_properties() {
    let server = MockServer::start().await;
    serve(&server, "POST", "/speakeasy/search", |request| {
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body["query"], "blue", "{body}");
        let page = match body["cursor"].as_str() {
            None => json!({"data": items([1]), "next": "c2"}),
            Some("c2") => json!({"data": items([2]), "next": null}),
            Some(other) => panic!("{other}"),
        };
        ResponseTemplate::new(200).set_body_json(page)
    })
    .await;
    let body = SearchBody {
        query: "blue".into(),
        ..Default::default()
    };
    let found: Vec<Item> = client(&server)
        .search_stream(&body)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [1, 2]);
}

#[tokio::test]
async fn page_numbers_stop_at_an_empty_page() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/fern/offset", |request| {
        let page: i64 = query(request, "page").map_or(1, |p| p.parse().unwrap());
        let data = if page <= 2 { items([page]) } else { items([]) };
        ResponseTemplate::new(200).set_body_json(json!({ "data": data }))
    })
    .await;
    let params = types::ListFernPagesParams::default();
    let found: Vec<Item> = client(&server)
        .list_fern_pages_stream(&params)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [1, 2]);
    let pages: Vec<Option<String>> = requests(&server)
        .await
        .iter()
        .map(|r| query(r, "page"))
        .collect();
    // The first call sends no page; the next ones count on from 1.
    assert_eq!(pages, [None, Some("2".into()), Some("3".into())]);
}

#[tokio::test]
async fn fern_cursors_and_uris_are_followed() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/fern/cursor", |request| {
        let body = match query(request, "starting_after").as_deref() {
            None => json!({"data": items([1]), "next": "1"}),
            _ => json!({"data": items([2])}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    serve(&server, "GET", "/fern/uri", |request| {
        let body = match query(request, "page").as_deref() {
            None => json!({"data": items([1]), "next": "/fern/uri?page=2"}),
            _ => json!({"data": items([2]), "next": ""}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let client = client(&server);
    let params = types::ListFernCursorsParams::default();
    let by_cursor: Vec<Item> = client
        .list_fern_cursors_stream(&params)
        .try_collect()
        .await
        .unwrap();
    let by_uri: Vec<Item> = client.list_fern_uris_stream().try_collect().await.unwrap();
    assert_eq!((ids(&by_cursor), ids(&by_uri)), (vec![1, 2], vec![1, 2]));
}

#[tokio::test]
async fn dropshot_pages_by_page_token() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/dropshot", |request| {
        assert_eq!(query(request, "limit").as_deref(), Some("1"));
        let body = match query(request, "page_token").as_deref() {
            None => json!({"items": items([1]), "next_page": "t1"}),
            Some("t1") => json!({"items": items([2]), "next_page": null}),
            Some(other) => panic!("{other}"),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let params = types::ListDropshotParams {
        limit: Some(1),
        ..Default::default()
    };
    let found: Vec<Item> = client(&server)
        .list_dropshot_stream(&params)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [1, 2]);
}

#[tokio::test]
async fn the_link_header_s_next_link_is_followed() {
    let server = MockServer::start().await;
    let uri = server.uri();
    serve(&server, "GET", "/linked", move |request| {
        let page: i64 = query(request, "page").map_or(1, |p| p.parse().unwrap());
        let mut answer = ResponseTemplate::new(200).set_body_json(items([page]));
        if page < 3 {
            let next = format!(
                r#"<{uri}/linked?page={}>; rel="next", <{uri}/linked?page=3>; rel="last""#,
                page + 1
            );
            answer = answer.insert_header("link", next.as_str());
        }
        answer
    })
    .await;
    let params = types::ListLinkedParams::default();
    let found: Vec<Item> = client(&server)
        .list_linked_stream(&params)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [1, 2, 3]);
}

/// Serves `/numbered`: `count` items, two per page, and the count in `meta`.
async fn numbered(server: &MockServer, count: i64) {
    serve(server, "GET", "/numbered", move |request| {
        let page: i64 = query(request, "page").map_or(1, |p| p.parse().unwrap());
        let start = (page - 1) * 2 + 1;
        // Items past the total, which paging must not ask for (up to a point, so that a
        // client that ignored the total would fail here rather than loop).
        let data = if page <= 10 {
            items(start..start + 2)
        } else {
            items([])
        };
        ResponseTemplate::new(200).set_body_json(json!({
            "meta": {"count": count, "current_page": page},
            "payload": data,
        }))
    })
    .await;
}

#[tokio::test]
async fn paging_stops_once_the_total_the_response_gives_is_reached() {
    let server = MockServer::start().await;
    numbered(&server, 5).await;
    let params = ListNumberedParams { page: Some(1) };
    let found: Vec<Item> = client(&server)
        .list_numbered_stream(&params)
        .try_collect()
        .await
        .unwrap();
    // The server always fills a page: the third ends with an item past the total.
    assert_eq!(ids(&found), [1, 2, 3, 4, 5, 6]);
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn whole_pages_carry_their_metadata_and_the_page_cap_holds() {
    let server = MockServer::start().await;
    numbered(&server, 100).await;
    let params = ListNumberedParams::default();
    let pages: Vec<_> = client(&server)
        .list_numbered_pages(&params)
        .max_pages(2)
        .pages()
        .try_collect()
        .await
        .unwrap();
    let current: Vec<Option<i64>> = pages
        .iter()
        .map(|page| page.meta.as_ref().and_then(|meta| meta.current_page))
        .collect();
    assert_eq!(current, [Some(1), Some(2)]);
    assert!(pages.iter().all(|page| page.status() == 200));
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn older_messages_are_asked_for_before_the_oldest_one_received() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/messages", |request| {
        let before: i64 = query(request, "before").map_or(8, |b| b.parse().unwrap());
        let data = items((before - 3).max(1)..before);
        ResponseTemplate::new(200).set_body_json(json!({ "payload": data }))
    })
    .await;
    let params = ListMessagesParams::default();
    let found: Vec<Item> = client(&server)
        .list_messages_stream(&params)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [5, 6, 7, 2, 3, 4, 1]);
    let before: Vec<Option<String>> = requests(&server)
        .await
        .iter()
        .map(|r| query(r, "before"))
        .collect();
    assert_eq!(
        before,
        [None, Some("5".into()), Some("2".into()), Some("1".into())]
    );
}

#[tokio::test]
async fn a_next_link_to_another_origin_is_an_error_and_is_not_followed() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    let other = elsewhere.uri();
    serve(&server, "GET", "/azure", move |_: &Request| {
        ResponseTemplate::new(200).set_body_json(
            json!({"value": items([1]), "nextLink": format!("{other}/azure?page=2")}),
        )
    })
    .await;
    let client = client(&server);
    let results: Vec<Result<Item, Error<std::convert::Infallible>>> =
        client.list_azure_stream("1").collect().await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().id, 1);
    let error = results[1].as_ref().unwrap_err();
    assert!(matches!(error, Error::Pages(_)), "{error:?}");
    assert!(error.to_string().contains("another origin"), "{error}");
    assert!(requests(&elsewhere).await.is_empty());
}

#[tokio::test]
async fn a_page_that_fails_is_an_error_and_the_end() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/numbered", |request| {
        match query(request, "page").as_deref() {
            None => ResponseTemplate::new(200)
                .set_body_json(json!({"meta": {"count": 10}, "payload": items([1, 2])})),
            _ => ResponseTemplate::new(404).set_body_json(json!({"error": "gone"})),
        }
    })
    .await;
    let params = ListNumberedParams::default();
    let results: Vec<_> = client(&server)
        .list_numbered_stream(&params)
        .collect()
        .await;
    assert_eq!(results.len(), 3, "{results:?}");
    let error = results[2].as_ref().unwrap_err();
    match error.documented() {
        Some(types::ListNumberedError::NotFound(body)) => {
            assert_eq!(body.error.as_deref(), Some("gone"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn each_page_goes_through_the_retry_policy() {
    let server = MockServer::start().await;
    let failed = std::sync::atomic::AtomicBool::new(false);
    serve(&server, "GET", "/numbered", move |request: &Request| {
        let page = query(request, "page");
        if page.as_deref() == Some("2") && !failed.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return ResponseTemplate::new(503);
        }
        let body = match page.as_deref() {
            None => json!({"payload": items([1])}),
            Some("2") => json!({"payload": items([2])}),
            _ => json!({"payload": []}),
        };
        ResponseTemplate::new(200).set_body_json(body)
    })
    .await;
    let params = ListNumberedParams::default();
    let found: Vec<Item> = client(&server)
        .list_numbered_stream(&params)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&found), [1, 2]);
    // The first page, the second twice, the empty third.
    assert_eq!(requests(&server).await.len(), 4);
}

#[tokio::test]
async fn a_stream_dropped_after_its_first_item_asks_for_no_more_pages() {
    let server = MockServer::start().await;
    numbered(&server, 100).await;
    let params = ListNumberedParams::default();
    let client = client(&server);
    let mut stream = Box::pin(client.list_numbered_stream(&params));
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.id, 1);
    drop(stream);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(requests(&server).await.len(), 1);
}

#[test]
fn an_operation_whose_next_link_name_is_null_answers_in_one_page() {
    let code = include_str!(concat!(env!("OUT_DIR"), "/pages.rs"));
    assert!(code.contains("pub fn list_single("));
    assert!(!code.contains("list_single_stream"));
}
