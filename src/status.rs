//! A task's status as things stood on a day, exactly as the contract's table says: the
//! deadline in force on that day (the task's own `due`, or the last extension in effect), and
//! the first row of the table that applies. Pure functions of the facts and the day: what
//! happened after the day (a done date, an extension, a withdrawal) has not happened yet.

use chrono::NaiveDate;
use serde::Serialize;

use crate::deadline::Due;

/// A task's status, as the contract names them. Ordered most urgent first (the order of the
/// lists); `NotIssued` last, as it is left out of every list and count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Overdue,
    DueSoon,
    InProgress,
    Ongoing,
    NoDeadline,
    DoneLate,
    DoneOnTime,
    Withdrawn,
    NotIssued,
}

impl Status {
    /// Every status, in the order of the lists.
    pub const ALL: [Status; 9] = [
        Status::Overdue,
        Status::DueSoon,
        Status::InProgress,
        Status::Ongoing,
        Status::NoDeadline,
        Status::DoneLate,
        Status::DoneOnTime,
        Status::Withdrawn,
        Status::NotIssued,
    ];

    /// The statuses that lists and counts show: all but `NotIssued`, the last of [`ALL`](Self::ALL).
    pub const LISTED: &'static [Status] = Status::ALL.split_at(8).0;

    pub fn as_str(self) -> &'static str {
        match self {
            Status::DoneOnTime => "done_on_time",
            Status::DoneLate => "done_late",
            Status::Overdue => "overdue",
            Status::DueSoon => "due_soon",
            Status::InProgress => "in_progress",
            Status::Ongoing => "ongoing",
            Status::NoDeadline => "no_deadline",
            Status::Withdrawn => "withdrawn",
            Status::NotIssued => "not_issued",
        }
    }

    pub fn is_done(self) -> bool {
        matches!(self, Status::DoneOnTime | Status::DoneLate)
    }

    /// Whether the task still has to be done: not done, not withdrawn, issued.
    pub fn is_open(self) -> bool {
        !self.is_done() && !matches!(self, Status::Withdrawn | Status::NotIssued)
    }

    /// Whether lists and counts show it (all but `NotIssued`).
    pub fn is_listed(self) -> bool {
        self != Status::NotIssued
    }
}

/// When something takes effect: on a document's date, or from the start when that document
/// has no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    Start,
    Day(NaiveDate),
}

impl Since {
    /// On the date of a document (`None`: it has none).
    pub fn of(date: Option<NaiveDate>) -> Since {
        date.map_or(Since::Start, Since::Day)
    }

    /// Whether it has taken effect on `day`.
    pub fn holds_on(self, day: NaiveDate) -> bool {
        match self {
            Since::Start => true,
            Since::Day(d) => d <= day,
        }
    }
}

/// A later deadline granted for a task, as the status rule reads it: from when, and what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Granted {
    pub since: Since,
    pub due: Due,
}

/// What a task's status is judged from.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// The date of the task's document (`None`: undated, issued from the start).
    pub issued: Option<NaiveDate>,
    /// The task's own `due`.
    pub due: Option<Due>,
    /// Its extensions, oldest first.
    pub extended: &'a [Granted],
    /// When it was done: on its `done` date or its `done_by` document's date, or from the
    /// start (a `done_by` document without a date).
    pub done: Option<Since>,
    /// When the withdrawing document took effect.
    pub withdrawn: Option<Since>,
}

/// The deadline in force on `day`: the `due` of the last extension in effect on that day,
/// else the task's own `due`.
pub fn in_force(facts: &Facts, day: NaiveDate) -> Option<Due> {
    facts
        .extended
        .iter()
        .rev()
        .find(|e| e.since.holds_on(day))
        .map(|e| e.due)
        .or(facts.due)
}

/// A task's status on a day, with the deadline in force resolved on that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    pub status: Status,
    /// The deadline in force on the day, resolved: for a recurring one the end of the
    /// current period; `None` when ongoing or there is none.
    pub due: Option<NaiveDate>,
    /// For an overdue task, the day minus the deadline in force.
    pub overdue_days: Option<i64>,
}

/// The status rule of the contract: the first row of its table that applies on `today`.
pub fn judge(facts: &Facts, today: NaiveDate, soon_days: u32) -> Judged {
    let force = in_force(facts, today);
    let due = force.and_then(|d| d.on(today));
    let status = status(facts, force, today, soon_days);
    let overdue_days = match (status, due) {
        (Status::Overdue, Some(d)) => Some((today - d).num_days()),
        _ => None,
    };
    Judged {
        status,
        due,
        overdue_days,
    }
}

/// A task's status on `day`, as [`judge`] finds it.
pub fn status_on(facts: &Facts, day: NaiveDate, soon_days: u32) -> Status {
    status(facts, in_force(facts, day), day, soon_days)
}

/// A task's status on every day at once: its status on the earliest day there is, then each
/// day on which it changes, with the new status, in order of date. Between two of those days
/// it is the same: it can only change on a day something takes effect (the document's date,
/// the done date, a withdrawal, an extension) or the day a deadline in force comes within
/// `soon_days` or passes, and it is judged with [`status_on`] on each of them.
pub fn changes(facts: &Facts, soon_days: u32) -> (Status, Vec<(NaiveDate, Status)>) {
    let day = |s: Option<Since>| match s {
        Some(Since::Day(d)) => Some(d),
        _ => None,
    };
    let mut days: Vec<NaiveDate> = [facts.issued, day(facts.done), day(facts.withdrawn)]
        .into_iter()
        .flatten()
        .chain(facts.extended.iter().filter_map(|e| day(Some(e.since))))
        .collect();
    let fixed = facts.extended.iter().map(|e| e.due).chain(facts.due);
    for due in fixed {
        if let Due::On(d) = due {
            days.extend(d.checked_sub_days(chrono::Days::new(soon_days.into())));
            days.extend(d.succ_opt());
        }
    }
    days.sort_unstable();
    days.dedup();
    let first = status_on(facts, NaiveDate::MIN, soon_days);
    let mut was = first;
    let mut out = Vec::new();
    for d in days {
        let now = status_on(facts, d, soon_days);
        if now != was {
            out.push((d, now));
            was = now;
        }
    }
    (first, out)
}

fn status(facts: &Facts, force: Option<Due>, today: NaiveDate, soon_days: u32) -> Status {
    if facts.issued.is_some_and(|d| d > today) {
        return Status::NotIssued;
    }
    if let Some(done) = facts.done.filter(|d| d.holds_on(today)) {
        return if is_late(facts, done) {
            Status::DoneLate
        } else {
            Status::DoneOnTime
        };
    }
    if facts.withdrawn.is_some_and(|w| w.holds_on(today)) {
        return Status::Withdrawn;
    }
    match force {
        None => Status::NoDeadline,
        Some(Due::Every(_) | Due::Ongoing) => Status::Ongoing,
        Some(Due::On(due)) if due < today => Status::Overdue,
        Some(Due::On(due)) if (due - today).num_days() <= i64::from(soon_days) => Status::DueSoon,
        Some(Due::On(_)) => Status::InProgress,
    }
}

/// Whether a task done `done` was late: its done date is after the deadline in force on that
/// date. Done by an undated document, or under a recurring or ongoing deadline: on time.
fn is_late(facts: &Facts, done: Since) -> bool {
    match done {
        Since::Start => false,
        Since::Day(day) => matches!(in_force(facts, day), Some(Due::On(due)) if day > due),
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
