//! Borrowed, serialisable view structs: what templates see. Built from the graph by small
//! functions here; no template gets the graph itself.

use std::rc::Rc;

use serde::Serialize;

use super::filters;
use crate::deadline::Status;
use crate::graph::Graph;
use crate::i18n::{self, short_date};
use crate::model::{BodyId, DocId, Party, TaskId};

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
    pub kind: &'a str,
    pub title: &'a str,
    pub date: Option<String>,
    pub url: String,
}

pub fn doc_link(g: &Graph, d: DocId) -> DocLink<'_> {
    let doc = &g.documents[d];
    DocLink {
        id: &doc.id,
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

#[derive(Serialize)]
pub struct TaskRow<'a> {
    pub reference: &'a str,
    pub id: &'a str,
    pub anchor: &'a str,
    pub text: &'a str,
    pub url: String,
    pub document: DocLink<'a>,
    pub lead: Option<PartyLink<'a>>,
    pub support: Vec<PartyLink<'a>>,
    pub due_text: Option<&'a str>,
    pub due_date: Option<String>,
    pub due_iso: Option<String>,
    pub due_note: Option<&'a str>,
    pub status: StatusView,
    pub done: Option<String>,
    pub done_by: Option<DocLink<'a>>,
    pub parent: Option<TaskLink<'a>>,
    /// The anchor of the marked block in the text, when the task has `at`.
    pub at_anchor: Option<String>,
    pub ceased: Option<Ceased<'a>>,
    /// Tasks that carry this one out further down the chain.
    pub below: Vec<TaskRow<'a>>,
    /// What the filters and the live status read (`data-*` of the row, see ui-contract).
    pub data: RowData,
    /// Tasks directly below that are not in `below` (the depth ran out): the task's own
    /// row, on its document's page, shows them.
    pub below_more: usize,
    /// All the tasks below, at any depth, summed up.
    pub rollup: Option<Rollup>,
}

/// A task row's `data-*` attributes for `static/tasks.js`.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct RowData {
    /// The done date (`done`, or the date of `done_by`), YYYY-MM-DD.
    pub done: Option<String>,
    /// Recurring, ongoing or without deadline: the status never depends on the date.
    pub recurring: bool,
    /// Slugs of the bodies and groups the task concerns, with every body above them.
    pub bodies: String,
    /// The folded level of the issuer of the task's document ("tinh").
    pub level: Option<String>,
    /// The year of a fixed deadline.
    pub year: Option<i32>,
}

pub fn row_data(g: &Graph, t: TaskId) -> RowData {
    let task = &g.tasks[t];
    RowData {
        done: task
            .done
            .or_else(|| task.done_by.and_then(|d| g.documents[d].date))
            .map(|d| d.to_string()),
        recurring: filters::task_open_ended(g, t),
        bodies: filters::task_bodies(g, t),
        level: filters::task_level(g, t).map(filters::level_key),
        year: filters::task_year(g, t),
    }
}

/// The tasks below a task, at any depth: how many, how many done, how many overdue.
#[derive(Serialize)]
pub struct Rollup {
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
    pub text: String,
    /// The due dates of the open, dated tasks below (YYYY-MM-DD, space-separated): with them
    /// static/tasks.js counts the overdue ones again on the reader's date.
    pub open_dues: String,
}

pub fn rollup(g: &Graph, t: TaskId) -> Option<Rollup> {
    if g.task_children[t].is_empty() {
        return None;
    }
    let mut seen = std::collections::HashSet::from([t]);
    let mut stack = vec![t];
    let (mut total, mut done, mut overdue) = (0, 0, 0);
    let mut open_dues: Vec<String> = Vec::new();
    while let Some(x) = stack.pop() {
        for &c in &g.task_children[x] {
            if seen.insert(c) {
                let task = &g.tasks[c];
                total += 1;
                done += usize::from(task.status.is_done());
                overdue += usize::from(task.status == Status::Overdue);
                if let Some(due) = task.due {
                    if !task.status.is_done() && !filters::task_open_ended(g, c) {
                        open_dues.push(due.to_string());
                    }
                }
                stack.push(c);
            }
        }
    }
    open_dues.sort_unstable();
    Some(Rollup {
        total,
        done,
        overdue,
        text: i18n::rollup(g.config.language, done, total, overdue),
        open_dues: open_dues.join(" "),
    })
}

#[derive(Serialize)]
pub struct TaskLink<'a> {
    pub reference: &'a str,
    pub text: &'a str,
    pub url: String,
    pub status: StatusView,
    pub document: DocLink<'a>,
    /// What static/tasks.js needs to re-judge the status: the due date, and whether the
    /// status never depends on the date.
    pub due_iso: Option<String>,
    pub recurring: bool,
}

#[derive(Serialize)]
pub struct Ceased<'a> {
    pub until: String,
    pub successor: Option<PartyLink<'a>>,
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

/// A task row; `depth` levels of implementing tasks are included below it.
pub fn task_row(g: &Graph, t: TaskId, depth: usize) -> TaskRow<'_> {
    let task = &g.tasks[t];
    let lang = g.config.language;
    TaskRow {
        reference: &task.reference,
        id: &task.id,
        anchor: &task.anchor,
        text: &task.text,
        url: task_url(g, t),
        document: doc_link(g, task.document),
        lead: task.lead.map(|p| party_link(g, p)),
        support: task.support.iter().map(|&p| party_link(g, p)).collect(),
        due_text: task.due_text.as_deref(),
        due_date: task.due.map(|d| short_date(lang, d)),
        due_iso: task.due.map(|d| d.to_string()),
        due_note: task.due_note.as_deref(),
        status: status_view(g, task.status),
        done: task
            .done
            .or_else(|| task.done_by.and_then(|d| g.documents[d].date))
            .map(|d| short_date(lang, d)),
        done_by: task.done_by.map(|d| doc_link(g, d)),
        parent: task.implements.map(|p| TaskLink {
            reference: &g.tasks[p].reference,
            text: &g.tasks[p].text,
            url: task_url(g, p),
            status: status_view(g, g.tasks[p].status),
            document: doc_link(g, g.tasks[p].document),
            due_iso: g.tasks[p].due.map(|d| d.to_string()),
            recurring: filters::task_open_ended(g, p),
        }),
        at_anchor: task.at_block.map(|_| at_anchor(task)),
        ceased: task.ceased_lead.map(|c| Ceased {
            until: short_date(lang, c.until),
            successor: c.successor.map(|s| body_link(g, s)),
        }),
        below: if depth == 0 {
            Vec::new()
        } else {
            g.task_children[t]
                .iter()
                .map(|&c| task_row(g, c, depth - 1))
                .collect()
        },
        data: row_data(g, t),
        below_more: if depth == 0 {
            g.task_children[t].len()
        } else {
            0
        },
        rollup: rollup(g, t),
    }
}

pub fn task_rows<'a>(g: &'a Graph, ts: &[TaskId]) -> Vec<TaskRow<'a>> {
    ts.iter().map(|&t| task_row(g, t, 0)).collect()
}

/// Sorts tasks by status (most urgent first), then due date, then reference.
pub fn sort_tasks(g: &Graph, ts: &mut [TaskId]) {
    ts.sort_by(|&a, &b| {
        let (x, y) = (&g.tasks[a], &g.tasks[b]);
        (x.status, x.due.is_none(), x.due, &x.reference).cmp(&(
            y.status,
            y.due.is_none(),
            y.due,
            &y.reference,
        ))
    });
}

#[derive(Serialize)]
pub struct StatusCount {
    pub key: &'static str,
    pub label: &'static str,
    pub count: usize,
}

pub fn status_counts(g: &Graph, ts: impl Iterator<Item = TaskId> + Clone) -> Vec<StatusCount> {
    Status::ALL
        .iter()
        .map(|&s| StatusCount {
            key: s.as_str(),
            label: i18n::status_label(g.config.language, s),
            count: ts.clone().filter(|&t| g.tasks[t].status == s).count(),
        })
        .collect()
}

/// A group of tasks under one status heading. The rows are shared, so that a page can offer
/// the same groups twice (all six, and only those with tasks) without building them twice.
#[derive(Serialize, Clone)]
pub struct StatusGroup<'a> {
    pub status: StatusView,
    pub tasks: Rc<[TaskRow<'a>]>,
}

/// The groups of [`by_every_status`] that have tasks, sharing their rows.
pub fn non_empty<'a>(groups: &[StatusGroup<'a>]) -> Vec<StatusGroup<'a>> {
    groups
        .iter()
        .filter(|gr| !gr.tasks.is_empty())
        .cloned()
        .collect()
}

/// One group for each status, empty ones included: the page hides those, and
/// `static/tasks.js` moves rows into them when the viewer's date changes a task's status.
pub fn by_every_status<'a>(g: &'a Graph, ts: &[TaskId]) -> Vec<StatusGroup<'a>> {
    let mut sorted = ts.to_vec();
    sort_tasks(g, &mut sorted);
    Status::ALL
        .iter()
        .map(|&s| StatusGroup {
            status: status_view(g, s),
            tasks: sorted
                .iter()
                .filter(|&&t| g.tasks[t].status == s)
                .map(|&t| task_row(g, t, 0))
                .collect(),
        })
        .collect()
}
