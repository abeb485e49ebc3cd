//! `multipart/form-data` bodies: values, files and nested forms, each a part.

use std::fmt;

use bytes::{Bytes, BytesMut};
use futures_util::{stream, StreamExt, TryStreamExt};
use serde::Serialize;
use serde_json::Value;

use crate::auth::BoxError;
use crate::body::{Body, BodyKind};

/// A file sent as one part of a multipart body: its content (any [`Body`]: bytes, text, a
/// file or a stream), with an optional file name and media type.
///
/// Without a media type of its own the part is sent with the one the API document gives
/// for it, or `application/octet-stream`; without a file name, with the property's name.
///
/// ```
/// use openapi_clientgen_runtime::FilePart;
///
/// let avatar = FilePart::new(vec![0x89, b'P', b'N', b'G'])
///     .file_name("avatar.png")
///     .media_type("image/png");
/// let report: FilePart = "a,b\n1,2\n".into();
/// # let _ = (avatar, report);
/// ```
pub struct FilePart {
    body: Body,
    file_name: Option<String>,
    headers: Vec<(String, String)>,
}

impl FilePart {
    /// A part holding `body`.
    pub fn new(body: impl Into<Body>) -> Self {
        FilePart {
            body: body.into(),
            file_name: None,
            headers: Vec::new(),
        }
    }

    /// Sends the header `name: value` in the part (as an `encoding` object's `headers`
    /// describe); a name or value that cannot be sent in a header fails the call before
    /// anything is sent.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sends `name` as the part's file name.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sends the part as `media_type`.
    pub fn media_type(mut self, media_type: impl Into<String>) -> Self {
        self.body = self.body.media_type(media_type);
        self
    }
}

impl<T: Into<Body>> From<T> for FilePart {
    fn from(body: T) -> Self {
        FilePart::new(body)
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("body", &self.body)
            .field("file_name", &self.file_name)
            .field("media_type", &self.body.media_type)
            .field("headers", &self.headers)
            .finish()
    }
}

/// A form sent as `multipart/form-data`; generated form types implement it.
///
/// `write_parts` adds one part per property to `form`; `prefix` is the name of the
/// property that holds this form inside another (empty at the top), so that nested
/// properties are named `outer[inner]`.
pub trait MultipartForm {
    /// Adds this form's parts to `form`.
    fn write_parts(self, form: &mut Multipart, prefix: &str);
}

impl<T: MultipartForm> MultipartForm for Box<T> {
    fn write_parts(self, form: &mut Multipart, prefix: &str) {
        (*self).write_parts(form, prefix);
    }
}

/// The parts of a `multipart/form-data` body, as [`MultipartForm::write_parts`] adds them.
///
/// Values follow the OpenAPI defaults: a string is a text part, a number or a boolean
/// its text, a list one part per item, an object a JSON part, `null` no part. Part
/// names and file names are escaped as browsers do (`"`, CR and LF percent-encoded).
pub struct Multipart {
    boundary: String,
    /// Bytes and streams, in order; neighbouring bytes are joined.
    segments: Vec<Segment>,
    pending: BytesMut,
    error: Option<String>,
}

enum Segment {
    Bytes(Bytes),
    Stream(reqwest::Body),
}

impl Multipart {
    pub(crate) fn new() -> Self {
        Multipart {
            boundary: boundary(),
            segments: Vec::new(),
            pending: BytesMut::new(),
            error: None,
        }
    }

    /// The parts of `body`, an object: one per property, in the alphabetical order of their
    /// names.
    pub(crate) fn of_value(body: &(impl Serialize + ?Sized)) -> Result<Self, String> {
        let value = match serde_json::to_value(body) {
            Ok(Value::Object(object)) => object,
            Ok(_) => return Err("a multipart body must be an object".to_owned()),
            Err(e) => return Err(format!("the body cannot be encoded: {e}")),
        };
        // Sorted, so that the order does not depend on serde_json's `preserve_order` feature.
        let mut properties: Vec<(&String, &Value)> = value.iter().collect();
        properties.sort_by_key(|(name, _)| *name);
        let mut form = Multipart::new();
        for (name, value) in properties {
            form.value("", name, value);
        }
        Ok(form)
    }

    /// Adds the property `name` (inside `prefix`, if any) holding `value`.
    pub fn value(&mut self, prefix: &str, name: &str, value: &(impl Serialize + ?Sized)) {
        match serde_json::to_value(value) {
            Ok(value) => self.json_value(&part_name(prefix, name), &value),
            Err(e) => {
                self.error.get_or_insert(format!(
                    "the multipart property `{name}` cannot be encoded: {e}"
                ));
            }
        }
    }

    fn json_value(&mut self, name: &str, value: &Value) {
        match value {
            Value::Null => {}
            Value::Array(items) => {
                for item in items {
                    self.json_value(name, item);
                }
            }
            Value::String(text) => self.text_part(name, None, text.as_bytes()),
            Value::Object(_) => {
                self.text_part(name, Some("application/json"), value.to_string().as_bytes())
            }
            other => self.text_part(name, None, other.to_string().as_bytes()),
        }
    }

    /// Adds the property `name` (inside `prefix`, if any) as one file part per item of
    /// `files`; a part without a media type of its own is sent as `content_type`.
    pub fn files(
        &mut self,
        prefix: &str,
        name: &str,
        content_type: &str,
        files: impl IntoIterator<Item = FilePart>,
    ) {
        let part = part_name(prefix, name);
        for file in files {
            self.header(
                &part,
                Some(file.file_name.as_deref().unwrap_or(name)),
                Some(file.body.media_type.as_deref().unwrap_or(content_type)),
            );
            for (header, value) in &file.headers {
                self.part_header(&part, header, value);
            }
            self.pending.extend_from_slice(b"\r\n");
            match file.body.kind {
                BodyKind::Bytes(bytes) => self.pending.extend_from_slice(&bytes),
                BodyKind::Stream(stream) => {
                    self.flush();
                    self.segments.push(Segment::Stream(stream));
                }
            }
            self.pending.extend_from_slice(b"\r\n");
        }
    }

    /// Adds the property `name` (inside `prefix`, if any) holding nested forms: their
    /// properties are named `name[property]`.
    pub fn forms(
        &mut self,
        prefix: &str,
        name: &str,
        forms: impl IntoIterator<Item = impl MultipartForm>,
    ) {
        let name = part_name(prefix, name);
        for form in forms {
            form.write_parts(self, &name);
        }
    }

    fn text_part(&mut self, name: &str, content_type: Option<&str>, text: &[u8]) {
        self.header(name, None, content_type);
        self.pending.extend_from_slice(b"\r\n");
        self.pending.extend_from_slice(text);
        self.pending.extend_from_slice(b"\r\n");
    }

    fn header(&mut self, name: &str, file_name: Option<&str>, content_type: Option<&str>) {
        let mut header = format!(
            "--{}\r\nContent-Disposition: form-data; name=\"{}\"",
            self.boundary,
            escape(name)
        );
        if let Some(file_name) = file_name {
            header.push_str(&format!("; filename=\"{}\"", escape(file_name)));
        }
        if let Some(content_type) = content_type {
            // A media type cannot break out of its header line.
            let content_type: String = content_type.chars().filter(|c| !c.is_control()).collect();
            header.push_str(&format!("\r\nContent-Type: {content_type}"));
        }
        header.push_str("\r\n");
        self.pending.extend_from_slice(header.as_bytes());
    }

    /// A header line of the part `part`: an HTTP token for a name, a value without
    /// control characters (a header cannot break out of its line).
    fn part_header(&mut self, part: &str, name: &str, value: &str) {
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        let reserved = ["content-disposition", "content-type"]
            .iter()
            .any(|r| name.eq_ignore_ascii_case(r));
        if !token || reserved || value.chars().any(|c| c.is_control() && c != '\t') {
            self.error.get_or_insert(format!(
                "the header `{name}` of the multipart part `{part}` cannot be sent"
            ));
            return;
        }
        self.pending
            .extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let bytes = self.pending.split().freeze();
            self.segments.push(Segment::Bytes(bytes));
        }
    }

    /// The encoded body and its `Content-Type` parameters: bytes when every part is
    /// bytes (so that the call can be sent again), a stream otherwise.
    pub(crate) fn finish(mut self) -> Result<(BodyKind, String), String> {
        if let Some(error) = self.error {
            return Err(error);
        }
        self.pending
            .extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        self.flush();
        let parameters = format!("boundary={}", self.boundary);
        if let [Segment::Bytes(bytes)] = self.segments.as_slice() {
            return Ok((BodyKind::Bytes(bytes.clone()), parameters));
        }
        let segments = self.segments.into_iter().map(|segment| match segment {
            Segment::Bytes(bytes) => stream::once(async { Ok::<_, BoxError>(bytes) }).boxed(),
            Segment::Stream(body) => http_body_util::BodyDataStream::new(body)
                .map_err(BoxError::from)
                .boxed(),
        });
        let body = reqwest::Body::wrap_stream(stream::iter(segments).flatten());
        Ok((BodyKind::Stream(body), parameters))
    }
}

/// `prefix[name]`, or `name` at the top.
fn part_name(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}[{name}]")
    }
}

/// A name or file name as the HTML standard writes it in `Content-Disposition`.
fn escape(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A boundary that is, with overwhelming probability, in no part's content.
fn boundary() -> String {
    format!(
        "------------------------{:016x}{:016x}",
        crate::retry::random_u64(),
        crate::retry::random_u64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_nested_and_escaped() {
        assert_eq!(part_name("", "avatar"), "avatar");
        assert_eq!(part_name("profile", "avatar"), "profile[avatar]");
        assert_eq!(escape("a\"b\r\nc"), "a%22b%0D%0Ac");
    }

    #[test]
    fn bytes_only_forms_are_one_replayable_body() {
        let mut form = Multipart::new();
        form.value("", "n", &2);
        form.files("", "f", "image/png", [FilePart::new(&b"\x00\xff"[..])]);
        let boundary = form.boundary.clone();
        let (body, parameters) = form.finish().unwrap();
        assert_eq!(parameters, format!("boundary={boundary}"));
        let BodyKind::Bytes(bytes) = body else {
            panic!("a stream")
        };
        let expected = [
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n2\r\n")
                .into_bytes(),
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f\"\r\nContent-Type: image/png\r\n\r\n"
            )
            .into_bytes(),
            b"\x00\xff\r\n".to_vec(),
            format!("--{boundary}--\r\n").into_bytes(),
        ]
        .concat();
        assert_eq!(bytes, expected);
    }
}
