//! The stages of a build, measured separately on generated sites (divan):
//! `cargo bench --bench stages` (sizes: `CHIDAO_BENCH_SIZES=1000,10000`, default 1000).
//!
//! load (read and parse every file) → graph (resolve and validate) → render (every page and
//! export, in memory) → write (into an empty folder, and again over an identical one), and
//! `serve`'s incremental rebuild after one document's title is edited.

#[path = "corpus/mod.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chidao::render::{Pages, Templates};
use chidao::session::Session;
use chrono::NaiveDate;
use divan::Bencher;

fn main() {
    divan::main();
}

fn sizes() -> Vec<usize> {
    std::env::var("CHIDAO_BENCH_SIZES")
        .unwrap_or_else(|_| "1000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A generated site of `n` documents, made once and kept in the temporary folder.
fn site(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chidao-bench-{n}-seed1"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let opts = corpus::Options {
            documents: n,
            seed: 1,
            ..Default::default()
        };
        corpus::generate(&opts, &dir).expect("generating the corpus");
        std::fs::write(&done, "").unwrap();
    }
    dir
}

struct Loaded {
    root: PathBuf,
    sources: chidao::pipeline::Sources,
    graph: chidao::graph::Graph,
    files: Vec<chidao::render::OutFile>,
}

fn loaded(n: usize) -> &'static Loaded {
    static CACHE: OnceLock<std::sync::Mutex<Vec<(usize, &'static Loaded)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut c = cache.lock().unwrap();
    if let Some((_, l)) = c.iter().find(|(k, _)| *k == n) {
        return l;
    }
    let root = site(n);
    let (sources, loaded) = chidao::pipeline::load(&root);
    let (graph, diags) = chidao::pipeline::resolve(&sources, loaded, today());
    assert_eq!(
        chidao::diagnostic::count_errors(&diags),
        0,
        "the corpus is valid"
    );
    let files = render_all(&graph, &templates(&root));
    let l: &'static Loaded = Box::leak(Box::new(Loaded {
        root,
        sources,
        graph,
        files,
    }));
    c.push((n, l));
    l
}

/// Every page and export of `graph`, in memory.
fn render_all(graph: &chidao::graph::Graph, t: &Templates) -> Vec<chidao::render::OutFile> {
    let cache = chidao::render::TaskCache::new(graph);
    let (files, errors) = chidao::render::collect_sorted(|sink| {
        chidao::pipeline::render(graph, t, Pages::All, &cache, graph.texts(), None, sink)
    });
    assert!(errors.is_empty(), "{errors:?}");
    files
}

/// Writes `files` into `out` (`pipeline::write`).
fn write(out: &Path, files: &[chidao::render::OutFile]) -> chidao::output::WriteStats {
    chidao::pipeline::write(out, |put| {
        files.iter().for_each(put);
        Vec::new()
    })
    .expect("no error")
    .expect("written")
}

fn templates(root: &Path) -> Templates {
    let (theme, _) = chidao::load::theme::load_theme(root, &chidao::model::SiteConfig::default());
    Templates::compile(&theme).unwrap()
}

#[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
fn load(bencher: Bencher, n: usize) {
    let root = site(n);
    bencher.bench(|| chidao::pipeline::load(&root));
}

#[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
fn graph(bencher: Bencher, n: usize) {
    let l = loaded(n);
    bencher.bench(|| chidao::pipeline::resolve(&l.sources, Vec::new(), today()));
}

#[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
fn render(bencher: Bencher, n: usize) {
    let l = loaded(n);
    let t = templates(&l.root);
    bencher.bench(|| render_all(&l.graph, &t));
}

#[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
fn write_fresh(bencher: Bencher, n: usize) {
    let l = loaded(n);
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_values(|dir| {
            write(&dir.path().join("out"), &l.files);
            dir
        });
}

#[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
fn write_unchanged(bencher: Bencher, n: usize) {
    let l = loaded(n);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write(&out, &l.files);
    bencher.bench(|| {
        let stats = write(&out, &l.files);
        assert_eq!(stats.written, 0);
    });
}

/// A session on a copy of the generated site of `n` documents, published once, and the
/// document its benches edit: each edit changes the title, as numbered by `round`.
struct Editing {
    _dir: tempfile::TempDir,
    session: Session,
    doc: PathBuf,
    text: String,
}

impl Editing {
    fn new(n: usize) -> Editing {
        let src = site(n);
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy(&src.join("content"), &root.join("content"));
        let mut session = Session::open(&root, &dir.path().join("out"), Some(today()));
        assert!(session.rebuild().published.is_some());
        let doc = mid_chain_document(&root);
        let text = std::fs::read_to_string(&doc).unwrap();
        Editing {
            _dir: dir,
            session,
            doc,
            text,
        }
    }

    /// Saves the document with a new title and tells the session.
    fn save(&mut self, round: u64) {
        let edited = self
            .text
            .replacen("\ntitle: ", &format!("\ntitle: (sửa {round}) "), 1);
        std::fs::write(&self.doc, edited).unwrap();
        assert!(self.session.note(std::slice::from_ref(&self.doc)));
    }
}

/// `serve` after a save: one document's title changes, only its pages and those that show it
/// are rendered and written.
#[divan::bench(args = sizes(), sample_count = 9, sample_size = 1)]
fn incremental_edit(bencher: Bencher, n: usize) {
    let mut e = Editing::new(n);
    let mut round = 0u64;
    bencher.bench_local(|| {
        round += 1;
        e.save(round);
        let o = e.session.rebuild();
        assert!(o.published.is_some_and(|p| !p.full));
    });
}

/// `serve` after a save, up to the pages that list the whole site: the edit's rebuild, then
/// `finish`'s first step (home, chain, indexes and the numbered list pages it changed). The
/// exports and search index that follow are brought up to date between samples, untimed.
#[divan::bench(args = sizes(), sample_count = 9, sample_size = 1)]
fn incremental_edit_and_lists(bencher: Bencher, n: usize) {
    let e = std::cell::RefCell::new(Editing::new(n));
    let round = std::cell::Cell::new(0u64);
    let go = std::sync::atomic::AtomicBool::new(false);
    bencher
        .with_inputs(|| {
            let mut e = e.borrow_mut();
            while e.session.finish(&go).is_some() {}
            round.set(round.get() + 1);
            e.save(round.get());
        })
        .bench_local_values(|()| {
            let s = &mut e.borrow_mut().session;
            assert!(s.rebuild().published.is_some_and(|p| !p.full));
            let lists = s.finish(&go).expect("the lists step");
            assert!(lists.published.is_some());
        });
}

/// A document that implements another and is implemented by others: a typical edit.
fn mid_chain_document(root: &Path) -> PathBuf {
    let (sources, loaded) = chidao::pipeline::load(root);
    let (graph, _) = chidao::pipeline::resolve(&sources, loaded, today());
    let d = graph
        .documents()
        .ids()
        .find(|&d| {
            !graph.documents()[d].implements.is_empty() && graph.implemented_by(d).len() >= 2
        })
        .unwrap_or(chidao::ids::DocId::new(0));
    root.join(&graph.documents()[d].file)
}

fn copy(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}
