//! Hostile content: markup in names and titles, raw HTML in the text, ids shaped like paths,
//! and an output folder inside the sources. The site must never carry script into its pages
//! nor write outside its output folder. Hierarchies and chains thousands deep: `depth`.

mod depth;
mod files;
mod values;

use std::fs;
use std::path::Path;

use crate::common::{Site, Snapshot};

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// The markers of active content that must never reach a page.
const FORBIDDEN: &[&str] = &["<script", "onerror", "javascript:", "<iframe"];

/// Every .html file of output/ (there must be some), lower-cased, without the theme's own
/// scripts (so that any `<script` left came from content).
fn html_pages(site: &Site) -> Vec<(String, String)> {
    let pages: Vec<_> = site
        .output_files("html")
        .into_iter()
        .map(|(p, text)| (p, without_theme_scripts(&text.to_lowercase())))
        .collect();
    assert!(pages.len() > 5, "the build must have written its pages");
    pages
}

/// Removes the theme's scripts, exactly as base.html writes them: `static/*.js` loaded from the
/// site itself, and the interface words as JSON (which may hold no `<`). Panics on a look-alike.
fn without_theme_scripts(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        out.push_str(&rest[..i]);
        let tag = &rest[i..];
        let end = tag.find("</script>").expect("a closed script") + "</script>".len();
        let whole = &tag[..end];
        let src = whole
            .strip_prefix("<script src=\"")
            .and_then(|s| s.strip_suffix("\" defer></script>"))
            .map(|s| s.trim_start_matches("../")) // the root
            .is_some_and(|s| {
                s.strip_prefix("static/")
                    .and_then(|s| s.strip_suffix(".js"))
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
            });
        if !src {
            out.push_str(whole); // left for the test to find
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// A `javascript:` URL in an attribute, however it is quoted.
fn has_script_url(html: &str) -> bool {
    let squeezed: String = html.chars().filter(|c| !c.is_whitespace()).collect();
    ["=\"javascript:", "='javascript:", "=javascript:"]
        .iter()
        .any(|p| squeezed.contains(p))
}

#[test]
fn markup_in_titles_tasks_and_body_names_is_escaped() {
    let site = Site::new();
    let evil = format!("{SCRIPT} {IMG}");
    site.edit(
        "content/bodies.yaml",
        "groups:\n",
        &format!("  - id: co-quan-doc\n    name: '{evil}'\ngroups:\n"),
    );
    site.write(
        "content/doc.md",
        format!(
            "---\nid: DOC-1\nkind: Công văn\ntitle: '{evil}'\nissuer: co-quan-doc\nsigner: '{evil}'\nplace: '{evil}'\nsource: javascript:alert(1)\nrecipients: [co-quan-doc]\ntasks:\n  - id: \"1\"\n    text: '{evil}'\n    lead: co-quan-doc\n    due: năm 2024\n    due_note: '{evil}'\n---\nNội dung an toàn.\n"
        ),
    );
    let run = site.build();
    run.assert_success();

    for (path, html) in html_pages(&site) {
        assert!(!html.contains("<script"), "{path} carries a <script> tag");
        assert!(!html.contains("<img"), "{path} carries an <img> tag");
        assert!(!has_script_url(&html), "{path} links to a javascript: URL");
    }
    // The text is shown as written, escaped, not dropped.
    let page = fs::read_to_string(site.output().join("van-ban/doc-1.html")).unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)"), "{page}");
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{page}"
    );
    let body_page = fs::read_to_string(site.output().join("co-quan/co-quan-doc.html")).unwrap();
    assert!(body_page.contains("&lt;script&gt;alert(1)"), "{body_page}");

    // data.json holds the text exactly, as JSON.
    let data = site.data_json();
    let doc = data["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "DOC-1")
        .expect("DOC-1 in data.json");
    assert_eq!(doc["title"], evil.as_str());
}

/// Markup that must reach no page as it is: a script, and a quote that would close an
/// attribute and open an event handler.
const BREAKOUTS: [&str; 2] = ["<script>alert(1)</script>", "\" onmouseover="];

#[test]
fn markup_in_every_fragment_written_in_rust_is_escaped() {
    // Each value holds both breakouts: the document's and the extending document's titles
    // (the tables' tooltips and cited names, the lists, the diagram), a task's text (its own
    // row, the row of the task carrying it out, the trace and the reports), a body's name
    // (its links everywhere), a progress note and the deadline's note beside an extension.
    let evil = format!("{} x{}alert(2) y=", BREAKOUTS[0], BREAKOUTS[1]);
    let site = Site::new();
    site.edit(
        "content/bodies.yaml",
        "groups:\n",
        &format!("  - id: co-quan-doc\n    name: '{evil}'\ngroups:\n"),
    );
    site.write(
        "content/gh-1.md",
        format!("---\nid: GH-1\nkind: Công văn\ntitle: '{evil}'\nissuer: co-quan-doc\ndate: 2024-02-01\n---\nGia hạn.\n"),
    );
    site.write(
        "content/doc.md",
        format!(
            "---\nid: DOC-1\nkind: Kế hoạch\ntitle: '{evil}'\nissuer: co-quan-doc\ndate: 2024-01-10\n\
             tasks:\n  - id: \"1\"\n    text: '{evil}'\n    lead: co-quan-doc\n    support: [so-noi-vu]\n\
             \x20   due: 2024-01-31\n    due_note: '{evil}'\n\
             \x20   extended:\n      - due: 2024-06-30\n        by: GH-1\n\
             \x20   progress:\n      - date: 2024-02-15\n        text: '{evil}'\n        document: GH-1\n---\nNội dung.\n"
        ),
    );
    site.write(
        "content/doc-2.md",
        format!(
            "---\nid: DOC-2\nkind: Công văn\ntitle: Thực hiện\nissuer: so-noi-vu\ndate: 2024-03-01\nimplements: [DOC-1]\n\
             tasks:\n  - id: \"1\"\n    text: '{evil}'\n    lead: co-quan-doc\n    due: 2024-12-31\n    implements: DOC-1#1\n---\nNội dung.\n"
        ),
    );
    site.good_build();

    for (path, html) in site.output_files("html") {
        for bad in BREAKOUTS {
            assert!(!html.contains(bad), "{path} carries {bad:?} unescaped");
        }
    }
    // Shown, escaped, where each is written.
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; x&quot; onmouseover=alert(2) y=";
    let doc = site.read("output/van-ban/doc-1.html");
    for (what, n) in [
        ("title, task, note, progress", 4),
        ("extension's document", 1),
    ] {
        assert!(doc.matches(escaped).count() >= n, "{what}: {doc}");
    }
    assert!(doc.contains("class=\"extended\""), "the extension is shown");
    assert!(
        doc.contains("class=\"progress\""),
        "the progress note is shown"
    );
    for page in [
        "output/co-quan/co-quan-doc.html",
        "output/nhiem-vu.html",
        "output/van-ban/doc-2.html",
    ] {
        assert!(site.read(page).contains(escaped), "{page}");
    }
}

#[test]
fn raw_html_in_the_text_is_removed() {
    let site = Site::new();
    let body = "Đoạn đầu an toàn.\n\n<script>alert(1)</script>\n\n<img src=x onerror=\"alert(1)\">\n\n\
                <a href=\"javascript:alert(1)\">bấm</a> và [liên kết](javascript:alert(2))\n\n\
                <iframe src=\"https://example.com\"></iframe>\n\n<p onclick=\"x\" style=\"x\">Đoạn cuối an toàn.</p>\n\n\
                <IMG SRC=x ONERROR=alert(3)> <ScRiPt>alert(4)</sCrIpT> <a href=\" JaVaScRiPt:alert(5)\">x</a>\n";
    site.write(
        "content/doc.md",
        format!("---\nid: DOC-1\nkind: Tin bài\ntitle: Tin\nissuer: so-noi-vu\n---\n{body}"),
    );
    let run = site.build();
    run.assert_success();

    for (path, html) in html_pages(&site) {
        for bad in FORBIDDEN {
            assert!(!html.contains(bad), "{path} contains {bad:?}");
        }
        assert!(
            !html.contains("onclick"),
            "{path} contains an onclick handler"
        );
    }
    let page = fs::read_to_string(site.output().join("van-ban/doc-1.html")).unwrap();
    assert!(
        page.contains("Đoạn đầu an toàn."),
        "the text itself is kept"
    );
    assert!(
        page.contains("Đoạn cuối an toàn."),
        "the text itself is kept"
    );
}

/// Names of the entries below `dir`, except those below `skip`.
fn everything_but(dir: &Path, skip: &Path) -> Snapshot {
    let mut s = Snapshot::of(dir);
    let skip = skip
        .strip_prefix(dir)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    s.0.retain(|p, _| p != &skip && !p.starts_with(&format!("{skip}/")));
    s
}

#[test]
fn ids_shaped_like_paths_stay_inside_output() {
    let site = Site::new();
    site.good_build();
    let ids = [
        "../../x",
        "/etc/passwd",
        "..\\\\..\\\\y",
        "..",
        "./.chidao-manifest",
        "C:/x",
    ];
    for (i, id) in ids.iter().enumerate() {
        site.write(
            &format!("content/p{i}.md"),
            format!(
                "---\nid: \"{id}\"\nkind: Công văn\ntitle: T\nissuer: \"../../co-quan\"\ntasks:\n  - id: \"../../t{i}\"\n    text: Làm.\n    lead: \"../../co-quan\"\n---\nNội dung.\n"
            ),
        );
    }
    site.edit(
        "content/bodies.yaml",
        "groups:\n",
        "  - id: \"../../co-quan\"\n    name: Cơ quan lạ\ngroups:\n",
    );
    let tmp = std::env::temp_dir();
    let watched = ["x", "x.html", "y", "y.html", "passwd", "passwd.html", "t0"];
    let existed: Vec<bool> = watched.iter().map(|n| tmp.join(n).exists()).collect();
    let passwd = fs::read("/etc/passwd").ok();
    let before = everything_but(site.outer(), &site.output());

    let run = site.build();
    assert!(run.status.code().is_some(), "killed: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);

    before.assert_unchanged(
        &everything_but(site.outer(), &site.output()),
        "everything outside output/",
    );
    for (n, e) in watched.iter().zip(existed) {
        assert_eq!(
            tmp.join(n).exists(),
            e,
            "{} appeared",
            tmp.join(n).display()
        );
    }
    assert_eq!(fs::read("/etc/passwd").ok(), passwd, "/etc/passwd changed");
    assert_inside(&site.output());

    if run.status.success() {
        // Every document got a page, at a plain relative URL that exists.
        let data = site.data_json();
        for id in ids {
            let doc = data["documents"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["id"] == *id.replace("\\\\", "\\"))
                .unwrap_or_else(|| panic!("{id} missing from data.json"));
            let url = doc["url"].as_str().unwrap();
            assert!(plain_relative_url(url), "unsafe url {url:?} for {id}");
            assert!(site.output().join(url).is_file(), "{url} does not exist");
        }
    }
}

/// A relative URL made only of plain names.
fn plain_relative_url(url: &str) -> bool {
    let path = url.split('#').next().unwrap();
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains(':')
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// Every entry below `out` is a plain file or folder whose real path is below `out`.
fn assert_inside(out: &Path) {
    let real_out = out.canonicalize().unwrap();
    for rel in Snapshot::of(out).0.keys() {
        let p = out.join(rel);
        let meta = fs::symlink_metadata(&p).unwrap();
        assert!(!meta.file_type().is_symlink(), "{rel} is a symbolic link");
        assert!(
            p.canonicalize().unwrap().starts_with(&real_out),
            "{rel} escapes output/"
        );
    }
}

#[test]
fn output_inside_the_sources_is_refused() {
    // `{root}` is the site's absolute path; bare paths are relative to the working folder,
    // which holds the site at a/b/site.
    let cases = [
        "{root}/content",
        "{root}/content/output",
        "{root}/content/so-noi-vu",
        "{root}",
        "a/b/site/content/rel",
        // Not existing yet, reached through `..` or a link: still inside content/.
        "{root}/output/../content/site",
        "{root}/nowhere/../content/site",
        "a/b/site/output/../content/rel",
        "{root}/link-to-content/site",
    ];
    let mut wrong = Vec::new();
    for case in cases {
        let site = Site::new();
        site.good_build();
        #[cfg(unix)]
        std::os::unix::fs::symlink(site.path("content"), site.path("link-to-content")).unwrap();
        let out = case.replace("{root}", site.root.to_str().unwrap());
        let before = site.snapshot_all();
        let run = site.run(&["build", "--output", &out]);
        let after = site.snapshot_all();
        if run.status.success() {
            let added: Vec<_> = after
                .paths()
                .into_iter()
                .filter(|p| !before.0.contains_key(*p))
                .take(3)
                .collect();
            wrong.push(format!(
                "--output {case}: accepted (exit 0), wrote {added:?} ..."
            ));
        } else if before != after {
            wrong.push(format!("--output {case}: refused, but the site changed"));
        } else if !run.stderr.contains("content") {
            wrong.push(format!(
                "--output {case}: the refusal does not name content/: {}",
                run.stderr
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "an output folder inside the sources must be refused, with nothing written:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn ids_named_like_index_pages_do_not_replace_them() {
    let site = Site::new();
    site.write(
        "content/index.md",
        "---\nid: index\nkind: Công văn\ntitle: Văn bản tên index\nissuer: index\n---\nNội dung.\n",
    );
    site.edit(
        "content/bodies.yaml",
        "groups:\n",
        "  - id: index\n    name: Cơ quan tên index\ngroups:\n",
    );
    site.good_build();
    let data = site.data_json();
    let mut urls: Vec<String> = ["documents", "bodies", "groups"]
        .iter()
        .flat_map(|k| data[*k].as_array().unwrap().clone())
        .map(|x| x["url"].as_str().unwrap().to_string())
        .collect();
    let n = urls.len();
    urls.extend(
        [
            "index.html",
            "van-ban/index.html",
            "co-quan/index.html",
            "nhiem-vu.html",
        ]
        .map(String::from),
    );
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), n + 4, "two pages share a URL: {urls:?}");
    let list = fs::read_to_string(site.output().join("van-ban/index.html")).unwrap();
    assert!(
        list.contains("Kế hoạch bồi dưỡng cán bộ năm 2024"),
        "the list of documents was replaced"
    );
    let bodies = fs::read_to_string(site.output().join("co-quan/index.html")).unwrap();
    assert!(
        bodies.contains("Sở Tài chính"),
        "the list of bodies was replaced"
    );
}
