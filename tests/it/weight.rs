//! The weight of the pages of figures (issue 26): the bodies index, the statistics page and a
//! report's appendix, on a generated site of 800 tasks, stay within bounds that their compact
//! forms meet and the old ones did not (figures from the binary before, in the comments): a
//! body's counts carry no link for a count of 0, counts over time write a task turning
//! overdue as one turn (`render::timeline`), a parent's statistics row carries only what its
//! sub-bodies' rows do not, and the figures' cells carry no class and the rate's bar no words.

use crate::common::Site;

const TASKS: usize = 800;

/// The minimal site with 800 more documents of one task each, four a day from 2022-01-01,
/// led in turn by the three departments and their group, due 45 to 104 days after, one in
/// five done three days early.
fn generated() -> Site {
    let site = Site::new();
    let leads = ["so-noi-vu", "so-tai-chinh", "van-phong-ubnd-tinh", "cac-so"];
    let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    for i in 0..TASKS {
        let issued = start + chrono::Days::new(i as u64 / 4);
        let due = issued + chrono::Days::new(45 + (i as u64 * 7) % 60);
        let done = if i % 5 == 0 {
            format!("\n    done: {}", due - chrono::Days::new(3))
        } else {
            String::new()
        };
        site.write(
            &format!("content/g{i:04}.md"),
            format!(
                "---\nid: {i}-CV/UBND\nkind: Công văn\ntitle: Công văn số {i}\nissuer: ubnd-tinh\ndate: {issued}\ntasks:\n  - id: \"1\"\n    text: Việc thứ {i}.\n    lead: {}\n    due: {}{done}\n---\nNội dung.\n",
                leads[i % 4],
                due.format("%d/%m/%Y")
            ),
        );
    }
    site.run_on("2026-11-23", &["build"]).assert_success();
    site
}

/// The values of attribute `name` in `html`.
fn values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let from = format!("{name}=\"");
    html.split(&from)
        .skip(1)
        .map(|v| &v[..v.find('"').unwrap()])
        .collect()
}

#[test]
fn the_pages_of_figures_stay_light() {
    let site = generated();
    // The bodies index: the counts over time of every line (2,854 bytes before, 2,229
    // with turns), and no hidden link for a count of 0.
    let bodies = site.read("output/co-quan/index.html");
    let urgent: usize = values(&bodies, "data-urgent").iter().map(|v| v.len()).sum();
    assert!(
        urgent <= 2_500,
        "the bodies' counts over time: {urgent} bytes"
    );
    assert!(!bodies.contains("<strong>0</strong>"), "no count of 0");
    assert!(
        !bodies.contains("?status="),
        "the counts become links with scripts on, as the filters they lead to work only so"
    );
    // The statistics page: a parent's row less its sub-bodies' (4,248 bytes before, 2,568
    // after).
    let stats = site.read("output/thong-ke.html");
    let timelines: usize = values(&stats, "data-timeline")
        .iter()
        .map(|v| v.len())
        .sum();
    assert!(
        timelines <= 3_000,
        "the statistics' counts over time: {timelines} bytes"
    );
    // A report's appendix: a line of numbers, without its party's name and slug, at most
    // 330 bytes (518 to 537 before).
    let report = site.read("output/bao-cao/2022.html");
    let appendix = &report[report.find("<table class=\"appendix\">").unwrap()..];
    let appendix = &appendix[..appendix.find("</table>").unwrap()];
    let mut lines = 0;
    for line in appendix.split("<tr id=\"").skip(1) {
        let (slug, rest) = line.split_once('"').unwrap();
        let line = &rest[..rest.find("</tr>").unwrap()];
        let name = line.split("\">").nth(2).unwrap();
        let name = &name[..name.find("</a>").unwrap()];
        let bytes = line.len() - slug.len() - name.len();
        assert!(
            bytes <= 330,
            "{slug}'s appendix line: {bytes} bytes\n{line}"
        );
        lines += 1;
    }
    assert_eq!(lines, 5, "a line per party with tasks");
}
