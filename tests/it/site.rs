//! The shipped site end to end: builds `content/` with the real binary at a fixed date and
//! checks the data export (snapshot), that every link and anchor resolves, that no page loads
//! anything from outside, that a rebuild rewrites nothing, and the language and theme switches.

mod lifecycle;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

const TODAY: &str = "2026-11-23";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chidao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chidao"))
        .env("CHIDAO_LANG", "en")
        .args(args)
        .output()
        .expect("run chidao")
}

/// Builds `root` into a fresh temp folder and returns it.
fn build(root: &Path, today: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let o = chidao(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--today",
        today,
    ]);
    assert!(
        o.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (dir, out)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// (attribute, value) of every href/src in a page.
fn links(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for attr in ["href", "src"] {
        let pat = format!(" {attr}=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&pat) {
            rest = &rest[i + pat.len()..];
            let end = rest.find('"').unwrap();
            out.push((attr.to_string(), unescape(&rest[..end])));
            rest = &rest[end..];
        }
    }
    out
}

fn ids(html: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        let end = rest.find('"').unwrap();
        out.insert(unescape(&rest[..end]));
    }
    out
}

#[test]
fn shipped_site_data_json_snapshot() {
    let (_dir, out) = build(&repo(), TODAY);
    let data: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data.json")).unwrap()).unwrap();
    insta::assert_json_snapshot!("shipped_data_json", data);
}

#[test]
fn shipped_site_every_link_and_anchor_resolves_and_nothing_is_external() {
    let (_dir, out) = build(&repo(), TODAY);
    let pages: Vec<PathBuf> = files(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    assert!(
        pages.len() > 40,
        "expected a page per document and body, got {}",
        pages.len()
    );
    let mut id_cache: BTreeMap<PathBuf, HashSet<String>> = BTreeMap::new();
    let mut checked = 0;
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        for (attr, url) in links(&html) {
            if url.starts_with("http://") || url.starts_with("https://") {
                // Only a document's own `source` may point outside, as a plain link.
                assert_eq!(
                    attr,
                    "href",
                    "{} loads an external resource {url}",
                    page.display()
                );
                assert!(html.contains("rel=\"noopener\""), "{url}");
                continue;
            }
            assert!(
                !url.starts_with('/'),
                "absolute link {url} in {}",
                page.display()
            );
            // A link to a filtered list (`nhiem-vu.html?body=…`) leads to the list's page.
            let url = match url.split_once('?') {
                Some((path, query)) => {
                    format!("{path}{}", query.find('#').map_or("", |i| &query[i..]))
                }
                None => url.to_string(),
            };
            let (path, frag) = url
                .split_once('#')
                .map_or((url.as_str(), None), |(p, f)| (p, Some(f)));
            let target = if path.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(path)
            };
            let target = target
                .canonicalize()
                .unwrap_or_else(|_| panic!("{} links to missing {url}", page.display()));
            assert!(
                target.starts_with(out.canonicalize().unwrap()),
                "{url} leaves the site"
            );
            if let Some(frag) = frag {
                let ids = id_cache
                    .entry(target.clone())
                    .or_insert_with(|| ids(&fs::read_to_string(&target).unwrap()));
                assert!(
                    ids.contains(frag),
                    "{} links to missing anchor {url}",
                    page.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "checked only {checked} links");
}

#[test]
fn data_json_urls_name_pages_that_exist() {
    let (_dir, out) = build(&repo(), TODAY);
    let data: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data.json")).unwrap()).unwrap();
    let mut n = 0;
    for list in ["documents", "bodies", "groups", "tasks"] {
        for item in data[list].as_array().unwrap() {
            let url = item["url"].as_str().unwrap();
            let (path, frag) = url
                .split_once('#')
                .map_or((url, None), |(p, f)| (p, Some(f)));
            let page = fs::read_to_string(out.join(path))
                .unwrap_or_else(|_| panic!("{url} does not exist"));
            if let Some(f) = frag {
                assert!(page.contains(&format!("id=\"{f}\"")), "{url}: no anchor");
            }
            n += 1;
        }
    }
    let len = |key: &str| data[key].as_array().unwrap().len();
    assert_eq!(
        n,
        len("documents") + len("bodies") + len("groups") + len("tasks")
    );
    assert_eq!((len("bodies"), len("groups"), len("tasks")), (30, 16, 24));
}

#[test]
fn csv_has_bom_and_a_row_per_task_and_ics_has_each_dated_task() {
    let (_dir, out) = build(&repo(), TODAY);
    let csv = fs::read(out.join("tasks.csv")).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "tasks.csv must start with a UTF-8 BOM"
    );
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let head = reader.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 24);
    assert!(rows.iter().any(|r| &r[col("ref")] == "157-TB/TW#4"
        && &r[col("due")] == "2014-12-31"
        && &r[col("due_text")] == "quý IV-2014"
        && &r[col("due_original")] == "2014-12-31"
        && &r[col("status")] == "overdue"
        && &r[col("overdue_days")] == "4345"));
    let ics = fs::read_to_string(out.join("tasks.ics")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20141231"), "{ics}");
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        2,
        "157-TB/TW#4 and the yearly 39-KL/TW#3.3"
    );
    let body_ics = fs::read_to_string(out.join("co-quan/ban-to-chuc-trung-uong.ics")).unwrap();
    assert!(body_ics.contains("DTSTART;VALUE=DATE:20141231"));
}

#[test]
fn pages_answer_the_users_questions() {
    let (_dir, out) = build(&repo(), TODAY);
    let page = |p: &str| unescape(&fs::read_to_string(out.join(p)).unwrap());
    let home = page("index.html");
    assert!(home
        .contains("Tình trạng tính đến <time datetime=\"2026-11-23\">ngày 23 tháng 11 năm 2026"));
    assert!(
        home.contains("157-TB/TW#4"),
        "the overdue task is on the home page"
    );
    let doc = page("van-ban/39-kl-tw.html");
    assert!(doc.contains("ngày 18 tháng 7 năm 2022"));
    assert!(
        doc.contains("id=\"at-3-1\""),
        "task 3.1 is anchored in the text"
    );
    assert!(
        doc.contains("56%"),
        "140 of 250 short-term officials in 2023"
    );
    // a copy of a copy shows its chain and links to the original
    let copy = page("van-ban/24-bs-hu.html");
    let chain = &copy[copy.find("class=\"copy-chain\"").expect("copy chain")..];
    assert!(
        chain.find(">Bản sao 71-BS/VPTU<").unwrap() < chain.find(">Kết luận 39-KL/TW<").unwrap()
    );
    assert!(
        chain.contains("Văn bản gốc: <a href=\"../van-ban/39-kl-tw.html\""),
        "{chain}"
    );
    // printed, it reads as the administrative document: number, place and date line; the
    // transcribed text already ends with recipients and signer, so they are not added twice
    let head = &doc[doc
        .find("class=\"print-only print-head letterhead party\"")
        .expect("print head")..];
    // a Party document: "Số" without a colon (tests/it/print.rs checks the whole head)
    assert!(head.contains("<p class=\"print-number\">Số 39-KL/TW</p>"));
    assert!(head.contains("<em>Hà Nội, ngày 18 tháng 7 năm 2022</em>"));
    assert!(!doc.contains("print-foot"));
    let held = page("van-ban/107-kh-tu.html");
    assert!(held.contains("Chưa có toàn văn"));
    assert!(held.contains("class=\"print-only print-foot\""));
    let body = page("co-quan/so-noi-vu.html");
    assert!(body.contains("so-noi-vu.ics"));
    // a body's page names the groups of its that were sent documents; the group's page lists
    // them, each title once, beside its link, not again as a tooltip
    let received = &body[body.find("id=\"h-rec\"").expect("documents received")..];
    let group = "co-quan/cac-so-ban-nganh-thuoc-ubnd-tinh.html";
    assert!(
        received[..received.find("</section>").unwrap()]
            .contains(&format!("href=\"../{group}#h-rec\" class=\"group\">")),
        "{received}"
    );
    let group = page(group);
    let received = &group[group.find("id=\"h-rec\"").expect("documents received")..];
    let line = &received[..received.find("</li>").unwrap()];
    assert!(
        line.contains("Triển khai thực hiện Kế hoạch số 107-KH/TU"),
        "{line}"
    );
    assert!(!line.contains(" title="), "{line}");
}

#[test]
fn rebuild_with_nothing_changed_rewrites_nothing() {
    let (dir, out) = build(&repo(), TODAY);
    let before: Vec<(PathBuf, std::time::SystemTime)> = files(&out)
        .into_iter()
        .map(|p| (p.clone(), fs::metadata(&p).unwrap().modified().unwrap()))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let o = chidao(&[
        "build",
        "--root",
        repo().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("0 files written"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for (p, t) in before {
        assert_eq!(
            fs::metadata(&p).unwrap().modified().unwrap(),
            t,
            "{} was rewritten",
            p.display()
        );
    }
    drop(dir);
}

/// Copies the shipped content into a temp site, for variations.
fn shipped_copy() -> common::Site {
    common::Site::shipped()
}

#[test]
fn english_labels_with_language_en() {
    let site = shipped_copy();
    let cfg = site.path("content/site.yaml");
    let text = fs::read_to_string(&cfg)
        .unwrap()
        .replace("language: vi", "language: en");
    assert!(text.contains("language: en"));
    fs::write(&cfg, text).unwrap();
    let (_d, out) = build(&site.root, TODAY);
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("<html lang=\"en\">"));
    assert!(home.contains("Status as of <time datetime=\"2026-11-23\">23 November 2026</time>."));
    assert!(home.contains("Overdue"));
}

#[test]
fn a_sites_own_theme_overrides_templates_and_static_files() {
    let site = shipped_copy();
    let t = site.path("themes/mine/templates");
    fs::create_dir_all(&t).unwrap();
    fs::write(t.join("tasks.html"), "{% extends \"base.html\" %}{% block content %}<p id=\"custom\">{{ page.groups | length }} groups</p>{% endblock content %}").unwrap();
    fs::create_dir_all(site.path("themes/mine/static")).unwrap();
    fs::write(site.path("themes/mine/static/extra.css"), "body{}").unwrap();
    let (_d, out) = build(&site.root, TODAY);
    let tasks = fs::read_to_string(out.join("nhiem-vu.html")).unwrap();
    assert!(tasks.contains("<p id=\"custom\">8 groups</p>"), "{tasks}");
    assert!(out.join("static/extra.css").exists());
    assert!(
        out.join("static/style.css").exists(),
        "built-in static files stay"
    );
    // a broken template is an error naming the file, and nothing is written
    fs::write(t.join("tasks.html"), "{% if %}").unwrap();
    let o = chidao(&[
        "build",
        "--root",
        site.root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("themes/mine/templates/tasks.html"), "{err}");
    assert!(fs::read_to_string(out.join("nhiem-vu.html"))
        .unwrap()
        .contains("custom"));
}

/// `check` renders every page as `build` does (not the exports and the search index, which
/// no theme can break), so a template that fails only on some pages fails `check` too, with
/// the same errors.
#[test]
fn check_reports_the_template_errors_build_reports() {
    let site = shipped_copy();
    let t = site.path("themes/mine/templates");
    fs::create_dir_all(&t).unwrap();
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    // Each compiles, and fails while rendering: on the documents index (a page that lists the
    // whole site) and on the page of every body or group.
    for (name, at) in [
        ("documents.html", "{% block content %}"),
        ("party.html", "{% block content %}"),
    ] {
        let text = fs::read_to_string(default.join(name)).unwrap();
        assert!(text.contains(at), "{name}");
        let broken = text.replacen(at, &format!("{at}{{{{ page.no_such_value.x }}}}"), 1);
        fs::write(t.join(name), broken).unwrap();
    }
    let root = site.root.to_str().unwrap();
    let out = site.root.join("out");
    let built = chidao(&[
        "build",
        "--root",
        root,
        "--output",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    let checked = chidao(&["check", "--root", root, "--today", TODAY]);
    assert!(!built.status.success() && !checked.status.success());
    let errors = |o: &std::process::Output| -> Vec<String> {
        String::from_utf8_lossy(&o.stderr)
            .lines()
            .filter(|l| l.contains("error"))
            .map(str::to_string)
            .collect()
    };
    let (b, c) = (errors(&built), errors(&checked));
    for name in ["documents.html", "party.html"] {
        assert!(b.iter().any(|l| l.contains(name)), "{name} in {b:?}");
    }
    assert_eq!(b, c);
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn help_explains_the_commands() {
    let o = chidao(&["--help"]);
    let s = String::from_utf8_lossy(&o.stdout);
    for cmd in ["build", "check", "serve", "new"] {
        assert!(s.contains(cmd), "{s}");
    }
    let o = chidao(&["build", "--help"]);
    let s = String::from_utf8_lossy(&o.stdout);
    for flag in ["--root", "--output", "--today"] {
        assert!(s.contains(flag), "{s}");
    }
    let o = chidao(&["serve", "--help"]);
    let s = String::from_utf8_lossy(&o.stdout);
    for flag in ["--root", "--port", "--poll", "127.0.0.1"] {
        assert!(s.contains(flag), "{s}");
    }
}

#[test]
fn a_document_that_fails_to_load_is_reported_once_not_at_every_link_to_it() {
    let site = shipped_copy();
    let file = site.path("content/trung-uong/39-kl-tw.md");
    let text = fs::read_to_string(&file).unwrap();
    let broken = text.replacen("\ntitle: ", "\ntitle: [unclosed ", 1);
    assert_ne!(text, broken);
    fs::write(&file, broken).unwrap();
    let o = chidao(&[
        "check",
        "--root",
        site.root.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(
        err.contains("content/trung-uong/39-kl-tw.md:") && err.contains("invalid YAML"),
        "{err}"
    );
}

#[test]
fn bodies_are_listed_in_vietnamese_alphabetical_order() {
    let site = common::Site::new();
    let extra = [
        ("dang-uy", "Đảng ủy khối"),
        ("dan-van", "Dân vận"),
        ("uu-dai", "Ưu đãi"),
        ("uy-nhiem", "Uy nhiệm"),
        ("an-ninh", "Ăn ninh"),
        ("ban-a", "Ban A"),
    ];
    let mut yaml = site.read("content/bodies.yaml");
    let tail = yaml.split_off(yaml.find("groups:").unwrap());
    for (id, name) in extra {
        yaml.push_str(&format!(
            "  - id: {id}\n    name: {name}\n    parent: ubnd-tinh\n    level: Tỉnh\n"
        ));
    }
    yaml.push_str(&tail);
    site.write("content/bodies.yaml", yaml);
    site.good_build();
    let page = site.read("output/co-quan/ubnd-tinh.html");
    let position = |name: &str| {
        page.find(&format!(">{name}</a>"))
            .unwrap_or_else(|| panic!("{name} missing from the body page"))
    };
    let order = [
        "Ăn ninh",
        "Ban A",
        "Dân vận",
        "Đảng ủy khối",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Uy nhiệm",
        "Ưu đãi",
        "Văn phòng Ủy ban nhân dân tỉnh",
    ];
    for pair in order.windows(2) {
        assert!(
            position(pair[0]) < position(pair[1]),
            "{} should come before {}",
            pair[0],
            pair[1]
        );
    }
}
