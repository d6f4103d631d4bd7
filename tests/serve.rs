//! `gazetag serve`: the real binary on a free loopback port, spoken to with
//! ureq (a real HTTP client) and, for what a polite client never sends
//! (chunked oversized bodies, bodies that never finish), raw TCP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::util::data;

/// A running server, killed when dropped.
struct Served {
    child: Child,
    addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    fn start(extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gazetag"))
            .args(["serve", "--addr", "127.0.0.1:0", "--gazetteer"])
            .arg(data("gazetteer"))
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let addr = loop {
            let line = lines
                .next()
                .expect("the server exited before listening")
                .unwrap();
            if let Some(addr) = line.strip_prefix("gazetag: listening on ") {
                break addr.to_string();
            }
        };
        // Keep draining stderr so the server never blocks on a full pipe.
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        Served {
            child,
            addr,
            stderr,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Sends raw bytes on a fresh connection.
    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream
    }

    /// Waits for the process to exit, at most `secs` seconds.
    fn wait(&mut self, secs: u64) -> Option<std::process::ExitStatus> {
        let until = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < until {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

/// Status, content type and body of a ureq response.
fn answer(resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String, String) {
    let mut resp = resp.unwrap();
    let ct = resp
        .headers()
        .get("content-type")
        .map_or(String::new(), |v| v.to_str().unwrap().to_string());
    let body = resp.body_mut().read_to_string().unwrap();
    (resp.status().as_u16(), ct, body)
}

fn post(s: &Served, content_type: &str, body: &str) -> (u16, String, String) {
    answer(
        agent()
            .post(s.url("/tag"))
            .header("content-type", content_type)
            .send(body),
    )
}

/// Reads a raw HTTP/1.1 answer to the end of the connection.
fn read_raw(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn json_body(raw: &str) -> Value {
    let body = &raw[raw.find("\r\n\r\n").expect("no head end") + 4..];
    serde_json::from_str(body).unwrap()
}

#[test]
fn health_version_unknown_paths_and_methods() {
    let s = Served::start(&[]);
    let (status, ct, body) = answer(agent().get(s.url("/health")).call());
    assert_eq!(
        (status, ct.as_str(), body.as_str()),
        (200, "application/json", "{\"status\":\"ok\"}\n")
    );

    let (status, _, body) = answer(agent().get(s.url("/version")).call());
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["gazetag"], env!("CARGO_PKG_VERSION"));
    let gaz = gazetag::Gazetteer::from_paths(&[data("gazetteer")]).unwrap();
    assert_eq!(v["gazetteer"], gaz.version());
    assert_eq!(v["entities"], gaz.len());

    let (status, _, body) = answer(agent().get(s.url("/nope?x=1")).call());
    assert_eq!(status, 404);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], 404);
    assert!(v["error"].as_str().unwrap().contains("/nope"), "{v}");

    let resp = agent().get(s.url("/tag")).call().unwrap();
    assert_eq!(resp.status().as_u16(), 405);
    assert_eq!(resp.headers()["allow"], "POST");
    let (status, _, _) = answer(agent().post(s.url("/health")).send("x"));
    assert_eq!(status, 405);
}

/// `/tag` answers are byte for byte the lines of `gazetag tag --format jsonl`.
#[test]
fn tag_answers_are_the_jsonl_documents() {
    let story = std::fs::read_to_string(data("story.txt")).unwrap();
    let docs = [
        json!({"id": "d1", "text": story}),
        json!({"id": 7, "text": "Talks in São Paulo, then \"Damascus\"."}),
        json!({"id": "-", "text": story}),
    ];
    let input: String = docs.iter().map(|d| format!("{d}\n")).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_gazetag"))
        .args(["tag", "-q", "--format", "jsonl", "--gazetteer"])
        .arg(data("gazetteer"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(input.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success());
    let want: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(want.len(), 3);
    assert!(want[0].contains("\"mentions\":[{"), "{}", want[0]);

    let s = Served::start(&[]);
    let (status, ct, body) = post(&s, "application/json", &docs[0].to_string());
    assert_eq!((status, ct.as_str()), (200, "application/json"));
    assert_eq!(body, format!("{}\n", want[0]));

    let array = format!("[{},{}]", docs[0], docs[1]);
    let (status, _, body) = post(&s, "application/json", &array);
    assert_eq!(status, 200);
    assert_eq!(body, format!("[{},{}]\n", want[0], want[1]));

    let (status, _, body) = post(&s, "text/plain; charset=utf-8", &story);
    assert_eq!(status, 200);
    assert_eq!(body, format!("{}\n", want[2]));
}

#[test]
fn bad_json_and_bad_fields_get_400_naming_them() {
    let s = Served::start(&[]);
    let (status, _, body) = post(&s, "application/json", "{\"id\": 1,\n \"text\": oops}");
    assert_eq!(status, 400);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (v["status"].clone(), v["line"].clone(), v["column"].clone()),
        (json!(400), json!(2), json!(10))
    );
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .starts_with("malformed JSON: expected value at line 2 column 10"),
        "{v}"
    );

    let (status, _, body) = post(&s, "application/json", "[{\"text\":\"a\"},{\"id\":\"b\"}]");
    assert_eq!(status, 400);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["error"], "[1]: missing field \"text\"");
    let (_, _, body) = post(&s, "application/json", "{\"text\":[1]}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v["error"],
        "field \"text\" must be a string, found an array"
    );
}

#[test]
fn oversized_bodies_get_413() {
    let s = Served::start(&["--max-body", "1000"]);
    let big = format!("{{\"text\":\"{}\"}}", "x".repeat(2000));
    let (status, _, body) = post(&s, "application/json", &big);
    assert_eq!(status, 413, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(v["error"].as_str().unwrap().contains("1000 bytes"), "{v}");

    // Chunked, no Content-Length: refused once the chunks pass the limit,
    // although the client never ends the body.
    let mut stream = s.connect();
    let chunk = "y".repeat(600);
    let req = format!(
        "POST /tag HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n{chunk}\r\n258\r\n{chunk}\r\n"
    );
    stream.write_all(req.as_bytes()).unwrap();
    let raw = read_raw(&mut stream);
    assert!(raw.starts_with("HTTP/1.1 413 "), "{raw}");
    assert_eq!(json_body(&raw)["status"], 413);

    // Under the limit still works.
    let (status, _, _) = post(&s, "text/plain", "Moscow");
    assert_eq!(status, 200);
}

/// Bodies in flight over all requests are capped: past `--max-inflight` a
/// request gets 503 at once, and is accepted again once memory is free.
#[test]
fn bodies_in_flight_past_the_budget_get_503() {
    let s = Served::start(&["--max-body", "100000", "--max-inflight", "150000"]);
    let body = format!("{{\"text\":\"Moscow{}\"}}", " x".repeat(40_000));
    assert!(body.len() > 75_000 && body.len() <= 100_000);
    let mut first = s.connect();
    write!(
        first,
        "POST /tag HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{}",
        body.len(),
        &body[..10]
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let resp = agent()
        .post(s.url("/tag"))
        .header("content-type", "application/json")
        .send(&body)
        .unwrap();
    assert_eq!(resp.status().as_u16(), 503);
    assert_eq!(resp.headers()["retry-after"], "1");
    let (status, _, text) = answer(Ok(resp));
    assert_eq!(status, 503);
    assert!(text.contains("--max-inflight"), "{text}");

    first.write_all(&body.as_bytes()[10..]).unwrap();
    let raw = read_raw_until_json(&mut first);
    assert!(raw.starts_with("HTTP/1.1 200 "), "{raw}");
    let (status, _, _) = post(&s, "application/json", &body);
    assert_eq!(status, 200);
}

/// Reads one answer on a kept-alive connection: the head, then as many
/// bytes as its Content-Length says.
fn read_raw_until_json(stream: &mut TcpStream) -> String {
    let mut rdr = BufReader::new(stream);
    let mut head = String::new();
    let mut len = 0;
    loop {
        let mut line = String::new();
        rdr.read_line(&mut line).unwrap();
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().unwrap();
        }
        head.push_str(&line);
        if line == "\r\n" || line.is_empty() {
            break;
        }
    }
    let mut body = vec![0; len];
    rdr.read_exact(&mut body).unwrap();
    head + &String::from_utf8(body).unwrap()
}

/// A client that never finishes its body gets 408 after `--timeout`, one
/// that never finishes its head is disconnected, and other clients are
/// answered meanwhile, even with a single tagging thread.
#[test]
fn slow_clients_get_408_and_block_no_one() {
    let s = Served::start(&["--timeout", "2", "--threads", "1"]);
    let started = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..4 {
        let mut stream = s.connect();
        stream
            .write_all(b"POST /tag HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"text\":")
            .unwrap();
        slow.push(stream);
    }
    let mut slow_head = s.connect();
    slow_head.write_all(b"POST /tag HTTP/1.1\r\nHo").unwrap();
    for _ in 0..3 {
        let (status, _, _) = answer(agent().get(s.url("/health")).call());
        assert_eq!(status, 200);
        let (status, _, _) = post(&s, "text/plain", "Moscow");
        assert_eq!(status, 200);
    }
    // Answered before any deadline fired, not after.
    assert!(
        started.elapsed() < Duration::from_millis(1800),
        "{:?}",
        started.elapsed()
    );
    for mut stream in slow {
        let raw = read_raw(&mut stream);
        assert!(raw.starts_with("HTTP/1.1 408 "), "{raw}");
        let v = json_body(&raw);
        assert!(v["error"].as_str().unwrap().contains("within 2 s"), "{v}");
    }
    let raw = read_raw(&mut slow_head);
    assert!(!raw.starts_with("HTTP/1.1 200"), "{raw}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[cfg(unix)]
#[test]
fn sigterm_finishes_the_request_in_flight_then_exits_0() {
    let mut s = Served::start(&[]);
    let body = "{\"id\":\"late\",\"text\":\"Talks in Moscow.\"}";
    let mut stream = s.connect();
    write!(
        stream,
        "POST /tag HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
        body.len(),
        &body[..10]
    )
    .unwrap();
    // Let the server read the head: the request is now in flight.
    std::thread::sleep(Duration::from_millis(300));
    let pid = s.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "exited with a request in flight"
    );
    stream.write_all(&body.as_bytes()[10..]).unwrap();
    let raw = read_raw(&mut stream);
    assert!(raw.starts_with("HTTP/1.1 200 "), "{raw}");
    assert_eq!(json_body(&raw)["mentions"][0]["text"], "Moscow");
    let status = s.wait(10).expect("the server did not exit after SIGTERM");
    assert_eq!(status.code(), Some(0), "{}", s.stderr.lock().unwrap());
    // It no longer listens.
    assert!(TcpStream::connect(&s.addr).is_err());
}
