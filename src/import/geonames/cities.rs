//! `cities.csv`: populated places streamed from the GeoNames place table.
use std::collections::BTreeSet;

use super::{alias, dump, GeonamesError, ImportOptions, Problems};
use crate::import::{format_coord, Row, WordList};

/// Whether a place passes the class, code and population filters.
pub fn keep(p: &dump::Place, opts: &ImportOptions) -> bool {
    if !opts.feature_classes.contains(&p.feature_class) {
        return false;
    }
    if !opts.feature_codes.is_empty() && !opts.feature_codes.contains(&p.feature_code) {
        return false;
    }
    if opts.exclude_feature_codes.contains(&p.feature_code) {
        return false;
    }
    p.population >= opts.min_population || opts.always_codes.contains(&p.feature_code)
}

pub(crate) fn build(
    opts: &ImportOptions,
    countries: &BTreeSet<String>,
    words: Option<&WordList>,
    probs: &mut Problems,
    notes: &mut Vec<String>,
) -> Result<Vec<Row>, GeonamesError> {
    let path = &opts.cities;
    let mut rows: Vec<(u64, Row)> = Vec::new();
    let mut common_aliases = 0;
    let mut seen = 0u64;
    dump::for_each_line(path, |n, line| {
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        seen += 1;
        let p = match dump::parse_place(line) {
            Ok(p) => p,
            Err(m) => return probs.bad(GeonamesError::at(path, n, m)),
        };
        if !keep(&p, opts) {
            return Ok(());
        }
        let (mut aliases, common) =
            alias::filter_aliases(&p.name, &p.asciiname, &p.alternatenames, words, countries);
        common_aliases += common;
        if !opts.city_aliases || p.population < opts.alias_min_population {
            aliases.clear();
        }
        let mut flags = Vec::new();
        if words.is_some_and(|w| w.contains(&p.name)) {
            flags.push("common_word".to_string());
        }
        let admin1 = if p.admin1.is_empty() || p.admin1 == "00" {
            String::new()
        } else {
            format!("{}.{}", p.country, p.admin1)
        };
        let mut row = Row {
            id: format!("gn:{}", p.geonameid),
            kind: "city".to_string(),
            name: p.name,
            aliases,
            country: p.country,
            admin1,
            lat: format_coord(p.lat),
            lon: format_coord(p.lon),
            population: if p.population > 0 {
                p.population.to_string()
            } else {
                String::new()
            },
            feature_code: p.feature_code,
            geonames_id: p.geonameid.to_string(),
            flags,
            source: "geonames".to_string(),
            ..Row::default()
        };
        row.tidy_lists();
        rows.push((p.geonameid, row));
        Ok(())
    })?;
    rows.sort_by_key(|(id, _)| *id);
    let before = rows.len();
    rows.dedup_by_key(|(id, _)| *id);
    if rows.len() != before {
        notes.push(format!(
            "cities.csv: {} duplicate geonameids dropped",
            before - rows.len()
        ));
    }
    notes.push(format!(
        "cities.csv: {} rows kept of {} read; {} common-word aliases dropped",
        rows.len(),
        seen,
        common_aliases
    ));
    Ok(rows.into_iter().map(|(_, r)| r).collect())
}
