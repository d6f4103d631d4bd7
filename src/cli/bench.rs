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
    println!("{line}");
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

/// Counts and hashes (FNV-1a 64) what is written to it.
struct HashSink {
    hash: u64,
    bytes: u64,
}

impl Write for HashSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for &b in buf {
            self.hash ^= u64::from(b);
            self.hash = self.hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.bytes += buf.len() as u64;
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
        let mut sink = HashSink {
            hash: 0xcbf2_9ce4_8422_2325,
            bytes: 0,
        };
        let t = Instant::now();
        let stats = pipeline::run(&tagger, &cfg, &format, &mut sink, &mut |p, _| {
            eprintln!("gazetag: {p}")
        })?;
        times.push(t.elapsed().as_secs_f64());
        result = Some((stats, sink.hash, sink.bytes));
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
        "output_fnv64": format!("{hash:016x}"),
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
