use std::path::{Path, PathBuf};

use gazetag::{Gazetteer, Tagger, TaggerBuilder};

pub fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

pub fn fixture_tagger() -> Tagger {
    let gaz = Gazetteer::from_paths(&[data("gazetteer")]).unwrap();
    TaggerBuilder::new().build(gaz).unwrap()
}
