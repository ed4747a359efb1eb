//! Tests of the chain diagram: layout (no overlaps, arrows point right, deterministic),
//! selection (caps, "+N" boxes, neighbourhoods), escaping and well-formed SVG.

use crate::layout::Depth;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::*;
use crate::diagnostic::Severity;
use crate::load::source::{parse_document, Documents};
use crate::model::SiteConfig;

const BODIES: &str = "bodies:\n  - id: tw\n    name: \"Trung ương <&> \\\"quotes\\\" 'x'\"\n    level: Trung ương\n  - id: tinh\n    name: Tỉnh\n    level: Tỉnh\n";

/// A document's file: `tasks` tasks led by `tinh`, overdue and open in turn (other modules' tests
/// use it too).
pub(crate) fn doc(id: &str, implements: &[&str], copy_of: Option<&str>, tasks: usize) -> String {
    let mut s = format!(
        "---\nid: \"{id}\"\nkind: Kế hoạch\ntitle: \"Tiêu đề <b>&amp; '{id}'\"\nissuer: tw\ndate: 2024-01-02\n"
    );
    if !implements.is_empty() {
        s += &format!("implements: [{}]\n", implements.join(", "));
    }
    if let Some(c) = copy_of {
        s += &format!("copy_of: {c}\n");
    }
    if tasks > 0 {
        s += "tasks:\n";
        for t in 0..tasks {
            let due = if t % 2 == 0 {
                "2020-01-01"
            } else {
                "2030-01-01"
            };
            s += &format!("  - id: \"{t}\"\n    text: Việc {t}\n    lead: tinh\n    due: {due}\n");
        }
    }
    s += "---\nNội dung.\n";
    s
}

/// The graph of the documents `texts` (from [`doc`]), with no error.
pub(crate) fn graph(texts: &[String]) -> Graph {
    let (registry, mut diags) = crate::load::registry::load(Path::new("bodies.yaml"), BODIES);
    let docs = Documents {
        docs: texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Arc::new(
                    parse_document(Path::new(&format!("{i}.md")), t, &mut diags)
                        .expect("a document"),
                )
            })
            .collect(),
        unreadable_ids: Vec::new(),
    };
    let today = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
    let (g, d) = crate::graph::build(SiteConfig::default(), registry, &docs, today);
    diags.extend(d);
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    g
}

/// A chain: one root, `n` children, each with two children of its own; plus a copy.
fn fan(n: usize) -> Graph {
    let mut texts = vec![doc("R", &[], None, 3), doc("C", &[], Some("R"), 0)];
    for i in 0..n {
        texts.push(doc(&format!("A{i}"), &["R"], None, 2));
        for j in 0..2 {
            texts.push(doc(&format!("B{i}-{j}"), &[&format!("A{i}")], None, 1));
        }
    }
    texts.push(doc("M", &["A0", "B0-0"], None, 0));
    graph(&texts)
}

fn assert_no_overlap(places: &[Place]) {
    let mut seen = HashSet::new();
    for p in places {
        assert!(seen.insert((p.col, p.row)), "two boxes at {p:?}");
    }
}

#[test]
fn layout_places_every_box_apart_and_arrows_point_right() {
    // A random forest with extra arrows between earlier and later boxes.
    let mut rng = fastrand::Rng::with_seed(7);
    for n in [1, 2, 5, 30, 200] {
        let tree_parent: Vec<Option<usize>> = (0..n)
            .map(|i| (i > 0 && rng.u8(..) > 40).then(|| rng.usize(..i)))
            .collect();
        let mut edges: Vec<(usize, usize, EdgeKind)> = tree_parent
            .iter()
            .enumerate()
            .filter_map(|(c, p)| Some(((*p)?, c, EdgeKind::Implements)))
            .collect();
        for _ in 0..n / 4 {
            let c = rng.usize(1..n.max(2)).min(n - 1);
            if c > 0 {
                edges.push((rng.usize(..c), c, EdgeKind::Copy));
            }
        }
        let places = layout(&tree_parent, &edges, 0);
        assert_eq!(places.len(), n);
        assert_no_overlap(&places);
        for max_cols in [1, 4, 9] {
            assert_no_overlap(&layout(&tree_parent, &edges, max_cols));
        }
        for &(p, c, _) in &edges {
            assert!(places[p].col < places[c].col, "{p} -> {c}");
        }
        for (c, p) in tree_parent.iter().enumerate() {
            if let Some(p) = p {
                assert!(places[*p].row <= places[c].row);
            }
        }
        assert_eq!(places, layout(&tree_parent, &edges, 0), "deterministic");
    }
}

#[test]
fn a_straight_chain_is_one_row() {
    let tp = [None, Some(0), Some(1), Some(2)];
    let edges: Vec<_> = (1..4).map(|i| (i - 1, i, EdgeKind::Implements)).collect();
    let places = layout(&tp, &edges, 8);
    assert!(places.iter().all(|p| p.row == 0));
    assert_eq!(
        places.iter().map(|p| p.col).collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
}

#[test]
fn escaping_covers_the_five_xml_characters() {
    let esc = crate::escape::escape;
    assert_eq!(
        esc("a & b < c > d \" e ' f"),
        "a &amp; b &lt; c &gt; d &quot; e &#39; f"
    );
    assert_eq!(esc("x\u{1}y"), "x y");
    assert_eq!(esc("Quyết định"), "Quyết định");
}

/// A tiny well-formedness check: tags balance, attributes are quoted, no bare `<` or `&`.
fn well_formed(xml: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(['<', '&']) {
        let text = &rest[..i];
        if text.contains('>') {
            return Err(format!("bare > in {text:?}"));
        }
        rest = &rest[i..];
        if rest.starts_with('&') {
            let end = rest.find(';').ok_or("unterminated entity")?;
            let name = &rest[1..end];
            let ok = ["amp", "lt", "gt", "quot", "#39"].contains(&name);
            if !ok {
                return Err(format!("unknown entity {name}"));
            }
            rest = &rest[end + 1..];
            continue;
        }
        let end = rest.find('>').ok_or("unterminated tag")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name = tag.split(' ').next().unwrap_or_default();
        if name.is_empty() || tag.contains('<') {
            return Err(format!("bad tag <{tag}>"));
        }
        // Attributes: name="value" pairs, the values without quotes or `<`.
        let mut attrs = &tag[name.len()..];
        while !attrs.trim().is_empty() {
            let a = attrs.trim_start();
            let eq = a
                .find("=\"")
                .ok_or(format!("unquoted attribute in <{tag}>"))?;
            let close = a[eq + 2..]
                .find('"')
                .ok_or(format!("unterminated attribute in <{tag}>"))?;
            attrs = &a[eq + 2 + close + 1..];
        }
        if !self_closing {
            stack.push(name);
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed {stack:?}"))
    }
}

#[test]
fn the_checker_catches_broken_xml() {
    assert!(well_formed("<a><b/></a>").is_ok());
    assert!(well_formed("<a><b></a>").is_err());
    assert!(well_formed("<a x=1/>").is_err());
    assert!(well_formed("<a>x & y</a>").is_err());
    assert!(well_formed("<a>x < y</a>").is_err());
}

fn draw(g: &Graph, dia: &Diagram) -> String {
    svg(
        g,
        dia,
        &Draw {
            id: "c",
            depth: Depth::DOWN_ONE,
            title: "Sơ đồ <&> \"x\"",
            anchors: true,
            wrap: true,
        },
    )
    .into_string()
}

#[test]
fn narrow_forests_are_set_side_by_side_in_bands() {
    // Eight lone roots, one column each: four bands of two rows.
    let places = layout(&[None; 8], &[], 4);
    assert_no_overlap(&places);
    assert_eq!(places.iter().map(|p| p.col).max(), Some(3));
    assert_eq!(places.iter().map(|p| p.row).max(), Some(1));
    // A tree is never cut: a root with three children stays in one band.
    let tp = [None, Some(0), Some(0), Some(0), None];
    let places = layout(&tp, &[], 4);
    assert_no_overlap(&places);
    assert!(places[1..4].iter().all(|p| p.col == places[0].col + 1));
}

#[test]
fn the_svg_is_well_formed_and_escapes_every_text() {
    let g = fan(3);
    let dia = whole(&g, 100, 100, |_| "x.html".into(), "y.html");
    assert_eq!(dia.hidden, 0);
    let s = draw(&g, &dia);
    well_formed(&s).unwrap_or_else(|e| panic!("{e}\n{s}"));
    // The group's accessible name and description are its own title and desc.
    assert!(s.starts_with("<svg class=\"chain\" role=\"group\""));
    assert!(s.contains("><title>Sơ đồ &lt;&amp;&gt; &quot;x&quot;</title><desc>"));
    // A box's tooltip is its document's title, on its rectangle.
    assert!(
        s.contains("\"><title>Tiêu đề &lt;b&gt;&amp;amp; &#39;R&#39;</title></rect>"),
        "{s}"
    );
    assert!(!s.contains("<b>"));
    assert!(s.contains("<a href=\"../van-ban/r.html\" data-issued=\"2024-01-02\" id=\"n-r\">"));
    // Copy edges are dashed; status chips carry words, not only colours.
    assert!(s.contains(" class=\"copy\""));
    assert!(s.contains("<g class=\"chip status-overdue\">"), "{s}");
    assert!(s.contains(">2 Quá hạn</text>"), "{s}");
    assert!(s.contains(">1 Đang thực hiện</text>"), "{s}");
    // Geometry only: colours, strokes and fonts are the style sheet's.
    for presentation in ["fill=", "stroke", "font-"] {
        assert!(!s.contains(presentation), "{presentation} in {s}");
    }
}

const STYLE: &str = include_str!("../../themes/default/static/style.css");

/// The rule of the default theme's style sheet where `needle` is, from there to its end.
fn rule_with(needle: &str) -> &'static str {
    let at = STYLE
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in style.css"));
    &STYLE[at..at + STYLE[at..].find('}').expect("a rule's end")]
}

/// The declarations of `selector`'s own rule.
fn style_of(selector: &str) -> &'static str {
    rule_with(&format!("\n{selector} {{"))
}

#[test]
fn the_style_sheet_draws_every_class_of_the_diagram() {
    // A0's own box, chips; the root's "+5" box; the whole chain's copy.
    let g = fan(12);
    let s = draw(&g, &neighbourhood(&g, g.document("A0").unwrap()))
        + &draw(&g, &neighbourhood(&g, g.document("R").unwrap()))
        + &draw(&g, &whole(&g, 100, 100, |_| "x.html".into(), "y.html"));
    let mut classes: Vec<&str> = s
        .split(" class=\"")
        .skip(1)
        .flat_map(|c| c[..c.find('"').unwrap()].split(' '))
        .collect();
    classes.sort_unstable();
    classes.dedup();
    let want = ["arrows", "box", "chain", "chip", "copy", "more", "name"];
    assert!(want.iter().all(|c| classes.contains(c)), "{classes:?}");
    // Every class the picture writes has a rule (a chip's colour is the task tables'
    // `status-KEY`).
    for name in classes {
        {
            let rule = match name.strip_prefix("status-") {
                Some(key) => rule_with(&format!("\n.status-{key},")),
                None if name == "chain" => style_of("svg.chain"),
                None => style_of(&format!("svg.chain .{name}")),
            };
            assert!(rule.contains(": "), "class {name}: {rule}");
        }
    }
    // Text at least 12px; the document's own box has a bold border; copies are dashed.
    assert!(style_of("svg.chain").contains("font-size: 12px"));
    assert!(style_of("svg.chain .name").contains("font-size: 13px"));
    assert!(style_of("svg.chain [aria-current] .box").contains("stroke-width: 3"));
    assert!(style_of("svg.chain .copy").contains("stroke-dasharray: 6 4"));
    // The texts let the pointer through to the box, whose title is the tooltip.
    assert!(style_of("svg.chain text").contains("pointer-events: none"));
    assert!(style_of("svg.chain .chip").contains("pointer-events: none"));
}

#[test]
fn whole_draws_roots_and_first_levels_within_the_budget() {
    let g = fan(20);
    let total = g.documents().len();
    let dia = whole(
        &g,
        10,
        6,
        |d| format!("more-{}.html", d.index()),
        "roots.html",
    );
    let docs: Vec<DocId> = dia.documents().collect();
    assert_eq!(docs.len(), 10);
    assert_eq!(dia.hidden, total - 10);
    let r = g.document("R").unwrap();
    assert_eq!(docs[0], r, "the root comes first");
    // R has 21 children (C and A0..A19): 6 drawn, a "+15" box under it.
    let more: Vec<_> = dia
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| match it {
            Item::More { count, href } => Some((i, *count, href.clone())),
            Item::Doc { .. } => None,
        })
        .collect();
    let under_root = more
        .iter()
        .find(|(i, _, _)| dia.tree_parent[*i] == Some(0))
        .expect("a +N box under the root");
    assert_eq!(under_root.1, 15);
    assert_eq!(under_root.2, format!("more-{}.html", r.index()));
    assert_no_overlap(&layout(&dia.tree_parent, &dia.edges, 0));
    assert_no_overlap(&layout(&dia.tree_parent, &dia.edges, 4));
    well_formed(&draw(&g, &dia)).unwrap();
    // Large budgets draw everything, each document once.
    let all = whole(&g, 10_000, 10_000, |_| String::new(), "");
    assert_eq!(all.documents().count(), total);
    assert!(all.items.iter().all(|i| matches!(i, Item::Doc { .. })));
}

#[test]
fn a_document_with_two_parents_is_drawn_once_with_both_arrows() {
    let g = fan(2);
    let dia = whole(&g, 100, 100, |_| String::new(), "");
    let m = g.document("M").unwrap();
    let at: Vec<usize> = dia
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| matches!(it, Item::Doc { doc, .. } if *doc == m))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 1);
    assert_eq!(dia.edges.iter().filter(|e| e.1 == at[0]).count(), 2);
}

#[test]
fn the_neighbourhood_goes_up_to_the_root_and_two_levels_down() {
    let g = fan(12);
    let a0 = g.document("A0").unwrap();
    let dia = neighbourhood(&g, a0);
    let docs: Vec<DocId> = dia.documents().collect();
    let id = |d: DocId| g.documents()[d].id.as_str();
    let names: Vec<&str> = docs.iter().map(|&d| id(d)).collect();
    assert!(names.contains(&"R") && names.contains(&"A0"));
    assert!(names.contains(&"B0-0") && names.contains(&"B0-1") && names.contains(&"M"));
    assert!(!names.contains(&"A1"), "siblings are not drawn: {names:?}");
    let current: Vec<_> = dia
        .items
        .iter()
        .filter(|i| matches!(i, Item::Doc { current: true, .. }))
        .collect();
    assert_eq!(current.len(), 1);
    let s = draw(&g, &dia);
    assert_eq!(s.matches("aria-current=\"page\"").count(), 1);
    well_formed(&s).unwrap();
    // The root's neighbourhood caps its 13 children at 8, with a "+5" box to its relations.
    let r = g.document("R").unwrap();
    let dia = neighbourhood(&g, r);
    assert!(dia.items.iter().any(|i| matches!(
        i,
        Item::More { count: 5, href } if href == "van-ban/r.html#h-rel"
    )));
}
