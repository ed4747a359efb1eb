//! One file of the generated site ([`OutFile`]), at the bottom of the module graph: the
//! render, the search index and the exports make them, `output` writes them; and
//! [`collect_sorted`], which gathers files handed over from any thread in order of path.

/// One file of the generated site: a `/`-separated path below the output root, and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The files `make` hands to the sink it is given (from any thread), in order of path, and
/// what `make` returns.
pub fn collect_sorted<R>(make: impl FnOnce(&(dyn Fn(OutFile) + Sync)) -> R) -> (Vec<OutFile>, R) {
    let out = std::sync::Mutex::new(Vec::new());
    let made = make(&|f| out.lock().unwrap_or_else(|e| e.into_inner()).push(f));
    let mut out = out.into_inner().unwrap_or_else(|e| e.into_inner());
    out.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    (out, made)
}
