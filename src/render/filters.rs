//! What the client-side task filters and live status read: the data attributes of a task row
//! (which bodies it concerns, the level of its issuer, the year of its deadline) and the
//! options of a page's filter form. Pure functions of the graph.

use serde::Serialize;

use super::views::{status_view, StatusView};
use crate::deadline::Status;
use crate::graph::Graph;
use crate::model::{BodyId, Party, TaskId};
use crate::text::{slug, sort_key};

/// A body and every body above it (parent, grandparent, ...), nearest first.
pub fn with_ancestors(g: &Graph, b: BodyId) -> Vec<BodyId> {
    let mut out = vec![b];
    let mut cur = g.registry.bodies[b].parent;
    while let Some(p) = cur {
        if out.contains(&p) {
            break; // a cycle in `parent`: reported elsewhere, never looped here
        }
        out.push(p);
        cur = g.registry.bodies[p].parent;
    }
    out
}

/// The parties a task concerns, for filtering by body: its lead and support, the members of
/// any group among them, and every body above each of those. Each party once, in that order.
pub fn task_parties(g: &Graph, t: TaskId) -> Vec<Party> {
    let task = &g.tasks[t];
    let mut out: Vec<Party> = Vec::new();
    let mut add = |p: Party| {
        if !out.contains(&p) {
            out.push(p);
        }
    };
    for p in task.lead.iter().chain(&task.support) {
        let bodies: &[BodyId] = match *p {
            Party::Body(ref b) => std::slice::from_ref(b),
            Party::Group(gr) => {
                add(*p);
                &g.registry.groups[gr].members
            }
        };
        for &b in bodies {
            for a in with_ancestors(g, b) {
                add(Party::Body(a));
            }
        }
    }
    out
}

/// `data-bodies`: the slugs of [`task_parties`], space-separated. Slugs are made of ASCII
/// letters, digits and dashes, so they can never break the list.
pub fn task_bodies(g: &Graph, t: TaskId) -> String {
    task_parties(g, t)
        .into_iter()
        .map(|p| g.registry.slug(p))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The level of a party as written in the registry: a body's own; a group's when all its
/// members share one.
fn party_level(g: &Graph, p: Party) -> Option<&str> {
    match p {
        Party::Body(b) => g.registry.bodies[b].level.as_deref(),
        Party::Group(gr) => {
            let mut levels = g.registry.groups[gr]
                .members
                .iter()
                .map(|&m| g.registry.bodies[m].level.as_deref());
            let first = levels.next()??;
            levels.all(|l| l == Some(first)).then_some(first)
        }
    }
}

/// The level of the body that issued the task's document, as written ("Tỉnh").
pub fn task_level(g: &Graph, t: TaskId) -> Option<&str> {
    party_level(g, g.documents[g.tasks[t].document].issuer?)
}

/// `data-level`: the folded level ("tinh", "trung-uong").
pub fn level_key(level: &str) -> String {
    slug(level)
}

/// `data-year`: the year of a fixed deadline. Recurring and ongoing deadlines have none.
pub fn task_year(g: &Graph, t: TaskId) -> Option<i32> {
    use chrono::Datelike;
    let task = &g.tasks[t];
    match &task.deadline {
        Some(d) if !d.is_open_ended() => task.due.map(|d| d.year()),
        _ => None,
    }
}

/// Whether the task's status ignores dates: recurring, ongoing, or no deadline.
pub fn task_open_ended(g: &Graph, t: TaskId) -> bool {
    g.tasks[t]
        .deadline
        .as_ref()
        .is_none_or(crate::deadline::Deadline::is_open_ended)
}

/// One `<option>` of a filter.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct FilterOption<'a> {
    pub value: String,
    pub label: &'a str,
}

/// The options of a page's filter form: only values that occur among its tasks (statuses
/// all, since they change with the viewer's date).
#[derive(Serialize)]
pub struct Filters<'a> {
    pub bodies: Vec<FilterOption<'a>>,
    pub statuses: Vec<StatusView>,
    pub levels: Vec<FilterOption<'a>>,
    pub years: Vec<i32>,
}

/// The rank of a level in the hierarchy (Trung ương, Tỉnh, Huyện, Xã, then others), and its key.
pub fn level_rank(level: Option<&str>) -> (usize, String) {
    let key = level.map(crate::text::name_key).unwrap_or_default();
    let rank = ["trung ương", "tỉnh", "huyện", "xã"]
        .iter()
        .position(|l| *l == key)
        .unwrap_or(4);
    (rank, key)
}

pub fn filters<'a>(g: &'a Graph, ts: &[TaskId]) -> Filters<'a> {
    let mut parties: Vec<Party> = Vec::new();
    let mut levels: Vec<&str> = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    for &t in ts {
        for p in task_parties(g, t) {
            if !parties.contains(&p) {
                parties.push(p);
            }
        }
        if let Some(l) = task_level(g, t) {
            if !levels.iter().any(|x| level_key(x) == level_key(l)) {
                levels.push(l);
            }
        }
        years.extend(task_year(g, t));
    }
    parties.sort_by_cached_key(|&p| sort_key(g.registry.name(p)));
    levels.sort_by_cached_key(|l| level_rank(Some(l)));
    years.sort_unstable();
    years.dedup();
    Filters {
        bodies: parties
            .into_iter()
            .map(|p| FilterOption {
                value: g.registry.slug(p).to_string(),
                label: g.registry.name(p),
            })
            .collect(),
        statuses: Status::ALL.iter().map(|&s| status_view(g, s)).collect(),
        levels: levels
            .into_iter()
            .map(|l| FilterOption {
                value: level_key(l),
                label: l,
            })
            .collect(),
        years,
    }
}
