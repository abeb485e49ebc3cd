//! Reading JSON bodies: of successful responses, of documented errors, of events and of
//! pages.

use serde::de::DeserializeOwned;

/// Reads a JSON body into `T`.
///
/// The body is checked to be UTF-8 once, then read as text: `serde_json` then neither checks
/// each string again nor the raw text of each property kept in an
/// [`Extra`](crate::Extra). A body that is not UTF-8 gets `serde_json`'s own error.
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
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
}

#[cfg(test)]
mod tests {
    use super::from_json;

    #[derive(Debug)]
    struct Contact {
        #[allow(dead_code)]
        name: Option<String>,
    }
    crate::__serde_struct!(Contact, [value(name, "name")]);

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
