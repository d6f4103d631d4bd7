//! `gazetag tag`: tag documents into annotated CSV, JSONL, a per-document
//! summary or GeoJSON.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{bail, Context};
use gazetag::input::Source;
use gazetag::input::{expand, Fields, InputFormat};
use gazetag::output::{jsonl, CsvFormat, Format, GeojsonFormat, JsonlFormat, SummaryFormat};
use gazetag::pipeline::{self, PipelineConfig, Severity};
use gazetag::{Kind, TaggerBuilder};

use super::gazetteer_args::GazetteerArgs;
use super::progress::Progress;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to tag (directories are walked for .txt, .jsonl,
    /// .csv, optionally .gz); `-` or nothing reads JSONL from stdin.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Write here instead of stdout (atomically: a temporary file renamed
    /// when the run completes).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    format: OutputFormat,
    /// Input format, overriding file extensions (stdin defaults to jsonl).
    #[arg(long = "input-format", value_enum)]
    input_format: Option<InputFormatArg>,
    /// JSONL field holding the text.
    #[arg(long = "text-field", default_value = "text")]
    text_field: String,
    /// JSONL field holding the id.
    #[arg(long = "id-field", default_value = "id")]
    id_field: String,
    /// CSV column holding the text.
    #[arg(long = "text-column", default_value = "text")]
    text_column: String,
    /// CSV column holding the id.
    #[arg(long = "id-column", default_value = "id")]
    id_column: String,
    /// Fields/columns copied from the input into extra output columns.
    #[arg(long, value_delimiter = ',', value_name = "FIELD,...")]
    keep: Vec<String>,
    /// Only mentions of these kinds (applied after resolution).
    #[arg(long, value_delimiter = ',', value_name = "KIND,...")]
    kinds: Vec<String>,
    /// Worker threads (default: RAYON_NUM_THREADS, else all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Add the deciding rule and the runner-up entity to each mention.
    #[arg(long)]
    explain: bool,
    /// Disable a resolution rule (repeatable): prior, dateline, local,
    /// qualified, person_place, initials, person_word, name_part, media,
    /// codes, hyphen, feature, teams, support, lists, cohere, context, org_name,
    /// titles, coref, unlisted.
    #[arg(long, value_name = "RULE")]
    disable: Vec<String>,
    /// With --format jsonl, bad input lines become error lines in the output
    /// and the run exits 0 (nothing is lost); --strict makes it exit 1.
    #[arg(long)]
    strict: bool,
    /// Do not print the progress line or the end-of-run summary.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum OutputFormat {
    /// One row per mention (the default).
    Csv,
    /// One JSON object per document.
    Jsonl,
    /// One CSV row per document: counts per kind, top places.
    Summary,
    /// A GeoJSON FeatureCollection of the places mentioned.
    Geojson,
    /// The same features, one per line.
    Geojsonl,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum InputFormatArg {
    Text,
    Jsonl,
    Csv,
}

/// Validated options, before any I/O.
struct Config {
    inputs: Vec<PathBuf>,
    output: Option<PathBuf>,
    input_format: Option<InputFormat>,
    kinds: Vec<Kind>,
    threads: usize,
    quiet: bool,
}

fn validate(args: &Args) -> anyhow::Result<Config> {
    let mut kinds = vec![];
    for k in &args.kinds {
        match Kind::parse(k.trim()) {
            Some(kind) => kinds.push(kind),
            None => bail!(
                "--kinds: unknown kind {k:?} (expected person, country, region, city, agency)"
            ),
        }
    }
    if matches!(args.format, OutputFormat::Jsonl) {
        if let Some(k) = args.keep.iter().find(|k| jsonl::KEYS.contains(&k.as_str())) {
            bail!("--keep {k}: the jsonl output already has a key {k:?}");
        }
    }
    if args.threads == Some(0) {
        bail!("--threads must be at least 1");
    }
    let input_format = args.input_format.map(|f| match f {
        InputFormatArg::Text => InputFormat::Text,
        InputFormatArg::Jsonl => InputFormat::Jsonl,
        InputFormatArg::Csv => InputFormat::Csv,
    });
    Ok(Config {
        inputs: args.inputs.clone(),
        output: args.output.clone(),
        input_format,
        kinds,
        threads: args.threads.unwrap_or(0),
        quiet: args.quiet,
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let cfg = validate(&args)?;
    let strict = args.strict;
    let mut builder = TaggerBuilder::new();
    if !cfg.kinds.is_empty() {
        builder.kinds(&cfg.kinds);
    }
    for rule in &args.disable {
        builder.disable_rule(rule);
    }
    // Never dropped: freeing a large gazetteer entity by entity took a
    // quarter of start-up (perf), and the process is about to exit.
    let tagger = &*Box::leak(Box::new(args.gazetteer.tagger(&builder)?));
    let sources = expand(&cfg.inputs).context("cannot list the inputs")?;
    // Fields differ by format only in their flag names.
    let is_csv = cfg.input_format == Some(InputFormat::Csv)
        || (cfg.input_format.is_none()
            && !cfg.inputs.is_empty()
            && cfg
                .inputs
                .iter()
                .all(|p| InputFormat::from_path(p) == Some(InputFormat::Csv)));
    let fields = if is_csv {
        Fields {
            text: args.text_column.clone(),
            id: args.id_column.clone(),
            keep: args.keep.clone(),
        }
    } else {
        Fields {
            text: args.text_field.clone(),
            id: args.id_field.clone(),
            keep: args.keep.clone(),
        }
    };
    let mut pcfg = PipelineConfig::new(sources);
    pcfg.format = cfg.input_format;
    pcfg.fields = fields;
    pcfg.threads = cfg.threads;
    let format: Box<dyn Format> = match args.format {
        OutputFormat::Csv => Box::new(CsvFormat::new(&args.keep).explain(args.explain)),
        OutputFormat::Jsonl => Box::new(JsonlFormat::new(&args.keep).explain(args.explain)),
        OutputFormat::Summary => Box::new(SummaryFormat::new(&args.keep)),
        OutputFormat::Geojson => Box::new(GeojsonFormat::collection()),
        OutputFormat::Geojsonl => Box::new(GeojsonFormat::lines()),
    };
    let total = total_size(&pcfg.sources);
    let mut progress = Progress::new(!cfg.quiet, total);

    let mut sink = Sink::open(cfg.output.as_deref())?;
    let mut report = |p: &gazetag::input::Problem, sev: Severity| match sev {
        Severity::Warning => eprintln!("gazetag: warning: {p}"),
        Severity::Skipped => eprintln!("gazetag: skipped: {p}"),
        Severity::Recorded => eprintln!("gazetag: error record written: {p}"),
    };
    let result = pipeline::run_with_progress(
        tagger,
        &pcfg,
        format.as_ref(),
        sink.writer(),
        &mut report,
        &mut |s| progress.update(s),
    );
    progress.finish();
    let stats = match result {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => {
            return Err(e).context(match &cfg.output {
                Some(p) => write_failed(p),
                None => "cannot write to stdout".to_string(),
            })
        }
    };
    sink.commit()?;
    if !cfg.quiet {
        eprintln!(
            "gazetag: {} document(s), {} mention(s), {} skipped, {} error record(s), {} warning(s)",
            stats.documents, stats.mentions, stats.skipped, stats.recorded, stats.warnings
        );
    }
    if stats.recorded > 0 && strict {
        eprintln!(
            "gazetag: {} bad record(s) written as error lines; --strict makes that exit 1",
            stats.recorded
        );
        return Ok(ExitCode::from(1));
    }
    if stats.skipped > 0 {
        eprintln!(
            "gazetag: {} record(s) skipped (see the messages above)",
            stats.skipped
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The message for a failed write to `-o FILE`. By the time it is printed
/// the sink has been dropped and its temporary file removed, so it says so:
/// a full disk must not leave the user hunting for a partial file.
fn write_failed(target: &Path) -> String {
    format!(
        "cannot write {} (left as it was; the partial output was removed)",
        target.display()
    )
}

/// The total size of the inputs, when they are all files.
fn total_size(sources: &[Source]) -> Option<u64> {
    sources.iter().try_fold(0u64, |n, s| match s {
        Source::File(p) => Some(n + fs::metadata(p).ok()?.len()),
        Source::Stdin => None,
    })
}

/// Stdout, or a temporary file next to the target that becomes the target
/// only when the run completes. Dropping an uncommitted sink removes the
/// temporary file; so does SIGINT or SIGTERM, which then ends the process
/// with 130 or 143 (see [`remove_on_signal`]).
enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        tmp: BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
        /// The temporary path until it is renamed, shared with the signal
        /// thread; renaming holds the lock, so a signal sees either a
        /// temporary file to remove or a finished output, never half of it.
        pending: Arc<Mutex<Option<PathBuf>>>,
    },
}

/// Starts a thread that, on SIGINT or SIGTERM, removes the temporary file
/// named in `pending` (if any) and exits with 128 + the signal number.
///
/// A thread rather than a flag the writer polls: the run may be blocked on
/// a slow input (a pipe, a network disk) and must still stop at once.
fn remove_on_signal(pending: Arc<Mutex<Option<PathBuf>>>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])
        .context("cannot install the signal handlers")?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            // Held until exit: the main thread cannot rename meanwhile.
            let tmp = pending.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(p) = tmp.as_ref() {
                let _ = fs::remove_file(p);
            }
            let name = if sig == SIGINT { "SIGINT" } else { "SIGTERM" };
            eprintln!("gazetag: interrupted by {name}, no output written");
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

impl Sink {
    fn open(path: Option<&Path>) -> anyhow::Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        };
        if path.is_dir() {
            bail!("cannot write {}: it is a directory", path.display());
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // Handlers first, so no signal can come between creating the
        // temporary file and knowing its name.
        let pending = Arc::new(Mutex::new(None));
        remove_on_signal(Arc::clone(&pending))?;
        let mut slot = pending.lock().unwrap_or_else(PoisonError::into_inner);
        let tmp = tempfile::Builder::new()
            .prefix(".gazetag-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .with_context(|| format!("cannot write {}", path.display()))?;
        *slot = Some(tmp.path().to_path_buf());
        drop(slot);
        Ok(Sink::File {
            tmp: BufWriter::with_capacity(1 << 16, tmp),
            target: path.to_path_buf(),
            pending,
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { tmp, .. } => tmp,
        }
    }

    fn commit(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut w) => match w.flush() {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(e).context("cannot write to stdout")
                }
                _ => Ok(()),
            },
            Sink::File {
                tmp,
                target,
                pending,
            } => {
                let tmp = tmp
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| write_failed(&target))?;
                tmp.as_file()
                    .sync_all()
                    .with_context(|| write_failed(&target))?;
                // Temp files are created 0600; the output is an ordinary file.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let _ = fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o644));
                }
                let mut slot = pending.lock().unwrap_or_else(PoisonError::into_inner);
                tmp.persist(&target)
                    .map_err(|e| e.error)
                    .with_context(|| write_failed(&target))?;
                *slot = None;
                Ok(())
            }
        }
    }
}
