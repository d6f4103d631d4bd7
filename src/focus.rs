//! Document focus: the countries, regions and cities a document is about.
//!
//! Each mention of a place votes for its entity with a weight: 1, doubled
//! when it is in the document's first 300 bytes (headline, dateline, first
//! sentence). A city or region also gives half its weight to its country and
//! a city half to its first-level region, when the gazetteer has them, so a
//! story about Aleppo and Idlib is about Syria. Demonyms count for their
//! country. Per kind, weights are normalized to sum to 1; entities under 10%
//! are dropped and the rest renormalized, so a story about several places
//! lists several.

use crate::entity::{EntityId, Focus, Kind, Mention};
use crate::gazetteer::Gazetteer;

/// Bytes at the start of a document that count double.
pub const LEAD_BYTES: usize = 300;

/// Entities under this share of their kind's weight are dropped.
pub const MIN_SHARE: f64 = 0.10;

/// Computes the focus of a document from its resolved mentions.
pub fn focus(gaz: &Gazetteer, mentions: &[Mention]) -> Focus {
    // Every vote, then summed per entity (weights are halves and whole
    // numbers: the sums are exact in any order).
    let mut cast: Vec<(EntityId, f64)> = Vec::with_capacity(mentions.len() * 3);
    for m in mentions {
        if m.entity.index() >= gaz.len() {
            // A document-local person.
            continue;
        }
        let e = gaz.get(m.entity);
        if !e.kind.is_place() {
            continue;
        }
        let w = if m.span.start < LEAD_BYTES { 2.0 } else { 1.0 };
        cast.push((m.entity, w));
        if e.kind != Kind::Country {
            if let Some(c) = gaz.country_entity(&e.country) {
                cast.push((c, w / 2.0));
            }
        }
        if e.kind == Kind::City {
            if let Some(r) = gaz.admin1_entity(&e.admin1) {
                cast.push((r, w / 2.0));
            }
        }
    }
    let votes = crate::resolve::sum_by_key(cast);
    let mut f = Focus::default();
    for kind in [Kind::Country, Kind::Region, Kind::City] {
        let mut list: Vec<(EntityId, f64)> = votes
            .iter()
            .filter(|(id, _)| gaz.facts(*id).kind == kind)
            .copied()
            .collect();
        let total: f64 = list.iter().map(|x| x.1).sum();
        list.retain(|x| x.1 / total >= MIN_SHARE);
        let total: f64 = list.iter().map(|x| x.1).sum();
        for x in &mut list {
            x.1 /= total;
        }
        list.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| gaz.get(a.0).id.cmp(&gaz.get(b.0).id))
        });
        match kind {
            Kind::Country => f.countries = list,
            Kind::Region => f.regions = list,
            _ => f.cities = list,
        }
    }
    f
}
