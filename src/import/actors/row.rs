//! The row type shared by every actor source, its normalisation key and its CSV form.
use std::collections::BTreeSet;
use std::io::Write;

use unicode_normalization::UnicodeNormalization;

/// The canonical gazetteer header, in writing order.
pub use crate::gazetteer::COLUMNS as HEADER;

/// Person or agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    Agency,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Agency => "agency",
        }
    }
}

/// One actor row, before or after merging.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorRow {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub aliases: Vec<String>,
    pub weak_aliases: Vec<String>,
    /// ISO 3166-1 alpha-2, empty for international bodies.
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub wikidata_id: String,
    pub subtype: String,
    pub roles: Vec<String>,
    pub valid_from: String,
    pub valid_to: String,
    pub flags: Vec<String>,
    /// Source tags in precedence order (`cur`, `congress`, `factbook`, `gsa`, `petrarch2`).
    pub sources: Vec<String>,
}

impl ActorRow {
    pub fn new(id: String, kind: Kind, name: String, source: &str) -> ActorRow {
        ActorRow {
            id,
            kind,
            name,
            aliases: Vec::new(),
            weak_aliases: Vec::new(),
            country: String::new(),
            lat: None,
            lon: None,
            wikidata_id: String::new(),
            subtype: String::new(),
            roles: Vec::new(),
            valid_from: String::new(),
            valid_to: String::new(),
            flags: Vec::new(),
            sources: vec![source.to_string()],
        }
    }

    /// Sort and dedupe list fields; drop aliases equal to the name.
    pub fn tidy(&mut self) {
        let name_key = norm(&self.name);
        let mut seen = BTreeSet::new();
        seen.insert(name_key.clone());
        let mut aliases = Vec::new();
        for a in std::mem::take(&mut self.aliases) {
            let a = a.trim().to_string();
            if !a.is_empty() && !a.contains('|') && seen.insert(norm(&a)) {
                aliases.push(a);
            }
        }
        self.aliases = aliases;
        let mut weak = Vec::new();
        let mut wseen = BTreeSet::new();
        for w in std::mem::take(&mut self.weak_aliases) {
            let w = w.trim().to_string();
            if !w.is_empty() && w != self.name && !w.contains('|') && wseen.insert(w.clone()) {
                weak.push(w);
            }
        }
        self.weak_aliases = weak;
        dedup_keep_order(&mut self.roles);
        self.flags.sort();
        self.flags.dedup();
        dedup_keep_order(&mut self.sources);
    }

    fn record(&self) -> Vec<String> {
        let f = |v: Option<f64>| v.map(fmt_coord).unwrap_or_default();
        vec![
            self.id.clone(),
            self.kind.as_str().to_string(),
            self.name.clone(),
            self.aliases.join("|"),
            self.weak_aliases.join("|"),
            String::new(),
            self.country.clone(),
            String::new(),
            f(self.lat),
            f(self.lon),
            String::new(),
            String::new(),
            String::new(),
            self.wikidata_id.clone(),
            self.subtype.clone(),
            self.roles.join("|"),
            self.valid_from.clone(),
            self.valid_to.clone(),
            self.flags.join("|"),
            self.sources.join("+"),
        ]
    }
}

fn dedup_keep_order(v: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    v.retain(|x| !x.is_empty() && seen.insert(x.clone()));
}

/// At most 5 decimals, no trailing zeros.
pub fn fmt_coord(v: f64) -> String {
    let s = format!("{v:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Matching key: lowercase, diacritics stripped, punctuation (`-`, `.`, `'`) dropped
/// or spaced, whitespace collapsed. `al-Assad`, `Al Assad` and `AL_ASSAD` agree.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}' | '.') {
            // O'Brien = OBrien, U.N. = UN
        } else {
            space = true;
        }
    }
    out
}

/// Write rows (already sorted) as CSV with the canonical header.
pub fn write_csv<W: Write>(wtr: W, rows: &[ActorRow]) -> csv::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(wtr);
    w.write_record(HEADER)?;
    for r in rows {
        w.write_record(r.record())?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_agrees() {
        assert_eq!(norm("al-Assad"), norm("Al Assad"));
        assert_eq!(norm("António Guterres"), "antonio guterres");
        assert_eq!(norm("U.N."), "un");
        assert_eq!(norm("O'Brien"), "obrien");
    }

    #[test]
    fn coords() {
        assert_eq!(fmt_coord(50.879_999_9), "50.88");
        assert_eq!(fmt_coord(-77.0), "-77");
    }
}
