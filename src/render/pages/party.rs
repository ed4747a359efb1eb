//! The view of a body's or a group's page: what it is, the tasks it leads (status by status)
//! and those it supports, the documents it issued and those sent to it. A body's groups'
//! tasks and documents are on the groups' pages, which it names (the tasks with their
//! counts by status). A party
//! that lists more than `order::ROWS_PER_PAGE` rows in all has them split into numbered pages
//! (`co-quan/SLUG.html`, then `co-quan/SLUG.trang-2.html`, …; see [`paths::party_page`]): at
//! 100,000 documents a central body's single page was 5.7 MB.

use super::*;
use crate::layout::Depth;
use crate::render::order::{
    group_tallies, groups_received, pager, pages_of, received_of, PageLink, Pager, PartyTasks,
};

/// Everything a party's pages list, in the order they list it: the tasks it leads status by
/// status (most urgent first), those it supports, the documents it issued, those it
/// received.
pub struct PartyLists {
    party: Party,
    led: Vec<(Status, Vec<TaskId>)>,
    supported: Vec<TaskId>,
    issued: Vec<DocId>,
    received: Vec<DocId>,
    /// Every task of the party once, in the order of their ids.
    distinct: Vec<TaskId>,
    /// Its pages: one, or as many as its rows fill.
    pages: Vec<PageLink>,
    /// Every task of the party by status, shown on each of its pages.
    counts: Vec<StatusCount>,
    /// When it has several pages, the counts of its tasks over time
    /// ([`PartyPage::timeline`]); else empty.
    timeline: String,
}

impl PartyLists {
    pub fn of(g: &Graph, p: Party) -> PartyLists {
        let tasks = PartyTasks::of(g, p);
        let distinct = tasks.distinct();
        let mut received = received_of(g, p);
        sort_docs(g, &mut received);
        let mut issued = g.issued(p).to_vec();
        sort_docs(g, &mut issued);
        let pages = pages_of(g, p, &tasks, issued.len() + received.len());
        let PartyTasks { led, mut supported } = tasks;
        sort_tasks(g, &mut supported);
        PartyLists {
            party: p,
            led: crate::render::lists::by_status(g, &led),
            supported,
            issued,
            received,
            counts: status_counts(g, distinct.iter().copied()),
            timeline: if pages.len() > 1 {
                crate::render::timeline::counts_over_time(g, distinct.iter().copied())
            } else {
                String::new()
            },
            distinct,
            pages,
        }
    }

    /// Every task of the party once (for its counts and its calendar).
    pub fn distinct(&self) -> &[TaskId] {
        &self.distinct
    }

    /// The party's pages: one, or as many as its rows fill.
    pub fn pages(&self) -> &[PageLink] {
        &self.pages
    }
}

/// Whether party `p` has tasks its pages list (it leads or supports them): as
/// [`PartyLists::distinct`] is not empty, without making the lists. Such a party gets a
/// workbook of them.
pub fn has_tasks(g: &Graph, p: Party) -> bool {
    let listed = |ts: &[TaskId]| ts.iter().any(|&t| g.tasks()[t].status.is_listed());
    listed(g.leads(p)) || listed(g.supports(p))
}

/// The part of `list` that falls in the window of rows `[from, to)` of a page, `list` being
/// the next one after the `*before` rows of the lists before it.
fn in_window<'l, T>(list: &'l [T], before: &mut usize, from: usize, to: usize) -> &'l [T] {
    let start = *before;
    *before += list.len();
    let lo = from.clamp(start, *before) - start;
    let hi = to.clamp(start, *before) - start;
    &list[lo..hi]
}

#[derive(Serialize)]
pub struct PartyPage<'a> {
    pub party: PartyLink<'a>,
    /// Whether this is its first page (or its only one): what the party is shows there.
    pub first: bool,
    pub pager: Option<Pager>,
    pub aliases: &'a [String],
    pub level: Option<&'a str>,
    pub until: Option<String>,
    pub successor: Option<PartyLink<'a>>,
    pub parent: Option<PartyLink<'a>>,
    pub children: Vec<PartyLink<'a>>,
    pub members: Vec<PartyLink<'a>>,
    pub member_of: Vec<PartyLink<'a>>,
    /// The tasks it leads on this page, under each of the six statuses (empty ones too:
    /// static/tasks.js moves rows into them when the reader's date changes a status).
    pub led: Vec<StatusTable>,
    pub(crate) supported: Option<Html>,
    /// On a body's first page, its groups that were given tasks, each with its counts by
    /// status: the groups' pages list those tasks.
    pub(crate) of_groups: Option<Html>,
    /// How many of each this page lists. Templates test these, not the tables: Tera
    /// escapes a string it only tests.
    pub led_count: usize,
    pub supported_count: usize,
    /// Lists of links (`html::doc_list`), empty when there is none on this page.
    pub(crate) issued: Html,
    pub(crate) received: Html,
    pub issued_count: usize,
    pub received_count: usize,
    /// On a body's first page, its groups that were sent documents: their pages list them.
    pub received_via: Vec<PartyLink<'a>>,
    pub calendar: String,
    /// Its tasks as a workbook, when it has any ([`has_tasks`]).
    pub workbook: Option<String>,
    /// Every task of the party by status, on every page.
    pub counts: Vec<StatusCount>,
    /// On a party split into pages, the counts of its tasks over time (as on the home
    /// page): static/tasks.js counts all of them on the reader's date, not only the rows of
    /// the page. Empty on a single page, whose rows it counts.
    pub timeline: String,
    /// Filters for the tasks of this page.
    pub filters: Filters<'a>,
    /// Whether the filters fold away behind a disclosure: the page lists at most
    /// [`FOLD_UP_TO`] tasks, which a reader takes in at a glance.
    pub fold: bool,
    /// A body's page, without its ending, from the output root (`co-quan/so-noi-vu`): the
    /// reader may make it "my body" (static/tasks.js keeps it, and loads `….js`,
    /// [`my_body_script`], for its counts). `None` for a group.
    pub my_body: Option<String>,
    /// Its figures as the statistics page has them, on its first page.
    pub(crate) stats: Option<super::StatsRow<'a>>,
    pub(crate) stats_columns: Vec<super::stats::Column>,
    pub(crate) decimal: &'static str,
}

impl PageView for PartyPage<'_> {
    fn written(&self) -> usize {
        StatusTable::written(&self.led)
            + self.supported.as_ref().map_or(0, Html::len)
            + self.of_groups.as_ref().map_or(0, Html::len)
            + self.issued.len()
            + self.received.len()
            + self.timeline.len()
    }
}

/// Tasks a page lists at most for its filters to fold away behind a disclosure.
pub const FOLD_UP_TO: usize = 10;

/// The script a reader's browser loads on every page once they made body `b` their own
/// ("Cơ quan của tôi", static/tasks.js): its name, page and the counts over time of its
/// tasks overdue and due soon, all the tasks its page counts (`lists.distinct()`), so that
/// the header shows the counts of its page on the reader's day. A call, not data: a script
/// loads from file:// where a request for data does not.
pub fn my_body_script(g: &Graph, lists: &PartyLists) -> String {
    let p = lists.party;
    let data = serde_json::json!({
        "name": g.registry().name(p),
        "url": paths::party_page(g.registry().slug(p), 1),
        "timeline": crate::render::timeline::urgent_over_time(g, lists.distinct.iter().copied()),
    });
    format!(
        "window.chidaoBody && window.chidaoBody({});\n",
        crate::escape::script_json(&data)
    )
}

/// What a body's or group's page says of it, apart from its tasks and documents.
struct About<'a> {
    aliases: &'a [String],
    level: Option<&'a str>,
    until: Option<String>,
    successor: Option<PartyLink<'a>>,
    parent: Option<PartyLink<'a>>,
    children: Vec<PartyLink<'a>>,
    members: Vec<PartyLink<'a>>,
}

impl<'a> About<'a> {
    fn of(g: &'a Graph, p: Party) -> About<'a> {
        match p {
            Party::Body(b) => {
                let body = &g.registry().bodies[b];
                About {
                    aliases: body.aliases.as_slice(),
                    level: body.level.as_deref(),
                    until: body.until.map(|d| short_date(g.config().language, d)),
                    successor: body.successor.map(|s| body_link(g, s)),
                    parent: body.parent.map(|s| body_link(g, s)),
                    children: by_name(g.body_children(b).iter().map(|&c| body_link(g, c))),
                    members: Vec::new(),
                }
            }
            Party::Group(gr) => {
                let group = &g.registry().groups[gr];
                About {
                    aliases: group.aliases.as_slice(),
                    level: None,
                    until: None,
                    successor: None,
                    parent: None,
                    children: Vec::new(),
                    members: by_name(group.members.iter().map(|&m| body_link(g, m))),
                }
            }
        }
    }
}

/// Page `number` (from 1) of the pages of the party whose lists are `lists`.
pub fn party<'a>(g: &'a Graph, rows: &Rows, lists: &PartyLists, number: usize) -> PartyPage<'a> {
    let p = lists.party;
    let pages = &lists.pages[..];
    let (from, to) = pages
        .get(number - 1)
        .map_or((0, 0), |l| (l.first - 1, l.last));
    let mut before = 0;
    let led: Vec<(Status, Vec<TaskId>)> = lists
        .led
        .iter()
        .map(|(s, ts)| (*s, in_window(ts, &mut before, from, to).to_vec()))
        .collect();
    let supported = in_window(&lists.supported, &mut before, from, to);
    let issued = in_window(&lists.issued, &mut before, from, to);
    let received = in_window(&lists.received, &mut before, from, to);
    let on_page: Vec<TaskId> = led
        .iter()
        .flat_map(|(_, ts)| ts)
        .chain(supported)
        .copied()
        .collect();
    let led_count = led.iter().map(|(_, ts)| ts.len()).sum();
    let groups: &[GroupId] = match p {
        Party::Body(b) => g.groups_of(b),
        Party::Group(_) => &[],
    };
    let about = About::of(g, p);
    let doc_list = |ds: &[DocId]| {
        if ds.is_empty() {
            Html::new()
        } else {
            rows.doc_list(ds, Depth::DOWN_ONE, false)
        }
    };
    let task_table =
        |ts: &[TaskId]| (!ts.is_empty()).then(|| rows.grouped_table(ts, Depth::DOWN_ONE));
    let mut distinct_on_page = on_page.clone();
    distinct_on_page.sort_unstable();
    distinct_on_page.dedup();
    let pager = pager(pages, number);
    PartyPage {
        party: party_link(g, p),
        first: number == 1,
        timeline: lists.timeline.clone(),
        pager,
        aliases: about.aliases,
        level: about.level,
        until: about.until,
        successor: about.successor,
        parent: about.parent,
        children: about.children,
        members: about.members,
        member_of: by_name(groups.iter().map(|&gr| party_link(g, Party::Group(gr)))),
        led: if led_count > 0 {
            crate::render::lists::tables(g, rows, led, Depth::DOWN_ONE, true)
        } else {
            Vec::new()
        },
        led_count,
        supported_count: supported.len(),
        supported: task_table(supported),
        of_groups: (number == 1).then(|| groups_given_tasks(g, p)).flatten(),
        issued_count: issued.len(),
        received_count: received.len(),
        issued: doc_list(issued),
        received: doc_list(received),
        received_via: if number == 1 {
            let groups = groups_received(g, p).into_iter();
            by_name(groups.map(|gr| party_link(g, Party::Group(gr))))
        } else {
            Vec::new()
        },
        calendar: paths::party_calendar(g.registry().slug(p)),
        workbook: has_tasks(g, p).then(|| paths::party_workbook(g.registry().slug(p))),
        counts: lists.counts.clone(),
        filters: filters::filters(g, rows.name_order(), &on_page),
        fold: distinct_on_page.len() <= FOLD_UP_TO,
        my_body: match p {
            Party::Body(_) => paths::party_script(g.registry().slug(p))
                .strip_suffix(".js")
                .map(str::to_string),
            Party::Group(_) => None,
        },
        stats: (number == 1).then(|| super::stats::party_stats(g, rows.stats(), p)),
        stats_columns: super::stats::columns(g),
        decimal: super::stats::decimal(g),
    }
}

/// The list naming body `p`'s groups that were given tasks, each linked to its page with
/// its tasks' counts by status; `None` when there is none (or `p` is a group).
fn groups_given_tasks(g: &Graph, p: Party) -> Option<Html> {
    let mut groups = group_tallies(g, p);
    if groups.is_empty() {
        return None;
    }
    let reg = g.registry();
    groups
        .sort_by(|(a, _), (b, _)| collate(reg.name(Party::Group(*a)), reg.name(Party::Group(*b))));
    let mut out = Html::new();
    out.raw("<ul class=\"group-tasks\">");
    for (gr, tasks) in groups {
        let q = Party::Group(gr);
        out.raw("<li>");
        crate::render::html::party_link(&mut out, g, q, Depth::DOWN_ONE);
        out.raw(" ");
        super::push_tally_chips(&mut out, g, &tasks);
        out.raw("</li>");
    }
    out.raw("</ul>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows 0..10 in lists of 3, 0, 4 and 3: each window takes from each list what falls in it.
    #[test]
    fn a_window_takes_its_rows_from_each_list_in_turn() {
        let lists: [&[usize]; 4] = [&[0, 1, 2], &[], &[3, 4, 5, 6], &[7, 8, 9]];
        let cut = |from, to| -> Vec<Vec<usize>> {
            let mut before = 0;
            lists
                .iter()
                .map(|l| in_window(l, &mut before, from, to).to_vec())
                .collect()
        };
        assert_eq!(cut(0, 4), [vec![0, 1, 2], vec![], vec![3], vec![]]);
        assert_eq!(cut(4, 8), [vec![], vec![], vec![4, 5, 6], vec![7]]);
        assert_eq!(cut(8, 12), [vec![], vec![], vec![], vec![8, 9]]);
        assert_eq!(cut(0, 10), lists.map(<[usize]>::to_vec));
        assert!(cut(10, 10).iter().all(Vec::is_empty));
        // Windows side by side take every row once.
        let all: Vec<usize> = (0..10)
            .step_by(3)
            .flat_map(|from| cut(from, from + 3).concat())
            .collect();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
    }
}
