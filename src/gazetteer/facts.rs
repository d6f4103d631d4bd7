//! A compact record per entity for the resolution rules' hot paths.
//!
//! An [`Entity`] is some 400 bytes with its strings on the heap; the rules
//! read only a few of its fields (kind, feature rank, population, the
//! `common_word` flag, first-level division and country) for every
//! candidate of every span, and waiting for those loads was most of their
//! time. [`Facts`] holds those fields in 24 bytes, with the division and
//! country codes interned as [`Code`]s: equal codes are equal strings, so
//! the rules compare and hash integers. The gazetteer keeps one per entity,
//! built as each entity is inserted.

use crate::entity::{Entity, Kind};
use rustc_hash::FxHashMap;

/// An interned division or country code of one gazetteer; [`Code::NONE`]
/// stands for the empty string. Two codes of the same gazetteer are equal
/// exactly when their strings are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code(u32);

impl Code {
    /// The empty code.
    pub const NONE: Code = Code(0);

    /// Whether this is the empty code.
    pub fn is_none(self) -> bool {
        self == Code::NONE
    }
}

/// The feature codes the rules single out; every other code is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// A capital (`PPLC`).
    Pplc,
    /// A first-level seat (`PPLA`).
    Ppla,
    /// A second-level seat (`PPLA2`).
    Ppla2,
    /// A first-level division (`ADM1`).
    Adm1,
    /// A continent (`CONT`).
    Cont,
    /// Any other code, or none.
    Other,
}

impl Feature {
    fn of(code: &str) -> Feature {
        match code {
            "PPLC" => Feature::Pplc,
            "PPLA" => Feature::Ppla,
            "PPLA2" => Feature::Ppla2,
            "ADM1" => Feature::Adm1,
            "CONT" => Feature::Cont,
            _ => Feature::Other,
        }
    }
}

/// The fields of an entity the resolution rules read most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    /// `population`, 0 when unknown (every rule reads it so).
    pub population: u64,
    /// `admin1`, interned.
    pub admin1: Code,
    /// `country`, interned.
    pub country: Code,
    pub kind: Kind,
    pub feature: Feature,
    /// Whether `flags` holds `common_word`.
    pub common_word: bool,
}

/// Interns codes (one table for division and country codes: their strings
/// never collide in meaning, as each field is compared only with itself).
#[derive(Clone, Debug, Default)]
pub(super) struct Codes {
    ids: FxHashMap<String, Code>,
    /// The last division and country code interned, and its string:
    /// gazetteer files run in country order (and often division order), so
    /// most entities repeat their predecessor's codes and skip the hash.
    last: [(String, Code); 2],
}

impl Codes {
    /// [`Codes::intern`] through the one-entry cache `last[slot]`.
    fn intern_next(&mut self, slot: usize, s: &str) -> Code {
        if self.last[slot].0 == s {
            return self.last[slot].1;
        }
        let c = self.intern(s);
        let last = &mut self.last[slot];
        last.0.clear();
        last.0.push_str(s);
        last.1 = c;
        c
    }

    fn intern(&mut self, s: &str) -> Code {
        if s.is_empty() {
            return Code::NONE;
        }
        if let Some(&c) = self.ids.get(s) {
            return c;
        }
        let c = Code(self.ids.len() as u32 + 1);
        self.ids.insert(s.to_owned(), c);
        c
    }

    /// The facts of `e`, interning its codes.
    pub(super) fn facts(&mut self, e: &Entity) -> Facts {
        Facts {
            population: e.population.unwrap_or(0),
            admin1: self.intern_next(0, &e.admin1),
            country: self.intern_next(1, &e.country),
            kind: e.kind,
            feature: Feature::of(&e.feature_code),
            common_word: e.has_flag("common_word"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_mirror_the_entity() {
        let mut codes = Codes::default();
        let mut a = Entity::new("gn:1", Kind::City, "Aleppo");
        a.admin1 = "SY.09".into();
        a.country = "SY".into();
        a.population = Some(1_602_264);
        a.feature_code = "PPLA".into();
        a.flags = vec!["common_word".into()];
        let mut b = Entity::new("gn:2", Kind::Region, "Aleppo Governorate");
        b.admin1 = "SY.09".into();
        b.country = "SY".into();
        b.feature_code = "ADM1".into();
        let c = Entity::new("a:1", Kind::Agency, "NATO");
        let (fa, fb, fc) = (codes.facts(&a), codes.facts(&b), codes.facts(&c));
        assert_eq!(fa.population, 1_602_264);
        assert_eq!(
            (fa.kind, fa.feature, fa.common_word),
            (Kind::City, Feature::Ppla, true)
        );
        assert_eq!(
            (fb.feature, fb.common_word, fb.population),
            (Feature::Adm1, false, 0)
        );
        assert_eq!(fa.admin1, fb.admin1);
        assert_eq!(fa.country, fb.country);
        assert_ne!(fa.admin1, fa.country);
        assert!(!fa.admin1.is_none() && !fa.country.is_none());
        assert!(fc.admin1.is_none() && fc.country.is_none());
        assert_eq!(fc.feature, Feature::Other);
        let mut d = Entity::new("gn:3", Kind::City, "Nice");
        d.admin1 = "FR.93".into();
        d.country = "FR".into();
        let fd = codes.facts(&d);
        assert_ne!(fd.admin1, fa.admin1);
        assert_ne!(fd.country, fa.country);
        // Back to a code seen before, past the one-entry cache.
        assert_eq!(codes.facts(&a), fa);
        assert_eq!(codes.facts(&d), fd);
        assert_eq!(std::mem::size_of::<Facts>(), 24);
    }
}
