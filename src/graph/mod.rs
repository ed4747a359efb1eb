//! The graph: resolves every name and id of the loaded documents against each other and the
//! registry, validates the chain, computes deadlines and status, and builds the reverse
//! indexes (implemented by, copies, followed by, referenced by, tasks below a task, tasks
//! and documents per body) in one pass. Pure: it takes "today" as an argument.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::load::registry::Registry;
use crate::load::source::{Documents, SourceDoc, SourceTask};
use crate::messages::msg;
use crate::model::*;
use crate::status::{self, Facts, Granted, Since, Status};
use crate::text::{name_key, task_key, SlugSet};
use rayon::prelude::*;
use resolve::{resolve_target, target_help, Names};

mod copies;
mod cycles;
mod links;
pub mod patch;
mod read;
mod resolve;

/// The whole resolved site.
#[derive(Debug, Clone)]
pub struct Graph {
    config: SiteConfig,
    today: NaiveDate,
    registry: Registry,
    documents: IdVec<DocId, Document>,
    tasks: IdVec<TaskId, Task>,
    reports: Vec<Report>,
    doc_by_id: FxHashMap<Arc<str>, DocId>,
    task_by_ref: FxHashMap<Arc<str>, TaskId>,
    /// Name keys of documents that exist but failed to load: links to them are not reported
    /// again (their own file's error says what is wrong).
    unreadable: HashSet<String>,
    implemented_by: IdVec<DocId, Vec<DocId>>,
    copies: IdVec<DocId, Vec<DocId>>,
    followed_by: IdVec<DocId, Vec<DocId>>,
    referenced_by: IdVec<DocId, Vec<DocId>>,
    /// Tasks whose `implements` names this task.
    task_children: IdVec<TaskId, Vec<TaskId>>,
    /// Tasks a document carried out (`done_by`).
    carried_out: IdVec<DocId, Vec<TaskId>>,
    /// Tasks a document extended or withdrew (`extended[].by`, `withdrawn`): their
    /// statuses hang on its date.
    amended: IdVec<DocId, Vec<TaskId>>,
    /// Tasks with a progress note reported in this document (`progress[].document`): their
    /// rows link to it.
    reported: IdVec<DocId, Vec<TaskId>>,
    leads: HashMap<Party, Vec<TaskId>>,
    supports: HashMap<Party, Vec<TaskId>>,
    issued: HashMap<Party, Vec<DocId>>,
    received: HashMap<Party, Vec<DocId>>,
    /// Groups each body is a member of.
    groups_of: IdVec<BodyId, Vec<GroupId>>,
    /// Bodies whose parent is this body.
    body_children: IdVec<BodyId, Vec<BodyId>>,
}

impl Graph {
    /// The status of task `t` on every day at once ([`status::changes`]).
    pub fn changes(&self, t: TaskId) -> (Status, Vec<(NaiveDate, Status)>) {
        self.with_facts(t, |facts| status::changes(facts, self.config.soon_days))
    }

    /// `f` of what task `t`'s status is judged from, its documents' dates as they are.
    pub(crate) fn with_facts<R>(&self, t: TaskId, f: impl FnOnce(&Facts) -> R) -> R {
        let task = &self.tasks[t];
        let extended = granted(task);
        f(&facts(task, &extended, |d| self.documents[d].date))
    }

    /// The documents' texts, still held by the graph too (`serve` renders again and again).
    pub fn texts(&self) -> Texts {
        Texts(self.documents.iter().map(|d| Arc::clone(&d.body)).collect())
    }

    /// The documents' texts, taken out of the graph: each document's `body` is left empty
    /// (`has_text` still says whether it had one). A build hands them to the render, which
    /// lets each go once the document's page and search entries are made, instead of holding
    /// every text (most of a big site's memory) to the end.
    pub fn take_texts(&mut self) -> Texts {
        let empty: Arc<str> = Arc::from("");
        Texts(
            self.documents
                .iter_mut()
                .map(|d| std::mem::replace(&mut d.body, Arc::clone(&empty)))
                .collect(),
        )
    }

    pub fn document(&self, id: &str) -> Option<DocId> {
        self.doc_by_id.get(&*name_key(id)).copied()
    }

    /// Whether `DOC#X` (or `DOC`) names a document that exists but failed to load.
    fn names_unreadable(&self, reference: &str) -> bool {
        let doc = reference.split_once('#').map_or(reference, |(doc, _)| doc);
        self.unreadable.contains(&name_key(doc))
    }

    pub fn task(&self, reference: &str) -> Option<TaskId> {
        self.task_by_ref.get(&*task_key(reference)).copied()
    }

    /// The day a task was done: its `done` date, or the date of the document that did it.
    /// (Whether that is on or before the graph's day: [`Graph::done_by_today`].)
    pub fn done_date(&self, t: TaskId) -> Option<NaiveDate> {
        let task = &self.tasks[t];
        task.done
            .or_else(|| task.done_by.and_then(|d| self.documents[d].date))
    }

    /// The done date of a task done on or before the graph's day (one done by an undated
    /// document has none).
    pub fn done_by_today(&self, t: TaskId) -> Option<NaiveDate> {
        self.done_date(t).filter(|_| self.tasks[t].status.is_done())
    }

    /// The chain above a document: its original (or first parent), that one's, ..., the
    /// nearest `max` of them, top first; and the next one up when the chain goes on (whose
    /// page shows the `max` above it). A page never names a whole ancestry: a chain may be
    /// thousands of documents deep.
    pub fn ancestors(&self, d: DocId, max: usize) -> (Vec<DocId>, Option<DocId>) {
        let mut out = Vec::new();
        let mut cur = d;
        while let Some(&up) = self.documents[cur]
            .copy_of
            .as_ref()
            .or_else(|| self.documents[cur].implements.first())
        {
            if out.contains(&up) || up == d {
                break;
            }
            if out.len() == max {
                out.reverse();
                return (out, Some(up));
            }
            out.push(up);
            cur = up;
        }
        out.reverse();
        (out, None)
    }

    /// Documents at the top of the chain: neither implementing nor copying another.
    pub fn roots(&self) -> Vec<DocId> {
        self.documents
            .ids()
            .filter(|&d| {
                self.documents[d].implements.is_empty() && self.documents[d].copy_of.is_none()
            })
            .collect()
    }
}

/// Builds and validates the graph. Errors and warnings are returned together; the graph is
/// usable for rendering only when there is no error.
pub fn build(
    config: SiteConfig,
    registry: Registry,
    sources: &Documents,
    today: NaiveDate,
) -> (Graph, Vec<Diagnostic>) {
    let Documents {
        docs: sources,
        unreadable_ids,
    } = sources;
    let mut diags = Vec::new();
    let unreadable = unreadable_ids.iter().map(|i| name_key(i)).collect();
    let mut g = Graph::empty(config, registry, today, unreadable);
    let kept = keep_documents(&mut g, sources, &mut diags);
    let slots = add_documents(&mut g, &kept, &mut diags);
    resolve_tasks(&mut g, &kept, &slots, &mut diags);
    settle_tasks(&mut g, &kept, &mut diags);
    add_results(&mut g, &kept, &mut diags);
    cycles::check(&g, &kept, &mut diags);
    index(&mut g);
    copies::compare(&mut g, &mut diags);
    (g, diags)
}

impl Graph {
    /// A graph with no document yet.
    fn empty(
        config: SiteConfig,
        registry: Registry,
        today: NaiveDate,
        unreadable: HashSet<String>,
    ) -> Graph {
        Graph {
            config,
            today,
            registry,
            documents: IdVec::new(),
            tasks: IdVec::new(),
            reports: Vec::new(),
            doc_by_id: FxHashMap::default(),
            task_by_ref: FxHashMap::default(),
            unreadable,
            implemented_by: IdVec::new(),
            copies: IdVec::new(),
            followed_by: IdVec::new(),
            referenced_by: IdVec::new(),
            task_children: IdVec::new(),
            carried_out: IdVec::new(),
            amended: IdVec::new(),
            reported: IdVec::new(),
            leads: HashMap::new(),
            supports: HashMap::new(),
            issued: HashMap::new(),
            received: HashMap::new(),
            groups_of: IdVec::new(),
            body_children: IdVec::new(),
        }
    }
}

/// Pass 1: the documents kept (a later one with the id of an earlier one is an error and
/// left out), each given its id in `g.doc_by_id`, its slug and its place in `g.documents`.
fn keep_documents<'s>(
    g: &mut Graph,
    sources: &'s [Arc<SourceDoc>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<&'s SourceDoc> {
    let mut kept: Vec<&SourceDoc> = Vec::new();
    for src in sources.iter().map(|s| &**s) {
        diags.extend(crate::load::fields::slug_too_long(
            &src.file, &src.id, &src.slug,
        ));
        if let Some(&first) = g.doc_by_id.get(&src.key) {
            let other = &kept[first.index()];
            diags.push(
                Diagnostic::error(&src.file, msg::duplicate_document(&src.id.value))
                    .line(src.id.line)
                    .key("id")
                    .help(msg::duplicate_document_help(msg::diag_file_line(
                        other.file.display().to_string(),
                        other.id.line.unwrap_or(1).to_string(),
                    ))),
            );
            continue;
        }
        g.doc_by_id
            .insert(Arc::clone(&src.key), DocId::new(kept.len()));
        kept.push(src);
    }
    let mut doc_slugs = SlugSet::default();
    g.documents.reserve_exact(kept.len());
    g.tasks
        .reserve_exact(kept.iter().map(|src| src.tasks.len()).sum());
    for &src in &kept {
        let slug = doc_slugs.take_slug(&src.slug);
        g.documents.push(new_document(src, slug));
    }
    kept
}

/// Pass 2: names and relations of each document, resolved in parallel (each reads the graph
/// only), then applied in order; tasks get ids. For each kept document, the task id of each
/// source task (`None`: a skipped duplicate).
fn add_documents(
    g: &mut Graph,
    kept: &[&SourceDoc],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<Option<TaskId>>> {
    let resolved: Vec<(links::DocLinks, Vec<Diagnostic>)> = kept
        .par_iter()
        .with_max_len(256)
        .enumerate()
        .map_init(Names::default, |names, (d, src)| {
            let d = DocId::new(d);
            let mut found = Vec::new();
            (links::document(g, names, d, src, &mut found), found)
        })
        .collect();
    let mut slots = Vec::with_capacity(kept.len());
    for (d, (src, (l, found))) in kept.iter().zip(resolved).enumerate() {
        let d = DocId::new(d);
        diags.extend(found);
        l.apply(&mut g.documents[d]);
        slots.push(add_tasks(g, kept, d, src, diags));
    }
    slots
}

/// The tasks of document `d`, given ids in order; a task with the id of an earlier one of
/// the same document is an error and skipped.
fn add_tasks(
    g: &mut Graph,
    kept: &[&SourceDoc],
    d: DocId,
    src: &SourceDoc,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<TaskId>> {
    let file = src.file.as_path();
    // The anchors made at load, unless a task is skipped: from then on they are made
    // again, as if the skipped one were not there.
    let mut anchors: Option<SlugSet> = None;
    let mut doc_slots = Vec::with_capacity(src.tasks.len());
    for t in &src.tasks {
        if let Some(&first) = g.task_by_ref.get(&t.key) {
            diags.push(
                Diagnostic::error(file, msg::duplicate_task(&t.id.value))
                    .line(t.id.line)
                    .key(&t.id.key)
                    .help(msg::duplicate_task_help(
                        &t.id.value,
                        source_task(kept, d, &g.tasks[first].id)
                            .and_then(|x| x.id.line)
                            .unwrap_or(1)
                            .to_string(),
                    )),
            );
            doc_slots.push(None);
            anchors.get_or_insert_with(|| {
                let mut taken = SlugSet::default();
                for &k in &g.documents[d].tasks {
                    taken.take(&g.tasks[k].id);
                }
                taken
            });
            continue;
        }
        let id = g.tasks.next_id();
        doc_slots.push(Some(id));
        g.task_by_ref.insert(Arc::clone(&t.key), id);
        g.documents[d].tasks.push(id);
        let anchor = match &mut anchors {
            None => Arc::clone(&t.anchor),
            Some(taken) => format!("task-{}", taken.take(&t.id.value)).into(),
        };
        g.tasks.push(new_task(d, t, anchor));
    }
    doc_slots
}

/// Pass 3: tasks' names, parents and deadlines, resolved in parallel like pass 2.
fn resolve_tasks(
    g: &mut Graph,
    kept: &[&SourceDoc],
    slots: &[Vec<Option<TaskId>>],
    diags: &mut Vec<Diagnostic>,
) {
    let resolved: Vec<(links::Tasks, Vec<Diagnostic>)> = kept
        .par_iter()
        .with_max_len(256)
        .enumerate()
        .map_init(links::Seen::default, |seen, (d, src)| {
            let mut found = Vec::new();
            (links::tasks(g, seen, src, &slots[d], &mut found), found)
        })
        .collect();
    for (resolved, found) in resolved {
        diags.extend(found);
        for (tid, l) in resolved {
            l.apply(&mut g.tasks[tid]);
        }
    }
}

/// Statuses, and leads that ceased to exist.
fn settle_tasks(g: &mut Graph, kept: &[&SourceDoc], diags: &mut Vec<Diagnostic>) {
    for tid in g.tasks.ids() {
        let settled = settle(g, &g.tasks[tid], |d| g.documents[d].date);
        settled.apply(&mut g.tasks[tid]);
        if let Some(ceased) = settled.ceased {
            let t = &g.tasks[tid];
            let line = source_task(kept, t.document, &t.id).and_then(|x| x.lead.as_ref()?.line);
            diags.push(ceased_warning(g, t, ceased, line));
        }
    }
}

/// Results reported against targets.
fn add_results(g: &mut Graph, kept: &[&SourceDoc], diags: &mut Vec<Diagnostic>) {
    for (d, src) in kept.iter().enumerate() {
        let d = DocId::new(d);
        for r in &src.results {
            match report(g, d, src, r) {
                Ok(found) => g.reports.extend(found),
                Err(e) => diags.push(e),
            }
        }
    }
}

/// A document as read, before its names are resolved (see [`links::DocLinks::apply`]).
fn new_document(src: &SourceDoc, slug: String) -> Document {
    Document {
        id: src.id.value.clone(),
        number: src.number.as_deref().unwrap_or(&src.id.value).into(),
        slug,
        file: src.file.clone(),
        kind: src.kind.clone(),
        title: src.title.clone(),
        issuer: None,
        date: src.date.as_ref().map(|d| d.value),
        place: src.place.clone(),
        signer: src.signer.clone(),
        signer_title: src.signer_title.clone(),
        implements: Vec::new(),
        copy_of: None,
        follows: Vec::new(),
        references: Vec::new(),
        recipients: Vec::new(),
        source: src.source.clone(),
        tasks: Vec::new(),
        targets: Vec::new(),
        body: Arc::clone(&src.body),
        has_text: !src.body.trim().is_empty(),
        body_line: src.body_line,
        compared: None,
    }
}

/// A task of document `d` as read, before its names are resolved (see
/// [`links::TaskLinks::apply`]) and its status settled ([`settle`]).
fn new_task(d: DocId, t: &SourceTask, anchor: Arc<str>) -> Task {
    Task {
        document: d,
        id: t.id.value.clone(),
        anchor,
        reference: t.reference.clone(),
        text: t.text.clone(),
        lead: None,
        support: Vec::new(),
        due_text: t.due.as_ref().map(|d| d.value.clone()),
        own_due: None,
        extended: Vec::new(),
        withdrawn: None,
        progress: Vec::new(),
        in_force: None,
        due: None,
        due_note: t.due_note.clone(),
        implements: None,
        at: t.at,
        done: t.done,
        done_by: None,
        status: Status::NoDeadline,
        overdue_days: None,
        ceased_lead: None,
    }
}

/// A task's status as of the graph's day, and its lead if that had ceased to exist before
/// the task was due.
pub(crate) struct Settled {
    judged: status::Judged,
    in_force: Option<crate::deadline::Due>,
    /// The lead, when it ceased to exist.
    ceased: Option<(BodyId, CeasedLead)>,
}

impl Settled {
    /// Sets the task's status, deadline in force and ceased lead to these.
    fn apply(&self, t: &mut Task) {
        t.status = self.judged.status;
        t.due = self.judged.due;
        t.overdue_days = self.judged.overdue_days;
        t.in_force = self.in_force;
        t.ceased_lead = self.ceased.map(|(_, c)| c);
    }
}

/// The extensions of `t` as the status rule reads them.
fn granted(t: &Task) -> Vec<Granted> {
    t.extended
        .iter()
        .map(|e| Granted {
            since: e.since,
            due: e.due,
        })
        .collect()
}

/// What the status of `t` is judged from, given the date of each document.
fn facts<'a>(
    t: &Task,
    extended: &'a [Granted],
    date_of: impl Fn(DocId) -> Option<NaiveDate>,
) -> Facts<'a> {
    let done = match (t.done, t.done_by) {
        (Some(date), _) => Some(Since::Day(date)),
        (None, Some(doc)) => Some(Since::of(date_of(doc))),
        (None, None) => None,
    };
    Facts {
        issued: date_of(t.document),
        due: t.own_due,
        extended,
        done,
        withdrawn: t.withdrawn.map(|w| Since::of(date_of(w))),
    }
}

/// Settles task `t` as of `g.today`, given the date of each document (its own, the one that
/// carried it out and the one that withdrew it).
fn settle(g: &Graph, t: &Task, date_of: impl Fn(DocId) -> Option<NaiveDate>) -> Settled {
    let extended = granted(t);
    let facts = facts(t, &extended, date_of);
    let judged = status::judge(&facts, g.today, g.config.soon_days);
    let ceased = match t.lead {
        Some(Party::Body(b)) if judged.status.is_open() => {
            let body = &g.registry.bodies[b];
            let when = judged.due.unwrap_or(g.today);
            body.until.filter(|&u| u < when).map(|until| {
                let c = CeasedLead {
                    until,
                    successor: body.successor,
                };
                (b, c)
            })
        }
        _ => None,
    };
    Settled {
        judged,
        in_force: status::in_force(&facts, g.today),
        ceased,
    }
}

/// The warning for task `t` whose lead `b` ceased to exist; `line` is that of its `lead`.
fn ceased_warning(
    g: &Graph,
    t: &Task,
    (b, c): (BodyId, CeasedLead),
    line: Option<usize>,
) -> Diagnostic {
    let body = &g.registry.bodies[b];
    Diagnostic::warning(
        &g.documents[t.document].file,
        msg::ceased_lead(t.reference.to_string(), &body.id, c.until),
    )
    .line(line)
    .key("lead")
    .maybe_help(
        c.successor
            .map(|s| msg::successor_is(&g.registry.bodies[s].id, &g.registry.bodies[s].name)),
    )
}

/// The report a result of document `d` makes against the target it names (`None` when that
/// target's document failed to load: its own error says so).
fn report(
    g: &Graph,
    d: DocId,
    src: &SourceDoc,
    r: &crate::load::source::SourceResult,
) -> Result<Option<Report>, Diagnostic> {
    match resolve_target(g, &r.target.value) {
        Some((target_doc, target)) => Ok(Some(Report {
            document: d,
            target_doc,
            target,
            year: r.year,
            value: r.value,
        })),
        None if g.names_unreadable(&r.target.value) => Ok(None),
        None => Err(
            Diagnostic::error(&src.file, msg::unknown_target(&r.target.value))
                .line(r.target.line)
                .key(&r.target.key)
                .help(target_help(g)),
        ),
    }
}

/// The entry a task was read from (by id: skipped duplicates come after the kept one).
pub(crate) fn source_task<'a>(
    kept: &'a [&'a SourceDoc],
    doc: DocId,
    id: &str,
) -> Option<&'a SourceTask> {
    kept[doc.index()].tasks.iter().find(|x| x.id.value == id)
}

/// Reverse indexes, built in one pass over documents and tasks.
fn index(g: &mut Graph) {
    let n = g.documents.len();
    g.implemented_by = IdVec::filled(Vec::new(), n);
    g.copies = IdVec::filled(Vec::new(), n);
    g.followed_by = IdVec::filled(Vec::new(), n);
    g.referenced_by = IdVec::filled(Vec::new(), n);
    g.carried_out = IdVec::filled(Vec::new(), n);
    g.amended = IdVec::filled(Vec::new(), n);
    g.reported = IdVec::filled(Vec::new(), n);
    for (d, doc) in g.documents.iter_enumerated() {
        for &p in &doc.implements {
            g.implemented_by[p].push(d);
        }
        if let Some(o) = doc.copy_of {
            g.copies[o].push(d);
        }
        for &p in &doc.follows {
            g.followed_by[p].push(d);
        }
        for &p in &doc.references {
            g.referenced_by[p].push(d);
        }
        if let Some(i) = doc.issuer {
            g.issued.entry(i).or_default().push(d);
        }
        for &r in &doc.recipients {
            g.received.entry(r).or_default().push(d);
        }
    }
    g.task_children = IdVec::filled(Vec::new(), g.tasks.len());
    for (t, task) in g.tasks.iter_enumerated() {
        if let Some(p) = task.implements {
            g.task_children[p].push(t);
        }
        if let Some(d) = task.done_by {
            g.carried_out[d].push(t);
        }
        for d in task.extended.iter().map(|e| e.by).chain(task.withdrawn) {
            if g.amended[d].last() != Some(&t) {
                g.amended[d].push(t);
            }
        }
        for d in task.progress.iter().filter_map(|p| p.document) {
            if g.reported[d].last() != Some(&t) {
                g.reported[d].push(t);
            }
        }
        if let Some(l) = task.lead {
            g.leads.entry(l).or_default().push(t);
        }
        for &s in &task.support {
            g.supports.entry(s).or_default().push(t);
        }
    }
    let nb = g.registry.bodies.len();
    g.groups_of = IdVec::filled(Vec::new(), nb);
    g.body_children = IdVec::filled(Vec::new(), nb);
    for (gi, group) in g.registry.groups.iter_enumerated() {
        for &m in &group.members {
            g.groups_of[m].push(gi);
        }
    }
    for (b, body) in g.registry.bodies.iter_enumerated() {
        if let Some(p) = body.parent {
            g.body_children[p].push(b);
        }
    }
}
