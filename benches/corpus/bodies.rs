//! The synthetic registry of bodies and groups: central bodies, provinces with their
//! party committees and departments, districts and communes below them.

use super::text::{slug, PROVINCES};
use std::collections::BTreeSet;
use std::fmt::Write as _;

pub struct Body {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub parent: Option<usize>,
    pub level: &'static str,
    pub until: Option<&'static str>,
    pub successor: Option<usize>,
    /// How the body's own documents are numbered: `TU` gives `45-KH/TU`, a state body
    /// (`UBND`) gives `45/KH-UBND`.
    pub code: &'static str,
    pub state: bool,
}

pub struct Group {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub members: Vec<usize>,
}

/// A party in a document: a body or a group.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Body(usize),
    Group(usize),
}

pub struct Central {
    pub bct: usize,
    pub bbt: usize,
    pub btctw: usize,
    pub vptw: usize,
    pub guides: Vec<usize>,
    pub leads: Vec<Party>,
    pub press: Vec<usize>,
    pub recipients: Vec<Party>,
}

pub struct District {
    pub name: String,
    pub folder: String,
    pub btv: usize,
    pub vphu: usize,
    pub issuers: Vec<usize>,
    pub communes: Vec<usize>,
    pub leads: Vec<Party>,
    pub recipients: Vec<Party>,
}

pub struct Province {
    pub name: String,
    pub folder: String,
    pub btv: usize,
    pub vptu: usize,
    pub issuers: Vec<usize>,
    pub state_issuers: Vec<usize>,
    pub leads: Vec<Party>,
    pub recipients: Vec<Party>,
    pub districts: Vec<District>,
}

pub struct Registry {
    pub bodies: Vec<Body>,
    pub groups: Vec<Group>,
    pub central: Central,
    pub provinces: Vec<Province>,
    pub(super) ids: BTreeSet<String>,
}

pub(super) const FIRST: &[&str] = &[
    "Tam", "Phong", "Tân", "Phú", "Bình", "Thanh", "Vĩnh", "Hòa", "Đông", "Tây", "Nam", "Bắc",
    "Kim", "Lộc", "Long", "Hưng", "An", "Mỹ", "Yên", "Thuận",
];
pub(super) const SECOND: &[&str] = &[
    "Đường",
    "Thổ",
    "Sơn",
    "Hòa",
    "Lộc",
    "Bình",
    "Thạnh",
    "Phước",
    "Hưng",
    "Yên",
    "An",
    "Lâm",
    "Giang",
    "Điền",
    "Xuyên",
    "Khánh",
    "Thành",
    "Mỹ",
    "Trà",
    "Quang",
];
pub(super) const THIRD: &[&str] = &[
    "Hải", "Lợi", "Tiến", "Thịnh", "Nghĩa", "Trung", "Đức", "Lạc", "Tâm", "Minh", "Hiệp", "Tú",
    "Cường", "Phong", "Châu", "Thái", "Hà", "Xuân", "Đạt", "Quý",
];

/// Place names from two syllables, shuffled, never a province's name.
pub(super) fn place_names(rng: &mut fastrand::Rng, second: &[&str]) -> Vec<String> {
    let provinces: BTreeSet<String> = PROVINCES.iter().map(|p| slug(p.0)).collect();
    let mut out: Vec<String> = Vec::new();
    for a in FIRST {
        for b in second {
            let name = format!("{a} {b}");
            if a != b && !provinces.contains(&slug(&name)) {
                out.push(name);
            }
        }
    }
    rng.shuffle(&mut out);
    out
}

impl Registry {
    pub(super) fn body(
        &mut self,
        name: String,
        aliases: Vec<String>,
        parent: Option<usize>,
        level: &'static str,
        code: &'static str,
        state: bool,
    ) -> usize {
        let mut id = slug(&name);
        let mut n = 1;
        while self.ids.contains(&id) {
            n += 1;
            id = format!("{}-{n}", slug(&name));
        }
        self.ids.insert(id.clone());
        self.bodies.push(Body {
            id,
            name,
            aliases,
            parent,
            level,
            until: None,
            successor: None,
            code,
            state,
        });
        self.bodies.len() - 1
    }

    pub(super) fn group(
        &mut self,
        name: String,
        aliases: Vec<String>,
        members: Vec<usize>,
    ) -> Party {
        let id = slug(&name);
        assert!(self.ids.insert(id.clone()), "duplicate group id {id}");
        self.groups.push(Group {
            id,
            name,
            aliases,
            members,
        });
        Party::Group(self.groups.len() - 1)
    }

    pub(super) fn cease(&mut self, b: usize, until: &'static str, successor: usize) {
        self.bodies[b].until = Some(until);
        self.bodies[b].successor = Some(successor);
    }

    pub fn name(&self, p: Party) -> &str {
        match p {
            Party::Body(b) => &self.bodies[b].name,
            Party::Group(g) => &self.groups[g].name,
        }
    }

    /// How a document names a party: mostly by id, sometimes by name or alias.
    pub fn cite(&self, rng: &mut fastrand::Rng, p: Party) -> String {
        let (id, name, aliases) = match p {
            Party::Body(b) => (
                &self.bodies[b].id,
                &self.bodies[b].name,
                &self.bodies[b].aliases,
            ),
            Party::Group(g) => (
                &self.groups[g].id,
                &self.groups[g].name,
                &self.groups[g].aliases,
            ),
        };
        match rng.u32(0..10) {
            0..=6 => id.clone(),
            7 | 8 => name.clone(),
            _ if !aliases.is_empty() => aliases[rng.usize(0..aliases.len())].clone(),
            _ => name.clone(),
        }
    }

    /// `content/bodies.yaml`.
    pub fn yaml(&self) -> String {
        let mut out = String::from(
            "# Synthetic registry of bodies, generated by benches/corpus (chidao benchmarks).\n\nbodies:\n",
        );
        for b in &self.bodies {
            let _ = writeln!(out, "  - id: {}\n    name: {}", b.id, q(&b.name));
            if !b.aliases.is_empty() {
                let _ = writeln!(out, "    aliases: [{}]", list(b.aliases.iter()));
            }
            if let Some(p) = b.parent {
                let _ = writeln!(out, "    parent: {}", self.bodies[p].id);
            }
            let _ = writeln!(out, "    level: {}", b.level);
            if let Some(u) = b.until {
                let _ = writeln!(out, "    until: {u}");
            }
            if let Some(s) = b.successor {
                let _ = writeln!(out, "    successor: {}", self.bodies[s].id);
            }
        }
        out.push_str("\ngroups:\n");
        for g in &self.groups {
            let _ = writeln!(out, "  - id: {}\n    name: {}", g.id, q(&g.name));
            if !g.aliases.is_empty() {
                let _ = writeln!(out, "    aliases: [{}]", list(g.aliases.iter()));
            }
            if g.members.is_empty() {
                out.push_str("    members: []\n");
            } else {
                out.push_str("    members:\n");
                for &m in &g.members {
                    let _ = writeln!(out, "      - {}", self.bodies[m].id);
                }
            }
        }
        out
    }
}

/// A double-quoted YAML scalar.
pub fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A flow list of double-quoted scalars.
pub fn list<'a>(items: impl Iterator<Item = &'a String>) -> String {
    items.map(|s| q(s)).collect::<Vec<_>>().join(", ")
}
