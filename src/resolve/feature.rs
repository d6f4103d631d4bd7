//! A place name followed by a natural feature's head names the feature:
//! "the Dayton Valley", "the Orense Delta", "Kettering Bay", "Linden
//! Island", "the Dayton River".
//!
//! News annotation marks the whole feature name as the toponym (in the
//! development corpora, a gold span that covered such a place name nearly
//! always covered the head too, and almost never the place name alone).
//! So the span grows to include the head and keeps its candidates: the
//! feature usually takes its name from the town or the river it contains,
//! and lies near it. The head must follow after one space, be written
//! capitalised, and end there (no further letter: "Baytown" is not
//! "Bay"). A head that the matcher took as a name of its own ("Valley" is
//! also a town) gives way: its span is dropped, and shrinks to nothing at
//! its end so that spans never overlap for the rules after this one.
//! Facilities ("Street", "Airport") are `name_part`'s and `org_name`'s;
//! places that are not named after anything ("Lake Tahoe", head first)
//! are the gazetteer's.
//!
//! A capitalised compass word before a region joins the span in the same
//! way: "Western Kendal", "South East Dayton", "the Eastern Ruritanian Sea"
//! are the proper names of a division or a region, and GeoVirus marks them
//! whole ("Western Kasai" there is a province, not the west of Kasai). It
//! must stand one space before the span and be one of North, South, East,
//! West, their -ern adjectives, Central, or a compound (Northeast,
//! South-West, "North West"), and the region be matched by a name, not a
//! demonym ("South East Asian" is no region). Only regions outside the United States
//! join: "East Texas" and "Northern Illinois" are the way US news
//! describes part of a state, and LGL marks the state alone; a country
//! ("Northern Ruritania") and a town ("South Dayton", mostly a district of
//! it) keep the compass word outside, as the corpora mostly mark them
//! (measured on their even documents: joining them too lost more than it
//! gained). Lower-case
//! qualifiers are `qualified`'s ("southeast Asia" narrows to Asia).

use super::{word_list, Context, Pending, Rule, WordList};
use crate::entity::{Kind, MatchType};

/// The feature rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct Feature;

/// Heads of natural features, written after the name.
const FEATURE_HEADS: [&str; 22] = [
    "Valley",
    "Delta",
    "Bay",
    "Island",
    "River",
    "Creek",
    "Peninsula",
    "Mountains",
    "Canyon",
    "Basin",
    "Coast",
    "Sea",
    "Gulf",
    "Strait",
    "Harbor",
    "Harbour",
    "Beach",
    "Forest",
    "Hills",
    "Desert",
    "Plateau",
    "Lagoon",
];

static FEATURE: WordList = word_list(&FEATURE_HEADS);

impl Rule for Feature {
    fn name(&self) -> &'static str {
        "feature"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let text = ctx.text;
        for i in 0..spans.len() {
            // The text first: every head is capitalised ASCII.
            let Some(rest) = text[spans[i].end..].strip_prefix(' ') else {
                continue;
            };
            if !rest.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
                continue;
            }
            let n = rest
                .char_indices()
                .find(|&(_, c)| !c.is_alphanumeric())
                .map_or(rest.len(), |(i, _)| i);
            if !FEATURE.contains(&rest[..n]) {
                continue;
            }
            let places = spans[i]
                .live()
                .any(|c| ctx.gazetteer.facts(c.entity).kind.is_place());
            if !places {
                continue;
            }
            let head_start = spans[i].end + 1;
            let head_end = head_start + n;
            if let Some(next) = spans.get_mut(i + 1) {
                if next.start < head_end {
                    if next.start != head_start || next.end != head_end {
                        // A longer name starts at the head: leave it.
                        continue;
                    }
                    next.drop_at("feature", head_end);
                }
            }
            spans[i].end = head_end;
        }
        compass_prefix(ctx, spans);
    }
}

/// Capitalised compass words that can begin a division's or a region's
/// proper name.
const COMPASS_WORDS: [&str; 17] = [
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
    "North-East",
    "North-West",
    "South-East",
    "South-West",
];

/// Where a capitalised compass word (or "North West", "South East" ...)
/// right before the span starts, if one does.
fn compass_before(before: &str) -> Option<usize> {
    let rest = before.strip_suffix(' ')?;
    // Every compass word ends in 'h', 't', 'n' or 'l'.
    if !matches!(rest.as_bytes().last(), Some(b'h' | b't' | b'n' | b'l')) {
        return None;
    }
    let i = rest
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &rest[i..];
    if !COMPASS_WORDS.contains(&w) {
        return None;
    }
    // "South West England": a second compass word before the first.
    if matches!(w, "East" | "West") {
        if let Some(r) = rest[..i].strip_suffix(' ') {
            let j = super::alpha_start(r);
            if matches!(&r[j..], "North" | "South") {
                return Some(j);
            }
        }
    }
    Some(i)
}

/// A capitalised compass word before the name of a region outside the
/// United States joins the span: "Western Kendal", "South East Dayton".
fn compass_prefix(ctx: &Context<'_>, spans: &mut [Pending]) {
    let gaz = ctx.gazetteer;
    for i in 0..spans.len() {
        // The text first, the leader only after a compass word.
        let Some(start) = compass_before(&ctx.text[..spans[i].start]) else {
            continue;
        };
        let Some(leader) = spans[i].leader(gaz) else {
            continue;
        };
        if leader.match_type == MatchType::Demonym
            || gaz.facts(leader.entity).kind != Kind::Region
            || gaz.get(leader.entity).country == "US"
        {
            continue;
        }
        if i > 0 && spans[i - 1].end > start {
            continue;
        }
        spans[i].start = start;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    fn run(t: &str) -> Vec<(String, String)> {
        let g = gaz(&[
            "gn:1,city,Dayton,,,US,US.OH,140000,PPL,",
            "gn:2,city,Valley,,,US,US.AL,9000,PPL,",
            "gn:3,city,Valley Forge,,,US,US.PA,1000,PPL,",
            "a:1,agency,Dayton Bay Company,,,US,,,,",
        ]);
        resolve_with(&g, vec![Box::new(Feature)], t)
    }

    #[test]
    fn the_head_joins_the_span() {
        let one = |t: &str| run(t)[0].clone();
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            one("in the Dayton Delta area"),
            pair("Dayton Delta", "gn:1")
        );
        assert_eq!(one("Dayton Island, where"), pair("Dayton Island", "gn:1"));
        // The head's own span gives way.
        assert_eq!(
            run("the Dayton Valley farms"),
            vec![pair("Dayton Valley", "gn:1"), pair("", "-")]
        );
    }

    #[test]
    fn a_compass_word_joins_a_region() {
        let g = gaz(&[
            "gn:1,city,Dayton,,,US,US.OH,140000,PPL,",
            "gn:4,region,Kendal,,,RR,RR.02,900000,ADM1,",
            "gn:5,region,Linden,,,US,US.LI,900000,ADM1,",
            "iso:RR,country,Ruritania,,,RR,,9000000,PCLI,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Feature)], t);
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(run("in Western Kendal.")[0], pair("Western Kendal", "gn:4"));
        assert_eq!(
            run("in South West Kendal")[0],
            pair("South West Kendal", "gn:4")
        );
        assert_eq!(
            run("North-East Kendal")[0],
            pair("North-East Kendal", "gn:4")
        );
        // Lower case, other words, US regions, countries and towns stay.
        for (text, s, id) in [
            ("in western Kendal", "Kendal", "gn:4"),
            ("in Westerly Kendal", "Kendal", "gn:4"),
            ("Northern, Kendal", "Kendal", "gn:4"),
            ("in East Linden", "Linden", "gn:5"),
            ("in Northern Ruritania", "Ruritania", "iso:RR"),
            ("in South Dayton", "Dayton", "gn:1"),
        ] {
            assert_eq!(run(text)[0], pair(s, id), "{text}");
        }
    }

    #[test]
    fn other_words_and_longer_names_stay() {
        let one = |t: &str| run(t)[0].clone();
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(one("in Dayton bay leaves"), pair("Dayton", "gn:1"));
        assert_eq!(one("Dayton Baytown"), pair("Dayton", "gn:1"));
        assert_eq!(one("Dayton, Valley"), pair("Dayton", "gn:1"));
        let r = run("Dayton Valley Forge");
        assert_eq!(r[0], pair("Dayton", "gn:1"));
        assert_eq!(r[1], pair("Valley Forge", "gn:3"));
        // An organisation's name is matched whole before any rule.
        assert_eq!(
            one("the Dayton Bay Company"),
            pair("Dayton Bay Company", "a:1")
        );
    }
}
