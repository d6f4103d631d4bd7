//! gazetag: named-entity and geography tagging for bulk news.
pub mod automaton;
pub mod entity;
pub mod error;
pub mod gazetteer;
pub mod import;
pub mod matcher;
pub mod normalize;
pub mod resolve;
pub mod tagger;

#[cfg(test)]
mod tests;

pub use entity::{Candidate, Entity, EntityId, Kind, MatchType, Mention, Span};
pub use error::{GazetteerError, RowError};
pub use gazetteer::Gazetteer;
pub use tagger::{BuildError, Tagger, TaggerBuilder};
