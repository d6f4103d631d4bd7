//! `gazetag eval`: tag a gold corpus and score the result as
//! `../shared/eval/score.py` does (see the library's `gazetag::eval`).

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazetag::eval::{
    self, Demonyms, DocFilter, EvalOptions, GeoScore, GoldDoc, Prediction, Prf, Report, Scores,
    Task,
};
use gazetag::input::Document;
use gazetag::output::{self, CsvFormat, Format};
use gazetag::{Tagged, Tagger, TaggerBuilder};
use rayon::prelude::*;

use super::gazetteer_args::GazetteerArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold corpus (JSONL: id, text, entities with start, end, text, kind,
    /// lat, lon; offsets in Unicode scalar values).
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    /// geo: toponym recognition (loose) and resolution; ner: CoNLL-style
    /// exact span and kind.
    #[arg(long, value_enum, default_value = "geo")]
    task: TaskArg,
    /// Geo task: require identical spans instead of the loose rule.
    #[arg(long)]
    exact: bool,
    /// Geo task: keep gold places without coordinates.
    #[arg(long = "all-gold")]
    all_gold: bool,
    /// What demonym mentions count as (default: place for geo, misc for ner).
    #[arg(long, value_enum)]
    demonyms: Option<DemonymsArg>,
    /// Documents to evaluate, by 0-based position in the gold file (tune on
    /// even, report odd).
    #[arg(long, value_enum, default_value = "all")]
    docs: DocsArg,
    /// Print a JSON object (score.py's keys) instead of tables.
    #[arg(long)]
    json: bool,
    /// Also write the predictions as gazetag's CSV output, for score.py.
    #[arg(long = "dump-csv", value_name = "FILE")]
    dump_csv: Option<PathBuf>,
    /// Disable a resolution rule (repeatable).
    #[arg(long = "disable", value_name = "RULE")]
    disable: Vec<String>,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum TaskArg {
    Geo,
    Ner,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum DemonymsArg {
    Place,
    Misc,
    Ignore,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum DocsArg {
    All,
    Even,
    Odd,
}

fn options(args: &Args) -> EvalOptions {
    let task = match args.task {
        TaskArg::Geo => Task::Geo,
        TaskArg::Ner => Task::Ner,
    };
    let demonyms = match args.demonyms {
        None => Demonyms::default_for(task),
        Some(DemonymsArg::Place) => Demonyms::Place,
        Some(DemonymsArg::Misc) => Demonyms::Misc,
        Some(DemonymsArg::Ignore) => Demonyms::Ignore,
    };
    let docs = match args.docs {
        DocsArg::All => DocFilter::All,
        DocsArg::Even => DocFilter::Even,
        DocsArg::Odd => DocFilter::Odd,
    };
    EvalOptions {
        task,
        exact: args.exact,
        all_gold: args.all_gold,
        demonyms,
        docs,
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = options(&args);
    let gold = eval::load_gold(&args.gold)?;
    let gold = opts.docs.select(gold);
    let gaz = args.gazetteer.load()?;
    let mut builder = TaggerBuilder::new();
    for rule in &args.disable {
        builder.disable_rule(rule);
    }
    let tagger = builder.build(gaz)?;

    // Each document is tagged independently; collect() keeps file order,
    // so the output does not depend on the number of threads.
    let tagged: Vec<Tagged> = gold
        .par_iter()
        .map(|d| tagger.tag_document(&d.text))
        .collect();
    let preds: Vec<Vec<Prediction>> = gold
        .iter()
        .zip(&tagged)
        .map(|(d, t)| Prediction::all(&tagger, &d.text, t, opts.demonyms))
        .collect();
    if let Some(path) = &args.dump_csv {
        dump_csv(&tagger, &gold, &tagged, path)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let report = eval::evaluate(&gold, &preds, &opts);

    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        out.write_all(render(&report, &args.gold.display().to_string()).as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn dump_csv(
    tagger: &Tagger,
    gold: &[GoldDoc],
    tagged: &[Tagged],
    path: &std::path::Path,
) -> io::Result<()> {
    let format = CsvFormat::new(&[]);
    let ctx = output::Context {
        gazetteer: tagger.gazetteer(),
        version: tagger.version(),
    };
    let mut wtr = BufWriter::new(File::create(path)?);
    let mut buf = vec![];
    format.header(&mut buf);
    for (i, (g, t)) in gold.iter().zip(tagged).enumerate() {
        let doc = Document {
            id: g.id.clone(),
            text: g.text.clone(),
            keep: vec![],
            keep_json: vec![],
            origin: format!("{}:{}", path.display(), i + 1),
        };
        format.document(&doc, t, &ctx, &mut buf);
        wtr.write_all(&buf)?;
        buf.clear();
    }
    format.footer(&mut buf);
    wtr.write_all(&buf)?;
    wtr.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// The terminal report: aligned tables.
fn render(r: &Report, gold: &str) -> String {
    let mut s = String::new();
    let task = match r.task {
        Task::Geo => "geo",
        Task::Ner => "ner",
    };
    let docs = match r.docs {
        DocFilter::All => "all",
        DocFilter::Even => "even",
        DocFilter::Odd => "odd",
    };
    let demonyms = match r.demonyms {
        Demonyms::Place => "place",
        Demonyms::Misc => "misc",
        Demonyms::Ignore => "ignore",
    };
    let _ = writeln!(
        s,
        "{gold}: task {task}, documents {docs} ({}), {} prediction(s) scored, demonyms as {demonyms}{}{}",
        r.documents,
        r.predictions,
        if r.exact { ", exact spans" } else { "" },
        if r.all_gold { ", all gold" } else { "" },
    );
    let prf_header = |s: &mut String, first: &str| {
        let _ = writeln!(
            s,
            "{first:<22} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
            "P", "R", "F1", "tp", "fp", "fn"
        );
    };
    let prf_row = |s: &mut String, name: &str, p: &Prf| {
        let _ = writeln!(
            s,
            "{name:<22} {:>7.4} {:>7.4} {:>7.4} {:>7} {:>7} {:>7}",
            p.p, p.r, p.f1, p.tp, p.fp, p.fn_
        );
    };
    let geo_prf = |g: &GeoScore| Prf {
        tp: g.tp,
        fp: g.fp,
        fn_: g.fn_,
        p: g.p,
        r: g.r,
        f1: g.f1,
    };
    match &r.scores {
        Scores::Geo(g) => {
            s.push('\n');
            prf_header(&mut s, "recognition (places)");
            prf_row(&mut s, "loose", &geo_prf(&g.loose));
            prf_row(&mut s, "strict", &geo_prf(&g.strict));
            s.push('\n');
            let _ = writeln!(
                s,
                "{:<22} {:>7} {:>7} {:>9} {:>9} {:>7}",
                "resolution", "n_err", "acc@161", "mean_km", "median_km", "AUC"
            );
            let res = |s: &mut String, name: &str, g: &GeoScore| {
                let _ = writeln!(
                    s,
                    "{name:<22} {:>7} {:>7.4} {:>9.1} {:>9.1} {:>7.4}",
                    g.n_err, g.acc161, g.mean_km, g.median_km, g.auc
                );
            };
            res(&mut s, "loose", &g.loose);
            res(&mut s, "strict", &g.strict);
            s.push('\n');
            prf_header(&mut s, "kind (exact span+kind)");
            for (k, p) in g.kinds.rows() {
                prf_row(&mut s, k.as_str(), &p);
            }
        }
        Scores::Ner(n) => {
            s.push('\n');
            prf_header(&mut s, "kind (exact span+kind)");
            for k in eval::GoldKind::ALL {
                prf_row(&mut s, k.as_str(), n.get(k));
            }
            prf_row(&mut s, "micro (per/place/org)", &n.micro_per_loc_org);
        }
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "{:<22} {:>7} {:>7} {:>7} {:>9}",
        "reliability", "count", "right", "share", "mean_conf"
    );
    for b in &r.reliability.buckets {
        let close = if b.hi >= 1.0 { ']' } else { ')' };
        let name = format!("[{:.1}, {:.1}{close}", b.lo, b.hi);
        if b.count == 0 {
            let _ = writeln!(s, "{name:<22} {:>7} {:>7} {:>7} {:>9}", 0, 0, "-", "-");
        } else {
            let _ = writeln!(
                s,
                "{name:<22} {:>7} {:>7} {:>7.3} {:>9.3}",
                b.count, b.right, b.share_right, b.mean_confidence
            );
        }
    }
    s
}
