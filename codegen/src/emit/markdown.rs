//! Descriptions made safe for rustdoc: read with the Markdown parser rustdoc uses, and
//! rewritten where rustdoc would compile, resolve or warn about what the document's
//! authors meant as plain text.
//!
//! | in a description                         | becomes                                   |
//! |------------------------------------------|-------------------------------------------|
//! | a fenced or indented code block          | a `text` block: never a doc test          |
//! | `[text]` that is not a link              | `\[text\]`: not an intra-doc link         |
//! | `[text](Name)`, a link to no URL         | its text: not an intra-doc link           |
//! | HTML (`<b>`, `<id>`, `<table>`)          | shown as written (`&lt;b>`)               |
//! | a bare `https://...` URL                 | `<https://...>`, a link                   |
//!
//! Links to URLs, inline code, emphasis, lists and tables are kept as they are.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The extensions rustdoc enables.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// `text` rewritten so that rustdoc renders it as its authors meant, without doc tests or
/// warnings.
pub(crate) fn rustdoc_safe(text: &str) -> Cow<'_, str> {
    if is_plain(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(rewrite(text))
}

/// Whether the parser would leave `text` as it is: it has nothing that makes a link, HTML,
/// a code block or a URL (no brackets outside code spans, `<`, `http`, fence or four
/// spaces in a row) but the generator's own links to items (`` [`name`](path::to) ``,
/// whose label is code and whose target is a path, kept as they are), no line that starts
/// indented or quoted, and no list item followed on the next line by anything but a blank
/// line or another item with the same bullet (a lazy continuation line, which would be
/// indented). So that each link's label is the code span it looks like and each bracket
/// counted in a code span is in one, each line has its single backticks in pairs and none
/// escaped. Most descriptions, and the documentation the generator writes around them,
/// are such texts; they skip the parser.
fn is_plain(text: &str) -> bool {
    // The bullet of the list item the line before starts: `Some(0)` for one that may be
    // ordered, which no line may follow.
    let mut item: Option<u8> = None;
    // The text from the start of the line being read: each line ends at its `\n`, found
    // as its bytes are read.
    let mut bytes = text.as_bytes();
    loop {
        if let Some(b' ' | b'>') = bytes.first() {
            return false;
        }
        let bullet = match bytes {
            [bullet @ (b'-' | b'*' | b'+'), b' ', ..] => Some(*bullet),
            _ => None,
        };
        let blank = matches!(bytes.first(), None | Some(b'\n'));
        if item.is_some_and(|marker| !blank && Some(marker) != bullet) {
            return false;
        }
        item = match bytes.first() {
            Some(b'0'..=b'9') => Some(0),
            _ => bullet,
        };
        // Spaces in a row, and single backticks (odd inside a code span).
        let (mut spaces, mut backticks) = (0, 0);
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            match byte {
                b'\n' => break,
                b'[' if backticks % 2 == 0 => match own_link(&bytes[at..]) {
                    Some(length) => at += length - 1,
                    None => return false,
                },
                // Inside a code span: kept as written.
                b'[' | b']' if backticks % 2 == 1 => {}
                b']' | b'<' | b'\t' | b'\r' => return false,
                b'\\' if matches!(bytes.get(at + 1), Some(b'`' | b'[' | b']')) => return false,
                b' ' if spaces == 3 => return false,
                b' ' => {
                    spaces += 1;
                    at += 1;
                    continue;
                }
                b'h' if bytes[at..].starts_with(b"http") => return false,
                b'`' | b'~' if bytes[at..].starts_with(&[byte; 3]) => return false,
                b'`' if bytes.get(at + 1) == Some(&b'`') => at += 1,
                b'`' => backticks += 1,
                _ => {}
            }
            spaces = 0;
            at += 1;
        }
        if backticks % 2 == 1 {
            return false;
        }
        match bytes.get(at + 1..) {
            Some(next) => bytes = next,
            None => return true,
        }
    }
}

/// The length of the generator's own link at the start of `text`, `` [`name`](path) ``
/// with a path (it has `::`, so rustdoc resolves it and the rewriting keeps it), if there
/// is one.
fn own_link(text: &[u8]) -> Option<usize> {
    let is_path = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b':');
    let rest = text.strip_prefix(b"[`")?;
    let label = rest.iter().take_while(|b| is_path(b)).count();
    let rest = rest[label..].strip_prefix(b"`](")?;
    let target = rest.iter().take_while(|b| is_path(b)).count();
    let path = &rest[..target];
    rest[target..].strip_prefix(b")")?;
    let is_link = label > 0 && path.windows(2).any(|pair| pair == b"::");
    is_link.then_some(2 + label + 3 + target + 1)
}

/// [`rustdoc_safe`] by the Markdown parser's reading of `text`.
fn rewrite(text: &str) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut events = Parser::new_ext(text, options()).into_offset_iter();
    // Inside a link that is kept: its text is not searched for URLs.
    let mut kept_links = 0usize;
    // The targets of the HTML anchors (`<a href>`) made links, innermost last.
    let mut anchors: Vec<String> = Vec::new();
    // The indentation of the content of each list item we are in, innermost last.
    let mut items: Vec<usize> = Vec::new();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Item) => items.push(item_indent(text, range.start)),
            Event::End(TagEnd::Item) => {
                items.pop();
            }
            // A line of a list item's paragraph written without the item's indentation (a
            // lazy continuation) is indented, as rustdoc's lints ask.
            Event::SoftBreak => {
                if let Some(&indent) = items.last() {
                    let line = &text[range.end..];
                    let spaces = line.len() - line.trim_start_matches(' ').len();
                    if spaces < indent {
                        edits.push((range.end..range.end, " ".repeat(indent - spaces)));
                    }
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (event, _) in events.by_ref() {
                    match event {
                        Event::Text(text) => code.push_str(&text),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let (info, range) = match kind {
                    CodeBlockKind::Fenced(info) => (info.trim().to_owned(), range),
                    // The event starts after the four spaces that make the block; the
                    // fence replaces them.
                    CodeBlockKind::Indented => {
                        let spaces = text[..range.start].len()
                            - text[..range.start].trim_end_matches(' ').len();
                        (String::new(), range.start - spaces.min(4)..range.end)
                    }
                };
                edits.push((range.clone(), text_block(text, range, &info, &code)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                if is_url(link_type, &dest_url) {
                    kept_links += 1;
                    continue;
                }
                // A link rustdoc would resolve as a Rust path: its text alone.
                let mut inner: Option<Range<usize>> = None;
                let mut depth = 0usize;
                for (event, event_range) in events.by_ref() {
                    match event {
                        Event::Start(Tag::Link { .. }) => depth += 1,
                        Event::End(TagEnd::Link) if depth == 0 => break,
                        Event::End(TagEnd::Link) => depth -= 1,
                        _ => {}
                    }
                    inner = Some(match inner {
                        Some(inner) => {
                            inner.start.min(event_range.start)..inner.end.max(event_range.end)
                        }
                        None => event_range,
                    });
                }
                let label = inner.map_or("", |inner| &text[inner]);
                edits.push((range, escape_text(label, false)));
            }
            Event::End(TagEnd::Link) => kept_links = kept_links.saturating_sub(1),
            Event::Text(_) => {
                // An escaped character's event starts after its backslash.
                let mut range = range;
                if text[..range.start].ends_with('\\') {
                    range.start -= 1;
                }
                let source = &text[range.clone()];
                let escaped = escape_text(source, kept_links == 0);
                if escaped != source {
                    edits.push((range, escaped));
                }
            }
            Event::InlineHtml(_) if anchor_target(&text[range.clone()]).is_some() => {
                // `<a href="https://...">text</a>`: a Markdown link.
                let target = anchor_target(&text[range.clone()]).unwrap_or_default();
                anchors.push(target);
                kept_links += 1;
                edits.push((range, "[".to_owned()));
            }
            Event::InlineHtml(_)
                if !anchors.is_empty() && text[range.clone()].eq_ignore_ascii_case("</a>") =>
            {
                let target = anchors.pop().unwrap_or_default();
                kept_links = kept_links.saturating_sub(1);
                edits.push((range, format!("]({target})")));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let source = &text[range.clone()];
                match line_break(source) {
                    // In the one spelling rustdoc reads as a tag that needs no closing one.
                    Some(tag) if tag != source => edits.push((range, tag.to_owned())),
                    Some(_) => {}
                    None => {
                        // Shown as written; URLs in it (`href="https://..."`) become links.
                        let shown = escape_text(&source.replace('<', "&lt;"), kept_links == 0);
                        edits.push((range, shown));
                    }
                }
            }
            _ => {}
        }
    }
    apply(text, edits)
}

/// The URL of an HTML anchor's opening tag, `<a href="https://...">`, if it links to one.
fn anchor_target(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if !(lower.starts_with("<a ") && lower.ends_with('>')) {
        return None;
    }
    let at = lower.find("href=")? + "href=".len();
    let rest = &html[at..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let target = &rest[1..1 + rest[1..].find(quote)?];
    let is_url = target.starts_with("https://") || target.starts_with("http://");
    (is_url && !target.contains([' ', '(', ')', '<', '>'])).then(|| target.to_owned())
}

/// `<br>` or `<hr>` when `html` is such a tag, in any case and with or without `/`: a tag
/// that needs no closing tag, and so is kept.
fn line_break(html: &str) -> Option<&'static str> {
    let tag = html.trim().to_ascii_lowercase();
    let name = tag.strip_prefix('<').and_then(|t| t.strip_suffix('>'))?;
    match name.trim_end_matches('/').trim() {
        "br" => Some("<br>"),
        "hr" => Some("<hr>"),
        _ => None,
    }
}

/// Whether a link goes to a URL (kept) rather than to what rustdoc would take for a Rust
/// path.
fn is_url(link_type: LinkType, destination: &str) -> bool {
    matches!(link_type, LinkType::Autolink | LinkType::Email)
        || destination.contains(':')
        || destination.contains('/')
        || destination.starts_with('#')
}

/// A `text` code block holding `code`, in place of the block at `range` of `source`.
///
/// Lines after the first get the first line's prefix (a list item's indentation, a block
/// quote's `>`), so that the block stays where it was. An info string other than a
/// language name is kept as the block's first line, so that no text is lost.
fn text_block(source: &str, range: Range<usize>, info: &str, code: &str) -> String {
    let line_start = source[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let prefix: String = source[line_start..range.start]
        .chars()
        .map(|c| if c == '>' { '>' } else { ' ' })
        .collect();
    let is_language = info
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.'));
    let mut lines: Vec<&str> = Vec::new();
    if !is_language {
        lines.push(info);
    }
    lines.extend(code.lines());
    // A fence longer than any run of backticks in the code.
    let longest = lines
        .iter()
        .flat_map(|line| line.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let mut block = format!("{fence}text\n");
    for line in lines {
        block.push_str(&prefix);
        block.push_str(line);
        block.push('\n');
    }
    block.push_str(&prefix);
    block.push_str(&fence);
    if source[range].ends_with('\n') {
        block.push('\n');
    }
    block
}

/// `text` as one inline code span, whatever backticks or line breaks it holds.
pub(crate) fn inline_code(text: &str) -> String {
    // Most texts (an operation's method and path) need a fence of one backtick, and
    // nothing replaced or added.
    let plain = text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_control() && b != b'`');
    if plain && !(text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty()) {
        let mut code = String::with_capacity(text.len() + 2);
        for piece in ["`", text, "`"] {
            code.push_str(piece);
        }
        return code;
    }
    fenced(text)
}

/// `text` as one inline code span, in a fence longer than any run of backticks it holds,
/// its control characters made spaces.
fn fenced(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest > 0 || text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty() {
        // Spaces keep backticks at either end apart from the fence; one on each side is
        // stripped when rendered.
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// Plain text with its brackets escaped (so that rustdoc resolves no intra-doc link) and,
/// with `link_urls`, its bare URLs made links.
fn escape_text(source: &str, link_urls: bool) -> String {
    let mut out = String::with_capacity(source.len() + 8);
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            // An escaped character stays as it is.
            let escaped = rest[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..1 + escaped]);
            rest = &rest[1 + escaped..];
        } else if c == '[' || c == ']' {
            out.push('\\');
            out.push(c);
            rest = &rest[1..];
        } else if link_urls && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'']);
            if url.contains(['[', ']', '\\']) {
                out.push_str("http");
                rest = &rest[4..];
            } else {
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = &rest[url.len()..];
            }
        } else {
            // Up to the next character that may need escaping or start a URL.
            let end = rest
                .bytes()
                .position(|b| matches!(b, b'\\' | b'[' | b']') || link_urls && b == b'h')
                .unwrap_or(rest.len())
                .max(c.len_utf8());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// The column where the content of the list item starting at `start` begins: after its
/// marker (`*`, `-`, `+`, `1.`, `1)`) and the spaces that follow it.
fn item_indent(text: &str, start: usize) -> usize {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[start..];
    let marker = rest
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(rest.len(), |(i, c)| {
            if matches!(c, '.' | ')' | '*' | '-' | '+') {
                i + 1
            } else {
                i
            }
        });
    let after = &rest[marker..];
    let spaces = (after.len() - after.trim_start_matches(' ').len()).clamp(1, 4);
    start - line_start + marker + spaces
}

/// `text` with each range replaced; ranges do not overlap.
fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::{fenced, inline_code, is_plain, rewrite, rustdoc_safe};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Plain texts skip the parser: the parser leaves each of them as it is. The texts
        /// are drawn from words and the characters that make Markdown.
        #[test]
        fn plain_texts_are_what_the_parser_makes_of_them(
            text in "( {0,5}(- |\\* |\\+ |[0-9][.)] |> )?(([a-zA-Z0-9]{1,4}|https?://[a-z]{1,3}|</?[a-z]{1,2}>?|\\[`[a-z:]{1,4}`\\]\\([a-z:]{1,6}\\)|[-*+#<>=|_&!:.,()'`~/\\[\\]\\\\]{1,3}) ?){0,5}\n{0,2}){0,4}"
        ) {
            if is_plain(&text) {
                prop_assert_eq!(rewrite(&text), text);
            }
        }

        /// The same, for texts of lines that start lists, items, quotes and indentation.
        #[test]
        fn plain_blocks_are_what_the_parser_makes_of_them(
            text in "(( |  )?(- |\\* |\\+ |[0-9][.)] |> |> - )?[a-z`]{1,3}( [a-z]{1,3})?\n{1,2}){1,5}"
        ) {
            if is_plain(&text) {
                prop_assert_eq!(rewrite(&text), text);
            }
        }

        /// Plain lines of words and punctuation are all plain.
        #[test]
        fn lines_of_words_are_plain(text in "[a-zA-Z0-9][a-zA-Z0-9 .,;:?!'()-]{0,40}") {
            prop_assert!(is_plain(&text.replace("    ", " ")));
        }

        /// Any text is fenced as the general fencing fences it.
        #[test]
        fn code_spans_are_fenced_as_any_text_is(text in "[ a`\t\n\u{85}é/{}]{0,8}") {
            prop_assert_eq!(inline_code(&text), fenced(&text));
        }
    }

    #[test]
    fn texts_the_parser_would_change_are_not_plain() {
        for text in [
            "    a",
            "a [b]",
            "see https://example.com",
            "a <b>",
            "```\ncode\n```",
            "- a\nb",
            "1. a\nb",
            "> - a\n> b",
            "-     code",
            "[`a`](a)",
            "\\`a` [`x`](a::b)",
            "\\[`x`](a::b)",
            "`a\n[`x`](a::b)",
        ] {
            assert!(!is_plain(text), "{text:?}");
            assert_ne!(rewrite(text), text, "{text:?}");
        }
        // Not plain, though the parser leaves them: the check is the simpler for it.
        for text in ["- a\n* b", "> a", "a\n  b"] {
            assert!(!is_plain(text), "{text:?}");
        }
        for text in [
            "a `b`",
            "a `[b]`",
            "the response's `$['@odata.nextLink']`",
            "a\\b",
            "a\nb",
            "- a\n- b\n\nc",
            "Shows a contact.\n\n`GET /contacts/{id}`\n\n# Arguments\n\n- `id`: The contact's id.",
            "The success body of [`Client::show`](super::Client::show), `a` and `b`.",
        ] {
            assert!(is_plain(text), "{text:?}");
            assert_eq!(rewrite(text), text);
        }
    }

    #[test]
    fn lazy_continuation_lines_of_list_items_are_indented() {
        let text = "Useful for:\n\n* spam\n* fraud\nMore at <https://example.com>\n\n1. One.\n2. Two.\n(Note.)";
        assert_eq!(
            rustdoc_safe(text),
            "Useful for:\n\n* spam\n* fraud\n  More at <https://example.com>\n\n1. One.\n2. Two.\n   (Note.)"
        );
        // Lines already indented are left alone.
        let text = "* a\n  b";
        assert_eq!(rustdoc_safe(text), text);
    }

    #[test]
    fn inline_code_holds_any_text() {
        assert_eq!(inline_code("open"), "`open`");
        assert_eq!(inline_code("```"), "```` ``` ````");
        assert_eq!(inline_code("a`b"), "`` a`b ``");
        assert_eq!(inline_code("two\nlines\u{0}"), "`two lines `");
        assert_eq!(inline_code(""), "``");
        assert_eq!(inline_code("  "), "`  `");
        assert_eq!(inline_code(" a "), "`  a  `");
        assert_eq!(inline_code("é\u{85}"), "`é `");
        // What rustdoc makes of it: one code span with the text.
        for text in ["```", "a`b", "`x`"] {
            let code: Vec<String> = pulldown_cmark::Parser::new(&inline_code(text))
                .filter_map(|event| match event {
                    pulldown_cmark::Event::Code(code) => Some(code.to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(code, [text]);
        }
    }

    #[test]
    fn code_blocks_become_text_blocks() {
        let cases = [
            // Untagged and tagged fences, closed by a longer fence.
            (
                "a\n\n```\nlet x = 1;\n````\nb",
                "a\n\n```text\nlet x = 1;\n```\nb",
            ),
            ("```rust\nfn main() {}\n```", "```text\nfn main() {}\n```"),
            ("~~~~ json\n{}\n~~~~", "```text\n{}\n```"),
            // A fence of the other kind or with an info string does not close the block.
            ("```\n~~~\n``` x\n```", "````text\n~~~\n``` x\n````"),
            // An info string that is not a language name is kept inside.
            (
                "``` #[cfg(any())] <b>\ncode\n```",
                "```text\n#[cfg(any())] <b>\ncode\n```",
            ),
            // Inline code is not a fence; an unclosed block is closed.
            ("``` `inline` ```", "``` `inline` ```"),
            ("```sh\nrm -rf /", "```text\nrm -rf /\n```"),
            // Indented code, which rustdoc would also compile.
            (
                "Example:\n\n    let x = 1;\n    x + 1\n\nEnd.",
                "Example:\n\n```text\nlet x = 1;\nx + 1\n```\n\nEnd.",
            ),
            // Inside a list item, the block keeps the item's indentation.
            (
                "- item\n\n  ```\n  code\n  ```\n",
                "- item\n\n  ```text\n  code\n  ```\n",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(rustdoc_safe(text), expected, "{text:?}");
        }
    }

    #[test]
    fn brackets_html_and_urls_are_made_plain() {
        let cases = [
            ("matrix[i][j] and [note]", r"matrix\[i\]\[j\] and \[note\]"),
            ("already \\[escaped\\]", "already \\[escaped\\]"),
            ("see [Contact](Contact)", "see Contact"),
            (
                "see [the docs](https://example.com/docs)",
                "see [the docs](https://example.com/docs)",
            ),
            (
                "see [below](#errors) or [api](/api)",
                "see [below](#errors) or [api](/api)",
            ),
            ("id is <id> and <b>bold", "id is &lt;id> and &lt;b>bold"),
            (
                "one<br>two<br/>three<BR />four<HR>",
                "one<br>two<br>three<br>four<hr>",
            ),
            (
                "see <a href=\"https://aws.amazon.com/macie/\">Amazon [Macie]</a>.",
                "see [Amazon \\[Macie\\]](https://aws.amazon.com/macie/).",
            ),
            (
                "<a href=\"/relative\">x</a> <p class=\"note\">see https://x.io</p>",
                "&lt;a href=\"/relative\">x&lt;/a> &lt;p class=\"note\">see <https://x.io>&lt;/p>",
            ),
            (
                "<div>\n<a href=\"https://x.io/a\">x</a>\n</div>",
                "&lt;div>\n&lt;a href=\"<https://x.io/a>\">x&lt;/a>\n&lt;/div>",
            ),
            (
                "<table><tr><td>x</td></tr></table>",
                "&lt;table>&lt;tr>&lt;td>x&lt;/td>&lt;/tr>&lt;/table>",
            ),
            (
                "visit https://example.com/a_b?c=1.",
                "visit <https://example.com/a_b?c=1>.",
            ),
            ("(see http://x.io)", "(see <http://x.io>)"),
            ("<https://kept.example>", "<https://kept.example>"),
            ("`[not] <touched> https://x`", "`[not] <touched> https://x`"),
            (
                "[https://a.example](https://a.example)",
                "[https://a.example](https://a.example)",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(rustdoc_safe(text), expected, "{text:?}");
        }
    }
}
