//! `chidao build`: load → graph → render → write (`pipeline`), each file written as it is
//! rendered, and the output folder is touched
//! only when every earlier stage succeeded.

use crate::messages::{msg, Msg};
use crate::model::Language;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use super::SiteArgs;
use crate::pipeline::{self, Sources};
use crate::render::{Pages, TaskCache, Templates};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site (default: SITE/output).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Print how long each stage took (load, graph, render and write, commit).
    #[arg(long)]
    pub timings: bool,
}

/// The real location of `p`, even when it does not exist yet: each existing prefix is
/// resolved (symbolic links followed), `..` then steps up from the real folder, as the
/// operating system would.
fn real_path(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut cur = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                cur.pop();
            }
            Component::Normal(name) => {
                cur.push(name);
                if let Ok(real) = cur.canonicalize() {
                    cur = real;
                }
            }
            other => cur.push(other),
        }
    }
    cur
}

/// Refuses an output folder that would overlap the sources.
pub(crate) fn check_output(root: &Path, out: &Path) -> Result<(), Msg> {
    let (root, out) = (real_path(root), real_path(out));
    for src in [root.join("content"), root.join("themes")] {
        if out.starts_with(&src) || src.starts_with(&out) {
            return Err(msg::output_overlaps(
                out.display().to_string(),
                src.display().to_string(),
            ));
        }
    }
    Ok(())
}

/// The process's peak resident memory so far (Linux: `VmHWM` of /proc/self/status).
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024)
}

/// Stage times (and peak memory, where the system tells) for `--timings`, printed to
/// standard error.
struct Stopwatch(Option<std::time::Instant>, Language);

impl Stopwatch {
    fn new(on: bool, lang: Language) -> Self {
        Stopwatch(on.then(std::time::Instant::now), lang)
    }

    fn lap(&mut self, stage: &str) {
        if let Some(t) = self.0.as_mut() {
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            match peak_memory_mib() {
                Some(mib) => super::say(
                    self.1,
                    msg::timing_memory(format!("{stage:>7}"), format!("{ms:8.1}"), mib.to_string()),
                ),
                None => eprintln!("{stage:>7}: {ms:8.1} ms"),
            }
            *t = std::time::Instant::now();
        }
    }
}

pub fn run(args: &Args) -> ExitCode {
    let root = &args.site.root;
    let lang = super::language(root);
    let out = args.output.clone().unwrap_or_else(|| root.join("output"));
    if let Err(m) = check_output(root, &out) {
        super::fail(lang, m);
        return ExitCode::FAILURE;
    }
    let mut clock = Stopwatch::new(args.timings, lang);
    let (sources, loaded) = pipeline::load(root);
    clock.lap("load");
    let (mut graph, mut diags) = pipeline::resolve(&sources, loaded, args.site.today());
    clock.lap("graph");
    let Sources {
        documents, theme, ..
    } = sources;
    // The sources (tens of thousands of small blocks) are freed on another thread while the
    // render starts.
    rayon::spawn(move || drop(documents));
    // Rendered files go to disk as they are made (changed ones through a staging folder), so
    // the site is never held in memory whole; on any error the staging folder goes and the
    // output folder stays as it was.
    let mut written = None;
    if crate::diagnostic::count_errors(&diags) == 0 {
        let texts = graph.take_texts();
        let graph = &graph;
        let result = pipeline::write(&out, |sink| {
            let errors = match Templates::compile(&theme) {
                Ok(templates) => pipeline::render(
                    graph,
                    &templates,
                    Pages::All,
                    &TaskCache::new(graph),
                    texts,
                    None,
                    &|f| sink(&f),
                ),
                Err(errors) => errors,
            };
            clock.lap("render");
            errors
        });
        match result {
            Ok(stats) => {
                clock.lap("commit");
                written = Some(stats);
            }
            Err(errors) => diags.extend(errors),
        }
    }
    let errors = super::report(&diags, lang);
    let Some(written) = written.filter(|_| errors == 0) else {
        super::say(lang, msg::nothing_written(out.display().to_string()));
        return ExitCode::FAILURE;
    };
    match written {
        Ok(stats) => {
            super::say(
                lang,
                msg::build_done(
                    graph.documents().len(),
                    graph.tasks().len(),
                    graph.registry().bodies.len(),
                    out.display().to_string(),
                    stats.written,
                    stats.unchanged,
                    stats.removed,
                ),
            );
            super::say(
                lang,
                msg::build_open(out.join("index.html").display().to_string()),
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            super::fail(
                lang,
                msg::write_failed(out.display().to_string(), e.to_string()),
            );
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_inside_the_sources_is_refused_however_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::create_dir_all(site.join("output")).unwrap();
        assert!(check_output(site, &site.join("output")).is_ok());
        assert!(check_output(site, &site.join("elsewhere/new")).is_ok());
        for bad in [
            "content",
            "content/x",
            "output/../content/x",
            "nowhere/../content/x",
            ".",
        ] {
            assert!(check_output(site, &site.join(bad)).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(site.join("content"), site.join("link")).unwrap();
            assert!(check_output(site, &site.join("link/x")).is_err());
        }
    }
}
