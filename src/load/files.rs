//! Which files of `content/` are documents: the one rule `build` walks the folder with
//! ([`markdown_files`]) and `serve` asks of each path it is told changed
//! ([`is_document_file`]), so both read exactly the same files. No symbolic link is followed:
//! a linked folder is not walked into, and a linked document is listed for loading to skip
//! with a warning, as is anything else that is not a plain file.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Whether a file or folder name below `content/` is left out: drafts (`_name`) and hidden
/// files and folders.
pub fn is_skipped(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

/// Whether a path below `content/` (relative to it) is named as a document: a `.md` name,
/// and no name on the way left out ([`is_skipped`]).
pub fn is_document_name(rel: &Path) -> bool {
    rel.extension().is_some_and(|x| x == "md")
        && rel
            .components()
            .all(|c| !is_skipped(&c.as_os_str().to_string_lossy()))
}

/// The document files of the content folder, in a stable order: every entry named as a
/// document ([`is_document_name`]) that is not a folder, in folders reached without a
/// symbolic link (a linked folder is not walked into). An entry that is not a plain file (a
/// link, a named pipe) is listed too: loading skips it with a warning (`source::load_document`).
/// `serve` asks [`is_document_file`] of each changed path instead; both take the same files.
pub fn markdown_files(content: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_skipped(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Whether `path` is one of the files [`markdown_files`] takes from `content`: named as a
/// document, there and not a folder, and every folder between `content` and it a real folder
/// (not a link, which the walk does not follow).
pub fn is_document_file(content: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(content) else {
        return false;
    };
    let mut cur = content.to_path_buf();
    let real_folders = rel
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .all(|c| {
            cur.push(c);
            std::fs::symlink_metadata(&cur).is_ok_and(|m| m.is_dir())
        });
    is_document_name(rel)
        && real_folders
        && std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir())
}
