//! The full-text search index: documents (id, title, text), tasks (reference, text, lead)
//! and bodies and groups (id, name, aliases), written as JavaScript files under
//! `static/search/` that `static/search.js` loads on demand by injecting `<script>` tags, so
//! search works offline and from `file://`.
//!
//! Words are folded as Vietnamese users type them (`text::fold`: no accents, đ → d, lower
//! case) and cut at anything but an ASCII letter or digit, so "39-KL/TW" gives `39`, `kl`,
//! `tw` (and the whole id `39kltw`). No text is shipped, only:
//!
//! - `index.js`: the kinds' names, the bodies' and groups' names, the number of token
//!   buckets and where each record chunk starts;
//! - `r{N}.js`: record chunks, one record per document, task, body or group
//!   (`[kind, number, title, date, url, extra, status]`: `status` a task's status over time,
//!   [`status_steps`], empty for the others); a chunk holds the records of
//!   [`DOCS_PER_CHUNK`] documents and their tasks (or [`PARTIES_PER_CHUNK`] bodies/groups),
//!   so a page of results loads only the chunks it shows. What a record shares with another
//!   is written once: a task's number and url are what follows its document's (`#3.1`,
//!   `#task-3-1`; its document's record comes before it in the chunk), and a lead or issuer
//!   is its number among the names of `index.js` (`records.rs`); `search.js` makes the records
//!   whole as a chunk loads;
//! - `t{N}.js`: token buckets, every token whose first two letters hash (FNV-1a) to bucket N,
//!   each with its postings: record numbers in increasing order, delta-coded with the field
//!   the word was found in, as base-64 variable-length digits (see [`encode`]).
//!
//! The set of file names depends only on the number of documents and of parties, so an
//! incremental rebuild in `serve` (which never changes those) publishes the same files as a
//! full build.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::graph::Graph;
use crate::model::{DocId, IdVec, Party, Texts};
use crate::outfile::OutFile;
use crate::text::{fold, for_each_folded_word, for_each_folded_word_composed};
use records::{document_entries, kinds, party_entry, Entry, Record};
pub use records::{status_letter, status_steps};
use words::{short_key, ChunkWords, Posting, Postings, Words};

mod records;
mod words;

/// The folder of the index files, below the output root.
pub const DIR: &str = "static/search";
/// Documents (with their tasks) per record chunk.
pub const DOCS_PER_CHUNK: usize = 8;
/// Bodies and groups per record chunk.
pub const PARTIES_PER_CHUNK: usize = 64;
/// Joins two words next to each other into one token (`boi_duong`); never in a folded word.
const PAIR: u8 = b'_';

/// Where a word was found, from weakest to strongest; the JS weighs matches by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// A document's text.
    Text = 0,
    /// A task's text and lead, a body's aliases, a document's kind or issuer.
    Other = 1,
    /// A document's title, a body's name.
    Title = 2,
    /// A document's number, a task's reference, a body's id.
    Id = 3,
}

/// The folded words of `s`: runs of ASCII letters and digits after `text::fold`.
pub fn tokens(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The words of an id, and the whole id as one word when it has several ("39kltw").
pub fn id_tokens(id: &str) -> Vec<String> {
    let mut out = tokens(id);
    if out.len() > 1 {
        out.push(out.concat());
    }
    out
}

/// 32-bit FNV-1a of a token's first two bytes: the bucket key, the same in `search.js`.
pub fn bucket(token: &str, buckets: usize) -> usize {
    bucket_of(token.as_bytes(), buckets)
}

pub(crate) fn bucket_of(token: &[u8], buckets: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in token.iter().take(2) {
        h ^= u32::from(b);
        h = h.wrapping_mul(16_777_619);
    }
    (h as usize) % buckets.max(1)
}

/// How many token buckets a site of `documents` documents gets (a power of two, 1 to 64).
pub fn bucket_count(documents: usize) -> usize {
    (documents / 128).next_power_of_two().clamp(1, 64)
}

const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Postings as text: for each record `r` (increasing) with field `f`, the number
/// `(r - previous) * 4 + f` in groups of 5 bits, most significant first; every group but the
/// last is a digit from the upper half of [`DIGITS`].
pub fn encode(postings: &[(u32, Field)]) -> String {
    let postings: Vec<Posting> = postings.iter().map(|&(r, f)| Posting::new(r, f)).collect();
    let mut out = Vec::new();
    encode_into(&postings, &mut out);
    String::from_utf8(out).expect("the digits are ASCII")
}

/// [`encode`], appended to `out`.
fn encode_into(postings: &[Posting], out: &mut Vec<u8>) {
    let mut prev = 0;
    for p in postings {
        let r = p.record();
        let mut v = (u64::from(r - prev) << 2) | u64::from(p.field());
        prev = r;
        // At most 13 groups of 5 bits in 64 bits; filled from the end.
        let mut digits = [0u8; 13];
        let mut i = digits.len() - 1;
        digits[i] = DIGITS[(v & 31) as usize];
        v >>= 5;
        while v > 0 {
            i -= 1;
            digits[i] = DIGITS[32 + (v & 31) as usize];
            v >>= 5;
        }
        out.extend_from_slice(&digits[i..]);
    }
}

/// The inverse of [`encode`] (the JS has the same loop).
pub fn decode(s: &str) -> Vec<(u32, u8)> {
    let mut out = Vec::new();
    let (mut prev, mut v) = (0u64, 0u64);
    for c in s.bytes() {
        let i = DIGITS.iter().position(|&d| d == c).unwrap_or(0) as u64;
        v = (v << 5) | (i & 31);
        if i < 32 {
            prev += v >> 2;
            out.push((prev as u32, (v & 3) as u8));
            v = 0;
        }
    }
    out
}

/// One call of a registration function, `chidaoSearch.NAME(KEY, DATA);` (no KEY for the
/// index), the data as JSON made safe for any context a script may end up in (`</script>`,
/// `<!--`, U+2028/U+2029: `escape::script_json`).
pub fn script(name: &str, key: Option<usize>, data: &impl Serialize) -> Vec<u8> {
    let safe = crate::escape::script_json(data);
    let key = key.map(|k| format!("{k}, ")).unwrap_or_default();
    format!("chidaoSearch.{name}({key}{safe});\n").into_bytes()
}

/// What `index.js` registers.
#[derive(Serialize)]
struct Meta<'g> {
    version: u32,
    kinds: Vec<String>,
    /// Every body's name, then every group's: the leads and issuers of the records.
    parties: Vec<&'g str>,
    buckets: usize,
    /// The number of the first record of each chunk.
    chunks: Vec<u32>,
    records: u32,
}

/// One chunk of records, indexed: how many records it has, and its words (its records'
/// script is handed over as soon as it is made).
pub(crate) struct Chunk {
    records: u32,
    words: ChunkWords,
}

/// Indexes one chunk of entries (chunk number `c` of a site with `buckets` token buckets):
/// the script of its records, and its words.
fn index_chunk(entries: Vec<Entry>, c: usize, buckets: usize) -> (Vec<u8>, Chunk) {
    let mut words = Words::default();
    let mut buf = Vec::new();
    let mut whole = Vec::new();
    let mut pair = Vec::new();
    let mut previous = Vec::new();
    for (r, e) in entries.iter().enumerate() {
        let r = r as u32;
        for &(text, f) in &e.texts {
            if f == Field::Text {
                // A document's text is composed as its file was read.
                for_each_folded_word_composed(text, &mut buf, &mut |w: &[u8], k| {
                    words.add(w, k, r, f)
                });
                continue;
            }
            // Each word, and each two words next to each other (`boi_duong`): a query's
            // words found in order rank above the same words apart. Not in a document's text,
            // which would double the index.
            previous.clear();
            for_each_folded_word(text, &mut buf, |w, k| {
                words.add(w, k, r, f);
                if !previous.is_empty() {
                    pair.clear();
                    pair.extend_from_slice(&previous);
                    pair.push(PAIR);
                    pair.extend_from_slice(w);
                    words.add(&pair, short_key(&pair), r, f);
                }
                previous.clear();
                previous.extend_from_slice(w);
            });
        }
        for &(id, f) in &e.ids {
            // An official number (`39-KL/TW`, `123/KH-UBND`, a task's `39-KL/TW#3.1`): its
            // words, and the whole as one word. Any other id (a body's `so-noi-vu`, a
            // document's `tin-bai-2024-...` named after its file) only whole: its words are
            // the name's or the file's, which a search must not match on.
            whole.clear();
            let mut parts = 0;
            let official = id.contains('/');
            for_each_folded_word(id, &mut buf, |w, k| {
                if official {
                    words.add(w, k, r, f);
                }
                whole.extend_from_slice(w);
                parts += 1;
            });
            if parts > 1 || !official {
                words.add(&whole, short_key(&whole), r, f);
            }
        }
    }
    let records: Vec<Record> = entries.into_iter().map(|e| e.record).collect();
    let chunk = Chunk {
        records: records.len() as u32,
        words: words.finish(buckets),
    };
    (script("records", Some(c), &records), chunk)
}

/// Bucket `b`'s script: its words in order, each with its postings over every chunk.
fn bucket_script(chunks: &[Chunk], starts: &[u32], b: usize) -> Vec<u8> {
    let mut index: FxHashMap<&[u8], usize> = FxHashMap::default();
    let mut words: Vec<(&[u8], Postings)> = Vec::new();
    for (chunk, &base) in chunks.iter().zip(starts) {
        for (w, ps) in chunk.words.bucket(b) {
            let i = *index.entry(w).or_insert_with(|| {
                words.push((w, Vec::new()));
                words.len() - 1
            });
            words[i].1.extend(ps.iter().map(|p| p.after(base)));
        }
    }
    words.sort_unstable_by(|x, y| x.0.cmp(y.0));
    // What `script("tokens", Some(b), &map)` writes for the map of words to encoded postings:
    // words and postings are ASCII letters, digits, `-` and `_`, which JSON leaves as they are.
    let mut out = format!("chidaoSearch.tokens({b}, {{").into_bytes();
    for (i, (w, ps)) in words.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        out.extend_from_slice(w);
        out.extend_from_slice(b"\":\"");
        encode_into(ps, &mut out);
        out.push(b'"');
    }
    out.extend_from_slice(b"});\n");
    out
}

/// Every file of the index, paths below the output root, in order of path.
pub fn files(g: &Graph) -> Vec<OutFile> {
    files_until(g, &|| false).unwrap_or_default()
}

/// [`files`], giving up (`None`) as soon as `stopped` says so: `serve` drops the site-wide
/// work when a newer save waits.
pub fn files_until(g: &Graph, stopped: &(dyn Fn() -> bool + Sync)) -> Option<Vec<OutFile>> {
    let (out, whole) =
        crate::outfile::collect_sorted(|sink| write_until(g, g.texts(), stopped, sink));
    whole.then_some(out)
}

/// The documents in the order of their records: those that more documents implement, copy,
/// follow or cite first (then in the graph's order). Results that score alike are listed
/// in the order of their records, so for "boi duong" the conclusion that the chain hangs from
/// comes before the copies and plans below it, which repeat its title.
fn record_order(g: &Graph) -> Vec<DocId> {
    let cited = |d: DocId| {
        g.implemented_by(d).len()
            + g.copies(d).len()
            + g.followed_by(d).len()
            + g.referenced_by(d).len()
    };
    let mut order: Vec<DocId> = g.documents().ids().collect();
    order.sort_by_key(|&d| (std::cmp::Reverse(cited(d)), d));
    order
}

/// Hands every file of the index to `take` as soon as it is made, from many threads, so that
/// a big site's index is never held whole (each chunk's records go as soon as the chunk is
/// indexed, each bucket's words as soon as they are merged). Gives up as soon as `stopped`
/// says so, and then returns `false`: what was handed over is not the whole index, and the
/// caller drops it. `texts` are the documents' texts: each chunk lets its own go once it is
/// indexed. A build makes the same index with its documents' pages instead
/// ([`write_with`]), so that a text is let go as soon as both are made of it.
pub fn write_until(
    g: &Graph,
    texts: Texts,
    stopped: &(dyn Fn() -> bool + Sync),
    take: &(dyn Fn(OutFile) + Sync),
) -> bool {
    let each = Each {
        chunks_per_job: 8,
        init: || (),
        document: |_: &mut (), _, _: &str| {},
    };
    write_with(g, texts, stopped, take, each)
}

/// What [`write_with`] does with each document as its chunk is indexed: a build renders its
/// page there, with the worker's own `I` (made by `init`), so that the text is let go once
/// both are made of it.
pub(crate) struct Each<Init, Document> {
    /// Record chunks in one parallel job at most.
    pub(crate) chunks_per_job: usize,
    pub(crate) init: Init,
    pub(crate) document: Document,
}

/// [`write_until`], handing each document and its text to `each.document` (in its chunk,
/// before the chunk is indexed). The documents' chunks are indexed in parallel (their texts
/// are most of the work), each chunk's texts let go once it is; then the rest of the index
/// ([`finish`]). `false` when `stopped` said to give up.
pub(crate) fn write_with<I, Init, Document>(
    g: &Graph,
    texts: Texts,
    stopped: &(dyn Fn() -> bool + Sync),
    take: &(dyn Fn(OutFile) + Sync),
    each: Each<Init, Document>,
) -> bool
where
    Init: Fn() -> I + Sync + Send,
    Document: Fn(&mut I, DocId, &str) + Sync + Send,
{
    let shared = Shared::new(g);
    let chunks: Option<Vec<Chunk>> = texts_by_chunk(g, texts)
        .into_par_iter()
        .with_max_len(each.chunks_per_job)
        .enumerate()
        .map_init(&each.init, |worker, (c, docs)| {
            if stopped() {
                return None;
            }
            for (d, text) in &docs {
                (each.document)(worker, *d, text);
            }
            Some(document_chunk(g, &shared, c, &docs, take))
        })
        .collect();
    chunks.is_some_and(|chunks| finish(g, shared, chunks, stopped, take))
}

/// The documents with their texts (`texts`, one per document), chunk by chunk of the index's
/// records: in the order of their records ([`record_order`]), [`DOCS_PER_CHUNK`] to a chunk.
fn texts_by_chunk(g: &Graph, texts: Texts) -> Vec<Vec<(DocId, Arc<str>)>> {
    assert_eq!(texts.0.len(), g.documents().len(), "one text per document");
    let mut texts: IdVec<DocId, Option<Arc<str>>> = texts.0.into_iter().map(Some).collect();
    let mut ordered = record_order(g)
        .into_iter()
        .filter_map(|d| Some((d, texts[d].take()?)));
    let mut chunks = Vec::with_capacity(g.documents().len().div_ceil(DOCS_PER_CHUNK));
    loop {
        let chunk: Vec<_> = ordered.by_ref().take(DOCS_PER_CHUNK).collect();
        if chunk.is_empty() {
            return chunks;
        }
        chunks.push(chunk);
    }
}

/// What every chunk of a site's index is made with: the kinds' names and the number of token
/// buckets.
struct Shared {
    kinds: Vec<String>,
    buckets: usize,
}

impl Shared {
    fn new(g: &Graph) -> Shared {
        Shared {
            kinds: kinds(g),
            buckets: bucket_count(g.documents().len()),
        }
    }
}

/// Record chunk number `c`: the documents `docs` (with their texts, the chunk's of
/// [`texts_by_chunk`]) and their tasks. Its records' script is handed to `take` at once; its
/// words are returned, for [`finish`].
fn document_chunk(
    g: &Graph,
    shared: &Shared,
    c: usize,
    docs: &[(DocId, Arc<str>)],
    take: &(dyn Fn(OutFile) + Sync),
) -> Chunk {
    let mut entries = Vec::new();
    for (d, text) in docs {
        document_entries(g, *d, text, &shared.kinds, &mut entries);
    }
    let (script, chunk) = index_chunk(entries, c, shared.buckets);
    take(records_file(c, script));
    chunk
}

fn records_file(c: usize, script: Vec<u8>) -> OutFile {
    OutFile {
        path: format!("{DIR}/r{c}.js"),
        bytes: script,
    }
}

/// The rest of the index once every document chunk is made (`chunks`, in order): the
/// parties' records, the token buckets and `index.js`, each handed to `take`. `false` when
/// `stopped` said to give up.
fn finish(
    g: &Graph,
    shared: Shared,
    mut chunks: Vec<Chunk>,
    stopped: &(dyn Fn() -> bool + Sync),
    take: &(dyn Fn(OutFile) + Sync),
) -> bool {
    let Shared { kinds, buckets } = shared;
    let doc_chunks = g.documents().len().div_ceil(DOCS_PER_CHUNK);
    assert_eq!(chunks.len(), doc_chunks, "every document chunk");
    let parties: Vec<Party> = g.registry().parties().collect();
    chunks.par_extend(
        parties
            .par_chunks(PARTIES_PER_CHUNK)
            .enumerate()
            .map(|(c, ps)| {
                let entries = ps.iter().map(|&p| party_entry(g, p, &kinds)).collect();
                let (script, chunk) = index_chunk(entries, doc_chunks + c, buckets);
                take(records_file(doc_chunks + c, script));
                chunk
            }),
    );
    if stopped() {
        return false;
    }
    let mut starts = Vec::with_capacity(chunks.len());
    let mut n: u32 = 0;
    for chunk in &chunks {
        starts.push(n);
        n += chunk.records;
    }
    (0..buckets).into_par_iter().with_max_len(4).for_each(|b| {
        take(OutFile {
            path: format!("{DIR}/t{b}.js"),
            bytes: bucket_script(&chunks, &starts, b),
        })
    });
    let meta = Meta {
        version: 3,
        kinds,
        parties: g
            .registry()
            .parties()
            .map(|p| g.registry().name(p))
            .collect(),
        buckets,
        chunks: starts,
        records: n,
    };
    take(OutFile {
        path: format!("{DIR}/index.js"),
        bytes: script("index", None, &meta),
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_as_typed() {
        assert_eq!(tokens("Bồi dưỡng cán bộ"), ["boi", "duong", "can", "bo"]);
        assert_eq!(tokens("Quyết ĐỊNH số 02-QĐ/BCĐ"), {
            ["quyet", "dinh", "so", "02", "qd", "bcd"]
        });
        assert_eq!(tokens("  —  "), Vec::<String>::new());
        // Decomposed input (as some editors save it) folds the same.
        assert_eq!(tokens("bo\u{0302}\u{0300}i"), ["boi"]);
    }

    #[test]
    fn ids_are_found_whole_and_in_parts() {
        assert_eq!(id_tokens("39-KL/TW"), ["39", "kl", "tw", "39kltw"]);
        assert_eq!(id_tokens("so-noi-vu"), ["so", "noi", "vu", "sonoivu"]);
        assert_eq!(id_tokens("UBND"), ["ubnd"]);
        // What a user types splits into the same words.
        assert_eq!(tokens("39 kl tw"), tokens("39-KL/TW"));
        assert_eq!(tokens("39-KL"), ["39", "kl"]);
    }

    #[test]
    fn postings_round_trip() {
        let ps = vec![
            (0, Field::Id),
            (1, Field::Text),
            (9, Field::Title),
            (40, Field::Other),
            (100_000, Field::Text),
            (100_001, Field::Id),
        ];
        let s = encode(&ps);
        let back: Vec<(u32, u8)> = ps.iter().map(|&(r, f)| (r, f as u8)).collect();
        assert_eq!(decode(&s), back);
        // Close records cost one character each.
        assert_eq!(
            encode(&[(0, Field::Text), (3, Field::Title), (7, Field::Id)]).len(),
            3
        );
        assert!(s
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn buckets_group_by_first_two_letters() {
        for n in [1, 2, 8, 64] {
            assert_eq!(bucket("duong", n), bucket("du", n));
            assert!(bucket("boi", n) < n);
        }
        assert_eq!(bucket("anything", 1), 0);
        // Fixed by the FNV-1a definition, and so by the JS.
        assert_eq!(bucket("bo", 64), 0x422b_b03eu32 as usize % 64);
        assert_eq!(bucket_count(0), 1);
        assert_eq!(bucket_count(10), 1);
        assert_eq!(bucket_count(1000), 8);
        assert_eq!(bucket_count(10_000), 64);
    }

    #[test]
    fn emitted_script_cannot_break_out() {
        let hostile = (
            "</script><script>alert(1)</script>",
            "a\u{2028}b\u{2029}c",
            "<!--",
        );
        let js = String::from_utf8(script("records", Some(7), &hostile)).unwrap();
        assert!(js.starts_with("chidaoSearch.records(7, [\""));
        assert!(!js.contains("</"));
        assert!(!js.contains("<!--"));
        assert!(!js.contains('\u{2028}') && !js.contains('\u{2029}'));
        // Still the same data once parsed as JSON (the replacements are valid escapes).
        let inner = &js["chidaoSearch.records(7, ".len()..js.len() - 3];
        let back: (String, String, String) = serde_json::from_str(inner).unwrap();
        assert_eq!(back, (hostile.0.into(), hostile.1.into(), hostile.2.into()));
    }

    /// A build's chunks of texts: every document once, in the order of the records, as many
    /// to a chunk as the records' chunks hold.
    #[test]
    fn texts_come_by_chunk_in_the_order_of_the_records() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let today = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let (sources, loaded) = crate::pipeline::load(root);
        let (g, _) = crate::pipeline::resolve(&sources, loaded, today);
        let chunks = texts_by_chunk(&g, g.texts());
        assert_eq!(chunks.len(), g.documents().len().div_ceil(DOCS_PER_CHUNK));
        assert!(chunks
            .iter()
            .all(|c| !c.is_empty() && c.len() <= DOCS_PER_CHUNK));
        let order: Vec<DocId> = chunks.iter().flatten().map(|&(d, _)| d).collect();
        assert_eq!(order, record_order(&g));
        assert!(chunks
            .iter()
            .flatten()
            .all(|(d, text)| Arc::ptr_eq(text, &g.texts().0[*d])));
    }
}
