//! Values outside the contract, and values the exports would hand to office software as they
//! are: each class of bad input is refused with its file, line, key and a suggestion, or
//! written so that it cannot act (a spreadsheet formula in `tasks.csv`).

use crate::common::{error, warning, Expect, Run, Site};

const NEW: &str = "content/moi.md";
const BODIES: &str = "content/bodies.yaml";

/// A new document: `extra` front-matter lines start on line 7.
fn doc(id: &str, date: &str, extra: &str, body: &str) -> String {
    format!(
        "---\nid: {id}\nkind: Công văn\ntitle: Văn bản mới\nissuer: so-noi-vu\ndate: {date}\n{extra}---\n{body}"
    )
}

/// A task of four lines (`due` the last), and `more` lines of it.
fn task(id: &str, due: &str, more: &str) -> String {
    format!(
        "  - id: \"{id}\"\n    text: Làm việc {id}.\n    lead: so-noi-vu\n    due: {due}\n{more}"
    )
}

/// Asserts that `build` fails with each of `expected` and no other error, and that `check`
/// reports the same.
fn refused(site: &Site, expected: &[Expect]) -> Run {
    let build = site.build();
    build.assert_failure();
    for e in expected {
        build.expect(e);
    }
    assert_eq!(
        build.errors().len(),
        expected.iter().filter(|e| !e.warning).count(),
        "exactly the expected errors, no more:\n{}",
        build.stderr
    );
    let check = site.check();
    check.assert_failure();
    assert_eq!(
        check.diagnostics(),
        build.diagnostics(),
        "`check` as `build`"
    );
    build
}

/// The cells of `tasks.csv`, the header row first.
fn csv_rows(site: &Site) -> Vec<Vec<String>> {
    let bytes = std::fs::read(site.output().join("tasks.csv")).expect("tasks.csv");
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text)
        .records()
        .map(|r| r.expect("a CSV row").iter().map(String::from).collect())
        .collect()
}

#[test]
fn csv_cells_that_office_software_would_run_start_with_a_quote() {
    let site = Site::new();
    let formula = "=HYPERLINK(\"http://example.com\",\"bấm\")";
    let tasks = format!(
        "tasks:\n  - id: \"-2\"\n    text: '{formula}'\n    lead: so-noi-vu\n    due: năm 2024\n    due_note: \"+1 ngày\"\n"
    );
    site.write(NEW, doc("\"@CV-1\"", "2024-03-01", &tasks, "Nội dung.\n"));
    site.good_build();

    let rows = csv_rows(&site);
    let row = rows
        .iter()
        .find(|r| r[0].contains("CV-1#-2"))
        .expect("the row of @CV-1#-2");
    assert_eq!(row[0], "'@CV-1#-2", "ref");
    assert_eq!(row[1], "'@CV-1", "document");
    assert_eq!(row[2], format!("'{formula}"), "text");
    assert_eq!(row[8], "'+1 ngày", "due_note");
    for r in &rows {
        for cell in r {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
}

#[test]
fn control_characters_in_values_are_refused() {
    let site = Site::new();
    // Double-quoted YAML escapes: NUL, vertical tab, escape, bell, NEL (U+0085), and a
    // newline or tab in one-line values (a newline and a tab in a task's prose are allowed).
    let tasks = "tasks:\n  - id: \"1\"\n    text: \"Làm\\v việc.\"\n    lead: so-noi-vu\n    due_note: \"sau\\x1b[31m khóa học\"\n  - id: \"2\"\n    text: \"Dòng một,\\ndòng hai;\\tcột.\"\n    lead: so-noi-vu\n    support: [\"so-tai-\\nchinh\"]\n";
    let extra = format!("place: \"Lai\\tChâu\"\nsigner: \"Nguyễn\\NVăn A\"\n{tasks}");
    let text = doc("MOI-1", "2024-03-01", &extra, "Nội dung.\n")
        .replace("title: Văn bản mới", "title: \"Văn bản\\0 mới\"");
    site.write(NEW, text);
    let line = site.edit(BODIES, "name: Sở Tài chính", "name: \"Sở Tài\\a chính\"");
    let expected = [
        error(NEW, 4, "title").says("control character U+0000"),
        error(NEW, 7, "place").says("control character U+0009"),
        error(NEW, 8, "signer").says("control character U+0085"),
        error(NEW, 11, "tasks[0].text").says("control character U+000B"),
        error(NEW, 13, "tasks[0].due_note").says("control character U+001B"),
        error(NEW, 17, "tasks[1].support[0]").says("control character U+000A"),
        error(BODIES, line, "bodies[2].name")
            .says("control character U+0007")
            .helps("remove it"),
    ];
    refused(&site, &expected);
}

/// A key holds what a value may not: its warning shows the character as an escape, so no
/// message can drive the editor's terminal.
#[test]
fn a_key_with_control_characters_is_named_without_them() {
    let site = Site::new();
    let extra = "\"ti\\x1b[2Jtle\": x\n";
    site.write(NEW, doc("MOI-1", "2024-03-01", extra, "Nội dung.\n"));
    let check = site.check();
    assert!(
        check
            .stderr
            .contains("unknown key `ti\\u{1b}[2Jtle` is ignored"),
        "{}",
        check.stderr
    );
    assert!(!check.stderr.contains('\u{1b}'), "{:?}", check.stderr);
}

#[test]
fn an_indented_first_key_names_its_line_and_the_left_margin() {
    let site = Site::new();
    site.write(
        NEW,
        doc("MOI-1", "2024-03-01", "", "Nội dung.\n").replace("\nid:", "\n  id:"),
    );
    refused(
        &site,
        &[error(NEW, 2, "")
            .says("indented")
            .helps("must start at the left margin")],
    );
}

#[test]
fn a_count_of_days_too_large_is_named_too_large() {
    let site = Site::new();
    site.write(
        NEW,
        doc(
            "MOI-1",
            "2024-03-01",
            &format!("tasks:\n{}", task("1", "4294967295 ngày", "")),
            "Nội dung.\n",
        ),
    );
    let run = refused(
        &site,
        &[error(NEW, 11, "tasks[0].due").says("after 31/12/9999")],
    );
    assert!(!run.stderr.contains("no `date`"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("add the document's `date`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_at_found_in_many_blocks_names_a_few() {
    let site = Site::new();
    let blocks = 200;
    let body: String = (0..blocks)
        .map(|i| format!("Đoạn {i} nói về việc chung.\n\n"))
        .collect();
    let tasks: String = (0..blocks)
        .map(|i| {
            format!(
                "  - id: \"{i}\"\n    text: Việc {i}.\n    lead: so-noi-vu\n    at: việc chung\n"
            )
        })
        .collect();
    site.write(
        NEW,
        doc("MOI-1", "2024-03-01", &format!("tasks:\n{tasks}"), &body),
    );
    let at_line = |i: usize| 11 + 4 * i;
    let expected: Vec<Expect> = (0..blocks)
        .map(|i| {
            error(NEW, at_line(i), &format!("tasks[{i}].at"))
                .says(format!("occurs in {blocks} blocks (lines"))
                .says("and 197 more)")
        })
        .collect();
    let run = refused(&site, &expected);
    for e in run.errors() {
        assert!(e.head.len() < 300, "a long message: {}", e.head);
    }
}

#[test]
fn a_misspelled_key_offers_the_nearest_one() {
    let site = Site::new();
    let tasks =
        "tasks:\n  - id: \"1\"\n    text: Làm việc.\n    lead: so-noi-vu\n    deu: năm 2024\n";
    site.write(
        NEW,
        doc(
            "MOI-1",
            "2024-03-01",
            &format!("refrences: [01-KH/UBND]\n{tasks}"),
            "Nội dung.\n",
        ),
    );
    let line = site.edit(
        BODIES,
        "    level: Tỉnh\n  - id: so-tai-chinh",
        "    lvel: Tỉnh\n  - id: so-tai-chinh",
    );
    let run = site.build();
    run.assert_success();
    for e in [
        warning(NEW, 7, "refrences").helps("did you mean `references`?"),
        warning(NEW, 12, "tasks[0].deu").helps("did you mean `due`?"),
        warning(BODIES, line, "bodies[1].lvel").helps("did you mean `level`?"),
    ] {
        let d = run.expect(&e);
        assert!(!d.help.contains("known keys"), "{}", d.help);
    }
}

#[test]
fn deadline_forms_outside_the_table_are_refused() {
    let site = Site::new();
    let forms = [
        "+5 ngày",
        "tháng +6/2024",
        "tháng 6/+2024",
        "+15/6/2024",
        "ngày 5 ngày",
    ];
    let tasks: String = forms
        .iter()
        .enumerate()
        .map(|(i, f)| task(&i.to_string(), &format!("\"{f}\""), ""))
        .collect();
    site.write(
        NEW,
        doc(
            "MOI-1",
            "2024-03-01",
            &format!("tasks:\n{tasks}"),
            "Nội dung.\n",
        ),
    );
    let expected: Vec<Expect> = (0..forms.len())
        .map(|i| {
            error(NEW, 11 + 4 * i, &format!("tasks[{i}].due"))
                .says("not a deadline form")
                .helps("accepted forms")
        })
        .collect();
    refused(&site, &expected);
}

#[test]
fn numbers_that_are_not_finite_or_are_negative_are_refused() {
    let site = Site::new();
    let extra = "targets:\n  - id: a\n    name: A\n    per_year:\n      - { from: 2024, to: 2025, value: -5 }\n      - { from: 2026, to: 2027, value: .inf }\nresults:\n  - target: 01-KH/UBND#boi-duong\n    year: 2024\n    value: .nan\n  - target: 01-KH/UBND#boi-duong\n    year: 2024\n    value: -.inf\n  - target: 01-KH/UBND#boi-duong\n    year: 99999999999\n    value: 3\n";
    site.write(NEW, doc("MOI-1", "2024-03-01", extra, "Nội dung.\n"));
    let expected = [
        error(NEW, 11, "targets[0].per_year[0].value").says("a number of 0 or more"),
        error(NEW, 12, "targets[0].per_year[1].value").says("a number of 0 or more"),
        error(NEW, 16, "results[0].value").says("a number of 0 or more"),
        error(NEW, 19, "results[1].value").says("a number of 0 or more"),
        error(NEW, 21, "results[2].year").says("a year from 1 to 9999"),
    ];
    refused(&site, &expected);
}

#[test]
fn dates_outside_years_1_to_9999_are_refused() {
    let site = Site::new();
    let tasks = format!(
        "tasks:\n{}{}{}",
        task("1", "4000000 ngày", ""),
        task("2", "1 ngày", ""),
        task("3", "năm 2024", "    done: 0000-01-01\n"),
    );
    site.write(NEW, doc("MOI-1", "9999-12-31", &tasks, "Nội dung.\n"));
    let old = "content/cu.md";
    site.write(
        old,
        doc(
            "CU-1",
            "1/1/0000",
            &format!("tasks:\n{}", task("1", "tháng 1/0000", "")),
            "",
        ),
    );
    let until = site.edit(
        BODIES,
        "    level: Tỉnh\n  - id: so-tai-chinh",
        "    until: 0000-12-31\n  - id: so-tai-chinh",
    );
    let expected = [
        error(NEW, 11, "tasks[0].due").says("after 31/12/9999"),
        error(NEW, 15, "tasks[1].due").says("after 31/12/9999"),
        error(NEW, 20, "tasks[2].done").says("year 1 to 9999"),
        error(old, 6, "date").says("year 1 to 9999"),
        error(old, 11, "tasks[0].due").says("year 1 to 9999"),
        error(BODIES, until, "bodies[1].until").says("year 1 to 9999"),
    ];
    refused(&site, &expected);
}

#[test]
fn ids_set_by_html_in_the_text_do_not_take_the_pages_own() {
    let site = Site::new();
    let tasks =
        "tasks:\n  - id: \"1\"\n    text: Làm việc.\n    lead: so-noi-vu\n    at: đoạn có việc\n";
    let body = "<span id=\"task-1\">Đoạn có việc.</span>\n\n<p id=\"chidao-labels\">Nhãn.</p>\n\n\
                Đoạn <b id=\"at-1\">thứ ba</b>, <a name=\"task-1\" href=\"#task-1\">xem việc</a>, chú thích[^task-1].\n\n\
                [^task-1]: Chú thích.\n";
    site.write(NEW, doc("MOI-1", "2024-03-01", tasks, body));
    site.good_build();
    let page = site.read("output/van-ban/moi-1.html");
    for (id, n) in [("task-1", 1), ("chidao-labels", 0), ("at-1", 1)] {
        assert_eq!(
            page.matches(&format!("id=\"{id}\"")).count(),
            n,
            "id {id}:\n{page}"
        );
    }
    assert!(!page.contains("name=\"task-1\""), "{page}");
    // The text, the link to the task and the mark of its `at` are kept; the footnote links
    // to its note.
    assert!(page.contains("href=\"#task-1\""), "{page}");
    assert!(page.contains("<span>Đoạn có việc.</span>"), "{page}");
    assert!(page.contains("<b>thứ ba</b>"), "{page}");
    let note = page
        .split("class=\"footnote-definition\" id=\"")
        .nth(1)
        .expect("a footnote");
    let note_id = &note[..note.find('"').unwrap()];
    assert!(page.contains(&format!("href=\"#{note_id}\"")), "{page}");
}
