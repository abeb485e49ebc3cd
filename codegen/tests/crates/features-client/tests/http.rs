//! The client generated from `features.yaml` against a real HTTP server on 127.0.0.1.

use features_client::types::{
    self, Circle, CreateWidgetError, GetTreeId, KeyList, ListWidgetsError, ListWidgetsParams,
    ListWidgetsSort, Shape, Square, WidgetInput,
};
use features_client::Client;
use openapi_clientgen_runtime::codegen::serde_json::{self, json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod common;

use common::serve;

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.remove(0)
}

fn widget_json() -> Value {
    json!({
        "id": "w1", "name": "Gear", "type": "metal", "self": null, "2fa": true,
        "content-type": "text/plain", "@id": "urn:w1", "priority": 2, "weight": 1.5,
        "labels": {"a": 1}, "settings": {"theme": "dark", "compact": true},
        "dimensions": {"width": 2.0, "height": 3.5}, "id_or_name": "gear",
        "created_at": "2026-01-01T00:00:00Z"
    })
}

#[tokio::test]
async fn an_operation_without_operation_id_is_named_after_method_and_path() {
    let (server, client) = serve(
        "GET",
        "/status",
        ResponseTemplate::new(200).set_body_json(json!({"ok": true})),
    )
    .await;
    let response = client.get_status().await.unwrap();
    assert_eq!(response.ok, Some(true));
    let request = only_request(&server).await;
    assert!(
        request.headers.get("x-api-token").is_none(),
        "`security: []` sends no token"
    );
}

#[tokio::test]
async fn a_query_string_in_the_path_key_is_sent_with_the_parameters() {
    let (server, client) = serve("GET", "/flags", ResponseTemplate::new(204)).await;
    let params = types::GetFlagsParams {
        name: Some("dark mode".into()),
    };
    client.get_flags(&params).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/flags");
    assert_eq!(request.url.query(), Some("beta=true&name=dark%20mode"));
}

#[tokio::test]
async fn query_arrays_headers_and_optional_parameters() {
    let (server, client) = serve(
        "GET",
        "/widgets",
        ResponseTemplate::new(200).set_body_json(json!([widget_json()])),
    )
    .await;
    let params = ListWidgetsParams {
        limit: Some(10),
        sort: Some(ListWidgetsSort::Name2),
        ids: Some(vec![3, 4]),
        page: Some(2),
    };
    let widgets = client
        .list_widgets(&["red".into(), "blue green".into()], "req-1", &params)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(widgets.len(), 1);
    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("tags=red&tags=blue%20green&limit=10&sort=-name&ids=3&ids=4&page=2")
    );
    assert_eq!(request.headers["x-request-id"], "req-1");
    assert_eq!(request.headers["x-api-token"], "secret");

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    client
        .list_widgets(&[], "req-2", &ListWidgetsParams::default())
        .await
        .unwrap();
    assert_eq!(
        only_request(&server).await.url.query(),
        None,
        "nothing optional is sent"
    );
}

#[tokio::test]
async fn merged_all_of_with_escaped_names_and_extras_round_trips() {
    let (server, client) = serve(
        "GET",
        "/widgets/w%201",
        ResponseTemplate::new(200).set_body_json(widget_json()),
    )
    .await;
    let widget = client.get_widget("w 1").await.unwrap().into_inner();
    only_request(&server).await;
    assert_eq!(widget.id, "w1");
    assert_eq!(
        widget.id_2.as_deref(),
        Some("urn:w1"),
        "`@id` yields `id` to `id`"
    );
    assert_eq!(widget.name, "Gear");
    assert_eq!(widget.r#type.as_deref(), Some("metal"));
    assert_eq!(widget.self_, Some(None));
    assert_eq!(widget.n2fa, Some(true));
    assert_eq!(widget.content_type.as_deref(), Some("text/plain"));
    assert_eq!(widget.priority, Some(2));
    assert_eq!(widget.labels.as_ref().unwrap()["a"], 1);
    let settings = widget.settings.as_ref().unwrap();
    assert_eq!(settings.theme.as_deref(), Some("dark"));
    assert_eq!(settings.extra.to_map()["compact"], true);
    assert_eq!(
        widget.id_or_name,
        Some(types::WidgetIdOrName::String("gear".into()))
    );
    assert_eq!(serde_json::to_value(&widget).unwrap(), widget_json());
}

/// A call's future can run on another task: it is `Send`, and it borrows only the client.
#[tokio::test]
async fn calls_run_on_spawned_tasks() {
    let (_server, client) = serve(
        "GET",
        "/widgets/w1",
        ResponseTemplate::new(200).set_body_json(widget_json()),
    )
    .await;
    let id = String::from("w1");
    let task = tokio::spawn(async move { client.get_widget(&id).await });
    let widget = task.await.unwrap().unwrap().into_inner();
    assert_eq!(widget.name, "Gear");
}

#[tokio::test]
async fn json_form_and_multipart_bodies() {
    let (server, client) = serve(
        "POST",
        "/widgets",
        ResponseTemplate::new(201).set_body_json(widget_json()),
    )
    .await;
    let input = WidgetInput {
        name: "Gear".into(),
        ..Default::default()
    };
    client.create_widget(&input).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.headers["content-type"], "application/json");
    assert_eq!(
        serde_json::from_slice::<Value>(&request.body).unwrap(),
        json!({"name": "Gear"})
    );

    let (server, client) = serve("POST", "/widgets/7/rename", ResponseTemplate::new(200)).await;
    let body = types::RenameWidgetBody {
        name: "New & improved".into(),
        force: Some(true),
        ..Default::default()
    };
    client.rename_widget(7, &body).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        request.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "name=New%20%26%20improved&force=true"
    );

    let (server, client) =
        serve("POST", "/widgets/7/attachments", ResponseTemplate::new(200)).await;
    let body = types::AttachBody {
        title: Some("Spec \"v2\"".into()),
        count: Some(2),
        labels: Some(vec!["a".into(), "b".into()]),
        ..Default::default()
    };
    client.attach(7, &body).await.unwrap();
    let request = only_request(&server).await;
    let content_type = request.headers["content-type"].to_str().unwrap().to_owned();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a boundary");
    let text = String::from_utf8(request.body).unwrap();
    let parts: Vec<&str> = text.split(&format!("--{boundary}")).collect();
    assert_eq!(parts.len(), 6, "{text}");
    // Parts come in the alphabetical order of their names; a list repeats its part.
    assert_eq!(
        parts[1],
        "\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n2\r\n"
    );
    assert_eq!(
        parts[2],
        "\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\na\r\n"
    );
    assert_eq!(
        parts[3],
        "\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\nb\r\n"
    );
    assert_eq!(
        parts[4],
        "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nSpec \"v2\"\r\n"
    );
    assert_eq!(parts[5], "--\r\n");
}

#[tokio::test]
async fn an_optional_body_is_sent_only_when_given() {
    let (server, client) = serve(
        "PATCH",
        "/widgets/w1",
        ResponseTemplate::new(200).set_body_json(widget_json()),
    )
    .await;
    client.patch_widget("w1", None).await.unwrap();
    let input = WidgetInput {
        name: "Cog".into(),
        ..Default::default()
    };
    client.patch_widget("w1", Some(&input)).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].body.is_empty());
    assert!(requests[0].headers.get("content-type").is_none());
    assert_eq!(
        serde_json::from_slice::<Value>(&requests[1].body).unwrap(),
        json!({"name": "Cog"})
    );
}

#[tokio::test]
async fn no_content_and_referenced_error_responses() {
    let (server, client) = serve("DELETE", "/widgets/w1", ResponseTemplate::new(204)).await;
    let response = client.delete_widget("w1").await.unwrap();
    assert_eq!(response.status(), 204);
    only_request(&server).await;

    let (_server, client) = serve(
        "DELETE",
        "/widgets/w1",
        ResponseTemplate::new(404).set_body_json(json!({"message": "no widget"})),
    )
    .await;
    let error = client.delete_widget("w1").await.unwrap_err();
    match error.documented() {
        Some(types::DeleteWidgetError::NotFound(problem)) => {
            assert_eq!(problem.message, "no widget")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn status_ranges_and_default_responses_are_matched_by_status() {
    for (status, expected) in [
        (418, "client"),
        (404, "client"),
        (503, "other"),
        (302, "other"),
    ] {
        let (_server, client) = serve(
            "GET",
            "/widgets",
            ResponseTemplate::new(status).set_body_json(json!({"message": "nope", "code": status})),
        )
        .await;
        let error = client
            .list_widgets(&[], "r", &ListWidgetsParams::default())
            .await
            .unwrap_err();
        match (error.documented(), expected) {
            (Some(ListWidgetsError::ClientError(problem)), "client") => {
                assert_eq!(problem.code, Some(status.into()))
            }
            (Some(ListWidgetsError::Other(problem)), "other") => {
                assert_eq!(problem.message, "nope")
            }
            (other, _) => panic!("{status}: {other:?}"),
        }
        assert_eq!(error.status().unwrap().as_u16(), status);
    }
    let (_server, client) = serve(
        "POST",
        "/widgets",
        ResponseTemplate::new(422).set_body_json(json!({"errors": ["name is taken"]})),
    )
    .await;
    let input = WidgetInput {
        name: "Gear".into(),
        ..Default::default()
    };
    let error = client.create_widget(&input).await.unwrap_err();
    match error.documented() {
        Some(CreateWidgetError::UnprocessableEntity(body)) => {
            assert_eq!(
                body.errors.as_deref(),
                Some(&["name is taken".to_owned()][..])
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(error.message(), "name is taken");
}

#[tokio::test]
async fn discriminated_unions_are_read_by_their_tag() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/shapes"))
        .respond_with(|request: &Request| {
            ResponseTemplate::new(200).set_body_bytes(request.body.clone())
        })
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("secret")
        .build()
        .unwrap();
    let circle = Shape::Circle(Box::new(Circle {
        kind: "round".into(),
        radius: 2.0,
        ..Default::default()
    }));
    assert_eq!(
        client.echo_shape(&circle).await.unwrap().into_inner(),
        circle
    );
    let square = Shape::Square(Box::new(Square {
        kind: "square".into(),
        side: 1.0,
        ..Default::default()
    }));
    assert_eq!(
        client.echo_shape(&square).await.unwrap().into_inner(),
        square
    );

    let decoded: Shape = serde_json::from_value(json!({"kind": "square", "side": 4})).unwrap();
    assert!(matches!(decoded, Shape::Square(s) if s.side == 4.0));
    // Without a mapping, a variant's component name selects it, and so does the one
    // value its schema allows the tag.
    for kind in ["triangle", "three_sided"] {
        let decoded: Shape = serde_json::from_value(json!({"kind": kind, "base": 3})).unwrap();
        assert!(
            matches!(decoded, Shape::Triangle(t) if t.base == 3.0),
            "{kind}"
        );
    }
    let decoded: Shape = serde_json::from_value(json!({"kind": "five_sided"})).unwrap();
    assert!(matches!(decoded, Shape::Pentagon(_)));
    let error = serde_json::from_value::<Shape>(json!({"kind": "hexagon"})).unwrap_err();
    assert_eq!(error.to_string(), "unknown `kind`: Some(\"hexagon\")");
}

#[tokio::test]
async fn recursive_schemas_and_union_path_parameters() {
    let tree = json!({
        "name": "root",
        "parent": null,
        "children": [{"name": "leaf", "parent": {"name": "root"}, "children": []}]
    });
    let (server, client) = serve(
        "GET",
        "/trees/root",
        ResponseTemplate::new(200).set_body_json(&tree),
    )
    .await;
    let node = client
        .get_tree(GetTreeId::String("root".into()))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(node.parent, Some(None));
    let children = node.children.as_ref().unwrap();
    assert_eq!(
        children[0].parent.as_ref().unwrap().as_ref().unwrap().name,
        "root"
    );
    assert_eq!(serde_json::to_value(&node).unwrap(), tree);
    only_request(&server).await;

    let (_server, client) = serve(
        "GET",
        "/trees/42",
        ResponseTemplate::new(200).set_body_json(json!({"name": "n"})),
    )
    .await;
    client.get_tree(GetTreeId::Integer(42)).await.unwrap();
}

#[test]
fn the_server_url_with_variables_is_the_default() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://api.example.com/v1");
    let client = Client::builder().token("t").build().unwrap();
    assert_eq!(client.base_url(), "https://api.example.com/v1");
}

#[test]
fn integer_enums_and_exclusive_bounds_take_their_base_type() {
    // A body the client sends: it is written, never read.
    let input = WidgetInput {
        name: "x".to_owned(),
        priority: Some(3_i64),
        weight: Some(0.5_f64),
        ..WidgetInput::default()
    };
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({"name": "x", "priority": 3, "weight": 0.5})
    );
}

#[test]
fn a_declared_type_wins_over_keywords_of_other_types() {
    let value = json!({"keys": ["a", "b"], "label": "text"});
    let decoded: KeyList = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(
        decoded.keys.as_deref(),
        Some(&["a".to_owned(), "b".to_owned()][..])
    );
    assert_eq!(decoded.label.as_deref(), Some("text"));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
}
