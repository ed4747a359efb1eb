//! The resolved domain model: documents, tasks, bodies and groups, linked by index into
//! arenas. Built by `graph`, read by `render` and `export`; nothing here does I/O.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::deadline::Due;
use crate::status::{Since, Status};

pub use crate::ids::{BodyId, DocId, GroupId, IdVec, TaskId};

/// Who a task or document names: a single body, or a group of bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Party {
    Body(BodyId),
    Group(GroupId),
}

pub use crate::lang::Language;

/// `content/site.yaml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub language: Language,
    pub soon_days: u32,
    /// The name of a folder under `themes/`, and the line of `theme` in site.yaml.
    pub theme: Option<String>,
    pub theme_line: Option<usize>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Theo dõi thực hiện văn bản chỉ đạo".to_string(),
            language: Language::Vi,
            soon_days: 30,
            theme: None,
            theme_line: None,
        }
    }
}

/// A body (cơ quan, tổ chức) of the registry.
#[derive(Debug, Clone)]
pub struct Body {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub parent: Option<BodyId>,
    pub level: Option<String>,
    /// The body ceased to exist after this day.
    pub until: Option<NaiveDate>,
    pub successor: Option<BodyId>,
}

/// A named group of bodies (e.g. "Các huyện ủy, thành ủy, đảng ủy trực thuộc").
#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub members: Vec<BodyId>,
}

/// A yearly target value over a span of years.
#[derive(Debug, Clone, PartialEq)]
pub struct YearSpan {
    pub from: i32,
    pub to: i32,
    pub value: f64,
}

/// A numeric target set by a document (`targets`).
#[derive(Debug, Clone)]
pub struct Target {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
    pub per_year: Vec<YearSpan>,
}

impl Target {
    /// The target value for one year, if a span covers it.
    pub fn value_for(&self, year: i32) -> Option<f64> {
        self.per_year
            .iter()
            .find(|s| (s.from..=s.to).contains(&year))
            .map(|s| s.value)
    }
}

/// A result reported against a target (`results`).
#[derive(Debug, Clone)]
pub struct Report {
    /// The document that reports it.
    pub document: DocId,
    /// The document that set the target, and the target's index in it.
    pub target_doc: DocId,
    pub target: usize,
    pub year: i32,
    pub value: f64,
}

/// A directive, plan, copy, report...: one Markdown file.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    /// The number shown (số ký hiệu): `number`, or the id; empty for a document that has no
    /// printed number.
    pub number: Arc<str>,
    pub slug: String,
    pub file: PathBuf,
    pub kind: Arc<str>,
    pub title: Arc<str>,
    pub issuer: Option<Party>,
    pub date: Option<NaiveDate>,
    pub place: Option<Arc<str>>,
    pub signer: Option<Arc<str>>,
    pub signer_title: Option<Arc<str>>,
    pub implements: Vec<DocId>,
    pub copy_of: Option<DocId>,
    pub follows: Vec<DocId>,
    pub references: Vec<DocId>,
    pub recipients: Vec<Party>,
    pub source: Option<Arc<str>>,
    pub tasks: Vec<TaskId>,
    pub targets: Vec<Target>,
    /// The Markdown text, composed to NFC as its file was read (`source::read_text`); empty
    /// when the text is not held, and after a build took it
    /// ([`crate::graph::Graph::take_texts`]).
    pub body: Arc<str>,
    /// Whether the document's text is held (its Markdown is not blank).
    pub has_text: bool,
    /// The file's line on which the text starts.
    pub body_line: usize,
    /// A copy that carries its original's text: the two compared word by word
    /// (`graph::compare_copies`); `None` for any other document.
    pub compared: Option<Arc<crate::copies::Comparison>>,
}

/// The documents' texts (their Markdown), by document: what the document pages and the
/// search index read. Handed to the render by value, and each text is shared (an `Arc`), so
/// a text is freed as soon as the last of its readers is done with it when the graph no
/// longer holds it ([`crate::graph::Graph::take_texts`]).
#[derive(Debug, Clone, Default)]
pub struct Texts(pub IdVec<DocId, Arc<str>>);

/// A lead that had ceased to exist before the task was due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CeasedLead {
    pub until: NaiveDate,
    pub successor: Option<BodyId>,
}

/// One thing one body must do.
#[derive(Debug, Clone)]
pub struct Task {
    pub document: DocId,
    pub id: String,
    /// The full name `DOC-ID#TASK-ID`.
    pub reference: Arc<str>,
    /// Fragment id on the document page.
    pub anchor: Arc<str>,
    pub text: Arc<str>,
    pub lead: Option<Party>,
    pub support: Vec<Party>,
    /// The task's own `due`, as written and resolved.
    pub due_text: Option<String>,
    pub own_due: Option<Due>,
    /// Later deadlines granted, oldest first.
    pub extended: Vec<Extension>,
    /// The document that withdrew the task.
    pub withdrawn: Option<DocId>,
    /// Progress notes, as written (oldest first is the editors' order, not checked).
    pub progress: Vec<Progress>,
    /// As of the graph's day ([`crate::status::judge`]): the deadline in force, and resolved
    /// (for a recurring one the end of the current period).
    pub in_force: Option<Due>,
    pub due: Option<NaiveDate>,
    pub due_note: Option<Arc<str>>,
    pub implements: Option<TaskId>,
    /// The block of its document's text the task stands in: the one its `at` names, found on
    /// loading (numbered as `markdown::blocks` numbers them), which the render marks.
    pub at: Option<usize>,
    pub done: Option<NaiveDate>,
    pub done_by: Option<DocId>,
    pub status: Status,
    /// For an overdue task, the graph's day minus the deadline in force.
    pub overdue_days: Option<i64>,
    pub ceased_lead: Option<CeasedLead>,
}

/// A later deadline granted for a task (gia hạn).
#[derive(Debug, Clone, PartialEq)]
pub struct Extension {
    /// As written.
    pub due_text: String,
    /// Resolved (`N ngày` counts from the granting document's date).
    pub due: Due,
    /// The document that granted it.
    pub by: DocId,
    /// When it takes effect: the granting document's date, or from the start.
    pub since: Since,
}

/// A progress note (báo cáo tiến độ).
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub date: NaiveDate,
    pub text: Arc<str>,
    /// The document it was reported in.
    pub document: Option<DocId>,
}
