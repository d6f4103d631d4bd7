//! The trie engine the tagger uses agrees with the aho-corasick reference
//! (`Matcher::find` against `Matcher::find_reference`): random gazetteers
//! whose names share prefixes and nest, random texts with the characters
//! that make word starts hard (combining marks, "™" which normalizes to
//! letters, invisible characters, non-ASCII letters).

use gazetag::matcher::Matcher;
use gazetag::normalize::normalize_str;
use gazetag::{Entity, Gazetteer, Kind};
use proptest::prelude::*;

const ALPHABET: &[char] = &[
    'a',
    'b',
    'A',
    'B',
    'n',
    'N',
    ' ',
    ' ',
    '-',
    '\'',
    'é',
    'ß',
    'İ',
    'ﬁ',
    '1',
    '\n',
    '’',
    '\u{301}',
    '™',
    '\u{AD}',
    'д',
    'Д',
    '.',
    '(',
    '\u{1F110}',
];

fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 1..7)
        .prop_map(|v| v.into_iter().collect::<String>())
        .prop_filter("has a letter", |s| {
            normalize_str(s).chars().any(char::is_alphanumeric)
        })
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..80)
        .prop_map(|v| v.into_iter().collect())
}

/// (form, column): 0 name, 1 alias, 2 weak alias, 3 demonym.
fn gazetteer(forms: &[(String, u8)]) -> Gazetteer {
    let mut g = Gazetteer::new();
    for (i, (f, col)) in forms.iter().enumerate() {
        let f = f.trim().to_string();
        let mut e = Entity::new(format!("x:{}", i / 2), Kind::City, format!("Name{i}"));
        match col {
            0 => e.name = f,
            1 => e.aliases.push(f),
            2 => e.weak_aliases.push(f),
            _ => e.demonyms.push(f),
        }
        g.push(e);
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn trie_equals_aho_corasick(
        forms in prop::collection::vec((word(), 0u8..4), 1..8),
        text in text(),
    ) {
        let gaz = gazetteer(&forms);
        let m = Matcher::new(&gaz).unwrap();
        prop_assert_eq!(m.find(&text), m.find_reference(&text));
    }

    #[test]
    fn trie_equals_aho_corasick_on_ascii(
        forms in prop::collection::vec(("[abAB]{1,3}( [abAB]{1,3})?", 0u8..4), 1..10),
        text in "[abAB .,\n-]{0,80}",
    ) {
        let gaz = gazetteer(&forms);
        let m = Matcher::new(&gaz).unwrap();
        prop_assert_eq!(m.find(&text), m.find_reference(&text));
    }
}

#[test]
fn fixture_gazetteer_and_story() {
    let gaz = Gazetteer::from_paths(&["tests/data/gazetteer"]).unwrap();
    let m = Matcher::new(&gaz).unwrap();
    let story = std::fs::read_to_string("tests/data/story.txt").unwrap();
    let got = m.find(&story);
    assert!(!got.is_empty());
    assert_eq!(got, m.find_reference(&story));
}
