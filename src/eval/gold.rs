//! Gold corpora: one JSON object a line,
//! `{"id", "text", "entities": [{"start", "end", "text", "kind", "lat", "lon"}]}`.
//!
//! Offsets count Unicode scalar values (Python `str` indices) and are
//! end-exclusive; `kind` is `place`, `person`, `org` or `misc` (other values
//! are kept and simply never match a prediction). `lat`/`lon` are read the
//! way the reference scorer's `num()` reads them: a finite number, or a
//! string that parses as one; anything else (absent, `null`, `"NaN"`) means
//! "no coordinates". Blank lines are ignored; a malformed line is an error
//! naming `FILE:LINE`, and so is an id seen twice (the scorer keys documents
//! by id, so a repeated id would silently merge two documents).

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// One gold document.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldDoc {
    /// The id as the scorer prints it (`str(id)`: strings as they are,
    /// numbers in JSON notation).
    pub id: String,
    pub text: String,
    pub entities: Vec<GoldEntity>,
}

/// One gold annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldEntity {
    /// Start, in Unicode scalar values.
    pub start: usize,
    /// End (exclusive), in Unicode scalar values.
    pub end: usize,
    pub text: String,
    /// `place`, `person`, `org`, `misc` (compared as written).
    pub kind: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl GoldEntity {
    /// Both coordinates, when the annotation has them.
    pub fn coord(&self) -> Option<(f64, f64)> {
        Some((self.lat?, self.lon?))
    }
}

/// Why a gold corpus could not be read.
#[derive(Debug)]
pub enum GoldError {
    /// The file could not be opened or read.
    Io { path: PathBuf, err: io::Error },
    /// A line is not a valid gold record.
    Line {
        source: String,
        line: u64,
        message: String,
    },
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GoldError::Io { path, err } => {
                write!(f, "cannot read gold corpus {}: {}", path.display(), err)
            }
            GoldError::Line {
                source,
                line,
                message,
            } => write!(f, "{source}:{line}: {message}"),
        }
    }
}

impl std::error::Error for GoldError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GoldError::Io { err, .. } => Some(err),
            GoldError::Line { .. } => None,
        }
    }
}

/// Loads a gold corpus from a file, documents in file order.
///
/// # Errors
///
/// The file cannot be read, or a line is malformed (the error names
/// `FILE:LINE`).
pub fn load_gold(path: &Path) -> Result<Vec<GoldDoc>, GoldError> {
    let io_err = |err| GoldError::Io {
        path: path.to_path_buf(),
        err,
    };
    let file = File::open(path).map_err(io_err)?;
    read_gold(&path.display().to_string(), BufReader::new(file)).map_err(|e| match e {
        GoldError::Io { err, .. } => io_err(err),
        other => other,
    })
}

/// Reads a gold corpus from `rdr`; `source` names it in errors.
///
/// # Errors
///
/// As [`load_gold`].
pub fn read_gold<R: BufRead>(source: &str, rdr: R) -> Result<Vec<GoldDoc>, GoldError> {
    let mut docs = vec![];
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (i, line) in rdr.lines().enumerate() {
        let lineno = i as u64 + 1;
        let line = line.map_err(|err| GoldError::Io {
            path: PathBuf::from(source),
            err,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let doc = parse_line(&line).map_err(|message| GoldError::Line {
            source: source.to_string(),
            line: lineno,
            message,
        })?;
        if let Some(first) = seen.insert(doc.id.clone(), lineno) {
            return Err(GoldError::Line {
                source: source.to_string(),
                line: lineno,
                message: format!("duplicate id {:?} (first on line {first})", doc.id),
            });
        }
        docs.push(doc);
    }
    Ok(docs)
}

fn parse_line(line: &str) -> Result<GoldDoc, String> {
    let obj: Map<String, Value> = match serde_json::from_str(line) {
        Ok(Value::Object(o)) => o,
        Ok(_) => return Err("not a JSON object".into()),
        Err(e) => return Err(format!("invalid JSON: {e}")),
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(v @ Value::Number(_)) => v.to_string(),
        Some(_) => return Err("field \"id\" is not a string or number".into()),
        None => return Err("no field \"id\"".into()),
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("field \"text\" is not a string".into()),
        None => return Err("no field \"text\"".into()),
    };
    let entities = match obj.get("entities") {
        Some(Value::Array(a)) => a,
        Some(_) => return Err("field \"entities\" is not an array".into()),
        None => return Err("no field \"entities\"".into()),
    };
    let entities = entities
        .iter()
        .enumerate()
        .map(|(i, v)| parse_entity(v).map_err(|m| format!("entities[{i}]: {m}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(GoldDoc { id, text, entities })
}

fn parse_entity(v: &Value) -> Result<GoldEntity, String> {
    let Value::Object(o) = v else {
        return Err("not a JSON object".into());
    };
    let offset = |key: &str| match o.get(key) {
        Some(Value::Number(n)) => n
            .as_u64()
            .map(|n| n as usize)
            .ok_or_else(|| format!("field {key:?} is not a non-negative integer")),
        Some(_) => Err(format!("field {key:?} is not a non-negative integer")),
        None => Err(format!("no field {key:?}")),
    };
    let string = |key: &str| match o.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(format!("field {key:?} is not a string")),
        None => Err(format!("no field {key:?}")),
    };
    let start = offset("start")?;
    let end = offset("end")?;
    if end < start {
        return Err(format!("end {end} before start {start}"));
    }
    Ok(GoldEntity {
        start,
        end,
        text: string("text")?,
        kind: string("kind")?,
        lat: o.get("lat").and_then(number),
        lon: o.get("lon").and_then(number),
    })
}

/// A coordinate as the reference scorer reads it: finite numbers and
/// numeric strings count; anything else is missing.
pub(crate) fn number(v: &Value) -> Option<f64> {
    let x = match v {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        Value::Bool(b) => f64::from(u8::from(*b)),
        _ => return None,
    };
    x.is_finite().then_some(x)
}
