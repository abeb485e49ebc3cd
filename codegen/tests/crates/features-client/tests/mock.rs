//! The styles client's mock server: a call made with some arguments always matches the
//! expectation stated with the same arguments, in every location and style the mock
//! reads; other arguments do not.

use features_client::styles::mock::MockServer;
use features_client::styles::types::{Order, Rgb};
use features_client::styles::Client;
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
/// segment must hold something).
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;=/?&#%+.:@!$'()*~é中-]{1,12}"
}

/// Header-safe text (what a header can carry).
fn header_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9=/?&%+.:@!$'()*~-]{1,12}"
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
            let error = $client.$op(other).await.expect_err(stringify!($op));
            assert_eq!(error.status().map(|s| s.as_u16()), Some(501));
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
            let error = client.submit_form(&changed).await.expect_err("submit_form");
            assert_eq!(error.status().map(|s| s.as_u16()), Some(501));
        });
    }
}
