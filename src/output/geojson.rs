//! GeoJSON (RFC 7946) and GeoJSONL: one Point feature per place (country,
//! region or city) mentioned anywhere in the run, for mapping tools.
//!
//! Unlike the per-document formats, this one aggregates the whole run: the
//! features are written when the last document has been tagged (see
//! [`super::Aggregate`]). Features are ordered by mentions, descending,
//! then by id, so the output is deterministic. Agencies and people are not
//! places and are left out, even when the gazetteer gives them a point.
//!
//! `--format geojson` writes one `FeatureCollection`, one feature per line,
//! with the gazetteer version as a foreign member:
//!
//! ```json
//! {"type":"FeatureCollection","gazetteer":"365cc759a1bbcc5b","features":[
//! {"type":"Feature","id":"gn:524901","geometry":{"type":"Point","coordinates":[37.61556,55.75222]},"properties":{"id":"gn:524901","name":"Moscow","kind":"city","country":"RU","admin1":"RU.48","mentions":2,"documents":1,"examples":["tests/data/story.txt"],"precision":"city","gazetteer":"365cc759a1bbcc5b"}}
//! ]}
//! ```
//!
//! `--format geojsonl` writes the same features, one per line, without the
//! collection (RFC 8142 without the record separators, as most tools read
//! it). An empty run gives an empty collection (or no line).
//!
//! | property | type | meaning |
//! |---|---|---|
//! | `id`, `name`, `kind` | string | the entity (also the feature's `id`) |
//! | `country`, `admin1` | string or null | ISO 3166-1 alpha-2 and first-level division code |
//! | `mentions` | integer | mentions over the run |
//! | `documents` | integer | documents with at least one mention |
//! | `examples` | array of strings | up to five document ids, the first in input order |
//! | `precision` | string | `country`, `region` or `city`: how much the point stands for, so a map can draw a country as an area and not a dot |
//! | `gazetteer` | string | the gazetteer version, for provenance |
//!
//! Coordinates are `[lon, lat]` (longitude first, as RFC 7946 says), WGS84,
//! rounded to 5 decimals.

use crate::entity::Tagged;
use crate::input::Document;

use super::readback::{EntityCount, Tally};
use super::{json_num, json_str, json_str_or_null, round, Aggregate, Context, Format};

/// The GeoJSON writer: a `FeatureCollection`, or one feature per line.
#[derive(Clone, Copy, Debug, Default)]
pub struct GeojsonFormat {
    lines: bool,
}

impl GeojsonFormat {
    /// A `FeatureCollection` (`--format geojson`).
    pub fn collection() -> GeojsonFormat {
        GeojsonFormat { lines: false }
    }

    /// One feature per line (`--format geojsonl`).
    pub fn lines() -> GeojsonFormat {
        GeojsonFormat { lines: true }
    }
}

impl Format for GeojsonFormat {
    fn header(&self, _out: &mut Vec<u8>) {}

    fn document(&self, _: &Document, _: &Tagged, _: &Context<'_>, _: &mut Vec<u8>) {}

    fn aggregate(&self) -> Option<Box<dyn Aggregate>> {
        Some(Box::new(Places {
            lines: self.lines,
            tally: Tally::new(),
        }))
    }
}

struct Places {
    lines: bool,
    tally: Tally,
}

impl Aggregate for Places {
    fn absorb(&mut self, doc_id: &str, tagged: &Tagged, ctx: &Context<'_>) {
        self.tally.begin_document(doc_id);
        for m in &tagged.mentions {
            let e = tagged.entity(ctx.gazetteer, m.entity);
            if !e.kind.is_place() || e.coord.is_none() {
                continue;
            }
            self.tally.mention(&e.id, || EntityCount {
                country: e.country.clone(),
                admin1: e.admin1.clone(),
                coord: e.coord,
                ..EntityCount::new(&e.id, e.kind, &e.name)
            });
        }
    }

    fn finish(&mut self, ctx: &Context<'_>, out: &mut Vec<u8>) {
        if !self.lines {
            out.extend_from_slice(b"{\"type\":\"FeatureCollection\",\"gazetteer\":");
            json_str(out, ctx.version);
            out.extend_from_slice(b",\"features\":[\n");
        }
        let places = self.tally.sorted();
        for (i, p) in places.iter().enumerate() {
            feature(out, p, ctx.version);
            if !self.lines && i + 1 < places.len() {
                out.push(b',');
            }
            out.push(b'\n');
        }
        if !self.lines {
            out.extend_from_slice(b"]}\n");
        }
    }
}

fn feature(out: &mut Vec<u8>, p: &EntityCount, version: &str) {
    // Places without a point were filtered out when absorbed.
    let (lat, lon) = p.coord.unwrap_or_default();
    out.extend_from_slice(b"{\"type\":\"Feature\",\"id\":");
    json_str(out, &p.id);
    out.extend_from_slice(b",\"geometry\":{\"type\":\"Point\",\"coordinates\":[");
    json_num(out, round(lon, 5));
    out.push(b',');
    json_num(out, round(lat, 5));
    out.extend_from_slice(b"]},\"properties\":{\"id\":");
    json_str(out, &p.id);
    out.extend_from_slice(b",\"name\":");
    json_str(out, &p.name);
    out.extend_from_slice(b",\"kind\":");
    json_str(out, p.kind.as_str());
    out.extend_from_slice(b",\"country\":");
    json_str_or_null(out, &p.country);
    out.extend_from_slice(b",\"admin1\":");
    json_str_or_null(out, &p.admin1);
    out.extend_from_slice(
        format!(",\"mentions\":{},\"documents\":{}", p.mentions, p.documents).as_bytes(),
    );
    out.extend_from_slice(b",\"examples\":[");
    for (i, x) in p.examples.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(out, x);
    }
    out.extend_from_slice(b"],\"precision\":");
    json_str(out, p.kind.as_str());
    out.extend_from_slice(b",\"gazetteer\":");
    json_str(out, version);
    out.extend_from_slice(b"}}");
}
