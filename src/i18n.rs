//! Every interface word of the generated site, in one place per language, and the date forms
//! ("ngày 18 tháng 7 năm 2022" / "18 July 2022"); the words of statuses and deadlines are in
//! `i18n/words.rs`.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::lang::EN_MONTHS;
pub use crate::lang::{long_date, number};
use crate::model::Language;
#[cfg(test)]
use crate::status::Status;
pub use words::{days_left, days_overdue, doc_cited, status_label, unnumbered_task};

mod words;

/// Interface labels, passed to every template as `t`.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub lang: &'static str,
    pub home: &'static str,
    pub documents: &'static str,
    pub bodies: &'static str,
    pub tasks: &'static str,
    pub chain: &'static str,
    pub status_as_of: &'static str,
    pub task_counts: &'static str,
    pub overdue_and_soon: &'static str,
    pub nothing_overdue: &'static str,
    pub number: &'static str,
    /// In place of the number of a document that has none.
    pub no_number: &'static str,
    pub kind: &'static str,
    pub issuer: &'static str,
    pub date: &'static str,
    pub place: &'static str,
    pub signer: &'static str,
    pub recipients: &'static str,
    /// "Số:" before the number in the printed heading.
    pub number_printed: &'static str,
    pub source: &'static str,
    pub properties: &'static str,
    pub relations: &'static str,
    pub implements: &'static str,
    pub implemented_by: &'static str,
    pub copy_of: &'static str,
    pub copies: &'static str,
    pub follows: &'static str,
    pub followed_by: &'static str,
    pub references: &'static str,
    pub referenced_by: &'static str,
    pub copy_chain: &'static str,
    pub original: &'static str,
    /// A copy compared with its original (`copies`): the heading before the original's
    /// number, the words after the counts of changes and of tone-mark spellings, what marks a
    /// spelling-only difference, the hidden words before the original's words and the
    /// copy's, the differences not listed, the note on long texts (before a number of
    /// `words`) and the note on what is not compared.
    pub compared_with: &'static str,
    pub copy_changes: &'static str,
    pub copy_spelling: &'static str,
    pub spelling_only: &'static str,
    pub original_has: &'static str,
    pub copy_has: &'static str,
    pub copy_more: &'static str,
    pub copy_capped: &'static str,
    pub words: &'static str,
    pub copy_not_compared: &'static str,
    /// On an original's page, after the number of its copies that differ from it.
    pub copies_differ: &'static str,
    pub text: &'static str,
    pub text_not_held: &'static str,
    pub task: &'static str,
    pub lead: &'static str,
    pub support: &'static str,
    pub deadline: &'static str,
    pub due_date: &'static str,
    pub status: &'static str,
    pub parent_task: &'static str,
    pub carried_out_below: &'static str,
    pub no_deadline: &'static str,
    /// "gia hạn đến" before an extension's deadline; `by_document` ("theo") before the
    /// document that granted it.
    pub extended_to: &'static str,
    pub by_document: &'static str,
    /// Before the document that withdrew a task.
    pub withdrawn_by: &'static str,
    /// The name of a task's timeline of progress notes, for screen readers.
    pub progress_notes: &'static str,
    /// On the page of a document dated after the build's day: `{doc}` its name as a sentence
    /// names it, `{date}` that day (filled by the template and by static/tasks.js).
    pub not_yet_issued: &'static str,
    pub done_on: &'static str,
    pub done_by: &'static str,
    pub carried_out_tasks: &'static str,
    pub needs_new_lead: &'static str,
    pub successor: &'static str,
    pub see_in_text: &'static str,
    /// Near the top of a document's page: a link to its text, far below on a phone.
    pub jump_to_text: &'static str,
    pub targets: &'static str,
    pub year: &'static str,
    /// The targets table: its caption (what a cell holds), the heading of the years after
    /// the day, and what a year over without a result says.
    pub targets_caption: &'static str,
    pub targets_future: &'static str,
    pub not_reported: &'static str,
    pub reported_in: &'static str,
    pub no_tasks: &'static str,
    pub tasks_led: &'static str,
    pub tasks_supported: &'static str,
    /// `{name}`: the body's name.
    pub tasks_of_groups: &'static str,
    pub tasks_of_groups_note: &'static str,
    pub documents_issued: &'static str,
    pub documents_received: &'static str,
    pub received_via_groups: &'static str,
    pub parent_body: &'static str,
    pub child_bodies: &'static str,
    pub members: &'static str,
    pub member_of: &'static str,
    pub level: &'static str,
    pub groups: &'static str,
    pub aliases: &'static str,
    pub calendar: &'static str,
    pub ceased_after: &'static str,
    pub exports: &'static str,
    /// The "Tải về" block of the tasks page and of a party's page: its heading, the
    /// workbook's link text (and the site's, every task), the calendar's, the line on
    /// bringing the calendar into Outlook, the line before data.json and tasks.csv, their
    /// link texts, and the note that the workbook's statuses are those of the build's day
    /// (before the date).
    pub downloads: &'static str,
    pub download_workbook: &'static str,
    pub download_workbook_all: &'static str,
    pub download_calendar: &'static str,
    pub download_outlook: &'static str,
    pub download_for_tools: &'static str,
    pub download_json: &'static str,
    pub download_csv: &'static str,
    pub download_as_of: &'static str,
    pub unknown: &'static str,
    pub undated: &'static str,
    pub document: &'static str,
    pub all_documents: &'static str,
    pub generated_by: &'static str,
    pub skip_to_content: &'static str,
    pub group: &'static str,
    pub body: &'static str,
    pub none: &'static str,
    pub breadcrumbs: &'static str,
    /// The "…" that leads on up a chain too deep for one page to name whole.
    pub further_up: &'static str,
    // Task filters and live status (ui-filters). `{shown}`, `{total}`, `{date}`, `{built}`,
    // `{d}`, `{m}`, `{month}`, `{y}` are filled in by static/tasks.js.
    pub filter_tasks: &'static str,
    pub filter_body: &'static str,
    pub filter_year: &'static str,
    pub filter_all: &'static str,
    pub filter_date: &'static str,
    pub filter_date_help: &'static str,
    pub filter_clear: &'static str,
    /// The disclosure the filters fold into on a short list.
    pub filter_fold: &'static str,
    /// Under a party's counts by status: each one filters the list.
    pub counts_filter_hint: &'static str,
    /// "My body": the reader's own body, kept in the browser (static/tasks.js).
    pub my_body: &'static str,
    pub my_body_set: &'static str,
    pub my_body_pick: &'static str,
    pub my_body_pick_none: &'static str,
    pub bodies_intro: &'static str,
    /// The overdue and due-soon counts beside a body ("2 quá hạn", "1 sắp đến hạn").
    pub overdue_short: &'static str,
    pub due_soon_short: &'static str,
    pub filter_showing: &'static str,
    pub filter_none: &'static str,
    pub as_of_today: &'static str,
    pub as_of_chosen: &'static str,
    pub date_pattern: &'static str,
    // Chain diagram and task trace (helper "chain").
    pub chain_full: &'static str,
    pub chain_full_link: &'static str,
    pub chain_figure: &'static str,
    /// Above a region that scrolls sideways (a chain diagram, a wide table), shown on a
    /// narrow screen or when it does not fit (static/tasks.js).
    pub scroll_hint_chain: &'static str,
    pub scroll_hint_table: &'static str,
    pub chain_here: &'static str,
    pub chain_shown: &'static str,
    pub chain_of: &'static str,
    pub chain_documents: &'static str,
    pub chain_as_list: &'static str,
    pub legend: &'static str,
    pub legend_implements: &'static str,
    pub legend_copy: &'static str,
    pub legend_more: &'static str,
    pub trace_continues: &'static str,
    /// The diagrams are drawn at build time: their counts are the build day's.
    pub chain_counts_as_of: &'static str,
    /// The home page lists only the most urgent open tasks.
    pub urgent_capped: &'static str,
    pub all_tasks: &'static str,
    /// Long lists split into numbered pages.
    pub pages: &'static str,
    pub page: &'static str,
    pub page_prev: &'static str,
    pub page_next: &'static str,
    /// "The tasks are listed by status, N …": N is the number of tasks per page.
    pub tasks_split: &'static str,
    pub tasks_split_per_page: &'static str,
    pub status_page_note: &'static str,
    /// On a body's page split into numbered pages.
    pub party_pages_note: &'static str,
    // Search (the header box, the results page tim-kiem.html and search.js).
    pub search: &'static str,
    /// The header search box's placeholder: short enough to show whole in the box (a
    /// browser test measures it at 1280 and 390 px).
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub search_needs_js: &'static str,
    pub search_empty: &'static str,
    pub search_loading: &'static str,
    pub search_none: &'static str,
    pub search_count: &'static str,
    pub search_more: &'static str,
    pub search_hint: &'static str,
    // Statistics (thong-ke.html) and the periodic reports (bao-cao/).
    pub stats: &'static str,
    pub stats_title: &'static str,
    pub stats_intro: &'static str,
    pub stats_sort_hint: &'static str,
    pub stats_party: &'static str,
    pub stats_of_party: &'static str,
    pub stats_expand: &'static str,
    pub stats_expand_all: &'static str,
    pub stats_collapse_all: &'static str,
    pub stats_none: &'static str,
    pub not_due: &'static str,
    pub on_time_rate: &'static str,
    pub total: &'static str,
    pub reports: &'static str,
    pub reports_intro: &'static str,
    pub reports_none: &'static str,
    pub report_whole_site: &'static str,
    pub report_by_party: &'static str,
    pub party_reports_intro: &'static str,
    pub report_period: &'static str,
    pub report_title: &'static str,
    pub report_subject: &'static str,
    pub report_of: &'static str,
    pub report_number: &'static str,
    pub motto_state: &'static str,
    pub motto_words: &'static str,
    /// The top right of a Party document's head (Hướng dẫn 36-HD/VPTW).
    pub motto_party: &'static str,
    /// Before a công văn's subject under its number: "V/v".
    pub subject_prefix: &'static str,
    pub report_as_of: &'static str,
    pub report_counts: &'static str,
    pub report_falling_due: &'static str,
    pub report_done: &'static str,
    pub report_overdue: &'static str,
    pub report_appendix: &'static str,
    pub not_done: &'static str,
    pub falling_due: &'static str,
    pub done_in_period: &'static str,
    pub days_overdue: &'static str,
    pub row_number: &'static str,
    pub report_none: &'static str,
    pub report_print: &'static str,
    pub this_quarter: &'static str,
    pub all_reports: &'static str,
}

pub const VI: Labels = Labels {
    lang: "vi",
    home: "Trang chủ",
    documents: "Văn bản",
    bodies: "Cơ quan, tổ chức",
    tasks: "Nhiệm vụ",
    chain: "Chuỗi văn bản chỉ đạo",
    status_as_of: "Tình trạng tính đến",
    task_counts: "Nhiệm vụ theo tình trạng",
    overdue_and_soon: "Nhiệm vụ quá hạn và sắp đến hạn",
    nothing_overdue: "Không có nhiệm vụ quá hạn hoặc sắp đến hạn.",
    number: "Số ký hiệu",
    no_number: "không số",
    kind: "Loại văn bản",
    issuer: "Cơ quan ban hành",
    date: "Ngày ban hành",
    place: "Nơi ban hành",
    signer: "Người ký",
    recipients: "Nơi nhận",
    number_printed: "Số",
    source: "Nguồn",
    properties: "Thuộc tính",
    relations: "Lược đồ",
    implements: "Thực hiện văn bản",
    implemented_by: "Văn bản triển khai",
    copy_of: "Bản sao của",
    copies: "Các bản sao",
    follows: "Tiếp nối văn bản",
    followed_by: "Văn bản tiếp nối",
    references: "Căn cứ, dẫn chiếu",
    referenced_by: "Được dẫn chiếu bởi",
    copy_chain: "Chuỗi sao lục",
    original: "Văn bản gốc",
    compared_with: "So với bản gốc",
    copy_changes: "chỗ khác",
    copy_spelling: "chỗ khác cách bỏ dấu",
    spelling_only: "chỉ khác cách bỏ dấu",
    original_has: "bản gốc",
    copy_has: "bản sao",
    copy_more: "Số chỗ khác không liệt kê ở đây",
    copy_capped: "Văn bản quá dài: chỉ so sánh phần đầu của mỗi văn bản, tối đa",
    words: "từ",
    copy_not_compared: "So từng từ, không kể định dạng. Phần riêng của bản sao ở đầu và cuối (số, ngày, nơi nhận, người ký sao lục) không được so sánh; cách đặt dấu thanh cũ và mới (hòa/hoà, khóa/khoá, thủy/thuỷ) không tính là chỗ khác.",
    copies_differ: "bản sao có chỗ khác bản gốc",
    text: "Nội dung",
    text_not_held: "Chưa có toàn văn của văn bản này.",
    task: "Nhiệm vụ",
    lead: "Chủ trì",
    support: "Phối hợp",
    deadline: "Thời hạn",
    due_date: "Hạn (ngày)",
    status: "Tình trạng",
    parent_task: "Thực hiện nhiệm vụ",
    carried_out_below: "Triển khai ở cấp dưới",
    no_deadline: "Chưa có thời hạn",
    extended_to: "gia hạn đến",
    by_document: "theo",
    withdrawn_by: "Rút, dừng thực hiện theo",
    progress_notes: "Tiến độ thực hiện",
    not_yet_issued: "{doc} chưa ban hành tính đến {date}.",
    done_on: "Hoàn thành ngày",
    done_by: "Hoàn thành bằng",
    carried_out_tasks: "Nhiệm vụ mà văn bản này hoàn thành",
    needs_new_lead: "Cần giao lại đơn vị chủ trì",
    successor: "đơn vị kế thừa",
    see_in_text: "xem trong văn bản",
    jump_to_text: "Đến nội dung văn bản",
    targets: "Chỉ tiêu và kết quả",
    year: "Năm",
    targets_caption: "Mỗi ô: kết quả đã báo cáo / chỉ tiêu của năm, và tỷ lệ đạt (số và thanh).",
    targets_future: "Các năm tới",
    not_reported: "chưa báo cáo",
    reported_in: "Báo cáo trong",
    no_tasks: "Không có nhiệm vụ.",
    tasks_led: "Nhiệm vụ chủ trì",
    tasks_supported: "Nhiệm vụ phối hợp",
    tasks_of_groups: "Nhiệm vụ giao chung cho các nhóm có {name} tham gia",
    tasks_of_groups_note: "Nhiệm vụ giao chung cho một nhóm được liệt kê ở trang của nhóm (cùng tệp lịch và bảng tính của nhóm); số nhiệm vụ theo tình trạng:",
    documents_issued: "Văn bản ban hành",
    documents_received: "Văn bản nhận",
    received_via_groups: "Văn bản gửi chung cho nhóm có cơ quan tham gia được liệt kê ở trang của nhóm:",
    parent_body: "Trực thuộc",
    child_bodies: "Cơ quan trực thuộc",
    members: "Thành viên",
    member_of: "Thuộc nhóm",
    level: "Cấp",
    groups: "Nhóm cơ quan",
    aliases: "Tên gọi khác",
    calendar: "Lịch thời hạn (.ics)",
    ceased_after: "Không còn hoạt động sau",
    exports: "Dữ liệu",
    downloads: "Tải về",
    download_workbook: "Bảng tính Excel (.xlsx) các nhiệm vụ",
    download_workbook_all: "Bảng tính Excel (.xlsx) tất cả nhiệm vụ",
    download_calendar: "Lịch thời hạn (.ics)",
    download_outlook: "Đưa vào Outlook: Tệp → Mở và Xuất → Nhập/Xuất → Nhập tệp iCalendar (.ics). Nếu trang được mở qua địa chỉ http(s), có thể đăng ký để lịch tự cập nhật: Thêm lịch → Từ Internet, rồi dán địa chỉ của tệp lịch.",
    download_for_tools: "Dữ liệu cho phần mềm khác:",
    download_json: "data.json (toàn bộ dữ liệu)",
    download_csv: "tasks.csv (nhiệm vụ, dạng CSV)",
    download_as_of: "Tình trạng trong bảng tính và lịch tính đến",
    unknown: "chưa rõ",
    undated: "Chưa rõ ngày",
    document: "Văn bản",
    all_documents: "Tất cả văn bản",
    generated_by: "Tạo bởi chidao",
    skip_to_content: "Bỏ qua, đến nội dung",
    group: "Nhóm",
    body: "Cơ quan",
    none: "Không có",
    breadcrumbs: "Vị trí trong chuỗi",
    further_up: "Các văn bản ở trên",
    // Task filters and live status (ui-filters)
    filter_tasks: "Lọc nhiệm vụ",
    filter_body: "Cơ quan (gồm cả cơ quan trực thuộc)",
    filter_year: "Năm của thời hạn",
    filter_all: "Tất cả",
    filter_date: "Xem tình trạng vào ngày",
    filter_date_help:
        "Để trống là hôm nay. Chọn một ngày khác để xem nhiệm vụ nào sẽ quá hạn vào ngày đó.",
    filter_clear: "Bỏ lọc",
    filter_fold: "Lọc danh sách",
    counts_filter_hint: "Bấm vào một tình trạng để chỉ xem các nhiệm vụ đó; bấm lại để xem tất cả.",
    my_body: "Cơ quan của tôi",
    my_body_set: "Đặt làm cơ quan của tôi",
    my_body_pick: "Chọn cơ quan của tôi",
    my_body_pick_none: "(chưa chọn)",
    overdue_short: "quá hạn",
    due_soon_short: "sắp đến hạn",
    bodies_intro: "Bên cạnh mỗi cơ quan là số nhiệm vụ quá hạn và sắp đến hạn của cơ quan đó (chủ trì, phối hợp hoặc giao chung cho nhóm có cơ quan tham gia), tính đến hôm nay.",
    filter_showing: "Hiển thị {shown} / {total} nhiệm vụ",
    filter_none: "Không có nhiệm vụ nào phù hợp với bộ lọc.",
    as_of_today: "Tính đến hôm nay, {date} (trang được tạo {built}).",
    as_of_chosen: "Tình trạng tính đến {date}, ngày được chọn (trang được tạo {built}).",
    date_pattern: "ngày {dd} tháng {mm} năm {y}",
    // Chain diagram and task trace (helper "chain").
    chain_full: "Sơ đồ chuỗi văn bản",
    chain_full_link: "Xem sơ đồ đầy đủ",
    chain_figure: "Sơ đồ chuỗi văn bản (cuộn được)",
    scroll_hint_chain: "Kéo ngang để xem toàn bộ sơ đồ",
    scroll_hint_table: "Kéo ngang để xem toàn bộ bảng",
    chain_here: "Sơ đồ quan hệ",
    chain_shown: "Sơ đồ thể hiện",
    chain_of: "trên",
    chain_documents: "văn bản",
    chain_as_list: "Chuỗi văn bản dạng danh sách",
    legend: "Chú giải",
    legend_implements: "nét liền: thực hiện văn bản cấp trên",
    legend_copy: "nét đứt: bản sao",
    legend_more: "ô «+N»: các văn bản chưa thể hiện, bấm để xem",
    trace_continues: "xem tiếp các nhiệm vụ bên dưới",
    chain_counts_as_of: "số nhiệm vụ theo tình trạng trong sơ đồ tính đến",
    urgent_capped: "Trang này chỉ liệt kê các nhiệm vụ có thời hạn gần nhất.",
    all_tasks: "Xem tất cả nhiệm vụ",
    pages: "Các trang",
    page: "Trang",
    page_prev: "Trang trước",
    page_next: "Trang sau",
    tasks_split: "Nhiệm vụ được liệt kê theo tình trạng, mỗi trang",
    tasks_split_per_page: "nhiệm vụ. Danh sách nhiệm vụ của từng cơ quan ở trang của cơ quan đó.",
    status_page_note: "Các nhiệm vụ được xếp vào trang theo tình trạng ngày tạo trang; huy hiệu tình trạng được tính lại theo ngày xem.",
    party_pages_note: "Danh sách dài được chia thành nhiều trang: số nhiệm vụ theo tình trạng ở trên tính cho mọi trang, bộ lọc áp dụng cho trang đang xem.",
    // Search
    search: "Tìm kiếm",
    search_label: "Số ký hiệu hoặc từ khóa",
    search_button: "Tìm",
    search_needs_js:
        "Tìm kiếm cần JavaScript. Bạn vẫn có thể xem danh sách văn bản, nhiệm vụ và cơ quan.",
    search_empty: "Gõ số ký hiệu hoặc từ cần tìm, có dấu hoặc không dấu.",
    search_loading: "Đang tìm…",
    search_none: "Không tìm thấy kết quả nào cho",
    search_count: "kết quả cho",
    search_more: "Xem thêm kết quả",
    search_hint:
        "Có thể gõ không dấu: “boi duong” tìm được “bồi dưỡng”, “39 kl tw” tìm được 39-KL/TW.",
    stats: "Thống kê",
    stats_title: "Thống kê nhiệm vụ theo cơ quan, đơn vị",
    stats_intro: "Số nhiệm vụ do mỗi cơ quan chủ trì, kể cả các cơ quan trực thuộc (hàng thụt vào bên dưới); của mỗi nhóm, các nhiệm vụ do chính nhóm chủ trì. Bấm vào một số để xem các nhiệm vụ đó.",
    stats_sort_hint: "Bấm tiêu đề cột để sắp xếp.",
    stats_party: "Cơ quan, nhóm",
    stats_of_party: "Số liệu nhiệm vụ chủ trì",
    stats_expand: "Hiện các cơ quan trực thuộc",
    stats_expand_all: "Mở rộng tất cả",
    stats_collapse_all: "Thu gọn tất cả",
    stats_none: "Chưa có cơ quan nào trong danh mục.",
    not_due: "Chưa đến hạn",
    on_time_rate: "Tỷ lệ đúng hạn",
    total: "Tổng số",
    reports: "Báo cáo định kỳ",
    reports_intro: "Mỗi năm và mỗi quý có một báo cáo, số liệu tính đến ngày cuối kỳ (hoặc đến hôm nay với kỳ chưa kết thúc). In trang báo cáo (Ctrl+P) để có văn bản khổ A4.",
    reports_none: "Chưa có văn bản nào ghi ngày ban hành, nên chưa có kỳ báo cáo.",
    report_whole_site: "Toàn bộ",
    report_by_party: "Số liệu theo kỳ của từng cơ quan, đơn vị",
    party_reports_intro: "Mỗi dòng là một kỳ báo cáo, số liệu tính đến ngày cuối kỳ (kể cả các cơ quan trực thuộc). Bấm tên kỳ để mở báo cáo chung của kỳ đó; bấm số quá hạn để xem danh sách nhiệm vụ quá hạn vào cuối kỳ. Báo cáo riêng của cơ quan dưới dạng Word do biên tập viên xuất bằng lệnh chidao report.",
    report_period: "Kỳ báo cáo",
    report_title: "BÁO CÁO",
    report_subject: "Tình hình thực hiện nhiệm vụ",
    report_of: "của",
    report_number: "Số:        /BC",
    motto_state: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto_words: "Độc lập - Tự do - Hạnh phúc",
    motto_party: "ĐẢNG CỘNG SẢN VIỆT NAM",
    subject_prefix: "V/v",
    report_as_of: "Số liệu tính đến",
    report_counts: "I. TỔNG HỢP SỐ LIỆU",
    report_falling_due: "II. NHIỆM VỤ ĐẾN HẠN TRONG KỲ",
    report_done: "III. NHIỆM VỤ HOÀN THÀNH TRONG KỲ",
    report_overdue: "IV. NHIỆM VỤ QUÁ HẠN TẠI THỜI ĐIỂM CUỐI KỲ",
    report_appendix: "PHỤ LỤC: SỐ LIỆU THEO CƠ QUAN, ĐƠN VỊ",
    not_done: "Chưa hoàn thành",
    falling_due: "Đến hạn trong kỳ",
    done_in_period: "Hoàn thành trong kỳ",
    days_overdue: "Số ngày quá hạn",
    row_number: "STT",
    report_none: "Không có.",
    report_print: "In báo cáo",
    this_quarter: "Quý này",
    all_reports: "Tất cả báo cáo định kỳ",
};

pub const EN: Labels = Labels {
    lang: "en",
    home: "Home",
    documents: "Documents",
    bodies: "Bodies",
    tasks: "Tasks",
    chain: "The directive chain",
    status_as_of: "Status as of",
    task_counts: "Tasks by status",
    overdue_and_soon: "Overdue and due-soon tasks",
    nothing_overdue: "No task is overdue or due soon.",
    number: "Number",
    no_number: "no number",
    kind: "Kind",
    issuer: "Issuer",
    date: "Date",
    place: "Place",
    signer: "Signed by",
    recipients: "Recipients",
    number_printed: "No.",
    source: "Source",
    properties: "Properties",
    relations: "Relations",
    implements: "Implements",
    implemented_by: "Implemented by",
    copy_of: "Copy of",
    copies: "Copies",
    follows: "Follows",
    followed_by: "Followed by",
    references: "References",
    referenced_by: "Referenced by",
    copy_chain: "Copy chain",
    compared_with: "Compared with the original",
    copy_changes: "difference(s)",
    copy_spelling: "tone-mark placement variant(s)",
    spelling_only: "tone-mark placement only",
    original_has: "original",
    copy_has: "copy",
    copy_more: "Differences not listed here",
    copy_capped: "Long texts: only the start of each was compared, at most",
    words: "words",
    copy_not_compared: "Compared word by word, formatting aside. The copy's own words at its start and end (its number, date, recipients and signer) are not compared; the old and new placements of the tone mark (hòa/hoà, khóa/khoá, thủy/thuỷ) are not counted as differences.",
    copies_differ: "copies differ from this original",
    original: "Original",
    text: "Text",
    text_not_held: "The text of this document is not held.",
    task: "Task",
    lead: "Lead",
    support: "Support",
    deadline: "Deadline",
    due_date: "Due",
    status: "Status",
    parent_task: "Carries out",
    carried_out_below: "Carried out below",
    no_deadline: "No deadline",
    extended_to: "extended to",
    by_document: "by",
    withdrawn_by: "Withdrawn by",
    progress_notes: "Progress",
    not_yet_issued: "{doc} was not yet issued as of {date}.",
    done_on: "Done on",
    done_by: "Done by",
    carried_out_tasks: "Tasks this document carried out",
    needs_new_lead: "Needs a new lead",
    successor: "successor",
    see_in_text: "see in the text",
    jump_to_text: "Go to the document's text",
    targets: "Targets and results",
    year: "Year",
    targets_caption: "Each cell: the result reported / the year's target, and the share achieved (figure and bar).",
    targets_future: "Years to come",
    not_reported: "not reported",
    reported_in: "Reported in",
    no_tasks: "No tasks.",
    tasks_led: "Tasks it leads",
    tasks_supported: "Tasks it supports",
    tasks_of_groups: "Tasks given to groups that include {name}",
    tasks_of_groups_note: "A task given to a group is listed on the group's page (with the group's calendar and workbook); tasks by status:",
    documents_issued: "Documents issued",
    documents_received: "Documents received",
    received_via_groups: "Documents sent to a group that includes this body are listed on the group's page:",
    parent_body: "Part of",
    child_bodies: "Bodies below",
    members: "Members",
    member_of: "Member of",
    level: "Level",
    groups: "Groups of bodies",
    aliases: "Also known as",
    calendar: "Deadline calendar (.ics)",
    ceased_after: "Ceased to exist after",
    exports: "Data",
    downloads: "Download",
    download_workbook: "Excel workbook (.xlsx) of the tasks",
    download_workbook_all: "Excel workbook (.xlsx) of every task",
    download_calendar: "Deadline calendar (.ics)",
    download_outlook: "Into Outlook: File → Open & Export → Import/Export → Import an iCalendar (.ics) file. When this site is opened over http(s), subscribe instead to keep the calendar up to date: Add calendar → From Internet, and paste the calendar file's address.",
    download_for_tools: "Data for other software:",
    download_json: "data.json (all the data)",
    download_csv: "tasks.csv (the tasks as CSV)",
    download_as_of: "Statuses in the workbook and the calendar as of",
    unknown: "unknown",
    undated: "Undated",
    document: "Document",
    all_documents: "All documents",
    generated_by: "Generated by chidao",
    skip_to_content: "Skip to content",
    group: "Group",
    body: "Body",
    none: "None",
    breadcrumbs: "Place in the chain",
    further_up: "Further up",
    // Task filters and live status (ui-filters)
    filter_tasks: "Filter tasks",
    filter_body: "Body (with the bodies under it)",
    filter_year: "Deadline year",
    filter_all: "All",
    filter_date: "Status on date",
    filter_date_help:
        "Leave empty for today. Choose another day to see which tasks will be overdue on it.",
    filter_clear: "Clear filters",
    filter_fold: "Filter the list",
    counts_filter_hint: "Click a status to see only those tasks; click it again to see all.",
    my_body: "My body",
    my_body_set: "Make this my body",
    my_body_pick: "Choose my body",
    my_body_pick_none: "(none chosen)",
    overdue_short: "overdue",
    due_soon_short: "due soon",
    bodies_intro: "Beside each body, its overdue and due-soon tasks (led, supported, or given to a group it belongs to), as of today.",
    filter_showing: "Showing {shown} of {total} tasks",
    filter_none: "No task matches the filters.",
    as_of_today: "As of today, {date} (page built on {built}).",
    as_of_chosen: "Status as of {date}, the chosen date (page built on {built}).",
    date_pattern: "{d} {month} {y}",
    // Chain diagram and task trace (helper "chain").
    chain_full: "Diagram of the chain",
    chain_full_link: "See the full diagram",
    chain_figure: "Diagram of the chain (scrollable)",
    scroll_hint_chain: "Swipe sideways to see the whole diagram",
    scroll_hint_table: "Swipe sideways to see the whole table",
    chain_here: "Diagram of its relations",
    chain_shown: "The diagram shows",
    chain_of: "of",
    chain_documents: "documents",
    chain_as_list: "The chain as a list",
    legend: "Key",
    legend_implements: "solid line: implements the document above",
    legend_copy: "dashed line: copy",
    legend_more: "“+N” box: documents not drawn, follow it to see them",
    trace_continues: "see the tasks further below",
    chain_counts_as_of: "task counts in the diagram as of",
    urgent_capped: "This page lists only the tasks with the nearest deadlines.",
    all_tasks: "See every task",
    pages: "Pages",
    page: "Page",
    page_prev: "Previous page",
    page_next: "Next page",
    tasks_split: "Tasks are listed by status,",
    tasks_split_per_page: "per page. Each body's tasks are on that body's page.",
    status_page_note: "Tasks are placed on these pages by their status on the day the site was built; the status badges are judged again on the day you read.",
    party_pages_note: "The long lists are split into pages: the counts by status above cover every page; the filters apply to the page you are reading.",
    // Search
    search: "Search",
    search_label: "Number or keywords",
    search_button: "Search",
    search_needs_js:
        "Search needs JavaScript. The lists of documents, tasks and bodies work without it.",
    search_empty: "Type a document number or words to find, with or without accents.",
    search_loading: "Searching…",
    search_none: "No results for",
    search_count: "results for",
    search_more: "Show more results",
    search_hint: "Accents are optional: “boi duong” finds “bồi dưỡng”, “39 kl tw” finds 39-KL/TW.",
    stats: "Statistics",
    stats_title: "Tasks by body and group",
    stats_intro: "Tasks led by each body, the bodies under it included (the indented rows below it); for a group, the tasks the group itself leads. Click a number to see those tasks.",
    stats_sort_hint: "Click a column heading to sort.",
    stats_party: "Body or group",
    stats_of_party: "Figures of the tasks led",
    stats_expand: "Show the bodies under it",
    stats_expand_all: "Expand all",
    stats_collapse_all: "Collapse all",
    stats_none: "The registry has no body.",
    not_due: "Not yet due",
    on_time_rate: "On-time rate",
    total: "Total",
    reports: "Periodic reports",
    reports_intro: "A report for each year and each quarter, its figures as of the period's last day (or of today for a period not yet ended). Print a report page for an A4 document.",
    reports_none: "No document has a date yet, so there is no period to report on.",
    report_whole_site: "Whole site",
    report_by_party: "Figures by period of each body and group",
    party_reports_intro: "A line per period, its figures as of the period's last day (with the bodies under it). Open a period for the whole report of that period; open the overdue count for the tasks overdue at its end. A party's own report as a Word document is written by an editor with chidao report.",
    report_period: "Period",
    report_title: "REPORT",
    report_subject: "Implementation of the tasks",
    report_of: "of",
    report_number: "No.:        /BC",
    motto_state: "SOCIALIST REPUBLIC OF VIET NAM",
    motto_words: "Independence - Freedom - Happiness",
    motto_party: "COMMUNIST PARTY OF VIET NAM",
    subject_prefix: "Re:",
    report_as_of: "Figures as of",
    report_counts: "I. SUMMARY OF FIGURES",
    report_falling_due: "II. TASKS FALLING DUE IN THE PERIOD",
    report_done: "III. TASKS DONE IN THE PERIOD",
    report_overdue: "IV. TASKS OVERDUE AT THE END OF THE PERIOD",
    report_appendix: "APPENDIX: FIGURES PER BODY AND GROUP",
    not_done: "Not done",
    falling_due: "Falling due",
    done_in_period: "Done in the period",
    days_overdue: "Days overdue",
    row_number: "No.",
    report_none: "None.",
    report_print: "Print the report",
    this_quarter: "This quarter",
    all_reports: "All periodic reports",
};

pub fn labels(lang: Language) -> &'static Labels {
    match lang {
        Language::Vi => &VI,
        Language::En => &EN,
    }
}

/// The words `static/tasks.js` needs (status labels, sentences, month names), as JSON safe to
/// place inside a script (`escape::script_json`). Made once per language, written once per
/// site into `static/labels.js`, which every page loads before `static/tasks.js`.
pub fn script_labels(lang: Language) -> &'static str {
    static VI: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| make_script_labels(Language::Vi));
    static EN: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| make_script_labels(Language::En));
    match lang {
        Language::Vi => &VI,
        Language::En => &EN,
    }
}

fn make_script_labels(lang: Language) -> String {
    let t = labels(lang);
    let statuses: serde_json::Map<String, serde_json::Value> = crate::status::Status::ALL
        .iter()
        .map(|&s| (s.as_str().to_string(), status_label(lang, s).into()))
        .collect();
    let json = serde_json::json!({
        "lang": t.lang,
        "statuses": statuses,
        "showing": t.filter_showing,
        "asOfToday": t.as_of_today,
        "asOfChosen": t.as_of_chosen,
        "notYetIssued": t.not_yet_issued,
        "datePattern": t.date_pattern,
        "months": EN_MONTHS,
        "rollupDone": rollup_patterns(lang).0,
        "rollupOverdue": rollup_patterns(lang).1,
        "daysOverdue": words::days_patterns(lang).0,
        "daysLeft": words::days_patterns(lang).1,
        "statsExpand": t.stats_expand,
        "statsExpandAll": t.stats_expand_all,
        "statsCollapseAll": t.stats_collapse_all,
        "myBody": t.my_body,
        "myBodySet": t.my_body_set,
        "myBodyThis": words::my_body_patterns(lang).0,
        "myBodyUnset": words::my_body_patterns(lang).1,
        "myBodyChange": words::my_body_patterns(lang).2,
        "overdueShort": t.overdue_short,
        "dueSoonShort": t.due_soon_short,
    });
    crate::escape::script_json(&json)
}

/// The words of the tasks' workbook (`export::workbook`): its sheet's name and its columns'
/// headers, in the order of [`WORKBOOK_COLUMNS`].
pub struct WorkbookWords {
    pub sheet: &'static str,
    pub columns: [&'static str; WORKBOOK_COLUMNS],
}

/// How many columns the tasks' workbook has.
pub const WORKBOOK_COLUMNS: usize = 11;

pub fn workbook_words(lang: Language) -> &'static WorkbookWords {
    match lang {
        Language::Vi => &WorkbookWords {
            sheet: "Nhiệm vụ",
            columns: [
                "Nhiệm vụ",
                "Văn bản",
                "Nội dung",
                "Chủ trì",
                "Phối hợp",
                "Thời hạn",
                "Ghi chú thời hạn",
                "Trạng thái",
                "Số ngày quá hạn",
                "Hoàn thành ngày",
                "Liên kết",
            ],
        },
        Language::En => &WorkbookWords {
            sheet: "Tasks",
            columns: [
                "Task",
                "Document",
                "Text",
                "Lead",
                "Support",
                "Deadline",
                "Deadline notes",
                "Status",
                "Days overdue",
                "Done on",
                "Link",
            ],
        },
    }
}

/// A percentage with one decimal as the language writes it: "66,7%" / "66.7%"; "—" for none.
pub fn percent(lang: Language, rate: Option<f64>) -> String {
    match (rate, lang) {
        (None, _) => "—".to_string(),
        (Some(r), Language::Vi) => format!("{r:.1}%").replace('.', ","),
        (Some(r), Language::En) => format!("{r:.1}%"),
    }
}

/// The short form for tables: "18/7/2022" / "18 Jul 2022".
pub fn short_date(lang: Language, d: NaiveDate) -> String {
    match lang {
        Language::Vi => format!("{}/{}/{}", d.day(), d.month(), d.year()),
        Language::En => format!(
            "{} {} {}",
            d.day(),
            &EN_MONTHS[d.month0() as usize][..3],
            d.year()
        ),
    }
}

// Chain diagram and task trace (helper "chain").

/// The description of a chain diagram, for screen readers.
pub fn chain_desc(lang: Language, drawn: usize, hidden: usize) -> String {
    match lang {
        Language::Vi => {
            let mut s = format!("{drawn} văn bản, mỗi văn bản một ô có liên kết, ghi số ký hiệu, ngày ban hành và số nhiệm vụ theo tình trạng; mũi tên nét liền: thực hiện, nét đứt: bản sao.");
            if hidden > 0 {
                s.push_str(&format!(" Còn {hidden} văn bản chưa thể hiện."));
            }
            s
        }
        Language::En => {
            let mut s = format!("{drawn} documents, each a linked box with its number, date and task counts by status; solid arrows: implements, dashed: copy.");
            if hidden > 0 {
                s.push_str(&format!(" {hidden} more documents are not drawn."));
            }
            s
        }
    }
}

/// The text of a "+N" box.
pub fn chain_more(lang: Language, n: usize) -> String {
    match lang {
        Language::Vi => format!("{n} văn bản khác, bấm để xem"),
        Language::En => format!("{n} more documents, follow to see"),
    }
}

/// The roll-up of the tasks below a task: "3/5 nhiệm vụ bên dưới đã hoàn thành, 1 quá hạn".
/// The roll-up patterns; static/tasks.js fills the same ones on the reader's date.
fn rollup_patterns(lang: Language) -> (&'static str, &'static str) {
    match lang {
        Language::Vi => (
            "{done}/{total} nhiệm vụ bên dưới đã hoàn thành",
            ", {overdue} quá hạn",
        ),
        Language::En => ("{done} of {total} below done", ", {overdue} overdue"),
    }
}

pub fn rollup(lang: Language, done: usize, total: usize, overdue: usize) -> String {
    let (all, late) = rollup_patterns(lang);
    let mut s = all
        .replace("{done}", &done.to_string())
        .replace("{total}", &total.to_string());
    if overdue > 0 {
        s.push_str(&late.replace("{overdue}", &overdue.to_string()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_dates() {
        let d = NaiveDate::from_ymd_opt(2022, 7, 18).unwrap();
        assert_eq!(long_date(Language::Vi, d), "ngày 18 tháng 7 năm 2022");
        assert_eq!(short_date(Language::Vi, d), "18/7/2022");
        assert_eq!(long_date(Language::En, d), "18 July 2022");
        // A day below 10, and the months 1 and 2, with a leading zero; the others without.
        let on = |y, m, d| long_date(Language::Vi, NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(on(2022, 8, 3), "ngày 03 tháng 8 năm 2022");
        assert_eq!(on(2023, 1, 5), "ngày 05 tháng 01 năm 2023");
        assert_eq!(on(2023, 2, 28), "ngày 28 tháng 02 năm 2023");
        assert_eq!(on(2024, 12, 10), "ngày 10 tháng 12 năm 2024");
        assert_eq!(on(2024, 3, 1), "ngày 01 tháng 3 năm 2024");
    }

    #[test]
    fn script_labels_are_json_that_cannot_close_a_script() {
        for lang in [Language::Vi, Language::En] {
            let text = script_labels(lang);
            assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                v["statuses"]["due_soon"],
                status_label(lang, Status::DueSoon)
            );
            assert_eq!(v["months"][4], "May");
        }
        assert!(script_labels(Language::Vi).contains("Tính đến hôm nay"));
    }

    #[test]
    fn numbers_and_rates_in_each_languages_form() {
        assert_eq!(number(Language::Vi, 0), "0");
        assert_eq!(number(Language::Vi, 999), "999");
        assert_eq!(number(Language::Vi, 1234), "1.234");
        assert_eq!(number(Language::En, 1234567), "1,234,567");
        assert_eq!(percent(Language::Vi, Some(66.7)), "66,7%");
        assert_eq!(percent(Language::Vi, Some(100.0)), "100,0%");
        assert_eq!(percent(Language::En, Some(0.0)), "0.0%");
        assert_eq!(percent(Language::En, None), "—");
    }

    #[test]
    fn rollup_sentences() {
        assert_eq!(
            rollup(Language::Vi, 3, 5, 1),
            "3/5 nhiệm vụ bên dưới đã hoàn thành, 1 quá hạn"
        );
        assert_eq!(
            rollup(Language::En, 3, 5, 1),
            "3 of 5 below done, 1 overdue"
        );
        assert_eq!(rollup(Language::En, 2, 2, 0), "2 of 2 below done");
    }
}
