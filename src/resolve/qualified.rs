//! A lower-case qualifier before a big unit's name: "southeast Asia",
//! "central Europe", "northern Africa", "sub-Saharan Africa", "north-west
//! Pakistan".
//!
//! The matcher lets a name's first word be written in lower case (so that
//! "eastern Ghouta" tags), which makes "southeast Asia" a match for the
//! world region Southeast Asia. Written that way the words are a
//! description, not the region's proper name: the text speaks of part of
//! the continent or country, and news annotation marks the continent or
//! country alone (in the development corpora, every lower-case compass
//! word before a place name was left out of the gold span, while
//! capitalised ones, "Southeast Asia", were kept).
//!
//! "Sub-Saharan Africa" is read the same way, capitalised or not: both
//! GeoVirus forms mark Africa alone, as an adjective before the continent.
//!
//! So a span whose first word starts in lower case (or with "Sub-") and whose
//! remaining words are the name or an alias of a continent, a country or
//! a first-level division narrows to those words, and that unit becomes
//! its only candidate: the one in the span's own country if there is one
//! ("west Pakistan" is Pakistan), else a continent, a country, then the
//! most populous division. Spans whose remainder names no such unit are
//! left alone ("eastern Ghouta": Ghouta alone is no division). `local`
//! has already narrowed "southern California" to the state when Southern
//! California lies in it; this rule covers world regions and aliases,
//! which lie in no division.

use rustc_hash::FxHashMap;

use super::{Context, Pending, Rule};
use crate::entity::{EntityId, Kind, MatchType};
use crate::gazetteer::Gazetteer;
use crate::normalize::normalize_str;

/// The qualifier rule: normalized names of continents, countries and
/// first-level divisions, each with its entities and match type.
#[derive(Clone, Debug, Default)]
pub struct Qualified {
    units: FxHashMap<String, Vec<(EntityId, MatchType)>>,
}

/// Rank of a unit when several share the name: continents, then
/// countries, then divisions.
fn rank(kind: Kind, feature_code: &str) -> u8 {
    match (kind, feature_code) {
        (_, "CONT") => 0,
        (Kind::Country, _) => 1,
        _ => 2,
    }
}

impl Qualified {
    /// Collects the names of the gazetteer's continents, countries and
    /// first-level divisions.
    pub fn new(gaz: &Gazetteer) -> Qualified {
        let mut units: FxHashMap<String, Vec<(EntityId, MatchType)>> = FxHashMap::default();
        for (i, e) in gaz.entities().iter().enumerate() {
            let unit = e.kind == Kind::Country
                || (e.kind == Kind::Region && matches!(e.feature_code.as_str(), "CONT" | "ADM1"));
            if !unit {
                continue;
            }
            let id = EntityId(i as u32);
            let names = std::iter::once((&e.name, MatchType::Name))
                .chain(e.aliases.iter().map(|a| (a, MatchType::Alias)));
            for (name, m) in names {
                let list = units.entry(normalize_str(name)).or_default();
                if !list.iter().any(|&(x, _)| x == id) {
                    list.push((id, m));
                }
            }
        }
        Qualified { units }
    }

    /// The unit that `rest` names, for a span whose live candidates are
    /// `live`.
    fn unit(
        &self,
        gaz: &Gazetteer,
        rest: &str,
        live: &[EntityId],
    ) -> Option<(EntityId, MatchType)> {
        let list = self.units.get(&normalize_str(rest))?;
        let own_country = |&(u, _): &(EntityId, MatchType)| {
            let c = &gaz.get(u).country;
            !c.is_empty() && live.iter().any(|&l| gaz.get(l).country == *c)
        };
        if let Some(&u) = list.iter().find(|u| own_country(u)) {
            return Some(u);
        }
        list.iter().copied().min_by(|&(a, _), &(b, _)| {
            let (a, b) = (gaz.get(a), gaz.get(b));
            rank(a.kind, &a.feature_code)
                .cmp(&rank(b.kind, &b.feature_code))
                .then(b.population.cmp(&a.population))
                .then(a.id.cmp(&b.id))
        })
    }
}

impl Rule for Qualified {
    fn name(&self) -> &'static str {
        "qualified"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let gaz = ctx.gazetteer;
        for p in spans.iter_mut() {
            let surface = &ctx.text[p.start..p.end];
            // A lower-case first letter or "Sub-" (below): no other ASCII
            // first byte can start a qualifier.
            match surface.as_bytes().first() {
                Some(&b) if b.is_ascii() && !b.is_ascii_lowercase() && b != b'S' => continue,
                None => continue,
                _ => {}
            }
            let Some((word, rest)) = surface.split_once(' ') else {
                continue;
            };
            // A qualifier starts in lower case ("southeast", "sub-Saharan");
            // "Sub-" keeps its prefix's meaning when capitalised.
            let lower = word.chars().next().is_some_and(char::is_lowercase);
            if !(lower || word.starts_with("Sub-"))
                || !word.chars().any(char::is_lowercase)
                || !rest.chars().next().is_some_and(char::is_uppercase)
            {
                continue;
            }
            let live: Vec<EntityId> = p.live().map(|c| c.entity).collect();
            if live.is_empty() || !live.iter().all(|&l| gaz.facts(l).kind.is_place()) {
                continue;
            }
            let Some((entity, match_type)) = self.unit(gaz, rest, &live) else {
                continue;
            };
            p.narrow_to(p.end - rest.len(), entity, match_type, "qualified");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    fn fixture() -> Gazetteer {
        gaz(&[
            "cur:asia,region,Asia,,,,,4000000000,CONT,",
            "cur:se-asia,region,Southeast Asia,South-East Asia,,,,,RGN,",
            "cur:ss-africa,region,Sub-Saharan Africa,,,,,,RGN,",
            "cur:africa,region,Africa,,,,,1000000000,CONT,",
            "iso:PK,country,Pakistan,West Pakistan,,PK,,200000000,PCLI,",
            "iso:GE,country,Georgia,,,GE,,3700000,PCLI,",
            "gn:1,region,Georgia,,,US,US.GA,10000000,ADM1,",
            "cur:ghouta,region,Eastern Ghouta,,,SY,SY.08,,RGN,",
            "cur:nw,region,Northwest Georgia,,,US,US.GA,,RGN,",
        ])
    }

    fn run(t: &str) -> Vec<(String, String)> {
        let g = fixture();
        resolve_with(&g, vec![Box::new(Qualified::new(&g))], t)
    }

    #[test]
    fn lower_case_qualifier_narrows_to_the_unit() {
        let one = |t: &str| run(t)[0].clone();
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(one("floods in southeast Asia"), pair("Asia", "cur:asia"));
        assert_eq!(one("the south-east Asia monsoon"), pair("Asia", "cur:asia"));
        assert_eq!(one("in sub-Saharan Africa"), pair("Africa", "cur:africa"));
        assert_eq!(one("Sub-Saharan Africa"), pair("Africa", "cur:africa"));
        // An alias of the country itself: its own country wins.
        assert_eq!(one("north of west Pakistan"), pair("Pakistan", "iso:PK"));
        // A shared name goes to the candidates' country ...
        assert_eq!(one("in northwest Georgia"), pair("Georgia", "gn:1"));
    }

    #[test]
    fn capitalised_or_unknown_remainders_are_left_alone() {
        let one = |t: &str| run(t)[0].clone();
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            one("floods in Southeast Asia"),
            pair("Southeast Asia", "cur:se-asia")
        );
        assert_eq!(
            one("shelling of eastern Ghouta"),
            pair("eastern Ghouta", "cur:ghouta")
        );
        assert_eq!(
            one("in Northwest Georgia"),
            pair("Northwest Georgia", "cur:nw")
        );
    }

    #[test]
    fn a_shared_name_without_own_country_prefers_the_bigger_unit() {
        let g = gaz(&[
            "cur:se,region,Southern Georgia,,,,,,RGN,",
            "iso:GE,country,Georgia,,,GE,,3700000,PCLI,",
            "gn:1,region,Georgia,,,US,US.GA,10000000,ADM1,",
        ]);
        let r = resolve_with(
            &g,
            vec![Box::new(Qualified::new(&g))],
            "in southern Georgia",
        );
        assert_eq!(r[0], ("Georgia".to_string(), "iso:GE".to_string()));
    }
}
