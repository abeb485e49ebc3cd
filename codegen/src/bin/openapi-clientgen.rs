//! The generator as a command: generate a client to a file or check a committed one, and
//! list what a document offers.

use std::collections::BTreeMap;
use std::process::ExitCode;

use openapi_clientgen::{Generator, Output};

const USAGE: &str = "\
Generates a typed async Rust client from an OpenAPI 3.0 or 3.1 document.

Usage:
  openapi-clientgen generate <DOCUMENT> [OPTIONS]
  openapi-clientgen operations <DOCUMENT>
  openapi-clientgen tags <DOCUMENT>

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

operations lists each client method with its HTTP method, path and tags; tags lists each
tag with its number of operations. Warnings go to standard error.

Exit status: 0 on success, 1 when --check finds a difference, 2 on a usage error or a
document that cannot be used.";

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
        "operations" | "tags" => {
            let [document] = rest else {
                return Err(format!("`{command}` takes one document\n\n{USAGE}"));
            };
            let output = run_generator(Generator::new(document))?;
            if command == "operations" {
                list_operations(&output);
            } else {
                list_tags(&output);
            }
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
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
    if let Some(path) = options.runtime_path {
        generator = generator.runtime_path(path);
    }
    let output = run_generator(generator)?;
    match (options.output, options.check) {
        (None, _) => print!("{}", output.code),
        (Some(path), false) => std::fs::write(&path, &output.code)
            .map_err(|e| format!("cannot write `{path}`: {e}"))?,
        (Some(path), true) => {
            let committed = std::fs::read_to_string(&path).ok();
            if committed.as_deref() != Some(output.code.as_str()) {
                let what = if committed.is_some() {
                    "differs from"
                } else {
                    "is missing; it would hold"
                };
                eprintln!("{path} {what} the generated client: regenerate it");
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Generates, printing warnings to standard error.
fn run_generator(generator: Generator) -> Result<Output, String> {
    let output = generator.generate().map_err(|e| e.to_string())?;
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
