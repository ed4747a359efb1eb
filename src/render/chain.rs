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
//! writes the picture as an [`Html`] fragment, which escapes every text and attribute value
//! (XML's five characters are HTML's).

use crate::layout::Depth;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};

use chrono::NaiveDate;
use serde::Serialize;

use super::html::Html;
use super::views::{doc_order, paths, status_counts};
use crate::graph::Graph;
use crate::i18n::{self, short_date};
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

/// The diagram as pages show it.
#[derive(Debug, Serialize)]
pub struct ChainView {
    pub(crate) svg: Html,
    pub drawn: usize,
    pub total: usize,
    pub capped: bool,
    /// Whether it has "+N" boxes.
    pub more: bool,
}

/// A document's parents in the chain: its original first, then what it implements.
pub fn parents(g: &Graph, d: DocId) -> Vec<(DocId, EdgeKind)> {
    let doc = &g.documents[d];
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
    let copies = &g.copies[d];
    let mut out = copies.clone();
    out.extend(g.implemented_by[d].iter().filter(|c| !copies.contains(c)));
    out.sort_by(|&a, &b| doc_order(g, a).cmp(&doc_order(g, b)));
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
    out.hidden = g.documents.len() - drawn.len();
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
                let href = format!("{}#h-rel", paths::document(&g.documents[x].slug));
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

/// `s` cut to at most `max` characters, with "…" when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

const BOX_W: usize = 220;
const GAP_X: usize = 40;
/// The width that bands of trees may fill (the page's main column).
const WRAP_WIDTH: usize = 1080;
const GAP_Y: usize = 14;
const PAD: usize = 8;
const CHIP_H: usize = 20;
/// Estimated width of a character of 12px text (generous, so chips never overflow).
const CHAR_W: f64 = 6.6;

/// Status colours of the default theme (style.css), all at least 4.5:1 on white.
fn colour(key: &str) -> &'static str {
    match key {
        "overdue" => "#b3261e",
        "due_soon" => "#a15c00",
        "in_progress" => "#0b5cad",
        "ongoing" => "#4b5563",
        "done_late" => "#7a4a00",
        "no_deadline" | "withdrawn" | "not_issued" => "#5f6b73",
        _ => "#1d6b35",
    }
}

/// A status chip: status key, text, width.
type Chip = (&'static str, String, usize);

/// Chips of one document, packed into lines.
fn chips(g: &Graph, d: DocId) -> Vec<Vec<Chip>> {
    let mut lines: Vec<Vec<Chip>> = Vec::new();
    let mut used = 0;
    let avail = BOX_W - 2 * PAD;
    for c in status_counts(g, g.documents[d].tasks.iter().copied()) {
        if c.count == 0 {
            continue;
        }
        // The status's one word, as the task tables have it (`i18n::status_label`).
        let text = format!("{} {}", c.count, c.label);
        let w = (text.chars().count() as f64 * CHAR_W).ceil() as usize + 12;
        if lines.is_empty() || used + 6 + w > avail {
            lines.push(Vec::new());
            used = 0;
        }
        let line = lines.last_mut().expect("a line");
        used += if line.is_empty() { w } else { w + 6 };
        line.push((c.key, text, w));
    }
    lines
}

fn box_height(chip_lines: usize) -> usize {
    if chip_lines == 0 {
        46
    } else {
        46 + chip_lines * (CHIP_H + 4)
    }
}

/// Options of one drawing.
pub struct Draw<'a> {
    /// Prefix of every id in the picture (unique on the page).
    pub id: &'a str,
    /// From the page back to the output root ("" or "../").
    pub depth: Depth,
    pub title: &'a str,
    /// Give each document box `id="n-SLUG"`, for links to it (the full view).
    pub anchors: bool,
    /// Set narrow forests side by side in bands, to fill the page's width.
    pub wrap: bool,
}

/// The SVG of a diagram.
pub(crate) fn svg(g: &Graph, dia: &Diagram, o: &Draw) -> Html {
    let chip_lines: Vec<Vec<Vec<Chip>>> = dia
        .items
        .iter()
        .map(|i| match i {
            Item::Doc { doc, .. } => chips(g, *doc),
            Item::More { .. } => Vec::new(),
        })
        .collect();
    let heights: Vec<usize> = chip_lines.iter().map(|c| box_height(c.len())).collect();
    let frame = Frame::of(dia, &heights, o.wrap);
    let mut s = Html::with_capacity(600 * dia.items.len() + 800);
    open_svg(&mut s, g, dia, o, &frame);
    arrows(&mut s, g, dia, o, &frame);
    for (i, item) in dia.items.iter().enumerate() {
        let at = (frame.xy(i), heights[i]);
        match item {
            Item::Doc { doc, current } => {
                doc_box(&mut s, g, o, (*doc, *current), at, &chip_lines[i])
            }
            Item::More { count, href } => more_box(&mut s, g, o, (*count, href), at),
        }
    }
    s.raw("</svg>");
    s
}

/// Where the boxes of a diagram go: each item's place, each row's top, the whole size.
struct Frame {
    places: Vec<Place>,
    row_y: Vec<usize>,
    width: usize,
    height: usize,
}

impl Frame {
    fn of(dia: &Diagram, heights: &[usize], wrap: bool) -> Frame {
        let max_cols = if wrap {
            (WRAP_WIDTH + GAP_X) / (BOX_W + GAP_X)
        } else {
            0
        };
        let places = layout(&dia.tree_parent, &dia.edges, max_cols);
        let rows = places.iter().map(|p| p.row + 1).max().unwrap_or(0);
        let cols = places.iter().map(|p| p.col + 1).max().unwrap_or(0);
        let mut row_h = vec![0usize; rows];
        for (p, h) in places.iter().zip(heights) {
            row_h[p.row] = row_h[p.row].max(*h);
        }
        let mut row_y = Vec::with_capacity(rows);
        let mut y = 2;
        for h in &row_h {
            row_y.push(y);
            y += h + GAP_Y;
        }
        Frame {
            places,
            row_y,
            width: (cols * (BOX_W + GAP_X)).saturating_sub(GAP_X) + 4,
            height: y.saturating_sub(GAP_Y) + 2,
        }
    }

    /// The top left corner of item `i`'s box.
    fn xy(&self, i: usize) -> (usize, usize) {
        let p = &self.places[i];
        (2 + p.col * (BOX_W + GAP_X), self.row_y[p.row])
    }
}

/// The `<svg>` element's start: size, title and description, the arrowhead.
fn open_svg(s: &mut Html, g: &Graph, dia: &Diagram, o: &Draw, frame: &Frame) {
    let (width, height) = (frame.width, frame.height);
    let desc = i18n::chain_desc(g.config.language, dia.documents().count(), dia.hidden);
    s.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chain\" role=\"group\" aria-labelledby=\"")
        .text(o.id)
        .raw("-t\" aria-describedby=\"")
        .text(o.id)
        .raw("-d\" width=\"")
        .num(width)
        .raw("\" height=\"")
        .num(height)
        .raw("\" viewBox=\"0 0 ")
        .num(width)
        .raw(" ")
        .num(height)
        .raw("\" font-family=\"Segoe UI, Roboto, Noto Sans, Arial, sans-serif\" font-size=\"12\"><title id=\"")
        .text(o.id)
        .raw("-t\">")
        .text(o.title)
        .raw("</title><desc id=\"")
        .text(o.id)
        .raw("-d\">")
        .text(&desc)
        .raw("</desc><defs><marker id=\"")
        .text(o.id)
        .raw("-a\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"#5f6b73\"/></marker></defs>");
}

/// The arrows, solid for `implements`, dashed for copies, each with its documents' later
/// date.
fn arrows(s: &mut Html, g: &Graph, dia: &Diagram, o: &Draw, frame: &Frame) {
    s.raw("<g fill=\"none\" stroke=\"#5f6b73\" stroke-width=\"1.5\">");
    for &(p, c, kind) in &dia.edges {
        let (px, py) = frame.xy(p);
        let (cx, cy) = frame.xy(c);
        let (x1, y1, x2, y2) = (px + BOX_W, py + 22, cx - 1, cy + 22);
        let xm = x2.saturating_sub(GAP_X / 2).max(x1);
        s.raw("<path d=\"M")
            .num(x1)
            .raw(" ")
            .num(y1)
            .raw("H")
            .num(xm)
            .raw("V")
            .num(y2)
            .raw("H")
            .num(x2)
            .raw("\" marker-end=\"url(#")
            .text(o.id)
            .raw("-a)\"")
            .raw(match kind {
                EdgeKind::Copy => " stroke-dasharray=\"6 4\" class=\"copy\"",
                EdgeKind::Implements => "",
            });
        let issued = [p, c].into_iter().filter_map(|i| match dia.items[i] {
            Item::Doc { doc, .. } => g.documents[doc].date,
            Item::More { .. } => None,
        });
        push_issued(s, g, issued.max());
        s.raw("/>");
    }
    s.raw("</g>");
}

/// A document's box at `((x, y), h)`: linked, its name and date, its chips (`lines`), the
/// counts over time `tasks.js` counts them again from on the reader's day.
fn doc_box(
    s: &mut Html,
    g: &Graph,
    o: &Draw,
    (doc, current): (DocId, bool),
    ((x, y), h): ((usize, usize), usize),
    lines: &[Vec<Chip>],
) {
    let lang = g.config.language;
    let d = &g.documents[doc];
    let name = super::views::doc_name(g, doc);
    let date = d.date.map_or_else(
        || i18n::labels(lang).undated.to_string(),
        |x| short_date(lang, x),
    );
    let counts: Vec<&str> = lines
        .iter()
        .flatten()
        .map(|(_, text, _)| text.as_str())
        .collect();
    let tip = format!(
        "{name} ({date}): {}{}{}",
        d.title,
        if counts.is_empty() { "" } else { " — " },
        counts.join(", ")
    );
    s.raw("<a href=\"")
        .raw(o.depth.prefix())
        .text(&paths::document(&d.slug))
        .raw("\"");
    push_issued(s, g, d.date);
    if current {
        s.raw(" aria-current=\"page\"");
    }
    if o.anchors {
        s.raw(" id=\"n-").text(&d.slug).raw("\"");
    }
    s.raw("><title>")
        .text(&tip)
        .raw("</title><g transform=\"translate(")
        .num(x)
        .raw(" ")
        .num(y)
        .raw(")\"");
    if !d.tasks.is_empty() {
        super::cells::push_tally(s, g, &d.tasks);
    }
    s.raw("><rect class=\"box\" width=\"")
        .num(BOX_W)
        .raw("\" height=\"")
        .num(h)
        .raw(if current {
            "\" rx=\"5\" fill=\"#fff8e1\" stroke=\"#1d2327\" stroke-width=\"3\"/>"
        } else {
            "\" rx=\"5\" fill=\"#fff\" stroke=\"#5f6b73\" stroke-width=\"1\"/>"
        })
        .raw("<text x=\"")
        .num(PAD)
        .raw("\" y=\"19\" font-size=\"13\" font-weight=\"700\" fill=\"#1d2327\">")
        .text(&clip(&name, 28))
        .raw("</text><text x=\"")
        .num(PAD)
        .raw("\" y=\"37\" fill=\"#3d464d\">")
        .text(&date)
        .raw("</text>");
    for (l, line) in lines.iter().enumerate() {
        chip_line(s, 46 + l * (CHIP_H + 4), line);
    }
    s.raw("</g></a>");
}

/// One line of a box's chips, at height `cy` in the box.
fn chip_line(s: &mut Html, cy: usize, line: &[Chip]) {
    let mut cx = PAD;
    for &(key, ref text, w) in line {
        let c = colour(key);
        s.raw("<rect data-chip=\"")
            .raw(key)
            .raw("\" x=\"")
            .num(cx)
            .raw("\" y=\"")
            .num(cy)
            .raw("\" width=\"")
            .num(w)
            .raw("\" height=\"")
            .num(CHIP_H)
            .raw("\" rx=\"10\" fill=\"#fff\" stroke=\"")
            .raw(c)
            .raw("\"/><text data-chip=\"")
            .raw(key)
            .raw("\" x=\"")
            .num(cx + 6)
            .raw("\" y=\"")
            .num(cy + 14)
            .raw("\" fill=\"")
            .raw(c)
            .raw("\" font-weight=\"600\">")
            .text(text)
            .raw("</text>");
        cx += w + 6;
    }
}

/// A "+N" box at `((x, y), h)`, leading to where the `count` documents it stands for are.
fn more_box(
    s: &mut Html,
    g: &Graph,
    o: &Draw,
    (count, href): (usize, &str),
    ((x, y), h): ((usize, usize), usize),
) {
    let text = i18n::chain_more(g.config.language, count);
    s.raw("<a href=\"")
        .raw(o.depth.prefix())
        .text(href)
        .raw("\"><title>")
        .text(&text)
        .raw("</title><g transform=\"translate(")
        .num(x)
        .raw(" ")
        .num(y)
        .raw(")\"><rect class=\"box more\" width=\"")
        .num(BOX_W)
        .raw("\" height=\"")
        .num(h)
        .raw("\" rx=\"5\" fill=\"#f5f7f8\" stroke=\"#5f6b73\" stroke-dasharray=\"3 3\"/><text x=\"")
        .num(PAD)
        .raw("\" y=\"19\" font-size=\"13\" font-weight=\"700\" fill=\"#0b4f8a\">+")
        .num(count)
        .raw("</text><text x=\"")
        .num(PAD)
        .raw("\" y=\"37\" fill=\"#3d464d\">")
        .text(&clip(&text, 30))
        .raw("</text></g></a>");
}

/// ` data-issued="DATE"` on a box or arrow of a document dated `issued` (an arrow: the later
/// of its two), from which static/tasks.js hides it on an earlier day; hidden already when
/// that is after the graph's day.
fn push_issued(s: &mut Html, g: &Graph, issued: Option<NaiveDate>) {
    if let Some(date) = issued {
        s.raw(" data-issued=\"").display(date).raw("\"");
        if date > g.today {
            s.raw(" display=\"none\"");
        }
    }
}

/// A diagram drawn for a page.
pub fn view(g: &Graph, dia: &Diagram, o: &Draw) -> ChainView {
    let drawn = dia.documents().count();
    ChainView {
        svg: svg(g, dia, o),
        drawn,
        total: drawn + dia.hidden,
        capped: dia.hidden > 0,
        more: dia.items.iter().any(|i| matches!(i, Item::More { .. })),
    }
}

#[cfg(test)]
#[path = "chain_tests.rs"]
pub(crate) mod tests;
