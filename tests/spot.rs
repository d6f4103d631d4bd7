//! Spot checks on the shipped default gazetteer (issues 4 and 5): the
//! places, people and organisations every user will try first resolve to
//! the right rows. One tagger is built for all of them (the default
//! gazetteer takes a few seconds to load in a debug build).

use gazetag::{Gazetteer, Tagger, TaggerBuilder};

fn default_tagger() -> Tagger {
    TaggerBuilder::new()
        .build(Gazetteer::embedded().unwrap())
        .unwrap()
}

/// `(text, surface, expected entity id)`: the mention of `surface` in `text`
/// resolves to the entity.
const CASES: &[(&str, &str, &str)] = &[
    // Places (issue 4).
    ("Shelling hit Aleppo overnight.", "Aleppo", "gn:170063"),
    (
        "Fighting spread across Aleppo province.",
        "Aleppo",
        "gn:170062",
    ),
    ("The port city of Latakia was calm.", "Latakia", "gn:173576"),
    (
        "Aid reached Eastern Ghouta at last.",
        "Eastern Ghouta",
        "cur:eastern-ghouta",
    ),
    ("Talks in Kyiv resumed.", "Kyiv", "gn:703448"),
    // Australian and Canadian abbreviations (weak aliases).
    (
        "Bushfires spread across NSW overnight.",
        "NSW",
        "gn:2155400",
    ),
    ("Floods closed roads in Qld on Sunday.", "Qld", "gn:2152274"),
    (
        "Smoke drifted over Kelowna, B.C., all week.",
        "B.C.",
        "gn:5909050",
    ),
    ("Talks in Kiev resumed.", "Kiev", "gn:703448"),
    ("Traffic in São Paulo stalled.", "São Paulo", "gn:3448439"),
    ("Traffic in Sao Paulo stalled.", "Sao Paulo", "gn:3448439"),
    (
        "Georgia and Armenia signed a border deal in Tbilisi.",
        "Georgia",
        "iso:GE",
    ),
    (
        "Voters in Atlanta and Savannah, Georgia, went to the polls.",
        "Georgia",
        "gn:4197000",
    ),
    (
        "The exhibition opens in Paris next week.",
        "Paris",
        "gn:2988507",
    ),
    (
        "A tornado hit Paris, Texas, on Sunday.",
        "Paris",
        "gn:4717560",
    ),
    // People and organisations (issue 5).
    ("John Kerry arrived.", "John Kerry", "cur:john-kerry"),
    ("Sergey Lavrov spoke.", "Sergey Lavrov", "cur:sergei-lavrov"),
    ("Sergei Lavrov spoke.", "Sergei Lavrov", "cur:sergei-lavrov"),
    (
        "António Guterres appealed for calm.",
        "António Guterres",
        "cur:antonio-guterres",
    ),
    (
        "Vladimir Putin met Xi Jinping.",
        "Vladimir Putin",
        "cur:vladimir-putin",
    ),
    (
        "Vladimir Putin met Xi Jinping.",
        "Xi Jinping",
        "cur:xi-jinping",
    ),
    ("NATO allies met.", "NATO", "cur:nato"),
    ("TASS reported the talks.", "TASS", "cur:tass"),
    ("Xinhua reported the talks.", "Xinhua", "cur:xinhua"),
    ("Hezbollah denied it.", "Hezbollah", "cur:hezbollah"),
    (
        "The Pentagon declined to comment.",
        "Pentagon",
        "cur:pentagon",
    ),
    // Organisations beat places inside them; people beat places.
    (
        "The State Department said so.",
        "State Department",
        "cur:us-state-department",
    ),
    (
        "The Washington Post reported it.",
        "Washington Post",
        "cur:washington-post",
    ),
    (
        "The Moscow Times reported it.",
        "Moscow Times",
        "cur:moscow-times",
    ),
    (
        "Jordan Henderson scored twice.",
        "Jordan Henderson",
        "cur:jordan-henderson",
    ),
    ("Paris Hilton arrived.", "Paris Hilton", "cur:paris-hilton"),
];

#[test]
fn default_gazetteer_spot_checks() {
    let tagger = default_tagger();
    let mut failures = vec![];
    for &(text, surface, want) in CASES {
        let tagged = tagger.tag_document(text);
        let got = tagged
            .mentions
            .iter()
            .find(|m| &text[m.span.start..m.span.end] == surface)
            .map(|m| tagged.entity(tagger.gazetteer(), m.entity).id.clone());
        if got.as_deref() != Some(want) {
            failures.push(format!("{text:?}: {surface} -> {got:?}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
