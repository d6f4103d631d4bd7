//! Merging rows of several sources into one row per entity.
//!
//! Rows arrive in precedence order (`cur` > `congress` > `factbook` > `gsa` >
//! `petrarch2`); a later row joins an earlier entity when
//!
//! 1. both carry the same Wikidata id, or else
//! 2. they are of the same kind and country (never across countries: two John
//!    Smiths stay two) and the later row's name or one of its aliases normalises
//!    (see [`norm`]) to the earlier entity's name or one of its aliases, or else
//! 3. exactly one of the two has no country (PETRARCH's UN officials, the
//!    Factbook's armed groups), a name or alias of one is a name or alias of the
//!    other, and no other entity qualifies, or
//! 4. the later row is an imported (not curated) agency sharing a weak alias with
//!    exactly one earlier agency of the same country, or of any country when one
//!    side is international and the acronym has three letters or more.
//!
//! The earlier (higher-precedence) row keeps its id, name, subtype, coordinates and
//! validity dates; the later one adds its name and aliases as aliases, its weak aliases,
//! roles, flags and source tag, and fills fields the earlier row left empty. Dates are
//! only filled into an entity whose sources are all PETRARCH (2014 vintage): a
//! Factbook or curated row with no end date means "still in office".
use std::collections::BTreeMap;

use super::row::{norm, ActorRow, Kind};

/// The name-matching key: [`norm`], and for agencies without a leading `the` or
/// `US`/`United States` (`United States Department of Education` = `Department of
/// Education`; the country column already says which country).
fn key(kind: Kind, name: &str) -> String {
    let n = norm(name);
    if kind == Kind::Person {
        return n;
    }
    let mut s = n.as_str();
    for p in ["the ", "united states ", "us ", "u s "] {
        s = s.strip_prefix(p).unwrap_or(s);
    }
    s.to_string()
}

/// Merge `rows` (in precedence order) and return them sorted by id.
pub fn merge(rows: Vec<ActorRow>) -> Vec<ActorRow> {
    let mut out: Vec<ActorRow> = Vec::new();
    let mut by_wd: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_name: BTreeMap<(Kind, String, String), usize> = BTreeMap::new();
    let mut by_any: BTreeMap<(Kind, String), Vec<usize>> = BTreeMap::new();
    let mut by_weak: BTreeMap<(Kind, String), Vec<usize>> = BTreeMap::new();
    for row in rows {
        let mut hit = None;
        if !row.wikidata_id.is_empty() {
            hit = by_wd.get(&row.wikidata_id).copied();
        }
        if hit.is_none() {
            for n in std::iter::once(&row.name).chain(row.aliases.iter()) {
                if let Some(&i) = by_name.get(&(row.kind, row.country.clone(), key(row.kind, n))) {
                    hit = Some(i);
                    break;
                }
            }
        }
        // A row without a country (a UN official or an armed group in PETRARCH's
        // International file) joins the one namesake that has one, and a row with a
        // country joins the one international namesake.
        if hit.is_none() {
            let mut cands: Vec<usize> = std::iter::once(&row.name)
                .chain(row.aliases.iter())
                .filter_map(|n| by_any.get(&(row.kind, key(row.kind, n))))
                .flatten()
                .copied()
                .filter(|&i| row.country.is_empty() != out[i].country.is_empty())
                .collect();
            cands.sort_unstable();
            cands.dedup();
            if cands.len() == 1 {
                hit = Some(cands[0]);
            }
        }
        // An imported agency joins the one entity that has its acronym, in its
        // country or with one side international (`AQAP`; GSA's three rows for
        // the Department of Education, `ED`). Curated rows never join this way:
        // curation keeps `RSF` (Sudan) and `RSF` (Reporters Without Borders) apart.
        if hit.is_none() && row.kind == Kind::Agency && row.sources.iter().all(|s| s != "cur") {
            for w in &row.weak_aliases {
                let compatible: Vec<usize> = by_weak
                    .get(&(row.kind, w.to_uppercase()))
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&i| {
                        let c = &out[i].country;
                        if c == &row.country {
                            !c.is_empty() || w.chars().count() >= 3
                        } else {
                            (c.is_empty() || row.country.is_empty()) && w.chars().count() >= 3
                        }
                    })
                    .collect();
                if compatible.len() == 1 {
                    hit = Some(compatible[0]);
                    break;
                }
            }
        }
        // Two rows with different Wikidata ids are different entities.
        if let Some(i) = hit {
            if !row.wikidata_id.is_empty()
                && !out[i].wikidata_id.is_empty()
                && out[i].wikidata_id != row.wikidata_id
            {
                hit = None;
            }
        }
        let idx = match hit {
            Some(i) => {
                absorb(&mut out[i], row);
                i
            }
            None => {
                out.push(row);
                out.len() - 1
            }
        };
        let e = &out[idx];
        if !e.wikidata_id.is_empty() {
            by_wd.entry(e.wikidata_id.clone()).or_insert(idx);
        }
        for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
            by_name
                .entry((e.kind, e.country.clone(), key(e.kind, n)))
                .or_insert(idx);
        }
        for w in &e.weak_aliases {
            let v = by_weak.entry((e.kind, w.to_uppercase())).or_default();
            if !v.contains(&idx) {
                v.push(idx);
            }
        }
        for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
            let v = by_any.entry((e.kind, key(e.kind, n))).or_default();
            if !v.contains(&idx) {
                v.push(idx);
            }
        }
    }
    for r in &mut out {
        r.tidy();
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn absorb(into: &mut ActorRow, from: ActorRow) {
    let only_petrarch = into.sources.iter().all(|s| s == "petrarch2");
    // An acronym-only name (`IAEA`) is a weak alias, not a case-insensitive alias.
    if !into.weak_aliases.contains(&from.name) {
        into.aliases.push(from.name);
    }
    into.aliases.extend(from.aliases);
    into.weak_aliases.extend(from.weak_aliases);
    into.roles.extend(from.roles);
    into.flags.extend(from.flags);
    into.sources.extend(from.sources);
    if into.wikidata_id.is_empty() {
        into.wikidata_id = from.wikidata_id;
    }
    if into.subtype.is_empty() {
        into.subtype = from.subtype;
    }
    if into.lat.is_none() && into.lon.is_none() {
        into.lat = from.lat;
        into.lon = from.lon;
    }
    if only_petrarch && into.valid_from.is_empty() && into.valid_to.is_empty() {
        into.valid_from = from.valid_from;
        into.valid_to = from.valid_to;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, cc: &str, src: &str) -> ActorRow {
        let mut r = ActorRow::new(id.into(), Kind::Person, name.into(), src);
        r.country = cc.into();
        r
    }

    #[test]
    fn precedence_keeps_first_id_and_name() {
        let mut fb = person("fb:ru:vladimir-putin", "Vladimir Putin", "RU", "factbook");
        fb.valid_from = "2012-05-07".into();
        let mut pet = person("pet:ru:vladimir-putin", "Vladimir Putin", "RU", "petrarch2");
        pet.aliases.push("Vladimir Vladimirovich Putin".into());
        pet.valid_to = "2008-05-07".into();
        let cur = person("cur:vladimir-putin", "Vladimir Putin", "RU", "cur");
        let out = merge(vec![cur, fb, pet]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, "cur:vladimir-putin");
        assert_eq!(out[0].sources, ["cur", "factbook", "petrarch2"]);
        assert_eq!(out[0].aliases, ["Vladimir Vladimirovich Putin"]);
        assert_eq!(out[0].valid_to, "");
    }

    #[test]
    fn never_across_countries() {
        let a = person("a", "John Smith", "US", "congress");
        let b = person("b", "John Smith", "GB", "petrarch2");
        assert_eq!(merge(vec![a, b]).len(), 2);
    }

    #[test]
    fn countryless_person_joins_unique_namesake() {
        let a = person("cur:kofi-annan", "Kofi Annan", "GH", "cur");
        let b = person("pet:int:kofi-annan", "Kofi Annan", "", "petrarch2");
        assert_eq!(merge(vec![a, b]).len(), 1);
        let c = person("x", "John Smith", "US", "cur");
        let d = person("y", "John Smith", "GB", "cur");
        let e = person("z", "John Smith", "", "petrarch2");
        assert_eq!(merge(vec![c, d, e]).len(), 3);
    }

    #[test]
    fn acronyms_join_imported_agencies_only() {
        let agency = |id: &str, name: &str, cc: &str, src: &str, weak: &str| {
            let mut r = ActorRow::new(id.into(), Kind::Agency, name.into(), src);
            r.country = cc.into();
            r.weak_aliases.push(weak.into());
            r
        };
        let rows = vec![
            agency(
                "cur:rapid-support-forces",
                "Rapid Support Forces",
                "SD",
                "cur",
                "RSF",
            ),
            agency("cur:rsf", "Reporters Without Borders", "", "cur", "RSF"),
            agency(
                "cur:aqap",
                "al-Qaeda in the Arabian Peninsula",
                "YE",
                "cur",
                "AQAP",
            ),
            agency(
                "fb:group:aqap",
                "al-Qa'ida in the Arabian Peninsula",
                "",
                "factbook",
                "AQAP",
            ),
            agency("gsa:1", "Department of Education", "US", "gsa", "ED"),
            agency("gsa:2", "Education Department", "US", "gsa", "ED"),
        ];
        let out = merge(rows);
        let ids: Vec<&str> = out.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            ["cur:aqap", "cur:rapid-support-forces", "cur:rsf", "gsa:1"]
        );
    }

    #[test]
    fn wikidata_first() {
        let mut a = person("bioguide:X", "Bernard Sanders", "US", "congress");
        a.wikidata_id = "Q1".into();
        let mut b = person("cur:bernie-sanders", "Bernie Sanders", "US", "cur");
        b.wikidata_id = "Q1".into();
        let out = merge(vec![b, a]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, "cur:bernie-sanders");
        assert_eq!(out[0].aliases, ["Bernard Sanders"]);
    }
}
