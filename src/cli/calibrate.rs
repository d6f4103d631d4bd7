//! `gazetag calibrate`: fit the confidence calibration table
//! (`src/resolve/calibration.csv`) on development corpora.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazetag::eval::{self, Demonyms, DocFilter, EvalOptions, Prediction, Task};
use gazetag::resolve::calibration::Calibration;
use gazetag::TaggerBuilder;
use rayon::prelude::*;

use super::gazetteer_args::GazetteerArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A geoparsing gold corpus (places right when matched and within
    /// 161 km); repeatable.
    #[arg(long = "geo", value_name = "GOLD")]
    geo: Vec<PathBuf>,
    /// A geoparsing gold corpus that does not annotate adjectival toponyms
    /// (GeoVirus): as `--geo`, but its demonym mentions are left out of the
    /// fit rather than counted wrong; repeatable.
    #[arg(long = "geo-no-demonyms", value_name = "GOLD")]
    geo_no_demonyms: Vec<PathBuf>,
    /// An NER gold corpus (right when exact span and kind); repeatable.
    #[arg(long = "ner", value_name = "GOLD")]
    ner: Vec<PathBuf>,
    /// Which documents to fit on (the project fits on even ones and reports
    /// odd ones).
    #[arg(long, value_enum, default_value = "even")]
    docs: DocsArg,
    /// Where to write the table (CSV: group,raw_max,value).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum DocsArg {
    All,
    Even,
    Odd,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.geo.is_empty() && args.geo_no_demonyms.is_empty() && args.ner.is_empty() {
        anyhow::bail!("give at least one --geo, --geo-no-demonyms or --ner corpus");
    }
    let docs = match args.docs {
        DocsArg::All => DocFilter::All,
        DocsArg::Even => DocFilter::Even,
        DocsArg::Odd => DocFilter::Odd,
    };
    let tagger = TaggerBuilder::new()
        .raw_confidence(true)
        .build(args.gazetteer.load()?)?;
    let mut points: Vec<(String, f64, bool)> = vec![];
    let corpora = args
        .geo
        .iter()
        .map(|p| (p, Task::Geo, Demonyms::Place))
        .chain(
            args.geo_no_demonyms
                .iter()
                .map(|p| (p, Task::Geo, Demonyms::Ignore)),
        )
        .chain(args.ner.iter().map(|p| (p, Task::Ner, Demonyms::Misc)));
    for (path, task, demonyms) in corpora {
        let mut opts = EvalOptions::new(task);
        opts.docs = docs;
        opts.demonyms = demonyms;
        let gold = docs.select(eval::load_gold(path)?);
        let preds: Vec<Vec<Prediction>> = gold
            .par_iter()
            .map(|d| {
                let tagged = tagger.tag_document(&d.text);
                Prediction::all(&tagger, &d.text, &tagged, opts.demonyms)
            })
            .collect();
        let before = points.len();
        for (p, right) in eval::labelled(&gold, &preds, &opts) {
            points.push((p.group.clone(), p.confidence, right));
        }
        eprintln!(
            "gazetag: {}: {} labelled mentions",
            path.display(),
            points.len() - before
        );
    }
    let table = Calibration::fit(&points);
    std::fs::write(&args.output, &table)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    eprintln!(
        "gazetag: {} groups written to {}",
        Calibration::parse(&table).len(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
