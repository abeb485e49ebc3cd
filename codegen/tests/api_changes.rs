//! What changed in the Rust API between two documents: each kind of change on a
//! hand-made pair, the two Chatwoot releases, and an independent diff tool's findings.

use std::collections::{BTreeMap, BTreeSet};

use openapi_clientgen::{compare, ApiChanges, ApiRecord, Generator, Paging, Severity, Syntax};

fn record(yaml: &str) -> ApiRecord {
    Generator::from_text("api.yaml", yaml, Syntax::Yaml)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
        .record()
}

fn file_record(path: &str) -> ApiRecord {
    Generator::new(path).generate().unwrap().record()
}

/// Each change as `severity item`.
fn listed(changes: &ApiChanges) -> Vec<String> {
    changes
        .changes
        .iter()
        .map(|c| format!("{} {}", c.severity.name(), c.item))
        .collect()
}

const BEFORE: &str = r#"
openapi: 3.0.3
info: {title: Shop, version: '1'}
servers: [{url: 'https://shop.example.com/v1'}]
security: [{key: []}]
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: fields, in: query, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
        '404': {description: gone, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
    delete:
      operationId: removeItem
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses: {'204': {description: done}}
  /items:
    post:
      operationId: createItem
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/NewItem'}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
  /legacy:
    get: {operationId: legacy, responses: {'204': {description: ok}}}
  /ping:
    get: {operationId: ping, responses: {'204': {description: ok}}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: x-key}
  schemas:
    Item:
      type: object
      required: [id]
      properties:
        id: {type: integer}
        name: {type: string}
        price: {type: number}
        status: {type: string, enum: [active, retired, draft]}
    NewItem:
      type: object
      properties:
        name: {type: string}
    Problem:
      type: object
      properties:
        detail: {type: string}
    Obsolete:
      type: object
      properties:
        x: {type: string}
"#;

/// `BEFORE` with one change of each kind.
const AFTER: &str = r#"
openapi: 3.0.3
info: {title: Shop, version: '2'}
servers: [{url: 'https://api.shop.example.com/v2'}]
security: [{key: []}]
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: fields, in: query, schema: {type: string}}
        - {name: expand, in: query, schema: {type: boolean}}
        - {name: region, in: query, required: true, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
        '404': {description: gone, content: {application/json: {schema: {$ref: '#/components/schemas/Missing'}}}}
      security: [{key: []}, {token: []}]
    post:
      operationId: deleteItem
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses: {'204': {description: done}}
  /items:
    post:
      operationId: createItem
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/NewItem'}}}
      responses:
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Receipt'}}}}
  /legacy/v2:
    get: {operationId: legacy, responses: {'204': {description: ok}}}
  /pong:
    get: {operationId: pong, responses: {'204': {description: ok}}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: x-key}
    token: {type: http, scheme: bearer}
  schemas:
    Item:
      type: object
      required: [id]
      properties:
        id: {type: integer}
        name: {type: string, nullable: true}
        price: {type: string}
        status: {type: string, enum: [active, draft, archived]}
        tags: {type: array, items: {type: string}}
    NewItem:
      type: object
      required: [sku]
      properties:
        name: {type: string}
        sku: {type: string}
    Missing:
      type: object
      properties:
        detail: {type: string}
    Receipt:
      type: object
      properties:
        id: {type: integer}
"#;

#[test]
fn every_kind_of_change_is_reported_once_with_its_severity() {
    let changes = compare(&record(BEFORE), &record(AFTER));
    let expected = [
        // Breaking: a method gains a required argument and an options struct (`region`,
        // `expand`); a changed error type and success type; fields that change type,
        // including `T` to `Option<T>`; a removed variant, type and operation;
        // an operation renamed at a changed method (`removeItem` is `deleteItem`).
        "breaking operation create_item",
        "breaking operation get_item",
        "breaking operation ping",
        "breaking operation remove_item",
        "breaking type GetItemError::NotFound",
        "breaking type Item.name",
        "breaking type Item.price",
        "breaking type ItemStatus::Retired",
        "breaking type Obsolete",
        "breaking type Problem",
        // What the Rust API does not show: a changed path, security, server, and a new
        // required field in a request body.
        "notice operation get_item security",
        "notice operation legacy endpoint",
        "notice server",
        "notice type NewItem.sku",
        // Additions.
        "additive operation delete_item",
        "additive operation pong",
        "additive scheme token",
        "additive type GetItemParams.expand",
        "additive type Item.tags",
        "additive type ItemStatus::Archived",
        "additive type Missing",
        "additive type Receipt",
    ];
    let mut listed = listed(&changes);
    listed.sort();
    let mut expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(listed, expected, "{}", changes.to_markdown());
}

#[test]
fn a_rename_at_the_same_endpoint_is_one_change() {
    let before = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get: {operationId: getA, responses: {'204': {description: ok}}}\n";
    let after = before.replace("getA", "fetchA");
    let changes = compare(&record(before), &record(&after));
    assert_eq!(listed(&changes), ["breaking operation get_a"]);
    assert_eq!(changes.changes[0].description, "`get_a` is now `fetch_a`");
}

#[test]
fn the_same_api_is_no_change_whatever_else_moved() {
    // Descriptions, argument names and the order of paths change nothing a caller sees.
    let before = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a/{id}:\n    get: {operationId: getA, parameters: [{name: id, in: path, required: true, schema: {type: integer}}], responses: {'204': {description: ok}}}\n  /b:\n    get: {operationId: getB, responses: {'204': {description: ok}}}\n";
    let after = "openapi: 3.0.3\ninfo: {title: T, version: '2', description: new}\npaths:\n  /b:\n    get: {operationId: getB, description: B, responses: {'204': {description: fine}}}\n  /a/{id}:\n    get: {operationId: getA, parameters: [{name: id, in: path, required: true, schema: {type: integer}}], responses: {'204': {description: ok}}}\n";
    assert!(compare(&record(before), &record(after)).is_empty());
    // A record reads back as it was written.
    let written = record(before);
    assert_eq!(ApiRecord::parse(&written.to_text()).unwrap(), written);
}

#[test]
fn chatwoot_3_0_4_to_3_1_0() {
    let old = file_record("tests/fixtures/chatwoot-application-3.0.4.json");
    let new = file_record("tests/fixtures/chatwoot-application-3.1.0.json");
    let changes = compare(&old, &new);
    let find = |item: &str| {
        let found: Vec<_> = changes.changes.iter().filter(|c| c.item == item).collect();
        assert_eq!(found.len(), 1, "{item}: {found:#?}");
        found[0].severity
    };
    // The success type of `update_conversation` was `()` and is now `Conversation`.
    assert_eq!(find("operation update_conversation"), Severity::Breaking);
    // `inbox_id` was required and is now optional: `i64` to `Option<i64>`.
    assert_eq!(
        find("type ConversationCreatePayload.inbox_id"),
        Severity::Breaking
    );
    // `/accounts/{id}` became `/accounts/{account_id}`: the path parameter's name changed,
    // not the call.
    assert_eq!(
        find("operation get_account_details endpoint"),
        Severity::Notice
    );
    // An enum value's wire form changed: `agent_bot` to `AgentBot`.
    assert_eq!(find("type MessageSenderType::AgentBot"), Severity::Notice);
    assert_eq!(find("operation create_a_label"), Severity::Additive);
    assert_eq!(find("operation update_profile"), Severity::Additive);
    let (breaking, notice, additive) = changes.counts();
    assert_eq!(
        (breaking, notice, additive),
        (118, 7, 62),
        "{}",
        changes.summary()
    );
    // No item is reported twice.
    let items: BTreeSet<&str> = changes.changes.iter().map(|c| c.item.as_str()).collect();
    assert_eq!(items.len(), changes.changes.len());
}

/// The operations (`METHOD path`) each record line belongs to, through the types the
/// operation's signature reaches.
fn operations_touched(old: &ApiRecord, new: &ApiRecord, changes: &ApiChanges) -> BTreeSet<String> {
    let mut touched = BTreeSet::new();
    for record in [old, new] {
        let text = record.to_text();
        let lines: Vec<(&str, &str)> = text
            .lines()
            .filter_map(|line| line.split_once(": "))
            .map(|(key, rest)| (key, rest.rsplit_once(" @ ").map_or(rest, |(v, _)| v)))
            .collect();
        // Type name -> the type names its members mention.
        let mut mentions: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (key, value) in &lines {
            if let Some(member) = key.strip_prefix("type ") {
                let ty = member.split(['.', ':']).next().unwrap_or(member);
                mentions.entry(ty).or_default().extend(words(value));
            }
        }
        for (key, value) in &lines {
            let Some(op) = key.strip_prefix("operation ") else {
                continue;
            };
            if op.contains(' ') {
                continue;
            }
            let endpoint = lines
                .iter()
                .find(|(k, _)| *k == format!("operation {op} endpoint"))
                .map(|(_, v)| (*v).to_owned())
                .unwrap_or_default();
            let mut reached: BTreeSet<String> = BTreeSet::new();
            let mut pending: Vec<String> = words(value).into_iter().collect();
            while let Some(ty) = pending.pop() {
                if reached.insert(ty.clone()) {
                    if let Some(more) = mentions.get(ty.as_str()) {
                        pending.extend(more.iter().cloned());
                    }
                }
            }
            let hit = changes.changes.iter().any(|c| {
                let item = c.item.as_str();
                item == format!("operation {op}")
                    || item.starts_with(&format!("operation {op} "))
                    || item
                        .strip_prefix("type ")
                        .map(|m| m.split(['.', ':']).next().unwrap_or(m))
                        .is_some_and(|ty| reached.contains(ty))
            });
            if hit {
                touched.insert(endpoint.to_lowercase());
            }
        }
    }
    touched
}

fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_operation_an_independent_diff_reports_is_in_the_report() {
    let old = file_record("tests/fixtures/chatwoot-application-3.0.4.json");
    let new = file_record("tests/fixtures/chatwoot-application-3.1.0.json");
    let changes = compare(&old, &new);
    let touched = operations_touched(&old, &new, &changes);

    let text =
        std::fs::read_to_string("tests/fixtures/api-smart-diff/chatwoot-3.0.4-to-3.1.0.json")
            .unwrap();
    let reported: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let mut theirs = BTreeSet::new();
    for change in &reported {
        let kind = change["type"].as_str().unwrap_or("");
        if kind == "annotation" || kind == "unclassified" {
            continue;
        }
        let Some(rest) = change["path"]
            .as_str()
            .and_then(|p| p.strip_prefix("paths/"))
        else {
            continue;
        };
        for method in ["get", "post", "put", "patch", "delete"] {
            let at = rest.find(&format!("/{method}/")).or_else(|| {
                rest.ends_with(&format!("/{method}"))
                    .then(|| rest.len() - method.len() - 1)
            });
            if let Some(at) = at {
                theirs.insert(format!("{method} {}", &rest[..at]));
                break;
            }
        }
    }
    // Reported by the tool, absent from ours, and why.
    let explained: BTreeMap<&str, &str> = BTreeMap::from([
        // `/accounts/{id}` became `/accounts/{account_id}`: the tool sees the old path
        // removed and the new one added; our report has the operation under its new path.
        (
            "get /api/v1/accounts/{id}",
            "the path was renamed; reported at its new name",
        ),
        (
            "patch /api/v1/accounts/{id}",
            "the path was renamed; reported at its new name",
        ),
        // Trailing slashes dropped: the same operations, at new paths.
        (
            "get /api/v1/accounts/{account_id}/inboxes/{id}/",
            "the path lost its trailing slash; reported at its new form",
        ),
        (
            "post /api/v1/accounts/{account_id}/inboxes/",
            "the path lost its trailing slash; reported at its new form",
        ),
    ]);
    // 3.0.4's `nullable: true` became 3.1.0's `type: [T, 'null']` in these responses: the
    // tool reports a removed `nullable` and a replaced `type`; it is the same schema, and
    // the same Rust type.
    const NULLABLE_SPELLING: &str =
        "`nullable: true` spelled as `type: [T, 'null']`: the same Rust type";
    // Parameters declared again at the operation or moved in the list: the tool reports
    // an added required path parameter; the method's arguments are the same.
    const PARAMETERS_MOVED: &str = "the same path parameters declared again: the same arguments";
    let explained: BTreeMap<&str, &str> = explained
        .into_iter()
        .chain([
            ("get /api/v1/accounts/{account_id}/audit_logs", NULLABLE_SPELLING),
            ("get /api/v1/accounts/{account_id}/contacts/{id}/contactable_inboxes", NULLABLE_SPELLING),
            ("get /api/v1/accounts/{account_id}/conversations/{conversation_id}/reporting_events", NULLABLE_SPELLING),
            ("get /api/v1/accounts/{account_id}/reporting_events", NULLABLE_SPELLING),
            ("get /api/v2/accounts/{account_id}/summary_reports/agent", NULLABLE_SPELLING),
            ("get /api/v2/accounts/{account_id}/summary_reports/inbox", NULLABLE_SPELLING),
            ("get /api/v2/accounts/{account_id}/summary_reports/team", NULLABLE_SPELLING),
            ("get /api/v1/accounts/{account_id}/automation_rules", PARAMETERS_MOVED),
            ("delete /api/v1/accounts/{account_id}/automation_rules/{id}", PARAMETERS_MOVED),
            ("get /api/v1/accounts/{account_id}/automation_rules/{id}", PARAMETERS_MOVED),
            ("patch /api/v1/accounts/{account_id}/automation_rules/{id}", PARAMETERS_MOVED),
            ("delete /api/v1/accounts/{account_id}/custom_attribute_definitions/{id}", PARAMETERS_MOVED),
            ("get /api/v1/accounts/{account_id}/custom_attribute_definitions/{id}", PARAMETERS_MOVED),
            ("patch /api/v1/accounts/{account_id}/custom_attribute_definitions/{id}", PARAMETERS_MOVED),
            ("patch /api/v1/accounts/{account_id}/webhooks/{webhook_id}", PARAMETERS_MOVED),
            ("post /api/v1/accounts/{account_id}/custom_filters", PARAMETERS_MOVED),
            ("post /api/v1/accounts/{account_id}/webhooks", PARAMETERS_MOVED),
        ])
        .collect();
    let missing: Vec<&String> = theirs
        .iter()
        .filter(|op| !touched.contains(*op) && !explained.contains_key(op.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "operations the independent diff reports and ours does not: {missing:#?}"
    );
}

#[test]
fn a_change_of_parameter_style_is_a_change_the_rust_api_does_not_show() {
    let document = |explode: &str| {
        format!(
            r#"
openapi: 3.0.3
info: {{title: Styles, version: '1'}}
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - {{name: ids, in: query, required: true, {explode} schema: {{type: array, items: {{type: integer}}}}}}
      responses: {{'204': {{description: ok}}}}
"#
        )
    };
    let before = record(&document(""));
    let after = record(&document("explode: false,"));
    let changes = compare(&before, &after);
    assert_eq!(listed(&changes), ["notice operation list_items parameters"]);
    assert!(changes.changes[0]
        .description
        .contains(r#"now sends its parameters as "ids" in query, form (was"#));
    let back = compare(&after, &before);
    assert!(back.changes[0]
        .description
        .contains("default styles (was \"ids\""));
    let explode = record(&document("explode: false, style: pipeDelimited,"));
    assert!(compare(&after, &explode).changes[0]
        .description
        .contains(r#"as "ids" in query, pipeDelimited (was "ids" in query, form)"#));
}

#[test]
fn paging_gained_changed_and_lost_is_reported() {
    let paged = |paging: Option<Paging>| {
        let generator = Generator::new("tests/fixtures/pages.yaml");
        let generator = match paging {
            Some(paging) => generator.paging("listNumbered", paging),
            None => generator,
        };
        generator.generate().unwrap().record()
    };
    let none = paged(None);
    let pages = paged(Some(Paging::page_number("page").items("$.payload")));
    let offsets = paged(Some(Paging::offset("page").items("$.payload")));
    let gained = compare(&none, &pages);
    assert_eq!(listed(&gained), ["additive operation list_numbered pages"]);
    assert!(gained.changes[0]
        .description
        .contains("pages are numbered by the query parameter `page`"));
    assert_eq!(
        listed(&compare(&pages, &offsets)),
        ["notice operation list_numbered pages"]
    );
    assert_eq!(
        listed(&compare(&pages, &none)),
        ["breaking operation list_numbered pages"]
    );
}
