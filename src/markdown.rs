//! Markdown: the text's blocks a reader sees (`blocks.rs`: where loading finds each task's
//! `at`), and its HTML with the blocks of tasks marked, sanitised so raw HTML in content can
//! never run script (`raw.rs`: raw HTML defused before the parse).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{html, CowStr, Event, Tag, TagEnd};

use crate::escape::escape;

mod blocks;
mod raw;
pub use blocks::{blocks, find_at, AtFinder, AtMatch, Block, NAMED};
use blocks::{parse, Numbering};
use raw::defused;

/// A task's mark on the block of a text its `at` names (found on loading, numbered as
/// [`blocks`] numbers them): the block's anchor id, and a label linking to the task's row.
#[derive(Debug, Clone)]
pub struct Mark {
    pub block: usize,
    pub anchor: String,
    pub task_anchor: String,
    pub label: String,
}

/// Renders Markdown to sanitised HTML, marking the blocks `marks` name (several marks of one
/// block in their order; a block the text does not have, nowhere).
pub fn render(markdown: &str, marks: &[Mark]) -> String {
    let mut events: Vec<Event> = Vec::new();
    // Without raw HTML, links or images, pulldown-cmark's output is escaped text in plain
    // markup and needs no cleaning (ammonia's HTML parse is the costliest step).
    let mut needs_cleaning = false;
    let mut footnotes = false;
    let mut html_block: Option<String> = None;
    for event in parse(markdown) {
        needs_cleaning |= matches!(
            event,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. })
                | Event::Start(Tag::Image { .. })
        );
        footnotes |= matches!(
            event,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        );
        // An HTML block's lines are read as one piece (a comment may span them).
        match event {
            Event::Html(h) => match &mut html_block {
                Some(block) => block.push_str(&h),
                None => events.push(Event::Html(defused(h))),
            },
            Event::InlineHtml(h) => events.push(Event::InlineHtml(defused(h))),
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some(String::new());
                events.push(event);
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(block) = html_block.take() {
                    events.push(Event::Html(defused(block.into())));
                }
                events.push(event);
            }
            event => events.push(event),
        }
    }
    let mut by_block: HashMap<usize, Vec<&Mark>> = HashMap::new();
    for mark in marks {
        by_block.entry(mark.block).or_default().push(mark);
    }
    let mut out = String::new();
    if by_block.is_empty() && !footnotes {
        html::push_html(&mut out, events.into_iter());
    } else {
        // Ids the cleaning is to keep carry the mark, which it takes off.
        let own = if needs_cleaning { own_mark() } else { "" };
        html::push_html(&mut out, marked(events, &by_block, own).into_iter());
    }
    if needs_cleaning {
        sanitize(&out)
    } else {
        out
    }
}

/// The events with the marks of each block (by its [`Numbering`]) made: the block's opening
/// tag gets the first one's anchor id and a link to each task, or, for a table row, its
/// first cell does. Footnotes are named `fn-NAME`, so that no name written in the text
/// makes an id of the page's own (`[^task-1]`). Every id made here starts with `own`.
fn marked<'e>(
    events: Vec<Event<'e>>,
    by_block: &HashMap<usize, Vec<&Mark>>,
    own: &str,
) -> Vec<Event<'e>> {
    let mut numbering = Numbering::default();
    let mut pending: Option<String> = None;
    let mut out: Vec<Event> = Vec::with_capacity(events.len() + by_block.len());
    let note = |name: &CowStr| CowStr::from(format!("{own}fn-{name}"));
    for event in events {
        if let Some(block) = numbering.opens(&event) {
            match by_block.get(&block) {
                Some(marks) => out.push(opened(event, marks, own, &mut pending)),
                None => out.push(event),
            }
            continue;
        }
        match &event {
            Event::FootnoteReference(name) => out.push(Event::FootnoteReference(note(name))),
            Event::Start(Tag::FootnoteDefinition(name)) => {
                out.push(Event::Start(Tag::FootnoteDefinition(note(name))));
            }
            Event::Start(Tag::TableCell) if pending.is_some() => {
                out.push(event);
                out.push(Event::Html(CowStr::from(
                    pending.take().unwrap_or_default(),
                )));
            }
            _ => out.push(event),
        }
    }
    out
}

/// The opening of a block with `marks`: its tag with the first mark's id and the tasks'
/// links; a table row's, as it is, the mark left `pending` for its first cell.
fn opened<'e>(
    event: Event<'e>,
    marks: &[&Mark],
    own: &str,
    pending: &mut Option<String>,
) -> Event<'e> {
    let labels: String = marks
        .iter()
        .map(|m| {
            format!(
                "<a class=\"task-mark\" href=\"#{}\">{}</a> ",
                escape(&m.task_anchor),
                escape(&m.label)
            )
        })
        .collect();
    let id = format!("{own}{}", escape(&marks[0].anchor));
    let open = |name: &str| format!("<{name} id=\"{id}\" class=\"task-at\">");
    match &event {
        Event::Start(Tag::Paragraph) => Event::Html(CowStr::from(open("p") + &labels)),
        Event::Start(Tag::Item) => Event::Html(CowStr::from(open("li") + &labels)),
        Event::Start(Tag::Heading { level, .. }) => {
            Event::Html(CowStr::from(open(&level.to_string()) + &labels))
        }
        _ => {
            *pending = Some(format!(
                "<span id=\"{id}\" class=\"task-at\"></span>{labels}"
            ));
            event
        }
    }
}

/// What the ids the program writes into a text's HTML start with until the cleaning takes it
/// off: the cleaning drops every other id, so that HTML in the text can set none (`<span
/// id="task-1">` made a second anchor of a task's, `id="chidao-labels"` took the place of the
/// script's labels). Random for each run, so no text can hold it; never in the output.
fn own_mark() -> &'static str {
    static MARK: OnceLock<String> = OnceLock::new();
    MARK.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let random = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        format!("chidao{random:016x}-")
    })
}

/// Removes script, event handlers and anything else unsafe; keeps ordinary document markup.
/// Only the ids that start with [`own_mark`] are kept, without it (and links to them).
pub fn sanitize(html: &str) -> String {
    cleaner().clean(html).to_string()
}

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"]);
        b.attribute_filter(|_, attr, value| match attr {
            "class" => {
                let allowed: HashSet<&str> = [
                    "task-at",
                    "task-mark",
                    "footnote-definition",
                    "footnote-reference",
                    "footnote-definition-label",
                ]
                .into_iter()
                .collect();
                let kept: Vec<&str> = value
                    .split_whitespace()
                    .filter(|c| allowed.contains(c))
                    .collect();
                (!kept.is_empty()).then(|| kept.join(" ").into())
            }
            "id" => value.strip_prefix(own_mark()).map(Cow::Borrowed),
            "href" => match value
                .strip_prefix('#')
                .and_then(|v| v.strip_prefix(own_mark()))
            {
                Some(id) => Some(format!("#{id}").into()),
                None => Some(value.into()),
            },
            _ => Some(value.into()),
        });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# Title\n\nFirst **para**\ngraph.\n\n1. Văn phòng sao gửi.\n2. Các cơ quan quán triệt.\n   - nested point\n\n| a | b |\n|---|---|\n| row one | x |\n";

    /// A task's mark on `block`, named `n`.
    fn mark(block: usize, n: &str) -> Mark {
        Mark {
            block,
            anchor: format!("at-{n}"),
            task_anchor: format!("task-{n}"),
            label: n.into(),
        }
    }

    /// The mark named `n` of a task whose `at` is `at`, on the block loading finds it in.
    fn mark_at(md: &str, at: &str, n: &str) -> Option<Mark> {
        match find_at(&blocks(md), at) {
            AtMatch::One(block) => Some(mark(block, n)),
            _ => None,
        }
    }

    #[test]
    fn marks_the_blocks_named() {
        let marks = [mark(2, "1"), mark(6, "2"), mark(2, "3"), mark(99, "4")];
        let html = render(TEXT, &marks);
        assert!(
            html.contains(
                "<li id=\"at-1\" class=\"task-at\"><a class=\"task-mark\" href=\"#task-1\">1</a> \
                 <a class=\"task-mark\" href=\"#task-3\">3</a> Văn phòng"
            ),
            "{html}"
        );
        assert!(
            html.contains("<td><span id=\"at-2\" class=\"task-at\"></span><a class=\"task-mark\" href=\"#task-2\">2</a> row one</td>"),
            "{html}"
        );
        assert!(!html.contains("at-3") && !html.contains("at-4"), "{html}");
    }

    /// The block loading finds an `at` in ([`blocks`]) is the one the render marks, whatever
    /// the text holds: every block of this text, marked alone, is marked where its own text
    /// begins.
    #[test]
    fn the_render_numbers_blocks_as_loading_does() {
        let md = "# Tiêu đề\n\nĐoạn **một**\nhai.\n\n1. Mục một.\n2. Mục hai.\n   - nested point\n\n     nested para\n\n\
                  > Trích dẫn.\n>\n> > Lồng trong.\n> > - mục lồng\n\n| a | b |\n|---|---|\n| hàng một | x |\n| hàng hai | y |\n\n\
                  <div>\n*raw* html\n</div>\n\nSau <b>raw</b> inline.[^n]\n\n## Heading two\n\n[^n]: Ghi chú.\n\n- [x] việc xong\n- ~~bỏ~~ còn\n";
        let blocks = blocks(md);
        assert!(blocks.len() > 15, "{blocks:?}");
        let plain = |html: &str| {
            let mut out = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        out.push(' ');
                    }
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            crate::text::squash(&out).to_string()
        };
        for (i, block) in blocks.iter().enumerate() {
            let html = render(md, &[mark(i, "")]);
            let id = "id=\"at-\"";
            assert_eq!(html.matches(id).count(), 1, "block {i}: {html}");
            let after = &html[html.find(id).unwrap()..];
            let after = &after[after.find('>').unwrap() + 1..];
            assert!(
                plain(after).starts_with(&block.text),
                "block {i} {:?} marked at {:?}",
                block.text,
                plain(after)
            );
        }
        assert!(!render(md, &[mark(blocks.len(), "")]).contains("task-at"));
    }

    #[test]
    fn without_marks_nothing_is_marked() {
        let html = render(TEXT, &[]);
        assert!(!html.contains("task-at"), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <b class=evil>ok</b>\n",
            &[],
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("evil"), "{html}");
        assert!(html.contains("<b>ok</b>"), "{html}");
    }

    /// Found by the `at` fuzz target: a `<script>` without its end tag in a paragraph took
    /// the rest of the text off the page, and the mark of the `at` found there with it.
    #[test]
    fn a_raw_text_tag_without_its_end_hides_nothing() {
        for tag in [
            "<script>",
            "<STYLE x=1>",
            "<textarea>",
            "<title>",
            "<plaintext>",
            "<iframe/>",
            "</xmp><noscript>",
        ] {
            let md = format!("|{tag}\n\nV\n\nx {tag} y\n");
            assert_eq!(find_at(&blocks(&md), "V"), AtMatch::One(1));
            let html = render(&md, &[mark(1, "1")]);
            assert!(
                html.contains("<p id=\"at-1\" class=\"task-at\">"),
                "{md}: {html}"
            );
            assert!(html.contains(" y</p>"), "{md}: {html}");
            assert!(!html.contains(tag), "{md}: {html}");
        }
        // Other tags, and names that only begin like these, are left to the sanitiser.
        let html = render("<scripts>a</scripts> <b>b</b> <title-x>c\n", &[]);
        assert_eq!(html, "<p>a <b>b</b> c</p>\n");
    }

    /// Found by the `at` fuzz target: an HTML block that ends with its list item at `<!--`
    /// (or at a blank line inside a tag) left a comment (a tag) open over the rest of the text.
    #[test]
    fn raw_html_left_unfinished_hides_nothing() {
        for md in [
            "4) <!--\nS",
            "- <!-- x --\n\nS",
            "<div class=\"x\n\nS",
            "<div title='a>\n\nS",
            "<p\n\nS",
            "</div\n\nS",
            "- <!DOCTYPE html\n\nS",
            "> <?php\n\nS",
            "<svg><![CDATA[\n\nS",
            "<div a=1 / ='x>\n\nS",
        ] {
            let mark = mark_at(md, "S", "1");
            assert!(mark.is_some(), "{md}");
            let html = render(md, &[mark.unwrap()]);
            assert!(
                html.contains("id=\"at-1\" class=\"task-at\">"),
                "{md}: {html}"
            );
        }
        // Finished markup is left to the sanitiser: comments (also over several lines of
        // one block) are dropped, a `>` in a quoted value does not end a tag.
        let md = "<!--\nnote\n\n-->\n\nS <!-- x --> <b title=\"a>b\">t</b> <!---->\n";
        let html = render(md, &mark_at(md, "S", "1").into_iter().collect::<Vec<_>>());
        assert!(!html.contains("note") && !html.contains('x'), "{html}");
        assert!(html.contains("<b title=\"a&gt;b\">t</b>"), "{html}");
        assert!(html.contains("id=\"at-1\""), "{html}");
        // Found by the `at` fuzz target: the sanitiser drops an element named like a MathML or
        // SVG one with all it holds, so an unclosed `<sec/` took the rest of the text.
        for md in [
            "<script><sec/</script>\nS",
            "<g>\n\nS",
            "x <text>y\n\nS",
            "<select>\n\nS",
        ] {
            let html = render(md, &mark_at(md, "S", "1").into_iter().collect::<Vec<_>>());
            assert!(
                html.contains("id=\"at-1\" class=\"task-at\">"),
                "{md}: {html}"
            );
        }
        let html = render("a <sec>b</sec> <foo>c</foo> <b>d</b> <U>e</U>\n", &[]);
        assert_eq!(html, "<p>a b c <b>d</b> <u>e</u></p>\n");
    }

    #[test]
    fn links_are_cleaned_and_plain_text_is_escaped_without_cleaning() {
        for md in [
            "[x](javascript:alert(1))",
            "<javascript:alert(1)>",
            "![x](javascript:alert(1))",
            "[x]: javascript:alert(1)\n\n[y][x]",
        ] {
            let html = render(md, &[]);
            assert!(!html.contains("=\"javascript:"), "{md}: {html}");
        }
        let html = render("a < b & \"c\" > d, **đậm** `x<y>`\n", &[]);
        assert_eq!(
            html,
            "<p>a &lt; b &amp; \"c\" &gt; d, <strong>đậm</strong> <code>x&lt;y&gt;</code></p>\n"
        );
    }

    #[test]
    fn ids_come_only_from_the_program_and_footnotes_have_their_own() {
        let md = "<span id=\"task-1\">Đoạn có việc.</span>[^task-1]\n\n<b id=\"at-1\" name=\"x\">x</b>\n\n[^task-1]: Chú thích.\n";
        for (md, cleaned) in [
            (md, true),
            ("Đoạn có việc.[^task-1]\n\n[^task-1]: Chú thích.\n", false),
        ] {
            let marks: Vec<Mark> = mark_at(md, "đoạn có việc", "1").into_iter().collect();
            assert_eq!(marks.len(), 1, "{md}");
            let html = render(md, &marks);
            assert_eq!(html.matches(" id=").count(), 2, "{html}");
            assert!(html.contains("<p id=\"at-1\" class=\"task-at\">"), "{html}");
            assert!(html.contains("id=\"fn-task-1\""), "{html}");
            assert!(html.contains("href=\"#fn-task-1\""), "{html}");
            assert!(
                !html.contains("name=") && !html.contains(own_mark()),
                "{html}"
            );
            assert_eq!(html.contains("<b>x</b>"), cleaned, "{html}");
        }
    }

    #[test]
    fn tables_footnotes_strikethrough_are_on() {
        let html = render("~~old~~ text[^1]\n\n[^1]: note\n", &[]);
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }
}
