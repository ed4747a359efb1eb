//! Property tests of the deadline forms (`deadline.rs`) and the status rule (`status.rs`),
//! over dates of years 1 to 9999: every form of the contract's table resolves to the day the
//! table says, and the status table holds at and around every boundary.

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::status::{judge, Facts, Since, Status};

const QUARTERS: [&str; 4] = ["I", "II", "III", "IV"];

/// Any day of years 1 to 9999.
fn day() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap().num_days_from_ce();
    let last = NaiveDate::from_ymd_opt(9999, 12, 31)
        .unwrap()
        .num_days_from_ce();
    (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

/// Any day of years 1900 to 2100 (room on both sides for days added or taken).
fn near_day() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1)
        .unwrap()
        .num_days_from_ce();
    let last = NaiveDate::from_ymd_opt(2100, 12, 31)
        .unwrap()
        .num_days_from_ce();
    (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

/// `text` with each letter's case chosen by `mask`, and the spaces doubled where `mask` says.
fn scrambled(text: &str, mask: u64) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        let bit = mask >> (i % 64) & 1 == 1;
        match c {
            ' ' if bit => out.push_str("  "),
            c if bit => out.extend(c.to_uppercase()),
            c => out.push(c),
        }
    }
    out
}

fn resolved(text: &str, doc: Option<NaiveDate>, today: NaiveDate) -> Option<NaiveDate> {
    Deadline::parse(text)
        .unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
        .due_date(doc, today)
        .unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

/// The status on `today` of a task of an undated document, neither extended nor withdrawn.
fn status(due: Option<Due>, done: Option<Since>, today: NaiveDate, soon: u32) -> Status {
    let facts = Facts {
        issued: None,
        due,
        extended: &[],
        done,
        withdrawn: None,
    };
    judge(&facts, today, soon).status
}

fn is_month_end(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|n| n.day() == 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn a_day_in_either_form_is_that_day(d in day(), today in day(), pad in any::<bool>()) {
        let (y, m, dd) = (d.year(), d.month(), d.day());
        let slashed = if pad {
            format!("{dd:02}/{m:02}/{y:04}")
        } else {
            format!("{dd}/{m}/{y:04}")
        };
        for text in [format!("{y:04}-{m:02}-{dd:02}"), slashed] {
            prop_assert_eq!(parse_date(&text), Ok(d));
            prop_assert_eq!(Deadline::parse(&text), Ok(Deadline::Day(d)));
            prop_assert_eq!(resolved(&text, None, today), Some(d));
        }
    }

    #[test]
    fn a_month_is_its_last_day(d in day(), today in day(), mask in any::<u64>()) {
        let (y, m) = (d.year(), d.month());
        let due = resolved(&scrambled(&format!("tháng {m}/{y:04}"), mask), None, today).unwrap();
        prop_assert_eq!((due.year(), due.month()), (y, m));
        prop_assert!(is_month_end(due));
        prop_assert!(d <= due);
        prop_assert_eq!(resolved(&format!("tháng {m}-{y:04}"), None, today), Some(due));
    }

    #[test]
    fn a_quarter_is_its_last_day(d in day(), today in day(), mask in any::<u64>()) {
        let (y, q) = (d.year(), d.month().div_ceil(3));
        let roman = QUARTERS[q as usize - 1];
        let due = resolved(&format!("quý {roman}/{y:04}"), None, today).unwrap();
        prop_assert_eq!((due.year(), due.month()), (y, q * 3));
        prop_assert!(is_month_end(due));
        prop_assert!(d <= due && (due - d).num_days() < 92);
        for text in [format!("quý {roman}-{y:04}"), format!("quý {q}/{y:04}"), format!("quý {}/{y:04}", roman.to_lowercase())] {
            prop_assert_eq!(resolved(&scrambled(&text, mask), None, today), Some(due));
        }
    }

    #[test]
    fn a_year_is_31_december(d in day(), today in day(), mask in any::<u64>()) {
        let y = d.year();
        prop_assert_eq!(
            resolved(&scrambled(&format!("năm {y:04}"), mask), None, today),
            NaiveDate::from_ymd_opt(y, 12, 31)
        );
    }

    #[test]
    fn n_days_count_from_the_documents_date(doc in near_day(), n in 0u32..100_000, today in day()) {
        let text = format!("{n} ngày");
        prop_assert_eq!(resolved(&text, Some(doc), today), doc.checked_add_days(Days::new(n.into())));
        prop_assert!(Deadline::parse(&text).unwrap().due_date(None, today).is_err());
    }

    #[test]
    fn a_recurring_deadline_is_the_end_of_todays_period(today in day(), which in 0usize..4) {
        let (text, period) = [
            ("hằng năm", Period::Year),
            ("định kỳ 6 tháng", Period::HalfYear),
            ("hằng quý", Period::Quarter),
            ("hằng tháng", Period::Month),
        ][which];
        let due = resolved(text, None, today).unwrap();
        prop_assert_eq!(due, period_end(period, today));
        prop_assert!(today <= due && due.year() == today.year() && is_month_end(due));
        let months = match period { Period::Year => 12, Period::HalfYear => 6, Period::Quarter => 3, Period::Month => 1 };
        prop_assert_eq!(due.month() % months, 0);
        prop_assert!(due.month() - today.month() < months);
        prop_assert_eq!(status(Some(Due::Every(period)), None, today, 30), Status::Ongoing);
    }

    #[test]
    fn status_of_a_task_not_done(due in near_day(), today in near_day(), soon in 0u32..400) {
        let st = status(Some(Due::On(due)), None, today, soon);
        let ahead = (due - today).num_days();
        let expected = if ahead < 0 {
            Status::Overdue
        } else if ahead <= i64::from(soon) {
            Status::DueSoon
        } else {
            Status::InProgress
        };
        prop_assert_eq!(st, expected);
        if st == Status::Overdue {
            // overdue days = today − deadline, at least one
            prop_assert!((today - due).num_days() >= 1);
        }
        // the window's edges: today and the soon_days-th day are due soon, the day after not
        for (day_due, want) in [
            (today, Status::DueSoon),
            (today + Days::new(soon.into()), Status::DueSoon),
            (today + Days::new(u64::from(soon) + 1), Status::InProgress),
            (today - Days::new(1), Status::Overdue),
        ] {
            prop_assert_eq!(status(Some(Due::On(day_due)), None, today, soon), want);
        }
        // open-ended deadlines never make a task overdue, due soon or in progress
        for open in [Due::Ongoing, Due::Every(Period::Quarter)] {
            prop_assert_eq!(status(Some(open), None, today, soon), Status::Ongoing);
        }
        // no `due` at all is no deadline, never ongoing
        prop_assert_eq!(status(None, None, today, soon), Status::NoDeadline);
    }

    #[test]
    fn status_moves_one_way_as_days_pass(due in near_day(), today in near_day(), later in 0u64..1000, soon in 0u32..400) {
        let rank = |s: Status| match s {
            Status::InProgress => 0,
            Status::DueSoon => 1,
            Status::Overdue => 2,
            other => panic!("{other:?} for a task not done"),
        };
        let a = status(Some(Due::On(due)), None, today, soon);
        let b = status(Some(Due::On(due)), None, today + Days::new(later), soon);
        prop_assert!(rank(a) <= rank(b));
    }

    #[test]
    fn status_of_a_task_done(due in near_day(), done in near_day(), today in near_day(), soon in 0u32..400) {
        let st = status(Some(Due::On(due)), Some(Since::Day(done)), today, soon);
        // done after today has not happened yet
        if done > today {
            prop_assert!(!st.is_done());
        } else {
            prop_assert_eq!(st, if done <= due { Status::DoneOnTime } else { Status::DoneLate });
            for open in [Due::Ongoing, Due::Every(Period::Year)] {
                prop_assert_eq!(status(Some(open), Some(Since::Day(done)), today, soon), Status::DoneOnTime);
            }
        }
        prop_assert_eq!(status(Some(Due::On(due)), Some(Since::Start), today, soon), Status::DoneOnTime);
    }
}

// Inputs the fuzz target `deadline` (fuzz/fuzz_targets/deadline.rs) found, minimised.

/// `4000000 ngày` after 31/12/9999 resolved to `+20951-…`, which no form of the contract
/// writes back (and which data.json and the calendar printed as such).
#[test]
fn n_days_past_the_year_9999_are_refused() {
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
    for (n, doc) in [
        (1, last),
        (4_000_000, last),
        (u32::MAX, last),
        (u32::MAX, today),
    ] {
        let err = Deadline::DaysAfter(n)
            .due_date(Some(doc), today)
            .unwrap_err();
        assert_eq!(err, DueError::TooLate(n, doc));
    }
    assert_eq!(
        Deadline::DaysAfter(0).due_date(Some(last), today),
        Ok(Some(last))
    );
}
