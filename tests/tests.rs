//! One integration test binary (faster to link than one per file).

mod cli;
mod compiled;
mod differential;
mod engines;
mod eval;
mod fuzz_checks;
mod fuzz_regressions;
mod hostile;
mod import_geonames;
mod outputs;
mod reference;
mod serve;
mod spot;
mod util;
mod worked_example;
