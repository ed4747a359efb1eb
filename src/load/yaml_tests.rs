//! Tests of `yaml`: the locator's lines and paths, and the YAML helpers.

use super::*;

const DOC: &str = "id: 1002-CV/TU\nkind: Công văn\nimplements: [39-KL/TW]\ntasks:\n  - id: \"1\"\n    text: A\n    lead: x\n  - id: 3.10 # numbered\n    text: B\n    lead: y\n    per_year:\n      - lead: nested\nrecipients:\n- a\n- b\n";

#[test]
fn locates_top_level_keys() {
    let loc = Locator::new(DOC, 1);
    assert_eq!(loc.line(&[Step::Key("kind")]), Some(3));
    assert_eq!(loc.line(&[Step::Key("recipients")]), Some(14));
}

#[test]
fn locates_keys_inside_sequence_items() {
    let loc = Locator::new(DOC, 0);
    let p = |i, k| vec![Step::Key("tasks"), Step::Index(i), Step::Key(k)];
    assert_eq!(loc.line(&p(0, "id")), Some(5));
    assert_eq!(loc.line(&p(0, "lead")), Some(7));
    assert_eq!(loc.line(&p(1, "lead")), Some(10));
    assert_eq!(
        loc.line(&[Step::Key("recipients"), Step::Index(1)]),
        Some(15)
    );
}

#[test]
fn falls_back_to_the_nearest_ancestor() {
    let loc = Locator::new(DOC, 0);
    let p = [Step::Key("tasks"), Step::Index(1), Step::Key("due")];
    assert_eq!(loc.line(&p), Some(8));
    assert_eq!(
        loc.line(&[Step::Key("implements"), Step::Index(0)]),
        Some(3)
    );
}

#[test]
fn raw_value_keeps_numbers_as_written() {
    let loc = Locator::new(DOC, 0);
    let p = [Step::Key("tasks"), Step::Index(1), Step::Key("id")];
    assert_eq!(loc.raw_value(&p).as_deref(), Some("3.10"));
    let p = [Step::Key("tasks"), Step::Index(0), Step::Key("id")];
    assert_eq!(loc.raw_value(&p).as_deref(), Some("1"));
}

#[test]
fn big_ranges_are_found_as_a_scan_finds_them() {
    let mut text = String::from("title: X\nbodies:\n");
    for i in 0..150 {
        text.push_str(&format!("  - id: b{i}\n    name: Body {i}\n"));
        if i % 3 == 0 {
            text.push_str(&format!("    aliases:\n      - a{i}\n      - \"x{i}\"\n"));
        }
        if i % 7 == 0 {
            text.push_str("    # a comment\n    parent: p\n");
        }
    }
    text.push_str("groups:\n  - id: g\n    members: [b1, b2]\nlast: 1\n");
    let loc = Locator::new(&text, 3);
    let scanned = |path: &[Step]| {
        let mut range = 0..loc.lines.len();
        let mut found = None;
        for step in path {
            match loc.scan(range.clone(), step) {
                Some((line, sub)) => {
                    found = Some(loc.lines[line].number + loc.offset);
                    range = sub;
                }
                None => break,
            }
        }
        found
    };
    let mut paths: Vec<Vec<Step>> = vec![
        vec![Step::Key("title")],
        vec![Step::Key("last")],
        vec![Step::Key("nowhere")],
        vec![Step::Key("groups"), Step::Index(0), Step::Key("members")],
        vec![Step::Key("groups"), Step::Index(1)],
    ];
    for i in [0, 1, 3, 7, 21, 148, 149, 150, 200] {
        for key in ["id", "name", "aliases", "parent", "level"] {
            paths.push(vec![Step::Key("bodies"), Step::Index(i), Step::Key(key)]);
        }
        let aliases = vec![Step::Key("bodies"), Step::Index(i), Step::Key("aliases")];
        for j in 0..3 {
            let mut p = aliases.clone();
            p.push(Step::Index(j));
            paths.push(p);
        }
    }
    assert!(loc.lines.len() > 4 * MEMO_FROM);
    for round in 0..2 {
        for p in &paths {
            assert_eq!(loc.line(p), scanned(p), "{p:?}, round {round}");
        }
    }
    let p = [Step::Key("bodies"), Step::Index(21), Step::Key("name")];
    assert_eq!(loc.raw_value(&p).as_deref(), Some("Body 21"));
}

#[test]
fn lines_are_cut_as_str_lines_cuts_them() {
    for text in [
        "",
        "a",
        "a\n",
        "a\nb",
        "a\r\nb\r\n",
        "\n\n",
        "a\r",
        "\r\n\rb\n c",
    ] {
        let cut: Vec<&str> = lines_at(text).map(|(_, line)| line).collect();
        assert_eq!(cut, text.lines().collect::<Vec<_>>(), "{text:?}");
        for (start, line) in lines_at(text) {
            assert_eq!(&text[start..start + line.len()], line, "{text:?}");
        }
    }
}

#[test]
fn a_key_is_found_as_mapping_get_finds_it() {
    let Ok(Value::Mapping(m)) = parse("a: 1\n\"b\": 2\n!t c: 3\n4: 4\n? [d]\n: 5\ne:\n") else {
        panic!("a mapping");
    };
    for key in ["a", "b", "c", "4", "d", "[d]", "e", "f", ""] {
        assert_eq!(get(&m, key), m.get(key), "{key}");
    }
}

#[test]
fn a_path_is_found_after_any_other_as_on_its_own() {
    let k = Step::Key;
    let paths: Vec<Vec<Step>> = vec![
        vec![],
        vec![k("kind")],
        vec![k("tasks"), Step::Index(0), k("lead")],
        vec![k("tasks"), Step::Index(1), k("id")],
        vec![k("tasks"), Step::Index(1), k("due")],
        vec![
            k("tasks"),
            Step::Index(1),
            k("per_year"),
            Step::Index(0),
            k("lead"),
        ],
        vec![k("tasks"), Step::Index(1), k("per_year"), Step::Index(3)],
        vec![k("tasks"), Step::Index(7), k("id")],
        vec![k("tasks"), Step::Index(1)],
        vec![k("implements"), Step::Index(0)],
        vec![k("recipients"), Step::Index(1)],
        vec![k("nowhere"), k("id")],
    ];
    let shared = Locator::new(DOC, 2);
    for before in &paths {
        for path in &paths {
            shared.line(before);
            let fresh = Locator::new(DOC, 2);
            assert_eq!(shared.line(path), fresh.line(path), "{before:?} {path:?}");
            assert_eq!(shared.raw_value(path), fresh.raw_value(path), "{path:?}");
        }
    }
}

#[test]
fn syntax_errors_carry_a_line() {
    let err = parse("a: 1\nb: [unclosed\nc: 2\n").unwrap_err();
    assert!(err.line.is_some());
    assert!(!err.message.contains(" at line "));
}
