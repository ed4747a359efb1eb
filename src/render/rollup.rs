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
/// the reader's date), folded beyond [`DUES_KEPT`] of them ([`Dues`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rollup {
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
    pub open_dues: Dues,
}

/// Distinct due dates a roll-up keeps exactly (the latest [`DUES_BEFORE`] before the build's
/// day, and the earliest from it on), the others folded onto two more. Every row of a task carries its roll-up's dates, and a
/// task at the top of a chain thousands deep had thousands below it: the rows of a chain
/// grew with the square of its depth.
pub const DUES_KEPT: usize = 32;
const DUES_BEFORE: usize = 8;
const DUES_FROM: usize = DUES_KEPT - DUES_BEFORE;

/// Due dates as runs (the date, how many tasks), in order of date. Kept short: beyond
/// [`DUES_BEFORE`] distinct dates before the build's day, the earlier ones are counted on the
/// latest of them, and beyond [`DUES_FROM`] from it on, the later ones on the earliest of
/// them; so a count of those due before a day is exact for any day after those folded
/// earlier and up to those folded later, the build's day among them. Folding the dates of
/// two sets and then of their union is folding the union's: a roll-up is made of those below
/// it in one pass.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dues(Vec<(NaiveDate, usize)>);

impl Dues {
    /// Adds `other`'s dates, then folds them as of `today`.
    fn add(&mut self, other: &[(NaiveDate, usize)], today: NaiveDate) {
        let mine = std::mem::take(&mut self.0);
        let (mut i, mut j) = (0, 0);
        self.0.reserve(mine.len() + other.len());
        while i < mine.len() && j < other.len() {
            let ((x, m), (y, n)) = (mine[i], other[j]);
            self.0.push(if x < y {
                i += 1;
                (x, m)
            } else if y < x {
                j += 1;
                (y, n)
            } else {
                (i, j) = (i + 1, j + 1);
                (x, m + n)
            });
        }
        self.0.extend_from_slice(&mine[i..]);
        self.0.extend_from_slice(&other[j..]);
        self.fold(today);
    }

    /// Folds the dates beyond those kept into the furthest kept on their side.
    fn fold(&mut self, today: NaiveDate) {
        let from = self.0.partition_point(|&(d, _)| d < today);
        let later = self.0.len() - from;
        if later > DUES_FROM + 1 {
            let n = self
                .0
                .drain(from + DUES_FROM + 1..)
                .map(|(_, n)| n)
                .sum::<usize>();
            self.0[from + DUES_FROM].1 += n;
        }
        if from > DUES_BEFORE + 1 {
            let cut = from - DUES_BEFORE - 1;
            let n = self.0.drain(..cut).map(|(_, n)| n).sum::<usize>();
            self.0[0].1 += n;
        }
    }

    /// Writes the dates as [`push_dates`] does.
    pub(super) fn write(&self, out: &mut String) {
        for (i, &(date, n)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let _ = write!(out, "{date}");
            if n > 1 {
                let _ = write!(out, "*{n}");
            }
        }
    }
}

/// Every task's roll-up, in one pass from the deepest tasks up (each task has at most one
/// parent, so the tasks below form a forest). `None` for tasks with nothing below.
pub fn rollups(g: &Graph) -> Vec<Option<Rollup>> {
    let depth = depths(g);
    let mut order: Vec<TaskId> = (0..g.tasks.len()).collect();
    order.sort_unstable_by_key(|&t| std::cmp::Reverse(depth[t]));
    let mut out: Vec<Option<Rollup>> = vec![None; g.tasks.len()];
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
        if let Some(due) = filters::open_due(g, t) {
            acc.open_dues.add(&[(due, 1)], g.today);
        }
        if let Some(m) = &mine {
            acc.total += m.total;
            acc.done += m.done;
            acc.overdue += m.overdue;
            acc.open_dues.add(&m.open_dues.0, g.today);
        }
        out[t] = mine;
    }
    out
}

/// Each task's depth in its tree of `implements` (0 at the top), each task walked once. A
/// cycle (reported as an error elsewhere) is entered at depth 0 where the walk met it.
fn depths(g: &Graph) -> Vec<usize> {
    const UNKNOWN: usize = usize::MAX;
    let n = g.tasks.len();
    let mut depth = vec![UNKNOWN; n];
    // The walk that reached each task (the task it started from).
    let mut walk = vec![UNKNOWN; n];
    let mut path = Vec::new();
    for t in 0..n {
        let mut cur = Some(t);
        while let Some(x) = cur.filter(|&x| depth[x] == UNKNOWN && walk[x] != t) {
            walk[x] = t;
            path.push(x);
            cur = g.tasks[x].implements;
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

    /// Due dates spread around `today` (some shared), from a seed.
    fn some_dues(seed: u64, n: usize) -> Vec<(NaiveDate, usize)> {
        let today = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
        let mut x = seed;
        let mut dates: Vec<NaiveDate> = (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                today + chrono::Days::new((x >> 33) % 200) - chrono::Days::new(100)
            })
            .collect();
        dates.sort_unstable();
        let mut runs: Vec<(NaiveDate, usize)> = Vec::new();
        for d in dates {
            match runs.last_mut() {
                Some((last, n)) if *last == d => *n += 1,
                _ => runs.push((d, 1)),
            }
        }
        runs
    }

    fn before(dues: &[(NaiveDate, usize)], day: NaiveDate) -> usize {
        dues.iter()
            .filter(|&&(d, _)| d < day)
            .map(|&(_, n)| n)
            .sum()
    }

    #[test]
    fn folded_dues_are_short_and_count_exactly_around_the_build_day() {
        let today = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
        for seed in 0..50 {
            let all = some_dues(seed, 1 + seed as usize * 7);
            let mut folded = Dues::default();
            folded.add(&all, today);
            assert!(folded.0.len() <= DUES_KEPT + 2, "{}", folded.0.len());
            assert_eq!(
                before(&folded.0, NaiveDate::MAX),
                before(&all, NaiveDate::MAX)
            );
            let exact = |day: NaiveDate| before(&folded.0, day) == before(&all, day);
            // Exact from the day after the latest folded earlier date to the earliest folded
            // later date (every day, when nothing was folded).
            let first = folded
                .0
                .first()
                .map_or(today, |r| r.0 + chrono::Days::new(1));
            let last = folded.0.last().map_or(today, |r| r.0);
            let mut day = first.min(today);
            while day <= last.max(today) {
                assert!(exact(day), "seed {seed}: not exact on {day}");
                day = day + chrono::Days::new(1);
            }
            if all.len() <= DUES_BEFORE + 1 {
                assert_eq!(folded.0, all);
            }
        }
    }

    #[test]
    fn folding_the_parts_then_the_whole_is_folding_the_whole() {
        let today = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
        for seed in 0..50 {
            let parts: Vec<_> = (0..5).map(|i| some_dues(seed * 5 + i, 40)).collect();
            let mut whole = Dues::default();
            let mut by_parts = Dues::default();
            for p in &parts {
                let mut part = Dues::default();
                part.add(p, today);
                by_parts.add(&part.0, today);
                for &run in p {
                    whole.add(&[run], today);
                }
            }
            let mut at_once: Vec<(NaiveDate, usize)> = parts.concat();
            at_once.sort_unstable();
            let mut folded = Dues::default();
            for run in at_once {
                folded.add(&[run], today);
            }
            assert_eq!(by_parts, folded, "seed {seed}");
            assert_eq!(whole, folded, "seed {seed}");
        }
    }
}
