//! Tasks read from texts in the forms of administrative language.

use super::*;
use crate::import::body;
use crate::load::registry::{self, Registry};

fn registry() -> Registry {
    let yaml = "bodies:
  - id: ban-to-chuc-trung-uong
    name: Ban Tổ chức Trung ương
  - id: ban-chi-dao
    name: Ban Chỉ đạo Đề án 165
  - id: bcs-bo-noi-vu
    name: Ban cán sự đảng Bộ Nội vụ
  - id: chinh-phu
    name: Chính phủ
  - id: so-noi-vu
    name: Sở Nội vụ
  - id: so-tai-chinh
    name: Sở Tài chính
  - id: ban-to-chuc-tinh-uy
    name: Ban Tổ chức Tỉnh ủy
  - id: vptw
    name: Văn phòng Trung ương Đảng
  - id: bo-tai-chinh
    name: Bộ Tài chính
groups:
  - id: cac-co-quan
    name: Các cơ quan, đơn vị, địa phương
    members: []
";
    let (r, diags) = registry::load(std::path::Path::new("bodies.yaml"), yaml);
    assert!(diags.is_empty(), "{diags:?}");
    r
}

/// A task as the tests compare it: id, lead, support, due, due_note.
type Row = (String, String, Vec<String>, Option<String>, Option<String>);

/// The tasks of `text`.
fn read(text: &str) -> Vec<Row> {
    let r = registry();
    let names = Names::new(&r, None);
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let (blocks, _) = body::markdown(&lines);
    tasks(&blocks, &names)
        .into_iter()
        .map(|t| {
            let lead = match t.lead {
                Named::Known(p) => r.id(p).to_string(),
                Named::Unknown(s) => format!("?{s}"),
            };
            let support = t.support.iter().map(|p| r.id(*p).to_string()).collect();
            (t.id, lead, support, t.due.map(|d| d.due), t.due_note)
        })
        .collect()
}

fn t(id: &str, lead: &str, support: &[&str], due: Option<&str>) -> Row {
    (
        id.into(),
        lead.into(),
        support.iter().map(|s| s.to_string()).collect(),
        due.map(str::to_string),
        None,
    )
}

#[test]
fn giao_chu_tri_phoi_hop_and_a_quarter() {
    let got = read("4- Giao Ban Tổ chức Trung ương chủ trì, phối hợp với Ban cán sự đảng Bộ Nội vụ và các cơ quan, đơn vị có liên quan xây dựng Đề án tổng thể, báo cáo Bộ Chính trị vào quý IV-2014.");
    assert_eq!(
        got,
        [t(
            "4",
            "ban-to-chuc-trung-uong",
            &["bcs-bo-noi-vu"],
            Some("quý IV-2014")
        )]
    );
}

#[test]
fn a_body_then_its_work_and_support() {
    let got = read("3.2. Ban Tổ chức Trung ương tham mưu kiện toàn Ban Chỉ đạo Đề án.\n\n3.3. Văn phòng Trung ương Đảng phối hợp với Bộ Tài chính bảo đảm kinh phí theo kế hoạch hằng năm.\n\n3.4. Chính phủ đã bảo đảm kinh phí.");
    assert_eq!(
        got,
        [
            t("3.2", "ban-to-chuc-trung-uong", &[], None),
            t("3.3", "vptw", &["bo-tai-chinh"], Some("hằng năm")),
        ]
    );
}

#[test]
fn points_after_a_sentence_that_gives_them() {
    let got = read("2- Bộ Chính trị yêu cầu Ban Tổ chức Trung ương và Ban Chỉ đạo Đề án 165 tiếp tục thực hiện và lưu ý một số nhiệm vụ sau :\n\n- Mở rộng loại hình bồi dưỡng.\n\n- Tiếp tục tổ chức bồi dưỡng ngắn hạn.\n\nTuy nhiên còn hạn chế.\n\n- Một ý không giao cho ai.");
    assert_eq!(
        got,
        [
            t("2.1", "ban-to-chuc-trung-uong", &["ban-chi-dao"], None),
            t("2.2", "ban-to-chuc-trung-uong", &["ban-chi-dao"], None),
        ]
    );
}

#[test]
fn points_under_a_heading_that_names_a_body() {
    let got = read("VIII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\n- Theo dõi, đôn đốc việc thực hiện; định kỳ tổng kết kết quả, báo cáo.\n\n- Hoàn thành trước ngày 30/6/2024.\n\n2. Đề nghị Ban Tổ chức Tỉnh ủy\n\nPhối hợp với Sở Nội vụ tổ chức triển khai thực hiện.\n\n3. Sở Giáo dục và Đào tạo\n\nChủ trì, phối hợp với Sở Tài chính bố trí kinh phí.\n\n4. Tổ chức thực hiện\n\nCác cơ quan, đơn vị, địa phương quán triệt Kế hoạch này.");
    let mut first = t("VIII.1.1", "so-noi-vu", &[], None);
    first.4 = Some("định kỳ tổng kết kết quả".into());
    assert_eq!(
        got,
        [
            first,
            t("VIII.1.2", "so-noi-vu", &[], Some("30/6/2024")),
            t("VIII.2.1", "ban-to-chuc-tinh-uy", &["so-noi-vu"], None),
            t(
                "VIII.3.1",
                "?Sở Giáo dục và Đào tạo",
                &["so-tai-chinh"],
                None
            ),
            t("VIII.4.1", "cac-co-quan", &[], None),
        ]
    );
}

#[test]
fn reports_recipients_and_plain_sentences_are_not_tasks() {
    let got = read("Kính gửi:\n\n- Sở Nội vụ,\n\n1. Sau 15 năm triển khai thực hiện Đề án đã đạt kết quả.\n\n2. Ban Tổ chức Trung ương đã tích cực phối hợp.\n\n- Nâng cao nhận thức, trách nhiệm của cấp uỷ.\n\nNơi nhận:\n\n- Sở Tài chính quán triệt.");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn doi_voi_x_phai() {
    let got = read("3. Đối với các cơ quan, đơn vị, địa phương, phải đặc biệt quan tâm xây dựng đội ngũ cán bộ; sau khi kết thúc khóa học báo cáo kết quả.");
    let mut want = t("3", "cac-co-quan", &[], None);
    want.4 = Some("sau khi kết thúc khóa học".into());
    assert_eq!(got, [want]);
}

#[test]
fn a_body_named_inside_the_point() {
    let got = read("2- Bộ Chính trị yêu cầu Ban Tổ chức Trung ương và Ban Chỉ đạo Đề án 165 lưu ý các nhiệm vụ sau:\n\n- Mở rộng loại hình bồi dưỡng.\n\n- Việc đào tạo được chuyển giao; đối với những đối tượng đã được cử đi học, Ban Chỉ đạo Đề án 165 tiếp tục cấp kinh phí.\n\n3. Quy trình tuyển chọn\n\nCăn cứ vào thông báo của cơ quan có thẩm quyền, Sở Nội vụ chỉ đạo thực hiện việc tuyển chọn.");
    assert_eq!(
        got,
        [
            t("2.1", "ban-to-chuc-trung-uong", &["ban-chi-dao"], None),
            t("2.2", "ban-chi-dao", &[], None),
            t("3.1", "so-noi-vu", &[], None),
        ]
    );
}
