//! The only module that names a matching engine.
//!
//! Two engines stand behind pattern indices and byte offsets, so everything
//! above this module sees neither:
//!
//! - [`Automaton`], the one the tagger uses: a byte trie over the normalized
//!   patterns, stored as flat arrays (CSR: each node's edges are one sorted
//!   run), walked from a chosen start position and reporting every pattern
//!   that starts there. The matcher only starts it where a word can start
//!   (rule 2 of [`crate::matcher`] rejects every other start anyway), so on
//!   news text it touches a fraction of the bytes an Aho-Corasick scan
//!   touches, and follows no failure links. Its arrays serialize to
//!   little-endian bytes ([`Automaton::write_to`]) and load back with every
//!   index checked ([`Automaton::read_from`]): a compiled gazetteer loads in
//!   milliseconds where building an Aho-Corasick automaton over 600k
//!   patterns takes seconds.
//! - [`Reference`], the aho-corasick crate's overlapping search: the
//!   obviously-correct engine the differential tests compare against, and
//!   [`RawBaseline`], its leftmost-longest search, the speed yardstick of
//!   `gazetag bench`.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Index of a pattern, in the order given to [`Automaton::new`].
pub type PatternId = u32;

pub(crate) const NONE: u32 = u32::MAX;

/// A trie node as a walk resumes from it ([`Automaton::resume_at`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resume {
    pattern: u32,
    lo: u32,
    hi: u32,
}

/// Why an automaton could not be built or loaded.
#[derive(Clone, Debug)]
pub struct AutomatonError(String);

impl std::fmt::Display for AutomatonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot build the automaton: {}", self.0)
    }
}

impl std::error::Error for AutomatonError {}

/// One trie node. Nodes are numbered breadth-first, so the children of a
/// node are the consecutive nodes `first_child..next.first_child`, sorted
/// by label; finding a child reads the children's own records, which are
/// then in cache for the next step (one cache miss per byte walked, not
/// three as with separate label and target arrays).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
struct Node {
    first_child: u32,
    /// The pattern ending here, or `NONE`.
    pattern: u32,
    /// The byte on the edge into this node.
    label: u8,
}

/// A trie over normalized patterns, walked from chosen start positions.
#[derive(Clone, Debug)]
pub struct Automaton {
    /// Breadth-first; the last node is a sentinel holding the end of the
    /// second-last node's children.
    nodes: Vec<Node>,
    /// The root's children by byte (derived, not stored).
    root: Box<[u32; 256]>,
    /// The grandchildren by their two bytes, `(b0 << 8) | b1` (derived, not
    /// stored): the nodes near the root have the most children, and a
    /// 256 KiB table that stays in cache beats searching them.
    root2: Box<[u32]>,
    patterns_len: usize,
}

impl Automaton {
    /// Builds a trie over `patterns` (already normalized, non-empty, distinct).
    ///
    /// # Errors
    ///
    /// An empty or repeated pattern, or more than 2³² − 2 nodes.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Result<Automaton, AutomatonError> {
        let pats: Vec<&[u8]> = patterns.iter().map(AsRef::as_ref).collect();
        if pats.len() >= NONE as usize {
            return Err(AutomatonError("too many patterns".into()));
        }
        if pats.iter().any(|p| p.is_empty()) {
            return Err(AutomatonError("empty pattern".into()));
        }
        let mut order: Vec<u32> = (0..pats.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| pats[a as usize].cmp(pats[b as usize]));
        for w in order.windows(2) {
            if pats[w[0] as usize] == pats[w[1] as usize] {
                return Err(AutomatonError(format!(
                    "pattern {:?} given twice",
                    String::from_utf8_lossy(pats[w[0] as usize])
                )));
            }
        }
        // Breadth-first over the sorted patterns: node n covers the sorted
        // range [lo, hi) sharing a prefix of length depth. Children are
        // numbered as they are found, so a node's children are consecutive.
        let mut nodes: Vec<Node> = vec![];
        let mut queue: std::collections::VecDeque<(usize, usize, usize, u8)> =
            std::collections::VecDeque::new();
        queue.push_back((0, order.len(), 0, 0));
        let mut next_id: u64 = 1;
        while let Some((mut lo, hi, depth, label)) = queue.pop_front() {
            let pattern = if lo < hi && pats[order[lo] as usize].len() == depth {
                lo += 1;
                order[lo - 1]
            } else {
                NONE
            };
            nodes.push(Node {
                first_child: next_id as u32,
                pattern,
                label,
            });
            let mut i = lo;
            while i < hi {
                let b = pats[order[i] as usize][depth];
                let mut j = i + 1;
                while j < hi && pats[order[j] as usize][depth] == b {
                    j += 1;
                }
                next_id += 1;
                if next_id >= u64::from(NONE) {
                    return Err(AutomatonError("more than 2^32 trie nodes".into()));
                }
                queue.push_back((i, j, depth + 1, b));
                i = j;
            }
        }
        nodes.push(Node {
            first_child: next_id as u32,
            pattern: NONE,
            label: 0,
        });
        Automaton::from_nodes(nodes, pats.len())
    }

    fn from_nodes(nodes: Vec<Node>, patterns_len: usize) -> Result<Automaton, AutomatonError> {
        let bad = |what: &str| Err(AutomatonError(format!("corrupt trie: {what}")));
        let len = nodes.len();
        if len < 2 || nodes[0].first_child != 1 || nodes[len - 1].first_child as usize != len - 1 {
            return bad("node count");
        }
        // Children come after their parent and runs are in order: walks
        // cannot loop and every child index is in range.
        for (n, w) in nodes.windows(2).enumerate() {
            if w[0].first_child > w[1].first_child || (w[0].first_child as usize) <= n {
                return bad("child runs out of order");
            }
        }
        if nodes
            .iter()
            .any(|x| x.pattern != NONE && x.pattern as usize >= patterns_len)
        {
            return bad("pattern id out of range");
        }
        let mut root = Box::new([NONE; 256]);
        let mut root2 = vec![NONE; 1 << 16].into_boxed_slice();
        for c in nodes[0].first_child..nodes[1].first_child {
            let b0 = nodes[c as usize].label as usize;
            root[b0] = c;
            let c = c as usize;
            for g in nodes[c].first_child..nodes[c + 1].first_child {
                root2[(b0 << 8) | nodes[g as usize].label as usize] = g;
            }
        }
        Ok(Automaton {
            nodes,
            root,
            root2,
            patterns_len,
        })
    }

    /// Whether some pattern starts with byte `b`.
    #[inline]
    pub fn may_start(&self, b: u8) -> bool {
        self.root[b as usize] != NONE
    }

    /// Calls `f(pattern, end)` for every pattern that occurs in `haystack`
    /// starting at byte `start`, shortest first.
    #[inline]
    pub fn for_each_at<F: FnMut(PatternId, usize)>(&self, haystack: &[u8], start: usize, mut f: F) {
        let Some(&b0) = haystack.get(start) else {
            return;
        };
        let first = self.root[b0 as usize];
        if first == NONE {
            return;
        }
        let p = self.nodes[first as usize].pattern;
        if p != NONE {
            f(p, start + 1);
        }
        let Some(&b1) = haystack.get(start + 1) else {
            return;
        };
        let node = self.root2[((b0 as usize) << 8) | b1 as usize];
        self.walk(haystack, node, start + 2, f);
    }

    /// From `node`, reached at byte `i` of `haystack`, down the trie:
    /// `f(pattern, end)` for every node on the way that ends a pattern.
    #[inline(always)]
    fn walk<F: FnMut(PatternId, usize)>(
        &self,
        haystack: &[u8],
        mut node: u32,
        mut i: usize,
        mut f: F,
    ) {
        while node != NONE {
            let n = node as usize;
            let p = self.nodes[n].pattern;
            if p != NONE {
                f(p, i);
            }
            let Some(&b) = haystack.get(i) else {
                return;
            };
            node = self.child(n, b);
            i += 1;
        }
    }

    /// The node reached from the root by `bytes` (non-empty), if any: a
    /// place [`Automaton::resume_at`] can resume from.
    pub fn node_of(&self, bytes: &[u8]) -> Option<u32> {
        let mut node = 0u32;
        for &b in bytes {
            node = self.child(node as usize, b);
            if node == NONE {
                return None;
            }
        }
        (node != 0).then_some(node)
    }

    /// What a walk resuming at node `node` (from [`Automaton::node_of`])
    /// needs of it, to keep next to the key that leads there: the cache
    /// miss of reading the node is paid once, when the table is built.
    pub fn resume_at(&self, node: u32) -> Resume {
        let n = node as usize;
        match (self.nodes.get(n), self.nodes.get(n + 1)) {
            (Some(a), Some(b)) => Resume {
                pattern: a.pattern,
                lo: a.first_child,
                hi: b.first_child,
            },
            _ => Resume {
                pattern: NONE,
                lo: 0,
                hi: 0,
            },
        }
    }

    /// Like [`Automaton::for_each_at`], resuming at the node `r` was taken
    /// from, which a walk reached at byte `at` of `haystack`: calls
    /// `f(pattern, end)` for the node's own pattern (at `end == at`) and
    /// every longer one, shortest first. Patterns ending before `at` are
    /// not reported.
    #[inline]
    pub fn for_each_resumed<F: FnMut(PatternId, usize)>(
        &self,
        haystack: &[u8],
        r: Resume,
        at: usize,
        mut f: F,
    ) {
        if r.pattern != NONE {
            f(r.pattern, at);
        }
        let Some(&b) = haystack.get(at) else {
            return;
        };
        let node = self.child_in(r.lo as usize, r.hi as usize, b);
        self.walk(haystack, node, at + 1, f);
    }

    #[inline]
    fn child(&self, n: usize, b: u8) -> u32 {
        let lo = self.nodes[n].first_child as usize;
        let hi = self.nodes[n + 1].first_child as usize;
        self.child_in(lo, hi, b)
    }

    /// The child labelled `b` among the children `lo..hi` of a node.
    #[inline]
    fn child_in(&self, lo: usize, hi: usize, b: u8) -> u32 {
        let kids = self.nodes.get(lo..hi).unwrap_or_default();
        if kids.len() <= 8 {
            for (k, c) in kids.iter().enumerate() {
                if c.label == b {
                    return (lo + k) as u32;
                }
            }
            NONE
        } else {
            match kids.binary_search_by_key(&b, |c| c.label) {
                Ok(k) => (lo + k) as u32,
                Err(_) => NONE,
            }
        }
    }

    /// Heap memory the automaton uses, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.nodes.len() * std::mem::size_of::<Node>() + (256 + (1 << 16)) * 4
    }

    /// Number of patterns.
    pub fn patterns_len(&self) -> usize {
        self.patterns_len
    }

    /// Number of trie nodes.
    pub fn nodes_len(&self) -> usize {
        self.nodes.len() - 1
    }

    /// Appends the serialized trie: pattern and node counts, then per node
    /// its first child, pattern and label, little-endian.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.patterns_len as u64).to_le_bytes());
        out.extend_from_slice(&(self.nodes.len() as u64).to_le_bytes());
        out.reserve(self.nodes.len() * 9);
        for n in &self.nodes {
            out.extend_from_slice(&n.first_child.to_le_bytes());
            out.extend_from_slice(&n.pattern.to_le_bytes());
            out.push(n.label);
        }
    }

    /// Reads a trie written by [`Automaton::write_to`] from the front of
    /// `bytes`, returning it and the rest of the bytes. Every count and
    /// index is checked: malformed bytes give an error, never a panic.
    ///
    /// # Errors
    ///
    /// Truncated input, or nodes that do not form a trie.
    pub fn read_from(bytes: &[u8]) -> Result<(Automaton, &[u8]), AutomatonError> {
        let short = || AutomatonError("corrupt trie: truncated".into());
        let count = |b: &[u8]| -> Result<usize, AutomatonError> {
            let v = u64::from_le_bytes(b.try_into().map_err(|_| short())?);
            usize::try_from(v)
                .ok()
                .filter(|&v| v < NONE as usize)
                .ok_or_else(short)
        };
        if bytes.len() < 16 {
            return Err(short());
        }
        let patterns_len = count(&bytes[..8])?;
        let len = count(&bytes[8..16])?;
        let body = &bytes[16..];
        if body.len() / 9 < len {
            return Err(short());
        }
        let (body, rest) = body.split_at(len * 9);
        let nodes: Vec<Node> = body
            .chunks_exact(9)
            .map(|c| Node {
                first_child: u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                pattern: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
                label: c[8],
            })
            .collect();
        let a = Automaton::from_nodes(nodes, patterns_len)?;
        Ok((a, rest))
    }
}

/// An aho-corasick automaton over `patterns` with the given match kind.
fn build_ac<P: AsRef<[u8]>>(
    patterns: &[P],
    kind: MatchKind,
) -> Result<AhoCorasick, AutomatonError> {
    AhoCorasickBuilder::new()
        .match_kind(kind)
        .build(patterns)
        .map_err(|e| AutomatonError(e.to_string()))
}

/// The aho-corasick crate's overlapping search: every occurrence of every
/// pattern. The reference the differential tests hold [`Automaton`] to.
#[derive(Clone, Debug)]
pub struct Reference {
    ac: AhoCorasick,
}

impl Reference {
    /// Builds the reference automaton over `patterns`.
    ///
    /// # Errors
    ///
    /// When the engine refuses the pattern set (too many states).
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Result<Reference, AutomatonError> {
        Ok(Reference {
            ac: build_ac(patterns, MatchKind::Standard)?,
        })
    }

    /// Calls `f(pattern, start, end)` for every occurrence of every pattern
    /// in `haystack`, in order of their end offsets.
    pub fn for_each_overlapping<F: FnMut(PatternId, usize, usize)>(
        &self,
        haystack: &str,
        mut f: F,
    ) {
        for m in self.ac.find_overlapping_iter(haystack) {
            f(m.pattern().as_u32(), m.start(), m.end());
        }
    }
}

/// The raw-automaton baseline of `gazetag bench`: one leftmost-longest
/// aho-corasick search over a lowercased text, matches counted, nothing else.
#[derive(Clone, Debug)]
pub struct RawBaseline {
    ac: AhoCorasick,
}

impl RawBaseline {
    /// Builds the baseline over `patterns` (lowercased by the caller).
    ///
    /// # Errors
    ///
    /// When the engine refuses the pattern set.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Result<RawBaseline, AutomatonError> {
        Ok(RawBaseline {
            ac: build_ac(patterns, MatchKind::LeftmostLongest)?,
        })
    }

    /// Number of leftmost-longest, non-overlapping matches in `haystack`.
    pub fn count(&self, haystack: &str) -> usize {
        self.ac.find_iter(haystack).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(a: &Automaton, hay: &str, start: usize) -> Vec<(u32, usize)> {
        let mut v = vec![];
        a.for_each_at(hay.as_bytes(), start, |p, e| v.push((p, e)));
        v
    }

    #[test]
    fn prefixes_from_a_start() {
        let a = Automaton::new(&["new york", "new", "york", "new york times", "b"]).unwrap();
        assert_eq!(at(&a, "new york timesheets", 0), [(1, 3), (0, 8), (3, 14)]);
        assert_eq!(at(&a, "new york", 4), [(2, 8)]);
        assert_eq!(at(&a, "xnew", 0), []);
        assert_eq!(at(&a, "b", 0), [(4, 1)]);
        assert_eq!(at(&a, "b", 1), []);
    }

    #[test]
    fn resumes_after_a_first_word() {
        let a = Automaton::new(&["new york", "new", "york", "new york times", "b"]).unwrap();
        let from = |node: u32, hay: &str, at: usize| {
            let mut v = vec![];
            a.for_each_resumed(hay.as_bytes(), a.resume_at(node), at, |p, e| v.push((p, e)));
            v
        };
        let new = a.node_of(b"new").unwrap();
        // Resuming where "new" ends gives what a walk from the start gives.
        assert_eq!(
            from(new, "new york timesheets", 3),
            at(&a, "new york timesheets", 0)
        );
        assert_eq!(from(new, "new yorker", 3), [(1, 3), (0, 8)]);
        let ne = a.node_of(b"ne").unwrap();
        assert_eq!(from(ne, "new", 2), [(1, 3)]);
        assert_eq!(a.node_of(b"nex"), None);
        assert_eq!(a.node_of(b"new york times x"), None);
        assert_eq!(a.node_of(b""), None);
    }

    #[test]
    fn round_trip_and_corruption() {
        let a = Automaton::new(&["ab", "abc", "b", "ça"]).unwrap();
        let mut bytes = vec![];
        a.write_to(&mut bytes);
        bytes.extend_from_slice(b"rest");
        let (b, rest) = Automaton::read_from(&bytes).unwrap();
        assert_eq!(rest, b"rest");
        assert_eq!(at(&b, "abc", 0), at(&a, "abc", 0));
        for n in 0..bytes.len() - 4 {
            assert!(
                Automaton::read_from(&bytes[..n]).is_err(),
                "truncated at {n}"
            );
        }
        // Flip every byte in turn: an error or a well-formed trie, never a panic.
        for i in 0..bytes.len() {
            let mut c = bytes.clone();
            c[i] ^= 0xa5;
            if let Ok((t, _)) = Automaton::read_from(&c) {
                at(&t, "abcabc ça", 0);
            }
        }
    }

    #[test]
    fn rejects_duplicates_and_empty() {
        assert!(Automaton::new(&["a", "a"]).is_err());
        assert!(Automaton::new(&["a", ""]).is_err());
        assert!(Automaton::new::<&str>(&[]).is_ok());
    }
}
