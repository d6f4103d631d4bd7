//! `gazetag import actors`: people and agencies gazetteers (issue 5).
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use gazetag::import::actors::{self, Kind, Options};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Open-data folder (factbook/, petrarch2/, congress-legislators/ ...).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Folder with curated people.csv and agencies.csv [default: <OUT>/curated].
    #[arg(long)]
    curated: Option<PathBuf>,
    /// Output folder for people.csv and agencies.csv.
    #[arg(short, long, default_value = "gazetteers")]
    out: PathBuf,
    /// Date that separates past from current terms (YYYY-MM-DD).
    #[arg(long, default_value = "2026-05-17")]
    today: String,
    /// Print per-subtype and per-role counts.
    #[arg(long)]
    stats: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = Options {
        curated: args
            .curated
            .clone()
            .unwrap_or_else(|| args.out.join("curated")),
        data: args.data.clone(),
        today: args.today.clone(),
    };
    let out = actors::build(&opts).context("building people and agencies")?;
    for w in &out.warnings {
        eprintln!("gazetag: warning: {w}");
    }
    actors::write(&args.out, &out).context("writing gazetteers")?;
    eprintln!(
        "gazetag: wrote {} people and {} agencies to {} ({} warnings)",
        out.people.len(),
        out.agencies.len(),
        args.out.display(),
        out.warnings.len()
    );
    if args.stats {
        for (label, rows) in [("people", &out.people), ("agencies", &out.agencies)] {
            let mut by: std::collections::BTreeMap<String, usize> = Default::default();
            for r in rows.iter() {
                *by.entry(format!("subtype={}", r.subtype)).or_default() += 1;
                if r.kind == Kind::Person {
                    for role in &r.roles {
                        *by.entry(format!("role={role}")).or_default() += 1;
                    }
                }
                for s in &r.sources {
                    *by.entry(format!("source={s}")).or_default() += 1;
                }
            }
            for (k, n) in by {
                let _ = writeln!(std::io::stdout(), "{label}\t{k}\t{n}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
