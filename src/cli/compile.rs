//! `gazetag compile`: gazetteer CSVs into one compiled file that
//! `--gazetteer` loads in milliseconds.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use gazetag::matcher::Matcher;
use gazetag::{compiled, Gazetteer};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gazetteer CSV files or directories of *.csv (default: the embedded
    /// default's CSVs); the files are merged, ids must be unique.
    #[arg(value_name = "GAZETTEER")]
    paths: Vec<PathBuf>,
    /// The compiled file to write (atomically).
    #[arg(short = 'o', long = "output", value_name = "FILE", required = true)]
    output: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let gaz = if args.paths.is_empty() {
        Gazetteer::embedded().context("the embedded default gazetteer is invalid")?
    } else {
        Gazetteer::from_paths(&args.paths)?
    };
    for w in gaz.warnings() {
        eprintln!("gazetag: warning: {w}");
    }
    let loaded = t0.elapsed();
    let matcher = Matcher::new(&gaz)?;
    let bytes = compiled::to_bytes(&gaz, &matcher, &gaz.version());
    let dir = match args.output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let write = || -> std::io::Result<()> {
        let mut tmp = tempfile::Builder::new()
            .prefix(".gazetag-")
            .suffix(".tmp")
            .tempfile_in(&dir)?;
        tmp.write_all(&bytes)?;
        tmp.as_file().sync_all()?;
        // Temp files are created 0600; the output is an ordinary file.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        tmp.persist(&args.output).map_err(|e| e.error)?;
        Ok(())
    };
    write().with_context(|| format!("cannot write {}", args.output.display()))?;
    eprintln!(
        "gazetag: compiled {} entities, {} patterns into {} ({:.1} MiB) in {:.2} s (loading {:.2} s)",
        gaz.len(),
        matcher.patterns_len(),
        args.output.display(),
        bytes.len() as f64 / (1 << 20) as f64,
        t0.elapsed().as_secs_f64(),
        loaded.as_secs_f64(),
    );
    Ok(ExitCode::SUCCESS)
}
