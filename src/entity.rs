//! Plain data shared by every layer: entities, kinds, spans and mentions.
//!
//! Nothing here knows how entities are loaded or matched; the types are the
//! vocabulary the gazetteer, the tagger and the writers share.

use std::fmt;

/// Index of an entity inside one loaded [`crate::gazetteer::Gazetteer`].
///
/// Ids are dense (`0..len`) and only meaningful for the gazetteer that issued
/// them; the stable, user-facing identifier is [`Entity::id`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u32);

impl EntityId {
    /// The index as `usize`, for slice access.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What an entity is. The order of the variants is the tie-break order used
/// when an ambiguous span cannot be resolved otherwise (country first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Country,
    Region,
    City,
    Agency,
    Person,
}

impl Kind {
    /// Every kind, in tie-break order.
    pub const ALL: [Kind; 5] = [
        Kind::Country,
        Kind::Region,
        Kind::City,
        Kind::Agency,
        Kind::Person,
    ];

    /// The lowercase name used in gazetteer files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::City => "city",
            Kind::Agency => "agency",
            Kind::Person => "person",
        }
    }

    /// Parses the lowercase name; `None` for anything else.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether entities of this kind are places (they must have coordinates).
    pub fn is_place(self) -> bool {
        matches!(self, Kind::Country | Kind::Region | Kind::City)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a mention's surface relates to the entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchType {
    /// The entity's preferred name.
    Name,
    /// One of its aliases (case-insensitive, capitalisation required).
    Alias,
    /// A weak alias: an acronym or code, matched exactly as written.
    Weak,
    /// A demonym ("Syrian" for Syria).
    Demonym,
    /// A bare surname linked by within-document coreference.
    Surname,
    /// A person introduced by a title or role and not in the gazetteer.
    Title,
    /// A place the gazetteer lacks, introduced by a place word ("the
    /// village of X") or a known place after it ("in X, Kenya").
    Unlisted,
}

impl MatchType {
    /// The lowercase name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchType::Name => "name",
            MatchType::Alias => "alias",
            MatchType::Weak => "weak",
            MatchType::Demonym => "demonym",
            MatchType::Surname => "surname",
            MatchType::Title => "title",
            MatchType::Unlisted => "unlisted",
        }
    }
}

impl fmt::Display for MatchType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One gazetteer entry, after validation.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Stable namespaced id (`gn:170063`, `iso:SY`, `cur:eastern-ghouta`).
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub aliases: Vec<String>,
    pub weak_aliases: Vec<String>,
    pub demonyms: Vec<String>,
    /// ISO 3166-1 alpha-2 (or a user-assigned code such as `XK`); empty if none.
    pub country: String,
    /// GeoNames first-level division code (`SY.09`); empty if none.
    pub admin1: String,
    /// WGS84 decimal degrees; present for every place.
    pub coord: Option<(f64, f64)>,
    pub population: Option<u64>,
    pub feature_code: String,
    pub geonames_id: Option<u64>,
    pub wikidata_id: String,
    pub subtype: String,
    pub role: String,
    pub valid_from: String,
    pub valid_to: String,
    pub flags: Vec<String>,
    pub source: String,
}

impl Entity {
    /// A bare entity with only the required fields set.
    pub fn new(id: impl Into<String>, kind: Kind, name: impl Into<String>) -> Entity {
        Entity {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: vec![],
            weak_aliases: vec![],
            demonyms: vec![],
            country: String::new(),
            admin1: String::new(),
            coord: None,
            population: None,
            feature_code: String::new(),
            geonames_id: None,
            wikidata_id: String::new(),
            subtype: String::new(),
            role: String::new(),
            valid_from: String::new(),
            valid_to: String::new(),
            flags: vec![],
            source: String::new(),
        }
    }

    /// Whether the entity carries `flag` in its `flags` column.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }

    /// The latitude, if the entity has coordinates.
    pub fn lat(&self) -> Option<f64> {
        self.coord.map(|c| c.0)
    }

    /// The longitude, if the entity has coordinates.
    pub fn lon(&self) -> Option<f64> {
        self.coord.map(|c| c.1)
    }
}

/// A half-open span into the ORIGINAL text, in two units.
///
/// `start`/`end` are byte offsets (what Rust slices with); `char_start`/
/// `char_end` count Unicode scalar values (what Python's `str` indexes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub char_start: usize,
    pub char_end: usize,
}

/// One entity a span could refer to, with how it matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Candidate {
    pub entity: EntityId,
    pub match_type: MatchType,
}

/// A tagged span: the chosen entity plus every candidate the span had.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub span: Span,
    /// The entity resolution chose.
    pub entity: EntityId,
    /// How the chosen entity matched.
    pub match_type: MatchType,
    /// Every entity this span could be, the chosen one included, in
    /// resolution order (best first).
    pub candidates: Vec<Candidate>,
    /// Confidence in 0..=1 that the mention and its entity are right.
    pub confidence: f32,
    /// The resolution rule that decided the mention (`prior`, `context`,
    /// `coref`...): the one that contributed most to the winner's lead over
    /// the runner-up; `match` when the span had a single candidate.
    pub rule: &'static str,
    /// The candidate that came second, if any.
    pub runner_up: Option<EntityId>,
}

/// What a document is about, per kind, heaviest first; weights sum to 1
/// per kind (or the list is empty). Computed by [`crate::focus`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Focus {
    pub countries: Vec<(EntityId, f64)>,
    pub regions: Vec<(EntityId, f64)>,
    pub cities: Vec<(EntityId, f64)>,
}

/// The result of tagging one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tagged {
    /// Mentions in offset order.
    pub mentions: Vec<Mention>,
    /// What the document is about.
    pub focus: Focus,
    /// Document-local entities (people introduced by a title and not in
    /// the gazetteer). A mention's [`EntityId`] at or beyond the
    /// gazetteer's length points here: use [`Tagged::entity`].
    pub locals: Vec<Entity>,
}

impl Tagged {
    /// The entity behind an id of this document: the gazetteer's, or a
    /// document-local one.
    ///
    /// # Panics
    ///
    /// If `id` belongs to neither.
    pub fn entity<'a>(&'a self, gaz: &'a crate::gazetteer::Gazetteer, id: EntityId) -> &'a Entity {
        if id.index() < gaz.len() {
            gaz.get(id)
        } else {
            &self.locals[id.index() - gaz.len()]
        }
    }
}

/// Earth radius (km) of the great-circle distance.
pub const EARTH_RADIUS_KM: f64 = 6371.009;
/// Great-circle distance in km between two `(lat, lon)` points (haversine,
/// with the argument of `asin` capped at 1).
pub fn great_circle_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let d = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * d.sqrt().min(1.0).asin()
}
