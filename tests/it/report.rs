//! `chidao report` (issue 23): the periodic report as a Word document, opened as the zip it
//! is; its layout checked in `word/document.xml` (A4, Times New Roman, real tables, the page
//! number field in the header, from the second page on) and its figures against data.json's `stats` of a build as of
//! the period's end. Then each bad input: a bad period, an unknown party, an --out that
//! cannot or must not be written.

use std::fs;
use std::io::Read;
use std::path::Path;

use serde_json::Value;

use crate::common::{Run, Site};

const PERIOD: &str = "2024-Q4";
/// The last day of `PERIOD`: data.json's `stats` of a build on that day are the report's.
const PERIOD_END: &str = "2024-12-31";

/// Runs `chidao report --period PERIOD --out OUT EXTRA...` (today 2025-01-15).
fn report(site: &Site, out: &Path, extra: &[&str]) -> Run {
    let out = out.to_str().unwrap();
    let mut args = vec!["report", "--period", PERIOD, "--out", out];
    args.extend(extra);
    site.run(&args)
}

/// A file of the .docx at `path`, as text.
fn part(path: &Path, name: &str) -> String {
    let file = fs::File::open(path).expect("the .docx was written");
    let mut zip = zip::ZipArchive::new(file).expect("a .docx is a zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the .docx"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Every `<w:t>` of an XML part, unescaped, joined by `|`: a table row's cells read
/// `label|figure|...`.
fn texts(xml: &str) -> String {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<w:t") {
        rest = &rest[at + 4..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        if !rest.starts_with('>') && !rest.starts_with(' ') || rest[..open_end].ends_with('/') {
            continue;
        }
        rest = &rest[open_end + 1..];
        let end = rest.find("</w:t>").unwrap_or(rest.len());
        out.push(unescape(&rest[..end]));
        rest = &rest[end..];
    }
    out.join("|")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A whole number as the report writes it (`1.234`).
fn number(v: &Value) -> String {
    let digits = v.as_u64().expect("a count").to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

fn rate(v: &Value) -> String {
    v.as_f64()
        .map_or("–".to_string(), |r| format!("{r:.1}%").replace('.', ","))
}

const COUNTS: [&str; 7] = [
    "done_on_time",
    "done_late",
    "overdue",
    "not_due",
    "ongoing",
    "no_deadline",
    "withdrawn",
];

fn total(stats: &Value) -> Value {
    COUNTS
        .iter()
        .map(|k| stats[k].as_u64().unwrap())
        .sum::<u64>()
        .into()
}

/// data.json's `stats` of the site built as of the period's end.
fn stats_at_period_end(site: &Site) -> (Vec<Value>, Value) {
    site.run_on(PERIOD_END, &["build"]).assert_success();
    let data = site.data_json();
    (data["stats"].as_array().unwrap().clone(), data)
}

/// The rows of part I's table, as the report must write them for `stats`.
fn general_rows(stats: &Value) -> Vec<String> {
    let labels = [
        "Đã hoàn thành đúng hạn",
        "Đã hoàn thành quá hạn",
        "Chưa hoàn thành, đã quá hạn",
        "Chưa hoàn thành, trong hạn",
        "Thường xuyên",
        "Chưa có thời hạn",
        "Đã rút, dừng thực hiện",
    ];
    let mut rows = vec![format!("Tổng số nhiệm vụ|{}", number(&total(stats)))];
    rows.extend(
        labels
            .iter()
            .zip(COUNTS)
            .map(|(l, k)| format!("{l}|{}", number(&stats[k]))),
    );
    rows.push(format!(
        "Tỷ lệ hoàn thành đúng hạn|{}",
        rate(&stats["on_time_rate"])
    ));
    rows
}

/// The name of a party of data.json by its id.
fn name_of<'a>(data: &'a Value, id: &str) -> &'a str {
    ["bodies", "groups"]
        .iter()
        .flat_map(|k| data[k].as_array().unwrap())
        .find(|p| p["id"] == id)
        .and_then(|p| p["name"].as_str())
        .unwrap_or_else(|| panic!("party {id} in data.json"))
}

/// The appendix line of a party: its name, then its counts and rate.
fn appendix_row(data: &Value, stats: &Value) -> String {
    let mut cells = vec![
        name_of(data, stats["party"].as_str().unwrap()).to_string(),
        number(&total(stats)),
    ];
    cells.extend(COUNTS.iter().map(|k| number(&stats[k])));
    cells.push(rate(&stats["on_time_rate"]));
    cells.join("|")
}

/// Writes the report of `site`, checks its layout, and its figures against data.json.
fn check_report_of(site: &Site) {
    let out = site.outer().join("bao-cao.docx");
    let run = report(site, &out, &[]);
    run.assert_success();
    let doc = part(&out, "word/document.xml");
    assert_layout(&doc, &out);
    let text = texts(&doc);
    assert!(text.contains("BÁO CÁO"), "{text}");
    assert!(
        text.contains("Tình hình thực hiện nhiệm vụ quý IV năm 2024"),
        "{text}"
    );
    assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(text.contains("Độc lập - Tự do - Hạnh phúc"));
    assert!(
        text.contains("ngày 15 tháng 01 năm 2025"),
        "dated on --today"
    );
    assert!(
        text.contains("ngày 31 tháng 12 năm 2024"),
        "as of the period's end"
    );
    let (stats, data) = stats_at_period_end(site);
    assert_eq!(stats[0]["party"], "site");
    for row in general_rows(&stats[0]) {
        assert!(text.contains(&row), "part I must read {row:?}:\n{text}");
    }
    for s in stats.iter().skip(1).filter(|s| total(s) != 0) {
        let row = appendix_row(&data, s);
        assert!(
            text.contains(&row),
            "the appendix must read {row:?}:\n{text}"
        );
    }
}

/// A4 portrait, Times New Roman, tables, a PAGE field in the header but for the first page
/// (NĐ 30: centred at the top, not on the first page), and compressed.
fn assert_layout(doc: &str, out: &Path) {
    let pg_sz = doc.find("<w:pgSz").map(|i| &doc[i..i + 60]).unwrap_or("");
    assert!(
        pg_sz.contains(r#"w:w="11906""#) && pg_sz.contains(r#"w:h="16838""#),
        "A4: {pg_sz}"
    );
    assert!(doc.contains(r#"w:ascii="Times New Roman""#));
    assert!(doc.matches("<w:tbl>").count() >= 3, "real Word tables");
    let mut zip = zip::ZipArchive::new(fs::File::open(out).unwrap()).unwrap();
    let method = zip.by_name("word/document.xml").unwrap().compression();
    assert_eq!(
        method,
        zip::CompressionMethod::Deflated,
        "compressed as Word does"
    );
    let header = part(out, "word/header1.xml");
    assert!(header.contains("PAGE"), "page number field: {header}");
    assert!(header.contains(r#"w:fldCharType="begin""#));
    assert!(header.contains(r#"w:val="center""#), "centred: {header}");
    assert!(
        doc.contains("<w:titlePg />"),
        "the first page has its own header"
    );
    assert!(
        !part(out, "word/header2.xml").contains("PAGE"),
        "with no number"
    );
}

#[test]
fn the_report_of_the_lifecycle_site_holds_the_figures_of_its_stats() {
    check_report_of(&Site::fixture_named("lifecycle"));
}

#[test]
fn the_report_of_the_shipped_site_holds_the_figures_of_its_stats() {
    check_report_of(&Site::shipped());
}

#[test]
fn a_party_report_counts_that_party_and_the_bodies_under_it() {
    let site = Site::fixture_named("lifecycle");
    let out = site.outer().join("so-noi-vu.docx");
    report(&site, &out, &["--party", "so-noi-vu"]).assert_success();
    let text = texts(&part(&out, "word/document.xml"));
    assert!(
        text.contains("Tình hình thực hiện nhiệm vụ của Sở Nội vụ quý IV năm 2024"),
        "{text}"
    );
    let (stats, _) = stats_at_period_end(&site);
    let mine = stats.iter().find(|s| s["party"] == "so-noi-vu").unwrap();
    for row in general_rows(mine) {
        assert!(text.contains(&row), "{row:?}:\n{text}");
    }
    assert!(
        !text.contains("TÊN CƠ QUAN, TỔ CHỨC"),
        "the party is the issuer"
    );
}

#[test]
fn the_default_file_is_named_after_the_period_in_the_current_folder() {
    let site = Site::fixture_named("lifecycle");
    site.run(&["report", "--period", PERIOD]).assert_success();
    // The tests run the program in the temporary folder that holds the site.
    let written = site.outer().join("bao-cao-2024-q4.docx");
    assert!(written.is_file(), "{} must be written", written.display());
}

#[test]
fn a_bad_period_is_an_error_listing_the_accepted_forms() {
    let site = Site::fixture_named("lifecycle");
    let out = site.outer().join("x.docx");
    for bad in ["2024-13", "2024-Q5", "Q4-2024", "24"] {
        let run = site.run(&["report", "--period", bad, "--out", out.to_str().unwrap()]);
        run.assert_failure();
        assert!(run.stderr.contains(&format!("\"{bad}\"")), "{}", run.stderr);
        assert!(
            run.stderr.contains("2024-10") && run.stderr.contains("2024-Q4"),
            "the accepted forms: {}",
            run.stderr
        );
        assert!(!out.exists(), "nothing written for {bad}");
    }
}

#[test]
fn an_unknown_party_is_an_error_naming_the_nearest() {
    let site = Site::fixture_named("lifecycle");
    let out = site.outer().join("x.docx");
    let run = report(&site, &out, &["--party", "so-noi-vuu"]);
    run.assert_failure();
    assert!(run.stderr.contains("so-noi-vuu"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `so-noi-vu` (Sở Nội vụ)"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn an_out_that_cannot_be_written_is_an_error() {
    let site = Site::fixture_named("lifecycle");
    let missing = site.outer().join("no-such-folder/x.docx");
    let run = report(&site, &missing, &[]);
    run.assert_failure();
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    let folder = site.outer().join("a-folder");
    fs::create_dir(&folder).unwrap();
    let run = report(&site, &folder, &[]);
    run.assert_failure();
    assert!(run.stderr.contains("is not a file"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn an_out_that_is_a_symbolic_link_is_refused_and_its_target_untouched() {
    let site = Site::fixture_named("lifecycle");
    let target = site.outer().join("target.txt");
    fs::write(&target, "keep me").unwrap();
    let link = site.outer().join("link.docx");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let run = report(&site, &link, &[]);
    run.assert_failure();
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn a_site_with_errors_writes_no_report() {
    let site = Site::fixture_named("lifecycle");
    site.write("content/broken.md", "---\nid: 1/X\nkind: Kế hoạch\n---\n");
    let out = site.outer().join("x.docx");
    let run = report(&site, &out, &[]);
    run.assert_failure();
    assert!(!run.errors().is_empty(), "{}", run.stderr);
    assert!(!out.exists());
}
