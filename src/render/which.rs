//! Which pages a render makes: every page (a build, `check`), the exports, or a set of pages
//! named by their ids (`serve`: those whose reads meet an edit, `reads.rs`).

use std::collections::BTreeSet;

use crate::model::{DocId, Party};
use crate::status::Status;

/// Which pages to render.
#[derive(Clone, Copy)]
pub enum Pages<'a> {
    /// Every page and export.
    All,
    /// Every page, but not the exports, the search index or the static files: what `check`
    /// renders. Only a page's template can fail; the rest is made by code that cannot, and
    /// was a fifth of the time.
    EveryPage,
    /// These pages.
    Some(&'a PageSet),
    /// The exports (data.json, tasks.csv, tasks.ics, nhiem-vu.xlsx), the search index, the
    /// periodic reports and the static files.
    Exports,
}

/// A page that lists the whole site, or a numbered page of a long list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SitePage {
    Home,
    Chain,
    Bodies,
    Stats,
    Search,
    /// The tasks page (on a big site, the links to each status's pages).
    Tasks,
    /// The documents index's page with this number (from 1).
    DocumentsIndex(usize),
    /// The page with this number (from 1) of the tasks of a status, on a big site.
    StatusList(Status, usize),
}

/// What the render makes as one piece, with what it read (`reads.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    /// A document's page.
    Document(DocId),
    /// A body's or group's pages, its calendar, its script and its workbook.
    Party(Party),
    Site(SitePage),
}

/// A set of pages, by their ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSet {
    pub documents: Vec<DocId>,
    pub parties: Vec<Party>,
    pub site: BTreeSet<SitePage>,
}

impl PageSet {
    /// Adds page `id`.
    pub fn insert(&mut self, id: PageId) {
        match id {
            PageId::Document(d) => self.documents.push(d),
            PageId::Party(p) => self.parties.push(p),
            PageId::Site(s) => {
                self.site.insert(s);
            }
        }
    }
}
