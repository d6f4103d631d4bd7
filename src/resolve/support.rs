//! Names that are also common words or people's names need support.
//!
//! A city or a sub-national region below the first level (a county, a
//! curated area), mentioned as a single word, needs support when
//!
//! - its gazetteer row has the flag `common_word` (its name is a common
//!   English word: Nice, Mobile, Reading, Bath, Split, Center, Council), or
//! - the word is a given name or surname of a person in the gazetteer
//!   (Obama, Johnson, David, Mary: towns named like people are rarely the
//!   town in the news), unless the place is a national capital or a city
//!   of a million or more (Washington, Paris, Houston).
//!
//! (Month names and abbreviations count as common words: "Nov" and "March"
//! are not the towns.)
//! Support is one of:
//!
//! - a preceding "in", "from", "near", "at", "to" or "outside" (for a
//!   town named like a person, not when a capitalised word follows: "from
//!   Paul Johnson" is a person), or a residence ("Ana Ruiz, 54, of
//!   Tyler", "a Dayton resident", see `residence.rs`);
//! - a following ", *its region or country*" ("Reading, England");
//! - for a common-word town, another place in the document in the same
//!   first-level division (the division itself, or a place in it that needs
//!   no support); a town named like a person needs one of the two above or the county below,
//!   one named like a month the container ("in August" is the month);
//! - for a first-level division named like a word or a person (Mary in
//!   Turkmenistan, Gulf in Papua New Guinea), another place in its country;
//! - for a town named like a person, a town listed with it ("at Pandi
//!   and Talavera", "Kendal, Corbin or Harlan": commas, "and", "or", "&"
//!   between) that needs no support and lies in the same first-level
//!   division, unless a capitalised word follows the span;
//! - for a town named like a person, a county the story names (any of
//!   its candidates) in the same first-level division whose point lies
//!   within 40 km ("Paris and Henry County": Paris, Tennessee, is Henry
//!   County's seat), unless the county is named after the town ("Madison
//!   County" says nothing about a town called Madison).
//!
//! Capitalisation mid-sentence is not support ("Neil Young", "State
//! Police"), nor, for towns, a mention of the country alone (a US story
//! names many US places). Countries and continents never need support:
//! Turkey, China, Jordan and Georgia in a news story are the country.
//! Unsupported candidates are rejected; a span whose candidates are all
//! rejected is dropped.

use rustc_hash::FxHashSet;

use super::local::contains;
use super::{word_list, Context, Pending, Rule, WordList};
use crate::entity::{great_circle_km, Kind};
use crate::gazetteer::{Facts, Feature, Gazetteer};
use crate::normalize::normalize_str;

/// The support rule.
#[derive(Clone, Debug, Default)]
pub struct CommonWordSupport {
    /// Normalized given names and surnames of the gazetteer's people.
    person_names: FxHashSet<String>,
}

/// How near a county's point a town named like a person must lie for the
/// county to support it.
const COUNTY_KM: f64 = 40.0;

/// Month names and their abbreviations, which word lists write
/// capitalised (so never flag as common words) but every dateline has.
pub(super) const MONTHS: [&str; 23] = [
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Capitalised words after a town's name that do not make it a person's
/// first name: days and words for administrative units.
pub(super) const NOT_SURNAMES: [&str; 12] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Township",
    "County",
    "City",
    "Borough",
    "Parish",
];

/// How much support a candidate needs.
static MONTH: WordList = word_list(&MONTHS);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    Nothing,
    /// A first-level division: another place in its country.
    SameCountry,
    /// A common-word town: another place in its division.
    SameDivision,
    /// A town named like a person: a preposition or ", container" only.
    Local,
    /// A town named like a month: only a following container ("in March"
    /// is the month).
    Container,
}

impl CommonWordSupport {
    /// Collects the people's given names and surnames from the gazetteer.
    pub fn new(gaz: &Gazetteer) -> CommonWordSupport {
        let mut person_names = FxHashSet::default();
        for e in gaz.entities().iter().filter(|e| e.kind == Kind::Person) {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let words: Vec<&str> = name.split_whitespace().collect();
                if words.len() < 2 {
                    continue;
                }
                for w in [words[0], words[words.len() - 1]] {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    if w.chars().count() >= 3 {
                        person_names.insert(normalize_str(w));
                    }
                }
            }
        }
        CommonWordSupport { person_names }
    }

    /// What [`CommonWordSupport::need`] asks of a span's own text
    /// (`word` is the surface normalized: [`Pending::name`]), asked once a
    /// span rather than once a candidate, and not at all when no candidate
    /// of the span could need support.
    fn span_name(&self, gaz: &Gazetteer, p: &Pending, surface: &str, word: &str) -> SpanName {
        let asks = !has_whitespace(surface)
            && p.candidates.iter().any(|c| {
                let e = gaz.facts(c.entity);
                e.kind.is_place() && e.kind != Kind::Country && e.feature != Feature::Cont
            });
        SpanName {
            asks,
            month: asks && MONTH.contains(word),
            person: asks && self.person_names.contains(word),
        }
    }

    /// What a candidate needs, if anything.
    fn need(&self, e: &Facts, name: &SpanName) -> Need {
        if !e.kind.is_place() || e.kind == Kind::Country || e.feature == Feature::Cont || !name.asks
        {
            return Need::Nothing;
        }
        let common = e.common_word || name.month;
        // Capitals and cities of a million or more are news places in their
        // own right, whatever people share their name (Washington, Paris,
        // Houston); a provincial town named David or Patrick is not.
        let minor =
            e.kind != Kind::City || (e.population < 1_000_000 && e.feature != Feature::Pplc);
        let person = minor && name.person;
        if !common && !person {
            return Need::Nothing;
        }
        if e.feature == Feature::Adm1 {
            Need::SameCountry
        } else if name.month {
            Need::Container
        } else if person {
            Need::Local
        } else {
            Need::SameDivision
        }
    }

    fn needs_support(&self, e: &Facts, name: &SpanName) -> bool {
        self.need(e, name) != Need::Nothing
    }
}

/// A span's name as [`CommonWordSupport::need`] sees it.
struct SpanName {
    /// Whether `need` asks anything of the name: false for a name of
    /// several words (which never needs support) and for a span without
    /// a candidate that could need it.
    asks: bool,
    /// The name is a month or its abbreviation.
    month: bool,
    /// The name is a person's given name or surname.
    person: bool,
}

/// Whether a county's name is the town's name and a word more ("Madison
/// County" for Madison): such a county is no evidence for the town, which
/// is there wherever the county is (and the story may name the county
/// alone: "Madison and Ellis counties").
fn named_after(county: &str, town: &str) -> bool {
    county.len() > town.len() && county.starts_with(town) && county.as_bytes()[town.len()] == b' '
}

/// Whether `s` holds a whitespace character ([`char::is_whitespace`]),
/// tested byte by byte while the bytes are ASCII.
pub(super) fn has_whitespace(s: &str) -> bool {
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if !b.is_ascii() {
            return s[i..].contains(char::is_whitespace);
        }
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            return true;
        }
    }
    false
}

/// `s.trim_end()`, byte by byte while the bytes are ASCII.
fn trim_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 && matches!(b[i - 1], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        i -= 1;
    }
    if i > 0 && !b[i - 1].is_ascii() {
        s[..i].trim_end()
    } else {
        &s[..i]
    }
}

/// Whether `word` is one of [`MONTHS`] in any case (`MONTHS` holding
/// `word.to_lowercase()`, without the allocation: the months are ASCII
/// and hold no `k`, the one ASCII letter a non-ASCII letter lowercases
/// to, the Kelvin sign).
pub(super) fn is_month(word: &str) -> bool {
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Whether the text between two spans joins them in a list: a comma,
/// "and", "or", "&", or a comma and one of those ("Pandi, Talavera and
/// Tarlac").
fn joins(between: &str) -> bool {
    let t = between.trim();
    let t = t.strip_prefix(',').map_or(t, str::trim_start);
    (t.is_empty() && between.contains(',')) || matches!(t, "and" | "or" | "&")
}

/// The spans listed with span `i` (its neighbours on either side, as long
/// as [`joins`] links each to the next): "Pandi" for "Talavera" in "at
/// Pandi and Talavera".
fn listed_with<'a>(
    text: &'a str,
    spans: &'a [Pending],
    i: usize,
) -> impl Iterator<Item = usize> + 'a {
    let linked = move |a: usize| {
        let (x, y) = (&spans[a], &spans[a + 1]);
        x.end < y.start && joins(&text[x.end..y.start])
    };
    let left = (0..i).rev().take_while(move |&j| linked(j));
    let right = (i + 1..spans.len()).take_while(move |&j| linked(j - 1));
    left.chain(right)
}

pub(super) fn word_before(text: &str, start: usize) -> &str {
    let before = trim_end(&text[..start]);
    let i = super::alpha_start(before);
    &before[i..]
}

impl Rule for CommonWordSupport {
    fn name(&self) -> &'static str {
        "support"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let gaz = ctx.gazetteer;
        let names: Vec<SpanName> = spans
            .iter()
            .map(|p| self.span_name(gaz, p, ctx.surface(p), p.name()))
            .collect();
        // Anchors: the current leaders of spans that need no support.
        let anchors: Vec<(usize, &Facts)> = spans
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let e = gaz.facts(p.leader(gaz)?.entity);
                (e.kind.is_place() && !self.needs_support(e, &names[i])).then_some((i, e))
            })
            .collect();
        // Second-level divisions (counties) among every span's candidates,
        // with their points: a town named like a person is supported by a
        // county around it named in the same story. Only a span named like
        // a person can need that (`Need::Local`): most documents skip this.
        let counties: Vec<(usize, crate::gazetteer::Code, (f64, f64))> = if names
            .iter()
            .any(|n| n.asks && n.person)
        {
            spans
                .iter()
                .enumerate()
                .flat_map(|(j, p)| p.live().map(move |c| (j, c.entity)))
                .filter_map(|(j, id)| {
                    let e = gaz.facts(id);
                    if e.kind != Kind::Region || e.feature != Feature::Other || e.admin1.is_none() {
                        return None;
                    }
                    Some((j, e.admin1, gaz.get(id).coord?))
                })
                .collect()
        } else {
            vec![]
        };
        let names_of: Vec<String> = if counties.is_empty() {
            vec![]
        } else {
            spans.iter().map(|p| p.name().to_string()).collect()
        };
        for i in 0..spans.len() {
            if !spans[i]
                .candidates
                .iter()
                .any(|c| self.needs_support(gaz.facts(c.entity), &names[i]))
            {
                continue;
            }
            let by_word = super::residence::local_support(ctx.text, spans[i].start, spans[i].end);
            // "from Paul Johnson": a capitalised word right after makes the
            // span the first name of a person, whatever the preposition.
            // Dates ("in Clinton April 4") and unit words ("in Jackson
            // Township") are no surnames.
            let name_goes_on = ctx.text[spans[i].end..].strip_prefix(' ').is_some_and(|r| {
                let n = super::alpha_len(r);
                let word = &r[..n];
                word.chars().next().is_some_and(char::is_uppercase)
                    && !is_month(word)
                    && !NOT_SURNAMES.contains(&word)
            });
            let next_container: Vec<&Facts> = match spans.get(i + 1) {
                Some(next) if ctx.text[spans[i].end..next.start].trim() == "," => {
                    next.live().map(|c| gaz.facts(c.entity)).collect()
                }
                _ => vec![],
            };
            // "at Pandi and Talavera": the divisions of the towns listed
            // with the span that need no support themselves (a county
            // supports only within `COUNTY_KM`, above).
            let listed: Vec<crate::gazetteer::Code> = listed_with(ctx.text, spans, i)
                .filter_map(|j| anchors.iter().find(|&&(k, _)| k == j))
                .filter(|&&(_, a)| a.kind == Kind::City)
                .map(|&(_, a)| a.admin1)
                .collect();
            let p = &mut spans[i];
            for c in &mut p.candidates {
                let e = gaz.facts(c.entity);
                let need = self.need(e, &names[i]);
                let word_supports = by_word
                    && match need {
                        Need::Container => false,
                        Need::Local => !name_goes_on,
                        _ => true,
                    };
                if need == Need::Nothing || word_supports {
                    continue;
                }
                let by_container = next_container.iter().any(|y| contains(y, e));
                let by_anchor = anchors.iter().any(|&(j, a)| {
                    j != i
                        && match need {
                            Need::SameCountry => !a.country.is_none() && a.country == e.country,
                            Need::SameDivision => !a.admin1.is_none() && a.admin1 == e.admin1,
                            _ => false,
                        }
                });
                let by_county = || {
                    need == Need::Local
                        && !counties.is_empty()
                        && gaz.get(c.entity).coord.is_some_and(|here| {
                            counties.iter().any(|&(j, a, at)| {
                                j != i
                                    && a == e.admin1
                                    && !named_after(&names_of[j], &names_of[i])
                                    && great_circle_km(here, at) <= COUNTY_KM
                            })
                        })
                };
                let by_list = || {
                    need == Need::Local
                        && !name_goes_on
                        && !e.admin1.is_none()
                        && listed.contains(&e.admin1)
                };
                if !by_container && !by_anchor && !by_county() && !by_list() {
                    c.rejected = Some("support");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        let g = gaz(&[
            "gn:1,city,Nice,,,FR,FR.93,340000,PPLA2,common_word",
            "iso:FR,country,France,,,FR,,64000000,PCLI,",
            "gn:2,city,Reading,,,GB,GB.ENG,230000,PPL,common_word",
            "gn:3,region,England,,,GB,GB.ENG,53000000,ADM1,",
            "gn:4,city,Young,,,UY,UY.13,16000,PPL,common_word",
            "gn:5,city,Cannes,,,FR,FR.93,74000,PPL,",
            "gn:6,city,Lyon,,,FR,FR.84,500000,PPLA,",
            "gn:7,city,Johnson,,,US,US.KS,1500,PPL,",
            "iso:TR,country,Turkey,,,TR,,80000000,PCLI,common_word",
            "p:1,person,Boris Johnson,,,GB,,,,",
            "p:2,person,Mary Poppins,,,GB,,,,",
            "gn:8,region,Mary,,,TM,TM.M,1000000,ADM1,",
            "gn:9,city,Ashgabat,,,TM,TM.S,1000000,PPLC,",
            "gn:10,city,Nov,,,TJ,TJ.02,8000,PPL,",
            "gn:12,city,November,,,FR,FR.02,8000,PPL,",
            "gn:11,city,Boris,,,XX,XX.01,2000000,PPL,",
        ]);
        resolve_with(&g, vec![Box::new(CommonWordSupport::new(&g))], text)
    }

    #[test]
    fn whitespace_and_months_as_the_char_functions_say() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            for s in [format!("a{c}b"), format!("{c}"), format!("é{c}")] {
                assert_eq!(has_whitespace(&s), s.contains(char::is_whitespace), "{c:?}");
            }
        }
        for w in [
            "March",
            "MARCH",
            "nov",
            "Nov",
            "Marche",
            "Mar\u{212a}",
            "Dec\u{130}",
            "June",
        ] {
            assert_eq!(
                is_month(w),
                MONTHS.contains(&w.to_lowercase().as_str()),
                "{w}"
            );
        }
    }

    #[test]
    fn support_cases() {
        assert_eq!(run("Nice is lovely")[0].1, "-");
        assert_eq!(run("Holidays in Nice")[0].1, "gn:1");
        assert_eq!(run("Reading, England")[0].1, "gn:2");
        assert_eq!(run("Nice and Cannes")[0].1, "gn:1");
        assert_eq!(run("Nov. 3")[0].1, "-");
        assert_eq!(run("November 3")[0].1, "-");
        assert_eq!(run("moved to November")[0].1, "-");
        assert_eq!(run("November, France")[0].1, "gn:12");
        // The same country is not enough; the same division is.
        assert_eq!(run("Nice and Lyon")[0].1, "-");
        assert_eq!(run("Nice. France won")[0].1, "-");
        assert_eq!(run("Neil Young sang")[0].1, "-");
        assert_eq!(run("Reading, France")[0].1, "-");
        // People's names: the town of Johnson needs support too.
        assert_eq!(run("Johnson said")[0].1, "-");
        assert_eq!(run("moved to Johnson")[0].1, "gn:7");
        assert_eq!(run("a pass to Johnson Smith")[0].1, "-");
        assert_eq!(run("moved to Johnson last year")[0].1, "gn:7");
        assert_eq!(run("a fair in Johnson Friday")[0].1, "gn:7");
        assert_eq!(run("Boris said")[0].1, "gn:11");
        // A division named like a person needs another place in its country.
        assert_eq!(run("Mary said")[0].1, "-");
        assert_eq!(run("Mary, near Ashgabat")[0].1, "gn:8");
        // Countries never need support.
        assert_eq!(run("Turkey said")[0].1, "iso:TR");
    }

    #[test]
    fn a_place_listed_with_a_town_named_like_a_person_supports_it() {
        let g = gaz(&[
            "gn:1,city,Harlan,,,US,US.KY,5000,PPL,",
            "gn:2,city,Corbin,,,US,US.KY,7000,PPL,",
            "gn:3,city,Lyon,,,FR,FR.84,500000,PPLA,",
            "gn:4,city,Benton,,,US,US.KY,4000,PPL,",
            "p:1,person,Ana Harlan,,,US,,,,",
            "p:2,person,Bo Benton,,,US,,,,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(CommonWordSupport::new(&g))], t);
        let harlan = |t: &str| {
            run(t)
                .into_iter()
                .find(|(s, _)| s == "Harlan")
                .map(|(_, id)| id)
        };
        assert_eq!(harlan("Harlan said").as_deref(), Some("-"));
        assert_eq!(
            harlan("farms at Corbin and Harlan were").as_deref(),
            Some("gn:1")
        );
        assert_eq!(harlan("Harlan, Corbin and Lyon").as_deref(), Some("gn:1"));
        assert_eq!(harlan("Harlan or Corbin").as_deref(), Some("gn:1"));
        // Through another name of the list that needs support itself.
        assert_eq!(harlan("Corbin, Benton and Harlan").as_deref(), Some("gn:1"));
        // A place in another division, or one not in the list, is no support.
        assert_eq!(harlan("Lyon and Harlan met").as_deref(), Some("-"));
        assert_eq!(harlan("Harlan left Corbin").as_deref(), Some("-"));
        // A capitalised word after it makes a person of the list.
        assert_eq!(harlan("Corbin and Harlan Smith").as_deref(), Some("-"));
    }

    #[test]
    fn a_county_around_a_town_named_like_a_person_supports_it() {
        let g = gaz(&[
            "gn:1,city,Harlan,,,US,US.KY,5000,PPLA2,,36.84,-83.32",
            "gn:2,region,Elm County,,,US,US.KY,,ADM2,,36.90,-83.20",
            "gn:3,region,Elm County,,,US,US.OH,,ADM2,,36.86,-83.30",
            "gn:4,region,Oak County,,,US,US.KY,,ADM2,,38.50,-85.00",
            "gn:5,region,Harlan County,,,US,US.KY,,ADM2,,36.85,-83.30",
            "p:1,person,Ana Harlan,,,US,,,,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(CommonWordSupport::new(&g))], t);
        assert_eq!(run("Harlan said")[0].1, "-");
        // 12 km from a candidate of Elm County in its own division.
        assert_eq!(run("Harlan and Elm County")[0].1, "gn:1");
        // Oak County lies 230 km away; the Ohio Elm County (placed near
        // for the test) is in another division.
        assert_eq!(run("Harlan and Oak County")[0].1, "-");
        let g2 = gaz(&[
            "gn:1,city,Harlan,,,US,US.KY,5000,PPLA2,,36.84,-83.32",
            "gn:3,region,Elm County,,,US,US.OH,,ADM2,,36.86,-83.30",
            "gn:5,region,Harlan County,,,US,US.KY,,ADM2,,36.85,-83.30",
            "p:1,person,Ana Harlan,,,US,,,,",
        ]);
        let run = |t: &str| resolve_with(&g2, vec![Box::new(CommonWordSupport::new(&g2))], t);
        assert_eq!(run("Harlan and Elm County")[0].1, "-");
        // A county named after the town is no evidence for it.
        assert_eq!(run("Harlan and Harlan County")[0].1, "-");
    }
}
