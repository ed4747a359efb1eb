//! Deadlines in a task's words, written in a form of the contract: "trước ngày 30/6/2024",
//! "vào quý IV-2014", "trong tháng 6 năm 2023", "hằng năm", "trong thời hạn 15 ngày"; and the
//! conditions a deadline may carry ("sau khi kết thúc khóa học", "định kỳ …") for `due_note`.

use regex::Regex;
use std::sync::LazyLock;

use crate::deadline::Deadline;

/// A deadline found: in a contract form, and the words it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) due: String,
    pub(crate) from: String,
}

/// A pattern and how its match is written as a deadline.
type Pattern = (Regex, fn(&regex::Captures) -> Option<String>);

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let r = |p: &str| Regex::new(p).expect("a valid pattern");
    vec![
        (
            r(
                r"(?i)(?:trước|chậm nhất|hạn chót|hoàn thành)[^.;]{0,20}?ngày\s+(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})",
            ),
            |c| Some(format!("{}/{}/{}", num(&c[1])?, num(&c[2])?, &c[3])),
        ),
        (
            r(
                r"(?i)(?:trước|chậm nhất|hạn chót|hoàn thành)[^.;]{0,20}?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
            ),
            |c| Some(format!("{}/{}/{}", num(&c[1])?, num(&c[2])?, &c[3])),
        ),
        (
            r(r"(?i)quý\s+(I{1,3}|IV|[1-4])\s*([/-]|năm)\s*(\d{4})"),
            |c| {
                let sep = if &c[2] == "-" { "-" } else { "/" };
                Some(format!("quý {}{sep}{}", c[1].to_uppercase(), &c[3]))
            },
        ),
        (
            r(r"(?i)(?:trong|trước|vào|cuối)\s+tháng\s+(\d{1,2})\s*(?:[/-]|năm)\s*(\d{4})"),
            |c| Some(format!("tháng {}/{}", num(&c[1])?, &c[2])),
        ),
        (r(r"(?i)(?:trong|vào|cuối)\s+năm\s+(\d{4})"), |c| {
            Some(format!("năm {}", &c[1]))
        }),
        (
            r(r"(?i)(?:trong\s+(?:thời hạn|vòng)|sau)\s+(\d{1,3})\s+ngày"),
            |c| Some(format!("{} ngày", num(&c[1])?)),
        ),
        (r(r"(?i)\b(?:hằng|hàng)\s+năm\b"), |_| {
            Some("hằng năm".into())
        }),
        (r(r"(?i)\b(?:hằng|hàng)\s+quý\b"), |_| {
            Some("hằng quý".into())
        }),
        (r(r"(?i)\b(?:hằng|hàng)\s+tháng\b"), |_| {
            Some("hằng tháng".into())
        }),
        (r(r"(?i)định kỳ\s+6\s+tháng"), |_| {
            Some("định kỳ 6 tháng".into())
        }),
    ]
});

fn num(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

/// The first deadline `text` sets, if it reads as one of the contract's forms.
pub(crate) fn find(text: &str) -> Option<Found> {
    let mut best: Option<(usize, Found)> = None;
    for (re, make) in PATTERNS.iter() {
        let Some(c) = re.captures(text) else {
            continue;
        };
        let Some(due) = make(&c) else {
            continue;
        };
        if Deadline::parse(&due).is_err() {
            continue;
        }
        let at = c.get(0).map_or(0, |m| m.start());
        if best.as_ref().is_none_or(|(b, _)| at < *b) {
            let from = c[0].to_string();
            best = Some((at, Found { due, from }));
        }
    }
    best.map(|(_, f)| f)
}

/// A condition the text attaches to its deadline: "sau khi …" (up to five words) or
/// "định kỳ …" without a period of the contract's.
pub(crate) fn condition(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for start in ["sau khi ", "định kỳ "] {
        let Some(i) = lower.find(start) else {
            continue;
        };
        if start == "định kỳ " && lower[i..].starts_with("định kỳ 6 tháng") {
            continue;
        }
        let rest = &text[i..];
        let clause: String = rest
            .split([',', ';', '.'])
            .next()
            .unwrap_or(rest)
            .split_whitespace()
            .take(if start == "sau khi " { 6 } else { 16 })
            .collect::<Vec<_>>()
            .join(" ");
        return Some(super::names::lower_first(&clause));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(s: &str) -> Option<String> {
        find(s).map(|f| f.due)
    }

    #[test]
    fn forms_of_the_contract() {
        assert_eq!(
            due("báo cáo Bộ Chính trị vào quý IV-2014.").as_deref(),
            Some("quý IV-2014")
        );
        assert_eq!(
            due("hoàn thành trước ngày 30/6/2024").as_deref(),
            Some("30/6/2024")
        );
        assert_eq!(
            due("trước ngày 05 tháng 01 năm 2025").as_deref(),
            Some("5/1/2025")
        );
        assert_eq!(
            due("bảo đảm kinh phí theo kế hoạch hằng năm").as_deref(),
            Some("hằng năm")
        );
        assert_eq!(due("báo cáo hàng quý").as_deref(), Some("hằng quý"));
        assert_eq!(
            due("xong trong tháng 6/2023").as_deref(),
            Some("tháng 6/2023")
        );
        assert_eq!(
            due("trong thời hạn 15 ngày kể từ").as_deref(),
            Some("15 ngày")
        );
        assert_eq!(
            due("hoàn thành trong năm 2024").as_deref(),
            Some("năm 2024")
        );
        assert_eq!(
            due("định kỳ 6 tháng báo cáo").as_deref(),
            Some("định kỳ 6 tháng")
        );
        assert_eq!(due("Giai đoạn từ nay đến năm 2025"), None);
        assert_eq!(due("Theo dõi, đôn đốc việc triển khai"), None);
        assert_eq!(due("quý V-2014"), None);
    }

    #[test]
    fn conditions() {
        assert_eq!(
            condition("Sau khi kết thúc khóa học báo cáo kết quả học tập").as_deref(),
            Some("sau khi kết thúc khóa học")
        );
        assert_eq!(
            condition("Theo dõi; định kỳ tổng kết kết quả, báo cáo").as_deref(),
            Some("định kỳ tổng kết kết quả")
        );
        assert_eq!(condition("định kỳ 6 tháng báo cáo"), None);
    }
}
