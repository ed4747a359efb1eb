//! The tasks a document assigns, read from its blocks. A block assigns work when it starts
//! with a body ("Ban Tổ chức Trung ương tham mưu …", "Giao Ban Tổ chức Trung ương chủ trì,
//! phối hợp với …", "Đề nghị Ban Tổ chức Tỉnh ủy: …", "Đối với các cơ quan …, phải …"), when it
//! is a point under a heading that names one ("1. Sở Nội vụ", "4. Trách nhiệm của …"), or a
//! point after a sentence that gives the points to one ("Bộ Chính trị yêu cầu Ban Tổ chức
//! Trung ương và … lưu ý một số nhiệm vụ sau:"). Its id is the numbering of the point.

use super::body::{Block, Kind, Marker};
use super::due::{self, Found};
use super::names::{capitalise, verb_at, Names};
use crate::model::Party;

/// A body as the text names it: one of the registry's, or a name it does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Named {
    Known(Party),
    Unknown(String),
}

/// A task read from the text.
#[derive(Debug, Clone)]
pub(crate) struct Task {
    pub(crate) id: String,
    pub(crate) text: String,
    pub(crate) lead: Named,
    pub(crate) support: Vec<Party>,
    /// Bodies named as taking part that the registry does not hold (vague ones included).
    pub(crate) support_unknown: Vec<String>,
    pub(crate) due: Option<Found>,
    pub(crate) due_note: Option<String>,
    /// The block of the text it stands in: its index among the blocks, then (once the
    /// document is read) its line in the Markdown.
    pub(crate) block: usize,
}

/// Who a block gives work to, and the rest of its words.
struct Actor {
    lead: Named,
    support: Vec<Party>,
    support_unknown: Vec<String>,
    /// The words after the bodies (the work itself).
    rest: String,
}

/// Words that, right after a body's name, show that the sentence reports rather than assigns.
const NOT_WORK: &[&str] = &[
    "đã", "được", "là", "vẫn", "của", "về", "trong", "tại", "với", "cho", "như", "này", "và",
];

/// Words that give work to the body named after them.
const GIVING: &[&str] = &["Giao", "Đề nghị", "Yêu cầu", "Trách nhiệm của"];

/// The tasks of `blocks`.
pub(crate) fn tasks(blocks: &[Block], names: &Names) -> Vec<Task> {
    let mut out: Vec<Task> = Vec::new();
    let mut w = Walk::default();
    for (i, b) in blocks.iter().enumerate() {
        if b.text.starts_with("Nơi nhận") {
            break;
        }
        if b.text.starts_with("Kính gửi") {
            w.skipping = true;
            continue;
        }
        if w.skipping && b.kind == Kind::Item {
            continue;
        }
        w.skipping = false;
        if let Kind::Heading(_) = b.kind {
            w.heading(blocks, i, names);
            continue;
        }
        if let Some(t) = w.block(b, i, names) {
            let mut t = t;
            t.id = unique(&out, t.id);
            out.push(t);
        }
    }
    out
}

/// What the walk over the blocks knows at a point.
#[derive(Default)]
struct Walk {
    roman: Option<String>,
    /// The lead a heading names, its id, and whether bullets follow it.
    heading: Option<(Named, String, bool)>,
    /// The lead and support of a sentence that gives the next points, and its id.
    intro: Option<(Named, Vec<Party>, String)>,
    /// The id the points below take as prefix, and how many have been seen.
    parent: Option<String>,
    count: usize,
    skipping: bool,
}

impl Walk {
    fn heading(&mut self, blocks: &[Block], i: usize, names: &Names) {
        let b = &blocks[i];
        self.intro = None;
        self.heading = None;
        self.count = 0;
        match &b.marker {
            Some(Marker::Roman(r)) => {
                self.roman = Some(r.clone());
                self.parent = None;
            }
            Some(Marker::Number(n)) => {
                let id = self.numbered(n);
                self.parent = Some(id.clone());
                if let Some(lead) = heading_lead(&b.text, names) {
                    let bullets = blocks[i + 1..]
                        .iter()
                        .take_while(|x| !matches!(x.kind, Kind::Heading(_)))
                        .any(|x| x.kind == Kind::Item);
                    self.heading = Some((lead, id, bullets));
                }
            }
            _ => {}
        }
    }

    fn numbered(&self, n: &str) -> String {
        match &self.roman {
            Some(r) if !n.contains('.') => format!("{r}.{n}"),
            _ => n.to_string(),
        }
    }

    /// The id of a point: its number, or the next under its parent.
    fn id_of(&mut self, b: &Block) -> String {
        match &b.marker {
            Some(Marker::Number(n)) => self.numbered(n),
            _ => {
                self.count += 1;
                match &self.parent {
                    Some(p) => format!("{p}.{}", self.count),
                    None => self.count.to_string(),
                }
            }
        }
    }

    fn block(&mut self, b: &Block, i: usize, names: &Names) -> Option<Task> {
        if b.kind == Kind::Paragraph && b.marker.is_none() {
            self.intro = None;
        }
        if b.text.trim_end().ends_with(':') {
            if let Some((lead, support)) = giving(&b.text, names) {
                let id = match &b.marker {
                    Some(Marker::Number(n)) => self.numbered(n),
                    _ => self.parent.clone().unwrap_or_default(),
                };
                self.parent = Some(id.clone()).filter(|x| !x.is_empty());
                self.count = 0;
                self.intro = Some((lead, support, id));
                return None;
            }
        }
        let id = self.id_of(b);
        if let Some(a) = actor(&b.text, names) {
            let text = capitalise(a.rest.trim_start_matches([',', ':', ' ']));
            return Some(task(
                id,
                text,
                a.lead,
                a.support,
                a.support_unknown,
                &b.text,
                i,
            ));
        }
        if !b.text.trim_end().ends_with(':') {
            if let Some(p) = clause_actor(&b.text, names) {
                let (support, unknown) = support_at_start(&b.text, names);
                let lead = Named::Known(p);
                return Some(task(id, b.text.clone(), lead, support, unknown, &b.text, i));
            }
        }
        let (lead, mut support) = if let Some((lead, support, _)) = &self.intro {
            (lead.clone(), support.clone())
        } else {
            let (lead, _, bullets) = self.heading.as_ref()?;
            if *bullets && b.kind != Kind::Item {
                return None;
            }
            (lead.clone(), Vec::new())
        };
        let (more, unknown) = support_at_start(&b.text, names);
        support.extend(more);
        Some(task(id, b.text.clone(), lead, support, unknown, &b.text, i))
    }
}

fn task(
    id: String,
    text: String,
    lead: Named,
    support: Vec<Party>,
    support_unknown: Vec<String>,
    whole: &str,
    block: usize,
) -> Task {
    let due = due::find(whole);
    let due_note = if due.is_none() {
        due::condition(whole)
    } else {
        None
    };
    Task {
        id,
        text,
        lead,
        support,
        support_unknown,
        due,
        due_note,
        block,
    }
}

/// `id`, or `id-2`, `id-3`, … when a task already has it.
fn unique(tasks: &[Task], id: String) -> String {
    let taken = |c: &str| tasks.iter().any(|t| t.id == c);
    if !taken(&id) {
        return id;
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| !taken(c))
        .unwrap_or(id)
}

/// The body a heading names ("Sở Nội vụ", "Đề nghị Ban Tổ chức Tỉnh ủy", "Trách nhiệm của …").
fn heading_lead(text: &str, names: &Names) -> Option<Named> {
    let (given, rest) = strip_giving(text);
    let rest = rest.trim_end_matches([':', '.']).trim();
    if let Some(p) = names.resolve(rest) {
        return Some(Named::Known(p));
    }
    if let Some((p, n)) = names.at_start(rest) {
        if n == rest.split_whitespace().count() {
            return Some(Named::Known(p));
        }
    }
    let words = rest.split_whitespace().count();
    let bodyish = given || names.starts_with_body_word(rest);
    (bodyish && (1..=15).contains(&words) && !verb_in(rest))
        .then(|| Named::Unknown(capitalise(rest)))
}

fn verb_in(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (0..words.len()).any(|i| verb_at(&words[i..]))
}

/// `text` without a leading word that gives work ("Giao", "Đề nghị", …), and whether it had one.
fn strip_giving(text: &str) -> (bool, &str) {
    for g in GIVING {
        if let Some(rest) = strip_word(text, g) {
            return (true, rest);
        }
    }
    (false, text)
}

/// `rest` when `text` starts with the words `w` (any case), then a space or a colon.
fn strip_word<'a>(text: &'a str, w: &str) -> Option<&'a str> {
    let n = w.len();
    let head = text.get(..n)?;
    (super::names::key(head) == super::names::key(w)
        && (text.len() == n || text[n..].starts_with([' ', ':', ','])))
    .then(|| text[n..].trim_start_matches([' ', ':', ',']))
}

/// The body a block starts with, as the one that must act.
fn actor(text: &str, names: &Names) -> Option<Actor> {
    if let Some(a) = towards(text, names) {
        return Some(a);
    }
    let (given, rest) = strip_giving(text);
    let (lead, used) = match names.at_start(rest) {
        Some((p, n)) => (Named::Known(p), n),
        None => {
            let (name, n) = names.unknown_at_start(rest)?;
            (Named::Unknown(name), n)
        }
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let mut i = used;
    let mut support = Vec::new();
    let mut unknown = Vec::new();
    // "X và Y …": Y takes part.
    while words.get(i).is_some_and(|w| *w == "và") {
        match names.at_start(&words[i + 1..].join(" ")) {
            Some((p, n)) => {
                support.push(p);
                i += 1 + n;
            }
            None => break,
        }
    }
    let next = words.get(i).map(|w| w.trim_end_matches([',', ':']));
    if !given && next.is_none_or(|w| NOT_WORK.contains(&super::names::key(w).as_str())) {
        return None;
    }
    if words.len() < i + 2 {
        return None;
    }
    let after = words[i..].join(" ");
    let after = after.trim_start_matches([',', ':', ' ']);
    let (more, vague, after) = support_clause(after, names);
    support.extend(more);
    unknown.extend(vague);
    Some(Actor {
        lead,
        support,
        support_unknown: unknown,
        rest: after,
    })
}

/// "…, X <verb> …": a body of the registry named after a comma or semicolon inside the block
/// and followed by a verb of work ("…; đối với …, Ban Chỉ đạo Đề án 165 tiếp tục cấp kinh
/// phí", "Căn cứ …, Ủy ban nhân dân tỉnh chỉ đạo …").
fn clause_actor(text: &str, names: &Names) -> Option<Party> {
    text.match_indices([',', ';']).find_map(|(i, _)| {
        let rest = text[i + 1..].trim_start();
        let (p, n) = names.at_start(rest)?;
        let words: Vec<&str> = rest.split_whitespace().collect();
        verb_at(&words[n.min(words.len())..]).then_some(p)
    })
}

/// "Đối với X, phải …": X must act.
fn towards(text: &str, names: &Names) -> Option<Actor> {
    let rest = strip_word(text, "Đối với")?;
    let end = rest.find(", phải").or_else(|| rest.find(" phải "))?;
    let who = capitalise(rest[..end].trim());
    let lead = match names.resolve(&who) {
        Some(p) => Named::Known(p),
        None if names.starts_with_body_word(&who) => Named::Unknown(who),
        None => return None,
    };
    Some(Actor {
        lead,
        support: Vec::new(),
        support_unknown: Vec::new(),
        rest: text.to_string(),
    })
}

/// The bodies of "chủ trì, phối hợp với X, Y và Z" at the start of `text`, the names it could
/// not resolve, and the words after them.
fn support_clause(text: &str, names: &Names) -> (Vec<Party>, Vec<String>, String) {
    let mut t = text;
    if let Some(r) = strip_word(t, "chủ trì") {
        t = r.trim_start_matches([',', ' ']);
    }
    let Some(r) = strip_word(t, "phối hợp với") else {
        return (Vec::new(), Vec::new(), t.to_string());
    };
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    let mut rest = r.to_string();
    loop {
        let consumed = if let Some((p, n)) = names.at_start(&rest) {
            known.push(p);
            n
        } else if let Some((name, n)) = names.unknown_at_start(&capitalise(&rest)) {
            unknown.push(name);
            n
        } else {
            break;
        };
        let words: Vec<&str> = rest.split_whitespace().collect();
        let after = &words[consumed.min(words.len())..];
        match after.first() {
            Some(&"và") => rest = after[1..].join(" "),
            _ if words[consumed - 1].ends_with(',') && !verb_at(after) => rest = after.join(" "),
            _ => {
                rest = after.join(" ");
                break;
            }
        }
    }
    (known, unknown, rest)
}

/// [`support_clause`] of a point that starts "Phối hợp với …" or "Chủ trì, phối hợp với …".
fn support_at_start(text: &str, names: &Names) -> (Vec<Party>, Vec<String>) {
    let (known, unknown, _) = support_clause(text, names);
    (known, unknown)
}

/// The lead and support of a sentence that gives the points after it: "… yêu cầu X và Y …:",
/// "… giao X …:", "… đề nghị X …:".
fn giving(text: &str, names: &Names) -> Option<(Named, Vec<Party>)> {
    let lower = text.to_lowercase();
    for verb in ["yêu cầu ", "giao ", "đề nghị "] {
        let Some(i) = lower.find(verb) else {
            continue;
        };
        let after = &text[i + verb.len()..];
        let Some((p, n)) = names.at_start(after) else {
            continue;
        };
        let words: Vec<&str> = after.split_whitespace().collect();
        let mut support = Vec::new();
        let mut j = n;
        while words.get(j) == Some(&"và") {
            match names.at_start(&words[j + 1..].join(" ")) {
                Some((q, m)) => {
                    support.push(q);
                    j += 1 + m;
                }
                None => break,
            }
        }
        return Some((Named::Known(p), support));
    }
    None
}

#[cfg(test)]
mod tests;
