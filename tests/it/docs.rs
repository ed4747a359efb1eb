//! The editors' documentation is kept true: every example site of `docs/huong-dan-bien-tap.md`
//! and `docs/format.md` is written into a temporary folder and given to the real program.
//!
//! In the docs, an example is a group of fenced blocks between `<!-- example: NAME -->` and
//! `<!-- /example -->`; `base=OTHER` starts it from the files of an earlier example of the
//! same document. Inside it:
//!
//! - a block whose info string names a file (```` ```yaml file=content/bodies.yaml ````) is
//!   that file of the site (replacing the base's file of that name);
//! - ```` ```text expect ```` holds what `chidao check` must print: exactly these `error:` and
//!   `warning:` lines, in order, each with the `help:` lines given (when any are given). Without
//!   it, `check` and `build` must succeed and print no diagnostic at all;
//! - ```` ```text statuses ```` holds `TASK STATUS` lines, each optionally with `due=YYYY-MM-DD`
//!   (the deadline in force) and `overdue=N` (days), that `data.json` must agree with.
//!
//! Every example is judged as of [`crate::common::TODAY`] (2025-01-15), as the docs say. A block
//! that names a file outside an example is an error, so that no example goes unchecked.
//! Besides, every key the program reads (its `*_KEYS` lists in `src/`) and every form of a
//! deadline must be written in both documents, so that no key goes undocumented.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, Run, TODAY};

const DOCS: [&str; 2] = ["docs/huong-dan-bien-tap.md", "docs/format.md"];

/// One example site of a document.
#[derive(Debug, Clone)]
struct Example {
    doc: &'static str,
    name: String,
    /// One-based line of its `<!-- example: ... -->` comment.
    line: usize,
    base: Option<String>,
    files: Vec<(String, String)>,
    expect: Option<String>,
    statuses: Option<String>,
}

impl Example {
    fn title(&self) -> String {
        format!("{}:{} (example `{}`)", self.doc, self.line, self.name)
    }
}

fn read_doc(doc: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The value of `name=VALUE` among the words of a comment or an info string.
fn attr<'a>(words: &[&'a str], name: &str) -> Option<&'a str> {
    words
        .iter()
        .find_map(|w| w.strip_prefix(name)?.strip_prefix('='))
}

/// The examples of a document, in order. Panics on a malformed one.
fn examples(doc: &'static str) -> Vec<Example> {
    let text = read_doc(doc);
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Example> = Vec::new();
    let mut open: Option<Example> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        let at = format!("{doc}:{}", i + 1);
        if let Some(rest) = line.strip_prefix("<!-- example:") {
            assert!(open.is_none(), "{at}: an example inside an example");
            let words: Vec<&str> = rest.trim_end_matches("-->").split_whitespace().collect();
            let name = words.first().unwrap_or_else(|| panic!("{at}: no name"));
            assert!(
                out.iter().all(|e| e.name != *name),
                "{at}: a second example named `{name}`"
            );
            let base = attr(&words, "base").map(str::to_string);
            if let Some(b) = &base {
                assert!(
                    out.iter().any(|e| &e.name == b),
                    "{at}: base `{b}` is not an earlier example of {doc}"
                );
            }
            open = Some(Example {
                doc,
                name: name.to_string(),
                line: i + 1,
                base,
                files: Vec::new(),
                expect: None,
                statuses: None,
            });
        } else if line.starts_with("<!-- /example") {
            let ex = open
                .take()
                .unwrap_or_else(|| panic!("{at}: an example's end without its start"));
            assert!(!ex.files.is_empty(), "{}: holds no file", ex.title());
            out.push(ex);
        } else if let Some(info) = line.strip_prefix("```") {
            let fence = format!(
                "```{}",
                "`".repeat(info.len() - info.trim_start_matches('`').len())
            );
            let info = info.trim_start_matches('`').trim();
            let mut body = String::new();
            i += 1;
            while i < lines.len() && lines[i].trim() != fence {
                body.push_str(lines[i]);
                body.push('\n');
                i += 1;
            }
            assert!(i < lines.len(), "{at}: a block that is not closed");
            let words: Vec<&str> = info.split_whitespace().collect();
            let file = attr(&words, "file");
            match open.as_mut() {
                None => assert!(
                    file.is_none(),
                    "{at}: a block naming a file outside any example would go unchecked"
                ),
                Some(ex) => {
                    if let Some(f) = file {
                        assert!(
                            f.starts_with("content/") && !f.contains(".."),
                            "{at}: {f} is not a file of content/"
                        );
                        assert!(
                            ex.files.iter().all(|(g, _)| g != f),
                            "{at}: {f} twice in one example"
                        );
                        ex.files.push((f.to_string(), body));
                    } else if words == ["text", "expect"] {
                        assert!(ex.expect.is_none(), "{at}: a second `expect` block");
                        ex.expect = Some(body);
                    } else if words == ["text", "statuses"] {
                        assert!(ex.statuses.is_none(), "{at}: a second `statuses` block");
                        ex.statuses = Some(body);
                    } else {
                        panic!("{at}: a block in an example must name a file, or be `text expect` or `text statuses`: {info:?}");
                    }
                }
            }
        }
        i += 1;
    }
    assert!(open.is_none(), "{doc}: an example is not closed");
    out
}

/// The files of an example, its bases' first.
fn site_files(ex: &Example, all: &[Example]) -> BTreeMap<String, String> {
    let mut files = match &ex.base {
        Some(b) => site_files(all.iter().find(|e| &e.name == b).unwrap(), all),
        None => BTreeMap::new(),
    };
    for (f, body) in &ex.files {
        files.insert(f.clone(), body.clone());
    }
    files
}

/// Runs chidao in the language of `doc`: the editors' guide quotes the Vietnamese messages,
/// the format reference the English ones (`--lang en`).
fn run_in(doc: &str, args: &[&str], root: &Path) -> Run {
    let lang = if doc.ends_with("format.md") {
        "en"
    } else {
        "vi"
    };
    let out = Command::new(env!("CARGO_BIN_EXE_chidao"))
        .env_remove("CHIDAO_LANG")
        .args(["--lang", lang])
        .args(args)
        .arg("--root")
        .arg(root)
        .args(["--today", TODAY])
        .output()
        .expect("run chidao");
    Run {
        what: format!("chidao {}", args.join(" ")),
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The diagnostics an `expect` block lists, read as `Run::diagnostics` reads stderr.
fn expected(block: &str) -> Vec<common::Diag> {
    Run {
        what: String::new(),
        status: Command::new("true").status().expect("true"),
        stdout: String::new(),
        stderr: block.to_string(),
    }
    .diagnostics()
}

/// What is wrong with one example, if anything.
fn judge(ex: &Example, all: &[Example]) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("site");
    for (f, body) in site_files(ex, all) {
        let p = root.join(&f);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, body).unwrap();
    }
    let check = run_in(ex.doc, &["check"], &root);
    let got = check.diagnostics();
    if check.stderr.contains("panicked") {
        return Err(format!("`chidao check` panicked:\n{}", check.stderr));
    }
    let want = ex.expect.as_deref().map(expected).unwrap_or_default();
    let heads = |ds: &[common::Diag]| ds.iter().map(|d| d.head.clone()).collect::<Vec<_>>();
    if heads(&got) != heads(&want) {
        return Err(format!(
            "`chidao check` printed other diagnostics than the docs say.\nthe docs:\n{}\nthe program:\n{}",
            heads(&want).join("\n"),
            check.stderr
        ));
    }
    for (w, g) in want.iter().zip(&got) {
        if !w.help.is_empty() && w.help != g.help {
            return Err(format!(
                "the help of `{}` differs.\nthe docs:\n{}the program:\n{}",
                w.head, w.help, g.help
            ));
        }
    }
    let fails = want
        .iter()
        .any(|d| d.head.starts_with("error: ") || d.head.starts_with("lỗi: "));
    if check.status.success() == fails {
        return Err(format!(
            "`chidao check` {} but the docs say it {}:\n{}",
            if fails { "succeeded" } else { "failed" },
            if fails { "fails" } else { "succeeds" },
            check.stderr
        ));
    }
    let output = dir.path().join("output");
    let out = output.to_string_lossy().into_owned();
    let build = run_in(ex.doc, &["build", "--output", &out], &root);
    if build.status.success() == fails || heads(&build.diagnostics()) != heads(&got) {
        return Err(format!(
            "`chidao build` does not agree with `check`:\n{}",
            build.stderr
        ));
    }
    if fails {
        if output.join("data.json").exists() {
            return Err("a build with errors wrote the site".into());
        }
        return Ok(());
    }
    if let Some(statuses) = &ex.statuses {
        let data: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(output.join("data.json")).unwrap()).unwrap();
        let tasks: BTreeMap<&str, &serde_json::Value> = data["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["ref"].as_str().unwrap(), t))
            .collect();
        for line in statuses.lines().filter(|l| !l.trim().is_empty()) {
            let words: Vec<&str> = line.split_whitespace().collect();
            let [task, status, facts @ ..] = words.as_slice() else {
                return Err(format!(
                    "a `statuses` line is `TASK STATUS [due=D] [overdue=N]`: {line:?}"
                ));
            };
            let t = tasks.get(task).ok_or_else(|| {
                format!("the docs name task {task}, which data.json does not list")
            })?;
            let mut said = vec![("status", *status)];
            for fact in facts {
                match fact.split_once('=') {
                    Some(("due", d)) => said.push(("due", d)),
                    Some(("overdue", n)) => said.push(("overdue_days", n)),
                    _ => {
                        return Err(format!(
                            "`{fact}` in a `statuses` line: due=YYYY-MM-DD or overdue=N"
                        ))
                    }
                }
            }
            for (field, value) in said {
                let found = match &t[field] {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                if found != value {
                    return Err(format!(
                        "the docs say {task} has {field} {value} on {TODAY}; data.json says {found}"
                    ));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn every_example_of_the_docs_is_what_the_program_does() {
    let mut failures = Vec::new();
    let mut count = 0;
    for doc in DOCS {
        let all = examples(doc);
        for (missing, what) in [
            (all.is_empty(), "no example"),
            (all.iter().all(|e| e.expect.is_some()), "no good example"),
            (
                all.iter().all(|e| e.expect.is_none()),
                "no example of a mistake",
            ),
        ] {
            if missing {
                failures.push(format!("{doc} has {what}"));
            }
        }
        for ex in &all {
            count += 1;
            if let Err(e) = judge(ex, &all) {
                failures.push(format!("{}: {e}", ex.title()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems in the docs ({count} examples):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The string literals of every `const NAME_KEYS: &[&str] = &[...]` of the program's
/// sources: the keys it reads, by file.
fn program_keys() -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut keys = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("_KEYS: &[&str] = &[") {
            let list = &rest[at..];
            let list = &list[list.find("&[").unwrap() + 2..];
            let list = &list[list.find("&[").unwrap() + 2..];
            let end = list.find(']').expect("a key list ends");
            for lit in list[..end].split(',') {
                let lit = lit.trim().trim_matches('"');
                if !lit.is_empty() {
                    let file = entry.path().strip_prefix(env!("CARGO_MANIFEST_DIR"));
                    keys.push((file.unwrap().to_path_buf(), lit.to_string()));
                }
            }
            rest = &list[end..];
        }
    }
    keys
}

#[test]
fn every_key_the_program_reads_is_documented_in_both_documents() {
    let mut keys = program_keys();
    // The two lists at the top of bodies.yaml, read without a named constant.
    for k in ["bodies", "groups"] {
        keys.push((PathBuf::from("src/registry.rs"), k.to_string()));
    }
    let names: Vec<&str> = keys.iter().map(|(_, k)| k.as_str()).collect();
    for k in [
        "id",
        "due",
        "by",
        "per_year",
        "until",
        "members",
        "soon_days",
        "done_by",
    ] {
        assert!(
            names.contains(&k),
            "the key lists of src/ were not found as expected (no `{k}`): {names:?}"
        );
    }
    for doc in DOCS {
        let text = read_doc(doc);
        let missing: Vec<String> = keys
            .iter()
            .filter(|(_, k)| !text.contains(&format!("`{k}`")))
            .map(|(f, k)| format!("`{k}` (from {})", f.display()))
            .collect();
        assert!(
            missing.is_empty(),
            "{doc} does not document these keys:\n{}",
            missing.join("\n")
        );
    }
}

#[test]
fn every_deadline_form_is_documented_in_both_documents() {
    let forms: Vec<String> = chidao::deadline::accepted_forms()
        .en()
        .trim_start_matches("accepted forms:")
        .split([',', '(', ')'])
        .map(|f| f.trim().trim_start_matches("or ").trim().to_string())
        .filter(|f| !f.is_empty())
        .collect();
    assert!(forms.len() >= 12, "{forms:?}");
    for doc in DOCS {
        let text = read_doc(doc);
        for f in &forms {
            assert!(
                text.contains(&format!("`{f}`")),
                "{doc} does not show the deadline form `{f}`"
            );
        }
    }
}
