//! Prior: without other evidence, the bigger, more important place wins.
//!
//! - Population: `log10(population + 1)`, so a city of a million (6.0)
//!   beats a town of ten thousand (4.0) by a margin later rules can
//!   overturn.
//! - Feature rank: a capital (`PPLC`) +1.5, a first-level seat (`PPLA`)
//!   +1.0, a second-level seat (`PPLA2`) +0.5.
//! - Bigger unit: a name shared by a country, a division and a city means
//!   the bigger unit unless evidence speaks: countries +3, first-level
//!   divisions and curated regions +1.
//!
//! - Organisations and people beat places on the same span when matched by
//!   their own name, a full alias or an acronym written exactly (+10, more
//!   than any city's population and rank): "NATO" is not Nato, Philippines,
//!   nor "UN" the town of Un: "White House" is the agency, not Casablanca (whose name
//!   means white house and is listed among its aliases); "State Department"
//!   or "Paris Hilton" win by length anyway.
//! - A place matched by its own name beats one matched by an alias (+0.5):
//!   the name is what the news writes.
//! - A first-level seat beats the division named after it, and a capital
//!   a first-level division of its own country with its name (−2 to the
//!   division, which loses its bigger-unit bonus and one more): bare
//!   "Aleppo" or "Latakia" in the news is the city, the province is
//!   written "Aleppo province", which the `local` rule weighs; bare
//!   "Washington" is the capital, the state is written "Washington
//!   state" or comes with its towns, which `context` counts. The division
//!   loses rather than the city gaining, so the seat of a big division
//!   gains nothing over the towns of the same name elsewhere ("Alexandria"
//!   in Egypt against Alexandria, Minnesota).

use super::{Context, Pending, Rule};
use crate::entity::{Kind, MatchType};
use crate::gazetteer::{Code, Feature};

/// The population and feature prior.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prior;

impl Rule for Prior {
    fn name(&self) -> &'static str {
        "prior"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        for span in spans {
            let several = span.candidates.len() > 1;
            // The cities among the candidates that outrank a first-level
            // division of the same name: its seat (by division code) and
            // its country's capital (by country code).
            let mut seats: Vec<Code> = Vec::new();
            let mut capitals: Vec<Code> = Vec::new();
            if several {
                for o in &span.candidates {
                    let d = ctx.gazetteer.facts(o.entity);
                    if d.kind == Kind::City {
                        match d.feature {
                            Feature::Ppla => seats.push(d.admin1),
                            Feature::Pplc => capitals.push(d.country),
                            _ => {}
                        }
                    }
                }
            }
            for c in &mut span.candidates {
                let e = ctx.gazetteer.facts(c.entity);
                let mut s = super::log_population(e.population);
                s += match e.feature {
                    Feature::Pplc => 1.5,
                    Feature::Ppla => 1.0,
                    Feature::Ppla2 => 0.5,
                    _ => 0.0,
                };
                if several {
                    s += match e.kind {
                        Kind::Country => 3.0,
                        Kind::Region => 1.0,
                        Kind::Agency | Kind::Person
                            if matches!(
                                c.match_type,
                                MatchType::Name | MatchType::Alias | MatchType::Weak
                            ) =>
                        {
                            10.0
                        }
                        _ => 0.0,
                    };
                    if c.match_type == MatchType::Name && e.kind.is_place() {
                        s += 0.5;
                    }
                    if e.kind == Kind::Region
                        && e.feature == Feature::Adm1
                        && (seats.contains(&e.admin1) || capitals.contains(&e.country))
                    {
                        s -= 2.0;
                    }
                }
                c.add("prior", s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    #[test]
    fn bigger_place_then_bigger_unit() {
        let g = gaz(&[
            "gn:1,city,Paris,,,FR,FR.11,2138551,PPLC,",
            "gn:2,city,Paris,,,US,US.TX,24782,PPL,",
            "iso:GE,country,Georgia,,,GE,,3700000,PCLI,",
            "gn:3,region,Georgia,,,US,US.GA,10700000,ADM1,",
            "gn:4,city,Aleppo,,,SY,SY.09,1602264,PPLA,",
            "gn:5,region,Aleppo Governorate,Aleppo,,SY,SY.09,4868000,ADM1,",
            "gn:6,city,Casablanca,White House,,MA,MA.06,3000000,PPLA,",
            "a:1,agency,White House,,,US,,,,",
        ]);
        let got = resolve_with(
            &g,
            vec![Box::new(Prior)],
            "Paris, Georgia, Aleppo, White House",
        );
        assert_eq!(got[0].1, "gn:1");
        assert_eq!(got[1].1, "iso:GE");
        // 6.2 + 1.0 (seat) + 0.5 (own name) beats 6.69 + 1.0 (bigger unit) - 2.
        assert_eq!(got[2].1, "gn:4");
        assert_eq!(got[3].1, "a:1");
    }

    #[test]
    fn a_capital_beats_a_division_of_its_country() {
        let g = gaz(&[
            "gn:1,city,Washington,,,US,US.DC,690000,PPLC,",
            "gn:2,region,Washington,,,US,US.WA,7700000,ADM1,",
            "gn:3,region,Sonora,,,MX,MX.26,2900000,ADM1,",
            "gn:4,city,Sonora,,,US,US.CA,4900,PPLA2,",
        ]);
        let got = resolve_with(&g, vec![Box::new(Prior)], "Washington, Sonora");
        assert_eq!(got[0].1, "gn:1");
        // No capital or seat among the candidates: the division keeps its
        // bonus.
        assert_eq!(got[1].1, "gn:3");
    }
}
