//! GeoNames importer: `countries.csv`, `regions.csv` and `cities.csv` from the
//! standard GeoNames dumps plus the point, name and demonym tables in
//! `../shared/data/` (issue 4).
//!
//! # Regenerating the shipped gazetteers
//!
//! ```text
//! cargo run --release -- import geonames --data /work/shared/data \
//!     --common-words /work/shared/data/words/american-english-small \
//!     --curated gazetteers/curated/regions.csv \
//!     --out-dir gazetteers
//! ```
//!
//! `--data DIR` fills in every input from the layout of `shared/data` (each can
//! be overridden: `--cities`, `--admin1`, `--admin2`, `--country-info`, ...;
//! `gazetag import geonames --help` lists them). Inputs may be `.gz`. The place
//! table is streamed line by line and only kept rows are held, so a 1.5 GB
//! `allCountries.txt` runs in small memory (`--cities allCountries.txt.gz`).
//! Rows are sorted by a stable key (countries by ISO code, regions by code,
//! cities by geonameid) and no hash-map order reaches the output: the same
//! inputs give byte-identical files.
//!
//! # Measured (shared/data, 2026-11)
//!
//! `cities500.txt` (199,568 rows) in 1.3 s wall, 160 MB peak RSS (release
//! build). Output: 250 countries; 7,610 regions (3,832 first-level divisions,
//! 48 left out for want of a point; 3,096 US counties, 1,387 of them with a
//! us-atlas centroid, 2 left out; 161 other "X District"/"X County"
//! divisions, 1,295 left out for want of a point; 521 curated rows); 125,059
//! cities at `--min-population 1000` (13.3 MB). A county centroid from
//! us-atlas lies a median 2.3 km from GeoNames' own point for the counties
//! that have both. The shipped default (2026-11-30, population 5,000 and
//! up): 7,795 regions, 102 of them British second-level divisions (42 named
//! like a British town left out).
//!
//! # Choosing the minimum city population
//!
//! Measured with `gazetag eval --docs even` on LGL and GeoVirus (demonyms
//! counted as places), everything else equal (2026-11-30):
//!
//! | min population | cities | LGL P | LGL R | LGL F1 | LGL acc@161 | GeoVirus F1 | GeoVirus acc@161 |
//! |---|---|---|---|---|---|---|---|
//! | 500 (all of cities500) | 166,641 | .697 | .900 | .786 | .787 | .802 | .819 |
//! | 1,000 | 125,059 | .715 | .896 | .795 | .779 | .803 | .824 |
//! | **5,000** (default) | 64,794 | .757 | .868 | **.809** | .769 | .808 | .822 |
//! | 15,000 | 42,811 | .777 | .842 | .808 | .762 | .808 | .827 |
//! | 50,000 | 29,903 | .784 | .808 | .796 | .745 | .810 | .835 |
//!
//! Each step up removes more false positives (small towns named like words
//! and people) than true places, until about 15,000; 5,000 keeps the best
//! F1 on both corpora with the most recall. Capitals and seats are kept at
//! any population.
//!
//! # Ids
//!
//! `iso:XX` for countries (ISO 3166-1 alpha-2, `XK` for Kosovo), `gn:<id>`
//! (the GeoNames geonameid) for divisions and cities. Curated rows keep their
//! own ids (`cur:...`); an id used twice is an error.
//!
//! # countries.csv
//!
//! One row per code in `iso-countries/codes.json` (ISO 3166-1 plus `XK`),
//! so every country and territory is there, including Kosovo, Palestine and
//! Taiwan; GeoNames' retired `AN` and `CS` are not.
//! - name: GeoNames' `countryInfo.txt` name (the one English news uses: Syria,
//!   Ivory Coast, North Korea), except where [`countries::NAME_OVERRIDES`]
//!   sets the current one (North Macedonia, Eswatini, Palestine, Vatican City).
//! - aliases: the names in `iso-countries/en.json`, the Factbook's
//!   conventional short and long forms and former names, and the curated
//!   [`countries::EXTRA_ALIASES`] (Holland, Burma, Türkiye, America, ...).
//!   Former names are split on `,`/`;`; an item with brackets, a lowercase
//!   word other than a particle (`of`, `the`, `and`, ...), a name that another
//!   country also claims, or a name in [`countries::FORMER_DENYLIST`] (cities
//!   and ancient names: Quito, Mesopotamia) is dropped. Aliases equal to the
//!   name after case and diacritic folding are dropped, and so is any code
//!   (`US`, `U.S.A.`): codes go to weak aliases only.
//! - weak_aliases: only [`countries::WEAK_ALIASES`], the codes the news writes
//!   (US, U.S., USA, U.S.A., UK, U.K., UAE, U.A.E., DRC, PRC, ROK, DPRK, KSA,
//!   BiH, PNG). Not every ISO code: "IN", "AT", "TO", "BY" are words.
//! - demonyms: the Factbook nationality noun and adjective (`Syrian(s)` gives
//!   `Syrian|Syrians`, `Frenchman(men)` gives `Frenchman|Frenchmen`;
//!   "(singular and plural)" forms such as `Chinese` get no plural), the
//!   `demonyms/nat_df.csv` forms (with an `s` plural when they end in `an` or
//!   `i`: Afghan, Iraqi) and [`countries::EXTRA_DEMONYMS`]. A demonym claimed
//!   by several countries goes to the most populous only (Korean → South
//!   Korea, Congolese → DR Congo, Dutch → Netherlands); one that is itself a
//!   country name or alias (Congo, Luxembourg) is dropped.
//! - lat, lon: the GeoNames point near the geographic centre
//!   (`geonames-points/country_points.csv`; United States 39.76,-98.5), never
//!   the capital. Where that table has no point, or its point lies more than
//!   [`countries::MAX_POINT_DISAGREEMENT_KM`] from the Factbook's "geographic
//!   coordinates" (also a centre point; GeoNames' South Sudan is Juba, its
//!   Canada 1,000 km west of the centre), the Factbook's, flag
//!   `point_factbook`; failing that
//!   [`countries::POINT_FALLBACKS`] (UM: Wake Island), flag `point_curated`.
//! - population, geonames_id: `countryInfo.txt`; wikidata_id:
//!   `wikidata-territories/territories.jsonl`.
//! - feature_code: `PCLI` for a territory that is a country with no parent in
//!   `territories.jsonl`, `PCLD` for a dependency (a parent), `TERR`
//!   otherwise; Antarctica is `CONT`, Western Sahara `TERR`.
//! - flags: `given_name` for the names in [`countries::GIVEN_NAMES`] (Chad,
//!   Jordan, Georgia, Israel, India, Kenya, China, Jamaica, Mali);
//!   `common_word` (see below).
//!
//! # regions.csv
//!
//! - Every first-level division in `admin1CodesASCII.txt` (`ADM1`, subtype
//!   `admin1`, admin1 = its own code). GeoNames gives divisions no
//!   population; each gets the summed population of the cities kept in it
//!   (a lower bound, enough to rank England the division above England,
//!   Arkansas). Aliases: the ASCII name when it folds
//!   differently, and a short form with the administrative word removed
//!   (suffixes such as Governorate, Province, Oblast, Region, Prefecture,
//!   Department, District, County, State, City, Municipality; prefixes such
//!   as "State of", "Province of"), kept only when it is still a name:
//!   at least three letters, capitalised, not only compass or generic words
//!   (Central, Northern, Capital, ...), not the name of another division of
//!   the same country or of a country. Short forms will collide with cities
//!   (Latakia the governorate and the city): resolution handles that. The
//!   ASCII name is left out when it only spells umlauts out ("Vaermland") or
//!   writes an ʻokina as a backtick. A name made only of compass or generic
//!   words with no administrative word ("Central", "North-West", "Upper
//!   East", "Islands": 50-odd divisions in Ghana, Cameroon, Zambia, Fiji...)
//!   is kept as GeoNames has it but flagged `generic_name`: a bare "North"
//!   is almost never a mention of Cameroon's North Region.
//! - US states: AP-style abbreviations (`Calif.`, `W.Va.`, `D.C.`) and postal
//!   codes as weak aliases, except the postal codes that are English words or
//!   common all-caps tokens in news (`IN`, `OR`, `ME`, `OK`, `HI`, `OH`, `ID`,
//!   `LA`, `MA`, `PA`, `DE`, `AL`, `CO`, `MD`, `MO`, `MS`, `MT`, `NE`, `SC`,
//!   `CT`, `VA`, `UT`, `AR`, `MI`, `WA`): weak aliases match exactly, and an
//!   all-caps headline writes them ([`regions::US_STATES`]).
//! - US counties from `admin2Codes.txt` whose name ends in County, Parish,
//!   Borough or Census Area (`ADM2`, subtype `admin2`, admin1 = the state).
//!   No alias without the word: a bare "Laurel" is not a county mention.
//! - Other countries' second-level divisions named "X District" or
//!   "X County" that have a GeoNames point (conservative: no point, no row),
//!   and those GeoNames calls provinces in English ("Province of Nueva
//!   Ecija", "Settat Province": 78 rows, most of them Philippine and
//!   Burkinabe provinces), which also take the first-level short form
//!   ("Nueva Ecija") unless it is the name or short form of a first-level
//!   division of the same country or a country's name.
//! - British second-level divisions under their own names: counties and
//!   council areas ("Suffolk", "Fife", "County Durham", "Isle of Wight"),
//!   not those named as a city or borough ("City of York", "Borough of
//!   Swindon") or with a comma, nor those named like a British town kept
//!   in `cities.csv` ("Reading", "Stirling": the town is what news means).
//!   County cricket sides bear these names: the `teams` rule takes them
//!   for sides in a cricket story.
//! - Other second-level divisions (Italian "Provincia di", Australian
//!   local government areas, municipalities) stay out: most share a
//!   town's name.
//! - Rows of each `--curated FILE` (continents, world regions, physical
//!   features: same schema), copied as they are after validation (kind
//!   `region`, a name, lat/lon in range, an unused id).
//! - Points: `geonames-points/admin1_points.csv` for divisions. Its `source`
//!   column says where a point comes from: GeoNames' own (source `geonames`),
//!   a Natural Earth label point (source `geonames+naturalearth`), the seat city
//!   (flag `point_seat`) or the largest city (flag `point_largest_city`); a
//!   division without a point is left out and counted. Second-level divisions
//!   take `geonames-points/geonames_A_points.tsv`; a US county missing there
//!   takes the area-weighted centroid of its outline in
//!   `us-atlas/counties-10m.json` (5-digit FIPS = state FIPS + county code;
//!   source `geonames+us-atlas`).
//!
//! # cities.csv
//!
//! Places of the feature classes kept (`--feature-class`, default `P`) with a
//! population of at least `--min-population` (default 1000), plus every
//! capital and seat (`PPLC`, `PPLA`, `PPLA2`) whatever its population. Codes
//! in `--exclude-feature-code` (default `PPLH`, `PPLQ`, `PPLW`, `PPLCH`:
//! historical, abandoned, destroyed places) are dropped; `--feature-code`
//! keeps only the codes given. name: the GeoNames `name`; admin1: `CC.ADM1`
//! (empty when GeoNames has none or `00`); population empty when GeoNames
//! says 0 (unknown).
//!
//! ## Alias filter (cities)
//!
//! A city's aliases are its `alternatenames` plus its ASCII name, each kept
//! only if it is what a reader of English-language news meets
//! ([`alias::judge`], tested as a table):
//! 1. not empty, at most 60 characters;
//! 2. no digit, no bracket;
//! 3. Latin script only: letters of Basic Latin, Latin-1, Latin Extended-A/B
//!    and Latin Extended Additional, combining diacritics, space and
//!    `- ' ’ ‘ ʻ ʼ .` (so no comma: "Washington, D.C." goes);
//! 4. not a code: an entry with no lowercase letter (`NYC`, `EGLL`), or with
//!    a token of two or three capitals (`Washington DC`, `D.C.`);
//! 5. at least three letters;
//! 6. capitalised like a name: it starts with a capital (after an optional
//!    particle: `al-Ladhiqiyah`, `'s-Hertogenbosch`) and its only lowercase
//!    words are particles (`de`, `am`, `upon`, ...). The dump's `alternatenames`
//!    carry lowercase transliterations of other scripts (`ji fu`, `kyf`) and
//!    phrases (`Kiev osh`, `Sao Paulo capital`), which this drops;
//! 7. not the name again once case and diacritics are folded (`Sao Paulo` for
//!    São Paulo: the tagger folds diacritics itself);
//! 8. not a common word (see below);
//! 9. not a country's name or alias (`Mexico` for Mexico City, `Kuwait` for
//!    Kuwait City: the country row owns that name);
//!
//! then one alias per folded form (the first in sorted order), sorted. So
//! Kyiv keeps `Kiev`, São Paulo needs and gets no `Sao Paulo`.
//! `--no-city-aliases` ([`ImportOptions::city_aliases`]) writes no city
//! aliases at all, for measuring what they add.
//!
//! # Common words
//!
//! With `--common-words FILE` (one word per line, e.g.
//! `words/american-english-small`; only lowercase entries count, so the
//! list's proper nouns such as "Paris" do not), a row whose name or any
//! alias, lowercased, is a listed word gets flag `common_word` (Nice, Mobile,
//! Reading, Bath, Split, Male, Van, Said; Turkey and China too: the engine
//! asks such a mention for support). Exception: a city alias taken from
//! GeoNames' multilingual `alternatenames` that is a common word is dropped
//! instead of flagging the row, since it is usually another language's
//! spelling ("Nice" as a variant of Nizza) and the row's real name is not in
//! doubt. Without the option no row is flagged.
//!
//! # Errors
//!
//! A malformed line is reported as `path:line: what` ([`GeonamesError`]) and
//! skipped; the run continues and [`Report::warnings`] lists them (the
//! command exits non-zero if there are any). With [`ImportOptions::strict`]
//! the first one stops the run. A missing or unreadable input file always
//! stops it.
use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::import::{write_rows, Row, WordList};

pub mod alias;
pub mod cities;
pub mod countries;
pub mod dump;
pub mod regions;
pub mod topojson;

/// An error or warning from the GeoNames importer, naming the file and, when
/// it is about one line, the line (`cities500.txt:1234: latitude 912.5 out of
/// range`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeonamesError {
    path: PathBuf,
    line: Option<u64>,
    msg: String,
}

impl GeonamesError {
    /// An error about line `line` (1-based) of `path`.
    pub fn at(path: &Path, line: u64, msg: impl Into<String>) -> GeonamesError {
        GeonamesError {
            path: path.to_path_buf(),
            line: Some(line),
            msg: msg.into(),
        }
    }

    /// An error about the file `path` as a whole.
    pub fn file(path: &Path, msg: impl Into<String>) -> GeonamesError {
        GeonamesError {
            path: path.to_path_buf(),
            line: None,
            msg: msg.into(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, err: &io::Error) -> GeonamesError {
        GeonamesError::file(path, err.to_string().to_lowercase())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn line(&self) -> Option<u64> {
        self.line
    }

    pub fn message(&self) -> &str {
        &self.msg
    }
}

impl fmt::Display for GeonamesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.msg),
            None => write!(f, "{}: {}", self.path.display(), self.msg),
        }
    }
}

impl std::error::Error for GeonamesError {}

/// Every input and option of an import. Build one with
/// [`ImportOptions::from_data_dir`] and adjust fields.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The 19-column place table (`cities500.txt`, `allCountries.txt`, `.gz`).
    pub cities: PathBuf,
    pub admin1: PathBuf,
    pub admin2: PathBuf,
    pub country_info: PathBuf,
    pub country_points: PathBuf,
    pub admin1_points: PathBuf,
    /// `geonames_A_points.tsv`: geonameid → point for divisions.
    pub a_points: PathBuf,
    /// US county outlines (TopoJSON) for county centroids; optional.
    pub us_counties: Option<PathBuf>,
    pub iso_names: PathBuf,
    pub iso_codes: PathBuf,
    /// The Factbook folder (`<region>/<fips>.json`); optional.
    pub factbook: Option<PathBuf>,
    pub demonyms: Option<PathBuf>,
    pub territories: Option<PathBuf>,
    /// Curated region files merged into regions.csv.
    pub curated: Vec<PathBuf>,
    pub common_words: Option<PathBuf>,
    pub min_population: u64,
    pub feature_classes: Vec<String>,
    /// When not empty, only these feature codes are kept (seats and capitals
    /// included).
    pub feature_codes: Vec<String>,
    pub exclude_feature_codes: Vec<String>,
    /// Codes kept whatever their population.
    pub always_codes: Vec<String>,
    /// Give cities the filtered alternate names as aliases (otherwise none).
    pub city_aliases: bool,
    /// Cities under this population get no aliases.
    pub alias_min_population: u64,
    /// Include second-level divisions (US counties, "X District"/"X County",
    /// provinces).
    pub second_level: bool,
    pub strict: bool,
}

impl ImportOptions {
    /// Options reading every input from the layout of `shared/data`.
    pub fn from_data_dir(dir: &Path) -> ImportOptions {
        let opt = |p: &str| {
            let p = dir.join(p);
            p.exists().then_some(p)
        };
        ImportOptions {
            cities: dir.join("geonames/cities500.txt"),
            admin1: dir.join("geonames/admin1CodesASCII.txt"),
            admin2: dir.join("geonames/admin2Codes.txt"),
            country_info: dir.join("geonames/countryInfo.txt"),
            country_points: dir.join("geonames-points/country_points.csv"),
            admin1_points: dir.join("geonames-points/admin1_points.csv"),
            a_points: dir.join("geonames-points/geonames_A_points.tsv"),
            us_counties: opt("us-atlas/counties-10m.json"),
            iso_names: dir.join("iso-countries/en.json"),
            iso_codes: dir.join("iso-countries/codes.json"),
            factbook: opt("factbook"),
            demonyms: opt("demonyms/nat_df.csv"),
            territories: opt("wikidata-territories/territories.jsonl"),
            curated: Vec::new(),
            common_words: None,
            min_population: 1000,
            feature_classes: vec!["P".to_string()],
            feature_codes: Vec::new(),
            exclude_feature_codes: ["PPLH", "PPLQ", "PPLW", "PPLCH"].map(String::from).to_vec(),
            always_codes: ["PPLC", "PPLA", "PPLA2"].map(String::from).to_vec(),
            city_aliases: true,
            alias_min_population: 50_000,
            second_level: true,
            strict: false,
        }
    }
}

/// What an import produced.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub countries: Vec<Row>,
    pub regions: Vec<Row>,
    pub cities: Vec<Row>,
    /// Malformed lines that were skipped.
    pub warnings: Vec<GeonamesError>,
    /// Human-readable counts (divisions without a point, aliases dropped...).
    pub notes: Vec<String>,
}

/// Collects warnings, or turns the first into an error under `strict`.
pub(crate) struct Problems {
    strict: bool,
    pub(crate) warnings: Vec<GeonamesError>,
}

impl Problems {
    pub(crate) fn new(strict: bool) -> Problems {
        Problems {
            strict,
            warnings: Vec::new(),
        }
    }

    pub(crate) fn bad(&mut self, err: GeonamesError) -> Result<(), GeonamesError> {
        if self.strict {
            return Err(err);
        }
        self.warnings.push(err);
        Ok(())
    }
}

/// Runs the whole import in memory and returns the rows.
///
/// # Errors
///
/// A missing or unreadable input, a malformed line under `strict`, or a
/// curated id that collides with another row.
pub fn import(opts: &ImportOptions) -> Result<Report, GeonamesError> {
    let mut probs = Problems::new(opts.strict);
    let mut notes = Vec::new();
    let words = match &opts.common_words {
        Some(p) => Some(WordList::from_path(p).map_err(|e| GeonamesError::io(p, &e))?),
        None => None,
    };
    let countries = countries::build(opts, words.as_ref(), &mut probs, &mut notes)?;
    let country_names: BTreeSet<String> = countries
        .iter()
        .flat_map(|r| std::iter::once(&r.name).chain(r.aliases.iter()))
        .map(|s| crate::import::fold(s))
        .collect();
    let mut regions = regions::build(opts, &country_names, words.as_ref(), &mut probs, &mut notes)?;
    let cities = cities::build(opts, &country_names, words.as_ref(), &mut probs, &mut notes)?;
    drop_british_town_names(&mut regions, &cities, &mut notes);
    estimate_admin1_population(&mut regions, &cities, &mut notes);
    Ok(Report {
        countries,
        regions,
        cities,
        warnings: probs.warnings,
        notes,
    })
}

/// British second-level divisions that share the name of a British town
/// kept in `cities` ("Reading", "Stirling", "Wokingham": unitary
/// authorities named after their town) are left out: the town is what news
/// means, and a second row of the same name would only compete with it.
/// The counties stay ("Suffolk", "Kent", "Fife").
fn drop_british_town_names(regions: &mut Vec<Row>, cities: &[Row], notes: &mut Vec<String>) {
    let towns: BTreeSet<String> = cities
        .iter()
        .filter(|c| c.country == "GB")
        .flat_map(|c| std::iter::once(&c.name).chain(c.aliases.iter()))
        .map(|s| crate::import::fold(s))
        .collect();
    let british = |r: &Row| r.country == "GB" && r.subtype == "admin2";
    let before = regions.iter().filter(|r| british(r)).count();
    regions.retain(|r| !(british(r) && towns.contains(&crate::import::fold(&r.name))));
    let after = regions.iter().filter(|r| british(r)).count();
    notes.push(format!(
        "regions.csv: {after} British second-level divisions ({} named like a town left out)",
        before - after
    ));
}

/// GeoNames' division tables carry no population, yet resolution needs one
/// to weigh "England" the division against England, Arkansas. A first-level
/// division without one gets the sum of the populations of the cities kept
/// in it: a lower bound (villages under the city threshold are missing),
/// good enough to rank a division against a town of the same name.
fn estimate_admin1_population(regions: &mut [Row], cities: &[Row], notes: &mut Vec<String>) {
    let mut sums: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for c in cities {
        if let Ok(p) = c.population.parse::<u64>() {
            *sums.entry(c.admin1.as_str()).or_default() += p;
        }
    }
    let mut n = 0;
    for r in regions.iter_mut() {
        if r.feature_code == "ADM1" && r.population.is_empty() {
            if let Some(&p) = sums.get(r.admin1.as_str()).filter(|&&p| p > 0) {
                r.population = p.to_string();
                n += 1;
            }
        }
    }
    notes.push(format!(
        "regions.csv: {n} first-level divisions given the summed population of their cities"
    ));
}

/// Runs [`import`] and writes `countries.csv`, `regions.csv` and `cities.csv`
/// into `out_dir`.
pub fn import_to_dir(opts: &ImportOptions, out_dir: &Path) -> Result<Report, GeonamesError> {
    let report = import(opts)?;
    std::fs::create_dir_all(out_dir).map_err(|e| GeonamesError::io(out_dir, &e))?;
    for (file, rows) in [
        ("countries.csv", &report.countries),
        ("regions.csv", &report.regions),
        ("cities.csv", &report.cities),
    ] {
        let path = out_dir.join(file);
        write_rows(&path, rows).map_err(|e| GeonamesError::io(&path, &e))?;
    }
    Ok(report)
}

/// Adds `common_word` to `row.flags` if its name or any alias is a word.
pub(crate) fn flag_common(row: &mut Row, words: Option<&WordList>) {
    let Some(words) = words else { return };
    if std::iter::once(&row.name)
        .chain(row.aliases.iter())
        .any(|n| words.contains(n))
    {
        row.flags.push("common_word".to_string());
    }
}
