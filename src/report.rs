//! The periodic report (báo cáo định kỳ) of the contract's "Statistics and periodic reports":
//! its periods (a month `2024-10`, a quarter `2024-Q4`, a year `2024`) and what a report of
//! one period counts, for the whole site or one party, as of the period's last day (or of
//! the graph's day when the period has not ended). Pure: plain data for the report pages and
//! `chidao report` to lay out; no I/O, no rendering. Statuses come from the contract's status
//! rule ([`crate::status::judge`]) judged on that day, and the counts per party from
//! [`crate::stats::count`], so that a report as of a day agrees with data.json's `stats` for
//! that day.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::deadline::{month_end, Due};
use crate::graph::Graph;
use crate::model::{BodyId, IdVec, Party, TaskId};
use crate::stats::{self, Counts, Stats};
use crate::status::{self, Status};

pub(crate) mod docx;

/// The forms a period is written in, for error messages.
pub const ACCEPTED_PERIODS: &str =
    "accepted forms: a month 2024-10, a quarter 2024-Q4, a year 2024";

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// A period a report covers: a month, a quarter or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// `2024-10`.
    Month { year: i32, month: u32 },
    /// `2024-Q4`.
    Quarter { year: i32, quarter: u32 },
    /// `2024`.
    Year(i32),
}

/// A text that is not a period in one of the [accepted forms](ACCEPTED_PERIODS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    /// The text as given.
    pub given: String,
}

impl PeriodError {
    /// What is wrong, for the terminal.
    pub fn message(&self) -> crate::messages::Msg {
        crate::messages::msg::not_a_period(&self.given)
    }
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a period; {ACCEPTED_PERIODS}", self.given)
    }
}

impl std::error::Error for PeriodError {}

impl Period {
    /// Parses `2024-10`, `2024-Q4` or `2024` (four-digit years, two-digit months, the
    /// quarter a capital `Q` and 1 to 4), spaces around ignored.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        parse_period(text.trim()).ok_or_else(|| PeriodError {
            given: text.trim().to_string(),
        })
    }

    /// The month that contains `day`.
    pub fn month_of(day: NaiveDate) -> Period {
        Period::Month {
            year: day.year(),
            month: day.month(),
        }
    }

    /// The quarter that contains `day`.
    pub fn quarter_of(day: NaiveDate) -> Period {
        Period::Quarter {
            year: day.year(),
            quarter: day.month().div_ceil(3),
        }
    }

    /// The year that contains `day`.
    pub fn year_of(day: NaiveDate) -> Period {
        Period::Year(day.year())
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Month { year, .. } | Period::Quarter { year, .. } | Period::Year(year) => year,
        }
    }

    /// Its first and last month.
    fn months(self) -> (u32, u32) {
        match self {
            Period::Month { month, .. } => (month, month),
            Period::Quarter { quarter, .. } => (quarter * 3 - 2, quarter * 3),
            Period::Year(_) => (1, 12),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.months().0, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        month_end(self.year(), self.months().1)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&day)
    }

    /// Its name as a report writes it: "tháng 10 năm 2024", "quý IV năm 2024", "năm 2024".
    pub fn name_vi(self) -> String {
        match self {
            Period::Month { year, month } => format!("tháng {month} năm {year}"),
            Period::Quarter { year, quarter } => {
                format!("quý {} năm {year}", ROMAN[quarter as usize - 1])
            }
            Period::Year(year) => format!("năm {year}"),
        }
    }

    /// Its written form in lower case, for a page's file name: `2024-10`, `2024-q4`, `2024`.
    pub fn slug(self) -> String {
        self.to_string().to_lowercase()
    }
}

impl fmt::Display for Period {
    /// The form it is written in: `2024-10`, `2024-Q4`, `2024`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Year(year) => write!(f, "{year:04}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Period, PeriodError> {
        Period::parse(s)
    }
}

fn parse_period(s: &str) -> Option<Period> {
    let (y, rest) = s.split_once('-').unwrap_or((s, ""));
    let year = digits(y, 4).filter(|&y| y >= 1)? as i32;
    if s.len() == 4 {
        return Some(Period::Year(year));
    }
    if let Some(q) = rest.strip_prefix('Q') {
        let quarter = digits(q, 1).filter(|q| (1..=4).contains(q))?;
        return Some(Period::Quarter { year, quarter });
    }
    let month = digits(rest, 2).filter(|m| (1..=12).contains(m))?;
    Some(Period::Month { year, month })
}

/// The number written in exactly `len` ASCII digits.
fn digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Every year and quarter that has a day from `first` to `last`, in order of time, each
/// year before its quarters: `2023, 2023-Q3, 2023-Q4, 2024, 2024-Q1, ...`. Empty when
/// `first` is after `last`. (The contract asks for a report page per year and per quarter.)
pub fn periods_between(first: NaiveDate, last: NaiveDate) -> Vec<Period> {
    let mut out = Vec::new();
    for year in first.year()..=last.year() {
        out.push(Period::Year(year));
        out.extend(
            (1..=4)
                .map(|quarter| Period::Quarter { year, quarter })
                .filter(|q| q.last_day() >= first && q.first_day() <= last),
        );
    }
    out
}

/// The periods the site reports on: every year and quarter from its earliest dated document
/// to the graph's day (none when no document has a date).
pub fn site_periods(g: &Graph) -> Vec<Period> {
    g.documents()
        .iter()
        .filter_map(|d| d.date)
        .min()
        .map_or_else(Vec::new, |first| periods_between(first, g.today()))
}

/// One task in a report's lists, as things stood on the report's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub task: TaskId,
    pub lead: Option<Party>,
    pub status: Status,
    /// The deadline in force on the report's day, resolved (`None`: ongoing, or none).
    pub due: Option<NaiveDate>,
    /// The done date, when done by the report's day (`None` too when done by an undated
    /// document).
    pub done: Option<NaiveDate>,
    /// For an overdue task, the report's day minus the deadline in force.
    pub overdue_days: Option<i64>,
}

/// The tasks whose deadline in force falls in the period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FallingDue {
    pub done_on_time: Vec<Row>,
    pub done_late: Vec<Row>,
    /// Overdue, or not yet due when the period has not ended (or its deadline is its last
    /// day).
    pub not_done: Vec<Row>,
}

/// One party's line of the appendix: its figures as of the report's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartyRow {
    pub party: Party,
    /// Its tasks by status (a body's with the bodies under it).
    pub counts: Counts,
    /// Of those, the tasks whose deadline in force falls in the period, by status
    /// (`done_on_time`, `done_late`, and the rest not done).
    pub falling_due: Counts,
    /// Of those, the tasks done in the period (`done_on_time` and `done_late`).
    pub done_in_period: Counts,
}

impl PartyRow {
    pub fn on_time_rate(&self) -> Option<f64> {
        self.counts.on_time_rate()
    }
}

/// The report of a period, for the whole site or one party.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: Period,
    /// `None`: the whole site.
    pub party: Option<Party>,
    /// The day it is as of: the period's last day, or the graph's day when earlier.
    pub as_of: NaiveDate,
    /// The tasks by status on that day.
    pub counts: Counts,
    pub falling_due: FallingDue,
    /// The tasks done in the period (on or before `as_of`), by done date.
    pub done_in_period: Vec<Row>,
    /// Every task overdue on `as_of`, most days overdue first.
    pub overdue: Vec<Row>,
    /// A line per party that has tasks: for the site, every body and group; for a body, it
    /// and each body under it; for a group, the group. In the registry's order.
    pub appendix: Vec<PartyRow>,
}

impl Report {
    /// The contract's on-time rate of [`counts`](Self::counts): a percentage with one
    /// decimal, `None` when the divisor is 0.
    pub fn on_time_rate(&self) -> Option<f64> {
        self.counts.on_time_rate()
    }
}

/// The report of `period` for the whole site (`party` `None`) or one party, as of the
/// period's last day or the graph's day, whichever is earlier (for a period that has not
/// begun, the graph's day: nothing is done in it yet, and what falls due in it is not due).
pub fn report(g: &Graph, period: Period, party: Option<Party>) -> Report {
    PeriodSeen::of(g, period).report(g, party)
}

/// Every task as things stood at the end of one period, and the counts of every party: what
/// the reports of that period share, made once for all of them (the site's pages report on
/// every party of every period).
pub struct PeriodSeen {
    period: Period,
    as_of: NaiveDate,
    rows: IdVec<TaskId, Row>,
    falling: IdVec<TaskId, bool>,
    all: Stats,
    due: Stats,
    done: Stats,
}

impl PeriodSeen {
    /// The tasks of `g` as of `period`'s last day, or the graph's day when earlier.
    pub fn of(g: &Graph, period: Period) -> PeriodSeen {
        let as_of = period.last_day().min(g.today());
        let (rows, falling): (Vec<Row>, Vec<bool>) =
            g.tasks().ids().map(|t| seen(g, t, as_of, period)).unzip();
        let (rows, falling) = (IdVec::from(rows), IdVec::from(falling));
        let done_in = |r: &Row| r.done.is_some_and(|d| period.contains(d));
        let all = stats::count(g, |t| rows[t].status);
        let due = stats::count(g, |t| only(&rows[t], |r| falling[r.task]));
        let done = stats::count(g, |t| only(&rows[t], done_in));
        PeriodSeen {
            period,
            as_of,
            rows,
            falling,
            all,
            due,
            done,
        }
    }

    /// The report of the whole site (`None`) or of one party.
    pub fn report(&self, g: &Graph, party: Option<Party>) -> Report {
        let period = self.period;
        let falls = |r: &Row| self.falling[r.task];
        let done_in = |r: &Row| r.done.is_some_and(|d| period.contains(d));
        let scope = Scope::new(g, party);
        let mine: Vec<&Row> = scope
            .tasks(g)
            .map(|t| &self.rows[t])
            .filter(|r| scope.holds(r))
            .collect();
        Report {
            period,
            party,
            as_of: self.as_of,
            counts: counts_of(&self.all, party),
            falling_due: falling_due(&mine, falls),
            done_in_period: sorted(&mine, done_in, |r| r.done),
            overdue: sorted(&mine, |r| r.status == Status::Overdue, |r| r.due),
            appendix: appendix(g, &scope, [&self.all, &self.due, &self.done]),
        }
    }
}

/// Task `t` as things stood on `day`: its row, and whether its deadline falls due in
/// `period` ([`falls_due`]).
fn seen(g: &Graph, t: TaskId, day: NaiveDate, period: Period) -> (Row, bool) {
    let task = &g.tasks()[t];
    let (judged, force) = g.with_facts(t, |facts| {
        let judged = status::judge(facts, day, g.config().soon_days);
        (judged, status::in_force(facts, day))
    });
    let row = Row {
        task: t,
        lead: task.lead,
        status: judged.status,
        due: judged.due,
        done: g.done_date(t).filter(|_| judged.status.is_done()),
        overdue_days: judged.overdue_days,
    };
    (row, falls_due(judged.status, force, period))
}

/// Whether a task of `status` whose deadline in force is `due` is counted as falling due in
/// `period`: the deadline is a date in the period, and the task is issued and not withdrawn.
/// A recurring or ongoing deadline never falls due: the status rule never makes it overdue.
fn falls_due(status: Status, due: Option<Due>, period: Period) -> bool {
    let counted = status.is_listed() && status != Status::Withdrawn;
    counted && matches!(due, Some(Due::On(d)) if period.contains(d))
}

/// The row's status when `keep` holds, else one that no count counts.
fn only(row: &Row, keep: impl Fn(&Row) -> bool) -> Status {
    if row.status.is_listed() && keep(row) {
        row.status
    } else {
        Status::NotIssued
    }
}

pub(crate) fn counts_of(stats: &Stats, party: Option<Party>) -> Counts {
    match party {
        None => stats.site,
        Some(Party::Body(b)) => stats.bodies[b],
        Some(Party::Group(gr)) => stats.groups[gr],
    }
}

fn falling_due(rows: &[&Row], falls: impl Fn(&Row) -> bool) -> FallingDue {
    let of = |s: Status| sorted(rows, |r| falls(r) && r.status == s, |r| r.due);
    FallingDue {
        done_on_time: of(Status::DoneOnTime),
        done_late: of(Status::DoneLate),
        not_done: sorted(rows, |r| falls(r) && !r.status.is_done(), |r| r.due),
    }
}

/// The rows `keep` holds for, in order of `key`, then of task.
fn sorted<K: Ord>(rows: &[&Row], keep: impl Fn(&Row) -> bool, key: impl Fn(&Row) -> K) -> Vec<Row> {
    let mut out: Vec<Row> = rows.iter().map(|r| **r).filter(|r| keep(r)).collect();
    out.sort_by_key(|r| (key(r), r.task));
    out
}

/// The parties a report covers: all, or a body and the bodies under it, or a group.
struct Scope {
    party: Option<Party>,
    /// For a body: each body, whether it is that body or under it.
    under: IdVec<BodyId, bool>,
}

impl Scope {
    fn new(g: &Graph, party: Option<Party>) -> Scope {
        let mut under = IdVec::filled(false, g.registry().bodies.len());
        if let Some(Party::Body(b)) = party {
            let mut todo = vec![b];
            while let Some(b) = todo.pop() {
                if !std::mem::replace(&mut under[b], true) {
                    todo.extend(g.body_children(b));
                }
            }
        }
        Scope { party, under }
    }

    /// The tasks the scope may hold (each once): every task for the site, else those led by
    /// a party it covers.
    fn tasks<'g>(&self, g: &'g Graph) -> Box<dyn Iterator<Item = TaskId> + 'g> {
        let Some(party) = self.party else {
            return Box::new(g.tasks().ids());
        };
        let led = |p: Party| g.leads(p).iter().copied();
        match party {
            Party::Body(_) => {
                let under: Vec<BodyId> = self.under.ids().filter(|&b| self.under[b]).collect();
                Box::new(under.into_iter().flat_map(move |b| led(Party::Body(b))))
            }
            Party::Group(_) => Box::new(led(party)),
        }
    }

    /// Whether the report counts this task (led by a party it covers, and issued).
    fn holds(&self, row: &Row) -> bool {
        let led = match row.lead {
            Some(p) => self.covers(p),
            None => self.party.is_none(),
        };
        row.status.is_listed() && led
    }

    fn covers(&self, p: Party) -> bool {
        match (self.party, p) {
            (None, _) => true,
            (Some(Party::Body(_)), Party::Body(b)) => self.under[b],
            (Some(mine), _) => mine == p,
        }
    }
}

/// The appendix: a line for each party the scope covers that has tasks on the report's day.
fn appendix(g: &Graph, scope: &Scope, [all, due, done]: [&Stats; 3]) -> Vec<PartyRow> {
    let bodies = g.registry().bodies.ids().map(Party::Body);
    let groups = g.registry().groups.ids().map(Party::Group);
    bodies
        .chain(groups)
        .filter(|&p| scope.covers(p))
        .map(|p| PartyRow {
            party: p,
            counts: counts_of(all, Some(p)),
            falling_due: counts_of(due, Some(p)),
            done_in_period: counts_of(done, Some(p)),
        })
        .filter(|r| total(&r.counts) > 0)
        .collect()
}

/// How many tasks `c` counts.
pub fn total(c: &Counts) -> usize {
    c.done_on_time + c.done_late + c.overdue + c.not_due + c.ongoing + c.no_deadline + c.withdrawn
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
