//! A document page as printed (issue 24): its head (superior body, issuer, "*" or rule,
//! number, a công văn's "V/v …", the motto of its family, the place and date line), its title
//! once, and its foot (recipients, the signer's lines), for a Party document (39-KL/TW, the
//! công văn 1002-CV/TU), a State one (the provincial People's Committee's plan in
//! `content/tinh/`) and documents whose fields are missing or hostile.

use crate::common::Site;

/// The element of `page` whose class attribute starts with `class`, up to its end (`divs`:
/// how many `</div>` close it).
fn part<'a>(page: &'a str, class: &str, divs: usize) -> &'a str {
    let start = page
        .find(&format!("class=\"{class}"))
        .unwrap_or_else(|| panic!("no {class} in the page"));
    let rest = &page[start..];
    let mut end = 0;
    for _ in 0..divs {
        end += rest[end..].find("</div>").expect("closed") + "</div>".len();
    }
    &rest[..end]
}

fn head(page: &str) -> &str {
    part(page, "print-only print-head", 3)
}

#[test]
fn shipped_documents_print_in_their_familys_layout() {
    let site = Site::shipped();
    site.good_build();
    let page = |p: &str| site.read(&format!("output/van-ban/{p}"));

    // Party: the superior body, the issuer, "*", "Số" without a colon; the Party's motto.
    let kl = page("39-kl-tw.html");
    let h = head(&kl);
    assert!(h.contains("letterhead party\""), "{h}");
    for line in [
        "<p class=\"print-superior\">Ban Chấp hành Trung ương Đảng</p>",
        "<p class=\"print-issuer-name\">Bộ Chính trị</p>",
        "<p class=\"print-star\">*</p>",
        "<p class=\"print-number\">Số 39-KL/TW</p>",
        "<p class=\"motto-party\">ĐẢNG CỘNG SẢN VIỆT NAM</p>",
        "<em>Hà Nội, ngày 18 tháng 7 năm 2022</em>",
    ] {
        assert!(h.contains(line), "{line} in {h}");
    }
    assert!(
        !h.contains("motto-state") && !h.contains("print-subject"),
        "{h}"
    );
    // Its text opens with its kind and title: they are not printed again above it.
    assert!(!kl.contains("print-title"));

    // A công văn: "V/v …" under its number, no heading of its kind; a day below 10 as "03".
    let cv = page("1002-cv-tu.html");
    let h = head(&cv);
    for line in [
        "<p class=\"print-superior\">Tỉnh ủy Lai Châu</p>",
        "<p class=\"print-issuer-name\">Ban Thường vụ Tỉnh ủy Lai Châu</p>",
        "<p class=\"print-number\">Số 1002-CV/TU</p>",
        "<p class=\"print-subject\">V/v Quản triệ Thực hiện triển khai thực hiện Kết luận số 39-KL/TW của Bộ Chính trị</p>",
        "<em>Lai Châu, ngày 03 tháng 8 năm 2022</em>",
    ] {
        assert!(h.contains(line), "{line} in {h}");
    }
    assert!(!cv.contains("print-title"));

    // A copy prints in its copying body's layout.
    let h = head(&page("71-bs-vptu.html")).to_string();
    assert!(h.contains("letterhead party\""), "{h}");
    assert!(h.contains("<p class=\"print-issuer-name\">Văn phòng Tỉnh ủy Lai Châu</p>"));
    assert!(
        h.contains("<p class=\"print-number\">Số 71-BS/VPTU</p>"),
        "{h}"
    );

    // State: the national motto; no number and no date line where the document has none, no
    // superior body where the registry gives none; the title printed once (the text's).
    let plan = page("ke-hoach-ubnd-tinh-trien-khai-107-kh-tu.html");
    let h = head(&plan);
    assert!(h.contains("letterhead state\""), "{h}");
    assert!(h.contains("<p class=\"print-issuer-name\">Ủy ban nhân dân tỉnh</p>"));
    assert!(h.contains("<p class=\"motto-state\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p class=\"motto-words\">Độc lập - Tự do - Hạnh phúc</p>"), "{h}");
    for absent in [
        "print-superior",
        "print-number",
        "print-date",
        "print-star",
        "motto-party",
    ] {
        assert!(!h.contains(absent), "{absent} in {h}");
    }
    assert!(!plan.contains("print-title"));

    // A document without text prints its kind and title under the head.
    let kh = page("107-kh-tu.html");
    let title = part(&kh, "print-only print-title", 1);
    assert!(
        title.contains("<p class=\"print-kind\">Kế hoạch</p><p>Về thực hiện Kết luận số 39-KL/TW"),
        "{title}"
    );
    // A text that ends with its recipients and signer has them marked for print side by
    // side, the signer's lines as the text writes them.
    let sign = &plan[plan
        .find("<div class=\"doc-foot-sign\">")
        .expect("the plan's foot")..];
    assert!(sign.contains("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"), "{sign}");
    assert!(kl.contains("<div class=\"doc-foot\"><div class=\"doc-foot-to\">"));
}

#[test]
fn missing_and_hostile_fields_print_escaped_or_not_at_all() {
    let site = Site::new();
    site.edit(
        "content/bodies.yaml",
        "groups:",
        "  - id: ban-x\n    name: Ban <em>X</em> & \"Y\"\ngroups:",
    );
    site.write(
        "content/x/hostile.md",
        "---\nid: 9/KH-UBND-X\nnumber: 9/KH-<b>UBND</b>\nkind: Công văn\ntitle: V/v <script>alert(1)</script> & \"x\"\nissuer: so-noi-vu\nsigner: <i>Lê</i> Văn A\nsigner_title: TL. <b>Giám đốc</b> / Trưởng phòng /\nrecipients: [cac-so]\n---\n",
    );
    site.write(
        "content/x/unknown.md",
        "---\nid: khong-so-x\nnumber: \"\"\nkind: Thông báo\ntitle: Thông báo <img src=x>\nissuer: ban-x\n---\n",
    );
    site.good_build();
    let page = |p: &str| site.read(&format!("output/van-ban/{p}"));

    let cv = page("9-kh-ubnd-x.html");
    let h = head(&cv);
    assert!(h.contains("letterhead state\""), "a State number: {h}");
    assert!(
        h.contains("<p class=\"print-superior\">Ủy ban nhân dân tỉnh</p>"),
        "{h}"
    );
    assert!(
        h.contains("<p class=\"print-number\">Số: 9/KH-&lt;b&gt;UBND&lt;/b&gt;</p>"),
        "{h}"
    );
    assert!(
        h.contains("<p class=\"print-subject\">V/v &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p>"),
        "one V/v, escaped: {h}"
    );
    assert!(
        !h.contains("print-date"),
        "no date, no place: no date line: {h}"
    );
    let foot = part(&cv, "print-only print-foot", 3);
    assert!(
        foot.contains("<p class=\"print-signer-title\">TL. &lt;b&gt;Giám đốc&lt;/b&gt;</p><p class=\"print-signer-title\">Trưởng phòng</p><p class=\"print-signer-name\">&lt;i&gt;Lê&lt;/i&gt; Văn A</p>"),
        "{foot}"
    );
    assert!(foot.contains("<li>Các sở, ban, ngành tỉnh,</li>"), "{foot}");
    assert!(!cv.contains("print-title"), "a công văn has no heading");

    // Neither its number nor its issuer says a family: no motto, no number line, no superior.
    let tb = page("khong-so-x.html");
    let h = head(&tb);
    assert!(
        h.contains("class=\"print-only print-head letterhead\""),
        "{h}"
    );
    assert!(
        h.contains(
            "<p class=\"print-issuer-name\">Ban &lt;em&gt;X&lt;/em&gt; &amp; &quot;Y&quot;</p>"
        ),
        "{h}"
    );
    for absent in [
        "motto-",
        "print-number",
        "print-superior",
        "print-star",
        "print-date",
    ] {
        assert!(!h.contains(absent), "{absent} in {h}");
    }
    let title = part(&tb, "print-only print-title", 1);
    assert!(title.contains("Thông báo &lt;img src=x&gt;"), "{title}");
    assert!(
        !tb.contains("print-foot")
            || !part(&tb, "print-only print-foot", 3).contains("print-signer-title")
    );
}
