//! Kinds in conflict: a given name right before a place name makes a
//! person's name ("George Washington", "Michael Jordan", "Neil Young" when
//! Young is a town), so the place candidates of that span are rejected.
//!
//! The given names are the first words of the gazetteer's people ("Sergei
//! Lavrov" gives "Sergei"), leaving out titles ("King", "President") and a
//! few words that start sentences or place names more often than names
//! ("Will", "May", "Sunday", "An", "East", "New", "Fort"), and the
//! closed-class words that start sentences ("In", "At", "But": "In Tam" is
//! a Cambodian politician, "In Japan," opens a sentence).
//! Only the word immediately before the span counts, written capitalised
//! and separated by one space. When the given name is itself a mention of
//! a place other than a country ("Michael", a parish of the Isle of Man,
//! in "Michael Tracy"), both spans lose their place candidates.
//!
//! The other way round, a town named like a given name ("Douglas", "Ben"
//! as a variant of Bern, "Stanley") followed by one space and a surname is
//! a person's first name: the town's candidates are rejected when the next
//! word is capitalised (then lower case), starts no other mention, ends
//! the run of capitalised words ("Lynn Reaser of", not "Austin Police
//! Department") and is no day, month or unit word ("Jackson Township",
//! "Clinton April 4"). Countries and regions are left alone ("Georgia
//! Tech" is a university, "Chad Ogea" a pitcher: no way to tell).

use rustc_hash::FxHashSet;

use super::name_part::NOT_NAME_WORDS;
use super::people::OFFICE_WORDS;
use super::support::{is_month, NOT_SURNAMES};
use super::{Context, Pending, Rule};
use crate::entity::Kind;
use crate::gazetteer::Gazetteer;

/// The person-before-place rule.
#[derive(Clone, Debug, Default)]
pub struct PersonPlace {
    given: FxHashSet<String>,
    /// Bit `min(n, 31)` of entry `b` set when a given name starts with
    /// byte `b` and is `n` bytes long: most words are turned away before
    /// they are hashed (as in [`super::WordList`]).
    heads: Vec<u32>,
}

const NOT_GIVEN_NAMES: [&str; 62] = [
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Sheikh",
    "Shaikh",
    "Emir",
    "President",
    "General",
    "Sir",
    "Lord",
    "Lady",
    "Saint",
    "St",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Ayatollah",
    "Grand",
    "Crown",
    "Sultan",
    "Imam",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "Father",
    "Sister",
    "Brother",
    "Will",
    "May",
    "Can",
    "Do",
    "The",
    "Al",
    "El",
    "Le",
    "La",
    "De",
    "An",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "East",
    "West",
    "North",
    "South",
    "Central",
    "New",
    "Old",
    "Upper",
    "Lower",
    "Greater",
    "Fort",
    "Port",
    "Mount",
    "Lake",
];

impl PersonPlace {
    /// Derives the given names from the gazetteer's people.
    pub fn new(gaz: &Gazetteer) -> PersonPlace {
        let mut given = FxHashSet::default();
        for e in gaz.entities() {
            if e.kind != Kind::Person {
                continue;
            }
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let mut words = name.split_whitespace();
                let (Some(first), Some(_)) = (words.next(), words.next()) else {
                    continue;
                };
                let ok = first.chars().count() >= 2
                    && first.chars().all(char::is_alphabetic)
                    && first.chars().next().is_some_and(char::is_uppercase)
                    && !NOT_GIVEN_NAMES.contains(&first)
                    && !NOT_NAME_WORDS.contains(&first);
                if ok {
                    given.insert(first.to_string());
                }
            }
        }
        let mut heads = vec![0u32; 256];
        for g in &given {
            heads[g.as_bytes()[0] as usize] |= 1 << g.len().min(31);
        }
        PersonPlace { given, heads }
    }

    /// Whether `w` is a given name.
    pub(super) fn is_given(&self, w: &str) -> bool {
        let b = w.as_bytes();
        b.first().is_some_and(|&f| {
            self.heads
                .get(f as usize)
                .is_some_and(|m| m >> b.len().min(31) & 1 == 1)
        }) && self.given.contains(w)
    }

    /// Whether span `i` is a given name followed by a surname: one space,
    /// then a capitalised word that starts no other mention, ends the run
    /// of capitalised words ("Lynn Reaser of", not "Austin Police
    /// Department") and is no name part ("Street", ...).
    fn given_then_surname(&self, ctx: &Context<'_>, spans: &[Pending], i: usize) -> bool {
        let p = &spans[i];
        if !self.is_given(&ctx.text[p.start..p.end]) {
            return false;
        }
        let Some(rest) = ctx.text[p.end..].strip_prefix(' ') else {
            return false;
        };
        let n = super::alpha_len(rest);
        let word = &rest[..n];
        let cap = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).all(char::is_lowercase)
            && word.chars().count() >= 2;
        if !cap || NOT_SURNAMES.contains(&word) || is_month(word) {
            return false;
        }
        let word_start = p.end + 1;
        if spans.get(i + 1).is_some_and(|q| q.start < word_start + n) {
            return false;
        }
        let after = &rest[n..];
        let more = after
            .strip_prefix(' ')
            .and_then(|a| a.chars().next())
            .is_some_and(char::is_uppercase);
        !more
    }

    /// How many given names the rule knows.
    pub fn len(&self) -> usize {
        self.given.len()
    }

    /// Whether the rule knows no given name.
    pub fn is_empty(&self) -> bool {
        self.given.is_empty()
    }
}

/// Words the gazetteer has as towns that end an office's or a place's
/// name more often than a person's: "Alexandria Police went".
const NOT_SURNAME_PLACES: [&str; 6] = ["Police", "Council", "Beach", "Valley", "Center", "Centre"];

/// Whether span `i` reads as a surname: one word, capitalised then lower
/// case, no day, month or division word ("City", "County") nor one of
/// [`NOT_SURNAME_PLACES`]; a capitalised word right after it ("Mary Alice
/// Spaulding") must start no other mention, be no such word either
/// ("Henderson Police Department" is an office) and end the name.
fn reads_as_surname(text: &str, spans: &[Pending], i: usize) -> bool {
    let (start, end) = (spans[i].start, spans[i].end);
    let word = &text[start..end];
    let shaped = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.clone().next().is_some()
            && chars.all(|c| c.is_lowercase() || c == '\'' || c == '-')
    };
    let plain =
        |w: &str| !NOT_SURNAMES.contains(&w) && !NOT_SURNAME_PLACES.contains(&w) && !is_month(w);
    if !shaped(word) || !plain(word) {
        return false;
    }
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return true;
    };
    if !rest.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let next = &rest[..super::alpha_len(rest)];
    let next_start = end + 1;
    let starts_mention = spans
        .get(i + 1)
        .is_some_and(|q| q.start < next_start + next.len());
    // The name ends there: "Lawrence Livermore National Laboratory" is a
    // laboratory's name, not a person's.
    let ends = !rest[next.len()..]
        .strip_prefix(' ')
        .and_then(|a| a.chars().next())
        .is_some_and(char::is_uppercase);
    shaped(next) && plain(next) && !OFFICE_WORDS.contains(&next) && !starts_mention && ends
}

impl Rule for PersonPlace {
    fn name(&self) -> &'static str {
        "person_place"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        for i in 0..spans.len() {
            if self.given_then_surname(ctx, spans, i) {
                for c in &mut spans[i].candidates {
                    if ctx.gazetteer.facts(c.entity).kind == Kind::City {
                        c.rejected = Some("person_place");
                    }
                }
                continue;
            }
            let before = &ctx.text[..spans[i].start];
            let Some(rest) = before.strip_suffix(' ') else {
                continue;
            };
            let word_start = super::alpha_start(rest);
            let word = &rest[word_start..];
            if word.is_empty() || !self.is_given(word) {
                continue;
            }
            // The given name must not itself be the end of another mention,
            // unless that mention is exactly the given name and no country:
            // "Michael Tracy" when Michael is a parish of the Isle of Man is
            // a person, and both spans lose their places; "Jordan Tracy"
            // keeps its country.
            let mut also_previous = false;
            if i > 0 && spans[i - 1].end > word_start {
                let q = &spans[i - 1];
                let own = q.start == word_start && q.end == rest.len();
                let country = q
                    .candidates
                    .iter()
                    .any(|c| ctx.gazetteer.facts(c.entity).kind == Kind::Country);
                if !own || country || !reads_as_surname(ctx.text, spans, i) {
                    continue;
                }
                also_previous = true;
            }
            for c in &mut spans[i].candidates {
                if ctx.gazetteer.facts(c.entity).kind.is_place() {
                    c.rejected = Some("person_place");
                }
            }
            if also_previous {
                // Another reason than "person_place": `person_word` takes
                // that for a surname and would unmake the given name's
                // place everywhere in the document.
                spans[i - 1].reject("person_place_given", |c| {
                    ctx.gazetteer.facts(c.entity).kind.is_place()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    #[test]
    fn given_name_before_place() {
        let g = gaz(&[
            "gn:1,city,Washington,,,US,US.DC,689545,PPLC,",
            "iso:JO,country,Jordan,,,JO,,10000000,PCLI,",
            "p:1,person,George Bush,,,US,,,,",
            "p:2,person,Michael Phelps,,,US,,,,",
            "p:3,person,King Abdullah,,,JO,,,,",
            "p:4,person,Sunday Adelaja,,,NG,,,,",
            "p:5,person,In Tam,,,KH,,,,",
        ]);
        let rule = PersonPlace::new(&g);
        assert_eq!(rule.len(), 2, "King, Sunday and In are no given names");
        let run = |t: &str| resolve_with(&g, vec![Box::new(PersonPlace::new(&g))], t);
        assert_eq!(run("George Washington crossed")[0].1, "-");
        assert_eq!(run("Michael Jordan scored")[0].1, "-");
        assert_eq!(run("King Jordan")[0].1, "iso:JO");
        assert_eq!(run("Sunday Washington police said")[0].1, "gn:1");
        assert_eq!(run("in Washington")[0].1, "gn:1");
        assert_eq!(run("In Jordan, the talks")[0].1, "iso:JO");
        assert_eq!(run("George said Washington")[0].1, "gn:1");
    }

    #[test]
    fn given_name_that_is_a_place_before_a_place() {
        let g = gaz(&[
            "gn:1,city,Tracy,,,US,US.CA,87000,PPL,",
            "gn:2,region,Michael,,,IM,IM.1,,ADM1,",
            "iso:JO,country,Jordan,,,JO,,10000000,PCLI,",
            "p:1,person,Michael Phelps,,,US,,,,",
            "p:2,person,Jordan Henderson,,,GB,,,,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(PersonPlace::new(&g))], t);
        // Both words are places, the first is a given name: a person.
        let r = run("won by Michael Tracy of Canada");
        assert_eq!((r[0].1.as_str(), r[1].1.as_str()), ("-", "-"));
        // A country as the given name keeps both.
        let r = run("Jordan Tracy");
        assert_eq!((r[0].1.as_str(), r[1].1.as_str()), ("iso:JO", "gn:1"));
        // Not adjacent by one space: both stay.
        let r = run("Michael, Tracy");
        assert_eq!((r[0].1.as_str(), r[1].1.as_str()), ("gn:2", "gn:1"));
        // The second name goes on ("Tracy Police Department" is an office)
        // or is written in capitals (a headline): both stay.
        for t in [
            "the Michael Tracy Police Department",
            "MICHAEL TRACY",
            "Michael Tracy Fire",
        ] {
            let r = run(t);
            assert_eq!((r[0].1.as_str(), r[1].1.as_str()), ("gn:2", "gn:1"), "{t}");
        }
        // A third name after the surname: still a person; not so with a
        // fourth ("Lawrence Livermore National Laboratory").
        let r = run("Michael Tracy Spaulding won");
        assert_eq!((r[0].1.as_str(), r[1].1.as_str()), ("-", "-"));
        let r = run("Michael Tracy National Laboratory");
        assert_eq!((r[0].1.as_str(), r[1].1.as_str()), ("gn:2", "gn:1"));
    }

    #[test]
    fn given_name_town_before_a_surname() {
        let g = gaz(&[
            "gn:1,city,Douglas,,,US,US.GA,11000,PPLA2,",
            "gn:2,city,Ocala,,,US,US.FL,60000,PPLA2,",
            "iso:GE,country,Georgia,,,GE,,3700000,PCLI,",
            "p:1,person,Douglas Adams,,,GB,,,,",
            "p:2,person,Georgia Brown,,,US,,,,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(PersonPlace::new(&g))], t);
        // A town named like a given name, then one capitalised word that
        // ends the name: a person.
        assert_eq!(run("said Douglas Smith of the bank")[0].1, "-");
        assert_eq!(run("Douglas Smith's car")[0].1, "-");
        for text in [
            "in Douglas on Monday",
            "Douglas police said",
            "Douglas Township",
            "Douglas Police Department",
            "in Douglas April 4",
            "Douglas Friday",
            "DOUGLAS SMITH",
        ] {
            assert_eq!(run(text)[0].1, "gn:1", "{text}");
        }
        // The next word starts another mention, a town: a given name before
        // a town's name, so neither is a place.
        let r = run("Douglas Ocala");
        assert_eq!((r[0].1.as_str(), r[1].1.as_str()), ("-", "-"));
        // Countries and regions keep their place candidates.
        assert_eq!(run("Georgia Smith won")[0].1, "iso:GE");
    }
}
