//! One view struct per kind of page, built from the graph.

use crate::layout::Depth;
use std::collections::BTreeMap;

use serde::Serialize;

use super::chain::{self, ChainView, Draw};
use super::filters::{self, level_rank, Filters};
use super::html::{self, Html};
use super::lists::StatusTable;
use super::order::sort_docs;
use super::rows::Rows;
use super::views::*;
use crate::graph::Graph;
use crate::i18n::{long_date, short_date};
use crate::markdown::{self, Mark};
use crate::model::{BodyId, DocId, GroupId, Party, TaskId};
use crate::status::Status;
use crate::text::collate;

mod document;
mod foot;
mod letterhead;
mod party;
mod report;
mod stats;
mod targets;

pub use super::order::party_pages;
pub use document::{document, DocumentPage, Relation, SHOWN_ABOVE};
pub use party::{has_tasks, my_body_script, party, PartyLists, PartyPage};
pub(crate) use report::{
    party_reports, party_reports_path, period_name, period_report, report_page, report_pages,
    report_path, reporting_parties, reports_index,
};
pub(crate) use stats::{stats_page, StatsRow};
pub use targets::{TargetCell, TargetColumn, TargetsView, YearRow};

/// The chain as the diagram `dia` draws it, as nested lists: each document under the box it
/// hangs from, then a "+N" line where children (or roots) were left out, leading where the
/// diagram's "+N" box leads. It lists what the diagram draws, so its size follows the
/// diagram's budget, not the site's: at 10,000 documents a list of every one was a 6 MB page.
fn diagram_tree(g: &Graph, rows: &Rows, dia: &chain::Diagram) -> Html {
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); dia.items.len()];
    let mut tops = Vec::new();
    for (i, parent) in dia.tree_parent.iter().enumerate() {
        match parent {
            Some(p) => kids[*p].push(i),
            None => tops.push(i),
        }
    }
    let mut out = Html::with_capacity(dia.items.len() * 400);
    out.raw("<ul class=\"tree\">");
    // The lists open, innermost last, each with the items it has left: no recursion, since
    // a drawn chain may be a thousand documents deep.
    let mut open = vec![tops.iter()];
    while !open.is_empty() {
        let Some(&i) = open.last_mut().and_then(Iterator::next) else {
            open.pop();
            out.raw(if open.is_empty() {
                "</ul>"
            } else {
                "</ul></li>"
            });
            continue;
        };
        match &dia.items[i] {
            chain::Item::Doc { doc, .. } => {
                let d = *doc;
                out.html(rows.tree_line(d, |line| tree_line(g, d, line)));
                if kids[i].is_empty() {
                    out.raw("</li>");
                } else {
                    out.raw("<ul class=\"tree\">");
                    open.push(kids[i].iter());
                }
            }
            chain::Item::More { count, href } => {
                out.raw("<li class=\"more\"><a href=\"")
                    .text(href)
                    .raw("\">")
                    .text(&crate::i18n::chain_more(g.config().language, *count))
                    .raw("</a></li>");
            }
        }
    }
    out
}

/// Document `d` in the chain as nested lists, up to its children: link, date, issuer, title
/// and its tasks' counts by status; hidden when it is dated after the graph's day.
fn tree_line(g: &Graph, d: DocId, out: &mut Html) {
    let doc = &g.documents()[d];
    out.raw(if doc.copy_of.is_some() {
        "<li class=\"copy\""
    } else {
        "<li"
    });
    // Not listed before its date (static/tasks.js shows it from then on).
    html::push_issued(out, g, d);
    out.raw("><a href=\"");
    html::push_doc_url(out, g, d, Depth::TOP);
    out.raw("\"><strong>")
        .text(&doc_name(g, d))
        .raw("</strong></a>");
    if let Some(date) = doc.date {
        out.raw(" <span class=\"muted\">")
            .text(&short_date(g.config().language, date))
            .raw("</span>");
    }
    if let Some(p) = doc.issuer {
        out.raw(" · <span class=\"muted\">")
            .text(g.registry().name(p))
            .raw("</span>");
    }
    out.raw("<br><span class=\"title\">")
        .text(&doc.title)
        .raw("</span>");
    if !doc.tasks.is_empty() {
        out.raw(" ");
        push_tally_chips(out, g, &doc.tasks);
    }
}

/// `tasks`' counts by status as chips (`<span class="tally">`), which static/tasks.js counts
/// again on the reader's day.
fn push_tally_chips(out: &mut Html, g: &Graph, tasks: &[TaskId]) {
    out.raw("<span class=\"tally\"");
    super::cells::push_tally(out, g, tasks);
    out.raw(">");
    let counts = status_counts(g, tasks.iter().copied());
    for c in counts.into_iter().filter(|c| c.count > 0) {
        out.raw("<span class=\"status status-")
            .raw(c.key)
            .raw("\"")
            .attr("title", c.label)
            .raw(">")
            .num(c.count)
            .raw(" ")
            .text(c.label)
            .raw("</span> ");
    }
    out.raw("</span>");
}

/// Open tasks the home page lists at most: on a national roll-out thousands may be overdue,
/// and the tasks page (filtered by status) lists them all.
const HOME_URGENT: usize = 100;

/// Documents the home page's diagram draws at most, and children under one document.
const HOME_BUDGET: usize = 60;
const HOME_PER_PARENT: usize = 12;
/// The same for the full view (`so-do.html`): every document of a site of up to 250 (a
/// document drawn and listed takes about 1.7 kB: at 10,000 documents a budget of 1,000 made
/// a page of 1.7 MB; 250 keeps it under 500 kB).
const FULL_BUDGET: usize = 250;
const FULL_PER_PARENT: usize = FULL_BUDGET;

fn full_diagram(g: &Graph) -> chain::Diagram {
    chain::whole(
        g,
        FULL_BUDGET,
        FULL_PER_PARENT,
        |d| format!("{}#h-rel", paths::document(&g.documents()[d].slug)),
        paths::DOCUMENTS,
    )
}

#[derive(Serialize)]
pub struct ChainPage {
    pub chain: ChainView,
    /// The chain as nested lists.
    pub(crate) tree: Html,
}

impl PageView for ChainPage {
    fn written(&self) -> usize {
        self.chain.svg.len() + self.tree.len()
    }
}

/// The full view of the chain diagram, with the chain as a list below it.
pub fn chain_page(g: &Graph, rows: &Rows) -> ChainPage {
    let t = crate::i18n::labels(g.config().language);
    let draw = Draw {
        id: "chain",
        depth: Depth::TOP,
        title: t.chain_full,
        anchors: true,
        wrap: true,
    };
    let dia = full_diagram(g);
    ChainPage {
        chain: chain::view(g, &dia, &draw),
        tree: diagram_tree(g, rows, &dia),
    }
}

#[derive(Serialize)]
pub struct HomePage {
    /// The chain as nested lists, when the diagram shows all of it; else empty.
    pub(crate) tree: Html,
    pub chain: ChainView,
    pub counts: Vec<StatusCount>,
    /// The table of the open tasks with a fixed deadline, most urgent first, at most
    /// `HOME_URGENT`: the overdue and due-soon ones are shown; the others are hidden until
    /// the viewer's date makes them due (static/tasks.js). `None` when there is none.
    pub(crate) urgent: Option<Html>,
    /// Templates test counts, not the tables: Tera escapes a string it only tests.
    pub urgent_count: usize,
    /// How many of `urgent` are overdue or due soon on the build's date.
    pub urgent_now: usize,
    /// Open tasks with a fixed deadline left out of `urgent` (the tasks page lists them).
    pub urgent_more: usize,
    /// The counts of every task over time (`render::timeline`): with them static/tasks.js
    /// counts the tasks by status on the reader's date without the page holding them all.
    pub timeline: String,
    pub total_tasks: usize,
    /// The figures of the quarter of the build's day, linking to its report.
    pub(crate) quarter: Option<report::QuarterSummary>,
}

impl PageView for HomePage {
    fn written(&self) -> usize {
        self.chain.svg.len()
            + self.tree.len()
            + self.urgent.as_ref().map_or(0, Html::len)
            + self.timeline.len()
    }
}

pub fn home(g: &Graph, rows: &Rows) -> HomePage {
    let mut urgent: Vec<TaskId> = rows
        .tasks_in_order()
        .iter()
        .copied()
        .filter(|&t| {
            matches!(
                g.tasks()[t].status,
                Status::Overdue | Status::DueSoon | Status::InProgress
            )
        })
        .collect();
    let urgent_now = urgent
        .iter()
        .filter(|&&t| g.tasks()[t].status != Status::InProgress)
        .count();
    let urgent_more = urgent.len().saturating_sub(HOME_URGENT);
    urgent.truncate(HOME_URGENT);
    let urgent_now = urgent_now.min(urgent.len());
    let t = crate::i18n::labels(g.config().language);
    let in_full: std::collections::HashSet<DocId> = full_diagram(g).documents().collect();
    let dia = chain::whole(
        g,
        HOME_BUDGET,
        HOME_PER_PARENT,
        |d| {
            if in_full.contains(&d) {
                format!("{}#n-{}", paths::CHAIN, g.documents()[d].slug)
            } else {
                paths::CHAIN.to_string()
            }
        },
        paths::CHAIN,
    );
    let chain = chain::view(
        g,
        &dia,
        &Draw {
            id: "chain",
            depth: Depth::TOP,
            title: t.chain,
            anchors: false,
            wrap: true,
        },
    );
    HomePage {
        tree: if chain.capped {
            Html::new()
        } else {
            diagram_tree(g, rows, &dia)
        },
        chain,
        counts: status_counts(g, g.tasks().ids()),
        urgent_count: urgent.len(),
        urgent: (!urgent.is_empty()).then(|| {
            rows.table(
                &urgent,
                Depth::TOP,
                Some(&[Status::Overdue, Status::DueSoon]),
            )
        }),
        urgent_now,
        urgent_more,
        timeline: rows.timeline().to_string(),
        total_tasks: g.tasks().iter().filter(|t| t.status.is_listed()).count(),
        quarter: report::quarter_summary(g),
    }
}

#[derive(Serialize)]
pub struct BodyNode<'a> {
    pub body: PartyLink<'a>,
    pub level: Option<&'a str>,
    pub tasks_led: usize,
    pub urgent: Urgent,
    pub children: Vec<BodyNode<'a>>,
}

/// A party's tasks overdue and due soon on the build's day, of all those its page counts
/// (led, supported, of its groups), and their counts over time (only these two statuses,
/// `timeline::urgent_over_time`), which static/tasks.js counts again on the reader's day.
#[derive(Serialize)]
pub struct Urgent {
    pub overdue: usize,
    pub due_soon: usize,
    pub timeline: String,
}

impl Urgent {
    fn of(g: &Graph, p: Party) -> Urgent {
        let ts = super::order::PartyTasks::of(g, p).distinct();
        let count = |s: Status| ts.iter().filter(|&&t| g.tasks()[t].status == s).count();
        Urgent {
            overdue: count(Status::Overdue),
            due_soon: count(Status::DueSoon),
            timeline: crate::render::timeline::urgent_over_time(g, ts.iter().copied()),
        }
    }
}

/// A body the reader may choose as theirs on the bodies index: its page without its ending
/// (as on its page, `PartyPage::my_body`) and its name.
#[derive(Serialize)]
pub struct Pick<'a> {
    pub stem: String,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct LevelSection<'a> {
    pub level: String,
    pub bodies: Vec<BodyNode<'a>>,
}

#[derive(Serialize)]
pub struct BodiesPage<'a> {
    pub levels: Vec<LevelSection<'a>>,
    pub groups: Vec<GroupRow<'a>>,
    /// Every body in alphabetical order, for the choice of "my body".
    pub picks: Vec<Pick<'a>>,
}

impl PageView for BodiesPage<'_> {}

#[derive(Serialize)]
pub struct GroupRow<'a> {
    pub group: PartyLink<'a>,
    pub members: Vec<PartyLink<'a>>,
    pub urgent: Urgent,
}

/// Bodies by level (central first), then in Vietnamese alphabetical order.
fn sort_bodies(g: &Graph, bs: &mut [BodyId]) {
    let bodies = &g.registry().bodies;
    bs.sort_by(|&x, &y| {
        level_rank(bodies[x].level.as_deref())
            .cmp(&level_rank(bodies[y].level.as_deref()))
            .then_with(|| collate(&bodies[x].name, &bodies[y].name))
    });
}

/// Links to bodies or groups in Vietnamese alphabetical order of their names.
fn by_name<'a>(links: impl Iterator<Item = PartyLink<'a>>) -> Vec<PartyLink<'a>> {
    let mut v: Vec<PartyLink> = links.collect();
    v.sort_by(|a, b| collate(a.name, b.name));
    v
}

fn body_node(g: &Graph, b: BodyId) -> BodyNode<'_> {
    let body = &g.registry().bodies[b];
    let mut kids = g.body_children(b).to_vec();
    sort_bodies(g, &mut kids);
    BodyNode {
        body: body_link(g, b),
        level: body.level.as_deref(),
        tasks_led: g
            .leads(Party::Body(b))
            .iter()
            .filter(|&&t| g.tasks()[t].status.is_listed())
            .count(),
        urgent: Urgent::of(g, Party::Body(b)),
        children: kids.into_iter().map(|c| body_node(g, c)).collect(),
    }
}

pub fn bodies(g: &Graph) -> BodiesPage<'_> {
    let t = crate::i18n::labels(g.config().language);
    let mut roots: Vec<BodyId> = g
        .registry()
        .bodies
        .ids()
        .filter(|&b| g.registry().bodies[b].parent.is_none())
        .collect();
    sort_bodies(g, &mut roots);
    let mut levels: Vec<LevelSection> = Vec::new();
    for b in roots {
        let level = g.registry().bodies[b]
            .level
            .clone()
            .unwrap_or_else(|| t.unknown.to_string());
        match levels.last_mut() {
            Some(s) if s.level == level => s.bodies.push(body_node(g, b)),
            _ => levels.push(LevelSection {
                level,
                bodies: vec![body_node(g, b)],
            }),
        }
    }
    let mut groups: Vec<GroupRow> = g
        .registry()
        .groups
        .ids()
        .map(|gr| GroupRow {
            group: party_link(g, Party::Group(gr)),
            members: by_name(
                g.registry().groups[gr]
                    .members
                    .iter()
                    .map(|&m| body_link(g, m)),
            ),
            urgent: Urgent::of(g, Party::Group(gr)),
        })
        .collect();
    groups.sort_by(|a, b| collate(a.group.name, b.group.name));
    let mut picks: Vec<Pick> = g
        .registry()
        .bodies
        .ids()
        .map(|b| Pick {
            stem: paths::party_script(g.registry().slug(Party::Body(b)))
                .trim_end_matches(".js")
                .to_string(),
            name: &g.registry().bodies[b].name,
        })
        .collect();
    picks.sort_by(|a, b| collate(a.name, b.name));
    BodiesPage {
        levels,
        groups,
        picks,
    }
}
