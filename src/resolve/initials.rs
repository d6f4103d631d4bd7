//! A place name right after a capitalised word and one or more initials is
//! a person's surname: "Maria T. Dayton", "John R. K. Linden", "Ana L.
//! Orense Ruiz".
//!
//! Middle initials are written between a given name and a surname; places
//! are not written that way. A span preceded by one to three initials (one
//! capital letter and a dot, each followed by one space), themselves right
//! after a capitalised word and one space, loses its place candidates.
//! Abbreviations of more than one letter ("St.", "Mt.", "Ft.") are no
//! initials, so "St. Louis" and "Mt. Hood" are untouched; neither are
//! initials after a comma or at the start of a sentence ("Dayton, W. Va."
//! is matched whole anyway, and "Wheeling, W." has a comma before the
//! initial).

use super::{Context, Pending, Rule};

/// The initials rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct Initials;

/// How many initials may stand between the given name and the span.
const MAX_INITIALS: usize = 3;

/// Whether `before` (the text before a span) ends with a capitalised word
/// and one to three initials, each followed by one space.
fn initials_before(before: &str) -> bool {
    let mut rest = before;
    let mut n = 0;
    while let Some(r) = rest.strip_suffix(". ") {
        let mut chars = r.chars();
        let Some(letter) = chars.next_back() else {
            break;
        };
        let head = chars.as_str();
        let alone = !head.chars().next_back().is_some_and(char::is_alphanumeric);
        if !letter.is_uppercase() || !alone || n == MAX_INITIALS {
            break;
        }
        n += 1;
        rest = head;
    }
    if n == 0 {
        return false;
    }
    // The given name: a capitalised word, then the one space already
    // left in `rest`.
    let Some(r) = rest.strip_suffix(' ') else {
        return false;
    };
    let i = super::alpha_start(r);
    let word = &r[i..];
    word.chars().count() >= 2
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
}

impl Rule for Initials {
    fn name(&self) -> &'static str {
        "initials"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        for p in spans.iter_mut() {
            if !initials_before(&ctx.text[..p.start]) {
                continue;
            }
            p.reject("initials", |c| {
                ctx.gazetteer.facts(c.entity).kind.is_place()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    #[test]
    fn initials_before_a_place_name() {
        let g = gaz(&[
            "gn:1,city,Dayton,,,US,US.OH,140000,PPL,",
            "gn:2,city,Louis,St. Louis,,US,US.MO,300000,PPL,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Initials)], t);
        for text in [
            "said Maria T. Dayton, the mayor",
            "John R. K. Dayton wrote",
            "Ana L. Dayton Ruiz",
        ] {
            assert_eq!(run(text)[0].1, "-", "{text}");
        }
        for text in [
            "in Dayton",
            "T. Dayton said",
            "Maria T.Dayton",
            "Maria AT. Dayton",
            "Maria, T. Dayton",
            "flights to St. Louis",
            "Maria A. B. C. D. Dayton",
        ] {
            assert_ne!(run(text).last().unwrap().1, "-", "{text}");
        }
    }
}
