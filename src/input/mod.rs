//! Streaming document readers: plain text, JSONL and CSV, each optionally
//! gzip-compressed, from files, directories or standard input.
//!
//! A reader yields [`Item`]s in input order: documents, and records it had
//! to skip (broken JSON, a missing text field, a CSV row with the wrong
//! field count, an unreadable file), each with a `FILE:LINE` location and a
//! reason. Invalid UTF-8 is decoded lossily (U+FFFD) and reported as a
//! warning naming the document, which is still tagged.
//!
//! Line numbers are 1-based physical lines; for CSV the header is line 1.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

mod csvin;
mod jsonl;

/// The format of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// One document per file, id = the path as given.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

impl InputFormat {
    /// The format a path's extension names (`.txt`, `.jsonl`, `.csv`, each
    /// optionally followed by `.gz`); `None` for anything else.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        // Lossy, not `to_str`: a file whose name is not UTF-8 ("bad\xff.txt")
        // was silently left out of directory walks.
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".txt") {
            Some(InputFormat::Text)
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Some(InputFormat::Jsonl)
        } else if name.ends_with(".csv") {
            Some(InputFormat::Csv)
        } else {
            None
        }
    }
}

/// Which fields hold what, for JSONL and CSV.
#[derive(Clone, Debug)]
pub struct Fields {
    pub text: String,
    pub id: String,
    /// Copied to the output as extra columns/keys.
    pub keep: Vec<String>,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            text: "text".into(),
            id: "id".into(),
            keep: vec![],
        }
    }
}

/// One document to tag.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub id: String,
    pub text: String,
    /// Values of the `keep` fields, in `Fields::keep` order ("" if absent).
    pub keep: Vec<String>,
    /// The same fields as the JSON values they were (`Null` if absent), when
    /// the input was JSONL; empty otherwise. JSON outputs copy these, so a
    /// number stays a number.
    pub keep_json: Vec<serde_json::Value>,
    /// `FILE:LINE` where the document starts.
    pub origin: String,
}

/// A record that could not be read, or a warning about one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// `FILE:LINE` (or `FILE` for a whole file).
    pub location: String,
    /// The document id when it could be read.
    pub id: Option<String>,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

/// What a reader yields.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Doc(Document),
    /// The document was read but something was repaired (lossy UTF-8); it
    /// follows as an [`Item::Doc`].
    Warning(Problem),
    /// The record was skipped.
    Skipped(Problem),
}

/// One input as given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// The name used in ids and locations (`<stdin>` or the path as given).
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".into(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// Expands command-line paths: files stay as given; directories are walked
/// recursively in sorted path order, keeping files with a known extension
/// and skipping hidden entries; `-` is standard input. No argument means
/// standard input.
pub fn expand(args: &[PathBuf]) -> io::Result<Vec<Source>> {
    if args.is_empty() {
        return Ok(vec![Source::Stdin]);
    }
    let mut out = vec![];
    for a in args {
        if a.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if a.is_dir() {
            walk(a, &mut out)?;
        } else {
            out.push(Source::File(a.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Source>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if InputFormat::from_path(&p).is_some() {
            out.push(Source::File(p));
        }
    }
    Ok(())
}

/// Opens a source, decompressing `.gz` (by extension, or by magic bytes
/// on stdin).
pub fn open(src: &Source) -> io::Result<Box<dyn BufRead + Send>> {
    open_counted(src, None)
}

/// [`open`], adding the bytes read from the source (before decompression,
/// so they compare with file sizes) to `counter`.
pub fn open_counted(
    src: &Source,
    counter: Option<Arc<AtomicU64>>,
) -> io::Result<Box<dyn BufRead + Send>> {
    let mut raw: Box<dyn Read + Send> = match src {
        Source::Stdin => Box::new(io::stdin()),
        Source::File(p) => Box::new(File::open(p)?),
    };
    if let Some(counter) = counter {
        raw = Box::new(Counted {
            inner: raw,
            counter,
        });
    }
    let mut buf = BufReader::with_capacity(1 << 16, raw);
    let is_gz = match src {
        Source::File(p) if p.extension().is_some_and(|e| e == "gz") => true,
        _ => buf.fill_buf()?.starts_with(&[0x1f, 0x8b]),
    };
    if is_gz {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(buf),
        )))
    } else {
        Ok(Box::new(buf))
    }
}

/// A reader that counts what it reads.
struct Counted {
    inner: Box<dyn Read + Send>,
    counter: Arc<AtomicU64>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Texts at or beyond this size are skipped: offsets inside the tagger are
/// 32-bit.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize - 1;

/// Reads every source in order, calling `emit` for each item; stops early
/// when `emit` returns false (the consumer has gone away).
pub fn read_all(
    sources: &[Source],
    format: Option<InputFormat>,
    fields: &Fields,
    emit: &mut dyn FnMut(Item) -> bool,
) {
    read_all_counted(sources, format, fields, None, emit)
}

/// [`read_all`], adding the bytes read to `counter` as it goes (for
/// progress reports).
pub fn read_all_counted(
    sources: &[Source],
    format: Option<InputFormat>,
    fields: &Fields,
    counter: Option<Arc<AtomicU64>>,
    emit: &mut dyn FnMut(Item) -> bool,
) {
    for src in sources {
        let fmt = format
            .or_else(|| match src {
                Source::Stdin => Some(InputFormat::Jsonl),
                Source::File(p) => InputFormat::from_path(p),
            })
            .unwrap_or(InputFormat::Text);
        let name = src.name();
        let rdr = match open_counted(src, counter.clone()) {
            Ok(r) => r,
            Err(err) => {
                let ok = emit(Item::Skipped(Problem {
                    location: name,
                    id: None,
                    reason: format!("cannot read: {err}"),
                }));
                if !ok {
                    return;
                }
                continue;
            }
        };
        if !read_from(&name, fmt, rdr, fields, emit) {
            return;
        }
    }
}

/// Reads one already opened input of format `fmt`, named `name` in
/// locations, calling `emit` for each item; returns false if `emit` asked
/// to stop. What [`read_all`] does per source, exposed for the fuzz targets
/// and for callers with in-memory inputs.
pub fn read_from(
    name: &str,
    fmt: InputFormat,
    rdr: Box<dyn BufRead + Send>,
    fields: &Fields,
    emit: &mut dyn FnMut(Item) -> bool,
) -> bool {
    match fmt {
        InputFormat::Text => read_text(name, rdr, fields, emit),
        InputFormat::Jsonl => jsonl::read(name, rdr, fields, emit),
        InputFormat::Csv => csvin::read(name, rdr, fields, emit),
    }
}

fn read_text(
    name: &str,
    mut rdr: Box<dyn BufRead + Send>,
    fields: &Fields,
    emit: &mut dyn FnMut(Item) -> bool,
) -> bool {
    let mut bytes = vec![];
    if let Err(err) = rdr.read_to_end(&mut bytes) {
        return emit(Item::Skipped(Problem {
            location: name.to_string(),
            id: Some(name.to_string()),
            reason: format!("cannot read: {err}"),
        }));
    }
    if bytes.len() > MAX_TEXT_BYTES {
        return emit(Item::Skipped(Problem {
            location: name.to_string(),
            id: Some(name.to_string()),
            reason: "document of 4 GiB or more".into(),
        }));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            if !emit(Item::Warning(lossy_warning(name, name))) {
                return false;
            }
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    emit(Item::Doc(Document {
        id: name.to_string(),
        text,
        keep: vec![String::new(); fields.keep.len()],
        keep_json: vec![],
        origin: format!("{name}:1"),
    }))
}

fn lossy_warning(location: &str, id: &str) -> Problem {
    Problem {
        location: location.to_string(),
        id: Some(id.to_string()),
        reason: format!("invalid UTF-8 in document {id:?}, decoded lossily"),
    }
}

#[cfg(test)]
mod tests;
