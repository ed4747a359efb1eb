//! Typed reading of YAML values: each accessor converts one key and reports a mistake as a
//! diagnostic located by key path (file, line, `tasks[1].lead`), so loading never stops at
//! the first problem.

use std::path::Path;

use chrono::NaiveDate;

use crate::deadline::parse_date;
use crate::diagnostic::Diagnostic;
use crate::yaml::{Locator, Mapping, Step, Value};

/// A value with the place it was written, for diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub line: Option<usize>,
    /// The key path as shown to editors, e.g. `tasks[1].lead`.
    pub key: String,
}

/// Renders a key path the way editors read it: `tasks[1].lead`.
pub fn key_path(path: &[Step]) -> String {
    let mut s = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// The error for an id whose [`slug`](crate::text::slug) is too long to name its page (more
/// than [`MAX_SLUG`](crate::text::MAX_SLUG) bytes), at the id; `None` for any other.
pub fn slug_too_long(file: &Path, id: &Located<String>, slug: &str) -> Option<Diagnostic> {
    let max = crate::text::MAX_SLUG;
    (slug.len() > max).then(|| {
        Diagnostic::error(
            file,
            format!(
                "this id is too long to name its page: {} characters as a file name, at most {max}",
                slug.len()
            ),
        )
        .line(id.line)
        .key(&id.key)
        .help("an id is a number as printed (e.g. `39-KL/TW`) or a short name; the title goes in `title`")
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

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub fn push_all(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.diags.extend(ds);
    }

    pub fn error(&mut self, path: &[Step], msg: impl Into<String>) {
        let d = Diagnostic::error(self.file, msg)
            .line(self.loc.line(path))
            .key(key_path(path));
        self.diags.push(d);
    }

    fn with<'p>(path: &[Step<'p>], key: &'p str) -> Vec<Step<'p>> {
        let mut full = path.to_vec();
        full.push(Step::Key(key));
        full
    }

    pub fn mapping<'v>(&mut self, v: &'v Value, path: &[Step]) -> Option<&'v Mapping> {
        match v {
            Value::Mapping(m) => Some(m),
            _ => {
                let what = if path.is_empty() {
                    "the front matter"
                } else {
                    "this entry"
                };
                self.error(path, format!("{what} must be a set of `key: value` lines"));
                None
            }
        }
    }

    /// The whole of a settings file (`site.yaml`, `bodies.yaml`) as a mapping; anything else
    /// is an error at its first line, `help` saying what the file holds.
    pub fn file_mapping<'v>(&mut self, v: &'v Value, help: &str) -> Option<&'v Mapping> {
        let what = match v {
            Value::Mapping(m) => return Some(m),
            Value::Null => "it is empty",
            Value::Sequence(_) => "it is a list",
            _ => "it holds a single value",
        };
        let d = Diagnostic::error(
            self.file,
            format!("this file must be a set of `key: value` lines; {what}"),
        )
        .line(self.loc.first_line())
        .help(help);
        self.diags.push(d);
        None
    }

    /// Warns about keys not in `known`, suggesting the nearest known key.
    pub fn check_keys(&mut self, map: &Mapping, path: &[Step], known: &[&str]) {
        for k in map.keys() {
            let Some(name) = k.as_str() else {
                self.error(path, "a key must be a word such as `id` or `title`");
                continue;
            };
            if known.contains(&name) {
                continue;
            }
            let near = known
                .iter()
                .map(|c| (strsim::jaro_winkler(&name.to_lowercase(), c), c))
                .filter(|(s, _)| *s >= 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, c)| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("known keys here: {}", known.join(", ")));
            let full = Self::with(path, name);
            self.diags.push(
                Diagnostic::warning(self.file, format!("unknown key `{name}` is ignored"))
                    .line(self.loc.line(&full))
                    .key(key_path(&full))
                    .help(near),
            );
        }
    }

    /// A scalar as text. Numbers keep the digits as written (`3.10` stays `3.10`).
    pub fn string(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Option<Located<String>> {
        let full = Self::with(path, key);
        let v = map.get(key)?;
        let line = self.loc.line(&full);
        let text = match v {
            Value::Null => return None,
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => self.loc.raw_value(&full).unwrap_or_else(|| n.to_string()),
            Value::Bool(b) => b.to_string(),
            _ => {
                self.error(
                    &full,
                    format!("`{key}` must be a single value, not a list or a mapping"),
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
        if found.is_none() && !matches!(map.get(key), Some(Value::Sequence(_) | Value::Mapping(_)))
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
        let full = Self::with(path, key);
        match map.get(key) {
            None | Some(Value::Null) => Some(Vec::new()),
            Some(Value::Sequence(items)) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let mut p = full.clone();
                        p.push(Step::Index(i));
                        (p, v)
                    })
                    .collect(),
            ),
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
                Value::String(s) => s.trim().to_string(),
                Value::Number(n) => n.to_string(),
                _ => {
                    self.error(&p, "each entry must be a single value");
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
                        .help("dates are written 2022-07-18 or 18/7/2022; omit the key when the date is unknown"),
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
        let full = Self::with(path, key);
        let v = map.get(key)?;
        match v.as_i64() {
            Some(n) => Some(Located {
                value: n,
                line: self.loc.line(&full),
                key: key_path(&full),
            }),
            None => {
                self.error(&full, format!("`{key}` must be a whole number"));
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
        if !map.contains_key(key) {
            self.missing(path, key);
        }
        self.integer(map, path, key)
    }

    pub fn required_number(
        &mut self,
        map: &Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Option<f64> {
        let full = Self::with(path, key);
        match map.get(key) {
            None => {
                self.missing(path, key);
                None
            }
            Some(v) => v.as_f64().or_else(|| {
                self.error(&full, format!("`{key}` must be a number"));
                None
            }),
        }
    }

    /// A required key is absent (or empty): located at its entry, or line 1 for a document.
    fn missing(&mut self, path: &[Step], key: &'static str) {
        let full = Self::with(path, key);
        let what = if path.is_empty() {
            "the document"
        } else {
            "this entry"
        };
        self.diags.push(
            Diagnostic::error(self.file, format!("missing required key `{key}`"))
                .line(self.loc.line(&full).or(Some(1)))
                .key(key_path(&full))
                .help(format!("add `{key}: ...` to {what}")),
        );
    }

    /// The mappings of a list-valued key, with their indexes.
    pub fn items<'v>(
        &mut self,
        map: &'v Mapping,
        path: &[Step],
        key: &'static str,
    ) -> Vec<(usize, &'v Mapping)> {
        let Some(entries) = Self::entries(map, path, key) else {
            let full = Self::with(path, key);
            let msg = format!("`{key}` must be a list of entries, each starting with `- `");
            self.error(&full, msg);
            return Vec::new();
        };
        entries
            .into_iter()
            .enumerate()
            .filter_map(|(i, (p, v))| self.mapping(v, &p).map(|m| (i, m)))
            .collect()
    }
}
