//! The `at` finder: arbitrary Markdown and an arbitrary `at` (the input's first line is the
//! `at`, the rest the Markdown). No panic; the render finds the `at` in the same blocks, and
//! at the same place, as loading does (`markdown::blocks` + `AtFinder`); each block's own
//! text finds that block; no script survives the render.
#![no_main]

use chidao::markdown::{self, At, AtFinder, AtMatch};
use libfuzzer_sys::fuzz_target;

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
    let ats = [At {
        text: at,
        anchor: "at-1".into(),
        task_anchor: "task-1".into(),
        label: "1".into(),
    }];
    let r = markdown::render(md, &ats);
    assert_eq!(r.blocks, blocks);
    assert_eq!(r.found, [found.clone()]);
    if matches!(found, AtMatch::One(_)) {
        assert!(r.html.contains("id=\"at-1\""), "{}", r.html);
    }
    assert!(
        !r.html.to_ascii_lowercase().contains("<script"),
        "{}",
        r.html
    );
});
