//! Text normalisation shared by every stage: Unicode NFC, the case- and form-insensitive
//! key used to match names, the accent-free fold (đ → d) and URL-safe slugs.

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::{options::CollatorOptions, Collator, CollatorBorrowed};
use unicode_normalization::UnicodeNormalization;

/// Canonical composition, so that NFD input (as some editors and macOS save it) reads the same.
pub fn nfc(s: &str) -> String {
    // Almost all text is already composed: checking is much cheaper than recomposing.
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// The key two names are compared by: NFC, lower case, inner white space collapsed.
pub fn name_key(s: &str) -> String {
    let lowered: String = nfc(s).chars().flat_map(char::to_lowercase).collect();
    nfc(&lowered)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Accent-free lower-case ASCII form ("Đồng" → "dong"), for slugs and near-name suggestions.
pub fn fold(s: &str) -> String {
    deunicode::deunicode(&nfc(s)).to_lowercase()
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
pub struct SlugSet(std::collections::HashSet<String>);

impl SlugSet {
    pub fn take(&mut self, id: &str) -> String {
        let base = slug(id);
        let mut candidate = base.clone();
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
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
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
