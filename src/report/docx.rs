//! The periodic report as a Word document (`chidao report`): the bytes of a .docx laid out
//! from a [`Report`] as an administrative report (NĐ 30/2020/NĐ-CP): A4, Times New Roman,
//! the header as a two-column table (issuer and number left, national motto and place and
//! date right), the title "BÁO CÁO", the figures and lists as real Word tables, an appendix
//! table per party, the page number centred at the top from the second page on (as NĐ 30
//! places it: not on the first page). Built with `docx-rs`; no file is written
//! here (the command does that).

use std::io::Cursor;

use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, Docx, Header, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts, Table,
    TableCell, TableCellMargins, TableRow, VAlignType, WidthType,
};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::graph::Graph;
use crate::i18n::{long_date, short_date};
use crate::model::{Language, Party};
use crate::report::{total, Report, Row};
use crate::stats::Counts;
use crate::status::Status;

/// A4 in twentieths of a point (portrait).
const A4: (u32, u32) = (11906, 16838);
/// Margins of NĐ 30: top and bottom 20 mm, left 30 mm, right 15 mm (in twips).
const MARGINS: (i32, i32, i32, i32) = (1134, 1134, 1701, 851);
/// The width between the margins, in twips.
const TEXT_WIDTH: usize = 11906 - 1701 - 851;
const FONT: &str = "Times New Roman";
/// Sizes in half-points: the text 14 pt, tables 12 pt, the appendix 10 pt.
const BODY: usize = 28;
const CELL: usize = 24;
const SMALL: usize = 20;
const C: AlignmentType = AlignmentType::Center;
const L: AlignmentType = AlignmentType::Left;

/// The .docx of `report`, made on the graph's day (the date under the motto).
pub(crate) fn write(g: &Graph, report: &Report) -> Vec<u8> {
    let doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(margins())
        .default_fonts(fonts())
        .default_size(BODY)
        .header(Header::new().add_paragraph(page_number()))
        .first_header(Header::new());
    let doc = blocks(g, report).into_iter().fold(doc, |doc, b| match b {
        Block::P(p) => doc.add_paragraph(*p),
        Block::T(t) => doc.add_table(*t),
    });
    let mut out = Cursor::new(Vec::new());
    doc.pack(&mut out).expect("a .docx is written to memory");
    deflated(out.into_inner()).expect("a .docx is recompressed in memory")
}

/// The zip `stored` again with every file deflated: docx-rs stores them uncompressed, ten
/// times the size (14 MB for the year of 12,000 tasks).
fn deflated(stored: Vec<u8>) -> zip::result::ZipResult<Vec<u8>> {
    let mut from = ZipArchive::new(Cursor::new(stored))?;
    let mut to = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for i in 0..from.len() {
        let mut file = from.by_index(i)?;
        let name = file.name()?.to_string();
        if file.is_dir() {
            to.add_directory(name, options)?;
        } else {
            to.start_file(name, options)?;
            std::io::copy(&mut file, &mut to)?;
        }
    }
    Ok(to.finish()?.into_inner())
}

/// A paragraph or a table, in the order of the document.
enum Block {
    /// Boxed, both: a paragraph is four times the size of a table, which is 600 bytes.
    P(Box<Paragraph>),
    T(Box<Table>),
}

impl Block {
    fn p(p: Paragraph) -> Block {
        Block::P(Box::new(p))
    }

    fn t(t: Table) -> Block {
        Block::T(Box::new(t))
    }
}

fn blocks(g: &Graph, r: &Report) -> Vec<Block> {
    let mut out = vec![Block::t(header(g, r))];
    out.extend(title(g, r).into_iter().map(Block::p));
    out.extend(general(r));
    out.extend(falling_due(g, r));
    out.extend(done_in_period(g, r));
    out.extend(overdue(g, r));
    out.push(Block::p(text("")));
    out.push(Block::t(signature()));
    out.extend(appendix(g, r));
    out
}

fn margins() -> PageMargin {
    let (top, bottom, left, right) = MARGINS;
    PageMargin::new()
        .top(top)
        .bottom(bottom)
        .left(left)
        .right(right)
        .header(567)
        .footer(567)
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// A run of `text` in the report's font and `size`.
fn run(text: impl Into<String>, size: usize) -> Run {
    Run::new()
        .add_text(xml_safe(&text.into()))
        .fonts(fonts())
        .size(size)
}

/// `text` without the characters XML 1.0 forbids (control characters, U+FFFE, U+FFFF: a
/// task's text may hold one, and Word refuses the whole file for it), line breaks and tabs
/// as spaces. docx-rs escapes the rest.
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => None,
            c => Some(c),
        })
        .collect()
}

/// A paragraph of one run, with a little space after.
fn para(run: Run, align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .add_run(run)
        .align(align)
        .line_spacing(LineSpacing::new().before(0).after(60))
}

fn text(s: impl Into<String>) -> Paragraph {
    para(run(s, BODY), AlignmentType::Both)
}

fn centered(r: Run) -> Paragraph {
    para(r, AlignmentType::Center)
}

/// A heading of a part: bold, with space before.
fn heading(s: impl Into<String>) -> Paragraph {
    para(run(s, BODY).bold(), AlignmentType::Both)
        .line_spacing(LineSpacing::new().before(160).after(60))
}

fn page_number() -> Paragraph {
    Paragraph::new()
        .add_page_num(PageNum::new())
        .align(AlignmentType::Center)
        .fonts(fonts())
        .size(CELL)
}

// The header: issuer and number left, motto and place and date right.

fn header(g: &Graph, r: &Report) -> Table {
    let left = cell(issuer_lines(g, r.party), 3600);
    let right = cell(motto_lines(g.today()), TEXT_WIDTH - 3600);
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![3600, TEXT_WIDTH - 3600])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

fn cell(paras: Vec<Paragraph>, width: usize) -> TableCell {
    paras
        .into_iter()
        .fold(TableCell::new().width(width, WidthType::Dxa), |c, p| {
            c.add_paragraph(p)
        })
}

/// The superior body (not bold) and the issuer (bold capitals), a short rule, the number.
/// The whole site's report names no issuer: the placeholder of NĐ 30's forms is left for
/// the office to fill in, as the number is.
fn issuer_lines(g: &Graph, party: Option<Party>) -> Vec<Paragraph> {
    let (above, issuer) = match party {
        Some(p) => (superior(g, p), g.registry().name(p).to_uppercase()),
        None => (None, "TÊN CƠ QUAN, TỔ CHỨC".to_string()),
    };
    let mut out: Vec<Paragraph> = above
        .map(|a| centered(run(a.to_uppercase(), CELL)))
        .into_iter()
        .collect();
    out.push(centered(run(issuer, CELL).bold()));
    out.push(centered(run("──────", CELL)));
    out.push(centered(run("Số: ……/BC-……", 26)));
    out
}

fn superior(g: &Graph, p: Party) -> Option<&str> {
    match p {
        Party::Body(b) => g.registry().bodies[b]
            .parent
            .map(|up| g.registry().bodies[up].name.as_str()),
        Party::Group(_) => None,
    }
}

fn motto_lines(day: NaiveDate) -> Vec<Paragraph> {
    vec![
        centered(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", CELL).bold()),
        centered(
            run("Độc lập - Tự do - Hạnh phúc", 26)
                .bold()
                .underline("single"),
        ),
        centered(run("", CELL)),
        centered(run(format!("……, {}", long_date(Language::Vi, day)), 26).italic()),
    ]
}

// The title and the parts of the report.

/// "Tình hình thực hiện nhiệm vụ [của PARTY] quý IV năm 2024".
pub(crate) fn subject(g: &Graph, r: &Report) -> String {
    let of = r
        .party
        .map(|p| format!(" của {}", g.registry().name(p)))
        .unwrap_or_default();
    format!("Tình hình thực hiện nhiệm vụ{of} {}", r.period.name_vi())
}

fn title(g: &Graph, r: &Report) -> Vec<Paragraph> {
    let as_of = long_date(Language::Vi, r.as_of);
    vec![
        centered(run("BÁO CÁO", 30).bold()).line_spacing(LineSpacing::new().before(360).after(0)),
        centered(run(subject(g, r), BODY).bold()),
        centered(
            run(
                format!("(Số liệu tính đến {as_of}; nguồn: {})", g.config().title),
                CELL,
            )
            .italic(),
        )
        .line_spacing(LineSpacing::new().before(0).after(240)),
    ]
}

/// Part I: the counts as of the report's day.
fn general(r: &Report) -> Vec<Block> {
    let c = &r.counts;
    let lead = format!(
        "Tính đến {}, tổng số nhiệm vụ được theo dõi là {}; tỷ lệ hoàn thành đúng hạn {}.",
        long_date(Language::Vi, r.as_of),
        number(total(c)),
        rate(c.on_time_rate())
    );
    let rows: Vec<Vec<String>> = count_lines(c)
        .into_iter()
        .map(|(label, n)| vec![label.to_string(), n])
        .collect();
    vec![
        Block::p(heading("I. TÌNH HÌNH CHUNG")),
        Block::p(text(lead)),
        Block::t(grid(
            &["Chỉ tiêu", "Số lượng"],
            &[(6400, L), (2954, C)],
            &rows,
            CELL,
        )),
    ]
}

/// The report's figures, labelled as offices count them.
fn count_lines(c: &Counts) -> Vec<(&'static str, String)> {
    vec![
        ("Tổng số nhiệm vụ", number(total(c))),
        ("Đã hoàn thành đúng hạn", number(c.done_on_time)),
        ("Đã hoàn thành quá hạn", number(c.done_late)),
        ("Chưa hoàn thành, đã quá hạn", number(c.overdue)),
        ("Chưa hoàn thành, trong hạn", number(c.not_due)),
        ("Thường xuyên", number(c.ongoing)),
        ("Chưa có thời hạn", number(c.no_deadline)),
        ("Đã rút, dừng thực hiện", number(c.withdrawn)),
        ("Tỷ lệ hoàn thành đúng hạn", rate(c.on_time_rate())),
    ]
}

/// Part II: the tasks whose deadline in force fell in the period.
fn falling_due(g: &Graph, r: &Report) -> Vec<Block> {
    let f = &r.falling_due;
    let n = f.done_on_time.len() + f.done_late.len() + f.not_done.len();
    let lead = format!(
        "Có {} nhiệm vụ có thời hạn trong {}: {} hoàn thành đúng hạn, {} hoàn thành quá hạn, {} chưa hoàn thành.",
        number(n),
        r.period.name_vi(),
        number(f.done_on_time.len()),
        number(f.done_late.len()),
        number(f.not_done.len())
    );
    let mut out = vec![
        Block::p(heading(format!(
            "II. NHIỆM VỤ ĐẾN HẠN TRONG {}",
            r.period.name_vi().to_uppercase()
        ))),
        Block::p(text(lead)),
    ];
    let parts = [
        ("1. Hoàn thành đúng hạn", &f.done_on_time),
        ("2. Hoàn thành quá hạn", &f.done_late),
        ("3. Chưa hoàn thành", &f.not_done),
    ];
    for (label, rows) in parts {
        out.push(Block::p(para(
            run(label, BODY).bold().italic(),
            AlignmentType::Both,
        )));
        out.extend(task_table(g, rows, Column::Done));
    }
    out
}

/// Part III: the tasks done in the period.
fn done_in_period(g: &Graph, r: &Report) -> Vec<Block> {
    let mut out = vec![
        Block::p(heading(format!(
            "III. NHIỆM VỤ HOÀN THÀNH TRONG {}",
            r.period.name_vi().to_uppercase()
        ))),
        Block::p(text(format!(
            "Trong {} đã hoàn thành {} nhiệm vụ.",
            r.period.name_vi(),
            number(r.done_in_period.len())
        ))),
    ];
    out.extend(task_table(g, &r.done_in_period, Column::Done));
    out
}

/// Part IV: every task overdue on the report's day.
fn overdue(g: &Graph, r: &Report) -> Vec<Block> {
    let mut out = vec![
        Block::p(heading(format!(
            "IV. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH (TÍNH ĐẾN NGÀY {})",
            short_date(Language::Vi, r.as_of)
        ))),
        Block::p(text(format!(
            "Có {} nhiệm vụ quá hạn chưa hoàn thành.",
            number(r.overdue.len())
        ))),
    ];
    out.extend(task_table(g, &r.overdue, Column::DaysOverdue));
    out
}

/// The last column of a list of tasks.
#[derive(Clone, Copy)]
enum Column {
    /// The done date, or the status when not done.
    Done,
    DaysOverdue,
}

fn task_table(g: &Graph, rows: &[Row], last: Column) -> Option<Block> {
    if rows.is_empty() {
        return Some(Block::p(text("Không có.")));
    }
    let head = match last {
        Column::Done => "Kết quả",
        Column::DaysOverdue => "Số ngày quá hạn",
    };
    let lines: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| task_line(g, i, row, last))
        .collect();
    let widths = [(700, C), (3904, L), (1900, L), (1400, C), (1450, C)];
    Some(Block::t(grid(
        &["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn", head],
        &widths,
        &lines,
        CELL,
    )))
}

fn task_line(g: &Graph, i: usize, row: &Row, last: Column) -> Vec<String> {
    let task = &g.tasks()[row.task];
    let lead = row.lead.map_or("", |p| g.registry().name(p));
    let due = row
        .due
        .map_or_else(String::new, |d| short_date(Language::Vi, d));
    vec![
        number(i + 1),
        format!("{} ({})", task.text, task.reference),
        lead.to_string(),
        due,
        match last {
            Column::Done => outcome(row),
            Column::DaysOverdue => number(row.overdue_days.unwrap_or(0).max(0) as usize),
        },
    ]
}

/// "Đúng hạn, 20/12/2024", "Quá hạn, 5/1/2025", or what stands when it is not done.
fn outcome(row: &Row) -> String {
    let when = row.done.map_or_else(String::new, |d| {
        format!(", {}", short_date(Language::Vi, d))
    });
    match row.status {
        Status::DoneOnTime => format!("Đúng hạn{when}"),
        Status::DoneLate => format!("Quá hạn{when}"),
        Status::Overdue => "Chưa hoàn thành, quá hạn".to_string(),
        _ => "Chưa hoàn thành".to_string(),
    }
}

/// The appendix: a line per party with its counts as of the report's day.
fn appendix(g: &Graph, r: &Report) -> Vec<Block> {
    let head = [
        "STT",
        "Cơ quan, đơn vị",
        "Tổng số",
        "HT đúng hạn",
        "HT quá hạn",
        "Quá hạn",
        "Trong hạn",
        "Thường xuyên",
        "Chưa có hạn",
        "Đã rút",
        "Tỷ lệ đúng hạn",
        "Đến hạn trong kỳ",
        "HT trong kỳ",
    ];
    let mut widths = vec![(400, C), (1800, L)];
    widths.extend([600, 600, 600, 600, 600, 700, 650, 550, 850, 700, 700].map(|w| (w, C)));
    let lines: Vec<Vec<String>> = r
        .appendix
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut line = vec![number(i + 1), g.registry().name(p.party).to_string()];
            line.extend(party_figures(&p.counts));
            line.push(number(total(&p.falling_due)));
            line.push(number(
                p.done_in_period.done_on_time + p.done_in_period.done_late,
            ));
            line
        })
        .collect();
    let mut out = vec![
        Block::p(
            heading("PHỤ LỤC")
                .align(AlignmentType::Center)
                .page_break_before(true),
        ),
        Block::p(centered(
            run(
                format!(
                    "Số liệu theo cơ quan, đơn vị chủ trì, tính đến {}",
                    long_date(Language::Vi, r.as_of)
                ),
                BODY,
            )
            .italic(),
        )),
    ];
    out.push(if lines.is_empty() {
        Block::p(text("Không có cơ quan, đơn vị nào được giao nhiệm vụ."))
    } else {
        Block::t(grid(&head, &widths, &lines, SMALL))
    });
    out
}

/// A party's counts in the appendix's order, then its on-time rate.
fn party_figures(c: &Counts) -> Vec<String> {
    vec![
        number(total(c)),
        number(c.done_on_time),
        number(c.done_late),
        number(c.overdue),
        number(c.not_due),
        number(c.ongoing),
        number(c.no_deadline),
        number(c.withdrawn),
        rate(c.on_time_rate()),
    ]
}

/// The foot: recipients left, the signer right, both for the office to fill in.
fn signature() -> Table {
    let left = vec![
        para(run("Nơi nhận:", CELL).bold().italic(), AlignmentType::Left),
        para(run("- Như trên;", 22), AlignmentType::Left),
        para(run("- Lưu: VT.", 22), AlignmentType::Left),
    ];
    let right = vec![
        centered(run("NGƯỜI ĐỨNG ĐẦU CƠ QUAN", 26).bold()),
        centered(run("(Ký, ghi rõ họ tên, đóng dấu)", CELL).italic()),
    ];
    let half = TEXT_WIDTH / 2;
    Table::without_borders(vec![TableRow::new(vec![
        cell(left, half),
        cell(right, half),
    ])])
    .set_grid(vec![half, half])
    .width(TEXT_WIDTH, WidthType::Dxa)
}

/// A bordered table: a bold header row centred, then `rows`, each column of its width and
/// alignment.
fn grid(
    head: &[&str],
    columns: &[(usize, AlignmentType)],
    rows: &[Vec<String>],
    size: usize,
) -> Table {
    let head_row = TableRow::new(
        head.iter()
            .zip(columns)
            .map(|(h, &(w, _))| grid_cell(run(*h, size).bold(), w, C))
            .collect(),
    );
    let body = rows.iter().map(|line| {
        TableRow::new(
            line.iter()
                .zip(columns)
                .map(|(s, &(w, align))| grid_cell(run(s.as_str(), size), w, align))
                .collect(),
        )
        .cant_split()
    });
    Table::new(std::iter::once(head_row).chain(body).collect())
        .set_grid(columns.iter().map(|c| c.0).collect())
        .width(columns.iter().map(|c| c.0).sum(), WidthType::Dxa)
        .margins(TableCellMargins::new().margin(20, 60, 20, 60))
}

fn grid_cell(r: Run, width: usize, align: AlignmentType) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
        .add_paragraph(Paragraph::new().add_run(r).align(align))
}

/// A whole number in the Vietnamese form: thousands apart by dots (`1.234`).
pub(crate) fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// A rate in the Vietnamese form, one decimal after a comma (`85,7%`); a dash without one.
pub(crate) fn rate(r: Option<f64>) -> String {
    r.map_or_else(|| "–".to_string(), |r| format!("{r:.1}%").replace('.', ","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_rates_are_written_the_vietnamese_way() {
        assert_eq!(number(7), "7");
        assert_eq!(number(1234), "1.234");
        assert_eq!(number(1234567), "1.234.567");
        assert_eq!(rate(Some(85.7)), "85,7%");
        assert_eq!(rate(Some(100.0)), "100,0%");
        assert_eq!(rate(None), "–");
    }

    #[test]
    fn text_is_kept_to_what_xml_allows() {
        assert_eq!(xml_safe("a\u{1}b\nc\td\u{fffe}"), "ab c d");
        assert_eq!(xml_safe("Sở Nội vụ <&>"), "Sở Nội vụ <&>");
    }
}
