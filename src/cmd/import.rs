//! `chidao import FILE... [--dry-run] [--stubs]`: reads documents as offices receive them
//! (.docx, or the plain text of a PDF) and writes a document file for each into `content/`,
//! its front matter filled from the text and every guess marked for the editor. The reading
//! is [`crate::import`]'s (pure); this file is the edge: the arguments, the site (loaded as
//! `check` loads it), the files read and written. It never overwrites a file and never
//! writes outside `content/`.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use super::SiteArgs;
use crate::graph::Graph;
use crate::import::messages::{say, CHECK};
use crate::import::names::{proposal, Names};
use crate::import::{self, write, Doc, Named, Site};
use crate::messages::Msg;
use crate::model::Language;
use crate::model::Party;
use crate::pipeline;
use crate::text::{name_key, slug};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The files to import: Word documents (.docx), or plain UTF-8 text as extracted from a
    /// PDF. A file that bundles several documents (a dispatch, the text it forwards, copy
    /// stamps) gives one file each.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Print the files instead of writing them.
    #[arg(long)]
    pub dry_run: bool,
    /// Also write a file with front matter only for each cited document the site lacks.
    #[arg(long)]
    pub stubs: bool,
}

/// The folder of imported documents whose issuer has none yet.
const DEFAULT_FOLDER: &str = "content/nhap";

pub fn run(args: &Args) -> ExitCode {
    let root = &args.site.root;
    let lang = super::language(root);
    if !root.join("content").is_dir() {
        super::fail(lang, say::no_content(root));
        return ExitCode::FAILURE;
    }
    let (sources, loaded) = pipeline::load(root);
    let (g, site_diags) = pipeline::resolve(&sources, loaded, args.site.today());
    let site = site_of(&g);
    let mut failed = false;
    let mut planned: Vec<PathBuf> = Vec::new();
    for file in &args.files {
        match import_file(args, (&g, &site, lang), file, &mut planned) {
            Ok(()) => {}
            Err(m) => {
                super::fail(lang, m);
                failed = true;
            }
        }
    }
    let site_errors = crate::diagnostic::count_errors(&site_diags);
    if site_errors > 0 {
        super::say(lang, say::site_errors(site_errors));
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The ids and files of the site's documents, and the folder each issuer's are in.
fn site_of(g: &Graph) -> Site<'_> {
    let documents = g
        .documents()
        .iter()
        .map(|d| (name_key(&d.id), (d.id.clone(), d.file.clone())))
        .collect();
    let mut counts: HashMap<Party, BTreeMap<PathBuf, usize>> = HashMap::new();
    for d in g.documents() {
        if let (Some(p), Some(dir)) = (d.issuer, d.file.parent()) {
            *counts
                .entry(p)
                .or_default()
                .entry(dir.to_path_buf())
                .or_default() += 1;
        }
    }
    let issuer_folders = counts
        .into_iter()
        .filter_map(|(p, c)| {
            let best = c.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
            Some((p, best.0.clone()))
        })
        .collect();
    Site {
        registry: g.registry(),
        documents,
        issuer_folders,
    }
}

/// Imports one file; an error is its message. Documents of the file that can be written are
/// written even when another of it is refused (each refusal is printed).
fn import_file(
    args: &Args,
    (g, site, lang): (&Graph, &Site, Language),
    file: &Path,
    planned: &mut Vec<PathBuf>,
) -> Result<(), Msg> {
    let shown = file.display();
    let bytes = std::fs::read(file).map_err(|e| say::cannot_read(&shown, &e))?;
    let name = file.to_string_lossy();
    let lines = import::read(&name, &bytes).map_err(|e| say::unreadable(&shown, e))?;
    let docs = import::import(&lines, site);
    if docs.is_empty() {
        return Err(say::no_document(&shown));
    }
    let mut refused = Vec::new();
    for d in &docs {
        if let Err(m) = one(args, (g, site, lang), file, d, planned) {
            refused.push(m);
        }
    }
    if args.stubs {
        stubs(args, g, site, &docs, planned, &mut refused, lang);
    }
    let last = refused.pop();
    for m in refused {
        super::fail(lang, m);
    }
    last.map_or(Ok(()), Err)
}

/// Writes (or prints) one document, and says what it guessed.
fn one(
    args: &Args,
    (g, site, lang): (&Graph, &Site, Language),
    file: &Path,
    d: &Doc,
    planned: &mut Vec<PathBuf>,
) -> Result<(), Msg> {
    let shown = file.display();
    if let Some((_, existing)) = site.documents.get(&name_key(&d.id)) {
        if d.copied_by_next {
            super::note(lang, say::held_copy(&shown, &d.id, existing));
            return Ok(());
        }
        return Err(say::id_taken(&shown, &d.id, existing));
    }
    let names = Names::new(g.registry(), d.place.as_deref());
    let text = write::render(d, &names, args.stubs);
    let folder = d
        .folder
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_FOLDER));
    let path = folder.join(format!("{}.md", slug(&d.id)));
    put(args, &path, &text, planned, lang)?;
    tell(&shown, &path, (d, &text, &names), args, lang);
    Ok(())
}

/// Prints `text` (`--dry-run`) or writes it at `path` (relative to the root) as a new file.
fn put(
    args: &Args,
    path: &Path,
    text: &str,
    planned: &mut Vec<PathBuf>,
    lang: Language,
) -> Result<(), Msg> {
    let root = &args.site.root;
    if planned.contains(&path.to_path_buf()) {
        return Err(say::exists(path));
    }
    if args.dry_run {
        print!("{text}");
        super::say(lang, say::would_write(path));
        planned.push(path.to_path_buf());
        return Ok(());
    }
    safe_folder(root, path)?;
    let full = root.join(path);
    let made = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()));
    match made {
        Ok(()) => {
            planned.push(path.to_path_buf());
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(say::exists(path)),
        Err(e) => Err(say::cannot_write(path, &e)),
    }
}

/// Makes the folder of `path` below `content/`, refusing a path that is not made of plain
/// names under `content/`, or a folder on the way that is a link or not a folder.
fn safe_folder(root: &Path, path: &Path) -> Result<(), Msg> {
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    let mut parts = path.components();
    if !plain || parts.next() != Some(Component::Normal("content".as_ref())) {
        return Err(say::outside(path));
    }
    let mut at = root.join("content");
    let dirs: Vec<Component> = path.components().skip(1).collect();
    for c in &dirs[..dirs.len().saturating_sub(1)] {
        at = at.join(c);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(say::outside(path)),
            Err(_) => std::fs::create_dir(&at).map_err(|e| say::cannot_write(path, &e))?,
        }
    }
    Ok(())
}

/// What the editor must check: where the file went, its guesses, unknown names (with the
/// nearest ones and a `bodies.yaml` entry), and cited documents the site lacks.
fn tell(
    shown: &dyn std::fmt::Display,
    path: &Path,
    (d, text, names): (&Doc, &str, &Names),
    args: &Args,
    lang: Language,
) {
    let guesses = text.matches(CHECK).count();
    super::say(
        lang,
        say::done(
            args.dry_run,
            path,
            &d.id,
            &d.kind.value,
            d.tasks.len(),
            guesses,
        ),
    );
    let mut unknown: Vec<&str> = Vec::new();
    let leads = d.tasks.iter().map(|t| &t.lead);
    for n in std::iter::once(&d.issuer.value).chain(leads) {
        if let Named::Unknown(s) = n {
            if !s.is_empty() && !unknown.contains(&s.as_str()) {
                unknown.push(s);
            }
        }
    }
    for u in unknown {
        super::warn(lang, say::unknown_body(shown, u, names.suggest(u)));
        eprint!("{}", proposal(u, None));
    }
    if !args.stubs {
        for c in &d.missing {
            super::note(lang, say::missing(shown, &d.id, &c.number));
        }
    }
}

/// Writes a front-matter-only file for each document the file's documents cite that the
/// site lacks.
fn stubs(
    args: &Args,
    g: &Graph,
    site: &Site,
    docs: &[Doc],
    planned: &mut Vec<PathBuf>,
    refused: &mut Vec<Msg>,
    lang: Language,
) {
    let mut done: Vec<String> = Vec::new();
    for d in docs {
        for c in &d.missing {
            let taken = site.documents.contains_key(&name_key(&c.number))
                || docs.iter().any(|x| x.id == c.number)
                || done.contains(&c.number);
            if taken {
                continue;
            }
            done.push(c.number.clone());
            let names = Names::new(g.registry(), d.place.as_deref());
            let text = write::stub(c, &names, "Văn bản");
            let folder = d
                .folder
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEFAULT_FOLDER));
            let path = folder.join(format!("{}.md", slug(&c.number)));
            match put(args, &path, &text, planned, lang) {
                Ok(()) => super::say(lang, say::stub(args.dry_run, &path, &c.number)),
                Err(m) => refused.push(m),
            }
        }
    }
}
