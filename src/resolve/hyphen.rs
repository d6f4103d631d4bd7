//! Place names inside hyphenated names.
//!
//! A place name joined by a hyphen (or an en dash) to a capitalised word
//! before it that is no mention itself is the second part of another name:
//! a double surname ("Maria Lopez-Orense"), a virus strain
//! ("Ebola-Dayton") or a joint programme ("the Mahidol-Oxford unit").
//! Such a span loses its place candidates. Both words being mentions ("the
//! Syria-Lebanon border", "Dallas-Fort Worth") leaves both alone, and so do
//! lower-case words ("U.S.-led", "euro-Atlantic") and demonyms
//! ("Franco-German" speaks of Germany). The first part of such a pair is
//! left alone: there it is more often the first of two places the
//! gazetteer knows one of ("Wilkes-Barre"). A word counts as a
//! mention only while some candidate of it stands: in "Joaquin
//! Lopez-Orense", `person_place` has already ruled out Lopez.
//!
//! The Arabic article written with a hyphen is part of the place's name:
//! "El-Fasher", "al-Qusayr". A place span right after "Al-",
//! "El-", "al-" or "el-" (with nothing alphanumeric before the article)
//! grows to include it, and a span for the article alone ("Al" is also a
//! town in Norway) is dropped (it shrinks to nothing at the article's
//! start, so that spans never overlap for the rules after this one).

use super::{capitalised, Context, Pending, Rule};
use crate::entity::MatchType;

/// The hyphen rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct Hyphen;

/// The Arabic article as news writes it before a hyphen.
const ARTICLES: [&str; 4] = ["Al", "El", "al", "el"];

/// A hyphen or an en dash joining two words, and its length in bytes.
fn joiner(c: char) -> bool {
    c == '-' || c == '\u{2013}'
}

/// The word of letters ending at the end of `s`, and where it starts.
fn word_before(s: &str) -> (&str, usize) {
    let i = super::alpha_start(s);
    (&s[i..], i)
}

impl Rule for Hyphen {
    fn name(&self) -> &'static str {
        "hyphen"
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let text = ctx.text;
        for i in 0..spans.len() {
            let before = &text[..spans[i].start];
            let places = spans[i].live().any(|c| {
                c.match_type != MatchType::Demonym && ctx.gazetteer.facts(c.entity).kind.is_place()
            });
            if !places {
                continue;
            }
            // A joiner right before the span, and the word before it.
            if let Some(h) = before.chars().next_back().filter(|&c| joiner(c)) {
                let left = &before[..before.len() - h.len_utf8()];
                let (w, ws) = word_before(left);
                let prev_mention = i > 0
                    && !spans[i - 1].is_rejected()
                    && spans[i - 1].end > ws
                    && spans[i - 1].end <= left.len();
                let clean_start = !left[..ws]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                if ARTICLES.contains(&w) && clean_start {
                    // "Al-Qusayr": the article joins the name.
                    if i > 0 && spans[i - 1].end > ws {
                        if spans[i - 1].start != ws || spans[i - 1].end != left.len() {
                            // Another mention ends inside the article's
                            // word: leave both alone.
                            continue;
                        }
                        // The article's own span is dropped and shrinks to
                        // nothing, so that spans never overlap.
                        spans[i - 1].drop_at("hyphen", ws);
                    }
                    spans[i].start = ws;
                    continue;
                }
                if capitalised(w) && !prev_mention {
                    reject_places(ctx, &mut spans[i]);
                }
            }
        }
    }
}

/// Rejects the span's place candidates (names and aliases, not demonyms).
fn reject_places(ctx: &Context<'_>, p: &mut Pending) {
    p.reject("hyphen", |c| {
        c.match_type != MatchType::Demonym && ctx.gazetteer.facts(c.entity).kind.is_place()
    });
}

#[cfg(test)]
mod tests {
    use super::super::testutil::resolve_with;
    use super::*;
    use crate::gazetteer::Gazetteer;

    fn run(t: &str) -> Vec<(String, String)> {
        let csv = "id,kind,name,aliases,demonyms,country,admin1,population,lat,lon
gn:1,city,Dayton,,,US,US.OH,140000,1,1
gn:2,city,Orense,,,ES,ES.55,100000,1,1
iso:SY,country,Syria,,,SY,,20000000,1,1
iso:LB,country,Lebanon,,,LB,,6000000,1,1
iso:DE,country,Germany,,German,DE,,80000000,1,1
gn:3,city,Qusayr,Al Qusayr,,SY,SY.11,30000,1,1
gn:4,city,Al,,,NO,NO.12,1400,1,1
";
        let mut g = Gazetteer::new();
        g.load_reader("t.csv", csv.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        resolve_with(&g, vec![Box::new(Hyphen)], t)
    }

    #[test]
    fn part_of_a_hyphenated_name() {
        for text in [
            "Maria Lopez-Orense said",
            "the Ebola-Dayton strain",
            "the Mahidol\u{2013}Dayton unit",
        ] {
            assert_eq!(run(text)[0].1, "-", "{text}");
        }
    }

    #[test]
    fn mentions_lower_case_words_and_demonyms_stay() {
        let r = run("the Syria-Lebanon border");
        assert_eq!((r[0].1.as_str(), r[1].1.as_str()), ("iso:SY", "iso:LB"));
        for text in [
            "U.S.-led Dayton talks",
            "a Dayton-based firm",
            "euro-Dayton ties",
            "the Dayton-Kettering area",
        ] {
            assert!(run(text).iter().any(|(_, id)| id == "gn:1"), "{text}");
        }
        assert_eq!(run("Franco-German talks")[0].1, "iso:DE");
    }

    #[test]
    fn arabic_article_joins_the_name() {
        assert_eq!(
            run("fighting in Al-Qusayr went on"),
            vec![
                (String::new(), "-".to_string()),
                ("Al-Qusayr".to_string(), "gn:3".to_string())
            ]
        );
        assert_eq!(
            run("near al-Qusayr"),
            vec![("al-Qusayr".to_string(), "gn:3".to_string())]
        );
        // Part of a longer word: no article.
        assert_eq!(run("Bal-Qusayr")[0].0, "Qusayr");
    }
}
