//! Loads a whole site folder: `content/site.yaml`, `content/bodies.yaml` and every document,
//! then resolves them into a `Graph`. The only stage that reads content from disk.

use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::{self, display_path, Diagnostic};
use crate::graph::{self, Graph};
use crate::model::SiteConfig;
use crate::plain::{self, NotPlain};
use crate::registry::{self, Registry};
use crate::source;

/// Loads and validates the site at `root`. The graph is returned even when there are errors
/// (it holds what was valid); callers must not publish it if any diagnostic is an error.
pub fn load(root: &Path, today: NaiveDate) -> (Graph, Vec<Diagnostic>) {
    let (settings, docs) = load_sources(root, crate::at::AtCheck::OnLoad);
    resolve(settings, &docs, today)
}

/// Reads every source file: the settings, the registry and the documents (the load stage);
/// `at` says when the `at` of tasks are looked for.
pub fn load_sources(root: &Path, at: crate::at::AtCheck) -> (Settings, source::Documents) {
    let content = root.join("content");
    // The registry (one file, read on one thread) while the documents load on the others.
    let (mut settings, (docs, d)) = rayon::join(
        || load_settings(root),
        || {
            if content.is_dir() {
                source::load_documents(root, &content, at)
            } else {
                Default::default()
            }
        },
    );
    settings.diags.extend(d);
    (settings, docs)
}

/// Builds the graph from what `load_sources` read (the graph stage); all problems sorted.
pub fn resolve(
    settings: Settings,
    docs: &source::Documents,
    today: NaiveDate,
) -> (Graph, Vec<Diagnostic>) {
    let Settings {
        config,
        registry,
        mut diags,
    } = settings;
    let (graph, d) = graph::build(config, registry, docs, today);
    diags.extend(d);
    diagnostic::sort(&mut diags);
    (graph, diags)
}

/// What the site's two YAML files say, and the problems found in them.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub config: SiteConfig,
    pub registry: Registry,
    pub diags: Vec<Diagnostic>,
}

/// Reads `content/site.yaml` and `content/bodies.yaml`.
pub fn load_settings(root: &Path) -> Settings {
    let mut diags = Vec::new();
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(root, "there is no `content` folder here")
                .help("run chidao in the site's folder, or name it with --root SITE"),
        );
    }

    let config = match read_optional(root, &content.join("site.yaml"), &mut diags) {
        Some((shown, text)) => {
            let (cfg, d) = source::load_site_config(&shown, &text);
            diags.extend(d);
            cfg
        }
        None => SiteConfig::default(),
    };

    let bodies_path = content.join("bodies.yaml");
    let registry = match read_optional(root, &bodies_path, &mut diags) {
        Some((shown, text)) => {
            let (reg, d) = registry::load(&shown, &text);
            diags.extend(d);
            reg
        }
        None => {
            if content.is_dir() && matches!(plain::check(&bodies_path), Err(NotPlain::Missing)) {
                diags.push(
                    Diagnostic::error(display_path(root, &bodies_path), "the registry of bodies is missing")
                        .help("create content/bodies.yaml with a `bodies:` list (id, name, aliases, parent, level)"),
                );
            }
            Registry::unreadable()
        }
    };
    Settings {
        config,
        registry,
        diags,
    }
}

/// Reads a file that may be absent; a present but unreadable one is an error, and so is
/// one that is not a plain file (a folder, a link, a named pipe: never waited on).
fn read_optional(
    root: &Path,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(std::path::PathBuf, String)> {
    if matches!(plain::check(path), Err(NotPlain::Missing)) {
        return None;
    }
    let shown = display_path(root, path);
    match source::read_text(path, &shown) {
        Ok(text) => Some((shown, text)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}
