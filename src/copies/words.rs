//! The words of a text as copies are compared ([`super`]): read with the Markdown parser
//! the pages use, composed to NFC, typographic punctuation as ASCII, and each word's
//! spelling key, so that the old and new placements of a tone mark read the same. A text's
//! words are kept one after another in one string, each word a range of it (not a string of
//! its own: a long text has thousands).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::MAX_WORDS;

/// The words of a text, at most [`MAX_WORDS`].
#[derive(Debug, Clone, Default)]
pub(super) struct Text {
    /// The words' letters, one word after another (NFC, typographic punctuation as ASCII).
    letters: String,
    words: Vec<Word>,
    /// Whether the text had more words than [`MAX_WORDS`].
    pub(super) capped: bool,
}

/// A word of a text.
#[derive(Debug, Clone)]
struct Word {
    /// Where its letters are in [`Text::letters`].
    start: usize,
    end: usize,
    /// The line of the text it stands on (0: the first).
    line: usize,
    /// Whether a space (or a break) comes before it.
    space: bool,
}

impl Text {
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Word `i` as written (NFC, typographic punctuation as ASCII).
    pub(super) fn word(&self, i: usize) -> &str {
        let w = &self.words[i];
        &self.letters[w.start..w.end]
    }

    /// The words as written, in order.
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| &self.letters[w.start..w.end])
    }

    /// The line word `i` stands on (0: the text's first).
    pub(super) fn line(&self, i: usize) -> usize {
        self.words[i].line
    }

    /// Whether a space (or a break) comes before word `i`.
    pub(super) fn space_before(&self, i: usize) -> bool {
        self.words[i].space
    }

    /// Words `range` as written, with the spaces between them that the text had.
    pub(super) fn join(&self, range: Range<usize>) -> String {
        let mut s = String::new();
        for i in range.clone() {
            if i > range.start && self.space_before(i) {
                s.push(' ');
            }
            s.push_str(self.word(i));
        }
        s
    }
}

/// The words of a Markdown text, at most [`MAX_WORDS`] (`capped`: there were more).
pub(super) fn words(markdown: &str) -> Text {
    let lines: Vec<usize> = memchr::memchr_iter(b'\n', markdown.as_bytes()).collect();
    let mut w = Reader::default();
    // The next number of each ordered list open (`None`: a list of bullets).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        if w.full() {
            break;
        }
        match event {
            Event::Text(t) | Event::Code(t) => {
                let line = lines.partition_point(|&n| n < range.start);
                for c in crate::text::nfc_cow(&t).chars() {
                    w.char(c, line);
                    if w.full() {
                        break;
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => w.split(),
            // The number of a point of an ordered list is the document's, not markup ("3.
            // Tổ chức thực hiện" is a list in one text and a heading in another).
            Event::Start(Tag::List(first)) => {
                w.split();
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                w.split();
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                w.split();
                if let Some(Some(n)) = lists.last_mut() {
                    let line = lines.partition_point(|&l| l < range.start);
                    for c in n.to_string().chars().chain(['.']) {
                        w.char(c, line);
                    }
                    w.split();
                    *n += 1;
                }
            }
            Event::Start(tag) if is_block(&tag) => w.split(),
            Event::End(tag) if is_block_end(tag) => w.split(),
            _ => {}
        }
    }
    w.flush();
    let mut text = w.text;
    text.capped = text.words.len() > MAX_WORDS;
    text.words.truncate(MAX_WORDS);
    text
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// Splitting text into words, character by character (a word may go on across events:
/// `b**ộ**` is one word).
#[derive(Default)]
struct Reader {
    text: Text,
    /// Where the word being read starts in the text's letters (it runs to their end), the
    /// line it started on and whether a space came before it.
    start: usize,
    line: usize,
    space: bool,
    /// Punctuation read after a word that joins it to the next letter or digit, if one comes.
    joiner: Option<char>,
}

impl Reader {
    /// More words read than [`MAX_WORDS`]: the rest need not be.
    fn full(&self) -> bool {
        self.text.words.len() > MAX_WORDS
    }

    /// Whether a word is being read.
    fn reading(&self) -> bool {
        self.text.letters.len() > self.start
    }

    fn char(&mut self, c: char, line: usize) {
        if c.is_whitespace() {
            return self.split();
        }
        if is_letter_or_digit(c) || is_combining_mark(c) {
            if !self.reading() {
                self.line = line;
            } else if let Some(j) = self.joiner.take() {
                self.text.letters.push(j);
            }
            self.text.letters.push(c);
            return;
        }
        let c = match c {
            '“' | '”' | '„' | '‟' | '«' | '»' => '"',
            '‘' | '’' | '‚' | '‛' => '\'',
            '–' | '—' | '‐' | '‑' | '−' => '-',
            '…' => {
                for _ in 0..3 {
                    self.mark('.', line);
                }
                return;
            }
            c => c,
        };
        if self.reading() && self.joiner.is_none() && "-/.,:'_&".contains(c) {
            self.joiner = Some(c);
            return;
        }
        self.mark(c, line);
    }

    /// A punctuation mark, a word of its own.
    fn mark(&mut self, c: char, line: usize) {
        self.flush();
        let space = std::mem::take(&mut self.space);
        self.push(c, line, space);
    }

    /// `c`, a word of its own.
    fn push(&mut self, c: char, line: usize, space: bool) {
        self.text.letters.push(c);
        self.end_word(line, space);
    }

    /// Ends the word being read as a word.
    fn end_word(&mut self, line: usize, space: bool) {
        let end = self.text.letters.len();
        self.text.words.push(Word {
            start: self.start,
            end,
            line,
            space,
        });
        self.start = end;
    }

    /// Whitespace or a break: the word ends, and a space comes before the next.
    fn split(&mut self) {
        self.flush();
        if !self.text.is_empty() {
            self.space = true;
        }
    }

    /// Ends the word being read (and the punctuation after it).
    fn flush(&mut self) {
        if self.reading() {
            let space = std::mem::take(&mut self.space);
            self.end_word(self.line, space);
        }
        if let Some(j) = self.joiner.take() {
            let line = self.text.words.last().map_or(0, |w| w.line);
            self.push(j, line, false);
        }
    }
}

/// `c.is_alphanumeric()`, without its table search for the letters Vietnamese is written
/// with: ASCII, the letters of Latin-1 (`à`, `ê`), Latin Extended-A and -B (`ă`, `đ`, `ơ`,
/// `ư`), and Latin Extended Additional (`ạ` … `ỹ`), all letters.
fn is_letter_or_digit(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphanumeric(),
        '\u{C0}'..='\u{24F}' => c != '×' && c != '÷',
        '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// The marks of the five tones (as combining characters).
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// `word` with the tone mark of an open syllable ending in *oa*, *oe* or *uy* on its first
/// vowel (the old placement: `hoà` → `hòa`, `Thuỷ` → `Thủy`), so that both placements read
/// the same; any other word as it is.
pub(super) fn spelling_key(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some((first, second)) = chars
            .get(i + 1)
            .and_then(|&next| old_placement(&chars, i, next))
        {
            out.extend(first.nfc());
            out.push(second);
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// When `chars[i]` and `next` (= `chars[i + 1]`) are `o` and a toned `a` or `e`, or `u` (not
/// after `q`) and a toned `y`, ending the syllable: the pair with the tone on the first (the
/// first as letter and mark, to compose).
fn old_placement(chars: &[char], i: usize, next: char) -> Option<(String, char)> {
    let first = chars[i];
    let ends = chars
        .get(i + 2)
        .is_none_or(|&c| !(c.is_alphanumeric() || is_combining_mark(c)));
    if !ends {
        return None;
    }
    let mut parts = next.nfd();
    let base = parts.next()?;
    let tone = parts.next().filter(|t| TONES.contains(t))?;
    if parts.next().is_some() {
        return None;
    }
    let fits = match first {
        'o' | 'O' => matches!(base, 'a' | 'A' | 'e' | 'E'),
        'u' | 'U' => matches!(base, 'y' | 'Y') && !(i > 0 && matches!(chars[i - 1], 'q' | 'Q')),
        _ => false,
    };
    fits.then(|| (format!("{first}{tone}"), base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_digits_are_char_s_own() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
