//! `gazetag map FILE -o map.svg|png`: a world map of the places a gazetag
//! output mentions.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use gazetag::output::{map, readback};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A gazetag output (CSV, JSONL, GeoJSON, GeoJSONL); `-` for stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The picture to write: `.svg` or `.png`.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// The title (default: "Places mentioned in FILE").
    #[arg(long)]
    title: Option<String>,
    /// How many of the most mentioned places are labelled.
    #[arg(long, value_name = "N", default_value_t = 12)]
    labels: usize,
    /// Width in pixels.
    #[arg(long, value_name = "PX", default_value_t = 1200)]
    width: u32,
}

enum Picture {
    Svg,
    Png,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let ext = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let picture = match ext.as_deref() {
        Some("svg") => Picture::Svg,
        Some("png") => Picture::Png,
        _ => bail!(
            "-o {}: the name must end in .svg or .png",
            args.output.display()
        ),
    };
    if !(200..=8000).contains(&args.width) {
        bail!("--width must be between 200 and 8000 pixels");
    }
    let rb = readback::read_path(&args.file)?;
    let name = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let opts = map::MapOptions {
        title: args
            .title
            .unwrap_or_else(|| format!("Places mentioned in {name}")),
        labels: args.labels,
        width: f64::from(args.width),
    };
    let svg = map::svg(&rb, &opts);
    let bytes = match picture {
        Picture::Svg => svg.into_bytes(),
        #[cfg(feature = "png")]
        Picture::Png => map::png::render(&svg)?,
        #[cfg(not(feature = "png"))]
        Picture::Png => {
            bail!("this gazetag was built without PNG support (feature \"png\"): write .svg")
        }
    };
    std::fs::write(&args.output, bytes)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    Ok(ExitCode::SUCCESS)
}
