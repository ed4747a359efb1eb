//! What one document names, resolved against the whole site: its issuer, recipients and
//! relations, its targets, and its tasks' leads, supports, parent tasks, `done_by` and
//! deadlines. Each document's resolution reads the graph and writes nothing, so `build` runs
//! it for every document in parallel and applies the results in order.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::resolve::{resolve_docs, resolve_task, Names};
use super::Graph;
use crate::deadline::{Deadline, ACCEPTED_FORMS};
use crate::diagnostic::Diagnostic;
use crate::model::{DocId, Party, Target, TaskId};
use crate::source::SourceDoc;

/// A document's names and relations, resolved.
pub(super) struct DocLinks {
    pub issuer: Option<Party>,
    pub recipients: Vec<Party>,
    pub implements: Vec<DocId>,
    pub copy_of: Option<DocId>,
    pub follows: Vec<DocId>,
    pub references: Vec<DocId>,
    pub targets: Vec<Target>,
}

impl DocLinks {
    /// Sets the document's names and relations to these.
    pub fn apply(self, doc: &mut crate::model::Document) {
        doc.issuer = self.issuer;
        doc.recipients = self.recipients;
        doc.implements = self.implements;
        doc.copy_of = self.copy_of;
        doc.follows = self.follows;
        doc.references = self.references;
        doc.targets = self.targets;
    }
}

/// Resolves what document `d` (read from `src`) names; problems go to `diags`, in the order
/// the fields are written.
pub(super) fn document<'s>(
    g: &Graph,
    names: &mut Names<'s>,
    d: DocId,
    src: &'s SourceDoc,
    diags: &mut Vec<Diagnostic>,
) -> DocLinks {
    let file = src.file.as_path();
    let reg = &g.registry;
    let issuer = src.issuer.as_ref().and_then(|i| {
        let found = names.resolve(reg, file, i, diags);
        if let Some(Party::Group(_)) = found {
            diags.push(
                Diagnostic::error(file, format!("\"{}\" is a group; the issuer must be one body", i.value))
                    .line(i.line)
                    .key(&i.key)
                    .help("name the body that issued the document; groups can be recipients, leads or supports"),
            );
            return None;
        }
        found
    });
    let recipients = src
        .recipients
        .iter()
        .filter_map(|r| names.resolve(reg, file, r, diags))
        .collect();
    let implements = resolve_docs(g, file, &src.implements, d, diags);
    let copy_of = src
        .copy_of
        .as_ref()
        .and_then(|c| resolve_docs(g, file, std::slice::from_ref(c), d, diags).pop());
    let follows = resolve_docs(g, file, &src.follows, d, diags);
    let references = resolve_docs(g, file, &src.references, d, diags);

    let mut targets = Vec::new();
    let mut target_ids: HashMap<&str, Option<usize>> = HashMap::new();
    for t in &src.targets {
        if let Some(line) = target_ids.insert(&t.id.value, t.id.line) {
            diags.push(
                Diagnostic::error(file, format!("duplicate target id \"{}\"", t.id.value))
                    .line(t.id.line)
                    .key(&t.id.key)
                    .help(format!("line {} already uses it", line.unwrap_or(1))),
            );
            continue;
        }
        targets.push(Target {
            id: t.id.value.clone(),
            name: t.name.clone(),
            unit: t.unit.clone(),
            per_year: t.per_year.clone(),
        });
    }
    DocLinks {
        issuer,
        recipients,
        implements,
        copy_of,
        follows,
        references,
        targets,
    }
}

/// A task's names, parent, `done_by` and deadline, resolved.
pub(super) struct TaskLinks {
    pub lead: Option<Party>,
    pub support: Vec<Party>,
    pub implements: Option<TaskId>,
    pub done_by: Option<DocId>,
    pub deadline: Option<Deadline>,
    pub due: Option<NaiveDate>,
}

impl TaskLinks {
    /// Sets the task's names, parent, `done_by` and deadline to these.
    pub fn apply(self, task: &mut crate::model::Task) {
        task.lead = self.lead;
        task.support = self.support;
        task.implements = self.implements;
        task.done_by = self.done_by;
        task.deadline = self.deadline;
        task.due = self.due;
    }
}

/// A document's tasks, resolved: each task's id and links.
pub(super) type Tasks = Vec<(TaskId, TaskLinks)>;

/// What one resolution of tasks remembers between documents: the names found, and each
/// distinct `due` text parsed (parsing is pure; most tasks share a few forms).
#[derive(Default)]
pub(super) struct Seen<'s> {
    pub names: Names<'s>,
    deadlines: FxHashMap<&'s str, Result<Deadline, String>>,
}

/// Resolves the tasks of a document (read from `src`); `slots` holds the id of each of
/// its source tasks (`None`: a skipped duplicate).
pub(super) fn tasks<'s>(
    g: &Graph,
    seen: &mut Seen<'s>,
    src: &'s SourceDoc,
    slots: &[Option<TaskId>],
    diags: &mut Vec<Diagnostic>,
) -> Tasks {
    let file = src.file.as_path();
    let mut out = Vec::with_capacity(src.tasks.len());
    for (t, slot) in src.tasks.iter().zip(slots) {
        let Some(tid) = *slot else {
            continue;
        };
        let lead = t
            .lead
            .as_ref()
            .and_then(|l| seen.names.resolve(&g.registry, file, l, diags));
        let support = t
            .support
            .iter()
            .filter_map(|s| seen.names.resolve(&g.registry, file, s, diags))
            .collect();
        let implements = t
            .implements
            .as_ref()
            .and_then(|r| resolve_task(g, file, r, diags));
        let done_by = t
            .done_by
            .as_ref()
            .and_then(|r| resolve_docs(g, file, std::slice::from_ref(r), usize::MAX, diags).pop());
        let (deadline, due) = match &t.due {
            Some(text) => {
                let parsed = seen
                    .deadlines
                    .entry(text.value.as_str())
                    .or_insert_with(|| Deadline::parse(&text.value));
                deadline(g, file, src, text, parsed, diags)
            }
            None => (None, None),
        };
        out.push((
            tid,
            TaskLinks {
                lead,
                support,
                implements,
                done_by,
                deadline,
                due,
            },
        ));
    }
    out
}

/// The deadline a task's `due` text was parsed into, and its due date (from the date of the
/// document as read).
fn deadline(
    g: &Graph,
    file: &Path,
    src: &SourceDoc,
    text: &crate::source::Located<String>,
    parsed: &Result<Deadline, String>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Deadline>, Option<NaiveDate>) {
    match parsed {
        Ok(dl) => match dl.due_date(src.date.as_ref().map(|d| d.value), g.today) {
            Ok(date) => (Some(*dl), date),
            Err(e) => {
                diags.push(
                    Diagnostic::error(file, e.to_string())
                        .line(text.line)
                        .key(&text.key)
                        .help(e.help()),
                );
                (None, None)
            }
        },
        Err(msg) => {
            diags.push(
                Diagnostic::error(file, msg.clone())
                    .line(text.line)
                    .key(&text.key)
                    .help(ACCEPTED_FORMS),
            );
            (None, None)
        }
    }
}
