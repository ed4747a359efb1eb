//! The file `chidao new` writes: the front matter in the contract's key order, each value a
//! YAML scalar that reads back as exactly what it is (plain when it can be, else
//! double-quoted), comments that guide the editor, and a check that the build reads the file
//! back as intended before anything is written.

use crate::messages::msg;
use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::{self, Diagnostic};
use crate::load::source;
pub(super) use crate::load::yaml::{comment, flow_item, scalar};

/// A task of the new document, copied from a parent's task.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NewTask {
    /// What the parent task says and who it names, for a comment above the task.
    pub(super) note: String,
    pub(super) text: String,
    pub(super) due: Option<String>,
    pub(super) due_note: Option<String>,
    /// The parent task's full name.
    pub(super) implements: String,
}

/// The front matter's values, as they will be written.
#[derive(Debug)]
pub(super) struct Front {
    pub(super) id: String,
    /// `number`, when given: the number shown, if not the id ("" for none).
    pub(super) number: Option<String>,
    pub(super) kind: String,
    pub(super) title: Option<String>,
    pub(super) issuer_id: String,
    pub(super) issuer_name: String,
    pub(super) date: NaiveDate,
    pub(super) implements: Vec<String>,
    pub(super) copy_of: Option<String>,
    pub(super) tasks: Vec<NewTask>,
    /// A task of a parent, to show the form of `implements` in the example of an empty list.
    pub(super) example_task: Option<String>,
}

/// The file: front matter in the contract's key order, then a placeholder for the text.
pub(super) fn render(f: &Front) -> String {
    let mut s = String::from("---\n");
    s.push_str(&format!("id: {}\n", scalar(&f.id)));
    if let Some(n) = &f.number {
        s.push_str(&format!("number: {}\n", scalar(n)));
    }
    s.push_str(&format!("kind: {}\n", scalar(&f.kind)));
    match &f.title {
        Some(t) => s.push_str(&format!("title: {}\n", scalar(t))),
        None => s.push_str(
            "title: \"\" # Trích yếu: điền tên (trích yếu) của văn bản; bắt buộc để trang được dựng\n",
        ),
    }
    s.push_str(&format!(
        "issuer: {} # {}\n",
        scalar(&f.issuer_id),
        comment(&f.issuer_name)
    ));
    s.push_str(&format!(
        "date: {}\n",
        scalar(&f.date.format("%Y-%m-%d").to_string())
    ));
    s.push_str("# place:         # nơi ban hành, ví dụ: Lai Châu\n");
    s.push_str("# signer:        # người ký\n");
    s.push_str("# signer_title:  # ví dụ: T/M Ban Thường vụ\n");
    if f.number.is_none() {
        s.push_str("# number: \"\"    # số ký hiệu hiển thị, khi khác id (số in lại ở khóa sau); \"\" khi văn bản không có số\n");
    }
    if !f.implements.is_empty() {
        let items: Vec<String> = f.implements.iter().map(|i| flow_item(i)).collect();
        s.push_str(&format!("implements: [{}]\n", items.join(", ")));
    }
    if let Some(c) = &f.copy_of {
        s.push_str(&format!("copy_of: {}\n", scalar(c)));
    }
    s.push_str(
        "# recipients: [] # nơi nhận: id, tên hoặc tên viết tắt trong content/bodies.yaml\n",
    );
    if f.tasks.is_empty() {
        if !f.implements.is_empty() {
            s.push_str(&format!(
                "# Văn bản cấp trên không giao nhiệm vụ nào cho {} (hay cơ quan cấp trên, nhóm của nó).\n",
                comment(&f.issuer_name)
            ));
        }
        s.push_str("# Thêm nhiệm vụ vào danh sách (thay `[]`), mỗi nhiệm vụ như sau:\n");
        s.push_str("#   - id: \"1\"\n");
        s.push_str("#     text: Nội dung nhiệm vụ\n");
        s.push_str(&format!("#     lead: {}\n", comment(&f.issuer_id)));
        s.push_str("#     due: 30/6/2025\n");
        push_task_keys(&mut s, "#     ");
        if let Some(example) = &f.example_task {
            s.push_str(&format!(
                "#     implements: \"{}\" # nhiệm vụ của văn bản cấp trên mà nhiệm vụ này thực hiện\n",
                comment(example)
            ));
        }
        s.push_str("tasks: []\n");
    } else {
        s.push_str("tasks:\n");
        for (i, t) in f.tasks.iter().enumerate() {
            s.push_str(&format!("  # {}\n", comment(&t.note)));
            s.push_str(&format!("  - id: {}\n", scalar(&(i + 1).to_string())));
            s.push_str(&format!("    text: {}\n", scalar(&t.text)));
            s.push_str(&format!("    lead: {}\n", scalar(&f.issuer_id)));
            if let Some(d) = &t.due {
                s.push_str(&format!("    due: {}\n", scalar(d)));
            }
            if let Some(n) = &t.due_note {
                s.push_str(&format!("    due_note: {}\n", scalar(n)));
            }
            s.push_str(&format!("    implements: {}\n", scalar(&t.implements)));
        }
        s.push_str("  # Mỗi nhiệm vụ còn có thể ghi:\n");
        push_task_keys(&mut s, "  #   ");
    }
    s.push_str("---\n");
    s.push_str("<!-- Dán toàn văn của văn bản (Markdown) vào đây, thay cho dòng này. Nếu không có toàn văn, để trống. -->\n");
    s
}

/// The keys a task may have besides its text, lead and deadline, as comments (`prefix`
/// starts each line): what the editor adds as the task goes on.
fn push_task_keys(s: &mut String, prefix: &str) {
    for line in [
        "extended:       # gia hạn, cũ trước mới sau: - {due: 31/12/2025, by: SỐ-VĂN-BẢN-GIA-HẠN}",
        "withdrawn: ID   # văn bản rút, dừng thực hiện nhiệm vụ",
        "progress:       # báo cáo tiến độ: - {date: 15/3/2025, text: Đã làm gì, document: ID}",
        "done: 30/6/2025 # ngày hoàn thành; hoặc done_by: ID của văn bản hoàn thành nhiệm vụ",
    ] {
        s.push_str(prefix);
        s.push_str(line);
        s.push('\n');
    }
}

/// Reads the rendered file back as the build will; anything it does not read as written is
/// a bug here, reported instead of writing a file the editor would then have to repair.
pub(super) fn read_back(path: &Path, text: &str, f: &Front) -> Result<(), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    // An empty title is left for the editor on purpose; read the rest with a stand-in.
    let text = match f.title {
        Some(_) => text.to_string(),
        None => text.replacen("\ntitle: \"\"", "\ntitle: x", 1),
    };
    let doc = source::parse_document(path, &text, &mut diags);
    let same = doc.is_some_and(|d| {
        d.id.value == f.id
            && d.number == f.number
            && *d.kind == *f.kind
            && f.title.as_ref().is_none_or(|t| *d.title == **t)
            && d.issuer.is_some_and(|i| i.value == f.issuer_id)
            && d.date.is_some_and(|x| x.value == f.date)
            && d.implements
                .iter()
                .map(|i| &i.value)
                .eq(f.implements.iter())
            && d.copy_of.map(|c| c.value) == f.copy_of
            && d.tasks.len() == f.tasks.len()
            && d.tasks.iter().zip(&f.tasks).all(|(a, b)| {
                *a.text == *b.text
                    && a.implements.as_ref().map(|i| &i.value) == Some(&b.implements)
                    && a.due.as_ref().map(|x| &x.value) == b.due.as_ref()
            })
    });
    if diagnostic::count_errors(&diags) == 0 && same {
        return Ok(());
    }
    diags.push(Diagnostic::error(path, msg::new_internal_read_back()));
    Err(diags)
}
