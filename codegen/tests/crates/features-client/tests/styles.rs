//! Each cell of the OpenAPI specification's "Style Examples" table (3.0.4 and 3.1.1),
//! sent by the client generated from `tests/fixtures/styles.yaml` to a server on
//! 127.0.0.1, arrives as the table writes it; so do form bodies, by their `encoding`.

use features_client::styles::{types, Client};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const STRING: &str = "blue";
fn array() -> Vec<String> {
    ["blue", "black", "brown"].map(String::from).to_vec()
}

fn rgb() -> types::Rgb {
    types::Rgb {
        r: 100,
        g: 200,
        b: 150,
        ..Default::default()
    }
}

async fn server() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    (server, client)
}

/// What the server received last: the path and query as sent, the `color` header and the
/// `Cookie` header.
async fn last(server: &MockServer) -> Request {
    server.received_requests().await.unwrap().pop().unwrap()
}

fn target(request: &Request) -> String {
    match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_owned(),
    }
}

fn header(request: &Request, name: &str) -> String {
    let values: Vec<&str> = request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    values.join("\n")
}

/// Calls each method with the table's string, array and object, and compares what
/// arrived (`$path` is the operation's path, `$part` picks the part compared) with the
/// table's cells.
macro_rules! cells {
    ($server:ident, $client:ident, $part:expr, [$(($method:ident, $value:expr, $expected:expr)),* $(,)?]) => {
        $(
            $client.$method($value).await.unwrap();
            let request = last(&$server).await;
            assert_eq!($part(&request), $expected, "{}", stringify!($method));
        )*
    };
}

#[tokio::test]
async fn path_parameters_arrive_as_the_table_writes_them() {
    let (server, client) = server().await;
    let (array, object) = (array(), rgb());
    let after =
        |prefix: &'static str| move |r: &Request| target(r).trim_start_matches(prefix).to_owned();
    cells!(
        server,
        client,
        after("/path-matrix-flat-string/"),
        [(path_matrix_flat_string, STRING, ";color=blue")]
    );
    cells!(
        server,
        client,
        after("/path-matrix-flat-array/"),
        [(path_matrix_flat_array, &array, ";color=blue,black,brown")]
    );
    cells!(
        server,
        client,
        after("/path-matrix-flat-object/"),
        [(path_matrix_flat_object, &object, ";color=R,100,G,200,B,150")]
    );
    cells!(
        server,
        client,
        after("/path-matrix-exploded-string/"),
        [(path_matrix_exploded_string, STRING, ";color=blue")]
    );
    cells!(
        server,
        client,
        after("/path-matrix-exploded-array/"),
        [(
            path_matrix_exploded_array,
            &array,
            ";color=blue;color=black;color=brown"
        )]
    );
    cells!(
        server,
        client,
        after("/path-matrix-exploded-object/"),
        [(path_matrix_exploded_object, &object, ";R=100;G=200;B=150")]
    );
    cells!(
        server,
        client,
        after("/path-label-flat-string/"),
        [(path_label_flat_string, STRING, ".blue")]
    );
    cells!(
        server,
        client,
        after("/path-label-flat-array/"),
        [(path_label_flat_array, &array, ".blue,black,brown")]
    );
    cells!(
        server,
        client,
        after("/path-label-flat-object/"),
        [(path_label_flat_object, &object, ".R,100,G,200,B,150")]
    );
    cells!(
        server,
        client,
        after("/path-label-exploded-string/"),
        [(path_label_exploded_string, STRING, ".blue")]
    );
    cells!(
        server,
        client,
        after("/path-label-exploded-array/"),
        [(path_label_exploded_array, &array, ".blue.black.brown")]
    );
    cells!(
        server,
        client,
        after("/path-label-exploded-object/"),
        [(path_label_exploded_object, &object, ".R=100.G=200.B=150")]
    );
    cells!(
        server,
        client,
        after("/path-simple-flat-string/"),
        [(path_simple_flat_string, STRING, "blue")]
    );
    cells!(
        server,
        client,
        after("/path-simple-flat-array/"),
        [(path_simple_flat_array, &array, "blue,black,brown")]
    );
    cells!(
        server,
        client,
        after("/path-simple-flat-object/"),
        [(path_simple_flat_object, &object, "R,100,G,200,B,150")]
    );
    cells!(
        server,
        client,
        after("/path-simple-exploded-string/"),
        [(path_simple_exploded_string, STRING, "blue")]
    );
    cells!(
        server,
        client,
        after("/path-simple-exploded-array/"),
        [(path_simple_exploded_array, &array, "blue,black,brown")]
    );
    cells!(
        server,
        client,
        after("/path-simple-exploded-object/"),
        [(path_simple_exploded_object, &object, "R=100,G=200,B=150")]
    );
}

#[tokio::test]
async fn query_parameters_arrive_as_the_table_writes_them() {
    let (server, client) = server().await;
    let (array, object) = (array(), rgb());
    let query = |r: &Request| r.url.query().unwrap_or_default().to_owned();
    cells!(
        server,
        client,
        query,
        [
            (query_form_flat_string, STRING, "color=blue"),
            (query_form_flat_array, &array, "color=blue,black,brown"),
            (query_form_flat_object, &object, "color=R,100,G,200,B,150"),
            (query_form_exploded_string, STRING, "color=blue"),
            (
                query_form_exploded_array,
                &array,
                "color=blue&color=black&color=brown"
            ),
            (query_form_exploded_object, &object, "R=100&G=200&B=150"),
            (
                query_space_delimited_flat_array,
                &array,
                "color=blue%20black%20brown"
            ),
            (
                query_space_delimited_flat_object,
                &object,
                "color=R%20100%20G%20200%20B%20150"
            ),
            (
                query_pipe_delimited_flat_array,
                &array,
                "color=blue%7Cblack%7Cbrown"
            ),
            (
                query_pipe_delimited_flat_object,
                &object,
                "color=R%7C100%7CG%7C200%7CB%7C150"
            ),
            (
                query_deep_object_exploded_object,
                &object,
                "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"
            ),
        ]
    );
}

#[tokio::test]
async fn header_and_cookie_parameters_arrive_as_the_table_writes_them() {
    let (server, client) = server().await;
    let (array, object) = (array(), rgb());
    let color = |r: &Request| header(r, "color");
    cells!(
        server,
        client,
        color,
        [
            (header_simple_flat_string, STRING, "blue"),
            (header_simple_flat_array, &array, "blue,black,brown"),
            (header_simple_flat_object, &object, "R,100,G,200,B,150"),
            (header_simple_exploded_string, STRING, "blue"),
            (header_simple_exploded_array, &array, "blue,black,brown"),
            (header_simple_exploded_object, &object, "R=100,G=200,B=150"),
        ]
    );
    // Cookies are `form` pairs separated by `; ` (the specification's Appendix D).
    let cookie = |r: &Request| header(r, "cookie");
    cells!(
        server,
        client,
        cookie,
        [
            (cookie_form_flat_string, STRING, "color=blue"),
            (cookie_form_flat_array, &array, "color=blue,black,brown"),
            (cookie_form_flat_object, &object, "color=R,100,G,200,B,150"),
            (cookie_form_exploded_string, STRING, "color=blue"),
            (
                cookie_form_exploded_array,
                &array,
                "color=blue; color=black; color=brown"
            ),
            (cookie_form_exploded_object, &object, "R=100; G=200; B=150"),
        ]
    );
}

#[tokio::test]
async fn a_placeholder_that_appears_twice_is_filled_twice() {
    let (server, client) = server().await;
    client.twice("eu west").await.unwrap();
    assert_eq!(
        target(&last(&server).await),
        "/regions/eu%20west/zones/eu%20west-a"
    );
}

#[tokio::test]
async fn content_parameters_defaults_and_optional_parameters() {
    let (server, client) = server().await;
    client.json_content(&rgb()).await.unwrap();
    let request = last(&server).await;
    assert_eq!(
        request.url.query(),
        Some("filter=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D")
    );

    // Unset optional parameters send nothing.
    client.defaults(&[1, 2], &Default::default()).await.unwrap();
    let request = last(&server).await;
    assert_eq!(target(&request), "/defaults/1,2");
    assert_eq!(header(&request, "x-trace"), "");
    assert_eq!(header(&request, "cookie"), "");

    let params = types::DefaultsParams {
        tags: Some(vec!["a b".into(), "c".into()]),
        filter: Some(rgb()),
        q: Some("a/b?c=d".into()),
        filter_2: Some("name eq 'x/y'".into()),
        x_trace: Some(vec!["t1".into(), "t2".into()]),
        session: Some("s 1".into()),
    };
    client.defaults(&[7], &params).await.unwrap();
    let request = last(&server).await;
    assert_eq!(
        target(&request),
        // `$` and `/` kept as Azure's mark asks; `'` encoded by the URL parser (the WHATWG
        // query encode set), which a server reads as the same value.
        "/defaults/7?tags=a%20b&tags=c&R=100&G=200&B=150&q=a/b?c%3Dd&$filter=name%20eq%20%27x/y%27"
    );
    assert_eq!(header(&request, "x-trace"), "t1,t2");
    assert_eq!(header(&request, "cookie"), "session=s%201");
}

fn order() -> types::Order {
    types::Order {
        name: "Ada Lovelace".into(),
        tags: array(),
        color: rgb(),
        sizes: Some(vec![38, 40]),
        note: Some("a+b=c&d".into()),
        metadata: Some([("k".to_owned(), "v".to_owned())].into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn form_bodies_arrive_as_their_encoding_says() {
    let (server, client) = server().await;
    client.submit_form(&order()).await.unwrap();
    let request = last(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "name=Ada%20Lovelace&tags=blue&tags=black&tags=brown&R=100&G=200&B=150\
         &sizes=38&sizes=40&note=a%2Bb%3Dc%26d&k=v"
    );

    client.submit_encoded_form(&order()).await.unwrap();
    let request = last(&server).await;
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "name=Ada%20Lovelace&tags=blue%7Cblack%7Cbrown\
         &color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150\
         &sizes=38,40&note=a%2Bb%3Dc%26d&metadata=%7B%22k%22%3A%22v%22%7D"
    );
}

#[tokio::test]
async fn accept_lists_the_media_types_the_document_declares() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"R":1,"G":2,"B":3}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    assert_eq!(client.anything().await.unwrap().g, 2);
    assert_eq!(header(&last(&server).await, "accept"), "*/*");
    client.json_or_problem().await.unwrap();
    assert_eq!(
        header(&last(&server).await, "accept"),
        "application/json, application/problem+json"
    );
}
