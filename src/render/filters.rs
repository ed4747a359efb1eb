//! What the client-side task filters and live status read: the data attributes of a task row
//! (which bodies it concerns, the level of its issuer, the year of its deadline) and the
//! options of a page's filter form. Pure functions of the graph.

use rustc_hash::FxHashSet;
use serde::Serialize;

use super::views::{status_view, StatusView};
use crate::graph::Graph;
use crate::model::{BodyId, Party, TaskId};
use crate::status::Status;
use crate::text::{collate, slug};

/// The parties a task concerns, for filtering by body: its lead and support, the members of
/// any group among them, and every body above each of those. Each party once, in that order.
pub fn task_parties(g: &Graph, t: TaskId) -> Vec<Party> {
    let mut out: Vec<Party> = Vec::new();
    each_task_party(g, t, |p| {
        if !out.contains(&p) {
            out.push(p);
        }
    });
    out
}

/// Calls `f` with each party of [`task_parties`] in the same order, some more than once (a
/// body above two of them), without gathering them: the filters of a page gather the
/// parties of all its tasks in one set.
fn each_task_party(g: &Graph, t: TaskId, mut f: impl FnMut(Party)) {
    let task = &g.tasks()[t];
    for p in task.lead.iter().chain(&task.support) {
        let bodies: &[BodyId] = match *p {
            Party::Body(ref b) => std::slice::from_ref(b),
            Party::Group(gr) => {
                f(*p);
                &g.registry().groups[gr].members
            }
        };
        for &b in bodies {
            for a in g.registry().with_ancestors(b) {
                f(Party::Body(a));
            }
        }
    }
}

/// A party's key in `data-bodies`: its place in the registry (bodies, then groups) in base
/// 36, so a few characters where its slug takes tens (a row lists every body above its lead
/// and support, and those lists were 5 % of a big site's pages). The filter's `<option>`
/// holds it beside the slug the address shows. Keys change only with the registry, and
/// everything is rendered again then.
pub fn party_key(g: &Graph, p: Party) -> String {
    let mut n = place(g, p);
    let mut digits = Vec::new();
    loop {
        digits.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).expect("ASCII digits")
}

/// The party's place in the registry: its bodies, then its groups.
fn place(g: &Graph, p: Party) -> usize {
    match p {
        Party::Body(b) => b.index(),
        Party::Group(gr) => g.registry().bodies.len() + gr.index(),
    }
}

/// The parties in Vietnamese alphabetical order of their names ([`collate`]), as a rank per
/// party: parties sort by rank as by name, with the same rank for names that collate equal.
/// Made once per build, so that each page's filter sorts its options without comparing names.
#[derive(Debug)]
pub struct NameOrder(Vec<u32>);

impl NameOrder {
    pub fn of(g: &Graph) -> NameOrder {
        let mut parties: Vec<Party> = g.registry().parties().collect();
        parties.sort_by(|&a, &b| collate(g.registry().name(a), g.registry().name(b)));
        let mut ranks = vec![0; parties.len()];
        let mut rank = 0;
        for (i, &p) in parties.iter().enumerate() {
            if i > 0 && collate(g.registry().name(parties[i - 1]), g.registry().name(p)).is_ne() {
                rank += 1;
            }
            ranks[place(g, p)] = rank;
        }
        NameOrder(ranks)
    }

    fn rank(&self, g: &Graph, p: Party) -> u32 {
        self.0[place(g, p)]
    }
}

/// `data-bodies`: the keys ([`party_key`]) of [`task_parties`], space-separated. Keys are
/// made of ASCII letters and digits, so they can never break the list.
pub fn task_bodies(g: &Graph, t: TaskId) -> String {
    task_parties(g, t)
        .into_iter()
        .map(|p| party_key(g, p))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The level of the body that issued the task's document, as written ("Tỉnh"). (An issuer is
/// always one body; a group never issues.)
pub fn task_level(g: &Graph, t: TaskId) -> Option<&str> {
    match g.documents()[g.tasks()[t].document].issuer? {
        Party::Body(b) => g.registry().bodies[b].level.as_deref(),
        Party::Group(_) => None,
    }
}

/// `data-level`: the folded level ("tinh", "trung-uong").
pub fn level_key(level: &str) -> String {
    slug(level)
}

/// `data-year`: the year of a fixed deadline. Recurring and ongoing deadlines have none.
pub fn task_year(g: &Graph, t: TaskId) -> Option<i32> {
    use chrono::Datelike;
    if task_open_ended(g, t) {
        return None;
    }
    g.tasks()[t].due.map(|d| d.year())
}

/// Whether the task's status ignores dates: the deadline in force is recurring or ongoing,
/// or there is none.
pub fn task_open_ended(g: &Graph, t: TaskId) -> bool {
    g.tasks()[t]
        .in_force
        .is_none_or(crate::deadline::Due::is_open_ended)
}

/// One `<option>` of a filter.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct FilterOption<'a> {
    pub value: String,
    pub label: &'a str,
}

/// One body or group in the filter: its slug (in the address, `?body=`), its key in the rows'
/// `data-bodies` ([`party_key`]) and its name.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct BodyOption<'a> {
    pub value: &'a str,
    pub key: String,
    pub label: &'a str,
}

/// The options of a page's filter form: only values that occur among its tasks (statuses
/// all, since they change with the viewer's date).
#[derive(Serialize)]
pub struct Filters<'a> {
    pub bodies: Vec<BodyOption<'a>>,
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

pub fn filters<'a>(g: &'a Graph, order: &NameOrder, ts: &[TaskId]) -> Filters<'a> {
    // In order of first appearance, with sets to look them up: the tasks page holds every
    // task of the site, and a list searched for each task would grow with its square.
    let mut parties: Vec<Party> = Vec::new();
    let mut levels: Vec<&str> = Vec::new();
    // Fx hashing: these are asked once per task of every page that lists tasks (std's SipHash
    // was half a percent of a build).
    let mut seen_parties: FxHashSet<Party> = FxHashSet::default();
    let mut seen_levels: FxHashSet<String> = FxHashSet::default();
    // Levels as written, to fold each one once rather than once per task.
    let mut seen_written: FxHashSet<&str> = FxHashSet::default();
    let mut years: Vec<i32> = Vec::new();
    for &t in ts {
        each_task_party(g, t, |p| {
            if seen_parties.insert(p) {
                parties.push(p);
            }
        });
        if let Some(l) = task_level(g, t) {
            if seen_written.insert(l) && seen_levels.insert(level_key(l)) {
                levels.push(l);
            }
        }
        years.extend(task_year(g, t));
    }
    // Stable: names that collate equal stay in order of first appearance.
    parties.sort_by_key(|&p| order.rank(g, p));
    levels.sort_by_cached_key(|l| level_rank(Some(l)));
    years.sort_unstable();
    years.dedup();
    Filters {
        bodies: parties
            .into_iter()
            .map(|p| BodyOption {
                value: g.registry().slug(p),
                key: party_key(g, p),
                label: g.registry().name(p),
            })
            .collect(),
        statuses: Status::LISTED.iter().map(|&s| status_view(g, s)).collect(),
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

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::model::BodyId;
    use crate::render::cells::done_key;
    use chrono::NaiveDate;

    const BODIES: &str = "\
bodies:
  - id: trung-uong
    name: Ban Chấp hành Trung ương
    level: Trung ương
  - id: ubnd-tinh
    name: Ủy ban nhân dân tỉnh
    level: Tỉnh
  - id: so-noi-vu
    name: Sở Nội vụ
    parent: ubnd-tinh
    level: Tỉnh
  - id: phong-cong-chuc
    name: Phòng Công chức
    parent: so-noi-vu
    level: Tỉnh
  - id: so-tai-chinh
    name: Sở Tài chính
    parent: ubnd-tinh
    level: Tỉnh
  - id: huyen-a
    name: Ủy ban nhân dân huyện A
    level: Huyện
groups:
  - id: cac-so
    name: Các sở
    members: [so-noi-vu, so-tai-chinh]
";

    const DOC: &str = "\
---
id: 1-KH
kind: Kế hoạch
title: Kế hoạch
issuer: ubnd-tinh
date: 2024-01-10
tasks:
  - id: a
    text: Lead is a grandchild body, support a group
    lead: phong-cong-chuc
    support: [cac-so]
    due: tháng 6/2025
  - id: b
    text: Recurring
    lead: huyen-a
    due: hằng quý
  - id: c
    text: No deadline
    lead: trung-uong
---
";

    const DOC2: &str = "\
---
id: 2-CV
kind: Công văn
title: Công văn
issuer: huyen-a
date: 2024-02-01
tasks:
  - id: x
    text: Done
    lead: so-tai-chinh
    due: 2024-12-31
    done: 2024-12-20
---
";

    fn graph() -> (tempfile::TempDir, Graph) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        std::fs::write(content.join("site.yaml"), "title: T\n").unwrap();
        std::fs::write(content.join("bodies.yaml"), BODIES).unwrap();
        std::fs::write(content.join("1-kh.md"), DOC).unwrap();
        std::fs::write(content.join("2-cv.md"), DOC2).unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
        let (sources, loaded) = crate::pipeline::load(dir.path());
        let (g, diags) = crate::pipeline::resolve(&sources, loaded, today);
        assert!(diags.is_empty(), "{diags:?}");
        (dir, g)
    }

    fn task(g: &Graph, reference: &str) -> TaskId {
        g.task(reference).unwrap()
    }

    #[test]
    fn bodies_include_group_members_and_every_ancestor_once() {
        let (_d, g) = graph();
        let slugs = |t| {
            task_bodies(&g, task(&g, t))
                .split(' ')
                .map(|k| {
                    let p = g
                        .registry()
                        .parties()
                        .find(|&p| party_key(&g, p) == k)
                        .unwrap();
                    g.registry().slug(p)
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            slugs("1-KH#a"),
            "phong-cong-chuc so-noi-vu ubnd-tinh cac-so so-tai-chinh"
        );
        assert_eq!(slugs("1-KH#b"), "huyen-a");
    }

    #[test]
    fn party_keys_are_short_distinct_and_in_base_36() {
        let (_d, g) = graph();
        let keys: Vec<String> = g.registry().parties().map(|p| party_key(&g, p)).collect();
        let distinct: HashSet<&String> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
        assert_eq!(keys[0], "0");
        let n = g.registry().bodies.len() + g.registry().groups.len();
        assert_eq!(party_key(&g, Party::Body(BodyId::new(35))), "z");
        assert_eq!(party_key(&g, Party::Body(BodyId::new(36))), "10");
        assert_eq!(party_key(&g, Party::Body(BodyId::new(36 * 36))), "100");
        assert!(keys
            .iter()
            .all(|k| k.bytes().all(|b| b.is_ascii_alphanumeric())));
        assert_eq!(keys.len(), n);
    }

    #[test]
    fn level_is_the_issuers_folded() {
        let (_d, g) = graph();
        let level = |t| task_level(&g, task(&g, t)).map(level_key);
        assert_eq!(level("1-KH#a").as_deref(), Some("tinh"));
        assert_eq!(level("2-CV#x").as_deref(), Some("huyen"));
        assert_eq!(level_key("Trung ương"), "trung-uong");
    }

    #[test]
    fn year_only_for_fixed_deadlines_and_recurring_flag() {
        let (_d, g) = graph();
        let data = |t| {
            let t = task(&g, t);
            (task_year(&g, t), task_open_ended(&g, t), done_key(&g, t))
        };
        let (year, recurring, done) = data("1-KH#a");
        assert_eq!((year, recurring, done), (Some(2025), false, None));
        let (year, recurring, _) = data("1-KH#b");
        assert_eq!((year, recurring), (None, true));
        let (year, recurring, _) = data("1-KH#c");
        assert_eq!((year, recurring), (None, true));
        let (year, _, done) = data("2-CV#x");
        assert_eq!((year, done.as_deref()), (Some(2024), Some("2024-12-20")));
    }

    #[test]
    fn filter_options_are_those_on_the_page_in_order() {
        let (_d, g) = graph();
        let f = filters(
            &g,
            &NameOrder::of(&g),
            &[task(&g, "1-KH#a"), task(&g, "1-KH#b")],
        );
        let names: Vec<&str> = f.bodies.iter().map(|o| o.label).collect();
        assert_eq!(
            names,
            [
                "Các sở",
                "Phòng Công chức",
                "Sở Nội vụ",
                "Sở Tài chính",
                "Ủy ban nhân dân huyện A",
                "Ủy ban nhân dân tỉnh"
            ]
        );
        assert_eq!(f.statuses.len(), 8);
        assert_eq!(f.statuses[0].key, "overdue");
        assert_eq!(
            f.levels,
            [FilterOption {
                value: "tinh".into(),
                label: "Tỉnh"
            }]
        );
        assert_eq!(f.years, [2025]);
        let all: Vec<TaskId> = g.tasks().ids().collect();
        assert_eq!(filters(&g, &NameOrder::of(&g), &all).years, [2024, 2025]);
    }

    #[test]
    fn name_order_sorts_parties_as_their_names_collate() {
        let (_d, g) = graph();
        let order = NameOrder::of(&g);
        let parties: Vec<Party> = g.registry().parties().collect();
        assert!(parties.len() > 3);
        for &a in &parties {
            for &b in &parties {
                let by_name = collate(g.registry().name(a), g.registry().name(b));
                assert_eq!(order.rank(&g, a).cmp(&order.rank(&g, b)), by_name);
            }
        }
    }
}
