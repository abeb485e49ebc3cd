//! A client whose methods and types are behind the features of their tags, built with
//! this crate's default features (`pets` only).

#![cfg(feature = "pets")]

use features_client::tagged::types::{Health, Pet, ServerRegion};
use features_client::tagged::Client;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_enabled_tag_and_untagged_operations_are_there() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "Rex"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/stores/1/pets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"name": "Rex"}])))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/health"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    // `pets` is on: its methods and the types they use (`Pet`, and `Person` through it).
    let pet: Pet = client.get_pet(1).await.unwrap().into_inner();
    assert_eq!(pet.name, "Rex");
    assert!(pet.owner.is_none());
    // An operation with several tags is there with any of them.
    let pets = client.list_store_pets(1).await.unwrap().into_inner();
    assert_eq!(pets.len(), 1);
    // Untagged operations and what the builder uses are always there.
    let health: Health = client.health().await.unwrap().into_inner();
    assert_eq!(health.ok, Some(true));
    let built = Client::builder().region(ServerRegion::Us).build().unwrap();
    assert_eq!(built.base_url(), "https://us.example.com");
}

/// What `stores` and `full` add is compiled only with them (this crate builds without
/// them, so their items must be left out whole, each part of each type): their items are
/// in files of their own, which the main file includes under their `cfg`.
#[test]
fn the_other_tags_follow_their_features() {
    let out = env!("OUT_DIR");
    let code = include_str!(concat!(env!("OUT_DIR"), "/tagged.rs"));
    let part =
        |name: &str| std::fs::read_to_string(format!("{out}/tagged.features/{name}")).unwrap();
    assert!(code
        .contains("#[cfg(feature = \"stores\")]\ninclude!(\"tagged.features/stores.client.rs\");"));
    assert!(part("stores.client.rs").contains("    #[inline]\n    pub fn get_store("));
    assert!(code.contains(
        "    #[cfg(feature = \"full\")]\n    include!(\"tagged.features/full.types.rs\");"
    ));
    let unused = part("full.types.rs");
    assert!(unused.contains("#[derive(Debug, Clone, PartialEq, Default)]\npub struct Unused"));
    assert!(unused.contains("__rt::serde_struct!(Unused,"));
    // The webhooks module and its events' own types, behind `webhooks`.
    assert!(code.contains("#[cfg(feature = \"webhooks\")]\npub mod webhooks {"));
    assert!(part("webhooks.types.rs").contains("pub struct Adoption {"));
    // Nothing of theirs is left in the main file.
    assert!(!code.contains("pub struct Adoption"));
    assert!(!code.contains("pub fn get_store("));
    assert!(!code.contains("pub struct Unused"));
    // The mock server's methods, with theirs, in the main file.
    assert!(code.contains("#[cfg(feature = \"stores\")]\n        pub async fn get_store("));
}

/// The mock server has the methods the enabled tags have (this crate's tests turn its
/// feature `mock` on).
#[tokio::test]
async fn the_mock_server_follows_the_features_too() {
    let server = features_client::tagged::mock::MockServer::start().await;
    let stated = server
        .get_pet(|when, then| {
            when.id(1);
            then.ok(&Pet {
                name: "Rex".into(),
                ..Default::default()
            });
        })
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    assert_eq!(client.get_pet(1).await.unwrap().into_inner().name, "Rex");
    assert_eq!(stated.calls().await, 1);
}
