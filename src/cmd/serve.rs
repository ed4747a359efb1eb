//! `chidao serve`: builds, serves the site on 127.0.0.1 with live reload, and rebuilds what a
//! change affects on every save under `content/` and `themes/`. A rebuild with errors prints
//! them, shows them over the page, and keeps the last good site served.

use crate::messages::{msg, Msg};
use crate::model::Language;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::{report, SiteArgs};
use crate::diagnostic::Diagnostic;
use crate::server::{self, Site, Status};
use crate::session::{Outcome, Session};
use crate::{output, watch};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Where to write the site (default: SITE/output).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Look for changes every 0.7 s instead of waiting for the system's notices (for network
    /// shares, where they do not arrive).
    #[arg(long)]
    pub poll: bool,
    /// Print how long each stage of every rebuild took.
    #[arg(long)]
    pub timings: bool,
}

/// Prints what a rebuild did; returns the status for open pages, whose overlay lists the
/// errors of `o` and of `still` (those of the sources, when `o` only finished the lists and
/// exports of the last good site: they are not printed twice).
fn announce(
    o: &Outcome,
    still: &[Diagnostic],
    generation: &mut u64,
    (timings, lang): (bool, Language),
) -> Status {
    report(&o.diags, lang);
    let mut changed = Some(Arc::new(Vec::new()));
    match &o.published {
        Some(p) => {
            if !p.changed.is_empty() {
                *generation += 1;
                changed = (!p.full).then(|| Arc::new(p.changed.clone()));
            }
            let rebuilt = if p.full {
                msg::rebuilt_all
            } else {
                msg::rebuilt
            };
            super::say(
                lang,
                rebuilt(format!("{:.0}", p.millis), p.rendered, p.changed.len()),
            );
            if timings {
                let stages: Vec<String> = p
                    .stages
                    .iter()
                    .map(|(stage, ms)| format!("{stage} {ms:.1} ms"))
                    .collect();
                eprintln!("  {}", stages.join(", "));
            }
        }
        None => super::say(lang, msg::still_served()),
    }
    let shown: Vec<Diagnostic> = still.iter().chain(&o.diags).cloned().collect();
    Status {
        generation: *generation,
        errors: server::overlay(&shown, lang),
        changed,
    }
}

pub fn run(args: &Args) -> ExitCode {
    match serve(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(m) => {
            super::fail(super::language(&args.site.root), m);
            ExitCode::FAILURE
        }
    }
}

fn serve(args: &Args) -> Result<(), Msg> {
    let (root, out) = folders(args)?;
    let lang = super::language(&root);
    let listener = listen(args.port)?;
    let addr = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);

    let mut session = Session::open(&root, &out, args.site.today);
    let first = session.rebuild();
    let mut generation = 1;
    let status = announce(&first, &[], &mut generation, (args.timings, lang));
    let paths = match first.published.and_then(|p| p.paths) {
        Some(p) => p,
        // The files an earlier build left, served while the sources have errors.
        None => Arc::new(output::manifest(&out).into_iter().collect()),
    };
    let site = Site::new(out.clone(), paths, status);
    session.preview_with(Arc::clone(&site) as Arc<dyn crate::session::Preview>);
    let watching = watch::start(&root, args.poll)
        .map_err(|e| msg::cannot_watch(root.display().to_string(), e.to_string()))?;
    let rebuilder = rebuild_on_changes(
        session,
        &site,
        (root, out),
        watching,
        generation,
        args.timings,
    );

    println!(
        "{}",
        msg::serving(format!("http://127.0.0.1:{addr}/")).render(lang)
    );
    let _ = std::io::stdout().flush();
    let result = http(listener, site, addr, lang);
    drop(rebuilder);
    result
}

/// The site's folder and the output folder, both absolute; refused when they overlap.
fn folders(args: &Args) -> Result<(PathBuf, PathBuf), Msg> {
    let root = match std::path::absolute(&args.site.root) {
        Ok(r) if r.is_dir() => r,
        _ => return Err(msg::not_a_folder(args.site.root.display().to_string())),
    };
    let out = args.output.clone().unwrap_or_else(|| root.join("output"));
    let out = std::path::absolute(&out).unwrap_or(out);
    super::build::check_output(&root, &out)?;
    Ok((root, out))
}

/// Listens on 127.0.0.1 only.
fn listen(port: u16) -> Result<std::net::TcpListener, Msg> {
    std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            msg::port_taken(port.to_string())
        } else {
            msg::cannot_listen(port.to_string(), e.to_string())
        }
    })
}

/// The thread that rebuilds after each change: the pages an edit changed first, then the
/// pages that list the whole site, then the exports and the search index, each step giving
/// way to the next edit.
fn rebuild_on_changes(
    mut session: Session,
    site: &Arc<Site>,
    (root, out): (PathBuf, PathBuf),
    (mut watcher, rx): (watch::Watcher, std::sync::mpsc::Receiver<watch::Events>),
    mut generation: u64,
    timings: bool,
) -> std::thread::JoinHandle<()> {
    let site = Arc::clone(site);
    let (rx, pending) = watch::flag_changes(rx, out.clone());
    std::thread::spawn(move || {
        let mut errors = Vec::new();
        while let Some(paths) = watch::next_changes(&rx, &out, &mut errors) {
            pending.store(false, Ordering::SeqCst);
            // The site's language, which an edit of site.yaml may have changed.
            let lang = super::language(&root);
            for e in errors.drain(..) {
                super::warn(lang, msg::watching_failed(e.to_string()));
            }
            // Watch `content/` or `themes/` when one appears. Not on every change: each
            // call walks the folders again (with the native watcher, stats every file),
            // tens of milliseconds on a big site.
            if paths.iter().any(|p| watch::appears_watched(&root, p)) {
                let _ = watcher.cover(&root);
            }
            if !session.note(&paths) {
                continue;
            }
            let o = session.rebuild();
            let status = announce(&o, &[], &mut generation, (timings, lang));
            site.update(o.published.as_ref().and_then(|p| p.paths.clone()), status);
            // Then the pages that list the whole site, then the exports and the search
            // index, unless the editor has saved again meanwhile: that edit comes first,
            // and this catches up after it. (After an edit with errors, it finishes
            // those of the last good site: the errors stay shown.)
            while let Some(f) = session.finish(&pending) {
                let status = announce(&f, &o.diags, &mut generation, (timings, lang));
                site.update(f.published.and_then(|p| p.paths), status);
            }
        }
    })
}

/// Serves the site over HTTP until Ctrl-C or SIGTERM.
fn http(
    listener: std::net::TcpListener,
    site: Arc<Site>,
    addr: u16,
    lang: Language,
) -> Result<(), Msg> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| msg::server_start_failed(e.to_string()))?;
    runtime
        .block_on(async {
            listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let stop = Arc::clone(&site);
            axum::serve(listener, server::router(Arc::clone(&site), addr))
                .with_graceful_shutdown(async move {
                    shutdown_signal().await;
                    super::say(lang, msg::stopping());
                    stop.shut_down();
                })
                .await
        })
        .map_err(|e| msg::server_stopped(e.to_string()))
}

/// Ctrl-C, or (on Unix) SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Publication;

    #[test]
    fn finishing_the_last_good_site_keeps_the_sources_errors_shown() {
        let error = Diagnostic::error("content/a.md", msg::unknown_party("X")).key("lead");
        let finished = Outcome {
            diags: Vec::new(),
            published: Some(Publication {
                full: false,
                rendered: 3,
                changed: vec!["index.html".into()],
                paths: None,
                millis: 1.0,
                stages: Vec::new(),
            }),
        };
        let mut generation = 4;
        let status = announce(
            &finished,
            std::slice::from_ref(&error),
            &mut generation,
            (false, Language::En),
        );
        assert_eq!(generation, 5, "a page changed");
        let overlay = status.errors.expect("the errors stay over the page");
        assert!(overlay.contains("unknown body or group"), "{overlay}");
        let status = announce(&finished, &[], &mut generation, (false, Language::En));
        assert!(status.errors.is_none(), "nothing to show once fixed");
    }
}
