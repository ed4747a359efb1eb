//! What an edit changed of what pages show ([`Changed`], by the ids of the published graph):
//! the documents, texts, tasks and parties whose values differ between the published graph
//! and the edited one, compared value by value, with what is worked out of the whole graph
//! (each task's roll-up, each party's figures). Pages record what they read
//! (`render::reads`); this only says what differs.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Debug;

use crate::graph::patch::Plan;
use crate::graph::Graph;
use chrono::NaiveDate;

use crate::model::{DocId, Document, IdVec, Party, Task, TaskId};
use crate::render::reads::{Changed, Reads};
use crate::render::rollup::Rollup;
use crate::render::{PageId, PageSet, SitePage};
use crate::stats::Stats;
use crate::status::Status;

/// What is worked out of a whole graph and shown: every task's roll-up, every party's
/// figures.
#[derive(Clone, Copy)]
pub(super) struct Derived<'a> {
    pub(super) rollups: &'a IdVec<TaskId, Option<Rollup>>,
    pub(super) stats: &'a Stats,
}

/// The pages of `reads` that read something `changed` names: the documents' and parties'
/// (rendered at once), and apart the pages that list the whole site (which `finish`
/// renders).
pub(super) fn pages_meeting(
    reads: &HashMap<PageId, Reads>,
    changed: &Changed,
) -> (PageSet, BTreeSet<SitePage>) {
    let meeting = changed.meeting();
    let mut set = PageSet::default();
    for (&id, r) in reads {
        if r.meet(&meeting) {
            set.insert(id);
        }
    }
    set.documents.sort_unstable();
    set.parties.sort_unstable();
    let site = std::mem::take(&mut set.site);
    (set, site)
}

/// A task's status on every day (`Graph::changes`): what timelines count, judged from its
/// documents' dates too.
pub(super) type Statuses = (Status, Vec<(NaiveDate, Status)>);

/// Each task `plan` replaces, with its statuses over time in `g` (before the patch).
pub(super) fn statuses_before(g: &Graph, plan: &Plan) -> Vec<(TaskId, Statuses)> {
    plan.tasks().map(|(t, _)| (t, g.changes(t))).collect()
}

/// The changes of a patch applied in place: `undo` holds the values it replaced and
/// `statuses` the replaced tasks' statuses over time, `g` the new ones (the same tasks, links
/// and parties' lists: only values and derived figures change).
pub(super) fn patched(
    g: &Graph,
    (undo, statuses): (&Plan, &[(TaskId, Statuses)]),
    before: Derived,
    after: Derived,
) -> Changed {
    let mut c = Changed::default();
    for (d, old) in undo.documents() {
        compare_document(&mut c, d, old, &g.documents()[d], &Some);
    }
    for (t, old) in undo.tasks() {
        if !same_task(old, &g.tasks()[t], &Some) {
            c.tasks.insert(t);
        }
    }
    for (t, old) in statuses {
        if *old != g.changes(*t) {
            c.tasks.insert(*t);
        }
    }
    for (i, old) in undo.reports() {
        if format!("{old:?}") != format!("{:?}", g.reports()[i]) {
            c.documents.insert(old.document);
            c.documents.insert(old.target_doc);
        }
    }
    compare_derived(&mut c, before, after, &Some);
    c
}

/// The changes between `old`, the published graph, and `new`, built again with the same
/// documents and registry (`same_shape`); tasks correspond by their reference (`new_id`).
pub(super) fn rebuilt(
    old: &Graph,
    new: &Graph,
    new_id: &dyn Fn(TaskId) -> Option<TaskId>,
    before: Derived,
    after: Derived,
) -> Changed {
    let mut c = Changed::default();
    for ((d, a), b) in old.documents().iter_enumerated().zip(new.documents()) {
        compare_document(&mut c, d, a, b, new_id);
        let same_tasks = |x: &[TaskId], y: &[TaskId]| same_list(x, y, new_id);
        let related = old.implemented_by(d) != new.implemented_by(d)
            || old.copies(d) != new.copies(d)
            || old.followed_by(d) != new.followed_by(d)
            || old.referenced_by(d) != new.referenced_by(d)
            || !same_tasks(old.carried_out(d), new.carried_out(d))
            || !same_tasks(old.amended(d), new.amended(d))
            || !same_tasks(old.reported(d), new.reported(d));
        if related {
            c.documents.insert(d);
        }
    }
    for (t, a) in old.tasks().iter_enumerated() {
        let same = new_id(t).is_some_and(|n| {
            same_task(a, &new.tasks()[n], new_id)
                && same_list(old.task_children(t), new.task_children(n), new_id)
                && old.changes(t) == new.changes(n)
        });
        if !same {
            c.tasks.insert(t);
        }
    }
    c.tasks_added = new.tasks().len() > old.tasks().len();
    compare_reports(&mut c, old, new);
    for p in old.registry().parties() {
        let tasks = |f: fn(&Graph, Party) -> &[TaskId]| same_list(f(old, p), f(new, p), new_id);
        let docs = |f: fn(&Graph, Party) -> &[DocId]| same_list(f(old, p), f(new, p), &Some);
        let same = tasks(Graph::leads)
            && tasks(Graph::supports)
            && docs(Graph::issued)
            && docs(Graph::received);
        if !same {
            c.parties.insert(p);
        }
    }
    compare_derived(&mut c, before, after, new_id);
    c
}

/// Whether `a` and `b` hold the same ids, `a`'s as `new_id` gives them.
fn same_list<I: Copy + PartialEq>(a: &[I], b: &[I], new_id: &dyn Fn(I) -> Option<I>) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| new_id(x) == Some(y))
}

fn debug_eq<T: Debug>(a: &T, b: &T) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

/// Notes document `d` changed when what it shows changed (`a` before, `b` after), and its
/// text apart.
fn compare_document(
    c: &mut Changed,
    d: DocId,
    a: &Document,
    b: &Document,
    new_id: &dyn Fn(TaskId) -> Option<TaskId>,
) {
    // Every field named: a new one is a compile error here until it is compared.
    let Document {
        id,
        number,
        slug,
        file,
        kind,
        title,
        issuer,
        date,
        place,
        signer,
        signer_title,
        implements,
        copy_of,
        follows,
        references,
        recipients,
        source,
        tasks,
        targets,
        body,
        has_text,
        // Where the text starts in its file: only problems name it.
        body_line: _,
        compared,
    } = a;
    let same = *id == b.id
        && *number == b.number
        && *slug == b.slug
        && *file == b.file
        && *kind == b.kind
        && *title == b.title
        && *issuer == b.issuer
        && *date == b.date
        && *place == b.place
        && *signer == b.signer
        && *signer_title == b.signer_title
        && *implements == b.implements
        && *copy_of == b.copy_of
        && *follows == b.follows
        && *references == b.references
        && *recipients == b.recipients
        && *source == b.source
        && same_list(tasks, &b.tasks, new_id)
        && debug_eq(targets, &b.targets)
        && *has_text == b.has_text
        && *compared == b.compared;
    if !same {
        c.documents.insert(d);
    }
    if *body != b.body || *has_text != b.has_text {
        c.texts.insert(d);
    }
}

/// Whether task `a` (before) shows as `b` (after).
fn same_task(a: &Task, b: &Task, new_id: &dyn Fn(TaskId) -> Option<TaskId>) -> bool {
    let Task {
        document,
        id,
        reference,
        anchor,
        text,
        lead,
        support,
        due_text,
        own_due,
        extended,
        withdrawn,
        progress,
        in_force,
        due,
        due_note,
        implements,
        at,
        done,
        done_by,
        status,
        overdue_days,
        ceased_lead,
    } = a;
    *document == b.document
        && *id == b.id
        && *reference == b.reference
        && *anchor == b.anchor
        && *text == b.text
        && *lead == b.lead
        && *support == b.support
        && *due_text == b.due_text
        && *own_due == b.own_due
        && *extended == b.extended
        && *withdrawn == b.withdrawn
        && *progress == b.progress
        && *in_force == b.in_force
        && *due == b.due
        && *due_note == b.due_note
        && implements.map(new_id) == b.implements.map(Some)
        && *at == b.at
        && *done == b.done
        && *done_by == b.done_by
        && *status == b.status
        && *overdue_days == b.overdue_days
        && *ceased_lead == b.ceased_lead
}

/// Notes the documents whose results or targets' results differ.
fn compare_reports(c: &mut Changed, old: &Graph, new: &Graph) {
    let by_document = |g: &Graph| {
        let mut m: HashMap<DocId, Vec<String>> = HashMap::new();
        for r in g.reports() {
            let shown = format!("{r:?}");
            m.entry(r.document).or_default().push(shown.clone());
            m.entry(r.target_doc).or_default().push(shown);
        }
        m
    };
    let (a, b) = (by_document(old), by_document(new));
    for d in a.keys().chain(b.keys()) {
        if a.get(d) != b.get(d) {
            c.documents.insert(*d);
        }
    }
}

/// Notes the tasks whose roll-up and the parties whose figures differ.
fn compare_derived(
    c: &mut Changed,
    before: Derived,
    after: Derived,
    new_id: &dyn Fn(TaskId) -> Option<TaskId>,
) {
    for (t, r) in before.rollups.iter_enumerated() {
        let now = new_id(t).and_then(|n| after.rollups.get(n));
        if now != Some(r) {
            c.tasks.insert(t);
        }
    }
    let (a, b) = (before.stats, after.stats);
    for ((i, x), y) in a.bodies.iter_enumerated().zip(&b.bodies) {
        if x != y {
            c.parties.insert(Party::Body(i));
        }
    }
    for ((i, x), y) in a.groups.iter_enumerated().zip(&b.groups) {
        if x != y {
            c.parties.insert(Party::Group(i));
        }
    }
}
