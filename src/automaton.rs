//! The only module that names the matching engine.
//!
//! [`Automaton`] finds every occurrence of every normalized pattern in a
//! normalized text (overlapping occurrences included: boundary and case rules
//! may reject the longest one, and then a shorter one must still be there to
//! take). Everything above this module sees pattern indices and byte spans,
//! never the engine's types, so the engine can change without touching the
//! matcher.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Index of a pattern, in the order given to [`Automaton::new`].
pub type PatternId = u32;

/// A multi-pattern automaton over normalized strings.
#[derive(Clone, Debug)]
pub struct Automaton {
    ac: AhoCorasick,
}

/// Why an automaton could not be built.
#[derive(Clone, Debug)]
pub struct AutomatonError(String);

impl std::fmt::Display for AutomatonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot build the automaton: {}", self.0)
    }
}

impl std::error::Error for AutomatonError {}

impl Automaton {
    /// Builds an automaton over `patterns` (already normalized, non-empty).
    ///
    /// # Errors
    ///
    /// When the engine refuses the pattern set (too many states for its
    /// 32-bit state ids: far beyond any real gazetteer).
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Result<Automaton, AutomatonError> {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .map_err(|e| AutomatonError(e.to_string()))?;
        Ok(Automaton { ac })
    }

    /// Calls `f(pattern, start, end)` for every occurrence of every pattern
    /// in `haystack`, in order of their end offsets.
    #[inline]
    pub fn for_each_overlapping<F: FnMut(PatternId, usize, usize)>(
        &self,
        haystack: &str,
        mut f: F,
    ) {
        for m in self.ac.find_overlapping_iter(haystack) {
            f(m.pattern().as_u32(), m.start(), m.end());
        }
    }

    /// Heap memory the automaton uses, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.ac.memory_usage()
    }

    /// Number of patterns.
    pub fn patterns_len(&self) -> usize {
        self.ac.patterns_len()
    }
}
