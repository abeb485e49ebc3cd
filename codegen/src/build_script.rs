//! The build-script protocol: `cargo::` directives for the generated file, the warnings,
//! errors, and the API record's report of what changed.

use std::path::{Path, PathBuf};

use crate::emit::one_line;
use crate::generator::Source;
use crate::{compare, ApiRecord, Error, Generator, Location};

impl Generator {
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
                    directives.extend(record_directives(path, &output.record(), accept));
                }
            }
            Err(error) => directives.push(format!("cargo::error={}", one_line(&error.to_string()))),
        }
        directives
    }
}

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
        // A report of changes that are gone (the document restored) would mislead.
        let _ = std::fs::remove_file(&report);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Syntax;

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
    use crate::Syntax;

    fn record_of(yaml: &str) -> ApiRecord {
        Generator::from_text("api.yaml", yaml, Syntax::Yaml)
            .generate()
            .unwrap()
            .record()
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

        // Back to the recorded API (the document restored): the report is removed.
        assert!(report.exists());
        assert!(warnings(record_directives(&path, &v1, false)).is_empty());
        assert!(!report.exists());
        assert_eq!(
            warnings(record_directives(&path, &v2, false)).len(),
            2,
            "changed again"
        );
        assert!(report.exists());

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
