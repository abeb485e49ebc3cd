//! How an IR type is written in Rust: the one printer, read by the emitter (generated
//! code) and by the API record (what a caller reads).

use super::{DateTimeCrate, Format, Success, Ty, TypeDef, TypeId};

/// Where a type is written, which decides how the types it ends in are named; generated
/// types are named as `types` names them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Spelling<'a> {
    /// In generated code: the runtime's items through the path `runtime`, generated
    /// types through `scope` (`types::` outside the `types` module, empty inside).
    Code {
        runtime: &'a str,
        scope: &'a str,
        types: &'a [TypeDef],
    },
    /// In the API record: as a caller reads them, without paths (`Value`, `FilePart`).
    Record { types: &'a [TypeDef] },
}

impl<'a> Spelling<'a> {
    /// The path of an item the runtime re-exports.
    fn runtime(self, item: &str) -> String {
        match self {
            Spelling::Code { runtime, .. } => format!("{runtime}::{item}"),
            Spelling::Record { .. } => item.to_owned(),
        }
    }

    /// The name of the generated type `id`.
    fn name(self, id: TypeId) -> &'a str {
        let (Spelling::Code { types, .. } | Spelling::Record { types }) = self;
        types.get(id.index()).map_or("", |def| def.name.as_str())
    }
}

impl Ty {
    /// The type as Rust text.
    pub(crate) fn rust(&self, spelling: Spelling) -> String {
        let record = matches!(spelling, Spelling::Record { .. });
        match self {
            Ty::String => "String".to_owned(),
            Ty::Integer => "i64".to_owned(),
            Ty::Number => "f64".to_owned(),
            Ty::Boolean => "bool".to_owned(),
            Ty::Json if record => "Value".to_owned(),
            Ty::Json => spelling.runtime("serde_json::Value"),
            Ty::List(item) => format!("Vec<{}>", item.rust(spelling)),
            // A map of any JSON values is serde_json's own map.
            Ty::Map(value) if **value == Ty::Json && record => "Map<String, Value>".to_owned(),
            Ty::Map(value) if **value == Ty::Json => format!(
                "{}<String, {}>",
                spelling.runtime("serde_json::Map"),
                spelling.runtime("serde_json::Value")
            ),
            Ty::Map(value) if record => format!("BTreeMap<String, {}>", value.rust(spelling)),
            Ty::Map(value) => format!(
                "::std::collections::BTreeMap<String, {}>",
                value.rust(spelling)
            ),
            Ty::Nullable(inner) => format!("Option<{}>", inner.rust(spelling)),
            Ty::Named(id) => match spelling {
                Spelling::Code { scope, .. } => format!("{scope}{}", spelling.name(*id)),
                Spelling::Record { .. } => spelling.name(*id).to_owned(),
            },
            Ty::File(_) => spelling.runtime("FilePart"),
            Ty::Format(format) => format.rust(spelling),
        }
    }
}

impl Format {
    /// The type as Rust text.
    fn rust(self, spelling: Spelling) -> String {
        let record = matches!(spelling, Spelling::Record { .. });
        let path = match self {
            Format::I8 => return "i8".to_owned(),
            Format::I16 => return "i16".to_owned(),
            Format::I32 => return "i32".to_owned(),
            Format::U8 => return "u8".to_owned(),
            Format::U16 => return "u16".to_owned(),
            Format::U32 => return "u32".to_owned(),
            Format::U64 => return "u64".to_owned(),
            Format::DateTime(DateTimeCrate::Chrono) if record => "chrono::DateTime<Utc>",
            Format::DateTime(DateTimeCrate::Chrono) => {
                return format!(
                    "{}<{}>",
                    spelling.runtime("chrono::DateTime"),
                    spelling.runtime("chrono::Utc")
                )
            }
            Format::DateTime(DateTimeCrate::Jiff) => "jiff::Timestamp",
            Format::Date(DateTimeCrate::Chrono) => "chrono::NaiveDate",
            Format::Date(DateTimeCrate::Jiff) => "jiff::civil::Date",
            Format::Uuid => "uuid::Uuid",
            Format::Bytes => "Base64",
            Format::Decimal => "Decimal",
        };
        spelling.runtime(path)
    }
}

impl Success {
    /// The type a body read this way has.
    pub(crate) fn rust(&self, spelling: Spelling) -> String {
        match self {
            Success::Json(ty) => ty.rust(spelling),
            Success::Text(_) => "String".to_owned(),
            Success::Binary(_) => spelling.runtime("ByteStream"),
            Success::Events(Some(ty)) => {
                format!("{}<{}>", spelling.runtime("EventStream"), ty.rust(spelling))
            }
            Success::Events(None) => format!("{}<String>", spelling.runtime("EventStream")),
            Success::Content(id) => Ty::Named(*id).rust(spelling),
        }
    }
}
