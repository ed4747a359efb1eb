//! `chidao import` with the real binary: the five seed texts (`tests/fixtures/import/`, copies
//! of the shared seeds) imported into a copy of the shipped site that lacks their shipped
//! files, compared field by field and task by task with those files, then `chidao check`;
//! Word files made here with docx-rs (a two-column header table, a TCVN3 run); and one case
//! per class of bad input, each failing with a message that names the file and writing
//! nothing. These run in English (`CHIDAO_LANG=en`, as `Site::run` sets it) where they match
//! the terminal's words; `the_terminal_lines_are_vietnamese_by_default` reads the default.

use std::fs;
use std::path::{Path, PathBuf};

use chidao::deadline::Deadline;
use chidao::load::source::{self, SourceDoc};

use crate::common::{Run, Site, Snapshot};

fn seed(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap_or_else(|| panic!("no seed {name}"))
}

fn import(site: &Site, args: &[&str]) -> Run {
    let all: Vec<&str> = std::iter::once("import")
        .chain(args.iter().copied())
        .collect();
    site.run(&all)
}

fn parse(path: &Path) -> SourceDoc {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut diags = Vec::new();
    let doc = source::parse_document(path, &text, &mut diags);
    assert!(diags.is_empty(), "{}: {diags:?}", path.display());
    doc.unwrap()
}

/// A document file an import wrote, and the `at` of each of its tasks as written (the
/// document keeps only the block each names).
struct Written {
    doc: SourceDoc,
    ats: Vec<Option<String>>,
}

fn written_doc(path: &Path) -> Written {
    let doc = parse(path);
    let text = fs::read_to_string(path).unwrap();
    let (yaml, _, _) = source::split_front_matter(&text).unwrap();
    let front = chidao::load::yaml::parse(yaml).unwrap();
    let tasks = front.get("tasks").and_then(|t| t.as_sequence());
    let ats: Vec<Option<String>> = tasks.map_or_else(Vec::new, |ts| {
        ts.iter()
            .map(|t| t.get("at").and_then(|a| a.as_str()).map(str::to_string))
            .collect()
    });
    assert_eq!(ats.len(), doc.tasks.len(), "{}", path.display());
    Written { doc, ats }
}

/// The files the run says it wrote ("wrote PATH: …"), relative to the root.
fn written(run: &Run) -> Vec<String> {
    run.stderr
        .lines()
        .filter_map(|l| l.strip_prefix("wrote "))
        .filter_map(|l| l.split(": ").next())
        .map(str::to_string)
        .collect()
}

/// Figures of one comparison with the shipped file.
#[derive(Debug, Default)]
struct Score {
    fields: usize,
    exact: usize,
    tasks: usize,
    found: usize,
    right: usize,
    proposed: usize,
    wrong_fields: Vec<String>,
}

fn due_of(s: Option<&str>) -> Option<Deadline> {
    s.map(|d| Deadline::parse(d).expect("a deadline of the contract"))
}

/// Compares `got` with the shipped `want`, on the fields the shipped file states.
fn compare(got: &Written, want: &SourceDoc, score: &mut Score) {
    let Written { doc: got, ats } = got;
    let mut field = |name: &str, g: Option<String>, w: Option<String>| {
        if w.is_none() {
            return;
        }
        score.fields += 1;
        if g == w {
            score.exact += 1;
        } else {
            score.wrong_fields.push(format!(
                "{} {name}: got {g:?}, shipped {w:?}",
                want.id.value
            ));
        }
    };
    let s = |x: &str| Some(x.to_string());
    let number = |d: &SourceDoc| d.number.clone().unwrap_or_else(|| d.id.value.clone());
    field("number", s(&number(got)), s(&number(want)));
    field("kind", s(&got.kind), s(&want.kind));
    field(
        "issuer",
        got.issuer.as_ref().map(|i| i.value.clone()),
        want.issuer.as_ref().map(|i| i.value.clone()),
    );
    field(
        "date",
        got.date.as_ref().map(|d| d.value.to_string()),
        want.date.as_ref().map(|d| d.value.to_string()),
    );
    field(
        "place",
        got.place.as_deref().map(str::to_string),
        want.place.as_deref().map(str::to_string),
    );
    field(
        "signer",
        got.signer.as_deref().map(str::to_string),
        want.signer.as_deref().map(str::to_string),
    );
    let ids = |v: &[chidao::load::fields::Located<String>]| {
        let mut v: Vec<String> = v.iter().map(|x| x.value.clone()).collect();
        v.sort();
        (!v.is_empty()).then(|| v.join(","))
    };
    field("implements", ids(&got.implements), ids(&want.implements));
    field(
        "copy_of",
        got.copy_of.as_ref().map(|c| c.value.clone()),
        want.copy_of.as_ref().map(|c| c.value.clone()),
    );
    score.tasks += want.tasks.len();
    score.proposed += got.tasks.len();
    for (w, g) in want.tasks.iter().zip(pair_tasks(got, ats, want)) {
        let Some(g) = g.map(|i| &got.tasks[i]) else {
            score
                .wrong_fields
                .push(format!("{}#{}: not found", want.id.value, w.id.value));
            continue;
        };
        score.found += 1;
        let lead = |t: &source::SourceTask| t.lead.as_ref().map(|l| l.value.clone());
        let due = |t: &source::SourceTask| due_of(t.due.as_ref().map(|d| d.value.as_str()));
        if lead(g) == lead(w) && due(g) == due(w) {
            score.right += 1;
        } else {
            score.wrong_fields.push(format!(
                "{}#{}: lead {:?} due {:?}, shipped lead {:?} due {:?}",
                want.id.value,
                w.id.value,
                lead(g),
                g.due.as_ref().map(|d| d.value.clone()),
                lead(w),
                w.due.as_ref().map(|d| d.value.clone())
            ));
        }
    }
}

/// For each shipped task, the imported task that is the same: first those whose texts hold
/// one another (an import may leave out the lead a text starts with), then, among the rest,
/// the one imported task whose `at` is a piece of the shipped text. Each imported task is
/// paired once at most.
fn pair_tasks(got: &SourceDoc, ats: &[Option<String>], want: &SourceDoc) -> Vec<Option<usize>> {
    let norm = |t: &str| t.to_lowercase().trim_end_matches('.').to_string();
    let mut used: Vec<usize> = Vec::new();
    let mut out: Vec<Option<usize>> = vec![None; want.tasks.len()];
    for (k, w) in want.tasks.iter().enumerate() {
        let wt = norm(&w.text);
        let found = (0..got.tasks.len()).find(|i| {
            let gt = norm(&got.tasks[*i].text);
            !used.contains(i) && (wt.contains(&gt) || gt.contains(&wt))
        });
        if let Some(i) = found {
            used.push(i);
            out[k] = Some(i);
        }
    }
    for (k, w) in want.tasks.iter().enumerate() {
        if out[k].is_some() {
            continue;
        }
        let wt = norm(&w.text);
        let by_at: Vec<usize> = (0..got.tasks.len())
            .filter(|i| !used.contains(i))
            .filter(|&i| ats[i].as_ref().is_some_and(|a| wt.contains(&norm(a))))
            .collect();
        if let [i] = by_at[..] {
            used.push(i);
            out[k] = Some(i);
        }
    }
    out
}

/// Imports seed `name` into a copy of the shipped site without `remove`, compares each
/// written file with the shipped file `compare_with` names for it, and runs `check`.
fn seed_case(name: &str, remove: &[&str], pairs: &[(&str, &str)], score: &mut Score) -> Run {
    let site = Site::shipped();
    let shipped = Site::shipped();
    for r in remove {
        fs::remove_file(site.path(r)).unwrap();
    }
    let run = import(&site, &[seed(name).to_str().unwrap()]);
    run.assert_success();
    let files = written(&run);
    for (written_as, shipped_as) in pairs {
        let got = files
            .iter()
            .find(|f| f.ends_with(written_as))
            .unwrap_or_else(|| panic!("{name}: {written_as} not written:\n{}", run.stderr));
        compare(
            &written_doc(&site.path(got)),
            &parse(&shipped.path(shipped_as)),
            score,
        );
    }
    let check = site.check();
    for e in check.errors() {
        // Only what the import marked may be wrong: an error on a line of an imported file
        // that carries a mark, or in a file the import did not write.
        let file = files.iter().find(|f| e.head.contains(f.as_str()));
        if let Some(f) = file {
            let text = site.read(f);
            let line: usize = e
                .head
                .split(':')
                .nth(2)
                .and_then(|l| l.trim().parse().ok())
                .unwrap_or(0);
            let at = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
            assert!(
                at.contains("kiểm tra"),
                "{name}: an unmarked error in {f}: {}\n{at}",
                e.head
            );
        }
    }
    check
}

#[test]
fn the_seeds_against_the_shipped_content() {
    let mut score = Score::default();
    // The Lai Châu bundle: a dispatch, the copied conclusion (the site holds the original,
    // so it is not written again), two copy stamps.
    let run = seed_case(
        "000",
        &[
            "content/lai-chau/1002-cv-tu.md",
            "content/lai-chau/71-bs-vptu.md",
            "content/lai-chau/24-bs-hu.md",
        ],
        &[
            ("1002-cv-tu.md", "content/lai-chau/1002-cv-tu.md"),
            ("71-bs-vptu.md", "content/lai-chau/71-bs-vptu.md"),
            ("24-bs-hu.md", "content/lai-chau/24-bs-hu.md"),
        ],
        &mut score,
    );
    run.assert_success();
    let run = seed_case(
        "001",
        &["content/trung-uong/157-tb-tw.md"],
        &[("157-tb-tw.md", "content/trung-uong/157-tb-tw.md")],
        &mut score,
    );
    run.assert_success();
    // The original conclusion prints no number and no date: it is imported as a document of
    // its own beside the shipped 39-KL/TW, and compared with it.
    seed_case(
        "002",
        &[],
        &[(".md", "content/trung-uong/39-kl-tw.md")],
        &mut score,
    );
    let run = seed_case(
        "003",
        &["content/tinh/ke-hoach-ubnd-tinh-trien-khai-107-kh-tu.md"],
        &[(
            ".md",
            "content/tinh/ke-hoach-ubnd-tinh-trien-khai-107-kh-tu.md",
        )],
        &mut score,
    );
    run.assert_success();
    let run = seed_case(
        "004",
        &["content/tin-bai/2024-01-08-boi-duong-can-bo-o-nuoc-ngoai.md"],
        &[(
            ".md",
            "content/tin-bai/2024-01-08-boi-duong-can-bo-o-nuoc-ngoai.md",
        )],
        &mut score,
    );
    eprintln!(
        "import vs shipped: fields {}/{} exact; tasks {}/{} found, {} with the right lead and deadline; {} proposed\n{}",
        score.exact,
        score.fields,
        score.found,
        score.tasks,
        score.right,
        score.proposed,
        score.wrong_fields.join("\n")
    );
    // The news report cites 39-KL/TW's targets, which the imported file does not set: the
    // shipped site's check still fails only on the shipped news report removed. Nothing more.
    let _ = run;
    assert!(score.exact * 100 >= score.fields * 90, "{score:?}");
    assert!(score.found * 100 >= score.tasks * 80, "{score:?}");
    assert!(score.right * 100 >= score.tasks * 70, "{score:?}");
}

#[test]
fn a_bundle_is_split_and_its_copies_name_what_they_copy() {
    let site = Site::shipped();
    for f in ["1002-cv-tu", "71-bs-vptu", "24-bs-hu"] {
        fs::remove_file(site.path(&format!("content/lai-chau/{f}.md"))).unwrap();
    }
    let run = import(&site, &[seed("000").to_str().unwrap()]);
    run.assert_success();
    assert!(
        run.stderr.contains("39-KL/TW is already in the site"),
        "{}",
        run.stderr
    );
    let files = written(&run);
    assert_eq!(files.len(), 3, "{files:?}");
    let docs: Vec<SourceDoc> = files.iter().map(|f| parse(&site.path(f))).collect();
    assert_eq!(docs[0].id.value, "1002-CV/TU");
    assert_eq!(docs[0].implements[0].value, "39-KL/TW");
    assert_eq!(docs[1].copy_of.as_ref().unwrap().value, "39-KL/TW");
    assert_eq!(docs[2].copy_of.as_ref().unwrap().value, "71-BS/VPTU");
    site.check().assert_success();
}

#[test]
fn dry_run_prints_and_writes_nothing() {
    let site = Site::shipped();
    fs::remove_file(site.path("content/trung-uong/157-tb-tw.md")).unwrap();
    let before = Snapshot::of(site.outer());
    let run = import(&site, &["--dry-run", seed("001").to_str().unwrap()]);
    run.assert_success();
    assert!(
        run.stdout.starts_with("---\nid: 157-TB/TW\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("due: quý IV-2014"), "{}", run.stdout);
    assert_eq!(
        before,
        Snapshot::of(site.outer()),
        "--dry-run wrote something"
    );
}

#[test]
fn stubs_for_cited_documents_the_site_lacks() {
    let site = Site::shipped();
    fs::remove_file(site.path("content/tinh/ke-hoach-ubnd-tinh-trien-khai-107-kh-tu.md")).unwrap();
    let run = import(&site, &["--stubs", seed("003").to_str().unwrap()]);
    run.assert_success();
    assert!(
        run.stderr.contains("26-NQ/TW, cited, front matter only"),
        "{}",
        run.stderr
    );
    site.check().assert_success();
}

/// A Word file: a two-column header table, the title in TCVN3 (`.VnTime`), a task.
fn word_file() -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run as R, RunFonts, Table, TableCell, TableRow};
    let p = |t: &str| Paragraph::new().add_run(R::new().add_text(t));
    let cell = |lines: &[&str]| {
        lines
            .iter()
            .fold(TableCell::new(), |c, l| c.add_paragraph(p(l)))
    };
    let header = Table::new(vec![TableRow::new(vec![
        cell(&["ỦY BAN NHÂN DÂN TỈNH", "SỞ NỘI VỤ", "Số: 15/KH-SNV"]),
        cell(&[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Lai Châu, ngày 05 tháng 01 năm 2024",
        ]),
    ])]);
    let tcvn3 = Paragraph::new().add_run(
        R::new()
            .add_text("TriÓn khai c«ng t¸c båi d\u{AD}ìng c¸n bé n¨m 2024")
            .fonts(RunFonts::new().ascii(".VnTime").hi_ansi(".VnTime")),
    );
    let mut out = Vec::new();
    Docx::new()
        .add_table(header)
        .add_paragraph(p("KẾ HOẠCH"))
        .add_paragraph(tcvn3)
        .add_paragraph(p("Căn cứ tình hình thực tế, Sở Nội vụ ban hành Kế hoạch như sau:"))
        .add_paragraph(p("1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ bố trí kinh phí, hoàn thành trước ngày 30/6/2024."))
        .add_paragraph(p("2. Văn phòng Ủy ban nhân dân tỉnh theo dõi việc thực hiện hằng quý."))
        .add_paragraph(p("Nơi nhận:"))
        .add_paragraph(p("- UBND tỉnh;"))
        .add_paragraph(p("- Lưu: VT."))
        .add_paragraph(p("KT. GIÁM ĐỐC"))
        .add_paragraph(p("PHÓ GIÁM ĐỐC"))
        .add_paragraph(p("Nguyễn Văn An"))
        .build()
        .pack(std::io::Cursor::new(&mut out))
        .unwrap();
    out
}

/// Imports the Word file `bytes`, saved as `name` beside the site: it succeeds and writes
/// one file, whose path (below the site) it returns in a list of one.
fn import_word(site: &Site, name: &str, bytes: Vec<u8>) -> Vec<String> {
    let file = site.outer().join(name);
    fs::write(&file, bytes).unwrap();
    let run = import(site, &[file.to_str().unwrap()]);
    run.assert_success();
    let files = written(&run);
    assert_eq!(files.len(), 1, "{}", run.stderr);
    files
}

#[test]
fn a_word_file_with_a_header_table_and_a_tcvn3_run() {
    let site = Site::new();
    let files = import_word(&site, "ke-hoach.docx", word_file());
    let d = parse(&site.path(&files[0]));
    assert_eq!(d.id.value, "15/KH-SNV");
    assert_eq!(&*d.kind, "Kế hoạch");
    assert_eq!(&*d.title, "Triển khai công tác bồi dưỡng cán bộ năm 2024");
    assert_eq!(d.issuer.as_ref().unwrap().value, "so-noi-vu");
    assert_eq!(d.date.as_ref().unwrap().value.to_string(), "2024-01-05");
    assert_eq!(d.place.as_deref(), Some("Lai Châu"));
    assert_eq!(d.signer.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(
        d.signer_title.as_deref(),
        Some("KT. Giám đốc / Phó Giám đốc")
    );
    let tasks: Vec<(String, Option<String>)> = d
        .tasks
        .iter()
        .map(|t| {
            (
                t.lead.as_ref().unwrap().value.clone(),
                t.due.as_ref().map(|x| x.value.clone()),
            )
        })
        .collect();
    assert_eq!(
        tasks,
        [
            ("so-tai-chinh".to_string(), Some("30/6/2024".to_string())),
            (
                "van-phong-ubnd-tinh".to_string(),
                Some("hằng quý".to_string())
            )
        ]
    );
    assert_eq!(d.tasks[0].support[0].value, "so-noi-vu");
    site.check().assert_success();
}

/// The same points in a Word list numbered automatically (the numbers only in
/// `word/numbering.xml`), as offices' files often have them.
fn word_file_with_a_numbered_list() -> Vec<u8> {
    use docx_rs::{
        AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
        NumberingId, Paragraph, Run as R, Start,
    };
    let p = |t: &str| Paragraph::new().add_run(R::new().add_text(t));
    let point = |t: &str| p(t).numbering(NumberingId::new(2), IndentLevel::new(0));
    let mut out = Vec::new();
    Docx::new()
        .add_abstract_numbering(AbstractNumbering::new(1).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new("%1."),
            LevelJc::new("left"),
        )))
        .add_numbering(Numbering::new(2, 1))
        .add_paragraph(p("ỦY BAN NHÂN DÂN TỈNH"))
        .add_paragraph(p("SỞ NỘI VỤ"))
        .add_paragraph(p("Số: 16/KH-SNV"))
        .add_paragraph(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        .add_paragraph(p("Độc lập - Tự do - Hạnh phúc"))
        .add_paragraph(p("Lai Châu, ngày 08 tháng 01 năm 2024"))
        .add_paragraph(p("KẾ HOẠCH"))
        .add_paragraph(p("Bồi dưỡng cán bộ năm 2024"))
        .add_paragraph(point("Sở Tài chính chủ trì, phối hợp với Sở Nội vụ bố trí kinh phí, hoàn thành trước ngày 30/6/2024."))
        .add_paragraph(point("Văn phòng Ủy ban nhân dân tỉnh theo dõi việc thực hiện hằng quý."))
        .add_paragraph(p("Nơi nhận:"))
        .add_paragraph(p("- Lưu: VT."))
        .add_paragraph(p("GIÁM ĐỐC"))
        .add_paragraph(p("Nguyễn Văn An"))
        .build()
        .pack(std::io::Cursor::new(&mut out))
        .unwrap();
    out
}

#[test]
fn a_word_files_automatic_numbers_are_read_as_printed() {
    let site = Site::new();
    let files = import_word(&site, "ke-hoach-2.docx", word_file_with_a_numbered_list());
    let text = fs::read_to_string(site.path(&files[0])).unwrap();
    assert!(text.contains("1. Sở Tài chính chủ trì"), "{text}");
    assert!(text.contains("2. Văn phòng Ủy ban nhân dân tỉnh"), "{text}");
    let d = parse(&site.path(&files[0]));
    let leads: Vec<&str> = d
        .tasks
        .iter()
        .map(|t| t.lead.as_ref().unwrap().value.as_str())
        .collect();
    assert_eq!(leads, ["so-tai-chinh", "van-phong-ubnd-tinh"]);
}

/// Runs an import of `file` that must fail, naming `named` in an error, writing nothing.
fn refused(site: &Site, file: &Path, named: &str, says: &str) {
    let before = Snapshot::of(site.outer());
    let run = import(site, &[file.to_str().unwrap()]);
    run.assert_failure();
    let error = run
        .stderr
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or_else(|| panic!("no error:\n{}", run.stderr));
    assert!(
        error.contains(named),
        "the error must name {named}: {error}"
    );
    assert!(error.contains(says), "the error must say {says:?}: {error}");
    assert_eq!(
        before,
        Snapshot::of(site.outer()),
        "a refused import wrote something"
    );
}

#[test]
fn bad_inputs_each_refused_with_a_clear_message() {
    let site = Site::new();
    let dir = site.outer();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        fs::write(&p, bytes).unwrap();
        p
    };
    refused(&site, &write("empty.txt", b""), "empty.txt", "empty");
    refused(
        &site,
        &write("garbage.bin", &[0, 159, 146, 150, 0, 1, 2, 3, 255, 0]),
        "garbage.bin",
        "not text",
    );
    refused(
        &site,
        &write("latin1.txt", b"Vi\xeat Nam\n"),
        "latin1.txt",
        "not UTF-8",
    );
    refused(
        &site,
        &write("fake.docx", b"this is not a zip archive"),
        "fake.docx",
        "not a zip archive",
    );
    let mut zip = Vec::new();
    {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(&mut zip));
        w.start_file("word/other.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, b"<x/>").unwrap();
        w.finish().unwrap();
    }
    refused(
        &site,
        &write("nodoc.docx", &zip),
        "nodoc.docx",
        "word/document.xml",
    );
    refused(
        &site,
        &dir.join("missing.txt"),
        "missing.txt",
        "cannot read",
    );
}

#[test]
fn never_overwrites_a_document_or_a_file() {
    // The shipped site holds 157-TB/TW: importing it again is refused.
    let site = Site::shipped();
    refused(&site, &seed("001"), "001_", "already in the site");
    // A file where the import would write: refused, and the file kept.
    let site = Site::shipped();
    fs::remove_file(site.path("content/trung-uong/157-tb-tw.md")).unwrap();
    let dry = import(&site, &["--dry-run", seed("001").to_str().unwrap()]);
    let target = dry
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("would write "))
        .unwrap()
        .split(": ")
        .next()
        .unwrap()
        .to_string();
    site.write(&target, "keep me\n");
    refused(&site, &seed("001"), &target, "never overwrites");
    assert_eq!(site.read(&target), "keep me\n");
}

/// `chidao import ARGS` in the editors' language: `CHIDAO_LANG` unset, the site's language
/// Vietnamese (the fixture's).
fn import_vi(site: &Site, args: &[&str]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chidao"))
        .env_remove("CHIDAO_LANG")
        .args(["import", "--root"])
        .arg(&site.root)
        .args(["--today", crate::common::TODAY])
        .args(args)
        .current_dir(site.outer())
        .output()
        .expect("run chidao");
    Run {
        what: format!("chidao import {}", args.join(" ")),
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn has_line(text: &str, line: &str) {
    assert!(
        text.lines().any(|l| l == line),
        "no line\n{line}\nin\n{text}"
    );
}

/// A plan of the Department of Home Affairs, its one task led by a misspelt body.
const PLAN: &str = "SỞ NỘI VỤ\nSố: 15/KH-SNV\nLai Châu, ngày 05 tháng 01 năm 2024\n\nKẾ HOẠCH\nTriển khai công tác bồi dưỡng cán bộ năm 2024\n\n1. Giao Sở Tài chinh chủ trì rà soát kinh phí, hoàn thành trước ngày 30/6/2024.\n\nGIÁM ĐỐC\nNguyễn Văn An\n";

#[test]
fn the_terminal_lines_are_vietnamese_by_default() {
    let site = Site::new();
    let plan = site.outer().join("ke-hoach.txt");
    fs::write(&plan, PLAN).unwrap();
    let run = import_vi(&site, &["ke-hoach.txt"]);
    run.assert_success();
    let wrote = run
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("đã ghi "))
        .unwrap_or_else(|| panic!("no \"đã ghi\":\n{}", run.stderr));
    assert!(
        wrote.contains(": 15/KH-SNV (Kế hoạch), 1 nhiệm vụ; ")
            && wrote.ends_with(" chỗ đoán được đánh dấu \"# kiểm tra:\" cần kiểm tra lại"),
        "{wrote}"
    );
    // An unknown body, with the nearest one and an entry for bodies.yaml.
    has_line(
        &run.stderr,
        "cảnh báo: ke-hoach.txt: không có cơ quan \"Sở Tài chinh\" trong content/bodies.yaml; giữ nguyên như đã viết; có phải là `so-tai-chinh` (Sở Tài chính)? Một mục cho content/bodies.yaml:",
    );
    has_line(&run.stderr, "    name: Sở Tài chinh");
    // The same again: the document is in the site now.
    let path = wrote.split(": ").next().unwrap().to_string();
    let again = import_vi(&site, &["ke-hoach.txt"]);
    again.assert_failure();
    has_line(
        &again.stderr,
        &format!("lỗi: ke-hoach.txt: văn bản 15/KH-SNV đã có trong trang ({path}); không nhập văn bản này (chidao import không bao giờ ghi đè lên một văn bản)"),
    );
    // A file (not a document) where it would write: kept.
    let other = Site::new();
    fs::write(other.outer().join("ke-hoach.txt"), PLAN).unwrap();
    other.write(&path, "giữ nguyên\n");
    let kept = import_vi(&other, &["ke-hoach.txt"]);
    kept.assert_failure();
    has_line(
        &kept.stderr,
        &format!("lỗi: {path} đã có; chidao import không bao giờ ghi đè lên tệp có sẵn (chuyển tệp đó đi chỗ khác, hoặc tự sửa nó)"),
    );
    assert_eq!(other.read(&path), "giữ nguyên\n");
    // Files that cannot be read.
    fs::write(site.outer().join("trong.txt"), "").unwrap();
    fs::write(site.outer().join("gia.docx"), "không phải zip").unwrap();
    let bad = import_vi(&site, &["khong-co.txt", "trong.txt", "gia.docx"]);
    bad.assert_failure();
    assert!(
        bad.stderr
            .lines()
            .any(|l| l.starts_with("lỗi: khong-co.txt: không đọc được tệp: ")),
        "{}",
        bad.stderr
    );
    has_line(&bad.stderr, "lỗi: trong.txt: tệp trống");
    has_line(
        &bad.stderr,
        "lỗi: gia.docx: tệp không phải tài liệu Word (.docx): nó không phải tệp nén zip; tệp .doc phải được lưu lại thành .docx trước",
    );
}
