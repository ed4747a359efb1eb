//! `chidao report`: the periodic report of a period (a month, a quarter, a year), for the
//! whole site or one party, written as a Word document. Load → graph (errors printed as
//! `check` prints them, and nothing written) → count ([`crate::report::report`]) → lay out
//! in memory ([`crate::report::docx`]) → write the one file the user named, never through a
//! symbolic link.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::SiteArgs;
use crate::at::AtCheck;
use crate::graph::Graph;
use crate::model::Party;
use crate::pipeline;
use crate::report::{self, docx, Period};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The period: a month 2024-10, a quarter 2024-Q4 or a year 2024.
    #[arg(long, value_name = "P")]
    pub period: String,
    /// Report on one body or group (its id, name or alias) instead of the whole site.
    #[arg(long, value_name = "ID")]
    pub party: Option<String>,
    /// The file to write (default: bao-cao-PERIOD[-PARTY].docx in the current folder).
    #[arg(long, value_name = "FILE.docx")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &Args) -> ExitCode {
    match report(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The whole command; an error is the message to print (empty when already printed).
fn report(args: &Args) -> Result<(), String> {
    let period = Period::parse(&args.period).map_err(|e| e.to_string())?;
    let g = load(&args.site)?;
    let party = args.party.as_deref().map(|p| party(&g, p)).transpose()?;
    let r = report::report(&g, period, party);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| default_out(&g, period, party));
    write_file(&out, &docx::write(&g, &r))?;
    eprintln!(
        "wrote {}: {} ({} tasks as of {})",
        out.display(),
        docx::subject(&g, &r),
        report::total(&r.counts),
        r.as_of
    );
    Ok(())
}

/// The site's graph; its problems printed as `check` prints them, and an error if any.
fn load(site_args: &SiteArgs) -> Result<Graph, String> {
    let (sources, loaded) = pipeline::load(&site_args.root, AtCheck::OnLoad);
    let (g, diags) = pipeline::resolve(&sources, loaded, site_args.today());
    if super::report(&diags) > 0 {
        return Err(String::new());
    }
    Ok(g)
}

/// The party named by `name` (id, name or alias), or an error naming the nearest ones.
fn party(g: &Graph, name: &str) -> Result<Party, String> {
    g.registry.resolve(name).ok_or_else(|| {
        let help = g.registry.suggest(name).unwrap_or_else(|| {
            "no body or group has a near name; see the ids in content/bodies.yaml".to_string()
        });
        format!("unknown body or group \"{name}\"; {help}")
    })
}

/// `bao-cao-2024-q4.docx`, or `bao-cao-2024-q4-so-noi-vu.docx` for one party.
fn default_out(g: &Graph, period: Period, party: Option<Party>) -> PathBuf {
    let of = party
        .map(|p| format!("-{}", g.registry.slug(p)))
        .unwrap_or_default();
    PathBuf::from(format!("bao-cao-{}{of}.docx", period.slug()))
}

/// Writes `bytes` to `out` through a new file beside it, renamed over it: a symbolic link or
/// anything but a plain file at `out` is refused, and no link is followed.
fn write_file(out: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = out.display();
    refuse_unsafe(out)?;
    let name = out
        .file_name()
        .ok_or_else(|| format!("{shown} names no file; name a .docx file with --out"))?;
    let tmp = out.with_file_name(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let cannot = |e: std::io::Error| format!("cannot write {shown}: {e}");
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(cannot)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&tmp, out));
    written.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        cannot(e)
    })
}

/// An error when `out` is a symbolic link or exists and is not a plain file.
fn refuse_unsafe(out: &Path) -> Result<(), String> {
    let Ok(meta) = fs::symlink_metadata(out) else {
        return Ok(());
    };
    let shown = out.display();
    if meta.file_type().is_symlink() {
        return Err(format!(
            "{shown} is a symbolic link; name a plain file with --out"
        ));
    }
    if !meta.is_file() {
        return Err(format!(
            "{shown} is not a file; name a .docx file with --out"
        ));
    }
    Ok(())
}
