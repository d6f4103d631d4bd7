use super::*;

fn collect(name: &str, data: &[u8], fmt: InputFormat, fields: &Fields) -> Vec<Item> {
    let rdr: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(data.to_vec()));
    let mut out = vec![];
    let mut emit = |i: Item| {
        out.push(i);
        true
    };
    match fmt {
        InputFormat::Text => read_text(name, rdr, fields, &mut emit),
        InputFormat::Jsonl => jsonl::read(name, rdr, fields, &mut emit),
        InputFormat::Csv => csvin::read(name, rdr, fields, &mut emit),
    };
    out
}

fn summary(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Item::Doc(d) => format!("doc {} {:?} {:?}", d.id, d.text, d.keep),
            Item::Warning(p) => format!("warn {p}"),
            Item::Skipped(p) => format!("skip {p}"),
        })
        .collect()
}

#[test]
fn jsonl_records_and_problems() {
    let data = b"{\"id\":\"a\",\"text\":\"Aleppo\",\"src\":\"x\"}\n\
        \n\
        {broken\n\
        {\"id\":7,\"text\":\"Moscow\"}\n\
        {\"text\":\"no id\",\"src\":{\"k\":1}}\n\
        {\"id\":\"n\"}\n\
        [1,2]\n\
        {\"id\":\"u\",\"text\":\"bad \xff byte\"}\r\n";
    let fields = Fields {
        keep: vec!["src".into()],
        ..Fields::default()
    };
    let got = summary(&collect("in.jsonl", data, InputFormat::Jsonl, &fields));
    let want = [
        "doc a \"Aleppo\" [\"x\"]",
        "skip in.jsonl:2: blank line",
        "skip in.jsonl:3: invalid JSON: key must be a string at line 1 column 2",
        "doc 7 \"Moscow\" [\"\"]",
        "doc in.jsonl:5 \"no id\" [\"{\\\"k\\\":1}\"]",
        "skip in.jsonl:6: no field \"text\"",
        "skip in.jsonl:7: not a JSON object",
        "warn in.jsonl:8: invalid UTF-8 in document \"u\", decoded lossily",
        "doc u \"bad \u{fffd} byte\" [\"\"]",
    ];
    assert_eq!(got, want);
}

#[test]
fn csv_records_and_problems() {
    let data = b"id,text,src\n1,\"Aleppo, Syria\",a\n2,short\n,\"multi\nline\",c\n4,b\xffd,d\n";
    let fields = Fields {
        keep: vec!["src".into(), "nope".into()],
        ..Fields::default()
    };
    let got = summary(&collect("in.csv", data, InputFormat::Csv, &fields));
    let want = [
        "doc 1 \"Aleppo, Syria\" [\"a\", \"\"]",
        "skip in.csv:3: 2 fields, the header has 3",
        "doc in.csv:4 \"multi\\nline\" [\"c\", \"\"]",
        "warn in.csv:6: invalid UTF-8 in document \"4\", decoded lossily",
        "doc 4 \"b\u{fffd}d\" [\"d\", \"\"]",
    ];
    assert_eq!(got, want);
    let got = summary(&collect(
        "in.csv",
        b"id,body\n1,x\n",
        InputFormat::Csv,
        &fields,
    ));
    assert_eq!(
        got,
        ["skip in.csv:1: no column \"text\" in the header, file skipped"]
    );
}

#[test]
fn text_file_is_one_document() {
    let got = summary(&collect(
        "a.txt",
        b"Line one\nLine two\n",
        InputFormat::Text,
        &Fields::default(),
    ));
    assert_eq!(got, ["doc a.txt \"Line one\\nLine two\\n\" []"]);
}

#[test]
fn formats_by_extension() {
    for (p, f) in [
        ("a.txt", Some(InputFormat::Text)),
        ("a.JSONL.gz", Some(InputFormat::Jsonl)),
        ("dir/a.csv.gz", Some(InputFormat::Csv)),
        ("a.md", None),
    ] {
        assert_eq!(InputFormat::from_path(Path::new(p)), f, "{p}");
    }
}

#[cfg(unix)]
#[test]
fn format_of_a_path_that_is_not_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let p = Path::new(OsStr::from_bytes(b"dir/bad\xffname.jsonl.gz"));
    assert_eq!(InputFormat::from_path(p), Some(InputFormat::Jsonl));
}

/// The one-pass JSONL read gives what the whole-`Value` read gives, on
/// every line it takes; it takes ordinary objects, and leaves every line
/// the `Value` read rejects to it.
#[test]
fn jsonl_fast_path_agrees_with_value_path() {
    let lines = [
        r#"{"id":"a","text":"Aleppo","src":"x"}"#,
        r#"{"id": 7, "text": "Moscow\nand \"Kyiv\" \u00e9\ud83d\ude00"}"#,
        r#"{"id":1.5e3,"text":"t"}"#,
        r#"{"id":null,"text":"t","src":null}"#,
        r#"{"id":[1,{"a":2}],"text":"t","src":{"k":[1,2.5,true,null]}}"#,
        r#"{"text":"first","text":"second","id":"x","id":null}"#,
        r#"{"text":"a","text":3}"#,
        r#"{"text":{"nested":"no"}}"#,
        r#"{"te\u0078t":"escaped key","\u0069d":"k"}"#,
        r#"{"id":"only"}"#,
        r#"{}"#,
        r#"{"text":"t","other":[[[[]]]],"n":-0.0,"big":123456789012345678901234567890}"#,
        r#"{"text":"t","src":"keep"}"#,
        r#"{"text":"t","x":1e999}"#,
        r#"{"text":"t","x":"\ud800"}"#,
        r#"{"text":"\ud800"}"#,
        r#"{"text":"t"} trailing"#,
        r#"{"text":"t",}"#,
        r#"[1,2]"#,
        r#""just a string""#,
        r#"{broken"#,
        "{\"text\":\"raw \u{1} control\"}",
    ];
    let deep = format!(
        "{{\"text\":\"t\",\"x\":{}{}}}",
        "[".repeat(200),
        "]".repeat(200)
    );
    for fields in [
        Fields::default(),
        Fields {
            keep: vec!["src".into(), "text".into(), "id".into()],
            ..Fields::default()
        },
    ] {
        for line in lines.iter().copied().chain([deep.as_str()]) {
            let want = jsonl::parse_value("f:1", line, false, &fields);
            match jsonl::parse_fast("f:1", line, false, &fields) {
                Some(got) => assert_eq!(got, want, "{line}"),
                None => assert!(
                    matches!(want.as_slice(), [Item::Skipped(p)] if p.reason.starts_with("invalid JSON") || p.reason == "not a JSON object"),
                    "fast path declined {line}: {want:?}"
                ),
            }
        }
    }
    // Ordinary objects take the fast path.
    assert!(jsonl::parse_fast("f:1", lines[0], false, &Fields::default()).is_some());
    assert!(jsonl::parse_fast("f:1", lines[1], true, &Fields::default()).is_some());
}
