//! Tests of the periodic report: the period parser and its days and names, and the counting
//! rule on a hand-made site (hierarchy roll-up, groups, periods crossing a year, extensions,
//! withdrawals, tasks not yet issued, the on-time rate without a divisor).

use std::path::Path;
use std::sync::Arc;

use super::*;
use crate::diagnostic::Severity;
use crate::load::source::{parse_document, Documents};
use crate::model::SiteConfig;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

// ---- Periods ----

#[test]
fn the_three_written_forms_parse() {
    assert_eq!(
        p("2024-10"),
        Period::Month {
            year: 2024,
            month: 10
        }
    );
    assert_eq!(
        p("2024-Q4"),
        Period::Quarter {
            year: 2024,
            quarter: 4
        }
    );
    assert_eq!(p("2024"), Period::Year(2024));
    assert_eq!(
        p(" 2025-01 "),
        Period::Month {
            year: 2025,
            month: 1
        }
    );
    for s in ["2024-10", "2024-Q4", "2024", "2025-01", "0001-Q1"] {
        assert_eq!(p(s).to_string(), s, "written back as given");
    }
}

#[test]
fn a_bad_period_is_an_error_that_lists_the_accepted_forms() {
    for bad in [
        "",
        "24",
        "202",
        "20245",
        "2024-13",
        "2024-00",
        "2024-1",
        "2024-010",
        "2024-Q5",
        "2024-Q0",
        "2024-q4",
        "2024-QIV",
        "Q4-2024",
        "quý IV/2024",
        "2024-",
        "2024/10",
        "0000",
        "-2024",
        "２０２４",
        "2024-Q",
    ] {
        let e = Period::parse(bad).expect_err(bad);
        assert_eq!(e.given, bad.trim());
        let msg = e.to_string();
        for form in ["2024-10", "2024-Q4", "2024"] {
            assert!(msg.contains(form), "{msg}");
        }
        assert!(msg.contains(&format!("\"{bad}\"")), "{msg}");
        assert_eq!(bad.parse::<Period>(), Err(e));
    }
}

#[test]
fn a_period_runs_from_its_first_to_its_last_day() {
    let days = |s: &str| (p(s).first_day(), p(s).last_day());
    assert_eq!(days("2024-02"), (d("2024-02-01"), d("2024-02-29")));
    assert_eq!(days("2023-02"), (d("2023-02-01"), d("2023-02-28")));
    assert_eq!(days("2024-Q1"), (d("2024-01-01"), d("2024-03-31")));
    assert_eq!(days("2024-Q3"), (d("2024-07-01"), d("2024-09-30")));
    assert_eq!(days("2024-Q4"), (d("2024-10-01"), d("2024-12-31")));
    assert_eq!(days("2024"), (d("2024-01-01"), d("2024-12-31")));
    assert!(p("2024-Q4").contains(d("2024-10-01")));
    assert!(!p("2024-Q4").contains(d("2025-01-01")));
    assert!(!p("2024-Q4").contains(d("2024-09-30")));
}

#[test]
fn a_period_is_named_as_reports_write_it() {
    assert_eq!(p("2024-10").name_vi(), "tháng 10 năm 2024");
    assert_eq!(p("2024-03").name_vi(), "tháng 3 năm 2024");
    assert_eq!(p("2024-Q1").name_vi(), "quý I năm 2024");
    assert_eq!(p("2024-Q2").name_vi(), "quý II năm 2024");
    assert_eq!(p("2024-Q3").name_vi(), "quý III năm 2024");
    assert_eq!(p("2024-Q4").name_vi(), "quý IV năm 2024");
    assert_eq!(p("2024").name_vi(), "năm 2024");
    assert_eq!(p("2024-Q4").slug(), "2024-q4");
}

#[test]
fn the_period_of_a_day() {
    let day = d("2024-11-20");
    assert_eq!(Period::month_of(day), p("2024-11"));
    assert_eq!(Period::quarter_of(day), p("2024-Q4"));
    assert_eq!(Period::quarter_of(d("2024-03-31")), p("2024-Q1"));
    assert_eq!(Period::quarter_of(d("2024-04-01")), p("2024-Q2"));
    assert_eq!(Period::year_of(day), p("2024"));
}

#[test]
fn years_and_quarters_between_two_days_cross_the_year() {
    let got = periods_between(d("2024-11-20"), d("2025-02-03"));
    let want = ["2024", "2024-Q4", "2025", "2025-Q1"].map(p);
    assert_eq!(got, want);
    let one_day = periods_between(d("2024-06-30"), d("2024-06-30"));
    assert_eq!(one_day, ["2024", "2024-Q2"].map(p));
    let years = periods_between(d("2022-01-01"), d("2024-12-31"));
    assert_eq!(years.len(), 3 + 12);
    assert!(periods_between(d("2025-01-01"), d("2024-12-31")).is_empty());
}

// ---- The counting rule on a hand-made site ----

const BODIES: &str = "\
bodies:
  - id: tinh-uy
    name: Tỉnh ủy
  - id: ubnd
    name: UBND tỉnh
    parent: tinh-uy
  - id: so-a
    name: Sở A
    parent: ubnd
  - id: so-b
    name: Sở B
    parent: ubnd
  - id: huyen
    name: Huyện ủy
groups:
  - id: cac-so
    name: Các sở
    members: [so-a, so-b]
";

/// The plan, dated 2024-09-01. Task 4 is extended by GH (2024-12-01) into 2025; task 5
/// withdrawn by RUT (2024-11-01); task 10 extended by GH2 (2025-01-10), after the year.
const PLAN: &str = "\
tasks:
  - id: \"1\"
    text: Đúng hạn.
    lead: so-a
    due: 2024-10-15
    done: 2024-10-10
  - id: \"2\"
    text: Trễ, xong năm sau.
    lead: so-a
    due: 2024-11-30
    done: 2025-01-05
  - id: \"3\"
    text: Hạn cuối năm.
    lead: so-b
    due: 2024-12-31
  - id: \"4\"
    text: Gia hạn sang năm.
    lead: so-b
    due: 2024-12-15
    extended:
      - due: 2025-02-28
        by: GH
  - id: \"5\"
    text: Bị rút.
    lead: ubnd
    due: 2024-11-15
    withdrawn: RUT
  - id: \"6\"
    text: Của nhóm.
    lead: cac-so
    due: 2024-10-31
  - id: \"7\"
    text: Thường xuyên.
    lead: huyen
    due: thường xuyên
  - id: \"8\"
    text: Chưa có hạn.
    lead: tinh-uy
  - id: \"9\"
    text: Hằng quý.
    lead: so-a
    due: hằng quý
  - id: \"10\"
    text: Gia hạn muộn.
    lead: huyen
    due: 2024-12-20
    extended:
      - due: 2025-03-31
        by: GH2
";

/// Issued 2025-02-01: not issued on any day of 2024, though task 1's deadline is in 2024.
/// Task 2 is done after the site's day (2025-03-15): not done yet.
const LATER: &str = "\
tasks:
  - id: \"1\"
    text: Ban hành sau.
    lead: so-a
    due: 2024-12-31
  - id: \"2\"
    text: Xong sau hôm nay.
    lead: huyen
    due: 2025-03-31
    done: 2025-03-20
";

fn file(id: &str, date: &str, rest: &str) -> String {
    format!(
        "---\nid: {id}\nkind: Kế hoạch\ntitle: Văn bản {id}\nissuer: tinh-uy\ndate: {date}\n{rest}---\nNội dung.\n"
    )
}

/// The hand-made site, as of 2025-03-15.
fn site() -> Graph {
    let texts = [
        file("KH", "2024-09-01", PLAN),
        file("GH", "2024-12-01", ""),
        file("RUT", "2024-11-01", ""),
        file("GH2", "2025-01-10", ""),
        file("LATER", "2025-02-01", LATER),
    ];
    let (registry, mut diags) = crate::load::registry::load(Path::new("bodies.yaml"), BODIES);
    let mut docs = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let path = format!("{i}.md");
        let doc = parse_document(Path::new(&path), t, &mut diags).expect("a document");
        docs.push(Arc::new(doc));
    }
    let docs = Documents {
        docs,
        unreadable_ids: Vec::new(),
    };
    let (g, more) = crate::graph::build(SiteConfig::default(), registry, &docs, d("2025-03-15"));
    diags.extend(more);
    let errors: Vec<_> = diags
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    g
}

fn body(g: &Graph, id: &str) -> Party {
    Party::Body(
        g.registry()
            .bodies
            .iter_enumerated()
            .find(|(_, b)| b.id == id)
            .unwrap()
            .0,
    )
}

fn group(g: &Graph, id: &str) -> Party {
    Party::Group(
        g.registry()
            .groups
            .iter_enumerated()
            .find(|(_, b)| b.id == id)
            .unwrap()
            .0,
    )
}

/// The references of `rows`, in order.
fn refs(g: &Graph, rows: &[Row]) -> Vec<String> {
    rows.iter()
        .map(|r| g.tasks()[r.task].reference.to_string())
        .collect()
}

fn counts(c: [usize; 7]) -> Counts {
    let [done_on_time, done_late, overdue, not_due, ongoing, no_deadline, withdrawn] = c;
    Counts {
        done_on_time,
        done_late,
        overdue,
        not_due,
        ongoing,
        no_deadline,
        withdrawn,
    }
}

#[test]
fn a_quarter_is_counted_as_of_its_last_day() {
    let g = site();
    let r = report(&g, p("2024-Q4"), None);
    assert_eq!(r.as_of, d("2024-12-31"));
    // done on time 1; overdue 2, 6, 10; not due 3, 4; ongoing 7, 9; no deadline 8;
    // withdrawn 5; LATER#1 not issued.
    assert_eq!(r.counts, counts([1, 0, 3, 2, 2, 1, 1]));
    assert_eq!(r.on_time_rate(), Some(25.0));
    let due = &r.falling_due;
    assert_eq!(refs(&g, &due.done_on_time), ["KH#1"]);
    assert!(due.done_late.is_empty());
    assert_eq!(refs(&g, &due.not_done), ["KH#6", "KH#2", "KH#10", "KH#3"]);
    assert_eq!(refs(&g, &r.done_in_period), ["KH#1"]);
    assert_eq!(r.done_in_period[0].done, Some(d("2024-10-10")));
    assert_eq!(refs(&g, &r.overdue), ["KH#6", "KH#2", "KH#10"]);
    let days: Vec<_> = r.overdue.iter().map(|x| x.overdue_days).collect();
    assert_eq!(days, [Some(61), Some(31), Some(11)]);
    assert_eq!(r.overdue[0].lead, Some(group(&g, "cac-so")));
    assert_eq!(r.overdue[1].lead, Some(body(&g, "so-a")));
}

#[test]
fn a_period_crossing_into_the_next_year_is_counted_as_of_today_until_it_ends() {
    let g = site();
    let r = report(&g, p("2025-Q1"), None);
    assert_eq!(r.as_of, d("2025-03-15"), "the quarter has not ended");
    // done on time 1, late 2; overdue 3, 4, 6, LATER#1; due soon 10, LATER#2.
    assert_eq!(r.counts, counts([1, 1, 4, 2, 2, 1, 1]));
    assert_eq!(r.on_time_rate(), Some(16.7));
    assert_eq!(refs(&g, &r.done_in_period), ["KH#2"]);
    assert_eq!(r.done_in_period[0].status, Status::DoneLate);
    // Task 2's deadline was in 2024: done late in this quarter, it is not due in it.
    assert!(r.falling_due.done_late.is_empty());
    let not_done = ["KH#4", "KH#10", "LATER#2"];
    assert_eq!(refs(&g, &r.falling_due.not_done), not_done);
    assert_eq!(
        refs(&g, &r.overdue),
        ["KH#6", "KH#3", "LATER#1", "KH#4"],
        "most days overdue first"
    );
    assert_eq!(r.overdue[3].overdue_days, Some(15));
}

#[test]
fn a_task_extended_into_the_next_period_is_due_in_that_one() {
    let g = site();
    let t4 = g.task("KH#4").unwrap();
    let in_q4 = report(&g, p("2024-Q4"), None);
    assert!(!in_q4.falling_due.not_done.iter().any(|r| r.task == t4));
    assert!(!in_q4.overdue.iter().any(|r| r.task == t4));
    let in_q1 = report(&g, p("2025-Q1"), None);
    let row = in_q1.falling_due.not_done.iter().find(|r| r.task == t4);
    assert_eq!(row.map(|r| r.due), Some(Some(d("2025-02-28"))));
    let year = report(&g, p("2024"), None);
    assert!(!year.falling_due.not_done.iter().any(|r| r.task == t4));
    assert_eq!(year.counts.not_due, 2, "tasks 3 and 4");
}

#[test]
fn an_extension_granted_after_the_period_does_not_change_its_report() {
    let g = site();
    let t10 = g.task("KH#10").unwrap();
    let q4 = report(&g, p("2024-Q4"), None);
    let row = q4.overdue.iter().find(|r| r.task == t10).unwrap();
    assert_eq!(
        (row.due, row.overdue_days),
        (Some(d("2024-12-20")), Some(11))
    );
    let q1 = report(&g, p("2025-Q1"), None);
    let row = q1
        .falling_due
        .not_done
        .iter()
        .find(|r| r.task == t10)
        .unwrap();
    assert_eq!(
        (row.status, row.due),
        (Status::DueSoon, Some(d("2025-03-31")))
    );
}

#[test]
fn a_task_withdrawn_inside_the_period_is_counted_withdrawn_and_never_due() {
    let g = site();
    let t5 = g.task("KH#5").unwrap();
    let nov = report(&g, p("2024-11"), Some(body(&g, "ubnd")));
    assert_eq!(nov.counts.withdrawn, 1);
    let listed = [&nov.falling_due.not_done, &nov.overdue, &nov.done_in_period];
    assert!(listed.iter().all(|rows| rows.iter().all(|r| r.task != t5)));
    // Due on the month's last day, task 2 is due soon, not overdue.
    assert_eq!(refs(&g, &nov.falling_due.not_done), ["KH#2"]);
    assert_eq!(nov.falling_due.not_done[0].status, Status::DueSoon);
    // Before the withdrawal it was a task in progress.
    let sep = report(&g, p("2024-09"), Some(body(&g, "ubnd")));
    assert_eq!(sep.counts.withdrawn, 0);
    assert_eq!(
        sep.counts.not_due, 5,
        "task 1 due soon; 2, 3, 4 and 5 in progress"
    );
}

#[test]
fn tasks_not_yet_issued_are_left_out() {
    let g = site();
    let later = g.task("LATER#1").unwrap();
    let q4 = report(&g, p("2024-Q4"), Some(body(&g, "so-a")));
    // so-a on 2024-12-31: 1 done on time, 2 overdue, 9 ongoing; not LATER#1.
    assert_eq!(q4.counts, counts([1, 0, 1, 0, 1, 0, 0]));
    let lists = [&q4.falling_due.not_done, &q4.overdue];
    assert!(lists
        .iter()
        .all(|rows| rows.iter().all(|r| r.task != later)));
    let q1 = report(&g, p("2025-Q1"), Some(body(&g, "so-a")));
    assert!(q1.overdue.iter().any(|r| r.task == later));
    let before = report(&g, p("2023"), None);
    assert_eq!(before.counts, Counts::default(), "nothing issued in 2023");
    assert!(before.appendix.is_empty());
}

#[test]
fn a_task_done_after_the_reports_day_is_not_done_yet() {
    let g = site();
    let t = g.task("LATER#2").unwrap();
    let r = report(&g, p("2025-03"), Some(body(&g, "huyen")));
    assert!(r.done_in_period.is_empty());
    let row = r.falling_due.not_done.iter().find(|x| x.task == t).unwrap();
    assert_eq!((row.status, row.done), (Status::DueSoon, None));
    assert_eq!(
        r.counts,
        counts([0, 0, 0, 2, 1, 0, 0]),
        "7 ongoing; 10, LATER#2"
    );
}

#[test]
fn a_body_counts_the_bodies_under_it() {
    let g = site();
    let q4 = p("2024-Q4");
    let top = report(&g, q4, Some(body(&g, "tinh-uy")));
    // Everything but the group's task 6 and the district's 7 and 10.
    assert_eq!(top.counts, counts([1, 0, 1, 2, 1, 1, 1]));
    assert_eq!(top.on_time_rate(), Some(50.0));
    assert_eq!(refs(&g, &top.overdue), ["KH#2"]);
    assert_eq!(refs(&g, &top.falling_due.not_done), ["KH#2", "KH#3"]);
    let mid = report(&g, q4, Some(body(&g, "ubnd")));
    assert_eq!(mid.counts, counts([1, 0, 1, 2, 1, 0, 1]));
    let names: Vec<Party> = top.appendix.iter().map(|r| r.party).collect();
    let want = ["tinh-uy", "ubnd", "so-a", "so-b"].map(|b| body(&g, b));
    assert_eq!(names, want, "the body, then each body under it");
    let so_b = top.appendix[3];
    assert_eq!(so_b.counts, counts([0, 0, 0, 2, 0, 0, 0]));
    assert_eq!(
        so_b.falling_due,
        counts([0, 0, 0, 1, 0, 0, 0]),
        "task 3, not 4"
    );
    let so_a = top.appendix[2];
    assert_eq!(so_a.done_in_period, counts([1, 0, 0, 0, 0, 0, 0]));
    assert_eq!(so_a.falling_due, counts([1, 0, 1, 0, 0, 0, 0]));
    assert_eq!(top.appendix[0].counts, top.counts);
}

#[test]
fn a_group_counts_only_the_tasks_it_leads_itself() {
    let g = site();
    let r = report(&g, p("2024-Q4"), Some(group(&g, "cac-so")));
    assert_eq!(r.counts, counts([0, 0, 1, 0, 0, 0, 0]));
    assert_eq!(r.on_time_rate(), Some(0.0));
    assert_eq!(refs(&g, &r.overdue), ["KH#6"]);
    let parties: Vec<Party> = r.appendix.iter().map(|x| x.party).collect();
    assert_eq!(parties, [group(&g, "cac-so")]);
    // Its members' own tasks are theirs, not the group's, and the group is no body's.
    let site = report(&g, p("2024-Q4"), None);
    let tinh_uy = site
        .appendix
        .iter()
        .find(|x| x.party == body(&g, "tinh-uy"));
    assert_eq!(tinh_uy.unwrap().counts.overdue, 1);
}

#[test]
fn the_site_appendix_has_every_party_with_tasks() {
    let g = site();
    let r = report(&g, p("2024"), None);
    let parties: Vec<Party> = r.appendix.iter().map(|x| x.party).collect();
    let mut want: Vec<Party> = ["tinh-uy", "ubnd", "so-a", "so-b", "huyen"]
        .map(|b| body(&g, b))
        .to_vec();
    want.push(group(&g, "cac-so"));
    assert_eq!(parties, want);
    let huyen = r.appendix[4];
    assert_eq!(huyen.counts, counts([0, 0, 1, 0, 1, 0, 0]));
    assert_eq!(huyen.falling_due.overdue, 1);
}

#[test]
fn the_on_time_rate_is_none_without_a_divisor() {
    let g = site();
    let r = report(&g, p("2024-Q3"), Some(body(&g, "huyen")));
    // On 2024-09-30: 7 ongoing, 10 in progress; nothing done or overdue.
    assert_eq!(r.counts, counts([0, 0, 0, 1, 1, 0, 0]));
    assert_eq!(r.on_time_rate(), None);
    assert_eq!(r.appendix[0].on_time_rate(), None);
    assert_eq!(report(&g, p("2023-Q4"), None).on_time_rate(), None);
}

#[test]
fn recurring_and_ongoing_deadlines_never_fall_due() {
    let g = site();
    let r = report(&g, p("2024-Q4"), Some(body(&g, "so-a")));
    let t9 = g.task("KH#9").unwrap();
    assert_eq!(r.counts.ongoing, 1);
    assert!(!r.falling_due.not_done.iter().any(|x| x.task == t9));
}

#[test]
fn a_report_as_of_today_agrees_with_the_builds_stats() {
    let g = site();
    let r = report(&g, p("2025"), None);
    assert_eq!(r.as_of, g.today());
    let now = stats::count(&g, |t| g.tasks()[t].status);
    assert_eq!(r.counts, now.site);
    for row in &r.appendix {
        assert_eq!(
            row.counts,
            counts_of(&now, Some(row.party)),
            "{:?}",
            row.party
        );
    }
}

#[test]
fn the_site_reports_on_every_year_and_quarter_since_its_first_document() {
    let g = site();
    let want = ["2024", "2024-Q3", "2024-Q4", "2025", "2025-Q1"].map(p);
    assert_eq!(site_periods(&g), want);
}
