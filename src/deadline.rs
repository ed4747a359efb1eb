//! Deadlines, exactly as the contract's table says: parsing what `due` holds, and resolving it
//! to a day ([`Due`]). Pure functions of the text, the document's date and "today": no I/O, no
//! clock. The status rule that reads them is `status.rs`.

use crate::messages::{msg, Msg};
use chrono::{Datelike, Days, NaiveDate};

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
pub fn accepted_forms() -> Msg {
    msg::accepted_forms()
}

/// Parses a date written `YYYY-MM-DD` or `D/M/YYYY`.
pub fn parse_date(s: &str) -> Result<NaiveDate, Msg> {
    let s = s.trim();
    let (y, m, d) = date_parts(s).ok_or_else(|| msg::not_a_date(s))?;
    date_of(s, y, m, d)
}

/// The year, month and day of a text in the shape of a date: `YYYY-MM-DD` or `D/M/YYYY`, in
/// ASCII digits.
fn date_parts(s: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = if s.contains('-') {
        s.split('-').collect()
    } else {
        s.split('/').rev().collect()
    };
    let nums: Option<Vec<u32>> = parts
        .iter()
        .map(|p| digits(p).filter(|_| p.len() <= 4))
        .collect();
    match nums.as_deref() {
        Some(&[y, m, d]) if parts[0].len() == 4 => Some((y as i32, m, d)),
        _ => None,
    }
}

/// The date `y-m-d` (written `s`), if it is one from year 1 on.
fn date_of(s: &str, y: i32, m: u32, d: u32) -> Result<NaiveDate, Msg> {
    in_years(s, y)?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| msg::not_a_real_date(s))
}

/// `year` (in `text`), if it is from year 1 on: years have four digits.
/// Dates are written with four-digit years, from year 1 ([`LAST_DAY`] is the last).
fn in_years(text: &str, year: i32) -> Result<i32, Msg> {
    if year >= 1 {
        Ok(year)
    } else {
        Err(msg::year_out_of_range(text))
    }
}

impl Deadline {
    /// Parses a `due` value. Case, Unicode form and extra spaces do not matter.
    pub fn parse(text: &str) -> Result<Deadline, Msg> {
        let t = crate::text::name_key(text);
        let written = text.trim();
        let bad = || msg::not_a_deadline_form(written);
        if let Some((y, m, d)) = date_parts(&t) {
            return date_of(written, y, m, d).map(Deadline::Day);
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
            let month = digits(m).ok_or_else(bad)?;
            if !(1..=12).contains(&month) {
                return Err(msg::no_such_month(written, month.to_string()));
            }
            let year = in_years(written, y)?;
            return Ok(Deadline::Month { year, month });
        }
        if let Some(rest) = t.strip_prefix("quý ") {
            let (q, y) = split_period(rest).ok_or_else(bad)?;
            let quarter = match q {
                "i" | "1" => 1,
                "ii" | "2" => 2,
                "iii" | "3" => 3,
                "iv" | "4" => 4,
                _ => return Err(msg::bad_quarter(written)),
            };
            let year = in_years(written, y)?;
            return Ok(Deadline::Quarter { year, quarter });
        }
        if let Some(rest) = t.strip_prefix("năm ") {
            let y = year(rest).ok_or_else(bad)?;
            return in_years(written, y).map(Deadline::Year);
        }
        if let Some(n) = t.strip_suffix(" ngày") {
            return digits(n).map(Deadline::DaysAfter).ok_or_else(bad);
        }
        Err(bad())
    }

    /// The deadline as it resolves on any day, `N ngày` counted from `counted_from` (the
    /// date of the document that set it). `Err` when `N ngày` has no date to count from, or
    /// falls after [`LAST_DAY`].
    pub fn resolve(&self, counted_from: Option<NaiveDate>) -> Result<Due, DueError> {
        Ok(match *self {
            Deadline::Day(d) => Due::On(d),
            Deadline::Month { year, month } => Due::On(month_end(year, month)),
            Deadline::Quarter { year, quarter } => Due::On(month_end(year, quarter * 3)),
            Deadline::Year(y) => Due::On(month_end(y, 12)),
            Deadline::DaysAfter(n) => {
                let date = counted_from.ok_or(DueError::NoDocumentDate(n))?;
                Due::On(days_after(date, n).ok_or(DueError::TooLate(n, date))?)
            }
            Deadline::Recurring(p) => Due::Every(p),
            Deadline::Ongoing => Due::Ongoing,
        })
    }

    /// The resolved due date on `today` ([`Deadline::resolve`], then [`Due::on`]).
    pub fn due_date(
        &self,
        doc_date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, DueError> {
        Ok(self.resolve(doc_date)?.on(today))
    }
}

/// A deadline resolved: a fixed day, a recurring period, or ongoing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    On(NaiveDate),
    /// Recurring: due at the end of the period that contains the day asked about.
    Every(Period),
    /// `thường xuyên`: no date.
    Ongoing,
}

impl Due {
    /// The due date as seen on `day`: for a recurring deadline the end of the current
    /// period, `None` for an ongoing one.
    pub fn on(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Due::On(d) => Some(d),
            Due::Every(p) => Some(period_end(p, day)),
            Due::Ongoing => None,
        }
    }

    /// Recurring and ongoing deadlines never make a task overdue.
    pub fn is_open_ended(self) -> bool {
        !matches!(self, Due::On(_))
    }
}

/// The last day a date may be: dates are written with four-digit years.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => panic!("31/12/9999 is a date"),
};

/// `n` days after `date`, if that is not after [`LAST_DAY`].
fn days_after(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(n.into()))
        .filter(|d| *d <= LAST_DAY)
}

/// Why a deadline of the right form has no due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueError {
    /// `N ngày` in a document that has no date.
    NoDocumentDate(u32),
    /// `N ngày` after the document's date falls after [`LAST_DAY`].
    TooLate(u32, NaiveDate),
}

impl DueError {
    /// What the editor can do about it.
    pub fn help(self) -> Msg {
        match self {
            DueError::NoDocumentDate(_) => msg::due_no_date_help(),
            DueError::TooLate(..) => msg::due_too_late_help(),
        }
    }

    /// What is wrong.
    pub fn message(self) -> Msg {
        match self {
            DueError::NoDocumentDate(n) => msg::due_no_date(n.to_string()),
            DueError::TooLate(n, date) => msg::due_too_late(
                n.to_string(),
                format!("{}/{}/{}", date.day(), date.month(), date.year()),
            ),
        }
    }
}

/// `6/2023`, `6-2023`, `iv/2014` → ("6", 2023).
fn split_period(s: &str) -> Option<(&str, i32)> {
    let (a, b) = s.split_once(['/', '-']).or_else(|| s.split_once(" năm "))?;
    Some((a.trim(), year(b.trim())?))
}

/// A number written in ASCII digits only (no sign, as `str::parse` would take), if it fits.
fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
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
            .en()
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
        assert_eq!(err, DueError::NoDocumentDate(15));
        assert!(err.message().en().contains("no `date`"));
    }

    #[test]
    fn a_count_of_days_past_the_last_day_is_too_late() {
        for (n, doc) in [
            (u32::MAX, "2024-03-01"),
            (4_000_000, "2024-03-01"),
            (1, "9999-12-31"),
        ] {
            let err = Deadline::DaysAfter(n)
                .due_date(Some(d(doc)), d("2025-01-01"))
                .unwrap_err()
                .message()
                .en();
            assert!(err.contains("after 31/12/9999"), "{n} ngày: {err}");
            assert!(!err.contains("`date`"), "{n} ngày: {err}");
        }
        assert_eq!(
            due("1 ngày", Some("9999-12-30"), "2025-01-01"),
            Some(d("9999-12-31"))
        );
    }

    #[test]
    fn signs_and_junk_around_numbers_are_not_forms() {
        for bad in [
            "+5 ngày",
            "+0 ngày",
            "-5 ngày",
            "5.0 ngày",
            "0x5 ngày",
            "tháng +6/2024",
            "tháng -6/2024",
            "tháng 6/+2024",
            "tháng +06/2024",
            "tháng 6.0/2024",
            "năm +2024",
            "+30/6/2024",
            "30/+6/2024",
            "+2024-06-30",
        ] {
            let err = Deadline::parse(bad).unwrap_err();
            assert!(err.en().contains("not a deadline form"), "{bad}: {err:?}");
        }
        assert!(Deadline::parse("quý +4/2024").is_err());
        // Leading zeros are digits as any.
        assert_eq!(Deadline::parse("05 ngày"), Ok(Deadline::DaysAfter(5)));
        assert_eq!(
            Deadline::parse("tháng 06/2024"),
            Ok(Deadline::Month {
                year: 2024,
                month: 6
            })
        );
    }

    #[test]
    fn dates_are_from_year_1_to_9999() {
        assert_eq!(parse_date("0001-01-01"), Ok(d("0001-01-01")));
        assert_eq!(parse_date("31/12/9999"), Ok(LAST_DAY));
        for bad in ["0000-01-01", "1/1/0000", "29/2/0000"] {
            let err = parse_date(bad).unwrap_err();
            assert!(err.en().contains("from year 1 to 9999"), "{bad}: {err:?}");
        }
        for bad in ["0000-12-31", "tháng 1/0000", "quý IV/0000", "năm 0000"] {
            let err = Deadline::parse(bad).unwrap_err();
            assert!(err.en().contains("from year 1 to 9999"), "{bad}: {err:?}");
        }
        assert_eq!(due("năm 9999", None, "2025-01-01"), Some(LAST_DAY));
        assert_eq!(due("quý 1/0001", None, "2025-01-01"), Some(d("0001-03-31")));
        let err = Deadline::parse("2023-02-30").unwrap_err();
        assert!(err.en().contains("not a real date"), "{err:?}");
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
}

#[cfg(test)]
#[path = "deadline_props.rs"]
mod props;
