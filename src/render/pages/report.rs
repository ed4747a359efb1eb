//! The views of the periodic reports (`bao-cao/`): a page per year and quarter for the whole
//! site and for each party with tasks, laid out to print as an administrative report (issuer
//! and number left, national motto and date right, "BÁO CÁO", then the figures), and their
//! index. The figures are [`crate::report`]'s, each period's counted once for all its pages
//! ([`PeriodSeen`]). Lists are capped at [`LISTED`] tasks, with a link to the task list.

use super::letterhead::{Family, Letterhead};
use super::*;
use crate::i18n::{labels, number, percent};
use crate::layout::Depth;
use crate::model::Language;
use crate::report::{self, PartyRow, Period, PeriodSeen, Report, Row};
use chrono::NaiveDate;

/// Tasks a report's list names at most; the rest are counted, with a link to the tasks page
/// judged on the report's day.
pub(crate) const LISTED: usize = 100;

/// A period as a report names it: "quý IV năm 2024" / "Q4 2024".
pub(crate) fn period_name(lang: Language, p: Period) -> String {
    match (lang, p) {
        (Language::Vi, _) => p.name_vi(),
        (Language::En, Period::Month { year, month }) => format!("{year}-{month:02}"),
        (Language::En, Period::Quarter { year, quarter }) => format!("Q{quarter} {year}"),
        (Language::En, Period::Year(year)) => year.to_string(),
    }
}

/// A period's report page: `bao-cao/2024-q4.html`.
pub(crate) fn report_path(p: Period) -> String {
    format!("{}{}.html", paths::REPORTS_DIR, p.slug())
}

/// What the last column of a list gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    /// The done date.
    Done,
    /// The status on the report's day (with the days overdue).
    Status,
    /// The days overdue.
    Overdue,
}

/// A list of tasks, capped at [`LISTED`].
#[derive(Serialize)]
pub(crate) struct TaskList {
    pub(crate) count: String,
    /// Its rows ([`task_rows`]); empty when it has none.
    pub(crate) rows: Html,
    /// How many more it has than it names, and where the tasks page lists them.
    pub(crate) more: usize,
    pub(crate) more_text: String,
    pub(crate) more_href: String,
}

/// A figure of the summary.
#[derive(Serialize)]
pub(crate) struct Figure {
    pub(crate) label: &'static str,
    pub(crate) value: String,
}

#[derive(Serialize)]
pub(crate) struct ReportPage<'a> {
    /// The printed head: who reports (the party, or the site's title), "Số:        /BC", the
    /// motto and the date line.
    pub(crate) head: Letterhead<'a>,
    pub(crate) party: Option<PartyLink<'a>>,
    pub(crate) period: String,
    pub(crate) period_name: String,
    pub(crate) as_of: String,
    pub(crate) as_of_iso: String,
    pub(crate) figures: Vec<Figure>,
    pub(crate) on_time: TaskList,
    pub(crate) late: TaskList,
    pub(crate) not_done: TaskList,
    pub(crate) done: TaskList,
    pub(crate) overdue: TaskList,
    pub(crate) columns: Vec<super::stats::Column>,
    /// The appendix's lines ([`appendix`]); empty when no party has tasks.
    pub(crate) appendix: Html,
    pub(crate) index: String,
}

impl PageView for ReportPage<'_> {
    fn written(&self) -> usize {
        let lists = [
            &self.on_time,
            &self.late,
            &self.not_done,
            &self.done,
            &self.overdue,
        ];
        lists.iter().map(|l| l.rows.len() + 200).sum::<usize>() + self.appendix.len()
    }
}

/// The filtered tasks page as of the report's day: `status` (none: all), `party`'s tasks.
fn tasks_href(g: &Graph, r: &Report, status: Option<&str>) -> String {
    let mut href = format!("{}?today={}", paths::TASKS, r.as_of);
    if let Some(p) = r.party {
        href = format!("{href}&body={}", g.registry().slug(p));
    }
    if let Some(s) = status {
        href = format!("{href}&status={s}");
    }
    href
}

fn task_list(g: &Graph, r: &Report, rows: &[Row], status: Option<&str>, last: Last) -> TaskList {
    let lang = g.config().language;
    let more = rows.len().saturating_sub(LISTED);
    TaskList {
        count: number(lang, rows.len()),
        rows: task_rows(
            g,
            &rows[..rows.len() - more],
            Depth::of(&report_path(r.period)),
            last,
        ),
        more,
        more_text: match lang {
            Language::Vi => format!("Còn {} nhiệm vụ khác.", number(lang, more)),
            Language::En => format!("And {} more tasks.", number(lang, more)),
        },
        more_href: tasks_href(g, r, status),
    }
}

/// The rows of a list, written here rather than by the template (a site's reports list
/// thousands of tasks at 10,000 documents): number, the task's name linking to it and its
/// text, its lead, its deadline, and the `last` column.
fn task_rows(g: &Graph, rows: &[Row], depth: Depth, last: Last) -> Html {
    let lang = g.config().language;
    let mut out = Html::with_capacity(rows.len() * 400);
    let date = |out: &mut Html, d: Option<NaiveDate>| {
        if let Some(d) = d {
            out.text(&short_date(lang, d));
        }
    };
    for (i, row) in rows.iter().enumerate() {
        let task = &g.tasks()[row.task];
        out.raw("<tr><td class=\"num\">")
            .num(i + 1)
            .raw("</td><td><a href=\"")
            .raw(depth.prefix())
            .text(&task_url(g, row.task))
            .raw("\">")
            .text(&task_name(g, row.task))
            .raw("</a><br>")
            .text(&task.text)
            .raw("</td><td>");
        if let Some(p) = row.lead {
            out.text(g.registry().name(p));
        }
        out.raw("</td><td>");
        date(&mut out, row.due);
        out.raw("</td><td class=\"num\">");
        let days = row
            .overdue_days
            .map(|n| number(lang, usize::try_from(n).unwrap_or(0)));
        match (last, days) {
            (Last::Done, _) => date(&mut out, row.done),
            (Last::Status, days) => {
                out.text(crate::i18n::status_label(lang, row.status));
                if let Some(days) = days {
                    out.raw(" (").text(&days).raw(")");
                }
            }
            (Last::Overdue, Some(days)) => {
                out.text(&days);
            }
            (Last::Overdue, None) => {}
        }
        out.raw("</td></tr>");
    }
    out
}

/// The on-time rate as a bar 100 units long, the rate filled dark in an outline, and the
/// figure as text after it, so that it reads in black and white (colours and outline in
/// static/style.css, `svg.bar`); the bar is only a picture of the figure.
pub(crate) fn rate_bar(out: &mut Html, rate: Option<f64>, text: &str) {
    let filled = rate.unwrap_or(0.0).clamp(0.0, 100.0);
    out.raw("<svg class=\"bar\" viewBox=\"0 0 100 12\" aria-hidden=\"true\"><rect width=\"")
        .display(format_args!("{filled:.1}"))
        .raw("\" height=\"12\"/></svg>")
        .text(text);
}

fn figures(g: &Graph, r: &Report) -> Vec<Figure> {
    let lang = g.config().language;
    let t = labels(lang);
    let c = &r.counts;
    let mut out: Vec<Figure> = super::stats::columns(g)
        .into_iter()
        .zip(super::stats::in_columns(c))
        .map(|(col, n)| Figure {
            label: col.label,
            value: number(lang, n),
        })
        .collect();
    out.insert(
        0,
        Figure {
            label: t.total,
            value: number(lang, report::total(c)),
        },
    );
    out.push(Figure {
        label: t.on_time_rate,
        value: percent(lang, r.on_time_rate()),
    });
    out
}

/// The appendix's lines, written here rather than by the template: a site's report has one
/// for every party with tasks, and the template took a tenth of a build for them at 10,000
/// documents. Each line: the party (linking to its page of reports), its total, its counts by
/// column, what fell due and what was done in the period, and its on-time rate as a bar.
fn appendix(g: &Graph, r: &Report) -> Html {
    let lang = g.config().language;
    let depth = Depth::of(&report_path(r.period));
    let mut out = Html::with_capacity(r.appendix.len() * 400);
    let cell = |out: &mut Html, n: usize| num_cell(out, lang, n);
    for line in &r.appendix {
        out.raw("<tr")
            .attr("id", g.registry().slug(line.party))
            .raw("><th scope=\"row\"><a href=\"")
            .raw(depth.prefix())
            .text(&party_reports_path(g, line.party))
            .raw("\">")
            .text(g.registry().name(line.party))
            .raw("</a></th>");
        cell(&mut out, report::total(&line.counts));
        for n in super::stats::in_columns(&line.counts) {
            cell(&mut out, n);
        }
        cell(&mut out, report::total(&line.falling_due));
        let done = line.done_in_period;
        cell(&mut out, done.done_on_time + done.done_late);
        let rate = percent(lang, line.on_time_rate());
        out.raw("<td class=\"rate\">");
        rate_bar(&mut out, line.on_time_rate(), &rate);
        out.raw("</td></tr>");
    }
    out
}

/// The page of report `r`.
pub(crate) fn report_page<'a>(g: &'a Graph, r: &Report) -> ReportPage<'a> {
    let lang = g.config().language;
    let fd = &r.falling_due;
    let date = long_date(lang, r.as_of);
    ReportPage {
        head: report_head(g, r, crate::text::capitalise(&date)),
        party: r.party.map(|p| party_link(g, p)),
        period: r.period.to_string(),
        period_name: period_name(lang, r.period),
        as_of: date,
        as_of_iso: r.as_of.to_string(),
        figures: figures(g, r),
        on_time: task_list(g, r, &fd.done_on_time, Some("done_on_time"), Last::Done),
        late: task_list(g, r, &fd.done_late, Some("done_late"), Last::Done),
        not_done: task_list(g, r, &fd.not_done, None, Last::Status),
        done: task_list(g, r, &r.done_in_period, None, Last::Done),
        overdue: task_list(g, r, &r.overdue, Some("overdue"), Last::Overdue),
        columns: super::stats::columns(g),
        appendix: appendix(g, r),
        index: paths::REPORTS.to_string(),
    }
}

/// A report's head: the State's layout, or its party's family when the registry says it.
fn report_head<'a>(g: &'a Graph, r: &Report, date_line: String) -> Letterhead<'a> {
    let family = r
        .party
        .and_then(|p| Family::of_party(g.registry(), p))
        .or(Some(Family::State));
    let mut head = Letterhead::of(g, r.party, family);
    head.issuer = Some(head.issuer.unwrap_or(&g.config().title));
    head.number = Some(labels(g.config().language).report_number.to_string());
    head.date_line = Some(date_line);
    head
}

/// The report of the whole site for one period, its appendix a line per party with tasks.
pub(crate) fn period_report(g: &Graph, p: Period) -> Report {
    PeriodSeen::of(g, p).report(g, None)
}

/// A party's page of reports (`bao-cao/co-quan/SLUG.html`): its figures in every period.
pub(crate) fn party_reports_path(g: &Graph, party: Party) -> String {
    format!(
        "{}{}.html",
        paths::PARTY_REPORTS_DIR,
        g.registry().slug(party)
    )
}

/// The parties with a page of reports: those with tasks on the graph's day (a task counted
/// on any period's last day is counted on the graph's day too), by the counts `s` of the
/// graph's tasks on its day (`Rows::stats`).
pub(crate) fn reporting_parties(g: &Graph, s: &crate::stats::Stats) -> Vec<Party> {
    let bodies = g.registry().bodies.ids().map(Party::Body);
    let groups = g.registry().groups.ids().map(Party::Group);
    bodies
        .chain(groups)
        .filter(|&p| report::total(&report::counts_of(s, Some(p))) > 0)
        .collect()
}

/// A party's page of reports: its figures in every period, the latest first.
#[derive(Serialize)]
pub(crate) struct PartyReports<'a> {
    pub(crate) party: PartyLink<'a>,
    pub(crate) columns: Vec<super::stats::Column>,
    /// A line per period in which it has tasks ([`period_line`]).
    pub(crate) lines: Html,
    pub(crate) index: String,
}

impl PageView for PartyReports<'_> {
    fn written(&self) -> usize {
        self.lines.len() + 2000
    }
}

/// The line of `row` (one party's figures in `period`, as of `as_of`), written here rather
/// than by the template (a page per party, a line per period): the period linking to the
/// party's line of that period's report, the day it is as of, the party's total, its counts
/// (the overdue count linking to the task list of that day), what fell due and what was done
/// in the period, the on-time rate.
fn period_line(out: &mut Html, g: &Graph, period: Period, as_of: NaiveDate, row: &PartyRow) {
    let lang = g.config().language;
    let depth = Depth::of(&party_reports_path(g, row.party));
    let slug = g.registry().slug(row.party);
    let cell = |out: &mut Html, n: usize| num_cell(out, lang, n);
    out.raw(if matches!(period, Period::Year(_)) {
        "<tr class=\"year\">"
    } else {
        "<tr>"
    });
    out.raw("<th scope=\"row\"><a href=\"")
        .raw(depth.prefix())
        .text(&report_path(period))
        .raw("#")
        .text(slug)
        .raw("\">")
        .text(&period_name(lang, period))
        .raw("</a><br><span class=\"muted\">")
        .text(&short_date(lang, as_of))
        .raw("</span></th>");
    cell(out, report::total(&row.counts));
    for (i, n) in super::stats::in_columns(&row.counts)
        .into_iter()
        .enumerate()
    {
        if i == 2 && n > 0 {
            out.raw("<td><a href=\"")
                .raw(depth.prefix())
                .text(paths::TASKS)
                .raw("?today=")
                .display(as_of)
                .raw("&amp;body=")
                .text(slug)
                .raw("&amp;status=overdue\">")
                .text(&number(lang, n))
                .raw("</a></td>");
        } else {
            cell(out, n);
        }
    }
    cell(out, report::total(&row.falling_due));
    let done = row.done_in_period;
    cell(out, done.done_on_time + done.done_late);
    out.raw("<td>")
        .text(&percent(lang, row.on_time_rate()))
        .raw("</td></tr>");
}

/// The page of `party`'s reports from its lines of every period's appendix (`periods` in
/// order of time, each with its day and appendix).
pub(crate) fn party_reports<'a>(
    g: &'a Graph,
    party: Party,
    periods: &[(Period, NaiveDate, Vec<PartyRow>)],
) -> PartyReports<'a> {
    let mut lines = Html::new();
    for (p, as_of, rows) in periods.iter().rev() {
        if let Some(row) = rows.iter().find(|r| r.party == party) {
            period_line(&mut lines, g, *p, *as_of, row);
        }
    }
    PartyReports {
        party: party_link(g, party),
        columns: super::stats::columns(g),
        lines,
        index: paths::REPORTS.to_string(),
    }
}

/// A table cell of number `n`, written as the language writes numbers (right-aligned by
/// its table's class, `appendix`).
fn num_cell(out: &mut Html, lang: Language, n: usize) {
    out.raw("<td>").text(&number(lang, n)).raw("</td>");
}

/// The paths of every report page of `g` (the index aside), without counting a report.
pub(crate) fn report_pages(g: &Graph) -> Vec<String> {
    let periods = report::site_periods(g).into_iter().map(report_path);
    let s = crate::stats::count(g, |t| g.tasks()[t].status);
    let parties = reporting_parties(g, &s).into_iter();
    periods
        .chain(parties.map(|p| party_reports_path(g, p)))
        .collect()
}

/// A period of the index.
#[derive(Serialize)]
pub(crate) struct IndexLine {
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) is_year: bool,
}

#[derive(Serialize)]
pub(crate) struct ReportsIndex<'a> {
    pub(crate) periods: Vec<IndexLine>,
    /// The parties with a page of reports, each with its page.
    pub(crate) parties: Vec<(PartyLink<'a>, String)>,
}

impl PageView for ReportsIndex<'_> {
    fn written(&self) -> usize {
        self.periods.len() * 200 + self.parties.len() * 300
    }
}

/// The index of the reports: the latest period first, then the parties' pages of reports in
/// the registry's order.
pub(crate) fn reports_index<'a>(
    g: &'a Graph,
    periods: &[Period],
    parties: &[Party],
) -> ReportsIndex<'a> {
    let lang = g.config().language;
    ReportsIndex {
        periods: periods
            .iter()
            .rev()
            .map(|&p| IndexLine {
                name: period_name(lang, p),
                url: report_path(p),
                is_year: matches!(p, Period::Year(_)),
            })
            .collect(),
        parties: parties
            .iter()
            .map(|&p| (party_link(g, p), party_reports_path(g, p)))
            .collect(),
    }
}

/// The home page's summary of the quarter of the build's day, when the site reports on it:
/// what fell due in it and how, what was done in it, what is overdue, the on-time rate.
#[derive(Serialize)]
pub(crate) struct QuarterSummary {
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) as_of: String,
    pub(crate) figures: Vec<Figure>,
}

pub(crate) fn quarter_summary(g: &Graph) -> Option<QuarterSummary> {
    let q = Period::quarter_of(g.today());
    if !report::site_periods(g).contains(&q) {
        return None;
    }
    let lang = g.config().language;
    let t = labels(lang);
    let r = report::report(g, q, None);
    let fd = &r.falling_due;
    let status = |s| crate::i18n::status_label(lang, s);
    let figure = |label, n: usize| Figure {
        label,
        value: number(lang, n),
    };
    use crate::status::Status;
    Some(QuarterSummary {
        name: period_name(lang, q),
        url: report_path(q),
        as_of: long_date(lang, r.as_of),
        figures: vec![
            figure(
                t.falling_due,
                fd.done_on_time.len() + fd.done_late.len() + fd.not_done.len(),
            ),
            figure(status(Status::DoneOnTime), fd.done_on_time.len()),
            figure(status(Status::DoneLate), fd.done_late.len()),
            figure(t.not_done, fd.not_done.len()),
            figure(t.done_in_period, r.done_in_period.len()),
            figure(status(Status::Overdue), r.overdue.len()),
            Figure {
                label: t.on_time_rate,
                value: percent(lang, r.on_time_rate()),
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_named_as_reports_name_them() {
        let q4 = Period::Quarter {
            year: 2024,
            quarter: 4,
        };
        assert_eq!(period_name(Language::Vi, q4), "quý IV năm 2024");
        assert_eq!(period_name(Language::En, q4), "Q4 2024");
        assert_eq!(period_name(Language::Vi, Period::Year(2024)), "năm 2024");
        assert_eq!(period_name(Language::En, Period::Year(2024)), "2024");
    }

    #[test]
    fn the_bar_shows_the_rate_as_a_fill_and_as_text_and_escapes_it() {
        let bar_of = |rate, text| {
            let mut out = Html::new();
            rate_bar(&mut out, rate, text);
            out.into_string()
        };
        let bar = bar_of(Some(66.7), "66,7% <b>");
        assert!(bar.contains("<rect width=\"66.7\""), "{bar}");
        assert!(
            bar.ends_with("</svg>66,7% &lt;b&gt;"),
            "the figure as text: {bar}"
        );
        assert!(
            bar.contains("aria-hidden=\"true\""),
            "the text says it; the bar is a picture of it"
        );
        let none = bar_of(None, "—");
        assert!(
            none.contains("width=\"0.0\"") && none.ends_with("—"),
            "{none}"
        );
        let over = bar_of(Some(150.0), "150%");
        assert!(
            over.contains("width=\"100.0\""),
            "never past the whole: {over}"
        );
    }
}
