//! The administrative head a printed page opens with, shared by a document's page and the
//! periodic reports: on the left the superior body, the issuer (and under it a short rule for
//! a State document, a "*" for a Party one), the number, and for a công văn its subject
//! ("V/v …"); on the right the motto ("ĐẢNG CỘNG SẢN VIỆT NAM", or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
//! VIỆT NAM / Độc lập - Tự do - Hạnh phúc") and the place and date line, as Nghị định
//! 30/2020/NĐ-CP (Phụ lục I) lays out State documents and Hướng dẫn 36-HD/VPTW Party ones.
//! Which of the two a document follows is decided by [`Family::of`]; a line whose fact is
//! unknown is left out, never made up.

use serde::Serialize;

use super::*;
use crate::load::registry::Registry;
use crate::model::Language;
use crate::text::{key_in, name_key};

/// The two families of administrative documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// Hướng dẫn 36-HD/VPTW: `Số 39-KL/TW`, "ĐẢNG CỘNG SẢN VIỆT NAM".
    Party,
    /// Nghị định 30/2020/NĐ-CP: `Số: 123/KH-UBND`, the national motto.
    State,
}

/// Words of a body's name that make it a Party body (compared as [`name_key`]s, both tone
/// mark placements of "ủy").
const PARTY_WORDS: [&str; 13] = [
    "đảng",
    "bộ chính trị",
    "tỉnh ủy",
    "tỉnh uỷ",
    "thành ủy",
    "thành uỷ",
    "huyện ủy",
    "huyện uỷ",
    "quận ủy",
    "quận uỷ",
    "thị ủy",
    "thị uỷ",
    "đảng uỷ",
];

/// Words of a body's name that make it a State body (after [`PARTY_WORDS`]).
const STATE_WORDS: [&str; 8] = [
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "ubnd",
    "hội đồng nhân dân",
    "hđnd",
    "chính phủ",
    "thủ tướng",
    "quốc hội",
];

/// Names that open with these are State bodies too: "Bộ Tài chính", "Sở Nội vụ" ("Bộ Chính
/// trị" is a Party body, found first).
const STATE_OPENINGS: [&str; 2] = ["bộ ", "sở "];

impl Family {
    /// The family of a number by its form: `39-KL/TW` (number, `-`, kind, `/`, issuer) is a
    /// Party number; `123/KH-UBND` and `09/2023/QĐ-UBND` (number, `/`, …, `-`) are State
    /// numbers; any other form says nothing.
    pub(crate) fn of_number(number: &str) -> Option<Family> {
        let n = number.trim();
        let digits = n.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &n[digits..];
        match rest.as_bytes().first() {
            _ if digits == 0 => None,
            Some(b'-') if rest[1..].contains('/') => Some(Family::Party),
            Some(b'/') if rest[1..].contains('-') => Some(Family::State),
            _ => None,
        }
    }

    /// The family of a party by its place in the registry: the nearest of the party and the
    /// bodies above it whose name is a Party body's (a name with "Đảng", "Bộ Chính trị" or a
    /// Party committee: "Tỉnh ủy", "Huyện ủy", …) or a State body's ("Ủy ban nhân dân",
    /// "Chính phủ", a "Bộ …" or "Sở …"). So bodies under the Party's central committee or a
    /// provincial Party committee are Party bodies, those under a People's Committee State
    /// bodies. None when no name on the way up says.
    pub(crate) fn of_party(registry: &Registry, p: Party) -> Option<Family> {
        let names: Vec<&str> = match p {
            Party::Body(b) => registry
                .with_ancestors(b)
                .into_iter()
                .map(|a| registry.bodies[a].name.as_str())
                .collect(),
            Party::Group(_) => vec![registry.name(p)],
        };
        names.into_iter().find_map(Family::of_name)
    }

    /// The family one name says, if it says one.
    fn of_name(name: &str) -> Option<Family> {
        let key = name_key(name);
        if PARTY_WORDS.iter().any(|w| key_in(&key, w)) {
            Some(Family::Party)
        } else if STATE_WORDS.iter().any(|w| key_in(&key, w))
            || STATE_OPENINGS.iter().any(|w| key.starts_with(w))
        {
            Some(Family::State)
        } else {
            None
        }
    }

    /// A document's family: by its number's form first, then by its issuer's place in the
    /// registry.
    pub(crate) fn of(g: &Graph, d: DocId) -> Option<Family> {
        let doc = &g.documents()[d];
        Family::of_number(&doc.number)
            .or_else(|| doc.issuer.and_then(|p| Family::of_party(g.registry(), p)))
    }

    fn key(family: Option<Family>) -> &'static str {
        match family {
            Some(Family::Party) => "party",
            Some(Family::State) => "state",
            None => "",
        }
    }
}

/// The head's lines, each escaped by the template (`letterhead` in macros.html); a line
/// without its fact is `None` and not printed.
#[derive(Serialize)]
pub struct Letterhead<'a> {
    /// "party", "state", or "" when neither is known (no motto then).
    pub family: &'static str,
    /// The issuer's parent in the registry.
    pub superior: Option<&'a str>,
    pub issuer: Option<&'a str>,
    /// "Số 39-KL/TW" (Party) or "Số: 123/KH-UBND" (State and unknown).
    pub number: Option<String>,
    /// "Hà Nội, ngày 18 tháng 7 năm 2022".
    pub date_line: Option<String>,
    /// A công văn's subject, printed "V/v …" under its number.
    pub subject: Option<&'a str>,
}

impl<'a> Letterhead<'a> {
    /// The head of `issuer`'s paper: its family, its superior body, its name.
    pub(crate) fn of(g: &'a Graph, issuer: Option<Party>, family: Option<Family>) -> Self {
        let superior = match issuer {
            Some(Party::Body(b)) => g.registry().bodies[b]
                .parent
                .filter(|&p| p != b)
                .map(|p| g.registry().bodies[p].name.as_str()),
            _ => None,
        };
        Letterhead {
            family: Family::key(family),
            superior,
            issuer: issuer.map(|p| g.registry().name(p)),
            number: None,
            date_line: None,
            subject: None,
        }
    }

    /// The number as the family prints it: without a colon for a Party document.
    pub(crate) fn number_line(lang: Language, family: Option<Family>, number: &str) -> String {
        let word = crate::i18n::labels(lang).number_printed;
        match family {
            Some(Family::Party) => format!("{word} {number}"),
            _ => format!("{word}: {number}"),
        }
    }
}

/// A công văn's subject as printed after "V/v": its title, without a "V/v" it already has.
pub(crate) fn subject(title: &str) -> &str {
    let t = title.trim_start();
    match t.get(..3) {
        Some(v) if v.eq_ignore_ascii_case("v/v") => t[3..].trim_start_matches([' ', ':']),
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    #[test]
    fn a_numbers_form_says_its_family() {
        assert_eq!(Family::of_number("39-KL/TW"), Some(Family::Party));
        assert_eq!(Family::of_number("1002-CV/TU"), Some(Family::Party));
        assert_eq!(Family::of_number("02-QĐ/BCĐ"), Some(Family::Party));
        assert_eq!(Family::of_number("123/KH-UBND"), Some(Family::State));
        assert_eq!(Family::of_number("09/2023/QĐ-UBND"), Some(Family::State));
        for other in ["", "KL/TW", "39", "39-KL", "39/KL", "-/", "tin-bai-2024"] {
            assert_eq!(Family::of_number(other), None, "{other}");
        }
    }

    #[test]
    fn a_bodys_name_says_its_family() {
        let of = Family::of_name;
        assert_eq!(of("Bộ Chính trị"), Some(Family::Party));
        assert_eq!(of("Ban Thường vụ Tỉnh uỷ Lai Châu"), Some(Family::Party));
        assert_eq!(of("Văn phòng Trung ương Đảng"), Some(Family::Party));
        assert_eq!(of("Ban cán sự đảng Bộ Nội vụ"), Some(Family::Party));
        assert_eq!(of("Ủy ban nhân dân tỉnh"), Some(Family::State));
        assert_eq!(of("Văn phòng UBND tỉnh"), Some(Family::State));
        assert_eq!(of("Sở Nội vụ"), Some(Family::State));
        assert_eq!(of("Bộ Tài chính"), Some(Family::State));
        assert_eq!(of("Văn phòng"), None);
        assert_eq!(of("Cơ sở đào tạo"), None);
        assert_eq!(of("xaydungdang.org.vn"), None);
    }

    #[test]
    fn numbers_and_subjects_print_as_each_family_writes_them() {
        let n = |f| Letterhead::number_line(Language::Vi, f, "39-KL/TW");
        assert_eq!(n(Some(Family::Party)), "Số 39-KL/TW");
        assert_eq!(n(Some(Family::State)), "Số: 39-KL/TW");
        assert_eq!(n(None), "Số: 39-KL/TW");
        assert_eq!(subject("V/v triển khai Kết luận"), "triển khai Kết luận");
        assert_eq!(subject("v/v: triển khai"), "triển khai");
        assert_eq!(subject("Triển khai"), "Triển khai");
        assert_eq!(subject("Về"), "Về");
    }
}
