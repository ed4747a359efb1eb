//! The chain, drawn, and the task trace, end to end: the shipped home page draws the chain
//! with links to documents, document pages draw their neighbourhood, tasks with tasks below
//! sum them up and name the task they carry out; a large chain stays bounded on the home
//! page, whole in the full view up to a thousand documents, and bounded beyond.

use crate::common::Site;

/// The `<svg …>…</svg>` of a page.
fn svg(html: &str) -> &str {
    let start = html.find("<svg").expect("an <svg>");
    let end = html[start..].find("</svg>").expect("</svg>") + start + "</svg>".len();
    &html[start..end]
}

fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/").replace("&amp;", "&")
}

#[test]
fn the_shipped_site_draws_the_chain_and_traces_tasks() {
    let site = Site::shipped();
    site.good_build();
    let home = site.read("output/index.html");
    let drawn = svg(&home);
    // Its accessible name and description: its own title and desc.
    assert!(drawn.starts_with("<svg class=\"chain\" role=\"group\" "));
    assert!(drawn.contains("><title>Chuỗi văn bản chỉ đạo</title><desc>"));
    assert!(
        drawn.contains("<a href=\"van-ban/39-kl-tw.html\" data-issued=\"2022-07-18\">"),
        "a box links to 39-KL/TW's page"
    );
    assert!(drawn.contains(">Kết luận 39-KL/TW</text>"));
    // Its tooltip: the document's title, which the box does not show.
    assert!(drawn.contains("<title>Kết luận của Bộ Chính trị về chủ trương bồi dưỡng cán bộ lãnh đạo, quản lý ở nước ngoài bằng ngân sách nhà nước</title></rect>"));
    // Each arrow carries the later date of its two documents (hidden before it).
    let arrows = &drawn[drawn.find("<g class=\"arrows\"").expect("arrows")..];
    let arrows: Vec<&str> = arrows[..arrows.find("</g>").unwrap()]
        .split("<path d=\"M")
        .skip(1)
        .collect();
    assert!(arrows.len() > 5);
    assert!(arrows
        .iter()
        .all(|a| a[..a.find("/>").unwrap()].contains(" data-issued=\"20")));
    assert!(
        arrows.iter().any(|a| a.contains(" class=\"copy\"")),
        "copies are dashed"
    );
    assert!(home.contains("class=\"chain-figure\" role=\"region\" tabindex=\"0\" aria-label="));
    assert!(
        home.contains("<a href=\"so-do.html\">"),
        "a link to the full view"
    );

    let full = site.read("output/so-do.html");
    assert!(svg(&full).contains("id=\"n-39-kl-tw\""));

    // A document page draws its neighbourhood: up to the root, itself marked, its children.
    let copy = site.read("output/van-ban/71-bs-vptu.html");
    let around = svg(&copy);
    assert!(around.contains("<a href=\"../van-ban/39-kl-tw.html\" data-issued=\"2022-07-18\">"));
    assert!(around.contains(
        "<a href=\"../van-ban/71-bs-vptu.html\" data-issued=\"2022-08-03\" aria-current=\"page\">"
    ));
    assert!(around.contains("<a href=\"../van-ban/24-bs-hu.html\" data-issued=\"2022-08-11\">"));
    assert_eq!(around.matches("aria-current").count(), 1);

    // 39-KL/TW#3.1 is carried out further down: its row sums up every task below.
    let doc = unescape(&site.read("output/van-ban/39-kl-tw.html"));
    assert!(
        doc.contains("1/15 nhiệm vụ bên dưới đã hoàn thành</span></p>"),
        "{}",
        &doc[doc.find("class=\"tasks").unwrap()..][..3000]
    );
    // Up the chain: a task names the task it carries out, by its status, its reference
    // (which names its document) and its text; the document is in the page's relations.
    let below = unescape(&site.read("output/van-ban/1002-cv-tu.html"));
    let up = below
        .split("<p class=\"up\">")
        .nth(1)
        .and_then(|r| r.split("</p>").next())
        .unwrap_or_else(|| panic!("no task above: {below}"));
    assert!(up.starts_with("Thực hiện nhiệm vụ: <span class=\"status status-no_deadline\" data-live-badge data-status=\"no_deadline\" data-t=\"i2022-07-18\">Chưa có thời hạn</span> <a href=\"../van-ban/39-kl-tw.html#task-3-1\">39-KL/TW#3.1</a> — "), "{up}");
    assert!(
        !up.contains("Kết luận số"),
        "the document is not named again: {up}"
    );
    assert!(
        below.contains("<dt>Thực hiện văn bản</dt><dd><ul class=\"docs\"><li data-issued=\"2022-07-18\"><a href=\"../van-ban/39-kl-tw.html\">Kết luận số 39-KL/TW</a>"),
        "the relations name it: {below}"
    );
}

#[test]
fn english_roll_up() {
    let site = Site::shipped();
    site.edit("content/site.yaml", "language: vi", "language: en");
    site.good_build();
    let doc = unescape(&site.read("output/van-ban/39-kl-tw.html"));
    assert!(doc.contains("1 of 15 below done"), "the English roll-up");
    assert!(doc.contains("Diagram of its relations"));
}

/// A root with `n` documents implementing it, each with a copy.
fn wide_site(n: usize) -> Site {
    let site = Site::new();
    let root = "---\nid: GOC\nkind: Chỉ thị\ntitle: Gốc\nissuer: ubnd-tinh\ndate: 2024-01-01\n---\nNội dung.\n";
    site.write("content/wide/goc.md", root);
    for i in 0..n {
        site.write(
            &format!("content/wide/kh-{i}.md"),
            format!("---\nid: KH-{i}\nkind: Kế hoạch\ntitle: Kế hoạch {i} <&>\nissuer: so-noi-vu\ndate: 2024-02-01\nimplements: [GOC]\ntasks:\n  - id: \"1\"\n    text: Việc {i}\n    lead: so-noi-vu\n    due: 2024-06-30\n---\n"),
        );
        site.write(
            &format!("content/wide/bs-{i}.md"),
            format!("---\nid: BS-{i}\nkind: Bản sao\ntitle: Sao kế hoạch {i}\nissuer: van-phong-ubnd-tinh\ndate: 2024-02-02\ncopy_of: KH-{i}\n---\n"),
        );
    }
    site
}

#[test]
fn a_large_chain_is_capped_on_the_home_page_and_whole_in_the_full_view() {
    let site = wide_site(150);
    site.good_build();
    let home = site.read("output/index.html");
    let drawn = svg(&home);
    let boxes = drawn.matches("<a href=\"van-ban/").count();
    assert!(boxes <= 60, "{boxes} boxes on the home page");
    assert!(
        drawn.contains("<a href=\"so-do.html#n-goc\">"),
        "a +N box leads to the full view"
    );
    assert!(
        !home.contains("class=\"tree\""),
        "no unbounded list on the home page"
    );
    // 150 open tasks: the home page lists the 100 nearest, counts all 150 (and its script
    // counts them again from their counts over time), and sends the reader to the tasks page.
    assert_eq!(home.matches("<tr data-task=").count(), 100);
    assert!(home.contains("chỉ liệt kê các nhiệm vụ có thời hạn gần nhất"));
    let timeline = &home[home
        .find("data-timeline=\"")
        .expect("the counts carry their counts over time")..];
    // (151: the fixture's own plan has a task due that day too) All 151 become overdue on
    // the same day, 2024-07-01: the text grows with the days, not with the tasks.
    let timeline = &timeline[..timeline.find('>').unwrap()];
    assert!(timeline.contains("a151B151"), "{timeline}");
    assert!(timeline.len() < 200, "{timeline}");
    let full = site.read("output/so-do.html");
    let all = svg(&full).matches("<a href=\"van-ban/").count();
    let documents = site.data_json()["documents"].as_array().unwrap().len();
    assert!(documents > 300);
    assert_eq!(
        all, documents,
        "every document of the site is drawn in the full view"
    );
    // The root's page caps its 150 children, with a "+N" box to its relations.
    let goc = site.read("output/van-ban/goc.html");
    assert!(svg(&goc).contains("<a href=\"../van-ban/goc.html#h-rel\">"));
    assert!(goc.contains("id=\"h-rel\""));
}

#[test]
fn beyond_250_documents_the_full_view_lists_what_it_draws_and_leads_to_the_rest() {
    // 261 documents: the root, 130 plans under it, a copy under each plan.
    let site = wide_site(130);
    site.good_build();
    let full = site.read("output/so-do.html");
    let list = &full[full.find("id=\"h-list\"").expect("the list")..];
    let listed = list.matches("<a href=\"van-ban/").count();
    let drawn = svg(&full).matches("<a href=\"van-ban/").count();
    let asof = &full[full.find("class=\"asof\"").unwrap()..];
    assert!(
        asof.contains("Sơ đồ thể hiện 250 trên "),
        "{}",
        &asof[..300]
    );
    // Each drawn box once in the list; the "+N" boxes (to a plan's relations) too.
    let more = list
        .matches("<li class=\"more\"><a href=\"van-ban/")
        .count();
    assert_eq!(listed - more, 250);
    assert_eq!(
        listed, drawn,
        "the list holds what the diagram draws, no more"
    );
    // Every document left out is counted on one "+N" line (no document here has two parents).
    let documents = site.data_json()["documents"].as_array().unwrap().len();
    let counted: usize = list
        .split("<li class=\"more\"><a href=\"")
        .skip(1)
        .map(|line| {
            let text = &line[line.find("\">").unwrap() + 2..];
            text[..text.find(' ').unwrap()].parse::<usize>().unwrap()
        })
        .sum();
    assert!(more > 0);
    assert_eq!(counted, documents - 250);
    // A plan whose copy is left out leads to its relations, which list the copy.
    let first = &list[list
        .find("<li class=\"more\"><a href=\"van-ban/kh-")
        .unwrap()..];
    let i: usize = first["<li class=\"more\"><a href=\"van-ban/kh-".len()..]
        .split('.')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(first.contains(&format!(
        "<a href=\"van-ban/kh-{i}.html#h-rel\">1 văn bản khác, bấm để xem</a></li>"
    )));
    assert!(!list.contains(&format!("van-ban/bs-{i}.html")));
    let plan = site.read(&format!("output/van-ban/kh-{i}.html"));
    let rel = &plan[plan.find("id=\"h-rel\"").unwrap()..];
    assert!(rel.contains(&format!("href=\"../van-ban/bs-{i}.html\"")));
}

#[test]
fn a_task_with_hundreds_below_traces_only_the_tasks_that_carry_it_out_directly() {
    // GOC#1, 15 plans carrying it out, 15 dispatches below each plan's task: 240 below.
    let site = Site::new();
    site.write(
        "content/goc.md",
        "---\nid: GOC\nkind: Chỉ thị\ntitle: Gốc\nissuer: ubnd-tinh\ndate: 2024-01-01\ntasks:\n  - id: \"1\"\n    text: Việc gốc\n    lead: so-noi-vu\n---\n",
    );
    for i in 0..15 {
        site.write(
            &format!("content/kh-{i}.md"),
            format!("---\nid: KH-{i}\nkind: Kế hoạch\ntitle: Kế hoạch {i}\nissuer: so-noi-vu\ndate: 2024-02-01\nimplements: [GOC]\ntasks:\n  - id: \"1\"\n    text: Việc {i}\n    lead: so-noi-vu\n    implements: GOC#1\n---\n"),
        );
        for j in 0..15 {
            site.write(
                &format!("content/cv-{i}-{j}.md"),
                format!("---\nid: CV-{i}-{j}\nkind: Công văn\ntitle: Công văn {i}.{j}\nissuer: so-noi-vu\ndate: 2024-03-01\nimplements: [KH-{i}]\ntasks:\n  - id: \"1\"\n    text: Việc {i}.{j}\n    lead: so-tai-chinh\n    implements: KH-{i}#1\n    due: 2024-12-31\n---\n"),
            );
        }
    }
    site.good_build();
    let goc = unescape(&site.read("output/van-ban/goc.html"));
    let trace = &goc[goc.find("<ul class=\"trace\">").expect("a trace")..];
    assert_eq!(
        trace.matches("<li>").count(),
        15,
        "the tasks that carry it out"
    );
    assert!(!trace.contains("CV-0-0#1"), "not the tasks below them");
    assert!(trace.contains("<a class=\"trace-more\" href=\"../van-ban/kh-0.html#task-1\">"));
    assert!(
        goc.contains("/240 nhiệm vụ bên dưới"),
        "the roll-up counts every task below"
    );
    // A plan's own page traces its 15 tasks below in full.
    let plan = unescape(&site.read("output/van-ban/kh-0.html"));
    let trace = &plan[plan.find("<ul class=\"trace\">").expect("a trace")..];
    assert_eq!(trace.matches("<li>").count(), 15);
    assert!(trace.contains("CV-0-14#1"));
}
