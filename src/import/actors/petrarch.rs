//! PETRARCH2 / Phoenix actor dictionaries → people and agencies.
//!
//! * People: entries of `Phoenix.Countries.actors.txt` marked `# CountryInfo.txt`, and
//!   other entries without an organisation word whose first token is a given name seen
//!   in those (the International and MilNonState files name UN officials and militants
//!   that way). Only people whose codes reach 2000 or later (an end date ≥ 2000, an
//!   open `>date`, or an undated code) and whose name has at least two tokens once
//!   honorifics are stripped.
//! * Agencies: the other named entries (government bodies, IGOs, NGOs, companies,
//!   media, armed groups). Country-name entries (`[SYR]`) and generic agents
//!   (`INDIAN_UN_PEACEKEEPER`, two common words) are dropped.
//! * Aliases: for people, `+` lines that are clean name variants (no title, no
//!   nationality word, at least two tokens); for agencies, `+` lines that are the
//!   same words give or take `the`/`US`/`of` (PETRARCH groups *different* bodies under
//!   one code, e.g. the Pentagon under `UNITED_STATES_MILITARY`), and acronyms that
//!   spell the name's initials as weak aliases.
//!
//! Ids: `pet:<cc>:<slug>` (`cc` = ISO alpha-2 in lowercase, or `int`).
use std::collections::{BTreeMap, BTreeSet};

use super::casing::proper_case;
use super::row::{norm, ActorRow, Kind};
use super::tabari::{Code, Entry};
use super::Context;

/// Honorifics and titles stripped from the front of a person's name.
const HONORIFICS: &[&str] = &[
    "SIR",
    "SECRETARY-GENERAL",
    "DR",
    "DR.",
    "SHEIKH",
    "SHAIKH",
    "SHEIK",
    "PRINCE",
    "PRINCESS",
    "KING",
    "QUEEN",
    "GENERAL",
    "GEN.",
    "COL.",
    "PRESIDENT",
    "FORMER",
    "MR",
    "MR.",
    "MRS",
    "MRS.",
    "MS",
    "MS.",
    "CROWN",
    "EMIR",
    "AMIR",
    "SULTAN",
    "LORD",
    "LADY",
    "DAME",
    "HAJI",
    "AYATOLLAH",
    "SENATOR",
    "CAPTAIN",
    "CAPT.",
    "COLONEL",
    "MAJOR",
    "LIEUTENANT",
    "ADMIRAL",
    "MARSHAL",
    "PROF.",
    "PROFESSOR",
    "REV.",
    "REVEREND",
    "FATHER",
    "BISHOP",
    "IMAM",
    "MULLAH",
];

/// Words that never occur in a clean personal-name alias.
const TITLE_WORDS: &[&str] = &[
    "MINISTER",
    "PRESIDENT",
    "AMBASSADOR",
    "SECRETARY",
    "GENERAL",
    "GOVERNMENT",
    "REGIME",
    "FORCES",
    "ADMINISTRATION",
    "LEADER",
    "CHIEF",
    "FORMER",
    "EX",
    "MR",
    "MR.",
    "MRS",
    "MRS.",
    "MS",
    "MS.",
    "PREMIER",
    "CHAIRMAN",
    "SPOKESMAN",
    "SENATOR",
    "GOVERNOR",
    "KING",
    "QUEEN",
    "PRINCE",
    "SHEIKH",
    "DR",
    "DR.",
    "SIR",
    "SECRETARY-GENERAL",
    "PRIME",
    "FOREIGN",
    "DEFENSE",
    "DEFENCE",
    "STATE",
    "SECY",
    "SEC.",
    "GEN",
    "COMMANDER",
    "OFFICIAL",
    "DEPUTY",
    "VICE",
    "SPEAKER",
    "MAYOR",
    "COLONEL",
    "REPRESENTATIVE",
    "CONGRESSMAN",
    "ENVOY",
    "PARTY",
    "CAMP",
    "SUPPORTERS",
    "LOYALISTS",
    "FAMILY",
    "CLAN",
    "THE",
    "OF",
    "AND",
    "FOR",
];

/// Words that never occur in a person's name, even a CountryInfo one.
const NOT_IN_NAMES: &[&str] = &[
    "COUNCIL",
    "PARTY",
    "FRONT",
    "ARMY",
    "COMMITTEE",
    "GOVERNMENT",
    "OF",
    "FOR",
    "THE",
    "AND",
    "SEC.",
    "MINISTER",
    "SECRETARY",
    "MINISTRY",
    "DEPARTMENT",
    "PRESIDENT",
    "AMBASSADOR",
];

/// Words that mark an organisation, not a person.
const ORG_WORDS: &[&str] = &[
    "ARMY",
    "PARTY",
    "COUNCIL",
    "CONGRESS",
    "MINISTRY",
    "FORCES",
    "FORCE",
    "COMMITTEE",
    "GOVERNMENT",
    "FRONT",
    "MOVEMENT",
    "BRIGADE",
    "BRIGADES",
    "ORGANIZATION",
    "ORGANISATION",
    "UNION",
    "ASSOCIATION",
    "AGENCY",
    "DEPARTMENT",
    "OFFICE",
    "BUREAU",
    "COMMISSION",
    "COURT",
    "ASSEMBLY",
    "BANK",
    "FUND",
    "INSTITUTE",
    "FOUNDATION",
    "NEWS",
    "TIMES",
    "POST",
    "RADIO",
    "TV",
    "TELEVISION",
    "COMPANY",
    "CORP",
    "CORP.",
    "CORPORATION",
    "INC",
    "INC.",
    "LTD",
    "LTD.",
    "GROUP",
    "NETWORK",
    "SERVICE",
    "SERVICES",
    "COMMAND",
    "GUARD",
    "POLICE",
    "LEAGUE",
    "ALLIANCE",
    "COALITION",
    "CENTER",
    "CENTRE",
    "UNIVERSITY",
    "SOCIETY",
    "CHURCH",
    "PROGRAM",
    "PROGRAMME",
    "PANEL",
    "TRIBUNAL",
    "MISSION",
    "AUTHORITY",
    "COMMUNITY",
    "REGIME",
    "ADMINISTRATION",
    "FEDERATION",
    "CONFEDERATION",
    "INTERNATIONAL",
    "NATIONAL",
    "WORLD",
    "UNITED",
    "REPUBLIC",
    "STATES",
    "NATIONS",
    "OF",
    "THE",
    "AND",
    "FOR",
    "CO.",
    "AIRLINES",
    "AIRWAYS",
    "BANCO",
    "HOLDINGS",
    "INDUSTRIES",
    "ENERGY",
    "OIL",
    "GAS",
    "PETROLEUM",
    "MEDIA",
    "PRESS",
    "JOURNAL",
    "DAILY",
    "HERALD",
    "TRIBUNE",
    "BROADCASTING",
    "AIR",
    "MOTORS",
    "SYSTEMS",
    "TECHNOLOGIES",
    "GLOBAL",
    "TRUST",
    "RIGHTS",
    "WATCH",
    "RELIEF",
    "AID",
    "FEDERAL",
    "SECURITY",
    "INTELLIGENCE",
    "BATTALION",
    "REGIMENT",
    "DIVISION",
    "CORPS",
    "MILITIA",
    "JIHAD",
    "JAISH",
    "JAYSH",
    "JABHAT",
    "HARAKAT",
    "KATAIB",
    "ANSAR",
    "TANZIM",
    "LASHKAR",
    "HIZB",
    "ISLAMIC",
    "REVOLUTIONARY",
    "LIBERATION",
    "RESISTANCE",
    "DEMOCRATIC",
    "PEOPLES",
    "PEOPLE'S",
    "SOCIALIST",
    "COMMUNIST",
    "ISLAMI",
    "MUJAHIDEEN",
    "MUJAHIDIN",
    "CELLS",
    "CELL",
    "SQUAD",
    "COMMANDOS",
    "GROUPS",
    "TIGERS",
    "BOARD",
    "CABINET",
    "SENATE",
    "PARLIAMENT",
    "HOUSE",
    "PALACE",
];

/// Generic agents and roles: an agency name containing one is not a named body.
const GENERIC_WORDS: &[&str] = &[
    "SPOKESMAN",
    "SPOKESWOMAN",
    "SPOKESPERSON",
    "OFFICIAL",
    "OFFICIALS",
    "PEACEKEEPER",
    "PEACEKEEPERS",
    "REBELS",
    "TROOPS",
    "SOLDIERS",
    "PROTESTERS",
    "ACTIVISTS",
    "ACTIVIST",
    "BASED",
    "TANK",
    "CONTINGENT",
    "SUPPORTERS",
    "MEMBERS",
    "WORKERS",
    "STUDENTS",
    "EMPLOYEES",
    "MILITANTS",
    "GUNMEN",
    "INSURGENTS",
    "LEADERS",
    "LEADER",
    "DELEGATION",
    "AGENTS",
    "STAFF",
    "SOURCES",
    "SPOKESPEOPLE",
    "REPRESENTATIVE",
    "ENVOY",
    "AMBASSADOR",
    "DIPLOMATS",
];

/// Function words kept lowercase inside organisation names.
const ORG_LOWER: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "to", "at", "a", "an", "de", "du", "des", "la", "le",
    "el", "al", "del", "et",
];

/// Acronym tokens kept in capitals inside organisation names.
const KNOWN_ACRONYMS: &[&str] = &[
    "UN", "US", "USA", "UK", "EU", "NATO", "OPEC", "ASEAN", "UNESCO", "UNICEF", "UNHCR", "IAEA",
    "OSCE", "UNDP", "OAS", "OAU", "ECOWAS", "IGAD", "SADC", "AU", "UAE", "ANC", "PLO", "PKK",
    "IRA", "ETA", "FARC", "ELN", "BBC", "CNN", "NBC", "CBS", "ABC", "TV", "AIDS", "HIV", "WTO",
    "IMF", "WHO", "FAO", "ILO", "IMO", "ICAO", "UNIFIL", "MONUC", "MONUSCO", "AMISOM",
];

pub(super) fn is_org_name(raw: &str) -> bool {
    raw.split('_').any(|t| ORG_WORDS.contains(&t))
}

fn name_tokens(raw: &str) -> Vec<&str> {
    raw.split('_').filter(|t| !t.is_empty()).collect()
}

/// Proper-case an organisation name: function words lowercase (not first), known
/// acronyms and vowel-less tokens (`PKK`, `FBI`) in capitals, the rest as people.
pub fn org_case(raw: &str) -> String {
    let toks = name_tokens(raw);
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let lower = t.to_lowercase();
        let letters: String = t.chars().filter(|c| c.is_alphabetic()).collect();
        let vowelless = letters.len() >= 2
            && !letters.chars().any(|c| "AEIOUYaeiouy".contains(c))
            && letters.chars().all(|c| c.is_uppercase());
        if i > 0 && ORG_LOWER.contains(&lower.as_str()) {
            out.push(lower);
        } else if KNOWN_ACRONYMS.contains(&letters.as_str())
            && letters.len() == t.trim_end_matches('.').replace('.', "").len()
            || vowelless
            || t.contains('.') && letters.len() <= 4
        {
            out.push(t.to_string());
        } else {
            out.push(proper_case(t));
        }
    }
    out.join(" ")
}

fn slug(s: &str) -> String {
    let n = norm(s);
    n.replace(' ', "-")
}

fn is_acronym(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| *c != '.').collect();
    (2..=8).contains(&letters.len()) && letters.iter().all(|c| c.is_ascii_uppercase())
}

/// Initials of the significant words of a raw name (`NORTH_ATLANTIC_TREATY_ORGANIZATION`
/// → `NATO`).
fn initials(raw: &str) -> String {
    name_tokens(raw)
        .iter()
        .filter(|t| {
            !matches!(
                **t,
                "OF" | "THE" | "AND" | "FOR" | "ON" | "IN" | "TO" | "DE"
            )
        })
        .filter_map(|t| t.chars().next())
        .collect()
}

fn token_core(raw: &str) -> BTreeSet<String> {
    name_tokens(raw)
        .iter()
        .map(|t| t.replace(['.', '\''], ""))
        .filter(|t| {
            !matches!(
                t.as_str(),
                "THE" | "US" | "UNITED" | "STATES" | "AMERICAN" | "OF" | "S" | "USA"
            )
        })
        .collect()
}

/// Country from the first code that starts with a known ISO alpha-3 code.
///
/// `MNCUSA`, `NGOGBR`: companies and NGOs put the sector first, then the country.
/// `IGO...` and `IMG...` (international bodies and armed groups) carry regions and
/// religions there (`IGOWST` West, `IMGMUS` Muslim), not countries, so they get none;
/// `MUS` after `NGO`/`MNC` is the religion too, not Mauritius.
fn code_country(ctx: &Context, codes: &[Code]) -> String {
    for c in codes {
        let s = c.code.as_str();
        if s.starts_with("IGO") || s.starts_with("IMG") {
            continue;
        }
        let at = if s.starts_with("NGO") || s.starts_with("MNC") {
            3
        } else {
            0
        };
        let k = s.get(at..at + 3).unwrap_or("");
        if at == 3 && k == "MUS" {
            continue;
        }
        if let Some(a2) = ctx.iso3.get(k) {
            return a2.clone();
        }
    }
    String::new()
}

/// A code that names only a country (`[SYR]`, `[USAASM]`): the entry is a place.
fn is_country_entry(ctx: &Context, codes: &[Code]) -> bool {
    !codes.is_empty()
        && codes.iter().all(|c| {
            let s = c.code.as_str();
            (s.len() == 3 && ctx.iso3.contains_key(s))
                || (s.len() == 6
                    && ctx.iso3.contains_key(&s[..3])
                    && ctx.iso3.contains_key(&s[3..]))
        })
}

/// Whether the entry's codes reach 2000-01-01 or later.
fn reaches_2000(codes: &[Code]) -> bool {
    codes.iter().any(|c| match (&c.from, &c.to) {
        (_, Some(to)) => to.as_str() >= "2000-01-01",
        (Some(_), None) | (None, None) => true,
    })
}

fn person_roles(e: &Entry) -> Vec<String> {
    let mut roles = Vec::new();
    let text = format!("{} {}", e.aliases.join(" "), e.comment)
        .to_uppercase()
        .replace(' ', "_");
    if text.contains("FOREIGN_MINISTER") || text.contains("SECRETARY_OF_STATE") {
        roles.push("foreign_minister".to_string());
    }
    if text.contains("DEFENSE_MINISTER")
        || text.contains("DEFENCE_MINISTER")
        || text.contains("SECRETARY_OF_DEFENSE")
    {
        roles.push("defence_minister".to_string());
    }
    if text.contains("PRIME_MINISTER") {
        roles.push("prime_minister".to_string());
    }
    if text.contains("PRESIDENT_") && !text.contains("VICE_PRESIDENT") {
        roles.push("president".to_string());
    }
    for c in &e.codes {
        let role = &c.code.get(3..).unwrap_or("");
        let r = if c.code.starts_with("IGO") {
            "igo_official"
        } else if role.contains("LEG") {
            "legislator"
        } else if role.contains("JUD") {
            "judiciary"
        } else if role.contains("MIL") {
            "military"
        } else if role.contains("SPY") {
            "intelligence"
        } else if role.starts_with("GOV") {
            "government"
        } else if role.starts_with("ELI") {
            "elite"
        } else if role.starts_with("OPP") {
            "opposition"
        } else if role.starts_with("REB") || role.starts_with("INS") {
            "rebel"
        } else if c.code.starts_with("IMG")
            || c.code.starts_with("NGO")
            || c.code.starts_with("MNC")
        {
            continue;
        } else {
            "official"
        };
        roles.push(r.to_string());
    }
    roles
}

/// The span of dates over all codes: earliest from, latest to (empty when open).
fn date_span(codes: &[Code]) -> (String, String) {
    let from = codes
        .iter()
        .filter_map(|c| c.from.clone())
        .min()
        .unwrap_or_default();
    let open = codes.iter().any(|c| c.to.is_none());
    let to = if open {
        String::new()
    } else {
        codes
            .iter()
            .filter_map(|c| c.to.clone())
            .max()
            .unwrap_or_default()
    };
    (from, to)
}

fn strip_honorifics(raw: &str) -> String {
    let mut toks = name_tokens(raw);
    while toks.len() > 2 && HONORIFICS.contains(&toks[0]) {
        toks.remove(0);
    }
    toks.join("_")
}

/// A raw alias is a clean personal name: ≥2 tokens, no titles or nationality words,
/// no possessive, shares a token with the entry's name.
fn clean_person_alias(ctx: &Context, raw: &str, name_raw: &str) -> bool {
    let toks = name_tokens(raw);
    let real: Vec<&&str> = toks
        .iter()
        .filter(|t| !t.ends_with('.') && t.chars().count() > 1)
        .collect();
    if real.len() < 2 || raw.contains("'S") || raw.contains(',') || raw.contains('(') {
        return false;
    }
    if toks.iter().any(|t| {
        TITLE_WORDS.contains(t)
            || t.contains("PRESIDENT")
            || t.contains("MINISTER")
            || t.contains("SECRETARY")
            || ctx.demonym_words.contains(&t.to_lowercase())
    }) {
        return false;
    }
    let name_toks: BTreeSet<&str> = name_tokens(name_raw).into_iter().collect();
    toks.iter().any(|t| name_toks.contains(t))
}

/// An office, not a body: `PRESIDENT_OF_THE_UNITED_STATES`, `US_SECRETARY_OF_STATE`,
/// `GENERAL_SECRETARY_GORBACHEV`.
fn is_office_title(raw: &str) -> bool {
    const OFFICES: &[&str] = &[
        "PRESIDENT",
        "SECRETARY",
        "MINISTER",
        "ATTORNEY",
        "DIRECTOR",
        "AMBASSADOR",
        "SPOKESMAN",
        "CHAIRMAN",
    ];
    name_tokens(raw)
        .iter()
        .any(|t| OFFICES.iter().any(|w| t.contains(w)))
}

fn is_junk_agency(ctx: &Context, raw: &str) -> bool {
    let toks = name_tokens(raw);
    if toks.is_empty() || toks.iter().any(|t| GENERIC_WORDS.contains(t)) {
        return true;
    }
    if toks.len() == 1 {
        let t = toks[0];
        // One-token names: only acronyms (`IAEA`) or non-words (`Hezbollah`).
        return t.chars().count() < 3 || ctx.words.contains(&t.to_lowercase());
    }
    toks.len() <= 2
        && toks.iter().all(|t| {
            let l = t.to_lowercase();
            ctx.words.contains(&l) || ctx.demonym_words.contains(&l)
        })
}

fn agency_subtype(codes: &[Code], file: &str) -> &'static str {
    let all: String = codes
        .iter()
        .map(|c| c.code.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let has = |s: &str| {
        codes
            .iter()
            .any(|c| c.code.get(3..).unwrap_or("").contains(s))
    };
    if file.contains("MilNonState") {
        return if has("PTY") { "party" } else { "armed_group" };
    }
    if all.contains("MED") {
        return "media";
    }
    if all.starts_with("IGO") {
        return "igo";
    }
    if all.starts_with("NGO") {
        return "ngo";
    }
    if all.starts_with("MNC") {
        return "company";
    }
    if all.starts_with("IMG") || has("REB") || has("INS") {
        return "armed_group";
    }
    if has("PTY") || has("OPP") {
        return "party";
    }
    if has("LEG") {
        return "legislature";
    }
    if has("JUD") {
        return "court";
    }
    if has("MIL") || has("COP") || has("SPY") {
        return "military";
    }
    "government"
}

/// Whether an alias is a personal title followed by the name's last token
/// (`PRESIDENT_OBAMA`, `SENATOR_JOHN_KERRY`): then the entry is a person.
fn titled_alias(e: &Entry, toks: &[&str]) -> bool {
    let bare = |t: &str| {
        t.trim_start_matches("AL-")
            .trim_start_matches("EL-")
            .to_string()
    };
    let Some(last) = toks.last().map(|t| bare(t)) else {
        return false;
    };
    e.aliases.iter().any(|a| {
        let at = name_tokens(a);
        at.len() >= 2
            && at.last().map(|t| bare(t)).as_ref() == Some(&last)
            && PERSON_TITLES.iter().any(|t| at[..at.len() - 1].contains(t))
    })
}

/// Two to four name-shaped tokens, none an English word or a nationality
/// (`EGON_KRENZ` yes; `SCOTLAND_YARD`, `DAMASCUS_DECLARATION` no). Used only for
/// entries with dated codes (bodies rarely have dates) and no organisation alias.
fn looks_like_name(ctx: &Context, toks: &[&str]) -> bool {
    (2..=4).contains(&toks.len())
        && toks.iter().all(|t| {
            let l = t.to_lowercase();
            t.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
                && !ctx.words.contains(&l)
                && !ctx.demonym_words.contains(&l)
                && !ctx.country_names.contains(&l)
        })
}

/// An alias that extends the name with organisation words (`SHIN_BET` +
/// `SHIN_BET_SECURITY_AGENCY`): the name is a body's.
fn org_extension(e: &Entry, raw: &str) -> bool {
    let prefix = format!("{raw}_");
    e.aliases
        .iter()
        .any(|a| a.strip_prefix(&prefix).is_some_and(is_org_name))
}

/// Titles that only a person carries.
const PERSON_TITLES: &[&str] = &[
    "PRESIDENT",
    "SENATOR",
    "MR",
    "MR.",
    "MRS",
    "MRS.",
    "MS.",
    "MINISTER",
    "SECRETARY",
    "AMBASSADOR",
    "PREMIER",
    "CHANCELLOR",
    "GOVERNOR",
    "CONGRESSMAN",
    "SPEAKER",
    "KING",
    "QUEEN",
    "PRINCE",
    "SHEIKH",
    "GENERAL",
    "DR.",
    "PRESIDENT-ELECT",
    "SECRETARY-GENERAL",
];

/// Convert one dictionary's entries. `file` is the dictionary's file name.
pub fn convert(
    ctx: &Context,
    file: &str,
    entries: &[Entry],
    given: &BTreeSet<String>,
    people: &mut Vec<ActorRow>,
    agencies: &mut Vec<ActorRow>,
) {
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for e in entries {
        if e.codes.is_empty() || e.name.is_empty() || is_country_entry(ctx, &e.codes) {
            continue;
        }
        let raw = strip_honorifics(&e.name);
        let toks = name_tokens(&raw);
        let countryinfo = e.comment.contains("CountryInfo.txt");
        let first_given = toks.first().is_some_and(|t| given.contains(*t));
        let titled = titled_alias(e, &toks);
        // Companies and media outlets (`AL_JAZEERA [MED]`) are never people.
        let company = e
            .codes
            .iter()
            .all(|c| c.code.starts_with("MNC") || c.code.ends_with("MED"));
        let person = countryinfo
            || (!is_org_name(&raw)
                && !org_extension(e, &raw)
                && !company
                && (2..=5).contains(&toks.len())
                && (first_given
                    || titled
                    || (!file.contains("MilNonState")
                        && (e.codes.iter().all(|c| c.code.starts_with("IGO"))
                            || e.codes.iter().any(|c| c.from.is_some() || c.to.is_some()))
                        && looks_like_name(ctx, &toks)))
                && !toks.iter().any(|t| TITLE_WORDS.contains(t)));
        let country = code_country(ctx, &e.codes);
        let cc = if country.is_empty() {
            "int".to_string()
        } else {
            country.to_lowercase()
        };
        if person {
            let real = toks.iter().filter(|t| !t.ends_with('.')).count();
            if real < 2
                || !reaches_2000(&e.codes)
                || toks.iter().any(|t| {
                    if countryinfo {
                        NOT_IN_NAMES.contains(t)
                    } else {
                        TITLE_WORDS.contains(t)
                    }
                })
            {
                continue;
            }
            let name = proper_case(&raw);
            let mut id = format!("pet:{cc}:{}", slug(&name));
            let n = ids.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                id = format!("{id}-{n}");
            }
            let mut row = ActorRow::new(id, Kind::Person, name, "petrarch2");
            row.country = country;
            row.subtype = if e.codes.iter().any(|c| c.code.starts_with("IGO")) {
                "official".into()
            } else if file.contains("MilNonState") {
                "militant".into()
            } else {
                "politician".into()
            };
            row.roles = person_roles(e);
            let (from, to) = date_span(&e.codes);
            row.valid_from = from;
            row.valid_to = to;
            for a in &e.aliases {
                let a = strip_honorifics(a);
                if clean_person_alias(ctx, &a, &raw) {
                    row.aliases.push(proper_case(&a));
                }
            }
            people.push(row);
            continue;
        }
        // Organisations.
        let mut raw = e.name.clone();
        let mut weak = Vec::new();
        if let (Some(o), Some(c)) = (raw.find('('), raw.find(')')) {
            if o < c {
                let inner = raw[o + 1..c].to_string();
                if is_acronym(&inner) && !ctx.country_names.contains(&norm(&inner)) {
                    weak.push(inner);
                }
                raw = format!("{}{}", &raw[..o], &raw[c + 1..]);
                raw = name_tokens(&raw).join("_");
            }
        }
        let one_word_place = name_tokens(&raw).len() == 1 && ctx.place_names.contains(&norm(&raw));
        if is_junk_agency(ctx, &raw)
            || ctx.country_names.contains(&norm(&raw))
            || one_word_place
            || raw.ends_with("_ISLANDS")
            || is_office_title(&raw)
            || raw.starts_with("THE_") && name_tokens(&raw).len() < 3
        {
            continue;
        }
        let raw = raw.strip_prefix("THE_").unwrap_or(&raw).to_string();
        // One capital word stays capital if it is short or vowel-less (`IAEA`,
        // `MONUC`, `DGSE`); longer ones are words (`TIGERS`, `KINAKUTA`).
        let single_acronym = name_tokens(&raw).len() == 1
            && is_acronym(&raw)
            && (raw.chars().count() <= 5 || !raw.chars().any(|c| "AEIOU".contains(c)));
        let name = if single_acronym {
            raw.clone()
        } else {
            org_case(&raw)
        };
        let mut id = format!("pet:{cc}:{}", slug(&name));
        let n = ids.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            id = format!("{id}-{n}");
        }
        let mut row = ActorRow::new(id, Kind::Agency, name, "petrarch2");
        row.country = country;
        row.subtype = agency_subtype(&e.codes, file).to_string();
        row.weak_aliases = weak;
        if row.name == raw && is_acronym(&raw) {
            // Lets rule 4 of the merge join `IAEA` to the curated IAEA row.
            row.weak_aliases.push(raw.clone());
        }
        let ini = initials(&raw);
        let core = token_core(&raw);
        for a in &e.aliases {
            if is_acronym(a) {
                if a.replace('.', "") == ini {
                    row.weak_aliases.push(a.clone());
                }
            } else if !core.is_empty() && token_core(a) == core {
                row.aliases
                    .push(org_case(a.strip_prefix("THE_").unwrap_or(a)));
            }
        }
        agencies.push(row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_casing() {
        assert_eq!(org_case("DEPARTMENT_OF_STATE"), "Department of State");
        assert_eq!(
            org_case("KURDISTAN_WORKERS_PARTY_PKK"),
            "Kurdistan Workers Party PKK"
        );
        assert_eq!(org_case("UN_SECURITY_COUNCIL"), "UN Security Council");
        assert_eq!(org_case("U.S._FEDERAL_RESERVE"), "U.S. Federal Reserve");
    }

    #[test]
    fn initials_spell_acronym() {
        assert_eq!(initials("NORTH_ATLANTIC_TREATY_ORGANIZATION"), "NATO");
        assert_eq!(initials("INTERNATIONAL_ATOMIC_ENERGY_AGENCY"), "IAEA");
    }
}
