//! `regions.csv`: first-level divisions, US counties and other "X District" /
//! "X County" second-level divisions, and curated regions.
use std::collections::{BTreeMap, BTreeSet};

use super::{dump, flag_common, topojson, GeonamesError, ImportOptions, Problems};
use crate::import::{fold, format_coord, Row, WordList};

/// US states and DC: GeoNames admin1 code (postal), state FIPS, AP-style
/// abbreviation (None where AP spells the name out), and whether the postal
/// code is safe as a weak alias. Postal codes that are English words or
/// common all-caps tokens in news are not: IN, OR, ME, OK, HI, OH, ID, LA
/// (Los Angeles), MA, PA, DE, AL (American League), CO, MD, MO, MS, MT, NE,
/// SC (Security Council), CT (scans), VA (Veterans Affairs), UT, AR, MI, WA.
pub const US_STATES: &[(&str, &str, Option<&str>, bool)] = &[
    ("AK", "02", None, true),
    ("AL", "01", Some("Ala."), false),
    ("AR", "05", Some("Ark."), false),
    ("AZ", "04", Some("Ariz."), true),
    ("CA", "06", Some("Calif."), true),
    ("CO", "08", Some("Colo."), false),
    ("CT", "09", Some("Conn."), false),
    ("DC", "11", Some("D.C."), true),
    ("DE", "10", Some("Del."), false),
    ("FL", "12", Some("Fla."), true),
    ("GA", "13", Some("Ga."), true),
    ("HI", "15", None, false),
    ("IA", "19", None, true),
    ("ID", "16", None, false),
    ("IL", "17", Some("Ill."), true),
    ("IN", "18", Some("Ind."), false),
    ("KS", "20", Some("Kan."), true),
    ("KY", "21", Some("Ky."), true),
    ("LA", "22", Some("La."), false),
    ("MA", "25", Some("Mass."), false),
    ("MD", "24", Some("Md."), false),
    ("ME", "23", None, false),
    ("MI", "26", Some("Mich."), false),
    ("MN", "27", Some("Minn."), true),
    ("MO", "29", Some("Mo."), false),
    ("MS", "28", Some("Miss."), false),
    ("MT", "30", Some("Mont."), false),
    ("NC", "37", Some("N.C."), true),
    ("ND", "38", Some("N.D."), true),
    ("NE", "31", Some("Neb."), false),
    ("NH", "33", Some("N.H."), true),
    ("NJ", "34", Some("N.J."), true),
    ("NM", "35", Some("N.M."), true),
    ("NV", "32", Some("Nev."), true),
    ("NY", "36", Some("N.Y."), true),
    ("OH", "39", None, false),
    ("OK", "40", Some("Okla."), false),
    ("OR", "41", Some("Ore."), false),
    ("PA", "42", Some("Pa."), false),
    ("RI", "44", Some("R.I."), true),
    ("SC", "45", Some("S.C."), false),
    ("SD", "46", Some("S.D."), true),
    ("TN", "47", Some("Tenn."), true),
    ("TX", "48", None, true),
    ("UT", "49", None, false),
    ("VA", "51", Some("Va."), false),
    ("VT", "50", Some("Vt."), true),
    ("WA", "53", Some("Wash."), false),
    ("WI", "55", Some("Wis."), true),
    ("WV", "54", Some("W.Va."), true),
    ("WY", "56", Some("Wyo."), true),
];

/// Aliases of first-level divisions that no table gives.
/// The capital without the comma is written as often as with it. The first
/// is the name of a division whose GeoNames name has a comma.
pub const EXTRA_ALIASES: &[(&str, &[&str])] = &[(
    "US.DC",
    &["District of Columbia", "Washington DC", "Washington D.C."],
)];

/// An AP abbreviation with a space after an inner dot, as many papers
/// write it ("W.Va." as "W. Va."): only where a word of several letters
/// follows the dot, so "N.C." stays as it is.
pub fn spaced_abbreviation(ap: &str) -> Option<String> {
    let b = ap.as_bytes();
    let mut out = String::with_capacity(ap.len() + 1);
    let mut changed = false;
    for (i, c) in ap.char_indices() {
        out.push(c);
        let next_word = b.get(i + 1).is_some_and(u8::is_ascii_uppercase)
            && b.get(i + 2).is_some_and(u8::is_ascii_lowercase);
        if c == '.' && next_word {
            out.push(' ');
            changed = true;
        }
    }
    changed.then_some(out)
}

/// Weak aliases (exact case) of first-level divisions outside the US: the
/// abbreviations Australian and Canadian news write for their states and
/// provinces. Only those that are no English word or common acronym:
/// WA, SA, NT, ACT, Vic, Man and Ont stay out.
pub const EXTRA_WEAK_ALIASES: &[(&str, &[&str])] = &[
    ("AU.02", &["NSW", "N.S.W."]),
    ("AU.04", &["Qld", "QLD"]),
    ("AU.06", &["Tas."]),
    ("CA.02", &["B.C."]),
    ("CA.11", &["Sask."]),
];

/// Words removed from the end of a division name to make its short form.
const SUFFIXES: &[&str] = &[
    " Governorate",
    " Province",
    " Oblast",
    " Region",
    " Prefecture",
    " Department",
    " District",
    " County",
    " State",
    " City",
    " Municipality",
    " Voivodeship",
    " Krai",
    " Emirate",
    " Canton",
    " Division",
    " Territory",
    " Parish",
];

/// Words removed from the start of a division name to make its short form.
const PREFIXES: &[&str] = &[
    "State of ",
    "Province of ",
    "Governorate of ",
    "Region of ",
    "Republic of ",
    "County of ",
    "Departamento de ",
    "Provincia de ",
    "Estado de ",
    "City of ",
];

/// A short form made only of these words is not a name.
const GENERIC: &[&str] = &[
    "Central",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "North",
    "South",
    "East",
    "West",
    "Capital",
    "Upper",
    "Lower",
    "Greater",
    "Far",
    "Middle",
    "Federal",
    "Autonomous",
    "National",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
    "North-East",
    "North-West",
    "South-East",
    "South-West",
    "Northeastern",
    "Northwestern",
    "Southeastern",
    "Southwestern",
    "Coast",
    "Islands",
    "Island",
    "Special",
    "Metropolitan",
    "the",
    "of",
    "and",
    "Region",
    "Province",
];

/// The short form of a division name, if removing an administrative word
/// leaves a name (see the module docs).
pub fn short_form(name: &str) -> Option<String> {
    let mut s = name.to_string();
    let mut changed = false;
    for suf in SUFFIXES {
        if let Some(rest) = s.strip_suffix(suf) {
            s = rest.trim().to_string();
            changed = true;
            break;
        }
    }
    for pre in PREFIXES {
        if let Some(rest) = s.strip_prefix(pre) {
            s = rest.trim().to_string();
            changed = true;
            break;
        }
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if !changed
        || letters < 3
        || !s.starts_with(char::is_uppercase)
        || s.split_whitespace().all(|w| GENERIC.contains(&w))
        || s.split_whitespace().last().is_some_and(|w| {
            (GENERIC.contains(&w) && !matches!(w, "Island" | "Islands" | "Coast")) || w == "Free"
        })
        || s.ends_with([' ', '-', '\''])
    {
        return None;
    }
    Some(s)
}

/// Whether a division's name is only compass or generic words with no
/// administrative word ("Central", "North-West", "Upper East", "Islands",
/// "West Coast"): such a name is flagged `generic_name`, since a bare
/// "Central" or "North" is almost never a mention of that division.
pub fn is_generic_name(name: &str) -> bool {
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words.iter().all(|w| GENERIC.contains(w) || *w == "Coast")
        && !words
            .iter()
            .any(|w| matches!(*w, "Region" | "Province" | "District" | "Territory"))
}

/// Whether `ascii` is only `name` with umlauts spelled out the German way
/// (GeoNames' ASCII names: "Vaermland" for Värmland, "OEstergoetland"): the
/// tagger folds "Varmland" to the name already, and nobody writes "Vaermland".
pub fn is_umlaut_spelling(name: &str, ascii: &str) -> bool {
    let mut expanded = String::new();
    for c in name.chars() {
        match c {
            'ä' | 'Ä' => expanded.push_str("ae"),
            'ö' | 'Ö' => expanded.push_str("oe"),
            'ü' | 'Ü' => expanded.push_str("ue"),
            'å' | 'Å' => expanded.push_str("aa"),
            _ => expanded.push(c),
        }
    }
    fold(&expanded) == fold(ascii) && fold(name) != fold(ascii)
}

/// The ASCII name as an alias, unless it is an umlaut spelling or carries a
/// backtick for an ʻokina (`Ha`apai`).
fn ascii_alias(name: &str, ascii: &str) -> Option<String> {
    (!ascii.is_empty() && !ascii.contains('`') && !is_umlaut_spelling(name, ascii))
        .then(|| ascii.to_string())
}

/// US admin2 name endings kept as counties.
const US_COUNTY_SUFFIXES: &[&str] = &[" County", " Parish", " Borough", " Census Area"];
/// Other countries' admin2 name endings kept.
const OTHER_ADMIN2_SUFFIXES: &[&str] = &[" District", " County"];

fn point_source(src: &str) -> (&'static str, Option<&'static str>) {
    if src.starts_with("ne10m") {
        ("geonames+naturalearth", None)
    } else if src.starts_with("seat:") {
        ("geonames", Some("point_seat"))
    } else if src.starts_with("toppop:") {
        ("geonames", Some("point_largest_city"))
    } else {
        ("geonames", None)
    }
}

pub(crate) fn build(
    opts: &ImportOptions,
    country_names: &BTreeSet<String>,
    words: Option<&WordList>,
    probs: &mut Problems,
    notes: &mut Vec<String>,
) -> Result<Vec<Row>, GeonamesError> {
    // admin1 points.
    let mut a1_points: BTreeMap<String, (f64, f64, String)> = BTreeMap::new();
    {
        let path = &opts.admin1_points;
        let (hdr, recs) = dump::read_csv(path, probs)?;
        let cc = dump::column(&hdr, "admin1_code", path)?;
        let clat = dump::column(&hdr, "lat", path)?;
        let clon = dump::column(&hdr, "lon", path)?;
        let csrc = dump::column(&hdr, "source", path)?;
        for (line, rec) in recs {
            if rec[clat].trim().is_empty() && rec[clon].trim().is_empty() {
                continue;
            }
            let lat = dump::parse_coord(&rec[clat], "latitude", 90.0);
            let lon = dump::parse_coord(&rec[clon], "longitude", 180.0);
            match (lat, lon) {
                (Ok(lat), Ok(lon)) => {
                    a1_points.insert(rec[cc].to_string(), (lat, lon, rec[csrc].to_string()));
                }
                (Err(m), _) | (_, Err(m)) => probs.bad(GeonamesError::at(path, line, m))?,
            }
        }
    }
    // Division points by geonameid.
    let mut a_points: BTreeMap<u64, (f64, f64)> = BTreeMap::new();
    {
        let path = &opts.a_points;
        let mut bad = Vec::new();
        dump::for_each_line(path, |n, line| {
            if n == 1 && line.starts_with("geonameid") {
                return Ok(());
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 7 {
                bad.push(GeonamesError::at(
                    path,
                    n,
                    format!("expected 7 tab-separated columns, found {}", cols.len()),
                ));
                return Ok(());
            }
            let id = cols[0].parse::<u64>();
            let lat = dump::parse_coord(cols[5], "latitude", 90.0);
            let lon = dump::parse_coord(cols[6], "longitude", 180.0);
            match (id, lat, lon) {
                (Ok(id), Ok(lat), Ok(lon)) => {
                    a_points.insert(id, (lat, lon));
                }
                (Err(_), _, _) => bad.push(GeonamesError::at(
                    path,
                    n,
                    format!("geonameid {:?} is not an integer", cols[0]),
                )),
                (_, Err(m), _) | (_, _, Err(m)) => bad.push(GeonamesError::at(path, n, m)),
            }
            Ok(())
        })?;
        for e in bad {
            probs.bad(e)?;
        }
    }

    // First-level divisions.
    let mut admin1: Vec<dump::AdminCode> = Vec::new();
    {
        let path = &opts.admin1;
        let mut bad = Vec::new();
        dump::for_each_line(path, |n, line| {
            if line.trim().is_empty() || line.starts_with('#') {
                return Ok(());
            }
            match dump::parse_admin_code(line, 2) {
                Ok(a) => admin1.push(a),
                Err(m) => bad.push(GeonamesError::at(path, n, m)),
            }
            Ok(())
        })?;
        for e in bad {
            probs.bad(e)?;
        }
    }
    admin1.sort_by(|a, b| a.code.cmp(&b.code));
    // Names and short forms per country, to refuse a short form that is
    // another division's name or short form.
    let mut per_country: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for a in &admin1 {
        let cc = a.code.split('.').next().unwrap_or("").to_string();
        let m = per_country.entry(cc).or_default();
        *m.entry(fold(&a.name)).or_default() += 1;
        if let Some(s) = short_form(&a.name) {
            *m.entry(fold(&s)).or_default() += 1;
        }
    }
    let mut rows = Vec::new();
    let mut no_point = 0;
    for a in &admin1 {
        let cc = a.code.split('.').next().unwrap_or("").to_string();
        let Some((lat, lon, src)) = a1_points.get(&a.code) else {
            no_point += 1;
            continue;
        };
        let (source, flag) = point_source(src);
        // A name with a comma ("Washington, D.C.") is two names in the
        // text, the city and the division, as for aliases: the division
        // takes its first extra alias as its name instead.
        let extra = EXTRA_ALIASES.iter().find(|(c, _)| *c == a.code);
        let name = match extra {
            Some((_, names)) if a.name.contains(',') && !names.is_empty() => names[0].to_string(),
            _ => a.name.clone(),
        };
        let mut aliases: Vec<String> = ascii_alias(&a.name, &a.asciiname)
            .filter(|s| !s.contains(','))
            .into_iter()
            .collect();
        if let Some(s) = short_form(&a.name) {
            let k = fold(&s);
            if per_country[&cc].get(&k).copied().unwrap_or(0) == 1 && !country_names.contains(&k) {
                aliases.push(s);
            }
        }
        if let Some((_, extra)) = extra {
            aliases.extend(extra.iter().map(|s| s.to_string()));
        }
        let mut weak = Vec::new();
        if let Some((_, extra)) = EXTRA_WEAK_ALIASES.iter().find(|(c, _)| *c == a.code) {
            weak.extend(extra.iter().map(|s| s.to_string()));
        }
        if cc == "US" {
            let st = &a.code[3..];
            if let Some((postal, _, ap, ok)) = US_STATES.iter().find(|s| s.0 == st) {
                if let Some(ap) = ap {
                    weak.push(ap.to_string());
                    weak.extend(spaced_abbreviation(ap));
                }
                if *ok {
                    weak.push(postal.to_string());
                }
            }
        }
        let mut row = Row {
            id: format!("gn:{}", a.geonameid),
            kind: "region".to_string(),
            aliases: dedupe_folded(&name, aliases),
            name,
            weak_aliases: weak,
            country: cc.clone(),
            admin1: a.code.clone(),
            lat: format_coord(*lat),
            lon: format_coord(*lon),
            feature_code: "ADM1".to_string(),
            geonames_id: a.geonameid.to_string(),
            subtype: "admin1".to_string(),
            flags: flag
                .map(String::from)
                .into_iter()
                .chain(is_generic_name(&a.name).then(|| "generic_name".to_string()))
                .collect(),
            source: source.to_string(),
            ..Row::default()
        };
        flag_common(&mut row, words);
        row.tidy_lists();
        rows.push(row);
    }
    notes.push(format!(
        "regions.csv: {} first-level divisions, {} left out without a point",
        rows.len(),
        no_point
    ));

    if opts.second_level {
        let n0 = rows.len();
        let (admin2_rows, counts) =
            build_admin2(opts, &a_points, &per_country, country_names, words, probs)?;
        rows.extend(admin2_rows);
        notes.push(format!(
            "regions.csv: {} US counties ({} points from us-atlas, {} without a point left out), {} other second-level divisions ({} without a point left out)",
            counts.us, counts.us_atlas, counts.us_no_point, rows.len() - n0 - counts.us, counts.other_no_point
        ));
    }

    // Curated rows.
    let mut ids: BTreeSet<String> = rows.iter().map(|r| r.id.clone()).collect();
    for path in &opts.curated {
        let n0 = rows.len();
        let (hdr, recs) = dump::read_csv(path, probs)?;
        let mut curated = Vec::new();
        for (line, rec) in recs {
            let row = Row::from_record(&hdr, &rec);
            if let Err(m) = validate_curated(&row) {
                probs.bad(GeonamesError::at(path, line, m))?;
                continue;
            }
            if !ids.insert(row.id.clone()) {
                return Err(GeonamesError::at(
                    path,
                    line,
                    format!("id {} is already used", row.id),
                ));
            }
            curated.push(row);
        }
        curated.sort_by(|a, b| a.id.cmp(&b.id));
        rows.extend(curated);
        notes.push(format!(
            "regions.csv: {} curated rows from {}",
            rows.len() - n0,
            path.display()
        ));
    }
    notes.push(format!("regions.csv: {} rows", rows.len()));
    Ok(rows)
}

#[derive(Default)]
struct Admin2Counts {
    us: usize,
    us_atlas: usize,
    us_no_point: usize,
    other_no_point: usize,
}

fn build_admin2(
    opts: &ImportOptions,
    a_points: &BTreeMap<u64, (f64, f64)>,
    admin1_names: &BTreeMap<String, BTreeMap<String, usize>>,
    country_names: &BTreeSet<String>,
    words: Option<&WordList>,
    probs: &mut Problems,
) -> Result<(Vec<Row>, Admin2Counts), GeonamesError> {
    let centroids = match &opts.us_counties {
        Some(p) => {
            let text = dump::read_to_string(p)?;
            topojson::centroids(&text, "counties").map_err(|m| GeonamesError::file(p, m))?
        }
        None => BTreeMap::new(),
    };
    let fips: BTreeMap<&str, &str> = US_STATES.iter().map(|s| (s.0, s.1)).collect();
    let path = &opts.admin2;
    let mut admin2 = Vec::new();
    let mut bad = Vec::new();
    dump::for_each_line(path, |n, line| {
        if line.trim().is_empty() || line.starts_with('#') {
            return Ok(());
        }
        match dump::parse_admin_code(line, 3) {
            Ok(a) => admin2.push(a),
            Err(m) => bad.push(GeonamesError::at(path, n, m)),
        }
        Ok(())
    })?;
    for e in bad {
        probs.bad(e)?;
    }
    admin2.sort_by(|a, b| a.code.cmp(&b.code));
    let mut counts = Admin2Counts::default();
    let mut rows = Vec::new();
    for a in &admin2 {
        let parts: Vec<&str> = a.code.split('.').collect();
        let (cc, a1, a2) = (parts[0], parts[1], parts[2]);
        let us = cc == "US";
        let suffixes = if us {
            US_COUNTY_SUFFIXES
        } else {
            OTHER_ADMIN2_SUFFIXES
        };
        let province = !us && is_province(&a.name);
        let british = cc == "GB" && is_british_county(&a.name);
        if !province && !british && !suffixes.iter().any(|s| a.name.ends_with(s)) {
            continue;
        }
        let mut source = "geonames";
        let point = match a_points.get(&a.geonameid) {
            Some(&p) => Some(p),
            None if us => {
                let key = fips.get(a1).map(|f| format!("{f}{a2}"));
                match key.and_then(|k| centroids.get(&k).copied()) {
                    Some(p) => {
                        source = "geonames+us-atlas";
                        counts.us_atlas += 1;
                        Some(p)
                    }
                    None => None,
                }
            }
            None => None,
        };
        let Some((lat, lon)) = point else {
            if us {
                counts.us_no_point += 1;
            } else {
                counts.other_no_point += 1;
            }
            continue;
        };
        if us {
            counts.us += 1;
        }
        let mut row = Row {
            id: format!("gn:{}", a.geonameid),
            kind: "region".to_string(),
            name: a.name.clone(),
            aliases: dedupe_folded(
                &a.name,
                ascii_alias(&a.name, &a.asciiname)
                    .into_iter()
                    .chain(
                        province
                            .then(|| province_short_form(&a.name, cc, admin1_names, country_names))
                            .flatten(),
                    )
                    .collect(),
            ),
            country: cc.to_string(),
            admin1: format!("{cc}.{a1}"),
            lat: format_coord(lat),
            lon: format_coord(lon),
            feature_code: "ADM2".to_string(),
            geonames_id: a.geonameid.to_string(),
            subtype: "admin2".to_string(),
            source: source.to_string(),
            ..Row::default()
        };
        flag_common(&mut row, words);
        row.tidy_lists();
        rows.push(row);
    }
    Ok((rows, counts))
}

/// Prefixes of British second-level divisions named after their town (a
/// city or a borough: "City of York", "Borough of Swindon"), left out.
const BRITISH_TOWN_PREFIXES: &[&str] = &[
    "City of ",
    "City and Borough of ",
    "City and County of ",
    "Borough of ",
    "Royal Borough of ",
    "Metropolitan Borough of ",
    "District of ",
];

/// Whether a British second-level division is kept under its own name: a
/// county or council area ("Suffolk", "Fife", "County Durham"), not a
/// city or borough named as such, nor a merger named with a comma. Those
/// that share a town's name ("Reading", "Stirling") are dropped later,
/// against the cities (`super::drop_british_town_names`).
fn is_british_county(name: &str) -> bool {
    !BRITISH_TOWN_PREFIXES.iter().any(|p| name.starts_with(p)) && !name.contains(',')
}

/// Whether a second-level division's name calls it a province in English:
/// "Province of Nueva Ecija", "Settat Province".
fn is_province(name: &str) -> bool {
    name.starts_with("Province of ") || name.ends_with(" Province")
}

/// A province's short form ("Nueva Ecija"), unless it is the name or short
/// form of a first-level division of the same country, or a country's
/// name: the short-form rules of first-level divisions.
fn province_short_form(
    name: &str,
    cc: &str,
    admin1_names: &BTreeMap<String, BTreeMap<String, usize>>,
    country_names: &BTreeSet<String>,
) -> Option<String> {
    let s = short_form(name)?;
    let k = fold(&s);
    let admin1 = admin1_names.get(cc).is_some_and(|m| m.contains_key(&k));
    (!admin1 && !country_names.contains(&k)).then_some(s)
}

/// Aliases without those that fold to the name or to an earlier alias.
fn dedupe_folded(name: &str, aliases: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    seen.insert(fold(name));
    aliases
        .into_iter()
        .filter(|a| !a.trim().is_empty() && seen.insert(fold(a)))
        .collect()
}

/// Checks a curated region row; `Err` says what is wrong.
pub fn validate_curated(row: &Row) -> Result<(), String> {
    if row.id.trim().is_empty() || row.id.contains(char::is_whitespace) {
        return Err(format!("bad id {:?}", row.id));
    }
    if row.kind != "region" {
        return Err(format!("kind {:?} is not region", row.kind));
    }
    if row.name.trim().is_empty() {
        return Err("empty name".to_string());
    }
    dump::parse_coord(&row.lat, "latitude", 90.0)?;
    dump::parse_coord(&row.lon, "longitude", 180.0)?;
    if !row.country.is_empty()
        && (row.country.len() != 2 || !row.country.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(format!(
            "country {:?} is not an ISO 3166-1 alpha-2 code",
            row.country
        ));
    }
    if !row.population.is_empty() && row.population.parse::<u64>().is_err() {
        return Err(format!(
            "population {:?} is not a non-negative integer",
            row.population
        ));
    }
    for (col, list) in [
        ("aliases", &row.aliases),
        ("weak_aliases", &row.weak_aliases),
        ("demonyms", &row.demonyms),
    ] {
        let mut seen = BTreeSet::new();
        for a in list {
            if *a == row.name {
                return Err(format!("{col} repeats the name {a:?}"));
            }
            if !seen.insert(a) {
                return Err(format!("{col} lists {a:?} twice"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_form_table() {
        let table: &[(&str, Option<&str>)] = &[
            ("Latakia Governorate", Some("Latakia")),
            ("Kyiv Oblast", Some("Kyiv")),
            ("State of Mexico", Some("Mexico")),
            ("Central Province", None),
            ("North West Province", None),
            ("Eastern Region", None),
            ("Aleppo", None),
            ("Kyiv City", Some("Kyiv")),
            ("Ha Province", None),
            ("Greater Accra Region", Some("Greater Accra")),
            ("Northern Territory", None),
            ("Orange Free State", None),
            ("County of Međimurje", Some("Međimurje")),
            ("North Kurzeme Municipality", Some("North Kurzeme")),
            (
                "Bangka-Belitung Islands Province",
                Some("Bangka-Belitung Islands"),
            ),
            ("Western Capital Region", None),
        ];
        for &(name, want) in table {
            assert_eq!(short_form(name).as_deref(), want, "{name}");
        }
    }

    #[test]
    fn british_counties_not_towns() {
        assert!(is_british_county("Suffolk"));
        assert!(is_british_county("County Durham"));
        assert!(is_british_county("Isle of Wight"));
        assert!(!is_british_county("City of Kendal"));
        assert!(!is_british_county("Royal Borough of Dayton and Kendal"));
        assert!(!is_british_county("Kendal, Dayton and Linden Council"));
    }

    #[test]
    fn provinces_and_their_short_forms() {
        assert!(is_province("Province of Kendal Norte"));
        assert!(is_province("Dayton Province"));
        assert!(!is_province("Provincia di Dayton"));
        assert!(!is_province("Dayton District"));
        let mut admin1 = BTreeMap::new();
        admin1.insert(
            "RR".to_string(),
            BTreeMap::from([("kendal".to_string(), 1)]),
        );
        let countries = BTreeSet::from(["ruritania".to_string()]);
        let short = |name: &str, cc: &str| province_short_form(name, cc, &admin1, &countries);
        assert_eq!(
            short("Province of Kendal Norte", "RR").as_deref(),
            Some("Kendal Norte")
        );
        // Another division's or a country's name is no short form.
        assert_eq!(short("Province of Kendal", "RR"), None);
        assert_eq!(short("Province of Kendal", "XX").as_deref(), Some("Kendal"));
        assert_eq!(short("Ruritania Province", "XX"), None);
        assert_eq!(short("Central Province", "XX"), None);
    }

    #[test]
    fn spaced_abbreviations() {
        assert_eq!(spaced_abbreviation("W.Va.").as_deref(), Some("W. Va."));
        assert_eq!(spaced_abbreviation("N.C."), None);
        assert_eq!(spaced_abbreviation("Calif."), None);
        assert_eq!(spaced_abbreviation("D.C."), None);
    }

    #[test]
    fn generic_and_umlaut_tables() {
        for (name, want) in [
            ("Central", true),
            ("North-West", true),
            ("Upper East", true),
            ("Islands", true),
            ("West Coast", true),
            ("Northern Territory", false),
            ("Eastern Province", false),
            ("Greater Accra", false),
            ("Western Cape", false),
        ] {
            assert_eq!(is_generic_name(name), want, "{name}");
        }
        assert!(is_umlaut_spelling("Värmland", "Vaermland"));
        assert!(is_umlaut_spelling("Östergötland", "OEstergoetland"));
        assert!(!is_umlaut_spelling("Värmland", "Varmland"));
        assert!(!is_umlaut_spelling("Zərdab", "Zardab"));
        assert_eq!(ascii_alias("Ha‘apai", "Ha`apai"), None);
    }

    #[test]
    fn curated_validation() {
        let ok = Row {
            id: "cur:eastern-ghouta".into(),
            kind: "region".into(),
            name: "Eastern Ghouta".into(),
            lat: "33.5".into(),
            lon: "36.4".into(),
            country: "SY".into(),
            ..Row::default()
        };
        assert_eq!(validate_curated(&ok), Ok(()));
        let mut bad = ok.clone();
        bad.lat = "95".into();
        assert_eq!(
            validate_curated(&bad),
            Err("latitude 95 out of range".into())
        );
        let mut bad = ok.clone();
        bad.kind = "city".into();
        assert!(validate_curated(&bad).unwrap_err().contains("not region"));
        let mut bad = ok;
        bad.country = "Syria".into();
        assert!(validate_curated(&bad).unwrap_err().contains("alpha-2"));
    }
}
