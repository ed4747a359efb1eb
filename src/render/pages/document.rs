//! The view of a document's page: its properties, relations, chain, text with task marks,
//! tasks and targets.

use crate::layout::Depth;
use serde::Serialize;

use super::letterhead::{subject, Family, Letterhead};
use super::*;

/// Documents a page names above it at most, in its breadcrumbs and its copy chain: a chain
/// may be thousands of documents deep, and each page naming all those above it made a
/// chain's pages grow with the square of its depth. A "…" leads on, to the page of the
/// next one up, which names as many above it.
pub const SHOWN_ABOVE: usize = 8;

#[derive(Serialize)]
pub struct Relation {
    pub label: &'static str,
    pub count: usize,
    /// The documents as a list of links (`Rows::doc_list`), each named with "số".
    pub(crate) list: Html,
}

/// A copy's differences from its original, as its page lists them.
#[derive(Serialize)]
pub struct ComparedView<'a> {
    pub original: DocLink<'a>,
    pub changes: usize,
    pub spelling: usize,
    /// The first [`SHOWN_DIFFERENCES`], in the copy's order.
    pub differences: Vec<DifferenceView<'a>>,
    /// How many more there are.
    pub more: usize,
    /// The words compared of each text at most, when a text had more.
    pub capped: Option<usize>,
}

/// One difference in place: the copy's words before, the original's words and the copy's,
/// the copy's words after (each escaped by the template).
#[derive(Serialize)]
pub struct DifferenceView<'a> {
    pub spelling: bool,
    pub before: &'a str,
    pub was: String,
    pub now: String,
    pub after: &'a str,
}

/// Differences a copy's page lists at most.
pub const SHOWN_DIFFERENCES: usize = 200;
/// Words of one side of a difference shown at most (a stretch too long to compare word by
/// word is one difference).
const SHOWN_WORDS: usize = 40;

#[derive(Serialize)]
pub struct DocumentPage<'a> {
    pub doc: DocLink<'a>,
    pub issuer: Option<PartyLink<'a>>,
    pub date_long: Option<String>,
    /// The build's day, written long, when the document is dated after it (not yet issued).
    pub not_issued: Option<String>,
    /// The document's date, YYYY-MM-DD: static/tasks.js says it is not yet issued on the
    /// reader's day before it.
    pub issued: Option<String>,
    pub place: Option<&'a str>,
    pub signer: Option<&'a str>,
    pub signer_title: Option<&'a str>,
    pub recipients: Vec<PartyLink<'a>>,
    /// The printed foot (recipients, signer) comes from the front matter only when the text
    /// as transcribed does not already end with it.
    pub print_foot: bool,
    /// The printed head: superior body, issuer, number (and a công văn's "V/v …"), motto,
    /// and the place and date line ("Hà Nội, ngày 18 tháng 7 năm 2022", or "Ngày …" without
    /// a place).
    pub head: Letterhead<'a>,
    /// The kind and title are printed under the head: not for a công văn (its subject is in
    /// the head), nor when the text as transcribed opens with its title.
    pub print_title: bool,
    /// The signer's title as printed, a line for each part between " / " ("K/T Chánh văn
    /// phòng / Phó Chánh văn phòng").
    pub signer_lines: Vec<&'a str>,
    pub source: Option<&'a str>,
    pub source_is_url: bool,
    /// The nearest [`SHOWN_ABOVE`] documents above it, top first.
    pub breadcrumbs: Vec<DocLink<'a>>,
    /// The document above those, when the chain goes on: a "…" leads to its page.
    pub breadcrumbs_more: Option<DocLink<'a>>,
    pub relations: Vec<Relation>,
    /// This copy and the nearest [`SHOWN_ABOVE`] documents it is a copy of, nearest first.
    pub copy_chain: Vec<DocLink<'a>>,
    /// The one those copy, when the copy chain goes on: a "…" leads to its page.
    pub copy_chain_more: Option<DocLink<'a>>,
    /// The original at the end of the copy chain, when the chain is shown whole.
    pub original: Option<DocLink<'a>>,
    /// A copy that carries its original's text: where the two differ, when they do.
    pub compared: Option<ComparedView<'a>>,
    /// An original's copies whose text differs from its own.
    pub differing_copies: Vec<DocLink<'a>>,
    pub(crate) body_html: Option<Html>,
    /// Templates test these, not the strings: Tera escapes a string it only tests.
    pub has_text: bool,
    pub task_count: usize,
    pub carried_out_count: usize,
    /// The table of its tasks, each with the tasks that carry it out below.
    pub(crate) tasks: Option<Html>,
    /// The table of the tasks this document completed (`done_by`).
    pub(crate) carried_out: Option<Html>,
    /// Its targets as one table by year ([`super::targets`]), when it sets any.
    pub targets: Option<super::targets::TargetsView<'a>>,
    /// Its neighbourhood in the chain, when it has one.
    pub chain: Option<ChainView>,
}

impl PageView for DocumentPage<'_> {
    fn written(&self) -> usize {
        self.body_html.as_ref().map_or(0, Html::len)
            + self.tasks.as_ref().map_or(0, Html::len)
            + self.relations.iter().map(|r| r.list.len()).sum::<usize>()
    }
}

/// The view of document `d`'s page (`text`: its Markdown).
pub fn document<'a>(g: &'a Graph, rows: &Rows, d: DocId, text: &str) -> DocumentPage<'a> {
    let doc = &g.documents()[d];
    let (chain, chain_more) = copies_above(g, d);
    let original = chain
        .last()
        .filter(|_| chain_more.is_none())
        .map(|&o| doc_link(g, o));
    let mut copy_chain = vec![d];
    copy_chain.extend(&chain);
    let (above, above_more) = g.ancestors(d, SHOWN_ABOVE);
    DocumentPage {
        doc: doc_link(g, d),
        issuer: doc.issuer.map(|p| party_link(g, p)),
        date_long: doc.date.map(|x| long_date(g.config().language, x)),
        not_issued: doc
            .date
            .filter(|&d| d > g.today())
            .map(|_| long_date(g.config().language, g.today())),
        issued: doc.date.map(|d| d.to_string()),
        place: doc.place.as_deref(),
        signer: doc.signer.as_deref(),
        signer_title: doc.signer_title.as_deref(),
        recipients: doc.recipients.iter().map(|&p| party_link(g, p)).collect(),
        print_foot: !text_has_foot(text, doc.signer.as_deref()),
        head: head(g, d),
        print_title: !is_letter(&doc.kind) && (!doc.has_text || !text_has_title(text, &doc.title)),
        signer_lines: signer_lines(doc.signer_title.as_deref()),
        source: doc.source.as_deref(),
        source_is_url: doc
            .source
            .as_deref()
            .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://")),
        breadcrumbs: doc_links(g, &above),
        breadcrumbs_more: above_more.map(|a| doc_link(g, a)),
        relations: relations(g, rows, d),
        copy_chain: if chain.is_empty() {
            Vec::new()
        } else {
            doc_links(g, &copy_chain)
        },
        copy_chain_more: chain_more.map(|o| doc_link(g, o)),
        original,
        compared: compared(g, d),
        differing_copies: g
            .copies(d)
            .iter()
            .filter(|&&c| {
                g.documents()[c]
                    .compared
                    .as_ref()
                    .is_some_and(|x| x.differs())
            })
            .map(|&c| doc_link(g, c))
            .collect(),
        has_text: doc.has_text,
        task_count: doc.tasks.len(),
        carried_out_count: g.carried_out(d).len(),
        body_html: text_html(g, d, text).map(super::foot::mark),
        tasks: (!doc.tasks.is_empty()).then(|| rows.own_table(d)),
        carried_out: (!g.carried_out(d).is_empty())
            .then(|| rows.table(g.carried_out(d), Depth::DOWN_ONE, None)),
        targets: super::targets::targets(g, d),
        chain: neighbourhood(g, d),
    }
}

/// Where copy `d` differs from its original, when it carries the original's text and
/// differs (spelling included).
fn compared(g: &Graph, d: DocId) -> Option<ComparedView<'_>> {
    let doc = &g.documents()[d];
    let c = doc.compared.as_deref()?;
    if c.differences.is_empty() {
        return None;
    }
    let words = |s: &str| {
        let mut w = s.split(' ');
        let mut out: Vec<&str> = w.by_ref().take(SHOWN_WORDS).collect();
        if w.next().is_some() {
            out.push("…");
        }
        out.join(" ")
    };
    Some(ComparedView {
        original: doc_link(g, doc.copy_of?),
        changes: c.changes,
        spelling: c.spelling,
        differences: c
            .differences
            .iter()
            .take(SHOWN_DIFFERENCES)
            .map(|x| DifferenceView {
                spelling: x.kind == crate::copies::Kind::Spelling,
                before: &x.before,
                was: words(&x.was),
                now: words(&x.now),
                after: &x.after,
            })
            .collect(),
        more: c.differences.len().saturating_sub(SHOWN_DIFFERENCES),
        capped: c.capped.then_some(crate::copies::MAX_WORDS),
    })
}

/// The document's relations both ways, those it has.
fn relations(g: &Graph, rows: &Rows, d: DocId) -> Vec<Relation> {
    let doc = &g.documents()[d];
    let t = crate::i18n::labels(g.config().language);
    let depth = Depth::of(&paths::document(&doc.slug));
    let rel = |label, ds: &[DocId]| Relation {
        label,
        count: ds.len(),
        list: if ds.is_empty() {
            Html::new()
        } else {
            rows.doc_list(ds, depth, true)
        },
    };
    vec![
        rel(t.implements, &doc.implements),
        rel(t.implemented_by, g.implemented_by(d)),
        rel(t.copy_of, &doc.copy_of.into_iter().collect::<Vec<_>>()),
        rel(t.copies, g.copies(d)),
        rel(t.follows, &doc.follows),
        rel(t.followed_by, g.followed_by(d)),
        rel(t.references, &doc.references),
        rel(t.referenced_by, g.referenced_by(d)),
    ]
    .into_iter()
    .filter(|r| r.count > 0)
    .collect()
}

/// The text's HTML, when it has one, with the block each task's `at` names (found on
/// loading) marked.
fn text_html(g: &Graph, d: DocId, text: &str) -> Option<String> {
    let doc = &g.documents()[d];
    if !doc.has_text {
        return None;
    }
    let t = crate::i18n::labels(g.config().language);
    let marks: Vec<Mark> = doc
        .tasks
        .iter()
        .filter_map(|&tid| {
            let task = &g.tasks()[tid];
            Some(Mark {
                block: task.at?,
                anchor: at_anchor(task),
                task_anchor: task.anchor.to_string(),
                label: format!("{} {}", t.task, task.id),
            })
        })
        .collect();
    Some(markdown::render(text, &marks))
}

/// The diagram of the document's neighbourhood, when it has one.
fn neighbourhood(g: &Graph, d: DocId) -> Option<ChainView> {
    let doc = &g.documents()[d];
    let t = crate::i18n::labels(g.config().language);
    let dia = chain::neighbourhood(g, d);
    (dia.items.len() > 1).then(|| {
        let title = format!("{} — {}", t.chain_here, doc_name(g, d));
        let draw = Draw {
            id: "chain",
            depth: Depth::of(&paths::document(&doc.slug)),
            title: &title,
            anchors: false,
            wrap: false,
        };
        chain::view(g, &dia, &draw)
    })
}

/// The documents `d` is a copy of: its original, that one's original, …, the nearest
/// [`SHOWN_ABOVE`]; and the next one when the copy chain goes on.
fn copies_above(g: &Graph, d: DocId) -> (Vec<DocId>, Option<DocId>) {
    let mut chain = Vec::new();
    let mut cur = g.documents()[d].copy_of;
    while let Some(o) = cur {
        if chain.contains(&o) || o == d {
            break;
        }
        if chain.len() == SHOWN_ABOVE {
            return (chain, Some(o));
        }
        chain.push(o);
        cur = g.documents()[o].copy_of;
    }
    (chain, None)
}

/// The printed head of document `d`: a copy's is its copying body's, as any document's is
/// its issuer's.
fn head(g: &Graph, d: DocId) -> Letterhead<'_> {
    let doc = &g.documents()[d];
    let family = Family::of(g, d);
    let mut head = Letterhead::of(g, doc.issuer, family);
    head.number = (!doc.number.trim().is_empty())
        .then(|| Letterhead::number_line(g.config().language, family, &doc.number));
    head.date_line = date_line(
        doc.place.as_deref(),
        doc.date.map(|x| long_date(g.config().language, x)),
    );
    head.subject = is_letter(&doc.kind).then(|| subject(&doc.title));
    head
}

/// Whether a document of kind `kind` is a công văn, which prints its subject ("V/v …") under
/// its number instead of a heading.
fn is_letter(kind: &str) -> bool {
    crate::text::name_key(kind) == "công văn"
}

/// The parts of a signer's title, each a printed line (a stray " /" at an end left out).
fn signer_lines(title: Option<&str>) -> Vec<&str> {
    title
        .into_iter()
        .flat_map(|t| t.split(" / "))
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '/'))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Whether a transcribed text opens with the document's title (under its kind, as printed):
/// then the title is not printed a second time above it. Only the opening is read, its
/// Markdown marks (`**`, `#`, `_`, `\`) taken for spaces.
fn text_has_title(text: &str, title: &str) -> bool {
    const HEAD: usize = 3000;
    let title = crate::text::name_key(title);
    if title.is_empty() {
        return false;
    }
    let mut end = text.len().min(HEAD.max(title.len() * 2));
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let plain: String = text[..end]
        .chars()
        .map(|c| {
            if matches!(c, '*' | '#' | '_' | '\\') {
                ' '
            } else {
                c
            }
        })
        .collect();
    crate::text::key_in(&plain, &title)
}

fn date_line(place: Option<&str>, date: Option<String>) -> Option<String> {
    match (place, date) {
        (Some(p), Some(d)) => Some(format!("{p}, {d}")),
        (Some(p), None) => Some(p.to_string()),
        (None, Some(d)) => (!d.is_empty()).then(|| crate::text::capitalise(&d)),
        (None, None) => None,
    }
}

/// Whether a transcribed text already carries its recipients ("Nơi nhận") or its signer's
/// name, as a scanned document's text usually does. Only the end of the text is read: that is
/// where they stand, and a whole text per page would cost a build of thousands of documents.
fn text_has_foot(text: &str, signer: Option<&str>) -> bool {
    const TAIL: usize = 4000;
    let mut start = text.len().saturating_sub(TAIL);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let tail = &text[start..];
    use crate::text::{key_in, name_key};
    key_in(tail, "nơi nhận") || signer.is_some_and(|s| key_in(tail, &name_key(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_line_reads_as_printed() {
        let d = || Some("ngày 18 tháng 7 năm 2022".to_string());
        assert_eq!(
            date_line(Some("Hà Nội"), d()).as_deref(),
            Some("Hà Nội, ngày 18 tháng 7 năm 2022")
        );
        assert_eq!(
            date_line(None, d()).as_deref(),
            Some("Ngày 18 tháng 7 năm 2022")
        );
        assert_eq!(date_line(None, None), None);
    }

    #[test]
    fn a_title_the_text_opens_with_is_printed_once_and_a_signers_lines_apart() {
        let title = "Kết luận của Bộ Chính trị về chủ trương bồi dưỡng cán bộ";
        let text =
            "**KẾT LUẬN**  \n**CỦA BỘ CHÍNH TRỊ**  \n**về chủ trương bồi dưỡng cán bộ**\n\nXem xét";
        assert!(text_has_title(text, title));
        assert!(!text_has_title("Kính gửi: các cơ quan", title));
        assert!(!text_has_title("", ""));
        assert!(is_letter("Công văn") && is_letter("CÔNG  VĂN") && !is_letter("Kế hoạch"));
        assert_eq!(
            signer_lines(Some("K/T Chánh văn phòng / Phó Chánh văn phòng")),
            ["K/T Chánh văn phòng", "Phó Chánh văn phòng"]
        );
        assert_eq!(signer_lines(Some(" / ")), Vec::<&str>::new());
        assert_eq!(signer_lines(Some("T/M Ban / ")), ["T/M Ban"]);
        assert_eq!(signer_lines(None), Vec::<&str>::new());
    }

    #[test]
    fn a_transcribed_foot_is_not_printed_twice() {
        assert!(text_has_foot("…\n\n**Nơi nhận:**\n- Như trên", None));
        assert!(text_has_foot(
            "T/M BỘ CHÍNH TRỊ\n\nVõ  Văn Thưởng",
            Some("Võ Văn Thưởng")
        ));
        assert!(!text_has_foot(
            "Văn bản không có phần cuối.",
            Some("Võ Văn Thưởng")
        ));
    }
}
