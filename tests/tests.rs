//! One integration test binary (faster to link than one per file).

mod cli;
mod differential;
mod eval;
mod import_geonames;
mod outputs;
mod serve;
mod spot;
mod util;
mod worked_example;
