//! `gazetag discover`: names the gazetteer lacks, with counts and an
//! example, as CSV ready to curate.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazetag::discover::Discovery;
use gazetag::input::{expand, read_all, Fields, Item};
use gazetag::TaggerBuilder;

use super::gazetteer_args::GazetteerArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Corpus files or directories (as for `tag`); `-` or nothing: stdin JSONL.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Leave out names seen fewer times than this.
    #[arg(long, default_value_t = 2, value_name = "N")]
    min_count: u64,
    /// JSONL field (or CSV column) holding the text.
    #[arg(long = "text-field", default_value = "text")]
    text_field: String,
    /// JSONL field (or CSV column) holding the id.
    #[arg(long = "id-field", default_value = "id")]
    id_field: String,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tagger = TaggerBuilder::new().build(args.gazetteer.load()?)?;
    let sources = expand(&args.inputs).context("cannot list the inputs")?;
    let fields = Fields {
        text: args.text_field.clone(),
        id: args.id_field.clone(),
        keep: vec![],
    };
    let mut discovery = Discovery::new();
    let mut skipped = 0u64;
    let n = tagger.gazetteer().len();
    read_all(&sources, None, &fields, &mut |item| {
        match item {
            Item::Doc(d) => {
                let tagged = tagger.tag_document(&d.text);
                discovery.document(&d.id, &d.text, &tagged, n);
            }
            Item::Warning(p) => eprintln!("gazetag: warning: {p}"),
            Item::Skipped(p) => {
                skipped += 1;
                eprintln!("gazetag: skipped: {p}");
            }
        }
        true
    });
    let mut w = csv::Writer::from_writer(io::stdout().lock());
    w.write_record([
        "name",
        "kind",
        "evidence",
        "count",
        "documents",
        "first_document",
        "example",
    ])?;
    for f in discovery.finish(args.min_count) {
        w.write_record([
            f.name,
            f.kind.to_string(),
            f.evidence.to_string(),
            f.count.to_string(),
            f.documents.to_string(),
            f.first_document,
            f.example,
        ])?;
    }
    w.flush()?;
    io::stdout().flush()?;
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
