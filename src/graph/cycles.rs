//! The graph's cycles: `implements` and `copy_of` between documents, and `implements`
//! between tasks, must not loop; each loop is reported once, naming its links (found by
//! [`crate::cycles::find_cycles`], named by [`crate::cycles::path`]).

use crate::cycles::{find_cycles, path};
use crate::diagnostic::Diagnostic;
use crate::load::source::SourceDoc;
use crate::messages::msg;
use crate::model::{DocId, TaskId};

use super::{source_task, Graph};

/// `implements` and `copy_of` between documents, and `implements` between tasks, must not
/// loop. Each cycle is reported once, at its first document.
pub fn check(g: &Graph, kept: &[&SourceDoc], diags: &mut Vec<Diagnostic>) {
    let doc_edges = |d: usize| -> Vec<usize> {
        let doc = &g.documents[DocId::new(d)];
        let up = doc.implements.iter().copied().chain(doc.copy_of);
        up.map(DocId::index).collect()
    };
    for cycle in find_cycles(g.documents.len(), doc_edges) {
        let cycle: Vec<DocId> = cycle.into_iter().map(DocId::new).collect();
        let d = cycle[0];
        let names: Vec<&str> = cycle
            .iter()
            .chain(std::iter::once(&d))
            .map(|&x| g.documents[x].id.as_str())
            .collect();
        let src = &kept[d.index()];
        let key_line = src
            .implements
            .iter()
            .chain(src.copy_of.iter())
            .find(|l| g.document(&l.value) == Some(cycle[1 % cycle.len()]))
            .map(|l| (l.line, l.key.clone()));
        let (line, key) = key_line.unwrap_or((src.id.line, "implements".into()));
        diags.push(
            Diagnostic::error(&src.file, msg::document_cycle(path(&names)))
                .line(line)
                .key(key)
                .help(msg::document_cycle_help()),
        );
    }
    let task_edges = |t: usize| -> Vec<usize> {
        let up = g.tasks[TaskId::new(t)].implements;
        up.map(TaskId::index).into_iter().collect()
    };
    for cycle in find_cycles(g.tasks.len(), task_edges) {
        let cycle: Vec<TaskId> = cycle.into_iter().map(TaskId::new).collect();
        let t = &g.tasks[cycle[0]];
        let names: Vec<&str> = cycle
            .iter()
            .chain(std::iter::once(&cycle[0]))
            .map(|&x| g.tasks[x].reference.as_ref())
            .collect();
        let line = source_task(kept, t.document, &t.id).and_then(|x| x.implements.as_ref()?.line);
        diags.push(
            Diagnostic::error(&g.documents[t.document].file, msg::task_cycle(path(&names)))
                .line(line)
                .key("implements")
                .help(msg::remove_cycle_link()),
        );
    }
}
