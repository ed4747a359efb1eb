//! Raw HTML from content made safe to parse before the Markdown parse: markup that would read
//! on past its own piece (an unclosed `<script>`, a comment left open) is written as text,
//! and tags the sanitiser would drop are dropped, so no raw HTML can take the rest of a text
//! off the page. Found by the `at` fuzz target.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::CowStr;

use super::cleaner;

/// Elements whose content HTML reads as raw text up to their end tag (or to the end of the
/// document), whatever markup it holds.
const RAW_TEXT: [&str; 10] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Raw HTML from content (one inline piece, or one HTML block whole) with `<` written `&lt;`
/// where the browser's parse (and the sanitiser's) would otherwise read on past its end: a
/// tag of a [`RAW_TEXT`] element (`x <script>` in a paragraph, without its end tag, made the
/// rest of the document its content), and a tag, comment or `<!…>` not finished in the piece
/// (an HTML block that ends with its list item at `<!--`). Such markup read on over the rest of
/// the text, which the sanitiser then dropped with the marks of tasks' `at` found in it. A tag
/// the sanitiser would not keep is dropped ([`kept_tags`]). The rest is left as it is.
pub(super) fn defused(html: CowStr<'_>) -> CowStr<'_> {
    // (where, how many bytes it replaces, by what)
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &html.as_bytes()[i..]) {
        let at = i + off;
        i = at + 1;
        match markup(&html[at..]) {
            Markup::Text => {}
            Markup::Unfinished => edits.push((at, 1, "&lt;")),
            Markup::Tag { len, name } => {
                let name = name.to_ascii_lowercase();
                if RAW_TEXT.contains(&name.as_str()) {
                    edits.push((at, 1, "&lt;"));
                } else {
                    if !kept_tags().contains(name.as_str()) {
                        edits.push((at, len, ""));
                    }
                    i = at + len;
                }
            }
            Markup::Other { len } => i = at + len,
        }
    }
    if edits.is_empty() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 3 * edits.len());
    let mut last = 0;
    for (at, len, by) in edits {
        out.push_str(&html[last..at]);
        out.push_str(by);
        last = at + len;
    }
    out.push_str(&html[last..]);
    out.into()
}

/// The tags the sanitiser keeps. Any other tag in raw HTML is dropped before the parse
/// (its text kept), as the sanitiser would drop it after: left to the parse, one the
/// sanitiser drops with all it holds (a tag named like an SVG or MathML element: `<sec>`,
/// `<g>`, `<text>`) took the rest of the text with it when not closed, and others
/// (`<select>`, `<template>`) change how the parser reads what follows.
fn kept_tags() -> &'static HashSet<&'static str> {
    static TAGS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TAGS.get_or_init(|| cleaner().clone_tags())
}

/// What a `<` in raw HTML starts, as the HTML parser reads it.
#[derive(Debug, PartialEq, Eq)]
enum Markup<'h> {
    /// Not markup: the `<` is text.
    Text,
    /// Markup that does not end before the text does.
    Unfinished,
    /// A start or end tag of `len` bytes.
    Tag { len: usize, name: &'h str },
    /// A comment, `<!…>` or `<?…>`, of `len` bytes.
    Other { len: usize },
}

fn markup(s: &str) -> Markup<'_> {
    let b = s.as_bytes();
    let ends = |from: usize, end: &str| s[from..].find(end).map(|i| from + i + end.len());
    let other = |len: Option<usize>| len.map_or(Markup::Unfinished, |len| Markup::Other { len });
    if let Some(rest) = s.strip_prefix("<!--") {
        // `<!-->` and `<!--->` are whole comments; `--!>` ends one too.
        return match rest.strip_prefix('-').unwrap_or(rest).starts_with('>') {
            true => Markup::Other {
                len: s.len() - rest.len() + usize::from(rest.starts_with('-')) + 1,
            },
            false => other(
                [ends(4, "-->"), ends(4, "--!>")]
                    .into_iter()
                    .flatten()
                    .min(),
            ),
        };
    }
    if s.starts_with("<![CDATA[") && ends(9, "]]>").is_none() {
        return Markup::Unfinished;
    }
    if s.starts_with("<!") || s.starts_with("<?") {
        return other(ends(2, ">"));
    }
    let (from, end_tag) = match b.get(1) {
        Some(b'/') => (2, true),
        _ => (1, false),
    };
    match b.get(from) {
        Some(c) if c.is_ascii_alphabetic() => {}
        Some(b'>') if end_tag => return Markup::Other { len: 3 },
        None if end_tag => return Markup::Unfinished,
        _ if end_tag => return other(ends(2, ">")),
        _ => return Markup::Text,
    }
    let name_len = s[from..]
        .find(['\t', '\n', '\x0C', '\r', ' ', '/', '>'])
        .unwrap_or(s.len() - from);
    match tag_end(&b[from + name_len..]) {
        Some(len) => Markup::Tag {
            len: from + name_len + len,
            name: &s[from..from + name_len],
        },
        None => Markup::Unfinished,
    }
}

/// The length of the rest of a tag after its name, up to and with its `>`, as the HTML
/// tokenizer reads attributes (a `>` in a quoted value does not end the tag); `None` when it
/// has no end.
fn tag_end(b: &[u8]) -> Option<usize> {
    #[derive(Clone, Copy)]
    enum St {
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        Quoted(u8),
        Unquoted,
        AfterQuoted,
        SelfClosing,
    }
    let space = |c: u8| matches!(c, b'\t' | b'\n' | 0x0C | b'\r' | b' ');
    let mut st = St::BeforeName;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        st = match (st, c) {
            (St::Quoted(q), c) if c == q => St::AfterQuoted,
            (St::Quoted(q), _) => St::Quoted(q),
            (_, b'>') => return Some(i + 1),
            (St::Unquoted, c) if space(c) => St::BeforeName,
            (St::Unquoted, _) => St::Unquoted,
            (St::BeforeValue, b'"' | b'\'') => St::Quoted(c),
            (St::BeforeValue, c) if space(c) => St::BeforeValue,
            (St::BeforeValue, _) => St::Unquoted,
            (St::Name | St::AfterName, b'=') => St::BeforeValue,
            (St::Name, c) if space(c) => St::AfterName,
            (St::AfterName, c) if space(c) => St::AfterName,
            (St::BeforeName | St::AfterQuoted | St::SelfClosing, c) if space(c) => St::BeforeName,
            (_, b'/') => St::SelfClosing,
            (St::Name, _) => St::Name,
            // After a quoted value or `/`, anything else starts the next attribute's name.
            (St::AfterQuoted | St::SelfClosing | St::BeforeName | St::AfterName, _) => St::Name,
        };
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_lt_starts_as_the_html_parser_reads_it() {
        for (s, m) in [
            ("<a>", Markup::Tag { len: 3, name: "a" }),
            ("<a b='>'/>", Markup::Tag { len: 10, name: "a" }),
            (
                "<a=\">\">",
                Markup::Tag {
                    len: 5,
                    name: "a=\"",
                },
            ),
            ("</b x=\">\">", Markup::Tag { len: 10, name: "b" }),
            ("<!-->", Markup::Other { len: 5 }),
            ("<!--->", Markup::Other { len: 6 }),
            ("<!-- a --!> b -->", Markup::Other { len: 11 }),
            ("<!-- a", Markup::Unfinished),
            ("<a b=\"", Markup::Unfinished),
            ("< a", Markup::Text),
            ("<3", Markup::Text),
        ] {
            assert_eq!(markup(s), m, "{s}");
        }
    }
}
