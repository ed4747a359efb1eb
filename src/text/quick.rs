//! Quick checks by UTF-8 bytes, eight at a time, for the fast paths of `text`: whether a
//! string is certainly NFC, and whether it is already squashed (words joined by single
//! spaces). Most text passes both, so they look closely only at the few bytes that may matter.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::IsNormalized;

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `w` that is at least `t` (`t` ≥ 0x80); exact per byte.
const fn at_least(w: u64, t: u8) -> u64 {
    ((w & !HI) + LO * (0x100 - t as u64)) & w & HI
}

/// The high bit of every byte of `w` that is zero; exact per byte (no carry crosses bytes).
const fn zero_bytes(w: u64) -> u64 {
    !(((w & !HI) + !HI) | w) & HI
}

/// The high bit of every byte of `w` equal to `c`; exact per byte.
const fn eq_bytes(w: u64, c: u8) -> u64 {
    zero_bytes(w ^ (LO * c as u64))
}

/// The index of the first byte of `b` from `i` on that may matter, or `b.len()`. `flags` is
/// handed the eight bytes from a position and the eight from the next one (so that a byte can
/// be judged with the one after it) and flags at least the first byte that matters, and only
/// such bytes first; `wanted` judges one position the same way, near the end.
fn next(
    b: &[u8],
    mut i: usize,
    flags: impl Fn(u64, u64) -> u64,
    wanted: impl Fn(u8, Option<u8>) -> bool,
) -> usize {
    let word = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"));
    while i + 9 <= b.len() {
        let m = flags(word(i), word(i + 1));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !wanted(b[i], b.get(i + 1).copied()) {
        i += 1;
    }
    i
}

/// Whether `s` is certainly NFC: what `unicode_normalization::is_nfc_quick` says `Yes` to.
/// Characters below U+0300 (ASCII, Latin-1, Latin Extended-A/B: lead bytes below 0xCC) and
/// the precomposed letters of Latin Extended Additional (U+1E00–U+1EFF: Vietnamese "ộ", "ữ";
/// 0xE1 0xB8–0xBB) are starters that are always allowed, and are passed over eight bytes at
/// a time; only the others are looked up, with the crate's own rule: a combining mark must
/// not follow one of a higher class, and every character must be allowed in NFC.
pub fn is_nfc_quick(s: &str) -> bool {
    let b = s.as_bytes();
    let flags =
        |w: u64, n: u64| at_least(w, 0xCC) & !(eq_bytes(w, 0xE1) & eq_bytes(n & (LO * 0xFC), 0xB8));
    let wanted = |x: u8, n: Option<u8>| x >= 0xCC && !(x == 0xE1 && matches!(n, Some(0xB8..=0xBB)));
    let (mut i, mut last_end, mut last_class) = (0, 0, 0u8);
    loop {
        i = next(b, i, flags, wanted);
        if i == b.len() {
            return true;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        if i != last_end {
            last_class = 0; // a skipped starter came between
        }
        let class = canonical_combining_class(c);
        if last_class > class && class != 0 {
            return false;
        }
        if unicode_normalization::is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
            return false;
        }
        last_class = class;
        i += c.len_utf8();
        last_end = i;
    }
}

/// Whether `s` is already words joined by single spaces (what `text::squash` makes of it).
/// Only two spaces in a row, control characters and the lead bytes of the other white space
/// characters (U+0085, U+00A0: 0xC2; U+1680: 0xE1 0x9A; U+2000–U+200A, U+2028, U+2029,
/// U+202F, U+205F: 0xE2; U+3000: 0xE3) need a look.
pub fn is_squashed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let flags = |w: u64, n: u64| {
        zero_bytes(w & (LO * 0xE0))
            | (eq_bytes(w, b' ') & eq_bytes(n, b' '))
            | eq_bytes(w, 0xC2)
            | eq_bytes(w & (LO * 0xFE), 0xE2)
            | (eq_bytes(w, 0xE1) & eq_bytes(n, 0x9A))
    };
    let wanted = |x: u8, n: Option<u8>| match x {
        0x00..=0x1F | 0xC2 | 0xE2 | 0xE3 => true,
        b' ' => n == Some(b' '),
        0xE1 => n == Some(0x9A),
        _ => false,
    };
    let mut i = 0;
    loop {
        i = next(b, i, flags, wanted);
        let Some(&x) = b.get(i) else {
            return true;
        };
        match x {
            b' ' => return false, // two in a row
            0x00..=0x1F => {
                if char::from(x).is_whitespace() {
                    return false;
                }
            }
            _ => {
                if s[i..].chars().next().is_some_and(char::is_whitespace) {
                    return false;
                }
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_says_yes(s: &str) -> bool {
        unicode_normalization::is_nfc_quick(s.chars()) == IsNormalized::Yes
    }

    fn squashed(s: &str) -> bool {
        s.split_whitespace().collect::<Vec<_>>().join(" ") == s
    }

    #[test]
    fn byte_flags_are_exact() {
        // Every byte value, at every place of a word, among bytes of every other value.
        for x in 0..=255u8 {
            for place in 0..8 {
                for other in [0u8, 1, 0x20, 0x7F, 0x80, 0xC2, 0xE1, 0xFF] {
                    let mut bytes = [other; 8];
                    bytes[place] = x;
                    let w = u64::from_le_bytes(bytes);
                    let flagged = |m: u64, i: usize| m >> (i * 8 + 7) & 1 == 1;
                    for i in 0..8 {
                        let v = bytes[i];
                        assert_eq!(flagged(zero_bytes(w), i), v == 0, "{bytes:?}");
                        assert_eq!(flagged(eq_bytes(w, 0xE1), i), v == 0xE1, "{bytes:?}");
                        assert_eq!(flagged(at_least(w, 0xCC), i), v >= 0xCC, "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn nfc_check_agrees_with_the_crate_on_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for s in [
                c.to_string(),
                format!("{c}\u{0323}\u{0302}"),
                format!("x{c}\u{0302}\u{0323}"),
                format!("abcdefgh{c}\u{0302}\u{0323}abcdefghijklmnop"),
                format!("\u{0323}{c}\u{0302}"),
            ] {
                assert_eq!(is_nfc_quick(&s), crate_says_yes(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn vietnamese_letters_and_marks_at_every_place_of_a_word() {
        let tails = [
            "ộ",
            "ộ\u{0302}",
            "\u{1EA0}\u{0300}",
            "ư\u{0323}",
            "ạ\u{0323}\u{0302}",
            "\u{1E9B}",
            "\u{1F00}",
            "\u{1F71}",
            "ệ ngày",
            "  ",
            "a  b",
            "\u{1680}",
            "\u{1A9A}",
            "\u{a0}",
            "\u{2000}",
            "\u{3000}",
            "\t",
            "\u{1c}",
        ];
        for n in 0..=17 {
            for tail in tails {
                for s in [
                    format!("{}{tail}", "ế".repeat(n)),
                    format!("{}{tail}x", "a".repeat(n)),
                    format!("x{}{tail}ữa", "ộ ".repeat(n)),
                ] {
                    assert_eq!(is_nfc_quick(&s), crate_says_yes(&s), "{s:?}");
                    assert_eq!(is_squashed(&s), squashed(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn squash_check_agrees_with_split_whitespace() {
        let pieces = [
            "a", "bb", " ", "  ", "\t", "\n", "\u{a0}", "\u{85}", "\u{1680}", "\u{2000}",
            "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{1c}",
            "\u{1EA1}", "\u{1A9A}", "\u{E000}", "ư", "ộ", "\u{2060}", "\u{180e}", "\u{0b}",
            "\u{0c}", "\r", "é", "\u{c2}",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..50_000 {
            let n = rng.usize(0..14);
            let s: String = (0..n).map(|_| pieces[rng.usize(..pieces.len())]).collect();
            assert_eq!(is_squashed(&s), squashed(&s), "{s:?}");
        }
        // Every white space character, alone between words, anywhere in a long line.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("abcdefghij{c}k");
            assert_eq!(is_squashed(&s), squashed(&s), "{s:?}");
        }
    }
}
