//! The check that no module depends on itself through others (issue 21): leaf utilities sit
//! at the bottom and every dependency points down.
//!
//! How it checks. It reads every `src/**/*.rs` of the library (not `main.rs`, a crate of its
//! own), without the test code: files that a `#[cfg(test)]` declaration names (`*_tests.rs`,
//! `deadline_props.rs`, `cmd/new/tests.rs`) and every item under `#[cfg(test)]` (`mod tests
//! { … }`, a test-only `use` or function). Comments (doc links too), string and character
//! literals are blanked first. Then every path that starts with `crate::`, `super::` or
//! `self::` (and, in a file with submodules, the name of one of them) is read as a tree, so
//! `use crate::{a, b::{c, d}}` over several lines gives `a`, `b::c` and `b::d`; `super::` is
//! the parent module. A path is resolved to the module that defines the item: the longest
//! prefix that is a module, then through that module's `pub use` re-exports.
//!
//! Two graphs are checked, each for cycles:
//! - the top-level modules (`markdown`, `render`, `graph`, `source`, `at`, …), every
//!   submodule counted as its top-level module;
//! - inside each of `render/`, `graph/`, `session/`, `search/`: its submodules among
//!   themselves (`render::lists`, `render::pages` with `pages/document.rs` and
//!   `pages/party.rs` in it, …). The parent's own file (`mod.rs`), which declares them and
//!   drives them, is not a node of this graph: what a submodule takes from it (the parent's
//!   types) is not counted here.
//!
//! It fails listing every cycle (for each edge that lies on one, the shortest cycle through
//! it), and prints the graph, one line per module with what it uses (`cargo test --lib
//! module_graph -- --nocapture`). A glob import (`use super::views::*`) counts as a use of
//! the module globbed, not of what that module re-exports. A cycle that must stay for now
//! goes into [`ALLOWED`] with its reason; there is none. CI runs this test: `.ci/run` runs
//! `scripts/test`, which runs `cargo test`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules whose submodules are nodes of a graph of their own.
const SPLIT: &[&str] = &["render", "graph", "session", "search"];

/// Dependency cycles allowed for now, each as its edges `from -> to` that close it; see each
/// entry's reason. Empty when there is none.
const ALLOWED: &[(&str, &str, &str)] = &[];

type Module = Vec<String>;

struct File {
    module: Module,
    /// The code, test items, comments and literals blanked.
    code: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rs_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file is, from its path below `src/`.
fn module_of(rel: &Path) -> Module {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// Blanks comments, strings and characters (keeping line breaks), so that neither a doc link
/// nor a `{` in a string counts.
fn blank(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let keep = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep(b[i]));
                    i += 1;
                }
            }
        } else if (c == 'r' || c == 'b')
            && !b
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
            && raw_string_start(&b, i).is_some()
        {
            let (hashes, body) = raw_string_start(&b, i).unwrap();
            for _ in i..body {
                out.push(' ');
            }
            i = body;
            loop {
                if i >= b.len() {
                    break;
                }
                if b[i] == '"' && (0..hashes).all(|k| b.get(i + 1 + k) == Some(&'#')) {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    i += 1 + hashes;
                    break;
                }
                out.push(keep(b[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(keep(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A character literal, or a lifetime (left as it is).
            let end = if next == Some('\\') {
                (i + 2..b.len()).find(|&j| b[j] == '\'')
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    for _ in i..=end {
                        out.push(' ');
                    }
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Where a raw string's text starts (after `r#"`, `br"`, …), and its number of `#`.
fn raw_string_start(b: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if b[j] == 'b' {
        j += 1;
    }
    if b.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while b.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (b.get(j) == Some(&'"')).then_some((hashes, j + 1))
}

/// Blanks every item under `#[cfg(test)]`: up to its `;` or its matching `}`.
fn drop_test_items(code: &str) -> String {
    let mut out: Vec<char> = code.chars().collect();
    let marker: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i + marker.len() <= out.len() {
        if out[i..i + marker.len()] != marker[..] {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut depth = 0usize;
        while j < out.len() {
            let c = out[j];
            j += 1;
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                ';' if depth == 0 => break,
                _ => {}
            }
        }
        for c in &mut out[i..j] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = j;
    }
    out.into_iter().collect()
}

/// Files that a `#[cfg(test)]` module declaration names, relative to `src/`.
fn test_files(rel: &Path, src: &str, out: &mut BTreeSet<PathBuf>) {
    let dir = rel.parent().unwrap_or(Path::new(""));
    let stem = rel.file_stem().unwrap().to_string_lossy();
    // A file `x.rs` (not `mod.rs`/`lib.rs`) keeps its submodules in `x/`.
    let sub = if stem == "mod" || stem == "lib" {
        dir.to_path_buf()
    } else {
        dir.join(&*stem)
    };
    let lines: Vec<&str> = src.lines().map(str::trim).collect();
    for (n, line) in lines.iter().enumerate() {
        if *line != "#[cfg(test)]" {
            continue;
        }
        let mut path = None;
        for next in &lines[n + 1..] {
            if let Some(p) = next.strip_prefix("#[path = \"") {
                path = Some(dir.join(p.trim_end_matches("\"]")));
            } else if let Some(decl) = next.trim_start_matches("pub(crate) ").strip_prefix("mod ") {
                if let Some(name) = decl.strip_suffix(';') {
                    out.insert(path.unwrap_or_else(|| {
                        let file = sub.join(format!("{name}.rs"));
                        if src_dir().join(&file).exists() {
                            file
                        } else {
                            sub.join(name).join("mod.rs")
                        }
                    }));
                }
                break;
            } else if !next.starts_with("#[") {
                break;
            }
        }
    }
}

fn read_files() -> Vec<File> {
    let root = src_dir();
    let mut paths = Vec::new();
    rs_files(&root, &mut paths);
    paths.sort();
    let mut sources = Vec::new();
    let mut tests = BTreeSet::new();
    for path in paths {
        let rel = path.strip_prefix(&root).unwrap().to_path_buf();
        if rel == Path::new("main.rs") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        test_files(&rel, &src, &mut tests);
        sources.push((rel, src));
    }
    sources
        .into_iter()
        .filter(|(rel, _)| !tests.contains(rel))
        .map(|(rel, src)| File {
            module: module_of(&rel),
            code: drop_test_items(&blank(&src)),
        })
        .collect()
}

/// A path as written: `crate::a::b`, `super::x`, or a tree of them.
fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

struct Reader<'a> {
    b: &'a [char],
    i: usize,
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_whitespace() {
            self.i += 1;
        }
    }

    fn ident(&mut self) -> Option<String> {
        self.skip_space();
        let start = self.i;
        while self.i < self.b.len() && is_ident(self.b[self.i]) {
            self.i += 1;
        }
        (self.i > start).then(|| self.b[start..self.i].iter().collect())
    }

    fn colons(&mut self) -> bool {
        self.skip_space();
        if self.b.get(self.i) == Some(&':') && self.b.get(self.i + 1) == Some(&':') {
            self.i += 2;
            true
        } else {
            false
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Reads the rest of a path after `prefix::`, pushing every full path (`{…}` groups
    /// expanded) with the name each is brought in as (for `pub use`).
    fn tree(&mut self, prefix: &[String], out: &mut Vec<(Vec<String>, Option<String>)>) {
        if self.eat('{') {
            loop {
                self.skip_space();
                if self.eat('}') {
                    return;
                }
                self.tree(prefix, out);
                if !self.eat(',') {
                    self.eat('}');
                    return;
                }
            }
        }
        if self.eat('*') {
            out.push((prefix.to_vec(), None));
            return;
        }
        let Some(name) = self.ident() else {
            out.push((prefix.to_vec(), None));
            return;
        };
        let mut path = prefix.to_vec();
        path.push(name.clone());
        if self.colons() {
            self.tree(&path, out);
            return;
        }
        let save = self.i;
        let alias = match self.ident().as_deref() {
            Some("as") => self.ident(),
            _ => {
                self.i = save;
                None
            }
        };
        let last = if name == "self" {
            path.pop();
            path.last().cloned()
        } else {
            Some(name)
        };
        out.push((path, alias.or(last)));
    }
}

/// Every path a file names: resolved to a full path from the crate root, with the name a
/// `use` brings it in as and whether that `use` is public (a re-export).
fn paths_of(file: &File, children: &BTreeSet<String>) -> Vec<(Module, Option<String>, bool)> {
    let b: Vec<char> = file.code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !is_ident(b[i]) || (i > 0 && (is_ident(b[i - 1]) || b[i - 1] == ':')) {
            i += 1;
            continue;
        }
        let mut r = Reader { b: &b, i };
        let first = r.ident().unwrap();
        let after_ident = r.i;
        let base: Option<Module> = match first.as_str() {
            "crate" => Some(Vec::new()),
            "self" => Some(file.module.clone()),
            "super" => {
                let mut m = file.module.clone();
                m.pop();
                while {
                    let save = r.i;
                    let more = r.colons() && r.ident().as_deref() == Some("super");
                    if !more {
                        r.i = save;
                    }
                    more
                } {
                    m.pop();
                }
                Some(m)
            }
            name if children.contains(name) => {
                let mut m = file.module.clone();
                m.push(name.to_string());
                Some(m)
            }
            _ => None,
        };
        let Some(base) = base else {
            i = after_ident;
            continue;
        };
        if !r.colons() {
            i = after_ident;
            continue;
        }
        // Is this the path of a `pub use`?
        let before: String = b[..i].iter().collect();
        let stmt = before
            .rsplit([';', '{', '}'])
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let words: Vec<&str> = stmt.split_whitespace().collect();
        let public = matches!(words[..], [.., vis, "use"] if vis.starts_with("pub"));
        let mut found = Vec::new();
        r.tree(&base, &mut found);
        out.extend(found.into_iter().map(|(p, alias)| (p, alias, public)));
        i = r.i.max(after_ident);
    }
    out
}

struct Crate {
    modules: BTreeSet<Module>,
    /// A module's public re-exports: name → full path.
    reexports: BTreeMap<Module, BTreeMap<String, Module>>,
    /// Every file's module and the full paths it names.
    uses: Vec<(Module, Vec<Module>)>,
}

fn read_crate() -> Crate {
    let files = read_files();
    let mut modules: BTreeSet<Module> = files.iter().map(|f| f.module.clone()).collect();
    // Inline modules outside tests (`views::paths`).
    for f in &files {
        for line in f.code.lines() {
            let line = line.trim_start();
            let decl = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("pub(crate) mod "))
                .or_else(|| line.strip_prefix("mod "));
            if let Some(name) = decl.and_then(|d| d.strip_suffix(" {")) {
                let mut m = f.module.clone();
                m.push(name.to_string());
                modules.insert(m);
            }
        }
    }
    let mut reexports: BTreeMap<Module, BTreeMap<String, Module>> = BTreeMap::new();
    let mut uses = Vec::new();
    for f in &files {
        let children: BTreeSet<String> = modules
            .iter()
            .filter(|m| m.len() == f.module.len() + 1 && m.starts_with(&f.module))
            .map(|m| m.last().unwrap().clone())
            .collect();
        let found = paths_of(f, &children);
        for (path, alias, public) in &found {
            if let (true, Some(alias)) = (public, alias) {
                reexports
                    .entry(f.module.clone())
                    .or_default()
                    .insert(alias.clone(), path.clone());
            }
        }
        uses.push((f.module.clone(), found.into_iter().map(|p| p.0).collect()));
    }
    Crate {
        modules,
        reexports,
        uses,
    }
}

impl Crate {
    /// The module that defines what a full path names.
    fn resolve(&self, path: &[String], depth: usize) -> Module {
        let n = (0..=path.len())
            .rev()
            .find(|&n| self.modules.contains(&path[..n]))
            .unwrap_or(0);
        let module = path[..n].to_vec();
        if depth < 8 {
            if let Some(next) = path.get(n) {
                if let Some(target) = self.reexports.get(&module).and_then(|r| r.get(next)) {
                    let mut full = target.clone();
                    full.extend_from_slice(&path[n + 1..]);
                    return self.resolve(&full, depth + 1);
                }
            }
        }
        module
    }

    /// The edges between nodes, each node named by `node` (None: not in this graph).
    fn graph(
        &self,
        node: impl Fn(&Module) -> Option<String>,
    ) -> BTreeMap<String, BTreeSet<String>> {
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, paths) in &self.uses {
            let Some(a) = node(from) else { continue };
            let entry = graph.entry(a.clone()).or_default();
            for path in paths {
                if let Some(b) = node(&self.resolve(path, 0)) {
                    if b != a {
                        entry.insert(b);
                    }
                }
            }
        }
        graph
    }
}

/// Every elementary cycle worth reporting: for each strongly connected component of more than
/// one node, the shortest cycle through each of its edges (deduplicated).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(n) = stack.pop() {
            for m in graph.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let mut found: BTreeSet<Vec<String>> = BTreeSet::new();
    for (a, targets) in graph {
        for b in targets {
            if !reach(b).contains(a) {
                continue;
            }
            // Shortest path b → a, breadth first.
            let mut prev: BTreeMap<String, String> = BTreeMap::new();
            let mut queue = std::collections::VecDeque::from([b.clone()]);
            let mut seen = BTreeSet::from([b.clone()]);
            while let Some(n) = queue.pop_front() {
                if n == *a {
                    break;
                }
                for m in graph.get(&n).into_iter().flatten() {
                    if seen.insert(m.clone()) {
                        prev.insert(m.clone(), n.clone());
                        queue.push_back(m.clone());
                    }
                }
            }
            let mut cycle = vec![a.clone()];
            let mut n = a.clone();
            while n != *b {
                n = prev[&n].clone();
                cycle.push(n.clone());
            }
            cycle.reverse();
            // a, then b … back to a: rotate so the smallest name leads.
            let cycle: Vec<String> = {
                let mut c = vec![a.clone()];
                c.extend(cycle.into_iter().take_while(|x| x != a));
                let k = (0..c.len()).min_by_key(|&k| &c[k]).unwrap();
                c.rotate_left(k);
                c
            };
            found.insert(cycle);
        }
    }
    found.into_iter().collect()
}

fn top(m: &Module) -> Option<String> {
    m.first().cloned()
}

fn inside(parent: &'static str) -> impl Fn(&Module) -> Option<String> {
    move |m| match m.as_slice() {
        [p, s, ..] if p == parent => Some(format!("{p}::{s}")),
        _ => None,
    }
}

fn show(graph: &BTreeMap<String, BTreeSet<String>>) -> String {
    graph
        .iter()
        .map(|(a, bs)| {
            let bs: Vec<&str> = bs.iter().map(String::as_str).collect();
            format!("{a}: {}\n", bs.join(", "))
        })
        .collect()
}

#[test]
fn module_graph_has_no_cycle() {
    let krate = read_crate();
    let mut graphs = vec![("top-level modules".to_string(), krate.graph(top))];
    for parent in SPLIT {
        graphs.push((format!("inside {parent}/"), krate.graph(inside(parent))));
    }
    let mut report = String::new();
    let mut bad = Vec::new();
    for (name, graph) in &graphs {
        report.push_str(&format!("== {name}\n{}", show(graph)));
        let mut pruned = graph.clone();
        for (from, to, _why) in ALLOWED {
            if let Some(t) = pruned.get_mut(*from) {
                t.remove(*to);
            }
        }
        for cycle in cycles(&pruned) {
            bad.push(format!("{name}: {} -> {}", cycle.join(" -> "), cycle[0]));
        }
    }
    println!("{report}");
    assert!(
        bad.is_empty(),
        "{} module cycle(s):\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn the_reader_sees_groups_lines_and_super() {
    let file = File {
        module: vec!["render".into(), "lists".into()],
        code: drop_test_items(&blank(
            "use crate::{\n    a,\n    b::{c, d as e},\n};\n// crate::z\nfn f() { let s = \"crate::y\"; super::rows::g(); crate::q::r(); }\n#[cfg(test)]\nmod tests { use crate::t; }\nuse super::{self, x};\nfn h() { super::super::y::z(); let c = '{'; }\n",
        )),
    };
    let found: Vec<String> = paths_of(&file, &BTreeSet::new())
        .into_iter()
        .map(|(p, _, _)| p.join("::"))
        .collect();
    assert_eq!(
        found,
        [
            "a",
            "b::c",
            "b::d",
            "render::rows::g",
            "q::r",
            "render",
            "render::x",
            "y::z"
        ]
    );
}
