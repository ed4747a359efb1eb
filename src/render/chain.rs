//! The chain, drawn: an SVG diagram of the directive chain, made at build time (no
//! JavaScript). `whole` draws the whole chain, breadth first from the roots up to a budget of
//! documents (the home page a small one, the full view `so-do.html` 250), with a
//! "+N" box under each document whose children did not fit; `neighbourhood` draws one
//! document's place in it: its parents up to the roots, its copies and children two levels
//! down.
//!
//! The layout (`layout`) is pure and deterministic: a document's column is its depth in the
//! implements/copy graph (the longest path from a drawn root, so every arrow points right);
//! its row comes from the drawn tree (each box under one parent): a parent shares the row of
//! its first child and every leaf gets a row of its own, so no two boxes overlap. `svg`
//! (`chain/svg.rs`) writes the picture as an `Html` fragment, which escapes every text and
//! attribute value.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};

use super::views::{doc_order, paths};
use crate::graph::Graph;
use crate::model::DocId;

/// How a child is linked to a parent: it carries it out, or it is a copy of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    Implements,
    Copy,
}

/// A box of the diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Doc {
        doc: DocId,
        current: bool,
    },
    /// `count` documents left out here; `href` (from the output root) lists them.
    More {
        count: usize,
        href: String,
    },
}

/// What to draw: boxes, the box each one hangs under (always an earlier one), arrows.
#[derive(Debug, Clone, Default)]
pub struct Diagram {
    pub items: Vec<Item>,
    pub tree_parent: Vec<Option<usize>>,
    /// (parent, child, kind), as item indices.
    pub edges: Vec<(usize, usize, EdgeKind)>,
    /// Documents of the chain that are not drawn.
    pub hidden: usize,
}

impl Diagram {
    pub fn documents(&self) -> impl Iterator<Item = DocId> + '_ {
        self.items.iter().filter_map(|i| match i {
            Item::Doc { doc, .. } => Some(*doc),
            Item::More { .. } => None,
        })
    }
}

/// A document's parents in the chain: its original first, then what it implements.
pub fn parents(g: &Graph, d: DocId) -> Vec<(DocId, EdgeKind)> {
    let doc = &g.documents()[d];
    let mut out: Vec<(DocId, EdgeKind)> = doc
        .copy_of
        .map(|o| (o, EdgeKind::Copy))
        .into_iter()
        .collect();
    for &p in &doc.implements {
        if !out.iter().any(|&(x, _)| x == p) {
            out.push((p, EdgeKind::Implements));
        }
    }
    out
}

/// A document's children in the chain (copies and documents implementing it), oldest first.
pub fn children(g: &Graph, d: DocId) -> Vec<DocId> {
    // `implemented_by` holds each document once; only a copy that also implements `d` can
    // repeat, and copies are few (a national root is implemented by thousands).
    let copies = g.copies(d);
    let mut out = copies.to_vec();
    out.extend(g.implemented_by(d).iter().filter(|c| !copies.contains(c)));
    out.sort_by(|&a, &b| doc_order(g, a).cmp(&doc_order(g, b)));
    // Which are drawn follows their dates.
    out.iter().copied().for_each(super::reads::document);
    out
}

/// Builds the diagram of `drawn` (in the order they were chosen): ordered so that parents
/// come first, each hung under its first drawn parent (its original, else the first it
/// implements); then one "+N" box per entry of `more` (under that document) and `more_roots`.
fn diagram(
    g: &Graph,
    drawn: &[DocId],
    current: Option<DocId>,
    more: &[(DocId, usize, String)],
    more_roots: Option<(usize, String)>,
) -> Diagram {
    let rank: HashMap<DocId, usize> = drawn.iter().enumerate().map(|(i, &d)| (d, i)).collect();
    let ps: Vec<Vec<(usize, EdgeKind)>> = drawn
        .iter()
        .map(|&d| {
            parents(g, d)
                .into_iter()
                .filter_map(|(p, k)| rank.get(&p).map(|&r| (r, k)))
                .collect()
        })
        .collect();
    // Topological order, ties broken by the order of choice (Kahn with a heap).
    let mut indegree: Vec<usize> = ps.iter().map(Vec::len).collect();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); drawn.len()];
    for (c, list) in ps.iter().enumerate() {
        for &(p, _) in list {
            kids[p].push(c);
        }
    }
    let mut heap: BinaryHeap<Reverse<usize>> = (0..drawn.len())
        .filter(|&i| indegree[i] == 0)
        .map(Reverse)
        .collect();
    let mut order = Vec::with_capacity(drawn.len());
    while let Some(Reverse(i)) = heap.pop() {
        order.push(i);
        for &c in &kids[i] {
            indegree[c] -= 1;
            if indegree[c] == 0 {
                heap.push(Reverse(c));
            }
        }
    }
    // A cycle cannot reach rendering (the graph rejects it); keep any leftover anyway.
    let placed: HashSet<usize> = order.iter().copied().collect();
    order.extend((0..drawn.len()).filter(|i| !placed.contains(i)));
    let mut item_of = vec![usize::MAX; drawn.len()];
    let mut out = Diagram::default();
    for &i in &order {
        let index = out.items.len();
        item_of[i] = index;
        out.items.push(Item::Doc {
            doc: drawn[i],
            current: Some(drawn[i]) == current,
        });
        let mut tree_parent = None;
        for &(p, kind) in &ps[i] {
            if item_of[p] < index {
                out.edges.push((item_of[p], index, kind));
                tree_parent = tree_parent.or(Some(item_of[p]));
            }
        }
        out.tree_parent.push(tree_parent);
    }
    for (d, count, href) in more {
        let Some(&r) = rank.get(d) else { continue };
        let index = out.items.len();
        out.items.push(Item::More {
            count: *count,
            href: href.clone(),
        });
        out.tree_parent.push(Some(item_of[r]));
        out.edges.push((item_of[r], index, EdgeKind::Implements));
    }
    if let Some((count, href)) = more_roots {
        out.items.push(Item::More { count, href });
        out.tree_parent.push(None);
    }
    out.hidden = g.documents().len() - drawn.len();
    out
}

/// The whole chain, breadth first from the roots: at most `budget` documents (a quarter of
/// them roots), at most `per_parent` children under each. `more_href(d)` says where the children of `d` that did
/// not fit are listed; roots that did not fit are listed at `roots_href`.
pub fn whole(
    g: &Graph,
    budget: usize,
    per_parent: usize,
    more_href: impl Fn(DocId) -> String,
    roots_href: &str,
) -> Diagram {
    // Roots that start a chain first, then documents that stand alone; roots take at most
    // a quarter of the budget, so that the chains below them show.
    super::reads::every_document();
    let mut roots = g.roots();
    roots.sort_by_cached_key(|&r| (children(g, r).is_empty(), doc_order(g, r)));
    let root_cap = (budget / 4).max(1);
    let mut seen: HashSet<DocId> = HashSet::new();
    let mut drawn = Vec::new();
    let mut queue = VecDeque::new();
    for &r in roots.iter().take(root_cap) {
        seen.insert(r);
        drawn.push(r);
        queue.push_back(r);
    }
    while let Some(d) = queue.pop_front() {
        let room = per_parent.min(budget.saturating_sub(drawn.len()));
        let fresh: Vec<DocId> = children(g, d)
            .into_iter()
            .filter(|c| !seen.contains(c))
            .take(room)
            .collect();
        for c in fresh {
            seen.insert(c);
            drawn.push(c);
            queue.push_back(c);
        }
    }
    let more: Vec<(DocId, usize, String)> = drawn
        .iter()
        .filter_map(|&d| {
            let n = children(g, d).iter().filter(|c| !seen.contains(c)).count();
            (n > 0).then(|| (d, n, more_href(d)))
        })
        .collect();
    let more_roots =
        (roots.len() > root_cap).then(|| (roots.len() - root_cap, roots_href.to_string()));
    diagram(g, &drawn, None, &more, more_roots)
}

/// Most ancestors, children of one document, and grandchildren under one child drawn
/// around a document.
pub(crate) const MAX_ANCESTORS: usize = 16;
const MAX_CHILDREN: usize = 8;
const MAX_GRANDCHILDREN: usize = 4;

/// A document's neighbourhood: every document above it (nearest first, at most 16), its
/// copies and children and theirs, capped, with "+N" boxes pointing to its relations list.
pub fn neighbourhood(g: &Graph, d: DocId) -> Diagram {
    let mut drawn = Vec::new();
    let mut seen = HashSet::from([d]);
    let mut queue = VecDeque::from([d]);
    while let Some(x) = queue.pop_front() {
        for (p, _) in parents(g, x) {
            if drawn.len() < MAX_ANCESTORS && seen.insert(p) {
                drawn.push(p);
                queue.push_back(p);
            }
        }
    }
    drawn.reverse();
    drawn.push(d);
    let mut more = Vec::new();
    let mut level = vec![d];
    for cap in [MAX_CHILDREN, MAX_GRANDCHILDREN] {
        let mut next = Vec::new();
        for &x in &level {
            let kids: Vec<DocId> = children(g, x)
                .into_iter()
                .filter(|c| !seen.contains(c))
                .collect();
            for &c in kids.iter().take(cap) {
                seen.insert(c);
                drawn.push(c);
                next.push(c);
            }
            if kids.len() > cap {
                let href = format!("{}#h-rel", paths::document(&g.documents()[x].slug));
                more.push((x, kids.len() - cap, href));
            }
        }
        level = next;
    }
    let mut out = diagram(g, &drawn, Some(d), &more, None);
    out.hidden = 0;
    out
}

/// Where a box sits: its column (depth) and row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub col: usize,
    pub row: usize,
}

/// Places `n` boxes (see the module's documentation). `tree_parent[i]`, when set, must be
/// less than `i`; edges go from parent to child. A forest narrower than `max_cols` is cut
/// into bands of whole trees set side by side, of about equal height.
pub fn layout(
    tree_parent: &[Option<usize>],
    edges: &[(usize, usize, EdgeKind)],
    max_cols: usize,
) -> Vec<Place> {
    let n = tree_parent.len();
    let col = columns(tree_parent, edges);
    let (row, roots_height) = rows(tree_parent);
    // Bands: whole trees (a root and what hangs under it), in order.
    let cols = col.iter().max().map_or(1, |c| c + 1);
    let bands = (max_cols / cols).clamp(1, n.max(1));
    let mut band_of_root = vec![(0usize, 0usize); n];
    if bands > 1 {
        let per_band = roots_height.div_ceil(bands);
        let (mut band, mut start) = (0, 0);
        for i in (0..n).filter(|&i| tree_parent[i].is_none_or(|p| p >= i)) {
            if row[i] - start >= per_band && band + 1 < bands {
                band += 1;
                start = row[i];
            }
            band_of_root[i] = (band, start);
        }
    }
    let mut root = vec![0usize; n];
    (0..n)
        .map(|i| {
            root[i] = tree_parent[i].filter(|&p| p < i).map_or(i, |p| root[p]);
            let (band, start) = band_of_root[root[i]];
            Place {
                col: col[i] + band * cols,
                row: row[i] - start,
            }
        })
        .collect()
}

/// Each box's column: the longest path from a root, over arrows and tree links alike.
fn columns(tree_parent: &[Option<usize>], edges: &[(usize, usize, EdgeKind)]) -> Vec<usize> {
    let n = tree_parent.len();
    let mut ins: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut outs: Vec<Vec<usize>> = vec![Vec::new(); n];
    let links = edges.iter().map(|&(p, c, _)| (p, c)).chain(
        tree_parent
            .iter()
            .enumerate()
            .filter_map(|(c, p)| Some(((*p)?, c))),
    );
    for (p, c) in links {
        if p < n && c < n && p != c {
            ins[c].push(p);
            outs[p].push(c);
        }
    }
    let mut indegree: Vec<usize> = ins.iter().map(Vec::len).collect();
    let mut col = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    while let Some(i) = ready.pop() {
        for &c in &outs[i] {
            col[c] = col[c].max(col[i] + 1);
            indegree[c] -= 1;
            if indegree[c] == 0 {
                ready.push(c);
            }
        }
    }
    for i in 0..n {
        if let Some(p) = tree_parent[i].filter(|&p| p < i) {
            col[i] = col[i].max(col[p] + 1);
        }
    }
    col
}

/// Each box's row (the leaves below each box, then each box on the row of its first
/// child), and the rows all the trees take.
fn rows(tree_parent: &[Option<usize>]) -> (Vec<usize>, usize) {
    let n = tree_parent.len();
    let mut leaves = vec![0usize; n];
    for i in (0..n).rev() {
        leaves[i] = leaves[i].max(1);
        if let Some(p) = tree_parent[i].filter(|&p| p < i) {
            leaves[p] += leaves[i];
        }
    }
    let mut row = vec![0usize; n];
    let mut cursor = vec![0usize; n];
    let mut next_root = 0;
    for i in 0..n {
        row[i] = match tree_parent[i].filter(|&p| p < i) {
            Some(p) => {
                let r = cursor[p];
                cursor[p] += leaves[i];
                r
            }
            None => {
                let r = next_root;
                next_root += leaves[i];
                r
            }
        };
        cursor[i] = row[i];
    }
    (row, next_root)
}

mod svg;
#[cfg(test)]
use svg::svg;
pub use svg::{view, ChainView, Draw};

#[cfg(test)]
#[path = "chain_tests.rs"]
pub(crate) mod tests;
