//! Loading, validating and merging gazetteer CSV files.
//!
//! # Format
//!
//! UTF-8 CSV with a header row; columns are found by header name, so a file
//! may carry only some of them, in any order. One file per kind is the
//! convention (`countries.csv`, `regions.csv`, `cities.csv`, `people.csv`,
//! `agencies.csv`) but any file may hold any kind.
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `id` | yes | unique, stable, namespaced: `gn:170063`, `iso:SY`, `cur:eastern-ghouta` |
//! | `kind` | yes | `person`, `country`, `region`, `city` or `agency` |
//! | `name` | yes | preferred name as English news writes it |
//! | `lat`, `lon` | places | WGS84 decimal degrees; required for country, region, city |
//! | `aliases` | no | `\|`-separated other names; matched like the name |
//! | `weak_aliases` | no | `\|`-separated acronyms and codes (NATO, U.S.); matched only exactly as written |
//! | `demonyms` | no | `\|`-separated (Syrian\|Syrians); a mention of the entity with `match` = demonym |
//! | `country` | no | ISO 3166-1 alpha-2, or a user-assigned code such as `XK` |
//! | `admin1` | no | GeoNames first-level code, `SY.09` |
//! | `population` | no | non-negative integer |
//! | `feature_code` | no | GeoNames feature code: PCLI, ADM1, PPLC, PPLA, PPL... |
//! | `geonames_id` | no | integer |
//! | `wikidata_id` | no | `Q` and digits |
//! | `subtype`, `role` | no | free text (`news_agency`, `head_of_state`) |
//! | `valid_from`, `valid_to` | no | ISO dates, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` |
//! | `flags` | no | `\|`-separated, e.g. `common_word`, `given_name` |
//! | `source` | no | provenance of the row |
//!
//! An unknown column is a warning ([`Gazetteer::warnings`]), not an error.
//! Bare surnames are never aliases: within-document coreference derives them.
//!
//! # Validation
//!
//! Every row is checked and every problem reported as `file:line: column
//! col: problem` ([`RowError`]): malformed CSV (wrong field count, bad
//! quoting, invalid UTF-8), unknown kind, empty id or name, a name with no
//! letter or digit, a duplicate id, lat/lon missing for a place, not a
//! number or out of range, a bad population, geonames id, wikidata id,
//! country code or date.
//!
//! # Merging
//!
//! All files loaded into one [`Gazetteer`] with [`Gazetteer::load_path`] or
//! [`Gazetteer::load_reader`] share one id space: a repeated id is an error.
//! [`Gazetteer::merge`] lays another gazetteer on top (a user's file over
//! the default): its rows replace rows with the same id and add the rest.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::Path;

use crate::entity::{Entity, EntityId, Kind};
use crate::error::{GazetteerError, RowError};
use crate::normalize::normalize_str;
use rustc_hash::FxHashMap;

mod facts;
pub use facts::{Code, Facts, Feature};

/// The columns of the format, in the order writers use.
pub const COLUMNS: [&str; 20] = [
    "id",
    "kind",
    "name",
    "aliases",
    "weak_aliases",
    "demonyms",
    "country",
    "admin1",
    "lat",
    "lon",
    "population",
    "feature_code",
    "geonames_id",
    "wikidata_id",
    "subtype",
    "role",
    "valid_from",
    "valid_to",
    "flags",
    "source",
];

/// The default gazetteer files, embedded in the library at compile time.
const DEFAULT_FILES: [(&str, &str); 5] = [
    (
        "countries.csv",
        include_str!("../../gazetteers/countries.csv"),
    ),
    ("regions.csv", include_str!("../../gazetteers/regions.csv")),
    ("cities.csv", include_str!("../../gazetteers/cities.csv")),
    ("people.csv", include_str!("../../gazetteers/people.csv")),
    (
        "agencies.csv",
        include_str!("../../gazetteers/agencies.csv"),
    ),
];

/// A validated set of entities.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    /// `facts[i]` mirrors `entities[i]` (kept in step by `insert`).
    facts: Vec<Facts>,
    codes: facts::Codes,
    index: FxHashMap<String, EntityId>,
    /// ISO code → the country entity; first-level code → the ADM1 region.
    countries: FxHashMap<String, EntityId>,
    admin1s: FxHashMap<String, EntityId>,
    warnings: Vec<String>,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// The default gazetteer embedded in the binary (`gazetteers/*.csv`).
    ///
    /// # Errors
    ///
    /// Only if the embedded files are invalid, which a test rules out.
    pub fn embedded() -> Result<Gazetteer, GazetteerError> {
        let mut gaz = Gazetteer::new();
        for (name, text) in DEFAULT_FILES {
            gaz.load_reader(name, text.as_bytes())?;
        }
        Ok(gaz)
    }

    /// Loads every path: a file, or a directory whose `*.csv` files (not
    /// recursing, sorted by name) are loaded.
    pub fn from_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Gazetteer, GazetteerError> {
        let mut gaz = Gazetteer::new();
        for p in paths {
            gaz.load_path(p.as_ref())?;
        }
        Ok(gaz)
    }

    /// Loads a file, or the `*.csv` files of a directory in name order.
    ///
    /// # Errors
    ///
    /// I/O errors, a directory without CSV files, and every invalid row.
    pub fn load_path(&mut self, path: &Path) -> Result<(), GazetteerError> {
        let io = |err| GazetteerError::Io {
            path: path.to_path_buf(),
            err,
        };
        let meta = fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            let mut files = vec![];
            for entry in fs::read_dir(path).map_err(io)? {
                let p = entry.map_err(io)?.path();
                if p.is_file() && p.extension().is_some_and(|e| e == "csv") {
                    files.push(p);
                }
            }
            files.sort();
            if files.is_empty() {
                return Err(GazetteerError::Empty {
                    path: path.to_path_buf(),
                });
            }
            for f in files {
                self.load_path(&f)?;
            }
            return Ok(());
        }
        let file = fs::File::open(path).map_err(io)?;
        self.load_reader(&path.display().to_string(), file)
    }

    /// Loads CSV rows from a reader; `source` names it in messages.
    ///
    /// Nothing is added unless every row is valid.
    pub fn load_reader<R: Read>(&mut self, source: &str, rdr: R) -> Result<(), GazetteerError> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(rdr);
        let mut errors = vec![];
        let mut total = 0usize;
        let mut push_err = |e: RowError, errors: &mut Vec<RowError>| {
            total += 1;
            if errors.len() < GazetteerError::MAX_ROW_ERRORS {
                errors.push(e);
            }
        };
        let headers = match rdr.headers() {
            Ok(h) => h.clone(),
            Err(err) => {
                push_err(csv_error(source, &err), &mut errors);
                return Err(GazetteerError::Rows { errors, total: 1 });
            }
        };
        let cols = match Columns::from_headers(source, &headers, &mut self.warnings) {
            Ok(c) => c,
            Err(e) => {
                return Err(GazetteerError::Rows {
                    errors: vec![e],
                    total: 1,
                })
            }
        };
        let mut new: Vec<Entity> = vec![];
        let mut new_ids: HashMap<String, u64> = HashMap::new();
        let mut record = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(err) => {
                    push_err(csv_error(source, &err), &mut errors);
                    // A UTF-8 or field-count error leaves the reader usable;
                    // keep going to report the rest of the file.
                    if err.is_io_error() {
                        break;
                    }
                    continue;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            match cols.parse(source, line, &record) {
                Ok(entity) => {
                    if let Some(first) = new_ids.get(&entity.id) {
                        push_err(
                            RowError {
                                source: source.to_string(),
                                line,
                                column: Some("id".into()),
                                message: format!(
                                    "duplicate id {:?} (first on line {first})",
                                    entity.id
                                ),
                            },
                            &mut errors,
                        );
                    } else if self.index.contains_key(&entity.id) {
                        push_err(
                            RowError {
                                source: source.to_string(),
                                line,
                                column: Some("id".into()),
                                message: format!(
                                    "duplicate id {:?} (already loaded from another file)",
                                    entity.id
                                ),
                            },
                            &mut errors,
                        );
                    } else {
                        new_ids.insert(entity.id.clone(), line);
                        new.push(entity);
                    }
                }
                Err(row_errors) => {
                    for e in row_errors {
                        push_err(e, &mut errors);
                    }
                }
            }
        }
        if total > 0 {
            return Err(GazetteerError::Rows { errors, total });
        }
        for e in new {
            self.insert(e);
        }
        Ok(())
    }

    fn insert(&mut self, entity: Entity) {
        let id = match self.index.get(&entity.id) {
            Some(&id) => id,
            None => {
                let id = EntityId(self.entities.len() as u32);
                self.index.insert(entity.id.clone(), id);
                id
            }
        };
        if entity.kind == Kind::Country && !entity.country.is_empty() {
            self.countries.entry(entity.country.clone()).or_insert(id);
        }
        if entity.kind == Kind::Region && entity.feature_code == "ADM1" && !entity.admin1.is_empty()
        {
            self.admin1s.entry(entity.admin1.clone()).or_insert(id);
        }
        // A new entity is pushed, not cloned then overwritten: loading a
        // compiled gazetteer of 200k entities goes through here.
        let facts = self.codes.facts(&entity);
        if id.index() == self.entities.len() {
            self.entities.push(entity);
            self.facts.push(facts);
        } else {
            self.entities[id.index()] = entity;
            self.facts[id.index()] = facts;
        }
    }

    /// The country entity with ISO code `code`, if loaded.
    pub fn country_entity(&self, code: &str) -> Option<EntityId> {
        self.countries.get(code).copied()
    }

    /// The first-level division with GeoNames code `code` (`SY.09`), if loaded.
    pub fn admin1_entity(&self, code: &str) -> Option<EntityId> {
        self.admin1s.get(code).copied()
    }

    /// Lays `other` on top: its rows replace rows with the same id, the rest
    /// are added after the existing ones.
    pub fn merge(&mut self, other: Gazetteer) {
        self.warnings.extend(other.warnings);
        for e in other.entities {
            self.insert(e);
        }
    }

    /// Makes room for `additional` more entities (loading a compiled
    /// gazetteer: no rehashing of the id index as it grows).
    pub fn reserve(&mut self, additional: usize) {
        self.entities.reserve(additional);
        self.facts.reserve(additional);
        self.index.reserve(additional);
    }

    /// Adds one entity built in code (replacing one with the same id).
    pub fn push(&mut self, entity: Entity) {
        self.insert(entity);
    }

    /// Every entity, in load order; `EntityId(i)` is `entities()[i]`.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity behind an id issued by this gazetteer.
    ///
    /// # Panics
    ///
    /// If `id` was issued by another gazetteer and is out of range.
    pub fn get(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }

    /// The compact record of the entity behind `id`: what the resolution
    /// rules read for every candidate, without touching the [`Entity`].
    ///
    /// # Panics
    ///
    /// As [`Gazetteer::get`].
    #[inline]
    pub fn facts(&self, id: EntityId) -> &Facts {
        &self.facts[id.index()]
    }

    /// Looks an entity up by its stable id (`iso:SY`).
    pub fn find(&self, id: &str) -> Option<EntityId> {
        self.index.get(id).copied()
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Warnings gathered while loading (unknown columns).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// A content hash of the loaded rows, independent of file and row order:
    /// 16 hex digits of FNV-1a 64 over the rows sorted by id.
    pub fn version(&self) -> String {
        let mut rows: Vec<&Entity> = self.entities.iter().collect();
        rows.sort_by(|a, b| a.id.cmp(&b.id));
        let mut h = Fnv64::new();
        for e in rows {
            for field in to_record(e) {
                h.write(field.as_bytes());
                h.write(&[0x1f]);
            }
            h.write(&[0x1e]);
        }
        format!("{:016x}", h.finish())
    }
}

/// The row of `e` in [`COLUMNS`] order, as a writer puts it in a file.
pub fn to_record(e: &Entity) -> [String; 20] {
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let coord = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
    [
        e.id.clone(),
        e.kind.as_str().to_string(),
        e.name.clone(),
        e.aliases.join("|"),
        e.weak_aliases.join("|"),
        e.demonyms.join("|"),
        e.country.clone(),
        e.admin1.clone(),
        coord(e.lat()),
        coord(e.lon()),
        opt(e.population),
        e.feature_code.clone(),
        opt(e.geonames_id),
        e.wikidata_id.clone(),
        e.subtype.clone(),
        e.role.clone(),
        e.valid_from.clone(),
        e.valid_to.clone(),
        e.flags.join("|"),
        e.source.clone(),
    ]
}

fn csv_error(source: &str, err: &csv::Error) -> RowError {
    let line = err.position().map_or(0, |p| p.line());
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("malformed row: {len} fields, the header has {expected_len}"),
        csv::ErrorKind::Utf8 { err, .. } => {
            format!("invalid UTF-8 in field {}", err.field() + 1)
        }
        _ => format!("malformed CSV: {err}"),
    };
    RowError {
        source: source.to_string(),
        line,
        column: None,
        message,
    }
}

/// Column positions found from a header.
struct Columns {
    pos: [Option<usize>; 20],
}

impl Columns {
    fn from_headers(
        source: &str,
        headers: &csv::StringRecord,
        warnings: &mut Vec<String>,
    ) -> Result<Columns, RowError> {
        let mut pos = [None; 20];
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim().trim_start_matches('\u{feff}');
            match COLUMNS.iter().position(|c| *c == h) {
                Some(c) if pos[c].is_none() => pos[c] = Some(i),
                Some(_) => {
                    return Err(RowError {
                        source: source.to_string(),
                        line: 1,
                        column: Some(h.to_string()),
                        message: "column appears twice in the header".into(),
                    })
                }
                None => warnings.push(format!("{source}:1: unknown column {h:?} ignored")),
            }
        }
        for req in ["id", "kind", "name"] {
            let c = COLUMNS.iter().position(|c| *c == req).unwrap_or(0);
            if pos[c].is_none() {
                return Err(RowError {
                    source: source.to_string(),
                    line: 1,
                    column: Some(req.to_string()),
                    message: "required column missing from the header".into(),
                });
            }
        }
        Ok(Columns { pos })
    }

    fn get<'r>(&self, rec: &'r csv::StringRecord, col: usize) -> &'r str {
        self.pos[col].and_then(|i| rec.get(i)).unwrap_or("").trim()
    }

    fn parse(
        &self,
        source: &str,
        line: u64,
        rec: &csv::StringRecord,
    ) -> Result<Entity, Vec<RowError>> {
        let mut errors = vec![];
        let mut err = |col: &str, message: String| {
            errors.push(RowError {
                source: source.to_string(),
                line,
                column: Some(col.to_string()),
                message,
            })
        };
        let f = |name: &str| {
            let c = COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
            self.get(rec, c)
        };
        let id = f("id");
        if id.is_empty() {
            err("id", "empty id".into());
        }
        let kind_s = f("kind");
        let kind = Kind::parse(kind_s);
        if kind.is_none() {
            err(
                "kind",
                format!(
                    "unknown kind {kind_s:?} (expected person, country, region, city or agency)"
                ),
            );
        }
        let name = f("name");
        if name.is_empty() {
            err("name", "empty name".into());
        } else if !normalize_str(name).chars().any(char::is_alphanumeric) {
            err("name", format!("name {name:?} has no letter or digit"));
        }
        let mut parse_coord = |col: &str, max: f64| -> Option<f64> {
            let s = f(col);
            if s.is_empty() {
                return None;
            }
            match s.parse::<f64>() {
                Ok(v) if v.is_finite() && (-max..=max).contains(&v) => Some(v),
                Ok(_) => {
                    err(col, format!("{s} out of range [-{max}, {max}]"));
                    None
                }
                Err(_) => {
                    err(col, format!("{s:?} is not a number"));
                    None
                }
            }
        };
        let lat = parse_coord("lat", 90.0);
        let lon = parse_coord("lon", 180.0);
        let coord = match (lat, lon) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        if kind.is_some_and(Kind::is_place) {
            for (col, v) in [("lat", lat), ("lon", lon)] {
                if v.is_none() && f(col).is_empty() {
                    err(col, format!("missing: required for a {kind_s}"));
                }
            }
        } else if f("lat").is_empty() != f("lon").is_empty() {
            let col = if f("lat").is_empty() { "lat" } else { "lon" };
            err(col, "missing: lat and lon go together".into());
        }
        let mut parse_u64 = |col: &str| -> Option<u64> {
            let s = f(col);
            if s.is_empty() {
                return None;
            }
            match s.parse::<u64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    err(col, format!("{s:?} is not a non-negative integer"));
                    None
                }
            }
        };
        let population = parse_u64("population");
        let geonames_id = parse_u64("geonames_id");
        let wikidata_id = f("wikidata_id");
        let wikidata_ok = wikidata_id.is_empty()
            || (wikidata_id.len() > 1
                && wikidata_id.starts_with('Q')
                && wikidata_id[1..].bytes().all(|b| b.is_ascii_digit()));
        if !wikidata_ok {
            err(
                "wikidata_id",
                format!("{wikidata_id:?} is not a Wikidata id (Q and digits)"),
            );
        }
        let country = f("country");
        let country_ok = country.is_empty()
            || (country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()));
        if !country_ok {
            err(
                "country",
                format!("{country:?} is not an ISO 3166-1 alpha-2 code"),
            );
        }
        for col in ["valid_from", "valid_to"] {
            let s = f(col);
            if !s.is_empty() && !is_iso_date(s) {
                err(
                    col,
                    format!("{s:?} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"),
                );
            }
        }
        let list = |col: &str| -> Vec<String> {
            let mut out: Vec<String> = vec![];
            // A set, not a scan of `out`: a row with 100,000 aliases took
            // 20 s to load with the quadratic scan.
            let mut seen: HashSet<&str> = HashSet::new();
            for item in f(col).split('|') {
                let item = item.trim();
                if !item.is_empty() && item != name && seen.insert(item) {
                    out.push(item.to_string());
                }
            }
            out
        };
        let aliases = list("aliases");
        let weak_aliases = list("weak_aliases");
        let demonyms = list("demonyms");
        for (col, items) in [
            ("aliases", &aliases),
            ("weak_aliases", &weak_aliases),
            ("demonyms", &demonyms),
        ] {
            for a in items {
                if !normalize_str(a).chars().any(char::is_alphanumeric) {
                    err(col, format!("{a:?} has no letter or digit"));
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut e = Entity::new(id, kind.unwrap_or(Kind::City), name);
        e.aliases = aliases;
        e.weak_aliases = weak_aliases;
        e.demonyms = demonyms;
        e.country = country.to_string();
        e.admin1 = f("admin1").to_string();
        e.coord = coord;
        e.population = population;
        e.feature_code = f("feature_code").to_string();
        e.geonames_id = geonames_id;
        e.wikidata_id = wikidata_id.to_string();
        e.subtype = f("subtype").to_string();
        e.role = f("role").to_string();
        e.valid_from = f("valid_from").to_string();
        e.valid_to = f("valid_to").to_string();
        e.flags = f("flags")
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        e.source = f("source").to_string();
        Ok(e)
    }
}

fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            num(y, 4)
                && num(m, 2)
                && num(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}

/// FNV-1a, 64 bits: tiny, stable across Rust versions (unlike std's
/// `DefaultHasher`), good enough to tell two gazetteers apart.
struct Fnv64(u64);

impl Fnv64 {
    fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests;
