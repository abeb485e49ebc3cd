//! The generated file as formatted text, emitted and formatted in chunks on several threads.
//!
//! Each chunk (a run of types, a run of the client's methods, the client's own items) is
//! formatted inside the item that encloses it in the file (`pub mod types`, `impl
//! Client`), so it is laid out exactly as in a file formatted whole: the text does not
//! depend on how many threads made it. Types and methods are written as formatted text
//! ([`super::layout`]), and with tag features the gated ones move to their gates' files
//! ([`split`]); the client's own items, the mock server and the webhooks are emitted as
//! tokens that syn parses and prettyplease prints, and so are types and methods with tag
//! features kept in one file, each item under its gate's `cfg`.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroUsize;
use std::ops::Range;
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;
use quote::quote;

use super::layout::{Text, Written};
use super::split;
use super::{client, mock, one_line, types, webhooks, Context, RUNTIME_ALIAS};
use crate::ir::{Api, Directions, Features, Gate, TypeId};

/// Types per chunk: enough to keep a thread busy, few enough to share the work out.
const TYPES_PER_CHUNK: usize = 48;
/// Methods per chunk, for the same reason (a method is several times a type's text).
const METHODS_PER_CHUNK: usize = 16;

/// What the emitter is asked for beside the model.
pub(crate) struct Options<'a> {
    /// The path of the runtime crate, such as `::openapi_clientgen_runtime`.
    pub runtime: &'a str,
    /// How many threads may share the work.
    pub threads: NonZeroUsize,
    /// The cargo feature that compiles each method and type, when they are gated by tag.
    pub features: Option<&'a Features>,
    /// Which way each type travels, which decides its serde traits; without it, every
    /// type implements both.
    pub directions: Option<&'a Directions>,
    /// Whether to generate the mock server module, behind the cargo feature `mock`.
    pub mock: bool,
    /// With features: the directory, beside the main file, of the files the items of each
    /// feature gate move to ([`split`]); without one, they stay in the main file.
    pub split: Option<&'a str>,
}

impl<'a> Options<'a> {
    /// The directory gated items move to: [`Options::split`], when there are features.
    pub(crate) fn split_into(&self) -> Option<&'a str> {
        self.split.filter(|_| self.features.is_some())
    }
}

/// The formatted file, and the time spent emitting and formatting, summed over threads.
pub(crate) struct Rendered {
    pub code: String,
    /// The files the main file includes, by path relative to it ([`Options::split`]).
    pub parts: BTreeMap<String, String>,
    pub emit: Duration,
    pub format: Duration,
}

enum Chunk {
    /// The import of the runtime, and the module of types with its documentation but none
    /// of its items.
    Module,
    /// Types, by index in the model.
    Types(Range<usize>),
    /// The client and its builder, without the operations' methods.
    Client,
    /// Operations' methods, by index in the model; they end the client's `impl Client`.
    Methods(Range<usize>),
    /// The mock server module.
    Mock,
    /// The `webhooks` module.
    Webhooks,
}

/// One formatted chunk: the items of a chunk of types or methods without the module or
/// `impl` around them.
struct Part {
    /// Its text, in pieces (each item's, as written): they are copied once, into the file.
    text: Vec<String>,
    /// Gated items moved out of the chunk: the file, its `include!` (as the types module
    /// writes it, for types; as an item after the client, for methods), and their text
    /// (for methods, without the `impl Client` around them).
    moved: Vec<(String, String, String)>,
    emit: Duration,
    format: Duration,
}

/// Emits and formats the file for `api` on up to `threads` threads; `runtime` is the path
/// of the runtime module.
pub(crate) fn render(api: &Api, options: &Options) -> Result<Rendered, String> {
    let (runtime, threads) = (options.runtime, options.threads);
    let runs = |count: usize, size: usize| {
        (0..count)
            .step_by(size)
            .map(move |start| start..count.min(start + size))
    };
    // The mock server, the largest chunk when there is one, comes first, so that no
    // thread is left with it at the end while the others wait.
    let mock = options.mock.then_some(Chunk::Mock);
    let chunks: Vec<Chunk> = mock
        .into_iter()
        .chain([Chunk::Client, Chunk::Module, Chunk::Webhooks])
        .chain(runs(api.operations.len(), METHODS_PER_CHUNK).map(Chunk::Methods))
        .chain(runs(api.types.len(), TYPES_PER_CHUNK).map(Chunk::Types))
        .collect();

    let parse_runtime = || {
        syn::parse_str::<syn::Path>(runtime)
            .map_err(|e| format!("invalid runtime path `{runtime}`: {e}"))
    };
    parse_runtime()?;

    // Items move to files of their own only when they are gated.
    let split_into = options.split_into();
    // Token streams cannot cross threads, so each thread has its own context.
    let parts = crate::parallel::map(
        &chunks,
        threads,
        || (Context::new(api, options), parse_runtime()),
        |(context, runtime), chunk| match runtime {
            Ok(runtime) => render_chunk(context, runtime, chunk),
            Err(message) => Err(message.clone()),
        },
    );
    let (mut module, mut client) = (String::new(), String::new());
    let (mut mock, mut webhooks) = (String::new(), String::new());
    let (mut types, mut methods) = (Vec::new(), Vec::new());
    let (mut emit, mut format) = (Duration::ZERO, Duration::ZERO);
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut type_includes: BTreeMap<String, String> = BTreeMap::new();
    let mut method_includes: BTreeMap<String, String> = BTreeMap::new();
    let mut method_files: BTreeMap<String, String> = BTreeMap::new();
    for (part, chunk) in parts.into_iter().zip(&chunks) {
        let part = part?;
        emit += part.emit;
        format += part.format;
        for (file, include, text) in part.moved {
            let path = format!("{}/{file}", split_into.unwrap_or_default());
            let (includes, files) = match chunk {
                Chunk::Methods(_) => (&mut method_includes, &mut method_files),
                _ => (&mut type_includes, &mut files),
            };
            includes.insert(file, include);
            files.entry(path).or_default().push_str(&text);
        }
        match chunk {
            Chunk::Client => client = part.text.concat(),
            Chunk::Methods(_) => methods.extend(part.text),
            Chunk::Module => module = part.text.concat(),
            Chunk::Mock => mock = part.text.concat(),
            Chunk::Webhooks => webhooks = part.text.concat(),
            Chunk::Types(_) => types.extend(part.text),
        }
    }
    types.extend(type_includes.into_values());
    // The types go inside the module, before the brace that closes it.
    let module_head = if types.iter().any(|text| !text.is_empty()) {
        module
            .strip_suffix("}\n")
            .ok_or("internal error: the types module is not where expected")?
    } else {
        &module
    };
    let module_end = &module[module_head.len()..];
    // The methods end the client's own `impl Client`; the gates' files of methods follow
    // the client's items.
    let end = client
        .find("\nimpl Client {\n")
        .and_then(|start| client[start..].find("\n}\n").map(|end| start + end + 1))
        .ok_or("internal error: the client's `impl Client` is not where expected")?;
    files.extend(
        method_files
            .into_iter()
            .map(|(path, methods)| (path, format!("impl Client {{\n{methods}}}\n"))),
    );
    // The file's text, put together in one buffer of its length.
    let header = header(api);
    let code = [header.as_str(), module_head]
        .into_iter()
        .chain(types.iter().map(String::as_str))
        .chain([module_end, &webhooks, &client[..end]])
        .chain(methods.iter().map(String::as_str))
        .chain([&client[end..]])
        .chain(method_includes.values().map(String::as_str))
        .chain([mock.as_str()])
        .collect::<Vec<&str>>()
        .concat();
    Ok(Rendered {
        code,
        parts: files,
        emit,
        format,
    })
}

/// The comment the file starts with.
fn header(api: &Api) -> String {
    format!(
        "// Generated by openapi-clientgen from the {} API document, version {}.\n\
         // Do not edit: change the document and rebuild.\n\n",
        one_line(&api.title),
        one_line(&api.version),
    )
}

fn render_chunk(context: &Context, runtime: &syn::Path, chunk: &Chunk) -> Result<Part, String> {
    let start = Instant::now();
    let tokens = match chunk {
        // The runtime's `codegen` module, imported once, and the module of types without
        // its items.
        Chunk::Module => {
            let module = module_head(context, runtime);
            return as_written([module], "", start.elapsed());
        }
        Chunk::Types(range) => {
            let gate = |id: TypeId| context.type_gate(id);
            if let Some(directory) = context.split_into {
                let top_level = |id: TypeId| gate_features(gate(id)).is_some();
                let items = types::emit_types(context, range.clone(), top_level);
                let items = items.into_iter().map(|(id, written)| (gate(id), written));
                return split_written(items, TYPES_HEAD, "types", directory, start.elapsed());
            }
            let items = types::emit_types(context, range.clone(), |_| false);
            if context.features.is_none() {
                let items = items.into_iter().map(|(_, written)| written);
                return as_written(items, TYPES_HEAD, start.elapsed());
            }
            // With tag features and no files of their own, each type's items carry its
            // gate's `cfg`.
            let items = items
                .iter()
                .map(|(id, written)| Ok(gated(lex(&written.text)?, context.type_cfg(*id))))
                .collect::<Result<TokenStream, String>>()?;
            quote!(pub mod types { #items })
        }
        Chunk::Client => return as_written([client::emit_client(context)], "", start.elapsed()),
        Chunk::Methods(range) => {
            let operations = &context.api.operations[range.clone()];
            let methods = client::emit_methods(context, operations);
            if let Some(directory) = context.split_into {
                let gates = operations
                    .iter()
                    .map(|op| context.method_gate(&op.method_name));
                let methods = gates.zip(methods);
                return split_written(methods, IMPL_HEAD, "client", directory, start.elapsed());
            }
            if context.features.is_none() {
                return as_written(methods, IMPL_HEAD, start.elapsed());
            }
            // With tag features and no files of their own, each method carries its gate's
            // `cfg`.
            let methods: String = methods.into_iter().map(|method| method.text).collect();
            let methods = lex(&methods)?;
            quote!(impl Client { #methods })
        }
        Chunk::Mock => mock::emit_mock(context),
        Chunk::Webhooks => {
            return as_written(webhooks::emit_webhooks(context), "", start.elapsed());
        }
    };
    let emit = start.elapsed();
    let start = Instant::now();
    let text = format(tokens)?;
    let text = match chunk {
        Chunk::Types(_) => module_body(&text)?.to_owned(),
        Chunk::Methods(_) => impl_body(&text)?.to_owned(),
        _ => text,
    };
    Ok(Part {
        text: vec![text],
        moved: Vec::new(),
        emit,
        format: start.elapsed(),
    })
}

/// The import of the runtime's `codegen` module under its alias, and the module of types
/// without its items.
fn module_head(context: &Context, runtime: &syn::Path) -> Written {
    let mut out = Text::new(0);
    let path = if runtime.segments.iter().all(|s| s.arguments.is_none()) {
        // As prettyplease prints it: the segments without spaces.
        let segments: Vec<String> = runtime
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let colon = if runtime.leading_colon.is_some() {
            "::"
        } else {
            ""
        };
        format!("{colon}{}", segments.join("::"))
    } else {
        // Arguments in the path are left to prettyplease (which finds no `use` in them).
        out.unknown_layout();
        quote!(#runtime).to_string()
    };
    out.fixed(&format!("use {path}::codegen as {RUNTIME_ALIAS};"));
    out.doc(Some(&format!(
        "Types of the {} API's schemas, parameters and responses.",
        context.api.title.trim()
    )));
    if context.api.types.is_empty() {
        out.fixed("pub mod types {}");
    } else {
        // With tag features, every type of the module may be compiled out.
        out.open_fixed("pub mod types {");
        out.fixed("#[allow(unused_imports)]");
        out.fixed(&format!("use super::{RUNTIME_ALIAS};"));
        out.close("}");
    }
    out.finish()
}

/// A chunk of items without gates inside the block `head` opens (`pub mod types {`,
/// `impl Client {`): each item's text as written, where it is laid out as prettyplease
/// would lay it out, and as prettyplease formats it where not.
fn as_written(
    items: impl IntoIterator<Item = Written>,
    head: &str,
    emit: Duration,
) -> Result<Part, String> {
    let start = Instant::now();
    let text = (items.into_iter())
        .map(|item| laid_out(item, head))
        .collect::<Result<_, _>>()?;
    Ok(Part {
        text,
        moved: Vec::new(),
        emit,
        format: start.elapsed(),
    })
}

/// A chunk of items with tag features, each gated one moved to its gate's file
/// ([`split`]), whose `include!` under the gate's `cfg` takes its place; the rest laid out
/// as [`as_written`] lays them out inside the block `head` opens (`pub mod types {`, `impl
/// Client {`). A gated type is written at the top of its file, a gated method as inside
/// `impl Client`, which its file wraps around it.
fn split_written<'g>(
    items: impl IntoIterator<Item = (Option<&'g Gate>, Written)>,
    head: &str,
    suffix: &str,
    directory: &str,
    emit: Duration,
) -> Result<Part, String> {
    let start = Instant::now();
    let types = head == TYPES_HEAD;
    let mut text = Vec::new();
    let mut moved: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (gate, item) in items {
        let Some(features) = gate_features(gate) else {
            text.push(laid_out(item, head)?);
            continue;
        };
        let features: Vec<&String> = features.iter().collect();
        let (_, items) = match moved.entry(split::gate_file(&features, suffix)) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                let include = split::include(&Context::cfg(gate), directory, entry.key());
                let include = if types {
                    module_body(&format(quote!(pub mod types { #include }))?)?.to_owned()
                } else {
                    format(include)?
                };
                entry.insert((include, String::new()))
            }
        };
        items.push_str(&laid_out(item, if types { "" } else { head })?);
    }
    let moved = moved
        .into_iter()
        .map(|(file, (include, items))| (file, include, items))
        .collect();
    Ok(Part {
        text,
        moved,
        emit,
        format: start.elapsed(),
    })
}

/// The features of a gate that compiles its items only with some of them.
fn gate_features(gate: Option<&Gate>) -> Option<&BTreeSet<String>> {
    match gate {
        Some(Gate::Any(features)) => Some(features),
        None | Some(Gate::Always) => None,
    }
}

/// An item's text as written, or as prettyplease formats it where it is not laid out as
/// prettyplease would lay it out: inside the block `head` opens, or at the top of a file
/// when `head` is empty.
fn laid_out(item: Written, head: &str) -> Result<String, String> {
    if item.formatted {
        return Ok(item.text);
    }
    if head.is_empty() {
        return format(lex(&item.text)?);
    }
    let block = format(lex(&format!("{head}{}}}", item.text))?)?;
    Ok(body(&block, head)?.to_owned())
}

/// `items` with the attribute `cfg` on each (a type is a struct and the macro call that
/// implements its conversions, or more).
fn gated(items: TokenStream, cfg: TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    let Ok(file) = syn::parse2::<syn::File>(items.clone()) else {
        // Emitted code always parses; were it not to, the formatter reports it.
        return items;
    };
    file.items.iter().map(|item| quote!(#cfg #item)).collect()
}

/// The tokens of code written as text.
fn lex(text: &str) -> Result<TokenStream, String> {
    text.parse()
        .map_err(|e| format!("internal error: the generated code does not lex: {e}"))
}

/// The first line of the types module.
const TYPES_HEAD: &str = "pub mod types {\n";
/// The first line of the client's methods.
const IMPL_HEAD: &str = "impl Client {\n";

/// The items of the formatted `pub mod types { ... }`, without the module's own lines.
fn module_body(text: &str) -> Result<&str, String> {
    body(text, TYPES_HEAD)
}

/// The items of the formatted `impl Client { ... }`, without the block's own lines.
fn impl_body(text: &str) -> Result<&str, String> {
    body(text, IMPL_HEAD)
}

/// The items of a formatted block that starts with `head` and ends with its brace; none
/// when the block is empty (every item of the chunk moved to a gate's file).
fn body<'t>(text: &'t str, head: &str) -> Result<&'t str, String> {
    let open = head.trim_end();
    if text.strip_prefix(open) == Some("}\n") {
        return Ok("");
    }
    text.strip_prefix(head)
        .and_then(|body| body.strip_suffix("}\n"))
        .ok_or_else(|| format!("internal error: a formatted chunk is not `{open} ... }}`"))
}

fn parse(tokens: TokenStream) -> Result<syn::File, String> {
    syn::parse2(tokens)
        .map_err(|e| format!("internal error: the generated code does not parse: {e}"))
}

/// Parses `tokens` as a file and pretty-prints it.
fn format(tokens: TokenStream) -> Result<String, String> {
    Ok(prettyplease::unparse(&parse(tokens)?))
}
