//! `chidao build`: load → graph → render in memory → write, and the output folder is touched
//! only when every earlier stage succeeded.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::SiteArgs;
use crate::{output, render, site};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site (default: SITE/output).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Refuses an output folder that would overlap the sources.
fn check_output(root: &Path, out: &Path) -> Result<(), String> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (abs(root), abs(out));
    let root = root.canonicalize().unwrap_or(root);
    let out = out.canonicalize().unwrap_or(out);
    for src in [root.join("content"), root.join("themes")] {
        if out.starts_with(&src) || src.starts_with(&out) {
            return Err(format!(
                "the output folder {} overlaps {}; choose another with --output",
                out.display(),
                src.display()
            ));
        }
    }
    Ok(())
}

pub fn run(args: &Args) -> ExitCode {
    let root = &args.site.root;
    let out = args.output.clone().unwrap_or_else(|| root.join("output"));
    if let Err(msg) = check_output(root, &out) {
        eprintln!("error: {msg}");
        return ExitCode::FAILURE;
    }
    let (graph, mut diags) = site::load(root, args.site.today());
    let (theme, theme_diags) = render::load_theme(root, graph.config.theme.as_deref());
    diags.extend(theme_diags);
    let mut files = None;
    if crate::diagnostic::count_errors(&diags) == 0 {
        match render::render_site(&graph, &theme) {
            Ok(f) => files = Some(f),
            Err(errs) => diags.extend(errs),
        }
    }
    let errors = super::report(&diags);
    let Some(files) = files.filter(|_| errors == 0) else {
        eprintln!("nothing was written: {} is unchanged", out.display());
        return ExitCode::FAILURE;
    };
    match output::write(&out, &files) {
        Ok(stats) => {
            eprintln!(
                "built {} documents, {} tasks, {} bodies into {} ({} files written, {} unchanged, {} removed)",
                graph.documents.len(),
                graph.tasks.len(),
                graph.registry.bodies.len(),
                out.display(),
                stats.written,
                stats.unchanged,
                stats.removed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing {} failed: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
