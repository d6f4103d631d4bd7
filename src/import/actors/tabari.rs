//! Reader for TABARI `.actors` dictionaries (PETRARCH2 / Phoenix).
//!
//! The format, as these files use it:
//!
//! ```text
//! SERGEY_LAVROV_  # comment            <- an entry: name at column 0
//! +SERGEI_LAVROV                       <- an alias of the entry above
//!     [RUSGOV 19940922-20040712] # UN  <- a code with an optional date range
//!     [RUSGOV >20040309]                  (`>d`: from d; `<d`: until d)
//! IAEA_  [IGOUNOIAE]# inline codes     <- codes may follow the name on its line
//! ```
//!
//! Dates are `yymmdd` or `yyyymmdd`; two-digit years up to 20 are 20xx, the others
//! 19xx (the dictionaries end in 2014 and start in the 1910s). A code without dates
//! holds from the dictionary's vintage on. Malformed dates are reported as warnings
//! naming `file:line` and ignored; the entry is kept.

/// One dated code: `RUSGOV` from/to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    pub code: String,
    /// `YYYY-MM-DD`.
    pub from: Option<String>,
    /// `YYYY-MM-DD`.
    pub to: Option<String>,
}

/// One dictionary entry: its name, aliases (raw, with underscores) and codes.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Entry {
    /// 1-based line of the entry's name.
    pub line: usize,
    pub name: String,
    pub aliases: Vec<String>,
    pub codes: Vec<Code>,
    /// All comments of the entry, joined by ` | `.
    pub comment: String,
}

fn clean_name(s: &str) -> String {
    let s = s.trim().trim_start_matches('+').trim();
    let s = s.trim_matches('_');
    // Collapse spaces into underscores so `CARLOS SANTOS_CRUZ_` reads as one name.
    let mut out = String::with_capacity(s.len());
    for tok in s.split(['_', ' ', '\t']).filter(|t| !t.is_empty()) {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(tok);
    }
    out
}

fn parse_date(s: &str) -> Option<String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            (if yy <= 20 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let m: u32 = rest[..2].parse().ok()?;
    let d: u32 = rest[2..].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Parse the inside of one `[...]` group.
fn parse_code(inner: &str) -> Result<Option<Code>, String> {
    let mut parts = inner.split_whitespace();
    let Some(code) = parts.next() else {
        return Ok(None);
    };
    if !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Ok(None);
    }
    let mut c = Code {
        code: code.to_string(),
        from: None,
        to: None,
    };
    let mut range = parts.next().map(str::to_string);
    // `[EGYGOV > 140608]`: a space after the bound.
    if matches!(range.as_deref(), Some(">" | "<")) {
        if let Some(next) = parts.next() {
            range = range.map(|r| format!("{r}{next}"));
        }
    }
    if let Some(range) = range.as_deref() {
        let bad = || format!("bad date range {range:?} in [{inner}]");
        if let Some(d) = range.strip_prefix('>') {
            c.from = Some(parse_date(d).ok_or_else(bad)?);
        } else if let Some(d) = range.strip_prefix('<') {
            c.to = Some(parse_date(d).ok_or_else(bad)?);
        } else if let Some((a, b)) = range.split_once('-') {
            c.from = Some(parse_date(a).ok_or_else(bad)?);
            c.to = Some(parse_date(b).ok_or_else(bad)?);
        } else {
            return Err(bad());
        }
    }
    Ok(Some(c))
}

/// Split off the `[...]` code groups of a line; returns the text before the first
/// group and the groups' insides.
fn split_codes(s: &str) -> (&str, Vec<&str>) {
    let head_end = s.find('[').unwrap_or(s.len());
    let mut groups = Vec::new();
    let mut rest = &s[head_end..];
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        groups.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    (&s[..head_end], groups)
}

/// Parse a whole dictionary. `path` only names the file in warnings.
pub fn parse(path: &str, text: &str, warnings: &mut Vec<String>) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut cur: Option<Entry> = None;
    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        let (body, comment) = match raw.find('#') {
            Some(p) => (&raw[..p], raw[p + 1..].trim()),
            None => (raw, ""),
        };
        if body.trim().is_empty() {
            if !comment.is_empty() && raw.starts_with([' ', '\t']) {
                if let Some(e) = cur.as_mut() {
                    push_comment(e, comment);
                }
            }
            continue;
        }
        let (head, groups) = split_codes(body);
        let indented = body.starts_with([' ', '\t']);
        let head_t = head.trim();
        if !indented && !head_t.is_empty() && !head_t.starts_with('+') {
            if let Some(e) = cur.take() {
                out.push(e);
            }
            cur = Some(Entry {
                line: lineno,
                name: clean_name(head_t),
                ..Entry::default()
            });
        } else if head_t.starts_with('+') {
            if let Some(e) = cur.as_mut() {
                let a = clean_name(head_t);
                if !a.is_empty() {
                    e.aliases.push(a);
                }
            }
        }
        let Some(e) = cur.as_mut() else { continue };
        push_comment(e, comment);
        for g in groups {
            match parse_code(g) {
                Ok(Some(c)) => e.codes.push(c),
                Ok(None) => {}
                Err(msg) => warnings.push(format!("{path}:{lineno}: {msg}")),
            }
        }
    }
    if let Some(e) = cur.take() {
        out.push(e);
    }
    out
}

fn push_comment(e: &mut Entry, comment: &str) {
    if comment.is_empty() {
        return;
    }
    if !e.comment.is_empty() {
        e.comment.push_str(" | ");
    }
    e.comment.push_str(comment);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fixture() {
        let text =
            std::fs::read_to_string("tests/data/actors/petrarch2/Phoenix.Countries.actors.txt")
                .unwrap();
        let mut warn = Vec::new();
        let entries = parse("fixture", &text, &mut warn);
        let lav = entries.iter().find(|e| e.name == "SERGEY_LAVROV").unwrap();
        assert_eq!(lav.aliases[0], "SERGEY_VIKTOROVICH_LAVROV");
        assert!(lav.aliases.contains(&"SERGEI_LAVROV".to_string()));
        assert_eq!(
            lav.codes[0],
            Code {
                code: "RUSGOV".into(),
                from: Some("1994-09-22".into()),
                to: Some("2004-07-12".into())
            }
        );
        assert_eq!(lav.codes[1].from.as_deref(), Some("2004-03-09"));
        assert!(lav.comment.contains("Foreign Minister"));
        let board = entries
            .iter()
            .find(|e| e.name == "STATE_BOARD_OF_FISHERIES")
            .unwrap();
        assert_eq!(board.codes[0].code, "RUSGOVAGR");
        let spaced = entries
            .iter()
            .find(|e| e.name == "MIKHAIL_EXAMPLEOV")
            .unwrap();
        assert_eq!(spaced.codes[0].from.as_deref(), Some("2008-01-01"));
        assert_eq!(warn.len(), 1, "{warn:?}");
        assert!(warn[0].starts_with("fixture:"), "{warn:?}");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("500101").as_deref(), Some("1950-01-01"));
        assert_eq!(parse_date("140130").as_deref(), Some("2014-01-30"));
        assert_eq!(parse_date("19230101").as_deref(), Some("1923-01-01"));
        assert_eq!(parse_date("2004017"), None);
    }
}
