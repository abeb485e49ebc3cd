//! The generator's configuration: the document, the overlays, what to generate and how,
//! set by [`Generator`]'s builder methods.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use crate::error::Diagnostic;
use crate::{model, FormatTypes, Location, Paging, Syntax};

/// The size, in bytes of text, under which a document is generated on one thread: starting
/// threads takes longer than the work they would share (on two threads, a 6 KB document
/// took twice the time it takes on one; they break even at about 64 KB).
const SMALL_DOCUMENT: usize = 64 * 1024;

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
    pub(crate) source: Source,
    pub(crate) runtime_path: String,
    pub(crate) selection: model::Selection,
    pub(crate) threads: Option<NonZeroUsize>,
    pub(crate) allowed_warnings: Vec<String>,
    pub(crate) api_record: Option<PathBuf>,
    pub(crate) tag_features: bool,
    pub(crate) format_types: model::FormatTypes,
    pub(crate) overlays: Vec<PathBuf>,
    /// Paging by operationId: `None` where the build script turned it off.
    pub(crate) paging: BTreeMap<String, Option<model::Paging>>,
    pub(crate) cursor_shapes: bool,
    pub(crate) mock: bool,
    pub(crate) serde_both_ways: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Source {
    File(PathBuf),
    Text {
        name: String,
        text: String,
        syntax: Syntax,
    },
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
            cursor_shapes: true,
            mock: false,
            serde_both_ways: false,
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
    /// An operationId the document does not have is an error; an operation left out is
    /// not read, so one that does not parse fails nothing.
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
    /// case (`Pull Requests` is `pull-requests`); a method without tags takes the tags of
    /// the operations at the nearest path above its own, and is always compiled when there
    /// are none; the `webhooks` module and its events' types come with the feature
    /// `webhooks`, types no method uses with the feature `full`, which the crate defines
    /// as every feature. The crate declares the features in its `Cargo.toml`:
    /// [`Output::cargo_features`](crate::Output::cargo_features) writes the table, as does `openapi-clientgen features`.
    ///
    /// Written to a file ([`Generator::build_script`], [`Generator::write`]), each gate's
    /// types and methods go to files of their own beside it, which rustc reads only when
    /// the gate is on (see [`Generator::generate_for`]).
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      tags: [pets]\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n  /stores:\n    get:\n      operationId: listStores\n      tags: [stores]\n      responses: {'204': {description: none}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
    /// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml)
    ///     .tag_features()
    ///     .generate()?;
    /// assert!(output.code.contains("#[cfg(feature = \"pets\")]\n    #[inline]\n    pub fn show_pet("));
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
        self.paging.insert(operation_id.to_owned(), Some(paging));
        self
    }

    /// No `_stream` and `_pages` methods for the operation `operation_id`, whatever its
    /// document says or its shape suggests ([`detect_cursor_paging`](Self::detect_cursor_paging)).
    /// An operation the document lacks fails the build.
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # const LIST: &str = "openapi: 3.1.0\ninfo: {title: Files, version: '1'}\npaths:\n  /files:\n    get:\n      operationId: listFiles\n      parameters: [{name: after, in: query, schema: {type: string}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, required: [data, has_more], properties: {data: {type: array, items: {type: object, properties: {id: {type: string}}}}, has_more: {type: boolean}}}}}}}\n";
    /// let output = Generator::from_text("files.yaml", LIST, Syntax::Yaml)
    ///     .no_paging("listFiles")
    ///     .generate()?;
    /// assert!(!output.code.contains("pub fn list_files_stream("));
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn no_paging(mut self, operation_id: &str) -> Self {
        self.paging.insert(operation_id.to_owned(), None);
        self
    }

    /// Whether lists the document gives no paging convention for page by their shape, as
    /// many large APIs page (on by default): the response has a list under `data` (or its
    /// only list), a `has_more` flag and a cursor (`last_id`, `next_cursor`,
    /// `next_page_token`, or else the last item's `id`), and the operation takes it back as
    /// the query parameter `after`, `starting_after`, `cursor` or `page_token` (and the page
    /// size as `limit`, `page_size` or `per_page`). Only a shape with all of these pages,
    /// and paging stops when `has_more` is `false`. The method's documentation and the API
    /// record say that the paging comes from the shape; [`paging`](Self::paging) and
    /// [`no_paging`](Self::no_paging) decide per operation instead.
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # const LIST: &str = "openapi: 3.1.0\ninfo: {title: Files, version: '1'}\npaths:\n  /files:\n    get:\n      operationId: listFiles\n      parameters: [{name: after, in: query, schema: {type: string}}, {name: limit, in: query, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, required: [data, has_more], properties: {data: {type: array, items: {type: object, properties: {id: {type: string}}}}, has_more: {type: boolean}, last_id: {type: string}}}}}}}\n";
    /// let output = Generator::from_text("files.yaml", LIST, Syntax::Yaml).generate()?;
    /// assert!(output.code.contains("pub fn list_files_stream("));
    /// let plain = Generator::from_text("files.yaml", LIST, Syntax::Yaml)
    ///     .detect_cursor_paging(false)
    ///     .generate()?;
    /// assert!(!plain.code.contains("pub fn list_files_stream("));
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn detect_cursor_paging(mut self, detect: bool) -> Self {
        self.cursor_shapes = detect;
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

    /// Gives every generated type both `Serialize` and `Deserialize`. By default a type
    /// implements `Serialize` when the client sends it (in a request's body or
    /// parameters, or within such a type) and `Deserialize` when it reads it (a
    /// response's body, an error's, a webhook's event, or within them), as far as the
    /// document tells; a type it does both with, or that no operation names, implements
    /// both. The other trait of each type costs every build of the client and is code no
    /// call uses (about a tenth of the memory `cargo check` of GitHub's client takes); with
    /// the mock server ([`mock_feature`](Self::mock_feature)), which sends what the client
    /// reads, the types the client reads implement `Serialize` under the feature `mock`.
    /// Turn this on to write what the API answered (to a cache, to another service) with
    /// serde.
    ///
    /// ```
    /// # use openapi_clientgen::{Generator, Syntax};
    /// # const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      operationId: showPet\n      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\ncomponents:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";
    /// let output = Generator::from_text("pets.yaml", PETS, Syntax::Yaml).generate()?;
    /// assert!(output.code.contains("serde_struct!(impl Deserialize for Pet, extra(extra), [value(name, \"name\")]);"));
    /// let both = Generator::from_text("pets.yaml", PETS, Syntax::Yaml)
    ///     .serde_both_ways(true)
    ///     .generate()?;
    /// assert!(both.code.contains("serde_struct!(Pet, extra(extra), [value(name, \"name\")]);"));
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    pub fn serde_both_ways(mut self, both: bool) -> Self {
        self.serde_both_ways = both;
        self
    }

    /// How many threads may read the document, model its operations (a large document's),
    /// and emit and format the code; the code and the warnings are the same whatever the
    /// number. Default: Cargo's job count in a build script (`NUM_JOBS`), otherwise the
    /// available parallelism. A document under 64 KiB is generated on one thread, which
    /// is faster than starting others for it.
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

    /// Leaves out of [`Output::warnings`](crate::Output::warnings) (and so of the build's output) the warnings at
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
    pub(crate) fn unallowed(&self, warnings: Vec<Diagnostic>) -> Vec<Diagnostic> {
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

    /// The threads a document of `length` bytes is generated on: one for a small document
    /// (starting another thread would take longer than the work it would share), otherwise
    /// as [`Generator::threads`] says.
    pub(crate) fn thread_count(&self, length: usize) -> NonZeroUsize {
        if length < SMALL_DOCUMENT {
            return NonZeroUsize::MIN;
        }
        self.threads
            .or_else(|| std::env::var("NUM_JOBS").ok()?.parse().ok())
            .or_else(|| std::thread::available_parallelism().ok())
            .unwrap_or(NonZeroUsize::MIN)
    }

    /// The name used for the document in messages.
    pub(crate) fn source_name(&self) -> String {
        match &self.source {
            Source::File(path) => path.display().to_string(),
            Source::Text { name, .. } => name.clone(),
        }
    }
}
