//! The gazetteer options every tagging subcommand shares.

use std::path::PathBuf;

use anyhow::Context;
use gazetag::Gazetteer;

#[derive(clap::Args, Debug, Clone, Default)]
pub struct GazetteerArgs {
    /// Gazetteer file or directory of *.csv to use instead of the embedded
    /// default (repeatable; the files are merged, ids must be unique).
    #[arg(long = "gazetteer", value_name = "PATH")]
    pub gazetteer: Vec<PathBuf>,
    /// Gazetteer file or directory laid over the default (or over
    /// --gazetteer): its rows add entities and replace rows with the same id.
    #[arg(long = "add-gazetteer", value_name = "PATH")]
    pub add: Vec<PathBuf>,
}

impl GazetteerArgs {
    /// Loads the gazetteer these options describe, printing load warnings.
    pub fn load(&self) -> anyhow::Result<Gazetteer> {
        let mut gaz = if self.gazetteer.is_empty() {
            Gazetteer::embedded().context("the embedded default gazetteer is invalid")?
        } else {
            Gazetteer::from_paths(&self.gazetteer)?
        };
        if !self.add.is_empty() {
            gaz.merge(Gazetteer::from_paths(&self.add)?);
        }
        for w in gaz.warnings() {
            eprintln!("gazetag: warning: {w}");
        }
        Ok(gaz)
    }
}
