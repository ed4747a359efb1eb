//! chidao: a static site generator for chains of government directives.
//!
//! The pipeline is four plain functions in [`pipeline`], which `build`, `check`, `serve`, `new`
//! and the tests all use:
//! [`pipeline::load`] (read `content/` and the theme, via [`load`]: [`load::site`],
//! [`load::source`], [`load::registry`]) → [`pipeline::resolve`] (the graph: resolve, validate, compute status, via
//! [`graph`]) → [`pipeline::render`] (the pages and exports [`render::Pages`] names, each
//! handed on as it is made, via [`render`]) → [`pipeline::write`] (changed files staged,
//! moved into the output folder only after everything succeeded, via [`output::Staged`]).
//! `serve` ([`session`]) keeps what it loaded, and renders only the pages an edit changed.

pub mod cmd;
pub(crate) mod copies;
pub mod cycles;
pub mod deadline;
pub mod diagnostic;
pub mod escape;
pub mod export;
pub mod graph;
pub mod i18n;
pub mod ids;
pub(crate) mod import;
pub mod lang;
pub mod layout;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod outfile;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod search;
pub mod server;
pub mod session;
pub mod stats;
pub mod status;
pub mod text;
pub mod watch;

#[cfg(test)]
mod module_graph_tests;
