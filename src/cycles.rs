//! Cycle detection: `implements` and `copy_of` between documents, and `implements` between
//! tasks, must not loop; each loop is reported once, naming every link.

use crate::diagnostic::Diagnostic;
use crate::graph::{source_task, Graph};
use crate::model::{DocId, TaskId};
use crate::source::SourceDoc;

/// `implements` and `copy_of` between documents, and `implements` between tasks, must not
/// loop. Each cycle is reported once, at its first document.
pub fn check(g: &Graph, kept: &[&SourceDoc], diags: &mut Vec<Diagnostic>) {
    let doc_edges = |d: DocId| -> Vec<DocId> {
        let doc = &g.documents[d];
        doc.implements.iter().copied().chain(doc.copy_of).collect()
    };
    for cycle in find_cycles(g.documents.len(), doc_edges) {
        let d = cycle[0];
        let names: Vec<&str> = cycle
            .iter()
            .chain(std::iter::once(&d))
            .map(|&x| g.documents[x].id.as_str())
            .collect();
        let src = &kept[d];
        let key_line = src
            .implements
            .iter()
            .chain(src.copy_of.iter())
            .find(|l| g.document(&l.value) == Some(cycle[1 % cycle.len()]))
            .map(|l| (l.line, l.key.clone()));
        let (line, key) = key_line.unwrap_or((src.id.line, "implements".into()));
        diags.push(
            Diagnostic::error(&src.file, format!("`implements`/`copy_of` form a cycle: {}", names.join(" → ")))
                .line(line)
                .key(key)
                .help("a document cannot carry out or copy itself, directly or through others; remove one link of the cycle"),
        );
    }
    let task_edges = |t: TaskId| -> Vec<TaskId> { g.tasks[t].implements.into_iter().collect() };
    for cycle in find_cycles(g.tasks.len(), task_edges) {
        let t = &g.tasks[cycle[0]];
        let names: Vec<&str> = cycle
            .iter()
            .chain(std::iter::once(&cycle[0]))
            .map(|&x| g.tasks[x].reference.as_ref())
            .collect();
        let line = source_task(kept, t.document, &t.id).and_then(|x| x.implements.as_ref()?.line);
        diags.push(
            Diagnostic::error(
                &g.documents[t.document].file,
                format!(
                    "task `implements` links form a cycle: {}",
                    names.join(" → ")
                ),
            )
            .line(line)
            .key("implements")
            .help("remove one link of the cycle"),
        );
    }
}

/// Elementary cycles found by depth-first search (each reported once, rotated to start at
/// its smallest node).
pub fn find_cycles(n: usize, edges: impl Fn(usize) -> Vec<usize>) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut mark = vec![Mark::New; n];
    let mut cycles: Vec<Vec<usize>> = Vec::new();
    for start in 0..n {
        if mark[start] != Mark::New {
            continue;
        }
        // Iterative DFS: stack of (node, next edge index), path mirrors the active nodes.
        let mut stack: Vec<(usize, Vec<usize>, usize)> = vec![(start, edges(start), 0)];
        mark[start] = Mark::Active;
        while let Some((node, out, i)) = stack.last_mut() {
            if let Some(&next) = out.get(*i) {
                *i += 1;
                match mark[next] {
                    Mark::New => {
                        mark[next] = Mark::Active;
                        let e = edges(next);
                        stack.push((next, e, 0));
                    }
                    Mark::Active => {
                        let pos = stack.iter().position(|(x, _, _)| *x == next).unwrap_or(0);
                        let mut cycle: Vec<usize> =
                            stack[pos..].iter().map(|(x, _, _)| *x).collect();
                        let min = cycle
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, &x)| x)
                            .map_or(0, |(i, _)| i);
                        cycle.rotate_left(min);
                        if !cycles.contains(&cycle) {
                            cycles.push(cycle);
                        }
                    }
                    Mark::Done => {}
                }
            } else {
                mark[*node] = Mark::Done;
                stack.pop();
            }
        }
    }
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_cycle_once() {
        let edges = |n: usize| -> Vec<usize> {
            match n {
                0 => vec![1],
                1 => vec![2],
                2 => vec![0],
                3 => vec![3],
                _ => vec![],
            }
        };
        let c = find_cycles(5, edges);
        assert_eq!(c, vec![vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn no_cycles_in_a_tree() {
        let c = find_cycles(4, |n| if n > 0 { vec![0] } else { vec![] });
        assert!(c.is_empty());
    }
}
