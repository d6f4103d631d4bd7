//! A fast, non-cryptographic hasher for the tagger's in-memory maps.
//!
//! The standard `HashMap` hashes with SipHash-1-3, keyed at random per
//! process, to resist collision flooding by whoever chooses the keys. The
//! tables here are keyed by gazetteer strings (ids, names, country and
//! division codes) and entity ids: a document only looks keys up, it never
//! inserts into a shared table, and a per-document map holds the codes of
//! the entities it matched, so flooding would take a hostile gazetteer,
//! which is trusted input. SipHash was 2–3% of the pipeline's time; this
//! is the multiply-rotate hash rustc uses for its own tables (FxHash), a
//! few instructions per word.
//!
//! Iteration order of these maps is never observable in outputs: every
//! caller sorts or sums exactly, as it had to with SipHash's random keys.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash: per 8-byte word, `h = (h.rotl(5) ^ word) * K`.
#[derive(Clone, Copy, Debug, Default)]
pub struct FxHasher {
    hash: u64,
}

const K: u64 = 0x517c_c1b7_2722_0a95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuildHasher = BuildHasherDefault<FxHasher>;
/// A `HashMap` hashed with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, FxBuildHasher>;
/// A `HashSet` hashed with [`FxHasher`].
pub type FxHashSet<T> = HashSet<T, FxBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn h<T: Hash + ?Sized>(t: &T) -> u64 {
        FxBuildHasher::default().hash_one(t)
    }

    #[test]
    fn equal_keys_hash_equal_and_near_keys_differ() {
        assert_eq!(h("gn:170063"), h(&"gn:170063".to_string()));
        let keys = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "gn:1",
            "gn:10",
            "abcdefgh",
            "abcdefghi",
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(h(*a), h(*b), "{a:?} {b:?}");
            }
        }
        let mut m: FxHashMap<String, u32> = FxHashMap::default();
        m.insert("SY".into(), 1);
        assert_eq!(m.get("SY"), Some(&1));
    }
}
