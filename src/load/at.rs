//! The `at` of tasks: the piece of its document's text a task stands in, which must name
//! exactly one block of that text (`markdown::blocks`). Found once, while the document loads
//! ([`blocks_named`]): the task keeps the block's number, which the render marks; and the
//! problem when one names no block or several ([`problem`]), a loading diagnostic.

use crate::messages::{msg, Msg};
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::fields::Located;
use crate::markdown::{self, AtMatch};

/// The block of the text `body` (of the document `file`, starting on its line `body_line`)
/// each of `ats` names: `None` for a task without `at`, and for one whose `at` names no
/// block or several (its problem then in `diags`). The text is parsed only when some task
/// has an `at`.
pub(crate) fn blocks_named(
    file: &Path,
    body: &str,
    body_line: usize,
    ats: &[Option<Located<String>>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<usize>> {
    if ats.iter().all(Option::is_none) {
        return vec![None; ats.len()];
    }
    let blocks = markdown::blocks(body);
    let finder = markdown::AtFinder::new(&blocks);
    ats.iter()
        .map(|at| {
            let at = at.as_ref()?;
            let found = finder.find(&at.value);
            if let AtMatch::One(block) = found {
                return Some(block);
            }
            diags.extend(problem(file, body_line, at, &found, &blocks));
            None
        })
        .collect()
}

/// What is wrong with a task's `at` (of the document `file`, whose text starts on line
/// `body_line`) that was found as `found` among the text's `blocks`; `None` when it names
/// exactly one block.
pub fn problem(
    file: &Path,
    body_line: usize,
    at: &Located<String>,
    found: &AtMatch,
    blocks: &[markdown::Block],
) -> Option<Diagnostic> {
    match found {
        AtMatch::One(_) => None,
        AtMatch::None => Some(
            Diagnostic::error(file, msg::at_not_found(&at.value))
                .line(at.line)
                .key(&at.key)
                .help(msg::at_not_found_help()),
        ),
        AtMatch::Many { first, count } => {
            let mut lines: Vec<Msg> = first
                .iter()
                .map(|&b| msg::verbatim((blocks[b].line + body_line).to_string()))
                .collect();
            if *count > first.len() {
                let last = lines.pop().unwrap_or_else(|| msg::verbatim(""));
                lines.push(msg::at_lines_more(last, count - first.len()));
            }
            Some(
                Diagnostic::error(file, msg::at_many(&at.value, *count, lines))
                    .line(at.line)
                    .key(&at.key)
                    .help(msg::at_many_help()),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_at_in_many_blocks_names_the_first_few_and_counts_the_rest() {
        let blocks: Vec<markdown::Block> = (0..5)
            .map(|i| markdown::Block {
                text: "việc chung".into(),
                line: 2 * i,
            })
            .collect();
        let at = Located {
            value: "việc".to_string(),
            line: Some(9),
            key: "tasks[0].at".into(),
        };
        let message = |first: Vec<usize>, count| {
            let found = AtMatch::Many { first, count };
            let d = problem(Path::new("a.md"), 20, &at, &found, &blocks).unwrap();
            (d.line, d.message.en())
        };
        assert_eq!(
            message(vec![0, 1], 2),
            (
                Some(9),
                "the `at` text \"việc\" occurs in 2 blocks (lines 20, 22)".into()
            )
        );
        assert_eq!(
            message(vec![0, 1, 2], 3000).1,
            "the `at` text \"việc\" occurs in 3,000 blocks (lines 20, 22, 24 and 2,997 more)"
        );
    }

    #[test]
    fn each_at_is_the_number_of_the_one_block_it_names_or_a_problem() {
        let at = |value: &str, i: usize| {
            Some(Located {
                value: value.to_string(),
                line: Some(10 + i),
                key: format!("tasks[{i}].at"),
            })
        };
        let body = "# Đầu\n\nMột việc.\n\n- Hai việc.\n- Ba.\n";
        let ats = [at("hai VIỆC", 0), None, at("việc", 2), at("không có", 3)];
        let mut diags = Vec::new();
        let found = blocks_named(Path::new("a.md"), body, 7, &ats, &mut diags);
        assert_eq!(found, [Some(2), None, None, None]);
        let said: Vec<_> = diags
            .iter()
            .map(|d| (d.line, d.key.clone(), d.message.en()))
            .collect();
        assert_eq!(
            said,
            [
                (
                    Some(12),
                    Some("tasks[2].at".to_string()),
                    "the `at` text \"việc\" occurs in 2 blocks (lines 9, 11)".to_string()
                ),
                (
                    Some(13),
                    Some("tasks[3].at".to_string()),
                    "the `at` text \"không có\" is not found in the document's text".to_string()
                ),
            ]
        );
        // Without any `at`, the text is not read.
        let none = blocks_named(Path::new("a.md"), "", 1, &[None, None], &mut diags);
        assert_eq!(none, [None, None]);
    }
}
