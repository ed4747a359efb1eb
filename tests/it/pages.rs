//! Snapshots of the `<main>` of a few pages of the shipped site built as of a fixed day: the
//! home page, the page of document 39-KL/TW, the page of a body with tasks, and the tasks
//! page. A change to what a page says or how it is marked up shows here as a reviewable diff
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test it pages::` and read the
//! diff of `tests/it/snapshots/it__pages__*.snap`).

use crate::common::Site;

/// The day the statuses are computed for (the day `scripts/test` builds the shipped site on
/// for the browser tests).
const DAY: &str = "2024-03-01";

/// The `<main …>…</main>` element of the page at `rel` (below output/) of the shipped site
/// built on `DAY`; a page has exactly one.
fn main_of(rel: &str) -> String {
    let site = Site::shipped();
    site.run_on(DAY, &["build"]).assert_success();
    let html = site.read(&format!("output/{rel}"));
    assert_eq!(html.matches("<main").count(), 1, "one <main> in {rel}");
    let start = html.find("<main").unwrap();
    let end = html[start..].find("</main>").expect("</main>") + start + "</main>".len();
    html[start..end].to_string()
}

#[test]
fn home_page() {
    insta::assert_snapshot!("home", main_of("index.html"));
}

#[test]
fn document_page_of_39_kl_tw() {
    insta::assert_snapshot!("document_39_kl_tw", main_of("van-ban/39-kl-tw.html"));
}

#[test]
fn body_page_of_ban_to_chuc_trung_uong() {
    insta::assert_snapshot!(
        "body_ban_to_chuc_trung_uong",
        main_of("co-quan/ban-to-chuc-trung-uong.html")
    );
}

#[test]
fn tasks_page() {
    insta::assert_snapshot!("tasks", main_of("nhiem-vu.html"));
}

/// The page of a body at `rel` of the shipped site built on `DAY`, whole.
fn page_of(rel: &str) -> String {
    let site = Site::shipped();
    site.run_on(DAY, &["build"]).assert_success();
    site.read(&format!("output/{rel}"))
}

/// Sở Nội vụ's rows that carry out 39-KL/TW#3.1 are listed under one heading row naming it,
/// and none of them names it again.
#[test]
fn a_body_page_groups_the_rows_that_carry_out_the_same_task() {
    let html = page_of("co-quan/so-noi-vu.html");
    let head = "<tr class=\"parent-task\" data-parent=\"39-KL/TW#3.1\">";
    assert!(html.contains(head), "a heading row for 39-KL/TW#3.1");
    // In each table, the heading comes once, then the rows under it.
    for table in html.split("<table class=\"tasks cards\"").skip(1) {
        let table = &table[..table.find("</table>").unwrap()];
        let heads = table.matches(head).count();
        let under = table.matches("data-under=\"39-KL/TW#3.1\"").count();
        assert!(heads <= 1, "one heading per table");
        if heads == 1 {
            assert!(under >= 2, "the heading has the rows under it");
            let at = table.find(head).unwrap();
            assert!(
                !table[..at].contains("data-under=\"39-KL/TW#3.1\""),
                "heading first"
            );
        }
        // A row under a heading does not name the task it carries out again.
        for row in table.split("<tr ").filter(|r| r.contains("data-under=")) {
            assert!(!row.contains("<p class=\"up\">"), "{row}");
        }
    }
}

/// A short list folds its filters behind a disclosure, and offers only the years of its
/// tasks' deadlines (none: no year filter at all).
#[test]
fn a_short_list_folds_its_filters_and_offers_only_years_that_occur() {
    let html = page_of("co-quan/so-noi-vu.html");
    assert!(html.contains(
        "<details class=\"filter-fold\" data-filter-fold hidden><summary>Lọc danh sách</summary>"
    ));
    assert!(
        !html.contains("id=\"f-title\""),
        "folded: the summary names the form"
    );
    // Its tasks have no deadline: no year to choose, so no year filter.
    assert!(!html.contains("id=\"f-year\""));
    assert!(
        !html.contains(" f-year"),
        "the output names no missing field"
    );
    // Ban Tổ chức Trung ương has a task due in 2014 only.
    let html = page_of("co-quan/ban-to-chuc-trung-uong.html");
    let year = &html[html.find("id=\"f-year\"").expect("a year filter")..];
    let year = &year[..year.find("</select>").unwrap()];
    assert_eq!(
        year.matches("<option").count(),
        2,
        "all, and the one year: {year}"
    );
    assert!(year.contains("<option value=\"2014\">2014</option>"));
    // The tasks page lists the whole site: its filters stand open.
    let tasks = page_of("nhiem-vu.html");
    assert!(!tasks.contains("data-filter-fold"));
    assert!(tasks.contains("id=\"f-title\""));
}

/// A body's page: its counts filter the list (static/tasks.js makes them links), tasks of its
/// groups are named as staff speak, and the reader may make it their own body.
#[test]
fn a_body_page_speaks_as_staff_do_and_offers_to_be_my_body() {
    let html = page_of("co-quan/so-noi-vu.html");
    assert!(html.contains("Nhiệm vụ giao chung cho các nhóm có Sở Nội vụ tham gia"));
    assert!(!html.contains("mà cơ quan là thành viên"));
    assert!(html.contains("<ul class=\"counts\" data-live-counts=\"page\" data-count-filter>"));
    assert!(html.contains(
        "data-my-body-pick=\"co-quan/so-noi-vu\" data-name=\"Sở Nội vụ\" hidden><button type=\"button\">Đặt làm cơ quan của tôi</button>"
    ));
    // Its script for the header, once it is chosen.
    let site = Site::shipped();
    site.run_on(DAY, &["build"]).assert_success();
    let script = site.read("output/co-quan/so-noi-vu.js");
    assert!(script.starts_with("window.chidaoBody && window.chidaoBody({"));
    assert!(script.contains("\"url\":\"co-quan/so-noi-vu.html\""));
    let btc = site.read("output/co-quan/ban-to-chuc-trung-uong.js");
    assert!(btc.contains("\"timeline\":\"- 16405x\""), "{btc}");
    // Not a group's page.
    assert!(!site
        .read("output/co-quan/so-ban-nganh-va-ubnd-huyen.html")
        .contains("data-my-body-pick"));
}

/// The bodies index: each body with its overdue and due-soon counts and their counts over time.
#[test]
fn the_bodies_index_shows_each_bodys_overdue_and_due_soon_tasks() {
    let html = page_of("co-quan/index.html");
    let at = html
        .find(">Ban Tổ chức Trung ương</a>")
        .expect("Ban Tổ chức Trung ương");
    let after = &html[at..];
    let line = &after[..after.find("</span></span>").unwrap()];
    // Due soon from 2014-12-01, overdue 31 days later: one turn (timeline.rs).
    assert!(line.contains("data-urgent=\"- 16405x\""), "{line}");
    // The build's count; static/tasks.js makes it a link to the body's page filtered to it.
    assert!(
        line.contains("<span class=\"status status-overdue\"><strong>1</strong> quá hạn"),
        "{line}"
    );
    assert!(
        !line.contains("due_soon") && !line.contains("hidden"),
        "a count of 0 is left out: {line}"
    );
    assert!(html.contains("<select id=\"my-body\">"));
}
