//! The annotated CSV: gazetag's main output and API.
//!
//! One row per mention, the header always written (an empty input gives the
//! header only), documents in input order, mentions in offset order. RFC
//! 4180 quoting (fields with commas, quotes or line breaks are quoted).
//! `gazetag tag tests/data/story.txt` starts:
//!
//! ```text
//! doc_id,start,end,char_start,char_end,text,entity_id,kind,name,country,admin1,lat,lon,geonames_id,wikidata_id,match,confidence
//! tests/data/story.txt,0,10,0,10,WASHINGTON,gn:4140963,city,Washington,US,US.DC,38.89511,-77.03637,4140963,,name,0.920
//! tests/data/story.txt,12,19,12,19,Reuters,cur:reuters,agency,Reuters,GB,,51.51550,-0.09220,,,name,0.920
//! ```
//!
//! | column | type | meaning |
//! |---|---|---|
//! | `doc_id` | string | the document id (JSONL/CSV id field, `FILE:LINE` when missing, the path for text files) |
//! | `start`, `end` | integer | byte offsets into the document text as decoded, end-exclusive |
//! | `char_start`, `char_end` | integer | the same span in Unicode scalar values (Python `str` indices) |
//! | `text` | string | the surface exactly as written in the document |
//! | `entity_id` | string | the gazetteer id (`gn:170063`, `iso:SY`, `cur:eastern-ghouta`) |
//! | `kind` | string | `country`, `region`, `city`, `agency`, `person` |
//! | `name` | string | the entity's preferred name |
//! | `country` | string | ISO 3166-1 alpha-2, empty if none |
//! | `admin1` | string | GeoNames first-level division code, empty if none |
//! | `lat`, `lon` | decimal | WGS84, 5 decimals; empty when the entity has no point |
//! | `geonames_id` | integer | empty if none |
//! | `wikidata_id` | string | `Q...`, empty if none |
//! | `match` | string | `name`, `alias`, `weak`, `demonym`, `surname`, `title` |
//! | `confidence` | decimal | 0–1, 3 decimals |
//!
//! With `--explain`, two more: `rule` (the resolution rule that decided the
//! mention: `prior`, `dateline`, `local`, `context`, `coref`, `titles`, or
//! `match` when the span had one candidate) and `runner_up` (the entity id
//! that came second, empty if none). Then one column per `--keep` field,
//! named after it.

use crate::entity::Tagged;
use crate::input::Document;

use super::{fmt_confidence, fmt_coord, Context, Format};

/// The fixed columns, in order.
pub const COLUMNS: [&str; 17] = [
    "doc_id",
    "start",
    "end",
    "char_start",
    "char_end",
    "text",
    "entity_id",
    "kind",
    "name",
    "country",
    "admin1",
    "lat",
    "lon",
    "geonames_id",
    "wikidata_id",
    "match",
    "confidence",
];

/// The columns `--explain` adds.
pub const EXPLAIN_COLUMNS: [&str; 2] = ["rule", "runner_up"];

/// CSV writer, one row per mention.
#[derive(Clone, Debug, Default)]
pub struct CsvFormat {
    keep: Vec<String>,
    explain: bool,
}

impl CsvFormat {
    /// A CSV format with extra `keep` columns after the fixed ones.
    pub fn new(keep: &[String]) -> CsvFormat {
        CsvFormat {
            keep: keep.to_vec(),
            explain: false,
        }
    }

    /// Adds the `rule` and `runner_up` columns (`--explain`) after the
    /// fixed ones, before the `keep` columns.
    pub fn explain(mut self, yes: bool) -> CsvFormat {
        self.explain = yes;
        self
    }
}

impl Format for CsvFormat {
    fn header(&self, out: &mut Vec<u8>) {
        let mut w = ::csv::Writer::from_writer(out);
        let explain: &[&str] = if self.explain { &EXPLAIN_COLUMNS } else { &[] };
        let cols = COLUMNS
            .iter()
            .chain(explain)
            .copied()
            .chain(self.keep.iter().map(String::as_str));
        // Writing to a Vec cannot fail.
        let _ = w.write_record(cols);
        let _ = w.flush();
    }

    fn document(&self, doc: &Document, tagged: &Tagged, ctx: &Context<'_>, out: &mut Vec<u8>) {
        if tagged.mentions.is_empty() {
            return;
        }
        let mut w = ::csv::Writer::from_writer(out);
        for m in &tagged.mentions {
            let e = tagged.entity(ctx.gazetteer, m.entity);
            let s = m.span;
            let num = |v: usize| v.to_string();
            let row = [
                doc.id.clone(),
                num(s.start),
                num(s.end),
                num(s.char_start),
                num(s.char_end),
                doc.text[s.start..s.end].to_string(),
                e.id.clone(),
                e.kind.as_str().to_string(),
                e.name.clone(),
                e.country.clone(),
                e.admin1.clone(),
                e.lat().map(fmt_coord).unwrap_or_default(),
                e.lon().map(fmt_coord).unwrap_or_default(),
                e.geonames_id.map(|g| g.to_string()).unwrap_or_default(),
                e.wikidata_id.clone(),
                m.match_type.as_str().to_string(),
                fmt_confidence(m.confidence),
            ];
            let explain = if self.explain {
                vec![
                    m.rule.to_string(),
                    m.runner_up
                        .map(|r| tagged.entity(ctx.gazetteer, r).id.clone())
                        .unwrap_or_default(),
                ]
            } else {
                vec![]
            };
            let _ = w.write_record(row.iter().chain(&explain).chain(doc.keep.iter()));
        }
        let _ = w.flush();
    }
}
