//! The development server of `chidao serve`: serves the last good site from the output
//! folder on 127.0.0.1, and nothing else. Every HTML page gets a small live-reload script
//! (server-sent events, no external file) and, while the sources have errors, an overlay
//! listing them over the last good page. Paths are decoded once and must name a file of the
//! published site: `..`, encoded dots, backslashes and absolute paths never reach the disk.
//! Only requests for the address it printed are answered (`Host` of 127.0.0.1 or localhost
//! with its port): a page of another site, whose name its DNS turned to 127.0.0.1 (DNS
//! rebinding), sends its own name and gets 421 Misdirected Request.
//! While a rebuild writes the files it changed, they are served from memory (`Preview`), so
//! an edit is visible as soon as its pages are rendered.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use crate::diagnostic::Diagnostic;
use crate::escape::escape;
use crate::messages::msg;
use crate::model::Language;
use crate::outfile::OutFile;
use crate::output::safe_relative;
use crate::session::Preview;

/// Where the live-reload events are served.
pub const EVENTS: &str = "/__chidao/events";

/// What open pages are told after each rebuild.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// Increases whenever the published site changed: pages of an older generation reload.
    pub generation: u64,
    /// The errors' overlay (HTML, escaped), when the sources have errors.
    pub errors: Option<String>,
    /// The paths of the site whose bytes changed in this generation (`None`: maybe all):
    /// only those pages reload.
    pub changed: Option<Arc<Vec<String>>>,
}

#[derive(Debug, Clone)]
enum Notice {
    Status(Status),
    Shutdown,
}

/// The state shared by the request handlers and the rebuild loop.
pub struct Site {
    out: PathBuf,
    paths: RwLock<Arc<HashSet<String>>>,
    status: RwLock<Status>,
    tx: broadcast::Sender<Notice>,
    /// The files a rebuild is writing, by path, until they are all on disk.
    writing: RwLock<HashMap<String, Arc<OutFile>>>,
}

impl Site {
    pub fn new(out: PathBuf, paths: Arc<HashSet<String>>, status: Status) -> Arc<Site> {
        let (tx, _) = broadcast::channel(16);
        Arc::new(Site {
            out,
            paths: RwLock::new(paths),
            status: RwLock::new(status),
            tx,
            writing: RwLock::default(),
        })
    }

    /// Publishes the outcome of a rebuild to every open page.
    pub fn update(&self, paths: Option<Arc<HashSet<String>>>, status: Status) {
        if let Some(p) = paths {
            *self.paths.write().unwrap_or_else(|e| e.into_inner()) = p;
        }
        *self.status.write().unwrap_or_else(|e| e.into_inner()) = status.clone();
        let _ = self.tx.send(Notice::Status(status));
    }

    pub fn status(&self) -> Status {
        self.status
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Ends every live-reload stream, so that a graceful shutdown does not wait for them.
    pub fn shut_down(&self) {
        let _ = self.tx.send(Notice::Shutdown);
    }

    /// The file at `path` while a rebuild writes it.
    fn being_written(&self, path: &str) -> Option<Arc<OutFile>> {
        self.writing
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
            .cloned()
    }

    fn has(&self, path: &str) -> bool {
        self.paths
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .contains(path)
    }
}

impl Preview for Site {
    fn before_write(&self, files: &[Arc<OutFile>]) {
        let fresh = files.iter().map(|f| (f.path.clone(), Arc::clone(f)));
        self.writing
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .extend(fresh);
    }

    fn after_write(&self) {
        self.writing
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

/// The overlay listing `diags` (errors first), escaped.
pub fn overlay(diags: &[Diagnostic], lang: Language) -> Option<String> {
    let errors = crate::diagnostic::count_errors(diags);
    if errors == 0 {
        return None;
    }
    let mut html = format!(
        "<div id=\"chidao-overlay\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:99999;margin:0;padding:1em 1.5em;background:#fff8f7;color:#1a1a1a;border-top:4px solid #b3261e;box-shadow:0 -2px 12px rgba(0,0,0,.25);font:14px/1.45 system-ui,sans-serif\"><p style=\"margin:0 0 .5em;font-weight:bold;color:#b3261e\">{}</p><ul style=\"margin:0;padding-left:1.2em;font-family:ui-monospace,monospace;white-space:pre-wrap\">",
        escape(&msg::overlay_title(errors).render(lang))
    );
    for d in diags.iter().filter(|d| d.is_error()) {
        html.push_str("<li>");
        html.push_str(&escape(&d.render(lang)));
        html.push_str("</li>");
    }
    html.push_str("</ul></div>");
    Some(html)
}

/// The live-reload script for the page at `path`, of generation `generation`: it reloads
/// when a later generation changed this page (or maybe every page).
fn script(generation: u64, path: &str) -> String {
    let path = serde_json::to_string(path)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    format!(
        r#"<script>/* chidao serve: live reload */(function(){{var gen={generation},me={path};function show(h){{var o=document.getElementById("chidao-overlay");if(o)o.remove();if(h){{document.body.insertAdjacentHTML("beforeend",h);}}}}var es=new EventSource("{EVENTS}");es.addEventListener("status",function(e){{var s=JSON.parse(e.data);if(s.generation!==gen){{if(s.changed===null||s.changed.indexOf(me)>=0){{location.reload();return;}}gen=s.generation;}}show(s.errors);}});}})();</script>"#
    )
}

/// Adds the overlay (if any) and the live-reload script before `</body>`.
/// Works on the bytes as they are (pages are UTF-8, and `</body>` is ASCII): the chain page of
/// a big site is megabytes, served after every save.
fn inject(html: &[u8], status: &Status, path: &str) -> Vec<u8> {
    let mut extra = status.errors.clone().unwrap_or_default();
    extra.push_str(&script(status.generation, path));
    let at = memchr::memmem::rfind(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The server of `site`, listening on 127.0.0.1 at `port`.
pub fn router(site: Arc<Site>, port: u16) -> Router {
    Router::new()
        .route(EVENTS, get(events))
        .fallback(file)
        .with_state(site)
        .layer(axum::middleware::from_fn(
            move |request: Request, next: Next| async move {
                if is_for_us(request.headers(), request.uri(), port) {
                    next.run(request).await
                } else {
                    misdirected(port)
                }
            },
        ))
}

/// Whether `host` (a `Host` header, or the authority of the request line) names this server
/// as it printed its address: 127.0.0.1 or localhost, with its port (none stands for 80).
pub fn is_own_host(host: &str, port: u16) -> bool {
    let (name, given) = match host.rsplit_once(':') {
        Some((name, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            (name, p.parse::<u16>().ok())
        }
        Some(_) => return false,
        None => (host, Some(80)),
    };
    given == Some(port) && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
}

/// Whether a request is for this server: exactly one `Host` of its own, and the same of the
/// request line's authority when it has one (`GET http://…/`).
fn is_for_us(headers: &HeaderMap, uri: &Uri, port: u16) -> bool {
    let mut hosts = headers.get_all(header::HOST).iter();
    let own = |h: &str| is_own_host(h, port);
    let host = match (hosts.next(), hosts.next()) {
        (Some(h), None) => h.to_str().is_ok_and(own),
        _ => false,
    };
    host && uri.authority().is_none_or(|a| own(a.as_str()))
}

/// The answer to a request for another host: a short text, no page of the site.
fn misdirected(port: u16) -> Response {
    (
        StatusCode::MISDIRECTED_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "chidao serve answers only for http://127.0.0.1:{port}/ and http://localhost:{port}/\n"
        ),
    )
        .into_response()
}

async fn events(
    State(site): State<Arc<Site>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // A page opened before the last change reloads whatever changed.
    let mut now = site.status();
    now.changed = None;
    let first = tokio_stream::once(Notice::Status(now));
    let rest = BroadcastStream::new(site.tx.subscribe()).filter_map(Result::ok);
    let stream = first
        .chain(rest)
        .take_while(|n| !matches!(n, Notice::Shutdown))
        .map(|n| {
            let data = match n {
                Notice::Status(s) => serde_json::to_string(&s).unwrap_or_default(),
                Notice::Shutdown => String::new(),
            };
            Ok(Event::default().event("status").data(data))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The site path a request names, or `None` when it is not a plain path below the site.
pub fn site_path(uri_path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(uri_path)
        .decode_utf8()
        .ok()?;
    let rel = decoded.strip_prefix('/')?;
    let mut rel = rel.to_string();
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    safe_relative(&rel)?;
    Some(rel)
}

fn content_type(path: &str) -> HeaderValue {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "json" | "javascript" | "xml");
    let value = if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

fn plain(status: StatusCode, site: &Site, message: &str) -> Response {
    let page = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{code}</title></head><body><h1>{code}</h1><p>{msg}</p><p><a href=\"/\">Trang chủ / Home</a></p></body></html>",
        code = status.as_u16(),
        msg = escape(message)
    );
    let body = inject(page.as_bytes(), &site.status(), "");
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

async fn file(State(site): State<Arc<Site>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD\n",
        )
            .into_response();
    }
    let Some(rel) = site_path(uri.path()) else {
        return plain(
            StatusCode::NOT_FOUND,
            &site,
            "Không có trang này. / No such page.",
        );
    };
    if !site.has(&rel) {
        let dir = format!("{rel}/index.html");
        if site.has(&dir) {
            let to = format!("/{rel}/");
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response();
        }
        return plain(
            StatusCode::NOT_FOUND,
            &site,
            "Không có trang này. / No such page.",
        );
    }
    // `rel` is made only of plain names (checked by `site_path`) and is a file of the site.
    let path = site.out.join(&rel);
    // A page being written is copied once, into the response (with the script, for HTML).
    let fresh = site.being_written(&rel);
    let bytes: std::io::Result<Cow<[u8]>> = match &fresh {
        Some(fresh) => Ok(Cow::Borrowed(&fresh.bytes)),
        None => match tokio::fs::symlink_metadata(&path).await {
            Ok(m) if m.is_file() => tokio::fs::read(&path).await.map(Cow::Owned),
            _ => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        },
    };
    let Ok(bytes) = bytes else {
        return plain(
            StatusCode::NOT_FOUND,
            &site,
            "Không có trang này. / No such page.",
        );
    };
    let is_html = rel.ends_with(".html");
    let body = if is_html {
        inject(&bytes, &site.status(), &rel)
    } else {
        bytes.into_owned()
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type(&rel)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        Body::from(body),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_below_the_site_are_accepted() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/van-ban/").as_deref(),
            Some("van-ban/index.html")
        );
        assert_eq!(
            site_path("/van-ban/39-kl-tw.html").as_deref(),
            Some("van-ban/39-kl-tw.html")
        );
        assert_eq!(
            site_path("/co-quan/s%E1%BB%9F.html").as_deref(),
            Some("co-quan/sở.html")
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/van-ban/%2E%2E/%2E%2E/x",
            "/a/..%2f..%2fx",
            "//etc/passwd",
            "/%2fetc%2fpasswd",
            "/..%5c..%5cwindows",
            "/a%00.html",
            "/C:/x",
            "/./index.html",
            "/%ff",
            "relative",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_the_printed_address_is_our_host() {
        for own in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000"] {
            assert!(is_own_host(own, 8000), "{own}");
        }
        assert!(is_own_host("localhost", 80) && is_own_host("127.0.0.1:80", 80));
        for other in [
            "evil.example:8000",
            "evil.example",
            "localhost",
            "127.0.0.1",
            "localhost:8001",
            "localhost:+8000",
            "localhost:",
            "localhost:8000.evil.example",
            "localhost.evil.example:8000",
            "127.0.0.1.nip.io:8000",
            "[::1]:8000",
            "0.0.0.0:8000",
            "",
        ] {
            assert!(!is_own_host(other, 8000), "{other}");
        }
        let mut headers = HeaderMap::new();
        let plain = Uri::from_static("/");
        assert!(!is_for_us(&headers, &plain, 8000), "no Host at all");
        headers.insert(header::HOST, HeaderValue::from_static("localhost:8000"));
        assert!(is_for_us(&headers, &plain, 8000));
        let elsewhere = Uri::from_static("http://evil.example/");
        assert!(!is_for_us(&headers, &elsewhere, 8000));
        headers.append(header::HOST, HeaderValue::from_static("evil.example"));
        assert!(!is_for_us(&headers, &plain, 8000), "two Host headers");
    }

    #[test]
    fn files_being_written_are_served_from_memory_until_they_are_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), "<body>old</body>").unwrap();
        let paths = Arc::new(HashSet::from(["a.html".to_string()]));
        let status = Status {
            generation: 1,
            errors: None,
            changed: None,
        };
        let site = Site::new(dir.path().to_path_buf(), paths, status);
        let get = |site: &Arc<Site>| {
            let response = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap()
                .block_on(async {
                    let r = file(
                        State(Arc::clone(site)),
                        Method::GET,
                        Uri::from_static("/a.html"),
                    )
                    .await;
                    axum::body::to_bytes(r.into_body(), usize::MAX).await
                })
                .unwrap();
            String::from_utf8(response.to_vec()).unwrap()
        };
        assert!(get(&site).starts_with("<body>old"));
        let new = OutFile {
            path: "a.html".into(),
            bytes: b"<body>new</body>".to_vec(),
        };
        site.before_write(&[Arc::new(new)]);
        assert!(
            get(&site).starts_with("<body>new"),
            "served before the disk has it"
        );
        site.after_write();
        assert!(get(&site).starts_with("<body>old"), "then from disk again");
    }

    #[test]
    fn content_types_name_the_charset_of_text() {
        assert_eq!(content_type("a.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("tasks.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("tasks.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("data.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("static/logo.png"), "image/png");
    }

    #[test]
    fn the_script_and_overlay_go_before_the_end_of_the_body() {
        let d = [Diagnostic::error("content/a.md", msg::unknown_party("bad <thing>")).key("lead")];
        let status = Status {
            generation: 7,
            errors: overlay(&d, Language::En),
            changed: None,
        };
        let page = String::from_utf8(inject(
            b"<html><body><p>x</p></body></html>",
            &status,
            "van-ban/</script>.html",
        ))
        .unwrap();
        assert!(
            page.contains(r#"me="van-ban/\u003c/script>.html""#),
            "{page}"
        );
        assert!(page.ends_with("</script></body></html>"), "{page}");
        assert!(page.contains("var gen=7,"));
        assert!(page.contains("bad &lt;thing&gt;"));
        assert!(!page.contains("bad <thing>"));
        assert!(overlay(
            &[Diagnostic::warning("a.md", msg::file_empty())],
            Language::Vi
        )
        .is_none());
    }
}
