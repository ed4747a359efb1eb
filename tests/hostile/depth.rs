//! Depth: a body hierarchy, a chain of documents and a tree of tasks as deep as a careless
//! editor (or an attacker) can write them. Nothing may recurse once per level (a stack
//! overflow kills `check`, `build` and `serve`), a cycle is found in linear time and named
//! briefly, and no page lists a whole ancestry or descent, so that output grows linearly
//! with depth.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{error, Run, Site, TODAY};

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
        .says(format!("and {} more", n - 5))
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
