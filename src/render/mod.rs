//! Rendering: turns the graph into every output file, in memory, with the theme's Tera
//! templates (`theme.rs`: the default theme compiled into the binary, overridden file by file
//! by the site's own `themes/NAME/`). Nothing is written to disk here.

mod cache;
mod cells;
pub mod chain;
pub mod filters;
pub mod html;
pub mod lists;
pub mod order;
pub mod pages;
pub(crate) mod reads;
pub mod rollup;
pub mod rows;
mod site;
mod theme;
mod timeline;
pub mod views;
mod which;

use crate::layout::Depth;
use crate::messages::msg;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostic::Diagnostic;
use crate::export;
use crate::graph::Graph;
use crate::i18n::{self, Labels};
use crate::model::{DocId, Language, Party, Texts};
pub use cache::TaskCache;
use reads::Reads;
use rows::Rows;
use site::{exports, reports, site_pages, stopped_ref};
use theme::error_chain;
pub use theme::Templates;
use views::{paths, PageView};
pub use which::{PageId, PageSet, Pages, SitePage};

pub use crate::outfile::{collect_sorted, OutFile};

/// What every page of a build gets besides its own values (`root`, `path`, `title` and
/// `page`, inserted by [`render_page`]). Made into a Tera context once per build
/// ([`base_context`]) and cloned for each worker, not serialised again for each page: the
/// interface words alone are some two hundred strings.
#[derive(Serialize)]
struct Common<'a> {
    site_title: &'a str,
    t: &'a Labels,
    today: String,
    today_iso: String,
    soon_days: u32,
}

fn base_context(g: &Graph) -> Result<Context, Diagnostic> {
    Context::from_serialize(Common {
        site_title: &g.config().title,
        t: i18n::labels(g.config().language),
        today: i18n::long_date(g.config().language, g.today()),
        today_iso: g.today().to_string(),
        soon_days: g.config().soon_days,
    })
    .map_err(|e| {
        Diagnostic::error(
            PathBuf::from("themes"),
            msg::theme_context_failed(error_chain(&e)),
        )
    })
}

/// Renders one page into `ctx`, a clone of the build's [`base_context`] (the page's own
/// values replace those of the page rendered in it before).
fn render_page<P: PageView>(
    ctx: &mut Context,
    tera: &Tera,
    template: &str,
    path: &str,
    title: String,
    page: P,
) -> Result<OutFile, Diagnostic> {
    // Rendered into bytes: `Tera::render` would check the whole page is UTF-8 once more.
    let mut bytes = Vec::with_capacity(16 * 1024 + page.written());
    // `root` leads from the page back to the output root; `path` is the page's own, for the
    // navigation's current item.
    ctx.try_insert("root", Depth::of(path).prefix())
        .and_then(|()| ctx.try_insert("path", path))
        .and_then(|()| ctx.try_insert("title", &title))
        .and_then(|()| ctx.try_insert("page", &page))
        .and_then(|()| tera.render_to(template, ctx, &mut bytes))
        .map(|()| OutFile {
            path: path.to_string(),
            bytes,
        })
        .map_err(|e| {
            Diagnostic::error(
                PathBuf::from("themes").join(template),
                msg::render_failed(path, error_chain(&e)),
            )
        })
}

/// A document's page.
fn document_page(
    ctx: &mut Context,
    g: &Graph,
    tera: &Tera,
    rows: &Rows,
    d: DocId,
    text: &str,
) -> Result<OutFile, Diagnostic> {
    let doc = &g.documents()[d];
    // The page shows the document and its text.
    reads::document(d);
    reads::text(d);
    let page = pages::document(g, rows, d, text);
    render_page(
        ctx,
        tera,
        "document.html",
        &paths::document(&doc.slug),
        views::doc_name(g, d),
        page,
    )
}

/// A party's pages, its calendar and (with `workbook`, when it has tasks) its workbook.
fn party_files(
    ctx: &mut Context,
    g: &Graph,
    tera: &Tera,
    rows: &Rows,
    p: Party,
    workbook: bool,
) -> Result<Vec<OutFile>, Diagnostic> {
    let slug = g.registry().slug(p);
    let lists = pages::PartyLists::of(g, p);
    let links = lists.pages();
    let name = g.registry().name(p);
    let mut files = Vec::with_capacity(links.len() + 1);
    for (i, link) in links.iter().enumerate() {
        let title = if links.len() > 1 {
            format!("{name} ({}/{})", i + 1, links.len())
        } else {
            name.to_string()
        };
        files.push(render_page(
            ctx,
            tera,
            "party.html",
            &link.url,
            title,
            pages::party(g, rows, &lists, i + 1),
        )?);
    }
    if let Party::Body(_) = p {
        files.push(OutFile {
            path: paths::party_script(slug),
            bytes: pages::my_body_script(g, &lists).into_bytes(),
        });
    }
    let title = format!("{} — {name}", g.config().title);
    if workbook && pages::has_tasks(g, p) {
        let path = paths::party_workbook(slug);
        let mut tasks = lists.distinct().to_vec();
        views::sort_tasks(g, &mut tasks);
        if let Some(bytes) = make_workbook(g, &title, &tasks, &|| false, &path)? {
            files.push(OutFile { path, bytes });
        }
    }
    files.push(OutFile {
        path: paths::party_calendar(slug),
        bytes: export::calendar(
            &title,
            lists.distinct().iter().filter_map(|&t| rows.event(t)),
        ),
    });
    Ok(files)
}

/// The workbook of `tasks` ([`export::workbook`]) to be written at `path`; `Ok(None)` when
/// `stopped` said to give up. It fails only on a limit of the format the export keeps to.
fn make_workbook(
    g: &Graph,
    title: &str,
    tasks: &[crate::model::TaskId],
    stopped: &dyn Fn() -> bool,
    path: &str,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    export::workbook(g, title, tasks, stopped).map_err(|e| {
        Diagnostic::error(PathBuf::from(path), msg::render_failed(path, e.to_string()))
    })
}

/// The parties that get a workbook (those with tasks listed on their pages), by the paths of
/// their workbooks: which files a build writes depends on it (`serve` compares them).
pub fn party_workbooks(g: &Graph) -> Vec<String> {
    g.registry()
        .parties()
        .filter(|&p| pages::has_tasks(g, p))
        .map(|p| paths::party_workbook(g.registry().slug(p)))
        .collect()
}

/// Renders pages of one build: the graph, the compiled templates and the context every page
/// starts from.
#[derive(Clone, Copy)]
struct PageRenderer<'a> {
    g: &'a Graph,
    tera: &'a Tera,
    base: &'a Context,
    /// Told what each page read, when `serve` asks.
    reads: Option<&'a ReadsSink<'a>>,
}

/// Told what each page read: its id, and its reads (`reads.rs`).
pub(crate) type ReadsSink<'a> = dyn Fn(PageId, Reads) + Sync + 'a;

impl PageRenderer<'_> {
    /// What `make` makes of page `id`, its reads handed to `self.reads` when it records them.
    fn made<R>(&self, id: PageId, make: impl FnOnce() -> R) -> R {
        match self.reads {
            Some(sink) => {
                let (made, reads) = reads::recording(make);
                sink(id, reads);
                made
            }
            None => make(),
        }
    }

    fn page(
        &self,
        template: &str,
        path: &str,
        title: &str,
        view: impl PageView,
    ) -> Result<OutFile, Diagnostic> {
        let mut ctx = self.base.clone();
        render_page(&mut ctx, self.tera, template, path, title.to_string(), view)
    }
}

/// Renders the pages of `which` in parallel with what `cache` already holds of the tasks (a
/// build passes a new one; `serve` keeps it between edits) and hands each file to `sink` as
/// soon as it is made (from many threads at once), so that a build never holds the whole
/// site. Returns the errors (from templates: a site's own theme), sorted; files made before
/// an error have been handed over all the same, and the caller must discard them. `texts`
/// are the documents' texts (one per document of `g`): each is let go once the pages and the
/// search index are done with it. When `stop` is raised, what is not yet made is skipped.
/// The render stage of the pipeline (`pipeline::render`).
pub fn render(
    g: &Graph,
    templates: &Templates,
    which: Pages<'_>,
    cache: &TaskCache,
    texts: Texts,
    stop: Option<&AtomicBool>,
    sink: &(dyn Fn(OutFile) + Sync),
) -> Vec<Diagnostic> {
    let watch = Watch { stop, reads: None };
    render_watched(g, templates, which, cache, texts, watch, sink)
}

/// What the caller of a render watches it by: `stop`, raised to give up, and `reads`, told
/// what each page read (`serve`, with recording on: `reads::start`).
#[derive(Clone, Copy, Default)]
pub(crate) struct Watch<'a> {
    pub(crate) stop: Option<&'a AtomicBool>,
    pub(crate) reads: Option<&'a ReadsSink<'a>>,
}

/// [`render`], telling `watch.reads` what each page read.
pub(crate) fn render_watched(
    g: &Graph,
    templates: &Templates,
    which: Pages<'_>,
    cache: &TaskCache,
    texts: Texts,
    watch: Watch<'_>,
    sink: &(dyn Fn(OutFile) + Sync),
) -> Vec<Diagnostic> {
    let rows = Rows::new(g, cache);
    let base = match base_context(g) {
        Ok(c) => c,
        Err(e) => return vec![e],
    };
    let page = PageRenderer {
        g,
        tera: &templates.tera,
        base: &base,
        reads: watch.reads,
    };
    let errors = std::sync::Mutex::new(Vec::new());
    let take = |r: Result<OutFile, Diagnostic>| match r {
        Ok(f) => sink(f),
        Err(e) => errors.lock().unwrap_or_else(|e| e.into_inner()).push(e),
    };
    let work = Work {
        page,
        rows: &rows,
        templates,
        stop: watch.stop,
        take: &take,
        sink,
    };
    work.run(which, texts);
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    errors.sort_by_key(|e| e.render(Language::En));
    errors.dedup_by(|a, b| a == b);
    errors
}

/// What every part of a render works with: the pages' renderer and rows, the templates (the
/// static files), `stop`, and where the files go (`take`, with the errors; `sink`).
#[derive(Clone, Copy)]
struct Work<'a> {
    page: PageRenderer<'a>,
    rows: &'a Rows<'a>,
    templates: &'a Templates,
    stop: Option<&'a AtomicBool>,
    take: &'a (dyn Fn(Result<OutFile, Diagnostic>) + Sync),
    sink: &'a (dyn Fn(OutFile) + Sync),
}

impl Work<'_> {
    /// Renders the pages of `which`; `texts` are the documents' texts, each let go once
    /// nothing more is made of it.
    fn run(self, which: Pages<'_>, texts: Texts) {
        let Work {
            page,
            rows,
            stop,
            take,
            ..
        } = self;
        let g = page.g;
        let parties: Vec<Party> = g.registry().parties().collect();
        let site_and_reports = || {
            rayon::join(
                || site_pages(page, rows, &|_| true, stop, take),
                || reports(page, rows, stopped_ref(stop), take),
            )
        };
        match which {
            Pages::All => {
                rayon::join(site_and_reports, || self.documents_and_index(texts));
                // The exports once the texts are let go: a workbook of every task is held
                // whole by rust_xlsxwriter, and the exports are the biggest files of a site.
                rayon::join(
                    || exports(g, self.templates, rows, None, stop, take),
                    || self.party_pages(&parties, true),
                );
            }
            Pages::EveryPage => {
                // `check` makes no workbook (nor any export): it only looks for errors.
                rayon::join(site_and_reports, || {
                    self.document_pages(g.documents().ids().zip(texts.0).collect());
                    self.party_pages(&parties, false)
                });
            }
            Pages::Some(set) => {
                let wanted = |p: SitePage| set.site.contains(&p);
                let own = set.documents.iter();
                let own = own.map(|&d| (d, Arc::clone(&texts.0[d]))).collect();
                drop(texts);
                rayon::join(
                    || site_pages(page, rows, &wanted, stop, take),
                    || {
                        self.document_pages(own);
                        self.party_pages(&set.parties, true)
                    },
                );
            }
            Pages::Exports => {
                rayon::join(
                    || exports(g, self.templates, rows, Some(texts), stop, take),
                    || reports(page, rows, stopped_ref(stop), take),
                );
            }
        }
    }

    /// The pages of documents (each with its text, let go once its page is made). Each worker
    /// renders into its own copy of the base context, in small jobs (see
    /// `source::load_documents`), so that neither core waits at the end while the other
    /// renders a long piece alone.
    fn document_pages(self, docs: Vec<(DocId, Arc<str>)>) {
        docs.into_par_iter().with_max_len(128).for_each_init(
            || self.page.base.clone(),
            |ctx, (d, text)| self.document(ctx, d, &text),
        );
    }

    /// Document `d`'s page, of its `text`, rendered from `ctx` and handed over.
    fn document(self, ctx: &mut tera::Context, d: DocId, text: &str) {
        let PageRenderer { g, tera, .. } = self.page;
        (self.take)(self.page.made(PageId::Document(d), || {
            document_page(ctx, g, tera, self.rows, d, text)
        }));
    }

    /// Every document's page and the search index, made of the same texts at the same time:
    /// a chunk of the index's records at a time, its documents' pages then its words, after
    /// which its texts are let go (at 10,000 documents of long texts, 145 MiB in all). Then
    /// the rest of the index (`search::write_with`).
    fn documents_and_index(self, texts: Texts) {
        let each = crate::search::Each {
            chunks_per_job: 16,
            init: || self.page.base.clone(),
            document: |ctx: &mut tera::Context, d, text: &str| self.document(ctx, d, text),
        };
        let stopped = stopped_ref(self.stop);
        let file = |f: OutFile| (self.take)(Ok(f));
        crate::search::write_with(self.page.g, texts, &stopped, &file, each);
    }

    /// The pages of `parties` (with their workbooks, when asked), the biggest first: a body's
    /// page can take tens of milliseconds, and one of them left for last kept a core idle at
    /// the end of a build.
    fn party_pages(self, parties: &[Party], workbooks: bool) {
        let PageRenderer { g, tera, base, .. } = self.page;
        heaviest_first(g, parties)
            .par_iter()
            .with_max_len(16)
            .for_each_init(
                || base.clone(),
                |ctx, &p| match self.page.made(PageId::Party(p), || {
                    party_files(ctx, g, tera, self.rows, p, workbooks)
                }) {
                    Ok(files) => files.into_iter().for_each(self.sink),
                    Err(e) => (self.take)(Err(e)),
                },
            );
    }
}

/// `parties` ordered by how much their pages list (tasks led, supported and of their groups,
/// documents received), the most first.
fn heaviest_first(g: &Graph, parties: &[Party]) -> Vec<Party> {
    let weight = |p: Party| {
        let groups = match p {
            Party::Body(b) => g
                .groups_of(b)
                .iter()
                .map(|&gr| g.leads(Party::Group(gr)).len() + g.supports(Party::Group(gr)).len())
                .sum(),
            Party::Group(_) => 0,
        };
        g.leads(p).len() + g.supports(p).len() + groups + g.received(p).len()
    };
    let mut by_weight = parties.to_vec();
    by_weight.sort_by_cached_key(|&p| (std::cmp::Reverse(weight(p)), p));
    by_weight
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_labels_script_holds_the_words_of_the_sites_language_as_json() {
        for (lang, due_soon) in [
            (crate::model::Language::Vi, "Sắp đến hạn"),
            (crate::model::Language::En, "Due soon"),
        ] {
            let script = site::labels_script(lang);
            let json = script
                .strip_prefix("window.chidaoLabels = ")
                .and_then(|s| s.strip_suffix(";\n"))
                .expect(&script);
            let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
            assert_eq!(v["statuses"]["due_soon"], due_soon);
            assert!(!json.contains('<'), "nothing that could end a script");
        }
    }

    /// The shipped site's graph, with no error, and its theme.
    fn shipped() -> (Graph, crate::load::theme::Theme) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let today = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let (sources, loaded) = crate::pipeline::load(root);
        let (g, diags) = crate::pipeline::resolve(&sources, loaded, today);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        (g, sources.theme)
    }

    /// A build takes the texts out of its graph; `serve` shares them. The site is the same.
    #[test]
    fn texts_taken_from_the_graph_render_the_same_site_as_shared_ones() {
        let (mut g, theme) = shipped();
        let templates = Templates::compile(&theme).unwrap();
        let collect = |g: &Graph, texts: Texts| {
            let (out, errors) = collect_sorted(|sink| {
                render(
                    g,
                    &templates,
                    Pages::All,
                    &TaskCache::new(g),
                    texts,
                    None,
                    sink,
                )
            });
            assert!(errors.is_empty(), "{errors:?}");
            out
        };
        let shared = collect(&g, g.texts());
        let held: Vec<bool> = g.documents().iter().map(|d| d.has_text).collect();
        assert!(held.iter().any(|&h| h) && held.iter().any(|&h| !h));
        let texts = g.take_texts();
        assert!(g.documents().iter().all(|d| d.body.is_empty()));
        assert_eq!(
            g.documents().iter().map(|d| d.has_text).collect::<Vec<_>>(),
            held
        );
        assert!(texts
            .0
            .iter()
            .zip(&held)
            .all(|(t, &h)| h != t.trim().is_empty()));
        let taken = collect(&g, texts);
        assert_eq!(shared.len(), taken.len());
        for (a, b) in shared.iter().zip(&taken) {
            assert_eq!(a.path, b.path);
            assert!(a.bytes == b.bytes, "{} differs", a.path);
        }
    }

    /// A build makes the search index with the documents' pages, a chunk of texts at a time;
    /// it is the index `search::files` makes of the whole graph at once (as `serve` does).
    #[test]
    fn the_index_made_with_the_documents_pages_is_the_whole_graphs() {
        let (g, theme) = shipped();
        let templates = Templates::compile(&theme).unwrap();
        let (out, errors) = collect_sorted(|sink| {
            let cache = TaskCache::new(&g);
            render(&g, &templates, Pages::All, &cache, g.texts(), None, sink)
        });
        assert!(errors.is_empty(), "{errors:?}");
        let dir = format!("{}/", crate::search::DIR);
        let made: Vec<&OutFile> = out.iter().filter(|f| f.path.starts_with(&dir)).collect();
        let whole = crate::search::files(&g);
        assert!(whole.len() > 2, "records, tokens and index.js");
        assert_eq!(made.len(), whole.len());
        for (a, b) in made.iter().zip(&whole) {
            assert_eq!(a.path, b.path);
            assert!(a.bytes == b.bytes, "{} differs", a.path);
        }
    }
}
