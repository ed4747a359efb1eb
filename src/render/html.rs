//! Escaping for the HTML the site writes: one function for the templates (Tera's escape
//! function is replaced by it) and for everything written in Rust (fragments, the chain's SVG,
//! the marks in a document's text, `serve`'s error overlay), so a page never mixes two
//! escapings of the same text. Also the links and lists that pages repeat by the
//! hundred (documents, bodies), written here rather than by template macros.

use super::views::{doc_name, doc_number, paths};
use crate::graph::Graph;
use crate::i18n::short_date;
use crate::model::{DocId, Party};

/// What [`write_escaped`] writes for each byte: `None` for the byte itself.
const fn replacement(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        b'\t' | b'\n' | b'\r' => None,
        0..=0x1f | 0x7f => Some(" "),
        _ => None,
    }
}

/// [`replacement`] of every byte, looked up once per byte instead of matched: escaping is
/// most of what the task tables cost, and Tera escapes every value a template writes.
static REPLACEMENTS: [Option<&str>; 256] = {
    let mut t = [None; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = replacement(b as u8);
        b += 1;
    }
    t
};

/// Writes `s` to `out` with the five markup characters escaped, and control characters
/// (which HTML does not allow) as spaces. Runs of plain text are copied whole.
pub fn write_escaped(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if let Some(rep) = REPLACEMENTS[usize::from(b)] {
            out.write_str(&s[start..i])?;
            out.write_str(rep)?;
            start = i + 1;
        }
    }
    out.write_str(&s[start..])
}

/// [`write_escaped`] onto a `String`, which cannot fail.
pub fn push_escaped(out: &mut String, s: &str) {
    let _ = write_escaped(out, s);
}

/// `s` escaped as [`push_escaped`] does: Tera's escape function for `.html` templates.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// A link to a document ("Kế hoạch 107-KH/TU", its title on hover), from a page `root` away
/// from the output root.
pub fn doc_link(out: &mut String, g: &Graph, d: DocId, root: &str) {
    doc_anchor(out, g, d, root, true);
}

/// [`doc_link`] with the title given as a tooltip or not (not where the title is written
/// beside the link anyway: a list of documents on a body's page was a third longer for it).
fn doc_anchor(out: &mut String, g: &Graph, d: DocId, root: &str, tooltip: bool) {
    let doc = &g.documents[d];
    out.push_str("<a href=\"");
    push_doc_url(out, g, d, root);
    if tooltip {
        out.push_str("\" title=\"");
        push_escaped(out, &doc.title);
    }
    out.push_str("\">");
    push_escaped(out, &doc_name(g, d));
    out.push_str("</a>");
}

/// The URL of document `d`'s page from a page `root` away from the output root, escaped
/// for an attribute.
pub fn push_doc_url(out: &mut String, g: &Graph, d: DocId, root: &str) {
    push_escaped(out, root);
    push_escaped(out, &paths::document(&g.documents[d].slug));
}

/// A link to a body's or group's page.
pub fn party_link(out: &mut String, g: &Graph, p: Party, root: &str) {
    let reg = &g.registry;
    out.push_str("<a href=\"");
    push_escaped(out, root);
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

/// A document's line in a list: linked, with its date and title.
pub fn doc_line(out: &mut String, g: &Graph, d: DocId, root: &str) {
    let doc = &g.documents[d];
    out.push_str("<li");
    push_issued(out, g, d);
    out.push('>');
    doc_anchor(out, g, d, root, false);
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
/// many tasks it gives, from a page `root` away from the output root.
pub fn index_row(out: &mut String, g: &Graph, d: DocId, root: &str) {
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
    push_doc_url(out, g, d, root);
    out.push_str("\"><strong>");
    push_escaped(out, doc_number(g, d));
    out.push_str("</strong></a><br>");
    push_escaped(out, &doc.title);
    out.push_str("</td>\n<td>");
    push_escaped(out, &doc.kind);
    out.push_str("</td>\n<td>");
    if let Some(p) = doc.issuer {
        party_link(out, g, p, root);
    }
    out.push_str("</td>\n<td class=\"num\">");
    out.push_str(&doc.tasks.len().to_string());
    out.push_str("</td></tr>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_text_kept() {
        assert_eq!(
            escape(r#"<a href="x">Bộ & 'Sở'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Bộ &amp; &#39;Sở&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("39-KL/TW"), "39-KL/TW");
        assert_eq!(escape("a\u{1}b\tc\nd\u{7f}"), "a b\tc\nd ");
        assert_eq!(escape(""), "");
        assert_eq!(escape("Đảng ủy"), "Đảng ủy");
    }

    #[test]
    fn every_byte_is_escaped_as_the_rule_says() {
        for b in 0..=0x7fu8 {
            let c = char::from(b);
            let want = match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                '\t' | '\n' | '\r' => c.to_string(),
                c if c.is_ascii_control() => " ".to_string(),
                c => c.to_string(),
            };
            assert_eq!(escape(&format!("a{c}b")), format!("a{want}b"), "{b:#x}");
        }
        // Bytes of other characters are never touched.
        let s: String = (0x80..0x3000u32).filter_map(char::from_u32).collect();
        assert_eq!(escape(&s), s);
    }
}
