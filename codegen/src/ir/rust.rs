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
    /// The path of an item the runtime re-exports, written at the end of `out`.
    fn push_runtime(self, out: &mut String, item: &str) {
        if let Spelling::Code { runtime, .. } = self {
            out.push_str(runtime);
            out.push_str("::");
        }
        out.push_str(item);
    }

    /// The path of an item the runtime re-exports.
    fn runtime(self, item: &str) -> String {
        let mut path = String::new();
        self.push_runtime(&mut path, item);
        path
    }

    /// The name of the generated type `id`.
    fn name(self, id: TypeId) -> &'a str {
        let (Spelling::Code { types, .. } | Spelling::Record { types }) = self;
        types.get(id.index()).map_or("", |def| def.name.as_str())
    }
}

/// The bytes [`Ty::rust`] makes room for first.
const TYPE_TEXT: usize = 64;

impl Ty {
    /// The type as Rust text.
    pub(crate) fn rust(&self, spelling: Spelling) -> String {
        // Room for most types at once (a generated type's name within a generic or two),
        // which a string grown as it is written would reallocate several times.
        let mut text = String::with_capacity(TYPE_TEXT);
        self.push_rust(&mut text, spelling);
        text
    }

    /// The type as Rust text, written at the end of `out` (its arguments into the same
    /// string as the type around them).
    fn push_rust(&self, out: &mut String, spelling: Spelling) {
        let record = matches!(spelling, Spelling::Record { .. });
        let generic = |out: &mut String, head: &str, item: &Ty| {
            out.push_str(head);
            item.push_rust(out, spelling);
            out.push('>');
        };
        match self {
            Ty::String => out.push_str("String"),
            Ty::Integer => out.push_str("i64"),
            Ty::Number => out.push_str("f64"),
            Ty::Boolean => out.push_str("bool"),
            Ty::Json if record => out.push_str("Value"),
            Ty::Json => spelling.push_runtime(out, "serde_json::Value"),
            Ty::List(item) => generic(out, "Vec<", item),
            // A map of any JSON values is serde_json's own map.
            Ty::Map(value) if **value == Ty::Json && record => out.push_str("Map<String, Value>"),
            Ty::Map(value) if **value == Ty::Json => {
                spelling.push_runtime(out, "serde_json::Map");
                out.push_str("<String, ");
                spelling.push_runtime(out, "serde_json::Value");
                out.push('>');
            }
            Ty::Map(value) if record => generic(out, "BTreeMap<String, ", value),
            Ty::Map(value) => generic(out, "::std::collections::BTreeMap<String, ", value),
            Ty::Nullable(inner) => generic(out, "Option<", inner),
            Ty::Named(id) => {
                if let Spelling::Code { scope, .. } = spelling {
                    out.push_str(scope);
                }
                out.push_str(spelling.name(*id));
            }
            Ty::File(_) => spelling.push_runtime(out, "FilePart"),
            Ty::Format(format) => format.push_rust(out, spelling),
        }
    }
}

impl Format {
    /// The type as Rust text, written at the end of `out`.
    fn push_rust(self, out: &mut String, spelling: Spelling) {
        let record = matches!(spelling, Spelling::Record { .. });
        let path = match self {
            Format::I8 => return out.push_str("i8"),
            Format::I16 => return out.push_str("i16"),
            Format::I32 => return out.push_str("i32"),
            Format::U8 => return out.push_str("u8"),
            Format::U16 => return out.push_str("u16"),
            Format::U32 => return out.push_str("u32"),
            Format::U64 => return out.push_str("u64"),
            Format::DateTime(DateTimeCrate::Chrono) if record => "chrono::DateTime<Utc>",
            Format::DateTime(DateTimeCrate::Chrono) => {
                spelling.push_runtime(out, "chrono::DateTime");
                out.push('<');
                spelling.push_runtime(out, "chrono::Utc");
                return out.push('>');
            }
            Format::DateTime(DateTimeCrate::Jiff) => "jiff::Timestamp",
            Format::Date(DateTimeCrate::Chrono) => "chrono::NaiveDate",
            Format::Date(DateTimeCrate::Jiff) => "jiff::civil::Date",
            Format::Uuid => "uuid::Uuid",
            Format::Bytes => "Base64",
            Format::Decimal => "Decimal",
        };
        spelling.push_runtime(out, path);
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
                let mut text = spelling.runtime("EventStream");
                text.push('<');
                ty.push_rust(&mut text, spelling);
                text.push('>');
                text
            }
            Success::Events(None) => {
                let mut text = spelling.runtime("EventStream");
                text.push_str("<String>");
                text
            }
            Success::Content(id) => Ty::Named(*id).rust(spelling),
        }
    }
}
