//! The generator as a command: generate a client to a file or check a committed one, and
//! list what a document offers.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use openapi_clientgen::{compare, ApiRecord, Generator, Output, Severity};

// Generation allocates a small object for each token of the generated code; with the
// system allocator of glibc, that is two fifths of the time of a large document.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
Generates a typed async Rust client from an OpenAPI 3.0 or 3.1 (or Swagger 2.0) document.

Usage:
  openapi-clientgen generate <DOCUMENT> [OPTIONS]
  openapi-clientgen operations <DOCUMENT>
  openapi-clientgen tags <DOCUMENT>
  openapi-clientgen features <DOCUMENT>
  openapi-clientgen record <DOCUMENT> [-o <FILE>] [--overlay <FILE>]...
  openapi-clientgen diff <OLD> <NEW> [--json] [--fail-on breaking|notice|additive] [--overlay <FILE>]...

generate writes the client to standard output, or to the file given with --output.

Options of generate:
  -o, --output <FILE>        write the client to FILE
      --check                write nothing; exit with 1 if FILE (--output) is missing or
                             differs from what would be generated
      --runtime-path <PATH>  where the generated code finds the runtime crate
                             (default: ::openapi_clientgen_runtime)
      --operation <ID>       generate only this operationId (repeatable; with --tag, both)
      --tag <TAG>            generate only the operations with this tag (repeatable)
      --allow-warning <PTR>  leave out the warning at this JSON pointer (repeatable)
      --tag-features         compile each method only with the cargo feature of its
                             tags, each type with those of the methods using it;
                             with --output FILE, each gate's items go to files in
                             FILE's directory `<stem>.features/`, which FILE
                             includes (a crate does not read the features it leaves off)
      --mock-feature         also generate a mock server of the API (module `mock`)
                             behind the cargo feature `mock`
      --serde-both-ways      give every type Serialize and Deserialize (by default,
                             only the traits of the way the client uses it)
      --no-cursor-paging     do not page lists without a paging convention by their
                             shape (data, has_more and a cursor sent back as after)
      --overlay <FILE>       apply this OpenAPI Overlay (1.0 or 1.1) to the document
                             first (repeatable, in order; also for record and diff,
                             where diff applies it to both documents)

operations lists each client method with its HTTP method, path and tags; tags lists each
tag with its number of operations; features prints the [features] table a crate declares
for a client generated with --tag-features. Warnings go to standard error.

record writes the record of the Rust API a document yields (what a build with
`api_record` keeps beside the document). diff reports how the Rust API changes from OLD
to NEW, each a document or a record: breaking changes, changes the Rust API does not show
(paths, methods, servers, security, wire values), and additions; as Markdown, or JSON with
--json.

Exit status: 0 on success, 1 when --check finds a difference or diff finds a change at or
above --fail-on (default: breaking), 2 on a usage error or a document that cannot be
used.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Options of `generate`.
#[derive(Default)]
struct Options {
    document: Option<String>,
    output: Option<String>,
    check: bool,
    runtime_path: Option<String>,
    operations: Vec<String>,
    tags: Vec<String>,
    allowed_warnings: Vec<String>,
    tag_features: bool,
    mock_feature: bool,
    serde_both_ways: bool,
    no_cursor_paging: bool,
    overlays: Vec<String>,
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(format!("no command given\n\n{USAGE}"));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "-V" | "--version" => {
            println!("openapi-clientgen {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        "generate" => generate(parse_options(rest)?),
        "operations" | "tags" | "features" => {
            let [document] = rest else {
                return Err(format!("`{command}` takes one document\n\n{USAGE}"));
            };
            match command.as_str() {
                "operations" => list_operations(&run_generator(Generator::new(document))?),
                "tags" => list_tags(&run_generator(Generator::new(document))?),
                _ => print!(
                    "{}",
                    run_generator(Generator::new(document).tag_features())?.cargo_features()
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        "record" => {
            let mut document = None;
            let mut output = None;
            let mut overlays = Vec::new();
            let mut args = rest.iter();
            while let Some(arg) = args.next() {
                match arg.as_str() {
                    "-o" | "--output" => output = args.next(),
                    "--overlay" => overlays.extend(args.next()),
                    flag if flag.starts_with('-') => {
                        return Err(format!("unknown option `{flag}`\n\n{USAGE}"))
                    }
                    path if document.is_none() => document = Some(path),
                    _ => {
                        return Err(format!(
                            "`record` takes one document, `-o FILE` and `--overlay FILE`\n\n{USAGE}"
                        ))
                    }
                }
            }
            let document = document.ok_or_else(|| format!("no document given\n\n{USAGE}"))?;
            let text = record_of(document, &overlays)?.to_text();
            match output {
                Some(file) => std::fs::write(file, text).map_err(|e| format!("{file}: {e}"))?,
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        "diff" => diff(rest),
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

/// The record of a document with `overlays` applied, or a record file read as it is.
fn record_of(path: &str, overlays: &[&String]) -> Result<ApiRecord, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    if text.starts_with("# The Rust API generated") {
        return ApiRecord::parse(&text).map_err(|e| format!("{path}: {e}"));
    }
    let generator = overlays
        .iter()
        .fold(Generator::new(path), |generator, overlay| {
            generator.overlay(overlay.as_str())
        });
    Ok(run_generator(generator)?.record())
}

fn diff(args: &[String]) -> Result<ExitCode, String> {
    let mut paths = Vec::new();
    let mut overlays = Vec::new();
    let mut json = false;
    let mut fail_on = Severity::Breaking;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--overlay" => overlays.extend(args.next()),
            "--fail-on" => {
                fail_on = match args.next().map(String::as_str) {
                    Some("breaking") => Severity::Breaking,
                    Some("notice") => Severity::Notice,
                    Some("additive") => Severity::Additive,
                    _ => return Err("`--fail-on` takes breaking, notice or additive".to_owned()),
                }
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path => paths.push(path),
        }
    }
    let [old, new] = paths[..] else {
        return Err(format!("`diff` takes two documents\n\n{USAGE}"));
    };
    let changes = compare(&record_of(old, &overlays)?, &record_of(new, &overlays)?);
    if json {
        println!("{:#}", changes.to_json());
    } else {
        print!("{}", changes.to_markdown());
    }
    let fails = changes.changes.iter().any(|c| c.severity <= fail_on);
    Ok(if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("`{name}` needs a value"))
        };
        match arg.as_str() {
            "-o" | "--output" => options.output = Some(value(arg)?),
            "--check" => options.check = true,
            "--runtime-path" => options.runtime_path = Some(value(arg)?),
            "--operation" => options.operations.push(value(arg)?),
            "--tag" => options.tags.push(value(arg)?),
            "--allow-warning" => options.allowed_warnings.push(value(arg)?),
            "--tag-features" => options.tag_features = true,
            "--mock-feature" => options.mock_feature = true,
            "--no-cursor-paging" => options.no_cursor_paging = true,
            "--serde-both-ways" => options.serde_both_ways = true,
            "--overlay" => options.overlays.push(value(arg)?),
            flag if flag.starts_with('-') && flag != "-" => {
                return Err(format!("unknown option `{flag}`\n\n{USAGE}"))
            }
            document if options.document.is_none() => options.document = Some(document.into()),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    if options.check && options.output.is_none() {
        return Err("`--check` compares with the file given by `--output`".to_owned());
    }
    Ok(options)
}

fn generate(options: Options) -> Result<ExitCode, String> {
    let document = options
        .document
        .ok_or_else(|| format!("no document given\n\n{USAGE}"))?;
    let mut generator = Generator::new(document)
        .operations(options.operations)
        .tags(options.tags)
        .allow_warnings(options.allowed_warnings);
    if options.tag_features {
        generator = generator.tag_features();
    }
    if options.no_cursor_paging {
        generator = generator.detect_cursor_paging(false);
    }
    if options.mock_feature {
        generator = generator.mock_feature();
    }
    if options.serde_both_ways {
        generator = generator.serde_both_ways(true);
    }
    if let Some(path) = options.runtime_path {
        generator = generator.runtime_path(path);
    }
    for overlay in options.overlays {
        generator = generator.overlay(overlay);
    }
    match (options.output, options.check) {
        (None, _) => print!("{}", reported(generator.generate())?.code),
        // With tag features, the items of each feature gate go to files beside `path`.
        (Some(path), false) => {
            reported(generator.write(&path))?;
        }
        (Some(path), true) => {
            let output = reported(generator.generate_for(&path))?;
            for (file, text) in output.files(Path::new(&path)) {
                let committed = std::fs::read_to_string(&file).ok();
                if committed.as_deref() != Some(text) {
                    let what = if committed.is_some() {
                        "differs from"
                    } else {
                        "is missing; it would hold"
                    };
                    eprintln!(
                        "{} {what} the generated client: regenerate it",
                        file.display()
                    );
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Generates, printing warnings to standard error.
fn run_generator(generator: Generator) -> Result<Output, String> {
    reported(generator.generate())
}

/// The output of a generation, its warnings printed to standard error.
fn reported(output: Result<Output, openapi_clientgen::Error>) -> Result<Output, String> {
    let output = output.map_err(|e| e.to_string())?;
    for warning in &output.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(output)
}

fn list_operations(output: &Output) {
    let width = output
        .operations
        .iter()
        .map(|op| op.name.len())
        .max()
        .unwrap_or(0);
    for op in &output.operations {
        let tags = if op.tags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", op.tags.join(", "))
        };
        println!("{:width$}  {:6} {}{tags}", op.name, op.method, op.path);
    }
}

fn list_tags(output: &Output) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for tag in output.operations.iter().flat_map(|op| &op.tags) {
        *counts.entry(tag).or_default() += 1;
    }
    for (tag, count) in counts {
        println!("{count:4}  {tag}");
    }
}
