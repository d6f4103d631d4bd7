//! The real binary, run in temporary directories.

use std::fs;

use predicates::prelude::*;

use crate::util::{compile_fixture, data, gazetag};

fn fixture() -> String {
    data("gazetteer").display().to_string()
}

/// Pins the CSV contract: header, columns, quoting, offsets, number formats.
#[test]
fn csv_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    fs::write(
        &input,
        "{\"id\":\"d1\",\"text\":\"Talks in São Paulo, then \\\"Damascus\\\".\",\"src\":\"wire, AP\"}\n{\"id\":\"d2\",\"text\":\"Nothing here.\",\"src\":\"x\"}\n{\"id\":\"d3\",\"text\":\"New\\r\\nYork? No: Moscow\",\"src\":\"y\"}\n",
    )
    .unwrap();
    let out = gazetag()
        .args(["tag", "--gazetteer", &fixture(), "--keep", "src", "-q"])
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let want = "\
doc_id,start,end,char_start,char_end,text,entity_id,kind,name,country,admin1,lat,lon,geonames_id,wikidata_id,match,confidence,src
d1,9,19,9,18,São Paulo,gn:3448439,city,São Paulo,BR,BR.27,-23.54750,-46.63611,3448439,,name,C,\"wire, AP\"
d1,27,35,26,34,Damascus,gn:170654,city,Damascus,SY,SY.13,33.51020,36.29128,170654,,name,C,\"wire, AP\"
d3,0,9,0,9,\"New\r\nYork\",gn:5128581,city,New York City,US,US.NY,40.71427,-74.00597,5128581,,alias,C,y
d3,15,21,15,21,Moscow,gn:524901,city,Moscow,RU,RU.48,55.75222,37.61556,524901,,name,C,y
";
    assert_eq!(masked_confidence(&out), want);
}

/// The CSV with every `confidence` replaced by `C` after checking it is a
/// number in 0..=1 written with 3 decimals: snapshots pin the format, the
/// calibration tests pin the values (which move whenever it is refitted).
fn masked_confidence(out: &[u8]) -> String {
    let mut rdr = csv::ReaderBuilder::new().from_reader(out);
    let headers = rdr.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == "confidence").unwrap();
    let mut wtr = csv::WriterBuilder::new().from_writer(vec![]);
    wtr.write_record(&headers).unwrap();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let c = &rec[col];
        let v: f64 = c.parse().unwrap();
        assert!(
            (0.0..=1.0).contains(&v) && c.len() == 5 && c.as_bytes()[1] == b'.',
            "{c}"
        );
        let masked: Vec<&str> = rec
            .iter()
            .enumerate()
            .map(|(i, f)| if i == col { "C" } else { f })
            .collect();
        wtr.write_record(masked).unwrap();
    }
    String::from_utf8(wtr.into_inner().unwrap()).unwrap()
}

#[test]
fn default_gazetteer_tags_the_story_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    gazetag()
        .current_dir(dir.path())
        .args(["tag", "-q"])
        .arg(data("story.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains(",Sergei Lavrov,"))
        .stdout(predicate::str::contains(",Damascus,"));
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    let story = fs::read_to_string(data("story.txt")).unwrap();
    let mut lines = String::new();
    for i in 0..600 {
        let text = &story[(i * 7) % 300..];
        lines.push_str(&serde_json::json!({"id": i, "text": text}).to_string());
        lines.push('\n');
    }
    fs::write(&input, lines).unwrap();
    let run = |threads: &str| {
        gazetag()
            .args(["tag", "-q", "--gazetteer", &fixture(), "--threads", threads])
            .arg(&input)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    assert!(one.len() > 10_000);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn skipped_records_exit_1_and_name_their_location() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    fs::write(&input, b"{\"id\":\"a\",\"text\":\"Moscow\"}\n{oops\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"Mos\xffcow Moscow\"}\n").unwrap();
    let out = dir.path().join("out.csv");
    gazetag()
        .args(["tag", "--gazetteer", &fixture(), "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("in.jsonl:2: invalid JSON"))
        .stderr(predicate::str::contains("in.jsonl:3: no field \"text\""))
        .stderr(predicate::str::contains(
            "in.jsonl:4: invalid UTF-8 in document \"c\"",
        ))
        .stderr(predicate::str::contains("2 record(s) skipped"));
    let csv = fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.contains("\nc,10,16,8,14,Moscow,"), "{csv}");
}

#[test]
fn fatal_errors_exit_2_and_leave_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    fs::write(&bad, "id,kind,name,lat,lon\nx:1,city,Foo,95,1\n").unwrap();
    let out = dir.path().join("out.csv");
    gazetag()
        .args(["tag", "--gazetteer"])
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .arg(data("story.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.csv:2: column lat: 95 out of range",
        ));
    assert!(!out.exists());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "temp file left behind"
    );
    gazetag()
        .args(["tag", "--kinds", "planet"])
        .arg(data("story.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown kind \"planet\""));
    gazetag()
        .args(["tag", "-o", "/nonexistent-dir/out.csv"])
        .arg(data("story.txt"))
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn empty_input_gives_the_header_only() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("empty.jsonl");
    fs::write(&input, "").unwrap();
    gazetag()
        .args(["tag", "-q"])
        .arg(&input)
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("doc_id,start,end")
                .and(predicate::str::ends_with("confidence\n")),
        );
}

#[test]
fn stdin_jsonl_csv_input_and_kinds_filter() {
    gazetag()
        .args(["tag", "-q", "--gazetteer", &fixture(), "--kinds", "city"])
        .write_stdin("{\"id\":\"s\",\"text\":\"The Washington Post in Washington.\"}\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "s,23,33,23,33,Washington,gn:4140963",
        ))
        .stdout(predicate::str::contains("Washington Post").not());
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    fs::write(&input, "key,body\nk1,\"Moscow, Russia\"\nk2\n").unwrap();
    gazetag()
        .args([
            "tag",
            "--gazetteer",
            &fixture(),
            "--text-column",
            "body",
            "--id-column",
            "key",
        ])
        .arg(&input)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("k1,0,6,0,6,Moscow"))
        .stderr(predicate::str::contains(
            "in.csv:3: 1 fields, the header has 2",
        ));
}

#[test]
fn directories_are_walked_in_order_and_gz_is_read() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("b")).unwrap();
    fs::create_dir_all(root.join(".hidden")).unwrap();
    fs::write(root.join("a.txt"), "Moscow").unwrap();
    fs::write(root.join("b/c.txt"), "Damascus").unwrap();
    fs::write(root.join(".hidden/d.txt"), "Aleppo").unwrap();
    fs::write(root.join("notes.md"), "Latakia").unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"id\":\"z\",\"text\":\"Syria\"}\n")
        .unwrap();
    fs::write(root.join("e.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let out = gazetag()
        .args(["tag", "-q", "--gazetteer", &fixture()])
        .arg(root)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let names: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(5).unwrap())
        .collect();
    assert_eq!(names, ["Moscow", "Damascus", "Syria"]);
}

#[test]
fn add_gazetteer_extends_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("extra.csv");
    fs::write(
        &extra,
        "id,kind,name,lat,lon\nmy:zz,city,Zzyzx,35.14,-116.10\n",
    )
    .unwrap();
    gazetag()
        .args(["tag", "-q", "--add-gazetteer"])
        .arg(&extra)
        .write_stdin("{\"id\":1,\"text\":\"From Zzyzx to Moscow\"}")
        .assert()
        .success()
        .stdout(predicate::str::contains("my:zz"))
        .stdout(predicate::str::contains(",Moscow,"));
}

#[test]
fn check_reports_counts_and_errors() {
    gazetag()
        .args(["check"])
        .arg(data("gazetteer"))
        .assert()
        .success()
        .stdout(predicate::str::contains("no errors"))
        .stdout(predicate::str::contains("shared by several entities"));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    fs::write(
        &bad,
        "id,kind,name,lat,lon\nx:1,city,Foo,1\nx:2,town,Bar,1,1\n",
    )
    .unwrap();
    gazetag()
        .arg("check")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.csv:2: malformed row"))
        .stderr(predicate::str::contains("bad.csv:3: column kind"));
}

#[test]
fn version_names_the_gazetteer() {
    gazetag()
        .arg("--version")
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"gazetag \d+\.\d+\.\d+\ngazetteer [0-9a-f]{16} ").unwrap(),
        )
        .stdout(predicate::str::contains("GeoNames"));
}

/// Runs gazetag with `args` and `input` (a file), its stdout a pipe whose
/// reader is gone before it writes: `gazetag ... | head -c0`, done by hand.
fn into_closed_pipe(args: &[&str], input: &std::path::Path) -> std::process::Output {
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("gazetag"))
        .args(args)
        .arg(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn broken_pipe_exits_0_quietly() {
    // `gazetag tag big | head -1`: a reader that closes early.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl");
    let line =
        serde_json::json!({"id": 1, "text": "Moscow Damascus Aleppo ".repeat(50)}).to_string();
    fs::write(&input, format!("{line}\n").repeat(3000)).unwrap();
    let out = into_closed_pipe(&["tag", "-q", "--gazetteer", &fixture()], &input);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn bench_into_a_closed_pipe_exits_0_quietly() {
    // Its one line goes to a reader that is gone (it used to panic in
    // println!).
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("c.jsonl");
    fs::write(&input, "{\"id\":\"a\",\"text\":\"Moscow and Kyiv\"}\n").unwrap();
    let out = into_closed_pipe(&["bench", "pipeline", "--gazetteer", &fixture()], &input);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The filter contract (issue 10): with --format jsonl on stdin, exactly one
/// output line per input line, in order; bad lines become error records and
/// the run exits 0, or 1 under --strict; logs only on stderr.
#[test]
fn jsonl_filter_writes_one_line_per_input_line() {
    let input = "{\"id\":\"a\",\"text\":\"Moscow\"}\n\n{broken\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"Kyiv\"}\n";
    let run = |strict: bool| {
        let mut cmd = gazetag();
        cmd.args(["tag", "--gazetteer", &fixture(), "--format", "jsonl", "-"]);
        if strict {
            cmd.arg("--strict");
        }
        cmd.write_stdin(input).assert()
    };
    let out = run(false).success().get_output().stdout.clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["id"], "a");
    assert!(lines[0]["mentions"].is_array());
    for (i, id) in [
        (1, serde_json::Value::Null),
        (2, serde_json::Value::Null),
        (3, "b".into()),
    ] {
        assert_eq!(lines[i]["id"], id, "line {}", i + 1);
        assert_eq!(lines[i]["line"], i as u64 + 1);
        assert!(lines[i]["error"].is_string());
    }
    assert_eq!(lines[4]["id"], "c");
    // Logs go to stderr only: every stdout line parsed as a record above,
    // and each bad line is reported there by its line number.
    let err = String::from_utf8(run(false).get_output().stderr.clone()).unwrap();
    for n in 2..=4 {
        assert!(err.contains(&format!("<stdin>:{n}")), "line {n}: {err}");
    }
    // --strict: the same lines, exit 1.
    let strict = run(true).code(1).get_output().stdout.clone();
    assert_eq!(String::from_utf8(strict).unwrap().lines().count(), 5);
}

/// The filter contract keeps order on a larger input read by several
/// threads, and a last line without a newline is still one record.
#[test]
fn jsonl_filter_keeps_order_over_many_lines() {
    let mut input = String::new();
    for i in 0..3000 {
        if i % 97 == 0 {
            input.push_str("not json\n");
        } else {
            input.push_str(&format!(
                "{{\"id\":{i},\"text\":\"Talks in Moscow and Kyiv.\"}}\n"
            ));
        }
    }
    input.push_str("{\"id\":3000,\"text\":\"Damascus\"}");
    let out = gazetag()
        .args(["tag", "-q", "--gazetteer", &fixture(), "--threads", "2"])
        .args(["--input-format", "jsonl", "--format", "jsonl", "-"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3001);
    for (i, v) in lines.iter().enumerate() {
        if i % 97 == 0 && i < 3000 {
            assert_eq!(v["id"], serde_json::Value::Null, "line {}", i + 1);
            assert_eq!(v["line"], i as u64 + 1);
        } else {
            assert_eq!(v["id"], i.to_string(), "line {}", i + 1);
        }
    }
}

/// A fatal error in filter mode (a corrupt compiled gazetteer) exits 2
/// before writing anything to stdout.
#[test]
fn jsonl_filter_with_a_bad_gazetteer_exits_2_with_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = compile_fixture(dir.path());
    let mut bytes = fs::read(&file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    fs::write(&file, bytes).unwrap();
    gazetag()
        .args(["tag", "--input-format", "jsonl", "--format", "jsonl"])
        .arg("--gazetteer")
        .arg(&file)
        .arg("-")
        .write_stdin("{\"id\":1,\"text\":\"Moscow\"}\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("checksum"));
}

/// Without --threads, the worker pool takes its size from
/// `RAYON_NUM_THREADS`, so a Spark or Dask task uses only its share.
/// Observed through /proc: while gazetag waits on an open stdin, its thread
/// count grows by exactly the difference in `RAYON_NUM_THREADS`.
#[cfg(target_os = "linux")]
#[test]
fn threads_default_to_rayon_num_threads() {
    use std::process::{Command as Std, Stdio};
    use std::time::{Duration, Instant};
    let threads_of = |n: usize| -> usize {
        let mut child = Std::new(assert_cmd::cargo::cargo_bin("gazetag"))
            .args([
                "tag",
                "-q",
                "--gazetteer",
                &fixture(),
                "--format",
                "jsonl",
                "-",
            ])
            .env("RAYON_NUM_THREADS", n.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let task = format!("/proc/{}/task", child.id());
        let count = || fs::read_dir(&task).map(|d| d.count()).unwrap_or(0);
        // The pool is built before reading starts; wait until the count is
        // past the pool's size and has not moved for half a second.
        let start = Instant::now();
        let (mut last, mut same) = (0, 0);
        while same < 5 {
            assert!(start.elapsed() < Duration::from_secs(30), "never settled");
            std::thread::sleep(Duration::from_millis(100));
            let c = count();
            if c > n && c == last {
                same += 1;
            } else {
                same = 0;
            }
            last = c;
        }
        drop(child.stdin.take());
        assert!(child.wait().unwrap().success());
        last
    };
    assert_eq!(threads_of(5) - threads_of(2), 3);
}

/// `tag --help` names every rule `--disable` accepts (the list is written
/// by hand in the help text; this keeps it whole as rules are added).
#[test]
fn tag_help_names_every_rule() {
    let help = gazetag()
        .args(["tag", "--help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(help).unwrap();
    let rules = gazetag::resolve::Resolver::new(&gazetag::gazetteer::Gazetteer::new()).rule_names();
    assert!(rules.len() > 10);
    for rule in rules {
        assert!(help.contains(rule), "tag --help does not name {rule}");
    }
}
