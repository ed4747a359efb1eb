//! The links and lists that pages repeat by the hundred (documents, bodies), written here
//! rather than by template macros as [`Html`] fragments (`crate::escape::Html`: escaped by
//! construction); with the one escape function (`crate::escape`), which the render takes
//! from here.

use super::views::{doc_cited, doc_name, doc_number, paths};
use crate::graph::Graph;
use crate::i18n::short_date;
use crate::layout::Depth;
use crate::model::{DocId, Party};
use std::fmt::Write as _;

pub use crate::escape::escape;
pub(crate) use crate::escape::Html;

/// A link to a document named as a sentence names it ("Công văn số 1002-CV/TU",
/// [`doc_cited`]), its title on hover: in a line that reads as a sentence ("gia hạn đến
/// 31/12/2024 theo Công văn số 12-CV/UBND").
pub(crate) fn doc_cite(out: &mut Html, g: &Graph, d: DocId, depth: Depth) {
    doc_anchor(out, g, d, depth, Anchor::Cited);
}

/// How [`doc_anchor`] names a document: as a label without its title as a tooltip (where
/// the title is written beside the link anyway: a list of documents on a body's page was a
/// third longer for it), or as a sentence names it, with the tooltip.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Bare,
    Cited,
}

fn doc_anchor(out: &mut Html, g: &Graph, d: DocId, depth: Depth, how: Anchor) {
    super::reads::document(d);
    let doc = &g.documents()[d];
    out.raw("<a href=\"");
    push_doc_url(out, g, d, depth);
    if how != Anchor::Bare {
        out.raw("\" title=\"").text(&doc.title);
    }
    out.raw("\">");
    match how {
        Anchor::Cited => out.text(&doc_cited(g, d)),
        _ => out.text(&doc_name(g, d)),
    };
    out.raw("</a>");
}

/// The URL of document `d`'s page from a page `depth` away from the output root, escaped
/// for an attribute.
pub(crate) fn push_doc_url(out: &mut Html, g: &Graph, d: DocId, depth: Depth) {
    out.raw(depth.prefix())
        .text(&paths::document(&g.documents()[d].slug));
}

/// A link to a body's or group's page.
pub(crate) fn party_link(out: &mut Html, g: &Graph, p: Party, depth: Depth) {
    let reg = &g.registry();
    out.raw("<a href=\"")
        .raw(depth.prefix())
        .text(&paths::party(reg.slug(p)))
        .raw("\">")
        .text(reg.name(p))
        .raw("</a>");
}

/// A dated document's `data-issued` (its date, from which static/tasks.js hides its line on
/// an earlier day), and `hidden` when it is dated after the graph's day (not yet issued, it
/// is in no list).
pub(super) fn push_issued(out: &mut Html, g: &Graph, d: DocId) {
    super::reads::document(d);
    if let Some(date) = g.documents()[d].date {
        out.raw(" data-issued=\"").display(date).raw("\"");
        if date > g.today() {
            out.raw(" hidden");
        }
    }
}

/// A document's line in a list: linked, with its date and title; with `cited`, named as a
/// sentence names it (a document page's relations: "Thực hiện văn bản: Kết luận số 39-KL/TW").
pub(crate) fn doc_line(out: &mut Html, g: &Graph, d: DocId, depth: Depth, cited: bool) {
    super::reads::document(d);
    let doc = &g.documents()[d];
    out.raw("<li");
    push_issued(out, g, d);
    out.raw(">");
    if cited {
        out.raw("<a href=\"");
        push_doc_url(out, g, d, depth);
        out.raw("\">").text(&doc_cited(g, d)).raw("</a>");
    } else {
        doc_anchor(out, g, d, depth, Anchor::Bare);
    }
    if let Some(date) = doc.date {
        out.raw(" <span class=\"muted\">(")
            .text(&short_date(g.config().language, date))
            .raw(")</span>");
    }
    out.raw(" — ").text(&doc.title).raw("</li>");
}

/// A document's row in the documents index: date, number and title, kind, issuer and how
/// many tasks it gives, from a page `depth` away from the output root.
pub(crate) fn index_row(out: &mut Html, g: &Graph, d: DocId, depth: Depth) {
    super::reads::document(d);
    let doc = &g.documents()[d];
    out.raw("\n<tr");
    push_issued(out, g, d);
    out.raw("><td>");
    match doc.date {
        Some(date) => out.text(&short_date(g.config().language, date)),
        None => out
            .raw("<span class=\"muted\">")
            .text(crate::i18n::labels(g.config().language).undated)
            .raw("</span>"),
    };
    out.raw("</td>\n<td><a href=\"");
    push_doc_url(out, g, d, depth);
    out.raw("\"><strong>")
        .text(doc_number(g, d))
        .raw("</strong></a><br>")
        .text(&doc.title)
        .raw("</td>\n<td>")
        .text(&doc.kind)
        .raw("</td>\n<td>");
    if let Some(p) = doc.issuer {
        party_link(out, g, p, depth);
    }
    out.raw("</td>\n<td class=\"num\">")
        .num(doc.tasks.len())
        .raw("</td></tr>\n");
}

/// ` style="--c1:'Nhiệm vụ';--c2:'Chủ trì'…"`: the names of a table's columns, once per
/// table, from which the style sheet labels each cell of a row shown as a card on a narrow
/// screen (`td:nth-child(N)::before { content: var(--cN) }`) instead of every row repeating
/// them. Each name is a CSS string (quotes, backslashes and line breaks escaped as CSS
/// escapes), then escaped for the attribute.
pub(crate) fn push_card_labels(out: &mut Html, labels: &[&str]) {
    out.raw(" style=\"");
    for (i, label) in labels.iter().enumerate() {
        if i > 0 {
            out.raw(";");
        }
        out.raw("--c")
            .num(i + 1)
            .raw(":'")
            .text(&css_string_body(label))
            .raw("'");
    }
    out.raw("\"");
}

/// `s` as the inside of a quoted CSS string: `'`, `"`, `\` and control characters (line
/// breaks among them) as hexadecimal escapes.
fn css_string_body(s: &str) -> std::borrow::Cow<'_, str> {
    let plain = |c: char| !matches!(c, '\'' | '"' | '\\') && !c.is_control();
    if s.chars().all(plain) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if plain(c) {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:x} ", u32::from(c));
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::{push_card_labels, Html};

    #[test]
    fn card_labels_are_css_strings_in_one_attribute() {
        let mut out = Html::new();
        push_card_labels(&mut out, &["Chủ trì", "Thời hạn"]);
        assert_eq!(out.as_str(), " style=\"--c1:'Chủ trì';--c2:'Thời hạn'\"");
        let mut out = Html::new();
        push_card_labels(&mut out, &["It's \"x\" \\ <b>&\n"]);
        assert_eq!(
            out.as_str(),
            " style=\"--c1:'It\\27 s \\22 x\\22  \\5c  &lt;b&gt;&amp;\\a '\""
        );
    }
}
