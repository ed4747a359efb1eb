//! The links and lists that pages repeat by the hundred (documents, bodies), written here
//! rather than by template macros; with the one escape function (`crate::escape`), which the
//! render takes from here.

use super::views::{doc_cited, doc_name, doc_number, paths};
use crate::graph::Graph;
use crate::i18n::short_date;
use crate::layout::Depth;
use crate::model::{DocId, Party};

pub use crate::escape::{escape, push_escaped, write_escaped};

/// A link to a document ("Kế hoạch 107-KH/TU", its title on hover), from a page `depth` away
/// from the output root.
pub fn doc_link(out: &mut String, g: &Graph, d: DocId, depth: Depth) {
    doc_anchor(out, g, d, depth, Anchor::Titled);
}

/// A link to a document named as a sentence names it ("Công văn số 1002-CV/TU",
/// [`doc_cited`]), its title on hover: in a line that reads as a sentence ("gia hạn đến
/// 31/12/2024 theo Công văn số 12-CV/UBND").
pub fn doc_cite(out: &mut String, g: &Graph, d: DocId, depth: Depth) {
    doc_anchor(out, g, d, depth, Anchor::Cited);
}

/// How [`doc_anchor`] names a document: as a label with its title as a tooltip, as a label
/// without (where the title is written beside the link anyway: a list of documents on a
/// body's page was a third longer for it), or as a sentence names it, with the tooltip.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Titled,
    Bare,
    Cited,
}

fn doc_anchor(out: &mut String, g: &Graph, d: DocId, depth: Depth, how: Anchor) {
    let doc = &g.documents[d];
    out.push_str("<a href=\"");
    push_doc_url(out, g, d, depth);
    if how != Anchor::Bare {
        out.push_str("\" title=\"");
        push_escaped(out, &doc.title);
    }
    out.push_str("\">");
    match how {
        Anchor::Cited => push_escaped(out, &doc_cited(g, d)),
        _ => push_escaped(out, &doc_name(g, d)),
    }
    out.push_str("</a>");
}

/// The URL of document `d`'s page from a page `depth` away from the output root, escaped
/// for an attribute.
pub fn push_doc_url(out: &mut String, g: &Graph, d: DocId, depth: Depth) {
    out.push_str(depth.prefix());
    push_escaped(out, &paths::document(&g.documents[d].slug));
}

/// A link to a body's or group's page.
pub fn party_link(out: &mut String, g: &Graph, p: Party, depth: Depth) {
    let reg = &g.registry;
    out.push_str("<a href=\"");
    out.push_str(depth.prefix());
    push_escaped(out, &paths::party(reg.slug(p)));
    out.push_str(match p {
        Party::Group(_) => "\" class=\"group\">",
        Party::Body(_) => "\" class=\"body\">",
    });
    push_escaped(out, reg.name(p));
    out.push_str("</a>");
}

/// A dated document's `data-issued` (its date, from which static/tasks.js hides its line on
/// an earlier day), and `hidden` when it is dated after the graph's day (not yet issued, it
/// is in no list).
pub(super) fn push_issued(out: &mut String, g: &Graph, d: DocId) {
    if let Some(date) = g.documents[d].date {
        out.push_str(" data-issued=\"");
        out.push_str(&date.to_string());
        out.push('"');
        if date > g.today {
            out.push_str(" hidden");
        }
    }
}

/// A document's line in a list: linked, with its date and title; with `cited`, named as a
/// sentence names it (a document page's relations: "Thực hiện văn bản: Kết luận số 39-KL/TW").
pub fn doc_line(out: &mut String, g: &Graph, d: DocId, depth: Depth, cited: bool) {
    let doc = &g.documents[d];
    out.push_str("<li");
    push_issued(out, g, d);
    out.push('>');
    if cited {
        out.push_str("<a href=\"");
        push_doc_url(out, g, d, depth);
        out.push_str("\">");
        push_escaped(out, &doc_cited(g, d));
        out.push_str("</a>");
    } else {
        doc_anchor(out, g, d, depth, Anchor::Bare);
    }
    if let Some(date) = doc.date {
        out.push_str(" <span class=\"muted\">(");
        push_escaped(out, &short_date(g.config.language, date));
        out.push_str(")</span>");
    }
    out.push_str(" — ");
    push_escaped(out, &doc.title);
    out.push_str("</li>");
}

/// A document's row in the documents index: date, number and title, kind, issuer and how
/// many tasks it gives, from a page `depth` away from the output root.
pub fn index_row(out: &mut String, g: &Graph, d: DocId, depth: Depth) {
    let doc = &g.documents[d];
    out.push_str("\n<tr");
    push_issued(out, g, d);
    out.push_str("><td>");
    match doc.date {
        Some(date) => push_escaped(out, &short_date(g.config.language, date)),
        None => {
            out.push_str("<span class=\"muted\">");
            push_escaped(out, crate::i18n::labels(g.config.language).undated);
            out.push_str("</span>");
        }
    }
    out.push_str("</td>\n<td><a href=\"");
    push_doc_url(out, g, d, depth);
    out.push_str("\"><strong>");
    push_escaped(out, doc_number(g, d));
    out.push_str("</strong></a><br>");
    push_escaped(out, &doc.title);
    out.push_str("</td>\n<td>");
    push_escaped(out, &doc.kind);
    out.push_str("</td>\n<td>");
    if let Some(p) = doc.issuer {
        party_link(out, g, p, depth);
    }
    out.push_str("</td>\n<td class=\"num\">");
    out.push_str(&doc.tasks.len().to_string());
    out.push_str("</td></tr>\n");
}

/// ` style="--c1:'Nhiệm vụ';--c2:'Chủ trì'…"`: the names of a table's columns, once per
/// table, from which the style sheet labels each cell of a row shown as a card on a narrow
/// screen (`td:nth-child(N)::before { content: var(--cN) }`) instead of every row repeating
/// them. Each name is a CSS string (quotes, backslashes and line breaks escaped as CSS
/// escapes), then escaped for the attribute.
pub fn push_card_labels(out: &mut String, labels: &[&str]) {
    out.push_str(" style=\"");
    for (i, label) in labels.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str("--c");
        out.push_str(&(i + 1).to_string());
        out.push_str(":'");
        push_escaped(out, &css_string_body(label));
        out.push('\'');
    }
    out.push('"');
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
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::push_card_labels;

    #[test]
    fn card_labels_are_css_strings_in_one_attribute() {
        let mut out = String::new();
        push_card_labels(&mut out, &["Chủ trì", "Thời hạn"]);
        assert_eq!(out, " style=\"--c1:'Chủ trì';--c2:'Thời hạn'\"");
        let mut out = String::new();
        push_card_labels(&mut out, &["It's \"x\" \\ <b>&\n"]);
        assert_eq!(
            out,
            " style=\"--c1:'It\\27 s \\22 x\\22  \\5c  &lt;b&gt;&amp;\\a '\""
        );
    }
}
