//! gazetag: named-entity and geography tagging for bulk news.
pub mod entity;
pub mod error;
pub mod gazetteer;
pub mod import;
