//! The automaton-based matcher against the slow reference matcher of
//! `tests/reference.rs` (the one the differential property test uses).
//!
//! Input: NUL-separated fields, the last one the text, the others names (at
//! most 8); a name starting with `!` is a weak alias.
//!
//! The property lives in `tests/fuzz_checks.rs`, shared with the regression
//! test that replays `tests/data/fuzz/matcher/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks.rs"]
#[allow(dead_code)]
mod checks;
#[path = "../../tests/reference.rs"]
#[allow(dead_code)]
mod reference;

fuzz_target!(|data: &[u8]| checks::matcher(data));
