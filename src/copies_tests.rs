//! Tests of `copies.rs`: words, the alignment and its bounds, spelling variants, notes.

use super::words::spelling_key;
use super::*;
use unicode_normalization::UnicodeNormalization;

fn texts(ws: &Text) -> Vec<&str> {
    ws.words().collect()
}

/// The copy's text compared with the original's.
fn compare(original: &str, copy: &str) -> Option<Comparison> {
    Original::read(original).compare(copy)
}

const LONG: &str = "Xem xét đề nghị của Ban Tổ chức Trung ương (Tờ trình số 177-TTr/BTCTW, \
    ngày 27/5/2022) về kết quả 15 năm thực hiện Đề án, Bộ Chính trị kết luận như sau: \
    tiếp tục tổ chức bồi dưỡng cán bộ lãnh đạo, quản lý ở nước ngoài bằng ngân sách nhà \
    nước trong giai đoạn mới.";

fn changes(c: &Comparison) -> Vec<(&str, &str)> {
    c.differences
        .iter()
        .filter(|d| d.kind == Kind::Change)
        .map(|d| (d.was.as_str(), d.now.as_str()))
        .collect()
}

fn spelling(c: &Comparison) -> Vec<(&str, &str)> {
    c.differences
        .iter()
        .filter(|d| d.kind == Kind::Spelling)
        .map(|d| (d.was.as_str(), d.now.as_str()))
        .collect()
}

#[test]
fn words_are_text_not_markup_with_punctuation_between_letters_kept() {
    let ws = words("## ***2.1. Quan điểm***\n\n- Số 39-KL/TW, ngày 27/5/2022): **b**ộ");
    assert!(!ws.capped);
    // A point's number is a word, whether the point is a heading or a list's item.
    let heading = words("### 3. Tổ chức\n\n3.1. Các");
    let item = words("3. Tổ chức\n4. Các");
    assert_eq!(texts(&heading), ["3", ".", "Tổ", "chức", "3.1", ".", "Các"]);
    assert_eq!(texts(&item), ["3", ".", "Tổ", "chức", "4", ".", "Các"]);
    assert_eq!(
        texts(&ws),
        [
            "2.1",
            ".",
            "Quan",
            "điểm",
            "Số",
            "39-KL/TW",
            ",",
            "ngày",
            "27/5/2022",
            ")",
            ":",
            "bộ"
        ]
    );
    assert_eq!(ws.join(5..11), "39-KL/TW, ngày 27/5/2022):");
}

#[test]
fn identical_texts_have_no_difference() {
    let c = compare(LONG, LONG).expect("compared");
    assert_eq!(c, Comparison::default());
    assert!(!c.differs());
    // Markup and line breaks are no difference.
    let marked = LONG.replace("Bộ Chính trị", "**Bộ Chính\ntrị**");
    assert_eq!(compare(LONG, &marked), Some(Comparison::default()));
}

#[test]
fn a_changed_word_is_shown_in_place() {
    let copy = LONG.replace("177-TTr", "177-TTt");
    let c = compare(LONG, &copy).expect("compared");
    assert_eq!(changes(&c), [("177-TTr/BTCTW", "177-TTt/BTCTW")]);
    assert_eq!(c.changes, 1);
    assert!(c.differs());
    let d = &c.differences[0];
    assert_eq!(d.before, "ương (Tờ trình số ");
    assert_eq!(d.after, ", ngày 27/5/2022) về");
    assert_eq!(d.original, d.copy);
}

#[test]
fn inserted_and_deleted_words_are_changes() {
    let copy = LONG
        .replace("kết quả 15 năm", "kết quả 15 năm năm")
        .replace("giai đoạn mới", "giai đoạn");
    let c = compare(LONG, &copy).expect("compared");
    assert_eq!(changes(&c), [("", "năm"), ("mới", "")]);
    assert_eq!(c.differences[0].original.len(), 0);
    assert_eq!(c.differences[1].copy.len(), 0);
}

#[test]
fn tone_mark_placement_is_spelling_not_change() {
    let original = "Ban Chấp hành Trung ương Đảng khóa XII, hòa bình, Thủy lợi, QUẢN LÝ, thuở ấy";
    let copy = "Ban Chấp hành Trung ương Đảng khoá XII, hoà bình, Thuỷ lợi, QUẢN LÝ, thuở ấy";
    let c = compare(original, copy).expect("compared");
    assert_eq!(
        spelling(&c),
        [("khóa", "khoá"), ("hòa", "hoà"), ("Thủy", "Thuỷ")]
    );
    assert_eq!((c.changes, c.spelling), (0, 3));
    assert!(!c.differs());
    // Capitals too; and not a syllable that goes on (hoàn), nor qu + y.
    assert_eq!(spelling_key("HOÀ"), "HÒA");
    assert_eq!(spelling_key("uỷ"), "ủy");
    assert_eq!(spelling_key("hoàn"), "hoàn");
    assert_eq!(spelling_key("quý"), "quý");
    assert_eq!(spelling_key("loè"), "lòe");
}

#[test]
fn a_real_change_next_to_a_spelling_variant() {
    let original = format!("{LONG} Nghị quyết khóa XII của Đảng.");
    let copy = format!("{LONG} Nghị quyết khoá XIII của Đảng.");
    let c = compare(&original, &copy).expect("compared");
    assert_eq!(changes(&c), [("XII", "XIII")]);
    assert_eq!(spelling(&c), [("khóa", "khoá")]);
    assert_eq!((c.changes, c.spelling), (1, 1));
}

#[test]
fn nfd_input_reads_as_nfc() {
    let nfd: String = LONG.nfd().collect();
    assert_ne!(nfd, LONG);
    assert_eq!(compare(LONG, &nfd), Some(Comparison::default()));
    let c = compare(&nfd, &LONG.replace("Tổ", "To")).expect("compared");
    assert_eq!(changes(&c), [("Tổ", "To")]);
}

#[test]
fn the_copys_own_heading_and_stamp_are_not_compared_but_a_name_before_it_is() {
    let original = format!("{LONG}\n\nT/M BỘ CHÍNH TRỊ\n\nVõ Văn Thưởng");
    let copy = format!(
        "ĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 39-KL/TW\n\n{LONG}\n\nT/M BỘ CHÍNH TRỊ\n\nVõ Văn Thương\n\n\
         TỈNH ỦY LAI CHÂU\n\nSố 71-BS/VPTU\n\nSAO LỤC\n\nNơi nhận:\n\n- Lưu VPTU.\n\nVũ Thị Lương"
    );
    let c = compare(&original, &copy).expect("compared");
    assert_eq!(changes(&c), [("Thưởng", "Thương")]);
    assert_eq!(c.differences[0].line, 8);
}

#[test]
fn a_copy_that_is_only_a_stamp_is_not_compared() {
    let stamp =
        "HUYỆN ỦY TAM ĐƯỜNG\n\nSố 24-BS/HU\n\nSAO LỤC\n\nNơi nhận:\n\n- Lưu.\n\nVũ Ngọc Sơn";
    assert_eq!(compare(LONG, stamp), None);
    assert_eq!(compare(LONG, ""), None);
    assert_eq!(compare("", LONG), None);
}

#[test]
fn the_work_is_bounded() {
    // More than MAX_WORDS words: only the first are compared.
    let many = "một hai ba ".repeat(MAX_WORDS / 3 + 10);
    let ws = words(&many);
    assert!(ws.capped);
    assert_eq!(ws.len(), MAX_WORDS);
    // No word once in each (so no anchor), and a stretch longer than MAX_GAP: one
    // change, not a diff of every word against every word.
    let a = "a b ".repeat(MAX_GAP);
    let b = format!("{}{}", "b a ".repeat(MAX_GAP), "a b ".repeat(MAX_GAP));
    let (ka, kb): (Vec<u32>, Vec<u32>) = (
        a.split_whitespace().map(|w| (w == "a") as u32).collect(),
        b.split_whitespace().map(|w| (w == "a") as u32).collect(),
    );
    let (ops, rough) = align(&ka, &kb);
    assert_eq!(rough, 1);
    assert_eq!(ops, [(DiffTag::Replace, 0..ka.len(), 0..kb.len())]);
    // Anchors split a long text into short stretches, each diffed word by word.
    let long: String = (0..3 * MAX_GAP).map(|i| format!("w{i} x ")).collect();
    let changed = long.replace("w700 x", "w700 y");
    let c = compare(&long, &changed).expect("compared");
    assert_eq!((c.rough, changes(&c)), (0, vec![("x", "y")]));
}

#[test]
fn the_note_names_the_first_changes_and_their_lines() {
    let copy = LONG
        .replace("177-TTr", "177-TTt")
        .replace("giai đoạn", "giai  đọan");
    let c = compare(LONG, &copy).expect("compared");
    let n = note(Path::new("content/a.md"), 20, "39-KL/TW", &c).expect("a note");
    assert!(!n.is_error());
    let shown = n.en();
    assert!(
        shown.starts_with(
            "note: content/a.md:20: this copy differs from its original 39-KL/TW in 2 place(s)"
        ),
        "{shown}"
    );
    let vi = n.render(crate::lang::Language::Vi);
    assert!(
        vi.starts_with("lưu ý: content/a.md, dòng 20: bản sao này khác bản gốc 39-KL/TW ở 2 chỗ"),
        "{vi}"
    );
    assert!(
        vi.contains("bản gốc ghi \"177-TTr/BTCTW\", bản sao ghi \"177-TTt/BTCTW\""),
        "{vi}"
    );
    assert!(
        shown.contains("the original has \"177-TTr/BTCTW\", the copy \"177-TTt/BTCTW\""),
        "{shown}"
    );
    assert_eq!(
        note(Path::new("a.md"), 1, "X", &Comparison::default()),
        None
    );
}

/// Words of `n` keys from a small vocabulary, in an order of their own (`seed`): texts that
/// share their phrasing, not their text.
fn phrased(n: usize, seed: u32) -> Vec<u32> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) % 60
        })
        .collect()
}

#[test]
fn a_diff_matches_at_most_what_its_plan_allows() {
    let slipped: Vec<u32> = (0..2000)
        .map(|i| if i % 97 == 0 { 5000 } else { i })
        .collect();
    let original: Vec<u32> = (0..2000).collect();
    let pairs = [
        (phrased(1500, 1), phrased(1200, 2)),
        (phrased(300, 3), phrased(2500, 4)),
        (original.clone(), slipped),
        (original, phrased(800, 5)),
    ];
    for (a, b) in &pairs {
        let (steps, rough) = plan(a, b);
        let bound = matched_at_most(&steps);
        let ops = diffed(a, b, steps);
        let matched: usize = ops
            .iter()
            .filter(|(t, ..)| *t == DiffTag::Equal)
            .map(|(_, o, _)| o.len())
            .sum();
        assert!(matched <= bound, "{matched} > {bound}");
        assert_eq!(align(a, b), (ops, rough));
    }
}

#[test]
fn texts_that_share_only_their_phrasing_are_not_compared() {
    let vocabulary: Vec<String> = (0..60).map(|i| format!("từ{i}")).collect();
    let text = |seed| {
        let ws: Vec<&str> = phrased(2000, seed)
            .into_iter()
            .map(|k| vocabulary[k as usize].as_str())
            .collect();
        ws.join(" ")
    };
    let (original, copy) = (text(7), text(8));
    assert_eq!(compare(&original, &copy), None);
    // Known from the plan: the shorter sides of the stretches to diff are under half the copy.
    let (old, new) = (Original::read(&original), words(&copy));
    let (a, (b, _)) = (&old.numbers, old.keys.copy(&new));
    let (steps, _) = plan(a, &b);
    assert!(!carries_original(matched_at_most(&steps), a.len(), b.len()));
}
