//! A place's code inside a currency or a model number: "$NZ 5 billion",
//! "an AK-47", "the F-16".
//!
//! Weak aliases (codes and acronyms written exactly: "US", "AK", "NSW") are
//! also pieces of other codes. A weak-alias span loses its place
//! candidates when a dollar sign stands right before it ("$US", "$NZ": a
//! currency; `name_part` already takes "US$" and "NZ$") or when a hyphen
//! and a digit follow it ("AK-47", "MI-6": a model or a unit). Codes
//! written otherwise ("the US-led coalition", "US 1.5 billion dollars")
//! are left alone.
//!
//! Three state abbreviations are also other words, told apart by their
//! neighbours: "B.C." after a number is an era ("built in 250 B.C."), not
//! British Columbia; "Del." before a capitalised name, with no comma
//! before it, is a Virginia delegate's title ("former Del. Ana Ruiz"), not
//! Delaware; "Mass." after a capitalised word that is no place and no
//! compass word is the service ("his Christmas Midnight Mass."), not
//! Massachusetts ("Boston, Mass.", "in Mass.", "Western Mass." and the
//! headline's "Sold To Mass. Promoter" stay).

use super::{Context, Pending, Rule};
use crate::entity::MatchType;

/// The codes rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct Codes;

/// Whether the text around a span makes it part of a currency or a model
/// number.
fn inside_code(before: &str, after: &str) -> bool {
    let currency = before.ends_with('$');
    let model = after
        .strip_prefix('-')
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    currency || model
}

/// Prepositions and conjunctions capitalised in headlines ("Sold To Mass.
/// Promoter").
const HEADLINE_WORDS: [&str; 12] = [
    "To", "In", "From", "Of", "At", "For", "By", "And", "On", "With", "Near", "Across",
];

/// Whether a state's abbreviation is another word here (see the module
/// docs). `prev_end` is where the mention before it ends.
fn other_word(surface: &str, before: &str, after: &str, prev_end: usize) -> bool {
    match surface {
        "B.C." => before
            .strip_suffix(' ')
            .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit())),
        "Del." => {
            !before.trim_end().ends_with(',')
                && after
                    .strip_prefix(' ')
                    .is_some_and(|a| a.starts_with(|c: char| c.is_uppercase()))
        }
        "Mass." => before.strip_suffix(' ').is_some_and(|b| {
            let start = super::alpha_start(b);
            let word = &b[start..];
            word.chars().next().is_some_and(char::is_uppercase)
                && !super::COMPASS.contains(&word)
                && !HEADLINE_WORDS.contains(&word)
                && prev_end <= start
        }),
        _ => false,
    }
}

impl Rule for Codes {
    fn name(&self) -> &'static str {
        "codes"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        for i in 0..spans.len() {
            let p = &spans[i];
            // Only weak matches can be codes: the text only around them.
            if !p.live().any(|c| c.match_type == MatchType::Weak) {
                continue;
            }
            let (before, after) = (&ctx.text[..p.start], &ctx.text[p.end..]);
            let prev_end = i.checked_sub(1).map_or(0, |j| spans[j].end);
            if !inside_code(before, after)
                && !other_word(&ctx.text[p.start..p.end], before, after, prev_end)
            {
                continue;
            }
            let p = &mut spans[i];
            p.reject("codes", |c| {
                c.match_type == MatchType::Weak && ctx.gazetteer.facts(c.entity).kind.is_place()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    #[test]
    fn codes_inside_currencies_and_models() {
        let g = gaz(&[
            "iso:RR,country,Ruritania,,RR,RR,,9000000,PCLI,",
            "gn:1,region,Alaska,,AK,US,US.AK,700000,ADM1,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Codes)], t);
        for text in ["worth $RR 5 billion", "fired AK-47 rifles", "two AK-74s"] {
            assert_eq!(run(text)[0].1, "-", "{text}");
        }
        for (text, id) in [
            ("the RR-led talks", "iso:RR"),
            ("RR 5 billion", "iso:RR"),
            ("Anchorage, AK 99501", "gn:1"),
            ("the AK-Yukon border", "gn:1"),
            ("Ruritania-47", "iso:RR"),
        ] {
            assert_eq!(run(text)[0].1, id, "{text}");
        }
    }

    #[test]
    fn abbreviations_that_are_other_words() {
        let g = gaz(&[
            "gn:bc,region,British Columbia,,B.C.,CA,CA.02,4000000,ADM1,",
            "gn:de,region,Delaware,,Del.,US,US.DE,900000,ADM1,",
            "gn:ma,region,Massachusetts,,Mass.,US,US.MA,6700000,ADM1,",
            "gn:bo,city,Boston,,,US,US.MA,650000,PPLA,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Codes)], t);
        let last = |t: &str| run(t).last().map(|r| r.1.clone()).unwrap_or_default();
        for text in [
            "a wall built in 250 B.C.",
            "former Del. Ana Ruiz of Fairfax",
            "he said the Christmas Midnight Mass. Then",
        ] {
            assert_eq!(last(text), "-", "{text}");
        }
        for (text, id) in [
            ("coastal B.C. is wet", "gn:bc"),
            ("Dover, Del. Ana Ruiz said", "gn:de"),
            ("in Del. today", "gn:de"),
            ("Boston, Mass. The city", "gn:ma"),
            ("in Mass. The state", "gn:ma"),
            ("Western Mass. stargazers", "gn:ma"),
            ("Mass. lawmakers met", "gn:ma"),
            ("Theatre Sold To Mass. Promoter", "gn:ma"),
        ] {
            assert_eq!(last(text), id, "{text}");
        }
    }
}
