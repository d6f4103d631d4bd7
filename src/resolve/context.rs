//! Document context: the places a document mentions pull ambiguous
//! mentions towards them.
//!
//! Every other span votes with its current leader: for its country and for
//! its first-level division. A candidate gains +1.0 per vote for its
//! country and +1.5 per vote for its division, each capped at three votes,
//! so "Alexandria" in a story that also names Rapides Parish and Pineville
//! goes to Louisiana, not Egypt. A span never votes for itself. Demonyms
//! vote for their country like any mention.

use std::collections::HashMap;

use super::{Context, Pending, Rule};
use crate::entity::{Entity, Kind};

/// The document-context rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocumentContext;

const PER_COUNTRY_VOTE: f64 = 1.0;
const PER_ADMIN1_VOTE: f64 = 1.5;
const MAX_VOTES: f64 = 3.0;

fn keys(e: &Entity) -> (Option<&str>, Option<&str>) {
    let country = (!e.country.is_empty()).then_some(e.country.as_str());
    let admin1 = (e.kind != Kind::Country && !e.admin1.is_empty()).then_some(e.admin1.as_str());
    (country, admin1)
}

impl Rule for DocumentContext {
    fn name(&self) -> &'static str {
        "context"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let gaz = ctx.gazetteer;
        let leaders: Vec<Option<&Entity>> = spans
            .iter()
            .map(|p| {
                p.leader(gaz)
                    .map(|c| gaz.get(c.entity))
                    .filter(|e| e.kind.is_place())
            })
            .collect();
        let mut countries: HashMap<&str, f64> = HashMap::new();
        let mut admin1s: HashMap<&str, f64> = HashMap::new();
        for e in leaders.iter().flatten() {
            let (c, a) = keys(e);
            if let Some(c) = c {
                *countries.entry(c).or_default() += 1.0;
            }
            if let Some(a) = a {
                *admin1s.entry(a).or_default() += 1.0;
            }
        }
        for (i, span) in spans.iter_mut().enumerate() {
            if span.candidates.len() < 2 {
                continue;
            }
            let (own_c, own_a) = leaders[i].map_or((None, None), keys);
            for c in &mut span.candidates {
                let e = gaz.get(c.entity);
                let (cc, a1) = keys(e);
                let mut bonus = 0.0;
                if let Some(cc) = cc {
                    let v = countries.get(cc).copied().unwrap_or(0.0)
                        - if own_c == Some(cc) { 1.0 } else { 0.0 };
                    bonus += PER_COUNTRY_VOTE * v.min(MAX_VOTES);
                }
                if let Some(a1) = a1 {
                    let v = admin1s.get(a1).copied().unwrap_or(0.0)
                        - if own_a == Some(a1) { 1.0 } else { 0.0 };
                    bonus += PER_ADMIN1_VOTE * v.min(MAX_VOTES);
                }
                c.add("context", bonus);
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
    fn co_mentioned_places_pull() {
        let g = gaz(&[
            "gn:1,city,Alexandria,,,EG,EG.06,3800000,PPLA,",
            "gn:2,city,Alexandria,,,US,US.LA,48000,PPLA2,",
            "gn:3,region,Rapides Parish,,,US,US.LA,130000,ADM2,",
            "gn:4,city,Pineville,,,US,US.LA,14000,PPL,",
            "gn:5,city,Cairo,,,EG,EG.11,9600000,PPLC,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Prior), Box::new(DocumentContext)], t);
        assert_eq!(run("Alexandria")[0].1, "gn:1");
        assert_eq!(
            run("Alexandria police and Rapides Parish deputies near Pineville")[0].1,
            "gn:2"
        );
        assert_eq!(run("Alexandria and Cairo")[0].1, "gn:1");
    }
}
