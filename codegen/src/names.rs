//! Rust identifiers from arbitrary names found in a document.
//!
//! Every function here is total: any input, including empty, symbolic or non-ASCII
//! text, yields a valid identifier. Characters other than ASCII letters and digits
//! separate words; a leading digit gets an `N`/`n` prefix; keywords are escaped.

use std::hash::BuildHasher;
use std::ops::Range;

use foldhash::fast::FixedState;
use hashbrown::hash_table::{Entry, HashTable};

/// Whether `name` is a keyword usable as a raw identifier (`r#type`) in every edition.
fn is_raw_keyword(name: &str) -> bool {
    matches!(
        name,
        "abstract"
            | "as"
            | "async"
            | "await"
            | "become"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "final"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "override"
            | "priv"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "typeof"
            | "unsafe"
            | "unsized"
            | "use"
            | "virtual"
            | "where"
            | "while"
            | "yield"
    )
}

/// Whether `name` is a keyword that cannot be a raw identifier.
fn is_non_raw_keyword(name: &str) -> bool {
    matches!(name, "crate" | "self" | "super" | "Self" | "_")
}

/// Type names that would shadow prelude items the generated code uses.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "Vec", "String", "Box",
];

/// Each word of `raw`, as heck splits the text with every character other than an ASCII
/// letter or digit made a space (so that `@type`, `content-type` and `2fa` are handled
/// alike): at those characters, after a lowercase letter followed by an uppercase one
/// (`contact|Details`), and before the last of several uppercase letters followed by a
/// lowercase one (`HTTP|Server`). Digits take the case of the letter before them.
fn each_word(raw: &str, mut word: impl FnMut(&str)) {
    let bytes = raw.as_bytes();
    let class = |at: usize| {
        bytes
            .get(at)
            .map_or(Class::Other, |b| CLASSES[usize::from(*b)])
    };
    // Where the word being read starts, and the case of its last letter so far (a digit
    // takes the case of the letter before it). Every byte of a character that is not
    // ASCII is `Other`, so words start and end on characters.
    let (mut start, mut upper) = (None, None);
    for at in 0..bytes.len() {
        let c = class(at);
        if c == Class::Other {
            if let Some(first) = start.take() {
                word(&raw[first..at]);
            }
            upper = None;
            continue;
        }
        let first = *start.get_or_insert(at);
        let next = class(at + 1);
        let case = match c {
            Class::Lower => Some(false),
            Class::Upper => Some(true),
            Class::Digit | Class::Other => upper,
        };
        if case == Some(false) && next == Class::Upper {
            word(&raw[first..at + 1]);
            (start, upper) = (None, None);
        } else if upper == Some(true) && c == Class::Upper && next == Class::Lower {
            word(&raw[first..at]);
            (start, upper) = (Some(at), None);
        } else {
            upper = case;
        }
    }
    if let Some(first) = start {
        word(&raw[first..]);
    }
}

/// What [`each_word`] tells bytes apart by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Lower,
    Upper,
    Digit,
    /// Not an ASCII letter or digit (every byte of a character that is not ASCII).
    Other,
}

/// The class of each byte, looked up once per byte.
const CLASSES: [Class; 256] = {
    let mut classes = [Class::Other; 256];
    let mut byte = 0;
    while byte < classes.len() {
        classes[byte] = match byte as u8 {
            b'a'..=b'z' => Class::Lower,
            b'A'..=b'Z' => Class::Upper,
            b'0'..=b'9' => Class::Digit,
            _ => Class::Other,
        };
        byte += 1;
    }
    classes
};

/// The longest type name: rustdoc writes a file named after each type, and file names
/// have a limit (255 bytes on most file systems).
const MAX_TYPE_NAME: usize = 100;

/// An `UpperCamelCase` name for a type or an enum variant, without escaping; at most
/// [`MAX_TYPE_NAME`] characters.
pub(crate) fn camel(raw: &str) -> String {
    let mut name = capitalized_words(raw);
    name.truncate(MAX_TYPE_NAME);
    if name.is_empty() {
        "Unnamed".to_owned()
    } else if name == "Self" {
        // The one keyword in upper camel case.
        "SelfValue".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{name}")
    } else {
        name
    }
}

/// A `kebab-case` name of ASCII words (for a cargo feature), without escaping; empty when
/// `raw` has no ASCII letter or digit.
pub(crate) fn kebab(raw: &str) -> String {
    lower_words(raw, '-')
}

/// The words of `raw` capitalized, joined.
fn capitalized_words(raw: &str) -> String {
    let mut name = String::with_capacity(raw.len());
    // Words are of ASCII letters and digits: each byte is a character.
    each_word(raw, |word| {
        let start = name.len();
        name.push_str(word);
        name[start..].make_ascii_lowercase();
        name[start..start + 1].make_ascii_uppercase();
    });
    name
}

/// The words of `raw` in lowercase, joined by `separator`.
fn lower_words(raw: &str, separator: char) -> String {
    let mut name = String::with_capacity(raw.len() + 4);
    each_word(raw, |word| {
        if !name.is_empty() {
            name.push(separator);
        }
        let start = name.len();
        name.push_str(word);
        name[start..].make_ascii_lowercase();
    });
    name
}

/// A `snake_case` name for a field, method or parameter, escaped if it is a keyword.
pub(crate) fn snake(raw: &str) -> String {
    let name = if is_snake_case(raw) {
        raw.to_owned()
    } else {
        lower_words(raw, '_')
    };
    let name = if name.is_empty() {
        "value".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{name}")
    } else {
        name
    };
    escape(name)
}

/// Whether `raw` is already its own words in lowercase joined by `_` (`created_at`),
/// starting with a letter.
fn is_snake_case(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    // Starting as after a `_`, so that a leading one is not.
    let mut previous = b'_';
    for &byte in bytes {
        match byte {
            b'a'..=b'z' | b'0'..=b'9' => {}
            b'_' if previous != b'_' => {}
            _ => return false,
        }
        previous = byte;
    }
    bytes.first().is_some_and(u8::is_ascii_lowercase) && previous != b'_'
}

/// Escapes a keyword: `r#type` where a raw identifier is allowed, `self_` where it is not.
fn escape(name: String) -> String {
    if is_raw_keyword(&name) {
        format!("r#{name}")
    } else if is_non_raw_keyword(&name) {
        format!("{name}_")
    } else {
        name
    }
}

/// Whether `raw` has any ASCII letter or digit to make a name from.
pub(crate) fn has_words(raw: &str) -> bool {
    raw.chars().any(|c| c.is_ascii_alphanumeric())
}

/// The name as it is written on the wire, for identifiers produced by [`snake`].
pub(crate) fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out unique names within one scope (a module, a struct, an enum, a method).
#[derive(Debug, Default, Clone)]
pub(crate) struct Scope {
    /// The names taken before any is claimed (a few: they are looked through).
    reserved: &'static [&'static str],
    /// The names taken, one after another: a scope copies each name it is handed once,
    /// into this one buffer.
    text: String,
    /// Where each taken name stands in `text`, by the name's hash.
    taken: HashTable<Range<usize>>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &'static [&'static str]) -> Self {
        Scope {
            reserved,
            ..Scope::default()
        }
    }

    /// Takes `name` if it is free.
    fn take(&mut self, name: &str) -> bool {
        if self.reserved.contains(&name) {
            return false;
        }
        let text = &self.text;
        let hash = hash_name(name);
        let entry = self.taken.entry(
            hash,
            |range| &text[range.clone()] == name,
            |range| hash_name(&text[range.clone()]),
        );
        match entry {
            Entry::Occupied(_) => false,
            Entry::Vacant(vacant) => {
                let start = self.text.len();
                if self.text.capacity() == 0 {
                    // Room at once for the few names of most scopes (an operation's
                    // parameters, a struct's fields).
                    self.text.reserve(SCOPE_TEXT);
                }
                self.text.push_str(name);
                vacant.insert(start..self.text.len());
                true
            }
        }
    }

    /// A scope for type names: prelude names the generated code uses are taken.
    pub fn for_types() -> Self {
        Self::with_reserved(RESERVED_TYPE_NAMES)
    }

    /// Claims `name`, or the first free `name2`, `name3`... (`name_2`... for snake case).
    pub fn claim(&mut self, name: impl Into<String>) -> String {
        self.claim_owned(name.into())
    }

    /// [`Scope::claim`], `name` given.
    fn claim_owned(&mut self, name: String) -> String {
        if self.take(&name) {
            return name;
        }
        let name = name.as_str();
        let snake_case = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            || name.starts_with("r#");
        // `self_` and `r#type` take their suffix on the word itself: `self_2`, `type_2`.
        let word = unraw(name).trim_end_matches('_');
        let base = if word.is_empty() { name } else { word };
        (2..)
            .map(|n| {
                if snake_case {
                    format!("{base}_{n}")
                } else {
                    format!("{base}{n}")
                }
            })
            .find(|candidate| self.take(candidate))
            .expect("an unbounded range always yields a free name")
    }

    /// Claims a name for each of `raw` names, converted by `convert`. Names the conversion
    /// leaves as they are claim first (`id` keeps `id` next to `@id`), then names it only
    /// changes the case of (`name` gets `Name` before `-name`).
    ///
    /// Collisions are resolved in the order of the raw names, not of the slice, so the
    /// result does not depend on the order the names come in.
    pub fn claim_all(&mut self, raw: &[&str], convert: fn(&str) -> String) -> Vec<String> {
        self.taken
            .reserve(raw.len(), |range| hash_name(&self.text[range.clone()]));
        self.text
            .reserve(raw.iter().map(|name| name.len() + 2).sum());
        let mut names: Vec<String> = raw.iter().map(|r| convert(r)).collect();
        let mut order: Vec<usize> = (0..raw.len()).collect();
        order.sort_by_cached_key(|&i| {
            let unchanged = unraw(&names[i]) == raw[i];
            let lossless = raw[i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_');
            (!unchanged, !lossless, raw[i], i)
        });
        for i in order {
            names[i] = self.claim_owned(std::mem::take(&mut names[i]));
        }
        names
    }

    /// Claims a type name, appending `Type` to names that would shadow the prelude.
    pub fn claim_type(&mut self, camel_name: String) -> String {
        if RESERVED_TYPE_NAMES.contains(&camel_name.as_str()) {
            self.claim_owned(format!("{camel_name}Type"))
        } else {
            self.claim_owned(camel_name)
        }
    }
}

/// The bytes of names a [`Scope`] makes room for when it takes its first name.
const SCOPE_TEXT: usize = 128;

/// The hash a [`Scope`] finds a name by.
fn hash_name(name: &str) -> u64 {
    FixedState::default().hash_one(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};
    use proptest::prelude::*;

    /// The text heck's conversions read: every character but an ASCII letter or digit a
    /// space.
    fn ascii_words(raw: &str) -> String {
        raw.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect()
    }

    proptest! {
        /// The case conversions split words as heck does; heck is the judge.
        #[test]
        fn words_are_split_as_heck_splits_them(raw in "[a-zA-Z0-9 _@é-]{0,24}|\\PC{0,12}") {
            let text = ascii_words(&raw);
            prop_assert_eq!(lower_words(&raw, '_'), text.to_snake_case());
            prop_assert_eq!(kebab(&raw), text.to_kebab_case());
            prop_assert_eq!(capitalized_words(&raw), text.to_upper_camel_case());
        }
    }

    proptest! {
        /// A name is in snake case when its words make it, and it starts with a letter.
        #[test]
        fn snake_case_names_are_their_own_words(raw in "[a-z0-9_]{0,12}|[a-zA-Z_-]{0,6}") {
            let own_words = lower_words(&raw, '_') == raw;
            prop_assert_eq!(
                is_snake_case(&raw),
                own_words && raw.starts_with(|c: char| c.is_ascii_lowercase())
            );
        }
    }

    #[test]
    fn camel_case_names() {
        assert_eq!(camel("contact_show_response"), "ContactShowResponse");
        assert_eq!(
            camel("list-all-account-agent-bots"),
            "ListAllAccountAgentBots"
        );
        assert_eq!(camel("contactDetails"), "ContactDetails");
        assert_eq!(camel("0-1h"), "N01h");
        assert_eq!(camel("24h+"), "N24h");
        assert_eq!(camel("@type"), "Type");
        assert_eq!(camel("$"), "Unnamed");
        assert_eq!(camel(""), "Unnamed");
        assert_eq!(camel("café"), "Caf");
        assert_eq!(camel("Channel::WebWidget"), "ChannelWebWidget");
        assert_eq!(camel("self"), "SelfValue");
        assert_eq!(camel(&"x".repeat(300)).len(), MAX_TYPE_NAME);
    }

    #[test]
    fn snake_case_names_escape_keywords() {
        assert_eq!(snake("contactDetails"), "contact_details");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(snake("async"), "r#async");
        assert_eq!(snake("try"), "r#try");
        assert_eq!(snake("gen"), "r#gen");
        assert_eq!(snake("union"), "union");
        assert_eq!(snake("2fa"), "n2fa");
        assert_eq!(snake("content-type"), "content_type");
        assert_eq!(snake("+1"), "n1");
        assert_eq!(snake("@@"), "value");
        assert_eq!(unraw("r#type"), "type");
    }

    #[test]
    fn scope_resolves_collisions_in_claim_order() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim(snake("fooBar")), "foo_bar");
        assert_eq!(scope.claim(snake("foo_bar")), "foo_bar_2");
        assert_eq!(scope.claim(snake("type")), "r#type");
        assert_eq!(scope.claim(snake("@type")), "type_2");
        assert_eq!(scope.claim(snake("self")), "self_");
        assert_eq!(scope.claim(snake("Self")), "self_2");
        let mut fields = Scope::default();
        assert_eq!(
            fields.claim_all(&["@id", "id", "ID"], snake),
            ["id_3", "id", "id_2"]
        );
        let mut variants = Scope::default();
        assert_eq!(
            variants.claim_all(&["-name", "Name", "name"], camel),
            ["Name3", "Name", "Name2"]
        );
        let mut variants = Scope::default();
        assert_eq!(
            variants.claim_all(&["-name", "name"], camel),
            ["Name2", "Name"]
        );
        let mut types = Scope::for_types();
        assert_eq!(types.claim_type(camel("Contact")), "Contact");
        assert_eq!(types.claim_type(camel("contact")), "Contact2");
        assert_eq!(types.claim_type(camel("result")), "ResultType");
        assert_eq!(types.claim_type(camel("self")), "SelfValue");
    }
}
