//! String enums: a variant per documented value, and one that keeps any other value.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Error as _, Visitor};

/// Implements the conversions of a generated string enum: `as_str`, `From<&str>`,
/// `Display`, `Serialize` and `Deserialize`.
///
/// ```
/// use openapi_clientgen_runtime::codegen::serde_json;
/// use openapi_clientgen_runtime::codegen::string_enum;
///
/// #[derive(Debug, Clone, PartialEq)]
/// pub enum Status {
///     Open,
///     Resolved,
///     Other(String),
/// }
///
/// string_enum!(Status { Open = "open", Resolved = "resolved" }, Other);
///
/// assert_eq!(Status::from("open"), Status::Open);
/// let snoozed: Status = serde_json::from_str(r#""snoozed""#).unwrap();
/// assert_eq!(snoozed, Status::Other("snoozed".to_owned()));
/// assert_eq!(serde_json::to_string(&snoozed).unwrap(), r#""snoozed""#);
/// ```
///
/// Each variant is written and read as its string; `Other` holds any value not listed.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }, $other:ident) => {
        impl $name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::$other(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    other => Self::$other(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::codegen::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::codegen::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::codegen::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::codegen::serde::Deserializer<'de>,
            {
                $crate::codegen::deserialize_string_enum(deserializer)
            }
        }
    };
}

/// Deserializes a string enum from a string without copying known values.
#[doc(hidden)]
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
