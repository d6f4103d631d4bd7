//! congress-legislators (`legislators-current.yaml`, `executive.yaml`) → US people.
//!
//! Name: `official_full` when given, else `first last`; aliases: `first last`,
//! `nickname last`, `first middle last` and the `other_names` entries. Role and
//! validity come from the last term (`senator`, `representative`, `president`,
//! `vice_president`); a president whose last term has not ended is also
//! `head_of_state|head_of_government`. Ids: `bioguide:<id>`, else `govtrack:<id>`.
use super::row::{ActorRow, Kind};
use super::yaml::Yaml;

/// Drop `(Nikki)` and `"Hank"` nickname inserts and the comma before `Jr.`.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut skip: Option<char> = None;
    for c in s.chars() {
        match (skip, c) {
            (Some(end), c) if c == end => skip = None,
            (Some(_), _) => {}
            (None, '(') => skip = Some(')'),
            (None, '"') => skip = Some('"'),
            (None, c) => out.push(c),
        }
    }
    out.replace(", ", " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn full(first: &str, middle: &str, last: &str, suffix: &str) -> String {
    let mut parts = vec![first];
    if !middle.is_empty() {
        parts.push(middle);
    }
    parts.push(last);
    let mut s = parts.join(" ");
    if !suffix.is_empty() {
        s = format!("{s} {suffix}");
    }
    s
}

/// Convert one file's people; `today` (`YYYY-MM-DD`) decides whether a term is current.
pub fn convert(doc: &Yaml, today: &str, out: &mut Vec<ActorRow>) {
    for p in doc.items() {
        let ids = p.get("id");
        let id = ids
            .and_then(|i| i.get_str("bioguide"))
            .map(|b| format!("bioguide:{b}"))
            .or_else(|| {
                ids.and_then(|i| i.get_str("govtrack"))
                    .map(|g| format!("govtrack:{g}"))
            });
        let Some(id) = id else { continue };
        let Some(n) = p.get("name") else { continue };
        let first = clean(n.get_str("first").unwrap_or(""));
        let last = clean(n.get_str("last").unwrap_or(""));
        let (first, last) = (first.as_str(), last.as_str());
        if first.is_empty() || last.is_empty() {
            continue;
        }
        let middle = n.get_str("middle").unwrap_or("");
        let suffix = n.get_str("suffix").unwrap_or("");
        let nick = n.get_str("nickname").unwrap_or("");
        let name = n
            .get_str("official_full")
            .map(clean)
            .unwrap_or_else(|| format!("{first} {last}"));
        let mut row = ActorRow::new(id, Kind::Person, name, "congress");
        row.country = "US".into();
        row.subtype = "politician".into();
        row.aliases.push(format!("{first} {last}"));
        if !middle.is_empty() {
            row.aliases.push(full(first, middle, last, ""));
        }
        if !suffix.is_empty() {
            row.aliases.push(full(first, "", last, suffix));
        }
        if !nick.is_empty() {
            row.aliases.push(format!("{nick} {last}"));
        }
        for o in p.get("other_names").map(Yaml::items).unwrap_or(&[]) {
            let of = clean(o.get_str("first").unwrap_or(first));
            if let Some(ol) = o.get_str("last") {
                row.aliases.push(format!("{of} {}", clean(ol)));
            }
        }
        if let Some(q) = ids.and_then(|i| i.get_str("wikidata")) {
            row.wikidata_id = q.to_string();
        }
        if let Some(t) = p.get("terms").map(Yaml::items).and_then(|t| t.last()) {
            let kind = t.get_str("type").unwrap_or("");
            let end = t.get_str("end").unwrap_or("");
            let role = match kind {
                "sen" => "senator",
                "rep" => "representative",
                "prez" => "president",
                "viceprez" => "vice_president",
                _ => "official",
            };
            if matches!(kind, "sen" | "rep") {
                row.roles.push("legislator".into());
            }
            row.roles.push(role.into());
            if kind == "prez" && end >= today {
                row.roles.push("head_of_state".into());
                row.roles.push("head_of_government".into());
            }
            row.valid_from = t.get_str("start").unwrap_or("").to_string();
            if end < today {
                row.valid_to = end.to_string();
            }
        }
        out.push(row);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clean_names() {
        assert_eq!(super::clean("Nicole (Nikki)"), "Nicole");
        assert_eq!(
            super::clean("Henry C. \"Hank\" Johnson, Jr."),
            "Henry C. Johnson Jr."
        );
    }
}
