//! Escaping for the HTML the site writes: one function for the templates (Tera's escape
//! function is replaced by it) and for the fragments rendered in Rust, so a page never mixes
//! two escapings of the same text.

/// Appends `s` to `out` with the five markup characters escaped, and control characters
/// (which HTML does not allow) as spaces. Runs of plain text are copied whole.
pub fn push_escaped(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\t' | b'\n' | b'\r' => continue,
            0..=0x1f | 0x7f => " ",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(rep);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// `s` escaped as [`push_escaped`] does: Tera's escape function for `.html` templates.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
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
}
