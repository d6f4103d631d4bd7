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

impl Rule for Codes {
    fn name(&self) -> &'static str {
        "codes"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        for p in spans.iter_mut() {
            // Only weak matches can be codes: the text only around them.
            if !p.live().any(|c| c.match_type == MatchType::Weak) {
                continue;
            }
            if !inside_code(&ctx.text[..p.start], &ctx.text[p.end..]) {
                continue;
            }
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
}
