//! The deadline parser: arbitrary text as a `due`, against arbitrary document dates and
//! days. No panic; a deadline that resolves to a date prints back, in each form of the
//! contract that names that date, to text that parses to the same date.
//!
//! Input: the `due` text, then optionally a 0 byte and up to 9 bytes: the document's date and
//! "today" (each a day number in years 1..=9999; the 0 byte alone: no document date), and
//! `soon_days`.
#![no_main]

use chidao::deadline::{self, Deadline, Due};
use chidao::status::{judge, Facts, Since, Status};
use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;

fn day(bytes: &[u8]) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1, 1, 1)?.num_days_from_ce();
    let last = NaiveDate::from_ymd_opt(9999, 12, 31)?.num_days_from_ce();
    let mut n = [0u8; 4];
    n[..bytes.len().min(4)].copy_from_slice(&bytes[..bytes.len().min(4)]);
    let span = (last - first + 1) as u32;
    NaiveDate::from_num_days_from_ce_opt(first + (u32::from_le_bytes(n) % span) as i32)
}

/// Parses `text` and resolves it as `due_date` does.
fn resolve(text: &str, doc: Option<NaiveDate>, today: NaiveDate) -> Option<NaiveDate> {
    let d = Deadline::parse(text).unwrap_or_else(|e| panic!("{text:?} does not parse: {e:?}"));
    d.due_date(doc, today)
        .unwrap_or_else(|e| panic!("{text:?} does not resolve: {e:?}"))
}

fuzz_target!(|data: &[u8]| {
    let (text, tail) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let default = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
    let (doc, today, soon) = match tail {
        None => (
            Some(NaiveDate::from_ymd_opt(2022, 8, 3).unwrap()),
            default,
            30,
        ),
        Some(t) if t.is_empty() => (None, default, 30),
        Some(t) => (
            day(t),
            t.get(4..).and_then(day).unwrap_or(default),
            t.get(8).map_or(30, |&s| u32::from(s)),
        ),
    };

    let _ = deadline::parse_date(text);
    let Ok(dl) = Deadline::parse(text) else {
        return;
    };
    let Ok(resolved) = dl.resolve(doc) else {
        return;
    };
    let due = resolved.on(today);
    assert_eq!(dl.due_date(doc, today), Ok(due));
    // The task of an undated document with this `due`, done on `done` (or not), on a day.
    let status = |done: Option<NaiveDate>, day: NaiveDate| {
        let facts = Facts {
            issued: None,
            due: Some(resolved),
            extended: &[],
            done: done.map(Since::Day),
            withdrawn: None,
        };
        judge(&facts, day, soon).status
    };
    let _ = status(None, today);
    let Some(due) = due else {
        assert_eq!(resolved, Due::Ongoing);
        return;
    };
    // The round trip: the date as `new` writes it (YYYY-MM-DD) and as D/M/YYYY.
    let (y, m, d) = (due.year(), due.month(), due.day());
    for printed in [format!("{y:04}-{m:02}-{d:02}"), format!("{d}/{m}/{y:04}")] {
        assert_eq!(
            deadline::parse_date(&printed),
            Ok(due),
            "{text:?} → {printed}"
        );
        assert_eq!(
            resolve(&printed, doc, today),
            Some(due),
            "{text:?} → {printed}"
        );
    }
    // A month's, a quarter's or a year's last day in those forms too.
    if due == deadline::month_end(y, m) {
        assert_eq!(resolve(&format!("tháng {m}/{y:04}"), doc, today), Some(due));
        if m % 3 == 0 {
            let q = ["I", "II", "III", "IV"][m as usize / 3 - 1];
            assert_eq!(resolve(&format!("quý {q}/{y:04}"), doc, today), Some(due));
            assert_eq!(
                resolve(&format!("quý {}/{y:04}", m / 3), doc, today),
                Some(due)
            );
        }
        if m == 12 {
            assert_eq!(resolve(&format!("năm {y:04}"), doc, today), Some(due));
        }
    }
    if let Some(doc) = doc {
        if let Ok(n) = u32::try_from((due - doc).num_days()) {
            assert_eq!(resolve(&format!("{n} ngày"), Some(doc), today), Some(due));
        }
    }
    // Status: done on the due date is on time, the day after late; not done, judged by day.
    if let Due::On(_) = resolved {
        // Judged on a day on or after the done date, when the doing has happened.
        assert_eq!(status(Some(due), due.max(today)), Status::DoneOnTime);
        if let Some(next) = due.succ_opt() {
            assert_eq!(status(Some(next), next.max(today)), Status::DoneLate);
        }
        let expected = if due < today {
            Status::Overdue
        } else if (due - today).num_days() <= i64::from(soon) {
            Status::DueSoon
        } else {
            Status::InProgress
        };
        assert_eq!(status(None, today), expected);
    }
});
