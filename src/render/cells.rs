//! What a task's row says of its deadline and status, written in Rust with the rows
//! (`rows.rs`): the deadline in force with the original and every extension beside it
//! ("30/6/2024, gia hạn đến 31/12/2024 theo Công văn số 12-CV/UBND"), the status with the days
//! overdue or left and the document that withdrew the task (documents named as a sentence
//! names them, `html::doc_cite`); and the one `data-t` attribute from which `static/tasks.js`
//! judges the status again on the reader's day, with the same rule as `status::judge`, and
//! filters a row.

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
    out.text(text);
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
    // static/tasks.js writes it on the reader's day (and adds it where the build had none).
    if let Some(days) = days_line(g, id) {
        out.raw("<br><span class=\"days\">")
            .text(&days)
            .raw("</span>");
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
    out.raw("</ol>");
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

/// ` data-t="…"`: what static/tasks.js judges a task's status from on another day, with the
/// same rule as `status::judge`, in one attribute of space-separated tokens, each a letter
/// and its value, a token only when it applies: `d` its own deadline on the graph's day, `r`
/// recurring or ongoing, `c` the done date (`c0`: done by an undated document), `x` an
/// extension, one token each in order, `SINCE>DUE` (`SINCE` empty from the start, `DUE` `r`
/// when recurring or ongoing), `i` the document's date, `w` the withdrawing document's date
/// (`w0`: from the start); on a row, `filters` adds what its filters read: `l` the folded
/// level and `b` a party's key, one token each ([`Filtered`]). tasks.js unpacks
/// them into `data-due`, `data-recurring`, `data-done`, `data-ext`, `data-issued`,
/// `data-withdrawn`, `data-level` and `data-bodies`, and works out a row's `data-year` (the
/// year of the deadline in force on the build's day, when fixed).
pub(super) fn push_judged_from(out: &mut Html, g: &Graph, id: TaskId, filters: Option<Filtered>) {
    let task = &g.tasks()[id];
    // Its document's date and the withdrawing one's are written, if not shown.
    super::reads::document(task.document);
    task.withdrawn.into_iter().for_each(super::reads::document);
    let own = task.own_due;
    let mut t = Tokens(out, false);
    t.0.raw(" data-t=\"");
    if let Some(d) = own.and_then(|d| d.on(g.today())) {
        t.next().raw("d").display(d);
    }
    if own.is_some_and(Due::is_open_ended) {
        t.next().raw("r");
    }
    if let Some(done) = done_key(g, id) {
        t.next().raw("c").text(&done);
    }
    push_extensions(&mut t, task);
    if let Some(date) = g.documents()[task.document].date {
        t.next().raw("i").display(date);
    }
    if let Some(w) = task.withdrawn {
        t.next().raw("w").text(&since_key(g.documents()[w].date));
    }
    if let Some(data) = filters {
        if let Some(level) = data.level {
            t.next().raw("l").text(level);
        }
        for key in data.bodies.split_whitespace() {
            t.next().raw("b").text(key);
        }
    }
    t.0.raw("\"");
}

/// What a row's filters read, for `data-t`: the issuer's folded level
/// (`filters::task_level`) and the parties' keys (`filters::task_bodies`).
pub(super) struct Filtered<'a> {
    /// The folded level of the issuer of the task's document.
    pub level: Option<&'a str>,
    /// The keys of the parties the task concerns, space-separated.
    pub bodies: &'a str,
}

/// Tokens of `data-t`, written one after another with a space between.
struct Tokens<'a>(&'a mut Html, bool);

impl Tokens<'_> {
    /// The fragment, after a space when a token came before.
    fn next(&mut self) -> &mut Html {
        if self.1 {
            self.0.raw(" ");
        }
        self.1 = true;
        self.0
    }
}

/// The `x` tokens of `data-t` ([`push_judged_from`]).
fn push_extensions(t: &mut Tokens, task: &Task) {
    for e in &task.extended {
        let out = t.next().raw("x");
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

/// The done date (`c` of `data-t`), `0` when done by an undated document, none when not done.
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
