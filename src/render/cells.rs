//! What a task's row says of its deadline and status, written in Rust with the rows
//! (`rows.rs`): the deadline in force with the original and every extension beside it
//! ("30/6/2024, gia hạn đến 31/12/2024 theo Công văn số 12-CV/UBND"), the status with the days
//! overdue or left and the document that withdrew the task (documents named as a sentence
//! names them, `html::doc_cite`); and the `data-*` attributes from which `static/tasks.js`
//! judges the status again on the reader's day, with the same rule as `status::judge`.

use crate::layout::Depth;
use std::fmt::Write as _;

use super::html::{self, push_escaped};
use crate::deadline::Due;
use crate::graph::Graph;
use crate::i18n::{self, short_date};
use crate::model::{DocId, Progress, TaskId};
use crate::status::{Since, Status};

/// The deadline cell's text: the task's own deadline (or "chưa có thời hạn"), each extension
/// in effect on the graph's day after it, linked to the document that granted it; then the
/// `due_note`.
pub(super) fn push_deadline(out: &mut String, g: &Graph, id: TaskId, depth: Depth) {
    let (task, lang) = (&g.tasks[id], g.config.language);
    let t = i18n::labels(lang);
    match task.due_text.as_deref() {
        Some(text) => push_due(out, g, text, task.own_due),
        None => {
            out.push_str("<span class=\"muted\">");
            push_escaped(out, t.no_deadline);
            out.push_str("</span>");
        }
    }
    for e in task.extended.iter().filter(|e| e.since.holds_on(g.today)) {
        out.push_str(", <span class=\"extended\">");
        push_escaped(out, t.extended_to);
        out.push(' ');
        push_due(out, g, &e.due_text, Some(e.due));
        out.push(' ');
        push_escaped(out, t.by_document);
        out.push(' ');
        html::doc_cite(out, g, e.by, depth);
        out.push_str("</span>");
    }
    if let Some(note) = task.due_note.as_deref() {
        out.push_str("<br><span class=\"due-note\">");
        push_escaped(out, note);
        out.push_str("</span>");
    }
}

/// A deadline as written, with the day it resolves to on the graph's day when that reads
/// otherwise ("hằng quý (31/3/2025)").
fn push_due(out: &mut String, g: &Graph, text: &str, due: Option<Due>) {
    out.push_str("<span class=\"due-text\">");
    push_escaped(out, text);
    out.push_str("</span>");
    if let Some(d) = due.and_then(|d| d.on(g.today)) {
        let d = short_date(g.config.language, d);
        if d != text {
            out.push_str(" <span class=\"muted\">(");
            push_escaped(out, &d);
            out.push_str(")</span>");
        }
    }
}

/// The status cell's text after the badge: how many days overdue or left, the document that
/// withdrew the task, when and by what it was done.
pub(super) fn push_status_notes(out: &mut String, g: &Graph, id: TaskId, depth: Depth) {
    let (task, lang) = (&g.tasks[id], g.config.language);
    let t = i18n::labels(lang);
    if let Some(days) = days_line(g, id) {
        out.push_str("<br><span class=\"days\" data-live-days>");
        push_escaped(out, &days);
        out.push_str("</span>");
    } else if task.due.is_some() || !task.extended.is_empty() {
        // Empty, for static/tasks.js to fill on the reader's day.
        out.push_str("<span class=\"days\" data-live-days></span>");
    }
    let in_effect = |&w: &DocId| Since::of(g.documents[w].date).holds_on(g.today);
    if let Some(w) = task.withdrawn.filter(in_effect) {
        out.push_str("<br><span class=\"withdrawn-by\"><span class=\"muted\">");
        push_escaped(out, t.withdrawn_by);
        out.push_str("</span> ");
        html::doc_cite(out, g, w, depth);
        out.push_str("</span>");
    }
    if let Some(d) = g.done_by_today(id) {
        out.push_str("<br><span class=\"muted\">");
        push_escaped(out, t.done_on);
        out.push(' ');
        push_escaped(out, &short_date(lang, d));
        out.push_str("</span>");
    }
    if let Some(d) = task.done_by {
        out.push_str("<br><span class=\"muted\">");
        push_escaped(out, t.done_by);
        out.push_str("</span> ");
        html::doc_cite(out, g, d, depth);
    }
}

/// The task's progress notes dated on or before the graph's day, newest first (notes of one
/// day in the reverse of their written order), as a small timeline: the date, the text and the
/// document it was reported in. Each note carries `data-date`, from which static/tasks.js hides
/// the notes dated after the reader's day. Nothing when there is none.
pub(super) fn push_progress(out: &mut String, g: &Graph, id: TaskId, depth: Depth) {
    let mut notes: Vec<&Progress> = g.tasks[id]
        .progress
        .iter()
        .rev()
        .filter(|n| n.date <= g.today)
        .collect();
    if notes.is_empty() {
        return;
    }
    notes.sort_by_key(|n| std::cmp::Reverse(n.date));
    let lang = g.config.language;
    out.push_str("<ol class=\"progress\" aria-label=\"");
    push_escaped(out, i18n::labels(lang).progress_notes);
    out.push_str("\">");
    for n in notes {
        let _ = write!(out, "<li data-date=\"{0}\"><time datetime=\"{0}\">", n.date);
        push_escaped(out, &short_date(lang, n.date));
        out.push_str("</time> ");
        push_escaped(out, &n.text);
        if let Some(d) = n.document {
            out.push_str(" <span class=\"muted\">(");
            html::doc_cite(out, g, d, depth);
            out.push_str(")</span>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>\n");
}

/// "quá hạn 12 ngày" for an overdue task, "còn 5 ngày" for one due soon or recurring.
fn days_line(g: &Graph, id: TaskId) -> Option<String> {
    let task = &g.tasks[id];
    let lang = g.config.language;
    match task.status {
        Status::Overdue => task.overdue_days.map(|n| i18n::days_overdue(lang, n)),
        Status::DueSoon | Status::Ongoing => {
            let left = (task.due? - g.today).num_days();
            Some(i18n::days_left(lang, left))
        }
        _ => None,
    }
}

/// What static/tasks.js judges a task's status from on another day, each as an attribute's
/// value (empty when it does not apply).
struct JudgedFrom {
    /// Its own deadline on the graph's day.
    due: String,
    /// `1`: recurring or ongoing.
    recurring: &'static str,
    /// The done date; `0`: done by an undated document.
    done: String,
    /// Each extension, `SINCE>DUE` apart by spaces: `SINCE` empty from the start, `DUE` `r`
    /// when recurring or ongoing.
    ext: String,
    /// The document's date.
    issued: String,
    /// The withdrawing document's date; `0`: from the start.
    withdrawn: String,
}

fn judged_from(g: &Graph, id: TaskId) -> JudgedFrom {
    let task = &g.tasks[id];
    let own = task.own_due;
    let mut ext = String::new();
    for (i, e) in task.extended.iter().enumerate() {
        if i > 0 {
            ext.push(' ');
        }
        if let Since::Day(d) = e.since {
            let _ = write!(ext, "{d}");
        }
        ext.push('>');
        match e.due {
            Due::On(d) => {
                let _ = write!(ext, "{d}");
            }
            Due::Every(_) | Due::Ongoing => ext.push('r'),
        }
    }
    JudgedFrom {
        due: Opt(own.and_then(|d| d.on(g.today))).to_string(),
        recurring: if own.is_some_and(Due::is_open_ended) {
            "1"
        } else {
            ""
        },
        done: done_key(g, id).unwrap_or_default(),
        ext,
        issued: Opt(g.documents[task.document].date).to_string(),
        withdrawn: task
            .withdrawn
            .map(|w| since_key(g.documents[w].date))
            .unwrap_or_default(),
    }
}

/// The `data-*` attributes from which static/tasks.js judges a task's status on another day
/// ([`JudgedFrom`]): `data-due`, `data-recurring` and `data-done` always, `data-ext`,
/// `data-issued` and `data-withdrawn` when they apply.
pub(super) fn push_judged_from(out: &mut String, g: &Graph, id: TaskId) {
    let j = judged_from(g, id);
    let _ = write!(
        out,
        " data-due=\"{}\" data-recurring=\"{}\" data-done=\"{}\"",
        j.due, j.recurring, j.done
    );
    for (name, value) in [
        ("ext", &j.ext),
        ("issued", &j.issued),
        ("withdrawn", &j.withdrawn),
    ] {
        if !value.is_empty() {
            let _ = write!(out, " data-{name}=\"{value}\"");
        }
    }
}

/// ` data-tally="…"`: the counts of `tasks` by status over time
/// ([`super::timeline::Steps`]), from which static/tasks.js counts them on the reader's day,
/// for the counts by status of a document's box in the chain diagram and of its line in the
/// chain's lists.
pub(super) fn push_tally(out: &mut String, g: &Graph, tasks: &[TaskId]) {
    out.push_str(" data-tally=\"");
    super::timeline::Steps::of(g, tasks.iter().copied()).write(out);
    out.push('"');
}

/// `data-done`: the done date, `0` when done by an undated document, none when not done.
pub(super) fn done_key(g: &Graph, id: TaskId) -> Option<String> {
    let task = &g.tasks[id];
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
