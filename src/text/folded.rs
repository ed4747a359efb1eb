//! The words of `text::fold` without making the folded text: the search index's words, each
//! handed over with the integer of its first eight bytes. Vietnamese letters are folded
//! through two small tables made from `deunicode`'s own data.

use std::sync::LazyLock;

use super::nfc_cow;

/// The folded letter of each character below U+0800 (two-byte UTF-8), or 0 where it is not
/// one ASCII letter or digit.
static TWO_BYTES: LazyLock<Vec<u8>> = LazyLock::new(|| letters(0..0x800));
/// The same for U+1E00–U+1EFF (Vietnamese "ạ" to "ỹ": 0xE1 0xB8–0xBB, then one byte).
static LATIN_EXTENDED_ADDITIONAL: LazyLock<Vec<u8>> = LazyLock::new(|| letters(0x1E00..0x1F00));

fn letters(range: std::ops::Range<u32>) -> Vec<u8> {
    range
        .map(|u| {
            let t = char::from_u32(u).and_then(deunicode::deunicode_char);
            match t.map(str::as_bytes) {
                Some(&[x]) if x.is_ascii_alphanumeric() => x.to_ascii_lowercase(),
                _ => 0,
            }
        })
        .collect()
}

/// The word being gathered, and what is done with each.
struct Gather<'w, F> {
    word: &'w mut Vec<u8>,
    /// The first eight bytes of `word`, little-endian.
    key: u64,
    f: F,
}

impl<F: FnMut(&[u8], u64)> Gather<'_, F> {
    fn letter(&mut self, x: u8) {
        if self.word.len() < 8 {
            self.key |= u64::from(x) << (8 * self.word.len());
        }
        self.word.push(x);
    }

    fn end(&mut self) {
        if !self.word.is_empty() {
            (self.f)(self.word, self.key);
            self.word.clear();
            self.key = 0;
        }
    }

    fn byte(&mut self, x: u8) {
        if x.is_ascii_alphanumeric() {
            self.letter(x.to_ascii_lowercase());
        } else {
            self.end();
        }
    }
}

/// Calls `f` with each word of `fold(s)` (its runs of ASCII letters and digits) in order, and
/// the integer of the word's first eight bytes (little-endian). `word` is the buffer each word
/// is gathered in.
///
/// `deunicode` copies the text up to its first non-ASCII character (or DEL) as it is, then
/// turns each character into a fixed string: printable ASCII into itself, but control
/// characters, line breaks and tabs included, into nothing (so words on either side of a line
/// break are joined there); it also drops a transliteration's trailing space before a space or
/// at the end, which never joins or splits a word. Here each character is turned the same way.
pub fn for_each_folded_word(s: &str, word: &mut Vec<u8>, f: impl FnMut(&[u8], u64)) {
    for_each_folded_word_composed(&nfc_cow(s), word, f);
}

/// [`for_each_folded_word`] of a text already composed to NFC (a document's text, composed
/// as its file was read), which is not checked again: a document's words are most of what the
/// search index reads.
pub fn for_each_folded_word_composed(
    composed: &str,
    word: &mut Vec<u8>,
    f: impl FnMut(&[u8], u64),
) {
    debug_assert!(
        super::is_nfc_quick(composed) || super::nfc(composed) == composed,
        "{composed:?} is not NFC"
    );
    word.clear();
    let mut g = Gather { word, key: 0, f };
    let b = composed.as_bytes();
    let as_is = b.iter().position(|&x| x >= 0x7F).unwrap_or(b.len());
    for &x in &b[..as_is] {
        g.byte(x);
    }
    let (two, three) = (&*TWO_BYTES, &*LATIN_EXTENDED_ADDITIONAL);
    let mut i = as_is;
    while let Some(&x) = b.get(i) {
        if (0x20..0x7F).contains(&x) {
            g.byte(x);
            i += 1;
            continue;
        }
        let (letter, len) = match x {
            0xC2..=0xDF => (
                two[(usize::from(x & 0x1F) << 6) | usize::from(b[i + 1] & 0x3F)],
                2,
            ),
            0xE1 if matches!(b[i + 1], 0xB8..=0xBB) => (
                three[(usize::from(b[i + 1] & 0x03) << 6) | usize::from(b[i + 2] & 0x3F)],
                3,
            ),
            _ => (0, 0),
        };
        if letter != 0 {
            g.letter(letter);
            i += len;
            continue;
        }
        let c = composed[i..]
            .chars()
            .next()
            .expect("a character starts here");
        let t = deunicode::deunicode_char(c).unwrap_or("[?]");
        if t.is_ascii() {
            t.bytes().for_each(|x| g.byte(x));
        } else {
            t.to_lowercase().bytes().for_each(|x| g.byte(x));
        }
        i += c.len_utf8();
    }
    g.end();
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::fold;
    use super::super::tests::words;
    use super::*;

    pub fn folded_words(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_folded_word(s, &mut Vec::new(), |w, key| {
            let mut k = [0u8; 8];
            let n = w.len().min(8);
            k[..n].copy_from_slice(&w[..n]);
            assert_eq!(key, u64::from_le_bytes(k), "{w:?}");
            out.push(String::from_utf8(w.to_vec()).unwrap())
        });
        out
    }

    #[test]
    fn folded_words_are_fold_s_words() {
        // Printable ASCII transliterates to itself, as `for_each_folded_word` assumes.
        for c in (0x20..0x7Fu8).map(char::from) {
            assert_eq!(deunicode::deunicode_char(c), Some(c.to_string().as_str()));
        }
        // After a first non-ASCII character, a line break joins words (as `fold` does).
        assert_eq!(words(fold("a\nb")), ["a", "b"]);
        assert_eq!(words(fold("é a\nb")), ["e", "ab"]);
        for s in [
            "Quyết định số 02-QĐ/BCĐ",
            "北亰 x",
            "中 国",
            "\u{7f}a\u{7f}",
            "🦄☣ end",
            "½ và ¼",
            "dòng một\ndòng\thai\r\nba",
            "a\nb\tc đ\nx\u{0}y",
            "averyveryverylongword ĐỒNGNGHIỆPVIỆTNAM",
        ] {
            assert_eq!(folded_words(s), words(fold(s)), "{s:?}");
        }
    }

    #[test]
    fn every_character_folds_as_fold_does() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for s in [format!("a{c}b"), format!("é a{c}b{c}")] {
                assert_eq!(folded_words(&s), words(fold(&s)), "{s:?}");
            }
        }
    }
}
