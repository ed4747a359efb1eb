//! Loading: the only stage that reads content. A site's settings (`site.rs`: `site.yaml`,
//! `bodies.yaml`), which files are documents (`files.rs`), one document file at a time
//! (`source.rs`), typed YAML keys (`fields.rs`, `yaml.rs`), the registry of bodies and groups
//! (`registry.rs`), where a task's `at` is (`at.rs`), the theme's files (`theme.rs`), and
//! opening a file that must be a plain file (`plain.rs`). Everything here returns its
//! problems as data; nothing here depends on the graph or the render.

pub mod at;
pub mod fields;
pub mod files;
pub(crate) mod plain;
pub mod registry;
pub mod site;
pub mod source;
pub mod theme;
pub mod yaml;
