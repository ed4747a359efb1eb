//! Every word `chidao import` says, in one place so that they can move into a catalogue
//! together: the errors and notes for the terminal (English, like the other commands'
//! diagnostics) and the comments written into the file for the editor (Vietnamese, each
//! starting with [`CHECK`]).

use std::fmt;

/// What starts every comment that marks a guess in a written file.
pub(crate) const CHECK: &str = "kiểm tra:";

/// Why a file could not be read as a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadError {
    Empty,
    Binary,
    NotUtf8,
    NotZip,
    BadZip,
    NoDocumentXml,
    BadXml,
    NoText,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReadError::Empty => "the file is empty",
            ReadError::Binary => "the file is not text (it holds binary data); give a .docx file or the plain text of a PDF (UTF-8)",
            ReadError::NotUtf8 => "the file is not UTF-8 text; save it as UTF-8 (or give the .docx file)",
            ReadError::NotZip => "the file is not a Word document (.docx): it is not a zip archive; a .doc file must first be saved as .docx",
            ReadError::BadZip => "the Word document (.docx) is damaged: a part of its zip archive cannot be read",
            ReadError::NoDocumentXml => "the zip archive holds no word/document.xml: it is not a Word document (.docx)",
            ReadError::BadXml => "the Word document's word/document.xml is not well-formed XML",
            ReadError::NoText => "the file holds no text",
        })
    }
}

/// Comments for the editor, in the written file.
pub(crate) mod note {
    pub(crate) const TITLE_RECASED: &str =
        "trích yếu chép từ dòng chữ in hoa, đã đổi sang chữ thường";
    pub(crate) const TITLE_GUESSED: &str = "trích yếu đoán từ các dòng giữa số và \"Kính gửi\"";
    pub(crate) const TITLE_MISSING: &str = "không tìm thấy trích yếu: điền vào";
    pub(crate) const KIND_FROM_NUMBER: &str = "loại văn bản suy ra từ số ký hiệu";
    pub(crate) const KIND_GUESSED: &str = "không tìm thấy tên loại: đoán";
    pub(crate) const NO_NUMBER: &str = "văn bản không in số ký hiệu; id do chương trình đặt";
    pub(crate) const ISSUER_FROM_SIGNER: &str = "cơ quan ban hành suy ra từ dòng thẩm quyền ký";
    pub(crate) const ISSUER_FROM_HEADER: &str =
        "cơ quan ban hành theo dòng tên cơ quan ở đầu văn bản";
    pub(crate) const ISSUER_FROM_SOURCE: &str = "cơ quan ban hành theo dòng \"Nguồn\"";
    pub(crate) const UNKNOWN_BODY: &str = "không có trong bodies.yaml; thêm vào, hoặc sửa thành";
    pub(crate) const UNKNOWN_BODY_NO_NEAR: &str =
        "không có trong bodies.yaml; thêm vào bodies.yaml";
    pub(crate) const RECIPIENT_UNKNOWN: &str = "nơi nhận không có trong bodies.yaml";
    pub(crate) const COPY_OF: &str = "bản sao của văn bản đứng trước nó trong tệp";
    pub(crate) const IMPLEMENTS: &str = "văn bản này thực hiện (\"Thực hiện …\")";
    pub(crate) const REFERENCES: &str = "văn bản được dẫn chiếu";
    pub(crate) const MISSING_CITED: &str =
        "được dẫn chiếu nhưng trang chưa có (dùng --stubs để tạo)";
    pub(crate) const TASK: &str = "nhiệm vụ đoán từ văn bản; xem lại chủ trì, phối hợp, thời hạn";
    pub(crate) const DUE_FROM: &str = "thời hạn suy ra từ";
    pub(crate) const DUE_NOTE: &str = "điều kiện của thời hạn";
    pub(crate) const STUB: &str =
        "văn bản được dẫn chiếu, chưa có toàn văn; các trường đoán từ câu dẫn chiếu";
    pub(crate) const DATE_OF_NEWS: &str = "ngày đăng tin";
    pub(crate) const TASK_LEAD_UNKNOWN: &str = "chủ trì không có trong bodies.yaml";
}

/// What the command prints on the terminal.
pub(crate) mod say {
    use std::fmt::Display;
    use std::path::Path;

    pub(crate) fn no_content(root: &Path) -> String {
        format!(
            "{} has no content/ folder; run chidao import in the site's folder, or name it with --root",
            root.display()
        )
    }

    pub(crate) fn cannot_read(file: &dyn Display, e: &std::io::Error) -> String {
        format!("{file}: cannot read the file: {e}")
    }

    pub(crate) fn no_document(file: &dyn Display) -> String {
        format!("{file}: no document found in the file")
    }

    pub(crate) fn held_copy(file: &dyn Display, id: &str, existing: &Path) -> String {
        format!(
            "note: {file}: {id} is already in the site ({}); its copy in this file is not written, the copy stamps after it name it",
            existing.display()
        )
    }

    pub(crate) fn id_taken(file: &dyn Display, id: &str, existing: &Path) -> String {
        format!(
            "{file}: the document {id} is already in the site ({}); it was not imported (chidao import never overwrites a document)",
            existing.display()
        )
    }

    pub(crate) fn exists(path: &Path) -> String {
        format!(
            "{} already exists; chidao import never overwrites a file (move it away, or edit it by hand)",
            path.display()
        )
    }

    pub(crate) fn outside(path: &Path) -> String {
        format!(
            "{} is not a plain path below content/; nothing was written there",
            path.display()
        )
    }

    pub(crate) fn cannot_write(path: &Path, e: &std::io::Error) -> String {
        format!("writing {} failed: {e}", path.display())
    }

    pub(crate) fn would_write(path: &Path) -> String {
        format!("(--dry-run: {} not written)", path.display())
    }

    pub(crate) fn done(
        verb: &str,
        path: &Path,
        id: &str,
        kind: &str,
        tasks: usize,
        guesses: usize,
    ) -> String {
        format!(
            "{verb} {}: {id} ({kind}), {tasks} task(s); {guesses} guess(es) marked \"# {}\" to check",
            path.display(),
            super::CHECK
        )
    }

    pub(crate) fn unknown_body(file: &dyn Display, name: &str, near: Option<String>) -> String {
        let near = near.map(|n| format!(" {n}")).unwrap_or_default();
        format!(
            "warning: {file}: the body \"{name}\" is not in content/bodies.yaml; it is kept as written.{near} An entry for content/bodies.yaml:"
        )
    }

    pub(crate) fn missing(file: &dyn Display, id: &str, cited: &str) -> String {
        format!(
            "note: {file}: {id} cites {cited}, which the site lacks; add it, or import again with --stubs to write it as a document without text"
        )
    }

    pub(crate) fn stub(dry_run: bool, path: &Path, id: &str) -> String {
        let verb = if dry_run { "would write" } else { "wrote" };
        format!("{verb} {}: {id}, cited, front matter only", path.display())
    }

    pub(crate) fn site_errors(n: usize) -> String {
        format!(
            "note: the site currently has {n} error(s) elsewhere; run `chidao check` to see them"
        )
    }
}
