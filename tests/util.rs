use std::path::{Path, PathBuf};

use assert_cmd::Command;

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

/// The gazetag binary built for these tests.
pub fn gazetag() -> Command {
    Command::cargo_bin("gazetag").unwrap()
}

/// Compiles the fixture gazetteer (`tests/data/gazetteer`) into `dir/g.gazc`.
pub fn compile_fixture(dir: &Path) -> PathBuf {
    let file = dir.join("g.gazc");
    gazetag()
        .arg("compile")
        .arg(data("gazetteer"))
        .arg("-o")
        .arg(&file)
        .assert()
        .success();
    file
}
