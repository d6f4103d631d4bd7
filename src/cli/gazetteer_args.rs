//! The gazetteer options every tagging subcommand shares.

use std::path::{Path, PathBuf};

use anyhow::Context;
use gazetag::compiled::{self, Compiled};
use gazetag::{Gazetteer, Tagger, TaggerBuilder};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct GazetteerArgs {
    /// Gazetteer to use instead of the embedded default: a compiled file
    /// (`gazetag compile`, recognized by its first bytes), a CSV file or a
    /// directory of *.csv (repeatable; merged, ids must be unique).
    #[arg(long = "gazetteer", value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Gazetteer file or directory laid over the default (or over
    /// --gazetteer): its rows add entities and replace rows with the same id.
    #[arg(long = "add-gazetteer", value_name = "PATH")]
    pub add: Vec<PathBuf>,
}

/// A compiled file's bytes, if `path` is one.
fn read_compiled(path: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    if !path.is_file() {
        return Ok(None);
    }
    let mut magic = [0u8; 8];
    let n = {
        use std::io::Read;
        let mut f =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        f.read(&mut magic)
            .with_context(|| format!("cannot read {}", path.display()))?
    };
    if !compiled::is_compiled(&magic[..n]) {
        return Ok(None);
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Some(bytes))
}

fn load_compiled(path: &Path, bytes: &[u8]) -> anyhow::Result<Compiled> {
    compiled::from_bytes(bytes).with_context(|| format!("cannot load {}", path.display()))
}

impl GazetteerArgs {
    /// Loads the gazetteer these options describe, printing load warnings.
    /// (To tag, prefer [`GazetteerArgs::tagger`]: it reuses a compiled
    /// file's automaton instead of building one.)
    pub fn load(&self) -> anyhow::Result<Gazetteer> {
        Ok(self.load_compiled()?.gazetteer)
    }

    /// Builds a tagger: straight from a compiled gazetteer when that is all
    /// there is (the embedded default, or one compiled `--gazetteer`), else
    /// by merging and building the automaton.
    pub fn tagger(&self, builder: &TaggerBuilder) -> anyhow::Result<Tagger> {
        let c = self.load_compiled()?;
        Ok(builder.build_compiled(c)?)
    }

    fn load_compiled(&self) -> anyhow::Result<Compiled> {
        let mut base: Option<Compiled> = None;
        let mut gaz: Option<Gazetteer> = None;
        if self.gazetteer.is_empty() {
            base = Some(
                compiled::from_bytes(gazetag::EMBEDDED_COMPILED)
                    .context("the embedded default gazetteer is invalid")?,
            );
        } else {
            for p in &self.gazetteer {
                if let Some(bytes) = read_compiled(p)? {
                    let c = load_compiled(p, &bytes)?;
                    match (&mut base, &mut gaz) {
                        (None, None) => base = Some(c),
                        _ => {
                            let g = take_gazetteer(&mut base, &mut gaz);
                            gaz = Some(merge_unique(g, c.gazetteer, p)?);
                        }
                    }
                } else {
                    let mut g = take_gazetteer(&mut base, &mut gaz);
                    g.load_path(p)?;
                    gaz = Some(g);
                }
            }
        }
        if !self.add.is_empty() {
            let mut g = take_gazetteer(&mut base, &mut gaz);
            for p in &self.add {
                match read_compiled(p)? {
                    Some(bytes) => g.merge(load_compiled(p, &bytes)?.gazetteer),
                    None => g.merge(Gazetteer::from_paths(&[p])?),
                }
            }
            gaz = Some(g);
        }
        let c = match (base, gaz) {
            (Some(c), None) => c,
            (_, Some(g)) => {
                let matcher = gazetag::matcher::Matcher::new(&g)?;
                let version = g.version();
                Compiled {
                    gazetteer: g,
                    matcher,
                    version,
                }
            }
            (None, None) => unreachable!("a gazetteer is always loaded"),
        };
        for w in c.gazetteer.warnings() {
            eprintln!("gazetag: warning: {w}");
        }
        Ok(c)
    }
}

/// The gazetteer being assembled, taking it out of a compiled base if that
/// is what there is so far.
fn take_gazetteer(base: &mut Option<Compiled>, gaz: &mut Option<Gazetteer>) -> Gazetteer {
    match (gaz.take(), base.take()) {
        (Some(g), _) => g,
        (None, Some(c)) => c.gazetteer,
        (None, None) => Gazetteer::new(),
    }
}

/// Adds `other`'s entities to `gaz`; a repeated id is an error, as between
/// CSV files given together.
fn merge_unique(mut gaz: Gazetteer, other: Gazetteer, path: &Path) -> anyhow::Result<Gazetteer> {
    for e in other.entities() {
        if gaz.find(&e.id).is_some() {
            anyhow::bail!(
                "{}: duplicate id {:?} (already loaded from another file)",
                path.display(),
                e.id
            );
        }
    }
    gaz.merge(other);
    Ok(gaz)
}
