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
//! Facilities ("Street", "Airport") are `name_part`'s; places that are
//! not named after anything ("Lake Tahoe", head first) are the
//! gazetteer's.

use super::{Context, Pending, Rule};

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

impl Rule for Feature {
    fn name(&self) -> &'static str {
        "feature"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let text = ctx.text;
        for i in 0..spans.len() {
            let places = spans[i]
                .live()
                .any(|c| ctx.gazetteer.facts(c.entity).kind.is_place());
            if !places {
                continue;
            }
            let Some(rest) = text[spans[i].end..].strip_prefix(' ') else {
                continue;
            };
            let n = rest
                .char_indices()
                .find(|&(_, c)| !c.is_alphanumeric())
                .map_or(rest.len(), |(i, _)| i);
            if !FEATURE_HEADS.contains(&&rest[..n]) {
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
                    for c in &mut next.candidates {
                        c.rejected.get_or_insert("feature");
                    }
                    next.start = head_end;
                }
            }
            spans[i].end = head_end;
        }
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
