//! One integration test binary (faster to link than one per file).

mod cli;
mod compiled;
mod differential;
mod engines;
mod eval;
mod import_geonames;
mod outputs;
mod serve;
mod spot;
mod util;
mod worked_example;
