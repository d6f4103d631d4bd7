//! Importers that derive gazetteer CSVs from open data dumps.
//!
//! Each importer streams its inputs and writes rows in the gazetteer schema
//! (see [`crate::gazetteer`]); rerunning on the same inputs gives byte-identical
//! files.
//!
//! Shared helpers for importers live here: [`Row`] (one gazetteer row, written
//! in the canonical column order by [`write_rows`]), [`fold`] (the case and
//! diacritic folding used to compare names) and [`WordList`] (a lowercase
//! common-word list such as `american-english-small`).
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

pub mod actors;
pub mod geonames;

/// The canonical column order of every gazetteer CSV, used when writing.
pub use crate::gazetteer::COLUMNS;

/// One gazetteer row. List columns are kept as vectors and joined with `|`
/// on output; numbers are kept as already-formatted strings so that a row
/// copied from a curated file is written back byte for byte.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub weak_aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub country: String,
    pub admin1: String,
    pub lat: String,
    pub lon: String,
    pub population: String,
    pub feature_code: String,
    pub geonames_id: String,
    pub wikidata_id: String,
    pub subtype: String,
    pub role: String,
    pub valid_from: String,
    pub valid_to: String,
    pub flags: Vec<String>,
    pub source: String,
}

impl Row {
    /// The row's fields in [`COLUMNS`] order, list columns joined with `|`.
    pub fn fields(&self) -> [String; 20] {
        [
            self.id.clone(),
            self.kind.clone(),
            self.name.clone(),
            self.aliases.join("|"),
            self.weak_aliases.join("|"),
            self.demonyms.join("|"),
            self.country.clone(),
            self.admin1.clone(),
            self.lat.clone(),
            self.lon.clone(),
            self.population.clone(),
            self.feature_code.clone(),
            self.geonames_id.clone(),
            self.wikidata_id.clone(),
            self.subtype.clone(),
            self.role.clone(),
            self.valid_from.clone(),
            self.valid_to.clone(),
            self.flags.join("|"),
            self.source.clone(),
        ]
    }

    /// Builds a row from a header and a record, finding columns by name.
    /// Unknown columns are ignored; missing ones are empty.
    pub fn from_record(headers: &csv::StringRecord, record: &csv::StringRecord) -> Row {
        let get = |name: &str| -> String {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .unwrap_or("")
                .to_string()
        };
        let list = |name: &str| -> Vec<String> {
            get(name)
                .split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        Row {
            id: get("id"),
            kind: get("kind"),
            name: get("name"),
            aliases: list("aliases"),
            weak_aliases: list("weak_aliases"),
            demonyms: list("demonyms"),
            country: get("country"),
            admin1: get("admin1"),
            lat: get("lat"),
            lon: get("lon"),
            population: get("population"),
            feature_code: get("feature_code"),
            geonames_id: get("geonames_id"),
            wikidata_id: get("wikidata_id"),
            subtype: get("subtype"),
            role: get("role"),
            valid_from: get("valid_from"),
            valid_to: get("valid_to"),
            flags: list("flags"),
            source: get("source"),
        }
    }

    /// Removes empty items, items equal to the name and duplicates from the
    /// list columns (the schema forbids all three), keeping first occurrences.
    pub fn tidy_lists(&mut self) {
        let name = self.name.clone();
        for list in [
            &mut self.aliases,
            &mut self.weak_aliases,
            &mut self.demonyms,
        ] {
            let mut seen = BTreeSet::new();
            list.retain(|s| !s.is_empty() && *s != name && seen.insert(s.clone()));
        }
        let mut seen = BTreeSet::new();
        self.flags
            .retain(|s| !s.is_empty() && seen.insert(s.clone()));
    }
}

/// Writes `rows` with a header in the canonical column order.
///
/// The file is written to a temporary file next to `path` and renamed into
/// place, so a failed run never leaves a truncated gazetteer behind.
pub fn write_rows(path: &Path, rows: &[Row]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut wtr = csv::Writer::from_writer(io::BufWriter::new(tmp.as_file()));
        wtr.write_record(COLUMNS)?;
        for row in rows {
            wtr.write_record(row.fields())?;
        }
        wtr.flush()?;
    }
    // Temporary files are private (0600); a gazetteer is not.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Case- and diacritic-folds `s` for comparing names: NFKD, combining marks
/// removed, lowercase, and the Latin letters that do not decompose (ø, ł, đ,
/// ß, æ, œ, ı, þ) spelled out. "São Paulo", "Sao Paulo" and "SAO PAULO" fold
/// alike; so do "Łódź" and "Lodz". Curly apostrophes fold to `'`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            'þ' | 'Þ' => out.push_str("th"),
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' => out.push('\''),
            _ => {
                for l in c.to_lowercase() {
                    out.push(l);
                }
            }
        }
    }
    out
}

/// Formats a coordinate with at most 5 decimals and no trailing zeros
/// (`39.76`, `-98.5`, `0`), as the schema asks.
pub fn format_coord(v: f64) -> String {
    let mut s = String::new();
    let _ = write!(s, "{:.5}", v);
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

/// A set of common lowercase English words, e.g. Debian's
/// `american-english-small`. Only entries written in lowercase in the file
/// are kept: the list also carries proper nouns ("Paris", "Jordan"), and a
/// place being a proper noun is no reason to doubt a mention of it.
#[derive(Clone, Debug, Default)]
pub struct WordList {
    words: BTreeSet<String>,
}

impl WordList {
    /// Reads one word per line; skips empty lines and lines with any
    /// uppercase letter.
    pub fn from_reader<R: io::BufRead>(rdr: R) -> io::Result<WordList> {
        let mut words = BTreeSet::new();
        for line in rdr.lines() {
            let line = line?;
            let w = line.trim();
            if w.is_empty() || w.chars().any(char::is_uppercase) {
                continue;
            }
            words.insert(w.to_string());
        }
        Ok(WordList { words })
    }

    /// Reads a word list file (see [`WordList::from_reader`]).
    pub fn from_path(path: &Path) -> io::Result<WordList> {
        let f = std::fs::File::open(path)?;
        WordList::from_reader(io::BufReader::new(f))
    }

    /// Whether `name`, case- and diacritic-folded ([`fold`]), is a common
    /// word: "Wé" and "Ås" are "we" and "as" to a reader of English news.
    ///
    /// An American word list lacks British spellings, which English news
    /// writes just as often: a word ending in "-tre" or "-our" also counts
    /// when its American form ("-ter", "-or") is listed ("Centre",
    /// "Harbour", "Armour").
    pub fn contains(&self, name: &str) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let w = fold(name);
        if self.words.contains(&w) {
            return true;
        }
        let american = if let Some(stem) = w.strip_suffix("tre") {
            format!("{stem}ter")
        } else if let Some(stem) = w.strip_suffix("our") {
            format!("{stem}or")
        } else {
            return false;
        };
        american.len() > 3 && self.words.contains(&american)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table() {
        for (input, want) in [
            ("São Paulo", "sao paulo"),
            ("SAO PAULO", "sao paulo"),
            ("Łódź", "lodz"),
            ("Côte d’Ivoire", "cote d'ivoire"),
            ("Straße", "strasse"),
            ("Kyiv", "kyiv"),
        ] {
            assert_eq!(fold(input), want, "{input}");
        }
    }

    #[test]
    fn coord_table() {
        for (v, want) in [
            (39.76, "39.76"),
            (-98.5, "-98.5"),
            (0.0, "0"),
            (-0.000001, "0"),
            (12.123456, "12.12346"),
            (-179.0, "-179"),
        ] {
            assert_eq!(format_coord(v), want, "{v}");
        }
    }

    #[test]
    fn word_list_keeps_lowercase_only() {
        let wl = WordList::from_reader("nice\nParis\nmobile\n\n".as_bytes()).unwrap();
        assert!(wl.contains("Nice"));
        assert!(wl.contains("MOBILE"));
        assert!(!wl.contains("Paris"));
        assert_eq!(wl.len(), 2);
        let wl = WordList::from_reader("center\nharbor\nwander\ntor\n".as_bytes()).unwrap();
        assert!(wl.contains("Centre"), "British spelling of a listed word");
        assert!(wl.contains("HARBOUR"));
        assert!(!wl.contains("Wandre"), "only -tre and -our");
        assert!(!wl.contains("Tour"), "too short a stem");
    }

    #[test]
    fn tidy_lists_removes_name_and_duplicates() {
        let mut row = Row {
            name: "Kyiv".into(),
            aliases: vec!["Kiev".into(), "Kyiv".into(), "Kiev".into(), String::new()],
            ..Row::default()
        };
        row.tidy_lists();
        assert_eq!(row.aliases, vec!["Kiev".to_string()]);
    }
}
