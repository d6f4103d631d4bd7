//! Output formats. Each format is one file implementing [`Format`]; the
//! pipeline renders documents on worker threads and one writer puts the
//! rendered bytes out in input order.
//!
//! | format | module | shape |
//! |---|---|---|
//! | `csv` | [`csv`] | one row per mention |
//! | `jsonl` | [`jsonl`] | one line per document |
//! | `summary` | [`summary`] | one CSV row per document |
//! | `geojson`, `geojsonl` | [`geojson`] | one feature per place over the whole run |
//!
//! Per-document formats do all their work in [`Format::document`], on the
//! workers. Formats over the whole run (GeoJSON) also return an
//! [`Aggregate`] from [`Format::aggregate`]: the writer thread hands it every
//! tagged document in input order, then asks it for its output once the
//! last document is in, so aggregate output is as deterministic as the rest.
//!
//! [`readback`] reads these outputs back (for `gazetag stats` and `gazetag
//! map`); [`map`] draws them on a world map.

use crate::entity::Tagged;
use crate::gazetteer::Gazetteer;
use crate::input::Document;

pub mod csv;
pub mod geojson;
pub mod jsonl;
pub mod map;
pub mod readback;
pub mod summary;

pub use self::csv::CsvFormat;
pub use self::geojson::GeojsonFormat;
pub use self::jsonl::JsonlFormat;
pub use self::summary::SummaryFormat;

/// What a writer may need besides the document.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub gazetteer: &'a Gazetteer,
    /// The gazetteer version ([`Gazetteer::version`]), for provenance.
    pub version: &'a str,
}

/// A way of writing tagged documents.
pub trait Format: Send + Sync {
    /// Written once, before any document (even when there is none).
    fn header(&self, out: &mut Vec<u8>);
    /// Renders one tagged document. Called on worker threads, in any order;
    /// the pipeline restores input order.
    fn document(&self, doc: &Document, tagged: &Tagged, ctx: &Context<'_>, out: &mut Vec<u8>);
    /// Written once after the last document (after the aggregate's output).
    fn footer(&self, _out: &mut Vec<u8>) {}
    /// A fresh accumulator, for formats that summarize the whole run;
    /// `None` (the default) for formats rendered document by document.
    fn aggregate(&self) -> Option<Box<dyn Aggregate>> {
        None
    }
}

/// The part of a format that needs the whole run. It lives on the writer
/// thread and sees documents one at a time, in input order; its memory is
/// what it keeps (for GeoJSON: one entry per distinct place).
pub trait Aggregate: Send {
    /// Takes in one tagged document.
    fn absorb(&mut self, doc_id: &str, tagged: &Tagged, ctx: &Context<'_>);
    /// Renders the result, after the last document and before the footer.
    fn finish(&mut self, ctx: &Context<'_>, out: &mut Vec<u8>);
}

/// `lat`/`lon` as outputs write them: 5 decimals (about a metre).
pub fn fmt_coord(v: f64) -> String {
    let s = format!("{v:.5}");
    // "-0.00000" would be a surprise in a spreadsheet.
    if s == "-0.00000" {
        "0.00000".into()
    } else {
        s
    }
}

/// `confidence` as outputs write it: 3 decimals.
pub fn fmt_confidence(v: f32) -> String {
    format!("{v:.3}")
}

/// Rounds for JSON outputs, where numbers are numbers: `round(v, 5)` for
/// coordinates, `round(v, 3)` for confidences and weights. serde_json then
/// writes the shortest form that reads back as the same value.
pub(crate) fn round(v: f64, decimals: i32) -> f64 {
    let p = 10f64.powi(decimals);
    let r = (v * p).round() / p;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Appends `s` as a JSON string.
pub(crate) fn json_str(out: &mut Vec<u8>, s: &str) {
    // Writing a string to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Appends `s` as a JSON string, or `null` when it is empty.
pub(crate) fn json_str_or_null(out: &mut Vec<u8>, s: &str) {
    if s.is_empty() {
        out.extend_from_slice(b"null");
    } else {
        json_str(out, s);
    }
}

/// Appends a JSON number (`null` for NaN and infinities, which JSON lacks).
pub(crate) fn json_num(out: &mut Vec<u8>, v: f64) {
    let _ = serde_json::to_writer(&mut *out, &serde_json::Value::from(v));
}
