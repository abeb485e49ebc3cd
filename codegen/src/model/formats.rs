//! Formats: the Rust type a scalar's `format` asks for.
//!
//! | type | format | Rust type |
//! |---|---|---|
//! | integer | `int8`, `int16`, `int32`, `int64` | `i8`, `i16`, `i32`, `i64` |
//! | integer | `uint8`, `uint16`, `uint32`, `uint64` | `u8`, `u16`, `u32`, `u64` |
//! | integer | none or another | `i64` |
//! | number | `decimal` | `Decimal` (the runtime's: every digit kept) |
//! | number | `float`, `double`, none or another | `f64` |
//! | string | `date-time` | `chrono::DateTime<Utc>` (or `jiff::Timestamp`) |
//! | string | `date` | `chrono::NaiveDate` (or `jiff::civil::Date`) |
//! | string | `uuid` | `uuid::Uuid` |
//! | string | `byte` | `Base64` (the runtime's: bytes, base64 on the wire) |
//! | string | `decimal` | `Decimal`, written back as a string |
//! | string | another (`uri`, `email`, `time`, `duration`...) | `String` |
//!
//! `float` is `f64` too: JSON numbers are doubles, and an `f32` would round what the
//! server sent. With [`FormatTypes::Text`] every format stays its plain type.

use openapiv3::{
    IntegerFormat, NumberFormat, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::ir::{DateTimeCrate, Format, Ty};

/// How formats become types; see [`Generator::format_types`](crate::Generator::format_types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatTypes {
    /// Each format its type (the default), timestamps and dates from this crate.
    Typed(DateTimeCrate),
    /// Every format its plain type: text, `i64` or `f64`.
    Text,
}

impl Default for FormatTypes {
    fn default() -> Self {
        FormatTypes::Typed(DateTimeCrate::Chrono)
    }
}

impl FormatTypes {
    /// The type of a scalar schema of kind `kind`, plain type `plain`.
    pub(crate) fn ty(self, kind: &SchemaKind, any_format: Option<&str>, plain: Ty) -> Ty {
        let FormatTypes::Typed(dates) = self else {
            return plain;
        };
        let format = match kind {
            SchemaKind::Type(Type::String(s)) => match &s.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
                VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => "byte",
                VariantOrUnknownOrEmpty::Unknown(other) => other.as_str(),
                _ => "",
            },
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => "int32",
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => "int64",
                VariantOrUnknownOrEmpty::Unknown(other) => other.as_str(),
                _ => "",
            },
            SchemaKind::Type(Type::Number(n)) => match &n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float | NumberFormat::Double) => "",
                VariantOrUnknownOrEmpty::Unknown(other) => other.as_str(),
                _ => "",
            },
            _ => any_format.unwrap_or_default(),
        };
        let format = match (&plain, format) {
            (Ty::Integer, "int8") => Format::I8,
            (Ty::Integer, "int16") => Format::I16,
            (Ty::Integer, "int32") => Format::I32,
            (Ty::Integer, "uint8") => Format::U8,
            (Ty::Integer, "uint16") => Format::U16,
            (Ty::Integer, "uint32") => Format::U32,
            (Ty::Integer, "uint64") => Format::U64,
            (Ty::Number | Ty::String, "decimal") => Format::Decimal,
            (Ty::String, "date-time") => Format::DateTime(dates),
            (Ty::String, "date") => Format::Date(dates),
            (Ty::String, "uuid") => Format::Uuid,
            (Ty::String, "byte") => Format::Bytes,
            _ => return plain,
        };
        Ty::Format(format)
    }
}
