//! `chidao new`: not implemented yet; it says so plainly instead of pretending.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Anything; the command is not available yet.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub rest: Vec<String>,
}

pub fn run(_args: &Args) -> ExitCode {
    eprintln!("chidao new is not available yet. Copy an existing document in content/ and edit its front matter.");
    ExitCode::from(2)
}
