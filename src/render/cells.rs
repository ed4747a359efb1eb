//! What a task's row says of its deadline and status, written in Rust with the rows
//! (`rows.rs`): the deadline in force with the original and every extension beside it
//! ("30/6/2024, gia hạn đến 31/12/2024 theo Công văn số 12-CV/UBND"), the status with the days
//! overdue or left and the document that withdrew the task (documents named as a sentence
//! names them, `html::doc_cite`); and the `data-*` attributes from which `static/tasks.js`
//! judges the status again on the reader's day, with the same rule as `status::judge`.

use crate::layout::Depth;

use super::html::{self, Html};
use crate::deadline::Due;
use crate::graph::Graph;
use crate::i18n::{self, short_date};
use crate::model::{DocId, Progress, Task, TaskId};
use crate::status::{Since, Status};

/// The deadline cell's text: the task's own deadline (or "chưa có thời hạn"), each extension
/// in effect on the graph's day after it, linked to the document that granted it; then the
/// `due_note`.
pub(super) fn push_deadline(out: &mut Html, g: &Graph, id: TaskId, depth: Depth) {
    let (task, lang) = (&g.tasks()[id], g.config().language);
    let t = i18n::labels(lang);
    match task.due_text.as_deref() {
        Some(text) => push_due(out, g, text, task.own_due),
        None => {
            out.raw("<span class=\"muted\">")
                .text(t.no_deadline)
                .raw("</span>");
        }
    }
    for e in task.extended.iter().filter(|e| e.since.holds_on(g.today())) {
        out.raw(", <span class=\"extended\">")
            .text(t.extended_to)
            .raw(" ");
        push_due(out, g, &e.due_text, Some(e.due));
        out.raw(" ").text(t.by_document).raw(" ");
        html::doc_cite(out, g, e.by, depth);
        out.raw("</span>");
    }
    if let Some(note) = task.due_note.as_deref() {
        out.raw("<br><span class=\"due-note\">")
            .text(note)
            .raw("</span>");
    }
}

/// A deadline as written, with the day it resolves to on the graph's day when that reads
/// otherwise ("hằng quý (31/3/2025)").
fn push_due(out: &mut Html, g: &Graph, text: &str, due: Option<Due>) {
    out.raw("<span class=\"due-text\">")
        .text(text)
        .raw("</span>");
    if let Some(d) = due.and_then(|d| d.on(g.today())) {
        let d = short_date(g.config().language, d);
        if d != text {
            out.raw(" <span class=\"muted\">(").text(&d).raw(")</span>");
        }
    }
}

/// The status cell's text after the badge: how many days overdue or left, the document that
/// withdrew the task, when and by what it was done.
pub(super) fn push_status_notes(out: &mut Html, g: &Graph, id: TaskId, depth: Depth) {
    let (task, lang) = (&g.tasks()[id], g.config().language);
    let t = i18n::labels(lang);
    if let Some(days) = days_line(g, id) {
        out.raw("<br><span class=\"days\" data-live-days>")
            .text(&days)
            .raw("</span>");
    } else if task.due.is_some() || !task.extended.is_empty() {
        // Empty, for static/tasks.js to fill on the reader's day.
        out.raw("<span class=\"days\" data-live-days></span>");
    }
    let in_effect = |&w: &DocId| Since::of(g.documents()[w].date).holds_on(g.today());
    if let Some(w) = task.withdrawn.filter(in_effect) {
        out.raw("<br><span class=\"withdrawn-by\"><span class=\"muted\">")
            .text(t.withdrawn_by)
            .raw("</span> ");
        html::doc_cite(out, g, w, depth);
        out.raw("</span>");
    }
    if let Some(d) = g.done_by_today(id) {
        out.raw("<br><span class=\"muted\">")
            .text(t.done_on)
            .raw(" ")
            .text(&short_date(lang, d))
            .raw("</span>");
    }
    if let Some(d) = task.done_by {
        out.raw("<br><span class=\"muted\">")
            .text(t.done_by)
            .raw("</span> ");
        html::doc_cite(out, g, d, depth);
    }
}

/// The task's progress notes dated on or before the graph's day, newest first (notes of one
/// day in the reverse of their written order), as a small timeline: the date, the text and the
/// document it was reported in. Each note carries `data-date`, from which static/tasks.js hides
/// the notes dated after the reader's day. Nothing when there is none.
pub(super) fn push_progress(out: &mut Html, g: &Graph, id: TaskId, depth: Depth) {
    let mut notes: Vec<&Progress> = g.tasks()[id]
        .progress
        .iter()
        .rev()
        .filter(|n| n.date <= g.today())
        .collect();
    if notes.is_empty() {
        return;
    }
    notes.sort_by_key(|n| std::cmp::Reverse(n.date));
    let lang = g.config().language;
    out.raw("<ol class=\"progress\"")
        .attr("aria-label", i18n::labels(lang).progress_notes)
        .raw(">");
    for n in notes {
        out.raw("<li data-date=\"")
            .display(n.date)
            .raw("\"><time datetime=\"")
            .display(n.date)
            .raw("\">")
            .text(&short_date(lang, n.date))
            .raw("</time> ")
            .text(&n.text);
        if let Some(d) = n.document {
            out.raw(" <span class=\"muted\">(");
            html::doc_cite(out, g, d, depth);
            out.raw(")</span>");
        }
        out.raw("</li>");
    }
    out.raw("</ol>\n");
}

/// "quá hạn 12 ngày" for an overdue task, "còn 5 ngày" for one due soon or recurring.
fn days_line(g: &Graph, id: TaskId) -> Option<String> {
    let task = &g.tasks()[id];
    let lang = g.config().language;
    match task.status {
        Status::Overdue => task.overdue_days.map(|n| i18n::days_overdue(lang, n)),
        Status::DueSoon | Status::Ongoing => {
            let left = (task.due? - g.today()).num_days();
            Some(i18n::days_left(lang, left))
        }
        _ => None,
    }
}

/// The `data-*` attributes from which static/tasks.js judges a task's status on another day,
/// with the same rule as `status::judge`: always `data-due` (its own deadline on the graph's
/// day), `data-recurring` (`1`: recurring or ongoing) and `data-done` (the done date; `0`:
/// done by an undated document); when they apply, `data-ext` (each extension, `SINCE>DUE`
/// apart by spaces: `SINCE` empty from the start, `DUE` `r` when recurring or ongoing),
/// `data-issued` (the document's date) and `data-withdrawn` (the withdrawing document's
/// date; `0`: from the start).
pub(super) fn push_judged_from(out: &mut Html, g: &Graph, id: TaskId) {
    let task = &g.tasks()[id];
    let own = task.own_due;
    out.raw(" data-due=\"")
        .display(Opt(own.and_then(|d| d.on(g.today()))))
        .raw("\" data-recurring=\"")
        .raw(if own.is_some_and(Due::is_open_ended) {
            "1"
        } else {
            ""
        })
        .raw("\"")
        .attr("data-done", done_key(g, id).as_deref().unwrap_or(""));
    if !task.extended.is_empty() {
        out.raw(" data-ext=\"");
        push_extensions(out, task);
        out.raw("\"");
    }
    if let Some(date) = g.documents()[task.document].date {
        out.raw(" data-issued=\"").display(date).raw("\"");
    }
    if let Some(w) = task.withdrawn {
        out.attr("data-withdrawn", &since_key(g.documents()[w].date));
    }
}

/// `data-ext`'s value ([`push_judged_from`]).
fn push_extensions(out: &mut Html, task: &Task) {
    for (i, e) in task.extended.iter().enumerate() {
        if i > 0 {
            out.raw(" ");
        }
        if let Since::Day(d) = e.since {
            out.display(d);
        }
        out.raw(">");
        match e.due {
            Due::On(d) => out.display(d),
            Due::Every(_) | Due::Ongoing => out.raw("r"),
        };
    }
}

/// ` data-tally="…"`: the counts of `tasks` by status over time
/// ([`super::timeline::Steps`]), from which static/tasks.js counts them on the reader's day,
/// for the counts by status of a document's box in the chain diagram and of its line in the
/// chain's lists.
pub(super) fn push_tally(out: &mut Html, g: &Graph, tasks: &[TaskId]) {
    out.raw(" data-tally=\"")
        .display(super::timeline::Steps::of(g, tasks.iter().copied()))
        .raw("\"");
}

/// `data-done`: the done date, `0` when done by an undated document, none when not done.
pub(super) fn done_key(g: &Graph, id: TaskId) -> Option<String> {
    let task = &g.tasks()[id];
    match (g.done_date(id), task.done_by) {
        (Some(d), _) => Some(d.to_string()),
        (None, Some(_)) => Some("0".into()),
        (None, None) => None,
    }
}

fn since_key(date: Option<chrono::NaiveDate>) -> String {
    date.map_or_else(|| "0".into(), |d| d.to_string())
}

/// An optional value, or nothing.
pub(super) struct Opt<T>(pub(super) Option<T>);

impl<T: std::fmt::Display> std::fmt::Display for Opt<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(v) => v.fmt(f),
            None => Ok(()),
        }
    }
}
