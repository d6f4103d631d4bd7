//! The alternate-name filter for cities (see the module docs of
//! [`crate::import::geonames`] for the rule, and the table test below).
use std::collections::{BTreeMap, BTreeSet};

use crate::import::{fold, WordList};

/// Why a candidate alias was dropped (or `Keep`). Public so the rule can be
/// tested as a table and reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Keep,
    Empty,
    TooLong,
    Digit,
    Parenthesis,
    NotLatin,
    Code,
    TooShort,
    Lowercase,
    SameAsName,
    CountryName,
    CommonWord,
}

/// Maximum alias length in characters.
pub const MAX_ALIAS_CHARS: usize = 60;

/// Whether `c` may appear in a kept alias: a Latin letter (Basic Latin,
/// Latin-1, Latin Extended-A/B, Latin Extended Additional), a combining
/// diacritic, a space, or the punctuation of place names (`-`, `'`, `’`, `‘`,
/// `ʻ`, `ʼ`, `.`).
fn allowed_char(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(
            c,
            ' ' | '-' | '\'' | '\u{2019}' | '\u{2018}' | '\u{02BB}' | '\u{02BC}' | '.'
        )
        || (('\u{00C0}'..='\u{024F}').contains(&c) && c != '\u{00D7}' && c != '\u{00F7}')
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Lowercase words allowed inside a place name ("Frankfurt am Main", "Rio de
/// Janeiro", "al-Hasakah"). Any other lowercase word marks a phrase, not a
/// name ("Kiev osh", "Sao Paulo capital", "Washington i Tyne and Wear"), and
/// a name starting in lowercase is a transliteration ("ji fu", "kyf").
const PARTICLES: &[&str] = &[
    "a", "aan", "ad", "al", "am", "an", "and", "ar", "as", "ash", "at", "az", "bei", "d", "da",
    "das", "de", "degli", "dei", "del", "della", "delle", "der", "des", "di", "do", "dos", "du",
    "e", "el", "en", "et", "het", "im", "in", "la", "las", "le", "les", "lo", "los", "of", "on",
    "op", "s", "sur", "sous", "t", "ten", "ter", "the", "upon", "van", "von", "y", "zu", "zum",
    "zur",
];

/// Whether every lowercase-initial word of `s` is a particle, and the name
/// does not start with a particle unless a capitalised part follows it
/// (`al-Hasakah`, `'s-Hertogenbosch`).
fn lowercase_ok(s: &str) -> bool {
    let first_letter_upper = s
        .split([' ', '-', '\'', '\u{2019}'])
        .filter(|w| !w.is_empty())
        .find(|w| {
            !PARTICLES.contains(&w.to_lowercase().as_str()) || w.starts_with(char::is_uppercase)
        })
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    first_letter_upper
        && s.split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic());
            !w.starts_with(char::is_lowercase)
                || w.split(['-', '\'', '\u{2019}'])
                    .next()
                    .is_some_and(|head| PARTICLES.contains(&head))
        })
}

/// Judges one candidate alias of a place called `name`.
pub fn judge(candidate: &str, name: &str, words: Option<&WordList>) -> Verdict {
    let s = candidate.trim();
    if s.is_empty() {
        return Verdict::Empty;
    }
    if s.chars().count() > MAX_ALIAS_CHARS {
        return Verdict::TooLong;
    }
    if s.chars().any(|c| c.is_numeric()) {
        return Verdict::Digit;
    }
    if s.contains(['(', ')', '[', ']']) {
        return Verdict::Parenthesis;
    }
    if !s.chars().all(allowed_char) || !s.chars().any(char::is_alphabetic) {
        return Verdict::NotLatin;
    }
    if is_code(s) {
        return Verdict::Code;
    }
    if s.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return Verdict::TooShort;
    }
    if !lowercase_ok(s) {
        return Verdict::Lowercase;
    }
    if fold(s) == fold(name) {
        return Verdict::SameAsName;
    }
    if words.is_some_and(|w| w.contains(s)) {
        return Verdict::CommonWord;
    }
    Verdict::Keep
}

/// A code, not a name: no lowercase letter at all (`NYC`, `EGLL`, `CDMX`,
/// `SÃO PAULO`), or a token of two or three capital letters (dots ignored:
/// `Washington DC`, `Washington D.C.`, `Frankfurt a.M. FRA`).
fn is_code(s: &str) -> bool {
    if !s.chars().any(char::is_lowercase) {
        return true;
    }
    s.split([' ', '-']).any(|tok| {
        let letters: Vec<char> = tok.chars().filter(|c| *c != '.').collect();
        (2..=3).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
    })
}

/// Filters GeoNames `alternatenames` (comma-separated) plus the ASCII name
/// into the alias list of a place called `name`: every kept candidate, one per
/// folded form (the first in sorted order wins), sorted. Returns the aliases
/// and the number of candidates dropped because they are common words.
pub fn filter_aliases(
    name: &str,
    asciiname: &str,
    alternatenames: &str,
    words: Option<&WordList>,
    countries: &BTreeSet<String>,
) -> (Vec<String>, usize) {
    let mut by_fold: BTreeMap<String, String> = BTreeMap::new();
    let mut common = 0;
    let candidates = alternatenames
        .split(',')
        .chain(std::iter::once(asciiname))
        .map(str::trim);
    for cand in candidates {
        let verdict = match judge(cand, name, words) {
            Verdict::Keep if countries.contains(&fold(cand)) => Verdict::CountryName,
            v => v,
        };
        match verdict {
            Verdict::Keep => {
                let key = fold(cand);
                match by_fold.get(&key) {
                    Some(old) if old.as_str() <= cand => {}
                    _ => {
                        by_fold.insert(key, cand.to_string());
                    }
                }
            }
            Verdict::CommonWord => common += 1,
            _ => {}
        }
    }
    let mut out: Vec<String> = by_fold.into_values().collect();
    out.sort();
    (out, common)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::*;

    #[test]
    fn judge_table() {
        let words = WordList::from_reader("nice\nreading\n".as_bytes()).unwrap();
        let table: &[(&str, &str, Verdict)] = &[
            // kept: other Latin-script spellings
            ("Kiev", "Kyiv", Keep),
            ("Kijów", "Kyiv", Keep),
            ("Ho Chi Minh City", "Ho Chi Minh City", SameAsName),
            ("Saigon", "Ho Chi Minh City", Keep),
            ("Frankfurt am Main", "Frankfurt", Keep),
            ("Sant-Zhulija-de-Lorija", "Sant Julià de Lòria", Keep),
            ("Hawaiʻi", "Hawaii", Keep),
            ("N'Djamena", "N'Djamena", SameAsName),
            ("St. John's", "Saint John's", Keep),
            // the same name once case and diacritics are folded
            ("Sao Paulo", "São Paulo", SameAsName),
            ("SÃO PAULO", "São Paulo", Code),
            ("kyiv", "Kyiv", Lowercase),
            // scripts other than Latin
            ("Киев", "Kyiv", NotLatin),
            ("基辅", "Kyiv", NotLatin),
            ("كييف", "Kyiv", NotLatin),
            ("Κίεβο", "Kyiv", NotLatin),
            // transliterations and phrases
            ("ji fu", "Kyiv", Lowercase),
            ("kyf", "Kyiv", Lowercase),
            ("mwbyl  alabama", "Mobile", Lowercase),
            ("Kiev osh", "Kyiv", Lowercase),
            ("Sao Paulo capital", "São Paulo", Lowercase),
            ("Washington i Tyne and Wear", "Washington", Lowercase),
            ("Rio de Janeiro", "Rio", Keep),
            ("al-Hasakah", "Al-Hasakah", SameAsName),
            ("al-Ladhiqiyah", "Latakia", Keep),
            ("'s-Hertogenbosch", "Den Bosch", Keep),
            ("Stratford-upon-Avon", "Stratford", Keep),
            ("Ba", "Bath", TooShort),
            // codes
            ("NYC", "New York City", Code),
            ("LA", "Los Angeles", Code),
            ("EGLL", "London", Code),
            ("Washington DC", "Washington", Code),
            ("Washington D.C.", "Washington", Code),
            ("John F. Kennedy", "x", Keep),
            // digits, parentheses, length, punctuation
            ("Paris 01", "Paris", Digit),
            ("Lviv (Lwów)", "Lviv", Parenthesis),
            ("Washington, D.C.", "Washington", NotLatin),
            (
                "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch Station",
                "x",
                TooLong,
            ),
            ("", "x", Empty),
            ("   ", "x", Empty),
            // common words
            ("Nice", "Nizza", CommonWord),
            ("Reading", "Reading town", CommonWord),
        ];
        for &(cand, name, want) in table {
            assert_eq!(
                judge(cand, name, Some(&words)),
                want,
                "{cand:?} for {name:?}"
            );
        }
    }

    #[test]
    fn filter_dedupes_by_folded_form_and_sorts() {
        let (aliases, common) = filter_aliases(
            "Kyiv",
            "Kyiv",
            "Kiev,Kiew,KIEV,Kíev,Kijów,Киев,IEV,Kyjiw",
            None,
            &BTreeSet::new(),
        );
        assert_eq!(aliases, vec!["Kiev", "Kiew", "Kijów", "Kyjiw"]);
        assert_eq!(common, 0);
    }

    #[test]
    fn asciiname_is_a_candidate() {
        let (aliases, _) = filter_aliases("Tōkyō", "Tokyo", "", None, &BTreeSet::new());
        assert!(aliases.is_empty(), "folds equal to the name");
        let (aliases, _) = filter_aliases("Qaraghandy", "Karagandy", "", None, &BTreeSet::new());
        assert_eq!(aliases, vec!["Karagandy"]);
    }

    #[test]
    fn country_names_are_not_city_aliases() {
        let countries: BTreeSet<String> = ["mexico".to_string()].into();
        let (aliases, _) = filter_aliases(
            "Mexico City",
            "Mexico City",
            "Mexico,Ciudad de Mexico",
            None,
            &countries,
        );
        assert_eq!(aliases, vec!["Ciudad de Mexico"]);
    }
}
