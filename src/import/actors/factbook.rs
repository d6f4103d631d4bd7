//! CIA World Factbook (2026) → current heads of state and government, terrorist groups.
//!
//! `Government / Executive branch / chief of state` and `head of government` hold text
//! like `President Donald J. TRUMP (since 20 January 2025); represented by ...`. Only
//! the first clause (the office holder, not the representative) is read. The Factbook
//! writes surnames in capitals; the name is the run of capitalised tokens around the
//! first capital surname, after the title words. The preferred name is the given
//! names without patronymics plus the surname run (`Vladimir Putin`, `Muhammad Shehbaz
//! Sharif`, `Claudia Sheinbaum`); the full form is an alias (`Vladimir Vladimirovich
//! Putin`, `Claudia Sheinbaum Pardo`), and so is the first given name plus surname when
//! there are three or more given names (`Bola Tinubu`; with two, `Matamela Cyril`, the
//! first is not reliably the name in use). Names that open with the capital surname
//! (`XI Jinping`, `KIM Jong Un`) are kept whole. A single-word name (`NARUHITO`) takes
//! its title (`Emperor Naruhito`). A person heading several territories (King Charles
//! III, Emmanuel Macron for French territories) is kept once, in the most populous
//! country. Ids: `fb:<cc>:<slug>`; groups `fb:group:<slug>`.
use std::collections::BTreeMap;

use super::casing::proper_case;
use super::row::{norm, ActorRow, Kind};
use super::Context;

const TITLES: &[&str] = &[
    "President",
    "Prime",
    "Minister",
    "King",
    "Queen",
    "Emperor",
    "Sultan",
    "Amir",
    "Emir",
    "Prince",
    "Grand",
    "Duke",
    "Chancellor",
    "Premier",
    "Governor",
    "General",
    "Gen",
    "Col",
    "Capt",
    "Sr",
    "Dr",
    "Sir",
    "Dame",
    "Interim",
    "Acting",
    "Transition",
    "Transitional",
    "Caretaker",
    "Supreme",
    "Leader",
    "Crown",
    "Chief",
    "Executive",
    "Vice",
    "Co-Vice",
    "Pope",
    "Taoiseach",
    "Chairman",
    "Chairperson",
    "Chair",
    "Council",
    "Cabinet",
    "Ministers",
    "Commission",
    "State",
    "Affairs",
    "Administrator",
    "Lord",
    "Mann",
    "Captains",
    "Regent",
    "Secretary",
    "Mayor",
    "Ratu",
    "Lieutenant",
    "Lieutenant-Governor",
    "Governor-General",
    "Presidential",
    "Leadership",
    "Commander-in-Chief",
    "Sovereign",
    "Air",
    "Vice-Marshal",
    "Marshal",
    "Sheikh",
    "Taliban",
    "GNU",
    "CNSP",
    "Assembly",
    "People's",
    "Commissioner",
    "High",
    "Prefect",
    "Superior",
    "Territorial",
    "Bailiff",
    "Ulu",
    "Tokelau",
    "Co-prince",
    "Co-Prince",
    "Presidency",
    "Swiss",
    "Confederation",
    "Republic",
    "Government",
];

/// Titles that go with a single regnal name (`King Charles III`, `Emperor Naruhito`).
const MONARCH_TITLES: &[&str] = &[
    "King", "Queen", "Emperor", "Pope", "Prince", "Duke", "Sultan", "Amir", "Emir",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn decode_entities(s: &str) -> String {
    let mut out = s.to_string();
    for (ent, ch) in [
        ("&eacute;", "é"),
        ("&Eacute;", "É"),
        ("&aacute;", "á"),
        ("&Aacute;", "Á"),
        ("&iacute;", "í"),
        ("&Iacute;", "Í"),
        ("&oacute;", "ó"),
        ("&Oacute;", "Ó"),
        ("&uacute;", "ú"),
        ("&Uacute;", "Ú"),
        ("&ntilde;", "ñ"),
        ("&Ntilde;", "Ñ"),
        ("&ccedil;", "ç"),
        ("&Ccedil;", "Ç"),
        ("&atilde;", "ã"),
        ("&otilde;", "õ"),
        ("&uuml;", "ü"),
        ("&ouml;", "ö"),
        ("&auml;", "ä"),
        ("&egrave;", "è"),
        ("&rsquo;", "'"),
        ("&lsquo;", "'"),
        ("&amp;", "&"),
        ("&nbsp;", " "),
        ("’", "'"),
    ] {
        out = out.replace(ent, ch);
    }
    // Drop any remaining markup (`<br>`, `<em>`).
    let mut clean = String::with_capacity(out.len());
    let mut in_tag = false;
    for c in out.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => clean.push(c),
            _ => {}
        }
    }
    clean
}

fn is_caps(tok: &str) -> bool {
    let mut run = 0;
    for c in tok.chars() {
        if c.is_uppercase() {
            run += 1;
            if run >= 2 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

fn is_roman(tok: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

fn is_title(tok: &str) -> bool {
    TITLES.contains(&tok.trim_end_matches(['.', ',']))
}

fn is_particle(tok: &str) -> bool {
    matches!(
        tok,
        "al" | "el"
            | "bin"
            | "ibn"
            | "ibni"
            | "de"
            | "da"
            | "dos"
            | "e"
            | "y"
            | "van"
            | "von"
            | "der"
    ) || tok.starts_with("al-")
        || tok.starts_with("el-")
        || tok.starts_with("d'")
}

fn name_like(tok: &str) -> bool {
    !is_title(tok)
        && (tok.chars().next().is_some_and(char::is_uppercase) || is_particle(tok) || is_caps(tok))
}

/// A parsed office holder.
#[derive(Debug, PartialEq)]
pub struct Holder {
    pub name: String,
    pub full: String,
    /// First given name + surname, for names with three or more given names.
    pub short: Option<String>,
    pub since: String,
}

fn parse_since(s: &str) -> String {
    let Some(p) = s.find("since ") else {
        return String::new();
    };
    let words: Vec<&str> = s[p + 6..]
        .split(|c: char| c.is_whitespace() || c == ')' || c == ';' || c == ',')
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    match words.as_slice() {
        [d, m, y, ..] if MONTHS.contains(m) && year(y) && d.parse::<u32>().is_ok() => {
            let mi = MONTHS.iter().position(|x| x == m).unwrap_or(0) + 1;
            format!("{y}-{mi:02}-{:02}", d.parse::<u32>().unwrap_or(1))
        }
        [m, y, ..] if MONTHS.contains(m) && year(y) => {
            let mi = MONTHS.iter().position(|x| x == m).unwrap_or(0) + 1;
            format!("{y}-{mi:02}")
        }
        [y, ..] if year(y) => y.to_string(),
        _ => String::new(),
    }
}

/// Parse the office holder of a chief-of-state / head-of-government text.
pub fn parse_holder(text: &str) -> Option<Holder> {
    let text = decode_entities(text);
    let clause = text.split(';').next()?.split(", represented by").next()?;
    let clause = clause.split(" represented by").next()?;
    let since = parse_since(clause);
    let head = clause.split('(').next()?.split(',').next()?;
    let head = head
        .trim()
        .trim_end_matches(" of the Netherlands")
        .trim_end_matches(" of Denmark")
        .trim_end_matches(" of Norway");
    // Drop quoted nicknames: `Ferdinand "BongBong" MARCOS`.
    let toks: Vec<&str> = head
        .split_whitespace()
        .filter(|t| !t.starts_with('"'))
        .collect();
    if toks.is_empty() {
        return None;
    }
    let (start, end) = match toks.iter().position(|t| is_caps(t) && !is_title(t)) {
        Some(c) => {
            let mut s = c;
            while s > 0 && name_like(toks[s - 1]) {
                s -= 1;
            }
            // `President of China XI Jinping`: words after `of` name a place.
            if s > 0 && matches!(toks[s - 1], "of" | "the") {
                s = c;
            }
            let mut e = c + 1;
            while e < toks.len() && name_like(toks[e]) {
                e += 1;
            }
            (s, e)
        }
        None => {
            let s = toks.iter().position(|t| !is_title(t))?;
            if !toks[s..].iter().all(|t| name_like(t)) {
                return None;
            }
            (s, toks.len())
        }
    };
    let name_toks = &toks[start..end];
    // A numeral after a name (`CHARLES III`) is not a name token; `XI Jinping` is.
    let real = name_toks
        .iter()
        .enumerate()
        .filter(|(i, t)| *i == 0 || !is_roman(t))
        .count();
    if real == 0 {
        return None;
    }
    let full = proper_case(&name_toks.join(" "));
    let first_caps = name_toks.iter().position(|t| is_caps(t));
    let mut short = None;
    let name = if real < 2 {
        // `King CHARLES III`, `Emperor NARUHITO`: keep the title.
        let title = toks[..start]
            .iter()
            .rev()
            .find(|t| is_title(t))
            .copied()
            .filter(|t| MONARCH_TITLES.contains(t));
        match title {
            Some(t) => format!("{} {full}", t.trim_end_matches('.')),
            None => return None,
        }
    } else {
        match first_caps {
            Some(c) if c > 0 => {
                // Given names (without patronymics) + the capital surname run; a
                // mixed-case surname after it (Spanish maternal name) only in `full`.
                let mut s = c;
                while s > 1 && is_particle(name_toks[s - 1]) {
                    s -= 1;
                }
                let mut e = c;
                while e < name_toks.len() && is_caps(name_toks[e]) {
                    e += 1;
                }
                let given: Vec<&str> = name_toks[..s]
                    .iter()
                    .copied()
                    .filter(|t| !is_patronymic(t) && !t.ends_with('.'))
                    .collect();
                if given.len() >= 3 {
                    let mut v = vec![given[0]];
                    v.extend_from_slice(&name_toks[s..e]);
                    short = Some(proper_case(&v.join(" ")));
                }
                let mut v = given;
                v.extend_from_slice(&name_toks[s..e]);
                proper_case(&v.join(" "))
            }
            Some(0)
                if name_toks.len() > 3
                    && name_toks
                        .get(1)
                        .is_some_and(|t| t.eq_ignore_ascii_case("bin")) =>
            {
                // `MUHAMMAD BIN SALMAN bin Abd al-Aziz Al Saud`: the capital run.
                let e = name_toks
                    .iter()
                    .position(|t| !is_caps(t))
                    .unwrap_or(name_toks.len());
                if e >= 3 {
                    proper_case(&name_toks[..e].join(" "))
                } else {
                    full.clone()
                }
            }
            _ => full.clone(),
        }
    };
    Some(Holder {
        name,
        full,
        short,
        since,
    })
}

/// Russian/Turkic patronymics: `Vladimirovich`, `Viktorovna`, `Ogly`.
fn is_patronymic(t: &str) -> bool {
    let l = t.to_lowercase();
    ["vich", "vna", "ogly", "oglu", "qizi", "kyzy"]
        .iter()
        .any(|s| l.ends_with(s))
        && l.len() > 6
}

/// Rows from all Factbook country files: `(iso2, file label, json)`.
pub fn convert(
    ctx: &Context,
    files: &[(String, String, serde_json::Value)],
    people: &mut Vec<ActorRow>,
    agencies: &mut Vec<ActorRow>,
) {
    // norm(name) -> (population, row)
    let mut best: BTreeMap<String, (u64, ActorRow)> = BTreeMap::new();
    let mut groups: BTreeMap<String, ActorRow> = BTreeMap::new();
    for (iso2, _label, json) in files {
        let exec = &json["Government"]["Executive branch"];
        let cs = exec["chief of state"]["text"].as_str().unwrap_or("");
        let hg = exec["head of government"]["text"].as_str().unwrap_or("");
        let pop = ctx.population.get(iso2).copied().unwrap_or(0);
        for (text, role) in [(cs, "head_of_state"), (hg, "head_of_government")] {
            let Some(h) = parse_holder(text) else {
                continue;
            };
            let key = norm(&h.name);
            let mut row = ActorRow::new(
                format!("fb:{}:{}", iso2.to_lowercase(), key.replace(' ', "-")),
                Kind::Person,
                h.name.clone(),
                "factbook",
            );
            row.country = iso2.clone();
            row.subtype = "politician".into();
            row.roles.push(role.into());
            row.valid_from = h.since.clone();
            if h.full != h.name {
                row.aliases.push(h.full.clone());
            }
            row.aliases.extend(h.short.clone());
            match best.get_mut(&key) {
                Some((p, old)) if old.country == *iso2 => {
                    old.roles.push(role.into());
                    let _ = p;
                }
                Some((p, old)) => {
                    if pop > *p {
                        row.roles.extend(old.roles.iter().cloned());
                        *old = row;
                        *p = pop;
                    }
                }
                None => {
                    best.insert(key, (pop, row));
                }
            }
        }
        let groups_text = json["Terrorism"]["Terrorist group(s)"]["text"]
            .as_str()
            .unwrap_or("");
        for g in decode_entities(groups_text).split(';') {
            let g = g.trim();
            if g.is_empty() || g.len() > 80 || g.starts_with("note") {
                continue;
            }
            let (name, acr) = match (g.find('('), g.rfind(')')) {
                (Some(o), Some(c)) if o < c => (
                    g[..o].trim().to_string(),
                    Some(g[o + 1..c].trim().to_string()),
                ),
                _ => (g.to_string(), None),
            };
            if name.is_empty() || name.contains('/') && acr.is_none() {
                continue;
            }
            let key = norm(&name);
            let row = groups.entry(key.clone()).or_insert_with(|| {
                let mut r = ActorRow::new(
                    format!("fb:group:{}", key.replace(' ', "-")),
                    Kind::Agency,
                    name.clone(),
                    "factbook",
                );
                r.subtype = "armed_group".into();
                r
            });
            if let Some(a) = acr {
                if a.len() >= 3 && a.chars().all(|c| c.is_ascii_uppercase() || c == '-') {
                    row.weak_aliases.push(a);
                }
            }
        }
    }
    people.extend(best.into_values().map(|(_, r)| r));
    agencies.extend(groups.into_values());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(text: &str) -> (String, String, String) {
        let h = parse_holder(text).unwrap();
        (h.name, h.full, h.since)
    }

    #[test]
    fn holders() {
        assert_eq!(
            h("President Vladimir Vladimirovich PUTIN (since 7 May 2012)"),
            (
                "Vladimir Putin".into(),
                "Vladimir Vladimirovich Putin".into(),
                "2012-05-07".into()
            )
        );
        assert_eq!(
            h("President XI Jinping (since 14 March 2013)").0,
            "Xi Jinping"
        );
        assert_eq!(
            h("King CHARLES III (since 8 September 2022); represented by X").0,
            "King Charles III"
        );
        assert_eq!(
            h("Prime Minister Muhammad al-BASHIR (since 8 December 2024)").0,
            "Muhammad al-Bashir"
        );
        assert_eq!(
            h("President Donald J. TRUMP (since 20 January 2025)").0,
            "Donald Trump"
        );
        assert_eq!(
            h("Chancellor Friedrich MERZ (since 6 May 2025)").0,
            "Friedrich Merz"
        );
        assert_eq!(
            h("Prime Minister Am&eacute;rico d'Oliveira DOS RAMOS (since 12 January 2025)").0,
            "Américo d'Oliveira dos Ramos"
        );
        assert_eq!(
            h("Emperor NARUHITO (since 1 May 2019)").0,
            "Emperor Naruhito"
        );
        assert_eq!(
            h("President Claudia SHEINBAUM Pardo (since 1 October 2024)").1,
            "Claudia Sheinbaum Pardo"
        );
        assert_eq!(
            h("S&eacute;bastien LECORNU (since 10 September 2025)").0,
            "Sébastien Lecornu"
        );
    }
}
