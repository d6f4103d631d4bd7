use std::process::ExitCode;

mod cli;

/// mimalloc instead of glibc's malloc: the per-document work allocates many
/// small, short-lived vectors and strings on every worker thread, where
/// glibc's allocator (malloc, free and their consolidation) was about 9% of
/// the pipeline's time in `perf`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
