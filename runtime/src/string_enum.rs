//! String enums: a variant per documented value, and one that keeps any other value.

use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Error as _, Visitor};

/// Implements the conversions of a generated string enum (`as_str`, `From<&str>`,
/// `Display`, `Serialize` and `Deserialize`) and its comparisons (`PartialEq`, `Eq`,
/// `Hash`, `PartialOrd`, `Ord`).
///
/// Two values are equal when they stand for the same string, and hash as it; they order
/// as the variants are listed, with values the document does not list after them, by
/// their strings. Each comparison is one call into code checked once here, which a large
/// client, with hundreds of these enums, type-checks faster than derived comparisons.
/// Every function is `#[inline]`: compiled to machine code only where it is called.
///
/// ```
/// use openapi_clientgen_runtime::codegen::serde_json;
/// use openapi_clientgen_runtime::codegen::string_enum;
///
/// #[derive(Debug, Clone)]
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
/// assert!(Status::Open < Status::Resolved && Status::Resolved < snoozed);
/// ```
///
/// Each variant is written and read as its string; `Other` holds any value not listed.
/// `impl Deserialize for Name` in place of the name implements only that one of serde's
/// traits, as in [`serde_struct!`](crate::codegen::serde_struct).
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum {
    // Without a list of traits, both.
    ($name:ident { $($body:tt)* }, $other:ident) => {
        $crate::__string_enum!(impl Deserialize + Serialize for $name { $($body)* }, $other);
    };
    (impl $(#[$a1:meta])* $t1:ident $(+ $(#[$a2:meta])* $t2:ident)? for $name:ident { $($variant:ident = $value:literal),* $(,)? }, $other:ident) => {
        impl $name {
            /// The value as it is sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::$other(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    other => Self::$other(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::cmp::PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::std::cmp::Eq for $name {}

        impl ::std::hash::Hash for $name {
            #[inline]
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                ::std::hash::Hash::hash(self.as_str(), state)
            }
        }

        impl ::std::cmp::PartialOrd for $name {
            #[inline]
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                ::std::option::Option::Some(::std::cmp::Ord::cmp(self, other))
            }
        }

        impl ::std::cmp::Ord for $name {
            #[inline]
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                $crate::codegen::string_enum_order(&[$($value),*], self.as_str(), other.as_str())
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $crate::__string_enum!(@$t1 [$(#[$a1])*] $name);
        $( $crate::__string_enum!(@$t2 [$(#[$a2])*] $name); )?
    };
    (@Serialize [$(#[$attr:meta])*] $name:ident) => {
        $(#[$attr])*
        impl $crate::codegen::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::codegen::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }
    };
    (@Deserialize [$(#[$attr:meta])*] $name:ident) => {
        $(#[$attr])*
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

/// How two values of a string enum whose variants stand for `listed` order: listed values
/// as they are listed, then the others by their strings.
#[doc(hidden)]
pub fn string_enum_order(listed: &[&str], a: &str, b: &str) -> Ordering {
    let rank = |value: &str| {
        listed
            .iter()
            .position(|v| *v == value)
            .unwrap_or(listed.len())
    };
    rank(a).cmp(&rank(b)).then_with(|| a.cmp(b))
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

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashSet};

    #[derive(Debug, Clone)]
    enum Status {
        Open,
        Resolved,
        Other(String),
    }
    crate::__string_enum!(Status { Open = "open", Resolved = "resolved" }, Other);

    #[test]
    fn values_compare_as_the_strings_they_stand_for() {
        // A listed value held in `Other` (as only code builds it) is the same value.
        assert_eq!(Status::Other("open".to_owned()), Status::Open);
        assert_ne!(Status::Open, Status::Resolved);
        let set: HashSet<Status> = [Status::Open, Status::Other("open".to_owned())].into();
        assert_eq!(set.len(), 1);
        // Listed order first, then the others by their strings.
        let ordered: Vec<Status> = BTreeSet::from([
            Status::Other("b".to_owned()),
            Status::Resolved,
            Status::Other("a".to_owned()),
            Status::Open,
        ])
        .into_iter()
        .collect();
        let strings: Vec<&str> = ordered.iter().map(Status::as_str).collect();
        assert_eq!(strings, ["open", "resolved", "a", "b"]);
    }
}
