//! The tagger: an immutable, thread-safe bundle of gazetteer, matcher and
//! resolver, built once by [`TaggerBuilder`] and shared across threads.

use crate::automaton::AutomatonError;
use crate::compiled::Compiled;
use crate::entity::{Entity, EntityId, Kind, Mention, Tagged};
use crate::focus::focus;
use crate::gazetteer::Gazetteer;
use crate::matcher::Matcher;
use crate::normalize::normalize;
use crate::resolve::calibration::Calibration;
use crate::resolve::people::link_people;
use crate::resolve::{Context, Resolver};

/// Configures and builds a [`Tagger`].
#[derive(Debug, Default)]
pub struct TaggerBuilder {
    kinds: Option<Vec<Kind>>,
    disabled: Vec<String>,
    raw_confidence: bool,
}

/// Why a tagger could not be built.
#[derive(Debug)]
pub enum BuildError {
    Automaton(AutomatonError),
    /// `--disable` named a rule that does not exist.
    UnknownRule {
        name: String,
        known: Vec<String>,
    },
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Automaton(e) => e.fmt(f),
            BuildError::UnknownRule { name, known } => write!(
                f,
                "unknown resolution rule {name:?} (known: {})",
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for BuildError {}

impl TaggerBuilder {
    /// A builder with every kind and every resolution rule.
    pub fn new() -> TaggerBuilder {
        TaggerBuilder::default()
    }

    /// Keeps only mentions of these kinds. The filter applies after
    /// resolution, so "Washington Post" never becomes a city when only
    /// cities are asked for.
    pub fn kinds(&mut self, kinds: &[Kind]) -> &mut TaggerBuilder {
        self.kinds = Some(kinds.to_vec());
        self
    }

    /// Reports raw (uncalibrated) confidences: what `gazetag calibrate`
    /// fits the calibration on.
    pub fn raw_confidence(&mut self, yes: bool) -> &mut TaggerBuilder {
        self.raw_confidence = yes;
        self
    }

    /// Disables a resolution rule by name.
    pub fn disable_rule(&mut self, name: &str) -> &mut TaggerBuilder {
        self.disabled.push(name.to_string());
        self
    }

    /// Builds the tagger, taking ownership of the gazetteer.
    ///
    /// # Errors
    ///
    /// An unknown rule name, or an automaton the engine refuses.
    pub fn build(&self, gazetteer: Gazetteer) -> Result<Tagger, BuildError> {
        let resolver = self.resolver(&gazetteer)?;
        let matcher = Matcher::new(&gazetteer).map_err(BuildError::Automaton)?;
        let version = gazetteer.version();
        Ok(Tagger {
            gazetteer,
            matcher,
            resolver,
            kinds: self.kinds.clone(),
            version,
            calibration: self.calibration(),
        })
    }

    /// Builds the tagger from a compiled gazetteer ([`crate::compiled`]):
    /// no normalizing, no automaton to build, no version to hash.
    ///
    /// # Errors
    ///
    /// An unknown rule name.
    pub fn build_compiled(&self, compiled: Compiled) -> Result<Tagger, BuildError> {
        Ok(Tagger {
            resolver: self.resolver(&compiled.gazetteer)?,
            gazetteer: compiled.gazetteer,
            matcher: compiled.matcher,
            kinds: self.kinds.clone(),
            version: compiled.version,
            calibration: self.calibration(),
        })
    }

    fn calibration(&self) -> Calibration {
        if self.raw_confidence {
            Calibration::default()
        } else {
            Calibration::embedded()
        }
    }

    fn resolver(&self, gazetteer: &Gazetteer) -> Result<Resolver, BuildError> {
        let mut resolver = Resolver::new(gazetteer);
        for name in &self.disabled {
            if !resolver.disable(name) {
                return Err(BuildError::UnknownRule {
                    name: name.clone(),
                    known: Resolver::new(&Gazetteer::new())
                        .rule_names()
                        .into_iter()
                        .map(String::from)
                        .collect(),
                });
            }
        }
        Ok(resolver)
    }
}

/// Tags texts. Immutable once built; `Send + Sync`, so one tagger serves
/// every worker thread by reference.
#[derive(Debug)]
pub struct Tagger {
    gazetteer: Gazetteer,
    matcher: Matcher,
    resolver: Resolver,
    kinds: Option<Vec<Kind>>,
    version: String,
    calibration: Calibration,
}

impl Tagger {
    /// Every mention in `text`, in offset order, with byte and char spans
    /// into `text`.
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        self.tag_document(text).mentions
    }

    /// Tags `text` and computes its [`crate::Focus`] (from every resolved place
    /// mention, before the `kinds` filter).
    pub fn tag_document(&self, text: &str) -> Tagged {
        // One normalization serves the matcher and surname coreference.
        let norm = normalize(text);
        let spans = self.matcher.find_normalized(text, &norm);
        let ctx = Context {
            gazetteer: &self.gazetteer,
            text,
        };
        let mut mentions = self.resolver.resolve(&ctx, spans);
        let mut locals = vec![];
        link_people(
            &self.gazetteer,
            text,
            &norm,
            &mut mentions,
            &mut locals,
            self.resolver.people(),
        );
        if let Some(unlisted) = self.resolver.unlisted() {
            let listed = |name: &str| {
                self.matcher
                    .find(name)
                    .iter()
                    .any(|s| s.start == 0 && s.end == name.len())
            };
            unlisted.add(&self.gazetteer, text, &mut mentions, &mut locals, listed);
        }
        // The kind of a mention's entity, gazetteer or document-local.
        let gaz = &self.gazetteer;
        let kind_of = |id: EntityId| -> Kind {
            match id.index().checked_sub(gaz.len()) {
                None => gaz.facts(id).kind,
                Some(i) => locals[i].kind,
            }
        };
        if !self.calibration.is_empty() {
            for m in &mut mentions {
                m.confidence =
                    self.calibration
                        .apply(kind_of(m.entity), m.match_type, m.confidence);
            }
        }
        let focus = focus(&self.gazetteer, &mentions);
        if let Some(kinds) = &self.kinds {
            mentions.retain(|m| kinds.contains(&kind_of(m.entity)));
        }
        fill_char_offsets(text, &mut mentions);
        Tagged {
            mentions,
            focus,
            locals,
        }
    }

    /// The gazetteer the tagger was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The gazetteer entity behind a mention's id (for document-local
    /// people, use [`Tagged::entity`]).
    ///
    /// # Panics
    ///
    /// If `id` is a document-local id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        self.gazetteer.get(id)
    }

    /// The matcher (patterns, memory use).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The gazetteer's content hash ([`Gazetteer::version`]), computed once.
    pub fn version(&self) -> &str {
        &self.version
    }
}

/// Fills `char_start`/`char_end` from the byte offsets, in one pass over
/// the text (mentions are in offset order and do not overlap; should a
/// rule break that, the count restarts from the beginning rather than
/// slicing backwards).
fn fill_char_offsets(text: &str, mentions: &mut [Mention]) {
    if text.is_ascii() {
        for m in mentions {
            m.span.char_start = m.span.start;
            m.span.char_end = m.span.end;
        }
        return;
    }
    let mut byte = 0;
    let mut chars = 0;
    let mut advance = |to: usize| {
        if to < byte {
            (byte, chars) = (0, 0);
        }
        chars += text[byte..to].chars().count();
        byte = to;
        chars
    };
    for m in mentions {
        m.span.char_start = advance(m.span.start);
        m.span.char_end = advance(m.span.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn tagger_is_send_and_sync() {
        assert_send_sync::<Tagger>();
        assert_send_sync::<Gazetteer>();
    }
}
