//! CSV input: a header row, then one document per record.
//!
//! Columns are found by header name (`--text-column`, `--id-column`,
//! `--keep`). A file without the text column is skipped whole; a record
//! with the wrong number of fields or broken quoting is skipped with its
//! `FILE:LINE`. A missing or empty id becomes `FILE:LINE`.

use std::io::BufRead;

use super::{lossy_warning, Document, Fields, Item, Problem};

pub(super) fn read(
    name: &str,
    rdr: Box<dyn BufRead + Send>,
    fields: &Fields,
    emit: &mut dyn FnMut(Item) -> bool,
) -> bool {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(rdr);
    let headers = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(err) => {
            return emit(Item::Skipped(Problem {
                location: format!("{name}:1"),
                id: None,
                reason: format!("cannot read the CSV header: {err}"),
            }))
        }
    };
    let find = |col: &str| headers.iter().position(|h| h == col.as_bytes());
    let Some(text_col) = find(&fields.text) else {
        return emit(Item::Skipped(Problem {
            location: format!("{name}:1"),
            id: None,
            reason: format!("no column {:?} in the header, file skipped", fields.text),
        }));
    };
    let id_col = find(&fields.id);
    let keep_cols: Vec<Option<usize>> = fields.keep.iter().map(|k| find(k)).collect();
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => return true,
            Ok(true) => {}
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line());
                let reason = match err.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("{len} fields, the header has {expected_len}"),
                    csv::ErrorKind::Io(e) => {
                        let _ = emit(Item::Skipped(Problem {
                            location: format!("{name}:{line}"),
                            id: None,
                            reason: format!("read error, rest of file skipped: {e}"),
                        }));
                        return true;
                    }
                    _ => format!("malformed CSV record: {err}"),
                };
                if !emit(Item::Skipped(Problem {
                    location: format!("{name}:{line}"),
                    id: None,
                    reason,
                })) {
                    return false;
                }
                continue;
            }
        }
        let line = rec.position().map_or(0, |p| p.line());
        let location = format!("{name}:{line}");
        let mut lossy = false;
        let mut field = |i: Option<usize>| -> String {
            let bytes = i.and_then(|i| rec.get(i)).unwrap_or(b"");
            match std::str::from_utf8(bytes) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    lossy = true;
                    String::from_utf8_lossy(bytes).into_owned()
                }
            }
        };
        let text = field(Some(text_col));
        let id = field(id_col);
        let keep = keep_cols.iter().map(|&c| field(c)).collect();
        let id = if id.is_empty() { location.clone() } else { id };
        if lossy && !emit(Item::Warning(lossy_warning(&location, &id))) {
            return false;
        }
        if !emit(Item::Doc(Document {
            id,
            text,
            keep,
            keep_json: vec![],
            origin: location,
        })) {
            return false;
        }
    }
}
