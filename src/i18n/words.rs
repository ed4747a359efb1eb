//! The words of statuses and deadlines: each status's label (the one word of a status
//! everywhere: task tables, counts, the diagram's chips, search results), the days overdue or
//! left, how a document is named in a sentence and how a task of a document without a number
//! is cited.

use crate::model::Language;
use crate::status::Status;

pub fn status_label(lang: Language, s: Status) -> &'static str {
    match (lang, s) {
        (Language::Vi, Status::DoneOnTime) => "Hoàn thành đúng hạn",
        (Language::Vi, Status::DoneLate) => "Hoàn thành quá hạn",
        (Language::Vi, Status::Overdue) => "Quá hạn",
        (Language::Vi, Status::DueSoon) => "Sắp đến hạn",
        (Language::Vi, Status::InProgress) => "Đang thực hiện",
        (Language::Vi, Status::Ongoing) => "Thường xuyên",
        (Language::Vi, Status::NoDeadline) => "Chưa có thời hạn",
        (Language::Vi, Status::Withdrawn) => "Đã rút",
        (Language::Vi, Status::NotIssued) => "Chưa ban hành",
        (Language::En, Status::DoneOnTime) => "Done on time",
        (Language::En, Status::DoneLate) => "Done late",
        (Language::En, Status::Overdue) => "Overdue",
        (Language::En, Status::DueSoon) => "Due soon",
        (Language::En, Status::InProgress) => "In progress",
        (Language::En, Status::Ongoing) => "Ongoing",
        (Language::En, Status::NoDeadline) => "No deadline",
        (Language::En, Status::Withdrawn) => "Withdrawn",
        (Language::En, Status::NotIssued) => "Not yet issued",
    }
}

/// How long a task is overdue: "quá hạn 12 ngày".
pub fn days_overdue(lang: Language, n: i64) -> String {
    days_patterns(lang).0.replace("{n}", &n.to_string())
}

/// How long until a task is due: "còn 5 ngày".
pub fn days_left(lang: Language, n: i64) -> String {
    days_patterns(lang).1.replace("{n}", &n.to_string())
}

/// The patterns of [`days_overdue`] and [`days_left`]; static/tasks.js fills the same ones.
pub(super) fn days_patterns(lang: Language) -> (&'static str, &'static str) {
    match lang {
        Language::Vi => ("quá hạn {n} ngày", "còn {n} ngày"),
        Language::En => ("{n} days overdue", "{n} days left"),
    }
}

/// A task of a document with no number, cited by its own id: "nhiệm vụ 1.1 của Kế hoạch
/// (không số)".
pub fn unnumbered_task(lang: Language, task: &str, doc: &str) -> String {
    match lang {
        Language::Vi => format!("nhiệm vụ {task} của {doc}"),
        Language::En => format!("task {task} of {doc}"),
    }
}

/// A document named in a sentence: its kind, "số" and its number ("Công văn số
/// 1002-CV/TU", "Official letter No. 1002-CV/TU"). Labels, lists and the diagram's boxes name
/// it without "số" (`layout::doc_name`).
pub fn doc_cited(lang: Language, kind: &str, number: &str) -> String {
    match lang {
        Language::Vi => format!("{kind} số {number}"),
        Language::En => format!("{kind} No. {number}"),
    }
}

/// The words of "my body" that static/tasks.js writes: the line on the page of the reader's
/// own body, the button that forgets it, and the link to choose another.
pub(super) fn my_body_patterns(lang: Language) -> (&'static str, &'static str, &'static str) {
    match lang {
        Language::Vi => ("Đây là cơ quan của tôi.", "Bỏ chọn", "Đổi cơ quan"),
        Language::En => ("This is my body.", "Forget it", "Change"),
    }
}
