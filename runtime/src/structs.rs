//! Serialization and deserialization of generated structs.
//!
//! Structs read known properties by name and every other one into their extra properties,
//! in a single pass and without buffering the object (which `#[serde(flatten)]` would do),
//! and write them back the same way.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Visitor};

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
                struct FieldsVisitor;

                impl<'de> $crate::codegen::serde::de::Visitor<'de> for FieldsVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($ty), " object"))
                    }

                    #[allow(unused_mut)]
                    fn visit_map<A>(self, mut __map: A) -> ::std::result::Result<$ty, A::Error>
                    where
                        A: $crate::codegen::serde::de::MapAccess<'de>,
                    {
                        $( let mut $field = ::std::option::Option::None; )*
                        $( let mut $extra = ::std::default::Default::default(); )?
                        while let ::std::option::Option::Some(__key) =
                            __map.next_key::<$crate::codegen::Key<'de>>()?
                        {
                            match __key.as_str() {
                                $( $wire => $crate::__serde_struct!(@read $kind $field __map), )*
                                _ => $crate::__serde_struct!(@other __map __key $($extra)?),
                            }
                        }
                        ::std::result::Result::Ok($ty {
                            $( $field: $crate::__serde_struct!(@finish $kind $field $wire), )*
                            $( $extra, )?
                        })
                    }
                }

                deserializer.deserialize_map(FieldsVisitor)
            }
        }

        impl $crate::codegen::serde::Serialize for $ty {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::codegen::serde::Serializer,
            {
                use $crate::codegen::serde::ser::SerializeMap as _;
                let mut __map = serializer.serialize_map(::std::option::Option::None)?;
                $( $crate::__serde_struct!(@write $kind __map $wire self.$field); )*
                $( $crate::codegen::ExtraProperties::write(&self.$extra, &mut __map)?; )?
                __map.end()
            }
        }
    };
    (@write required $map:ident $wire:literal $value:expr) => {
        $map.serialize_entry($wire, &$value)?
    };
    (@write $kind:ident $map:ident $wire:literal $value:expr) => {
        if let ::std::option::Option::Some(value) = &$value {
            $map.serialize_entry($wire, value)?;
        }
    };
    (@read value $field:ident $map:ident) => { $field = $map.next_value()? };
    (@read present $field:ident $map:ident) => { $field = ::std::option::Option::Some($map.next_value()?) };
    (@read required $field:ident $map:ident) => { $field = ::std::option::Option::Some($map.next_value()?) };
    (@finish value $field:ident $wire:literal) => { $field };
    (@finish present $field:ident $wire:literal) => { $field };
    (@finish required $field:ident $wire:literal) => {
        match $field {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => {
                return ::std::result::Result::Err(
                    <A::Error as $crate::codegen::serde::de::Error>::missing_field($wire),
                )
            }
        }
    };
    (@other $map:ident $key:ident $extra:ident) => {
        $crate::codegen::ExtraProperties::read(&mut $extra, $key, &mut $map)?
    };
    (@other $map:ident $key:ident) => {{
        $map.next_value::<$crate::codegen::serde::de::IgnoredAny>()?;
    }};
}
