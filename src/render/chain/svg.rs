//! The chain diagram drawn: the SVG of a [`Diagram`] laid out by [`layout`], written as an
//! [`Html`] fragment, which escapes every text and attribute value (XML's five characters are
//! HTML's): boxes with their status chips, arrows, "+N" boxes, each hidden until its
//! document's date (`data-issued`).
//!
//! The SVG is only ever inline in a page with the site's style sheet: it carries geometry and
//! classes (`box`, `name`, `chip` with the status's `status-KEY`, `arrows`, `copy`, `more`),
//! and `static/style.css` (`svg.chain`) gives them their colours, fonts and strokes. A box's
//! tooltip is its document's title, on its rectangle; the link's accessible name is that title
//! and the box's text (name, date, counts), which `static/tasks.js` repaints on the reader's
//! day.

use chrono::NaiveDate;
use serde::Serialize;

use super::{layout, Diagram, EdgeKind, Item, Place};
use crate::graph::Graph;
use crate::i18n::{self, short_date};
use crate::layout::Depth;
use crate::model::DocId;
use crate::render::html::Html;
use crate::render::views::{paths, status_counts};

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

/// A status chip: status key, text, width.
type Chip = (&'static str, String, usize);

/// Chips of one document, packed into lines.
fn chips(g: &Graph, d: DocId) -> Vec<Vec<Chip>> {
    let mut lines: Vec<Vec<Chip>> = Vec::new();
    let mut used = 0;
    let avail = BOX_W - 2 * PAD;
    for c in status_counts(g, g.documents()[d].tasks.iter().copied()) {
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

/// The `<svg>` element's start: size, title and description (the group's accessible name and
/// description), the arrowhead (in units of the arrows' stroke width).
fn open_svg(s: &mut Html, g: &Graph, dia: &Diagram, o: &Draw, frame: &Frame) {
    let (width, height) = (frame.width, frame.height);
    let desc = i18n::chain_desc(g.config().language, dia.documents().count(), dia.hidden);
    s.raw("<svg class=\"chain\" role=\"group\" width=\"")
        .num(width)
        .raw("\" height=\"")
        .num(height)
        .raw("\" viewBox=\"0 0 ")
        .num(width)
        .raw(" ")
        .num(height)
        .raw("\"><title>")
        .text(o.title)
        .raw("</title><desc>")
        .text(&desc)
        .raw("</desc><marker id=\"")
        .text(o.id)
        .raw("-a\" refX=\"7\" refY=\"3.5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L7 3.5L0 7z\"/></marker>");
}

/// The arrows, solid for `implements`, dashed for copies (`class="copy"`), each with its
/// documents' later date; a straight arrow is one line.
fn arrows(s: &mut Html, g: &Graph, dia: &Diagram, o: &Draw, frame: &Frame) {
    s.raw("<g class=\"arrows\" marker-end=\"url(#")
        .text(o.id)
        .raw("-a)\">");
    for &(p, c, kind) in &dia.edges {
        let (px, py) = frame.xy(p);
        let (cx, cy) = frame.xy(c);
        let (x1, y1, x2, y2) = (px + BOX_W, py + 22, cx - 1, cy + 22);
        s.raw("<path d=\"M").num(x1).raw(" ").num(y1).raw("H");
        if y1 != y2 {
            let xm = x2.saturating_sub(GAP_X / 2).max(x1);
            s.num(xm).raw("V").num(y2).raw("H");
        }
        s.num(x2).raw(match kind {
            EdgeKind::Copy => "\" class=\"copy\"",
            EdgeKind::Implements => "\"",
        });
        let issued = [p, c].into_iter().filter_map(|i| match dia.items[i] {
            Item::Doc { doc, .. } => g.documents()[doc].date,
            Item::More { .. } => None,
        });
        push_issued(s, g, issued.max());
        s.raw("/>");
    }
    s.raw("</g>");
}

/// A document's box at `((x, y), h)`: linked, its title the box's tooltip, its name and date,
/// its chips (`lines`), the counts over time `tasks.js` counts them again from on the reader's
/// day.
fn doc_box(
    s: &mut Html,
    g: &Graph,
    o: &Draw,
    (doc, current): (DocId, bool),
    ((x, y), h): ((usize, usize), usize),
    lines: &[Vec<Chip>],
) {
    let lang = g.config().language;
    crate::render::reads::document(doc);
    let d = &g.documents()[doc];
    let name = crate::render::views::doc_name(g, doc);
    let date = d.date.map_or_else(
        || i18n::labels(lang).undated.to_string(),
        |x| short_date(lang, x),
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
    s.raw("><g transform=\"translate(")
        .num(x)
        .raw(" ")
        .num(y)
        .raw(")\"");
    if !d.tasks.is_empty() {
        crate::render::cells::push_tally(s, g, &d.tasks);
    }
    s.raw("><rect class=\"box\" width=\"")
        .num(BOX_W)
        .raw("\" height=\"")
        .num(h)
        .raw("\" rx=\"5\"><title>")
        .text(&d.title)
        .raw("</title></rect><text class=\"name\" x=\"")
        .num(PAD)
        .raw("\" y=\"19\">")
        .text(&clip(&name, 28))
        .raw("</text><text x=\"")
        .num(PAD)
        .raw("\" y=\"37\">")
        .text(&date)
        .raw("</text>");
    for (l, line) in lines.iter().enumerate() {
        chip_line(s, 46 + l * (CHIP_H + 4), line);
    }
    s.raw("</g></a>");
}

/// One line of a box's chips, at height `cy` in the box: each a group coloured by its
/// status's class (`status-KEY`, as the task tables' badges).
fn chip_line(s: &mut Html, cy: usize, line: &[Chip]) {
    let mut cx = PAD;
    for &(key, ref text, w) in line {
        s.raw("<g class=\"chip status-")
            .raw(key)
            .raw("\"><rect x=\"")
            .num(cx)
            .raw("\" y=\"")
            .num(cy)
            .raw("\" width=\"")
            .num(w)
            .raw("\" height=\"")
            .num(CHIP_H)
            .raw("\" rx=\"10\"/><text x=\"")
            .num(cx + 6)
            .raw("\" y=\"")
            .num(cy + 14)
            .raw("\">")
            .text(text)
            .raw("</text></g>");
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
    let text = i18n::chain_more(g.config().language, count);
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
        .raw("\" rx=\"5\"/><text class=\"name\" x=\"")
        .num(PAD)
        .raw("\" y=\"19\">+")
        .num(count)
        .raw("</text><text x=\"")
        .num(PAD)
        .raw("\" y=\"37\">")
        .text(&clip(&text, 30))
        .raw("</text></g></a>");
}

/// ` data-issued="DATE"` on a box or arrow of a document dated `issued` (an arrow: the later
/// of its two), from which static/tasks.js hides it on an earlier day; hidden already when
/// that is after the graph's day.
fn push_issued(s: &mut Html, g: &Graph, issued: Option<NaiveDate>) {
    if let Some(date) = issued {
        s.raw(" data-issued=\"").display(date).raw("\"");
        if date > g.today() {
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
