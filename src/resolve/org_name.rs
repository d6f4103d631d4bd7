//! A place name inside an institution's name: "Dayton State University",
//! "the Kendal Veterinary College", "Linden General Hospital", "the
//! University of Dayton", "the Kendal Stock Exchange", "Dayton
//! International Airport".
//!
//! The text speaks of the university, the hospital or the exchange, not of
//! the town it is named after, and GeoVirus and CoNLL mark no place there
//! (CoNLL calls the whole name an organisation). A span loses its place
//! candidates when
//!
//! - one to four capitalised words follow it (one space apart) and the
//!   last is an institution's head: University, College, Hospital,
//!   Institute, Academy, Polytechnic, Seminary, Clinic, Infirmary,
//!   Laboratory, Laboratories, Exchange, Bank, Airport ("Dayton State
//!   University", "Kendal Regional Medical Clinic");
//! - "University of", "College of", "Institute of" or "Bank of" stands
//!   right before it, perhaps with one capitalised word between ("the
//!   University of Northern Kendal");
//! - the span itself is such a head, after a capitalised word ("Kendal
//!   State University") or before " of " and a capitalised word ("the
//!   University of ..."): a town named University is not meant.
//!
//! A span whose leading candidate is a country keeps it: "the Ruritania
//! Institute of Health" is the country's own body, and GeoVirus marks the
//! country there. Otherwise every place candidate goes, a country's too
//! ("the University of Georgia", where the state leads, is no country). The rule runs after `context`, so the place still tells where
//! the story is ("Kendal State University" votes for Kendal) and is only
//! left out of the output.
//!
//! LGL's gold marks the place inside an institution's name ("Ohio State
//! University"): `--disable org_name` restores that convention. Councils,
//! departments, police and fire services, ministries and societies are no
//! heads here: on the development documents GeoVirus marks the town in
//! "Dayton City Council" or "the Kendal Department of Health" about as
//! often as not, and LGL nearly always. Streets, schools, companies and
//! sporting events are `name_part`'s.

use super::{capitalised, word_list, Context, Pending, Rule, WordList};
use crate::entity::Kind;

/// The institution-name rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct OrgName;

/// Heads that end an institution's name written after the place.
const ORG_HEADS: [&str; 14] = [
    "University",
    "College",
    "Hospital",
    "Institute",
    "Academy",
    "Polytechnic",
    "Seminary",
    "Clinic",
    "Infirmary",
    "Laboratory",
    "Laboratories",
    "Exchange",
    "Bank",
    "Airport",
];

/// Heads written before "of" and the place: "the University of Dayton".
const OF_HEADS: [&str; 4] = ["University", "College", "Institute", "Bank"];

static HEADS: WordList = word_list(&ORG_HEADS);
static OF: WordList = word_list(&OF_HEADS);
static NOT_NAME: WordList = word_list(&super::name_part::NOT_NAME_WORDS);

/// Whether one to four capitalised words follow, one space apart, the last
/// of them an institution's head.
fn head_after(after: &str) -> bool {
    let mut rest = after;
    for _ in 0..4 {
        let Some(r) = rest.strip_prefix(' ') else {
            return false;
        };
        // A capitalised word starts with a capital: no ASCII character
        // other than one (nor the end of the text).
        match r.as_bytes().first() {
            Some(b) if b.is_ascii() && !b.is_ascii_uppercase() => return false,
            None => return false,
            _ => {}
        }
        let n = super::alpha_len(r);
        let w = &r[..n];
        if !capitalised(w) {
            return false;
        }
        let next = &r[n..];
        if HEADS.contains(w) && !next.chars().next().is_some_and(char::is_alphanumeric) {
            return true;
        }
        rest = next;
    }
    false
}

/// Whether "University of" (or another head and "of") stands right before
/// the span, perhaps with one capitalised word between.
fn of_head_before(before: &str) -> bool {
    // Both forms end with a space.
    if !before.ends_with(' ') {
        return false;
    }
    let head_of = |s: &str| {
        s.strip_suffix(" of ").is_some_and(|r| {
            let i = super::alpha_start(r);
            OF.contains(&r[i..])
        })
    };
    if head_of(before) {
        return true;
    }
    // One capitalised word between: "University of Northern Dayton".
    let Some(r) = before.strip_suffix(' ') else {
        return false;
    };
    let i = super::alpha_start(r);
    capitalised(&r[i..]) && head_of(&r[..i])
}

/// Whether the span is a head followed by " of " and a capitalised word
/// ("the University of Kendal"), or a head right after a capitalised word
/// ("Kendal State University").
fn head_in_name(surface: &str, before: &str, after: &str) -> bool {
    let of_name = || {
        after
            .strip_prefix(" of ")
            .is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase))
    };
    let named = || {
        before.strip_suffix(' ').is_some_and(|r| {
            let i = super::alpha_start(r);
            capitalised(&r[i..]) && !NOT_NAME.contains(&r[i..])
        })
    };
    (OF.contains(surface) && of_name()) || (HEADS.contains(surface) && named())
}

impl Rule for OrgName {
    fn name(&self) -> &'static str {
        "org_name"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        for p in spans.iter_mut() {
            let (before, after) = (&ctx.text[..p.start], &ctx.text[p.end..]);
            let surface = &ctx.text[p.start..p.end];
            if !(head_after(after)
                || of_head_before(before)
                || head_in_name(surface, before, after))
            {
                continue;
            }
            // A country that leads keeps the span ("the Ruritania Institute
            // of Health"); a town or state that leads takes the country
            // with it ("the University of Georgia" is no country).
            let gaz = ctx.gazetteer;
            if p.leader(gaz)
                .is_some_and(|c| gaz.facts(c.entity).kind == Kind::Country)
            {
                continue;
            }
            p.reject("org_name", |c| gaz.facts(c.entity).kind.is_place());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    fn run(t: &str) -> Vec<(String, String)> {
        let g = gaz(&[
            "gn:1,city,Dayton,,,US,US.OH,140000,PPL,",
            "gn:2,region,Kendal,,,US,US.KE,3000000,ADM1,",
            "gn:3,city,University,,,US,US.FL,40000,PPL,",
            "iso:RR,country,Ruritania,,,RR,,9000000,PCLI,",
        ]);
        resolve_with(&g, vec![Box::new(OrgName)], t)
    }

    /// The id the span with surface `s` resolves to in `text`.
    fn id_of(text: &str, s: &str) -> String {
        run(text)
            .into_iter()
            .find(|(surface, _)| surface == s)
            .unwrap_or_else(|| panic!("no span {s} in {text}"))
            .1
    }

    #[test]
    fn places_inside_institutions_names() {
        for (text, s) in [
            ("at Dayton University on Monday", "Dayton"),
            ("a professor at Kendal State University said", "Kendal"),
            ("the Dayton Regional Medical Clinic", "Dayton"),
            ("Dayton Veterinary College's dean", "Dayton"),
            ("shares on the Dayton Stock Exchange.", "Dayton"),
            ("the University of Kendal in", "Kendal"),
            ("the University of Northern Kendal", "Kendal"),
            ("Institute of Dayton", "Dayton"),
            ("the University of Kendal", "University"),
            ("at Kendal State University", "University"),
        ] {
            assert_eq!(id_of(text, s), "-", "{text}");
        }
    }

    #[test]
    fn a_leading_country_stays_and_a_trailing_one_goes() {
        let g = gaz(&[
            "gn:2,region,Kendal,,,US,US.KE,3000000,ADM1,",
            "iso:KE,country,Kendal,,,KE,,100,PCLI,",
            "iso:RR,country,Ruritania,,,RR,,9000000,PCLI,",
        ]);
        let run = |t: &str| {
            resolve_with(
                &g,
                vec![Box::new(super::super::Prior), Box::new(OrgName)],
                t,
            )
        };
        assert_eq!(run("in Kendal")[0].1, "gn:2");
        assert_eq!(run("the University of Kendal")[0].1, "-");
        assert_eq!(run("Ruritania University")[0].1, "iso:RR");
    }

    #[test]
    fn other_words_keep_the_place() {
        for (text, s, id) in [
            ("in Dayton, University officials said", "Dayton", "gn:1"),
            ("Dayton university students", "Dayton", "gn:1"),
            ("Dayton Police Department", "Dayton", "gn:1"),
            ("Dayton City Council", "Dayton", "gn:1"),
            ("Dayton One Two Three Four University", "Dayton", "gn:1"),
            ("Dayton Universityville", "Dayton", "gn:1"),
            ("the mayor of Dayton", "Dayton", "gn:1"),
            ("the University in Kendal", "Kendal", "gn:2"),
            ("moved to University, Kendal", "University", "gn:3"),
            ("a University of", "University", "gn:3"),
            ("The University is", "University", "gn:3"),
            // Countries keep their candidates.
            ("the Ruritania Institute of Health", "Ruritania", "iso:RR"),
        ] {
            assert_eq!(id_of(text, s), id, "{text}");
        }
    }
}
