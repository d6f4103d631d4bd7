use super::*;

fn load(csv: &str) -> Result<Gazetteer, GazetteerError> {
    let mut g = Gazetteer::new();
    g.load_reader("t.csv", csv.as_bytes())?;
    Ok(g)
}

fn errors(csv: &str) -> Vec<String> {
    match load(csv) {
        Ok(_) => vec![],
        Err(GazetteerError::Rows { errors, .. }) => errors.iter().map(|e| e.to_string()).collect(),
        Err(e) => vec![e.to_string()],
    }
}

#[test]
fn valid_rows_and_partial_columns() {
    let g = load("name,kind,id,lat,lon\nAleppo,city,gn:1,36.2,37.16\nReuters,agency,cur:r,,\n")
        .unwrap();
    assert_eq!(g.len(), 2);
    let e = g.get(g.find("gn:1").unwrap());
    assert_eq!(e.coord, Some((36.2, 37.16)));
    assert_eq!(g.get(g.find("cur:r").unwrap()).coord, None);
}

/// (csv body after the header, expected message)
#[test]
fn validation_messages_name_line_and_column() {
    let h = "id,kind,name,lat,lon,population,aliases\n";
    let cases: &[(&str, &str)] = &[
        (
            "x:1,town,Foo,1,1,,",
            "t.csv:2: column kind: unknown kind \"town\"",
        ),
        ("x:1,city,,1,1,,", "t.csv:2: column name: empty name"),
        (",city,Foo,1,1,,", "t.csv:2: column id: empty id"),
        (
            "x:1,city,Foo,,1,,",
            "t.csv:2: column lat: missing: required for a city",
        ),
        (
            "x:1,city,Foo,912.5,1,,",
            "t.csv:2: column lat: 912.5 out of range [-90, 90]",
        ),
        (
            "x:1,city,Foo,1,abc,,",
            "t.csv:2: column lon: \"abc\" is not a number",
        ),
        (
            "x:1,city,Foo,1,NaN,,",
            "t.csv:2: column lon: NaN out of range [-180, 180]",
        ),
        (
            "x:1,city,Foo,1,1,-5,",
            "t.csv:2: column population: \"-5\" is not a non-negative integer",
        ),
        ("x:1,city,Foo,1,1,,", ""),
        (
            "x:1,city,Foo,1,1",
            "t.csv:2: malformed row: 5 fields, the header has 7",
        ),
        (
            "x:1,city,---,1,1,,",
            "t.csv:2: column name: name \"---\" has no letter or digit",
        ),
        (
            "x:1,city,Foo,1,1,,a|--",
            "t.csv:2: column aliases: \"--\" has no letter or digit",
        ),
    ];
    for (body, want) in cases {
        let got = errors(&format!("{h}{body}\n"));
        if want.is_empty() {
            assert!(got.is_empty(), "{body}: {got:?}");
        } else {
            assert!(
                got.iter().any(|g| g.starts_with(want)),
                "{body}: want {want:?}, got {got:?}"
            );
        }
    }
}

#[test]
fn duplicate_ids_and_every_error_reported() {
    let got = errors("id,kind,name,lat,lon\nx:1,city,A,1,1\nx:1,city,B,1,1\nx:2,town,C,1,1\n");
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].contains("t.csv:3: column id: duplicate id \"x:1\" (first on line 2)"));
    assert!(got[1].contains("t.csv:4: column kind"));
}

#[test]
fn missing_required_header_and_unknown_column() {
    let got = errors("id,name\nx:1,A\n");
    assert_eq!(
        got,
        vec!["t.csv:1: column kind: required column missing from the header"]
    );
    let g = load("id,kind,name,colour\nx:1,person,A B,red\n").unwrap();
    assert_eq!(g.warnings(), ["t.csv:1: unknown column \"colour\" ignored"]);
}

#[test]
fn other_fields_are_checked() {
    let h = "id,kind,name,country,wikidata_id,valid_from\n";
    assert!(errors(&format!("{h}x:1,person,A B,usa,,\n"))[0].contains("column country"));
    assert!(errors(&format!("{h}x:1,person,A B,US,42,\n"))[0].contains("column wikidata_id"));
    assert!(
        errors(&format!("{h}x:1,person,A B,US,Q42,2014-13-01\n"))[0].contains("column valid_from")
    );
    assert!(errors(&format!("{h}x:1,person,A B,US,Q42,2014-02\n")).is_empty());
}

#[test]
fn invalid_utf8_is_a_row_error() {
    let mut bytes = b"id,kind,name\nx:1,person,A".to_vec();
    bytes.extend([0xff, b'\n']);
    let mut g = Gazetteer::new();
    let err = g.load_reader("t.csv", &bytes[..]).unwrap_err().to_string();
    assert!(err.contains("t.csv:2: invalid UTF-8"), "{err}");
}

#[test]
fn merge_replaces_same_id_and_loading_twice_is_an_error() {
    let mut base = load("id,kind,name,lat,lon\nx:1,city,Old,1,1\nx:2,city,Two,1,1\n").unwrap();
    let top = load("id,kind,name,lat,lon\nx:1,city,New,1,1\nx:3,city,Three,1,1\n").unwrap();
    base.merge(top);
    assert_eq!(base.len(), 3);
    assert_eq!(base.get(base.find("x:1").unwrap()).name, "New");
    let err = base
        .load_reader(
            "u.csv",
            "id,kind,name,lat,lon\nx:2,city,Again,1,1\n".as_bytes(),
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("already loaded"), "{err}");
}

#[test]
fn version_ignores_row_order_but_not_content() {
    let a = load("id,kind,name\nx:1,person,A B\nx:2,person,C D\n").unwrap();
    let b = load("id,kind,name\nx:2,person,C D\nx:1,person,A B\n").unwrap();
    let c = load("id,kind,name\nx:2,person,C D\nx:1,person,A C\n").unwrap();
    assert_eq!(a.version(), b.version());
    assert_ne!(a.version(), c.version());
    assert_eq!(a.version().len(), 16);
}

#[test]
fn embedded_default_is_valid() {
    let g = Gazetteer::embedded().unwrap();
    assert!(g.len() > 10);
    for kind in Kind::ALL {
        assert!(g.entities().iter().any(|e| e.kind == kind), "no {kind}");
    }
}
