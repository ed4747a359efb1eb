//! Long lists on a big site: the tasks page splits into pages per status, the documents
//! index and a busy body's page into numbered pages, every row is on exactly one page, and
//! every link between the pages leads to a page that exists.

use std::collections::HashSet;

use crate::common;

fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect()
}

fn rows(html: &str) -> Vec<String> {
    html.split("data-task=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

/// Checks one page of a list split into pages: it holds 1 to 400 rows, none already `seen`
/// on another page (each is added to `seen`), and every link of it leads to a file of the
/// site (`dir` is the page's folder).
fn check_page(html: &str, page: &str, dir: &std::path::Path, seen: &mut HashSet<String>) {
    let on_page = rows(html);
    assert!(
        !on_page.is_empty() && on_page.len() <= 400,
        "{page}: {}",
        on_page.len()
    );
    for r in on_page {
        assert!(seen.insert(r.clone()), "{r} is on two pages");
    }
    for h in hrefs(html) {
        let file = h.split(['#', '?']).next().unwrap();
        if !file.is_empty() && !file.contains("://") {
            assert!(dir.join(file).is_file(), "{page}: {h}");
        }
    }
}

#[test]
fn a_big_site_splits_the_task_list_and_the_documents_index_into_pages() {
    let site = common::Site::big(1100);
    site.good_build();
    let out = site.output();
    let data = site.data_json();
    let total_tasks = data["tasks"].as_array().unwrap().len();
    let total_docs = data["documents"].as_array().unwrap().len();
    assert!(total_tasks > 1100 && total_docs > 1000);

    // The tasks page lists no task itself: it links to each status's pages.
    let overview = site.read("output/nhiem-vu.html");
    assert!(rows(&overview).is_empty(), "the overview lists no rows");
    let pages: Vec<&str> = hrefs(&overview)
        .into_iter()
        .filter(|h| h.starts_with("nhiem-vu/"))
        .collect();
    assert!(pages.len() >= 3, "{pages:?}");
    let mut seen = HashSet::new();
    for page in &pages {
        let html = std::fs::read_to_string(out.join(page)).unwrap_or_else(|_| panic!("{page}"));
        check_page(&html, page, out.join(page).parent().unwrap(), &mut seen);
    }
    assert_eq!(seen.len(), total_tasks, "every task is on one page");

    // The documents index: numbered pages, each document on one of them.
    let first = site.read("output/van-ban/index.html");
    assert!(first.contains("class=\"pager\""));
    assert!(out.join("van-ban/index_2.html").is_file());
    let mut listed = 0;
    for page in ["van-ban/index.html", "van-ban/index_2.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        // A row is `<tr>`, or `<tr data-issued="…">` for a dated document.
        listed += html.matches("<tr><td>").count() + html.matches("<tr data-issued=").count();
    }
    assert_eq!(listed, total_docs);
}

#[test]
fn a_small_site_keeps_one_task_page_with_its_filters() {
    let site = common::Site::new();
    site.good_build();
    let html = site.read("output/nhiem-vu.html");
    assert!(!rows(&html).is_empty());
    assert!(html.contains("class=\"filters\""));
    assert!(!site.output().join("nhiem-vu").exists());
    assert!(!site
        .read("output/van-ban/index.html")
        .contains("class=\"pager\""));
}

/// A body's page names each of its groups that were given tasks, once, with their counts by
/// status; the groups' pages list the tasks, the body's page and files do not (issue 26).
#[test]
fn a_body_s_page_names_its_groups_tasks_and_their_pages_list_them() {
    let site = common::Site::new();
    site.edit(
        "content/bodies.yaml",
        "groups:\n",
        "groups:\n  - id: nhom-noi-vu\n    name: Nhóm Nội vụ\n    members: [so-noi-vu]\n",
    );
    site.write(
        "content/hai-nhom.md",
        "---\nid: 9-KH/HN\nkind: Kế hoạch\ntitle: Việc của hai nhóm\nissuer: ubnd-tinh\n\
         tasks:\n  - id: \"1\"\n    text: Việc chung của hai nhóm\n    lead: cac-so\n    \
         support: [nhom-noi-vu]\n    due: 2024-06-30\n---\n",
    );
    site.good_build();
    let page = site.read("output/co-quan/so-noi-vu.html");
    assert!(
        !page.contains("data-task=\"9-KH/HN#1\""),
        "not listed again"
    );
    let groups = &page[page.find("id=\"h-grp\"").expect("its groups' tasks")..];
    let groups = &groups[..groups.find("</section>").unwrap()];
    for (slug, name) in [("cac-so", "Các sở"), ("nhom-noi-vu", "Nhóm Nội vụ")] {
        let link = format!("<a href=\"../co-quan/{slug}.html\">");
        assert_eq!(groups.matches(&link).count(), 1, "{slug} once: {groups}");
        let line = &groups[groups.find(&link).unwrap()..];
        let line = &line[..line.find("</li>").unwrap()];
        assert!(line.contains(name), "{line}");
        // Its counts by status, which static/tasks.js counts again on another day.
        assert!(line.contains("class=\"tally\" data-tally=\""), "{line}");
        assert!(line.contains("<span class=\"status status-"), "{line}");
        let group_page = site.read(&format!("output/co-quan/{slug}.html"));
        assert_eq!(
            group_page.matches("data-task=\"9-KH/HN#1\"").count(),
            1,
            "{slug}'s page lists it"
        );
    }
    // The body's calendar is of its own tasks.
    let ics = site.read("output/co-quan/so-noi-vu.ics");
    assert!(!ics.contains("UID:9-kh-hn-1"), "{ics}");
    assert!(site
        .read("output/co-quan/nhom-noi-vu.ics")
        .contains("UID:9-kh-hn-1"));
}

/// The value of `attr="…"` in the first tag of `html` that has it.
fn attr<'a>(html: &'a str, attr: &str) -> &'a str {
    let at = &html[html
        .find(&format!("{attr}=\""))
        .unwrap_or_else(|| panic!("{attr}"))
        + attr.len()
        + 2..];
    &at[..at.find('"').unwrap()]
}

#[test]
fn a_body_with_many_tasks_has_its_page_split_into_numbered_pages() {
    let site = common::Site::big(1100);
    site.good_build();
    let out = site.output();
    let data = site.data_json();
    // Every task Sở Nội vụ leads or supports (its groups' are on their pages).
    let its: HashSet<&str> = HashSet::from(["so-noi-vu"]);
    let of_body: HashSet<String> = data["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            its.contains(t["lead"].as_str().unwrap())
                || t["support"]
                    .as_array()
                    .is_some_and(|s| s.iter().any(|b| its.contains(b.as_str().unwrap())))
        })
        .map(|t| t["ref"].as_str().unwrap().to_string())
        .collect();
    assert!(of_body.len() > 1100);

    let first = site.read("output/co-quan/so-noi-vu.html");
    let pages: Vec<String> = std::iter::once("so-noi-vu.html".to_string())
        .chain(
            hrefs(&first[first.find("class=\"pager\"").expect("a pager")..])
                .into_iter()
                .take_while(|h| !h.starts_with(".."))
                .filter(|h| h.starts_with("so-noi-vu.trang-"))
                .map(str::to_string),
        )
        .collect::<Vec<_>>();
    let pages: Vec<String> = pages
        .iter()
        .enumerate()
        .filter(|(i, p)| pages[..*i].iter().all(|q| q != *p))
        .map(|(_, p)| p.clone())
        .collect();
    assert_eq!(pages.len(), of_body.len().div_ceil(400), "{pages:?}");
    assert!(!out
        .join(format!("co-quan/so-noi-vu.trang-{}.html", pages.len() + 1))
        .exists());

    let mut seen = HashSet::new();
    let timeline = attr(&first, "data-timeline").to_string();
    assert!(
        !timeline.is_empty(),
        "the counts come from every task's counts over time"
    );
    for (i, page) in pages.iter().enumerate() {
        let html = std::fs::read_to_string(out.join("co-quan").join(page)).unwrap();
        check_page(&html, page, &out.join("co-quan"), &mut seen);
        // What the body is shows on its first page; the counts of all its tasks on each.
        assert_eq!(html.contains("<dl class=\"props\">"), i == 0, "{page}");
        assert_eq!(attr(&html, "data-live-counts"), "timeline", "{page}");
        assert_eq!(attr(&html, "data-timeline"), timeline, "{page}");
        assert!(html.contains(&format!("(trang {}/{})", i + 1, pages.len())));
        assert!(html.contains(&format!("<strong aria-current=\"page\">{}</strong>", i + 1)));
    }
    let missing: Vec<_> = of_body.difference(&seen).collect();
    let extra: Vec<_> = seen.difference(&of_body).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "every task of the body is on one of its pages: missing {missing:?}, extra {extra:?}"
    );

    // The body that issued every document lists them on numbered pages too.
    assert!(out.join("co-quan/ubnd-tinh.trang-3.html").is_file());
    // A body with few tasks keeps one page, counted from its rows.
    let small = site.read("output/co-quan/so-tai-chinh.html");
    assert!(!small.contains("class=\"pager\""));
    assert_eq!(attr(&small, "data-live-counts"), "page");
    assert!(!out.join("co-quan/so-tai-chinh.trang-2.html").exists());
}

/// `serve` decides whether a body's pages changed from [`party_pages`], which counts rows
/// without putting them in order; the pages rendered come from the lists themselves. Both
/// must agree for every body and group.
#[test]
fn the_pages_serve_counts_are_the_pages_rendered_for_every_party() {
    let site = common::Site::big(1100);
    let (g, diags) = common::load(
        &site.root,
        chrono::NaiveDate::from_ymd_opt(2025, 1, 15).unwrap(),
    );
    assert_eq!(chidao::diagnostic::count_errors(&diags), 0);
    let mut split = 0;
    for p in g.registry().parties() {
        let counted = chidao::render::pages::party_pages(&g, p);
        let lists = chidao::render::pages::PartyLists::of(&g, p);
        let rendered = lists.pages();
        let urls = |l: &[chidao::render::lists::PageLink]| -> Vec<(String, usize, usize)> {
            l.iter().map(|l| (l.url.clone(), l.first, l.last)).collect()
        };
        assert_eq!(urls(&counted), urls(rendered), "{}", g.registry().name(p));
        split += usize::from(rendered.len() > 1);
    }
    assert!(split >= 2, "the busy body and the issuer of every document");
}
