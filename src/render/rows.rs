//! Task tables, written in Rust rather than by a template: they are the bulk of the site (a
//! national roll-out has tens of thousands of rows, each listed on its document's page, the
//! pages of every body it concerns and the task lists). A task's row, as listed on a page one
//! folder down, is written once per build and copied into every page that lists it.
//!
//! The markup (classes and `data-*` attributes) is what `static/tasks.js` and the style sheet
//! read; themes style it with CSS.

use crate::layout::Depth;
use std::fmt::Write as _;
use std::sync::OnceLock;

use super::cells::{self, Opt};
use super::filters::{self, NameOrder};
use super::html::{self, push_escaped};
use super::order::sort_docs;
use super::rollup::{rollups, Rollup};
use super::timeline::counts_over_time;
use super::views::{sort_tasks, task_name, task_url};
use crate::export;
use crate::graph::Graph;
use crate::i18n::{self, short_date, Labels};
use crate::model::{CeasedLead, DocId, IdVec, Party, TaskId};
use crate::status::Status;

/// A task row's `data-*` attributes for `static/tasks.js`'s filters (those it judges the
/// status from are `cells::push_judged_from`'s).
#[derive(Debug, PartialEq, Eq)]
pub struct RowData {
    /// The done date (`done`, or the date of `done_by`), YYYY-MM-DD; `0` when done by an
    /// undated document.
    pub done: Option<String>,
    /// The deadline in force is recurring or ongoing, or there is none.
    pub recurring: bool,
    /// Keys of the bodies and groups the task concerns, with every body above them
    /// (`filters::party_key`).
    pub bodies: String,
    /// The folded level of the issuer of the task's document ("tinh").
    pub level: Option<String>,
    /// The year of a fixed deadline.
    pub year: Option<i32>,
}

pub fn row_data(g: &Graph, t: TaskId) -> RowData {
    RowData {
        done: cells::done_key(g, t),
        recurring: filters::task_open_ended(g, t),
        bodies: filters::task_bodies(g, t),
        level: filters::task_level(g, t).map(filters::level_key),
        year: filters::task_year(g, t),
    }
}

/// How deep the trace below a task goes on its own document's page.
const TRACE_DEPTH: usize = 8;

/// Tasks below a task beyond which its trace lists only the tasks that carry it out directly,
/// each with its roll-up and a link to its own row, where the trace goes on: at 100,000
/// documents a national conclusion's tasks have over a thousand tasks below each, and its
/// page was 1.8 MB.
const TRACE_WHOLE_UP_TO: usize = 200;

/// What is written of each task and document the same way wherever it appears: a task's row
/// as listed on pages one folder down and its calendar event, a document's line in the lists
/// of those pages, its row in the documents index and its line in the chain as nested lists;
/// and what is worked out of the whole graph (every task's roll-up, the orders of the lists,
/// the open due dates); each made when first needed. A build makes a new one; `serve` keeps it
/// from one rebuild to the next and forgets what an edit may change ([`TaskCache::forget`]).
#[derive(Debug, Default)]
pub struct TaskCache {
    listed: IdVec<TaskId, OnceLock<String>>,
    /// A task's row listed under the heading of the task it carries out
    /// ([`Rows::grouped_table`]): without its own line naming that task.
    under: IdVec<TaskId, OnceLock<String>>,
    events: IdVec<TaskId, OnceLock<Option<String>>>,
    doc_lines: IdVec<DocId, OnceLock<String>>,
    /// A document's line as a document page's relations list it (named with "số").
    cited_lines: IdVec<DocId, OnceLock<String>>,
    index_rows: IdVec<DocId, OnceLock<String>>,
    tree_lines: IdVec<DocId, OnceLock<String>>,
    whole: Whole,
}

/// What is worked out of the whole graph, once per graph: a `serve` step used to work each
/// out three or four times (sorting 25,000 tasks each time at 10,000 documents). Made on one
/// thread (no rayon inside: rendering jobs may wait on these cells).
#[derive(Debug, Default)]
struct Whole {
    rollups: OnceLock<IdVec<TaskId, Option<Rollup>>>,
    tasks_in_order: OnceLock<Vec<TaskId>>,
    documents_in_order: OnceLock<Vec<DocId>>,
    timeline: OnceLock<String>,
    name_order: OnceLock<NameOrder>,
    stats: OnceLock<crate::stats::Stats>,
}

impl TaskCache {
    /// An empty cache for the tasks and documents of `g`.
    pub fn new(g: &Graph) -> Self {
        TaskCache {
            listed: g.tasks.ids().map(|_| OnceLock::new()).collect(),
            under: g.tasks.ids().map(|_| OnceLock::new()).collect(),
            events: g.tasks.ids().map(|_| OnceLock::new()).collect(),
            doc_lines: g.documents.ids().map(|_| OnceLock::new()).collect(),
            cited_lines: g.documents.ids().map(|_| OnceLock::new()).collect(),
            index_rows: g.documents.ids().map(|_| OnceLock::new()).collect(),
            tree_lines: g.documents.ids().map(|_| OnceLock::new()).collect(),
            whole: Whole::default(),
        }
    }

    /// Whether it holds what is written of a graph with as many tasks and documents as `g`.
    pub fn fits(&self, g: &Graph) -> bool {
        self.listed.len() == g.tasks.len() && self.doc_lines.len() == g.documents.len()
    }

    /// Forgets what was written of `documents` of `g` and of their tasks, and what was worked
    /// out of the whole graph: it is made again when next needed. Returns each of those tasks
    /// with its listed row as it was (`None` when it was not written).
    pub fn forget(&mut self, g: &Graph, documents: &[DocId]) -> Vec<(TaskId, Option<String>)> {
        self.whole = Whole::default();
        let mut rows = Vec::new();
        for &d in documents {
            self.doc_lines[d] = OnceLock::new();
            self.cited_lines[d] = OnceLock::new();
            self.index_rows[d] = OnceLock::new();
            self.tree_lines[d] = OnceLock::new();
            for &t in &g.documents[d].tasks {
                rows.push((t, self.listed[t].take()));
                self.under[t] = OnceLock::new();
                self.events[t] = OnceLock::new();
            }
        }
        rows
    }
}

/// What `cell` of a [`TaskCache`] keeps, written by `make` (into a string of `capacity`)
/// the first time it is asked for.
fn kept(cell: &OnceLock<String>, capacity: usize, make: impl FnOnce(&mut String)) -> &str {
    cell.get_or_init(|| {
        let mut s = String::with_capacity(capacity);
        make(&mut s);
        s
    })
}

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
            t: i18n::labels(g.config.language),
            cache,
        }
    }

    /// Task `t`'s roll-up ([`rollups`]), `None` when it has nothing below.
    pub fn rollup(&self, t: TaskId) -> Option<&Rollup> {
        let all = self.cache.whole.rollups.get_or_init(|| rollups(self.g));
        all[t].as_ref()
    }

    /// Every party's tasks counted by status on the graph's day (the statistics page's and
    /// the parties' figures).
    pub fn stats(&self) -> &crate::stats::Stats {
        let g = self.g;
        self.cache
            .whole
            .stats
            .get_or_init(|| crate::stats::count(g, |t| g.tasks[t].status))
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
            let mut ts: Vec<TaskId> = self.g.tasks.ids().collect();
            sort_tasks(self.g, &mut ts);
            ts
        })
    }

    /// Every document, in the order of the documents index ([`sort_docs`]).
    pub fn documents_in_order(&self) -> &[DocId] {
        self.cache.whole.documents_in_order.get_or_init(|| {
            let mut ds: Vec<DocId> = self.g.documents.ids().collect();
            sort_docs(self.g, &mut ds);
            ds
        })
    }

    /// The counts of every task over time ([`counts_over_time`]): the home and tasks
    /// pages' `static/tasks.js` counts from them on the reader's date.
    pub fn timeline(&self) -> &str {
        self.cache
            .whole
            .timeline
            .get_or_init(|| counts_over_time(self.g, self.g.tasks.ids()))
    }

    /// A task's calendar event ([`export::event`]), written once.
    pub fn event(&self, t: TaskId) -> Option<&str> {
        self.cache.events[t]
            .get_or_init(|| export::event(self.g, t))
            .as_deref()
    }

    /// A task's row as listed on pages one folder down, written once.
    pub fn listed(&self, t: TaskId) -> &str {
        kept(&self.cache.listed[t], 1200, |row| {
            self.row(row, t, Depth::DOWN_ONE, Shown::Listed)
        })
    }

    /// Document `d`'s line in the chain as nested lists, on a page at the output root (what
    /// `make` writes), kept in the cache: the whole chain lists every document.
    pub fn tree_line(&self, d: DocId, make: impl FnOnce(&mut String)) -> &str {
        kept(&self.cache.tree_lines[d], 400, make)
    }

    /// The rows of the documents index for `ds` (on pages one folder down), each kept in the
    /// cache ([`html::index_row`]).
    pub fn index_rows(&self, ds: &[DocId]) -> String {
        let mut out = String::with_capacity(ds.len() * 600);
        for &d in ds {
            out.push_str(kept(&self.cache.index_rows[d], 600, |row| {
                html::index_row(row, self.g, d, Depth::DOWN_ONE)
            }));
        }
        out
    }

    /// A list of documents, each linked, with its date and title ([`html::doc_line`]); with
    /// `cited`, each named as a sentence names it (a document page's relations).
    pub fn doc_list(&self, ds: &[DocId], depth: Depth, cited: bool) -> String {
        let mut out = String::with_capacity(32 + ds.len() * 300);
        out.push_str("<ul class=\"docs\">");
        let lines = if cited {
            &self.cache.cited_lines
        } else {
            &self.cache.doc_lines
        };
        for &d in ds {
            if depth == Depth::DOWN_ONE {
                out.push_str(kept(&lines[d], 300, |line| {
                    html::doc_line(line, self.g, d, Depth::DOWN_ONE, cited)
                }));
            } else {
                html::doc_line(&mut out, self.g, d, depth, cited);
            }
        }
        out.push_str("</ul>");
        out
    }

    /// A table of tasks as listed elsewhere than on their own document's page (by reference,
    /// with the task each carries out), for a page `root` away from the output root. With
    /// `only`, rows whose status is not in it start hidden (static/tasks.js re-judges them).
    pub fn table(&self, ts: &[TaskId], depth: Depth, only: Option<&[Status]>) -> String {
        let mut out = String::with_capacity(512 + ts.len() * 1200);
        self.open_table(&mut out);
        for &t in ts {
            let hidden = only.is_some_and(|o| !o.contains(&self.g.tasks[t].status));
            if depth == Depth::DOWN_ONE && !hidden {
                out.push_str(self.listed(t));
            } else {
                let shown = if hidden {
                    Shown::ListedHidden
                } else {
                    Shown::Listed
                };
                self.row(&mut out, t, depth, shown);
            }
        }
        out.push_str("</tbody>\n</table>\n");
        out
    }

    /// A table of tasks as [`Rows::table`] writes it, but where two or more of `ts` carry out
    /// the same task, they are listed together under one heading row naming that task (at
    /// the place of the first of them), each without its own line naming it: a body's page
    /// listed "Thực hiện nhiệm vụ 39-KL/TW#3.1 — …" on row after row. The rows carry the
    /// reference of the task they are under (`data-under`), the heading its own
    /// (`data-parent`): static/tasks.js keeps them together when it moves rows.
    pub fn grouped_table(&self, ts: &[TaskId], depth: Depth) -> String {
        let g = self.g;
        let mut under: rustc_hash::FxHashMap<TaskId, Vec<TaskId>> = Default::default();
        for &t in ts {
            if let Some(p) = g.tasks[t].implements {
                under.entry(p).or_default().push(t);
            }
        }
        under.retain(|_, children| children.len() > 1);
        let mut out = String::with_capacity(512 + ts.len() * 1200);
        self.open_table(&mut out);
        for &t in ts {
            let Some(p) = g.tasks[t].implements.filter(|p| under.contains_key(p)) else {
                if depth == Depth::DOWN_ONE {
                    out.push_str(self.listed(t));
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
                    out.push_str(kept(&self.cache.under[c], 1200, |row| {
                        self.row(row, c, Depth::DOWN_ONE, Shown::Under)
                    }));
                } else {
                    self.row(&mut out, c, depth, Shown::Under);
                }
            }
        }
        out.push_str("</tbody>\n</table>\n");
        out
    }

    /// The heading row of the tasks that carry out `p`: its status, name, text and document.
    fn parent_row(&self, out: &mut String, p: TaskId, depth: Depth) {
        let g = self.g;
        out.push_str("<tr class=\"parent-task\" data-parent=\"");
        push_escaped(out, &g.tasks[p].reference);
        out.push_str("\"><td colspan=\"4\"><span class=\"muted\">");
        push_escaped(out, self.t.parent_task);
        out.push_str(":</span> ");
        self.task_line(out, p, depth);
        out.push_str(" <span class=\"muted\">(");
        html::doc_cite(out, g, g.tasks[p].document, depth);
        out.push_str(")</span></td></tr>\n");
    }

    /// The table of a document's own tasks, each with the tree of tasks that carry it out.
    pub fn own_table(&self, d: DocId) -> String {
        let ts = &self.g.documents[d].tasks;
        let mut out = String::with_capacity(512 + ts.len() * 2000);
        self.open_table(&mut out);
        for &t in ts {
            self.row(&mut out, t, Depth::DOWN_ONE, Shown::Own);
        }
        out.push_str("</tbody>\n</table>\n");
        out
    }

    fn open_table(&self, out: &mut String) {
        let t = self.t;
        let parties = format!("{} / {}", t.lead, t.support);
        out.push_str("<table class=\"tasks cards\"");
        html::push_card_labels(out, &[t.task, &parties, t.deadline, t.status]);
        out.push_str(">\n<thead><tr><th scope=\"col\">");
        push_escaped(out, t.task);
        out.push_str("</th><th scope=\"col\">");
        push_escaped(out, t.lead);
        out.push_str(" / ");
        push_escaped(out, t.support);
        out.push_str("</th><th scope=\"col\">");
        push_escaped(out, t.deadline);
        out.push_str("</th><th scope=\"col\">");
        push_escaped(out, t.status);
        out.push_str("</th></tr></thead>\n<tbody>\n");
    }

    fn row(&self, out: &mut String, id: TaskId, depth: Depth, shown: Shown) {
        self.row_start(out, id, shown);
        out.push_str("<td>\n");
        self.task_cell(out, id, depth, shown);
        out.push_str("</td>\n<td>");
        self.parties_cell(out, id, depth);
        out.push_str("</td>\n<td>");
        cells::push_deadline(out, self.g, id, depth);
        let status = self.g.tasks[id].status;
        let _ = write!(
            out,
            "</td>\n<td><span class=\"status status-{}\" data-live-status>{}</span>",
            status.as_str(),
            Esc(i18n::status_label(self.g.config.language, status))
        );
        cells::push_status_notes(out, self.g, id, depth);
        out.push_str("</td>\n</tr>\n");
    }

    /// A row's `<tr …>`: its anchor on its own page, its status, and the `data-*` that
    /// tasks.js judges and filters it by.
    fn row_start(&self, out: &mut String, id: TaskId, shown: Shown) {
        let g = self.g;
        let task = &g.tasks[id];
        let key = task.status.as_str();
        out.push_str("<tr");
        if shown == Shown::Own {
            out.push_str(" id=\"");
            push_escaped(out, &task.anchor);
            out.push('"');
        }
        let data = row_data(g, id);
        let _ = write!(
            out,
            " class=\"row-{key}\" data-task=\"{}\" data-status=\"{key}\"",
            Esc(&task.reference),
        );
        cells::push_judged_from(out, g, id);
        let _ = write!(
            out,
            " data-bodies=\"{}\" data-level=\"{}\" data-year=\"{}\"",
            Esc(&data.bodies),
            Esc(data.level.as_deref().unwrap_or("")),
            Opt(data.year),
        );
        if shown == Shown::ListedHidden {
            out.push_str(" hidden");
        }
        if shown == Shown::Under {
            if let Some(p) = task.implements {
                out.push_str(" data-under=\"");
                push_escaped(out, &g.tasks[p].reference);
                out.push('"');
            }
        }
        out.push_str(">\n");
    }

    /// The task's cell: its name and text, where it stands in the text, its progress, the
    /// task it carries out, a lead that ceased to exist, its roll-up and the tasks below.
    fn task_cell(&self, out: &mut String, id: TaskId, depth: Depth, shown: Shown) {
        let (g, t) = (self.g, self.t);
        let task = &g.tasks[id];
        out.push_str("<a class=\"ref\" href=\"");
        out.push_str(depth.prefix());
        push_escaped(out, &task_url(g, id));
        out.push_str("\">");
        if shown == Shown::Own {
            push_escaped(out, t.task);
            out.push(' ');
            push_escaped(out, &task.id);
        } else {
            push_escaped(out, &task_name(g, id));
        }
        out.push_str("</a>\n<p>");
        push_escaped(out, &task.text);
        out.push_str("</p>\n");
        if shown == Shown::Own && task.at.is_some() {
            out.push_str("<a class=\"muted\" href=\"#");
            push_escaped(out, &super::views::at_anchor(task));
            out.push_str("\">↳ ");
            push_escaped(out, t.see_in_text);
            out.push_str("</a>\n");
        }
        cells::push_progress(out, g, id, depth);
        if let Some(p) = task.implements.filter(|_| shown != Shown::Under) {
            out.push_str("<p class=\"up\">");
            push_escaped(out, t.parent_task);
            out.push_str(": ");
            if shown == Shown::Own {
                self.task_line(out, p, depth);
                out.push_str(" <span class=\"muted\">(");
                html::doc_cite(out, g, g.tasks[p].document, depth);
                out.push_str(")</span>");
            } else {
                // In a list, the task it carries out by name: its status, text and document
                // are on this task's own row, one click away (a list repeated them for every
                // row, a sixth of a body's page).
                self.task_link(out, p, depth);
            }
            out.push_str("</p>\n");
        }
        if let Some(c) = task.ceased_lead {
            self.ceased(out, c, depth);
        }
        if self.rollup(id).is_some() {
            out.push_str("<p class=\"rollup\">");
            self.rollup_span(out, id);
            out.push_str("</p>\n");
        }
        if shown == Shown::Own && !g.task_children[id].is_empty() {
            out.push_str("<details open><summary>");
            push_escaped(out, t.carried_out_below);
            let _ = write!(out, " ({})</summary>", g.task_children[id].len());
            let whole = self
                .rollup(id)
                .is_some_and(|r| r.total <= TRACE_WHOLE_UP_TO);
            self.below(out, id, depth, if whole { TRACE_DEPTH - 1 } else { 0 });
            out.push_str("</details>\n");
        }
    }

    /// "⚠ needs a new lead (ceased after DATE; successor: BODY)".
    fn ceased(&self, out: &mut String, c: CeasedLead, depth: Depth) {
        let t = self.t;
        out.push_str("<p class=\"warning\">⚠ ");
        push_escaped(out, t.needs_new_lead);
        out.push_str(" (");
        push_escaped(out, t.ceased_after);
        out.push(' ');
        push_escaped(out, &short_date(self.g.config.language, c.until));
        if let Some(s) = c.successor {
            out.push_str("; ");
            push_escaped(out, t.successor);
            out.push_str(": ");
            html::party_link(out, self.g, Party::Body(s), depth);
        }
        out.push_str(")</p>\n");
    }

    /// The lead (in bold) and the supporting parties.
    fn parties_cell(&self, out: &mut String, id: TaskId, depth: Depth) {
        let task = &self.g.tasks[id];
        if let Some(l) = task.lead {
            out.push_str("<strong>");
            html::party_link(out, self.g, l, depth);
            out.push_str("</strong>");
        }
        if !task.support.is_empty() {
            out.push_str("<br><span class=\"muted\">");
            push_escaped(out, self.t.support);
            out.push_str(":</span> ");
            for (i, &s) in task.support.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                html::party_link(out, self.g, s, depth);
            }
        }
    }

    /// The tasks that carry `id` out, `levels` more levels down; below that, a link to the
    /// task's own row, whose page goes on.
    fn below(&self, out: &mut String, id: TaskId, depth: Depth, levels: usize) {
        let (g, t) = (self.g, self.t);
        out.push_str("<ul class=\"trace\">");
        for &c in &g.task_children[id] {
            let task = &g.tasks[c];
            out.push_str("<li>");
            self.task_line(out, c, depth);
            if let Some(l) = task.lead {
                out.push_str(" · ");
                push_escaped(out, t.lead);
                out.push_str(": ");
                html::party_link(out, self.g, l, depth);
            }
            if self.rollup(c).is_some() {
                out.push_str(" <span class=\"rollup\">(");
                self.rollup_span(out, c);
                out.push_str(")</span>");
            }
            let kids = g.task_children[c].len();
            if kids > 0 {
                if levels > 0 {
                    self.below(out, c, depth, levels - 1);
                } else {
                    out.push_str(" <a class=\"trace-more\" href=\"");
                    out.push_str(depth.prefix());
                    push_escaped(out, &task_url(g, c));
                    out.push_str("\">→ ");
                    push_escaped(out, t.trace_continues);
                    let _ = write!(out, " ({kids})</a>");
                }
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }

    /// A task in one line: its live badge, its reference linked to its row, and its text.
    fn task_line(&self, out: &mut String, id: TaskId, depth: Depth) {
        self.live_badge(out, id);
        out.push(' ');
        self.task_link(out, id, depth);
        out.push_str(" — ");
        push_escaped(out, &self.g.tasks[id].text);
    }

    /// A task's reference ("39-KL/TW#3.1") linked to its row.
    fn task_link(&self, out: &mut String, id: TaskId, depth: Depth) {
        out.push_str("<a href=\"");
        out.push_str(depth.prefix());
        push_escaped(out, &task_url(self.g, id));
        out.push_str("\">");
        push_escaped(out, &task_name(self.g, id));
        out.push_str("</a>");
    }

    /// A status badge that static/tasks.js re-judges on the reader's date.
    fn live_badge(&self, out: &mut String, id: TaskId) {
        let task = &self.g.tasks[id];
        let key = task.status.as_str();
        let _ = write!(
            out,
            "<span class=\"status status-{key}\" data-live-badge data-status=\"{key}\""
        );
        cells::push_judged_from(out, self.g, id);
        let _ = write!(
            out,
            ">{}</span>",
            Esc(i18n::status_label(self.g.config.language, task.status)),
        );
    }

    fn rollup_span(&self, out: &mut String, id: TaskId) {
        let Some(r) = self.rollup(id) else {
            return;
        };
        out.push_str("<span data-rollup data-timeline=\"");
        r.steps.write(out);
        out.push_str("\">");
        push_escaped(
            out,
            &i18n::rollup(self.g.config.language, r.done, r.total, r.overdue),
        );
        out.push_str("</span>");
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

/// Text escaped as it is written.
struct Esc<'a>(&'a str);

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        html::write_escaped(f, self.0)
    }
}
