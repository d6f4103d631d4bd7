//! The progress line `gazetag tag` draws on stderr when stderr is a
//! terminal: documents, MB read, MB/s, elapsed time, and the ETA when the
//! total input size is known (files, not stdin).
//!
//! Hand-rolled with `\r`: one line, redrawn at most five times a second,
//! and only once a run has lasted a second, so short runs print nothing.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use gazetag::pipeline::RunStats;

const FIRST_AFTER: Duration = Duration::from_secs(1);
const EVERY: Duration = Duration::from_millis(200);

pub struct Progress {
    enabled: bool,
    start: Instant,
    last: Option<Instant>,
    total: Option<u64>,
    drawn: bool,
}

impl Progress {
    /// A progress line, drawn only when `enabled` and stderr is a terminal.
    /// `total`: the input size in bytes, when known.
    pub fn new(enabled: bool, total: Option<u64>) -> Progress {
        Progress {
            enabled: enabled && std::io::stderr().is_terminal(),
            start: Instant::now(),
            last: None,
            total,
            drawn: false,
        }
    }

    /// Called after each batch is written.
    pub fn update(&mut self, s: &RunStats) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let elapsed = now - self.start;
        if elapsed < FIRST_AFTER || self.last.is_some_and(|t| now - t < EVERY) {
            return;
        }
        self.last = Some(now);
        let line = render(s, elapsed, self.total);
        let mut err = std::io::stderr().lock();
        // Progress is best effort: a failing stderr must not fail the run.
        let _ = write!(err, "\r{line}\x1b[K");
        let _ = err.flush();
        self.drawn = true;
    }

    /// Clears the line, so the end-of-run summary starts on a clean one.
    pub fn finish(&mut self) {
        if self.drawn {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
            self.drawn = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

fn render(s: &RunStats, elapsed: Duration, total: Option<u64>) -> String {
    let secs = elapsed.as_secs_f64();
    let mb = s.read_bytes as f64 / 1e6;
    let rate = if secs > 0.0 { mb / secs } else { 0.0 };
    let mut line = format!(
        "gazetag: {} docs, {mb:.1} MB, {rate:.1} MB/s, {}",
        s.documents,
        clock(elapsed.as_secs())
    );
    if let Some(total) = total.filter(|t| *t > 0) {
        let done = (s.read_bytes as f64 / total as f64).min(1.0);
        let width = 20;
        let filled = (done * width as f64).round() as usize;
        let bar = format!("[{}{}]", "#".repeat(filled), "-".repeat(width - filled));
        let eta = if rate > 0.0 {
            let left = (total.saturating_sub(s.read_bytes)) as f64 / 1e6 / rate;
            format!(", ETA {}", clock(left.round() as u64))
        } else {
            String::new()
        };
        line = format!("{bar} {:>3.0}% {line}{eta}", done * 100.0);
    }
    line
}

fn clock(secs: u64) -> String {
    format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_with_and_without_total() {
        let s = RunStats {
            documents: 1200,
            read_bytes: 50_000_000,
            ..RunStats::default()
        };
        assert_eq!(
            render(&s, Duration::from_secs(10), None),
            "gazetag: 1200 docs, 50.0 MB, 5.0 MB/s, 0:00:10"
        );
        assert_eq!(
            render(&s, Duration::from_secs(10), Some(100_000_000)),
            "[##########----------]  50% gazetag: 1200 docs, 50.0 MB, 5.0 MB/s, 0:00:10, ETA 0:00:10"
        );
    }
}
