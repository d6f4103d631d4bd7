//! The alternate-name filter for cities (see the module docs of
//! [`crate::import::geonames`] for the rule, and the table test below).
use std::collections::BTreeMap;

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
    SameAsName,
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
) -> (Vec<String>, usize) {
    let mut by_fold: BTreeMap<String, String> = BTreeMap::new();
    let mut common = 0;
    let candidates = alternatenames
        .split(',')
        .chain(std::iter::once(asciiname))
        .map(str::trim);
    for cand in candidates {
        match judge(cand, name, words) {
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
            ("kyiv", "Kyiv", SameAsName),
            // scripts other than Latin
            ("Киев", "Kyiv", NotLatin),
            ("基辅", "Kyiv", NotLatin),
            ("كييف", "Kyiv", NotLatin),
            ("Κίεβο", "Kyiv", NotLatin),
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
            ("reading", "Reading town", CommonWord),
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
        );
        assert_eq!(aliases, vec!["Kiev", "Kiew", "Kijów", "Kyjiw"]);
        assert_eq!(common, 0);
    }

    #[test]
    fn asciiname_is_a_candidate() {
        let (aliases, _) = filter_aliases("Tōkyō", "Tokyo", "", None);
        assert!(aliases.is_empty(), "folds equal to the name");
        let (aliases, _) = filter_aliases("Qaraghandy", "Karagandy", "", None);
        assert_eq!(aliases, vec!["Karagandy"]);
    }
}
