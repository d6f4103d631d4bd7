//! `gazetag eval`: the real binary on stories written for these tests
//! (tests/data/eval/stories.jsonl), and its agreement with the reference
//! scorer `../shared/eval/score.py` on its own dumped predictions.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::util::{data, gazetag};

fn stories() -> PathBuf {
    data("eval/stories.jsonl")
}

/// `gazetag eval` on the stories with the fixture gazetteer (stable, unlike
/// the embedded default).
fn eval(extra: &[&str]) -> Command {
    let mut cmd = gazetag();
    cmd.arg("eval")
        .arg("--gold")
        .arg(stories())
        .arg("--gazetteer")
        .arg(data("gazetteer"))
        .args(extra);
    cmd
}

fn eval_json(extra: &[&str]) -> Value {
    let out = eval(&[&["--json"], extra].concat())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// The reference scorer, or why it cannot run here.
fn scorer() -> Result<PathBuf, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/score.py");
    if !path.is_file() {
        return Err(format!("{} not found", path.display()));
    }
    match Process::new("python3").arg("--version").output() {
        Ok(o) if o.status.success() => Ok(path),
        _ => Err("python3 not found".into()),
    }
}

/// Every number of `want` (score.py's JSON) equals the same key of `got`
/// to 1e-9; NaN (which Python writes as a bare `NaN`) must be `null`.
fn assert_agree(got: &Value, want: &Value, path: &str) {
    let Value::Object(want) = want else {
        panic!("{path}: not an object")
    };
    for (k, w) in want {
        let here = format!("{path}{k}");
        let g = got.get(k).unwrap_or_else(|| panic!("{here} missing"));
        match w {
            Value::Object(_) => assert_agree(g, w, &format!("{here}.")),
            Value::Null => assert!(g.is_null(), "{here}: {g} but score.py says NaN"),
            Value::Number(n) => {
                let (a, b) = (g.as_f64().unwrap(), n.as_f64().unwrap());
                assert!((a - b).abs() <= 1e-9, "{here}: {a} but score.py says {b}");
            }
            other => panic!("{here}: unexpected {other}"),
        }
    }
}

/// Runs eval with `extra` options, dumps its predictions, scores them with
/// score.py against `gold` and compares every number.
fn agrees_with_scorer(score_py: &Path, gold: &Path, extra: &[&str], py_extra: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("pred.csv");
    let csv_arg = csv.display().to_string();
    let mine = eval_json(&[&["--dump-csv", &csv_arg], extra].concat());
    let out = Process::new("python3")
        .arg(score_py)
        .arg(&csv)
        .arg(gold)
        .arg("--json")
        .args(py_extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace("NaN", "null");
    let want: Value = serde_json::from_str(&text).unwrap();
    assert_agree(&mine, &want, "");
}

#[test]
fn eval_numbers_equal_score_py() {
    let score_py = match scorer() {
        Ok(p) => p,
        Err(why) => {
            println!("skipping eval_numbers_equal_score_py: {why}");
            return;
        }
    };
    let gold = stories();
    for opts in [
        &[][..],
        &["--exact"],
        &["--all-gold"],
        &["--demonyms", "misc"],
        &["--demonyms", "ignore"],
        &["--task", "ner"],
        &["--task", "ner", "--demonyms", "place"],
    ] {
        agrees_with_scorer(&score_py, &gold, opts, opts);
    }
    // score.py knows no document filter: give it the odd lines.
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("odd.jsonl");
    let lines: String = fs::read_to_string(&gold)
        .unwrap()
        .lines()
        .skip(1)
        .step_by(2)
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&odd, lines).unwrap();
    agrees_with_scorer(&score_py, &odd, &["--docs", "odd"], &[]);
}

#[test]
fn eval_json_has_every_section() {
    let v = eval_json(&[]);
    assert_eq!(v["task"], "geo");
    assert_eq!(v["documents"], 10);
    // The shifted Berlin annotation matches loosely, not exactly.
    assert_eq!(
        v["loose"]["tp"].as_u64().unwrap(),
        v["strict"]["tp"].as_u64().unwrap() + 1
    );
    for k in ["person", "place", "org"] {
        assert!(v["kinds"][k]["F1"].is_number(), "kinds.{k}");
    }
    let buckets = v["reliability"].as_array().unwrap();
    assert_eq!(buckets.len(), 10);
    let total: u64 = buckets.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(total, v["predictions"].as_u64().unwrap());

    let v = eval_json(&["--docs", "even"]);
    assert_eq!(v["docs"], "even");
    assert_eq!(v["documents"], 5);
}

#[test]
fn eval_prints_aligned_tables() {
    eval(&[])
        .assert()
        .success()
        .stdout(predicate::str::contains("task geo, documents all (10)"))
        .stdout(
            predicate::str::is_match(r"\nloose +0\.\d{4} +0\.\d{4} +0\.\d{4} +\d+ +\d+ +\d+\n")
                .unwrap(),
        )
        .stdout(predicate::str::contains("acc@161"))
        .stdout(predicate::str::contains("\nperson "))
        .stdout(predicate::str::contains("[0.9, 1.0]"));
    eval(&["--task", "ner"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\nmisc "))
        .stdout(predicate::str::contains("micro (per/place/org)"));
}

#[test]
fn eval_output_does_not_depend_on_threads() {
    let run = |threads: &str| {
        eval(&["--json"])
            .env("RAYON_NUM_THREADS", threads)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run("1"), run("4"));
}

#[test]
fn eval_bad_gold_line_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("bad.jsonl");
    fs::write(
        &gold,
        "{\"id\": \"a\", \"text\": \"x\", \"entities\": []}\n{\"id\": \"b\", \"text\": \"y\"}\n",
    )
    .unwrap();
    gazetag()
        .arg("eval")
        .arg("--gold")
        .arg(&gold)
        .arg("--gazetteer")
        .arg(data("gazetteer"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "bad.jsonl:2: no field \"entities\"",
        ));
}

#[test]
fn eval_unknown_rule_is_an_error() {
    eval(&["--disable", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown resolution rule \"no-such-rule\"",
        ));
}

#[test]
fn eval_disable_rule_passes_to_the_tagger() {
    // Whatever the rules are called today: the error lists them.
    let out = eval(&["--disable", "no-such-rule"]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let known = err.split("(known: ").nth(1).expect("rule list");
    let first = known.split([',', ')']).next().unwrap().trim();
    eval(&["--disable", first, "--json"]).assert().success();
}

/// `gazetag calibrate` labels every mention of a `--geo` corpus, and leaves
/// the demonyms out for a corpus that does not annotate them
/// (`--geo-no-demonyms`); it writes a table the tagger can parse.
#[test]
fn calibrate_leaves_out_unannotated_demonyms() {
    let dir = tempfile::tempdir().unwrap();
    let labelled = |flag: &str, out: &Path| -> usize {
        let res = gazetag()
            .arg("calibrate")
            .arg(flag)
            .arg(stories())
            .arg("--gazetteer")
            .arg(data("gazetteer"))
            .args(["--docs", "all", "-o"])
            .arg(out)
            .assert()
            .success();
        let err = String::from_utf8(res.get_output().stderr.clone()).unwrap();
        let line = err
            .lines()
            .find(|l| l.ends_with("labelled mentions"))
            .unwrap_or_else(|| panic!("no count in {err}"));
        line.split_whitespace()
            .rev()
            .nth(2)
            .unwrap()
            .parse()
            .unwrap()
    };
    let (all, some) = (dir.path().join("all.csv"), dir.path().join("some.csv"));
    let with = labelled("--geo", &all);
    let without = labelled("--geo-no-demonyms", &some);
    // The stories have five demonym mentions (Canadian, French, Brazilian,
    // Mexican, Turkish).
    assert_eq!(with - without, 5, "{with} vs {without}");
    for table in [all, some] {
        let text = fs::read_to_string(&table).unwrap();
        assert!(text.starts_with("group,raw_max,value\n"), "{text}");
        assert!(text.lines().count() > 1, "{text}");
    }
}
