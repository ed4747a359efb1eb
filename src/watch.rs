//! Watching the sources for `chidao serve`: `content/` and `themes/` through notify's
//! debouncer (native events, or polling for network shares where they never arrive), reduced
//! to the list of paths that matter. Editors' swap, backup and lock files and our own
//! temporary files are dropped here, so a save through a temporary file and a rename is seen
//! as one change of the real file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer_opt, DebounceEventResult, DebouncedEvent, Debouncer, FileIdMap, NoCache,
};

/// How long the sources must be quiet before a rebuild starts: long enough for a save
/// through a temporary file and a rename (microseconds apart) to arrive as one change, short
/// because an editor waits for it after every save (20 ms here made every save's pages
/// appear ~12 ms later). A burst that outlasts it (a `git pull`) makes more than one
/// rebuild, each of a state the disk really had.
pub const QUIET: Duration = Duration::from_millis(10);
/// How often `--poll` looks at the files.
pub const POLL_EVERY: Duration = Duration::from_millis(700);

/// Whether a file name is an editor's or a tool's temporary, swap, backup or lock file.
pub fn is_noise(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return true;
    };
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [
            ".swp",
            ".swo",
            ".swx",
            ".swn",
            ".tmp",
            ".temp",
            ".bak",
            ".orig",
            ".crswap",
            ".part",
            ".kate-swp",
            ".chidao-tmp",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// A running watcher; dropping it stops watching.
pub enum Watcher {
    Native(Debouncer<notify::RecommendedWatcher, FileIdMap>),
    Poll(Debouncer<notify::PollWatcher, NoCache>),
}

/// Starts watching the site at `root` (its `content/` and `themes/`, and the root itself for
/// those folders appearing). Changes arrive on the returned channel.
/// What the watcher sends: a batch of debounced events, or the errors met.
pub type Events = DebounceEventResult;

pub fn start(root: &Path, poll: bool) -> notify::Result<(Watcher, Receiver<DebounceEventResult>)> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut w = if poll {
        // The poller keeps times in whole seconds: two saves within one second would look
        // alike, so it compares contents too.
        let config = notify::Config::default()
            .with_poll_interval(POLL_EVERY)
            .with_compare_contents(true);
        Watcher::Poll(new_debouncer_opt(QUIET, None, tx, NoCache, config)?)
    } else {
        Watcher::Native(new_debouncer_opt(
            QUIET,
            None,
            tx,
            FileIdMap::new(),
            notify::Config::default(),
        )?)
    };
    w.cover(root)?;
    Ok((w, rx))
}

impl Watcher {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watcher::Native(d) => d.watch(path, mode),
            Watcher::Poll(d) => d.watch(path, mode),
        }
    }

    /// Watches the root, and `content/` and `themes/` if they exist (call again when one
    /// appears; watching a folder twice is harmless).
    pub fn cover(&mut self, root: &Path) -> notify::Result<()> {
        self.watch(root, RecursiveMode::NonRecursive)?;
        for sub in ["content", "themes"] {
            let dir = root.join(sub);
            if dir.is_dir() {
                self.watch(&dir, RecursiveMode::Recursive)?;
            }
        }
        Ok(())
    }
}

/// Whether a change of `path` may be a watched folder of the site at `root` appearing (the
/// root itself, `content/` or `themes/`): then [`Watcher::cover`] is called again.
pub fn appears_watched(root: &Path, path: &Path) -> bool {
    path == root || path == root.join("content") || path == root.join("themes")
}

/// Passes the watcher's events on, raising the returned flag whenever one names a path that
/// matters: long work (the site-wide pages after an edit) checks it and gives way to the
/// next edit. Whoever takes the changes lowers it.
pub fn flag_changes(
    rx: Receiver<DebounceEventResult>,
    ignore: PathBuf,
) -> (Receiver<DebounceEventResult>, Arc<AtomicBool>) {
    let (tx, out) = std::sync::mpsc::channel();
    let pending = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&pending);
    std::thread::spawn(move || {
        for result in rx {
            let matters = match &result {
                Ok(events) => events
                    .iter()
                    .any(|e| paths_that_matter(e, &ignore).next().is_some()),
                Err(_) => true,
            };
            if matters {
                flag.store(true, Ordering::SeqCst);
            }
            if tx.send(result).is_err() {
                break;
            }
        }
    });
    (out, pending)
}

/// Waits for the next changes and returns the paths that matter, with any further changes
/// that arrive while the first are gathered. `None` when the watcher is gone.
pub fn next_changes(
    rx: &Receiver<DebounceEventResult>,
    ignore: &Path,
    errors: &mut Vec<String>,
) -> Option<Vec<PathBuf>> {
    loop {
        let first = rx.recv().ok()?;
        let mut paths = BTreeSet::new();
        collect(first, ignore, &mut paths, errors);
        loop {
            match rx.recv_timeout(Duration::from_millis(1)) {
                Ok(more) => collect(more, ignore, &mut paths, errors),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        if !paths.is_empty() {
            return Some(paths.into_iter().collect());
        }
    }
}

/// The paths of an event that call for a rebuild: not a mere read, not an editor's or our own
/// temporary file, not in the output folder.
fn paths_that_matter<'a>(
    e: &'a DebouncedEvent,
    ignore: &'a Path,
) -> impl Iterator<Item = &'a PathBuf> {
    let read = matches!(e.event.kind, EventKind::Access(_));
    e.event
        .paths
        .iter()
        .filter(move |p| !read && !is_noise(p) && !p.starts_with(ignore))
}

fn collect(
    result: DebounceEventResult,
    ignore: &Path,
    paths: &mut BTreeSet<PathBuf>,
    errors: &mut Vec<String>,
) {
    match result {
        Ok(events) => {
            for e in &events {
                paths.extend(paths_that_matter(e, ignore).cloned());
            }
        }
        Err(es) => errors.extend(es.iter().map(|e| e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_temporary_files_are_noise() {
        for noise in [
            "content/.39-kl-tw.md.swp",
            "content/39-kl-tw.md~",
            "content/#39-kl-tw.md#",
            "content/.#39-kl-tw.md",
            "content/4913",
            "content/.goutputstream-ABC123",
            "content/39-kl-tw.md.tmp",
            "content/x.md.crswap",
            "output/.index.html.chidao-tmp",
        ] {
            assert!(is_noise(Path::new(noise)), "{noise}");
        }
        for real in [
            "content/39-kl-tw.md",
            "content/bodies.yaml",
            "content/tinh",
            "themes/mine/templates/base.html",
        ] {
            assert!(!is_noise(Path::new(real)), "{real}");
        }
    }
}
