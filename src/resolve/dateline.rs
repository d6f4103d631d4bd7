//! Datelines: "WASHINGTON (Reuters) -", "KYIV, March 3 (AP) —",
//! "LONDON 1996-08-30", "Beirut, Lebanon —".
//!
//! A place mention at the very start of a document (or of a line in its
//! first 200 bytes, after a headline), written in capitals or followed by a
//! dateline marker — an opening parenthesis, a dash, or a comma followed by
//! a month, a digit or another place and then one of those — is the
//! dateline. The dateline names where the story was filed: a city, so city
//! candidates get +4 and divisions lose the bigger-unit bonus in practice
//! (Washington, D.C., not the state).

use super::{Context, Pending, Rule};
use crate::entity::Kind;

/// The dateline rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct Dateline;

/// How far into a document a dateline may start.
const WINDOW: usize = 200;

/// The index of the span that is the document's dateline, if any.
pub fn dateline_span(ctx: &Context<'_>, spans: &[Pending]) -> Option<usize> {
    let text = ctx.text;
    for (i, p) in spans.iter().enumerate() {
        if p.start > WINDOW {
            break;
        }
        // At the start of the text or of a line.
        let before = &text[..p.start];
        let line_start = before.trim_end_matches([' ', '\t']);
        if !(line_start.is_empty() || line_start.ends_with('\n')) {
            continue;
        }
        let surface = ctx.surface(p);
        let caps =
            surface.chars().any(char::is_alphabetic) && !surface.chars().any(char::is_lowercase);
        let after = &text[p.end..];
        if caps || is_marker(after) || is_marker_after_qualifier(after) {
            return Some(i);
        }
    }
    None
}

fn is_marker(after: &str) -> bool {
    let a = after.trim_start_matches([' ', '\u{a0}']);
    a.starts_with('(')
        || a.starts_with('-')
        || a.starts_with('\u{2014}')
        || a.starts_with('\u{2013}')
        || a.starts_with(':')
}

/// ", Lebanon —", ", March 3 (AP)", " 1996-08-30".
fn is_marker_after_qualifier(after: &str) -> bool {
    let line = after.lines().next().unwrap_or("");
    let head: String = line.chars().take(40).collect();
    let h = head.trim_start();
    let h = h.strip_prefix(',').unwrap_or(h).trim_start();
    let starts_date = h.chars().next().is_some_and(|c| c.is_ascii_digit())
        || MONTHS.iter().any(|m| h.starts_with(m));
    if starts_date {
        return true;
    }
    // ", Lebanon (Reuters)": a capitalised word or two, then a marker.
    if after.trim_start().starts_with(',') {
        let rest = h;
        if let Some(pos) = rest.find(['(', '\u{2014}', '\u{2013}']) {
            let q = &rest[..pos];
            return q.split_whitespace().count() <= 3
                && q.split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        }
    }
    false
}

const MONTHS: [&str; 21] = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Today",
];

impl Rule for Dateline {
    fn name(&self) -> &'static str {
        "dateline"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let Some(i) = dateline_span(ctx, spans) else {
            return;
        };
        for c in &mut spans[i].candidates {
            if ctx.gazetteer.facts(c.entity).kind == Kind::City {
                c.add("dateline", 4.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::super::Prior;
    use super::*;

    fn rows() -> Vec<&'static str> {
        vec![
            "gn:dc,city,Washington,,,US,US.DC,689545,PPLC,",
            "gn:wa,region,Washington,,,US,US.WA,7705281,ADM1,",
            "gn:lb,country,Lebanon,,,LB,,4000000,PCLI,",
            "gn:be,city,Beirut,,,LB,LB.04,1900000,PPLC,",
            "gn:ny,city,New York,,,US,US.NY,8000000,PPL,",
            "gn:nys,region,New York,,,US,US.NY,19000000,ADM1,",
        ]
    }

    #[test]
    fn dateline_place_is_a_city() {
        let g = gaz(&rows());
        for text in [
            "WASHINGTON (Reuters) - Officials said",
            "WASHINGTON, March 3 (AP) — Officials said",
            "Talks resume\nWashington - Officials said",
            "WASHINGTON 1996-08-30\nOfficials said",
        ] {
            let got = resolve_with(&g, vec![Box::new(Prior), Box::new(Dateline)], text);
            assert_eq!(got[0].1, "gn:dc", "{text}");
        }
        // The prior alone would choose the state.
        let got = resolve_with(&g, vec![Box::new(Prior)], "NEW YORK (Reuters) - Officials");
        assert_eq!(got[0].1, "gn:nys");
        let got = resolve_with(
            &g,
            vec![Box::new(Prior), Box::new(Dateline)],
            "NEW YORK (Reuters) - Officials",
        );
        assert_eq!(got[0].1, "gn:ny");
    }

    #[test]
    fn not_a_dateline() {
        let g = gaz(&rows());
        let text = "Lawmakers in New York said the state budget";
        let got = resolve_with(&g, vec![Box::new(Prior), Box::new(Dateline)], text);
        assert_eq!(got[0].1, "gn:nys");
        let text = "New York said on Monday";
        let got = resolve_with(&g, vec![Box::new(Prior), Box::new(Dateline)], text);
        assert_eq!(got[0].1, "gn:nys");
    }
}
