//! The pipeline, its stages in order: load, overlay, normalize (Swagger 2.0 converted),
//! parse, model, emit and format.

use std::borrow::Cow;
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::error::Diagnostic;
use crate::generator::Source;
use crate::{
    emit, ir, load, model, normalize, overlay, parallel, parse, Error, Generated,
    GeneratedOperation, Generator, Location, Output, Syntax, Timings, Warning,
};

impl Generator {
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
        self.generate_split(None)
    }

    /// Generates the client as [`Generator::write`] writes it to `path`: with
    /// [`Generator::tag_features`], the types and methods of each feature gate are in
    /// files of their own (`Output::parts`), in a directory beside `path` named after it
    /// (`api.rs` includes `api.features/users.types.rs`...; no module directory has a
    /// `.` in its name), which the code includes under the gate's `cfg`: rustc does not
    /// read the files of the features a crate leaves off.
    /// Without tag features, the same as [`Generator::generate`].
    pub fn generate_for(&self, path: impl AsRef<Path>) -> Result<Output, Error> {
        let directory = path
            .as_ref()
            .file_stem()
            .map(|stem| format!("{}.features", stem.to_string_lossy()))
            .unwrap_or_else(|| "client.features".to_owned());
        self.generate_split(Some(&directory))
    }

    /// Generates, the gated items in files in `split` (relative to the main file) when
    /// given.
    fn generate_split(&self, split: Option<&str>) -> Result<Output, Error> {
        let name = self.source_name();
        let (text, syntax) = match &self.source {
            Source::File(path) => (
                Cow::Owned(read(path, &name)?),
                Syntax::from_file_name(&name),
            ),
            Source::Text { text, syntax, .. } => (Cow::Borrowed(text.as_str()), *syntax),
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
        let Generation {
            code,
            parts,
            api,
            features,
            warnings,
            mut timings,
            listed,
        } = self
            .generate_document(document, self.thread_count(text.len()), split)
            .map_err(|d| origins.locate(d).into_error(&name))?;
        let warnings: Vec<Diagnostic> = swagger_warnings
            .into_iter()
            .chain(warnings.into_iter().map(|w| origins.locate(w)))
            .collect();
        timings.parse = parse;
        let features = features.map(|f| f.tags).unwrap_or_default();
        Ok(Output {
            features,
            code,
            parts,
            warnings: overlay_warnings
                .into_iter()
                .chain(
                    self.unallowed(warnings)
                        .into_iter()
                        .map(|w| w.into_warning(&name)),
                )
                .collect(),
            operations: listed.operations,
            types: listed.types,
            timings,
            api: Arc::new(api),
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

    fn generate_document(
        &self,
        mut document: serde_json::Value,
        threads: NonZeroUsize,
        split: Option<&str>,
    ) -> Result<Generation, Diagnostic> {
        let mut clock = Instant::now();
        let mut lap = || {
            let now = Instant::now();
            now - std::mem::replace(&mut clock, now)
        };
        let mut timings = Timings::default();
        let mut warnings = normalize::normalize_document(&mut document, threads);
        timings.normalize = lap();
        let openapi = parse::parse(&mut document, threads)?;
        let (found, model_warnings) = model::build(
            &openapi,
            &document,
            &self.selection,
            self.format_types,
            &self.paging,
            self.cursor_shapes,
            threads,
        )?;
        warnings.extend(model_warnings);
        // The document is not read again: it is freed on another thread while the model is
        // settled and read for what the emitter and the output need.
        let settled = parallel::drop_beside((openapi, document), threads, || {
            let api = found.settle()?;
            let features = self.tag_features.then(|| ir::Features::of(&api));
            let directions = (!self.serde_both_ways).then(|| ir::Directions::of(&api));
            let listed = Listed::of(&api);
            Ok::<_, Diagnostic>((api, features, directions, listed))
        });
        let (api, features, directions, listed) = settled?;
        timings.model = lap();
        let options = emit::Options {
            runtime: &self.runtime_path,
            threads,
            features: features.as_ref(),
            directions: directions.as_ref(),
            mock: self.mock,
            split,
        };
        let rendered = emit::render(&api, &options).map_err(|message| Diagnostic {
            location: Location::Document,
            message,
        })?;
        timings.render = lap();
        timings.emit = rendered.emit;
        timings.format = rendered.format;
        Ok(Generation {
            code: rendered.code,
            parts: rendered.parts,
            api,
            features,
            warnings,
            timings,
            listed,
        })
    }

    /// Generates the client and writes it to `path`, for code that is committed rather
    /// than generated in a build script.
    ///
    /// ```no_run
    /// openapi_clientgen::Generator::new("spec/api.yaml").write("src/api.rs")?;
    /// # Ok::<(), openapi_clientgen::Error>(())
    /// ```
    ///
    /// With [`Generator::tag_features`], the items of each feature gate go to files in a
    /// directory beside `path` (see [`Generator::generate_for`]); files of gates the
    /// document no longer has are removed from it.
    pub fn write(&self, path: impl AsRef<Path>) -> Result<Output, Error> {
        let path = path.as_ref();
        let output = self.generate_for(path)?;
        let failed = |e: std::io::Error| Error {
            source_name: path.display().to_string(),
            location: Location::Document,
            message: format!("cannot write the generated code: {e}"),
        };
        let files = output.files(path);
        if let Some(directory) = files.get(1).and_then(|(file, _)| file.parent()) {
            std::fs::create_dir_all(directory).map_err(failed)?;
            // Files of gates the document no longer has.
            for entry in std::fs::read_dir(directory).map_err(failed)?.flatten() {
                let stale = entry.path();
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if (name.ends_with(".types.rs") || name.ends_with(".client.rs"))
                    && !files.iter().any(|(file, _)| *file == stale)
                {
                    std::fs::remove_file(&stale).map_err(failed)?;
                }
            }
        }
        for (file, text) in &files {
            std::fs::write(file, text).map_err(failed)?;
        }
        Ok(output)
    }
}

/// What one run of the pipeline made: the code, the model it was printed from, the
/// features it was gated by, what was assumed, how long each step took, and what was
/// generated from where.
struct Generation {
    code: String,
    parts: std::collections::BTreeMap<String, String>,
    api: ir::Api,
    features: Option<ir::Features>,
    warnings: Vec<Diagnostic>,
    timings: Timings,
    listed: Listed,
}

/// The methods and types generated, each with where it comes from ([`Output::operations`],
/// [`Output::types`]).
struct Listed {
    operations: Vec<GeneratedOperation>,
    types: Vec<Generated>,
}

impl Listed {
    fn of(api: &ir::Api) -> Self {
        Listed {
            operations: api
                .operations
                .iter()
                .map(|op| GeneratedOperation {
                    name: op.method_name.clone(),
                    source: op.source.clone(),
                    method: op.http_method.clone(),
                    path: op.path.clone(),
                    tags: op.tags.clone(),
                })
                .collect(),
            types: api
                .types
                .iter()
                .map(|def| Generated {
                    source: def.pointer.as_str().to_owned(),
                    name: def.name.clone(),
                })
                .collect(),
        }
    }
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
