//! `chidao serve` over real HTTP: the real binary on a copy of the shipped content, a free
//! port, and a tiny HTTP client. Every wait polls with a deadline; nothing sleeps a fixed
//! long time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common;

const DEADLINE: Duration = Duration::from_secs(20);

/// A running `chidao serve` on a copy of the shipped site.
struct Server {
    child: Child,
    port: u16,
    site: common::Site,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        Server::start_in(Some("en"), extra)
    }

    /// [`Server::start`] with `CHIDAO_LANG` set to `lang`, or unset (the shipped site is in
    /// Vietnamese).
    fn start_in(lang: Option<&str>, extra: &[&str]) -> Server {
        let site = common::Site::shipped();
        let mut command = Command::new(env!("CARGO_BIN_EXE_chidao"));
        command.env_remove("CHIDAO_LANG");
        if let Some(l) = lang {
            command.env("CHIDAO_LANG", l);
        }
        let mut child = command
            .args(["serve", "--port", "0", "--today", "2026-11-23", "--root"])
            .arg(&site.root)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut l = sink.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server {
            child,
            port,
            site,
            log,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.path(rel)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The log once it holds what `ok` looks for (the terminal lines of a rebuild may come
    /// after its pages are served); panics after 20 s.
    fn log_once(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = std::time::Instant::now();
        loop {
            let log = self.log();
            if ok(&log) {
                return log;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(20),
                "{what}:\n{log}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// The address it printed, as a browser sends it in `Host`.
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends a raw request target (not normalised by any client library).
    fn request(&self, method: &str, target: &str) -> Response {
        self.request_for(&self.host(), method, target)
    }

    /// [`Server::request`] with the given `Host` header (none when empty).
    fn request_for(&self, host: &str, method: &str, target: &str) -> Response {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(DEADLINE)).unwrap();
        let host = if host.is_empty() {
            String::new()
        } else {
            format!("Host: {host}\r\n")
        };
        write!(
            s,
            "{method} {target} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    /// Polls `target` until `ok` holds, or fails with the last response and the log.
    fn wait_for(&self, target: &str, what: &str, ok: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let r = self.get(target);
            if ok(&r) {
                return r;
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "{target}: still not {what} after {DEADLINE:?}; status {}, log:\n{}",
                    r.status,
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Replaces `old` by `new` in a file the way careful editors save: a temporary file in
    /// the same folder, renamed over the original.
    fn save(&self, rel: &str, old: &str, new: &str) {
        let path = self.path(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(old), "{rel} has no {old:?}");
        let tmp = path.with_file_name(".chidao-test.swp");
        std::fs::write(&tmp, text.replacen(old, new, 1)).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn has_overlay(&self) -> bool {
        self.body.contains("<div id=\"chidao-overlay\"")
    }
}

const DOC: &str = "content/trung-uong/39-kl-tw.md";
const PAGE: &str = "/van-ban/39-kl-tw.html";

#[test]
fn serves_the_site_with_the_right_types_and_only_the_site() {
    let s = Server::start(&[]);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("__chidao/events"), "live reload script");
    for (path, ty) in [
        ("/tasks.ics", "text/calendar; charset=utf-8"),
        ("/tasks.csv", "text/csv; charset=utf-8"),
        ("/data.json", "application/json; charset=utf-8"),
        ("/static/style.css", "text/css; charset=utf-8"),
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ty), "{path}");
        assert!(!r.body.contains("__chidao"), "{path}: nothing injected");
    }
    assert_eq!(s.get("/van-ban").status, 301);
    assert_eq!(s.get("/van-ban").header("location"), Some("/van-ban/"));
    assert_eq!(s.get("/van-ban/").status, 200);
    // A file in the output folder that the build did not write is not part of the site.
    std::fs::write(s.path("output/secret.txt"), "secret").unwrap();
    std::fs::write(s.site.root.parent().unwrap().join("outside.txt"), "outside").unwrap();
    for hostile in [
        "/../outside.txt",
        "/../../etc/passwd",
        "/%2e%2e/outside.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/van-ban/..%2f..%2foutside.txt",
        "/..%5coutside.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/secret.txt",
        "/.chidao-manifest",
        "/content/bodies.yaml",
        "/../content/bodies.yaml",
        "/index.html%00.txt",
        &format!("http://{}/../outside.txt", s.host()),
    ] {
        let r = s.get(hostile);
        assert!(
            r.status == 404 || r.status == 400,
            "{hostile}: {}",
            r.status
        );
        for secret in ["outside", "secret", "root:", "bodies:"] {
            assert!(
                !r.body.contains(&format!("{secret}\n")) && r.body != secret,
                "{hostile}"
            );
        }
    }
    assert_eq!(s.request("POST", "/").status, 405);
    assert_eq!(s.request("HEAD", "/").status, 200);
}

#[test]
fn an_edit_appears_a_broken_edit_keeps_the_last_good_page_and_fixing_it_recovers() {
    let s = Server::start(&[]);
    assert!(s.get(PAGE).body.contains("Kết luận của Bộ Chính trị"));
    s.save(
        DOC,
        "title: Kết luận của Bộ Chính trị",
        "title: Kết luận ĐÃ SỬA của Bộ Chính trị",
    );
    s.wait_for(PAGE, "edited", |r| r.body.contains("Kết luận ĐÃ SỬA"));
    // The copy's page names its original, so it follows too.
    s.wait_for("/van-ban/71-bs-vptu.html", "edited", |r| {
        r.body.contains("Kết luận ĐÃ SỬA")
    });

    // An unknown body: the error shows over the last good page.
    s.save(
        DOC,
        "lead: ban-to-chuc-trung-uong",
        "lead: ban-to-chuc-trung-uonq",
    );
    let r = s.wait_for(PAGE, "showing the error", Response::has_overlay);
    assert!(
        r.body.contains("Kết luận ĐÃ SỬA"),
        "the last good page stays"
    );
    assert!(
        r.body.contains("ban-to-chuc-trung-uonq"),
        "the error names the value"
    );
    assert!(
        r.body.contains("39-kl-tw.md:"),
        "the error names file and line"
    );
    assert!(r.body.contains("did you mean"));
    assert!(s.get("/").has_overlay(), "every page shows it");

    // Broken YAML.
    s.save(
        DOC,
        "lead: ban-to-chuc-trung-uonq",
        "lead: [ban-to-chuc-trung-uong",
    );
    s.wait_for(PAGE, "showing the YAML error", |r| {
        r.has_overlay() && !r.body.contains("ban-to-chuc-trung-uonq")
    });
    assert!(
        s.log().contains("39-kl-tw.md:"),
        "the terminal names the file too"
    );

    // Fixing it clears the overlay, and the next edit shows.
    s.save(
        DOC,
        "lead: [ban-to-chuc-trung-uong",
        "lead: ban-to-chuc-trung-uong",
    );
    s.wait_for(PAGE, "recovered", |r| !r.has_overlay());
    s.save(DOC, "Kết luận ĐÃ SỬA", "Kết luận SỬA LẦN HAI");
    s.wait_for(PAGE, "edited again", |r| r.body.contains("SỬA LẦN HAI"));
}

#[test]
fn new_folders_renames_and_deletes_are_handled() {
    let s = Server::start(&[]);
    let doc = "---\nid: 9-CV/TU\nkind: Công văn\ntitle: Văn bản thử\nissuer: bo-chinh-tri\nimplements: [39-KL/TW]\n---\nNội dung.\n";
    std::fs::create_dir_all(s.path("content/moi/sau")).unwrap();
    std::fs::write(s.path("content/moi/sau/9-cv-tu.md"), doc).unwrap();
    s.wait_for("/van-ban/9-cv-tu.html", "created", |r| r.status == 200);
    s.wait_for(PAGE, "linking to the new document", |r| {
        r.body.contains("9-cv-tu.html")
    });
    // Renaming the folder keeps the document.
    std::fs::rename(s.path("content/moi"), s.path("content/khac")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.wait_for("/van-ban/9-cv-tu.html", "still there", |r| r.status == 200);
    // Renaming the file to a skipped name ("_" first) removes it, and its links.
    std::fs::rename(
        s.path("content/khac/sau/9-cv-tu.md"),
        s.path("content/khac/sau/_9-cv-tu.md"),
    )
    .unwrap();
    s.wait_for("/van-ban/9-cv-tu.html", "gone", |r| r.status == 404);
    s.wait_for(PAGE, "no longer linking", |r| {
        !r.body.contains("9-cv-tu.html")
    });
    assert!(!s.path("output/van-ban/9-cv-tu.html").exists());
    // Deleting a document others depend on is an error; the last good site stays.
    std::fs::remove_file(s.path("content/lai-chau/71-bs-vptu.md")).unwrap();
    let r = s.wait_for(
        "/van-ban/24-bs-hu.html",
        "showing the error",
        Response::has_overlay,
    );
    assert!(r.body.contains("71-BS/VPTU"));
    assert_eq!(s.get("/van-ban/71-bs-vptu.html").status, 200);
}

#[test]
fn bodies_and_site_settings_rebuild_everything() {
    let s = Server::start(&[]);
    s.save(
        "content/bodies.yaml",
        "name: Ban Tổ chức Trung ương",
        "name: Ban Tổ chức Trung ương (đổi tên)",
    );
    s.wait_for(PAGE, "showing the new name", |r| {
        r.body.contains("Ban Tổ chức Trung ương (đổi tên)")
    });
    std::fs::write(s.path("content/site.yaml"), "title: Trang thử nghiệm\n").unwrap();
    s.wait_for("/", "retitled", |r| r.body.contains("Trang thử nghiệm"));
}

#[test]
fn live_reload_events_announce_each_new_generation() {
    let s = Server::start(&[]);
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "GET /__chidao/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        s.host()
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut generations = Vec::new();
    let mut line = String::new();
    let mut edited = false;
    while generations.len() < 2 {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            panic!("the event stream ended");
        }
        if let Some(data) = line.trim().strip_prefix("data:") {
            let v: serde_json::Value = serde_json::from_str(data.trim()).unwrap();
            generations.push(v["generation"].as_u64().unwrap());
            if !edited {
                s.save(DOC, "title: Kết luận của", "title: Kết luận (sửa) của");
                edited = true;
            }
        }
    }
    assert!(generations[1] > generations[0], "{generations:?}");
}

#[test]
fn a_taken_port_is_reported_plainly() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = common::Site::shipped();
    let out = Command::new(env!("CARGO_BIN_EXE_chidao"))
        .env("CHIDAO_LANG", "en")
        .args(["serve", "--port", &port, "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("port {port}")) && err.contains("--port"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut s = Server::start(&[]);
    // An open live-reload stream must not keep it from stopping.
    let mut events = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    write!(
        events,
        "GET /__chidao/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        s.host()
    )
    .unwrap();
    assert_eq!(s.get("/").status, 200);
    let status = Command::new("kill")
        .args(["-INT", &s.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let start = Instant::now();
    loop {
        if let Some(code) = s.child.try_wait().unwrap() {
            assert!(code.success(), "exit status {code:?}; log:\n{}", s.log());
            break;
        }
        assert!(start.elapsed() < DEADLINE, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn polling_sees_changes_too() {
    let s = Server::start(&["--poll"]);
    s.save(DOC, "title: Kết luận của", "title: Kết luận (thăm dò) của");
    s.wait_for(PAGE, "edited", |r| r.body.contains("(thăm dò)"));
}

#[test]
fn requests_for_another_host_are_refused() {
    let s = Server::start(&[]);
    let port = s.port;
    for good in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
    ] {
        assert_eq!(s.request_for(&good, "GET", "/").status, 200, "Host: {good}");
    }
    // A page of another site that its DNS now points at 127.0.0.1 (DNS rebinding) sends its
    // own name; nor is any other form of the address the one printed.
    for bad in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.1.nip.io:{port}"),
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost:{port}.evil.example"),
        format!("[::1]:{port}"),
        format!("0.0.0.0:{port}"),
        String::new(),
    ] {
        for target in ["/", "/data.json", "/__chidao/events"] {
            let r = s.request_for(&bad, "GET", target);
            assert!(
                r.status == 421 || r.status == 403,
                "Host: {bad:?} {target}: {} {}",
                r.status,
                r.body
            );
            assert!(
                !r.body.contains("<html"),
                "Host: {bad:?}: a short text, not a page"
            );
        }
    }
    // The request line's own authority counts as much as `Host`.
    let r = s.request_for(&s.host(), "GET", "http://evil.example/");
    assert!(
        r.status == 421 || r.status == 403 || r.status == 400,
        "{}",
        r.status
    );
}

#[cfg(unix)]
#[test]
fn a_linked_document_outside_the_site_is_not_served() {
    let s = Server::start(&[]);
    let secret = s.site.outer().join("secret.md");
    std::fs::write(
        &secret,
        "---\nid: SECRET-1\nkind: Công văn\ntitle: Bí mật\nissuer: bo-chinh-tri\n---\nBí mật.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&secret, s.path("content/secret.md")).unwrap();
    // Once a later edit shows, the link has been seen.
    s.save(
        DOC,
        "title: Kết luận của",
        "title: Kết luận (sau liên kết) của",
    );
    s.wait_for(PAGE, "edited", |r| r.body.contains("(sau liên kết)"));
    assert_eq!(s.get("/van-ban/secret-1.html").status, 404, "{}", s.log());
    assert!(!s.path("output/van-ban/secret-1.html").exists());
    s.log_once("serve warns as build does", |log| {
        log.contains("content/secret.md: ") && log.contains("symbolic link")
    });
}

/// The overlay's text, as a browser shows it (the few entities `escape` writes decoded).
fn overlay_text(r: &Response) -> String {
    let start = r
        .body
        .find("<div id=\"chidao-overlay\"")
        .expect("an overlay");
    let end = start + r.body[start..].find("</div>").expect("the overlay's end");
    let mut text = String::new();
    let mut in_tag = false;
    for c in r.body[start..end].chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push('\n');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The browser's error overlay is written by the server in the run's language: Vietnamese by
/// default (the shipped site's `language: vi`), English with `--lang en`.
#[test]
fn the_error_overlay_is_in_vietnamese_and_in_english_when_asked() {
    for (lang, title, error, place, says) in [
        (
            None,
            "1 lỗi: trang đang hiển thị là bản dựng tốt gần nhất",
            "lỗi: content/trung-uong/39-kl-tw.md, dòng ",
            ", khóa `tasks[",
            "không có cơ quan hay nhóm nào tên \"ban-to-chuc-trung-uonq\"",
        ),
        (
            Some("en"),
            "1 error(s): this is the last good build",
            "error: content/trung-uong/39-kl-tw.md:",
            ": key `tasks[",
            "unknown body or group \"ban-to-chuc-trung-uonq\"",
        ),
    ] {
        let extra: &[&str] = if lang.is_some() {
            &["--lang", "en"]
        } else {
            &[]
        };
        let s = Server::start_in(None, extra);
        assert!(!s.get(PAGE).has_overlay());
        s.save(
            DOC,
            "lead: ban-to-chuc-trung-uong",
            "lead: ban-to-chuc-trung-uonq",
        );
        let r = s.wait_for(PAGE, "showing the error", Response::has_overlay);
        let text = overlay_text(&r);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.first(), Some(&title), "{text}");
        let line = lines
            .iter()
            .find(|l| l.starts_with(error))
            .unwrap_or_else(|| panic!("no {error:?} in\n{text}"));
        assert!(line.contains(place) && line.contains(says), "{text}");
        // The page behind it keeps its own language: the site's.
        assert!(r.body.contains("<html lang=\"vi\""), "the site's page");
        // The terminal says the same.
        s.log_once("the error in the terminal", |log| log.contains(error));
    }
}

#[test]
fn an_imported_document_appears_at_once() {
    let s = Server::start(&[]);
    let text = "TỈNH ỦY LAI CHÂU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 1234-CV/TU\n\n\
                Lai Châu, ngày 05 tháng 9 năm 2022\n\n\
                V/v tiếp tục triển khai Kết luận số 39-KL/TW\n\n\
                Kính gửi: Ban Tổ chức Tỉnh ủy.\n\n\
                Thực hiện Kết luận số 39-KL/TW, ngày 18/7/2022 của Bộ Chính trị, \
                Thường trực Tỉnh ủy yêu cầu:\n\n\
                1. Ban Tổ chức Tỉnh ủy theo dõi, đôn đốc việc triển khai thực hiện Kết luận.\n\n\
                Nơi nhận:\n- Như trên,\n- Lưu VPTU.\n\nT/M BAN THƯỜNG VỤ\n\nLê Văn Lương\n";
    let file = s.site.outer().join("1234-cv-tu.txt");
    std::fs::write(&file, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_chidao"))
        .env("CHIDAO_LANG", "en")
        .args(["import", "--root"])
        .arg(&s.site.root)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = s.wait_for("/van-ban/1234-cv-tu.html", "the imported document", |r| {
        r.status == 200
    });
    assert!(page.body.contains("1234-CV/TU"), "{}", page.body);
    // And the document it implements lists it, without a restart.
    s.wait_for("/van-ban/39-kl-tw.html", "linking to the import", |r| {
        r.body.contains("1234-cv-tu.html")
    });
}
