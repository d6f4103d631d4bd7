//! Reading gazetag's outputs back: per-entity counts from the CSV, JSONL,
//! GeoJSON or GeoJSONL that `gazetag tag` wrote, for `gazetag stats` and
//! `gazetag map`.
//!
//! The format is sniffed from the content, not the name: a first line
//! naming a `FeatureCollection` is GeoJSON, a first line that is a
//! `Feature` is GeoJSONL, any other JSON object is JSONL, anything else CSV
//! (with at least the `doc_id`, `entity_id`, `kind` and `name` columns).
//!
//! [`Tally`] is the counter itself; the GeoJSON writer uses it too, so a
//! map drawn from CSV and one drawn from GeoJSON agree.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;

use crate::entity::Kind;

/// Example document ids kept per entity: the first ones, in input order.
pub const MAX_EXAMPLES: usize = 5;

/// How often one entity was mentioned over a run.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityCount {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    /// Empty if none.
    pub country: String,
    /// Empty if none.
    pub admin1: String,
    /// `(lat, lon)`, WGS84.
    pub coord: Option<(f64, f64)>,
    pub mentions: u64,
    /// Documents with at least one mention.
    pub documents: u64,
    /// Up to [`MAX_EXAMPLES`] document ids, the first in input order.
    pub examples: Vec<String>,
}

impl EntityCount {
    /// A zero count for an entity.
    pub fn new(id: &str, kind: Kind, name: &str) -> EntityCount {
        EntityCount {
            id: id.to_string(),
            kind,
            name: name.to_string(),
            country: String::new(),
            admin1: String::new(),
            coord: None,
            mentions: 0,
            documents: 0,
            examples: vec![],
        }
    }
}

/// Counts mentions, documents and examples per entity, documents fed in
/// input order. Memory: one entry per distinct entity.
#[derive(Debug, Default)]
pub struct Tally {
    index: HashMap<String, usize>,
    entries: Vec<EntityCount>,
    /// The document number that last counted for each entry.
    last_doc: Vec<u64>,
    doc_no: u64,
    doc_id: String,
}

impl Tally {
    pub fn new() -> Tally {
        Tally::default()
    }

    /// Starts the next document; the mentions that follow belong to it.
    pub fn begin_document(&mut self, doc_id: &str) {
        self.doc_no += 1;
        self.doc_id.clear();
        self.doc_id.push_str(doc_id);
    }

    /// Documents begun so far.
    pub fn documents(&self) -> u64 {
        self.doc_no
    }

    /// Counts one mention of entity `id` in the current document; `make`
    /// describes the entity the first time it is seen.
    pub fn mention(&mut self, id: &str, make: impl FnOnce() -> EntityCount) {
        let i = match self.index.get(id) {
            Some(&i) => i,
            None => {
                let mut e = make();
                e.mentions = 0;
                e.documents = 0;
                e.examples.clear();
                self.entries.push(e);
                self.last_doc.push(0);
                self.index.insert(id.to_string(), self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        let e = &mut self.entries[i];
        e.mentions += 1;
        if self.last_doc[i] != self.doc_no {
            self.last_doc[i] = self.doc_no;
            e.documents += 1;
            if e.examples.len() < MAX_EXAMPLES {
                e.examples.push(self.doc_id.clone());
            }
        }
    }

    /// Adds counts that were already aggregated (read from GeoJSON).
    pub fn add(&mut self, c: EntityCount) {
        match self.index.get(&c.id) {
            Some(&i) => {
                let e = &mut self.entries[i];
                e.mentions += c.mentions;
                e.documents += c.documents;
                for x in c.examples {
                    if e.examples.len() < MAX_EXAMPLES {
                        e.examples.push(x);
                    }
                }
            }
            None => {
                self.index.insert(c.id.clone(), self.entries.len());
                self.entries.push(c);
                self.last_doc.push(0);
            }
        }
    }

    /// The counts, most mentioned first, ties by id: a deterministic order.
    pub fn sorted(&self) -> Vec<EntityCount> {
        let mut v = self.entries.clone();
        sort_counts(&mut v);
        v
    }
}

/// Sorts by mentions, descending, then by id.
pub fn sort_counts(v: &mut [EntityCount]) {
    v.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
}

/// Which gazetag output a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    Csv,
    Jsonl,
    Geojson,
    Geojsonl,
}

/// What a gazetag output says, per entity.
#[derive(Clone, Debug)]
pub struct Readback {
    pub kind: OutputKind,
    /// Most mentioned first, ties by id.
    pub entities: Vec<EntityCount>,
    /// Documents seen (for CSV, only those with a mention; for GeoJSON,
    /// unknown: 0).
    pub documents: u64,
    /// The gazetteer version, where the format records it (JSONL, GeoJSON).
    pub gazetteer: Option<String>,
}

/// A file that is not a readable gazetag output.
#[derive(Debug)]
pub struct ReadbackError {
    /// `FILE:LINE` or `FILE`.
    pub location: String,
    pub reason: String,
}

impl fmt::Display for ReadbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

impl std::error::Error for ReadbackError {}

/// Reads a gazetag output file (`-` for stdin).
///
/// # Errors
///
/// When the file cannot be read or a record is not what gazetag writes;
/// the error names the file and line.
pub fn read_path(path: &Path) -> Result<Readback, ReadbackError> {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        return read(&name, BufReader::new(io::stdin()));
    }
    let f = File::open(path).map_err(|e| ReadbackError {
        location: name.clone(),
        reason: format!("cannot read: {e}"),
    })?;
    read(&name, BufReader::with_capacity(1 << 16, f))
}

/// Reads a gazetag output from `rdr`; `name` is used in errors.
///
/// # Errors
///
/// As [`read_path`].
pub fn read(name: &str, mut rdr: impl BufRead) -> Result<Readback, ReadbackError> {
    let err = |line: u64, reason: String| ReadbackError {
        location: if line == 0 {
            name.to_string()
        } else {
            format!("{name}:{line}")
        },
        reason,
    };
    let io_err = |e: io::Error| err(0, format!("cannot read: {e}"));
    let head = rdr.fill_buf().map_err(io_err)?;
    let first = head.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if first != Some(b'{') {
        return read_csv(name, rdr);
    }
    let mut line = String::new();
    rdr.read_line(&mut line).map_err(io_err)?;
    if line.contains("\"FeatureCollection\"") {
        rdr.read_to_string(&mut line).map_err(io_err)?;
        let v: Value =
            serde_json::from_str(&line).map_err(|e| err(0, format!("invalid JSON: {e}")))?;
        let mut tally = Tally::new();
        let features = v
            .get("features")
            .and_then(Value::as_array)
            .ok_or_else(|| err(0, "no \"features\" array".into()))?;
        for (i, f) in features.iter().enumerate() {
            let c = feature(f).map_err(|r| err(0, format!("feature {}: {r}", i + 1)))?;
            tally.add(c);
        }
        return Ok(Readback {
            kind: OutputKind::Geojson,
            entities: tally.sorted(),
            documents: 0,
            gazetteer: v.get("gazetteer").and_then(Value::as_str).map(String::from),
        });
    }
    let mut tally = Tally::new();
    let mut gazetteer = None;
    let mut kind = None;
    let mut lineno = 0u64;
    loop {
        if lineno > 0 {
            line.clear();
            if rdr.read_line(&mut line).map_err(io_err)? == 0 {
                break;
            }
        }
        lineno += 1;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(&line).map_err(|e| err(lineno, format!("invalid JSON: {e}")))?;
        let is_feature = v.get("type").and_then(Value::as_str) == Some("Feature");
        let this = if is_feature {
            OutputKind::Geojsonl
        } else {
            OutputKind::Jsonl
        };
        if *kind.get_or_insert(this) != this {
            return Err(err(lineno, "JSONL and GeoJSONL lines mixed".into()));
        }
        if is_feature {
            if gazetteer.is_none() {
                gazetteer = v
                    .pointer("/properties/gazetteer")
                    .and_then(Value::as_str)
                    .map(String::from);
            }
            tally.add(feature(&v).map_err(|r| err(lineno, r))?);
        } else {
            if gazetteer.is_none() {
                gazetteer = v.get("gazetteer").and_then(Value::as_str).map(String::from);
            }
            jsonl_line(&mut tally, &v).map_err(|r| err(lineno, r))?;
        }
    }
    let documents = if kind == Some(OutputKind::Jsonl) {
        tally.documents()
    } else {
        0
    };
    Ok(Readback {
        kind: kind.unwrap_or(OutputKind::Jsonl),
        entities: tally.sorted(),
        documents,
        gazetteer,
    })
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| format!("unknown kind {s:?}"))
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn jsonl_line(tally: &mut Tally, v: &Value) -> Result<(), String> {
    let id = match v.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => return Err("no \"id\"".into()),
    };
    let mentions = v
        .get("mentions")
        .and_then(Value::as_array)
        .ok_or("no \"mentions\" array")?;
    tally.begin_document(&id);
    for m in mentions {
        let eid = m
            .get("entity_id")
            .and_then(Value::as_str)
            .ok_or("a mention without \"entity_id\"")?;
        let kind = parse_kind(str_of(m, "kind"))?;
        let coord = match (
            m.get("lat").and_then(Value::as_f64),
            m.get("lon").and_then(Value::as_f64),
        ) {
            (Some(lat), Some(lon)) => Some((lat, lon)),
            _ => None,
        };
        tally.mention(eid, || EntityCount {
            country: str_of(m, "country").to_string(),
            admin1: str_of(m, "admin1").to_string(),
            coord,
            ..EntityCount::new(eid, kind, str_of(m, "name"))
        });
    }
    Ok(())
}

fn feature(f: &Value) -> Result<EntityCount, String> {
    let p = f.get("properties").ok_or("no \"properties\"")?;
    let id = p
        .get("id")
        .and_then(Value::as_str)
        .ok_or("no \"id\" property")?;
    let kind = parse_kind(str_of(p, "kind"))?;
    let coord = f
        .pointer("/geometry/coordinates")
        .and_then(Value::as_array)
        .and_then(|c| Some((c.get(1)?.as_f64()?, c.first()?.as_f64()?)));
    Ok(EntityCount {
        country: str_of(p, "country").to_string(),
        admin1: str_of(p, "admin1").to_string(),
        coord,
        mentions: p.get("mentions").and_then(Value::as_u64).unwrap_or(0),
        documents: p.get("documents").and_then(Value::as_u64).unwrap_or(0),
        examples: p
            .get("examples")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default(),
        ..EntityCount::new(id, kind, str_of(p, "name"))
    })
}

fn read_csv(name: &str, rdr: impl Read) -> Result<Readback, ReadbackError> {
    let err = |line: u64, reason: String| ReadbackError {
        location: format!("{name}:{line}"),
        reason,
    };
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(rdr);
    let headers = rdr
        .headers()
        .map_err(|e| err(1, format!("cannot read the CSV header: {e}")))?
        .clone();
    let col = |c: &str| headers.iter().position(|h| h == c);
    let need = |c: &str| {
        col(c).ok_or_else(|| {
            err(
                1,
                format!(
                    "no column {c:?}: not a gazetag CSV (expected doc_id, entity_id, kind, name)"
                ),
            )
        })
    };
    let (doc, eid, kind, nm) = (
        need("doc_id")?,
        need("entity_id")?,
        need("kind")?,
        need("name")?,
    );
    let (country, admin1, lat, lon) = (col("country"), col("admin1"), col("lat"), col("lon"));
    let mut tally = Tally::new();
    let mut rec = csv::StringRecord::new();
    let mut current: Option<String> = None;
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(err(line, format!("malformed CSV record: {e}")));
            }
        }
        let line = rec.position().map_or(0, |p| p.line());
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("");
        // A document's rows are contiguous, so a change of doc_id starts
        // the next document.
        let d = get(Some(doc));
        if current.as_deref() != Some(d) {
            tally.begin_document(d);
            current = Some(d.to_string());
        }
        let k = parse_kind(get(Some(kind))).map_err(|r| err(line, r))?;
        let coord = match (get(lat).parse::<f64>(), get(lon).parse::<f64>()) {
            (Ok(a), Ok(b)) => Some((a, b)),
            _ => None,
        };
        let id = get(Some(eid));
        tally.mention(id, || EntityCount {
            country: get(country).to_string(),
            admin1: get(admin1).to_string(),
            coord,
            ..EntityCount::new(id, k, get(Some(nm)))
        });
    }
    Ok(Readback {
        kind: OutputKind::Csv,
        documents: tally.documents(),
        entities: tally.sorted(),
        gazetteer: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(rb: &Readback) -> Vec<(String, u64, u64, Vec<String>)> {
        rb.entities
            .iter()
            .map(|e| (e.id.clone(), e.mentions, e.documents, e.examples.clone()))
            .collect()
    }

    #[test]
    fn every_output_is_sniffed_and_counted_alike() {
        let csv = "doc_id,entity_id,kind,name,lat,lon\n\
                   a,gn:1,city,X,1.5,2.5\na,gn:1,city,X,1.5,2.5\nb,gn:1,city,X,1.5,2.5\nb,iso:Y,country,Y,,\n";
        let jsonl = "{\"id\":\"a\",\"mentions\":[{\"entity_id\":\"gn:1\",\"kind\":\"city\",\"name\":\"X\",\"lat\":1.5,\"lon\":2.5},{\"entity_id\":\"gn:1\",\"kind\":\"city\",\"name\":\"X\"}],\"gazetteer\":\"v1\"}\n\
                     {\"id\":\"z\",\"mentions\":[]}\n\
                     {\"id\":\"b\",\"mentions\":[{\"entity_id\":\"gn:1\",\"kind\":\"city\",\"name\":\"X\"},{\"entity_id\":\"iso:Y\",\"kind\":\"country\",\"name\":\"Y\"}]}\n";
        let geojsonl = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[2.5,1.5]},\"properties\":{\"id\":\"gn:1\",\"kind\":\"city\",\"name\":\"X\",\"mentions\":3,\"documents\":2,\"examples\":[\"a\",\"b\"]}}\n\
                        {\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"id\":\"iso:Y\",\"kind\":\"country\",\"name\":\"Y\",\"mentions\":1,\"documents\":1,\"examples\":[\"b\"]}}\n";
        let want = vec![
            (
                "gn:1".to_string(),
                3,
                2,
                vec!["a".to_string(), "b".to_string()],
            ),
            ("iso:Y".to_string(), 1, 1, vec!["b".to_string()]),
        ];
        let rb = read("x.csv", csv.as_bytes()).unwrap();
        assert_eq!((rb.kind, rb.documents), (OutputKind::Csv, 2));
        assert_eq!(counts(&rb), want);
        assert_eq!(rb.entities[0].coord, Some((1.5, 2.5)));
        let rb = read("x.jsonl", jsonl.as_bytes()).unwrap();
        assert_eq!((rb.kind, rb.documents), (OutputKind::Jsonl, 3));
        assert_eq!(rb.gazetteer.as_deref(), Some("v1"));
        assert_eq!(counts(&rb), want);
        let rb = read("x.geojsonl", geojsonl.as_bytes()).unwrap();
        assert_eq!(rb.kind, OutputKind::Geojsonl);
        assert_eq!(counts(&rb), want);
        assert_eq!(rb.entities[0].coord, Some((1.5, 2.5)));
    }

    #[test]
    fn errors_name_the_line() {
        let e = read("x.jsonl", "{\"id\":1,\"mentions\":[]}\n{oops\n".as_bytes()).unwrap_err();
        assert!(e.to_string().starts_with("x.jsonl:2: invalid JSON"), "{e}");
        let e = read(
            "x.csv",
            "doc_id,entity_id,kind,name\na,b,planet,c\n".as_bytes(),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "x.csv:2: unknown kind \"planet\"");
    }
}
