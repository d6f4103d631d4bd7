//! The slow, obviously correct reference matcher that the automaton-based
//! [`gazetag::matcher::Matcher`] is checked against, here and by the
//! `matcher` fuzz target (`fuzz/fuzz_targets/matcher.rs` includes this file).

use gazetag::matcher::{case_ok, last_word_capitalised, word_boundaries};
use gazetag::normalize::{normalize, normalize_keep_case, normalize_str};
use gazetag::{Entity, Gazetteer, Kind};

/// One entity per name, the name as an alias (or a weak alias when the flag
/// is set).
pub fn gazetteer(names: &[(String, bool)]) -> Gazetteer {
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
pub fn reference(names: &[(String, bool)], text: &str) -> Vec<(usize, usize, Vec<usize>)> {
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
