//! A place name used as a person's name, once in the document and then
//! everywhere in it.
//!
//! A single capitalised word that names a town is often a person's
//! surname. Three signs say so at one mention:
//!
//! - an honorific or a title right before it: "Mr.", "Ms.", "Dr.", "Sen.",
//!   "Coach" ... ("Dr. Hale", "Ms. Kendal"), or such a title and one
//!   capitalised word that is no mention, a given name the gazetteer may
//!   not know ("Dr. Elena Hale");
//! - a verb of speech right after it: "Steele said", "Lennox told", or
//!   "said" / "says" right before it with a comma or full stop right after
//!   ("..., said Lennox."; "said Gainesville police" stays the city) (only
//!   for towns and areas below the first level: "Washington said" or
//!   "Moscow says" speak for a government and stay places);
//! - the `person_place` rule rejected it (a given name before it:
//!   "Annie Lennox");
//! - an apposition that only a person takes right after it, unless a
//!   place word or a residence comes before ("in Kettering, an official
//!   said" stays the town, "Ana Ruiz of Kettering, who" is Ana Ruiz): a
//!   role, first or after "a", "an" or "the"
//!   ("Steele, President and CEO of", "Lennox, a spokesman for"), an age
//!   ("Lennox, 54, said"), or "who" ("Lennox, who").
//!
//! News names a person in full once and by surname afterwards, so the
//! judgement holds for the whole document (one sense per discourse; except
//! for a speech verb after, which may be a city's government speaking, and
//! never for a mention after "in", "from" ... or "the city of", nor in a
//! residence, "Ana Ruiz, 54, of Tyler said"): every
//! other mention of the same surface loses its place candidates of those
//! kinds too, unless it has local support of its own, a preceding "in",
//! "from", "near", "at", "to" or "outside", a residence ("a Kendal
//! resident") or "X, *container*" ("moved to Kendal", "Kendal, England" stay
//! the town). Countries and first-level
//! divisions are never taken for people here.

use super::local::contains;
use super::support::has_whitespace;
use super::{word_list, Context, Pending, Rule, WordList};
use crate::entity::Kind;
use crate::gazetteer::{Facts, Feature};
use rustc_hash::FxHashSet;

/// The place-name-as-person rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct PersonWord;

/// Words that introduce a person's (sur)name, compared without a final dot.
const HONORIFICS: [&str; 20] = [
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Sen",
    "Rep",
    "Gov",
    "Sgt",
    "Lt",
    "Capt",
    "Cpl",
    "Det",
    "Officer",
    "Deputy",
    "Judge",
    "Coach",
    "Professor",
    "Prof",
    "Rev",
];

static HONORIFIC: WordList = word_list(&HONORIFICS);

/// Roles that follow a person's name after a comma ("Steele, President
/// and CEO of"), compared as written and lower-cased.
static ROLES_AFTER: WordList = word_list(&[
    "president",
    "vice-president",
    "ceo",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "founder",
    "owner",
    "manager",
    "professor",
    "minister",
    "secretary",
    "senator",
    "lawyer",
    "attorney",
    "analyst",
    "researcher",
    "scientist",
    "economist",
    "author",
    "executive",
    "official",
    "officer",
    "resident",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "who",
]);

/// Whether the text after a name is an apposition only a person takes:
/// ", " then a role of [`ROLES_AFTER`] (possibly after "a", "an" or
/// "the"), an age of one to three digits and a comma, or "who".
fn person_apposition(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(", ") else {
        return false;
    };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=3).contains(&digits) && rest[digits..].starts_with(',') {
        return true;
    }
    let rest = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
        .unwrap_or(rest);
    let n = rest
        .find(|c: char| !(c.is_alphabetic() || c == '-'))
        .unwrap_or(rest.len());
    let w = &rest[..n];
    // As written, or capitalised ("President"), or "CEO": not "WHO".
    ROLES_AFTER.contains(w)
        || w == "CEO"
        || (super::capitalised(w) && ROLES_AFTER.contains(&w.to_lowercase()))
}

/// Verbs of speech after a name.
const SPEECH_AFTER: [&str; 6] = ["said", "says", "told", "added", "explained", "noted"];

/// Whether a person could bear this place's name: towns and areas below
/// the first level, not countries, first-level divisions or continents.
fn personable(e: &Facts) -> bool {
    match e.kind {
        Kind::City => e.feature != Feature::Pplc,
        Kind::Region => !matches!(e.feature, Feature::Adm1 | Feature::Cont),
        _ => false,
    }
}

/// The word (letters and dots) right before `start`, if one space or
/// none separates it.
fn word_before(text: &str, start: usize) -> &str {
    let Some(rest) = text[..start].strip_suffix(' ') else {
        return "";
    };
    // ASCII letters and dots byte by byte; from the first other byte
    // that is not ASCII on, character by character.
    let b = rest.as_bytes();
    let mut i = b.len();
    while i > 0 && (b[i - 1].is_ascii_alphabetic() || b[i - 1] == b'.') {
        i -= 1;
    }
    if i > 0 && !b[i - 1].is_ascii() {
        i = rest
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
    }
    &rest[i..]
}

/// The word right after `end`, if one space separates it.
fn word_after(text: &str, end: usize) -> &str {
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return "";
    };
    let n = super::alpha_len(rest);
    &rest[..n]
}

/// Whether an honorific and one capitalised word that is no mention
/// (a given name the gazetteer may not know) stand right before `start`,
/// one space apart, after `prev_end`: "Dr. Ana Kettering".
fn title_given_name(text: &str, start: usize, prev_end: usize) -> bool {
    let given = word_before(text, start);
    if !super::capitalised(given) || given.contains('.') {
        return false;
    }
    // `given` and one space end at `start`.
    let at = start - 1 - given.len();
    if at < prev_end {
        return false;
    }
    HONORIFIC.contains(word_before(text, at).trim_end_matches('.'))
}

impl Rule for PersonWord {
    fn name(&self) -> &'static str {
        "person_word"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let gaz = ctx.gazetteer;
        let one_word = |p: &Pending| {
            let s = ctx.surface(p);
            s.chars().next().is_some_and(char::is_uppercase) && !has_whitespace(s)
        };
        // Surfaces judged to be a person's name somewhere in the document.
        let mut people: FxHashSet<String> = FxHashSet::default();
        for i in 0..spans.len() {
            // Where the span before this one ends: a given name between a
            // title and this span must be no mention of its own.
            let prev_end = i.checked_sub(1).map_or(0, |j| spans[j].end);
            let p = &mut spans[i];
            if !one_word(p) {
                continue;
            }
            let by_given_name = p
                .candidates
                .iter()
                .any(|c| c.rejected == Some("person_place"));
            let before = word_before(ctx.text, p.start);
            let by_title = HONORIFIC.contains(before.trim_end_matches('.'))
                || title_given_name(ctx.text, p.start, prev_end);
            let (start, end) = (p.start, p.end);
            // Whether a place word or a residence phrase comes before:
            // asked only of a name followed by a speech verb, which few are.
            let supported = || {
                super::residence::local_support(ctx.text, start, end)
                    || ["city of", "town of", "village of"]
                        .iter()
                        .any(|w| super::local::ends_with_ci(ctx.text[..start].trim_end(), w))
            };
            // "X said" marks this mention only: news also writes
            // "Gainesville says no" of a city's government.
            let speaks = SPEECH_AFTER.contains(&word_after(ctx.text, p.end)) && !supported();
            let by_speech = (matches!(before, "said" | "says")
                && ctx.text[p.end..].starts_with([',', '.', ';']))
                || (person_apposition(&ctx.text[p.end..]) && before != "of" && !supported());
            if !(by_given_name || by_title || by_speech || speaks) {
                continue;
            }
            if by_given_name || by_title || by_speech {
                people.insert(p.name().to_owned());
            }
            if by_title || by_speech || speaks {
                p.reject("person_word", |c| personable(gaz.facts(c.entity)));
            }
        }
        if people.is_empty() {
            return;
        }
        for i in 0..spans.len() {
            if !one_word(&spans[i]) || !people.contains(spans[i].name()) {
                continue;
            }
            if super::residence::local_support(ctx.text, spans[i].start, spans[i].end) {
                continue;
            }
            let container: Vec<&Facts> = match spans.get(i + 1) {
                Some(next) if ctx.text[spans[i].end..next.start].trim() == "," => {
                    next.live().map(|c| gaz.facts(c.entity)).collect()
                }
                _ => vec![],
            };
            for c in &mut spans[i].candidates {
                let e = gaz.facts(c.entity);
                if c.rejected.is_none()
                    && personable(e)
                    && !container.iter().any(|y| contains(y, e))
                {
                    c.rejected = Some("person_word");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::super::PersonPlace;
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        let g = gaz(&[
            "gn:1,city,Kettering,,,GB,GB.ENG,56000,PPL,",
            "gn:2,region,England,,,GB,GB.ENG,53000000,ADM1,",
            "gn:3,city,Oslo,,,NO,NO.12,700000,PPLC,",
            "gn:4,city,Marlow,,,GB,GB.ENG,14000,PPL,",
            "p:1,person,Rosa Fielding,,,GB,,,,",
        ]);
        resolve_with(
            &g,
            vec![Box::new(PersonPlace::new(&g)), Box::new(PersonWord)],
            text,
        )
    }

    fn ids(got: &[(String, String)]) -> Vec<&str> {
        got.iter().map(|(_, id)| id.as_str()).collect()
    }

    #[test]
    fn title_or_speech_marks_a_person_for_the_whole_document() {
        assert_eq!(ids(&run("Kettering opened a shop")), ["gn:1"]);
        assert_eq!(
            ids(&run("Dr. Kettering spoke. Later Kettering left.")),
            ["-", "-"]
        );
        assert_eq!(
            ids(&run("Kettering smiled. Kettering said no.")),
            ["gn:1", "-"]
        );
        assert_eq!(ids(&run("the city of Kettering said no")), ["gn:1"]);
        assert_eq!(
            ids(&run("\"No,\" said Kettering. Kettering left.")),
            ["-", "-"]
        );
        assert_eq!(ids(&run("said Kettering police")), ["gn:1"]);
        // Local support keeps a mention the town.
        assert_eq!(
            ids(&run(
                "Ms. Kettering grew up in Kettering and in Kettering, England."
            )),
            ["-", "gn:1", "gn:1", "gn:2"]
        );
        // A capital speaks for its government.
        assert_eq!(ids(&run("Oslo said no")), ["gn:3"]);
        // A title, then a given name the gazetteer does not know.
        assert_eq!(
            ids(&run("Dr. Ana Kettering spoke. Later Kettering left.")),
            ["-", "-"]
        );
        assert_eq!(ids(&run("Dr. ANA Kettering spoke.")), ["gn:1"]);
        assert_eq!(ids(&run("Dr. Smith, Kettering")), ["gn:1"]);
        // The word between is a mention itself: no given name.
        assert_eq!(ids(&run("Mr. Marlow Kettering")), ["-", "gn:1"]);
        // An apposition only a person takes.
        assert_eq!(
            ids(&run(
                "Kettering, President and CEO of Acme, spoke. Kettering's firm grew."
            )),
            ["-", "-"]
        );
        assert_eq!(ids(&run("Kettering, 54, spoke.")), ["-"]);
        assert_eq!(ids(&run("Kettering, a spokesman for Acme")), ["-"]);
        assert_eq!(ids(&run("Kettering, who founded Acme")), ["-"]);
        // Not after a place word, nor for other appositions.
        assert_eq!(ids(&run("in Kettering, an official said")), ["gn:1"]);
        assert_eq!(ids(&run("Kettering, a town of 50,000")), ["gn:1"]);
        assert_eq!(ids(&run("Kettering, the company's home")), ["gn:1"]);
        assert_eq!(ids(&run("Ana Ruiz of Kettering, who was hurt")), ["gn:1"]);
        assert_eq!(ids(&run("In Kettering, WHO says")), ["gn:1"]);
    }

    #[test]
    fn the_word_before_is_the_letters_and_dots_before_one_space() {
        for (text, want) in [
            ("said Dr. X", "Dr."),
            ("x,Mr. X", "Mr."),
            ("Señora X", "Señora"),
            ("a Ñu X", "Ñu"),
            ("«Mr X", "Mr"),
            ("9Mr X", "Mr"),
            (" X", ""),
            ("Mr  X", ""),
            ("X", ""),
        ] {
            assert_eq!(word_before(text, text.len() - 1), want, "{text}");
        }
    }

    #[test]
    fn given_name_spreads_to_bare_surname() {
        assert_eq!(
            ids(&run("Rosa Marlow sang. The crowd loved Marlow.")),
            ["-", "-"]
        );
        assert_eq!(ids(&run("The crowd loved Marlow.")), ["gn:4"]);
    }
}
