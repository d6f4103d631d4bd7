//! Table-driven matcher tests: one row per case `(gazetteer, haystack,
//! expected surfaces with the entity id)`, grouped by semantics.

use crate::{Gazetteer, Tagger, TaggerBuilder};

/// Compact gazetteer rows: `id,kind,name,aliases,weak_aliases,demonyms,population`.
fn tagger(rows: &[&str]) -> Tagger {
    let mut csv = String::from("id,kind,name,aliases,weak_aliases,demonyms,population,lat,lon\n");
    for r in rows {
        csv.push_str(r);
        csv.push_str(",1,1\n");
    }
    let mut gaz = Gazetteer::new();
    gaz.load_reader("test.csv", csv.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    TaggerBuilder::new().build(gaz).unwrap()
}

type Case = (
    &'static [&'static str],
    &'static str,
    &'static [(&'static str, &'static str)],
);

fn run(group: &str, cases: &[Case]) {
    for (i, (rows, haystack, want)) in cases.iter().enumerate() {
        let t = tagger(rows);
        let got: Vec<(String, String)> = t
            .tag(haystack)
            .iter()
            .map(|m| {
                (
                    haystack[m.span.start..m.span.end].to_string(),
                    t.entity(m.entity).id.clone(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(s, id)| (s.to_string(), id.to_string()))
            .collect();
        assert_eq!(got, want, "{group} case {i}: {haystack:?}");
    }
}

const SY: &str = "iso:SY,country,Syria,Syrian Arab Republic,,Syrian|Syrians,22000000";
const US: &str = "iso:US,country,United States,America,US|U.S.|USA,American|Americans,310000000";

#[test]
fn boundaries() {
    run(
        "boundaries",
        &[
            (&[SY], "Syrian forces", &[("Syrian", "iso:SY")]),
            (&[SY], "in Syria's north", &[("Syria", "iso:SY")]),
            (&[SY], "in Syria\u{2019}s north", &[("Syria", "iso:SY")]),
            (&[SY], "(Syria)", &[("Syria", "iso:SY")]),
            (&[SY], "Syriac texts", &[]),
            (&[SY], "ASyria", &[]),
            (&[SY], "Syria2", &[]),
            (&[US], "a U.S.-led coalition", &[("U.S.", "iso:US")]),
            (&[US], "the US, and", &[("US", "iso:US")]),
            (&[US], "USAID", &[]),
            (
                &["c:1,city,Sao Paulo,,,,1"],
                "São Paulo",
                &[("São Paulo", "c:1")],
            ),
            // A combining mark belongs to the letter before it.
            (&["c:1,city,Paul,,,,1"], "Paule\u{301}", &[]),
            (
                &["c:1,city,Paule,,,,1"],
                "Paule\u{301} x",
                &[("Paule\u{301}", "c:1")],
            ),
            // Invisible characters do not make a boundary.
            (&["c:1,city,Eppo,,,,1"], "Al\u{AD}eppo", &[]),
        ],
    );
}

#[test]
fn case_rules() {
    run(
        "case",
        &[
            (&["iso:TR,country,Turkey,,,,80000000"], "roast turkey", &[]),
            (
                &["iso:TR,country,Turkey,,,,80000000"],
                "Turkey and TURKEY",
                &[("Turkey", "iso:TR"), ("TURKEY", "iso:TR")],
            ),
            (
                &["c:1,city,Nice,,,,300000"],
                "a nice day in Nice",
                &[("Nice", "c:1")],
            ),
            (
                &["a:1,agency,Washington Post,,,,"],
                "the Washington post office",
                &[],
            ),
            (
                &["a:1,agency,Washington Post,,,,"],
                "the Washington Post said",
                &[("Washington Post", "a:1")],
            ),
            (
                &["r:1,region,Eastern Ghouta,,,,400000"],
                "in eastern Ghouta",
                &[("eastern Ghouta", "r:1")],
            ),
            (
                &["r:1,region,Eastern Ghouta,,,,400000"],
                "in eastern ghouta",
                &[],
            ),
            (
                &["c:1,city,Washington,,,,700000"],
                "WASHINGTON (Reuters)",
                &[("WASHINGTON", "c:1")],
            ),
            (&["c:1,city,دمشق,,,,1"], "في دمشق اليوم", &[("دمشق", "c:1")]),
            (&[SY], "syrian", &[]),
            (&["c:1,city,Côte d'Ivoire,,,,1"], "Côte d'ivoire", &[]),
        ],
    );
}

#[test]
fn weak_aliases_exact_case() {
    run(
        "weak",
        &[
            (&[US], "US troops", &[("US", "iso:US")]),
            (&[US], "let us go", &[]),
            (&[US], "Us and them", &[]),
            (&[US], "the U.S. said", &[("U.S.", "iso:US")]),
            (
                &["a:1,agency,Deutsche Presse-Agentur,,dpa,,"],
                "(dpa) and DPA",
                &[("dpa", "a:1")],
            ),
            (
                &["a:1,agency,North Atlantic Treaty Organization,,NATO,,"],
                "NATO and Nato",
                &[("NATO", "a:1")],
            ),
        ],
    );
}

#[test]
fn leftmost_longest() {
    const NY: &str = "c:ny,city,New York,,,,8000000";
    const YORK: &str = "c:york,city,York,,,,200000";
    const NYT: &str = "a:nyt,agency,New York Times,,,,";
    const GH: &str = "r:gh,region,Ghouta,,,,1";
    const EGH: &str = "r:egh,region,Eastern Ghouta,,,,1";
    run(
        "leftmost-longest",
        &[
            (&[GH, EGH], "Eastern Ghouta", &[("Eastern Ghouta", "r:egh")]),
            (&[NY, YORK], "New York", &[("New York", "c:ny")]),
            (&[NY, NYT], "New York Timesheets", &[("New York", "c:ny")]),
            (
                &[NY, NYT],
                "the New York Times",
                &[("New York Times", "a:nyt")],
            ),
            (
                &[NY, YORK, NYT],
                "York, New York",
                &[("York", "c:york"), ("New York", "c:ny")],
            ),
            // Overlap: the leftmost start wins even if a later one is longer.
            (
                &[
                    "c:1,city,Las Palmas,,,,1",
                    "c:2,city,Palmas de Gran Canaria,,,,1",
                ],
                "Las Palmas de Gran Canaria",
                &[("Las Palmas", "c:1")],
            ),
        ],
    );
}

#[test]
fn normalization_in_matching() {
    run(
        "normalization",
        &[
            (
                &["c:1,city,Istanbul,,,,1"],
                "İstanbul",
                &[("İstanbul", "c:1")],
            ),
            (
                &["c:1,city,Kiev,,,,1"],
                "\u{212A}iev",
                &[("\u{212A}iev", "c:1")],
            ),
            (&["c:1,city,Kyiv,,,,1"], "Ｋyiv", &[("Ｋyiv", "c:1")]),
            (
                &["c:1,city,Finland,,,,1"],
                "ﬁnland? no: Finland",
                &[("Finland", "c:1")],
            ),
            (&["c:1,city,Fiji,,,,1"], "the ﬁji Fiji", &[("Fiji", "c:1")]),
            (&["c:1,city,Fiji,,,,1"], "Ｆｉｊｉ", &[("Ｆｉｊｉ", "c:1")]),
            (
                &["c:1,city,New York,,,,1"],
                "New\r\nYork",
                &[("New\r\nYork", "c:1")],
            ),
            (
                &["c:1,city,Sao Paulo,,,,1"],
                "Sa\u{303}o Paulo",
                &[("Sa\u{303}o Paulo", "c:1")],
            ),
            (
                &["c:1,city,Côte d'Ivoire,,,,1"],
                "Cote d\u{2019}Ivoire",
                &[("Cote d\u{2019}Ivoire", "c:1")],
            ),
            (&["c:1,city,Łódź,,,,1"], "Lodz", &[("Lodz", "c:1")]),
            (&["c:1,city,Gießen,,,,1"], "GIESSEN", &[("GIESSEN", "c:1")]),
        ],
    );
}

#[test]
fn char_offsets_after_non_ascii() {
    let t = tagger(&["c:1,city,Istanbul,,,,1", "c:2,city,Sao Paulo,,,,1"]);
    let text = "ﬁ İstanbul — São\r\nPaulo";
    let ms = t.tag(text);
    assert_eq!(ms.len(), 2);
    for m in &ms {
        let chars: Vec<char> = text.chars().collect();
        let by_chars: String = chars[m.span.char_start..m.span.char_end].iter().collect();
        assert_eq!(by_chars, &text[m.span.start..m.span.end]);
    }
    assert_eq!((ms[0].span.char_start, ms[0].span.char_end), (2, 10));
    assert_eq!((ms[0].span.start, ms[0].span.end), (4, 13));
}

#[test]
fn ambiguous_span_keeps_every_candidate() {
    let t = tagger(&[
        "iso:GE,country,Georgia,,,,3700000",
        "gn:us-ga,region,Georgia,,,,10700000",
        "p:1,person,Georgiana Smith,,,,",
    ]);
    let ms = t.tag("Georgia and Georgiana Smith");
    assert_eq!(ms.len(), 2);
    // Without other evidence the bigger unit (the country) wins.
    assert_eq!(t.entity(ms[0].entity).id, "iso:GE");
    assert_eq!(ms[0].candidates.len(), 2);
    assert_eq!(t.entity(ms[1].entity).id, "p:1");
}

#[test]
fn kind_order_breaks_population_ties() {
    let t = tagger(&["c:1,city,Sample,,,,", "r:1,region,Sample,,,,"]);
    let ms = t.tag("Sample");
    assert_eq!(t.entity(ms[0].entity).id, "r:1");
}
