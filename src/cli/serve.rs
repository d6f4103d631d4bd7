//! `gazetag serve`: the HTTP JSON service ([`gazetag::serve`]).

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use gazetag::serve::{Server, ServerConfig, DEFAULT_MAX_BODY, DEFAULT_MAX_INFLIGHT};
use gazetag::TaggerBuilder;

use super::gazetteer_args::GazetteerArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port, printed on stderr).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    addr: SocketAddr,
    /// Largest request body accepted, in bytes; larger ones get 413.
    #[arg(long = "max-body", default_value_t = DEFAULT_MAX_BODY, value_name = "BYTES")]
    max_body: usize,
    /// Most bytes of request bodies held at once over all requests; past
    /// it new requests get 503 (bounds memory under many large bodies).
    #[arg(long = "max-inflight", default_value_t = DEFAULT_MAX_INFLIGHT, value_name = "BYTES")]
    max_inflight: usize,
    /// Seconds a client has to send its request head, then its body
    /// (408 after that).
    #[arg(long, default_value_t = 30.0, value_name = "SECS")]
    timeout: f64,
    /// Tagging threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

fn validate(args: &Args) -> anyhow::Result<ServerConfig> {
    if args.threads == Some(0) {
        bail!("--threads must be at least 1");
    }
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout < 1e9) {
        bail!("--timeout must be a positive number of seconds");
    }
    if args.max_body == 0 {
        bail!("--max-body must be at least 1");
    }
    if args.max_inflight < args.max_body {
        bail!("--max-inflight must be at least --max-body, or the largest bodies could never be accepted");
    }
    let mut cfg = ServerConfig::new(args.addr);
    cfg.max_body = args.max_body;
    cfg.max_inflight = args.max_inflight;
    cfg.timeout = Duration::from_secs_f64(args.timeout);
    cfg.threads = args.threads.unwrap_or(0);
    Ok(cfg)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let cfg = validate(&args)?;
    let tagger = TaggerBuilder::new().build(args.gazetteer.load()?)?;
    let server =
        Server::bind(tagger, &cfg).with_context(|| format!("cannot listen on {}", cfg.addr))?;
    let shutdown = server
        .signals()
        .context("cannot install the signal handlers")?;
    // Tests and scripts read this line to find a port chosen with port 0.
    eprintln!("gazetag: listening on {}", server.local_addr()?);
    server.run_until(async {
        shutdown.await;
        eprintln!("gazetag: shutting down, finishing the requests in flight");
    })?;
    eprintln!("gazetag: stopped");
    Ok(ExitCode::SUCCESS)
}
