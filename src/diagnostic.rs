//! Diagnostics as data: every stage returns what it found instead of stopping at the
//! first problem, so `check` can report everything at once. Rendering to text lives here too.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, nothing to fix: a copy that differs from its original.
    Note,
}

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
    pub message: String,
    /// A suggestion: "did you mean ...", the accepted forms, ...
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            key: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn note(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
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

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `error: content/a.md:12: key `tasks[1].lead`: unknown body "X"` and an indented help line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{label}: {}", Shown(&self.file.to_string_lossy()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "key `{}`: ", Shown(key))?;
        }
        write!(f, "{}", Shown(&self.message))?;
        if let Some(help) = &self.help {
            for (i, l) in help.lines().enumerate() {
                let lead = if i == 0 { "help: " } else { "      " };
                write!(f, "\n  {lead}{}", Shown(l))?;
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

    #[test]
    fn renders_file_line_key_and_help() {
        let d = Diagnostic::error("content/a.md", "unknown body \"X\"")
            .line(Some(12))
            .key("tasks[1].lead")
            .help("did you mean `so-noi-vu`?");
        assert_eq!(
            d.to_string(),
            "error: content/a.md:12: key `tasks[1].lead`: unknown body \"X\"\n  help: did you mean `so-noi-vu`?"
        );
    }

    #[test]
    fn control_characters_from_content_are_shown_as_escapes() {
        let d = Diagnostic::warning(
            "content/\u{1b}]0;x\u{7}.md",
            "unknown key `ti\u{1b}[2Jtle` is ignored",
        )
        .key("ti\u{1b}[2Jtle")
        .help("did you mean `title`?\nor \u{9b}31m");
        let shown = d.to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert_eq!(
            shown,
            "warning: content/\\u{1b}]0;x\\u{7}.md: key `ti\\u{1b}[2Jtle`: unknown key `ti\\u{1b}[2Jtle` is ignored\n  help: did you mean `title`?\n        or \\u{9b}31m"
        );
    }

    #[test]
    fn renders_without_line_or_key() {
        let d = Diagnostic::warning("content/b.md", "empty");
        assert_eq!(d.to_string(), "warning: content/b.md: empty");
    }
}
