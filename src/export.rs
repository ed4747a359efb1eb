//! Machine-readable outputs, exactly as the contract names them: `data.json` (the whole
//! graph) and `tasks.csv` (UTF-8 with BOM, for tools); the deadlines as iCalendar files
//! (`calendar.rs`); and for people, the tasks as an Excel workbook (`workbook.rs`). What a
//! task's deadline says besides its date is written once, here, for the last two.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::graph::Graph;
use crate::layout::{paths, task_url};
use crate::model::{DocId, TaskId};
use crate::stats::{Counts, Stats};

mod calendar;
mod workbook;

pub use calendar::{calendar, event};
pub use workbook::workbook;

/// An extension in the exports' words: "gia hạn đến 31/12/2024 theo Công văn số 12-CV/UBND"
/// (the calendar's event and the workbook's deadline notes).
fn extension_note(g: &Graph, e: &crate::model::Extension) -> String {
    let t = crate::i18n::labels(g.config().language);
    format!(
        "{} {} {} {}",
        t.extended_to,
        e.due_text,
        t.by_document,
        crate::layout::doc_cited(g, e.by)
    )
}

/// What a task's deadline says besides the date in force: its own words when they are not a
/// plain date ("hằng năm", "quý IV/2014"), the original and each extension in effect ("30/6/2024,
/// gia hạn đến 31/12/2024 theo Công văn số 12-CV/UBND"), and its note, on a line of its own.
fn deadline_notes(g: &Graph, t: TaskId) -> String {
    let task = &g.tasks()[t];
    let extensions: Vec<_> = task
        .extended
        .iter()
        .filter(|e| e.since.holds_on(g.today()))
        .collect();
    let mut out = String::new();
    if let Some(own) = task.due_text.as_deref() {
        let plain = task.due.is_some_and(|d| reads_as(own, d));
        if !plain || !extensions.is_empty() {
            out.push_str(own);
        }
    }
    for e in extensions {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&extension_note(g, e));
    }
    if let Some(note) = task.due_note.as_deref() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(note);
    }
    out
}

/// Whether a deadline as written is day `d` written as a date ("31/12/2024", "1/2/2025",
/// "01/02/2025", "2025-02-01"), so that the date (a workbook's column, an event's day) says all
/// of it.
fn reads_as(written: &str, d: NaiveDate) -> bool {
    let w = written.trim();
    let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    match numbers.as_deref() {
        Some([y, m, day]) if parts[0].len() == 4 => {
            (*y, *m, *day) == (d.year() as u32, d.month(), d.day())
        }
        Some([day, m, y]) => (*y, *m, *day) == (d.year() as u32, d.month(), d.day()),
        _ => false,
    }
}

#[derive(Serialize)]
struct Data<'a> {
    today: String,
    documents: Vec<DocumentData<'a>>,
    bodies: Vec<BodyData<'a>>,
    groups: Vec<GroupData<'a>>,
    tasks: AllTasks<'a>,
    stats: Vec<StatsData<'a>>,
}

/// One entry of `stats`: a party (or `"site"`), its counts and on-time rate as of today.
#[derive(Serialize)]
struct StatsData<'a> {
    party: &'a str,
    #[serde(flatten)]
    counts: Counts,
    on_time_rate: Option<f64>,
}

/// `stats`: the site's, then each body's and each group's.
fn stats_data<'a>(g: &'a Graph, s: &Stats) -> Vec<StatsData<'a>> {
    let entry = |party, counts: Counts| StatsData {
        party,
        counts,
        on_time_rate: counts.on_time_rate(),
    };
    let bodies = g.registry().bodies.iter().zip(s.bodies.iter().copied());
    let groups = g.registry().groups.iter().zip(s.groups.iter().copied());
    std::iter::once(entry("site", s.site))
        .chain(bodies.map(|(b, c)| entry(&b.id, c)))
        .chain(groups.map(|(gr, c)| entry(&gr.id, c)))
        .collect()
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
        let mut seq = s.serialize_seq(Some(self.g.tasks().len()))?;
        for t in self.g.tasks().ids() {
            if t.index() % STOP_EVERY == 0 && (self.stopped)() {
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
    number: &'a str,
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
    due_original: Option<String>,
    due_note: Option<&'a str>,
    extended: Vec<ExtensionData<'a>>,
    withdrawn: Option<&'a str>,
    status: &'static str,
    overdue_days: Option<i64>,
    implements: Option<&'a str>,
    done: Option<String>,
    done_by: Option<&'a str>,
    progress: Vec<ProgressData<'a>>,
    needs_new_lead: bool,
    url: String,
}

/// An extension in effect on today.
#[derive(Serialize)]
struct ExtensionData<'a> {
    due: Option<String>,
    due_text: &'a str,
    by: &'a str,
}

/// A progress note dated on or before today.
#[derive(Serialize)]
struct ProgressData<'a> {
    date: String,
    text: &'a str,
}

fn task_data(g: &Graph, t: TaskId) -> TaskData<'_> {
    let task = &g.tasks()[t];
    let today = g.today();
    let doc_id = |d: DocId| g.documents()[d].id.as_str();
    let extended = task
        .extended
        .iter()
        .filter(|e| e.since.holds_on(today))
        .map(|e| ExtensionData {
            due: e.due.on(today).map(|d| d.to_string()),
            due_text: &e.due_text,
            by: doc_id(e.by),
        })
        .collect();
    let mut progress: Vec<&crate::model::Progress> =
        task.progress.iter().filter(|p| p.date <= today).collect();
    progress.sort_by_key(|p| p.date);
    TaskData {
        reference: &task.reference,
        document: doc_id(task.document),
        id: &task.id,
        text: &task.text,
        lead: task.lead.map(|p| g.registry().id(p)),
        support: task.support.iter().map(|&p| g.registry().id(p)).collect(),
        due: task.due.map(|d| d.to_string()),
        due_text: task.due_text.as_deref(),
        due_original: task
            .own_due
            .and_then(|d| d.on(today))
            .map(|d| d.to_string()),
        due_note: task.due_note.as_deref(),
        extended,
        withdrawn: task
            .withdrawn
            .filter(|&w| g.documents()[w].date.is_none_or(|d| d <= today))
            .map(doc_id),
        status: task.status.as_str(),
        overdue_days: task.overdue_days,
        implements: task.implements.map(|p| g.tasks()[p].reference.as_ref()),
        done: g
            .done_date(t)
            .filter(|&d| d <= today)
            .map(|d| d.to_string()),
        done_by: task.done_by.map(doc_id),
        progress: progress
            .into_iter()
            .map(|p| ProgressData {
                date: p.date.to_string(),
                text: &p.text,
            })
            .collect(),
        needs_new_lead: task.ceased_lead.is_some(),
        url: task_url(g, t),
    }
}

/// `data.json`: documents, bodies, groups and tasks with resolved ids and relative urls, and
/// `stats`, the counts `s` of the graph's tasks (`stats::count` on their statuses; the render
/// counts them once, `Rows::stats`). `None` when `stopped` said to give up midway.
pub fn data_json(g: &Graph, s: &Stats, stopped: &dyn Fn() -> bool) -> Option<Vec<u8>> {
    let ids =
        |ds: &[DocId]| -> Vec<&str> { ds.iter().map(|&d| g.documents()[d].id.as_str()).collect() };
    let data = Data {
        today: g.today().to_string(),
        documents: g
            .documents()
            .iter()
            .map(|d| DocumentData {
                id: &d.id,
                number: &d.number,
                kind: &d.kind,
                title: &d.title,
                issuer: d.issuer.map(|p| g.registry().id(p)),
                date: d.date.map(|x| x.to_string()),
                implements: ids(&d.implements),
                copy_of: d.copy_of.map(|o| g.documents()[o].id.as_str()),
                follows: ids(&d.follows),
                references: ids(&d.references),
                recipients: d.recipients.iter().map(|&p| g.registry().id(p)).collect(),
                has_text: d.has_text,
                url: paths::document(&d.slug),
            })
            .collect(),
        bodies: g
            .registry()
            .bodies
            .iter()
            .map(|b| BodyData {
                id: &b.id,
                name: &b.name,
                aliases: &b.aliases,
                parent: b.parent.map(|p| g.registry().bodies[p].id.as_str()),
                level: b.level.as_deref(),
                until: b.until.map(|d| d.to_string()),
                successor: b.successor.map(|s| g.registry().bodies[s].id.as_str()),
                url: paths::party(&b.slug),
            })
            .collect(),
        groups: g
            .registry()
            .groups
            .iter()
            .map(|gr| GroupData {
                id: &gr.id,
                name: &gr.name,
                members: gr
                    .members
                    .iter()
                    .map(|&m| g.registry().bodies[m].id.as_str())
                    .collect(),
                url: paths::party(&gr.slug),
            })
            .collect(),
        tasks: AllTasks { g, stopped },
        stats: stats_data(g, s),
    };
    let mut out = Vec::with_capacity(data_json_room(g));
    // Compact, for tools: indented, it took 22.8 MB instead of 17.6 at 10,000 documents, and
    // longer to write and to read. Writing into memory fails only when stopped.
    serde_json::to_writer(&mut out, &data).ok()?;
    out.push(b'\n');
    Some(out)
}

/// Room for the whole of `data.json`, so that its buffer never grows: growing copies it into
/// a buffer twice the size, both held meanwhile (at 10,000 documents of long texts, 34 MB
/// outgrew an estimate of 32 MB and held 96 MB at once). Twice what the tasks' and documents'
/// texts and fields take on a big site: room never written is never made resident.
fn data_json_room(g: &Graph) -> usize {
    let task = |t: &crate::model::Task| {
        let progress: usize = t.progress.iter().map(|p| p.text.len()).sum();
        640 + t.text.len() + progress
    };
    let tasks: usize = g.tasks().iter().map(task).sum();
    let documents: usize = g.documents().iter().map(|d| 640 + d.title.len()).sum();
    2 * (tasks + documents) + 64 * 1024
}

/// `tasks.csv`: one row per task, the columns of data.json's tasks, UTF-8 with a BOM.
/// `None` when `stopped` said to give up midway.
pub fn csv(g: &Graph, stopped: &dyn Fn() -> bool) -> Option<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = w.write_record(CSV_COLUMNS);
    for t in g.tasks().ids() {
        if t.index() % STOP_EVERY == 0 && stopped() {
            return None;
        }
        let cells = csv_cells(&task_data(g, t));
        let cells = cells.iter().map(|c| inert_cell(c));
        let _ = w.write_record(cells.collect::<Vec<_>>().iter().map(|c| c.as_bytes()));
    }
    Some(w.into_inner().unwrap_or_default())
}

/// The columns of `tasks.csv`: those of data.json's tasks.
const CSV_COLUMNS: [&str; 19] = [
    "ref",
    "document",
    "text",
    "lead",
    "support",
    "due",
    "due_text",
    "due_original",
    "due_note",
    "extended",
    "withdrawn",
    "status",
    "overdue_days",
    "implements",
    "done",
    "done_by",
    "progress",
    "needs_new_lead",
    "url",
];

/// A task's row of `tasks.csv`: lists joined with "; " (support), each extension written
/// "31/12/2024 (12-CV/UBND)"; progress notes one per line, "2024-03-15: text".
fn csv_cells(d: &TaskData) -> [String; 19] {
    let opt = |v: Option<&str>| v.unwrap_or("").to_string();
    let extended: Vec<String> = d
        .extended
        .iter()
        .map(|e| format!("{} ({})", e.due_text, e.by))
        .collect();
    let progress: Vec<String> = d
        .progress
        .iter()
        .map(|p| format!("{}: {}", p.date, p.text))
        .collect();
    [
        d.reference.to_string(),
        d.document.to_string(),
        d.text.to_string(),
        opt(d.lead),
        d.support.join("; "),
        opt(d.due.as_deref()),
        opt(d.due_text),
        opt(d.due_original.as_deref()),
        opt(d.due_note),
        extended.join("; "),
        opt(d.withdrawn),
        d.status.to_string(),
        d.overdue_days.map_or_else(String::new, |n| n.to_string()),
        opt(d.implements),
        opt(d.done.as_deref()),
        opt(d.done_by),
        progress.join("\n"),
        if d.needs_new_lead { "true" } else { "false" }.to_string(),
        d.url.clone(),
    ]
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
    fn a_deadline_written_as_its_own_date_needs_no_note() {
        let d = NaiveDate::from_ymd_opt(2025, 2, 1).unwrap();
        for w in ["1/2/2025", "01/02/2025", "2025-02-01", " 1.2.2025 "] {
            assert!(reads_as(w, d), "{w}");
        }
        for w in ["2/1/2025", "quý I/2025", "hằng năm", "30 ngày", "1/2"] {
            assert!(!reads_as(w, d), "{w}");
        }
    }

    /// data.json is written into the room made for it, never grown (and copied) on the way.
    #[test]
    fn data_json_fits_the_room_made_for_it() {
        let g = big();
        let s = crate::stats::count(&g, |t| g.tasks()[t].status);
        let json = data_json(&g, &s, &|| false).expect("not stopped");
        assert!(json.len() <= data_json_room(&g), "{} bytes", json.len());
        assert_eq!(json.capacity(), data_json_room(&g), "grown");
    }

    #[test]
    fn exports_give_up_midway_when_stopped_and_are_whole_otherwise() {
        let g = big();
        let s = crate::stats::count(&g, |t| g.tasks()[t].status);
        let json = data_json(&g, &s, &|| false).expect("not stopped");
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
        type Export<'a> = dyn Fn(&dyn Fn() -> bool) -> Option<Vec<u8>> + 'a;
        let gives_up_at_the_next_look = |export: &Export| {
            let looks = Cell::new(0);
            let stopped = || {
                looks.set(looks.get() + 1);
                looks.get() > 1
            };
            assert!(export(&stopped).is_none());
            assert_eq!(looks.get(), 2);
        };
        gives_up_at_the_next_look(&|stopped| data_json(&g, &s, stopped));
        gives_up_at_the_next_look(&|stopped| csv(&g, stopped));
    }
}
