//! What a build writes once and copies wherever it appears ([`TaskCache`]): a task's listed
//! rows and calendar event, a document's lines, and what is worked out of the whole graph
//! (roll-ups, orders, figures). Each piece keeps what it read (`reads.rs`), so that `serve`
//! forgets only the pieces an edit meets.

use std::sync::OnceLock;

use super::filters::NameOrder;
use super::html::Html;
use super::reads::{self, Changed, Reads};
use super::rollup::{rollups, Rollup};
use crate::graph::Graph;
use crate::model::{DocId, IdVec, TaskId};

/// Every party's tasks counted by status on the graph's day.
pub(super) fn figures(g: &Graph) -> crate::stats::Stats {
    crate::stats::count(g, |t| g.tasks()[t].status)
}

/// What is written of each task and document the same way wherever it appears: a task's row
/// as listed on pages one folder down and its calendar event, a document's line in the lists
/// of those pages, its row in the documents index and its line in the chain as nested lists;
/// and what is worked out of the whole graph (every task's roll-up, the orders of the lists,
/// the open due dates); each made when first needed. A build makes a new one; `serve` keeps it
/// from one rebuild to the next and forgets what an edit may change ([`TaskCache::forget`]).
#[derive(Debug, Default)]
pub struct TaskCache {
    pub(super) listed: IdVec<TaskId, OnceLock<Kept<Html>>>,
    /// A task's row listed under the heading of the task it carries out
    /// ([`Rows::grouped_table`]): without its own line naming that task.
    pub(super) under: IdVec<TaskId, OnceLock<Kept<Html>>>,
    /// A task's calendar event, `None` when it has none.
    pub(super) events: IdVec<TaskId, OnceLock<Kept<Option<String>>>>,
    pub(super) doc_lines: IdVec<DocId, OnceLock<Kept<Html>>>,
    /// A document's line as a document page's relations list it (named with "số").
    pub(super) cited_lines: IdVec<DocId, OnceLock<Kept<Html>>>,
    pub(super) index_rows: IdVec<DocId, OnceLock<Kept<Html>>>,
    pub(super) tree_lines: IdVec<DocId, OnceLock<Kept<Html>>>,
    pub(super) whole: Whole,
}

/// A piece of a page kept in the cache, with what it read (`reads.rs`; none unless `serve`
/// records them), which every page that uses it reads too.
#[derive(Debug)]
pub(super) struct Kept<T> {
    value: T,
    reads: Option<Box<Reads>>,
}

/// What is worked out of the whole graph, once per graph: a `serve` step used to work each
/// out three or four times (sorting 25,000 tasks each time at 10,000 documents). Made on one
/// thread (no rayon inside: rendering jobs may wait on these cells).
#[derive(Debug, Default)]
pub(super) struct Whole {
    pub(super) rollups: OnceLock<IdVec<TaskId, Option<Rollup>>>,
    pub(super) tasks_in_order: OnceLock<Vec<TaskId>>,
    pub(super) documents_in_order: OnceLock<Vec<DocId>>,
    pub(super) timeline: OnceLock<String>,
    pub(super) name_order: OnceLock<NameOrder>,
    pub(super) stats: OnceLock<crate::stats::Stats>,
}

impl TaskCache {
    /// An empty cache for the tasks and documents of `g`.
    pub fn new(g: &Graph) -> Self {
        TaskCache {
            listed: g.tasks().ids().map(|_| OnceLock::new()).collect(),
            under: g.tasks().ids().map(|_| OnceLock::new()).collect(),
            events: g.tasks().ids().map(|_| OnceLock::new()).collect(),
            doc_lines: g.documents().ids().map(|_| OnceLock::new()).collect(),
            cited_lines: g.documents().ids().map(|_| OnceLock::new()).collect(),
            index_rows: g.documents().ids().map(|_| OnceLock::new()).collect(),
            tree_lines: g.documents().ids().map(|_| OnceLock::new()).collect(),
            whole: Whole::default(),
        }
    }

    /// Whether it holds what is written of a graph with as many tasks and documents as `g`.
    pub fn fits(&self, g: &Graph) -> bool {
        self.listed.len() == g.tasks().len() && self.doc_lines.len() == g.documents().len()
    }

    /// Forgets what was written that read something `changed` names (`reads.rs`: the pieces
    /// record what they read): it is written again when next needed.
    pub(crate) fn forget(&mut self, changed: &Changed) {
        let meeting = changed.meeting();
        for cells in [&mut self.listed, &mut self.under] {
            forget_met(cells.as_mut_slice(), &meeting);
        }
        forget_met(self.events.as_mut_slice(), &meeting);
        for cells in [
            &mut self.doc_lines,
            &mut self.cited_lines,
            &mut self.index_rows,
            &mut self.tree_lines,
        ] {
            forget_met(cells.as_mut_slice(), &meeting);
        }
    }

    /// Forgets what was worked out of the whole graph.
    pub(crate) fn forget_whole(&mut self) {
        self.whole = Whole::default();
    }

    /// Every task's roll-up and every party's figures, worked out of `g` (now, when they were
    /// not), taken out of the cache with the rest worked out of the whole graph (`serve`
    /// compares them with those of the graph after an edit).
    pub(crate) fn take_derived(
        &mut self,
        g: &Graph,
    ) -> (IdVec<TaskId, Option<Rollup>>, crate::stats::Stats) {
        let rollups = self.whole.rollups.take().unwrap_or_else(|| rollups(g));
        let stats = self.whole.stats.take().unwrap_or_else(|| figures(g));
        self.forget_whole();
        (rollups, stats)
    }
}

/// Empties the cells of `cells` whose pieces read something `meeting` names.
fn forget_met<T>(cells: &mut [OnceLock<Kept<T>>], meeting: &reads::Meeting) {
    for cell in cells {
        let met = cell
            .get()
            .is_some_and(|k| k.reads.as_ref().is_some_and(|r| r.meet(meeting)));
        if met {
            cell.take();
        }
    }
}

/// What `cell` of a [`TaskCache`] keeps, made by `make` the first time it is asked for; what
/// it read is read again by the page asking.
pub(super) fn remembered<T>(cell: &OnceLock<Kept<T>>, make: impl FnOnce() -> T) -> &T {
    let mut made = false;
    let k = cell.get_or_init(|| {
        made = true;
        let (value, reads) = reads::recording(make);
        let reads = (!reads.is_empty()).then(|| Box::new(reads));
        Kept { value, reads }
    });
    // Made now, its reads went to the page already.
    if let (false, Some(r)) = (made, &k.reads) {
        reads::replay(r);
    }
    &k.value
}

/// A fragment kept in `cell` ([`remembered`]), written by `make` (into a fragment of
/// `capacity` bytes) the first time it is asked for, and kept in no more room than it takes:
/// a big site keeps tens of thousands of rows to the end of its build (at 10,000 documents of
/// long texts, 52 MiB in rows of 1,200 bytes' room against 31 MiB as they were).
pub(super) fn kept(
    cell: &OnceLock<Kept<Html>>,
    capacity: usize,
    make: impl FnOnce(&mut Html),
) -> &Html {
    remembered(cell, || {
        let mut s = Html::with_capacity(capacity);
        make(&mut s);
        s.shrink_to_fit();
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kept fragment takes no more room than its text, whatever room it was written into.
    #[test]
    fn a_kept_fragment_is_kept_in_the_room_it_takes() {
        let cell = OnceLock::new();
        let row = kept(&cell, 1200, |h| {
            h.raw("<tr>").text("bồi dưỡng").raw("</tr>");
        });
        assert_eq!(row.as_str(), "<tr>bồi dưỡng</tr>");
        assert_eq!(cell.get().map(|k| k.value.capacity()), Some(row.len()));
    }
}
