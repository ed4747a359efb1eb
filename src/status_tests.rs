//! The status rule at every boundary of the contract's table.

use super::*;
use crate::deadline::{Deadline, Period};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn on(s: &str) -> Due {
    Due::On(d(s))
}

fn day(s: &str) -> Since {
    Since::Day(d(s))
}

/// A task of a document dated 2024-01-10, with its own `due`.
fn task(due: Option<Due>) -> Facts<'static> {
    Facts {
        issued: Some(d("2024-01-10")),
        due,
        extended: &[],
        done: None,
        withdrawn: None,
    }
}

fn status_on(facts: &Facts, today: &str) -> Status {
    judge(facts, d(today), 30).status
}

#[test]
fn open_tasks_by_their_own_deadline() {
    let t = task(Some(on("2025-01-15")));
    // Due today → due soon; the day after → overdue, by one day.
    assert_eq!(status_on(&t, "2025-01-15"), Status::DueSoon);
    let late = judge(&t, d("2025-01-16"), 30);
    assert_eq!(
        (late.status, late.overdue_days, late.due),
        (Status::Overdue, Some(1), Some(d("2025-01-15")))
    );
    assert_eq!(judge(&t, d("2026-01-15"), 30).overdue_days, Some(365));
    assert_eq!(judge(&t, d("2025-01-15"), 30).overdue_days, None);
}

#[test]
fn due_soon_bounds_are_inclusive() {
    let t = task(Some(on("2025-02-14")));
    assert_eq!(status_on(&t, "2025-01-15"), Status::DueSoon); // exactly 30 days ahead
    assert_eq!(status_on(&t, "2025-01-14"), Status::InProgress); // 31 days ahead
    assert_eq!(judge(&t, d("2025-02-14"), 0).status, Status::DueSoon);
    assert_eq!(judge(&t, d("2025-02-13"), 0).status, Status::InProgress);
}

#[test]
fn no_due_is_no_deadline_and_ongoing_or_recurring_is_ongoing() {
    assert_eq!(status_on(&task(None), "2025-01-15"), Status::NoDeadline);
    let j = judge(&task(None), d("2025-01-15"), 30);
    assert_eq!((j.due, j.overdue_days), (None, None));
    assert_eq!(
        status_on(&task(Some(Due::Ongoing)), "2025-01-15"),
        Status::Ongoing
    );
    let every = task(Some(Due::Every(Period::Quarter)));
    let j = judge(&every, d("2025-03-31"), 30);
    assert_eq!((j.status, j.due), (Status::Ongoing, Some(d("2025-03-31"))));
    assert_eq!(
        judge(&every, d("2025-04-01"), 30).due,
        Some(d("2025-06-30"))
    );
}

#[test]
fn a_document_dated_after_today_is_not_issued() {
    let t = Facts {
        done: Some(day("2024-01-01")),
        withdrawn: Some(Since::Start),
        ..task(Some(on("2020-01-01")))
    };
    assert_eq!(status_on(&t, "2024-01-09"), Status::NotIssued);
    // Issued on its date.
    assert_eq!(status_on(&t, "2024-01-10"), Status::DoneLate);
    // An undated document is issued from the start.
    let undated = Facts {
        issued: None,
        ..task(Some(on("2020-01-01")))
    };
    assert_eq!(status_on(&undated, "0001-01-01"), Status::InProgress);
    assert_eq!(status_on(&undated, "2020-01-02"), Status::Overdue);
}

#[test]
fn done_on_the_due_date_is_on_time_and_the_day_after_is_late() {
    let done = |s| Facts {
        done: Some(day(s)),
        ..task(Some(on("2025-01-15")))
    };
    assert_eq!(
        status_on(&done("2025-01-15"), "2025-03-01"),
        Status::DoneOnTime
    );
    assert_eq!(
        status_on(&done("2025-01-16"), "2025-03-01"),
        Status::DoneLate
    );
    // Done before a later deadline: done, not in progress.
    assert_eq!(
        status_on(&done("2024-12-01"), "2025-03-01"),
        Status::DoneOnTime
    );
    // Done under a recurring or ongoing deadline, or with none: on time.
    for due in [Some(Due::Ongoing), Some(Due::Every(Period::Month)), None] {
        let t = Facts {
            done: Some(day("2030-01-01")),
            ..task(due)
        };
        assert_eq!(status_on(&t, "2030-01-01"), Status::DoneOnTime);
    }
}

#[test]
fn a_done_date_after_today_has_not_happened_yet() {
    let t = Facts {
        done: Some(day("2025-01-20")),
        ..task(Some(on("2025-01-10")))
    };
    assert_eq!(status_on(&t, "2025-01-19"), Status::Overdue);
    assert_eq!(status_on(&t, "2025-01-20"), Status::DoneLate);
}

#[test]
fn done_by_an_undated_document_is_done_on_time_from_the_start() {
    let t = Facts {
        done: Some(Since::Start),
        ..task(Some(on("2020-01-01")))
    };
    assert_eq!(status_on(&t, "2024-01-10"), Status::DoneOnTime);
    assert_eq!(status_on(&t, "2030-01-01"), Status::DoneOnTime);
}

/// Due 30/6/2024, extended to 31/12/2024 by a document of 2024-06-20.
fn extended(done: Option<Since>) -> Facts<'static> {
    const EXT: &[Granted] = &[Granted {
        since: Since::Day(match NaiveDate::from_ymd_opt(2024, 6, 20) {
            Some(x) => x,
            None => panic!(),
        }),
        due: Due::On(match NaiveDate::from_ymd_opt(2024, 12, 31) {
            Some(x) => x,
            None => panic!(),
        }),
    }];
    Facts {
        extended: EXT,
        done,
        ..task(Some(on("2024-06-30")))
    }
}

#[test]
fn the_deadline_in_force_is_the_last_extension_in_effect() {
    let t = extended(None);
    assert_eq!(in_force(&t, d("2024-06-19")), Some(on("2024-06-30")));
    assert_eq!(in_force(&t, d("2024-06-20")), Some(on("2024-12-31")));
    // Before the extension: due soon, then overdue by the original deadline...
    assert_eq!(status_on(&t, "2024-06-19"), Status::DueSoon);
    // ...but from the day it took effect, in progress by the new one.
    let j = judge(&t, d("2024-07-01"), 30);
    assert_eq!(
        (j.status, j.due),
        (Status::InProgress, Some(d("2024-12-31")))
    );
    let j = judge(&t, d("2025-01-02"), 30);
    assert_eq!((j.status, j.overdue_days), (Status::Overdue, Some(2)));
    // Successive extensions: the last in effect wins.
    let two = [
        Granted {
            since: day("2024-06-20"),
            due: on("2024-12-31"),
        },
        Granted {
            since: day("2024-12-20"),
            due: on("2025-06-30"),
        },
    ];
    let t = Facts {
        extended: &two,
        ..task(Some(on("2024-06-30")))
    };
    assert_eq!(in_force(&t, d("2024-12-19")), Some(on("2024-12-31")));
    assert_eq!(in_force(&t, d("2024-12-20")), Some(on("2025-06-30")));
    assert_eq!(status_on(&t, "2025-01-15"), Status::InProgress);
}

#[test]
fn done_on_the_extended_deadline_is_on_time() {
    let t = extended(Some(day("2024-12-31")));
    assert_eq!(status_on(&t, "2025-03-01"), Status::DoneOnTime);
    let t = extended(Some(day("2025-01-01")));
    assert_eq!(status_on(&t, "2025-03-01"), Status::DoneLate);
}

#[test]
fn done_after_the_original_before_the_extension_took_effect_is_late() {
    // Extension granted on 2024-07-10, after the original 30/6 had passed; done on 2024-07-05.
    let ext = [Granted {
        since: day("2024-07-10"),
        due: on("2024-12-31"),
    }];
    let t = Facts {
        extended: &ext,
        done: Some(day("2024-07-05")),
        ..task(Some(on("2024-06-30")))
    };
    assert_eq!(status_on(&t, "2025-03-01"), Status::DoneLate);
    // Done on the day it took effect: on time.
    let t = Facts {
        done: Some(day("2024-07-10")),
        ..t
    };
    assert_eq!(status_on(&t, "2025-03-01"), Status::DoneOnTime);
}

#[test]
fn an_extension_granted_after_the_done_date_does_not_count() {
    let t = extended(Some(day("2024-06-10")));
    // Done before the extension, within the original deadline: on time.
    assert_eq!(status_on(&t, "2025-03-01"), Status::DoneOnTime);
    let ext = [Granted {
        since: day("2024-08-01"),
        due: on("2024-12-31"),
    }];
    let t = Facts {
        extended: &ext,
        done: Some(day("2024-07-15")),
        ..task(Some(on("2024-06-30")))
    };
    assert_eq!(status_on(&t, "2025-03-01"), Status::DoneLate);
}

#[test]
fn an_extension_after_today_has_not_happened_yet() {
    let t = extended(None);
    let j = judge(&t, d("2024-06-19"), 0);
    assert_eq!(
        (j.status, j.due),
        (Status::InProgress, Some(d("2024-06-30")))
    );
}

#[test]
fn an_extension_by_an_undated_document_holds_from_the_start() {
    let ext = [Granted {
        since: Since::Start,
        due: on("2025-12-31"),
    }];
    let t = Facts {
        extended: &ext,
        done: Some(day("2025-06-01")),
        ..task(Some(on("2024-06-30")))
    };
    assert_eq!(status_on(&t, "2025-07-01"), Status::DoneOnTime);
    assert_eq!(in_force(&t, d("0001-01-01")), Some(on("2025-12-31")));
}

#[test]
fn an_extension_may_have_no_date_or_a_recurring_one() {
    let ext = [Granted {
        since: day("2024-07-01"),
        due: Due::Ongoing,
    }];
    let t = Facts {
        extended: &ext,
        ..task(Some(on("2024-06-30")))
    };
    assert_eq!(status_on(&t, "2024-06-30"), Status::DueSoon);
    assert_eq!(status_on(&t, "2024-07-01"), Status::Ongoing);
    // An extension of a task that had no deadline gives it one.
    let ext = [Granted {
        since: day("2024-07-01"),
        due: on("2024-08-01"),
    }];
    let t = Facts {
        extended: &ext,
        ..task(None)
    };
    assert_eq!(status_on(&t, "2024-06-30"), Status::NoDeadline);
    assert_eq!(status_on(&t, "2024-08-02"), Status::Overdue);
}

#[test]
fn withdrawal_takes_effect_on_its_documents_date() {
    let t = Facts {
        withdrawn: Some(day("2025-01-15")),
        ..task(Some(on("2024-06-30")))
    };
    assert_eq!(status_on(&t, "2025-01-14"), Status::Overdue);
    assert_eq!(status_on(&t, "2025-01-15"), Status::Withdrawn);
    assert_eq!(judge(&t, d("2025-01-15"), 30).overdue_days, None);
    // By an undated document: from the start.
    let t = Facts {
        withdrawn: Some(Since::Start),
        ..task(None)
    };
    assert_eq!(status_on(&t, "2024-01-10"), Status::Withdrawn);
    // Done before it was withdrawn: done is the first row that applies.
    let t = Facts {
        withdrawn: Some(day("2025-01-15")),
        done: Some(day("2024-06-01")),
        ..task(Some(on("2024-06-30")))
    };
    assert_eq!(status_on(&t, "2025-02-01"), Status::DoneOnTime);
}

#[test]
fn status_order_and_names() {
    let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "overdue",
            "due_soon",
            "in_progress",
            "ongoing",
            "no_deadline",
            "done_late",
            "done_on_time",
            "withdrawn",
            "not_issued"
        ]
    );
    assert!(Status::ALL.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(Status::LISTED, &Status::ALL[..8]);
    assert_eq!(Status::ALL[8], Status::NotIssued);
    assert!(Status::ALL
        .iter()
        .all(|s| serde_json::to_value(s).unwrap() == s.as_str()));
    let open: Vec<Status> = Status::ALL.into_iter().filter(|s| s.is_open()).collect();
    assert_eq!(
        open,
        [
            Status::Overdue,
            Status::DueSoon,
            Status::InProgress,
            Status::Ongoing,
            Status::NoDeadline
        ]
    );
}

#[test]
fn a_parsed_deadline_resolves_to_a_due() {
    let dl = |s| Deadline::parse(s).unwrap();
    assert_eq!(
        dl("15 ngày").resolve(Some(d("2024-06-20"))),
        Ok(on("2024-07-05"))
    );
    assert!(dl("15 ngày").resolve(None).is_err());
    assert_eq!(
        dl("hằng quý").resolve(None),
        Ok(Due::Every(Period::Quarter))
    );
    assert_eq!(dl("thường xuyên").resolve(None), Ok(Due::Ongoing));
    assert_eq!(dl("quý IV/2014").resolve(None), Ok(on("2014-12-31")));
}

/// The status on `day` read from [`changes`]: the last change on or before it.
fn from_changes(first: Status, changes: &[(NaiveDate, Status)], day: NaiveDate) -> Status {
    changes
        .iter()
        .take_while(|(d, _)| *d <= day)
        .last()
        .map_or(first, |&(_, s)| s)
}

#[test]
fn the_changes_give_the_status_of_every_day() {
    let ext = [
        Granted {
            since: day("2024-05-20"),
            due: on("2024-09-30"),
        },
        Granted {
            since: day("2024-10-05"),
            due: Due::Every(Period::Quarter),
        },
        Granted {
            since: Since::Start,
            due: on("2024-03-01"),
        },
    ];
    let mut cases = vec![
        task(None),
        task(Some(Due::Ongoing)),
        task(Some(on("2024-06-01"))),
        Facts {
            issued: None,
            ..task(Some(on("2024-02-01")))
        },
    ];
    for n in 0..=ext.len() {
        for done in [None, Some(day("2024-06-15")), Some(Since::Start)] {
            for withdrawn in [None, Some(day("2024-04-01")), Some(Since::Start)] {
                cases.push(Facts {
                    extended: &ext[..n],
                    done,
                    withdrawn,
                    ..task(Some(on("2024-05-01")))
                });
            }
        }
    }
    for facts in &cases {
        let (first, changes) = changes(facts, 30);
        assert!(changes.windows(2).all(|w| w[0].0 < w[1].0));
        let mut day = d("2023-12-01");
        while day < d("2025-03-01") {
            let want = judge(facts, day, 30).status;
            assert_eq!(
                from_changes(first, &changes, day),
                want,
                "{facts:?} on {day}"
            );
            day = day.succ_opt().unwrap();
        }
    }
}

#[test]
fn the_changes_of_a_task_are_its_life() {
    let t = Facts {
        done: Some(day("2024-06-15")),
        ..task(Some(on("2024-05-01")))
    };
    let (first, changes) = changes(&t, 30);
    assert_eq!(first, Status::NotIssued);
    assert_eq!(
        changes,
        [
            (d("2024-01-10"), Status::InProgress),
            (d("2024-04-01"), Status::DueSoon),
            (d("2024-05-02"), Status::Overdue),
            (d("2024-06-15"), Status::DoneLate),
        ]
    );
}
