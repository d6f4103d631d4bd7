//! The compiled-gazetteer loader: arbitrary bytes and damaged valid files
//! (checksum rewritten) give an error or a working tagger, never a panic.
//!
//! The property lives in `tests/fuzz_checks.rs`, shared with the regression
//! test that replays `tests/data/fuzz/compiled/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks.rs"]
#[allow(dead_code)]
mod checks;
#[path = "../../tests/reference.rs"]
#[allow(dead_code)]
mod reference;

fuzz_target!(|data: &[u8]| checks::compiled(data));
