//! The CSV reader: never panics; every record yields exactly one document
//! or one skipped-record problem (a lossy-UTF-8 warning may come before its
//! document), with line numbers that never go back and stay inside the
//! input. (Never back, not always forward: the csv crate ends a record at a
//! bare CR too but counts lines by LF, so records split by a lone `\r`
//! share a line number. Found by this target; documented, not changed.)
//!
//! The property lives in `tests/fuzz_checks.rs`, shared with the regression
//! test that replays `tests/data/fuzz/csv_reader/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks.rs"]
#[allow(dead_code)]
mod checks;
#[path = "../../tests/reference.rs"]
#[allow(dead_code)]
mod reference;

fuzz_target!(|data: &[u8]| checks::csv_reader(data));
