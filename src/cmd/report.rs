//! `chidao report`: the periodic report of a period (a month, a quarter, a year), for the
//! whole site or one party, written as a Word document. Load → graph (errors printed as
//! `check` prints them, and nothing written) → count ([`crate::report::report`]) → lay out
//! in memory ([`crate::report::docx`]) → write the one file the user named, never through a
//! symbolic link.

use crate::messages::{msg, Msg};
use crate::model::Language;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::SiteArgs;
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
    let lang = super::language(&args.site.root);
    match report(args, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            if let Some(m) = message {
                super::fail(lang, m);
            }
            ExitCode::FAILURE
        }
    }
}

/// The whole command; an error is the message to print (`None` when already printed).
fn report(args: &Args, lang: Language) -> Result<(), Option<Msg>> {
    let period = Period::parse(&args.period).map_err(|e| Some(e.message()))?;
    let g = load(&args.site, lang).map_err(|()| None)?;
    let party = args
        .party
        .as_deref()
        .map(|p| party(&g, p))
        .transpose()
        .map_err(Some)?;
    let r = report::report(&g, period, party);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| default_out(&g, period, party));
    write_file(&out, &docx::write(&g, &r)).map_err(Some)?;
    super::say(
        lang,
        msg::report_wrote(
            out.display().to_string(),
            docx::subject(&g, &r),
            report::total(&r.counts),
            r.as_of,
        ),
    );
    Ok(())
}

/// The site's graph; its problems printed as `check` prints them, and an error if any.
fn load(site_args: &SiteArgs, lang: Language) -> Result<Graph, ()> {
    let (sources, loaded) = pipeline::load(&site_args.root);
    let (g, diags) = pipeline::resolve(&sources, loaded, site_args.today());
    if super::report(&diags, lang) > 0 {
        return Err(());
    }
    Ok(g)
}

/// The party named by `name` (id, name or alias), or an error naming the nearest ones.
fn party(g: &Graph, name: &str) -> Result<Party, Msg> {
    g.registry().resolve(name).ok_or_else(|| {
        let help = g
            .registry()
            .suggest(name)
            .unwrap_or_else(msg::report_no_near);
        msg::report_unknown_party(name, help)
    })
}

/// `bao-cao-2024-q4.docx`, or `bao-cao-2024-q4-so-noi-vu.docx` for one party.
fn default_out(g: &Graph, period: Period, party: Option<Party>) -> PathBuf {
    let of = party
        .map(|p| format!("-{}", g.registry().slug(p)))
        .unwrap_or_default();
    PathBuf::from(format!("bao-cao-{}{of}.docx", period.slug()))
}

/// Writes `bytes` to `out` through a new file beside it, renamed over it: a symbolic link or
/// anything but a plain file at `out` is refused, and no link is followed.
fn write_file(out: &Path, bytes: &[u8]) -> Result<(), Msg> {
    let shown = out.display().to_string();
    refuse_unsafe(out)?;
    let name = out
        .file_name()
        .ok_or_else(|| msg::out_names_no_file(&shown))?;
    let tmp = out.with_file_name(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let cannot = |e: std::io::Error| msg::cannot_write(&shown, e.to_string());
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
fn refuse_unsafe(out: &Path) -> Result<(), Msg> {
    let Ok(meta) = fs::symlink_metadata(out) else {
        return Ok(());
    };
    let shown = out.display().to_string();
    if meta.file_type().is_symlink() {
        return Err(msg::out_is_link(shown));
    }
    if !meta.is_file() {
        return Err(msg::out_not_file(shown));
    }
    Ok(())
}
