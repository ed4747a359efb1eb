//! `chidao new`: starts a new document file for an editor. It loads the whole site (to find
//! the parents and their tasks), checks its arguments with the build's own code and wording,
//! and writes one Markdown file below `content/` with the front matter filled in: the parents,
//! the issuer, the date, and the parents' tasks that the issuer must carry out, each already
//! linked to the task it implements. It never overwrites a file.

use crate::messages::{msg, Msg};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::NaiveDate;

use super::SiteArgs;
use crate::deadline::{self, Deadline, Due};
use crate::diagnostic::{self, Diagnostic};
use crate::graph::{self, Graph};
use crate::load::source::{self, Documents, Located, SourceDoc};
use crate::model::{BodyId, DocId, Party, TaskId};
use crate::pipeline;
use crate::text::{name_key, slug, squash};
use file::{read_back, render, Front, NewTask};

mod file;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The kind of document (loại văn bản), e.g. "Kế hoạch", "Công văn".
    #[arg(long, value_name = "KIND")]
    pub kind: String,
    /// The issuing body: its id, name or alias in content/bodies.yaml.
    #[arg(long, value_name = "BODY")]
    pub issuer: String,
    /// A document this one carries out (repeat for several). Its tasks for the issuer are
    /// copied into the new file, each linked to the task it implements.
    #[arg(long, value_name = "ID")]
    pub implements: Vec<String>,
    /// The document this one is a copy of (sao lục, sao y, trích sao).
    #[arg(long = "copy-of", value_name = "ID")]
    pub copy_of: Option<String>,
    /// The number as printed (số ký hiệu), e.g. 15-KH/SNV; the file is named after it.
    /// Without it, an id and a file name are made from the kind, issuer and date.
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// The number pages show, when it is not the id: a number printed again in a later term
    /// (give `--id` another id, e.g. 1002-CV/TU-2027), or "" for a document with no printed
    /// number.
    #[arg(long, value_name = "NUMBER")]
    pub number: Option<String>,
    /// The title (trích yếu). Without it, `title` is left empty for the editor to fill in.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The date of issue (default: today), YYYY-MM-DD or D/M/YYYY.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Print the file instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
}

/// The "file" argument diagnostics are reported against.
const ARGS: &str = crate::diagnostic::COMMAND_LINE;

pub fn run(args: &Args) -> ExitCode {
    let root = &args.site.root;
    let lang = super::language(root);
    let (sources, loaded) = pipeline::load(root);
    let (graph, site_diags) = pipeline::resolve(&sources, loaded, args.site.today());
    if !root.join("content").is_dir() {
        super::report(&site_diags, lang);
        super::say(lang, msg::nothing_written_plain());
        return ExitCode::FAILURE;
    }
    let site_errors = diagnostic::count_errors(&site_diags);
    let note_site_errors = || {
        if site_errors > 0 {
            super::say(lang, msg::site_has_errors(site_errors));
        }
    };

    let draft = match prepare(args, &graph, root) {
        Ok(d) => d,
        Err(diags) => {
            super::report(&diags, lang);
            super::say(lang, msg::nothing_written_plain());
            note_site_errors();
            return ExitCode::FAILURE;
        }
    };

    if args.dry_run {
        print!("{}", draft.text);
        super::say(lang, msg::would_write_dry(draft.path.display().to_string()));
        note_site_errors();
        return ExitCode::SUCCESS;
    }
    if let Err(e) = write_new(&root.join(&draft.path), &draft.text) {
        let shown = draft.path.display().to_string();
        let m = if e.kind() == std::io::ErrorKind::AlreadyExists {
            msg::file_exists(shown)
        } else {
            msg::write_failed(shown, e.to_string())
        };
        super::fail(lang, m);
        return ExitCode::FAILURE;
    }
    println!("{}", draft.path.display());
    if draft.title_missing {
        super::say(lang, msg::new_title_empty(draft.path.display().to_string()));
    }
    let tasks = match draft.tasks {
        0 => msg::new_no_tasks(),
        n => msg::new_tasks_copied(n),
    };
    super::say(lang, tasks);
    super::say(lang, msg::new_next());
    note_site_errors();
    ExitCode::SUCCESS
}

/// Creates `path` and writes `text`; fails if anything (even a dangling link) is there.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// The file to write, ready.
#[derive(Debug)]
struct Draft {
    /// Relative to the site root, below `content/`.
    path: PathBuf,
    text: String,
    title_missing: bool,
    tasks: usize,
}

/// Checks the arguments, chooses the file and renders it. Every mistake is returned at once.
fn prepare(args: &Args, g: &Graph, root: &Path) -> Result<Draft, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let given = Given::read(args, g, &mut diags);
    let (issuer, parents) = links(args, g, given.id.as_deref(), &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    let Some(issuer) = issuer else {
        // link_diagnostics reports every issuer that is not one body; this is a safeguard.
        return Err(vec![
            Diagnostic::error(ARGS, msg::not_a_body(&args.issuer)).key("--issuer")
        ]);
    };
    let mut implements: Vec<DocId> = Vec::new();
    for &(key, d) in &parents {
        if key == "--implements" && !implements.contains(&d) {
            implements.push(d);
        }
    }
    let copy_of = parents
        .iter()
        .find(|(k, _)| *k == "--copy-of")
        .map(|&(_, d)| d);

    // Where and under which name.
    let folder = folder_for(g, issuer, implements.first().or(copy_of.as_ref()).copied());
    if let Err(m) = inside_content(root, &folder) {
        return Err(vec![Diagnostic::error(ARGS, m)]);
    }
    let issuer_body = &g.registry().bodies[issuer];
    let (doc_id, stem) = name(g, root, &folder, &given, &issuer_body.name)?;
    let path = folder.join(format!("{stem}.md"));
    let front = Front {
        id: doc_id,
        number: args.number.as_deref().map(squash),
        kind: given.kind,
        title: given.title,
        issuer_id: issuer_body.id.clone(),
        issuer_name: issuer_body.name.clone(),
        date: given.date,
        implements: implements
            .iter()
            .map(|&d| g.documents()[d].id.clone())
            .collect(),
        copy_of: copy_of.map(|d| g.documents()[d].id.clone()),
        tasks: tasks_below(g, issuer, &implements),
        example_task: implements
            .iter()
            .flat_map(|&d| g.documents()[d].tasks.first())
            .map(|&t| g.tasks()[t].reference.to_string())
            .next(),
    };
    let text = render(&front);
    read_back(&path, &text, &front)?;
    Ok(Draft {
        path,
        text,
        title_missing: front.title.is_none(),
        tasks: front.tasks.len(),
    })
}

/// What the arguments give of the new document itself, squashed and checked.
struct Given {
    kind: String,
    title: Option<String>,
    id: Option<String>,
    date: NaiveDate,
}

impl Given {
    fn read(args: &Args, g: &Graph, diags: &mut Vec<Diagnostic>) -> Given {
        let kind = squash(&args.kind);
        if kind.is_empty() {
            diags.push(
                Diagnostic::error(ARGS, msg::kind_empty())
                    .key("--kind")
                    .help(msg::kind_empty_help()),
            );
        }
        let title = args.title.as_deref().map(squash).filter(|t| !t.is_empty());
        let id = args.id.as_deref().map(squash);
        if id.as_deref() == Some("") {
            diags.push(
                Diagnostic::error(ARGS, msg::id_empty())
                    .key("--id")
                    .help(msg::id_empty_help()),
            );
        }
        let date = match &args.date {
            None => g.today(),
            Some(s) => match deadline::parse_date(s) {
                Ok(d) => d,
                Err(m) => {
                    diags.push(
                        Diagnostic::error(ARGS, m)
                            .key("--date")
                            .help(msg::new_date_help()),
                    );
                    g.today()
                }
            },
        };
        Given {
            kind,
            title,
            id: id.filter(|i| !i.is_empty()),
            date,
        }
    }
}

/// The issuer and the parents (`--implements`, `--copy-of`), resolved by the build's own
/// code; what is wrong with them goes to `diags`.
fn links(
    args: &Args,
    g: &Graph,
    id: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<BodyId>, Vec<(&'static str, DocId)>) {
    let probe_id = match id {
        Some(i) if !id_taken(g, i) => i.to_string(),
        _ => "\u{1}chidao-new".to_string(),
    };
    diags.extend(link_diagnostics(
        g,
        &probe_id,
        &args.issuer,
        &args.implements,
        args.copy_of.as_deref(),
    ));
    let issuer = match g.registry().resolve(&args.issuer) {
        Some(Party::Body(b)) => Some(b),
        _ => None,
    };
    let mut parents = Vec::new();
    let named = args
        .implements
        .iter()
        .map(|i| ("--implements", i))
        .chain(args.copy_of.iter().map(|c| ("--copy-of", c)));
    for (key, wanted) in named {
        match g.document(wanted) {
            Some(d) => parents.push((key, d)),
            None if g.is_unreadable(&name_key(wanted)) => diags.push(
                Diagnostic::error(ARGS, msg::parent_unreadable(wanted))
                    .key(key)
                    .help(msg::parent_unreadable_help()),
            ),
            None => {} // reported by link_diagnostics
        }
    }
    (issuer, parents)
}

/// The new document's id and file stem: `--id` (refused when its file or id is taken), or
/// one made from the kind, the issuer's name and the date.
fn name(
    g: &Graph,
    root: &Path,
    folder: &Path,
    given: &Given,
    issuer_name: &str,
) -> Result<(String, String), Vec<Diagnostic>> {
    let Some(i) = &given.id else {
        let stem = free_stem(&derived_stem(&given.kind, issuer_name, given.date), |s| {
            id_taken(g, s) || exists(&root.join(folder).join(format!("{s}.md")))
        });
        return Ok((stem.clone(), stem));
    };
    let stem = slug(i);
    let path = folder.join(format!("{stem}.md"));
    if exists(&root.join(&path)) {
        return Err(vec![Diagnostic::error(
            ARGS,
            msg::file_exists(path.display().to_string()),
        )
        .key("--id")
        .help(msg::file_exists_help())]);
    }
    if let Some(d) = g.document(i) {
        return Err(vec![Diagnostic::error(ARGS, msg::duplicate_document(i))
            .key("--id")
            .help(msg::id_taken_help(
                g.documents()[d].file.display().to_string(),
            ))]);
    }
    if id_taken(g, i) {
        return Err(vec![Diagnostic::error(ARGS, msg::duplicate_document(i))
            .key("--id")
            .help(msg::id_taken_unreadable_help())]);
    }
    Ok((i.clone(), stem))
}

/// The tasks of the parents that the issuer leads or supports, each once, prefilled.
fn tasks_below(g: &Graph, issuer: BodyId, implements: &[DocId]) -> Vec<NewTask> {
    let mut seen = Vec::new();
    let mut tasks = Vec::new();
    for &p in implements {
        for t in matching_tasks(g, issuer, p) {
            if !seen.contains(&t) {
                seen.push(t);
                tasks.push(new_task(g, t));
            }
        }
    }
    tasks
}

/// Whether a document of the site, loaded or not, has this id.
fn id_taken(g: &Graph, id: &str) -> bool {
    g.document(id).is_some() || g.is_unreadable(&name_key(id))
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The diagnostics the build would give a document with this issuer and these links: the
/// site's documents (reduced to their ids) and a stand-in for the new one go through
/// `graph::build`, and what it says about the stand-in is kept, with the flags as keys. So
/// the wording and suggestions are the build's own: an unknown body or document, a group as
/// issuer, a document that names itself.
fn link_diagnostics(
    g: &Graph,
    probe_id: &str,
    issuer: &str,
    implements: &[String],
    copy_of: Option<&str>,
) -> Vec<Diagnostic> {
    let mut ignored = Vec::new();
    let Some(mut blank) = source::parse_document(
        Path::new(ARGS),
        "---\nid: x\nkind: x\ntitle: x\nissuer: x\n---\n",
        &mut ignored,
    ) else {
        return vec![Diagnostic::error(ARGS, msg::new_internal_args())];
    };
    blank.issuer = None;
    let flag = |key: &str, value: &str| Located {
        value: value.trim().to_string(),
        line: None,
        key: key.to_string(),
    };
    let mut docs: Vec<Arc<SourceDoc>> = g
        .documents()
        .iter()
        .map(|d| {
            let mut stub = blank.clone();
            stub.file = d.file.clone();
            stub.set_id(flag("id", &d.id));
            Arc::new(stub)
        })
        .collect();
    let mut probe = blank;
    probe.set_id(flag("id", probe_id));
    probe.issuer = Some(flag("--issuer", issuer));
    probe.implements = implements.iter().map(|i| flag("--implements", i)).collect();
    probe.copy_of = copy_of.map(|c| flag("--copy-of", c));
    docs.push(Arc::new(probe));
    let documents = Documents {
        docs,
        unreadable_ids: g.unreadable().iter().cloned().collect(),
    };
    let (_, diags) = graph::build(
        g.config().clone(),
        g.registry().clone(),
        &documents,
        g.today(),
    );
    diags
        .into_iter()
        .filter(|d| d.file == Path::new(ARGS))
        .collect()
}

/// The bodies and groups whose tasks `issuer` carries out: itself, the bodies above it in the
/// registry (a standing committee acts for its party committee, a department for its
/// people's committee), and every group any of these is a member of.
fn acting_for(g: &Graph, issuer: BodyId) -> Vec<Party> {
    let bodies = g.registry().with_ancestors(issuer);
    let mut out: Vec<Party> = bodies.iter().map(|&b| Party::Body(b)).collect();
    for &b in &bodies {
        for &grp in g.groups_of(b) {
            if !out.contains(&Party::Group(grp)) {
                out.push(Party::Group(grp));
            }
        }
    }
    out
}

/// The tasks of `parent` (and of the documents it is a copy of) that name one of the parties
/// `issuer` acts for as lead or support, in document order.
fn matching_tasks(g: &Graph, issuer: BodyId, parent: DocId) -> Vec<TaskId> {
    let parties = acting_for(g, issuer);
    let mut docs = vec![parent];
    while let Some(o) = g.documents()[*docs.last().unwrap_or(&parent)].copy_of {
        if docs.contains(&o) {
            break;
        }
        docs.push(o);
    }
    docs.iter()
        .flat_map(|&d| g.documents()[d].tasks.iter().copied())
        .filter(|&t| {
            let task = &g.tasks()[t];
            task.lead.is_some_and(|l| parties.contains(&l))
                || task.support.iter().any(|s| parties.contains(s))
        })
        .collect()
}

fn new_task(g: &Graph, t: TaskId) -> NewTask {
    let task = &g.tasks()[t];
    let names = |ps: &[Party]| {
        ps.iter()
            .map(|&p| g.registry().name(p))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut note = format!("Nhiệm vụ {}", task.reference);
    if let Some(l) = task.lead {
        note.push_str(&format!(", chủ trì: {}", g.registry().name(l)));
    }
    if !task.support.is_empty() {
        note.push_str(&format!("; phối hợp: {}", names(&task.support)));
    }
    NewTask {
        note,
        text: task.text.to_string(),
        due: copied_due(task.due_text.as_deref(), task.own_due),
        due_note: task.due_note.as_deref().map(str::to_string),
        implements: task.reference.to_string(),
    }
}

/// The parent's deadline as the new task should say it: as written, except `N ngày`, which
/// counts from the parent's date and so becomes the day it resolved to. A deadline the build
/// could not read is not copied.
fn copied_due(written: Option<&str>, resolved: Option<Due>) -> Option<String> {
    let written = written?;
    match (Deadline::parse(written).ok()?, resolved?) {
        (Deadline::DaysAfter(_), Due::On(d)) => Some(d.format("%Y-%m-%d").to_string()),
        _ => Some(written.to_string()),
    }
}

/// The folder (relative to the root) for a new document of `issuer`: where most of its
/// documents are, else those of the nearest body above it, else the first parent's folder,
/// else `content/`.
fn folder_for(g: &Graph, issuer: BodyId, parent: Option<DocId>) -> PathBuf {
    let mut body = Some(issuer);
    let mut steps = 0;
    while let Some(b) = body {
        let mut counts: BTreeMap<PathBuf, usize> = BTreeMap::new();
        for &d in g.issued(Party::Body(b)).iter() {
            if let Some(dir) = content_folder(&g.documents()[d].file) {
                *counts.entry(dir).or_default() += 1;
            }
        }
        // The most used; on a tie the first in path order.
        if let Some(best) = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            return best.0.clone();
        }
        steps += 1;
        body = g.registry().bodies[b]
            .parent
            .filter(|_| steps < g.registry().bodies.len());
    }
    parent
        .and_then(|d| content_folder(&g.documents()[d].file))
        .unwrap_or_else(|| PathBuf::from("content"))
}

/// The folder of a document file given relative to the root, if it is `content` or below it
/// and made of plain names only.
fn content_folder(file: &Path) -> Option<PathBuf> {
    let dir = file.parent()?;
    let mut comps = dir.components();
    let first_is_content = comps.next() == Some(Component::Normal("content".as_ref()));
    (first_is_content && comps.all(|c| matches!(c, Component::Normal(_)))).then(|| dir.into())
}

/// Refuses a folder whose real location is not below the real `content/` (a link).
fn inside_content(root: &Path, folder: &Path) -> Result<(), Msg> {
    let content = root.join("content").canonicalize();
    let real = root.join(folder).canonicalize();
    match (content, real) {
        (Ok(c), Ok(r)) if r.starts_with(&c) => Ok(()),
        _ => Err(msg::not_below_content(folder.display().to_string())),
    }
}

/// The file stem made when there is no `--id`: `ke-hoach-so-noi-vu-2025-01-15`.
fn derived_stem(kind: &str, issuer_name: &str, date: NaiveDate) -> String {
    slug(&format!("{kind} {issuer_name} {}", date.format("%Y-%m-%d")))
}

/// `base`, or `base-2`, `base-3`, ... : the first that is not `taken`.
fn free_stem(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut candidate = base.to_string();
    let mut n = 1;
    while taken(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    candidate
}

#[cfg(test)]
mod tests;
