//! Copies checked against their originals. A copy (`copy_of`: sao lục, sao y, trích sao) that
//! carries the copied text is compared with its original's text word by word, and the
//! differences come back as data: for each, the original's words and the copy's, with their
//! places, and the copy's words around it. Pure: the texts are arguments. An original is
//! read once ([`Original`]: its words and their keys) and compared with each of its copies.
//!
//! - **Words, not markup.** Both Markdown texts are read with the parser the pages use, and
//!   only their text is compared (a heading, bold or a list bullet in one and not in the other
//!   is no difference). Words are composed to NFC; whitespace of any kind separates them. A
//!   word keeps the punctuation between its letters and digits (`39-KL/TW`, `27/5/2022`,
//!   `2.1`); any other punctuation mark is a word of its own, so `cán bộ:` against
//!   `cán bộ;` is a change of one mark. Typographic quotes, dashes and the ellipsis read as
//!   their ASCII forms.
//! - **Spelling, not change.** The old and new placements of the tone mark in an open
//!   syllable ending in *oa*, *oe* or *uy* (`hòa`/`hoà`, `khóa`/`khoá`, `Thủy`/`Thuỷ`, any
//!   case) are the same word spelt two ways: such a pair is a [`Kind::Spelling`] difference,
//!   counted apart, never a [`Kind::Change`].
//! - **The copy's own words.** A copy usually carries the original's heading as printed and
//!   ends with its own stamp (SAO LỤC, its number, place, date, recipients and signer). What
//!   the copy has before the first word it shares with the original, and after the last, is
//!   its own and not compared, but for as many words as the original has there, at most
//!   [`EDGE`] (a signer's name copied wrong just before the stamp is a change). More than
//!   [`EDGE`] words of the original missing at either end are what an extract (trích sao)
//!   leaves out: not a difference either.
//! - **A copy without the text.** A copy whose text is only its stamp, or anything else that
//!   is not mostly the original's words, is not compared ([`compare`] gives `None`): fewer
//!   than half of its words found in the original, in order, or fewer than
//!   `min(20, half the original's words)`. Most such copies are known before any diff: the
//!   words found once in each text and the shorter side of each stretch between them are
//!   already too few.
//! - **Bounded.** The time taken grows linearly with the texts: at most [`MAX_WORDS`] words
//!   of each text are compared (`capped` says the rest was not); words found exactly once in
//!   each text, in the same order (the longest such run, found in `n log n`), anchor the
//!   alignment, and the stretches between two anchors are diffed with `similar`'s Myers
//!   (`O((n + m) d)`) only when neither side is longer than [`MAX_GAP`] words; a longer
//!   stretch is one change, counted in `rough`. So the work is at most about
//!   `(N + M) × MAX_GAP` steps.

use std::ops::Range;
use std::path::Path;

use rustc_hash::FxHashMap;
use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffTag};

use crate::diagnostic::Diagnostic;
use crate::messages::{msg, Msg};
use keys::Keys;
use words::{words, Text};

mod keys;
mod words;

/// Words of each text compared at most; the rest of a longer text is not (`capped`).
pub const MAX_WORDS: usize = 100_000;
/// Words on either side of a stretch between two anchors that are diffed word by word at
/// most; a longer stretch is one change (`rough`).
pub const MAX_GAP: usize = 500;
/// How much word-by-word diffing a comparison may do, per word of the two texts (see
/// `plan`).
pub const BUDGET: usize = 8;
/// Words of the original before the first word the copy shares with it (or after the last)
/// that are still compared with the copy's words there.
pub const EDGE: usize = 8;
/// Words of the copy shown on either side of a difference.
pub const CONTEXT: usize = 5;
/// Differences a note names.
const NOTED: usize = 3;

/// What kind of difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The copy's words are not the original's.
    Change,
    /// The same word with its tone mark placed the other way (`hòa`/`hoà`).
    Spelling,
}

/// One place where the copy's words are not the original's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub kind: Kind,
    /// The words' places in the original's words (empty: the copy added words here).
    pub original: Range<usize>,
    /// The words' places in the copy's words (empty: the copy left words out here).
    pub copy: Range<usize>,
    /// The original's words, as written.
    pub was: String,
    /// The copy's words, as written.
    pub now: String,
    /// Up to [`CONTEXT`] of the copy's words before, with the space that follows them.
    pub before: String,
    /// The space before, and up to [`CONTEXT`] of the copy's words after.
    pub after: String,
    /// The line of the copy's text (0: its first) on which the difference stands.
    pub line: usize,
}

/// A copy compared with its original.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// In the copy's order.
    pub differences: Vec<Difference>,
    /// How many differences are changes, and how many spelling.
    pub changes: usize,
    pub spelling: usize,
    /// Some text had more than [`MAX_WORDS`] words: only the first were compared.
    pub capped: bool,
    /// Stretches longer than [`MAX_GAP`] words, each counted as one change.
    pub rough: usize,
}

impl Comparison {
    /// Whether the copy's words are the original's, spelling aside.
    pub fn differs(&self) -> bool {
        self.changes > 0
    }
}

/// An original's text read once to compare its copies with it: its words, and their keys.
#[derive(Debug)]
pub(crate) struct Original {
    text: Text,
    keys: Keys,
    /// Its words as numbers of their keys.
    numbers: Vec<u32>,
}

impl Original {
    /// The original's Markdown text, read.
    pub(crate) fn read(markdown: &str) -> Original {
        let text = words(markdown);
        let (keys, numbers) = Keys::original(&text);
        Original {
            text,
            keys,
            numbers,
        }
    }

    /// Compares the copy's Markdown text with the original's; `None` when the copy does not
    /// carry the original's text (see the module's notes).
    pub(crate) fn compare(&self, copy: &str) -> Option<Comparison> {
        let new = words(copy);
        if self.text.is_empty() || new.is_empty() {
            return None;
        }
        let (b, distinct) = self.keys.copy(&new);
        compared(&self.text, &new, &self.numbers, &b, distinct)
    }
}

/// The comparison of the texts `old` and `new`, whose words are `a` and `b` as numbers of
/// their keys (fewer than `distinct`).
fn compared(old: &Text, new: &Text, a: &[u32], b: &[u32], distinct: usize) -> Option<Comparison> {
    if shared_at_most(a, b, distinct) * 2 < new.len() {
        // Not even half the copy's words are the original's, in any order: not a copy of it
        // (the test below, after the diff), known without diffing.
        return None;
    }
    let (plan, rough) = plan(a, b);
    if !carries_original(matched_at_most(&plan), old.len(), new.len()) {
        // Even if every stretch to diff matched its shorter side, too few words would be
        // matched (the test below, after the diff): known without diffing.
        return None;
    }
    let ops = diffed(a, b, plan);
    let matched: usize = ops
        .iter()
        .filter(|(t, ..)| *t == DiffTag::Equal)
        .map(|(_, o, _)| o.len())
        .sum();
    if !carries_original(matched, old.len(), new.len()) {
        return None;
    }
    let differences = differences(&ops, old, new)?;
    let changes = differences
        .iter()
        .filter(|d| d.kind == Kind::Change)
        .count();
    Some(Comparison {
        spelling: differences.len() - changes,
        changes,
        differences,
        capped: old.capped || new.capped,
        rough,
    })
}

/// Whether a copy of `new` words that match `matched` of its original's `old` words carries
/// the original's text: at least half its words, and at least `min(20, half the original's)`.
fn carries_original(matched: usize, old: usize, new: usize) -> bool {
    matched * 2 >= new && matched >= 20.min(old.div_ceil(2))
}

/// The differences the aligned `ops` show between `old` and `new`, in the copy's order:
/// spelling within shared stretches, one change per run of edits between them, and the
/// edges (see [`EDGE`]). `None` when nothing is shared.
fn differences(ops: &[Op], old: &Text, new: &Text) -> Option<Vec<Difference>> {
    let first = ops.iter().position(|(t, ..)| *t == DiffTag::Equal)?;
    let last = ops.iter().rposition(|(t, ..)| *t == DiffTag::Equal)?;
    let mut out = Vec::new();
    let mut push = |kind: Kind, o: Range<usize>, n: Range<usize>| {
        out.push(difference(kind, old, new, o, n));
    };
    // The words before the first shared one: the copy's own, but for as many as the
    // original has there, at most EDGE, compared with the copy's last ones there.
    let (o, n) = (0..ops[first].1.start, 0..ops[first].2.start);
    if !o.is_empty() && o.len() <= EDGE {
        let k = o.len().min(n.len());
        push(Kind::Change, o, n.end - k..n.end);
    }
    let mut i = first;
    while i <= last {
        let (tag, o, n) = ops[i].clone();
        if tag == DiffTag::Equal {
            for (x, y) in o.zip(n) {
                if old.word(x) != new.word(y) {
                    push(Kind::Spelling, x..x + 1, y..y + 1);
                }
            }
            i += 1;
            continue;
        }
        // A run of edits between two shared stretches: one change.
        let mut j = i;
        while ops[j + 1].0 != DiffTag::Equal {
            j += 1;
        }
        push(Kind::Change, o.start..ops[j].1.end, n.start..ops[j].2.end);
        i = j + 1;
    }
    // The words after the last shared one, likewise.
    let (o, n) = (ops[last].1.end..old.len(), ops[last].2.end..new.len());
    if !o.is_empty() && o.len() <= EDGE {
        let k = o.len().min(n.len());
        push(Kind::Change, o, n.start..n.start + k);
    }
    Some(out)
}

/// How many of the words of `a` and `b` (keys below `keys`) a diff could match at most: for
/// each word, the fewer of its counts in either.
fn shared_at_most(a: &[u32], b: &[u32], keys: usize) -> usize {
    let mut count = vec![(0usize, 0usize); keys];
    for &k in a {
        count[k as usize].0 += 1;
    }
    for &k in b {
        count[k as usize].1 += 1;
    }
    count.iter().map(|&(x, y)| x.min(y)).sum()
}

/// The difference of kind `kind` between the original's words `o` and the copy's words `n`.
fn difference(kind: Kind, old: &Text, new: &Text, o: Range<usize>, n: Range<usize>) -> Difference {
    let before = n.start.saturating_sub(CONTEXT)..n.start;
    let after = n.end..(n.end + CONTEXT).min(new.len());
    let mut before_text = new.join(before.clone());
    // The space between the words before and those of the difference (or after it).
    let at = (n.start < new.len())
        .then_some(n.start)
        .or(after.clone().next());
    if !before.is_empty() && at.is_some_and(|i| new.space_before(i)) {
        before_text.push(' ');
    }
    let mut after_text = String::new();
    if !after.is_empty() && new.space_before(after.start) && !(n.is_empty() && before.is_empty()) {
        after_text.push(' ');
    }
    after_text.push_str(&new.join(after.clone()));
    let line = (n.start < new.len())
        .then_some(n.start)
        .or(before.clone().next_back())
        .or(after.clone().next())
        .map_or(0, |i| new.line(i));
    Difference {
        kind,
        was: old.join(o.clone()),
        now: new.join(n.clone()),
        original: o,
        copy: n,
        before: before_text,
        after: after_text,
        line,
    }
}

/// An edit (or a stretch kept), with its words' places in the original and in the copy.
type Op = (DiffTag, Range<usize>, Range<usize>);

/// A step of an alignment as planned: an edit (or a stretch kept) as it is, or a stretch of
/// each text to diff word by word.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Op(Op),
    Diff(Range<usize>, Range<usize>),
}

/// The diff of two texts' words (by key), as `similar`'s tags with the ranges of each, in
/// order, and how many stretches were too long to diff word by word (each one `Replace`).
#[cfg(test)]
fn align(a: &[u32], b: &[u32]) -> (Vec<Op>, usize) {
    let (steps, rough) = plan(a, b);
    (diffed(a, b, steps), rough)
}

/// The steps of the diff of two texts' words (by key): the words found once in each, the
/// stretches between them as edits, or to diff word by word when short enough; and how many
/// stretches were too long to diff (each one `Replace`).
fn plan(a: &[u32], b: &[u32]) -> (Vec<Step>, usize) {
    let mut steps = Vec::new();
    let mut rough = 0;
    // Myers' diff of a stretch costs about its length times its differences: two texts that
    // share only their phrasing have many stretches that differ throughout (a generated
    // 10,000-document site's 1,447 copies took 0.8 s). Stretches that differ are diffed
    // while their sizes' products add up to at most BUDGET per word of the two texts; the
    // rest are one change each (a copy with slips uses a small part of it).
    let mut budget = BUDGET * (a.len() + b.len());
    let mut gap = |o: Range<usize>, n: Range<usize>, steps: &mut Vec<_>| {
        let op = match (o.is_empty(), n.is_empty()) {
            (true, true) => return,
            (false, true) => DiffTag::Delete,
            (true, false) => DiffTag::Insert,
            _ if a[o.clone()] == b[n.clone()] => DiffTag::Equal,
            _ if o.len() > MAX_GAP || n.len() > MAX_GAP || o.len() * n.len() > budget => {
                rough += 1;
                DiffTag::Replace
            }
            _ => {
                budget -= o.len() * n.len();
                return steps.push(Step::Diff(o, n));
            }
        };
        steps.push(Step::Op((op, o, n)));
    };
    let (mut x, mut y) = (0, 0);
    for (i, j) in anchors(a, b) {
        gap(x..i, y..j, &mut steps);
        steps.push(Step::Op((DiffTag::Equal, i..i + 1, j..j + 1)));
        (x, y) = (i + 1, j + 1);
    }
    gap(x..a.len(), y..b.len(), &mut steps);
    (steps, rough)
}

/// How many words the diff of `steps` can match at most: those of the stretches kept, and
/// the shorter side of each stretch to diff.
fn matched_at_most(steps: &[Step]) -> usize {
    steps
        .iter()
        .map(|s| match s {
            Step::Op((DiffTag::Equal, o, _)) => o.len(),
            Step::Op(_) => 0,
            Step::Diff(o, n) => o.len().min(n.len()),
        })
        .sum()
}

/// The edits of `steps`, each stretch to diff diffed with Myers.
fn diffed(a: &[u32], b: &[u32], steps: Vec<Step>) -> Vec<Op> {
    let mut ops = Vec::with_capacity(steps.len());
    for step in steps {
        let (o, n) = match step {
            Step::Op(op) => {
                ops.push(op);
                continue;
            }
            Step::Diff(o, n) => (o, n),
        };
        for op in capture_diff_slices(Algorithm::Myers, &a[o.clone()], &b[n.clone()]) {
            let (tag, x, y) = op.as_tag_tuple();
            let x = o.start + x.start..o.start + x.end;
            let y = n.start + y.start..n.start + y.end;
            ops.push((tag, x, y));
        }
    }
    ops
}

/// The words found exactly once in each of `a` and `b`: the longest run of them in the same
/// order in both, as (place in `a`, place in `b`).
fn anchors(a: &[u32], b: &[u32]) -> Vec<(usize, usize)> {
    // For each key: how many times in a and in b, and its (last) place in each.
    let mut seen: FxHashMap<u32, (u32, u32, usize, usize)> = FxHashMap::default();
    for (i, &k) in a.iter().enumerate() {
        let e = seen.entry(k).or_default();
        e.0 += 1;
        e.2 = i;
    }
    for (j, &k) in b.iter().enumerate() {
        if let Some(e) = seen.get_mut(&k) {
            e.1 += 1;
            e.3 = j;
        }
    }
    let pairs: Vec<(usize, usize)> = a
        .iter()
        .filter_map(|k| {
            let &(x, y, i, j) = seen.get(k)?;
            (x == 1 && y == 1).then_some((i, j))
        })
        .collect();
    // The longest increasing run of places in b (patience sorting).
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the smallest tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(_, j)) in pairs.iter().enumerate() {
        let len = tails.partition_point(|&t| pairs[t].1 < j);
        prev[p] = len.checked_sub(1).map(|l| tails[l]);
        if len == tails.len() {
            tails.push(p);
        } else {
            tails[len] = p;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(p) = cur {
        run.push(pairs[p]);
        cur = prev[p];
    }
    run.reverse();
    run
}

/// The note that a copy differs from its original (`original`: its number as shown): on the
/// copy's file, at the line of its first change (`body_line`: the file's line on which its
/// text starts), naming the first few changes. `None` when the copy does not differ.
///
/// Every word `check` says of a copy is here.
pub fn note(file: &Path, body_line: usize, original: &str, c: &Comparison) -> Option<Diagnostic> {
    if !c.differs() {
        return None;
    }
    let changes: Vec<&Difference> = c
        .differences
        .iter()
        .filter(|d| d.kind == Kind::Change)
        .collect();
    let message = if c.spelling > 0 {
        msg::copy_differs_spelling(original, c.changes, c.spelling)
    } else {
        msg::copy_differs(original, c.changes)
    };
    let mut help: Vec<Msg> = changes
        .iter()
        .take(NOTED)
        .map(|d| {
            msg::copy_change(
                (body_line + d.line).to_string(),
                shorten(&d.was),
                shorten(&d.now),
            )
        })
        .collect();
    if changes.len() > NOTED {
        help.push(msg::copy_more(changes.len() - NOTED));
    }
    if c.capped {
        help.push(msg::copy_capped(MAX_WORDS));
    }
    help.push(msg::copy_advice());
    let help = help
        .into_iter()
        .rev()
        .reduce(|below, above| msg::two_lines(above, below))
        .expect("the advice at least");
    Some(
        Diagnostic::note(file, message)
            .line(Some(body_line + changes[0].line))
            .help(help),
    )
}

/// At most 60 characters of `s`, "…" after what is cut; "(nothing)" for no words.
fn shorten(s: &str) -> Msg {
    if s.is_empty() {
        return msg::copy_nothing();
    }
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    msg::verbatim(out)
}

#[cfg(test)]
#[path = "copies_tests.rs"]
mod tests;
