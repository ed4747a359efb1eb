//! The counts of a set of tasks by status on every day at once, written into a page
//! (`data-timeline`) so that `static/tasks.js` shows the counts of the reader's day, or of
//! `?today=`, where the page does not hold every task it counts (the home page, and the counts
//! of a list split into numbered pages). Made from each task's [`crate::status::changes`], so
//! the counts of any day follow the very rule of the build: documents not yet issued left
//! out, done dates, extensions and withdrawals taken on their days.
//!
//! The text is tokens apart by spaces. The first holds the counts from the start, before any
//! date (`-` when there are none); each next one a day, and how many tasks enter or leave each
//! status on it: the number of days after the previous token's day (the first: after
//! 1970-01-01), left out when it is 1; then for each status its letter (`a` = overdue …
//! `h` = withdrawn, the order of [`Status::ALL`]), lower case for tasks entering it, upper
//! case for tasks leaving it, followed by how many when more than one. So
//! `a3d 19000c 29bC` is 3 overdue and 1 ongoing from the start, one more in progress on
//! 2022-01-08, and that one due soon 29 days later. The counts on a day are the sums of every
//! token on or before it. The text grows with the number of days on which something
//! changes, not with the number of tasks.
//!
//! A text may also hold turns ([`Steps::turned`]): `x` (and how many) on a day, for tasks
//! that enter due soon that day and turn overdue the site's soon days and one later, the day
//! after their deadline; `bx` stands for `b` that day and `aB` on that later one. The bodies'
//! counts and the statistics are written so, and most of their steps are such turns.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Bound::{Excluded, Unbounded};

use chrono::NaiveDate;

use crate::graph::Graph;
use crate::model::TaskId;
use crate::status::Status;

/// How many tasks enter (positive) or leave each status, on one day (`None`: from the start).
type Step = (Option<NaiveDate>, Status, i64);

/// Distinct days a roll-up keeps exactly (the latest [`KEPT_BEFORE`] before the build's day,
/// and the earliest from it on), the others folded onto the furthest kept on their side.
/// Every row of a task carries its roll-up's counts, and a task at the top of a chain
/// thousands deep has thousands below it: kept whole, the rows of a chain would grow with
/// the square of its depth.
pub const KEPT: usize = 32;
const KEPT_BEFORE: usize = 8;
const KEPT_FROM: usize = KEPT - KEPT_BEFORE;

/// Counts by status over time: the steps of each day and status summed, in order of day and
/// status. A sum of nothing is kept (it is not written), so that the days of a union are the
/// union of the days, and folding parts and then their union is folding the union.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Steps(Vec<Step>);

impl Steps {
    /// The counts over time of the tasks `ts`, whole.
    pub fn of(g: &Graph, ts: impl Iterator<Item = TaskId>) -> Steps {
        Steps::of_changes(ts.map(|t| g.changes(t)))
    }

    /// The counts over time of tasks whose statuses change so ([`crate::status::changes`]).
    fn of_changes(tasks: impl Iterator<Item = (Status, Vec<(NaiveDate, Status)>)>) -> Steps {
        let mut steps = Vec::new();
        for (first, changes) in tasks {
            steps.push((None, first, 1));
            let mut was = first;
            for (day, now) in changes {
                steps.push((Some(day), was, -1));
                steps.push((Some(day), now, 1));
                was = now;
            }
        }
        steps.retain(|s| s.1.is_listed());
        Steps::merged(steps)
    }

    fn merged(mut steps: Vec<Step>) -> Steps {
        steps.sort_unstable_by_key(|&(day, status, _)| (day, status));
        let mut out: Vec<Step> = Vec::with_capacity(steps.len());
        for s in steps {
            match out.last_mut() {
                Some(last) if (last.0, last.1) == (s.0, s.1) => last.2 += s.2,
                _ => out.push(s),
            }
        }
        Steps(out)
    }

    /// Adds `other`'s steps, then folds the days as of `today`: beyond [`KEPT_BEFORE`]
    /// distinct days before it, the earlier ones onto the latest of them; beyond
    /// [`KEPT_FROM`] from it on, the later ones onto the earliest of them. The counts stay
    /// exact on any day from the earliest kept day to the latest, the build's day among them.
    pub fn add(&mut self, other: &Steps, today: NaiveDate) {
        let mut all = std::mem::take(&mut self.0);
        all.extend_from_slice(&other.0);
        let mut days: Vec<NaiveDate> = all.iter().filter_map(|s| s.0).collect();
        days.sort_unstable();
        days.dedup();
        let from = days.partition_point(|&d| d < today);
        let low = (from > KEPT_BEFORE + 1).then(|| days[from - KEPT_BEFORE - 1]);
        let high = (days.len() - from > KEPT_FROM + 1).then(|| days[from + KEPT_FROM]);
        for s in &mut all {
            if let Some(d) = &mut s.0 {
                *d = low.map_or(*d, |low| low.max(*d));
                *d = high.map_or(*d, |high| high.min(*d));
            }
        }
        *self = Steps::merged(all);
    }
}

/// The steps written as the module's doc says.
impl std::fmt::Display for Steps {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_text(out, &letters(&self.0, &[]))
    }
}

/// Steps with some of their turns from due soon to overdue written as turns (`x`): see
/// [`Steps::turned`].
pub struct Turned {
    steps: Steps,
    /// The days tasks enter due soon on, and how many turn overdue `after` days later.
    turns: Vec<(NaiveDate, i64)>,
}

impl Steps {
    /// These steps with tasks entering due soon on a day and tasks turning overdue `after`
    /// days later written as turns on the first day, as many as both (`after` is the site's
    /// soon days and one, as `static/tasks.js` reads it). Any pairing is exact, the counts
    /// being sums: a turn is due soon on its day, and overdue instead `after` days later.
    pub fn turned(self, after: u32) -> Turned {
        let mut at: BTreeMap<(Option<NaiveDate>, Status), i64> =
            self.0.iter().map(|&(day, s, n)| ((day, s), n)).collect();
        let mut turns = Vec::new();
        let mut next = at.keys().next().copied();
        while let Some(key) = next {
            if let (Some(day), Status::DueSoon) = key {
                let later = Some(day + chrono::Days::new(after.into()));
                let k = at[&key].min(at.get(&(later, Status::Overdue)).map_or(0, |&n| n));
                if k > 0 {
                    *at.entry(key).or_default() -= k;
                    *at.entry((later, Status::Overdue)).or_default() -= k;
                    *at.entry((later, Status::DueSoon)).or_default() += k;
                    turns.push((day, k));
                }
            }
            next = at.range((Excluded(key), Unbounded)).next().map(|(k, _)| *k);
        }
        let steps = at.into_iter().map(|((day, s), n)| (day, s, n)).collect();
        Turned {
            steps: Steps(steps),
            turns,
        }
    }

    /// These counts less those of `parts` (for a line whose parts' lines add theirs).
    pub fn less<'a>(&self, parts: impl Iterator<Item = &'a Steps>) -> Steps {
        let mut all = self.0.clone();
        for p in parts {
            all.extend(p.0.iter().map(|&(day, status, n)| (day, status, -n)));
        }
        Steps::merged(all)
    }
}

/// The steps and turns written as the module's doc says.
impl std::fmt::Display for Turned {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_text(out, &letters(&self.steps.0, &self.turns))
    }
}

/// Steps and turns as their letters (lower case), in order of day and letter.
fn letters(steps: &[Step], turns: &[(NaiveDate, i64)]) -> Vec<(Option<NaiveDate>, u8, i64)> {
    let mut all: Vec<_> = steps
        .iter()
        .map(|&(day, status, n)| (day, b'a' + place(status) as u8, n))
        .chain(turns.iter().map(|&(day, n)| (Some(day), b'x', n)))
        .collect();
    all.sort_by_key(|&(day, letter, _)| (day, letter));
    all
}

/// The text of `all` (from [`letters`]): days that sum to nothing left out.
fn write_text(
    out: &mut std::fmt::Formatter<'_>,
    all: &[(Option<NaiveDate>, u8, i64)],
) -> std::fmt::Result {
    let mut last = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    if !all.iter().any(|s| s.0.is_none() && s.2 != 0) {
        out.write_char('-')?;
    }
    for day in all.chunk_by(|a, b| a.0 == b.0) {
        if day.iter().all(|s| s.2 == 0) {
            continue;
        }
        if let Some(d) = day[0].0 {
            out.write_char(' ')?;
            let gap = (d - last).num_days();
            if gap != 1 {
                write!(out, "{gap}")?;
            }
            last = d;
        }
        for &(_, letter, n) in day.iter().filter(|s| s.2 != 0) {
            let letter = if n < 0 {
                letter.to_ascii_uppercase()
            } else {
                letter
            };
            out.write_char(char::from(letter))?;
            if n.abs() > 1 {
                write!(out, "{}", n.abs())?;
            }
        }
    }
    Ok(())
}

/// How many days after entering due soon a task turns overdue: the site's soon days and one.
pub fn turn_after(g: &Graph) -> u32 {
    g.config().soon_days + 1
}

/// The counts of `ts` overdue and due soon over time, the other statuses left out (the
/// bodies index and a body's "my body" script show only these two, and half the text is
/// half the weight), with their turns ([`Steps::turned`]).
pub fn urgent_over_time(g: &Graph, ts: impl Iterator<Item = TaskId>) -> String {
    let mut steps = Steps::of(g, ts);
    steps
        .0
        .retain(|s| matches!(s.1, Status::Overdue | Status::DueSoon));
    steps.turned(turn_after(g)).to_string()
}

/// The counts of `ts` by status over time, written as the module's doc says.
pub fn counts_over_time(g: &Graph, ts: impl Iterator<Item = TaskId>) -> String {
    Steps::of(g, ts).to_string()
}

/// A status's place in [`Status::ALL`] (its letter in the text, from `a`).
fn place(s: Status) -> usize {
    Status::ALL.iter().position(|&x| x == s).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::Due;
    use crate::status::{changes, Facts, Granted, Since};

    impl Steps {
        /// Adds to `counts` (by place in [`Status::ALL`]) the counts on `day`.
        pub fn counts_on(&self, day: NaiveDate, counts: &mut [i64; 9]) {
            for s in self.0.iter().take_while(|s| s.0.is_none_or(|d| d <= day)) {
                counts[place(s.1)] += s.2;
            }
        }
    }

    /// A task's facts, owned: issued, due, extensions, done, withdrawn.
    type Owned = (
        Option<NaiveDate>,
        Option<Due>,
        Vec<Granted>,
        Option<Since>,
        Option<Since>,
    );

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Reads the text back as static/tasks.js does: the counts on `day`.
    fn read(text: &str, day: NaiveDate) -> [i64; 9] {
        read_turned(text, day, 31)
    }

    /// Reads the text back as static/tasks.js does, turns `after` days long: the counts on `day`.
    fn read_turned(text: &str, day: NaiveDate, after: i64) -> [i64; 9] {
        let mut counts = [0; 9];
        let mut at = d("1970-01-01");
        for (i, token) in text.split(' ').enumerate() {
            let letters = token.find(|c: char| c.is_ascii_alphabetic());
            let letters = if i == 0 {
                0
            } else {
                letters.unwrap_or(token.len())
            };
            if i > 0 {
                let gap = if letters == 0 {
                    1
                } else {
                    token[..letters].parse().unwrap()
                };
                at += chrono::Duration::days(gap);
                if at > day {
                    break;
                }
            }
            let mut rest = token[letters..].chars().peekable();
            while let Some(c) = rest.next() {
                if c == '-' {
                    continue;
                }
                let mut n = String::new();
                while let Some(x) = rest.next_if(char::is_ascii_digit) {
                    n.push(x);
                }
                let n: i64 = if n.is_empty() { 1 } else { n.parse().unwrap() };
                if c == 'x' {
                    counts[1] += n;
                    if at + chrono::Duration::days(after) <= day {
                        counts[1] -= n;
                        counts[0] += n;
                    }
                    continue;
                }
                let sign = if c.is_ascii_uppercase() { -1 } else { 1 };
                counts[usize::from(c.to_ascii_lowercase() as u8 - b'a')] += sign * n;
            }
        }
        counts
    }

    /// Tasks of every kind: issued on several days, some done, withdrawn or extended, with
    /// deadlines on both sides of 2025-01-15.
    fn some_facts(seed: u64, n: usize) -> Vec<Owned> {
        let mut x = seed;
        let mut next = move |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let base = d("2024-09-01");
        let day = move |m: u64, r: &mut dyn FnMut(u64) -> u64| base + chrono::Days::new(r(m));
        (0..n)
            .map(|_| {
                let issued = (next(5) > 0).then(|| day(120, &mut next));
                let due = match next(6) {
                    0 => None,
                    1 => Some(Due::Ongoing),
                    _ => Some(Due::On(day(300, &mut next))),
                };
                let extended = (0..next(3))
                    .map(|_| Granted {
                        since: Since::Day(day(200, &mut next)),
                        due: Due::On(day(400, &mut next)),
                    })
                    .collect();
                let done = (next(3) == 0).then(|| Since::Day(day(250, &mut next)));
                let withdrawn = (next(5) == 0).then(|| Since::Day(day(250, &mut next)));
                (issued, due, extended, done, withdrawn)
            })
            .collect()
    }

    fn steps_of(facts: &[Owned]) -> (Steps, Vec<[i64; 9]>) {
        let mut by_day = Vec::new();
        let all: Vec<_> = facts
            .iter()
            .map(|(issued, due, extended, done, withdrawn)| Facts {
                issued: *issued,
                due: *due,
                extended,
                done: *done,
                withdrawn: *withdrawn,
            })
            .collect();
        let mut day = d("2024-08-01");
        while day < d("2026-01-01") {
            let mut counts = [0; 9];
            for f in &all {
                let s = crate::status::status_on(f, day, 30);
                if s.is_listed() {
                    counts[place(s)] += 1;
                }
            }
            by_day.push(counts);
            day = day.succ_opt().unwrap();
        }
        (
            Steps::of_changes(all.iter().map(|f| changes(f, 30))),
            by_day,
        )
    }

    #[test]
    fn the_text_gives_the_counts_of_every_day() {
        for seed in 0..20 {
            let facts = some_facts(seed, 1 + seed as usize * 5);
            let (steps, by_day) = steps_of(&facts);
            let text = steps.to_string();
            assert!(!text.contains("  ") && !text.ends_with(' '), "{text}");
            let mut day = d("2024-08-01");
            for want in &by_day {
                assert_eq!(&read(&text, day), want, "seed {seed} on {day}: {text}");
                let mut counts = [0; 9];
                steps.counts_on(day, &mut counts);
                assert_eq!(&counts, want);
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn turned_texts_give_the_counts_of_every_day_and_are_shorter() {
        let mut turned = 0;
        for seed in 0..20 {
            let facts = some_facts(seed, 1 + seed as usize * 5);
            let (steps, by_day) = steps_of(&facts);
            let plain = steps.to_string();
            let text = steps.turned(31).to_string();
            assert!(text.len() <= plain.len(), "{text} / {plain}");
            turned += text.matches('x').count();
            let mut day = d("2024-08-01");
            for want in &by_day {
                assert_eq!(&read(&text, day), want, "seed {seed} on {day}: {text}");
                day = day.succ_opt().unwrap();
            }
        }
        assert!(turned > 20, "tasks turn overdue: {turned}");
        let turn = Steps(vec![
            (Some(d("2022-01-08")), Status::DueSoon, 2),
            (Some(d("2022-02-08")), Status::Overdue, 1),
            (Some(d("2022-02-08")), Status::DueSoon, -1),
            (Some(d("2022-02-09")), Status::DueSoon, -1),
        ]);
        assert_eq!(turn.clone().to_string(), "- 19000b2 31aB B");
        assert_eq!(
            turn.turned(31).to_string(),
            "- 19000bx 32B",
            "one turned, one done"
        );
    }

    #[test]
    fn a_line_less_its_parts_and_the_parts_give_the_whole() {
        for seed in 0..10 {
            let parts: Vec<Steps> = (0..3)
                .map(|i| steps_of(&some_facts(seed * 3 + i, 20)).0)
                .collect();
            let extra = steps_of(&some_facts(100 + seed, 10)).0;
            let all = parts.iter().chain([&extra]).flat_map(|p| p.0.clone());
            let whole = Steps::merged(all.collect());
            let own = whole.less(parts.iter());
            assert_eq!(own.to_string(), extra.to_string(), "seed {seed}");
            let mut day = d("2024-08-01");
            while day < d("2026-01-01") {
                let mut sum = [0; 9];
                own.counts_on(day, &mut sum);
                for p in &parts {
                    p.counts_on(day, &mut sum);
                }
                let mut want = [0; 9];
                whole.counts_on(day, &mut want);
                assert_eq!(sum, want, "seed {seed} on {day}");
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn the_text_is_as_documented() {
        let steps = Steps(vec![
            (None, Status::Overdue, 3),
            (None, Status::Ongoing, 1),
            (Some(d("2022-01-08")), Status::InProgress, 1),
            (Some(d("2022-02-06")), Status::DueSoon, 1),
            (Some(d("2022-02-06")), Status::InProgress, -1),
            (Some(d("2022-03-01")), Status::Withdrawn, 0),
        ]);
        assert_eq!(steps.to_string(), "a3d 19000c 29bC");
        let text = Steps(vec![
            (Some(d("1970-01-02")), Status::Overdue, 2),
            (Some(d("1970-01-03")), Status::Overdue, -2),
        ])
        .to_string();
        assert_eq!(
            text, "- a2 A2",
            "none from the start; a day after the one before"
        );
    }

    #[test]
    fn folded_steps_are_short_and_count_exactly_around_the_build_day() {
        let today = d("2025-01-15");
        for seed in 0..30 {
            let facts = some_facts(seed, 1 + seed as usize * 9);
            let (all, by_day) = steps_of(&facts);
            let mut folded = Steps::default();
            folded.add(&all, today);
            let mut days: Vec<NaiveDate> = folded.0.iter().filter_map(|s| s.0).collect();
            days.dedup();
            assert!(days.len() <= KEPT + 2, "{} {days:?}", days.len());
            let (first, last) = (days.first().copied(), days.last().copied());
            let mut day = d("2024-08-01");
            for want in &by_day {
                if first.is_none_or(|f| f <= day) && last.is_none_or(|l| day < l) || day == today {
                    let mut counts = [0; 9];
                    folded.counts_on(day, &mut counts);
                    assert_eq!(&counts, want, "seed {seed} on {day}");
                }
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn folding_the_parts_then_the_whole_is_folding_the_whole() {
        let today = d("2025-01-15");
        for seed in 0..30 {
            let parts: Vec<Steps> = (0..5)
                .map(|i| steps_of(&some_facts(seed * 5 + i, 30)).0)
                .collect();
            let mut by_parts = Steps::default();
            for p in &parts {
                let mut part = Steps::default();
                part.add(p, today);
                by_parts.add(&part, today);
            }
            let mut at_once = Steps::default();
            let all = Steps::merged(parts.iter().flat_map(|p| p.0.clone()).collect());
            at_once.add(&all, today);
            assert_eq!(by_parts, at_once, "seed {seed}");
        }
    }
}
