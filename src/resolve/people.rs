//! People within a document: title-introduced people and surname
//! coreference. These run after the rules, on resolved mentions, because
//! they add mentions rather than weigh candidates.
//!
//! **Titles** (`titles`). A name the gazetteer lacks, introduced by a title
//! or role ("Interior Ministry spokesman Ahmed Karimi", "Foreign Minister
//! Ana Ruiz", "President Okafor of Nigeria"), becomes a person with a
//! document-local entity (`local:ahmed-karimi`, see [`Tagged::locals`]) and
//! `match` = `title`. The name is the run of capitalised words right after
//! the title (two to four; one after a strong title such as President,
//! Minister, Senator or Mr.), none of them a title or role word itself and
//! none already part of a mention.
//!
//! **Surnames** (`coref`). After a full mention of a person ("Sergei
//! Lavrov"), "Lavrov", "Mr. Lavrov", "Lavrov's" link to the same entity
//! with `match` = `surname`; with several people of one surname, the most
//! recent full mention wins. A surname never tags before the full mention
//! and never across documents. A surname mention replaces a place mention
//! of exactly the same span ("Kerry" after "John Kerry" is not County
//! Kerry). A title right before the surname ("Foreign Minister Lavrov")
//! raises its confidence.
//!
//! [`Tagged::locals`]: crate::entity::Tagged::locals

use crate::entity::{Candidate, Entity, EntityId, Kind, MatchType, Mention, Span};
use crate::gazetteer::Gazetteer;
use crate::matcher::{case_ok, word_boundaries};
use crate::normalize::{normalize_str, Normalized};

use super::{word_list, WordList};

/// Titles after which a single capitalised word is taken as a name.
const STRONG_TITLES: [&str; 38] = [
    "President",
    "Minister",
    "Premier",
    "Chancellor",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Gov.",
    "Mayor",
    "General",
    "Gen.",
    "Colonel",
    "Col.",
    "Admiral",
    "Adm.",
    "Ambassador",
    "Judge",
    "Justice",
    "Secretary",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr.",
    "King",
    "Queen",
    "Prince",
    "Sheikh",
    "Ayatollah",
    "Emir",
    "Sultan",
    "Pope",
];

/// Role words after which a full name (two or three words) is taken.
const ROLE_WORDS: [&str; 16] = [
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "Envoy",
    "leader",
    "chief",
    "Chief",
    "commander",
    "Commander",
    "director",
    "Director",
    "chairman",
    "Chairman",
    "coach",
    "Coach",
];

/// Capitalised words that are not names even after a title.
const NOT_NAMES: [&str; 24] = [
    "The",
    "A",
    "An",
    "Of",
    "In",
    "On",
    "And",
    "For",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
];

static STRONG: WordList = word_list(&STRONG_TITLES);
static ROLES: WordList = word_list(&ROLE_WORDS);
static NOT_NAME: WordList = word_list(&NOT_NAMES);

/// What the people stages may do.
#[derive(Clone, Copy, Debug)]
pub struct PeopleOptions {
    pub titles: bool,
    pub coref: bool,
}

/// A word of the original text: byte span.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
}

/// The words of a text, in order, found as they are needed: a word is a
/// maximal run of letters, digits, `-`, `'`, `’` and `.`, with trailing
/// dots and apostrophes trimmed (they belong to the sentence, not the
/// word) except in abbreviations ("Mr.", "Gen."); a run trimmed to
/// nothing is no word.
///
/// The runs come from a bitmap of word bytes (every byte of a word
/// character set, see [`WordMap`]); the next run's start and end are then
/// bit searches. A scan byte by byte mispredicted twice a word, and was
/// the people stages' largest cost.
struct Words<'a> {
    map: &'a WordMap<'a>,
    /// Where the next run may start.
    pos: usize,
}

/// Which bytes of a text belong to word characters: bit `i % 64` of
/// `bits[i / 64]` for byte `i`, built without a branch per byte.
struct WordMap<'a> {
    text: &'a str,
    bits: Vec<u64>,
}

/// Which ASCII bytes are word characters.
static WORD_BYTE: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'\'' || c == b'.';
        b += 1;
    }
    t
};

/// 1 for ASCII word bytes, 0 for every other byte value.
static WORD_BYTE_BIT: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = WORD_BYTE[b] as u64;
        b += 1;
    }
    t
};

/// Bit `i` set when byte `i` of the eight in `x` (little-endian) is an
/// ASCII word byte ([`WORD_BYTE`]), computed on all eight at once: every
/// byte is tested against the ranges `0-9`, `a-z` (after folding case),
/// `'` and `-.` with additions that cannot carry from one byte into the
/// next, and the eight results are gathered with one multiplication.
#[inline]
fn ascii_word_bytes(x: u64) -> u8 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let ascii = !x & HI;
    let x7 = x & !HI;
    // The high bit of each byte of `at_least(v, lo)` is set when that byte
    // of `v` is >= lo, of `at_most(v, hi)` when it is <= hi (bytes < 0x80).
    let at_least = |v: u64, lo: u64| v + (0x80 - lo) * ONES;
    let at_most = |v: u64, hi: u64| !(v + (0x7f - hi) * ONES);
    let lower = x7 | (0x20 * ONES);
    let letter = at_least(lower, b'a' as u64) & at_most(lower, b'z' as u64);
    let digit = at_least(x7, b'0' as u64) & at_most(x7, b'9' as u64);
    let dash_dot = at_least(x7, b'-' as u64) & at_most(x7, b'.' as u64);
    let apostrophe = at_least(x7, b'\'' as u64) & at_most(x7, b'\'' as u64);
    let word = (letter | digit | dash_dot | apostrophe) & ascii;
    // Bit 8i moves to bit 56 + i; no two partial products collide.
    ((word >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// The bytes a title or role word starts with: a run starting with any
/// other byte is no title, whatever its length.
static TITLE_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < STRONG_TITLES.len() {
        t[STRONG_TITLES[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    let mut i = 0;
    while i < ROLE_WORDS.len() {
        t[ROLE_WORDS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    t
};

/// Bit `n` of entry `b` set when a title or role word starts with byte
/// `b` and is `n` bytes long.
static TITLE_LENGTHS: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < STRONG_TITLES.len() {
        let b = STRONG_TITLES[i].as_bytes();
        t[b[0] as usize] |= 1 << b.len();
        i += 1;
    }
    let mut i = 0;
    while i < ROLE_WORDS.len() {
        let b = ROLE_WORDS[i].as_bytes();
        t[b[0] as usize] |= 1 << b.len();
        i += 1;
    }
    t
};

/// Whether a non-ASCII character is a word character.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '’'
}

impl<'a> WordMap<'a> {
    fn new(text: &'a str) -> WordMap<'a> {
        let bytes = text.as_bytes();
        let mut blocks = bytes.chunks_exact(64);
        let mut bits: Vec<u64> = Vec::with_capacity(bytes.len().div_ceil(64));
        for block in blocks.by_ref() {
            let mut m = 0u64;
            for j in 0..8 {
                let x = u64::from_le_bytes(block[8 * j..8 * j + 8].try_into().expect("eight"));
                m |= u64::from(ascii_word_bytes(x)) << (8 * j);
            }
            bits.push(m);
        }
        if !blocks.remainder().is_empty() {
            let tail = blocks.remainder().iter().enumerate();
            bits.push(tail.fold(0, |m, (j, &b)| m | WORD_BYTE_BIT[b as usize] << j));
        }
        if text.is_ascii() {
            return WordMap { text, bits };
        }
        // Only the non-ASCII characters are left to set: visit them alone,
        // skipping ASCII eight bytes at a time.
        let mut i = 0;
        while i < bytes.len() {
            if let Some(chunk) = bytes.get(i..i + 8) {
                let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                if w & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            if bytes[i] < 0x80 {
                i += 1;
                continue;
            }
            // A non-ASCII byte here is always a lead byte: the scan moves
            // by whole characters.
            let c = text[i..].chars().next().expect("a character");
            let n = c.len_utf8();
            if is_word_char(c) {
                for k in i..i + n {
                    bits[k / 64] |= 1 << (k % 64);
                }
            }
            i += n;
        }
        WordMap { text, bits }
    }

    /// The words from byte `pos` on (`pos` at a run's start or end).
    fn words(&self, pos: usize) -> Words<'_> {
        Words { map: self, pos }
    }

    /// The first byte at or after `i` whose bit is `word`, or the length.
    #[inline]
    fn next_bit(&self, i: usize, word: bool) -> usize {
        let len = self.text.len();
        if i >= len {
            return len;
        }
        let flip = if word { 0 } else { u64::MAX };
        let mut k = i / 64;
        let mut m = (self.bits[k] ^ flip) & (u64::MAX << (i % 64));
        while m == 0 {
            k += 1;
            match self.bits.get(k) {
                Some(&w) => m = w ^ flip,
                None => return len,
            }
        }
        (k * 64 + m.trailing_zeros() as usize).min(len)
    }

    /// The word of the run `start..end` (trailing dots, apostrophes and
    /// hyphens trimmed unless the run is a strong title), if any is left.
    #[inline]
    fn word(&self, start: usize, end: usize) -> Option<Word> {
        let s = &self.text[start..end];
        // Every trimmed character ends in one of these bytes ('’' in 0x99).
        let end = if !matches!(s.as_bytes().last(), Some(b'.' | b'\'' | b'-' | 0x99))
            || STRONG.contains(s)
        {
            end
        } else {
            start + s.trim_end_matches(['.', '\'', '’', '-']).len()
        };
        (end > start).then_some(Word { start, end })
    }

    /// Every title or role word, in order, with the end of its run (where
    /// the words after it start): the words of [`Words`] that are in
    /// [`STRONG_TITLES`] or [`ROLE_WORDS`]. Only run starts are visited, a
    /// 64-bit block at a time, and only runs whose first byte and length
    /// fit some title are looked at further.
    fn titles(&self) -> Vec<(Word, usize)> {
        let bytes = self.text.as_bytes();
        let mut out = vec![];
        let mut carry = 0u64;
        for (k, &w) in self.bits.iter().enumerate() {
            let mut starts = w & !(w << 1 | carry);
            carry = w >> 63;
            while starts != 0 {
                let off = starts.trailing_zeros();
                let s = k * 64 + off as usize;
                starts &= starts - 1;
                // The run's end, found within the block when the run ends
                // there (most do).
                let inside = !w >> off;
                let end = if inside != 0 {
                    (s + inside.trailing_zeros() as usize).min(bytes.len())
                } else {
                    self.next_bit(s, false)
                };
                // One test, seldom true, instead of a branch on the first
                // byte that a quarter of the runs take.
                let first = bytes[s] as usize;
                let fits = end - s < 32 && TITLE_LENGTHS[first] >> (end - s) & 1 == 1;
                let trims = matches!(bytes[end - 1], b'.' | b'\'' | b'-' | 0x99);
                if !(fits | (trims & TITLE_START[first])) {
                    continue;
                }
                let Some(word) = self.word(s, end) else {
                    continue;
                };
                let t = &self.text[word.start..word.end];
                if STRONG.contains(t) || ROLES.contains(t) {
                    out.push((word, end));
                }
            }
        }
        out
    }
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let len = self.map.text.len();
        loop {
            let start = self.map.next_bit(self.pos, true);
            if start >= len {
                self.pos = len;
                return None;
            }
            let end = self.map.next_bit(start, false);
            self.pos = end;
            if let Some(w) = self.map.word(start, end) {
                return Some(w);
            }
        }
    }
}

fn is_name_word(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && s.chars().any(char::is_lowercase)
        && s.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        && !NOT_NAME.contains(s)
        && !STRONG.contains(s)
        && !ROLE_WORDS.iter().any(|r| r.eq_ignore_ascii_case(s))
        && !STRONG_TITLES.iter().any(|t| hyphen_title(s, t))
}

/// Whether `s` ends with `-` and the title `t` as written or in lowercase
/// ("Vice-President", "ex-president").
fn hyphen_title(s: &str, t: &str) -> bool {
    let (s, t) = (s.as_bytes(), t.as_bytes());
    if s.len() <= t.len() || s[s.len() - t.len() - 1] != b'-' {
        return false;
    }
    let tail = &s[s.len() - t.len()..];
    // The titles are ASCII, so their lowercase is byte for byte.
    tail == t
        || tail
            .iter()
            .zip(t)
            .all(|(a, b)| *a == b.to_ascii_lowercase())
}

fn slug(name: &str) -> String {
    let n = normalize_str(name);
    let mut out = String::new();
    for c in n.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn overlaps(mentions: &[Mention], start: usize, end: usize) -> bool {
    mentions
        .iter()
        .any(|m| m.span.start < end && start < m.span.end)
}

/// The surname forms of a person's name: its last word, and without an
/// Arabic article ("al-Assad" → "Assad").
pub fn surnames(name: &str) -> Vec<String> {
    let Some(last) = name.split_whitespace().last() else {
        return vec![];
    };
    if name.split_whitespace().count() < 2 {
        return vec![];
    }
    let last = last.trim_matches(|c: char| !c.is_alphanumeric());
    let mut out = vec![last.to_string()];
    for art in [
        "al-", "Al-", "el-", "El-", "ad-", "as-", "ash-", "an-", "ar-", "az-",
    ] {
        if let Some(rest) = last.strip_prefix(art) {
            if rest.chars().count() >= 2 {
                out.push(rest.to_string());
            }
        }
    }
    out.retain(|s| s.chars().count() >= 2 && s.chars().any(char::is_uppercase));
    out
}

/// Runs the people stages; `mentions` stay in offset order. `norm` is
/// `normalize(text)`, which the matcher has already computed.
pub fn link_people(
    gaz: &Gazetteer,
    text: &str,
    norm: &Normalized,
    mentions: &mut Vec<Mention>,
    locals: &mut Vec<Entity>,
    opts: PeopleOptions,
) {
    if opts.titles {
        add_titled(gaz, text, mentions, locals);
    }
    if opts.coref {
        add_surnames(gaz, text, norm, mentions, locals);
    }
}

fn add_titled(gaz: &Gazetteer, text: &str, mentions: &mut Vec<Mention>, locals: &mut Vec<Entity>) {
    // Surnames of people the gazetteer knows in this document: "Mr. Lavrov"
    // after "Sergei Lavrov" is coreference, not a new person.
    // Computed at the first one-word name, which most documents lack.
    let mut known: Option<Vec<String>> = None;
    let mut added = vec![];
    // Each title or role word, then up to four name words after it.
    let map = WordMap::new(text);
    for (title, run_end) in map.titles() {
        let w = &text[title.start..title.end];
        let strong = STRONG.contains(w);
        let mut ws = map.words(run_end);
        let mut cur = ws.next();
        if cur.is_none() {
            continue;
        }
        // Collect up to four name words ("Aung San Suu Kyi"), adjacent (one
        // space apart). Name words are never titles or role words, so no
        // title is skipped by reading them.
        let mut n = 0;
        let mut first = title;
        let mut prev_end = title.end;
        while let Some(word) = cur {
            if n == 4 {
                break;
            }
            let gap = &text[prev_end..word.start];
            if gap != " " || !is_name_word(&text[word.start..word.end]) {
                break;
            }
            if n == 0 {
                first = word;
            }
            prev_end = word.end;
            n += 1;
            cur = ws.next();
        }
        let enough = if strong { n >= 1 } else { n >= 2 };
        if enough {
            let start = first.start;
            let end = prev_end;
            let is_known = n == 1 && {
                let known = known.get_or_insert_with(|| {
                    mentions
                        .iter()
                        .filter(|m| {
                            m.entity.index() < gaz.len() && gaz.facts(m.entity).kind == Kind::Person
                        })
                        .flat_map(|m| surnames(&gaz.get(m.entity).name))
                        .map(|s| normalize_str(&s))
                        .collect()
                });
                known.contains(&normalize_str(&text[start..end]))
            };
            if !is_known && !overlaps(mentions, start, end) && word_boundaries(text, start, end) {
                let name = &text[start..end];
                let id = format!("local:{}", slug(name));
                let idx = match locals.iter().position(|e| e.id == id) {
                    Some(k) => k,
                    None => {
                        let mut e = Entity::new(id, Kind::Person, name);
                        e.source = "title".into();
                        e.role = w.trim_end_matches('.').to_lowercase();
                        locals.push(e);
                        locals.len() - 1
                    }
                };
                let entity = EntityId((gaz.len() + idx) as u32);
                added.push(Mention {
                    span: Span {
                        start,
                        end,
                        char_start: 0,
                        char_end: 0,
                    },
                    entity,
                    match_type: MatchType::Title,
                    candidates: vec![Candidate {
                        entity,
                        match_type: MatchType::Title,
                    }],
                    confidence: 0.7,
                    rule: "titles",
                    runner_up: None,
                });
            }
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.span.start);
    }
}

fn add_surnames(
    gaz: &Gazetteer,
    text: &str,
    norm: &Normalized,
    mentions: &mut Vec<Mention>,
    locals: &[Entity],
) {
    let entity = |id: EntityId| -> &Entity {
        if id.index() < gaz.len() {
            gaz.get(id)
        } else {
            &locals[id.index() - gaz.len()]
        }
    };
    // (normalized surname, entity, end of the full mention)
    let mut keys: Vec<(String, EntityId, usize)> = vec![];
    for m in mentions.iter() {
        // The compact kind first: most mentions are places, and their
        // full entities need not be loaded.
        let kind = match m.entity.index().checked_sub(gaz.len()) {
            None => gaz.facts(m.entity).kind,
            Some(i) => locals[i].kind,
        };
        if kind != Kind::Person || m.match_type == MatchType::Surname {
            continue;
        }
        let e = entity(m.entity);
        let surface = &text[m.span.start..m.span.end];
        let mut forms = surnames(&e.name);
        forms.extend(surnames(surface));
        for f in forms {
            let k = normalize_str(&f);
            if !keys.iter().any(|x| x.1 == m.entity && x.0 == k) {
                keys.push((k, m.entity, m.span.end));
            } else if let Some(x) = keys.iter_mut().find(|x| x.1 == m.entity && x.0 == k) {
                x.2 = x.2.min(m.span.end);
            }
        }
    }
    if keys.is_empty() {
        return;
    }
    let hay = norm.as_str();
    let mut found: Vec<Mention> = vec![];
    let mut distinct: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
    distinct.sort();
    distinct.dedup();
    for key in distinct {
        // The people this surname may stand for.
        let ids: Vec<EntityId> = keys.iter().filter(|k| k.0 == key).map(|k| k.1).collect();
        // memchr's SIMD search: the same non-overlapping leftmost matches
        // as str::match_indices, at a fraction of the cost.
        for s in memchr::memmem::find_iter(hay.as_bytes(), key.as_bytes()) {
            let e = s + key.len();
            if !norm.is_boundary(s) || !norm.is_boundary(e) {
                continue;
            }
            let (os, oe) = norm.original_span(text, s, e);
            if !word_boundaries(text, os, oe) || !case_ok(&text[os..oe], true) {
                continue;
            }
            // The most recent full mention before this point.
            let Some(who) = mentions
                .iter()
                .rev()
                .filter(|m| m.span.end <= os && m.match_type != MatchType::Surname)
                .map(|m| m.entity)
                .find(|e| ids.contains(e))
            else {
                continue;
            };
            let before = text[..os].trim_end();
            let titled = STRONG_TITLES
                .iter()
                .chain(ROLE_WORDS.iter())
                .any(|t| before.ends_with(t));
            found.push(Mention {
                span: Span {
                    start: os,
                    end: oe,
                    char_start: 0,
                    char_end: 0,
                },
                entity: who,
                match_type: MatchType::Surname,
                candidates: vec![Candidate {
                    entity: who,
                    match_type: MatchType::Surname,
                }],
                confidence: if titled { 0.9 } else { 0.8 },
                rule: "coref",
                runner_up: None,
            });
        }
    }
    if found.is_empty() {
        return;
    }
    for f in found {
        // A place of exactly this span gives way; anything else overlapping wins.
        let clash = mentions
            .iter()
            .position(|m| m.span.start < f.span.end && f.span.start < m.span.end);
        match clash {
            None => mentions.push(f),
            Some(k) => {
                let m = &mentions[k];
                if m.span.start == f.span.start
                    && m.span.end == f.span.end
                    && entity(m.entity).kind.is_place()
                {
                    mentions[k] = f;
                }
            }
        }
    }
    mentions.sort_by_key(|m| m.span.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_forms() {
        assert_eq!(surnames("Sergei Lavrov"), ["Lavrov"]);
        assert_eq!(surnames("Bashar al-Assad"), ["al-Assad", "Assad"]);
        assert!(surnames("Lavrov").is_empty());
        assert_eq!(slug("Ahmed  Karimi"), "ahmed-karimi");
    }

    /// The runs of word characters, the obvious way.
    fn runs(text: &str) -> Vec<(usize, usize)> {
        let mut out = vec![];
        let mut start = None;
        for (i, c) in text.char_indices() {
            let w = if c.is_ascii() {
                WORD_BYTE[c as usize]
            } else {
                is_word_char(c)
            };
            match (start, w) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out
    }

    #[test]
    fn word_runs_from_the_bitmap_are_the_runs() {
        let pieces = [
            "a",
            "Mr.",
            " ",
            "  ",
            "\n",
            "é",
            "’",
            "—",
            "-",
            ".",
            "'",
            "Ahmed",
            ",",
            "İstanbul",
            "日本",
            "\u{301}",
            "x1",
            "...",
            "\u{a0}",
            "President",
            "Mr.",
            "Mr.'",
            "spokesman",
            "Chief",
            "Gen.",
            "leader.",
            "Sen",
        ];
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3000 {
            let mut t = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for k in 0..(x % 90) {
                t.push_str(pieces[((x >> (k % 50)) as usize + k as usize * 7) % pieces.len()]);
            }
            let map = WordMap::new(&t);
            let mut got = vec![];
            let mut pos = 0;
            loop {
                let s = map.next_bit(pos, true);
                if s >= t.len() {
                    break;
                }
                let e = map.next_bit(s, false);
                got.push((s, e));
                pos = e;
            }
            assert_eq!(got, runs(&t), "{t:?}");
            // The title scan finds exactly the title and role words of
            // the word-by-word scan.
            let slow: Vec<(usize, usize)> = map
                .words(0)
                .filter(|w| {
                    let s = &t[w.start..w.end];
                    STRONG.contains(s) || ROLES.contains(s)
                })
                .map(|w| (w.start, w.end))
                .collect();
            let fast: Vec<(usize, usize)> = map
                .titles()
                .into_iter()
                .map(|(w, _)| (w.start, w.end))
                .collect();
            assert_eq!(fast, slow, "{t:?}");
        }
    }

    #[test]
    fn eight_bytes_at_once_agree_with_the_table() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for n in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Every byte value in every lane, then random words.
            let v = if n < 256 * 8 {
                (n / 8 % 256) << (8 * (n % 8)) | 0x4100_2e00_2700_2d00 >> (8 * (n % 8))
            } else {
                x
            };
            let want = v
                .to_le_bytes()
                .iter()
                .enumerate()
                .fold(0u8, |m, (j, &b)| m | (WORD_BYTE_BIT[b as usize] as u8) << j);
            assert_eq!(ascii_word_bytes(v), want, "{v:#x}");
        }
    }

    #[test]
    fn words_and_names() {
        let t = "Mr. Karimi, the spokesman.";
        let map = WordMap::new(t);
        let ws: Vec<&str> = map.words(0).map(|w| &t[w.start..w.end]).collect();
        assert_eq!(ws, ["Mr.", "Karimi", "the", "spokesman"]);
        assert!(is_name_word("O'Brien"));
        assert!(!is_name_word("NATO"));
        assert!(!is_name_word("Monday"));
    }
}
