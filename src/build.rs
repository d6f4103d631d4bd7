//! Compiles the default gazetteer (`gazetteers/*.csv`) into
//! `$OUT_DIR/default.gazc`, which the library embeds
//! (`gazetag::EMBEDDED_COMPILED`).
//!
//! Why a build script and not a generated file in the repository: the
//! default CSVs change often and are large; a checked-in binary would be
//! stale after every edit and bloat the history, while this script always
//! compiles exactly the CSVs being built, from the repository alone (no
//! network, nothing outside the checkout), with the library's own code:
//! the modules below are the library's source files, included by path, so
//! the loader, normalizer, matcher tables and format cannot drift apart.
#![allow(dead_code, unused_imports)]

#[path = "automaton.rs"]
mod automaton;
#[path = "codec.rs"]
mod codec;
#[path = "compiled.rs"]
mod compiled;
#[path = "entity.rs"]
mod entity;
#[path = "error.rs"]
mod error;
#[path = "gazetteer/mod.rs"]
mod gazetteer;
#[path = "matcher.rs"]
mod matcher;
#[path = "normalize.rs"]
mod normalize;

fn main() {
    for f in [
        "gazetteers",
        "src/automaton.rs",
        "src/codec.rs",
        "src/compiled.rs",
        "src/entity.rs",
        "src/error.rs",
        "src/gazetteer/mod.rs",
        "src/matcher.rs",
        "src/normalize.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }
    let gaz = gazetteer::Gazetteer::embedded()
        .unwrap_or_else(|e| panic!("the default gazetteer (gazetteers/*.csv) is invalid: {e}"));
    let matcher = matcher::Matcher::new(&gaz)
        .unwrap_or_else(|e| panic!("cannot compile the default gazetteer: {e}"));
    let bytes = compiled::to_bytes(&gaz, &matcher, &gaz.version());
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("default.gazc");
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
