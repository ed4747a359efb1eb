//! `chidao new` on a copy of the shipped site, with the real binary: where the file goes,
//! what its front matter says (the tasks for the issuer computed from the site's own export
//! and registry), that `check` accepts it, and that a mistake in the arguments is reported
//! with the build's words and writes nothing, never overwrites, never escapes `content/`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use chidao::load::yaml::{self, Value};

use crate::common::{Run, Site, Snapshot};

const TODAY: &str = "2025-01-15";

/// A copy of the shipped `content/` at `TMP/a/b/site`, so that a path escaping the site
/// still lands inside the temporary folder, where the snapshot sees it.
struct Shipped(Site);

impl std::ops::Deref for Shipped {
    type Target = Site;

    fn deref(&self) -> &Site {
        &self.0
    }
}

impl Shipped {
    fn new() -> Shipped {
        Shipped(Site::shipped())
    }

    /// `chidao COMMAND --root SITE --today TODAY ARGS...`, run from the temporary folder.
    fn run(&self, cmd: &str, args: &[&str]) -> Run {
        let all: Vec<&str> = std::iter::once(cmd).chain(args.iter().copied()).collect();
        self.0.run(&all)
    }

    fn new_doc(&self, args: &[&str]) -> Run {
        self.run("new", args)
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot::of(self.outer())
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The site's exported graph, built into a folder outside the site.
    fn data_json(&self) -> serde_json::Value {
        let out = tempfile::tempdir().unwrap();
        let run = self.run("build", &["--output", out.path().to_str().unwrap()]);
        run.assert_success();
        let text = fs::read_to_string(out.path().join("data.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }
}

/// The one path printed on stdout by a successful `new`, checked to lie below `content/`.
fn written(run: &Run) -> String {
    run.assert_success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one path on stdout:\n{}", run.stdout);
    let path = lines[0].replace('\\', "/");
    assert!(path.starts_with("content/"), "{path}");
    assert!(
        Path::new(&path)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_))),
        "{path}"
    );
    path
}

/// The front matter of a document's text, parsed.
fn front(text: &str) -> Value {
    let (fm, _, _) = chidao::load::source::split_front_matter(text).expect("front matter");
    yaml::parse(fm).expect("valid YAML")
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

fn list(v: &Value) -> Vec<String> {
    v.as_sequence()
        .map(|seq| seq.iter().map(|x| s(x).to_string()).collect())
        .unwrap_or_default()
}

/// The paths added between two snapshots; every file that was there must be untouched
/// (a folder's modification time changes when a file is added to it).
fn added(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    for (p, e) in &before.0 {
        let later = after.0.get(p);
        assert!(later.is_some(), "{p} must still be there");
        if e.bytes.is_some() {
            assert_eq!(later, Some(e), "{p} must be left as it was");
        }
    }
    after
        .0
        .keys()
        .filter(|p| !before.0.contains_key(*p))
        .cloned()
        .collect()
}

/// The ids of the bodies `issuer` acts for, per bodies.yaml: itself and every body above it.
fn issuer_and_above(site: &Shipped, issuer: &str) -> Vec<String> {
    let reg = yaml::parse(&site.read("content/bodies.yaml")).unwrap();
    let bodies = reg["bodies"].as_sequence().unwrap();
    let mut out = vec![issuer.to_string()];
    loop {
        let last = out.last().unwrap().clone();
        let parent = bodies
            .iter()
            .find(|b| s(&b["id"]) == last)
            .and_then(|b| b.get("parent"))
            .map(|p| s(p).to_string());
        match parent {
            Some(p) if !out.contains(&p) => out.push(p),
            _ => return out,
        }
    }
}

/// The tasks of `parent` that `issuer` must carry out, from the exported data: those whose
/// lead or support is the issuer, a body above it, or a group with one of these as member.
fn expected_tasks(
    site: &Shipped,
    data: &serde_json::Value,
    issuer: &str,
    parent: &str,
) -> Vec<serde_json::Value> {
    let bodies = issuer_and_above(site, issuer);
    let mut parties: BTreeSet<String> = bodies.iter().cloned().collect();
    for g in data["groups"].as_array().unwrap() {
        let members = g["members"].as_array().unwrap();
        if members.iter().any(|m| bodies.iter().any(|b| m == b)) {
            parties.insert(g["id"].as_str().unwrap().to_string());
        }
    }
    data["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["document"] == parent)
        .filter(|t| {
            let lead = t["lead"].as_str().unwrap_or_default();
            parties.contains(lead)
                || t["support"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| parties.contains(x.as_str().unwrap()))
        })
        .cloned()
        .collect()
}

/// The id of a body named by `name` in bodies.yaml.
fn body_id(data: &serde_json::Value, name: &str) -> String {
    data["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == name)
        .unwrap_or_else(|| panic!("no body named {name}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_example_of_the_issue_writes_a_plan_with_the_parent_and_an_empty_title() {
    let site = Shipped::new();
    let data = site.data_json();
    let issuer = body_id(&data, "Sở Nội vụ");
    let expected = expected_tasks(&site, &data, &issuer, "39-KL/TW");
    let before = site.snapshot();
    let run = site.new_doc(&[
        "--kind",
        "Kế hoạch",
        "--issuer",
        "Sở Nội vụ",
        "--implements",
        "39-KL/TW",
    ]);
    let path = written(&run);
    // Sở Nội vụ has issued nothing yet: the file goes where its people's committee's plan is.
    assert_eq!(path, "content/tinh/ke-hoach-so-noi-vu-2025-01-15.md");
    assert_eq!(
        added(&before, &site.snapshot()),
        vec![format!("a/b/site/{path}")]
    );
    assert!(run.stderr.contains("the title is empty"), "{}", run.stderr);
    assert!(run.stderr.contains("chidao check"), "{}", run.stderr);

    let text = site.read(&path);
    let fm = front(&text);
    assert_eq!(s(&fm["id"]), "ke-hoach-so-noi-vu-2025-01-15");
    assert_eq!(s(&fm["kind"]), "Kế hoạch");
    assert_eq!(s(&fm["title"]), "");
    assert!(text.contains("title: \"\" # Trích yếu"), "{text}");
    assert_eq!(s(&fm["issuer"]), issuer);
    assert_eq!(s(&fm["date"]), TODAY);
    assert_eq!(list(&fm["implements"]), ["39-KL/TW"]);
    let tasks = fm["tasks"].as_sequence().unwrap();
    assert_eq!(tasks.len(), expected.len());
    if expected.is_empty() {
        assert!(text.contains("\ntasks: []\n"), "{text}");
        assert!(
            text.contains("#   - id: \"1\""),
            "an example of a task: {text}"
        );
    }

    // The file loads: the one error `check` finds is the title left for the editor.
    let check = site.run("check", &[]);
    check.assert_failure();
    let errors = check.errors();
    assert_eq!(errors.len(), 1, "{}", check.stderr);
    assert!(
        errors[0].head.starts_with(&format!(
            "error: {path}:4: key `title`: missing required key"
        )),
        "{}",
        check.stderr
    );
}

#[test]
fn the_parents_tasks_for_the_issuer_are_prefilled_and_check_passes() {
    // (issuer as an editor types it, parents): a department under a plan that names it and
    // its groups; a central body under two documents (one with a deadline); a standing
    // committee under a conclusion addressed to a group of its party committee.
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Sở Nội vụ",
            "so-noi-vu",
            &["ke-hoach-ubnd-tinh-trien-khai-107-kh-tu"],
        ),
        (
            "BTCTW",
            "ban-to-chuc-trung-uong",
            &["157-TB/TW", "39-KL/TW"],
        ),
        (
            "Ban Thường vụ Tỉnh ủy Lai Châu",
            "ban-thuong-vu-tinh-uy-lai-chau",
            &["39-KL/TW"],
        ),
    ];
    for &(issuer_name, issuer, parents) in cases {
        let site = Shipped::new();
        let data = site.data_json();
        let expected: Vec<serde_json::Value> = parents
            .iter()
            .flat_map(|p| expected_tasks(&site, &data, issuer, p))
            .collect();
        assert!(
            !expected.is_empty(),
            "{issuer_name}: the case must have tasks"
        );

        let mut args = vec!["--kind", "Kế hoạch", "--issuer", issuer_name];
        for p in parents {
            args.extend(["--implements", p]);
        }
        args.extend(["--title", "Triển khai thực hiện: các nhiệm vụ được giao"]);
        let run = site.new_doc(&args);
        let path = written(&run);
        let fm = front(&site.read(&path));
        assert_eq!(s(&fm["issuer"]), issuer);
        assert_eq!(
            s(&fm["title"]),
            "Triển khai thực hiện: các nhiệm vụ được giao"
        );
        assert_eq!(list(&fm["implements"]), parents);
        let tasks = fm["tasks"].as_sequence().unwrap();
        let got: Vec<&str> = tasks.iter().map(|t| s(&t["implements"])).collect();
        let want: Vec<&str> = expected
            .iter()
            .map(|t| t["ref"].as_str().unwrap())
            .collect();
        assert_eq!(got, want, "{issuer_name}");
        for (i, (t, parent)) in tasks.iter().zip(&expected).enumerate() {
            assert_eq!(s(&t["id"]), (i + 1).to_string());
            assert_eq!(s(&t["lead"]), issuer);
            assert_eq!(s(&t["text"]), parent["text"].as_str().unwrap());
            assert_eq!(
                t.get("due").map(|d| s(d).to_string()),
                parent["due_text"].as_str().map(str::to_string),
                "{issuer_name}: the deadline is copied as written"
            );
        }

        let check = site.run("check", &[]);
        check.assert_success();
        assert!(check.errors().is_empty(), "{}", check.stderr);
        // And the build sees each new task below the task it implements.
        let data = site.data_json();
        let id = s(&fm["id"]);
        let linked: Vec<&str> = data["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["document"] == id)
            .map(|t| t["implements"].as_str().unwrap())
            .collect();
        assert_eq!(linked, want);
    }
}

#[test]
fn a_number_printed_again_or_none_is_written_and_the_build_shows_it() {
    for (id, number) in [("1002-CV/TU-2027", "1002-CV/TU"), ("cv-khong-so", "")] {
        let site = Shipped::new();
        let run = site.new_doc(&[
            "--kind",
            "Công văn",
            "--issuer",
            "VPTU",
            "--id",
            id,
            "--number",
            number,
            "--title",
            "Công văn",
        ]);
        let path = written(&run);
        let text = site.read(&path);
        assert_eq!(s(&front(&text)["number"]), number, "{text}");
        assert!(
            text.contains("extended:"),
            "the task keys are shown: {text}"
        );
        site.run("check", &[]).assert_success();
        let data = site.data_json();
        let doc = data["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .unwrap();
        assert_eq!(doc["number"], number);
    }
}

#[test]
fn the_file_goes_where_the_issuers_documents_are() {
    let site = Shipped::new();
    let run = site.new_doc(&[
        "--kind",
        "Công văn",
        "--issuer",
        "VPTU",
        "--implements",
        "39-KL/TW",
        "--date",
        "3/8/2022",
    ]);
    let path = written(&run);
    assert_eq!(
        path,
        "content/lai-chau/cong-van-van-phong-tinh-uy-lai-chau-2022-08-03.md"
    );
    assert_eq!(s(&front(&site.read(&path))["date"]), "2022-08-03");
}

#[test]
fn the_same_id_twice_is_refused_and_the_first_file_is_kept() {
    let site = Shipped::new();
    let first = site.new_doc(&[
        "--kind",
        "Kế hoạch",
        "--issuer",
        "so-noi-vu",
        "--implements",
        "ke-hoach-ubnd-tinh-trien-khai-107-kh-tu",
        "--id",
        "15-KH/SNV",
        "--title",
        "Lần đầu",
    ]);
    let path = written(&first);
    assert_eq!(path, "content/tinh/15-kh-snv.md");
    let text = site.read(&path);
    assert_eq!(s(&front(&text)["id"]), "15-KH/SNV");

    let before = site.snapshot();
    let second = site.new_doc(&[
        "--kind",
        "Công văn",
        "--issuer",
        "so-noi-vu",
        "--id",
        "15-KH/SNV",
        "--title",
        "Lần hai",
    ]);
    second.assert_failure();
    assert!(second.stdout.is_empty(), "{}", second.stdout);
    let err = &second.errors()[0];
    assert!(
        err.head.contains("key `--id`") && err.head.contains(&path),
        "the error names the file: {}",
        second.stderr
    );
    assert!(err.head.contains("already exists"), "{}", second.stderr);
    site.snapshot()
        .assert_unchanged(&before, "the site after a refused `new`");
    assert_eq!(site.read(&path), text);

    // The id of a document elsewhere is refused too, naming that document's file.
    let third = site.new_doc(&["--kind", "K", "--issuer", "so-noi-vu", "--id", "39-kl/tw"]);
    third.assert_failure();
    let err = &third.errors()[0];
    assert!(
        err.head
            .contains("key `--id`: duplicate document id \"39-kl/tw\""),
        "{}",
        third.stderr
    );
    assert!(
        err.help.contains("content/trung-uong/39-kl-tw.md"),
        "{}",
        third.stderr
    );
    site.snapshot()
        .assert_unchanged(&before, "the site after a refused `new`");
}

#[test]
fn a_derived_name_that_is_taken_gets_a_number() {
    let site = Shipped::new();
    let args = ["--kind", "Báo cáo", "--issuer", "Sở Tài chính"];
    let a = written(&site.new_doc(&args));
    let b = written(&site.new_doc(&args));
    assert_eq!(a, "content/tinh/bao-cao-so-tai-chinh-2025-01-15.md");
    assert_eq!(b, "content/tinh/bao-cao-so-tai-chinh-2025-01-15-2.md");
    assert_ne!(
        s(&front(&site.read(&a))["id"]),
        s(&front(&site.read(&b))["id"])
    );
}

/// The diagnostic `check` prints for a site where `old` is replaced by `new` in `file`,
/// from its key on: the build's own words for a mistake.
fn build_says(file: &str, old: &str, new: &str, key: &str) -> (String, String) {
    let site = Shipped::new();
    let text = site.read(file);
    assert!(text.contains(old), "{old} in {file}");
    fs::write(site.root.join(file), text.replacen(old, new, 1)).unwrap();
    let check = site.run("check", &[]);
    let marker = format!("key `{key}`: ");
    let d = check
        .errors()
        .into_iter()
        .find(|d| d.head.contains(&marker))
        .unwrap_or_else(|| panic!("no error about {key}:\n{}", check.stderr));
    let tail = d.head.split_once(&marker).unwrap().1.to_string();
    (tail, d.help)
}

/// Runs a `new` that must fail on `key`, write nothing, and say what the build says.
fn refused(args: &[&str], key: &str) -> (String, String) {
    let site = Shipped::new();
    let before = site.snapshot();
    let run = site.new_doc(args);
    run.assert_failure();
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    site.snapshot()
        .assert_unchanged(&before, "the site after a refused `new`");
    let marker = format!("error: command line: key `{key}`: ");
    let d = run
        .errors()
        .into_iter()
        .find(|d| d.head.starts_with(&marker))
        .unwrap_or_else(|| panic!("no error about {key}:\n{}", run.stderr));
    (d.head[marker.len()..].to_string(), d.help)
}

#[test]
fn an_unknown_issuer_gets_the_builds_did_you_mean_and_nothing_is_written() {
    let (message, help) = refused(&["--kind", "Kế hoạch", "--issuer", "Sở Nội vu"], "--issuer");
    assert_eq!(message, "unknown body or group \"Sở Nội vu\"");
    assert!(help.contains("did you mean `so-noi-vu`"), "{help}");
    let build = build_says(
        "content/tinh/ke-hoach-ubnd-tinh-trien-khai-107-kh-tu.md",
        "issuer: ubnd-tinh",
        "issuer: Sở Nội vu",
        "issuer",
    );
    assert_eq!((message, help), build);
}

#[test]
fn a_group_as_issuer_is_refused_as_the_build_refuses_it() {
    let group = "Các sở, ban, ngành thuộc UBND tỉnh";
    let (message, help) = refused(&["--kind", "Kế hoạch", "--issuer", group], "--issuer");
    assert!(message.contains("is a group"), "{message}");
    let build = build_says(
        "content/tinh/ke-hoach-ubnd-tinh-trien-khai-107-kh-tu.md",
        "issuer: ubnd-tinh",
        &format!("issuer: \"{group}\""),
        "issuer",
    );
    assert_eq!((message, help), build);
}

#[test]
fn an_unknown_parent_gets_the_builds_error_and_nothing_is_written() {
    let (message, help) = refused(
        &[
            "--kind",
            "Kế hoạch",
            "--issuer",
            "Sở Nội vụ",
            "--implements",
            "39-KL/TX",
        ],
        "--implements",
    );
    assert_eq!(message, "unknown document id \"39-KL/TX\"");
    assert!(help.contains("did you mean \"39-KL/TW\""), "{help}");
    let build = build_says(
        "content/tinh/107-kh-tu.md",
        "implements: [39-KL/TW]",
        "implements: [39-KL/TX]",
        "implements[0]",
    );
    assert_eq!((message, help), build);

    let (message, _) = refused(
        &[
            "--kind",
            "Bản sao",
            "--issuer",
            "VPTU",
            "--copy-of",
            "nowhere",
        ],
        "--copy-of",
    );
    assert_eq!(message, "unknown document id \"nowhere\"");
}

#[test]
fn a_bad_date_or_an_empty_kind_is_refused() {
    let (message, _) = refused(
        &[
            "--kind",
            "K",
            "--issuer",
            "so-noi-vu",
            "--date",
            "31/2/2024",
        ],
        "--date",
    );
    assert!(message.contains("not a real date"), "{message}");
    let (message, _) = refused(
        &["--kind", "K", "--issuer", "so-noi-vu", "--date", "mai"],
        "--date",
    );
    assert!(message.contains("is not a date"), "{message}");
    refused(&["--kind", "  ", "--issuer", "so-noi-vu"], "--kind");
}

#[test]
fn a_parent_that_fails_to_load_is_named_and_nothing_is_written() {
    let site = Shipped::new();
    let file = site.root.join("content/trung-uong/39-kl-tw.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replacen("\ntitle: ", "\ntitle: [unclosed ", 1)).unwrap();
    let before = site.snapshot();
    let run = site.new_doc(&[
        "--kind",
        "Kế hoạch",
        "--issuer",
        "BTCTW",
        "--implements",
        "39-KL/TW",
    ]);
    run.assert_failure();
    assert!(
        run.stderr.contains(
            "key `--implements`: the document \"39-KL/TW\" exists but could not be loaded"
        ),
        "{}",
        run.stderr
    );
    site.snapshot().assert_unchanged(&before, "the site");
}

#[test]
fn an_error_elsewhere_in_the_site_does_not_block_new() {
    let site = Shipped::new();
    fs::write(
        site.root.join("content/lai-chau/nhap.md"),
        "---\nid: nhap\nkind: [\n---\n",
    )
    .unwrap();
    let run = site.new_doc(&[
        "--kind",
        "Kế hoạch",
        "--issuer",
        "BTV Tỉnh ủy Lai Châu",
        "--implements",
        "39-KL/TW",
        "--title",
        "T",
    ]);
    let path = written(&run);
    assert!(path.starts_with("content/lai-chau/"), "{path}");
    assert!(
        run.stderr.contains("the site currently has 1 error(s)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_hostile_id_is_only_data_and_the_file_stays_in_content() {
    let site = Shipped::new();
    for (n, id) in [
        "../../../../evil1",
        "/tmp/evil2",
        "..\\..\\evil3",
        "a/../../../b",
        "..",
        "#: [x]\n- y",
    ]
    .into_iter()
    .enumerate()
    {
        let before = site.snapshot();
        let title = format!("Văn bản {n}");
        let run = site.new_doc(&[
            "--kind",
            "Công văn",
            "--issuer",
            "so-noi-vu",
            "--id",
            id,
            "--title",
            &title,
        ]);
        let path = written(&run);
        let stem = Path::new(&path).file_stem().unwrap().to_str().unwrap();
        assert!(
            stem.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "{id:?} → {path}"
        );
        assert_eq!(
            added(&before, &site.snapshot()),
            vec![format!("a/b/site/{path}")],
            "{id:?}"
        );
        let fm = front(&site.read(&path));
        let squashed = id.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(s(&fm["id"]), squashed, "the id is kept as data");
    }
    let check = site.run("check", &[]);
    check.assert_success();
}

#[test]
fn dry_run_prints_the_file_and_writes_nothing() {
    let site = Shipped::new();
    let before = site.snapshot();
    let run = site.new_doc(&[
        "--kind",
        "Kế hoạch",
        "--issuer",
        "so-noi-vu",
        "--implements",
        "ke-hoach-ubnd-tinh-trien-khai-107-kh-tu",
        "--implements",
        "KE-HOACH-UBND-TINH-TRIEN-KHAI-107-KH-TU",
        "--dry-run",
    ]);
    run.assert_success();
    // A parent named twice is written once, as its id is spelled.
    assert!(run
        .stdout
        .contains("\nimplements: [ke-hoach-ubnd-tinh-trien-khai-107-kh-tu]\n"));
    assert!(run.stdout.starts_with("---\nid: "), "{}", run.stdout);
    assert!(run
        .stdout
        .contains("implements: \"ke-hoach-ubnd-tinh-trien-khai-107-kh-tu#1.1\""));
    assert!(
        run.stderr.contains("would write content/tinh/"),
        "{}",
        run.stderr
    );
    site.snapshot().assert_unchanged(&before, "the site");
}
