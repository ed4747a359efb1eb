//! Escaping, at the bottom of the module graph: one function for the HTML the site writes,
//! for the templates (Tera's escape function is replaced by it) and for everything written in
//! Rust (fragments, the chain's SVG, the marks in a document's text, `serve`'s error overlay),
//! so a page never mixes two escapings of the same text; and JSON for scripts
//! ([`script_json`]: the search index, `static/labels.js`).

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

/// JSON for a script, inline or in a `.js` file: `<`, `>`, `&`, U+2028 and U+2029 are written
/// as `\uXXXX` escapes, so the text can never close the element (`</script>`), open a comment
/// (`<!--`) or end a line of JavaScript, and still parses to the same data.
pub fn script_json(data: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(data).expect("in-memory data serialises to JSON");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
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
