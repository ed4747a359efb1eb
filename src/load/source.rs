//! Loading: walks `content/`, reads each file (BOM, CRLF and non-UTF-8 handled), splits the
//! front matter with true line numbers and reads its keys into `SourceDoc`s, plain data with
//! names still unresolved. Every problem becomes a diagnostic; nothing here panics.

use crate::messages::{msg, Msg};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diagnostic::{display_path, Diagnostic};
use crate::load::at;
pub use crate::load::fields::{key_path, Fields, Located};
pub use crate::load::files::{is_document_file, is_document_name, is_skipped, markdown_files};
use crate::load::plain::{self, NotPlain};
use crate::load::yaml::{self, Locator, Mapping, Step, Value};
use crate::model::{Language, SiteConfig, YearSpan};
use crate::text::{name_key, nfc_cow, slug, task_key, SlugSet};
use task::read_task;
pub use task::{SourceExtension, SourceProgress, SourceTask, TASK_KEYS};

mod task;

#[derive(Debug, Clone)]
pub struct SourceTarget {
    pub id: Located<String>,
    pub name: String,
    pub unit: Option<String>,
    pub per_year: Vec<YearSpan>,
}

#[derive(Debug, Clone)]
pub struct SourceResult {
    pub target: Located<String>,
    pub year: i32,
    pub value: f64,
}

/// A document as written, before names and ids are resolved.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// Path relative to the site root, for messages.
    pub file: PathBuf,
    pub id: Located<String>,
    /// `number`: `None` when absent (the id is shown), `Some("")` for no printed number.
    pub number: Option<String>,
    /// The [`name_key`] and the [`slug`] of the id (made once, at load).
    pub key: Arc<str>,
    pub slug: String,
    pub kind: Arc<str>,
    pub title: Arc<str>,
    pub issuer: Option<Located<String>>,
    pub date: Option<Located<NaiveDate>>,
    pub place: Option<Arc<str>>,
    pub signer: Option<Arc<str>>,
    pub signer_title: Option<Arc<str>>,
    pub implements: Vec<Located<String>>,
    pub copy_of: Option<Located<String>>,
    pub follows: Vec<Located<String>>,
    pub references: Vec<Located<String>>,
    pub recipients: Vec<Located<String>>,
    pub source: Option<Arc<str>>,
    pub tasks: Vec<SourceTask>,
    pub targets: Vec<SourceTarget>,
    pub results: Vec<SourceResult>,
    pub body: Arc<str>,
    /// One-based line of the body's first line in the file.
    pub body_line: usize,
}

pub const DOCUMENT_KEYS: &[&str] = &[
    "id",
    "number",
    "kind",
    "title",
    "issuer",
    "date",
    "place",
    "signer",
    "signer_title",
    "implements",
    "copy_of",
    "follows",
    "references",
    "recipients",
    "source",
    "tasks",
    "targets",
    "results",
];
const TARGET_KEYS: &[&str] = &["id", "name", "unit", "per_year"];
const SPAN_KEYS: &[&str] = &["from", "to", "value"];
const RESULT_KEYS: &[&str] = &["target", "year", "value"];
const SITE_KEYS: &[&str] = &["title", "language", "soon_days", "theme"];

/// Reads a text file as an editor saved it: strips a UTF-8 BOM, turns CRLF into LF, composes
/// to NFC. A file that is not UTF-8 is an error that says so; so is anything that is not a
/// plain file (a link is not followed, a named pipe not waited on: `plain`).
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = plain::read(path).map_err(|e| not_read(shown, e))?;
    decode(bytes, shown).map_err(|e| e.0)
}

/// The error for a file that could not be read.
fn not_read(shown: &Path, e: NotPlain) -> Diagnostic {
    let help = match e {
        NotPlain::Is(what) => Some(not_plain_help(what)),
        _ => None,
    };
    Diagnostic::error(shown, e.message()).maybe_help(help)
}

fn not_plain_help(what: &str) -> Msg {
    if what == "a symbolic link" {
        msg::symlink_help()
    } else {
        msg::not_plain_help()
    }
}

/// The text of a file's bytes (see `read_text`), in the bytes' own buffer when nothing needs
/// changing. Not UTF-8: the error, and the bytes back.
fn decode(mut bytes: Vec<u8>, shown: &Path) -> Result<String, Box<(Diagnostic, Vec<u8>)>> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let bom = bytes.starts_with(BOM);
    if bom {
        bytes.drain(..BOM.len());
    }
    // simdutf8 checks Vietnamese text (mostly multi-byte letters) ~10× faster than the
    // standard library, whose fast path is ASCII: at 100,000 documents the standard check was
    // an eighth of loading.
    let text = match simdutf8::compat::from_utf8(&bytes) {
        // SAFETY: simdutf8 has just checked that `bytes` is UTF-8 (its results are tested
        // against the standard library's in `source_tests.rs`).
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(e) => Err((e.valid_up_to(), bytes)),
    };
    let text = text.map_err(|(at, mut bytes)| {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let d = Diagnostic::error(shown, msg::not_utf8(format!("{:02X}", bytes[at])))
            .line(Some(line))
            .help(msg::not_utf8_help());
        if bom {
            bytes.splice(..0, BOM.iter().copied());
        }
        Box::new((d, bytes))
    })?;
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(match nfc_cow(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(composed) => composed,
    })
}

/// Splits `---\nYAML\n---\nbody`. Returns the YAML, the line the YAML starts on (1-based),
/// and the body.
pub fn split_front_matter(text: &str) -> Result<(&str, usize, &str), (Msg, usize, Msg)> {
    if text.trim().is_empty() {
        return Err((msg::file_empty(), 1, msg::file_empty_help()));
    }
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err((msg::no_front_matter(), 1, msg::no_front_matter_help()));
    }
    let yaml_start = (first.len() + 1).min(text.len());
    let mut start = yaml_start;
    while start < text.len() {
        // The next line with its end, found by `memchr` (many bytes at a time).
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i + 1);
        let line = text[start..end].trim_end();
        if line == "---" || line == "..." {
            return Ok((&text[yaml_start..start], 2, &text[end..]));
        }
        start = end;
    }
    Err((
        msg::front_matter_not_closed(),
        1,
        msg::front_matter_not_closed_help(),
    ))
}

/// Reads `site.yaml`.
pub fn load_site_config(file: &Path, text: &str) -> (SiteConfig, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut cfg = SiteConfig::default();
    let value = match yaml::parse(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(yaml_error(file, &e, 0));
            return (cfg, diags);
        }
    };
    if value.is_null() {
        return (cfg, diags);
    }
    let loc = Locator::new(text, 0);
    let mut f = Fields::new(file, &loc, &mut diags);
    let Some(map) = f.file_mapping(&value, msg::site_help()) else {
        return (cfg, diags);
    };
    f.check_keys(map, &[], SITE_KEYS);
    if let Some(t) = f.string(map, &[], "title") {
        cfg.title = t.value;
    }
    if let Some(l) = f.string(map, &[], "language") {
        match l.value.trim().to_lowercase().as_str() {
            "vi" => cfg.language = Language::Vi,
            "en" => cfg.language = Language::En,
            other => f.push(
                Diagnostic::error(file, msg::unknown_language(other))
                    .line(l.line)
                    .key("language")
                    .help(msg::unknown_language_help()),
            ),
        }
    }
    if let Some(n) = f.integer(map, &[], "soon_days") {
        match u32::try_from(n.value) {
            Ok(v) if v <= 3650 => cfg.soon_days = v,
            _ => f.push(
                Diagnostic::error(file, msg::bad_soon_days())
                    .line(n.line)
                    .key("soon_days"),
            ),
        }
    }
    if let Some(t) = f.string(map, &[], "theme") {
        cfg.theme = Some(t.value);
        cfg.theme_line = t.line;
    }
    (cfg, diags)
}

pub fn yaml_error(file: &Path, e: &yaml::SyntaxError, offset: usize) -> Diagnostic {
    let line = e.line.map(|l| l + offset);
    if let Some(key) = &e.indented_key {
        let help = if file.extension().is_some_and(|x| x == "md") {
            msg::yaml_indented_key_help_front(key)
        } else {
            msg::yaml_indented_key_help_file(key)
        };
        return Diagnostic::error(file, msg::yaml_indented_key(key))
            .line(line)
            .help(help);
    }
    Diagnostic::error(file, msg::yaml_invalid(&e.message))
        .line(line)
        .help(msg::yaml_invalid_help())
}

/// The documents of a content folder: those that loaded, and the ids of those that exist
/// but could not be read (their errors are reported once, at their own file; links to them
/// are not reported again).
#[derive(Debug, Default, Clone)]
pub struct Documents {
    pub docs: Vec<Arc<SourceDoc>>,
    pub unreadable_ids: Vec<String>,
}

/// What loading one document file gave: the document, or (when it is too broken to use) the
/// id read from its `id:` line if any; and the problems found.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub doc: Result<Arc<SourceDoc>, Option<String>>,
    pub diags: Vec<Diagnostic>,
}

/// Reads and parses one document file. One that is not a plain file (a symbolic link, a
/// named pipe) is not read: a warning says it is skipped.
pub fn load_document(root: &Path, path: &Path) -> Loaded {
    let shown = display_path(root, path);
    let mut diags = Vec::new();
    let doc = match plain::read(path) {
        Err(NotPlain::Is(what)) => {
            diags.push(
                Diagnostic::warning(&shown, msg::skipped_not_file(plain::kind_msg(what)))
                    .help(not_plain_help(what)),
            );
            Err(None)
        }
        Err(e) => {
            diags.push(not_read(&shown, e));
            Err(None)
        }
        Ok(bytes) => match decode(bytes, &shown) {
            Ok(text) => parse_document(&shown, &text, &mut diags)
                .map(Arc::new)
                .ok_or_else(|| salvage_id(&text)),
            Err(e) => {
                let (d, bytes) = *e;
                diags.push(d);
                Err(salvage_id(&String::from_utf8_lossy(&bytes)))
            }
        },
    };
    Loaded { doc, diags }
}

/// Gathers loaded files (in path order) into the documents the graph is built from.
pub fn gather<'a>(loaded: impl IntoIterator<Item = &'a Loaded>) -> (Documents, Vec<Diagnostic>) {
    let mut out = Documents::default();
    let mut diags = Vec::new();
    for l in loaded {
        diags.extend(l.diags.iter().cloned());
        match &l.doc {
            Ok(doc) => out.docs.push(Arc::clone(doc)),
            Err(id) => out.unreadable_ids.extend(id.clone()),
        }
    }
    (out, diags)
}

/// Loads every document of the content folder, in parallel.
pub fn load_documents(root: &Path, content: &Path) -> (Documents, Vec<Diagnostic>) {
    // At most 128 files per job: left to itself, rayon cuts the list into as many pieces as
    // there are threads, and halves a piece further only when it is stolen, so that the last
    // piece (a quarter of the files on two cores) can keep one core busy while the other waits.
    let loaded: Vec<Loaded> = markdown_files(content)
        .par_iter()
        .with_max_len(128)
        .map(|p| load_document(root, p))
        .collect();
    gather(&loaded)
}

/// The `id` of a document too broken to load, read from its `id:` line if it has one.
fn salvage_id(text: &str) -> Option<String> {
    let line = text
        .lines()
        .skip(1)
        .take_while(|l| l.trim_end() != "---")
        .find_map(|l| l.strip_prefix("id:"))?;
    let v = line.trim().trim_matches(|c| c == '"' || c == '\'');
    (!v.is_empty()).then(|| v.to_string())
}

/// Parses one document's text, and finds the block of it each task's `at` names
/// (`at::blocks_named`). Returns `None` when it is too broken to use at all.
pub fn parse_document(file: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<SourceDoc> {
    let (mut doc, ats) = parse_front(file, text, diags)?;
    let blocks = at::blocks_named(file, &doc.body, doc.body_line, &ats, diags);
    for (task, block) in doc.tasks.iter_mut().zip(blocks) {
        task.at = block;
    }
    Some(doc)
}

/// [`parse_document`] but for the blocks of tasks' `at`: the document, and the `at` of its
/// tasks as written.
fn parse_front(
    file: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(SourceDoc, Vec<Option<Located<String>>>)> {
    let (value, loc, body) = front_matter(file, text, diags)?;
    let mut f = Fields::new(file, &loc, diags);
    let map = match &value {
        Value::Null => {
            f.push(
                Diagnostic::error(file, msg::front_matter_empty())
                    .line(Some(1))
                    .help(msg::front_matter_empty_help()),
            );
            return None;
        }
        v => f.mapping(v, &[])?,
    };
    f.check_keys(map, &[], DOCUMENT_KEYS);
    let id = f.required_string(map, &[], "id");
    let number = number(&mut f, map);
    let kind = f.required_string(map, &[], "kind");
    let title = f.required_string(map, &[], "title");
    let issuer = f.required_string(map, &[], "issuer");
    let date = f.date(map, &[], "date");
    let place: Option<Arc<str>> = f.string(map, &[], "place").map(|l| l.value.into());
    let signer: Option<Arc<str>> = f.string(map, &[], "signer").map(|l| l.value.into());
    let signer_title: Option<Arc<str>> = f.string(map, &[], "signer_title").map(|l| l.value.into());
    let implements = f.string_list(map, &[], "implements");
    let copy_of = f.string(map, &[], "copy_of");
    let follows = f.string_list(map, &[], "follows");
    let references = f.string_list(map, &[], "references");
    let recipients = f.string_list(map, &[], "recipients");
    let source: Option<Arc<str>> = f.string(map, &[], "source").map(|l| l.value.into());
    let (tasks, ats) = f
        .items(map, &[], "tasks")
        .into_iter()
        .filter_map(|(i, m)| read_task(&mut f, i, m))
        .unzip();
    let targets = f
        .items(map, &[], "targets")
        .into_iter()
        .filter_map(|(i, m)| read_target(&mut f, i, m))
        .collect();
    let results = f
        .items(map, &[], "results")
        .into_iter()
        .filter_map(|(i, m)| read_result(&mut f, i, m))
        .collect();
    let mut doc = SourceDoc {
        file: file.to_path_buf(),
        id: id?,
        number,
        key: Arc::from(""),
        slug: String::new(),
        kind: kind?.value.into(),
        title: title?.value.into(),
        issuer,
        date,
        place,
        signer,
        signer_title,
        implements,
        copy_of,
        follows,
        references,
        recipients,
        source,
        tasks,
        targets,
        results,
        body: body.into(),
        body_line: text[..text.len() - body.len()].matches('\n').count() + 1,
    };
    let mut anchors = SlugSet::default();
    for t in &mut doc.tasks {
        t.anchor = format!("task-{}", anchors.take(&t.id.value)).into();
    }
    doc.set_id(doc.id.clone());
    Some((doc, ats))
}

/// The front matter of a document's `text` read as YAML, with its line locator, and the
/// body after it; `None` (and the problem in `diags`) when there is no front matter or it is
/// not YAML.
fn front_matter<'t>(
    file: &Path,
    text: &'t str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Value, Locator, &'t str)> {
    let (yaml_text, first_line, body) = match split_front_matter(text) {
        Ok(parts) => parts,
        Err((msg, line, help)) => {
            diags.push(Diagnostic::error(file, msg).line(Some(line)).help(help));
            return None;
        }
    };
    let offset = first_line - 1;
    match yaml::parse(yaml_text) {
        Ok(v) => Some((v, Locator::new(yaml_text, offset), body)),
        Err(e) => {
            diags.push(yaml_error(file, &e, offset));
            None
        }
    }
}

/// Entry `i` of `results`, or `None` when a required key is missing or wrong.
fn read_result(f: &mut Fields, i: usize, m: &Mapping) -> Option<SourceResult> {
    let p = [Step::Key("results"), Step::Index(i)];
    f.check_keys(m, &p, RESULT_KEYS);
    let target = f.required_string(m, &p, "target");
    let year = f.required_year(m, &p, "year");
    let value = f.required_amount(m, &p, "value");
    Some(SourceResult {
        target: target?,
        year: year?,
        value: value?,
    })
}

/// The document's `number`: `None` when absent; `Some("")` when written empty (`number: ""`,
/// or `number:` with nothing after it): the document has no printed number.
fn number(f: &mut Fields, map: &Mapping) -> Option<String> {
    match yaml::get(map, "number") {
        None => None,
        Some(Value::Null) => Some(String::new()),
        Some(_) => f.string(map, &[], "number").map(|l| l.value),
    }
}

impl SourceDoc {
    /// Sets the id, and what is made of it once: the document's key and slug, and its
    /// tasks' full names and keys.
    pub fn set_id(&mut self, id: Located<String>) {
        self.key = name_key(&id.value).into();
        self.slug = slug(&id.value);
        for t in &mut self.tasks {
            t.reference = format!("{}#{}", id.value, t.id.value).into();
            // The document's key made once (when the id has no `#`, the reference splits at
            // this one).
            t.key = if id.value.contains('#') {
                task_key(&t.reference)
            } else {
                format!("{}#{}", self.key, t.id.value.trim())
            }
            .into();
        }
        self.id = id;
    }
}

fn read_target(f: &mut Fields, i: usize, m: &Mapping) -> Option<SourceTarget> {
    let p = [Step::Key("targets"), Step::Index(i)];
    f.check_keys(m, &p, TARGET_KEYS);
    let id = f.required_string(m, &p, "id");
    let name = f.required_string(m, &p, "name");
    let unit = f.string(m, &p, "unit").map(|l| l.value);
    let mut per_year = Vec::new();
    for (j, span) in f.items(m, &p, "per_year") {
        let sp = [
            p[0].clone(),
            p[1].clone(),
            Step::Key("per_year"),
            Step::Index(j),
        ];
        f.check_keys(span, &sp, SPAN_KEYS);
        let from = f.required_integer(span, &sp, "from");
        let to = f.required_integer(span, &sp, "to");
        let value = f.required_amount(span, &sp, "value");
        if let (Some(from), Some(to), Some(value)) = (from, to, value) {
            if from.value > to.value
                || to.value - from.value > 200
                || from.value < 1000
                || to.value > 9999
            {
                f.error(&sp, msg::bad_year_span());
                continue;
            }
            per_year.push(YearSpan {
                from: from.value as i32,
                to: to.value as i32,
                value,
            });
        }
    }
    Some(SourceTarget {
        id: id?,
        name: name?.value,
        unit,
        per_year,
    })
}

#[cfg(test)]
#[path = "source_tests.rs"]
mod tests;
