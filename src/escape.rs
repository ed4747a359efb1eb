//! Escaping, at the bottom of the module graph: one function for the HTML the site writes,
//! for the templates (Tera's escape function is replaced by it) and for everything written in
//! Rust (fragments, the chain's SVG, the marks in a document's text, `serve`'s error overlay),
//! so a page never mixes two escapings of the same text; [`Html`], the fragments written in
//! Rust, which escape by construction; and JSON for scripts ([`script_json`]: the search
//! index, `static/labels.js`).

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
fn write_escaped(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
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
fn push_escaped(out: &mut String, s: &str) {
    let _ = write_escaped(out, s);
}

/// `s` escaped as [`push_escaped`] does: Tera's escape function for `.html` templates.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// A fragment of HTML (or SVG) that is safe by construction: it grows only by markup known
/// when the program is compiled ([`Html::raw`], `&'static str`), text and attribute values it
/// escapes ([`Html::text`], [`Html::attr`], [`Html::display`]), numbers ([`Html::num`]) and
/// other fragments ([`Html::html`]); a runtime string can become markup only through
/// [`Html::trusted`], whose callers are listed there. Each method writes straight into the
/// `String` it owns, inlined: writing a fragment costs what pushing onto a `String` did.
/// Templates get its text (`Serialize`) and write it with Tera's `safe`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Html(String);

impl Html {
    /// An empty fragment.
    #[inline]
    pub(crate) fn new() -> Html {
        Html(String::new())
    }

    /// An empty fragment with room for `bytes`.
    #[inline]
    pub(crate) fn with_capacity(bytes: usize) -> Html {
        Html(String::with_capacity(bytes))
    }

    /// Markup written in the program (`"<td>"`, `"\" class=\"muted\">"`): only a string known
    /// at compile time can be.
    #[inline]
    pub(crate) fn raw(&mut self, markup: &'static str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    /// Text, escaped ([`push_escaped`]): in an element, or inside a quoted attribute value
    /// opened by [`Html::raw`] (quotes are escaped too).
    #[inline]
    pub(crate) fn text(&mut self, text: &str) -> &mut Html {
        push_escaped(&mut self.0, text);
        self
    }

    /// ` name="value"`, the value escaped.
    #[inline]
    pub(crate) fn attr(&mut self, name: &'static str, value: &str) -> &mut Html {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        push_escaped(&mut self.0, value);
        self.0.push('"');
        self
    }

    /// A value as it displays (a date, a formatted figure, `format_args!`), escaped as it is
    /// written, without a `String` in between.
    #[inline]
    pub(crate) fn display(&mut self, value: impl std::fmt::Display) -> &mut Html {
        let _ = std::fmt::Write::write_fmt(&mut Escaping(&mut self.0), format_args!("{value}"));
        self
    }

    /// An integer, in digits.
    #[inline]
    pub(crate) fn num(&mut self, n: impl Integer) -> &mut Html {
        let _ = std::fmt::Write::write_fmt(&mut self.0, format_args!("{n}"));
        self
    }

    /// Another fragment, safe already.
    #[inline]
    pub(crate) fn html(&mut self, fragment: &Html) -> &mut Html {
        self.0.push_str(&fragment.0);
        self
    }

    /// The one way in for markup made at run time, by a producer trusted to make it safe:
    /// the escape hatch. Its callers, each with its producer: `render::pages::foot::mark`
    /// (a document's text as `markdown::render` made it, sanitised by ammonia, wrapped
    /// between its blocks). Any other use must be added to this list.
    #[inline]
    pub(crate) fn trusted(&mut self, markup: &str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    /// The fragment's text.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The fragment's text, owned.
    #[inline]
    pub(crate) fn into_string(self) -> String {
        self.0
    }

    /// Its length in bytes.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Gives back the room it has beyond its length: for a fragment kept to the end of a
    /// build, written into more room than it took.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }

    /// The room it has, in bytes.
    #[cfg(test)]
    pub(crate) fn capacity(&self) -> usize {
        self.0.capacity()
    }
}

/// A fragment goes into a template as its text, which the template writes with `safe`.
impl serde::Serialize for Html {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// The integers [`Html::num`] writes: their digits (and a minus sign) need no escaping.
pub(crate) trait Integer: std::fmt::Display + private::Sealed {}

mod private {
    pub trait Sealed {}
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl private::Sealed for $t {}
        impl Integer for $t {}
    )*};
}
integers!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// A `String` that escapes what is written to it ([`Html::display`]).
struct Escaping<'a>(&'a mut String);

impl std::fmt::Write for Escaping<'_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        push_escaped(self.0, s);
        Ok(())
    }
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

    const HOSTILE: &str = "<script>alert(1)</script>\" onmouseover=x & 'y'";
    const ESCAPED: &str =
        "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=x &amp; &#39;y&#39;";

    #[test]
    fn html_escapes_text_attributes_and_displayed_values() {
        let mut h = Html::new();
        h.raw("<p").attr("title", HOSTILE).raw(">").text(HOSTILE);
        h.raw("</p>");
        assert_eq!(h.as_str(), format!("<p title=\"{ESCAPED}\">{ESCAPED}</p>"));
        let mut h = Html::new();
        h.display(format_args!("{HOSTILE}|{}", 1.5))
            .raw("|")
            .num(-42i64)
            .num(7usize);
        assert_eq!(h.as_str(), format!("{ESCAPED}|1.5|-427"));
    }

    #[test]
    fn html_fragments_join_as_they_are_and_serialise_as_their_text() {
        let mut inner = Html::with_capacity(16);
        inner.raw("<b>").text("a<b").raw("</b>");
        let mut outer = Html::new();
        outer.raw("<td>").html(&inner).raw("</td>");
        assert_eq!(outer.as_str(), "<td><b>a&lt;b</b></td>");
        assert_eq!(outer.len(), outer.as_str().len());
        assert_eq!(
            serde_json::to_string(&outer).unwrap(),
            "\"<td><b>a&lt;b</b></td>\""
        );
        let mut t = Html::new();
        t.trusted("<em>made by the sanitiser</em>");
        assert_eq!(t.into_string(), "<em>made by the sanitiser</em>");
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
