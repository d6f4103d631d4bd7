//! `gazetag bench`: the benchmarks of `benches/run.sh`, each printing one
//! JSON line and failing (exit 1) when `--expect` is given and the count
//! differs, so that a fast wrong answer cannot pass.
//!
//! - `raw`: the raw-automaton baseline. Every name, alias, weak alias and
//!   demonym lowercased (`str::to_lowercase`, deduplicated), one
//!   leftmost-longest aho-corasick automaton; each text lowercased before
//!   the clock starts, then matches counted: no normalization, boundary
//!   check, resolution or output.
//! - `match`: the matcher alone (normalize, candidate spans with every
//!   rule, leftmost-longest) over the same preloaded texts: what the
//!   pipeline adds on top of it is resolution, reading and writing.
//! - `pipeline`: the whole pipeline as `gazetag tag` runs it (read JSONL,
//!   normalize, match, resolve, render CSV) into a hashing sink, after the
//!   tagger is loaded; `--threads` workers. Prints the output's hash so
//!   that runs with different thread counts can be compared.
//! - `startup`: process start to first document tagged: runs
//!   `gazetag tag` (this executable) on a one-document input, median of
//!   `--runs` wall times.
//!
//! Throughputs are text megabytes (10⁶ bytes) per second of wall time
//! (`mb_s` from the median run, `best_mb_s` from the fastest) and per CPU
//! second (`cpu_mb_s`, all threads of the process, the reader and the
//! writer included), the steadier figure on a shared machine.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{bail, Context};
use gazetag::automaton::RawBaseline;
use gazetag::input::{Fields, Source};
use gazetag::output::CsvFormat;
use gazetag::pipeline::{self, PipelineConfig};
use gazetag::TaggerBuilder;

use super::gazetteer_args::GazetteerArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// raw, pipeline or startup.
    #[arg(value_enum)]
    which: Which,
    /// The JSONL corpus (from ../shared/bench/make_corpus.py); not used by
    /// startup.
    #[arg(value_name = "CORPUS")]
    corpus: Option<PathBuf>,
    /// Worker threads for pipeline.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Timed runs; the median is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Fail unless the match/mention count is exactly this.
    #[arg(long, value_name = "N")]
    expect: Option<u64>,
    /// Pipeline batches close at this many documents (the default is
    /// `gazetag tag`'s).
    #[arg(long, value_name = "N")]
    batch_docs: Option<usize>,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Which {
    Raw,
    Match,
    Pipeline,
    Startup,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.runs == 0 || args.threads == 0 {
        bail!("--runs and --threads must be at least 1");
    }
    let (count, line) = match args.which {
        Which::Raw => raw(&args)?,
        Which::Match => matcher(&args)?,
        Which::Pipeline => pipeline(&args)?,
        Which::Startup => startup(&args)?,
    };
    // Written, not println!'d: a closed pipe ("bench ... | head") is an
    // error the caller turns into a quiet exit, never a panic.
    writeln!(io::stdout().lock(), "{line}")?;
    if let Some(want) = args.expect {
        if count != want {
            eprintln!("gazetag: bench: expected {want}, got {count}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn corpus(args: &Args) -> anyhow::Result<PathBuf> {
    args.corpus.clone().context("this benchmark needs a CORPUS")
}

/// (median, best) of the timed runs. On a shared machine the best run is
/// the one least disturbed by others; both are printed.
fn median(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0])
}

fn raw(args: &Args) -> anyhow::Result<(u64, String)> {
    let gaz = args.gazetteer.tagger(&TaggerBuilder::new())?;
    let mut names: Vec<String> = gaz
        .gazetteer()
        .entities()
        .iter()
        .flat_map(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .chain(&e.weak_aliases)
                .chain(&e.demonyms)
        })
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    names.sort();
    names.dedup();
    let t = Instant::now();
    let ac = RawBaseline::new(&names)?;
    let build_s = t.elapsed().as_secs_f64();
    let texts: Vec<String> = texts(args)?.iter().map(|t| t.to_lowercase()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut times = vec![];
    let mut count = 0;
    let cpu = cpu_seconds();
    for _ in 0..args.runs {
        let t = Instant::now();
        count = texts.iter().map(|t| ac.count(t) as u64).sum();
        times.push(t.elapsed().as_secs_f64());
    }
    let cpu = (cpu_seconds() - cpu) / args.runs as f64;
    let (s, best) = median(times);
    let line = serde_json::json!({
        "bench": "raw", "patterns": names.len(), "build_s": round(build_s),
        "scan_s": round(s), "mb": round(bytes as f64 / 1e6),
        "mb_s": round(bytes as f64 / 1e6 / s),
        "best_mb_s": round(bytes as f64 / 1e6 / best), "matches": count,
        "cpu_s": round(cpu), "cpu_mb_s": round(bytes as f64 / 1e6 / cpu),
    });
    Ok((count, line.to_string()))
}

fn texts(args: &Args) -> anyhow::Result<Vec<String>> {
    let path = corpus(args)?;
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut texts = vec![];
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            texts.push(t.to_string());
        }
    }
    Ok(texts)
}

fn matcher(args: &Args) -> anyhow::Result<(u64, String)> {
    let tagger = args.gazetteer.tagger(&TaggerBuilder::new())?;
    let texts = texts(args)?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut times = vec![];
    let mut count = 0;
    let cpu = cpu_seconds();
    for _ in 0..args.runs {
        let t = Instant::now();
        count = texts
            .iter()
            .map(|t| tagger.matcher().find(t).len() as u64)
            .sum();
        times.push(t.elapsed().as_secs_f64());
    }
    let cpu = (cpu_seconds() - cpu) / args.runs as f64;
    let (s, best) = median(times);
    let line = serde_json::json!({
        "bench": "match", "patterns": tagger.matcher().patterns_len(),
        "scan_s": round(s), "mb": round(bytes as f64 / 1e6),
        "mb_s": round(bytes as f64 / 1e6 / s),
        "best_mb_s": round(bytes as f64 / 1e6 / best), "spans": count,
        "cpu_s": round(cpu), "cpu_mb_s": round(bytes as f64 / 1e6 / cpu),
    });
    Ok((count, line.to_string()))
}

/// Counts and hashes what is written to it: eight bytes at a time
/// (multiply, xor-shift), the last partial word zero-padded with the
/// length mixed in, whatever the sizes of the writes. A byte-at-a-time
/// FNV-1a here cost about 7 ms of a 300 ms run on the writing thread,
/// more than writing the same bytes to a file does, and competed with
/// the workers at 2 threads.
struct HashSink {
    hash: u64,
    bytes: u64,
    tail: [u8; 8],
    tail_len: usize,
}

impl HashSink {
    fn new() -> HashSink {
        HashSink {
            hash: 0xcbf2_9ce4_8422_2325,
            bytes: 0,
            tail: [0; 8],
            tail_len: 0,
        }
    }

    fn mix(&mut self, word: u64) {
        let h = (self.hash ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.hash = h ^ (h >> 29);
    }

    fn finish(mut self) -> u64 {
        let mut last = [0u8; 8];
        last[..self.tail_len].copy_from_slice(&self.tail[..self.tail_len]);
        self.mix(u64::from_le_bytes(last));
        self.mix(self.bytes);
        self.hash
    }
}

impl Write for HashSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes += buf.len() as u64;
        let mut rest = buf;
        if self.tail_len > 0 {
            let take = (8 - self.tail_len).min(rest.len());
            self.tail[self.tail_len..self.tail_len + take].copy_from_slice(&rest[..take]);
            self.tail_len += take;
            rest = &rest[take..];
            if self.tail_len < 8 {
                return Ok(buf.len());
            }
            self.mix(u64::from_le_bytes(self.tail));
            self.tail_len = 0;
        }
        let mut words = rest.chunks_exact(8);
        for w in &mut words {
            self.mix(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        }
        let left = words.remainder();
        self.tail[..left.len()].copy_from_slice(left);
        self.tail_len = left.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn pipeline(args: &Args) -> anyhow::Result<(u64, String)> {
    let t = Instant::now();
    let tagger = args.gazetteer.tagger(&TaggerBuilder::new())?;
    let load_s = t.elapsed().as_secs_f64();
    let path = corpus(args)?;
    let format = CsvFormat::new(&[]);
    let mut times = vec![];
    let mut result = None;
    let cpu = cpu_seconds();
    for _ in 0..args.runs {
        let mut cfg = PipelineConfig::new(vec![Source::File(path.clone())]);
        cfg.fields = Fields::default();
        cfg.threads = args.threads;
        if let Some(n) = args.batch_docs {
            cfg.batch_docs = n.max(1);
        }
        let mut sink = HashSink::new();
        let t = Instant::now();
        let stats = pipeline::run(&tagger, &cfg, &format, &mut sink, &mut |p, _| {
            eprintln!("gazetag: {p}")
        })?;
        times.push(t.elapsed().as_secs_f64());
        let bytes = sink.bytes;
        result = Some((stats, sink.finish(), bytes));
    }
    let cpu = (cpu_seconds() - cpu) / args.runs as f64;
    let Some((stats, hash, out_bytes)) = result else {
        bail!("no run");
    };
    let (s, best) = median(times);
    let line = serde_json::json!({
        "bench": "pipeline", "threads": args.threads, "load_s": round(load_s),
        "run_s": round(s), "mb": round(stats.bytes as f64 / 1e6),
        "mb_s": round(stats.bytes as f64 / 1e6 / s),
        "best_mb_s": round(stats.bytes as f64 / 1e6 / best), "documents": stats.documents,
        "cpu_s": round(cpu), "cpu_mb_s": round(stats.bytes as f64 / 1e6 / cpu),
        "mentions": stats.mentions, "output_bytes": out_bytes,
        "output_hash": format!("{hash:016x}"),
    });
    Ok((stats.mentions, line.to_string()))
}

fn startup(args: &Args) -> anyhow::Result<(u64, String)> {
    let exe = std::env::current_exe().context("cannot find this executable")?;
    let doc = "{\"id\":\"d1\",\"text\":\"Shelling in eastern Ghouta and near Aleppo, Syria, the U.S. said.\"}\n";
    let mut times = vec![];
    let mut mentions = 0;
    for _ in 0..args.runs.max(1) {
        let mut cmd = Command::new(&exe);
        cmd.args(["tag", "--threads", "1"]);
        for g in &args.gazetteer.gazetteer {
            cmd.arg("--gazetteer").arg(g);
        }
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let t = Instant::now();
        let mut child = cmd.spawn().context("cannot run gazetag tag")?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(doc.as_bytes())?;
        }
        let out = child.wait_with_output()?;
        times.push(t.elapsed().as_secs_f64());
        if !out.status.success() {
            bail!("gazetag tag failed: {}", out.status);
        }
        mentions = out
            .stdout
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count() as u64
            - 1;
    }
    let (s, best) = median(times);
    let line = serde_json::json!({
        "bench": "startup", "runs": args.runs.max(1), "median_ms": round(s * 1e3),
        "best_ms": round(best * 1e3),
        "mentions": mentions,
    });
    Ok((mentions, line.to_string()))
}

/// CPU seconds (user + system, all threads) this process has used, from
/// /proc/self/stat (Linux; 0 elsewhere). On a shared machine CPU time per
/// megabyte is steadier than wall time: waiting for a core is not counted.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the line, in clock ticks (100 per second).
    let Some(rest) = stat.rsplit_once(") ").map(|(_, r)| r) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_in(chunks: &[&[u8]]) -> u64 {
        let mut sink = HashSink::new();
        for c in chunks {
            sink.write_all(c).unwrap();
        }
        sink.finish()
    }

    /// The hash depends on the bytes only, not on how they were written.
    #[test]
    fn hash_sink_ignores_write_sizes() {
        let text: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = hash_in(&[&text]);
        for cut in [1, 3, 7, 8, 9, 500, 999] {
            let (a, b) = text.split_at(cut);
            assert_eq!(hash_in(&[a, b]), whole, "cut at {cut}");
        }
        let ones: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(hash_in(&ones), whole);
        // One byte more, one byte changed, a zero byte appended: all differ.
        assert_ne!(hash_in(&[&text, b"x"]), whole);
        assert_ne!(hash_in(&[&text, b"\0"]), whole);
        let mut changed = text.clone();
        changed[500] ^= 1;
        assert_ne!(hash_in(&[&changed]), whole);
        assert_ne!(hash_in(&[]), hash_in(&[b"\0"]));
    }
}
