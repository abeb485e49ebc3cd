//! Documents made to break the generator: text must stay text, and strange documents must
//! give code that parses or an error with a location, never a panic.
//!
//! That `fixtures/hostile.json` compiles without warnings is checked by the
//! `features-client` crate, which builds it.

use openapi_clientgen::{Generator, Location, Syntax};
use proc_macro2::{TokenStream, TokenTree};

const HOSTILE: &str = include_str!("fixtures/hostile.json");

fn idents(tokens: TokenStream, found: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => found.push(ident.to_string()),
            TokenTree::Group(group) => idents(group.stream(), found),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

#[test]
fn document_text_stays_in_doc_comments_and_string_literals() {
    let output = Generator::from_text("hostile.json", HOSTILE, Syntax::Json)
        .generate()
        .unwrap();
    let file = syn::parse_file(&output.code).expect("the generated code parses");
    let mut found = Vec::new();
    idents(quote::ToTokens::to_token_stream(&file), &mut found);
    // Words that appear only in the document's descriptions, defaults and examples.
    for word in [
        "panic", "cfg", "script", "alert", "main", "escape", "markdown", "carriage",
    ] {
        assert!(
            !found.iter().any(|i| i == word),
            "`{word}` escaped into the code"
        );
    }
    // Only the attributes the generator writes.
    let mut attributes = Vec::new();
    collect_attribute_paths(&quote::ToTokens::to_token_stream(&file), &mut attributes);
    attributes.sort();
    attributes.dedup();
    assert_eq!(attributes, ["allow", "derive", "doc", "inline"]);
    // The text itself is kept, in doc comments.
    assert!(output
        .code
        .contains("/// Ends a comment */ and opens one /* ; `code` ```rust"));
    assert!(output
        .code
        .contains("#[cfg(any())] #![allow(warnings)] <script>alert(1)</script>"));
    assert!(!output.code.contains('\0'), "no NUL in the source");
}

/// The paths of all `#[...]` attributes in `tokens`.
fn collect_attribute_paths(tokens: &TokenStream, found: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                if let Some(TokenTree::Group(group)) = trees.get(i + 1) {
                    if let Some(TokenTree::Ident(ident)) = group.stream().into_iter().next() {
                        found.push(ident.to_string());
                    }
                }
            }
            TokenTree::Group(group) => collect_attribute_paths(&group.stream(), found),
            _ => {}
        }
    }
}

#[test]
fn every_rust_keyword_becomes_a_usable_field() {
    let output = Generator::from_text("hostile.json", HOSTILE, Syntax::Json)
        .generate()
        .unwrap();
    for field in [
        "pub r#type:",
        "pub self_:",
        "pub crate_:",
        "pub super_:",
        "pub r#async:",
        "pub r#try:",
        "pub union:",
        "pub r#gen:",
        "pub r#dyn:",
        "pub raw:",
        "pub n2fa:",
    ] {
        assert!(output.code.contains(field), "no `{field}`");
    }
    for ty in [
        "pub struct SelfValue",
        "pub struct OptionType",
        "pub struct ResultType",
        "pub struct Type ",
        "pub struct Caf ",
        "pub struct Unnamed",
    ] {
        assert!(output.code.contains(ty), "no `{ty}`");
    }
}

fn generate(yaml: &str) -> Result<String, openapi_clientgen::Error> {
    Generator::from_text("api.yaml", yaml, Syntax::Yaml)
        .generate()
        .map(|o| o.code)
}

#[test]
fn a_document_without_operations_gives_a_client_without_methods() {
    for paths in ["paths: {}", "", "paths: {}\ncomponents: {}"] {
        let code = generate(&format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\n{paths}\n"
        ))
        .unwrap();
        syn::parse_file(&code).unwrap();
        assert!(code.contains("pub struct Client"));
        assert!(!code.contains("-> impl ::std::future::Future"));
    }
}

#[test]
fn references_that_cannot_be_followed_are_errors_at_their_location() {
    let cases = [
        ("$ref: '#/components/schemas/nowhere'", "does not resolve"),
        ("$ref: 'other.yaml#/a'", "points into another document"),
        (
            "$ref: 'https://example.com/schema.json'",
            "points into another document",
        ),
        ("$ref: '#/openapi'", "does not point to a schema"),
    ];
    for (reference, message) in cases {
        let yaml = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    a:\n      type: object\n      properties:\n        b: {{{reference}}}\n"
        );
        let error = generate(&yaml).unwrap_err();
        assert_eq!(
            error.location,
            Location::Pointer("#/components/schemas/a/properties/b".into()),
            "{error}"
        );
        assert!(error.message.contains(message), "{error}");
    }
}

#[test]
fn recursive_and_mutually_recursive_schemas_are_boxed() {
    let code = generate(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    a: {type: object, properties: {b: {$ref: '#/components/schemas/b'}}}\n    b: {type: object, properties: {a: {$ref: '#/components/schemas/a'}, list: {type: array, items: {$ref: '#/components/schemas/b'}}}}\n",
    );
    let code = match code {
        Ok(code) => code,
        Err(error) => panic!("{error}"),
    };
    assert!(code.contains("pub b: Option<Box<B>>"), "{code}");
    assert!(code.contains("pub a: Option<Box<A>>"), "{code}");
    assert!(code.contains("pub list: Option<Vec<B>>"), "{code}");
}

#[test]
fn schemas_that_only_refer_to_each_other_are_errors() {
    let cases = [
        "a: {allOf: [{$ref: '#/components/schemas/b'}]}\n    b: {oneOf: [{$ref: '#/components/schemas/a'}]}",
        "a: {allOf: [{$ref: '#/components/schemas/a'}]}",
        "a: {oneOf: [{$ref: '#/components/schemas/a'}], discriminator: {propertyName: a}}",
        "a: {anyOf: [{$ref: '#/components/schemas/b'}, {type: 'null'}]}\n    b: {$ref: '#/components/schemas/a'}",
    ];
    for schemas in cases {
        let yaml = format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /x:\n    get:\n      parameters:\n        - {{name: q, in: query, schema: {{$ref: '#/components/schemas/a'}}}}\n      responses: {{'204': {{description: ok}}}}\ncomponents:\n  schemas:\n    {schemas}\n"
        );
        let error = generate(&yaml).unwrap_err();
        assert!(error.message.contains("refer back to it"), "{error}");
        assert!(matches!(error.location, Location::Pointer(_)), "{error:?}");
    }
}

#[test]
fn a_property_that_merges_its_own_schema_refers_to_itself() {
    let code = generate(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    d:\n      type: object\n      properties:\n        me: {allOf: [{$ref: '#/components/schemas/d'}, {type: object, properties: {x: {type: string}}}]}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    syn::parse_file(&code).unwrap();
    assert!(code.contains("pub me: Option<Box<DMe>>"), "{code}");
}
