//! A layout's header and footer as the front matter's fields: the kind (printed, or named by
//! the number's code), the title (capitals made readable), the issuer (the collective a
//! `T/M` signs for, else the header's issuer under its superior), the signer and the
//! recipients, each with the note that marks it a guess.

use super::header::{Layout, TitleFrom};
use super::links::{issuer_code, kind_of_number};
use super::messages::note;
use super::names::{capitalise, Names};
use super::tasks::Named;
use crate::model::Party;

/// A value and, when it is a guess, why.
#[derive(Debug, Clone)]
pub(crate) struct Guess<T> {
    pub(crate) value: T,
    pub(crate) note: Option<&'static str>,
}

fn sure<T>(value: T) -> Guess<T> {
    Guess { value, note: None }
}

fn guess<T>(value: T, note: &'static str) -> Guess<T> {
    Guess {
        value,
        note: Some(note),
    }
}

/// The kind: as printed, a copy stamp's, named by the number, or guessed.
pub(crate) fn kind(l: &Layout) -> Guess<String> {
    let word = |caps: &str| capitalise(&caps.to_lowercase());
    if l.stamp.is_some() {
        return sure("Bản sao".to_string());
    }
    if let Some(k) = &l.kind_line {
        return sure(word(k));
    }
    if let Some(k) = l.number.as_deref().and_then(kind_of_number) {
        return guess(word(k), note::KIND_FROM_NUMBER);
    }
    match l.title.as_ref().map(|t| t.1) {
        Some(TitleFrom::Subject) => sure("Công văn".to_string()),
        Some(TitleFrom::BeforeKinhGui) => guess("Công văn".to_string(), note::KIND_GUESSED),
        Some(TitleFrom::News) => sure("Tin bài".to_string()),
        _ => guess("Văn bản".to_string(), note::KIND_GUESSED),
    }
}

/// The title: capitals at its start made readable, the kind put before a title that starts
/// with "của …" ("KẾT LUẬN / CỦA BỘ CHÍNH TRỊ / về …").
pub(crate) fn title(l: &Layout, kind: &str, names: &Names) -> Guess<String> {
    let Some((t, from)) = &l.title else {
        return guess(String::new(), note::TITLE_MISSING);
    };
    let mut out = t.clone();
    let mut n = None;
    if let TitleFrom::Kind { caps: true } = from {
        let words: Vec<&str> = t.split_whitespace().collect();
        let upto = words
            .iter()
            .position(|w| w.chars().any(char::is_lowercase))
            .unwrap_or(words.len());
        let head = names.recase(&words[..upto].join(" "));
        out = std::iter::once(head.as_str())
            .chain(words[upto..].iter().copied())
            .collect::<Vec<_>>()
            .join(" ");
        n = Some(note::TITLE_RECASED);
    }
    if out.starts_with("Của ") || out.starts_with("của ") {
        out = format!("{kind} {}{}", out[..1].to_lowercase(), &out[1..]);
    }
    if *from == TitleFrom::BeforeKinhGui {
        n = Some(note::TITLE_GUESSED);
    }
    Guess {
        value: capitalise(&out),
        note: n,
    }
}

/// The issuer, with the note that says where it was read from.
pub(crate) fn issuer(l: &Layout, names: &Names) -> Guess<Named> {
    if let Some(source) = &l.news_source {
        let site = source.rsplit('/').next().unwrap_or(source).trim();
        return match names.resolve(site).or_else(|| names.resolve(source)) {
            Some(p) => guess(Named::Known(p), note::ISSUER_FROM_SOURCE),
            None => guess(Named::Unknown(site.to_string()), note::ISSUER_FROM_SOURCE),
        };
    }
    let signer = signer_body(l, names);
    let header = header_body(l, names);
    let collective = l
        .authority
        .as_ref()
        .is_some_and(|(of, _)| matches!(of.as_str(), "T/M" | "TM."));
    let order = if collective {
        [
            (&signer, note::ISSUER_FROM_SIGNER),
            (&header, note::ISSUER_FROM_HEADER),
        ]
    } else {
        [
            (&header, note::ISSUER_FROM_HEADER),
            (&signer, note::ISSUER_FROM_SIGNER),
        ]
    };
    for (found, why) in order {
        if let Some(Named::Known(p)) = found {
            return guess(Named::Known(*p), why);
        }
    }
    for (found, why) in order {
        if let Some(n) = found {
            return guess(n.clone(), why);
        }
    }
    guess(Named::Unknown(String::new()), note::ISSUER_FROM_HEADER)
}

/// The body a collective authority names (`T/M BAN THƯỜNG VỤ` under number `…/TU`: "Ban
/// Thường vụ Tỉnh ủy", of the document's place when the registry has it).
fn signer_body(l: &Layout, names: &Names) -> Option<Named> {
    let (_, title) = l.authority.as_ref()?;
    let x = names.recase(title);
    let of_code = match l.number.as_deref().and_then(issuer_code) {
        Some("TW") => Some("Trung ương"),
        Some("TU") => Some("Tỉnh ủy"),
        Some("HU") => Some("Huyện ủy"),
        Some("ĐU") => Some("Đảng ủy"),
        _ => None,
    };
    let mut forms: Vec<String> = of_code.map(|c| format!("{x} {c}")).into_iter().collect();
    forms.push(x.clone());
    for level in ["tỉnh", "huyện", "xã", "thành phố"] {
        forms.push(format!("{x} {level}"));
    }
    forms
        .iter()
        .find_map(|f| names.resolve(f))
        .map(Named::Known)
        .or(Some(Named::Unknown(x)))
}

/// The issuer printed at the top left, under its superior ("TỈNH ỦY LAI CHÂU / VĂN PHÒNG":
/// "Văn phòng Tỉnh ủy Lai Châu").
fn header_body(l: &Layout, names: &Names) -> Option<Named> {
    let lines: Vec<String> = l.issuer_lines.iter().map(|x| names.recase(x)).collect();
    let issuer = lines.last()?;
    let mut forms = Vec::new();
    if lines.len() >= 2 {
        forms.push(format!("{issuer} {}", lines[0]));
    }
    forms.push(issuer.clone());
    if lines.len() >= 2 {
        forms.push(lines.join(" "));
    }
    forms
        .iter()
        .find_map(|f| names.resolve(f))
        .map(Named::Known)
        .or_else(|| Some(Named::Unknown(forms[0].clone())))
}

/// `T/M Ban Thường vụ`, `K/T Chánh văn phòng / Phó Chánh văn phòng`.
pub(crate) fn signer_title(l: &Layout, names: &Names) -> Option<String> {
    let (of, title) = l.authority.as_ref()?;
    let readable = |t: &str| {
        let r = names.recase(t);
        match r.strip_prefix("Phó ") {
            Some(rest) => format!("Phó {}", capitalise(rest)),
            None => r,
        }
    };
    let mut parts = vec![format!("{of} {}", readable(title))];
    parts.extend(l.signer_titles.iter().map(|t| readable(t)));
    Some(parts.join(" / "))
}

/// The recipients of "Kính gửi" and "Nơi nhận": the registry's bodies and groups, and the
/// names it does not hold ("Như trên" and the archive's "Lưu" read as what they name).
pub(crate) fn recipients(l: &Layout, names: &Names) -> (Vec<Party>, Vec<String>) {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for item in l.kinh_gui.iter().chain(&l.noi_nhan) {
        let mut name = item
            .trim()
            .trim_end_matches([',', ';', '.', ':'])
            .replace("(b/c)", "")
            .replace("(để b/c)", "");
        if let Some(rest) = name.strip_prefix("Lưu") {
            name = rest.trim_start_matches([':', ' ']).to_string();
        }
        let name = name.trim().to_string();
        if name.is_empty() || name.to_lowercase().starts_with("như trên") {
            continue;
        }
        match names.resolve(&name) {
            Some(p) if !known.contains(&p) => known.push(p),
            Some(_) => {}
            None if !unknown.contains(&name) => unknown.push(name),
            None => {}
        }
    }
    (known, unknown)
}
