//! The integration tests, as one test binary (one link of the library and its dependencies
//! instead of one per file): each module was a file of `tests/` of its own. Run one module
//! with `cargo test --test it MODULE::` (`cargo test --test it hostile::depth::`).

mod common;

mod chain;
mod copies;
mod docs;
mod errors;
mod filters;
mod hostile;
mod import;
mod lang;
mod lists;
mod new;
mod pages;
mod print;
mod report;
mod search;
mod serve;
mod session;
mod session_reads;
mod site;
mod stats_pages;
mod weight;
mod words;
mod workbook;
