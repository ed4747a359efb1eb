//! Borrowed, serialisable view structs: what templates see. Built from the graph by small
//! functions here; no template gets the graph itself.

use serde::Serialize;

use crate::graph::Graph;
use crate::i18n::{self, short_date};
use crate::model::{BodyId, DocId, Party, TaskId};
use crate::status::Status;

/// What a page's template gets as `page`.
pub trait PageView: Serialize {
    /// About how many bytes of HTML it holds already written (tables, diagrams, lists): the
    /// page's buffer starts that much bigger, instead of growing to megabytes by doubling
    /// (each time a copy, and fresh memory the system zeroes).
    fn written(&self) -> usize {
        0
    }
}

/// The search page has no view of its own.
impl PageView for () {}

/// Paths of pages, relative to the output root. One place decides the site's layout.
pub mod paths {
    pub const HOME: &str = "index.html";
    pub const DOCUMENTS: &str = "van-ban/index.html";
    pub const BODIES: &str = "co-quan/index.html";
    pub const TASKS: &str = "nhiem-vu.html";
    pub const SEARCH: &str = "tim-kiem.html";
    pub const STYLE: &str = "static/style.css";
    /// The full view of the chain diagram.
    pub const CHAIN: &str = "so-do.html";

    pub fn document(slug: &str) -> String {
        format!("van-ban/{slug}.html")
    }

    pub fn party(slug: &str) -> String {
        format!("co-quan/{slug}.html")
    }

    /// The n-th page (from 1) of a party split into pages. Later pages' names hold `.`,
    /// which no slug does.
    pub fn party_page(slug: &str, n: usize) -> String {
        match n {
            0 | 1 => party(slug),
            n => format!("co-quan/{slug}.trang-{n}.html"),
        }
    }

    /// The n-th page (from 1) of the documents index. Later pages' names hold `_`, which no
    /// document's slug does.
    pub fn documents_page(n: usize) -> String {
        match n {
            0 | 1 => DOCUMENTS.to_string(),
            n => format!("van-ban/index_{n}.html"),
        }
    }

    /// The n-th page (from 1) of the tasks of one status, on a site too big for one page.
    pub fn status_page(s: crate::status::Status, n: usize) -> String {
        use crate::status::Status::*;
        let name = match s {
            Overdue => "qua-han",
            DueSoon => "sap-den-han",
            InProgress => "dang-thuc-hien",
            Ongoing => "thuong-xuyen",
            DoneOnTime => "hoan-thanh-dung-han",
            DoneLate => "hoan-thanh-muon",
            NoDeadline => "chua-co-thoi-han",
            Withdrawn => "da-rut",
            NotIssued => "chua-ban-hanh",
        };
        match n {
            0 | 1 => format!("nhiem-vu/{name}.html"),
            n => format!("nhiem-vu/{name}-{n}.html"),
        }
    }

    pub fn party_calendar(slug: &str) -> String {
        format!("co-quan/{slug}.ics")
    }

    /// The prefix that leads from a page back to the output root: "" or "../".
    pub fn root_of(page: &str) -> String {
        "../".repeat(page.matches('/').count())
    }
}

#[derive(Serialize)]
pub struct DocLink<'a> {
    pub id: &'a str,
    /// The number shown ([`doc_number`]): "không số" for a document that has none.
    pub number: &'a str,
    pub numbered: bool,
    /// Its kind and number ([`doc_name`]).
    pub name: String,
    pub kind: &'a str,
    pub title: &'a str,
    pub date: Option<String>,
    pub url: String,
}

pub fn doc_link(g: &Graph, d: DocId) -> DocLink<'_> {
    let doc = &g.documents[d];
    DocLink {
        id: &doc.id,
        number: doc_number(g, d),
        numbered: !doc.number.is_empty(),
        name: doc_name(g, d),
        kind: &doc.kind,
        title: &doc.title,
        date: doc.date.map(|x| short_date(g.config.language, x)),
        url: paths::document(&doc.slug),
    }
}

/// The order documents are listed in: dated ones first, by date, then by number.
pub fn doc_order(g: &Graph, d: DocId) -> (bool, Option<chrono::NaiveDate>, &str) {
    let doc = &g.documents[d];
    (doc.date.is_none(), doc.date, doc.id.as_str())
}

pub fn doc_links<'a>(g: &'a Graph, ds: &[DocId]) -> Vec<DocLink<'a>> {
    ds.iter().map(|&d| doc_link(g, d)).collect()
}

#[derive(Serialize)]
pub struct PartyLink<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub is_group: bool,
}

pub fn party_link(g: &Graph, p: Party) -> PartyLink<'_> {
    PartyLink {
        id: g.registry.id(p),
        name: g.registry.name(p),
        url: paths::party(g.registry.slug(p)),
        is_group: matches!(p, Party::Group(_)),
    }
}

pub fn body_link(g: &Graph, b: BodyId) -> PartyLink<'_> {
    party_link(g, Party::Body(b))
}

#[derive(Serialize, Clone, Copy)]
pub struct StatusView {
    pub key: &'static str,
    pub label: &'static str,
}

pub fn status_view(g: &Graph, s: Status) -> StatusView {
    StatusView {
        key: s.as_str(),
        label: i18n::status_label(g.config.language, s),
    }
}

/// The number a document is shown by: its `number` (the id unless it says otherwise), or
/// "không số" when it has none; never its id in place of a missing number.
pub fn doc_number(g: &Graph, d: DocId) -> &str {
    match &*g.documents[d].number {
        "" => i18n::labels(g.config.language).no_number,
        n => n,
    }
}

/// A document as pages name it: its kind and number ("Kế hoạch 107-KH/TU"), or for one with
/// no number "Kế hoạch (không số)".
pub fn doc_name(g: &Graph, d: DocId) -> String {
    let doc = &g.documents[d];
    match &*doc.number {
        "" => format!("{} ({})", doc.kind, doc_number(g, d)),
        n => format!("{} {n}", doc.kind),
    }
}

/// A task as pages cite it: by its document's number ("107-KH/TU#1.1", the full name when
/// the number is the id), or for a document with no number "nhiệm vụ 1.1 của Kế hoạch
/// (không số)".
pub fn task_name(g: &Graph, t: TaskId) -> std::borrow::Cow<'_, str> {
    let task = &g.tasks[t];
    let doc = &g.documents[task.document];
    match &*doc.number {
        n if n == doc.id => std::borrow::Cow::Borrowed(&*task.reference),
        "" => {
            i18n::unnumbered_task(g.config.language, &task.id, &doc_name(g, task.document)).into()
        }
        n => format!("{n}#{}", task.id).into(),
    }
}

pub fn task_url(g: &Graph, t: TaskId) -> String {
    let task = &g.tasks[t];
    format!(
        "{}#{}",
        paths::document(&g.documents[task.document].slug),
        task.anchor
    )
}

pub fn at_anchor(task: &crate::model::Task) -> String {
    format!("at-{}", &task.anchor["task-".len()..])
}

/// Sorts tasks by status (most urgent first), then due date, then reference.
pub fn sort_tasks(g: &Graph, ts: &mut [TaskId]) {
    // Unstable is as good: references are unique, so no two tasks compare equal.
    ts.sort_unstable_by(|&a, &b| {
        let (x, y) = (&g.tasks[a], &g.tasks[b]);
        (x.status, x.due.is_none(), x.due, &x.reference).cmp(&(
            y.status,
            y.due.is_none(),
            y.due,
            &y.reference,
        ))
    });
}

#[derive(Serialize, Clone)]
pub struct StatusCount {
    pub key: &'static str,
    pub label: &'static str,
    pub count: usize,
}

/// How many of `ts` have each status that lists show (tasks not yet issued are not counted).
pub fn status_counts(g: &Graph, ts: impl Iterator<Item = TaskId> + Clone) -> Vec<StatusCount> {
    Status::LISTED
        .iter()
        .map(|&s| StatusCount {
            key: s.as_str(),
            label: i18n::status_label(g.config.language, s),
            count: ts.clone().filter(|&t| g.tasks[t].status == s).count(),
        })
        .collect()
}
