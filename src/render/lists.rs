//! The long lists: the documents index and the tasks page, split into numbered pages on a
//! big site (`DOCS_PER_PAGE`, `TASKS_PER_PAGE`), and what each numbered page lists
//! ([`list_keys`]), so that `serve` renders again only the pages an edit changes.

use crate::layout::Depth;
use std::hash::{Hash, Hasher};

use serde::Serialize;

use super::filters::{self, Filters};
use super::html::Html;
use super::order::{page_links, pager};
pub use super::order::{PageLink, Pager};
use super::rows::Rows;
use super::views::*;
use crate::graph::Graph;
use crate::model::{DocId, TaskId};
use crate::status::Status;

/// Rows a list page holds at most: beyond that a list is split into numbered pages, which an
/// old browser on an intranet still opens at once.
pub const DOCS_PER_PAGE: usize = 1000;
pub const TASKS_PER_PAGE: usize = 500;

/// The numbered pages of the documents index, for `n` documents (one page when there is
/// none).
fn documents_page_links(n: usize) -> Vec<PageLink> {
    page_links(n.max(1), DOCS_PER_PAGE, paths::documents_page)
}

#[derive(Serialize)]
pub struct DocumentsPage {
    /// The rows of the table (`html::index_row`: a thousand per page, written in Rust).
    pub(crate) table: Html,
    /// How many documents this page lists, and the whole index.
    pub count: usize,
    pub total: usize,
    pub pager: Option<Pager>,
}

impl PageView for DocumentsPage {
    fn written(&self) -> usize {
        self.table.len()
    }
}

/// The pages of the documents index that `wanted` names: (path, page), in order.
pub fn documents(rows: &Rows, wanted: &dyn Fn(&str) -> bool) -> Vec<(String, DocumentsPage)> {
    let ds = rows.documents_in_order();
    let links = documents_page_links(ds.len());
    links
        .iter()
        .filter(|l| wanted(&l.url))
        .map(|l| {
            let listed = l.rows(ds);
            (
                l.url.clone(),
                DocumentsPage {
                    table: rows.index_rows(listed),
                    count: listed.len(),
                    total: ds.len(),
                    pager: pager(&links, l.number),
                },
            )
        })
        .collect()
}

/// What a numbered page of a long list lists, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listed {
    Documents(Vec<DocId>),
    Tasks(Vec<TaskId>),
}

/// One numbered page of a long list: its path, what it lists, and a key of everything it
/// shows apart from what its rows show of their own documents and tasks (the rows in order
/// and how many its list has in all). Of two graphs with the same [`list_pages`], a page
/// whose key is the same and none of whose rows changed is the same page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage {
    pub path: String,
    pub key: u64,
    pub listed: Listed,
}

impl ListPage {
    fn new(path: String, total: usize, listed: Listed) -> ListPage {
        let mut h = rustc_hash::FxHasher::default();
        total.hash(&mut h);
        listed.hash(&mut h);
        ListPage {
            path,
            key: h.finish(),
            listed,
        }
    }
}

impl Hash for Listed {
    fn hash<H: Hasher>(&self, h: &mut H) {
        match self {
            Listed::Documents(ds) => (0u8, ds).hash(h),
            Listed::Tasks(ts) => (1u8, ts).hash(h),
        }
    }
}

/// Every numbered page of the long lists ([`list_pages`]) with what it lists. On one thread:
/// `serve` works it out inside a `OnceLock` that rendering jobs wait on, and a thread waiting
/// in rayon there could take up one of those jobs and wait on itself.
pub fn list_keys(g: &Graph, rows: &Rows) -> Vec<ListPage> {
    let ds = rows.documents_in_order();
    let mut out: Vec<ListPage> = documents_page_links(ds.len())
        .into_iter()
        .map(|l| {
            let listed = l.rows(ds).to_vec();
            ListPage::new(l.url, ds.len(), Listed::Documents(listed))
        })
        .collect();
    if tasks_split(g) {
        for (s, of) in all_by_status(g, rows) {
            for l in status_page_links(s, of.len()) {
                let listed = l.rows(&of).to_vec();
                out.push(ListPage::new(l.url, of.len(), Listed::Tasks(listed)));
            }
        }
    }
    out
}

/// The tasks of one status, with their table when the page lists them itself, or the pages
/// that list them when the site has too many tasks for one page.
#[derive(Serialize)]
pub struct StatusTable {
    pub status: StatusView,
    pub count: usize,
    pub(crate) table: Option<Html>,
    pub pages: Vec<PageLink>,
}

impl StatusTable {
    /// How many bytes of HTML the tables of `groups` hold ([`PageView::written`]).
    pub fn written(groups: &[StatusTable]) -> usize {
        groups
            .iter()
            .map(|s| s.table.as_ref().map_or(0, Html::len))
            .sum()
    }
}

/// A table for each status of `groups` (tasks under each of the six statuses, in order).
pub(super) fn tables(
    g: &Graph,
    rows: &Rows,
    groups: Vec<(Status, Vec<TaskId>)>,
    depth: Depth,
    grouped: bool,
) -> Vec<StatusTable> {
    groups
        .into_iter()
        .map(|(s, of)| StatusTable {
            status: status_view(g, s),
            count: of.len(),
            // Empty groups keep an empty table: static/tasks.js moves rows into it.
            table: Some(if grouped {
                rows.grouped_table(&of, depth)
            } else {
                rows.table(&of, depth, None)
            }),
            pages: Vec::new(),
        })
        .collect()
}

/// `ts` under each of the six statuses, most urgent first within each.
pub(super) fn by_status(g: &Graph, ts: &[TaskId]) -> Vec<(Status, Vec<TaskId>)> {
    let mut sorted = ts.to_vec();
    sort_tasks(g, &mut sorted);
    split_by_status(g, &sorted)
}

/// Every task under each of the six statuses, most urgent first within each.
fn all_by_status(g: &Graph, rows: &Rows) -> Vec<(Status, Vec<TaskId>)> {
    split_by_status(g, rows.tasks_in_order())
}

/// `sorted` under each of the six statuses, in the same order.
fn split_by_status(g: &Graph, sorted: &[TaskId]) -> Vec<(Status, Vec<TaskId>)> {
    let mut out: Vec<(Status, Vec<TaskId>)> =
        Status::LISTED.iter().map(|&s| (s, Vec::new())).collect();
    for &t in sorted {
        let s = g.tasks()[t].status;
        if let Some((_, of)) = out.iter_mut().find(|(x, _)| *x == s) {
            of.push(t);
        }
    }
    out
}

/// Whether the site has too many tasks for one tasks page: then each status has its pages.
fn tasks_split(g: &Graph) -> bool {
    g.tasks().len() > TASKS_PER_PAGE
}

/// The numbered pages of the `n` tasks of status `s`.
fn status_page_links(s: Status, n: usize) -> Vec<PageLink> {
    page_links(n, TASKS_PER_PAGE, |k| paths::status_page(s, k))
}

#[derive(Serialize)]
pub struct TasksPage<'a> {
    /// All six statuses. On a site of up to `TASKS_PER_PAGE` tasks each has its table and
    /// the page has the filters; above that, each links to its own pages.
    pub groups: Vec<StatusTable>,
    pub split: bool,
    pub per_page: usize,
    pub total: usize,
    pub counts: Vec<StatusCount>,
    /// The counts of every task over time, for counting again on the reader's date when
    /// the tasks are on other pages (see `HomePage::timeline`).
    pub timeline: String,
    pub filters: Option<Filters<'a>>,
}

impl PageView for TasksPage<'_> {
    fn written(&self) -> usize {
        StatusTable::written(&self.groups) + self.timeline.len()
    }
}

/// One page of the tasks of one status, on a site too big to list them on one page.
#[derive(Serialize)]
pub struct StatusPage<'a> {
    pub status: StatusView,
    pub count: usize,
    pub first: usize,
    pub last: usize,
    pub pager: Option<Pager>,
    pub(crate) table: Html,
    pub filters: Filters<'a>,
}

impl PageView for StatusPage<'_> {
    fn written(&self) -> usize {
        self.table.len()
    }
}

/// The paths of the numbered pages long lists are split into: they depend on how many tasks
/// have each status and how many rows each body's page lists, so a rebuild that changes them
/// must render (and publish) everything.
pub fn list_pages(g: &Graph) -> Vec<String> {
    let mut out: Vec<String> = documents_page_links(g.documents().len())
        .into_iter()
        .map(|l| l.url)
        .collect();
    if tasks_split(g) {
        for &s in Status::LISTED.iter() {
            let n = g.tasks().iter().filter(|t| t.status == s).count();
            out.extend(status_page_links(s, n).into_iter().map(|l| l.url));
        }
    }
    for p in g.registry().parties() {
        let pages = super::order::party_pages(g, p);
        if pages.len() > 1 {
            out.extend(pages.into_iter().map(|l| l.url));
        }
    }
    out
}

/// The numbered pages of each status's tasks that a call of [`tasks`] names, each made only
/// when asked ([`StatusPages::page`]): made all at once, before any was rendered, their
/// tables were tens of megabytes held together at 10,000 documents, and made in one job.
#[derive(Default)]
pub struct StatusPages {
    /// Each status with its tasks in order and the links to its pages.
    statuses: Vec<(Status, Vec<TaskId>, Vec<PageLink>)>,
    /// The pages wanted: (status, page link), as indexes into `statuses`.
    wanted: Vec<(usize, usize)>,
}

impl StatusPages {
    /// How many pages are wanted.
    pub fn count(&self) -> usize {
        self.wanted.len()
    }

    /// The `i`th page wanted: its path and view.
    pub fn page<'a>(&self, g: &'a Graph, rows: &Rows, i: usize) -> (String, StatusPage<'a>) {
        let (st, l) = self.wanted[i];
        let (s, of, links) = &self.statuses[st];
        let link = &links[l];
        let ts = link.rows(of);
        let page = StatusPage {
            status: status_view(g, *s),
            count: of.len(),
            first: link.first,
            last: link.last,
            pager: pager(links, link.number),
            table: rows.table(ts, Depth::DOWN_ONE, None),
            filters: filters::filters(g, rows.name_order(), ts),
        };
        (link.url.clone(), page)
    }
}

/// The tasks page, and when the site has more than `TASKS_PER_PAGE` tasks, the pages of
/// each status that `wanted` names.
pub fn tasks<'a>(
    g: &'a Graph,
    rows: &Rows,
    wanted: &dyn Fn(&str) -> bool,
) -> (TasksPage<'a>, StatusPages) {
    let all: Vec<TaskId> = g
        .tasks()
        .ids()
        .filter(|&t| g.tasks()[t].status.is_listed())
        .collect();
    let counts = status_counts(g, g.tasks().ids());
    if !tasks_split(g) {
        let page = TasksPage {
            groups: tables(g, rows, all_by_status(g, rows), Depth::TOP, false),
            split: false,
            per_page: TASKS_PER_PAGE,
            total: all.len(),
            counts,
            timeline: String::new(),
            filters: Some(filters::filters(g, rows.name_order(), &all)),
        };
        return (page, StatusPages::default());
    }
    let mut groups = Vec::new();
    let mut pages = StatusPages::default();
    for (s, of) in all_by_status(g, rows) {
        let links = status_page_links(s, of.len());
        let st = pages.statuses.len();
        pages.wanted.extend(
            (0..links.len())
                .filter(|&l| wanted(&links[l].url))
                .map(|l| (st, l)),
        );
        groups.push(StatusTable {
            status: status_view(g, s),
            count: of.len(),
            table: None,
            pages: links.clone(),
        });
        pages.statuses.push((s, of, links));
    }
    let page = TasksPage {
        groups,
        split: true,
        per_page: TASKS_PER_PAGE,
        total: all.len(),
        counts,
        timeline: rows.timeline().to_string(),
        filters: None,
    };
    (page, pages)
}
