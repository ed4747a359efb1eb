//! Labels written into the templates once, when they are compiled: a template's
//! `{{ t.NAME }}`, the interface word NAME in the site's language, becomes that word as text
//! (escaped as Tera would print it), so that pages do not look each one up again. Tera looks
//! a variable up by its dotted path at every use, making several strings each time: at
//! 10,000 documents the labels of the page frame and the document page were about 5 % of a
//! build's CPU time.
//!
//! Folding never changes a page: it applies only to a plain `{{ t.NAME }}` (no filter, no
//! whitespace control) naming a label that is text, only in a template with no macro (whose
//! `t` is a parameter) and no `raw` block, and only in a theme where `t` cannot mean anything
//! else anywhere (no `for` or `set` binding `t`, no `include`). Labels that would read as
//! template syntax or whose edges are spaces are left to Tera.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::html;

/// `src` with every plain `{{ t.NAME }}` of a label in `labels` written as the label's text.
pub fn fold_labels<'a>(src: &'a str, labels: &Map<String, Value>) -> Cow<'a, str> {
    if !labels_are_global(src) {
        return Cow::Borrowed(src);
    }
    let mut out = String::new();
    let mut rest = src;
    let mut folded = false;
    // Only the `{{ … }}` of the template's text: a statement, a comment or any other
    // expression is copied as it is, to its end (a string there may hold `{{`; one that held
    // `}}` and then a whole label tag would be misread, which is no template anyone writes).
    while let Some(i) = rest.find('{') {
        let (before, tag) = rest.split_at(i);
        out.push_str(before);
        let close = match tag.as_bytes().get(1) {
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            Some(b'{') => match label_tag(tag, labels) {
                Some((len, text)) => {
                    html::push_escaped(&mut out, text);
                    rest = &tag[len..];
                    folded = true;
                    continue;
                }
                None => "}}",
            },
            _ => {
                out.push('{');
                rest = &tag[1..];
                continue;
            }
        };
        let len = tag[2..].find(close).map_or(tag.len(), |e| e + 4);
        out.push_str(&tag[..len]);
        rest = &tag[len..];
    }
    if !folded {
        return Cow::Borrowed(src);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// When `tag` (which starts with `{{`) is a plain `{{ t.NAME }}` of a label that can be
/// folded: the tag's length and the label.
fn label_tag<'l>(tag: &str, labels: &'l Map<String, Value>) -> Option<(usize, &'l str)> {
    let end = tag.find("}}")?;
    let name = tag[2..end].trim().strip_prefix("t.")?;
    let plain = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !plain {
        return None;
    }
    let text = labels.get(name)?.as_str()?;
    let safe = !text.contains(['{', '}', '#', '%']) && text.trim() == text;
    safe.then_some((end + 2, text))
}

/// What one `{% … %}` tag of a template does to `t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// Nothing.
    Other,
    /// Binds `t` (`for`, `set`, `set_global`).
    Binds,
    /// Makes `t` something else inside its body: `macro` (where `t` is a parameter) or `raw`
    /// (which prints tags as text).
    Scopes,
    /// Renders another template where it stands, in this one's context (`include`).
    Includes,
}

/// The tags of `src` in order; `None` for a tag that is not closed.
fn tags(src: &str) -> impl Iterator<Item = Option<Tag>> + '_ {
    let mut rest = src;
    std::iter::from_fn(move || {
        let i = rest.find("{%")?;
        let tag = &rest[i + 2..];
        let Some(end) = tag.find("%}") else {
            rest = "";
            return Some(None);
        };
        rest = &tag[end + 2..];
        let inner = tag[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let mut words = inner.split(|c: char| c.is_whitespace() || c == ',' || c == '=');
        Some(Some(match words.next().unwrap_or("") {
            "macro" | "raw" => Tag::Scopes,
            "for" if words.by_ref().take_while(|w| *w != "in").any(|w| w == "t") => Tag::Binds,
            "set" | "set_global" if words.find(|w| !w.is_empty()) == Some("t") => Tag::Binds,
            "include" => Tag::Includes,
            _ => Tag::Other,
        }))
    })
}

/// Whether `t` in `src` itself can only be the labels: no tag of `src` binds it, defines a
/// macro or opens a `raw` block (and the theme allows folding: [`theme_allows_folding`]).
fn labels_are_global(src: &str) -> bool {
    tags(src).all(|t| matches!(t, Some(Tag::Other | Tag::Includes)))
}

/// Whether the templates of a theme may be folded at all: none binds `t` or includes another.
/// An included template is rendered in the context of the one that includes it, and a
/// child's blocks where its parent places them, so a `t` one of them binds would be what the
/// other prints.
pub fn theme_allows_folding<'a>(templates: impl IntoIterator<Item = &'a str>) -> bool {
    templates
        .into_iter()
        .all(|src| tags(src).all(|t| matches!(t, Some(Tag::Other | Tag::Scopes))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Map<String, Value> {
        let mut m = Map::new();
        for (k, v) in [
            ("home", "Trang chủ"),
            ("odd", "A & <B>"),
            ("curly", "{{ x }}"),
            ("spaced", " x"),
        ] {
            m.insert(k.into(), Value::String(v.into()));
        }
        m.insert("n".into(), Value::from(3));
        m
    }

    fn fold(src: &str) -> String {
        fold_labels(src, &labels()).into_owned()
    }

    #[test]
    fn plain_label_tags_become_their_escaped_text() {
        assert_eq!(fold("<a>{{ t.home }}</a>"), "<a>Trang chủ</a>");
        assert_eq!(
            fold("{{t.odd}}|{{   t.home\n}}"),
            "A &amp; &lt;B&gt;|Trang chủ"
        );
        assert!(matches!(
            fold_labels("{{ page.x }}", &labels()),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn anything_else_is_left_to_tera() {
        for src in [
            "{{ t.home | lower }}",
            "{{- t.home }}",
            "{{ t.home -}}",
            "{{ t.missing }}",
            "{{ t.n }}",
            "{{ t.curly }}",
            "{{ t.spaced }}",
            "{{ t }}",
            "{{ t.home.x }}",
            "{{ tt.home }}",
            "{% if t.home %}x{% endif %}",
            "{{ t.home",
            "{% set x = \"{{ t.home }}\" %}",
            "{# {{ t.home }} #}",
            "{#",
            "{{ \"{{ t.home }}\" }}",
            "{{ x ~ \"{{ t.home }}\" }}",
        ] {
            assert_eq!(fold(src), src);
        }
    }

    #[test]
    fn a_template_where_t_may_be_something_else_is_left_whole() {
        for src in [
            "{% macro m(t) %}{{ t.home }}{% endmacro m %}",
            "{% for t in page.tasks %}{{ t.home }}{% endfor %}",
            "{%- for k, t in page.map -%}{{ t.home }}{% endfor %}",
            "{% set t = page.x %}{{ t.home }}",
            "{% set_global t=1 %}{{ t.home }}",
            "{% raw %}{{ t.home }}{% endraw %}",
            "{{ t.home }}{% if x ",
        ] {
            assert_eq!(fold(src), src, "{src}");
        }
        assert_eq!(
            fold("{% for task in p %}{% set tt = 1 %}{{ t.home }}{% endfor %}"),
            "{% for task in p %}{% set tt = 1 %}Trang chủ{% endfor %}"
        );
    }

    #[test]
    fn a_theme_that_binds_t_or_includes_is_not_folded() {
        let page = "{% extends \"base.html\" %}{% block b %}{{ t.home }}{% endblock b %}";
        let macros = "{% macro m(t) %}{{ t.x }}{% endmacro m %}{% raw %}{{ t }}{% endraw %}";
        assert!(theme_allows_folding([page, macros]));
        for other in [
            "{% for t in x %}{% block b %}{% endblock b %}{% endfor %}",
            "{% set_global t = 1 %}",
            "{% for x in y %}{% include \"part.html\" %}{% endfor %}",
            "{% if %",
        ] {
            assert!(!theme_allows_folding([page, other]), "{other}");
        }
    }
}
