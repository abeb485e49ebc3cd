#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
// The examples show whole `build.rs` files, `fn main` included.
#![allow(clippy::needless_doctest_main)]

mod emit;
mod error;
mod ir;
mod load;
mod model;
mod names;
mod normalize;
mod overlay;
mod parse;
mod record;

use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use error::{Error, Location, Warning};
pub use ir::DateTimeCrate;
pub use load::Syntax;
pub use model::{FormatTypes, Paging};
pub use record::{compare, ApiChanges, ApiRecord, Change, Severity};

use error::Diagnostic;

/// Configures and runs code generation for one document.
///
/// ```
/// # use openapi_clientgen::{Generator, Syntax};
/// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
/// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml).generate()?;
/// assert!(output.code.contains("pub fn show_pet("));
/// assert!(output.code.contains("pub struct Pet {"));
/// # Ok::<(), openapi_clientgen::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Generator {
    source: Source,
    runtime_path: String,
    selection: model::Selection,
    threads: Option<NonZeroUsize>,
    allowed_warnings: Vec<String>,
    api_record: Option<PathBuf>,
    tag_features: bool,
    format_types: model::FormatTypes,
    overlays: Vec<PathBuf>,
    paging: BTreeMap<String, model::Paging>,
    mock: bool,
}

#[derive(Debug, Clone)]
enum Source {
    File(PathBuf),
    Text {
        name: String,
        text: String,
        syntax: Syntax,
    },
}

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
#[derive(Debug, Clone)]
pub struct Output {
    /// The formatted Rust source.
    pub code: String,
    /// What the generator had to assume about the document.
    pub warnings: Vec<Warning>,
    /// The client methods, in the document's order.
    pub operations: Vec<GeneratedOperation>,
    /// The types, each with the JSON pointer of the schema or operation it comes from.
    pub types: Vec<Generated>,
    /// The record of the generated Rust API, for [`compare`].
    pub record: ApiRecord,
    /// With [`Generator::tag_features`], each cargo feature the code uses and the tags it
    /// stands for; the crate declares them (see [`Output::cargo_features`]).
    pub features: BTreeMap<String, BTreeSet<String>>,
    /// How long each step took.
    pub timings: Timings,
}

impl Output {
    /// The `[features]` table a crate declares for code generated with
    /// [`Generator::tag_features`]: one feature per tag, and `full` for all of them
    /// (empty without tag features).
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

impl Generator {
    /// A generator for the document at `path` (`.json` is read as JSON, anything else as YAML).
    /// A relative path is relative to the current directory, which in a build script is
    /// the crate's root.
    ///
    /// ```no_run
    /// let output = openapi_clientgen::Generator::new("spec/api.yaml").generate()?;
    /// println!("{} lines", output.code.lines().count());
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self::with_source(Source::File(path.into()))
    }

    /// A generator for a document held in memory; `name` appears in messages.
    ///
    /// ```
    /// use openapi_clientgen::{Generator, Syntax};
    ///
    /// let text = r#"{"openapi": "3.1.0", "info": {"title": "Empty", "version": "1"}}"#;
    /// let output = Generator::from_text("empty.json", text, Syntax::Json).generate()?;
    /// assert!(output.code.contains("pub struct Client"));
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn from_text(name: impl Into<String>, text: impl Into<String>, syntax: Syntax) -> Self {
        Self::with_source(Source::Text {
            name: name.into(),
            text: text.into(),
            syntax,
        })
    }

    fn with_source(source: Source) -> Self {
        Generator {
            source,
            runtime_path: "::openapi_clientgen_runtime".to_owned(),
            selection: model::Selection::default(),
            threads: None,
            allowed_warnings: Vec::new(),
            api_record: None,
            tag_features: false,
            format_types: model::FormatTypes::default(),
            overlays: Vec::new(),
            paging: BTreeMap::new(),
            mock: false,
        }
    }

    /// The path under which the generated code finds the runtime crate,
    /// `openapi-clientgen-runtime`. Default: `::openapi_clientgen_runtime`, which needs the
    /// runtime in the crate's `[dependencies]`.
    ///
    /// Set it when the runtime is reached through a re-export instead, such as a crate
    /// that generates a second client on top of another one's re-export:
    ///
    /// ```no_run
    /// // build.rs of a crate that depends on `chatwoot`, which re-exports the runtime as
    /// // `chatwoot::runtime`:
    /// openapi_clientgen::Generator::new("spec/extension.yaml")
    ///     .runtime_path("::chatwoot::runtime")
    ///     .build_script("extension.rs");
    /// ```
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = path.into();
        self
    }

    /// Generates only the operations with these operationIds (together with any selected
    /// by [`Generator::tags`]) and the types they use. By default everything is generated.
    ///
    /// An operationId the document does not have is an error.
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
    /// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml)
    ///     .operations(["listStores"])
    ///     .generate()?;
    /// assert!(output.code.contains("pub fn list_stores("));
    /// assert!(!output.code.contains("pub fn show_pet("));
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn operations<I, S>(mut self, operation_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.selection
            .operation_ids
            .extend(operation_ids.into_iter().map(Into::into));
        self
    }

    /// Generates only the operations with one of these tags (together with any selected by
    /// [`Generator::operations`]) and the types they use. A tag no operation has is an
    /// error.
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
    /// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml)
    ///     .tags(["pets"])
    ///     .generate()?;
    /// assert_eq!(output.operations.len(), 1);
    /// assert_eq!(output.types.len(), 1); // `Pet`, which `show_pet` returns
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.selection.tags.extend(tags.into_iter().map(Into::into));
        self
    }

    /// Compiles each method only with the cargo feature of its tags, and each type only
    /// with the features of the methods that use it, so that a crate built from a large
    /// document compiles what its users select. A feature is named after its tag in kebab
    /// case (`Pull Requests` is `pull-requests`); methods without tags are always
    /// compiled; types no method uses come with the feature `full`, which the crate
    /// defines as every feature. The crate declares the features in its `Cargo.toml`:
    /// [`Output::cargo_features`] writes the table, as does `openapi-clientgen features`.
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
    /// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml)
    ///     .tag_features()
    ///     .generate()?;
    /// assert!(output.code.contains("#[cfg(feature = \"pets\")]\n    pub fn show_pet("));
    /// assert_eq!(
    ///     output.cargo_features(),
    ///     "[features]\nfull = [\"pets\", \"stores\"]\npets = []\nstores = []\n"
    /// );
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn tag_features(mut self) -> Self {
        self.tag_features = true;
        self
    }

    /// Applies the OpenAPI Overlay (1.0.0 or 1.1.0, JSON or YAML) at `path` to the document
    /// right after it is loaded; repeatable, applied in order. An overlay fixes what a
    /// vendor's document gets wrong and survives each refresh of the document: its
    /// actions (`update`, `remove`, and in 1.1 `copy`) are aimed by RFC 9535 JSONPaths. An
    /// invalid overlay fails with an error naming the overlay and the action; an action
    /// whose target selects nothing is a warning, so that a stale overlay is noticed. The
    /// build reruns when an overlay changes.
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # let dir = std::env::temp_dir().join(format!("overlay-doc-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// let overlay = dir.join("fix.overlay.yaml");
    /// std::fs::write(&overlay, r#"
    /// overlay: 1.0.0
    /// info: {title: Integer ids, version: 1.0.0}
    /// actions:
    ///   - target: $.paths.*.*.parameters[?@.name == 'id'].schema
    ///     description: ids are integers
    ///     update: {type: integer}
    /// "#).unwrap();
    /// const DOC: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /things/{id}:\n    get:\n      operationId: getThing\n      parameters: [{name: id, in: path, required: true, schema: {type: number}}]\n      responses: {'204': {description: ok}}\n";
    /// let output = Generator::from_text("t.yaml", DOC, Syntax::Yaml).overlay(&overlay).generate()?;
    /// assert!(output.code.contains("id: i64"));
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn overlay(mut self, path: impl Into<PathBuf>) -> Self {
        self.overlays.push(path.into());
        self
    }

    /// How a scalar's `format` becomes its type. By default
    /// (`FormatTypes::Typed(DateTimeCrate::Chrono)`): `int32` an `i32`, `uint64` a `u64`,
    /// `date-time` a `chrono::DateTime<Utc>`, `date` a `chrono::NaiveDate`, `uuid` a
    /// `uuid::Uuid`, `byte` the runtime's `Base64` (bytes), `decimal` the runtime's
    /// `Decimal` (every digit kept); other formats stay text. `Typed(DateTimeCrate::Jiff)`
    /// makes timestamps and dates `jiff::Timestamp` and `jiff::civil::Date` (enable the
    /// runtime's feature `jiff`); `FormatTypes::Text` keeps every format its plain type.
    ///
    /// The types come through the runtime (`openapi_clientgen_runtime::codegen::chrono`...),
    /// whose default features include `chrono` and `uuid`.
    ///
    /// ```
    /// # use openapi_clientgen::{DateTimeCrate, FormatTypes, Generator, Syntax};
    /// const DOC: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Event: {type: object, properties: {at: {type: string, format: date-time}, n: {type: integer, format: int32}}}\n";
    /// let typed = Generator::from_text("t.yaml", DOC, Syntax::Yaml).generate()?;
    /// assert!(typed.code.contains("__rt::chrono::DateTime<"));
    /// assert!(typed.code.contains("pub n: Option<i32>"));
    /// let jiff = Generator::from_text("t.yaml", DOC, Syntax::Yaml)
    ///     .format_types(FormatTypes::Typed(DateTimeCrate::Jiff))
    ///     .generate()?;
    /// assert!(jiff.code.contains("__rt::jiff::Timestamp"));
    /// let text = Generator::from_text("t.yaml", DOC, Syntax::Yaml)
    ///     .format_types(FormatTypes::Text)
    ///     .generate()?;
    /// assert!(text.code.contains("pub at: Option<String>"));
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn format_types(mut self, format_types: FormatTypes) -> Self {
        self.format_types = format_types;
        self
    }

    /// How the operation `operation_id` pages, for one the document does not describe
    /// (or to replace what it says): the client gets `<method>_stream`, every item of
    /// every page, and `<method>_pages`, each page's response. Operations whose document
    /// follows a paging convention (`x-ms-pageable`, `x-speakeasy-pagination`,
    /// `x-fern-pagination`, `x-dropshot-pagination`, a documented `Link` header) need
    /// nothing here. An operation the document lacks fails the build.
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Paging, Syntax};
    /// # const CONTACTS: &str = "openapi: 3.0.3\ninfo: {title: Contacts, version: '1'}\npaths:\n  /contacts:\n    get:\n      operationId: listContacts\n      parameters: [{name: page, in: query, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {meta: {type: object, properties: {count: {type: integer}}}, payload: {type: array, items: {type: object, properties: {name: {type: string}}}}}}}}}}\n";
    /// let output = Generator::from_text("contacts.yaml", CONTACTS, Syntax::Yaml)
    ///     .paging("listContacts", Paging::page_number("page").items("$.payload").total("$.meta.count"))
    ///     .generate()?;
    /// assert!(output.code.contains("pub fn list_contacts_stream("));
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn paging(mut self, operation_id: &str, paging: Paging) -> Self {
        self.paging.insert(operation_id.to_owned(), paging);
        self
    }

    /// Also generates a mock server of the API, for tests of code that calls it: a module
    /// `mock` behind the cargo feature `mock`, which the client's crate declares as
    /// `mock = ["openapi-clientgen-runtime/mock"]` (built on wiremock, which the crate's
    /// users then build only in their tests).
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}\n";
    /// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml).mock_feature().generate()?;
    /// assert!(output.code.contains("#[cfg(feature = \"mock\")]"));
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn mock_feature(mut self) -> Self {
        self.mock = true;
        self
    }

    /// How many threads may emit and format the code; the code is the same whatever the
    /// number. Default: Cargo's job count in a build script (`NUM_JOBS`), otherwise the
    /// available parallelism.
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
    /// use std::num::NonZeroUsize;
    ///
    /// let generator = Generator::from_text("pets.yaml", PETS, Syntax::Yaml);
    /// let one = generator.clone().threads(NonZeroUsize::MIN).generate()?;
    /// assert_eq!(one.code, generator.generate()?.code);
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn threads(mut self, threads: NonZeroUsize) -> Self {
        self.threads = Some(threads);
        self
    }

    /// Leaves out of [`Output::warnings`] (and so of the build's output) the warnings at
    /// these places, given as JSON pointers such as `#/components/schemas/pet/properties/id`:
    /// defects of the document that have been reviewed and that the generated code handles
    /// as intended.
    ///
    /// A place that no longer has a warning gets one saying so, so that the list does not
    /// outlive the defects it names when the document is replaced.
    ///
    /// ```no_run
    /// // build.rs: the document declares `status` as an integer but lists strings, and
    /// // the generated string enum is what the API sends.
    /// openapi_clientgen::Generator::new("spec/api.json")
    ///     .allow_warnings(["#/components/schemas/article/properties/status"])
    ///     .build_script("api.rs");
    /// ```
    pub fn allow_warnings<I, S>(mut self, pointers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.allowed_warnings
            .extend(pointers.into_iter().map(Into::into));
        self
    }

    /// Keeps the record of the generated Rust API at `path` (beside the document, committed
    /// with it), so that [`build_script`](Self::build_script) reports how the API changed
    /// whenever the document changes.
    ///
    /// ```no_run
    /// openapi_clientgen::Generator::new("spec/api.json")
    ///     .api_record("spec/api.record")
    ///     .build_script("api.rs");
    /// ```
    ///
    /// The build writes the record when it is absent. When the document yields another
    /// API, the build prints a summary as warnings and writes the full report (Markdown)
    /// to `<record>.changes.md`; a build with the environment variable
    /// `OPENAPI_CLIENTGEN_ACCEPT=1` accepts the new API: it rewrites the record and removes the report, so that the
    /// change is reviewed in the commit that changes the document. A document that yields
    /// the same API prints nothing and writes nothing.
    pub fn api_record(mut self, path: impl Into<PathBuf>) -> Self {
        self.api_record = Some(path.into());
        self
    }

    /// `warnings` without the allowed ones, and with one for each allowed place that has none.
    fn unallowed(&self, warnings: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let is_allowed = |location: &Location| matches!(location, Location::Pointer(p) if self.allowed_warnings.contains(p));
        let stale = self
            .allowed_warnings
            .iter()
            .filter(|allowed| {
                !warnings
                    .iter()
                    .any(|w| matches!(&w.location, Location::Pointer(p) if p == *allowed))
            })
            .map(|allowed| Diagnostic {
                location: Location::Pointer(allowed.clone()),
                message: "a warning is allowed here, but there is none: remove the place from \
                          `allow_warnings`"
                    .to_owned(),
            })
            .collect::<Vec<_>>();
        warnings
            .into_iter()
            .filter(|w| !is_allowed(&w.location))
            .chain(stale)
            .collect()
    }

    fn thread_count(&self) -> NonZeroUsize {
        self.threads
            .or_else(|| std::env::var("NUM_JOBS").ok()?.parse().ok())
            .or_else(|| std::thread::available_parallelism().ok())
            .unwrap_or(NonZeroUsize::MIN)
    }

    /// The name used for the document in messages.
    fn source_name(&self) -> String {
        match &self.source {
            Source::File(path) => path.display().to_string(),
            Source::Text { name, .. } => name.clone(),
        }
    }

    /// Generates the client's source code.
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
    /// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml).generate()?;
    /// syn::parse_file(&output.code).expect("formatted Rust");
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn generate(&self) -> Result<Output, Error> {
        let name = self.source_name();
        let (text, syntax) = match &self.source {
            Source::File(path) => (read(path, &name)?, Syntax::from_file_name(&name)),
            Source::Text { text, syntax, .. } => (text.clone(), *syntax),
        };
        let started = Instant::now();
        let (mut document, version) = load::load(&text, syntax).map_err(|d| d.into_error(&name))?;
        let overlay_warnings = self.apply_overlays(&mut document)?;
        let parse = started.elapsed();
        // A Swagger 2.0 document is read as the OpenAPI 3 document it says; what is said of
        // that is said of the place in the original it comes from.
        let (origins, swagger_warnings) = match version {
            load::Version::Swagger2 => normalize::swagger2::convert(&mut document),
            load::Version::V3_0 | load::Version::V3_1 => Default::default(),
        };
        let (code, api, features, mut warnings, mut timings) = self
            .generate_document(document)
            .map_err(|d| origins.locate(d).into_error(&name))?;
        warnings = swagger_warnings
            .into_iter()
            .chain(warnings.into_iter().map(|w| origins.locate(w)))
            .collect();
        timings.parse = parse;
        let features = features.map(|f| f.tags).unwrap_or_default();
        Ok(Output {
            record: ApiRecord::of(&api),
            features,
            code,
            warnings: overlay_warnings
                .into_iter()
                .chain(
                    self.unallowed(warnings)
                        .into_iter()
                        .map(|w| w.into_warning(&name)),
                )
                .collect(),
            operations: api
                .operations
                .into_iter()
                .map(|op| GeneratedOperation {
                    name: op.method_name,
                    source: op.source,
                    method: op.http_method,
                    path: op.path,
                    tags: op.tags,
                })
                .collect(),
            types: api
                .types
                .into_iter()
                .map(|def| Generated {
                    source: def.pointer.to_string(),
                    name: def.name,
                })
                .collect(),
            timings,
        })
    }

    /// Applies the overlays, in order, to the loaded document; the warnings name each
    /// overlay's actions that selected nothing.
    fn apply_overlays(&self, document: &mut serde_json::Value) -> Result<Vec<Warning>, Error> {
        let mut warnings = Vec::new();
        for path in &self.overlays {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| Error {
                source_name: name.clone(),
                location: Location::Document,
                message: format!("cannot read the overlay: {e}"),
            })?;
            let overlay = load::parse(&text, Syntax::from_file_name(&name))
                .map_err(|d| d.into_error(&name))?;
            let found = overlay::apply(document, &overlay).map_err(|d| d.into_error(&name))?;
            warnings.extend(found.into_iter().map(|w| w.into_warning(&name)));
        }
        Ok(warnings)
    }

    fn generate_document(&self, mut document: serde_json::Value) -> Result<Generation, Diagnostic> {
        let mut clock = Instant::now();
        let mut lap = || {
            let now = Instant::now();
            now - std::mem::replace(&mut clock, now)
        };
        let mut timings = Timings::default();
        let mut warnings = normalize::normalize_document(&mut document);
        timings.normalize = lap();
        let openapi = parse::parse(&document)?;
        let (api, model_warnings) = model::build(
            &openapi,
            &document,
            &self.selection,
            self.format_types,
            &self.paging,
        )?;
        let features = self.tag_features.then(|| ir::Features::of(&api));
        warnings.extend(model_warnings);
        timings.model = lap();
        let options = emit::Options {
            runtime: &self.runtime_path,
            threads: self.thread_count(),
            features: features.as_ref(),
            mock: self.mock,
        };
        let rendered = emit::render(&api, &options).map_err(|message| Diagnostic {
            location: Location::Document,
            message,
        })?;
        timings.render = lap();
        timings.emit = rendered.emit;
        timings.format = rendered.format;
        let header = format!(
            "// Generated by openapi-clientgen from the {} API document, version {}.\n\
             // Do not edit: change the document and rebuild.\n\n",
            one_line(&api.title),
            one_line(&api.version),
        );
        let code = header + &rendered.code;
        Ok((code, api, features, warnings, timings))
    }

    /// Generates the client and writes it to `path`, for code that is committed rather
    /// than generated in a build script.
    ///
    /// ```no_run
    /// openapi_clientgen::Generator::new("spec/api.yaml").write("src/api.rs")?;
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn write(&self, path: impl AsRef<Path>) -> Result<Output, Error> {
        let output = self.generate()?;
        let path = path.as_ref();
        std::fs::write(path, &output.code).map_err(|e| Error {
            source_name: path.display().to_string(),
            location: Location::Document,
            message: format!("cannot write the generated code: {e}"),
        })?;
        Ok(output)
    }

    /// Runs generation from a build script: writes `$OUT_DIR/<file_name>`, asks Cargo to
    /// rerun only when the document changes, and reports warnings as `cargo::warning`.
    ///
    /// An error is reported as one `cargo::error` line naming the file and the place in it,
    /// which fails the build without a panic or backtrace.
    ///
    /// ```no_run
    /// // build.rs
    /// fn main() {
    ///     openapi_clientgen::Generator::new("spec/api.yaml").build_script("api.rs");
    /// }
    /// ```
    ///
    /// and in the crate, `include!(concat!(env!("OUT_DIR"), "/api.rs"));`.
    pub fn build_script(&self, file_name: &str) {
        for directive in self.build_script_directives(std::env::var_os("OUT_DIR"), file_name) {
            println!("{directive}");
        }
    }

    /// The directives [`Generator::build_script`] prints, for an `OUT_DIR`.
    fn build_script_directives(
        &self,
        out_dir: Option<std::ffi::OsString>,
        file_name: &str,
    ) -> Vec<String> {
        let mut directives = Vec::new();
        if let Source::File(path) = &self.source {
            directives.push(format!("cargo::rerun-if-changed={}", path.display()));
        }
        for path in &self.overlays {
            directives.push(format!("cargo::rerun-if-changed={}", path.display()));
        }
        let result = out_dir
            .ok_or_else(|| Error {
                source_name: self.source_name(),
                location: Location::Document,
                message: "OUT_DIR is not set: `build_script` runs from a build script".to_owned(),
            })
            .and_then(|out_dir| self.write(Path::new(&out_dir).join(file_name)));
        match result {
            Ok(output) => {
                directives.extend(
                    output.warnings.iter().map(|warning| {
                        format!("cargo::warning={}", one_line(&warning.to_string()))
                    }),
                );
                if let Some(path) = &self.api_record {
                    let accept =
                        std::env::var_os(ACCEPT).is_some_and(|v| !v.is_empty() && v != "0");
                    directives.extend(record_directives(path, &output.record, accept));
                }
            }
            Err(error) => directives.push(format!("cargo::error={}", one_line(&error.to_string()))),
        }
        directives
    }
}

/// What one run of the pipeline made: the code, the model it was printed from, the
/// features it was gated by, what was assumed, and how long each step took.
type Generation = (
    String,
    ir::Api,
    Option<ir::Features>,
    Vec<Diagnostic>,
    Timings,
);

/// The environment variable that accepts a changed API in a build.
const ACCEPT: &str = "OPENAPI_CLIENTGEN_ACCEPT";

/// Compares the generated API with the record at `path`: writes the record when absent or
/// when the change is accepted, and otherwise reports the change.
fn record_directives(path: &Path, record: &ApiRecord, accept: bool) -> Vec<String> {
    let mut directives = vec![
        format!("cargo::rerun-if-changed={}", path.display()),
        format!("cargo::rerun-if-env-changed={ACCEPT}"),
    ];
    let report = PathBuf::from(format!("{}.changes.md", path.display()));
    let write = |directives: &mut Vec<String>, what: &str| {
        match std::fs::write(path, record.to_text()) {
            Ok(()) => directives.push(format!("cargo::warning={what} {}", path.display())),
            Err(e) => directives.push(format!(
                "cargo::error=cannot write the API record {}: {e}",
                path.display()
            )),
        }
        let _ = std::fs::remove_file(&report);
    };
    let old = match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            write(&mut directives, "wrote the API record");
            return directives;
        }
        Err(e) => {
            directives.push(format!(
                "cargo::error=cannot read the API record {}: {e}",
                path.display()
            ));
            return directives;
        }
        Ok(text) => match ApiRecord::parse(&text) {
            Ok(old) => old,
            Err(e) => {
                directives.push(format!(
                    "cargo::error=the API record {} is damaged: {e}",
                    path.display()
                ));
                return directives;
            }
        },
    };
    let changes = compare(&old, record);
    if changes.is_empty() {
        return directives;
    }
    if accept {
        write(&mut directives, "accepted the API changes into");
        return directives;
    }
    if let Err(e) = std::fs::write(&report, changes.to_markdown()) {
        directives.push(format!(
            "cargo::warning=cannot write {}: {e}",
            report.display()
        ));
    }
    directives.push(format!(
        "cargo::warning=the API changed since {}: {}; the report is {}; accept with {ACCEPT}=1",
        path.display(),
        changes.summary(),
        report.display()
    ));
    directives.extend(
        changes
            .breaking()
            .take(10)
            .map(|c| format!("cargo::warning=breaking: {}", one_line(&c.description))),
    );
    directives
}

fn read(path: &Path, name: &str) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error {
        source_name: name.to_owned(),
        location: Location::Document,
        message: format!("cannot read the API document: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| Error {
        source_name: name.to_owned(),
        location: Location::Document,
        message: format!(
            "the API document is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// `text` on one line, for a comment or a build-script directive.
fn one_line(text: &str) -> String {
    emit::without_controls(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_script_reports_one_error_line() {
        let generator = Generator::new("spec/missing.yaml");
        let directives = generator.build_script_directives(Some(".".into()), "api.rs");
        assert_eq!(directives.len(), 2, "{directives:?}");
        assert_eq!(directives[0], "cargo::rerun-if-changed=spec/missing.yaml");
        assert!(
            directives[1]
                .starts_with("cargo::error=spec/missing.yaml: cannot read the API document: "),
            "{directives:?}"
        );
    }

    /// The directives for a document file with `contents` (or for a directory, if `None`).
    fn directives_for_file(name: &str, contents: Option<&[u8]>) -> Vec<String> {
        let dir = std::env::temp_dir().join(format!("clientgen-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        match contents {
            Some(bytes) => std::fs::write(&path, bytes).unwrap(),
            None => std::fs::create_dir_all(&path).unwrap(),
        }
        let directives =
            Generator::new(&path).build_script_directives(Some(dir.clone().into()), "api.rs");
        std::fs::remove_dir_all(&dir).unwrap();
        directives
            .into_iter()
            .map(|d| d.replace(&path.display().to_string(), "SPEC"))
            .collect()
    }

    #[test]
    fn build_script_reports_unusable_files_in_one_line_each() {
        let cases: [(&str, Option<&[u8]>, &str); 3] = [
            ("spec.yaml", None, "cargo::error=SPEC: cannot read the API document: Is a directory (os error 21)"),
            (
                "spec.yaml",
                Some(b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>\n"),
                "cargo::error=SPEC: this is HTML or XML, not an OpenAPI document (a failed download saves an error page)",
            ),
            (
                "spec.json",
                Some(b"{\"openapi\": \"3.1.0\xff\"}"),
                "cargo::error=SPEC: the API document is not UTF-8 text (invalid byte at offset 18)",
            ),
        ];
        for (name, contents, expected) in cases {
            assert_eq!(
                directives_for_file(name, contents),
                ["cargo::rerun-if-changed=SPEC", expected]
            );
        }
    }

    #[test]
    fn build_script_reports_warnings_and_writes_the_code() {
        let out_dir = std::env::temp_dir().join(format!("clientgen-test-{}", std::process::id()));
        std::fs::create_dir_all(&out_dir).unwrap();
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    s: {type: integer, enum: [a, b]}\n";
        let directives = Generator::from_text("api.yaml", text, Syntax::Yaml)
            .build_script_directives(Some(out_dir.clone().into_os_string()), "api.rs");
        assert_eq!(
            directives,
            [
                "cargo::warning=api.yaml at #/components/schemas/s: the enum values are strings \
              but the declared type is `integer`; generated a string enum"
            ]
        );
        let code = std::fs::read_to_string(out_dir.join("api.rs")).unwrap();
        assert!(code.contains("pub enum S {"), "{code}");
        std::fs::remove_dir_all(out_dir).unwrap();
    }
}

#[cfg(test)]
mod record_tests {
    use super::*;

    fn record_of(yaml: &str) -> ApiRecord {
        Generator::from_text("api.yaml", yaml, Syntax::Yaml)
            .generate()
            .unwrap()
            .record
    }

    const V1: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get: {operationId: getA, responses: {'204': {description: ok}}}\n";

    #[test]
    fn a_build_writes_the_record_reports_changes_and_accepts_them() {
        let dir = std::env::temp_dir().join(format!("clientgen-record-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("api.record");
        let report = dir.join("api.record.changes.md");
        let v1 = record_of(V1);
        let v2 = record_of(&V1.replace("getA", "fetchA"));
        let warnings = |directives: Vec<String>| -> Vec<String> {
            directives
                .into_iter()
                .filter(|d| !d.starts_with("cargo::rerun-if"))
                .map(|d| d.replace(&dir.display().to_string(), "DIR"))
                .collect()
        };

        // Absent: written.
        assert_eq!(
            warnings(record_directives(&path, &v1, false)),
            ["cargo::warning=wrote the API record DIR/api.record"]
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), v1.to_text());

        // The same API: nothing printed, nothing written.
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        assert!(warnings(record_directives(&path, &v1, false)).is_empty());
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified
        );
        assert!(!report.exists());

        // Changed: a summary, the breaking changes and a report; the record is kept.
        assert_eq!(
            warnings(record_directives(&path, &v2, false)),
            [
                "cargo::warning=the API changed since DIR/api.record: 1 breaking, 0 to note, \
                 0 additions; the report is DIR/api.record.changes.md; accept with \
                 OPENAPI_CLIENTGEN_ACCEPT=1",
                "cargo::warning=breaking: `get_a` is now `fetch_a`",
            ]
        );
        assert!(std::fs::read_to_string(&report)
            .unwrap()
            .contains("## Breaking for callers"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), v1.to_text());

        // Accepted: the record is rewritten and the report removed.
        assert_eq!(
            warnings(record_directives(&path, &v2, true)),
            ["cargo::warning=accepted the API changes into DIR/api.record"]
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), v2.to_text());
        assert!(!report.exists());
        assert!(warnings(record_directives(&path, &v2, false)).is_empty());

        // A damaged record is an error, not a silent rewrite.
        std::fs::write(&path, "operation x\n").unwrap();
        let directives = warnings(record_directives(&path, &v2, false));
        assert!(directives[0].starts_with("cargo::error=the API record DIR/api.record is damaged"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
