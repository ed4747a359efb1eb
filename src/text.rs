//! Text normalisation shared by every stage: Unicode NFC, the case- and form-insensitive
//! key used to match names, the accent-free fold (đ → d) and URL-safe slugs.

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

/// The key names are listed in alphabetical order by: the accent-free fold first, then the
/// full lower-case name, so "Ban" < "Bộ" < "Cục". The one place that decides the order of names
/// in lists; a proper Vietnamese collation (đ after d, tones in order) belongs here.
pub fn sort_key(s: &str) -> (String, String) {
    (fold(s), name_key(s))
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
    fn sort_key_orders_names_alphabetically_ignoring_accents_first() {
        let mut names = vec!["Sở Tài chính", "Ban Tổ chức", "bộ Chính trị", "Sở Nội vụ"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            ["Ban Tổ chức", "bộ Chính trị", "Sở Nội vụ", "Sở Tài chính"]
        );
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
