//! Cycle detection on plain data, at the bottom of the module graph: the elementary cycles of
//! nodes numbered from 0 ([`find_cycles`]) and a cycle's names as messages show them
//! (`path`: the first few and how many more, on a long one). The graph's checks
//! (`graph/cycles.rs`) and the registry's use them.

use std::collections::HashSet;

use crate::messages::{msg, Msg};

/// Names on a path a message shows: the first few, then how many more, then the last
/// ("a → b → c → d → e → … and 19995 more → a"), so that a path through thousands of
/// documents or bodies is still a line.
pub(crate) fn path(names: &[&str]) -> Msg {
    const SHOWN: usize = 5;
    match names {
        [first @ .., last] if first.len() > SHOWN + 1 => {
            msg::cycle_path_long(first[..SHOWN].join(" → "), first.len() - SHOWN, *last)
        }
        _ => msg::verbatim(names.join(" → ")),
    }
}

/// Elementary cycles found by depth-first search, each reported once, rotated to start at
/// its smallest node. Linear in nodes, edges and the lengths of the cycles found.
pub fn find_cycles(n: usize, edges: impl Fn(usize) -> Vec<usize>) -> Vec<Vec<usize>> {
    const NEW: usize = usize::MAX;
    const DONE: usize = usize::MAX - 1;
    // Each node's place on the stack while it is on it; NEW before, DONE after.
    let mut mark = vec![NEW; n];
    let mut cycles: Vec<Vec<usize>> = Vec::new();
    let mut found: HashSet<Vec<usize>> = HashSet::new();
    for start in 0..n {
        if mark[start] != NEW {
            continue;
        }
        // Iterative DFS: stack of (node, its edges, next edge index).
        let mut stack: Vec<(usize, Vec<usize>, usize)> = vec![(start, edges(start), 0)];
        mark[start] = 0;
        while let Some((node, out, i)) = stack.last_mut() {
            let Some(&next) = out.get(*i) else {
                mark[*node] = DONE;
                stack.pop();
                continue;
            };
            *i += 1;
            match mark[next] {
                NEW => {
                    mark[next] = stack.len();
                    stack.push((next, edges(next), 0));
                }
                DONE => {}
                pos => {
                    let mut cycle: Vec<usize> = stack[pos..].iter().map(|(x, _, _)| *x).collect();
                    let min = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                    cycle.rotate_left(min);
                    if found.insert(cycle.clone()) {
                        cycles.push(cycle);
                    }
                }
            }
        }
    }
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

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

    #[test]
    fn a_long_path_shows_its_first_names_how_many_more_and_its_last() {
        let names: Vec<String> = (0..20).map(|i| format!("n{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(path(&names[..3]).render(Language::En), "n0 → n1 → n2");
        assert_eq!(path(&names[..7]).en(), names[..7].join(" → "));
        assert_eq!(
            path(&names).render(Language::En),
            "n0 → n1 → n2 → n3 → n4 → … and 14 more → n19"
        );
        assert_eq!(
            path(&names).render(Language::Vi),
            "n0 → n1 → n2 → n3 → n4 → … và 14 mục nữa → n19"
        );
    }

    #[test]
    fn a_cycle_of_a_hundred_thousand_is_found_once() {
        let n = 100_000;
        let c = find_cycles(n, |x| vec![(x + 1) % n, (x + 1) % n]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].len(), n);
        assert_eq!(c[0][..3], [0, 1, 2]);
    }
}
