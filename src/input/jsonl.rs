//! JSONL: one JSON object per line.
//!
//! A blank line, a line that is not a JSON object, or an object without a
//! string text field is skipped with its `FILE:LINE`. A missing id becomes
//! `FILE:LINE`; a numeric id is written as the number. `--keep` fields are
//! copied: strings as they are, other values as compact JSON, absent ones
//! empty (and kept as JSON values too, for JSON outputs).
//!
//! A line is read in one pass that keeps only the fields asked for
//! ([`Record`]): the text is decoded straight into the document's string,
//! other fields are checked and dropped without building a map of values.
//! Anything that pass does not take (a line that is not an object, invalid
//! JSON) is parsed again as a [`Value`], which words the error exactly as
//! before: the fast pass never decides what is skipped or why.

use std::borrow::Cow;
use std::fmt;
use std::io::BufRead;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::{lossy_warning, Document, Fields, Item, Problem, MAX_TEXT_BYTES};

pub(super) fn read(
    name: &str,
    mut rdr: Box<dyn BufRead + Send>,
    fields: &Fields,
    emit: &mut dyn FnMut(Item) -> bool,
) -> bool {
    let mut buf = Vec::with_capacity(1 << 12);
    let mut lineno = 0u64;
    loop {
        buf.clear();
        match rdr.read_until(b'\n', &mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(err) => {
                return emit(Item::Skipped(Problem {
                    location: format!("{name}:{}", lineno + 1),
                    id: None,
                    reason: format!("read error, rest of file skipped: {err}"),
                }));
            }
        }
        lineno += 1;
        let location = format!("{name}:{lineno}");
        let mut item_line = &buf[..];
        while let [rest @ .., b'\n' | b'\r'] = item_line {
            item_line = rest;
        }
        let (line, lossy) = match std::str::from_utf8(item_line) {
            Ok(s) => (std::borrow::Cow::Borrowed(s), false),
            Err(_) => (String::from_utf8_lossy(item_line), true),
        };
        for item in parse_line(&location, &line, lossy, fields) {
            if !emit(item) {
                return false;
            }
        }
    }
}

/// Turns one line into the items it yields (a warning and a document, a
/// document, or a skip).
pub fn parse_line(location: &str, line: &str, lossy: bool, fields: &Fields) -> Vec<Item> {
    let skip = |id: Option<String>, reason: String| {
        vec![Item::Skipped(Problem {
            location: location.to_string(),
            id,
            reason,
        })]
    };
    if line.trim().is_empty() {
        return skip(None, "blank line".into());
    }
    if line.len() > MAX_TEXT_BYTES {
        return skip(None, "line of 4 GiB or more".into());
    }
    if let Some(items) = parse_fast(location, line, lossy, fields) {
        return items;
    }
    parse_value(location, line, lossy, fields)
}

/// The one-pass read of an object line ([`Record`]); `None` for anything
/// else, which [`parse_value`] then words.
pub(super) fn parse_fast(
    location: &str,
    line: &str,
    lossy: bool,
    fields: &Fields,
) -> Option<Vec<Item>> {
    let mut de = serde_json::Deserializer::from_str(line);
    let record = RecordSeed(fields).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(record.into_items(location, lossy, fields))
}

/// [`parse_line`] through a whole [`Value`]: the reference the fast path
/// must agree with, and the path that reports broken lines.
pub(super) fn parse_value(location: &str, line: &str, lossy: bool, fields: &Fields) -> Vec<Item> {
    let skip = |id: Option<String>, reason: String| {
        vec![Item::Skipped(Problem {
            location: location.to_string(),
            id,
            reason,
        })]
    };
    let obj: Map<String, Value> = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(o)) => o,
        Ok(_) => return skip(None, "not a JSON object".into()),
        Err(err) => return skip(None, format!("invalid JSON: {err}")),
    };
    let id = match obj.get(&fields.id) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Null) | None => None,
        Some(v) => Some(v.to_string()),
    };
    let text = match obj.get(&fields.text) {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return skip(id, format!("field {:?} is not a string", fields.text)),
        None => return skip(id, format!("no field {:?}", fields.text)),
    };
    let id = id.unwrap_or_else(|| location.to_string());
    let keep = fields
        .keep
        .iter()
        .map(|k| match obj.get(k) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
        })
        .collect();
    let keep_json = fields
        .keep
        .iter()
        .map(|k| obj.get(k).cloned().unwrap_or(Value::Null))
        .collect();
    let mut out = vec![];
    if lossy {
        out.push(Item::Warning(lossy_warning(location, &id)));
    }
    out.push(Item::Doc(Document {
        id,
        text,
        keep,
        keep_json,
        origin: location.to_string(),
    }));
    out
}

/// The fields of one JSONL object that a document needs, read in one pass
/// (last occurrence wins, as in a [`Map`]).
struct Record {
    /// `None`: absent or `null`.
    id: Option<String>,
    /// `None`: absent; `Some(None)`: present, not a string.
    text: Option<Option<String>>,
    /// One per `Fields::keep` entry (`Null` if absent).
    keep: Vec<Value>,
}

impl Record {
    /// What [`parse_line`]'s object path yields for the same object.
    fn into_items(self, location: &str, lossy: bool, fields: &Fields) -> Vec<Item> {
        let id = self.id;
        let text = match self.text {
            Some(Some(t)) => t,
            Some(None) => {
                return vec![Item::Skipped(Problem {
                    location: location.to_string(),
                    id,
                    reason: format!("field {:?} is not a string", fields.text),
                })]
            }
            None => {
                return vec![Item::Skipped(Problem {
                    location: location.to_string(),
                    id,
                    reason: format!("no field {:?}", fields.text),
                })]
            }
        };
        let id = id.unwrap_or_else(|| location.to_string());
        let keep = self
            .keep
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                v => v.to_string(),
            })
            .collect();
        let mut out = Vec::with_capacity(1 + usize::from(lossy));
        if lossy {
            out.push(Item::Warning(lossy_warning(location, &id)));
        }
        out.push(Item::Doc(Document {
            id,
            text,
            keep,
            keep_json: self.keep,
            origin: location.to_string(),
        }));
        out
    }
}

/// Reads a [`Record`]; fails on anything but an object (the caller then
/// takes the [`Value`] path, which says why).
struct RecordSeed<'f>(&'f Fields);

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let fields = self.0;
        let mut r = Record {
            id: None,
            text: None,
            keep: vec![Value::Null; fields.keep.len()],
        };
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let key = key.0;
            let is_text = *key == *fields.text;
            let is_id = *key == *fields.id;
            let kept = fields.keep.iter().any(|k| *k == *key);
            if kept || is_id {
                // A whole value: ids and kept fields are written as JSON
                // when they are not strings.
                let v: Value = map.next_value()?;
                if is_text {
                    r.text = Some(v.as_str().map(str::to_string));
                }
                if is_id {
                    r.id = match &v {
                        Value::Null => None,
                        Value::String(s) => Some(s.clone()),
                        v => Some(v.to_string()),
                    };
                }
                for (slot, k) in r.keep.iter_mut().zip(&fields.keep) {
                    if *k == *key {
                        *slot = v.clone();
                    }
                }
            } else if is_text {
                r.text = Some(map.next_value_seed(Scan { keep: true })?);
            } else {
                map.next_value_seed(SKIP)?;
            }
        }
        Ok(r)
    }
}

/// An object key, borrowed from the line unless it has escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Reads any JSON value, checked as strictly as a [`Value`] is (numbers
/// parsed, escapes and surrogates decoded, nesting limited): a string is
/// kept when `keep` (the text field: copied once), anything else dropped
/// (`None`). Not `serde::de::IgnoredAny`: serde_json skips those without
/// those checks, and a line it accepted would no longer be the line
/// `Value` accepts.
#[derive(Clone, Copy)]
struct Scan {
    keep: bool,
}

/// [`Scan`] for a value that is only checked.
const SKIP: Scan = Scan { keep: false };

impl Scan {
    fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Option<String>, A::Error> {
        while seq.next_element_seed(SKIP)?.is_some() {}
        Ok(None)
    }

    fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Option<String>, A::Error> {
        while map.next_key::<Key<'de>>()?.is_some() {
            map.next_value_seed(SKIP)?;
        }
        Ok(None)
    }
}

impl<'de> DeserializeSeed<'de> for Scan {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
        Ok(self.keep.then(|| v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<String>, E> {
        Ok(self.keep.then_some(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<String>, A::Error> {
        Scan::drain_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<String>, A::Error> {
        Scan::drain_map(map)
    }
}
