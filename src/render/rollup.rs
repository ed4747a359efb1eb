//! The tasks below each task, summed up in one pass: how many, how many done, how many
//! overdue, and their counts over time, from which `static/tasks.js` counts them again on
//! the reader's date.

use super::timeline::Steps;
use crate::graph::Graph;
use crate::model::{IdVec, TaskId};
use crate::status::Status;

/// The tasks below a task, at any depth: how many, how many done, how many overdue on the
/// build's day, and their counts over time (so that `static/tasks.js` can count them again on
/// the reader's date), folded beyond [`super::timeline::KEPT`] days.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rollup {
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
    pub steps: Steps,
}

/// Every task's roll-up, in one pass from the deepest tasks up (each task has at most one
/// parent, so the tasks below form a forest). `None` for tasks with nothing below.
pub fn rollups(g: &Graph) -> IdVec<TaskId, Option<Rollup>> {
    let depth = depths(g);
    let mut order: Vec<TaskId> = g.tasks().ids().collect();
    order.sort_unstable_by_key(|&t| std::cmp::Reverse(depth[t]));
    let mut out: IdVec<TaskId, Option<Rollup>> = IdVec::filled(None, g.tasks().len());
    for t in order {
        let Some(p) = g.tasks()[t].implements else {
            continue;
        };
        if p == t || depth[p] >= depth[t] {
            continue;
        }
        let task = &g.tasks()[t];
        let mine = out[t].take();
        let acc = out[p].get_or_insert_with(Rollup::default);
        // Tasks of documents not yet issued are not counted.
        acc.total += usize::from(task.status.is_listed());
        acc.done += usize::from(task.status.is_done());
        acc.overdue += usize::from(task.status == Status::Overdue);
        acc.steps.add(&Steps::of(g, std::iter::once(t)), g.today());
        if let Some(m) = &mine {
            acc.total += m.total;
            acc.done += m.done;
            acc.overdue += m.overdue;
            acc.steps.add(&m.steps, g.today());
        }
        out[t] = mine;
    }
    out
}

/// Each task's depth in its tree of `implements` (0 at the top), each task walked once. A
/// cycle (reported as an error elsewhere) is entered at depth 0 where the walk met it.
fn depths(g: &Graph) -> IdVec<TaskId, usize> {
    const UNKNOWN: usize = usize::MAX;
    let n = g.tasks().len();
    let mut depth = IdVec::filled(UNKNOWN, n);
    // The walk that reached each task (the task it started from).
    let mut walk: IdVec<TaskId, Option<TaskId>> = IdVec::filled(None, n);
    let mut path = Vec::new();
    for t in g.tasks().ids() {
        let mut cur = Some(t);
        while let Some(x) = cur.filter(|&x| depth[x] == UNKNOWN && walk[x] != Some(t)) {
            walk[x] = Some(t);
            path.push(x);
            cur = g.tasks()[x].implements;
        }
        let mut d = cur
            .filter(|&x| depth[x] != UNKNOWN)
            .map_or(0, |x| depth[x] + 1);
        while let Some(x) = path.pop() {
            depth[x] = d;
            d += 1;
        }
    }
    depth
}
