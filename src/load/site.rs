//! Reads a site's settings: `content/site.yaml` and the registry of bodies,
//! `content/bodies.yaml` (part of the load stage, `pipeline::load`; `serve` reads them again
//! on their own when they change).

use crate::messages::msg;
use std::path::Path;

use crate::diagnostic::{display_path, Diagnostic};
use crate::load::plain::{self, NotPlain};
use crate::load::registry::{self, Registry};
use crate::load::source;
use crate::model::SiteConfig;

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
            Diagnostic::error(root, msg::no_content_folder()).help(msg::no_content_folder_help()),
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
                    Diagnostic::error(display_path(root, &bodies_path), msg::no_bodies())
                        .help(msg::no_bodies_help()),
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
