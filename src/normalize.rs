//! The one text normalizer, applied identically to gazetteer names and to
//! documents, and the offset map that takes normalized positions back to the
//! original text.
//!
//! # Steps, per input character, in this order
//!
//! 1. **NFKD decomposition.** The issue asked for NFD; we use its compatibility
//!    superset so that ligatures and width variants match their plain letters
//!    (`ﬁ` → `fi`, fullwidth `Ｋ` → `K`). Canonical singletons are covered
//!    either way (the Kelvin sign `K` → `K`).
//! 2. **Drop combining marks** (`São` → `Sao`, `İ` → `I`), and the invisible
//!    format characters soft hyphen, zero-width space/joiners, word joiner and
//!    BOM, so that `Alep\u{AD}po` still reads `aleppo`.
//! 3. **Lowercase** with [`char::to_lowercase`] (full Unicode mapping).
//! 4. **Fold** the letters NFKD leaves alone: `ł`→`l`, `ø`→`o`, `đ`/`ð`→`d`,
//!    `æ`→`ae`, `œ`→`oe`, plus three documented choices: `ß`→`ss` (so
//!    `Straße` = `Strasse`, as full case folding does), dotless `ı`→`i`
//!    (Turkish `Diyarbakır` = `Diyarbakir`, which English news writes), and
//!    final sigma `ς`→`σ` (`to_lowercase` of `Σ` is always `σ`, so a word
//!    written in capitals must equal the same word in lowercase).
//! 5. **Unify punctuation**: typographic apostrophes (`’ ‘ ʼ ′ ´`) become `'`,
//!    typographic quotes (`“ ” „ « »`) become `"`, hyphens and dashes
//!    (`‐ ‑ ‒ – — ― −`) become `-`.
//! 6. **Collapse whitespace**: every run of [`char::is_whitespace`] characters
//!    (line breaks included) becomes one ASCII space, so a name broken across
//!    lines still matches.
//!
//! ASCII input takes a fast path that only lowercases and collapses
//! whitespace; on ASCII text the general path gives the same result (a
//! property test pins this).
//!
//! # Offsets
//!
//! [`Normalized`] keeps, for every normalized byte, the byte offset in the
//! original text of the character that produced it. A match `[s, e)` in the
//! normalized text is only meaningful if it starts at the first byte some
//! original character produced and ends where the next one starts
//! ([`Normalized::is_boundary`]); [`Normalized::original_span`] then gives
//! the original byte span, extended over combining marks that follow it (a
//! mark belongs to the letter before it).

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A normalized text and the map back to the text it came from.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    /// `map[i]`: original byte offset of the character that produced
    /// normalized byte `i`; `map[text.len()]` is the original length.
    /// `None` when the map is the identity (ASCII text with no whitespace to
    /// collapse), which saves four bytes per input byte on clean ASCII.
    map: Option<Vec<u32>>,
    /// When `map` is `None` (ASCII text): `(normalized, original)` offsets
    /// where collapsed whitespace shifts the two apart; between shifts they
    /// advance together. A few entries per document instead of four bytes
    /// per byte.
    shifts: Vec<(u32, u32)>,
    original_len: usize,
}

impl Normalized {
    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Original byte offset of the character that produced normalized byte
    /// `i` (`i == len` gives the original length).
    #[inline]
    pub fn original_offset(&self, i: usize) -> usize {
        match &self.map {
            None if self.shifts.is_empty() => i,
            None => {
                let k = self.shifts.partition_point(|&(n, _)| n as usize <= i);
                self.shift(k, i)
            }
            Some(map) => map[i] as usize,
        }
    }

    /// [`Normalized::original_offset`] for offsets that mostly increase from
    /// call to call: `cursor` (start it at 0) remembers the last position in
    /// the shift list, so a scan costs O(1) per call instead of a search.
    #[inline]
    pub fn original_offset_near(&self, i: usize, cursor: &mut usize) -> usize {
        match &self.map {
            None => {
                let sh = &self.shifts;
                let mut k = (*cursor).min(sh.len());
                while k < sh.len() && sh[k].0 as usize <= i {
                    k += 1;
                }
                while k > 0 && sh[k - 1].0 as usize > i {
                    k -= 1;
                }
                *cursor = k;
                self.shift(k, i)
            }
            Some(map) => map[i] as usize,
        }
    }

    #[inline]
    fn shift(&self, k: usize, i: usize) -> usize {
        match k.checked_sub(1).and_then(|k| self.shifts.get(k)) {
            None => i,
            Some(&(n, o)) => o as usize + (i - n as usize),
        }
    }

    /// Whether normalized offset `i` falls between two original characters
    /// (not inside the expansion of one, like the middle of `ß` → `ss`).
    #[inline]
    pub fn is_boundary(&self, i: usize) -> bool {
        match &self.map {
            None => true,
            Some(map) => i == 0 || i >= self.text.len() || map[i] != map[i - 1],
        }
    }

    /// The original byte span of the normalized span `[start, end)`, which
    /// must satisfy [`Normalized::is_boundary`] at both ends and be non-empty.
    /// The end is extended over combining marks that follow the last
    /// character in the original.
    pub fn original_span(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let ostart = self.original_offset(start);
        let last = self.original_offset(end - 1);
        let mut oend = last + original[last..].chars().next().map_or(0, char::len_utf8);
        if self.map.is_some() {
            for c in original[oend..].chars() {
                if is_combining_mark(c) {
                    oend += c.len_utf8();
                } else {
                    break;
                }
            }
        }
        (ostart, oend)
    }

    /// Length in bytes of the original text.
    pub fn original_len(&self) -> usize {
        self.original_len
    }
}

/// Normalizes `text`, keeping the offset map.
///
/// # Panics
///
/// Never for any `&str`; texts of 4 GiB or more are not supported by the
/// 32-bit offset map and are rejected by the readers before they get here.
pub fn normalize(text: &str) -> Normalized {
    if text.is_ascii() {
        normalize_ascii(text)
    } else {
        normalize_unicode(text)
    }
}

/// Normalizes a short string (a gazetteer name) without keeping offsets.
pub fn normalize_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        push_normalized(c, true, &mut out, &mut last_space);
    }
    out
}

/// Normalizes like [`normalize_str`] but keeps letter case: what a weak
/// alias ("US", "dpa") and a surface are compared with.
pub fn normalize_keep_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        push_normalized(c, false, &mut out, &mut last_space);
    }
    out
}

fn normalize_ascii(text: &str) -> Normalized {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut shifts: Vec<(u32, u32)> = vec![];
    let mut last_space = false;
    let mut shifted = false;
    let mut i = 0;
    while i < bytes.len() {
        if is_ascii_ws(bytes[i]) && last_space {
            // Collapsed: from the next byte on, offsets differ by one more.
            shifted = true;
            i += 1;
            continue;
        }
        if shifted {
            shifts.push((out.len() as u32, i as u32));
            shifted = false;
        }
        i = ascii_run(bytes, i, &mut last_space, &mut out);
    }
    if shifted {
        shifts.push((out.len() as u32, bytes.len() as u32));
    }
    // Only ASCII bytes were pushed.
    let text_out = String::from_utf8(out).unwrap_or_default();
    Normalized {
        text: text_out,
        map: None,
        shifts,
        original_len: text.len(),
    }
}

/// Normalizes the run of ASCII bytes from `i` (which is ASCII and not a
/// whitespace to collapse) into `out`, up to the next non-ASCII byte or
/// whitespace to collapse, and returns where it stopped: whitespace
/// becomes a space, letters lowercase. `last_space` says whether a space
/// was last written, before and after.
///
/// Eight bytes at a time as one `u64` while they are ASCII with no two
/// whitespace bytes in a row (most of a text), byte by byte around the
/// byte that ends the run.
#[inline]
fn ascii_run(bytes: &[u8], i: usize, last_space: &mut bool, out: &mut Vec<u8>) -> usize {
    let mut j = i;
    let mut prev_ws = *last_space;
    loop {
        while let Some(chunk) = bytes.get(j..j + 8) {
            let v = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if v & HI != 0 {
                break;
            }
            let ws = ws_bytes(v);
            // A whitespace byte right after another (the one before the
            // chunk included) ends the run.
            if ws & ((ws << 8) | (u64::from(prev_ws) << 7)) != 0 {
                break;
            }
            let upper = bytes_in(v, b'A', b'Z' + 1);
            let fill = (ws >> 7) * 0xff;
            let lowered = (v + (upper >> 2)) & !fill | (LO * 0x20) & fill;
            out.extend_from_slice(&lowered.to_le_bytes());
            prev_ws = ws >> 63 != 0;
            j += 8;
        }
        // The chunk the word-wise loop stopped at, or the last few bytes.
        let end = (j + 8).min(bytes.len());
        while j < end {
            let c = bytes[j];
            let ws = is_ascii_ws(c);
            if c >= 0x80 || (ws && prev_ws) {
                *last_space = prev_ws;
                return j;
            }
            out.push(if ws { b' ' } else { c.to_ascii_lowercase() });
            prev_ws = ws;
            j += 1;
        }
        if j >= bytes.len() {
            *last_space = prev_ws;
            return j;
        }
    }
}

/// Eight bytes at a time ("SWAR"): a byte's low bit and high bit in each
/// lane of a `u64`.
pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `v` that lies in `lo..hi` (both at most
/// 0x80), each byte on its own: with its high bit set first, a subtraction
/// never borrows from the next byte. A byte of 0x80 or more is judged by
/// its low seven bits, so callers either know `v` is ASCII or mask with
/// `!v`.
#[inline]
pub(crate) fn bytes_in(v: u64, lo: u8, hi: u8) -> u64 {
    let h = v | HI;
    h.wrapping_sub(LO * u64::from(lo)) & !h.wrapping_sub(LO * u64::from(hi)) & HI
}

/// The high bit of each byte of `v` (all ASCII) that is ASCII whitespace
/// (space, or 0x09 to 0x0D: [`is_ascii_ws`]), each byte on its own.
#[inline]
fn ws_bytes(v: u64) -> u64 {
    let x = v ^ (LO * 0x20);
    let space = !(((x & !HI) + !HI) | x) & HI;
    space | bytes_in(v, 0x09, 0x0e)
}

#[inline]
fn is_ascii_ws(b: u8) -> bool {
    // The ASCII members of Unicode White_Space, as char::is_whitespace has them.
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

fn normalize_unicode(text: &str) -> Normalized {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + text.len() / 8);
    let mut map: Vec<u32> = Vec::with_capacity(text.len() + text.len() / 8 + 1);
    let mut last_space = false;
    let mut one = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // ASCII characters a run at a time, as push_normalized would
            // write them one by one: most characters of most texts are ASCII.
            if is_ascii_ws(b) && last_space {
                i += 1;
                continue;
            }
            let end = ascii_run(bytes, i, &mut last_space, &mut out);
            map.extend(i as u32..end as u32);
            i = end;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        one.clear();
        push_normalized(c, true, &mut one, &mut last_space);
        out.extend_from_slice(one.as_bytes());
        map.resize(out.len(), i as u32);
        i += c.len_utf8();
    }
    map.push(text.len() as u32);
    // Only whole characters were pushed.
    let text_out = String::from_utf8(out).unwrap_or_default();
    Normalized {
        text: text_out,
        map: Some(map),
        shifts: vec![],
        original_len: text.len(),
    }
}

/// Appends the normalized form of one original character.
#[inline]
fn push_normalized(c: char, lowercase: bool, out: &mut String, last_space: &mut bool) {
    if c.is_ascii() {
        if c.is_ascii_whitespace() || c == '\x0b' {
            if !*last_space {
                out.push(' ');
                *last_space = true;
            }
        } else {
            out.push(if lowercase { c.to_ascii_lowercase() } else { c });
            *last_space = false;
        }
        return;
    }
    if c.is_whitespace() {
        if !*last_space {
            out.push(' ');
            *last_space = true;
        }
        return;
    }
    if is_invisible(c) {
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) || is_invisible(d) {
            return;
        }
        if d.is_whitespace() {
            // NFKD turns some spaces (U+00A0 is caught above; U+2007 …) into
            // ASCII space.
            if !*last_space {
                out.push(' ');
                *last_space = true;
            }
            return;
        }
        *last_space = false;
        if lowercase {
            for l in d.to_lowercase() {
                if !is_combining_mark(l) {
                    push_folded(l, out);
                }
            }
        } else {
            push_folded_keep_case(d, out);
        }
    });
}

/// Invisible format characters the normalizer drops (soft hyphen,
/// zero-width space and joiners, word joiner, BOM); the matcher skips them
/// when it judges word boundaries.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

#[inline]
fn push_folded(c: char, out: &mut String) {
    match c {
        'ł' => out.push('l'),
        'ø' => out.push('o'),
        'đ' | 'ð' => out.push('d'),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'ß' => out.push_str("ss"),
        'ı' => out.push('i'),
        'ς' => out.push('σ'),
        _ => push_punct(c, out),
    }
}

#[inline]
fn push_folded_keep_case(c: char, out: &mut String) {
    match c {
        'Ł' => out.push('L'),
        'Ø' => out.push('O'),
        'Đ' | 'Ð' => out.push('D'),
        'Æ' => out.push_str("AE"),
        'Œ' => out.push_str("OE"),
        'ẞ' => out.push_str("SS"),
        _ => push_folded(c, out),
    }
}

#[inline]
fn push_punct(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' => {
            out.push('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => {
            out.push('"')
        }
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => out.push('-'),
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (original, normalized)
    const CASES: &[(&str, &str)] = &[
        ("Aleppo", "aleppo"),
        ("São Paulo", "sao paulo"),
        ("İstanbul", "istanbul"),
        ("\u{212A}iev", "kiev"), // Kelvin sign
        ("Ｋyiv", "kyiv"),       // fullwidth K
        ("ﬁnland", "finland"),
        ("Syria\u{2019}s", "syria's"),
        ("e\u{301}cole", "ecole"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("Diyarbakır", "diyarbakir"),
        ("ΟΔΟΣ", "οδοσ"),
        ("οδος", "οδοσ"),
        ("Øresund", "oresund"),
        ("Ærø", "aero"),
        ("New\r\nYork", "new york"),
        ("New \t\n York", "new york"),
        ("Al\u{AD}eppo", "aleppo"),
        ("U.S.\u{2013}led", "u.s.-led"),
        ("\u{201C}Gaza\u{201D}", "\"gaza\""),
        ("دمشق", "دمشق"),
        ("Dа\u{00A0}Nang", "dа nang"),
    ];

    #[test]
    fn table() {
        for &(orig, want) in CASES {
            assert_eq!(normalize(orig).as_str(), want, "normalize({orig:?})");
            assert_eq!(normalize_str(orig), want, "normalize_str({orig:?})");
        }
    }

    #[test]
    fn keep_case() {
        assert_eq!(normalize_keep_case("U.S."), "U.S.");
        assert_eq!(normalize_keep_case("dpa"), "dpa");
        assert_eq!(normalize_keep_case("São\u{2019}s"), "Sao's");
        assert_eq!(normalize_keep_case("ŁÓDŹ"), "LODZ");
    }

    #[test]
    fn offsets_map_back() {
        let orig = "In İstanbul and São\r\n Paulo, Straße.";
        let n = normalize(orig);
        let norm = n.as_str();
        for (needle, want) in [
            ("istanbul", "İstanbul"),
            ("sao paulo", "São\r\n Paulo"),
            ("strasse", "Straße"),
        ] {
            let s = norm.find(needle).unwrap();
            let e = s + needle.len();
            assert!(n.is_boundary(s) && n.is_boundary(e));
            let (os, oe) = n.original_span(orig, s, e);
            assert_eq!(&orig[os..oe], want);
        }
        // "ss" is one original character: the middle is not a boundary.
        let s = norm.find("strasse").unwrap() + 4;
        assert!(!n.is_boundary(s + 1));
    }

    #[test]
    fn ascii_shifts_agree_with_the_general_map() {
        for orig in [
            "a  b",
            "  lead and trail  ",
            "x\r\n\r\ny\t\tz \n",
            "one\ntwo",
            "",
            "   ",
        ] {
            let fast = normalize(orig);
            let slow = normalize_unicode(orig);
            assert_eq!(fast.as_str(), slow.as_str());
            let mut cursor = 0;
            for i in 0..=fast.as_str().len() {
                let want = slow.original_offset(i);
                assert_eq!(fast.original_offset(i), want, "{orig:?} at {i}");
                assert_eq!(fast.original_offset_near(i, &mut cursor), want);
            }
            for i in (0..=fast.as_str().len()).rev() {
                assert_eq!(
                    fast.original_offset_near(i, &mut cursor),
                    slow.original_offset(i)
                );
            }
        }
    }

    #[test]
    fn combining_mark_belongs_to_previous_letter() {
        let orig = "Sa\u{303}o Paulo";
        let n = normalize(orig);
        assert_eq!(n.as_str(), "sao paulo");
        let (s, e) = n.original_span(orig, 0, 2);
        assert_eq!(&orig[s..e], "Sa\u{303}");
    }

    #[test]
    fn ascii_identity_map_and_crlf() {
        let n = normalize("Damascus, Syria");
        assert!(n.map.is_none());
        assert_eq!(n.original_offset(10), 10);
        let orig = "WASHINGTON\r\n\r\nMoscow";
        let n = normalize(orig);
        assert_eq!(n.as_str(), "washington moscow");
        let s = n.as_str().find("moscow").unwrap();
        let (os, oe) = n.original_span(orig, s, s + 6);
        assert_eq!(&orig[os..oe], "Moscow");
    }

    /// The word-at-a-time ASCII runs against one character at a time
    /// (`push_normalized`, which names no run), text and offsets, on
    /// pseudo-random mixes of letters, every ASCII whitespace, punctuation
    /// and non-ASCII letters, at every length and alignment up to 40.
    #[test]
    fn word_at_a_time_runs_agree_with_char_at_a_time() {
        let alphabet = [
            "a", "Z", "m", "A", "z", "@", "[", "`", "{", "0", " ", "\t", "\n", "\r", "\x0b",
            "\x0c", "\x1f", "!", ".", "é", "İ", "\u{a0}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for round in 0..4000 {
            let len = round % 41;
            let mut text = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Mostly ASCII letters and spaces, as in news text.
                let k = (seed % 64) as usize;
                text.push_str(alphabet[if k < alphabet.len() { k } else { k % 11 }]);
            }
            let mut want = String::new();
            let mut map = vec![];
            let mut last_space = false;
            for (i, c) in text.char_indices() {
                push_normalized(c, true, &mut want, &mut last_space);
                map.resize(want.len(), i);
            }
            map.push(text.len());
            let got = normalize(&text);
            assert_eq!(got.as_str(), want, "{text:?}");
            for (k, &o) in map.iter().enumerate() {
                if got.is_boundary(k) {
                    assert_eq!(got.original_offset(k), o, "{text:?} at {k}");
                }
            }
        }
    }
}
