//! One test per class of editor mistake. Each starts from a good build of the minimal site,
//! plants one kind of mistake, and asserts that `build` fails naming the file, the line and
//! the key with the right message (and a suggestion where the contract promises one), that
//! output/ is unchanged byte for byte and mtime for mtime, and that `check` reports the same
//! and writes nothing.

use crate::common::{error, warning, Expect, Run, Site};

const KH: &str = "content/01-kh-ubnd.md";
const BS: &str = "content/02-bs-vp.md";
const CV: &str = "content/so-noi-vu/15-cv-snv.md";
const BODIES: &str = "content/bodies.yaml";
const NEW: &str = "content/moi.md";

/// A new document: `extra` front-matter lines start on line 7.
fn doc(id: &str, extra: &str, body: &str) -> String {
    format!(
        "---\nid: {id}\nkind: Công văn\ntitle: Văn bản mới\nissuer: so-noi-vu\ndate: 2024-03-01\n{extra}---\n{body}"
    )
}

/// Builds the good site, lets `plant` make one kind of mistake (it returns the errors it
/// expects), and asserts that `build` reports exactly those errors without touching output/,
/// and that `check` reports the same and writes nothing at all.
fn rejected(plant: impl FnOnce(&Site) -> Vec<Expect>) -> Run {
    let site = Site::new();
    site.good_build();
    let before = site.snapshot_output();
    std::thread::sleep(std::time::Duration::from_millis(10));
    let expected = plant(&site);

    let build = site.build();
    build.assert_failure();
    for e in &expected {
        build.expect(e);
    }
    assert_eq!(
        build.errors().len(),
        expected.iter().filter(|e| !e.warning).count(),
        "exactly the planted errors, no more:\n{}",
        build.stderr
    );
    before.assert_unchanged(&site.snapshot_output(), "output/ after a failed build");

    let all = site.snapshot_all();
    let check = site.check();
    check.assert_failure();
    assert_eq!(
        check.diagnostics(),
        build.diagnostics(),
        "`check` must report what `build` reports"
    );
    all.assert_unchanged(&site.snapshot_all(), "the site after `check`");
    build
}

/// `rejected` for a list of cases, each on a fresh site.
fn each_rejected<C>(cases: &[C], plant: impl Fn(&Site, &C) -> Vec<Expect>) {
    for case in cases {
        rejected(|site| plant(site, case));
    }
}

#[test]
fn bad_yaml_syntax() {
    // (front matter from line 7, the line the mistake is on)
    let cases = [
        ("place: Hà Nội: phòng 2\n", 7),
        ("\tplace: Hà Nội\n", 7),
        (
            "tasks:\n  - id: \"1\"\n    text: Làm.\n   lead: so-noi-vu\n",
            10,
        ),
    ];
    each_rejected(&cases, |site, (extra, line)| {
        site.write(NEW, doc("MOI-1", extra, "Nội dung.\n"));
        vec![error(NEW, *line, "")
            .says("invalid YAML")
            .helps("indentation")]
    });
}

#[test]
fn missing_required_document_key() {
    each_rejected(&["id", "kind", "title", "issuer"], |site, key| {
        let text = doc("MOI-1", "", "Nội dung.\n");
        let without: String = text
            .lines()
            .filter(|l| !l.starts_with(&format!("{key}:")))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_ne!(text, without);
        site.write(NEW, without);
        vec![error(NEW, 1, key)
            .says(format!("missing required key `{key}`"))
            .helps(format!("add `{key}: ...`"))]
    });
}

#[test]
fn group_as_issuer() {
    rejected(|site| {
        // `issuer` is on line 5 of `doc`; the contract says the issuer is a body.
        site.write(
            NEW,
            doc("MOI-1", "", "Nội dung.\n").replace("issuer: so-noi-vu", "issuer: cac-so"),
        );
        vec![error(NEW, 5, "issuer")
            .says("\"cac-so\" is a group; the issuer must be one body")
            .helps("name the body that issued the document")]
    });
}

#[test]
fn task_missing_lead() {
    rejected(|site| {
        let tasks = "tasks:\n  - id: \"1\"\n    text: Làm việc A.\n    lead: so-noi-vu\n  - id: \"2\"\n    text: Làm việc B.\n    due: năm 2024\n";
        site.write(NEW, doc("MOI-1", tasks, "Nội dung.\n"));
        // The second task starts on line 11.
        vec![error(NEW, 11, "tasks[1].lead")
            .says("missing required key `lead`")
            .helps("add `lead: ...`")]
    });
}

#[test]
fn unknown_key_is_only_a_warning() {
    let site = Site::new();
    site.good_build();
    let line = site.edit(CV, "implements: [01-KH/UBND]", "implement: [01-KH/UBND]");
    assert_eq!(line, 7);
    let expected = warning(CV, 7, "implement")
        .says("unknown key `implement`")
        .helps("did you mean `implements`?");
    for run in [site.build(), site.check()] {
        run.assert_success();
        run.expect(&expected);
        assert!(run.errors().is_empty(), "{}", run.stderr);
    }
}

#[test]
fn duplicate_document_id() {
    rejected(|site| {
        site.write("content/zz-trung.md", doc("01-KH/UBND", "", "Bản trùng.\n"));
        vec![error("content/zz-trung.md", 2, "id")
            .says("duplicate document id \"01-KH/UBND\"")
            .helps(format!("{KH}:2"))]
    });
}

#[test]
fn unknown_document_id() {
    let cases = [
        ("implements: [01-KH/UBNDD]", "implements[0]"),
        ("copy_of: 01-KH/UBNDD", "copy_of"),
        ("follows: [01-KH/UBNDD]", "follows[0]"),
        ("references: [01-KH/UBNDD]", "references[0]"),
    ];
    each_rejected(&cases, |site, (line, key)| {
        site.write(NEW, doc("MOI-1", &format!("{line}\n"), "Nội dung.\n"));
        vec![error(NEW, 7, key)
            .says("unknown document id \"01-KH/UBNDD\"")
            .helps("did you mean \"01-KH/UBND\"?")]
    });
}

#[test]
fn cycle_in_implements() {
    rejected(|site| {
        site.write("content/cy-a.md", doc("CY-A", "implements: [CY-B]\n", ""));
        site.write("content/cy-b.md", doc("CY-B", "implements: [CY-A]\n", ""));
        vec![error("content/cy-a.md", 7, "implements[0]")
            .says("cycle")
            .says("CY-A → CY-B → CY-A")]
    });
}

#[test]
fn cycle_in_copy_of() {
    rejected(|site| {
        site.write("content/cp-a.md", doc("CP-A", "copy_of: CP-B\n", ""));
        site.write("content/cp-b.md", doc("CP-B", "copy_of: CP-A\n", ""));
        vec![error("content/cp-a.md", 7, "copy_of")
            .says("cycle")
            .says("CP-A → CP-B → CP-A")]
    });
}

#[test]
fn unknown_body_with_suggestion() {
    // (file, as written, the mistake, key, the unknown name, the name to suggest)
    let cases = [
        (
            CV,
            "issuer: SNV",
            "issuer: so-noi-vuu",
            "issuer",
            "so-noi-vuu",
            "so-noi-vu",
        ),
        (
            CV,
            "lead: cac-so",
            "lead: Sở Nội Vũ",
            "tasks[1].lead",
            "Sở Nội Vũ",
            "so-noi-vu",
        ),
        (
            CV,
            "support: [so-tai-chinh, VP UBND tỉnh]",
            "support: [so-tai-chinh, so-tai-chinhh]",
            "tasks[0].support[1]",
            "so-tai-chinhh",
            "so-tai-chinh",
        ),
        (
            BS,
            "recipients: [cac-so]",
            "recipients: [cac-soo]",
            "recipients[0]",
            "cac-soo",
            "cac-so",
        ),
    ];
    each_rejected(&cases, |site, (file, old, new, key, name, near)| {
        let line = site.edit(file, old, new);
        vec![error(file, line, key)
            .says(format!("unknown body or group \"{name}\""))
            .helps(format!("did you mean `{near}`"))]
    });
}

#[test]
fn bad_date() {
    // (file, as written, the mistake, key, value, what the message says)
    let cases = [
        (
            KH,
            "date: 2024-01-10",
            "2023-02-30",
            "date",
            "not a real date",
        ),
        (KH, "date: 2024-01-10", "tomorrow", "date", "not a date"),
        (
            CV,
            "done: 20/12/2024",
            "31/6/2024",
            "tasks[4].done",
            "not a real date",
        ),
    ];
    each_rejected(&cases, |site, (file, old, value, key, says)| {
        let name = old.split(':').next().unwrap();
        let line = site.edit(file, old, &format!("{name}: {value}"));
        vec![error(file, line, key)
            .says(format!("\"{value}\""))
            .says(*says)
            .helps("18/7/2022")]
    });
}

#[test]
fn duplicate_task_id() {
    rejected(|site| {
        let tasks = "tasks:\n  - id: \"1\"\n    text: Làm A.\n    lead: so-noi-vu\n  - id: \"1\"\n    text: Làm B.\n    lead: so-noi-vu\n";
        site.write(NEW, doc("MOI-1", tasks, "Nội dung.\n"));
        // The tasks start on lines 8 and 11.
        vec![error(NEW, 11, "tasks[1].id")
            .says("duplicate task id \"1\"")
            .helps("line 8")]
    });
}

#[test]
fn bad_deadline_lists_the_accepted_forms() {
    rejected(|site| {
        let line = site.edit(CV, "due: tháng 3/2025", "due: soon");
        let mut e = error(CV, line, "tasks[2].due")
            .says("\"soon\"")
            .says("deadline");
        for form in [
            "2023-06-30",
            "30/6/2023",
            "tháng 6/2023",
            "quý IV/2014",
            "năm 2024",
        ] {
            e = e.helps(form);
        }
        for form in [
            "15 ngày",
            "hằng năm",
            "hằng quý",
            "định kỳ 6 tháng",
            "thường xuyên",
        ] {
            e = e.helps(form);
        }
        vec![e]
    });
}

#[test]
fn days_deadline_in_a_document_without_date() {
    rejected(|site| {
        site.edit(CV, "date: 2024-02-01\n", "");
        let line = site.line_of(CV, "due: 15 ngày");
        vec![error(CV, line, "tasks[1].due")
            .says("15 ngày")
            .says("no `date`")
            .helps("`date`")]
    });
}

#[test]
fn at_text_found_nowhere() {
    rejected(|site| {
        let line = site.edit(CV, "at: tổng hợp kết quả", "at: tổng kết kết quả");
        vec![error(CV, line, "tasks[2].at")
            .says("\"tổng kết kết quả\"")
            .says("not found")]
    });
}

/// Makes the `at` of the công văn's task 2 name two blocks of its text: the `at`'s line, and
/// the lines of the two blocks.
fn at_in_two_blocks(site: &Site) -> (usize, usize, usize) {
    let line = site.edit(CV, "at: gửi nhu cầu bồi dưỡng", "at: bồi dưỡng");
    let first = site.line_of(
        CV,
        "1. Sở Nội vụ lập danh sách cán bộ cử đi bồi dưỡng trong quý IV/2024.",
    );
    let second = site.line_of(
        CV,
        "2. Các sở gửi nhu cầu bồi dưỡng về Sở Nội vụ trong 15 ngày.",
    );
    (line, first, second)
}

#[test]
fn at_text_in_several_blocks() {
    rejected(|site| {
        let (line, first, second) = at_in_two_blocks(site);
        vec![error(CV, line, "tasks[1].at")
            .says("\"bồi dưỡng\"")
            .says("2 blocks")
            .says(format!("lines {first}, {second}"))]
    });
}

/// Both kinds of `at` problem (found on loading), in files of their own and in a file with a
/// problem of the graph (a cycle, found only once every document is loaded), come in one
/// pass with it.
#[test]
fn at_problems_and_a_graph_error_in_one_pass() {
    rejected(|site| {
        let (many, first, second) = at_in_two_blocks(site);
        let task =
            "tasks:\n  - id: \"1\"\n    text: Báo cáo.\n    lead: so-noi-vu\n    at: báo cáo năm\n";
        let cycle = format!("implements: [CY-B]\n{task}");
        site.write("content/cy-a.md", doc("CY-A", &cycle, "Báo cáo quý.\n"));
        site.write("content/cy-b.md", doc("CY-B", "implements: [CY-A]\n", ""));
        vec![
            error(CV, many, "tasks[1].at")
                .says("2 blocks")
                .says(format!("lines {first}, {second}")),
            error("content/cy-a.md", 7, "implements[0]").says("cycle"),
            error("content/cy-a.md", 12, "tasks[0].at").says("not found"),
        ]
    });
}

#[test]
fn at_in_a_document_without_text() {
    rejected(|site| {
        site.write(
            NEW,
            doc(
                "MOI-1",
                "tasks:\n  - id: \"1\"\n    text: Báo cáo.\n    lead: so-noi-vu\n    at: báo cáo\n",
                "\n",
            ),
        );
        vec![error(NEW, 11, "tasks[0].at")
            .says("\"báo cáo\"")
            .says("not found")]
    });
}

#[test]
fn unknown_parent_task() {
    rejected(|site| {
        let line = site.edit(CV, "implements: 01-KH/UBND#1", "implements: 01-KH/UBND#9");
        vec![error(CV, line, "tasks[0].implements")
            .says("unknown parent task \"01-KH/UBND#9\"")
            .helps("01-KH/UBND#1, 01-KH/UBND#2")]
    });
}

#[test]
fn unknown_done_by() {
    rejected(|site| {
        let line = site.edit(KH, "done_by: 15-CV/SNV", "done_by: 15-CV/SNVV");
        vec![error(KH, line, "tasks[1].done_by")
            .says("unknown document id \"15-CV/SNVV\"")
            .helps("did you mean \"15-CV/SNV\"?")]
    });
}

#[test]
fn file_not_utf8() {
    rejected(|site| {
        // "Kết luận" saved in Windows-1258: ê is 0xEA, â is 0xE2. The first bad byte is on line 4.
        let bytes =
            b"---\nid: MOI-1\nkind: Cong van\ntitle: K\xEAt lu\xE2n\nissuer: so-noi-vu\n---\n";
        site.write(NEW, bytes);
        vec![error(NEW, 4, "")
            .says("not UTF-8")
            .helps("Windows-1258")
            .helps("TCVN3")
            .helps("UTF-8")]
    });
}

#[test]
fn empty_file() {
    each_rejected(&["", "\n  \n"], |site, text| {
        site.write(NEW, text);
        vec![error(NEW, 1, "").says("empty").helps("---")]
    });
}

#[test]
fn unterminated_front_matter() {
    rejected(|site| {
        site.write(
            NEW,
            "---\nid: MOI-1\nkind: Công văn\ntitle: T\nissuer: so-noi-vu\n\nNội dung.\n",
        );
        vec![error(NEW, 1, "").says("not closed").helps("`---`")]
    });
}

#[test]
fn bodies_yaml_duplicate_body_id() {
    rejected(|site| {
        let first = site.line_of(BODIES, "- id: so-noi-vu");
        let line = site.edit(
            BODIES,
            "groups:\n",
            "  - id: so-noi-vu\n    name: Sở Nội vụ mới\ngroups:\n",
        );
        vec![error(BODIES, line, "bodies[4].id")
            .says("duplicate id \"so-noi-vu\"")
            .helps(format!("line {first}"))]
    });
}

#[test]
fn bodies_yaml_unknown_parent() {
    rejected(|site| {
        let line = site.edit(
            BODIES,
            "aliases: [STC]\n    parent: ubnd-tinh",
            "aliases: [STC]\n    parent: ubnd-tinhh",
        ) + 1;
        vec![error(BODIES, line, "bodies[2].parent")
            .says("unknown body or group \"ubnd-tinhh\"")
            .helps("did you mean `ubnd-tinh`")]
    });
}

#[test]
fn unknown_result_target() {
    rejected(|site| {
        let line = site.edit(
            CV,
            "target: 01-KH/UBND#boi-duong",
            "target: 01-KH/UBND#boi-duongg",
        );
        vec![error(CV, line, "results[0].target")
            .says("unknown target \"01-KH/UBND#boi-duongg\"")
            .helps("01-KH/UBND#boi-duong")]
    });
}

#[test]
fn mistakes_in_several_files_are_all_reported_at_once() {
    let build = rejected(|site| {
        let lead = site.edit(CV, "lead: cac-so", "lead: cac-soo");
        let date = site.edit(KH, "date: 2024-01-10", "date: 2024-13-01");
        let parent = site.edit(BODIES, "parent: UBND tỉnh", "parent: UBND tỉnhh");
        site.write(NEW, b"---\nid: MOI-1\ntitle: K\xEAt lu\xE2n\n---\n");
        site.write("content/sub/yaml.md", "---\nid: MOI-2\ntitle: a: b\n---\n");
        // The `at` of tasks are looked for on loading, whatever stops the build after it.
        let at = site.edit(CV, "at: tổng hợp kết quả", "at: tổng kết kết quả");
        vec![
            error(CV, lead, "tasks[1].lead").says("\"cac-soo\""),
            error(CV, at, "tasks[2].at").says("not found"),
            error(KH, date, "date").says("2024-13-01"),
            error(BODIES, parent, "bodies[3].parent").says("\"UBND tỉnhh\""),
            error(NEW, 3, "").says("not UTF-8"),
            error("content/sub/yaml.md", 3, "").says("invalid YAML"),
        ]
    });
    assert!(build.stderr.contains("6 error(s)"), "{}", build.stderr);
}

#[test]
fn files_starting_with_underscore_are_skipped() {
    let site = Site::new();
    site.good_build();
    let before = site.snapshot_output();
    site.write(
        "content/_draft.md",
        b"garbage \xEA\xFF: [ {{ not front matter",
    );
    site.write("content/_nhap/x.md", "---\nid: [\n");
    let run = site.build();
    run.assert_success();
    assert!(run.diagnostics().is_empty(), "{}", run.stderr);
    let after = site.snapshot_output();
    assert_eq!(before.paths(), after.paths(), "no page for a skipped file");
    for (path, entry) in &before.0 {
        assert_eq!(entry.bytes, after.0[path].bytes, "{path} changed");
    }
}

#[test]
fn bom_and_crlf_document_builds() {
    let site = Site::new();
    let text = doc(
        "MOI-1",
        "tasks:\n  - id: \"1\"\n    text: Gửi báo cáo.\n    lead: STC\n    due: 15 ngày\n    at: gửi báo cáo quý\n",
        "Nội dung:\n\n- Sở Tài chính gửi báo cáo quý.\n",
    );
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    site.write(NEW, bytes);
    site.good_build();
    let data = site.data_json();
    let d = find(&data["documents"], "id", "MOI-1");
    assert_eq!(d["title"], "Văn bản mới", "no stray \\r or BOM");
    assert_eq!(d["issuer"], "so-noi-vu");
    assert_eq!(d["date"], "2024-03-01");
    let t = find(&data["tasks"], "ref", "MOI-1#1");
    assert_eq!(t["lead"], "so-tai-chinh");
    assert_eq!(t["due"], "2024-03-16");
}

#[test]
fn nfd_names_resolve() {
    let site = Site::new();
    let nfd_issuer = "So\u{31b}\u{309} No\u{302}\u{323}i vu\u{323}"; // Sở Nội vụ, marks in any order
    let nfd_lead = "So\u{31b}\u{309} Ta\u{300}i chi\u{301}nh"; // Sở Tài chính
    let text = format!(
        "---\nid: MOI-1\nkind: Công văn\ntitle: Ke\u{302}\u{301} hoa\u{323}ch\nissuer: {nfd_issuer}\nrecipients: [{nfd_lead}]\ntasks:\n  - id: \"1\"\n    text: Làm.\n    lead: {nfd_lead}\n    support: [{nfd_issuer}]\n---\n"
    );
    site.write(NEW, text);
    site.good_build();
    let data = site.data_json();
    let d = find(&data["documents"], "id", "MOI-1");
    assert_eq!(d["issuer"], "so-noi-vu");
    assert_eq!(d["recipients"], serde_json::json!(["so-tai-chinh"]));
    let t = find(&data["tasks"], "ref", "MOI-1#1");
    assert_eq!(t["lead"], "so-tai-chinh");
    assert_eq!(t["support"], serde_json::json!(["so-noi-vu"]));
}

#[test]
fn check_of_a_good_site_writes_nothing() {
    let site = Site::new();
    let before = site.snapshot_all();
    let run = site.check();
    run.assert_success();
    assert!(run.diagnostics().is_empty(), "{}", run.stderr);
    before.assert_unchanged(&site.snapshot_all(), "the site after `check`");
    assert!(!site.output().exists());
}

/// The entry of a JSON array whose `field` is `value`.
fn find<'a>(list: &'a serde_json::Value, field: &str, value: &str) -> &'a serde_json::Value {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .find(|x| x[field] == value)
        .unwrap_or_else(|| panic!("no entry with {field} = {value:?} in {list}"))
}

// Issue 22: extensions, withdrawals, progress notes and `number`.

/// A new document with one task due 30/6/2024 and `extra` lines under it (from line 12).
fn task_doc(extra: &str) -> String {
    doc(
        "MOI-1",
        &format!("tasks:\n  - id: \"1\"\n    text: Làm.\n    lead: so-noi-vu\n    due: 2024-06-30\n{extra}"),
        "Nội dung.\n",
    )
}

#[test]
fn unknown_documents_in_extensions_withdrawals_and_progress() {
    rejected(|site| {
        site.write(
            NEW,
            task_doc("    extended:\n      - {due: 31/12/2024, by: 15-CV/SNVV}\n    withdrawn: 01-KH/UBDN\n    progress:\n      - {date: 2024-05-01, text: Đang làm., document: 02-BS/VPP}\n"),
        );
        vec![
            error(NEW, 13, "tasks[0].extended[0].by")
                .says("unknown document id \"15-CV/SNVV\"")
                .helps("did you mean \"15-CV/SNV\"?"),
            error(NEW, 14, "tasks[0].withdrawn")
                .says("unknown document id \"01-KH/UBDN\"")
                .helps("did you mean \"01-KH/UBND\"?"),
            error(NEW, 16, "tasks[0].progress[0].document")
                .says("unknown document id \"02-BS/VPP\"")
                .helps("did you mean \"02-BS/VP\"?"),
        ]
    });
}

#[test]
fn a_bad_deadline_in_an_extension() {
    let cases = [
        ("sắp tới", "not a deadline form", "accepted forms"),
        ("31/2/2025", "not a real date", "accepted forms"),
        ("tháng 13/2025", "there is no month 13", "accepted forms"),
    ];
    each_rejected(&cases, |site, (due, says, helps)| {
        site.write(
            NEW,
            task_doc(&format!(
                "    extended:\n      - due: 31/12/2024\n        by: 15-CV/SNV\n      - due: {due}\n        by: 01-KH/UBND\n"
            )),
        );
        vec![error(NEW, 15, "tasks[0].extended[1].due")
            .says(*says)
            .helps(*helps)]
    });
}

#[test]
fn days_in_an_extension_count_from_the_granting_documents_date() {
    rejected(|site| {
        site.write(
            "content/moi-2.md",
            "---\nid: MOI-2\nkind: Công văn\ntitle: Không ngày\nissuer: so-noi-vu\n---\n",
        );
        site.write(
            NEW,
            task_doc("    extended:\n      - {due: 15 ngày, by: MOI-2}\n"),
        );
        vec![error(NEW, 13, "tasks[0].extended[0].due")
            .says("\"MOI-2\" has no `date`")
            .helps("add that document's `date`")]
    });
}

#[test]
fn an_extension_needs_a_due_and_a_by() {
    let cases = [
        ("      - by: 15-CV/SNV\n", "due"),
        ("      - due: 31/12/2024\n", "by"),
    ];
    each_rejected(&cases, |site, (entry, key)| {
        site.write(NEW, task_doc(&format!("    extended:\n{entry}")));
        vec![error(NEW, 13, &format!("tasks[0].extended[0].{key}"))
            .says(format!("missing required key `{key}`"))
            .helps(format!("add `{key}: ...`"))]
    });
}

#[test]
fn a_progress_note_needs_a_date_and_a_text() {
    let cases = [
        (
            "      - text: Đã xong dự thảo.\n",
            "date",
            "missing required key `date`",
        ),
        (
            "      - date: 2024-05-01\n",
            "text",
            "missing required key `text`",
        ),
        (
            "      - date:\n        text: Đã xong.\n",
            "date",
            "missing required key `date`",
        ),
        (
            "      - {date: 2024-02-30, text: Đã xong.}\n",
            "date",
            "not a real date",
        ),
    ];
    each_rejected(&cases, |site, (entry, key, says)| {
        site.write(NEW, task_doc(&format!("    progress:\n{entry}")));
        vec![error(NEW, 13, &format!("tasks[0].progress[0].{key}")).says(*says)]
    });
}

#[test]
fn new_keys_of_the_wrong_type() {
    // (lines under the task, line of the mistake, key, message, help)
    let cases = [
        (
            "    extended: 31/12/2024\n",
            12,
            "tasks[0].extended",
            "`extended` must be a list of entries",
            "write each extension as an entry `- {due: 31/12/2024, by: 12-CV/UBND}`",
        ),
        (
            "    extended:\n      - 31/12/2024\n",
            13,
            "tasks[0].extended[0]",
            "this entry must be a set of `key: value` lines",
            "write each extension as an entry",
        ),
        (
            "    progress: Đã xong.\n",
            12,
            "tasks[0].progress",
            "`progress` must be a list of entries",
            "write each progress note as an entry `- {date: 15/3/2024, text:",
        ),
        (
            "    progress:\n      - Đã xong.\n",
            13,
            "tasks[0].progress[0]",
            "this entry must be a set of `key: value` lines",
            "write each progress note",
        ),
        (
            "    withdrawn: [01-KH/UBND]\n",
            12,
            "tasks[0].withdrawn",
            "`withdrawn` must be a single value",
            "write one value on the line: `withdrawn: ...`",
        ),
        (
            "    extended:\n      - {due: [31/12/2024], by: 01-KH/UBND}\n",
            13,
            "tasks[0].extended[0].due",
            "`due` must be a single value",
            "write one value on the line",
        ),
    ];
    each_rejected(&cases, |site, (extra, line, key, says, helps)| {
        site.write(NEW, task_doc(extra));
        vec![error(NEW, *line, key).says(*says).helps(*helps)]
    });
}

#[test]
fn a_number_is_one_value() {
    rejected(|site| {
        site.write(NEW, doc("MOI-1", "number: [12-CV/SNV]\n", "Nội dung.\n"));
        vec![error(NEW, 7, "number")
            .says("`number` must be a single value")
            .helps("write one value on the line: `number: ...`")]
    });
}

#[test]
fn the_new_keys_misspelled_are_offered_the_right_ones() {
    let site = Site::new();
    site.good_build();
    site.write(
        NEW,
        task_doc("    extnded:\n      - {due: 31/12/2024, by: 15-CV/SNV}\n    progres:\n      - {date: 2024-05-01, txt: Đang làm.}\n"),
    );
    let run = site.build();
    for e in [
        warning(NEW, 12, "tasks[0].extnded").helps("did you mean `extended`?"),
        warning(NEW, 14, "tasks[0].progres").helps("did you mean `progress`?"),
    ] {
        run.expect(&e);
    }
}
