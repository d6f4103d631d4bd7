//! Importers that derive gazetteer CSVs from open data dumps.
//!
//! Each importer streams its inputs and writes rows in the gazetteer schema
//! (see [`crate::gazetteer`]); rerunning on the same inputs gives byte-identical
//! files.
pub mod actors;
pub mod geonames;
