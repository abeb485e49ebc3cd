//! Serialization and deserialization of generated unions (`oneOf`, `anyOf`).
//!
//! A union's own code is the list of its variants (see [`serde_union!`]); choosing the
//! variant is [`read_untagged`] or [`read_tagged`], checked once here rather than once per
//! union in every client.

use serde_json::Value;

/// A union's variant read from a JSON value (borrowed: the value may be tried again).
#[doc(hidden)]
pub type TryVariant<T> = fn(&Value) -> Result<T, serde_json::Error>;

/// A union's variant read from a JSON value it owns.
#[doc(hidden)]
pub type ReadVariant<T> = fn(Value) -> Result<T, serde_json::Error>;

/// The first of `variants` that reads `value`, in order: a union without a tag.
#[doc(hidden)]
pub fn read_untagged<T>(
    value: &Value,
    name: &str,
    variants: &[TryVariant<T>],
) -> Result<T, String> {
    variants
        .iter()
        .find_map(|read| read(value).ok())
        .ok_or_else(|| format!("data did not match any variant of untagged enum {name}"))
}

/// The first of `variants` that `value` can be and that reads it, in order: each is tried
/// only when every one of its fixed properties that `value` has holds the value given
/// with it (the events of a webhook without a tag: GitHub's `action`).
#[doc(hidden)]
pub fn read_holding<T>(value: &Value, variants: &[(Fixed, TryVariant<T>)]) -> Option<T> {
    variants
        .iter()
        .filter(|(fixed, _)| {
            fixed
                .iter()
                .all(|(property, expected)| value.get(property).is_none_or(|v| v == expected))
        })
        .find_map(|(_, read)| read(value).ok())
}

/// A variant's fixed properties and their values, for [`read_holding`].
#[doc(hidden)]
pub type Fixed = &'static [(&'static str, &'static str)];

/// The variant whose tag values include the string in `value`'s property `tag`: a union
/// with a discriminator. `choose` maps a tag value to its variant's reader.
#[doc(hidden)]
pub fn read_tagged<T>(
    value: Value,
    tag: &str,
    choose: fn(&str) -> Option<ReadVariant<T>>,
) -> Result<T, String> {
    let found = value.get(tag).and_then(Value::as_str);
    match found.and_then(choose) {
        Some(read) => read(value).map_err(|e| e.to_string()),
        None => Err(format!("unknown `{tag}`: {found:?}")),
    }
}

/// The variant whose tag values include the string in `value`'s property `tag`, as
/// [`read_tagged`]; a value whose tag names no variant (or that has none) is kept by
/// `other`: the events of a webhook, where an event the document does not describe is
/// not an error.
#[doc(hidden)]
pub fn read_tagged_or<T>(
    value: Value,
    tag: &str,
    choose: fn(&str) -> Option<ReadVariant<T>>,
    other: fn(Value) -> T,
) -> Result<T, String> {
    match value.get(tag).and_then(Value::as_str).and_then(choose) {
        Some(read) => read(value).map_err(|e| e.to_string()),
        None => Ok(other(value)),
    }
}

/// Implements `Serialize` and `Deserialize` for a generated union, an enum whose every
/// variant holds one value.
///
/// ```
/// use openapi_clientgen_runtime::codegen::{serde_json, serde_union};
///
/// #[derive(Debug, PartialEq)]
/// pub enum Id {
///     Number(i64),
///     Name(String),
/// }
/// serde_union!(Id { Number, Name });
///
/// #[derive(Debug, PartialEq)]
/// pub struct Circle { pub radius: f64 }
/// # openapi_clientgen_runtime::codegen::serde_struct!(Circle, [required(radius, "radius")]);
/// #[derive(Debug, PartialEq)]
/// pub struct Square { pub side: f64 }
/// # openapi_clientgen_runtime::codegen::serde_struct!(Square, [required(side, "side")]);
/// #[derive(Debug, PartialEq)]
/// pub enum Shape {
///     Circle(Circle),
///     Square(Square),
/// }
/// serde_union!(Shape, tag("kind") { Circle("circle"), Square("square" | "Square") });
///
/// assert_eq!(serde_json::from_str::<Id>("7").unwrap(), Id::Number(7));
/// assert_eq!(serde_json::to_string(&Id::Name("x".into())).unwrap(), r#""x""#);
/// let square: Shape = serde_json::from_str(r#"{"kind": "Square", "side": 2}"#).unwrap();
/// assert_eq!(square, Shape::Square(Square { side: 2.0 }));
/// let error = serde_json::from_str::<Shape>(r#"{"kind": "hexagon"}"#).unwrap_err();
/// assert_eq!(error.to_string(), r#"unknown `kind`: Some("hexagon")"#);
/// ```
///
/// Without a tag, the first variant that reads the value is taken, as listed; with
/// `tag("property")`, the variant whose values include the property's string. A variant
/// writes its value as it is. `impl Deserialize for Name` in place of the name implements
/// only that trait, as in [`serde_struct!`](crate::codegen::serde_struct).
///
/// In a union without a tag that ends with `other(Variant)` (below), a variant followed
/// by `{ "property" = "value", ... }` is tried only on values whose properties hold
/// those values, where they have them.
///
/// With `other(Variant)` last, a variant holding a `serde_json::Value` keeps what no
/// other variant reads (untagged) or a tag no variant has (tagged), instead of an error:
///
/// ```
/// use openapi_clientgen_runtime::codegen::{serde_json, serde_union};
/// # #[derive(Debug, PartialEq)]
/// # pub struct Created { pub id: i64 }
/// # openapi_clientgen_runtime::codegen::serde_struct!(Created, [required(id, "id")]);
///
/// #[derive(Debug, PartialEq)]
/// pub enum Event {
///     Created(Created),
///     Other(serde_json::Value),
/// }
/// serde_union!(Event, tag("type") { Created("created") }, other(Other));
///
/// let created: Event = serde_json::from_str(r#"{"type": "created", "id": 1}"#).unwrap();
/// assert_eq!(created, Event::Created(Created { id: 1 }));
/// let new: Event = serde_json::from_str(r#"{"type": "archived", "id": 1}"#).unwrap();
/// assert_eq!(new, Event::Other(serde_json::json!({"type": "archived", "id": 1})));
/// assert_eq!(serde_json::to_value(&new).unwrap(), serde_json::json!({"type": "archived", "id": 1}));
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_union {
    // Without a list of traits, both.
    ($ty:ident { $($variants:tt)* } $($rest:tt)*) => {
        $crate::__serde_union!(impl Deserialize + Serialize for $ty { $($variants)* } $($rest)*);
    };
    ($ty:ident, tag $($rest:tt)*) => {
        $crate::__serde_union!(impl Deserialize + Serialize for $ty, tag $($rest)*);
    };
    (impl $(#[$a1:meta])* $t1:ident $(+ $(#[$a2:meta])* $t2:ident)? for $ty:ident { $($variant:ident),* $(,)? }) => {
        $crate::__serde_union!(@traits [[$(#[$a1])*] $t1 $([$(#[$a2])*] $t2)?] $ty [$($variant)*] |value| {
            let variants: &[$crate::codegen::TryVariant<$ty>] = &[$(
                |value| $crate::codegen::serde::Deserialize::deserialize(value).map($ty::$variant)
            ),*];
            $crate::codegen::read_untagged(&value, stringify!($ty), variants)
        });
    };
    (impl $(#[$a1:meta])* $t1:ident $(+ $(#[$a2:meta])* $t2:ident)? for $ty:ident { $($variant:ident $({ $($property:literal = $fixed:literal),* $(,)? })?),* $(,)? }, other($other:ident)) => {
        $crate::__serde_union!(@traits [[$(#[$a1])*] $t1 $([$(#[$a2])*] $t2)?] $ty [$($variant)* $other] |value| {
            let variants: &[($crate::codegen::Fixed, $crate::codegen::TryVariant<$ty>)] = &[$((
                &[$($(($property, $fixed)),*)?],
                |value| $crate::codegen::serde::Deserialize::deserialize(value).map($ty::$variant),
            )),*];
            let read = $crate::codegen::read_holding(&value, variants);
            ::std::result::Result::Ok(read.unwrap_or_else(|| $ty::$other(value)))
        });
    };
    (impl $(#[$a1:meta])* $t1:ident $(+ $(#[$a2:meta])* $t2:ident)? for $ty:ident, tag($tag:literal) { $($variant:ident($($value:literal)|+)),* $(,)? }, other($other:ident)) => {
        $crate::__serde_union!(@traits [[$(#[$a1])*] $t1 $([$(#[$a2])*] $t2)?] $ty [$($variant)* $other] |value| {
            $crate::codegen::read_tagged_or(value, $tag, |tag| match tag {
                $( $($value)|+ => ::std::option::Option::Some(
                    |value| $crate::codegen::serde::Deserialize::deserialize(value).map($ty::$variant)
                ), )*
                _ => ::std::option::Option::None,
            }, $ty::$other)
        });
    };
    (impl $(#[$a1:meta])* $t1:ident $(+ $(#[$a2:meta])* $t2:ident)? for $ty:ident, tag($tag:literal) { $($variant:ident($($value:literal)|+)),* $(,)? }) => {
        $crate::__serde_union!(@traits [[$(#[$a1])*] $t1 $([$(#[$a2])*] $t2)?] $ty [$($variant)*] |value| {
            $crate::codegen::read_tagged(value, $tag, |tag| match tag {
                $( $($value)|+ => ::std::option::Option::Some(
                    |value| $crate::codegen::serde::Deserialize::deserialize(value).map($ty::$variant)
                ), )*
                _ => ::std::option::Option::None,
            })
        });
    };
    (@traits [$([$(#[$attr:meta])*] $trait:ident)+] $ty:ident $variants:tt |$value:ident| $read:block) => {
        $( $crate::__serde_union!(@$trait [$(#[$attr])*] $ty $variants |$value| $read); )+
    };
    // `Deserialize` reads a JSON value and hands it to `$read`, which picks the variant.
    (@Deserialize [$(#[$attr:meta])*] $ty:ident $variants:tt |$value:ident| $read:block) => {
        $(#[$attr])*
        impl<'de> $crate::codegen::serde::Deserialize<'de> for $ty {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::codegen::serde::Deserializer<'de>,
            {
                let $value = <$crate::codegen::serde_json::Value as $crate::codegen::serde::Deserialize>::deserialize(deserializer)?;
                let read: ::std::result::Result<Self, ::std::string::String> = $read;
                read.map_err(<D::Error as $crate::codegen::serde::de::Error>::custom)
            }
        }
    };
    (@Serialize [$(#[$attr:meta])*] $ty:ident [$($variant:ident)*] |$value:ident| $read:block) => {
        $(#[$attr])*
        impl $crate::codegen::serde::Serialize for $ty {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::codegen::serde::Serializer,
            {
                match self {
                    $( Self::$variant(value) => $crate::codegen::serde::Serialize::serialize(value, serializer), )*
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq)]
    enum Id {
        Number(i64),
        Flag(bool),
    }
    crate::__serde_union!(Id { Number, Flag });

    #[derive(Debug, PartialEq)]
    struct Opened {
        action: String,
    }
    crate::__serde_struct!(Opened, [required(action, "action")]);

    #[derive(Debug, PartialEq)]
    struct Starred {
        action: String,
        starred_at: String,
    }
    crate::__serde_struct!(
        Starred,
        [
            required(action, "action"),
            required(starred_at, "starred_at")
        ]
    );

    #[derive(Debug, PartialEq)]
    enum Event {
        Opened(Opened),
        Starred(Starred),
        Other(serde_json::Value),
    }
    crate::__serde_union!(
        impl Deserialize for Event {
            Opened { "action" = "opened" },
            Starred { "action" = "created" },
        },
        other(Other)
    );

    #[test]
    fn an_event_is_tried_only_where_the_body_holds_its_fixed_values() {
        let read = |text| serde_json::from_str::<Event>(text).unwrap();
        assert!(matches!(read(r#"{"action":"opened"}"#), Event::Opened(_)));
        assert!(matches!(
            read(r#"{"action":"created","starred_at":"now"}"#),
            Event::Starred(_)
        ));
        // `Opened` would read it, but `closed` is not its action.
        assert_eq!(
            read(r#"{"action":"closed"}"#),
            Event::Other(serde_json::json!({"action": "closed"}))
        );
    }

    #[test]
    fn a_value_no_variant_reads_is_an_error_naming_the_union() {
        assert_eq!(serde_json::from_str::<Id>("true").unwrap(), Id::Flag(true));
        let error = serde_json::from_str::<Id>(r#""seven""#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "data did not match any variant of untagged enum Id"
        );
    }
}
