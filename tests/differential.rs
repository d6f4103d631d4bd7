//! Differential and robustness properties: the automaton-based matcher
//! agrees with a slow, obviously correct reference on random gazetteers and
//! texts, non-ASCII included; no input panics.

use gazetag::matcher::Matcher;
use gazetag::normalize::{normalize, normalize_str};
use gazetag::TaggerBuilder;
use proptest::prelude::*;

use crate::reference::{gazetteer, reference};

/// Alphabet chosen to hit the rules: case, spaces, a hyphen, an apostrophe,
/// letters whose normalized length differs (é, ß, İ, ﬁ), a digit.
const ALPHABET: &[char] = &[
    'a', 'b', 'A', 'B', ' ', ' ', '-', '\'', 'é', 'ß', 'İ', 'ﬁ', '1', 's', 'S', '\n', '’',
];

fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 1..6)
        .prop_map(|v| v.into_iter().collect::<String>())
        .prop_filter("has a letter", |s| {
            normalize_str(s).chars().any(char::is_alphanumeric)
        })
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..60)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn matcher_equals_reference(
        names in prop::collection::vec((word(), prop::bool::weighted(0.25)), 1..6),
        text in text(),
    ) {
        let gaz = gazetteer(&names);
        let matcher = Matcher::new(&gaz).unwrap();
        let got: Vec<(usize, usize, Vec<usize>)> = matcher
            .find(&text)
            .into_iter()
            .map(|s| {
                let mut ids: Vec<usize> = s.candidates.iter().map(|c| c.entity.index()).collect();
                ids.sort();
                (s.start, s.end, ids)
            })
            .collect();
        prop_assert_eq!(got, reference(&names, &text));
    }

    #[test]
    fn ascii_fast_path_equals_general_path(text in "[ -~\t\r\n]{0,80}") {
        let fast = normalize(&text);
        prop_assert_eq!(fast.as_str(), normalize_str(&text));
    }

    #[test]
    fn no_input_panics_and_offsets_are_valid(text in any::<String>()) {
        let tagger = crate::util::fixture_tagger();
        let chars: Vec<char> = text.chars().collect();
        for m in tagger.tag(&text) {
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            let by_char: String = chars[m.span.char_start..m.span.char_end].iter().collect();
            prop_assert_eq!(by_char.as_str(), &text[m.span.start..m.span.end]);
        }
    }
}

#[test]
fn fixture_builds() {
    let t = TaggerBuilder::new()
        .build(gazetteer(&[("A b".into(), false)]))
        .unwrap();
    assert_eq!(t.tag("A b").len(), 1);
}
