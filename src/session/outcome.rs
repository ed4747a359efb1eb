//! What a rebuild reports: whether it published, what changed, and how long each stage took.

use crate::messages::msg;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::diagnostic::Diagnostic;

/// The paths whose bytes changed, and all the paths of the site when they changed.
pub(super) type Written = (Vec<String>, Option<Arc<HashSet<String>>>);

/// What one rebuild did.
#[derive(Debug)]
pub struct Outcome {
    /// Every problem of the site as it now is (errors mean nothing was published).
    pub diags: Vec<Diagnostic>,
    /// `None` when errors kept the last good site.
    pub published: Option<Publication>,
}

#[derive(Debug, Clone)]
pub struct Publication {
    /// Whether every page was rendered (otherwise only the affected ones).
    pub full: bool,
    /// Pages and files rendered.
    pub rendered: usize,
    /// Paths of the files whose bytes changed.
    pub changed: Vec<String>,
    /// All the paths of the site, when they changed (always on a full rebuild).
    pub paths: Option<Arc<HashSet<String>>>,
    pub millis: f64,
    /// Milliseconds each stage took (`serve --timings`): "patch" in place of "graph" when
    /// the published graph was patched (`graph::patch`) instead of built again; "changed",
    /// what the edit changed (`session::change`); "affected", the pages whose reads meet it.
    pub stages: Vec<(&'static str, f64)>,
}

/// Times a rebuild and its stages one after the other.
pub(super) struct Laps {
    pub(super) begun: Instant,
    last: Instant,
    pub(super) stages: Vec<(&'static str, f64)>,
}

impl Laps {
    pub(super) fn start() -> Self {
        let now = Instant::now();
        Laps {
            begun: now,
            last: now,
            stages: Vec::new(),
        }
    }

    pub(super) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        let ms = (now - self.last).as_secs_f64() * 1000.0;
        self.stages.push((stage, ms));
        self.last = now;
    }
}

/// What publishing `rendered` files did: the publication, or the write error added to `diags`.
pub(super) fn outcome(
    out: &Path,
    mut diags: Vec<Diagnostic>,
    written: std::io::Result<Written>,
    full: bool,
    rendered: usize,
    laps: Laps,
) -> Outcome {
    match written {
        Ok((changed, paths)) => Outcome {
            diags,
            published: Some(Publication {
                full,
                rendered,
                changed,
                paths,
                millis: laps.begun.elapsed().as_secs_f64() * 1000.0,
                stages: laps.stages,
            }),
        },
        Err(e) => {
            diags.push(Diagnostic::error(
                out,
                msg::write_site_failed(e.to_string()),
            ));
            Outcome {
                diags,
                published: None,
            }
        }
    }
}
