//! The documents a text cites by number: Party numbers (`39-KL/TW`, `177-TTr/BTCTW`) and
//! State ones (`123/KH-UBND`, `09/2023/QĐ-UBND`). The one the text carries out ("Thực hiện
//! Kết luận số 39-KL/TW …" opening the text, "Triển khai thực hiện Kế hoạch số 107-KH/TU" as
//! its title) is what it `implements`; the others are what it cites, each with the words
//! around it (its kind, date, issuer and subject, for a stub).

use regex::Regex;
use std::sync::LazyLock;

use chrono::NaiveDate;

use super::text::written_date;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,5}(?:-[\p{Lu}][\p{L}]*/[\p{Lu}][\p{L}]*(?:-[\p{Lu}][\p{L}]*)?|/(?:\d{4}/)?[\p{Lu}][\p{L}]*-[\p{Lu}][\p{L}]*(?:-[\p{Lu}][\p{L}]*)?))")
        .expect("a valid pattern")
});

/// A document cited by number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cited {
    pub(crate) number: String,
    /// The kind named before it ("Kết luận số 39-KL/TW").
    pub(crate) kind: Option<String>,
    pub(crate) date: Option<NaiveDate>,
    /// "của X" after it: the issuer as the text names it.
    pub(crate) of: Option<String>,
    /// "về …" after it: its subject.
    pub(crate) about: Option<String>,
    /// It is what the citing document carries out.
    pub(crate) parent: bool,
}

/// Every number cited in `text`, once each, in order of first citation.
pub(crate) fn cited(text: &str) -> Vec<Cited> {
    let mut out: Vec<Cited> = Vec::new();
    for m in NUMBER.find_iter(text) {
        let number = m.as_str().to_string();
        let around = around(text, m.start(), m.end(), number);
        match out.iter_mut().find(|c| c.number == around.number) {
            Some(c) => {
                c.kind = c.kind.take().or(around.kind);
                c.date = c.date.or(around.date);
                c.of = c.of.take().or(around.of);
                c.about = c.about.take().or(around.about);
            }
            None => out.push(around),
        }
    }
    out
}

/// Kinds as they are named inside a sentence.
const KIND_WORDS: &[&str] = &[
    "Kết luận",
    "Thông báo",
    "Công văn",
    "Kế hoạch",
    "Quyết định",
    "Báo cáo",
    "Tờ trình",
    "Nghị quyết",
    "Chỉ thị",
    "Hướng dẫn",
    "Quy định",
    "Chương trình",
    "Đề án",
    "Quy chế",
    "Nghị định",
    "Thông tư",
    "Thông tri",
    "Luật",
];

fn around(text: &str, start: usize, end: usize, number: String) -> Cited {
    let before = &text[..start];
    let before = before.trim_end().trim_end_matches("số").trim_end();
    let kind = KIND_WORDS
        .iter()
        .find(|k| before.to_lowercase().ends_with(&k.to_lowercase()))
        .map(|k| k.to_string());
    let after = text[end..].trim_start_matches([',', ' ']);
    let date = written_date(after);
    let after_date = match after.find(" của ") {
        Some(i) if i < 40 => &after[i + 1..],
        _ => after,
    };
    let of = after_date.strip_prefix("của ").map(|r| {
        r.split([',', ';', '(', ')'])
            .next()
            .unwrap_or(r)
            .split(" về ")
            .next()
            .unwrap_or(r)
            .trim()
            .to_string()
    });
    let about = after.find("về ").filter(|&i| i < 120).map(|i| {
        let r = &after[i..];
        r.split([';', '(', ')', '.'])
            .next()
            .unwrap_or(r)
            .trim()
            .to_string()
    });
    Cited {
        number,
        kind,
        date,
        of,
        about,
        parent: false,
    }
}

/// The number the document carries out: cited in its title after "thực hiện", else at the
/// start of its first paragraph ("Thực hiện Kết luận số 39-KL/TW, …").
pub(crate) fn implemented(title: Option<&str>, first_paragraph: Option<&str>) -> Option<String> {
    let in_title = title.and_then(|t| {
        let lower = t.to_lowercase();
        let i = lower.find("thực hiện")?;
        NUMBER.find(&t[i..]).map(|m| m.as_str().to_string())
    });
    in_title.or_else(|| {
        let p = first_paragraph?;
        if !p.starts_with("Thực hiện") && !p.starts_with("Triển khai thực hiện") {
            return None;
        }
        let m = NUMBER.find(p)?;
        (m.start() < 60).then(|| m.as_str().to_string())
    })
}

/// The kind a number's code names (`KL` in `39-KL/TW`, `KH` in `123/KH-UBND`).
pub(crate) fn kind_of_number(number: &str) -> Option<&'static str> {
    let code = if let Some((_, rest)) = number.split_once('-').filter(|(n, _)| !n.contains('/')) {
        rest.split('/').next()?
    } else {
        let parts: Vec<&str> = number.split('/').collect();
        parts.last()?.split('-').next()?
    };
    super::text::KINDS
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(k, _)| *k)
}

/// The issuer's code of a number (`TW` in `39-KL/TW`, `UBND` in `123/KH-UBND`).
pub(crate) fn issuer_code(number: &str) -> Option<&str> {
    if let Some((n, rest)) = number.split_once('-') {
        if !n.contains('/') {
            return rest.split('/').nth(1);
        }
    }
    number.rsplit('/').next()?.split_once('-').map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_a_text() {
        let text = "Thực hiện Kết luận số 39-KL/TW ngày 18 tháng 7 năm 2022 của Bộ Chính trị về chủ trương bồi dưỡng; Quyết định số 02-QĐ/BCĐ ngày 05 tháng 10 năm 2022 của Ban Chỉ đạo thực hiện Kết luận số 39 về việc ban hành Quy chế, Quyết định số 09/2023/QĐ-UBND và Tờ trình số 177-TTr/BTCTW.";
        let c = cited(text);
        let numbers: Vec<&str> = c.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(
            numbers,
            ["39-KL/TW", "02-QĐ/BCĐ", "09/2023/QĐ-UBND", "177-TTr/BTCTW"]
        );
        assert_eq!(c[0].kind.as_deref(), Some("Kết luận"));
        assert_eq!(c[0].date, NaiveDate::from_ymd_opt(2022, 7, 18));
        assert_eq!(c[0].of.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(
            c[1].of.as_deref(),
            Some("Ban Chỉ đạo thực hiện Kết luận số 39")
        );
        assert_eq!(c[1].about.as_deref(), Some("về việc ban hành Quy chế, Quyết định số 09/2023/QĐ-UBND và Tờ trình số 177-TTr/BTCTW"));
        assert!(cited("kinh tế - xã hội 10 năm 2021 - 2030").is_empty());
    }

    #[test]
    fn what_a_document_carries_out() {
        assert_eq!(
            implemented(
                Some("Triển khai thực hiện Kế hoạch số 107-KH/TU ngày 06 tháng 3 năm 2023"),
                Some("Thực hiện Kết luận số 39-KL/TW")
            )
            .as_deref(),
            Some("107-KH/TU")
        );
        assert_eq!(
            implemented(None, Some("Thực hiện Kết luận số 39-KL/TW, ngày 18/7/2022")).as_deref(),
            Some("39-KL/TW")
        );
        assert_eq!(
            implemented(None, Some("Xem xét đề nghị (Tờ trình số 177-TTr/BTCTW)")),
            None
        );
    }

    #[test]
    fn codes_of_numbers() {
        assert_eq!(kind_of_number("39-KL/TW"), Some("KẾT LUẬN"));
        assert_eq!(kind_of_number("123/KH-UBND"), Some("KẾ HOẠCH"));
        assert_eq!(kind_of_number("09/2023/QĐ-UBND"), Some("QUYẾT ĐỊNH"));
        assert_eq!(kind_of_number("1002-CV/TU"), Some("CÔNG VĂN"));
        assert_eq!(issuer_code("39-KL/TW"), Some("TW"));
        assert_eq!(issuer_code("177-TTr/BTCTW"), Some("BTCTW"));
        assert_eq!(issuer_code("123/KH-UBND"), Some("UBND"));
    }
}
