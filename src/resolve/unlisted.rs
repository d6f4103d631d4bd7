//! Places the gazetteer lacks (`unlisted`): a capitalised name that the
//! text itself calls a place. Runs after the people stages, on resolved
//! mentions, because it adds mentions (as [`super::people`]'s titles do).
//!
//! Four cues introduce such a name, each a habit of news English:
//!
//! - **a place word and "of"**: "the village of Saldana", "the coastal
//!   town of Bou Ismail", "the villages of Tarnow, Ceamurla de Jos and
//!   Beleni", "the island of Nusa Lembongan" (the place word written in
//!   lower case; lower-case particles inside the name, never first);
//! - **a division word after it**: "the Kibera district", "in Ouled area",
//!   "the eastern Sharqiya province" (after "the", "in", "at", "from",
//!   "near", "and", "of" or "to", possibly with a compass or
//!   "remote"-like adjective between; not "village": "the Olympic
//!   village");
//! - **a known place after a comma or in brackets**: "in Weiswil,
//!   Luxembourg", "from Grantsburg, Pennsylvania", "into Tarrazu (San José
//!   Province)" (after "in", "at", "from", "near", "outside", "to",
//!   "into", "and", ";", or "of" after a lower-case word: "the hills of X,
//!   Y", not "the Department of X, Y"). The known place must end the
//!   phrase ("in X, Kenya, in 1950", "X, Kenya — and", not "to X, Russia
//!   is able" or "X, Oakland police spokesman"); in a list (after ";" or
//!   "and") it must be a country or division ("Kennedy, Casey; Gustard,
//!   Dawson" is a team sheet), and brackets count after a preposition
//!   only;
//! - **an apposition**: "Dogubey, a farming town in eastern Turkey" (up to
//!   three lower-case words, no "for", "of" or other function word, the
//!   last a place word: not "a lobbyist for the city of", nor "a joint
//!   vocational district").
//!
//! The name is one to three capitalised words (no digits, none a title,
//! weekday, month or article, none a lower-case hyphen part such as
//! "-controlled", the last no facility or street word such as "Hospital",
//! "Road" or "Way", the first no given name when there are several; no
//! possessive, no lone adjective of a people such as "Welsh" or
//! "Sudanese"; none the gazetteer has and the rules turned down). It
//! becomes a document-local entity (`local:saldana`, kind city, or region
//! after a division word or "island"), `match` = `unlisted`, and every
//! other occurrence of the name in the document, written the same way and
//! not part of another mention, links to it.
//!
//! **Where it is.** The gazetteer cannot say, so the entity takes the
//! point, country and first-level division of the place the text puts it
//! in: the known place after the comma; else the first place mentioned
//! after the name in the same clause ("the village of Saldana in Brăila
//! county"; the clause ends at a comma before a lower-case word: "X,
//! where the birds came from Russia"); else the country of a demonym just
//! before the place word ("the Kurdish village of"); else the nearest
//! place mentioned before it in the document's main country (the one most
//! of its places are in), or the first after it. A country or a
//! first-level division is a poor point for a village, so one found so is
//! replaced by the nearest city (or, for a country, division) of it that
//! the document mentions. The error is the distance from that place (tens
//! of kilometres when it is a district, hundreds when it is a country),
//! which the confidence reflects: its raw values are the share of such
//! mentions right (span matched, within 161 km) on the even-numbered
//! documents of the geoparsing corpora, per way of locating, and the
//! calibration keeps them unless it has a group of their own. The
//! anchor's id is the entity's `source` (`unlisted near gn:2653941`), the
//! way of locating its `subtype`.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::entity::{Candidate, Entity, EntityId, Kind, MatchType, Mention, Span};
use crate::gazetteer::Gazetteer;
use crate::matcher::word_boundaries;

use super::person_place::PersonPlace;
use super::{word_list, WordList};

/// Lower-case place words before "of": their kind is the entity's.
const OF_CUES: [(&str, Kind); 26] = [
    ("village of ", Kind::City),
    ("villages of ", Kind::City),
    ("town of ", Kind::City),
    ("towns of ", Kind::City),
    ("city of ", Kind::City),
    ("hamlet of ", Kind::City),
    ("hamlets of ", Kind::City),
    ("community of ", Kind::City),
    ("communities of ", Kind::City),
    ("suburb of ", Kind::City),
    ("suburbs of ", Kind::City),
    ("township of ", Kind::City),
    ("settlement of ", Kind::City),
    ("area of ", Kind::City),
    ("port of ", Kind::City),
    ("district of ", Kind::Region),
    ("districts of ", Kind::Region),
    ("province of ", Kind::Region),
    ("provinces of ", Kind::Region),
    ("region of ", Kind::Region),
    ("county of ", Kind::Region),
    ("municipality of ", Kind::Region),
    ("governorate of ", Kind::Region),
    ("prefecture of ", Kind::Region),
    ("island of ", Kind::Region),
    ("islands of ", Kind::Region),
];

/// Lower-case division words after a name. Not "village": "the Olympic
/// village", "the athletes village".
const SUFFIX_CUES: [(&str, Kind); 9] = [
    (" district", Kind::Region),
    (" region", Kind::Region),
    (" province", Kind::Region),
    (" county", Kind::Region),
    (" municipality", Kind::Region),
    (" governorate", Kind::Region),
    (" prefecture", Kind::Region),
    (" island", Kind::Region),
    (" area", Kind::City),
];

/// Words after which a name before a division word is a place ("the X
/// district", "in X area").
static BEFORE_SUFFIX: WordList = word_list(&[
    "the", "in", "at", "from", "near", "and", "of", "to", "into", "across",
]);

/// Adjectives allowed between such a word and the name ("the eastern X
/// province").
static ADJECTIVES: WordList = word_list(&[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "remote",
    "rural",
    "coastal",
    "nearby",
    "neighbouring",
    "neighboring",
    "mountainous",
]);

/// Words after which "X, Known Place" names a place.
static BEFORE_COMMA: WordList = word_list(&[
    "in", "at", "from", "near", "outside", "to", "into", "and", "of",
]);

/// Lower-case words inside a place's name ("Ceamurlia de Jos", "Villa del
/// Rio"), read after a place word only.
static INNER_PARTICLES: WordList = word_list(&[
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le", "el", "al", "van",
    "von", "der", "den", "y", "upon", "on",
]);

/// Words that end an apposition's description before a place word could:
/// "Ana Ruiz, a lobbyist for the city of" describes a person.
static FUNCTION_WORDS: WordList = word_list(&[
    "for", "of", "in", "the", "from", "at", "with", "to", "on", "by", "and", "or", "who", "which",
    "that",
]);

/// Place words an apposition may end with ("Dogu, a farming town in").
/// Not "district": "a joint vocational district" is a school's.
static APPOSITION_WORDS: WordList = word_list(&[
    "town",
    "village",
    "city",
    "hamlet",
    "community",
    "suburb",
    "township",
    "settlement",
    "port",
    "region",
    "province",
    "island",
    "municipality",
]);

/// Capitalised words that are not (the start of) a place's name.
static NOT_PLACE_WORDS: WordList = word_list(&[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "Your",
    "He",
    "She",
    "It",
    "They",
    "We",
    "You",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
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
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Upper",
    "Lower",
    "Greater",
    "New",
    "Old",
    "Saint",
    "Shiite",
    "Shia",
    "Sunni",
    "Muslim",
    "Moslem",
    "Christian",
    "Catholic",
    "Protestant",
    "Orthodox",
    "Jewish",
    "Hindu",
    "Buddhist",
    "Sikh",
    "Alawite",
    "Druze",
    "Arab",
    "Tribal",
    "Federal",
    "State",
    "National",
    "Government",
    "Police",
    "Army",
    "Health",
    "School",
    "Congressional",
    "Senate",
    "Assembly",
    "Parliamentary",
    "Electoral",
    "Metropolitan",
    "Metro",
    "Downtown",
    "Capital",
    "Autonomous",
    "Special",
    "Administrative",
    "Economic",
    "Free",
    "Industrial",
    "Military",
    "Security",
    "Development",
    "Census",
    "Postal",
    "Tourist",
    "Border",
]);

/// Adjectives of peoples and regions that the gazetteer's demonyms (of
/// countries) do not cover and that no suffix gives away.
static PEOPLES: WordList = word_list(&[
    "Welsh",
    "Basque",
    "Catalan",
    "Breton",
    "Galician",
    "Bavarian",
    "Tamil",
    "Pashtun",
    "Baluch",
    "Uighur",
    "Uyghur",
    "Tibetan",
    "Chechen",
    "Zulu",
    "Hausa",
    "Yoruba",
    "Igbo",
    "Maori",
    "Aboriginal",
    "Arabic",
    "Persian",
    "Hispanic",
    "Latino",
    "African",
    "Asian",
    "European",
    "American",
    "Western",
    "Eastern",
]);

/// Words that end an institution's or a street's name, not a place's.
static FACILITY_WORDS: WordList = word_list(&[
    "Center",
    "Centre",
    "Hospital",
    "Clinic",
    "Road",
    "Street",
    "Way",
    "Close",
    "Crescent",
    "Terrace",
    "Avenue",
    "Lane",
    "Drive",
    "Boulevard",
    "Highway",
    "Airport",
    "University",
    "College",
    "School",
    "Academy",
    "Institute",
    "Church",
    "Cathedral",
    "Mosque",
    "Temple",
    "Hotel",
    "Stadium",
    "Arena",
    "Station",
    "Market",
    "Mall",
    "Ministry",
    "Department",
    "Council",
    "Company",
    "Corporation",
    "Court",
    "Bridge",
    "Prison",
    "Jail",
    "Base",
    "Camp",
    "Farm",
    "Park",
    "Zoo",
    "Museum",
    "Library",
    "Laboratory",
    "Laboratories",
    "Hall",
    "House",
    "Building",
    "Tower",
    "Plaza",
    "Club",
    "Party",
    "Army",
    "Police",
    "Service",
    "Agency",
    "Group",
    "Bank",
    "Office",
    "Commission",
    "Committee",
    "Foundation",
    "Association",
    "Inc",
    "Ltd",
    "Corp",
    "News",
    "Times",
    "Post",
    "Development",
    "Resources",
    "Affairs",
    "Services",
    "Education",
    "Transportation",
    "Agriculture",
    "Justice",
    "Defense",
    "Defence",
    "Energy",
    "Commerce",
    "Labor",
    "Labour",
    "Treasury",
]);

/// Lower-case hyphen parts a place's name may hold ("Bab el-Oued",
/// "Saint-Denis-en-Val"); any other ("Georgian-controlled") is no name.
static NAME_PARTICLES: WordList = word_list(&[
    "al", "el", "ad", "as", "ash", "an", "ar", "az", "ul", "de", "du", "en", "la", "le", "les",
    "sur", "sous", "i", "e", "y", "o", "am", "im", "bei", "upon", "on", "by",
]);

/// One search for the division words after a name (packed SIMD where the
/// CPU has it). The place words before "of" are read where " of " occurs
/// (a `memmem` search), as one automaton over both kinds of cue would
/// need overlapping matches (" village" starts inside "the village of"),
/// which cost the whole pipeline 9% on the benchmark corpus.
static SUFFIXES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        // Without their leading space: patterns that all start with one
        // byte leave the prefilter only that byte to look for.
        .build(SUFFIX_CUES.iter().map(|c| &c.0[1..]))
        .expect("the division words make an automaton")
});

/// How the place was located (the entity's `subtype`), and the raw
/// confidence that goes with it: the share right (span matched and within
/// 161 km of gold) among such mentions in the even-numbered documents of
/// LGL and GeoVirus, measured 2026-11-30: 9 of 13 after a comma and 6 of 7
/// by a place later in the sentence (pooled: 15 of 20, too few to tell
/// apart), 4 of 6 by a demonym, 15 of 30 by the nearest place.
const AFTER_COMMA: (&str, f32) = ("after-comma", 0.75);
const SAME_SENTENCE: (&str, f32) = ("same-sentence", 0.75);
const BY_DEMONYM: (&str, f32) = ("demonym", 0.67);
const NEAREST: (&str, f32) = ("nearest", 0.5);

/// The searches for " of " and ", a" (", a " and ", an "), built once.
static OF: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b" of "));
static COMMA_A: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b", a"));

/// The unlisted-places stage.
#[derive(Clone, Debug, Default)]
pub struct Unlisted {
    given: PersonPlace,
}

/// A name found by a cue.
struct Found {
    start: usize,
    end: usize,
    kind: Kind,
    /// The known place after the comma, if that was the cue.
    anchor: Option<EntityId>,
    /// Where the cue phrase starts (for a demonym before it).
    cue_start: usize,
}

impl Unlisted {
    /// The stage for a gazetteer (its given names tell a person's name
    /// from a place's).
    pub fn new(given: PersonPlace) -> Unlisted {
        Unlisted { given }
    }

    /// Adds the document's unlisted places to `mentions` (kept in offset
    /// order) and their entities to `locals`.
    ///
    /// `listed` says whether a name is one the gazetteer has (the
    /// matcher finds it whole): such a name that the rules turned down
    /// ("the University of California, San Diego") is not unlisted.
    pub fn add(
        &self,
        gaz: &Gazetteer,
        text: &str,
        mentions: &mut Vec<Mention>,
        locals: &mut Vec<Entity>,
        listed: impl Fn(&str) -> bool,
    ) {
        let mut found = vec![];
        self.by_cues(text, mentions, &mut found);
        self.by_commas(gaz, text, mentions, &mut found);
        self.by_appositions(text, &mut found);
        if found.is_empty() {
            return;
        }
        found.sort_by_key(|f| (f.start, f.end));
        let mut added: Vec<Mention> = vec![];
        for f in found {
            if overlaps(mentions, f.start, f.end) || overlaps(&added, f.start, f.end) {
                continue;
            }
            let name = &text[f.start..f.end];
            if listed(name) {
                continue;
            }
            let id = format!("local:{}", super::people::slug(name));
            let idx = match locals.iter().position(|e| e.id == id) {
                // The same name as a person of this document: not a place.
                Some(k) if matches!(locals[k].kind, Kind::Person) => continue,
                Some(k) => k,
                None => {
                    let (anchor, how) = match f.anchor {
                        Some(a) => (Some(a), AFTER_COMMA),
                        None => locate(gaz, text, mentions, &f),
                    };
                    let anchor = anchor.map(|a| refine(gaz, mentions, a, f.start));
                    let mut e = Entity::new(id, f.kind, name);
                    if let Some(a) = anchor {
                        let known = gaz.get(a);
                        e.country = known.country.clone();
                        e.admin1 = known.admin1.clone();
                        e.coord = known.coord;
                        e.source = format!("unlisted near {}", known.id);
                    } else {
                        e.source = "unlisted".into();
                    }
                    e.subtype = how.0.into();
                    locals.push(e);
                    locals.len() - 1
                }
            };
            let conf = conf_of(&locals[idx].subtype);
            let entity = EntityId((gaz.len() + idx) as u32);
            added.push(mention(f.start, f.end, entity, conf));
        }
        if added.is_empty() {
            return;
        }
        // Every other occurrence of each new name, written alike.
        let mut names: Vec<(&str, EntityId, f32)> = added
            .iter()
            .map(|m| (&text[m.span.start..m.span.end], m.entity, m.confidence))
            .collect();
        names.sort_by_key(|n| n.1);
        names.dedup_by_key(|n| n.1);
        for (name, entity, conf) in names {
            for s in memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()) {
                let e = s + name.len();
                if word_boundaries(text, s, e)
                    && !hyphen_joined(text, s, e)
                    && !overlaps(mentions, s, e)
                    && !overlaps(&added, s, e)
                {
                    added.push(mention(s, e, entity, conf));
                }
            }
        }
        mentions.extend(added);
        mentions.sort_by_key(|m| m.span.start);
    }

    /// Names after "village of" and before "district".
    fn by_cues(&self, text: &str, mentions: &[Mention], found: &mut Vec<Found>) {
        for of in OF.find_iter(text.as_bytes()) {
            // The place word before " of ", starting a word.
            let w = token_len_back(&text[..of]);
            let word_start = of - w;
            let cue = OF_CUES.iter().find(|c| {
                c.0.len() == w + 4 && c.0.as_bytes()[..w] == text.as_bytes()[word_start..of]
            });
            let Some(&(_, kind)) = cue else {
                continue;
            };
            // The name, then more joined by ", " or " and ".
            let mut at = of + 4;
            while let Some(end) = self.name_after(text, at) {
                found.push(Found {
                    start: at,
                    end,
                    kind,
                    anchor: None,
                    cue_start: word_start,
                });
                let rest = &text[end..];
                let joint = [", and ", " and ", ", "]
                    .iter()
                    .find(|j| rest.starts_with(**j));
                match joint {
                    Some(j) => at = end + j.len(),
                    None => break,
                }
            }
        }
        for m in SUFFIXES.find_iter(text) {
            let (_, kind) = SUFFIX_CUES[m.pattern().as_usize()];
            // A space before the division word.
            let Some(space) = m.start().checked_sub(1) else {
                continue;
            };
            if text.as_bytes()[space] != b' ' {
                continue;
            }
            // The division word ends a word.
            if text[m.end()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let Some(start) = self.name_before(text, space) else {
                continue;
            };
            if !word_before_is(text, start, &BEFORE_SUFFIX, true) {
                continue;
            }
            if overlaps(mentions, start, space) {
                continue;
            }
            found.push(Found {
                start,
                end: space,
                kind,
                anchor: None,
                cue_start: start,
            });
        }
    }

    /// Names before ", Known Place".
    fn by_commas(&self, gaz: &Gazetteer, text: &str, mentions: &[Mention], found: &mut Vec<Found>) {
        for m in mentions {
            let Some(comma) = m.span.start.checked_sub(2) else {
                continue;
            };
            let sep = &text.as_bytes()[comma..m.span.start];
            if !(sep == b", " || sep == b" (") || !is_known_place(gaz, m) {
                continue;
            }
            let Some(start) = self.name_before(text, comma) else {
                continue;
            };
            let before = text[..start].trim_end_matches(' ');
            let listed = before.ends_with(';') || before.ends_with(" and");
            if !(before.ends_with(';') || word_before_is(text, start, &BEFORE_COMMA, false)) {
                continue;
            }
            // In a list ("Laos; Shwe Kyin, Myanmar"), only a country or a
            // division: "Kennedy, Casey; Gustard, Dawson" is a team sheet.
            // In brackets, only after a preposition: "and Izzo (HOVA)".
            if listed
                && (sep == b" ("
                    || !matches!(gaz.facts(m.entity).kind, Kind::Country | Kind::Region))
            {
                continue;
            }
            // "of" after a lower-case word only ("the hills of X, Y", not
            // "the Department of X, Y").
            if before.ends_with(" of") && !lower_word_before(&before[..before.len() - 3]) {
                continue;
            }
            // The known place ends the phrase: "in X, Kenya, in 1950", not
            // "to X, Russia is able" or "X, Oakland police spokesman".
            if sep == b", " && !ends_phrase(&text[m.span.end..]) {
                continue;
            }
            found.push(Found {
                start,
                end: comma,
                kind: Kind::City,
                anchor: Some(m.entity),
                cue_start: start,
            });
        }
    }

    /// Names before ", a farming town in": an apposition of one to three
    /// lower-case words ending with a place word.
    fn by_appositions(&self, text: &str, found: &mut Vec<Found>) {
        for comma in COMMA_A.find_iter(text.as_bytes()) {
            // ", a " or ", an ".
            let rest = &text[comma + 3..];
            let Some(rest) = rest.strip_prefix(' ').or_else(|| rest.strip_prefix("n ")) else {
                continue;
            };
            // Up to three lower-case words, the last a place word, then a
            // word boundary.
            let mut words = rest.split(' ');
            let mut place = None;
            for w in words.by_ref().take(3) {
                let bare = w.trim_end_matches([',', '.', ';']);
                if !bare.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    || bare.is_empty()
                    || FUNCTION_WORDS.contains(bare)
                {
                    break;
                }
                if APPOSITION_WORDS.contains(bare) {
                    place = Some(bare);
                    break;
                }
                if bare.len() < w.len() {
                    break;
                }
            }
            let Some(place) = place else {
                continue;
            };
            let kind = match place {
                "region" | "province" | "island" | "municipality" => Kind::Region,
                _ => Kind::City,
            };
            let Some(start) = self.name_before(text, comma) else {
                continue;
            };
            found.push(Found {
                start,
                end: comma,
                kind,
                anchor: None,
                cue_start: comma,
            });
        }
    }

    /// The end of a place's name starting at `at`: one to three
    /// capitalised words a space apart.
    fn name_after(&self, text: &str, at: usize) -> Option<usize> {
        let mut end = at;
        let mut n = 0;
        let mut pos = at;
        loop {
            let w = token_len(&text[pos..]);
            let word = &text[pos..pos + w];
            // A particle joined to a name ("al-Jabal") never starts one.
            if w == 0 || !(place_word(word) || (n > 0 && particle_word(word))) {
                break;
            }
            n += 1;
            end = pos + w;
            if n == 3 || !text[end..].starts_with(' ') {
                break;
            }
            pos = end + 1;
            // Over one lower-case particle ("Ceamurlia de Jos") when a
            // name's word follows it.
            let p = token_len(&text[pos..]);
            if p > 0 && INNER_PARTICLES.contains(&text[pos..pos + p]) {
                let q = pos + p + 1;
                let w2 = text
                    .get(q..)
                    .filter(|_| text[pos + p..].starts_with(' '))
                    .map_or(0, token_len);
                if w2 == 0 || !place_word(&text[q..q + w2]) {
                    break;
                }
                pos = q;
            }
        }
        (n > 0 && self.good_name(&text[at..end])).then_some(end)
    }

    /// The start of a place's name ending at `end`: one to three
    /// capitalised words a space apart.
    fn name_before(&self, text: &str, end: usize) -> Option<usize> {
        let mut start = end;
        let mut n = 0;
        loop {
            let w = token_len_back(&text[..start]);
            if w == 0 || !place_word(&text[start - w..start]) {
                break;
            }
            // Keep going only over another such word a space before.
            n += 1;
            start -= w;
            if n == 3 || !text[..start].ends_with(' ') {
                break;
            }
            let prev = start - 1;
            let w2 = token_len_back(&text[..prev]);
            if w2 == 0 || !place_word(&text[prev - w2..prev]) {
                break;
            }
            start = prev;
        }
        if n == 0 {
            return None;
        }
        // The words must start the run of capitalised words, not end a
        // longer name ("the Royal Free Hospital Trust district").
        let w = token_len_back(text[..start].trim_end_matches(' '));
        let before = text[..start].trim_end_matches(' ');
        if w > 0 && before.len() + 1 == start && super::capitalised(&before[before.len() - w..]) {
            return None;
        }
        self.good_name(&text[start..end]).then_some(start)
    }

    /// Whether a run of capitalised words may be a place's name: not a
    /// possessive ("Alzheimer's"), not one adjective of a people
    /// ("Welsh", "Flemish", "Sudanese"), no given name first.
    fn good_name(&self, name: &str) -> bool {
        if name.ends_with("'s") || name.ends_with("’s") {
            return false;
        }
        if !name.contains(' ')
            && (name.ends_with("ish") || name.ends_with("ese") || PEOPLES.contains(name))
        {
            return false;
        }
        let first = name.split(' ').next().unwrap_or("");
        let last = name.rsplit(' ').next().unwrap_or("");
        // A given name first makes a person's name ("Peter Okoth").
        let person = name.contains(' ') && self.given.is_given(first);
        !(NOT_PLACE_WORDS.contains(first) || FACILITY_WORDS.contains(last) || person)
    }
}

/// A new mention of an unlisted place.
fn mention(start: usize, end: usize, entity: EntityId, confidence: f32) -> Mention {
    Mention {
        span: Span {
            start,
            end,
            char_start: 0,
            char_end: 0,
        },
        entity,
        match_type: MatchType::Unlisted,
        candidates: vec![Candidate {
            entity,
            match_type: MatchType::Unlisted,
        }],
        confidence,
        rule: "unlisted",
        runner_up: None,
    }
}

/// The raw confidence of a way of locating, by its name.
fn conf_of(how: &str) -> f32 {
    [AFTER_COMMA, SAME_SENTENCE, BY_DEMONYM]
        .iter()
        .find(|h| h.0 == how)
        .map_or(NEAREST.1, |h| h.1)
}

/// Whether a mention is of a gazetteer place with a point, named (not a
/// demonym).
fn is_known_place(gaz: &Gazetteer, m: &Mention) -> bool {
    m.entity.index() < gaz.len()
        && matches!(
            m.match_type,
            MatchType::Name | MatchType::Alias | MatchType::Weak
        )
        && matches!(
            gaz.facts(m.entity).kind,
            Kind::Country | Kind::Region | Kind::City
        )
        && gaz.get(m.entity).coord.is_some()
}

/// The place an unlisted name found by a place word lies in, and the
/// confidence that goes with how it was found.
fn locate(
    gaz: &Gazetteer,
    text: &str,
    mentions: &[Mention],
    f: &Found,
) -> (Option<EntityId>, (&'static str, f32)) {
    // The first place after it in the same sentence (a country there is
    // refined by [`refine`]).
    let sentence_end = clause_end(text, f.end);
    let after = mentions
        .iter()
        .filter(|m| m.span.start >= f.end && m.span.start < sentence_end.min(f.end + 100))
        .find(|m| is_known_place(gaz, m));
    if let Some(m) = after {
        return (Some(m.entity), SAME_SENTENCE);
    }
    // A demonym just before the place word ("the Kurdish village of").
    let demonym = mentions.iter().rev().find(|m| {
        m.span.end <= f.cue_start
            && f.cue_start - m.span.end <= 25
            && m.match_type == MatchType::Demonym
            && m.entity.index() < gaz.len()
            && !text[m.span.end..f.cue_start].contains(['.', '\n'])
    });
    if let Some(m) = demonym.filter(|m| gaz.get(m.entity).coord.is_some()) {
        return (Some(m.entity), BY_DEMONYM);
    }
    // The nearest place before it in the document's country (the one
    // most of its places are in), else the first after it: a place
    // merely nearby in the text may be anywhere.
    let country = main_country(gaz, mentions);
    let in_country = |m: &&Mention| {
        is_known_place(gaz, m) && country.is_some_and(|c| gaz.get(m.entity).country == c)
    };
    let before = mentions
        .iter()
        .rev()
        .filter(|m| m.span.end <= f.start)
        .find(in_country);
    let next = || {
        mentions
            .iter()
            .filter(|m| m.span.start >= f.end)
            .find(in_country)
    };
    (before.or_else(next).map(|m| m.entity), NEAREST)
}

/// Where the clause that starts at `from` ends: at the end of the
/// sentence, a semicolon, or a comma before a lower-case word ("X and Y,
/// where the virus came from Russia" ends before "where").
fn clause_end(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'.' | b'\n' | b'!' | b'?' | b';' => return i,
            b',' if b.get(i + 1) == Some(&b' ')
                && b.get(i + 2).is_some_and(u8::is_ascii_lowercase) =>
            {
                return i;
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// A country, or a first-level division, is a poor point for a village:
/// the nearest (in the text) city or division of that country, or city
/// of that division, the document mentions is a better one.
fn refine(gaz: &Gazetteer, mentions: &[Mention], anchor: EntityId, at: usize) -> EntityId {
    let known = gaz.get(anchor);
    let inside = |e: &crate::entity::Entity, kind: Kind| match gaz.facts(anchor).kind {
        Kind::Country => matches!(kind, Kind::Region | Kind::City) && e.country == known.country,
        Kind::Region if known.feature_code.starts_with("ADM1") && !known.admin1.is_empty() => {
            kind == Kind::City && e.admin1 == known.admin1
        }
        _ => false,
    };
    mentions
        .iter()
        .filter(|m| is_known_place(gaz, m) && inside(gaz.get(m.entity), gaz.facts(m.entity).kind))
        .min_by_key(|m| m.span.start.abs_diff(at))
        .map_or(anchor, |m| m.entity)
}

/// The country most of the document's place mentions are in (demonyms
/// too; ties to the first mentioned).
fn main_country<'g>(gaz: &'g Gazetteer, mentions: &[Mention]) -> Option<&'g str> {
    let mut counts: Vec<(&str, usize)> = vec![];
    for m in mentions {
        if m.entity.index() >= gaz.len()
            || !matches!(
                gaz.facts(m.entity).kind,
                Kind::Country | Kind::Region | Kind::City
            )
        {
            continue;
        }
        let c = gaz.get(m.entity).country.as_str();
        if c.is_empty() {
            continue;
        }
        match counts.iter_mut().find(|x| x.0 == c) {
            Some(x) => x.1 += 1,
            None => counts.push((c, 1)),
        }
    }
    // The first of the most counted: max_by_key keeps the last of equals.
    counts.iter().rev().max_by_key(|x| x.1).map(|x| x.0)
}

/// Whether a word of `set` ends right before `start` (one space between;
/// with `adjective`, possibly over one adjective of [`ADJECTIVES`]).
fn word_before_is(text: &str, start: usize, set: &WordList, adjective: bool) -> bool {
    let Some(before) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let w = token_len_back(before);
    let word = &before[before.len() - w..];
    if set.contains(word) {
        return true;
    }
    if adjective && ADJECTIVES.contains(word) {
        return word_before_is(text, before.len() - w, set, false);
    }
    false
}

/// Words that may follow "X, Known Place" when it names where X is.
static AFTER_PLACE: WordList = word_list(&[
    "for",
    "on",
    "in",
    "at",
    "and",
    "or",
    "to",
    "from",
    "with",
    "where",
    "when",
    "before",
    "after",
    "since",
    "during",
    "until",
    "last",
    "this",
    "yesterday",
    "today",
    "earlier",
    "recently",
    "near",
    "who",
    "which",
    "while",
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
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]);

/// Whether the text after a known place lets it end a place phrase:
/// nothing, punctuation (after a space too: "Kenya — and"), a digit, a
/// weekday or month, or one of [`AFTER_PLACE`].
fn ends_phrase(after: &str) -> bool {
    let Some(c) = after.chars().next() else {
        return true;
    };
    // "Parkinson's": a possessive is no place phrase.
    if c == '\'' || c == '’' {
        return !after[c.len_utf8()..].starts_with('s');
    }
    if c == ' ' {
        let rest = &after[1..];
        let w = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        return w == 0 || AFTER_PLACE.contains(&rest[..w]);
    }
    !c.is_alphanumeric()
}

/// Whether `s` ends with a lower-case word.
fn lower_word_before(s: &str) -> bool {
    let w = token_len_back(s);
    w > 0
        && s[s.len() - w..]
            .chars()
            .all(|c| c.is_lowercase() || c == '-')
}

/// Whether the span is joined by a hyphen to a word ("Kibera-based").
fn hyphen_joined(text: &str, start: usize, end: usize) -> bool {
    text[end..].starts_with('-') || text[..start].ends_with('-')
}

fn overlaps(mentions: &[Mention], start: usize, end: usize) -> bool {
    mentions
        .iter()
        .any(|m| m.span.start < end && start < m.span.end)
}

/// Whether `c` may be part of a name's word.
fn name_char(c: char) -> bool {
    c.is_alphabetic() || c == '-' || c == '\'' || c == '’'
}

/// Byte length of the word `s` starts with (letters, hyphens,
/// apostrophes; no trailing hyphen or apostrophe).
fn token_len(s: &str) -> usize {
    let n = s.find(|c: char| !name_char(c)).unwrap_or(s.len());
    if s[n..].starts_with(|c: char| c.is_numeric()) {
        return 0;
    }
    s[..n].trim_end_matches(['-', '\'', '’']).len()
}

/// Byte length of the word `s` ends with.
fn token_len_back(s: &str) -> usize {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !name_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if s[..start].ends_with(|c: char| c.is_numeric()) {
        return 0;
    }
    s[start..].trim_start_matches(['-', '\'', '’']).len()
}

/// Whether a word is a lower-case particle joined to a capitalised name
/// ("al-Jabal", "el-Oued"): inside a place's name, never first.
fn particle_word(w: &str) -> bool {
    w.split_once('-')
        .is_some_and(|(p, rest)| NAME_PARTICLES.contains(p) && place_word(rest))
}

/// Whether one word may be part of a place's name: capitalised, with
/// hyphen parts that are capitalised or particles ("el-Oued", not
/// "-controlled"), and no weekday, month, article or title.
fn place_word(w: &str) -> bool {
    if !super::capitalised(w) || w.chars().count() < 2 {
        return false;
    }
    let mut parts = w.split('-');
    parts.next();
    let parts_ok = parts
        .all(|p| p.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(p));
    parts_ok && super::people::is_name_word(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::Matcher;
    use crate::resolve::testutil::gaz;
    use crate::resolve::{Context, Resolver};

    fn run(rows: &[&str], text: &str) -> (Vec<(String, String, String)>, Vec<Entity>) {
        let g = gaz(rows);
        let stage = Unlisted::new(PersonPlace::new(&g));
        let spans = Matcher::new(&g).unwrap().find(text);
        let ctx = Context {
            gazetteer: &g,
            text,
        };
        let mut mentions = Resolver::new(&g).resolve(&ctx, spans);
        let mut locals = vec![];
        stage.add(&g, text, &mut mentions, &mut locals, |_| false);
        let out = mentions
            .iter()
            .map(|m| {
                let e = if m.entity.index() < g.len() {
                    g.get(m.entity).clone()
                } else {
                    locals[m.entity.index() - g.len()].clone()
                };
                (
                    text[m.span.start..m.span.end].to_string(),
                    e.id.clone(),
                    m.match_type.as_str().to_string(),
                )
            })
            .collect();
        (out, locals)
    }

    const ROWS: [&str; 4] = [
        "gn:1,region,Fife,,,GB,GB.SCT,370000,ADM2,",
        "gn:2,country,Kenya,,,KE,,50000000,PCLI,",
        "gn:3,region,Nordland,,,NO,NO.18,240000,ADM1,",
        "gn:4,city,Lisbon,,,PT,PT.14,500000,PPLC,",
    ];

    #[test]
    fn village_of_takes_the_place_after_it() {
        let (out, locals) = run(
            &ROWS,
            "A swan was found in the village of Kirkwick in Fife. Kirkwick is small.",
        );
        assert_eq!(
            out,
            [
                (
                    "Kirkwick".into(),
                    "local:kirkwick".into(),
                    "unlisted".into()
                ),
                ("Fife".into(), "gn:1".into(), "name".into()),
                (
                    "Kirkwick".into(),
                    "local:kirkwick".into(),
                    "unlisted".into()
                ),
            ]
        );
        assert_eq!(locals[0].kind, Kind::City);
        assert_eq!(locals[0].country, "GB");
        assert_eq!(locals[0].source, "unlisted near gn:1");
        assert_eq!(locals[0].subtype, "same-sentence");
    }

    #[test]
    fn lists_after_a_place_word_are_places() {
        let (out, _) = run(
            &ROWS,
            "Tests in the villages of Ostrov and Bel Ardi, Nordland.",
        );
        let names: Vec<&str> = out.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["Ostrov", "Bel Ardi", "Nordland"]);
    }

    #[test]
    fn a_division_word_after_a_name_needs_the_or_a_preposition() {
        let (out, locals) = run(&ROWS, "Cattle died in the Samwe district of Kenya.");
        assert_eq!(out[0].0, "Samwe");
        assert_eq!(locals[0].kind, Kind::Region);
        assert_eq!(locals[0].country, "KE");
        let (out, _) = run(
            &ROWS,
            "They live in a Moslem village and an Ossetian-controlled village.",
        );
        assert!(out.is_empty(), "{out:?}");
        let (out, _) = run(&ROWS, "Rain fell across the eastern Tavo province.");
        assert_eq!(out[0].0, "Tavo");
    }

    #[test]
    fn a_name_before_a_comma_and_a_known_place() {
        let (out, locals) = run(&ROWS, "She was born in Weiler, Kenya, in 1950.");
        assert_eq!(out[0].0, "Weiler");
        assert_eq!(locals[0].subtype, "after-comma");
        // No preposition before it: a person, a list, anything.
        let (out, _) = run(&ROWS, "Peter Okoth, Kenya, won.");
        assert_eq!(out.len(), 1);
        // Institutions and given names are not places.
        let (out, _) = run(&ROWS, "He was taken to Central Medical Center, Lisbon.");
        assert_eq!(out.len(), 1);
        let (out, _) = run(
            &[
                "gn:2,country,Kenya,,,KE,,50000000,PCLI,",
                "p:1,person,Peter Smith,,,,,,,",
            ],
            "Results: in Peter Okoth, Kenya, won.",
        );
        assert_eq!(out.len(), 1, "{out:?}");
    }

    #[test]
    fn without_a_place_after_it_the_nearest_before() {
        let (out, locals) = run(
            &ROWS,
            "Lisbon reported cases. The village of Ardo had most.",
        );
        assert_eq!(out[1].0, "Ardo");
        assert_eq!(locals[0].subtype, "nearest");
        assert_eq!(locals[0].country, "PT");
        // With no place at all: no point.
        let (_, locals) = run(&ROWS, "The village of Ardo had most.");
        assert_eq!(locals[0].coord, None);
        assert_eq!(locals[0].source, "unlisted");
    }

    #[test]
    fn capitalised_place_words_and_words_inside_names_are_no_cue() {
        let (out, _) = run(&ROWS, "The City of London and Maryville Village of Lisbon.");
        assert!(out.iter().all(|o| o.2 != "unlisted"), "{out:?}");
        let (out, _) = run(&ROWS, "in the village of Tuesday and the town of The");
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn names_with_particles_and_lists() {
        let (out, _) = run(&ROWS, "near the town of Mais al-Jabal, Kenya.");
        assert_eq!(out[0].0, "Mais al-Jabal");
        let (out, _) = run(
            &ROWS,
            "in the villages of Ceamurla de Jos, Maliuc and Caraor in Nordland.",
        );
        let names: Vec<&str> = out.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["Ceamurla de Jos", "Maliuc", "Caraor", "Nordland"]);
        // A particle never starts a name.
        let (out, _) = run(&ROWS, "the town of al-Jabal.");
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn the_known_place_must_end_the_phrase() {
        // A new clause after the comma: not where X is.
        let (out, _) = run(&ROWS, "It went to Rostek, Kenya is able to sell.");
        assert_eq!(out.len(), 1, "{out:?}");
        let (out, _) = run(&ROWS, "a match to Lovell Mixer, Lisbon police said.");
        assert_eq!(out.len(), 1, "{out:?}");
        let (out, _) = run(&ROWS, "He worked in Fort Dettel, Kenya for 18 years.");
        assert_eq!(out[0].0, "Fort Dettel");
        for text in [
            "a stall in Balinta, Lisbon Wednesday evening",
            "in Pingil, Kenya — and Lisbon",
            "in Pingil, Kenya 3 km away",
        ] {
            let (out, _) = run(&ROWS, text);
            assert_eq!(out[0].2, "unlisted", "{text}");
        }
    }

    #[test]
    fn lists_brackets_possessives_and_peoples() {
        for text in [
            "Ruiz, Kenya; Gustard, Lisbon, Okoth.",
            "Groups against Tracking and Numbering (Kenya) said so.",
            "victims of Alzheimer's, Lisbon's and others",
            "Ana Ruiz, a lobbyist for the city of Lisbon",
            "the Welsh region and the Flemish province of Nordland",
            "at the school in Holm Way, Lisbon",
        ] {
            let (out, _) = run(&ROWS, text);
            assert!(out.iter().all(|o| o.2 != "unlisted"), "{text}: {out:?}");
        }
        let (out, _) = run(
            &ROWS,
            "Attapeu, Kenya; Shwe Kyin, Nordland; and Pingil, Kenya",
        );
        let found: Vec<&str> = out
            .iter()
            .filter(|o| o.2 == "unlisted")
            .map(|o| o.0.as_str())
            .collect();
        assert_eq!(found, ["Shwe Kyin", "Pingil"]);
    }

    #[test]
    fn olympic_villages_and_school_districts_are_no_places() {
        let (out, _) = run(&ROWS, "They stayed at the Olympic village in Lisbon.");
        assert_eq!(out.len(), 1, "{out:?}");
        let (out, _) = run(
            &ROWS,
            "He runs Butler Tech, a joint vocational district in Kenya.",
        );
        assert_eq!(out.len(), 1, "{out:?}");
        let (out, _) = run(&ROWS, "They came from Dogubey, a farming town in Kenya.");
        assert_eq!(out[0].0, "Dogubey");
    }

    #[test]
    fn offsets_are_the_original_texts() {
        let text = "Près du village of Sainte-Ûrsule, Kenya.";
        let (out, _) = run(&ROWS, text);
        assert_eq!(out[0].0, "Sainte-Ûrsule");
    }
}
