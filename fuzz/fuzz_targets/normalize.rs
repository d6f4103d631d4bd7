//! The normalizer and its offset map: every normalized byte maps back to a
//! character boundary of the original, monotonically, and the span of any
//! aligned normalized range is a valid, non-empty slice of the original.
//!
//! The property lives in `tests/fuzz_checks.rs`, shared with the regression
//! test that replays `tests/data/fuzz/normalize/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks.rs"]
#[allow(dead_code)]
mod checks;
#[path = "../../tests/reference.rs"]
#[allow(dead_code)]
mod reference;

fuzz_target!(|data: &[u8]| checks::normalize(data));
