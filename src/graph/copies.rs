//! Copies compared with their originals as the graph is built: each original's text read
//! once and compared with each of its copies (`crate::copies`), the originals in parallel,
//! and the note each differing copy gets.

use std::sync::Arc;

use rayon::prelude::*;

use super::Graph;
use crate::copies::{Comparison, Original};
use crate::diagnostic::Diagnostic;
use crate::ids::DocId;
use crate::model::Document;

/// Each copy that carries its original's text compared with it (`crate::copies::Original`, each
/// original read once and compared with its copies, the originals in parallel: only those
/// being compared are held), and a note for each that differs. The texts must be held
/// (before `take_texts`).
pub(super) fn compare(g: &mut Graph, diags: &mut Vec<Diagnostic>) {
    let originals: Vec<DocId> = g
        .documents
        .ids()
        .filter(|&o| !g.copies[o].is_empty())
        .collect();
    let mut found: Vec<(DocId, Comparison)> = originals
        .into_par_iter()
        .flat_map_iter(|o| compared_copies(g, o))
        .collect();
    found.sort_unstable_by_key(|&(d, _)| d);
    for (d, c) in found {
        g.documents[d].compared = Some(Arc::new(c));
        let doc = &g.documents[d];
        diags.extend(doc.copy_of.and_then(|o| copy_note(doc, &g.documents[o])));
    }
}

/// The copies of original `o` compared with it, when both texts are held and the copy
/// carries the original's; the original's text read once, if any copy is compared.
fn compared_copies(g: &Graph, o: DocId) -> Vec<(DocId, Comparison)> {
    let original = &g.documents[o];
    let copies: Vec<DocId> = g.copies[o]
        .iter()
        .copied()
        .filter(|&d| {
            let doc = &g.documents[d];
            doc.has_text && original.has_text && original.id != doc.id
        })
        .collect();
    if copies.is_empty() {
        return Vec::new();
    }
    let read = Original::read(&original.body);
    copies
        .into_iter()
        .filter_map(|d| Some((d, read.compare(&g.documents[d].body)?)))
        .collect()
}

/// The note that copy `doc` differs from its `original`, if it does.
pub(super) fn copy_note(doc: &Document, original: &Document) -> Option<Diagnostic> {
    crate::copies::note(
        &doc.file,
        doc.body_line,
        &original.id,
        doc.compared.as_deref()?,
    )
}
