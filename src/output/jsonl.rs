//! JSONL: one JSON object per input document, one line each, in input
//! order. Documents without mentions get their line too, so the output has
//! exactly as many lines as documents were tagged. For example
//! `gazetag tag --format jsonl --keep src` on the line
//! `{"id":"d1","text":"Talks in São Paulo.","src":"wire"}` writes:
//!
//! ```json
//! {"id":"d1","mentions":[{"start":9,"end":19,"char_start":9,"char_end":18,"text":"São Paulo","entity_id":"gn:3448439","kind":"city","name":"São Paulo","country":"BR","admin1":"BR.27","lat":-23.5475,"lon":-46.63611,"geonames_id":3448439,"wikidata_id":null,"match":"name","confidence":0.92}],"focus":{"countries":[{"id":"iso:BR","name":"Brazil","weight":1.0}],"regions":[],"cities":[{"id":"gn:3448439","name":"São Paulo","weight":1.0}]},"gazetteer":"365cc759a1bbcc5b","src":"wire"}
//! ```
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `id` | string | the document id, as in the CSV `doc_id` column (a numeric input id is written as its digits) |
//! | `mentions` | array | one object per mention, in offset order, keyed by the [CSV columns](super::csv) except `doc_id` (with `--explain`, `rule` and `runner_up` too) |
//! | `focus` | object | `countries`, `regions`, `cities`: what the document is about ([`crate::focus`]), heaviest first, each `{"id","name","weight"}` with weights summing to 1 per kind |
//! | `gazetteer` | string | the gazetteer version, for provenance |
//! | `--keep` fields | any | copied from the input: the original JSON value when the input was JSONL, a string for CSV input, `null` when absent or empty |
//!
//! Inside `mentions`, numbers are JSON numbers (`start`, `end`, `char_start`,
//! `char_end`, `geonames_id`; `lat`/`lon` rounded to 5 decimals;
//! `confidence` to 3) and empty values are `null`. Offsets are, as in the
//! CSV, bytes (`start`, `end`) and Unicode scalar values (`char_*`) into the
//! document text as decoded. Keys appear in the order above. A `--keep`
//! field named like one of the fixed keys is refused by the command line.

use std::io::Write;

use crate::entity::{EntityId, Tagged};
use crate::input::Document;

use super::{json_num, json_str, json_str_or_null, round, Context, Format};

/// The fixed top-level keys, which `--keep` fields must not shadow.
pub const KEYS: [&str; 4] = ["id", "mentions", "focus", "gazetteer"];

/// JSONL writer, one line per document.
#[derive(Clone, Debug, Default)]
pub struct JsonlFormat {
    keep: Vec<String>,
    explain: bool,
}

impl JsonlFormat {
    /// A JSONL format with the `keep` fields as extra top-level keys.
    pub fn new(keep: &[String]) -> JsonlFormat {
        JsonlFormat {
            keep: keep.to_vec(),
            explain: false,
        }
    }

    /// Adds the `rule` and `runner_up` keys to each mention (`--explain`),
    /// as the CSV adds its columns.
    pub fn explain(mut self, yes: bool) -> JsonlFormat {
        self.explain = yes;
        self
    }
}

impl Format for JsonlFormat {
    fn header(&self, _out: &mut Vec<u8>) {}

    fn document(&self, doc: &Document, tagged: &Tagged, ctx: &Context<'_>, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"id\":");
        json_str(out, &doc.id);
        out.extend_from_slice(b",\"mentions\":[");
        for (i, m) in tagged.mentions.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let e = tagged.entity(ctx.gazetteer, m.entity);
            let s = m.span;
            let int = |out: &mut Vec<u8>, k: &str, v: usize| {
                // Writing to a Vec cannot fail.
                let _ = write!(out, "\"{k}\":{v},");
            };
            out.push(b'{');
            int(out, "start", s.start);
            int(out, "end", s.end);
            int(out, "char_start", s.char_start);
            int(out, "char_end", s.char_end);
            out.extend_from_slice(b"\"text\":");
            json_str(out, &doc.text[s.start..s.end]);
            out.extend_from_slice(b",\"entity_id\":");
            json_str(out, &e.id);
            out.extend_from_slice(b",\"kind\":");
            json_str(out, e.kind.as_str());
            out.extend_from_slice(b",\"name\":");
            json_str(out, &e.name);
            out.extend_from_slice(b",\"country\":");
            json_str_or_null(out, &e.country);
            out.extend_from_slice(b",\"admin1\":");
            json_str_or_null(out, &e.admin1);
            out.extend_from_slice(b",\"lat\":");
            opt_num(out, e.lat().map(|v| round(v, 5)));
            out.extend_from_slice(b",\"lon\":");
            opt_num(out, e.lon().map(|v| round(v, 5)));
            out.extend_from_slice(b",\"geonames_id\":");
            match e.geonames_id {
                Some(g) => {
                    let _ = write!(out, "{g}");
                }
                None => out.extend_from_slice(b"null"),
            }
            out.extend_from_slice(b",\"wikidata_id\":");
            json_str_or_null(out, &e.wikidata_id);
            out.extend_from_slice(b",\"match\":");
            json_str(out, m.match_type.as_str());
            out.extend_from_slice(b",\"confidence\":");
            json_num(out, round(f64::from(m.confidence), 3));
            if self.explain {
                out.extend_from_slice(b",\"rule\":");
                json_str(out, m.rule);
                out.extend_from_slice(b",\"runner_up\":");
                match m.runner_up {
                    Some(r) => json_str(out, &tagged.entity(ctx.gazetteer, r).id),
                    None => out.extend_from_slice(b"null"),
                }
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"focus\":{");
        let f = &tagged.focus;
        for (i, (key, list)) in [
            ("countries", &f.countries),
            ("regions", &f.regions),
            ("cities", &f.cities),
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 {
                out.push(b',');
            }
            let _ = write!(out, "\"{key}\":");
            focus_list(out, list, tagged, ctx);
        }
        out.extend_from_slice(b"},\"gazetteer\":");
        json_str(out, ctx.version);
        for (i, k) in self.keep.iter().enumerate() {
            out.push(b',');
            json_str(out, k);
            out.push(b':');
            match doc.keep_json.get(i) {
                Some(v) => {
                    let _ = serde_json::to_writer(&mut *out, v);
                }
                None => json_str_or_null(out, doc.keep.get(i).map_or("", String::as_str)),
            }
        }
        out.extend_from_slice(b"}\n");
    }
}

fn opt_num(out: &mut Vec<u8>, v: Option<f64>) {
    match v {
        Some(v) => json_num(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

fn focus_list(out: &mut Vec<u8>, list: &[(EntityId, f64)], tagged: &Tagged, ctx: &Context<'_>) {
    out.push(b'[');
    for (i, (id, w)) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let e = tagged.entity(ctx.gazetteer, *id);
        out.extend_from_slice(b"{\"id\":");
        json_str(out, &e.id);
        out.extend_from_slice(b",\"name\":");
        json_str(out, &e.name);
        out.extend_from_slice(b",\"weight\":");
        json_num(out, round(*w, 3));
        out.push(b'}');
    }
    out.push(b']');
}
