//! The generated file as formatted text, emitted and formatted in chunks on several threads.
//!
//! Each chunk (a run of types, or the client) is formatted inside the item that encloses it
//! in the file, so it is laid out exactly as in a file formatted whole: the text does not
//! depend on how many threads made it.

use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;
use quote::quote;

use super::{client, doc_attrs, mock, types, webhooks, Context};
use crate::ir::{Api, Features};

/// Types per chunk: enough to keep a thread busy, few enough to share the work out.
const TYPES_PER_CHUNK: usize = 48;

/// What the emitter is asked for beside the model.
pub(crate) struct Options<'a> {
    /// The path of the runtime crate, such as `::openapi_clientgen_runtime`.
    pub runtime: &'a str,
    /// How many threads may share the work.
    pub threads: NonZeroUsize,
    /// The cargo feature that compiles each method and type, when they are gated by tag.
    pub features: Option<&'a Features>,
    /// Whether to generate the mock server module, behind the cargo feature `mock`.
    pub mock: bool,
}

/// The formatted file, and the time spent emitting and formatting, summed over threads.
pub(crate) struct Rendered {
    pub code: String,
    pub emit: Duration,
    pub format: Duration,
}

enum Chunk {
    /// The import of the runtime, and the module of types with its documentation but none
    /// of its items.
    Module,
    /// Types, by index in the model.
    Types(Range<usize>),
    Client,
    /// The mock server module.
    Mock,
    /// The `webhooks` module.
    Webhooks,
}

/// One formatted chunk.
struct Part {
    text: String,
    emit: Duration,
    format: Duration,
}

/// Emits and formats the file for `api` on up to `threads` threads; `runtime` is the path
/// of the runtime module.
pub(crate) fn render(api: &Api, options: &Options) -> Result<Rendered, String> {
    let (runtime, threads) = (options.runtime, options.threads);
    let count = api.types.len();
    // The client, the largest chunk, comes first, so that no thread is left with it at
    // the end while the others wait.
    let mock = options.mock.then_some(Chunk::Mock);
    let chunks: Vec<Chunk> = [Chunk::Client, Chunk::Module, Chunk::Webhooks]
        .into_iter()
        .chain(mock)
        .chain(
            (0..count)
                .step_by(TYPES_PER_CHUNK)
                .map(|start| Chunk::Types(start..count.min(start + TYPES_PER_CHUNK))),
        )
        .collect();

    let parse_runtime = || {
        syn::parse_str::<syn::Path>(runtime)
            .map_err(|e| format!("invalid runtime path `{runtime}`: {e}"))
    };
    parse_runtime()?;

    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Result<Part, String>)>> = Mutex::new(Vec::new());
    let work = || {
        // Token streams cannot cross threads, so each thread has its own context.
        let Ok(runtime) = parse_runtime() else {
            return;
        };
        let context = Context::new(api, options.features);
        let mut parts = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(chunk) = chunks.get(index) else {
                break;
            };
            parts.push((index, render_chunk(&context, &runtime, chunk)));
        }
        done.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend(parts);
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.get().min(chunks.len()) {
            scope.spawn(work);
        }
        work();
    });

    let mut parts = done
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if parts.len() != chunks.len() {
        return Err("internal error: a part of the generated code is missing".to_owned());
    }
    parts.sort_by_key(|(index, _)| *index);
    let (mut module, mut types, mut client) = (String::new(), String::new(), String::new());
    let (mut mock, mut webhooks) = (String::new(), String::new());
    let (mut emit, mut format) = (Duration::ZERO, Duration::ZERO);
    for (index, part) in parts {
        let part = part?;
        emit += part.emit;
        format += part.format;
        match chunks[index] {
            Chunk::Client => client = part.text,
            Chunk::Module => module = part.text,
            Chunk::Mock => mock = part.text,
            Chunk::Webhooks => webhooks = part.text,
            Chunk::Types(_) => types.push_str(&part.text),
        }
    }
    if !types.is_empty() {
        let head = module
            .strip_suffix("}\n")
            .ok_or("internal error: the types module is not where expected")?;
        module = format!("{head}{types}}}\n");
    }
    Ok(Rendered {
        code: module + &webhooks + &client + &mock,
        emit,
        format,
    })
}

fn render_chunk(context: &Context, runtime: &syn::Path, chunk: &Chunk) -> Result<Part, String> {
    let start = Instant::now();
    let tokens = match chunk {
        // The runtime's `codegen` module, imported once, and the module of types without
        // its items.
        Chunk::Module => {
            let alias = &context.runtime;
            let doc = doc_attrs(Some(&format!(
                "Types of the {} API's schemas, parameters and responses.",
                context.api.title.trim()
            )));
            // With tag features, every type of the module may be compiled out.
            let import = (!context.api.types.is_empty()).then(|| {
                quote! {
                    #[allow(unused_imports)]
                    use super::#alias;
                }
            });
            quote! {
                use #runtime::codegen as #alias;

                #doc
                pub mod types { #import }
            }
        }
        Chunk::Types(range) => {
            let items = types::emit_types(context, &context.api.types[range.clone()]);
            quote!(pub mod types { #items })
        }
        Chunk::Client => client::emit_client(context),
        Chunk::Mock => mock::emit_mock(context),
        Chunk::Webhooks => webhooks::emit_webhooks(context),
    };
    let emit = start.elapsed();
    let start = Instant::now();
    let text = format(tokens)?;
    let text = match chunk {
        Chunk::Types(_) => text
            .strip_prefix("pub mod types {\n")
            .and_then(|body| body.strip_suffix("}\n"))
            .unwrap_or_default()
            .to_owned(),
        _ => text,
    };
    Ok(Part {
        text,
        emit,
        format: start.elapsed(),
    })
}

/// Parses `tokens` as a file and pretty-prints it.
fn format(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| format!("internal error: the generated code does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}
