//! The words of one chunk of records for the search index: each distinct word kept once (a
//! word of up to eight letters looked up as one integer, longer ones by their bytes), with its
//! postings, the records it is found in and its strongest field in each, grouped by token
//! bucket so that each bucket's file can be made from every chunk on its own.

use rustc_hash::FxHashMap;

use super::{bucket_of, Field};

/// A record and the field a word was found in, in one integer (`record << 2 | field`, as
/// the index's text encodes it): half the memory of a pair, and a big site holds every
/// chunk's postings until the buckets are merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting(u32);

impl Posting {
    pub fn new(record: u32, field: Field) -> Posting {
        debug_assert!(record < 1 << 30, "records fit in 30 bits");
        Posting(record << 2 | field as u32)
    }

    pub fn record(self) -> u32 {
        self.0 >> 2
    }

    /// The field's number (`Field as u8`).
    pub fn field(self) -> u8 {
        (self.0 & 3) as u8
    }

    /// The same posting, its record counted `base` records further on.
    pub fn after(self, base: u32) -> Posting {
        Posting(self.0 + (base << 2))
    }
}

/// A word's records, in increasing order, with the field it was found in.
pub type Postings = Vec<Posting>;

/// A distinct word: its bytes in `Words::text`, the last record it was found in and the index
/// of that occurrence.
struct Word {
    start: u32,
    end: u32,
    last: u32,
    occurrence: u32,
}

/// The words of a chunk, as they are added.
#[derive(Default)]
pub struct Words {
    /// Every distinct word, one after another.
    text: Vec<u8>,
    short: FxHashMap<u64, u32>,
    long: FxHashMap<Box<[u8]>, u32>,
    words: Vec<Word>,
    /// (word, record, field), one per word and record, in the order first found.
    occurrences: Vec<(u32, u32, Field)>,
}

/// The integer of a word's first eight bytes, little-endian: the whole word when it has at
/// most eight (words have no zero byte, so none is taken for another).
pub fn short_key(w: &[u8]) -> u64 {
    let mut k = [0u8; 8];
    let n = w.len().min(8);
    k[..n].copy_from_slice(&w[..n]);
    u64::from_le_bytes(k)
}

impl Words {
    /// Adds word `w` (`key`: its [`short_key`]) of record `r` (records are added in
    /// increasing order), found in field `f`: a word keeps its strongest field within a record.
    pub fn add(&mut self, w: &[u8], key: u64, r: u32, f: Field) {
        let short = w.len() <= 8;
        let found = if short {
            self.short.get(&key).copied()
        } else {
            self.long.get(w).copied()
        };
        let id = match found {
            Some(id) => id,
            None => {
                let id = self.words.len() as u32;
                if short {
                    self.short.insert(key, id);
                } else {
                    self.long.insert(w.into(), id);
                }
                let start = self.text.len() as u32;
                self.text.extend_from_slice(w);
                self.words.push(Word {
                    start,
                    end: self.text.len() as u32,
                    last: u32::MAX,
                    occurrence: 0,
                });
                id
            }
        };
        let word = &mut self.words[id as usize];
        if word.last == r {
            let o = &mut self.occurrences[word.occurrence as usize].2;
            *o = (*o).max(f);
        } else {
            word.last = r;
            word.occurrence = self.occurrences.len() as u32;
            self.occurrences.push((id, r, f));
        }
    }

    /// The words and their postings, grouped by token bucket (of `buckets`).
    pub fn finish(self, buckets: usize) -> ChunkWords {
        // Postings grouped by word: a counting sort, stable, so records stay in order.
        let mut first = vec![0u32; self.words.len() + 1];
        for &(w, _, _) in &self.occurrences {
            first[w as usize + 1] += 1;
        }
        for i in 1..first.len() {
            first[i] += first[i - 1];
        }
        let mut next = first.clone();
        let mut postings = vec![Posting(0); self.occurrences.len()];
        for &(w, r, f) in &self.occurrences {
            postings[next[w as usize] as usize] = Posting::new(r, f);
            next[w as usize] += 1;
        }
        let mut by_bucket = vec![Vec::new(); buckets];
        for (w, word) in self.words.iter().enumerate() {
            let bytes = &self.text[word.start as usize..word.end as usize];
            by_bucket[bucket_of(bytes, buckets)].push((
                word.start,
                word.end,
                first[w],
                first[w + 1],
            ));
        }
        ChunkWords {
            text: self.text,
            buckets: by_bucket,
            postings,
        }
    }
}

/// A chunk's words, finished.
pub struct ChunkWords {
    text: Vec<u8>,
    /// Per token bucket, each word: its span in `text` and its postings' span in `postings`.
    buckets: Vec<Vec<(u32, u32, u32, u32)>>,
    /// Each word's postings together, record numbers counted from the chunk's first record.
    postings: Vec<Posting>,
}

impl ChunkWords {
    /// The words of bucket `b` and their postings.
    pub fn bucket(&self, b: usize) -> impl Iterator<Item = (&[u8], &[Posting])> + '_ {
        self.buckets[b].iter().map(|&(a, z, p, q)| {
            (
                &self.text[a as usize..z as usize],
                &self.postings[p as usize..q as usize],
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_kept_once_with_their_strongest_field_per_record() {
        let mut w = Words::default();
        let long = b"averyveryverylongword";
        let mut add = |x: &[u8], r, f| w.add(x, short_key(x), r, f);
        add(b"bo", 0, Field::Text);
        add(long, 0, Field::Other);
        add(b"bo", 0, Field::Title);
        add(b"bo", 0, Field::Other);
        add(long, 1, Field::Text);
        add(b"bo", 2, Field::Id);
        add(long, 2, Field::Id);
        add(long, 2, Field::Text);
        add(b"b", 2, Field::Text);
        let c = w.finish(1);
        type Pairs = Vec<(u32, Field)>;
        let got: Vec<(Vec<u8>, Pairs)> = c
            .bucket(0)
            .map(|(w, ps)| {
                let ps = ps.iter().map(|p| {
                    let f = [Field::Text, Field::Other, Field::Title, Field::Id];
                    (p.record(), f[usize::from(p.field())])
                });
                (w.to_vec(), ps.collect())
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (b"bo".to_vec(), vec![(0, Field::Title), (2, Field::Id)]),
                (
                    long.to_vec(),
                    vec![(0, Field::Other), (1, Field::Text), (2, Field::Id)]
                ),
                (b"b".to_vec(), vec![(2, Field::Text)]),
            ]
        );
    }

    #[test]
    fn a_posting_keeps_its_record_and_field_and_moves_by_whole_records() {
        for (r, f) in [
            (0, Field::Text),
            (1, Field::Id),
            ((1 << 30) - 1, Field::Title),
        ] {
            let p = Posting::new(r, f);
            assert_eq!((p.record(), p.field()), (r, f as u8));
        }
        let p = Posting::new(7, Field::Other).after(100);
        assert_eq!((p.record(), p.field()), (107, Field::Other as u8));
    }

    #[test]
    fn short_keys_tell_words_apart() {
        assert_ne!(short_key(b"a"), short_key(b"a0"));
        assert_eq!(short_key(b"abcdefgh"), u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(short_key(b"abcdefghi"), short_key(b"abcdefgh"));
    }
}
