//! Ordering and paging, below the lists, the pages and the rows that all use them: the
//! order documents are listed in (`sort_docs`), the numbered pages a long list is split
//! into ([`page_links`], `pager`), and a party's pages ([`party_pages`]: one per
//! `ROWS_PER_PAGE` rows).

use serde::Serialize;

use super::views::{doc_order, paths};
use crate::graph::Graph;
use crate::model::{DocId, GroupId, Party, TaskId};

pub(super) fn sort_docs(g: &Graph, ds: &mut [DocId]) {
    // Unstable is as good: ids are unique, so no two documents compare equal.
    ds.sort_unstable_by(|&a, &b| doc_order(g, a).cmp(&doc_order(g, b)));
}

/// One page of a list split into pages.
#[derive(Serialize, Clone)]
pub struct PageLink {
    /// From 1.
    pub number: usize,
    pub url: String,
    /// The first and last row on it, from 1.
    pub first: usize,
    pub last: usize,
}

/// Where a page stands among the pages of its list.
#[derive(Serialize)]
pub struct Pager {
    pub number: usize,
    pub pages: Vec<PageLink>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// The pages `total` rows take, `per_page` on each, the n-th (from 1) at `url(n)`.
pub fn page_links(total: usize, per_page: usize, url: impl Fn(usize) -> String) -> Vec<PageLink> {
    (0..total.div_ceil(per_page))
        .map(|i| PageLink {
            number: i + 1,
            url: url(i + 1),
            first: i * per_page + 1,
            last: ((i + 1) * per_page).min(total),
        })
        .collect()
}

impl PageLink {
    /// The rows of `all` (the whole list, in order) that this page lists.
    pub(super) fn rows<'a, T>(&self, all: &'a [T]) -> &'a [T] {
        all.get(self.first - 1..self.last).unwrap_or_default()
    }
}

/// The pager of page `number` (from 1) of `pages`; `None` when the list fits on one page.
/// Links are relative to a page in the same folder as the list's pages.
pub(super) fn pager(pages: &[PageLink], number: usize) -> Option<Pager> {
    let file = |l: &PageLink| l.url.rsplit('/').next().unwrap_or(&l.url).to_string();
    (pages.len() > 1).then(|| Pager {
        number,
        pages: pages
            .iter()
            .map(|l| PageLink {
                url: file(l),
                ..l.clone()
            })
            .collect(),
        prev: number.checked_sub(2).map(|i| file(&pages[i])),
        next: pages.get(number).map(file),
    })
}

/// Rows (tasks and documents) a party's page lists at most, and task rows a status list's
/// page: 400 rows of ~950 bytes keep a page under 500 kB (issue 26; a status list of 500
/// rows on a corpus of long texts was 479 kB).
pub(super) const ROWS_PER_PAGE: usize = 400;

/// The tasks a party leads and supports; not those of documents not yet issued, which no
/// list shows. A body's groups' tasks are the groups' own: its page names them
/// ([`group_tallies`]).
pub(super) struct PartyTasks {
    pub(super) led: Vec<TaskId>,
    pub(super) supported: Vec<TaskId>,
}

impl PartyTasks {
    pub(super) fn of(g: &Graph, p: Party) -> PartyTasks {
        super::reads::party(p);
        PartyTasks {
            led: listed(g, g.leads(p)),
            supported: listed(g, g.supports(p)),
        }
    }

    /// Every one of them once (a party may lead a task and also support it), in the order
    /// of their ids.
    pub(super) fn distinct(&self) -> Vec<TaskId> {
        let mut ts: Vec<TaskId> = self.led.iter().chain(&self.supported).copied().collect();
        ts.sort_unstable();
        ts.dedup();
        ts
    }
}

/// Those of `tasks` that lists show (their documents are issued), each read by the page.
fn listed(g: &Graph, tasks: &[TaskId]) -> Vec<TaskId> {
    tasks
        .iter()
        .copied()
        .filter(|&t| {
            super::reads::task(t);
            g.tasks()[t].status.is_listed()
        })
        .collect()
}

/// The groups of body `p` that were given tasks, with those tasks (led or supported, each
/// once), in the order of the registry: a body's page names them with their counts, and
/// each group's page lists them. Empty for a group.
pub(super) fn group_tallies(g: &Graph, p: Party) -> Vec<(GroupId, Vec<TaskId>)> {
    let Party::Body(b) = p else {
        return Vec::new();
    };
    g.groups_of(b)
        .iter()
        .filter_map(|&gr| {
            let ts = PartyTasks::of(g, Party::Group(gr)).distinct();
            (!ts.is_empty()).then_some((gr, ts))
        })
        .collect()
}

/// The pages of party `p`, as [`PartyLists::pages`](super::pages::PartyLists::pages) are, without putting its lists in
/// order: `serve` compares them for every party after every save.
pub fn party_pages(g: &Graph, p: Party) -> Vec<PageLink> {
    let documents = g.issued(p).len() + received_of(g, p).len();
    pages_of(g, p, &PartyTasks::of(g, p), documents)
}

/// The pages of party `p`, whose lists are its `tasks` and `documents` documents (issued and
/// received): one per [`ROWS_PER_PAGE`] rows, one when there is none.
pub(super) fn pages_of(g: &Graph, p: Party, tasks: &PartyTasks, documents: usize) -> Vec<PageLink> {
    let rows = tasks.led.len() + tasks.supported.len() + documents;
    let slug = g.registry().slug(p);
    page_links(rows.max(1), ROWS_PER_PAGE, |n| paths::party_page(slug, n))
}

/// The documents sent to party `p` itself, each once, in the order of their ids. A body's
/// page does not list again those sent to its groups: it names the groups
/// ([`groups_received`]), whose pages list them (at 10,000 documents four in five of the
/// lines of bodies' lists were documents sent to a group, repeated on every member's page).
pub(super) fn received_of(g: &Graph, p: Party) -> Vec<DocId> {
    super::reads::party(p);
    let mut received: Vec<DocId> = g.received(p).to_vec();
    received.sort_unstable();
    received.dedup();
    received
}

/// The groups of party `p` (a body) that were sent documents, in the order of the registry.
pub(super) fn groups_received(g: &Graph, p: Party) -> Vec<GroupId> {
    let Party::Body(b) = p else {
        return Vec::new();
    };
    g.groups_of(b)
        .iter()
        .copied()
        .filter(|&gr| {
            super::reads::party(Party::Group(gr));
            !g.received(Party::Group(gr)).is_empty()
        })
        .collect()
}
