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
use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;

use crate::automaton::{Automaton, AutomatonError, Reference, Resume, NONE};
use crate::codec::{CodecError, Reader, Writer};
use crate::entity::{Candidate, EntityId, MatchType};
use crate::gazetteer::Gazetteer;
use crate::normalize::{
    bytes_in, is_invisible, normalize, normalize_keep_case, normalize_str, Normalized, HI,
};

/// What one pattern stands for in one entity.
#[derive(Clone, Debug, PartialEq)]
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
///
/// # How `find` works
///
/// The text is normalized once. The automaton is started only at positions
/// where rule 2 can hold (the byte before is not a letter or digit; on
/// non-ASCII text the original character before is checked), and only at
/// or after the end of the last selected span, so leftmost-longest
/// selection happens during the scan: from each start the patterns found
/// are tried longest first and the first that passes the rules is taken.
/// This yields exactly the spans that collecting every candidate and then
/// selecting would (the differential tests compare both, and
/// [`Matcher::find_reference`] keeps the collect-then-select path on the
/// aho-corasick engine).
#[derive(Clone, Debug)]
pub struct Matcher {
    automaton: Automaton,
    /// `entries[ranges[p].0..ranges[p].1]` are the entries of pattern `p`.
    ranges: Vec<(u32, u32)>,
    entries: Vec<Entry>,
    /// Pattern `p` is `pattern_text[pattern_ends[p - 1]..pattern_ends[p]]`
    /// (from 0 for the first): one allocation instead of one per pattern.
    pattern_text: String,
    pattern_ends: Vec<u32>,
    /// Which first words patterns have (see [`FirstWords`]).
    first_words: FirstWords,
    /// Where the trie walk of a short first word ends (see [`WordJump`]).
    jump: WordJump,
    /// Built on first use by [`Matcher::find_reference`].
    reference: OnceLock<Reference>,
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

/// A word the first pass of `find` found where a span may start (32
/// bytes).
#[derive(Debug, PartialEq)]
struct Probe {
    /// Normalized and original start.
    s: u32,
    os: u32,
    /// The end of the word, when the filter may judge it (its original is
    /// ASCII, byte for byte); 0 to walk from `s` unfiltered.
    w: u32,
    /// Whether the original word has a capital.
    upper: bool,
    /// Whether the word has a second one (`h2` is then set).
    two: bool,
    /// [`hash_span`] of the word, and of the key to the end of the second
    /// word.
    hw: u64,
    h2: u64,
}

impl Probe {
    /// A probe at normalized `s`, original `os`, with no key: the trie
    /// is walked from `s` unfiltered.
    #[inline]
    fn at(s: usize, os: usize) -> Probe {
        Probe {
            s: s as u32,
            os: os as u32,
            w: 0,
            upper: false,
            two: false,
            hw: 0,
            h2: 0,
        }
    }

    /// Gives the probe at normalized `s`, original `os`, its key, for the
    /// filter: the first word `hay[s..w]`, whose original (ASCII byte for
    /// byte, ending within `text`) starts at `os`, and the second word
    /// ending at `m` (`w` when there is none).
    #[inline]
    fn key(&mut self, text: &[u8], hay: &[u8], (s, os): (usize, usize), w: usize, m: usize) {
        self.w = w as u32;
        self.upper = has_upper(text, os, os + (w - s));
        self.hw = hash_span(HASH_START, hay, s, w);
        if m > w {
            self.two = true;
            self.h2 = hash_span(self.hw, hay, w, m);
        }
    }
}

/// Where a trie walk starts: normalized start, original start, and where
/// the walk resumes after the first word with the node it resumes at, or
/// `None` to walk from the start.
type Start = (u32, u32, u32, Option<Resume>);

/// Scratch space of `find` calls, kept by each thread from one document
/// to the next (see [`SCRATCH`]).
#[derive(Default)]
struct Scratch {
    probes: Vec<Probe>,
    starts: Vec<Start>,
    ends: Vec<(u32, usize)>,
    cands: Vec<Candidate>,
    /// Which bytes of an ASCII text's normalized form are letters or
    /// digits, a bit each (see [`Matcher::probe_ascii`]).
    alnum: Vec<u64>,
}

/// The most probes a thread's [`Scratch`] keeps between calls (32 MiB):
/// a huge document's buffers are freed after it.
const KEEP_PROBES: usize = 1 << 20;

thread_local! {
    /// Reused buffers: allocated (a tenth of the text's size in probes)
    /// and first touched for every document, they showed in the profile
    /// as malloc, free and page zeroing.
    static SCRATCH: std::cell::Cell<Scratch> = const {
        std::cell::Cell::new(Scratch {
            probes: Vec::new(),
            starts: Vec::new(),
            ends: Vec::new(),
            cands: Vec::new(),
            alnum: Vec::new(),
        })
    };
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
                if !list.contains(&entry) {
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
        let mut pattern_text = String::with_capacity(order.iter().map(String::len).sum());
        let mut pattern_ends = Vec::with_capacity(order.len());
        for p in &order {
            pattern_text.push_str(p);
            pattern_ends.push(pattern_text.len() as u32);
        }
        let first_words = FirstWords::new(&pattern_text, &pattern_ends, &ranges, &entries);
        let jump = WordJump::new(&automaton, &pattern_text, &pattern_ends);
        Ok(Matcher {
            automaton,
            first_words,
            jump,
            ranges,
            entries,
            pattern_text,
            pattern_ends,
            reference: OnceLock::new(),
        })
    }

    /// Number of distinct normalized patterns.
    pub fn patterns_len(&self) -> usize {
        self.pattern_ends.len()
    }

    fn pattern(&self, p: usize) -> &str {
        let start = if p == 0 {
            0
        } else {
            self.pattern_ends[p - 1] as usize
        };
        &self.pattern_text[start..self.pattern_ends[p] as usize]
    }

    /// The normalized patterns and, for each, the entities it stands for.
    pub fn patterns(&self) -> impl Iterator<Item = (&str, Vec<EntityId>)> + '_ {
        self.ranges.iter().enumerate().map(|(p, &(s, e))| {
            let mut ids: Vec<EntityId> = self.entries[s as usize..e as usize]
                .iter()
                .map(|x| x.entity)
                .collect();
            ids.dedup();
            (self.pattern(p), ids)
        })
    }

    /// Heap memory of the automaton and tables, in bytes (approximate).
    pub fn memory_usage(&self) -> usize {
        self.automaton.memory_usage()
            + self.entries.len() * std::mem::size_of::<Entry>()
            + self
                .entries
                .iter()
                .map(|e| e.exact.as_ref().map_or(0, |x| x.len()))
                .sum::<usize>()
            + self.ranges.len() * 8
            + self.pattern_text.len()
            + self.pattern_ends.len() * 4
            + self.first_words.lines.len() * 64
            + self.jump.slots.len() * std::mem::size_of::<(u64, Resume)>()
    }

    /// The selected (leftmost-longest, non-overlapping) candidate spans of
    /// `text`, in offset order.
    pub fn find(&self, text: &str) -> Vec<CandidateSpan> {
        self.find_normalized(text, &normalize(text))
    }

    /// [`Matcher::find`] on a text already normalized: `norm` must be
    /// `normalize(text)` (the tagger normalizes once for the matcher and
    /// the people stages).
    pub fn find_normalized(&self, text: &str, norm: &Normalized) -> Vec<CandidateSpan> {
        let hay = norm.as_str().as_bytes();
        let ascii = text.is_ascii();
        let mut out = vec![];
        let mut scratch = SCRATCH.take();
        // Three passes. The first finds the words a span may start at
        // (rule 2 before the start) and hashes their keys; the second
        // probes the first-word filter with them and looks up the words
        // that pass; the third walks the trie from those starts and
        // selects leftmost-longest. The probes of the second pass do not
        // depend on each other and nothing else runs between them, so the
        // processor overlaps their cache misses; made one by one between
        // the hashing of each word (first pass) or between trie walks
        // (chains of dependent misses), they stalled the scan.
        let probes = &mut scratch.probes;
        probes.clear();
        probes.reserve(hay.len() / 5);
        if ascii {
            self.probe_ascii(text, norm, &mut scratch.alnum, probes);
        } else {
            self.probe_any(text, norm, probes);
        }
        let starts = &mut scratch.starts;
        starts.clear();
        for p in probes.iter() {
            if p.w != 0 {
                if !self
                    .first_words
                    .may_start(p.hw, p.two.then_some(p.h2), p.upper)
                {
                    continue;
                }
                // Past the filter, a short word is looked up exactly:
                // absent, no pattern starts with it; present, the trie
                // walk resumes after it. Patterns ending inside the
                // word are skipped, rightly: the original character
                // after them is an ASCII letter or digit (rule 2).
                if let Some(key) = WordJump::key_at(hay, p.s as usize, p.w as usize) {
                    if let Some(r) = self.jump.get(key) {
                        starts.push((p.s, p.os, p.w, Some(r)));
                    }
                    continue;
                }
            }
            starts.push((p.s, p.os, 0, None));
        }
        // Original offset the next span may start at.
        let mut pos = 0usize;
        for &(s, os, at, resume) in scratch.starts.iter() {
            let (s, os) = (s as usize, os as usize);
            if os < pos {
                continue;
            }
            scratch.ends.clear();
            let push = |p, e| scratch.ends.push((p, e));
            match resume {
                None => self.automaton.for_each_at(hay, s, push),
                Some(r) => self.automaton.for_each_resumed(hay, r, at as usize, push),
            }
            for i in (0..scratch.ends.len()).rev() {
                let (p, e) = scratch.ends[i];
                if let Some(span) = self.check(text, norm, ascii, p, s, e, &mut scratch.cands) {
                    pos = span.end;
                    out.push(span);
                    break;
                }
            }
        }
        if scratch.probes.capacity() <= KEEP_PROBES {
            SCRATCH.set(scratch);
        }
        out
    }

    /// The first pass of [`Matcher::find_normalized`] on any text: every
    /// byte where rule 2 may let a span start is visited, the words that
    /// can be judged by the first-word filter hashed.
    fn probe_any(&self, text: &str, norm: &Normalized, probes: &mut Vec<Probe>) {
        let hay = norm.as_str().as_bytes();
        let ascii = text.is_ascii();
        let (mut cursor_s, mut cursor_m) = (0, 0);
        // The end of the word at a position the last key's second word
        // started at (see [`key_ends`]).
        let mut known = (usize::MAX, 0);
        let mut next = 0;
        while next < hay.len() {
            let s = next;
            next += 1;
            if !self.automaton.may_start(hay[s]) {
                continue;
            }
            if s > 0 {
                let prev = hay[s - 1];
                // On ASCII text the byte before is the original character
                // before: a letter or digit there fails rule 2. Otherwise
                // ask the original text (a "™" before normalizes to "tm").
                let maybe = if prev.is_ascii_alphanumeric() {
                    !ascii && start_ok_unicode(text, norm, s)
                } else if prev >= 0x80 {
                    start_ok_unicode(text, norm, s)
                } else {
                    true
                };
                if !maybe {
                    continue;
                }
            }
            let os = norm.original_offset_near(s, &mut cursor_s);
            // Texts are under 4 GiB (the readers reject longer ones).
            let mut probe = Probe::at(s, os);
            // The word starting here must be some pattern's first word
            // (a filter with false positives only): most words are not.
            if let Some((w, m)) = key_ends(hay, s, &mut known) {
                // The filter's argument holds where the original behind the
                // key is ASCII, byte for byte ("🄐" normalizes to "(a)":
                // three bytes from one character).
                let exact = ascii || {
                    let om = norm.original_offset_near(m, &mut cursor_m);
                    text.as_bytes()
                        .get(os..om)
                        .is_some_and(|o| o.len() == m - s && o.is_ascii())
                };
                if exact && os + (w - s) <= text.len() {
                    // No span starts inside the word: the original byte
                    // before is an ASCII letter or digit (rule 2).
                    next = w;
                    probe.key(text.as_bytes(), hay, (s, os), w, m);
                }
            }
            probes.push(probe);
        }
    }

    /// [`Matcher::probe_any`] for an ASCII text, with the same probes,
    /// from a bitmap of the normalized text's letters and digits (`alnum`,
    /// reused): a span can start only at the first byte of a run of them
    /// or at another byte with no letter or digit before it, and those
    /// positions are bit searches; the ends of a key's two words are too.
    /// The byte-by-byte visit of [`Matcher::probe_any`], with a run-end
    /// search for each word, was most of the first pass.
    ///
    /// Why it is the same: in an ASCII text every normalized byte is its
    /// own original character, lowercased ([`normalize`] lowercases ASCII
    /// letters and leaves no uppercase one), so rule 2 before a position is
    /// "the byte before is no letter or digit", the positions inside a word
    /// that `probe_any` skips fail it, and every key is exact.
    fn probe_ascii(
        &self,
        text: &str,
        norm: &Normalized,
        alnum: &mut Vec<u64>,
        probes: &mut Vec<Probe>,
    ) {
        let hay = norm.as_str().as_bytes();
        let len = hay.len();
        alnum.clear();
        let mut blocks = hay.chunks_exact(64);
        for block in blocks.by_ref() {
            let mut m = 0u64;
            for (j, chunk) in block.chunks_exact(8).enumerate() {
                let v = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                m |= gather(lower_alnum_bytes(v)) << (8 * j);
            }
            alnum.push(m);
        }
        if !blocks.remainder().is_empty() {
            let tail = blocks.remainder().iter().enumerate();
            alnum.push(tail.fold(0, |m, (j, b)| m | u64::from(b.is_ascii_alphanumeric()) << j));
        }
        let bits: &[u64] = alnum;
        let mut cursor = 0;
        let mut carry = 0u64;
        for (k, &a) in bits.iter().enumerate() {
            // Positions whose byte before is no letter or digit: run
            // starts, and the other bytes (a pattern may start with one).
            let after_alnum = a << 1 | carry;
            carry = a >> 63;
            let valid = if (k + 1) * 64 <= len {
                u64::MAX
            } else {
                (1u64 << (len - k * 64)) - 1
            };
            let mut cand = !after_alnum & valid;
            while cand != 0 {
                let s = k * 64 + cand.trailing_zeros() as usize;
                cand &= cand - 1;
                if !self.automaton.may_start(hay[s]) {
                    continue;
                }
                let os = norm.original_offset_near(s, &mut cursor);
                let mut probe = Probe::at(s, os);
                if a >> (s % 64) & 1 == 1 {
                    // The word, the separator after it, the second word.
                    let w = next_bit(bits, len, s, false);
                    let sep = if w < len && hay[w] == b' ' && bit(bits, w + 1) {
                        w + 1
                    } else {
                        next_bit(bits, len, w, true)
                    };
                    let m = if sep > w && sep < len {
                        next_bit(bits, len, sep, false)
                    } else {
                        w
                    };
                    if os + (w - s) <= text.len() {
                        probe.key(text.as_bytes(), hay, (s, os), w, m);
                    }
                }
                probes.push(probe);
            }
        }
    }

    /// Rules 1 to 4 for pattern `pid` at normalized `[s, e)`.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn check(
        &self,
        text: &str,
        norm: &Normalized,
        ascii: bool,
        pid: u32,
        s: usize,
        e: usize,
        cands: &mut Vec<Candidate>,
    ) -> Option<CandidateSpan> {
        let (os, oe) = if ascii {
            // ASCII: every normalized byte is its own original character
            // (rule 1 holds), and the byte before was checked by the caller.
            let span = norm.original_span(text, s, e);
            if text
                .as_bytes()
                .get(span.1)
                .is_some_and(u8::is_ascii_alphanumeric)
            {
                return None;
            }
            span
        } else {
            if !norm.is_boundary(s) || !norm.is_boundary(e) {
                return None;
            }
            let span = norm.original_span(text, s, e);
            if !word_boundaries(text, span.0, span.1) {
                return None;
            }
            span
        };
        let surface = &text[os..oe];
        let (a, b) = self.ranges[pid as usize];
        cands.clear();
        let mut exact_cache: Option<String> = None;
        // Rule 3's verdict on the surface, without and with `last_cap`:
        // the entries of an ambiguous pattern ask the same two questions.
        let mut case: [Option<bool>; 2] = [None; 2];
        for entry in &self.entries[a as usize..b as usize] {
            let ok = match &entry.exact {
                Some(exact) if surface.is_ascii() => ascii_keep_case_eq(surface, exact),
                Some(exact) => {
                    let got = exact_cache.get_or_insert_with(|| normalize_keep_case(surface));
                    got.as_str() == &**exact
                }
                None => *case[usize::from(entry.last_cap)]
                    .get_or_insert_with(|| case_ok(surface, entry.last_cap)),
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
        if cands.is_empty() {
            return None;
        }
        Some(CandidateSpan {
            start: os,
            end: oe,
            candidates: cands.clone(),
        })
    }

    /// The same spans as [`Matcher::find`], the slow, obvious way: every
    /// occurrence of every pattern from the aho-corasick engine's
    /// overlapping search, the rules, then leftmost-longest selection. For
    /// differential tests; builds the aho-corasick automaton on first use.
    ///
    /// # Panics
    ///
    /// If the aho-corasick engine refuses the pattern set (far beyond any
    /// real gazetteer).
    pub fn find_reference(&self, text: &str) -> Vec<CandidateSpan> {
        let reference = self.reference.get_or_init(|| {
            let pats: Vec<&str> = (0..self.patterns_len()).map(|p| self.pattern(p)).collect();
            Reference::new(&pats).expect("the reference engine accepts the patterns")
        });
        let norm = normalize(text);
        let mut spans = vec![];
        let mut cands = vec![];
        reference.for_each_overlapping(norm.as_str(), |pid, s, e| {
            if let Some(span) = self.check(text, &norm, false, pid, s, e, &mut cands) {
                spans.push(span);
            }
        });
        select_leftmost_longest(&mut spans);
        spans
    }

    /// Appends the pattern table and the automaton to `out`
    /// ([`crate::compiled`] frames and checksums them).
    pub(crate) fn write_to(&self, out: &mut Vec<u8>) {
        let mut w = Writer(out);
        w.str(&self.pattern_text);
        w.u32(self.pattern_ends.len() as u32);
        for &e in &self.pattern_ends {
            w.u32(e);
        }
        for &(a, b) in &self.ranges {
            w.u32(a);
            w.u32(b);
        }
        w.u32(self.entries.len() as u32);
        for e in &self.entries {
            w.u32(e.entity.0);
            w.u8(e.match_type as u8);
            w.u8(u8::from(e.last_cap));
            match &e.exact {
                Some(x) => {
                    w.u8(1);
                    w.str(x);
                }
                None => w.u8(0),
            }
        }
        self.automaton.write_to(out);
    }

    /// Reads what [`Matcher::write_to`] wrote, for a gazetteer of
    /// `entities` entities, checking every index.
    pub(crate) fn read_from(bytes: &[u8], entities: usize) -> Result<(Matcher, &[u8]), CodecError> {
        let bad = |what: &str| CodecError(format!("corrupt pattern table: {what}"));
        let mut r = Reader::new(bytes);
        let pattern_text = r.string()?;
        let n = r.count(12)?;
        let mut pattern_ends = Vec::with_capacity(n);
        let mut last = 0u32;
        for _ in 0..n {
            let e = r.u32()?;
            if e < last
                || e as usize > pattern_text.len()
                || !pattern_text.is_char_boundary(e as usize)
            {
                return Err(bad("pattern offsets"));
            }
            last = e;
            pattern_ends.push(e);
        }
        let mut ranges = Vec::with_capacity(n);
        for _ in 0..n {
            ranges.push((r.u32()?, r.u32()?));
        }
        let m = r.count(7)?;
        if ranges.iter().any(|&(a, b)| a > b || b as usize > m) {
            return Err(bad("entry ranges"));
        }
        let mut entries = Vec::with_capacity(m);
        for _ in 0..m {
            let entity = r.u32()?;
            if entity as usize >= entities {
                return Err(bad("entity id out of range"));
            }
            let match_type = match r.u8()? {
                t if t == MatchType::Name as u8 => MatchType::Name,
                t if t == MatchType::Alias as u8 => MatchType::Alias,
                t if t == MatchType::Weak as u8 => MatchType::Weak,
                t if t == MatchType::Demonym as u8 => MatchType::Demonym,
                _ => return Err(bad("match type")),
            };
            let last_cap = r.u8()? != 0;
            let exact = match r.u8()? {
                0 => None,
                1 => Some(r.str()?.into()),
                _ => return Err(bad("weak alias tag")),
            };
            entries.push(Entry {
                entity: EntityId(entity),
                match_type,
                last_cap,
                exact,
            });
        }
        let (automaton, rest) =
            Automaton::read_from(r.rest()).map_err(|e| CodecError(e.to_string()))?;
        if automaton.patterns_len() != n {
            return Err(bad("pattern count"));
        }
        let first_words = FirstWords::new(&pattern_text, &pattern_ends, &ranges, &entries);
        let jump = WordJump::new(&automaton, &pattern_text, &pattern_ends);
        Ok((
            Matcher {
                automaton,
                first_words,
                jump,
                ranges,
                entries,
                pattern_text,
                pattern_ends,
                reference: OnceLock::new(),
            },
            rest,
        ))
    }
}

/// A bitset of hashed keys, a filter in front of the trie walk:
///
/// - `fw`: the first word (leading run of ASCII letters and digits) of
///   every pattern that has no second word ("syria", "a." of "a."),
///   tested when the text's word has a capital;
/// - `fw` salted: the first word of the patterns a word without capitals
///   can start alone: one-word patterns with a weak-alias entry ("dpa",
///   matched as written) or without a letter, and patterns whose first word
///   is followed only by punctuation ("a.");
/// - `key2`: for every pattern with a second word, the pattern up to the
///   end of that word ("new york", "u.s" of "u.s."), tested for every
///   text word followed by a second one ("the minister" is not "the
///   hague", and neither is "The minister").
///
/// Why it is exact: take a span that passes rules 2 and 3 at normalized
/// `[s, e)`, where the original characters behind the key are ASCII
/// (always, in an ASCII text), and the text's first word `hay[s..w]`. If
/// `e < w` the original character after the span is a letter or digit and
/// rule 2 fails; so `e >= w` and the pattern's first word is the text's.
/// If the pattern has no second word, it is in `fw`, and if the text's
/// word has no capital rule 3 fails unless an entry is weak or it has no
/// letter: the salted set. If the pattern has a second word, it ends at a
/// non-alphanumeric byte or at `e`, where rule 2 puts one in the text: the
/// text's key equals the pattern's. Hashes collide: a false positive costs
/// one trie walk, never a wrong span.
///
/// The bitset is cut in 64-byte lines and the line is chosen by the hash
/// of the first word alone, for all three sets: a word tests two keys
/// (`fw` or salted, and `key2`) with one cache miss, not two. Each key
/// sets two bits of its line (a Bloom filter with k = 2). On the 10 MB
/// bench corpus (1.70M words tested, 76,450 spans) 302k words passed when
/// `fw` held every first word and each key set one bit, 180k with `fw` as
/// above, 113k with two bits per key (these three with FNV-1a hashes), and
/// 112k with [`hash_span`].
#[derive(Clone, Debug)]
struct FirstWords {
    lines: Box<[[u64; 8]]>,
}

/// 2^14 lines of 512 bits: 1 MiB.
const LINE_BITS: u32 = 14;
const KIND_FIRST: u64 = 1;
const KIND_SALTED: u64 = 2;
const KIND_KEY2: u64 = 3;

/// For a key starting at `s`: the end of the first run of ASCII letters
/// and digits, and the end of the second run after the punctuation and
/// spaces that follow it (the first end again if none). `None` when the
/// first run is empty or a non-ASCII byte comes first.
///
/// `known` memoizes one run end, `(from, end)`: the scan's next key most
/// often starts where this one's second word does, and its first run is
/// then that word (start it at `(usize::MAX, 0)`).
#[inline]
fn key_ends(hay: &[u8], s: usize, known: &mut (usize, usize)) -> Option<(usize, usize)> {
    let run = |from: usize, alnum: bool| run_end(hay, from, alnum);
    let w = if known.0 == s { known.1 } else { run(s, true) };
    if w == s {
        return None;
    }
    // Most often one space, then a letter or digit: no need to scan.
    let sep = if hay.get(w) == Some(&b' ') && hay.get(w + 1).is_some_and(u8::is_ascii_alphanumeric)
    {
        w + 1
    } else {
        run(w, false)
    };
    if sep < hay.len() && !hay[sep].is_ascii() {
        return None;
    }
    let m = if sep > w {
        let m = run(sep, true);
        *known = (sep, m);
        m
    } else {
        w
    };
    if m < hay.len() && !hay[m].is_ascii() {
        return None;
    }
    Some((w, if m > sep { m } else { w }))
}

/// The end of the run from `from` of ASCII letters and digits (`alnum`)
/// or of other ASCII bytes (not `alnum`): the first byte that is not of
/// the run's kind or not ASCII, or the end of `hay`. Eight bytes at a
/// time.
#[inline]
fn run_end(hay: &[u8], from: usize, alnum: bool) -> usize {
    let mut i = from;
    while i < hay.len() {
        let n = (hay.len() - i).min(8);
        let v = chunk_at(hay, i, n);
        let a = alnum_bytes(v);
        let stop = if alnum { !a & HI } else { (a | v) & HI };
        let stop = if n == 8 {
            stop
        } else {
            stop & ((1u64 << (8 * n)) - 1)
        };
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += n;
    }
    hay.len()
}

/// The high bit of each byte of `v` that is an ASCII letter or digit.
#[inline]
fn alnum_bytes(v: u64) -> u64 {
    (bytes_in(v, b'0', b'9' + 1) | bytes_in(v, b'A', b'Z' + 1) | bytes_in(v, b'a', b'z' + 1)) & !v
}

/// The high bit of each byte of `v` that is an ASCII digit or lowercase
/// letter: [`alnum_bytes`] for normalized ASCII text, which has no
/// uppercase letter.
#[inline]
fn lower_alnum_bytes(v: u64) -> u64 {
    (bytes_in(v, b'0', b'9' + 1) | bytes_in(v, b'a', b'z' + 1)) & !v
}

/// The high bits of the eight bytes of `m` (only high bits set) as the
/// eight low bits, byte `i` to bit `i`: bit 8i + 7 moves to bit 56 + i
/// of the product, and no two partial products collide.
#[inline]
fn gather(m: u64) -> u64 {
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Bit `i` of a bitmap (false past its end).
#[inline]
fn bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

/// The first position at or after `i` whose bit is `set`, or `len` (the
/// bitmap covers `len` positions; bits past `len` are clear).
#[inline]
fn next_bit(bits: &[u64], len: usize, i: usize, set: bool) -> usize {
    if i >= len {
        return len;
    }
    let flip = if set { 0 } else { u64::MAX };
    let mut k = i / 64;
    let mut m = (bits[k] ^ flip) & (u64::MAX << (i % 64));
    while m == 0 {
        k += 1;
        match bits.get(k) {
            Some(&w) => m = w ^ flip,
            None => return len,
        }
    }
    (k * 64 + m.trailing_zeros() as usize).min(len)
}

/// Each pattern's bytes (`pattern_text` cut at `pattern_ends`), with the
/// length of its first word (its leading ASCII letters and digits).
fn patterns<'a>(
    pattern_text: &'a str,
    pattern_ends: &'a [u32],
) -> impl Iterator<Item = (&'a [u8], usize)> + 'a {
    let mut start = 0;
    pattern_ends.iter().map(move |&end| {
        let p = &pattern_text.as_bytes()[start..end as usize];
        start = end as usize;
        let n = p
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(p.len());
        (p, n)
    })
}

impl FirstWords {
    fn new(
        pattern_text: &str,
        pattern_ends: &[u32],
        ranges: &[(u32, u32)],
        entries: &[Entry],
    ) -> FirstWords {
        let mut lines = vec![[0u64; 8]; 1 << LINE_BITS].into_boxed_slice();
        let mut set = |hw: u64, bits: [u32; 2]| {
            for bit in bits {
                lines[line_of(hw)][(bit >> 6) as usize] |= 1 << (bit & 63);
            }
        };
        for (i, (p, n)) in patterns(pattern_text, pattern_ends).enumerate() {
            if n == 0 {
                continue;
            }
            let hw = hash_span(HASH_START, p, 0, n);
            let sep = p[n..]
                .iter()
                .position(|b| b.is_ascii_alphanumeric())
                .map_or(p.len(), |k| n + k);
            if sep < p.len() {
                let m = p[sep..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(p.len(), |k| sep + k);
                set(hw, bit_of(hash_span(hw, p, n, m), KIND_KEY2));
            } else {
                set(hw, bit_of(hw, KIND_FIRST));
                let (a, b) = ranges.get(i).copied().unwrap_or((0, 0));
                let weak = entries
                    .get(a as usize..b as usize)
                    .is_some_and(|es| es.iter().any(|e| e.exact.is_some()));
                if n < p.len() || weak || !p[..n].iter().any(u8::is_ascii_alphabetic) {
                    set(hw, bit_of(hw, KIND_SALTED));
                }
            }
        }
        FirstWords { lines }
    }

    /// Whether a pattern may start with a first word of hash `hw`
    /// ([`hash_span`]), the key continuing it to the end of the second
    /// word hashing to `h2` (`None` when the word has no second one), the
    /// word written with a capital (`upper`) or not.
    #[inline]
    fn may_start(&self, hw: u64, h2: Option<u64>, upper: bool) -> bool {
        let line = &self.lines[line_of(hw)];
        let has = |bits: [u32; 2]| {
            bits.iter()
                .all(|&bit| line[(bit >> 6) as usize] & (1 << (bit & 63)) != 0)
        };
        let alone = if upper { KIND_FIRST } else { KIND_SALTED };
        has(bit_of(hw, alone)) || h2.is_some_and(|h2| has(bit_of(h2, KIND_KEY2)))
    }
}

/// The first words of up to 8 bytes (leading runs of ASCII letters and
/// digits) of every pattern, exactly, each with the trie node its walk
/// ends at: one lookup instead of a filter probe and a cache miss per byte
/// of the word. A hash table with linear probing; a key is the word's
/// bytes, little-endian, zero-padded (a word has no zero byte, so the key
/// is never 0, the empty slot).
#[derive(Clone, Debug)]
struct WordJump {
    slots: Box<[(u64, Resume)]>,
    shift: u32,
}

impl WordJump {
    fn new(automaton: &Automaton, pattern_text: &str, pattern_ends: &[u32]) -> WordJump {
        let mut words: Vec<(u64, u32)> = vec![];
        for (p, n) in patterns(pattern_text, pattern_ends) {
            if let (Some(key), Some(node)) = (WordJump::key(&p[..n]), automaton.node_of(&p[..n])) {
                words.push((key, node));
            }
        }
        words.sort_unstable();
        words.dedup();
        // At most half full.
        let bits = (words.len() * 2)
            .next_power_of_two()
            .max(2)
            .trailing_zeros();
        let empty = automaton.resume_at(NONE);
        let mut slots = vec![(0u64, empty); 1 << bits].into_boxed_slice();
        let shift = 64 - bits;
        for (key, node) in words {
            let mut i = WordJump::slot(key, shift);
            while slots[i].0 != 0 {
                i = (i + 1) & (slots.len() - 1);
            }
            slots[i] = (key, automaton.resume_at(node));
        }
        WordJump { slots, shift }
    }

    /// The key of a word of 1 to 8 ASCII letters and digits.
    #[inline]
    fn key(word: &[u8]) -> Option<u64> {
        if word.is_empty() || word.len() > 8 {
            return None;
        }
        let mut b = [0u8; 8];
        b[..word.len()].copy_from_slice(word);
        Some(u64::from_le_bytes(b))
    }

    /// [`WordJump::key`] of `hay[s..w]`, read as one 8-byte load where
    /// the text is long enough.
    #[inline]
    fn key_at(hay: &[u8], s: usize, w: usize) -> Option<u64> {
        let n = w.checked_sub(s)?;
        if n == 0 || n > 8 {
            return None;
        }
        match hay.get(s..s + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
            Some(b) => {
                let v = u64::from_le_bytes(b);
                Some(if n == 8 {
                    v
                } else {
                    v & ((1u64 << (8 * n)) - 1)
                })
            }
            None => WordJump::key(&hay[s..w]),
        }
    }

    #[inline]
    fn slot(key: u64, shift: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
    }

    /// The trie node after the first word `key`, if a pattern starts so.
    #[inline]
    fn get(&self, key: u64) -> Option<Resume> {
        let mask = self.slots.len() - 1;
        let mut i = WordJump::slot(key, self.shift);
        loop {
            let (k, node) = self.slots[i];
            if k == key {
                return Some(node);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// A hash of `bytes[from..to]` continued from `state` ([`HASH_START`] to
/// begin: the hash of a key is continued from its first word's), eight
/// bytes at a time, zero-padded. Keys are runs of non-zero bytes, so the
/// padding is never ambiguous.
#[inline]
fn hash_span(state: u64, bytes: &[u8], from: usize, to: usize) -> u64 {
    let mut h = state;
    let mut i = from;
    while i < to {
        let n = (to - i).min(8);
        h = (h ^ chunk_at(bytes, i, n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^= h >> 29;
        i += n;
    }
    h
}

/// `bytes[i..i + n]` (1 to 8 bytes) as a little-endian `u64`, zero-padded:
/// one 8-byte load where the slice is long enough.
#[inline]
fn chunk_at(bytes: &[u8], i: usize, n: usize) -> u64 {
    match bytes.get(i..i + 8) {
        Some(b) => {
            let v = u64::from_le_bytes(b.try_into().unwrap_or_default());
            if n >= 8 {
                v
            } else {
                v & ((1u64 << (8 * n)) - 1)
            }
        }
        None => {
            let mut b = [0u8; 8];
            let tail = bytes.get(i..i + n).unwrap_or_default();
            b[..tail.len()].copy_from_slice(tail);
            u64::from_le_bytes(b)
        }
    }
}

/// Whether `bytes[from..to]` (ASCII) holds an uppercase letter, eight
/// bytes at a time.
#[inline]
fn has_upper(bytes: &[u8], from: usize, to: usize) -> bool {
    let mut i = from;
    while i < to {
        let n = (to - i).min(8);
        let v = chunk_at(bytes, i, n);
        if bytes_in(v, b'A', b'Z' + 1) & !v != 0 {
            return true;
        }
        i += n;
    }
    false
}

/// The filter line of a first word's hash.
#[inline]
fn line_of(hw: u64) -> usize {
    (hw.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - LINE_BITS)) as usize
}

/// The two bits (of 512) of a hash in its line, for one of the three sets.
#[inline]
fn bit_of(h: u64, kind: u64) -> [u32; 2] {
    let x = (h ^ kind.wrapping_mul(0xc2b2_ae3d_27d4_eb4f)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    [(x >> 55) as u32, ((x >> 46) & 511) as u32]
}

/// Whether a span may start at normalized `s` of a non-ASCII text: `s` is
/// a character boundary of the original and the original character before
/// it is not a letter, digit or combining mark (rule 2's first half).
#[inline]
fn start_ok_unicode(text: &str, norm: &Normalized, s: usize) -> bool {
    let o = norm.original_offset(s);
    // The common case inside a word, decided without decoding: an ASCII
    // letter or digit right before is the original character before.
    if o > 0 && text.as_bytes()[o - 1].is_ascii_alphanumeric() {
        return false;
    }
    norm.is_boundary(s) && !alnum_before(text, o)
}

fn alnum_before(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .rev()
        .find(|&c| !is_invisible(c))
        .is_some_and(|c| c.is_alphanumeric() || is_combining_mark(c))
}

/// `normalize_keep_case(surface) == exact` for an ASCII surface, without
/// allocating: ASCII normalization keeping case only collapses whitespace.
fn ascii_keep_case_eq(surface: &str, exact: &str) -> bool {
    let mut want = exact.bytes();
    let mut last_space = false;
    for b in surface.bytes() {
        let b = if b.is_ascii_whitespace() || b == b'\x0b' {
            if last_space {
                continue;
            }
            last_space = true;
            b' '
        } else {
            last_space = false;
            b
        };
        if want.next() != Some(b) {
            return false;
        }
    }
    want.next().is_none()
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
    let before = alnum_before(text, start);
    let after = text[end..]
        .chars()
        .find(|&c| !is_invisible(c))
        .is_some_and(|c| c.is_alphanumeric() || is_combining_mark(c));
    !before && !after
}

/// Rule 3 on a surface: an uppercase letter somewhere (unless the surface
/// has no cased letter at all) and, if `last_cap`, a last word that does not
/// start lowercase.
pub fn case_ok(surface: &str, last_cap: bool) -> bool {
    if surface.is_ascii() {
        case_ok_ascii(surface.as_bytes(), last_cap)
    } else {
        case_ok_chars(surface, last_cap)
    }
}

/// [`case_ok`] on an ASCII surface, byte by byte (no ASCII character is a
/// combining mark, and ASCII case is byte case).
fn case_ok_ascii(b: &[u8], last_cap: bool) -> bool {
    if !b.iter().any(u8::is_ascii_uppercase) {
        return !b.iter().any(u8::is_ascii_lowercase);
    }
    if last_cap {
        if let Some(end) = b.iter().rposition(u8::is_ascii_alphanumeric) {
            let start = b[..end]
                .iter()
                .rposition(|c| !c.is_ascii_alphanumeric())
                .map_or(0, |i| i + 1);
            return !b[start].is_ascii_lowercase();
        }
    }
    true
}

fn case_ok_chars(surface: &str, last_cap: bool) -> bool {
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
    fn ascii_probes_are_the_general_ones() {
        let g = crate::resolve::testutil::gaz(&[
            "gn:1,city,New York,NYC;Big Apple,,US,US.NY,8000000,PPL,",
            "gn:2,city,York,,,GB,GB.ENG,200000,PPL,",
            "gn:3,city,Nine de Julio,9 de Julio,,AR,AR.01,30000,PPL,",
            "gn:4,city,Xx,(x);-x;'x,US;U.S.,US,,1,PPL,",
            "gn:5,city,Abcdefghijkl Mnop,,,US,,1,PPL,",
            "gn:6,city,A,,,US,,1,PPL,",
        ]);
        let m = Matcher::new(&g).unwrap();
        // A small generator (xorshift), the alphabet weighted towards
        // letters, with the spaces, tabs and newlines that collapse and
        // the punctuation patterns start with.
        let alphabet = b"aaaeenorsyYNkjx   \t\n(-'.,9Ud";
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut texts: Vec<String> = vec![
            String::new(),
            "New York".into(),
            " new york, NYC (x) -x 'x U.S. us 9 de julio".into(),
            "a".repeat(64) + " York",
            "x".repeat(63) + " York  York\t\tNew  York",
        ];
        for _ in 0..3000 {
            let n = (next() % 200) as usize;
            let t: String = (0..n)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                .collect();
            texts.push(t);
        }
        for t in &texts {
            let norm = normalize(t);
            let (mut a, mut b, mut bits) = (vec![], vec![], vec![]);
            m.probe_any(t, &norm, &mut a);
            m.probe_ascii(t, &norm, &mut bits, &mut b);
            assert_eq!(a, b, "{t:?}");
            assert_eq!(m.find(t), m.find_reference(t), "{t:?}");
        }
    }

    #[test]
    fn word_jump_finds_exactly_the_short_first_words() {
        let pats = ["new york", "new", "u.s.", "abcdefghij", "9 de julio", "-x"];
        let automaton = Automaton::new(&pats).unwrap();
        let mut text = String::new();
        let mut ends = vec![];
        for p in pats {
            text.push_str(p);
            ends.push(text.len() as u32);
        }
        let jump = WordJump::new(&automaton, &text, &ends);
        let get = |w: &str| WordJump::key(w.as_bytes()).and_then(|k| jump.get(k));
        let resume = |w: &[u8]| automaton.node_of(w).map(|n| automaton.resume_at(n));
        assert_eq!(get("new"), resume(b"new"));
        assert!(get("new").is_some());
        assert_eq!(get("u"), resume(b"u"));
        assert_eq!(get("9"), resume(b"9"));
        // Not a first word (only a prefix of one, or a later word).
        assert_eq!(get("ne"), None);
        assert_eq!(get("york"), None);
        assert_eq!(get("x"), None);
        // Longer than 8 bytes: no key, the caller walks the trie.
        assert_eq!(WordJump::key(b"abcdefghij"), None);
        assert_eq!(WordJump::key(b""), None);
        // Read from a text: the same key as the word alone.
        let hay = b"new york, u.s. abcdefgh";
        assert_eq!(WordJump::key_at(hay, 0, 3), WordJump::key(b"new"));
        assert_eq!(WordJump::key_at(hay, 10, 11), WordJump::key(b"u"));
        assert_eq!(WordJump::key_at(hay, 15, 23), WordJump::key(b"abcdefgh"));
        assert_eq!(WordJump::key_at(hay, 20, 23), WordJump::key(b"fgh"));
        assert_eq!(WordJump::key_at(hay, 3, 3), None);
    }

    #[test]
    fn key_hashes_and_capitals_do_not_depend_on_what_follows() {
        let hay = b"new york, abcdefghijklm u.s. x@[`{Z";
        for from in 0..hay.len() {
            for to in from..=hay.len() {
                let alone = &hay[from..to];
                // The same bytes hash the same inside a longer text (eight
                // byte loads past `to` are masked) and on their own.
                assert_eq!(
                    hash_span(HASH_START, hay, from, to),
                    hash_span(HASH_START, alone, 0, alone.len())
                );
                assert_eq!(
                    has_upper(hay, from, to),
                    alone.iter().any(u8::is_ascii_uppercase),
                    "{from}..{to}"
                );
            }
        }
        // Runs end where the byte at a time definition ends them.
        let bytes: Vec<u8> = (0..=255u8).chain(*b"ab9 Z@[`{/:.\xc3\xa9x").collect();
        for from in 0..=bytes.len() {
            for alnum in [true, false] {
                let want = bytes[from..]
                    .iter()
                    .position(|b| b.is_ascii_alphanumeric() != alnum || !b.is_ascii())
                    .map_or(bytes.len(), |k| from + k);
                assert_eq!(run_end(&bytes, from, alnum), want, "{from} {alnum}");
            }
        }
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut random = vec![];
        for _ in 0..4096 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            random.push(b"aZ9 .-\xc3\n"[(x % 8) as usize]);
        }
        for from in 0..random.len() {
            for alnum in [true, false] {
                let want = random[from..]
                    .iter()
                    .position(|b| b.is_ascii_alphanumeric() != alnum || !b.is_ascii())
                    .map_or(random.len(), |k| from + k);
                assert_eq!(run_end(&random, from, alnum), want);
            }
        }
        // Zero padding does not make a word equal to a longer one.
        assert_ne!(
            hash_span(HASH_START, b"ab", 0, 2),
            hash_span(HASH_START, b"abc", 0, 3)
        );
    }

    #[test]
    fn case_rule() {
        assert!(case_ok("eastern Ghouta", true));
        // The byte path agrees with the character path on ASCII surfaces.
        let pieces = ["a", "B", "7", " ", "-", ".", "'", "Zz", "q9", ""];
        for x in pieces {
            for y in pieces {
                for z in pieces {
                    let s = format!("{x}{y}{z}");
                    for cap in [false, true] {
                        assert_eq!(
                            case_ok_ascii(s.as_bytes(), cap),
                            case_ok_chars(&s, cap),
                            "{s:?}"
                        );
                    }
                }
            }
        }
        assert!(case_ok("WASHINGTON", true));
        assert!(!case_ok("turkey", true));
        assert!(!case_ok("Washington post", true));
        assert!(case_ok("دمشق", true));
        assert!(case_ok("Bosnia and Herzegovina", true));
    }
}
