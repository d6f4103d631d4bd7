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
//!
//! The other way round, a one-word name right before one initial and a
//! surname is a given name: "Wanda Y. Martin", "Virginia L. Lane". Only
//! that mention loses its place candidates ("in Virginia" later stays the
//! state); "Washington D. C." has no surname after the initial.

use super::support::{is_month, NOT_SURNAMES};
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

/// Whether span `p` is a one-word name followed by a middle initial and a
/// surname: "Wanda Y. Martin", "Virginia L. Lane".
fn before_initial_and_surname(text: &str, p: &Pending) -> bool {
    // The bytes after the span first: few spans are followed by " X. ".
    let b = &text.as_bytes()[p.end..];
    if b.len() < 6 || b[2] != b'.' || b[0] != b' ' || b[3] != b' ' || !b[1].is_ascii_uppercase() {
        return false;
    }
    let word = &text[p.start..p.end];
    if !(word.chars().all(char::is_alphabetic)
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
        && word.len() >= 2)
    {
        return false;
    }
    let rest = &text[p.end + 4..];
    let n = super::alpha_len(rest);
    let surname = &rest[..n];
    n >= 2
        && surname.chars().skip(1).all(char::is_lowercase)
        && super::people::is_name_word(surname)
        && !NOT_SURNAMES.contains(&surname)
        && !is_month(surname)
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
            if !initials_before(&ctx.text[..p.start]) && !before_initial_and_surname(ctx.text, p) {
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

    #[test]
    fn a_middle_initial_and_a_surname_make_a_person() {
        let g = gaz(&[
            "gn:1,city,Wanda,,,AR,AR.14,15000,PPL,",
            "gn:2,region,Virginia,,,US,US.VA,8000000,ADM1,",
            "gn:3,city,Washington,,,US,US.DC,689545,PPLC,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Initials)], t);
        assert_eq!(run("driver Wanda Y. Martin, 39")[0].1, "-");
        let r = run("Virginia L. Lane of Virginia");
        assert_eq!((r[0].1.as_str(), r[1].1.as_str()), ("-", "gn:2"));
        for (t, id) in [
            ("to Washington D. C. today", "gn:3"),
            ("in Wanda A. The", "gn:1"),
            ("in Wanda. Martin left", "gn:1"),
            ("Wanda X. MARTIN", "gn:1"),
        ] {
            assert_eq!(run(t)[0].1, id, "{t}");
        }
    }
}
