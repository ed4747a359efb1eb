//! Publishing: what a rebuild rendered reaches the output folder, only the files whose
//! fingerprint changed, and the session notes what is now published. With a preview
//! (`serve`), the files are served from memory at once and written on another thread.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::outcome::{Laps, Outcome, Written};
use super::{Due, Published, Session};
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::output;
use crate::pipeline;
use crate::render::reads::Reads;
use crate::render::{OutFile, PageId, Pages, SitePage, TaskCache, Templates, Watch};

/// A file's fingerprint: XXH3, many times faster than the standard library's SipHash on
/// pages of hundreds of kilobytes (an edit at 10,000 documents hashes tens of megabytes).
fn fingerprint(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

impl Session {
    /// Waits for the write in the background, if any (see `writing`).
    pub(super) fn settle(&mut self) {
        match self.writing.take().map(|w| w.join()) {
            Some(Ok(Err(e))) => self.write_failed = Some(e),
            Some(Err(_)) => {
                self.write_failed = Some(std::io::Error::other("the writing thread stopped"))
            }
            _ => {}
        }
    }

    /// Notes that `outcome`, if it published, brought the site up to date but for the `site`
    /// pages, which [`finish`](Session::finish) renders next.
    pub(super) fn published_now(&mut self, outcome: &Outcome, site: &BTreeSet<SitePage>) {
        if let (Some(publication), Some(p)) = (&outcome.published, self.published.as_mut()) {
            p.diags = outcome.diags.clone();
            if publication.full {
                self.due = Due::Nothing;
                self.due_pages.clear();
            } else {
                self.due = Due::Lists;
                self.due_pages.extend(site);
            }
            self.pending.clear();
            self.pending_full = false;
        }
    }

    /// Publishes `graph`, whose every file is on disk with the fingerprints `hashes`, and
    /// whose every page read `reads`.
    pub(super) fn publish_all(
        &mut self,
        graph: Graph,
        cache: TaskCache,
        (hashes, reads): (HashMap<String, u64>, Vec<(PageId, Reads)>),
    ) -> Written {
        let mut changed: Vec<String> = match &self.published {
            Some(p) => hashes
                .iter()
                .filter(|(path, h)| p.hashes.get(*path) != Some(h))
                .map(|(path, _)| path.clone())
                .collect(),
            None => hashes.keys().cloned().collect(),
        };
        changed.sort_unstable();
        let paths = Arc::new(hashes.keys().cloned().collect());
        let lists = super::shape::list_keys(&graph, &cache);
        self.published = Some(Published {
            graph,
            cache,
            hashes,
            diags: Vec::new(),
            lists,
            reads: reads.into_iter().collect(),
        });
        (changed, Some(paths))
    }

    /// [`Session::publish_some`] of the `files` a step rendered, the rendering and the writing
    /// timed as two stages of `laps`. Returns how many files were rendered, and what was
    /// written.
    pub(super) fn publish_timed(
        &mut self,
        graph: Option<(Graph, TaskCache)>,
        files: Vec<OutFile>,
        laps: &mut Laps,
    ) -> (usize, std::io::Result<Written>) {
        laps.lap("render");
        let rendered = files.len();
        let written = self.publish_some(graph, files);
        laps.lap("write");
        (rendered, written)
    }

    /// Writes the files whose fingerprint changed; `graph` and its task cache replace the
    /// published ones.
    pub(super) fn publish_some(
        &mut self,
        graph: Option<(Graph, TaskCache)>,
        files: Vec<OutFile>,
    ) -> std::io::Result<Written> {
        self.settle();
        let p = self
            .published
            .as_mut()
            .expect("a site was published before");
        let changed: Vec<(OutFile, u64)> = files
            .into_par_iter()
            .map(|f| {
                let h = fingerprint(&f.bytes);
                (f, h)
            })
            .filter(|(f, h)| p.hashes.get(&f.path) != Some(h))
            .collect();
        let paths: Vec<String> = changed.iter().map(|(f, _)| f.path.clone()).collect();
        for (f, h) in &changed {
            p.hashes.insert(f.path.clone(), *h);
        }
        let to_write: Vec<Arc<OutFile>> = changed.into_iter().map(|(f, _)| Arc::new(f)).collect();
        match &self.preview {
            Some(preview) => {
                // Served from memory at once; written while the next step renders.
                preview.before_write(&to_write);
                let (preview, out) = (Arc::clone(preview), self.out.clone());
                self.writing = Some(std::thread::spawn(move || {
                    let written = output::write_changed(&out, &to_write);
                    preview.after_write();
                    written
                }));
            }
            None => {
                if let Err(e) = output::write_changed(&self.out, &to_write) {
                    // Not all of them are on disk: the fingerprints cannot be trusted.
                    self.pending_full = true;
                    return Err(e);
                }
            }
        }
        if let Some((graph, cache)) = graph {
            p.cache = cache;
            // Freeing a big site's graph takes tens of milliseconds: not while the editor
            // waits.
            let old = std::mem::replace(&mut p.graph, graph);
            std::thread::spawn(move || drop(old));
        }
        Ok((paths, None))
    }
}

impl Drop for Session {
    /// Nothing is left half written.
    fn drop(&mut self) {
        self.settle();
    }
}

/// The fingerprint of each file, and what each page read.
pub(super) type Hashed = (HashMap<String, u64>, Vec<(PageId, Reads)>);

/// Renders every page and export of `graph` into `out` as they are made (the render into
/// `pipeline::write`): on any error nothing reaches `out`. The fingerprint of each file and
/// what each page read, or the errors of the templates; the write's own failure (of any
/// file) inside.
pub(super) fn render_all_to_disk(
    out: &Path,
    graph: &Graph,
    templates: &Templates,
    cache: &TaskCache,
) -> Result<std::io::Result<Hashed>, Vec<Diagnostic>> {
    let hashes = Mutex::new(HashMap::new());
    let reads = super::PageReads::default();
    let read = |id: PageId, r: Reads| reads.note(id, r);
    let watch = Watch {
        stop: None,
        reads: Some(&read),
    };
    let written = pipeline::write(out, |put| {
        let texts = graph.texts();
        let all = Pages::All;
        crate::render::render_watched(graph, templates, all, cache, texts, watch, &|f| {
            put(&f);
            let h = fingerprint(&f.bytes);
            hashes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(f.path, h);
        })
    })?;
    let reads = reads.into_vec();
    Ok(written.map(|_| {
        (
            hashes.into_inner().unwrap_or_else(|e| e.into_inner()),
            reads,
        )
    }))
}
