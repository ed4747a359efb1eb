//! Deadlines and status, exactly as the contract's tables say. Pure functions of the text,
//! the document's date and "today": no I/O, no clock.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

/// A recurring period: the next due date is the end of the period that contains today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year,
    HalfYear,
    Quarter,
    Month,
}

/// A deadline as written in `due`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// `2023-06-30`, `30/6/2023`.
    Day(NaiveDate),
    /// `tháng 6/2023`: the last day of that month.
    Month { year: i32, month: u32 },
    /// `quý IV/2014`: the last day of that quarter.
    Quarter { year: i32, quarter: u32 },
    /// `năm 2024`: 31 December.
    Year(i32),
    /// `15 ngày`: that many days after the document's date.
    DaysAfter(u32),
    /// `hằng năm`, `hằng quý`, `hằng tháng`, `định kỳ 6 tháng`.
    Recurring(Period),
    /// `thường xuyên`.
    Ongoing,
}

/// The forms `due` accepts, for error messages.
pub const ACCEPTED_FORMS: &str = "accepted forms: 2023-06-30, 30/6/2023, tháng 6/2023, quý IV/2014 (or quý IV-2014, quý 4/2014), năm 2024, 15 ngày, hằng năm (hàng năm), hằng quý, hằng tháng, định kỳ 6 tháng, thường xuyên";

/// Parses a date written `YYYY-MM-DD` or `D/M/YYYY`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    let parts: Vec<&str> = if s.contains('-') {
        s.split('-').collect()
    } else {
        s.split('/').rev().collect()
    };
    let nums: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    match nums.as_deref() {
        Some(&[y, m, d]) if parts[0].len() == 4 => NaiveDate::from_ymd_opt(y as i32, m, d)
            .ok_or_else(|| format!("\"{s}\" is not a real date")),
        _ => Err(format!(
            "\"{s}\" is not a date; write YYYY-MM-DD (2022-07-18) or D/M/YYYY (18/7/2022)"
        )),
    }
}

impl Deadline {
    /// Parses a `due` value. Case, Unicode form and extra spaces do not matter.
    pub fn parse(text: &str) -> Result<Deadline, String> {
        let t = crate::text::name_key(text);
        let bad = || format!("\"{}\" is not a deadline form", text.trim());
        if let Ok(d) = parse_date(&t) {
            return Ok(Deadline::Day(d));
        }
        match t.as_str() {
            "thường xuyên" => return Ok(Deadline::Ongoing),
            "hằng năm" | "hàng năm" => return Ok(Deadline::Recurring(Period::Year)),
            "hằng quý" | "hàng quý" => return Ok(Deadline::Recurring(Period::Quarter)),
            "hằng tháng" | "hàng tháng" => return Ok(Deadline::Recurring(Period::Month)),
            "định kỳ 6 tháng" | "6 tháng một lần" => {
                return Ok(Deadline::Recurring(Period::HalfYear))
            }
            _ => {}
        }
        if let Some(rest) = t.strip_prefix("tháng ") {
            let (m, y) = split_period(rest).ok_or_else(bad)?;
            let month: u32 = m.parse().map_err(|_| bad())?;
            if !(1..=12).contains(&month) {
                return Err(format!("\"{}\": there is no month {month}", text.trim()));
            }
            return Ok(Deadline::Month { year: y, month });
        }
        if let Some(rest) = t.strip_prefix("quý ") {
            let (q, y) = split_period(rest).ok_or_else(bad)?;
            let quarter = match q {
                "i" | "1" => 1,
                "ii" | "2" => 2,
                "iii" | "3" => 3,
                "iv" | "4" => 4,
                _ => return Err(format!("\"{}\": a quarter is I to IV", text.trim())),
            };
            return Ok(Deadline::Quarter { year: y, quarter });
        }
        if let Some(rest) = t.strip_prefix("năm ") {
            return year(rest).map(Deadline::Year).ok_or_else(bad);
        }
        if let Some(n) = t.strip_suffix(" ngày") {
            return n.parse().map(Deadline::DaysAfter).map_err(|_| bad());
        }
        Err(bad())
    }

    /// The resolved due date: for recurring deadlines the end of the current period, `None`
    /// for ongoing ones. `Err` when `N ngày` meets a document without a date.
    pub fn due_date(
        &self,
        doc_date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, String> {
        Ok(match *self {
            Deadline::Day(d) => Some(d),
            Deadline::Month { year, month } => Some(month_end(year, month)),
            Deadline::Quarter { year, quarter } => Some(month_end(year, quarter * 3)),
            Deadline::Year(y) => Some(month_end(y, 12)),
            Deadline::DaysAfter(n) => {
                let date = doc_date.ok_or_else(|| {
                    format!("\"{n} ngày\" counts from the document's date, and this document has no `date`")
                })?;
                // Past 9999 a date has no form of the contract to be written back in.
                let due = date
                    .checked_add_days(Days::new(n.into()))
                    .filter(|d| d.year() <= 9999);
                Some(due.ok_or_else(|| format!("\"{n} ngày\" after {date} is past the year 9999"))?)
            }
            Deadline::Recurring(p) => Some(period_end(p, today)),
            Deadline::Ongoing => None,
        })
    }

    /// Recurring and ongoing deadlines never make a task overdue.
    pub fn is_open_ended(&self) -> bool {
        matches!(self, Deadline::Recurring(_) | Deadline::Ongoing)
    }
}

/// `6/2023`, `6-2023`, `iv/2014` → ("6", 2023).
fn split_period(s: &str) -> Option<(&str, i32)> {
    let (a, b) = s.split_once(['/', '-']).or_else(|| s.split_once(" năm "))?;
    Some((a.trim(), year(b.trim())?))
}

fn year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The last day of a month.
pub fn month_end(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// The last day of the period of kind `p` that contains `day`.
pub fn period_end(p: Period, day: NaiveDate) -> NaiveDate {
    let m = day.month();
    let last_month = match p {
        Period::Year => 12,
        Period::HalfYear => {
            if m <= 6 {
                6
            } else {
                12
            }
        }
        Period::Quarter => m.div_ceil(3) * 3,
        Period::Month => m,
    };
    month_end(day.year(), last_month)
}

/// A task's status, as the contract names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Overdue,
    DueSoon,
    InProgress,
    Ongoing,
    DoneLate,
    DoneOnTime,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Overdue,
        Status::DueSoon,
        Status::InProgress,
        Status::Ongoing,
        Status::DoneLate,
        Status::DoneOnTime,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::DoneOnTime => "done_on_time",
            Status::DoneLate => "done_late",
            Status::Overdue => "overdue",
            Status::DueSoon => "due_soon",
            Status::InProgress => "in_progress",
            Status::Ongoing => "ongoing",
        }
    }

    pub fn is_done(self) -> bool {
        matches!(self, Status::DoneOnTime | Status::DoneLate)
    }
}

/// How a task was completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    NotDone,
    /// Done on this date.
    On(NaiveDate),
    /// Done (by a document without a date): lateness cannot be judged.
    UnknownDate,
}

/// The status rule of the contract.
pub fn status(
    deadline: Option<&Deadline>,
    due: Option<NaiveDate>,
    completion: Completion,
    today: NaiveDate,
    soon_days: u32,
) -> Status {
    let open_ended = deadline.is_none_or(Deadline::is_open_ended);
    match completion {
        Completion::On(done) => match due {
            Some(due) if !open_ended && done > due => Status::DoneLate,
            _ => Status::DoneOnTime,
        },
        Completion::UnknownDate => Status::DoneOnTime,
        Completion::NotDone => match due {
            _ if open_ended => Status::Ongoing,
            None => Status::Ongoing,
            Some(due) if due < today => Status::Overdue,
            Some(due) if (due - today).num_days() <= i64::from(soon_days) => Status::DueSoon,
            Some(_) => Status::InProgress,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn due(text: &str, doc: Option<&str>, today: &str) -> Option<NaiveDate> {
        Deadline::parse(text)
            .unwrap()
            .due_date(doc.map(d), d(today))
            .unwrap()
    }

    #[test]
    fn parses_dates_in_both_forms() {
        assert_eq!(parse_date("2023-06-30"), Ok(d("2023-06-30")));
        assert_eq!(parse_date("30/6/2023"), Ok(d("2023-06-30")));
        assert_eq!(parse_date("03/08/2022"), Ok(d("2022-08-03")));
        assert!(parse_date("2023-02-30")
            .unwrap_err()
            .contains("not a real date"));
        assert!(parse_date("31/4/2023").is_err());
        assert!(parse_date("2023/06/30").is_err());
        assert!(parse_date("tomorrow").is_err());
        assert!(parse_date("30/6/23").is_err());
    }

    #[test]
    fn every_contract_form_resolves() {
        let t = "2025-01-15";
        assert_eq!(due("2023-06-30", None, t), Some(d("2023-06-30")));
        assert_eq!(due("30/6/2023", None, t), Some(d("2023-06-30")));
        assert_eq!(due("tháng 6/2023", None, t), Some(d("2023-06-30")));
        assert_eq!(due("tháng 2/2024", None, t), Some(d("2024-02-29")));
        assert_eq!(due("tháng 12/2023", None, t), Some(d("2023-12-31")));
        assert_eq!(due("quý IV/2014", None, t), Some(d("2014-12-31")));
        assert_eq!(due("quý IV-2014", None, t), Some(d("2014-12-31")));
        assert_eq!(due("quý 4/2014", None, t), Some(d("2014-12-31")));
        assert_eq!(due("Quý I/2015", None, t), Some(d("2015-03-31")));
        assert_eq!(due("quý ii/2015", None, t), Some(d("2015-06-30")));
        assert_eq!(due("năm 2024", None, t), Some(d("2024-12-31")));
        assert_eq!(due("15 ngày", Some("2022-08-03"), t), Some(d("2022-08-18")));
        assert_eq!(due("hằng năm", None, t), Some(d("2025-12-31")));
        assert_eq!(due("hàng năm", None, t), Some(d("2025-12-31")));
        assert_eq!(due("hằng quý", None, t), Some(d("2025-03-31")));
        assert_eq!(due("hằng tháng", None, t), Some(d("2025-01-31")));
        assert_eq!(due("định kỳ 6 tháng", None, t), Some(d("2025-06-30")));
        assert_eq!(due("thường xuyên", None, t), None);
        assert_eq!(due("Thường  xuyên", None, t), None);
    }

    #[test]
    fn nfd_input_parses() {
        let nfd = "qu\u{0079}\u{0301} IV/2014"; // "quý" with a combining acute
        assert_eq!(
            Deadline::parse(nfd),
            Ok(Deadline::Quarter {
                year: 2014,
                quarter: 4
            })
        );
    }

    #[test]
    fn recurring_at_a_period_end_is_that_day() {
        assert_eq!(due("hằng quý", None, "2025-03-31"), Some(d("2025-03-31")));
        assert_eq!(due("hằng quý", None, "2025-04-01"), Some(d("2025-06-30")));
        assert_eq!(
            due("định kỳ 6 tháng", None, "2025-06-30"),
            Some(d("2025-06-30"))
        );
        assert_eq!(
            due("định kỳ 6 tháng", None, "2025-07-01"),
            Some(d("2025-12-31"))
        );
        assert_eq!(due("hằng năm", None, "2025-12-31"), Some(d("2025-12-31")));
        assert_eq!(due("hằng tháng", None, "2024-02-10"), Some(d("2024-02-29")));
    }

    #[test]
    fn days_after_needs_a_document_date() {
        let err = Deadline::parse("15 ngày")
            .unwrap()
            .due_date(None, d("2025-01-01"))
            .unwrap_err();
        assert!(err.contains("no `date`"));
    }

    #[test]
    fn bad_forms_are_errors() {
        for bad in [
            "",
            "soon",
            "tháng 13/2023",
            "quý V/2014",
            "năm 24",
            "tháng 6",
            "x ngày",
        ] {
            assert!(Deadline::parse(bad).is_err(), "{bad} should fail");
        }
    }

    fn st(due_text: &str, done: Completion, today: &str) -> Status {
        let dl = Deadline::parse(due_text).unwrap();
        let due = dl.due_date(Some(d("2022-08-03")), d(today)).unwrap();
        status(Some(&dl), due, done, d(today), 30)
    }

    #[test]
    fn status_boundaries() {
        let n = Completion::NotDone;
        // due today → due soon; the day after → overdue
        assert_eq!(st("2025-01-15", n, "2025-01-15"), Status::DueSoon);
        assert_eq!(st("2025-01-15", n, "2025-01-16"), Status::Overdue);
        // due in exactly soon_days → due soon; one more day → in progress
        assert_eq!(st("2025-02-14", n, "2025-01-15"), Status::DueSoon);
        assert_eq!(st("2025-02-15", n, "2025-01-15"), Status::InProgress);
        // open-ended
        assert_eq!(st("thường xuyên", n, "2025-01-15"), Status::Ongoing);
        assert_eq!(st("hằng quý", n, "2025-03-31"), Status::Ongoing);
        assert_eq!(status(None, None, n, d("2025-01-01"), 30), Status::Ongoing);
    }

    #[test]
    fn done_on_the_due_date_is_on_time_and_the_day_after_is_late() {
        let on = |s| Completion::On(d(s));
        assert_eq!(
            st("2025-01-15", on("2025-01-15"), "2025-03-01"),
            Status::DoneOnTime
        );
        assert_eq!(
            st("2025-01-15", on("2025-01-16"), "2025-03-01"),
            Status::DoneLate
        );
        assert_eq!(
            st("quý IV/2014", on("2015-01-01"), "2025-03-01"),
            Status::DoneLate
        );
        assert_eq!(
            st("thường xuyên", on("2030-01-01"), "2025-03-01"),
            Status::DoneOnTime
        );
        assert_eq!(
            st("2025-01-15", Completion::UnknownDate, "2025-03-01"),
            Status::DoneOnTime
        );
        // done before a future deadline is done, not in progress
        assert_eq!(
            st("2026-01-15", on("2025-01-01"), "2025-03-01"),
            Status::DoneOnTime
        );
    }

    #[test]
    fn days_after_boundary() {
        // document dated 2022-08-03, 15 ngày → 2022-08-18
        assert_eq!(
            st("15 ngày", Completion::NotDone, "2022-08-18"),
            Status::DueSoon
        );
        assert_eq!(
            st("15 ngày", Completion::NotDone, "2022-08-19"),
            Status::Overdue
        );
    }
}

#[cfg(test)]
#[path = "deadline_props.rs"]
mod props;
