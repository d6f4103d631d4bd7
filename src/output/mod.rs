//! Output formats. Each format is one file implementing [`Format`]; the
//! pipeline renders documents on worker threads and one writer puts the
//! rendered bytes out in input order.

use crate::entity::Tagged;
use crate::gazetteer::Gazetteer;
use crate::input::Document;

pub mod csv;

pub use self::csv::CsvFormat;

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
    /// Written once after the last document.
    fn footer(&self, _out: &mut Vec<u8>) {}
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
