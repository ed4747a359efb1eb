//! The targets section of a document's page: one table by year, a column per target, each
//! cell the result reported against the year's target value, its share as a figure and a
//! small bar. A year before the build's without a result says "chưa báo cáo"; the years
//! after it stand apart, under "Các năm tới". Each row carries its year (`data-year`):
//! `static/tasks.js` judges both again on the reader's day, as it does the statuses.

use chrono::Datelike as _;
use serde::Serialize;

use super::*;

/// A document's targets as one table.
#[derive(Serialize)]
pub struct TargetsView<'a> {
    /// The targets in the document's order: the table's columns.
    pub columns: Vec<TargetColumn<'a>>,
    /// The years up to the build's, in order.
    pub past: Vec<YearRow<'a>>,
    /// The years after the build's, in order.
    pub future: Vec<YearRow<'a>>,
    /// The build's year.
    pub year: i32,
    /// The table's number of columns.
    pub span: usize,
}

#[derive(Serialize)]
pub struct TargetColumn<'a> {
    pub name: &'a str,
    pub unit: Option<&'a str>,
}

/// One year: a cell per target, and the documents that reported results of that year.
#[derive(Serialize)]
pub struct YearRow<'a> {
    pub year: i32,
    pub cells: Vec<TargetCell>,
    pub reported_in: Vec<DocLink<'a>>,
}

/// One target in one year: its value, the result reported (summed over the documents that
/// report it) and the share reached.
#[derive(Serialize, Debug, PartialEq)]
pub struct TargetCell {
    pub target: Option<String>,
    pub result: Option<String>,
    /// The share reached, as written ("56%").
    pub share: Option<String>,
    /// The bar's length, 0 to 100 (a share above 100% fills it).
    pub bar: Option<String>,
    /// A target value and no result: "chưa báo cáo" once the year is over (shown for a year
    /// before the build's; static/tasks.js shows it on the reader's day).
    pub awaited: bool,
}

/// The targets of document `d` as one table, `None` when it sets none.
pub fn targets(g: &Graph, d: DocId) -> Option<TargetsView<'_>> {
    let doc = &g.documents()[d];
    if doc.targets.is_empty() {
        return None;
    }
    // Each target's results by year: their sum, and the documents that report them.
    let mut results: Vec<BTreeMap<i32, f64>> = vec![BTreeMap::new(); doc.targets.len()];
    let mut reported: BTreeMap<i32, Vec<DocId>> = BTreeMap::new();
    for r in g.reports().iter().filter(|r| r.target_doc == d) {
        *results[r.target].entry(r.year).or_default() += r.value;
        let docs = reported.entry(r.year).or_default();
        if !docs.contains(&r.document) {
            docs.push(r.document);
        }
    }
    let mut years: Vec<i32> = doc
        .targets
        .iter()
        .flat_map(|t| t.per_year.iter().flat_map(|s| s.from..=s.to))
        .chain(reported.keys().copied())
        .collect();
    years.sort_unstable();
    years.dedup();
    let this_year = g.today().year();
    let row = |y: i32| YearRow {
        year: y,
        cells: doc
            .targets
            .iter()
            .zip(&results)
            .map(|(t, r)| cell(t.value_for(y), r.get(&y).copied()))
            .collect(),
        reported_in: reported
            .get(&y)
            .map(|ds| doc_links(g, ds))
            .unwrap_or_default(),
    };
    let (past, future): (Vec<i32>, Vec<i32>) = years.into_iter().partition(|&y| y <= this_year);
    Some(TargetsView {
        columns: doc
            .targets
            .iter()
            .map(|t| TargetColumn {
                name: &t.name,
                unit: t.unit.as_deref(),
            })
            .collect(),
        past: past.into_iter().map(row).collect(),
        future: future.into_iter().map(row).collect(),
        year: this_year,
        span: doc.targets.len() + 2,
    })
}

/// A target's cell in one year: its value and the result reported, when there are.
fn cell(value: Option<f64>, result: Option<f64>) -> TargetCell {
    let share = match (result, value) {
        (Some(r), Some(v)) if v > 0.0 => Some(r / v * 100.0),
        _ => None,
    };
    TargetCell {
        target: value.map(number),
        result: result.map(number),
        share: share.map(|s| format!("{s:.0}%")),
        bar: share.map(|s| format!("{:.1}", s.clamp(0.0, 100.0))),
        awaited: value.is_some() && result.is_none(),
    }
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_reads_its_result_against_its_value() {
        let c = cell(Some(250.0), Some(140.0));
        assert_eq!(c.result.as_deref(), Some("140"));
        assert_eq!(c.target.as_deref(), Some("250"));
        assert_eq!(c.share.as_deref(), Some("56%"));
        assert_eq!(c.bar.as_deref(), Some("56.0"));
        assert!(!c.awaited);
        // Above the target the figure says so; the bar stops full.
        let over = cell(Some(40.0), Some(50.0));
        assert_eq!(over.share.as_deref(), Some("125%"));
        assert_eq!(over.bar.as_deref(), Some("100.0"));
        // A target and no result yet; a result with no target for its year; neither.
        assert!(cell(Some(100.0), None).awaited);
        let alone = cell(None, Some(7.5));
        assert_eq!((alone.result.as_deref(), alone.share), (Some("7.5"), None));
        assert!(!alone.awaited);
        assert!(!cell(None, None).awaited);
    }
}
