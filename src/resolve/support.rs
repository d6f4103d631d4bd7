//! Common words need support.
//!
//! A place whose gazetteer row has the flag `common_word` (its name is a
//! common English word: Nice, Mobile, Reading, Bath, Split, Male, Van...)
//! and whose mention is a single word is kept only with support:
//!
//! - a preceding "in", "from", "near", "at", "to" or "outside";
//! - a following ", <its region or country>" ("Reading, England");
//! - another place mentioned in the document, itself not ambiguous and
//!   not a common word, in the same country (or that country itself).
//!
//! Capitalisation mid-sentence is not support ("Neil Young", "State
//! Police"). Unsupported candidates are rejected; a span whose candidates
//! are all rejected is dropped.

use super::local::contains;
use super::{Context, Pending, Rule};
use crate::entity::Entity;

/// The common-word support rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommonWordSupport;

const SUPPORT_BEFORE: [&str; 6] = ["in", "from", "near", "at", "to", "outside"];

fn needs_support(e: &Entity, surface: &str) -> bool {
    e.kind.is_place() && e.has_flag("common_word") && !surface.contains(char::is_whitespace)
}

fn word_before(text: &str, start: usize) -> &str {
    let before = text[..start].trim_end();
    let i = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[i..]
}

impl Rule for CommonWordSupport {
    fn name(&self) -> &'static str {
        "support"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let gaz = ctx.gazetteer;
        // Anchors: unambiguous, not common-word place mentions.
        let anchors: Vec<(usize, &Entity)> = spans
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let mut live = p.live();
                let only = live.next()?;
                if live.next().is_some() {
                    return None;
                }
                let e = gaz.get(only.entity);
                (e.kind.is_place() && !e.has_flag("common_word")).then_some((i, e))
            })
            .collect();
        for i in 0..spans.len() {
            let surface = ctx.surface(&spans[i]);
            if !spans[i]
                .candidates
                .iter()
                .any(|c| needs_support(gaz.get(c.entity), surface))
            {
                continue;
            }
            let prev_word = word_before(ctx.text, spans[i].start);
            let by_word = SUPPORT_BEFORE
                .iter()
                .any(|w| prev_word.eq_ignore_ascii_case(w));
            let next_container: Vec<&Entity> = match spans.get(i + 1) {
                Some(next) if ctx.text[spans[i].end..next.start].trim() == "," => {
                    next.live().map(|c| gaz.get(c.entity)).collect()
                }
                _ => vec![],
            };
            for c in &mut spans[i].candidates {
                let e = gaz.get(c.entity);
                if !needs_support(e, surface) || by_word {
                    continue;
                }
                let by_container = next_container.iter().any(|y| contains(y, e));
                let by_anchor = anchors
                    .iter()
                    .any(|&(j, a)| j != i && !a.country.is_empty() && a.country == e.country);
                if !by_container && !by_anchor {
                    c.rejected = Some("support");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        let g = gaz(&[
            "gn:1,city,Nice,,,FR,FR.93,340000,PPLA2,common_word",
            "iso:FR,country,France,,,FR,,64000000,PCLI,",
            "gn:2,city,Reading,,,GB,GB.ENG,230000,PPL,common_word",
            "gn:3,region,England,,,GB,GB.ENG,53000000,ADM1,",
            "gn:4,city,Young,,,UY,UY.13,16000,PPL,common_word",
            "gn:5,city,Lyon,,,FR,FR.84,500000,PPLA,",
        ]);
        resolve_with(&g, vec![Box::new(CommonWordSupport)], text)
    }

    #[test]
    fn support_cases() {
        assert_eq!(run("Nice is lovely")[0].1, "-");
        assert_eq!(run("Holidays in Nice")[0].1, "gn:1");
        assert_eq!(run("Reading, England")[0].1, "gn:2");
        assert_eq!(run("Nice and Lyon")[0].1, "gn:1");
        assert_eq!(run("Nice. France won")[0].1, "gn:1");
        assert_eq!(run("Neil Young sang")[0].1, "-");
        assert_eq!(run("Reading, France")[0].1, "-");
    }
}
