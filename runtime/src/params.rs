//! Parameter styles: how path, query, header and cookie parameters, and the properties of
//! `application/x-www-form-urlencoded` bodies, are written, as the OpenAPI specification's
//! "Style Values" define them (after RFC 6570's expansions).
//!
//! A value is first written as JSON by serde (so a generated struct, enum or list is
//! written as it is on the wire) and then laid out by its [`Style`]:
//!
//! | style | explode | `"blue"` | `["blue","black","brown"]` | `{"R":100,"G":200,"B":150}` |
//! |---|---|---|---|---|
//! | matrix | false | `;color=blue` | `;color=blue,black,brown` | `;color=R,100,G,200,B,150` |
//! | matrix | true | `;color=blue` | `;color=blue;color=black;color=brown` | `;R=100;G=200;B=150` |
//! | label | false | `.blue` | `.blue,black,brown` | `.R,100,G,200,B,150` |
//! | label | true | `.blue` | `.blue.black.brown` | `.R=100.G=200.B=150` |
//! | simple | false | `blue` | `blue,black,brown` | `R,100,G,200,B,150` |
//! | simple | true | `blue` | `blue,black,brown` | `R=100,G=200,B=150` |
//! | form | false | `color=blue` | `color=blue,black,brown` | `color=R,100,G,200,B,150` |
//! | form | true | `color=blue` | `color=blue&color=black&color=brown` | `R=100&G=200&B=150` |
//! | spaceDelimited | false | `color=blue` | `color=blue%20black%20brown` | `color=R%20100%20G%20200%20B%20150` |
//! | pipeDelimited | false | `color=blue` | `color=blue%7Cblack%7Cbrown` | `color=R%7C100%7CG%7C200%7CB%7C150` |
//! | deepObject | true | `color=blue` | `color=blue&color=black&color=brown` | `color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150` |
//!
//! Separators are literal; names and values are percent-encoded as their location needs
//! (every character but RFC 3986's unreserved ones in paths, queries and form bodies,
//! reserved ones kept with `allowReserved`; header values as they are; cookie values
//! outside RFC 6265's `cookie-octet`). `null`, an empty list and an empty object are
//! undefined, as in RFC 6570: nothing is sent for them in a query, form, header or cookie,
//! and a path segment is empty. A string that is empty is sent: `color=`, `;color`, `.`.
//! Numbers are written without a fraction when they have none (`42.0` as `42`).
//!
//! Where a style defines no layout, the nearest one is used: a list or object nested
//! inside a list or object is written as its JSON text (a `deepObject` nests its objects
//! as `color[a][b]`), and a `spaceDelimited`, `pipeDelimited` or `deepObject` scalar as
//! `form`. The generator warns when a parameter's schema allows such a value.

use std::borrow::Cow;
use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::value::RawValue;

pub use openapi_clientgen_descriptors::{Layout, Style};

/// One parameter's name and how it is written: a constructor per style, exploded as the
/// specification's default says (`form` exploded, the others not), changed with
/// [`Param::explode`].
///
/// ```
/// use openapi_clientgen_runtime::codegen::Param;
///
/// let colors = ["blue", "black", "brown"];
/// assert_eq!(Param::form("color").query(&colors).unwrap(), "color=blue&color=black&color=brown");
/// assert_eq!(Param::form("color").explode(false).query(&colors).unwrap(), "color=blue,black,brown");
/// assert_eq!(Param::label("color").path(&colors).unwrap(), ".blue,black,brown");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    name: &'static str,
    layout: Layout,
}

/// Characters percent-encoded in a query or form value: all but RFC 3986's unreserved ones.
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// With `allowReserved`: RFC 3986's reserved characters are kept too, but for those that
/// would end the value or the query (`&`, `=`, `#`) or that a form reads as a space (`+`).
const RESERVED_KEPT: &AsciiSet = &UNRESERVED
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b';');

/// Characters a cookie value cannot hold (RFC 6265's `cookie-octet`), and `%`.
pub(crate) const COOKIE_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// Header values are sent as they are: [`encode`] leaves text for this set unchanged.
const NOTHING: &AsciiSet = &CONTROLS.remove(0).remove(0x7f);

impl Param {
    /// The parameter `name`, written in `style`, exploded or not.
    pub const fn new(name: &'static str, style: Style, explode: bool) -> Self {
        Param {
            name,
            layout: Layout::new(style, Some(explode), false),
        }
    }

    /// The parameter `name`, written in `style` with the style's default `explode`.
    const fn styled(name: &'static str, style: Style) -> Self {
        Param {
            name,
            layout: Layout::new(style, None, false),
        }
    }

    /// `simple`, not exploded: the default of path and header parameters.
    pub const fn simple(name: &'static str) -> Self {
        Param::styled(name, Style::Simple)
    }

    /// `label`, not exploded.
    pub const fn label(name: &'static str) -> Self {
        Param::styled(name, Style::Label)
    }

    /// `matrix`, not exploded.
    pub const fn matrix(name: &'static str) -> Self {
        Param::styled(name, Style::Matrix)
    }

    /// `form`, exploded: the default of query and cookie parameters.
    pub const fn form(name: &'static str) -> Self {
        Param::styled(name, Style::Form)
    }

    /// `spaceDelimited`, not exploded.
    pub const fn space_delimited(name: &'static str) -> Self {
        Param::styled(name, Style::SpaceDelimited)
    }

    /// `pipeDelimited`, not exploded.
    pub const fn pipe_delimited(name: &'static str) -> Self {
        Param::styled(name, Style::PipeDelimited)
    }

    /// `deepObject` (which writes an object the same way exploded or not).
    pub const fn deep_object(name: &'static str) -> Self {
        Param::styled(name, Style::DeepObject)
    }

    /// The value's JSON text, for a parameter described by JSON `content`.
    pub const fn json(name: &'static str) -> Self {
        Param::styled(name, Style::Json)
    }

    /// Explodes the parameter, or not (OpenAPI `explode`).
    pub const fn explode(mut self, explode: bool) -> Self {
        self.layout.explode = explode;
        self
    }

    /// Keeps RFC 3986's reserved characters unencoded in a query or form value (OpenAPI
    /// `allowReserved`), but for `&`, `=`, `#` and `+`, which would change what the query
    /// or form says; in a path value (Azure's `x-ms-skip-url-encoding`), `/` among them.
    pub const fn allow_reserved(mut self) -> Self {
        self.layout.allow_reserved = true;
        self
    }

    /// The parameter's name on the wire.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// `value` as a path segment (or the part of one the parameter's placeholder stands for).
    pub fn path(&self, value: &(impl Serialize + ?Sized)) -> Result<String, String> {
        let node = self.node(value)?;
        Ok(self.path_text(&node))
    }

    /// `value` as the pairs of a query string, joined by `&`; empty when it is undefined.
    pub fn query(&self, value: &(impl Serialize + ?Sized)) -> Result<String, String> {
        let node = self.node(value)?;
        let set = if self.layout.allow_reserved {
            RESERVED_KEPT
        } else {
            UNRESERVED
        };
        Ok(join_pairs(&self.pairs(self.name, &node, set), "&"))
    }

    /// `value` as a header value; `None` when it is undefined.
    pub fn header(&self, value: &(impl Serialize + ?Sized)) -> Result<Option<String>, String> {
        let node = self.node(value)?;
        if node.is_undefined() {
            return Ok(None);
        }
        Ok(Some(match self.layout.style {
            Style::Json => node.json(),
            _ => self.delimited(&node, ",", ",", self.key_separator(), NOTHING),
        }))
    }

    /// `value` as the pairs of a `Cookie` header, joined by `; `; empty when undefined.
    pub fn cookie(&self, value: &(impl Serialize + ?Sized)) -> Result<String, String> {
        let node = self.node(value)?;
        Ok(join_pairs(
            &self.pairs(self.name, &node, COOKIE_VALUE),
            "; ",
        ))
    }

    fn node(&self, value: &(impl Serialize + ?Sized)) -> Result<Node, String> {
        let fail =
            |e: serde_json::Error| format!("parameter `{}` cannot be written: {e}", self.name);
        let text = serde_json::to_string(value).map_err(fail)?;
        let raw: &RawValue = serde_json::from_str(&text).map_err(fail)?;
        Node::from_raw(raw).map_err(fail)
    }

    fn path_text(&self, node: &Node) -> String {
        let set = if self.layout.allow_reserved {
            RESERVED_KEPT
        } else {
            UNRESERVED
        };
        if node.is_undefined() {
            return String::new();
        }
        let name = encode(self.name, set);
        match (self.layout.style, self.layout.explode, node) {
            (Style::Json, ..) => encode(&node.json(), set).into_owned(),
            (Style::Label, false, _) => format!(".{}", self.delimited(node, ",", ",", ",", set)),
            (Style::Label, true, _) => format!(".{}", self.delimited(node, ".", ".", "=", set)),
            (Style::Matrix, _, Node::List(items)) if self.layout.explode => items
                .iter()
                .map(|item| matrix_pair(&name, &item.text(), set))
                .collect(),
            (Style::Matrix, true, Node::Object(fields)) => fields
                .iter()
                .filter(|(_, value)| !value.is_undefined())
                .map(|(key, value)| matrix_pair(&encode(key, set), &value.text(), set))
                .collect(),
            (Style::Matrix, ..) => {
                let text = self.delimited(node, ",", ",", ",", set);
                if text.is_empty() && node.is_scalar() {
                    format!(";{name}")
                } else {
                    format!(";{name}={text}")
                }
            }
            _ => self.delimited(node, ",", ",", self.key_separator(), set),
        }
    }

    /// What stands between an object's key and value in `simple` and `label` styles.
    fn key_separator(&self) -> &'static str {
        if self.layout.explode {
            "="
        } else {
            ","
        }
    }

    /// A value's items joined by `list_separator` or, for an object, its keys and values
    /// joined by `key_separator` and the pairs by `pair_separator`; each part encoded.
    fn delimited(
        &self,
        node: &Node,
        list_separator: &str,
        pair_separator: &str,
        key_separator: &str,
        set: &'static AsciiSet,
    ) -> String {
        match node {
            Node::List(items) => items
                .iter()
                .map(|item| encode(&item.text(), set).into_owned())
                .collect::<Vec<_>>()
                .join(list_separator),
            Node::Object(fields) => fields
                .iter()
                .filter(|(_, value)| !value.is_undefined())
                .map(|(key, value)| {
                    format!(
                        "{}{key_separator}{}",
                        encode(key, set),
                        encode(&value.text(), set)
                    )
                })
                .collect::<Vec<_>>()
                .join(pair_separator),
            scalar => encode(&scalar.text(), set).into_owned(),
        }
    }

    /// The encoded `name=value` pairs of a query, cookie or form value called `name`.
    fn pairs(&self, name: &str, node: &Node, set: &'static AsciiSet) -> Vec<(String, String)> {
        if node.is_undefined() {
            return Vec::new();
        }
        let raw_name = name;
        let name = encode(name, set).into_owned();
        let one = |value: String| vec![(name.clone(), value)];
        match (self.layout.style, self.layout.explode, node) {
            (Style::Json, ..) => one(encode(&node.json(), set).into_owned()),
            (Style::DeepObject, _, Node::Object(_)) => {
                let mut pairs = Vec::new();
                deep_pairs(raw_name, node, set, &mut pairs);
                pairs
            }
            (_, true, Node::List(items)) => items
                .iter()
                .map(|item| (name.clone(), encode(&item.text(), set).into_owned()))
                .collect(),
            (Style::Form, true, Node::Object(fields)) => fields
                .iter()
                .filter(|(_, value)| !value.is_undefined())
                .map(|(key, value)| {
                    (
                        encode(key, set).into_owned(),
                        encode(&value.text(), set).into_owned(),
                    )
                })
                .collect(),
            (Style::SpaceDelimited, false, _) => {
                one(self.delimited(node, "%20", "%20", "%20", set))
            }
            (Style::PipeDelimited, false, _) => one(self.delimited(node, "%7C", "%7C", "%7C", set)),
            _ => one(self.delimited(node, ",", ",", ",", set)),
        }
    }
}

fn matrix_pair(name: &str, value: &str, set: &'static AsciiSet) -> String {
    if value.is_empty() {
        format!(";{name}")
    } else {
        format!(";{name}={}", encode(value, set))
    }
}

/// `name[key]=value` for each property of an object, `name[key][inner]` for nested objects,
/// and a repeated `name[key]` for each item of a list.
fn deep_pairs(name: &str, node: &Node, set: &'static AsciiSet, pairs: &mut Vec<(String, String)>) {
    match node {
        Node::Object(fields) => {
            for (key, value) in fields {
                deep_pairs(&format!("{name}[{key}]"), value, set, pairs);
            }
        }
        Node::List(items) => {
            for item in items.iter().filter(|item| !item.is_undefined()) {
                pairs.push((
                    encode(name, set).into_owned(),
                    encode(&item.text(), set).into_owned(),
                ));
            }
        }
        Node::Null => {}
        scalar => pairs.push((
            encode(name, set).into_owned(),
            encode(&scalar.text(), set).into_owned(),
        )),
    }
}

fn join_pairs(pairs: &[(String, String)], separator: &str) -> String {
    let mut text = String::new();
    for (name, value) in pairs {
        if !text.is_empty() {
            text.push_str(separator);
        }
        text.push_str(name);
        text.push('=');
        text.push_str(value);
    }
    text
}

/// `text` percent-encoded outside `set`; unchanged for [`NOTHING`] (non-ASCII included).
fn encode<'t>(text: &'t str, set: &'static AsciiSet) -> Cow<'t, str> {
    if std::ptr::eq(set, NOTHING) {
        return Cow::Borrowed(text);
    }
    utf8_percent_encode(text, set).into()
}

/// Writes the properties of a form body (`application/x-www-form-urlencoded`): each as a
/// query parameter of its name in the style `encodings` gives it, else `form`, exploded.
pub(crate) fn form_body(
    body: &(impl Serialize + ?Sized),
    encodings: &[Param],
) -> Result<String, String> {
    let node = Param::new("body", Style::Form, true).node(body)?;
    let Node::Object(fields) = node else {
        return Err("a form body must be an object".to_owned());
    };
    let mut pairs = Vec::new();
    for (name, value) in &fields {
        let param = encodings
            .iter()
            .find(|p| p.name == name)
            .copied()
            .unwrap_or(Param::form(""));
        let set = if param.layout.allow_reserved {
            RESERVED_KEPT
        } else {
            UNRESERVED
        };
        pairs.extend(param.pairs(name, value, set));
    }
    Ok(join_pairs(&pairs, "&"))
}

/// A value as serde wrote it, objects keeping the order of their properties.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    /// A number's text, without a fraction when it has none.
    Number(String),
    String(String),
    List(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    fn is_undefined(&self) -> bool {
        match self {
            Node::Null => true,
            Node::List(items) => items.is_empty(),
            Node::Object(fields) => fields.is_empty(),
            _ => false,
        }
    }

    fn is_scalar(&self) -> bool {
        !matches!(self, Node::List(_) | Node::Object(_))
    }

    /// The text of a scalar; a list or object nested in another is its JSON text.
    fn text(&self) -> Cow<'_, str> {
        match self {
            Node::Null => Cow::Borrowed(""),
            Node::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Node::Number(n) | Node::String(n) => Cow::Borrowed(n),
            Node::List(_) | Node::Object(_) => Cow::Owned(self.json()),
        }
    }

    fn json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Number(n) => match serde_json::from_str::<serde_json::Number>(n) {
                Ok(number) => number.serialize(serializer),
                Err(_) => serializer.serialize_str(n),
            },
            Node::String(s) => serializer.serialize_str(s),
            Node::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Object(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (key, value) in fields {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl Node {
    /// The value of a JSON text, numbers kept as written (a decimal's digits included),
    /// but for the `.0` serde_json gives a whole `f64` (`42.0` is `42`).
    fn from_raw(raw: &RawValue) -> serde_json::Result<Node> {
        let text = raw.get();
        Ok(match text.as_bytes().first() {
            Some(b'{') => {
                let fields: RawObject = serde_json::from_str(text)?;
                Node::Object(
                    fields
                        .0
                        .into_iter()
                        .map(|(key, value)| Ok((key, Node::from_raw(&value)?)))
                        .collect::<serde_json::Result<_>>()?,
                )
            }
            Some(b'[') => {
                let items: Vec<Box<RawValue>> = serde_json::from_str(text)?;
                Node::List(
                    items
                        .iter()
                        .map(|item| Node::from_raw(item))
                        .collect::<serde_json::Result<_>>()?,
                )
            }
            Some(b'"') => Node::String(serde_json::from_str(text)?),
            Some(b't') => Node::Bool(true),
            Some(b'f') => Node::Bool(false),
            Some(b'n') | None => Node::Null,
            Some(_) => Node::Number(text.strip_suffix(".0").unwrap_or(text).to_owned()),
        })
    }
}

/// An object's properties in their order, with their values' JSON text.
struct RawObject(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for RawObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;

        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = RawObject;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawObject, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    fields.push(entry);
                }
                Ok(RawObject(fields))
            }
        }

        deserializer.deserialize_map(ObjectVisitor)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::{form_body, Param, Style};

    /// The values of the specification's "Style Examples".
    const STRING: &str = "blue";
    const ARRAY: [&str; 3] = ["blue", "black", "brown"];

    #[derive(Serialize)]
    #[allow(non_snake_case)]
    struct Rgb {
        R: u8,
        G: u8,
        B: u8,
    }

    const OBJECT: Rgb = Rgb {
        R: 100,
        G: 200,
        B: 150,
    };

    /// Each row of the specification's table (OpenAPI 3.0.4 and 3.1.1, "Style Examples"):
    /// style, explode, then the string, array and object cells (`None` for n/a).
    const TABLE: &[(Style, bool, Option<&str>, &str, &str)] = &[
        (
            Style::Matrix,
            false,
            Some(";color=blue"),
            ";color=blue,black,brown",
            ";color=R,100,G,200,B,150",
        ),
        (
            Style::Matrix,
            true,
            Some(";color=blue"),
            ";color=blue;color=black;color=brown",
            ";R=100;G=200;B=150",
        ),
        (
            Style::Label,
            false,
            Some(".blue"),
            ".blue,black,brown",
            ".R,100,G,200,B,150",
        ),
        (
            Style::Label,
            true,
            Some(".blue"),
            ".blue.black.brown",
            ".R=100.G=200.B=150",
        ),
        (
            Style::Simple,
            false,
            Some("blue"),
            "blue,black,brown",
            "R,100,G,200,B,150",
        ),
        (
            Style::Simple,
            true,
            Some("blue"),
            "blue,black,brown",
            "R=100,G=200,B=150",
        ),
        (
            Style::Form,
            false,
            Some("color=blue"),
            "color=blue,black,brown",
            "color=R,100,G,200,B,150",
        ),
        (
            Style::Form,
            true,
            Some("color=blue"),
            "color=blue&color=black&color=brown",
            "R=100&G=200&B=150",
        ),
        (
            Style::SpaceDelimited,
            false,
            None,
            "color=blue%20black%20brown",
            "color=R%20100%20G%20200%20B%20150",
        ),
        (
            Style::PipeDelimited,
            false,
            None,
            "color=blue%7Cblack%7Cbrown",
            "color=R%7C100%7CG%7C200%7CB%7C150",
        ),
        (
            Style::DeepObject,
            true,
            None,
            "",
            "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150",
        ),
    ];

    /// A cell as the parameter's location writes it: path styles in a path, the others
    /// in a query.
    fn cell(param: Param, value: &(impl Serialize + ?Sized)) -> String {
        match param.layout.style {
            Style::Matrix | Style::Label | Style::Simple => param.path(value).unwrap(),
            _ => param.query(value).unwrap(),
        }
    }

    #[test]
    fn every_cell_of_the_style_examples_table() {
        for &(style, explode, string, array, object) in TABLE {
            let param = Param::new("color", style, explode);
            if let Some(string) = string {
                assert_eq!(
                    cell(param, STRING),
                    string,
                    "{style:?} explode={explode} string"
                );
            }
            if style != Style::DeepObject {
                assert_eq!(
                    cell(param, &ARRAY),
                    array,
                    "{style:?} explode={explode} array"
                );
            }
            assert_eq!(
                cell(param, &OBJECT),
                object,
                "{style:?} explode={explode} object"
            );
        }
    }

    #[test]
    fn empty_strings_are_sent_and_undefined_values_are_not() {
        let empty = [
            (Style::Matrix, ";color"),
            (Style::Label, "."),
            (Style::Simple, ""),
            (Style::Form, "color="),
        ];
        for (style, expected) in empty {
            for explode in [false, true] {
                assert_eq!(cell(Param::new("color", style, explode), ""), expected);
            }
        }
        let nothing: [&str; 0] = [];
        for style in [
            Style::Form,
            Style::SpaceDelimited,
            Style::PipeDelimited,
            Style::DeepObject,
        ] {
            let param = Param::new("color", style, true);
            assert_eq!(param.query(&None::<i64>).unwrap(), "");
            assert_eq!(param.query(&nothing).unwrap(), "");
            assert_eq!(param.query(&BTreeMap::<String, i64>::new()).unwrap(), "");
        }
        assert_eq!(
            Param::new("x", Style::Simple, false)
                .header(&nothing)
                .unwrap(),
            None
        );
        assert_eq!(
            Param::new("x", Style::Form, true)
                .cookie(&None::<i64>)
                .unwrap(),
            ""
        );
    }

    #[test]
    fn values_are_percent_encoded_as_each_location_needs() {
        let tricky = ["a b", "c,d", "e&f=g", "h/i", "ü"];
        assert_eq!(
            Param::new("q", Style::Form, false).query(&tricky).unwrap(),
            "q=a%20b,c%2Cd,e%26f%3Dg,h%2Fi,%C3%BC"
        );
        assert_eq!(
            Param::new("q", Style::Form, true)
                .allow_reserved()
                .query(&tricky)
                .unwrap(),
            "q=a%20b&q=c,d&q=e%26f%3Dg&q=h/i&q=%C3%BC"
        );
        assert_eq!(
            Param::new("id", Style::Simple, false)
                .path("a/b c?d#e%f")
                .unwrap(),
            "a%2Fb%20c%3Fd%23e%25f"
        );
        assert_eq!(
            Param::new("id", Style::Simple, false)
                .path("keep-._~")
                .unwrap(),
            "keep-._~"
        );
        // Header values are sent as they are.
        assert_eq!(
            Param::new("x", Style::Simple, false)
                .header(&tricky)
                .unwrap()
                .unwrap(),
            "a b,c,d,e&f=g,h/i,ü"
        );
        // Cookie values are encoded outside RFC 6265's cookie-octet (non-ASCII too);
        // separators are literal.
        assert_eq!(
            Param::new("c", Style::Form, false).cookie(&tricky).unwrap(),
            "c=a%20b,c%2Cd,e&f=g,h/i,%C3%BC"
        );
        assert_eq!(
            Param::new("c", Style::Form, true).cookie(&ARRAY).unwrap(),
            "c=blue; c=black; c=brown"
        );
        // Names are encoded too.
        assert_eq!(
            Param::new("labels[]", Style::Form, true)
                .query(&["a", "b"])
                .unwrap(),
            "labels%5B%5D=a&labels%5B%5D=b"
        );
    }

    #[test]
    fn scalars_are_written_as_their_text() {
        let simple = Param::new("n", Style::Simple, false);
        assert_eq!(simple.path(&42.0f64).unwrap(), "42");
        assert_eq!(simple.path(&0.25f64).unwrap(), "0.25");
        assert_eq!(simple.path(&-7i64).unwrap(), "-7");
        assert_eq!(simple.path(&u64::MAX).unwrap(), "18446744073709551615");
        assert_eq!(simple.path(&true).unwrap(), "true");
        assert_eq!(
            Param::new("n", Style::Form, true)
                .query(&[1.5f64, 2.0])
                .unwrap(),
            "n=1.5&n=2"
        );
    }

    #[test]
    fn content_parameters_are_json_text() {
        let json = Param::new("filter", Style::Json, false);
        assert_eq!(
            json.query(&OBJECT).unwrap(),
            "filter=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D"
        );
        assert_eq!(
            json.header(&OBJECT).unwrap().unwrap(),
            r#"{"R":100,"G":200,"B":150}"#
        );
        assert_eq!(json.path(&"x").unwrap(), "%22x%22");
    }

    #[test]
    fn nested_values_have_the_nearest_layout() {
        #[derive(Serialize)]
        struct Filter {
            color: Rgb,
            tags: Vec<&'static str>,
            name: Option<&'static str>,
        }
        let filter = Filter {
            color: OBJECT,
            tags: vec!["a", "b"],
            name: None,
        };
        assert_eq!(
            Param::new("f", Style::DeepObject, true)
                .query(&filter)
                .unwrap(),
            "f%5Bcolor%5D%5BR%5D=100&f%5Bcolor%5D%5BG%5D=200&f%5Bcolor%5D%5BB%5D=150\
             &f%5Btags%5D=a&f%5Btags%5D=b"
        );
        assert_eq!(
            Param::new("f", Style::Form, true).query(&filter).unwrap(),
            "color=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D&tags=%5B%22a%22%2C%22b%22%5D"
        );
    }

    #[test]
    fn form_bodies_follow_their_encodings() {
        #[derive(Serialize)]
        struct Body {
            name: &'static str,
            tags: [&'static str; 3],
            color: Rgb,
            ids: [u32; 2],
            note: Option<&'static str>,
        }
        let body = Body {
            name: "Ada Lovelace",
            tags: ARRAY,
            color: OBJECT,
            ids: [1, 2],
            note: None,
        };
        // Without an encoding, each property is `form`, exploded.
        assert_eq!(
            form_body(&body, &[]).unwrap(),
            "name=Ada%20Lovelace&tags=blue&tags=black&tags=brown&R=100&G=200&B=150&ids=1&ids=2"
        );
        let encodings = [
            Param::new("tags", Style::PipeDelimited, false),
            Param::new("color", Style::DeepObject, true),
            Param::new("ids", Style::Form, false),
        ];
        assert_eq!(
            form_body(&body, &encodings).unwrap(),
            "name=Ada%20Lovelace&tags=blue%7Cblack%7Cbrown\
             &color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150&ids=1,2"
        );
        assert_eq!(
            form_body(&body, &[Param::new("color", Style::Json, false)]).unwrap(),
            "name=Ada%20Lovelace&tags=blue&tags=black&tags=brown\
             &color=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D&ids=1&ids=2"
        );
        assert!(form_body(&[1, 2], &[]).is_err());
    }
}
