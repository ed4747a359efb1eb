//! An editing session (`chidao serve`): keeps every loaded file, the last good graph, a
//! fingerprint of every published file and what each page read (`render::reads`), so that
//! after a save only the changed files are read again and only the pages whose reads meet
//! what the edit changed (`change.rs`) are rendered and written. A rebuild with errors
//! publishes nothing: the last good site stays.
//!
//! A rebuild renders the documents' and parties' pages that meet the change at once; the
//! pages that list the whole site that meet it, and the numbered pages of long lists whose
//! rows moved (`lists::list_keys`), follow in `finish`, then the exports and the search
//! index. Anything that changes the set of documents, their slugs, the registry, the
//! settings, the theme or the day renders everything.

use crate::messages::msg;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use chrono::NaiveDate;

use crate::diagnostic::{display_path, Diagnostic};
use crate::graph::Graph;
use crate::load::site::{self, Settings};
use crate::load::source::{self, Documents, Loaded};
use crate::model::{IdVec, TaskId};
use crate::pipeline::Sources;
use crate::render::reads::{self, Reads};
use crate::render::rollup::Rollup;
use crate::render::{collect_sorted, OutFile, PageId, PageSet, Pages, SitePage, TaskCache};
use crate::render::{Templates, Watch};

mod change;
mod outcome;
mod publish;
mod rebuild;
mod shape;

use outcome::{outcome, Laps};
pub use outcome::{Outcome, Publication};

/// A loaded document file and the size and time it had when read.
struct Entry {
    stamp: Option<(SystemTime, u64)>,
    loaded: Loaded,
}

/// What was published last.
struct Published {
    graph: Graph,
    /// What was written of the graph's tasks so far (rows and calendar events).
    cache: TaskCache,
    /// A fingerprint of each file of the site, by path.
    hashes: HashMap<String, u64>,
    /// The problems of the site as published (warnings: errors publish nothing).
    diags: Vec<Diagnostic>,
    /// The key of each numbered page of the long lists as published (`lists::list_keys`).
    lists: HashMap<SitePage, u64>,
    /// What each page read when it was last rendered (`render::reads`).
    reads: HashMap<PageId, Reads>,
}

impl Published {
    /// Keeps what the pages just rendered read.
    fn keep_reads(&mut self, reads: Vec<(PageId, Reads)>) {
        self.reads.extend(reads);
    }

    /// Every task's roll-up and every party's figures as published, taken out of the cache
    /// (`TaskCache::take_derived`).
    fn derived(&mut self) -> (IdVec<TaskId, Option<Rollup>>, crate::stats::Stats) {
        if !self.cache.fits(&self.graph) {
            self.cache = TaskCache::new(&self.graph);
        }
        self.cache.take_derived(&self.graph)
    }
}

/// What [`Session::finish`] still has to do after incremental rebuilds, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    Nothing,
    /// The pages that list the whole site.
    Lists,
    /// The exports and the search index.
    Exports,
}

/// Told of the files an incremental rebuild is about to write, before they reach the disk,
/// and again once the writing is over (`serve` serves them from memory in between, so an
/// edited page is visible as soon as it is rendered).
pub trait Preview: Send + Sync {
    /// `files` are final: the rebuild rendered without error and writes them next (the
    /// writer holds the same files: nothing is copied).
    fn before_write(&self, files: &[Arc<OutFile>]);
    /// The files given to `before_write` are on disk now, or failed to be written.
    fn after_write(&self);
}

pub struct Session {
    root: PathBuf,
    content: PathBuf,
    out: PathBuf,
    today: Option<NaiveDate>,
    /// The settings, registry and theme as last read (the documents are kept in `files`).
    sources: Sources,
    templates: Result<Templates, Vec<Diagnostic>>,
    /// The problems of the settings, the registry and the theme.
    settings_diags: Vec<Diagnostic>,
    files: BTreeMap<PathBuf, Entry>,
    published: Option<Published>,
    /// Document files (as shown, relative to the root) changed since the last publication.
    pending: HashSet<PathBuf>,
    /// Something changed that every page may show.
    pending_full: bool,
    /// What `finish` still has to bring up to date after incremental rebuilds.
    due: Due,
    /// The pages that list the whole site whose reads met an edit since they were last
    /// rendered.
    due_pages: BTreeSet<SitePage>,
    /// Counts files read again or forgotten and settings reloaded.
    edits: u64,
    preview: Option<Arc<dyn Preview>>,
    /// With a preview, the changed files of the last publication being written meanwhile
    /// (the preview serves them): every later write or read of the output waits for it.
    writing: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    /// A write in the background failed: the next rebuild writes everything again.
    write_failed: Option<std::io::Error>,
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl Session {
    /// Reads the whole site; nothing is rendered or written until `rebuild`.
    pub fn open(root: &Path, out: &Path, today: Option<NaiveDate>) -> Session {
        reads::start();
        let mut s = Session {
            root: root.to_path_buf(),
            content: root.join("content"),
            out: out.to_path_buf(),
            today,
            sources: Sources {
                config: Default::default(),
                registry: Default::default(),
                documents: Documents::default(),
                theme: Default::default(),
            },
            templates: Err(Vec::new()),
            settings_diags: Vec::new(),
            files: BTreeMap::new(),
            published: None,
            pending: HashSet::new(),
            pending_full: true,
            due: Due::Nothing,
            due_pages: BTreeSet::new(),
            edits: 0,
            preview: None,
            writing: None,
            write_failed: None,
        };
        s.reload_settings();
        s.rescan();
        s
    }

    /// Shows `preview` the files of each incremental rebuild before they are written.
    pub fn preview_with(&mut self, preview: Arc<dyn Preview>) {
        self.preview = Some(preview);
    }

    fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    fn reload_settings(&mut self) {
        let Settings {
            config,
            registry,
            mut diags,
        } = site::load_settings(&self.root);
        let (theme, theme_diags) = crate::load::theme::load_theme(&self.root, &config);
        diags.extend(theme_diags);
        self.settings_diags = diags;
        self.templates = Templates::compile(&theme);
        self.sources = Sources {
            config,
            registry,
            documents: Documents::default(),
            theme,
        };
        self.pending_full = true;
        self.edits += 1;
    }

    fn load(&mut self, path: &Path) {
        let entry = Entry {
            stamp: stamp(path),
            loaded: source::load_document(&self.root, path),
        };
        self.files.insert(path.to_path_buf(), entry);
        self.pending.insert(display_path(&self.root, path));
        self.edits += 1;
    }

    fn forget(&mut self, path: &Path) {
        if self.files.remove(path).is_some() {
            self.pending.insert(display_path(&self.root, path));
            self.edits += 1;
        }
    }

    /// Walks `content/` again: new files are loaded, vanished ones forgotten, and files whose
    /// size or time changed are read again.
    fn rescan(&mut self) {
        let now: Vec<PathBuf> = if self.content.is_dir() {
            source::markdown_files(&self.content)
        } else {
            Vec::new()
        };
        let keep: HashSet<&PathBuf> = now.iter().collect();
        let gone: Vec<PathBuf> = self
            .files
            .keys()
            .filter(|p| !keep.contains(p))
            .cloned()
            .collect();
        for p in gone {
            self.forget(&p);
        }
        for p in now {
            let fresh = self.files.get(&p).is_some_and(|e| e.stamp == stamp(&p));
            if !fresh {
                self.load(&p);
            }
        }
    }

    /// Whether `path` is named as a document file (whether there is one is asked next).
    fn is_document(&self, path: &Path) -> bool {
        path.strip_prefix(&self.content)
            .is_ok_and(source::is_document_name)
    }

    /// Takes note of changed paths (absolute, as the watcher reports them). Returns whether
    /// any of them is part of the sources (other files beside them are ignored).
    pub fn note(&mut self, paths: &[PathBuf]) -> bool {
        let mut settings = false;
        let mut rescan = false;
        let before = self.edits;
        for p in paths {
            if p.starts_with(self.root.join("themes"))
                || *p == self.content.join("site.yaml")
                || *p == self.content.join("bodies.yaml")
            {
                settings = true;
            } else if self.is_document(p) {
                // Exactly the files `build` reads: not through a linked folder.
                if source::is_document_file(&self.content, p) {
                    self.load(p);
                } else {
                    self.forget(p);
                }
            } else if p.starts_with(&self.content) {
                // A folder added, renamed or removed, or something we cannot tell.
                rescan = true;
                settings |= *p == self.content;
            } else if *p == self.root {
                rescan = true;
                settings = true;
            }
        }
        if settings {
            self.reload_settings();
        }
        if rescan {
            self.rescan();
        }
        self.edits != before
    }

    /// Validates the site as it now is and, when there is no error, renders what changed
    /// since the last publication and writes it.
    pub fn rebuild(&mut self) -> Outcome {
        self.settle();
        let failed = self.write_failed.take();
        if failed.is_some() {
            self.pending_full = true;
        }
        let mut outcome = self.rebuild_now();
        if let Some(e) = failed {
            outcome.diags.push(Diagnostic::warning(
                &self.out,
                msg::write_changed_failed(e.to_string()),
            ));
        }
        outcome
    }

    /// After an incremental `rebuild`, brings what lists the whole site up to date, a step
    /// at each call: first the pages (home, the chain, the indexes, the numbered pages of long
    /// lists) whose reads met an edit or whose rows moved, then the exports (data.json,
    /// tasks.csv, tasks.ics) and the search index, which take most of a second at 10,000
    /// documents. `serve` lets the edited pages reload first, then calls this until it says
    /// `None`: nothing left to do, or `stop` was raised (a newer edit waits), and then the
    /// work is still due and the next call does it.
    pub fn finish(&mut self, stop: &AtomicBool) -> Option<Outcome> {
        let mut laps = Laps::start();
        let (Some(p), Ok(templates)) = (&mut self.published, &self.templates) else {
            return None;
        };
        let step = self.due;
        if step == Due::Nothing {
            return None;
        }
        if !p.cache.fits(&p.graph) {
            p.cache = TaskCache::new(&p.graph);
        }
        let mut set = PageSet::default();
        let keys = match step {
            Due::Lists => {
                let keys = shape::list_keys(&p.graph, &p.cache);
                set.site = self.due_pages.clone();
                set.site.extend(
                    keys.iter()
                        .filter(|(page, key)| p.lists.get(page) != Some(key))
                        .map(|(page, _)| *page),
                );
                keys
            }
            _ => HashMap::new(),
        };
        let which = match step {
            Due::Lists => Pages::Some(&set),
            _ => Pages::Exports,
        };
        // Stopped, it stays due.
        let result = render_in_memory(&p.graph, templates, which, &p.cache, Some(stop));
        if stop.load(Ordering::SeqCst) {
            return None;
        }
        // Done, or failed in the theme's templates (reported; the next edit tries again).
        self.due = match step {
            Due::Lists => Due::Exports,
            _ => Due::Nothing,
        };
        let (files, reads) = match result {
            Ok(f) => f,
            Err(diags) => {
                return Some(Outcome {
                    diags,
                    published: None,
                })
            }
        };
        let (rendered, written) = self.publish_timed(None, files, &mut laps);
        if let (Due::Lists, Ok(_), Some(p)) = (step, &written, self.published.as_mut()) {
            p.lists = keys;
            p.keep_reads(reads);
            self.due_pages.clear();
        }
        Some(outcome(
            &self.out,
            Vec::new(),
            written,
            false,
            rendered,
            laps,
        ))
    }
}

/// What each page of a render read, as the render's threads tell it.
#[derive(Default)]
pub(super) struct PageReads(Mutex<Vec<(PageId, Reads)>>);

impl PageReads {
    pub(super) fn note(&self, id: PageId, reads: Reads) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((id, reads));
    }

    pub(super) fn into_vec(self) -> Vec<(PageId, Reads)> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// The files of a render and what each page read.
pub(super) type Rendered = (Vec<OutFile>, Vec<(PageId, Reads)>);

/// The files of `which`, rendered into memory and sorted by path, with what each page read,
/// or the errors. With `stop` raised meanwhile, what was rendered is incomplete: the caller
/// asks `stop` and discards it.
pub(super) fn render_in_memory(
    g: &Graph,
    templates: &Templates,
    which: Pages<'_>,
    cache: &TaskCache,
    stop: Option<&AtomicBool>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let reads = PageReads::default();
    let read = |id: PageId, r: Reads| reads.note(id, r);
    let watch = Watch {
        stop,
        reads: Some(&read),
    };
    let (files, errors) = collect_sorted(|sink| {
        crate::render::render_watched(g, templates, which, cache, g.texts(), watch, sink)
    });
    if errors.is_empty() {
        Ok((files, reads.into_vec()))
    } else {
        Err(errors)
    }
}
