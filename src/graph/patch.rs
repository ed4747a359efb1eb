//! Patching the graph in place after edits that keep every link: the common save in `serve`
//! (a title, a date, a deadline, a task's text or `done`, the document's text), where a full
//! `build` would redo the whole site's names for one file.
//!
//! An edit can be patched when the document keeps its id and the same tasks (same ids, same
//! order), and its issuer, recipients, relations, target ids, results' targets and tasks'
//! leads, supports, parents, `done_by`, extensions' `by` and `withdrawn` resolve to what they
//! did, and a document that extended or withdrew tasks keeps its date (an extension's
//! `N ngày` counts from it), and a copy or a document with copies keeps its text (the two are
//! compared: `copies`). Then no reverse index, cycle or other document's name changes:
//! only the edited documents and tasks, the statuses of the tasks they carried out (a
//! document's date is their completion date) and the values of their results do. The patched graph equals the graph `build` makes of the same sources
//! (tests/it/session.rs and the tests below check it).

use chrono::NaiveDate;

use super::{links, new_document, new_task, report, resolve::Names, settle, Graph};
use crate::diagnostic::Diagnostic;
use crate::load::source::SourceDoc;
use crate::model::{DocId, Document, Report, Task, TaskId};

/// What [`plan`] found the edits change, ready to [`apply`].
pub struct Plan {
    documents: Vec<(DocId, Document)>,
    /// The edited documents' tasks, then those of other documents that they carried out,
    /// extended or withdrew, settled again.
    tasks: Vec<(TaskId, Task)>,
    /// Indexes into `Graph::reports`, and the new report.
    reports: Vec<(usize, Report)>,
    /// The graph's problems with the edited documents (their files' only ones from the graph).
    pub diags: Vec<Diagnostic>,
}

impl Plan {
    /// The documents it replaces, with their new versions (of an undo plan: the old ones).
    pub fn documents(&self) -> impl Iterator<Item = (DocId, &Document)> {
        self.documents.iter().map(|(d, doc)| (*d, doc))
    }

    /// The tasks it replaces, with their new versions.
    pub fn tasks(&self) -> impl Iterator<Item = (TaskId, &Task)> {
        self.tasks.iter().map(|(t, task)| (*t, task))
    }

    /// The results it replaces (indexes into `Graph::reports`), with their new versions.
    pub fn reports(&self) -> impl Iterator<Item = (usize, &Report)> {
        self.reports.iter().map(|(i, r)| (*i, r))
    }
}

/// Plans the patch of `g` for documents replaced by new versions (`edits`: each document's
/// id in `g` and what its file now reads), or `None` when an edit changes a link (then only
/// a full `build` is right). Reads `g` only.
pub fn plan(g: &Graph, edits: &[(DocId, &SourceDoc)]) -> Option<Plan> {
    let mut p = Planner {
        g,
        edits,
        names: Names::default(),
        seen: links::Seen::default(),
        plan: Plan {
            documents: Vec::new(),
            tasks: Vec::new(),
            reports: Vec::new(),
            diags: Vec::new(),
        },
    };
    for &(d, src) in edits {
        p.document(d, src)?;
    }
    p.others()?;
    Some(p.plan)
}

/// A plan being made: the graph, the edits, the resolvers' state and what is planned so far.
struct Planner<'g, 'e> {
    g: &'g Graph,
    edits: &'e [(DocId, &'e SourceDoc)],
    names: Names<'e>,
    seen: links::Seen<'e>,
    plan: Plan,
}

impl<'e> Planner<'_, 'e> {
    /// The date of document `d` once the edits are in.
    fn new_date(&self, d: DocId) -> Option<NaiveDate> {
        self.edits
            .iter()
            .find(|(e, _)| *e == d)
            .map_or(self.g.documents[d].date, |(_, src)| {
                src.date.as_ref().map(|x| x.value)
            })
    }

    /// Plans document `d`'s new version `src`, its tasks and its results; `None` when it
    /// changes a link.
    fn document(&mut self, d: DocId, src: &'e SourceDoc) -> Option<()> {
        let g = self.g;
        let old = &g.documents[d];
        if src.id.value != old.id
            || src.file != old.file
            || src.tasks.len() != old.tasks.len()
            || self.edits.iter().filter(|(e, _)| *e == d).count() > 1
            || (!g.amended[d].is_empty() && self.new_date(d) != old.date)
        {
            return None;
        }
        let l = links::document(g, &mut self.names, d, src, &mut self.plan.diags);
        let same_targets = l.targets.len() == old.targets.len()
            && l.targets
                .iter()
                .zip(&old.targets)
                .all(|(a, b)| a.id == b.id);
        if l.issuer != old.issuer
            || l.recipients != old.recipients
            || l.implements != old.implements
            || l.copy_of != old.copy_of
            || l.follows != old.follows
            || l.references != old.references
            || !same_targets
        {
            return None;
        }
        let mut doc = new_document(src, old.slug.clone());
        l.apply(&mut doc);
        // A copy compared with its original: a new text of either changes the comparison,
        // the pages and the note of the other's file too; built again.
        if doc.body != old.body && (old.copy_of.is_some() || !g.copies[d].is_empty()) {
            return None;
        }
        doc.compared = old.compared.clone();
        if let Some(o) = doc.copy_of {
            self.plan
                .diags
                .extend(super::copies::copy_note(&doc, &g.documents[o]));
        }
        doc.tasks = old.tasks.clone();
        self.plan.documents.push((d, doc));
        self.tasks(d, src)?;
        self.results(d, src)
    }

    /// Plans the tasks of document `d` (whose ids and anchors must stay), settled again.
    fn tasks(&mut self, d: DocId, src: &'e SourceDoc) -> Option<()> {
        let g = self.g;
        let old = &g.documents[d];
        let slots: Vec<Option<TaskId>> = old.tasks.iter().map(|&t| Some(t)).collect();
        for (&tid, t) in old.tasks.iter().zip(&src.tasks) {
            let was = &g.tasks[tid];
            if *t.reference != *was.reference || *t.anchor != *was.anchor {
                return None;
            }
        }
        let diags = &mut self.plan.diags;
        let resolved = links::tasks(g, &mut self.seen, src, &slots, diags);
        for ((tid, l), t) in resolved.into_iter().zip(&src.tasks) {
            let was = &g.tasks[tid];
            let amending_was = was.extended.iter().map(|e| e.by).chain(was.withdrawn);
            let reported_was = was.progress.iter().filter_map(|p| p.document);
            if l.lead != was.lead
                || l.support != was.support
                || l.implements != was.implements
                || l.done_by != was.done_by
                || !l.amending().eq(amending_was)
                || !l.reported_in().eq(reported_was)
            {
                return None;
            }
            let mut task = new_task(d, t, was.anchor.clone());
            l.apply(&mut task);
            let settled = settle(g, &task, |d| self.new_date(d));
            settled.apply(&mut task);
            if let Some(ceased) = settled.ceased {
                let line = t.lead.as_ref().and_then(|l| l.line);
                self.plan
                    .diags
                    .push(super::ceased_warning(g, &task, ceased, line));
            }
            self.plan.tasks.push((tid, task));
        }
        Some(())
    }

    /// Results: the same targets, in the same order, with new years and values.
    fn results(&mut self, d: DocId, src: &SourceDoc) -> Option<()> {
        let g = self.g;
        let old_reports: Vec<usize> = (0..g.reports.len())
            .filter(|&r| g.reports[r].document == d)
            .collect();
        let mut found = Vec::new();
        for r in &src.results {
            match report(g, d, src, r) {
                Ok(rep) => found.extend(rep),
                Err(e) => self.plan.diags.push(e),
            }
        }
        if found.len() != old_reports.len()
            || found.iter().zip(&old_reports).any(|(new, &i)| {
                new.target_doc != g.reports[i].target_doc || new.target != g.reports[i].target
            })
        {
            return None;
        }
        self.plan.reports.extend(old_reports.into_iter().zip(found));
        Some(())
    }

    /// Tasks of other documents that the edited ones carried out (their completion date is
    /// the carrying document's date), extended or withdrew (what they show of it may change).
    fn others(&mut self) -> Option<()> {
        let (g, edits) = (self.g, self.edits);
        let mut others: Vec<TaskId> = edits
            .iter()
            .flat_map(|&(d, _)| g.carried_out[d].iter().chain(&g.amended[d]))
            .copied()
            .filter(|&t| edits.iter().all(|(e, _)| *e != g.tasks[t].document))
            .collect();
        others.sort_unstable();
        others.dedup();
        for t in others {
            let mut task = g.tasks[t].clone();
            let settled = settle(g, &task, |d| self.new_date(d));
            settled.apply(&mut task);
            // Its lead's warning belongs to another file: only a build reports it.
            if task.ceased_lead != g.tasks[t].ceased_lead {
                return None;
            }
            self.plan.tasks.push((t, task));
        }
        Some(())
    }
}

/// Applies a plan made by [`plan`] on this same graph. Returns the plan that undoes it
/// (`serve` goes back to the published graph when the patched one fails to render).
pub fn apply(g: &mut Graph, plan: Plan) -> Plan {
    let mut undo = Plan {
        documents: Vec::with_capacity(plan.documents.len()),
        tasks: Vec::with_capacity(plan.tasks.len()),
        reports: Vec::with_capacity(plan.reports.len()),
        diags: Vec::new(),
    };
    for (d, doc) in plan.documents {
        undo.documents
            .push((d, std::mem::replace(&mut g.documents[d], doc)));
    }
    for (t, task) in plan.tasks {
        undo.tasks
            .push((t, std::mem::replace(&mut g.tasks[t], task)));
    }
    for (i, r) in plan.reports {
        undo.reports
            .push((i, std::mem::replace(&mut g.reports[i], r)));
    }
    // Undone in the opposite order (should a plan name a thing twice).
    undo.documents.reverse();
    undo.tasks.reverse();
    undo.reports.reverse();
    undo
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use chrono::NaiveDate;

    use super::*;
    use crate::load::fields::Located;
    use crate::load::site::{self, Settings};
    use crate::load::source::Documents;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()
    }

    fn shipped() -> (Settings, Documents) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (docs, _) = crate::load::source::load_documents(root, &root.join("content"));
        (site::load_settings(root), docs)
    }

    fn build(settings: &Settings, docs: &Documents) -> (Graph, Vec<Diagnostic>) {
        super::super::build(
            settings.config.clone(),
            settings.registry.clone(),
            docs,
            today(),
        )
    }

    /// The id in `g` of the document read from `file`.
    fn document_of(g: &Graph, file: &Path) -> DocId {
        let found = g.documents.iter_enumerated().find(|(_, x)| x.file == file);
        found.expect("a document of the graph").0
    }

    /// What a patch may change, as text.
    fn shown(g: &Graph) -> String {
        format!("{:?}\n{:?}\n{:?}", g.documents, g.tasks, g.reports)
    }

    fn texts(diags: &[Diagnostic]) -> Vec<String> {
        let mut out: Vec<String> = diags.iter().map(Diagnostic::en).collect();
        out.sort();
        out
    }

    /// Every document of the shipped site edited in ways that keep its links (title, date,
    /// deadlines, `done`, task texts): the patched graph is the one a build makes, and the
    /// plan's problems are the build's problems with that file.
    #[test]
    fn a_patched_graph_equals_a_built_one() {
        let (settings, mut docs) = shipped();
        // Tasks carried out by a document get a deadline, so that its date decides whether
        // they were done late.
        let mut carried = 0;
        for src in &mut docs.docs {
            let mut s = (**src).clone();
            for t in s.tasks.iter_mut().filter(|t| t.done_by.is_some()) {
                t.due = Some(Located {
                    value: "2022-09-01".into(),
                    line: t.line,
                    key: "due".into(),
                });
                carried += 1;
            }
            *src = Arc::new(s);
        }
        assert!(carried > 0);
        let (g0, _) = build(&settings, &docs);
        let edits: [&dyn Fn(&mut SourceDoc); 4] = [
            &|s| s.title = format!("{} (sửa)", s.title).into(),
            &|s| {
                let d = NaiveDate::from_ymd_opt(2023, 2, 1).unwrap();
                match &mut s.date {
                    Some(x) => x.value = d,
                    None => {
                        s.date = Some(Located {
                            value: d,
                            line: Some(2),
                            key: "date".into(),
                        })
                    }
                }
            },
            &|s| {
                for (i, t) in s.tasks.iter_mut().enumerate() {
                    t.text = format!("{} Thêm.", t.text).into();
                    if i % 2 == 0 {
                        t.done = Some(NaiveDate::from_ymd_opt(2022, 12, 1).unwrap());
                    }
                    if let Some(due) = &mut t.due {
                        due.value = "2020-01-31".into();
                    }
                }
            },
            &|s| s.body = Arc::from(format!("{}\n\nThêm một đoạn.\n", s.body)),
        ];
        let mut patched = 0;
        let mut declined = 0;
        for (i, src) in docs.docs.iter().enumerate() {
            let d = document_of(&g0, &src.file);
            // A copy's text and its original's are compared: a new text of either is built
            // again (the other's page and note change too).
            let compared = g0.documents[d].copy_of.is_some() || !g0.copies[d].is_empty();
            for (k, edit) in edits.iter().enumerate() {
                let mut new = (**src).clone();
                edit(&mut new);
                let mut edited = docs.clone();
                edited.docs[i] = Arc::new(new.clone());
                let (built, diags) = build(&settings, &edited);
                let mut g = g0.clone();
                let plan = plan(&g, &[(d, &new)]);
                if k == 3 && compared {
                    assert!(plan.is_none(), "{}: a copy's text", src.file.display());
                    declined += 1;
                    continue;
                }
                let plan = plan.expect("these edits keep every link");
                let file_diags: Vec<_> = diags.into_iter().filter(|x| x.file == src.file).collect();
                assert_eq!(
                    texts(&plan.diags),
                    texts(&file_diags),
                    "{}",
                    src.file.display()
                );
                let undo = apply(&mut g, plan);
                assert!(
                    shown(&g) == shown(&built),
                    "{}: patched ≠ built",
                    src.file.display()
                );
                apply(&mut g, undo);
                assert!(
                    shown(&g) == shown(&g0),
                    "{}: undone ≠ as before",
                    src.file.display()
                );
                patched += 1;
            }
        }
        assert!(patched >= 36, "{patched}");
        // 39-KL/TW, its copy 71-BS/VPTU and that one's copy 24-BS/HU.
        assert_eq!(declined, 3);
    }

    #[test]
    fn an_edit_of_a_link_is_not_patched() {
        let (settings, docs) = shipped();
        let (g, _) = build(&settings, &docs);
        let (i, src) = docs
            .docs
            .iter()
            .enumerate()
            .find(|(_, s)| s.tasks.len() >= 2 && !s.implements.is_empty())
            .unwrap();
        let d = document_of(&g, &src.file);
        let edits: [&dyn Fn(&mut SourceDoc); 4] = [
            &|s| s.tasks[0].lead.as_mut().unwrap().value = "so-noi-vu".into(),
            &|s| s.implements.clear(),
            &|s| {
                let t = s.tasks.pop().unwrap();
                s.tasks.insert(0, t);
            },
            &|s| {
                s.tasks.pop();
            },
        ];
        for (k, edit) in edits.iter().enumerate() {
            let mut new = (*docs.docs[i]).clone();
            edit(&mut new);
            let lead = g.tasks[g.documents[d].tasks[0]].lead;
            if k == 0 && lead == g.registry.resolve("so-noi-vu") {
                continue;
            }
            assert!(plan(&g, &[(d, &new)]).is_none(), "edit {k}");
        }
    }
}
