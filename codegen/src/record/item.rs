//! The items of a record, typed: what a line's key names and what its value says, read
//! from and written to a record file's text in one place.

use std::fmt;

/// What a record line is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Key {
    /// `operation NAME`, or one aspect of it: `operation NAME endpoint`.
    Operation(String, Aspect),
    /// `type NAME`, or a member of it: `type NAME.field`, `type NAME::Variant`.
    Type(String, Option<Member>),
    /// `server`: the document's first server.
    Server,
    /// `scheme NAME`: a security scheme.
    Scheme(String),
}

/// An aspect of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Aspect {
    /// The method's signature.
    Signature,
    /// The HTTP method and path.
    Endpoint,
    /// How its parameters are written, where not in their locations' default styles.
    Parameters,
    /// Its security requirement.
    Security,
    /// How it pages: its `_stream` and `_pages` methods.
    Pages,
}

impl Aspect {
    const SUFFIXES: [(Aspect, &'static str); 4] = [
        (Aspect::Endpoint, " endpoint"),
        (Aspect::Parameters, " parameters"),
        (Aspect::Security, " security"),
        (Aspect::Pages, " pages"),
    ];
}

/// A member of a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Member {
    /// A field, or an optional parameter of a `...Params` struct.
    Field(String),
    /// An enum's variant.
    Variant(String),
}

impl Key {
    /// The operation signature's key.
    pub(super) fn operation(name: &str) -> Key {
        Key::Operation(name.to_owned(), Aspect::Signature)
    }

    /// The name of the type this key is, or is a member of.
    pub(super) fn type_name(&self) -> Option<&str> {
        match self {
            Key::Type(name, _) => Some(name),
            _ => None,
        }
    }

    /// `Type.field` or `Type::Variant`, as a change names a member.
    pub(super) fn member(&self) -> String {
        self.to_string().trim_start_matches("type ").to_owned()
    }

    fn parse(text: &str) -> Option<Key> {
        if let Some(rest) = text.strip_prefix("operation ") {
            let aspect = Aspect::SUFFIXES
                .iter()
                .find_map(|(aspect, suffix)| Some((*aspect, rest.strip_suffix(suffix)?)));
            let (aspect, name) = aspect.unwrap_or((Aspect::Signature, rest));
            Some(Key::Operation(name.to_owned(), aspect))
        } else if let Some(rest) = text.strip_prefix("type ") {
            let (name, member) = if let Some((name, variant)) = rest.split_once("::") {
                (name, Some(Member::Variant(variant.to_owned())))
            } else if let Some((name, field)) = rest.split_once('.') {
                (name, Some(Member::Field(field.to_owned())))
            } else {
                (rest, None)
            };
            Some(Key::Type(name.to_owned(), member))
        } else if text == "server" {
            Some(Key::Server)
        } else {
            text.strip_prefix("scheme ")
                .map(|name| Key::Scheme(name.to_owned()))
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Operation(name, aspect) => {
                let suffix = Aspect::SUFFIXES
                    .iter()
                    .find(|(a, _)| a == aspect)
                    .map_or("", |(_, suffix)| suffix);
                write!(f, "operation {name}{suffix}")
            }
            Key::Type(name, None) => write!(f, "type {name}"),
            Key::Type(name, Some(Member::Field(field))) => write!(f, "type {name}.{field}"),
            Key::Type(name, Some(Member::Variant(variant))) => {
                write!(f, "type {name}::{variant}")
            }
            Key::Server => f.write_str("server"),
            Key::Scheme(name) => write!(f, "scheme {name}"),
        }
    }
}

/// What a record line says about its item; which kind follows from the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    /// An operation's method: `fn(id: i64, body: &NewItem) -> Item; errors: GetItemError`.
    Signature(Signature),
    /// How an operation pages: `list_stream -> Item; page numbers in "page"`.
    Pages {
        stream: String,
        item: String,
        how: String,
    },
    /// What a type is: `struct`, `alias of Vec<Item>`, `struct, sent in requests`.
    Kind {
        kind: String,
        sent_in_requests: bool,
    },
    /// A field: `Option<String> as "name"`, `i64 as "id", required`; an optional
    /// parameter: `Option<i64> as query "page"`.
    Field {
        ty: String,
        wire: String,
        required: bool,
    },
    /// A string enum's variant: the value it stands for.
    Named(String),
    /// Any other variant, which carries data: `(Item)`, `status 404, Problem`.
    Carries(String),
    /// An endpoint, parameter styles, a security requirement, a server or a scheme.
    Text(String),
}

/// An operation's method, as a caller calls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Signature {
    /// Each argument's name and type.
    pub args: Vec<(String, String)>,
    /// What a call returns on success.
    pub output: String,
    /// The error type of its documented failures, or `none`.
    pub errors: String,
}

impl Signature {
    /// Whether a caller's code calls both the same way: arguments are positional, so
    /// their names do not count.
    pub(super) fn same_call(&self, other: &Signature) -> bool {
        self.output == other.output
            && self.errors == other.errors
            && self.args.len() == other.args.len()
            && self.args.iter().zip(&other.args).all(|(a, b)| a.1 == b.1)
    }

    fn parse(text: &str) -> Option<Signature> {
        let inner = text.strip_prefix("fn(")?;
        let close = closing(inner)?;
        let (args, rest) = (&inner[..close], inner[close..].strip_prefix(") -> ")?);
        let (output, errors) = rest.rsplit_once("; errors: ")?;
        let args = split_top_level(args)
            .into_iter()
            .map(|arg| {
                let (name, ty) = arg.split_once(": ")?;
                Some((name.to_owned(), ty.to_owned()))
            })
            .collect::<Option<_>>()?;
        Some(Signature {
            args,
            output: output.to_owned(),
            errors: errors.to_owned(),
        })
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("fn(")?;
        for (i, (name, ty)) in self.args.iter().enumerate() {
            let comma = if i == 0 { "" } else { ", " };
            write!(f, "{comma}{name}: {ty}")?;
        }
        write!(f, ") -> {}; errors: {}", self.output, self.errors)
    }
}

/// Where the bracket closing the text's first unclosed one stands.
fn closing(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' if depth == 0 => return Some(at),
            ')' | '>' | ']' => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    None
}

/// `a: A, b: Map<String, B>` split at the commas outside brackets.
fn split_top_level(text: &str) -> Vec<&str> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (at, c) in text.char_indices() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(text[start..at].trim_start());
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim_start());
    parts
}

const REQUIRED: &str = ", required";
const SENT: &str = ", sent in requests";

impl Value {
    /// The value of a line whose key is `key`.
    fn parse(key: &Key, text: &str) -> Option<Value> {
        Some(match key {
            Key::Operation(_, Aspect::Signature) => Value::Signature(Signature::parse(text)?),
            Key::Operation(_, Aspect::Pages) => {
                let (stream, rest) = text.split_once(" -> ")?;
                let (item, how) = rest.split_once("; ")?;
                Value::Pages {
                    stream: stream.to_owned(),
                    item: item.to_owned(),
                    how: how.to_owned(),
                }
            }
            Key::Type(_, None) => {
                let kind = text.strip_suffix(SENT);
                Value::Kind {
                    kind: kind.unwrap_or(text).to_owned(),
                    sent_in_requests: kind.is_some(),
                }
            }
            Key::Type(_, Some(Member::Field(_))) => {
                let (ty, wire) = text.split_once(" as ")?;
                let required = wire.strip_suffix(REQUIRED);
                Value::Field {
                    ty: ty.to_owned(),
                    wire: required.unwrap_or(wire).to_owned(),
                    required: required.is_some(),
                }
            }
            Key::Type(_, Some(Member::Variant(_))) => match text
                .strip_prefix('"')
                .and_then(|value| value.strip_suffix('"'))
            {
                Some(value) => Value::Named(value.to_owned()),
                None => Value::Carries(text.to_owned()),
            },
            Key::Operation(..) | Key::Server | Key::Scheme(_) => Value::Text(text.to_owned()),
        })
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Signature(signature) => signature.fmt(f),
            Value::Pages { stream, item, how } => write!(f, "{stream} -> {item}; {how}"),
            Value::Kind {
                kind,
                sent_in_requests,
            } => {
                let sent = if *sent_in_requests { SENT } else { "" };
                write!(f, "{kind}{sent}")
            }
            Value::Field { ty, wire, required } => {
                let required = if *required { REQUIRED } else { "" };
                write!(f, "{ty} as {wire}{required}")
            }
            Value::Named(value) => write!(f, "\"{value}\""),
            Value::Carries(text) | Value::Text(text) => f.write_str(text),
        }
    }
}

/// One line of a record file, `key: value @ place`, read; an error says what is wrong.
pub(super) fn parse_line(line: &str) -> Result<(Key, Value, String), &'static str> {
    let (key, rest) = line.split_once(": ").ok_or("not `key: value @ place`")?;
    let (value, place) = rest.rsplit_once(" @ ").ok_or("not `key: value @ place`")?;
    let key = Key::parse(key).ok_or("the key names no operation, type, server or scheme")?;
    let value = Value::parse(&key, value).ok_or("the value is not what its key calls for")?;
    Ok((key, value, place.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_back_as_written() {
        let lines = [
            "operation get_item: fn(id: i64, tags: Option<BTreeMap<String, Vec<i64>>>, body: &NewItem) -> Item; errors: GetItemError @ #/paths/~1items/get",
            "operation list: fn() -> Vec<Item>; errors: none @ #/paths/~1items/get",
            "operation list pages: list_stream -> Item; page numbers in \"page\" @ #/x",
            "operation list endpoint: GET /items @ #/x",
            "type Item: struct, sent in requests @ #/components/schemas/Item",
            "type Item.name: Option<String> as \"name\", required @ #/x",
            "type ListParams.page: Option<i64> as query \"page\" @ #/x",
            "type Status::Active: \"active\" @ #/x",
            "type Shape::Circle: (Circle) @ #/x",
            "type GetItemError::NotFound: status 404, Problem @ #/x",
            "server: https://example.com @ #/servers/0",
            "scheme key: builder method `key`, API key in the header `x-key` @ #/y",
        ];
        for line in lines {
            let (key, value, place) = parse_line(line).unwrap();
            assert_eq!(format!("{key}: {value} @ {place}"), line);
        }
        let (_, value, _) = parse_line(lines[0]).unwrap();
        let Value::Signature(signature) = value else {
            panic!("{value:?}")
        };
        assert_eq!(signature.args.len(), 3, "{signature:?}");
        assert_eq!(signature.args[1].1, "Option<BTreeMap<String, Vec<i64>>>");
    }

    #[test]
    fn malformed_lines_say_what_is_wrong() {
        for (line, error) in [
            ("no separator", "not `key: value @ place`"),
            (
                "operation a: fn(a: i64 @ #/x",
                "the value is not what its key calls for",
            ),
            (
                "thing x: y @ #/x",
                "the key names no operation, type, server or scheme",
            ),
        ] {
            assert_eq!(parse_line(line).unwrap_err(), error, "{line}");
        }
    }

    #[test]
    fn a_renamed_argument_is_the_same_call() {
        let parse = |text| Signature::parse(text).unwrap();
        let before = parse("fn(id: i64, body: &A) -> B; errors: none");
        assert!(before.same_call(&parse("fn(item_id: i64, body: &A) -> B; errors: none")));
        assert!(!before.same_call(&parse("fn(id: i32, body: &A) -> B; errors: none")));
        assert!(!before.same_call(&parse("fn(id: i64) -> B; errors: none")));
    }
}
