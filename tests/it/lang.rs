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
