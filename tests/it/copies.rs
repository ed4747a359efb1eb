//! Copies checked against their originals (`copies.rs`), through the real binary: the
//! shipped copy 71-BS/VPTU's slips shown in place on its page, the original's page naming the
//! copies that differ, `check`'s note, escaping, and a copy equal to its original.

use crate::common::Site;

const COPY: &str = "content/02-bs-vp.md";
const COPY_PAGE: &str = "output/van-ban/02-bs-vp.html";
const ORIGINAL_PAGE: &str = "output/van-ban/01-kh-ubnd.html";

/// The minimal site's original's text, as its file has it.
fn original_text(site: &Site) -> String {
    let file = site.read("content/01-kh-ubnd.md");
    file.splitn(3, "---\n").nth(2).unwrap().to_string()
}

/// The minimal site's copy 02-BS/VP with `text`, and its stamp after it.
fn write_copy(site: &Site, text: &str) {
    let head = site.read(COPY);
    site.write(
        COPY,
        format!("{head}{text}\nVĂN PHÒNG UBND TỈNH\n\nSố 02-BS/VP\n\nSAO LỤC\n\nNơi nhận:\n\n- Các sở.\n"),
    );
}

/// The section of a page that lists a copy's differences, if it has one.
fn compared(page: &str) -> Option<&str> {
    let at = page.find("<section aria-labelledby=\"h-compared\"")?;
    let end = at + page[at..].find("</section>").unwrap();
    Some(&page[at..end])
}

#[test]
fn the_shipped_copy_shows_its_slips_in_place() {
    let site = Site::shipped();
    site.build().assert_success();
    let page = site.read("output/van-ban/71-bs-vptu.html");
    let c = compared(&page).expect("71-BS/VPTU differs from 39-KL/TW");
    assert!(
        c.contains("39-KL/TW</a>: 5 chỗ khác, 1 chỗ khác cách bỏ dấu</h2>"),
        "{c}"
    );
    let change = |was: &str, now: &str| {
        format!(
            "<del><span class=\"sr-only\">bản gốc: </span>{was}</del><ins><span class=\"sr-only\">bản sao: </span>{now}</ins>"
        )
    };
    // In place: the copy's words around it.
    assert!(
        c.contains(&format!(
            "(Tờ trình số {}, ngày 27/5/2022)",
            change("177-TTr/BTCTW", "177-TTt/BTCTW")
        )),
        "{c}"
    );
    assert!(
        c.contains(&format!("Võ Văn {}", change("Thưởng", "Thương"))),
        "{c}"
    );
    assert!(c.contains(&change(":", ";")), "{c}");
    assert!(c.contains(&change("Rà", "rà")), "{c}");
    // khóa/khoá: a spelling, marked as such.
    let spelling = c
        .lines()
        .find(|l| l.contains(&change("khóa", "khoá")))
        .expect("khóa/khoá listed");
    assert!(
        spelling.starts_with("<li class=\"spelling\">")
            && spelling.contains("chỉ khác cách bỏ dấu"),
        "{spelling}"
    );
    // The copy's own stamp is not a difference.
    assert!(
        !c.contains("<ins><span class=\"sr-only\">bản sao: </span>SAO LỤC"),
        "{c}"
    );
    // 24-BS/HU, a stamp over 71-BS/VPTU, carries no text to compare.
    assert!(compared(&site.read("output/van-ban/24-bs-hu.html")).is_none());
}

#[test]
fn the_original_names_its_copies_that_differ() {
    let site = Site::shipped();
    site.build().assert_success();
    let page = site.read("output/van-ban/39-kl-tw.html");
    assert!(
        page.contains("<p class=\"copies-differ\">1 bản sao có chỗ khác bản gốc: <a href=\"../van-ban/71-bs-vptu.html#h-compared\""),
        "{page}"
    );
    assert!(compared(&page).is_none());
    // 71-BS/VPTU's copy 24-BS/HU carries no text: 71-BS/VPTU names none.
    assert!(!site
        .read("output/van-ban/71-bs-vptu.html")
        .contains("copies-differ"));
}

#[test]
fn check_notes_a_differing_copy_and_succeeds() {
    let site = Site::shipped();
    let rel = "content/lai-chau/71-bs-vptu.md";
    let line = site
        .read(rel)
        .lines()
        .position(|l| l.contains("177-TTt/BTCTW"))
        .unwrap()
        + 1;
    for run in [site.check(), site.build()] {
        run.assert_success();
        assert!(
            run.errors().is_empty() && run.warnings().is_empty(),
            "{}",
            run.stderr
        );
        let notes = run.notes();
        assert_eq!(notes.len(), 1, "{}", run.stderr);
        let n = &notes[0];
        assert_eq!(
            n.head,
            format!("note: {rel}:{line}: this copy differs from its original 39-KL/TW in 5 place(s), besides 1 word(s) with the tone mark placed the other way")
        );
        assert!(
            n.help
                .contains("the original has \"177-TTr/BTCTW\", the copy \"177-TTt/BTCTW\""),
            "{}",
            n.help
        );
        assert!(
            run.stderr.contains("0 error(s), 0 warning(s), 1 note(s)"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_hostile_copy_text_is_escaped() {
    let site = Site::new();
    let text = original_text(&site).replace(
        "theo dự toán",
        "theo \\<script>alert(1)\\</script> \"x\" `<img src=x onerror=alert(2)>`",
    );
    write_copy(&site, &text);
    site.build().assert_success();
    let page = site.read(COPY_PAGE);
    let c = compared(&page).expect("the copy differs");
    assert!(!page.contains("<script>alert"), "{c}");
    assert!(!page.contains("<img src=x"), "{c}");
    assert!(c.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{c}");
    assert!(c.contains("&lt;img src=x onerror=alert(2)&gt;"), "{c}");
    assert!(
        c.contains("<del><span class=\"sr-only\">bản gốc: </span>dự toán</del>"),
        "{c}"
    );
    let run = site.check();
    run.assert_success();
    assert_eq!(run.notes().len(), 1, "{}", run.stderr);
}

#[test]
fn a_copy_equal_to_its_original_shows_no_difference_and_no_note() {
    let site = Site::new();
    // Its heading as printed, the text with other markup, and its stamp.
    let text = original_text(&site)
        .replace("# Kế hoạch", "**Kế hoạch**\n\n")
        .replace("Văn phòng", "*Văn phòng*");
    write_copy(
        &site,
        &format!("ỦY BAN NHÂN DÂN TỈNH\n\nSố: 01-KH/UBND\n\n{text}"),
    );
    let run = site.check();
    run.assert_success();
    assert!(run.diagnostics().is_empty(), "{}", run.stderr);
    site.good_build();
    assert!(compared(&site.read(COPY_PAGE)).is_none());
    assert!(!site.read(ORIGINAL_PAGE).contains("copies-differ"));
}

#[test]
fn a_copy_differing_only_in_tone_marks_lists_them_and_notes_nothing() {
    let site = Site::new();
    let text = original_text(&site).replace("Ủy ban", "Uỷ ban");
    assert_ne!(text, original_text(&site));
    write_copy(&site, &text);
    let run = site.check();
    run.assert_success();
    assert!(run.diagnostics().is_empty(), "{}", run.stderr);
    site.build().assert_success();
    let page = site.read(COPY_PAGE);
    let c = compared(&page).expect("listed");
    assert!(
        c.contains(": 0 chỗ khác, 1 chỗ khác cách bỏ dấu</h2>"),
        "{c}"
    );
    assert!(!site.read(ORIGINAL_PAGE).contains("copies-differ"));
}

#[test]
fn copies_of_one_original_are_each_compared_with_it() {
    let site = Site::new();
    let text = original_text(&site);
    write_copy(&site, &text.replace("theo dự toán", "theo dự tóan"));
    // Two more copies of the same original: one with a slip of its own, one equal to it.
    let head = site.read(COPY);
    let head = &head[..head.find("\n---\n").unwrap() + 5];
    for (n, text) in [
        ("03", text.replace("Văn phòng", "Văn phong")),
        ("04", text.clone()),
    ] {
        site.write(
            &format!("content/{n}-bs-vp.md"),
            format!("{}{text}", head.replace("02-BS/VP", &format!("{n}-BS/VP"))),
        );
    }
    let run = site.check();
    run.assert_success();
    let notes = run.notes();
    let heads: Vec<&str> = notes.iter().map(|n| n.head.as_str()).collect();
    assert_eq!(heads.len(), 2, "{}", run.stderr);
    assert!(
        heads[0].starts_with("note: content/02-bs-vp.md:"),
        "{heads:?}"
    );
    assert!(
        heads[1].starts_with("note: content/03-bs-vp.md:"),
        "{heads:?}"
    );
    let said = |i: usize, was: &str, now: &str| {
        let help = &notes[i].help;
        let change = format!("the original has \"{was}\", the copy \"{now}\"");
        assert!(help.contains(&change), "{help}");
    };
    said(0, "toán", "tóan");
    said(1, "phòng", "phong");
    site.build().assert_success();
    let page = site.read(ORIGINAL_PAGE);
    assert!(
        page.contains("<p class=\"copies-differ\">2 bản sao"),
        "{page}"
    );
    assert!(compared(&site.read("output/van-ban/04-bs-vp.html")).is_none());
}
