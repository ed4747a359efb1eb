//! Reading a Word file (.docx): its `word/document.xml`, read from the zip archive, as lines
//! of text. Each paragraph is a line (a line break inside it starts another); a table is
//! read row by row, cell by cell, each cell's paragraphs in turn (the header of a document
//! is usually a table of two columns: issuer and number left, motto and date right). A run
//! in a legacy font (TCVN3, VNI; also the default font of `word/styles.xml`) is mapped to
//! Unicode by its font; a run styled as capitals is upper-cased, as Word prints it.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use super::legacy::{self, Legacy};
use super::messages::ReadError;
use super::numbering::Numbering;

/// The most bytes a part of the archive may hold once inflated (a zip bomb stops there).
const MAX_PART: u64 = 64 << 20;

/// The lines of the Word file `bytes`.
pub(crate) fn lines(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ReadError::NotZip)?;
    let document = part(&mut zip, "word/document.xml")?.ok_or(ReadError::NoDocumentXml)?;
    let default_font = part(&mut zip, "word/styles.xml")
        .ok()
        .flatten()
        .and_then(|s| default_font(&s));
    let mut numbering = part(&mut zip, "word/numbering.xml")
        .ok()
        .flatten()
        .map(|x| Numbering::parse(&x))
        .unwrap_or_default();
    read_document(&document, default_font.as_deref(), &mut numbering)
}

/// The text of one part of the archive; `None` when it has no such part.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ReadError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(ReadError::BadZip),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART)
        .read_to_end(&mut bytes)
        .map_err(|_| ReadError::BadZip)?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| ReadError::BadXml)
}

/// The font of `w:docDefaults` or of the default paragraph style, if either names one.
fn default_font(styles: &str) -> Option<String> {
    let mut r = Reader::from_str(styles);
    let mut in_default = false;
    loop {
        match r.read_event().ok()? {
            Event::Start(e) if is(&e, b"docDefaults") => in_default = true,
            Event::Start(e) if is(&e, b"style") => {
                in_default = attr(&e, b"default").as_deref() == Some("1")
                    && attr(&e, b"type").as_deref() == Some("paragraph");
            }
            Event::End(e) if matches!(e.local_name().as_ref(), b"docDefaults" | b"style") => {
                in_default = false;
            }
            Event::Empty(e) | Event::Start(e) if in_default && is(&e, b"rFonts") => {
                if let Some(f) = font_of(&e) {
                    return Some(f);
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

fn is(e: &BytesStart, name: &[u8]) -> bool {
    e.local_name().as_ref() == name
}

/// The value of the attribute with this local name (`w:ascii` → `ascii`), as written (the
/// values read here, font names and switches, hold no entities).
/// Attribute `name` of `e` (for `numbering.rs`).
pub(super) fn attr_of(e: &BytesStart, name: &[u8]) -> Option<String> {
    attr(e, name)
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// The font a `w:rFonts` names: a legacy one among its `hAnsi` and `ascii` first.
fn font_of(e: &BytesStart) -> Option<String> {
    let fonts: Vec<String> = [&b"hAnsi"[..], b"ascii", b"cs"]
        .iter()
        .filter_map(|n| attr(e, n))
        .collect();
    fonts
        .iter()
        .find(|f| legacy::of_font(f).is_some())
        .or(fonts.first())
        .cloned()
}

/// What is being read: the lines so far, the current line, and the current run's style.
#[derive(Default)]
struct State {
    lines: Vec<String>,
    line: String,
    run: String,
    font: Option<String>,
    caps: bool,
    in_text: bool,
    in_run_props: bool,
    /// The paragraph's list and level (`w:numPr`), if it is in one.
    list: Option<(String, u8)>,
}

impl State {
    fn end_run(&mut self, default_font: Option<&str>) {
        let font = self.font.as_deref().or(default_font);
        let mut text = match font.and_then(legacy::of_font) {
            Some(l) => legacy::decode(&self.run, l),
            None => std::mem::take(&mut self.run),
        };
        if self.caps
            && !matches!(
                font.and_then(legacy::of_font),
                Some(Legacy::Tcvn3 { caps: true })
            )
        {
            text = text.to_uppercase();
        }
        self.line.push_str(&text);
        self.run.clear();
        self.font = None;
        self.caps = false;
    }

    fn end_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
    }
}

fn read_document(
    xml: &str,
    default_font: Option<&str>,
    numbering: &mut Numbering,
) -> Result<Vec<String>, ReadError> {
    let mut r = Reader::from_str(xml);
    let mut s = State::default();
    loop {
        let event = r.read_event().map_err(|_| ReadError::BadXml)?;
        match event {
            Event::Start(e) => start(&mut s, &e),
            Event::Empty(e) => empty(&mut s, &e),
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => s.in_text = false,
                b"rPr" => s.in_run_props = false,
                b"r" => s.end_run(default_font),
                b"p" => {
                    s.end_run(default_font);
                    // A paragraph of a numbered list: its number as Word prints it.
                    if let Some((list, level)) = s.list.take() {
                        if let Some(label) = numbering.next(&list, level) {
                            s.line.insert_str(0, &format!("{label} "));
                        }
                    }
                    s.end_line();
                }
                _ => {}
            },
            Event::Text(t) if s.in_text => {
                s.run.push_str(&t.decode().map_err(|_| ReadError::BadXml)?);
            }
            Event::CData(t) if s.in_text => {
                s.run.push_str(&t.decode().map_err(|_| ReadError::BadXml)?);
            }
            Event::GeneralRef(g) if s.in_text => s.run.push_str(&entity(&g)?),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(s.lines)
}

fn start(s: &mut State, e: &BytesStart) {
    match e.local_name().as_ref() {
        b"t" => s.in_text = true,
        b"rPr" => s.in_run_props = true,
        b"rFonts" if s.in_run_props => s.font = font_of(e),
        _ => {}
    }
}

fn empty(s: &mut State, e: &BytesStart) {
    match e.local_name().as_ref() {
        b"rFonts" if s.in_run_props => s.font = font_of(e),
        b"numId" if !s.in_run_props => {
            let level = s.list.take().map_or(0, |(_, l)| l);
            s.list = attr(e, b"val").map(|id| (id, level));
        }
        b"ilvl" if !s.in_run_props => {
            let level = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
            s.list = Some(match s.list.take() {
                Some((id, _)) => (id, level),
                None => (String::new(), level),
            });
        }
        b"caps" if s.in_run_props => {
            s.caps = !matches!(attr(e, b"val").as_deref(), Some("0" | "false"));
        }
        b"tab" if !s.in_run_props => s.run.push('\t'),
        b"br" | b"cr" if !s.in_run_props => {
            let run = std::mem::take(&mut s.run);
            s.line.push_str(&run);
            s.end_line();
        }
        _ => {}
    }
}

/// The text of an entity or character reference.
fn entity(g: &BytesRef) -> Result<String, ReadError> {
    if let Ok(Some(c)) = g.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let name = g.decode().map_err(|_| ReadError::BadXml)?;
    Ok(match name.as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn numbered_paragraphs_get_their_numbers_as_word_prints_them() {
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
            </w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let point = |level: u8, text: &str| {
            format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"5\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
            )
        };
        let xml = doc(&[
            point(0, "Quán triệt Kết luận."),
            point(0, "Tổ chức thực hiện:"),
            point(1, "Ban Tổ chức Tỉnh ủy theo dõi."),
            "<w:p><w:r><w:t>Nơi nhận:</w:t></w:r></w:p>".to_string(),
        ]
        .concat());
        let lines = read_document(&xml, None, &mut Numbering::parse(numbering)).unwrap();
        assert_eq!(
            lines,
            [
                "1. Quán triệt Kết luận.",
                "2. Tổ chức thực hiện:",
                "2.1. Ban Tổ chức Tỉnh ủy theo dõi.",
                "Nơi nhận:"
            ]
        );
        // Without numbering.xml the paragraphs are read as they are.
        let plain = read_document(&xml, None, &mut Numbering::default()).unwrap();
        assert_eq!(plain[0], "Quán triệt Kết luận.");
    }

    #[test]
    fn paragraphs_runs_and_table_cells() {
        let xml = doc(concat!(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>TỈNH ỦY LAI CHÂU</w:t></w:r></w:p><w:p><w:r><w:t>Số 1-CV/TU</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>ĐẢNG CỘNG SẢN VIỆT NAM</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
            "<w:p><w:r><w:t xml:space=\"preserve\">Kính </w:t></w:r><w:r><w:t>gửi &amp; ok</w:t></w:r></w:p>",
        ));
        let lines = read_document(&xml, None, &mut Numbering::default()).unwrap();
        assert_eq!(
            lines,
            [
                "TỈNH ỦY LAI CHÂU",
                "Số 1-CV/TU",
                "ĐẢNG CỘNG SẢN VIỆT NAM",
                "Kính gửi & ok"
            ]
        );
    }

    #[test]
    fn legacy_runs_by_font() {
        let xml = doc(concat!(
            "<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr><w:t>ViÖt Nam</w:t></w:r>",
            "<w:r><w:t> và </w:t></w:r>",
            "<w:r><w:rPr><w:rFonts w:ascii=\"VNI-Times\"/></w:rPr><w:t>Tænh uûy</w:t></w:r></w:p>",
            "<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTimeH\"/></w:rPr><w:t>kÕt luËn</w:t></w:r></w:p>",
        ));
        let lines = read_document(&xml, None, &mut Numbering::default()).unwrap();
        assert_eq!(lines, ["Việt Nam và Tỉnh ủy", "KẾT LUẬN"]);
        let plain = doc("<w:p><w:r><w:t>ViÖt Nam</w:t></w:r></w:p>");
        assert_eq!(
            read_document(&plain, Some(".VnTime"), &mut Numbering::default()).unwrap(),
            ["Việt Nam"]
        );
    }

    #[test]
    fn default_font_of_styles() {
        let styles = r#"<w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#;
        assert_eq!(default_font(styles).as_deref(), Some(".VnTime"));
    }

    #[test]
    fn not_a_zip_and_no_document() {
        assert_eq!(lines(b"PK\x03\x04 broken").unwrap_err(), ReadError::NotZip);
        assert_eq!(lines(b"hello").unwrap_err(), ReadError::NotZip);
        let mut buf = Vec::new();
        {
            let mut w = zip::ZipWriter::new(Cursor::new(&mut buf));
            w.start_file("other.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, b"x").unwrap();
            w.finish().unwrap();
        }
        assert_eq!(lines(&buf).unwrap_err(), ReadError::NoDocumentXml);
    }
}
