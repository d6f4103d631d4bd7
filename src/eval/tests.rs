//! Each metric on tiny hand-made sets; the expected numbers are worked out
//! by hand in the comments.

use super::*;
use crate::entity::{Candidate, EntityId, Span};

const EPS: f64 = 1e-9;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS || (a.is_nan() && b.is_nan())
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b): (f64, f64) = ($a, $b);
        assert!(close(a, b), "{} = {a}, expected {b}", stringify!($a));
    }};
}

fn ent(start: usize, end: usize, text: &str, kind: &str, coord: Option<(f64, f64)>) -> GoldEntity {
    GoldEntity {
        start,
        end,
        text: text.into(),
        kind: kind.into(),
        lat: coord.map(|c| c.0),
        lon: coord.map(|c| c.1),
    }
}

fn doc(entities: Vec<GoldEntity>) -> GoldDoc {
    GoldDoc {
        id: "d".into(),
        text: String::new(),
        entities,
    }
}

fn pred(
    start: usize,
    end: usize,
    text: &str,
    kind: GoldKind,
    coord: Option<(f64, f64)>,
) -> Prediction {
    Prediction {
        start,
        end,
        text: text.into(),
        kind,
        lat: coord.map(|c| c.0),
        lon: coord.map(|c| c.1),
        confidence: 0.5,
        group: "city/name".into(),
    }
}

/// One degree of arc on a sphere of the scorer's radius.
fn degree_km() -> f64 {
    EARTH_RADIUS_KM * std::f64::consts::PI / 180.0
}

// ---- distances and span rules ----

#[test]
fn great_circle_distances() {
    assert_close!(great_circle_km((12.0, 34.0), (12.0, 34.0)), 0.0);
    // Along the equator or a meridian, the distance is R times the angle.
    assert!((great_circle_km((0.0, 0.0), (0.0, 1.0)) - degree_km()).abs() < 1e-6);
    assert!((great_circle_km((10.0, 5.0), (20.0, 5.0)) - 10.0 * degree_km()).abs() < 1e-6);
    // Antipodes: half the circumference, pi * R.
    assert!(
        (great_circle_km((0.0, 0.0), (0.0, 180.0)) - std::f64::consts::PI * EARTH_RADIUS_KM).abs()
            < 1e-6
    );
}

#[test]
fn loose_rule_needs_close_midpoints_and_the_same_surface_in_any_case() {
    let g = (10, 16, "Aleppo");
    assert!(spans_match(g, (10, 16, "ALEPPO"), false));
    // Midpoints 13 and 22.5: 9.5 apart.
    assert!(spans_match(g, (20, 25, "aleppo"), false));
    // Midpoints 13 and 23: 10 apart is too far.
    assert!(!spans_match(g, (20, 26, "aleppo"), false));
    assert!(!spans_match(g, (10, 16, "Alepo"), false));
    // Exact: the span alone decides.
    assert!(spans_match(g, (10, 16, "whatever"), true));
    assert!(!spans_match(g, (10, 17, "Aleppo"), true));
}

// ---- geo task ----

/// Two gold "Paris" with coordinates, one "Lyon" without; predictions: an
/// exact Paris with the same point, a shifted "paris" without coordinates,
/// a Lyon, and a person over the second Paris.
fn paris() -> (GoldDoc, Vec<Prediction>) {
    let pt = (48.85, 2.35);
    let gold = doc(vec![
        ent(0, 5, "Paris", "place", Some(pt)),
        ent(20, 25, "Paris", "place", Some(pt)),
        ent(40, 44, "Lyon", "place", None),
    ]);
    let mut preds = vec![
        pred(0, 5, "Paris", GoldKind::Place, Some(pt)),
        pred(12, 17, "paris", GoldKind::Place, None),
        pred(40, 44, "Lyon", GoldKind::Place, Some((45.75, 4.85))),
        pred(20, 25, "Paris", GoldKind::Person, None),
    ];
    for (p, c) in preds.iter_mut().zip([0.95, 0.55, 0.85, 0.75]) {
        p.confidence = c;
    }
    (gold, preds)
}

#[test]
fn geo_default_rule() {
    let (gold, preds) = paris();
    let s = score_geo(&[gold], &[preds], GeoOptions::default());
    // The first Paris takes the exact prediction; the second takes the
    // shifted one (midpoints 22.5 and 14.5); Lyon's gold has no point and is
    // left out, so its prediction is a false positive; the person is not
    // scored.
    assert_eq!((s.tp, s.fp, s.fn_, s.n_err), (2, 1, 0, 2));
    assert_close!(s.p, 2.0 / 3.0);
    assert_close!(s.r, 1.0);
    assert_close!(s.f1, 0.8);
    // Errors: 0 and 20039 (no coordinates).
    assert_close!(s.acc161, 0.5);
    assert_close!(s.mean_km, 10019.5);
    assert_close!(s.median_km, 10019.5);
    // (lg0 + lg1 - (lg0 + lg1) / 2) / 1 with lg0 = 0.
    assert_close!(s.auc, 0.5 * 20040f64.ln() / 20039f64.ln());
}

#[test]
fn geo_all_gold_keeps_places_without_coordinates() {
    let (gold, preds) = paris();
    let opts = GeoOptions {
        exact: false,
        all_gold: true,
    };
    let s = score_geo(&[gold], &[preds], opts);
    // Lyon now matches, but adds no error: its gold has no point.
    assert_eq!((s.tp, s.fp, s.fn_, s.n_err), (3, 0, 0, 2));
    assert_close!(s.f1, 1.0);
}

#[test]
fn geo_exact_spans() {
    let (gold, preds) = paris();
    let opts = GeoOptions {
        exact: true,
        all_gold: false,
    };
    let s = score_geo(&[gold], &[preds], opts);
    // Only the first Paris matches; the shifted one and Lyon are false
    // positives, the second Paris a false negative.
    assert_eq!((s.tp, s.fp, s.fn_, s.n_err), (1, 2, 1, 1));
    assert_close!(s.p, 1.0 / 3.0);
    assert_close!(s.r, 0.5);
    assert_close!(s.f1, 0.4);
    assert_close!(s.acc161, 1.0);
    // One error: the AUC is undefined.
    assert!(s.auc.is_nan());
}

#[test]
fn geo_matching_is_greedy_in_gold_order_not_optimal() {
    // Two gold "Rome" 8 characters apart; the first prediction (in offset
    // order) is the second span. The first gold takes it (midpoints 2 and
    // 10), so each gold gets the other one's point: 10 degrees off.
    let gold = doc(vec![
        ent(0, 4, "Rome", "place", Some((0.0, 0.0))),
        ent(8, 12, "Rome", "place", Some((0.0, 10.0))),
    ]);
    let preds = vec![
        pred(8, 12, "Rome", GoldKind::Place, Some((0.0, 10.0))),
        pred(0, 4, "Rome", GoldKind::Place, Some((0.0, 0.0))),
    ];
    let (tp, fn_, out) = match_document(&gold, &preds, GeoOptions::default());
    assert_eq!((tp, fn_), (2, 0));
    let s = score_geo(&[gold], &[preds], GeoOptions::default());
    assert_close!(s.acc161, 0.0);
    assert!((s.median_km - 10.0 * degree_km()).abs() < 1e-6);
    assert!(matches!(out[0], Outcome::Matched { error_km: Some(e) } if e > 1000.0));
}

#[test]
fn error_statistics() {
    // Sorted: 0, 100, 300, 20039.
    let e = ErrorStats::new(vec![300.0, 0.0, 100.0, 20039.0]);
    assert_eq!(e.n, 4);
    assert_close!(e.acc161, 0.5);
    assert_close!(e.mean_km, 20439.0 / 4.0);
    assert_close!(e.median_km, 200.0);
    // Trapezoids between the four points, over 3 intervals; ln(1 + 0) = 0.
    let l = 20039f64.ln();
    let auc = (101f64.ln() / l + 301f64.ln() / l + 0.5 * 20040f64.ln() / l) / 3.0;
    assert_close!(e.auc, auc);

    let odd = ErrorStats::new(vec![5.0, 1.0, 3.0]);
    assert_close!(odd.median_km, 3.0);
    // Exactly 161 km is not below 161.
    assert_close!(ErrorStats::new(vec![161.0, 160.9]).acc161, 0.5);

    let none = ErrorStats::new(vec![]);
    assert_eq!(none.n, 0);
    for v in [none.acc161, none.mean_km, none.median_km, none.auc] {
        assert!(v.is_nan());
    }
}

#[test]
fn empty_corpus_scores_zero_not_nan() {
    let s = score_geo(&[doc(vec![])], &[vec![]], GeoOptions::default());
    assert_eq!((s.tp, s.fp, s.fn_), (0, 0, 0));
    assert_eq!((s.p, s.r, s.f1), (0.0, 0.0, 0.0));
}

// ---- NER task ----

fn ner_set() -> (GoldDoc, Vec<Prediction>) {
    let gold = doc(vec![
        ent(0, 5, "Hanna", "person", None),
        ent(0, 5, "Hanna", "person", None),
        ent(10, 15, "Bosra", "place", None),
        ent(20, 25, "Kodak", "org", None),
        ent(30, 35, "Dutch", "misc", None),
    ]);
    let preds = vec![
        pred(0, 5, "Hanna", GoldKind::Person, None),
        pred(0, 5, "Hanna", GoldKind::Person, None),
        pred(10, 15, "Bosra", GoldKind::Org, None),
        pred(20, 25, "Kodak", GoldKind::Org, None),
        pred(30, 35, "Dutch", GoldKind::Misc, None),
        pred(40, 45, "Tyrol", GoldKind::Place, None),
    ];
    (gold, preds)
}

#[test]
fn ner_counts_distinct_spans_per_kind() {
    let (gold, preds) = ner_set();
    let s = score_ner(&[gold], &[preds]);
    // Duplicated person spans count once.
    assert_eq!((s.person.tp, s.person.fp, s.person.fn_), (1, 0, 0));
    // Bosra predicted as an org: a place miss and an org false positive.
    assert_eq!((s.place.tp, s.place.fp, s.place.fn_), (0, 1, 1));
    assert_eq!((s.org.tp, s.org.fp, s.org.fn_), (1, 1, 0));
    assert_close!(s.org.p, 0.5);
    assert_close!(s.org.f1, 2.0 / 3.0);
    assert_eq!((s.misc.tp, s.misc.fp, s.misc.fn_), (1, 0, 0));
    // Micro over person, place, org: tp 2, fp 2, fn 1.
    let m = s.micro_per_loc_org;
    assert_eq!((m.tp, m.fp, m.fn_), (2, 2, 1));
    assert_close!(m.p, 0.5);
    assert_close!(m.r, 2.0 / 3.0);
    assert_close!(m.f1, 4.0 / 7.0);
}

#[test]
fn ner_right_per_prediction() {
    let (gold, preds) = ner_set();
    assert_eq!(
        ner_right(&gold, &preds),
        vec![true, true, false, true, true, false]
    );
}

// ---- reliability ----

#[test]
fn reliability_buckets_by_decile() {
    let r = Reliability::new([
        (0.0, true),
        (0.05, false),
        (0.3, true),
        (0.35, true),
        (0.7, false),
        (0.9, true),
        (0.999, false),
        (1.0, true),
    ]);
    assert_eq!(r.buckets.len(), 10);
    assert_eq!(r.total(), 8);
    let b = &r.buckets;
    assert_eq!((b[0].count, b[0].right), (2, 1));
    assert_close!(b[0].share_right, 0.5);
    assert_close!(b[0].mean_confidence, 0.025);
    // 0.3 is in [0.3, 0.4), although 0.3 * 10 is not exactly 3.
    assert_eq!((b[3].count, b[3].right), (2, 2));
    assert_close!(b[3].mean_confidence, 0.325);
    assert_eq!((b[6].count, b[7].count), (0, 1));
    assert!(b[6].share_right.is_nan());
    // The last bucket is closed: 1.0 belongs to it.
    assert_eq!((b[9].count, b[9].right), (3, 2));
    assert_close!(b[9].mean_confidence, (0.9 + 0.999 + 1.0) / 3.0);
    assert_close!(b[9].lo, 0.9);
    assert_close!(b[9].hi, 1.0);
}

#[test]
fn geo_reliability_needs_161_km_and_ner_needs_the_kind() {
    let (gold, preds) = paris();
    let r = evaluate(&[gold], &[preds], &EvalOptions::new(Task::Geo));
    // Scored: the three places. Right: the exact Paris (0 km, 0.95) only;
    // the shifted one is 20039 km off (0.55); Lyon is unmatched (0.85).
    assert_eq!(r.predictions, 3);
    let b = &r.reliability.buckets;
    assert_eq!((b[9].count, b[9].right), (1, 1));
    assert_eq!((b[5].count, b[5].right), (1, 0));
    assert_eq!((b[8].count, b[8].right), (1, 0));
    let Scores::Geo(g) = &r.scores else {
        panic!("geo report expected")
    };
    // The per-kind table has the kinds the gold has: places only.
    assert_eq!(g.kinds.rows().len(), 1);
    assert_eq!(g.kinds.rows()[0].0, GoldKind::Place);
    // Under the NER rule every gold place counts, with or without a point:
    // Paris and Lyon match exactly, the shifted paris is a false positive,
    // and the person over the second Paris leaves it a false negative.
    let place = g.kinds.place.unwrap();
    assert_eq!((place.tp, place.fp, place.fn_), (2, 1, 1));
    assert_eq!(g.loose.tp, 2);
    assert_eq!(g.strict.tp, 1);

    let (gold, preds) = paris();
    let mut opts = EvalOptions::new(Task::Geo);
    opts.all_gold = true;
    let r = evaluate(&[gold], &[preds], &opts);
    // Lyon now matches a gold without coordinates: right.
    assert_eq!(r.reliability.buckets[8].right, 1);

    let (gold, preds) = ner_set();
    let r = evaluate(&[gold], &[preds], &EvalOptions::new(Task::Ner));
    assert_eq!(r.predictions, 6);
    assert_eq!(r.reliability.buckets[5].right, 4);
}

#[test]
fn json_keys_are_the_scorers() {
    let (gold, preds) = paris();
    let r = evaluate(&[gold], &[preds], &EvalOptions::new(Task::Geo));
    let v = serde_json::to_value(&r).unwrap();
    for k in [
        "tp",
        "fp",
        "fn",
        "P",
        "R",
        "F1",
        "n_err",
        "acc161",
        "mean_km",
        "median_km",
        "AUC",
    ] {
        assert!(v.get(k).is_some(), "{k} missing");
    }
    assert_eq!(v["task"], "geo");
    assert_eq!(v["strict"]["tp"], 1);
    assert!(v["kinds"].get("person").is_none());
    assert_eq!(v["reliability"].as_array().unwrap().len(), 10);
    // Undefined numbers are null, keeping the JSON valid.
    assert!(v["reliability"][0]["share_right"].is_null());

    let (gold, preds) = ner_set();
    let r = evaluate(&[gold], &[preds], &EvalOptions::new(Task::Ner));
    let v = serde_json::to_value(&r).unwrap();
    for k in ["person", "place", "org", "misc", "micro_per_loc_org"] {
        assert!(v[k]["F1"].is_number(), "{k} missing");
    }
}

// ---- kinds, predictions, document filter ----

#[test]
fn kind_mapping() {
    use crate::entity::Kind;
    let name = MatchType::Name;
    for k in [Kind::Country, Kind::Region, Kind::City] {
        assert_eq!(GoldKind::of(k, name, Demonyms::Misc), Some(GoldKind::Place));
    }
    assert_eq!(
        GoldKind::of(Kind::Person, MatchType::Surname, Demonyms::Place),
        Some(GoldKind::Person)
    );
    assert_eq!(
        GoldKind::of(Kind::Agency, MatchType::Weak, Demonyms::Place),
        Some(GoldKind::Org)
    );
    let dem = MatchType::Demonym;
    assert_eq!(
        GoldKind::of(Kind::Country, dem, Demonyms::Place),
        Some(GoldKind::Place)
    );
    assert_eq!(
        GoldKind::of(Kind::Country, dem, Demonyms::Misc),
        Some(GoldKind::Misc)
    );
    assert_eq!(GoldKind::of(Kind::Country, dem, Demonyms::Ignore), None);
    assert_eq!(Demonyms::default_for(Task::Geo), Demonyms::Place);
    assert_eq!(Demonyms::default_for(Task::Ner), Demonyms::Misc);
}

#[test]
fn prediction_reads_like_the_csv() {
    let text = "Über Köln: Kölner Dom";
    let mut e = Entity::new("gn:1", crate::entity::Kind::City, "Cologne");
    e.coord = Some((50.933333333, 6.950000049));
    let m = Mention {
        span: Span {
            start: 6,
            end: 11,
            char_start: 5,
            char_end: 9,
        },
        entity: EntityId(0),
        match_type: MatchType::Alias,
        candidates: vec![Candidate {
            entity: EntityId(0),
            match_type: MatchType::Alias,
        }],
        confidence: 0.7,
        rule: "match",
        runner_up: None,
    };
    let p = Prediction::from_mention(text, &m, &e, Demonyms::Place).unwrap();
    assert_eq!((p.start, p.end, p.text.as_str()), (5, 9, "Köln"));
    assert_eq!(p.kind, GoldKind::Place);
    // 5 decimals for coordinates, 3 for confidence, as the CSV writes them
    // (0.7f32 is 0.69999998..., which would fall in the wrong decile).
    assert_eq!(p.coord(), Some((50.93333, 6.95)));
    assert_eq!(p.confidence, 0.7);
}

#[test]
fn documents_by_position() {
    let docs: Vec<GoldDoc> = (0..5)
        .map(|i| GoldDoc {
            id: i.to_string(),
            text: String::new(),
            entities: vec![],
        })
        .collect();
    let ids = |f: DocFilter| -> Vec<String> {
        f.select(docs.clone()).into_iter().map(|d| d.id).collect()
    };
    assert_eq!(ids(DocFilter::All), ["0", "1", "2", "3", "4"]);
    assert_eq!(ids(DocFilter::Even), ["0", "2", "4"]);
    assert_eq!(ids(DocFilter::Odd), ["1", "3"]);
}

// ---- gold files ----

#[test]
fn gold_reads_documents_and_coordinates() {
    let src = concat!(
        r#"{"id": 7, "text": "A trip to Tartu.", "entities": [{"start": 10, "end": 15, "text": "Tartu", "kind": "place", "lat": 58.38, "lon": "26.72"}]}"#,
        "\n\n",
        r#"{"id": "b", "text": "Nobody.", "entities": [{"start": 0, "end": 6, "text": "Nobody", "kind": "person", "lat": null}]}"#,
        "\n",
    );
    let docs = read_gold("g.jsonl", src.as_bytes()).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "7");
    assert_eq!(docs[0].entities[0].coord(), Some((58.38, 26.72)));
    assert_eq!(docs[1].id, "b");
    assert_eq!(docs[1].entities[0].coord(), None);
}

#[test]
fn gold_errors_name_file_and_line() {
    let ok = r#"{"id": "a", "text": "x", "entities": []}"#;
    let cases = [
        ("{not json", "g.jsonl:2: invalid JSON"),
        ("[1, 2]", "g.jsonl:2: not a JSON object"),
        (
            r#"{"id": "b", "entities": []}"#,
            "g.jsonl:2: no field \"text\"",
        ),
        (
            r#"{"id": "b", "text": "x", "entities": [{"end": 1, "text": "x", "kind": "place"}]}"#,
            "g.jsonl:2: entities[0]: no field \"start\"",
        ),
        (
            r#"{"id": "b", "text": "x", "entities": [{"start": -1, "end": 1, "text": "x", "kind": "place"}]}"#,
            "g.jsonl:2: entities[0]: field \"start\" is not a non-negative integer",
        ),
        (ok, "g.jsonl:2: duplicate id \"a\" (first on line 1)"),
    ];
    for (line, want) in cases {
        let src = format!("{ok}\n{line}\n");
        let err = read_gold("g.jsonl", src.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(want), "{err:?} should start with {want:?}");
    }
}
