//! One document's lines read as its layout: the header (issuer lines, number, place and date,
//! kind, title or "V/v", the copy stamp), where its text starts, and the footer ("Nơi nhận",
//! the signer's authority, titles and name). A text with none of a header's parts but a
//! "Nguồn:" line is read as a news report.

use chrono::NaiveDate;

use super::text::{self, classify, is_caps, is_name, Line};

/// How the title was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleFrom {
    /// The lines under the kind (some in capitals: `caps`).
    Kind { caps: bool },
    /// The "V/v …" of a công văn.
    Subject,
    /// The lines between the header and "Kính gửi" (the "V/v" not printed or not read).
    BeforeKinhGui,
    /// The first line of a news report.
    News,
}

/// A document's layout.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    /// Capital lines above the number: the superior body, then the issuer.
    pub(crate) issuer_lines: Vec<String>,
    pub(crate) party_motto: bool,
    pub(crate) number: Option<String>,
    pub(crate) place: Option<String>,
    pub(crate) date: Option<NaiveDate>,
    /// The kind as printed (capitals), e.g. `KẾT LUẬN`.
    pub(crate) kind_line: Option<String>,
    /// `SAO LỤC`, `SAO Y`, `TRÍCH SAO`.
    pub(crate) stamp: Option<String>,
    pub(crate) title: Option<(String, TitleFrom)>,
    pub(crate) kinh_gui: Vec<String>,
    /// The text: from "Kính gửi" or the first paragraph after the title to the end.
    pub(crate) body: Vec<String>,
    pub(crate) noi_nhan: Vec<String>,
    /// `T/M`, `K/T`, `TM.`, …, and the line's title (`BAN THƯỜNG VỤ`).
    pub(crate) authority: Option<(String, String)>,
    /// The lines of titles under the authority (`PHÓ CHÁNH VĂN PHÒNG`).
    pub(crate) signer_titles: Vec<String>,
    pub(crate) signer: Option<String>,
    /// A news report: where it was taken from (`Nguồn: …`) and its address.
    pub(crate) news_source: Option<String>,
    pub(crate) url: Option<String>,
}

/// Reads the layout of one document's lines (already [`text::clean`]ed).
pub(crate) fn read(lines: &[String]) -> Layout {
    let mut l = Layout::default();
    let start = header(lines, &mut l);
    l.body = lines[start..].to_vec();
    footer(lines, start, &mut l);
    if l.number.is_none() && l.kind_line.is_none() && l.date.is_none() && l.authority.is_none() {
        news(lines, &mut l);
    }
    l
}

/// Reads the header into `l`; returns the index of the first line of the text.
fn header(lines: &[String], l: &mut Layout) -> usize {
    let kinh_gui_at = lines
        .iter()
        .position(|x| matches!(classify(x), Line::KinhGui(_)));
    let mut i = 0;
    while i < lines.len() {
        match classify(&lines[i]) {
            Line::Blank => {}
            Line::Motto => l.party_motto |= lines[i].to_uppercase().starts_with("ĐẢNG"),
            Line::Number(n) => {
                l.number.get_or_insert(n);
            }
            Line::PlaceDate { place, date } => {
                if l.date.is_none() {
                    l.place = Some(place);
                    l.date = Some(date);
                }
            }
            Line::Stamp(s) => l.stamp = Some(s),
            Line::Caps if l.number.is_none() && l.kind_line.is_none() => {
                l.issuer_lines.push(lines[i].clone())
            }
            Line::Caps => {}
            Line::Kind(k) => {
                l.kind_line = Some(k);
                i = kind_title(lines, i + 1, l);
                continue;
            }
            Line::Subject(s) => {
                let (more, next) = group(lines, i + 1);
                let t = join(std::iter::once(s).chain(more));
                l.title = Some((t, TitleFrom::Subject));
                i = next;
                continue;
            }
            Line::Text if l.title.is_none() && kinh_gui_at.is_some_and(|k| k > i) => {
                let k = kinh_gui_at.unwrap_or(i);
                let t = join(lines[i..k].iter().filter(|x| !x.is_empty()).cloned());
                l.title = Some((t, TitleFrom::BeforeKinhGui));
                return k;
            }
            Line::Text | Line::KinhGui(_) | Line::NoiNhan | Line::Authority { .. } => return i,
        }
        i += 1;
    }
    lines.len()
}

/// The title under the kind line at `from`: capital lines, then the first paragraph unless it
/// opens the text, then paragraphs that go on in lower case. Returns where the text starts.
fn kind_title(lines: &[String], from: usize, l: &mut Layout) -> usize {
    let mut parts: Vec<String> = Vec::new();
    let mut caps = false;
    let mut i = from;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_empty() {
            i += 1;
            continue;
        }
        match classify(line) {
            Line::Caps if parts.iter().all(|p| is_caps(p)) => {
                caps = true;
                parts.push(line.clone());
                i += 1;
            }
            Line::Text => {
                let (g, next) = group(lines, i);
                let text = join(g.iter().cloned());
                let first_text = parts.iter().all(|p| is_caps(p));
                let goes_on = text.starts_with(char::is_lowercase);
                if !(goes_on || first_text && !opens_text(&text)) {
                    break;
                }
                parts.push(text);
                i = next;
            }
            _ => break,
        }
    }
    if !parts.is_empty() {
        l.title = Some((join(parts.into_iter()), TitleFrom::Kind { caps }));
    }
    i
}

/// Whether a paragraph reads as the first of the text rather than a title.
fn opens_text(p: &str) -> bool {
    const OPENERS: &[&str] = &[
        "Căn cứ",
        "Xem xét",
        "Tại ",
        "Theo đề nghị",
        "Ngày ",
        "Vừa qua",
    ];
    OPENERS.iter().any(|o| p.starts_with(o))
        || p.ends_with(':')
        || p.chars().count() > 400
        || super::body::marker(p).is_some()
        || (p.starts_with("Thực hiện") && p.chars().count() > 300)
}

/// The lines of the paragraph from `from` (up to a blank line or a line of another part of
/// the layout), and the index after it.
fn group(lines: &[String], from: usize) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut i = from;
    while i < lines.len() && matches!(classify(&lines[i]), Line::Text | Line::Caps) {
        out.push(lines[i].clone());
        i += 1;
    }
    (out, i)
}

/// Lines joined with a space, or with none after a word broken at its hyphen ("39-" "KL/TW").
pub(crate) fn join(parts: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        let broken =
            out.ends_with('-') && out[..out.len() - 1].ends_with(|c: char| c.is_alphanumeric());
        if !out.is_empty() && !broken {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// Reads "Kính gửi", "Nơi nhận" and the signature from the text's lines.
fn footer(lines: &[String], start: usize, l: &mut Layout) {
    let mut i = start;
    while i < lines.len() {
        match classify(&lines[i]) {
            Line::KinhGui(rest) if l.kinh_gui.is_empty() => {
                let (items, next) = items(lines, i + 1);
                l.kinh_gui = std::iter::once(rest)
                    .filter(|r| !r.is_empty())
                    .chain(items)
                    .collect();
                i = next;
                continue;
            }
            Line::NoiNhan => {
                let (items, next) = items(lines, i + 1);
                l.noi_nhan = items;
                i = next;
                continue;
            }
            Line::Authority { of, title } if l.authority.is_none() => {
                l.authority = Some((of, title));
                signature(lines, i + 1, l);
            }
            _ => {}
        }
        i += 1;
    }
}

/// The items of a list ("- …", "+ …") from `from`, blank lines between them skipped.
fn items(lines: &[String], from: usize) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut i = from;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        let Some(item) = line.strip_prefix(['-', '+', '•', '–']) else {
            break;
        };
        out.push(item.trim().to_string());
        i += 1;
    }
    (out, i)
}

/// The titles in capitals under the authority line at `from - 1`, and the signer's name.
fn signature(lines: &[String], from: usize, l: &mut Layout) {
    for line in lines[from..].iter().filter(|x| !x.is_empty()) {
        if is_name(line) {
            l.signer = Some(line.clone());
            return;
        }
        if !is_caps(line) || l.signer_titles.len() >= 3 {
            return;
        }
        l.signer_titles.push(line.clone());
    }
}

/// A news report: its first line is the title, a date among the next lines, the address and
/// the "Nguồn: …" line at its end.
fn news(lines: &[String], l: &mut Layout) {
    let mut nonblank = lines.iter().enumerate().filter(|(_, x)| !x.is_empty());
    let Some((first, title)) = nonblank.next() else {
        return;
    };
    let Some(source) = lines.iter().rev().find_map(|x| x.strip_prefix("Nguồn:")) else {
        return;
    };
    l.news_source = Some(source.trim().to_string());
    l.url = lines.iter().find_map(|x| {
        x.split_whitespace()
            .find(|w| w.starts_with("http://") || w.starts_with("https://"))
            .map(str::to_string)
    });
    l.title = Some((title.clone(), TitleFrom::News));
    let mut body_from = first + 1;
    for (i, line) in lines.iter().enumerate().skip(first + 1).take(4) {
        if let Some(d) = line.split_whitespace().find_map(text::numeric_date) {
            l.date = Some(d);
            body_from = i + 1;
            break;
        }
    }
    l.body = lines[body_from..].to_vec();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        text::clean(&s.lines().map(str::to_string).collect::<Vec<_>>())
    }

    #[test]
    fn a_party_conclusion() {
        let l = read(&lines("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 39-KL/TW\nHà Nội, ngày 18 tháng 7 năm 2022\n\nKẾT LUẬN\nCỦA BỘ CHÍNH TRỊ\nvề chủ trương bồi dưỡng cán bộ\nở nước ngoài\n\nXem xét đề nghị của Ban Tổ chức Trung ương, Bộ Chính trị kết luận như sau:\n\n1. Nội dung.\n\nNơi nhận:\n- Các tỉnh uỷ, thành uỷ,\n- Lưu Văn phòng Trung ương Đảng.\n\nT/M BỘ CHÍNH TRỊ\n\n\nVõ Văn Thưởng"));
        assert_eq!(l.issuer_lines, ["BAN CHẤP HÀNH TRUNG ƯƠNG"]);
        assert!(l.party_motto);
        assert_eq!(l.number.as_deref(), Some("39-KL/TW"));
        assert_eq!(l.place.as_deref(), Some("Hà Nội"));
        assert_eq!(l.date, NaiveDate::from_ymd_opt(2022, 7, 18));
        assert_eq!(l.kind_line.as_deref(), Some("KẾT LUẬN"));
        assert_eq!(
            l.title,
            Some((
                "CỦA BỘ CHÍNH TRỊ về chủ trương bồi dưỡng cán bộ ở nước ngoài".into(),
                TitleFrom::Kind { caps: true }
            ))
        );
        assert!(l.body[0].starts_with("Xem xét"));
        assert_eq!(
            l.noi_nhan,
            ["Các tỉnh uỷ, thành uỷ,", "Lưu Văn phòng Trung ương Đảng."]
        );
        assert_eq!(l.authority, Some(("T/M".into(), "BỘ CHÍNH TRỊ".into())));
        assert_eq!(l.signer.as_deref(), Some("Võ Văn Thưởng"));
    }

    #[test]
    fn a_state_dispatch_with_subject() {
        let l = read(&lines("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nSỞ NỘI VỤ\nSố: 123/SNV-TCCB\nV/v triển khai Kết luận\nsố 39-KL/TW\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLai Châu, ngày 05 tháng 01 năm 2023\nKính gửi: Các phòng, ban.\nNội dung.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn A"));
        assert_eq!(
            l.issuer_lines,
            ["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "SỞ NỘI VỤ"]
        );
        assert!(!l.party_motto);
        assert_eq!(
            l.title,
            Some(("triển khai Kết luận số 39-KL/TW".into(), TitleFrom::Subject))
        );
        assert_eq!(l.kinh_gui, ["Các phòng, ban."]);
        assert_eq!(l.signer_titles, ["PHÓ GIÁM ĐỐC"]);
        assert_eq!(l.signer.as_deref(), Some("Nguyễn Văn A"));
    }

    #[test]
    fn a_title_before_kinh_gui_and_a_broken_number() {
        let l = read(&lines("Số 1002-CV/TU\n\nLai Châu, ngày 03 tháng 8 năm 2022\n\nThực hiện Kết luận số 39-\nKL/TW của Bộ Chính trị\n\nKính gửi:\n\n- Các huyện ủy,\n\nThực hiện Kết luận số 39-KL/TW, Thường trực Tỉnh ủy yêu cầu:"));
        assert_eq!(
            l.title,
            Some((
                "Thực hiện Kết luận số 39-KL/TW của Bộ Chính trị".into(),
                TitleFrom::BeforeKinhGui
            ))
        );
        assert_eq!(l.kinh_gui, ["Các huyện ủy,"]);
    }

    #[test]
    fn a_copy_stamp() {
        let l = read(&lines("TỈNH ỦY LAI CHÂU\nVĂN PHÒNG\n*\nSố 71-BS/VPTU\nSAO LỤC\nLai Châu, ngày 03 tháng 8 năm 2022\nNơi nhận:\n- Lưu VPTU.\nK/T CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nVũ Thị Lương"));
        assert_eq!(l.stamp.as_deref(), Some("SAO LỤC"));
        assert_eq!(l.issuer_lines, ["TỈNH ỦY LAI CHÂU", "VĂN PHÒNG"]);
        assert_eq!(l.authority, Some(("K/T".into(), "CHÁNH VĂN PHÒNG".into())));
        assert_eq!(l.signer.as_deref(), Some("Vũ Thị Lương"));
    }
}
