//! What one document names, resolved against the whole site: its issuer, recipients and
//! relations, its targets, and its tasks' leads, supports, parent tasks, `done_by`,
//! deadlines, extensions, withdrawals and progress notes. Each document's resolution reads the graph and writes nothing, so `build` runs
//! it for every document in parallel and applies the results in order.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::resolve::{resolve_docs, resolve_task, Names};
use super::Graph;
use crate::deadline::{accepted_forms, Deadline, Due, DueError};
use crate::diagnostic::Diagnostic;
use crate::load::source::{Located, SourceDoc, SourceTask};
use crate::messages::{msg, Msg};
use crate::model::{DocId, Extension, Party, Progress, Target, TaskId};
use crate::status::Since;

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
                Diagnostic::error(file, msg::issuer_is_group(&i.value))
                    .line(i.line)
                    .key(&i.key)
                    .help(msg::issuer_is_group_help()),
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
    let implements = resolve_docs(g, file, &src.implements, Some(d), diags);
    let copy_of = src
        .copy_of
        .as_ref()
        .and_then(|c| resolve_docs(g, file, std::slice::from_ref(c), Some(d), diags).pop());
    let follows = resolve_docs(g, file, &src.follows, Some(d), diags);
    let references = resolve_docs(g, file, &src.references, Some(d), diags);

    let mut targets = Vec::new();
    let mut target_ids: HashMap<&str, Option<usize>> = HashMap::new();
    for t in &src.targets {
        if let Some(line) = target_ids.insert(&t.id.value, t.id.line) {
            diags.push(
                Diagnostic::error(file, msg::duplicate_target(&t.id.value))
                    .line(t.id.line)
                    .key(&t.id.key)
                    .help(msg::line_already_uses(line.unwrap_or(1).to_string())),
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

/// A task's names, parent, `done_by`, deadline, extensions, withdrawal and progress notes,
/// resolved.
#[derive(Debug, PartialEq)]
pub(super) struct TaskLinks {
    pub lead: Option<Party>,
    pub support: Vec<Party>,
    pub implements: Option<TaskId>,
    pub done_by: Option<DocId>,
    pub own_due: Option<Due>,
    pub extended: Vec<Extension>,
    pub withdrawn: Option<DocId>,
    pub progress: Vec<Progress>,
}

impl TaskLinks {
    /// Sets the task's names, parent, `done_by`, deadline, extensions, withdrawal and
    /// progress notes to these.
    pub fn apply(self, task: &mut crate::model::Task) {
        task.lead = self.lead;
        task.support = self.support;
        task.implements = self.implements;
        task.done_by = self.done_by;
        task.own_due = self.own_due;
        task.extended = self.extended;
        task.withdrawn = self.withdrawn;
        task.progress = self.progress;
    }

    /// The documents it names whose dates its status hangs on, besides `done_by`: those of
    /// its extensions and its withdrawal.
    pub fn amending(&self) -> impl Iterator<Item = DocId> + '_ {
        self.extended.iter().map(|e| e.by).chain(self.withdrawn)
    }

    /// The documents its progress notes were reported in, in their order.
    pub fn reported_in(&self) -> impl Iterator<Item = DocId> + '_ {
        self.progress.iter().filter_map(|p| p.document)
    }
}

/// A document's tasks, resolved: each task's id and links.
pub(super) type Tasks = Vec<(TaskId, TaskLinks)>;

/// What one resolution of tasks remembers between documents: the names found, and each
/// distinct `due` text parsed (parsing is pure; most tasks share a few forms).
#[derive(Default)]
pub(super) struct Seen<'s> {
    pub names: Names<'s>,
    deadlines: FxHashMap<&'s str, Result<Deadline, Msg>>,
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
    let mut out = Vec::with_capacity(src.tasks.len());
    for (t, slot) in src.tasks.iter().zip(slots) {
        if let Some(tid) = *slot {
            out.push((tid, task(g, seen, src, t, diags)));
        }
    }
    out
}

/// Resolves what task `t` of `src` names.
fn task<'s>(
    g: &Graph,
    seen: &mut Seen<'s>,
    src: &'s SourceDoc,
    t: &'s SourceTask,
    diags: &mut Vec<Diagnostic>,
) -> TaskLinks {
    let file = src.file.as_path();
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
    let own_due = t.due.as_ref().and_then(|text| {
        let counted_from = src.date.as_ref().map(|d| d.value);
        seen.due(file, text, counted_from, None, diags)
    });
    let extended = t
        .extended
        .iter()
        .filter_map(|e| {
            let by = named_doc(g, file, &e.by, diags)?;
            let date = g.documents[by].date;
            let due = seen.due(file, &e.due, date, Some(&g.documents[by].id), diags)?;
            Some(Extension {
                due_text: e.due.value.clone(),
                due,
                by,
                since: Since::of(date),
            })
        })
        .collect();
    let progress = t
        .progress
        .iter()
        .map(|n| Progress {
            date: n.date,
            text: n.text.clone(),
            document: n
                .document
                .as_ref()
                .and_then(|r| named_doc(g, file, r, diags)),
        })
        .collect();
    TaskLinks {
        lead,
        support,
        implements,
        done_by: t
            .done_by
            .as_ref()
            .and_then(|r| named_doc(g, file, r, diags)),
        own_due,
        extended,
        withdrawn: t
            .withdrawn
            .as_ref()
            .and_then(|r| named_doc(g, file, r, diags)),
        progress,
    }
}

/// The document a task's key names (any document of the site, its own included).
fn named_doc(
    g: &Graph,
    file: &Path,
    id: &Located<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<DocId> {
    resolve_docs(g, file, std::slice::from_ref(id), None, diags).pop()
}

impl<'s> Seen<'s> {
    /// The deadline written `text` (parsed once per distinct text), resolved with `N ngày`
    /// counted from `counted_from`: the date of the task's document, or for an extension
    /// that of the document that granted it (`granted_by`). A problem is reported at `text`.
    fn due(
        &mut self,
        file: &Path,
        text: &'s Located<String>,
        counted_from: Option<NaiveDate>,
        granted_by: Option<&str>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Due> {
        let parsed = self
            .deadlines
            .entry(text.value.as_str())
            .or_insert_with(|| Deadline::parse(&text.value));
        let error = |msg: Msg, help: Msg| {
            Diagnostic::error(file, msg)
                .line(text.line)
                .key(&text.key)
                .help(help)
        };
        match parsed {
            Ok(dl) => match dl.resolve(counted_from) {
                Ok(due) => Some(due),
                Err(DueError::NoDocumentDate(n)) if granted_by.is_some() => {
                    let by = granted_by.unwrap_or_default();
                    diags.push(error(
                        msg::extension_no_date(n.to_string(), by),
                        msg::extension_no_date_help(),
                    ));
                    None
                }
                Err(e) => {
                    diags.push(error(e.message(), e.help()));
                    None
                }
            },
            Err(msg) => {
                diags.push(error(msg.clone(), accepted_forms()));
                None
            }
        }
    }
}
