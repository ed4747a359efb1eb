//! Quick checks by UTF-8 bytes, many at a time, for the fast paths of `text`: whether a
//! string is certainly NFC, and whether it is already squashed (words joined by single
//! spaces). Most text passes both, so they look closely only at the few bytes that may matter.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::IsNormalized;

/// How many bytes [`next`] judges at once.
const CHUNK: usize = 32;

/// The index of the first byte of `b` from `i` on that may matter, or `b.len()`. `wanted`
/// judges a byte with the one after it (0 after the last byte). Bytes are judged a chunk of
/// [`CHUNK`] at a time, in a loop without a branch that the compiler turns into vector
/// instructions (hence `&` and `|` in the judges, not `&&` and `||`); the last bytes as the
/// last chunk of the text (whose bytes before `i` do no harm: a chunk with a wanted byte is
/// then looked through from `i` on, byte by byte, as is a text shorter than a chunk).
fn next(b: &[u8], mut i: usize, wanted: impl Fn(u8, u8) -> bool) -> usize {
    // Whether a byte of `chunk` but its last (which only follows) is wanted.
    let any = |chunk: &[u8]| {
        let mut any = false;
        for k in 0..CHUNK {
            any |= wanted(chunk[k], chunk[k + 1]);
        }
        any
    };
    while let Some(chunk) = b.get(i..i + CHUNK + 1) {
        if any(chunk) {
            break;
        }
        i += CHUNK;
    }
    if b.get(i..i + CHUNK + 1).is_none() && b.len() > CHUNK && !any(&b[b.len() - CHUNK - 1..]) {
        i = i.max(b.len() - 1); // every byte before the last is not wanted
    }
    while i < b.len() && !wanted(b[i], b.get(i + 1).copied().unwrap_or(0)) {
        i += 1;
    }
    i
}

/// Whether `s` is certainly NFC: what `unicode_normalization::is_nfc_quick` says `Yes` to.
/// Characters below U+0300 (ASCII, Latin-1, Latin Extended-A/B: lead bytes below 0xCC) and
/// the precomposed letters of Latin Extended Additional (U+1E00–U+1EFF: Vietnamese "ộ", "ữ";
/// 0xE1 0xB8–0xBB) are starters that are always allowed, and are passed over many bytes at
/// a time; only the others are looked up, with the crate's own rule: a combining mark must
/// not follow one of a higher class, and every character must be allowed in NFC.
pub fn is_nfc_quick(s: &str) -> bool {
    let b = s.as_bytes();
    let wanted = |x: u8, n: u8| (x >= 0xCC) & !((x == 0xE1) & ((n & 0xFC) == 0xB8));
    let (mut i, mut last_end, mut last_class) = (0, 0, 0u8);
    loop {
        i = next(b, i, wanted);
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
    let wanted = |x: u8, n: u8| {
        (x < 0x20)
            | ((x == b' ') & (n == b' '))
            | (x == 0xC2)
            | ((x & 0xFE) == 0xE2)
            | ((x == 0xE1) & (n == 0x9A))
    };
    let mut i = 0;
    loop {
        i = next(b, i, wanted);
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
    fn the_first_wanted_byte_is_found_at_every_place_around_the_chunks() {
        let wanted = |x: u8, n: u8| (x == b'x') | ((x == b'y') & (n == b'z'));
        for len in 0..3 * CHUNK + 3 {
            for at in 0..=len {
                for tail in ["x", "yz", "y", "yyz"] {
                    let mut b = vec![b'a'; len];
                    b.splice(at..at, tail.bytes());
                    for from in [0, at / 2, at, at + 1, b.len() - 1, b.len()] {
                        let plain = (from..b.len())
                            .find(|&i| wanted(b[i], b.get(i + 1).copied().unwrap_or(0)))
                            .unwrap_or(b.len());
                        assert_eq!(next(&b, from, wanted), plain, "{len} {at} {tail} {from}");
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
