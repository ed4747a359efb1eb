//! The layout of an administrative document as lines of text: each line classified (the
//! motto, "Số …", "…, ngày … tháng … năm …", the kind, "V/v …", "Kính gửi:", "Nơi nhận:", the
//! signer's authority), a file split into its documents (one ends with its signer's name),
//! and each document's header and footer read (NĐ 30/2020/NĐ-CP Phụ lục I for State
//! documents, HD 36-HD/VPTW for Party ones).

use chrono::NaiveDate;

/// Lines of text made ready: NFC, white space squashed, Markdown emphasis and heading marks
/// around a whole line taken off, rules (`-----`) and the Party header's `*` made blank.
pub(crate) fn clean(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| clean_line(l)).collect()
}

fn clean_line(line: &str) -> String {
    let mut s = crate::text::squash(&line.replace(['\u{feff}', '\u{a0}', '\t'], " "));
    loop {
        let t = s.trim_start_matches('#').trim();
        let t = if t.len() > 4 && t.starts_with("**") && t.ends_with("**") {
            t.trim_matches('*').trim()
        } else if t.starts_with("**") && !t[2..].contains("**") {
            t.trim_start_matches('*').trim()
        } else if t.ends_with("**") && !t[..t.len() - 2].contains("**") {
            t.trim_end_matches('*').trim()
        } else {
            t
        };
        if t == s {
            break;
        }
        s = t.to_string();
    }
    if !s.is_empty() && s.chars().all(|c| matches!(c, '-' | '_' | '*' | '=' | '—')) {
        return String::new();
    }
    s
}

/// Whether a line has letters and none of them lower-case.
pub(crate) fn is_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// A line's part in the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line {
    Blank,
    Motto,
    Number(String),
    PlaceDate { place: String, date: NaiveDate },
    Kind(String),
    Stamp(String),
    Subject(String),
    KinhGui(String),
    NoiNhan,
    Authority { of: String, title: String },
    Caps,
    Text,
}

/// Kinds of documents: the printed word (capitals) and the code of the number (`KL` in
/// `39-KL/TW`).
pub(crate) const KINDS: &[(&str, &str)] = &[
    ("KẾT LUẬN", "KL"),
    ("THÔNG BÁO", "TB"),
    ("CÔNG VĂN", "CV"),
    ("KẾ HOẠCH", "KH"),
    ("QUYẾT ĐỊNH", "QĐ"),
    ("BÁO CÁO", "BC"),
    ("TỜ TRÌNH", "TTr"),
    ("NGHỊ QUYẾT", "NQ"),
    ("CHỈ THỊ", "CT"),
    ("HƯỚNG DẪN", "HD"),
    ("QUY ĐỊNH", "QĐi"),
    ("CHƯƠNG TRÌNH", "CTr"),
    ("ĐỀ ÁN", "ĐA"),
    ("QUY CHẾ", "QC"),
    ("NGHỊ ĐỊNH", "NĐ"),
    ("THÔNG TƯ", "TT"),
    ("THÔNG TRI", "TTr"),
    ("BIÊN BẢN", "BB"),
    ("GIẤY MỜI", "GM"),
    ("CÔNG ĐIỆN", "CĐ"),
    ("PHƯƠNG ÁN", "PA"),
    ("BẢN SAO", "BS"),
];

/// The copy stamps.
const STAMPS: &[&str] = &["SAO LỤC", "SAO Y BẢN CHÍNH", "SAO Y", "TRÍCH SAO"];

/// The signer's authority: Party forms, then State forms.
const AUTHORITIES: &[&str] = &["T/M", "K/T", "T/L", "TUQ.", "TM.", "KT.", "TL.", "Q."];

/// What a line is.
pub(crate) fn classify(line: &str) -> Line {
    if line.is_empty() || line == "*" {
        return Line::Blank;
    }
    let up = line.to_uppercase();
    if up.starts_with("CỘNG HÒA XÃ HỘI")
        || up.starts_with("CỘNG HOÀ XÃ HỘI")
        || up == "ĐẢNG CỘNG SẢN VIỆT NAM"
        || up.starts_with("ĐỘC LẬP - TỰ DO")
        || up.starts_with("ĐỘC LẬP – TỰ DO")
    {
        return Line::Motto;
    }
    if let Some(n) = number(line) {
        return Line::Number(n);
    }
    if let Some((place, date)) = place_date(line) {
        return Line::PlaceDate { place, date };
    }
    if let Some(rest) = strip_ci(line, "V/v").or_else(|| strip_ci(line, "V/V")) {
        return Line::Subject(rest.trim_start_matches([':', ' ']).to_string());
    }
    if let Some(rest) = strip_ci(line, "Kính gửi") {
        return Line::KinhGui(rest.trim_start_matches([':', ' ']).to_string());
    }
    if strip_ci(line, "Nơi nhận").is_some() && line.chars().count() < 14 {
        return Line::NoiNhan;
    }
    if let Some(a) = authority(line) {
        return a;
    }
    if is_caps(line) {
        let bare = up.trim_end_matches([':', '.']).trim();
        if let Some(s) = STAMPS.iter().find(|s| bare == **s) {
            return Line::Stamp(s.to_string());
        }
        if KINDS.iter().any(|(k, _)| bare == *k) {
            return Line::Kind(bare.to_string());
        }
        return Line::Caps;
    }
    Line::Text
}

/// `rest` when `line` starts with `prefix`, ignoring case.
fn strip_ci<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let n = prefix.len();
    (line.len() >= n
        && line.is_char_boundary(n)
        && line[..n].to_lowercase() == prefix.to_lowercase())
    .then(|| line[n..].trim())
}

/// The number of a "Số …" line: `Số 39-KL/TW`, `Số: 123/KH-UBND`, `Số: 09/2023/QĐ-UBND`.
pub(crate) fn number(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("Số")
        .or_else(|| line.strip_prefix("SỐ"))?;
    let rest = rest.trim_start().trim_start_matches(':').trim();
    let n: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.'))
        .collect();
    let n = n.trim_end_matches('.');
    (n.starts_with(|c: char| c.is_ascii_digit()) && n.contains(['/', '-'])).then(|| n.to_string())
}

/// The place and date of a line "Lai Châu, ngày 03 tháng 8 năm 2022" (or "ngày 3/8/2022").
pub(crate) fn place_date(line: &str) -> Option<(String, NaiveDate)> {
    let i = line.find(", ngày")?;
    let place = line[..i].trim().trim_start_matches('*').trim();
    if place.is_empty() || place.split_whitespace().count() > 6 {
        return None;
    }
    let date = written_date(&line[i + 2..])?;
    Some((place.to_string(), date))
}

/// A date written "ngày 03 tháng 8 năm 2022", "ngày 18/7/2022" or "ngày 25-4-2014" at the
/// start of `s`.
pub(crate) fn written_date(s: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let num = |w: &str| w.trim_end_matches([',', '.', ';', ')']).parse::<u32>().ok();
    match words.as_slice() {
        ["ngày", d, "tháng", m, "năm", y, ..] => {
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
        }
        ["ngày", dmy, ..] => numeric_date(dmy.trim_end_matches([',', '.', ';', ')'])),
        _ => None,
    }
}

/// `18/7/2022`, `25-4-2014`.
pub(crate) fn numeric_date(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split(['/', '-']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn authority(line: &str) -> Option<Line> {
    let up = line.to_uppercase();
    let of = AUTHORITIES.iter().find(|a| up.starts_with(**a))?;
    let title = line[of.len()..].trim();
    if !is_caps(title) || title.is_empty() {
        return None;
    }
    Some(Line::Authority {
        of: of.to_string(),
        title: title.to_string(),
    })
}

/// Whether a line reads as a person's name: two to six words, each capitalised, no digit.
pub(crate) fn is_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !is_caps(line)
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
}

/// The file's lines split into its documents: one ends with its signer's name (the first
/// name-like line after an authority line); what follows is the next.
pub(crate) fn split(lines: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut signing = false;
    for line in lines {
        current.push(line.clone());
        match classify(line) {
            Line::Authority { .. } => signing = true,
            Line::Text if signing && is_name(line) => {
                out.push(std::mem::take(&mut current));
                signing = false;
            }
            _ => {}
        }
    }
    if current.iter().any(|l| !l.is_empty()) || out.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numbers_party_and_state() {
        assert_eq!(number("Số 39-KL/TW").as_deref(), Some("39-KL/TW"));
        assert_eq!(number("Số: 123/KH-UBND").as_deref(), Some("123/KH-UBND"));
        assert_eq!(
            number("Số: 09/2023/QĐ-UBND").as_deref(),
            Some("09/2023/QĐ-UBND")
        );
        assert_eq!(number("Số 71-BS/VPTU").as_deref(), Some("71-BS/VPTU"));
        assert_eq!(number("Số:      /KH-UBND"), None);
        assert_eq!(number("Số lượng cán bộ"), None);
    }

    #[test]
    fn place_and_date() {
        assert_eq!(
            place_date("Lai Châu, ngày 03 tháng 8 năm 2022"),
            Some(("Lai Châu".into(), d(2022, 8, 3)))
        );
        assert_eq!(
            place_date("Hà Nội, ngày 18/7/2022"),
            Some(("Hà Nội".into(), d(2022, 7, 18)))
        );
        assert_eq!(place_date("Tại phiên họp, ngày mai"), None);
        assert_eq!(
            written_date("ngày 05 tháng 10 năm 2022 của"),
            Some(d(2022, 10, 5))
        );
        assert_eq!(written_date("ngày 25-4-2014,"), Some(d(2014, 4, 25)));
    }

    #[test]
    fn lines_of_the_layout() {
        assert_eq!(classify("ĐẢNG CỘNG SẢN VIỆT NAM"), Line::Motto);
        assert_eq!(classify("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), Line::Motto);
        assert_eq!(classify("Độc lập - Tự do - Hạnh phúc"), Line::Motto);
        assert_eq!(classify("KẾT LUẬN"), Line::Kind("KẾT LUẬN".into()));
        assert_eq!(classify("SAO LỤC"), Line::Stamp("SAO LỤC".into()));
        assert_eq!(
            classify("V/v triển khai Kết luận"),
            Line::Subject("triển khai Kết luận".into())
        );
        assert_eq!(
            classify("Kính gửi: Sở Nội vụ"),
            Line::KinhGui("Sở Nội vụ".into())
        );
        assert_eq!(classify("Nơi nhận :"), Line::NoiNhan);
        assert_eq!(
            classify("T/M BAN THƯỜNG VỤ"),
            Line::Authority {
                of: "T/M".into(),
                title: "BAN THƯỜNG VỤ".into()
            }
        );
        assert_eq!(
            classify("TM. ỦY BAN NHÂN DÂN"),
            Line::Authority {
                of: "TM.".into(),
                title: "ỦY BAN NHÂN DÂN".into()
            }
        );
        assert_eq!(classify("TỈNH ỦY LAI CHÂU"), Line::Caps);
        assert_eq!(classify("Thực hiện Kết luận số 39-KL/TW"), Line::Text);
    }

    #[test]
    fn cleaning_markdown_residue() {
        let lines: Vec<String> = [
            "**KẾT LUẬN**  ",
            "## ***2.1. Quan điểm***",
            "-----",
            "**T/M BỘ CHÍNH TRỊ",
            "CHỦ TỊCH**",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            clean(&lines),
            [
                "KẾT LUẬN",
                "2.1. Quan điểm",
                "",
                "T/M BỘ CHÍNH TRỊ",
                "CHỦ TỊCH"
            ]
        );
    }

    #[test]
    fn names_and_splitting() {
        assert!(is_name("Lê Văn Lương"));
        assert!(!is_name("LÊ VĂN LƯƠNG"));
        assert!(!is_name("Nơi nhận"));
        let lines: Vec<String> = [
            "Số 1-CV/TU",
            "Nội dung.",
            "T/M BAN THƯỜNG VỤ",
            "",
            "Lê Văn Lương",
            "TỈNH ỦY",
            "Số 2-BS/VPTU",
            "SAO LỤC",
            "K/T CHÁNH VĂN PHÒNG",
            "PHÓ CHÁNH VĂN PHÒNG",
            "Vũ Thị Lương",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let parts = split(&lines);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1][0], "TỈNH ỦY");
    }
}
