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

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

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

/// Nouns that end an office's name after a title ("Chief Executive
/// Officer", "Chief Executive"); never name words.
const OFFICE_NOUNS: [&str; 6] = [
    "Officer",
    "Officers",
    "Executive",
    "Commissioner",
    "Inspector",
    "Superintendent",
];

static OFFICE_NOUN: WordList = word_list(&OFFICE_NOUNS);

/// An office's name right after a title: up to three capitalised words,
/// one space apart from the title and each other, the last of them an
/// office noun. Returns where the office ends and the word after it.
fn office_phrase(text: &str, from: usize, first: Option<Word>) -> Option<(usize, Option<Word>)> {
    let mut cur = first;
    let mut prev_end = from;
    let mut found = None;
    for _ in 0..3 {
        let Some(word) = cur else { break };
        let w = &text[word.start..word.end];
        // Another title ends the office: its own name is its business
        // ("Gen. Mayor Inspector X" gives X to Mayor, not to Gen. too).
        if &text[prev_end..word.start] != " "
            || !w.starts_with(|c: char| c.is_uppercase())
            || is_title_word(w)
        {
            break;
        }
        prev_end = word.end;
        cur = Words {
            text,
            pos: word.end,
        }
        .next();
        if OFFICE_NOUN.contains(w) {
            found = Some((prev_end, cur));
        }
    }
    found
}

/// Capitalised words that are not names even after a title (nor are the
/// [`OFFICE_NOUNS`]).
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

/// The length in bytes of the longest title or role word.
const TITLE_MAX: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < STRONG_TITLES.len() {
        if STRONG_TITLES[i].len() > n {
            n = STRONG_TITLES[i].len();
        }
        i += 1;
    }
    let mut i = 0;
    while i < ROLE_WORDS.len() {
        if ROLE_WORDS[i].len() > n {
            n = ROLE_WORDS[i].len();
        }
        i += 1;
    }
    n
};
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

/// Whether a non-ASCII character is a word character.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '’'
}

/// Whether the character at byte `i` of `text` (a character boundary) is
/// a word character, and its length in bytes.
#[inline]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (WORD_BYTE[b as usize], 1);
    }
    let c = text[i..].chars().next().expect("a character");
    (is_word_char(c), c.len_utf8())
}

/// The end of the run of word characters that starts at `start`.
#[inline]
fn run_end(text: &str, start: usize) -> usize {
    let mut i = start;
    while i < text.len() {
        let (w, n) = word_char_at(text, i);
        if !w {
            break;
        }
        i += n;
    }
    i
}

/// The word of the run `start..end` of `text` (trailing dots, apostrophes
/// and hyphens trimmed unless the run is a strong title), if any is left.
#[inline]
fn word(text: &str, start: usize, end: usize) -> Option<Word> {
    let s = &text[start..end];
    // Every trimmed character ends in one of these bytes ('’' in 0x99).
    let end =
        if !matches!(s.as_bytes().last(), Some(b'.' | b'\'' | b'-' | 0x99)) || STRONG.contains(s) {
            end
        } else {
            start + s.trim_end_matches(['.', '\'', '’', '-']).len()
        };
    (end > start).then_some(Word { start, end })
}

/// The words of a text, in order, from a character boundary on: a word
/// is a maximal run of letters, digits, `-`, `'`, `’` and `.`, with
/// trailing dots and apostrophes trimmed (they belong to the sentence,
/// not the word) except in abbreviations ("Mr.", "Gen."); a run trimmed
/// to nothing is no word. Only the few words after a title are read.
struct Words<'a> {
    text: &'a str,
    /// Where the next run may start (a character boundary).
    pos: usize,
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let text = self.text;
        loop {
            let mut start = self.pos;
            loop {
                if start >= text.len() {
                    self.pos = text.len();
                    return None;
                }
                let (w, n) = word_char_at(text, start);
                if w {
                    break;
                }
                start += n;
            }
            let end = run_end(text, start);
            self.pos = end;
            if let Some(w) = word(text, start, end) {
                return Some(w);
            }
        }
    }
}

/// The first bytes of the title words found apart from the others
/// ([`titles`]): "Mr", "Ms" and "Dr." are shorter than four bytes.
const SHORT_START: [u8; 2] = [b'M', b'D'];

/// One search for every other title and role word at once: packed SIMD
/// (Teddy, on four-byte fingerprints) where the CPU has it, an automaton
/// otherwise.
static TITLE_SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Their first four bytes are enough: [`titles`] reads the whole word
    // where one occurs. Fewer, shorter patterns make fewer candidates.
    let mut heads: Vec<&str> = STRONG_TITLES
        .iter()
        .chain(&ROLE_WORDS)
        .filter(|w| !SHORT_START.contains(&w.as_bytes()[0]))
        .map(|w| &w[..w.len().min(4)])
        .collect();
    heads.sort_unstable();
    heads.dedup();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(heads)
        .expect("the title words make an automaton")
});

/// Every title or role word of `text`, in order, with the end of its run
/// (where the words after it start): the words of [`Words`] that are in
/// [`STRONG_TITLES`] or [`ROLE_WORDS`]. Such a word starts its run, so it
/// starts where a title word occurs after a byte that is no word
/// character. The words are found by two searches: every `M` and `D` (a
/// byte search), and [`TITLE_SEARCH`] for the words that start otherwise.
/// The words hold only ASCII word bytes, so no occurrence can span a
/// run's start and hide one that begins there. Scanning every word of the
/// text for titles was the people stages' largest cost; a title is rare.
fn titles(text: &str) -> Vec<(Word, usize)> {
    let bytes = text.as_bytes();
    let mut at: Vec<usize> = memchr::memchr2_iter(SHORT_START[0], SHORT_START[1], bytes).collect();
    let short = at.len();
    at.extend(TITLE_SEARCH.find_iter(text).map(|m| m.start()));
    if short > 0 && short < at.len() {
        at.sort_unstable();
    }
    let mut out = vec![];
    for s in at {
        let starts_run = s == 0 || {
            let b = bytes[s - 1];
            if b < 0x80 {
                !WORD_BYTE[b as usize]
            } else {
                !text[..s].chars().next_back().is_some_and(is_word_char)
            }
        };
        if !starts_run {
            continue;
        }
        let end = run_end(text, s);
        let Some(w) = word(text, s, end) else {
            continue;
        };
        let t = &text[w.start..w.end];
        if STRONG.contains(t) || ROLES.contains(t) {
            out.push((w, end));
        }
    }
    out
}

pub(super) fn is_name_word(s: &str) -> bool {
    // Capitalised, with a lower-case letter, all letters, hyphens and
    // apostrophes: byte by byte in ASCII.
    let shape = if s.is_ascii() {
        let b = s.as_bytes();
        b.first().is_some_and(u8::is_ascii_uppercase)
            && b.iter().any(u8::is_ascii_lowercase)
            && b.iter()
                .all(|&c| c.is_ascii_alphabetic() || c == b'-' || c == b'\'')
    } else {
        s.chars().next().is_some_and(char::is_uppercase)
            && s.chars().any(char::is_lowercase)
            && s.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
    };
    // A hyphenated title needs a hyphen.
    let hyphenated_title = || s.contains('-') && STRONG_TITLES.iter().any(|t| hyphen_title(s, t));
    shape
        && !NOT_NAME.contains(s)
        && !OFFICE_NOUN.contains(s)
        && !is_title_word(s)
        && !hyphenated_title()
}

/// Whether `w` is a strong title (as written) or a role word (in any case).
fn is_title_word(w: &str) -> bool {
    STRONG.contains(w) || ROLE_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w))
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

pub(super) fn slug(name: &str) -> String {
    // ASCII needs no normalization but lower case: the whitespace that
    // normalization collapses becomes one hyphen all the same.
    let n = if name.is_ascii() {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(normalize_str(name))
    };
    let mut out = String::with_capacity(n.len());
    for c in n.chars() {
        if c.is_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The one mention overlapping a titled name `first.0..end`, when it is
/// a town's name exactly on the name's first word and the name's last word
/// is no office's ("Chief Dallas Fire"): its index.
fn given_town(
    gaz: &Gazetteer,
    text: &str,
    mentions: &[Mention],
    first: (usize, usize),
    end: usize,
) -> Option<usize> {
    let mut hits = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.span.start < end && first.0 < m.span.end);
    let (k, m) = hits.next()?;
    let town = hits.next().is_none()
        && (m.span.start, m.span.end) == first
        && m.entity.index() < gaz.len()
        && gaz.facts(m.entity).kind == Kind::City;
    let last = text[..end].rsplit(' ').next().unwrap_or("");
    (town && !OFFICE_WORDS.contains(&last)).then_some(k)
}

/// Capitalised words that end an office's or a building's name, not a
/// person's: "Chief Dallas Fire", "Henderson Police Department" (also read
/// by `person_place`).
pub(super) const OFFICE_WORDS: [&str; 14] = [
    "Department",
    "Fire",
    "Police",
    "Sheriff",
    "School",
    "Schools",
    "Hospital",
    "Council",
    "Court",
    "Library",
    "Airport",
    "Center",
    "County",
    "City",
];

fn overlaps(mentions: &[Mention], start: usize, end: usize) -> bool {
    mentions
        .iter()
        .any(|m| m.span.start < end && start < m.span.end)
}

/// The surname forms of a person's name: its last word, and without an
/// Arabic article ("al-Assad" → "Assad").
pub fn surnames(name: &str) -> Vec<String> {
    surname_forms(name)
        .into_iter()
        .flatten()
        .map(str::to_string)
        .collect()
}

/// [`surnames`] without allocating: the forms, in order, as slices of
/// `name`.
fn surname_forms(name: &str) -> [Option<&str>; 2] {
    let mut words = name.split_whitespace();
    let (Some(last), Some(_)) = (words.next_back(), words.next()) else {
        return [None, None];
    };
    let last = last.trim_matches(|c: char| !c.is_alphanumeric());
    let keep = |s: &str| s.chars().count() >= 2 && s.chars().any(char::is_uppercase);
    // The articles differ within their first three bytes or in their
    // length, so at most one is a prefix.
    let bare = [
        "al-", "Al-", "el-", "El-", "ad-", "as-", "ash-", "an-", "ar-", "az-",
    ]
    .iter()
    .find_map(|art| last.strip_prefix(art));
    [Some(last).filter(|s| keep(s)), bare.filter(|s| keep(s))]
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
    for (title, run_end) in titles(text) {
        let w = &text[title.start..title.end];
        let strong = STRONG.contains(w);
        let mut ws = Words { text, pos: run_end };
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
        // An office between the title and the name is part of the title:
        // "Chief Executive Officer Basil Bigbie", "Chief Financial
        // Officer Alex Sink".
        if let Some((end, next)) = office_phrase(text, run_end, cur) {
            prev_end = end;
            cur = next;
            let Some(next) = next else {
                continue;
            };
            ws = Words {
                text,
                pos: next.end,
            };
        }
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
                        .flat_map(|m| surname_forms(&gaz.get(m.entity).name))
                        .flatten()
                        .map(normalize_str)
                        .collect()
                });
                known.contains(&normalize_str(&text[start..end]))
            };
            // A town's name as the given name after a title ("Mayor Al
            // Larson", "Commander Kyle Lanier") gives way to the person.
            let given_town = (n >= 2 && (strong || w.starts_with(char::is_uppercase)))
                .then(|| given_town(gaz, text, mentions, (first.start, first.end), end))
                .flatten();
            let clear = (given_town.is_some() || !overlaps(mentions, start, end))
                && !overlaps(&added, start, end);
            if !is_known && clear && word_boundaries(text, start, end) {
                if let Some(k) = given_town {
                    mentions.remove(k);
                }
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
        let forms = surname_forms(&e.name)
            .into_iter()
            .chain(surname_forms(surface));
        for f in forms.flatten() {
            let k = normalize_str(f);
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
            // Whether `before` ends with a title or role word (as the
            // words are written, at any byte): its suffix of each length
            // looked up.
            let titled = (1..=TITLE_MAX).any(|n| {
                before.len() >= n
                    && before
                        .get(before.len() - n..)
                        .is_some_and(|t| STRONG.contains(t) || ROLES.contains(t))
            });
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
        assert_eq!(slug("Ana O'Neil-Ruiz "), "ana-o-neil-ruiz");
        assert_eq!(slug("José  Ñúñez"), "jose-nunez");
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
    fn words_are_the_trimmed_runs_and_titles_the_title_words() {
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
            "Mrs",
            "Ms",
            "spokesman",
            "spokeswoman",
            "Chief",
            "chief",
            "Gen.",
            "leader.",
            "Sen",
            "King",
            "dom",
            "Commander",
            "x",
        ];
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut found = 0;
        for _ in 0..5000 {
            let mut t = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for k in 0..(x % 90) {
                t.push_str(pieces[((x >> (k % 50)) as usize + k as usize * 7) % pieces.len()]);
            }
            let words: Vec<(usize, usize)> = Words { text: &t, pos: 0 }
                .map(|w| (w.start, w.end))
                .collect();
            let want: Vec<(usize, usize)> = runs(&t)
                .into_iter()
                .filter_map(|(s, e)| word(&t, s, e).map(|w| (w.start, w.end)))
                .collect();
            assert_eq!(words, want, "{t:?}");
            // The title search finds exactly the title and role words of
            // the word-by-word scan, with their runs' ends.
            let slow: Vec<(usize, usize, usize)> = runs(&t)
                .into_iter()
                .filter_map(|(s, e)| word(&t, s, e).map(|w| (w.start, w.end, e)))
                .filter(|&(s, e, _)| STRONG.contains(&t[s..e]) || ROLES.contains(&t[s..e]))
                .collect();
            let fast: Vec<(usize, usize, usize)> = titles(&t)
                .into_iter()
                .map(|(w, e)| (w.start, w.end, e))
                .collect();
            assert_eq!(fast, slow, "{t:?}");
            found += fast.len();
        }
        assert!(found > 1000, "the texts hold titles: {found}");
    }

    #[test]
    fn words_and_names() {
        let t = "Mr. Karimi, the spokesman.";
        let ws: Vec<&str> = Words { text: t, pos: 0 }
            .map(|w| &t[w.start..w.end])
            .collect();
        assert_eq!(ws, ["Mr.", "Karimi", "the", "spokesman"]);
        assert!(is_name_word("O'Brien"));
        assert!(!is_name_word("NATO"));
        assert!(!is_name_word("Monday"));
        assert!(is_name_word("Müller-Lüdenscheidt"));
        assert!(is_name_word("O’Neil"));
        assert!(!is_name_word("ÉTAT"));
        assert!(!is_name_word("Vice-President"));
        assert!(!is_name_word("Ex-president"));
        assert!(!is_name_word("Chief"));
        assert!(!is_name_word("Al-Assad1"));
    }
}
