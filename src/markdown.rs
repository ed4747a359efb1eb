//! Markdown: the text blocks a reader sees (for task `at` anchors), and HTML rendering with
//! those blocks marked, sanitised so raw HTML in content can never run script.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::escape::escape;

mod raw;
use crate::text::{name_key, squash, squash_owned};
use raw::defused;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableRow | Tag::TableHead
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableRow
            | TagEnd::TableHead
    )
}

/// A block of text as a reader sees it: markup and list numbers gone, white space squashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    /// Zero-based line of the block's start within the Markdown source.
    pub line: usize,
}

/// The paragraphs, list items, table rows and headings of `markdown`, in document order.
/// Text belongs to the innermost block that holds it.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = BlockTexts::new(markdown);
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        blocks.event(&event, range);
    }
    blocks.finish()
}

/// Gathers the [`blocks`] of a text from its parse, event by event, so that the render can
/// find the `at` of tasks in the same parse that makes the HTML.
struct BlockTexts<'m> {
    markdown: &'m str,
    /// Each block's text so far, and its line.
    out: Vec<(String, usize)>,
    /// The blocks open at this point, innermost last.
    stack: Vec<usize>,
    /// Lines are counted from the last block start on (starts only move forward).
    counted_to: usize,
    line: usize,
}

impl<'m> BlockTexts<'m> {
    fn new(markdown: &'m str) -> Self {
        BlockTexts {
            markdown,
            out: Vec::new(),
            stack: Vec::new(),
            counted_to: 0,
            line: 0,
        }
    }

    /// Takes the next event of the parse, and the range of the text it comes from.
    fn event(&mut self, event: &Event, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) if is_block(tag) => {
                let md = self.markdown;
                if range.start >= self.counted_to {
                    self.line += md[self.counted_to..range.start].matches('\n').count();
                } else {
                    self.line = md[..range.start].matches('\n').count();
                }
                self.counted_to = range.start;
                self.stack.push(self.out.len());
                self.out.push((String::new(), self.line));
            }
            Event::End(tag) if is_block_end(tag) => {
                self.stack.pop();
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(&top) = self.stack.last() {
                    self.out[top].0.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::TableCell) => {
                if let Some(&top) = self.stack.last() {
                    self.out[top].0.push(' ');
                }
            }
            _ => {}
        }
    }

    fn finish(self) -> Vec<Block> {
        self.out
            .into_iter()
            .map(|(text, line)| Block {
                text: squash_owned(text),
                line,
            })
            .collect()
    }
}

/// Where an `at` text was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AtMatch {
    One(usize),
    None,
    /// In `count` blocks (two or more), the first [`NAMED`] of them in `first`: thousands of
    /// places named in each message of thousands of tasks were tens of megabytes.
    Many {
        first: Vec<usize>,
        count: usize,
    },
}

/// How many of the blocks an `at` is found in are named.
pub const NAMED: usize = 3;

/// Finds the one block that contains `at`: as written, then ignoring case, then without a
/// leading list number or bullet the editor may have copied.
pub fn find_at(blocks: &[Block], at: &str) -> AtMatch {
    AtFinder::new(blocks).find(at)
}

/// [`find_at`] for the several `at` of one document: each block's name key is computed once,
/// when a first `at` is not found as written, instead of once per `at`.
pub struct AtFinder<'a> {
    blocks: &'a [Block],
    keys: OnceCell<Vec<String>>,
}

impl<'a> AtFinder<'a> {
    pub fn new(blocks: &'a [Block]) -> Self {
        AtFinder {
            blocks,
            keys: OnceCell::new(),
        }
    }

    /// See [`find_at`].
    pub fn find(&self, at: &str) -> AtMatch {
        let wanted = squash(at);
        if wanted.is_empty() {
            return AtMatch::None;
        }
        let stripped = strip_list_marker(&wanted);
        let mut found = containing(self.blocks.iter().map(|b| b.text.as_str()), &wanted);
        if found.1 == 0 {
            found = containing(self.keys().iter().map(String::as_str), &name_key(&wanted));
        }
        if found.1 == 0 && stripped != wanted {
            found = containing(self.keys().iter().map(String::as_str), &name_key(stripped));
        }
        match found {
            (_, 0) => AtMatch::None,
            (first, 1) => AtMatch::One(first[0]),
            (first, count) => AtMatch::Many { first, count },
        }
    }

    fn keys(&self) -> &[String] {
        self.keys
            .get_or_init(|| self.blocks.iter().map(|b| name_key(&b.text)).collect())
    }
}

/// How many of the texts contain `wanted`, and the indexes of the first [`NAMED`] (one
/// searcher for all of them).
fn containing<'t>(texts: impl Iterator<Item = &'t str>, wanted: &str) -> (Vec<usize>, usize) {
    let finder = memchr::memmem::Finder::new(wanted);
    let mut first = Vec::new();
    let mut count = 0;
    for (i, t) in texts.enumerate() {
        if finder.find(t.as_bytes()).is_some() {
            if first.len() < NAMED {
                first.push(i);
            }
            count += 1;
        }
    }
    (first, count)
}

fn strip_list_marker(s: &str) -> &str {
    let t = s.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        return rest.trim_start();
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(rest) = t[digits..].strip_prefix(['.', ')']) {
            if rest.starts_with(' ') {
                return rest.trim_start();
            }
        }
    }
    t
}

/// A task's `at` to find in a text and mark there: the text to find, the block's anchor id,
/// and a label linking to the task's row.
#[derive(Debug, Clone)]
pub struct At<'a> {
    pub text: &'a str,
    pub anchor: String,
    pub task_anchor: String,
    pub label: String,
}

/// A text rendered: its HTML, where each `at` asked for was found (in the order asked), and
/// the text's blocks when any `at` was asked for (to name their lines in a diagnostic).
#[derive(Debug)]
pub struct Rendered {
    pub html: String,
    pub found: Vec<AtMatch>,
    pub blocks: Vec<Block>,
}

/// Renders Markdown to sanitised HTML, marking the block each of `ats` is found in (as
/// [`find_at`] finds it). One parse makes both the blocks and the HTML.
pub fn render(markdown: &str, ats: &[At]) -> Rendered {
    let mut events: Vec<Event> = Vec::new();
    // Without raw HTML, links or images, pulldown-cmark's output is escaped text in plain
    // markup and needs no cleaning (ammonia's HTML parse is the costliest step).
    let mut needs_cleaning = false;
    let mut footnotes = false;
    let mut texts = (!ats.is_empty()).then(|| BlockTexts::new(markdown));
    let mut html_block: Option<String> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
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
        if let Some(texts) = &mut texts {
            texts.event(&event, range);
        }
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
    let blocks = texts.map(BlockTexts::finish).unwrap_or_default();
    let finder = AtFinder::new(&blocks);
    let found: Vec<AtMatch> = ats.iter().map(|at| finder.find(at.text)).collect();
    let mut by_block: HashMap<usize, Vec<&At>> = HashMap::new();
    for (at, m) in ats.iter().zip(&found) {
        if let AtMatch::One(b) = m {
            by_block.entry(*b).or_default().push(at);
        }
    }
    let mut out = String::new();
    if by_block.is_empty() && !footnotes {
        html::push_html(&mut out, events.into_iter());
    } else {
        // Ids the cleaning is to keep carry the mark, which it takes off.
        let own = if needs_cleaning { own_mark() } else { "" };
        html::push_html(&mut out, marked(events, &by_block, own).into_iter());
    }
    let html = if needs_cleaning { sanitize(&out) } else { out };
    Rendered {
        html,
        found,
        blocks,
    }
}

/// The events with the `at`s of each block (by block number) marked: the block's opening
/// tag gets the first one's anchor id and a link to each task, or, for a table row, its
/// first cell does. Footnotes are named `fn-NAME`, so that no name written in the text
/// makes an id of the page's own (`[^task-1]`). Every id made here starts with `own`.
fn marked<'e>(
    events: Vec<Event<'e>>,
    by_block: &HashMap<usize, Vec<&At>>,
    own: &str,
) -> Vec<Event<'e>> {
    let mut index = 0usize;
    let mut pending: Option<String> = None;
    let mut out: Vec<Event> = Vec::with_capacity(events.len() + by_block.len());
    let note = |name: &CowStr| CowStr::from(format!("{own}fn-{name}"));
    for event in events {
        match &event {
            Event::FootnoteReference(name) => out.push(Event::FootnoteReference(note(name))),
            Event::Start(Tag::FootnoteDefinition(name)) => {
                out.push(Event::Start(Tag::FootnoteDefinition(note(name))));
            }
            Event::Start(tag) if is_block(tag) => {
                let here = by_block.get(&index);
                index += 1;
                let Some(ats) = here else {
                    out.push(event);
                    continue;
                };
                let labels: String = ats
                    .iter()
                    .map(|at| {
                        format!(
                            "<a class=\"task-mark\" href=\"#{}\">{}</a> ",
                            escape(&at.task_anchor),
                            escape(&at.label)
                        )
                    })
                    .collect();
                let id = format!("{own}{}", escape(&ats[0].anchor));
                let open = |name: &str| format!("<{name} id=\"{id}\" class=\"task-at\">");
                match tag {
                    Tag::Paragraph => out.push(Event::Html(CowStr::from(open("p") + &labels))),
                    Tag::Item => out.push(Event::Html(CowStr::from(open("li") + &labels))),
                    Tag::Heading { level, .. } => out.push(Event::Html(CowStr::from(
                        open(&level.to_string()) + &labels,
                    ))),
                    _ => {
                        out.push(event);
                        pending = Some(format!(
                            "<span id=\"{id}\" class=\"task-at\"></span>{labels}"
                        ));
                    }
                }
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

    #[test]
    fn blocks_are_what_a_reader_sees() {
        let b: Vec<String> = blocks(TEXT).into_iter().map(|b| b.text).collect();
        assert_eq!(
            b,
            vec![
                "Title",
                "First para graph.",
                "Văn phòng sao gửi.",
                "Các cơ quan quán triệt.",
                "nested point",
                "a b",
                "row one x"
            ]
        );
        assert_eq!(blocks(TEXT)[2].line, 5);
    }

    #[test]
    fn at_matches_one_block() {
        let b = blocks(TEXT);
        assert_eq!(find_at(&b, "sao gửi"), AtMatch::One(2));
        assert_eq!(find_at(&b, "1. Văn phòng sao"), AtMatch::One(2));
        assert_eq!(find_at(&b, "VĂN PHÒNG"), AtMatch::One(2));
        assert_eq!(find_at(&b, "nested"), AtMatch::One(4));
        assert_eq!(find_at(&b, "row one"), AtMatch::One(6));
        assert_eq!(find_at(&b, "not there"), AtMatch::None);
        assert_eq!(
            find_at(&b, "a"),
            AtMatch::Many {
                first: vec![1, 2, 3],
                count: 4
            }
        );
        assert_eq!(find_at(&b, "  "), AtMatch::None);
    }

    #[test]
    fn one_finder_answers_every_at_of_a_document() {
        let b = blocks(TEXT);
        let finder = AtFinder::new(&b);
        // Found as written (keys not needed), then by key (computed once, then reused).
        for at in [
            "sao gửi",
            "VĂN PHÒNG",
            "- nested",
            "2. CÁC CƠ QUAN",
            "ROW one",
            "zzz",
            "a",
        ] {
            assert_eq!(finder.find(at), find_at(&b, at), "{at}");
        }
        assert_eq!(finder.find("2. CÁC CƠ QUAN"), AtMatch::One(3));
        assert_eq!(finder.find("- NESTED   point"), AtMatch::One(4));
    }

    #[test]
    fn marks_the_blocks_the_ats_are_found_in() {
        let at = |text, n: &str| At {
            text,
            anchor: format!("at-{n}"),
            task_anchor: format!("task-{n}"),
            label: n.into(),
        };
        let ats = [
            at("sao gửi", "1"),
            at("ROW one", "2"),
            at("zzz", "3"),
            at("a", "4"),
        ];
        let r = render(TEXT, &ats);
        let html = &r.html;
        assert!(
            html.contains(
                "<li id=\"at-1\" class=\"task-at\"><a class=\"task-mark\" href=\"#task-1\""
            ),
            "{html}"
        );
        assert!(
            html.contains("<td><span id=\"at-2\" class=\"task-at\"></span>"),
            "{html}"
        );
        assert!(!html.contains("at-3") && !html.contains("at-4"), "{html}");
        // Found as `find_at` finds them in the text's blocks, which come back for diagnostics.
        assert_eq!(r.blocks, blocks(TEXT));
        let expected: Vec<AtMatch> = ats.iter().map(|a| find_at(&r.blocks, a.text)).collect();
        assert_eq!(r.found, expected);
        assert_eq!(
            r.found[..3],
            [AtMatch::One(2), AtMatch::One(6), AtMatch::None]
        );
        assert!(matches!(r.found[3], AtMatch::Many { .. }));
    }

    #[test]
    fn without_ats_nothing_is_marked_and_no_block_is_kept() {
        let r = render(TEXT, &[]);
        assert!(!r.html.contains("task-at"), "{}", r.html);
        assert!(r.found.is_empty() && r.blocks.is_empty());
    }

    #[test]
    fn raw_html_is_sanitised() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <b class=evil>ok</b>\n",
            &[],
        )
        .html;
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("evil"), "{html}");
        assert!(html.contains("<b>ok</b>"), "{html}");
    }

    /// Found by the `at` fuzz target: a `<script>` without its end tag in a paragraph took
    /// the rest of the text off the page, and the mark of the `at` found there with it.
    #[test]
    fn a_raw_text_tag_without_its_end_hides_nothing() {
        let at = |text| At {
            text,
            anchor: "at-1".into(),
            task_anchor: "task-1".into(),
            label: "1".into(),
        };
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
            let r = render(&md, &[at("V")]);
            assert_eq!(r.found, [AtMatch::One(1)]);
            assert!(
                r.html.contains("<p id=\"at-1\" class=\"task-at\">"),
                "{md}: {}",
                r.html
            );
            assert!(r.html.contains(" y</p>"), "{md}: {}", r.html);
            assert!(!r.html.contains(tag), "{md}: {}", r.html);
            assert_eq!(r.blocks, blocks(&md));
        }
        // Other tags, and names that only begin like these, are left to the sanitiser.
        let html = render("<scripts>a</scripts> <b>b</b> <title-x>c\n", &[]).html;
        assert_eq!(html, "<p>a <b>b</b> c</p>\n");
    }

    /// Found by the `at` fuzz target: an HTML block that ends with its list item at `<!--`
    /// (or at a blank line inside a tag) left a comment (a tag) open over the rest of the text.
    #[test]
    fn raw_html_left_unfinished_hides_nothing() {
        let at = |text| At {
            text,
            anchor: "at-1".into(),
            task_anchor: "task-1".into(),
            label: "1".into(),
        };
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
            let r = render(md, &[at("S")]);
            assert_eq!(r.blocks, blocks(md));
            assert!(matches!(r.found[..], [AtMatch::One(_)]), "{md}");
            assert!(
                r.html.contains("id=\"at-1\" class=\"task-at\">"),
                "{md}: {}",
                r.html
            );
        }
        // Finished markup is left to the sanitiser: comments (also over several lines of
        // one block) are dropped, a `>` in a quoted value does not end a tag.
        let r = render(
            "<!--\nnote\n\n-->\n\nS <!-- x --> <b title=\"a>b\">t</b> <!---->\n",
            &[at("S")],
        );
        assert!(
            !r.html.contains("note") && !r.html.contains('x'),
            "{}",
            r.html
        );
        assert!(r.html.contains("<b title=\"a&gt;b\">t</b>"), "{}", r.html);
        assert!(r.html.contains("id=\"at-1\""), "{}", r.html);
        // Found by the `at` fuzz target: the sanitiser drops an element named like a MathML or
        // SVG one with all it holds, so an unclosed `<sec/` took the rest of the text.
        for md in [
            "<script><sec/</script>\nS",
            "<g>\n\nS",
            "x <text>y\n\nS",
            "<select>\n\nS",
        ] {
            let r = render(md, &[at("S")]);
            assert!(
                r.html.contains("id=\"at-1\" class=\"task-at\">"),
                "{md}: {}",
                r.html
            );
        }
        let html = render("a <sec>b</sec> <foo>c</foo> <b>d</b> <U>e</U>\n", &[]).html;
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
            let html = render(md, &[]).html;
            assert!(!html.contains("=\"javascript:"), "{md}: {html}");
        }
        let html = render("a < b & \"c\" > d, **đậm** `x<y>`\n", &[]).html;
        assert_eq!(
            html,
            "<p>a &lt; b &amp; \"c\" &gt; d, <strong>đậm</strong> <code>x&lt;y&gt;</code></p>\n"
        );
    }

    #[test]
    fn ids_come_only_from_the_program_and_footnotes_have_their_own() {
        let ats = [At {
            text: "đoạn có việc",
            anchor: "at-1".into(),
            task_anchor: "task-1".into(),
            label: "1".into(),
        }];
        let md = "<span id=\"task-1\">Đoạn có việc.</span>[^task-1]\n\n<b id=\"at-1\" name=\"x\">x</b>\n\n[^task-1]: Chú thích.\n";
        for (md, cleaned) in [
            (md, true),
            ("Đoạn có việc.[^task-1]\n\n[^task-1]: Chú thích.\n", false),
        ] {
            let html = render(md, &ats).html;
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
        let html = render("~~old~~ text[^1]\n\n[^1]: note\n", &[]).html;
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }
}
