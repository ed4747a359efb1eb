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

/// The high bit of some bytes of `w` below `n` (`n` ≤ 0x80): the lowest one flagged is the
/// first such byte; none is flagged if there is none.
const fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(LO * n as u64) & !w & HI
}

/// The index of the first byte of `b` from `i` on that `wanted` says may matter (`flags` flags
/// at least the first such byte of eight, and only such bytes first), or `b.len()`.
fn next(b: &[u8], mut i: usize, flags: impl Fn(u64) -> u64, wanted: impl Fn(u8) -> bool) -> usize {
    while let Some(w) = b.get(i..i + 8) {
        let m = flags(u64::from_le_bytes(w.try_into().expect("eight bytes")));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..].iter().take_while(|&&x| !wanted(x)).count()
}

/// Whether `s` is certainly NFC: what `unicode_normalization::is_nfc_quick` says `Yes` to.
/// Characters below U+0300 (ASCII, Latin-1, Latin Extended-A/B: lead bytes below 0xCC) and
/// the precomposed letters of Latin Extended Additional (U+1E00–U+1EFF: Vietnamese "ộ", "ữ";
/// 0xE1 0xB8–0xBB) are starters that are always allowed, so only the others are looked up,
/// with the crate's own rule: a combining mark must not follow one of a higher class, and
/// every character must be allowed in NFC.
pub fn is_nfc_quick(s: &str) -> bool {
    let b = s.as_bytes();
    let (mut i, mut last_end, mut last_class) = (0, 0, 0u8);
    loop {
        i = next(b, i, |w| at_least(w, 0xCC), |x| x >= 0xCC);
        let Some(&lead) = b.get(i) else {
            return true;
        };
        if lead == 0xE1 && matches!(b[i + 1], 0xB8..=0xBB) {
            i += 3;
            continue;
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
/// Only spaces, control characters and the lead bytes of the other white space characters
/// (U+0085, U+00A0: 0xC2; U+1680: 0xE1 0x9A; U+2000–U+200A, U+2028, U+2029, U+202F, U+205F:
/// 0xE2; U+3000: 0xE3) need a look.
pub fn is_squashed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let flags = |w: u64| below(w, 0x21) | below(w ^ (LO * 0xC2), 1) | below(w ^ (LO * 0xE0), 4);
    let wanted = |x: u8| x <= 0x20 || x == 0xC2 || (0xE0..=0xE3).contains(&x);
    let mut i = 0;
    loop {
        i = next(b, i, flags, wanted);
        let Some(&x) = b.get(i) else {
            return true;
        };
        match x {
            b' ' if b[i + 1] == b' ' => return false,
            b' ' => {}
            0x00..=0x20 => {
                if char::from(x).is_whitespace() {
                    return false;
                }
            }
            0xE1 if b[i + 1] != 0x9A => {}
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
    fn byte_flags_find_the_first_byte() {
        let w = u64::from_le_bytes(*b"ab\xCC\x80 c\xE1\x01");
        assert_eq!(at_least(w, 0xCC).trailing_zeros() / 8, 2);
        assert_eq!(below(w, 0x21).trailing_zeros() / 8, 4);
        assert_eq!(below(w ^ (LO * 0xE0), 4).trailing_zeros() / 8, 6);
        assert_eq!(at_least(u64::from_le_bytes(*b"\xCB\xCBabcdef"), 0xCC), 0);
        assert_eq!(below(u64::from_le_bytes(*b"!!abcdef"), 0x21), 0);
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
