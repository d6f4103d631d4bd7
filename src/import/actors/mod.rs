//! People and agencies importer: builds `people.csv` and `agencies.csv` (issue 5).
//!
//! Regenerate the shipped files with
//!
//! ```text
//! gazetag import actors --data /work/shared/data --curated gazetteers/curated -o gazetteers/
//! ```
//!
//! (`--data` is the open-data folder described in its README; `--curated` defaults to
//! `<out>/curated`). Same inputs give byte-identical CSVs: rows are sorted by id, list
//! fields keep a fixed order, and no hash-map order reaches the output.
//!
//! # Sources, in merge precedence
//!
//! | tag | input | ids | gives |
//! |---|---|---|---|
//! | `cur` | `gazetteers/curated/{people,agencies}.csv` (schema rows, hand-written facts as of 2026) | `cur:<slug>` | post-2014 office holders, UN/NATO/EU/AU leaders, US cabinet, news agencies, media, IGOs with headquarters coordinates |
//! | `congress` | `congress-legislators/legislators-current.yaml`, `executive.yaml` | `bioguide:<id>` (`govtrack:<id>`) | Congress, presidents and vice-presidents, Wikidata ids |
//! | `factbook` | `factbook/<region>/<fips>.json` | `fb:<cc>:<slug>`, `fb:group:<slug>` | heads of state and government (2026-05), terrorist groups |
//! | `gsa` | `us-federal-agencies/agencies.sql` | `gsa:<n>` | 629 US federal agencies with acronyms |
//! | `petrarch2` | `petrarch2/Phoenix.{Countries,International,MilNonState}.actors.txt` | `pet:<cc>:<slug>` | people 1950–2014 (kept if active 2000+), government bodies, IGOs, NGOs, companies, media, armed groups |
//!
//! Country codes: Factbook files are FIPS-keyed (mapped through
//! `geonames/countryInfo.txt`), PETRARCH codes start with ISO alpha-3 (mapped through
//! `iso-countries/codes.json`); output is ISO alpha-2, empty for international bodies.
//!
//! Supporting inputs: `iso-countries/en.json`, `wikidata-territories/` and
//! `geonames/cities500.txt` (names of places, which are never agencies),
//! `words/american-english-small` (flags), `demonyms/nat_df.csv` (nationality words
//! are not name tokens), `name-variants/name_variants.csv` (given-name variants).
//!
//! Ids are stable across rebuilds: each comes from the highest-precedence source of
//! the entity and is derived from that source's own key (bioguide id, GSA row id) or
//! from its name and country (`fb:ru:vladimir-putin`, `pet:sy:bashar-al-assad`).
//! Source columns list every contributing source joined by `+` in precedence order.
//!
//! # Rules, each in its module
//!
//! * [`merge`]: one row per entity; Wikidata id first, then normalised names within one
//!   kind and country; which fields the winner keeps.
//! * [`casing`]: PETRARCH's `UPPER_CASE` and the Factbook's capital surnames to
//!   English casing (`McCain`, `al-Assad`, `bin Salman`, `von der Leyen`, `O'Brien`).
//! * [`variants`]: transliterations of the given name only, article drop
//!   (`Bashar Assad`), at most 20 aliases, never a one-word person alias.
//! * [`petrarch`]: which entries are people (CountryInfo, a known given name, a
//!   titled alias, a dated name-shaped entry) and which are bodies; junk filters.
//! * [`factbook`]: reading the office holder out of the Factbook's prose.
//! * [`congress`]: names, nicknames and current terms.
//!
//! # Roles and subtypes
//!
//! People: `subtype` is `politician`, `official` (IGO staff), `militant`,
//! `military`, `activist`, `business`, `celebrity`, `athlete`, `religious_leader`;
//! `role` lists `head_of_state`, `head_of_government`, `foreign_minister`,
//! `defence_minister`, `legislator`, `senator`, `representative`, `president`,
//! `vice_president`, office titles from curation (`un_secretary_general`,
//! `nato_secretary_general` ...) and PETRARCH's coarse sectors (`government`,
//! `elite`, `military`, `judiciary`, `intelligence`, `igo_official`, `opposition`,
//! `rebel`). Agencies: `subtype` is `government`, `ministry`, `military`,
//! `legislature`, `court`, `igo`, `ngo`, `news_agency`, `media`, `armed_group`,
//! `party`, `company`.
//!
//! # Flags
//!
//! * `common_word`: the lowercase name or an alias is in `words/american-english-small`
//!   (`Apple`, `Shell`): the engine should ask for more evidence than capitalisation.
//! * `acronym_word`: a weak alias is an English word in capitals (`WHO`, `CARE`):
//!   headlines in capitals produce it, so the engine should be stricter (e.g. not in
//!   all-caps text). Function words (`IS` for Islamic State, `IT`, `AS`, `US`, `THE`:
//!   [`WEAK_STOP`]) are never weak aliases at all.
//!
//! # Errors
//!
//! [`ActorsError`] names the file, and the line where there is one. Recoverable
//! problems (an unparsable date in one TABARI code) are warnings in
//! [`Output::warnings`], `path:line: what`.
pub mod casing;
pub mod congress;
pub mod factbook;
pub mod merge;
pub mod petrarch;
pub mod row;
pub mod tabari;
pub mod variants;
pub mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

pub use row::{ActorRow, Kind};

/// Importer error: names the file (and line) at fault.
#[derive(Debug)]
pub enum ActorsError {
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file's content is not what the importer expects.
    Parse {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    /// A curated row is invalid.
    Invalid { msg: String },
}

impl fmt::Display for ActorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActorsError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ActorsError::Parse { path, line: 0, msg } => write!(f, "{}: {msg}", path.display()),
            ActorsError::Parse { path, line, msg } => write!(f, "{}:{line}: {msg}", path.display()),
            ActorsError::Invalid { msg } => f.write_str(msg),
        }
    }
}

impl std::error::Error for ActorsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ActorsError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

fn read(path: &Path) -> Result<String, ActorsError> {
    fs::read_to_string(path).map_err(|source| ActorsError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn parse_err(path: &Path, line: usize, msg: impl Into<String>) -> ActorsError {
    ActorsError::Parse {
        path: path.to_path_buf(),
        line,
        msg: msg.into(),
    }
}

/// Lookup tables shared by the sources.
#[derive(Default, Debug)]
pub struct Context {
    /// ISO alpha-3 → alpha-2.
    pub iso3: BTreeMap<String, String>,
    /// FIPS 10-4 → ISO alpha-2.
    pub fips: BTreeMap<String, String>,
    /// ISO alpha-2 → population.
    pub population: BTreeMap<String, u64>,
    /// Lowercase common English words.
    pub words: BTreeSet<String>,
    /// Lowercase nationality words (`russian`, `syrian`).
    pub demonym_words: BTreeSet<String>,
    /// Normalised country, territory and first-level division names (`syria`,
    /// `czechoslovakia`, `texas`): never an agency.
    pub country_names: BTreeSet<String>,
    /// Normalised names of GeoNames places with 1,000+ people: a one-word PETRARCH
    /// "agency" with such a name (`LEIPZIG`, `GAZA`) is a place.
    pub place_names: BTreeSet<String>,
}

/// What [`build`] produces.
#[derive(Debug, Default)]
pub struct Output {
    pub people: Vec<ActorRow>,
    pub agencies: Vec<ActorRow>,
    pub warnings: Vec<String>,
}

/// Build options.
#[derive(Debug, Clone)]
pub struct Options {
    /// The open-data folder (`factbook/`, `petrarch2/` ...).
    pub data: PathBuf,
    /// Folder with curated `people.csv` and `agencies.csv` (missing files are empty).
    pub curated: PathBuf,
    /// `YYYY-MM-DD`: terms ending before this date are past.
    pub today: String,
}

fn load_context(data: &Path) -> Result<Context, ActorsError> {
    let mut ctx = Context::default();
    let p = data.join("iso-countries/codes.json");
    let codes: Vec<Vec<String>> =
        serde_json::from_str(&read(&p)?).map_err(|e| parse_err(&p, e.line(), e.to_string()))?;
    for c in codes {
        if c.len() >= 2 {
            ctx.iso3.insert(c[1].clone(), c[0].clone());
        }
    }
    let p = data.join("geonames/countryInfo.txt");
    for line in read(&p)?.lines() {
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() > 7 {
            if !f[3].is_empty() {
                ctx.fips.insert(f[3].to_string(), f[0].to_string());
            }
            ctx.population
                .insert(f[0].to_string(), f[7].parse().unwrap_or(0));
        }
    }
    let p = data.join("iso-countries/en.json");
    let names: serde_json::Value =
        serde_json::from_str(&read(&p)?).map_err(|e| parse_err(&p, e.line(), e.to_string()))?;
    let Some(names) = names["countries"].as_object() else {
        return Err(parse_err(&p, 0, "expected a `countries` object"));
    };
    for v in names.values() {
        let list = match v {
            serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
            serde_json::Value::String(s) => vec![s.as_str()],
            _ => Vec::new(),
        };
        for n in list {
            ctx.country_names.insert(row::norm(n));
        }
    }
    for n in [
        "czechoslovakia",
        "soviet union",
        "yugoslavia",
        "east germany",
        "west germany",
        "german democratic republic",
        "serbia and montenegro",
        "netherlands antilles",
    ] {
        ctx.country_names.insert(n.to_string());
    }
    let p = data.join("wikidata-territories/territories.jsonl");
    if p.exists() {
        for (i, line) in read(&p)?.lines().enumerate() {
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| parse_err(&p, i + 1, e.to_string()))?;
            let strong = v["names_strong"].as_array().into_iter().flatten();
            for n in std::iter::once(&v["name"])
                .chain(strong)
                .filter_map(|n| n.as_str())
            {
                ctx.country_names.insert(row::norm(n));
            }
        }
    }
    // First-level divisions are places too: the GSA list files state
    // governments under the state's bare name ("Texas"), which would steal
    // every mention of the state.
    let p = data.join("geonames/admin1CodesASCII.txt");
    if p.exists() {
        for line in read(&p)?.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() > 2 {
                ctx.country_names.insert(row::norm(f[1]));
                ctx.country_names.insert(row::norm(f[2]));
            }
        }
    }
    let p = data.join("geonames/cities500.txt");
    if p.exists() {
        for line in read(&p)?.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() > 14 && f[14].parse::<u64>().unwrap_or(0) >= 1000 {
                ctx.place_names.insert(row::norm(f[2]));
            }
        }
    }
    let p = data.join("words/american-english-small");
    ctx.words = read(&p)?.lines().map(str::to_lowercase).collect();
    let p = data.join("demonyms/nat_df.csv");
    if p.exists() {
        for line in read(&p)?.lines().skip(1) {
            for w in line.split([',', ' ']) {
                let w = w.trim().to_lowercase();
                if w.len() > 2 && w.chars().all(char::is_alphabetic) {
                    ctx.demonym_words.insert(w);
                }
            }
        }
    }
    for w in [
        "american", "russian", "chinese", "british", "iraqi", "syrian", "israeli", "iranian", "us",
        "u.s.", "un", "u.n.",
    ] {
        ctx.demonym_words.insert(w.to_string());
    }
    Ok(ctx)
}

/// Read a curated CSV (schema columns found by header name).
pub fn read_curated(path: &Path, kind: Kind) -> Result<Vec<ActorRow>, ActorsError> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut rdr = csv::Reader::from_path(path).map_err(|e| parse_err(path, 0, e.to_string()))?;
    let headers = rdr
        .headers()
        .map_err(|e| parse_err(path, 1, e.to_string()))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(id_col) = col("id") else {
        return Err(parse_err(path, 1, "missing column `id`"));
    };
    let Some(name_col) = col("name") else {
        return Err(parse_err(path, 1, "missing column `name`"));
    };
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| parse_err(path, line, e.to_string()))?;
        let get = |name: &str| {
            col(name)
                .and_then(|c| rec.get(c))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let list = |name: &str| -> Vec<String> {
            get(name)
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let id = rec.get(id_col).unwrap_or("").to_string();
        let name = rec.get(name_col).unwrap_or("").to_string();
        if !id.starts_with("cur:") || name.is_empty() {
            return Err(parse_err(
                path,
                line,
                format!("id {id:?} must start with `cur:` and name must be set"),
            ));
        }
        let mut r = ActorRow::new(id, kind, name, "cur");
        r.aliases = list("aliases");
        r.weak_aliases = list("weak_aliases");
        r.country = get("country");
        let coord = |name: &str| -> Result<Option<f64>, ActorsError> {
            let v = get(name);
            if v.is_empty() {
                return Ok(None);
            }
            v.parse()
                .map(Some)
                .map_err(|_| parse_err(path, line, format!("{name} {v:?} is not a number")))
        };
        r.lat = coord("lat")?;
        r.lon = coord("lon")?;
        if r.lat.is_some_and(|v| !(-90.0..=90.0).contains(&v))
            || r.lon.is_some_and(|v| !(-180.0..=180.0).contains(&v))
        {
            return Err(parse_err(path, line, "coordinates out of range"));
        }
        r.wikidata_id = get("wikidata_id");
        r.subtype = get("subtype");
        r.roles = list("role");
        r.valid_from = get("valid_from");
        r.valid_to = get("valid_to");
        r.flags = list("flags");
        out.push(r);
    }
    Ok(out)
}

fn read_gsa(path: &Path) -> Result<Vec<ActorRow>, ActorsError> {
    let text = read(path)?;
    let mut out = Vec::new();
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("COPY public.\"Agencies\"") {
            inside = true;
            continue;
        }
        if !inside {
            continue;
        }
        if line == "\\." {
            inside = false;
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            return Err(parse_err(
                path,
                i + 1,
                "expected tab-separated id, agency, acronym",
            ));
        }
        let name = f[1].trim();
        if name.is_empty() {
            continue;
        }
        let mut r = ActorRow::new(
            format!("gsa:{}", f[0].trim()),
            Kind::Agency,
            name.to_string(),
            "gsa",
        );
        r.country = "US".into();
        r.subtype = if name.starts_with("Department of") {
            "ministry".into()
        } else {
            "government".into()
        };
        let acr = f[2].trim();
        // The acronym column sometimes holds a short name (`Fannie Mae`).
        if acr.contains(' ') {
            r.aliases.push(acr.to_string());
        } else if acr.len() >= 2 && acr != "\\N" {
            r.weak_aliases.push(acr.to_string());
        }
        out.push(r);
    }
    Ok(out)
}

/// Two-letter (and a few three-letter) function words never used as weak aliases.
pub const WEAK_STOP: &[&str] = &[
    "is", "it", "as", "at", "on", "or", "in", "to", "by", "be", "an", "of", "if", "do", "go", "no",
    "so", "up", "we", "me", "he", "am", "my", "oh", "ok", "hi", "us", "the", "and", "for", "not",
    "are", "was", "can", "all", "our",
];

fn finish_flags(ctx: &Context, r: &mut ActorRow) {
    r.weak_aliases
        .retain(|w| !WEAK_STOP.contains(&w.to_lowercase().as_str()));
    if r.kind == Kind::Agency {
        let is_word = |n: &str| !n.contains(' ') && ctx.words.contains(&n.to_lowercase());
        // `Army` (GSA) is named by its longer alias `U.S. Army`; bare English words
        // are not agency aliases (`Senate`). Curated names stay (`Pentagon`, `Dawn`)
        // and carry `common_word`.
        if is_word(&r.name) && !r.sources.iter().any(|s| s == "cur") {
            if let Some(pos) = r.aliases.iter().position(|a| a.contains(' ')) {
                let longer = r.aliases.remove(pos);
                r.aliases.push(std::mem::replace(&mut r.name, longer));
            }
        }
        r.aliases.retain(|a| !is_word(a));
        let common = std::iter::once(&r.name)
            .chain(r.aliases.iter())
            .any(|n| ctx.words.contains(&n.to_lowercase()));
        if common {
            r.flags.push("common_word".into());
        }
        if r.weak_aliases
            .iter()
            .any(|w| w.len() > 1 && ctx.words.contains(&w.to_lowercase()))
        {
            r.flags.push("acronym_word".into());
        }
    }
    r.tidy();
}

/// Read every source, merge, and return sorted people and agencies.
///
/// # Errors
///
/// A missing or malformed input file; see [`ActorsError`].
pub fn build(opts: &Options) -> Result<Output, ActorsError> {
    let data = &opts.data;
    let ctx = load_context(data)?;
    let mut warnings = Vec::new();

    let mut cur_people = read_curated(&opts.curated.join("people.csv"), Kind::Person)?;
    let mut cur_agencies = read_curated(&opts.curated.join("agencies.csv"), Kind::Agency)?;

    let mut congress_rows = Vec::new();
    for f in [
        "congress-legislators/legislators-current.yaml",
        "congress-legislators/executive.yaml",
    ] {
        let p = data.join(f);
        let doc = yaml::parse(&p.display().to_string(), &read(&p)?)
            .map_err(|msg| ActorsError::Invalid { msg })?;
        congress::convert(&doc, &opts.today, &mut congress_rows);
    }

    let mut fb_files = Vec::new();
    let fb_dir = data.join("factbook");
    let mut regions: Vec<PathBuf> = dir_entries(&fb_dir)?
        .into_iter()
        .filter(|p| p.is_dir())
        .collect();
    regions.sort();
    for region in regions {
        let mut files: Vec<PathBuf> = dir_entries(&region)?
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for f in files {
            let fips = f
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_uppercase();
            let Some(iso2) = ctx.fips.get(&fips) else {
                continue;
            };
            let json: serde_json::Value = serde_json::from_str(&read(&f)?)
                .map_err(|e| parse_err(&f, e.line(), e.to_string()))?;
            fb_files.push((iso2.clone(), f.display().to_string(), json));
        }
    }
    let mut fb_people = Vec::new();
    let mut fb_agencies = Vec::new();
    factbook::convert(&ctx, &fb_files, &mut fb_people, &mut fb_agencies);

    let gsa = read_gsa(&data.join("us-federal-agencies/agencies.sql"))?;

    let mut pet_people = Vec::new();
    let mut pet_agencies = Vec::new();
    let files = [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ];
    let mut parsed = Vec::new();
    for f in files {
        let p = data.join("petrarch2").join(f);
        let entries = tabari::parse(&p.display().to_string(), &read(&p)?, &mut warnings);
        parsed.push((f, entries));
    }
    // Given names: first tokens of the CountryInfo people, seen at least twice or
    // not an English word.
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in parsed
        .iter()
        .flat_map(|(_, es)| es)
        .filter(|e| e.comment.contains("CountryInfo.txt"))
    {
        if let Some(t) = e.name.split('_').next() {
            *counts.entry(t.to_string()).or_default() += 1;
        }
    }
    let given: BTreeSet<String> = counts
        .into_iter()
        .filter(|(t, n)| {
            (*n >= 2 || !ctx.words.contains(&t.to_lowercase())) && !petrarch::is_org_name(t)
        })
        .map(|(t, _)| t)
        .collect();
    for (f, entries) in &parsed {
        petrarch::convert(&ctx, f, entries, &given, &mut pet_people, &mut pet_agencies);
    }

    let variants = load_variants(&data.join("name-variants/name_variants.csv"))?;

    let mut people_in = Vec::new();
    people_in.append(&mut cur_people);
    people_in.append(&mut congress_rows);
    people_in.append(&mut fb_people);
    people_in.append(&mut pet_people);
    // Variants before merging too, so that PETRARCH's `ABDALLAH_KAABI` and
    // `ABDULLAH_KAABI` (same country) meet; again after, to cap the merged lists.
    for r in &mut people_in {
        variants.apply(r);
    }
    let mut people = merge::merge(people_in);
    for r in &mut people {
        variants::finish(r);
        finish_flags(&ctx, r);
    }

    let mut agencies_in = Vec::new();
    agencies_in.append(&mut cur_agencies);
    agencies_in.append(&mut fb_agencies);
    agencies_in.extend(
        gsa.into_iter()
            .filter(|r| !ctx.country_names.contains(&row::norm(&r.name))),
    );
    agencies_in.append(&mut pet_agencies);
    let mut agencies = merge::merge(agencies_in);
    for r in &mut agencies {
        finish_flags(&ctx, r);
    }
    check_unique(&people)?;
    check_unique(&agencies)?;
    Ok(Output {
        people,
        agencies,
        warnings,
    })
}

fn check_unique(rows: &[ActorRow]) -> Result<(), ActorsError> {
    for w in rows.windows(2) {
        if w[0].id == w[1].id {
            return Err(ActorsError::Invalid {
                msg: format!("duplicate id {}", w[0].id),
            });
        }
    }
    Ok(())
}

fn dir_entries(dir: &Path) -> Result<Vec<PathBuf>, ActorsError> {
    let io = |source| ActorsError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    for e in fs::read_dir(dir).map_err(io)? {
        out.push(e.map_err(io)?.path());
    }
    Ok(out)
}

fn load_variants(path: &Path) -> Result<variants::Variants, ActorsError> {
    let mut rdr = csv::Reader::from_path(path).map_err(|e| parse_err(path, 0, e.to_string()))?;
    let mut recs = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| parse_err(path, i + 2, e.to_string()))?;
        recs.push((
            rec.get(2).unwrap_or("").to_string(),
            rec.get(3).unwrap_or("").to_string(),
            rec.get(4).unwrap_or("").to_string(),
        ));
    }
    Ok(variants::Variants::from_clusters(
        recs.iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())),
    ))
}

/// Write `people.csv` and `agencies.csv` into `dir` (atomically: temp file + rename).
///
/// # Errors
///
/// The directory is not writable.
pub fn write(dir: &Path, out: &Output) -> Result<(), ActorsError> {
    fs::create_dir_all(dir).map_err(|source| ActorsError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for (name, rows) in [("people.csv", &out.people), ("agencies.csv", &out.agencies)] {
        let path = dir.join(name);
        let io = |source| ActorsError::Io {
            path: path.clone(),
            source,
        };
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        row::write_csv(&mut tmp, rows).map_err(|e| ActorsError::Invalid {
            msg: format!("{}: {e}", path.display()),
        })?;
        tmp.persist(&path).map_err(|e| io(e.error))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = "tests/data/actors";

    fn fixture() -> Output {
        let opts = Options {
            data: PathBuf::from(FIXTURE),
            curated: PathBuf::from(FIXTURE).join("curated"),
            today: "2026-05-17".into(),
        };
        build(&opts).unwrap()
    }

    fn find<'a>(rows: &'a [ActorRow], id: &str) -> &'a ActorRow {
        rows.iter().find(|r| r.id == id).unwrap_or_else(|| {
            let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            panic!("no {id} in {ids:?}")
        })
    }

    #[test]
    fn curated_beats_petrarch_and_gets_variants() {
        let out = fixture();
        let lav = find(&out.people, "cur:sergei-lavrov");
        assert_eq!(lav.sources, ["cur", "petrarch2"]);
        assert_eq!(lav.valid_from, "2004-03-09");
        assert!(lav.roles.contains(&"foreign_minister".to_string()));
        for want in [
            "Sergey Lavrov",
            "Sergey Viktorovich Lavrov",
            "Serguei Lavrov",
        ] {
            assert!(
                lav.aliases.iter().any(|a| a == want),
                "{want} not in {:?}",
                lav.aliases
            );
        }
        // Never a bare surname, never a title.
        assert!(lav
            .aliases
            .iter()
            .all(|a| a.split(' ').count() >= 2 && !a.contains("Minister")));
        assert!(!out.people.iter().any(|r| r.id.starts_with("pet:ru:sergey")));
    }

    #[test]
    fn factbook_2026_beats_petrarch_2014() {
        let out = fixture();
        let putin = find(&out.people, "fb:ru:vladimir-putin");
        assert_eq!(putin.sources, ["factbook", "petrarch2"]);
        assert_eq!(putin.valid_from, "2012-05-07");
        assert_eq!(putin.valid_to, "");
        assert_eq!(putin.roles[0], "head_of_state");
        // Mikhail Mishustin keeps a transliteration, not the English `Michael`.
        let pm = find(&out.people, "fb:ru:mikhail-mishustin");
        assert_eq!(
            pm.aliases,
            [
                "Mikhail Vladimirovich Mishustin",
                "Michail Mishustin",
                "Michail Vladimirovich Mishustin"
            ]
        );
    }

    #[test]
    fn wikidata_and_names_merge_but_not_across_countries() {
        let out = fixture();
        let trump = find(&out.people, "cur:donald-trump");
        assert_eq!(trump.sources, ["cur", "congress", "factbook"]);
        assert!(trump.roles.contains(&"head_of_state".to_string()));
        // Two John Smiths in two countries stay two; the US one joins congress.
        let smith_us = find(&out.people, "bioguide:X000002");
        assert_eq!(smith_us.sources, ["congress", "petrarch2"]);
        let smith_gb = find(&out.people, "pet:gb:john-smith");
        assert_eq!(smith_gb.country, "GB");
        let ann = find(&out.people, "bioguide:X000001");
        assert_eq!(ann.name, "Annabel Q. Example");
        assert_eq!(ann.aliases, ["Annabel Example", "Ann Example"]);
        assert_eq!(ann.wikidata_id, "Q99900001");
        assert_eq!(ann.roles, ["legislator", "senator"]);
    }

    #[test]
    fn petrarch_people_rules() {
        let out = fixture();
        // Active only before 2000: dropped.
        assert!(!out.people.iter().any(|r| r.name.contains("Oldtimer")));
        // A person without CountryInfo tag found by a titled alias.
        let assad = find(&out.people, "pet:sy:bashar-al-assad");
        assert_eq!(assad.aliases, ["Bashar Assad"]);
        let annan = find(&out.people, "pet:int:kofi-annan");
        assert_eq!(annan.valid_to, "2006-12-31");
        assert_eq!(annan.aliases, ["Kofi Atta Annan"]);
        let mccain = find(&out.people, "pet:us:john-mccain");
        assert_eq!(mccain.roles, ["legislator"]);
        // Factbook's Muhammad al-Bashir joins PETRARCH's MUHAMMAD_AL_BASHIR.
        let bashir = find(&out.people, "fb:sy:muhammad-al-bashir");
        assert_eq!(bashir.sources, ["factbook", "petrarch2"]);
        assert_eq!(out.warnings.len(), 1);
        assert!(
            out.warnings[0].contains("Phoenix.Countries.actors.txt:"),
            "{:?}",
            out.warnings
        );
    }

    #[test]
    fn agencies_rules() {
        let out = fixture();
        let nato = find(&out.agencies, "cur:nato");
        assert_eq!(nato.sources, ["cur", "petrarch2"]);
        assert_eq!(nato.weak_aliases, ["NATO"]);
        assert_eq!(nato.lat, Some(50.877));
        let state = find(&out.agencies, "cur:state-department");
        assert_eq!(state.sources, ["cur", "gsa", "petrarch2"]);
        // PETRARCH's PENTAGON alias is another body: not an alias of State.
        assert!(!state.aliases.iter().any(|a| a.contains("Pentagon")));
        assert_eq!(state.weak_aliases, ["DOS"]);
        assert!(
            state.flags.is_empty(),
            "`dos` is not in the fixture word list"
        );
        let is = find(&out.agencies, "cur:islamic-state");
        assert_eq!(
            is.weak_aliases,
            ["ISIS"],
            "IS is a word, never a weak alias"
        );
        assert_eq!(is.sources, ["cur", "factbook"]);
        let who = find(&out.agencies, "cur:who");
        assert!(who.flags.contains(&"acronym_word".to_string()));
        let ibn = find(&out.agencies, "fb:group:imaginary-brigade-of-the-north");
        assert_eq!(ibn.sources, ["factbook", "petrarch2"]);
        assert_eq!(ibn.subtype, "armed_group");
        let acme = find(&out.agencies, "pet:us:acme-widgets");
        assert_eq!(acme.subtype, "company");
        let front = find(&out.agencies, "pet:fr:southern-lantern-front");
        assert_eq!(front.country, "FR");
        // Generic agents and country names are not agencies.
        for junk in ["Police", "Rebels", "Russia"] {
            assert!(!out.agencies.iter().any(|r| r.name == junk), "{junk}");
        }
        assert!(find(&out.agencies, "gsa:2").weak_aliases == ["FWO"]);
    }

    #[test]
    fn output_is_deterministic_and_sorted() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        write(a.path(), &fixture()).unwrap();
        write(b.path(), &fixture()).unwrap();
        for f in ["people.csv", "agencies.csv"] {
            let x = fs::read(a.path().join(f)).unwrap();
            let y = fs::read(b.path().join(f)).unwrap();
            assert_eq!(x, y, "{f} differs between runs");
            let text = String::from_utf8(x).unwrap();
            assert!(text.starts_with("id,kind,name,aliases,weak_aliases,demonyms,country,"));
            let ids: Vec<&str> = text
                .lines()
                .skip(1)
                .map(|l| l.split(',').next().unwrap())
                .collect();
            let mut sorted = ids.clone();
            sorted.sort();
            assert_eq!(ids, sorted);
        }
    }

    #[test]
    fn curated_errors_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("people.csv");
        fs::write(&p, "id,name\ncur:a,A\nbad,B\n").unwrap();
        let err = read_curated(&p, Kind::Person).unwrap_err().to_string();
        assert!(
            err.ends_with("people.csv:3: id \"bad\" must start with `cur:` and name must be set"),
            "{err}"
        );
    }
}
