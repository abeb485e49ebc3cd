//! Reading JSON bodies: of successful responses, of documented errors, of events and of
//! pages.

use serde::de::DeserializeOwned;

/// Reads a JSON body into `T`.
///
/// The body is checked to be UTF-8 once, then read as text: `serde_json` then neither checks
/// each string again nor the raw text of each property kept in an
/// [`Extra`](crate::Extra). A body that is not UTF-8 gets `serde_json`'s own error.
///
/// A body that is not JSON at all gets the error of a plain syntax check, whose category
/// (`is_syntax`, `is_eof`) and place are `serde_json`'s own: generated structs read their
/// fields through trait objects, which pass an error on as a message.
///
/// ```
/// use openapi_clientgen_runtime::codegen::serde_json::Value;
/// use openapi_clientgen_runtime::codegen::from_json;
///
/// let value: Value = from_json(br#"{"id": 7}"#).unwrap();
/// assert_eq!(value["id"], 7);
/// assert!(from_json::<Value>(b"{").is_err());
/// ```
pub fn from_json<T: DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    let Ok(text) = std::str::from_utf8(body) else {
        return serde_json::from_slice(body);
    };
    serde_json::from_str(text).map_err(|error| {
        match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(syntax) if error.is_data() => syntax,
            _ => error,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::from_json;

    #[derive(Debug)]
    struct Contact {
        #[allow(dead_code)]
        name: Option<String>,
    }
    crate::__serde_struct!(Contact, value(name, "name"));

    #[test]
    fn a_body_that_is_not_json_keeps_its_category_and_place() {
        let eof = from_json::<Contact>(br#"{"name": "Ana""#).unwrap_err();
        assert!(eof.is_eof(), "{eof}");
        let syntax = from_json::<Contact>(br#"{"name": "Ana" x}"#).unwrap_err();
        assert!(syntax.is_syntax(), "{syntax}");
        assert_eq!((syntax.line(), syntax.column()), (1, 16));
        let data = from_json::<Contact>(br#"{"name": 7}"#).unwrap_err();
        assert!(data.is_data(), "{data}");
    }
}
