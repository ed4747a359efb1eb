//! The views of the periodic reports (`bao-cao/`): a page per year and quarter for the whole
//! site and for each party with tasks, laid out to print as an administrative report (issuer
//! and number left, national motto and date right, "BÁO CÁO", then the figures), and their
//! index. The figures are [`crate::report`]'s, each period's counted once for all its pages
//! ([`PeriodSeen`]). Lists are capped at [`LISTED`] tasks, with a link to the task list.

use super::*;
use crate::i18n::{labels, number, percent};
use crate::model::Language;
use crate::report::{self, Period, PeriodSeen, Report, Row};

/// Tasks a report's list names at most; the rest are counted, with a link to the tasks page
/// judged on the report's day.
pub(crate) const LISTED: usize = 200;

/// A period as a report names it: "quý IV năm 2024" / "Q4 2024".
pub(crate) fn period_name(lang: Language, p: Period) -> String {
    match (lang, p) {
        (Language::Vi, _) => p.name_vi(),
        (Language::En, Period::Month { year, month }) => format!("{year}-{month:02}"),
        (Language::En, Period::Quarter { year, quarter }) => format!("Q{quarter} {year}"),
        (Language::En, Period::Year(year)) => year.to_string(),
    }
}

/// A report page's path: `bao-cao/2024-q4.html`, or `bao-cao/2024-q4/SLUG.html` for a party.
pub(crate) fn report_path(g: &Graph, p: Period, party: Option<Party>) -> String {
    match party {
        None => format!("{}{}.html", paths::REPORTS_DIR, p.slug()),
        Some(party) => format!(
            "{}{}/{}.html",
            paths::REPORTS_DIR,
            p.slug(),
            g.registry.slug(party)
        ),
    }
}

/// One task of a list.
#[derive(Serialize)]
pub(crate) struct TaskLine<'a> {
    pub(crate) number: usize,
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) text: &'a str,
    pub(crate) lead: Option<PartyLink<'a>>,
    pub(crate) due: String,
    pub(crate) done: String,
    pub(crate) overdue_days: String,
    /// Its status on the report's day.
    pub(crate) status: &'static str,
}

/// A list of tasks, capped at [`LISTED`].
#[derive(Serialize)]
pub(crate) struct TaskList<'a> {
    pub(crate) count: String,
    pub(crate) lines: Vec<TaskLine<'a>>,
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

/// One party's line of the appendix.
#[derive(Serialize)]
pub(crate) struct AppendixLine<'a> {
    pub(crate) party: PartyLink<'a>,
    /// Its own report of the period.
    pub(crate) report: Option<String>,
    pub(crate) cells: Vec<String>,
    pub(crate) total: String,
    pub(crate) falling_due: String,
    pub(crate) done_in_period: String,
    pub(crate) rate: String,
    /// The on-time rate as a bar (SVG, made here: numbers only).
    pub(crate) bar: String,
}

#[derive(Serialize)]
pub(crate) struct ReportPage<'a> {
    /// Who reports: the party, or the site's title.
    pub(crate) issuer: &'a str,
    pub(crate) party: Option<PartyLink<'a>>,
    pub(crate) period: String,
    pub(crate) period_name: String,
    pub(crate) date_line: String,
    pub(crate) as_of: String,
    pub(crate) as_of_iso: String,
    pub(crate) figures: Vec<Figure>,
    pub(crate) on_time: TaskList<'a>,
    pub(crate) late: TaskList<'a>,
    pub(crate) not_done: TaskList<'a>,
    pub(crate) done: TaskList<'a>,
    pub(crate) overdue: TaskList<'a>,
    pub(crate) columns: Vec<super::stats::Column>,
    pub(crate) appendix: Vec<AppendixLine<'a>>,
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
        lists.iter().map(|l| l.lines.len() * 400).sum::<usize>() + self.appendix.len() * 1200
    }
}

/// The filtered tasks page as of the report's day: `status` (none: all), `party`'s tasks.
fn tasks_href(g: &Graph, r: &Report, status: Option<&str>) -> String {
    let mut href = format!("{}?today={}", paths::TASKS, r.as_of);
    if let Some(p) = r.party {
        href.push_str("&body=");
        href.push_str(g.registry.slug(p));
    }
    if let Some(s) = status {
        href.push_str("&status=");
        href.push_str(s);
    }
    href
}

fn task_list<'a>(g: &'a Graph, r: &Report, rows: &[Row], status: Option<&str>) -> TaskList<'a> {
    let lang = g.config.language;
    let date = |d: Option<chrono::NaiveDate>| d.map_or_else(String::new, |d| short_date(lang, d));
    let lines = rows
        .iter()
        .take(LISTED)
        .enumerate()
        .map(|(i, row)| TaskLine {
            number: i + 1,
            name: task_name(g, row.task).into_owned(),
            url: task_url(g, row.task),
            text: &g.tasks[row.task].text,
            lead: row.lead.map(|p| party_link(g, p)),
            due: date(row.due),
            done: date(row.done),
            status: crate::i18n::status_label(lang, row.status),
            overdue_days: row.overdue_days.map_or_else(String::new, |n| {
                number(lang, usize::try_from(n).unwrap_or(0))
            }),
        })
        .collect();
    let more = rows.len().saturating_sub(LISTED);
    TaskList {
        count: number(lang, rows.len()),
        lines,
        more,
        more_text: match lang {
            Language::Vi => format!("Còn {} nhiệm vụ khác.", number(lang, more)),
            Language::En => format!("And {} more tasks.", number(lang, more)),
        },
        more_href: tasks_href(g, r, status),
    }
}

/// The on-time rate as a bar 100 units long: the whole in outline, the rate filled dark, the
/// figure as text beside it, so that it reads in black and white.
pub(crate) fn rate_bar(rate: Option<f64>, text: &str, label: &str) -> String {
    let filled = rate.unwrap_or(0.0).clamp(0.0, 100.0);
    let mut out = String::with_capacity(400);
    out.push_str("<svg class=\"bar\" width=\"150\" height=\"16\" viewBox=\"0 0 150 16\" role=\"img\" aria-label=\"");
    html::push_escaped(&mut out, label);
    out.push_str(": ");
    html::push_escaped(&mut out, text);
    out.push_str(
        "\"><rect x=\"0.5\" y=\"2.5\" width=\"100\" height=\"11\" fill=\"#fff\" stroke=\"#000\"/>",
    );
    out.push_str(&format!(
        "<rect x=\"0.5\" y=\"2.5\" width=\"{filled:.1}\" height=\"11\" fill=\"#444\" stroke=\"#000\"/>"
    ));
    out.push_str("<text x=\"104\" y=\"13\" font-size=\"13\" fill=\"#000\">");
    html::push_escaped(&mut out, text);
    out.push_str("</text></svg>");
    out
}

fn figures(g: &Graph, r: &Report) -> Vec<Figure> {
    let lang = g.config.language;
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

fn appendix<'a>(g: &'a Graph, r: &Report) -> Vec<AppendixLine<'a>> {
    let lang = g.config.language;
    let t = labels(lang);
    r.appendix
        .iter()
        .map(|line| {
            let done = line.done_in_period.done_on_time + line.done_in_period.done_late;
            let rate = percent(lang, line.on_time_rate());
            AppendixLine {
                party: party_link(g, line.party),
                report: Some(report_path(g, r.period, Some(line.party))),
                cells: super::stats::in_columns(&line.counts)
                    .iter()
                    .map(|&n| number(lang, n))
                    .collect(),
                total: number(lang, report::total(&line.counts)),
                falling_due: number(lang, report::total(&line.falling_due)),
                done_in_period: number(lang, done),
                bar: rate_bar(line.on_time_rate(), &rate, t.on_time_rate),
                rate,
            }
        })
        .collect()
}

/// The page of report `r`.
pub(crate) fn report_page<'a>(g: &'a Graph, r: &Report) -> ReportPage<'a> {
    let lang = g.config.language;
    let fd = &r.falling_due;
    let date = long_date(lang, r.as_of);
    let mut cs = date.chars();
    let date_line = cs
        .next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default();
    ReportPage {
        issuer: r.party.map_or(&g.config.title, |p| g.registry.name(p)),
        party: r.party.map(|p| party_link(g, p)),
        period: r.period.to_string(),
        period_name: period_name(lang, r.period),
        date_line,
        as_of: date,
        as_of_iso: r.as_of.to_string(),
        figures: figures(g, r),
        on_time: task_list(g, r, &fd.done_on_time, Some("done_on_time")),
        late: task_list(g, r, &fd.done_late, Some("done_late")),
        not_done: task_list(g, r, &fd.not_done, None),
        done: task_list(g, r, &r.done_in_period, None),
        overdue: task_list(g, r, &r.overdue, Some("overdue")),
        columns: super::stats::columns(g),
        appendix: appendix(g, r),
        index: paths::REPORTS.to_string(),
    }
}

/// The reports of one period: the site's, then each party's with tasks on its last day (the
/// parties of the site's appendix).
pub(crate) fn period_reports(g: &Graph, p: Period) -> Vec<Report> {
    let seen = PeriodSeen::of(g, p);
    let site = seen.report(g, None);
    let parties: Vec<Party> = site.appendix.iter().map(|l| l.party).collect();
    std::iter::once(site)
        .chain(parties.into_iter().map(|party| seen.report(g, Some(party))))
        .collect()
}

/// Every report page of `g` (the index aside), with a key of all it shows: its figures, and
/// of each task it lists what its line shows (name, text, lead). `serve` renders again, after
/// an edit, only the pages whose key changed.
pub(crate) fn report_keys(g: &Graph) -> Vec<(String, u64)> {
    use std::hash::{Hash, Hasher};
    let mut out = Vec::new();
    for p in report::site_periods(g) {
        for r in period_reports(g, p) {
            let mut h = rustc_hash::FxHasher::default();
            format!("{r:?}").hash(&mut h);
            let fd = &r.falling_due;
            let lists = [
                &fd.done_on_time,
                &fd.done_late,
                &fd.not_done,
                &r.done_in_period,
                &r.overdue,
            ];
            for row in lists.iter().flat_map(|l| l.iter().take(LISTED)) {
                task_name(g, row.task).hash(&mut h);
                g.tasks[row.task].text.hash(&mut h);
            }
            out.push((report_path(g, p, r.party), h.finish()));
        }
    }
    out
}

/// A period of the index, with the reports of its parties.
#[derive(Serialize)]
pub(crate) struct IndexLine {
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) is_year: bool,
    /// How many parties have a report of their own (listed in its appendix).
    pub(crate) parties: usize,
}

#[derive(Serialize)]
pub(crate) struct ReportsIndex {
    pub(crate) periods: Vec<IndexLine>,
}

impl PageView for ReportsIndex {
    fn written(&self) -> usize {
        self.periods.len() * 200
    }
}

/// The index of the reports: the latest period first, each with its parties' reports.
pub(crate) fn reports_index(g: &Graph, periods: &[(Period, Vec<Party>)]) -> ReportsIndex {
    let lang = g.config.language;
    ReportsIndex {
        periods: periods
            .iter()
            .rev()
            .map(|(p, parties)| IndexLine {
                name: period_name(lang, *p),
                url: report_path(g, *p, None),
                is_year: matches!(p, Period::Year(_)),
                parties: parties.len(),
            })
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
    let q = Period::quarter_of(g.today);
    if !report::site_periods(g).contains(&q) {
        return None;
    }
    let lang = g.config.language;
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
        url: report_path(g, q, None),
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
    fn the_bar_shows_the_rate_as_a_fill_and_as_text_and_escapes_its_words() {
        let bar = rate_bar(Some(66.7), "66,7%", "Tỷ lệ <đúng> hạn");
        assert!(bar.contains("width=\"66.7\""), "{bar}");
        assert!(bar.contains(">66,7%</text>"), "{bar}");
        assert!(
            bar.contains("aria-label=\"Tỷ lệ &lt;đúng&gt; hạn: 66,7%\""),
            "{bar}"
        );
        assert!(
            bar.contains("stroke=\"#000\""),
            "an outline for black-and-white print"
        );
        let none = rate_bar(None, "—", "x");
        assert!(
            none.contains("width=\"0.0\"") && none.contains(">—</text>"),
            "{none}"
        );
        let over = rate_bar(Some(150.0), "150%", "x");
        assert!(
            over.contains("width=\"100.0\""),
            "never past the whole: {over}"
        );
    }
}
