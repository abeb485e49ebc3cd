//! Items written as formatted text directly, line for line as prettyplease lays out the
//! same items: the types, the client, its builder and its methods, whose layout depends on
//! nothing but the width of their lines. Writing them so spares parsing their tokens into
//! a syntax tree and printing it, most of the time it takes to format them.
//!
//! prettyplease breaks a line only where it is wider than its margin, so a line that fits
//! is laid out as written here. Where it is wider, prettyplease breaks a group of
//! arguments (a type's generic arguments, a call's, an array's, a struct literal's
//! fields) one to a line ([`Text::shape`]), a method call after its receiver
//! ([`Text::method_call`]), and fills the arguments of a macro call into lines
//! ([`Text::call`]); this module does the same. A struct literal wider than 34 columns it
//! breaks wherever it stands.
//! An item with any other line too wide is formatted by prettyplease from its text
//! instead ([`Written::formatted`]). Property tests hold the text written here to
//! prettyplease's.

use std::sync::{Arc, Mutex};

use foldhash::HashMap;
use proc_macro2::Literal;

/// The column prettyplease keeps lines within, where it can break them.
const MARGIN: usize = 89;
/// The room prettyplease leaves a line however deep its indentation.
const MIN_SPACE: usize = 60;
/// One level of indentation.
const INDENT: usize = 4;

/// The width a line indented `indent` columns has for its text before prettyplease breaks
/// it.
fn room(indent: usize) -> usize {
    MARGIN.saturating_sub(indent).max(MIN_SPACE)
}

/// The lines [`Text::item_by_prettyplease`] laid out, by indentation and item, shared by
/// the threads that write one client.
#[derive(Default)]
pub(super) struct Layouts(Mutex<HashMap<(usize, String), Arc<str>>>);

/// Code written by [`Text`], and whether it is laid out as prettyplease lays it out (when
/// not, the renderer has prettyplease format it).
pub(super) struct Written {
    pub text: String,
    pub formatted: bool,
}

/// Formatted lines of code, at an indentation.
pub(super) struct Text {
    out: String,
    indent: usize,
    /// Whether every line is laid out as prettyplease would lay it out: false once a line
    /// it could break is wider than its margin.
    fits: bool,
}

impl Text {
    /// Lines starting at `indent` columns.
    pub(super) fn new(indent: usize) -> Self {
        // Room for a small item: most items are a few hundred bytes or more.
        Self::with_capacity(indent, 256)
    }

    /// [`Text::new`] with room for `capacity` bytes, about the size of the item written
    /// (a type's is a few hundred bytes, a method's with its documentation two thousand).
    pub(super) fn with_capacity(indent: usize, capacity: usize) -> Self {
        Text {
            out: String::with_capacity(capacity),
            indent,
            fits: true,
        }
    }

    /// The text, and whether it is laid out as prettyplease would lay it out.
    pub(super) fn finish(self) -> Written {
        Written {
            text: self.out,
            formatted: self.fits,
        }
    }

    /// One line of code, which prettyplease might break were it too wide.
    pub(super) fn line(&mut self, line: &str) {
        self.fits &= line.len() <= room(self.indent);
        self.push(line);
    }

    /// The line made of `parts`, if it fits within the margin, where prettyplease leaves
    /// it as it is; `false`, and nothing written, if it does not.
    pub(super) fn line_if_it_fits(&mut self, parts: &[&str]) -> bool {
        let fits = parts.iter().map(|part| part.len()).sum::<usize>() <= room(self.indent);
        if fits {
            self.push_parts(parts);
        }
        fits
    }

    /// A line that prettyplease writes as it is however wide, as nothing in it can break:
    /// `pub struct Name {`.
    pub(super) fn fixed(&mut self, line: &str) {
        self.push(line);
    }

    /// [`Text::fixed`] of the line made of `parts`.
    pub(super) fn fixed_parts(&mut self, parts: &[&str]) {
        self.push_parts(parts);
    }

    /// The width the next line has before prettyplease breaks it.
    pub(super) fn room(&self) -> usize {
        room(self.indent)
    }

    /// The width the lines one level deeper have before prettyplease breaks them.
    pub(super) fn room_inside(&self) -> usize {
        room(self.indent + INDENT)
    }

    /// Indents the lines after this one level more.
    pub(super) fn indent(&mut self) {
        self.indent += INDENT;
    }

    /// Indents the lines after this one level less.
    pub(super) fn dedent(&mut self) {
        self.indent -= INDENT;
    }

    /// `pub fn name(receiver, args) -> output {`, with `arrow` before the output type and
    /// `tail` after it: on one line if it fits; else the receiver and the arguments one to
    /// a line, then the output type, whose generic arguments break if it does not fit
    /// either.
    pub(super) fn signature(
        &mut self,
        name: &str,
        receiver: &str,
        args: &[(String, String)],
        arrow: &str,
        output: &str,
        tail: &str,
    ) {
        let width = args
            .iter()
            .map(|(name, ty)| name.len() + ty.len() + 4)
            .sum::<usize>();
        let mut flat = String::with_capacity(
            name.len() + receiver.len() + 8 + width + arrow.len() + output.len() + tail.len(),
        );
        for piece in ["pub fn ", name, "(", receiver] {
            flat.push_str(piece);
        }
        for (name, ty) in args {
            for piece in [", ", name, ": ", ty] {
                flat.push_str(piece);
            }
        }
        for piece in [")", arrow, output, tail] {
            flat.push_str(piece);
        }
        if flat.len() <= self.room() {
            self.open_fixed(&flat);
            return;
        }
        self.open_fixed(&cat!("pub fn ", name, "("));
        self.fixed_parts(&[receiver, ","]);
        let mut prefix = String::new();
        for (index, (name, ty)) in args.iter().enumerate() {
            let last = index + 1 == args.len();
            prefix.clear();
            prefix.push_str(name);
            prefix.push_str(": ");
            self.typed_counted(&prefix, ty, ",", usize::from(!last));
        }
        self.dedent();
        self.typed(&cat!(")", arrow), output, tail);
        self.indent();
    }

    /// A line that opens a block: the lines after it are indented one level more.
    pub(super) fn open(&mut self, line: &str) {
        self.line(line);
        self.indent();
    }

    /// [`Text::open`] for a line that nothing in can break ([`Text::fixed`]).
    pub(super) fn open_fixed(&mut self, line: &str) {
        self.fixed(line);
        self.indent();
    }

    /// A line that closes a block opened by [`Text::open`].
    pub(super) fn close(&mut self, line: &str) {
        self.dedent();
        self.line(line);
    }

    /// `prefix`, the type `ty` (as [`super::Context::ty_text`] writes it), and `suffix`
    /// (`,` after a field, `;` after an alias): on one line if it fits; else with the
    /// type's generic arguments one to a line, each laid out the same way.
    ///
    /// The type is laid out from its text, as [`Text::shape`] lays out a group, without
    /// building a [`Shape`]: the type printer writes `A<B, C>` as a shape writes its group
    /// back on one line. So do [`Text::variant`] and the client's signatures.
    pub(super) fn typed(&mut self, prefix: &str, ty: &str, suffix: &str) {
        self.typed_counted(prefix, ty, suffix, suffix.len());
    }

    /// [`Text::typed`] where `counted` bytes of `suffix` come before the next place the
    /// line may break ([`Text::shape`]).
    pub(super) fn typed_counted(&mut self, prefix: &str, ty: &str, suffix: &str, counted: usize) {
        if prefix.len() + ty.len() + counted <= room(self.indent) {
            return self.push_parts(&[prefix, ty, suffix]);
        }
        // As `shape` lays out the type's shape, read from its text as it goes: a type
        // is written `Path<Arg, Arg>`, so a group's text on one line is the type's.
        match generic(ty) {
            Some((head, inner)) => {
                self.push_parts(&[prefix, head, "<"]);
                self.indent();
                let mut args = TypeArgs(Some(inner)).peekable();
                while let Some(arg) = args.next() {
                    let last = args.peek().is_none();
                    self.typed_counted("", arg, ",", usize::from(!last));
                }
                self.dedent();
                self.push_parts(&[">", suffix]);
            }
            None => {
                self.fits &= !opaque(ty);
                self.push_parts(&[prefix, ty, suffix]);
            }
        }
    }

    /// The enum variant `name` holding a value of the type `ty`, and its comma.
    pub(super) fn variant(&mut self, name: &str, ty: &str) {
        if name.len() + ty.len() + 3 <= room(self.indent) {
            return self.push_parts(&[name, "(", ty, "),"]);
        }
        // The group `name(ty)`, broken.
        self.push_parts(&[name, "("]);
        self.indent();
        self.typed_counted("", ty, ",", 0);
        self.dedent();
        self.push_parts(&[")", ","]);
    }

    /// `prefix`, `shape` and `suffix` on one line if they fit (and the shape holds no
    /// struct literal prettyplease breaks); else with the arguments of the shape's group
    /// one to a line, each laid out the same way. `counted` bytes of
    /// `suffix` come before the next place the line may break (the trailing comma after
    /// the last of a group's arguments is written only when they break).
    pub(super) fn shape(&mut self, prefix: &str, shape: &Shape, suffix: &str, counted: usize) {
        if !shape.wide && prefix.len() + shape.flat.len() + counted <= room(self.indent) {
            return self.push_parts(&[prefix, &shape.flat, suffix]);
        }
        match &shape.group {
            Some(Group {
                head,
                open,
                close,
                args,
            }) if !args.is_empty() => {
                if let ([arg], '(') = (args.as_slice(), open) {
                    if arg.is_struct() {
                        // A call of one struct literal holds it as it is: the struct's
                        // fields break, not the call.
                        let prefix = cat!(prefix, head, "(");
                        return self.shape(&prefix, arg, &cat!(")", suffix), 1 + counted);
                    }
                }
                let space = if *open == '{' { " " } else { "" };
                self.push_parts(&[prefix, head, space, open.encode_utf8(&mut [0; 4])]);
                self.indent();
                for (index, arg) in args.iter().enumerate() {
                    let last = index + 1 == args.len();
                    self.shape("", arg, ",", usize::from(!last));
                }
                self.dedent();
                self.push_parts(&[close.encode_utf8(&mut [0; 4]), suffix]);
            }
            _ => {
                self.fits &= !shape.opaque;
                self.push_parts(&[prefix, &shape.flat, suffix]);
            }
        }
    }

    /// A statement or expression calling a method of `receiver` (longer than an
    /// indentation), `call` the method's name after a dot and its arguments, then
    /// `suffix`: on one line if it fits; else the call goes to the next line, indented,
    /// where its arguments break as a group's.
    pub(super) fn method_call(&mut self, receiver: &str, call: &Shape, suffix: &str) {
        if !call.wide && receiver.len() + call.flat.len() + suffix.len() <= room(self.indent) {
            return self.push_parts(&[receiver, &call.flat, suffix]);
        }
        self.push(receiver);
        self.indent();
        self.shape("", call, suffix, suffix.len());
        self.dedent();
    }

    /// Marks the text as not laid out as prettyplease would lay it out, for code this
    /// module writes on one line without knowing where prettyplease would break it.
    pub(super) fn unknown_layout(&mut self) {
        self.fits = false;
    }

    /// An item whose layout this module does not write (a builder method whose body is a
    /// method chain wider than its line), laid out by prettyplease alone at this
    /// indentation: in as many modules as the indentation has levels, so that prettyplease
    /// breaks it at the same width. The rest of the text keeps its own layout.
    /// Items a document repeats (builder methods of schemes alike) are laid out once, in
    /// `layouts`.
    pub(super) fn item_by_prettyplease(&mut self, item: &str, layouts: &Layouts) {
        let key = (self.indent, item.to_owned());
        let known = layouts
            .0
            .lock()
            .ok()
            .and_then(|known| known.get(&key).cloned());
        let lines = match known {
            Some(lines) => lines,
            None => {
                let depth = self.indent / INDENT;
                let mut file = "mod m {\n".repeat(depth);
                file.push_str(item);
                file.push_str(&"\n}".repeat(depth));
                let Ok(parsed) = syn::parse_file(&file) else {
                    // Emitted code always parses; were it not to, the renderer reports it.
                    self.line(item);
                    return self.unknown_layout();
                };
                let printed = prettyplease::unparse(&parsed);
                let all: Vec<&str> = printed.lines().collect();
                let mut lines = String::new();
                for line in &all[depth.min(all.len())..all.len().saturating_sub(depth)] {
                    lines.push_str(line);
                    lines.push('\n');
                }
                let lines: Arc<str> = lines.into();
                if let Ok(mut known) = layouts.0.lock() {
                    known.insert(key, Arc::clone(&lines));
                }
                lines
            }
        };
        self.out.push_str(&lines);
    }

    /// A `///` comment for each of `lines` ([`super::doc_lines`]); prettyplease writes a
    /// doc comment as one line however wide.
    pub(super) fn docs<S: AsRef<str>>(&mut self, lines: &[S]) {
        for line in lines {
            self.push_parts(&["///", line.as_ref()]);
        }
    }

    /// The doc comment of `text`, if any: the lines [`super::doc_lines`] makes of it,
    /// written as they are made.
    pub(super) fn doc(&mut self, text: Option<&str>) {
        let Some(text) = text else {
            return;
        };
        for line in super::doc_text(text).lines() {
            let [space, line] = super::doc_line(line);
            self.push_parts(&["///", space, line]);
        }
    }

    /// The call of the macro `path` with `args`, and `tail` after its parenthesis (`;`):
    /// on one line if it fits; else with the arguments on the lines between the call's
    /// own, filled as prettyplease fills them: each piece on the line of the one before it
    /// if it fits there, else on a line of its own.
    pub(super) fn call(&mut self, path: &str, args: &Args, tail: &str) {
        let flat = &args.flat;
        if path.len() + 2 + flat.len() + 1 + tail.len() <= room(self.indent) {
            return self.push_parts(&[path, "!(", flat, ")", tail]);
        }
        self.push_parts(&[path, "!("]);
        self.indent();
        let width = room(self.indent);
        if flat.len() <= width {
            self.push(flat);
        } else {
            let mut line = String::new();
            let ends = args.breaks.iter().map(|&(at, _)| at).chain([flat.len()]);
            let mut start = 0;
            for (index, end) in ends.enumerate() {
                let piece = &flat[start..end];
                start = end;
                // The piece starts at the break before it, with its space if it has one.
                let space = index > 0 && args.breaks[index - 1].1;
                if index > 0 && line.len() + piece.len() > width {
                    self.push(&line);
                    line.clear();
                    line.push_str(if space { &piece[1..] } else { piece });
                } else {
                    line.push_str(piece);
                }
            }
            self.push(&line);
        }
        self.dedent();
        self.push_parts(&[")", tail]);
    }

    fn push(&mut self, line: &str) {
        self.push_parts(&[line]);
    }

    /// One line made of `parts`.
    fn push_parts(&mut self, parts: &[&str]) {
        if parts.iter().any(|part| !part.is_empty()) {
            const SPACES: &str = "                                ";
            let mut indent = self.indent;
            while indent > 0 {
                let spaces = indent.min(SPACES.len());
                self.out.push_str(&SPACES[..spaces]);
                indent -= spaces;
            }
        }
        for part in parts {
            self.out.push_str(part);
        }
        self.out.push('\n');
    }
}

/// Code whose line breaks prettyplease decides by width: a group of arguments between
/// delimiters after a head (`Option<T>`, `f(a, b)`, `&[a, b]`, `S { a: x }`), which breaks
/// one argument to a line, or a piece that does not break.
#[derive(Debug, Clone)]
pub(super) struct Shape {
    /// The whole on one line.
    flat: String,
    group: Option<Group>,
    /// A piece that prettyplease could break, in ways this module does not write.
    opaque: bool,
    /// Whether it holds a struct literal wider than prettyplease keeps on one line
    /// ([`STRUCT_WIDTH`]): prettyplease then breaks it, and every group around it, however
    /// much room the line has.
    wide: bool,
}

/// The widest struct literal (`S { a: x }` without its closing brace) prettyplease keeps
/// on one line.
const STRUCT_WIDTH: usize = 34;

#[derive(Debug, Clone)]
struct Group {
    /// The text before the opening delimiter.
    head: String,
    open: char,
    close: char,
    args: Vec<Shape>,
}

impl Shape {
    /// A piece nothing in can break: a name, a path, a literal.
    pub(super) fn word(text: impl Into<String>) -> Self {
        Shape {
            flat: text.into(),
            group: None,
            opaque: false,
            wide: false,
        }
    }

    /// `head`, then `args` between the `delimiters`, separated by commas: a call, an
    /// array or (between braces) a struct literal.
    fn group(head: String, delimiters: (char, char), args: Vec<Shape>) -> Self {
        let (open, close) = delimiters;
        let args_width: usize = args.iter().map(|arg| arg.flat.len() + 2).sum();
        let mut flat = String::with_capacity(head.len() + args_width + 4);
        flat.push_str(&head);
        // A struct literal's braces stand apart from its head and its fields.
        let spaced = open == '{';
        if spaced {
            flat.push(' ');
        }
        flat.push(open);
        if spaced && !args.is_empty() {
            flat.push(' ');
        }
        for (index, arg) in args.iter().enumerate() {
            if index > 0 {
                flat.push_str(", ");
            }
            flat.push_str(&arg.flat);
        }
        if spaced && !args.is_empty() {
            flat.push(' ');
        }
        flat.push(close);
        // A struct literal's width to prettyplease: up to its closing brace, with the space
        // before it. An empty one (none of the generated code holds one) is laid out here
        // only where it is narrow; else by prettyplease.
        let empty = spaced && args.is_empty();
        let wide = args.iter().any(|arg| arg.wide) || (spaced && flat.len() - 1 > STRUCT_WIDTH);
        Shape {
            flat,
            group: Some(Group {
                head,
                open,
                close,
                args,
            }),
            opaque: empty && wide,
            wide,
        }
    }

    /// A call of `head` (a function's path, or a method's name after its dot) with `args`;
    /// with an empty head, a tuple.
    pub(super) fn call(head: impl Into<String>, args: Vec<Shape>) -> Self {
        Shape::group(head.into(), ('(', ')'), args)
    }

    /// A reference to an array of `items`: `&[a, b]`.
    pub(super) fn array(items: Vec<Shape>) -> Self {
        Shape::group("&".to_owned(), ('[', ']'), items)
    }

    /// The struct literal `head { fields }`, its fields made by [`Shape::field`].
    pub(super) fn struct_literal(head: impl Into<String>, fields: Vec<Shape>) -> Self {
        Shape::group(head.into(), ('{', '}'), fields)
    }

    /// An expression of paths, literals, calls (`rt::Param::form("x")`), arrays
    /// (`&[a, b]`) and struct literals (`rt::Paging { items: ... }`), as its text writes
    /// it on one line; else (a method chain) an opaque piece.
    pub(super) fn expr(text: &str) -> Self {
        let mut rest = text;
        match read_expr(&mut rest) {
            // Read whole, and written back as it was.
            Some(shape) if rest.is_empty() && shape.flat == text => shape,
            _ => Shape {
                opaque: text.contains(['(', '[', '{']),
                ..Shape::word(text)
            },
        }
    }

    /// Whether the shape is a struct literal.
    fn is_struct(&self) -> bool {
        self.group.as_ref().is_some_and(|group| group.open == '{')
    }

    /// The shape `name: value`: a struct literal's field.
    pub(super) fn field(name: &str, value: Shape) -> Self {
        Shape {
            flat: cat!(name, ": ", value.flat),
            group: value.group.map(|group| Group {
                head: cat!(name, ": ", group.head),
                ..group
            }),
            ..value
        }
    }

    /// The shape on one line.
    pub(super) fn flat(&self) -> &str {
        &self.flat
    }
}

/// The expression at the start of `text` (as [`Shape::expr`] reads it), and `text` moved
/// past it; `None` where it is not one.
fn read_expr(text: &mut &str) -> Option<Shape> {
    if text.starts_with('"') {
        let end = string_end(text)?;
        let literal = Shape::word(&text[..end]);
        *text = &text[end..];
        return Some(literal);
    }
    if let Some(rest) = text.strip_prefix("&[") {
        *text = rest;
        let items = read_list(text, "]")?;
        return Some(Shape::array(items));
    }
    let end = text
        .find(['(', ')', '[', ']', '{', '}', ',', ' ', '"'])
        .unwrap_or(text.len());
    if end == 0 {
        return None;
    }
    let head = text[..end].to_owned();
    *text = &text[end..];
    if let Some(rest) = text.strip_prefix('(') {
        *text = rest;
        let args = read_list(text, ")")?;
        return Some(Shape::call(head, args));
    }
    if let Some(rest) = text.strip_prefix(" {") {
        *text = rest;
        let mut fields = Vec::new();
        if let Some(rest) = text.strip_prefix('}') {
            *text = rest;
        } else {
            *text = text.strip_prefix(' ')?;
            loop {
                let (name, rest) = text.split_once(": ")?;
                if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    return None;
                }
                *text = rest;
                fields.push(Shape::field(name, read_expr(text)?));
                if let Some(rest) = text.strip_prefix(" }") {
                    *text = rest;
                    break;
                }
                *text = text.strip_prefix(", ")?;
            }
        }
        return Some(Shape::struct_literal(head, fields));
    }
    Some(Shape::word(head))
}

/// The expressions at the start of `text`, separated by `, ` and ended by `close`, and
/// `text` moved past `close`.
fn read_list(text: &mut &str, close: &str) -> Option<Vec<Shape>> {
    let mut items = Vec::new();
    if let Some(rest) = text.strip_prefix(close) {
        *text = rest;
        return Some(items);
    }
    loop {
        items.push(read_expr(text)?);
        if let Some(rest) = text.strip_prefix(close) {
            *text = rest;
            return Some(items);
        }
        *text = text.strip_prefix(", ")?;
    }
}

/// The length of the string literal `text` starts with (`"a\"b"`), if it ends.
fn string_end(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().skip(1);
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return Some(at + 1),
            _ => {}
        }
    }
    None
}

/// The path and the generic arguments of a type written `Path<Args>`.
fn generic(ty: &str) -> Option<(&str, &str)> {
    let open = ty.find('<').filter(|_| ty.ends_with('>'))?;
    Some((&ty[..open], &ty[open + 1..ty.len() - 1]))
}

/// The generic arguments of a type, one by one, from the text between its `<` and `>`:
/// split at the commas outside nested brackets, each trimmed.
struct TypeArgs<'t>(Option<&'t str>);

impl<'t> Iterator for TypeArgs<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let rest = self.0?;
        let mut depth = 0usize;
        for (at, byte) in rest.bytes().enumerate() {
            match byte {
                b'<' => depth += 1,
                b'>' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => {
                    self.0 = Some(&rest[at + 1..]);
                    return Some(rest[..at].trim());
                }
                _ => {}
            }
        }
        self.0 = None;
        Some(rest.trim())
    }
}

/// Whether a piece of a type that is not `Path<Args>` holds brackets other than a unit's
/// `()` (`&[T]`), where prettyplease could break it in ways this module does not write.
fn opaque(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, byte)| match byte {
        b'[' | b'{' | b'<' => true,
        b'(' => bytes.get(at + 1) != Some(&b')'),
        _ => false,
    })
}

/// A Rust string literal of `value`, escaped as prettyplease prints it (as `proc-macro2`
/// writes it): printable ASCII other than quotes and backslashes, most text, is written
/// as it is.
pub(super) fn string(value: &str) -> String {
    if value
        .bytes()
        .all(|b| matches!(b, b' '..=b'~') && b != b'"' && b != b'\\')
    {
        let mut literal = String::with_capacity(value.len() + 2);
        literal.push('"');
        literal.push_str(value);
        literal.push('"');
        return literal;
    }
    Literal::string(value).to_string()
}

/// The arguments of a macro call as prettyplease spaces them: its words, and the places
/// between them where it may break the line, with a space or without one.
#[derive(Default)]
pub(super) struct Args {
    flat: String,
    /// Where each break is in `flat`, and whether a space is there.
    breaks: Vec<(usize, bool)>,
}

impl Args {
    /// `text` after what is there, without a break between them.
    pub(super) fn word(&mut self, text: &str) -> &mut Self {
        self.flat.push_str(text);
        self
    }

    /// A Rust string literal of `value`.
    pub(super) fn string(&mut self, value: &str) -> &mut Self {
        self.word(&string(value))
    }

    /// A space, where the line may break.
    pub(super) fn space(&mut self) -> &mut Self {
        self.breaks.push((self.flat.len(), true));
        self.flat.push(' ');
        self
    }

    /// A place where the line may break, without a space.
    pub(super) fn zero_break(&mut self) -> &mut Self {
        self.breaks.push((self.flat.len(), false));
        self
    }

    /// The words of `text`, with a break at each of its spaces: for text without string
    /// literals.
    pub(super) fn words(&mut self, text: &str) -> &mut Self {
        for (index, word) in text.split(' ').enumerate() {
            if index > 0 {
                self.space();
            }
            self.word(word);
        }
        self
    }

    /// `{ ... }` around the items `each` writes, a space and a break between each two, as
    /// prettyplease writes a brace group of a macro's arguments.
    pub(super) fn braces<T>(
        &mut self,
        items: &[T],
        mut each: impl FnMut(&mut Self, &T),
    ) -> &mut Self {
        self.space().word("{");
        if items.is_empty() {
            return self.word("}");
        }
        self.space();
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                self.word(",").space();
            }
            each(self, item);
        }
        self.space().word("}")
    }
}

#[cfg(test)]
pub(super) mod tests {
    use proptest::collection::vec;
    use proptest::prelude::*;

    use openapi_clientgen_descriptors::Paging;

    use super::{Layouts, Shape, Text};
    use crate::ir::{Descriptor, Input, Next, Path, Source, Step, Unit};

    /// Fails unless prettyplease lays out `code`, a whole file, as it is.
    pub(in crate::emit) fn laid_out(code: &str) -> Result<(), TestCaseError> {
        let file =
            syn::parse_file(code).map_err(|e| TestCaseError::fail(format!("{e}:\n{code}")))?;
        prop_assert_eq!(prettyplease::unparse(&file), code);
        Ok(())
    }

    proptest! {
        /// A piece is opaque when it holds brackets other than a unit's `()`: as when
        /// those are taken out, some are left.
        #[test]
        fn pieces_with_brackets_other_than_units_are_opaque(text in "[a()\\[\\]{}<>&]{0,12}") {
            prop_assume!(!(text.contains('<') && text.ends_with('>')));
            let left = text.replace("()", "").contains(['(', '[', '{', '<']);
            prop_assert_eq!(super::opaque(&text), left);
        }

        /// A string literal is what `proc-macro2` makes of the string.
        #[test]
        fn string_literals_are_written_as_proc_macro2_writes_them(
            text in "[ -~]{0,20}|\\PC{0,12}|[\0\t\n'\"\\\\a0-9]{0,8}"
        ) {
            prop_assert_eq!(super::string(&text), proc_macro2::Literal::string(&text).to_string());
        }

        /// An item laid out by prettyplease alone is laid out as prettyplease lays it out in
        /// the function around it.
        #[test]
        fn items_laid_out_alone_are_laid_out_as_in_their_function(
            fields in vec(("n_[a-z]{0,12}", "\\PC{0,40}"), 0..5),
            depth in 0..4usize,
        ) {
            let fields: Vec<String> = fields
                .iter()
                .map(|(name, value)| format!("{name}: n::f({})", super::string(value)))
                .collect();
            let item = format!("const ITEM: n::Item = n::Item {{ {} }};", fields.join(", "));
            let mut out = Text::new(4 * (depth + 2));
            out.line("let a = 1;");
            // The second time, as the first laid it out; not as at another indentation.
            let layouts = Layouts::default();
            Text::new(4 * (depth + 3)).item_by_prettyplease(&item, &layouts);
            out.item_by_prettyplease(&item, &layouts);
            out.item_by_prettyplease(&item, &layouts);
            out.line("a");
            let written = out.finish();
            prop_assert!(written.formatted);
            laid_out(&in_method(&written.text, depth, " -> u8"))?;
        }
    }

    /// `body`, written two levels deeper than `depth` modules, as the body of a method
    /// returning `output` (` -> u8`, or nothing) in `impl Client` in those modules.
    fn in_method(body: &str, depth: usize, output: &str) -> String {
        let indent = |level: usize| "    ".repeat(level);
        let mut code = String::new();
        for level in 0..depth {
            code.push_str(&format!("{}mod m {{\n", indent(level)));
        }
        code.push_str(&format!("{}impl Client {{\n", indent(depth)));
        code.push_str(&format!("{}fn f(&self){output} {{\n", indent(depth + 1)));
        code.push_str(body);
        for level in (0..depth + 2).rev() {
            code.push_str(&format!("{}}}\n", indent(level)));
        }
        code
    }

    /// A path of one to three names (none of them a keyword).
    const PATH: &str = "n_[a-z_]{0,14}(::n_[a-z_]{0,14}){0,2}";

    /// An empty struct literal wider than prettyplease keeps on one line, which it lays
    /// out in ways this module does not write (none of the generated code holds one), is
    /// left to prettyplease.
    #[test]
    fn wide_empty_struct_literals_are_left_to_prettyplease() {
        for (head, laid_out) in [
            ("n_::S", true),
            ("n_::n_aaaaaaaaaa::n_aaaaaaaaaaaaaaaa", false),
        ] {
            let mut out = Text::new(8);
            out.shape("let a = ", &Shape::expr(&format!("{head} {{}}")), ";", 1);
            assert_eq!(out.finish().formatted, laid_out, "{head}");
        }
    }

    /// Text that is not an expression [`Shape::expr`] reads (a method chain, a field
    /// without its value, unbalanced brackets) stays as it is, an opaque piece.
    #[test]
    fn what_is_not_read_stays_as_written() {
        for text in [
            r#"rt::Param::form("x").explode(false)"#,
            "rt::S { a }",
            "rt::S { a: b, c }",
            "f(a b)",
            "f(a, b",
            r#"f("a)"#,
            "&[a, b]]",
        ] {
            let shape = Shape::expr(text);
            assert_eq!(shape.flat(), text);
            assert!(shape.opaque, "{text}");
        }
    }

    /// Expressions: names, string literals, calls of paths, `&[...]` arrays and struct
    /// literals (with fields: the generated code holds no empty one).
    fn expr() -> impl Strategy<Value = Shape> {
        let leaf = prop_oneof![
            "n_[a-z_]{0,40}".prop_map(Shape::word),
            "\\PC{0,30}".prop_map(|text| Shape::word(super::string(&text))),
        ];
        leaf.prop_recursive(4, 24, 5, |inner| {
            prop_oneof![
                (PATH, vec(inner.clone(), 0..5)).prop_map(|(head, args)| Shape::call(head, args)),
                vec(inner.clone(), 0..5).prop_map(Shape::array),
                (PATH, vec(("n_[a-z_]{0,10}", inner), 1..4)).prop_map(|(head, fields)| {
                    let fields = fields
                        .into_iter()
                        .map(|(name, value)| Shape::field(&name, value))
                        .collect();
                    Shape::struct_literal(head, fields)
                }),
            ]
        })
    }

    /// Paging descriptors of every kind, with keys and names of any text.
    fn paging() -> impl Strategy<Value = Descriptor> {
        let path = || {
            vec(
                prop_oneof![
                    "\\PC{0,24}".prop_map(Step::Key),
                    (-3i64..100).prop_map(Step::Index),
                ],
                0..4,
            )
            .prop_map(Path)
        };
        let input = || {
            prop_oneof![
                "\\PC{0,24}".prop_map(Input::Query),
                "\\PC{0,24}".prop_map(Input::Body),
            ]
        };
        let source = prop_oneof![path().prop_map(Source::Body), Just(Source::LinkHeader)];
        let next = prop_oneof![
            source.clone().prop_map(Next::Link),
            (source, input(), proptest::option::of(input()))
                .prop_map(|(from, to, limit)| Next::Cursor { from, to, limit }),
            (
                input(),
                any::<bool>(),
                -1i64..1000,
                proptest::option::of(input())
            )
                .prop_map(|(to, pages, first, limit)| Next::Number {
                    to,
                    unit: if pages { Unit::Page } else { Unit::Item },
                    first,
                    limit,
                }),
        ];
        let place = || proptest::option::of(path());
        (path(), next, place(), place()).prop_map(|(items, next, total, more)| Paging {
            items,
            next,
            total,
            more,
        })
    }

    proptest! {
        /// An operation's paging constant, as the descriptors crate spells it, is laid out
        /// as prettyplease lays it out, at any depth of modules.
        #[test]
        fn paging_constants_are_written_as_prettyplease_lays_them_out(
            paging in paging(),
            runtime in "rt_[a-z_]{0,10}",
            depth in 0..4usize,
        ) {
            let mut out = Text::new(4 * (depth + 2));
            out.shape(
                &format!("const PAGING: {runtime}::Paging = "),
                &Shape::expr(&paging.to_rust(&runtime)),
                ";",
                1,
            );
            let written = out.finish();
            prop_assert!(written.formatted);
            laid_out(&in_method(&written.text, depth, ""))?;
        }

        /// An expression's text is read back into the shape that wrote it.
        #[test]
        fn expressions_are_read_from_their_text(shape in expr()) {
            let read = Shape::expr(shape.flat());
            prop_assert_eq!(format!("{read:?}"), format!("{shape:?}"));
        }
    }

    proptest! {
        /// A `let` of a call and a statement calling a method (a line written whole where
        /// it fits) are laid out as prettyplease lays them out; prettyplease is the judge.
        #[test]
        fn statements_are_written_as_prettyplease_lays_them_out(
            function in PATH,
            args in vec(expr(), 0..6),
            method in "n_[a-z_]{0,20}",
            method_args in vec(expr(), 0..4),
        ) {
            let mut out = Text::new(8);
            let call = Shape::call(function, args);
            out.shape("let mut request = ", &call, ";", 1);
            let call = Shape::call(format!(".{method}"), method_args);
            out.method_call("request", &call, ";");
            out.method_call("let pages = self", &call, ";");
            // Written whole where it fits (and holds no struct literal prettyplease
            // breaks), else by the call's shape.
            if call.wide || !out.line_if_it_fits(&["request", call.flat(), ";"]) {
                out.method_call("request", &call, ";");
            }
            out.method_call("request", &call, "");
            let written = out.finish();
            prop_assert!(written.formatted);
            let text = written.text;
            laid_out(&format!("impl Client {{\n    fn f(&self) {{\n{text}    }}\n}}\n"))?;
        }
    }
}
