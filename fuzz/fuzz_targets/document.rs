//! Arbitrary bytes as a document's `.md` file: read as `serve` reads it (BOM, CRLF, NFC,
//! not-UTF-8), front matter split, typed reading, `at` of its tasks. No panic; the split
//! gives back the file's own pieces; every problem names a line of the file.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chidao::load::source;
use libfuzzer_sys::fuzz_target;

/// A folder of this process's own (under `TMPDIR`), holding the one file each run writes.
fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("chidao-fuzz-document-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let path = root().join("doc.md");
    std::fs::write(&path, data).unwrap();
    let loaded = source::load_document(root(), &path);

    let Ok(text) = source::read_text(&path, Path::new("doc.md")) else {
        assert!(loaded.doc.is_err());
        return;
    };
    // Lines of the text as read; a problem may point one past the last (a missing key).
    let lines = text.matches('\n').count() + 2;
    for d in &loaded.diags {
        if let Some(l) = d.line {
            assert!((1..=lines).contains(&l), "line {l} of {lines}: {d:?}");
        }
    }
    if let Ok((yaml, first_line, body)) = source::split_front_matter(&text) {
        assert_eq!(first_line, 2);
        // The pieces are the text's own, in order: `---` line, YAML, closing line, body.
        let start = yaml.as_ptr() as usize - text.as_ptr() as usize;
        assert!(text[..start].trim_end() == "---");
        assert!(text.ends_with(body));
        let closing = &text[start + yaml.len()..text.len() - body.len()];
        assert!(matches!(closing.trim_end(), "---" | "..."), "{closing:?}");
        assert!(!yaml.lines().any(|l| matches!(l.trim_end(), "---" | "...")));
        if let Ok(doc) = &loaded.doc {
            assert_eq!(&*doc.body, body);
            assert_eq!(
                doc.body_line,
                text[..text.len() - body.len()].matches('\n').count() + 1
            );
        }
    } else {
        assert!(loaded.doc.is_err());
    }
});
