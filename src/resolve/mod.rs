//! Resolution: choosing one entity for each candidate span, or rejecting
//! the span.
//!
//! Resolution is an ordered list of [`Rule`]s applied to all spans of one
//! document. Each rule adds evidence to candidates' scores (recorded, for
//! `--explain`) or rejects candidates or whole spans (a common word without
//! support, a place name after a given name). One rule per file, each with
//! its tests, each can be disabled by name. After the rules every span's
//! remaining candidates are sorted by score (ties: kind order country >
//! region > city > agency > person, then id), the first is chosen, and the
//! confidence is computed from the match type and the margin.
//!
//! | rule | file | evidence |
//! |---|---|---|
//! | `prior` | `prior.rs` | population, feature rank, bigger unit for a shared name |
//! | `dateline` | `dateline.rs` | "WASHINGTON (Reuters) -": the dateline place is a city |
//! | `local` | `local.rs` | "Paris, Texas", "Portland, Ore.", "the city of X", "X province"; "southern California" narrows to California |
//! | `qualified` | `qualified.rs` | "southeast Asia", "north-west Pakistan": a lower-case qualifier before a continent, country or division narrows to it |
//! | `person_place` | `person_place.rs` | a given name before a place name makes it a person's name; so does a surname after a town named like a given name |
//! | `initials` | `initials.rs` | "Maria T. Dayton": a place name after a given name and initials is a surname |
//! | `person_word` | `person_word.rs` | "Dr. Kendal", "Dr. Elena Kendal", "Kendal said": a person's name, then everywhere in the document |
//! | `name_part` | `name_part.rs` | "Linden Street", "Marburg virus", "the Chicago White Sox", "Metz Fresh LLC", "A/Dayton/7/2009": the place names something else; "Kurdistan Democratic Party": the organisation's name is part of a longer one |
//! | `media` | `media.rs` | "the Dayton Herald", "Radio Kabul": the place names a newspaper or a broadcaster |
//! | `codes` | `codes.rs` | "$NZ 5 billion", "AK-47": a code inside a currency or a model number |
//! | `hyphen` | `hyphen.rs` | "Lopez-Orense", "Ebola-Dayton": a place joined by a hyphen to a word that is no mention is part of another name; "Al-Qusayr" keeps its article |
//! | `feature` | `feature.rs` | "the Dayton Valley", "Dayton Delta": a natural feature's head joins the span; "Western Kendal": so does a compass word before a region outside the US |
//! | `teams` | `teams.rs` | "Boston 5 Chicago 3": teams in sports tables; counties in a cricket story |
//! | `support` | `support.rs` | common-word names need support |
//! | `cohere` | `cohere.rs` | ambiguous names that can share a division pull each other there |
//! | `context` | `context.rs` | places mentioned in the document pull candidates inside them |
//! | `org_name` | `org_name.rs` | "Dayton State University", "the University of Kendal", "the Dayton Stock Exchange": the place names an institution (after `context`, so the place still votes) |
//! | `titles` | `people.rs` | "Foreign Minister Ana Ruiz": a person the gazetteer lacks |
//! | `coref` | `people.rs` | "Lavrov" after "Sergei Lavrov" |
//! | `unlisted` | `unlisted.rs` | "the village of X", "the X district", "in X, Kenya": a place the gazetteer lacks |
//!
//! A rule never fails: a span it cannot judge keeps its scores, so one
//! hard mention cannot drop the document's other mentions.

use crate::entity::{Candidate, EntityId, Kind, MatchType, Mention, Span};
use crate::gazetteer::Gazetteer;
use crate::matcher::CandidateSpan;
use crate::normalize::normalize_str;

pub mod calibration;
mod codes;
mod cohere;
mod context;
mod dateline;
mod feature;
mod hyphen;
mod initials;
mod lists;
mod local;
mod media;
mod name_part;
mod org_name;
pub mod people;
mod person_place;
mod person_word;
mod prior;
mod qualified;
mod residence;
mod support;
mod teams;
mod unlisted;

pub use codes::Codes;
pub use cohere::Cohere;
pub use context::DocumentContext;
pub use dateline::Dateline;
pub use feature::Feature;
pub use hyphen::Hyphen;
pub use initials::Initials;
pub use lists::Lists;
pub use local::LocalPatterns;
pub use media::Media;
pub use name_part::NamePart;
pub use org_name::OrgName;
pub use person_place::PersonPlace;
pub use person_word::PersonWord;
pub use prior::Prior;
pub use qualified::Qualified;
pub use support::CommonWordSupport;
pub use teams::Teams;
pub use unlisted::Unlisted;

/// `(rule, delta)` pairs, in the order the rules first contributed: the
/// first few kept inline (most candidates hear from one to three rules),
/// the rest on the heap, so scoring a candidate allocates nothing.
#[derive(Clone, Default)]
pub struct Evidence {
    len: usize,
    inline: [(&'static str, f64); INLINE_EVIDENCE],
    /// Every pair once there are more than fit inline (then `inline` is
    /// unused).
    spilled: Vec<(&'static str, f64)>,
}

const INLINE_EVIDENCE: usize = 3;

impl Evidence {
    /// An empty record.
    pub const fn new() -> Evidence {
        Evidence {
            len: 0,
            inline: [("", 0.0); INLINE_EVIDENCE],
            spilled: Vec::new(),
        }
    }

    /// Appends a pair.
    pub fn push(&mut self, e: (&'static str, f64)) {
        if self.len < INLINE_EVIDENCE {
            self.inline[self.len] = e;
        } else {
            if self.len == INLINE_EVIDENCE {
                self.spilled.extend_from_slice(&self.inline);
            }
            self.spilled.push(e);
        }
        self.len += 1;
    }
}

impl std::ops::Deref for Evidence {
    type Target = [(&'static str, f64)];

    fn deref(&self) -> &Self::Target {
        if self.len <= INLINE_EVIDENCE {
            &self.inline[..self.len]
        } else {
            &self.spilled
        }
    }
}

impl std::ops::DerefMut for Evidence {
    fn deref_mut(&mut self) -> &mut Self::Target {
        if self.len <= INLINE_EVIDENCE {
            &mut self.inline[..self.len]
        } else {
            &mut self.spilled
        }
    }
}

impl PartialEq for Evidence {
    fn eq(&self, other: &Evidence) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A candidate with its running score and the evidence behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    pub entity: EntityId,
    pub match_type: MatchType,
    pub score: f64,
    /// `(rule, delta)` for every non-zero contribution, in rule order.
    pub evidence: Evidence,
    /// The rule that ruled this candidate out, if one did.
    pub rejected: Option<&'static str>,
}

impl Scored {
    /// Adds `delta` to the score on behalf of `rule`.
    #[inline]
    pub fn add(&mut self, rule: &'static str, delta: f64) {
        if delta != 0.0 {
            self.score += delta;
            // Rule names are static strings, so the same name is nearly
            // always the same pointer: compare that before the bytes.
            match self
                .evidence
                .iter_mut()
                .find(|e| std::ptr::eq(e.0, rule) || e.0 == rule)
            {
                Some(e) => e.1 += delta,
                None => self.evidence.push((rule, delta)),
            }
        }
    }
}

/// A span under resolution.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    /// Original byte offsets.
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<Scored>,
    /// The span's surface, normalized: computed once per span (and again
    /// only if a rule moves the span) for the rules that compare names.
    name: String,
    /// The `(start, end)` that `name` was computed for.
    named: (usize, usize),
    /// The number of `name` among the document's distinct names (in order
    /// of first appearance), kept with the names.
    group: u32,
}

/// Byte length of the run of alphabetic characters `s` starts with: the
/// word the rules read after or before a span.
pub(super) fn alpha_len(s: &str) -> usize {
    // ASCII letters first (an ASCII character is alphabetic exactly when
    // it is an ASCII letter); characters only from the first non-ASCII one.
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    if i == b.len() || b[i].is_ascii() {
        return i;
    }
    i + s[i..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(s.len() - i, |(j, _)| j)
}

/// Whether `w` is written capitalised: an upper-case first letter and a
/// lower-case letter after it ("Lopez", not "UK", "U.S." or "state").
pub(super) fn capitalised(w: &str) -> bool {
    let b = w.as_bytes();
    match b.first() {
        None => false,
        // An ASCII first letter: the rest's ASCII bytes, then (only in a
        // word with others) its other characters.
        Some(&f) if f.is_ascii() => {
            f.is_ascii_uppercase()
                && (b[1..].iter().any(u8::is_ascii_lowercase)
                    || (!w.is_ascii() && w[1..].chars().any(char::is_lowercase)))
        }
        Some(_) => {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
        }
    }
}

/// Where the run of alphabetic characters `s` ends with starts: the word
/// right before a span.
pub(super) fn alpha_start(s: &str) -> usize {
    // ASCII letters first, as in `alpha_len`.
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 && b[i - 1].is_ascii_alphabetic() {
        i -= 1;
    }
    if i == 0 || b[i - 1].is_ascii() {
        return i;
    }
    s[..i]
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The alphabetic word right before a span when exactly one space
/// separates them ("" otherwise): the word `name_part` and `codes` read.
pub(super) fn word_before_space(before: &str) -> &str {
    before
        .strip_suffix(' ')
        .map_or("", |rest| &rest[alpha_start(rest)..])
}

/// Capitalised compass words: "Western Mass.", "North Reading".
pub(super) const COMPASS: [&str; 9] = [
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
];

impl Pending {
    /// Candidates no rule has rejected.
    pub fn live(&self) -> impl Iterator<Item = &Scored> {
        self.candidates.iter().filter(|c| c.rejected.is_none())
    }

    /// Narrows the span to its tail from `start`, which names `entity`
    /// alone: `rule` decided it ("Portland, Ore.", "southeast Asia").
    pub fn narrow_to(
        &mut self,
        start: usize,
        entity: EntityId,
        match_type: MatchType,
        rule: &'static str,
    ) {
        self.start = start;
        let mut c = Scored {
            entity,
            match_type,
            score: 0.0,
            evidence: Evidence::new(),
            rejected: None,
        };
        c.add(rule, 1.0);
        self.candidates = vec![c];
    }

    /// Gives way to a neighbour that took the span's text ("Valley" in "the
    /// Dayton Valley", "Al" in "Al-Qusayr"): every candidate is rejected
    /// (an earlier rule's reason kept) and the span shrinks to nothing at
    /// `at`, so that spans never overlap for the rules after `rule`.
    pub fn drop_at(&mut self, rule: &'static str, at: usize) {
        for c in &mut self.candidates {
            c.rejected.get_or_insert(rule);
        }
        self.start = at;
        self.end = at;
    }

    /// Rejects, for `rule`, every live candidate `which` picks.
    pub fn reject(&mut self, rule: &'static str, mut which: impl FnMut(&Scored) -> bool) {
        for c in &mut self.candidates {
            if c.rejected.is_none() && which(c) {
                c.rejected = Some(rule);
            }
        }
    }

    /// The live candidate with the best score so far (ties as in the final
    /// ordering).
    pub fn leader(&self, gaz: &Gazetteer) -> Option<&Scored> {
        self.live().min_by(|a, b| order(gaz, a, b))
    }

    /// The span's surface, normalized (`normalize_str` of the original
    /// text between `start` and `end`).
    pub fn name(&self) -> &str {
        debug_assert_eq!(self.named, (self.start, self.end));
        &self.name
    }

    /// Recomputes the normalized surface if a rule moved the span; true
    /// if it did (the names must then be numbered again).
    fn refresh_name(&mut self, text: &str) -> bool {
        if self.named != (self.start, self.end) {
            self.name = normalize_str(&text[self.start..self.end]);
            self.named = (self.start, self.end);
            return true;
        }
        false
    }

    /// Whether `rule` added evidence to any candidate of the span.
    pub fn has_evidence(&self, rule: &str) -> bool {
        self.candidates
            .iter()
            .any(|c| c.evidence.iter().any(|e| e.0 == rule))
    }

    /// Whether every candidate has been rejected.
    pub fn is_rejected(&self) -> bool {
        self.candidates.iter().all(|c| c.rejected.is_some())
    }
}

/// `normalize_str(surface)`, without the character loop for the common
/// surface: ASCII with no whitespace but single spaces, which normalizes
/// to its lower case.
fn span_name(surface: &str) -> String {
    let b = surface.as_bytes();
    let plain = b
        .iter()
        .all(|&c| c.is_ascii() && (c == b' ' || !c.is_ascii_whitespace()) && c != 0x0b)
        && !b.windows(2).any(|w| w == b"  ");
    if plain {
        surface.to_ascii_lowercase()
    } else {
        normalize_str(surface)
    }
}

/// Numbers the spans' distinct names (normalized surfaces) in order of
/// first appearance.
fn number_names(spans: &mut [Pending]) {
    // Few spans: each name compared with the distinct ones so far (most
    // differ in length), cheaper than hashing them.
    if spans.len() <= 24 {
        let mut distinct: [&str; 24] = [""; 24];
        let mut group = [0u32; 24];
        let mut n = 0;
        for (i, p) in spans.iter().enumerate() {
            let name = p.name.as_str();
            let found = distinct[..n]
                .iter()
                .position(|d| d.len() == name.len() && *d == name);
            group[i] = match found {
                Some(g) => g as u32,
                None => {
                    distinct[n] = name;
                    n += 1;
                    (n - 1) as u32
                }
            };
        }
        for (p, &g) in spans.iter_mut().zip(&group) {
            p.group = g;
        }
        return;
    }
    let mut ids: rustc_hash::FxHashMap<&str, u32> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(spans.len(), Default::default());
    let group: Vec<u32> = spans
        .iter()
        .map(|p| {
            let next = ids.len() as u32;
            *ids.entry(p.name.as_str()).or_insert(next)
        })
        .collect();
    drop(ids);
    for (p, g) in spans.iter_mut().zip(group) {
        p.group = g;
    }
}

/// Each span's name as a number (equal numbers exactly for equal
/// normalized surfaces), and how many distinct names there are: for the
/// rules that count votes per name.
fn name_groups(spans: &[Pending]) -> (Vec<u32>, usize) {
    let group: Vec<u32> = spans.iter().map(|p| p.group).collect();
    let n = group.iter().max().map_or(0, |&m| m as usize + 1);
    (group, n)
}

/// Sums `(key, weight)` pairs per key, sorted by key. Sorting first and
/// summing runs is cheaper than a hash map for the few dozen pairs of a
/// document; with whole and half weights the sums are exact in any order.
pub(crate) fn sum_by_key<K: Ord + Copy>(mut pairs: Vec<(K, f64)>) -> Vec<(K, f64)> {
    pairs.sort_unstable_by_key(|p| p.0);
    let mut sums: Vec<(K, f64)> = Vec::with_capacity(pairs.len());
    for (k, w) in pairs {
        match sums.last_mut() {
            Some(v) if v.0 == k => v.1 += w,
            _ => sums.push((k, w)),
        }
    }
    sums
}

/// Votes per division or country code, one for each code in a list of
/// them (a code per distinct name that votes), sorted by code.
pub(super) struct Tally(Vec<(crate::gazetteer::Code, f64)>);

impl Tally {
    /// Counts `codes`.
    pub(super) fn new(codes: impl IntoIterator<Item = crate::gazetteer::Code>) -> Tally {
        Tally(sum_by_key(codes.into_iter().map(|c| (c, 1.0)).collect()))
    }

    /// The votes for `code` (0 for none).
    pub(super) fn get(&self, code: crate::gazetteer::Code) -> f64 {
        self.0
            .binary_search_by(|v| v.0.cmp(&code))
            .map_or(0.0, |i| self.0[i].1)
    }
}

/// A word list with an exact filter in front: bit `min(n, 31)` of
/// `mask[b]` is set when some word of the list starts with byte `b` and is
/// `n` bytes long, so most words of a text are turned away without a
/// string comparison. In a list of at most 64 words, the words that pass
/// are then found by index (bit `i` of `first[b]` and of `lens[n]` for
/// word `i`), so only they are compared, not the whole list. Built at
/// compile time from a rule's word list ([`word_list`]), so the list stays
/// the one place to edit.
pub(crate) struct WordList {
    words: &'static [&'static str],
    mask: [u32; 256],
    first: [u64; 256],
    lens: [u64; 32],
}

/// The [`WordList`] of `words` (none of them empty).
pub(crate) const fn word_list(words: &'static [&'static str]) -> WordList {
    let mut mask = [0u32; 256];
    let mut first = [0u64; 256];
    let mut lens = [0u64; 32];
    let mut i = 0;
    while i < words.len() {
        let b = words[i].as_bytes();
        assert!(!b.is_empty(), "an empty word in a word list");
        let n = if b.len() < 31 { b.len() } else { 31 };
        mask[b[0] as usize] |= 1 << n;
        if words.len() <= 64 {
            first[b[0] as usize] |= 1 << i;
            lens[n] |= 1 << i;
        }
        i += 1;
    }
    WordList {
        words,
        mask,
        first,
        lens,
    }
}

impl WordList {
    /// Whether `s` is one of the words (`words.contains(&s)`).
    #[inline]
    pub(crate) fn contains(&self, s: &str) -> bool {
        let b = s.as_bytes();
        let Some(&f) = b.first() else {
            return false;
        };
        let n = b.len().min(31);
        if self.mask[f as usize] >> n & 1 == 0 {
            return false;
        }
        if self.words.len() <= 64 {
            // The words with this first byte and length, by index.
            let mut m = self.first[f as usize] & self.lens[n];
            while m != 0 {
                if self.words[m.trailing_zeros() as usize] == s {
                    return true;
                }
                m &= m - 1;
            }
            return false;
        }
        // The first byte before the rest: words of one length often share
        // no first byte, and `==` calls memcmp.
        self.words
            .iter()
            .any(|w| w.len() == b.len() && w.as_bytes()[0] == f && *w == s)
    }
}

/// What a rule sees besides the spans.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub gazetteer: &'a Gazetteer,
    /// The original document text.
    pub text: &'a str,
}

impl<'a> Context<'a> {
    /// The original text of a span.
    pub fn surface(&self, p: &Pending) -> &'a str {
        &self.text[p.start..p.end]
    }
}

/// One piece of resolution evidence.
pub trait Rule: Send + Sync + std::fmt::Debug {
    /// Short name, used by `--disable` and `--explain`.
    fn name(&self) -> &'static str;
    /// Adds evidence to candidates, or rejects them.
    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]);
    /// Whether the rule may move a span's start or end (narrow it, join a
    /// head to it, drop it): only then does the resolver look for names
    /// to compute again after it. A rule that says no and moves a span
    /// fails a debug assertion.
    fn moves_spans(&self) -> bool {
        true
    }
}

/// An ordered list of rules, then the people stages.
#[derive(Debug)]
pub struct Resolver {
    rules: Vec<Box<dyn Rule>>,
    people: people::PeopleOptions,
    /// The unlisted-places stage, unless disabled.
    unlisted: Option<Unlisted>,
}

impl Resolver {
    /// The default rules, in order, for a gazetteer (some rules derive
    /// tables from it, such as the given names).
    pub fn new(gaz: &Gazetteer) -> Resolver {
        let person_place = PersonPlace::new(gaz);
        Resolver {
            unlisted: Some(Unlisted::new(person_place.clone())),
            rules: vec![
                Box::new(Prior),
                Box::new(Dateline),
                Box::new(LocalPatterns),
                Box::new(Qualified::new(gaz)),
                Box::new(person_place),
                Box::new(Initials),
                Box::new(PersonWord),
                Box::new(NamePart),
                Box::new(Media),
                Box::new(Codes),
                Box::new(Hyphen),
                Box::new(Feature),
                Box::new(Teams),
                Box::new(CommonWordSupport::new(gaz)),
                Box::new(Lists),
                Box::new(Cohere),
                Box::new(DocumentContext),
                Box::new(OrgName),
            ],
            people: people::PeopleOptions {
                titles: true,
                coref: true,
            },
        }
    }

    /// Which people stages run.
    pub fn people(&self) -> people::PeopleOptions {
        self.people
    }

    /// The unlisted-places stage, unless disabled.
    pub fn unlisted(&self) -> Option<&Unlisted> {
        self.unlisted.as_ref()
    }

    /// The names of every rule, in order.
    pub fn rule_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.rules.iter().map(|r| r.name()).collect();
        names.extend(["titles", "coref", "unlisted"]);
        names
    }

    /// Removes the rule (or people stage: `titles`, `coref`) called `name`;
    /// false if there is none.
    pub fn disable(&mut self, name: &str) -> bool {
        match name {
            "titles" => self.people.titles = false,
            "coref" => self.people.coref = false,
            "unlisted" => self.unlisted = None,
            _ => {
                let before = self.rules.len();
                self.rules.retain(|r| r.name() != name);
                return self.rules.len() != before;
            }
        }
        true
    }

    /// Runs every rule over the spans of one document.
    pub fn run(&self, ctx: &Context<'_>, spans: Vec<CandidateSpan>) -> Vec<Pending> {
        let mut pending: Vec<Pending> = spans
            .into_iter()
            .map(|s| Pending {
                start: s.start,
                end: s.end,
                name: span_name(&ctx.text[s.start..s.end]),
                named: (s.start, s.end),
                group: 0,
                candidates: s
                    .candidates
                    .into_iter()
                    .map(|c| Scored {
                        entity: c.entity,
                        match_type: c.match_type,
                        score: 0.0,
                        evidence: Evidence::new(),
                        rejected: None,
                    })
                    .collect(),
            })
            .collect();
        number_names(&mut pending);
        for rule in &self.rules {
            rule.apply(ctx, &mut pending);
            if !rule.moves_spans() {
                debug_assert!(
                    pending.iter().all(|p| p.named == (p.start, p.end)),
                    "rule {} moved a span",
                    rule.name()
                );
                continue;
            }
            let mut moved = false;
            for p in &mut pending {
                moved |= p.refresh_name(ctx.text);
            }
            if moved {
                number_names(&mut pending);
            }
        }
        pending
    }

    /// Resolves the spans of one document into mentions, in span order;
    /// rejected spans are left out. Char offsets are left at zero (the
    /// tagger fills them).
    pub fn resolve(&self, ctx: &Context<'_>, spans: Vec<CandidateSpan>) -> Vec<Mention> {
        self.run(ctx, spans)
            .into_iter()
            .filter_map(|p| finish(ctx.gazetteer, p).map(|(m, _)| m))
            .collect()
    }
}

/// Why a mention was resolved as it was, for `--explain`.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The rule that contributed most to the winner's lead over the
    /// runner-up (or to its score, when it had no rival).
    pub deciding_rule: &'static str,
    /// The runner-up entity, if any.
    pub runner_up: Option<EntityId>,
}

/// Final ordering: score, then kind order, then id.
fn order(gaz: &Gazetteer, a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| kind_of(gaz, a.entity).cmp(&kind_of(gaz, b.entity)))
        .then_with(|| gaz.get(a.entity).id.cmp(&gaz.get(b.entity).id))
}

/// Turns a resolved span into a mention and its explanation; `None` when
/// every candidate was rejected.
pub fn finish(gaz: &Gazetteer, p: Pending) -> Option<(Mention, Explanation)> {
    // The live candidates' indices, sorted (a stable sort, as the
    // candidates themselves were): moving small numbers, not candidates.
    let c = &p.candidates;
    let mut small = [0u32; 32];
    let mut large = vec![];
    let slots: &mut [u32] = if c.len() <= small.len() {
        &mut small
    } else {
        large.resize(c.len(), 0);
        &mut large
    };
    let mut n = 0;
    for (i, s) in c.iter().enumerate() {
        if s.rejected.is_none() {
            slots[n] = i as u32;
            n += 1;
        }
    }
    let ranked = &mut slots[..n];
    ranked.sort_by(|&a, &b| order(gaz, &c[a as usize], &c[b as usize]));
    let best = &c[*ranked.first()? as usize];
    let runner = ranked.get(1).map(|&i| &c[i as usize]);
    let explanation = Explanation {
        deciding_rule: deciding_rule(best, runner),
        runner_up: runner.map(|r| r.entity),
    };
    let confidence = confidence(gaz, best, runner);
    let mention = Mention {
        span: Span {
            start: p.start,
            end: p.end,
            char_start: 0,
            char_end: 0,
        },
        entity: best.entity,
        match_type: best.match_type,
        confidence,
        candidates: ranked
            .iter()
            .map(|&i| Candidate {
                entity: c[i as usize].entity,
                match_type: c[i as usize].match_type,
            })
            .collect(),
        rule: explanation.deciding_rule,
        runner_up: explanation.runner_up,
    };
    Some((mention, explanation))
}

fn deciding_rule(best: &Scored, runner: Option<&Scored>) -> &'static str {
    let mut top: (&'static str, f64) = ("match", 0.0);
    for &(rule, d) in best.evidence.iter() {
        let rival = runner
            .and_then(|r| r.evidence.iter().find(|e| e.0 == rule))
            .map_or(0.0, |e| e.1);
        if d - rival > top.1 {
            top = (rule, d - rival);
        }
    }
    top.0
}

fn kind_of(gaz: &Gazetteer, id: EntityId) -> Kind {
    gaz.facts(id).kind
}

/// Raw confidence: a logistic score of evidence that a mention is right,
/// which [`calibration`] then maps to a probability. It rises with a clean
/// match (the entity's own name), a clear margin over the runner-up, a big
/// or important place, and local evidence (a dateline, "X, Y", co-mentioned
/// places); it falls for ambiguous spans, demonyms and one-word names of
/// small places. The weights only need to rank mentions well: calibration
/// fixes the scale.
fn confidence(gaz: &Gazetteer, best: &Scored, second: Option<&Scored>) -> f32 {
    let e = gaz.facts(best.entity);
    let mut z = match best.match_type {
        MatchType::Name => 1.5,
        MatchType::Alias => 1.0,
        MatchType::Weak => 0.8,
        MatchType::Demonym => 0.3,
        MatchType::Surname => 0.8,
        MatchType::Title | MatchType::Unlisted => 0.0,
    };
    z += match e.kind {
        Kind::Country => 0.8,
        Kind::Region => 0.0,
        Kind::City => 0.0,
        Kind::Agency => 0.3,
        Kind::Person => 0.5,
    };
    if let Some(second) = second {
        let margin = (best.score - second.score).max(0.0);
        z += 0.6 * margin.min(4.0) - 1.0;
    }
    if e.kind.is_place() {
        let pop = log_population(e.population);
        z += 0.3 * (pop - 5.0).clamp(-3.0, 3.0);
        if e.common_word {
            z -= 0.7;
        }
    }
    let support: f64 = best
        .evidence
        .iter()
        .filter(|(rule, _)| matches!(*rule, "dateline" | "local" | "context"))
        .map(|(_, d)| d.max(0.0))
        .sum();
    z += 0.3 * support.min(5.0);
    (1.0 / (1.0 + (-z).exp())) as f32
}

/// `log10(population + 1)`, without the call for the many entities of no
/// recorded population (organisations, people, villages): `log10(1)` is 0.
///
/// The same populations come back in document after document (the big
/// places every story names), so the results are kept in a small
/// direct-mapped cache per thread: a hit returns the very value the call
/// returned before, so the output cannot change.
#[inline]
pub(crate) fn log_population(population: u64) -> f64 {
    if population == 0 {
        return 0.0;
    }
    // Fibonacci hashing of the population to one of the slots; a slot
    // holds (population, log), population 0 meaning empty.
    let slot = (population.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - LOG_CACHE_BITS)) as usize;
    LOG_CACHE.with(|cache| {
        let (p, l) = cache[slot].get();
        if p == population {
            return l;
        }
        let l = (population as f64 + 1.0).log10();
        cache[slot].set((population, l));
        l
    })
}

const LOG_CACHE_BITS: u32 = 10;

thread_local! {
    static LOG_CACHE: [std::cell::Cell<(u64, f64)>; 1 << LOG_CACHE_BITS] =
        const { [const { std::cell::Cell::new((0, 0.0)) }; 1 << LOG_CACHE_BITS] };
}

/// Test helpers shared by the rule files.
#[cfg(test)]
pub(crate) mod testutil {
    use super::*;
    use crate::matcher::Matcher;

    /// A gazetteer from compact rows:
    /// `id,kind,name,aliases,weak_aliases,country,admin1,population,feature_code,flags`,
    /// every entity at 1°N 1°E unless the row goes on with `,lat,lon`.
    pub fn gaz(rows: &[&str]) -> Gazetteer {
        let mut csv = String::from(
            "id,kind,name,aliases,weak_aliases,country,admin1,population,feature_code,flags,lat,lon\n",
        );
        for r in rows {
            csv.push_str(r);
            csv.push_str(if r.matches(',').count() == 11 {
                "\n"
            } else {
                ",1,1\n"
            });
        }
        let mut g = Gazetteer::new();
        g.load_reader("t.csv", csv.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        g
    }

    /// Runs `rules` on `text` and returns, per span, the surface and the
    /// chosen id (`-` when rejected).
    pub fn resolve_with(
        g: &Gazetteer,
        rules: Vec<Box<dyn Rule>>,
        text: &str,
    ) -> Vec<(String, String)> {
        let spans = Matcher::new(g).unwrap().find(text);
        let r = Resolver {
            rules,
            people: people::PeopleOptions {
                titles: false,
                coref: false,
            },
            unlisted: None,
        };
        let ctx = Context { gazetteer: g, text };
        r.run(&ctx, spans)
            .into_iter()
            .map(|p| {
                let surface = text[p.start..p.end].to_string();
                let id = finish(g, p).map_or("-".to_string(), |(m, _)| g.get(m.entity).id.clone());
                (surface, id)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_word_list_is_the_list_too() {
        // Over 64 words: found by the scan, not by index.
        let words: &'static [&'static str] = Box::leak(
            (0..70)
                .map(|i| &*Box::leak(format!("w{i}").into_boxed_str()))
                .collect::<Vec<&'static str>>()
                .into_boxed_slice(),
        );
        let list = word_list(words);
        for w in words {
            assert!(list.contains(w), "{w}");
        }
        for w in ["w70", "w", "x1", "", "w1 "] {
            assert!(!list.contains(w), "{w}");
        }
    }

    #[test]
    fn word_list_is_the_list() {
        static WORDS: [&str; 6] = [
            "Mr.",
            "a",
            "Inc",
            "spokesman",
            "é",
            "a-word-of-thirty-two-bytes-long.",
        ];
        static LIST: WordList = word_list(&WORDS);
        for w in WORDS {
            assert!(LIST.contains(w), "{w}");
        }
        for w in [
            "",
            "Mr",
            "Mr.s",
            "b",
            "A",
            "Inc.",
            "spokesmen",
            "e",
            "è",
            "a-word-of-thirty-two-bytes-long!",
            "a-word-of-thirty-three-bytes-long",
        ] {
            assert!(!LIST.contains(w), "{w}");
        }
    }

    /// Strings that take every path of the byte-wise fast paths: ASCII
    /// only, non-ASCII letters (inside, first, last), non-ASCII
    /// non-letters, whitespace of every kind, empty.
    const TRICKY: [&str; 22] = [
        "",
        "a",
        "Paris",
        "São Paulo",
        "Zürich",
        "Ölberg",
        "Kraków",
        "U.S.",
        "UK",
        "state",
        "x—y",
        "word\u{a0}",
        "\u{a0}word",
        "new  york",
        "new\tyork",
        "new\u{0b}york",
        " lead",
        "trail ",
        "ǅemal",
        "ÉCOLE",
        "éa",
        "12abc",
    ];

    #[test]
    fn fast_paths_agree_with_their_definitions() {
        for s in TRICKY {
            let len = s
                .char_indices()
                .find(|&(_, c)| !c.is_alphabetic())
                .map_or(s.len(), |(i, _)| i);
            assert_eq!(alpha_len(s), len, "alpha_len {s:?}");
            let start = s
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_alphabetic())
                .map_or(0, |(i, c)| i + c.len_utf8());
            assert_eq!(alpha_start(s), start, "alpha_start {s:?}");
            let mut cs = s.chars();
            let cap = cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase);
            assert_eq!(capitalised(s), cap, "capitalised {s:?}");
            assert_eq!(span_name(s), normalize_str(s), "span_name {s:?}");
        }
    }

    #[test]
    fn evidence_spills_in_order() {
        let mut e = Evidence::new();
        let rules = ["a", "b", "c", "d", "e"];
        for (i, r) in rules.iter().enumerate() {
            e.push((r, i as f64));
            assert_eq!(e.len(), i + 1);
            assert!(e.iter().map(|x| x.0).eq(rules[..=i].iter().copied()));
        }
        e[4].1 = 9.0;
        assert_eq!(e.last(), Some(&("e", 9.0)));
        assert_eq!(format!("{:?}", Evidence::new()), "[]");
    }

    #[test]
    fn log_population_is_log10_cached_or_not() {
        for p in [0u64, 1, 9, 10_000, 2_138_551, u64::MAX] {
            let want = if p == 0 {
                0.0
            } else {
                (p as f64 + 1.0).log10()
            };
            // Twice: the computed value, then the cached one.
            assert_eq!(log_population(p).to_bits(), want.to_bits(), "{p}");
            assert_eq!(log_population(p).to_bits(), want.to_bits(), "{p}");
        }
    }

    #[test]
    fn names_numbered_alike_with_few_spans_or_many() {
        let pending = |names: &[&str]| -> Vec<Pending> {
            names
                .iter()
                .map(|n| Pending {
                    start: 0,
                    end: 0,
                    candidates: vec![],
                    name: n.to_string(),
                    named: (0, 0),
                    group: u32::MAX,
                })
                .collect()
        };
        for n in [3, 24, 25, 60] {
            let names: Vec<String> = (0..n).map(|i| format!("n{}", (i * 7) % 5)).collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let mut spans = pending(&refs);
            number_names(&mut spans);
            // First appearance order: n0 n2 n4 n1 n3.
            for (p, name) in spans.iter().zip(&names) {
                let first = names.iter().position(|x| x == name).unwrap();
                let want = names[..first]
                    .iter()
                    .enumerate()
                    .filter(|&(i, x)| names[..i].iter().all(|y| y != x))
                    .count();
                assert_eq!(p.group as usize, want, "{n} spans, {name}");
            }
            let (_, count) = name_groups(&spans);
            assert_eq!(count, n.min(5), "{n} spans");
        }
    }
}
