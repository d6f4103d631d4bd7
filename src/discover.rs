//! Discovering names the gazetteer lacks, ready to curate.
//!
//! Three sources, counted over a corpus:
//!
//! - **people introduced by a title or role** and not in the gazetteer
//!   (the document-local people of [`crate::resolve::people`]):
//!   "Interior Ministry spokesman Ahmed Karimi" → `Ahmed Karimi`, kind
//!   `person`, evidence `title`;
//! - **places the text calls places** and the gazetteer lacks (the
//!   `unlisted` stage): "the village of Kirkwick" → `Kirkwick`, kind `city`
//!   (or `region` after "district", "province" ...), evidence `unlisted`;
//! - **capitalised names beside known entities**: a run of two or three
//!   capitalised words, not part of any mention, within three characters
//!   of one ("Aleppo's Sheikh Maqsoud district", "Reuters reporter Dana
//!   Levi"), kind unknown, evidence `beside`.
//!
//! Each name gets its number of occurrences, of documents, and the first
//! occurrence's context. Names seen fewer than `min_count` times are left
//! out. Output order: count descending, then name, so runs are reproducible.

use std::collections::HashMap;

use crate::entity::Tagged;

/// One discovered name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    /// `person` when a title introduced it, `city` or `region` for an
    /// unlisted place, else empty.
    pub kind: &'static str,
    /// `title`, `unlisted` or `beside`.
    pub evidence: &'static str,
    pub count: u64,
    pub documents: u64,
    /// The first occurrence with up to 60 characters either side.
    pub example: String,
    /// The first document it was seen in.
    pub first_document: String,
}

/// Accumulates names over documents.
#[derive(Debug, Default)]
pub struct Discovery {
    found: HashMap<String, Found>,
    seen_in: HashMap<String, String>,
}

fn context(text: &str, start: usize, end: usize) -> String {
    let mut s = start;
    let mut n = 0;
    while s > 0 && n < 60 {
        s -= 1;
        while !text.is_char_boundary(s) {
            s -= 1;
        }
        n += 1;
    }
    let mut e = end;
    n = 0;
    while e < text.len() && n < 60 {
        e += 1;
        while !text.is_char_boundary(e) {
            e += 1;
        }
        n += 1;
    }
    text[s..e].split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_cap_word(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

impl Discovery {
    /// A fresh, empty discovery.
    pub fn new() -> Discovery {
        Discovery::default()
    }

    fn add(
        &mut self,
        doc: &str,
        text: &str,
        start: usize,
        end: usize,
        kind: &'static str,
        evidence: &'static str,
    ) {
        let name = text[start..end].to_string();
        let key = format!("{evidence}\u{1f}{name}");
        let f = self.found.entry(key.clone()).or_insert_with(|| Found {
            name: name.clone(),
            kind,
            evidence,
            count: 0,
            documents: 0,
            example: context(text, start, end),
            first_document: doc.to_string(),
        });
        f.count += 1;
        if self.seen_in.get(&key).map(String::as_str) != Some(doc) {
            f.documents += 1;
            self.seen_in.insert(key, doc.to_string());
        }
    }

    /// Adds one tagged document (documents must come in order).
    pub fn document(&mut self, doc_id: &str, text: &str, tagged: &Tagged, gaz_len: usize) {
        for m in &tagged.mentions {
            let Some(local) = m.entity.index().checked_sub(gaz_len) else {
                continue;
            };
            match m.match_type {
                crate::MatchType::Title => {
                    self.add(doc_id, text, m.span.start, m.span.end, "person", "title");
                }
                crate::MatchType::Unlisted => {
                    let kind = tagged.locals.get(local).map_or("", |e| e.kind.as_str());
                    self.add(doc_id, text, m.span.start, m.span.end, kind, "unlisted");
                }
                _ => {}
            }
        }
        // Capitalised runs near mentions.
        let covered = |s: usize, e: usize| {
            tagged
                .mentions
                .iter()
                .any(|m| m.span.start < e && s < m.span.end)
        };
        let near = |s: usize, e: usize| {
            tagged.mentions.iter().any(|m| {
                (m.span.end <= s && s - m.span.end <= 3)
                    || (e <= m.span.start && m.span.start - e <= 3)
            })
        };
        let mut words: Vec<(usize, usize)> = vec![];
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let w = c.is_alphabetic() || c == '-' || c == '\'';
            match (start, w) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        let mut i = 0;
        while i < words.len() {
            let mut j = i;
            while j < words.len()
                && j - i < 3
                && !covered(words[j].0, words[j].1)
                && is_cap_word(&text[words[j].0..words[j].1])
                && (j == i || &text[words[j - 1].1..words[j].0] == " ")
            {
                j += 1;
            }
            if j - i >= 2 {
                let (s, e) = (words[i].0, words[j - 1].1);
                if near(s, e) {
                    self.add(doc_id, text, s, e, "", "beside");
                }
            }
            i = j.max(i + 1);
        }
    }

    /// The names seen at least `min_count` times, most frequent first.
    pub fn finish(self, min_count: u64) -> Vec<Found> {
        let mut out: Vec<Found> = self
            .found
            .into_values()
            .filter(|f| f.count >= min_count)
            .collect();
        out.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.evidence.cmp(b.evidence))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Gazetteer, TaggerBuilder};

    #[test]
    fn finds_titled_people_and_names_beside_entities() {
        let mut g = Gazetteer::new();
        g.load_reader(
            "t.csv",
            "id,kind,name,lat,lon\nc:1,city,Aleppo,36.2,37.2\n".as_bytes(),
        )
        .unwrap();
        let t = TaggerBuilder::new().build(g).unwrap();
        let mut d = Discovery::new();
        for (id, text) in [
            (
                "a",
                "Interior Ministry spokesman Ahmed Karimi said Aleppo Old Souk reopened.",
            ),
            ("b", "Later, spokesman Ahmed Karimi said it again."),
            (
                "c",
                "Birds died in the village of Kirkwick near Aleppo. Kirkwick is small.",
            ),
        ] {
            let tagged = t.tag_document(text);
            d.document(id, text, &tagged, t.gazetteer().len());
        }
        let found = d.finish(1);
        assert_eq!(found[0].name, "Ahmed Karimi");
        assert_eq!((found[0].count, found[0].documents), (2, 2));
        assert_eq!(found[0].kind, "person");
        assert!(found
            .iter()
            .any(|f| f.name == "Old Souk" && f.evidence == "beside"));
        let village = found.iter().find(|f| f.name == "Kirkwick").unwrap();
        assert_eq!(
            (
                village.kind,
                village.evidence,
                village.count,
                village.documents
            ),
            ("city", "unlisted", 2, 1)
        );
    }
}
