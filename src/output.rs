//! Writing the site: the only stage that writes to disk. It is called only after the whole
//! site rendered without error, writes nothing outside the output folder, leaves files whose
//! bytes did not change untouched (so their modification times stay and deploys copy only
//! what changed), replaces changed files atomically, and removes only files that an earlier
//! build wrote (listed in its manifest), never anything else found there. No symbolic link
//! is ever followed: not on the way to a file written, moved in or removed, nor at the
//! manifest; a link where a folder is expected fails the build before anything moves in.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::outfile::OutFile;

/// The list of files the last build wrote, kept in the output folder.
pub const MANIFEST: &str = ".chidao-manifest";

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// A `/`-separated relative path made only of plain names; anything else is refused.
pub fn safe_relative(path: &str) -> Option<PathBuf> {
    if path.is_empty() || path.contains('\\') || path.contains('\0') || path.contains(':') {
        return None;
    }
    let p = Path::new(path);
    let ok = p.components().all(|c| matches!(c, Component::Normal(_)))
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..");
    ok.then(|| p.to_path_buf())
}

fn refuse(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

fn through_link(path: &Path) -> io::Error {
    refuse(format!(
        "{} is a symbolic link; chidao does not write through links",
        path.display()
    ))
}

/// Checks the folders on the way to `out/rel` without changing anything: none may be a
/// symbolic link. (A file where a folder is expected is replaced by [`make_parents`]; past
/// it, or past a folder not made yet, there is nothing to check.)
fn check_route(out: &Path, rel: &Path) -> io::Result<()> {
    let mut cur = out.to_path_buf();
    for c in rel.parent().into_iter().flat_map(Path::components) {
        cur.push(c);
        match fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => return Err(through_link(&cur)),
            Ok(m) if m.is_dir() => {}
            _ => break,
        }
    }
    Ok(())
}

/// Makes the folders for `rel` below `out`, refusing to pass through a symbolic link.
fn make_parents(out: &Path, rel: &Path) -> io::Result<()> {
    let mut cur = out.to_path_buf();
    if let Some(parent) = rel.parent() {
        for c in parent.components() {
            cur.push(c);
            match fs::symlink_metadata(&cur) {
                Ok(m) if m.file_type().is_symlink() => return Err(through_link(&cur)),
                Ok(m) if m.is_dir() => {}
                Ok(_) => fs::remove_file(&cur).and_then(|_| fs::create_dir(&cur))?,
                Err(_) => match fs::create_dir(&cur) {
                    // Made meanwhile by another thread writing beside it.
                    Err(e)
                        if e.kind() == io::ErrorKind::AlreadyExists
                            && fs::symlink_metadata(&cur).is_ok_and(|m| m.is_dir()) => {}
                    other => other?,
                },
            }
        }
    }
    Ok(())
}

/// Makes way for the file `out/rel`: a link or folder in its place goes, its folders are
/// made (never through a link). Returns its path.
fn make_room(out: &Path, rel: &Path) -> io::Result<PathBuf> {
    let target = out.join(rel);
    match fs::symlink_metadata(&target) {
        Ok(m) if m.file_type().is_symlink() => fs::remove_file(&target)?,
        Ok(m) if m.is_dir() => fs::remove_dir_all(&target)?,
        _ => {}
    }
    make_parents(out, rel)?;
    Ok(target)
}

/// Replaces `out/rel` with `bytes` atomically (a temporary file renamed over it).
fn put(out: &Path, rel: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = make_room(out, rel)?;
    let tmp = target.with_file_name(format!(
        ".{}.chidao-tmp",
        target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, &target)
}

/// Writes files already known to differ from what `out` holds (`serve` compares in memory),
/// without reading the old ones. The set of files must be one the manifest already lists.
/// Each file is replaced atomically, once no folder on the way to any of them is seen to be a
/// link (checked once per folder, before the first write). Written one after another on the caller's thread, not
/// in rayon's pool: `serve` writes a step's files in the background while the next step
/// renders, and files written in the pool held up that rendering (8–10 ms of an edit's lists
/// step at 10,000 documents, waiting for both workers).
pub fn write_changed(out: &Path, files: &[Arc<OutFile>]) -> io::Result<()> {
    let rels = files
        .iter()
        .map(|f| {
            safe_relative(&f.path).ok_or_else(|| {
                refuse(format!(
                    "refusing to write outside the output folder: {:?}",
                    f.path
                ))
            })
        })
        .collect::<io::Result<Vec<PathBuf>>>()?;
    let mut folders = HashSet::new();
    for rel in &rels {
        if folders.insert(rel.parent()) {
            check_route(out, rel)?;
        }
    }
    files
        .iter()
        .zip(&rels)
        .try_for_each(|(f, rel)| put(out, rel, &f.bytes))
}

/// Writes `files` into `out` (the tests of [`Staged`]; a build writes through
/// `pipeline::write`). A bad or repeated path stops it with `out` as it was ([`Staged::put`]
/// checks each, and nothing reaches `out` before the commit).
#[cfg(test)]
pub(crate) fn write(out: &Path, files: &[OutFile]) -> io::Result<WriteStats> {
    let staged = Staged::open(out)?;
    for f in files {
        if let Err(e) = staged.put(&f.path, &f.bytes) {
            staged.abort();
            return Err(e);
        }
    }
    staged.commit()
}

/// The folder inside the output folder where a build puts the files that changed, until all
/// of them are there.
const STAGE: &str = ".chidao-staging";

/// A build being written file by file as it is rendered, so that the whole site never has to
/// be held in memory. A file whose bytes equal what the output folder holds is left alone;
/// any other goes to a staging folder. [`Staged::commit`] then moves them into place and
/// removes what the previous build wrote and this one did not; [`Staged::abort`] removes the
/// staging folder and leaves the output folder as it was.
pub struct Staged {
    out: PathBuf,
    stage: PathBuf,
    /// Whether `out` was created for this build (and goes again on abort).
    created: bool,
    state: Mutex<StageState>,
}

#[derive(Default)]
struct StageState {
    paths: HashSet<String>,
    /// Folders of the staging folder made so far (each is made once, not checked per file).
    dirs: HashSet<PathBuf>,
    /// Folders of the output folder checked to hold no link on the way ([`check_route`]).
    routes: HashSet<PathBuf>,
    changed: Vec<PathBuf>,
    unchanged: usize,
    /// The first file that could not be taken: [`Staged::commit`] then refuses.
    failed: Option<io::Error>,
}

impl Staged {
    pub fn open(out: &Path) -> io::Result<Staged> {
        let found = fs::symlink_metadata(out);
        match &found {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(refuse(format!(
                    "{} is a symbolic link; name the real folder with --output",
                    out.display()
                )))
            }
            Ok(m) if !m.is_dir() => {
                return Err(refuse(format!(
                    "{} is {}, not a folder; name another with --output",
                    out.display(),
                    crate::load::plain::kind(m.file_type()).unwrap_or("a file")
                )))
            }
            _ => {}
        }
        let created = found.is_err();
        make_output(out)?;
        let stage = out.join(STAGE);
        match fs::symlink_metadata(&stage) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(&stage)?,
            Ok(_) => fs::remove_file(&stage)?,
            Err(_) => {}
        }
        fs::create_dir(&stage)?;
        Ok(Staged {
            out: out.to_path_buf(),
            stage,
            created,
            state: Mutex::new(StageState::default()),
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, StageState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes one file of the site. Safe to call from many threads at once. A failure is
    /// also kept, and [`Staged::commit`] reports it: a caller handing files over from
    /// many threads need not collect them.
    pub fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let taken = self.take(path, bytes);
        if let Err(e) = &taken {
            self.state()
                .failed
                .get_or_insert_with(|| io::Error::new(e.kind(), e.to_string()));
        }
        taken
    }

    fn take(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = safe_relative(path).ok_or_else(|| {
            refuse(format!(
                "refusing to write outside the output folder: {path:?}"
            ))
        })?;
        if rel.starts_with(STAGE) || path == MANIFEST {
            return Err(refuse(format!(
                "{path:?} is a name chidao keeps for itself"
            )));
        }
        if !self.state().paths.insert(path.to_string()) {
            return Err(refuse(format!(
                "two files of the site have the same path {path:?}"
            )));
        }
        if !self.created {
            self.check_route_once(&rel)?;
        }
        // A folder made for this build holds nothing to compare with.
        let target = self.out.join(&rel);
        let same = !self.created
            && fs::symlink_metadata(&target).is_ok_and(|m| {
                m.is_file()
                    && m.len() == bytes.len() as u64
                    && fs::read(&target).is_ok_and(|b| b == bytes)
            });
        if same {
            self.state().unchanged += 1;
            return Ok(());
        }
        if let Some(parent) = rel.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !self.state().dirs.contains(parent) {
                fs::create_dir_all(self.stage.join(parent))?;
                self.state().dirs.insert(parent.to_path_buf());
            }
        }
        fs::write(self.stage.join(&rel), bytes)?;
        self.state().changed.push(rel);
        Ok(())
    }

    /// [`check_route`] for the folder of `rel`, once per folder.
    fn check_route_once(&self, rel: &Path) -> io::Result<()> {
        let Some(parent) = rel.parent().filter(|p| !p.as_os_str().is_empty()) else {
            return Ok(());
        };
        if !self.state().routes.contains(parent) {
            check_route(&self.out, rel)?;
            self.state().routes.insert(parent.to_path_buf());
        }
        Ok(())
    }

    /// Leaves the output folder as it was before [`Staged::open`].
    pub fn abort(self) {
        if self.created {
            let _ = fs::remove_dir_all(&self.out);
        } else {
            let _ = fs::remove_dir_all(&self.stage);
        }
    }

    /// Moves every changed file into place, removes what the previous build wrote and this one
    /// did not, and updates the manifest. When a file could not be taken, aborts instead
    /// and returns that failure.
    pub fn commit(self) -> io::Result<WriteStats> {
        let mut state = std::mem::take(&mut *self.state());
        if let Some(e) = state.failed.take() {
            self.abort();
            return Err(e);
        }
        let result = self.move_into_place(&state);
        let _ = fs::remove_dir_all(&self.stage);
        result
    }

    fn move_into_place(&self, state: &StageState) -> io::Result<WriteStats> {
        let out = &self.out;
        let mut stats = WriteStats {
            written: state.changed.len(),
            unchanged: state.unchanged,
            removed: 0,
        };
        if self.created {
            // Nothing else is in the folder: each top-level entry of the staging folder (a
            // whole folder of pages at once) moves in with one rename.
            for entry in fs::read_dir(&self.stage)? {
                let name = entry?.file_name();
                fs::rename(self.stage.join(&name), out.join(&name))?;
            }
        } else {
            for rel in &state.changed {
                fs::rename(self.stage.join(rel), make_room(out, rel)?)?;
            }
        }
        let (old_text, old_files) = read_manifest(out);
        stats.removed = old_files
            .iter()
            .filter(|p| !state.paths.contains(p.as_str()))
            .filter(|p| remove_stale(out, Path::new(p)))
            .count();
        let mut manifest: Vec<&str> = state.paths.iter().map(String::as_str).collect();
        manifest.sort_unstable();
        let text = manifest.join("\n") + "\n";
        if old_text.as_deref() != Some(text.as_str()) {
            // Replaced, not written into: whatever is there (a link too) goes.
            put(out, Path::new(MANIFEST), text.as_bytes())?;
        }
        Ok(stats)
    }
}

/// Removes the file `out/rel` that the previous build wrote and this one did not, and the
/// folders it leaves empty. Only a plain file reached through plain folders goes: a path
/// through a link leads out of the output folder. Returns whether it was removed.
fn remove_stale(out: &Path, rel: &Path) -> bool {
    let target = out.join(rel);
    let removed = check_route(out, rel).is_ok()
        && fs::symlink_metadata(&target).is_ok_and(|m| m.is_file())
        && fs::remove_file(&target).is_ok();
    if removed {
        let mut dir = rel.parent();
        while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
            if fs::remove_dir(out.join(d)).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    removed
}

/// Makes the output folder `out` and the folders above it; when it cannot, names what is in
/// the way (a file where a folder above it is expected).
fn make_output(out: &Path) -> io::Result<()> {
    fs::create_dir_all(out).map_err(|e| {
        let nearest = out.ancestors().skip(1).find_map(|a| {
            let m = fs::symlink_metadata(a).ok()?;
            Some((a, m.file_type(), fs::metadata(a).is_ok_and(|m| m.is_dir())))
        });
        match nearest {
            Some((a, t, false)) => refuse(format!(
                "{} is {}, not a folder; name another output folder with --output",
                a.display(),
                crate::load::plain::kind(t).unwrap_or("a file")
            )),
            _ => io::Error::new(e.kind(), format!("cannot make {}: {e}", out.display())),
        }
    })
}

/// The paths an earlier build wrote into `out` (those that are plain relative paths).
pub fn manifest(out: &Path) -> Vec<String> {
    read_manifest(out).1
}

/// The manifest's text as read (not through a link, not from a named pipe), and its plain
/// relative paths.
fn read_manifest(out: &Path) -> (Option<String>, Vec<String>) {
    let text = crate::load::plain::read(&out.join(MANIFEST))
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let paths = text
        .as_deref()
        .unwrap_or_default()
        .lines()
        .filter(|l| safe_relative(l).is_some())
        .map(str::to_string)
        .collect();
    (text, paths)
}

#[cfg(test)]
#[path = "output_tests.rs"]
mod tests;
