//! The rebuild after an edit, three ways: the published graph patched in place when the
//! edits keep every link (`rebuild_in_place`); the edited documents' and parties' pages of a
//! graph built again when the site keeps its shape (`rebuild_pages`); every page, written
//! straight to disk, when it does not (`rebuild_whole`). Each publishes nothing on an error.

use std::collections::HashMap;

use super::affected::{self, affected, same_shape, same_tasks};
use super::outcome::{outcome, Laps, Outcome};
use super::publish::render_all_to_disk;
use super::{render_in_memory, Session};
use crate::diagnostic::{self, Diagnostic};
use crate::graph::{self, Graph};
use crate::load::source::{self, Documents};
use crate::model::{DocId, Party};
use crate::pipeline;
use crate::render::{Pages, TaskCache};

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
        let old = self
            .published
            .as_ref()
            .filter(|p| !self.pending_full && same_shape(&p.graph, &graph));
        let (documents, parties) = match old {
            Some(p) => affected(&p.graph, &graph, &self.pending),
            None => (Vec::new(), Vec::new()),
        };
        let full = old.is_none();
        // The rows and events of tasks are kept from the last rebuild when the tasks are the
        // same ones, except those of the documents whose pages an edit may change (a row
        // shows nothing of other documents' tasks that `affected` does not follow). What is
        // kept is valid for both graphs, so it goes back if this rebuild fails.
        let reuse = old.is_some_and(|p| same_tasks(&p.graph, &graph));
        let cache = self.cache_for(&graph, &documents, reuse);
        laps.lap("affected");
        if full {
            return self.rebuild_whole(graph, cache, diags, laps);
        }
        let edited = Edited {
            documents: &documents,
            parties: &parties,
            reuse,
        };
        self.rebuild_pages(graph, cache, diags, edited, laps)
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

    /// The cache of rows for `graph`: the published one, less what `documents` change, when
    /// `reuse` says its tasks are the same; else a new one.
    fn cache_for(&mut self, graph: &Graph, documents: &[DocId], reuse: bool) -> TaskCache {
        let kept = match self.published.as_mut() {
            Some(p) if reuse => Some(std::mem::take(&mut p.cache)),
            _ => None,
        };
        match kept.filter(|c| c.fits(graph)) {
            Some(mut c) => {
                self.list_changes.forgot(c.forget(graph, documents));
                c
            }
            None => {
                self.list_changes.inexact = true;
                TaskCache::new(graph)
            }
        }
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
        let rendered = hashes.as_ref().map_or(0, HashMap::len);
        let written = hashes.map(|h| self.publish_all(graph, cache, h));
        let outcome = outcome(&self.out, diags, written, true, rendered, laps);
        self.published_now(&outcome, &[]);
        outcome
    }

    /// The pages of the `edited` documents and parties of `graph` rendered and published;
    /// the lists of the whole site follow in [`finish`](Self::finish).
    fn rebuild_pages(
        &mut self,
        graph: Graph,
        cache: TaskCache,
        mut diags: Vec<Diagnostic>,
        edited: Edited,
        mut laps: Laps,
    ) -> Outcome {
        let Ok(templates) = &self.templates else {
            unreachable!("rebuild_now renders only with templates")
        };
        let which = Pages::Only {
            documents: edited.documents,
            parties: edited.parties,
        };
        let files = match render_in_memory(&graph, templates, which, &cache, None) {
            Ok(f) => f,
            Err(errs) => {
                if let (true, Some(p)) = (edited.reuse, self.published.as_mut()) {
                    // What the failed render wrote of the edited documents, and worked out of
                    // the whole graph, is of this graph, not the published one: forgotten.
                    let mut cache = cache;
                    cache.forget(&graph, edited.documents);
                    p.cache = cache;
                }
                diags.extend(errs);
                return Outcome {
                    diags,
                    published: None,
                };
            }
        };
        let (rendered, written) = self.publish_timed(Some((graph, cache)), files, &mut laps);
        let outcome = outcome(&self.out, diags, written, false, rendered, laps);
        self.published_now(&outcome, edited.documents);
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
        let before = affected::pages_made(&p.graph);
        let undo = graph::patch::apply(&mut p.graph, plan);
        if affected::pages_made(&p.graph) != before {
            // The lists of documents or tasks are split into other pages now: every page
            // is rendered, the usual way (from a graph built again, equal to this one).
            graph::patch::apply(&mut p.graph, undo);
            self.pending_full = true;
            return None;
        }
        laps.lap("patch");
        let g = &p.graph;
        let (documents, parties) = affected(g, g, &self.pending);
        let mut cache = std::mem::take(&mut p.cache);
        if !cache.fits(g) {
            cache = TaskCache::new(g);
            self.list_changes.inexact = true;
        }
        self.list_changes.forgot(cache.forget(g, &documents));
        laps.lap("affected");
        let which = Pages::Only {
            documents: &documents,
            parties: &parties,
        };
        let rendered = render_in_memory(g, templates, which, &cache, None);
        p.cache = cache;
        let files = match rendered {
            Ok(f) => f,
            Err(errs) => {
                // Nothing is published: back to the published graph, and what the render
                // wrote of the patched one, or worked out of it, is forgotten. The steps
                // still due (the lists of a good edit before) publish the site as published.
                graph::patch::apply(&mut p.graph, undo);
                p.cache.forget(&p.graph, &documents);
                diags.extend(errs);
                return Some(Outcome {
                    diags,
                    published: None,
                });
            }
        };
        let (rendered, written) = self.publish_timed(None, files, laps);
        let laps = std::mem::replace(laps, Laps::start());
        let outcome = outcome(&self.out, diags, written, false, rendered, laps);
        if outcome.published.is_none() {
            // Writing failed: the patched graph was not published whole.
            self.pending_full = true;
        }
        self.published_now(&outcome, &documents);
        Some(outcome)
    }
}

/// The documents and parties whose pages an edit changes, and whether the published rows
/// of the others were kept ([`Session::cache_for`]).
struct Edited<'a> {
    documents: &'a [DocId],
    parties: &'a [Party],
    reuse: bool,
}
