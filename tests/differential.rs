//! Differential and robustness properties: the automaton-based matcher
//! agrees with a slow, obviously correct reference on random gazetteers and
//! texts, non-ASCII included; no input panics.

use gazetag::matcher::{case_ok, last_word_capitalised, word_boundaries, Matcher};
use gazetag::normalize::{normalize, normalize_keep_case, normalize_str};
use gazetag::{Entity, Gazetteer, Kind, TaggerBuilder};
use proptest::prelude::*;

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

fn gazetteer(names: &[(String, bool)]) -> Gazetteer {
    let mut g = Gazetteer::new();
    for (i, (n, weak)) in names.iter().enumerate() {
        let mut e = Entity::new(format!("x:{i}"), Kind::Person, format!("Entity{i}"));
        if *weak {
            e.weak_aliases.push(n.trim().to_string());
        } else {
            e.aliases.push(n.trim().to_string());
        }
        g.push(e);
    }
    g
}

/// Try every pattern at every normalized position; same rules, no automaton.
fn reference(names: &[(String, bool)], text: &str) -> Vec<(usize, usize, Vec<usize>)> {
    let norm = normalize(text);
    let h = norm.as_str();
    let mut spans: Vec<(usize, usize, Vec<usize>)> = vec![];
    for i in 0..=h.len() {
        if !h.is_char_boundary(i) {
            continue;
        }
        let mut by_end: Vec<(usize, usize, Vec<usize>)> = vec![];
        for (k, (name, weak)) in names.iter().enumerate() {
            let form = name.trim();
            let pat = normalize_str(form).trim().to_string();
            if pat.is_empty() || !h[i..].starts_with(&pat) {
                continue;
            }
            let e = i + pat.len();
            if !norm.is_boundary(i) || !norm.is_boundary(e) {
                continue;
            }
            let (os, oe) = norm.original_span(text, i, e);
            if !word_boundaries(text, os, oe) {
                continue;
            }
            let surface = &text[os..oe];
            let ok = if *weak {
                normalize_keep_case(surface) == normalize_keep_case(form).trim()
            } else {
                case_ok(surface, last_word_capitalised(form))
            };
            if !ok {
                continue;
            }
            match by_end.iter_mut().find(|s| s.1 == oe) {
                Some(s) => s.2.push(k),
                None => by_end.push((os, oe, vec![k])),
            }
        }
        spans.extend(by_end);
    }
    // Leftmost-longest, non-overlapping.
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = vec![];
    let mut pos = 0;
    for mut s in spans {
        if s.0 >= pos {
            pos = s.1;
            s.2.sort();
            s.2.dedup();
            out.push(s);
        }
    }
    out
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
