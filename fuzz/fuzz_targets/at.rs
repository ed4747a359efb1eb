//! The `at` finder: arbitrary Markdown and an arbitrary `at` (the input's first line is the
//! `at`, the rest the Markdown). No panic; each block's own text finds that block; the render
//! marks the block loading found (`markdown::blocks` + `AtFinder`), and every block it is
//! asked to, by the same numbering; no script survives the render.
#![no_main]

use chidao::markdown::{self, AtFinder, AtMatch, Mark};
use libfuzzer_sys::fuzz_target;

/// How many tags of `html` carry the mark's id (text that only reads like one left out).
fn marked(html: &str) -> usize {
    html.match_indices(" id=\"at-1\" class=\"task-at\"")
        .filter(|(i, _)| {
            let before = &html[..*i];
            before.rfind('<') > before.rfind('>')
        })
        .count()
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (at, md) = input.split_once('\n').unwrap_or((input, ""));
    let blocks = markdown::blocks(md);
    let finder = AtFinder::new(&blocks);
    let found = finder.find(at);
    assert_eq!(found, markdown::find_at(&blocks, at));
    match &found {
        AtMatch::One(i) => assert!(*i < blocks.len()),
        AtMatch::Many { first, count } => {
            assert!(*count >= 2 && *count <= blocks.len());
            assert_eq!(first.len(), (*count).min(markdown::NAMED));
            assert!(first.windows(2).all(|w| w[0] < w[1]));
            assert!(first.iter().all(|&i| i < blocks.len()));
        }
        AtMatch::None => {}
    }
    for (i, b) in blocks.iter().enumerate().take(16) {
        match finder.find(&b.text) {
            AtMatch::One(j) => assert_eq!(i, j, "{:?}", b.text),
            // Block i is among them: named, or after the named ones.
            AtMatch::Many { first, .. } => assert!(
                first.contains(&i) || (first.len() == markdown::NAMED && first[2] < i),
                "{:?}",
                b.text
            ),
            AtMatch::None => assert!(b.text.trim().is_empty(), "{:?} not found", b.text),
        }
    }
    let mark = |block| Mark {
        block,
        anchor: "at-1".into(),
        task_anchor: "task-1".into(),
        label: "1".into(),
    };
    let marks: Vec<Mark> = match found {
        AtMatch::One(block) => vec![mark(block)],
        _ => Vec::new(),
    };
    let html = markdown::render(md, &marks);
    assert_eq!(marked(&html), marks.len(), "{html}");
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    // Every block an `at` can name (one with text) is marked once when asked, and one past
    // the last nowhere.
    let named = (0..blocks.len()).filter(|&b| !blocks[b].text.is_empty());
    for block in named.take(16).chain([blocks.len()]) {
        let html = markdown::render(md, &[mark(block)]);
        let expected = usize::from(block < blocks.len());
        assert_eq!(marked(&html), expected, "block {block}: {html}");
    }
});
