//! The theme's files: the default templates and static files compiled into the binary,
//! overlaid file by file by the site's own `themes/NAME/` (compiled by
//! [`crate::render::Templates`]). A theme is a folder inside
//! the site: `theme` in site.yaml names a real folder under `themes/` (not a path, not a
//! link), and no link inside it is followed, so no file from outside the site is published.

use crate::messages::msg;
use std::path::{Path, PathBuf};

use super::plain;
use crate::diagnostic::{display_path, Diagnostic};
use crate::model::SiteConfig;

/// The default theme, compiled in.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "document.html",
        include_str!("../../themes/default/templates/document.html"),
    ),
    (
        "party.html",
        include_str!("../../themes/default/templates/party.html"),
    ),
    (
        "bodies.html",
        include_str!("../../themes/default/templates/bodies.html"),
    ),
    (
        "documents.html",
        include_str!("../../themes/default/templates/documents.html"),
    ),
    (
        "tasks.html",
        include_str!("../../themes/default/templates/tasks.html"),
    ),
    (
        "task-status.html",
        include_str!("../../themes/default/templates/task-status.html"),
    ),
    (
        "chain.html",
        include_str!("../../themes/default/templates/chain.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "stats.html",
        include_str!("../../themes/default/templates/stats.html"),
    ),
    (
        "report.html",
        include_str!("../../themes/default/templates/report.html"),
    ),
    (
        "reports.html",
        include_str!("../../themes/default/templates/reports.html"),
    ),
    (
        "party-reports.html",
        include_str!("../../themes/default/templates/party-reports.html"),
    ),
];
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "tasks.js",
        include_bytes!("../../themes/default/static/tasks.js"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
];

/// Templates and static files of the theme in use.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<(String, String, PathBuf)>,
    pub statics: Vec<(String, Vec<u8>)>,
}

/// The built-in theme overlaid with the site's `themes/NAME/` (named by `theme` in site.yaml,
/// or the only folder under `themes/`).
pub fn load_theme(root: &Path, config: &SiteConfig) -> (Theme, Vec<Diagnostic>) {
    let mut t = Theme {
        templates: DEFAULT_TEMPLATES
            .iter()
            .map(|(n, s)| {
                (
                    n.to_string(),
                    s.to_string(),
                    PathBuf::from(format!("(built-in)/{n}")),
                )
            })
            .collect(),
        statics: DEFAULT_STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect(),
    };
    let themes = root.join("themes");
    let found = theme_folders(&themes);
    let dir = match &config.theme {
        Some(name) => match named_theme(&themes, &found, name, config.theme_line) {
            Ok(dir) => Some(dir),
            Err(d) => return (t, vec![d]),
        },
        None => (found.len() == 1).then(|| themes.join(&found[0])),
    };
    let diags = match dir {
        Some(dir) => overlay(&mut t, root, &dir),
        None => Vec::new(),
    };
    (t, diags)
}

/// The names of the real folders under `themes/` (not links), sorted.
fn theme_folders(themes: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(themes)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// The folder of the theme `name` (from site.yaml, at `line`): one of the real folders under
/// `themes/` (`found`). Anything else, a path above all, is an error at the key.
fn named_theme(
    themes: &Path,
    found: &[String],
    name: &str,
    line: Option<usize>,
) -> Result<PathBuf, Diagnostic> {
    if found.iter().any(|f| f == name) {
        return Ok(themes.join(name));
    }
    let plain_name =
        !name.is_empty() && !name.contains(['/', '\\', ':', '\0']) && name != "." && name != "..";
    let message = if !plain_name {
        msg::theme_is_path(name)
    } else if std::fs::symlink_metadata(themes.join(name)).is_ok_and(|m| m.is_symlink()) {
        msg::theme_is_link(name)
    } else {
        msg::theme_missing(name)
    };
    let help = if found.is_empty() {
        msg::no_themes_help()
    } else {
        let names: Vec<String> = found.iter().map(|f| format!("`{f}`")).collect();
        msg::themes_help(names.join(", "))
    };
    Err(Diagnostic::error("content/site.yaml", message)
        .line(line)
        .key("theme")
        .help(help))
}

/// Lays the templates and static files of the theme folder `dir` over `t`.
fn overlay(t: &mut Theme, root: &Path, dir: &Path) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for entry in walkdir::WalkDir::new(dir.join("templates"))
        .follow_root_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = entry.path();
        if !entry.file_type().is_file() || p.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let name = p
            .strip_prefix(dir.join("templates"))
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/");
        let shown = display_path(root, p);
        match crate::load::source::read_text(p, &shown) {
            Ok(text) => {
                t.templates.retain(|(n, _, _)| *n != name);
                t.templates.push((name, text, shown));
            }
            Err(d) => diags.push(d),
        }
    }
    let static_dir = dir.join("static");
    for entry in walkdir::WalkDir::new(&static_dir)
        .follow_root_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&static_dir)
            .unwrap_or(entry.path());
        let name = rel.to_string_lossy().replace('\\', "/");
        match plain::read(entry.path()) {
            Ok(bytes) => {
                t.statics.retain(|(n, _)| *n != name);
                t.statics.push((name, bytes));
            }
            Err(e) => diags.push(Diagnostic::error(
                display_path(root, entry.path()),
                e.message(),
            )),
        }
    }
    diags
}
