//! The problems with the `at` of a loaded document's tasks, each found by [`problem`] (`at.rs`)
//! over the blocks of the document's text: on loading ([`problems`], for `serve`), or for
//! all documents at once when a build stops before its render ([`problems_of_all`]).

use rayon::prelude::*;

use super::{Documents, SourceDoc};
use crate::diagnostic::Diagnostic;
use crate::load::at::problem;
use crate::markdown;

/// The problems with the `at` of the tasks of documents loaded with
/// [`AtCheck::OnRender`](crate::load::at::AtCheck::OnRender), for a build that stops before its
/// render.
pub fn problems_of_all(docs: &Documents) -> Vec<Diagnostic> {
    docs.docs
        .par_iter()
        .flat_map_iter(|d| problems(d))
        .collect()
}

/// The problems with the `at` of a document's tasks: each must name exactly one block of
/// the document's text. Only the document's own text is involved, so this belongs to
/// loading (done once per file, in parallel, and cached by `serve`), or to the render.
pub fn problems(doc: &SourceDoc) -> Vec<Diagnostic> {
    if doc.tasks.iter().all(|t| t.at.is_none()) {
        return Vec::new();
    }
    let blocks = markdown::blocks(&doc.body);
    let finder = markdown::AtFinder::new(&blocks);
    doc.tasks
        .iter()
        .filter_map(|t| t.at.as_ref())
        .filter_map(|at| {
            problem(
                &doc.file,
                doc.body_line,
                at,
                &finder.find(&at.value),
                &blocks,
            )
        })
        .collect()
}
