//! Reading a task of the front matter (`tasks[i]`) into a [`SourceTask`]: its keys, its
//! extensions (`extended`), its withdrawal and its progress notes, names still unresolved.
//! Every mistake is a diagnostic at its key path (`tasks[2].extended[0].by`).

use crate::messages::msg;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::load::fields::{Fields, Located};
use crate::load::yaml::{Mapping, Step};

/// A task as written.
#[derive(Debug, Clone)]
pub struct SourceTask {
    pub line: Option<usize>,
    pub id: Located<String>,
    /// The full name `DOC-ID#TASK-ID`, and its [`crate::text::task_key`] (made once, at load).
    pub reference: Arc<str>,
    pub key: Arc<str>,
    /// Its fragment id on the document page (`task-` and the id's slug, unique among the
    /// document's tasks).
    pub anchor: Arc<str>,
    pub text: Arc<str>,
    pub lead: Option<Located<String>>,
    pub support: Vec<Located<String>>,
    pub due: Option<Located<String>>,
    pub due_note: Option<Arc<str>>,
    pub implements: Option<Located<String>>,
    /// The block of the document's text its `at` names (numbered as `markdown::blocks`
    /// numbers them), found on loading; `None` without `at`, or when it names no block or
    /// several (an error then).
    pub at: Option<usize>,
    pub done: Option<NaiveDate>,
    pub done_by: Option<Located<String>>,
    pub extended: Vec<SourceExtension>,
    pub withdrawn: Option<Located<String>>,
    pub progress: Vec<SourceProgress>,
}

/// An extension as written: `{due: DEADLINE, by: DOC-ID}`.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceExtension {
    pub due: Located<String>,
    pub by: Located<String>,
}

/// A progress note as written: `{date, text}` and optionally `document: DOC-ID`.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceProgress {
    pub date: NaiveDate,
    pub text: Arc<str>,
    pub document: Option<Located<String>>,
}

pub const TASK_KEYS: &[&str] = &[
    "id",
    "text",
    "lead",
    "support",
    "due",
    "due_note",
    "implements",
    "at",
    "done",
    "done_by",
    "extended",
    "withdrawn",
    "progress",
];
const EXTENSION_KEYS: &[&str] = &["due", "by"];
const PROGRESS_KEYS: &[&str] = &["date", "text", "document"];

/// Entry `i` of `tasks`, and its `at` as written (its block is found once the text is
/// known); `None` when a required key is missing or wrong.
pub(super) fn read_task(
    f: &mut Fields,
    i: usize,
    m: &Mapping,
) -> Option<(SourceTask, Option<Located<String>>)> {
    let p = [Step::Key("tasks"), Step::Index(i)];
    f.check_keys(m, &p, TASK_KEYS);
    let id = f.required_string(m, &p, "id");
    let text = f.required_string(m, &p, "text");
    let lead = f.required_string(m, &p, "lead");
    // Read in the order of `TASK_KEYS`: problems on one line are reported in the order found.
    let support = f.string_list(m, &p, "support");
    let due = f.string(m, &p, "due");
    let due_note = f.string(m, &p, "due_note").map(|l| l.value.into());
    let implements = f.string(m, &p, "implements");
    let at = f.string(m, &p, "at");
    let task = SourceTask {
        line: f.loc.line(&p),
        support,
        due,
        due_note,
        implements,
        at: None,
        done: f.date(m, &p, "done").map(|l| l.value),
        done_by: f.string(m, &p, "done_by"),
        extended: extensions(f, m, &p),
        withdrawn: f.string(m, &p, "withdrawn"),
        progress: progress(f, m, &p),
        reference: Arc::from(""),
        key: Arc::from(""),
        anchor: Arc::from(""),
        id: id?,
        text: text?.value.into(),
        lead,
    };
    Some((task, at))
}

/// The task's `extended`: each entry needs both `due` and `by`.
fn extensions(f: &mut Fields, m: &Mapping, p: &[Step]) -> Vec<SourceExtension> {
    let mut out = Vec::new();
    for (j, e) in f.items_helped(m, p, "extended", msg::an_extension()) {
        let ep = entry(p, "extended", j);
        f.check_keys(e, &ep, EXTENSION_KEYS);
        let due = f.required_string(e, &ep, "due");
        let by = f.required_string(e, &ep, "by");
        if let (Some(due), Some(by)) = (due, by) {
            out.push(SourceExtension { due, by });
        }
    }
    out
}

/// The task's `progress`: each note needs a `date` and a `text`.
fn progress(f: &mut Fields, m: &Mapping, p: &[Step]) -> Vec<SourceProgress> {
    let mut out = Vec::new();
    for (j, n) in f.items_helped(m, p, "progress", msg::a_note()) {
        let np = entry(p, "progress", j);
        f.check_keys(n, &np, PROGRESS_KEYS);
        let date = f.required_date(n, &np, "date");
        let text = f.required_string(n, &np, "text");
        let document = f.string(n, &np, "document");
        if let (Some(date), Some(text)) = (date, text) {
            out.push(SourceProgress {
                date: date.value,
                text: text.value.into(),
                document,
            });
        }
    }
    out
}

/// The path of entry `j` of the list `key` of the task at `p`.
fn entry<'p>(p: &[Step<'p>], key: &'p str, j: usize) -> Vec<Step<'p>> {
    let mut out = p.to_vec();
    out.push(Step::Key(key));
    out.push(Step::Index(j));
    out
}
