//! The contract's statistics: for the whole site and for each party (a body or a group), its
//! tasks counted by status and its on-time rate. A body counts the tasks led by every body
//! under it in the registry; a group the tasks it leads itself; tasks not yet issued are not
//! counted. Pure: the statuses are an argument, so that a report can count as of any day.

use serde::Serialize;

use crate::graph::Graph;
use crate::model::{BodyId, GroupId, IdVec, Party, TaskId};
use crate::status::Status;

/// Tasks counted by status, as the contract's report form has them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub done_on_time: usize,
    pub done_late: usize,
    pub overdue: usize,
    /// Due soon or in progress.
    pub not_due: usize,
    pub ongoing: usize,
    pub no_deadline: usize,
    pub withdrawn: usize,
}

impl Counts {
    /// Counts one task of status `s` (one not yet issued is not counted).
    pub fn add(&mut self, s: Status) {
        let n = match s {
            Status::DoneOnTime => &mut self.done_on_time,
            Status::DoneLate => &mut self.done_late,
            Status::Overdue => &mut self.overdue,
            Status::DueSoon | Status::InProgress => &mut self.not_due,
            Status::Ongoing => &mut self.ongoing,
            Status::NoDeadline => &mut self.no_deadline,
            Status::Withdrawn => &mut self.withdrawn,
            Status::NotIssued => return,
        };
        *n += 1;
    }

    fn merge(&mut self, o: &Counts) {
        self.done_on_time += o.done_on_time;
        self.done_late += o.done_late;
        self.overdue += o.overdue;
        self.not_due += o.not_due;
        self.ongoing += o.ongoing;
        self.no_deadline += o.no_deadline;
        self.withdrawn += o.withdrawn;
    }

    /// `done_on_time / (done_on_time + done_late + overdue)` as a percentage with one
    /// decimal; `None` when the divisor is 0.
    pub fn on_time_rate(&self) -> Option<f64> {
        let of = self.done_on_time + self.done_late + self.overdue;
        (of > 0).then(|| (self.done_on_time as f64 * 1000.0 / of as f64).round() / 10.0)
    }
}

/// The counts of the site, of each body (by its place in the registry) and of each group.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub site: Counts,
    pub bodies: IdVec<BodyId, Counts>,
    pub groups: IdVec<GroupId, Counts>,
}

/// Counts every task of `g` by `status_of`. Linear in tasks and bodies, and without
/// recursion: each body's count is added to its parent's once all its children's have been
/// (a parent in a cycle, an error reported elsewhere, gets none from it).
pub fn count(g: &Graph, status_of: impl Fn(TaskId) -> Status) -> Stats {
    let reg = &g.registry();
    let mut stats = Stats {
        site: Counts::default(),
        bodies: IdVec::filled(Counts::default(), reg.bodies.len()),
        groups: IdVec::filled(Counts::default(), reg.groups.len()),
    };
    for (t, task) in g.tasks().iter_enumerated() {
        let s = status_of(t);
        stats.site.add(s);
        match task.lead {
            Some(Party::Body(b)) => stats.bodies[b].add(s),
            Some(Party::Group(gr)) => stats.groups[gr].add(s),
            None => {}
        }
    }
    let mut waiting: IdVec<BodyId, usize> = IdVec::filled(0, reg.bodies.len());
    for b in &reg.bodies {
        if let Some(p) = b.parent {
            waiting[p] += 1;
        }
    }
    let mut ready: Vec<BodyId> = reg.bodies.ids().filter(|&b| waiting[b] == 0).collect();
    while let Some(b) = ready.pop() {
        let Some(p) = reg.bodies[b].parent else {
            continue;
        };
        let below = stats.bodies[b];
        stats.bodies[p].merge(&below);
        waiting[p] -= 1;
        if waiting[p] == 0 {
            ready.push(p);
        }
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_counts_where_the_contract_puts_it() {
        let mut c = Counts::default();
        for s in crate::status::Status::ALL {
            c.add(s);
        }
        c.add(Status::DueSoon);
        let want = Counts {
            done_on_time: 1,
            done_late: 1,
            overdue: 1,
            not_due: 3,
            ongoing: 1,
            no_deadline: 1,
            withdrawn: 1,
        };
        assert_eq!(c, want);
    }

    #[test]
    fn the_on_time_rate_has_one_decimal_and_none_without_a_divisor() {
        let rate = |done_on_time, done_late, overdue| {
            Counts {
                done_on_time,
                done_late,
                overdue,
                not_due: 7,
                ..Counts::default()
            }
            .on_time_rate()
        };
        assert_eq!(rate(3, 1, 2), Some(50.0));
        assert_eq!(rate(2, 1, 0), Some(66.7));
        assert_eq!(rate(1, 2, 0), Some(33.3));
        assert_eq!(rate(1, 0, 0), Some(100.0));
        assert_eq!(rate(0, 0, 1), Some(0.0));
        assert_eq!(rate(0, 0, 0), None);
    }
}
