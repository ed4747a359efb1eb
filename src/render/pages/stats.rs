//! The views of the contract's statistics: the "Thống kê" page (`thong-ke.html`: every body,
//! its sub-bodies indented below it, then every group, each with its counts by status and
//! on-time rate) and the same figures on a party's page. The counts are `stats::count`'s;
//! each row carries its tasks' counts over time (`data-timeline`, with turns) so that
//! static/tasks.js counts them again on the reader's day or `?today=`; a body's row on the
//! page carries only what its sub-bodies' rows do not, and tasks.js adds theirs.

use super::*;
use crate::i18n::{number, percent};
use crate::model::IdVec;
use crate::render::timeline::{turn_after, Steps};
use crate::stats::{Counts, Stats};

/// The columns of a statistics row, in the contract's order: their keys (`not_due` is due
/// soon and in progress together), as static/tasks.js names them too.
pub(crate) const COLUMNS: [&str; 7] = [
    "done_on_time",
    "done_late",
    "overdue",
    "not_due",
    "ongoing",
    "no_deadline",
    "withdrawn",
];

/// A column's heading.
#[derive(Serialize)]
pub(crate) struct Column {
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
}

/// The columns with their headings in the site's language.
pub(crate) fn columns(g: &Graph) -> Vec<Column> {
    let t = crate::i18n::labels(g.config().language);
    COLUMNS
        .iter()
        .map(|&key| Column {
            key,
            label: match Status::ALL.iter().find(|s| s.as_str() == key) {
                Some(&s) => crate::i18n::status_label(g.config().language, s),
                None => t.not_due,
            },
        })
        .collect()
}

/// One party's line: its counts, on-time rate and counts over time. The counts are plain
/// numbers in the order of [`COLUMNS`] (their keys head the columns): static/tasks.js makes
/// each a link to the task list filtered to the party (`slug`) and the column's status, a
/// list that only filters with scripts on (it writes the links, not every row of the page).
#[derive(Serialize)]
pub(crate) struct StatsRow<'a> {
    pub(crate) party: PartyLink<'a>,
    pub(crate) slug: &'a str,
    /// How far under a body at the top of the registry (0 for groups).
    pub(crate) depth: usize,
    pub(crate) cells: Vec<String>,
    pub(crate) total: String,
    pub(crate) rate: String,
    pub(crate) timeline: String,
}

/// The counts of `c` in the order of [`COLUMNS`].
pub(crate) fn in_columns(c: &Counts) -> [usize; 7] {
    [
        c.done_on_time,
        c.done_late,
        c.overdue,
        c.not_due,
        c.ongoing,
        c.no_deadline,
        c.withdrawn,
    ]
}

/// Party `p`'s row: `counts` as counted, of the tasks `tasks`, and `timeline` (the counts
/// over time the row carries).
fn row<'a>(
    g: &'a Graph,
    p: Party,
    depth: usize,
    counts: &Counts,
    tasks: &[TaskId],
    timeline: String,
) -> StatsRow<'a> {
    // Its figures, and its tasks over time.
    crate::render::reads::party(p);
    tasks.iter().copied().for_each(crate::render::reads::task);
    let lang = g.config().language;
    let cells = in_columns(counts)
        .iter()
        .map(|&count| number(lang, count))
        .collect();
    StatsRow {
        party: party_link(g, p),
        slug: g.registry().slug(p),
        depth,
        cells,
        total: number(lang, crate::report::total(counts)),
        rate: percent(lang, counts.on_time_rate()),
        timeline,
    }
}

/// The counts over time of `tasks`, with their turns from due soon to overdue.
fn whole_timeline(g: &Graph, tasks: &[TaskId]) -> String {
    Steps::of(g, tasks.iter().copied())
        .turned(turn_after(g))
        .to_string()
}

/// The counts over time each of `rows` (bodies, in the page's order, each at its depth)
/// carries: its own, those of its tasks less those of the rows right under it, which
/// static/tasks.js adds back (a parent's text would repeat all of its children's).
fn own_timelines(
    g: &Graph,
    rows: &[(BodyId, usize)],
    below: &IdVec<BodyId, Vec<TaskId>>,
) -> Vec<String> {
    let steps: Vec<Steps> = rows
        .iter()
        .map(|&(b, _)| Steps::of(g, below[b].iter().copied()))
        .collect();
    rows.iter()
        .enumerate()
        .map(|(i, &(_, depth))| {
            let children = rows[i + 1..]
                .iter()
                .zip(&steps[i + 1..])
                .take_while(|((_, d), _)| *d > depth)
                .filter(|((_, d), _)| *d == depth + 1)
                .map(|(_, s)| s);
            steps[i].less(children).turned(turn_after(g)).to_string()
        })
        .collect()
}

/// The tasks each body leads, with those of the bodies under it (a body in a cycle of
/// parents, an error reported elsewhere, gets those of the cycle once).
fn led_below(g: &Graph) -> IdVec<BodyId, Vec<TaskId>> {
    let mut out = IdVec::filled(Vec::new(), g.registry().bodies.len());
    for b in g.registry().bodies.ids() {
        let led = g.leads(Party::Body(b));
        let mut above = g.registry().with_ancestors(b);
        above.sort_unstable();
        above.dedup();
        for a in above {
            out[a].extend_from_slice(led);
        }
    }
    out
}

#[derive(Serialize)]
pub(crate) struct StatsPage<'a> {
    pub(crate) columns: Vec<Column>,
    /// Every body, each followed by the bodies under it.
    pub(crate) bodies: Vec<StatsRow<'a>>,
    pub(crate) groups: Vec<StatsRow<'a>>,
    /// The decimal mark of the on-time rate, for static/tasks.js.
    pub(crate) decimal: &'static str,
    /// How many columns a row has.
    pub(crate) span: usize,
}

impl PageView for StatsPage<'_> {
    fn written(&self) -> usize {
        self.bodies
            .iter()
            .chain(&self.groups)
            .map(|r| r.timeline.len() + 600)
            .sum()
    }
}

/// The decimal mark of the site's language.
pub(crate) fn decimal(g: &Graph) -> &'static str {
    match g.config().language {
        crate::model::Language::Vi => ",",
        crate::model::Language::En => ".",
    }
}

/// The "Thống kê" page: the bodies as the bodies page orders them (by level, then name),
/// each followed by those under it, then the groups by name.
pub(crate) fn stats_page<'a>(g: &'a Graph, s: &Stats) -> StatsPage<'a> {
    let below = led_below(g);
    let mut roots: Vec<BodyId> = g
        .registry()
        .bodies
        .ids()
        .filter(|&b| g.registry().bodies[b].parent.is_none())
        .collect();
    sort_bodies(g, &mut roots);
    let mut order = Vec::new();
    // Depth first without recursion, each body's children in the bodies page's order.
    let mut todo: Vec<(BodyId, usize)> = roots.into_iter().rev().map(|b| (b, 0)).collect();
    let mut seen = IdVec::filled(false, g.registry().bodies.len());
    while let Some((b, depth)) = todo.pop() {
        if std::mem::replace(&mut seen[b], true) {
            continue;
        }
        order.push((b, depth));
        let mut kids = g.body_children(b).to_vec();
        sort_bodies(g, &mut kids);
        todo.extend(kids.into_iter().rev().map(|k| (k, depth + 1)));
    }
    let bodies = order
        .iter()
        .zip(own_timelines(g, &order, &below))
        .map(|(&(b, depth), own)| row(g, Party::Body(b), depth, &s.bodies[b], &below[b], own))
        .collect();
    let mut groups: Vec<GroupId> = g.registry().groups.ids().collect();
    groups.sort_by(|&a, &b| collate(&g.registry().groups[a].name, &g.registry().groups[b].name));
    let groups = groups
        .into_iter()
        .map(|gr| {
            let p = Party::Group(gr);
            let led = g.leads(p);
            row(g, p, 0, &s.groups[gr], led, whole_timeline(g, led))
        })
        .collect();
    StatsPage {
        columns: columns(g),
        bodies,
        groups,
        decimal: decimal(g),
        span: COLUMNS.len() + 3,
    }
}

/// A party's own line of figures, for its page: its counts (a body's with the bodies under
/// it) and on-time rate, recounted on the reader's day.
pub(crate) fn party_stats<'a>(g: &'a Graph, s: &Stats, p: Party) -> StatsRow<'a> {
    match p {
        Party::Body(b) => {
            let tasks: Vec<TaskId> = g
                .registry()
                .descendants(b)
                .into_iter()
                .inspect(|&a| crate::render::reads::party(Party::Body(a)))
                .flat_map(|a| g.leads(Party::Body(a)).iter().copied())
                .collect();
            row(g, p, 0, &s.bodies[b], &tasks, whole_timeline(g, &tasks))
        }
        Party::Group(gr) => {
            let led = g.leads(p);
            row(g, p, 0, &s.groups[gr], led, whole_timeline(g, led))
        }
    }
}
