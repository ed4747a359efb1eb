//! The Excel workbooks (`nhiem-vu.xlsx`, `co-quan/SLUG.xlsx`) read back as a spreadsheet
//! program reads them (calamine), row by row against data.json; texts that would be formulas
//! stay text; the calendars speak the site's language; the pages' "Tải về" block (issue 24).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

use crate::common::Site;
use chidao::model::Language;
use chidao::status::Status;

/// A workbook's one sheet, by rows of cells, and its sheet's name.
fn sheet(path: &Path) -> (String, Vec<Vec<Data>>) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    let names = book.sheet_names();
    assert_eq!(names.len(), 1, "one sheet: {names:?}");
    let name = names[0].clone();
    let formulas = book.worksheet_formula(&name).expect("formulas");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "{}: no cell holds a formula",
        path.display()
    );
    let range = book.worksheet_range(&name).expect("the sheet");
    assert_eq!(range.start(), Some((0, 0)), "the table starts at A1");
    (name, range.rows().map(<[Data]>::to_vec).collect())
}

/// A file of the workbook's zip, as text.
fn part(path: &Path, name: &str) -> String {
    let bytes = fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{} holds {name}", path.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A cell's text; "" for an empty one. Panics on a number: every text is a string cell.
fn text(c: &Data) -> &str {
    match c {
        Data::String(s) => s,
        Data::Empty => "",
        other => panic!("a text cell, not {other:?}"),
    }
}

/// A date cell's Excel serial number; `None` for an empty one.
fn serial(c: &Data) -> Option<f64> {
    match c {
        Data::DateTime(d) => Some(d.as_f64()),
        Data::Empty => None,
        other => panic!("a date cell, not {other:?}"),
    }
}

/// The Excel serial number of a day of data.json ("2024-12-31"): days since 30/12/1899.
fn serial_of(day: &Value) -> Option<f64> {
    let day = day.as_str()?;
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    Some((d - epoch).num_days() as f64)
}

fn status_word(key: &str) -> &'static str {
    let s = Status::ALL
        .iter()
        .find(|s| s.as_str() == key)
        .unwrap_or_else(|| panic!("status {key}"));
    chidao::i18n::status_label(Language::Vi, *s)
}

/// Names of bodies and groups, and numbers of documents, by id, from data.json.
struct Names {
    parties: HashMap<String, String>,
    numbers: HashMap<String, String>,
}

impl Names {
    fn of(data: &Value) -> Names {
        let mut parties = HashMap::new();
        for p in data["bodies"]
            .as_array()
            .unwrap()
            .iter()
            .chain(data["groups"].as_array().unwrap())
        {
            parties.insert(
                p["id"].as_str().unwrap().to_string(),
                p["name"].as_str().unwrap().to_string(),
            );
        }
        let numbers = data["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let number = match d["number"].as_str().unwrap() {
                    "" => "không số",
                    n => n,
                };
                (d["id"].as_str().unwrap().to_string(), number.to_string())
            })
            .collect();
        Names { parties, numbers }
    }

    fn party(&self, id: &Value) -> &str {
        id.as_str().map_or("", |id| &self.parties[id])
    }
}

const HEADERS: [&str; 11] = [
    "Nhiệm vụ",
    "Văn bản",
    "Nội dung",
    "Chủ trì",
    "Phối hợp",
    "Thời hạn",
    "Ghi chú thời hạn",
    "Trạng thái",
    "Số ngày quá hạn",
    "Hoàn thành ngày",
    "Liên kết",
];

/// Checks every row of a workbook against data.json's task of the same link, and returns
/// the links, in the workbook's order.
fn rows_match_data(path: &Path, data: &Value) -> Vec<String> {
    let (name, rows) = sheet(path);
    assert_eq!(name, "Nhiệm vụ");
    let head: Vec<&str> = rows[0].iter().map(text).collect();
    assert_eq!(head, HEADERS, "{}", path.display());
    let names = Names::of(data);
    let tasks: HashMap<&str, &Value> = data["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["url"].as_str().unwrap(), t))
        .collect();
    let mut links = Vec::new();
    for row in &rows[1..] {
        let link = text(&row[10]);
        let t = tasks
            .get(link)
            .unwrap_or_else(|| panic!("{}: no task at {link}", path.display()));
        let what = format!("{}: {}", path.display(), t["ref"]);
        assert_eq!(
            text(&row[1]),
            names.numbers[t["document"].as_str().unwrap()],
            "{what}"
        );
        assert!(text(&row[0]).contains(t["id"].as_str().unwrap()), "{what}");
        assert_eq!(text(&row[2]), t["text"].as_str().unwrap(), "{what}");
        assert_eq!(text(&row[3]), names.party(&t["lead"]), "{what}");
        let support: Vec<&str> = t["support"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| names.party(s))
            .collect();
        assert_eq!(text(&row[4]), support.join("; "), "{what}");
        assert_eq!(serial(&row[5]), serial_of(&t["due"]), "{what}");
        assert_eq!(
            text(&row[7]),
            status_word(t["status"].as_str().unwrap()),
            "{what}"
        );
        let overdue = match &row[8] {
            Data::Float(n) => Some(*n as i64),
            Data::Int(n) => Some(*n),
            Data::Empty => None,
            other => panic!("{what}: days overdue {other:?}"),
        };
        assert_eq!(overdue, t["overdue_days"].as_i64(), "{what}");
        assert_eq!(serial(&row[9]), serial_of(&t["done"]), "{what}");
        links.push(link.to_string());
    }
    links
}

/// The sites the workbooks are checked on: the shipped one, the minimal fixture (a group of
/// bodies) and the lifecycle fixture (extensions, a withdrawal, a document dated later).
fn sites() -> Vec<(&'static str, Site)> {
    vec![
        ("shipped", Site::shipped()),
        ("minimal", Site::new()),
        ("lifecycle", Site::fixture_named("lifecycle")),
    ]
}

#[test]
fn the_site_workbook_holds_every_listed_task_of_data_json_as_staff_read_it() {
    for (which, site) in sites() {
        site.good_build();
        let data = site.data_json();
        let path = site.output().join("nhiem-vu.xlsx");
        assert!(
            part(&path, "xl/worksheets/sheet1.xml").contains("<autoFilter ref=\"A1:K"),
            "{which}: a filter over the table"
        );
        let links = rows_match_data(&path, &data);
        let listed: BTreeSet<&str> = data["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["status"] != "not_issued")
            .map(|t| t["url"].as_str().unwrap())
            .collect();
        assert!(!listed.is_empty(), "{which}");
        assert_eq!(links.len(), listed.len(), "{which}: a row per task");
        assert_eq!(
            links.iter().map(String::as_str).collect::<BTreeSet<_>>(),
            listed,
            "{which}: every task listed on the pages, none not yet issued"
        );
        let sheet_xml = part(&path, "xl/worksheets/sheet1.xml");
        assert!(
            sheet_xml.contains("<pane ySplit=\"1\""),
            "{which}: header frozen"
        );
        assert!(
            sheet_xml.contains("orientation=\"landscape\"")
                && sheet_xml.contains("paperSize=\"9\""),
            "{which}: A4 landscape"
        );
        let styles = part(&path, "xl/styles.xml");
        assert!(styles.contains("formatCode=\"dd/mm/yyyy\""), "{which}");
        assert!(styles.contains("<b/>"), "{which}: a bold header");
    }
}

#[test]
fn a_deadline_not_written_as_a_date_keeps_its_words_beside_the_date() {
    let site = Site::shipped();
    site.good_build();
    let (_, rows) = sheet(&site.output().join("nhiem-vu.xlsx"));
    let row = |r: &str| {
        rows.iter()
            .find(|row| text(&row[0]) == r)
            .unwrap_or_else(|| panic!("{r}"))
    };
    // Due in quý IV-2014: 31/12/2014, overdue on the day of the tests.
    let late = row("157-TB/TW#4");
    assert_eq!(serial(&late[5]), Some(42004.0));
    assert_eq!(text(&late[6]), "quý IV-2014");
    assert_eq!(text(&late[7]), "Quá hạn");
    // A yearly task: the end of this year, its words beside it.
    let yearly = row("39-KL/TW#3.3");
    assert_eq!(text(&yearly[6]), "hằng năm");
    assert_eq!(text(&yearly[7]), "Thường xuyên");
}

#[test]
fn each_partys_workbook_holds_exactly_its_tasks_as_its_calendar_does() {
    for (which, site) in sites() {
        site.good_build();
        let data = site.data_json();
        // Each party's tasks: those it leads or supports (a group's are the group's own).
        let mut expected: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for t in data["tasks"].as_array().unwrap() {
            if t["status"] == "not_issued" {
                continue;
            }
            let url = t["url"].as_str().unwrap();
            let named = t["lead"].as_str().into_iter().chain(
                t["support"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap()),
            );
            for p in named {
                expected.entry(p.to_string()).or_default().insert(url);
            }
        }
        let mut made = BTreeMap::new();
        for p in data["bodies"]
            .as_array()
            .unwrap()
            .iter()
            .chain(data["groups"].as_array().unwrap())
        {
            let page = p["url"].as_str().unwrap();
            let workbook = site.output().join(page.replace(".html", ".xlsx"));
            let calendar = site.output().join(page.replace(".html", ".ics"));
            assert!(calendar.is_file(), "{which}: {page} has a calendar");
            let id = p["id"].as_str().unwrap().to_string();
            let html = fs::read_to_string(site.output().join(page)).unwrap();
            let file = workbook.file_name().unwrap().to_str().unwrap().to_string();
            if !workbook.exists() {
                assert!(!html.contains(&file), "{which}: {page} links no workbook");
                continue;
            }
            assert!(
                html.contains(&format!("href=\"../co-quan/{file}\"")),
                "{which}: {page} links its workbook"
            );
            let links = rows_match_data(&workbook, &data);
            // Every event of its calendar is a row of its workbook.
            let ics = fs::read_to_string(&calendar).unwrap();
            let refs: BTreeSet<String> = links
                .iter()
                .map(|l| {
                    let t = data["tasks"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|t| t["url"] == l.as_str())
                        .unwrap();
                    chidao::text::slug(t["ref"].as_str().unwrap())
                })
                .collect();
            for uid in ics.lines().filter_map(|l| l.strip_prefix("UID:")) {
                let slug = uid.trim_end().trim_end_matches("@chidao");
                assert!(refs.contains(slug), "{which}: {page}: {uid} has a row");
            }
            made.insert(id, links.into_iter().collect::<BTreeSet<String>>());
        }
        let expected: BTreeMap<String, BTreeSet<String>> = expected
            .into_iter()
            .map(|(p, ts)| (p, ts.into_iter().map(str::to_string).collect()))
            .collect();
        assert_eq!(
            made, expected,
            "{which}: a workbook for each party with tasks, holding exactly them"
        );
    }
}

#[test]
fn texts_that_would_be_formulas_stay_text() {
    let site = Site::new();
    let hostile = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
    ];
    let tasks: String = hostile
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "  - id: \"{}\"\n    text: {}\n    lead: so-noi-vu\n    due: 31/12/2025\n",
                i + 1,
                serde_json::to_string(t).unwrap()
            )
        })
        .collect();
    site.write(
        "content/hostile.md",
        format!(
            "---\nid: 9-CV/UBND\nkind: Công văn\ntitle: Công văn\nissuer: ubnd-tinh\ndate: 2024-05-01\ntasks:\n{tasks}---\nNội dung.\n"
        ),
    );
    site.good_build();
    for file in ["nhiem-vu.xlsx", "co-quan/so-noi-vu.xlsx"] {
        let path = site.output().join(file);
        let (_, rows) = sheet(&path);
        let texts: Vec<&str> = rows[1..].iter().map(|r| text(&r[2])).collect();
        for h in hostile {
            let shown = h.trim_start_matches('\t');
            assert!(texts.contains(&shown), "{file}: {shown} as text: {texts:?}");
        }
        let xml = part(&path, "xl/worksheets/sheet1.xml");
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "{file}: no formula"
        );
        // Every cell of a text column is a string cell: shared (t="s") or inline.
        for c in xml.split("<c r=\"").skip(1) {
            let column = c.chars().next().unwrap();
            if "ABCDEGHK".contains(column) {
                let tag = &c[..c.find('>').unwrap()];
                assert!(
                    tag.contains("t=\"s\"") || tag.contains("t=\"inlineStr\""),
                    "{file}: {tag}"
                );
            }
        }
        let strings = part(&path, "xl/sharedStrings.xml");
        assert!(
            strings.contains("<t>=HYPERLINK(\"http://x\",\"y\")</t>")
                || strings.contains("<t>=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</t>"),
            "{file}: the text kept as written"
        );
        assert!(
            part(&path, "xl/styles.xml").contains("quotePrefix=\"1\""),
            "{file}: Excel's quote prefix keeps an edited cell text"
        );
    }
}

#[test]
fn the_calendars_speak_the_sites_language() {
    let site = Site::shipped();
    site.good_build();
    let ics = site.read("output/tasks.ics");
    // Lines are folded at 75 octets: unfolded first.
    let ics = ics.replace("\r\n ", "");
    for words in [
        "Chủ trì: ",
        "Phối hợp: ",
        "Thời hạn: quý IV-2014",
        "Tình trạng tính đến ",
    ] {
        assert!(ics.contains(words), "{words} in {ics}");
    }
    assert!(ics.contains(": Quá hạn"), "{ics}");
    for english in ["[overdue]", "[ongoing]", "\\n+ ", "→"] {
        assert!(!ics.contains(english), "{english} in {ics}");
    }
}

/// The events of `ics` (lines unfolded, escapes undone), by UID, as their properties.
fn events(ics: &str) -> HashMap<String, HashMap<String, String>> {
    let unfolded = ics.replace("\r\n ", "");
    let mut out = HashMap::new();
    for block in unfolded.split("BEGIN:VEVENT\r\n").skip(1) {
        let block = &block[..block.find("END:VEVENT").unwrap()];
        let props: HashMap<String, String> = block
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| {
                let v = v
                    .replace("\\n", "\n")
                    .replace("\\,", ",")
                    .replace("\\;", ";");
                (k.to_string(), v)
            })
            .collect();
        out.insert(props["UID"].clone(), props);
    }
    out
}

#[test]
fn an_event_says_each_fact_once() {
    let site = Site::new();
    let long = "Rà soát, ".repeat(30) + "báo cáo kết quả.";
    site.write(
        "content/lich.md",
        format!(
            "---\nid: 8-CV/UBND\nkind: Công văn\ntitle: Công văn\nissuer: ubnd-tinh\n\
             date: 2024-05-01\ntasks:\n\
             \x20 - id: \"1\"\n    text: Lập danh sách cán bộ.\n    lead: so-noi-vu\n\
             \x20   support: [so-tai-chinh]\n    due: 31/12/2025\n\
             \x20 - id: \"2\"\n    text: {long}\n    lead: so-noi-vu\n    due: quý IV/2025\n\
             \x20   due_note: sau khi có hướng dẫn\n\
             \x20 - id: \"3\"\n    text: Tổng hợp.\n    lead: so-noi-vu\n    due: 30/6/2025\n\
             \x20   extended:\n      - {{due: 31/12/2025, by: 9-CV/UBND}}\n\
             ---\nNội dung.\n\
             "
        ),
    );
    site.write(
        "content/gia-han.md",
        "---\nid: 9-CV/UBND\nkind: Công văn\ntitle: Gia hạn\nissuer: ubnd-tinh\ndate: 2024-06-01\n---\n",
    );
    site.good_build();
    let events = events(&site.read("output/co-quan/so-noi-vu.ics"));
    let short = &events["8-cv-ubnd-1@chidao"];
    assert_eq!(short["SUMMARY"], "8-CV/UBND#1 — Lập danh sách cán bộ.");
    // The text is the summary's; a plain date is the event's day.
    assert_eq!(
        short["DESCRIPTION"],
        "Chủ trì: Sở Nội vụ\nPhối hợp: Sở Tài chính\nTình trạng tính đến 15/1/2025: Đang thực hiện"
    );
    assert_eq!(short["DTSTART;VALUE=DATE"], "20251231");
    assert!(
        !events.values().any(|e| e.contains_key("DTEND;VALUE=DATE")),
        "an all-day event without an end lasts its day"
    );
    // A text longer than a summary holds opens the description, whole.
    let cut = &events["8-cv-ubnd-2@chidao"];
    assert!(cut["SUMMARY"].ends_with('…'), "{}", cut["SUMMARY"]);
    assert_eq!(
        cut["SUMMARY"].chars().count(),
        "8-CV/UBND#2 — ".chars().count() + 160 + 1
    );
    assert!(cut["DESCRIPTION"].starts_with(&format!("{long}\nChủ trì: Sở Nội vụ\n")));
    assert!(cut["DESCRIPTION"].contains("\nThời hạn: quý IV/2025\nsau khi có hướng dẫn\n"));
    let extended = &events["8-cv-ubnd-3@chidao"];
    assert_eq!(extended["DTSTART;VALUE=DATE"], "20251231");
    assert!(
        extended["DESCRIPTION"]
            .contains("\nThời hạn: 30/6/2025, gia hạn đến 31/12/2025 theo Công văn số 9-CV/UBND\n"),
        "{}",
        extended["DESCRIPTION"]
    );
}

#[test]
fn an_english_site_has_english_workbooks_and_calendars() {
    let site = Site::new();
    site.edit("content/site.yaml", "language: vi", "language: en");
    site.good_build();
    let (name, rows) = sheet(&site.output().join("nhiem-vu.xlsx"));
    assert_eq!(name, "Tasks");
    assert_eq!(text(&rows[0][0]), "Task");
    assert_eq!(text(&rows[0][7]), "Status");
    let ics = site.read("output/tasks.ics").replace("\r\n ", "");
    assert!(
        ics.contains("Lead: ") && ics.contains("Status as of "),
        "{ics}"
    );
}

#[test]
fn the_tasks_page_and_body_pages_offer_the_downloads() {
    let site = Site::new();
    site.good_build();
    let tasks = site.read("output/nhiem-vu.html");
    let block = &tasks[tasks
        .find("<h2 id=\"h-downloads\">Tải về</h2>")
        .expect("Tải về")..];
    let block = &block[..block.find("</section>").unwrap()];
    for link in [
        "href=\"nhiem-vu.xlsx\"",
        "href=\"tasks.ics\"",
        "href=\"data.json\"",
        "href=\"tasks.csv\"",
        "Outlook",
        "cho phần mềm khác",
    ] {
        assert!(block.contains(link), "{link} in {block}");
    }
    let body = site.read("output/co-quan/so-noi-vu.html");
    let block = &body[body
        .find("<h2 id=\"h-downloads\">Tải về</h2>")
        .expect("Tải về")..];
    let block = &block[..block.find("</section>").unwrap()];
    for link in [
        "href=\"../co-quan/so-noi-vu.xlsx\"",
        "href=\"../co-quan/so-noi-vu.ics\"",
        "Outlook",
    ] {
        assert!(block.contains(link), "{link} in {block}");
    }
    assert!(
        !block.contains("data.json"),
        "the site's data is on the tasks page"
    );
}
