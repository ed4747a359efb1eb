//! Hostile file layouts: links out of the site or the output folder, a theme named by a path,
//! settings files that are folders, named pipes or bare words, ids too long to name a file.
//! Nothing outside the site may be read or published, nothing outside the output folder
//! touched, nothing may hang, and each problem names its file (and line and key).

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{error, Run, Site, Snapshot, TODAY};

/// Runs `chidao COMMAND --root SITE --today TODAY`, killed after 20 s: a hang fails the test
/// instead of stopping the run.
fn run_within(site: &Site, cmd: &str) -> Run {
    // Beside the site, not in its temporary folder, which tests compare before and after.
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_chidao"))
        .env("CHIDAO_LANG", "en")
        .arg(cmd)
        .arg("--root")
        .arg(&site.root)
        .args(["--today", TODAY])
        .current_dir(site.outer())
        .stdout(Stdio::null())
        .stderr(log.reopen().unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`chidao {cmd}` hangs:\n{}",
                fs::read_to_string(log.path()).unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        what: format!("chidao {cmd}"),
        status,
        stdout: String::new(),
        stderr: fs::read_to_string(log.path()).unwrap(),
    }
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn stale_files_are_never_removed_through_a_link() {
    let site = Site::new();
    site.good_build();
    let victim = site.outer().join("victim");
    fs::create_dir_all(&victim).unwrap();
    fs::write(victim.join("precious.txt"), "not chidao's").unwrap();
    symlink(&victim, site.output().join("link")).unwrap();
    let manifest = site.output().join(".chidao-manifest");
    let listed = fs::read_to_string(&manifest).unwrap() + "link/precious.txt\n";
    fs::write(&manifest, listed).unwrap();

    site.good_build();
    assert_eq!(
        fs::read_to_string(victim.join("precious.txt"))
            .ok()
            .as_deref(),
        Some("not chidao's"),
        "a file outside output/ was removed through output/link"
    );
}

#[test]
fn a_manifest_that_is_a_link_or_a_pipe_is_not_followed() {
    let site = Site::new();
    site.good_build();
    let manifest = site.output().join(".chidao-manifest");
    let outside = site.outer().join("precious.txt");
    fs::write(&outside, "not chidao's").unwrap();
    fs::remove_file(&manifest).unwrap();
    symlink(&outside, &manifest).unwrap();
    site.edit("content/01-kh-ubnd.md", "năm 2024\n", "năm 2024 (sửa)\n");
    let run = run_within(&site, "build");
    run.assert_success();
    assert_eq!(
        fs::read_to_string(&outside).unwrap(),
        "not chidao's",
        "the manifest was written through a link"
    );

    fs::remove_file(&manifest).unwrap();
    mkfifo(&manifest);
    run_within(&site, "build").assert_success();
    assert!(fs::symlink_metadata(&manifest).unwrap().is_file());
}

/// A theme folder outside the site, with a file that must never be published.
fn outside_theme(site: &Site) -> std::path::PathBuf {
    let evil = site.outer().join("evil");
    fs::create_dir_all(evil.join("static")).unwrap();
    fs::create_dir_all(evil.join("templates")).unwrap();
    fs::write(evil.join("static/secret.txt"), "secret").unwrap();
    evil
}

#[test]
fn a_theme_is_a_name_under_themes() {
    let mut wrong = Vec::new();
    for case in [
        "{evil}",
        "../../../../evil",
        "mine/../../../../../evil",
        "linked",
        "..",
        ".",
        "mine/templates",
        "absent",
    ] {
        let site = Site::new();
        let evil = outside_theme(&site);
        fs::create_dir_all(site.path("themes/mine/static")).unwrap();
        fs::write(site.path("themes/mine/static/mine.txt"), "mine").unwrap();
        symlink(&evil, site.path("themes/linked")).unwrap();
        let value = case.replace("{evil}", evil.to_str().unwrap());
        let text = site.read("content/site.yaml");
        site.write("content/site.yaml", format!("{text}theme: \"{value}\"\n"));
        let line = site.line_of("content/site.yaml", &format!("theme: \"{value}\""));
        let want = error("content/site.yaml", line, "theme").helps("`mine`");
        for run in [site.check(), site.build()] {
            run.assert_failure();
            if !run.diagnostics().iter().any(|d| want.matches(d)) {
                wrong.push(format!("theme: {case}: `{}`:\n{}", run.what, run.stderr));
            }
        }
        if site.output().join("static/secret.txt").exists() {
            wrong.push(format!(
                "theme: {case}: published a file from outside the site"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_theme_publishes_nothing_through_a_link() {
    let site = Site::new();
    let evil = outside_theme(&site);
    fs::create_dir_all(site.path("themes/mine/templates")).unwrap();
    symlink(evil.join("static"), site.path("themes/mine/static")).unwrap();
    let text = site.read("content/site.yaml");
    site.write("content/site.yaml", format!("{text}theme: mine\n"));
    site.build().assert_success();
    assert!(!site.output().join("static/secret.txt").exists());
}

#[test]
fn a_document_that_is_a_link_or_a_pipe_is_skipped_with_a_warning() {
    let site = Site::new();
    let secret = site.outer().join("secret.md");
    fs::write(
        &secret,
        "---\nid: SECRET-1\nkind: Công văn\ntitle: Bí mật\nissuer: ubnd-tinh\n---\nBí mật.\n",
    )
    .unwrap();
    symlink(&secret, site.path("content/secret.md")).unwrap();
    mkfifo(&site.path("content/pipe.md"));
    for cmd in ["check", "build"] {
        let run = run_within(&site, cmd);
        run.assert_success();
        assert!(
            file_warning(&run, "content/secret.md", "symbolic link"),
            "{}",
            run.stderr
        );
        assert!(
            file_warning(&run, "content/pipe.md", "named pipe"),
            "{}",
            run.stderr
        );
    }
    assert!(!site.output().join("van-ban/secret-1.html").exists());
}

/// Whether `run` warned about the whole of `file` (no line), saying `says`.
fn file_warning(run: &Run, file: &str, says: &str) -> bool {
    run.warnings()
        .iter()
        .any(|d| d.head.starts_with(&format!("warning: {file}: ")) && d.head.contains(says))
}

#[test]
fn a_failed_build_leaves_output_as_it_was_when_a_folder_is_a_link() {
    let site = Site::new();
    site.good_build();
    let search = site.output().join("static/search");
    let moved = site.outer().join("search");
    fs::rename(&search, &moved).unwrap();
    symlink(&moved, &search).unwrap();
    site.edit(
        "content/01-kh-ubnd.md",
        "title: Kế hoạch bồi dưỡng cán bộ năm 2024",
        "title: Kế hoạch bồi dưỡng công chức năm 2024",
    );
    let before = (site.snapshot_output(), Snapshot::of(&moved));
    let run = site.build();
    run.assert_failure();
    assert!(run.stderr.contains("static/search"), "{}", run.stderr);
    before
        .0
        .assert_unchanged(&site.snapshot_output(), "output/");
    before
        .1
        .assert_unchanged(&Snapshot::of(&moved), "the folder linked to");
}

#[test]
fn an_output_folder_that_is_not_a_folder_is_refused_plainly() {
    for (what, says, make) in [
        (
            "a file",
            "is a file",
            (|p: &Path| fs::write(p, "x").unwrap()) as fn(&Path),
        ),
        ("a named pipe", "is a named pipe", |p: &Path| mkfifo(p)),
        ("a dangling link", "symbolic link", |p: &Path| {
            symlink("nowhere", p).unwrap()
        }),
    ] {
        let site = Site::new();
        make(&site.output());
        // (Not a snapshot of the whole folder: it would wait on the pipe.)
        let before = (
            Snapshot::of(&site.root.join("content")),
            entry(&site.output()),
        );
        let run = run_within(&site, "build");
        run.assert_failure();
        assert!(
            run.stderr.contains("output") && run.stderr.contains(says),
            "{what}: the refusal names the folder and says what it is:\n{}",
            run.stderr
        );
        before
            .0
            .assert_unchanged(&Snapshot::of(&site.root.join("content")), what);
        assert_eq!(entry(&site.output()), before.1, "{what}");
    }
}

/// What is at `path` (not following a link), and its bytes if it is a plain file.
fn entry(path: &Path) -> (fs::FileType, Option<Vec<u8>>) {
    let t = fs::symlink_metadata(path).unwrap().file_type();
    (t, t.is_file().then(|| fs::read(path).unwrap()))
}

#[test]
fn an_id_too_long_for_a_file_name_is_found_by_check() {
    let site = Site::new();
    let long = "1".repeat(300);
    site.write(
        "content/long.md",
        format!(
            "---\nkind: Công văn\nid: {long}-CV/UBND\ntitle: Dài\nissuer: ubnd-tinh\n---\nX.\n"
        ),
    );
    let body_line = site.edit(
        "content/bodies.yaml",
        "  - id: so-tai-chinh\n",
        &format!("  - id: co-quan-{long}\n    name: Cơ quan dài\n  - id: so-tai-chinh\n"),
    );
    let doc = error("content/long.md", 3, "id").says("too long");
    let body = error("content/bodies.yaml", body_line, "bodies[2].id").says("too long");
    for run in [site.check(), site.build()] {
        run.assert_failure();
        run.expect(&doc);
        run.expect(&body);
        assert!(!run.stderr.contains("File name too long"), "{}", run.stderr);
    }
}

#[test]
fn settings_files_that_are_no_files_are_named() {
    type Plant = fn(&Site);
    let cases: [(&str, Plant, &str); 6] = [
        (
            "content/site.yaml",
            |s| s.write("content/site.yaml", "hello\n"),
            "key: value",
        ),
        (
            "content/bodies.yaml",
            |s| s.write("content/bodies.yaml", "hello\n"),
            "bodies:",
        ),
        (
            "content/site.yaml",
            |s| replace_by_folder(s, "content/site.yaml"),
            "folder",
        ),
        (
            "content/bodies.yaml",
            |s| replace_by_folder(s, "content/bodies.yaml"),
            "folder",
        ),
        (
            "content/site.yaml",
            |s| replace_by_pipe(s, "content/site.yaml"),
            "named pipe",
        ),
        (
            "content/bodies.yaml",
            |s| replace_by_pipe(s, "content/bodies.yaml"),
            "named pipe",
        ),
    ];
    let mut wrong = Vec::new();
    for (file, plant, says) in cases {
        let site = Site::new();
        plant(&site);
        let run = run_within(&site, "check");
        let named = run.errors().into_iter().any(|d| {
            d.head.starts_with(&format!("error: {file}"))
                && !d.head.contains("key ``")
                && format!("{}{}", d.head, d.help).contains(says)
        });
        let cascade = run.stderr.contains("unknown body");
        if run.status.success() || !named || cascade {
            wrong.push(format!(
                "{file} ({says}): exit {:?}, named: {named}, cascade of unknown bodies: {cascade}\n{}",
                run.status.code(),
                run.stderr
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn replace_by_folder(site: &Site, rel: &str) {
    fs::remove_file(site.path(rel)).unwrap();
    fs::create_dir(site.path(rel)).unwrap();
}

fn replace_by_pipe(site: &Site, rel: &str) {
    fs::remove_file(site.path(rel)).unwrap();
    mkfifo(&site.path(rel));
}
