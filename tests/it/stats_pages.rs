//! The statistics page (`thong-ke.html`), the figures on a party's page and the periodic
//! report pages (`bao-cao/`, issue 23), checked against data.json: the statistics page's
//! numbers are data.json's `stats` of the same build; a report's counts are the `stats` of a
//! build whose day is the period's last; its lists (falling due, done in the period, overdue
//! at its end) are computed again here from that build's tasks. Also: their paths, and a
//! hostile body name escaped on them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::{copy_dir, Site};

const KEYS: [&str; 7] = [
    "done_on_time",
    "done_late",
    "overdue",
    "not_due",
    "ongoing",
    "no_deadline",
    "withdrawn",
];

/// A copy of the lifecycle fixture, built on `day`.
fn lifecycle(day: &str) -> Site {
    let site = Site::new();
    fs::remove_dir_all(site.path("content")).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lifecycle/content");
    copy_dir(&fixture, &site.path("content"));
    site.run_on(day, &["build"]).assert_success();
    site
}

/// The text between `from` and the next `to` after it.
fn between<'a>(s: &'a str, from: &str, to: &str) -> &'a str {
    let start = s.find(from).unwrap_or_else(|| panic!("{from} not found")) + from.len();
    let end = s[start..].find(to).map_or(s.len(), |e| start + e);
    &s[start..end]
}

/// A number as the Vietnamese pages write it ("1.234") read back.
fn count(text: &str) -> u64 {
    text.trim()
        .replace('.', "")
        .parse()
        .unwrap_or_else(|_| panic!("{text:?}"))
}

/// The on-time rate of a `stats` entry as the Vietnamese pages write it.
fn rate(entry: &Value) -> String {
    match entry["on_time_rate"].as_f64() {
        Some(r) => format!("{r:.1}%").replace('.', ","),
        None => "—".to_string(),
    }
}

/// data.json's `stats`, by party id.
fn stats_of(site: &Site) -> BTreeMap<String, Value> {
    site.data_json()["stats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["party"].as_str().unwrap().to_string(), e.clone()))
        .collect()
}

/// The rows of a statistics table: party slug → (the counts by key, "total", the rate). The
/// cells are plain numbers under the headings' keys (`th data-stat`), in the headings' order.
fn stats_rows(html: &str) -> BTreeMap<String, (BTreeMap<String, u64>, String)> {
    let head = between(html, "<thead>", "</thead>");
    let keys: Vec<&str> = head
        .split("data-stat=\"")
        .skip(1)
        .map(|k| &k[..k.find('"').unwrap()])
        .collect();
    assert_eq!(
        keys.len(),
        KEYS.len() + 2,
        "a heading per count, the total and the rate"
    );
    let mut out = BTreeMap::new();
    for row in html.split("<tr data-timeline=").skip(1) {
        let row = &row[..row.find("</tr>").unwrap()];
        let slug = between(row, "data-body=\"", "\"").to_string();
        assert_eq!(
            slug,
            between(row, "co-quan/", ".html"),
            "the row's party is its link's"
        );
        let cells: Vec<&str> = row
            .split("<td>")
            .skip(1)
            .map(|c| &c[..c.find("</td>").unwrap()])
            .collect();
        assert_eq!(cells.len(), keys.len(), "{slug}: a cell per heading");
        let mut counts = BTreeMap::new();
        let mut r = String::new();
        for (key, cell) in keys.iter().zip(cells) {
            match *key {
                "rate" => r = cell.to_string(),
                _ => drop(counts.insert(key.to_string(), count(cell))),
            }
        }
        out.insert(slug, (counts, r));
    }
    out
}

fn assert_row_is_entry(what: &str, counts: &BTreeMap<String, u64>, r: &str, entry: &Value) {
    let mut total = 0;
    for key in KEYS {
        let want = entry[key].as_u64().unwrap();
        total += want;
        assert_eq!(counts[key], want, "{what}: {key}");
    }
    assert_eq!(counts["total"], total, "{what}: total");
    assert_eq!(r, rate(entry), "{what}: on-time rate");
}

/// Every body's and group's row of thong-ke.html is its entry of data.json's `stats`.
fn check_stats_page(site: &Site) {
    let html = site.read("output/thong-ke.html");
    let rows = stats_rows(&html);
    let stats = stats_of(site);
    let data = site.data_json();
    let parties: Vec<&Value> = data["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .chain(data["groups"].as_array().unwrap())
        .collect();
    assert_eq!(rows.len(), parties.len(), "a row per body and group");
    for p in parties {
        let id = p["id"].as_str().unwrap();
        let slug = between(p["url"].as_str().unwrap(), "co-quan/", ".html");
        let (counts, r) = &rows[slug];
        assert_row_is_entry(id, counts, r, &stats[id]);
        // The same figures on the party's page.
        let page = site.read(&format!("output/co-quan/{slug}.html"));
        let own = stats_rows(between(
            &page,
            "<section aria-labelledby=\"h-stats\">",
            "</section>",
        ));
        assert_eq!(
            own.get(slug),
            Some(&(counts.clone(), r.clone())),
            "{id}'s page"
        );
    }
}

#[test]
fn the_statistics_page_holds_the_stats_of_data_json() {
    let site = lifecycle("2025-01-15");
    check_stats_page(&site);
    let html = site.read("output/thong-ke.html");
    // Each row names its party once; static/tasks.js links its counts to the task list.
    assert!(html.contains("data-body=\"so-noi-vu\""));
    assert!(
        !html.contains("nhiem-vu.html?body="),
        "no link per cell in the page"
    );
    assert!(
        html.contains("data-depth=\"1\""),
        "sub-bodies indented below theirs"
    );
    assert!(
        site.read("output/index.html")
            .contains("href=\"thong-ke.html\""),
        "in the nav"
    );
}

#[test]
fn the_shipped_sites_statistics_page_holds_its_stats() {
    let site = Site::shipped();
    site.run_on("2024-03-01", &["build"]).assert_success();
    check_stats_page(&site);
}

/// The links to task pages (`van-ban/…#task-…`) in a piece of a report page.
fn task_links(html: &str) -> BTreeSet<String> {
    html.split("href=\"../van-ban/")
        .skip(1)
        .map(|s| format!("van-ban/{}", &s[..s.find('"').unwrap()]))
        .collect()
}

/// The tasks of data.json as of its day, those for which `keep` holds, by url.
fn tasks_where(site: &Site, keep: impl Fn(&Value) -> bool) -> BTreeSet<String> {
    site.data_json()["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| keep(t))
        .map(|t| t["url"].as_str().unwrap().to_string())
        .collect()
}

fn in_q4(date: &Value) -> bool {
    date.as_str()
        .is_some_and(|d| ("2024-10-01"..="2024-12-31").contains(&d))
}

#[test]
fn a_report_counts_as_data_json_does_on_the_periods_last_day() {
    let site = lifecycle("2025-01-15");
    let then = lifecycle("2024-12-31");
    let html = site.read("output/bao-cao/2024-q4.html");
    assert!(html.contains("quý IV năm 2024") && html.contains("ngày 31 tháng 12 năm 2024"));
    assert!(html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(html.contains("Độc lập - Tự do - Hạnh phúc"));
    // The summary: the total, the seven counts, the on-time rate.
    let figures = between(&html, "<table class=\"figures\">", "</table>");
    let cells: Vec<&str> = between(figures, "<tbody>", "</tbody>")
        .split("<td>")
        .skip(1)
        .map(|c| &c[..c.find('<').unwrap()])
        .collect();
    let stats = stats_of(&then);
    let site_entry = &stats["site"];
    let want: Vec<u64> = KEYS
        .iter()
        .map(|k| site_entry[k].as_u64().unwrap())
        .collect();
    assert_eq!(count(cells[0]), want.iter().sum::<u64>());
    let got: Vec<u64> = cells[1..8].iter().map(|c| count(c)).collect();
    assert_eq!(got, want);
    assert_eq!(cells[8], rate(site_entry));
    // The appendix: a line per body with tasks, its counts those of `stats`.
    let data = then.data_json();
    for b in data["bodies"].as_array().unwrap() {
        let (id, name) = (b["id"].as_str().unwrap(), b["name"].as_str().unwrap());
        let line = between(&html, &format!(">{name}</a></th>"), "</tr>");
        let nums: Vec<u64> = line
            .split("<td>")
            .skip(1)
            .map(|c| count(&c[..c.find('<').unwrap()]))
            .collect();
        let want: Vec<u64> = KEYS
            .iter()
            .map(|k| stats[id][k].as_u64().unwrap())
            .collect();
        assert_eq!(&nums[1..8], &want[..], "{id}");
        assert!(
            line.contains(&format!("</svg>{}</td>", rate(&stats[id]))),
            "{id}: the rate after its bar"
        );
    }
    // The lists, computed again from the tasks as of 2024-12-31.
    let status = |t: &Value| t["status"].as_str().unwrap().to_string();
    let falls = |t: &Value| in_q4(&t["due"]) && !["not_issued", "withdrawn"].contains(&&*status(t));
    let falling = between(&html, "<h2 id=\"h-falling\">", "<h2 id=\"h-done\">");
    let (on_time, rest) = falling.split_once("<h3>2.").unwrap();
    let (late, not_done) = rest.split_once("<h3>3.").unwrap();
    assert_eq!(
        task_links(on_time),
        tasks_where(&then, |t| falls(t) && status(t) == "done_on_time")
    );
    assert_eq!(
        task_links(late),
        tasks_where(&then, |t| falls(t) && status(t) == "done_late")
    );
    assert_eq!(
        task_links(not_done),
        tasks_where(&then, |t| falls(t) && !status(t).starts_with("done"))
    );
    let done = between(&html, "<h2 id=\"h-done\">", "<h2 id=\"h-overdue\">");
    assert_eq!(
        task_links(done),
        tasks_where(&then, |t| status(t).starts_with("done")
            && in_q4(&t["done"]))
    );
    let overdue = between(&html, "<h2 id=\"h-overdue\">", "<h2 id=\"h-appendix\">");
    let want = tasks_where(&then, |t| status(t) == "overdue");
    assert!(
        !want.is_empty(),
        "the fixture has a task overdue at the end of 2024"
    );
    assert_eq!(task_links(overdue), want);
    for t in then.data_json()["tasks"].as_array().unwrap() {
        if status(t) == "overdue" {
            let days = t["overdue_days"].as_u64().unwrap();
            assert!(
                overdue.contains(&format!("<td class=\"num\">{days}</td>")),
                "{t}"
            );
        }
    }
}

#[test]
fn report_pages_are_where_the_contract_puts_them() {
    let site = lifecycle("2025-01-15");
    let mut pages: Vec<String> = site
        .output_files("html")
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.starts_with("bao-cao/"))
        .collect();
    pages.sort();
    for want in [
        "bao-cao/index.html",
        "bao-cao/2024.html",
        "bao-cao/2024-q1.html",
        "bao-cao/2024-q4.html",
        "bao-cao/2025.html",
        "bao-cao/2025-q1.html",
        "bao-cao/co-quan/so-tai-chinh.html",
    ] {
        assert!(pages.iter().any(|p| p == want), "{want} in {pages:?}");
    }
    assert!(!pages
        .iter()
        .any(|p| p.starts_with("bao-cao/2023") || p.contains("2025-q2")));
    let index = site.read("output/bao-cao/index.html");
    assert!(index.contains("href=\"../bao-cao/2024-q4.html\""));
    let home = site.read("output/index.html");
    assert!(home.contains("quý I năm 2025") && home.contains("href=\"bao-cao/2025-q1.html\""));
    assert!(index.contains("href=\"../bao-cao/co-quan/so-tai-chinh.html\""));
    // One page per party, not one per party and period.
    let per_party = pages
        .iter()
        .filter(|p| p.starts_with("bao-cao/co-quan/"))
        .count();
    let periods = pages.iter().filter(|p| p.matches('/').count() == 1).count() - 1;
    assert!(
        per_party > 0 && pages.len() == per_party + periods + 1,
        "{pages:?}"
    );
}

/// The appendix line of party `slug` in a report page: its numbers.
fn appendix_line(html: &str, slug: &str) -> Vec<String> {
    let line = between(html, &format!("<tr id=\"{slug}\">"), "</tr>");
    numbers_of(line)
}

/// The numbers of the cells of a table row, links unwrapped.
fn numbers_of(row: &str) -> Vec<String> {
    row.split("<td>")
        .skip(1)
        .map(|c| {
            let c = &c[..c.find("</td>").unwrap()];
            c.rsplit_once("\">")
                .map_or(c, |c| c.1)
                .trim_end_matches("</a>")
                .to_string()
        })
        .collect()
}

#[test]
fn a_partys_page_of_reports_has_its_appendix_line_of_every_period() {
    let site = lifecycle("2025-01-15");
    let html = site.read("output/bao-cao/co-quan/so-tai-chinh.html");
    assert!(html.contains("Sở Tài chính"));
    let rows: Vec<&str> = html.split("<tr").skip(2).collect();
    let mut seen = Vec::new();
    for row in rows {
        let period = between(row, "href=\"../../bao-cao/", "#so-tai-chinh\"");
        let report = site.read(&format!("output/bao-cao/{period}"));
        // The same numbers, the on-time rate last (drawn as a bar in the report).
        let mut numbers = numbers_of(row);
        let rate = numbers.pop().unwrap();
        assert_eq!(numbers, appendix_line(&report, "so-tai-chinh"), "{period}");
        let line = between(&report, "<tr id=\"so-tai-chinh\">", "</tr>");
        assert!(
            line.contains(&format!("</svg>{rate}</td>")),
            "{period}: {rate}"
        );
        seen.push(period.to_string());
    }
    // The latest first, every period in which it has tasks.
    assert_eq!(
        seen.first().map(String::as_str),
        Some("2025-q1.html"),
        "{seen:?}"
    );
    assert!(seen.contains(&"2024-q4.html".to_string()), "{seen:?}");
    // Its overdue count, when not 0, links to the task list filtered on the period's last day.
    assert!(
        html.contains("nhiem-vu.html?today=2024-12-31&amp;body=so-tai-chinh&amp;status=overdue"),
        "{html}"
    );
}

#[test]
fn a_hostile_body_name_is_escaped_on_the_statistics_and_report_pages() {
    let site = Site::new();
    let name = "Sở <script>alert(1)</script> & \"Nội vụ\"";
    let bodies = site.read("content/bodies.yaml");
    let line = bodies
        .lines()
        .find(|l| l.trim_start().starts_with("name: Sở Nội vụ"))
        .expect("the minimal site has Sở Nội vụ");
    site.write(
        "content/bodies.yaml",
        bodies.replace(line, &format!("    name: '{name}'")),
    );
    site.build().assert_success();
    let escaped = "Sở &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Nội vụ&quot;";
    let mut pages = vec!["output/thong-ke.html".to_string()];
    pages.extend(
        site.output_files("html")
            .into_iter()
            .map(|(p, _)| format!("output/{p}"))
            .filter(|p| p.contains("bao-cao/")),
    );
    assert!(pages.len() > 2);
    let mut seen = false;
    for p in pages {
        let html = site.read(&p);
        assert!(!html.contains("<script>alert"), "{p}");
        seen |= html.contains(escaped);
    }
    assert!(seen, "the name shows, escaped");
}
