//! Long lists on a big site: the tasks page splits into pages per status and the documents
//! index into numbered pages, every row is on exactly one page, and every link between the
//! pages leads to a page that exists.

mod common;

use std::collections::HashSet;

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
        let on_page = rows(&html);
        assert!(
            !on_page.is_empty() && on_page.len() <= 500,
            "{page}: {}",
            on_page.len()
        );
        for r in on_page {
            assert!(seen.insert(r.clone()), "{r} is on two pages");
        }
        // Every link of the page leads to a file of the site.
        let dir = out.join(page).parent().unwrap().to_path_buf();
        for h in hrefs(&html) {
            let file = h.split('#').next().unwrap();
            if !file.is_empty() && !file.contains("://") {
                assert!(dir.join(file).is_file(), "{page}: {h}");
            }
        }
    }
    assert_eq!(seen.len(), total_tasks, "every task is on one page");

    // The documents index: numbered pages, each document on one of them.
    let first = site.read("output/van-ban/index.html");
    assert!(first.contains("class=\"pager\""));
    assert!(out.join("van-ban/index_2.html").is_file());
    let mut listed = 0;
    for page in ["van-ban/index.html", "van-ban/index_2.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        listed += html.matches("<tr><td>").count();
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

/// A body's page lists each task of its groups once, even a task of two of its groups.
#[test]
fn a_task_of_two_of_a_bodys_groups_is_listed_once_on_its_page() {
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
         support: [nhom-noi-vu]\n---\n",
    );
    site.good_build();
    let page = site.read("output/co-quan/so-noi-vu.html");
    let groups = &page[page.find("id=\"h-grp\"").expect("tasks of its groups")..];
    let groups = &groups[..groups.find("</section>").unwrap()];
    assert_eq!(
        groups.matches("data-task=\"9-KH/HN#1\"").count(),
        1,
        "{groups}"
    );
}
