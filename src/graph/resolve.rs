//! Resolving what documents name: bodies and groups (remembered once found), documents, parent
//! tasks and targets, each unknown one reported with a suggestion.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::Graph;
use crate::diagnostic::Diagnostic;
use crate::load::registry::Registry;
use crate::load::source::Located;
use crate::messages::{msg, Msg};
use crate::model::{DocId, Party, TaskId};
use crate::text::fold;

/// Names of bodies and groups already resolved by one worker of a build (each parallel job
/// of `graph::build` has its own), as written: the issuers, recipients, leads and supports of
/// thousands of documents and tasks are a few hundred names. Only names found are kept, so an
/// unknown one is reported every time.
#[derive(Default)]
pub(super) struct Names<'s>(FxHashMap<&'s str, Party>);

impl<'s> Names<'s> {
    pub(super) fn resolve(
        &mut self,
        reg: &Registry,
        file: &Path,
        name: &'s Located<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Party> {
        if let Some(&p) = self.0.get(name.value.as_str()) {
            return Some(p);
        }
        let found = reg.resolve_located(file, name, diags);
        if let Some(p) = found {
            self.0.insert(&name.value, p);
        }
        found
    }
}

pub(super) fn resolve_docs(
    g: &Graph,
    file: &Path,
    ids: &[Located<String>],
    this: Option<DocId>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<DocId> {
    let mut out = Vec::new();
    for id in ids {
        match g.document(&id.value) {
            Some(d) if Some(d) == this => diags.push(
                Diagnostic::error(file, msg::names_itself(&id.value))
                    .line(id.line)
                    .key(&id.key),
            ),
            Some(d) => {
                if !out.contains(&d) {
                    out.push(d);
                }
            }
            None if g.names_unreadable(&id.value) => {}
            None => diags.push(
                Diagnostic::error(file, msg::unknown_document(&id.value))
                    .line(id.line)
                    .key(&id.key)
                    .help(
                        nearest_doc(g, &id.value)
                            .map_or_else(msg::unknown_document_help, msg::did_you_mean_quoted),
                    ),
            ),
        }
    }
    out
}

fn nearest_doc(g: &Graph, id: &str) -> Option<String> {
    let want = fold(id);
    g.documents
        .iter()
        .map(|d| (strsim::normalized_levenshtein(&want, &fold(&d.id)), &d.id))
        .filter(|(s, _)| *s >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id.clone())
}

pub(super) fn resolve_task(
    g: &Graph,
    file: &Path,
    r: &Located<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<TaskId> {
    if let Some(t) = g.task(&r.value) {
        return Some(t);
    }
    if g.names_unreadable(&r.value) {
        return None;
    }
    let help = match r.value.split_once('#') {
        None => msg::parent_full_name(),
        Some((doc, _)) => match g.document(doc) {
            None => match nearest_doc(g, doc) {
                Some(n) => msg::no_such_document_near(doc, n),
                None => msg::no_such_document(doc),
            },
            Some(d) if g.documents[d].tasks.is_empty() => {
                msg::document_has_no_tasks(&g.documents[d].id)
            }
            Some(d) => msg::tasks_of(
                &g.documents[d].id,
                g.documents[d]
                    .tasks
                    .iter()
                    .map(|&t| g.tasks[t].reference.as_ref())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        },
    };
    diags.push(
        Diagnostic::error(file, msg::unknown_parent_task(&r.value))
            .line(r.line)
            .key(&r.key)
            .help(help),
    );
    None
}

pub(super) fn resolve_target(g: &Graph, r: &str) -> Option<(DocId, usize)> {
    let (doc, target) = r.split_once('#')?;
    let d = g.document(doc)?;
    let t = g.documents[d]
        .targets
        .iter()
        .position(|t| t.id == target.trim())?;
    Some((d, t))
}

pub(super) fn target_help(g: &Graph) -> Msg {
    let all: Vec<String> = g
        .documents
        .iter()
        .flat_map(|d| d.targets.iter().map(move |t| format!("{}#{}", d.id, t.id)))
        .collect();
    if all.is_empty() {
        msg::no_targets()
    } else {
        msg::targets_help(all.join(", "))
    }
}
