//! Borrowed, serialisable view structs: what templates see. Built from the graph by small
//! functions here; no template gets the graph itself.

use serde::Serialize;

use crate::graph::Graph;
use crate::i18n::{self, short_date};
use crate::model::{BodyId, DocId, Party, TaskId};
use crate::status::Status;

pub use crate::layout::{doc_cited, doc_name, doc_number, paths, task_name, task_url};

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

#[derive(Serialize)]
pub struct DocLink<'a> {
    pub id: &'a str,
    /// The number shown ([`doc_number`]): "không số" for a document that has none.
    pub number: &'a str,
    pub numbered: bool,
    /// Its kind and number ([`doc_name`]).
    pub name: String,
    /// Its name in a sentence, "Công văn số 1002-CV/TU" ([`doc_cited`]).
    pub cited: String,
    pub kind: &'a str,
    pub title: &'a str,
    pub date: Option<String>,
    pub url: String,
}

pub fn doc_link(g: &Graph, d: DocId) -> DocLink<'_> {
    super::reads::document(d);
    let doc = &g.documents()[d];
    DocLink {
        id: &doc.id,
        number: doc_number(g, d),
        numbered: !doc.number.is_empty(),
        name: doc_name(g, d),
        cited: doc_cited(g, d),
        kind: &doc.kind,
        title: &doc.title,
        date: doc.date.map(|x| short_date(g.config().language, x)),
        url: paths::document(&doc.slug),
    }
}

/// The order documents are listed in: dated ones first, by date, then by number.
pub fn doc_order(g: &Graph, d: DocId) -> (bool, Option<chrono::NaiveDate>, &str) {
    let doc = &g.documents()[d];
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
        id: g.registry().id(p),
        name: g.registry().name(p),
        url: paths::party(g.registry().slug(p)),
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
        label: i18n::status_label(g.config().language, s),
    }
}

pub fn at_anchor(task: &crate::model::Task) -> String {
    format!("at-{}", &task.anchor["task-".len()..])
}

/// Sorts tasks by status (most urgent first), then due date, then reference.
pub fn sort_tasks(g: &Graph, ts: &mut [TaskId]) {
    // Unstable is as good: references are unique, so no two tasks compare equal.
    ts.sort_unstable_by(|&a, &b| {
        let (x, y) = (&g.tasks()[a], &g.tasks()[b]);
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
            label: i18n::status_label(g.config().language, s),
            count: ts
                .clone()
                .filter(|&t| {
                    super::reads::task(t);
                    g.tasks()[t].status == s
                })
                .count(),
        })
        .collect()
}
