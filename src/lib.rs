//! gazetag: named-entity and geography tagging for bulk news.
//!
//! Gazetteer CSVs of countries, regions, cities, people and agencies are
//! normalized and compiled into one trie of patterns, walked only from word
//! starts ([`automaton`]; the aho-corasick crate is kept as the reference the
//! tests compare it with); documents are
//! normalized the same way, matched, filtered by boundary and case rules and
//! resolved to one entity per mention, with byte and character offsets into
//! the original text.
//!
//! - [`Gazetteer`]: loads, validates and merges gazetteer CSV files
//!   ([`gazetteer`] documents the format); [`Gazetteer::embedded`] is the
//!   shipped default.
//! - [`TaggerBuilder`] / [`Tagger`]: the immutable, `Send + Sync` tagger.
//!   [`Tagger::tag`] returns [`Mention`]s in offset order.
//! - [`compiled`]: a gazetteer with its patterns and trie in one versioned,
//!   checksummed file (`gazetag compile`); the embedded default is stored
//!   this way ([`EMBEDDED_COMPILED`], built by `build.rs`).
//! - [`normalize`]: the one normalizer and its offset map.
//! - [`matcher`]: the matching semantics (boundaries, case, weak aliases,
//!   leftmost-longest).
//! - [`resolve`]: choosing an entity for ambiguous spans.
//! - [`eval`]: scoring against gold corpora, mirroring the reference scorer
//!   (`gazetag eval`).
//! - [`input`], [`output`], [`pipeline`]: streaming readers, writers (CSV,
//!   JSONL, summary, GeoJSON) and the parallel, order-preserving pipeline
//!   behind `gazetag tag`; [`output::readback`] and [`output::map`] read
//!   those outputs back for `gazetag stats` and `gazetag map`.
//! - [`serve`]: the HTTP JSON service behind `gazetag serve`.
//!
//! # Example
//!
//! ```
//! use gazetag::{Gazetteer, Kind, TaggerBuilder};
//!
//! let csv = "id,kind,name,aliases,lat,lon,population\n\
//!            gn:170063,city,Aleppo,Halab,36.20124,37.16117,1602264\n\
//!            cur:eastern-ghouta,region,Eastern Ghouta,,33.5333,36.4,\n";
//! let mut gaz = Gazetteer::new();
//! gaz.load_reader("places.csv", csv.as_bytes())?;
//! let tagger = TaggerBuilder::new().build(gaz)?;
//!
//! let text = "Shelling in eastern Ghouta and near Aleppo’s old city.";
//! let mentions = tagger.tag(text);
//! assert_eq!(mentions.len(), 2);
//! let m = &mentions[1];
//! assert_eq!(&text[m.span.start..m.span.end], "Aleppo");
//! assert_eq!(tagger.entity(m.entity).id, "gn:170063");
//! assert_eq!(tagger.entity(m.entity).kind, Kind::City);
//! // Byte offsets for Rust, character offsets for Python.
//! assert_eq!((m.span.start, m.span.char_start), (36, 36));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Costs
//!
//! Building a tagger from CSVs normalizes every name and builds the trie
//! (seconds for 200k cities); loading a compiled gazetteer only decodes it
//! (a few hundred milliseconds for the same). Tagging allocates the
//! normalized copy of the text, plus a 4-byte offset entry per byte for
//! non-ASCII text (ASCII text keeps only where collapsed whitespace shifts
//! offsets). Measured for the shipped default gazetteer (99,052 entities,
//! 142,646 patterns; release build, 2-core machine, 2026-11-30): loading the
//! embedded compiled form and tagging one document takes 80 ms (median of
//! 10, `gazetag bench startup`) and 150–152 MB peak RSS (`/usr/bin/time -v
//! gazetag tag`, three runs); building it from the CSVs took about 2 s
//! (2.0–2.3 s wall over three runs, an earlier measurement). How: README,
//! "Performance").
pub mod automaton;
mod codec;
pub mod compiled;
pub mod discover;
pub mod entity;
pub mod error;
pub mod eval;
pub mod focus;
pub mod gazetteer;
pub mod import;
pub mod input;
pub mod matcher;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod resolve;
pub mod serve;
pub mod tagger;

#[cfg(test)]
mod tests;

pub use entity::{Candidate, Entity, EntityId, Focus, Kind, MatchType, Mention, Span, Tagged};
pub use error::{GazetteerError, RowError};
pub use gazetteer::Gazetteer;
pub use tagger::{BuildError, Tagger, TaggerBuilder};

/// The default gazetteer (`gazetteers/*.csv`), compiled by `build.rs` when
/// the crate is built; [`compiled::from_bytes`] loads it.
pub static EMBEDDED_COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.gazc"));

/// The credits the shipped data's licences ask for, printed by
/// `gazetag --version` (the full text is in the ATTRIBUTION file).
pub const ATTRIBUTION: &str = "Contains data from GeoNames (geonames.org, CC BY 4.0), the CIA World Factbook (public domain), \
PETRARCH2 actor dictionaries (MIT), unitedstates/congress-legislators (CC0), \
Natural Earth (public domain); see ATTRIBUTION.md.";
