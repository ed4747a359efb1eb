//! Tests of loading: front matter and its line numbers, key mistakes, BOM, CRLF, NFC and
//! non-UTF-8 files, salvaged ids of broken documents.

use super::*;

fn parse(text: &str) -> (Option<SourceDoc>, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let doc = parse_document(Path::new("content/a.md"), text, &mut d);
    (doc, d)
}

#[test]
fn splits_front_matter_with_line_numbers() {
    let (doc, d) = parse("---\nid: A\nkind: K\ntitle: T\nissuer: x\ntasks:\n  - id: 1\n    text: do\n    lead: y\n    bogus: 1\n---\nBody\n");
    let doc = doc.unwrap();
    assert_eq!(&*doc.body, "Body\n");
    assert_eq!(doc.tasks[0].id.value, "1");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].line, Some(10));
    assert_eq!(d[0].key.as_deref(), Some("tasks[0].bogus"));
}

#[test]
fn missing_keys_are_named() {
    let (_, d) = parse("---\nid: A\nkind: K\n---\n");
    let keys: Vec<_> = d.iter().filter_map(|d| d.key.clone()).collect();
    assert_eq!(keys, vec!["title", "issuer"]);
}

#[test]
fn unknown_keys_get_did_you_mean() {
    let (_, d) = parse("---\nid: A\nkind: K\ntitle: T\nissuer: x\nimplement: [B]\n---\n");
    assert_eq!(
        d[0].help.as_ref().map(|h| h.en()).as_deref(),
        Some("did you mean `implements`?")
    );
    assert_eq!(d[0].line, Some(6));
}

#[test]
fn bom_and_crlf_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, b"\xEF\xBB\xBF---\r\nid: A\r\n---\r\nText\r\n").unwrap();
    let text = read_text(&p, Path::new("a.md")).unwrap();
    assert_eq!(text, "---\nid: A\n---\nText\n");
}

#[test]
fn decomposed_text_is_composed_and_plain_text_kept() {
    let shown = Path::new("a.md");
    let nfd = "---\nid: So\u{031b}\u{0309}\n---\n".as_bytes().to_vec();
    assert_eq!(decode(nfd, shown).unwrap(), "---\nid: Sở\n---\n");
    let plain = "---\r\nid: Sở\r\rx\n".as_bytes().to_vec();
    assert_eq!(decode(plain, shown).unwrap(), "---\nid: Sở\n\nx\n");
    let broken = b"\xEF\xBB\xBF---\nid: A\n\xEA\n".to_vec();
    let (d, back) = *decode(broken.clone(), shown).unwrap_err();
    assert_eq!(d.line, Some(3));
    assert_eq!(back, broken);
}

/// `decode` checks UTF-8 with simdutf8: it must accept and refuse exactly what the standard
/// library does, and point at the same first bad byte (long inputs reach its SIMD path).
#[test]
fn utf8_check_agrees_with_the_standard_library() {
    let long = "Kết luận số 39-KL/TW về bồi dưỡng cán bộ.\n".repeat(40);
    let mut cases: Vec<Vec<u8>> = vec![
        long.clone().into_bytes(),
        b"plain ascii".to_vec(),
        "\u{10FFFF}\u{FEFF}đ".as_bytes().to_vec(),
    ];
    let bad: &[&[u8]] = &[
        b"\xEA",
        b"\xC0\x80",
        b"\xED\xA0\x80",
        b"\xF4\x90\x80\x80",
        b"\xE1\xBB",
        b"\x80",
    ];
    for b in bad {
        for at in [0, 7, long.len() / 2, long.len()] {
            let at = (0..=at).rev().find(|&i| long.is_char_boundary(i)).unwrap();
            let mut v = long.as_bytes()[..at].to_vec();
            v.extend_from_slice(b);
            v.extend_from_slice(long.as_bytes());
            cases.push(v);
        }
    }
    for case in cases {
        let ours = decode(case.clone(), Path::new("a.md"));
        match std::str::from_utf8(&case) {
            Ok(s) => assert_eq!(ours.unwrap(), s),
            Err(e) => {
                let line = case[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                let (d, back) = *ours.unwrap_err();
                assert_eq!(d.line, Some(line));
                let shown = format!("0x{:02X}", case[e.valid_up_to()]);
                assert!(
                    d.message.en().contains(&shown),
                    "{:?} lacks {shown}",
                    d.message
                );
                assert_eq!(back, case);
            }
        }
    }
}

#[test]
fn non_utf8_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.md");
    std::fs::write(&p, b"---\nid: A\ntitle: K\xEAt lu\xE2n\n---\n").unwrap();
    let err = read_text(&p, Path::new("a.md")).unwrap_err();
    assert!(err.message.en().contains("not UTF-8"));
    assert_eq!(err.line, Some(3));
    assert!(err.help.unwrap().en().contains("TCVN3"));
}

#[test]
fn unterminated_and_empty_files() {
    let (_, d) = parse("---\nid: A\n");
    assert!(d[0].message.en().contains("not closed"));
    let (_, d) = parse("  \n");
    assert!(d[0].message.en().contains("empty"));
    let (_, d) = parse("id: A\n");
    assert!(d[0]
        .message
        .en()
        .contains("does not start with front matter"));
}

#[test]
fn ids_of_broken_documents_are_salvaged() {
    assert_eq!(
        salvage_id("---\nid: \"A/1\"\ntitle: [x\n---\n").as_deref(),
        Some("A/1")
    );
    assert_eq!(
        salvage_id("\u{feff}---\r\nkind: x\r\nid: B\r\n").as_deref(),
        Some("B")
    );
    assert_eq!(salvage_id("---\ntitle: x\n---\nid: C\n"), None);
}

#[test]
fn yaml_errors_are_placed_in_the_file() {
    let (_, d) = parse("---\nid: A\ntitle: [x\nkind: K\n---\n");
    assert!(d[0].message.en().starts_with("invalid YAML"));
    assert!(d[0].line.unwrap() >= 3);
}

#[test]
fn an_indented_first_key_is_named_with_its_line_and_the_left_margin() {
    let (_, d) = parse("---\n\n  id: A\nkind: K\ntitle: T\nissuer: x\n---\n");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].line, Some(3));
    assert!(
        d[0].message.en().contains("`id` is indented"),
        "{:?}",
        d[0].message
    );
    let help = d[0].help.as_ref().unwrap().en();
    assert!(
        help.contains("front matter must start at the left margin"),
        "{help}"
    );
    // Indented alike, the keys are a mapping as good as any.
    let (doc, d) = parse("---\n  id: A\n  kind: K\n  title: T\n  issuer: x\n---\n");
    assert!(d.is_empty() && doc.is_some(), "{d:?}");
    // bodies.yaml too.
    let (_, d) = crate::load::registry::load(
        Path::new("content/bodies.yaml"),
        "# bodies\n  bodies:\ngroups:\n",
    );
    assert_eq!(d[0].line, Some(2));
    assert!(
        d[0].help.as_ref().unwrap().en().contains("left margin"),
        "{d:?}"
    );
}

#[test]
fn amounts_are_finite_and_not_negative_and_years_have_four_digits() {
    let results = |value: &str, year: &str| {
        let (_, d) = parse(&format!(
            "---\nid: A\nkind: K\ntitle: T\nissuer: x\nresults:\n  - target: B#c\n    year: {year}\n    value: {value}\n---\n"
        ));
        d.into_iter().map(|d| d.key.unwrap()).collect::<Vec<_>>()
    };
    for bad in [".nan", ".inf", "-.inf", "-1", "-0.5"] {
        assert_eq!(results(bad, "2024"), ["results[0].value"], "{bad}");
    }
    for good in ["0", "12.5", "250"] {
        assert!(results(good, "2024").is_empty(), "{good}");
    }
    for bad in ["0", "-2024", "10000", "99999999999"] {
        assert_eq!(results("1", bad), ["results[0].year"], "{bad}");
    }
}

#[test]
fn a_misspelled_key_is_offered_the_nearest_known_one() {
    for (written, meant) in [
        ("deu", "due"),
        ("Due", "due"),
        ("titel", "title"),
        ("isuer", "issuer"),
        ("singer", "signer"),
        ("done-by", "done_by"),
        ("suport", "support"),
        ("taks", "tasks"),
    ] {
        let known: Vec<&str> = DOCUMENT_KEYS.iter().chain(TASK_KEYS).copied().collect();
        assert_eq!(
            crate::load::fields::nearest_key(written, &known),
            Some(meant),
            "{written}"
        );
    }
    assert_eq!(crate::load::fields::nearest_key("ghi_chu", TASK_KEYS), None);
    assert_eq!(crate::load::fields::nearest_key("note", TASK_KEYS), None);
}

/// `build` walks the content folder, `serve` asks of each changed path: the same files.
#[cfg(unix)]
#[test]
fn the_walk_and_the_check_of_one_path_take_the_same_files() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let (content, outside) = (dir.path().join("content"), dir.path().join("outside"));
    for f in [
        "top.md",
        "sub/a.md",
        "_draft.md",
        ".hidden/x.md",
        "dir.md/inner.md",
        "notes.txt",
    ] {
        let p = content.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "---\n---\n").unwrap();
    }
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("inner.md"), "x").unwrap();
    symlink(outside.join("inner.md"), content.join("link.md")).unwrap();
    symlink(&outside, content.join("linked")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(content.join("sub/pipe.md"))
        .status()
        .unwrap();
    assert!(made.success());

    let walked = markdown_files(&content);
    let rel: Vec<_> = walked
        .iter()
        .map(|p| p.strip_prefix(&content).unwrap())
        .collect();
    let want = [
        "dir.md/inner.md",
        "link.md",
        "sub/a.md",
        "sub/pipe.md",
        "top.md",
    ];
    assert_eq!(rel, want.map(Path::new));
    // Every path there is, through links too.
    let mut checked: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .chain([content.join("gone.md"), dir.path().join("elsewhere.md")])
        .filter(|p| is_document_file(&content, p))
        .collect();
    checked.sort();
    assert_eq!(checked, walked);
    assert!(checked
        .iter()
        .all(|p| !p.starts_with(content.join("linked"))));
    // And loading skips what is no plain file, with a warning, without waiting on the pipe.
    for (f, what) in [("link.md", "symbolic link"), ("sub/pipe.md", "named pipe")] {
        let l = load_document(dir.path(), &content.join(f));
        assert!(l.doc.is_err());
        assert_eq!(l.diags.len(), 1);
        assert!(!l.diags[0].is_error() && l.diags[0].message.en().contains(what));
    }
}

#[test]
fn a_tasks_at_is_the_block_it_names_found_on_loading() {
    let (doc, d) = parse(
        "---\nid: A\nkind: K\ntitle: T\nissuer: x\ntasks:\n  - id: 1\n    text: do\n    lead: y\n    at: hai\n  - id: 2\n    text: do\n    lead: y\n  - id: 3\n    text: do\n    lead: y\n    at: ba bốn\n---\n# Một\n\n- Hai.\n- Ba.\n",
    );
    let doc = doc.unwrap();
    let found: Vec<Option<usize>> = doc.tasks.iter().map(|t| t.at).collect();
    assert_eq!(found, [Some(1), None, None]);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].line, Some(17));
    assert_eq!(d[0].key.as_deref(), Some("tasks[2].at"));
    assert!(d[0].message.en().contains("not found"), "{d:?}");
}
