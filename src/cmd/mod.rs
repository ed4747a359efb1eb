//! The command line: one file per subcommand, each with its arguments and a `run` that
//! returns the process exit code.

pub mod build;
pub mod check;
pub mod help;
pub mod import;
pub mod new;
pub mod report;
pub mod serve;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::diagnostic::Diagnostic;
use crate::messages::{msg, Msg};
use crate::model::Language;

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
    /// The language of messages for this run: vi or en (beats CHIDAO_LANG, which beats the
    /// site's `language`).
    #[arg(long, global = true, value_name = "vi|en", value_parser = parse_lang)]
    pub lang: Option<Language>,
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
        .map_err(|_| msg::bad_today(s).render(chosen_or_default()))
}

/// `vi` or `en`, for `--lang` and `CHIDAO_LANG`.
pub fn parse_lang(s: &str) -> Result<Language, String> {
    match s.trim().to_lowercase().as_str() {
        "vi" => Ok(Language::Vi),
        "en" => Ok(Language::En),
        _ => Err(msg::bad_language(s).render(chosen_or_default())),
    }
}

/// The language chosen for this run by `--lang` or, without it, by `CHIDAO_LANG`; `None`
/// when neither is given (the site's `language` then decides). Set once by `main`.
static CHOSEN: OnceLock<Option<Language>> = OnceLock::new();

/// Records the language of the run: `--lang` beats `CHIDAO_LANG`, which beats the site's
/// `language` (in `content/site.yaml`), which defaults to Vietnamese. An unknown value of
/// `CHIDAO_LANG` is ignored with a warning.
pub fn choose_language(flag: Option<Language>) {
    let chosen = flag.or_else(|| {
        let value = std::env::var("CHIDAO_LANG").ok()?;
        if value.trim().is_empty() {
            return None;
        }
        match parse_lang(&value) {
            Ok(l) => Some(l),
            Err(_) => {
                let lang = Language::default();
                eprintln!(
                    "{}: {}",
                    msg::diag_warning().render(lang),
                    msg::bad_language_env(value).render(lang)
                );
                None
            }
        }
    });
    let _ = CHOSEN.set(chosen);
}

/// The language chosen by `--lang` or `CHIDAO_LANG`, if any.
pub fn chosen() -> Option<Language> {
    CHOSEN.get().copied().flatten()
}

/// The language of `--help` and of clap's checks of the arguments (set by [`help::parse`]
/// before parsing, from `--lang` and `CHIDAO_LANG`).
static PARSE_LANGUAGE: OnceLock<Language> = OnceLock::new();

fn set_parse_language(lang: Language) {
    let _ = PARSE_LANGUAGE.set(lang);
}

/// `CHIDAO_LANG`, when it names a language (quietly: [`choose_language`] warns).
fn env_language() -> Option<Language> {
    parse_lang(&std::env::var("CHIDAO_LANG").ok()?).ok()
}

fn chosen_or_default() -> Language {
    chosen()
        .or_else(|| PARSE_LANGUAGE.get().copied())
        .unwrap_or_default()
}

/// The language of this run for the site at `root`: the one chosen on the command line or
/// in the environment, else the site's `language`, else Vietnamese.
pub fn language(root: &Path) -> Language {
    chosen().unwrap_or_else(|| site_language(root))
}

/// The `language` of `root/content/site.yaml` (Vietnamese when it has none, or cannot be
/// read: its own error is reported by the command).
pub fn site_language(root: &Path) -> Language {
    let file = root.join("content").join("site.yaml");
    let Ok(bytes) = crate::load::plain::read(&file) else {
        return Language::default();
    };
    let text = String::from_utf8_lossy(&bytes);
    crate::load::source::load_site_config(&file, &text)
        .0
        .language
}

/// Prints a message to standard error as an error (`lỗi: …` / `error: …`).
pub fn fail(lang: Language, m: Msg) {
    eprintln!("{}: {}", msg::diag_error().render(lang), m.render(lang));
}

/// Prints a message to standard error as a warning (`cảnh báo: …` / `warning: …`).
pub fn warn(lang: Language, m: Msg) {
    eprintln!("{}: {}", msg::diag_warning().render(lang), m.render(lang));
}

/// Prints a message to standard error as a note (`lưu ý: …` / `note: …`).
pub fn note(lang: Language, m: Msg) {
    eprintln!("{}: {}", msg::diag_note().render(lang), m.render(lang));
}

/// Prints a message to standard error as it is.
pub fn say(lang: Language, m: Msg) {
    eprintln!("{}", m.render(lang));
}

/// Prints diagnostics to standard error in `lang`, then a one-line summary; returns the
/// error count.
pub fn report(diags: &[Diagnostic], lang: Language) -> usize {
    for d in diags {
        eprintln!("{}", d.shown(lang));
    }
    let errors = crate::diagnostic::count_errors(diags);
    let notes = crate::diagnostic::count_notes(diags);
    let warnings = diags.len() - errors - notes;
    if notes > 0 {
        say(lang, msg::diag_summary_notes(errors, warnings, notes));
    } else if errors + warnings > 0 {
        say(lang, msg::diag_summary(errors, warnings));
    }
    errors
}
