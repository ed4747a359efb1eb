//! The command line: one file per subcommand, each with its arguments and a `run` that
//! returns the process exit code.

pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod report;
pub mod serve;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "chidao",
    version,
    about = "Turns a chain of directives (Markdown + YAML front matter) into a cross-linked site: which body must act on each task, by when, and what has been done.",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (only when there is no error).
    Build(build::Args),
    /// Validate everything `build` would, and write nothing.
    Check(check::Args),
    /// Build, serve the site on 127.0.0.1 with live reload, and rebuild on every change.
    Serve(serve::Args),
    /// Start a new document file for an editor, prefilled from its parent.
    New(new::Args),
    /// Read documents as received (.docx, or the plain text of a PDF) into document files.
    Import(import::Args),
    /// Write the periodic report of a month, quarter or year as a Word document (.docx).
    Report(report::Args),
}

/// Options shared by the commands that read a site.
#[derive(Debug, Clone, clap::Args)]
pub struct SiteArgs {
    /// The site folder (holding content/ and optionally themes/).
    #[arg(long, value_name = "SITE", default_value = ".")]
    pub root: PathBuf,
    /// Compute statuses as of this day instead of the local date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<NaiveDate>,
}

impl SiteArgs {
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date; write YYYY-MM-DD, e.g. 2025-01-15"))
}

/// Prints diagnostics to standard error, then a one-line summary; returns the error count.
pub fn report(diags: &[crate::diagnostic::Diagnostic]) -> usize {
    for d in diags {
        eprintln!("{d}");
    }
    let errors = crate::diagnostic::count_errors(diags);
    let notes = crate::diagnostic::count_notes(diags);
    let warnings = diags.len() - errors - notes;
    if notes > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s), {notes} note(s)");
    } else if errors + warnings > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
    errors
}
