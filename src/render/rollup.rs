//! The tasks below each task, summed up in one pass (how many, how many done, how many
//! overdue), and the lists of due dates from which `static/tasks.js` counts open tasks again
//! on the reader's date.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::filters;
use crate::graph::Graph;
use crate::model::TaskId;
use crate::status::Status;

/// The tasks below a task, at any depth: how many, how many done, how many overdue, and the
/// due dates of the open dated ones (so that `static/tasks.js` can count overdue again on
/// the reader's date).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rollup {
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
    pub open_dues: Vec<NaiveDate>,
}

/// Every task's roll-up, in one pass from the deepest tasks up (each task has at most one
/// parent, so the tasks below form a forest). `None` for tasks with nothing below.
pub fn rollups(g: &Graph) -> Vec<Option<Rollup>> {
    let n = g.tasks.len();
    // Depth of each task in its tree; a cycle (reported as an error elsewhere) stops at n.
    let mut depth = vec![usize::MAX; n];
    for t in 0..n {
        let mut path = Vec::new();
        let mut cur = t;
        while depth[cur] == usize::MAX && path.len() <= n {
            path.push(cur);
            match g.tasks[cur].implements {
                Some(p) if !path.contains(&p) => cur = p,
                _ => break,
            }
        }
        let mut d = if depth[cur] == usize::MAX {
            0
        } else {
            depth[cur] + 1
        };
        for &x in path.iter().rev() {
            if depth[x] == usize::MAX {
                depth[x] = d;
                d += 1;
            }
        }
    }
    let mut order: Vec<TaskId> = (0..n).collect();
    order.sort_unstable_by_key(|&t| std::cmp::Reverse(depth[t]));
    let mut out: Vec<Option<Rollup>> = vec![None; n];
    for t in order {
        let Some(p) = g.tasks[t].implements else {
            continue;
        };
        if p == t || depth[p] >= depth[t] {
            continue;
        }
        let task = &g.tasks[t];
        let mine = out[t].take();
        let acc = out[p].get_or_insert_with(Rollup::default);
        // Tasks of documents not yet issued are not counted.
        acc.total += usize::from(task.status.is_listed());
        acc.done += usize::from(task.status.is_done());
        acc.overdue += usize::from(task.status == Status::Overdue);
        acc.open_dues.extend(filters::open_due(g, t));
        if let Some(m) = &mine {
            acc.total += m.total;
            acc.done += m.done;
            acc.overdue += m.overdue;
            acc.open_dues.extend_from_slice(&m.open_dues);
        }
        out[t] = mine;
    }
    for r in out.iter_mut().flatten() {
        r.open_dues.sort_unstable();
    }
    out
}

/// The due dates of the open tasks among `ts` with a fixed deadline, as
/// [`super::rows::Rows::open_dues`] writes them.
pub fn open_dues_of(g: &Graph, ts: impl Iterator<Item = TaskId>) -> String {
    let mut dues: Vec<NaiveDate> = ts.filter_map(|t| filters::open_due(g, t)).collect();
    dues.sort_unstable();
    let mut out = String::with_capacity(dues.len() * 11);
    push_dates(&mut out, &dues);
    out
}

/// Writes `dates` (in order) space-separated, YYYY-MM-DD, what `static/tasks.js` reads back; a
/// date that repeats once, with the number of times after a `*` ("2024-12-31*455"): at
/// 100,000 documents the home page's list was a megabyte, most of it the same year-end dates.
pub(super) fn push_dates(out: &mut String, dates: &[NaiveDate]) {
    for (i, run) in dates.chunk_by(|a, b| a == b).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{}", run[0]);
        if run.len() > 1 {
            let _ = write!(out, "*{}", run.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_many_tasks_share_is_written_once_with_their_number() {
        let d = |day| NaiveDate::from_ymd_opt(2024, 12, day).unwrap();
        let written = |dates: &[NaiveDate]| {
            let mut out = String::new();
            push_dates(&mut out, dates);
            out
        };
        assert_eq!(written(&[]), "");
        assert_eq!(written(&[d(1)]), "2024-12-01");
        assert_eq!(
            written(&[d(1), d(31), d(31), d(31)]),
            "2024-12-01 2024-12-31*3"
        );
        assert_eq!(written(&[d(1), d(1), d(2)]), "2024-12-01*2 2024-12-02");
    }
}
