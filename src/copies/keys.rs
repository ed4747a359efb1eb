//! A comparison's words as numbers, one number per spelling key ([`spelling_key`]: the same
//! word spelt with its tone mark placed either way has one): an original's words are
//! numbered once, and each copy's words after them, so that an original with many copies is
//! keyed once. Each word as written is looked up first (texts repeat most of their words),
//! so each distinct word's spelling key is made once.

use rustc_hash::FxHashMap;

use super::words::{spelling_key, Text};

/// The numbers of an original's words: by the word as written, and by spelling key.
#[derive(Debug, Default)]
pub(super) struct Keys {
    written: FxHashMap<String, u32>,
    spelt: FxHashMap<String, u32>,
}

impl Keys {
    /// An original's words as numbers (new numbers in order of first sight), and their keys.
    pub(super) fn original(text: &Text) -> (Keys, Vec<u32>) {
        let mut keys = Keys::default();
        let numbers = text
            .words()
            .map(|w| {
                if let Some(&k) = keys.written.get(w) {
                    return k;
                }
                let next = keys.spelt.len() as u32;
                let k = *keys.spelt.entry(spelling_key(w)).or_insert(next);
                keys.written.insert(w.to_owned(), k);
                k
            })
            .collect();
        (keys, numbers)
    }

    /// A copy's words as numbers: its original's words as the original has them, the others
    /// numbered after; and how many numbers there are in all.
    pub(super) fn copy(&self, text: &Text) -> (Vec<u32>, usize) {
        let mut written: FxHashMap<&str, u32> = FxHashMap::default();
        let mut spelt: FxHashMap<String, u32> = FxHashMap::default();
        let first = self.spelt.len();
        let numbers = text
            .words()
            .map(|w| {
                if let Some(&k) = self.written.get(w) {
                    return k;
                }
                *written.entry(w).or_insert_with(|| {
                    let key = spelling_key(w);
                    if let Some(&k) = self.spelt.get(&key) {
                        return k;
                    }
                    let next = (first + spelt.len()) as u32;
                    *spelt.entry(key).or_insert(next)
                })
            })
            .collect();
        (numbers, first + spelt.len())
    }
}

#[cfg(test)]
mod tests {
    use super::super::words::words;
    use super::*;

    #[test]
    fn the_same_word_spelt_either_way_has_one_number_in_both_texts() {
        let original = words("hòa bình, hoà bình; khóa");
        let (keys, a) = Keys::original(&original);
        assert_eq!(a, [0, 1, 2, 0, 1, 3, 4]);
        let copy = words("khoá mới hoà hoà mới");
        let (b, count) = keys.copy(&copy);
        assert_eq!(b, [4, 5, 0, 0, 5]);
        assert_eq!(count, 6);
        // A copy's numbers are its own: another copy's new words are not among them.
        let (c, count) = keys.copy(&words("cũ hòa"));
        assert_eq!((c, count), (vec![5, 0], 6));
    }
}
