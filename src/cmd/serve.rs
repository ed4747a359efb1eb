//! `chidao serve`: not implemented yet; it says so plainly instead of pretending.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: super::SiteArgs,
    /// Port on 127.0.0.1.
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
}

pub fn run(_args: &Args) -> ExitCode {
    eprintln!(
        "chidao serve is not available yet. For now run `chidao build` and open output/index.html."
    );
    ExitCode::from(2)
}
