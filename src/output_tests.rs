//! Tests of `output.rs`: paths refused, unchanged files left alone, stale ones removed, an
//! aborted or failed build leaving the output folder as it was, and links never followed.

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

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    fn mkfifo(p: &Path) {
        let made = std::process::Command::new("mkfifo")
            .arg(p)
            .status()
            .unwrap();
        assert!(made.success());
    }

    #[test]
    fn stale_paths_through_a_link_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let (out, outside) = (dir.path().join("out"), dir.path().join("outside"));
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("x.html"), "not ours").unwrap();
        write(&out, &[file("a.html", "1"), file("link/x.html", "2")]).unwrap();
        fs::remove_dir_all(out.join("link")).unwrap();
        symlink(&outside, out.join("link")).unwrap();
        let stats = write(&out, &[file("a.html", "1")]).unwrap();
        assert_eq!(stats.removed, 0);
        assert_eq!(fs::read(outside.join("x.html")).unwrap(), b"not ours");
    }

    #[test]
    fn a_link_on_the_way_fails_the_build_before_anything_moves_in() {
        let dir = tempfile::tempdir().unwrap();
        let (out, outside) = (dir.path().join("out"), dir.path().join("outside"));
        let old = [file("a.html", "1"), file("s/q/t.js", "2")];
        write(&out, &old).unwrap();
        fs::rename(out.join("s/q"), &outside).unwrap();
        symlink(&outside, out.join("s/q")).unwrap();
        let before = (listing(&out), listing(&outside));
        // Unchanged under the link, or changed: refused either way, and nothing moved in.
        for new in [
            [file("a.html", "new"), file("s/q/t.js", "2")],
            [file("a.html", "new"), file("s/q/t.js", "3")],
        ] {
            let e = write(&out, &new).unwrap_err();
            assert!(e.to_string().contains("symbolic link"), "{e}");
            assert_eq!((listing(&out), listing(&outside)), before);
        }
    }

    #[test]
    fn serve_writes_nothing_when_a_folder_on_the_way_is_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let (out, outside) = (dir.path().join("out"), dir.path().join("outside"));
        write(&out, &[file("a.html", "1"), file("z/t.js", "2")]).unwrap();
        fs::rename(out.join("z"), &outside).unwrap();
        symlink(&outside, out.join("z")).unwrap();
        let before = (listing(&out), listing(&outside));
        let changed = [file("a.html", "new"), file("z/t.js", "3")].map(Arc::new);
        let e = write_changed(&out, &changed).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!((listing(&out), listing(&outside)), before);
    }

    #[test]
    fn an_output_folder_that_is_not_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::write(&out, "x").unwrap();
        let e = write(&out, &[file("a.html", "1")]).unwrap_err();
        assert!(e.to_string().contains("is a file, not a folder"), "{e}");
        fs::remove_file(&out).unwrap();
        mkfifo(&out);
        let e = write(&out, &[file("a.html", "1")]).unwrap_err();
        assert!(
            e.to_string().contains("is a named pipe, not a folder"),
            "{e}"
        );
        fs::remove_file(&out).unwrap();
        symlink("nowhere", &out).unwrap();
        let e = write(&out, &[file("a.html", "1")]).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        // A file where a folder above it is expected.
        let e = write(&dir.path().join("out/below/site"), &[file("a.html", "1")]).unwrap_err();
        let shown = format!("{} is a symbolic link, not a folder", out.display());
        assert!(e.to_string().contains(&shown), "{e}");
        fs::remove_file(&out).unwrap();
        fs::write(&out, "x").unwrap();
        let e = write(&out.join("below"), &[file("a.html", "1")]).unwrap_err();
        let shown = format!("{} is a file, not a folder", out.display());
        assert!(e.to_string().contains(&shown), "{e}");
        assert_eq!(fs::read(&out).unwrap(), b"x");
    }

    #[test]
    fn a_manifest_that_is_no_plain_file_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let outside = dir.path().join("precious.txt");
        fs::write(&outside, "not ours").unwrap();
        write(&out, &[file("a.html", "1")]).unwrap();
        let manifest = out.join(MANIFEST);
        for make in [
            (|m: &Path, o: &Path| symlink(o, m).unwrap()) as fn(&Path, &Path),
            |m, _| mkfifo(m),
            |m, _| fs::create_dir(m).unwrap(),
        ] {
            let _ = fs::remove_file(&manifest);
            make(&manifest, &outside);
            write(&out, &[file("a.html", "1"), file("b.html", "2")]).unwrap();
            assert_eq!(fs::read(&outside).unwrap(), b"not ours");
            assert_eq!(fs::read_to_string(&manifest).unwrap(), "a.html\nb.html\n");
            fs::remove_file(&manifest).unwrap();
        }
    }

    #[test]
    fn a_staging_folder_that_is_a_link_is_removed_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let (out, outside) = (dir.path().join("out"), dir.path().join("outside"));
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("keep.txt"), "not ours").unwrap();
        write(&out, &[file("a.html", "1")]).unwrap();
        symlink(&outside, out.join(STAGE)).unwrap();
        write(&out, &[file("a.html", "2")]).unwrap();
        assert_eq!(fs::read(outside.join("keep.txt")).unwrap(), b"not ours");
        assert!(!out.join(STAGE).exists());
    }
}
