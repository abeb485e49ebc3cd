//! Generates a client from an OpenAPI document, as a build script does, and writes it to a
//! file: for reading the code a document yields, or timing the step.
//!
//! ```text
//! cargo run -p openapi-clientgen --example generate -- <document> <output.rs> [runtime path]
//! ```

use std::process::ExitCode;

use openapi_clientgen::Generator;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (document, output, runtime) = match args.as_slice() {
        [document, output] => (document, output, "crate::runtime"),
        [document, output, runtime] => (document, output, runtime.as_str()),
        _ => {
            eprintln!("usage: generate <document> <output.rs> [runtime path]");
            return ExitCode::from(2);
        }
    };
    match Generator::new(document).runtime_path(runtime).write(output) {
        Ok(generated) => {
            for warning in &generated.warnings {
                eprintln!("warning: {warning}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
