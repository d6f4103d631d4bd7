//! `gazetag check`: validate gazetteers and report what they hold.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use gazetag::{Kind, TaggerBuilder};

use super::gazetteer_args::GazetteerArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gazetteer files or directories (default: the embedded gazetteer).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How many shared aliases to list (0: all).
    #[arg(long, default_value_t = 20, value_name = "N")]
    ambiguous: usize,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut gargs = args.gazetteer.clone();
    gargs.gazetteer.extend(args.paths.iter().cloned());
    let tagger = gargs.tagger(&TaggerBuilder::new())?;
    let mut per_kind: BTreeMap<Kind, usize> = BTreeMap::new();
    for e in tagger.gazetteer().entities() {
        *per_kind.entry(e.kind).or_default() += 1;
    }
    // Written with `?` so that `| head` ends quietly (main maps a broken
    // pipe to exit 0).
    let mut out = std::io::stdout().lock();
    let gaz = tagger.gazetteer();
    writeln!(
        out,
        "gazetteer {}: {} entities, no errors",
        tagger.version(),
        gaz.len()
    )?;
    for kind in Kind::ALL {
        writeln!(
            out,
            "  {:<8} {:>9}",
            kind.as_str(),
            per_kind.get(&kind).copied().unwrap_or(0)
        )?;
    }
    let matcher = tagger.matcher();
    writeln!(
        out,
        "patterns: {} distinct normalized names, automaton and tables {:.1} MiB",
        matcher.patterns_len(),
        matcher.memory_usage() as f64 / (1 << 20) as f64
    )?;
    let mut shared: Vec<(&str, Vec<gazetag::EntityId>)> = matcher
        .patterns()
        .filter(|(_, ids)| ids.len() > 1)
        .collect();
    shared.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    writeln!(out, "shared by several entities: {} patterns", shared.len())?;
    let n = if args.ambiguous == 0 {
        shared.len()
    } else {
        args.ambiguous.min(shared.len())
    };
    for (pat, ids) in &shared[..n] {
        let list: Vec<String> = ids
            .iter()
            .take(6)
            .map(|&id| {
                let e = gaz.get(id);
                format!("{} ({} {})", e.id, e.kind, e.country)
            })
            .collect();
        let more = if ids.len() > 6 {
            format!(" +{}", ids.len() - 6)
        } else {
            String::new()
        };
        writeln!(out, "  {pat:?} x{}: {}{more}", ids.len(), list.join(", "))?;
    }
    Ok(ExitCode::SUCCESS)
}
