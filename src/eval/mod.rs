//! Evaluation against gold corpora: the library behind `gazetag eval`.
//!
//! Every number here mirrors the project's reference scorer,
//! `../shared/eval/score.py` (same matching order, same formulas, same
//! handling of missing coordinates), so that `gazetag eval` and `score.py`
//! run on `gazetag eval --dump-csv`'s output agree to floating-point
//! rounding; an integration test checks it when `python3` and the scorer
//! are present.
//!
//! # Predictions
//!
//! A [`Prediction`] is a tagged mention as gazetag's CSV output writes it:
//! character offsets, the surface, coordinates rounded to 5 decimals and
//! confidence to 3 (so that the numbers are those of the dumped CSV). Kinds
//! map to gold kinds: country, region and city → `place`; person →
//! `person`; agency → `org`. A mention whose match type is `demonym`
//! ("Syrian" for Syria) is a `place` for the geo task (LGL annotates
//! adjectival toponyms) and `misc` for the NER task (CoNLL calls them MISC);
//! [`Demonyms`] overrides that, or drops them.
//!
//! # Geo task ([`score_geo`])
//!
//! Toponym recognition and resolution, as in the geoparsing literature
//! (Gritta et al. 2018; Wang & Hu 2019).
//!
//! - Gold toponyms are the gold entities of kind `place`; those without
//!   coordinates are left out before matching unless `all_gold`.
//! - Matching is one-to-one and greedy: each gold toponym, in file order,
//!   takes the first not-yet-used place prediction, in offset order, that
//!   matches. Loose rule: the span midpoints differ by less than 10
//!   characters and the surfaces are equal ignoring case; `exact`: the
//!   spans are identical.
//! - P = tp / (tp + fp), R = tp / (tp + fn), F1 their harmonic mean (each 0
//!   when undefined); unmatched place predictions are false positives,
//!   unmatched gold toponyms false negatives.
//! - Resolution, over matched pairs whose gold has coordinates: the
//!   great-circle error in km (haversine, R = 6371.009 km); a matched
//!   prediction without coordinates counts as 20039 km. `n_err` errors;
//!   acc@161 = share of errors below 161 km; mean and median error; AUC =
//!   area under the sorted curve of ln(1 + err) / ln(20039) by the
//!   trapezoid rule, divided by n - 1 (0 is perfect, lower is better).
//!   Undefined statistics (no errors; AUC with fewer than two) are NaN,
//!   `null` in JSON.
//!
//! # NER task ([`score_ner`])
//!
//! CoNLL-style: per kind (person, place, org, misc) the set of distinct
//! gold `(start, end)` spans against the set of distinct predicted spans of
//! that kind; exact span and kind. P/R/F1 per kind and micro-averaged over
//! person, place and org (gazetag predicts misc only for demonyms). The geo
//! report also prints this per-kind table, for the kinds its gold has.
//!
//! # Reliability ([`Reliability`])
//!
//! Every scored prediction (places for the geo task; every kind for NER) is
//! bucketed by confidence decile, `[0, 0.1)` ... `[0.9, 1.0]`, with its
//! count, the share that is right and the mean confidence. Right means, for
//! the geo task, matched to a gold toponym by the matching above and, when
//! that gold has coordinates, within 161 km of it; for NER, exact span and
//! kind. A calibrated tagger has share right close to mean confidence.
//!
//! # Document selection ([`DocFilter`])
//!
//! Documents are chosen by their 0-based position in the gold file: the
//! project tunes on even-numbered documents and reports odd-numbered ones.

use serde::Serialize;

use crate::entity::{Entity, Kind, MatchType, Mention, Tagged};
use crate::output::{fmt_confidence, fmt_coord};
use crate::tagger::Tagger;

mod gold;
mod score;

pub use gold::{load_gold, read_gold, GoldDoc, GoldEntity, GoldError};
pub use score::{
    great_circle_km, match_document, ner_right, prf, score_geo, score_ner, spans_match, Bucket,
    ErrorStats, GeoOptions, GeoScore, NerScore, Outcome, Prf, Reliability, ACC_KM, EARTH_RADIUS_KM,
    MAX_ERROR_KM,
};

/// A gold entity kind. The order is the order of the NER report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GoldKind {
    Person = 0,
    Place = 1,
    Org = 2,
    Misc = 3,
}

impl GoldKind {
    /// Every gold kind, in report order.
    pub const ALL: [GoldKind; 4] = [
        GoldKind::Person,
        GoldKind::Place,
        GoldKind::Org,
        GoldKind::Misc,
    ];

    /// The name gold files use.
    pub fn as_str(self) -> &'static str {
        match self {
            GoldKind::Person => "person",
            GoldKind::Place => "place",
            GoldKind::Org => "org",
            GoldKind::Misc => "misc",
        }
    }

    /// The gold kind a gazetag mention counts as, `None` when it is left
    /// out (a demonym under [`Demonyms::Ignore`]).
    pub fn of(kind: Kind, match_type: MatchType, demonyms: Demonyms) -> Option<GoldKind> {
        if match_type == MatchType::Demonym {
            return match demonyms {
                Demonyms::Place => Some(GoldKind::Place),
                Demonyms::Misc => Some(GoldKind::Misc),
                Demonyms::Ignore => None,
            };
        }
        Some(match kind {
            Kind::Country | Kind::Region | Kind::City => GoldKind::Place,
            Kind::Person => GoldKind::Person,
            Kind::Agency => GoldKind::Org,
        })
    }
}

/// Which task to score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    /// Toponym recognition (loose) and resolution.
    #[default]
    Geo,
    /// CoNLL-style exact span and kind.
    Ner,
}

/// What demonym mentions count as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Demonyms {
    Place,
    Misc,
    /// Left out of scoring.
    Ignore,
}

impl Demonyms {
    /// The reference scorer's default: place for geo, misc for NER.
    pub fn default_for(task: Task) -> Demonyms {
        match task {
            Task::Geo => Demonyms::Place,
            Task::Ner => Demonyms::Misc,
        }
    }
}

/// Which gold documents to evaluate, by 0-based position in the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocFilter {
    #[default]
    All,
    /// Positions 0, 2, 4, ...: for tuning.
    Even,
    /// Positions 1, 3, 5, ...: for reporting.
    Odd,
}

impl DocFilter {
    /// Whether the document at `position` is kept.
    pub fn keeps(self, position: usize) -> bool {
        match self {
            DocFilter::All => true,
            DocFilter::Even => position % 2 == 0,
            DocFilter::Odd => position % 2 == 1,
        }
    }

    /// The kept documents, in file order.
    pub fn select(self, docs: Vec<GoldDoc>) -> Vec<GoldDoc> {
        docs.into_iter()
            .enumerate()
            .filter(|(i, _)| self.keeps(*i))
            .map(|(_, d)| d)
            .collect()
    }
}

/// One predicted mention, as the CSV output writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// Start, in Unicode scalar values.
    pub start: usize,
    /// End (exclusive), in Unicode scalar values.
    pub end: usize,
    /// The surface as written in the document.
    pub text: String,
    pub kind: GoldKind,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// 0–1, rounded to 3 decimals.
    pub confidence: f64,
    /// The calibration group, `kind/match` (`city/name`, `person/surname`).
    pub group: String,
}

impl Prediction {
    /// The prediction for one mention of `text` resolved to `entity`;
    /// `None` when its kind is left out (see [`GoldKind::of`]).
    pub fn from_mention(
        text: &str,
        m: &Mention,
        entity: &Entity,
        demonyms: Demonyms,
    ) -> Option<Prediction> {
        let kind = GoldKind::of(entity.kind, m.match_type, demonyms)?;
        // Round-trip through the output formatting, so that these numbers
        // are exactly the ones a scorer reads back from the CSV.
        let reread = |s: String| s.parse::<f64>().ok();
        Some(Prediction {
            start: m.span.char_start,
            end: m.span.char_end,
            text: text[m.span.start..m.span.end].to_string(),
            kind,
            lat: entity.lat().map(fmt_coord).and_then(reread),
            lon: entity.lon().map(fmt_coord).and_then(reread),
            confidence: reread(fmt_confidence(m.confidence)).unwrap_or(0.0),
            group: crate::resolve::calibration::group(entity.kind, m.match_type),
        })
    }

    /// Every scored prediction of a tagged text, in offset order. Mentions
    /// of document-local entities (people introduced by a title) are
    /// looked up in `tagged`.
    pub fn all(
        tagger: &Tagger,
        text: &str,
        tagged: &Tagged,
        demonyms: Demonyms,
    ) -> Vec<Prediction> {
        tagged
            .mentions
            .iter()
            .filter_map(|m| {
                let entity = tagged.entity(tagger.gazetteer(), m.entity);
                Prediction::from_mention(text, m, entity, demonyms)
            })
            .collect()
    }

    /// Both coordinates, when the prediction has them.
    pub fn coord(&self) -> Option<(f64, f64)> {
        Some((self.lat?, self.lon?))
    }
}

/// How to score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvalOptions {
    pub task: Task,
    /// Geo task: identical spans instead of the loose rule.
    pub exact: bool,
    /// Geo task: keep gold toponyms without coordinates.
    pub all_gold: bool,
    /// Must match the value the predictions were made with.
    pub demonyms: Demonyms,
    /// Recorded in the report; select the documents with
    /// [`DocFilter::select`] before tagging.
    pub docs: DocFilter,
}

impl EvalOptions {
    /// The reference scorer's defaults for `task`.
    pub fn new(task: Task) -> EvalOptions {
        EvalOptions {
            task,
            exact: false,
            all_gold: false,
            demonyms: Demonyms::default_for(task),
            docs: DocFilter::All,
        }
    }
}

/// Per-kind NER scores of the kinds a geo corpus's gold has.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct KindTable {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<Prf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Prf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<Prf>,
}

impl KindTable {
    /// The rows present, in report order.
    pub fn rows(&self) -> Vec<(GoldKind, Prf)> {
        [
            (GoldKind::Person, self.person),
            (GoldKind::Place, self.place),
            (GoldKind::Org, self.org),
        ]
        .into_iter()
        .filter_map(|(k, p)| Some((k, p?)))
        .collect()
    }
}

/// The geo task's scores.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GeoReport {
    /// With the options asked for: the numbers `score.py` prints.
    #[serde(flatten)]
    pub score: GeoScore,
    /// Loose matching.
    pub loose: GeoScore,
    /// Exact spans.
    pub strict: GeoScore,
    /// NER-rule P/R/F1 for the kinds the gold has.
    pub kinds: KindTable,
}

/// The task's scores: a JSON object whose keys are `score.py`'s.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Scores {
    Geo(GeoReport),
    Ner(NerScore),
}

/// Everything `gazetag eval` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub task: Task,
    pub docs: DocFilter,
    pub demonyms: Demonyms,
    pub exact: bool,
    pub all_gold: bool,
    /// Documents scored.
    pub documents: usize,
    /// Predictions scored, the ones in the reliability table: place
    /// predictions for the geo task, every kind for NER.
    pub predictions: usize,
    #[serde(flatten)]
    pub scores: Scores,
    pub reliability: Reliability,
}

/// Scores `preds` (`preds[i]` made for `gold[i]`) against `gold`.
///
/// # Panics
///
/// When `gold` and `preds` differ in length.
/// Every scored prediction with whether it is right (see the reliability
/// table above for what right means), in document order.
pub fn labelled<'a>(
    gold: &[GoldDoc],
    preds: &'a [Vec<Prediction>],
    opts: &EvalOptions,
) -> Vec<(&'a Prediction, bool)> {
    assert_eq!(gold.len(), preds.len(), "one prediction list per document");
    let geo_opts = GeoOptions {
        exact: opts.exact,
        all_gold: opts.all_gold,
    };
    let mut out = vec![];
    for (g, p) in gold.iter().zip(preds) {
        match opts.task {
            Task::Geo => {
                let (_, _, outcomes) = match_document(g, p, geo_opts);
                for (pred, o) in p.iter().zip(outcomes) {
                    let right = match o {
                        Outcome::NotScored => continue,
                        Outcome::Unmatched => false,
                        Outcome::Matched { error_km } => error_km.map_or(true, |e| e < ACC_KM),
                    };
                    out.push((pred, right));
                }
            }
            Task::Ner => {
                for (pred, right) in p.iter().zip(ner_right(g, p)) {
                    out.push((pred, right));
                }
            }
        }
    }
    out
}

pub fn evaluate(gold: &[GoldDoc], preds: &[Vec<Prediction>], opts: &EvalOptions) -> Report {
    let geo_opts = GeoOptions {
        exact: opts.exact,
        all_gold: opts.all_gold,
    };
    let calib: Vec<(f64, bool)> = labelled(gold, preds, opts)
        .into_iter()
        .map(|(p, right)| (p.confidence, right))
        .collect();
    let predictions = calib.len();
    let scores = match opts.task {
        Task::Geo => {
            let ner = score_ner(gold, preds);
            let has = |k: GoldKind| {
                gold.iter()
                    .any(|d| d.entities.iter().any(|x| x.kind == k.as_str()))
                    .then(|| *ner.get(k))
            };
            Scores::Geo(GeoReport {
                score: score_geo(gold, preds, geo_opts),
                loose: score_geo(
                    gold,
                    preds,
                    GeoOptions {
                        exact: false,
                        ..geo_opts
                    },
                ),
                strict: score_geo(
                    gold,
                    preds,
                    GeoOptions {
                        exact: true,
                        ..geo_opts
                    },
                ),
                kinds: KindTable {
                    person: has(GoldKind::Person),
                    place: has(GoldKind::Place),
                    org: has(GoldKind::Org),
                },
            })
        }
        Task::Ner => Scores::Ner(score_ner(gold, preds)),
    };
    Report {
        task: opts.task,
        docs: opts.docs,
        demonyms: opts.demonyms,
        exact: opts.exact,
        all_gold: opts.all_gold,
        documents: gold.len(),
        predictions,
        scores,
        reliability: Reliability::new(calib),
    }
}

#[cfg(test)]
mod tests;
