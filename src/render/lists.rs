//! The long lists: the documents index and the tasks page, split into numbered pages on a
//! big site (`DOCS_PER_PAGE`, `TASKS_PER_PAGE`), and a key of which rows each numbered page
//! lists ([`list_keys`]), so that `serve` renders again the pages whose rows moved (what the
//! rows show, each page records: `reads.rs`).

use crate::layout::Depth;
use std::hash::{Hash, Hasher};

use super::which::SitePage;

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
/// old browser on an intranet still opens at once. Task rows as a party's pages hold them
/// ([`super::order::ROWS_PER_PAGE`]).
pub const DOCS_PER_PAGE: usize = 1000;
pub const TASKS_PER_PAGE: usize = super::order::ROWS_PER_PAGE;

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

/// The documents index: every document in order, and its numbered pages.
pub struct DocumentsIndex<'r> {
    documents: &'r [DocId],
    links: Vec<PageLink>,
}

/// The documents index of the documents in `rows`' order.
pub fn documents<'r>(rows: &'r Rows) -> DocumentsIndex<'r> {
    let documents = rows.documents_in_order();
    DocumentsIndex {
        links: documents_page_links(documents.len()),
        documents,
    }
}

impl DocumentsIndex<'_> {
    /// The numbers of its pages.
    pub fn numbers(&self) -> impl Iterator<Item = usize> + '_ {
        self.links.iter().map(|l| l.number)
    }

    /// Its page with number `n`: (path, page).
    pub fn page(&self, rows: &Rows, n: usize) -> (String, DocumentsPage) {
        let l = &self.links[n - 1];
        let listed = l.rows(self.documents);
        let page = DocumentsPage {
            table: rows.index_rows(listed),
            count: listed.len(),
            total: self.documents.len(),
            pager: pager(&self.links, l.number),
        };
        (l.url.clone(), page)
    }
}

/// Of every numbered page of the long lists ([`list_pages`]), a key of which rows it lists
/// in order and how many its list has in all: of two graphs with the same [`list_pages`], a
/// page whose key is the same lists the same rows (what they show, it records). On one
/// thread: made while rendering jobs may wait on the orders it asks for.
pub fn list_keys(g: &Graph, rows: &Rows) -> Vec<(SitePage, u64)> {
    fn key<T: Hash>(total: usize, listed: &[T]) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        total.hash(&mut h);
        listed.hash(&mut h);
        h.finish()
    }
    let ds = rows.documents_in_order();
    let mut out: Vec<(SitePage, u64)> = documents_page_links(ds.len())
        .into_iter()
        .map(|l| {
            (
                SitePage::DocumentsIndex(l.number),
                key(ds.len(), l.rows(ds)),
            )
        })
        .collect();
    if tasks_split(g) {
        for (s, of) in all_by_status(g, rows) {
            for l in status_page_links(s, of.len()) {
                out.push((
                    SitePage::StatusList(s, l.number),
                    key(of.len(), l.rows(&of)),
                ));
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

    /// The `i`th page wanted, as the render names it.
    pub fn id(&self, i: usize) -> SitePage {
        let (st, l) = self.wanted[i];
        let (s, _, links) = &self.statuses[st];
        SitePage::StatusList(*s, links[l].number)
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
/// each status that `wanted` names (by status and number).
pub fn tasks<'a>(
    g: &'a Graph,
    rows: &Rows,
    wanted: &dyn Fn(Status, usize) -> bool,
) -> (TasksPage<'a>, StatusPages) {
    // It counts every task, and lists them on a small site.
    super::reads::every_task();
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
                .filter(|&l| wanted(s, links[l].number))
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
