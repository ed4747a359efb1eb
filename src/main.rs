//! The `chidao` binary: parses the command line and hands over to `cmd`.

use std::process::ExitCode;

use chidao::cmd::{self, Cli, Command};
use clap::Parser;

// A build allocates and frees millions of small strings from two threads at once; mimalloc
// does that in about half the time of the system allocator (see README, Benchmarks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(a) => cmd::build::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::New(a) => cmd::new::run(a),
    }
}
