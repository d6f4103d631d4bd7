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

use std::io::Write;

#[cfg(test)]
use super::fmt_coord;
use super::{Context, Format};

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
        // Rendered by hand, not through csv::Writer: one row per mention
        // used to allocate 17 strings; this writes straight into `out`,
        // quoting exactly as csv::Writer does (QuoteStyle::Necessary).
        if tagged.mentions.is_empty() {
            return;
        }
        // The document's own fields, the same on every row, rendered once.
        let mut id = Vec::with_capacity(doc.id.len() + 2);
        field(&mut id, &doc.id);
        let mut keep = vec![];
        for k in &doc.keep {
            keep.push(b',');
            field(&mut keep, k);
        }
        for m in &tagged.mentions {
            let e = tagged.entity(ctx.gazetteer, m.entity);
            let s = m.span;
            out.extend_from_slice(&id);
            for n in [s.start, s.end, s.char_start, s.char_end] {
                out.push(b',');
                push_uint(out, n as u64);
            }
            for f in [
                &doc.text[s.start..s.end],
                &e.id,
                e.kind.as_str(),
                &e.name,
                &e.country,
                &e.admin1,
            ] {
                out.push(b',');
                field(out, f);
            }
            for c in [e.lat(), e.lon()] {
                out.push(b',');
                if let Some(v) = c {
                    coord(out, v);
                }
            }
            out.push(b',');
            if let Some(g) = e.geonames_id {
                push_uint(out, g);
            }
            out.push(b',');
            field(out, &e.wikidata_id);
            out.push(b',');
            out.extend_from_slice(m.match_type.as_str().as_bytes());
            out.push(b',');
            fixed(out, f64::from(m.confidence), 3);
            if self.explain {
                out.push(b',');
                field(out, m.rule);
                out.push(b',');
                if let Some(r) = m.runner_up {
                    field(out, &tagged.entity(ctx.gazetteer, r).id);
                }
            }
            out.extend_from_slice(&keep);
            out.push(b'\n');
        }
    }
}

/// One field, quoted (with `"` doubled) if it holds a comma, a quote or a
/// line break: csv::Writer's rule.
fn field(out: &mut Vec<u8>, f: &str) {
    let f = f.as_bytes();
    if f.iter().any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for &b in f {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(f);
    }
}

/// [`fmt_coord`] without the allocation.
fn coord(out: &mut Vec<u8>, v: f64) {
    let at = out.len();
    fixed(out, v, 5);
    if &out[at..] == b"-0.00000" {
        out.remove(at);
    }
}

/// `n` in decimal, as `write!(out, "{n}")` writes it (the itoa crate,
/// which serde_json already uses, without the formatting machinery).
fn push_uint(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `v` with `places` decimals (3 or 5), byte for byte what
/// `write!(out, "{v:.places$}")` writes, without the formatting machinery
/// where that is safe: `v * 10^places` rounds to the nearest integer
/// unambiguously when it is far from a tie (below 1e9 the product's error
/// is under 1e-6 and cannot cross the half). Near a tie, for large or
/// non-finite values, the standard formatter decides.
fn fixed(out: &mut Vec<u8>, v: f64, places: usize) {
    let scale = if places == 3 { 1e3 } else { 1e5 };
    let x = v * scale;
    let r = x.round();
    let safe = x.is_finite() && x.abs() < 1e9 && (x - r).abs() <= 0.499_99;
    if !safe || (places != 3 && places != 5) {
        let _ = write!(out, "{v:.places$}");
        return;
    }
    // The formatter writes the sign of a negative value even when it
    // rounds to zero ("-0.00000"): kept below.
    // Written backwards into one buffer, then copied once: the fraction's
    // digits, the point, the integer part (no leading zeros, "0" for
    // none, as itoa writes it), the sign.
    let mut n = r.abs() as u64;
    let mut buf = [0u8; 24];
    let mut at = buf.len();
    for _ in 0..places {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    at -= 1;
    buf[at] = b'.';
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v.is_sign_negative() {
        at -= 1;
        buf[at] = b'-';
    }
    out.extend_from_slice(&buf[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_quote_like_the_csv_crate() {
        for f in [
            "plain",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "",
            "é, ü",
        ] {
            let mut ours = vec![];
            field(&mut ours, f);
            let mut theirs = ::csv::Writer::from_writer(vec![]);
            theirs.write_record([f, "x"]).unwrap();
            let theirs = theirs.into_inner().unwrap();
            assert_eq!(ours, theirs[..theirs.len() - 3], "{f:?}");
        }
        for v in [-0.000001, 0.0, 12.345678, -33.5] {
            let mut ours = vec![];
            coord(&mut ours, v);
            assert_eq!(String::from_utf8(ours).unwrap(), fmt_coord(v));
        }
    }

    #[test]
    fn numbers_as_the_formatter_writes_them() {
        let mut vals = vec![
            0.0,
            -0.0,
            0.0005,
            0.0015,
            0.9995,
            1.0,
            0.125,
            2.5e-6,
            -2.5e-6,
            1.5e-5,
            179.999995,
            -179.999995,
            89.123455,
            1e9,
            -1e12,
            f64::NAN,
            f64::INFINITY,
            0.000_004_999_999,
        ];
        // A deterministic spread of coordinates and confidences.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let u = (x >> 11) as f64 / (1u64 << 53) as f64;
            vals.push(u * 360.0 - 180.0);
            vals.push(f64::from(u as f32));
            vals.push((u * 1e5).round() / 1e5 + 5e-6);
        }
        for v in vals {
            for places in [3, 5] {
                let mut ours = vec![];
                fixed(&mut ours, v, places);
                assert_eq!(String::from_utf8(ours).unwrap(), format!("{v:.places$}"));
            }
        }
        // Confidences are f32, widened exactly.
        for k in 0..=100_000u32 {
            let c = k as f32 / 100_000.0;
            let mut ours = vec![];
            fixed(&mut ours, f64::from(c), 3);
            assert_eq!(String::from_utf8(ours).unwrap(), format!("{c:.3}"));
        }
        for n in [0u64, 7, 10, 99, 12345, u64::MAX] {
            let mut ours = vec![];
            push_uint(&mut ours, n);
            assert_eq!(String::from_utf8(ours).unwrap(), n.to_string());
        }
    }
}
