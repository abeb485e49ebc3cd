//! Serialization and deserialization of generated structs.
//!
//! Structs read known properties by name and every other one into their extra properties,
//! in a single pass and without buffering the object (which `#[serde(flatten)]` would do),
//! and write them back the same way.
//!
//! A struct's own code is only the list of its fields (see [`serde_struct!`]): reading and
//! writing are the generic functions [`read_struct`] and [`write_struct`] over a tuple of
//! its fields ([`Slots`], [`Values`]), and what each kind of field means is a function of
//! [`field`]. Their code is checked once, here; a client compiles it per struct without
//! type checking and borrow checking a visitor for each, and the macro writes each field
//! once, without a macro call of its own (macro expansion was a large share of a large
//! client's `cargo check`).

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

/// The fields of a struct being read, in tuples (a struct's fields in groups of at most
/// twelve, and the groups in a tuple) whose leaves are the fields of [`read`]. The code
/// that reads a field by its index is generic, checked once here.
#[doc(hidden)]
pub trait Slots<'de> {
    /// How many fields.
    const LEN: usize;

    /// No field read yet.
    fn empty() -> Self;

    /// Reads the value of field `index` from `map`.
    fn read_at<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;

    /// The name of the first required field that is missing, the first field named
    /// `names[0]`.
    fn missing(&self, names: &[&'static str]) -> Option<&'static str>;
}

/// The fields of a struct being written, in tuples like [`Slots`], whose leaves are the
/// fields of [`write`].
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

/// A field being read, by its kind in [`serde_struct!`](crate::codegen::serde_struct).
/// Each holds `Some` of the field's value once it has one: read, or, for a field that may
/// be missing, from the start. So a struct is built by one pattern, `kind(Some(field))`
/// for every field, which fails only when a required field is missing.
#[doc(hidden)]
#[allow(non_camel_case_types)]
pub mod read {
    /// A required property.
    pub struct required<T>(pub Option<T>);

    /// An `Option` of the property: `None` when missing or `null`.
    pub struct value<T>(pub Option<Option<T>>);

    /// `Option<Option<T>>`: `Some` of the property when present, so that an absent
    /// property and `null` each round-trip.
    pub struct present<T>(pub Option<Option<Option<T>>>);
}

impl<'de, T: Deserialize<'de>> Slots<'de> for read::required<T> {
    const LEN: usize = 1;

    fn empty() -> Self {
        read::required(None)
    }

    fn read_at<A: MapAccess<'de>>(&mut self, _: usize, map: &mut A) -> Result<(), A::Error> {
        self.0 = Some(map.next_value()?);
        Ok(())
    }

    fn missing(&self, names: &[&'static str]) -> Option<&'static str> {
        match self.0 {
            Some(_) => None,
            None => names.first().copied(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Slots<'de> for read::value<T> {
    const LEN: usize = 1;

    fn empty() -> Self {
        read::value(Some(None))
    }

    fn read_at<A: MapAccess<'de>>(&mut self, _: usize, map: &mut A) -> Result<(), A::Error> {
        self.0 = Some(map.next_value()?);
        Ok(())
    }

    fn missing(&self, _: &[&'static str]) -> Option<&'static str> {
        None
    }
}

impl<'de, T: Deserialize<'de>> Slots<'de> for read::present<T> {
    const LEN: usize = 1;

    fn empty() -> Self {
        read::present(Some(None))
    }

    fn read_at<A: MapAccess<'de>>(&mut self, _: usize, map: &mut A) -> Result<(), A::Error> {
        self.0 = Some(Some(map.next_value()?));
        Ok(())
    }

    fn missing(&self, _: &[&'static str]) -> Option<&'static str> {
        None
    }
}

/// A field being written, by its kind in
/// [`serde_struct!`](crate::codegen::serde_struct): a field that may be missing is left
/// out when `None`.
#[doc(hidden)]
#[allow(non_camel_case_types)]
pub mod write {
    /// A required property.
    pub struct required<'a, T>(pub &'a T);

    /// An `Option` of the property.
    pub struct value<'a, T>(pub &'a Option<T>);

    /// `Option<Option<T>>`, written when `Some` (`null` included): the same as `value`.
    pub use value as present;
}

impl<T: Serialize> Values for write::required<'_, T> {
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

impl<T: Serialize> Values for write::value<'_, T> {
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

/// `Slots` and `Values` for the tuples of up to twelve elements.
macro_rules! tuples {
    ($($element:ident $index:tt),*) => {
        impl<'de, $($element: Slots<'de>),*> Slots<'de> for ($($element,)*) {
            const LEN: usize = 0 $(+ $element::LEN)*;

            #[allow(clippy::unused_unit)]
            fn empty() -> Self {
                ($($element::empty(),)*)
            }

            #[allow(unused_mut, unused_variables, unused_assignments)]
            fn read_at<A: MapAccess<'de>>(
                &mut self,
                mut index: usize,
                map: &mut A,
            ) -> Result<(), A::Error> {
                $(
                    if index < $element::LEN {
                        return self.$index.read_at(index, map);
                    }
                    index -= $element::LEN;
                )*
                map.next_value::<IgnoredAny>().map(|_| ())
            }

            #[allow(unused_mut, unused_variables, unused_assignments)]
            fn missing(&self, mut names: &[&'static str]) -> Option<&'static str> {
                $(
                    if let Some(name) = self.$index.missing(names) {
                        return Some(name);
                    }
                    names = names.get($element::LEN..).unwrap_or_default();
                )*
                None
            }
        }

        impl<$($element: Values),*> Values for ($($element,)*) {
            const LEN: usize = 0 $(+ $element::LEN)*;

            #[allow(unused_mut, unused_variables, unused_assignments)]
            fn write_from<M: SerializeMap>(
                &self,
                mut names: &[&'static str],
                map: &mut M,
            ) -> Result<(), M::Error> {
                $(
                    self.$index.write_from(names, map)?;
                    names = names.get($element::LEN..).unwrap_or_default();
                )*
                Ok(())
            }
        }
    };
}

tuples!();
tuples!(T0 0);
tuples!(T0 0, T1 1);
tuples!(T0 0, T1 1, T2 2);
tuples!(T0 0, T1 1, T2 2, T3 3);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10);
tuples!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11);

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

/// The name of the first required field of `slots` that is missing, as an error.
#[doc(hidden)]
pub fn missing_field<'de, E: serde::de::Error, S: Slots<'de>>(
    slots: &S,
    names: &'static [&'static str],
) -> E {
    E::missing_field(slots.missing(names).unwrap_or_default())
}

/// Reads a JSON object (any map) into the fields `S`, the field named `names[i]` into the
/// `i`th, and every other property into `extra`; `expecting` says what the object is, for
/// errors.
#[doc(hidden)]
pub fn read_struct<'de, D, S, X>(
    deserializer: D,
    expecting: &'static str,
    names: &'static [&'static str],
    extra: &mut X,
) -> Result<S, D::Error>
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
        type Value = S;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<S, A::Error> {
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match self.names.iter().position(|name| *name == key.as_str()) {
                    Some(index) => self.slots.read_at(index, &mut map)?,
                    None => self.extra.read(key, &mut map)?,
                }
            }
            Ok(self.slots)
        }
    }

    deserializer.deserialize_map(FieldsVisitor {
        expecting,
        names,
        slots: S::empty(),
        extra,
    })
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
///     Contact, extra(extra), [required(id, "id"), value(name, "name"), present(email, "email")]
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
/// properties are skipped. Each listed property is `kind(field, "wire name")`, in groups
/// of at most twelve between brackets, where the kind says how a present property is
/// stored and what a missing one means: `value` (an `Option` of the property, `None` when
/// missing), `present` (`Option<Option<T>>`: `Some` of the property when present, so that
/// an absent property and `null` each round-trip), `required` (a missing property is an
/// error). Properties that are `None` are not written.
///
/// `impl Deserialize for Name` or `impl Serialize for Name` in place of the name
/// implements only that trait (a type the client only reads needs no `Serialize`, which
/// would cost every build of the client); `impl Deserialize + Serialize for Name` both,
/// each trait with attributes of its own:
///
/// ```
/// use openapi_clientgen_runtime::codegen::{serde_json, serde_struct};
///
/// #[derive(Debug, PartialEq)]
/// pub struct Label {
///     pub name: String,
/// }
///
/// serde_struct!(impl Deserialize + #[cfg(any())] Serialize for Label, [required(name, "name")]);
///
/// let label: Label = serde_json::from_str(r#"{"name":"bug"}"#).unwrap();
/// assert_eq!(label.name, "bug");
/// ```
///
/// ```compile_fail
/// # use openapi_clientgen_runtime::codegen::{serde_json, serde_struct};
/// # pub struct Label { pub name: String }
/// serde_struct!(impl Deserialize + #[cfg(any())] Serialize for Label, [required(name, "name")]);
/// // `Serialize` is configured away.
/// let _ = serde_json::to_string(&Label { name: "bug".to_owned() });
/// ```
///
/// The code per struct is a list of its fields, each written once, with neither a call
/// nor a macro of its own: one pattern builds the struct from what [`read_struct`] read,
/// and the struct is written by [`write_struct`], checked once here rather than once per
/// struct in every client.
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_struct {
    // Without a list of traits, both.
    ($ty:ident $(, $($rest:tt)*)?) => {
        $crate::__serde_struct!(impl Deserialize + Serialize for $ty $(, $($rest)*)?);
    };
    (impl $(#[$a1:meta])* $t1:ident $(+ $(#[$a2:meta])* $t2:ident)? for $ty:ident, extra($extra:ident) $(, [$($kind:ident($field:ident, $wire:literal)),* $(,)?])* $(,)?) => {
        $crate::__serde_struct!(@traits [[$(#[$a1])*] $t1 $([$(#[$a2])*] $t2)?] $ty [$([$($kind $field $wire)*])*] [$extra]);
    };
    (impl $(#[$a1:meta])* $t1:ident $(+ $(#[$a2:meta])* $t2:ident)? for $ty:ident $(, [$($kind:ident($field:ident, $wire:literal)),* $(,)?])* $(,)?) => {
        $crate::__serde_struct!(@traits [[$(#[$a1])*] $t1 $([$(#[$a2])*] $t2)?] $ty [$([$($kind $field $wire)*])*] []);
    };
    (@traits [$([$(#[$attr:meta])*] $trait:ident)+] $ty:ident $fields:tt $extra:tt) => {
        $( $crate::__serde_struct!(@$trait [$(#[$attr])*] $ty $fields $extra); )+
    };
    (@Deserialize [$(#[$attr:meta])*] $ty:ident [$([$($kind:ident $field:ident $wire:literal)*])*] [$($extra:ident)?]) => {
        $(#[$attr])*
        impl<'de> $crate::codegen::serde::Deserialize<'de> for $ty {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::codegen::serde::Deserializer<'de>,
            {
                const NAMES: &[&str] = &[$($($wire,)*)*];
                let mut __extra = $crate::__serde_struct!(@extra_new $($extra)?);
                // One pattern takes every field, and fails only when a required field is
                // missing; matched without `?`, which would cost each struct two trait
                // calls to type-check.
                match $crate::codegen::read_struct(
                    deserializer,
                    concat!("a ", stringify!($ty), " object"),
                    NAMES,
                    &mut __extra,
                ) {
                    ::std::result::Result::Ok(($(($($crate::codegen::read::$kind(::std::option::Option::Some($field)),)*),)*)) => {
                        ::std::result::Result::Ok($ty {
                            $($($field,)*)*
                            $($extra: __extra,)?
                        })
                    }
                    #[allow(unreachable_patterns)]
                    ::std::result::Result::Ok(fields) => {
                        ::std::result::Result::Err($crate::codegen::missing_field(&fields, NAMES))
                    }
                    ::std::result::Result::Err(error) => ::std::result::Result::Err(error),
                }
            }
        }
    };
    (@Serialize [$(#[$attr:meta])*] $ty:ident [$([$($kind:ident $field:ident $wire:literal)*])*] [$($extra:ident)?]) => {
        $(#[$attr])*
        impl $crate::codegen::serde::Serialize for $ty {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::codegen::serde::Serializer,
            {
                $crate::codegen::write_struct(
                    serializer,
                    &[$($($wire,)*)*],
                    ($(($($crate::codegen::write::$kind(&self.$field),)*),)*),
                    $crate::__serde_struct!(@extra_ref self $($extra)?),
                )
            }
        }
    };
    (@extra_new $extra:ident) => { ::std::default::Default::default() };
    (@extra_new) => { $crate::codegen::NoExtra };
    (@extra_ref $self:ident $extra:ident) => { &$self.$extra };
    (@extra_ref $self:ident) => { &$crate::codegen::NoExtra };
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq)]
    struct Inner {
        id: i64,
    }
    crate::__serde_struct!(Inner, [required(id, "id")]);

    #[derive(Debug, PartialEq)]
    struct Outer {
        inner: Option<Inner>,
        list: Option<Vec<Inner>>,
    }
    crate::__serde_struct!(Outer, [value(inner, "inner"), value(list, "list")]);

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
        [
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
        ],
        [
            value(f13, "f13"),
            value(f14, "f14"),
            value(f15, "f15"),
            value(f16, "f16"),
            required(f17, "f17"),
            present(f18, "f18"),
        ]
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
        // The one required field is in the second group.
        let missing = serde_json::from_str::<Wide>(r#"{"f01":1,"f18":2}"#).unwrap_err();
        assert_eq!(missing.to_string(), "missing field `f17`");
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
