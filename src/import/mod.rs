//! `chidao import`'s reading of a received document, pure: bytes in (a .docx, or the plain
//! text of a PDF), document files out. The file's lines ([`read`]: [`docx`] and [`legacy`]
//! for Word) are split into the documents it bundles ([`text`]), each read as its layout
//! ([`header`]), its fields ([`fields`]), its text ([`body`]), the documents it cites
//! ([`links`]) and the tasks it assigns ([`tasks`], [`due`]), names resolved against the
//! site's registry ([`names`]), then written in the contract's format ([`write`]), every
//! guess marked. What the command says is in [`messages`]. The command itself, with the
//! file system, is `cmd::import`.

mod body;
pub(crate) mod docx;
mod due;
mod fields;
mod header;
pub(crate) mod legacy;
mod links;
pub(crate) mod messages;
pub(crate) mod names;
mod numbering;
mod tasks;
pub(crate) mod text;
pub(crate) mod write;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::load::registry::Registry;
use crate::markdown::{self, AtMatch};
use crate::model::Party;
use crate::text::{name_key, slug};
use fields::Guess;
use links::Cited;
use messages::{note, ReadError};
use names::Names;
pub(crate) use tasks::{Named, Task};

/// What the site holds that an import needs: its registry, its documents' ids (by
/// [`name_key`]) with the file of each (relative to the site's root), and the folder most of
/// each issuer's documents are in.
pub(crate) struct Site<'r> {
    pub(crate) registry: &'r Registry,
    pub(crate) documents: HashMap<String, (String, PathBuf)>,
    pub(crate) issuer_folders: HashMap<Party, PathBuf>,
}

/// One document read from a file, ready to write.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub(crate) id: String,
    /// `Some("")` when the document prints no number.
    pub(crate) number: Option<String>,
    pub(crate) kind: Guess<String>,
    pub(crate) title: Guess<String>,
    pub(crate) issuer: Guess<Named>,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) date_note: Option<&'static str>,
    pub(crate) place: Option<String>,
    pub(crate) signer: Option<String>,
    pub(crate) signer_title: Option<String>,
    pub(crate) implements: Vec<String>,
    pub(crate) copy_of: Option<String>,
    pub(crate) references: Vec<String>,
    /// Cited documents the site does not hold.
    pub(crate) missing: Vec<Cited>,
    pub(crate) recipients: Vec<Party>,
    pub(crate) recipients_unknown: Vec<String>,
    pub(crate) source: Option<String>,
    pub(crate) tasks: Vec<Task>,
    /// Each task's `at`, when a piece of its block is found in that block only.
    pub(crate) ats: Vec<Option<String>>,
    pub(crate) body: String,
    /// The folder (relative to the site's root) of the issuer's documents, or of the
    /// document it implements or copies.
    pub(crate) folder: Option<PathBuf>,
    /// The next document of the file is a copy stamp of this one (its text is a copy).
    pub(crate) copied_by_next: bool,
}

/// The lines of a file: a Word document when it is a zip archive (or named `.docx`), else
/// UTF-8 text.
pub(crate) fn read(name: &str, bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let docx = bytes.starts_with(b"PK\x03\x04") || name.to_lowercase().ends_with(".docx");
    let lines = if docx {
        // Paragraphs are lines of their own; a blank line between them, as in a PDF's text.
        docx::lines(bytes)?
            .into_iter()
            .flat_map(|l| [l, String::new()])
            .collect()
    } else {
        text_lines(bytes)?
    };
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(ReadError::NoText);
    }
    Ok(lines)
}

fn text_lines(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if bytes.contains(&0) || controls * 20 > bytes.len() {
        return Err(ReadError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    Ok(text
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .split(['\n', '\r', '\u{0c}'])
        .map(str::to_string)
        .collect())
}

/// The documents of a file's lines.
pub(crate) fn import(lines: &[String], site: &Site) -> Vec<Doc> {
    let cleaned = text::clean(lines);
    let layouts: Vec<header::Layout> = text::split(&cleaned)
        .iter()
        .filter(|seg| seg.iter().filter(|l| !l.is_empty()).count() >= 2)
        .map(|seg| header::read(seg))
        .collect();
    let numbers: Vec<String> = layouts.iter().filter_map(|l| l.number.clone()).collect();
    let mut docs: Vec<Doc> = Vec::new();
    for l in &layouts {
        let names = Names::new(site.registry, l.place.as_deref());
        let mut d = document(l, &names);
        if let Named::Known(p) = d.issuer.value {
            d.folder = site.issuer_folders.get(&p).cloned();
        }
        if l.stamp.is_some() {
            if let Some(prev) = docs.last_mut() {
                prev.copied_by_next = true;
                d.copy_of = Some(prev.id.clone());
                d.title = stamp_title(l, prev);
                d.folder = d.folder.take().or(prev.folder.clone());
            }
        }
        d.id = free_id(&d, site, &docs);
        link(&mut d, l, site, &docs, &numbers);
        d.ats = d.tasks.iter().map(|t| at(&d.body, t)).collect();
        docs.push(d);
    }
    docs
}

/// A document's fields, text and tasks (its links come after, when its id is known).
fn document(l: &header::Layout, names: &Names) -> Doc {
    let kind = fields::kind(l);
    let title = fields::title(l, &kind.value, names);
    let (blocks, body) = body::markdown(&l.body);
    let (recipients, recipients_unknown) = fields::recipients(l, names);
    // A copy stamp assigns nothing of its own, and a news report assigns nothing.
    let tasks = if l.stamp.is_some() || l.news_source.is_some() {
        Vec::new()
    } else {
        tasks::tasks(&blocks, names)
    };
    let mut tasks = tasks;
    for t in &mut tasks {
        t.block = blocks[t.block].line;
    }
    Doc {
        id: String::new(),
        number: Some(l.number.clone().unwrap_or_default()),
        issuer: fields::issuer(l, names),
        date: l.date,
        date_note: l
            .news_source
            .as_ref()
            .and(l.date)
            .map(|_| note::DATE_OF_NEWS),
        place: l.place.clone(),
        signer: l.signer.clone(),
        signer_title: fields::signer_title(l, names),
        implements: Vec::new(),
        copy_of: None,
        references: Vec::new(),
        missing: Vec::new(),
        recipients,
        recipients_unknown,
        source: l.url.clone(),
        tasks,
        ats: Vec::new(),
        body,
        folder: None,
        copied_by_next: false,
        kind,
        title,
    }
}

/// The title of a copy stamp: "Sao lục Kết luận số 39-KL/TW của Bộ Chính trị về …".
fn stamp_title(l: &header::Layout, original: &Doc) -> Guess<String> {
    let stamp = names::capitalise(&l.stamp.clone().unwrap_or_default().to_lowercase());
    let kind = if original.kind.value == "Bản sao" {
        "bản sao".to_string()
    } else {
        original.kind.value.clone()
    };
    let number = original.number.clone().filter(|n| !n.is_empty());
    let what = match number {
        Some(n) => format!("{stamp} {kind} số {n}"),
        None => format!("{stamp} {kind}"),
    };
    let t = &original.title.value;
    let tail = match t.strip_prefix(&original.kind.value) {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ if t.is_empty() => String::new(),
        _ => format!(" ({t})"),
    };
    Guess {
        value: format!("{what}{tail}"),
        note: Some(note::COPY_OF),
    }
}

/// The number as id, or one made from the kind, issuer and date or title; never one the
/// site or an earlier document of the file has.
fn free_id(d: &Doc, site: &Site, earlier: &[Doc]) -> String {
    if let Some(n) = d.number.as_deref().filter(|n| !n.is_empty()) {
        return n.to_string();
    }
    let issuer = match &d.issuer.value {
        Named::Known(p) => site.registry.id(*p).to_string(),
        Named::Unknown(n) => n.clone(),
    };
    let base = match d.date {
        Some(date) => slug(&format!(
            "{} {issuer} {}",
            d.kind.value,
            date.format("%Y-%m-%d")
        )),
        None => {
            let words: Vec<&str> = d.title.value.split_whitespace().take(8).collect();
            slug(&format!("{} {issuer} {}", d.kind.value, words.join(" ")))
        }
    };
    let taken =
        |c: &str| site.documents.contains_key(&name_key(c)) || earlier.iter().any(|e| e.id == c);
    std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|c| !taken(c))
        .unwrap_or(base)
}

/// The documents `d` implements and cites: those the site or the file holds, and those it
/// lacks (`missing`). A copy stamp cites nothing of its own.
fn link(d: &mut Doc, l: &header::Layout, site: &Site, earlier: &[Doc], numbers: &[String]) {
    let held = |n: &str| -> Option<(String, Option<PathBuf>)> {
        if let Some((id, file)) = site.documents.get(&name_key(n)) {
            return Some((id.clone(), file.parent().map(PathBuf::from)));
        }
        let before = earlier.iter().find(|e| e.id == n);
        before
            .map(|e| (e.id.clone(), e.folder.clone()))
            .or_else(|| numbers.iter().find(|x| *x == n).map(|x| (x.clone(), None)))
    };
    if l.stamp.is_some() {
        return;
    }
    let first = body::paragraphs(&l.body)
        .into_iter()
        .find(|p| !p.starts_with("Kính gửi") && body::marker(p).is_none());
    let title = l.title.as_ref().map(|t| t.0.as_str());
    let implemented = links::implemented(title, first.as_deref());
    let mut all = title.map(links::cited).unwrap_or_default();
    for c in links::cited(&l.body.join("\n")) {
        if !all.iter().any(|a| a.number == c.number) {
            all.push(c);
        }
    }
    for c in all {
        if c.number == d.id || d.number.as_deref() == Some(c.number.as_str()) {
            continue;
        }
        let is_parent = implemented.as_deref() == Some(c.number.as_str());
        match held(&c.number) {
            Some((id, folder)) if is_parent => {
                d.folder = d.folder.take().or(folder);
                d.implements.push(id);
            }
            Some((id, _)) => d.references.push(id),
            None => d.missing.push(Cited {
                parent: is_parent,
                ..c
            }),
        }
    }
}

/// A piece of the task's block that no other block of the text holds: its first words, as
/// many as it takes.
fn at(body: &str, t: &Task) -> Option<String> {
    let blocks = markdown::blocks(body);
    let (i, b) = blocks.iter().enumerate().find(|(_, b)| b.line == t.block)?;
    let words: Vec<&str> = b.text.split_whitespace().collect();
    let skip = usize::from(words.first().is_some_and(|w| {
        w.trim_end_matches(['.', '-', ')'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
    }));
    (skip + 6..=words.len().max(skip + 6)).find_map(|n| {
        let phrase = words.get(skip..n.min(words.len()))?.join(" ");
        let phrase = phrase.trim_end_matches([',', ';', ':']).to_string();
        (markdown::find_at(&blocks, &phrase) == AtMatch::One(i)).then_some(phrase)
    })
}

#[cfg(test)]
mod tests;
