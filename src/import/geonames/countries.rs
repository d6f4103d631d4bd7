//! `countries.csv`: one row per ISO 3166-1 code (plus Kosovo). The curated
//! tables below are the documented judgement calls.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use super::{dump, flag_common, GeonamesError, ImportOptions, Problems};
use crate::import::{fold, format_coord, Row, WordList};

/// Current names where GeoNames' `countryInfo.txt` still has an old one.
pub const NAME_OVERRIDES: &[(&str, &str)] = &[
    ("MK", "North Macedonia"),
    ("PS", "Palestine"),
    ("SZ", "Eswatini"),
    ("VA", "Vatican City"),
];

/// Points for countries that neither the GeoNames point table nor the
/// Factbook place: the United States Minor Outlying Islands are scattered
/// atolls; the customary "country average" point is Wake Island's.
pub const POINT_FALLBACKS: &[(&str, (f64, f64))] = &[("UM", (19.2833, 166.6))];

/// How far GeoNames' country point may lie from the Factbook's geographic
/// coordinates before the Factbook's is taken: both mean the centre, and
/// where they are this far apart GeoNames' is not one (South Sudan's is
/// its capital, Juba; Canada's lies 1,000 km west of the centre). Large
/// countries' two points stay within it (United States 235 km, Australia
/// 299 km).
pub const MAX_POINT_DISAGREEMENT_KM: f64 = 350.0;

/// Whether GeoNames' point `p` can stand, given the Factbook's point.
fn points_agree(p: (f64, f64), factbook: Option<(f64, f64)>) -> bool {
    factbook.map_or(true, |f| {
        crate::entity::great_circle_km(p, f) <= MAX_POINT_DISAGREEMENT_KM
    })
}

/// Names the news uses that no table gives reliably.
pub const EXTRA_ALIASES: &[(&str, &[&str])] = &[
    ("AE", &["Emirates"]),
    ("BA", &["Bosnia", "Bosnia-Herzegovina"]),
    ("CD", &["DR Congo", "Congo-Kinshasa", "Zaire"]),
    ("CG", &["Congo-Brazzaville", "Congo Republic"]),
    ("CI", &["Côte d'Ivoire"]),
    ("CV", &["Cabo Verde"]),
    ("CZ", &["Czechia"]),
    ("GB", &["Britain", "Great Britain"]),
    ("KP", &["Democratic People's Republic of Korea"]),
    ("MK", &["Macedonia"]),
    ("MM", &["Burma"]),
    ("NL", &["Holland"]),
    (
        "PS",
        &[
            "State of Palestine",
            "Palestinian Territories",
            "Occupied Palestinian Territories",
        ],
    ),
    ("SZ", &["Swaziland"]),
    ("TL", &["Timor-Leste"]),
    ("TR", &["Türkiye"]),
    ("TT", &["Trinidad"]),
    ("US", &["America", "United States of America"]),
    ("VA", &["Holy See", "Vatican"]),
    ("VN", &["Viet Nam"]),
];

/// Codes the news writes for countries (weak aliases: exact, case-sensitive).
pub const WEAK_ALIASES: &[(&str, &[&str])] = &[
    ("AE", &["UAE", "U.A.E."]),
    ("BA", &["BiH"]),
    ("CD", &["DRC"]),
    ("CN", &["PRC"]),
    ("GB", &["UK", "U.K."]),
    ("KP", &["DPRK"]),
    ("KR", &["ROK"]),
    ("PG", &["PNG"]),
    ("SA", &["KSA"]),
    ("US", &["US", "U.S.", "USA", "U.S.A."]),
];

/// Demonyms the sources miss or garble.
pub const EXTRA_DEMONYMS: &[(&str, &[&str])] = &[
    ("GB", &["Brits"]),
    ("PS", &["Palestinian", "Palestinians"]),
    ("TW", &["Taiwanese"]),
    ("XK", &["Kosovar", "Kosovars"]),
];

/// Country names that are also common given names (flag `given_name`).
pub const GIVEN_NAMES: &[&str] = &[
    "Chad", "China", "Georgia", "India", "Israel", "Jamaica", "Jordan", "Kenya", "Mali",
];

/// Factbook former names that are cities, regions or ancient names rather
/// than former names of the country the news would write.
/// Also former names of territories now split between several countries
/// (Ruanda-Urundi, Italian East Africa, Mandatory Palestine) and parts of a
/// country (Ifni, Ponape, Truk, the Caroline Islands).
pub const FORMER_DENYLIST: &[&str] = &[
    "Awal",
    "Bahrayn",
    "Caroline Islands",
    "Dilmun",
    "Ifni",
    "Italian East Africa",
    "Mandatory Palestine",
    "Mesopotamia",
    "Mishmahig",
    "Norman Isles",
    "Ponape",
    "Quito",
    "Truk",
    "Ruanda-Urundi",
    "Tylos",
    "Western Sahara",
];

/// Aliases the sources give that name something else: the Factbook file
/// GeoNames' FIPS code leads to for Palestine is the West Bank's; the
/// Factbook's garbled short form of the Dominican Republic is its demonym.
pub const ALIAS_DENYLIST: &[(&str, &str)] = &[("DO", "Dominican"), ("PS", "West Bank")];

/// Demonym-table entries that are not demonyms (place names, adjectives of
/// a single island of a group).
pub const DEMONYM_DENYLIST: &[&str] = &[
    "Bonaire",
    "Cocos Island",
    "Falkland Island",
    "Guambat",
    "Pitcairn Island",
    "Solomon Island",
    "Svalbard",
    "Åland Island",
];

fn lookup<'a, T: ?Sized>(table: &'a [(&str, &'a T)], code: &str) -> Option<&'a T> {
    table.iter().find(|(c, _)| *c == code).map(|(_, v)| *v)
}

/// What the Factbook says about one country.
#[derive(Default, Debug)]
struct Factbook {
    names: Vec<String>,
    former: Vec<String>,
    demonyms: Vec<String>,
    coords: Option<(f64, f64)>,
}

pub(crate) fn build(
    opts: &ImportOptions,
    words: Option<&WordList>,
    probs: &mut Problems,
    notes: &mut Vec<String>,
) -> Result<Vec<Row>, GeonamesError> {
    // ISO codes.
    let codes_json: Value = parse_json(&opts.iso_codes)?;
    let mut codes: BTreeSet<String> = BTreeSet::new();
    for item in codes_json.as_array().into_iter().flatten() {
        if let Some(c) = item.get(0).and_then(Value::as_str) {
            codes.insert(c.to_string());
        }
    }
    if codes.is_empty() {
        return Err(GeonamesError::file(
            &opts.iso_codes,
            "no alpha-2 codes found",
        ));
    }
    // ISO English names.
    let names_json: Value = parse_json(&opts.iso_names)?;
    let mut iso_names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(obj) = names_json.get("countries").and_then(Value::as_object) {
        for (code, v) in obj {
            let list = match v {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect(),
                _ => Vec::new(),
            };
            iso_names.insert(code.clone(), list);
        }
    }
    // countryInfo.
    let mut info: BTreeMap<String, dump::CountryInfo> = BTreeMap::new();
    let path = &opts.country_info;
    let mut bad = Vec::new();
    dump::for_each_line(path, |n, line| {
        if line.starts_with('#') || line.trim().is_empty() {
            return Ok(());
        }
        match dump::parse_country_info(line) {
            Ok(ci) => {
                info.insert(ci.iso2.clone(), ci);
            }
            Err(msg) => bad.push(GeonamesError::at(path, n, msg)),
        }
        Ok(())
    })?;
    for e in bad {
        probs.bad(e)?;
    }
    // Points.
    let mut points: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    {
        let path = &opts.country_points;
        let (hdr, recs) = dump::read_csv(path, probs)?;
        let (ci, clat, clon) = (
            dump::column(&hdr, "iso2", path)?,
            dump::column(&hdr, "lat", path)?,
            dump::column(&hdr, "lon", path)?,
        );
        for (line, rec) in recs {
            // A row with no coordinates (UM; the retired AN and CS) has no point.
            if rec[clat].trim().is_empty() && rec[clon].trim().is_empty() {
                continue;
            }
            let lat = dump::parse_coord(&rec[clat], "latitude", 90.0);
            let lon = dump::parse_coord(&rec[clon], "longitude", 180.0);
            match (lat, lon) {
                (Ok(lat), Ok(lon)) => {
                    points.insert(rec[ci].to_string(), (lat, lon));
                }
                (Err(m), _) | (_, Err(m)) => probs.bad(GeonamesError::at(path, line, m))?,
            }
        }
    }
    // Wikidata ids and sovereignty.
    let mut territories: BTreeMap<String, (String, bool, bool)> = BTreeMap::new();
    if let Some(path) = &opts.territories {
        let mut bad = Vec::new();
        dump::for_each_line(path, |n, line| {
            if line.trim().is_empty() {
                return Ok(());
            }
            match serde_json::from_str::<Value>(line) {
                Ok(v) => {
                    if let Some(code) = v.get("code").and_then(Value::as_str) {
                        let qid = v
                            .get("qid")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string();
                        let is_country = v
                            .get("is_country")
                            .and_then(Value::as_bool)
                            .unwrap_or(false);
                        let has_parent = v.get("parent").is_some_and(|p| !p.is_null());
                        territories.insert(code.to_uppercase(), (qid, is_country, has_parent));
                    }
                }
                Err(e) => bad.push(GeonamesError::at(path, n, format!("not JSON: {e}"))),
            }
            Ok(())
        })?;
        for e in bad {
            probs.bad(e)?;
        }
    }
    // nat_df demonyms by ISO3.
    let mut nat: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(path) = &opts.demonyms {
        let (hdr, recs) = dump::read_csv(path, probs)?;
        let (cn, c3) = (
            dump::column(&hdr, "nationality", path)?,
            dump::column(&hdr, "alpha_3_code", path)?,
        );
        for (_, rec) in recs {
            let d = rec[cn].trim();
            if d.is_empty() {
                continue;
            }
            let list = nat.entry(rec[c3].trim().to_string()).or_default();
            list.push(d.to_string());
            if d.ends_with("an") || d.ends_with('i') {
                list.push(format!("{d}s"));
            }
        }
    }
    let factbook_files = match &opts.factbook {
        Some(dir) => factbook_index(dir)?,
        None => BTreeMap::new(),
    };

    let mut rows = Vec::new();
    let mut factbook_points = 0;
    for code in &codes {
        let ci = info.get(code);
        let name = lookup(NAME_OVERRIDES, code)
            .map(|s| s.to_string())
            .or_else(|| ci.map(|c| c.name.clone()))
            .or_else(|| iso_names.get(code).and_then(|v| v.last().cloned()))
            .unwrap_or_else(|| code.clone());
        let fb = match ci.and_then(|c| factbook_files.get(&c.fips.to_lowercase())) {
            Some(p) => read_factbook(p)?,
            None => Factbook::default(),
        };
        let mut aliases: Vec<String> = Vec::new();
        aliases.extend(iso_names.get(code).cloned().unwrap_or_default());
        if let Some(c) = ci {
            aliases.push(c.name.clone());
        }
        aliases.extend(fb.names.iter().cloned());
        aliases.extend(
            lookup(EXTRA_ALIASES, code)
                .into_iter()
                .flatten()
                .map(|s| s.to_string()),
        );
        let mut demonyms: Vec<String> = fb.demonyms.clone();
        if let Some(list) = ci.and_then(|c| nat.get(&c.iso3)) {
            demonyms.extend(list.iter().cloned());
        }
        demonyms.extend(
            lookup(EXTRA_DEMONYMS, code)
                .into_iter()
                .flatten()
                .map(|s| s.to_string()),
        );
        let geonames_point = points
            .get(code)
            .copied()
            .filter(|&p| points_agree(p, fb.coords));
        let (lat, lon) = match geonames_point {
            Some(p) => p,
            None => match fb.coords.or_else(|| {
                POINT_FALLBACKS
                    .iter()
                    .find(|(c, _)| *c == code)
                    .map(|(_, p)| *p)
            }) {
                Some(p) => {
                    factbook_points += 1;
                    p
                }
                None => {
                    probs.bad(GeonamesError::file(
                        &opts.country_points,
                        format!("no point for country {code}: row left out"),
                    ))?;
                    continue;
                }
            },
        };
        let (qid, is_country, has_parent) = territories.get(code).cloned().unwrap_or_default();
        let feature_code = match code.as_str() {
            "AQ" => "CONT",
            "EH" => "TERR",
            _ if is_country && !has_parent => "PCLI",
            _ if has_parent => "PCLD",
            _ => "TERR",
        };
        let mut flags = Vec::new();
        if geonames_point.is_none() {
            if fb.coords.is_some() {
                flags.push("point_factbook".to_string());
            } else {
                flags.push("point_curated".to_string());
            }
        }
        if GIVEN_NAMES.contains(&name.as_str()) {
            flags.push("given_name".to_string());
        }
        rows.push((
            Row {
                id: format!("iso:{code}"),
                kind: "country".to_string(),
                name,
                aliases,
                weak_aliases: lookup(WEAK_ALIASES, code)
                    .into_iter()
                    .flatten()
                    .map(|s| s.to_string())
                    .collect(),
                demonyms,
                country: code.clone(),
                lat: format_coord(lat),
                lon: format_coord(lon),
                population: ci
                    .filter(|c| c.population > 0)
                    .map(|c| c.population.to_string())
                    .unwrap_or_default(),
                feature_code: feature_code.to_string(),
                geonames_id: ci
                    .and_then(|c| c.geonameid)
                    .map(|g| g.to_string())
                    .unwrap_or_default(),
                wikidata_id: qid,
                flags,
                source: if fb.names.is_empty() {
                    "geonames"
                } else {
                    "geonames+factbook"
                }
                .to_string(),
                ..Row::default()
            },
            fb.former,
        ));
    }
    if factbook_points > 0 {
        notes.push(format!(
            "countries.csv: {factbook_points} points from the Factbook or the curated fallbacks"
        ));
    }

    // Former names: drop those claimed twice or equal to a current name.
    let mut former_count: BTreeMap<String, usize> = BTreeMap::new();
    for (_, former) in &rows {
        for f in former.iter().collect::<BTreeSet<_>>() {
            *former_count.entry(fold(f)).or_default() += 1;
        }
    }
    let current: BTreeSet<String> = rows
        .iter()
        .flat_map(|(r, _)| std::iter::once(&r.name).chain(r.aliases.iter()))
        .map(|s| fold(s))
        .collect();
    for (row, former) in rows.iter_mut() {
        for f in former.iter() {
            let k = fold(f);
            if former_count[&k] == 1 && !current.contains(&k) {
                row.aliases.push(f.clone());
            }
        }
    }
    let mut rows: Vec<Row> = rows.into_iter().map(|(r, _)| r).collect();

    // Aliases: no codes, one per folded form, not the name. A long form
    // with "of the" is also written without the article ("Democratic
    // Republic of Congo", "Republic of Sudan").
    for row in rows.iter_mut() {
        let articleless: Vec<String> = std::iter::once(&row.name)
            .chain(row.aliases.iter())
            .filter_map(|a| without_article(a))
            .collect();
        row.aliases.extend(articleless);
        let name_key = fold(&row.name);
        let mut seen = BTreeSet::new();
        seen.insert(name_key);
        let mut out = Vec::new();
        for a in std::mem::take(&mut row.aliases) {
            let a = a.trim().to_string();
            if ALIAS_DENYLIST.contains(&(row.country.as_str(), a.as_str())) {
                continue;
            }
            if a.is_empty() || !a.chars().any(char::is_lowercase) || a.contains(['(', ')', ',']) {
                continue;
            }
            if seen.insert(fold(&a)) {
                out.push(a);
            }
        }
        row.aliases = out;
    }

    // Demonyms: shared ones go to the most populous country; none may be a
    // country name or alias.
    let names: BTreeSet<String> = rows
        .iter()
        .flat_map(|r| std::iter::once(&r.name).chain(r.aliases.iter()))
        .map(|s| fold(s))
        .collect();
    let mut owner: BTreeMap<String, (u64, String)> = BTreeMap::new();
    for row in &rows {
        let pop: u64 = row.population.parse().unwrap_or(0);
        for d in &row.demonyms {
            let e = owner.entry(d.clone()).or_insert((pop, row.id.clone()));
            if pop > e.0 {
                *e = (pop, row.id.clone());
            }
        }
    }
    let mut dropped_shared = 0;
    for row in rows.iter_mut() {
        let mut seen = BTreeSet::new();
        let id = row.id.clone();
        let before = row.demonyms.len();
        row.demonyms.retain(|d| {
            owner.get(d).is_some_and(|(_, o)| *o == id)
                && !names.contains(&fold(d))
                && d.chars().any(char::is_lowercase)
                && !d.contains(" or ")
                && !DEMONYM_DENYLIST.contains(&d.as_str())
                && seen.insert(d.clone())
        });
        dropped_shared += before - row.demonyms.len();
    }
    let _ = dropped_shared;
    for row in rows.iter_mut() {
        flag_common(row, words);
        row.tidy_lists();
    }
    notes.push(format!("countries.csv: {} rows", rows.len()));
    Ok(rows)
}

/// A long name's form without the article after "of" ("Democratic Republic
/// of the Congo" -> "Democratic Republic of Congo"), if it has one.
pub fn without_article(name: &str) -> Option<String> {
    name.contains(" of the ")
        .then(|| name.replacen(" of the ", " of ", 1))
}

fn parse_json(path: &Path) -> Result<Value, GeonamesError> {
    let text = dump::read_to_string(path)?;
    serde_json::from_str(&text)
        .map_err(|e| GeonamesError::at(path, e.line() as u64, format!("not JSON: {e}")))
}

/// Maps lowercase FIPS codes to Factbook files (`<region>/<fips>.json`).
fn factbook_index(dir: &Path) -> Result<BTreeMap<String, std::path::PathBuf>, GeonamesError> {
    let mut out = BTreeMap::new();
    let rd = std::fs::read_dir(dir).map_err(|e| GeonamesError::io(dir, &e))?;
    let mut subdirs: Vec<_> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    for sub in subdirs {
        if sub
            .file_name()
            .is_some_and(|n| n == "meta" || n == "world" || n == "oceans")
        {
            continue;
        }
        let rd = std::fs::read_dir(&sub).map_err(|e| GeonamesError::io(&sub, &e))?;
        let mut files: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for f in files {
            if f.extension().is_some_and(|e| e == "json") {
                if let Some(stem) = f.file_stem().and_then(|s| s.to_str()) {
                    out.entry(stem.to_lowercase()).or_insert(f.clone());
                }
            }
        }
    }
    Ok(out)
}

fn fb_text<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for k in path {
        cur = cur.get(k)?;
    }
    cur.get("text").and_then(Value::as_str)
}

/// Decodes the few HTML entities the Factbook uses in names.
pub fn decode_entities(s: &str) -> String {
    let mut out = s.to_string();
    for (ent, ch) in [
        ("&ocirc;", "ô"),
        ("&eacute;", "é"),
        ("&egrave;", "è"),
        ("&aacute;", "á"),
        ("&iacute;", "í"),
        ("&oacute;", "ó"),
        ("&uacute;", "ú"),
        ("&atilde;", "ã"),
        ("&ccedil;", "ç"),
        ("&uuml;", "ü"),
        ("&ouml;", "ö"),
        ("&amp;", "&"),
        ("&apos;", "'"),
        ("&#39;", "'"),
    ] {
        out = out.replace(ent, ch);
    }
    out
}

/// A Factbook name field: text before any `;` note, no leading "The",
/// nothing bracketed, not "none".
pub fn clean_fb_name(s: &str) -> Option<String> {
    let s = decode_entities(s);
    let s = s.split(';').next().unwrap_or("").trim();
    let s = s.strip_prefix("The ").unwrap_or(s).trim();
    if s.is_empty() || s.eq_ignore_ascii_case("none") || s.contains(['(', ')', '[', ']', ',']) {
        return None;
    }
    Some(s.to_string())
}

const PARTICLES: &[&str] = &[
    "of", "the", "and", "de", "da", "du", "del", "la", "le", "al", "el", "in", "on",
];

/// Splits a Factbook "former" field into names (see the module docs).
pub fn split_former(s: &str) -> Vec<String> {
    let s = decode_entities(s);
    if s.contains('[') {
        return Vec::new();
    }
    s.split([',', ';'])
        .map(str::trim)
        .filter(|item| {
            !item.is_empty()
                && !item.contains(['(', ')', '/'])
                && !item.eq_ignore_ascii_case("none")
                && item.chars().next().is_some_and(char::is_uppercase)
                && item
                    .split_whitespace()
                    .all(|w| !w.starts_with(char::is_lowercase) || PARTICLES.contains(&w))
                && !FORMER_DENYLIST.contains(item)
        })
        .map(String::from)
        .collect()
}

/// Parses a Factbook nationality field into demonyms with plurals.
pub fn parse_demonyms(s: &str) -> Vec<String> {
    let s = decode_entities(s);
    let s = s.split(';').next().unwrap_or("");
    let s = s.replace(" or ", ",").replace('/', ",");
    let mut out = Vec::new();
    for item in s.split(',') {
        // Trailing notes go first: "(US citizens)", "(singular and plural)".
        let mut item = item.trim().to_string();
        while item.ends_with(')') {
            let Some(i) = item.rfind('(') else { break };
            if matches!(&item[i..], "(s)" | "(men)" | "(women)") {
                break;
            }
            item = item[..i].trim_end().to_string();
        }
        let item = item.as_str();
        if let Some(base) = item.strip_suffix("(s)") {
            let base = base.trim();
            out.push(base.to_string());
            out.push(format!("{base}s"));
            continue;
        }
        let compact = item.replace(" (", "(");
        if let Some(base) = compact.strip_suffix("(men)") {
            out.push(base.to_string());
            if let Some(stem) = base.strip_suffix("man") {
                out.push(format!("{stem}men"));
            }
            continue;
        }
        if let Some(base) = compact.strip_suffix("(women)") {
            out.push(base.to_string());
            if let Some(stem) = base.strip_suffix("woman") {
                out.push(format!("{stem}women"));
            }
            continue;
        }
        // Any other parenthetical is a note: "(singular and plural)",
        // "(US citizens)", "(colloquial)".
        let plain = match item.find('(') {
            Some(i) => item[..i].trim(),
            None => item,
        };
        out.push(plain.to_string());
    }
    out.retain(|d| {
        !d.is_empty()
            && d.starts_with(char::is_uppercase)
            && d.chars().any(char::is_lowercase)
            && d.split_whitespace().count() <= 3
            && !d.contains(['(', ')'])
            && !d.eq_ignore_ascii_case("none")
    });
    out
}

fn parse_dms(s: &str) -> Option<(f64, f64)> {
    // "35 00 N, 38 00 E"
    let mut parts = s.split(',');
    let one = |p: &str| -> Option<f64> {
        let toks: Vec<&str> = p.split_whitespace().collect();
        if toks.len() != 3 {
            return None;
        }
        let d: f64 = toks[0].parse().ok()?;
        let m: f64 = toks[1].parse().ok()?;
        let v = d + m / 60.0;
        match toks[2] {
            "N" | "E" => Some(v),
            "S" | "W" => Some(-v),
            _ => None,
        }
    };
    let lat = one(parts.next()?)?;
    let lon = one(parts.next()?)?;
    Some((lat, lon))
}

fn read_factbook(path: &Path) -> Result<Factbook, GeonamesError> {
    let v = parse_json(path)?;
    let mut fb = Factbook::default();
    let cn = ["Government", "Country name"];
    for k in ["conventional short form", "conventional long form"] {
        if let Some(n) = fb_text(&v, &[cn[0], cn[1], k]).and_then(clean_fb_name) {
            fb.names.push(n);
        }
    }
    if let Some(f) = fb_text(&v, &[cn[0], cn[1], "former"]) {
        fb.former = split_former(f);
    }
    for k in ["noun", "adjective"] {
        if let Some(t) = fb_text(&v, &["People and Society", "Nationality", k]) {
            fb.demonyms.extend(parse_demonyms(t));
        }
    }
    fb.coords = fb_text(&v, &["Geography", "Geographic coordinates"]).and_then(parse_dms);
    Ok(fb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geonames_point_unless_far_from_the_factbook() {
        let geonames = (60.1, -113.6);
        assert!(points_agree(geonames, None));
        assert!(points_agree(geonames, Some((60.0, -110.0))));
        assert!(!points_agree(geonames, Some((60.0, -95.0))));
    }

    #[test]
    fn demonym_table() {
        let table: &[(&str, &[&str])] = &[
            ("Syrian(s)", &["Syrian", "Syrians"]),
            ("Syrian", &["Syrian"]),
            ("Chinese (singular and plural)", &["Chinese"]),
            (
                "Frenchman(men), Frenchwoman(women)",
                &["Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"],
            ),
            (
                "Manxman (men), Manxwoman (women)",
                &["Manxman", "Manxmen", "Manxwoman", "Manxwomen"],
            ),
            (
                "Briton(s), British (collective plural)",
                &["Briton", "Britons", "British"],
            ),
            (
                "Lao(s) or Laotian(s)",
                &["Lao", "Laos", "Laotian", "Laotians"],
            ),
            ("Chinese/Hong Konger", &["Chinese", "Hong Konger"]),
            (
                "Puerto Rican(s) (US citizens)",
                &["Puerto Rican", "Puerto Ricans"],
            ),
            ("NA (US citizens)", &[]),
            ("none", &[]),
            (
                "liSwati (singular), emaSwati (plural); note - former term",
                &[],
            ),
        ];
        for &(input, want) in table {
            let got = parse_demonyms(input);
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn article_dropped_after_of() {
        assert_eq!(
            without_article("Democratic Republic of the Congo").as_deref(),
            Some("Democratic Republic of Congo")
        );
        assert_eq!(
            without_article("Union of the Comoros").as_deref(),
            Some("Union of Comoros")
        );
        assert_eq!(without_article("Republic of Korea"), None);
        assert_eq!(without_article("Other Congo"), None);
    }

    #[test]
    fn former_and_names() {
        assert_eq!(split_former("Persia"), vec!["Persia"]);
        assert_eq!(split_former("Serendib, Ceylon"), vec!["Serendib", "Ceylon"]);
        assert_eq!(
            split_former("Hoorn Islands is the former name of the Futuna Islands"),
            Vec::<String>::new()
        );
        assert_eq!(
            split_former("Yemen Arab Republic [Yemen (Sanaa)]"),
            Vec::<String>::new()
        );
        assert_eq!(
            split_former("Mesopotamia, Mandatory Iraq"),
            vec!["Mandatory Iraq"]
        );
        assert_eq!(
            clean_fb_name("C&ocirc;te d'Ivoire").as_deref(),
            Some("Côte d'Ivoire")
        );
        assert_eq!(clean_fb_name("The Bahamas").as_deref(), Some("Bahamas"));
        assert_eq!(clean_fb_name("none"), None);
        assert_eq!(
            clean_fb_name("United Kingdom of Great Britain and Northern Ireland; note - x")
                .as_deref(),
            Some("United Kingdom of Great Britain and Northern Ireland")
        );
        assert_eq!(parse_dms("35 00 N, 38 30 W"), Some((35.0, -38.5)));
    }
}
