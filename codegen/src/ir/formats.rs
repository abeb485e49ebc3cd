//! Scalars whose `format` asks for a type of their own.

/// A scalar type a format asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Format {
    I8,
    I16,
    I32,
    U8,
    U16,
    U32,
    U64,
    DateTime(DateTimeCrate),
    Date(DateTimeCrate),
    Uuid,
    Bytes,
    Decimal,
}

/// Which crate's types hold timestamps and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DateTimeCrate {
    /// `chrono::DateTime<Utc>` and `chrono::NaiveDate`: the most used, small without its
    /// default features.
    #[default]
    Chrono,
    /// `jiff::Timestamp` and `jiff::civil::Date`.
    Jiff,
}

impl Format {
    /// Whether a method takes it by reference (it owns memory) rather than by value.
    pub(crate) fn is_owned(self) -> bool {
        matches!(self, Format::Bytes | Format::Decimal)
    }
}
