//! Diagnostics as data: every stage returns what it found instead of stopping at the
//! first problem, so `check` can report everything at once. Rendering to text lives here too.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::lang::Language;
use crate::messages::{msg, Msg};

/// A value with the place it was written, for diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub line: Option<usize>,
    /// The key path as shown to editors, e.g. `tasks[1].lead`.
    pub key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, nothing to fix: a copy that differs from its original.
    Note,
}

/// The "file" of a mistake in a command's arguments (`chidao new`'s), shown as the words
/// "command line" in the language of the messages.
pub const COMMAND_LINE: &str = "command line";

/// One problem in the content, located as precisely as we can: file, line and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path of the file, relative to the site root where possible.
    pub file: PathBuf,
    /// One-based line number, when known.
    pub line: Option<usize>,
    /// The key the problem is about, e.g. `tasks[2].lead`.
    pub key: Option<String>,
    /// What is wrong, written in a language only when shown (`Diagnostic::render`).
    pub message: Msg,
    /// A suggestion: "did you mean ...", the accepted forms, ...
    pub help: Option<Msg>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<Msg>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            key: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<Msg>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn note(file: impl Into<PathBuf>, message: impl Into<Msg>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    pub fn help(mut self, help: impl Into<Msg>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<Msg>) -> Self {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// The diagnostic in `lang`, as the terminal shows it: `lỗi: content/a.md, dòng 12, khóa
    /// `tasks[1].lead`: …` (`error: content/a.md:12: key `tasks[1].lead`: …`) and an indented
    /// suggestion.
    pub fn render(&self, lang: Language) -> String {
        self.shown(lang).to_string()
    }

    /// The diagnostic in English, for tests that look for words in it.
    pub fn en(&self) -> String {
        self.render(Language::En)
    }

    /// The same, to format.
    pub fn shown(&self, lang: Language) -> impl fmt::Display + '_ {
        Rendered(self, lang)
    }
}

struct Rendered<'a>(&'a Diagnostic, Language);

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, lang) = (self.0, self.1);
        let label = match d.severity {
            Severity::Error => msg::diag_error(),
            Severity::Warning => msg::diag_warning(),
            Severity::Note => msg::diag_note(),
        };
        let file = if d.file == Path::new(COMMAND_LINE) {
            msg::command_line().render(lang)
        } else {
            d.file.to_string_lossy().into_owned()
        };
        let place = match d.line {
            Some(line) => msg::diag_file_line(file, line.to_string()),
            None => msg::verbatim(file),
        };
        write!(f, "{}: {}", label.render(lang), Shown(&place.render(lang)))?;
        if let Some(key) = &d.key {
            write!(f, "{}", Shown(&msg::diag_key(key).render(lang)))?;
        }
        write!(f, ": {}", Shown(&d.message.render(lang)))?;
        if let Some(help) = &d.help {
            let lead = msg::diag_help().render(lang);
            let indent = " ".repeat(lead.chars().count() + 2);
            for (i, l) in help.render(lang).lines().enumerate() {
                if i == 0 {
                    write!(f, "\n  {lead}: {}", Shown(l))?;
                } else {
                    write!(f, "\n  {indent}{}", Shown(l))?;
                }
            }
        }
        Ok(())
    }
}

/// Text from content as a terminal may print it: a control character (but a newline or a
/// tab), which a key or a file name can hold, is written as an escape (`\u{1b}`), so that no
/// message can move the cursor, recolour or retitle the editor's terminal.
struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() && c != '\n' && c != '\t' {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, then line, errors before warnings before notes, for stable
/// output.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line.unwrap_or(0), a.severity).cmp(&(&b.file, b.line.unwrap_or(0), b.severity))
    });
}

pub fn count_errors(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}

/// How many of `diags` are notes.
pub fn count_notes(diags: &[Diagnostic]) -> usize {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .count()
}

/// The path to show for `path`: relative to `root` when it lies below it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown_body() -> Diagnostic {
        Diagnostic::error("content/a.md", msg::unknown_party("Ban to chuc tinh uy"))
            .line(Some(21))
            .key("tasks[2].lead")
            .help(msg::did_you_mean_one(
                "`ban-to-chuc-tinh-uy-lai-chau` (Ban Tổ chức Tỉnh ủy Lai Châu)",
            ))
    }

    #[test]
    fn renders_file_line_key_and_help_in_vietnamese() {
        assert_eq!(
            unknown_body().render(Language::Vi),
            "lỗi: content/a.md, dòng 21, khóa `tasks[2].lead`: không có cơ quan hay nhóm nào tên \"Ban to chuc tinh uy\"\n  gợi ý: có phải là `ban-to-chuc-tinh-uy-lai-chau` (Ban Tổ chức Tỉnh ủy Lai Châu)?"
        );
    }

    #[test]
    fn renders_file_line_key_and_help_in_english() {
        assert_eq!(
            unknown_body().render(Language::En),
            "error: content/a.md:21: key `tasks[2].lead`: unknown body or group \"Ban to chuc tinh uy\"\n  help: did you mean `ban-to-chuc-tinh-uy-lai-chau` (Ban Tổ chức Tỉnh ủy Lai Châu)?"
        );
    }

    #[test]
    fn a_help_of_several_lines_is_indented_under_its_first() {
        let d = Diagnostic::warning("a.md", msg::file_empty()).help(msg::verbatim("một\nhai"));
        assert_eq!(
            d.render(Language::Vi),
            "cảnh báo: a.md: tệp trống\n  gợi ý: một\n         hai"
        );
        assert_eq!(
            d.render(Language::En),
            "warning: a.md: the file is empty\n  help: một\n        hai"
        );
    }

    #[test]
    fn the_command_line_is_named_in_the_language() {
        let d = Diagnostic::error(COMMAND_LINE, msg::kind_empty()).key("--kind");
        assert_eq!(
            d.render(Language::Vi),
            "lỗi: dòng lệnh, khóa `--kind`: `--kind` đang trống"
        );
        assert_eq!(
            d.render(Language::En),
            "error: command line: key `--kind`: `--kind` is empty"
        );
    }

    #[test]
    fn control_characters_from_content_are_shown_as_escapes() {
        let d = Diagnostic::warning(
            "content/\u{1b}]0;x\u{7}.md",
            msg::unknown_key("ti\u{1b}[2Jtle"),
        )
        .key("ti\u{1b}[2Jtle")
        .help(msg::verbatim("did you mean `title`?\nor \u{9b}31m"));
        for lang in [Language::Vi, Language::En] {
            let shown = d.render(lang);
            assert!(
                !shown.chars().any(|c| c.is_control() && c != '\n'),
                "{shown:?}"
            );
        }
        assert_eq!(
            d.render(Language::En),
            "warning: content/\\u{1b}]0;x\\u{7}.md: key `ti\\u{1b}[2Jtle`: unknown key `ti\\u{1b}[2Jtle` is ignored\n  help: did you mean `title`?\n        or \\u{9b}31m"
        );
    }

    #[test]
    fn renders_without_line_or_key() {
        let d = Diagnostic::warning("content/b.md", msg::file_empty());
        assert_eq!(
            d.render(Language::En),
            "warning: content/b.md: the file is empty"
        );
        assert_eq!(d.render(Language::Vi), "cảnh báo: content/b.md: tệp trống");
    }
}
