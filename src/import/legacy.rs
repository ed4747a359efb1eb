//! Text typed in the legacy Vietnamese encodings, mapped to Unicode by the font of its run:
//! TCVN3 (ABC; fonts `.VnTime`, `.VnArial`, …, capitals in the `…H` fonts such as
//! `.VnTimeH`), whose Latin-1 code points each stand for one Vietnamese letter, and VNI
//! (fonts `VNI-Times`, …), which writes a letter as a base letter followed by Latin-1 code
//! points standing for its marks. The result is NFC.

use unicode_normalization::UnicodeNormalization;

/// The legacy encoding a font name implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Legacy {
    /// TCVN3; `caps` for the capital fonts (`.VnTimeH`), whose every letter prints upper-case.
    Tcvn3 {
        caps: bool,
    },
    Vni,
}

/// The encoding of a run in font `font`, if it is a legacy one.
pub(crate) fn of_font(font: &str) -> Option<Legacy> {
    let f = font.trim();
    if f.starts_with(".Vn") || f.starts_with(".vn") {
        let caps = f.ends_with('H') || f.ends_with("H Bold") || f.contains("H ");
        return Some(Legacy::Tcvn3 { caps });
    }
    if f.len() >= 4 && f[..4].eq_ignore_ascii_case("VNI-") {
        return Some(Legacy::Vni);
    }
    None
}

/// `text` as Unicode (NFC).
pub(crate) fn decode(text: &str, legacy: Legacy) -> String {
    match legacy {
        Legacy::Tcvn3 { caps } => {
            let s: String = text.chars().map(tcvn3_char).collect();
            if caps {
                s.to_uppercase()
            } else {
                s
            }
        }
        Legacy::Vni => vni(text),
    }
}

/// TCVN3 code points (as Latin-1 characters) and the letters they stand for.
const TCVN3: &[(char, char)] = &[
    ('µ', 'à'),
    ('¸', 'á'),
    ('¶', 'ả'),
    ('·', 'ã'),
    ('¹', 'ạ'),
    ('¨', 'ă'),
    ('»', 'ằ'),
    ('¾', 'ắ'),
    ('¼', 'ẳ'),
    ('½', 'ẵ'),
    ('Æ', 'ặ'),
    ('©', 'â'),
    ('Ç', 'ầ'),
    ('Ê', 'ấ'),
    ('È', 'ẩ'),
    ('É', 'ẫ'),
    ('Ë', 'ậ'),
    ('®', 'đ'),
    ('Ì', 'è'),
    ('Ð', 'é'),
    ('Î', 'ẻ'),
    ('Ï', 'ẽ'),
    ('Ñ', 'ẹ'),
    ('ª', 'ê'),
    ('Ò', 'ề'),
    ('Õ', 'ế'),
    ('Ó', 'ể'),
    ('Ô', 'ễ'),
    ('Ö', 'ệ'),
    ('×', 'ì'),
    ('Ý', 'í'),
    ('Ø', 'ỉ'),
    ('Ü', 'ĩ'),
    ('Þ', 'ị'),
    ('ß', 'ò'),
    ('ã', 'ó'),
    ('á', 'ỏ'),
    ('â', 'õ'),
    ('ä', 'ọ'),
    ('«', 'ô'),
    ('å', 'ồ'),
    ('è', 'ố'),
    ('æ', 'ổ'),
    ('ç', 'ỗ'),
    ('é', 'ộ'),
    ('¬', 'ơ'),
    ('ê', 'ờ'),
    ('í', 'ớ'),
    ('ë', 'ở'),
    ('ì', 'ỡ'),
    ('î', 'ợ'),
    ('ï', 'ù'),
    ('ó', 'ú'),
    ('ñ', 'ủ'),
    ('ò', 'ũ'),
    ('ô', 'ụ'),
    ('\u{AD}', 'ư'),
    ('õ', 'ừ'),
    ('ø', 'ứ'),
    ('ö', 'ử'),
    ('÷', 'ữ'),
    ('ù', 'ự'),
    ('ú', 'ỳ'),
    ('ý', 'ý'),
    ('û', 'ỷ'),
    ('ü', 'ỹ'),
    ('þ', 'ỵ'),
    ('¡', 'Ă'),
    ('¢', 'Â'),
    ('§', 'Đ'),
    ('£', 'Ê'),
    ('¤', 'Ô'),
    ('¥', 'Ơ'),
    ('¦', 'Ư'),
];

fn tcvn3_char(c: char) -> char {
    TCVN3.iter().find(|&&(k, _)| k == c).map_or(c, |&(_, u)| u)
}

/// VNI letters that are one code point: ơ, ư, đ, the toned i, and ỵ.
const VNI_LETTERS: &[(char, char)] = &[
    ('ô', 'ơ'),
    ('Ô', 'Ơ'),
    ('ö', 'ư'),
    ('Ö', 'Ư'),
    ('ñ', 'đ'),
    ('Ñ', 'Đ'),
    ('í', 'í'),
    ('ì', 'ì'),
    ('æ', 'ỉ'),
    ('ó', 'ĩ'),
    ('ò', 'ị'),
    ('Í', 'Í'),
    ('Ì', 'Ì'),
    ('Æ', 'Ỉ'),
    ('Ó', 'Ĩ'),
    ('Ò', 'Ị'),
    ('î', 'ỵ'),
    ('Î', 'Ỵ'),
];

const ACUTE: char = '\u{301}';
const GRAVE: char = '\u{300}';
const HOOK: char = '\u{309}';
const TILDE: char = '\u{303}';
const DOT: char = '\u{323}';
const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';

/// The marks a VNI code point adds after a vowel: a tone, or a circumflex (after a, e, o)
/// or a breve (after a), alone or with a tone.
fn vni_marks(c: char, base: char) -> Option<&'static [char]> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let b = base.to_lowercase().next().unwrap_or(base);
    let tone: Option<&'static [char]> = match lower {
        'ù' => Some(&[ACUTE]),
        'ø' => Some(&[GRAVE]),
        'û' => Some(&[HOOK]),
        'õ' => Some(&[TILDE]),
        'ï' => Some(&[DOT]),
        _ => None,
    };
    if tone.is_some() {
        return tone;
    }
    if matches!(b, 'a' | 'e' | 'o') {
        let hat: Option<&'static [char]> = match lower {
            'â' => Some(&[CIRCUMFLEX]),
            'á' => Some(&[CIRCUMFLEX, ACUTE]),
            'à' => Some(&[CIRCUMFLEX, GRAVE]),
            'å' => Some(&[CIRCUMFLEX, HOOK]),
            'ã' => Some(&[CIRCUMFLEX, TILDE]),
            'ä' => Some(&[CIRCUMFLEX, DOT]),
            _ => None,
        };
        if hat.is_some() {
            return hat;
        }
    }
    if b == 'a' {
        return match lower {
            'ê' => Some(&[BREVE]),
            'é' => Some(&[BREVE, ACUTE]),
            'è' => Some(&[BREVE, GRAVE]),
            'ú' => Some(&[BREVE, HOOK]),
            'ü' => Some(&[BREVE, TILDE]),
            'ë' => Some(&[BREVE, DOT]),
            _ => None,
        };
    }
    None
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ơ' | 'ư'
    )
}

fn vni(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_vowel: Option<char> = None;
    for c in text.chars() {
        if let Some(marks) = last_vowel.and_then(|b| vni_marks(c, b)) {
            out.extend(marks);
            last_vowel = None;
            continue;
        }
        let letter = VNI_LETTERS
            .iter()
            .find(|&&(k, _)| k == c)
            .map_or(c, |&(_, u)| u);
        out.push(letter);
        last_vowel = is_vowel(letter).then_some(letter);
    }
    out.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unicode to TCVN3, the inverse of the table, to check the round trip.
    fn to_tcvn3(s: &str) -> String {
        s.chars()
            .map(|c| TCVN3.iter().find(|&&(_, u)| u == c).map_or(c, |&(k, _)| k))
            .collect()
    }

    #[test]
    fn tcvn3_known_words() {
        let t = Legacy::Tcvn3 { caps: false };
        assert_eq!(decode("ViÖt Nam", t), "Việt Nam");
        assert_eq!(decode("TØnh ñy", t), "Tỉnh ủy");
        assert_eq!(decode("M\u{AD}êng Kh\u{AD}¬ng", t), "Mường Khương");
        assert_eq!(decode("§¶ng bé tØnh Lai Ch©u", t), "Đảng bộ tỉnh Lai Châu");
        for w in [
            "Việt Nam",
            "Tỉnh ủy",
            "Kết luận số 39-KL/TW",
            "Ban Thường vụ",
            "Hà Nội, ngày 18 tháng 7 năm 2022",
        ] {
            assert_eq!(decode(&to_tcvn3(w), t), w, "round trip of {w}");
        }
    }

    #[test]
    fn tcvn3_capital_fonts_print_upper_case() {
        let t = of_font(".VnTimeH").unwrap();
        assert_eq!(t, Legacy::Tcvn3 { caps: true });
        assert_eq!(
            decode("céng hßa x· héi chñ nghÜa viÖt nam", t),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
    }

    #[test]
    fn vni_known_words() {
        let v = Legacy::Vni;
        assert_eq!(decode("Vieät Nam", v), "Việt Nam");
        assert_eq!(decode("Tænh uûy", v), "Tỉnh ủy");
        assert_eq!(decode("Ñaûng Coäng saûn", v), "Đảng Cộng sản");
        assert_eq!(decode("Thöôøng tröïc", v), "Thường trực");
        assert_eq!(decode("naêm", v), "năm");
        assert_eq!(decode("quyeát ñònh", v), "quyết định");
        assert_eq!(decode("VIEÄT NAM", v), "VIỆT NAM");
        assert_eq!(decode("ñaëc bieät", v), "đặc biệt");
    }

    #[test]
    fn fonts() {
        assert_eq!(of_font(".VnTime"), Some(Legacy::Tcvn3 { caps: false }));
        assert_eq!(of_font("VNI-Times"), Some(Legacy::Vni));
        assert_eq!(of_font("Times New Roman"), None);
        assert_eq!(of_font("Arial"), None);
    }
}
