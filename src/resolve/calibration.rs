//! Calibrated confidence.
//!
//! Resolution gives each mention a raw confidence from its match type and
//! its margin over the runner-up ([`super::finish`]). Raw scores rank
//! mentions but do not say how often they are right, so a monotone map per
//! group `kind/match` (`city/name`, `country/demonym`, `person/surname`)
//! turns them into probabilities: the isotonic regression
//! (pool-adjacent-violators) of "right" on raw confidence, fitted on the
//! even-numbered documents of the development corpora by `gazetag
//! calibrate` and embedded from `calibration.csv`. Right means what
//! `gazetag eval`'s reliability table means: for places in the geoparsing
//! corpora, span matched and within 161 km of the gold point; for people and
//! organisations in CoNLL-2003, exact span and kind. The embedded table
//! comes from `gazetag calibrate --geo lgl.jsonl --geo-no-demonyms
//! geovirus.jsonl --ner conll2003-train.jsonl --docs even`: GeoVirus does
//! not annotate demonyms, so its demonym mentions are left out rather than
//! counted wrong.
//!
//! A group with fewer than [`MIN_GROUP`] labelled mentions is pooled into
//! `kind/*`, then `*/*`. The odd-numbered documents, never seen by the fit,
//! show how well it holds (README, "Accuracy").

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::entity::{Kind, MatchType};

/// Groups smaller than this are pooled.
pub const MIN_GROUP: usize = 40;

/// Confidences are kept inside this range: no mention is certain.
const FLOOR: f64 = 0.02;
const CEILING: f64 = 0.98;

/// The embedded table: `group,raw_max,value`, steps in raw order.
const TABLE: &str = include_str!("calibration.csv");

/// The calibration group of a mention.
pub fn group(kind: Kind, match_type: MatchType) -> String {
    format!("{}/{}", kind.as_str(), match_type.as_str())
}

/// Step functions per group.
#[derive(Clone, Debug, Default)]
pub struct Calibration {
    steps: HashMap<String, Vec<(f64, f64)>>,
    /// The steps `apply` uses for each kind and match type (see
    /// [`pair_index`]), looked up once when parsed: `apply` runs for every
    /// mention and used to format and hash a key each time.
    chosen: Vec<Option<Vec<(f64, f64)>>>,
}

/// Every match type, for [`pair_index`].
const MATCH_TYPES: [MatchType; 7] = [
    MatchType::Name,
    MatchType::Alias,
    MatchType::Weak,
    MatchType::Demonym,
    MatchType::Surname,
    MatchType::Title,
    MatchType::Unlisted,
];

/// Position of a (kind, match type) pair in `Calibration::chosen`.
fn pair_index(kind: Kind, match_type: MatchType) -> usize {
    let k = Kind::ALL.iter().position(|&x| x == kind).unwrap_or(0);
    let m = MATCH_TYPES
        .iter()
        .position(|&x| x == match_type)
        .unwrap_or(0);
    k * MATCH_TYPES.len() + m
}

impl Calibration {
    /// The embedded calibration (identity if the table is empty).
    pub fn embedded() -> Calibration {
        Calibration::parse(TABLE)
    }

    /// Parses `group,raw_max,value` lines (a header line is skipped).
    /// Malformed lines are ignored: the table is generated, and a test
    /// checks that the embedded one parses whole.
    pub fn parse(text: &str) -> Calibration {
        let mut steps: HashMap<String, Vec<(f64, f64)>> = HashMap::new();
        for line in text.lines().skip(1) {
            let mut f = line.split(',');
            let (Some(g), Some(r), Some(v)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            if let (Ok(r), Ok(v)) = (r.parse::<f64>(), v.parse::<f64>()) {
                steps.entry(g.to_string()).or_default().push((r, v));
            }
        }
        for s in steps.values_mut() {
            s.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        let mut chosen = vec![None; Kind::ALL.len() * MATCH_TYPES.len()];
        for kind in Kind::ALL {
            for match_type in MATCH_TYPES {
                // An unlisted place's raw confidence is already a measured
                // share right (see `unlisted.rs`): only a group of its own
                // replaces it, never one pooled from gazetteer matches.
                let pooled = if match_type == MatchType::Unlisted {
                    0
                } else {
                    2
                };
                chosen[pair_index(kind, match_type)] = [
                    group(kind, match_type),
                    format!("{}/*", kind.as_str()),
                    "*/*".to_string(),
                ][..=pooled]
                    .iter()
                    .find_map(|g| steps.get(g))
                    .cloned();
            }
        }
        Calibration { steps, chosen }
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there is no group (the identity map).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The calibrated confidence of a raw one.
    pub fn apply(&self, kind: Kind, match_type: MatchType, raw: f32) -> f32 {
        let steps = self
            .chosen
            .get(pair_index(kind, match_type))
            .and_then(Option::as_ref);
        let Some(steps) = steps else {
            return raw;
        };
        let raw = f64::from(raw);
        let v = steps
            .iter()
            .find(|s| raw <= s.0)
            .or(steps.last())
            .map_or(raw, |s| s.1);
        v.clamp(FLOOR, CEILING) as f32
    }

    /// Fits the table from `(group, raw, right)` points and renders it as
    /// CSV. Deterministic: groups sorted, steps in raw order.
    ///
    /// Unlisted places (`*/unlisted`) are left out: their raw confidence is
    /// already the share right by how the place was located, measured on
    /// the geoparsing corpora (see `unlisted.rs`), and a fit that pools them
    /// with an NER corpus, where a span and kind are enough to be right,
    /// makes them look far surer than their points are (fitted .75 on the
    /// even documents; right 12 of 35 on the odd documents of LGL and
    /// GeoVirus).
    pub fn fit(points: &[(String, f64, bool)]) -> String {
        let mut by_group: HashMap<String, Vec<(f64, bool)>> = HashMap::new();
        let mut by_kind: HashMap<String, Vec<(f64, bool)>> = HashMap::new();
        let mut all: Vec<(f64, bool)> = vec![];
        let fitted = points.iter().filter(|(g, _, _)| !g.ends_with("/unlisted"));
        for (g, raw, right) in fitted {
            by_group.entry(g.clone()).or_default().push((*raw, *right));
            let kind = g.split('/').next().unwrap_or("*");
            by_kind
                .entry(format!("{kind}/*"))
                .or_default()
                .push((*raw, *right));
            all.push((*raw, *right));
        }
        let mut groups: Vec<(String, Vec<(f64, bool)>)> = by_group
            .into_iter()
            .chain(by_kind)
            .filter(|(_, v)| v.len() >= MIN_GROUP)
            .collect();
        if !all.is_empty() {
            groups.push(("*/*".to_string(), all));
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = String::from("group,raw_max,value\n");
        for (g, pts) in groups {
            for (r, v) in isotonic(pts) {
                let _ = writeln!(out, "{g},{r:.4},{v:.4}");
            }
        }
        out
    }
}

/// Pool-adjacent-violators: the non-decreasing step function of the share
/// right against raw confidence; returns `(upper raw bound, value)` steps.
fn isotonic(mut pts: Vec<(f64, bool)>) -> Vec<(f64, f64)> {
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Blocks: (sum right, count, max raw).
    let mut blocks: Vec<(f64, f64, f64)> = vec![];
    for (raw, right) in pts {
        let y = if right { 1.0 } else { 0.0 };
        match blocks.last_mut() {
            // Equal raw values belong to one block.
            Some(b) if b.2 == raw => {
                b.0 += y;
                b.1 += 1.0;
            }
            _ => blocks.push((y, 1.0, raw)),
        }
        while blocks.len() >= 2 {
            let n = blocks.len();
            let (a, b) = (blocks[n - 2], blocks[n - 1]);
            if a.0 / a.1 > b.0 / b.1 {
                blocks[n - 2] = (a.0 + b.0, a.1 + b.1, b.2);
                blocks.pop();
            } else {
                break;
            }
        }
    }
    blocks.into_iter().map(|(s, n, r)| (r, s / n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_pools_violators() {
        let pts = vec![
            (0.1, true),
            (0.2, false),
            (0.3, false),
            (0.9, true),
            (0.9, true),
        ];
        let steps = isotonic(pts);
        // 0.1 right then two wrong: pooled to 1/3 up to 0.3; 0.9 always right.
        assert_eq!(steps.len(), 2);
        assert!((steps[0].1 - 1.0 / 3.0).abs() < 1e-12 && steps[0].0 == 0.3);
        assert_eq!(steps[1], (0.9, 1.0));
    }

    #[test]
    fn fit_and_apply_round_trip() {
        let mut pts = vec![];
        for i in 0..100 {
            let raw = i as f64 / 100.0;
            pts.push(("city/name".to_string(), raw, i % 4 != 0));
        }
        let c = Calibration::parse(&Calibration::fit(&pts));
        let v = c.apply(Kind::City, MatchType::Name, 0.5);
        assert!((0.6..=0.9).contains(&v), "{v}");
        // Unknown group: pooled fallbacks exist (city/* and */*).
        let w = c.apply(Kind::City, MatchType::Alias, 0.5);
        assert!((0.6..=0.9).contains(&w), "{w}");
    }

    #[test]
    fn fit_leaves_unlisted_places_raw() {
        let mut pts = vec![];
        for i in 0..100 {
            let raw = i as f64 / 100.0;
            pts.push(("city/name".to_string(), raw, i % 4 != 0));
            // Always right: a fitted group would map every raw value to 1.
            pts.push(("city/unlisted".to_string(), raw, true));
        }
        let table = Calibration::fit(&pts);
        assert!(!table.contains("unlisted"), "{table}");
        let c = Calibration::parse(&table);
        assert_eq!(c.apply(Kind::City, MatchType::Unlisted, 0.5), 0.5);
        // The pools are the name points' alone: 75% right.
        let w = c.apply(Kind::City, MatchType::Alias, 0.5);
        assert!((0.6..=0.9).contains(&w), "{w}");
    }

    #[test]
    fn embedded_table_parses() {
        let c = Calibration::embedded();
        let lines = TABLE.lines().count().saturating_sub(1);
        let steps: usize = c.steps.values().map(Vec::len).sum();
        assert_eq!(steps, lines);
    }
}
