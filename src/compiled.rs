//! Compiled gazetteers: the entities, the pattern table and the trie of a
//! gazetteer in one versioned, checksummed binary file, written by
//! `gazetag compile` and loaded in milliseconds instead of the seconds that
//! parsing, validating, normalizing and building take for a large gazetteer.
//!
//! # Layout (all integers little-endian)
//!
//! The envelope is the same in every format version, so that any gazetag
//! can say what an older or newer file is:
//!
//! | bytes | field |
//! |---|---|
//! | 8 | magic `b"GAZETAG\x1a"` |
//! | 4 | format version ([`FORMAT_VERSION`]) |
//! | 4 + n | gazetag version that wrote the file (length-prefixed UTF-8) |
//! | 4 + n | gazetteer content version ([`Gazetteer::version`]) |
//! | 8 | normalizer fingerprint ([`normalizer_fingerprint`]) |
//! | 8 | payload length |
//! | 4 | CRC-32 (IEEE) of everything above and of the payload |
//! | … | payload: entities, then the matcher's pattern table and trie |
//!
//! # Safety against bad files
//!
//! Reading checks, in order: the magic, the format version (an older or
//! newer file is refused with both versions named, and the advice to
//! recompile), the envelope, the payload length (a truncated file is named
//! as such), the checksum (a corrupt file), the normalizer fingerprint (a
//! file compiled by a gazetag whose normalizer folds differently would
//! silently produce wrong tags, so it is refused), then decodes the payload
//! with every length and index bounds-checked. Nothing is `unsafe`; a bad
//! file is a [`CompiledError`], never a panic.

use std::fmt;

use crate::codec::{CodecError, Reader, Writer};
use crate::entity::{Entity, Kind};
use crate::gazetteer::Gazetteer;
use crate::matcher::Matcher;
use crate::normalize::{normalize_keep_case, normalize_str};

/// The first bytes of every compiled gazetteer.
pub const MAGIC: &[u8; 8] = b"GAZETAG\x1a";

/// The version of the payload layout this gazetag reads and writes.
/// Bump it whenever the payload, the matcher's tables or the trie change.
pub const FORMAT_VERSION: u32 = 2;

/// A gazetteer with its matcher, ready to tag.
#[derive(Debug)]
pub struct Compiled {
    pub gazetteer: Gazetteer,
    pub matcher: Matcher,
    /// [`Gazetteer::version`] of `gazetteer`, computed when compiling.
    pub version: String,
}

/// What the envelope of a compiled file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub format_version: u32,
    pub gazetag_version: String,
    pub content_version: String,
}

/// Why a compiled gazetteer could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompiledError {
    /// The bytes do not start with [`MAGIC`].
    NotCompiled,
    /// Written in another format version.
    Version { found: u32, written_by: String },
    /// Cut short inside the envelope.
    ShortEnvelope,
    /// Shorter than its envelope says.
    Truncated { expected: u64, found: u64 },
    /// Longer than its envelope says.
    TrailingBytes { extra: u64 },
    /// The payload does not match its checksum.
    Checksum,
    /// Compiled by a gazetag whose normalizer gives different results.
    Normalizer { written_by: String },
    /// The checksum matched but the payload does not decode.
    Corrupt(String),
}

impl fmt::Display for CompiledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompiledError::NotCompiled => write!(f, "not a compiled gazetteer (bad magic bytes)"),
            CompiledError::Version { found, written_by } => write!(
                f,
                "compiled gazetteer format version {found} (written by gazetag {written_by}); \
                 this gazetag {} reads version {FORMAT_VERSION}: recompile it with `gazetag compile`",
                env!("CARGO_PKG_VERSION")
            ),
            CompiledError::ShortEnvelope => write!(
                f,
                "compiled gazetteer is truncated: its header is cut short"
            ),
            CompiledError::Truncated { expected, found } => write!(
                f,
                "compiled gazetteer is truncated: {expected} bytes of payload expected, {found} found"
            ),
            CompiledError::TrailingBytes { extra } => write!(
                f,
                "compiled gazetteer has {extra} unexpected bytes after its payload"
            ),
            CompiledError::Checksum => write!(
                f,
                "compiled gazetteer is corrupt: its checksum does not match"
            ),
            CompiledError::Normalizer { written_by } => write!(
                f,
                "compiled gazetteer was written by gazetag {written_by}, whose text normalizer \
                 differs from this one's: recompile it with `gazetag compile`"
            ),
            CompiledError::Corrupt(what) => write!(f, "compiled gazetteer is corrupt: {what}"),
        }
    }
}

impl std::error::Error for CompiledError {}

impl From<CodecError> for CompiledError {
    fn from(e: CodecError) -> CompiledError {
        CompiledError::Corrupt(e.0)
    }
}

/// Whether `bytes` start like a compiled gazetteer.
pub fn is_compiled(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// A fingerprint of the normalizer's behaviour on a fixed probe of tricky
/// characters: two gazetags with the same fingerprint normalize these the
/// same way, so patterns compiled by one match texts normalized by the other.
pub fn normalizer_fingerprint() -> u64 {
    const PROBE: &str = "Aa Zz İı ß ẞ Σς ΟΔΟΣ Łł Øø Đđð Ææ Œœ ﬁ Ｋ K e\u{301} ñ Ç \
                         \u{AD}\u{200B}\u{FEFF} \u{2019}\u{201C}\u{2013}\u{2212} \t\r\n\u{A0}\u{2007} \
                         Дд ᾈ ǅ ™ ½ ① ㈱ ﾊﾞ 가 Ⅻ";
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut write = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    write(&normalize_str(PROBE));
    write(&normalize_keep_case(PROBE));
    for w in PROBE.split(' ') {
        write(if crate::matcher::last_word_capitalised(w) {
            "1"
        } else {
            "0"
        });
    }
    h
}

/// Serializes a gazetteer and its matcher (built from it) into a compiled
/// file's bytes.
pub fn to_bytes(gazetteer: &Gazetteer, matcher: &Matcher, version: &str) -> Vec<u8> {
    // The entities' section is preceded by its length so that a reader can
    // decode it and the matcher's section on two threads.
    // Within it, every string's bytes go to one blob, checked as UTF-8 once
    // when loading (per-string checks were 16% of start-up), and the
    // records hold their lengths.
    let mut payload = vec![0u8; 8];
    {
        let mut records = vec![];
        let mut blob = String::new();
        {
            let mut w = EntityWriter {
                rec: Writer(&mut records),
                blob: &mut blob,
            };
            for e in gazetteer.entities() {
                write_entity(&mut w, e);
            }
        }
        let mut w = Writer(&mut payload);
        w.u32(gazetteer.len() as u32);
        w.u64(blob.len() as u64);
        payload.extend_from_slice(blob.as_bytes());
        payload.extend_from_slice(&records);
    }
    let entities_len = (payload.len() - 8) as u64;
    payload[..8].copy_from_slice(&entities_len.to_le_bytes());
    matcher.write_to(&mut payload);
    let mut out = Vec::with_capacity(payload.len() + 64);
    out.extend_from_slice(MAGIC);
    let mut w = Writer(&mut out);
    w.u32(FORMAT_VERSION);
    w.str(env!("CARGO_PKG_VERSION"));
    w.str(version);
    w.u64(normalizer_fingerprint());
    w.u64(payload.len() as u64);
    let crc = checksum(&out, &payload);
    Writer(&mut out).u32(crc);
    out.extend_from_slice(&payload);
    out
}

/// CRC-32 of the envelope before the checksum field and of the payload.
fn checksum(envelope: &[u8], payload: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(envelope);
    h.update(payload);
    h.finalize()
}

/// Reads only the envelope (cheap: no checksum, no decoding).
///
/// # Errors
///
/// Not a compiled file, or an envelope cut short.
pub fn header(bytes: &[u8]) -> Result<Header, CompiledError> {
    envelope(bytes).map(|(h, _)| h)
}

struct Envelope<'a> {
    fingerprint: u64,
    payload_len: u64,
    crc: u32,
    rest: &'a [u8],
}

fn envelope(bytes: &[u8]) -> Result<(Header, Envelope<'_>), CompiledError> {
    if !is_compiled(bytes) {
        return Err(CompiledError::NotCompiled);
    }
    let mut r = Reader::new(&bytes[MAGIC.len()..]);
    let short = |_| CompiledError::ShortEnvelope;
    let format_version = r.u32().map_err(short)?;
    let gazetag_version = r.string().map_err(short)?;
    let content_version = r.string().map_err(short)?;
    let header = Header {
        format_version,
        gazetag_version,
        content_version,
    };
    let fingerprint = r.u64().map_err(short)?;
    let payload_len = r.u64().map_err(short)?;
    let crc = r.u32().map_err(short)?;
    Ok((
        header,
        Envelope {
            fingerprint,
            payload_len,
            crc,
            rest: r.rest(),
        },
    ))
}

/// Rewrites the checksum of a file whose envelope parses, so that a test or
/// a fuzzer can damage the payload and still reach the payload decoder
/// (whose own checks must then catch the damage). Returns false when the
/// envelope itself does not parse.
pub fn reseal(bytes: &mut [u8]) -> bool {
    let Ok((_, env)) = envelope(bytes) else {
        return false;
    };
    let start = bytes.len() - env.rest.len();
    if start < 4 {
        return false;
    }
    let crc = checksum(&bytes[..start - 4], &bytes[start..]);
    bytes[start - 4..start].copy_from_slice(&crc.to_le_bytes());
    true
}

/// Loads a compiled gazetteer from its bytes.
///
/// # Errors
///
/// See the [module documentation](self): every check names what failed.
pub fn from_bytes(bytes: &[u8]) -> Result<Compiled, CompiledError> {
    // The version comes first: an older file's envelope may be followed by
    // anything.
    if is_compiled(bytes) && bytes.len() >= 12 {
        let v = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if v != FORMAT_VERSION {
            let written_by = Reader::new(&bytes[12..])
                .string()
                .unwrap_or_else(|_| "unknown".into());
            return Err(CompiledError::Version {
                found: v,
                written_by,
            });
        }
    }
    let (header, env) = envelope(bytes)?;
    let found = env.rest.len() as u64;
    if found < env.payload_len {
        return Err(CompiledError::Truncated {
            expected: env.payload_len,
            found,
        });
    }
    if found > env.payload_len {
        return Err(CompiledError::TrailingBytes {
            extra: found - env.payload_len,
        });
    }
    let payload = env.rest;
    let envelope_len = bytes.len() - payload.len() - 4;
    if checksum(&bytes[..envelope_len], payload) != env.crc {
        return Err(CompiledError::Checksum);
    }
    if env.fingerprint != normalizer_fingerprint() {
        return Err(CompiledError::Normalizer {
            written_by: header.gazetag_version,
        });
    }
    let mut r = Reader::new(payload);
    let entities_len =
        usize::try_from(r.u64()?).map_err(|_| CompiledError::Corrupt("section length".into()))?;
    let section = r.take(entities_len)?;
    let matcher_bytes = r.rest();
    let mut r = Reader::new(section);
    let n = r.u32()? as usize;
    let blob_len = usize::try_from(r.u64()?)
        .map_err(|_| CompiledError::Corrupt("string blob length".into()))?;
    let blob = std::str::from_utf8(r.take(blob_len)?)
        .map_err(|_| CompiledError::Corrupt("invalid UTF-8 in the strings".into()))?;
    if n.saturating_mul(16) > r.rest().len() {
        return Err(CompiledError::Corrupt("entity count".into()));
    }
    let mut r = EntityReader {
        rec: r,
        blob,
        pos: 0,
    };
    // The two sections decode independently: the matcher on a second
    // thread while this one builds the entities and their id index.
    let (gazetteer, matcher) = std::thread::scope(|scope| {
        let matcher = scope.spawn(|| -> Result<Matcher, CompiledError> {
            let (matcher, rest) = Matcher::read_from(matcher_bytes, n)?;
            if !rest.is_empty() {
                return Err(CompiledError::Corrupt("bytes after the trie".into()));
            }
            Ok(matcher)
        });
        let gazetteer = (|| -> Result<Gazetteer, CompiledError> {
            let mut gazetteer = Gazetteer::new();
            gazetteer.reserve(n);
            for _ in 0..n {
                gazetteer.push(read_entity(&mut r)?);
            }
            if gazetteer.len() != n {
                return Err(CompiledError::Corrupt("repeated entity id".into()));
            }
            if !r.rec.rest().is_empty() || r.pos != r.blob.len() {
                return Err(CompiledError::Corrupt("bytes after the entities".into()));
            }
            Ok(gazetteer)
        })();
        let matcher = matcher
            .join()
            .unwrap_or_else(|_| Err(CompiledError::Corrupt("matcher decoding failed".into())));
        (gazetteer, matcher)
    });
    let (gazetteer, matcher) = (gazetteer?, matcher?);
    Ok(Compiled {
        gazetteer,
        matcher,
        version: header.content_version,
    })
}

/// Entity records: numbers inline, strings as lengths into a blob.
struct EntityWriter<'a> {
    rec: Writer<'a>,
    blob: &'a mut String,
}

impl EntityWriter<'_> {
    fn str(&mut self, s: &str) {
        self.rec.u32(s.len() as u32);
        self.blob.push_str(s);
    }
    fn strs(&mut self, v: &[String]) {
        self.rec.u32(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }
    fn u8(&mut self, v: u8) {
        self.rec.u8(v);
    }
    fn f64(&mut self, v: f64) {
        self.rec.f64(v);
    }
    fn opt_u64(&mut self, v: Option<u64>) {
        self.rec.opt_u64(v);
    }
}

/// Reads what [`EntityWriter`] wrote; the blob was checked as UTF-8 once,
/// each string is a bounds- and boundary-checked slice of it.
struct EntityReader<'a> {
    rec: Reader<'a>,
    blob: &'a str,
    pos: usize,
}

impl<'a> EntityReader<'a> {
    fn str(&mut self) -> Result<&'a str, CodecError> {
        let n = self.rec.u32()? as usize;
        let end = self.pos.saturating_add(n);
        let s = self
            .blob
            .get(self.pos..end)
            .ok_or_else(|| CodecError("string out of the blob".into()))?;
        self.pos = end;
        Ok(s)
    }
    fn string(&mut self) -> Result<String, CodecError> {
        self.str().map(String::from)
    }
    fn strings(&mut self) -> Result<Vec<String>, CodecError> {
        let n = self.rec.count(4)?;
        (0..n).map(|_| self.string()).collect()
    }
    fn u8(&mut self) -> Result<u8, CodecError> {
        self.rec.u8()
    }
    fn f64(&mut self) -> Result<f64, CodecError> {
        self.rec.f64()
    }
    fn opt_u64(&mut self) -> Result<Option<u64>, CodecError> {
        self.rec.opt_u64()
    }
}

fn write_entity(w: &mut EntityWriter<'_>, e: &Entity) {
    w.str(&e.id);
    w.u8(Kind::ALL.iter().position(|&k| k == e.kind).unwrap_or(0) as u8);
    w.str(&e.name);
    w.strs(&e.aliases);
    w.strs(&e.weak_aliases);
    w.strs(&e.demonyms);
    w.str(&e.country);
    w.str(&e.admin1);
    match e.coord {
        Some((lat, lon)) => {
            w.u8(1);
            w.f64(lat);
            w.f64(lon);
        }
        None => w.u8(0),
    }
    w.opt_u64(e.population);
    w.str(&e.feature_code);
    w.opt_u64(e.geonames_id);
    w.str(&e.wikidata_id);
    w.str(&e.subtype);
    w.str(&e.role);
    w.str(&e.valid_from);
    w.str(&e.valid_to);
    w.strs(&e.flags);
    w.str(&e.source);
}

fn read_entity(r: &mut EntityReader<'_>) -> Result<Entity, CompiledError> {
    let id = r.str()?;
    let kind = *Kind::ALL
        .get(r.u8()? as usize)
        .ok_or_else(|| CompiledError::Corrupt("unknown kind".into()))?;
    let mut e = Entity::new(id, kind, r.str()?);
    e.aliases = r.strings()?;
    e.weak_aliases = r.strings()?;
    e.demonyms = r.strings()?;
    e.country = r.string()?;
    e.admin1 = r.string()?;
    e.coord = match r.u8()? {
        0 => None,
        1 => Some((r.f64()?, r.f64()?)),
        _ => return Err(CompiledError::Corrupt("bad coordinate tag".into())),
    };
    e.population = r.opt_u64()?;
    e.feature_code = r.string()?;
    e.geonames_id = r.opt_u64()?;
    e.wikidata_id = r.string()?;
    e.subtype = r.string()?;
    e.role = r.string()?;
    e.valid_from = r.string()?;
    e.valid_to = r.string()?;
    e.flags = r.strings()?;
    e.source = r.string()?;
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TaggerBuilder;

    const CSV: &str = "id,kind,name,aliases,weak_aliases,demonyms,lat,lon,population,flags\n\
        iso:SY,country,Syria,Syrian Arab Republic,SYR,Syrian|Syrians,35,38,22000000,\n\
        gn:170063,city,Aleppo,Halab|Ḥalab,,,36.2,37.16,1602264,common_word|x\n\
        cur:eastern-ghouta,region,Eastern Ghouta,East Ghouta,,,33.5,36.4,,\n\
        cur:dpa,agency,Deutsche Presse-Agentur,,dpa,,53.5,9.97,,\n";
    const TEXT: &str = "Syrian forces shelled eastern Ghouta, SYR said; Ḥalab and \
        Aleppo\u{2019}s old city, dpa reported. DPA. syria.";

    fn gaz() -> Gazetteer {
        let mut g = Gazetteer::new();
        g.load_reader("t.csv", CSV.as_bytes()).unwrap();
        g
    }

    fn bytes() -> Vec<u8> {
        let g = gaz();
        let m = Matcher::new(&g).unwrap();
        to_bytes(&g, &m, &g.version())
    }

    #[test]
    fn round_trip_tags_identically() {
        let from_csv = TaggerBuilder::new().build(gaz()).unwrap();
        let c = from_bytes(&bytes()).unwrap();
        assert_eq!(c.gazetteer.entities(), from_csv.gazetteer().entities());
        assert_eq!(c.version, from_csv.version());
        let from_file = TaggerBuilder::new().build_compiled(c).unwrap();
        let got = from_file.tag(TEXT);
        assert!(got.len() >= 3, "{got:?}");
        assert_eq!(got, from_csv.tag(TEXT));
        assert_eq!(
            header(&bytes()).unwrap().content_version,
            from_csv.version()
        );
    }

    #[test]
    fn embedded_default_is_up_to_date() {
        let c = from_bytes(crate::EMBEDDED_COMPILED).unwrap();
        let csv = Gazetteer::embedded().unwrap();
        assert_eq!(c.version, csv.version());
        assert_eq!(c.gazetteer.entities(), csv.entities());
    }

    #[test]
    fn truncated_at_every_length_is_an_error() {
        let b = bytes();
        for n in 0..b.len() {
            let e = from_bytes(&b[..n]).unwrap_err();
            let msg = e.to_string();
            assert!(
                msg.contains("truncated") || msg.contains("not a compiled"),
                "{n}: {msg}"
            );
        }
    }

    #[test]
    fn every_flipped_byte_is_an_error() {
        let b = bytes();
        for i in 0..b.len() {
            let mut c = b.clone();
            c[i] ^= 0x20;
            assert!(from_bytes(&c).is_err(), "byte {i} flipped was accepted");
        }
    }

    #[test]
    fn older_version_trailing_bytes_and_other_normalizer() {
        let mut b = bytes();
        b[8..12].copy_from_slice(&0u32.to_le_bytes());
        let e = from_bytes(&b).unwrap_err();
        assert!(matches!(e, CompiledError::Version { found: 0, .. }));
        assert!(e.to_string().contains("recompile"), "{e}");

        let mut b = bytes();
        b.push(0);
        assert_eq!(
            from_bytes(&b).unwrap_err(),
            CompiledError::TrailingBytes { extra: 1 }
        );

        // A valid checksum over a payload compiled by a normalizer that
        // folds differently: refused rather than giving wrong tags.
        let b = bytes();
        let (h, env) = envelope(&b).unwrap();
        let at = b.len() - env.rest.len() - 20;
        let mut c = b.clone();
        c[at..at + 8].copy_from_slice(&(env.fingerprint ^ 1).to_le_bytes());
        let start = b.len() - env.rest.len();
        let crc = checksum(&c[..start - 4], &c[start..]);
        c[start - 4..start].copy_from_slice(&crc.to_le_bytes());
        let e = from_bytes(&c).unwrap_err();
        assert_eq!(
            e,
            CompiledError::Normalizer {
                written_by: h.gazetag_version
            }
        );

        assert_eq!(
            from_bytes(b"id,kind,name\n").unwrap_err(),
            CompiledError::NotCompiled
        );
    }

    #[test]
    fn corrupt_payload_with_a_valid_checksum_is_an_error() {
        // Rewrite the checksum after damaging the payload: the decoder's
        // own checks must catch it (no panic, no wrong tags).
        let b = bytes();
        let (_, env) = envelope(&b).unwrap();
        let start = b.len() - env.rest.len();
        for i in (start..b.len()).step_by(3) {
            let mut c = b.clone();
            c[i] ^= 0xff;
            let crc = checksum(&c[..start - 4], &c[start..]);
            c[start - 4..start].copy_from_slice(&crc.to_le_bytes());
            if let Ok(compiled) = from_bytes(&c) {
                // A change the checks cannot see (a letter in a name):
                // tagging must still not panic.
                let _ = TaggerBuilder::new()
                    .build_compiled(compiled)
                    .unwrap()
                    .tag(TEXT);
            }
        }
    }
}
