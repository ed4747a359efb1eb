//! Task tables, written in Rust rather than by a template: they are the bulk of the site (a
//! national roll-out has tens of thousands of rows, each listed on its document's page, the
//! pages of every body it concerns and the task lists). A task's row, as listed on a page one
//! folder down, is written once per build and copied into every page that lists it.
//!
//! The markup (classes and `data-*` attributes) is what `static/tasks.js` and the style sheet
//! read; themes style it with CSS.

use crate::layout::Depth;

use super::cache::{kept, remembered, TaskCache};
use super::cells;
use super::filters::{self, NameOrder};
use super::html::{self, Html};
use super::order::sort_docs;
use super::reads;
use super::rollup::{rollups, Rollup};
use super::timeline::counts_over_time;
use super::views::{sort_tasks, task_name, task_url};
use crate::export;
use crate::graph::Graph;
use crate::i18n::{self, short_date, Labels};
use crate::model::{CeasedLead, DocId, IdVec, Party, TaskId};
use crate::status::Status;

/// How deep the trace below a task goes on its own document's page.
const TRACE_DEPTH: usize = 8;

/// Tasks below a task beyond which its trace lists only the tasks that carry it out directly,
/// each with its roll-up and a link to its own row, where the trace goes on: at 100,000
/// documents a national conclusion's tasks have over a thousand tasks below each, and its
/// page was 1.8 MB.
const TRACE_WHOLE_UP_TO: usize = 200;

/// Writes the task tables of one build. Rows listed one folder down are kept and reused.
pub struct Rows<'g> {
    g: &'g Graph,
    t: &'static Labels,
    cache: &'g TaskCache,
}

impl<'g> Rows<'g> {
    /// The tables of `g`; `cache` holds what was written of `g`'s tasks (see [`TaskCache`]).
    pub fn new(g: &'g Graph, cache: &'g TaskCache) -> Self {
        assert!(cache.fits(g), "a task cache of another graph");
        Rows {
            g,
            t: i18n::labels(g.config().language),
            cache,
        }
    }

    /// A table's end.
    fn close_table(&self, mut out: Html) -> Html {
        out.raw("</tbody>\n</table>\n");
        out
    }

    /// Task `t`'s roll-up ([`rollups`]), `None` when it has nothing below.
    pub fn rollup(&self, t: TaskId) -> Option<&Rollup> {
        reads::task(t);
        self.rollups()[t].as_ref()
    }

    /// Every task's roll-up ([`rollups`]).
    pub fn rollups(&self) -> &IdVec<TaskId, Option<Rollup>> {
        self.cache.whole.rollups.get_or_init(|| rollups(self.g))
    }

    /// Every party's tasks counted by status on the graph's day (the statistics page's and
    /// the parties' figures).
    pub fn stats(&self) -> &crate::stats::Stats {
        let g = self.g;
        self.cache
            .whole
            .stats
            .get_or_init(|| super::cache::figures(g))
    }

    /// The parties in alphabetical order of their names, for the filters' options.
    pub fn name_order(&self) -> &NameOrder {
        self.cache
            .whole
            .name_order
            .get_or_init(|| NameOrder::of(self.g))
    }

    /// Every task, most urgent first ([`sort_tasks`]).
    pub fn tasks_in_order(&self) -> &[TaskId] {
        self.cache.whole.tasks_in_order.get_or_init(|| {
            let mut ts: Vec<TaskId> = self.g.tasks().ids().collect();
            sort_tasks(self.g, &mut ts);
            ts
        })
    }

    /// Every document, in the order of the documents index ([`sort_docs`]).
    pub fn documents_in_order(&self) -> &[DocId] {
        self.cache.whole.documents_in_order.get_or_init(|| {
            let mut ds: Vec<DocId> = self.g.documents().ids().collect();
            sort_docs(self.g, &mut ds);
            ds
        })
    }

    /// The counts of every task over time ([`counts_over_time`]): the home and tasks
    /// pages' `static/tasks.js` counts from them on the reader's date.
    pub fn timeline(&self) -> &str {
        reads::every_task();
        self.cache
            .whole
            .timeline
            .get_or_init(|| counts_over_time(self.g, self.g.tasks().ids()))
    }

    /// A task's calendar event ([`export::event`]), written once.
    pub fn event(&self, t: TaskId) -> Option<&str> {
        remembered(&self.cache.events[t], || {
            // It names the documents that extended it.
            reads::task(t);
            for e in &self.g.tasks()[t].extended {
                reads::document(e.by);
            }
            // Kept to the end of the build: in no more room than it takes.
            export::event(self.g, t).map(|mut e| {
                e.shrink_to_fit();
                e
            })
        })
        .as_deref()
    }

    /// A task's row as listed on pages one folder down, written once.
    pub fn listed(&self, t: TaskId) -> &str {
        self.listed_row(t).as_str()
    }

    fn listed_row(&self, t: TaskId) -> &Html {
        kept(&self.cache.listed[t], 1200, |row| {
            self.row(row, t, Depth::DOWN_ONE, Shown::Listed)
        })
    }

    /// Document `d`'s line in the chain as nested lists, on a page at the output root (what
    /// `make` writes), kept in the cache: the whole chain lists every document.
    pub(crate) fn tree_line(&self, d: DocId, make: impl FnOnce(&mut Html)) -> &Html {
        kept(&self.cache.tree_lines[d], 400, make)
    }

    /// The rows of the documents index for `ds` (on pages one folder down), each kept in the
    /// cache ([`html::index_row`]).
    pub(crate) fn index_rows(&self, ds: &[DocId]) -> Html {
        let mut out = Html::with_capacity(ds.len() * 600);
        for &d in ds {
            out.html(kept(&self.cache.index_rows[d], 600, |row| {
                html::index_row(row, self.g, d, Depth::DOWN_ONE)
            }));
        }
        out
    }

    /// A list of documents, each linked, with its date and title ([`html::doc_line`]); with
    /// `cited`, each named as a sentence names it (a document page's relations).
    pub(crate) fn doc_list(&self, ds: &[DocId], depth: Depth, cited: bool) -> Html {
        let mut out = Html::with_capacity(32 + ds.len() * 300);
        out.raw("<ul class=\"docs\">");
        let lines = if cited {
            &self.cache.cited_lines
        } else {
            &self.cache.doc_lines
        };
        for &d in ds {
            if depth == Depth::DOWN_ONE {
                out.html(kept(&lines[d], 300, |line| {
                    html::doc_line(line, self.g, d, Depth::DOWN_ONE, cited)
                }));
            } else {
                html::doc_line(&mut out, self.g, d, depth, cited);
            }
        }
        out.raw("</ul>");
        out
    }

    /// A table of tasks as listed elsewhere than on their own document's page (by reference,
    /// with the task each carries out), for a page `root` away from the output root. With
    /// `only`, rows whose status is not in it start hidden (static/tasks.js re-judges them).
    pub(crate) fn table(&self, ts: &[TaskId], depth: Depth, only: Option<&[Status]>) -> Html {
        let mut out = Html::with_capacity(512 + ts.len() * 1200);
        self.open_table(&mut out);
        for &t in ts {
            let hidden = only.is_some_and(|o| !o.contains(&self.g.tasks()[t].status));
            if depth == Depth::DOWN_ONE && !hidden {
                out.html(self.listed_row(t));
            } else {
                let shown = if hidden {
                    Shown::ListedHidden
                } else {
                    Shown::Listed
                };
                self.row(&mut out, t, depth, shown);
            }
        }
        self.close_table(out)
    }

    /// A table of tasks as [`Rows::table`] writes it, but where two or more of `ts` carry out
    /// the same task, they are listed together under one heading row naming that task (at
    /// the place of the first of them), each without its own line naming it: a body's page
    /// listed "Thực hiện nhiệm vụ 39-KL/TW#3.1 — …" on row after row. The rows carry the
    /// reference of the task they are under (`data-under`), the heading its own
    /// (`data-parent`): static/tasks.js keeps them together when it moves rows.
    pub(crate) fn grouped_table(&self, ts: &[TaskId], depth: Depth) -> Html {
        let g = self.g;
        let mut under: rustc_hash::FxHashMap<TaskId, Vec<TaskId>> = Default::default();
        for &t in ts {
            if let Some(p) = g.tasks()[t].implements {
                under.entry(p).or_default().push(t);
            }
        }
        under.retain(|_, children| children.len() > 1);
        let mut out = Html::with_capacity(512 + ts.len() * 1200);
        self.open_table(&mut out);
        for &t in ts {
            let Some(p) = g.tasks()[t].implements.filter(|p| under.contains_key(p)) else {
                if depth == Depth::DOWN_ONE {
                    out.html(self.listed_row(t));
                } else {
                    self.row(&mut out, t, depth, Shown::Listed);
                }
                continue;
            };
            // Written at the first of its rows, then left empty.
            let children = std::mem::take(under.get_mut(&p).expect("kept above"));
            if children.is_empty() {
                continue;
            }
            self.parent_row(&mut out, p, depth);
            for c in children {
                if depth == Depth::DOWN_ONE {
                    out.html(kept(&self.cache.under[c], 1200, |row| {
                        self.row(row, c, Depth::DOWN_ONE, Shown::Under)
                    }));
                } else {
                    self.row(&mut out, c, depth, Shown::Under);
                }
            }
        }
        self.close_table(out)
    }

    /// The heading row of the tasks that carry out `p`: its status, name, text and document.
    fn parent_row(&self, out: &mut Html, p: TaskId, depth: Depth) {
        let g = self.g;
        out.raw("<tr class=\"parent-task\"")
            .attr("data-parent", &g.tasks()[p].reference)
            .raw("><td colspan=\"4\"><span class=\"muted\">")
            .text(self.t.parent_task)
            .raw(":</span> ");
        self.task_line(out, p, depth);
        out.raw(" <span class=\"muted\">(");
        html::doc_cite(out, g, g.tasks()[p].document, depth);
        out.raw(")</span></td></tr>\n");
    }

    /// The table of a document's own tasks, each with the tree of tasks that carry it out.
    pub(crate) fn own_table(&self, d: DocId) -> Html {
        let ts = &self.g.documents()[d].tasks;
        let mut out = Html::with_capacity(512 + ts.len() * 2000);
        self.open_table(&mut out);
        for &t in ts {
            self.row(&mut out, t, Depth::DOWN_ONE, Shown::Own);
        }
        self.close_table(out)
    }

    fn open_table(&self, out: &mut Html) {
        let t = self.t;
        let parties = format!("{} / {}", t.lead, t.support);
        out.raw("<table class=\"tasks cards\"");
        html::push_card_labels(out, &[t.task, &parties, t.deadline, t.status]);
        out.raw(">\n<thead><tr><th scope=\"col\">")
            .text(t.task)
            .raw("</th><th scope=\"col\">")
            .text(t.lead)
            .raw(" / ")
            .text(t.support)
            .raw("</th><th scope=\"col\">")
            .text(t.deadline)
            .raw("</th><th scope=\"col\">")
            .text(t.status)
            .raw("</th></tr></thead>\n<tbody>\n");
    }

    /// A task's row. The status cell's badge and days carry no status of their own: the style
    /// sheet colours the badge by the row's `data-status`, and static/tasks.js finds them in
    /// the last cell.
    fn row(&self, out: &mut Html, id: TaskId, depth: Depth, shown: Shown) {
        reads::task(id);
        self.row_start(out, id, shown);
        out.raw("<td>");
        self.task_cell(out, id, depth, shown);
        out.raw("</td><td>");
        self.parties_cell(out, id, depth, shown);
        out.raw("</td><td>");
        cells::push_deadline(out, self.g, id, depth);
        let status = self.g.tasks()[id].status;
        out.raw("</td><td><span class=\"status\">")
            .text(i18n::status_label(self.g.config().language, status))
            .raw("</span>");
        cells::push_status_notes(out, self.g, id, depth);
        out.raw("</td></tr>\n");
    }

    /// A row's `<tr …>`: its anchor on its own page, its reference, its status, and the
    /// `data-t` that tasks.js judges and filters it by.
    fn row_start(&self, out: &mut Html, id: TaskId, shown: Shown) {
        let g = self.g;
        let task = &g.tasks()[id];
        out.raw("<tr");
        if shown == Shown::Own {
            out.attr("id", &task.anchor);
        }
        out.attr("data-task", &task.reference)
            .raw(" data-status=\"")
            .raw(task.status.as_str())
            .raw("\"");
        let level = filters::task_level(g, id).map(filters::level_key);
        let bodies = filters::task_bodies(g, id);
        let filtered = cells::Filtered {
            level: level.as_deref(),
            bodies: &bodies,
        };
        cells::push_judged_from(out, g, id, Some(filtered));
        if shown == Shown::ListedHidden {
            out.raw(" hidden");
        }
        if shown == Shown::Under {
            if let Some(p) = task.implements {
                out.attr("data-under", &g.tasks()[p].reference);
            }
        }
        out.raw(">");
    }

    /// The task's cell: its name and text, where it stands in the text, its progress, the
    /// task it carries out, a lead that ceased to exist, its roll-up and the tasks below.
    fn task_cell(&self, out: &mut Html, id: TaskId, depth: Depth, shown: Shown) {
        let (g, t) = (self.g, self.t);
        let task = &g.tasks()[id];
        out.raw("<a href=\"")
            .raw(depth.prefix())
            .text(&task_url(g, id))
            .raw("\">");
        if shown == Shown::Own {
            out.text(t.task).raw(" ").text(&task.id);
        } else {
            out.text(&task_name(g, id));
        }
        out.raw("</a><p>").text(&task.text).raw("</p>");
        if shown == Shown::Own && task.at.is_some() {
            out.raw("<a class=\"muted\" href=\"#")
                .text(&super::views::at_anchor(task))
                .raw("\">↳ ")
                .text(t.see_in_text)
                .raw("</a>");
        }
        cells::push_progress(out, g, id, depth);
        // In a list, the task it carries out is on this task's own row, one click away (a
        // list repeated it for every row). Its reference names its document, which the
        // page's relations name in full.
        if let Some(p) = task.implements.filter(|_| shown == Shown::Own) {
            out.raw("<p class=\"up\">").text(t.parent_task).raw(": ");
            self.task_line(out, p, depth);
            out.raw("</p>");
        }
        if let Some(c) = task.ceased_lead {
            self.ceased(out, c, depth);
        }
        if self.rollup(id).is_some() {
            out.raw("<p class=\"rollup\">");
            self.rollup_span(out, id);
            out.raw("</p>");
        }
        if shown == Shown::Own && !g.task_children(id).is_empty() {
            out.raw("<details open><summary>")
                .text(t.carried_out_below)
                .raw(" (")
                .num(g.task_children(id).len())
                .raw(")</summary>");
            let whole = self
                .rollup(id)
                .is_some_and(|r| r.total <= TRACE_WHOLE_UP_TO);
            self.below(out, id, depth, if whole { TRACE_DEPTH - 1 } else { 0 });
            out.raw("</details>\n");
        }
    }

    /// "⚠ needs a new lead (ceased after DATE; successor: BODY)".
    fn ceased(&self, out: &mut Html, c: CeasedLead, depth: Depth) {
        let t = self.t;
        out.raw("<p class=\"warning\">⚠ ")
            .text(t.needs_new_lead)
            .raw(" (")
            .text(t.ceased_after)
            .raw(" ")
            .text(&short_date(self.g.config().language, c.until));
        if let Some(s) = c.successor {
            out.raw("; ").text(t.successor).raw(": ");
            html::party_link(out, self.g, Party::Body(s), depth);
        }
        out.raw(")</p>");
    }

    /// The lead (in bold) and the supporting parties: linked to their pages on the task's own
    /// row, named on a row listed elsewhere (a list repeated the links on every row, a tenth of
    /// a body's page; the names' pages are in the bodies index).
    fn parties_cell(&self, out: &mut Html, id: TaskId, depth: Depth, shown: Shown) {
        let task = &self.g.tasks()[id];
        let party = |out: &mut Html, p: Party| {
            if shown == Shown::Own {
                html::party_link(out, self.g, p, depth);
            } else {
                out.text(self.g.registry().name(p));
            }
        };
        if let Some(l) = task.lead {
            if shown == Shown::Own {
                party(out, l);
            } else {
                out.raw("<b>");
                party(out, l);
                out.raw("</b>");
            }
        }
        if !task.support.is_empty() {
            out.raw("<br><span class=\"muted\">")
                .text(self.t.support)
                .raw(":</span> ");
            for (i, &s) in task.support.iter().enumerate() {
                if i > 0 {
                    out.raw(", ");
                }
                party(out, s);
            }
        }
    }

    /// The tasks that carry `id` out, `levels` more levels down; below that, a link to the
    /// task's own row, whose page goes on. Each by its status, reference and lead: its text is
    /// on its own row, one click away (a national conclusion's page traced a thousand tasks,
    /// and their texts were most of its 600 kB).
    fn below(&self, out: &mut Html, id: TaskId, depth: Depth, levels: usize) {
        let (g, t) = (self.g, self.t);
        out.raw("<ul class=\"trace\">");
        for &c in g.task_children(id) {
            let task = &g.tasks()[c];
            out.raw("<li>");
            self.live_badge(out, c);
            out.raw(" ");
            self.task_link(out, c, depth);
            if let Some(l) = task.lead {
                out.raw(" · ").text(t.lead).raw(": ");
                html::party_link(out, self.g, l, depth);
            }
            if self.rollup(c).is_some() {
                out.raw(" <span class=\"rollup\">(");
                self.rollup_span(out, c);
                out.raw(")</span>");
            }
            let kids = g.task_children(c).len();
            if kids > 0 {
                if levels > 0 {
                    self.below(out, c, depth, levels - 1);
                } else {
                    out.raw(" <a class=\"trace-more\" href=\"")
                        .raw(depth.prefix())
                        .text(&task_url(g, c))
                        .raw("\">→ ")
                        .text(t.trace_continues)
                        .raw(" (")
                        .num(kids)
                        .raw(")</a>");
                }
            }
            out.raw("</li>");
        }
        out.raw("</ul>");
    }

    /// A task in one line: its live badge, its reference linked to its row, and its text.
    fn task_line(&self, out: &mut Html, id: TaskId, depth: Depth) {
        self.live_badge(out, id);
        out.raw(" ");
        self.task_link(out, id, depth);
        out.raw(" — ").text(&self.g.tasks()[id].text);
    }

    /// A task's reference ("39-KL/TW#3.1") linked to its row.
    fn task_link(&self, out: &mut Html, id: TaskId, depth: Depth) {
        reads::task(id);
        out.raw("<a href=\"")
            .raw(depth.prefix())
            .text(&task_url(self.g, id))
            .raw("\">")
            .text(&task_name(self.g, id))
            .raw("</a>");
    }

    /// A status badge that static/tasks.js re-judges on the reader's date.
    fn live_badge(&self, out: &mut Html, id: TaskId) {
        reads::task(id);
        let task = &self.g.tasks()[id];
        let key = task.status.as_str();
        out.raw("<span class=\"status status-")
            .raw(key)
            .raw("\" data-live-badge data-status=\"")
            .raw(key)
            .raw("\"");
        cells::push_judged_from(out, self.g, id, None);
        out.raw(">")
            .text(i18n::status_label(self.g.config().language, task.status))
            .raw("</span>");
    }

    fn rollup_span(&self, out: &mut Html, id: TaskId) {
        let Some(r) = self.rollup(id) else {
            return;
        };
        out.raw("<span data-rollup data-timeline=\"")
            .display(&r.steps)
            .raw("\">")
            .text(&i18n::rollup(
                self.g.config().language,
                r.done,
                r.total,
                r.overdue,
            ))
            .raw("</span>");
    }
}

/// Which row of a task: on its own document's page, or listed elsewhere.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Own,
    Listed,
    /// Listed, but hidden until static/tasks.js finds its status on the reader's date.
    ListedHidden,
    /// Listed under the heading row of the task it carries out ([`Rows::grouped_table`]).
    Under,
}
