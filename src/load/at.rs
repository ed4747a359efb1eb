//! The `at` of tasks: the piece of its document's text a task stands in, which must name
//! exactly one block of that text (`markdown::blocks`). When they are looked for ([`AtCheck`]),
//! and the problems when one names no block or several, the same wherever they are found:
//! on loading, or by the render of the document's page.

use crate::messages::{msg, Msg};
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::fields::Located;
use crate::markdown::{self, AtMatch};

/// When the `at` of tasks are looked for in their document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtCheck {
    /// While loading (`serve`, which keeps what it loaded and renders only some pages).
    OnLoad,
    /// By the render, which parses each text anyway (`build` and `check`: one parse per text
    /// instead of two). When an error stops them before the render, `pipeline::resolve` looks
    /// for them with `source::at_problems::problems_of_all`, so that every problem is still
    /// reported at once.
    OnRender,
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
}
