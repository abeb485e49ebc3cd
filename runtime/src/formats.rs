//! Values of string and number formats that have no type of their own in the crates the
//! runtime uses: `byte` (base64) and `decimal`.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use base64::Engine as _;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};

/// Bytes sent and received as base64 text (OpenAPI `format: byte`).
///
/// Decoded from standard base64 (with or without padding, or URL-safe) and written as
/// standard padded base64; dereferences to the bytes.
///
/// ```
/// use openapi_clientgen_runtime::codegen::serde_json;
/// use openapi_clientgen_runtime::Base64;
///
/// let bytes: Base64 = serde_json::from_str(r#""aGVsbG8=""#).unwrap();
/// assert_eq!(&*bytes, b"hello");
/// assert_eq!(serde_json::to_string(&bytes).unwrap(), r#""aGVsbG8=""#);
/// assert!(serde_json::from_str::<Base64>(r#""not base64!""#).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Base64(pub Vec<u8>);

impl Deref for Base64 {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Base64(bytes)
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        let text = text.trim_end_matches('=');
        base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(text)
            .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text))
            .map(Base64)
            .map_err(|e| de::Error::custom(format!("invalid base64: {e}")))
    }
}

/// A decimal number that keeps every digit (OpenAPI `format: decimal`), written back as it
/// was read: as a JSON number or as a JSON string.
///
/// `f64` would round `0.1` or a 30-digit amount; this keeps the text. [`Decimal::to_f64`]
/// gives an approximation for arithmetic; a decimal crate of your choice parses
/// [`Decimal::as_str`].
///
/// ```
/// use openapi_clientgen_runtime::codegen::serde_json;
/// use openapi_clientgen_runtime::Decimal;
///
/// let amount: Decimal = serde_json::from_str("12345678901234567890.123456789").unwrap();
/// assert_eq!(amount.as_str(), "12345678901234567890.123456789");
/// assert_eq!(serde_json::to_string(&amount).unwrap(), "12345678901234567890.123456789");
/// let quoted: Decimal = serde_json::from_str(r#""0.10""#).unwrap();
/// assert_eq!(serde_json::to_string(&quoted).unwrap(), r#""0.10""#);
/// assert_eq!("19.99".parse::<Decimal>().unwrap().to_f64(), 19.99);
/// assert!("1,5".parse::<Decimal>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    text: String,
    /// Whether it is written as a JSON string.
    quoted: bool,
}

impl Default for Decimal {
    fn default() -> Self {
        Decimal {
            text: "0".to_owned(),
            quoted: false,
        }
    }
}

impl Decimal {
    /// The number's text, as received (or as given).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The nearest `f64`.
    pub fn to_f64(&self) -> f64 {
        self.text.parse().unwrap_or(f64::NAN)
    }

    /// The same number, written as a JSON string (`"19.99"`) rather than a number.
    pub fn quoted(mut self) -> Self {
        self.quoted = true;
        self
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Whether `text` is a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_number(text: &str) -> bool {
    let rest = text.strip_prefix('-').unwrap_or(text);
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let int = digits(rest);
    if int == 0 || (int > 1 && rest.starts_with('0')) {
        return false;
    }
    let mut rest = &rest[int..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = digits(fraction);
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        let n = digits(exponent);
        if n == 0 {
            return false;
        }
        rest = &exponent[n..];
    }
    rest.is_empty()
}

impl FromStr for Decimal {
    type Err = String;

    /// A decimal from its text (`"19.99"`, `"-1e3"`), written as a JSON number.
    fn from_str(text: &str) -> Result<Self, String> {
        if is_number(text) {
            Ok(Decimal {
                text: text.to_owned(),
                quoted: false,
            })
        } else {
            Err(format!("`{text}` is not a decimal number"))
        }
    }
}

/// The name serde_json gives the raw text of a value (`serde_json::value::RawValue`):
/// asked for under it, serde_json hands over a number's exact digits.
const RAW: &str = "$serde_json::private::RawValue";

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.quoted {
            return serializer.serialize_str(&self.text);
        }
        match serde_json::value::RawValue::from_string(self.text.clone()) {
            Ok(raw) => raw.serialize(serializer),
            Err(_) => serializer.serialize_str(&self.text),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(RAW, DecimalVisitor)
    }
}

struct DecimalVisitor;

impl DecimalVisitor {
    fn number<E: de::Error>(text: &str, quoted: bool) -> Result<Decimal, E> {
        let text = text.trim();
        if is_number(text) {
            Ok(Decimal {
                text: text.to_owned(),
                quoted,
            })
        } else {
            Err(E::custom(format!("`{text}` is not a decimal number")))
        }
    }
}

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number, or a string holding one")
    }

    /// serde_json's raw text of the value.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        let Some(de::IgnoredAny) = map.next_key()? else {
            return Err(de::Error::custom("expected a decimal number"));
        };
        let raw: &str = map.next_value()?;
        match raw.strip_prefix('"') {
            Some(_) => {
                let text: String = serde_json::from_str(raw).map_err(de::Error::custom)?;
                Self::number(&text, true)
            }
            None => Self::number(raw, false),
        }
    }

    /// Any other deserializer: the value itself.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Decimal, E> {
        Self::number(value, true)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
        Self::number(&value.to_string(), false)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
        Self::number(&value.to_string(), false)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
        Self::number(&value.to_string(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::{is_number, Decimal};

    #[test]
    fn decimals_keep_every_digit_inside_structures() {
        let text = r#"{"a":[0.1,"2.50",-3e-7,100000000000000000000000000001]}"#;
        let value: std::collections::BTreeMap<String, Vec<Decimal>> =
            serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), text);
        assert!(serde_json::from_str::<Decimal>("true").is_err());
        assert!(serde_json::from_str::<Decimal>(r#""12abc""#).is_err());
    }

    #[test]
    fn json_numbers_are_recognised() {
        for good in ["0", "-0", "1.5", "1e10", "1E+2", "-12.5e-3"] {
            assert!(is_number(good), "{good}");
        }
        for bad in ["", "-", "01", "1.", ".5", "1e", "1,5", "NaN", "0x10", " 1"] {
            assert!(!is_number(bad), "{bad}");
        }
    }
}
