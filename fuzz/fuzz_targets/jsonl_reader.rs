//! The JSONL reader: never panics; every physical line yields exactly one
//! document or one skipped-record problem (a lossy-UTF-8 warning may come
//! before its document), located at that line, in order.
//!
//! The property lives in `tests/fuzz_checks.rs`, shared with the regression
//! test that replays `tests/data/fuzz/jsonl_reader/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks.rs"]
#[allow(dead_code)]
mod checks;
#[path = "../../tests/reference.rs"]
#[allow(dead_code)]
mod reference;

fuzz_target!(|data: &[u8]| checks::jsonl_reader(data));
