//! Tasks as offices track them (issue 22), end to end on a site made for it: extensions in
//! effect and not yet, withdrawals on both sides of the day, progress notes, done dates and
//! `done_by` documents on both sides of it, a document dated after the day, reused and missing
//! numbers; `data.json` checked field by field, `stats` per body with the bodies under it, and
//! what the pages, `tasks.csv` and `tasks.ics` say of the same tasks.

use std::fs;

use serde_json::{json, Value};

use super::{build, unescape};

const TODAY: &str = "2025-01-15";

const BODIES: &str = "\
bodies:
  - id: ubnd-tinh
    name: Ủy ban nhân dân tỉnh
    level: Tỉnh
  - id: so-noi-vu
    name: Sở Nội vụ
    parent: ubnd-tinh
    level: Tỉnh
  - id: phong-a
    name: Phòng A
    parent: so-noi-vu
    level: Tỉnh
  - id: so-tai-chinh
    name: Sở Tài chính
    parent: ubnd-tinh
    level: Tỉnh
groups:
  - id: cac-so
    name: Các sở
    members: [so-noi-vu, so-tai-chinh]
";

/// The plan that sets the tasks, dated 2024-01-10.
const PLAN: &str = "\
---
id: 5-KH/UBND
kind: Kế hoạch
title: Kế hoạch thực hiện
issuer: ubnd-tinh
date: 2024-01-10
tasks:
  - id: t1
    text: Gia hạn hai lần, lần sau tính theo ngày.
    lead: phong-a
    due: 2024-06-30
    extended:
      - {due: 31/12/2024, by: 12-CV/UBND}
      - {due: 15 ngày, by: 20-CV/UBND}
  - id: t2
    text: Gia hạn bằng văn bản chưa đến ngày.
    lead: so-noi-vu
    due: 2024-06-30
    extended:
      - {due: 2025-06-30, by: 30-CV/UBND}
  - id: t3
    text: Làm xong sau hạn, trước khi được gia hạn.
    lead: so-tai-chinh
    due: 2024-06-30
    done: 2024-07-05
    extended:
      - {due: 2024-12-31, by: 31-CV/UBND}
  - id: t4
    text: Đã rút.
    lead: cac-so
    due: 2024-06-30
    withdrawn: 32-QĐ/UBND
  - id: t5
    text: Rút bằng văn bản chưa đến ngày.
    lead: ubnd-tinh
    due: 2024-03-31
    withdrawn: 33-QĐ/UBND
  - id: t6
    text: Chưa có thời hạn, có báo cáo tiến độ.
    lead: phong-a
    progress:
      - {date: 2024-05-01, text: Đã xây dựng dự thảo.}
      - {date: 2025-02-01, text: Sẽ báo cáo sau.}
      - {date: 1/3/2024, text: Đã giao việc., document: 12-CV/UBND}
  - id: t7
    text: Thường xuyên.
    lead: so-noi-vu
    due: thường xuyên
  - id: t8
    text: Hằng quý.
    lead: so-tai-chinh
    due: hằng quý
  - id: t9
    text: Hoàn thành bằng văn bản chưa đến ngày.
    lead: phong-a
    due: 2024-12-31
    done_by: 34-BC/SNV
  - id: t10
    text: Hoàn thành bằng văn bản không ghi ngày.
    lead: so-noi-vu
    due: 2024-06-30
    done_by: 35-BC/SNV
  - id: t11
    text: Còn hạn.
    lead: so-tai-chinh
    due: 2025-06-30
  - id: t12
    text: Xong đúng ngày hạn.
    lead: ubnd-tinh
    due: 2024-12-31
    done: 31/12/2024
---
Nội dung.
";

/// A document with no printed number, dated after the day.
const FUTURE: &str = "\
---
id: 40-KH/UBND
number: \"\"
kind: Kế hoạch
title: Kế hoạch chưa ban hành
issuer: ubnd-tinh
date: 2025-03-01
tasks:
  - id: \"1\"
    text: Việc của văn bản chưa ban hành.
    lead: so-noi-vu
    due: 2025-06-30
---
";

fn other(id: &str, number: Option<&str>, date: Option<&str>) -> String {
    let number = number.map_or(String::new(), |n| format!("number: {n}\n"));
    let date = date.map_or(String::new(), |d| format!("date: {d}\n"));
    format!("---\nid: {id}\n{number}kind: Công văn\ntitle: Văn bản {id}\nissuer: so-noi-vu\n{date}---\n")
}

/// The site, built on [`TODAY`]: its output folder (kept by the returned guard).
fn built() -> (tempfile::TempDir, tempfile::TempDir, std::path::PathBuf) {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    fs::create_dir_all(&content).unwrap();
    fs::write(content.join("site.yaml"), "title: Theo dõi\n").unwrap();
    fs::write(content.join("bodies.yaml"), BODIES).unwrap();
    fs::write(content.join("5-kh.md"), PLAN).unwrap();
    fs::write(content.join("40-kh.md"), FUTURE).unwrap();
    for (file, id, number, date) in [
        ("12.md", "12-CV/UBND", None, Some("2024-06-20")),
        (
            "12-lai.md",
            "12-CV/UBND-2025",
            Some("12-CV/UBND"),
            Some("2025-01-02"),
        ),
        ("20.md", "20-CV/UBND", None, Some("2025-01-10")),
        ("30.md", "30-CV/UBND", None, Some("2025-03-01")),
        ("31.md", "31-CV/UBND", None, Some("2024-07-10")),
        ("32.md", "32-QĐ/UBND", None, Some("2024-12-01")),
        ("33.md", "33-QĐ/UBND", None, Some("2025-02-01")),
        ("34.md", "34-BC/SNV", None, Some("2025-02-01")),
        ("35.md", "35-BC/SNV", None, None),
    ] {
        fs::write(content.join(file), other(id, number, date)).unwrap();
    }
    let (out_dir, out) = build(site.path(), TODAY);
    (site, out_dir, out)
}

fn data(out: &std::path::Path) -> Value {
    serde_json::from_slice(&fs::read(out.join("data.json")).unwrap()).unwrap()
}

fn find<'a>(list: &'a Value, field: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[field] == value)
        .unwrap_or_else(|| panic!("no {field} = {value}"))
}

/// The fields of issue 22 of task `reference`.
fn fields(data: &Value, reference: &str) -> Value {
    let t = find(&data["tasks"], "ref", reference);
    let keys = [
        "due",
        "due_text",
        "due_original",
        "extended",
        "withdrawn",
        "done",
        "overdue_days",
        "progress",
        "status",
    ];
    Value::Object(
        keys.iter()
            .map(|&k| (k.to_string(), t[k].clone()))
            .collect(),
    )
}

#[test]
fn data_json_gives_every_task_as_things_stood_on_the_day() {
    let (_site, _out_dir, out) = built();
    let data = data(&out);
    let task = |id: &str| fields(&data, &format!("5-KH/UBND#{id}"));
    let none = json!([]);
    let expect = |due: Value, due_text: Value, due_original: Value, status: &str| {
        json!({"due": due, "due_text": due_text, "due_original": due_original,
               "extended": none, "withdrawn": null, "done": null, "overdue_days": null,
               "progress": none, "status": status})
    };
    // Two extensions in effect: the deadline in force is the second, 15 days after its
    // document's date.
    let mut t1 = expect(
        json!("2025-01-25"),
        json!("2024-06-30"),
        json!("2024-06-30"),
        "due_soon",
    );
    t1["extended"] = json!([
        {"due": "2024-12-31", "due_text": "31/12/2024", "by": "12-CV/UBND"},
        {"due": "2025-01-25", "due_text": "15 ngày", "by": "20-CV/UBND"},
    ]);
    assert_eq!(task("t1"), t1);
    // An extension granted by a document dated after the day has not happened yet.
    let mut t2 = expect(
        json!("2024-06-30"),
        json!("2024-06-30"),
        json!("2024-06-30"),
        "overdue",
    );
    t2["overdue_days"] = json!(199);
    assert_eq!(task("t2"), t2);
    // Done after the original deadline, before the extension took effect: late.
    let mut t3 = expect(
        json!("2024-12-31"),
        json!("2024-06-30"),
        json!("2024-06-30"),
        "done_late",
    );
    t3["extended"] = json!([{"due": "2024-12-31", "due_text": "2024-12-31", "by": "31-CV/UBND"}]);
    t3["done"] = json!("2024-07-05");
    assert_eq!(task("t3"), t3);
    let mut t4 = expect(
        json!("2024-06-30"),
        json!("2024-06-30"),
        json!("2024-06-30"),
        "withdrawn",
    );
    t4["withdrawn"] = json!("32-QĐ/UBND");
    assert_eq!(task("t4"), t4);
    // A withdrawal by a document dated after the day has not happened yet.
    let mut t5 = expect(
        json!("2024-03-31"),
        json!("2024-03-31"),
        json!("2024-03-31"),
        "overdue",
    );
    t5["overdue_days"] = json!(290);
    assert_eq!(task("t5"), t5);
    // No `due`: no deadline (not "ongoing"); notes up to the day, oldest first.
    let mut t6 = expect(Value::Null, Value::Null, Value::Null, "no_deadline");
    t6["progress"] = json!([
        {"date": "2024-03-01", "text": "Đã giao việc."},
        {"date": "2024-05-01", "text": "Đã xây dựng dự thảo."},
    ]);
    assert_eq!(task("t6"), t6);
    assert_eq!(
        task("t7"),
        expect(Value::Null, json!("thường xuyên"), Value::Null, "ongoing")
    );
    assert_eq!(
        task("t8"),
        expect(
            json!("2025-03-31"),
            json!("hằng quý"),
            json!("2025-03-31"),
            "ongoing"
        )
    );
    // Done by a document dated after the day: not done yet.
    let mut t9 = expect(
        json!("2024-12-31"),
        json!("2024-12-31"),
        json!("2024-12-31"),
        "overdue",
    );
    t9["overdue_days"] = json!(15);
    assert_eq!(task("t9"), t9);
    // Done by an undated document: done on time, with no done date.
    let t10 = expect(
        json!("2024-06-30"),
        json!("2024-06-30"),
        json!("2024-06-30"),
        "done_on_time",
    );
    assert_eq!(task("t10"), t10);
    assert_eq!(
        task("t11"),
        expect(
            json!("2025-06-30"),
            json!("2025-06-30"),
            json!("2025-06-30"),
            "in_progress"
        )
    );
    let mut t12 = expect(
        json!("2024-12-31"),
        json!("2024-12-31"),
        json!("2024-12-31"),
        "done_on_time",
    );
    t12["done"] = json!("2024-12-31");
    assert_eq!(task("t12"), t12);
    // A document dated after the day: its tasks are listed, not issued.
    let future = fields(&data, "40-KH/UBND#1");
    assert_eq!(future["status"], "not_issued");
    assert_eq!(data["tasks"].as_array().unwrap().len(), 13);

    let number = |id: &str| find(&data["documents"], "id", id)["number"].clone();
    assert_eq!(number("5-KH/UBND"), "5-KH/UBND", "the id by default");
    assert_eq!(number("40-KH/UBND"), "", "no printed number");
    assert_eq!(
        number("12-CV/UBND-2025"),
        "12-CV/UBND",
        "a number used again"
    );
}

#[test]
fn stats_count_each_body_with_the_bodies_under_it_and_each_group_itself() {
    let (_site, _out_dir, out) = built();
    let data = data(&out);
    let stats = |party: &str| find(&data["stats"], "party", party).clone();
    let entry = |party: &str, c: [u64; 7], rate: Value| {
        json!({"party": party, "done_on_time": c[0], "done_late": c[1], "overdue": c[2],
               "not_due": c[3], "ongoing": c[4], "no_deadline": c[5], "withdrawn": c[6],
               "on_time_rate": rate})
    };
    // (done_on_time, done_late, overdue, not_due, ongoing, no_deadline, withdrawn); the task
    // not yet issued is not counted.
    assert_eq!(
        stats("site"),
        entry("site", [2, 1, 3, 2, 2, 1, 1], json!(33.3))
    );
    assert_eq!(
        stats("phong-a"),
        entry("phong-a", [0, 0, 1, 1, 0, 1, 0], json!(0.0))
    );
    assert_eq!(
        stats("so-noi-vu"),
        entry("so-noi-vu", [1, 0, 2, 1, 1, 1, 0], json!(33.3))
    );
    assert_eq!(
        stats("so-tai-chinh"),
        entry("so-tai-chinh", [0, 1, 0, 1, 1, 0, 0], json!(0.0))
    );
    assert_eq!(
        stats("ubnd-tinh"),
        entry("ubnd-tinh", [2, 1, 3, 2, 2, 1, 0], json!(33.3))
    );
    assert_eq!(
        stats("cac-so"),
        entry("cac-so", [0, 0, 0, 0, 0, 0, 1], Value::Null)
    );
    assert_eq!(data["stats"][0]["party"], "site");
    assert_eq!(data["stats"].as_array().unwrap().len(), 1 + 4 + 1);
}

#[test]
fn pages_csv_and_calendar_say_what_data_json_says() {
    let (_site, _out_dir, out) = built();
    let page = |p: &str| unescape(&fs::read_to_string(out.join(p)).unwrap());
    let tasks = page("nhiem-vu.html");
    assert!(
        tasks.contains("<td>2024-06-30 <span class=\"muted\">(30/6/2024)</span>, <span class=\"extended\">gia hạn đến 31/12/2024 theo <a href=\"van-ban/12-cv-ubnd.html\""),
        "the original and each extension beside the deadline: {}",
        &tasks[tasks.find("gia hạn").unwrap_or(0).saturating_sub(300)..][..1500]
    );
    assert!(tasks.contains("quá hạn 199 ngày"));
    assert!(tasks.contains("còn 10 ngày"), "t1, due 25/1/2025");
    assert!(tasks.contains(">Chưa có thời hạn</span>"));
    assert!(tasks.contains("Rút, dừng thực hiện theo</span> <a href=\"van-ban/32-qd-ubnd.html\""));
    assert!(
        !tasks.contains("data-task=\"40-KH/UBND#1\""),
        "a task of a document not yet issued is in no list"
    );
    for (status, label) in [
        ("no_deadline", "Chưa có thời hạn"),
        ("withdrawn", "Đã rút"),
        ("ongoing", "Thường xuyên"),
    ] {
        assert!(
            tasks.contains(&format!("data-count-status=\"{status}\"")),
            "{status}"
        );
        assert!(tasks.contains(label), "{label}");
    }
    // The document without a number: named by its kind, never by its id.
    let future = page("van-ban/40-kh-ubnd.html");
    assert!(future.contains("Kế hoạch (không số)"));
    assert!(
        future.contains("Kế hoạch (không số) chưa ban hành tính đến ngày 15 tháng 01 năm 2025.")
    );
    assert!(!future.contains(">40-KH/UBND"), "the id shown as a number");
    assert!(!future.contains("Số: 40-KH/UBND"));
    assert!(future.contains(">Chưa ban hành</span>"));
    // Counts leave it out: Sở Nội vụ leads t2, t7, t10 (and the task not yet issued).
    let bodies = page("co-quan/index.html");
    // (Its overdue and due-soon counts stand between its name and its level.)
    let snv = &bodies[bodies.find("Sở Nội vụ</a>").expect("Sở Nội vụ")..];
    let snv = &snv[..snv.find("</li>").unwrap_or(snv.len())];
    assert!(
        snv.contains(
            "<span class=\"muted\">· Tỉnh</span> <span class=\"muted\">· 3 nhiệm vụ chủ trì</span>"
        ),
        "{snv}"
    );
    let body = page("co-quan/so-noi-vu.html");
    assert!(!body.contains("data-task=\"40-KH/UBND#1\""));
    // The reused number is shown, not the id.
    let reused = page("van-ban/12-cv-ubnd-2025.html");
    assert!(reused.contains("<dd>12-CV/UBND</dd>"));

    let csv = fs::read(out.join("tasks.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let head = reader.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let t1 = rows
        .iter()
        .find(|r| &r[col("ref")] == "5-KH/UBND#t1")
        .unwrap();
    assert_eq!(&t1[col("due")], "2025-01-25");
    assert_eq!(&t1[col("due_original")], "2024-06-30");
    assert_eq!(
        &t1[col("extended")],
        "31/12/2024 (12-CV/UBND); 15 ngày (20-CV/UBND)"
    );
    assert_eq!(&t1[col("status")], "due_soon");
    let t6 = rows
        .iter()
        .find(|r| &r[col("ref")] == "5-KH/UBND#t6")
        .unwrap();
    assert_eq!(
        &t6[col("progress")],
        "2024-03-01: Đã giao việc.\n2024-05-01: Đã xây dựng dự thảo."
    );

    let ics = fs::read_to_string(out.join("tasks.ics")).unwrap();
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20250125"),
        "the deadline in force"
    );
    assert!(
        !ics.contains("UID:5-kh-ubnd-t4@"),
        "no event for a withdrawn task"
    );
    assert!(
        !ics.contains("UID:40-kh-ubnd-1@"),
        "none for a task not yet issued"
    );
    // t1, t2, t3, t5, t8, t9, t10, t11, t12: not the withdrawn t4, nor t6 and t7 (no date).
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 9);
}

/// The timeline of t6's progress notes, as its document's page and the tasks page write it.
fn timeline(page: &str) -> &str {
    let row = &page[page.find("data-task=\"5-KH/UBND#t6\"").expect("t6's row")..];
    let start = row.find("<ol class=\"progress\"").expect("a timeline");
    &row[start..start + row[start..].find("</ol>").unwrap() + 5]
}

#[test]
fn the_timeline_shows_the_notes_up_to_the_day_newest_first() {
    let (_site, _out_dir, out) = built();
    let page = |p: &str| unescape(&fs::read_to_string(out.join(p)).unwrap());
    let expected = "<ol class=\"progress\" aria-label=\"Tiến độ thực hiện\">\
        <li data-date=\"2024-05-01\"><time datetime=\"2024-05-01\">1/5/2024</time> Đã xây dựng dự thảo.</li>\
        <li data-date=\"2024-03-01\"><time datetime=\"2024-03-01\">1/3/2024</time> Đã giao việc. \
        <span class=\"muted\">(<a href=\"../van-ban/12-cv-ubnd.html\" title=\"Văn bản 12-CV/UBND\">Công văn số 12-CV/UBND</a>)</span></li></ol>";
    // On its document's page and wherever its row is listed; the note of 1/2/2025 is not
    // there yet on 15/1/2025.
    for p in ["van-ban/5-kh-ubnd.html", "co-quan/phong-a.html"] {
        assert_eq!(timeline(&page(p)), expected, "{p}");
    }
    let tasks = page("nhiem-vu.html");
    assert_eq!(
        timeline(&tasks),
        expected.replace("../van-ban/", "van-ban/"),
        "a page at the root links from there"
    );
    assert!(!tasks.contains("Sẽ báo cáo sau."));
}

#[test]
fn a_progress_note_is_escaped_and_notes_of_one_day_keep_the_newest_written_first() {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    fs::create_dir_all(&content).unwrap();
    fs::write(content.join("site.yaml"), "title: Theo dõi\n").unwrap();
    fs::write(content.join("bodies.yaml"), BODIES).unwrap();
    let doc = "---\nid: 1-KH/UBND\nkind: Kế hoạch\ntitle: Kế hoạch\nissuer: ubnd-tinh\n\
        date: 2024-01-10\ntasks:\n  - id: a\n    text: Việc.\n    lead: so-noi-vu\n    progress:\n\
        \x20     - {date: 2024-02-01, text: \"Trước <b>&</b>\"}\n\
        \x20     - {date: 2024-02-01, text: \"Sau <script>x</script>\"}\n---\n";
    fs::write(content.join("1.md"), doc).unwrap();
    let (_out_dir, out) = build(site.path(), TODAY);
    let page = fs::read_to_string(out.join("van-ban/1-kh-ubnd.html")).unwrap();
    let after = page
        .find("Sau &lt;script&gt;x&lt;/script&gt;")
        .expect("escaped");
    let before = page
        .find("Trước &lt;b&gt;&amp;&lt;/b&gt;")
        .expect("escaped");
    assert!(after < before, "the note written last comes first");
    assert!(!page.contains("<script>x"));
    assert!(!page.contains("<b>&"));
}

#[test]
fn a_document_not_yet_issued_is_in_no_list_and_its_page_says_so() {
    let (_site, _out_dir, out) = built();
    let page = |p: &str| unescape(&fs::read_to_string(out.join(p)).unwrap());
    // The documents index keeps its row, with its date for the browser, hidden on the day:
    // its task count is not shown.
    let index = page("van-ban/index.html");
    let row = &index[index
        .find("<tr data-issued=\"2025-03-01\"")
        .expect("its row")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.starts_with("<tr data-issued=\"2025-03-01\" hidden>"),
        "{row}"
    );
    assert!(
        index.contains("<tr data-issued=\"2024-01-10\"><td>10/1/2024</td>"),
        "an issued one is shown, with its date"
    );
    assert_eq!(
        index.matches("<tr><td>").count(),
        1,
        "every dated row carries its date (35-BC/SNV has none)"
    );
    // Lists of documents likewise (Sở Nội vụ's page lists 30-CV/UBND, dated 1/3/2025).
    let body = page("co-quan/so-noi-vu.html");
    assert!(body
        .contains("<li data-issued=\"2025-03-01\" hidden><a href=\"../van-ban/30-cv-ubnd.html\""));
    assert!(body.contains("<li data-issued=\"2024-06-20\"><a href=\"../van-ban/12-cv-ubnd.html\""));
    // And the chain's lists.
    let chain = page("so-do.html");
    assert!(
        chain.contains("<li data-issued=\"2025-03-01\" hidden><a href=\"van-ban/40-kh-ubnd.html\"")
    );
    assert!(chain.contains("<li data-issued=\"2024-01-10\"><a href=\"van-ban/5-kh-ubnd.html\""));
    // And the chain's diagram: its box is not drawn, issued ones are.
    assert!(chain.contains(
        "<a href=\"van-ban/40-kh-ubnd.html\" data-issued=\"2025-03-01\" display=\"none\" id=\"n-40-kh-ubnd\">"
    ));
    assert!(chain.contains("<a href=\"van-ban/5-kh-ubnd.html\" data-issued=\"2024-01-10\" id="));
    // The page of a document not yet issued says so; the others hold the notice hidden,
    // with their dates, for a reader's day before them.
    let future = page("van-ban/40-kh-ubnd.html");
    assert!(future.contains("<p class=\"notice\" data-not-issued=\"2025-03-01\" data-doc=\"Kế hoạch (không số)\">Kế hoạch (không số) chưa ban hành tính đến ngày 15 tháng 01 năm 2025.</p>"));
    let plan = page("van-ban/5-kh-ubnd.html");
    assert!(plan.contains("<p class=\"notice\" data-not-issued=\"2024-01-10\" data-doc=\"Kế hoạch số 5-KH/UBND\" hidden></p>"));
    let undated = page("van-ban/35-bc-snv.html");
    assert!(!undated.contains("data-not-issued"));
}

#[test]
fn the_chain_counts_carry_what_the_browser_counts_them_from_on_its_day() {
    let (_site, _out_dir, out) = built();
    let chain = fs::read_to_string(out.join("so-do.html")).unwrap();
    // The plan's counts over time, in the diagram's box and in the chain's list: read on a
    // day, they say what data.json of that day says of its tasks.
    let plan = chain[chain
        .find("data-tally=\"- 19732c")
        .expect("the plan's tally")..]
        .split('"')
        .nth(1)
        .unwrap()
        .to_string();
    assert_eq!(chain.matches(&format!("data-tally=\"{plan}\"")).count(), 2);
    let data = data(&out);
    let mut built = std::collections::BTreeMap::new();
    for t in data["tasks"].as_array().unwrap() {
        if t["document"] == "5-KH/UBND" {
            *built
                .entry(t["status"].as_str().unwrap().to_string())
                .or_insert(0) += 1;
        }
    }
    assert_eq!(counts_on(&plan, TODAY), built, "{plan}");
    assert_eq!(
        counts_on(&plan, "2024-01-09"),
        Default::default(),
        "not issued yet"
    );
    // The document not yet issued: its task is in the tally (the browser counts it from its
    // date, 2025-03-01, on), not in the counts of the build's day.
    let future = "data-tally=\"- 20148c 91bC 31aB\"";
    assert!(chain.contains(&format!("<span class=\"tally\" {future}></span>")));
    let svg_box = &chain[chain.find("<g transform=").unwrap()..];
    assert!(svg_box.contains(future));
    // Every chip says which status it counts.
    assert!(chain.contains("<g class=\"chip status-overdue\"><rect "));
}

#[test]
fn every_page_has_one_line_saying_which_day_its_statuses_are_as_of() {
    let (_site, _out_dir, out) = built();
    let mut pages = vec![out.join("so-do.html"), out.join("index.html")];
    for dir in ["van-ban", "co-quan"] {
        for e in fs::read_dir(out.join(dir)).unwrap() {
            pages.push(e.unwrap().path());
        }
    }
    for p in pages
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = fs::read_to_string(p).unwrap();
        assert_eq!(html.matches("data-live-asof").count(), 1, "{}", p.display());
        assert!(
            html.contains("Tình trạng tính đến <time datetime=\"2025-01-15\">ngày 15 tháng 01 năm 2025</time>."),
            "{}",
            p.display()
        );
        assert!(!html.contains("trong sơ đồ tính đến"), "{}", p.display());
    }
}

/// The counts by status on `day` ("YYYY-MM-DD") of a `data-tally` or `data-timeline` text, read
/// as static/tasks.js reads it (src/render/timeline.rs says how it is written).
fn counts_on(text: &str, day: &str) -> std::collections::BTreeMap<String, i64> {
    const STATUS: [&str; 8] = [
        "overdue",
        "due_soon",
        "in_progress",
        "ongoing",
        "no_deadline",
        "done_late",
        "done_on_time",
        "withdrawn",
    ];
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let mut at = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let mut counts = std::collections::BTreeMap::new();
    for (i, token) in text.split(' ').enumerate() {
        let letters = token
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(token.len());
        if i > 0 {
            let gap = if letters == 0 {
                1
            } else {
                token[..letters].parse().unwrap()
            };
            at += chrono::Duration::days(gap);
            if at > day {
                break;
            }
        }
        let rest = if i == 0 { token } else { &token[letters..] };
        let mut chars = rest.chars().filter(|&c| c != '-').peekable();
        while let Some(c) = chars.next() {
            let mut n = String::new();
            while let Some(x) = chars.next_if(char::is_ascii_digit) {
                n.push(x);
            }
            let n: i64 = n.parse().unwrap_or(1);
            let key = STATUS[usize::from(c.to_ascii_lowercase() as u8 - b'a')];
            *counts.entry(key.to_string()).or_insert(0) +=
                if c.is_ascii_uppercase() { -n } else { n };
        }
    }
    counts.retain(|_, n| *n != 0);
    counts
}
