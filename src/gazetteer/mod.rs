//! Gazetteer loading.
