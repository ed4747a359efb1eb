//! chidao: a static site generator for chains of government directives.
//!
//! The pipeline is plain functions, each stage a module with one job:
//! [`site::load`] (read `content/`, via [`source`] and [`registry`]) → [`graph::build`]
//! (resolve, validate, compute status) → [`render::render_site_into`] (pages and exports,
//! each handed on as it is made) → [`output::Staged`] (changed files staged, moved into the
//! output folder only after everything succeeded).

pub mod at;
pub mod cmd;
pub mod cycles;
pub mod deadline;
pub mod diagnostic;
pub mod escape;
pub mod export;
pub mod fields;
pub mod files;
pub mod graph;
pub mod i18n;
pub mod layout;
pub mod markdown;
pub mod model;
pub mod outfile;
pub mod output;
pub(crate) mod plain;
pub mod registry;
pub mod render;
pub mod report;
pub mod search;
pub mod server;
pub mod session;
pub mod site;
pub mod source;
pub mod stats;
pub mod status;
pub mod text;
pub mod watch;
pub mod yaml;

#[cfg(test)]
mod module_graph_tests;
