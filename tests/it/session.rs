//! Incremental rebuilds (`chidao serve`) must publish exactly what a full build publishes:
//! after each edit, the output folder of the session is compared byte for byte with a fresh
//! full build of the same sources.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chidao::session::Session;
use chrono::NaiveDate;

use crate::common;

pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Every file below `dir` (but the manifest), by relative path.
pub(crate) fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .filter(|(p, _)| p != chidao::output::MANIFEST)
        .collect()
}

pub(crate) fn full_build(root: &Path, out: &Path, day: NaiveDate) -> BTreeMap<String, Vec<u8>> {
    let _ = std::fs::remove_dir_all(out);
    let (sources, loaded) = chidao::pipeline::load(root);
    let (graph, diags) = chidao::pipeline::resolve(&sources, loaded, day);
    assert_eq!(chidao::diagnostic::count_errors(&diags), 0, "{diags:?}");
    let templates = chidao::render::Templates::compile(&sources.theme).unwrap();
    let cache = chidao::render::TaskCache::new(&graph);
    chidao::pipeline::write(out, |put| {
        let pages = chidao::render::Pages::All;
        chidao::pipeline::render(
            &graph,
            &templates,
            pages,
            &cache,
            graph.texts(),
            None,
            &|f| put(&f),
        )
    })
    .expect("no error")
    .expect("written");
    files(out)
}

fn assert_same(session_out: &Path, root: &Path, full_out: &Path, what: &str) {
    assert_same_on(today(), session_out, root, full_out, what)
}

/// [`assert_same`] with the statuses as of `day`.
fn assert_same_on(day: NaiveDate, session_out: &Path, root: &Path, full_out: &Path, what: &str) {
    let inc = files(session_out);
    let full = full_build(root, full_out, day);
    let a: HashSet<_> = inc.keys().collect();
    let b: HashSet<_> = full.keys().collect();
    assert_eq!(a, b, "{what}: the same files");
    for (path, bytes) in &full {
        assert!(
            inc[path] == *bytes,
            "{what}: {path} differs from a full build"
        );
    }
}

/// Rewrites the first line of `file` that starts (after indentation) with `key:`.
pub(crate) fn edit_key(file: &Path, key: &str, f: impl Fn(&str) -> String) -> bool {
    let text = std::fs::read_to_string(file).unwrap();
    let mut done = false;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            let t = l.trim_start().trim_start_matches("- ");
            if !done && t.starts_with(&format!("{key}:")) {
                done = true;
                f(l)
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(file, out.join("\n") + "\n").unwrap();
    done
}

/// `line` with `more` added to its value, unless the value is quoted or a block (left as is).
pub(crate) fn appended(line: &str, key: &str, more: &str) -> String {
    let value = line.split_once(key).map_or("", |(_, v)| v.trim());
    if value.is_empty() || value.starts_with(['"', '\'', '>', '|']) {
        line.to_string()
    } else {
        format!("{line}{more}")
    }
}

/// A change to one line of front matter.
type Edit = dyn Fn(&str) -> String;

fn documents(content: &Path) -> Vec<PathBuf> {
    chidao::load::source::markdown_files(content)
}

#[test]
fn incremental_rebuilds_of_the_shipped_site_equal_full_builds() {
    let site = common::Site::shipped();
    let root = site.root.clone();
    let out = site.outer().join("served");
    let full = site.outer().join("full");
    let mut s = Session::open(&root, &out, Some(today()));
    let first = s.rebuild();
    assert!(first.published.as_ref().is_some_and(|p| p.full));
    assert_same(&out, &root, &full, "first build");

    let mut incremental = 0;
    let mut patched = 0;
    for doc in documents(&root.join("content")) {
        let name = doc.file_name().unwrap().to_string_lossy().into_owned();
        let edits: [(&str, &Edit); 5] = [
            ("title", &|l: &str| appended(l, "title:", " (sửa)")),
            // The date moves relative deadlines, and the status of the tasks it carried out.
            ("date", &|l: &str| {
                let indent = &l[..l.find("date").unwrap()];
                format!("{indent}date: 2023-02-01")
            }),
            ("lead", &|l: &str| {
                let indent = &l[..l.find("lead").unwrap()];
                format!("{indent}lead: so-noi-vu")
            }),
            ("due", &|l: &str| {
                let indent = &l[..l.find("due").unwrap()];
                format!("{indent}due: 2020-01-31")
            }),
            ("text", &|l: &str| appended(l, "text:", " Thêm.")),
        ];
        for (key, f) in edits {
            if !edit_key(&doc, key, f) {
                continue;
            }
            assert!(s.note(std::slice::from_ref(&doc)));
            let o = s.rebuild();
            let errors: Vec<_> = o.diags.iter().filter(|d| d.is_error()).collect();
            assert!(errors.is_empty(), "{name} {key}: {errors:?}");
            // The problems are those of a full build, whichever way the graph was made.
            let (_, full_diags) = common::load(&root, today());
            let shown = |ds: &[chidao::diagnostic::Diagnostic]| {
                let mut v: Vec<String> =
                    ds.iter().map(chidao::diagnostic::Diagnostic::en).collect();
                v.sort();
                v
            };
            assert_eq!(
                shown(&o.diags),
                shown(&full_diags),
                "{name} {key}: problems"
            );
            let p = o.published.expect("published");
            if p.stages.iter().any(|(stage, _)| *stage == "patch") {
                patched += 1;
            }
            if !p.full {
                incremental += 1;
                // A newer save waiting: the site-wide pages give way, and stay due.
                assert!(s.finish(&AtomicBool::new(true)).is_none());
                // Then the lists, then the exports.
                for step in ["lists", "exports"] {
                    let rest = s
                        .finish(&AtomicBool::new(false))
                        .unwrap_or_else(|| panic!("the {step} follow"));
                    assert!(rest.published.is_some(), "{step}: {:?}", rest.diags);
                }
                assert!(s.finish(&AtomicBool::new(false)).is_none(), "all done");
            }
            assert_same(&out, &root, &full, &format!("{name}: {key}"));
        }
    }
    assert!(incremental >= 20, "only {incremental} incremental rebuilds");
    // Title, text, date and due edits patch the graph; a new lead builds it again.
    assert!(patched >= 20, "only {patched} rebuilds patched the graph");
    assert!(patched < incremental, "a changed lead is not patched");
}

#[test]
fn a_failed_rebuild_publishes_nothing_and_the_next_good_one_catches_up() {
    let site = common::Site::shipped();
    let root = site.root.clone();
    let out = site.outer().join("served");
    let full = site.outer().join("full");
    let mut s = Session::open(&root, &out, Some(today()));
    assert!(s.rebuild().published.is_some());
    let before = files(&out);
    let doc = root.join("content/trung-uong/39-kl-tw.md");
    let other = root.join("content/lai-chau/1002-cv-tu.md");
    // A good edit and a bad edit together: nothing is published.
    edit_key(&other, "title", |l| format!("{l} (sửa)"));
    edit_key(&doc, "lead", |l| format!("{l}x"));
    s.note(&[other.clone(), doc.clone()]);
    let o = s.rebuild();
    assert!(o.published.is_none());
    assert!(o.diags.iter().any(|d| d.is_error()));
    assert_eq!(files(&out), before, "the last good site is untouched");
    // Fixing the bad edit publishes both edits.
    edit_key(&doc, "lead", |l| l.trim_end_matches('x').to_string());
    s.note(&[doc]);
    let o = s.rebuild();
    assert!(o.published.is_some(), "{:?}", o.diags);
    while s.finish(&AtomicBool::new(false)).is_some() {}
    assert_same(&out, &root, &full, "after the fix");
}

/// A copy's page lists where it differs from its original, the original's page names the
/// copies that differ, and `check` notes each: an edit of either text changes the other's page
/// and the copy's note, as a full build would.
#[test]
fn an_edit_of_a_copy_or_its_original_redoes_their_comparison() {
    let site = common::Site::shipped();
    let root = site.root.clone();
    let out = site.outer().join("served");
    let full = site.outer().join("full");
    let mut s = Session::open(&root, &out, Some(today()));
    assert!(s.rebuild().published.is_some());
    let original = root.join("content/trung-uong/39-kl-tw.md");
    let copy = root.join("content/lai-chau/71-bs-vptu.md");
    let replace = |file: &PathBuf, old: &str, new: &str| {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains(old), "{old}");
        std::fs::write(file, text.replace(old, new)).unwrap();
    };
    let notes = |ds: &[chidao::diagnostic::Diagnostic]| -> Vec<String> {
        ds.iter()
            .filter(|d| d.severity == chidao::diagnostic::Severity::Note)
            .map(chidao::diagnostic::Diagnostic::en)
            .collect()
    };
    let steps: [(&PathBuf, &str, &str); 4] = [
        // The original takes the copy's slip: one change fewer.
        (&original, "số 177-TTr/BTCTW", "số 177-TTt/BTCTW"),
        // The copy's signer corrected: one fewer again.
        (&copy, "Võ Văn Thương", "Võ Văn Thưởng"),
        // A title edit of the copy is patched, its note kept.
        (&copy, "title: Sao lục", "title: Bản sao lục"),
        // Another slip corrected.
        (&copy, "400 cán bộ; Bồi", "400 cán bộ: Bồi"),
    ];
    for (i, (file, old, new)) in steps.iter().enumerate() {
        replace(file, old, new);
        s.note(std::slice::from_ref(*file));
        let o = s.rebuild();
        let (_, full_diags) = common::load(&root, today());
        assert_eq!(notes(&o.diags), notes(&full_diags), "{i}: notes");
        assert!(!notes(&o.diags).is_empty(), "{i}: a note");
        let p = o.published.unwrap_or_else(|| panic!("{i}: {:?}", o.diags));
        // A text edit builds the graph again; the title's is patched in.
        let patched = p.stages.iter().any(|(stage, _)| *stage == "patch");
        assert_eq!(patched, i == 2, "{i}: {:?}", p.stages);
        while s.finish(&AtomicBool::new(false)).is_some() {}
        assert_same(&out, &root, &full, &format!("copies, step {i}"));
    }
    // The copy's slips all corrected: no note, no list.
    replace(&copy, "500 cán bộ; Bồi", "500 cán bộ: Bồi");
    replace(&copy, "- rà soát", "- Rà soát");
    s.note(std::slice::from_ref(&copy));
    let o = s.rebuild();
    assert!(notes(&o.diags).is_empty(), "{:?}", o.diags);
    while s.finish(&AtomicBool::new(false)).is_some() {}
    assert_same(&out, &root, &full, "copies: no difference left");
    let page = std::fs::read_to_string(out.join("van-ban/39-kl-tw.html")).unwrap();
    assert!(!page.contains("copies-differ"));
}

#[test]
fn a_bad_deadline_keeps_the_last_good_site_and_its_fix_is_patched_in() {
    let site = common::Site::shipped();
    let root = site.root.clone();
    let out = site.outer().join("served");
    let full = site.outer().join("full");
    let mut s = Session::open(&root, &out, Some(today()));
    assert!(s.rebuild().published.is_some());
    let before = files(&out);
    let doc = root.join("content/lai-chau/1002-cv-tu.md");
    let original = std::fs::read_to_string(&doc).unwrap();
    // A deadline that is no deadline keeps every link: the graph is not built again, and
    // the error is the build's.
    assert!(edit_key(&doc, "text", |l| format!("{l}\n    due: mai mốt")));
    s.note(std::slice::from_ref(&doc));
    let o = s.rebuild();
    assert!(o.published.is_none());
    let (_, full_diags) = common::load(&root, today());
    let errors = |ds: &[chidao::diagnostic::Diagnostic]| -> Vec<String> {
        ds.iter()
            .filter(|d| d.is_error())
            .map(chidao::diagnostic::Diagnostic::en)
            .collect()
    };
    assert_eq!(errors(&o.diags), errors(&full_diags));
    assert!(
        errors(&o.diags)[0].contains("1002-cv-tu.md:") && errors(&o.diags)[0].contains("due"),
        "{:?}",
        o.diags
    );
    assert_eq!(files(&out), before, "the last good site is untouched");
    // The fix is patched in.
    std::fs::write(
        &doc,
        original.replace("Sao gửi Kết luận", "Sao gửi ngay Kết luận"),
    )
    .unwrap();
    s.note(std::slice::from_ref(&doc));
    let o = s.rebuild();
    let p = o.published.expect("published");
    assert!(
        p.stages.iter().any(|(stage, _)| *stage == "patch"),
        "{:?}",
        p.stages
    );
    while s.finish(&AtomicBool::new(false)).is_some() {}
    assert_same(&out, &root, &full, "after the fix");
}

#[test]
fn the_search_index_gives_way_midway_and_is_whole_otherwise() {
    let site = common::Site::shipped();
    let (graph, _) = common::load(&site.root, today());
    let whole = chidao::search::files(&graph);
    assert!(!whole.is_empty());
    let same = chidao::search::files_until(&graph, &|| false).expect("not stopped");
    assert_eq!(same.len(), whole.len());
    assert!(same.iter().zip(&whole).all(|(a, b)| a == b));
    // Stopped after a few checks: the index is dropped, not written half made.
    let checks = std::sync::atomic::AtomicUsize::new(0);
    let stopped = || checks.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 1;
    assert!(chidao::search::files_until(&graph, &stopped).is_none());
}

/// The day the big site's statuses are computed for (`common::TODAY`).
const LIST_DAY: (i32, u32, u32) = (2025, 1, 15);

#[test]
fn on_a_big_site_an_edit_renders_only_the_list_pages_it_changes_and_they_equal_a_full_build() {
    let day = NaiveDate::from_ymd_opt(LIST_DAY.0, LIST_DAY.1, LIST_DAY.2).unwrap();
    let site = common::Site::big(1100);
    // A task carrying out one of 0500's: its row shows the task it carries out.
    site.write(
        "content/gen/child.md",
        "---\nid: 1-KH/UBND\nkind: Kế hoạch\ntitle: Kế hoạch thực hiện\nissuer: ubnd-tinh\ndate: 2024-05-02\nimplements: [500-CV/UBND]\ntasks:\n  - id: \"1\"\n    text: Thực hiện việc 500.\n    lead: so-noi-vu\n    due: 31/12/2025\n    implements: 500-CV/UBND#1\n---\nNội dung.\n",
    );
    let root = site.root.clone();
    let out = site.outer().join("served");
    let full_out = site.outer().join("full");
    let full = |what: &str| assert_same_on(day, &out, &root, &full_out, what);
    let mut s = Session::open(&root, &out, Some(day));
    assert!(s.rebuild().published.is_some_and(|p| p.full));
    full("first build");
    let list_pages = |changed: &[String]| -> Vec<String> {
        changed
            .iter()
            .filter(|p| p.starts_with("nhiem-vu/") || p.starts_with("van-ban/index"))
            .cloned()
            .collect()
    };

    // A title: the documents index page that lists it, and the status page of its task
    // (its row links to the document by its title).
    let doc = root.join("content/gen/0500.md");
    edit_key(&doc, "title", |l| format!("{l} (sửa)"));
    assert!(s.note(std::slice::from_ref(&doc)));
    let p = s.rebuild().published.expect("published");
    assert!(!p.full);
    assert!(list_pages(&p.changed).is_empty(), "the lists come next");
    let lists = s.finish(&AtomicBool::new(false)).expect("the lists");
    let p = lists.published.expect("published");
    let changed = list_pages(&p.changed);
    assert!(
        changed.iter().any(|c| c.starts_with("van-ban/index")),
        "{changed:?}"
    );
    // The home, bodies, tasks, chain and search pages, one page of the index and the
    // status page of its task: not every page of the index nor every status page.
    assert!(p.rendered < 10, "{} files rendered", p.rendered);
    while s.finish(&AtomicBool::new(false)).is_some() {}
    full("title");

    // Edits that move rows from page to page: a date reorders the documents index, a
    // deadline the status pages; a task's text changes its row.
    let edits: [(&str, &str, &Edit); 4] = [
        ("0100", "date", &|_: &str| "date: 2024-12-31".to_string()),
        // The row of the task below it, on another status page, shows this text.
        ("0500", "text", &|l: &str| appended(l, "text:", " Sửa.")),
        ("0700", "due", &|l: &str| {
            let indent = &l[..l.find("due").unwrap()];
            format!("{indent}due: 01/01/2025")
        }),
        ("0300", "text", &|l: &str| appended(l, "text:", " Thêm.")),
    ];
    for (file, key, f) in edits {
        let doc = root.join(format!("content/gen/{file}.md"));
        assert!(edit_key(&doc, key, f), "{file} {key}");
        assert!(s.note(std::slice::from_ref(&doc)));
        let o = s.rebuild();
        assert!(o.published.is_some(), "{file} {key}: {:?}", o.diags);
        while s.finish(&AtomicBool::new(false)).is_some() {}
        full(&format!("{file} {key}"));
    }
}

#[test]
fn an_edit_that_gives_a_body_one_page_more_or_less_equals_a_full_build() {
    let day = NaiveDate::from_ymd_opt(LIST_DAY.0, LIST_DAY.1, LIST_DAY.2).unwrap();
    let site = common::Site::big(1100);
    let root = site.root.clone();
    let out = site.outer().join("served");
    let full_out = site.outer().join("full");
    let mut s = Session::open(&root, &out, Some(day));
    assert!(s.rebuild().published.is_some_and(|p| p.full));
    // The rows Sở Nội vụ's pages list: the last row of its last page.
    let first = std::fs::read_to_string(out.join("co-quan/so-noi-vu.html")).unwrap();
    let pager = &first[first.find("class=\"pager\"").expect("split into pages")..];
    let pager = &pager[..pager.find("</nav>").unwrap()];
    let last = pager.rsplit("title=\"").next().unwrap();
    let rows: usize = last[..last.find('"').unwrap()]
        .rsplit('–')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let pages = rows.div_ceil(400);
    let new_page = format!("co-quan/so-noi-vu.trang-{}.html", pages + 1);
    assert!(!out.join(&new_page).exists());

    // Its pages filled to the last row (new tasks: everything is rendered anyway)…
    let fill = pages * 400 - rows;
    let tasks: String = (0..fill)
        .map(|i| format!("  - id: \"x{i}\"\n    text: Việc thêm {i}.\n    lead: so-noi-vu\n    due: 31/12/2025\n"))
        .collect();
    let doc = root.join("content/gen/0001.md");
    let before = std::fs::read_to_string(&doc).unwrap();
    let at = before.rfind("---\n").unwrap();
    std::fs::write(&doc, format!("{}{tasks}{}", &before[..at], &before[at..])).unwrap();
    assert!(s.note(std::slice::from_ref(&doc)));
    assert!(s.rebuild().published.is_some());
    while s.finish(&AtomicBool::new(false)).is_some() {}
    assert!(!out.join(&new_page).exists());
    // …then one row more, from a task that another body led: one page more, and every page
    // is rendered again.
    let other = root.join("content/so-noi-vu/15-cv-snv.md");
    let led = std::fs::read_to_string(&other).unwrap();
    std::fs::write(
        &other,
        led.replace("lead: van-phong-ubnd-tinh", "lead: so-noi-vu"),
    )
    .unwrap();
    assert!(s.note(std::slice::from_ref(&other)));
    let p = s.rebuild().published.expect("published");
    assert!(
        p.full,
        "the pages of a body changed: everything is rendered"
    );
    while s.finish(&AtomicBool::new(false)).is_some() {}
    assert!(out.join(&new_page).is_file());
    assert_same_on(day, &out, &root, &full_out, "one page more");

    // And back: the page goes again.
    std::fs::write(&other, &led).unwrap();
    assert!(s.note(std::slice::from_ref(&other)));
    assert!(s.rebuild().published.is_some_and(|p| p.full));
    while s.finish(&AtomicBool::new(false)).is_some() {}
    assert!(!out.join(&new_page).exists());
    assert_same_on(day, &out, &root, &full_out, "one page less");
}

/// Records what a session shows before writing.
#[derive(Default)]
struct Shown {
    before: std::sync::Mutex<Vec<String>>,
    after: std::sync::atomic::AtomicUsize,
}

impl chidao::session::Preview for Shown {
    fn before_write(&self, files: &[std::sync::Arc<chidao::render::OutFile>]) {
        let mut before = self.before.lock().unwrap();
        before.extend(files.iter().map(|f| f.path.clone()));
    }

    fn after_write(&self) {
        self.after.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

#[test]
fn with_a_preview_changed_files_are_shown_at_once_and_written_in_the_background() {
    let site = common::Site::shipped();
    let root = site.root.clone();
    let out = site.outer().join("served");
    let full = site.outer().join("full");
    let shown = std::sync::Arc::new(Shown::default());
    let mut s = Session::open(&root, &out, Some(today()));
    s.preview_with(shown.clone());
    assert!(s.rebuild().published.is_some_and(|p| p.full));
    assert!(
        shown.before.lock().unwrap().is_empty(),
        "a full build is not previewed"
    );

    let doc = root.join("content/trung-uong/39-kl-tw.md");
    edit_key(&doc, "title", |l| format!("{l} (sửa)"));
    s.note(std::slice::from_ref(&doc));
    let p = s.rebuild().published.expect("published");
    assert!(!p.full);
    let before = shown.before.lock().unwrap().clone();
    assert_eq!(
        before, p.changed,
        "every changed file is shown, before it is written"
    );
    assert!(before.iter().any(|f| f == "van-ban/39-kl-tw.html"));
    // The lists and exports wait for that write, and write in the background too.
    while s.finish(&AtomicBool::new(false)).is_some() {}
    drop(s);
    assert_eq!(
        shown.after.load(std::sync::atomic::Ordering::SeqCst),
        3,
        "told when each of the three writes is over"
    );
    assert_same(&out, &root, &full, "after the writes");
}

#[test]
fn a_rebuild_failing_in_the_theme_leaves_nothing_of_its_graph_to_the_steps_after_it() {
    // The failing edit changes a link (so the graph is built again), or not (so the
    // published graph is patched in place).
    for link in [true, false] {
        failing_theme_edit(link);
    }
}

fn failing_theme_edit(link: bool) {
    let site = common::Site::shipped();
    let root = site.root.clone();
    let out = site.outer().join("served");
    let full = site.outer().join("full");
    // The site's own theme: the document page fails for a title holding "HỎNG".
    let templates = root.join("themes/riêng/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/document.html"),
    )
    .unwrap();
    let failing = "{% block content %}{% if page.doc.title is containing(\"HỎNG\") %}{{ page.no_such_key.x }}{% endif %}";
    let page = page.replacen("{% block content %}", failing, 1);
    assert!(page.contains("no_such_key"));
    std::fs::write(templates.join("document.html"), page).unwrap();
    let mut s = Session::open(&root, &out, Some(today()));
    assert!(s.rebuild().published.is_some());
    while s.finish(&AtomicBool::new(false)).is_some() {}
    // A good edit: its pages are published, the pages listing the whole site are due.
    let good = root.join("content/lai-chau/1002-cv-tu.md");
    edit_key(&good, "title", |l| format!("{l} (sửa)"));
    s.note(std::slice::from_ref(&good));
    assert!(s.rebuild().published.is_some());
    // An edit that closes the one overdue task (so its roll-ups, the order of the tasks
    // and the open due dates change) and breaks the theme: nothing is published.
    let bad = root.join("content/trung-uong/157-tb-tw.md");
    let text = std::fs::read_to_string(&bad).unwrap();
    let title = if link {
        "\nreferences: [39-KL/TW]\ntitle: HỎNG "
    } else {
        "\ntitle: HỎNG "
    };
    let broken = text.replacen("\ntitle: ", title, 1).replacen(
        "    due: quý IV-2014\n",
        "    due: quý IV-2014\n    done: 2014-12-01\n",
        1,
    );
    assert_ne!(broken, text);
    std::fs::write(&bad, &broken).unwrap();
    s.note(std::slice::from_ref(&bad));
    let o = s.rebuild();
    assert!(o.published.is_none(), "link: {link}");
    assert!(o.diags.iter().any(|d| d.is_error()), "{:?}", o.diags);
    // The steps still due publish the site as it was published: with the good edit, not
    // the bad one.
    std::fs::write(&bad, &text).unwrap();
    while s.finish(&AtomicBool::new(false)).is_some() {}
    assert_same(
        &out,
        &root,
        &full,
        &format!("after the failed rebuild (link: {link})"),
    );
}

/// Tasks extended and withdrawn by other documents, and a progress note reported in another:
/// editing those documents (a title, the number, the date that decides when the extension or
/// the withdrawal takes effect), or the note's document, publishes what a full build would,
/// whether the graph was patched or built again.
#[test]
fn editing_a_document_that_extended_or_withdrew_tasks_equals_a_full_build() {
    let site = common::Site::shipped();
    let root = site.root.clone();
    let out = site.outer().join("served");
    let full = site.outer().join("full");
    let doc = |id: &str, date: &str, tasks: &str| {
        format!("---\nid: {id}\nkind: Công văn\ntitle: Công văn {id}\nissuer: so-noi-vu\ndate: {date}\n{tasks}---\nNội dung.\n")
    };
    site.write(
        "content/gh/viec.md",
        doc(
            "5-KH/SNV",
            "2026-01-05",
            "tasks:\n  - id: \"1\"\n    text: Việc được gia hạn.\n    lead: so-noi-vu\n    due: 2026-06-30\n    extended:\n      - {due: 15 ngày, by: 12-CV/SNV}\n  - id: \"2\"\n    text: Việc bị rút.\n    lead: so-noi-vu\n    due: 2026-03-31\n    withdrawn: 13-CV/SNV\n  - id: \"3\"\n    text: Việc có báo cáo.\n    lead: so-noi-vu\n    progress:\n      - {date: 2026-02-01, text: Đã làm., document: 14-BC/SNV}\n",
        ),
    );
    site.write("content/gh/gia-han.md", doc("12-CV/SNV", "2026-11-20", ""));
    site.write("content/gh/rut.md", doc("13-CV/SNV", "2026-10-01", ""));
    site.write("content/gh/bao-cao.md", doc("14-BC/SNV", "2026-02-01", ""));
    let mut s = Session::open(&root, &out, Some(today()));
    assert!(s.rebuild().published.is_some());
    assert_same(&out, &root, &full, "first build");
    let edits: [(&str, &str, &Edit); 8] = [
        ("gia-han.md", "title", &|l: &str| format!("{l} (sửa)")),
        ("gia-han.md", "id", &|l: &str| format!("{l}\nnumber: \"\"")),
        // 15 ngày now counts from another day, and the extension took effect before the
        // original deadline passed.
        ("gia-han.md", "date", &|_: &str| "date: 2026-06-01".into()),
        // The withdrawal has not happened yet.
        ("rut.md", "date", &|_: &str| "date: 2027-01-01".into()),
        ("rut.md", "date", &|_: &str| "date: 2026-02-01".into()),
        // The task's row links to the document of its progress note by its number.
        ("bao-cao.md", "id", &|l: &str| format!("{l}\nnumber: 14/BC")),
        ("bao-cao.md", "title", &|l: &str| format!("{l} (sửa)")),
        // The note now names no document.
        ("viec.md", "{date", &|l: &str| {
            l.replace(", document: 14-BC/SNV", "")
        }),
    ];
    for (file, key, f) in edits {
        let path = root.join("content/gh").join(file);
        assert!(edit_key(&path, key, f), "{file} {key}");
        s.note(std::slice::from_ref(&path));
        let o = s.rebuild();
        assert!(o.published.is_some(), "{file} {key}: {:?}", o.diags);
        while s.finish(&AtomicBool::new(false)).is_some() {}
        assert_same(&out, &root, &full, &format!("{file}: {key}"));
    }
}
