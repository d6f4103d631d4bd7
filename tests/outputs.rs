//! The output formats, `stats` and `map`, through the real binary. Each
//! format's snapshot pins its documented shape; JSON outputs are also
//! checked with an independent parser (serde_json::Value).

use std::fs;

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{data, gazetag};

fn fixture() -> String {
    data("gazetteer").display().to_string()
}

/// Three documents: keep fields of several JSON types, one without a
/// mention, a city named twice.
const INPUT: &str = concat!(
    "{\"id\":\"d1\",\"text\":\"Talks in São Paulo, then \\\"Damascus\\\".\",\"src\":\"wire, AP\",\"n\":5}\n",
    "{\"id\":\"d2\",\"text\":\"Nothing here.\",\"src\":{\"a\":[1,2]}}\n",
    "{\"id\":\"d3\",\"text\":\"Moscow said Moscow and Damascus agreed.\",\"src\":\"y\",\"n\":null}\n",
);

/// Runs `gazetag tag` on [`INPUT`] with the fixture gazetteer.
fn tag(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    fs::write(&input, INPUT).unwrap();
    let out = gazetag()
        .args(["tag", "-q", "--gazetteer", &fixture()])
        .args(args)
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The fixture's gazetteer version, replaced by `VERSION` in snapshots so
/// they pin the shape, not the fixture's hash.
fn version() -> String {
    let out = tag(&["--format", "jsonl"]);
    let v: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    v["gazetteer"].as_str().unwrap().to_string()
}

fn unversioned(s: &str) -> String {
    let v = version();
    assert_eq!(v.len(), 16);
    s.replace(&v, "VERSION")
}

#[test]
fn jsonl_snapshot() {
    let out = tag(&["--format", "jsonl", "--keep", "src,n"]);
    let want = r#"{"id":"d1","mentions":[{"start":9,"end":19,"char_start":9,"char_end":18,"text":"São Paulo","entity_id":"gn:3448439","kind":"city","name":"São Paulo","country":"BR","admin1":"BR.27","lat":-23.5475,"lon":-46.63611,"geonames_id":3448439,"wikidata_id":null,"match":"name","confidence":"C"},{"start":27,"end":35,"char_start":26,"char_end":34,"text":"Damascus","entity_id":"gn:170654","kind":"city","name":"Damascus","country":"SY","admin1":"SY.13","lat":33.5102,"lon":36.29128,"geonames_id":170654,"wikidata_id":null,"match":"name","confidence":"C"}],"focus":{"countries":[{"id":"iso:BR","name":"Brazil","weight":0.5},{"id":"iso:SY","name":"Syria","weight":0.5}],"regions":[],"cities":[{"id":"gn:170654","name":"Damascus","weight":0.5},{"id":"gn:3448439","name":"São Paulo","weight":0.5}]},"gazetteer":"VERSION","src":"wire, AP","n":5}
{"id":"d2","mentions":[],"focus":{"countries":[],"regions":[],"cities":[]},"gazetteer":"VERSION","src":{"a":[1,2]},"n":null}
{"id":"d3","mentions":[{"start":0,"end":6,"char_start":0,"char_end":6,"text":"Moscow","entity_id":"gn:524901","kind":"city","name":"Moscow","country":"RU","admin1":"RU.48","lat":55.75222,"lon":37.61556,"geonames_id":524901,"wikidata_id":null,"match":"name","confidence":"C"},{"start":12,"end":18,"char_start":12,"char_end":18,"text":"Moscow","entity_id":"gn:524901","kind":"city","name":"Moscow","country":"RU","admin1":"RU.48","lat":55.75222,"lon":37.61556,"geonames_id":524901,"wikidata_id":null,"match":"name","confidence":"C"},{"start":23,"end":31,"char_start":23,"char_end":31,"text":"Damascus","entity_id":"gn:170654","kind":"city","name":"Damascus","country":"SY","admin1":"SY.13","lat":33.5102,"lon":36.29128,"geonames_id":170654,"wikidata_id":null,"match":"name","confidence":"C"}],"focus":{"countries":[{"id":"iso:RU","name":"Russia","weight":0.667},{"id":"iso:SY","name":"Syria","weight":0.333}],"regions":[],"cities":[{"id":"gn:524901","name":"Moscow","weight":0.667},{"id":"gn:170654","name":"Damascus","weight":0.333}]},"gazetteer":"VERSION","src":"y","n":null}
"#;
    assert_eq!(masked_confidence(&unversioned(&out)), want);
}

/// Every mention's `confidence` replaced by `"C"` after checking it is a
/// number in 0..=1 (key order kept): the snapshot pins the shape;
/// calibration tests pin the values, which move whenever the calibration is
/// refitted.
fn masked_confidence(jsonl: &str) -> String {
    const KEY: &str = "\"confidence\":";
    let mut out = String::new();
    let mut rest = jsonl;
    while let Some(i) = rest.find(KEY) {
        out.push_str(&rest[..i + KEY.len()]);
        rest = &rest[i + KEY.len()..];
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let c: f64 = rest[..n].parse().unwrap();
        assert!((0.0..=1.0).contains(&c), "{c}");
        out.push_str("\"C\"");
        rest = &rest[n..];
    }
    out.push_str(rest);
    out
}

#[test]
fn jsonl_lines_parse_one_per_document_with_every_csv_column() {
    let out = tag(&["--format", "jsonl"]);
    let csv = tag(&[]);
    let columns: Vec<&str> = csv.lines().next().unwrap().split(',').skip(1).collect();
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let mentions: Vec<&Value> = lines
        .iter()
        .flat_map(|l| l["mentions"].as_array().unwrap())
        .collect();
    assert_eq!(mentions.len(), csv.lines().count() - 1);
    for m in mentions {
        let keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = columns.clone();
        want.sort_unstable();
        let mut keys = keys.clone();
        keys.sort_unstable();
        assert_eq!(keys, want);
        assert!(m["start"].is_u64() && m["lat"].is_f64() && m["wikidata_id"].is_null());
    }
}

#[test]
fn jsonl_keep_cannot_shadow_a_key() {
    gazetag()
        .args(["tag", "--format", "jsonl", "--keep", "focus"])
        .arg(data("story.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already has a key \"focus\""));
}

#[test]
fn summary_snapshot() {
    let out = tag(&["--format", "summary", "--keep", "src"]);
    let want = "\
doc_id,mentions,n_country,n_region,n_city,n_agency,n_person,country1,country1_name,country1_weight,country2,country2_name,country2_weight,country3,country3_name,country3_weight,region1,region1_name,region1_weight,region2,region2_name,region2_weight,region3,region3_name,region3_weight,city1,city1_name,city1_weight,city2,city2_name,city2_weight,city3,city3_name,city3_weight,src
d1,2,0,0,2,0,0,iso:BR,Brazil,0.500,iso:SY,Syria,0.500,,,,,,,,,,,,,gn:170654,Damascus,0.500,gn:3448439,São Paulo,0.500,,,,\"wire, AP\"
d2,0,0,0,0,0,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,\"{\"\"a\"\":[1,2]}\"
d3,3,0,0,3,0,0,iso:RU,Russia,0.667,iso:SY,Syria,0.333,,,,,,,,,,,,,gn:524901,Moscow,0.667,gn:170654,Damascus,0.333,,,,y
";
    assert_eq!(out, want);
}

#[test]
fn geojson_snapshot() {
    let out = tag(&["--format", "geojson"]);
    let want = r#"{"type":"FeatureCollection","gazetteer":"VERSION","features":[
{"type":"Feature","id":"gn:170654","geometry":{"type":"Point","coordinates":[36.29128,33.5102]},"properties":{"id":"gn:170654","name":"Damascus","kind":"city","country":"SY","admin1":"SY.13","mentions":2,"documents":2,"examples":["d1","d3"],"precision":"city","gazetteer":"VERSION"}},
{"type":"Feature","id":"gn:524901","geometry":{"type":"Point","coordinates":[37.61556,55.75222]},"properties":{"id":"gn:524901","name":"Moscow","kind":"city","country":"RU","admin1":"RU.48","mentions":2,"documents":1,"examples":["d3"],"precision":"city","gazetteer":"VERSION"}},
{"type":"Feature","id":"gn:3448439","geometry":{"type":"Point","coordinates":[-46.63611,-23.5475]},"properties":{"id":"gn:3448439","name":"São Paulo","kind":"city","country":"BR","admin1":"BR.27","mentions":1,"documents":1,"examples":["d1"],"precision":"city","gazetteer":"VERSION"}}
]}
"#;
    assert_eq!(unversioned(&out), want);
}

/// RFC 7946 as a consumer sees it, checked on the worked story (every kind
/// of place) with the default gazetteer.
#[test]
fn geojson_is_a_valid_feature_collection() {
    let out = gazetag()
        .args(["tag", "-q", "--format", "geojson"])
        .arg(data("story.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert!(v["gazetteer"].as_str().is_some_and(|s| s.len() == 16));
    let features = v["features"].as_array().unwrap();
    assert!(features.len() >= 6, "{}", features.len());
    let mut kinds = vec![];
    let mut order = vec![];
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(c.len(), 2);
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        let p = &f["properties"];
        for key in [
            "id",
            "name",
            "kind",
            "country",
            "admin1",
            "mentions",
            "documents",
            "examples",
            "precision",
            "gazetteer",
        ] {
            assert!(p.get(key).is_some(), "no {key} in {p}");
        }
        assert_eq!(p["precision"], p["kind"]);
        assert!(["country", "region", "city"].contains(&p["kind"].as_str().unwrap()));
        assert!(p["examples"].as_array().unwrap().len() <= 5);
        kinds.push(p["kind"].as_str().unwrap().to_string());
        order.push((
            std::cmp::Reverse(p["mentions"].as_u64().unwrap()),
            p["id"].as_str().unwrap().to_string(),
        ));
    }
    for k in ["country", "region", "city"] {
        assert!(kinds.iter().any(|x| x == k), "no {k}");
    }
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "features by mentions desc, then id");
    let ru = features.iter().find(|f| f["id"] == "iso:RU").unwrap();
    assert_eq!(ru["properties"]["precision"], "country");
}

#[test]
fn geojsonl_has_the_same_features_one_per_line() {
    let coll: Value = serde_json::from_str(&tag(&["--format", "geojson"])).unwrap();
    let lines: Vec<Value> = tag(&["--format", "geojsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, coll["features"].as_array().unwrap());
}

#[test]
fn geojson_examples_are_the_first_five_documents_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    let mut lines = String::new();
    for i in 0..2000 {
        let text = if i % 3 == 0 {
            "Moscow and Damascus"
        } else {
            "Damascus"
        };
        lines.push_str(&serde_json::json!({"id": format!("n{i}"), "text": text}).to_string());
        lines.push('\n');
    }
    fs::write(&input, lines).unwrap();
    let run = |threads: &str| {
        gazetag()
            .args([
                "tag",
                "-q",
                "--format",
                "geojson",
                "--gazetteer",
                &fixture(),
            ])
            .args(["--threads", threads])
            .arg(&input)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    assert_eq!(one, run("3"));
    let v: Value = serde_json::from_slice(&one).unwrap();
    let f = &v["features"];
    assert_eq!(f[0]["id"], "gn:170654");
    assert_eq!(f[0]["properties"]["mentions"], 2000);
    assert_eq!(f[0]["properties"]["documents"], 2000);
    assert_eq!(
        f[0]["properties"]["examples"],
        serde_json::json!(["n0", "n1", "n2", "n3", "n4"])
    );
    assert_eq!(
        f[1]["properties"]["examples"],
        serde_json::json!(["n0", "n3", "n6", "n9", "n12"])
    );
}

#[test]
fn empty_input_gives_an_empty_collection() {
    gazetag()
        .args(["tag", "-q", "--format", "geojson"])
        .write_stdin("")
        .assert()
        .success()
        .stdout(predicate::str::is_match(
            r#"^\{"type":"FeatureCollection","gazetteer":"[0-9a-f]{16}","features":\[\n\]\}\n$"#,
        )
        .unwrap());
    for format in ["jsonl", "geojsonl"] {
        gazetag()
            .args(["tag", "-q", "--format", format])
            .write_stdin("")
            .assert()
            .success()
            .stdout("");
    }
}

/// Stderr is a pipe here, not a terminal: no progress line, whatever the
/// run's length.
#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl");
    let line = serde_json::json!({"id": 1, "text": "Moscow Damascus ".repeat(100)}).to_string();
    fs::write(&input, format!("{line}\n").repeat(2000)).unwrap();
    let out = gazetag()
        .args(["tag", "--gazetteer", &fixture()])
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains('\r'), "{err:?}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
}

/// Writes `gazetag tag`'s output for [`INPUT`] in `format` to a file.
fn output_file(format: &str, dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join(format!("out.{format}"));
    fs::write(&path, tag(&["--format", format])).unwrap();
    path
}

/// A CSV as `gazetag tag` writes it, fixed here so the snapshot pins the
/// stats table and not the tagger's current decisions.
const TAGGED_CSV: &str = "\
doc_id,start,end,char_start,char_end,text,entity_id,kind,name,country,admin1,lat,lon,geonames_id,wikidata_id,match,confidence
s1,0,10,0,10,WASHINGTON,gn:4140963,city,Washington,US,US.DC,38.89511,-77.03637,4140963,,name,0.920
s1,23,27,23,27,U.S.,iso:US,country,United States,US,,39.76000,-98.50000,6252001,Q30,weak,0.850
s1,32,39,32,39,Russian,iso:RU,country,Russia,RU,,60.00000,100.00000,2017370,Q159,demonym,0.800
s1,219,229,219,229,John Kerry,cur:john-kerry,person,John Kerry,US,,,,,Q22316,name,0.920
s1,333,339,333,339,Moscow,gn:524901,city,Moscow,RU,RU.48,55.75222,37.61556,524901,,name,0.920
s2,0,6,0,6,Moscow,gn:524901,city,Moscow,RU,RU.48,55.75222,37.61556,524901,,name,0.920
s2,10,16,10,16,Russia,iso:RU,country,Russia,RU,,60.00000,100.00000,2017370,Q159,name,0.920
s2,20,26,20,26,Moscow,gn:524901,city,Moscow,RU,RU.48,55.75222,37.61556,524901,,name,0.920
s2,30,44,30,44,eastern Ghouta,cur:eastern-ghouta,region,Eastern Ghouta,SY,SY.08,33.53330,36.40000,,,name,0.920
";

#[test]
fn stats_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("tagged.csv");
    fs::write(&csv, TAGGED_CSV).unwrap();
    let out = gazetag()
        .args(["stats", "--top", "2"])
        .arg(&csv)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let want = "\
9 mention(s) of 6 entities in 2 document(s)

country: 2 entities, 3 mention(s)
  #  mentions  docs  id      name
  1         2     2  iso:RU  Russia
  2         1     1  iso:US  United States

region: 1 entities, 1 mention(s)
  #  mentions  docs  id                  name
  1         1     1  cur:eastern-ghouta  Eastern Ghouta

city: 2 entities, 4 mention(s)
  #  mentions  docs  id          name
  1         3     2  gn:524901   Moscow
  2         1     1  gn:4140963  Washington

person: 1 entities, 1 mention(s)
  #  mentions  docs  id              name
  1         1     1  cur:john-kerry  John Kerry
";
    assert_eq!(String::from_utf8(out).unwrap(), want);
}

#[test]
fn stats_of_csv_and_jsonl_of_one_run_agree() {
    let dir = tempfile::tempdir().unwrap();
    let stats = |format: &str| {
        let out = gazetag()
            .arg("stats")
            .arg(output_file(format, dir.path()))
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let (csv, jsonl) = (stats("csv"), stats("jsonl"));
    // The totals differ: JSONL counts documents without mentions and names
    // the gazetteer.
    assert!(
        csv.starts_with("5 mention(s) of 3 entities in 2 document(s)\n"),
        "{csv}"
    );
    assert!(
        jsonl.starts_with("5 mention(s) of 3 entities in 3 document(s), gazetteer "),
        "{jsonl}"
    );
    assert_eq!(
        csv.split_once('\n').unwrap().1,
        jsonl.split_once('\n').unwrap().1
    );
    assert!(
        csv.contains("  1         2     2  gn:170654   Damascus\n"),
        "{csv}"
    );
}

#[test]
fn stats_rejects_what_gazetag_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    fs::write(&bad, "a,b\n1,2\n").unwrap();
    gazetag()
        .arg("stats")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.csv:1: no column \"doc_id\""));
}

#[test]
fn map_svg_from_csv_jsonl_and_geojson_agree() {
    let dir = tempfile::tempdir().unwrap();
    let mut svgs = vec![];
    for format in ["csv", "jsonl", "geojson"] {
        let input = output_file(format, dir.path());
        let svg = dir.path().join(format!("{format}.svg"));
        gazetag()
            .args(["map", "--title", "Three documents"])
            .arg(&input)
            .arg("-o")
            .arg(&svg)
            .assert()
            .success();
        svgs.push(fs::read_to_string(&svg).unwrap());
    }
    let svg = &svgs[0];
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>\n"));
    assert!(svg.contains(">Three documents</text>"));
    assert!(svg.contains(">Damascus (2)</text>"));
    assert!(svg.contains(">São Paulo (1)</text>"));
    assert!(svg.contains("Natural Earth"));
    // Three places, then the legend: two sizes (2 and 1 mentions), three
    // kinds.
    assert_eq!(svg.matches("<circle").count(), 3 + 2 + 3);
    // The same picture, less the subtitle (CSV and JSONL count documents,
    // GeoJSON cannot) and the credit line (JSON outputs name the gazetteer).
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("mention(s) of") && !l.contains("Natural Earth"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&svgs[0]), strip(&svgs[1]));
    assert_eq!(strip(&svgs[0]), strip(&svgs[2]));
}

#[cfg(feature = "png")]
#[test]
fn map_png_is_a_png() {
    let dir = tempfile::tempdir().unwrap();
    let input = output_file("csv", dir.path());
    let png = dir.path().join("map.png");
    gazetag()
        .args(["map", "--width", "600"])
        .arg(&input)
        .arg("-o")
        .arg(&png)
        .assert()
        .success();
    let bytes = fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    // IHDR: width and height, big-endian, at bytes 16..24.
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    assert_eq!(w, 600);
    gazetag()
        .args(["map"])
        .arg(&input)
        .args(["-o", "map.pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must end in .svg or .png"));
}
