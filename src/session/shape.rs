//! Whether a new graph corresponds to the published one page for page (`same_shape`), with
//! the same tasks (`same_tasks`), and the keys of the numbered list pages (`list_keys`).

use std::collections::HashMap;

use crate::graph::Graph;
use crate::render::{self, SitePage, TaskCache};
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

/// The keys of the numbered list pages of `g` (`lists::list_keys`).
pub(super) fn list_keys(g: &Graph, cache: &TaskCache) -> HashMap<SitePage, u64> {
    let rows = render::rows::Rows::new(g, cache);
    render::lists::list_keys(g, &rows).into_iter().collect()
}

/// Whether two graphs of the same shape have the same tasks, in the same order.
pub(super) fn same_tasks(a: &Graph, b: &Graph) -> bool {
    a.tasks().len() == b.tasks().len()
        && a.tasks()
            .iter()
            .zip(b.tasks())
            .all(|(x, y)| x.document == y.document && x.reference == y.reference)
}
