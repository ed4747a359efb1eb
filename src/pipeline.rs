//! The pipeline, four plain functions that every command and the tests use:
//! [`load`] (read the sources) → [`resolve`] (the graph) → [`render`] (the pages) →
//! [`write`] (the output folder). `build` runs them in turn; `check` stops after the render;
//! `new` after the graph; `serve` loads file by file (it keeps what it read), then resolves,
//! and renders the pages an edit changed with the same `render` (a whole site it writes with
//! [`write`]; the few files of an edit, only those whose bytes changed, with
//! `output::write_changed`).

use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::{self, Diagnostic};
use crate::graph::{self, Graph};
use crate::load::registry::Registry;
use crate::load::site::{self, Settings};
use crate::load::source::{self, Documents};
use crate::load::theme::Theme;
use crate::model::SiteConfig;
use crate::output::{self, WriteStats};
use crate::render::OutFile;

/// Everything a site is made from, as read from its folder.
#[derive(Debug, Clone)]
pub struct Sources {
    /// `content/site.yaml`.
    pub config: SiteConfig,
    /// `content/bodies.yaml`.
    pub registry: Registry,
    /// The document files under `content/`.
    pub documents: Documents,
    /// The built-in theme with the site's own templates over it.
    pub theme: Theme,
}

/// Reads the site at `root`: its settings, registry, documents (with the block of its text
/// each task's `at` names) and theme, and the problems found in them (unsorted).
pub fn load(root: &Path) -> (Sources, Vec<Diagnostic>) {
    let content = root.join("content");
    // The settings and theme (a few files, read on one thread) while the documents load on
    // the others.
    let ((settings, (theme, theme_diags)), (documents, doc_diags)) = rayon::join(
        || {
            let settings = site::load_settings(root);
            let theme = crate::load::theme::load_theme(root, &settings.config);
            (settings, theme)
        },
        || {
            if content.is_dir() {
                source::load_documents(root, &content)
            } else {
                Default::default()
            }
        },
    );
    let Settings {
        config,
        registry,
        mut diags,
    } = settings;
    diags.extend(doc_diags);
    diags.extend(theme_diags);
    let sources = Sources {
        config,
        registry,
        documents,
        theme,
    };
    (sources, diags)
}

/// Builds the graph of `sources` as of `today`: resolves every link, validates, computes the
/// statuses. Returns it with every problem found so far, sorted: `loaded` (those of the
/// load) and the graph's. The graph is returned even when there are errors (it holds what
/// was valid); it must not be published then.
pub fn resolve(
    sources: &Sources,
    loaded: Vec<Diagnostic>,
    today: NaiveDate,
) -> (Graph, Vec<Diagnostic>) {
    let mut diags = loaded;
    let (graph, d) = graph::build(
        sources.config.clone(),
        sources.registry.clone(),
        &sources.documents,
        today,
    );
    diags.extend(d);
    diagnostic::sort(&mut diags);
    (graph, diags)
}

/// The render stage: [`render::render`].
pub use crate::render::render;

/// Writes what `render` makes into the output folder `out` as it is made, through a staging
/// folder ([`output::Staged`]): `render` is given the sink that takes each file, and returns
/// its errors. On any error nothing reaches `out` (the errors are returned); otherwise the
/// staged files are moved into place and what an earlier build wrote and this one did not is
/// removed (what was written, or the write's own failure, of any file).
pub fn write(
    out: &Path,
    render: impl FnOnce(&(dyn Fn(&OutFile) + Sync)) -> Vec<Diagnostic>,
) -> Result<std::io::Result<WriteStats>, Vec<Diagnostic>> {
    let staged = match output::Staged::open(out) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let errors = render(&|f: &OutFile| {
        // A file it cannot take, `staged` keeps: the commit reports it.
        let _ = staged.put(&f.path, &f.bytes);
    });
    if !errors.is_empty() {
        staged.abort();
        return Err(errors);
    }
    Ok(staged.commit())
}
