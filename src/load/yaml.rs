//! The one module that touches the YAML library (`serde_norway`, the maintained fork of
//! serde_yaml), plus a line locator that maps a key path such as `tasks[2].lead` back to
//! its line in the source, so every diagnostic can name the line an editor must fix.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use rustc_hash::FxHashMap;
pub use serde_norway::{Mapping, Value};

/// The value of `map` at the text key `key`, as `Mapping::get` finds it (only a key that is a
/// string, untagged, matches), but by comparing the keys one by one: the mappings of front
/// matter hold a handful of keys, for which this is cheaper than `Mapping::get`'s hashing.
pub fn get<'v>(map: &'v Mapping, key: &str) -> Option<&'v Value> {
    map.iter()
        .find(|(k, _)| matches!(k, Value::String(name) if name == key))
        .map(|(_, v)| v)
}

/// A YAML syntax error with its one-based position inside the parsed text.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub line: Option<usize>,
    pub message: String,
    /// The first key, when it is indented and a later line is less so: the likely mistake
    /// (the parser's own message, "more than one document", has no line and says nothing of
    /// indentation). `line` is then the first key's.
    pub indented_key: Option<String>,
}

/// Parses YAML text into a generic value.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    serde_norway::from_str::<Value>(text).map_err(|e| {
        let indented = indented_first_key(text);
        SyntaxError {
            line: indented
                .as_ref()
                .map(|(line, _)| *line)
                .or_else(|| e.location().map(|l| l.line())),
            message: clean_message(&e.to_string()),
            indented_key: indented.map(|(_, key)| key),
        }
    })
}

/// The one-based line and the key of the first line of `text` that holds something, when it
/// is indented and a later such line is less indented.
fn indented_first_key(text: &str) -> Option<(usize, String)> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let (first, line) = lines.next()?;
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let depth = indent(line);
    if depth == 0 || !lines.any(|(_, l)| indent(l) < depth) {
        return None;
    }
    let key = line.trim();
    let key = key.split_once(':').map_or(key, |(k, _)| k.trim_end());
    Some((first + 1, key.to_string()))
}

/// serde_norway appends " at line N column M" to messages; we print the line ourselves.
fn clean_message(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// One step of a key path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// One meaningful line of block YAML. Its key and value are places in the [`Locator`]'s text.
#[derive(Debug, Clone)]
struct Line {
    /// One-based line number in the YAML text.
    number: usize,
    /// Column of the first non-space character.
    indent: usize,
    /// Column of the dash when the line is a sequence item.
    dash: Option<usize>,
    /// The key on this line and its column, if the line holds `key:`.
    key: Option<(Range<usize>, usize)>,
    /// The text after `key:`, if any (else the whole line but for its dash).
    value: Range<usize>,
}

/// Maps key paths to line numbers in block-style YAML. Flow style (`[a, b]`, `{k: v}`) is
/// located at the line of its key. Lookups fall back to the nearest located ancestor.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    /// The YAML text, which the lines' keys and values are places in.
    text: Box<str>,
    lines: Vec<Line>,
    /// Added to every line number: the line of the YAML text's first line in its file, minus one.
    offset: usize,
    /// What was found in big ranges, to be found again at once.
    memo: RefCell<Memo>,
    /// The steps of the path last looked up, as far as they were found: the keys of one
    /// entry (`tasks[2].id`, `tasks[2].lead`, …) are looked up one after another, and the
    /// steps they share are found once.
    trail: RefCell<Vec<Walked>>,
}

/// A step of a path found: its line, its own children, and its index when it is a
/// sequence item (a key's name is the key of its line).
#[derive(Debug, Clone)]
struct Walked {
    line: usize,
    children: Range<usize>,
    index: Option<usize>,
}

/// A step looked for in a range of lines: its line and its own children.
type Found = Option<(usize, Range<usize>)>;

/// The steps found in ranges of at least [`MEMO_FROM`] lines, by range: a registry of
/// thousands of bodies asks for each field of each body, and each of those lookups would
/// otherwise scan the whole list of bodies (twice), which grew with the square of its size.
#[derive(Debug, Clone, Default)]
struct Memo {
    keys: FxHashMap<(usize, usize), FxHashMap<String, Found>>,
    /// The sequence items of a range: their lines.
    items: FxHashMap<(usize, usize), Rc<[usize]>>,
}

/// Ranges at least this long are looked up through the [`Memo`]; a document's front matter
/// is scanned as it is.
const MEMO_FROM: usize = 64;

impl Locator {
    pub fn new(text: &str, offset: usize) -> Self {
        let lines = lines_at(text)
            .enumerate()
            .filter_map(|(i, (start, raw))| scan_line(i + 1, raw, start))
            .collect();
        Locator {
            text: text.into(),
            lines,
            offset,
            memo: RefCell::default(),
            trail: RefCell::default(),
        }
    }

    /// The first line that holds anything (not blank, not a comment).
    pub fn first_line(&self) -> Option<usize> {
        self.lines.first().map(|l| l.number + self.offset)
    }

    /// The file line of a key path; the deepest step that could be found wins.
    pub fn line(&self, path: &[Step]) -> Option<usize> {
        let (line, _) = self.walk(path);
        line.map(|i| self.lines[i].number + self.offset)
    }

    /// The raw scalar text written after a key, without quotes or comment.
    pub fn raw_value(&self, path: &[Step]) -> Option<String> {
        let i = match self.walk(path) {
            (Some(i), true) => i,
            _ => return None,
        };
        let v = self.text[self.lines[i].value.clone()].trim();
        let v = strip_comment(v);
        let v = v
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
            .unwrap_or(v);
        Some(v.to_string())
    }

    /// Walks `path` step by step, as far as its steps are found: the line of the deepest
    /// step found, and whether every step was. The steps it shares with the path walked
    /// before are not looked for again (see `trail`).
    fn walk(&self, path: &[Step]) -> (Option<usize>, bool) {
        let mut trail = self.trail.borrow_mut();
        let shared = trail
            .iter()
            .zip(path)
            .take_while(|(found, step)| self.is(found, step))
            .count();
        trail.truncate(shared);
        for step in &path[shared..] {
            let range = trail
                .last()
                .map_or(0..self.lines.len(), |f| f.children.clone());
            let Some((line, children)) = self.step(range, step) else {
                return (trail.last().map(|f| f.line), false);
            };
            let index = match step {
                Step::Index(i) => Some(*i),
                Step::Key(_) => None,
            };
            trail.push(Walked {
                line,
                children,
                index,
            });
        }
        (trail.last().map(|f| f.line), true)
    }

    /// Whether `found` is where `step` leads (from the same place).
    fn is(&self, found: &Walked, step: &Step) -> bool {
        match step {
            Step::Index(i) => found.index == Some(*i),
            Step::Key(k) => {
                found.index.is_none()
                    && self.lines[found.line]
                        .key
                        .as_ref()
                        .is_some_and(|(name, _)| self.text[name.clone()] == **k)
            }
        }
    }

    /// Finds `step` among the direct children in `range`; returns its line and its own children.
    fn step(&self, range: Range<usize>, step: &Step) -> Found {
        if range.len() < MEMO_FROM {
            return self.scan(range, step);
        }
        let at = (range.start, range.end);
        match step {
            Step::Key(k) => {
                if let Some(found) = self.memo.borrow().keys.get(&at).and_then(|m| m.get(*k)) {
                    return found.clone();
                }
                let found = self.scan(range, step);
                let mut memo = self.memo.borrow_mut();
                memo.keys
                    .entry(at)
                    .or_default()
                    .insert(k.to_string(), found.clone());
                found
            }
            Step::Index(n) => {
                let known = self.memo.borrow().items.get(&at).cloned();
                let items = known.unwrap_or_else(|| {
                    let items: Rc<[usize]> = self.items(range.clone()).into();
                    self.memo.borrow_mut().items.insert(at, Rc::clone(&items));
                    items
                });
                nth_item(&items, *n, range.end)
            }
        }
    }

    /// The lines of the sequence items directly in `range` (see [`nth_item`]).
    fn items(&self, range: Range<usize>) -> Vec<usize> {
        let lines = &self.lines[range.clone()];
        let Some(col) = lines.iter().filter_map(|l| l.dash).min() else {
            return Vec::new();
        };
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.dash == Some(col))
            .map(|(i, _)| range.start + i)
            .collect()
    }

    /// [`Locator::step`] by scanning the range.
    fn scan(&self, range: Range<usize>, step: &Step) -> Found {
        let lines = &self.lines[range.clone()];
        match step {
            Step::Key(k) => {
                let col = lines
                    .iter()
                    .filter_map(|l| l.key.as_ref().map(|k| k.1))
                    .min()?;
                let pos = lines.iter().position(
                    |l| matches!(&l.key, Some((name, c)) if *c == col && self.text[name.clone()] == **k),
                )?;
                let at = range.start + pos;
                let end = (at + 1..range.end)
                    .find(|&j| {
                        let l = &self.lines[j];
                        let content_col = l.key.as_ref().map(|k| k.1).unwrap_or(l.indent);
                        (l.dash.is_none() && content_col <= col) || l.dash.is_some_and(|d| d < col)
                    })
                    .unwrap_or(range.end);
                Some((at, at + 1..end))
            }
            Step::Index(n) => nth_item(&self.items(range.clone()), *n, range.end),
        }
    }
}

fn strip_comment(v: &str) -> &str {
    match v.find(" #") {
        Some(i) if !v.starts_with('"') && !v.starts_with('\'') => v[..i].trim_end(),
        _ => v,
    }
}

/// Item `n` of a sequence whose items start on the lines `items` and which ends before line
/// `end`: its line, and its own lines up to the next item.
fn nth_item(items: &[usize], n: usize, end: usize) -> Found {
    let at = *items.get(n)?;
    Some((at, at..items.get(n + 1).copied().unwrap_or(end)))
}

/// The lines of `text` as `str::lines` cuts them, each with the place it starts at (line
/// ends found by `memchr`, many bytes at a time).
fn lines_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|end| end + 1);
    let unended = (!text.is_empty() && !text.ends_with('\n')).then_some(text.len());
    let mut start = 0;
    ends.chain(unended).map(move |end| {
        let (at, piece) = (start, &text[start..end]);
        start = end;
        let line = match piece.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None => piece,
        };
        (at, line)
    })
}

/// The line `raw` (number `number`, starting at byte `start` of the text), unless it holds
/// nothing to locate.
fn scan_line(number: usize, raw: &str, start: usize) -> Option<Line> {
    let indent = raw.len() - raw.trim_start_matches(' ').len();
    let rest = raw[indent..].trim_end();
    if rest.is_empty() || rest.starts_with('#') || rest == "---" || rest == "..." {
        return None;
    }
    let (dash, body, body_col) = match rest.strip_prefix('-') {
        Some(after) if after.is_empty() || after.starts_with(' ') => {
            let trimmed = after.trim_start();
            (
                Some(indent),
                trimmed,
                indent + 1 + (after.len() - trimmed.len()),
            )
        }
        _ => (None, rest, indent),
    };
    // Where `part`, a slice of `raw`, stands in the text.
    let place = |part: &str| {
        let at = start + part.as_ptr() as usize - raw.as_ptr() as usize;
        at..at + part.len()
    };
    let (key, value) = match split_key(body) {
        Some((k, v)) => (Some((place(k), body_col)), place(v)),
        None => (None, place(body)),
    };
    Some(Line {
        number,
        indent,
        dash,
        key,
        value,
    })
}

/// `key: value` or `key:` → (key, value), both trimmed slices of `s`; quoted keys are
/// unquoted.
fn split_key(s: &str) -> Option<(&str, &str)> {
    if s.starts_with(['[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    let (key, rest) = if let Some(q) = s.strip_prefix('"') {
        let end = q.find('"')?;
        (&q[..end], &q[end + 1..])
    } else if let Some(q) = s.strip_prefix('\'') {
        let end = q.find('\'')?;
        (&q[..end], &q[end + 1..])
    } else {
        let b = s.as_bytes();
        let end = memchr::memchr_iter(b':', b)
            .find(|&i| b.get(i + 1) == Some(&b' '))
            .or_else(|| s.strip_suffix(':').map(|k| k.len()))?;
        (&s[..end], &s[end..])
    };
    let value = rest.trim_start().strip_prefix(':')?;
    Some((key.trim(), value.trim()))
}

// Writing: scalars that read back as written (`chidao new`, `chidao import`).

/// A YAML scalar in block context: plain when the YAML parser reads it back as exactly `s`
/// (and it cannot be mistaken for a comment or a key), else double-quoted.
pub fn scalar(s: &str) -> String {
    if plain_ok(s, false) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// A YAML scalar inside a flow list `[a, b]`.
pub fn flow_item(s: &str) -> String {
    if plain_ok(s, true) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

fn special(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

fn plain_ok(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s
        || s.chars().any(special)
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains('#')
        || s.ends_with(':')
        || (flow && s.contains([',', '[', ']', '{', '}']))
    {
        return false;
    }
    // The parser must read it back as the same string: not a number, a boolean, null, ...
    let doc = if flow {
        format!("k: [{s}]")
    } else {
        format!("k: {s}")
    };
    let Ok(Value::Mapping(m)) = parse(&doc) else {
        return false;
    };
    match (m.get("k"), flow) {
        (Some(Value::String(v)), false) => v == s,
        (Some(Value::Sequence(items)), true) => {
            matches!(items.as_slice(), [Value::String(v)] if v == s)
        }
        _ => false,
    }
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if special(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a YAML comment: one line.
pub fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if special(c) { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
