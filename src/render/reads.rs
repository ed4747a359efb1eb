//! What a page shows of the graph, recorded while its view is made: the documents, tasks and
//! parties the helpers that write them looked up (a document's link, line or row, a task's
//! row, badge or roll-up, a party's lists and figures), and two coarse flags for the pages
//! that read the whole site. `serve` keeps each page's [`Reads`] and, after an edit, renders
//! again the pages whose reads meet what the edit [`Changed`]; nothing keeps a second list of
//! what each page shows.
//!
//! Recording is off until [`start`] (`serve` turns it on; `build` never does). A page is made
//! inside [`recording`], which collects what the helpers note on the same thread (a page's view
//! is made on one thread: nothing inside it is parallel); what the task cache keeps is recorded
//! when it is made and replayed ([`replay`]) into every page that uses it.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::ids::Id;
use crate::model::{DocId, Party, TaskId};

static ON: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// The reads of the pages (and cached pieces) being made on this thread, innermost last.
    static FRAMES: RefCell<Vec<Vec<u32>>> = const { RefCell::new(Vec::new()) };
}

/// Turns recording on, for the rest of the process.
pub(crate) fn start() {
    ON.store(true, Ordering::Relaxed);
}

/// Whether pages record what they read.
pub(crate) fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

// A read is a `u32`: its kind in the top bits, an id below.
const SHIFT: u32 = 28;
const ID: u32 = (1 << SHIFT) - 1;
const DOCUMENT: u32 = 0;
const TEXT: u32 = 1;
const TASK: u32 = 2;
const BODY: u32 = 3;
const GROUP: u32 = 4;
const FLAG: u32 = 5;
const EVERY_DOCUMENT: u32 = FLAG << SHIFT;
const EVERY_TASK: u32 = (FLAG << SHIFT) | 1;

fn note(read: u32) {
    if !on() {
        return;
    }
    FRAMES.with(|f| {
        if let Some(top) = f.borrow_mut().last_mut() {
            top.push(read);
        }
    });
}

fn tagged(kind: u32, id: impl Id) -> u32 {
    let id = id.index();
    debug_assert!(id <= ID as usize, "an id too big to record");
    (kind << SHIFT) | (id as u32 & ID)
}

/// The page shows document `d`: its name, title, date, its fields or its relations.
pub(crate) fn document(d: DocId) {
    note(tagged(DOCUMENT, d));
}

/// The page shows document `d`'s text.
pub(crate) fn text(d: DocId) {
    note(tagged(TEXT, d));
}

/// The page shows task `t`: its row, badge, link or roll-up.
pub(crate) fn task(t: TaskId) {
    note(tagged(TASK, t));
}

/// The page shows party `p`'s lists (what it leads, supports, issued, received) or figures.
/// Its name and link need not be recorded: they change only with the registry, and then
/// everything is rendered.
pub(crate) fn party(p: Party) {
    note(match p {
        Party::Body(b) => tagged(BODY, b),
        Party::Group(g) => tagged(GROUP, g),
    });
}

/// The page reads every document (the whole chain's selection).
pub(crate) fn every_document() {
    note(EVERY_DOCUMENT);
}

/// The page reads every task (counts over time of the whole site, the statistics).
pub(crate) fn every_task() {
    note(EVERY_TASK);
}

/// What one page (or one cached piece of a page) read: each read once, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Reads(Box<[u32]>);

/// Runs `make`, recording what it reads (into the enclosing recording too, if any). With
/// recording off, it only runs `make`.
pub(crate) fn recording<R>(make: impl FnOnce() -> R) -> (R, Reads) {
    if !on() {
        return (make(), Reads::default());
    }
    FRAMES.with(|f| f.borrow_mut().push(Vec::new()));
    // Popped even when `make` panics (a rayon worker lives on).
    struct Pop;
    impl Drop for Pop {
        fn drop(&mut self) {
            let _ = FRAMES.try_with(|f| f.borrow_mut().pop());
        }
    }
    let pop = Pop;
    let made = make();
    let mut reads = FRAMES.with(|f| f.borrow_mut().pop().unwrap_or_default());
    std::mem::forget(pop);
    reads.sort_unstable();
    reads.dedup();
    let reads = Reads(reads.into_boxed_slice());
    replay(&reads);
    (made, reads)
}

/// Records `reads` (of a piece made before) into the page being made.
pub(crate) fn replay(reads: &Reads) {
    if reads.0.is_empty() || !on() {
        return;
    }
    FRAMES.with(|f| {
        if let Some(top) = f.borrow_mut().last_mut() {
            top.extend_from_slice(&reads.0);
        }
    });
}

/// What an edit changed of what pages show, by the ids of the graph the reads were recorded
/// on: documents (their own data or relations), their texts, tasks (their own data, the tasks
/// below them, their roll-up), parties (their lists or figures).
#[derive(Debug, Default, Clone)]
pub(crate) struct Changed {
    pub(crate) documents: HashSet<DocId>,
    pub(crate) texts: HashSet<DocId>,
    pub(crate) tasks: HashSet<TaskId>,
    pub(crate) parties: HashSet<Party>,
    /// Tasks were added: every page that reads every task.
    pub(crate) tasks_added: bool,
}

/// [`Changed`] in the form pages are checked against it: a bit for each changed thing of
/// each kind, by id.
pub(crate) struct Meeting {
    bits: [Vec<u64>; FLAG as usize],
    any: bool,
    any_document: bool,
    any_task: bool,
}

impl Meeting {
    fn set(&mut self, read: u32) {
        let (kind, id) = ((read >> SHIFT) as usize, (read & ID) as usize);
        let bits = &mut self.bits[kind];
        if bits.len() <= id / 64 {
            bits.resize(id / 64 + 1, 0);
        }
        bits[id / 64] |= 1 << (id % 64);
        self.any = true;
    }

    fn has(&self, read: u32) -> bool {
        let (kind, id) = ((read >> SHIFT) as usize, (read & ID) as usize);
        self.bits
            .get(kind)
            .and_then(|bits| bits.get(id / 64))
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }
}

impl Changed {
    /// What pages are checked against.
    pub(crate) fn meeting(&self) -> Meeting {
        let mut m = Meeting {
            bits: Default::default(),
            any: false,
            any_document: !self.documents.is_empty(),
            any_task: !self.tasks.is_empty() || self.tasks_added,
        };
        self.documents
            .iter()
            .for_each(|&d| m.set(tagged(DOCUMENT, d)));
        self.texts.iter().for_each(|&d| m.set(tagged(TEXT, d)));
        self.tasks.iter().for_each(|&t| m.set(tagged(TASK, t)));
        for &p in &self.parties {
            m.set(match p {
                Party::Body(b) => tagged(BODY, b),
                Party::Group(g) => tagged(GROUP, g),
            });
        }
        m
    }
}

impl Reads {
    /// Whether it holds no read.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether something read is among what changed.
    pub(crate) fn meet(&self, m: &Meeting) -> bool {
        if !m.any && !m.any_task {
            return false;
        }
        self.0.iter().any(|&r| match r {
            EVERY_DOCUMENT => m.any_document,
            EVERY_TASK => m.any_task,
            _ => m.has(r),
        })
    }

    /// The same reads with each task's id replaced by `new_id` gives (the graph was built
    /// again with other tasks); `None` when one of them is gone.
    pub(crate) fn renumbered(&self, new_id: &dyn Fn(TaskId) -> Option<TaskId>) -> Option<Reads> {
        let mut out = Vec::with_capacity(self.0.len());
        for &r in self.0.iter() {
            if r >> SHIFT == TASK {
                out.push(tagged(TASK, new_id(TaskId::new((r & ID) as usize))?));
            } else {
                out.push(r);
            }
        }
        out.sort_unstable();
        Some(Reads(out.into_boxed_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_meets_what_changed_of_what_it_read_and_of_its_cached_pieces() {
        start();
        let ((), piece) = recording(|| {
            task(TaskId::new(7));
            document(DocId::new(3));
        });
        let ((), page) = recording(|| {
            party(Party::Group(crate::model::GroupId::new(2)));
            replay(&piece);
            text(DocId::new(9));
        });
        let changed = |f: &dyn Fn(&mut Changed)| {
            let mut c = Changed::default();
            f(&mut c);
            c.meeting()
        };
        assert!(page.meet(&changed(&|c| {
            c.tasks.insert(TaskId::new(7));
        })));
        assert!(page.meet(&changed(&|c| {
            c.documents.insert(DocId::new(3));
        })));
        assert!(page.meet(&changed(&|c| {
            c.parties
                .insert(Party::Group(crate::model::GroupId::new(2)));
        })));
        assert!(page.meet(&changed(&|c| {
            c.texts.insert(DocId::new(9));
        })));
        // Another document, its text, another kind of party with the same number.
        assert!(!page.meet(&changed(&|c| {
            c.documents.insert(DocId::new(9));
            c.texts.insert(DocId::new(3));
            c.parties.insert(Party::Body(crate::model::BodyId::new(2)));
            c.tasks.insert(TaskId::new(3));
        })));
        let ((), whole) = recording(every_task);
        assert!(whole.meet(&changed(&|c| {
            c.tasks.insert(TaskId::new(1));
        })));
        assert!(!whole.meet(&changed(&|c| {
            c.documents.insert(DocId::new(1));
        })));
        let moved = page
            .renumbered(&|t| Some(TaskId::new(t.index() + 1)))
            .unwrap();
        assert!(moved.meet(&changed(&|c| {
            c.tasks.insert(TaskId::new(8));
        })));
        assert!(page.renumbered(&|_| None).is_none());
    }
}
