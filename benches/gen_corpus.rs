//! Writes a synthetic site for benchmarks:
//! `cargo run --release --example corpus -- --documents 10000 --seed 1 --out /dev/shm/site10k`
//! Refuses a non-empty output folder unless `--force`, which then replaces only its `content/`.

#[path = "corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: corpus --out DIR [--documents N] [--seed S] [--words W] \
                     [--provinces P] [--extra-tasks T] [--force]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("corpus: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut opts = corpus::Options::default();
    let mut out: Option<PathBuf> = None;
    let mut force = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        let number = |name: &str, v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{name}: \"{v}\" is not a number"))
        };
        match arg.as_str() {
            "--documents" | "-n" => opts.documents = number(&arg, value(&arg)?)? as usize,
            "--seed" => opts.seed = number(&arg, value(&arg)?)?,
            "--words" => opts.words = number(&arg, value(&arg)?)? as usize,
            "--provinces" => opts.provinces = Some(number(&arg, value(&arg)?)? as usize),
            "--extra-tasks" => opts.extra_tasks = number(&arg, value(&arg)?)? as usize,
            "--out" | "-o" => out = Some(PathBuf::from(value(&arg)?)),
            "--force" => force = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument \"{other}\"\n{USAGE}")),
        }
    }
    let out = out.ok_or(format!("--out is required\n{USAGE}"))?;
    if opts.documents == 0 {
        return Err("--documents must be at least 1".into());
    }
    let non_empty = std::fs::read_dir(&out)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if non_empty {
        if !force {
            return Err(format!(
                "{} is not empty; pass --force to replace its content/ folder",
                out.display()
            ));
        }
        let content = out.join("content");
        if content.exists() {
            std::fs::remove_dir_all(&content)
                .map_err(|e| format!("cannot remove {}: {e}", content.display()))?;
        }
    }
    let start = std::time::Instant::now();
    let s = corpus::generate(&opts, &out).map_err(|e| format!("{}: {e}", out.display()))?;
    println!(
        "documents {} tasks {} bodies {} groups {} files {} bytes {} ({:.1} MB) in {:.2}s -> {}",
        s.documents,
        s.tasks,
        s.bodies,
        s.groups,
        s.files,
        s.bytes,
        s.bytes as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}
