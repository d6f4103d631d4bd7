//! `gazetag stats FILE`: the most mentioned entities per kind, from the
//! CSV, JSONL, GeoJSON or GeoJSONL that `gazetag tag` wrote (sniffed from
//! the content, see `gazetag::output::readback`). `gazetag stats --top 2
//! out.csv` prints a line of totals, then one table per kind:
//!
//! ```text
//! 18 mention(s) of 14 entities in 1 document(s)
//!
//! country: 3 entities, 6 mention(s)
//!   #  mentions  docs  id      name
//!   1         3     1  iso:RU  Russia
//!   2         2     1  iso:SY  Syria
//! ...
//! ```
//!
//! `docs` counts documents with at least one mention (GeoJSON carries it
//! per place; CSV only has documents with mentions).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use gazetag::output::readback::{self, EntityCount};
use gazetag::Kind;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A gazetag output (CSV, JSONL, GeoJSON, GeoJSONL); `-` for stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Entities listed per kind.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rb = readback::read_path(&args.file)?;
    let mut out = std::io::stdout().lock();
    out.write_all(render(&rb, args.top).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The report: a line of totals, then one aligned table per kind that has
/// mentions.
fn render(rb: &readback::Readback, top: usize) -> String {
    let mentions: u64 = rb.entities.iter().map(|e| e.mentions).sum();
    let mut s = format!("{mentions} mention(s) of {} entities", rb.entities.len());
    if rb.documents > 0 {
        s.push_str(&format!(" in {} document(s)", rb.documents));
    }
    if let Some(v) = &rb.gazetteer {
        s.push_str(&format!(", gazetteer {v}"));
    }
    s.push('\n');
    for kind in Kind::ALL {
        let of_kind: Vec<&EntityCount> = rb.entities.iter().filter(|e| e.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let total: u64 = of_kind.iter().map(|e| e.mentions).sum();
        s.push_str(&format!(
            "\n{kind}: {} entities, {total} mention(s)\n",
            of_kind.len()
        ));
        let header = ["#", "mentions", "docs", "id", "name"];
        let rows: Vec<[String; 5]> = of_kind
            .iter()
            .take(top)
            .enumerate()
            .map(|(i, e)| {
                [
                    (i + 1).to_string(),
                    e.mentions.to_string(),
                    e.documents.to_string(),
                    e.id.clone(),
                    e.name.clone(),
                ]
            })
            .collect();
        let width = |c: usize| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([header[c].len()])
                .max()
                .unwrap_or(0)
        };
        let w: Vec<usize> = (0..5).map(width).collect();
        // Numbers right-aligned, text left-aligned; no trailing spaces.
        let line = |cells: [&str; 5]| {
            format!(
                "  {:>w0$}  {:>w1$}  {:>w2$}  {:<w3$}  {}\n",
                cells[0],
                cells[1],
                cells[2],
                cells[3],
                cells[4],
                w0 = w[0],
                w1 = w[1],
                w2 = w[2],
                w3 = w[3]
            )
        };
        s.push_str(&line(header));
        for r in &rows {
            s.push_str(&line([&r[0], &r[1], &r[2], &r[3], &r[4]]));
        }
    }
    s
}
