//! A text's blocks as a reader sees them (paragraphs, list items, table rows, headings), each
//! numbered by [`Numbering`] as the one parse of the text ([`parse`]) goes: loading finds the
//! block a task's `at` names ([`AtFinder`]) and keeps its number, and the render
//! (`markdown::render`) marks the block of that number, counting with the same two.

use std::cell::OnceCell;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::text::{name_key, squash, squash_owned};

/// The parse of a text, the same for its blocks and its HTML.
pub(super) fn parse(markdown: &str) -> Parser<'_> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(markdown, options)
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableRow | Tag::TableHead
    )
}

/// Numbers the blocks of a text as its parse goes: block N is the N-th (from 0) event that
/// opens a paragraph, list item, table row, table head or heading. The one numbering of
/// blocks, for loading ([`blocks`]) and the render alike.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    next: usize,
}

impl Numbering {
    /// The number of the block `event` opens, when it opens one.
    pub(super) fn opens(&mut self, event: &Event) -> Option<usize> {
        match event {
            Event::Start(tag) if is_block(tag) => {
                self.next += 1;
                Some(self.next - 1)
            }
            _ => None,
        }
    }
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
/// Text belongs to the innermost block that holds it. Block N of the list is the one
/// [`Numbering`] numbers N.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = BlockTexts::new(markdown);
    for (event, range) in parse(markdown).into_offset_iter() {
        blocks.event(&event, range);
    }
    blocks.finish()
}

/// Gathers the [`blocks`] of a text from its parse, event by event.
struct BlockTexts<'m> {
    markdown: &'m str,
    numbering: Numbering,
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
            numbering: Numbering::default(),
            out: Vec::new(),
            stack: Vec::new(),
            counted_to: 0,
            line: 0,
        }
    }

    /// Takes the next event of the parse, and the range of the text it comes from.
    fn event(&mut self, event: &Event, range: std::ops::Range<usize>) {
        if let Some(number) = self.numbering.opens(event) {
            let md = self.markdown;
            if range.start >= self.counted_to {
                self.line += newlines(&md[self.counted_to..range.start]);
            } else {
                self.line = newlines(&md[..range.start]);
            }
            self.counted_to = range.start;
            debug_assert_eq!(number, self.out.len());
            self.stack.push(number);
            // Room for the block's source, more than its text nearly always needs.
            self.out
                .push((String::with_capacity(range.len()), self.line));
            return;
        }
        match event {
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

/// How many line ends `s` holds (found by `memchr`, many bytes at a time).
fn newlines(s: &str) -> usize {
    memchr::memchr_iter(b'\n', s.as_bytes()).count()
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

/// How many of the texts contain `wanted`, and the indexes of the first [`NAMED`]. One
/// searcher for all of them finds where the first bytes of `wanted` stand (a searcher for a
/// whole sentence costs more to make than a document's blocks cost to search), and the rest
/// is compared there.
fn containing<'t>(texts: impl Iterator<Item = &'t str>, wanted: &str) -> (Vec<usize>, usize) {
    let wanted = wanted.as_bytes();
    let finder = memchr::memmem::Finder::new(&wanted[..wanted.len().min(16)]);
    let holds = |t: &[u8]| {
        t.len() >= wanted.len() && finder.find_iter(t).any(|at| t[at..].starts_with(wanted))
    };
    let mut first = Vec::new();
    let mut count = 0;
    for (i, t) in texts.enumerate() {
        if holds(t.as_bytes()) {
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
    fn a_long_at_is_found_where_all_of_it_stands() {
        let long = "Các cơ quan quán triệt nghị quyết";
        let texts = [
            "Các cơ quan quán triệt chỉ thị; Các cơ quan quán triệt nghị quyết.",
            "Các cơ quan quán triệt chỉ thị.",
            "Các cơ quan quán triệt nghị quyế",
            "Các cơ quan quán triệt nghị quyết",
            "",
        ];
        assert_eq!(containing(texts.into_iter(), long), (vec![0, 3], 2));
        assert_eq!(containing(texts.into_iter(), "Các"), (vec![0, 1, 2], 4));
        assert_eq!(containing(texts.into_iter(), ""), (vec![0, 1, 2], 5));
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
}
