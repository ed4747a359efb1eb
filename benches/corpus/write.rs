//! Turning the planned documents into files: front matter, Markdown text, the registry.

use super::bodies::{list, q, Party};
use super::text::{self, dmy, iso, long_date, pick, Page, TARGETS, TOPICS};
use super::{Doc, Gen, Level, Options, Summary};
use fastrand::Rng;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn doc_rng(seed: u64, i: usize) -> Rng {
    let mut x = seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    Rng::with_seed(x ^ (x >> 31))
}

fn date(rng: &mut Rng, d: i32) -> String {
    if rng.u32(0..5) == 0 {
        dmy(d)
    } else {
        iso(d)
    }
}

impl Gen {
    fn folder(&self, level: Level) -> String {
        match level {
            Level::Central => "trung-uong".into(),
            Level::Press => "tin-bai".into(),
            Level::Province(p) => self.reg.provinces[p].folder.clone(),
            Level::District(p, d) => format!(
                "{}/{}",
                self.reg.provinces[p].folder, self.reg.provinces[p].districts[d].folder
            ),
        }
    }

    /// "Kế hoạch số 45-KH/TU ngày 03/8/2022 của Ban Thường vụ Tỉnh ủy Lai Châu".
    fn cite_doc(&self, d: usize) -> String {
        let doc = &self.docs[d];
        let when = if doc.dated {
            format!(" ngày {}", dmy(doc.date))
        } else {
            String::new()
        };
        format!(
            "{} số {}{when} của {}",
            doc.kind, doc.id, self.reg.bodies[doc.issuer].name
        )
    }

    fn title(&self, rng: &mut Rng, d: usize, topic: &str) -> String {
        let doc = &self.docs[d];
        let issuer = &self.reg.bodies[doc.issuer].name;
        let short = |p: usize| format!("{} số {}", self.docs[p].kind, self.docs[p].id);
        if let Some(s) = doc.copy_of {
            return format!(
                "Sao lục {} của {} về {topic}",
                short(s),
                self.reg.bodies[self.docs[s].issuer].name
            );
        }
        if let Some(&p) = doc.implements.first() {
            return match doc.kind {
                "Kế hoạch" => format!("Thực hiện {} về {topic}", short(p)),
                "Công văn" => format!("Về việc triển khai thực hiện {}", short(p)),
                "Quyết định" => {
                    format!("Về việc thành lập Ban Chỉ đạo thực hiện {}", short(p))
                }
                "Thông báo" => format!("Kết luận của Thường trực về việc thực hiện {}", short(p)),
                "Hướng dẫn" => format!("Hướng dẫn thực hiện {} về {topic}", short(p)),
                _ => format!("Về tăng cường sự lãnh đạo thực hiện {}", short(p)),
            };
        }
        match doc.kind {
            "Kết luận" => format!("Kết luận của {issuer} về {topic}"),
            "Chỉ thị" => format!("Chỉ thị của {issuer} về {topic}"),
            "Thông báo" => format!("Thông báo kết luận của {issuer} về {topic}"),
            "Tờ trình" => format!("Về kết quả thực hiện và đề xuất chủ trương về {topic}"),
            "Báo cáo" => format!(
                "Kết quả thực hiện {} về {topic}",
                doc.references.first().map_or(String::new(), |&r| short(r))
            ),
            _ => {
                let head = *pick(
                    rng,
                    &[
                        "Nâng cao hiệu quả",
                        "Tiếp tục đẩy mạnh",
                        "Nhìn lại một năm thực hiện chủ trương",
                        "Quyết liệt triển khai",
                    ],
                );
                format!("{head} {topic}")
            }
        }
    }

    fn intro(&self, d: usize, topic: &str) -> String {
        let doc = &self.docs[d];
        let issuer = &self.reg.bodies[doc.issuer].name;
        if let Some(s) = doc.copy_of {
            return format!(
                "Sao lục {} về {topic}, gửi các cơ quan, đơn vị để biết và thực hiện.",
                self.cite_doc(s)
            );
        }
        if !doc.implements.is_empty() {
            let cited: Vec<String> = doc.implements.iter().map(|&p| self.cite_doc(p)).collect();
            return format!(
                "Thực hiện {} về {topic}, {issuer} ban hành {} triển khai thực hiện như sau:",
                cited.join("; "),
                doc.kind.to_lowercase()
            );
        }
        match (doc.kind, doc.references.first()) {
            ("Báo cáo", Some(&r)) => format!("Thực hiện {}, {issuer} báo cáo kết quả như sau:", self.cite_doc(r)),
            ("Tin bài", Some(&r)) => format!("Thời gian qua, việc thực hiện {} đã đạt được nhiều kết quả quan trọng.", self.cite_doc(r)),
            (_, Some(&r)) => format!("Sau khi xem xét {} và ý kiến của các cơ quan liên quan, {issuer} kết luận như sau:", self.cite_doc(r)),
            _ => format!("Để tiếp tục {topic}, {issuer} yêu cầu các cấp ủy, tổ chức đảng tập trung thực hiện tốt các nội dung sau:"),
        }
    }

    /// The Markdown text; clears `at` on tasks whose text would not be found exactly once.
    fn text(&self, rng: &mut Rng, d: usize, title: &str, topic: &str, at: &mut [bool]) -> String {
        let doc = &self.docs[d];
        if doc.empty {
            at.iter_mut().for_each(|a| *a = false);
            return String::new();
        }
        let place = self.place(doc.level);
        let page = Page {
            heading: if doc.kind == "Bản sao" {
                self.docs[doc.copy_of.unwrap_or(d)].kind.to_uppercase()
            } else {
                doc.kind.to_uppercase()
            },
            title,
            number: &doc.id,
            place_date: if doc.dated {
                format!("{place}, {}", long_date(doc.date))
            } else {
                place.clone()
            },
            intro: self.intro(d, topic),
            topic,
            tasks: doc
                .tasks
                .iter()
                .map(|t| {
                    (
                        t.text.clone(),
                        self.reg.name(t.lead).to_string(),
                        t.support
                            .iter()
                            .map(|&s| self.reg.name(s).to_string())
                            .collect(),
                        t.due.clone(),
                    )
                })
                .collect(),
            results: doc
                .results
                .iter()
                .map(|&(t, y, v)| (TARGETS[t].1.to_string(), y, v, TARGETS[t].2.to_string()))
                .collect(),
            recipients: doc
                .recipients
                .iter()
                .map(|&r| self.reg.name(r).to_string())
                .collect(),
            signer_title: doc.signer_title,
            signer: &doc.signer,
            copy: doc.kind == "Bản sao",
        };
        let target = self.words * (35 + rng.usize(0..131)) / 100;
        let body = text::body(rng, &page, target);
        for (t, a) in doc.tasks.iter().zip(at.iter_mut()) {
            if *a && body.matches(t.text.as_str()).count() != 1 {
                *a = false;
            }
        }
        body
    }

    fn front_matter(&self, rng: &mut Rng, d: usize, title: &str, at: &[bool]) -> String {
        let doc: &Doc = &self.docs[d];
        let ids = |v: &[usize]| list(v.iter().map(|&x| &self.docs[x].id));
        let mut o = String::from("---\n");
        let _ = writeln!(
            o,
            "id: {}\nkind: {}\ntitle: {}",
            q(&doc.id),
            doc.kind,
            q(title)
        );
        let _ = writeln!(
            o,
            "issuer: {}",
            q(&self.reg.cite(rng, Party::Body(doc.issuer)))
        );
        if doc.dated {
            let _ = writeln!(o, "date: {}", date(rng, doc.date));
        }
        let _ = writeln!(o, "place: {}", q(&self.place(doc.level)));
        let _ = writeln!(
            o,
            "signer: {}\nsigner_title: {}",
            q(&doc.signer),
            q(doc.signer_title)
        );
        if !doc.implements.is_empty() {
            let _ = writeln!(o, "implements: [{}]", ids(&doc.implements));
        }
        if let Some(c) = doc.copy_of {
            let _ = writeln!(o, "copy_of: {}", q(&self.docs[c].id));
        }
        if !doc.follows.is_empty() {
            let _ = writeln!(o, "follows: [{}]", ids(&doc.follows));
        }
        if !doc.references.is_empty() {
            let _ = writeln!(o, "references: [{}]", ids(&doc.references));
        }
        if doc.kind == "Tin bài" {
            let _ = writeln!(
                o,
                "source: \"https://example.vn/tin-tuc/{}\"",
                text::slug(&doc.id)
            );
        }
        if !doc.recipients.is_empty() {
            o.push_str("recipients:\n");
            for &r in &doc.recipients {
                let _ = writeln!(o, "  - {}", q(&self.reg.cite(rng, r)));
            }
        }
        if !doc.tasks.is_empty() {
            o.push_str("tasks:\n");
        }
        for (t, &a) in doc.tasks.iter().zip(at) {
            let _ = writeln!(o, "  - id: {}\n    text: {}", q(&t.id), q(&t.text));
            let _ = writeln!(o, "    lead: {}", q(&self.reg.cite(rng, t.lead)));
            if !t.support.is_empty() {
                let names: Vec<String> = t.support.iter().map(|&s| self.reg.cite(rng, s)).collect();
                let _ = writeln!(o, "    support: [{}]", list(names.iter()));
            }
            if let Some(due) = &t.due {
                let _ = writeln!(o, "    due: {}", q(due));
            }
            if let Some(n) = t.due_note {
                let _ = writeln!(o, "    due_note: {}", q(n));
            }
            if let Some((p, pt)) = t.implements {
                let _ = writeln!(
                    o,
                    "    implements: {}",
                    q(&format!(
                        "{}#{}",
                        self.docs[p].id, self.docs[p].tasks[pt].id
                    ))
                );
            }
            if let Some(done) = t.done {
                let _ = writeln!(o, "    done: {}", date(rng, done));
            }
            if let Some(by) = t.done_by {
                let _ = writeln!(o, "    done_by: {}", q(&self.docs[by].id));
            }
            if !t.extended.is_empty() {
                o.push_str("    extended:\n");
                for (due, by) in &t.extended {
                    let _ = writeln!(
                        o,
                        "      - {{due: {}, by: {}}}",
                        q(due),
                        q(&self.docs[*by].id)
                    );
                }
            }
            if let Some(by) = t.withdrawn {
                let _ = writeln!(o, "    withdrawn: {}", q(&self.docs[by].id));
            }
            if !t.progress.is_empty() {
                o.push_str("    progress:\n");
                for (day, text, doc) in &t.progress {
                    let _ = write!(o, "      - {{date: {}, text: {}", iso(*day), q(text));
                    if let Some(doc) = doc {
                        let _ = write!(o, ", document: {}", q(&self.docs[*doc].id));
                    }
                    o.push_str("}\n");
                }
            }
            if a {
                let _ = writeln!(o, "    at: {}", q(&t.text));
            }
        }
        if !doc.targets.is_empty() {
            let (y, _, _) = text::civil(doc.date);
            o.push_str("targets:\n");
            for &t in &doc.targets {
                let (id, name, unit, base) = TARGETS[t];
                let _ = writeln!(
                    o,
                    "  - id: {id}\n    name: {}\n    unit: {}\n    per_year:",
                    q(name),
                    q(unit)
                );
                let _ = writeln!(o, "      - {{ from: {y}, to: {}, value: {base} }}", y + 3);
                let _ = writeln!(
                    o,
                    "      - {{ from: {}, to: {}, value: {} }}",
                    y + 4,
                    y + 8,
                    base * 6 / 5
                );
            }
        }
        if !doc.results.is_empty() {
            o.push_str("results:\n");
            let root = &self.docs[doc.root].id;
            for &(t, year, value) in &doc.results {
                let _ = writeln!(
                    o,
                    "  - {{ target: {}, year: {year}, value: {value} }}",
                    q(&format!("{root}#{}", TARGETS[t].0))
                );
            }
        }
        o.push_str("---\n");
        o
    }
}

pub fn site(g: &Gen, opts: &Options, site: &Path) -> std::io::Result<Summary> {
    let content = site.join("content");
    std::fs::create_dir_all(&content)?;
    let mut summary = Summary {
        documents: g.docs.len(),
        bodies: g.reg.bodies.len(),
        groups: g.reg.groups.len(),
        ..Summary::default()
    };
    let mut put = |path: PathBuf, bytes: &[u8]| -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
        summary.files += 1;
        summary.bytes += bytes.len() as u64;
        Ok(())
    };
    let site_yaml = format!(
        "title: \"Theo dõi thực hiện văn bản chỉ đạo (dữ liệu tổng hợp, {} văn bản)\"\nlanguage: vi\nsoon_days: 30\n",
        g.docs.len()
    );
    put(content.join("site.yaml"), site_yaml.as_bytes())?;
    put(content.join("bodies.yaml"), g.reg.yaml().as_bytes())?;
    let mut paths = BTreeSet::new();
    let mut tasks = 0;
    for d in 0..g.docs.len() {
        let doc = &g.docs[d];
        let mut rng = doc_rng(opts.seed, d);
        let topic = TOPICS[doc.root % TOPICS.len()];
        let title = g.title(&mut rng, d, topic);
        let mut at: Vec<bool> = doc.tasks.iter().map(|t| t.at).collect();
        let body = g.text(&mut rng, d, &title, topic, &mut at);
        let mut file = g.front_matter(&mut rng, d, &title, &at);
        file.push_str(&body);
        tasks += doc.tasks.len();
        let folder = g.folder(doc.level);
        let base = text::slug(&doc.id);
        let mut name = format!("{folder}/{base}.md");
        let mut k = 1;
        while !paths.insert(name.clone()) {
            k += 1;
            name = format!("{folder}/{base}-{k}.md");
        }
        put(content.join(&name), file.as_bytes())?;
    }
    summary.tasks = tasks;
    Ok(summary)
}
