//! Serialization and deserialization of generated structs.
//!
//! Structs read known properties by name and every other one into their extra properties,
//! in a single pass and without buffering the object (which `#[serde(flatten)]` would do),
//! and write them back the same way.
//!
//! A struct's own code is only the list of its fields (see [`serde_struct!`]): reading and
//! writing are the generic functions [`read_struct`] and [`write_struct`], each instantiated
//! once per serde format and not per struct, with each field behind a trait object
//! ([`Slot`], `erased_serde::Serialize`). Per struct, a client compiles a few lines instead
//! of a visitor: the largest share of a large client's compile time otherwise.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};

use crate::extra::ExtraProperties;

/// A property name, borrowed from the input when it can be.
#[doc(hidden)]
pub struct Key<'de>(Cow<'de, str>);

impl<'de> Key<'de> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_cow(self) -> Cow<'de, str> {
        self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }

            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }

            fn visit_str<E>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Where a field's value goes when its property is read.
#[doc(hidden)]
pub trait Slot<'de> {
    /// Reads the property's value from `deserializer` into the field.
    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error>;
}

/// A field that holds the value as it is read (`value`: an `Option` whose `null` is `None`).
#[doc(hidden)]
pub struct Whole<'a, T>(pub &'a mut T);

impl<'de, T: Deserialize<'de>> Slot<'de> for Whole<'_, T> {
    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error> {
        *self.0 = erased_serde::deserialize(deserializer)?;
        Ok(())
    }
}

/// A field that is `Some` of the value once it is read (`present` and `required`).
#[doc(hidden)]
pub struct Given<'a, T>(pub &'a mut Option<T>);

impl<'de, T: Deserialize<'de>> Slot<'de> for Given<'_, T> {
    fn read(
        &mut self,
        deserializer: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error> {
        *self.0 = Some(erased_serde::deserialize(deserializer)?);
        Ok(())
    }
}

/// The extra properties of a struct that has none: every other property is skipped.
#[doc(hidden)]
pub struct NoExtra;

impl<'de> ExtraProperties<'de> for NoExtra {
    fn read<A: MapAccess<'de>>(&mut self, _key: Key<'de>, map: &mut A) -> Result<(), A::Error> {
        map.next_value::<IgnoredAny>().map(|_| ())
    }

    fn write<M: SerializeMap>(&self, _map: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

/// Reads a JSON object (any map) into `fields`, by property name, and every other property
/// into `extra`; `expecting` says what the object is, for errors.
#[doc(hidden)]
pub fn read_struct<'de, D, X>(
    deserializer: D,
    expecting: &'static str,
    fields: &mut [(&'static str, &mut dyn Slot<'de>)],
    extra: &mut X,
) -> Result<(), D::Error>
where
    D: Deserializer<'de>,
    X: ExtraProperties<'de>,
{
    struct FieldsVisitor<'f, 's, 'de, X> {
        expecting: &'static str,
        fields: &'f mut [(&'static str, &'s mut dyn Slot<'de>)],
        extra: &'f mut X,
    }

    impl<'de, X: ExtraProperties<'de>> Visitor<'de> for FieldsVisitor<'_, '_, 'de, X> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match self
                    .fields
                    .iter_mut()
                    .find(|(name, _)| *name == key.as_str())
                {
                    Some((_, slot)) => map.next_value_seed(SlotSeed(&mut **slot))?,
                    None => self.extra.read(key, &mut map)?,
                }
            }
            Ok(())
        }
    }

    deserializer.deserialize_map(FieldsVisitor {
        expecting,
        fields,
        extra,
    })
}

/// Reads one value into a slot, through an erased deserializer.
struct SlotSeed<'s, 'de>(&'s mut dyn Slot<'de>);

impl<'de> DeserializeSeed<'de> for SlotSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut erased = <dyn erased_serde::Deserializer>::erase(deserializer);
        self.0
            .read(&mut erased)
            .map_err(|error| de::Error::custom(without_position(&error.to_string())))
    }
}

/// A message without the position `serde_json` appends (` at line 1 column 7`), which it
/// appends again to the error it is turned back into.
fn without_position(message: &str) -> &str {
    let Some((text, position)) = message.rsplit_once(" at line ") else {
        return message;
    };
    let is_position = position
        .split_once(" column ")
        .is_some_and(|(line, column)| {
            !line.is_empty()
                && !column.is_empty()
                && line.bytes().all(|b| b.is_ascii_digit())
                && column.bytes().all(|b| b.is_ascii_digit())
        });
    if is_position {
        text
    } else {
        message
    }
}

/// Writes `fields` (those that are `Some`) and then `extra` as one map.
#[doc(hidden)]
pub fn write_struct<S, X>(
    serializer: S,
    fields: &[(&'static str, Option<&dyn erased_serde::Serialize>)],
    extra: &X,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    X: for<'de> ExtraProperties<'de>,
{
    let mut map = serializer.serialize_map(None)?;
    for (name, value) in fields {
        if let Some(value) = value {
            map.serialize_entry(name, value)?;
        }
    }
    extra.write(&mut map)?;
    map.end()
}

/// An optional field's value to write: `None` is left out.
#[doc(hidden)]
pub fn some<T: serde::Serialize>(value: &Option<T>) -> Option<&dyn erased_serde::Serialize> {
    value
        .as_ref()
        .map(|value| value as &dyn erased_serde::Serialize)
}

/// Implements `Serialize` and `Deserialize` for a generated struct, as a JSON object:
///
/// ```
/// use openapi_clientgen_runtime::codegen::serde_json;
/// use openapi_clientgen_runtime::codegen::serde_struct;
/// use openapi_clientgen_runtime::Extra;
///
/// #[derive(Debug, PartialEq)]
/// pub struct Contact {
///     pub id: i64,
///     pub name: Option<String>,
///     pub email: Option<Option<String>>,
///     pub extra: Extra,
/// }
///
/// serde_struct!(
///     Contact, extra(extra), required(id, "id"), value(name, "name"), present(email, "email")
/// );
///
/// let text = r#"{"id":1,"email":null,"plan":"pro"}"#;
/// let contact: Contact = serde_json::from_str(text).unwrap();
/// assert_eq!((contact.name.as_deref(), contact.email.clone()), (None, Some(None)));
/// assert_eq!(serde_json::to_string(&contact).unwrap(), text);
/// assert!(serde_json::from_str::<Contact>("{}").is_err()); // `id` is required
/// ```
///
/// `extra(field)` names the field that keeps every property not listed (an
/// [`Extra`](crate::Extra) or a typed map); without it, other
/// properties are skipped. Each listed property is `kind(field, "wire name")`, where the
/// kind says how a present property is stored and what a missing one means: `value` (an
/// `Option` of the property, `None` when missing), `present` (`Option<Option<T>>`: `Some`
/// of the property when present, so that an absent property and `null` each round-trip),
/// `required` (a missing property is an error). Properties that are `None` are not written.
///
/// The code per struct is a list of its fields; the reading and writing are
/// [`read_struct`] and [`write_struct`], each field through a trait object, so that the
/// work per field is compiled once here rather than once per struct in every client.
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_struct {
    ($ty:ident, extra($extra:ident) $(, $kind:ident($field:ident, $wire:literal))* $(,)?) => {
        $crate::__serde_struct!(@impl $ty [$($kind $field $wire)*] $extra);
    };
    ($ty:ident $(, $kind:ident($field:ident, $wire:literal))* $(,)?) => {
        $crate::__serde_struct!(@impl $ty [$($kind $field $wire)*]);
    };
    (@impl $ty:ident [$($kind:ident $field:ident $wire:literal)*] $($extra:ident)?) => {
        impl<'de> $crate::codegen::serde::Deserialize<'de> for $ty {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::codegen::serde::Deserializer<'de>,
            {
                $( let mut $field = ::std::option::Option::None; )*
                let mut __extra = $crate::__serde_struct!(@extra_new $($extra)?);
                $crate::codegen::read_struct(
                    deserializer,
                    concat!("a ", stringify!($ty), " object"),
                    &mut [$(($wire, $crate::__serde_struct!(@slot $kind $field))),*],
                    &mut __extra,
                )?;
                ::std::result::Result::Ok($ty {
                    $( $field: $crate::__serde_struct!(@finish $kind $field $wire), )*
                    $( $extra: __extra, )?
                })
            }
        }

        impl $crate::codegen::serde::Serialize for $ty {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::codegen::serde::Serializer,
            {
                $crate::codegen::write_struct(
                    serializer,
                    &[$(($wire, $crate::__serde_struct!(@value $kind self.$field))),*],
                    $crate::__serde_struct!(@extra_ref self $($extra)?),
                )
            }
        }
    };
    (@extra_new $extra:ident) => { ::std::default::Default::default() };
    (@extra_new) => { $crate::codegen::NoExtra };
    (@extra_ref $self:ident $extra:ident) => { &$self.$extra };
    (@extra_ref $self:ident) => { &$crate::codegen::NoExtra };
    (@slot value $field:ident) => {
        &mut $crate::codegen::Whole(&mut $field) as &mut dyn $crate::codegen::Slot<'de>
    };
    (@slot $kind:ident $field:ident) => {
        &mut $crate::codegen::Given(&mut $field) as &mut dyn $crate::codegen::Slot<'de>
    };
    (@value required $value:expr) => {
        ::std::option::Option::Some(&$value as &dyn $crate::codegen::erased_serde::Serialize)
    };
    (@value $kind:ident $value:expr) => { $crate::codegen::some(&$value) };
    (@finish required $field:ident $wire:literal) => {
        match $field {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => {
                return ::std::result::Result::Err(
                    <D::Error as $crate::codegen::serde::de::Error>::missing_field($wire),
                )
            }
        }
    };
    (@finish $kind:ident $field:ident $wire:literal) => { $field };
}

#[cfg(test)]
mod tests {
    use super::without_position;

    #[derive(Debug, PartialEq)]
    struct Inner {
        id: i64,
    }
    crate::__serde_struct!(Inner, required(id, "id"));

    #[derive(Debug, PartialEq)]
    struct Outer {
        inner: Option<Inner>,
        list: Option<Vec<Inner>>,
    }
    crate::__serde_struct!(Outer, value(inner, "inner"), value(list, "list"));

    #[test]
    fn errors_in_nested_fields_name_the_place_once() {
        let error = serde_json::from_str::<Outer>(r#"{"list": [{"id": 1}, {"id": "x"}]}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "invalid type: string \"x\", expected i64 at line 1 column 34"
        );
        let missing = serde_json::from_str::<Outer>(r#"{"inner": {}}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(missing, "missing field `id` at line 1 column 13");
        let outer: Outer = serde_json::from_str(r#"{"inner": {"id": 7}, "other": [1]}"#).unwrap();
        assert_eq!(outer.inner, Some(Inner { id: 7 }));
    }

    #[test]
    fn only_a_trailing_position_is_left_out() {
        assert_eq!(
            without_position("invalid type: string \"a\", expected i64 at line 1 column 9"),
            "invalid type: string \"a\", expected i64"
        );
        assert_eq!(without_position("a name at line one"), "a name at line one");
        assert_eq!(without_position("at line 3 column x"), "at line 3 column x");
    }
}
