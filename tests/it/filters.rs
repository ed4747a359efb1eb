//! The task filters and live status, as the built pages carry them (ui-contract "Page-level
//! stamps" and "Task rows"): the shipped site's rows hold the right data, the filter form is
//! there but hidden until the script shows it, and ids stay unique on every page.

use std::collections::HashSet;

use crate::common;

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pat = format!(" {name}=\"");
    let i = tag.find(&pat)? + pat.len();
    Some(&tag[i..i + tag[i..].find('"')?])
}

/// The opening `<tr ...>` tag of the row of task `reference` (as escaped in HTML).
fn row<'a>(html: &'a str, reference: &str) -> &'a str {
    let needle = format!("data-task=\"{reference}\"");
    let at = html
        .find(&needle)
        .unwrap_or_else(|| panic!("no row for {reference}"));
    let start = html[..at].rfind("<tr").unwrap();
    &html[start..at + html[at..].find('>').unwrap() + 1]
}

/// The tokens of a row's or badge's `data-t` (`render::cells::push_judged_from`) with the
/// letter `k`, each without its letter.
fn tokens(tag: &str, k: char) -> Vec<&str> {
    attr(tag, "data-t")
        .expect("data-t")
        .split(' ')
        .filter_map(|t| t.strip_prefix(k))
        .collect()
}

/// The slugs a row's bodies (`b` in `data-t`) name, by the keys the page's body filter gives
/// each (`<option value="SLUG" data-key="KEY">`).
fn body_slugs(html: &str, row: &str) -> Vec<String> {
    let mut slugs = std::collections::HashMap::new();
    for option in html.split("<option value=\"").skip(1) {
        let tag = &option[..option.find('>').unwrap()];
        if let Some(key) = attr(tag, "data-key") {
            slugs.insert(key.to_string(), tag[..tag.find('"').unwrap()].to_string());
        }
    }
    tokens(row, 'b')
        .into_iter()
        .map(|k| {
            slugs
                .get(k)
                .unwrap_or_else(|| panic!("no option has the key {k}"))
                .clone()
        })
        .collect()
}

#[test]
fn task_rows_carry_the_data_the_filters_and_live_status_read() {
    let site = common::Site::shipped();
    site.good_build();
    let html = site.read("output/nhiem-vu.html");

    // A dated task, overdue on the build's date (2025-01-15). The year is not written:
    // tasks.js reads it off the deadline in force.
    let r = row(&html, "157-TB/TW#4");
    assert_eq!(attr(r, "data-status"), Some("overdue"));
    assert_eq!(tokens(r, 'd'), ["2014-12-31"]);
    assert_eq!(tokens(r, 'c'), [] as [&str; 0], "not done: no token");
    assert_eq!(tokens(r, 'r'), [] as [&str; 0], "not recurring: no token");
    assert_eq!(tokens(r, 'l'), ["trung-uong"]);
    assert_eq!(
        body_slugs(&html, r),
        [
            "ban-to-chuc-trung-uong",
            "ban-chap-hanh-trung-uong",
            "ban-can-su-dang-bo-noi-vu"
        ]
    );
    assert!(
        tokens(r, 'b').concat().len() < 8,
        "short keys, not slugs: {r}"
    );
    assert!(attr(r, "id").is_none(), "rows of the tasks page have no id");

    // A support body brings its parent: filtering by the provincial People's Committee finds
    // the tasks of Sở Nội vụ.
    let r = row(&html, "ke-hoach-ubnd-tinh-trien-khai-107-kh-tu#2");
    let bodies = body_slugs(&html, r);
    for b in ["ban-to-chuc-tinh-uy", "so-noi-vu", "ubnd-tinh"] {
        assert!(bodies.iter().any(|s| s == b), "{b} missing from {bodies:?}");
    }
    assert_eq!(attr(r, "data-status"), Some("no_deadline"));
    assert_eq!(
        tokens(r, 'r'),
        [] as [&str; 0],
        "no deadline: not recurring"
    );
    assert_eq!(tokens(r, 'd'), [] as [&str; 0], "no deadline: no due token");

    // A done task keeps its done date; its badge is coloured by its row's status, which
    // tasks.js judges again.
    let r = row(&html, "1002-CV/TU#1");
    assert_eq!(attr(r, "data-status"), Some("done_on_time"));
    assert_eq!(tokens(r, 'c'), ["2022-08-03"]);
    assert!(html.contains("<td><span class=\"status\">Quá hạn</span><br><span class=\"days\">"));
}

/// A row listed on a body's page is compact (issue 26): its reference, status and one
/// `data-t`, no empty attribute, no class the style sheet and script do not read, and the
/// body's own name not a link to the page it is on.
#[test]
fn rows_listed_on_a_body_page_stay_compact() {
    let site = common::Site::shipped();
    site.good_build();
    let slug = "so-noi-vu";
    let html = site.read(&format!("output/co-quan/{slug}.html"));
    let rows: Vec<&str> = html.split("<tr data-task=").skip(1).collect();
    assert!(rows.len() >= 3, "the body has rows");
    for r in rows {
        let tag = &r[..r.find('>').unwrap()];
        assert!(!tag.contains("=\"\""), "an empty attribute: {tag}");
        // data-task's value, data-status, data-t, and at most data-under and hidden.
        assert!(
            tag.matches("=\"").count() <= 4,
            "too many attributes: {tag}"
        );
        assert!(
            !tag.contains(" class="),
            "a row's status is its data-status: {tag}"
        );
        let row = &r[..r.find("</tr>").unwrap()];
        for needless in [
            "class=\"body\"",
            "class=\"ref\"",
            "data-live-",
            "<strong>",
            "due-text",
        ] {
            assert!(!row.contains(needless), "{needless:?} in {row}");
        }
        // The parties by name and the task it carries out are on the task's own row.
        assert!(!row.contains("href=\"../co-quan/"), "a party's link: {row}");
        assert!(!row.contains("class=\"up\""), "the task above: {row}");
    }
    assert!(
        html.contains("<td><b>Sở Nội vụ</b>"),
        "its own name is there, as text"
    );
}

#[test]
fn a_task_s_full_row_is_on_its_own_document_s_page() {
    let site = common::Site::shipped();
    site.good_build();
    let listed = site.read("output/co-quan/so-noi-vu.html");
    let until_end = |r: &str| r[..r.find("</tr>").unwrap()].to_string();
    // Every listed row of the body against its task's own row, which its first link names.
    let mut carried_out = 0;
    for r in listed.split("<tr data-task=").skip(1).map(until_end) {
        let href = &r[r.find("<a href=\"../").unwrap() + 12..];
        let (file, anchor) = href[..href.find('"').unwrap()].split_once('#').unwrap();
        let own = site.read(&format!("output/{file}"));
        let full = until_end(&own[own.find(&format!("<tr id=\"{anchor}\"")).expect(anchor)..]);
        assert!(
            full.contains("href=\"../co-quan/"),
            "parties linked: {full}"
        );
        assert!(full.len() > r.len(), "{full}\n{r}");
        if r.contains("data-under=") {
            assert!(full.contains("class=\"up\""), "the task above: {full}");
            carried_out += 1;
        }
    }
    assert!(carried_out > 0, "a listed task that carries out another");
}

#[test]
fn the_filter_form_is_present_but_hidden_and_every_select_is_labelled() {
    let site = common::Site::shipped();
    site.good_build();
    for page in ["output/nhiem-vu.html", "output/co-quan/so-noi-vu.html"] {
        let html = site.read(page);
        let form = &html[html.find("<form class=\"filters\"").expect(page)..];
        let form = &form[..form.find("</form>").unwrap()];
        assert!(
            form[..form.find('>').unwrap()].contains(" hidden"),
            "{page}: the filters need JavaScript, so they start hidden"
        );
        // Sở Nội vụ's tasks have no dated deadline: no year to offer, so no year filter.
        let year_offered = page == "output/nhiem-vu.html";
        assert_eq!(form.contains("id=\"f-year\""), year_offered, "{page}");
        for (id, name) in [
            ("f-body", "body"),
            ("f-status", "status"),
            ("f-level", "level"),
            ("f-year", "year"),
        ] {
            if id == "f-year" && !year_offered {
                continue;
            }
            assert!(
                form.contains(&format!("<label for=\"{id}\">")),
                "{page} {id}"
            );
            assert!(
                form.contains(&format!("<select id=\"{id}\" name=\"{name}\">")),
                "{page} {id}"
            );
        }
        assert!(form.contains("<label for=\"f-today\">"));
    }
    let html = site.read("output/nhiem-vu.html");
    // Options: only bodies on the page, a parent of one included, in alphabetical order.
    let sel = &html[html.find("id=\"f-body\"").unwrap()..];
    let sel = &sel[..sel.find("</select>").unwrap()];
    let pos = |v: &str| {
        sel.find(&format!("value=\"{v}\""))
            .unwrap_or_else(|| panic!("no option {v}"))
    };
    assert!(pos("ban-can-su-dang-bo-noi-vu") < pos("so-noi-vu"));
    assert!(pos("so-noi-vu") < pos("ubnd-tinh"));
    assert!(!sel.contains("value=\"ban-bi-thu\""), "names no task");
    assert!(html.contains("<option value=\"trung-uong\">Trung ương</option>"));
    assert!(html.contains("<option value=\"2014\">2014</option>"));
}

#[test]
fn every_page_is_stamped_loads_the_script_and_has_unique_ids() {
    let site = common::Site::shipped();
    site.good_build();
    assert!(site.path("output/static/tasks.js").is_file());
    let pages = site.output_files("html");
    assert!(pages.len() > 40);
    for (path, html) in &pages {
        let root = "../".repeat(path.matches('/').count());
        assert!(
            html.contains(&format!(
                "<body data-today=\"2025-01-15\" data-soon-days=\"30\" data-root=\"{}\" data-lang=\"vi\">",
                root
            )),
            "{path}: page stamps"
        );
        assert!(html.contains(&format!(
            "<script src=\"{root}static/tasks.js\" defer></script>"
        )));
        // The words tasks.js needs are loaded before it, once for the site.
        assert!(html.contains(&format!(
            "<script src=\"{root}static/labels.js\" defer></script>\n<script src=\"{root}static/tasks.js\" defer></script>"
        )));
        let mut seen = HashSet::new();
        let mut rest = html.as_str();
        while let Some(i) = rest.find(" id=\"") {
            rest = &rest[i + 5..];
            let id = &rest[..rest.find('"').unwrap()];
            assert!(seen.insert(id.to_string()), "{path}: duplicate id {id}");
        }
    }
}
