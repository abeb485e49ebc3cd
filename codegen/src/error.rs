//! Errors and warnings, each tied to a place in the input document.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// Where in the input document something was found.
///
/// ```
/// use openapi_clientgen::{Generator, Location, Syntax};
///
/// let error = Generator::from_text("api.yaml", "openapi: 3.0.3\ninfo: [\n", Syntax::Yaml)
///     .generate()
///     .unwrap_err();
/// assert!(matches!(error.location, Location::Text { line: 3, .. }), "{error}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The document as a whole (for example, a file that cannot be read).
    Document,
    /// A line and column in the document's text, both starting at 1.
    Text {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
    },
    /// A JSON pointer (RFC 6901) into the document, such as `#/components/schemas/contact`.
    Pointer(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Document => Ok(()),
            Location::Text { line, column } => write!(f, ":{line}:{column}"),
            Location::Pointer(pointer) => write!(f, " at {pointer}"),
        }
    }
}

/// A generation failure: the document could not be read or given a meaning.
///
/// Its `Display` is one line naming the file and the place:
///
/// ```
/// use openapi_clientgen::{Generator, Syntax};
///
/// let text = r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
///   "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/gone"}}}}}}"##;
/// let error = Generator::from_text("api.json", text, Syntax::Json).generate().unwrap_err();
/// assert!(error.to_string().starts_with("api.json at #/paths/~1a/get/responses/200: "), "{error}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}{location}: {message}")]
pub struct Error {
    /// The document's file name (or the name given to an in-memory document).
    pub source_name: String,
    /// Where in the document the problem is.
    pub location: Location,
    /// What is wrong.
    pub message: String,
}

/// Something the generator had to assume about the document; the code was still generated.
///
/// ```
/// use openapi_clientgen::{Generator, Location, Syntax};
///
/// let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n\
///             components: {schemas: {s: {type: integer, enum: [a, b]}}}\n";
/// let output = Generator::from_text("api.yaml", text, Syntax::Yaml).generate().unwrap();
/// let warning = &output.warnings[0];
/// assert_eq!(warning.location, Location::Pointer("#/components/schemas/s".into()));
/// assert!(warning.message.contains("generated a string enum"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The document's file name (or the name given to an in-memory document).
    pub source_name: String,
    /// Where in the document the assumption was made.
    pub location: Location,
    /// What was found and what was assumed.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}: {}", self.source_name, self.location, self.message)
    }
}

/// A problem found before the document's name is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Diagnostic {
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn at(pointer: &Pointer, message: impl Into<String>) -> Self {
        Diagnostic {
            location: Location::Pointer(pointer.to_string()),
            message: message.into(),
        }
    }

    pub fn into_error(self, source_name: &str) -> Error {
        Error {
            source_name: source_name.to_owned(),
            location: self.location,
            message: self.message,
        }
    }

    pub fn into_warning(self, source_name: &str) -> Warning {
        Warning {
            source_name: source_name.to_owned(),
            location: self.location,
            message: self.message,
        }
    }
}

pub(crate) type Result<T, E = Diagnostic> = std::result::Result<T, E>;

/// A JSON pointer under construction, escaped per RFC 6901.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Pointer("#".to_owned())
    }

    /// Parses a local reference such as `#/components/schemas/a`.
    ///
    /// The reference is a URI fragment, so its JSON pointer may be percent-encoded
    /// (`#/paths/~1items~1%7Bid%7D`, RFC 6901 section 6); the pointer is decoded.
    pub fn from_ref(reference: &str) -> Option<Self> {
        Self::text_of_ref(reference).map(|text| Pointer(text.into_owned()))
    }

    /// The text of the pointer [`Pointer::from_ref`] makes of `reference`, borrowed where
    /// nothing in it is percent-encoded (most references).
    pub fn text_of_ref(reference: &str) -> Option<Cow<'_, str>> {
        if reference != "#" && !reference.starts_with("#/") {
            return None;
        }
        if !reference.contains('%') {
            return Some(Cow::Borrowed(reference));
        }
        let decoded = percent_encoding::percent_decode_str(reference)
            .decode_utf8()
            .unwrap_or(Cow::Borrowed(reference));
        Some(decoded)
    }

    /// The pointer as it is written, escaped.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The pointer to `segment` inside this one's value, with room for a few more
    /// segments ([`Pointer::then`]: `content/application~1json/schema`).
    pub fn push(&self, segment: impl Segment) -> Self {
        let mut pointer = String::with_capacity(self.0.len() + 48);
        pointer.push_str(&self.0);
        Pointer(pointer).then(segment)
    }

    /// [`Pointer::push`] on a pointer that is not kept: the segment is written on its end.
    pub fn then(mut self, segment: impl Segment) -> Self {
        let pointer = &mut self.0;
        pointer.push('/');
        let start = pointer.len();
        segment.write_to(pointer);
        if pointer[start..].contains(['~', '/']) {
            let segment = pointer.split_off(start);
            for c in segment.chars() {
                match c {
                    '~' => pointer.push_str("~0"),
                    '/' => pointer.push_str("~1"),
                    c => pointer.push(c),
                }
            }
        }
        self
    }

    /// The unescaped segments after `#`.
    pub fn segments(&self) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        self.0.split('/').skip(1).map(unescaped)
    }

    /// The key of the component the pointer stands under, unescaped: `key` in
    /// `#/components/<section>/<key>` and below it.
    pub fn component_key(&self) -> Option<Cow<'_, str>> {
        let rest = self.under_component()?;
        Some(unescaped(&rest[..slash(rest).unwrap_or(rest.len())]))
    }

    /// Whether the pointer stands under a component: `#/components/<section>/<key>` or
    /// below it.
    pub fn is_under_component(&self) -> bool {
        self.under_component().is_some()
    }

    /// What follows `#/components/<section>/` in the pointer.
    fn under_component(&self) -> Option<&str> {
        let rest = self.0.strip_prefix("#/components/")?;
        Some(&rest[slash(rest)? + 1..])
    }
}

/// Where the first `/` of `text` is: segments are short, and a search byte by byte finds
/// their ends soonest.
fn slash(text: &str) -> Option<usize> {
    text.bytes().position(|b| b == b'/')
}

/// A segment unescaped, borrowed where it has nothing to unescape.
fn unescaped(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(unescape(segment))
    } else {
        Cow::Borrowed(segment)
    }
}

/// What a pointer's segment is made of: a name or an index.
pub(crate) trait Segment {
    /// Writes the segment, unescaped, at the end of `out`.
    fn write_to(&self, out: &mut String);
}

impl Segment for str {
    fn write_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Segment for String {
    fn write_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Segment for usize {
    fn write_to(&self, out: &mut String) {
        // Writing to a string cannot fail.
        let _ = write!(out, "{self}");
    }
}

impl Segment for openapiv3::StatusCode {
    fn write_to(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl<T: Segment + ?Sized> Segment for &T {
    fn write_to(&self, out: &mut String) {
        (**self).write_to(out);
    }
}

/// A segment of a pointer unescaped: `~1` is `/`, and then `~0` is `~` (so `~01` is `~1`).
fn unescape(segment: &str) -> String {
    let mut unescaped = String::with_capacity(segment.len());
    let mut rest = segment;
    while let Some(at) = rest.find('~') {
        unescaped.push_str(&rest[..at]);
        rest = &rest[at..];
        let (replacement, length) = match rest.as_bytes().get(1) {
            Some(b'1') => ("/", 2),
            Some(b'0') => ("~", 2),
            _ => ("~", 1),
        };
        unescaped.push_str(replacement);
        rest = &rest[length..];
    }
    unescaped.push_str(rest);
    unescaped
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A segment is unescaped as RFC 6901 says: `~1` replaced first, then `~0`.
        #[test]
        fn segments_are_unescaped_as_the_rfc_says(segment in "[~01/a]{0,12}") {
            prop_assert_eq!(unescape(&segment), segment.replace("~1", "/").replace("~0", "~"));
        }

        /// The key of a component is the third segment under `components`.
        #[test]
        fn component_keys_are_read_as_segments(
            segments in proptest::collection::vec("components|schemas|[~01/a]{0,3}", 0..5)
        ) {
            let pointer = segments.iter().fold(Pointer::root(), |p, s| p.push(s));
            let expected = match segments.as_slice() {
                [first, _, key, ..] if first == "components" => Some(key.as_str()),
                _ => None,
            };
            let key = pointer.component_key();
            prop_assert_eq!(key.as_deref(), expected);
            prop_assert_eq!(pointer.is_under_component(), expected.is_some());
        }

        /// A segment pushed, or written on the end, is the segment read back.
        #[test]
        fn pushed_segments_are_read_back(segment in "[~01/a]{0,12}") {
            let pointer = Pointer::root().push("a").push(&segment);
            let segments: Vec<_> = pointer.segments().collect();
            prop_assert_eq!(segments, ["a", segment.as_str()]);
            let written = Pointer::root().push(&segment).then("a").then(&segment);
            let segments: Vec<_> = written.segments().collect();
            prop_assert_eq!(segments, [segment.as_str(), "a", segment.as_str()]);
        }
    }
}
