//! Hostile input and interrupted runs, through the real binary: huge lines,
//! many tiny documents, NUL bytes, lone surrogates, deep JSON, huge CSV
//! fields, invalid UTF-8 ids, pathological gazetteers, signals and a full
//! disk. Each test stays within a few seconds in a debug build; where the
//! issue's size would not (a million repetitions of one alias), the full
//! size is an ignored test to run in release:
//! `cargo test --release --test integration -- --ignored hostile`.
//! Measured figures (time, peak RSS) for the full sizes are in the report
//! of issue 11.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command as Std, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::util::{data, gazetag};

fn fixture() -> String {
    data("gazetteer").display().to_string()
}

/// Runs `gazetag tag --gazetteer FIXTURE ARGS...`, returning (exit code,
/// stdout, stderr).
fn tag(args: &[&str], input: &Path) -> (i32, String, String) {
    let out = gazetag()
        .args(["tag", "--gazetteer", &fixture()])
        .args(args)
        .arg(input)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// About `bytes` of text with few word breaks (the people rule walks every
/// word, which is slow in a debug build), a place at each end.
fn long_line(bytes: usize) -> String {
    let word = format!("{} ", "loremipsumdolorsitamet".repeat(45));
    let mut t = String::with_capacity(bytes + 32);
    t.push_str("Damascus ");
    while t.len() < bytes {
        t.push_str(&word);
    }
    t.push_str("Moscow");
    t
}

/// The mentions of a CSV output as (doc_id, start, end, text).
fn mentions(csv: &str) -> Vec<(String, usize, usize, String)> {
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].to_string(),
                r[1].parse().unwrap(),
                r[2].parse().unwrap(),
                r[5].to_string(),
            )
        })
        .collect()
}

#[test]
fn fifty_mb_single_line_text_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let text = long_line(50 << 20);
    let end = text.len();
    let txt = dir.path().join("big.txt");
    fs::write(&txt, &text).unwrap();
    let jsonl = dir.path().join("big.jsonl");
    fs::write(
        &jsonl,
        format!("{}\n", serde_json::json!({"id": "big", "text": text})),
    )
    .unwrap();
    drop(text);
    for input in [&txt, &jsonl] {
        let (code, out, err) = tag(&["-q"], input);
        assert_eq!(code, 0, "{err}");
        let m = mentions(&out);
        assert_eq!(m.len(), 2, "{input:?}");
        assert_eq!((m[0].1, m[0].2, m[0].3.as_str()), (0, 8, "Damascus"));
        assert_eq!((m[1].1, m[1].2, m[1].3.as_str()), (end - 6, end, "Moscow"));
    }
}

#[test]
fn a_million_tiny_documents() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tiny.jsonl");
    let mut lines = "{\"text\":\"a\"}\n".repeat(999_999);
    lines.push_str("{\"id\":\"last\",\"text\":\"Moscow\"}\n");
    fs::write(&input, lines).unwrap();
    let (code, out, err) = tag(&[], &input);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1000000 document(s), 1 mention(s), 0 skipped"),
        "{err}"
    );
    assert_eq!(mentions(&out)[0].0, "last");
}

#[test]
fn nul_bytes_are_text() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("nul.txt");
    fs::write(&txt, b"\0Damascus\0Moscow\0\0 Paris\0").unwrap();
    let (code, out, err) = tag(&["-q"], &txt);
    assert_eq!(code, 0, "{err}");
    let got: Vec<(usize, usize)> = mentions(&out).iter().map(|m| (m.1, m.2)).collect();
    assert_eq!(got, [(1, 9), (10, 16), (19, 24)]);

    // Escaped, a NUL is text; raw inside a JSON string, the line is invalid.
    let jsonl = dir.path().join("nul.jsonl");
    fs::write(
        &jsonl,
        b"{\"id\":\"esc\",\"text\":\"Damascus\\u0000Moscow\"}\n{\"id\":\"raw\",\"text\":\"a\0Moscow\"}\n\0\0\0\n",
    )
    .unwrap();
    let (code, out, err) = tag(&["-q"], &jsonl);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("nul.jsonl:2: invalid JSON: control character"),
        "{err}"
    );
    assert!(err.contains("nul.jsonl:3: invalid JSON"), "{err}");
    let got: Vec<String> = mentions(&out).into_iter().map(|m| m.0).collect();
    assert_eq!(got, ["esc", "esc"]);

    let csv = dir.path().join("nul.csv");
    fs::write(&csv, b"id,text\nn\0id,\"Damascus\0Moscow\"\n").unwrap();
    let (code, out, err) = tag(&["-q"], &csv);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mentions(&out).len(), 2);
    assert!(out.contains("n\0id,0,8,"));
}

#[test]
fn lone_surrogates_in_json_are_reported_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("sur.jsonl");
    fs::write(
        &input,
        concat!(
            "{\"id\":\"lead\",\"text\":\"Damascus \\ud800 Moscow\"}\n",
            "{\"id\":\"trail\",\"text\":\"\\udc00Moscow\"}\n",
            "{\"id\":\"in-id\\ud800\",\"text\":\"Moscow\"}\n",
            "{\"id\":\"at-end\",\"text\":\"Moscow\\ud800\"}\n",
            "{\"id\":\"pair\",\"text\":\"\\ud83d\\ude00 Moscow\"}\n",
        ),
    )
    .unwrap();
    let (code, out, err) = tag(&["-q"], &input);
    assert_eq!(code, 1, "{err}");
    for line in 1..=4 {
        assert!(
            err.contains(&format!("sur.jsonl:{line}: invalid JSON")),
            "{err}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
    let m = mentions(&out);
    assert_eq!(m.len(), 1);
    assert_eq!((m[0].0.as_str(), m[0].1, m[0].2), ("pair", 5, 11));
}

#[test]
fn deeply_nested_json_is_an_error_line_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("deep.jsonl");
    let depth = 100_000;
    let deep = format!(
        "{{\"id\":\"deep\",\"text\":\"Moscow\",\"x\":{}{}}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let objects = format!("{}{}\n", "{\"a\":".repeat(depth), "}".repeat(depth));
    let text_first = format!(
        "{{\"text\":\"Moscow\",\"x\":{}}}\n",
        "{\"a\":".repeat(depth) + &"}".repeat(depth)
    );
    fs::write(
        &input,
        format!("{deep}{objects}{text_first}{{\"id\":\"ok\",\"text\":\"Moscow\"}}\n"),
    )
    .unwrap();
    let (code, out, err) = tag(&["-q", "--keep", "x"], &input);
    assert_eq!(code, 1, "{err}");
    for line in 1..=3 {
        assert!(
            err.contains(&format!(
                "deep.jsonl:{line}: invalid JSON: recursion limit exceeded"
            )),
            "{err}"
        );
    }
    let m = mentions(&out);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].0, "ok");
}

#[test]
fn csv_with_a_ten_mb_quoted_field() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.csv");
    let mut field = long_line(10 << 20).replace("Damascus", "\"\"Damascus\"\",\n");
    field.push_str("\r\n");
    let text_len = field.len() - "\"\"".len(); // one quote pair decodes to one quote
    fs::write(
        &input,
        format!("id,text,k\nbig,\"{field}\",x\nsmall,Moscow,y\n"),
    )
    .unwrap();
    let (code, out, err) = tag(&["-q", "--keep", "k"], &input);
    assert_eq!(code, 0, "{err}");
    let m = mentions(&out);
    let got: Vec<(&str, usize, usize)> = m.iter().map(|m| (m.0.as_str(), m.1, m.2)).collect();
    assert_eq!(
        got,
        [
            ("big", 1, 9),
            ("big", text_len - 8, text_len - 2),
            ("small", 0, 6)
        ]
    );
}

#[test]
fn invalid_utf8_in_ids_is_repaired_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("ids.jsonl");
    fs::write(&jsonl, b"{\"id\":\"bad\xff\xfeid\",\"text\":\"Moscow\"}\n").unwrap();
    let (code, out, err) = tag(&["-q"], &jsonl);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("ids.jsonl:1: invalid UTF-8 in document \"bad\u{fffd}\u{fffd}id\""));
    assert!(out.contains("\nbad\u{fffd}\u{fffd}id,0,6,"), "{out}");

    let csv = dir.path().join("ids.csv");
    fs::write(&csv, b"id,text\nbad\xc3id,Moscow\n").unwrap();
    let (code, out, err) = tag(&["-q"], &csv);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("ids.csv:2: invalid UTF-8 in document \"bad\u{fffd}id\""));
    assert!(out.contains("\nbad\u{fffd}id,0,6,"), "{out}");

    // A text document's id is its path, which need not be UTF-8 either.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let sub = dir.path().join("texts");
        fs::create_dir(&sub).unwrap();
        let name = std::ffi::OsStr::from_bytes(b"bad\xffname.txt");
        fs::write(sub.join(name), "Moscow").unwrap();
        let (code, out, err) = tag(&["-q"], &sub);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("bad\u{fffd}name.txt,0,6,"), "{out}");
    }
}

fn repeated_alias(times: usize) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rep.txt");
    fs::write(&input, "Damascus ".repeat(times)).unwrap();
    let out = dir.path().join("out.csv");
    let (code, _, err) = tag(&["-q", "-o", out.to_str().unwrap()], &input);
    assert_eq!(code, 0, "{err}");
    let csv = fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), times + 1);
    let (s, e) = ((times - 1) * 9, times * 9 - 1);
    assert!(csv.contains(&format!("rep.txt,{s},{e},{s},{e},Damascus,")));
}

#[test]
fn one_alias_repeated_many_times() {
    repeated_alias(200_000);
}

/// The size; about 2.5 s and 440 MB peak RSS in release.
#[test]
#[ignore = "a million mentions: run in release"]
fn one_alias_repeated_a_million_times() {
    repeated_alias(1_000_000);
}

#[test]
fn a_gazetteer_row_with_100000_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = dir.path().join("many.csv");
    let mut aliases: Vec<String> = (0..100_000).map(|i| format!("Alias{i}")).collect();
    aliases.push("Alias7".into()); // a duplicate, dropped
    fs::write(
        &gaz,
        format!(
            "id,kind,name,aliases\nx:1,person,Big Row,{}\n",
            aliases.join("|")
        ),
    )
    .unwrap();
    let started = Instant::now();
    gazetag()
        .args(["check"])
        .arg(&gaz)
        .assert()
        .success()
        .stdout(predicate::str::contains("patterns: 100001 distinct"));
    // Was 20 s in release: every alias compared with every earlier one.
    assert!(started.elapsed() < Duration::from_secs(60));
    let input = dir.path().join("t.txt");
    fs::write(&input, "Alias0, Alias99999 and Big Row.").unwrap();
    let out = gazetag()
        .args(["tag", "-q", "--gazetteer"])
        .arg(&gaz)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(mentions(&String::from_utf8(out.stdout).unwrap()).len(), 3);
}

#[test]
fn a_ten_thousand_character_alias() {
    let dir = tempfile::tempdir().unwrap();
    let words: Vec<String> = (0..2000).map(|i| format!("Word{i}")).collect();
    let mut alias = words.join(" ");
    alias.truncate(10_000);
    let alias = alias.trim_end().to_string();
    let gaz = dir.path().join("long.csv");
    fs::write(
        &gaz,
        format!("id,kind,name,aliases\nx:1,person,Long One,{alias}\n"),
    )
    .unwrap();
    let input = dir.path().join("t.txt");
    // Once whole, once cut short by one character, once across line breaks.
    let broken = alias.replacen(' ', "\r\n", 3);
    let short = &alias[..alias.len() - 1];
    fs::write(&input, format!("{alias}. {short}. {broken}.")).unwrap();
    let out = gazetag()
        .args(["tag", "-q", "--gazetteer"])
        .arg(&gaz)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let m = mentions(&String::from_utf8(out.stdout).unwrap());
    let n = alias.len();
    let got: Vec<(usize, usize)> = m.iter().map(|m| (m.1, m.2)).collect();
    let b = 2 * n + 3;
    assert_eq!(got, [(0, n), (b, b + n + 3)]);
}

/// Temporary files gazetag left in `dir`.
fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".gazetag-"))
        .collect()
}

/// Starts `tag -o` on stdin, feeds it documents until its temporary file
/// holds output, sends `signal` while stdin is still open, and returns the
/// exit code.
fn interrupt(signal: &str) -> i32 {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("gazetag"))
        .args(["tag", "-q", "--gazetteer", &fixture(), "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let line = format!(
        "{}\n",
        serde_json::json!({"text": "Moscow and Damascus. ".repeat(20)})
    );
    let started = Instant::now();
    loop {
        stdin.write_all(line.repeat(500).as_bytes()).unwrap();
        let written = temp_files(dir.path())
            .iter()
            .any(|n| fs::metadata(dir.path().join(n)).is_ok_and(|m| m.len() > 0));
        if written {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no output");
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = Std::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    drop(stdin);
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(err.contains("interrupted"), "{err}");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    assert!(!out.exists());
    status.code().unwrap_or(-1)
}

#[test]
fn sigint_removes_the_temporary_file_and_exits_130() {
    assert_eq!(interrupt("-INT"), 130);
}

#[test]
fn sigterm_removes_the_temporary_file_and_exits_143() {
    assert_eq!(interrupt("-TERM"), 143);
}

#[test]
fn a_full_stdout_is_fatal() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let out = Std::new(assert_cmd::cargo::cargo_bin("gazetag"))
        .args(["tag", "-q", "--gazetteer", &fixture()])
        .arg(data("story.txt"))
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot write to stdout: No space left on device"),
        "{err}"
    );
}

/// Mounts a 64 KiB tmpfs (root only; skipped otherwise), tags more than fits
/// into it, and checks exit 2, the message, and an empty directory.
#[test]
fn a_full_disk_is_fatal_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    fs::create_dir(&mnt).unwrap();
    let mounted = Std::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs (not root?)");
        return;
    }
    let input = dir.path().join("in.jsonl");
    let line = serde_json::json!({"text": "Moscow and Damascus. ".repeat(50)}).to_string();
    fs::write(&input, format!("{line}\n").repeat(400)).unwrap();
    let out = mnt.join("out.csv");
    let res = gazetag()
        .args(["tag", "-q", "--gazetteer", &fixture(), "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    let left: Vec<_> = fs::read_dir(&mnt).unwrap().collect();
    let _ = Std::new("umount").arg(&mnt).status();
    assert_eq!(res.status.code(), Some(2));
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("the partial output was removed"), "{err}");
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// Titles stacked around an office ("Gen. Mayor Inspector ..."): one person,
/// spans that do not overlap, every offset indexing the original text (a
/// build that let two titles take the same name panicked here, and the
/// panicking worker hung the run).
#[test]
fn stacked_titles_and_offices_tag_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("titles.txt");
    let text = "Gen. Mayor Inspector Íris Quillane spoke. Chief Executive Officer \
                Brig. Gen. Tomas Vell met Sens. Ada Roe and Chief Officer. Mayor \
                Commissioner Inspector Executive Lu Po";
    fs::write(&input, text).unwrap();
    let (code, out, err) = tag(&[], &input);
    assert_eq!(code, 0, "{err}");
    let got = mentions(&out);
    let mut prev_end = 0;
    for (_, s, e, t) in &got {
        assert!(*s >= prev_end && s < e, "{got:?}");
        assert_eq!(&text[*s..*e], t);
        prev_end = *e;
    }
    let people: Vec<&str> = got.iter().map(|m| m.3.as_str()).collect();
    assert!(people.contains(&"Íris Quillane"), "{people:?}");
    assert!(!err.contains("panicked"), "{err}");
}
