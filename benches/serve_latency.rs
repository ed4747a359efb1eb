//! Edit-to-visible latency of `chidao serve` on a generated site, against a full build of the
//! same site measured in the same run:
//!
//! `cargo run --release --example serve-latency -- --documents 10000 [--edits 21] [--pause MS]`
//! `[--poll] [--hugo DIR]`
//!
//! `--pause` waits that long after each edit is undone before the next one, as an editor
//! between saves does (the exports and search index that `serve` brings up to date after a
//! save are then done); without it, each save comes while the previous one's are still being
//! made, and has to interrupt them.
//!
//! For each edit, a document's title is changed the way editors save (a temporary file
//! renamed over the original). One clock stops when both the document's page and the page
//! of the document it implements (which lists it) are served with the new title; a second
//! when the other pages that show the title are too: the page of the body that issued it,
//! the page of the documents index that lists it and the whole chain (`so-do.html`, when
//! it lists it).
//!
//! A page counts as served with the new title at the live-reload event that tells the open
//! copies of it to reload (what a browser showing it sees), once one request then confirms
//! it has the title. `--poll` instead requests each page again and again until it has the
//! title: that measures the same moment less exactly, as the requests themselves (5.9 MB
//! each for the chain at 10,000 documents) take the server's cores from the rebuild.
//!
//! `--hugo DIR` then times Hugo's server (`hugo server`) on the same edits, where `DIR` is
//! the Hugo copy of the same corpus that `CORPUS_ARGS= SEED=1 benches/peers.sh 10000` makes
//! (`/dev/shm/peers-hugo-10000`): the edited page, by polling.

#[path = "corpus/mod.rs"]
mod corpus;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-23";

fn main() {
    let mut documents = 10_000;
    let mut edits = 21;
    let mut pause = 0;
    let mut poll = false;
    let mut hugo: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = || args.next().and_then(|v| v.parse().ok()).expect("a number");
        match a.as_str() {
            "--documents" => documents = num(),
            "--edits" => edits = num(),
            "--pause" => pause = num(),
            "--poll" => poll = true,
            "--hugo" => hugo = args.next().map(PathBuf::from),
            other => panic!(
                "unknown argument {other}; use --documents N --edits K --pause MS [--poll] [--hugo DIR]"
            ),
        }
    }
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/chidao");
    assert!(bin.exists(), "build it first: cargo build --release");
    let base = std::env::temp_dir().join(format!("chidao-latency-{documents}"));
    let _ = std::fs::remove_dir_all(&base);
    let root = base.join("site");
    let summary = corpus::generate(
        &corpus::Options {
            documents,
            seed: 1,
            ..Default::default()
        },
        &root,
    )
    .expect("generating the corpus");
    eprintln!(
        "corpus: {} documents, {} tasks, {} bodies",
        summary.documents, summary.tasks, summary.bodies
    );

    // Full builds, into an empty folder each time.
    let mut full = Vec::new();
    for _ in 0..3 {
        let out = base.join("full");
        let _ = std::fs::remove_dir_all(&out);
        let start = Instant::now();
        let status = Command::new(&bin)
            .args(["build", "--today", TODAY, "--root"])
            .arg(&root)
            .arg("--output")
            .arg(&out)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        full.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(base.join("full/data.json")).unwrap()).unwrap();
    let docs = data["documents"].as_array().unwrap();
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap();
    let candidates: Vec<&serde_json::Value> = docs
        .iter()
        .filter(|d| d["implements"].as_array().is_some_and(|a| !a.is_empty()))
        .collect();

    let files = document_files(&root);
    let child = Command::new(&bin)
        .args(["serve", "--port", "0", "--today", TODAY, "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Stopped even when a step below panics.
    let mut child = Server(child);
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("the address");

    let mut events = Events::subscribe(port);
    let mut times = Vec::new();
    let mut all_times = Vec::new();
    for k in 0..edits {
        let doc = candidates[(k * candidates.len()) / edits.max(1)];
        let parent = by_id(doc["implements"][0].as_str().unwrap());
        let file = files[doc["id"].as_str().unwrap()].clone();
        let edit = TitleEdit::prepare(&file, k);
        let page = doc["url"].as_str().unwrap().split('#').next().unwrap();
        let up = parent["url"].as_str().unwrap().split('#').next().unwrap();
        let mut lists = listing_pages(&base.join("full"), page);
        // The page of the body that issued it, which lists it among the documents it issued
        // (each of its numbered pages that shows it, when it has them).
        if let Some(issuer) = doc["issuer"].as_str() {
            let body = data["bodies"]
                .as_array()
                .unwrap()
                .iter()
                .find(|b| b["id"] == issuer)
                .unwrap();
            let url = body["url"].as_str().unwrap();
            let slug = url.trim_start_matches("co-quan/").trim_end_matches(".html");
            let first = format!("{slug}.html");
            let later = format!("{slug}.trang-");
            let on = pages_linking(
                &base.join("full"),
                "co-quan",
                |f| f == first || f.starts_with(&later),
                page,
            );
            // (Its tasks' rows may link to it from other pages of the body too.)
            assert!(!on.is_empty(), "{page} is on a page of its issuer");
            lists.extend(on);
        }
        let start = edit.save();
        // When each page was served with the marker, in milliseconds after `start`: the
        // page, its parent's, then the site-wide lists.
        let mut watched = vec![page, up];
        watched.extend(lists.iter().map(String::as_str));
        let at: Vec<f64> = if poll {
            watched
                .iter()
                .map(|path| edit.polled(port, &format!("/{path}"), start))
                .collect()
        } else {
            events.shown(start, &watched, |p| get(port, p).contains(&edit.marker))
        };
        let edited = at[0].max(at[1]);
        times.push(edited);
        let listed = at.iter().cloned().fold(edited, f64::max);
        all_times.push(listed);
        edit.undo(
            port,
            &format!("/{}", doc["url"].as_str().unwrap()),
            pause as u64,
        );
    }
    drop(child);
    let full_median = median(&mut full);
    let edit_median = median(&mut times);
    let all_median = median(&mut all_times);
    println!("| documents | pause between edits | measured by | full build (median of 3) | page and parent: median of {edits} | min | max | ratio | with the issuer's page, the index page and the chain: median | max |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {pause} ms | {} | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.1}× | {:.0} ms | {:.0} ms |",
        summary.documents,
        if poll { "polling" } else { "live-reload events" },
        full_median,
        edit_median,
        times.iter().cloned().fold(f64::INFINITY, f64::min),
        times.iter().cloned().fold(0.0, f64::max),
        full_median / edit_median,
        all_median,
        all_times.iter().cloned().fold(0.0, f64::max),
    );
    if let Some(dir) = hugo {
        let edited: Vec<PathBuf> = (0..edits)
            .map(|k| {
                let doc = candidates[(k * candidates.len()) / edits.max(1)];
                files[doc["id"].as_str().unwrap()].clone()
            })
            .collect();
        hugo_server(&dir, &root, &edited, pause as u64);
    }
}

/// Hugo's own server (`hugo server`, rendering to memory, with its live reload) on `dir`, a
/// Hugo site holding the same Markdown files as `root` (`benches/peers.sh` makes it), timed
/// on the same edits: how long after each save the edited page is served with the new
/// title, by requesting it again and again (Hugo's pages are small).
fn hugo_server(dir: &Path, root: &Path, edited: &[PathBuf], pause: u64) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("hugo")
        .args([
            "server",
            "--bind",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--source",
        ])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("hugo (apt-get install hugo)");
    let _server = Server(child);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() || !get(port, "/").contains(" 200 ") {
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "hugo server never came up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!(
        "hugo server up after {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    for (k, ours) in edited.iter().enumerate() {
        let rel = ours.strip_prefix(root).unwrap();
        let file = dir.join(rel);
        // Hugo's URL of the page (uglyURLs): content/a/b.md is /a/b.html.
        let url = format!(
            "/{}",
            rel.strip_prefix("content")
                .unwrap()
                .with_extension("html")
                .to_string_lossy()
        );
        assert!(get(port, &url).contains(" 200 "), "{url} is not served");
        let edit = TitleEdit::prepare(&file, k);
        let start = edit.save();
        times.push(edit.polled(port, &url, start));
        edit.undo(port, &url, pause);
    }
    println!(
        "| hugo server ({}) | the edited page, by polling: median of {} | {:.0} ms | min {:.0} ms | max {:.0} ms |",
        String::from_utf8_lossy(&Command::new("hugo").arg("version").output().unwrap().stdout)
            .split_whitespace()
            .nth(1)
            .unwrap_or("?"),
        times.len(),
        median(&mut times),
        times.iter().cloned().fold(f64::INFINITY, f64::min),
        times.iter().cloned().fold(0.0, f64::max),
    );
}

/// The pages of the site-wide lists that show the document at `page` (by its title): the
/// page of the documents index that lists it, and the whole chain (`so-do.html`) when it
/// lists it (it lists the first thousand documents of the chain).
fn listing_pages(out: &Path, page: &str) -> Vec<String> {
    let mut found = pages_linking(out, "van-ban", |f| f.starts_with("index"), page);
    assert_eq!(
        found.len(),
        1,
        "{page} is on one page of the index: {found:?}"
    );
    found.extend(pages_linking(out, "", |f| f == "so-do.html", page));
    found
}

/// The pages in folder `dir` of `out` whose file name `pick` chooses and that link to the
/// page `page`.
fn pages_linking(out: &Path, dir: &str, pick: impl Fn(&str) -> bool, page: &str) -> Vec<String> {
    let name = page.rsplit('/').next().unwrap();
    std::fs::read_dir(out.join(dir))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| pick(f))
        .filter(|f| {
            std::fs::read_to_string(out.join(dir).join(f))
                .unwrap()
                .contains(&format!("/{name}\""))
        })
        .map(|f| {
            if dir.is_empty() {
                f
            } else {
                format!("{dir}/{f}")
            }
        })
        .collect()
}

/// The live-reload events of the server, as they arrive: when, and the pages they tell to
/// reload (`None`: every page).
struct Events {
    rx: std::sync::mpsc::Receiver<(Instant, Option<Vec<String>>)>,
}

impl Events {
    /// Listens to the server's event stream (HTTP/1.0, so the body is not chunked).
    fn subscribe(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET /__chidao/events HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines() {
                let Ok(line) = line else { break };
                let Some(data) = line.strip_prefix("data:") else {
                    continue;
                };
                let Ok(v) = serde_json::from_str::<serde_json::Value>(data.trim()) else {
                    continue;
                };
                let changed = v["changed"].as_array().map(|a| {
                    a.iter()
                        .filter_map(|p| p.as_str())
                        .map(|p| p.trim_start_matches('/').to_string())
                        .collect()
                });
                if tx.send((Instant::now(), changed)).is_err() {
                    break;
                }
            }
        });
        Events { rx }
    }

    /// For each of `paths`, when it was shown after `start`, in milliseconds: the first
    /// event after `start` that tells it to reload and after which `has_it` says the page
    /// served is the new one. Each event is looked at as it arrives, so `has_it` asks right
    /// after it.
    fn shown(&mut self, start: Instant, paths: &[&str], has_it: impl Fn(&str) -> bool) -> Vec<f64> {
        let mut when: Vec<Option<Instant>> = vec![None; paths.len()];
        while when.iter().any(Option::is_none) {
            let left = Duration::from_secs(60).saturating_sub(start.elapsed());
            let (at, changed) = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("{paths:?} never all updated"));
            if at < start {
                continue;
            }
            for (k, path) in paths.iter().enumerate() {
                let named = changed.as_ref().is_none_or(|c| c.iter().any(|p| p == path));
                if when[k].is_none() && named && has_it(&format!("/{path}")) {
                    when[k] = Some(at);
                }
            }
        }
        when.into_iter()
            .map(|w| (w.expect("all shown") - start).as_secs_f64() * 1000.0)
            .collect()
    }
}

/// Edit `k` of a document's file: its title with a marker before it, saved the way editors
/// save (a temporary file renamed over the original), then undone.
struct TitleEdit {
    file: PathBuf,
    tmp: PathBuf,
    text: String,
    marker: String,
}

impl TitleEdit {
    /// Writes the edited text beside `file`, ready to [`TitleEdit::save`].
    fn prepare(file: &Path, k: usize) -> TitleEdit {
        let text = std::fs::read_to_string(file).unwrap();
        let marker = format!("ĐÃ SỬA {k}");
        let edited = text.replacen("\ntitle: ", &format!("\ntitle: {marker} "), 1);
        let tmp = file.with_file_name(".latency.tmp");
        std::fs::write(&tmp, edited).unwrap();
        TitleEdit {
            file: file.to_path_buf(),
            tmp,
            text,
            marker,
        }
    }

    /// Saves the edit; returns when.
    fn save(&self) -> Instant {
        let start = Instant::now();
        std::fs::rename(&self.tmp, &self.file).unwrap();
        start
    }

    /// Requests `path` again and again until it has the marker: the milliseconds from `start`.
    fn polled(&self, port: u16, path: &str, start: Instant) -> f64 {
        while !get(port, path).contains(&self.marker) {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "{path} never updated"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        start.elapsed().as_secs_f64() * 1000.0
    }

    /// Saves the text as it was, waits until `path` no longer has the marker (the restoring
    /// save went through), then `pause` milliseconds more.
    fn undo(&self, port: u16, path: &str, pause: u64) {
        std::fs::write(&self.file, &self.text).unwrap();
        while get(port, path).contains(&self.marker) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(pause));
    }
}

/// The `chidao serve` being measured, stopped when dropped.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Each document's file, by the `id` in its front matter.
fn document_files(root: &Path) -> std::collections::HashMap<String, PathBuf> {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            let id = text.lines().take(5).find_map(|l| l.strip_prefix("id:"))?;
            Some((
                id.trim().trim_matches(['"', '\'']).to_string(),
                e.into_path(),
            ))
        })
        .collect()
}

fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw).into_owned()
}
