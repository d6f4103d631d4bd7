//! Error types of the library. Messages are lowercase and name the offending
//! thing (`cities.csv:1234: column lat: 912.5 out of range [-90, 90]`).

use std::fmt;
use std::path::PathBuf;

/// One problem with one gazetteer row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The file (or the name given to an in-memory source).
    pub source: String,
    /// 1-based line of the record in the file (the header is line 1).
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(col) => write!(
                f,
                "{}:{}: column {}: {}",
                self.source, self.line, col, self.message
            ),
            None => write!(f, "{}:{}: {}", self.source, self.line, self.message),
        }
    }
}

/// Why a gazetteer could not be loaded.
#[derive(Debug)]
pub enum GazetteerError {
    /// A file or directory could not be read.
    Io { path: PathBuf, err: std::io::Error },
    /// One or more rows are invalid; every error found is listed (up to a
    /// cap, see [`GazetteerError::MAX_ROW_ERRORS`]), so a user can fix a file
    /// in one pass.
    Rows {
        errors: Vec<RowError>,
        /// How many errors were found in all, listed or not.
        total: usize,
    },
    /// A path held no gazetteer file.
    Empty { path: PathBuf },
}

impl GazetteerError {
    /// At most this many row errors are kept in [`GazetteerError::Rows`].
    pub const MAX_ROW_ERRORS: usize = 100;
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GazetteerError::Io { path, err } => {
                write!(f, "cannot read gazetteer {}: {}", path.display(), err)
            }
            GazetteerError::Rows { errors, total } => {
                write!(f, "invalid gazetteer: {total} error(s)")?;
                for e in errors {
                    write!(f, "\n  {e}")?;
                }
                if *total > errors.len() {
                    write!(f, "\n  ... and {} more", total - errors.len())?;
                }
                Ok(())
            }
            GazetteerError::Empty { path } => {
                write!(f, "no gazetteer file (*.csv) found in {}", path.display())
            }
        }
    }
}

impl std::error::Error for GazetteerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GazetteerError::Io { err, .. } => Some(err),
            _ => None,
        }
    }
}
