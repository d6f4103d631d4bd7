//! Resolution: choosing one entity for each candidate span.
//!
//! Resolution is a list of [`Rule`]s applied in order to all spans of one
//! document; each rule adds evidence to the candidates' scores (one rule per
//! file, so that each can be tested and disabled on its own). After the
//! rules, every span's candidates are sorted by score (ties: kind order
//! country > region > city > agency > person, then gazetteer id), the first
//! is chosen, and the confidence is derived from the margin.
//!
//! A rule never removes a span: a failure to resolve one mention cannot drop
//! the document's other mentions.

use crate::entity::{Candidate, EntityId, Kind, MatchType, Mention, Span};
use crate::gazetteer::Gazetteer;
use crate::matcher::CandidateSpan;

mod prior;

pub use prior::Prior;

/// A candidate with its running score.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    pub entity: EntityId,
    pub match_type: MatchType,
    pub score: f64,
}

/// A span under resolution.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<Scored>,
}

/// What a rule sees besides the spans.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub gazetteer: &'a Gazetteer,
    /// The original document text.
    pub text: &'a str,
}

/// One piece of resolution evidence.
pub trait Rule: Send + Sync + std::fmt::Debug {
    /// Short name, used by `--disable` and explanations.
    fn name(&self) -> &'static str;
    /// Adds to (or subtracts from) candidate scores.
    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]);
}

/// An ordered list of rules.
#[derive(Debug)]
pub struct Resolver {
    rules: Vec<Box<dyn Rule>>,
}

impl Default for Resolver {
    fn default() -> Resolver {
        Resolver {
            rules: vec![Box::new(Prior)],
        }
    }
}

impl Resolver {
    /// The names of every rule, in order.
    pub fn rule_names(&self) -> Vec<&'static str> {
        self.rules.iter().map(|r| r.name()).collect()
    }

    /// Removes the rule called `name`; false if there is none.
    pub fn disable(&mut self, name: &str) -> bool {
        let before = self.rules.len();
        self.rules.retain(|r| r.name() != name);
        self.rules.len() != before
    }

    /// Resolves the spans of one document into mentions, in span order.
    /// Char offsets are left at zero; the tagger fills them.
    pub fn resolve(&self, ctx: &Context<'_>, spans: Vec<CandidateSpan>) -> Vec<Mention> {
        let mut pending: Vec<Pending> = spans
            .into_iter()
            .map(|s| Pending {
                start: s.start,
                end: s.end,
                candidates: s
                    .candidates
                    .into_iter()
                    .map(|c| Scored {
                        entity: c.entity,
                        match_type: c.match_type,
                        score: 0.0,
                    })
                    .collect(),
            })
            .collect();
        for rule in &self.rules {
            rule.apply(ctx, &mut pending);
        }
        pending
            .into_iter()
            .filter_map(|p| finish(ctx.gazetteer, p))
            .collect()
    }
}

fn finish(gaz: &Gazetteer, mut p: Pending) -> Option<Mention> {
    p.candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| kind_of(gaz, a.entity).cmp(&kind_of(gaz, b.entity)))
            .then_with(|| gaz.get(a.entity).id.cmp(&gaz.get(b.entity).id))
    });
    let best = p.candidates.first()?;
    let confidence = confidence(&p.candidates);
    Some(Mention {
        span: Span {
            start: p.start,
            end: p.end,
            char_start: 0,
            char_end: 0,
        },
        entity: best.entity,
        match_type: best.match_type,
        confidence,
        candidates: p
            .candidates
            .iter()
            .map(|c| Candidate {
                entity: c.entity,
                match_type: c.match_type,
            })
            .collect(),
    })
}

fn kind_of(gaz: &Gazetteer, id: EntityId) -> Kind {
    gaz.get(id).kind
}

/// Confidence from the match type and the score margin over the runner-up.
/// A logistic of the margin: an unambiguous span gets the match type's base
/// value, a close call about half of it.
fn confidence(cands: &[Scored]) -> f32 {
    let base = match cands[0].match_type {
        MatchType::Name => 0.92,
        MatchType::Alias => 0.88,
        MatchType::Weak => 0.85,
        MatchType::Demonym => 0.85,
        MatchType::Surname => 0.8,
        MatchType::Title => 0.7,
    };
    let c = match cands.get(1) {
        None => base,
        Some(second) => {
            let margin = (cands[0].score - second.score).max(0.0);
            base * (0.5 + 0.5 * (1.0 - (-margin).exp()))
        }
    };
    c as f32
}
