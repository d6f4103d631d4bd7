//! Given-name variants and alias hygiene for people.
//!
//! Rules, applied after merging:
//!
//! * Transliteration variants replace the **first token only** (the given name) of the
//!   name and of each alias, from `name-variants/name_variants.csv` clusters
//!   (`Muhammad|Mohammed|Mohamed|Mehmet`, `Sergei|Sergey`). Chinese, Japanese, Korean
//!   and Vietnamese clusters are not used (those names open with the family name), and English translations listed
//!   in [`TRANSLATIONS`] (`Michael` for `Mikhail`) are skipped: they are other names,
//!   not spellings. Only Latin-script variants are used.
//! * Arabic article drop: `Bashar al-Assad` also gives `Bashar Assad`.
//! * Every person alias has at least two tokens (never a bare surname or given name).
//! * At most [`MAX_ALIASES`] aliases per person: source aliases first, then variants.
use std::collections::BTreeMap;

use super::row::ActorRow;

/// Cap on aliases per person.
pub const MAX_ALIASES: usize = 20;

/// English given names that clusters list as "variants" of foreign names.
pub const TRANSLATIONS: &[&str] = &[
    "andrew",
    "michael",
    "paul",
    "mary",
    "helen",
    "catherine",
    "nicolas",
    "peter",
    "john",
    "joseph",
    "george",
    "james",
    "jacob",
    "stephen",
    "matthew",
    "mark",
    "luke",
    "thomas",
    "david",
    "daniel",
    "elizabeth",
    "anne",
    "susan",
    "jane",
];

/// Given name (lowercase) → its Latin-script variants.
#[derive(Default, Debug)]
pub struct Variants {
    map: BTreeMap<String, Vec<String>>,
}

impl Variants {
    /// Build from `name_variants.csv` records `(subtype, name, aliases)`.
    pub fn from_clusters<'a>(
        clusters: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    ) -> Variants {
        // A name that heads a cluster takes that cluster's spellings only; a name
        // that is only a member takes the union of its clusters. This keeps the
        // Turkish cluster `Mehmet: Mehmed|Mahmoud` from making Mahmoud a Muhammad.
        let mut headed: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut member: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (subtype, name, aliases) in clusters {
            // East Asian names open with the family name, so their "first token" is
            // never a given name; Vietnamese clusters are family names too.
            if subtype.starts_with("chinese")
                || subtype.starts_with("japanese")
                || subtype.starts_with("korean")
                || subtype == "vietnamese"
            {
                continue;
            }
            let mut all: Vec<String> = std::iter::once(name)
                .chain(aliases.split('|'))
                .map(str::trim)
                .filter(|s| {
                    !s.is_empty()
                        && s.chars()
                            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
                        && !TRANSLATIONS.contains(&s.to_lowercase().as_str())
                })
                .map(str::to_string)
                .collect();
            all.dedup();
            for v in &all {
                let table = if v.eq_ignore_ascii_case(name) {
                    &mut headed
                } else {
                    &mut member
                };
                let e = table.entry(v.to_lowercase()).or_default();
                for w in &all {
                    if !e.contains(w) {
                        e.push(w.clone());
                    }
                }
            }
        }
        let mut map = member;
        map.extend(headed);
        Variants { map }
    }

    fn of(&self, given: &str) -> &[String] {
        self.map
            .get(&given.to_lowercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Add variants to a person row and enforce the alias rules.
    pub fn apply(&self, row: &mut ActorRow) {
        let mut base: Vec<String> = std::iter::once(row.name.clone())
            .chain(row.aliases.iter().cloned())
            .collect();
        // Article drop: `al-Assad` → `Assad`.
        let mut extra = Vec::new();
        for b in &base {
            let toks: Vec<&str> = b.split(' ').collect();
            if toks.len() >= 2
                && toks[1..]
                    .iter()
                    .any(|t| t.starts_with("al-") || t.starts_with("el-"))
            {
                let dropped: Vec<&str> = toks
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        if i > 0 {
                            t.trim_start_matches("al-").trim_start_matches("el-")
                        } else {
                            t
                        }
                    })
                    .collect();
                extra.push(dropped.join(" "));
            }
        }
        base.extend(extra);
        let mut gen = Vec::new();
        for b in &base {
            let Some((given, rest)) = b.split_once(' ') else {
                continue;
            };
            for v in self.of(given) {
                if v != given {
                    gen.push(format!("{v} {rest}"));
                }
            }
        }
        row.aliases = base.into_iter().skip(1).chain(gen).collect();
        finish(row);
    }
}

/// The alias rules without generating anything: at least two tokens, deduplicated,
/// at most [`MAX_ALIASES`]. Run on merged rows (generating again would chain
/// variants of variants).
pub fn finish(row: &mut ActorRow) {
    row.aliases.retain(|a| a.split_whitespace().count() >= 2);
    row.tidy();
    row.aliases.truncate(MAX_ALIASES);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::actors::row::Kind;

    #[test]
    fn given_name_only() {
        let v = Variants::from_clusters([
            ("arabic", "Muhammad", "Mohammed|Mohamed|محمد"),
            ("russian", "Sergei", "Sergey|Serguei"),
            ("russian", "Mikhail", "Michael|Michail"),
            ("chinese", "Wang", "Wong"),
            ("arabic", "Mahmoud", "Mahmud"),
            ("turkish", "Mehmet", "Mehmed|Mahmoud"),
        ]);
        let mut mah = ActorRow::new("m".into(), Kind::Person, "Mahmoud Abbas".into(), "cur");
        v.apply(&mut mah);
        assert_eq!(
            mah.aliases,
            ["Mahmud Abbas"],
            "a cluster head keeps its own spellings"
        );
        let mut r = ActorRow::new("x".into(), Kind::Person, "Sergei Lavrov".into(), "cur");
        r.aliases.push("Lavrov".into());
        v.apply(&mut r);
        assert_eq!(r.aliases, ["Sergey Lavrov", "Serguei Lavrov"]);
        let mut m = ActorRow::new("y".into(), Kind::Person, "Mikhail Gorbachev".into(), "cur");
        v.apply(&mut m);
        assert_eq!(m.aliases, ["Michail Gorbachev"]);
        let mut a = ActorRow::new("z".into(), Kind::Person, "Bashar al-Assad".into(), "cur");
        v.apply(&mut a);
        assert_eq!(a.aliases, ["Bashar Assad"]);
        // Surnames are never varied: `Wang Yi` keeps its `Wang`.
        let mut w = ActorRow::new("w".into(), Kind::Person, "Ali Muhammad".into(), "cur");
        v.apply(&mut w);
        assert!(w.aliases.is_empty());
    }
}
