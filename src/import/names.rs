//! Names of bodies in a document's text, against the site's registry: a name resolved as the
//! build resolves it (id, name or alias; case and Unicode form aside), also in the old
//! placement of tone marks (`uỷ` for `ủy`, `hoà` for `hòa`), and qualified by the document's
//! place (a province names its own bodies without the province: "Văn phòng Tỉnh ủy" in a
//! document of Lai Châu is "Văn phòng Tỉnh ủy Lai Châu"). The name a text starts with, an
//! unknown body's name (a body word, then words up to the first verb), capitals made
//! readable again, and the entry a new body would need in `bodies.yaml`.

use std::collections::HashMap;

use crate::load::registry::Registry;
use crate::model::Party;
use crate::text::{name_key, slug};

/// The registry's names, keyed for comparison, and the document's place.
pub(crate) struct Names<'r> {
    pub(crate) registry: &'r Registry,
    keys: HashMap<String, Party>,
    /// Every name and alias as written, longest first (to restore capitals).
    proper: Vec<String>,
    place: Option<String>,
}

/// Old placements of tone marks and the placement the keys use.
const TONES: &[(&str, &str)] = &[
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
];

/// Names that keep their capitals inside a text set in capitals.
const PROPER: &[&str] = &[
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Chấp hành Trung ương",
    "Ban Chấp hành",
    "Ban Thường vụ",
    "Thường trực",
    "Trung ương",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thành ủy",
    "Đảng ủy",
    "Đảng",
    "Nhà nước",
    "Chính phủ",
    "Quốc hội",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Mặt trận Tổ quốc",
    "Việt Nam",
    "Hồ Chí Minh",
    "Hà Nội",
];

/// Words a body's name starts with.
const BODY_WORDS: &[&str] = &[
    "Ban",
    "Bộ",
    "Sở",
    "Cục",
    "Vụ",
    "Tổng cục",
    "Văn phòng",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "HĐND",
    "Hội đồng",
    "Cơ quan",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thành ủy",
    "Đảng ủy",
    "Đảng đoàn",
    "Chính phủ",
    "Mặt trận",
    "Trường",
    "Học viện",
    "Viện",
    "Công an",
    "Tòa án",
    "Thanh tra",
    "Kiểm toán",
    "Đoàn",
    "Hội",
    "Liên đoàn",
    "Thường trực",
    "Phòng",
    "Trung tâm",
    "Chi cục",
    "Các cơ quan",
    "Các sở",
    "Các ban",
    "Các bộ",
    "Các đơn vị",
    "Các địa phương",
    "Các tỉnh ủy",
    "Các huyện ủy",
    "Các đảng ủy",
    "Các cấp ủy",
    "Các chi bộ",
    "Các tổ chức",
    "Các ngành",
    "Các đoàn thể",
];

/// Verbs that end a body's name at the start of a sentence that gives it work.
pub(crate) const VERBS: &[&str] = &[
    "chủ trì",
    "phối hợp",
    "tham mưu",
    "theo dõi",
    "quán triệt",
    "bảo đảm",
    "đảm bảo",
    "sao gửi",
    "chỉ đạo",
    "tổ chức",
    "xây dựng",
    "thực hiện",
    "triển khai",
    "hướng dẫn",
    "chịu trách nhiệm",
    "có trách nhiệm",
    "tiếp tục",
    "rà soát",
    "báo cáo",
    "kiểm tra",
    "nghiên cứu",
    "tuyên truyền",
    "đôn đốc",
    "phổ biến",
    "đẩy mạnh",
    "tăng cường",
    "bố trí",
    "ban hành",
    "trình",
    "giám sát",
    "khẩn trương",
    "nâng cao",
    "cung cấp",
    "tập trung",
    "cử",
    "gửi",
    "phải",
    "cần",
    "lựa chọn",
];

/// The key two names are compared by here: the build's, tone marks placed one way.
pub(crate) fn key(s: &str) -> String {
    let mut k = name_key(s.trim().trim_end_matches([',', ';', ':', '.']).trim());
    for (old, new) in TONES {
        if k.contains(old) {
            k = k.replace(old, new);
        }
    }
    k
}

impl<'r> Names<'r> {
    pub(crate) fn new(registry: &'r Registry, place: Option<&str>) -> Names<'r> {
        let mut keys = HashMap::new();
        let mut proper: Vec<String> = PROPER.iter().map(|s| s.to_string()).collect();
        for p in registry.parties() {
            keys.entry(key(registry.id(p))).or_insert(p);
            let aliases = registry.aliases(p).iter().map(String::as_str);
            for n in std::iter::once(registry.name(p)).chain(aliases) {
                keys.entry(key(n)).or_insert(p);
                proper.push(n.to_string());
            }
        }
        proper.extend(place.map(str::to_string));
        proper.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Names {
            registry,
            keys,
            proper,
            place: place.map(str::to_string),
        }
    }

    /// The body or group `name` names, also qualified by the document's place (preferred).
    pub(crate) fn resolve(&self, name: &str) -> Option<Party> {
        let name = name.trim();
        let mut forms = Vec::new();
        if let Some(p) = &self.place {
            forms.extend([
                format!("{name} {p}"),
                format!("{name} tỉnh {p}"),
                format!("{name} ({p})"),
                format!("{name} (tỉnh {p})"),
            ]);
        }
        forms.push(name.to_string());
        if !key(name).starts_with("các ") {
            forms.push(format!("Các {name}"));
        }
        forms.iter().find_map(|f| self.keys.get(&key(f)).copied())
    }

    /// The longest name of a body or group that `text` starts with, and its number of words.
    pub(crate) fn at_start(&self, text: &str) -> Option<(Party, usize)> {
        let words: Vec<&str> = text.split_whitespace().take(24).collect();
        (1..=words.len()).rev().find_map(|n| {
            let w = &words[..n];
            let last = w[n - 1];
            // A name ends at a word, not inside a parenthesis or before a hyphenated word.
            if last.ends_with('-') {
                return None;
            }
            self.resolve(&w.join(" ")).map(|p| (p, n))
        })
    }

    /// An unknown body's name at the start of `text`: a body word, then words up to the
    /// first verb. Returns the name and its number of words.
    pub(crate) fn unknown_at_start(&self, text: &str) -> Option<(String, usize)> {
        let words: Vec<&str> = text.split_whitespace().take(20).collect();
        if !self.starts_with_body_word(text) {
            return None;
        }
        let end = (1..words.len()).find(|&i| verb_at(&words[i..]))?;
        let name = words[..end].join(" ");
        let name = name.trim_end_matches([',', ';', ':']).to_string();
        (end >= 2 || words[0].chars().count() > 3).then_some((name, end))
    }

    /// Whether `text` starts with a word that starts a body's name ("Sở", "Ban", "Các cơ quan").
    pub(crate) fn starts_with_body_word(&self, text: &str) -> bool {
        let words: Vec<&str> = text.split_whitespace().collect();
        BODY_WORDS.iter().any(|b| {
            let bw: Vec<&str> = b.split_whitespace().collect();
            words.len() >= bw.len()
                && words[..bw.len()]
                    .iter()
                    .zip(&bw)
                    .all(|(a, b)| key(a) == key(b))
        })
    }

    /// A text in capitals as a title or name is written: lower case but for its first letter
    /// and the names of bodies, places and institutions it holds.
    pub(crate) fn recase(&self, caps: &str) -> String {
        let mut out = capitalise(&caps.to_lowercase());
        for proper in &self.proper {
            let lower = proper.to_lowercase();
            if lower.len() != proper.len() || lower.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(i) = out[from..].to_lowercase().find(&lower).map(|i| i + from) {
                let end = i + lower.len();
                let boundary = |s: &str| s.chars().next().is_none_or(|c| !c.is_alphanumeric());
                if out.is_char_boundary(i)
                    && out.is_char_boundary(end)
                    && boundary(out[..i].chars().rev().collect::<String>().as_str())
                    && boundary(&out[end..])
                {
                    let keep_first = i == 0;
                    let mut replaced = proper.clone();
                    if keep_first {
                        replaced = capitalise(&replaced);
                    }
                    out.replace_range(i..end, &replaced);
                }
                from = end.min(out.len());
            }
        }
        out
    }

    /// "did you mean …" for an unknown name, in the registry's words.
    pub(crate) fn suggest(&self, name: &str) -> Option<crate::messages::Msg> {
        self.registry.suggest(name)
    }

    /// The nearest names of the registry to an unknown one, each "`id` (name)".
    pub(crate) fn nearest(&self, name: &str) -> Vec<String> {
        self.registry.nearest(name)
    }
}

/// Whether `words` start with one of [`VERBS`].
pub(crate) fn verb_at(words: &[&str]) -> bool {
    VERBS.iter().any(|v| {
        let vw: Vec<&str> = v.split_whitespace().collect();
        words.len() >= vw.len()
            && words[..vw.len()]
                .iter()
                .zip(&vw)
                .all(|(a, b)| key(a.trim_end_matches([',', ';'])) == *b)
    })
}

pub(crate) use crate::text::capitalise;

/// `s` with its first letter lower-case (a clause quoted inside a sentence).
pub(crate) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The entry a body named `name` would need in `bodies.yaml`.
pub(crate) fn proposal(name: &str, level: Option<&str>) -> String {
    let mut s = format!(
        "  - id: {}\n    name: {}\n",
        slug(name),
        crate::load::yaml::scalar(name)
    );
    if let Some(l) = level {
        s.push_str(&format!("    level: {l}\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        let yaml = "bodies:\n  - id: tinh-uy-lai-chau\n    name: Tỉnh ủy Lai Châu\n  - id: van-phong-tinh-uy-lai-chau\n    name: Văn phòng Tỉnh ủy Lai Châu\n    aliases: [VPTU]\n  - id: ban-to-chuc-trung-uong\n    name: Ban Tổ chức Trung ương\n  - id: bo-chinh-tri\n    name: Bộ Chính trị\n  - id: ban-to-chuc-tinh-uy\n    name: Ban Tổ chức Tỉnh ủy\ngroups:\n  - id: cac-tinh-uy\n    name: Các tỉnh ủy, thành ủy\n    members: []\n";
        let (r, diags) = crate::load::registry::load(std::path::Path::new("bodies.yaml"), yaml);
        assert!(diags.is_empty(), "{diags:?}");
        r
    }

    #[test]
    fn resolves_with_place_and_old_tone_marks() {
        let r = registry();
        let n = Names::new(&r, Some("Lai Châu"));
        let id = |p: Option<Party>| p.map(|p| r.id(p).to_string());
        assert_eq!(
            id(n.resolve("Văn phòng Tỉnh ủy")).as_deref(),
            Some("van-phong-tinh-uy-lai-chau")
        );
        assert_eq!(
            id(n.resolve("Các tỉnh uỷ, thành uỷ")).as_deref(),
            Some("cac-tinh-uy")
        );
        assert_eq!(
            id(n.resolve("VPTU")).as_deref(),
            Some("van-phong-tinh-uy-lai-chau")
        );
        let (p, words) = n
            .at_start("Ban Tổ chức Trung ương tham mưu kiện toàn")
            .unwrap();
        assert_eq!((r.id(p), words), ("ban-to-chuc-trung-uong", 5));
        let n2 = Names::new(&r, None);
        assert_eq!(
            id(n2.resolve("Ban Tổ chức Tỉnh ủy")).as_deref(),
            Some("ban-to-chuc-tinh-uy")
        );
    }

    #[test]
    fn unknown_names_end_at_the_verb() {
        let r = registry();
        let n = Names::new(&r, None);
        assert_eq!(
            n.unknown_at_start("Sở Giáo dục và Đào tạo chủ trì, phối hợp với"),
            Some(("Sở Giáo dục và Đào tạo".into(), 6))
        );
        assert_eq!(n.unknown_at_start("Nâng cao nhận thức, trách nhiệm"), None);
        assert_eq!(n.unknown_at_start("Sau 15 năm thực hiện"), None);
    }

    #[test]
    fn capitals_made_readable() {
        let r = registry();
        let n = Names::new(&r, Some("Lai Châu"));
        assert_eq!(n.recase("CỦA BỘ CHÍNH TRỊ"), "Của Bộ Chính trị");
        assert_eq!(n.recase("TỈNH ỦY LAI CHÂU"), "Tỉnh ủy Lai Châu");
        assert_eq!(n.recase("BAN THƯỜNG VỤ"), "Ban Thường vụ");
        assert_eq!(n.recase("CHÁNH VĂN PHÒNG"), "Chánh văn phòng");
    }

    #[test]
    fn proposals() {
        assert_eq!(
            proposal("Sở Giáo dục và Đào tạo", Some("Tỉnh")),
            "  - id: so-giao-duc-va-dao-tao\n    name: Sở Giáo dục và Đào tạo\n    level: Tỉnh\n"
        );
    }
}
