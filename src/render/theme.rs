//! The templates compiled once per build, and the filter templates use for card labels. The
//! theme's files themselves are read by [`crate::load::theme`].

use std::path::PathBuf;

use tera::Tera;

use super::html;
use crate::diagnostic::Diagnostic;
use crate::load::theme::Theme;
use crate::messages::msg;

/// Compiles the templates of `theme`.
fn compile(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(html::escape);
    tera.register_filter("card_labels", CardLabels);
    let raw = theme
        .templates
        .iter()
        .map(|(n, s, _)| (n.as_str(), s.as_str()));
    tera.add_raw_templates(raw).map_err(|e| {
        let file = theme
            .templates
            .iter()
            .find(|(n, _, _)| e.to_string().contains(n.as_str()))
            .map(|(_, _, p)| p.clone())
            .unwrap_or_else(|| PathBuf::from("themes"));
        vec![Diagnostic::error(
            file,
            msg::template_error(error_chain(&e)),
        )]
    })?;
    Ok(tera)
}

/// `{{ [t.date, t.number] | card_labels }}`: a table's column names as
/// [`html::push_card_labels`] writes them, for the tables that templates write.
struct CardLabels;

impl tera::Filter for CardLabels {
    fn filter(
        &self,
        value: &tera::Value,
        _: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let names = value
            .as_array()
            .ok_or_else(|| tera::Error::msg("card_labels: a list of column names"))?;
        let names: Vec<&str> = names.iter().map(|n| n.as_str().unwrap_or("")).collect();
        let mut out = html::Html::new();
        html::push_card_labels(&mut out, &names);
        Ok(out.into_string().into())
    }

    /// Its output is escaped already.
    fn is_safe(&self) -> bool {
        true
    }
}

pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s = format!("{s}: {c}");
        cur = c.source();
    }
    s
}

/// A theme ready to render with: templates compiled once, static files.
pub struct Templates {
    pub(super) tera: Tera,
    pub(super) statics: Vec<(String, Vec<u8>)>,
}

impl Templates {
    /// The templates of `theme`, compiled once.
    pub fn compile(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        Ok(Templates {
            tera: compile(theme)?,
            statics: theme.statics.clone(),
        })
    }
}
