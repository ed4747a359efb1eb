//! Which pages an edit affects: whether a new graph corresponds to the published one page for
//! page (`same_shape`, `same_tasks`), the documents and bodies whose pages show something of
//! the changed documents (`affected`), and the numbered list pages to render again
//! (`lists_to_render`).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::ListChanges;
use crate::graph::Graph;
use crate::model::{DocId, Party, TaskId};
use crate::render::chain;
use crate::render::lists::Listed;
use crate::render::{self, TaskCache};
use crate::text::name_key;

/// Whether two graphs have the same documents with the same slugs, in the same order, and the
/// same registry (so ids and pages correspond one to one).
pub(super) fn same_shape(a: &Graph, b: &Graph) -> bool {
    a.today() == b.today()
        && a.documents().len() == b.documents().len()
        && a.documents()
            .iter()
            .zip(b.documents())
            .all(|(x, y)| x.slug == y.slug && (x.id == y.id || name_key(&x.id) == name_key(&y.id)))
        && a.registry().bodies.len() == b.registry().bodies.len()
        && a.registry().groups.len() == b.registry().groups.len()
        && pages_made(a) == pages_made(b)
}

/// The files whose number or names follow the content: the numbered pages of long lists,
/// the periodic reports and the parties' workbooks. An edit that changes them is built whole
/// (files may go).
pub(super) fn pages_made(g: &Graph) -> (Vec<String>, Vec<String>, Vec<String>) {
    (
        render::lists::list_pages(g),
        render::pages::report_pages(g),
        render::party_workbooks(g),
    )
}

/// The keys of the numbered list pages and the periodic reports of `g`, as published.
pub(super) fn published_keys(g: &Graph, cache: &TaskCache) -> HashMap<String, u64> {
    let lists = render::lists::list_keys(g, &render::rows::Rows::new(g, cache));
    lists.into_iter().map(|l| (l.path, l.key)).collect()
}

/// The numbered pages of the long lists of `g` to render after the edits that made
/// `changes`: those whose rows or count moved since they were `published`, and those that
/// list a document whose file changed, or a task whose row changed (its row now, from
/// `cache`, against the one kept; every task of an affected document when they were not all
/// kept). Also every page's key, to keep once the pages are published.
pub(super) fn lists_to_render(
    published: &HashMap<String, u64>,
    g: &Graph,
    cache: &TaskCache,
    changes: &ListChanges,
) -> (HashSet<String>, HashMap<String, u64>) {
    let rows = render::rows::Rows::new(g, cache);
    let tasks: HashSet<TaskId> = if changes.inexact {
        changes
            .affected
            .iter()
            .flat_map(|&d| g.documents()[d].tasks.iter().copied())
            .collect()
    } else {
        changes
            .rows
            .iter()
            .filter(|&(&t, before)| {
                t.index() >= g.tasks().len() || before.as_deref() != Some(rows.listed(t))
            })
            .map(|(&t, _)| t)
            .collect()
    };
    let mut render = HashSet::new();
    let mut keys = HashMap::new();
    for page in render::lists::list_keys(g, &rows) {
        let touched = match &page.listed {
            Listed::Documents(ds) => ds.iter().any(|d| changes.edited.contains(d)),
            Listed::Tasks(ts) => ts.iter().any(|t| tasks.contains(t)),
        };
        if touched || published.get(&page.path) != Some(&page.key) {
            render.insert(page.path.clone());
        }
        keys.insert(page.path, page.key);
    }
    (render, keys)
}

/// Whether two graphs of the same shape have the same tasks, in the same order.
pub(super) fn same_tasks(a: &Graph, b: &Graph) -> bool {
    a.tasks().len() == b.tasks().len()
        && a.tasks()
            .iter()
            .zip(b.tasks())
            .all(|(x, y)| x.document == y.document && x.reference == y.reference)
}

/// The documents and parties whose pages may show something of the documents read from
/// `files`, in the old graph or the new one. The two graphs have the same shape.
pub fn affected(old: &Graph, new: &Graph, files: &HashSet<PathBuf>) -> (Vec<DocId>, Vec<Party>) {
    let mut docs = HashSet::new();
    let mut parties = HashSet::new();
    for g in [old, new] {
        let seeds: Vec<DocId> = read_from(g, files).collect();
        depends_on(g, &seeds, &mut docs, &mut parties);
    }
    let mut docs: Vec<DocId> = docs.into_iter().collect();
    docs.sort_unstable();
    let mut parties: Vec<Party> = parties.into_iter().collect();
    parties.sort_unstable();
    (docs, parties)
}

/// The documents of `g` read from `files`.
pub(super) fn read_from<'a>(
    g: &'a Graph,
    files: &'a HashSet<PathBuf>,
) -> impl Iterator<Item = DocId> + 'a {
    g.documents()
        .ids()
        .filter(|&d| files.contains(&g.documents()[d].file))
}

/// Adds to `docs` and `parties` the pages of `g` that show something of `seeds`.
fn depends_on(g: &Graph, seeds: &[DocId], docs: &mut HashSet<DocId>, parties: &mut HashSet<Party>) {
    let mut tasks: Vec<TaskId> = Vec::new();
    for &d in seeds {
        let doc = &g.documents()[d];
        docs.insert(d);
        // Pages linking to it, and pages it links to (they list it back).
        docs.extend(
            doc.implements
                .iter()
                .chain(&doc.follows)
                .chain(&doc.references),
        );
        docs.extend(doc.copy_of);
        docs.extend(g.implemented_by(d).iter().chain(g.copies(d)));
        docs.extend(g.followed_by(d).iter().chain(g.referenced_by(d)));
        // The chain above (lược đồ, copy chain) and below (breadcrumbs name it; diagrams
        // draw its box with its task counts).
        let (above, next) = g.ancestors(d, render::pages::SHOWN_ABOVE);
        docs.extend(above.into_iter().chain(next));
        drawn_in(g, d, docs);
        // Targets it reports on, and reports on its targets.
        for r in g.reports() {
            if r.document == d {
                docs.insert(r.target_doc);
            }
            if r.target_doc == d {
                docs.insert(r.document);
            }
        }
        for p in doc.issuer.iter().chain(&doc.recipients) {
            add_party(g, *p, parties);
        }
        tasks.extend(&doc.tasks);
        tasks.extend(g.carried_out(d));
        // Tasks it extended or withdrew: their rows name it, and its date decides them.
        tasks.extend(g.amended(d));
        // Tasks with a progress note reported in it: their rows link to it.
        tasks.extend(g.reported(d));
        // Diagrams also draw the boxes of documents whose tasks it carried out, with their
        // task counts.
        for &t in g.carried_out(d) {
            drawn_in(g, g.tasks()[t].document, docs);
        }
    }
    for &t in &tasks {
        let task = &g.tasks()[t];
        docs.insert(task.document);
        // The document that carried it out lists it.
        docs.extend(task.done_by);
        for p in task.lead.iter().chain(&task.support) {
            add_party(g, *p, parties);
        }
        // Rows of the tasks below name it as their parent.
        for &c in g.task_children(t) {
            docs.insert(g.tasks()[c].document);
            for p in g.tasks()[c].lead.iter().chain(&g.tasks()[c].support) {
                add_party(g, *p, parties);
            }
        }
        // Documents above show it in their tasks' trees, and count it in their roll-ups,
        // however far up (a cycle, an error, ends the walk after as many steps as tasks).
        let mut up = task.implements;
        let mut steps = 0;
        while let Some(u) = up.filter(|_| steps < g.tasks().len()) {
            docs.insert(g.tasks()[u].document);
            // Its row sums up the tasks below it, wherever it is listed.
            for p in g.tasks()[u].lead.iter().chain(&g.tasks()[u].support) {
                add_party(g, *p, parties);
            }
            up = g.tasks()[u].implements;
            steps += 1;
        }
    }
}

/// Adds the pages whose chain diagram draws `d`'s box: the documents up to
/// [`chain::MAX_ANCESTORS`] levels below it (a diagram draws no more above a document; its
/// breadcrumbs and copy chain name fewer), and those up to two levels above it (see
/// `render::chain::neighbourhood`).
// A page's breadcrumbs and copy chain name fewer documents above it than its diagram draws.
const _: () = assert!(crate::render::pages::SHOWN_ABOVE < chain::MAX_ANCESTORS);

fn drawn_in(g: &Graph, d: DocId, docs: &mut HashSet<DocId>) {
    let mut level = vec![d];
    let mut seen = HashSet::from([d]);
    docs.insert(d);
    for _ in 0..chain::MAX_ANCESTORS {
        let below: Vec<DocId> = level
            .iter()
            .flat_map(|&x| chain::children(g, x))
            .filter(|&c| seen.insert(c))
            .collect();
        docs.extend(&below);
        level = below;
    }
    for (p, _) in chain::parents(g, d) {
        docs.insert(p);
        docs.extend(chain::parents(g, p).into_iter().map(|(q, _)| q));
    }
}

/// A party's page, for a group the pages of its members (they list the group's tasks and
/// the documents sent to it), and for a body the pages of the bodies above it (their figures,
/// `render::pages::stats`, count the tasks of the bodies under them).
fn add_party(g: &Graph, p: Party, parties: &mut HashSet<Party>) {
    parties.insert(p);
    match p {
        Party::Group(gr) => {
            for &b in &g.registry().groups[gr].members {
                parties.insert(Party::Body(b));
            }
        }
        Party::Body(b) => {
            parties.extend(g.registry().with_ancestors(b).into_iter().map(Party::Body))
        }
    }
}
