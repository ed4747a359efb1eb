//! The site-wide work of a render: the pages that list the whole site (home, indexes, the
//! chain, the task lists, statistics), the periodic reports, and the exports with the search
//! index and the theme's static files; each as jobs that `serve` can stop between.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::*;

/// A job of the site-wide work: checked before it starts and inside the long ones, so that
/// `serve` can give way to a newer save.
type Job<'a> = Box<dyn Fn() + Sync + Send + 'a>;

/// The pages that list the whole site (home, indexes, the chain, the tasks page) and the
/// numbered pages of long lists that `wanted` names, each handed to `take` as soon as it is
/// made. With `stop` raised, what is not yet made is skipped (the caller discards the
/// result).
pub(super) fn site_pages(
    page: PageRenderer,
    rows: &Rows,
    wanted: &(dyn Fn(SitePage) -> bool + Sync),
    stop: Option<&AtomicBool>,
    take: &(dyn Fn(Result<OutFile, Diagnostic>) + Sync),
) {
    let stopped = || stop.is_some_and(|s| s.load(Ordering::Relaxed));
    let g = page.g;
    let t = i18n::labels(g.config().language);
    // One site page, when wanted and not stopped, with what it read.
    let one = |id: SitePage, make: &(dyn Fn() -> Result<OutFile, Diagnostic> + Sync)| {
        if wanted(id) && !stopped() {
            take(page.made(PageId::Site(id), make))
        }
    };
    // The whole chain (megabytes) on one core from the start, the others on the other core:
    // neither long job is left for last on one core.
    let chain = || {
        one(SitePage::Chain, &|| {
            let view = pages::chain_page(g, rows);
            page.page("chain.html", paths::CHAIN, t.chain_full, view)
        })
    };
    let jobs: Vec<Job> = vec![
        Box::new(|| {
            let status_page = |s, n| wanted(SitePage::StatusList(s, n));
            let split = if wanted(SitePage::Tasks) {
                let (overview, split) = page.made(PageId::Site(SitePage::Tasks), || {
                    let (overview, split) = lists::tasks(g, rows, &status_page);
                    (
                        page.page("tasks.html", paths::TASKS, t.tasks, overview),
                        split,
                    )
                });
                take(overview);
                split
            } else {
                lists::tasks(g, rows, &status_page).1
            };
            (0..split.count())
                .into_par_iter()
                .with_max_len(1)
                .filter(|_| !stopped())
                .for_each(|i| {
                    take(page.made(PageId::Site(split.id(i)), || {
                        let (path, view) = split.page(g, rows, i);
                        let title = format!("{} — {}", t.tasks, view.status.label);
                        page.page("task-status.html", &path, &title, view)
                    }))
                });
        }),
        Box::new(|| {
            let index = lists::documents(rows);
            index
                .numbers()
                .filter(|&n| wanted(SitePage::DocumentsIndex(n)))
                .collect::<Vec<_>>()
                .into_par_iter()
                .with_max_len(1)
                .filter(|_| !stopped())
                .for_each(|n| {
                    take(page.made(PageId::Site(SitePage::DocumentsIndex(n)), || {
                        let (path, view) = index.page(rows, n);
                        page.page("documents.html", &path, t.documents, view)
                    }))
                })
        }),
        Box::new(|| {
            one(SitePage::Home, &|| {
                let view = pages::home(g, rows);
                page.page("index.html", paths::HOME, &g.config().title, view)
            })
        }),
        Box::new(|| {
            one(SitePage::Bodies, &|| {
                page.page("bodies.html", paths::BODIES, t.bodies, pages::bodies(g))
            })
        }),
        Box::new(|| {
            one(SitePage::Search, &|| {
                page.page("search.html", paths::SEARCH, t.search, ())
            })
        }),
        Box::new(|| {
            one(SitePage::Stats, &|| {
                let view = pages::stats_page(g, rows.stats());
                page.page("stats.html", paths::STATS, t.stats, view)
            })
        }),
    ];
    rayon::join(chain, || run_jobs(&jobs, &stopped));
}

pub(super) fn stopped_ref(stop: Option<&AtomicBool>) -> impl Fn() -> bool + Sync + '_ {
    move || stop.is_some_and(|s| s.load(Ordering::Relaxed))
}

/// The periodic reports (`bao-cao/`): each period's page in parallel, then each party's
/// page of its figures in every period (from the periods' appendices), then their index.
/// Every report counts every task, so `serve` renders them all again after an edit, with the
/// exports (its publishing writes only the files that changed).
pub(super) fn reports(
    page: PageRenderer,
    rows: &Rows,
    stopped: impl Fn() -> bool + Sync,
    take: &(dyn Fn(Result<OutFile, Diagnostic>) + Sync),
) {
    let g = page.g;
    let t = i18n::labels(g.config().language);
    let periods = crate::report::site_periods(g);
    // Of each period's report, only its appendix is kept (its lists can be long).
    let appendices: Vec<_> = periods
        .par_iter()
        .with_max_len(1)
        .filter(|_| !stopped())
        .map(|&p| {
            let r = pages::period_report(g, p);
            let path = pages::report_path(p);
            let title = format!("{} {}", t.reports, i18n_period(g, p));
            take(page.page("report.html", &path, &title, pages::report_page(g, &r)));
            (p, r.as_of, r.appendix)
        })
        .collect();
    let parties = pages::reporting_parties(g, rows.stats());
    parties
        .par_iter()
        .filter(|_| !stopped())
        .for_each(|&party| {
            let path = pages::party_reports_path(g, party);
            let title = format!("{} — {}", t.reports, g.registry().name(party));
            let view = pages::party_reports(g, party, &appendices);
            take(page.page("party-reports.html", &path, &title, view));
        });
    let index = pages::reports_index(g, &periods, &parties);
    take(page.page("reports.html", paths::REPORTS, t.reports, index));
}

fn i18n_period(g: &Graph, p: crate::report::Period) -> String {
    pages::period_name(g.config().language, p)
}

/// The exports and, given the documents' `texts`, the search index (tens of megabytes each
/// at 10,000 documents, each handed to `take` as soon as it is made, so a build never holds
/// them all; a build makes the index with the documents' pages instead) and the theme's
/// static files. With `stop` raised, what is not yet made is skipped.
pub(super) fn exports(
    g: &Graph,
    templates: &Templates,
    rows: &Rows,
    texts: Option<Texts>,
    stop: Option<&AtomicBool>,
    take: &(dyn Fn(Result<OutFile, Diagnostic>) + Sync),
) {
    // The search index's job takes the texts (a job may only borrow what it is given).
    let texts = std::sync::Mutex::new(texts);
    let stopped = || stop.is_some_and(|s| s.load(Ordering::Relaxed));
    let file = |path: &str, bytes: Vec<u8>| {
        take(Ok(OutFile {
            path: path.into(),
            bytes,
        }))
    };
    let jobs: Vec<Job> = vec![
        // Each gives up midway when stopped (`serve` then discards what was made).
        Box::new(|| {
            if let Some(bytes) = export::data_json(g, rows.stats(), &stopped) {
                file("data.json", bytes)
            }
        }),
        Box::new(|| {
            if let Some(bytes) = export::csv(g, &stopped) {
                file("tasks.csv", bytes)
            }
        }),
        Box::new(|| {
            let tasks: Vec<_> = rows
                .tasks_in_order()
                .iter()
                .copied()
                .filter(|&t| g.tasks()[t].status.is_listed())
                .collect();
            let path = paths::TASKS_WORKBOOK;
            match make_workbook(g, &g.config().title, &tasks, &stopped, path) {
                Ok(Some(bytes)) => file(path, bytes),
                Ok(None) => {}
                Err(e) => take(Err(e)),
            }
        }),
        Box::new(|| {
            file(
                "tasks.ics",
                export::calendar(
                    &g.config().title,
                    g.tasks()
                        .ids()
                        .take_while(|_| !stopped())
                        .filter_map(|t| rows.event(t)),
                ),
            )
        }),
        Box::new(|| {
            // Stopped midway, what it handed over is discarded with the rest.
            let texts = texts.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(texts) = texts {
                crate::search::write_until(g, texts, &stopped, &|f| take(Ok(f)));
            }
        }),
    ];
    run_jobs(&jobs, &stopped);
    for (name, bytes) in &templates.statics {
        file(&format!("static/{name}"), bytes.clone());
    }
    file(LABELS, labels_script(g.config().language).into_bytes());
}

/// The words `static/tasks.js` needs, in the site's language: a script every page loads
/// before it (once for the whole site, not in each page).
const LABELS: &str = "static/labels.js";

pub(super) fn labels_script(lang: crate::model::Language) -> String {
    format!("window.chidaoLabels = {};\n", i18n::script_labels(lang))
}

fn run_jobs(jobs: &[Job], stopped: &(dyn Fn() -> bool + Sync)) {
    jobs.par_iter().with_max_len(1).for_each(|job| {
        if !stopped() {
            job()
        }
    });
}
