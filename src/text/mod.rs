//! Text normalisation shared by every stage: Unicode NFC, the case- and form-insensitive
//! key used to match names, the accent-free fold (đ → d) and URL-safe slugs.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::{options::CollatorOptions, Collator, CollatorBorrowed};
use unicode_normalization::UnicodeNormalization;

pub use folded::{for_each_folded_word, for_each_folded_word_composed};
use quick::{is_nfc_quick, is_squashed};

mod folded;
mod quick;

/// `s` with its first letter upper-case ("ngày 03 tháng 8…" → "Ngày 03 tháng 8…").
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Canonical composition, so that NFD input (as some editors and macOS save it) reads the same.
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// [`nfc`] without a copy when `s` is already composed (almost all text is: checking is much
/// cheaper than recomposing).
pub fn nfc_cow(s: &str) -> Cow<'_, str> {
    if is_nfc_quick(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// Lower case, character by character (not `str::to_lowercase`, whose final sigma depends on
/// context); runs of ASCII in one go.
fn push_lowercase(s: &str, out: &mut String) {
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let other = rest
            .bytes()
            .position(|b| b.is_ascii())
            .unwrap_or(rest.len());
        for c in rest[..other].chars() {
            match lower_quick(c) {
                Some(l) => out.push(l),
                None => out.extend(c.to_lowercase()),
            }
        }
        rest = &rest[other..];
    }
}

/// The lower case of the letters Vietnamese text is made of, without `char::to_lowercase`'s
/// table search: Latin-1 (U+00C0–U+00FF) and the paired upper (even) and lower (odd)
/// letters of Latin Extended Additional from U+1EA0 ("Ạ"…"ỿ"). `None` for the others.
fn lower_quick(c: char) -> Option<char> {
    match c {
        '\u{C0}'..='\u{DE}' if c != '×' => char::from_u32(c as u32 + 0x20),
        '\u{DF}'..='\u{FF}' => Some(c),
        '\u{1EA0}'..='\u{1EFF}' => char::from_u32(c as u32 | 1),
        _ => None,
    }
}

/// The key two names are compared by: NFC, lower case, inner white space collapsed.
pub fn name_key(s: &str) -> String {
    let composed = nfc_cow(s);
    let mut lowered = String::with_capacity(composed.len());
    push_lowercase(&composed, &mut lowered);
    // Lower-casing can undo composition, hence a second NFC (a check, nearly always).
    let lowered = match nfc_cow(&lowered) {
        Cow::Borrowed(_) => lowered,
        Cow::Owned(recomposed) => recomposed,
    };
    squash_composed(lowered)
}

/// Whether `key` (a [`name_key`]) occurs in the name key of `text`, without making that key:
/// only the places where one letter of `key` stands (its first letter beyond ASCII, which is
/// rarer, else its first; in either case, found with `memchr::memmem`) are compared, letter by
/// letter on both sides, a run of white space matching one space. Exact for NFC text whose
/// letters lower-case to one letter each, as Vietnamese text is (see the tests); a document
/// page asks it of the last 4,000 bytes of every text.
pub fn key_in(text: &str, key: &str) -> bool {
    let Some(first) = key.chars().next() else {
        return true;
    };
    let (at, anchor) = key
        .char_indices()
        .find(|(_, c)| !c.is_ascii())
        .unwrap_or((0, first));
    let (before, from) = key.split_at(at);
    let mut forms = vec![anchor];
    forms.extend(anchor.to_uppercase().filter(|&u| u != anchor));
    let mut buf = [0u8; 4];
    forms.iter().any(|form| {
        memchr::memmem::find_iter(text.as_bytes(), form.encode_utf8(&mut buf).as_bytes()).any(|i| {
            key_at(text[i..].chars(), from.chars())
                && key_at(text[..i].chars().rev(), before.chars().rev())
        })
    })
}

/// Whether the name key of `text` starts with `key` (see [`key_in`]); both may be read
/// backwards.
fn key_at(text: impl Iterator<Item = char>, key: impl Iterator<Item = char>) -> bool {
    let mut text = text.peekable();
    for k in key {
        let Some(c) = text.next() else {
            return false;
        };
        if k == ' ' {
            if !c.is_whitespace() {
                return false;
            }
            while text.next_if(|c| c.is_whitespace()).is_some() {}
        } else if lower_quick(c).unwrap_or_else(|| c.to_lowercase().next().unwrap_or(c)) != k {
            return false;
        }
    }
    true
}

/// The key a task's full name `DOC#TASK` is compared by: the document's [`name_key`], then
/// the task's id as written (trimmed).
pub fn task_key(reference: &str) -> String {
    match reference.split_once('#') {
        Some((doc, task)) => format!("{}#{}", name_key(doc), task.trim()),
        None => name_key(reference),
    }
}

/// Accent-free lower-case ASCII form ("Đồng" → "dong"), for slugs and near-name suggestions.
pub fn fold(s: &str) -> String {
    let composed = nfc_cow(s);
    // `deunicode::deunicode` is this function made owned; the borrowed form saves a copy.
    let mut out = deunicode::deunicode_with_tofu_cow(&composed, "[?]").into_owned();
    if out.is_ascii() {
        // The same as `to_lowercase` on ASCII, in place.
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

/// Vietnam's collator: the alphabet's own order (a ă â b c d đ e ê … o ô ơ … u ư …), tones
/// compared after letters, case last. Names of bodies are Vietnamese whatever the interface
/// language, so this is the one order for them.
static VIETNAMESE: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    Collator::try_new(
        icu_locale_core::locale!("vi").into(),
        CollatorOptions::default(),
    )
    .expect("the Vietnamese collation is compiled in")
});

/// Compares two names in Vietnamese alphabetical order ("Đ" after "D", not beside it), with
/// byte order as the final tie-break so sorting is total and stable.
pub fn collate(a: &str, b: &str) -> Ordering {
    VIETNAMESE.compare(a, b).then_with(|| a.cmp(b))
}

/// The longest [`slug`] an id may have: it names a file (with a suffix against clashes and an
/// extension), and file systems take at most 255 bytes in a name. A longer one is an error at
/// the id (`fields::slug_too_long`), found by `check` as by `build`.
pub const MAX_SLUG: usize = 200;

/// A file-name-safe slug: ASCII letters, digits and single dashes; never empty, never `.`/`..`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// Hands out unique slugs: `39-kl-tw`, then `39-kl-tw-2` on a clash. `index` is reserved for
/// the folder's own index page.
#[derive(Debug, Default)]
pub struct SlugSet(rustc_hash::FxHashSet<String>);

impl SlugSet {
    pub fn take(&mut self, id: &str) -> String {
        self.take_slug(&slug(id))
    }

    /// [`take`](Self::take) for an id whose [`slug`] is already made.
    pub fn take_slug(&mut self, base: &str) -> String {
        let mut candidate = base.to_string();
        let mut n = 1;
        while candidate == "index" || self.0.contains(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.0.insert(candidate.clone());
        candidate
    }
}

/// Collapses runs of white space to one space and trims, after NFC.
pub fn squash(s: &str) -> String {
    let composed = nfc_cow(s);
    if is_squashed(&composed) {
        composed.into_owned()
    } else {
        join_words(&composed)
    }
}

/// [`squash`] of an owned string, reusing it when it is already composed and squashed.
pub fn squash_owned(s: String) -> String {
    match nfc_cow(&s) {
        Cow::Borrowed(_) => squash_composed(s),
        Cow::Owned(composed) => squash_composed(composed),
    }
}

/// `split_whitespace` joined by single spaces, reusing `s` when it is already so.
fn squash_composed(s: String) -> String {
    if is_squashed(&s) {
        s
    } else {
        join_words(&s)
    }
}

/// `s.split_whitespace()` joined by single spaces. Only ASCII bytes and the lead bytes of the
/// other white space characters (see `quick::is_squashed`) are looked at closely.
fn join_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let (mut i, mut word) = (0, None);
    while i < b.len() {
        let x = b[i];
        let (space, len) = match x {
            b'\t'..=b'\r' | b' ' => (true, 1),
            0..=0x7F => (false, 1),
            0xC2 | 0xE1..=0xE3 => {
                let c = s[i..].chars().next().expect("a character starts here");
                (c.is_whitespace(), c.len_utf8())
            }
            0xF0.. => (false, 4),
            0xE0.. => (false, 3),
            _ => (false, 2),
        };
        match (space, word) {
            (true, Some(start)) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[start..i]);
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..]);
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn name_key_ignores_case_and_normal_form() {
        let nfd = "So\u{031b}\u{0309} No\u{0302}\u{0323}i vu\u{0323}"; // "Sở Nội vụ" decomposed
        assert_eq!(name_key(nfd), name_key("SỞ  NỘI VỤ"));
        assert_eq!(name_key("Sở Nội vụ"), "sở nội vụ");
    }

    #[test]
    fn collates_in_vietnamese_alphabetical_order() {
        let mut names = vec![
            "Đảng ủy",
            "Ủy ban",
            "Dân vận",
            "Ban Tổ chức",
            "Ăn",
            "Âm",
            "An",
            "Ơn",
            "Ôn",
            "On",
            "Ưu",
            "Uy",
            "Văn phòng",
            "Bộ Nội vụ",
        ];
        names.sort_by(|a, b| collate(a, b));
        assert_eq!(
            names,
            [
                "An",
                "Ăn",
                "Âm",
                "Ban Tổ chức",
                "Bộ Nội vụ",
                "Dân vận",
                "Đảng ủy",
                "On",
                "Ôn",
                "Ơn",
                "Uy",
                "Ủy ban",
                "Ưu",
                "Văn phòng",
            ]
        );
        // Tones come after letters: "ma" < "má" < "mai", not "má" after every "ma…".
        let mut tones = vec!["mai", "má", "ma"];
        tones.sort_by(|a, b| collate(a, b));
        assert_eq!(tones, ["ma", "má", "mai"]);
    }

    #[test]
    fn fold_handles_d_stroke() {
        assert_eq!(fold("Quyết định QĐ"), "quyet dinh qd");
        assert_eq!(fold("đĐ đồng ĐỒNG"), "dd dong dong");
        assert_eq!(fold("ĐOÀN"), "doan");
        // Decomposed input folds as composed; ASCII only is lower-cased.
        assert_eq!(fold("D\u{0110}o\u{0302}\u{0300}ng"), "ddong");
        assert_eq!(fold("39-KL/TW"), "39-kl/tw");
        // deunicode's own spacing between transliterated words is kept.
        assert_eq!(fold("北亰"), "bei jing");
        assert_eq!(fold("中 国"), "zhong guo");
    }

    #[test]
    fn name_key_fast_paths() {
        // ASCII, with every kind of white space split_whitespace knows.
        assert_eq!(
            name_key("  UBND\t Tỉnh\n\x0b\x0cHà\u{a0}Nội  "),
            "ubnd tỉnh hà nội"
        );
        assert_eq!(name_key("39-KL/TW"), "39-kl/tw");
        assert_eq!(name_key("a b"), "a b");
        assert_eq!(name_key(""), "");
        assert_eq!(name_key(" \t "), "");
        // NFD and upper case.
        assert_eq!(name_key("\u{0110}A\u{0300}"), "đà");
        assert_eq!(name_key("BỘ  NỘI VỤ"), "bộ nội vụ");
        // Lower-casing that must be recomposed: "Å" (U+212B, Angstrom sign) is NFC "Å".
        assert_eq!(name_key("\u{212B}"), "å");
    }

    #[test]
    fn squash_collapses_and_composes() {
        assert_eq!(squash("  a \t b\n\nc  "), "a b c");
        assert_eq!(squash("a b c"), "a b c");
        assert_eq!(squash("a\u{a0}b"), "a b");
        assert_eq!(squash(""), "");
        assert_eq!(squash("   "), "");
        assert_eq!(squash(" a"), "a");
        assert_eq!(squash("a "), "a");
        assert_eq!(squash("vu\u{0323}  x"), "vụ x");
    }

    #[test]
    fn nfc_skips_only_letters_that_are_always_composed() {
        use unicode_normalization::char::canonical_combining_class;
        let skipped = (0..0x300u32)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32);
        for c in skipped {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
        }
        assert!(matches!(nfc_cow("Sở Nội vụ"), Cow::Borrowed(_)));
        assert_eq!(nfc("So\u{031b}\u{0309}"), "Sở");
        // A combining mark right after a skipped letter still composes with it.
        assert_eq!(nfc("a\u{0301}"), "á");
        assert_eq!(nfc("\u{1EA1}\u{0306}"), "ặ");
    }

    /// The straightforward definitions the fast paths must agree with.
    mod reference {
        use unicode_normalization::UnicodeNormalization;

        pub fn nfc(s: &str) -> String {
            s.nfc().collect()
        }
        pub fn name_key(s: &str) -> String {
            let lowered: String = nfc(s).chars().flat_map(char::to_lowercase).collect();
            nfc(&lowered)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        }
        pub fn fold(s: &str) -> String {
            deunicode::deunicode(&nfc(s)).to_lowercase()
        }
        pub fn squash(s: &str) -> String {
            nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
        }
    }

    pub(super) fn words(s: impl AsRef<[u8]>) -> Vec<String> {
        let s = String::from_utf8(s.as_ref().to_vec()).unwrap();
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn fast_paths_agree_with_the_definitions() {
        const PIECES: &[&str] = &[
            "a", "Z", "đ", "Đ", "ộ", "Ộ", "À", "Ý", "×", "Þ", "ÿ", "\u{1EA0}", "Ỹ", "\u{1EFE}",
            "o", "\u{0302}", "\u{0323}", "\u{0300}", "\u{031b}", " ", "  ", "\t", "\n", "\r",
            "\u{a0}", "\u{2003}", "-", "/", "9", "ß", "İ", "Σ", "ς", "\u{212B}", "\u{1E9E}", "北",
            "亰", "🦄", "\u{0340}", "\u{0344}", "ǅ", "ﬁ", "\u{7f}", "Ả", "ư", "Ư", "\u{0301}",
            "\u{200b}", "…", "\u{85}", "\u{1680}", "\u{2000}", "\u{200a}", "\u{2028}", "\u{2029}",
            "\u{202f}", "\u{205f}", "\u{3000}", "\u{0b}", "\u{0c}", "\u{1c}", "\u{2060}",
            "\u{180e}", "\u{1EFF}", "\u{1F00}", "\u{1DFF}", "\u{2FF}", "\u{300}",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..20_000 {
            let n = rng.usize(0..8);
            let s: String = (0..n).map(|_| PIECES[rng.usize(..PIECES.len())]).collect();
            assert_eq!(nfc(&s), reference::nfc(&s), "{s:?}");
            assert_eq!(name_key(&s), reference::name_key(&s), "{s:?}");
            assert_eq!(fold(&s), reference::fold(&s), "{s:?}");
            assert_eq!(squash(&s), reference::squash(&s), "{s:?}");
            assert_eq!(squash_owned(s.clone()), reference::squash(&s), "{s:?}");
            assert_eq!(
                folded::tests::folded_words(&s),
                words(reference::fold(&s)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn key_in_agrees_with_the_name_key_of_vietnamese_text() {
        const PIECES: &[&str] = &[
            "Nơi",
            "nơi",
            "NƠI",
            "nhận",
            "NHẬN",
            "Nhận:",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            "\u{a0}",
            "**",
            "- ",
            "Võ",
            "VÕ",
            "Văn",
            "VĂN",
            "Thưởng",
            "THƯỞNG",
            "Đỗ",
            "đỗ",
            "ĐỖ",
            "x",
            "N",
            "ận",
            "Ơ",
            "i",
            "I",
            "ưở",
            "Ưở",
            "ng",
            "NG",
            ",",
            ".",
        ];
        const KEYS: &[&str] = &[
            "nơi nhận",
            "võ văn thưởng",
            "đỗ",
            "n",
            "ận",
            "i nhận",
            "ng x",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..20_000 {
            let n = rng.usize(0..12);
            let s: String = (0..n).map(|_| PIECES[rng.usize(..PIECES.len())]).collect();
            for key in KEYS {
                assert_eq!(key_in(&s, key), name_key(&s).contains(key), "{s:?} {key:?}");
            }
        }
        assert!(key_in("…\n\n**NƠI  NHẬN:**", "nơi nhận"));
        assert!(!key_in("Nơi gửi", "nơi nhận"));
    }

    #[test]
    fn quick_lower_case_is_the_standard_one() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if let Some(l) = lower_quick(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c:?}");
            }
        }
        assert_eq!(lower_quick('Ộ'), Some('ộ'));
        assert_eq!(lower_quick('Đ'), None);
    }

    #[test]
    fn slug_set_dedupes_and_reserves_index() {
        let mut s = SlugSet::default();
        assert_eq!(s.take("a.b"), "a-b");
        assert_eq!(s.take("a-b"), "a-b-2");
        assert_eq!(s.take("A/B"), "a-b-3");
        assert_eq!(s.take("a-b-2"), "a-b-2-2");
        assert_eq!(s.take("index"), "index-2");
        assert_eq!(s.take("Index"), "index-3");
    }

    #[test]
    fn slug_is_safe() {
        assert_eq!(slug("39-KL/TW"), "39-kl-tw");
        assert_eq!(slug("02-QĐ/BCĐ"), "02-qd-bcd");
        assert_eq!(slug("../../x"), "x");
        assert_eq!(slug("///"), "x");
        assert_eq!(slug(".."), "x");
    }
}
