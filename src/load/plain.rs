//! Reading a file that must be a plain file: the site's sources, the theme's files and the
//! output folder's manifest. A symbolic link is never followed (it may lead out of the site)
//! and a named pipe or a device is never waited on: the file is opened without following a
//! link and without blocking, then checked to be a regular file before a byte is read.

use crate::messages::{msg, Msg};
use std::fs::{File, FileType};
use std::io::{self, Read};
use std::path::Path;

/// Why a path could not be read as a plain file.
#[derive(Debug)]
pub(crate) enum NotPlain {
    /// Nothing is there.
    Missing,
    /// Something that is not a regular file: "a symbolic link", "a folder", "a named pipe"…
    Is(&'static str),
    /// A regular file (or so it seemed) that could not be read.
    Io(io::Error),
}

impl NotPlain {
    /// What is wrong, for a message.
    pub(crate) fn message(&self) -> Msg {
        match self {
            NotPlain::Missing => msg::file_missing(),
            NotPlain::Is(what) => msg::not_a_file(kind_msg(what)),
            NotPlain::Io(e) => msg::cannot_read_file(e.to_string()),
        }
    }
}

/// A [`kind`] in the words of a message.
pub(crate) fn kind_msg(what: &str) -> Msg {
    match what {
        "a symbolic link" => msg::kind_symlink(),
        "a folder" => msg::kind_folder(),
        "a named pipe" => msg::kind_pipe(),
        "a socket" => msg::kind_socket(),
        "a device" => msg::kind_device(),
        "a file" => msg::kind_file(),
        _ => msg::kind_other(),
    }
}

/// What an entry of this type is, in the words of a message; `None` for a regular file.
pub(crate) fn kind(t: FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a plain file")
}

/// What is at `path`, without following a link: `Ok(())` for a regular file.
pub(crate) fn check(path: &Path) -> Result<(), NotPlain> {
    match std::fs::symlink_metadata(path) {
        Ok(m) => kind(m.file_type()).map_or(Ok(()), |k| Err(NotPlain::Is(k))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(NotPlain::Missing),
        Err(e) => Err(NotPlain::Io(e)),
    }
}

/// The bytes of the plain file at `path` (see the module's description).
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, NotPlain> {
    let mut file = open(path).map_err(|e| match check(path) {
        // Not a link, nor anything else that explains it: the error itself.
        Ok(()) => NotPlain::Io(e),
        Err(NotPlain::Io(_)) => NotPlain::Io(e),
        Err(other) => other,
    })?;
    let meta = file.metadata().map_err(NotPlain::Io)?;
    if let Some(k) = kind(meta.file_type()) {
        return Err(NotPlain::Is(k));
    }
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(usize::try_from(meta.len()).unwrap_or(0))
        .map_err(|e| NotPlain::Io(io::Error::other(e)))?;
    file.read_to_end(&mut bytes).map_err(NotPlain::Io)?;
    Ok(bytes)
}

/// Opens `path` for reading, failing on a link and returning at once on a named pipe.
#[cfg(unix)]
fn open(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    File::options()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

/// Opens `path` for reading once it is seen to be a regular file.
#[cfg(not(unix))]
fn open(path: &Path) -> io::Result<File> {
    match check(path) {
        Ok(()) => File::open(path),
        Err(NotPlain::Io(e)) => Err(e),
        Err(_) => Err(io::Error::from(io::ErrorKind::InvalidInput)),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read_and_nothing_waits() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        std::fs::write(p("file"), "bytes").unwrap();
        std::os::unix::fs::symlink(p("file"), p("link")).unwrap();
        std::fs::create_dir(p("folder")).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(p("pipe"))
            .status()
            .unwrap();
        assert!(made.success());
        assert_eq!(read(&p("file")).unwrap(), b"bytes");
        let what = |n: &str| match read(&p(n)) {
            Err(NotPlain::Is(k)) => k,
            other => panic!("{n}: {other:?}"),
        };
        assert_eq!(what("link"), "a symbolic link");
        assert_eq!(what("folder"), "a folder");
        assert_eq!(what("pipe"), "a named pipe");
        assert!(matches!(read(&p("absent")), Err(NotPlain::Missing)));
        assert!(matches!(check(&p("file")), Ok(())));
        assert!(matches!(
            check(&p("link")),
            Err(NotPlain::Is("a symbolic link"))
        ));
    }
}
