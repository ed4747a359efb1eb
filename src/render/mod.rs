//! Rendering: turns the graph into every output file, in memory. Templates (Tera) come from
//! the default theme compiled into the binary, overridden file by file by the site's own
//! `themes/NAME/`. Nothing is written to disk here.

pub mod pages;
pub mod views;

use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostic::{display_path, Diagnostic};
use crate::export;
use crate::graph::Graph;
use crate::i18n::{self, Labels};
use crate::model::Party;
use views::paths;

/// One file of the generated site: a `/`-separated path below the output root, and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

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
];
const DEFAULT_STATIC: &[(&str, &[u8])] = &[(
    "style.css",
    include_bytes!("../../themes/default/static/style.css"),
)];

/// Templates and static files of the theme in use.
pub struct Theme {
    pub templates: Vec<(String, String, PathBuf)>,
    pub statics: Vec<(String, Vec<u8>)>,
}

/// The built-in theme overlaid with the site's `themes/NAME/` (named by `theme` in site.yaml,
/// or the only folder under `themes/`).
pub fn load_theme(root: &Path, theme: Option<&str>) -> (Theme, Vec<Diagnostic>) {
    let mut diags = Vec::new();
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
    let dir = match theme {
        Some(name) => {
            let dir = themes.join(name);
            if !dir.is_dir() {
                diags.push(
                    Diagnostic::error(
                        "content/site.yaml",
                        format!("the theme folder themes/{name} does not exist"),
                    )
                    .key("theme")
                    .help("remove `theme` to use the built-in theme, or create the folder"),
                );
                return (t, diags);
            }
            Some(dir)
        }
        None => {
            let found: Vec<PathBuf> = std::fs::read_dir(&themes)
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect();
            (found.len() == 1).then(|| found[0].clone())
        }
    };
    let Some(dir) = dir else {
        return (t, diags);
    };
    for entry in walkdir::WalkDir::new(dir.join("templates"))
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
        match crate::source::read_text(p, &shown) {
            Ok(text) => {
                t.templates.retain(|(n, _, _)| *n != name);
                t.templates.push((name, text, shown));
            }
            Err(d) => diags.push(d),
        }
    }
    let static_dir = dir.join("static");
    for entry in walkdir::WalkDir::new(&static_dir)
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
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                t.statics.retain(|(n, _)| *n != name);
                t.statics.push((name, bytes));
            }
            Err(e) => diags.push(Diagnostic::error(
                display_path(root, entry.path()),
                format!("cannot read: {e}"),
            )),
        }
    }
    (t, diags)
}

fn compile(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    let raw: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(n, s, _)| (n.as_str(), s.as_str()))
        .collect();
    tera.add_raw_templates(raw).map_err(|e| {
        let file = theme
            .templates
            .iter()
            .find(|(n, _, _)| e.to_string().contains(n.as_str()))
            .map(|(_, _, p)| p.clone())
            .unwrap_or_else(|| PathBuf::from("themes"));
        vec![Diagnostic::error(
            file,
            format!("template error: {}", error_chain(&e)),
        )]
    })?;
    Ok(tera)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// What every page gets besides its own view.
#[derive(Serialize)]
struct Frame<'a, P: Serialize> {
    site_title: &'a str,
    t: &'a Labels,
    root: String,
    /// The page's own path, for the navigation's current item.
    path: &'a str,
    title: String,
    today: String,
    today_iso: String,
    page: P,
}

struct Renderer<'a> {
    g: &'a Graph,
    tera: Tera,
    out: Vec<OutFile>,
    errors: Vec<Diagnostic>,
}

impl Renderer<'_> {
    fn page<P: Serialize>(&mut self, template: &str, path: &str, title: String, page: P) {
        let g = self.g;
        let frame = Frame {
            site_title: &g.config.title,
            t: i18n::labels(g.config.language),
            root: paths::root_of(path),
            path,
            title,
            today: i18n::long_date(g.config.language, g.today),
            today_iso: g.today.to_string(),
            page,
        };
        let result =
            Context::from_serialize(&frame).and_then(|ctx| self.tera.render(template, &ctx));
        match result {
            Ok(html) => self.out.push(OutFile {
                path: path.to_string(),
                bytes: html.into_bytes(),
            }),
            Err(e) => self.errors.push(Diagnostic::error(
                PathBuf::from("themes").join(template),
                format!("rendering {path} failed: {}", error_chain(&e)),
            )),
        }
    }
}

/// Renders every page and export. Errors come from templates (a site's own theme).
pub fn render_site(g: &Graph, theme: &Theme) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    let tera = compile(theme)?;
    let t = i18n::labels(g.config.language);
    let mut r = Renderer {
        g,
        tera,
        out: Vec::new(),
        errors: Vec::new(),
    };
    r.page(
        "index.html",
        paths::HOME,
        g.config.title.clone(),
        pages::home(g),
    );
    r.page(
        "documents.html",
        paths::DOCUMENTS,
        t.documents.to_string(),
        pages::documents(g),
    );
    r.page(
        "bodies.html",
        paths::BODIES,
        t.bodies.to_string(),
        pages::bodies(g),
    );
    r.page(
        "tasks.html",
        paths::TASKS,
        t.tasks.to_string(),
        pages::tasks(g),
    );
    for (d, doc) in g.documents.iter().enumerate() {
        let title = format!("{} {}", doc.kind, doc.id);
        r.page(
            "document.html",
            &paths::document(&doc.slug),
            title,
            pages::document(g, d),
        );
    }
    let parties: Vec<Party> = g.registry.parties().collect();
    for &p in &parties {
        let path = paths::party(g.registry.slug(p));
        r.page(
            "party.html",
            &path,
            g.registry.name(p).to_string(),
            pages::party(g, p),
        );
    }
    if !r.errors.is_empty() {
        return Err(r.errors);
    }
    let mut out = r.out;
    for &p in &parties {
        let (led, supported, of_groups) = pages::party_tasks(g, p);
        let mut ts: Vec<_> = led.into_iter().chain(supported).chain(of_groups).collect();
        ts.sort_unstable();
        ts.dedup();
        out.push(OutFile {
            path: paths::party_calendar(g.registry.slug(p)),
            bytes: export::ics(
                g,
                &ts,
                &format!("{} — {}", g.config.title, g.registry.name(p)),
            ),
        });
    }
    out.push(OutFile {
        path: "data.json".into(),
        bytes: export::data_json(g),
    });
    out.push(OutFile {
        path: "tasks.csv".into(),
        bytes: export::csv(g),
    });
    let all: Vec<_> = (0..g.tasks.len()).collect();
    out.push(OutFile {
        path: "tasks.ics".into(),
        bytes: export::ics(g, &all, &g.config.title),
    });
    for (name, bytes) in &theme.statics {
        out.push(OutFile {
            path: format!("static/{name}"),
            bytes: bytes.clone(),
        });
    }
    Ok(out)
}
