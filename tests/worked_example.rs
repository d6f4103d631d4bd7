//! The worked example: a wire story written for this project (tests/data/
//! story.txt) tagged with the fixture gazetteer. Every mention is asserted,
//! and what must not be tagged.

use crate::util::{data, fixture_tagger};

#[test]
fn every_mention_of_the_story() {
    let tagger = fixture_tagger();
    let text = std::fs::read_to_string(data("story.txt")).unwrap();
    let got: Vec<String> = tagger
        .tag(&text)
        .iter()
        .map(|m| {
            let e = tagger.entity(m.entity);
            let coord = e
                .coord
                .map(|(a, b)| format!("{a:.2},{b:.2}"))
                .unwrap_or_default();
            format!(
                "{}..{} {} {} {} {} {}",
                m.span.start,
                m.span.end,
                &text[m.span.start..m.span.end],
                e.id,
                e.kind,
                coord,
                m.match_type
            )
        })
        .collect();
    let want = [
        "0..10 WASHINGTON gn:4140963 city 38.90,-77.04 name",
        "12..19 Reuters cur:reuters agency 51.52,-0.09 name",
        "23..27 U.S. iso:US country 39.76,-98.50 weak",
        "32..39 Russian iso:RU country 60.00,100.00 demonym",
        "106..111 Syria iso:SY country 35.00,38.00 name",
        "138..152 eastern Ghouta cur:eastern-ghouta region 33.53,36.40 name",
        // The city (named) over the governorate (only an alias).
        "164..170 Aleppo gn:170063 city 36.20,37.16 name",
        "219..229 John Kerry cur:john-kerry person  name",
        "254..261 Russian iso:RU country 60.00,100.00 demonym",
        "279..292 Sergei Lavrov cur:sergei-lavrov person  name",
        "298..314 State Department cur:us-state-department agency 38.89,-77.05 name",
        // Coreference: the surname after the full mention.
        "321..326 Kerry cur:john-kerry person  surname",
        "333..339 Moscow gn:524901 city 55.75,37.62 name",
        "367..375 Damascus gn:170654 city 33.51,36.29 name",
        "424..435 White House cur:white-house agency 38.90,-77.04 name",
        "464..470 Moscow gn:524901 city 55.75,37.62 name",
        // "the port city of Latakia": the city, not the governorate.
        "505..512 Latakia gn:173576 city 35.53,35.79 name",
        "520..526 Russia iso:RU country 60.00,100.00 name",
        "546..552 Syrian iso:SY country 35.00,38.00 demonym",
    ];
    assert_eq!(got, want);
}

#[test]
fn what_must_not_be_tagged() {
    let tagger = fixture_tagger();
    let text = std::fs::read_to_string(data("story.txt")).unwrap();
    let surfaces: Vec<&str> = tagger
        .tag(&text)
        .iter()
        .map(|m| &text[m.span.start..m.span.end])
        .collect();
    // Common words in lowercase, "Ghouta" inside "eastern Ghouta", "State"
    // inside "State Department".
    for bad in ["nice", "turkey", "Ghouta", "State", "Department"] {
        assert!(!surfaces.contains(&bad), "{bad} was tagged");
    }
}

#[test]
fn offsets_in_chars_match_python_indices() {
    let tagger = fixture_tagger();
    let text = "Réunion talks: “Syria’s future” — Sergei Lavrov in Moscow.";
    let chars: Vec<char> = text.chars().collect();
    let ms = tagger.tag(text);
    assert_eq!(ms.len(), 3);
    for m in ms {
        let by_char: String = chars[m.span.char_start..m.span.char_end].iter().collect();
        assert_eq!(by_char, &text[m.span.start..m.span.end]);
    }
}

#[test]
fn focus_of_the_story() {
    let tagger = fixture_tagger();
    let text = std::fs::read_to_string(data("story.txt")).unwrap();
    let f = tagger.tag_document(&text).focus;
    let names = |l: &[(gazetag::EntityId, f64)]| -> Vec<(String, String)> {
        l.iter()
            .map(|(id, w)| (tagger.entity(*id).id.clone(), format!("{w:.2}")))
            .collect()
    };
    for list in [&f.countries, &f.regions, &f.cities] {
        let sum: f64 = list.iter().map(|x| x.1).sum();
        assert!((sum - 1.0).abs() < 1e-9 || list.is_empty());
    }
    let countries = names(&f.countries);
    // Syria (the place of the story) and Russia (one of the two parties)
    // share the top; the United States, named once plus a dateline, follows.
    let top: Vec<&str> = countries[..2].iter().map(|c| c.0.as_str()).collect();
    assert!(
        top.contains(&"iso:SY") && top.contains(&"iso:RU"),
        "{countries:?}"
    );
    assert_eq!(countries[2].0, "iso:US", "{countries:?}");
    let cities = names(&f.cities);
    assert!(cities.iter().any(|c| c.0 == "gn:524901"), "{cities:?}");
}

/// People within a document: surnames after a full mention only, the most
/// recent full mention for a shared surname, titles introducing new people.
#[test]
fn people_coreference_and_titles() {
    use gazetag::{Gazetteer, MatchType, TaggerBuilder};
    let mut gaz = Gazetteer::from_paths(&[data("gazetteer")]).unwrap();
    let extra = "id,kind,name,country,admin1,lat,lon,population\n\
                 gn:kerry,region,Kerry,IE,IE.M11,52.1,-9.6,147000\n\
                 gn:alton,city,Alton,US,US.IL,38.9,-90.18,27000\n";
    gaz.load_reader("extra.csv", extra.as_bytes()).unwrap();
    let tagger = TaggerBuilder::new().build(gaz).unwrap();
    let text = "Lavrov arrived first. Later Sergei Lavrov met John Kerry in Moscow. \
                Kerry said Lavrov's plan had merit, and Mr. Lavrov agreed. \
                Interior Ministry spokesman Ahmed Karimi said nothing; Karimi left. \
                Foreign Minister Okonjo of Nigeria spoke too. \
                Mayor Alton Larkspur of Alton and Chief Alton Fire were absent. \
                Chief Executive Officer Nadia Brenholt and the Chief Medical Officer \
                for Alton wrote; Brenholt signed.";
    let tagged = tagger.tag_document(text);
    let got: Vec<(String, String, MatchType)> = tagged
        .mentions
        .iter()
        .map(|m| {
            (
                text[m.span.start..m.span.end].to_string(),
                tagged.entity(tagger.gazetteer(), m.entity).id.clone(),
                m.match_type,
            )
        })
        .collect();
    let want = [
        ("Sergei Lavrov", "cur:sergei-lavrov", MatchType::Name),
        ("John Kerry", "cur:john-kerry", MatchType::Name),
        ("Moscow", "gn:524901", MatchType::Name),
        ("Kerry", "cur:john-kerry", MatchType::Surname),
        ("Lavrov", "cur:sergei-lavrov", MatchType::Surname),
        ("Lavrov", "cur:sergei-lavrov", MatchType::Surname),
        ("Ahmed Karimi", "local:ahmed-karimi", MatchType::Title),
        ("Karimi", "local:ahmed-karimi", MatchType::Surname),
        ("Okonjo", "local:okonjo", MatchType::Title),
        // A title before a town's name and a surname: a person.
        ("Alton Larkspur", "local:alton-larkspur", MatchType::Title),
        ("Alton", "gn:alton", MatchType::Name),
        ("Alton", "gn:alton", MatchType::Name),
        // An office between the title and the name belongs to the title;
        // an office alone is nobody.
        ("Nadia Brenholt", "local:nadia-brenholt", MatchType::Title),
        ("Alton", "gn:alton", MatchType::Name),
        ("Brenholt", "local:nadia-brenholt", MatchType::Surname),
    ];
    let want: Vec<(String, String, MatchType)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
        .collect();
    assert_eq!(got, want);
    assert_eq!(tagged.locals.len(), 4);
}
