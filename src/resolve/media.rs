//! A place name that is part of a newspaper's or broadcaster's name: "the
//! Dayton Herald", "the Leeds Evening Post", "Radio Kabul", "Television
//! Ruritania", "the Ruritania Broadcasting Corporation".
//!
//! The text speaks of the paper or the station (an organisation), not of
//! the place, and news annotation marks no place there (in the development
//! corpora, places inside a paper's name were left out of the gold nearly
//! everywhere; CoNLL calls the whole name an organisation). A span loses
//! its place candidates when
//!
//! - the next word (one space after it) is a newspaper's or broadcaster's
//!   head: Times, Herald, Journal, Tribune, Gazette, Chronicle, Sentinel,
//!   Inquirer, Examiner, Dispatch, Telegraph, Observer, Courier, Globe,
//!   Mirror, Star, Post (not "Post Office"), Broadcasting, Radio,
//!   Television; or one of Morning, Evening, Daily, Sunday, Weekly and
//!   then such a head or News ("the Bucharest Daily News");
//! - the word before it (one space) is Radio or Television ("Radio
//!   Kabul").
//!
//! "News" alone is not a head ("Ohio News" is too often a section or a
//! network's local desk whose place the annotation keeps), nor are
//! lower-case words ("the Dayton times of trouble" is untouched). A paper
//! that the gazetteer lists itself ("The New York Times") is matched whole
//! before any rule and never reaches this one.

use super::{word_list, Context, Pending, Rule, WordList};

/// The media rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct Media;

/// Words that end a newspaper's or broadcaster's name.
const MEDIA_HEADS: [&str; 20] = [
    "Times",
    "Herald",
    "Journal",
    "Tribune",
    "Gazette",
    "Chronicle",
    "Sentinel",
    "Inquirer",
    "Examiner",
    "Dispatch",
    "Telegraph",
    "Observer",
    "Courier",
    "Globe",
    "Mirror",
    "Star",
    "Post",
    "Broadcasting",
    "Radio",
    "Television",
];

/// Words between the place and the head: "Evening Post", "Daily News".
const EDITIONS: [&str; 5] = ["Morning", "Evening", "Daily", "Sunday", "Weekly"];

/// Words before a place that make it a station's name.
const STATION_PREFIXES: [&str; 2] = ["Radio", "Television"];

static HEADS: WordList = word_list(&MEDIA_HEADS);
static EDITION: WordList = word_list(&EDITIONS);

/// The word of letters at the start of `s`, and what follows it.
fn word(s: &str) -> (&str, &str) {
    let n = super::alpha_len(s);
    s.split_at(n)
}

/// Whether a paper's or station's head follows the span.
fn head_after(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    // Every head and edition is capitalised ASCII.
    if !rest.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let (w, next) = word(rest);
    if EDITION.contains(w) {
        let Some(rest) = next.strip_prefix(' ') else {
            return false;
        };
        let (h, _) = word(rest);
        return h == "News" || HEADS.contains(h);
    }
    if w == "Post" {
        return !next.starts_with(" Office");
    }
    HEADS.contains(w)
}

/// Whether a station prefix stands right before the span.
fn prefix_before(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(' ') else {
        return false;
    };
    // "Radio", "Television": the last letter first.
    if !matches!(rest.as_bytes().last(), Some(b'o' | b'n'))
        || !STATION_PREFIXES.iter().any(|w| rest.ends_with(w))
    {
        return false;
    }
    let i = super::alpha_start(rest);
    STATION_PREFIXES.contains(&&rest[i..])
}

impl Rule for Media {
    fn name(&self) -> &'static str {
        "media"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        for p in spans.iter_mut() {
            if !(head_after(&ctx.text[p.end..]) || prefix_before(&ctx.text[..p.start])) {
                continue;
            }
            p.reject("media", |c| ctx.gazetteer.facts(c.entity).kind.is_place());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::*;

    #[test]
    fn papers_and_stations_named_after_places() {
        let g = gaz(&[
            "gn:1,city,Dayton,,,US,US.OH,140000,PPL,",
            "iso:RR,country,Ruritania,,,RR,,9000000,PCLI,",
            "a:1,agency,Dayton Gazette Company,,,US,,,,",
        ]);
        let run = |t: &str| resolve_with(&g, vec![Box::new(Media)], t);
        for text in [
            "Dayton Herald reported",
            "told the Dayton Times on Monday",
            "the Dayton Evening Post said",
            "in the Dayton Daily News",
            "the Ruritania Broadcasting Corporation",
            "Ruritania Radio said",
            "according to Radio Ruritania",
            "Television Ruritania, which",
            "the Dayton Post-Gazette",
        ] {
            assert_eq!(run(text)[0].1, "-", "{text}");
        }
        for (text, id) in [
            ("the Dayton Post Office", "gn:1"),
            ("Dayton News", "gn:1"),
            ("in Dayton times were hard", "gn:1"),
            ("in Dayton. Times were hard", "gn:1"),
            ("Ruritania Daily life", "iso:RR"),
            ("radio Ruritania", "iso:RR"),
        ] {
            assert_eq!(run(text)[0].1, id, "{text}");
        }
        // A paper the gazetteer lists is matched whole: no place at all.
        assert_eq!(run("the Dayton Gazette Company")[0].1, "a:1");
    }
}
