//! The site's words, end to end: a document named in a sentence is "Công văn số 1002-CV/TU"
//! (labels, lists, breadcrumbs and the diagram's boxes keep "Công văn 1002-CV/TU"); the chain
//! diagram's status words are the task tables' own; and a document's targets read as one
//! table by year, the years over without a result saying "chưa báo cáo" and the years to come
//! set apart.

use std::collections::BTreeMap;

use crate::common::Site;

/// The shipped site built on `day`; a page of it read with `page`.
fn shipped_on(day: &str) -> Site {
    let site = Site::shipped();
    site.run_on(day, &["build"]).assert_success();
    site
}

/// A page of a built site, its `/` as written (Tera writes it `&#x2F;`).
fn page(site: &Site, rel: &str) -> String {
    site.read(&format!("output/{rel}")).replace("&#x2F;", "/")
}

/// The text of every link to `href` (from a page one folder down) in `html`.
fn link_texts(html: &str, href: &str) -> Vec<String> {
    let open = format!("<a href=\"{href}\"");
    html.match_indices(&open)
        .map(|(i, _)| {
            let rest = &html[i..];
            let start = rest.find('>').unwrap() + 1;
            rest[start..start + rest[start..].find("</a>").unwrap()].to_string()
        })
        .collect()
}

#[test]
fn a_document_named_in_a_sentence_is_named_with_so() {
    let site = shipped_on("2024-03-01");
    let kh = page(&site, "van-ban/107-kh-tu.html");
    // Its relations: "Thực hiện văn bản: Kết luận số 39-KL/TW", as the line reads.
    let relations = &kh[kh.find("<dl class=\"relations\">").unwrap()..];
    let relations = &relations[..relations.find("</dl>").unwrap()];
    assert!(
        relations.contains(">Kết luận số 39-KL/TW</a> <span class=\"muted\">(18/7/2022)</span>"),
        "{relations}"
    );
    // A document without a number keeps its kind and "(không số)", never "số".
    assert!(
        relations.contains(">Kế hoạch (không số)</a>"),
        "{relations}"
    );
    // The task a task carries out, and the document it is in: "(Kết luận số 39-KL/TW)".
    let cited = link_texts(&kh, "../van-ban/39-kl-tw.html");
    assert!(
        cited.iter().any(|t| t == "Kết luận số 39-KL/TW"),
        "{cited:?}"
    );
    // Labels keep the name without "số": the breadcrumbs, the heading, the diagram's boxes.
    let crumbs = &kh[kh.find("<nav class=\"breadcrumbs\"").unwrap()..];
    let crumbs = &crumbs[..crumbs.find("</nav>").unwrap()];
    assert!(crumbs.contains(">Kết luận 39-KL/TW</a>"), "{crumbs}");
    assert!(!crumbs.contains(" số "), "{crumbs}");
    assert!(kh.contains("<span class=\"kind\">Kế hoạch 107-KH/TU</span>"));
    assert!(kh.contains("<text class=\"name\" x=\"8\" y=\"19\">Kết luận 39-KL/TW</text>"));
    // A task done by a document: "Hoàn thành bằng Bản sao số 71-BS/VPTU".
    let cv = page(&site, "van-ban/1002-cv-tu.html");
    assert!(
        cv.contains("Hoàn thành bằng</span> <a href=\"../van-ban/71-bs-vptu.html\""),
        "the done-by line"
    );
    assert!(link_texts(&cv, "../van-ban/71-bs-vptu.html")
        .iter()
        .any(|t| t == "Bản sao số 71-BS/VPTU"));
    // A copy compared with its original: "So với bản gốc Kết luận số 39-KL/TW: …".
    let copy = page(&site, "van-ban/71-bs-vptu.html");
    assert!(
        copy.contains("<h2 id=\"h-compared\">So với bản gốc <a href=\"../van-ban/39-kl-tw.html\"")
    );
    assert!(copy.contains(">Kết luận số 39-KL/TW</a>: 5 chỗ khác"));
    // Lists on a body's page stay lists: no "số".
    let body = page(&site, "co-quan/ban-thuong-vu-tinh-uy-lai-chau.html");
    assert!(link_texts(&body, "../van-ban/1002-cv-tu.html")
        .iter()
        .all(|t| t == "Công văn 1002-CV/TU"));
}

#[test]
fn the_not_yet_issued_notice_names_the_document_with_so() {
    let site = shipped_on("2014-10-01");
    let kl = page(&site, "van-ban/39-kl-tw.html");
    assert!(
        kl.contains("<p class=\"notice\" data-not-issued=\"2022-07-18\" data-doc=\"Kết luận số 39-KL/TW\">Kết luận số 39-KL/TW chưa ban hành tính đến ngày 01 tháng 10 năm 2014.</p>"),
        "{}",
        &kl[kl.find("class=\"notice\"").unwrap()..][..300]
    );
}

#[test]
fn the_english_overlay_names_a_document_with_no() {
    let site = Site::shipped();
    site.edit("content/site.yaml", "language: vi", "language: en");
    site.run_on("2014-10-01", &["build"]).assert_success();
    let kh = page(&site, "van-ban/107-kh-tu.html");
    assert!(kh.contains(">Kết luận No. 39-KL/TW</a>"));
    let kl = page(&site, "van-ban/39-kl-tw.html");
    assert!(kl.contains(">Kết luận No. 39-KL/TW was not yet issued as of 1 October 2014.</p>"));
}

/// Every `(status key, words)` of the elements of `html` that open with `open` (up to the
/// key's closing quote) and end their words at `close`: the words after the count, if any.
fn words_of(html: &str, open: &str, close: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (i, _) in html.match_indices(open) {
        let rest = &html[i + open.len()..];
        let key = &rest[..rest.find('"').unwrap()];
        // The text is the last before `close` (a chip's follows its rectangle).
        let text = &rest[..rest.find(close).unwrap()];
        let text = &text[text.rfind('>').unwrap() + 1..];
        let words = text.trim_start_matches(|c: char| c.is_ascii_digit()).trim();
        let was = out.insert(key.to_string(), words.to_string());
        assert!(
            was.as_deref().is_none_or(|w| w == words),
            "{key}: {was:?} and {words}"
        );
    }
    out
}

#[test]
fn the_diagrams_status_words_are_the_task_tables_words() {
    let site = shipped_on("2024-03-01");
    // The tables' badges: `<span class="status status-KEY" …>WORDS</span>`.
    let tables = words_of(
        &page(&site, "nhiem-vu.html"),
        "<span class=\"status status-",
        "</span>",
    );
    assert!(tables.len() >= 3, "{tables:?}");
    let mut compared = 0;
    for rel in ["index.html", "so-do.html", "van-ban/1002-cv-tu.html"] {
        // The chips: `<g class="chip status-KEY"><rect …/><text …>N WORDS</text>`.
        let chips = words_of(&page(&site, rel), "<g class=\"chip status-", "</text>");
        assert!(!chips.is_empty(), "{rel} draws chips");
        for (key, words) in &chips {
            assert_eq!(Some(words), tables.get(key), "{rel}: the chip of {key}");
            compared += 1;
        }
    }
    assert!(compared >= 6, "{compared}");
    // The script's words for the chips it draws again are the same ones.
    let labels = page(&site, "static/labels.js");
    assert!(labels.contains("\"in_progress\":\"Đang thực hiện\""));
    assert!(!labels.contains("statusesShort") && !labels.contains("đang làm"));
}

/// A plan with two targets over 2023-2027 and reports of 2023 and 2024, built on 2025-01-15:
/// 2023 and 2024 are over, 2025 is the current year, 2026 and 2027 are to come.
fn targets_site() -> Site {
    let site = Site::new();
    site.write(
        "content/chi-tieu.md",
        "---\nid: 7-KH/UBND\nkind: Kế hoạch\ntitle: Chỉ tiêu bồi dưỡng\nissuer: ubnd-tinh\ndate: 2023-01-05\ntargets:\n  - id: ngan-han\n    name: Ngắn hạn\n    unit: người\n    per_year:\n      - { from: 2023, to: 2027, value: 40 }\n  - id: dai-han\n    name: Dài hạn\n    per_year:\n      - { from: 2024, to: 2027, value: 10 }\n---\nChỉ tiêu.\n",
    );
    site.write(
        "content/bao-cao-2023.md",
        "---\nid: 3-BC/SNV\nkind: Báo cáo\ntitle: Kết quả năm 2023\nissuer: so-noi-vu\ndate: 2024-01-10\nresults:\n  - { target: \"7-KH/UBND#ngan-han\", year: 2023, value: 30 }\n---\n",
    );
    site.write(
        "content/bao-cao-2024.md",
        "---\nid: 9-BC/SNV\nkind: Báo cáo\ntitle: Kết quả năm 2024\nissuer: so-noi-vu\ndate: 2025-01-08\nresults:\n  - { target: \"7-KH/UBND#dai-han\", year: 2024, value: 12 }\n---\n",
    );
    site.run_on("2025-01-15", &["build"]).assert_success();
    site
}

/// The `<tr data-year="YEAR">…</tr>` of a targets table.
fn year_row(table: &str, year: i32) -> &str {
    let open = format!("<tr data-year=\"{year}\">");
    let row = &table[table
        .find(&open)
        .unwrap_or_else(|| panic!("{year}: {table}"))..];
    &row[..row.find("</tr>").unwrap()]
}

#[test]
fn a_documents_targets_are_one_table_by_year() {
    let site = targets_site();
    let html = page(&site, "van-ban/7-kh-ubnd.html");
    assert_eq!(
        html.matches("<table class=\"targets\"").count(),
        1,
        "one table"
    );
    let table = &html[html.find("<table class=\"targets\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    // A column per target, with its unit; the years down the side.
    assert!(table.contains("<th scope=\"col\">Năm</th><th scope=\"col\">Ngắn hạn <span class=\"muted\">(người)</span></th><th scope=\"col\">Dài hạn</th><th scope=\"col\">Báo cáo trong</th>"), "{table}");
    // 2023: 30 of 40, 75 % as a figure and a bar the screen reader skips; no target of the
    // second yet; the report named.
    let y2023 = year_row(table, 2023);
    assert!(y2023.contains("<td class=\"target\"><strong>30</strong> / 40 <span class=\"share\">75%</span><svg class=\"share-bar\" viewBox=\"0 0 100 8\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"o\" width=\"100\" height=\"8\"/><rect width=\"75.0\" height=\"8\"/></svg></td>"), "{y2023}");
    assert!(y2023.contains("<td class=\"target\">— / —</td>"), "{y2023}");
    assert!(y2023.contains(">Báo cáo 3-BC/SNV</a>"), "{y2023}");
    // 2024, over: the first target was not reported; the second above its target, the bar full.
    let y2024 = year_row(table, 2024);
    assert!(
        y2024.contains("— / 40 <span class=\"unreported\" data-unreported>chưa báo cáo</span>"),
        "{y2024}"
    );
    assert!(
        y2024.contains("<strong>12</strong> / 10 <span class=\"share\">120%</span>"),
        "{y2024}"
    );
    assert!(
        y2024.contains("<rect width=\"100.0\" height=\"8\"/>"),
        "{y2024}"
    );
    // 2025, this year: nothing reported, and not yet said to be missing.
    let y2025 = year_row(table, 2025);
    assert_eq!(
        y2025.matches("data-unreported hidden>chưa báo cáo").count(),
        2,
        "{y2025}"
    );
    assert!(!y2025.contains("data-unreported>"), "{y2025}");
    // 2026 and 2027 stand apart, under "Các năm tới".
    let (past, future) = table.split_at(
        table
            .find("<tbody class=\"future\"")
            .expect("the years to come"),
    );
    for y in [2023, 2024, 2025] {
        assert!(
            past.contains(&format!("data-year=\"{y}\""))
                && !future.contains(&format!("data-year=\"{y}\""))
        );
    }
    for y in [2026, 2027] {
        assert!(
            future.contains(&format!("data-year=\"{y}\""))
                && !past.contains(&format!("data-year=\"{y}\""))
        );
    }
    assert!(future.starts_with("<tbody class=\"future\" data-years-future><tr class=\"group\"><th scope=\"rowgroup\" colspan=\"4\">Các năm tới</th></tr>"), "{future}");
}

#[test]
fn the_shipped_targets_read_as_one_table() {
    let site = shipped_on("2024-03-01");
    let html = page(&site, "van-ban/39-kl-tw.html");
    assert_eq!(html.matches("<table class=\"targets\"").count(), 1);
    let table = &html[html.find("<table class=\"targets\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    // The news report's results of 2023: 140 of 250 short courses (56 %).
    let y2023 = year_row(table, 2023);
    assert!(y2023.contains("<strong>140</strong> / 250 <span class=\"share\">56%</span>"));
    assert!(y2023.contains(">Tin bài (không số)</a>"));
    // 2022 is over and nothing was reported for it; 2025 to 2030 are to come.
    assert_eq!(
        year_row(table, 2022)
            .matches("data-unreported>chưa báo cáo")
            .count(),
        4
    );
    let future = &table[table.find("<tbody class=\"future\"").unwrap()..];
    assert_eq!(future.matches("<tr data-year=").count(), 6);
}
