//! JSONL: one JSON object per line.
//!
//! A blank line, a line that is not a JSON object, or an object without a
//! string text field is skipped with its `FILE:LINE`. A missing id becomes
//! `FILE:LINE`; a numeric id is written as the number. `--keep` fields are
//! copied: strings as they are, other values as compact JSON, absent ones
//! empty (and kept as JSON values too, for JSON outputs).

use std::io::BufRead;

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
