//! `serve` renders again the pages whose reads meet an edit (`render::reads`): for edits of
//! every kind on the shipped site, every file that differs between the full builds before and
//! after the edit is among those the session rendered again and published, and the session's
//! site is then the full build's, byte for byte.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chidao::session::Session;

use crate::common;
use crate::session::{appended, edit_key, files, full_build, today};

/// Inserts `lines` after the first line of `file` that `after` accepts; whether it did.
fn insert_after(file: &Path, after: impl Fn(&str) -> bool, lines: &str) -> bool {
    let text = std::fs::read_to_string(file).unwrap();
    let Some(at) = text.lines().position(after) else {
        return false;
    };
    let mut out: Vec<&str> = text.lines().collect();
    out.insert(at + 1, lines);
    std::fs::write(file, out.join("\n") + "\n").unwrap();
    true
}

/// A change to one document file; whether it applied.
type Edit = dyn Fn(&Path) -> bool;

/// The edits of one document: its title, its date, its first task's lead, due date and done
/// date, and a new task.
fn document_edits() -> Vec<(&'static str, Box<Edit>)> {
    let set = |key: &'static str, value: &'static str| -> Box<Edit> {
        Box::new(move |doc: &Path| {
            edit_key(doc, key, |l| {
                let indent = &l[..l.find(key).unwrap()];
                format!("{indent}{key}: {value}")
            })
        })
    };
    vec![
        (
            "title",
            Box::new(|doc: &Path| edit_key(doc, "title", |l| appended(l, "title:", " (sửa)"))),
        ),
        ("date", set("date", "2025-07-01")),
        ("lead", set("lead", "so-noi-vu")),
        ("due", set("due", "2026-12-01")),
        (
            "done",
            Box::new(|doc: &Path| {
                insert_after(doc, |l| l.starts_with("  - id:"), "    done: 2024-01-15")
            }),
        ),
        (
            "new task",
            Box::new(|doc: &Path| {
                let task = "  - id: \"moi\"\n    text: Nhiệm vụ mới.\n    lead: so-noi-vu\n    due: 2026-12-31";
                insert_after(doc, |l| l == "tasks:", task)
            }),
        ),
    ]
}

/// Notes `changed` (a path of the site), rebuilds and brings every step up to date; the
/// paths the session published as changed, and whether the first step was incremental.
fn rebuild(s: &mut Session, changed: &Path, what: &str) -> (HashSet<String>, bool) {
    assert!(s.note(&[changed.to_path_buf()]), "{what}: noted");
    let o = s.rebuild();
    let errors: Vec<_> = o.diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{what}: {errors:?}");
    let p = o.published.expect("published");
    let mut published: HashSet<String> = p.changed.into_iter().collect();
    while let Some(step) = s.finish(&AtomicBool::new(false)) {
        let p = step
            .published
            .unwrap_or_else(|| panic!("{what}: {:?}", step.diags));
        published.extend(p.changed);
    }
    (published, !p.full)
}

#[test]
fn the_pages_serve_renders_again_are_every_one_an_edit_changes_as_a_full_build_has_them() {
    let site = common::Site::shipped();
    let root = site.root.clone();
    let out = site.outer().join("served");
    let full = site.outer().join("full");
    let mut s = Session::open(&root, &out, Some(today()));
    assert!(s.rebuild().published.is_some_and(|p| p.full));
    let mut before = full_build(&root, &full, today());
    let mut docs: Vec<PathBuf> = chidao::load::source::markdown_files(&root.join("content"));
    docs.sort();
    let mut edits: Vec<(String, PathBuf, Box<Edit>)> = Vec::new();
    for doc in &docs {
        for (what, edit) in document_edits() {
            let name = doc.file_name().unwrap().to_string_lossy();
            edits.push((format!("{name}: {what}"), doc.clone(), edit));
        }
    }
    // A document no other names, removed; a body renamed.
    let leaf = root.join("content/tin-bai/2024-01-08-boi-duong-can-bo-o-nuoc-ngoai.md");
    edits.push((
        "a document removed".into(),
        leaf,
        Box::new(|doc: &Path| std::fs::remove_file(doc).is_ok()),
    ));
    edits.push((
        "a body renamed".into(),
        root.join("content/bodies.yaml"),
        Box::new(|file: &Path| edit_key(file, "name", |l| appended(l, "name:", " (mới)"))),
    ));
    let mut incremental = 0;
    for (what, file, edit) in &edits {
        if !edit(file) {
            continue;
        }
        let (published, was_incremental) = rebuild(&mut s, file, what);
        incremental += usize::from(was_incremental);
        let after = full_build(&root, &full, today());
        for (path, bytes) in &after {
            if before.get(path) != Some(bytes) {
                assert!(
                    published.contains(path),
                    "{what}: {path} not rendered again"
                );
            }
        }
        let served = files(&out);
        assert_eq!(
            served.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "{what}: the same files"
        );
        for (path, bytes) in &after {
            assert!(
                served[path] == *bytes,
                "{what}: {path} differs from a full build"
            );
        }
        before = after;
    }
    // Titles, leads, deadlines, done dates and new tasks of the documents with tasks.
    assert!(incremental >= 20, "only {incremental} incremental rebuilds");
}
