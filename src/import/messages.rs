//! Every word `chidao import` says, in one place: the errors and notes for the terminal
//! (messages of the catalogue, `crate::messages`, in the run's language: Vietnamese by
//! default) and the comments written into the file for the editor (always Vietnamese, the
//! language of the documents, each starting with [`CHECK`]).

use crate::messages::{msg, Msg};

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

impl ReadError {
    /// What is wrong with the file, for the editor.
    pub(crate) fn message(self) -> Msg {
        match self {
            ReadError::Empty => msg::import_empty(),
            ReadError::Binary => msg::import_binary(),
            ReadError::NotUtf8 => msg::import_not_utf8(),
            ReadError::NotZip => msg::import_not_zip(),
            ReadError::BadZip => msg::import_bad_zip(),
            ReadError::NoDocumentXml => msg::import_no_document_xml(),
            ReadError::BadXml => msg::import_bad_xml(),
            ReadError::NoText => msg::import_no_text(),
        }
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

/// What the command prints on the terminal, as messages of the catalogue (written in the
/// run's language when printed; `cmd::import` puts `lỗi:`/`error:`, `cảnh báo:` or `lưu ý:`
/// before them).
pub(crate) mod say {
    use std::fmt::Display;
    use std::path::Path;

    use crate::messages::{msg, Msg};

    pub(crate) fn no_content(root: &Path) -> Msg {
        msg::import_no_content(root.display().to_string())
    }

    pub(crate) fn cannot_read(file: &dyn Display, e: &std::io::Error) -> Msg {
        msg::import_cannot_read(file.to_string(), e.to_string())
    }

    pub(crate) fn unreadable(file: &dyn Display, e: super::ReadError) -> Msg {
        msg::import_unreadable(file.to_string(), e.message())
    }

    pub(crate) fn no_document(file: &dyn Display) -> Msg {
        msg::import_no_document(file.to_string())
    }

    pub(crate) fn held_copy(file: &dyn Display, id: &str, existing: &Path) -> Msg {
        msg::import_held_copy(file.to_string(), id, existing.display().to_string())
    }

    pub(crate) fn id_taken(file: &dyn Display, id: &str, existing: &Path) -> Msg {
        msg::import_id_taken(file.to_string(), id, existing.display().to_string())
    }

    pub(crate) fn exists(path: &Path) -> Msg {
        msg::import_exists(path.display().to_string())
    }

    pub(crate) fn outside(path: &Path) -> Msg {
        msg::import_outside(path.display().to_string())
    }

    pub(crate) fn cannot_write(path: &Path, e: &std::io::Error) -> Msg {
        msg::import_cannot_write(path.display().to_string(), e.to_string())
    }

    pub(crate) fn would_write(path: &Path) -> Msg {
        msg::import_dry_not_written(path.display().to_string())
    }

    pub(crate) fn done(
        dry_run: bool,
        path: &Path,
        id: &str,
        kind: &str,
        tasks: usize,
        guesses: usize,
    ) -> Msg {
        let (path, check) = (path.display().to_string(), super::CHECK);
        if dry_run {
            msg::import_would_write(path, id, kind, tasks, guesses, check)
        } else {
            msg::import_wrote(path, id, kind, tasks, guesses, check)
        }
    }

    /// `near`: the nearest names of the registry (`Names::suggest`), if any.
    pub(crate) fn unknown_body(file: &dyn Display, name: &str, near: Option<Msg>) -> Msg {
        match near {
            Some(near) => msg::import_unknown_body_near(file.to_string(), name, near),
            None => msg::import_unknown_body(file.to_string(), name),
        }
    }

    pub(crate) fn missing(file: &dyn Display, id: &str, cited: &str) -> Msg {
        msg::import_missing(file.to_string(), id, cited)
    }

    pub(crate) fn stub(dry_run: bool, path: &Path, id: &str) -> Msg {
        let path = path.display().to_string();
        if dry_run {
            msg::import_stub_would_write(path, id)
        } else {
            msg::import_stub_wrote(path, id)
        }
    }

    pub(crate) fn site_errors(n: usize) -> Msg {
        msg::site_has_errors(n)
    }
}
