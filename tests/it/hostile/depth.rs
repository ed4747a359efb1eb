//! Depth: a body hierarchy, a chain of documents and a tree of tasks as deep as a careless
//! editor (or an attacker) can write them. Nothing may recurse once per level (a stack
//! overflow kills `check`, `build` and `serve`), a cycle is found in linear time and named
//! briefly, and no page lists a whole ancestry or descent, so that output grows linearly
//! with depth.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{error, Run, Site, Snapshot, TODAY};

const BODIES: &str = "content/bodies.yaml";

/// Levels the body hierarchy may have (`registry::MAX_LEVELS`).
const MAX_LEVELS: usize = 64;

/// Bodies in the fixture's `bodies.yaml` before the added ones.
const FIXTURE_BODIES: usize = 4;

/// The minimal site with `n` more bodies `deep-0`, `deep-1`, …, each the parent of the next;
/// `deep-0` is below `so-noi-vu` (level 2 of the fixture), so `deep-i` is at level `i + 3`.
/// With `cycle`, `deep-0`'s parent is the last one instead. Returns the site and the line
/// of each added body's `parent`.
fn body_chain(n: usize, cycle: bool) -> (Site, Vec<usize>) {
    let site = Site::new();
    let first = site.line_of(BODIES, "groups:");
    let mut added = String::new();
    let mut lines = Vec::with_capacity(n);
    for i in 0..n {
        let parent = match (i, cycle) {
            (0, false) => "so-noi-vu".to_string(),
            (0, true) => format!("deep-{}", n - 1),
            _ => format!("deep-{}", i - 1),
        };
        added.push_str(&format!(
            "  - id: deep-{i}\n    name: Cơ quan cấp {i}\n    parent: {parent}\n"
        ));
        lines.push(first + 3 * i + 2);
    }
    site.edit(BODIES, "groups:\n", &format!("{added}groups:\n"));
    (site, lines)
}

/// `run` ended by itself, without a crash, and failed.
fn failed_cleanly(run: &Run) {
    assert!(
        !run.stderr.contains("overflow"),
        "`{}` overflowed its stack:\n{}",
        run.what,
        tail(&run.stderr)
    );
    run.assert_failure();
}

fn tail(text: &str) -> &str {
    let mut start = text.len().saturating_sub(2000);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

#[test]
fn a_hierarchy_of_64_levels_builds() {
    let (site, _) = body_chain(MAX_LEVELS - 2, false);
    site.good_build();
    let page = site.read("output/co-quan/index.html");
    let deepest = format!("Cơ quan cấp {}", MAX_LEVELS - 3);
    assert!(page.contains(&deepest), "the bodies page lists {deepest}");
}

#[test]
fn a_deeper_hierarchy_is_refused_naming_the_body_that_goes_too_deep() {
    let (site, lines) = body_chain(3000, false);
    // `deep-61` is at level 64; `deep-62`, the first too deep, is the 67th body.
    let too_deep = MAX_LEVELS - 2;
    let expected = error(
        BODIES,
        lines[too_deep],
        &format!("bodies[{}].parent", FIXTURE_BODIES + too_deep),
    )
    .says(format!("more than {MAX_LEVELS} levels"))
    .says("deep-62 → deep-61 → deep-60 →")
    .helps("parent");
    for run in [site.check(), site.build()] {
        failed_cleanly(&run);
        run.expect(&expected);
        assert_eq!(run.errors().len(), 1, "one error:\n{}", tail(&run.stderr));
        assert!(
            run.stderr.len() < 2000,
            "a short report:\n{}",
            tail(&run.stderr)
        );
    }
}

#[test]
fn a_parent_cycle_of_20000_bodies_is_reported_once_and_briefly() {
    let n = 20_000;
    let (site, lines) = body_chain(n, true);
    let run = site.check();
    failed_cleanly(&run);
    run.expect(
        &error(
            BODIES,
            lines[0],
            &format!("bodies[{FIXTURE_BODIES}].parent"),
        )
        .says("cycle: deep-0 → deep-19999 → deep-19998 →")
        .says(format!(
            "and {} more",
            chidao::i18n::number(chidao::model::Language::En, n - 5)
        ))
        .says("→ deep-0"),
    );
    assert_eq!(run.errors().len(), 1, "one error:\n{}", tail(&run.stderr));
    assert!(
        run.stderr.len() < 2000,
        "a short report:\n{}",
        tail(&run.stderr)
    );
}

/// A running `chidao serve`, killed when dropped.
struct Serve {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Serve {
    fn start(site: &Site) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chidao"))
            .env("CHIDAO_LANG", "en")
            .args(["serve", "--port", "0", "--today", TODAY, "--root"])
            .arg(&site.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut l = sink.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.contains("127.0.0.1:"), "serve did not start: {line:?}");
        Serve { child, log }
    }

    /// Waits until the log holds `text`, failing if the server ends first.
    fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.contains(text) {
                return;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("serve ended ({status}) before {text:?}:\n{}", tail(&log));
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "no {text:?} in:\n{}",
                tail(&log)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_reports_a_hierarchy_saved_too_deep_and_keeps_serving() {
    let site = Site::new();
    let mut serve = Serve::start(&site);
    let (deep, _) = body_chain(3000, false);
    let tmp = site.path("content/.bodies.yaml.tmp");
    std::fs::write(&tmp, deep.read(BODIES)).unwrap();
    std::fs::rename(&tmp, site.path(BODIES)).unwrap();
    serve.wait_for(&format!("more than {MAX_LEVELS} levels"));
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        serve.child.try_wait().unwrap().is_none(),
        "serve ended:\n{}",
        tail(&serve.log.lock().unwrap())
    );
}

/// How each document of a generated chain names the one before it.
#[derive(Clone, Copy, Debug)]
enum Link {
    Implements,
    CopyOf,
}

/// The minimal site with a chain of `n` documents `C0`, `C1`, …, each linked to the one
/// before by `link`, with one task each that carries out the one before; deadlines a day
/// apart around `TODAY`, so that the roll-ups hold many due dates.
fn document_chain(n: usize, link: Link) -> Site {
    let site = Site::new();
    for i in 0..n {
        let up = match (i, link) {
            (0, _) => String::new(),
            (_, Link::Implements) => format!("implements: [C{}]\n", i - 1),
            (_, Link::CopyOf) => format!("copy_of: C{}\n", i - 1),
        };
        let task_up = if i == 0 {
            String::new()
        } else {
            format!("    implements: \"C{}#1\"\n", i - 1)
        };
        let due =
            chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(i as u64);
        site.write(
            &format!("content/chain/{i:05}.md"),
            format!(
                "---\nid: C{i}\nkind: Công văn\ntitle: Văn bản {i}\nissuer: ubnd-tinh\ndate: 2024-01-01\n{up}tasks:\n  - id: \"1\"\n    text: Việc {i}.\n    lead: so-noi-vu\n    due: {}\n{task_up}---\nNội dung.\n",
                due.format("%d/%m/%Y")
            ),
        );
    }
    site
}

/// The first document's deadline; each one's is a day after the one before.
fn day_one() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
}

/// Bytes of the built output: in all, and of the first and last documents' pages.
struct Sizes {
    total: usize,
    top: usize,
    bottom: usize,
}

fn built_sizes(n: usize, link: Link) -> Sizes {
    let site = document_chain(n, link);
    site.good_build();
    let files = site.output_files("html");
    let size = |slug: String| {
        let path = format!("van-ban/{slug}.html");
        files
            .iter()
            .find(|(p, _)| *p == path)
            .map_or(0, |(_, t)| t.len())
    };
    let all = Snapshot::of(&site.output());
    Sizes {
        total: all
            .0
            .values()
            .filter_map(|e| e.bytes.as_ref())
            .map(Vec::len)
            .sum(),
        top: size("c0".into()),
        bottom: size(format!("c{}", n - 1)),
    }
}

#[test]
fn output_grows_linearly_with_the_depth_of_the_chain() {
    let depth = 150;
    for link in [Link::Implements, Link::CopyOf] {
        let (small, big) = (built_sizes(depth, link), built_sizes(4 * depth, link));
        let ratio = big.total as f64 / small.total as f64;
        assert!(
            ratio <= 4.5,
            "{link:?}: {} documents wrote {} bytes, {} wrote {} ({ratio:.1}×)",
            depth,
            small.total,
            4 * depth,
            big.total
        );
        for (what, a, b) in [
            ("first", small.top, big.top),
            ("last", small.bottom, big.bottom),
        ] {
            assert!(
                b as f64 <= a as f64 * 1.25,
                "{link:?}: the {what} document's page is {a} bytes in a chain of {depth}, {b} in one of {}",
                4 * depth
            );
        }
    }
}

/// `serve`'s `session`, after `site`'s file `rel` was edited, published what a full build
/// does.
fn served_as_built(session: &mut chidao::session::Session, site: &Site, rel: &str, out: &Path) {
    assert!(session.note(&[site.path(rel)]));
    let o = session.rebuild();
    let p = o
        .published
        .unwrap_or_else(|| panic!("{rel}: {:?}", o.diags));
    assert!(!p.full, "{rel}: the edit is rendered incrementally");
    while session.finish(&AtomicBool::new(false)).is_some() {}
    site.good_build();
    let files = |dir: &Path| {
        let mut s = Snapshot::of(dir);
        s.0.retain(|p, e| e.bytes.is_some() && p != ".chidao-manifest");
        s.0.into_iter()
            .map(|(p, e)| (p, e.bytes))
            .collect::<Vec<_>>()
    };
    let (served, full) = (files(out), files(&site.output()));
    assert_eq!(served.len(), full.len(), "{rel}: the same files");
    for ((p, a), (q, b)) in served.iter().zip(&full) {
        assert_eq!(p, q, "{rel}: the same files");
        assert!(a == b, "{rel}: {p} differs from a full build");
    }
}

#[test]
fn serve_publishes_what_a_full_build_does_after_edits_at_both_ends_of_a_chain() {
    let n = 100;
    let site = document_chain(n, Link::Implements);
    let out = site.outer().join("served");
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let mut session = chidao::session::Session::open(&site.root, &out, Some(today));
    assert!(session.rebuild().published.is_some());
    // The first document's title: the pages below that name or draw it.
    let first = "content/chain/00000.md";
    site.edit(first, "title: Văn bản 0\n", "title: Văn bản đầu\n");
    served_as_built(&mut session, &site, first, &out);
    // The deepest task due a day later, still overdue: the roll-up of every task above
    // holds its due date. (No status changes: that would render everything.)
    let last = format!("content/chain/{:05}.md", n - 1);
    let due = |days: u64| {
        (day_one() + chrono::Days::new(days))
            .format("due: %d/%m/%Y")
            .to_string()
    };
    site.edit(&last, &due(n as u64 - 1), &due(n as u64));
    served_as_built(&mut session, &site, &last, &out);
}
