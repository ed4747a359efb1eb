//! Helpers shared by the integration tests (the modules of `tests/it/`): a fresh copy of the
//! minimal site in a temporary folder, running `chidao build`/`check` on it, reading its
//! diagnostics, and snapshots of a folder (every entry's path, bytes and modification time) to
//! prove nothing was touched.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::time::SystemTime;

/// The "today" every test builds with, so statuses do not depend on the clock.
pub const TODAY: &str = "2025-01-15";

/// The site at `root` loaded and resolved as of `today` (`pipeline::load`, then
/// `pipeline::resolve`): its graph and every problem.
pub fn load(
    root: &Path,
    today: chrono::NaiveDate,
) -> (chidao::graph::Graph, Vec<chidao::diagnostic::Diagnostic>) {
    let (sources, loaded) = chidao::pipeline::load(root);
    chidao::pipeline::resolve(&sources, loaded, today)
}

/// The fixture every test starts from: a small valid site.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal")
}

/// A copy of the minimal site at `TMP/a/b/site`, so that a path escaping the site by a few
/// `..` still lands inside the temporary folder, where a test can see it.
pub struct Site {
    dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Site {
    pub fn new() -> Site {
        Site::holding(|root| copy_dir(&fixture(), root))
    }

    /// A copy of the shipped `content/` of the repository, at the same place.
    pub fn shipped() -> Site {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        Site::holding(|root| copy_dir(&content, &root.join("content")))
    }

    /// The minimal site with `n` more documents of one task each, deadlines a day apart
    /// around `TODAY`, so that tasks fall under several statuses: with more than a thousand,
    /// the documents index and the tasks page are split into numbered pages.
    pub fn big(n: usize) -> Site {
        let site = Site::new();
        for i in 0..n {
            let due = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
                + chrono::Days::new(i as u64 / 3);
            site.write(
                &format!("content/gen/{i:04}.md"),
                format!(
                    "---\nid: {i}-CV/UBND\nkind: Công văn\ntitle: Công văn số {i}\nissuer: ubnd-tinh\ndate: 2024-05-01\ntasks:\n  - id: \"1\"\n    text: Việc thứ {i}.\n    lead: so-noi-vu\n    due: {}\n---\nNội dung.\n",
                    due.format("%d/%m/%Y")
                ),
            );
        }
        site
    }

    /// A copy of the site `tests/fixtures/NAME` (e.g. `lifecycle`), at the same place.
    pub fn fixture_named(name: &str) -> Site {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        Site::holding(|root| copy_dir(&from, root))
    }

    fn holding(fill: impl FnOnce(&Path)) -> Site {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("a").join("b").join("site");
        fill(&root);
        Site { dir, root }
    }

    /// The temporary folder that holds the site (three levels above it).
    pub fn outer(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn output(&self) -> PathBuf {
        self.root.join("output")
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, contents).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    /// Replaces the one occurrence of `old` in a file with `new`; returns the one-based line
    /// the replaced text started on, which is where a planted mistake must be reported.
    pub fn edit(&self, rel: &str, old: &str, new: &str) -> usize {
        let text = self.read(rel);
        let found: Vec<_> = text.match_indices(old).collect();
        assert_eq!(found.len(), 1, "{old:?} must occur exactly once in {rel}");
        let at = found[0].0;
        self.write(rel, text.replacen(old, new, 1));
        text[..at].matches('\n').count() + 1
    }

    /// The one-based line of the one line of a file equal to `line` (after trimming).
    pub fn line_of(&self, rel: &str, line: &str) -> usize {
        let text = self.read(rel);
        let hits: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == line.trim())
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(hits.len(), 1, "{line:?} must be one line of {rel}");
        hits[0]
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    /// Runs `chidao COMMAND --root SITE --today TODAY EXTRA...`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_on(TODAY, args)
    }

    /// Runs `chidao COMMAND --root SITE --today DAY EXTRA...`: `run` on another day.
    pub fn run_on(&self, day: &str, args: &[&str]) -> Run {
        let (cmd, extra) = args.split_first().expect("a subcommand");
        let out = Command::new(env!("CARGO_BIN_EXE_chidao"))
            .env("CHIDAO_LANG", "en")
            .arg(cmd)
            .arg("--root")
            .arg(&self.root)
            .args(["--today", day])
            .args(extra)
            .current_dir(self.dir.path())
            .output()
            .expect("run chidao");
        Run {
            what: format!("chidao {}", args.join(" ")),
            status: out.status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Builds the site as it is and asserts it succeeds without a warning (a note, such as
    /// a copy that differs from its original, is no mistake).
    pub fn good_build(&self) -> Run {
        let run = self.build();
        run.assert_success();
        assert!(
            run.diagnostics().len() == run.notes().len(),
            "the good site must build without diagnostics:\n{}",
            run.stderr
        );
        run
    }

    pub fn snapshot_output(&self) -> Snapshot {
        Snapshot::of(&self.output())
    }

    pub fn snapshot_all(&self) -> Snapshot {
        Snapshot::of(self.outer())
    }

    /// The files of output/ with the given extension, as (relative path, text).
    pub fn output_files(&self, ext: &str) -> Vec<(String, String)> {
        Snapshot::of(&self.output())
            .0
            .into_iter()
            .filter(|(p, e)| e.bytes.is_some() && p.ends_with(&format!(".{ext}")))
            .map(|(p, e)| {
                (
                    p,
                    String::from_utf8(e.bytes.unwrap()).expect("UTF-8 output"),
                )
            })
            .collect()
    }

    pub fn data_json(&self) -> serde_json::Value {
        let text = fs::read_to_string(self.output().join("data.json")).expect("output/data.json");
        serde_json::from_str(&text).expect("data.json is JSON")
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What one run of the program did.
#[derive(Debug)]
pub struct Run {
    pub what: String,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_success(&self) {
        assert!(
            self.status.success(),
            "`{}` must succeed, got {:?}\nstderr:\n{}",
            self.what,
            self.status,
            self.stderr
        );
    }

    pub fn assert_failure(&self) {
        assert!(
            !self.status.success(),
            "`{}` must fail, but it succeeded\nstderr:\n{}",
            self.what,
            self.stderr
        );
        assert!(
            self.status.code().is_some(),
            "`{}` must exit, not be killed (a panic or a signal?): {:?}\nstderr:\n{}",
            self.what,
            self.status,
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "`{}` panicked:\n{}",
            self.what,
            self.stderr
        );
    }

    /// The diagnostics printed on stderr: each `error:`/`warning:`/`note:` line with the
    /// indented lines that follow it (its help).
    pub fn diagnostics(&self) -> Vec<Diag> {
        let mut out: Vec<Diag> = Vec::new();
        for line in self.stderr.lines() {
            if [
                "error: ",
                "warning: ",
                "note: ",
                "lỗi: ",
                "cảnh báo: ",
                "lưu ý: ",
            ]
            .iter()
            .any(|h| line.starts_with(h))
            {
                out.push(Diag {
                    head: line.to_string(),
                    help: String::new(),
                });
            } else if line.starts_with("  ") {
                if let Some(d) = out.last_mut() {
                    d.help.push_str(line.trim());
                    d.help.push('\n');
                }
            }
        }
        out
    }

    pub fn errors(&self) -> Vec<Diag> {
        self.diagnostics()
            .into_iter()
            .filter(|d| d.head.starts_with("error: ") || d.head.starts_with("lỗi: "))
            .collect()
    }

    pub fn warnings(&self) -> Vec<Diag> {
        self.diagnostics()
            .into_iter()
            .filter(|d| d.head.starts_with("warning: ") || d.head.starts_with("cảnh báo: "))
            .collect()
    }

    pub fn notes(&self) -> Vec<Diag> {
        self.diagnostics()
            .into_iter()
            .filter(|d| d.head.starts_with("note: "))
            .collect()
    }

    /// Asserts that a diagnostic matches `e`, and returns it.
    pub fn expect(&self, e: &Expect) -> Diag {
        let found = self.diagnostics().into_iter().find(|d| e.matches(d));
        found.unwrap_or_else(|| {
            panic!(
                "`{}`: no diagnostic matches\n  {e:?}\nstderr was:\n{}",
                self.what, self.stderr
            )
        })
    }
}

/// One printed diagnostic: `error: FILE:LINE: key `K`: MESSAGE` and its help lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub head: String,
    pub help: String,
}

/// What a diagnostic must say. `key: None` for problems of a whole file (not UTF-8, empty,
/// bad YAML), which have no key to name.
#[derive(Debug, Clone)]
pub struct Expect {
    pub warning: bool,
    pub file: String,
    pub line: usize,
    pub key: Option<String>,
    /// Texts the first line must contain.
    pub message: Vec<String>,
    /// Texts the help lines must contain (the suggestion).
    pub help: Vec<String>,
}

/// An expected error at `file:line`, about `key`.
pub fn error(file: &str, line: usize, key: &str) -> Expect {
    Expect {
        warning: false,
        file: file.into(),
        line,
        key: (!key.is_empty()).then(|| key.into()),
        message: Vec::new(),
        help: Vec::new(),
    }
}

pub fn warning(file: &str, line: usize, key: &str) -> Expect {
    Expect {
        warning: true,
        ..error(file, line, key)
    }
}

impl Expect {
    pub fn says(mut self, text: impl Into<String>) -> Self {
        self.message.push(text.into());
        self
    }

    pub fn helps(mut self, text: impl Into<String>) -> Self {
        self.help.push(text.into());
        self
    }

    pub fn prefix(&self) -> String {
        let label = if self.warning { "warning" } else { "error" };
        let mut p = format!("{label}: {}:{}: ", self.file, self.line);
        if let Some(k) = &self.key {
            p.push_str(&format!("key `{k}`: "));
        }
        p
    }

    pub fn matches(&self, d: &Diag) -> bool {
        d.head.starts_with(&self.prefix())
            && self.message.iter().all(|m| d.head.contains(m.as_str()))
            && self.help.iter().all(|h| d.help.contains(h.as_str()))
    }
}

/// One entry of a folder: a file's bytes and modification time, or a folder (no bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub bytes: Option<Vec<u8>>,
    pub modified: SystemTime,
}

/// Every entry below a folder (hidden ones too), by `/`-separated relative path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot(pub BTreeMap<String, Entry>);

impl Snapshot {
    pub fn of(dir: &Path) -> Snapshot {
        let mut s = Snapshot::default();
        if dir.exists() {
            walk(dir, dir, &mut s.0);
        }
        s
    }

    pub fn paths(&self) -> Vec<&str> {
        self.0.keys().map(String::as_str).collect()
    }

    /// Asserts `later` is the same, naming every difference.
    pub fn assert_unchanged(&self, later: &Snapshot, what: &str) {
        let mut diffs = Vec::new();
        for (p, e) in &self.0 {
            match later.0.get(p) {
                None => diffs.push(format!("removed: {p}")),
                Some(l) if l.bytes != e.bytes => diffs.push(format!("content changed: {p}")),
                Some(l) if l.modified != e.modified => {
                    diffs.push(format!("modification time changed: {p}"))
                }
                Some(_) => {}
            }
        }
        for p in later.0.keys().filter(|p| !self.0.contains_key(*p)) {
            diffs.push(format!("added: {p}"));
        }
        assert!(
            diffs.is_empty(),
            "{what} must be unchanged:\n{}",
            diffs.join("\n")
        );
    }
}

fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Entry>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let meta = fs::symlink_metadata(&path).unwrap();
        let rel = path
            .strip_prefix(base)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = if meta.is_dir() {
            None
        } else if meta.file_type().is_symlink() {
            Some(format!("symlink -> {}", fs::read_link(&path).unwrap().display()).into_bytes())
        } else {
            Some(fs::read(&path).unwrap())
        };
        out.insert(
            rel,
            Entry {
                bytes,
                modified: meta.modified().unwrap(),
            },
        );
        if meta.is_dir() {
            walk(base, &path, out);
        }
    }
}
