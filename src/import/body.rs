//! A document's text as blocks (paragraphs, numbered points, bullets, headings) and as
//! Markdown. Lines of a paragraph are joined, and so is a paragraph cut by a page break (it
//! ends without punctuation and the next starts in lower case). A short numbered line that
//! does not end a sentence is a heading (`I.` a section, `1.` and `2.1.` below it); a point
//! `1.` is an item of a numbered list, `- ` or `+ ` of a bulleted one.

/// The marker a block starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Marker {
    /// `I.`, `II.`: a section.
    Roman(String),
    /// `1.`, `1-`, `1)`, `2.1.`: the numbers, dot-separated (`2.1`).
    Number(String),
    /// `-`, `+`, `•`.
    Bullet,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A heading of this Markdown level.
    Heading(usize),
    Item,
    Paragraph,
}

/// One block of the text.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub(crate) marker: Option<Marker>,
    pub(crate) kind: Kind,
    /// The text without its marker.
    pub(crate) text: String,
    /// Zero-based line of the block in the Markdown.
    pub(crate) line: usize,
}

/// The marker at the start of `p`, and the text after it.
pub(crate) fn marker(p: &str) -> Option<(Marker, &str)> {
    if let Some(rest) = p.strip_prefix(['-', '+', '•', '–']) {
        return rest
            .starts_with(' ')
            .then(|| (Marker::Bullet, rest.trim_start()));
    }
    let head: String = p
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if !head.is_empty() && head.starts_with(|c: char| c.is_ascii_digit()) {
        let rest = &p[head.len()..];
        let numbers = head.trim_end_matches('.');
        if head.ends_with('.') && rest.starts_with(' ') {
            return Some((Marker::Number(numbers.to_string()), rest.trim_start()));
        }
        if !numbers.contains('.') {
            if let Some(r) = rest.strip_prefix(['-', ')']) {
                return r
                    .starts_with(' ')
                    .then(|| (Marker::Number(numbers.to_string()), r.trim_start()));
            }
        }
        return None;
    }
    let roman: String = p.chars().take_while(|c| "IVXL".contains(*c)).collect();
    if !roman.is_empty() {
        let rest = &p[roman.len()..];
        if let Some(r) = rest.strip_prefix(['.', '-']) {
            if r.starts_with(' ') {
                return Some((Marker::Roman(roman), r.trim_start()));
            }
        }
    }
    None
}

/// The paragraphs of lines: lines joined up to a blank line or a line that starts a list
/// item, and a paragraph cut by a page break joined again.
pub(crate) fn paragraphs(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines {
        if line.is_empty() {
            open = false;
            continue;
        }
        let starts_item = marker(line).is_some();
        let page_break = !open
            && !starts_item
            && line.starts_with(char::is_lowercase)
            && out.last().is_some_and(|p| !p.ends_with(is_final));
        match out.last_mut() {
            Some(last) if (open || page_break) && !starts_item => {
                let joined = super::header::join([last.clone(), line.clone()].into_iter());
                *last = joined;
            }
            _ => out.push(line.clone()),
        }
        open = true;
    }
    out
}

fn is_final(c: char) -> bool {
    matches!(c, '.' | ':' | ';' | '!' | '?' | '…' | '"' | '”' | ')' | ',')
}

/// The blocks of the text and its Markdown.
pub(crate) fn markdown(lines: &[String]) -> (Vec<Block>, String) {
    let mut md = String::new();
    let mut blocks = Vec::new();
    let mut line = 0;
    let mut prev: Option<Kind> = None;
    for p in paragraphs(lines) {
        let (marker, text) = match marker(&p) {
            Some((m, t)) => (Some(m), t.to_string()),
            None => (None, p.clone()),
        };
        let kind = kind_of(marker.as_ref(), &text);
        // Items of one list are written together; anything else is set off by a blank line.
        if !md.is_empty() {
            let same_list = prev == Some(Kind::Item) && kind == Kind::Item;
            md.push('\n');
            line += 1;
            if !same_list {
                md.push('\n');
                line += 1;
            }
        }
        md.push_str(&written(marker.as_ref(), kind, &text));
        blocks.push(Block {
            marker,
            kind,
            text,
            line,
        });
        prev = Some(kind);
    }
    if !md.is_empty() {
        md.push('\n');
    }
    (blocks, md)
}

fn kind_of(marker: Option<&Marker>, text: &str) -> Kind {
    let short = text.split_whitespace().count() <= 30 && !text.ends_with(is_final);
    match marker {
        Some(Marker::Roman(_)) => Kind::Heading(2),
        Some(Marker::Number(n)) if short => Kind::Heading(3 + n.matches('.').count().min(3)),
        Some(Marker::Bullet) => Kind::Item,
        Some(Marker::Number(n)) if !n.contains('.') => Kind::Item,
        _ => Kind::Paragraph,
    }
}

/// A block as Markdown: its marker kept as printed where Markdown allows.
fn written(marker: Option<&Marker>, kind: Kind, text: &str) -> String {
    let text = escape_start(text);
    match (kind, marker) {
        (Kind::Heading(level), Some(Marker::Roman(r))) => {
            format!("{} {r}. {text}", "#".repeat(level))
        }
        (Kind::Heading(level), Some(Marker::Number(n))) => {
            format!("{} {n}. {text}", "#".repeat(level))
        }
        (Kind::Item, Some(Marker::Number(n))) => format!("{n}. {text}"),
        (Kind::Item, _) => format!("- {text}"),
        (_, Some(Marker::Number(n))) => format!("{n}. {text}"),
        _ => text,
    }
}

/// `text` made safe to start a Markdown block: a leading `#`, `>` or `|`, or a `*`, `+` or
/// `-` followed by a space (a list marker), is escaped.
fn escape_start(text: &str) -> String {
    let list_like =
        text.len() > 1 && text.starts_with(['*', '+', '-']) && text[1..].starts_with(' ');
    if list_like || text.starts_with(['#', '>', '|']) {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn markers() {
        assert_eq!(
            marker("1. Văn phòng"),
            Some((Marker::Number("1".into()), "Văn phòng"))
        );
        assert_eq!(
            marker("3.2. Ban Tổ chức"),
            Some((Marker::Number("3.2".into()), "Ban Tổ chức"))
        );
        assert_eq!(
            marker("4- Giao Ban"),
            Some((Marker::Number("4".into()), "Giao Ban"))
        );
        assert_eq!(
            marker("VIII. TỔ CHỨC"),
            Some((Marker::Roman("VIII".into()), "TỔ CHỨC"))
        );
        assert_eq!(marker("- Như trên"), Some((Marker::Bullet, "Như trên")));
        assert_eq!(marker("2022 là năm"), None);
        assert_eq!(marker("39-KL/TW"), None);
        assert_eq!(marker("Việt Nam"), None);
    }

    #[test]
    fn paragraphs_joined_across_lines_and_page_breaks() {
        let p = paragraphs(&lines(
            "Bộ Chính trị yêu cầu Ban Tổ chức Trung\n\nương và Ban Chỉ đạo:\n- Một\n- Hai\n\nBa.",
        ));
        assert_eq!(
            p,
            [
                "Bộ Chính trị yêu cầu Ban Tổ chức Trung ương và Ban Chỉ đạo:",
                "- Một",
                "- Hai",
                "Ba."
            ]
        );
    }

    #[test]
    fn headings_lists_and_lines() {
        let (blocks, md) = markdown(&lines("I. MỤC ĐÍCH\n\n1. Sở Nội vụ\n\n- Theo dõi việc thực hiện.\n- Báo cáo kết quả.\n\n3.1. Các tỉnh uỷ quán triệt Kết luận này.\n\n2. Các cơ quan quán triệt Kết luận."));
        assert_eq!(
            md,
            "## I. MỤC ĐÍCH\n\n### 1. Sở Nội vụ\n\n- Theo dõi việc thực hiện.\n- Báo cáo kết quả.\n\n3.1. Các tỉnh uỷ quán triệt Kết luận này.\n\n2. Các cơ quan quán triệt Kết luận.\n"
        );
        let md_blocks = crate::markdown::blocks(&md);
        assert_eq!(md_blocks.len(), blocks.len());
        for (a, b) in blocks.iter().zip(&md_blocks) {
            assert_eq!(a.line, b.line, "{}", a.text);
        }
        assert_eq!(blocks[1].kind, Kind::Heading(3));
        assert_eq!(blocks[2].kind, Kind::Item);
        assert_eq!(blocks[4].kind, Kind::Paragraph);
    }
}
