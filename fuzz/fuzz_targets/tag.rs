//! The whole tagger on the default gazetteer: never panics; mentions in
//! offset order, never overlapping, byte and character spans that index
//! the original text.
//!
//! The property lives in `tests/fuzz_checks.rs`, shared with the regression
//! test that replays `tests/data/fuzz/tag/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks.rs"]
#[allow(dead_code)]
mod checks;
#[path = "../../tests/reference.rs"]
#[allow(dead_code)]
mod reference;

fuzz_target!(|data: &[u8]| checks::tag(data));
