//! The tasks as an Excel workbook (`nhiem-vu.xlsx` for the whole site, `co-quan/SLUG.xlsx` for
//! a party, beside its calendar), for staff who work in a spreadsheet: one sheet named in the
//! site's language, a row per task with the columns of [`i18n::workbook_words`], statuses in
//! words as of the graph's day, deadlines and done dates as Excel dates (dd/mm/yyyy), the
//! header bold and frozen, a filter on every column, A4 landscape when printed.
//!
//! Every text from content is written as a string cell (`write_string`, never `write`, which
//! would guess a type), so nothing becomes a formula; a text that starts as a formula would
//! (`=`, `+`, `-`, `@`) also gets Excel's quote prefix, so that editing the cell keeps it text.
//! Control characters are left out (XML cannot hold most of them) and a text longer than a
//! cell holds is cut. The file is the same for the same graph (its creation date is the
//! graph's day), so `serve` publishes it only when it changed.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::graph::Graph;
use crate::i18n::{self, WORKBOOK_COLUMNS};
use crate::layout::{doc_number, task_name, task_url};
use crate::model::TaskId;

/// The most characters a cell holds (Excel counts UTF-16 units).
const MAX_CELL: usize = 32_767;

/// The most rows a sheet holds, the header's included.
const MAX_ROWS: usize = 1_048_576;

/// How many rows are written between two looks at whether to give up.
const STOP_EVERY: usize = 256;

/// Each column's width, in characters, and whether its text wraps.
const WIDTHS: [(f64, bool); WORKBOOK_COLUMNS] = [
    (22.0, true),  // task
    (16.0, true),  // document
    (60.0, true),  // text
    (24.0, true),  // lead
    (28.0, true),  // support
    (12.0, false), // deadline (a date)
    (24.0, true),  // deadline notes
    (18.0, true),  // status
    (10.0, false), // days overdue
    (12.0, false), // done on (a date)
    (36.0, false), // link
];

/// The columns holding dates.
const DATE_COLUMNS: [usize; 2] = [5, 9];

/// The workbook of `tasks`, one row each in the order given, titled `title` (in its
/// properties and the printed pages' heading). `Ok(None)` when `stopped` said to give up
/// midway.
pub fn workbook(
    g: &Graph,
    title: &str,
    tasks: &[TaskId],
    stopped: &dyn Fn() -> bool,
) -> Result<Option<Vec<u8>>, XlsxError> {
    let lang = g.config().language;
    let words = i18n::workbook_words(lang);
    let mut book = Workbook::new();
    // Deflate's level 2: zlib-rs's level 1 codes with fixed Huffman tables only, and its
    // workbooks were a third larger for a little less time; level 6 took four times as long.
    book.set_zip_compression_level(2);
    let created = ExcelDateTime::from_ymd(
        g.today().year().clamp(1900, 9999) as u16,
        g.today().month() as u8,
        g.today().day() as u8,
    )?;
    book.set_properties(
        &DocProperties::new()
            .set_title(clean(title))
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(words.sheet)?;
    let formats = Formats::new();
    for (col, &(width, _)) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
        sheet.set_column_format(col as u16, &formats.column[col])?;
    }
    for (col, header) in words.columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &formats.header)?;
    }
    let shown = tasks.len().min(MAX_ROWS - 1);
    for (i, &t) in tasks[..shown].iter().enumerate() {
        if i % STOP_EVERY == 0 && stopped() {
            return Ok(None);
        }
        write_row(sheet, g, t, (i + 1) as u32, &formats)?;
    }
    let last_col = (WORKBOOK_COLUMNS - 1) as u16;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, shown as u32, last_col)?;
    sheet
        .set_landscape()
        .set_paper_size(9) // A4
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(0, 0)?;
    sheet.set_header(format!(
        "&L{}&R{} {}",
        header_text(title),
        header_text(i18n::labels(lang).status_as_of),
        i18n::short_date(lang, g.today())
    ));
    sheet.set_footer("&C&P / &N");
    book.save_to_buffer().map(Some)
}

/// The formats of the header and of each column (its alignment, wrapping and number format),
/// and each column's with Excel's quote prefix, for a text that would read as a formula.
struct Formats {
    header: Format,
    column: Vec<Format>,
    quoted: Vec<Format>,
}

impl Formats {
    fn new() -> Formats {
        let column: Vec<Format> = WIDTHS
            .iter()
            .enumerate()
            .map(|(col, &(_, wrap))| {
                let f = Format::new().set_align(FormatAlign::Top);
                let f = if wrap { f.set_text_wrap() } else { f };
                if DATE_COLUMNS.contains(&col) {
                    f.set_num_format("dd/mm/yyyy")
                } else {
                    f
                }
            })
            .collect();
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(0xE7E6E6)
                .set_border_bottom(FormatBorder::Thin),
            quoted: column
                .iter()
                .map(|f| f.clone().set_quote_prefix())
                .collect(),
            column,
        }
    }
}

/// Task `t`'s row.
fn write_row(
    sheet: &mut Worksheet,
    g: &Graph,
    t: TaskId,
    row: u32,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let task = &g.tasks()[t];
    let lang = g.config().language;
    let text = |sheet: &mut Worksheet, col: u16, s: &str| put_text(sheet, row, col, s, formats);
    text(sheet, 0, &task_name(g, t))?;
    text(sheet, 1, doc_number(g, task.document))?;
    text(sheet, 2, &task.text)?;
    text(sheet, 3, task.lead.map_or("", |p| g.registry().name(p)))?;
    let support: Vec<&str> = task.support.iter().map(|&p| g.registry().name(p)).collect();
    text(sheet, 4, &support.join("; "))?;
    if let Some(due) = task.due {
        put_date(sheet, row, 5, due)?;
    }
    text(sheet, 6, &super::deadline_notes(g, t))?;
    text(sheet, 7, i18n::status_label(lang, task.status))?;
    if let Some(days) = task.overdue_days {
        sheet.write_number(row, 8, days as f64)?;
    }
    if let Some(done) = g.done_date(t).filter(|&d| d <= g.today()) {
        put_date(sheet, row, 9, done)?;
    }
    text(sheet, 10, &task_url(g, t))?;
    Ok(())
}

/// A date as an Excel date (a number the column shows as dd/mm/yyyy); a day Excel has no
/// date for (before 1900) as its text.
fn put_date(sheet: &mut Worksheet, row: u32, col: u16, d: NaiveDate) -> Result<(), XlsxError> {
    let excel = u16::try_from(d.year())
        .ok()
        .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
    match excel {
        Some(date) => sheet.write_datetime(row, col, date).map(|_| ()),
        None => sheet
            .write_string(row, col, d.format("%d/%m/%Y").to_string())
            .map(|_| ()),
    }
}

/// A text as a string cell, cleaned ([`clean`]); one that a spreadsheet would read as a
/// formula with Excel's quote prefix as well. Nothing for an empty text.
fn put_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let s = clean(s);
    if s.starts_with(['=', '+', '-', '@']) {
        sheet.write_string_with_format(row, col, s, &formats.quoted[col as usize])?;
    } else {
        sheet.write_string(row, col, s)?;
    }
    Ok(())
}

/// A text as a cell may hold it: without control characters (line breaks kept) or the
/// non-characters XML cannot hold, cut to what a cell holds.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut units = 0;
    for c in s.chars() {
        if (c.is_control() && c != '\n') || matches!(c, '\u{FFFE}' | '\u{FFFF}') {
            continue;
        }
        units += c.len_utf16();
        if units > MAX_CELL {
            break;
        }
        out.push(c);
    }
    out
}

/// A text for the printed pages' heading, where `&` starts a code; cut short, as the heading
/// holds 255 characters in all.
fn header_text(s: &str) -> String {
    clean(s)
        .chars()
        .take(100)
        .collect::<String>()
        .replace('&', "&&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaned_texts_lose_control_characters_and_fit_a_cell() {
        assert_eq!(clean("a\tb\r\nc\u{0}\u{1b}d\u{FFFF}"), "ab\ncd");
        assert_eq!(clean("\t=1+2"), "=1+2");
        assert_eq!(clean("Sở Nội vụ"), "Sở Nội vụ");
        let long = "ệ".repeat(40_000);
        assert_eq!(clean(&long).chars().count(), MAX_CELL);
        // A character outside the BMP takes two units of a cell.
        let wide = "😀".repeat(20_000);
        assert_eq!(clean(&wide).chars().count(), MAX_CELL / 2);
    }

    #[test]
    fn the_printed_heading_keeps_an_ampersand_as_text() {
        assert_eq!(header_text("A & B"), "A && B");
        assert_eq!(header_text(&"x".repeat(300)).len(), 100);
    }
}
