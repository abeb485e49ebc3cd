//! Serialization and deserialization of generated structs.
//!
//! Structs read known properties by name and every other one into their extra properties,
//! in a single pass and without buffering the object (which `#[serde(flatten)]` would do),
//! and write them back the same way.
//!
//! A struct's own code is only the list of its fields (see [`serde_struct!`]): reading and
//! writing are the generic functions [`read_struct`] and [`write_struct`] over a tree of
//! its fields ([`Slots`], [`Values`]). Their code is checked once, here; a client compiles
//! it per struct without type checking and borrow checking a visitor for each, the largest
//! share of a large client's `cargo check` otherwise.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

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

/// The fields of a struct being read, as a tree of pairs whose leaves are fields
/// ([`Whole`], [`Given`]): the code that reads a field by its index is generic, checked
/// once here, and compiled per struct without a line of it in the client.
#[doc(hidden)]
pub trait Slots<'de> {
    /// How many fields.
    const LEN: usize;

    /// Reads the value of field `index` from `map`.
    fn read_at<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;
}

/// A field that holds the value as it is read (`value`: an `Option` whose `null` is `None`).
#[doc(hidden)]
pub struct Whole<'a, T>(pub &'a mut T);

impl<'de, T: Deserialize<'de>> Slots<'de> for Whole<'_, T> {
    const LEN: usize = 1;

    fn read_at<A: MapAccess<'de>>(&mut self, _: usize, map: &mut A) -> Result<(), A::Error> {
        *self.0 = map.next_value()?;
        Ok(())
    }
}

/// A field that is `Some` of the value once it is read (`present` and `required`).
#[doc(hidden)]
pub struct Given<'a, T>(pub &'a mut Option<T>);

impl<'de, T: Deserialize<'de>> Slots<'de> for Given<'_, T> {
    const LEN: usize = 1;

    fn read_at<A: MapAccess<'de>>(&mut self, _: usize, map: &mut A) -> Result<(), A::Error> {
        *self.0 = Some(map.next_value()?);
        Ok(())
    }
}

impl<'de> Slots<'de> for () {
    const LEN: usize = 0;

    fn read_at<A: MapAccess<'de>>(&mut self, _: usize, map: &mut A) -> Result<(), A::Error> {
        map.next_value::<IgnoredAny>().map(|_| ())
    }
}

impl<'de, L: Slots<'de>, R: Slots<'de>> Slots<'de> for (L, R) {
    const LEN: usize = L::LEN + R::LEN;

    #[inline]
    fn read_at<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
        if index < L::LEN {
            self.0.read_at(index, map)
        } else {
            self.1.read_at(index - L::LEN, map)
        }
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

/// Reads a JSON object (any map) into `slots`, the field named `names[i]` into the `i`th,
/// and every other property into `extra`; `expecting` says what the object is, for errors.
#[doc(hidden)]
pub fn read_struct<'de, D, S, X>(
    deserializer: D,
    expecting: &'static str,
    names: &'static [&'static str],
    slots: S,
    extra: &mut X,
) -> Result<(), D::Error>
where
    D: Deserializer<'de>,
    S: Slots<'de>,
    X: ExtraProperties<'de>,
{
    struct FieldsVisitor<'x, S, X> {
        expecting: &'static str,
        names: &'static [&'static str],
        slots: S,
        extra: &'x mut X,
    }

    impl<'de, S: Slots<'de>, X: ExtraProperties<'de>> Visitor<'de> for FieldsVisitor<'_, S, X> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match self.names.iter().position(|name| *name == key.as_str()) {
                    Some(index) => self.slots.read_at(index, &mut map)?,
                    None => self.extra.read(key, &mut map)?,
                }
            }
            Ok(())
        }
    }

    deserializer.deserialize_map(FieldsVisitor {
        expecting,
        names,
        slots,
        extra,
    })
}

/// The fields of a struct being written, as a tree of pairs whose leaves are fields
/// ([`Opt`], [`Req`]), like [`Slots`].
#[doc(hidden)]
pub trait Values {
    /// How many fields.
    const LEN: usize;

    /// Writes the fields, the first named `names[0]`.
    fn write_from<M: SerializeMap>(
        &self,
        names: &[&'static str],
        map: &mut M,
    ) -> Result<(), M::Error>;
}

/// An optional field: `None` is left out.
#[doc(hidden)]
pub struct Opt<'a, T>(pub &'a Option<T>);

impl<T: Serialize> Values for Opt<'_, T> {
    const LEN: usize = 1;

    fn write_from<M: SerializeMap>(
        &self,
        names: &[&'static str],
        map: &mut M,
    ) -> Result<(), M::Error> {
        match (self.0, names.first()) {
            (Some(value), Some(name)) => map.serialize_entry(name, value),
            _ => Ok(()),
        }
    }
}

/// A required field.
#[doc(hidden)]
pub struct Req<'a, T>(pub &'a T);

impl<T: Serialize> Values for Req<'_, T> {
    const LEN: usize = 1;

    fn write_from<M: SerializeMap>(
        &self,
        names: &[&'static str],
        map: &mut M,
    ) -> Result<(), M::Error> {
        match names.first() {
            Some(name) => map.serialize_entry(name, self.0),
            None => Ok(()),
        }
    }
}

impl Values for () {
    const LEN: usize = 0;

    fn write_from<M: SerializeMap>(&self, _: &[&'static str], _: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

impl<L: Values, R: Values> Values for (L, R) {
    const LEN: usize = L::LEN + R::LEN;

    #[inline]
    fn write_from<M: SerializeMap>(
        &self,
        names: &[&'static str],
        map: &mut M,
    ) -> Result<(), M::Error> {
        self.0.write_from(names, map)?;
        self.1
            .write_from(names.get(L::LEN..).unwrap_or_default(), map)
    }
}

/// Writes `values`, the `i`th named `names[i]`, and then `extra`, as one map.
#[doc(hidden)]
pub fn write_struct<S, V, X>(
    serializer: S,
    names: &'static [&'static str],
    values: V,
    extra: &X,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    V: Values,
    X: for<'de> ExtraProperties<'de>,
{
    let mut map = serializer.serialize_map(None)?;
    values.write_from(names, &mut map)?;
    extra.write(&mut map)?;
    map.end()
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
/// [`read_struct`] and [`write_struct`], checked once here rather than once per struct in
/// every client.
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
                    &[$($wire),*],
                    $crate::__serde_struct!(@tree $($crate::__serde_struct!(@slot $kind $field)),*),
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
                    &[$($wire),*],
                    $crate::__serde_struct!(@tree $($crate::__serde_struct!(@value $kind self.$field)),*),
                    $crate::__serde_struct!(@extra_ref self $($extra)?),
                )
            }
        }
    };
    // Fields as a tree of pairs: eight at a time in a balanced group, the groups in a
    // list, so that neither the macro's recursion nor the types nest deeper than a
    // struct's fields over eight, and a few more.
    (@tree) => { () };
    (@tree $a:expr, $b:expr, $c:expr, $d:expr, $e:expr, $f:expr, $g:expr, $h:expr, $($rest:expr),+) => {
        (((($a, $b), ($c, $d)), (($e, $f), ($g, $h))), $crate::__serde_struct!(@tree $($rest),+))
    };
    (@tree $a:expr $(, $rest:expr)*) => { ($a, $crate::__serde_struct!(@tree $($rest),*)) };
    (@extra_new $extra:ident) => { ::std::default::Default::default() };
    (@extra_new) => { $crate::codegen::NoExtra };
    (@extra_ref $self:ident $extra:ident) => { &$self.$extra };
    (@extra_ref $self:ident) => { &$crate::codegen::NoExtra };
    (@slot value $field:ident) => { $crate::codegen::Whole(&mut $field) };
    (@slot $kind:ident $field:ident) => { $crate::codegen::Given(&mut $field) };
    (@value required $value:expr) => { $crate::codegen::Req(&$value) };
    (@value $kind:ident $value:expr) => { $crate::codegen::Opt(&$value) };
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

    #[derive(Debug, Default, PartialEq)]
    struct Wide {
        f01: Option<i64>,
        f02: Option<i64>,
        f03: Option<i64>,
        f04: Option<i64>,
        f05: Option<i64>,
        f06: Option<i64>,
        f07: Option<i64>,
        f08: Option<i64>,
        f09: Option<i64>,
        f10: Option<i64>,
        f11: Option<i64>,
        f12: Option<i64>,
        f13: Option<i64>,
        f14: Option<i64>,
        f15: Option<i64>,
        f16: Option<i64>,
        f17: i64,
        f18: Option<Option<i64>>,
    }
    crate::__serde_struct!(
        Wide,
        value(f01, "f01"),
        value(f02, "f02"),
        value(f03, "f03"),
        value(f04, "f04"),
        value(f05, "f05"),
        value(f06, "f06"),
        value(f07, "f07"),
        value(f08, "f08"),
        value(f09, "f09"),
        value(f10, "f10"),
        value(f11, "f11"),
        value(f12, "f12"),
        value(f13, "f13"),
        value(f14, "f14"),
        value(f15, "f15"),
        value(f16, "f16"),
        required(f17, "f17"),
        present(f18, "f18")
    );

    #[test]
    fn every_field_of_a_wide_struct_is_read_and_written_by_its_name() {
        let text = r#"{"f01":1,"f03":3,"f08":8,"f09":9,"f16":16,"f17":17,"f18":null}"#;
        let wide: Wide = serde_json::from_str(text).unwrap();
        let expected = Wide {
            f01: Some(1),
            f03: Some(3),
            f08: Some(8),
            f09: Some(9),
            f16: Some(16),
            f17: 17,
            f18: Some(None),
            ..Default::default()
        };
        assert_eq!(wide, expected);
        assert_eq!(serde_json::to_string(&wide).unwrap(), text);
        let reordered = r#"{"f18":5,"f17":1,"f02":2,"f15":15}"#;
        let wide: Wide = serde_json::from_str(reordered).unwrap();
        assert_eq!(
            (wide.f02, wide.f15, wide.f18),
            (Some(2), Some(15), Some(Some(5)))
        );
    }

    #[test]
    fn errors_in_nested_fields_name_the_place_once() {
        let error = serde_json::from_str::<Outer>(r#"{"list": [{"id": 1}, {"id": "x"}]}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "invalid type: string \"x\", expected i64 at line 1 column 31"
        );
        let missing = serde_json::from_str::<Outer>(r#"{"inner": {}}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(missing, "missing field `id` at line 1 column 13");
        let outer: Outer = serde_json::from_str(r#"{"inner": {"id": 7}, "other": [1]}"#).unwrap();
        assert_eq!(outer.inner, Some(Inner { id: 7 }));
    }
}
