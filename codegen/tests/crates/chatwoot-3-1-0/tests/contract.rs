//! Contract test against Prism, a third-party mock server for OpenAPI documents.
//!
//! Prism serves the complete 3.1.0 document on 127.0.0.1, once with responses built from
//! the document's examples and schemas (static) and once with random schema-conforming
//! responses (`-d`, dynamic). Every operation that takes no body or a JSON body is called
//! through the generated client several times with arguments sampled from the document.
//! Prism validates each request against the document and answers an invalid one with an
//! error, so a call that decodes into its documented type shows both directions agree; its
//! log must also show no request-validation error.
//!
//! Prism is installed from `prism/package-lock.json` (`npm ci`, which `.ci/run` does). The
//! test is skipped, saying so, only when Node.js is not installed.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chatwoot_3_1_0::{types, Client};
use openapi_clientgen_runtime::codegen::serde::de::DeserializeOwned;
use openapi_clientgen_runtime::codegen::serde_json;
use serde_json::{json, Map, Value};

include!(concat!(env!("OUT_DIR"), "/contract_calls.rs"));

const DOCUMENT: &str = include_str!("../../../fixtures/chatwoot-application-3.1.0.json");
/// Methods Prism cannot judge, with the reason.
///
/// The avatar upload's schema nests the avatar in `profile`; a file cannot travel inside
/// a JSON part, so the client names the parts `profile[name]`, `profile[avatar]`, as
/// Rails (which serves Chatwoot) reads them. Prism reads such a part as a property named
/// `profile[name]` and finds no `profile`. `tests/api_families.rs` checks the upload
/// against a server that parses the body.
const NOT_JUDGED: &[(&str, &str)] = &[(
    "update_profile_multipart",
    "nested multipart forms use bracketed part names",
)];

/// Calls of each operation in each mode.
const REPETITIONS: usize = 3;

#[tokio::test(flavor = "multi_thread")]
async fn every_operation_agrees_with_prism() {
    if Command::new("node").arg("--version").output().is_err() {
        println!("SKIPPED: Node.js is not installed, so Prism cannot run");
        return;
    }
    let prism = install_prism();
    let samples = Samples::new(serde_json::from_str(DOCUMENT).unwrap());
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (mode, flags) in [("static", &[][..]), ("dynamic", &["-d"][..])] {
        let server = PrismServer::start(&prism, flags);
        let client = Client::builder()
            .base_url(format!("http://127.0.0.1:{}", server.port))
            .user_api_key("contract-test-token")
            .build()
            .unwrap();
        let mut calls = 0;
        for (index, (name, method, path)) in OPERATIONS.iter().enumerate() {
            if !samples.is_callable(method, path) || NOT_JUDGED.iter().any(|(n, _)| n == name) {
                continue;
            }
            for _ in 0..REPETITIONS {
                calls += 1;
                if let Err(error) = call(&client, &samples, index).await {
                    failures.push(format!("{mode} {name} ({method} {path}): {error}"));
                }
            }
        }
        let log = server.stop();
        let rejected: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("[VALIDATOR] ✖"))
            .collect();
        failures.extend(rejected.iter().map(|line| format!("{mode}: Prism: {line}")));
        report.push(format!(
            "{mode}: {calls} calls, {} Prism validation errors",
            rejected.len()
        ));
    }
    println!("{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The Prism executable, installed from the lockfile if it is not yet.
fn install_prism() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("prism");
    let prism = dir.join("node_modules/.bin/prism");
    if !prism.exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm ci failed in {}", dir.display());
    }
    prism
}

/// A Prism mock server on 127.0.0.1, stopped when dropped.
struct PrismServer {
    child: Child,
    port: u16,
}

impl PrismServer {
    fn start(prism: &Path, flags: &[&str]) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let document = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/chatwoot-application-3.1.0.json");
        let mut child = Command::new(prism)
            .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string()])
            .args(flags)
            .arg(document)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Prism starts");
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("Prism exited early: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "Prism did not start listening within 60 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        PrismServer { child, port }
    }

    /// Stops Prism and returns what it logged.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut log = String::new();
        if let Some(mut stdout) = self.child.stdout.take() {
            let _ = stdout.read_to_string(&mut log);
        }
        log
    }
}

impl Drop for PrismServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Arguments for the operations, sampled from their schemas in the document.
pub struct Samples {
    document: Value,
}

impl Samples {
    fn new(document: Value) -> Self {
        Samples { document }
    }

    fn operation(&self, method: &str, path: &str) -> (&Value, &Value) {
        let item = &self.document["paths"][path];
        (item, &item[method.to_ascii_lowercase()])
    }

    /// Operations that take no body or a JSON body.
    fn is_callable(&self, method: &str, path: &str) -> bool {
        let (_, operation) = self.operation(method, path);
        match operation.get("requestBody") {
            None => true,
            Some(body) => self.resolve(body)["content"]
                .get("application/json")
                .is_some(),
        }
    }

    fn resolve<'v>(&'v self, value: &'v Value) -> &'v Value {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let pointer = reference.trim_start_matches('#');
                self.resolve(
                    self.document
                        .pointer(pointer)
                        .expect("local references resolve"),
                )
            }
            None => value,
        }
    }

    fn decode<T: DeserializeOwned>(&self, value: Value, what: &str) -> Result<T, String> {
        serde_json::from_value(value.clone())
            .map_err(|e| format!("the sample {value} for {what} does not decode: {e}"))
    }

    /// A value for the parameter whose Rust name is `name`.
    pub fn parameter<T: DeserializeOwned>(&self, index: usize, name: &str) -> Result<T, String> {
        let (_, method, path) = OPERATIONS[index];
        let (item, operation) = self.operation(method, path);
        let simplify = |s: &str| -> String {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        };
        // An operation's parameter overrides the path item's of the same name.
        let parameters = item["parameters"].as_array().into_iter().flatten();
        let parameters = parameters.chain(operation["parameters"].as_array().into_iter().flatten());
        let parameter = parameters
            .map(|p| self.resolve(p))
            .rfind(|p| simplify(p["name"].as_str().unwrap_or_default()) == simplify(name))
            .ok_or_else(|| format!("no parameter `{name}`"))?;
        let value = self.sample(&parameter["schema"], 0);
        self.decode(value, &format!("parameter `{name}`"))
    }

    /// A value for the operation's JSON request body.
    pub fn body<T: DeserializeOwned>(&self, index: usize) -> Result<T, String> {
        let (_, method, path) = OPERATIONS[index];
        let (_, operation) = self.operation(method, path);
        let body = self.resolve(&operation["requestBody"]);
        let value = self.sample(&body["content"]["application/json"]["schema"], 0);
        self.decode(value, "the body")
    }

    /// A value the schema accepts: every property filled in, the first enum value or
    /// `oneOf` branch, strings in the declared format.
    fn sample(&self, schema: &Value, depth: usize) -> Value {
        let schema = self.resolve(schema);
        if depth > 12 {
            return Value::Null;
        }
        if let Some(value) = schema.get("const") {
            return value.clone();
        }
        if let Some(value) = schema["enum"]
            .as_array()
            .and_then(|e| e.iter().find(|v| !v.is_null()))
        {
            return value.clone();
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(branches) = schema[key].as_array() {
                let branch = branches.iter().find(|b| self.resolve(b)["type"] != "null");
                return branch.map_or(Value::Null, |b| self.sample(b, depth + 1));
            }
        }
        if let Some(parts) = schema["allOf"].as_array() {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(object) = self.sample(part, depth + 1) {
                    merged.extend(object);
                }
            }
            return Value::Object(merged);
        }
        let declared = match &schema["type"] {
            Value::String(t) => t.as_str(),
            Value::Array(types) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null"),
            _ if schema.get("properties").is_some() => "object",
            _ => "string",
        };
        match declared {
            "object" => {
                let properties = schema["properties"].as_object().into_iter().flatten();
                Value::Object(
                    properties
                        .map(|(k, v)| (k.clone(), self.sample(v, depth + 1)))
                        .collect(),
                )
            }
            "array" => {
                let count = schema["minItems"].as_u64().unwrap_or(1).max(1);
                let item = self.sample(&schema["items"], depth + 1);
                Value::Array(vec![item; count as usize])
            }
            "integer" => json!(schema["minimum"].as_i64().unwrap_or(1).max(1)),
            "number" => json!(schema["minimum"].as_f64().unwrap_or(1.0).max(1.0)),
            "boolean" => json!(true),
            "null" => Value::Null,
            _ => json!(match schema["format"].as_str() {
                Some("email") => "agent@example.com",
                Some("date-time") => "2026-01-01T00:00:00Z",
                Some("date") => "2026-01-01",
                Some("uri" | "url") => "https://example.com/",
                Some("uuid") => "3f2b5c1e-8a4d-4e6b-9c7a-1d2e3f4a5b6c",
                Some("ipv4") => "127.0.0.1",
                _ => "sample",
            }),
        }
    }
}
