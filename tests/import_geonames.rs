//! `gazetag import geonames` on the tiny fixture in `tests/data/geonames/`
//! (laid out like `shared/data`, hand-written rows).
use std::fs;
use std::path::{Path, PathBuf};

use gazetag::import::geonames::{import, import_to_dir, ImportOptions, Report};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/geonames")
}

fn options() -> ImportOptions {
    let dir = fixture();
    let mut opts = ImportOptions::from_data_dir(&dir);
    opts.common_words = Some(dir.join("words/words.txt"));
    opts.curated = vec![dir.join("curated/regions.csv")];
    opts
}

fn row<'a>(rows: &'a [gazetag::import::Row], id: &str) -> &'a gazetag::import::Row {
    rows.iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

fn run() -> Report {
    import(&options()).unwrap()
}

#[test]
fn countries_names_codes_demonyms_points() {
    let r = run();
    let ids: Vec<&str> = r.countries.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["iso:SY", "iso:US", "iso:XK"],
        "ISO list, not GeoNames' retired CS"
    );
    let sy = row(&r.countries, "iso:SY");
    assert_eq!(sy.name, "Syria");
    assert_eq!(sy.aliases, ["Syrian Arab Republic"]);
    assert_eq!(sy.demonyms, ["Syrian", "Syrians"]);
    assert_eq!((sy.lat.as_str(), sy.lon.as_str()), ("35", "38"));
    assert_eq!(sy.wikidata_id, "Q858");
    assert_eq!(sy.feature_code, "PCLI");
    let us = row(&r.countries, "iso:US");
    assert_eq!(us.weak_aliases, ["US", "U.S.", "USA", "U.S.A."]);
    assert!(
        !us.aliases.iter().any(|a| a == "US" || a == "U.S."),
        "codes are weak only"
    );
    assert!(us.aliases.contains(&"America".to_string()));
    assert_eq!(us.demonyms, ["American", "Americans"]);
    // The centre point, not Washington's.
    assert_eq!((us.lat.as_str(), us.lon.as_str()), ("39.76", "-98.5"));
    assert_eq!(us.population, "310232863");
    assert_eq!(
        row(&r.countries, "iso:XK").demonyms,
        ["Kosovar", "Kosovars"]
    );
}

#[test]
fn regions_short_forms_abbreviations_counties_curated() {
    let r = run();
    let lat = row(&r.regions, "gn:173578");
    assert_eq!(lat.name, "Latakia Governorate");
    assert_eq!(lat.aliases, ["Latakia"]);
    assert_eq!(lat.admin1, "SY.02");
    assert_eq!(lat.source, "geonames+naturalearth");
    let central = row(&r.regions, "gn:167541");
    assert!(central.aliases.is_empty(), "\"Central\" is no name");
    assert_eq!(central.flags, ["point_seat"]);
    assert_eq!(
        row(&r.regions, "gn:4826850").weak_aliases,
        ["W.Va.", "W. Va.", "WV"]
    );
    assert_eq!(
        row(&r.regions, "gn:4921868").weak_aliases,
        ["Ind."],
        "IN is a word"
    );
    assert!(
        !r.regions.iter().any(|r| r.id == "gn:999"),
        "no point, no row"
    );
    // A county without a GeoNames point takes its outline's centroid.
    let boone = row(&r.regions, "gn:4286567");
    assert_eq!(boone.name, "Boone County");
    assert!(boone.aliases.is_empty());
    assert_eq!((boone.lat.as_str(), boone.lon.as_str()), ("38.5", "-84.5"));
    assert_eq!(boone.source, "geonames+us-atlas");
    assert_eq!(
        (boone.admin1.as_str(), boone.feature_code.as_str()),
        ("US.KY", "ADM2")
    );
    assert_eq!(row(&r.regions, "gn:4798591").source, "geonames");
    assert!(
        r.regions.iter().any(|r| r.id == "gn:8000001"),
        "Afrin District"
    );
    // British counties stay; a borough named as such, or a division named
    // like a British town (Washington, Tyne and Wear), does not.
    let suffolk = row(&r.regions, "gn:8000011");
    assert_eq!(
        (suffolk.admin1.as_str(), suffolk.feature_code.as_str()),
        ("GB.ENG", "ADM2")
    );
    for gone in [
        "gn:1",
        "gn:8000002",
        "gn:8000003",
        "gn:8000012",
        "gn:8000013",
    ] {
        assert!(!r.regions.iter().any(|r| r.id == gone), "{gone}");
    }
    // A division named with a comma is two names in the text ("Washington,
    // D.C.": the city and the district): it takes its first extra alias as
    // its name, and the comma form is neither name nor alias.
    let dc = row(&r.regions, "gn:4138106");
    assert_eq!(dc.name, "District of Columbia");
    assert_eq!(dc.aliases, ["Washington DC", "Washington D.C."]);
    assert_eq!(dc.weak_aliases, ["D.C.", "DC"]);
    let eg = row(&r.regions, "cur:eastern-ghouta");
    assert_eq!(eg.aliases, ["East Ghouta"]);
    assert!(!r.regions.iter().any(|r| r.id == "cur:bad-lat"));
}

#[test]
fn cities_filters_and_aliases() {
    let r = run();
    let ids: Vec<&str> = r.cities.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "gn:170063",
            "gn:173576",
            "gn:703448",
            "gn:2634715",
            "gn:2990440",
            "gn:3448439",
            "gn:4140963",
            "gn:4140966",
            "gn:4140970"
        ],
        "sorted by geonameid; village under 1000, PPLQ, class T and bad rows out; \
         the seat with no population in"
    );
    assert_eq!(row(&r.cities, "gn:703448").aliases, ["Kiev", "Kiew"]);
    assert_eq!(row(&r.cities, "gn:3448439").aliases, ["San Paulo"]);
    assert_eq!(row(&r.cities, "gn:170063").aliases, ["Alep", "Halab"]);
    let dc = row(&r.cities, "gn:4140963");
    assert_eq!(dc.aliases, ["District of Columbia", "Vashington"]);
    assert_eq!(dc.admin1, "US.DC");
    assert_eq!(row(&r.cities, "gn:4140966").population, "");
    assert_eq!(row(&r.cities, "gn:2990440").flags, ["common_word"]);
    assert_eq!(row(&r.cities, "gn:4140970").flags, ["common_word"]);
    // The US capital is the most populous Washington.
    let top = r
        .cities
        .iter()
        .filter(|c| c.name == "Washington")
        .max_by_key(|c| c.population.parse::<u64>().unwrap_or(0))
        .unwrap();
    assert_eq!(top.id, "gn:4140963");
}

#[test]
fn min_population_and_feature_code_options() {
    let mut opts = options();
    opts.min_population = 500;
    let r = import(&opts).unwrap();
    assert!(r.cities.iter().any(|c| c.id == "gn:4140965"));
    opts.feature_codes = vec!["PPLC".to_string()];
    let r = import(&opts).unwrap();
    let ids: Vec<&str> = r.cities.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["gn:703448", "gn:4140963"]);
    opts.feature_codes.clear();
    opts.exclude_feature_codes.clear();
    let r = import(&opts).unwrap();
    assert!(
        r.cities.iter().any(|c| c.id == "gn:4140967"),
        "PPLQ kept on request"
    );
}

#[test]
fn malformed_lines_name_file_and_line() {
    let r = run();
    let msgs: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
    let has = |suffix: &str| msgs.iter().any(|m| m.ends_with(suffix));
    assert!(
        has("geonames/cities500.txt:7: expected 19 tab-separated columns, found 18"),
        "{msgs:#?}"
    );
    assert!(
        has("geonames/cities500.txt:12: latitude 912.5 out of range"),
        "{msgs:#?}"
    );
    assert!(
        has("demonyms/nat_df.csv:5: expected 2 fields, found 1"),
        "{msgs:#?}"
    );
    assert!(
        has("curated/regions.csv:4: latitude 95 out of range"),
        "{msgs:#?}"
    );
    assert_eq!(msgs.len(), 4, "{msgs:#?}");

    let mut opts = options();
    opts.strict = true;
    let err = import(&opts).unwrap_err().to_string();
    assert!(
        err.ends_with("demonyms/nat_df.csv:5: expected 2 fields, found 1"),
        "{err}"
    );
}

#[test]
fn curated_id_collision_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dup.csv");
    fs::write(
        &p,
        "id,kind,name,lat,lon\ncur:x,region,X,1,2\ngn:170062,region,Aleppo again,1,2\n",
    )
    .unwrap();
    let mut opts = options();
    opts.curated = vec![p];
    let err = import(&opts).unwrap_err().to_string();
    assert!(
        err.ends_with("dup.csv:3: id gn:170062 is already used"),
        "{err}"
    );
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    ["countries.csv", "regions.csv", "cities.csv"]
        .iter()
        .map(|f| (f.to_string(), fs::read(dir.join(f)).unwrap()))
        .collect()
}

#[test]
fn deterministic_and_independent_of_input_order_and_compression() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    import_to_dir(&options(), a.path()).unwrap();
    import_to_dir(&options(), b.path()).unwrap();
    assert_eq!(files(a.path()), files(b.path()));

    // The place table reversed and gzipped gives the same bytes.
    let src = fs::read_to_string(fixture().join("geonames/cities500.txt")).unwrap();
    let mut lines: Vec<&str> = src.lines().collect();
    lines.reverse();
    let tmp = tempfile::tempdir().unwrap();
    let gz = tmp.path().join("cities500.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(
        fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    std::io::Write::write_all(&mut enc, (lines.join("\n") + "\n").as_bytes()).unwrap();
    enc.finish().unwrap();
    let mut opts = options();
    opts.cities = gz;
    let c = tempfile::tempdir().unwrap();
    import_to_dir(&opts, c.path()).unwrap();
    assert_eq!(files(a.path()), files(c.path()));
    let header = String::from_utf8(files(a.path())[0].1.clone()).unwrap();
    assert!(header.starts_with(
        "id,kind,name,aliases,weak_aliases,demonyms,country,admin1,lat,lon,population,feature_code,\
         geonames_id,wikidata_id,subtype,role,valid_from,valid_to,flags,source\n"
    ));
}

#[test]
fn cli_reports_bad_lines_and_exits_non_zero() {
    let out = tempfile::tempdir().unwrap();
    let dir = fixture();
    let output = assert_cmd::Command::cargo_bin("gazetag")
        .unwrap()
        .args(["import", "geonames", "--data"])
        .arg(&dir)
        .arg("--out-dir")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cities500.txt:7: expected 19 tab-separated columns"),
        "{stderr}"
    );
    assert!(
        out.path().join("cities.csv").exists(),
        "bad lines are skipped, files written"
    );
}
