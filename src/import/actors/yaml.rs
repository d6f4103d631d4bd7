//! A minimal reader for the block-style YAML subset that congress-legislators uses.
//!
//! Supported: block maps (`key: value`), block lists (`- item`, also at the same indent
//! as their key), plain, `'single'` and `"double"` quoted scalars, `#` comment lines.
//! Not supported (and not used by those files): flow collections, anchors, multi-line
//! scalars, tags. Anything unexpected is an error naming `file:line`, never a guess.
//! A hand-written reader keeps the dependency list short; the files are regular and
//! machine-written.

/// A parsed YAML node.
#[derive(Clone, Debug, PartialEq)]
pub enum Yaml {
    Str(String),
    List(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// The value at `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(kv) => kv.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The scalar string, if this is one.
    pub fn str(&self) -> Option<&str> {
        match self {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }

    /// `get(key)` as a string.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Yaml::str)
    }

    /// The items of a list (empty for other nodes).
    pub fn items(&self) -> &[Yaml] {
        match self {
            Yaml::List(v) => v,
            _ => &[],
        }
    }
}

struct Line {
    indent: usize,
    text: String,
    no: usize,
}

/// Parse a document; `path` only names the file in errors (`path:line: what`).
pub fn parse(path: &str, text: &str) -> Result<Yaml, String> {
    let mut lines: Vec<Line> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim_end();
        let body = t.trim_start();
        if body.is_empty() || body.starts_with('#') || body == "---" {
            continue;
        }
        if raw.starts_with('\t') {
            return Err(format!("{path}:{}: tab indentation", i + 1));
        }
        lines.push(Line {
            indent: t.len() - body.len(),
            text: body.to_string(),
            no: i + 1,
        });
    }
    let mut pos = 0;
    if lines.is_empty() {
        return Ok(Yaml::List(Vec::new()));
    }
    let indent = lines[0].indent;
    let v = block(path, &mut lines, &mut pos, indent)?;
    if pos < lines.len() {
        return Err(format!("{path}:{}: unexpected indentation", lines[pos].no));
    }
    Ok(v)
}

fn is_item(t: &str) -> bool {
    t == "-" || t.starts_with("- ")
}

fn block(path: &str, lines: &mut [Line], pos: &mut usize, indent: usize) -> Result<Yaml, String> {
    if is_item(&lines[*pos].text) {
        let mut items = Vec::new();
        while *pos < lines.len() && lines[*pos].indent == indent && is_item(&lines[*pos].text) {
            let rest = lines[*pos].text[1..].trim_start().to_string();
            if rest.is_empty() {
                *pos += 1;
                if *pos < lines.len() && lines[*pos].indent > indent {
                    let ind = lines[*pos].indent;
                    items.push(block(path, lines, pos, ind)?);
                } else {
                    items.push(Yaml::Str(String::new()));
                }
            } else if split_key(&rest).is_some() {
                // `- key: v` opens a map whose other keys sit two columns in.
                let ind = indent + 2;
                lines[*pos].indent = ind;
                lines[*pos].text = rest;
                items.push(block(path, lines, pos, ind)?);
            } else {
                items.push(Yaml::Str(scalar(&rest)));
                *pos += 1;
            }
        }
        return Ok(Yaml::List(items));
    }
    let mut kv = Vec::new();
    while *pos < lines.len() && lines[*pos].indent == indent && !is_item(&lines[*pos].text) {
        let line = &lines[*pos];
        let Some((k, v)) = split_key(&line.text) else {
            return Err(format!("{path}:{}: expected `key: value`", line.no));
        };
        let (k, v) = (k.to_string(), v.to_string());
        *pos += 1;
        if !v.is_empty() {
            kv.push((k, Yaml::Str(scalar(&v))));
            continue;
        }
        let child = if *pos < lines.len()
            && (lines[*pos].indent > indent
                || (lines[*pos].indent == indent && is_item(&lines[*pos].text)))
        {
            let ind = lines[*pos].indent;
            block(path, lines, pos, ind)?
        } else {
            Yaml::Str(String::new())
        };
        kv.push((k, child));
    }
    if *pos < lines.len() && lines[*pos].indent > indent {
        return Err(format!("{path}:{}: unexpected indentation", lines[*pos].no));
    }
    Ok(Yaml::Map(kv))
}

/// `key: value` or `key:`; quoted scalars may contain `: `.
fn split_key(t: &str) -> Option<(&str, &str)> {
    if t.starts_with(['\'', '"']) {
        return None;
    }
    if let Some(k) = t.strip_suffix(':') {
        if !k.contains(": ") {
            return Some((k, ""));
        }
    }
    let p = t.find(": ")?;
    Some((&t[..p], t[p + 2..].trim()))
}

fn scalar(v: &str) -> String {
    let v = v.trim();
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return v[1..v.len() - 1].replace("''", "'");
    }
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        return v[1..v.len() - 1]
            .replace("\\\"", "\"")
            .replace("\\\\", "\\");
    }
    // A trailing ` # comment` is not part of a plain scalar.
    match v.find(" #") {
        Some(p) => v[..p].trim_end().to_string(),
        None => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legislators_shape() {
        let doc = "- id:\n    bioguide: X1\n    wikidata: Q1\n  name:\n    first: Ann\n    last: 'O''Neil'\n  terms:\n  - type: sen\n    start: '2001-01-03'\n  - type: rep\n    state: WA\n- id:\n    bioguide: X2\n  name:\n    first: Bo\n    last: Li\n";
        let y = parse("t.yaml", doc).unwrap();
        let people = y.items();
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].get("id").unwrap().get_str("wikidata"), Some("Q1"));
        assert_eq!(
            people[0].get("name").unwrap().get_str("last"),
            Some("O'Neil")
        );
        let terms = people[0].get("terms").unwrap().items();
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[0].get_str("start"), Some("2001-01-03"));
        assert_eq!(terms[1].get_str("state"), Some("WA"));
        assert_eq!(people[1].get("name").unwrap().get_str("first"), Some("Bo"));
    }

    #[test]
    fn error_names_line() {
        let err = parse("t.yaml", "a: 1\nb\n").unwrap_err();
        assert_eq!(err, "t.yaml:2: expected `key: value`");
    }
}
