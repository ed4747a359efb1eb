//! The `chidao` binary: parses the command line and hands over to `cmd`.

use std::process::ExitCode;

use chidao::cmd::{self, Command};

mod allocator;

// mimalloc (fast from many threads), but for `build` and `check` middle-sized blocks from the
// system allocator (which fits them exactly and gives them back): see the module.
#[global_allocator]
static ALLOCATOR: allocator::Split = allocator::Split;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`, the same in its v2 and v3; the sys crate
/// names only some options): milliseconds before freed memory goes back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // `--help` and clap's checks in the language asked for (`cmd::help`).
    let cli = cmd::help::parse();
    cmd::choose_language(cli.lang);
    match &cli.command {
        Command::Build(a) => {
            keep_freed_memory();
            allocator::large_from_system();
            cmd::build::run(a)
        }
        Command::Check(a) => {
            keep_freed_memory();
            allocator::large_from_system();
            cmd::check::run(a)
        }
        Command::Serve(a) => {
            keep_freed_memory();
            cmd::serve::run(a)
        }
        Command::New(a) => cmd::new::run(a),
        Command::Report(a) => cmd::report::run(a),
        Command::Import(a) => cmd::import::run(a),
    }
}

/// Keeps freed memory for the rest of the process. By default mimalloc gives it back after
/// 10 ms, and taking it again costs a page fault and a zeroed page each time:
/// - `serve` frees the big buffers of the site-wide work after every save, so its next
///   rebuild paid that on the editor's path (render of an edit at 10,000 documents: ~62 ms
///   with purging, ~30 ms without);
/// - a build (and `check`, which renders the same) frees page after page: at 100,000
///   documents, 43.7 s with purging against 36.4 s without (single runs; system time
///   23.9 → 17.7 s; peak 2.8 → 3.2 GB); at 10,000, 3.01 against 2.93 s (hyperfine, 8 runs
///   each) and the same peak.
fn keep_freed_memory() {
    // SAFETY: called before any other thread exists (mimalloc's options are not
    // synchronised); -1 is a value mimalloc documents (never purge).
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}
