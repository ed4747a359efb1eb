//! The registry of bodies and groups (`content/bodies.yaml`): loading, validation and name
//! resolution. A body is named by id, name or alias, ignoring case and Unicode normal form.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::source::{Fields, Located};
use crate::load::yaml::{self, Step, Value};
use crate::messages::{msg, Msg};
use crate::model::{Body, BodyId, Group, GroupId, IdVec, Party};
use crate::text::{fold, name_key, SlugSet};

#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub bodies: IdVec<BodyId, Body>,
    pub groups: IdVec<GroupId, Group>,
    by_name: HashMap<String, Party>,
    by_id: HashMap<String, Party>,
    /// `bodies.yaml` could not be read as a whole (absent, not a file, not YAML, not the two
    /// lists). That is reported once, at the file; no name is then reported unknown, as
    /// every one would be.
    pub unreadable: bool,
}

const BODY_KEYS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "parent",
    "level",
    "until",
    "successor",
];
const GROUP_KEYS: &[&str] = &["id", "name", "aliases", "members"];

impl Registry {
    /// The registry of a `bodies.yaml` that could not be read (see `unreadable`).
    pub fn unreadable() -> Registry {
        Registry {
            unreadable: true,
            ..Registry::default()
        }
    }

    /// Resolves a name (id, name or alias) to a body or group.
    pub fn resolve(&self, name: &str) -> Option<Party> {
        let key = name_key(name);
        self.by_id
            .get(&key)
            .or_else(|| self.by_name.get(&key))
            .copied()
    }

    pub fn id(&self, p: Party) -> &str {
        match p {
            Party::Body(b) => &self.bodies[b].id,
            Party::Group(g) => &self.groups[g].id,
        }
    }

    pub fn name(&self, p: Party) -> &str {
        match p {
            Party::Body(b) => &self.bodies[b].name,
            Party::Group(g) => &self.groups[g].name,
        }
    }

    pub fn aliases(&self, p: Party) -> &[String] {
        match p {
            Party::Body(b) => &self.bodies[b].aliases,
            Party::Group(g) => &self.groups[g].aliases,
        }
    }

    pub fn slug(&self, p: Party) -> &str {
        match p {
            Party::Body(b) => &self.bodies[b].slug,
            Party::Group(g) => &self.groups[g].slug,
        }
    }

    pub fn parties(&self) -> impl Iterator<Item = Party> + '_ {
        self.bodies
            .ids()
            .map(Party::Body)
            .chain(self.groups.ids().map(Party::Group))
    }

    /// "did you mean ..." for an unknown name: up to three nearest ids, names or aliases.
    pub fn suggest(&self, name: &str) -> Option<Msg> {
        match self.nearest(name).as_slice() {
            [] => None,
            [a] => Some(msg::did_you_mean_one(a)),
            [a, b] => Some(msg::did_you_mean_two(a, b)),
            [a, b, c, ..] => Some(msg::did_you_mean_three(a, b, c)),
        }
    }

    /// Up to three nearest bodies or groups to an unknown name, each "`id` (name)".
    pub fn nearest(&self, name: &str) -> Vec<String> {
        let wanted = fold(name);
        let mut scored: Vec<(f64, Party)> = Vec::new();
        for p in self.parties() {
            let best = [self.id(p), self.name(p)]
                .into_iter()
                .chain(self.aliases(p).iter().map(String::as_str))
                .map(|c| similarity(&wanted, &fold(c)))
                .fold(0.0, f64::max);
            if best >= 0.6 {
                scored.push((best, p));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored
            .iter()
            .take(3)
            .map(|&(_, p)| format!("`{}` ({})", self.id(p), self.name(p)))
            .collect()
    }

    /// Resolves a located name, reporting an unknown one with suggestions.
    pub fn resolve_located(
        &self,
        file: &Path,
        name: &Located<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Party> {
        let found = self.resolve(&name.value);
        if found.is_none() && !self.unreadable {
            diags.push(
                Diagnostic::error(file, msg::unknown_party(&name.value))
                    .line(name.line)
                    .key(&name.key)
                    .help(
                        self.suggest(&name.value)
                            .unwrap_or_else(msg::unknown_party_help),
                    ),
            );
        }
        found
    }

    /// A body and every body above it (parent, grandparent, ...), nearest first: at most
    /// [`MAX_LEVELS`], as loading leaves them (a cycle in `parent` is broken there).
    pub fn with_ancestors(&self, b: BodyId) -> Vec<BodyId> {
        let mut out = vec![b];
        let mut cur = self.bodies[b].parent;
        while let Some(p) = cur.filter(|_| out.len() < MAX_LEVELS) {
            out.push(p);
            cur = self.bodies[p].parent;
        }
        out
    }

    /// Every body that is `b` or below it in the hierarchy, `b` first.
    pub fn descendants(&self, b: BodyId) -> Vec<BodyId> {
        let mut below: IdVec<BodyId, Vec<BodyId>> = IdVec::filled(Vec::new(), self.bodies.len());
        for (c, body) in self.bodies.iter_enumerated() {
            if let Some(p) = body.parent.filter(|&p| p != c) {
                below[p].push(c);
            }
        }
        let mut out = vec![b];
        let mut i = 0;
        while let Some(&cur) = out.get(i).filter(|_| out.len() <= self.bodies.len()) {
            out.extend(&below[cur]);
            i += 1;
        }
        out
    }
}

/// Similarity of two folded names: edit distance, with a bonus when one contains the other.
fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let lev = strsim::normalized_levenshtein(a, b);
    let contains = if b.contains(a) || a.contains(b) {
        0.7
    } else {
        0.0
    };
    lev.max(strsim::jaro_winkler(a, b) - 0.2).max(contains)
}

/// Loads `bodies.yaml` text. Problems are reported; the registry holds what was valid.
pub fn load(file: &Path, text: &str) -> (Registry, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut reg = Registry::default();
    let value = match yaml::parse(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(crate::load::source::yaml_error(file, &e, 0));
            return (Registry::unreadable(), diags);
        }
    };
    let loc = yaml::Locator::new(text, 0);
    let mut f = Fields::new(file, &loc, &mut diags);
    let Some(top) = f.file_mapping(&value, msg::bodies_help()) else {
        return (Registry::unreadable(), diags);
    };
    f.check_keys(top, &[], &["bodies", "groups"]);
    let mut entries = Entries::default();
    for (kind, keys) in [("bodies", BODY_KEYS), ("groups", GROUP_KEYS)] {
        let items = match yaml::get(top, kind) {
            None | Some(Value::Null) => continue,
            Some(Value::Sequence(s)) => s,
            Some(_) => {
                f.error(&[Step::Key(kind)], msg::bodies_not_list());
                reg.unreadable = true;
                continue;
            }
        };
        for (i, item) in items.iter().enumerate() {
            entries.read(&mut f, &mut reg, (kind, keys), i, item);
        }
    }
    entries.link(file, &mut reg, &mut diags);
    let in_cycle = report_parent_cycles(file, &loc, &mut reg, &mut diags);
    report_too_deep(file, &loc, &mut reg, &in_cycle, &mut diags);
    (reg, diags)
}

/// What the first pass over `bodies.yaml` keeps of an entry for the second: the names it
/// gives of other bodies.
struct Pending {
    parent: Option<Located<String>>,
    successor: Option<Located<String>>,
    members: Vec<Located<String>>,
}

/// The first pass over the entries: the ids and names seen so far, the slugs taken, and
/// what each body and group names of the others, resolved once every name is known.
#[derive(Default)]
struct Entries {
    seen: HashMap<String, (String, Option<usize>)>,
    slugs: SlugSet,
    bodies: Vec<Pending>,
    groups: Vec<Pending>,
}

impl Entries {
    /// Reads entry `i` of the list `kind` (`bodies` or `groups`, whose keys are `keys`)
    /// into `reg`.
    fn read(
        &mut self,
        f: &mut Fields,
        reg: &mut Registry,
        (kind, keys): (&str, &[&str]),
        i: usize,
        item: &Value,
    ) {
        let path = [Step::Key(kind), Step::Index(i)];
        let Some(map) = f.mapping(item, &path) else {
            return;
        };
        f.check_keys(map, &path, keys);
        let id = f.required_string(map, &path, "id");
        let name = f.required_string(map, &path, "name");
        let (Some(id), Some(name)) = (id, name) else {
            return;
        };
        let aliases: Vec<String> = f
            .string_list(map, &path, "aliases")
            .into_iter()
            .map(|l| l.value)
            .collect();
        let line = f.loc.line(&path);
        if let Some((_, first_line)) = self.seen.get(&name_key(&id.value)) {
            let d = Diagnostic::error(f.file(), msg::duplicate_party(&id.value))
                .line(id.line)
                .key(&id.key)
                .help(msg::duplicate_party_help(
                    first_line.map_or("?".into(), |l| l.to_string()),
                ));
            f.push(d);
            return;
        }
        self.seen
            .insert(name_key(&id.value), (id.value.clone(), line));
        let slug = self.slugs.take(&id.value);
        f.push_all(crate::load::fields::slug_too_long(f.file(), &id, &slug));
        let party = if kind == "bodies" {
            Party::Body(BodyId::new(reg.bodies.len()))
        } else {
            Party::Group(GroupId::new(reg.groups.len()))
        };
        reg.by_id.insert(name_key(&id.value), party);
        for n in std::iter::once(&name.value).chain(aliases.iter()) {
            name_once(f, reg, party, n, line, &format!("{kind}[{i}]"));
        }
        if kind == "bodies" {
            let until = f.date(map, &path, "until").map(|l| l.value);
            self.bodies.push(Pending {
                parent: f.string(map, &path, "parent"),
                successor: f.string(map, &path, "successor"),
                members: Vec::new(),
            });
            reg.bodies.push(Body {
                slug,
                id: id.value,
                name: name.value,
                aliases,
                parent: None,
                level: f.string(map, &path, "level").map(|l| l.value),
                until,
                successor: None,
            });
        } else {
            self.groups.push(Pending {
                parent: None,
                successor: None,
                members: f.string_list(map, &path, "members"),
            });
            reg.groups.push(Group {
                slug,
                id: id.value,
                name: name.value,
                aliases,
                members: Vec::new(),
            });
        }
    }

    /// The second pass: links between bodies, now that every name is known.
    fn link(&self, file: &Path, reg: &mut Registry, diags: &mut Vec<Diagnostic>) {
        for (b, p) in self.bodies.iter().enumerate() {
            let b = BodyId::new(b);
            if let Some(parent) = &p.parent {
                reg.bodies[b].parent = as_body(file, reg, parent, diags);
            }
            if let Some(succ) = &p.successor {
                reg.bodies[b].successor = as_body(file, reg, succ, diags);
            }
        }
        for (g, p) in self.groups.iter().enumerate() {
            let g = GroupId::new(g);
            let members = p
                .members
                .iter()
                .filter_map(|m| as_body(file, reg, m, diags))
                .collect();
            reg.groups[g].members = members;
        }
    }
}

/// Gives `party` the name or alias `n`, unless another body or group has it (an error at
/// `line`, `key`).
fn name_once(
    f: &mut Fields,
    reg: &mut Registry,
    party: Party,
    n: &str,
    line: Option<usize>,
    key: &str,
) {
    let k = name_key(n);
    match reg.by_name.get(&k) {
        Some(&other) if other != party => {
            let other_id = match other {
                Party::Body(b) => reg.bodies[b].id.clone(),
                Party::Group(g) => reg.groups[g].id.clone(),
            };
            let d = Diagnostic::error(f.file(), msg::name_taken(n, other_id))
                .line(line)
                .key(key)
                .help(msg::name_taken_help());
            f.push(d);
        }
        Some(_) => {}
        None => {
            reg.by_name.insert(k, party);
        }
    }
}

/// The body `l` names in `file`, or an error when it names a group or nothing.
fn as_body(
    file: &Path,
    reg: &Registry,
    l: &Located<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<BodyId> {
    match reg.resolve_located(file, l, diags)? {
        Party::Body(b) => Some(b),
        Party::Group(_) => {
            diags.push(
                Diagnostic::error(file, msg::group_not_body(&l.value))
                    .line(l.line)
                    .key(&l.key),
            );
            None
        }
    }
}

/// Levels the hierarchy of bodies may have: a body at most `MAX_LEVELS - 1` below the top.
/// Every walk up or down the hierarchy (the bodies page's nested lists, a task row's bodies
/// for the filters) is then bounded; a real hierarchy has a handful of levels.
pub const MAX_LEVELS: usize = 64;

/// Where a body's `parent` is written.
fn parent_at(file: &Path, loc: &yaml::Locator, b: BodyId, message: Msg) -> Diagnostic {
    Diagnostic::error(file, message)
        .line(loc.line(&[
            Step::Key("bodies"),
            Step::Index(b.index()),
            Step::Key("parent"),
        ]))
        .key(format!("bodies[{}].parent", b.index()))
}

/// A body cannot be its own ancestor: each cycle is reported once, at its first body, and
/// broken there so later walks end. Linear: each body is walked once. Returns which bodies
/// were in a cycle.
fn report_parent_cycles(
    file: &Path,
    loc: &yaml::Locator,
    reg: &mut Registry,
    diags: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    const UNSEEN: usize = usize::MAX;
    let n = reg.bodies.len();
    // The walk that reached each body (the body it started from), and where on its path.
    let mut walk = vec![UNSEEN; n];
    let mut place = vec![0; n];
    let mut in_cycle = vec![false; n];
    for start in 0..n {
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(b) = cur.filter(|&b| walk[b] == UNSEEN) {
            walk[b] = start;
            place[b] = path.len();
            path.push(b);
            cur = parent_of(reg, b);
        }
        let Some(again) = cur.filter(|&b| walk[b] == start) else {
            continue;
        };
        let mut cycle = path.split_off(place[again]);
        let first = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
        cycle.rotate_left(first);
        cycle.push(cycle[0]);
        let names: Vec<&str> = cycle.iter().map(|&b| id_of(reg, b)).collect();
        diags.push(
            parent_at(
                file,
                loc,
                BodyId::new(cycle[0]),
                msg::parent_cycle(crate::cycles::path(&names)),
            )
            .help(msg::parent_cycle_help()),
        );
        for &b in &cycle {
            in_cycle[b] = true;
        }
        reg.bodies[BodyId::new(cycle[0])].parent = None;
    }
    in_cycle
}

/// The hierarchy may have at most [`MAX_LEVELS`] levels: a body below that is reported
/// (once where a line of `parent` links goes too deep, not for the bodies below it, nor for
/// bodies of a cycle already reported), and every body too deep loses its parent, so that
/// later walks are bounded. Linear: each body's depth is worked out once.
fn report_too_deep(
    file: &Path,
    loc: &yaml::Locator,
    reg: &mut Registry,
    in_cycle: &[bool],
    diags: &mut Vec<Diagnostic>,
) {
    let depth = depths(reg);
    for b in 0..reg.bodies.len() {
        if depth[b] == MAX_LEVELS && !in_cycle[b] {
            let up = std::iter::successors(Some(b), |&a| parent_of(reg, a));
            let names: Vec<&str> = up.map(|a| id_of(reg, a)).collect();
            diags.push(
                parent_at(
                    file,
                    loc,
                    BodyId::new(b),
                    msg::parent_too_deep(MAX_LEVELS, crate::cycles::path(&names)),
                )
                .help(msg::parent_too_deep_help(MAX_LEVELS - 1)),
            );
        }
    }
    for (b, &d) in depth.iter().enumerate() {
        if d >= MAX_LEVELS {
            reg.bodies[BodyId::new(b)].parent = None;
        }
    }
}

/// The place of the parent of the body at place `b`: the walks over the hierarchy below work
/// on places, for their tables indexed by them.
fn parent_of(reg: &Registry, b: usize) -> Option<usize> {
    reg.bodies[BodyId::new(b)].parent.map(BodyId::index)
}

fn id_of(reg: &Registry, b: usize) -> &str {
    &reg.bodies[BodyId::new(b)].id
}

/// Each body's depth in the hierarchy (0 at the top). The `parent` links must hold no cycle.
fn depths(reg: &Registry) -> Vec<usize> {
    const UNKNOWN: usize = usize::MAX;
    let mut depth = vec![UNKNOWN; reg.bodies.len()];
    let mut path = Vec::new();
    for b in 0..reg.bodies.len() {
        let mut cur = Some(b);
        while let Some(x) = cur.filter(|&x| depth[x] == UNKNOWN) {
            path.push(x);
            cur = parent_of(reg, x);
        }
        let mut d = cur.map_or(0, |x| depth[x] + 1);
        while let Some(x) = path.pop() {
            depth[x] = d;
            d += 1;
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = "bodies:\n  - id: ubnd-tinh\n    name: Ủy ban nhân dân tỉnh\n    aliases: [UBND tỉnh]\n  - id: so-noi-vu\n    name: Sở Nội vụ\n    parent: UBND tỉnh\n    level: Tỉnh\ngroups:\n  - id: cac-so\n    name: Các sở, ban, ngành\n    members: [so-noi-vu]\n";

    fn reg() -> Registry {
        let (r, d) = load(Path::new("bodies.yaml"), REG);
        assert!(d.is_empty(), "{d:?}");
        r
    }

    #[test]
    fn resolves_by_id_name_alias_any_case_and_form() {
        let r = reg();
        assert_eq!(r.resolve("so-noi-vu"), Some(Party::Body(BodyId::new(1))));
        assert_eq!(r.resolve("SỞ NỘI VỤ"), Some(Party::Body(BodyId::new(1))));
        assert_eq!(
            r.resolve("So\u{031b}\u{0309} No\u{0302}\u{0323}i vu\u{0323}"),
            Some(Party::Body(BodyId::new(1)))
        );
        assert_eq!(r.resolve("ubnd tỉnh"), Some(Party::Body(BodyId::new(0))));
        assert_eq!(r.resolve("cac-so"), Some(Party::Group(GroupId::new(0))));
        assert_eq!(r.bodies[BodyId::new(1)].parent, Some(BodyId::new(0)));
        assert_eq!(r.groups[GroupId::new(0)].members, vec![BodyId::new(1)]);
    }

    #[test]
    fn suggests_near_names() {
        let r = reg();
        let help = r.suggest("so noi vu").unwrap().en();
        assert!(help.contains("`so-noi-vu`"), "{help}");
        assert!(r.suggest("zzzzzzzzzzzz").is_none());
    }

    #[test]
    fn reports_duplicates_unknown_parents_and_shared_aliases() {
        let text = "bodies:\n  - id: a\n    name: A\n    aliases: [X]\n  - id: a\n    name: B\n  - id: c\n    name: C\n    aliases: [x]\n    parent: nowhere\n";
        let (_, d) = load(Path::new("bodies.yaml"), text);
        let msgs: Vec<String> = d.iter().map(|d| d.en()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("duplicate id \"a\"") && m.contains(":5:")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("already used by `a`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("unknown body or group \"nowhere\"") && m.contains(":10:")),
            "{msgs:?}"
        );
    }

    #[test]
    fn breaks_parent_cycles() {
        let text = "bodies:\n  - id: a\n    name: A\n    parent: b\n  - id: b\n    name: B\n    parent: a\n";
        let (r, d) = load(Path::new("bodies.yaml"), text);
        assert!(d.iter().any(|d| d.message.en().contains("cycle")));
        assert!(r.descendants(BodyId::new(0)).len() <= 2);
    }

    /// `bodies.yaml` with bodies `b0`, `b1`, …: `b(i+1)` below `bi`, and with `cycle`
    /// `b0` below the last.
    fn line_of_bodies(n: usize, cycle: bool) -> String {
        let mut text = String::from("bodies:\n");
        for i in 0..n {
            text.push_str(&format!("  - id: b{i}\n    name: B{i}\n"));
            match (i, cycle) {
                (0, true) => text.push_str(&format!("    parent: b{}\n", n - 1)),
                (0, false) => {}
                _ => text.push_str(&format!("    parent: b{}\n", i - 1)),
            }
        }
        text
    }

    #[test]
    fn a_long_cycle_is_reported_once_briefly_and_broken() {
        let (r, d) = load(Path::new("bodies.yaml"), &line_of_bodies(5000, true));
        assert_eq!(d.len(), 1, "{d:?}");
        let m = &d[0].message.en();
        assert!(
            m.starts_with("the `parent` links form a cycle: b0 → b4999 → b4998 →"),
            "{m}"
        );
        assert!(m.ends_with("… and 4,995 more → b0"), "{m}");
        assert_eq!(
            (d[0].line, d[0].key.as_deref()),
            (Some(4), Some("bodies[0].parent"))
        );
        assert_eq!(r.bodies[BodyId::new(0)].parent, None);
    }

    #[test]
    fn a_hierarchy_deeper_than_its_levels_is_reported_where_it_goes_too_deep() {
        let (r, d) = load(Path::new("bodies.yaml"), &line_of_bodies(MAX_LEVELS, false));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            r.with_ancestors(BodyId::new(MAX_LEVELS - 1)).len(),
            MAX_LEVELS
        );

        let (r, d) = load(Path::new("bodies.yaml"), &line_of_bodies(10_000, false));
        assert_eq!(d.len(), 1, "{d:?}");
        let m = &d[0].message.en();
        assert!(
            m.contains(
                "more than 64 levels deep: b64 → b63 → b62 → b61 → b60 → … and 59 more → b0"
            ),
            "{m}"
        );
        let key = format!("bodies[{MAX_LEVELS}].parent");
        assert_eq!(d[0].key.as_deref(), Some(key.as_str()));
        assert_eq!(d[0].line, Some(3 * MAX_LEVELS + 3));
        // Every body too deep lost its parent: no walk goes further.
        assert!(r
            .bodies
            .ids()
            .all(|b| r.with_ancestors(b).len() <= MAX_LEVELS));
        assert_eq!(r.descendants(BodyId::new(0)).len(), MAX_LEVELS);
    }

    #[test]
    fn a_registry_that_cannot_be_read_is_reported_once_not_per_name() {
        for text in [
            "hello\n",
            "- a\n",
            "bodies: [\n",
            "# only a comment\n",
            "bodies: 3\n",
        ] {
            let (r, d) = load(Path::new("bodies.yaml"), text);
            assert_eq!(d.len(), 1, "{text:?}: {d:?}");
            assert!(r.unreadable, "{text:?}");
            let mut more = Vec::new();
            let name = Located {
                value: "so-noi-vu".to_string(),
                line: Some(3),
                key: "lead".into(),
            };
            assert_eq!(r.resolve_located(Path::new("a.md"), &name, &mut more), None);
            assert!(more.is_empty(), "{text:?}: {more:?}");
        }
        let d = load(Path::new("bodies.yaml"), "\n# c\nhello\n").1;
        assert_eq!(d[0].line, Some(3));
        assert!(d[0].key.is_none() && d[0].message.en().contains("single value"));
        assert!(!reg().unreadable);
    }
}
