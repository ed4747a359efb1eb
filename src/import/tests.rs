//! The whole reading on small files: what a file must be, a bundle split into its documents,
//! links between them, `at` pieces found once, and the written file read back by the build.

use std::collections::HashMap;
use std::path::Path;

use super::*;
use crate::load::registry;

fn registry() -> Registry {
    let yaml = "bodies:
  - id: bo-chinh-tri
    name: Bộ Chính trị
  - id: btv-tinh-uy-lai-chau
    name: Ban Thường vụ Tỉnh ủy Lai Châu
  - id: tinh-uy-lai-chau
    name: Tỉnh ủy Lai Châu
  - id: vptu-lai-chau
    name: Văn phòng Tỉnh ủy Lai Châu
  - id: ban-to-chuc-tinh-uy-lai-chau
    name: Ban Tổ chức Tỉnh ủy Lai Châu
groups: []
";
    let (r, diags) = registry::load(Path::new("bodies.yaml"), yaml);
    assert!(diags.is_empty(), "{diags:?}");
    r
}

fn lines(s: &str) -> Vec<String> {
    s.lines().map(str::to_string).collect()
}

const BUNDLE: &str = "Số 12-CV/TU

Lai Châu, ngày 03 tháng 8 năm 2022

V/v thực hiện Kết luận số 9-KL/TW

Kính gửi: Các huyện ủy,

Thực hiện Kết luận số 9-KL/TW, ngày 18/7/2022 của Bộ Chính trị, Thường trực Tỉnh ủy yêu cầu:

1. Văn phòng Tỉnh ủy sao gửi Kết luận tới các huyện ủy.
2. Ban Tổ chức Tỉnh ủy theo dõi, đôn đốc việc thực hiện, báo cáo trước ngày 30/6/2023.

Nơi nhận:
- Như trên,
- Lưu VPTU.

T/M BAN THƯỜNG VỤ

Lê Văn Lương

BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 9-KL/TW
Hà Nội, ngày 18 tháng 7 năm 2022

KẾT LUẬN
CỦA BỘ CHÍNH TRỊ
về một việc

Bộ Chính trị kết luận như sau (Tờ trình số 5-TTr/BTCTW):

1. Ban Tổ chức Tỉnh ủy thực hiện.

T/M BỘ CHÍNH TRỊ

Võ Văn Thưởng

TỈNH ỦY LAI CHÂU
VĂN PHÒNG
*
Số 71-BS/VPTU
SAO LỤC
Lai Châu, ngày 03 tháng 8 năm 2022
Nơi nhận:
- Lưu VPTU.
K/T CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG

Vũ Thị Lương
";

fn site(r: &Registry) -> Site<'_> {
    Site {
        registry: r,
        documents: HashMap::new(),
        issuer_folders: HashMap::new(),
    }
}

#[test]
fn a_bundle_splits_into_its_documents() {
    let r = registry();
    let docs = import(&lines(BUNDLE), &site(&r));
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["12-CV/TU", "9-KL/TW", "71-BS/VPTU"]);
    let (cv, kl, bs) = (&docs[0], &docs[1], &docs[2]);
    assert_eq!(cv.kind.value, "Công văn");
    assert_eq!(cv.title.value, "Thực hiện Kết luận số 9-KL/TW");
    assert_eq!(
        cv.issuer.value,
        Named::Known(r.resolve("btv-tinh-uy-lai-chau").unwrap())
    );
    assert_eq!(cv.implements, ["9-KL/TW"]);
    assert_eq!(cv.tasks.len(), 2);
    assert_eq!(
        cv.tasks[1].due.as_ref().map(|d| d.due.as_str()),
        Some("30/6/2023")
    );
    assert_eq!(cv.ats[0].as_deref(), Some("Văn phòng Tỉnh ủy sao gửi"));
    assert_eq!(kl.title.value, "Kết luận của Bộ Chính trị về một việc");
    assert_eq!(
        kl.issuer.value,
        Named::Known(r.resolve("bo-chinh-tri").unwrap())
    );
    assert_eq!(
        kl.missing
            .iter()
            .map(|c| c.number.as_str())
            .collect::<Vec<_>>(),
        ["5-TTr/BTCTW"]
    );
    assert!(kl.copied_by_next);
    assert_eq!(bs.kind.value, "Bản sao");
    assert_eq!(bs.copy_of.as_deref(), Some("9-KL/TW"));
    assert_eq!(
        bs.issuer.value,
        Named::Known(r.resolve("vptu-lai-chau").unwrap())
    );
    assert_eq!(
        bs.signer_title.as_deref(),
        Some("K/T Chánh văn phòng / Phó Chánh văn phòng")
    );
    assert!(bs
        .title
        .value
        .starts_with("Sao lục Kết luận số 9-KL/TW của Bộ Chính trị"));
}

#[test]
fn the_written_file_reads_back_as_the_build_reads_it() {
    let r = registry();
    let docs = import(&lines(BUNDLE), &site(&r));
    let names = Names::new(&r, Some("Lai Châu"));
    for d in &docs {
        let text = write::render(d, &names, false);
        let mut diags = Vec::new();
        let doc = crate::load::source::parse_document(Path::new("x.md"), &text, &mut diags)
            .unwrap_or_else(|| panic!("{diags:?}\n{text}"));
        assert!(diags.is_empty(), "{diags:?}\n{text}");
        assert_eq!(doc.id.value, d.id);
        assert_eq!(&*doc.title, d.title.value.as_str());
        assert_eq!(doc.tasks.len(), d.tasks.len());
        assert!(text.contains("# kiểm tra:"), "{text}");
    }
}

#[test]
fn what_a_file_must_be() {
    assert_eq!(read("a.txt", b""), Err(ReadError::Empty));
    assert_eq!(
        read("a.txt", b"\x00\x01\x02binary\x00"),
        Err(ReadError::Binary)
    );
    assert_eq!(read("a.txt", b"Vi\xe9t Nam"), Err(ReadError::NotUtf8));
    assert_eq!(read("a.txt", b"  \n\n "), Err(ReadError::NoText));
    assert_eq!(read("a.docx", b"plain text"), Err(ReadError::NotZip));
    assert_eq!(
        read("a.txt", "\u{feff}Số 1-CV/TU\r\nx".as_bytes()).unwrap(),
        ["Số 1-CV/TU", "x"]
    );
}

#[test]
fn a_number_the_site_holds_is_linked_and_an_unnumbered_document_gets_an_id() {
    let r = registry();
    let mut s = site(&r);
    s.documents.insert(
        crate::text::name_key("9-KL/TW"),
        ("9-KL/TW".into(), "content/tw/9-kl-tw.md".into()),
    );
    let text = "KẾ HOẠCH\n\nTriển khai thực hiện Kết luận số 9-KL/TW\n\nNội dung (Tờ trình số 5-TTr/BTCTW).\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn Hãn";
    let docs = import(&lines(text), &s);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.number.as_deref(), Some(""));
    assert!(d.id.starts_with("ke-hoach-"), "{}", d.id);
    assert_eq!(d.implements, ["9-KL/TW"]);
    assert_eq!(d.folder.as_deref(), Some(Path::new("content/tw")));
    assert_eq!(
        d.signer_title.as_deref(),
        Some("TM. Ủy ban nhân dân / Chủ tịch")
    );
    assert_eq!(d.issuer.value, Named::Unknown("Ủy ban nhân dân".into()));
}
