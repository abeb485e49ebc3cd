//! Items written as formatted text directly, line for line as prettyplease lays out the
//! same items: the items of the `types` module, whose layout depends on nothing but the
//! width of their lines. Writing them so spares parsing their tokens into a syntax tree
//! and printing it, most of the time it takes to format them.
//!
//! prettyplease breaks a line only where it is wider than its margin, so a line that fits
//! is laid out as written here. The arguments of a macro call are the exception: it fills
//! them into lines, which [`Text::call`] does the same way. An item with any other line
//! too wide is formatted by prettyplease from its text instead ([`Text::finish`]); the
//! whole-file test holds the text written here to prettyplease's.

use proc_macro2::Literal;

/// The column prettyplease keeps lines within, where it can break them.
const MARGIN: usize = 89;
/// One level of indentation.
const INDENT: usize = 4;

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
        Text {
            out: String::new(),
            indent,
            fits: true,
        }
    }

    /// The text, and whether it is laid out as prettyplease would lay it out.
    pub(super) fn finish(self) -> (String, bool) {
        (self.out, self.fits)
    }

    /// One line of code.
    pub(super) fn line(&mut self, line: &str) {
        self.fits &= self.indent + line.len() <= MARGIN;
        self.push(line);
    }

    /// A line that opens a block: the lines after it are indented one level more.
    pub(super) fn open(&mut self, line: &str) {
        self.line(line);
        self.indent += INDENT;
    }

    /// A line that closes a block opened by [`Text::open`].
    pub(super) fn close(&mut self, line: &str) {
        self.indent -= INDENT;
        self.line(line);
    }

    /// A `///` comment for each of `lines` ([`super::doc_lines`]); prettyplease writes a
    /// doc comment as one line however wide.
    pub(super) fn docs(&mut self, lines: &[String]) {
        for line in lines {
            let line = format!("///{line}");
            self.push(&line);
        }
    }

    /// The call of the macro `path` with `args`, and `tail` after its parenthesis (`;`):
    /// on one line if it fits; else with the arguments on the lines between the call's
    /// own, filled as prettyplease fills them: each piece on the line of the one before it
    /// if it fits there, else on a line of its own.
    pub(super) fn call(&mut self, path: &str, args: &Args, tail: &str) {
        let head = format!("{path}!(");
        let flat = &args.flat;
        if self.indent + head.len() + flat.len() + 1 + tail.len() <= MARGIN {
            self.push(&format!("{head}{flat}){tail}"));
            return;
        }
        self.push(&head);
        self.indent += INDENT;
        let width = MARGIN - self.indent;
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
        self.indent -= INDENT;
        self.push(&format!("){tail}"));
    }

    fn push(&mut self, line: &str) {
        if !line.is_empty() {
            self.out.extend(std::iter::repeat_n(' ', self.indent));
        }
        self.out.push_str(line);
        self.out.push('\n');
    }
}

/// A Rust string literal of `value`, escaped as prettyplease prints it.
pub(super) fn string(value: &str) -> String {
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
