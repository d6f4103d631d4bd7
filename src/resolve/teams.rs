//! Sports teams named after their city: results and standings tables.
//!
//! Sports pages name clubs by their city or region ("Boston 5 Chicago 3",
//! "NEW YORK 74 59 .556"), and there the name is the team, not the place.
//! The layout gives it away, not the name:
//!
//! - a span that starts a line and is followed by a score, a whole number
//!   of one to three digits standing alone ("Leeds 2", "OAKLAND 64 72"),
//!   which a dateline's date ("LONDON 1996-08-30") is not;
//! - a span between two such numbers ("Hyundai" in "Lotte 6 Hyundai 2");
//! - a span right after "v", "vs" or "versus" ("May 20 v Durham");
//! - a span before a cricket innings, runs for wickets or runs and the
//!   scorecard's parenthesis ("Kendal 182-4", "Kendal 203 ( A. Ruiz 51 )");
//! - the first side of a fixture line "X AT Y" written in capitals (the
//!   visitors; the second names the home ground, where the game is played,
//!   and stays a place).
//!
//! - in a cricket story (two or more of "cricket", "wicket(s)",
//!   "batsman", "batsmen", "bowler(s)", "lbw", "not out", any case), a
//!   name that may be a second-level division: English county sides are
//!   named after their counties ("Kendshire beat Dayton by six wickets",
//!   "Kendshire batsman Ana Ruiz"), and a story about them names few
//!   counties as places.
//!
//! Cities and sub-national regions there lose their place candidates;
//! countries keep them (national sides are conventionally places).

use super::{Context, Pending, Rule};
use crate::entity::Kind;
use crate::gazetteer::Feature;

/// The sports-table rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct Teams;

/// Whether `s` starts with a stand-alone number of 1–3 digits after
/// spaces or tabs: "  64 72", "2", but not "1996-08-30" or "3.5 million".
fn score_after(s: &str) -> bool {
    let t = trim_start_blank(s);
    if t.len() == s.len() {
        return false;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && t[digits..]
            .chars()
            .next()
            .map_or(true, |c| c == ' ' || c == '\t' || c == '\n' || c == '\r')
}

/// Whether `s` starts with a cricket innings after spaces: runs for
/// wickets ("82-0", "202-5") or runs and the scorecard's parenthesis
/// ("183 ( J. Russell 50 )", "183 (Russell 50)").
fn innings_after(s: &str) -> bool {
    let t = trim_start_blank(s);
    if t.len() == s.len() {
        return false;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let rest = &t[digits..];
    if let Some(w) = rest.strip_prefix('-') {
        // Runs of two or three digits for at most nine wickets (all out is
        // written "210 all out"): not a match score ("Wales 13-12",
        // "Tirana 6-1", "Leeds 18-10"), which the other tests weigh.
        let wickets = w.bytes().take_while(u8::is_ascii_digit).count();
        return digits >= 2
            && wickets == 1
            && !w[wickets..].starts_with(|c: char| c == '-' || c.is_alphanumeric());
    }
    rest.starts_with(" (")
}

/// Whether `s` ends with a stand-alone number of 1–3 digits and spaces.
fn score_before(s: &str) -> bool {
    let t = trim_end_blank(s);
    if t.len() == s.len() {
        return false;
    }
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && t[..t.len() - digits]
            .chars()
            .next_back()
            .is_some_and(|c| c == ' ' || c == '\t')
}

fn line_start(text: &str, at: usize) -> bool {
    let before = trim_end_blank(&text[..at]);
    before.is_empty() || before.ends_with('\n')
}

/// `s.trim_start_matches([' ', '\t'])`, byte by byte.
fn trim_start_blank(s: &str) -> &str {
    let n = s.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    &s[n..]
}

/// `s.trim_end_matches([' ', '\t'])`, byte by byte.
fn trim_end_blank(s: &str) -> &str {
    let n = s
        .bytes()
        .rev()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    &s[..s.len() - n]
}

fn after_versus(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(' ');
    // Every word looked for ends with 'v', 's' or '.'.
    if before.len() == at || !matches!(before.as_bytes().last(), Some(b'v' | b's' | b'.')) {
        return false;
    }
    let i = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic() && c != '.')
        .map_or(0, |(i, c)| i + c.len_utf8());
    matches!(&before[i..], "v" | "v." | "vs" | "vs." | "versus")
}

/// Words of cricket reports ("not out" as two words, below).
const CRICKET_WORDS: [&str; 8] = [
    "cricket", "wicket", "wickets", "batsman", "batsmen", "bowler", "bowlers", "lbw",
];

/// Whether `text` uses [`CRICKET_WORDS`] or "not out" twice or more, as
/// whole words in any case: one pass over the words, no copy.
fn cricket_story(text: &str) -> bool {
    let mut hits = 0;
    let mut after_not = false;
    for w in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let hit = (3..=7).contains(&w.len())
            && (CRICKET_WORDS.iter().any(|c| w.eq_ignore_ascii_case(c))
                || (after_not && w.eq_ignore_ascii_case("out")));
        after_not = w.eq_ignore_ascii_case("not");
        if hit {
            hits += 1;
            if hits >= 2 {
                return true;
            }
        }
    }
    false
}

impl Rule for Teams {
    fn name(&self) -> &'static str {
        "teams"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let text = ctx.text;
        let mut team = vec![false; spans.len()];
        for (i, p) in spans.iter().enumerate() {
            let after = &text[p.end..];
            let scored = score_after(after);
            team[i] = (scored && (line_start(text, p.start) || score_before(&text[..p.start])))
                || after_versus(text, p.start)
                || innings_after(after);
            // "X AT Y" in capitals, alone on its line.
            if let Some(q) = spans.get(i + 1) {
                let mid = &text[p.end..q.start];
                // The rest of the line is searched only for " AT ": a
                // document on one long line made that a scan to its end per
                // span.
                let rest_blank = || {
                    let line_end = text[q.end..].find('\n').map_or(text.len(), |k| q.end + k);
                    text[q.end..line_end].trim().is_empty()
                };
                if mid == " AT "
                    && line_start(text, p.start)
                    && rest_blank()
                    && !text[p.start..q.end].chars().any(char::is_lowercase)
                {
                    team[i] = true;
                }
            }
        }
        // A document is read for cricket words only when a span may be a
        // second-level division: few are.
        let gaz = ctx.gazetteer;
        // "Boone County" names itself a county, never a side.
        let county = |p: &Pending| {
            !text[p.start..p.end].ends_with(" County")
                && p.live().any(|c| {
                    let e = gaz.facts(c.entity);
                    e.kind == Kind::Region && e.feature == Feature::Other && !e.admin1.is_none()
                })
        };
        if spans.iter().any(county) && cricket_story(text) {
            for (i, p) in spans.iter().enumerate() {
                team[i] |= county(p);
            }
        }
        for (p, is_team) in spans.iter_mut().zip(team) {
            if !is_team {
                continue;
            }
            p.reject("teams", |c| {
                matches!(
                    ctx.gazetteer.facts(c.entity).kind,
                    Kind::City | Kind::Region
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    fn run(text: &str) -> Vec<String> {
        let g = gaz(&[
            "gn:1,city,Boston,,,US,US.MA,650000,PPLA,",
            "gn:2,city,Chicago,,,US,US.IL,2700000,PPL,",
            "gn:3,region,Texas,,,US,US.TX,29000000,ADM1,",
            "iso:IT,country,Italy,,,IT,,60000000,PCLI,",
        ]);
        resolve_with(&g, vec![Box::new(Teams)], text)
            .into_iter()
            .map(|(_, id)| id)
            .collect()
    }

    #[test]
    fn tables_and_fixtures() {
        assert_eq!(run("Boston 5 Chicago 3"), ["-", "-"]);
        assert_eq!(run("results:\nTEXAS 75 58 .564 -\n"), ["-"]);
        assert_eq!(run("May 20 v Chicago"), ["-"]);
        assert_eq!(run("BOSTON AT CHICAGO\n"), ["-", "gn:2"]);
        // National sides stay places.
        assert_eq!(run("Italy 2 Chicago 1"), ["iso:IT", "-"]);
        // Cricket innings: runs for wickets, or runs and the scorecard.
        assert_eq!(
            run("Lunch: Texas 182-4, Boston 96 ( A. Ruiz 51 )"),
            ["-", "-"]
        );
        assert_eq!(run("Chicago 203 (Ruiz 51 not out)"), ["-"]);
    }

    #[test]
    fn counties_in_a_cricket_story_are_sides() {
        let g = gaz(&[
            "gn:1,city,Boston,,,US,US.MA,650000,PPLA,",
            "gn:4,region,Kendshire,,,GB,GB.ENG,,ADM2,",
            "gn:5,city,Kendshire,,,CA,CA.08,40000,PPL,",
            "iso:IT,country,Italy,,,IT,,60000000,PCLI,",
        ]);
        let run = |t: &str| -> Vec<String> {
            resolve_with(&g, vec![Box::new(Teams)], t)
                .into_iter()
                .map(|(_, id)| id)
                .collect()
        };
        assert_eq!(
            run("Kendshire beat Italy by six wickets. The Kendshire bowler took four."),
            ["-", "iso:IT", "-"]
        );
        assert_eq!(
            run("Boston and Kendshire: 51 NOT OUT, a CRICKET record"),
            ["gn:1", "-"]
        );
        // One cricket word is not enough; nor are parts of words.
        assert_eq!(run("Kendshire hosts a cricket fair"), ["gn:4"]);
        assert_eq!(run("Kendshire wicketkeepers, cricketers"), ["gn:4"]);
        assert!(!cricket_story("knot outside the Lbwx"));
        assert!(cricket_story("lbw, not out"));
    }

    #[test]
    fn prose_and_datelines_stay_places() {
        assert_eq!(run("BOSTON 1996-08-30\nOfficials said"), ["gn:1"]);
        assert_eq!(run("Boston 2,000 people marched"), ["gn:1"]);
        assert_eq!(run("He flew from Boston 3 times"), ["gn:1"]);
        assert_eq!(run("Boston at Chicago"), ["gn:1", "gn:2"]);
        assert_eq!(run("Texas 3.5 million"), ["gn:3"]);
        assert_eq!(run("Boston 2010-11 budget"), ["gn:1"]);
        assert_eq!(run("Boston 12-year-old"), ["gn:1"]);
        assert_eq!(run("Boston 1996 (AP)"), ["gn:1"]);
        // Match scores are no innings.
        assert_eq!(run("they beat Texas 13-12 in the final"), ["gn:3"]);
        assert_eq!(run("they beat Texas 6-1 on Sunday"), ["gn:3"]);
        assert_eq!(run("Texas 18-10 Italy"), ["gn:3", "iso:IT"]);
    }
}
