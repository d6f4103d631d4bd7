//! Lists: places named in one enumeration are of one sort.
//!
//! "Georgia, Alabama and Florida" names three US states, "Georgia, Armenia
//! and Azerbaijan" three countries, "Montana, Nevada, Washington and
//! Wyoming" four states, not the capital: a writer lists like with like.
//! An enumeration is a run of three or more place mentions separated only
//! by a comma, "and", "or", or a comma and one of them. Each member that
//! leads with a country, a first-level division of a country, or a city of
//! a country gives its list that sort (countries are one sort; divisions
//! and cities are one sort per country). When at least half of the
//! members, and at least two, share a sort and no other sort has as many
//! ("Paris, London and Berlin" has none), the members' live candidates of
//! that sort gain +4.0 (more than a capital's rank and population over its
//! state's, as "Washington" has over the state): every member's in a list
//! of countries or divisions, enough to hold against the story's context;
//! in a list of towns, only those of members that lead with another sort.
//!
//! Two places joined by "and" or "or" ("England and Wales") are a list
//! too when both lead with the same country or division sort: each keeps
//! it with the same +4.0, so the story's context does not make Wales the
//! English village.
//!
//! A member that a local pattern settled ("Portland, Maine, and Boston":
//! Portland and Maine are one place, not two members of a list) neither
//! counts nor gains: the run is split there.

use super::{Context, Pending, Rule};
use crate::entity::Kind;
use crate::gazetteer::{Code, Facts, Feature, Gazetteer};

/// The lists rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lists;

/// What a member of a list gains towards the list's sort.
const BONUS: f64 = 4.0;

/// A sort of place a list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sort {
    Country,
    /// A first-level division, of this country.
    Division(Code),
    /// A city, of this country.
    City(Code),
}

fn sort(e: &Facts) -> Option<Sort> {
    match e.kind {
        Kind::Country => Some(Sort::Country),
        Kind::Region if e.feature == Feature::Adm1 && !e.country.is_none() => {
            Some(Sort::Division(e.country))
        }
        Kind::City if !e.country.is_none() => Some(Sort::City(e.country)),
        _ => None,
    }
}

/// The longest separator in bytes (", and " with a space more).
const MAX_SEPARATOR: usize = 8;

/// Whether the text between two mentions separates members of a list: a
/// comma, "and", "or", or a comma then "and" or "or", with spaces.
pub(super) fn separates(between: &str) -> bool {
    if between.len() > MAX_SEPARATOR {
        return false;
    }
    match between.trim_start_matches(' ').strip_prefix(',') {
        Some(rest) => {
            let r = rest.trim_start_matches(' ');
            r.is_empty() || r == "and " || r == "or "
        }
        None => between == " and " || between == " or ",
    }
}

/// Whether the span may be a member: a live place candidate, and no local
/// pattern ("X, Y", "the city of X") settled it.
fn member(gaz: &Gazetteer, p: &Pending) -> bool {
    !p.has_evidence("local") && p.live().any(|c| gaz.facts(c.entity).kind.is_place())
}

impl Rule for Lists {
    fn name(&self) -> &'static str {
        "lists"
    }

    fn moves_spans(&self) -> bool {
        false
    }

    fn apply(&self, ctx: &Context<'_>, spans: &mut [Pending]) {
        let gaz = ctx.gazetteer;
        let joined = |k: usize| {
            let (a, b) = (spans[k].end, spans[k + 1].start);
            a <= b && b - a <= MAX_SEPARATOR && separates(&ctx.text[a..b])
        };
        // Runs of spans joined by separators (a cheap test of the text
        // between), then the runs of members within them.
        let mut runs: Vec<(usize, usize)> = vec![];
        let mut i = 0;
        while i < spans.len() {
            let mut k = i;
            while k + 1 < spans.len() && joined(k) {
                k += 1;
            }
            let pair = k == i + 1 && {
                let between = ctx.text[spans[i].end..spans[k].start].trim();
                between == "and" || between == "or"
            };
            if pair && member(gaz, &spans[i]) && member(gaz, &spans[k]) {
                runs.push((i, k));
            } else if k - i + 1 >= 3 {
                // Split the run at spans that are no members.
                let breaks = spans[i..=k]
                    .iter()
                    .map(|p| !member(gaz, p))
                    .chain(std::iter::once(true));
                let mut a = i;
                for (b, at_break) in (i..).zip(breaks) {
                    if at_break {
                        if b - a >= 3 {
                            runs.push((a, b - 1));
                        }
                        a = b + 1;
                    }
                }
            }
            i = k + 1;
        }
        for (a, b) in runs {
            weigh(gaz, &mut spans[a..=b]);
        }
    }
}

/// Gives the members of one list their sort.
fn weigh(gaz: &Gazetteer, members: &mut [Pending]) {
    let sorts: Vec<Option<Sort>> = members
        .iter()
        .map(|p| p.leader(gaz).and_then(|c| sort(gaz.facts(c.entity))))
        .collect();
    let n = members.len();
    let unit = |s: &Option<Sort>| matches!(s, Some(Sort::Country | Sort::Division(_)));
    if n == 2 && (!unit(&sorts[0]) || sorts[0] != sorts[1]) {
        return;
    }
    let count = |s: Sort| sorts.iter().filter(|t| **t == Some(s)).count();
    // The sort most members lead with: at least two and half of them, and
    // no other sort as many.
    let Some(major) = sorts.iter().flatten().copied().max_by_key(|&s| count(s)) else {
        return;
    };
    let top = count(major);
    let tied = sorts
        .iter()
        .flatten()
        .any(|&s| s != major && count(s) == top);
    if top < 2 || 2 * top < n || tied {
        return;
    }
    // A list of countries or divisions holds: every member gains, those
    // that lead with the sort too, so the later `context` and `cohere`,
    // which weigh the whole story, do not undo it ("Missouri" elsewhere in
    // the story does not make the "Nevada" of a list of states the
    // Missouri town). A list of towns gives only the others a push: towns
    // often lead on a weak prior ("Devon, Cornwall and Somerset" lead
    // with Canadian and American towns before the story's context speaks).
    let hold = unit(&Some(major));
    for (p, s) in members.iter_mut().zip(&sorts) {
        if !hold && *s == Some(major) {
            continue;
        }
        for c in &mut p.candidates {
            if c.rejected.is_none() && sort(gaz.facts(c.entity)) == Some(major) {
                c.add("lists", BONUS);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{gaz, resolve_with};
    use super::super::{LocalPatterns, Prior};
    use super::*;

    fn run(text: &str) -> Vec<String> {
        let g = gaz(&[
            "iso:GE,country,Georgia,,,GE,,3700000,PCLI,",
            "iso:AM,country,Armenia,,,AM,,2900000,PCLI,",
            "gn:ga,region,Georgia,,,US,US.GA,10000000,ADM1,",
            "gn:al,region,Alabama,,,US,US.AL,5000000,ADM1,",
            "gn:fl,region,Florida,,,US,US.FL,21000000,ADM1,",
            "gn:wa,region,Washington,,,US,US.WA,7000000,ADM1,",
            "gn:dc,city,Washington,,,US,US.DC,689545,PPLC,",
            "gn:me,region,Maine,,,US,US.ME,1300000,ADM1,",
            "gn:pt,city,Portland,,,US,US.ME,66000,PPL,",
            "gn:bo,city,Boston,,,US,US.MA,650000,PPLA,",
        ]);
        resolve_with(
            &g,
            vec![Box::new(Prior), Box::new(LocalPatterns), Box::new(Lists)],
            text,
        )
        .into_iter()
        .map(|(_, id)| id)
        .collect()
    }

    #[test]
    fn separators() {
        for (b, want) in [
            (", ", true),
            (" and ", true),
            (", and ", true),
            (" or ", true),
            (",", true),
            (" , ", true),
            (" ", false),
            ("and", false),
            (" and the ", false),
            (": ", false),
            (", the ", false),
            ("; ", false),
        ] {
            assert_eq!(separates(b), want, "{b:?}");
        }
    }

    #[test]
    fn a_list_holds_one_sort() {
        assert_eq!(
            run("Georgia, Alabama and Florida"),
            ["gn:ga", "gn:al", "gn:fl"]
        );
        assert_eq!(
            run("Georgia, Armenia, Florida"),
            ["iso:GE", "iso:AM", "gn:fl"]
        );
        assert_eq!(
            run("Alabama, Washington, Florida or Georgia"),
            ["gn:al", "gn:wa", "gn:fl", "gn:ga"]
        );
        // Two members of different sorts: nothing to say.
        assert_eq!(run("Washington and Florida"), ["gn:dc", "gn:fl"]);
        // Nor mentions apart.
        assert_eq!(
            run("Georgia. Alabama and Florida"),
            ["iso:GE", "gn:al", "gn:fl"]
        );
    }

    #[test]
    fn a_pair_of_one_sort_holds_against_context() {
        let g = gaz(&[
            "gn:en,region,England,,,GB,GB.ENG,53000000,ADM1,",
            "gn:wl,region,Wales,,,GB,GB.WLS,3000000,ADM1,",
            "gn:wv,city,Wales,,,GB,GB.ENG,2000,PPL,",
            "gn:c,city,Canterbury,,,GB,GB.ENG,55000,PPL,",
            "gn:d,city,Dover,,,GB,GB.ENG,30000,PPL,",
            "gn:l,city,Leeds,,,GB,GB.ENG,450000,PPL,",
        ]);
        let text = "Canterbury, Dover, Leeds. The church in England and Wales.";
        let run = |lists: bool| {
            let mut rules: Vec<Box<dyn Rule>> = vec![Box::new(Prior)];
            if lists {
                rules.push(Box::new(Lists));
            }
            rules.push(Box::new(super::super::DocumentContext));
            resolve_with(&g, rules, text)[4].1.clone()
        };
        // Without the rule, three English places pull Wales to the village.
        assert_eq!(run(false), "gn:wv");
        assert_eq!(run(true), "gn:wl");
    }

    #[test]
    fn a_settled_pair_is_no_member() {
        assert_eq!(
            run("Portland, Maine, and Boston"),
            ["gn:pt", "gn:me", "gn:bo"]
        );
    }
}
