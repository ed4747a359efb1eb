//! The foot of a transcribed text, marked for print: a text that ends with its recipients
//! ("Nơi nhận:" and its list) and its signer gets them wrapped in `div.doc-foot`, the
//! recipients in `div.doc-foot-to` and what follows (the signer's authority and title, the
//! name) in `div.doc-foot-sign`, so that the printed page sets them side by side as the
//! document has them (static/style.css). The HTML is the renderer's own (`markdown::render`):
//! every top-level block starts a line; the wrappers go between blocks only.

use crate::escape::Html;
use crate::text::name_key;

/// Bytes of the text's end looked at: the foot stands there.
const TAIL: usize = 6000;
/// The signer's part is a few short blocks; more is not a foot.
const SIGN_MAX: usize = 800;

/// `html` (a text as `markdown::render` made it, sanitised: trusted, [`Html::trusted`]) as a
/// fragment, its foot wrapped when it ends with one.
pub(crate) fn mark(html: String) -> Html {
    let mut out = Html::with_capacity(html.len() + 100);
    let Some((to, sign)) = find(&html) else {
        out.trusted(&html);
        return out;
    };
    out.trusted(&html[..to])
        .raw("<div class=\"doc-foot\"><div class=\"doc-foot-to\">\n")
        .trusted(&html[to..sign])
        .raw("</div><div class=\"doc-foot-sign\">\n")
        .trusted(&html[sign..])
        .raw("</div></div>\n");
    out
}

/// Where the foot's recipients start and where its signer's part starts: the last top-level
/// block in the tail whose words open with "Nơi nhận", then the list after it.
fn find(html: &str) -> Option<(usize, usize)> {
    let mut from = html.len().saturating_sub(TAIL);
    while !html.is_char_boundary(from) {
        from += 1;
    }
    let to = line_starts(html, from)
        .filter(|&i| says_recipients(block_at(html, i)))
        .last()
        .filter(|&i| top_level(&html[..i]))?;
    let after = to + block_at(html, to).len();
    let sign = if html[after..].trim_start().starts_with("<ul>") {
        let start = after + (html[after..].len() - html[after..].trim_start().len());
        start + html[start..].find("</ul>\n")? + "</ul>\n".len()
    } else {
        after
    };
    let rest = html[sign..].trim();
    (!rest.is_empty() && words(rest).len() <= SIGN_MAX && top_level(&html[..sign]))
        .then_some((to, sign))
}

/// The starts of the lines from `from` on that open an element.
fn line_starts(html: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    html[from..]
        .match_indices("\n<")
        .map(move |(i, _)| from + i + 1)
}

/// The line starting at `i`, with its end of line.
fn block_at(html: &str, i: usize) -> &str {
    let rest = &html[i..];
    rest.find('\n').map_or(rest, |n| &rest[..=n])
}

/// The words of some HTML, its tags left out.
fn words(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Whether a line's words open with "Nơi nhận" (its case and tone marks as written). Most
/// lines do not hold "nhận" at all, and are let go before their words are looked at.
fn says_recipients(line: &str) -> bool {
    (line.contains("hận") || line.contains("HẬN")) && name_key(&words(line)).starts_with("nơi nhận")
}

/// The elements whose blocks nest: a foot starts only outside all of them.
const NESTING: [&[u8]; 4] = [b"ul", b"ol", b"blockquote", b"table"];

/// Whether every list, quotation and table opened in `html` is closed: what follows is a
/// top-level block. One pass over the tags.
fn top_level(html: &str) -> bool {
    let mut open = [0isize; NESTING.len()];
    let bytes = html.as_bytes();
    for (i, _) in html.match_indices('<') {
        let rest = &bytes[i + 1..];
        let (closing, name) = match rest.split_first() {
            Some((b'/', name)) => (true, name),
            _ => (false, rest),
        };
        for (k, tag) in NESTING.iter().enumerate() {
            let after = name.strip_prefix(*tag).and_then(|r| r.first());
            match after {
                Some(b'>') => open[k] += if closing { -1 } else { 1 },
                Some(b' ') if !closing => open[k] += 1,
                _ => {}
            }
        }
    }
    open.iter().all(|&n| n == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> String {
        crate::markdown::render(md, &[])
    }

    #[test]
    fn a_texts_recipients_and_signer_are_wrapped_apart() {
        let html = mark(render(
            "Nội dung.\n\n#### Nơi nhận:\n\n- Như trên,\n- Lưu VPTU.\n\n**K/T CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG**\n\n\n\n**Vũ Thị Lương**\n",
        ))
        .into_string();
        let to = html
            .find("<div class=\"doc-foot\"><div class=\"doc-foot-to\">")
            .unwrap();
        assert!(html[..to].contains("Nội dung."), "{html}");
        let sign = html.find("<div class=\"doc-foot-sign\">").unwrap();
        assert!(html[to..sign].contains("<li>Lưu VPTU.</li>"), "{html}");
        assert!(
            html[sign..].contains("K/T CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG"),
            "the line as written: {html}"
        );
        assert!(html.ends_with("</div></div>\n"), "{html}");
    }

    #[test]
    fn top_level_counts_the_nesting_tags_opened_and_closed() {
        assert!(top_level(
            "<p>a</p><ul>\n<li>x</li>\n</ul>\n<table class=\"t\"><tr></tr></table>"
        ));
        assert!(!top_level("<ul>\n<li>x</li>\n"));
        assert!(!top_level("<blockquote>\n<p>q</p>"));
        assert!(!top_level("<table class=\"t\">"));
        assert!(
            top_level("<ula></ula><tables> <olx>"),
            "other tags do not count"
        );
        assert!(says_recipients("<h4>NƠI NHẬN:</h4>\n"));
        assert!(says_recipients(
            "<p><strong><em>Nơi nhận:</em></strong></p>\n"
        ));
        assert!(!says_recipients("<p>Người nhận bản sao</p>\n"));
    }

    #[test]
    fn a_text_without_a_foot_or_with_nothing_after_it_is_left_as_it_is() {
        for md in [
            "Nội dung.\n\n- Nơi nhận ở trong danh sách\n- khác\n\nKý tên\n",
            "Nội dung không có phần cuối.\n",
            "Nội dung.\n\nNơi nhận:\n\n- Như trên.\n",
            "> Nơi nhận: trong trích dẫn\n\nKý tên\n",
        ] {
            let html = render(md);
            assert_eq!(mark(html.clone()).as_str(), html, "{md}");
        }
    }
}
