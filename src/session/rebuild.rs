//! The rebuild after an edit, three ways: the published graph patched in place when the
//! edits keep every link (`rebuild_in_place`); the pages that meet the change of a graph
//! built again when the site keeps its shape (`rebuild_pages`); every page, written straight
//! to disk, when it does not (`rebuild_whole`). Each publishes nothing on an error.

use std::collections::BTreeSet;

use super::change::{self, Derived};
use super::outcome::{outcome, Laps, Outcome};
use super::publish::render_all_to_disk;
use super::shape::{pages_made, same_shape, same_tasks};
use super::{render_in_memory, Published, Session};
use crate::diagnostic::{self, Diagnostic};
use crate::graph::{self, Graph};
use crate::load::source::{self, Documents};
use crate::model::{IdVec, TaskId};
use crate::pipeline;
use crate::render::reads::Changed;
use crate::render::rows::Rows;
use crate::render::{Pages, SitePage, TaskCache};

impl Session {
    pub(super) fn rebuild_now(&mut self) -> Outcome {
        let mut laps = Laps::start();
        if let Some(outcome) = self.rebuild_in_place(&mut laps) {
            return outcome;
        }
        let (graph, diags) = self.resolve_sources();
        laps.lap("graph");
        if diagnostic::count_errors(&diags) > 0 || self.templates.is_err() {
            return Outcome {
                diags,
                published: None,
            };
        }
        let same = self
            .published
            .as_ref()
            .is_some_and(|p| !self.pending_full && same_shape(&p.graph, &graph));
        if !same {
            let cache = TaskCache::new(&graph);
            return self.rebuild_whole(graph, cache, diags, laps);
        }
        self.rebuild_pages(graph, diags, laps)
    }

    /// The site's sources gathered and resolved into a graph, with every problem found
    /// (the settings' and the theme's among them), sorted.
    fn resolve_sources(&mut self) -> (Graph, Vec<Diagnostic>) {
        let (docs, mut diags) = source::gather(self.files.values().map(|e| &e.loaded));
        diags.extend(self.settings_diags.iter().cloned());
        self.sources.documents = docs;
        let (graph, mut diags) = pipeline::resolve(&self.sources, diags, self.today());
        // The files hold the documents (these are shared), until the next rebuild.
        self.sources.documents = Documents::default();
        if let Err(errs) = &self.templates {
            diags.extend(errs.iter().cloned());
        }
        diagnostic::sort(&mut diags);
        (graph, diags)
    }

    /// Every page of `graph` rendered straight to disk as it is made (a big site is never
    /// held whole; no write is in the background: `rebuild` waited for it), then published.
    fn rebuild_whole(
        &mut self,
        graph: Graph,
        cache: TaskCache,
        mut diags: Vec<Diagnostic>,
        mut laps: Laps,
    ) -> Outcome {
        let Ok(templates) = &self.templates else {
            unreachable!("rebuild_now renders only with templates")
        };
        let hashes = match render_all_to_disk(&self.out, &graph, templates, &cache) {
            Ok(h) => h,
            Err(errs) => {
                diags.extend(errs);
                return Outcome {
                    diags,
                    published: None,
                };
            }
        };
        laps.lap("render and write");
        let rendered = hashes.as_ref().map_or(0, |(h, _)| h.len());
        let written = hashes.map(|h| self.publish_all(graph, cache, h));
        let outcome = outcome(&self.out, diags, written, true, rendered, laps);
        self.published_now(&outcome, &BTreeSet::new());
        outcome
    }

    /// The pages of `graph`, built again with the published graph's shape, whose reads meet
    /// what it changed, rendered and published; the pages that list the whole site follow in
    /// [`finish`](Self::finish).
    fn rebuild_pages(
        &mut self,
        graph: Graph,
        mut diags: Vec<Diagnostic>,
        mut laps: Laps,
    ) -> Outcome {
        let (Some(p), Ok(templates)) = (self.published.as_mut(), &self.templates) else {
            unreachable!("rebuild_now renders only with templates, over a published site")
        };
        // The rows and events of tasks are kept from the last rebuild when the tasks are the
        // same ones, less those that read what changed.
        let reuse = same_tasks(&p.graph, &graph) && p.cache.fits(&graph);
        let new_id = task_ids(&p.graph, &graph, reuse);
        let (rollups, stats) = p.derived();
        let mut cache = match reuse {
            true => std::mem::take(&mut p.cache),
            false => TaskCache::new(&graph),
        };
        let changed = {
            let (before, rows) = (
                Derived {
                    rollups: &rollups,
                    stats: &stats,
                },
                Rows::new(&graph, &cache),
            );
            let after = Derived {
                rollups: rows.rollups(),
                stats: rows.stats(),
            };
            change::rebuilt(&p.graph, &graph, &|t| new_id[t], before, after)
        };
        laps.lap("changed");
        cache.forget(&changed);
        let (set, site) = change::pages_meeting(&p.reads, &changed);
        laps.lap("affected");
        let rendered = render_in_memory(&graph, templates, Pages::Some(&set), &cache, None);
        let (files, reads) = match rendered {
            Ok(r) => r,
            Err(errs) => {
                if reuse {
                    // What the failed render wrote that read what changed, and worked out of
                    // the whole graph, is of this graph, not the published one: forgotten.
                    cache.forget(&changed);
                    cache.forget_whole();
                    p.cache = cache;
                }
                diags.extend(errs);
                return Outcome {
                    diags,
                    published: None,
                };
            }
        };
        if !reuse {
            renumber(p, &new_id);
        }
        p.keep_reads(reads);
        let (rendered, written) = self.publish_timed(Some((graph, cache)), files, &mut laps);
        let outcome = outcome(&self.out, diags, written, false, rendered, laps);
        self.published_now(&outcome, &site);
        outcome
    }

    /// The pending edits as a patch of the published graph, with every problem the site
    /// has after them, sorted; `None` when they are not edits of documents that keep every
    /// link (or the day changed): the graph must be built again.
    fn plan_in_place(&self) -> Option<(graph::patch::Plan, Vec<Diagnostic>)> {
        if self.pending_full || self.pending.is_empty() || self.templates.is_err() {
            return None;
        }
        let p = self.published.as_ref()?;
        if p.graph.today() != self.today() {
            return None;
        }
        let mut edits = Vec::with_capacity(self.pending.len());
        let mut loaded_diags = Vec::new();
        for shown in &self.pending {
            let d = p
                .graph
                .documents()
                .iter_enumerated()
                .find(|(_, doc)| doc.file == *shown)?
                .0;
            let entry = self.files.get(&self.root.join(shown))?;
            edits.push((d, &**entry.loaded.doc.as_ref().ok()?));
            loaded_diags.extend(entry.loaded.diags.iter().cloned());
        }
        let plan = graph::patch::plan(&p.graph, &edits)?;
        let mut diags: Vec<Diagnostic> = p
            .diags
            .iter()
            .filter(|d| !self.pending.contains(&d.file))
            .cloned()
            .chain(loaded_diags)
            .chain(plan.diags.iter().cloned())
            .collect();
        diagnostic::sort(&mut diags);
        Some((plan, diags))
    }

    /// [`rebuild`](Self::rebuild) for edits of documents that keep every link: the published
    /// graph is patched in place (`graph::patch`) instead of built again. `None` when the
    /// edits are not of that kind; nothing has changed then.
    fn rebuild_in_place(&mut self, laps: &mut Laps) -> Option<Outcome> {
        let (plan, mut diags) = self.plan_in_place()?;
        if diagnostic::count_errors(&diags) > 0 {
            laps.lap("patch");
            return Some(Outcome {
                diags,
                published: None,
            });
        }
        let templates = self.templates.as_ref().ok()?;
        let p = self.published.as_mut()?;
        let before = pages_made(&p.graph);
        let (rollups, stats) = p.derived();
        let statuses = change::statuses_before(&p.graph, &plan);
        let undo = graph::patch::apply(&mut p.graph, plan);
        if pages_made(&p.graph) != before {
            // The lists of documents or tasks are split into other pages now: every page
            // is rendered, the usual way (from a graph built again, equal to this one).
            graph::patch::apply(&mut p.graph, undo);
            self.pending_full = true;
            return None;
        }
        laps.lap("patch");
        let g = &p.graph;
        let changed = {
            let (before, rows) = (
                Derived {
                    rollups: &rollups,
                    stats: &stats,
                },
                Rows::new(g, &p.cache),
            );
            let after = Derived {
                rollups: rows.rollups(),
                stats: rows.stats(),
            };
            change::patched(g, (&undo, &statuses), before, after)
        };
        laps.lap("changed");
        p.cache.forget(&changed);
        let (set, site) = change::pages_meeting(&p.reads, &changed);
        laps.lap("affected");
        let (files, reads) = match render_in_memory(g, templates, Pages::Some(&set), &p.cache, None)
        {
            Ok(r) => r,
            Err(errs) => {
                undo_patch(p, undo, &changed);
                diags.extend(errs);
                return Some(Outcome {
                    diags,
                    published: None,
                });
            }
        };
        p.keep_reads(reads);
        Some(self.publish_in_place(files, diags, &site, laps))
    }

    /// Publishes the `files` rendered after a patch; the `site` pages are due next.
    fn publish_in_place(
        &mut self,
        files: Vec<crate::render::OutFile>,
        diags: Vec<Diagnostic>,
        site: &BTreeSet<SitePage>,
        laps: &mut Laps,
    ) -> Outcome {
        let (rendered, written) = self.publish_timed(None, files, laps);
        let laps = std::mem::replace(laps, Laps::start());
        let outcome = outcome(&self.out, diags, written, false, rendered, laps);
        if outcome.published.is_none() {
            // Writing failed: the patched graph was not published whole.
            self.pending_full = true;
        }
        self.published_now(&outcome, site);
        outcome
    }
}

/// Back to the published graph after a patched one failed to render: what the render wrote
/// that read what changed, or worked out of the whole graph, is forgotten. The steps still
/// due (the lists of a good edit before) publish the site as published.
fn undo_patch(p: &mut Published, undo: graph::patch::Plan, changed: &Changed) {
    graph::patch::apply(&mut p.graph, undo);
    p.cache.forget(changed);
    p.cache.forget_whole();
}

/// Each task of `old` by its id in `new` (by its reference), when it has one.
fn task_ids(old: &Graph, new: &Graph, same: bool) -> IdVec<TaskId, Option<TaskId>> {
    if same {
        return old.tasks().ids().map(Some).collect();
    }
    old.tasks().iter().map(|t| new.task(&t.reference)).collect()
}

/// What the pages of `p` read, by the ids of the tasks of a graph built again (`new_id`);
/// a page that read a task now gone was rendered again, or is due.
fn renumber(p: &mut Published, new_id: &IdVec<TaskId, Option<TaskId>>) {
    for r in p.reads.values_mut() {
        *r = r.renumbered(&|t| new_id[t]).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;

    /// The shipped site's graph, and the same with the first task of its document with the
    /// most tasks gone (every later task's id moves down by one).
    fn a_task_removed() -> (Graph, Graph, String) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let today = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let (mut sources, _) = pipeline::load(root);
        let old = pipeline::resolve(&sources, Vec::new(), today).0;
        let docs = &mut sources.documents.docs;
        let most = (0..docs.len())
            .max_by_key(|&i| docs[i].tasks.len())
            .expect("documents");
        let mut doc = (*docs[most]).clone();
        let gone = doc.tasks.remove(0);
        let gone = format!("{}#{}", doc.id.value, gone.id.value);
        docs[most] = Arc::new(doc);
        let new = pipeline::resolve(&sources, Vec::new(), today).0;
        (old, new, gone)
    }

    #[test]
    fn a_rebuilt_graph_s_tasks_are_found_by_their_reference() {
        let (old, new, gone) = a_task_removed();
        assert_eq!(new.tasks().len() + 1, old.tasks().len());
        let ids = task_ids(&old, &new, false);
        for (t, task) in old.tasks().iter_enumerated() {
            match ids[t] {
                Some(n) => assert_eq!(new.tasks()[n].reference, task.reference),
                None => assert_eq!(*task.reference, *gone, "{}", task.reference),
            }
        }
        assert_eq!(ids.iter().flatten().count(), new.tasks().len());
    }
}
