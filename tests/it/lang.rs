//! The language of what chidao says (issue 27): Vietnamese by default, English with the
//! site's `language: en`, `CHIDAO_LANG=en` or `--lang en`, the flag beating the variable and
//! the variable the site. Each class of mistake is planted and its message read in both.

use std::path::Path;
use std::process::Command;

use crate::common::{Site, TODAY};

/// `chidao ARGS --root SITE --today TODAY`, with `CHIDAO_LANG` set to `env` (or unset).
fn chidao(root: &Path, env: Option<&str>, args: &[&str]) -> (bool, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chidao"));
    cmd.env_remove("CHIDAO_LANG");
    if let Some(v) = env {
        cmd.env("CHIDAO_LANG", v);
    }
    let out = cmd
        .args(args)
        .arg("--root")
        .arg(root)
        .args(["--today", TODAY])
        .output()
        .expect("run chidao");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The minimal site with one more document, `content/x.md`, of `front` matter.
fn site_with(front: &str) -> Site {
    let site = Site::new();
    site.write("content/x.md", format!("---\n{front}---\nNội dung.\n"));
    site
}

const DOC: &str =
    "id: 9-CV/UBND\nkind: Công văn\ntitle: Công văn thử\nissuer: ubnd-tinh\ndate: 2024-03-01\n";

/// The stderr of `check` in Vietnamese (the default) and in English (`--lang en`).
fn both(site: &Site) -> (String, String) {
    let (ok_vi, _, vi) = chidao(&site.root, None, &["check"]);
    let (ok_en, _, en) = chidao(&site.root, None, &["--lang", "en", "check"]);
    assert_eq!(ok_vi, ok_en);
    (vi, en)
}

fn has(text: &str, line: &str) {
    assert!(
        text.lines().any(|l| l == line),
        "no line\n{line}\nin\n{text}"
    );
}

#[test]
fn a_missing_required_key() {
    let site = site_with("id: 9-CV/UBND\nkind: Công văn\nissuer: ubnd-tinh\n");
    let (vi, en) = both(&site);
    has(
        &vi,
        "lỗi: content/x.md, dòng 1, khóa `title`: thiếu khóa bắt buộc `title`",
    );
    has(&vi, "  gợi ý: thêm `title: ...` vào văn bản");
    has(&vi, "1 lỗi, 0 cảnh báo");
    has(
        &en,
        "error: content/x.md:1: key `title`: missing required key `title`",
    );
    has(&en, "  help: add `title: ...` to the document");
    has(&en, "1 error(s), 0 warning(s)");
}

#[test]
fn an_unknown_body_with_a_suggestion() {
    let site = site_with(&DOC.replace("issuer: ubnd-tinh", "issuer: So Noi vu"));
    let (vi, en) = both(&site);
    has(
        &vi,
        "lỗi: content/x.md, dòng 5, khóa `issuer`: không có cơ quan hay nhóm nào tên \"So Noi vu\"",
    );
    has(&vi, "  gợi ý: có phải là `so-noi-vu` (Sở Nội vụ)?");
    has(
        &en,
        "error: content/x.md:5: key `issuer`: unknown body or group \"So Noi vu\"",
    );
    has(&en, "  help: did you mean `so-noi-vu` (Sở Nội vụ)?");
}

#[test]
fn a_bad_deadline_lists_the_accepted_forms() {
    let site = site_with(&format!(
        "{DOC}tasks:\n  - id: \"1\"\n    text: Việc.\n    lead: so-noi-vu\n    due: cuối năm\n"
    ));
    let (vi, en) = both(&site);
    has(
        &vi,
        "lỗi: content/x.md, dòng 11, khóa `tasks[0].due`: \"cuối năm\" không phải là một dạng thời hạn",
    );
    has(&vi, "  gợi ý: các dạng được chấp nhận: 2023-06-30, 30/6/2023, tháng 6/2023, quý IV/2014 (hoặc quý IV-2014, quý 4/2014), năm 2024, 15 ngày, hằng năm (hàng năm), hằng quý, hằng tháng, định kỳ 6 tháng, thường xuyên");
    has(
        &en,
        "error: content/x.md:11: key `tasks[0].due`: \"cuối năm\" is not a deadline form",
    );
    assert!(en.contains("  help: accepted forms: 2023-06-30"), "{en}");
}

#[test]
fn a_cycle_names_its_path() {
    let site = site_with(&format!("{DOC}implements: [9-CV/UBND-B]\n"));
    site.write(
        "content/y.md",
        "---\nid: 9-CV/UBND-B\nkind: Công văn\ntitle: B\nissuer: ubnd-tinh\nimplements: [9-CV/UBND]\n---\n",
    );
    let (vi, en) = both(&site);
    has(&vi, "lỗi: content/x.md, dòng 7, khóa `implements[0]`: các liên kết `implements`/`copy_of` tạo thành một vòng: 9-CV/UBND → 9-CV/UBND-B → 9-CV/UBND");
    has(&vi, "  gợi ý: một văn bản không thể thực hiện hay sao chính nó, dù trực tiếp hay qua văn bản khác; bỏ một liên kết của vòng");
    has(&en, "error: content/x.md:7: key `implements[0]`: `implements`/`copy_of` form a cycle: 9-CV/UBND → 9-CV/UBND-B → 9-CV/UBND");
}

#[test]
fn a_duplicate_id() {
    let site = site_with(&DOC.replace("9-CV/UBND", "01-KH/UBND"));
    let (vi, en) = both(&site);
    let line = |text: &str, start: &str| {
        text.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} in {text}"))
            .to_string()
    };
    let vi_head = line(&vi, "lỗi: content/");
    assert!(
        vi_head.ends_with(", dòng 2, khóa `id`: trùng id văn bản \"01-KH/UBND\""),
        "{vi}"
    );
    assert!(
        vi.contains("đã dùng id này; mỗi văn bản cần một id riêng"),
        "{vi}"
    );
    let en_head = line(&en, "error: content/");
    assert!(
        en_head.ends_with(":2: key `id`: duplicate document id \"01-KH/UBND\""),
        "{en}"
    );
    assert!(
        en.contains("already uses this id; every document needs its own"),
        "{en}"
    );
}

#[test]
fn a_yaml_syntax_error() {
    let site = Site::new();
    site.write(
        "content/x.md",
        "---\nid: 9-CV/UBND\ntitle: [chưa đóng\nkind: K\n---\n",
    );
    let (vi, en) = both(&site);
    assert!(
        vi.lines()
            .any(|l| l.starts_with("lỗi: content/x.md, dòng ")
                && l.contains(": YAML không hợp lệ: ")),
        "{vi}"
    );
    assert!(
        vi.contains("  gợi ý: lỗi nằm ở dòng này hoặc ngay trước đó"),
        "{vi}"
    );
    assert!(
        en.lines()
            .any(|l| l.starts_with("error: content/x.md:") && l.contains(": invalid YAML: ")),
        "{en}"
    );
    assert!(
        en.contains("  help: the mistake is on this line or just before it"),
        "{en}"
    );
}

#[test]
fn the_site_language_env_and_flag_each_win_in_turn() {
    let site = site_with("id: 9-CV/UBND\nkind: Công văn\nissuer: ubnd-tinh\n");
    let vi = "lỗi: content/x.md, dòng 1, khóa `title`: thiếu khóa bắt buộc `title`";
    let en = "error: content/x.md:1: key `title`: missing required key `title`";
    // The site's language (vi in the fixture), then en.
    has(&chidao(&site.root, None, &["check"]).2, vi);
    site.write("content/site.yaml", "title: T\nlanguage: en\n");
    has(&chidao(&site.root, None, &["check"]).2, en);
    // The variable beats the site; the flag beats the variable.
    has(&chidao(&site.root, Some("vi"), &["check"]).2, vi);
    has(
        &chidao(&site.root, Some("vi"), &["check", "--lang", "en"]).2,
        en,
    );
    site.write("content/site.yaml", "title: T\nlanguage: vi\n");
    has(&chidao(&site.root, Some("en"), &["check"]).2, en);
    has(
        &chidao(&site.root, Some("en"), &["--lang", "vi", "check"]).2,
        vi,
    );
}

#[test]
fn the_summaries_of_check_and_build() {
    let site = Site::new();
    let (ok, _, vi) = chidao(&site.root, None, &["check"]);
    assert!(ok, "{vi}");
    assert!(vi.starts_with("không có lỗi: 3 văn bản, "), "{vi}");
    let (ok, _, en) = chidao(&site.root, None, &["--lang", "en", "check"]);
    assert!(ok && en.starts_with("ok: 3 documents, "), "{en}");
    let (ok, _, vi) = chidao(&site.root, None, &["build"]);
    assert!(ok, "{vi}");
    assert!(vi.starts_with("đã dựng 3 văn bản, "), "{vi}");
    assert!(vi.contains("tệp được ghi"), "{vi}");
    assert!(vi.contains("mở trang trong trình duyệt: "), "{vi}");
    assert!(vi.trim_end().ends_with("index.html"), "{vi}");
}

#[test]
fn an_unknown_language_is_refused() {
    let site = Site::new();
    let (ok, _, err) = chidao(&site.root, None, &["--lang", "fr", "check"]);
    assert!(!ok);
    assert!(err.contains("\"fr\" không phải là ngôn ngữ"), "{err}");
}

/// `chidao ARGS` (no site), with `CHIDAO_LANG` set to `env` (or unset): (success, stdout).
fn help(env: Option<&str>, args: &[&str]) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chidao"));
    cmd.env_remove("CHIDAO_LANG");
    if let Some(v) = env {
        cmd.env("CHIDAO_LANG", v);
    }
    let out = cmd.args(args).output().expect("run chidao");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// clap's own words, none of which may show in a Vietnamese help.
const CLAP_WORDS: [&str; 6] = [
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Print help",
    "[default:",
];

#[test]
fn the_help_of_chidao_is_in_vietnamese_and_in_english_when_asked() {
    let (ok, vi) = help(None, &["--help"]);
    assert!(ok, "{vi}");
    for line in [
        "Cách dùng: chidao [TÙY-CHỌN] <LỆNH>",
        "Lệnh:",
        "Tùy chọn:",
        "  build   Dựng trang vào thư mục đầu ra (chỉ khi không có lỗi)",
        "  -V, --version       In số phiên bản",
        "  -h, --help          In hướng dẫn",
    ] {
        has(&vi, line);
    }
    for word in CLAP_WORDS {
        assert!(!vi.contains(word), "{word} in\n{vi}");
    }
    for args in [&["--lang", "en", "--help"][..], &["--help", "--lang=en"]] {
        let (ok, en) = help(None, args);
        assert!(ok, "{en}");
        has(&en, "Usage: chidao [OPTIONS] <COMMAND>");
        has(
            &en,
            "  build   Build the site into the output folder (only when there is no error)",
        );
        has(&en, "  -h, --help          Print help");
    }
    let (_, en) = help(Some("en"), &["--help"]);
    has(&en, "Usage: chidao [OPTIONS] <COMMAND>");
    // The flag beats the variable.
    let (_, vi) = help(Some("en"), &["--lang", "vi", "--help"]);
    has(&vi, "Cách dùng: chidao [TÙY-CHỌN] <LỆNH>");
}

#[test]
fn the_help_of_every_command_is_in_vietnamese_and_in_english_when_asked() {
    // Each command: its usage line and one of its own arguments, in each language.
    let commands = [
        (
            "build",
            "chidao build [TÙY-CHỌN]",
            "--output <THƯ-MỤC>",
            "Dựng trang vào thư mục đầu ra",
            "chidao build [OPTIONS]",
            "--output <DIR>",
            "Build the site into the output folder",
        ),
        (
            "check",
            "chidao check [TÙY-CHỌN]",
            "--root <THƯ-MỤC>",
            "Kiểm tra mọi thứ như khi dựng trang",
            "chidao check [OPTIONS]",
            "--root <SITE>",
            "Validate everything `build` would",
        ),
        (
            "serve",
            "chidao serve [TÙY-CHỌN]",
            "--port <CỔNG>",
            "Cổng trên 127.0.0.1",
            "chidao serve [OPTIONS]",
            "--port <PORT>",
            "Port on 127.0.0.1",
        ),
        (
            "new",
            "chidao new [TÙY-CHỌN] --kind <LOẠI> --issuer <CƠ-QUAN>",
            "--title <TRÍCH-YẾU>",
            "Cơ quan ban hành: id, tên",
            "chidao new [OPTIONS] --kind <KIND> --issuer <BODY>",
            "--title <TEXT>",
            "The issuing body: its id, name",
        ),
        (
            "import",
            "chidao import [TÙY-CHỌN] <TỆP>...",
            "<TỆP>...",
            "Các tệp cần nhập",
            "chidao import [OPTIONS] <FILE>...",
            "<FILE>...",
            "The files to import",
        ),
        (
            "report",
            "chidao report [TÙY-CHỌN] --period <KỲ>",
            "--out <TỆP.docx>",
            "Kỳ báo cáo: một tháng 2024-10",
            "chidao report [OPTIONS] --period <PERIOD>",
            "--out <FILE.docx>",
            "The period: a month 2024-10",
        ),
    ];
    for (name, usage_vi, arg_vi, text_vi, usage_en, arg_en, text_en) in commands {
        for vi in [
            help(None, &[name, "--help"]).1,
            help(None, &["help", name]).1,
            help(None, &[name, "-h"]).1,
        ] {
            has(&vi, &format!("Cách dùng: {usage_vi}"));
            assert!(vi.contains(arg_vi), "{name}: {arg_vi} in\n{vi}");
            assert!(vi.contains(text_vi), "{name}: {text_vi} in\n{vi}");
            assert!(vi.contains("In hướng dẫn"), "{name}:\n{vi}");
            for word in CLAP_WORDS {
                assert!(!vi.contains(word), "{name}: {word} in\n{vi}");
            }
        }
        for en in [
            help(None, &[name, "--help", "--lang", "en"]).1,
            help(None, &["--lang", "en", "help", name]).1,
            help(Some("en"), &[name, "--help"]).1,
        ] {
            has(&en, &format!("Usage: {usage_en}"));
            assert!(en.contains(arg_en), "{name}: {arg_en} in\n{en}");
            assert!(en.contains(text_en), "{name}: {text_en} in\n{en}");
            assert!(en.contains("Print help"), "{name}:\n{en}");
        }
    }
}

#[test]
fn the_version_and_a_bare_command() {
    let (ok, v) = help(None, &["-V"]);
    assert!(ok && v.starts_with("chidao "), "{v}");
    // No command: the help, in Vietnamese, on standard error, and a failure.
    let out = Command::new(env!("CARGO_BIN_EXE_chidao"))
        .env_remove("CHIDAO_LANG")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Cách dùng: chidao [TÙY-CHỌN] <LỆNH>"), "{err}");
}
