//! Any input, read as YAML and as JSON: generation returns code that parses or an error.

#![no_main]

use libfuzzer_sys::fuzz_target;
use openapi_clientgen::{Generator, Syntax};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for syntax in [Syntax::Yaml, Syntax::Json] {
        if let Ok(output) = Generator::from_text("fuzz", text, syntax).generate() {
            if let Err(error) = syn::parse_file(&output.code) {
                panic!("the generated code does not parse: {error}");
            }
        }
    }
});
