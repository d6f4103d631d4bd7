//! Ambiguous names that can lie in one division pull each other there.
//!
//! "Paris and Henry County" in one story: each name alone is ambiguous
//! (Paris is in France, Texas, Tennessee, Illinois ...; Henry County in a
//! dozen states), and the `context` rule, which counts only each name's
//! current leader, sees France and Alabama. But only one reading puts
//! both in one first-level division, Tennessee, and stories name places
//! near each other. So for every candidate below country level, each
//! *other* ambiguous name in the document (one whose live place candidates
//! lie in two or more divisions) that has a candidate in the same division
//! adds a vote: +1.0 each, at most two. Unambiguous names are left to
//! `context`, which counts them through their leaders. Names are compared
//! normalized; a name's repeated mentions vote once.
//!
//! A name that may be a country or a division ("Georgia") is ambiguous
//! too: the country counts as a division of its own, so "Gainesville and
//! Georgia" pulls both to the state (the country receives no votes).
//!
//! Sharing a division is weak when the names share several: Paris and
//! Henry County both lie in Tennessee, Kentucky, Illinois and Missouri,
//! but only in Tennessee is one a few kilometres from the other (Paris is
//! its county seat). So a candidate that has a vote gains +1.0 more for
//! each other ambiguous name with a candidate within 40 km of it in the
//! same division, at most two: stories name a county with its towns and
//! neighbouring towns together.

use super::{Context, Pending, Rule, Tally};
use crate::entity::{great_circle_km, Kind};
use crate::gazetteer::Code;
use rustc_hash::FxHashMap;

/// Latitude and longitude.
type Point = (f64, f64);

/// The shared-division rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cohere;

/// Measured on even LGL documents: acc@161 .822 without the rule, .837 at
/// +1.0 a name (at most two or three alike), .834 at +1.5. The nearness
/// vote (and countries as divisions): .848 -> .864.
const PER_NAME: f64 = 1.0;
const MAX_NAMES: f64 = 2.0;
/// Nearness: a county and its seat, two neighbouring towns.
const NEAR_KM: f64 = 40.0;
const PER_NEAR: f64 = 1.0;

impl Rule for Cohere {
    fn name(&self) -> &'static str {
        "cohere"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let gaz = ctx.gazetteer;
        // Each span's name as a small number (names compared normalized).
        let (group, groups) = super::name_groups(spans);
        // The divisions each name's live place candidates lie in: distinct
        // (name, division) pairs, sorted, so each name's divisions are one
        // run.
        let mut divisions: Vec<(u32, Code)> = Vec::with_capacity(2 * spans.len());
        for (&g, p) in group.iter().zip(spans.iter()) {
            for c in p.live() {
                let e = gaz.facts(c.entity);
                // A country counts as a division of its own (its code never
                // equals a division's), so "Georgia", the country or the
                // state, is ambiguous; only divisions receive votes.
                let key = match e.kind {
                    Kind::City | Kind::Region => e.admin1,
                    Kind::Country => e.country,
                    _ => continue,
                };
                if !key.is_none() {
                    divisions.push((g, key));
                }
            }
        }
        divisions.sort_unstable();
        divisions.dedup();
        // How many divisions each name has.
        let mut count = vec![0u32; groups];
        for &(g, _) in &divisions {
            count[g as usize] += 1;
        }
        // Votes: per division, the ambiguous names with a candidate there
        // (whole numbers: exact in any order), sorted by division.
        let votes = Tally::new(
            divisions
                .iter()
                .filter(|&&(g, _)| count[g as usize] > 1)
                .map(|&(_, d)| d),
        );
        // Where the ambiguous names' candidates lie, by division: (name,
        // latitude, longitude), for the nearness vote.
        let mut points: FxHashMap<Code, Vec<(u32, Point)>> = FxHashMap::default();
        for (&g, p) in group.iter().zip(spans.iter()) {
            if count[g as usize] < 2 {
                continue;
            }
            for c in p.live() {
                let e = gaz.facts(c.entity);
                if !matches!(e.kind, Kind::City | Kind::Region) || e.admin1.is_none() {
                    continue;
                }
                // Only a division another name votes for too is ever read
                // below (`others > 0`): skip the entity's point otherwise.
                if votes.get(e.admin1) < 2.0 {
                    continue;
                }
                if let Some(point) = gaz.get(c.entity).coord {
                    let at = points.entry(e.admin1).or_default();
                    if !at.contains(&(g, point)) {
                        at.push((g, point));
                    }
                }
            }
        }
        for (&g, span) in group.iter().zip(spans.iter_mut()) {
            if count[g as usize] < 2 {
                continue;
            }
            for c in &mut span.candidates {
                if c.rejected.is_some() {
                    continue;
                }
                let e = gaz.facts(c.entity);
                if !matches!(e.kind, Kind::City | Kind::Region) {
                    continue;
                }
                let others = votes.get(e.admin1) - 1.0;
                if others > 0.0 {
                    c.add("cohere", PER_NAME * others.min(MAX_NAMES));
                    // Other names with a candidate near this one.
                    if let (Some(here), Some(at)) = (gaz.get(c.entity).coord, points.get(&e.admin1))
                    {
                        let mut near: Vec<u32> = Vec::new();
                        for &(n, point) in at {
                            if n != g
                                && !near.contains(&n)
                                && great_circle_km(here, point) <= NEAR_KM
                            {
                                near.push(n);
                            }
                        }
                        if !near.is_empty() {
                            c.add("cohere", PER_NEAR * (near.len() as f64).min(MAX_NAMES));
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::super::Prior;
    use super::*;

    #[test]
    fn two_ambiguous_names_meet_in_one_division() {
        let g = gaz(&[
            "gn:1,city,Lyons,,,FR,FR.84,20000,PPL,",
            "gn:2,city,Lyons,,,US,US.KS,3000,PPL,",
            "gn:3,city,Lyons,,,US,US.NY,3500,PPL,",
            "gn:4,region,Rice County,,,US,US.KS,10000,ADM2,",
            "gn:5,region,Rice County,,,US,US.MN,60000,ADM2,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Prior), Box::new(Cohere)], t);
        assert_eq!(run("Lyons")[0].1, "gn:1");
        assert_eq!(run("Rice County")[0].1, "gn:5");
        let got = run("Lyons and Rice County");
        assert_eq!(got[0].1, "gn:2");
        assert_eq!(got[1].1, "gn:4");
    }

    #[test]
    fn a_country_name_is_ambiguous_too() {
        let g = gaz(&[
            "iso:GE,country,Georgia,,,GE,,3700000,PCLI,",
            "gn:1,region,Georgia,,,US,US.GA,10700000,ADM1,",
            "gn:2,city,Gainesville,,,US,US.FL,120000,PPL,",
            "gn:3,city,Gainesville,,,US,US.GA,35000,PPL,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Prior), Box::new(Cohere)], t);
        assert_eq!(run("Gainesville")[0].1, "gn:2");
        assert_eq!(run("Gainesville and Georgia")[0].1, "gn:3");
    }

    #[test]
    fn near_candidates_decide_between_shared_divisions() {
        let g = gaz(&[
            "gn:1,city,Paris,,,US,US.KY,12000,PPLA2,,38.21,-84.25",
            "gn:2,city,Paris,,,US,US.TN,10000,PPLA2,,36.30,-88.33",
            "gn:3,region,Henry County,,,US,US.KY,,ADM2,,38.45,-85.12",
            "gn:4,region,Henry County,,,US,US.TN,,ADM2,,36.33,-88.30",
            "gn:5,region,Henry County,,,US,US.AL,,ADM2,,31.51,-85.24",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Prior), Box::new(Cohere)], t);
        // Alone, the bigger Paris; the counties tie and go by id.
        assert_eq!(run("Paris")[0].1, "gn:1");
        assert_eq!(run("Henry County")[0].1, "gn:3");
        // Together: both share Kentucky and Tennessee, but only in
        // Tennessee are they 4 km apart.
        let got = run("Paris and Henry County");
        assert_eq!(got[0].1, "gn:2");
        assert_eq!(got[1].1, "gn:4");
    }
}
