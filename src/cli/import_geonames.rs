//! `gazetag import geonames`: countries, regions and cities from GeoNames
//! dumps. The rules live in the library: [`gazetag::import::geonames`].
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use gazetag::import::geonames::{import_to_dir, ImportOptions};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder laid out as shared/data (geonames/, geonames-points/, us-atlas/,
    /// iso-countries/, factbook/, demonyms/, wikidata-territories/); fills in
    /// every input not given below.
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Where countries.csv, regions.csv and cities.csv are written.
    #[arg(long, value_name = "DIR", default_value = "gazetteers")]
    out_dir: PathBuf,
    #[command(flatten)]
    inputs: Box<Inputs>,
    /// Curated region rows to merge into regions.csv (repeatable).
    #[arg(long, value_name = "FILE")]
    curated: Vec<PathBuf>,
    /// Word list (one per line, e.g. american-english-small): names that are
    /// common lowercase words get flag common_word. No flags without it.
    #[arg(long, value_name = "FILE")]
    common_words: Option<PathBuf>,
    /// Minimum population of a city; capitals and seats (PPLC, PPLA, PPLA2)
    /// are kept whatever theirs. The default was chosen by measurement on
    /// the development corpora (even documents; F1 peaks between 5,000 and
    /// 15,000: see the module docs of `gazetag::import::geonames`).
    #[arg(long, value_name = "N", default_value_t = 5000)]
    min_population: u64,
    /// Leave out second-level divisions (US counties, "X District").
    #[arg(long)]
    no_admin2: bool,
    /// Write cities without aliases (no alternate names at all).
    #[arg(long)]
    no_city_aliases: bool,
    /// Give aliases only to cities of at least this population: the
    /// alternate names of small places are mostly historical or foreign
    /// spellings that collide with common names (measured on the
    /// development corpora: see the module docs).
    #[arg(long, value_name = "N", default_value_t = 50_000)]
    alias_min_population: u64,
    /// Stop at the first malformed line instead of skipping it.
    #[arg(long)]
    strict: bool,
}

/// Inputs overriding the --data layout, and the feature filters. Boxed to
/// keep the subcommand enum small.
#[derive(clap::Args, Debug)]
struct Inputs {
    /// The 19-column place table: cities500.txt, allCountries.txt (.gz ok).
    #[arg(long, value_name = "FILE")]
    cities: Option<PathBuf>,
    /// admin1CodesASCII.txt.
    #[arg(long, value_name = "FILE")]
    admin1: Option<PathBuf>,
    /// admin2Codes.txt.
    #[arg(long, value_name = "FILE")]
    admin2: Option<PathBuf>,
    /// countryInfo.txt.
    #[arg(long, value_name = "FILE")]
    country_info: Option<PathBuf>,
    /// Feature classes kept in cities.csv (repeatable).
    #[arg(long, value_name = "CLASS", default_values_t = ["P".to_string()])]
    feature_class: Vec<String>,
    /// Keep only these feature codes (repeatable; default: all of the class).
    #[arg(long, value_name = "CODE")]
    feature_code: Vec<String>,
    /// Feature codes dropped (repeatable).
    #[arg(long, value_name = "CODE", default_values_t = ["PPLH", "PPLQ", "PPLW", "PPLCH"].map(String::from))]
    exclude_feature_code: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut opts = ImportOptions::from_data_dir(&args.data);
    let inputs = *args.inputs;
    if let Some(p) = inputs.cities {
        opts.cities = p;
    }
    if let Some(p) = inputs.admin1 {
        opts.admin1 = p;
    }
    if let Some(p) = inputs.admin2 {
        opts.admin2 = p;
    }
    if let Some(p) = inputs.country_info {
        opts.country_info = p;
    }
    opts.curated = args.curated;
    opts.common_words = args.common_words;
    opts.min_population = args.min_population;
    opts.feature_classes = inputs.feature_class;
    opts.feature_codes = inputs.feature_code;
    opts.exclude_feature_codes = inputs.exclude_feature_code;
    opts.second_level = !args.no_admin2;
    opts.city_aliases = !args.no_city_aliases;
    opts.alias_min_population = args.alias_min_population;
    opts.strict = args.strict;
    let report = import_to_dir(&opts, &args.out_dir).context("import geonames")?;
    for note in &report.notes {
        eprintln!("gazetag: {note}");
    }
    for w in &report.warnings {
        eprintln!("gazetag: warning: {w}");
    }
    if report.warnings.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("gazetag: {} malformed lines skipped", report.warnings.len());
        Ok(ExitCode::from(1))
    }
}
