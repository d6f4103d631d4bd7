//! A place name that is only the first word of another name.
//!
//! "Franklin Elementary", "Canton Road", "Marburg virus", "Lassa fever":
//! the place lends its name to a school, a street, a building, an airline
//! or a disease, and the text speaks of that, not of the place. A span
//! followed by one of these heads loses its place candidates:
//!
//! - capitalised heads of streets and facilities: Street, St., Road, Rd.,
//!   Drive, Avenue, Ave., Boulevard, Blvd., Lane, Elementary, Hall,
//!   Airlines, Airways, Zoo, Newsroom, and "Middle School" / "High School";
//! - capitalised heads of clubs and sporting events: United, Rovers,
//!   Wanderers, Athletic, Albion, Hotspur; Open, Games, Marathon, Masters
//!   and "Grand Prix" ("Manchester United", "U.S. Open");
//! - club prefixes before the place: Real, Dynamo, Dinamo, Deportivo,
//!   Sporting, Atletico, Olympique, Spartak, Lokomotiv, Torpedo, CSKA, FC,
//!   AC ("Real Madrid", "Dynamo Moscow");
//! - lower-case heads of diseases: virus, ebolavirus, fever, disease,
//!   hemorrhagic / haemorrhagic.
//!
//! - a dollar sign right after the name: "US$460", "NZ$5" are currencies.
//!
//! Only the word right after (or, for prefixes, before) the span counts,
//! separated by one space, so "Paris streets" or "Ohio, a fever" are
//! untouched.

use super::{Context, Pending, Rule};

/// The name-part rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct NamePart;

/// Capitalised heads, compared without a final dot.
const FACILITY_HEADS: [&str; 26] = [
    "Street",
    "St",
    "Road",
    "Rd",
    "Drive",
    "Avenue",
    "Ave",
    "Boulevard",
    "Blvd",
    "Lane",
    "Elementary",
    "Hall",
    "Airlines",
    "Airways",
    "Zoo",
    "Newsroom",
    "United",
    "Rovers",
    "Wanderers",
    "Athletic",
    "Albion",
    "Hotspur",
    "Open",
    "Games",
    "Marathon",
    "Masters",
];

/// Words before a place that make it part of a club's name.
const CLUB_PREFIXES: [&str; 13] = [
    "Real",
    "Dynamo",
    "Dinamo",
    "Deportivo",
    "Sporting",
    "Atletico",
    "Olympique",
    "Spartak",
    "Lokomotiv",
    "Torpedo",
    "CSKA",
    "FC",
    "AC",
];

/// Capitalised heads that need a second word.
const SCHOOL_HEADS: [&str; 3] = ["Middle School", "High School", "Grand Prix"];

/// Lower-case heads of disease names.
const DISEASE_HEADS: [&str; 6] = [
    "virus",
    "ebolavirus",
    "fever",
    "disease",
    "hemorrhagic",
    "haemorrhagic",
];

/// Whether the text right after a span names something else.
fn head_follows(after: &str) -> bool {
    if after.starts_with('$') {
        return true;
    }
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let n = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let word = &rest[..n];
    FACILITY_HEADS.contains(&word)
        || DISEASE_HEADS.contains(&word)
        || SCHOOL_HEADS.iter().any(|h| {
            rest.starts_with(h)
                && !rest[h.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
}

/// Whether a club prefix stands right before a span.
fn prefix_before(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(' ') else {
        return false;
    };
    let i = rest
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    CLUB_PREFIXES.contains(&&rest[i..])
}

impl Rule for NamePart {
    fn name(&self) -> &'static str {
        "name_part"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        for p in spans.iter_mut() {
            if !head_follows(&ctx.text[p.end..]) && !prefix_before(&ctx.text[..p.start]) {
                continue;
            }
            for c in &mut p.candidates {
                if c.rejected.is_none() && ctx.gazetteer.get(c.entity).kind.is_place() {
                    c.rejected = Some("name_part");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    #[test]
    fn heads_after_a_place_name() {
        let g = gaz(&[
            "gn:1,city,Linden,,,US,US.NJ,42000,PPL,",
            "gn:2,region,Kivu,,,CD,CD.11,6000000,ADM1,",
            "a:1,agency,Linden Council,,,US,,,,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(NamePart)], t);
        for text in [
            "on Linden Street",
            "at Linden St. near",
            "Linden Elementary pupils",
            "Linden High School",
            "the Kivu virus",
            "Kivu hemorrhagic fever",
            "Linden United won",
            "the Linden Open",
            "Linden Grand Prix",
            "Real Linden",
            "beat Dynamo Linden 2-0",
            "a Linden$5 note",
        ] {
            assert_eq!(run(text)[0].1, "-", "{text}");
        }
        for text in [
            "Linden streets",
            "in Linden",
            "Linden High",
            "Linden, a virus",
            "Linden Streetcar",
            "Linden united",
            "Surreal Linden",
            "Linden $5 note",
        ] {
            assert_eq!(run(text)[0].1, "gn:1", "{text}");
        }
        // Not a place: untouched.
        assert_eq!(run("Linden Council Hall")[0].1, "a:1");
    }
}
