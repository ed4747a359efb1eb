//! The search index of the shipped site: the files exist, a folded word ("boi") leads to the
//! document about "bồi dưỡng", document numbers are found whole and in parts, every page has
//! the search box, and the JavaScript folds and decodes exactly as the Rust does.

use std::path::Path;
use std::process::Command;

use chidao::search;
use serde_json::Value;

use crate::common;

/// The JSON data of a registration script `chidaoSearch.NAME(KEY, DATA);`.
fn script_data(path: &Path) -> Value {
    let js = std::fs::read_to_string(path).unwrap();
    let open = js.find('(').unwrap();
    let inner = js[open + 1..].trim_end().trim_end_matches(");");
    let data = match inner.split_once(", ") {
        Some((key, rest)) if key.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => inner,
    };
    serde_json::from_str(data).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Index {
    dir: std::path::PathBuf,
    meta: Value,
}

impl Index {
    /// (record, field) of every record found by the folded word `word`.
    fn postings(&self, word: &str) -> Vec<(u32, u8)> {
        let buckets = self.meta["buckets"].as_u64().unwrap() as usize;
        let b = search::bucket(word, buckets);
        let words = script_data(&self.dir.join(format!("t{b}.js")));
        words[word].as_str().map(search::decode).unwrap_or_default()
    }

    /// A record made whole as search.js makes it ([`whole`]): [kind, number, title, date,
    /// url, extra, status].
    fn record(&self, r: u32) -> Value {
        let starts: Vec<u64> = self.meta["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        let c = starts.iter().rposition(|&s| s <= u64::from(r)).unwrap();
        let chunk = script_data(&self.dir.join(format!("r{c}.js")));
        whole(&chunk, &self.meta["parties"])[r as usize - starts[c] as usize].clone()
    }

    fn urls(&self, word: &str) -> Vec<String> {
        self.postings(word)
            .into_iter()
            .map(|(r, _)| self.record(r)[4].as_str().unwrap().to_string())
            .collect()
    }
}

/// A chunk's records as written, made whole as search.js's `whole` makes them: a url and
/// number starting with `#` after those of the last record with a url of its own, a lead or
/// issuer given by its number among `parties`.
fn whole(chunk: &Value, parties: &Value) -> Vec<Value> {
    let mut base: Option<Value> = None;
    let mut out = Vec::new();
    for rec in chunk.as_array().unwrap() {
        let mut r = rec.clone();
        if let Some(n) = r[5].as_u64() {
            r[5] = parties[n as usize].clone();
        }
        let url = r[4].as_str().unwrap().to_string();
        match &base {
            Some(b) if url.starts_with('#') => {
                r[4] = Value::from(format!("{}{url}", b[4].as_str().unwrap()));
                let number = r[1].as_str().unwrap().to_string();
                if number.starts_with('#') {
                    r[1] = Value::from(format!("{}{number}", b[1].as_str().unwrap()));
                }
            }
            _ => base = Some(r.clone()),
        }
        out.push(r);
    }
    out
}

fn shipped_index() -> (common::Site, Index) {
    let site = common::Site::shipped();
    site.good_build();
    let dir = site.output().join(search::DIR);
    let meta = script_data(&dir.join("index.js"));
    (site, Index { dir, meta })
}

#[test]
fn shipped_index_finds_words_without_accents_and_numbers_as_typed() {
    let (site, index) = shipped_index();
    assert!(site.output().join("static/search.js").is_file());
    assert!(site.output().join("tim-kiem.html").is_file());
    let buckets = index.meta["buckets"].as_u64().unwrap();
    for b in 0..buckets {
        assert!(index.dir.join(format!("t{b}.js")).is_file());
    }
    let records = index.meta["records"].as_u64().unwrap();
    // 10 documents, 24 tasks, 30 bodies and 16 groups.
    assert_eq!(records, 10 + 24 + 30 + 16);

    let news = "van-ban/tin-bai-2024-01-08-boi-duong-can-bo-o-nuoc-ngoai.html".to_string();
    let boi = index.urls("boi");
    assert!(boi.contains(&news), "{boi:?}");
    assert!(index.urls("duong").contains(&news));
    // Nothing is indexed with its accents.
    assert!(index.postings("bồi").is_empty());

    // "39-KL" and "39 kl tw": the parts and the whole number lead to the conclusion, as
    // its number (field 3); "qd" to 02-QĐ/BCĐ.
    for word in ["39", "kl", "tw", "39kltw"] {
        let hits = index.postings(word);
        assert!(
            hits.iter().any(|&(r, f)| f == 3
                && index.record(r)[4] == "van-ban/39-kl-tw.html"
                && index.record(r)[1] == "39-KL/TW"),
            "{word}: {hits:?}"
        );
    }
    assert!(index
        .urls("qd")
        .contains(&"van-ban/02-qd-bcd.html".to_string()));
    // Bodies by name and alias, tasks by text.
    assert!(index
        .urls("noi")
        .contains(&"co-quan/so-noi-vu.html".to_string()));
    assert!(index.urls("dinh").iter().any(|u| u.contains(".html#task-")));
}

#[test]
fn every_page_has_one_labelled_search_box() {
    let (site, _) = shipped_index();
    let mut n = 0;
    for e in walkdir::WalkDir::new(site.output()) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        assert!(html.contains("<form role=\"search\" class=\"search\""));
        assert_eq!(
            html.matches(" id=\"q\"").count(),
            1,
            "{}",
            e.path().display()
        );
        assert!(html.contains("<label for=\"q\">"));
        n += 1;
    }
    assert!(n > 40);
    let results = site.read("output/tim-kiem.html");
    assert!(results.contains("<ol id=\"search-results\">"));
    assert!(results.contains("static/search.js"));
}

/// Runs `node` on search.js; `None` when node is not installed.
fn node(script: &str) -> Option<Value> {
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
    let program = format!(
        "const s = require({:?}); process.stdout.write(JSON.stringify(({script})(s)));",
        js.to_str().unwrap()
    );
    let out = Command::new("node").args(["-e", &program]).output().ok()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn javascript_folds_and_decodes_as_the_rust_does() {
    let samples = [
        "Bồi dưỡng cán bộ lãnh đạo, quản lý ở nước ngoài",
        "ĐỊNH KỲ Quyết định 02-QĐ/BCĐ",
        "39-KL/TW ngày 18/7/2022",
        "Ủy ban nhân dân tỉnh Lai Châu; Sở Nội vụ",
        "Thường trực Tỉnh ủy — Đảng ủy Khối cơ quan",
        "ỹ ỵ ữ ự ặ ẵ ẫ ậ ổ ộ ờ ợ ướ ưỡng ĐƯỜNG đường",
        "bo\u{0302}\u{0300}i du\u{031b}o\u{031b}\u{0303}ng (NFD)",
    ];
    let Some(js) = node(&format!(
        "s => {}.map(x => s.tokens(x))",
        serde_json::to_string(&samples).unwrap()
    )) else {
        eprintln!("node is not installed: the JS side of the fold was not compared");
        return;
    };
    let rust: Vec<Vec<String>> = samples.iter().map(|s| search::tokens(s)).collect();
    assert_eq!(js, serde_json::to_value(&rust).unwrap());

    let postings = [
        (0, search::Field::Id),
        (5, search::Field::Text),
        (31, search::Field::Title),
        (4_000, search::Field::Other),
        (70_000, search::Field::Text),
    ];
    let encoded = search::encode(&postings);
    let js = node(&format!("s => s.decode({encoded:?})")).unwrap();
    let expected: Vec<(u32, u8)> = postings.iter().map(|&(r, f)| (r, f as u8)).collect();
    assert_eq!(js, serde_json::to_value(expected).unwrap());
    let js = node("s => ['boi', 'du', 'duong', 'x', '39'].map(w => s.bucket(w, 64))").unwrap();
    let rust: Vec<usize> = ["boi", "du", "duong", "x", "39"]
        .iter()
        .map(|w| search::bucket(w, 64))
        .collect();
    assert_eq!(js, serde_json::to_value(rust).unwrap());
}

#[test]
fn hostile_titles_stay_data_in_the_index() {
    let site = common::Site::new();
    let evil = "</script><script>alert(1)</script>\u{2028}<!--";
    site.write(
        "content/doc.md",
        format!("---\nid: DOC-1\nkind: Công văn\ntitle: \"{evil}\"\nissuer: so-noi-vu\n---\nBồi dưỡng.\n"),
    );
    site.build().assert_success();
    let dir = site.output().join(search::DIR);
    let mut found = false;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let js = std::fs::read_to_string(&path).unwrap();
        assert!(!js.contains("</") && !js.contains("<!--") && !js.contains('\u{2028}'));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('r') {
            let records = script_data(&path);
            found |= records
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r[1] == "DOC-1" && r[2] == evil);
        }
    }
    assert!(found, "the title is kept exactly, as data");
}

#[test]
fn a_text_saved_decomposed_is_found_as_if_composed() {
    let site = common::Site::new();
    // "Bồi dưỡng" with its accents as combining marks (NFD), as some editors save it.
    site.write(
        "content/doc.md",
        "---\nid: DOC-1\nkind: Công văn\ntitle: Về việc\nissuer: so-noi-vu\n---\nBo\u{0302}\u{0300}i du\u{031b}o\u{031b}\u{0303}ng ca\u{0301}n bo\u{0323}\u{0302}.\n",
    );
    site.build().assert_success();
    let dir = site.output().join(search::DIR);
    let index = Index {
        meta: script_data(&dir.join("index.js")),
        dir,
    };
    for word in ["boi", "duong", "can", "bo"] {
        let urls = index.urls(word);
        assert!(
            urls.iter().any(|u| u == "van-ban/doc-1.html"),
            "{word}: {urls:?}"
        );
    }
}

#[test]
fn words_next_to_each_other_are_indexed_as_pairs_and_a_file_name_is_not_searched() {
    let (_site, index) = shipped_index();
    // "bồi dưỡng" in titles: the pair `boi_duong` leads to 39-KL/TW as a title (field 2).
    let pair = index.postings("boi_duong");
    assert!(
        pair.iter()
            .any(|&(r, f)| f == 2 && index.record(r)[4] == "van-ban/39-kl-tw.html"),
        "{pair:?}"
    );
    // "Sở Nội vụ": the body by its name's pairs; words apart make no pair.
    assert!(index
        .urls("noi_vu")
        .contains(&"co-quan/so-noi-vu.html".to_string()));
    assert!(index.postings("vu_so").is_empty());
    // The news item's id is named after its file: none of its words is searched for it, only
    // the whole id as typed; its title's words are.
    let news = "van-ban/tin-bai-2024-01-08-boi-duong-can-bo-o-nuoc-ngoai.html".to_string();
    for word in ["tin", "bai", "2024", "01", "08"] {
        let hits: Vec<(u32, u8)> = index
            .postings(word)
            .into_iter()
            .filter(|&(r, _)| index.record(r)[4] == *news)
            .collect();
        assert!(
            hits.iter().all(|&(_, f)| f < 3),
            "{word}: found as the id: {hits:?}"
        );
    }
    assert!(index
        .urls("tinbai20240108boiduongcanboonuocngoai")
        .contains(&news));
    // An official number's words stay searchable.
    assert!(index
        .urls("kl")
        .contains(&"van-ban/39-kl-tw.html".to_string()));
}

#[test]
fn the_javascript_ranks_words_in_order_above_words_apart_and_titles_above_texts() {
    use search::Field::{Other, Text, Title};
    // Record 1 has "số ... nội ... vụ" apart in its title, record 2 "Sở Nội vụ" together in
    // its title, record 3 together in a task's text (Other), record 4 only in a document's text.
    let enc = |ps: &[(u32, search::Field)]| search::encode(ps);
    let words = serde_json::json!({
        "so": enc(&[(1, Title), (2, Title), (3, Other), (4, Text)]),
        "noi": enc(&[(1, Title), (2, Title), (3, Other), (4, Text)]),
        "vu": enc(&[(1, Title), (2, Title), (3, Other), (4, Text)]),
        "so_noi": enc(&[(2, Title), (3, Other)]),
        "noi_vu": enc(&[(2, Title), (3, Other)]),
    });
    let rank = |query: &str| {
        let program = format!("s => s.rank(s.tokens({query:?}), () => ({words})).map(x => x[0])");
        node(&program)
    };
    let Some(order) = rank("so noi vu") else {
        eprintln!("node is not installed: the ranking was not checked");
        return;
    };
    assert_eq!(order, serde_json::json!([2, 1, 3, 4]));
    // The last word typed in part ("no" of "noi") matches its pairs as a prefix too.
    assert_eq!(rank("so no").unwrap(), serde_json::json!([2, 1, 3, 4]));
    // Words in another order make no pair: the title ranks first, in record order.
    assert_eq!(rank("vu noi so").unwrap(), serde_json::json!([1, 2, 3, 4]));
}

#[test]
fn records_made_whole_name_each_task_its_lead_and_its_status_as_data_json_does() {
    let (site, index) = shipped_index();
    let data: Value = serde_json::from_str(&site.read("output/data.json")).unwrap();
    let records: Vec<Value> = (0..index.meta["records"].as_u64().unwrap() as u32)
        .map(|r| index.record(r))
        .collect();
    let party_name = |id: &str| {
        let parties = data["bodies"].as_array().unwrap().iter();
        let parties = parties.chain(data["groups"].as_array().unwrap());
        parties.clone().find(|p| p["id"] == id).unwrap()["name"].clone()
    };
    let mut steps = Vec::new();
    for task in data["tasks"].as_array().unwrap() {
        let rec = records
            .iter()
            .find(|r| r[4] == task["url"])
            .unwrap_or_else(|| panic!("no record for {}", task["ref"]));
        let doc = data["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == task["document"])
            .unwrap();
        let name = rec[1].as_str().unwrap();
        match doc["number"].as_str().unwrap() {
            "" => assert!(name.contains(task["id"].as_str().unwrap()) && !name.starts_with('#')),
            number => assert_eq!(name, format!("{number}#{}", task["id"].as_str().unwrap())),
        }
        assert_eq!(rec[5], party_name(task["lead"].as_str().unwrap()), "{name}");
        steps.push((rec[6].clone(), task["status"].clone()));
    }
    // The documents' issuers by name too.
    for doc in data["documents"].as_array().unwrap() {
        let rec = records.iter().find(|r| r[4] == doc["url"]).unwrap();
        assert_eq!(rec[5], party_name(doc["issuer"].as_str().unwrap()));
    }
    // search.js makes the chunks whole as the helper above does, and reads each task's
    // status on the build's day as data.json has it.
    let chunks: Vec<Value> = (0..index.meta["chunks"].as_array().unwrap().len())
        .map(|c| script_data(&index.dir.join(format!("r{c}.js"))))
        .collect();
    let program = format!(
        "s => {}.map(c => s.whole(c, {}))",
        Value::from(chunks.clone()),
        index.meta["parties"]
    );
    let Some(js) = node(&program) else {
        eprintln!("node is not installed: search.js's records were not checked");
        return;
    };
    let rust: Vec<Vec<Value>> = chunks
        .iter()
        .map(|c| whole(c, &index.meta["parties"]))
        .collect();
    assert_eq!(js, serde_json::to_value(rust).unwrap());
    let (shipped, expected): (Vec<Value>, Vec<Value>) = steps.into_iter().unzip();
    let program = format!(
        "s => {}.map(x => s.statusOn(x, {}))",
        Value::from(shipped),
        data["today"]
    );
    assert_eq!(node(&program).unwrap(), Value::from(expected));
}

#[test]
fn search_js_reads_every_status_by_the_letter_rust_writes() {
    let program = format!(
        "s => {}.map(x => s.statusOn(x, '2000-01-01'))",
        Value::from(
            chidao::status::Status::ALL
                .iter()
                .map(|&s| search::status_letter(s).to_string())
                .collect::<Vec<_>>()
        )
    );
    let Some(js) = node(&program) else {
        eprintln!("node is not installed: search.js's statuses were not checked");
        return;
    };
    let names: Vec<&str> = chidao::status::Status::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    assert_eq!(js, serde_json::to_value(names).unwrap());
}
