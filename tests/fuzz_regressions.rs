//! Replays the inputs the fuzz targets found interesting (crashes once
//! fixed, and inputs that pin a documented behaviour), kept under
//! `tests/data/fuzz/TARGET/`, through the same checks the targets run. CI
//! runs these; it never runs the fuzzers (see `fuzz/README.md`).

use std::fs;

use crate::fuzz_checks;
use crate::util::data;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = data("fuzz").join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        let bytes = fs::read(&p).unwrap();
        let name = p.display().to_string();
        let res = std::panic::catch_unwind(|| check(&bytes));
        assert!(res.is_ok(), "fuzz regression {name} fails");
    }
}

#[test]
fn normalize_inputs() {
    replay("normalize", fuzz_checks::normalize);
}

#[test]
fn matcher_inputs() {
    replay("matcher", fuzz_checks::matcher);
}

#[test]
fn gazetteer_csv_inputs() {
    replay("gazetteer_csv", fuzz_checks::gazetteer_csv);
}

#[test]
fn jsonl_reader_inputs() {
    replay("jsonl_reader", fuzz_checks::jsonl_reader);
}

#[test]
fn csv_reader_inputs() {
    replay("csv_reader", fuzz_checks::csv_reader);
}

#[test]
fn compiled_inputs() {
    replay("compiled", fuzz_checks::compiled);
}

#[test]
fn tag_inputs() {
    replay("tag", fuzz_checks::tag);
}
