//! What a generation returns: the code, the warnings, what was generated from where, the
//! API record and the time each step took.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::Warning;
use crate::ir;
use crate::record::ApiRecord;

/// The result of a successful generation.
///
/// ```
/// # use openapi_clientgen::{Generator, Syntax};
/// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
/// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml).generate()?;
/// assert!(output.warnings.is_empty());
/// let methods: Vec<&str> = output.operations.iter().map(|op| op.name.as_str()).collect();
/// assert_eq!(methods, ["show_pet", "list_stores"]);
/// let types: Vec<&str> = output.types.iter().map(|t| t.name.as_str()).collect();
/// assert_eq!(types, ["Pet"]);
/// # Ok::<(), openapi_clientgen::Error>(())
/// ```
#[derive(Clone)]
pub struct Output {
    /// The formatted Rust source.
    pub code: String,
    /// The files `code` includes, by path relative to its own file: with tag features,
    /// generated for a file ([`Generator::generate_for`](crate::Generator::generate_for)),
    /// the types and methods of each feature gate. Empty otherwise.
    pub parts: BTreeMap<String, String>,
    /// What the generator had to assume about the document.
    pub warnings: Vec<Warning>,
    /// The client methods, in the document's order.
    pub operations: Vec<GeneratedOperation>,
    /// The types, each with the JSON pointer of the schema or operation it comes from.
    pub types: Vec<Generated>,
    /// With [`Generator::tag_features`](crate::Generator::tag_features), each cargo feature the code uses and the tags it
    /// stands for; the crate declares them (see [`Output::cargo_features`]).
    pub features: BTreeMap<String, BTreeSet<String>>,
    /// How long each step took.
    pub timings: Timings,
    /// The model the code was printed from, which [`Output::record`] reads.
    pub(crate) api: Arc<ir::Api>,
}

impl fmt::Debug for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Output")
            .field("code", &self.code)
            .field("parts", &self.parts)
            .field("warnings", &self.warnings)
            .field("operations", &self.operations)
            .field("types", &self.types)
            .field("features", &self.features)
            .field("timings", &self.timings)
            .finish_non_exhaustive()
    }
}

impl Output {
    /// The record of the generated Rust API, for [`compare`](crate::compare): what a build
    /// with [`Generator::api_record`](crate::Generator::api_record) keeps beside the
    /// document. Built from the generator's model on each call (a generation does not
    /// build it unless asked).
    pub fn record(&self) -> ApiRecord {
        ApiRecord::of(&self.api)
    }

    /// Each file of the client written to `path`, with its text: `path` itself first,
    /// then [`Output::parts`] beside it.
    pub fn files(&self, path: &std::path::Path) -> Vec<(std::path::PathBuf, &str)> {
        let beside = path.parent().unwrap_or(std::path::Path::new(""));
        std::iter::once((path.to_owned(), self.code.as_str()))
            .chain(
                self.parts
                    .iter()
                    .map(|(part, text)| (beside.join(part), text.as_str())),
            )
            .collect()
    }

    /// The `[features]` table a crate declares for code generated with
    /// [`Generator::tag_features`](crate::Generator::tag_features): one feature per tag,
    /// `webhooks` when the document describes requests its API sends, and `full` for all
    /// of them (empty without tag features).
    pub fn cargo_features(&self) -> String {
        if self.features.is_empty() {
            return String::new();
        }
        let all: Vec<String> = self.features.keys().map(|f| format!("{f:?}")).collect();
        let mut table = format!("[features]\n{} = [{}]\n", ir::FULL, all.join(", "));
        for feature in self.features.keys() {
            table.push_str(&format!("{feature} = []\n"));
        }
        table
    }
}

/// How long each step of a generation took.
///
/// ```
/// # use openapi_clientgen::{Generator, Syntax};
/// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
/// let timings = Generator::from_text("pets.yaml", PETS, Syntax::Yaml).generate()?.timings;
/// assert!(timings.total() >= timings.model);
/// # Ok::<(), openapi_clientgen::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    /// Reading the text into a JSON value, and applying the overlays.
    pub parse: Duration,
    /// Rewriting OpenAPI 3.1 constructs into their 3.0 form.
    pub normalize: Duration,
    /// Reading the document into the OpenAPI model and building the client's model.
    pub model: Duration,
    /// Turning the model into Rust tokens, summed over the threads that did it.
    pub emit: Duration,
    /// Parsing and pretty-printing the tokens, summed over the threads that did it.
    pub format: Duration,
    /// Emitting and formatting from start to end (less than `emit + format` when several
    /// threads share the work).
    pub render: Duration,
}

impl Timings {
    /// The time from start to end.
    pub fn total(&self) -> Duration {
        self.parse + self.normalize + self.model + self.render
    }
}

/// One generated client method and the operation it calls.
///
/// ```
/// # use openapi_clientgen::{Generator, Syntax};
/// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
/// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml).generate()?;
/// let show = &output.operations[0];
/// assert_eq!((show.name.as_str(), show.source.as_str()), ("show_pet", "showPet"));
/// assert_eq!((show.method.as_str(), show.path.as_str()), ("GET", "/pets/{id}"));
/// assert_eq!(show.tags, ["pets"]);
/// # Ok::<(), openapi_clientgen::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedOperation {
    /// The method's name.
    pub name: String,
    /// The operation's operationId, or `METHOD /path` when it has none.
    pub source: String,
    /// The HTTP method, in capitals.
    pub method: String,
    /// The path template, such as `/pets/{pet_id}`.
    pub path: String,
    /// The operation's tags.
    pub tags: Vec<String>,
}

/// One generated type and what it was generated from.
///
/// ```
/// # use openapi_clientgen::{Generator, Syntax};
/// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
/// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml).generate()?;
/// assert_eq!(output.types[0].source, "#/components/schemas/Pet");
/// # Ok::<(), openapi_clientgen::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The Rust name.
    pub name: String,
    /// Where it comes from in the document.
    pub source: String,
}
