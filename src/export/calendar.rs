//! The deadlines as iCalendar files (`tasks.ics` for the site, `co-quan/SLUG.ics` for a
//! party): one all-day event per task on its deadline in force, in the site's language.
//!
//! Each fact of a task is written once in its event: the summary names the task and holds
//! its text (cut at [`SUMMARY_CHARS`], the whole text then opening the description); the
//! description gives the lead and support, what the deadline says besides its day (its own
//! words, extensions, note: [`super::deadline_notes`]) and the status as of the build's day.
//! The event has no end: an all-day event without one lasts its day (RFC 5545, 3.6.1).

use icalendar::{Calendar, Component, Event, EventLike};

use crate::graph::Graph;
use crate::layout::task_name;
use crate::model::TaskId;
use crate::status::Status;

/// The most characters of a task's text an event's summary holds (Outlook keeps 255 in all).
const SUMMARY_CHARS: usize = 160;

/// An iCalendar file named `name` holding `events`: one all-day event per task that has a
/// due date ([`event`]). A task's event is the same in every calendar that lists it, so a
/// build writes it once.
pub fn calendar<'e>(name: &str, events: impl IntoIterator<Item = &'e str>) -> Vec<u8> {
    let mut cal = Calendar::new();
    cal.name(name);
    let whole = cal.done().to_string();
    let (head, tail) = whole.split_at(whole.rfind(CALENDAR_END).unwrap_or(whole.len()));
    let events: Vec<&str> = events.into_iter().collect();
    let size = head.len() + events.iter().map(|e| e.len()).sum::<usize>() + tail.len();
    let mut out = String::with_capacity(size);
    out.push_str(head);
    for e in events {
        out.push_str(e);
    }
    out.push_str(tail);
    out.into_bytes()
}

const CALENDAR_END: &str = "END:VCALENDAR\r\n";

/// A task's all-day event on the deadline in force, as icalendar writes it (`BEGIN:VEVENT`
/// to `END:VEVENT`, lines folded); `None` when it has no due date, or was withdrawn or not
/// yet issued.
pub fn event(g: &Graph, t: TaskId) -> Option<String> {
    let task = &g.tasks()[t];
    if matches!(task.status, Status::Withdrawn | Status::NotIssued) {
        return None;
    }
    let due = task.due?;
    let stamp = g.today().and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let (summary, whole) = cut(&task.text, SUMMARY_CHARS);
    Event::new()
        .uid(&format!("{}@chidao", crate::text::slug(&task.reference)))
        .timestamp(stamp)
        .summary(&format!("{} — {summary}", task_name(g, t)))
        .description(&description(g, t, !whole))
        .starts(due)
        .done()
        .try_into_string()
        .ok()
}

/// An event's description: the task's text when the summary could not hold it whole, then
/// its lead, support, deadline notes and status, a line each.
fn description(g: &Graph, t: TaskId, with_text: bool) -> String {
    let task = &g.tasks()[t];
    let lang = g.config().language;
    let words = crate::i18n::labels(lang);
    let mut lines: Vec<String> = Vec::with_capacity(5);
    if with_text {
        lines.push(task.text.to_string());
    }
    let lead = task.lead.map_or("", |p| g.registry().name(p));
    lines.push(format!("{}: {lead}", words.lead));
    if !task.support.is_empty() {
        let support: Vec<&str> = task.support.iter().map(|&p| g.registry().name(p)).collect();
        lines.push(format!("{}: {}", words.support, support.join(", ")));
    }
    let notes = super::deadline_notes(g, t);
    if !notes.is_empty() {
        lines.push(format!("{}: {notes}", words.deadline));
    }
    lines.push(format!(
        "{} {}: {}",
        words.status_as_of,
        crate::i18n::short_date(lang, g.today()),
        crate::i18n::status_label(lang, task.status)
    ));
    lines.join("\n")
}

/// The first `n` characters of `s` and "…" when it is longer (then `false`), else `s` whole.
fn cut(s: &str, n: usize) -> (String, bool) {
    match s.char_indices().nth(n) {
        Some((i, _)) => (format!("{}…", &s[..i]), false),
        None => (s.to_string(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_cut_on_a_character() {
        assert_eq!(cut("bồi dưỡng", 3), ("bồi…".to_string(), false));
        assert_eq!(cut("bồi", 3), ("bồi".to_string(), true));
    }
}
