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
