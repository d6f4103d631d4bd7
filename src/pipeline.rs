//! The streaming pipeline: one reader thread → bounded batches → rayon
//! workers (tag and render) → the calling thread, which writes batches in
//! input order.
//!
//! Memory is bounded by the number of batches in flight (a token is taken
//! before a batch is read and given back when it is written), not by the
//! corpus size. Output is byte-identical whatever the number of threads,
//! because every batch is rendered independently and written in order.
//! Problems (skipped records, warnings) travel inside the batches, so they
//! are reported in input order too. Formats that aggregate the whole run
//! (GeoJSON) get every tagged document on the writing thread, in input
//! order, and write their output at the end.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::entity::Tagged;
use crate::input::{read_all_counted, Document, Fields, InputFormat, Item, Problem, Source};
use crate::output::{Context, Format};
use crate::tagger::Tagger;

/// What to read and how to batch it.
#[derive(Clone, Debug)]
pub struct PipelineConfig {
    pub sources: Vec<Source>,
    /// `None`: by extension (stdin: JSONL).
    pub format: Option<InputFormat>,
    pub fields: Fields,
    /// Worker threads (0: rayon's default, `RAYON_NUM_THREADS` or all cores).
    pub threads: usize,
    /// A batch closes at this many documents (64 by default: with two
    /// workers on a 10 MB corpus, 2 threads ran 1.84× one thread against
    /// 1.75× with 256, median of 10 interleaved rounds, since the last
    /// batch, which one worker tags while the other has nothing left, is
    /// shorter)...
    pub batch_docs: usize,
    /// ...or this many bytes of text.
    pub batch_bytes: usize,
}

impl PipelineConfig {
    /// Defaults for `sources`: format by extension, all cores.
    pub fn new(sources: Vec<Source>) -> PipelineConfig {
        PipelineConfig {
            sources,
            format: None,
            fields: Fields::default(),
            threads: 0,
            batch_docs: 64,
            batch_bytes: 2 << 20,
        }
    }
}

/// Counts of one run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunStats {
    pub documents: u64,
    pub mentions: u64,
    /// Bytes of document text tagged.
    pub bytes: u64,
    /// Bytes read from the inputs (before decompression); the reader runs
    /// a few batches ahead of the writer.
    pub read_bytes: u64,
    pub skipped: u64,
    /// Skipped records written to the output as error records.
    pub recorded: u64,
    pub warnings: u64,
}

/// How a problem is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The record was repaired and tagged.
    Warning,
    /// The record was skipped.
    Skipped,
    /// The record was skipped and an error record written in its place in
    /// the output (JSONL): nothing is lost.
    Recorded,
}

struct Rendered {
    bytes: Vec<u8>,
    /// Document ids and tags, kept for the format's [`crate::output::Aggregate`].
    tagged: Vec<(String, Tagged)>,
    problems: Vec<(Problem, Severity)>,
    documents: u64,
    mentions: u64,
    text_bytes: u64,
}

/// Runs the pipeline, writing `format`'s header, every document and its
/// footer to `out`, calling `report` for each problem in input order.
///
/// # Errors
///
/// Only errors writing `out` (a broken pipe among them); the run stops
/// there. Problems with inputs are reported and counted, never fatal.
pub fn run(
    tagger: &Tagger,
    cfg: &PipelineConfig,
    format: &dyn Format,
    out: &mut dyn Write,
    report: &mut dyn FnMut(&Problem, Severity),
) -> io::Result<RunStats> {
    run_with_progress(tagger, cfg, format, out, report, &mut |_| {})
}

/// [`run`], calling `progress` on the writing thread after each batch is
/// written, with the counts so far.
///
/// # Errors
///
/// As [`run`].
pub fn run_with_progress(
    tagger: &Tagger,
    cfg: &PipelineConfig,
    format: &dyn Format,
    out: &mut dyn Write,
    report: &mut dyn FnMut(&Problem, Severity),
    progress: &mut dyn FnMut(&RunStats),
) -> io::Result<RunStats> {
    let mut stats = RunStats::default();
    let ctx = Context {
        gazetteer: tagger.gazetteer(),
        version: tagger.version(),
    };
    let mut aggregate = format.aggregate();
    let keep_tags = aggregate.is_some();
    let read_bytes = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&read_bytes);
    let mut head = vec![];
    format.header(&mut head);
    out.write_all(&head)?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads)
        .build()
        .map_err(io::Error::other)?;
    let inflight = pool.current_num_threads() * 4;
    let (batch_tx, batch_rx) = sync_channel::<(usize, Vec<Item>)>(inflight);
    let (res_tx, res_rx) = sync_channel::<(usize, Rendered)>(inflight);
    let (tok_tx, tok_rx) = sync_channel::<()>(inflight);
    for _ in 0..inflight {
        let _ = tok_tx.send(());
    }
    // Output buffers go back from the writer to the workers: a batch
    // renders into one already grown to size, instead of growing a fresh
    // one (a few hundred kilobytes, whose pages the kernel zeroes anew
    // each time the allocator has given them back).
    let buffers: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::with_capacity(inflight));
    let buffers = &buffers;

    let result = std::thread::scope(|s| {
        // Reader.
        s.spawn(move || {
            let mut batch: Vec<Item> = vec![];
            let mut bytes = 0usize;
            let mut idx = 0usize;
            let mut send = |batch: Vec<Item>| -> bool {
                if tok_rx.recv().is_err() {
                    return false;
                }
                let ok = batch_tx.send((idx, batch)).is_ok();
                idx += 1;
                ok
            };
            let counter = Some(counter);
            read_all_counted(
                &cfg.sources,
                cfg.format,
                &cfg.fields,
                counter,
                &mut |item| {
                    if let Item::Doc(d) = &item {
                        bytes += d.text.len();
                    }
                    batch.push(item);
                    if batch.len() >= cfg.batch_docs || bytes >= cfg.batch_bytes {
                        bytes = 0;
                        return send(std::mem::take(&mut batch));
                    }
                    true
                },
            );
            if !batch.is_empty() {
                send(batch);
            }
        });
        // Workers.
        s.spawn(move || {
            pool.install(|| {
                batch_rx
                    .into_iter()
                    .par_bridge()
                    .for_each_with(res_tx, |tx, (idx, batch)| {
                        let bytes = buffers
                            .lock()
                            .ok()
                            .and_then(|mut b| b.pop())
                            .unwrap_or_else(|| Vec::with_capacity(1 << 14));
                        let r = render(tagger, format, batch, keep_tags, bytes);
                        let _ = tx.send((idx, r));
                    })
            })
        });
        // Writer: this thread.
        let mut pending: BTreeMap<usize, Rendered> = BTreeMap::new();
        let mut next = 0usize;
        let mut result = Ok(());
        'recv: for (idx, r) in res_rx.iter() {
            pending.insert(idx, r);
            while let Some(r) = pending.remove(&next) {
                next += 1;
                for (p, sev) in &r.problems {
                    match sev {
                        Severity::Warning => stats.warnings += 1,
                        Severity::Skipped => stats.skipped += 1,
                        Severity::Recorded => stats.recorded += 1,
                    }
                    report(p, *sev);
                }
                stats.documents += r.documents;
                stats.mentions += r.mentions;
                stats.bytes += r.text_bytes;
                if let Some(agg) = aggregate.as_mut() {
                    for (id, tagged) in &r.tagged {
                        agg.absorb(id, tagged, &ctx);
                    }
                }
                if let Err(e) = out.write_all(&r.bytes).and_then(|_| out.flush()) {
                    result = Err(e);
                    break 'recv;
                }
                let mut bytes = r.bytes;
                bytes.clear();
                if let Ok(mut b) = buffers.lock() {
                    if b.len() < inflight {
                        b.push(bytes);
                    }
                }
                stats.read_bytes = read_bytes.load(Ordering::Relaxed);
                progress(&stats);
                let _ = tok_tx.send(());
            }
        }
        // On an early exit, hang up so the reader and workers stop.
        drop(res_rx);
        drop(tok_tx);
        result
    });
    result?;
    let mut foot = vec![];
    if let Some(agg) = aggregate.as_mut() {
        agg.finish(&ctx, &mut foot);
    }
    format.footer(&mut foot);
    out.write_all(&foot)?;
    out.flush()?;
    Ok(stats)
}

impl Rendered {
    /// A skipped record: written into the output where the format records
    /// problems (JSONL error lines), reported either way.
    fn skip(&mut self, format: &dyn Format, p: Problem) {
        let sev = if format.problem(&p, &mut self.bytes) {
            Severity::Recorded
        } else {
            Severity::Skipped
        };
        self.problems.push((p, sev));
    }
}

/// Runs `tag` on `doc`, turning a panic into a skipped record. A bug in a
/// rule must not take the run down, nor hang it (a worker that unwinds
/// leaves the writer waiting for its batch): the document is reported
/// with its location and skipped, the run goes on, and the exit code says
/// a record was skipped. The panic's own message still reaches stderr.
fn guarded(doc: &Document, tag: impl FnOnce() -> Tagged) -> Result<Tagged, Problem> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(tag)).map_err(|_| Problem {
        location: doc.origin.clone(),
        id: Some(doc.id.clone()),
        reason: "internal error while tagging this document (a bug: please report it \
                 with the document); skipped"
            .to_string(),
    })
}

/// Tags and renders one batch into `bytes` (empty; its capacity is reused).
fn render(
    tagger: &Tagger,
    format: &dyn Format,
    batch: Vec<Item>,
    keep_tags: bool,
    bytes: Vec<u8>,
) -> Rendered {
    let mut r = Rendered {
        bytes,
        tagged: vec![],
        problems: vec![],
        documents: 0,
        mentions: 0,
        text_bytes: 0,
    };
    for item in batch {
        match item {
            Item::Doc(doc) => {
                let tagged = match guarded(&doc, || tagger.tag_document(&doc.text)) {
                    Ok(tagged) => tagged,
                    Err(p) => {
                        r.skip(format, p);
                        continue;
                    }
                };
                r.documents += 1;
                r.mentions += tagged.mentions.len() as u64;
                r.text_bytes += doc.text.len() as u64;
                let ctx = Context {
                    gazetteer: tagger.gazetteer(),
                    version: tagger.version(),
                };
                format.document(&doc, &tagged, &ctx, &mut r.bytes);
                if keep_tags {
                    r.tagged.push((doc.id, tagged));
                }
            }
            Item::Warning(p) => r.problems.push((p, Severity::Warning)),
            Item::Skipped(p) => r.skip(format, p),
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::output::CsvFormat;
    use crate::TaggerBuilder;

    /// A panic while tagging one document becomes a skipped record that
    /// names it; nothing unwinds past it.
    #[test]
    fn a_panic_in_tagging_skips_the_document() {
        let doc = Document {
            id: "d7".into(),
            text: "text".into(),
            keep: vec![],
            keep_json: vec![],
            origin: "in.jsonl:7".into(),
        };
        let err = guarded(&doc, || panic!("a rule's bug")).unwrap_err();
        assert_eq!(err.location, "in.jsonl:7");
        assert_eq!(err.id.as_deref(), Some("d7"));
        assert!(err.reason.contains("internal error"), "{}", err.reason);
        let ok = guarded(&doc, Tagged::default);
        assert!(ok.is_ok_and(|t| t.mentions.is_empty()));
    }

    /// Output buffers are handed back and reused: with one document per
    /// batch, far more batches than buffers, the output is still every
    /// document rendered on its own, in order, for any thread count.
    #[test]
    fn reused_buffers_leave_nothing_behind() {
        let csv = "id,kind,name,aliases,weak_aliases,demonyms,population,lat,lon\n\
                   t:sy,country,Syria,,SY,Syrian,1,35,38\n\
                   t:dam,city,Damascus,,,,1,33.5,36.3\n";
        let mut gaz = Gazetteer::new();
        gaz.load_reader("test.csv", csv.as_bytes()).unwrap();
        let tagger = TaggerBuilder::new().build(gaz).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        let mut lines = String::new();
        let mut docs = vec![];
        for i in 0..60 {
            // Documents of very different output sizes, long after short.
            let text = match i % 3 {
                0 => "Damascus, Syria. ".repeat(1 + i * 7),
                1 => "Nothing here.".to_string(),
                _ => "Syrian forces left Damascus.".to_string(),
            };
            lines.push_str(&serde_json::json!({"id": i, "text": text}).to_string());
            lines.push('\n');
            docs.push(Document {
                id: i.to_string(),
                text,
                keep: vec![],
                keep_json: vec![],
                origin: String::new(),
            });
        }
        std::fs::write(&path, lines).unwrap();
        let format = CsvFormat::new(&[]);
        let ctx = Context {
            gazetteer: tagger.gazetteer(),
            version: tagger.version(),
        };
        let mut want = vec![];
        format.header(&mut want);
        for d in &docs {
            format.document(d, &tagger.tag_document(&d.text), &ctx, &mut want);
        }
        for threads in [1, 3] {
            let mut cfg = PipelineConfig::new(vec![Source::File(path.clone())]);
            cfg.threads = threads;
            cfg.batch_docs = 1;
            let mut got = vec![];
            let stats = run(&tagger, &cfg, &format, &mut got, &mut |p, _| panic!("{p}")).unwrap();
            assert_eq!(stats.documents, 60);
            assert!(stats.mentions > 60 * 20);
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want.clone()).unwrap()
            );
        }
    }
}
