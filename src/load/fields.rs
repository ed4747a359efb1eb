//! Typed reading of YAML values: each accessor converts one key and reports a mistake as a
//! diagnostic located by key path (file, line, `tasks[1].lead`), so loading never stops at
//! the first problem.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::deadline::parse_date;
use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::Located;
use crate::load::yaml::{get, Locator, Mapping, Step, Value};
use crate::messages::{msg, Msg};

/// Renders a key path the way editors read it: `tasks[1].lead`.
pub fn key_path(path: &[Step]) -> String {
    let room = |step: &Step| match step {
        Step::Key(k) => k.len() + 1,
        Step::Index(_) => 6,
    };
    let mut s = String::with_capacity(path.iter().map(room).sum());
    for step in path {
        match step {
            Step::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Index(i) => {
                let _ = write!(s, "[{i}]");
            }
        }
    }
    s
}

/// The keys whose text is prose, where a newline and a tab are kept (a multi-line YAML
/// value); every other text value is one line.
const PROSE_KEYS: [&str; 3] = ["title", "text", "due_note"];

/// The first control character of `s` (C0, DEL or C1; but for a newline and a tab in
/// `prose`), found by a byte scan that nearly always ends the look: such a character is a byte
/// below 0x20, 0x7F, or (U+0080 to U+009F) 0xC2 and a second byte. The scan looks at every
/// byte, without a branch (hence `|`, not `||`), which the compiler does many bytes at a time.
fn forbidden_char(s: &str, prose: bool) -> Option<char> {
    let maybe = s.bytes().fold(false, |maybe, b| {
        maybe | (b < 0x20) | (b == 0x7F) | (b == 0xC2)
    });
    if !maybe {
        return None;
    }
    s.chars().find(|&c| is_forbidden(c, prose))
}

fn is_forbidden(c: char, prose: bool) -> bool {
    c.is_control() && !(prose && (c == '\n' || c == '\t'))
}

/// What to do about a control character in a value.
fn control_help(c: char) -> Msg {
    if c == '\n' || c == '\t' {
        let prose = PROSE_KEYS.map(|k| format!("`{k}`")).join(", ");
        msg::control_help_line(prose)
    } else {
        msg::control_help_other()
    }
}

/// The known key an unknown one is a slip for, if any: the nearest within one edit (a letter
/// added, left out or changed, or two swapped: `deu` for `due`) of a key of up to four
/// letters, two of a longer one, or else as alike as Jaro-Winkler's 0.8.
pub(crate) fn nearest_key<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let name = name.to_lowercase();
    known
        .iter()
        .map(|&k| {
            (
                strsim::osa_distance(&name, k),
                strsim::jaro_winkler(&name, k),
                k,
            )
        })
        .filter(|&(edits, alike, k)| edits <= if k.len() <= 4 { 1 } else { 2 } || alike >= 0.8)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, k)| k)
}

/// The error for an id whose [`slug`](crate::text::slug) is too long to name its page (more
/// than [`MAX_SLUG`](crate::text::MAX_SLUG) bytes), at the id; `None` for any other.
pub fn slug_too_long(file: &Path, id: &Located<String>, slug: &str) -> Option<Diagnostic> {
    let max = crate::text::MAX_SLUG;
    (slug.len() > max).then(|| {
        Diagnostic::error(file, msg::slug_too_long(slug.len(), max))
            .line(id.line)
            .key(&id.key)
            .help(msg::slug_too_long_help())
    })
}

/// Typed reading of YAML values with diagnostics located by key path.
pub struct Fields<'a> {
    file: &'a Path,
    pub loc: &'a Locator,
    diags: &'a mut Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    pub fn new(file: &'a Path, loc: &'a Locator, diags: &'a mut Vec<Diagnostic>) -> Self {
        Fields { file, loc, diags }
    }

    /// The file whose keys these are.
    pub fn file(&self) -> &'a Path {
        self.file
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub fn push_all(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.diags.extend(ds);
    }

    pub fn error(&mut self, path: &[Step], msg: Msg) {
        let d = Diagnostic::error(self.file, msg)
            .line(self.loc.line(path))
            .key(key_path(path));
        self.diags.push(d);
    }

    fn with<'p>(path: &[Step<'p>], key: &'p str) -> Vec<Step<'p>> {
        Self::then(path, Step::Key(key))
    }

    /// `path` and one more `step`.
    fn then<'p>(path: &[Step<'p>], step: Step<'p>) -> Vec<Step<'p>> {
        let mut full = Vec::with_capacity(path.len() + 1);
        full.extend_from_slice(path);
        full.push(step);
        full
    }

    pub fn mapping<'v>(&mut self, v: &'v Value, path: &[Step]) -> Option<&'v Mapping> {
        match v {
            Value::Mapping(m) => Some(m),
            _ => {
                self.error(
                    path,
                    if path.is_empty() {
                        msg::front_matter_not_mapping()
                    } else {
                        msg::entry_not_mapping()
                    },
                );
                None
            }
        }
    }

    /// The whole of a settings file (`site.yaml`, `bodies.yaml`) as a mapping; anything else
    /// is an error at its first line, `help` saying what the file holds.
    pub fn file_mapping<'v>(&mut self, v: &'v Value, help: Msg) -> Option<&'v Mapping> {
        let what = match v {
            Value::Mapping(m) => return Some(m),
            Value::Null => msg::file_is_empty(),
            Value::Sequence(_) => msg::file_is_list(),
            _ => msg::file_is_scalar(),
        };
        let d = Diagnostic::error(self.file, msg::file_not_mapping(what))
            .line(self.loc.first_line())
            .help(help);
        self.diags.push(d);
        None
    }

    /// Warns about keys not in `known`, suggesting the nearest known key.
    pub fn check_keys(&mut self, map: &Mapping, path: &[Step], known: &[&str]) {
        for k in map.keys() {
            let Some(name) = k.as_str() else {
                self.error(path, msg::key_not_word());
                continue;
            };
            if known.contains(&name) {
                continue;
            }
            let near = nearest_key(name, known)
                .map(msg::did_you_mean)
                .unwrap_or_else(|| msg::known_keys(known.join(", ")));
            let full = Self::with(path, name);
            self.diags.push(
                Diagnostic::warning(self.file, msg::unknown_key(name))
                    .line(self.loc.line(&full))
                    .key(key_path(&full))
                    .help(near),
            );
        }
    }

    /// A text value, trimmed. A control character it holds (from a YAML escape such as
    /// `"\0"`, `"\v"` or `"\x1b"`; a newline or a tab unless `prose`) is an error, and the
    /// text is read without it, so that nothing else is reported about the value.
    fn printable(&mut self, s: &str, path: &[Step], prose: bool) -> String {
        let s = s.trim();
        let Some(c) = forbidden_char(s, prose) else {
            return s.to_string();
        };
        self.diags.push(
            Diagnostic::error(
                self.file,
                msg::control_char(format!("{:04X}", u32::from(c))),
            )
            .line(self.loc.line(path))
            .key(key_path(path))
            .help(control_help(c)),
        );
        let kept: String = s.chars().filter(|&c| !is_forbidden(c, prose)).collect();
        kept.trim().to_string()
    }

    /// A scalar as text. Numbers keep the digits as written (`3.10` stays `3.10`).
    pub fn string(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Option<Located<String>> {
        let v = get(map, key)?;
        let full = Self::with(path, key);
        let line = self.loc.line(&full);
        let text = match v {
            Value::Null => return None,
            Value::String(s) => self.printable(s, &full, PROSE_KEYS.contains(&key)),
            Value::Number(n) => self.loc.raw_value(&full).unwrap_or_else(|| n.to_string()),
            Value::Bool(b) => b.to_string(),
            _ => {
                self.error_helped(
                    &full,
                    msg::not_single_value(key),
                    Some(msg::not_single_value_help(key)),
                );
                return None;
            }
        };
        Some(Located {
            value: text,
            line,
            key: key_path(&full),
        })
    }

    pub fn required_string(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Option<Located<String>> {
        let found = self.string(map, path, key).filter(|s| !s.value.is_empty());
        if found.is_none() && !matches!(get(map, key), Some(Value::Sequence(_) | Value::Mapping(_)))
        {
            self.missing(path, key);
        }
        found
    }

    /// The entries of a sequence-valued key with their key paths; `None` when the value is
    /// present but not a sequence.
    fn entries<'v, 'p>(
        map: &'v Mapping,
        path: &[Step<'p>],
        key: &'p str,
    ) -> Option<Vec<(Vec<Step<'p>>, &'v Value)>> {
        match get(map, key) {
            None | Some(Value::Null) => Some(Vec::new()),
            Some(Value::Sequence(items)) => {
                let full = Self::with(path, key);
                Some(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (Self::then(&full, Step::Index(i)), v))
                        .collect(),
                )
            }
            Some(_) => None,
        }
    }

    /// A list of scalars; a single scalar counts as a list of one.
    pub fn string_list(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Vec<Located<String>> {
        let Some(entries) = Self::entries(map, path, key) else {
            return self.string(map, path, key).into_iter().collect();
        };
        let mut out = Vec::new();
        for (p, v) in entries {
            let text = match v {
                Value::String(s) => self.printable(s, &p, false),
                Value::Number(n) => n.to_string(),
                _ => {
                    self.error(&p, msg::entry_not_single());
                    continue;
                }
            };
            out.push(Located {
                value: text,
                line: self.loc.line(&p),
                key: key_path(&p),
            });
        }
        out
    }

    pub fn date(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Option<Located<NaiveDate>> {
        let s = self.string(map, path, key)?;
        match parse_date(&s.value) {
            Ok(d) => Some(Located {
                value: d,
                line: s.line,
                key: s.key,
            }),
            Err(msg) => {
                self.diags.push(
                    Diagnostic::error(self.file, msg)
                        .line(s.line)
                        .key(&s.key)
                        .help(msg::date_help()),
                );
                None
            }
        }
    }

    pub fn integer(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Option<Located<i64>> {
        let v = get(map, key)?;
        let full = Self::with(path, key);
        match v.as_i64() {
            Some(n) => Some(Located {
                value: n,
                line: self.loc.line(&full),
                key: key_path(&full),
            }),
            None => {
                self.error(&full, msg::not_whole_number(key));
                None
            }
        }
    }

    pub fn required_integer(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Option<Located<i64>> {
        if get(map, key).is_none() {
            self.missing(path, key);
        }
        self.integer(map, path, key)
    }

    /// A year, from 1 to 9999 as in dates.
    pub fn required_year(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Option<i32> {
        let n = self.required_integer(map, path, key)?;
        let year = i32::try_from(n.value)
            .ok()
            .filter(|y| (1..=9999).contains(y));
        if year.is_none() {
            self.error(&Self::with(path, key), msg::not_year(key));
        }
        year
    }

    /// An amount (a target's or a result's `value`): a finite number, 0 or more.
    pub fn required_amount(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Option<f64> {
        let full = Self::with(path, key);
        let Some(v) = get(map, key) else {
            self.missing(path, key);
            return None;
        };
        let n = v.as_f64().filter(|n| n.is_finite() && *n >= 0.0);
        if n.is_none() {
            self.error(&full, msg::not_amount(key));
        }
        n
    }

    /// A required key is absent (or empty): located at its entry, or line 1 for a document.
    fn missing(&mut self, path: &[Step], key: &'static str) {
        let full = Self::with(path, key);
        let help = if path.is_empty() {
            msg::add_key_to_document(key)
        } else {
            msg::add_key_to_entry(key)
        };
        self.diags.push(
            Diagnostic::error(self.file, msg::missing_key(key))
                .line(self.loc.line(&full).or(Some(1)))
                .key(key_path(&full))
                .help(help),
        );
    }

    /// The mappings of a list-valued key, with their indexes.
    pub fn items<'v>(
        &mut self,
        map: &'v Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Vec<(usize, &'v Mapping)> {
        self.items_of(map, path, key, None)
    }

    /// [`Fields::items`], with `help` (how an entry is written) for a mistake in the list's
    /// shape: the value is not a list, or an entry is not a set of `key: value` lines.
    pub fn items_helped<'v>(
        &mut self,
        map: &'v Mapping,
        path: &[Step],
        key: &'static str,
        help: Msg,
    ) -> Vec<(usize, &'v Mapping)> {
        self.items_of(map, path, key, Some(help))
    }

    fn items_of<'v>(
        &mut self,
        map: &'v Mapping,
        path: &[Step],
        key: &'static str,
        help: Option<Msg>,
    ) -> Vec<(usize, &'v Mapping)> {
        let Some(entries) = Self::entries(map, path, key) else {
            let full = Self::with(path, key);
            self.error_helped(&full, msg::not_list(key), help);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(entries.len());
        for (i, (p, v)) in entries.into_iter().enumerate() {
            match (v, &help) {
                (Value::Mapping(m), _) => out.push((i, m)),
                (_, Some(help)) => {
                    self.error_helped(&p, msg::entry_not_mapping(), Some(help.clone()))
                }
                (_, None) => {
                    self.mapping(v, &p);
                }
            }
        }
        out
    }

    /// An error at `path`, with `help` if any.
    fn error_helped(&mut self, path: &[Step], msg: Msg, help: Option<Msg>) {
        let d = Diagnostic::error(self.file, msg)
            .line(self.loc.line(path))
            .key(key_path(path))
            .maybe_help(help);
        self.diags.push(d);
    }

    /// A required date: absent or empty is an error, as is a text that is not a date.
    pub fn required_date(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Option<Located<NaiveDate>> {
        if matches!(get(map, key), None | Some(Value::Null)) {
            self.missing(path, key);
            return None;
        }
        self.date(map, path, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_but_a_newline_and_a_tab_in_prose() {
        for (text, prose, found) in [
            ("Sở Nội vụ – «Tỉnh» ©", false, None),
            ("a\0b", true, Some('\0')),
            ("a\x0Bb", true, Some('\x0B')),
            ("a\x1b[31m", true, Some('\x1b')),
            ("a\x7Fb", true, Some('\x7F')),
            ("a\u{85}b", true, Some('\u{85}')),
            ("a\u{9F}b", false, Some('\u{9F}')),
            ("dòng một\ndòng hai\tcột", true, None),
            ("dòng một\ndòng hai", false, Some('\n')),
            ("cột\tcột", false, Some('\t')),
            ("a\u{A0}b\u{2028}", false, None),
        ] {
            assert_eq!(forbidden_char(text, prose), found, "{text:?}");
        }
    }
}
