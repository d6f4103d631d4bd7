//! Plain data shared by every layer.
