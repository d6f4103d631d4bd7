//! Document context: the places a document mentions pull ambiguous
//! mentions towards them.
//!
//! Every other name in the document votes with its current leader: for its
//! country and for its first-level division. A candidate gains +1.0 per vote
//! for its country, capped at five votes (a story naming five places in one
//! country is about that country: its Paris is then the local one, even
//! against a capital's prior), and +1.5 per vote for its division, capped at
//! three votes, so "Alexandria" in a story that also names Rapides Parish and
//! Pineville goes to Louisiana, not Egypt. Votes are counted per distinct
//! name (compared normalized), not per mention: a name repeated ten times
//! votes once, and never for its own other mentions, so an ambiguous name
//! cannot confirm its own first guess ("Dublin" eight times in an Ohio
//! story). Demonyms vote for their country like any mention.

use super::{Context, Pending, Rule, Tally};
use crate::entity::Kind;
use crate::gazetteer::{Code, Facts};

/// The document-context rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocumentContext;

const PER_COUNTRY_VOTE: f64 = 1.0;
const PER_ADMIN1_VOTE: f64 = 1.5;
const MAX_VOTES: f64 = 3.0;
/// The country cap, measured on even LGL documents: acc@161 .816 at three
/// votes, .819 at five, .811 at eight.
const MAX_COUNTRY_VOTES: f64 = 5.0;

fn keys(e: &Facts) -> (Option<Code>, Option<Code>) {
    let country = (!e.country.is_none()).then_some(e.country);
    let admin1 = (e.kind != Kind::Country && !e.admin1.is_none()).then_some(e.admin1);
    (country, admin1)
}

impl Rule for DocumentContext {
    fn name(&self) -> &'static str {
        "context"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let gaz = ctx.gazetteer;
        let leaders: Vec<Option<&Facts>> = spans
            .iter()
            .map(|p| {
                p.leader(gaz)
                    .map(|c| gaz.facts(c.entity))
                    .filter(|e| e.kind.is_place())
            })
            .collect();
        // Each distinct name votes once for each country and division its
        // mentions' leaders lie in: distinct (name, code) pairs, sorted.
        let (group, _) = super::name_groups(spans);
        let mut own_countries: Vec<(u32, Code)> = Vec::with_capacity(spans.len());
        let mut own_admin1s: Vec<(u32, Code)> = Vec::with_capacity(spans.len());
        for (&g, e) in group.iter().zip(&leaders) {
            let Some(e) = e else { continue };
            let (c, a) = keys(e);
            if let Some(c) = c {
                own_countries.push((g, c));
            }
            if let Some(a) = a {
                own_admin1s.push((g, a));
            }
        }
        for v in [&mut own_countries, &mut own_admin1s] {
            v.sort_unstable();
            v.dedup();
        }
        let countries = Tally::new(own_countries.iter().map(|&(_, c)| c));
        let admin1s = Tally::new(own_admin1s.iter().map(|&(_, a)| a));
        for (&g, span) in group.iter().zip(spans.iter_mut()) {
            if span.candidates.len() < 2 {
                continue;
            }
            for c in &mut span.candidates {
                let e = gaz.facts(c.entity);
                let (cc, a1) = keys(e);
                let mut bonus = 0.0;
                if let Some(cc) = cc {
                    let v = countries.get(cc)
                        - if own_countries.binary_search(&(g, cc)).is_ok() {
                            1.0
                        } else {
                            0.0
                        };
                    bonus += PER_COUNTRY_VOTE * v.min(MAX_COUNTRY_VOTES);
                }
                if let Some(a1) = a1 {
                    let v = admin1s.get(a1)
                        - if own_admin1s.binary_search(&(g, a1)).is_ok() {
                            1.0
                        } else {
                            0.0
                        };
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
        // Five places in one country outweigh a foreign capital's prior.
        let g = gaz(&[
            "gn:10,city,Verona,,,IT,IT.20,2500000,PPLC,",
            "gn:11,city,Verona,,,US,US.WI,30000,PPL,",
            "gn:12,city,Aa,,,US,US.TX,10,PPL,",
            "gn:13,city,Bb,,,US,US.OH,10,PPL,",
            "gn:14,city,Cc,,,US,US.NY,10,PPL,",
            "gn:15,city,Dd,,,US,US.CA,10,PPL,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Prior), Box::new(DocumentContext)], t);
        assert_eq!(run("Verona, Aa, Bb, Cc")[0].1, "gn:10");
        assert_eq!(run("Verona, Aa, Bb, Cc, Dd")[0].1, "gn:11");
        let g = gaz(&[
            "gn:1,city,Alexandria,,,EG,EG.06,3800000,PPLA,",
            "gn:2,city,Alexandria,,,US,US.LA,48000,PPLA2,",
            "gn:3,region,Rapides Parish,,,US,US.LA,130000,ADM2,",
            "gn:4,city,Pineville,,,US,US.LA,14000,PPL,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Prior), Box::new(DocumentContext)], t);
        // Repeating the name adds no votes for its own first guess.
        assert_eq!(
            run("Alexandria. Alexandria. Alexandria. Rapides Parish and Pineville")[0].1,
            "gn:2"
        );
    }
}
