//! The metrics, each a line-for-line mirror of `score.py` (see the module
//! docs of [`crate::eval`] for what each one means).

use std::collections::HashSet;

use serde::Serialize;

pub use crate::entity::{great_circle_km, EARTH_RADIUS_KM};

use super::gold::GoldDoc;
use super::{GoldKind, Prediction};

/// The error charged to a matched prediction without coordinates, and the
/// denominator of the AUC's log scale (about half the Earth's circumference).
pub const MAX_ERROR_KM: f64 = 20039.0;
/// The accuracy threshold: 161 km (100 miles).
pub const ACC_KM: f64 = 161.0;

/// Whether a prediction matches a gold span under the loose rule (span
/// midpoints less than 10 characters apart and the same surface ignoring
/// case) or, with `exact`, the identical span.
pub fn spans_match(gold: (usize, usize, &str), pred: (usize, usize, &str), exact: bool) -> bool {
    if exact {
        return gold.0 == pred.0 && gold.1 == pred.1;
    }
    let gmid = (gold.0 + gold.1) as f64 / 2.0;
    let pmid = (pred.0 + pred.1) as f64 / 2.0;
    (gmid - pmid).abs() < 10.0 && gold.2.to_lowercase() == pred.2.to_lowercase()
}

/// What became of one prediction in the geo matching.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// Not a place: the geo task does not score it.
    NotScored,
    /// A place prediction no gold toponym took: a false positive.
    Unmatched,
    /// Matched one-to-one with a gold toponym; the error in km when the gold
    /// has coordinates (20039 when the prediction has none).
    Matched { error_km: Option<f64> },
}

/// The geo task's options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GeoOptions {
    /// Identical spans instead of the loose rule.
    pub exact: bool,
    /// Keep gold toponyms without coordinates.
    pub all_gold: bool,
}

/// The one-to-one greedy matching of one document: gold toponyms in file
/// order each take the first unused place prediction (in offset order) that
/// matches. Returns true positives, false negatives and one [`Outcome`] per
/// prediction.
pub fn match_document(
    gold: &GoldDoc,
    preds: &[Prediction],
    opts: GeoOptions,
) -> (u64, u64, Vec<Outcome>) {
    let mut out: Vec<Outcome> = preds
        .iter()
        .map(|p| match p.kind {
            GoldKind::Place => Outcome::Unmatched,
            _ => Outcome::NotScored,
        })
        .collect();
    let (mut tp, mut fn_) = (0, 0);
    let golds = gold
        .entities
        .iter()
        .filter(|x| x.kind == GoldKind::Place.as_str() && (opts.all_gold || x.coord().is_some()));
    for x in golds {
        let hit = preds.iter().enumerate().position(|(i, p)| {
            out[i] == Outcome::Unmatched
                && spans_match(
                    (x.start, x.end, &x.text),
                    (p.start, p.end, &p.text),
                    opts.exact,
                )
        });
        let Some(i) = hit else {
            fn_ += 1;
            continue;
        };
        tp += 1;
        let error_km = x.coord().map(|g| match preds[i].coord() {
            Some(p) => great_circle_km(p, g),
            None => MAX_ERROR_KM,
        });
        out[i] = Outcome::Matched { error_km };
    }
    (tp, fn_, out)
}

/// Recognition and resolution scores of the geo task (`score.py`'s JSON
/// object, same keys). Undefined statistics (no errors) are NaN, written as
/// `null` in JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GeoScore {
    pub tp: u64,
    pub fp: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
    #[serde(rename = "P")]
    pub p: f64,
    #[serde(rename = "R")]
    pub r: f64,
    #[serde(rename = "F1")]
    pub f1: f64,
    pub n_err: u64,
    pub acc161: f64,
    pub mean_km: f64,
    pub median_km: f64,
    #[serde(rename = "AUC")]
    pub auc: f64,
}

/// Scores the geo task over documents (`preds[i]` belongs to `gold[i]`).
pub fn score_geo(gold: &[GoldDoc], preds: &[Vec<Prediction>], opts: GeoOptions) -> GeoScore {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut errs = vec![];
    for (g, p) in gold.iter().zip(preds) {
        let (t, f, outcomes) = match_document(g, p, opts);
        tp += t;
        fn_ += f;
        // The reference appends errors in gold order; the order does not
        // matter because they are sorted below.
        for o in outcomes {
            match o {
                Outcome::Unmatched => fp += 1,
                Outcome::Matched { error_km: Some(e) } => errs.push(e),
                _ => {}
            }
        }
    }
    let (p, r, f1) = prf(tp, fp, fn_);
    let e = ErrorStats::new(errs);
    GeoScore {
        tp,
        fp,
        fn_,
        p,
        r,
        f1,
        n_err: e.n,
        acc161: e.acc161,
        mean_km: e.mean_km,
        median_km: e.median_km,
        auc: e.auc,
    }
}

/// Summary statistics of resolution errors (km). NaN where undefined: no
/// errors, or fewer than two for the AUC.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ErrorStats {
    pub n: u64,
    pub acc161: f64,
    pub mean_km: f64,
    pub median_km: f64,
    pub auc: f64,
}

impl ErrorStats {
    /// The statistics of `errs`, in any order.
    pub fn new(mut errs: Vec<f64>) -> ErrorStats {
        errs.sort_by(f64::total_cmp);
        let n = errs.len();
        let nan = f64::NAN;
        // Plain left-to-right sums, as Python's `sum` (before 3.12) does.
        let sum = |v: &[f64]| v.iter().fold(0.0, |a, b| a + b);
        let median_km = if n == 0 {
            nan
        } else if n % 2 == 1 {
            errs[n / 2]
        } else {
            (errs[n / 2 - 1] + errs[n / 2]) / 2.0
        };
        let lg: Vec<f64> = errs
            .iter()
            .map(|v| (1.0 + v).ln() / MAX_ERROR_KM.ln())
            .collect();
        let auc = if n > 1 {
            (sum(&lg) - 0.5 * (lg[0] + lg[n - 1])) / (n - 1) as f64
        } else {
            nan
        };
        let (acc161, mean_km) = if n > 0 {
            let close = errs.iter().filter(|&&v| v < ACC_KM).count();
            (close as f64 / n as f64, sum(&errs) / n as f64)
        } else {
            (nan, nan)
        };
        ErrorStats {
            n: n as u64,
            acc161,
            mean_km,
            median_km,
            auc,
        }
    }
}

/// Precision, recall and F1 from counts (0 when undefined).
pub fn prf(tp: u64, fp: u64, fn_: u64) -> (f64, f64, f64) {
    let ratio = |a: u64, b: u64| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

/// Counts with precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub tp: u64,
    pub fp: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
    #[serde(rename = "P")]
    pub p: f64,
    #[serde(rename = "R")]
    pub r: f64,
    #[serde(rename = "F1")]
    pub f1: f64,
}

impl Prf {
    /// Fills in P, R and F1.
    pub fn from_counts(tp: u64, fp: u64, fn_: u64) -> Prf {
        let (p, r, f1) = prf(tp, fp, fn_);
        Prf {
            tp,
            fp,
            fn_,
            p,
            r,
            f1,
        }
    }
}

/// The NER task's scores (`score.py --task ner`'s JSON object, same keys).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NerScore {
    pub person: Prf,
    pub place: Prf,
    pub org: Prf,
    pub misc: Prf,
    /// Micro-average over person, place and org (misc left out).
    pub micro_per_loc_org: Prf,
}

impl NerScore {
    /// The row of one kind.
    pub fn get(&self, kind: GoldKind) -> &Prf {
        match kind {
            GoldKind::Person => &self.person,
            GoldKind::Place => &self.place,
            GoldKind::Org => &self.org,
            GoldKind::Misc => &self.misc,
        }
    }
}

/// The distinct `(start, end)` spans of one kind in a document's gold.
fn gold_spans(doc: &GoldDoc, kind: GoldKind) -> HashSet<(usize, usize)> {
    doc.entities
        .iter()
        .filter(|x| x.kind == kind.as_str())
        .map(|x| (x.start, x.end))
        .collect()
}

/// CoNLL-style scores: per kind, the distinct gold spans against the
/// distinct predicted spans (exact span and kind).
pub fn score_ner(gold: &[GoldDoc], preds: &[Vec<Prediction>]) -> NerScore {
    let per_kind = |kind: GoldKind| {
        let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
        for (g, p) in gold.iter().zip(preds) {
            let gs = gold_spans(g, kind);
            let ps: HashSet<(usize, usize)> = p
                .iter()
                .filter(|x| x.kind == kind)
                .map(|x| (x.start, x.end))
                .collect();
            let both = gs.intersection(&ps).count() as u64;
            tp += both;
            fp += ps.len() as u64 - both;
            fn_ += gs.len() as u64 - both;
        }
        Prf::from_counts(tp, fp, fn_)
    };
    let (person, place, org, misc) = (
        per_kind(GoldKind::Person),
        per_kind(GoldKind::Place),
        per_kind(GoldKind::Org),
        per_kind(GoldKind::Misc),
    );
    let micro = Prf::from_counts(
        person.tp + place.tp + org.tp,
        person.fp + place.fp + org.fp,
        person.fn_ + place.fn_ + org.fn_,
    );
    NerScore {
        person,
        place,
        org,
        misc,
        micro_per_loc_org: micro,
    }
}

/// Whether each prediction of a document is right under the NER rule (its
/// exact span is a gold span of its kind).
pub fn ner_right(gold: &GoldDoc, preds: &[Prediction]) -> Vec<bool> {
    let sets: Vec<HashSet<(usize, usize)>> =
        GoldKind::ALL.iter().map(|&k| gold_spans(gold, k)).collect();
    preds
        .iter()
        .map(|p| sets[p.kind as usize].contains(&(p.start, p.end)))
        .collect()
}

/// One confidence decile of the reliability table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Bucket {
    /// Lower bound (inclusive).
    pub lo: f64,
    /// Upper bound (exclusive, except 1.0 for the last bucket).
    pub hi: f64,
    pub count: u64,
    pub right: u64,
    /// `right / count` (NaN, `null` in JSON, for an empty bucket).
    pub share_right: f64,
    /// Mean confidence of the bucket's mentions (NaN when empty).
    pub mean_confidence: f64,
}

/// The reliability (calibration) table: ten confidence deciles.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Reliability {
    pub buckets: Vec<Bucket>,
}

impl Reliability {
    /// Buckets `(confidence, right)` pairs by decile: `[0, 0.1)`, ...,
    /// `[0.9, 1.0]`. Confidences outside 0–1 go to the end buckets.
    pub fn new(items: impl IntoIterator<Item = (f64, bool)>) -> Reliability {
        let mut count = [0u64; 10];
        let mut right = [0u64; 10];
        let mut sum = [0f64; 10];
        for (c, ok) in items {
            let b = decile(c);
            count[b] += 1;
            right[b] += u64::from(ok);
            sum[b] += c;
        }
        let buckets = (0..10)
            .map(|b| {
                let n = count[b];
                let div = |x: f64| if n > 0 { x / n as f64 } else { f64::NAN };
                Bucket {
                    lo: b as f64 / 10.0,
                    hi: (b + 1) as f64 / 10.0,
                    count: n,
                    right: right[b],
                    share_right: div(right[b] as f64),
                    mean_confidence: div(sum[b]),
                }
            })
            .collect();
        Reliability { buckets }
    }

    /// Mentions in all buckets.
    pub fn total(&self) -> u64 {
        self.buckets.iter().map(|b| b.count).sum()
    }
}

/// The decile index of a confidence. Compares against `k / 10` rather than
/// flooring `c * 10`, so that 0.3 lands in `[0.3, 0.4)` although
/// `0.3 * 10.0` is not exactly 3.
fn decile(c: f64) -> usize {
    (1..10).filter(|&k| c >= k as f64 / 10.0).count()
}
