//! Command line: clap arguments → validated config → one file per subcommand.
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod import_actors;
mod import_geonames;

#[derive(Parser, Debug)]
#[command(name = "gazetag", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Derive gazetteer CSVs from open data dumps.
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Subcommand, Debug)]
enum ImportCommand {
    /// Countries, regions and cities from GeoNames dump files.
    Geonames(import_geonames::Args),
    /// People and agencies from the Factbook, PETRARCH2, congress-legislators and agency lists.
    Actors(import_actors::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Import(ImportCommand::Geonames(args)) => import_geonames::run(args),
        Command::Import(ImportCommand::Actors(args)) => import_actors::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("gazetag: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
