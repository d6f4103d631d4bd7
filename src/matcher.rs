//! Matching semantics: which occurrences of gazetteer names in a text are
//! candidates, and which candidates become mentions.
//!
//! A **candidate** is an occurrence of a normalized pattern (name, alias,
//! weak alias or demonym, see [`crate::normalize`]) in the normalized text
//! that passes every rule below. All rules are judged on the ORIGINAL text.
//!
//! 1. **Alignment.** The occurrence starts and ends between original
//!    characters (never inside the expansion of one, like half of `ß`).
//! 2. **Boundaries.** The character before the span and the one after it are
//!    not alphanumeric, or absent. A combining mark belongs to the letter
//!    before it; invisible format characters (soft hyphen, zero-width space)
//!    are skipped. So "Syrian" is not Syria, while "Syria's", "Syria’s",
//!    "(Syria)" and "U.S.-led" all tag.
//! 3. **Case, for names, aliases and demonyms.** The surface contains an
//!    uppercase letter, and if the pattern's last word is capitalised as
//!    written in the gazetteer, that word is capitalised (or all-caps) in the
//!    text. "turkey", "nice" and "the Washington post office" (for Washington
//!    Post) do not tag; "eastern Ghouta" and "WASHINGTON (Reuters)" do. A
//!    surface with no cased letter at all (Arabic, Chinese...) is exempt.
//! 4. **Weak aliases** (acronyms, codes) match only exactly as written, case
//!    included, after the rest of normalization ("US" is not "us").
//!
//! Among candidates, **leftmost-longest, never overlapping**: scan left to
//! right, take the longest candidate starting at the leftmost position that
//! has one, continue after its end. "Eastern Ghouta" wins over "Ghouta",
//! "New York" over "York"; with patterns {New York, New York Times} the text
//! "New York Timesheets" tags "New York" (the longer occurrence fails rule
//! 2, so the shorter one is taken).
//!
//! An alias that is another of the entity's names with "The" in front ("The
//! Netherlands", "The Gambia") is left out: the article is not part of the
//! name as news writes it ("the Netherlands"), and the name still matches.
//!
//! Rows flagged `generic_name` (divisions named only with compass or
//! generic words, "Central", "North-West") match by their aliases only.
//!
//! One span may stand for several entities (an ambiguous alias): every
//! entity that passes the rules is kept for resolution ([`crate::resolve`]).

use std::collections::HashMap;

use unicode_normalization::char::is_combining_mark;

use crate::automaton::{Automaton, AutomatonError};
use crate::entity::{Candidate, EntityId, MatchType};
use crate::gazetteer::Gazetteer;
use crate::normalize::{normalize, normalize_keep_case, normalize_str, Normalized};

/// What one pattern stands for in one entity.
#[derive(Clone, Debug)]
struct Entry {
    entity: EntityId,
    match_type: MatchType,
    /// Whether the last word of the written form is capitalised (rule 3).
    last_cap: bool,
    /// For weak aliases: the case-preserving normalized form (rule 4).
    exact: Option<Box<str>>,
}

/// Every pattern of a gazetteer, the automaton over them, and what each
/// stands for.
#[derive(Clone, Debug)]
pub struct Matcher {
    automaton: Automaton,
    /// `entries[ranges[p].0..ranges[p].1]` are the entries of pattern `p`.
    ranges: Vec<(u32, u32)>,
    entries: Vec<Entry>,
    patterns: Vec<String>,
}

/// A span that passed the rules, with the entities it may stand for.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateSpan {
    /// Original byte offsets, end-exclusive.
    pub start: usize,
    pub end: usize,
    /// Every entity that passed, each once, with its best match type
    /// (name, then alias, demonym, weak), in gazetteer order.
    pub candidates: Vec<Candidate>,
}

impl Matcher {
    /// Collects the patterns of every entity and builds the automaton.
    pub fn new(gaz: &Gazetteer) -> Result<Matcher, AutomatonError> {
        let mut by_pattern: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut order: Vec<String> = vec![];
        for (i, e) in gaz.entities().iter().enumerate() {
            let id = EntityId(i as u32);
            // A division named only with generic words ("Central", "North")
            // is found by its aliases, never by that name alone.
            let name = (!e.has_flag("generic_name")).then_some((e.name.as_str(), MatchType::Name));
            let forms = name
                .into_iter()
                .chain(e.aliases.iter().map(|a| (a.as_str(), MatchType::Alias)))
                .chain(e.demonyms.iter().map(|a| (a.as_str(), MatchType::Demonym)))
                .chain(e.weak_aliases.iter().map(|a| (a.as_str(), MatchType::Weak)));
            let own: Vec<String> = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|f| normalize_str(f).trim().to_string())
                .collect();
            for (form, match_type) in forms {
                let pat = normalize_str(form).trim().to_string();
                if pat.is_empty() {
                    continue;
                }
                // "The Netherlands" next to "Netherlands" would only pull
                // the article into the span; the shorter name still matches.
                if pat
                    .strip_prefix("the ")
                    .is_some_and(|rest| own.iter().any(|o| o == rest))
                {
                    continue;
                }
                let exact = (match_type == MatchType::Weak)
                    .then(|| normalize_keep_case(form).trim().into());
                let entry = Entry {
                    entity: id,
                    match_type,
                    last_cap: last_word_capitalised(form),
                    exact,
                };
                let list = by_pattern.entry(pat.clone()).or_insert_with(|| {
                    order.push(pat);
                    vec![]
                });
                let dup = list.iter().any(|x| {
                    x.entity == entry.entity
                        && x.match_type == entry.match_type
                        && x.last_cap == entry.last_cap
                        && x.exact == entry.exact
                });
                if !dup {
                    list.push(entry);
                }
            }
        }
        let mut ranges = Vec::with_capacity(order.len());
        let mut entries = vec![];
        for pat in &order {
            let list = by_pattern.remove(pat).unwrap_or_default();
            let start = entries.len() as u32;
            entries.extend(list);
            ranges.push((start, entries.len() as u32));
        }
        let automaton = Automaton::new(&order)?;
        Ok(Matcher {
            automaton,
            ranges,
            entries,
            patterns: order,
        })
    }

    /// Number of distinct normalized patterns.
    pub fn patterns_len(&self) -> usize {
        self.patterns.len()
    }

    /// The normalized patterns and, for each, the entities it stands for.
    pub fn patterns(&self) -> impl Iterator<Item = (&str, Vec<EntityId>)> + '_ {
        self.patterns.iter().zip(&self.ranges).map(|(p, &(s, e))| {
            let mut ids: Vec<EntityId> = self.entries[s as usize..e as usize]
                .iter()
                .map(|x| x.entity)
                .collect();
            ids.dedup();
            (p.as_str(), ids)
        })
    }

    /// Heap memory of the automaton and tables, in bytes (approximate).
    pub fn memory_usage(&self) -> usize {
        self.automaton.memory_usage()
            + self.entries.len() * std::mem::size_of::<Entry>()
            + self.ranges.len() * 8
            + self.patterns.iter().map(|p| p.len() + 24).sum::<usize>()
    }

    /// The selected (leftmost-longest, non-overlapping) candidate spans of
    /// `text`, in offset order.
    pub fn find(&self, text: &str) -> Vec<CandidateSpan> {
        let norm = normalize(text);
        let mut spans = self.candidates(text, &norm);
        select_leftmost_longest(&mut spans);
        spans
    }

    /// Every candidate span, overlapping ones included, unsorted.
    fn candidates(&self, text: &str, norm: &Normalized) -> Vec<CandidateSpan> {
        let mut out = vec![];
        let haystack = norm.as_str();
        self.automaton.for_each_overlapping(haystack, |pid, s, e| {
            if !norm.is_boundary(s) || !norm.is_boundary(e) {
                return;
            }
            let (os, oe) = norm.original_span(text, s, e);
            if !word_boundaries(text, os, oe) {
                return;
            }
            let surface = &text[os..oe];
            let (a, b) = self.ranges[pid as usize];
            let mut cands: Vec<Candidate> = vec![];
            let mut exact_cache: Option<String> = None;
            for entry in &self.entries[a as usize..b as usize] {
                let ok = match &entry.exact {
                    Some(exact) => {
                        let got = exact_cache.get_or_insert_with(|| normalize_keep_case(surface));
                        got.as_str() == &**exact
                    }
                    None => case_ok(surface, entry.last_cap),
                };
                if !ok {
                    continue;
                }
                match cands.iter_mut().find(|c| c.entity == entry.entity) {
                    Some(c) if entry.match_type < c.match_type => c.match_type = entry.match_type,
                    Some(_) => {}
                    None => cands.push(Candidate {
                        entity: entry.entity,
                        match_type: entry.match_type,
                    }),
                }
            }
            if !cands.is_empty() {
                out.push(CandidateSpan {
                    start: os,
                    end: oe,
                    candidates: cands,
                });
            }
        });
        out
    }
}

/// Keeps the leftmost-longest non-overlapping spans, in offset order.
pub fn select_leftmost_longest(spans: &mut Vec<CandidateSpan>) {
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut pos = 0;
    spans.retain(|s| {
        if s.start >= pos {
            pos = s.end;
            true
        } else {
            false
        }
    });
}

/// Rule 2: the characters around `[start, end)` are not alphanumeric.
pub fn word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .chars()
        .rev()
        .find(|&c| !is_invisible(c))
        .is_some_and(|c| c.is_alphanumeric() || is_combining_mark(c));
    let after = text[end..]
        .chars()
        .find(|&c| !is_invisible(c))
        .is_some_and(|c| c.is_alphanumeric() || is_combining_mark(c));
    !before && !after
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Rule 3 on a surface: an uppercase letter somewhere (unless the surface
/// has no cased letter at all) and, if `last_cap`, a last word that does not
/// start lowercase.
pub fn case_ok(surface: &str, last_cap: bool) -> bool {
    let mut has_cased = false;
    let mut has_upper = false;
    for c in surface.chars() {
        if c.is_uppercase() {
            has_upper = true;
            has_cased = true;
        } else if c.is_lowercase() {
            has_cased = true;
        }
    }
    if !has_cased {
        return true;
    }
    if !has_upper {
        return false;
    }
    if last_cap {
        if let Some(first) = last_word(surface).and_then(|w| w.chars().next()) {
            return !first.is_lowercase();
        }
    }
    true
}

/// Whether the last word of a written name starts with an uppercase letter.
pub fn last_word_capitalised(form: &str) -> bool {
    last_word(form)
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase)
}

/// The last maximal run of alphanumeric characters (marks included).
fn last_word(s: &str) -> Option<&str> {
    let is_word = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    let end = s.char_indices().rev().find(|&(_, c)| is_word(c))?;
    let end = end.0 + end.1.len_utf8();
    let start = s[..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some(&s[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_word_of() {
        assert_eq!(last_word("Eastern Ghouta"), Some("Ghouta"));
        assert_eq!(last_word("Côte d'Ivoire"), Some("Ivoire"));
        assert_eq!(last_word("U.S."), Some("S"));
        assert_eq!(last_word("São"), Some("São"));
        assert_eq!(last_word("..."), None);
    }

    #[test]
    fn case_rule() {
        assert!(case_ok("eastern Ghouta", true));
        assert!(case_ok("WASHINGTON", true));
        assert!(!case_ok("turkey", true));
        assert!(!case_ok("Washington post", true));
        assert!(case_ok("دمشق", true));
        assert!(case_ok("Bosnia and Herzegovina", true));
    }
}
