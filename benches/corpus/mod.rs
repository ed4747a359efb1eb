//! A deterministic generator of synthetic chidao sites, for benchmarks.
//!
//! `generate(&Options { documents: 10_000, seed: 1, ..Default::default() }, site)` writes
//! `site/content/{site.yaml, bodies.yaml, **/*.md}`: a valid site (per CONTENT-FORMAT.md) of
//! chains of directives — national roots, provincial plans and copies implementing them,
//! district and commune documents below, copies of copies, reports with results against the
//! roots' targets, news items — with 1-6 tasks per document using every deadline form. The
//! same seed and options always give byte-identical files. Depends on std and fastrand only.

#![allow(dead_code)]

mod bodies;
mod chains;
mod places;
mod text;
mod write;

use bodies::{Party, Registry};
use fastrand::Rng;
use std::collections::BTreeMap;
use std::path::Path;
use text::{civil, days, dmy, iso, pick, TOPICS};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Number of documents (Markdown files).
    pub documents: usize,
    /// Seed of the generator: same seed and options, same bytes.
    pub seed: u64,
    /// Average number of words in a document's text.
    pub words: usize,
    /// Provinces in the registry (each with its districts and bodies); by default 4 and one
    /// more per 1,000 documents, at most 63.
    pub provinces: Option<usize>,
    /// Tasks added to each document's 1-6 (0 by default): fewer bodies with more tasks each.
    pub extra_tasks: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            documents: 1000,
            seed: 1,
            words: 1200,
            provinces: None,
            extra_tasks: 0,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub documents: usize,
    pub tasks: usize,
    pub bodies: usize,
    pub groups: usize,
    pub files: usize,
    pub bytes: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Central,
    Press,
    Province(usize),
    District(usize, usize),
}

struct Task {
    id: String,
    text: String,
    lead: Party,
    support: Vec<Party>,
    due: Option<String>,
    due_note: Option<&'static str>,
    implements: Option<(usize, usize)>,
    done: Option<i32>,
    done_by: Option<usize>,
    /// Later deadlines (as written) and the documents that granted them.
    extended: Vec<(String, usize)>,
    withdrawn: Option<usize>,
    /// Progress notes: date, text, the document where it was reported.
    progress: Vec<(i32, &'static str, Option<usize>)>,
    at: bool,
}

struct Doc {
    id: String,
    kind: &'static str,
    issuer: usize,
    date: i32,
    dated: bool,
    level: Level,
    root: usize,
    implements: Vec<usize>,
    copy_of: Option<usize>,
    follows: Vec<usize>,
    references: Vec<usize>,
    recipients: Vec<Party>,
    tasks: Vec<Task>,
    /// Indexes into TARGETS, for roots that set targets.
    targets: Vec<usize>,
    /// (target index, year, value), against the chain's root.
    results: Vec<(usize, i32, u32)>,
    empty: bool,
    signer: String,
    signer_title: &'static str,
}

const LAST: (i32, u32, u32) = (2026, 11, 15);

struct Gen {
    rng: Rng,
    reg: Registry,
    docs: Vec<Doc>,
    counters: BTreeMap<String, u32>,
    roots: Vec<usize>,
    central: Vec<usize>,
    prov_plans: Vec<Vec<usize>>,
    prov_copies: Vec<Vec<usize>>,
    dist_plans: Vec<Vec<Vec<usize>>>,
    last_by_issuer: BTreeMap<usize, usize>,
    words: usize,
    extra_tasks: usize,
    limit: usize,
}

fn code(kind: &str) -> &'static str {
    match kind {
        "Kết luận" => "KL",
        "Chỉ thị" => "CT",
        "Thông báo" => "TB",
        "Công văn" => "CV",
        "Kế hoạch" => "KH",
        "Quyết định" => "QĐ",
        "Báo cáo" => "BC",
        "Bản sao" => "BS",
        "Tờ trình" => "TTr",
        "Hướng dẫn" => "HD",
        _ => "VB",
    }
}

impl Gen {
    fn last(&self) -> i32 {
        days(LAST.0, LAST.1, LAST.2)
    }

    fn after(&mut self, parents: &[usize]) -> i32 {
        let base = parents
            .iter()
            .map(|&p| self.docs[p].date)
            .max()
            .unwrap_or(0);
        (base + self.rng.i32(3..150)).min(self.last()).max(base)
    }

    fn new_id(&mut self, kind: &'static str, issuer: usize, date: i32) -> String {
        if kind == "Tin bài" {
            return format!("tin-bai-{}-{}", iso(date), self.docs.len() + 1);
        }
        let b = &self.reg.bodies[issuer];
        let key = if b.state {
            format!("{}-{}", code(kind), b.code)
        } else {
            format!("{}/{}", code(kind), b.code)
        };
        let start = self.rng.u32(1..150);
        let step = self.rng.u32(1..4);
        let n = self.counters.entry(key.clone()).or_insert(start);
        *n += step;
        if b.state {
            format!("{n}/{key}")
        } else {
            format!("{n}-{key}")
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        kind: &'static str,
        issuer: usize,
        level: Level,
        parents: Vec<usize>,
        copy_of: Option<usize>,
        root: usize,
        recipients: Vec<Party>,
        basis: &[usize],
    ) -> usize {
        let linked: Vec<usize> = parents
            .iter()
            .chain(&copy_of)
            .chain(basis)
            .copied()
            .collect();
        let date = if linked.is_empty() {
            let lo = days(2019, 1, 1);
            lo + self.rng.i32(0..days(2024, 6, 30) - lo)
        } else {
            self.after(&linked)
        };
        let id = self.new_id(kind, issuer, date);
        let signer_title = match (kind, level) {
            ("Bản sao", _) => "T/L Ban Thường vụ / Chánh Văn phòng",
            ("Tin bài", _) => "Phóng viên",
            (_, _) if self.reg.bodies[issuer].state => "TM. Ủy ban nhân dân / Chủ tịch",
            (_, Level::Central) => "T/M Bộ Chính trị",
            _ => *pick(
                &mut self.rng,
                &["T/M Ban Thường vụ", "K/T Bí thư / Phó Bí thư"],
            ),
        };
        let signer = text::person(&mut self.rng);
        let mut follows = Vec::new();
        if let Some(&prev) = self.last_by_issuer.get(&issuer) {
            if self.rng.u32(0..8) == 0 && self.docs[prev].date <= date {
                follows.push(prev);
            }
        }
        self.last_by_issuer.insert(issuer, self.docs.len());
        let empty = root != usize::MAX && self.rng.u32(0..20) == 0;
        self.docs.push(Doc {
            id,
            kind,
            issuer,
            date,
            dated: !(empty && self.rng.bool()),
            level,
            root: if root == usize::MAX {
                self.docs.len()
            } else {
                root
            },
            implements: parents,
            copy_of,
            follows,
            references: Vec::new(),
            recipients,
            tasks: Vec::new(),
            targets: Vec::new(),
            results: Vec::new(),
            empty,
            signer,
            signer_title,
        });
        self.docs.len() - 1
    }

    fn leads(&self, level: Level) -> &[Party] {
        match level {
            Level::Central | Level::Press => &self.reg.central.leads,
            Level::Province(p) => &self.reg.provinces[p].leads,
            Level::District(p, d) => &self.reg.provinces[p].districts[d].leads,
        }
    }

    fn place(&self, level: Level) -> String {
        match level {
            Level::Central | Level::Press => "Hà Nội".into(),
            Level::Province(p) => self.reg.provinces[p].name.clone(),
            Level::District(p, d) => self.reg.provinces[p].districts[d].name.clone(),
        }
    }

    fn due(&mut self, date: i32, dated: bool) -> Option<String> {
        let t = date + self.rng.i32(20..540);
        let (y, m, _) = civil(t);
        let qn = (m - 1) / 3 + 1;
        let roman = ["I", "II", "III", "IV"][qn as usize - 1];
        Some(match self.rng.u32(0..17) {
            0 => iso(t),
            1 => dmy(t),
            2 => format!("tháng {m}/{y}"),
            3 => format!("quý {roman}/{y}"),
            4 => format!("quý {qn}-{y}"),
            5 => format!("quý {roman}-{y}"),
            6 => format!("quý {qn}/{y}"),
            7 => format!("năm {y}"),
            8 if dated => format!("{} ngày", pick(&mut self.rng, &[10, 15, 30, 45, 60])),
            8 => iso(t),
            9 => "hằng năm".into(),
            10 => "hàng năm".into(),
            11 => "hằng quý".into(),
            12 => "hằng tháng".into(),
            13 => "định kỳ 6 tháng".into(),
            14 => "thường xuyên".into(),
            _ => return None,
        })
    }

    /// 1-6 tasks for document `d`, some carrying out tasks of the documents it implements.
    fn tasks(&mut self, d: usize, count: usize) {
        let (level, date, dated, empty) = {
            let doc = &self.docs[d];
            (doc.level, doc.date, doc.dated, doc.empty)
        };
        let topic = TOPICS[self.docs[d].root % TOPICS.len()];
        let place = self.place(level);
        let parents: Vec<usize> = self.docs[d]
            .implements
            .iter()
            .copied()
            .filter(|&p| !self.docs[p].tasks.is_empty())
            .collect();
        let mut section = 0;
        let mut sub = 0;
        let mut texts: Vec<String> = Vec::new();
        for i in 0..count {
            let id = if i > 0 && self.rng.u32(0..4) == 0 {
                sub += 1;
                format!("{section}.{sub}")
            } else {
                section += 1;
                sub = 0;
                section.to_string()
            };
            let mut text = text::task_text(&mut self.rng, topic, &place);
            for _ in 0..20 {
                if !texts
                    .iter()
                    .any(|t| t.contains(&text) || text.contains(t.as_str()))
                {
                    break;
                }
                text = text::task_text(&mut self.rng, topic, &place);
            }
            let unique = !texts
                .iter()
                .any(|t| t.contains(&text) || text.contains(t.as_str()));
            texts.push(text.clone());
            let leads = self.leads(level).to_vec();
            let lead = *pick(&mut self.rng, &leads);
            let mut support = Vec::new();
            if self.rng.u32(0..5) < 2 {
                for _ in 0..1 + self.rng.usize(0..2) {
                    let s = *pick(&mut self.rng, &leads);
                    if s != lead && !support.contains(&s) {
                        support.push(s);
                    }
                }
            }
            let due = self.due(date, dated);
            let due_note = (self.rng.u32(0..8) == 0).then(|| *pick(&mut self.rng, text::DUE_NOTES));
            let implements = if !parents.is_empty() && self.rng.u32(0..4) != 0 {
                let p = *pick(&mut self.rng, &parents);
                Some((p, self.rng.usize(0..self.docs[p].tasks.len())))
            } else {
                None
            };
            let done = (self.rng.u32(0..5) == 0)
                .then(|| (date + self.rng.i32(5..400)).min(self.last()).max(date));
            let at = unique && !empty && self.rng.u32(0..5) < 3;
            let progress = if self.rng.u32(0..6) == 0 {
                (0..1 + self.rng.usize(0..3))
                    .map(|_| {
                        (
                            date + self.rng.i32(10..700),
                            *pick(&mut self.rng, text::PROGRESS),
                            None,
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            };
            self.docs[d].tasks.push(Task {
                id,
                text,
                lead,
                support,
                due,
                due_note,
                implements,
                done,
                done_by: None,
                extended: Vec::new(),
                withdrawn: None,
                progress,
                at,
            });
        }
        // This document may carry out one of its first parent's tasks.
        if let Some(&p) = self.docs[d].implements.first() {
            let open: Vec<usize> = (0..self.docs[p].tasks.len())
                .filter(|&t| {
                    self.docs[p].tasks[t].done.is_none() && self.docs[p].tasks[t].done_by.is_none()
                })
                .collect();
            if !open.is_empty() && self.rng.u32(0..10) < 3 {
                let t = *pick(&mut self.rng, &open);
                self.docs[p].tasks[t].done_by = Some(d);
            }
            // Or grant one of them more time (gia hạn), withdraw one (rút), or report on one.
            let open: Vec<usize> = open
                .into_iter()
                .filter(|&t| {
                    self.docs[p].tasks[t].done_by.is_none()
                        && self.docs[p].tasks[t].withdrawn.is_none()
                })
                .collect();
            if !open.is_empty() && self.rng.u32(0..10) < 2 {
                let t = *pick(&mut self.rng, &open);
                let due = iso(self.docs[d].date + self.rng.i32(30..400));
                self.docs[p].tasks[t].extended.push((due, d));
            } else if !open.is_empty() && self.rng.u32(0..20) == 0 {
                let t = *pick(&mut self.rng, &open);
                self.docs[p].tasks[t].withdrawn = Some(d);
            } else if !open.is_empty() && self.rng.u32(0..10) < 2 {
                let t = *pick(&mut self.rng, &open);
                let date = self.docs[d].date;
                self.docs[p].tasks[t].progress.push((
                    date,
                    *pick(&mut self.rng, text::PROGRESS),
                    Some(d),
                ));
            }
        }
    }
}

/// Writes the synthetic site under `site/content/`.
pub fn generate(opts: &Options, site: &Path) -> std::io::Result<Summary> {
    let n = opts.documents;
    let mut rng = Rng::with_seed(opts.seed);
    let reg = Registry::build(&mut rng, n, opts.provinces);
    let provinces = reg.provinces.len();
    let dist_plans = reg
        .provinces
        .iter()
        .map(|p| vec![Vec::new(); p.districts.len()])
        .collect();
    let mut g = Gen {
        rng,
        reg,
        docs: Vec::new(),
        counters: BTreeMap::new(),
        roots: Vec::new(),
        central: Vec::new(),
        prov_plans: vec![Vec::new(); provinces],
        prov_copies: vec![Vec::new(); provinces],
        dist_plans,
        last_by_issuer: BTreeMap::new(),
        words: opts.words,
        extra_tasks: opts.extra_tasks,
        limit: n,
    };
    let roots = (n / 250).clamp(1, 60);
    while g.docs.len() < n && g.roots.len() < roots {
        g.root();
    }
    while g.docs.len() < n {
        let p = g.province();
        match g.rng.u32(0..100) {
            0..=4 => g.central_doc(),
            5..=26 => g.provincial_plan(p),
            27..=36 => g.provincial_state_plan(p),
            37..=43 => g.provincial_copy(p),
            44..=71 => g.district_plan(p),
            72..=77 => g.district_copy(p),
            78..=82 => g.commune_plan(p),
            83..=92 => g.report(p),
            93..=95 => g.news(),
            _ => g.district_plan(p),
        }
    }
    write::site(&g, opts, site)
}
