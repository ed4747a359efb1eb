//! Unit tests of `chidao new`: the YAML it writes reads back as written, file names and
//! folders are plain, relative deadlines become the day they meant (`tests/it/new.rs` runs the
//! command itself).

use super::file::{comment, flow_item, scalar};
use super::*;
use crate::load::yaml;

fn read(text: &str) -> yaml::Value {
    let yaml::Value::Mapping(m) = yaml::parse(text).unwrap() else {
        panic!("not a mapping: {text}");
    };
    m.get("k").unwrap().clone()
}

const AWKWARD: &[&str] = &[
    "",
    " ",
    "yes",
    "no",
    "true",
    "False",
    "null",
    "~",
    "123",
    "1",
    "3.10",
    "1e3",
    "0x1F",
    "0o17",
    ".inf",
    "-.inf",
    ".nan",
    "+1",
    "a: b",
    "a:b",
    "a #b",
    "a#b",
    "#x",
    "- x",
    "-x",
    "?x",
    "[x]",
    "{x}",
    "*x",
    "&x",
    "!x",
    "|",
    ">",
    "'x",
    "\"x\"",
    "%x",
    "@x",
    "`x",
    "x:",
    " lead",
    "trail ",
    "a\nb",
    "a\n\nb",
    "tab\tx",
    "back\\slash",
    "bell\u{7}",
    "line\u{2028}sep",
    "nel\u{85}x",
    "bom\u{feff}",
    "a, b",
    "a,b",
    "x]",
    "2025-01-15",
    "39-KL/TW",
    "39-KL/TW#3.1",
    "02-QĐ/BCĐ",
    "../../x",
    "Kế hoạch",
    "Tiếp tục thực hiện Đề án 165 và lưu ý một số nhiệm vụ: mở rộng",
    "Về kết quả \"Đề án 165\"",
];

#[test]
fn every_scalar_reads_back_as_written() {
    for s in AWKWARD {
        let v = read(&format!("k: {}\n", scalar(s)));
        assert_eq!(
            v,
            yaml::Value::String(s.to_string()),
            "{s:?} → {}",
            scalar(s)
        );
        let v = read(&format!("k: [{}]\n", flow_item(s)));
        assert_eq!(
            v,
            yaml::Value::Sequence(vec![yaml::Value::String(s.to_string())]),
            "{s:?} → {}",
            flow_item(s)
        );
    }
}

#[test]
fn plain_text_stays_plain_and_the_rest_is_quoted() {
    for s in [
        "Kế hoạch",
        "39-KL/TW",
        "02-QĐ/BCĐ",
        "so-noi-vu",
        "2025-01-15",
    ] {
        assert_eq!(scalar(s), s);
        assert_eq!(flow_item(s), s);
    }
    assert_eq!(scalar("1"), "\"1\"");
    assert_eq!(scalar("true"), "\"true\"");
    assert_eq!(scalar("39-KL/TW#3.1"), "\"39-KL/TW#3.1\"");
    assert_eq!(scalar("a: b"), "\"a: b\"");
    assert_eq!(scalar("a\nb"), "\"a\\nb\"");
    assert_eq!(scalar(""), "\"\"");
    assert_eq!(scalar("a, b"), "a, b");
    assert_eq!(flow_item("a, b"), "\"a, b\"");
}

#[test]
fn comments_are_one_line() {
    assert_eq!(comment("a\nb\u{2028}c  d"), "a b c d");
}

#[test]
fn derived_names_are_slugs_of_kind_issuer_and_date() {
    let d = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
    assert_eq!(
        derived_stem("Kế hoạch", "Sở Nội vụ", d),
        "ke-hoach-so-noi-vu-2025-01-15"
    );
    assert_eq!(
        derived_stem("Quyết định", "Ban Chỉ đạo/..", d),
        "quyet-dinh-ban-chi-dao-2025-01-15"
    );
}

#[test]
fn a_derived_name_that_is_taken_gets_a_number() {
    let taken = ["a", "a-2"];
    assert_eq!(free_stem("a", |s| taken.contains(&s)), "a-3");
    assert_eq!(free_stem("b", |s| taken.contains(&s)), "b");
}

#[test]
fn a_hostile_id_names_no_path() {
    for id in ["../../x", "/etc/passwd", "..\\..\\x", "..", "a/../../b"] {
        let stem = slug(id);
        assert!(
            stem.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "{id} → {stem}"
        );
        assert!(!stem.is_empty() && stem != "." && stem != "..");
    }
}

#[test]
fn only_plain_folders_below_content_are_used() {
    let ok = |p: &str| content_folder(Path::new(p));
    assert_eq!(ok("content/tinh/a.md"), Some(PathBuf::from("content/tinh")));
    assert_eq!(ok("content/a.md"), Some(PathBuf::from("content")));
    assert_eq!(ok("content/../x/a.md"), None);
    assert_eq!(ok("/tmp/content/a.md"), None);
    assert_eq!(ok("other/a.md"), None);
    assert_eq!(ok("a.md"), None);
}

#[test]
fn relative_deadlines_become_the_day_they_meant() {
    let day = Due::On(NaiveDate::from_ymd_opt(2022, 8, 18).unwrap());
    assert_eq!(
        copied_due(Some("15 ngày"), Some(day)).as_deref(),
        Some("2022-08-18")
    );
    assert_eq!(
        copied_due(Some("thường xuyên"), Some(Due::Ongoing)).as_deref(),
        Some("thường xuyên")
    );
    assert_eq!(copied_due(Some("sai"), None), None);
    assert_eq!(copied_due(Some("15 ngày"), None), None);
    assert_eq!(copied_due(None, None), None);
}

#[test]
fn the_rendered_file_reads_back() {
    let front = Front {
        id: "15-KH/SNV".into(),
        number: None,
        kind: "Kế hoạch".into(),
        title: Some("Về việc: \"thực hiện\" # 39".into()),
        issuer_id: "so-noi-vu".into(),
        issuer_name: "Sở Nội vụ".into(),
        date: NaiveDate::from_ymd_opt(2025, 1, 15).unwrap(),
        implements: vec!["39-KL/TW".into(), "a, b".into()],
        copy_of: None,
        tasks: vec![NewTask {
            note: "Nhiệm vụ 39-KL/TW#3.1\nchủ trì: X".into(),
            text: "Làm: việc #1".into(),
            due: Some("quý IV-2014".into()),
            due_note: Some("sau khi: xong".into()),
            implements: "39-KL/TW#3.1".into(),
        }],
        example_task: Some("39-KL/TW#3.1".into()),
    };
    let text = render(&front);
    read_back(Path::new("content/x.md"), &text, &front).unwrap();
    let empty = Front {
        title: None,
        tasks: Vec::new(),
        ..front
    };
    let text = render(&empty);
    assert!(text.contains("title: \"\" # Trích yếu"), "{text}");
    assert!(text.contains("tasks: []\n"), "{text}");
    read_back(Path::new("content/x.md"), &text, &empty).unwrap();
}

#[test]
fn a_number_is_written_when_given_and_the_new_task_keys_are_shown() {
    let front = |number: Option<&str>, tasks: Vec<NewTask>| Front {
        id: "15-KH/SNV-2027".into(),
        number: number.map(str::to_string),
        kind: "Kế hoạch".into(),
        title: Some("Kế hoạch".into()),
        issuer_id: "so-noi-vu".into(),
        issuer_name: "Sở Nội vụ".into(),
        date: NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
        implements: Vec::new(),
        copy_of: None,
        tasks,
        example_task: None,
    };
    let task = NewTask {
        note: "Nhiệm vụ".into(),
        text: "Làm.".into(),
        due: None,
        due_note: None,
        implements: "39-KL/TW#3.1".into(),
    };
    for (number, written) in [
        (Some("15-KH/SNV"), "number: 15-KH/SNV\n"),
        (Some(""), "number: \"\"\n"),
        (None, "# number: \"\""),
    ] {
        for tasks in [Vec::new(), vec![task.clone()]] {
            let f = front(number, tasks);
            let text = render(&f);
            assert!(text.contains(written), "{text}");
            for key in ["extended:", "withdrawn:", "progress:", "done_by:"] {
                assert!(text.contains(key), "{key} in {text}");
            }
            read_back(Path::new("content/x.md"), &text, &f).unwrap();
        }
    }
}
