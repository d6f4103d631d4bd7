//! Command line: clap arguments → validated config → one file per subcommand.
//!
//! Exit codes: 0 success; 1 the run completed but some records were
//! skipped; 2 fatal (bad arguments, invalid gazetteer, unwritable output),
//! reported before any output. A broken pipe on stdout exits 0 quietly.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;
mod calibrate;
mod check;
mod compile;
mod discover;
mod eval;
mod gazetteer_args;
mod import_actors;
mod import_geonames;
mod map;
mod progress;
mod serve;
mod stats;
mod tag;

/// Named-entity and geography tagger for bulk news.
#[derive(Parser, Debug)]
#[command(name = "gazetag", about, disable_version_flag = true)]
pub struct Cli {
    /// Print the program and gazetteer versions and the data credits.
    #[arg(short = 'V', long = "version")]
    version: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Tag documents (text, JSONL, CSV; .gz allowed) into annotated CSV,
    /// JSONL, a per-document summary or GeoJSON.
    Tag(tag::Args),
    /// Validate gazetteers; print counts, patterns and shared aliases.
    Check(check::Args),
    /// Benchmarks with expected counts (see benches/run.sh).
    #[command(hide = true)]
    Bench(bench::Args),
    /// Compile gazetteer CSVs into one file that loads in milliseconds.
    Compile(compile::Args),
    /// Tag a gold corpus and score it as ../shared/eval/score.py does.
    Eval(eval::Args),
    /// List names the gazetteer lacks (people introduced by a title, places
    /// the text calls places, capitalised names beside known entities), with
    /// counts and an example.
    Discover(discover::Args),
    /// Fit the confidence calibration on development corpora.
    #[command(hide = true)]
    Calibrate(calibrate::Args),
    /// The most mentioned entities per kind in a gazetag output.
    Stats(stats::Args),
    /// Draw the places in a gazetag output on a world map (SVG or PNG).
    Map(map::Args),
    /// Serve tagging over HTTP: POST /tag, GET /health, GET /version.
    Serve(serve::Args),
    /// Derive gazetteer CSVs from open data dumps.
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Subcommand, Debug)]
enum ImportCommand {
    /// Countries, regions and cities from GeoNames dump files.
    Geonames(import_geonames::Args),
    /// People and agencies from the Factbook, PETRARCH2, congress-legislators and agency lists.
    Actors(import_actors::Args),
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        _ if cli.version => version(),
        None => {
            eprintln!("gazetag: a subcommand is required (try gazetag --help)");
            Ok(ExitCode::from(2))
        }
        Some(Command::Tag(args)) => tag::run(args),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Compile(args)) => compile::run(args),
        Some(Command::Bench(args)) => bench::run(args),
        Some(Command::Eval(args)) => eval::run(args),
        Some(Command::Calibrate(args)) => calibrate::run(args),
        Some(Command::Discover(args)) => discover::run(args),
        Some(Command::Stats(args)) => stats::run(args),
        Some(Command::Map(args)) => map::run(args),
        Some(Command::Serve(args)) => serve::run(args),
        Some(Command::Import(ImportCommand::Geonames(args))) => import_geonames::run(args),
        Some(Command::Import(ImportCommand::Actors(args))) => import_actors::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("gazetag: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn version() -> anyhow::Result<ExitCode> {
    // The envelope of the compiled default carries its version: no need to
    // load 200k entities to print it.
    let head = gazetag::compiled::header(gazetag::EMBEDDED_COMPILED)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "gazetag {}", env!("CARGO_PKG_VERSION"))?;
    writeln!(out, "gazetteer {} (embedded default)", head.content_version)?;
    writeln!(out, "{}", gazetag::ATTRIBUTION)?;
    Ok(ExitCode::SUCCESS)
}
