//! Serde support for generated types.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Error as _, Visitor};

/// For properties that may be absent and may be `null`: `Option<Option<T>>`, where `None`
/// is an absent property and `Some(None)` an explicit `null`, so that each is written back
/// as it was read.
///
/// Used as `#[serde(default, skip_serializing_if = "Option::is_none", with = "...")]`.
pub mod nullable {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `Some(None)` as `null` and `Some(Some(v))` as `v`.
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(Some(value)) => value.serialize(serializer),
            _ => serializer.serialize_none(),
        }
    }

    /// Reads a present property: `null` as `Some(None)`, a value as `Some(Some(v))`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

/// Deserializes a string enum from a string without copying known values.
pub fn deserialize_string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct StringVisitor<T>(PhantomData<T>);

    impl<T: for<'a> From<&'a str>> Visitor<'_> for StringVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_bytes<E: serde::de::Error>(self, value: &[u8]) -> Result<T, E> {
            std::str::from_utf8(value)
                .map(T::from)
                .map_err(|_| E::custom("invalid UTF-8 in a string"))
        }
    }

    deserializer
        .deserialize_str(StringVisitor(PhantomData))
        .map_err(|e: D::Error| D::Error::custom(e))
}
