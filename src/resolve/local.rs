//! Local patterns: what the words right around a mention say.
//!
//! - **"X, Y"**: a place followed by a comma and a place that contains one
//!   of its candidates ("Paris, Texas", "Latakia, Syria", "Portland, Ore.")
//!   settles both: the contained candidate +5 if a city (the AP style
//!   "City, State") or if no city is contained ("Surrey, England" is the
//!   county, not the Canadian city), +2 otherwise; the container +3.
//!   Not when X follows another place and a comma or "and" ("Guinea-Bissau,
//!   Niger, Nigeria and Togo" lists countries; see `lists`).
//!   The same name's other mentions in the story that have no local
//!   pattern of their own follow (+6 to the same candidate, what a
//!   million people weigh in the prior): one sense per name, "Suffolk,
//!   England" and later "Suffolk", not Suffolk, Virginia.
//!   Containment: same first-level division (a region `Y`), or same country
//!   (a country `Y`).
//! - **"ORG in X"**, "ORG, based in X": an organisation the gazetteer
//!   places (its own point) names its seat; X's candidates within 50 km of
//!   that point +10 ("the Food and Agriculture Organization in Rome" in a
//!   story of New York places is Rome, Italy).
//! - **"the city of X"**, "town of", "village of", "port city of", "capital
//!   X": city candidates +4.
//! - **"X province"**, "governorate", "region", "state", "oblast",
//!   "district", "county", "prefecture", and "province of X", "state of X":
//!   region candidates +4, enough to overturn the seat-over-division prior.
//!   (When the word is part of the gazetteer name,
//!   the longer name already matched.)
//! - **"southern California"**: a compass word written in lower case, then
//!   the name of the region's own first-level division (or country), as in
//!   "southern California" for Southern California: the text speaks of part
//!   of that division, not of the proper name, and news annotation marks
//!   the division alone. The span narrows to the division's name and the
//!   division becomes its only candidate. "Southern California", written
//!   as a name, is left alone.

use super::{Context, Pending, Rule};
use crate::entity::{Kind, MatchType};
use crate::gazetteer::{Facts, Feature, Gazetteer};

/// The local-pattern rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalPatterns;

const CITY_BEFORE: [&str; 7] = [
    "city of ",
    "town of ",
    "village of ",
    "port of ",
    "capital of ",
    "suburb of ",
    "capital ",
];
const REGION_BEFORE: [&str; 5] = [
    "province of ",
    "state of ",
    "region of ",
    "governorate of ",
    "district of ",
];
const REGION_AFTER: [&str; 9] = [
    " province",
    " governorate",
    " region",
    " state",
    " oblast",
    " district",
    " county",
    " prefecture",
    " provinces",
];

/// Lower-case compass words that can start a region's matched name.
const COMPASS: [&str; 21] = [
    "southern",
    "northern",
    "eastern",
    "western",
    "central",
    "south",
    "north",
    "east",
    "west",
    "southeast",
    "southwest",
    "northeast",
    "northwest",
    "south-east",
    "south-west",
    "north-east",
    "north-west",
    "southeastern",
    "southwestern",
    "northeastern",
    "northwestern",
];

/// "southern California": narrows the span to the division's name and
/// makes the division its only candidate.
fn narrow_compass(gaz: &Gazetteer, text: &str, p: &mut Pending) {
    let surface = &text[p.start..p.end];
    // Every compass word starts with 's', 'n', 'e', 'w' or 'c'.
    if !matches!(
        surface.as_bytes().first(),
        Some(b's' | b'n' | b'e' | b'w' | b'c')
    ) {
        return;
    }
    let Some((word, rest)) = surface.split_once(' ') else {
        return;
    };
    if !COMPASS.contains(&word) || rest.is_empty() {
        return;
    }
    let inner = p.live().find_map(|c| {
        let e = gaz.get(c.entity);
        if e.kind != Kind::Region {
            return None;
        }
        let target = if !e.admin1.is_empty() {
            gaz.admin1_entity(&e.admin1)
        } else if !e.country.is_empty() {
            gaz.country_entity(&e.country)
        } else {
            None
        }?;
        let t = gaz.get(target);
        if t.name == rest {
            Some((target, MatchType::Name))
        } else if t.aliases.iter().any(|a| a == rest) {
            Some((target, MatchType::Alias))
        } else {
            None
        }
    });
    if let Some((entity, match_type)) = inner {
        p.narrow_to(p.end - rest.len(), entity, match_type, "local");
    }
}

/// How near an organisation's point a place must lie to be its seat.
const SEAT_KM: f64 = 50.0;

/// What the seat gains: more than a capital's rank and all of a story's
/// country and division votes ("Rome" in a story of New York places).
const SEAT: f64 = 10.0;

/// Span `i` follows an organisation and "in": if the organisation's
/// leading candidate has a point, the span's place candidates within
/// [`SEAT_KM`] of it gain [`SEAT`].
fn agency_seat(gaz: &Gazetteer, spans: &mut [Pending], i: usize) {
    let Some(org) = spans[i - 1].leader(gaz) else {
        return;
    };
    if gaz.facts(org.entity).kind != Kind::Agency {
        return;
    }
    let Some(seat) = gaz.get(org.entity).coord else {
        return;
    };
    for c in &mut spans[i].candidates {
        let near = gaz.facts(c.entity).kind.is_place()
            && gaz
                .get(c.entity)
                .coord
                .is_some_and(|here| crate::entity::great_circle_km(here, seat) <= SEAT_KM);
        if near && c.rejected.is_none() {
            c.add("local", SEAT);
        }
    }
}

/// `between.trim() == ","`, byte by byte while the text is ASCII (most
/// text between two spans starts with a letter).
fn comma_only(between: &str) -> bool {
    // The ASCII characters `char::is_whitespace` accepts.
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let b = between.as_bytes();
    let mut i = 0;
    while i < b.len() && ws(b[i]) {
        i += 1;
    }
    match b.get(i) {
        Some(b',') => {}
        // Other whitespace may lie outside ASCII.
        Some(&c) if !c.is_ascii() => return between.trim() == ",",
        _ => return false,
    }
    i += 1;
    while i < b.len() && ws(b[i]) {
        i += 1;
    }
    match b.get(i) {
        None => true,
        Some(&c) if !c.is_ascii() => between.trim() == ",",
        Some(_) => false,
    }
}

/// Whether `inner` lies in `outer` (same division, or same country).
pub fn contains(outer: &Facts, inner: &Facts) -> bool {
    match outer.kind {
        Kind::Country => !outer.country.is_none() && outer.country == inner.country,
        Kind::Region => {
            !outer.admin1.is_none()
                && outer.admin1 == inner.admin1
                && outer.feature == Feature::Adm1
                && inner.feature != Feature::Adm1
        }
        _ => false,
    }
}

/// Whether `hay` ends with the ASCII phrase `needle`, ASCII case ignored.
/// The first two or last two bytes of a list of ASCII phrases, ASCII case
/// folded: a text that does not start (or end) with one of the pairs
/// cannot start (or end) with a phrase of the list, whatever the case, so
/// most spans are turned away before the phrase-by-phrase comparison.
struct Edges {
    pairs: [[bool; 256]; 2],
}

impl Edges {
    /// The pairs of the phrases' last two bytes (`at_end`) or first two.
    const fn of(lists: &[&[&str]], at_end: bool) -> Edges {
        let mut pairs = [[false; 256]; 2];
        let mut l = 0;
        while l < lists.len() {
            let mut i = 0;
            while i < lists[l].len() {
                let b = lists[l][i].as_bytes();
                assert!(b.len() >= 2);
                let mut k = 0;
                while k < 2 {
                    let c = if at_end { b[b.len() - 2 + k] } else { b[k] };
                    pairs[k][c.to_ascii_lowercase() as usize] = true;
                    pairs[k][c.to_ascii_uppercase() as usize] = true;
                    k += 1;
                }
                i += 1;
            }
            l += 1;
        }
        Edges { pairs }
    }

    fn may_end(&self, hay: &str) -> bool {
        let b = hay.as_bytes();
        b.len() >= 2
            && self.pairs[0][b[b.len() - 2] as usize]
            && self.pairs[1][b[b.len() - 1] as usize]
    }

    fn may_start(&self, hay: &str) -> bool {
        let b = hay.as_bytes();
        b.len() >= 2 && self.pairs[0][b[0] as usize] && self.pairs[1][b[1] as usize]
    }
}

static BEFORE_ENDS: Edges = Edges::of(&[&CITY_BEFORE, &REGION_BEFORE], true);
static AFTER_STARTS: Edges = Edges::of(&[&REGION_AFTER], false);

pub(super) fn ends_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.is_char_boundary(hay.len() - needle.len())
        && hay[hay.len() - needle.len()..].eq_ignore_ascii_case(needle)
}

fn starts_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.is_char_boundary(needle.len())
        && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

impl Rule for LocalPatterns {
    fn name(&self) -> &'static str {
        "local"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let gaz = ctx.gazetteer;
        for p in spans.iter_mut() {
            narrow_compass(gaz, ctx.text, p);
        }
        // (name group, entity) settled by "X, Y".
        let mut settled: Vec<(u32, crate::entity::EntityId)> = vec![];
        for i in 0..spans.len() {
            // "X, Y"
            if i + 1 < spans.len() {
                let between = &ctx.text[spans[i].end..spans[i + 1].start];
                // Not inside an enumeration: in "Guinea-Bissau, Niger,
                // Nigeria and Togo" Niger is a country of the list, not a
                // state of Nigeria (the `lists` rule weighs it).
                // "Guildford, Surrey, UK" is a chain (Surrey contains
                // Guildford), not a list.
                let listed = || {
                    i > 0
                        && spans[i - 1].end <= spans[i].start
                        && super::lists::separates(&ctx.text[spans[i - 1].end..spans[i].start])
                        && spans[i - 1]
                            .live()
                            .any(|c| gaz.facts(c.entity).kind.is_place())
                        && !spans[i - 1].live().any(|x| {
                            spans[i].live().any(|y| {
                                let (outer, inner) = (gaz.facts(y.entity), gaz.facts(x.entity));
                                contains(outer, inner)
                                    || outer.kind == Kind::Region
                                        && inner.kind == Kind::City
                                        && !outer.admin1.is_none()
                                        && outer.admin1 == inner.admin1
                            })
                        })
                };
                if comma_only(between) && !listed() {
                    let mut hits: Vec<(usize, usize)> = vec![];
                    for (a, x) in spans[i].candidates.iter().enumerate() {
                        for (b, y) in spans[i + 1].candidates.iter().enumerate() {
                            if contains(gaz.facts(y.entity), gaz.facts(x.entity)) {
                                hits.push((a, b));
                            }
                        }
                    }
                    // "City, Country" and "City, State" name a city; a
                    // division gets as much when no city is contained
                    // ("Surrey, England": the county, not the Canadian
                    // city), else less ("New York, US" is the city).
                    let city_hit = hits
                        .iter()
                        .any(|&(a, _)| gaz.facts(spans[i].candidates[a].entity).kind == Kind::City);
                    for (a, b) in hits {
                        let inner = if !city_hit
                            || gaz.facts(spans[i].candidates[a].entity).kind == Kind::City
                        {
                            5.0
                        } else {
                            2.0
                        };
                        spans[i].candidates[a].add("local", inner);
                        settled.push((spans[i].group, spans[i].candidates[a].entity));
                        if spans[i + 1].candidates[b]
                            .evidence
                            .iter()
                            .all(|e| e.0 != "local")
                        {
                            spans[i + 1].candidates[b].add("local", 3.0);
                        }
                    }
                }
            }
            // "the Food and Agriculture Organization in Rome": an
            // organisation's own point says which Rome.
            if i > 0 && spans[i - 1].end <= spans[i].start {
                let between = &ctx.text[spans[i - 1].end..spans[i].start];
                if between == " in " || between == ", based in " {
                    agency_seat(gaz, spans, i);
                }
            }
            let before = &ctx.text[..spans[i].start];
            let after = &ctx.text[spans[i].end..];
            let may_before = BEFORE_ENDS.may_end(before);
            let city = may_before && CITY_BEFORE.iter().any(|w| ends_with_ci(before, w));
            let region = may_before && REGION_BEFORE.iter().any(|w| ends_with_ci(before, w))
                || AFTER_STARTS.may_start(after)
                    && REGION_AFTER.iter().any(|w| {
                        starts_with_ci(after, w)
                            && !after[w.len()..]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphanumeric)
                    });
            if city || region {
                for c in &mut spans[i].candidates {
                    let kind = gaz.facts(c.entity).kind;
                    if (city && kind == Kind::City) || (region && kind == Kind::Region) {
                        c.add("local", 4.0);
                    }
                }
            }
        }
        // One sense per name: "Suffolk, England" settles a later bare
        // "Suffolk" in the same story, unless that mention has a local
        // pattern of its own.
        if settled.is_empty() {
            return;
        }
        for p in spans.iter_mut() {
            if p.has_evidence("local") {
                continue;
            }
            for c in &mut p.candidates {
                if settled.contains(&(p.group, c.entity)) {
                    c.add("local", 6.0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::super::Prior;
    use super::*;

    fn g() -> crate::Gazetteer {
        gaz(&[
            "gn:1,city,Paris,,,FR,FR.11,2138551,PPLC,",
            "gn:2,city,Paris,,,US,US.TX,24782,PPL,",
            "gn:tx,region,Texas,,Tex.,US,US.TX,29000000,ADM1,",
            "gn:3,city,Portland,,,US,US.OR,650000,PPL,",
            "gn:4,city,Portland,,,US,US.ME,66000,PPL,",
            "gn:or,region,Oregon,,Ore.,US,US.OR,4200000,ADM1,",
            "gn:me,region,Maine,,,US,US.ME,1300000,ADM1,",
            "gn:5,city,Latakia,,,SY,SY.02,340181,PPLA,",
            "gn:6,region,Latakia Governorate,Latakia,,SY,SY.02,1008000,ADM1,",
            "iso:SY,country,Syria,,,SY,,22000000,PCLI,",
            "cur:stx,region,South Texas,,,US,US.TX,,RGN,",
            "cur:nsy,region,North Syria,,,SY,,,RGN,",
            "cur:sla,region,South Latakia,,,SY,,,RGN,",
            "gn:7,city,Surrey,,,CA,CA.02,394976,PPL,",
            "gn:8,region,Surrey,,,GB,GB.ENG,,ADM2,",
            "gn:en,region,England,,,GB,GB.ENG,53000000,ADM1,",
            "iso:GB,country,United Kingdom,,UK,GB,,67000000,PCLI,",
        ])
    }

    fn run(text: &str) -> Vec<(String, String)> {
        resolve_with(&g(), vec![Box::new(Prior), Box::new(LocalPatterns)], text)
    }

    #[test]
    fn comma_only_is_a_trimmed_comma() {
        for b in [
            ",",
            ", ",
            " ,",
            " , ",
            "\t,\n",
            ",,",
            ", a",
            "a,",
            "",
            " ",
            "\u{a0},",
            ",\u{a0}",
            "\u{2003}, \u{2003}",
            ", —",
            "and",
        ] {
            assert_eq!(comma_only(b), b.trim() == ",", "{b:?}");
        }
    }

    #[test]
    fn place_comma_container() {
        assert_eq!(run("Paris, Texas")[0].1, "gn:2");
        assert_eq!(run("Paris, Tex.")[0].1, "gn:2");
        assert_eq!(run("Paris")[0].1, "gn:1");
        assert_eq!(run("Portland, Maine")[0].1, "gn:4");
        assert_eq!(run("Portland, Ore., police")[0].1, "gn:3");
        assert_eq!(run("Latakia, Syria")[0].1, "gn:5");
        // Only a division is contained: it wins over a bigger city elsewhere.
        assert_eq!(run("Surrey")[0].1, "gn:7");
        assert_eq!(run("Surrey, England")[0].1, "gn:8");
        assert_eq!(run("Surrey, UK")[0].1, "gn:8");
        // One sense per name: the later bare mention follows.
        let r = run("A farm in Surrey, England. Later Surrey and Paris.");
        let ids: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(ids, ["gn:8", "gn:en", "gn:8", "gn:1"]);
        // Not over a local pattern of its own.
        let r = run("Paris, Texas. Later Paris, France.");
        assert_eq!(r[0].1, "gn:2");
        // Not inside a list: after "Portland," the rule stands aside (the
        // `lists` rule weighs the members).
        let r = run("Portland, Paris, Texas");
        assert_eq!(r[1].1, "gn:1");
        // A chain is no list: Surrey contains Guildford.
        let g = gaz(&[
            "gn:7,city,Surrey,,,CA,CA.02,394976,PPL,",
            "gn:8,region,Surrey,,,GB,GB.ENG,,ADM2,",
            "gn:9,city,Guildford,,,GB,GB.ENG,77000,PPL,",
            "iso:GB,country,United Kingdom,,UK,GB,,67000000,PCLI,",
        ]);
        let r = resolve_with(
            &g,
            vec![Box::new(Prior), Box::new(LocalPatterns)],
            "Guildford, Surrey, UK",
        );
        assert_eq!(r[1].1, "gn:8");
    }

    #[test]
    fn an_organisation_names_its_seat() {
        let g = gaz(&[
            "cur:fao,agency,Food and Agriculture Organization,FAO,,,,,,,41.88,12.49",
            "gn:r1,city,Rome,,,IT,IT.07,2300000,PPLC,,41.89,12.51",
            "gn:r2,city,Rome,,,US,US.NY,32000,PPL,,43.21,-75.45",
            "gn:u,city,Utica,,,US,US.NY,60000,PPL,,43.1,-75.23",
            "gn:a,city,Albany,,,US,US.NY,98000,PPLA,,42.65,-73.75",
            "gn:s,city,Syracuse,,,US,US.NY,145000,PPL,,43.05,-76.15",
            "gn:i,city,Ithaca,,,US,US.NY,30000,PPL,,42.44,-76.5",
            "gn:b,city,Buffalo,,,US,US.NY,260000,PPL,,42.89,-78.88",
        ]);
        let rules = || -> Vec<Box<dyn Rule>> {
            vec![
                Box::new(Prior),
                Box::new(LocalPatterns),
                Box::new(super::super::DocumentContext),
            ]
        };
        let story = "Utica, Albany, Syracuse, Ithaca and Buffalo. ";
        let last = |t: &str| resolve_with(&g, rules(), t).last().unwrap().1.clone();
        assert_eq!(last(&format!("{story}Officials in Rome")), "gn:r2");
        assert_eq!(last(&format!("{story}The FAO in Rome")), "gn:r1");
        assert_eq!(last(&format!("{story}The FAO, based in Rome")), "gn:r1");
        // Another word between: no seat.
        assert_eq!(last(&format!("{story}The FAO met in Rome")), "gn:r2");
    }

    #[test]
    fn kind_words_around() {
        assert_eq!(run("the port city of Latakia")[0].1, "gn:5");
        assert_eq!(run("Latakia province")[0].1, "gn:6");
    }

    #[test]
    fn lower_case_compass_word_narrows_to_the_division() {
        let pair = |t: &str| {
            let r = run(t);
            (r[0].0.clone(), r[0].1.clone())
        };
        assert_eq!(pair("in south Texas"), ("Texas".into(), "gn:tx".into()));
        assert_eq!(pair("in north Syria"), ("Syria".into(), "iso:SY".into()));
        assert_eq!(
            pair("in South Texas"),
            ("South Texas".into(), "cur:stx".into())
        );
        // The rest is no name of the division: untouched.
        assert_eq!(
            pair("in south Latakia"),
            ("south Latakia".into(), "cur:sla".into())
        );
    }
}
