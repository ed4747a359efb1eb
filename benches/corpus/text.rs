//! Vietnamese vocabulary and the pseudo-random composition of titles, tasks and bodies of
//! text. Everything here is a pure function of the random generator handed in.

use fastrand::Rng;

/// The 63 provinces and centrally-run cities (`true`: a city, whose committee is a Thành ủy).
pub const PROVINCES: &[(&str, bool)] = &[
    ("Hà Nội", true),
    ("Hồ Chí Minh", true),
    ("Hải Phòng", true),
    ("Đà Nẵng", true),
    ("Cần Thơ", true),
    ("Hà Giang", false),
    ("Cao Bằng", false),
    ("Bắc Kạn", false),
    ("Tuyên Quang", false),
    ("Lào Cai", false),
    ("Điện Biên", false),
    ("Lai Châu", false),
    ("Sơn La", false),
    ("Yên Bái", false),
    ("Hòa Bình", false),
    ("Thái Nguyên", false),
    ("Lạng Sơn", false),
    ("Quảng Ninh", false),
    ("Bắc Giang", false),
    ("Phú Thọ", false),
    ("Vĩnh Phúc", false),
    ("Bắc Ninh", false),
    ("Hải Dương", false),
    ("Hưng Yên", false),
    ("Thái Bình", false),
    ("Hà Nam", false),
    ("Nam Định", false),
    ("Ninh Bình", false),
    ("Thanh Hóa", false),
    ("Nghệ An", false),
    ("Hà Tĩnh", false),
    ("Quảng Bình", false),
    ("Quảng Trị", false),
    ("Thừa Thiên Huế", false),
    ("Quảng Nam", false),
    ("Quảng Ngãi", false),
    ("Bình Định", false),
    ("Phú Yên", false),
    ("Khánh Hòa", false),
    ("Ninh Thuận", false),
    ("Bình Thuận", false),
    ("Kon Tum", false),
    ("Gia Lai", false),
    ("Đắk Lắk", false),
    ("Đắk Nông", false),
    ("Lâm Đồng", false),
    ("Bình Phước", false),
    ("Tây Ninh", false),
    ("Bình Dương", false),
    ("Đồng Nai", false),
    ("Bà Rịa - Vũng Tàu", false),
    ("Long An", false),
    ("Tiền Giang", false),
    ("Bến Tre", false),
    ("Trà Vinh", false),
    ("Vĩnh Long", false),
    ("Đồng Tháp", false),
    ("An Giang", false),
    ("Kiên Giang", false),
    ("Hậu Giang", false),
    ("Sóc Trăng", false),
    ("Bạc Liêu", false),
    ("Cà Mau", false),
];

pub const TOPICS: &[&str] = &[
    "công tác bồi dưỡng cán bộ lãnh đạo, quản lý ở nước ngoài bằng ngân sách nhà nước",
    "đẩy mạnh chuyển đổi số trong các cơ quan đảng",
    "tăng cường công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
    "xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược",
    "tiếp tục sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
    "nâng cao chất lượng, hiệu quả công tác dân vận trong tình hình mới",
    "bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch",
    "phát triển kinh tế tập thể, kinh tế hợp tác xã",
    "xây dựng nông thôn mới gắn với đô thị hóa",
    "đẩy mạnh cải cách hành chính, cải thiện môi trường đầu tư kinh doanh",
    "tăng cường công tác quản lý tài nguyên và bảo vệ môi trường",
    "xây dựng và phát triển văn hóa, con người Việt Nam",
    "thực hiện giảm nghèo bền vững",
    "nâng cao chất lượng công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "phát triển nguồn nhân lực chất lượng cao",
    "tăng cường công tác bảo vệ chính trị nội bộ",
    "phát triển khoa học, công nghệ, đổi mới sáng tạo",
];

/// Numeric targets a root may set: id, name, unit, yearly value.
pub const TARGETS: &[(&str, &str, &str, u32)] = &[
    ("ngan-han", "Bồi dưỡng ngắn hạn", "cán bộ", 250),
    ("trung-han", "Bồi dưỡng trung hạn", "cán bộ", 40),
    ("ngoai-ngu", "Bồi dưỡng ngoại ngữ", "cán bộ", 120),
    ("xa-nong-thon-moi", "Xã đạt chuẩn nông thôn mới", "xã", 30),
    ("ho-thoat-ngheo", "Hộ thoát nghèo", "hộ", 1500),
    (
        "dich-vu-cong",
        "Thủ tục hành chính giải quyết trực tuyến",
        "thủ tục",
        800,
    ),
    ("dang-vien-moi", "Kết nạp đảng viên mới", "đảng viên", 2000),
    (
        "cuoc-kiem-tra",
        "Cuộc kiểm tra, giám sát chuyên đề",
        "cuộc",
        60,
    ),
    (
        "lop-boi-duong",
        "Lớp bồi dưỡng lý luận chính trị",
        "lớp",
        45,
    ),
    ("hop-tac-xa", "Hợp tác xã thành lập mới", "hợp tác xã", 120),
];

const OPENERS: &[&str] = &[
    "Thời gian qua,",
    "Nhìn chung,",
    "Bên cạnh đó,",
    "Tuy nhiên,",
    "Đồng thời,",
    "Qua đó,",
    "Trong năm,",
    "Từ thực tiễn triển khai,",
    "Nhìn lại quá trình thực hiện,",
    "Thời gian tới,",
    "Nhờ vậy,",
    "Mặt khác,",
    "",
    "",
    "",
];
const SUBJECTS: &[&str] = &[
    "các cấp ủy, tổ chức đảng",
    "cấp ủy, chính quyền các cấp",
    "đội ngũ cán bộ, đảng viên",
    "các cơ quan, đơn vị, địa phương",
    "người đứng đầu cấp ủy, chính quyền",
    "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
    "các cơ quan tham mưu, giúp việc",
    "đa số cán bộ, công chức, viên chức",
    "một số địa phương",
    "các cơ quan báo chí",
    "Ban Chỉ đạo các cấp",
    "tập thể lãnh đạo các cơ quan",
];
const PREDICATES: &[&str] = &[
    "đã quán triệt nghiêm túc",
    "đã chủ động xây dựng kế hoạch triển khai",
    "còn lúng túng trong việc cụ thể hóa",
    "tích cực tuyên truyền, phổ biến",
    "đã tập trung lãnh đạo, chỉ đạo thực hiện",
    "chưa thật sự quan tâm đến",
    "đã phối hợp chặt chẽ trong việc thực hiện",
    "thường xuyên kiểm tra, đôn đốc việc thực hiện",
    "đã bám sát",
    "nhận thức ngày càng đầy đủ hơn về",
    "đã kịp thời sơ kết, rút kinh nghiệm việc thực hiện",
    "cần tiếp tục quán triệt sâu sắc",
];
const OBJECTS: &[&str] = &[
    "các chủ trương, nghị quyết của Đảng",
    "chính sách, pháp luật của Nhà nước",
    "nội dung về {topic}",
    "các nhiệm vụ trọng tâm đã đề ra",
    "chỉ đạo của cấp trên",
    "các mục tiêu, chỉ tiêu của nhiệm kỳ",
    "yêu cầu về {topic}",
    "quy chế làm việc của cấp ủy",
    "chương trình công tác toàn khóa",
    "các giải pháp đột phá của địa phương",
];
const CLOSERS: &[&str] = &[
    "góp phần nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức đảng",
    "tạo sự thống nhất cao trong nhận thức và hành động",
    "bảo đảm đúng tiến độ, chất lượng đề ra",
    "nên hiệu quả chưa cao",
    "tạo chuyển biến rõ nét trong thực tiễn",
    "được cán bộ, đảng viên và Nhân dân đồng tình, ủng hộ",
    "nhưng kết quả chưa đồng đều giữa các địa phương",
    "góp phần thực hiện thắng lợi nghị quyết đại hội đảng bộ các cấp",
    "phù hợp với điều kiện thực tế của địa phương, đơn vị",
    "từng bước khắc phục những hạn chế, bất cập",
];
const STANDALONE: &[&str] = &[
    "Công tác lãnh đạo, chỉ đạo được triển khai đồng bộ, có trọng tâm, trọng điểm.",
    "Việc sơ kết, tổng kết được thực hiện nghiêm túc, đúng quy định.",
    "Công tác phối hợp giữa các cơ quan có lúc, có nơi chưa chặt chẽ.",
    "Nguồn lực bảo đảm cho việc thực hiện còn hạn chế, chưa đáp ứng yêu cầu.",
    "Công tác kiểm tra, giám sát được tăng cường, kịp thời phát hiện và chấn chỉnh những thiếu sót.",
    "Chế độ thông tin, báo cáo có lúc chưa kịp thời, chất lượng báo cáo chưa cao.",
    "Một số chỉ tiêu đạt thấp so với kế hoạch đề ra.",
    "Nhận thức của một bộ phận cán bộ, đảng viên về nhiệm vụ này còn hạn chế.",
    "Ứng dụng công nghệ thông tin trong quản lý, điều hành được đẩy mạnh.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn hợp pháp khác.",
];
const TASK_VERBS: &[&str] = &[
    "Chủ trì, tham mưu xây dựng",
    "Tổ chức quán triệt, triển khai",
    "Rà soát, đánh giá",
    "Theo dõi, đôn đốc, kiểm tra việc thực hiện",
    "Tổng hợp, báo cáo kết quả thực hiện",
    "Hướng dẫn các cơ quan, đơn vị triển khai",
    "Bố trí kinh phí bảo đảm thực hiện",
    "Tuyên truyền, phổ biến sâu rộng",
    "Xây dựng kế hoạch cụ thể hóa",
    "Sơ kết, đánh giá kết quả thực hiện",
    "Tham mưu sửa đổi, bổ sung",
    "Lựa chọn, giới thiệu cán bộ tham gia",
    "Phối hợp tổ chức hội nghị chuyên đề về",
    "Kiểm tra, giám sát việc thực hiện",
    "Cụ thể hóa thành chương trình, kế hoạch về",
];
const TASK_OBJECTS: &[&str] = &[
    "{topic}",
    "các nhiệm vụ, giải pháp về {topic}",
    "quy chế phối hợp giữa các cơ quan liên quan",
    "đề án của địa phương về {topic}",
    "đội ngũ cán bộ làm công tác tham mưu",
    "các văn bản hướng dẫn có liên quan",
    "chương trình hành động của cấp ủy",
    "cơ sở dữ liệu phục vụ công tác quản lý",
    "chế độ, chính sách đối với cán bộ",
    "các mô hình, cách làm hiệu quả",
];
const TASK_QUALIFIERS: &[&str] = &[
    "trong phạm vi toàn tỉnh",
    "đối với cán bộ, công chức, viên chức thuộc thẩm quyền quản lý",
    "tại các cơ quan, đơn vị trực thuộc",
    "theo đúng quy định",
    "bảo đảm thiết thực, hiệu quả",
    "gắn với nhiệm vụ chính trị của địa phương",
    "trên địa bàn {place}",
    "ở cơ sở",
    "trong hệ thống chính trị",
    "phù hợp với tình hình thực tế",
];
const SUBHEADINGS: &[&str] = &[
    "Công tác lãnh đạo, chỉ đạo",
    "Công tác tuyên truyền, quán triệt",
    "Kết quả đạt được",
    "Hạn chế, khuyết điểm và nguyên nhân",
    "Bài học kinh nghiệm",
    "Công tác kiểm tra, giám sát",
    "Việc bảo đảm nguồn lực",
    "Công tác phối hợp",
];
/// Progress notes (báo cáo tiến độ) as offices write them.
pub const PROGRESS: &[&str] = &[
    "Đã ban hành kế hoạch triển khai.",
    "Đã tổ chức hội nghị quán triệt.",
    "Đang tổng hợp số liệu từ các đơn vị.",
    "Đã hoàn thành dự thảo, đang lấy ý kiến.",
    "Đã trình Thường trực xem xét.",
    "Chậm do chờ hướng dẫn của cấp trên.",
];
pub const DUE_NOTES: &[&str] = &[
    "sau khi kết thúc khóa học",
    "trước ngày 15 của tháng cuối quý",
    "sau khi có hướng dẫn của Trung ương",
    "gửi kèm số liệu theo biểu mẫu",
    "trước kỳ họp thường kỳ của Ban Thường vụ",
    "chậm nhất 05 ngày sau khi sơ kết",
];
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Đinh", "Lương",
];
const MIDDLES: &[&str] = &[
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Xuân", "Đình", "Công", "Thu",
];
const GIVEN: &[&str] = &[
    "Sơn", "Hùng", "Lương", "Hà", "Lan", "Tuấn", "Dũng", "Thắng", "Hải", "Bình", "Phương", "Cường",
    "Hương", "Long", "Nam", "Thủy", "Quân", "Trang", "Việt", "Khánh",
];

pub fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(0..items.len())]
}

pub fn person(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        pick(rng, SURNAMES),
        pick(rng, MIDDLES),
        pick(rng, GIVEN)
    )
}

fn fill(s: &str, topic: &str, place: &str) -> String {
    s.replace("{topic}", topic).replace("{place}", place)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn sentence(rng: &mut Rng, topic: &str) -> String {
    if rng.u32(0..5) == 0 {
        return pick(rng, STANDALONE).to_string();
    }
    let opener = pick(rng, OPENERS);
    let core = format!(
        "{} {} {}, {}.",
        pick(rng, SUBJECTS),
        pick(rng, PREDICATES),
        fill(pick::<&str>(rng, OBJECTS), topic, ""),
        pick(rng, CLOSERS)
    );
    if opener.is_empty() {
        capitalise(&core)
    } else {
        format!("{opener} {core}")
    }
}

pub fn paragraph(rng: &mut Rng, topic: &str) -> String {
    let n = 2 + rng.usize(0..4);
    let mut s: Vec<String> = (0..n).map(|_| sentence(rng, topic)).collect();
    if rng.u32(0..4) == 0 {
        s[0] = format!("**{}**", s[0]);
    }
    s.join(" ")
}

pub fn task_text(rng: &mut Rng, topic: &str, place: &str) -> String {
    format!(
        "{} {} {}.",
        pick(rng, TASK_VERBS),
        fill(pick::<&str>(rng, TASK_OBJECTS), topic, place),
        fill(pick::<&str>(rng, TASK_QUALIFIERS), topic, place)
    )
}

/// A short phrase for a table cell.
pub fn item_phrase(rng: &mut Rng, topic: &str) -> String {
    capitalise(&fill(pick::<&str>(rng, TASK_OBJECTS), topic, ""))
}

pub fn slug(s: &str) -> String {
    const MAP: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = MAP
            .iter()
            .find(|(set, _)| set.contains(c))
            .map_or(c, |&(_, base)| base);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Days since 1970-01-01 from a civil date (proleptic Gregorian).
pub fn days(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn civil(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i32::from(m <= 2), m, d)
}

pub fn iso(z: i32) -> String {
    let (y, m, d) = civil(z);
    format!("{y:04}-{m:02}-{d:02}")
}

pub fn dmy(z: i32) -> String {
    let (y, m, d) = civil(z);
    format!("{d}/{m}/{y}")
}

pub fn long_date(z: i32) -> String {
    let (y, m, d) = civil(z);
    format!("ngày {d:02} tháng {m:02} năm {y}")
}

/// What the body of a document needs to know to be written.
pub struct Page<'a> {
    pub heading: String,
    pub title: &'a str,
    pub number: &'a str,
    pub place_date: String,
    pub intro: String,
    pub topic: &'a str,
    /// Task text, lead name, support names, deadline as written.
    pub tasks: Vec<(String, String, Vec<String>, Option<String>)>,
    pub results: Vec<(String, i32, u32, String)>,
    pub recipients: Vec<String>,
    pub signer_title: &'a str,
    pub signer: &'a str,
    pub copy: bool,
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The body of a document, about `target` words long.
pub fn body(rng: &mut Rng, p: &Page, target: usize) -> String {
    let mut out = String::new();
    let push = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push_str("\n\n");
    };
    if p.copy {
        push(&mut out, "**SAO LỤC**");
    }
    push(&mut out, &format!("Số {}  \n{}", p.number, p.place_date));
    push(&mut out, &format!("# {}", p.heading));
    push(&mut out, &format!("**{}**", p.title));
    push(&mut out, &p.intro);
    push(&mut out, "## I. MỤC ĐÍCH, YÊU CẦU");
    for i in 1..=2 + rng.usize(0..3) {
        out.push_str(&format!("{i}. {}\n", sentence(rng, p.topic)));
    }
    out.push('\n');
    push(&mut out, "## II. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN");
    let mut count = words(&out);
    let budget = target.saturating_sub(150 + 45 * p.tasks.len());
    let mut sub = 0;
    loop {
        if rng.u32(0..4) == 0 {
            sub += 1;
            let h = format!("### {sub}. {}", pick(rng, SUBHEADINGS));
            count += words(&h);
            push(&mut out, &h);
        }
        let para = paragraph(rng, p.topic);
        count += words(&para);
        push(&mut out, &para);
        if rng.u32(0..6) == 0 {
            for _ in 0..2 + rng.usize(0..3) {
                let s = sentence(rng, p.topic);
                count += words(&s);
                out.push_str(&format!("- {s}\n"));
            }
            out.push('\n');
        }
        if count >= budget * 3 / 5 {
            break;
        }
    }
    if !p.results.is_empty() {
        push(
            &mut out,
            "| Chỉ tiêu | Năm | Kết quả | Đơn vị tính |\n|---|---|---|---|",
        );
        out.truncate(out.len() - 1);
        for (name, year, value, unit) in &p.results {
            out.push_str(&format!("| {name} | {year} | {value} | {unit} |\n"));
        }
        out.push('\n');
    }
    push(&mut out, "## III. NHIỆM VỤ, GIẢI PHÁP");
    for (i, (text, lead, support, due)) in p.tasks.iter().enumerate() {
        let mut item = format!("{}. {text} Chủ trì: **{lead}**", i + 1);
        if !support.is_empty() {
            item.push_str(&format!("; phối hợp: {}", support.join(", ")));
        }
        if let Some(d) = due {
            item.push_str(&format!("; thời hạn: {d}"));
        }
        item.push_str(".\n");
        out.push_str(&item);
    }
    if p.tasks.is_empty() {
        push(&mut out, &paragraph(rng, p.topic));
    } else {
        out.push('\n');
    }
    push(&mut out, "| STT | Nội dung | Thời gian |\n|---|---|---|");
    out.truncate(out.len() - 1);
    for i in 1..=3 + rng.usize(0..4) {
        let quarter = ["I", "II", "III", "IV"][rng.usize(0..4)];
        out.push_str(&format!(
            "| {i} | {} | Quý {quarter} |\n",
            item_phrase(rng, p.topic)
        ));
    }
    out.push('\n');
    push(&mut out, "## IV. TỔ CHỨC THỰC HIỆN");
    count = words(&out);
    loop {
        let para = paragraph(rng, p.topic);
        count += words(&para);
        push(&mut out, &para);
        if count >= target.saturating_sub(40) {
            break;
        }
    }
    out.push_str("Nơi nhận:\n\n");
    for r in &p.recipients {
        out.push_str(&format!("- {r},\n"));
    }
    out.push_str("- Lưu văn thư.\n\n");
    out.push_str(&format!(
        "{}  \n**{}**\n",
        p.signer_title.to_uppercase(),
        p.signer
    ));
    out
}
