//! Writing the site: the only stage that writes to disk. It is called only after the whole
//! site rendered without error, writes nothing outside the output folder, leaves files whose
//! bytes did not change untouched (so their modification times stay and deploys copy only
//! what changed), replaces changed files atomically, and removes only files that an earlier
//! build wrote (listed in its manifest), never anything else found there.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::render::OutFile;

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

/// Makes the folders for `rel` below `out`, refusing to pass through a symbolic link.
fn make_parents(out: &Path, rel: &Path) -> io::Result<()> {
    let mut cur = out.to_path_buf();
    if let Some(parent) = rel.parent() {
        for c in parent.components() {
            cur.push(c);
            match fs::symlink_metadata(&cur) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(refuse(format!(
                        "{} is a symbolic link; chidao does not write through links",
                        cur.display()
                    )))
                }
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
/// Each file is replaced atomically. Written one after another on the caller's thread, not
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
    files
        .iter()
        .zip(&rels)
        .try_for_each(|(f, rel)| put(out, rel, &f.bytes))
}

/// Writes `files` into `out`. A bad or repeated path stops it with `out` as it was
/// ([`Staged::put`] checks each, and nothing reaches `out` before the commit).
pub fn write(out: &Path, files: &[OutFile]) -> io::Result<WriteStats> {
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
    changed: Vec<PathBuf>,
    unchanged: usize,
    /// The first file that could not be taken: [`Staged::commit`] then refuses.
    failed: Option<io::Error>,
}

impl Staged {
    pub fn open(out: &Path) -> io::Result<Staged> {
        if let Ok(m) = fs::symlink_metadata(out) {
            if m.file_type().is_symlink() {
                return Err(refuse(format!(
                    "{} is a symbolic link; name the real folder with --output",
                    out.display()
                )));
            }
        }
        let created = !out.exists();
        fs::create_dir_all(out)?;
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
        // Remove what the previous build wrote and this one did not.
        let (old_text, old_files) = read_manifest(out);
        for rel in old_files
            .iter()
            .filter(|p| !state.paths.contains(p.as_str()))
        {
            let rel = Path::new(rel);
            let target = out.join(rel);
            if fs::symlink_metadata(&target).is_ok_and(|m| m.is_file())
                && fs::remove_file(&target).is_ok()
            {
                stats.removed += 1;
                let mut dir = rel.parent();
                while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
                    if fs::remove_dir(out.join(d)).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
            }
        }
        let mut manifest: Vec<&str> = state.paths.iter().map(String::as_str).collect();
        manifest.sort_unstable();
        let text = manifest.join("\n") + "\n";
        if old_text.as_deref() != Some(text.as_str()) {
            fs::write(out.join(MANIFEST), text)?;
        }
        Ok(stats)
    }
}

/// The paths an earlier build wrote into `out` (those that are plain relative paths).
pub fn manifest(out: &Path) -> Vec<String> {
    read_manifest(out).1
}

/// The manifest's text as read, and its plain relative paths.
fn read_manifest(out: &Path) -> (Option<String>, Vec<String>) {
    let text = fs::read_to_string(out.join(MANIFEST)).ok();
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
mod tests {
    use super::*;

    fn file(path: &str, s: &str) -> OutFile {
        OutFile {
            path: path.into(),
            bytes: s.as_bytes().to_vec(),
        }
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a//b",
            "./a",
            "C:/x",
            "a\\..\\b",
            "",
        ] {
            assert!(safe_relative(bad).is_none(), "{bad}");
        }
        assert!(safe_relative("van-ban/39-kl-tw.html").is_some());
        let dir = tempfile::tempdir().unwrap();
        assert!(write(&dir.path().join("out"), &[file("../escape.html", "x")]).is_err());
        assert!(!dir.path().join("escape.html").exists());
    }

    #[test]
    fn unchanged_files_are_not_rewritten_and_stale_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("keep-me.txt"), "not ours").unwrap();
        let s = write(&out, &[file("a.html", "1"), file("d/b.html", "2")]).unwrap();
        assert_eq!(
            s,
            WriteStats {
                written: 2,
                unchanged: 0,
                removed: 0
            }
        );
        let s = write(&out, &[file("a.html", "1"), file("c.html", "3")]).unwrap();
        assert_eq!(
            s,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!out.join("d").exists());
        assert!(
            out.join("keep-me.txt").exists(),
            "files chidao did not write are kept"
        );
    }

    fn listing(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn an_aborted_build_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write(&out, &[file("a.html", "1"), file("d/b.html", "2")]).unwrap();
        let before = listing(&out);
        let s = Staged::open(&out).unwrap();
        s.put("a.html", b"changed").unwrap();
        s.put("new/c.html", b"3").unwrap();
        assert!(s.put("a.html", b"again").is_err(), "one path, one file");
        assert!(s.put("../x.html", b"x").is_err());
        assert!(s.put(MANIFEST, b"x").is_err());
        s.abort();
        assert_eq!(listing(&out), before);

        // A folder made for the build goes with it.
        let fresh = dir.path().join("fresh");
        let s = Staged::open(&fresh).unwrap();
        s.put("a.html", b"1").unwrap();
        s.abort();
        assert!(!fresh.exists());
    }

    #[test]
    fn a_build_into_a_new_folder_moves_whole_folders_in() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new");
        let files = [
            file("index.html", "i"),
            file("van-ban/a.html", "a"),
            file("van-ban/b.html", "b"),
            file("static/search/t-0.js", "t"),
        ];
        let stats = write(&out, &files).unwrap();
        assert_eq!(stats.written, 4);
        let got: Vec<_> = listing(&out)
            .into_iter()
            .map(|(p, b)| (p.strip_prefix(&out).unwrap().to_path_buf(), b))
            .collect();
        let mut want: Vec<_> = files
            .iter()
            .map(|f| (PathBuf::from(&f.path), f.bytes.clone()))
            .collect();
        want.push((
            PathBuf::from(MANIFEST),
            b"index.html\nstatic/search/t-0.js\nvan-ban/a.html\nvan-ban/b.html\n".to_vec(),
        ));
        want.sort();
        assert_eq!(got, want);
        assert!(!out.join(STAGE).exists());
        // Built again, nothing is rewritten.
        let again = write(&out, &files).unwrap();
        assert_eq!((again.written, again.unchanged), (0, 4));
    }

    #[test]
    fn a_build_with_a_file_it_could_not_take_is_not_committed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write(&out, &[file("a.html", "1")]).unwrap();
        let before = listing(&out);
        let s = Staged::open(&out).unwrap();
        s.put("a.html", b"changed").unwrap();
        // The caller does not look at the failure: the commit does.
        let _ = s.put("../x.html", b"x");
        s.put("b.html", b"2").unwrap();
        let e = s.commit().unwrap_err();
        assert!(e.to_string().contains("outside the output folder"), "{e}");
        assert_eq!(listing(&out), before);
    }

    #[test]
    fn a_committed_build_touches_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write(&out, &[file("a.html", "1"), file("b.html", "2")]).unwrap();
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        fs::File::options()
            .write(true)
            .open(out.join("a.html"))
            .unwrap()
            .set_modified(old)
            .unwrap();
        let s = Staged::open(&out).unwrap();
        s.put("a.html", b"1").unwrap();
        s.put("b.html", b"22").unwrap();
        let stats = s.commit().unwrap();
        assert_eq!((stats.written, stats.unchanged), (1, 1));
        assert_eq!(
            fs::metadata(out.join("a.html"))
                .unwrap()
                .modified()
                .unwrap(),
            old
        );
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"22");
        assert!(!out.join(STAGE).exists());
    }
}
