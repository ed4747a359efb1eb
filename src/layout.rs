//! The site's layout, for the pages, the exports and the search index alike: the paths of
//! pages (`paths`: one place decides them) and how documents and tasks are named and linked
//! to ([`doc_number`], [`doc_name`], [`doc_cited`], [`task_name`], [`task_url`]).

use crate::graph::Graph;
use crate::i18n;
use crate::model::{DocId, TaskId};

/// Paths of pages, relative to the output root. One place decides the site's layout.
pub mod paths {
    pub const HOME: &str = "index.html";
    pub const DOCUMENTS: &str = "van-ban/index.html";
    pub const BODIES: &str = "co-quan/index.html";
    pub const TASKS: &str = "nhiem-vu.html";
    /// Every task as an Excel workbook; a party's is `co-quan/SLUG.xlsx`.
    pub const TASKS_WORKBOOK: &str = "nhiem-vu.xlsx";
    pub const SEARCH: &str = "tim-kiem.html";
    pub const STYLE: &str = "static/style.css";
    /// The full view of the chain diagram.
    pub const CHAIN: &str = "so-do.html";
    /// The statistics page: every body and group with its counts and on-time rate.
    pub const STATS: &str = "thong-ke.html";
    /// The index of the periodic reports; each period's report is `bao-cao/2024-q4.html`,
    /// and a party's figures in every period `bao-cao/co-quan/SLUG.html`.
    pub const REPORTS: &str = "bao-cao/index.html";
    pub const REPORTS_DIR: &str = "bao-cao/";
    pub const PARTY_REPORTS_DIR: &str = "bao-cao/co-quan/";

    pub fn document(slug: &str) -> String {
        format!("van-ban/{slug}.html")
    }

    pub fn party(slug: &str) -> String {
        format!("co-quan/{slug}.html")
    }

    /// The n-th page (from 1) of a party split into pages. Later pages' names hold `.`,
    /// which no slug does.
    pub fn party_page(slug: &str, n: usize) -> String {
        match n {
            0 | 1 => party(slug),
            n => format!("co-quan/{slug}.trang-{n}.html"),
        }
    }

    /// The n-th page (from 1) of the documents index. Later pages' names hold `_`, which no
    /// document's slug does.
    pub fn documents_page(n: usize) -> String {
        match n {
            0 | 1 => DOCUMENTS.to_string(),
            n => format!("van-ban/index_{n}.html"),
        }
    }

    /// The n-th page (from 1) of the tasks of one status, on a site too big for one page.
    pub fn status_page(s: crate::status::Status, n: usize) -> String {
        use crate::status::Status::*;
        let name = match s {
            Overdue => "qua-han",
            DueSoon => "sap-den-han",
            InProgress => "dang-thuc-hien",
            Ongoing => "thuong-xuyen",
            DoneOnTime => "hoan-thanh-dung-han",
            DoneLate => "hoan-thanh-muon",
            NoDeadline => "chua-co-thoi-han",
            Withdrawn => "da-rut",
            NotIssued => "chua-ban-hanh",
        };
        match n {
            0 | 1 => format!("nhiem-vu/{name}.html"),
            n => format!("nhiem-vu/{name}-{n}.html"),
        }
    }

    /// A body's "my body" script (`render::pages::my_body_script`), beside its page.
    pub fn party_script(slug: &str) -> String {
        format!("co-quan/{slug}.js")
    }

    pub fn party_calendar(slug: &str) -> String {
        format!("co-quan/{slug}.ics")
    }

    /// A party's tasks as an Excel workbook, beside its calendar (made for a party with
    /// tasks only).
    pub fn party_workbook(slug: &str) -> String {
        format!("co-quan/{slug}.xlsx")
    }
}

/// How many folders below the output root a page is (pages are written at most two down:
/// `bao-cao/co-quan/SLUG.html`). Its links to other pages start with as many "../": every
/// link is relative, so that the site works from a file share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Depth(u8);

impl Depth {
    /// A page in the output root (`index.html`, `nhiem-vu.html`).
    pub const TOP: Depth = Depth(0);
    /// A page one folder down (`van-ban/…`, `co-quan/…`, `nhiem-vu/…`, `bao-cao/…`).
    pub const DOWN_ONE: Depth = Depth(1);
    const PREFIXES: [&'static str; 4] = ["", "../", "../../", "../../../"];

    /// The depth of the page at `path` (relative to the output root, `/`-separated).
    pub fn of(path: &str) -> Depth {
        let folders = path.matches('/').count();
        assert!(
            folders < Self::PREFIXES.len(),
            "a page {folders} folders down: {path}"
        );
        Depth(folders as u8)
    }

    /// What leads from the page back to the output root: "", "../", "../../".
    pub fn prefix(self) -> &'static str {
        Self::PREFIXES[usize::from(self.0)]
    }
}

/// The number a document is shown by: its `number` (the id unless it says otherwise), or
/// "không số" when it has none; never its id in place of a missing number.
pub fn doc_number(g: &Graph, d: DocId) -> &str {
    match &*g.documents()[d].number {
        "" => i18n::labels(g.config().language).no_number,
        n => n,
    }
}

/// A document as pages name it: its kind and number ("Kế hoạch 107-KH/TU"), or for one with
/// no number "Kế hoạch (không số)".
pub fn doc_name(g: &Graph, d: DocId) -> String {
    let doc = &g.documents()[d];
    match &*doc.number {
        "" => format!("{} ({})", doc.kind, doc_number(g, d)),
        n => format!("{} {n}", doc.kind),
    }
}

/// A document as a sentence names it: "Công văn số 1002-CV/TU" (`i18n::doc_cited`), in the
/// lines that read as sentences (a task's deadline extended or withdrawn "theo …", the task it
/// carries out, its relations, notices); labels, lists, breadcrumbs and the diagram's boxes
/// keep [`doc_name`]. A document with no number keeps its kind and "(không số)", its title
/// beside or on hover.
pub fn doc_cited(g: &Graph, d: DocId) -> String {
    let doc = &g.documents()[d];
    match &*doc.number {
        "" => doc_name(g, d),
        n => i18n::doc_cited(g.config().language, &doc.kind, n),
    }
}

/// A task as pages cite it: by its document's number ("107-KH/TU#1.1", the full name when
/// the number is the id), or for a document with no number "nhiệm vụ 1.1 của Kế hoạch
/// (không số)".
pub fn task_name(g: &Graph, t: TaskId) -> std::borrow::Cow<'_, str> {
    let task = &g.tasks()[t];
    let doc = &g.documents()[task.document];
    match &*doc.number {
        n if n == doc.id => std::borrow::Cow::Borrowed(&*task.reference),
        "" => {
            i18n::unnumbered_task(g.config().language, &task.id, &doc_name(g, task.document)).into()
        }
        n => format!("{n}#{}", task.id).into(),
    }
}

pub fn task_url(g: &Graph, t: TaskId) -> String {
    let task = &g.tasks()[t];
    format!(
        "{}#{}",
        paths::document(&g.documents()[task.document].slug),
        task.anchor
    )
}
