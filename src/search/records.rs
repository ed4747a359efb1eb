//! The records of the search index: what `search.js` shows of each document, task, body and
//! group found ([`Record`]), and the texts each is found by ([`Entry`]). A task's number and
//! url are written after its document's, a lead or issuer as its number among the parties'
//! names, a task's status over time as letters and days ([`status_steps`]).

use std::borrow::Cow;

use serde::Serialize;

use super::Field;
use crate::graph::Graph;
use crate::i18n::{self, short_date};
use crate::layout::{doc_number, paths, task_name, task_url};
use crate::model::{DocId, Party, TaskId};
use crate::status::Status;

/// Longest task text kept in a record, in characters.
const TASK_TEXT_CHARS: usize = 160;

/// A record as shipped: kind (index into the kinds), number, title, date, url, extra, and a
/// task's status over time ([`status_steps`]; empty for the others). A task's number and url
/// are written after its document's ([`after_document`]).
pub(super) type Record<'g> = (
    usize,
    Cow<'g, str>,
    Cow<'g, str>,
    String,
    String,
    Extra<'g>,
    String,
);

/// A record's extra line: a document's issuer or a task's lead as its number among the
/// parties' names of `index.js` (the same few names recur in thousands of records), or a
/// text (a body's aliases; `""` for none).
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum Extra<'g> {
    Party(usize),
    Text(Cow<'g, str>),
}

impl Extra<'_> {
    fn party(g: &Graph, p: Option<Party>) -> Extra<'static> {
        match p {
            Some(Party::Body(b)) => Extra::Party(b.index()),
            Some(Party::Group(x)) => Extra::Party(g.registry().bodies.len() + x.index()),
            None => Extra::Text(Cow::Borrowed("")),
        }
    }
}

/// What `whole` says after `document`'s `#`, when `whole` is `document`, `#` and more (a
/// task's number after its document's, its url after its page's): `search.js` puts the
/// document's before it again. `whole` itself otherwise (a document without a number names
/// its tasks in words, which never start with `#`).
fn after_document<'a>(whole: Cow<'a, str>, document: &str) -> Cow<'a, str> {
    match whole.strip_prefix(document) {
        Some(rest) if rest.starts_with('#') => Cow::Owned(rest.to_string()),
        _ => whole,
    }
}

/// Each status's letter in a task's status over time ([`status_steps`]); `search.js` has
/// the same table.
pub fn status_letter(s: Status) -> char {
    match s {
        Status::NotIssued => 'n',
        Status::DoneOnTime => 'd',
        Status::DoneLate => 'l',
        Status::Withdrawn => 'w',
        Status::Ongoing => 'g',
        Status::NoDeadline => 'x',
        Status::Overdue => 'o',
        Status::DueSoon => 's',
        Status::InProgress => 'p',
    }
}

/// A task's status on every day, for `search.js` to show the status of the reader's day (or
/// of `?today=`) as `static/tasks.js` does: the status from the start, then each day it
/// changes on and the status from that day, apart by spaces, each status by its letter
/// ([`status_letter`]): "n 2024-01-10 p 2024-05-31 s 2024-07-01 o" (not issued, in
/// progress, due soon, overdue), from [`crate::status::changes`].
pub fn status_steps(g: &Graph, t: TaskId) -> String {
    let (first, changes) = g.changes(t);
    let mut out = String::with_capacity(2 + changes.len() * 13);
    out.push(status_letter(first));
    for (day, status) in changes {
        out.push(' ');
        out.push_str(&day.to_string());
        out.push(' ');
        out.push(status_letter(status));
    }
    out
}

/// A record and the texts it is found by, each with its field; an id is also found whole.
pub(super) struct Entry<'g> {
    pub(super) record: Record<'g>,
    pub(super) texts: Vec<(&'g str, Field)>,
    pub(super) ids: Vec<(&'g str, Field)>,
}

fn shorten(s: &str, n: usize) -> Cow<'_, str> {
    match s.char_indices().nth(n) {
        Some((i, _)) => Cow::Owned(format!("{}…", s[..i].trim_end())),
        None => Cow::Borrowed(s),
    }
}

/// The kinds' names: every document kind (in order of first use), then task, body, group.
pub(super) fn kinds(g: &Graph) -> Vec<String> {
    let t = i18n::labels(g.config().language);
    let mut out: Vec<String> = Vec::new();
    for d in g.documents() {
        if !out.iter().any(|k| **k == *d.kind) {
            out.push(d.kind.to_string());
        }
    }
    out.extend([t.task, t.body, t.group].map(str::to_string));
    out
}

/// A document's record and its tasks' records; `text` is the document's.
pub(super) fn document_entries<'g>(
    g: &'g Graph,
    d: DocId,
    text: &'g str,
    kinds: &[String],
    out: &mut Vec<Entry<'g>>,
) {
    let lang = g.config().language;
    let doc = &g.documents()[d];
    let kind = kinds.iter().position(|k| **k == *doc.kind).unwrap_or(0);
    let issuer = doc.issuer.map(|p| g.registry().name(p)).unwrap_or_default();
    let number = doc_number(g, d);
    let url = paths::document(&doc.slug);
    let mut texts = vec![
        (text, Field::Text),
        (&*doc.kind, Field::Other),
        (&*doc.title, Field::Title),
    ];
    if doc.issuer.is_some() {
        texts.push((issuer, Field::Other));
    }
    let date = |x: Option<chrono::NaiveDate>| x.map(|x| short_date(lang, x)).unwrap_or_default();
    out.push(Entry {
        record: (
            kind,
            Cow::Borrowed(number),
            Cow::Borrowed(&doc.title),
            date(doc.date),
            url.clone(),
            Extra::party(g, doc.issuer),
            String::new(),
        ),
        texts,
        ids: if *doc.number == doc.id || doc.number.is_empty() {
            vec![(&doc.id, Field::Id)]
        } else {
            vec![(&doc.id, Field::Id), (&doc.number, Field::Id)]
        },
    });
    let task_kind = kinds.len() - 3;
    for &t in &doc.tasks {
        let task = &g.tasks()[t];
        let lead = task.lead.map(|p| g.registry().name(p)).unwrap_or_default();
        out.push(Entry {
            record: (
                task_kind,
                after_document(task_name(g, t), number),
                shorten(&task.text, TASK_TEXT_CHARS),
                date(task.due),
                after_document(Cow::Owned(task_url(g, t)), &url).into_owned(),
                Extra::party(g, task.lead),
                status_steps(g, t),
            ),
            // A task's text weighs below a document's title: titles above texts.
            texts: vec![(lead, Field::Other), (&task.text, Field::Other)],
            ids: vec![(&task.reference, Field::Id)],
        });
    }
}

pub(super) fn party_entry<'g>(g: &'g Graph, p: Party, kinds: &[String]) -> Entry<'g> {
    let (aliases, kind) = match p {
        Party::Body(b) => (&g.registry().bodies[b].aliases, kinds.len() - 2),
        Party::Group(x) => (&g.registry().groups[x].aliases, kinds.len() - 1),
    };
    let mut texts = vec![(g.registry().name(p), Field::Title)];
    texts.extend(aliases.iter().map(|a| (a.as_str(), Field::Other)));
    Entry {
        record: (
            kind,
            Cow::Borrowed(g.registry().id(p)),
            Cow::Borrowed(g.registry().name(p)),
            String::new(),
            paths::party(g.registry().slug(p)),
            Extra::Text(Cow::Owned(aliases.join("; "))),
            String::new(),
        ),
        texts,
        ids: vec![(g.registry().id(p), Field::Id)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_names_what_follows_its_document() {
        let after = |whole: &'static str, doc: &str| after_document(Cow::Borrowed(whole), doc);
        assert_eq!(after("39-KL/TW#3.1", "39-KL/TW"), "#3.1");
        assert_eq!(
            after("van-ban/39-kl-tw.html#task-3-1", "van-ban/39-kl-tw.html"),
            "#task-3-1"
        );
        // Not after its document: whole (a document without a number names its tasks in
        // words; a number that only starts alike).
        assert_eq!(
            after("nhiệm vụ 2 của Kế hoạch (không số)", "không số"),
            "nhiệm vụ 2 của Kế hoạch (không số)"
        );
        assert_eq!(after("39-KL/TW2#1", "39-KL/TW"), "39-KL/TW2#1");
    }

    #[test]
    fn each_status_has_its_own_letter() {
        let mut letters: Vec<char> = Status::ALL.iter().map(|&s| status_letter(s)).collect();
        letters.sort_unstable();
        letters.dedup();
        assert_eq!(letters.len(), Status::ALL.len());
    }

    #[test]
    fn task_text_is_shortened_on_a_character() {
        assert_eq!(shorten("bồi dưỡng", 4), "bồi…");
        assert_eq!(shorten("ngắn", 160), "ngắn");
    }
}
