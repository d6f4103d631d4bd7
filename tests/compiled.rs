//! `gazetag compile` and compiled gazetteers through the real binary: the
//! same tags as from the CSVs, and a clear error (exit 2, no panic, no
//! output file) for a corrupt, truncated or older file.

use std::fs;

use predicates::prelude::*;

use crate::util::{compile_fixture, data, gazetag};

fn tag_with(gazetteer: &std::path::Path) -> Vec<u8> {
    let out = gazetag()
        .args(["tag", "-q", "--threads", "1", "--gazetteer"])
        .arg(gazetteer)
        .arg(data("story.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn compiled_file_tags_like_its_csvs() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fixture.gazc");
    gazetag()
        .arg("compile")
        .arg(data("gazetteer"))
        .arg("-o")
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("compiled"));
    let from_csv = tag_with(&data("gazetteer"));
    assert!(from_csv.split(|&b| b == b'\n').count() > 3);
    assert_eq!(tag_with(&file), from_csv);
    // check reads it too, with the same version as the CSVs.
    let v_csv = gazetag()
        .arg("check")
        .arg(data("gazetteer"))
        .output()
        .unwrap();
    let v_bin = gazetag().arg("check").arg(&file).output().unwrap();
    assert_eq!(v_csv.stdout, v_bin.stdout);
}

#[test]
fn bad_compiled_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = compile_fixture(dir.path());
    let good = fs::read(&file).unwrap();
    let mut corrupt = good.clone();
    let mid = corrupt.len() / 2;
    corrupt[mid] ^= 0x55;
    let mut older = good.clone();
    older[8..12].copy_from_slice(&0u32.to_le_bytes());
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("corrupt", corrupt, "checksum does not match"),
        ("truncated", good[..good.len() - 100].to_vec(), "truncated"),
        ("older", older, "format version 0"),
    ];
    for (name, bytes, want) in cases {
        let bad = dir.path().join(format!("{name}.gazc"));
        fs::write(&bad, bytes).unwrap();
        let out = dir.path().join(format!("{name}.csv"));
        gazetag()
            .args(["tag", "--gazetteer"])
            .arg(&bad)
            .arg("-o")
            .arg(&out)
            .arg(data("story.txt"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(want))
            .stderr(predicate::str::contains("panicked").not());
        assert!(!out.exists(), "{name}: no output on a bad gazetteer");
    }
}
