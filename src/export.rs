//! Machine-readable outputs, exactly as the contract names them: `data.json` (the whole
//! graph), `tasks.csv` (UTF-8 with BOM for Excel) and iCalendar files of deadlines.

use std::borrow::Cow;

use icalendar::{Calendar, Component, Event, EventLike};
use serde::Serialize;

use crate::graph::Graph;
use crate::model::{Party, TaskId};
use crate::render::views::{paths, task_url};

#[derive(Serialize)]
struct Data<'a> {
    today: String,
    documents: Vec<DocumentData<'a>>,
    bodies: Vec<BodyData<'a>>,
    groups: Vec<GroupData<'a>>,
    tasks: AllTasks<'a>,
}

/// The tasks of `data.json`, each made as it is written (held all at once, they were tens of
/// megabytes at 10,000 documents). Gives up with an error once `stopped` says so.
struct AllTasks<'a> {
    g: &'a Graph,
    stopped: &'a dyn Fn() -> bool,
}

impl Serialize for AllTasks<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.g.tasks.len()))?;
        for t in 0..self.g.tasks.len() {
            if t % STOP_EVERY == 0 && (self.stopped)() {
                return Err(S::Error::custom("stopped"));
            }
            seq.serialize_element(&task_data(self.g, t))?;
        }
        seq.end()
    }
}

/// How many tasks the exports write between two looks at whether to give up: `serve` stops
/// them when a newer save waits (at 10,000 documents `data.json` takes ~50 ms whole).
const STOP_EVERY: usize = 256;

#[derive(Serialize)]
struct DocumentData<'a> {
    id: &'a str,
    kind: &'a str,
    title: &'a str,
    issuer: Option<&'a str>,
    date: Option<String>,
    implements: Vec<&'a str>,
    copy_of: Option<&'a str>,
    follows: Vec<&'a str>,
    references: Vec<&'a str>,
    recipients: Vec<&'a str>,
    has_text: bool,
    url: String,
}

#[derive(Serialize)]
struct BodyData<'a> {
    id: &'a str,
    name: &'a str,
    aliases: &'a [String],
    parent: Option<&'a str>,
    level: Option<&'a str>,
    until: Option<String>,
    successor: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct GroupData<'a> {
    id: &'a str,
    name: &'a str,
    members: Vec<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct TaskData<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    document: &'a str,
    id: &'a str,
    text: &'a str,
    lead: Option<&'a str>,
    support: Vec<&'a str>,
    due: Option<String>,
    due_text: Option<&'a str>,
    due_note: Option<&'a str>,
    status: &'static str,
    implements: Option<&'a str>,
    done: Option<String>,
    done_by: Option<&'a str>,
    needs_new_lead: bool,
    url: String,
}

fn task_data(g: &Graph, t: TaskId) -> TaskData<'_> {
    let task = &g.tasks[t];
    TaskData {
        reference: &task.reference,
        document: &g.documents[task.document].id,
        id: &task.id,
        text: &task.text,
        lead: task.lead.map(|p| g.registry.id(p)),
        support: task.support.iter().map(|&p| g.registry.id(p)).collect(),
        due: task.due.map(|d| d.to_string()),
        due_text: task.due_text.as_deref(),
        due_note: task.due_note.as_deref(),
        status: task.status.as_str(),
        implements: task.implements.map(|p| g.tasks[p].reference.as_ref()),
        done: g.done_date(t).map(|d| d.to_string()),
        done_by: task.done_by.map(|d| g.documents[d].id.as_str()),
        needs_new_lead: task.ceased_lead.is_some(),
        url: task_url(g, t),
    }
}

/// `data.json`: documents, bodies, groups and tasks with resolved ids and relative urls.
/// `None` when `stopped` said to give up midway.
pub fn data_json(g: &Graph, stopped: &dyn Fn() -> bool) -> Option<Vec<u8>> {
    let ids =
        |ds: &[usize]| -> Vec<&str> { ds.iter().map(|&d| g.documents[d].id.as_str()).collect() };
    let data = Data {
        today: g.today.to_string(),
        documents: g
            .documents
            .iter()
            .map(|d| DocumentData {
                id: &d.id,
                kind: &d.kind,
                title: &d.title,
                issuer: d.issuer.map(|p| g.registry.id(p)),
                date: d.date.map(|x| x.to_string()),
                implements: ids(&d.implements),
                copy_of: d.copy_of.map(|o| g.documents[o].id.as_str()),
                follows: ids(&d.follows),
                references: ids(&d.references),
                recipients: d.recipients.iter().map(|&p| g.registry.id(p)).collect(),
                has_text: d.has_text,
                url: paths::document(&d.slug),
            })
            .collect(),
        bodies: g
            .registry
            .bodies
            .iter()
            .map(|b| BodyData {
                id: &b.id,
                name: &b.name,
                aliases: &b.aliases,
                parent: b.parent.map(|p| g.registry.bodies[p].id.as_str()),
                level: b.level.as_deref(),
                until: b.until.map(|d| d.to_string()),
                successor: b.successor.map(|s| g.registry.bodies[s].id.as_str()),
                url: paths::party(&b.slug),
            })
            .collect(),
        groups: g
            .registry
            .groups
            .iter()
            .map(|gr| GroupData {
                id: &gr.id,
                name: &gr.name,
                members: gr
                    .members
                    .iter()
                    .map(|&m| g.registry.bodies[m].id.as_str())
                    .collect(),
                url: paths::party(&gr.slug),
            })
            .collect(),
        tasks: AllTasks { g, stopped },
    };
    // About what a task and a document take in it, so the buffer seldom grows (and copies).
    let mut out = Vec::with_capacity(620 * g.tasks.len() + 310 * g.documents.len() + 4096);
    // Compact, for tools: indented, it took 22.8 MB instead of 17.6 at 10,000 documents, and
    // longer to write and to read. Writing into memory fails only when stopped.
    serde_json::to_writer(&mut out, &data).ok()?;
    out.push(b'\n');
    Some(out)
}

/// `tasks.csv`: one row per task, the columns of data.json's tasks, UTF-8 with a BOM.
/// `None` when `stopped` said to give up midway.
pub fn csv(g: &Graph, stopped: &dyn Fn() -> bool) -> Option<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = w.write_record([
        "ref",
        "document",
        "text",
        "lead",
        "support",
        "due",
        "due_text",
        "due_note",
        "status",
        "implements",
        "done",
        "done_by",
        "url",
    ]);
    for t in 0..g.tasks.len() {
        if t % STOP_EVERY == 0 && stopped() {
            return None;
        }
        let d = task_data(g, t);
        let support = d.support.join("; ");
        let cells = [
            d.reference,
            d.document,
            d.text,
            d.lead.unwrap_or(""),
            &support,
            d.due.as_deref().unwrap_or(""),
            d.due_text.unwrap_or(""),
            d.due_note.unwrap_or(""),
            d.status,
            d.implements.unwrap_or(""),
            d.done.as_deref().unwrap_or(""),
            d.done_by.unwrap_or(""),
            &d.url,
        ]
        .map(inert_cell);
        let _ = w.write_record(cells.iter().map(|c| c.as_bytes()));
    }
    Some(w.into_inner().unwrap_or_default())
}

/// A CSV cell that a spreadsheet takes as written: one starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be read as a formula (CSV injection, CWE-1236), so it gets
/// a leading `'`, as OWASP recommends.
fn inert_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

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

/// A task's all-day event on its due date, as icalendar writes it (`BEGIN:VEVENT` to
/// `END:VEVENT`, lines folded); `None` when it has no due date.
pub fn event(g: &Graph, t: TaskId) -> Option<String> {
    let task = &g.tasks[t];
    let due = task.due?;
    let stamp = g.today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let lead = task.lead.map(|p| g.registry.name(p)).unwrap_or("");
    let support: Vec<&str> = task
        .support
        .iter()
        .map(|&p: &Party| g.registry.name(p))
        .collect();
    let mut description = format!("{}\n{}: {}", task.text, lead_label(g), lead);
    if !support.is_empty() {
        description.push_str(&format!("\n+ {}", support.join(", ")));
    }
    if let Some(text) = &task.due_text {
        description.push_str(&format!("\n{text}"));
    }
    description.push_str(&format!("\n[{}]", task.status.as_str()));
    Event::new()
        .uid(&format!("{}@chidao", crate::text::slug(&task.reference)))
        .timestamp(stamp)
        .summary(&format!(
            "{} — {}",
            task.reference,
            truncate(&task.text, 80)
        ))
        .description(&description)
        .all_day(due)
        .done()
        .try_into_string()
        .ok()
}

fn lead_label(g: &Graph) -> &'static str {
    crate::i18n::labels(g.config.language).lead
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::render::chain::tests::{doc, graph};

    /// A graph of 3 documents of 300 tasks each: more than `STOP_EVERY` tasks.
    fn big() -> Graph {
        graph(&[
            doc("1-KH/TW", &[], None, 300),
            doc("2-KH/TW", &["1-KH/TW"], None, 300),
            doc("3-KH/TW", &["1-KH/TW"], None, 300),
        ])
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_get_a_leading_quote() {
        for (cell, written) in [
            ("=1+2", "'=1+2"),
            ("+84 912", "'+84 912"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("a=1", "a=1"),
            ("", ""),
            ("'=1", "'=1"),
            ("Sở Nội vụ", "Sở Nội vụ"),
        ] {
            assert_eq!(inert_cell(cell), written, "{cell:?}");
        }
    }

    #[test]
    fn exports_give_up_midway_when_stopped_and_are_whole_otherwise() {
        let g = big();
        let json = data_json(&g, &|| false).expect("not stopped");
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(v["tasks"].as_array().unwrap().len(), 900);
        let csv_bytes = csv(&g, &|| false).expect("not stopped");
        assert_eq!(
            csv_bytes
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .count(),
            901
        );

        // Stopped after the first look: each gives up at the next one, not at the end.
        for export in [data_json, csv] {
            let looks = Cell::new(0);
            let stopped = || {
                looks.set(looks.get() + 1);
                looks.get() > 1
            };
            assert!(export(&g, &stopped).is_none());
            assert_eq!(looks.get(), 2);
        }
    }
}
