//! A document read by `import` written in the contract's format: the front matter in the
//! contract's key order, each value a YAML scalar that reads back as written, every guess
//! followed by a comment `# kiểm tra: …` for the editor, names the registry lacks kept as
//! written with the nearest names; then the text in Markdown. Also the front-matter-only
//! file of a cited document the site lacks (`--stubs`).

use super::fields::Guess;
use super::links::{kind_of_number, Cited};
use super::messages::{note, CHECK};
use super::names::{capitalise, Names};
use super::{Doc, Named};
use crate::load::registry::Registry;
use crate::load::yaml::{comment, flow_item, scalar};

/// `  # kiểm tra: WHY`, or nothing.
fn mark(why: Option<&str>) -> String {
    why.map(|w| format!(" # {CHECK} {}", comment(w)))
        .unwrap_or_default()
}

/// The name of a body as the file writes it: the registry's id, or the name as written.
fn named(r: &Registry, n: &Named) -> String {
    match n {
        Named::Known(p) => r.id(*p).to_string(),
        Named::Unknown(s) => s.clone(),
    }
}

/// The note beside an unknown name: the nearest names of the registry.
fn unknown_note(names: &Names, n: &Named) -> Option<String> {
    let Named::Unknown(s) = n else {
        return None;
    };
    let near = names.nearest(s);
    Some(if near.is_empty() {
        note::UNKNOWN_BODY_NO_NEAR.to_string()
    } else {
        format!("{} {}", note::UNKNOWN_BODY, near.join(", hoặc "))
    })
}

fn line(s: &mut String, key: &str, value: &str, why: Option<&str>) {
    s.push_str(&format!("{key}: {}{}\n", scalar(value), mark(why)));
}

fn list(s: &mut String, key: &str, items: &[String], why: &str) {
    if items.is_empty() {
        return;
    }
    let items: Vec<String> = items.iter().map(|i| flow_item(i)).collect();
    s.push_str(&format!(
        "{key}: [{}]{}\n",
        items.join(", "),
        mark(Some(why))
    ));
}

/// The file of `d`: front matter and text. `stubbed` lists the cited numbers that get a
/// file of their own (`--stubs`), linked as if held.
pub(crate) fn render(d: &Doc, names: &Names, stubbed: bool) -> String {
    let r = names.registry;
    let mut s = String::from("---\n");
    line(&mut s, "id", &d.id, None);
    if let Some(n) = &d.number {
        if n.is_empty() {
            s.push_str(&format!("number: \"\"{}\n", mark(Some(note::NO_NUMBER))));
        }
    }
    line(&mut s, "kind", &d.kind.value, d.kind.note);
    guess_line(&mut s, "title", &d.title);
    let issuer_note = unknown_note(names, &d.issuer.value);
    let why = issuer_note.as_deref().or(d.issuer.note);
    line(&mut s, "issuer", &named(r, &d.issuer.value), why);
    if let Some(date) = d.date {
        line(
            &mut s,
            "date",
            &date.format("%Y-%m-%d").to_string(),
            d.date_note,
        );
    }
    for (key, v) in [
        ("place", &d.place),
        ("signer", &d.signer),
        ("signer_title", &d.signer_title),
    ] {
        if let Some(v) = v {
            line(&mut s, key, v, None);
        }
    }
    links(&mut s, d, stubbed);
    recipients(&mut s, d, r);
    if let Some(src) = &d.source {
        line(&mut s, "source", src, None);
    }
    tasks(&mut s, d, names);
    s.push_str("---\n");
    s.push_str(&d.body);
    s
}

fn guess_line(s: &mut String, key: &str, g: &Guess<String>) {
    line(s, key, &g.value, g.note);
}

fn links(s: &mut String, d: &Doc, stubbed: bool) {
    let mut implements = d.implements.clone();
    let mut references = d.references.clone();
    for c in &d.missing {
        if stubbed {
            references.push(c.number.clone());
        }
    }
    if stubbed {
        // A parent the site lacks is still the parent once its stub is written.
        if let Some(pos) = references
            .iter()
            .position(|r| d.missing.iter().any(|m| &m.number == r && m.parent))
        {
            implements.push(references.remove(pos));
        }
    }
    list(s, "implements", &implements, note::IMPLEMENTS);
    if let Some(c) = &d.copy_of {
        line(s, "copy_of", c, Some(note::COPY_OF));
    }
    list(s, "references", &references, note::REFERENCES);
    if !stubbed {
        for c in &d.missing {
            let key = if c.parent { "implements" } else { "references" };
            s.push_str(&format!(
                "# {key}: [{}] # {CHECK} {}\n",
                flow_item(&c.number),
                note::MISSING_CITED
            ));
        }
    }
}

fn recipients(s: &mut String, d: &Doc, r: &Registry) {
    if d.recipients.is_empty() && d.recipients_unknown.is_empty() {
        return;
    }
    if d.recipients.is_empty() {
        s.push_str("recipients: []\n");
    } else {
        s.push_str("recipients:\n");
    }
    for p in &d.recipients {
        s.push_str(&format!(
            "  - {} # {}\n",
            scalar(r.id(*p)),
            comment(r.name(*p))
        ));
    }
    for u in &d.recipients_unknown {
        s.push_str(&format!(
            "  # - {} # {CHECK} {}\n",
            comment(u),
            note::RECIPIENT_UNKNOWN
        ));
    }
}

fn tasks(s: &mut String, d: &Doc, names: &Names) {
    if d.tasks.is_empty() {
        return;
    }
    let r = names.registry;
    s.push_str(&format!("tasks: # {CHECK} {}\n", note::TASK));
    for (t, at) in d.tasks.iter().zip(&d.ats) {
        s.push_str(&format!("  - id: {}\n", scalar(&t.id)));
        s.push_str(&format!("    text: {}\n", scalar(&t.text)));
        let lead_note =
            unknown_note(names, &t.lead).map(|n| format!("{}; {n}", note::TASK_LEAD_UNKNOWN));
        line(s, "    lead", &named(r, &t.lead), lead_note.as_deref());
        if !t.support.is_empty() {
            let ids: Vec<String> = t.support.iter().map(|p| r.id(*p).to_string()).collect();
            list(s, "    support", &ids, "phối hợp");
        }
        for u in &t.support_unknown {
            s.push_str(&format!(
                "    # support: {} # {CHECK} {}\n",
                comment(u),
                note::UNKNOWN_BODY_NO_NEAR
            ));
        }
        if let Some(due) = &t.due {
            let why = format!("{} \"{}\"", note::DUE_FROM, due.from);
            line(s, "    due", &due.due, Some(&why));
        }
        if let Some(n) = &t.due_note {
            line(s, "    due_note", n, Some(note::DUE_NOTE));
        }
        if let Some(a) = at {
            line(s, "    at", a, None);
        }
    }
}

/// The front-matter-only file of a cited document the site lacks.
pub(crate) fn stub(c: &Cited, names: &Names, kind_fallback: &str) -> String {
    let kind = c
        .kind
        .clone()
        .or_else(|| kind_of_number(&c.number).map(|k| capitalise(&k.to_lowercase())))
        .unwrap_or_else(|| kind_fallback.to_string());
    let title = c
        .about
        .as_deref()
        .map(capitalise)
        .unwrap_or_else(|| format!("{kind} số {}", c.number));
    let issuer = stub_issuer(c, names);
    let mut s = String::from("---\n");
    s.push_str(&format!("# {CHECK} {}\n", note::STUB));
    line(&mut s, "id", &c.number, None);
    line(&mut s, "kind", &kind, None);
    line(&mut s, "title", &title, None);
    match issuer {
        Named::Known(p) => line(&mut s, "issuer", names.registry.id(p), None),
        Named::Unknown(n) => line(&mut s, "issuer", &n, Some(note::UNKNOWN_BODY_NO_NEAR)),
    }
    if let Some(date) = c.date {
        line(&mut s, "date", &date.format("%Y-%m-%d").to_string(), None);
    }
    s.push_str("---\n");
    s
}

/// The issuer of a cited document: "của X" after the citation, else the body the number's
/// issuer code names (`TW`: Ban Chấp hành Trung ương, `TU`: the province's Tỉnh ủy, or an
/// alias such as `BTCTW`).
fn stub_issuer(c: &Cited, names: &Names) -> Named {
    if let Some(p) = c.of.as_deref().and_then(|o| names.resolve(o)) {
        return Named::Known(p);
    }
    let code = super::links::issuer_code(&c.number).unwrap_or_default();
    let body = match code {
        "TW" => "Ban Chấp hành Trung ương",
        "TU" => "Tỉnh ủy",
        "HU" => "Huyện ủy",
        "ĐU" => "Đảng ủy",
        other => other,
    };
    match names.resolve(body) {
        Some(p) => Named::Known(p),
        None => Named::Unknown(c.of.clone().unwrap_or_default()),
    }
}
