//! `gazetag serve`: an HTTP/1.1 JSON service for live tagging.
//!
//! | method and path | answer |
//! |---|---|
//! | `POST /tag` | the [JSONL document shape](crate::output::jsonl) of `gazetag tag --format jsonl`: one object for a body `{"id":..., "text":...}` or a `text/plain` body (id `"-"`), an array of them, in order, for an array |
//! | `GET /health` | `{"status":"ok"}` |
//! | `GET /version` | `{"gazetag":PROGRAM_VERSION,"gazetteer":GAZETTEER_VERSION,"entities":N}` |
//!
//! Every answer is JSON with a trailing newline. Refusals are
//! `{"error":MESSAGE,"status":CODE}` ([`api::ApiError`]): 400 for malformed
//! JSON (with `line` and `column`), a missing or non-string `text` (named, with
//! its array index) or a plain-text body that is not UTF-8; 404 for an unknown
//! path; 405 (with `Allow`) for a wrong method; 408 when the body has not
//! arrived within the request deadline; 413 for a body over the size limit,
//! refused from `Content-Length` before reading it, and for a chunked body as
//! soon as it passes the limit; 503 (with `Retry-After: 1`) when the bodies
//! in flight over all requests would pass `--max-inflight`. A client that
//! does not send its request head within the deadline is disconnected.
//!
//! # Design
//!
//! hyper's HTTP/1 server on a tokio runtime. Issue 11 asks that 1,000
//! concurrent connections, slow clients among them, leave `/health` and the
//! other clients answered, in under 500 MB: a thread per connection (what a
//! small synchronous server such as tiny_http does) spends a thread and its
//! stack on every idle or dribbling client, and cannot put a deadline on a
//! blocking read without one more thread. With async I/O an idle connection
//! costs a few kilobytes, deadlines are timers, and a slow client holds no
//! thread. hyper alone (no axum or tower, no HTTP/2, no client) keeps the
//! added build small: 18 crates, about 80 CPU-seconds on a clean build with
//! this project's dependency profile (measured in a scratch crate, where
//! tokio's `select!` macro also rebuilt `syn`; here clap has built it
//! already).
//!
//! Tagging is CPU-bound, so it never runs on the I/O threads: each `/tag`
//! body is parsed, tagged and rendered on tokio's blocking pool, capped at
//! [`ServerConfig::threads`] threads (all cores by default), while the I/O
//! threads keep accepting connections and answering `/health`. Requests
//! beyond that many wait their turn in the pool's queue.
//!
//! # Shutdown
//!
//! [`Server::run_until`] stops accepting when its future completes (for the
//! command line: SIGTERM or SIGINT, see [`Server::signals`]), asks every open
//! connection to finish the request it is serving and close, and returns when
//! the last one has: in-flight requests get their answers. Idle keep-alive
//! connections close at once; a client still sending its request keeps its
//! deadline (and then gets 408), so shutdown takes at most the request
//! timeout plus the tagging in flight.
//!
//! # Costs
//!
//! Each request body is held in memory once as bytes and once as the parsed
//! document, and its answer is rendered whole before it is sent: about three
//! times the body per `/tag` request in flight, on top of the tagger (about
//! 270 MB resident for the shipped gazetteer). `--max-inflight` caps the
//! bodies held at once, so memory stays bounded however many clients send
//! large bodies together; an idle or slow connection costs a few kilobytes.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, ALLOW, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

use crate::output::JsonlFormat;
use crate::tagger::Tagger;

pub mod api;

use api::{ApiError, BodyKind};

/// The default `--max-body`: 10 MB.
pub const DEFAULT_MAX_BODY: usize = 10 * 1000 * 1000;

/// The default `--max-inflight`: 100 MB of request bodies at once.
pub const DEFAULT_MAX_INFLIGHT: usize = 100 * 1000 * 1000;

/// The budget counts request bodies in units of this many bytes.
const BUDGET_UNIT: usize = 1024;

/// The default request deadline.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How the server listens and what it accepts.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Where to listen; port 0 picks a free port ([`Server::local_addr`]).
    pub addr: SocketAddr,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// The most bytes of request bodies held at once, over all requests
    /// (from the first byte read until the answer is rendered); a request
    /// that would pass it gets 503 with `Retry-After`.
    pub max_inflight: usize,
    /// The time a client has to send its request head, and then its body.
    pub timeout: Duration,
    /// Threads that tag (and, as many, that do I/O); 0 means one per core.
    pub threads: usize,
}

impl ServerConfig {
    /// The defaults: 10 MB bodies, 100 MB of bodies in flight, a 30 s deadline, one thread per core.
    pub fn new(addr: SocketAddr) -> ServerConfig {
        ServerConfig {
            addr,
            max_body: DEFAULT_MAX_BODY,
            max_inflight: DEFAULT_MAX_INFLIGHT,
            timeout: DEFAULT_TIMEOUT,
            threads: 0,
        }
    }
}

/// What every connection shares.
struct State {
    tagger: Tagger,
    format: JsonlFormat,
    max_body: usize,
    budget: Arc<Semaphore>,
    max_inflight: usize,
    timeout: Duration,
}

/// A bound, not yet running server.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: TcpListener,
    state: Arc<State>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("addr", &self.listener.local_addr().ok())
            .finish_non_exhaustive()
    }
}

/// The listen queue length: a burst of a thousand clients connecting at once
/// should queue, not see their SYNs dropped and retried a second later.
const BACKLOG: u32 = 1024;

impl Server {
    /// Starts the runtime and binds the address; nothing is served until
    /// [`Server::run_until`].
    ///
    /// # Errors
    ///
    /// When the runtime cannot start or the address cannot be bound.
    pub fn bind(tagger: Tagger, config: &ServerConfig) -> io::Result<Server> {
        let threads = match config.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .max_blocking_threads(threads)
            .thread_name("gazetag-serve")
            .enable_all()
            .build()?;
        let listener = {
            let _guard = runtime.enter();
            let socket = if config.addr.is_ipv4() {
                tokio::net::TcpSocket::new_v4()?
            } else {
                tokio::net::TcpSocket::new_v6()?
            };
            // A restarted server must not wait for the old one's TIME_WAIT
            // connections to drain before it can bind again.
            socket.set_reuseaddr(true)?;
            socket.bind(config.addr)?;
            socket.listen(BACKLOG)?
        };
        Ok(Server {
            runtime,
            listener,
            state: Arc::new(State {
                tagger,
                format: JsonlFormat::new(&[]),
                max_body: config.max_body,
                budget: Arc::new(Semaphore::new(
                    config
                        .max_inflight
                        .div_ceil(BUDGET_UNIT)
                        .clamp(1, Semaphore::MAX_PERMITS),
                )),
                max_inflight: config.max_inflight,
                timeout: config.timeout,
            }),
        })
    }

    /// The address the server listens on (with the port chosen for port 0).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// A future that completes on the first SIGTERM or SIGINT (Ctrl-C
    /// elsewhere than on Unix), for [`Server::run_until`]. The handlers are
    /// installed when this returns, so a signal that arrives before the
    /// server runs is not lost and does not kill the process.
    ///
    /// # Errors
    ///
    /// When the handlers cannot be installed.
    pub fn signals(&self) -> io::Result<impl Future<Output = ()> + Send + 'static> {
        let _guard = self.runtime.enter();
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let mut term = signal(SignalKind::terminate())?;
            let mut int = signal(SignalKind::interrupt())?;
            Ok(async move {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
            })
        }
        #[cfg(not(unix))]
        {
            Ok(async {
                let _ = tokio::signal::ctrl_c().await;
            })
        }
    }

    /// Serves until `shutdown` completes, then stops accepting, lets the
    /// requests in flight finish and returns.
    ///
    /// # Errors
    ///
    /// None today (failed accepts, such as running out of file descriptors,
    /// are retried); the `Result` leaves room for fatal listener errors.
    pub fn run_until(self, shutdown: impl Future<Output = ()>) -> io::Result<()> {
        let Server {
            runtime,
            listener,
            state,
        } = self;
        runtime.block_on(accept_loop(listener, state, shutdown));
        Ok(())
    }
}

async fn accept_loop(listener: TcpListener, state: Arc<State>, shutdown: impl Future<Output = ()>) {
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut conns = JoinSet::new();
    let mut shutdown = pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    // Answers are written whole; Nagle would only delay
                    // their last segment.
                    let _ = stream.set_nodelay(true);
                    conns.spawn(connection(stream, state.clone(), stop_rx.clone()));
                }
                // Out of file descriptors, or a connection reset before it
                // was accepted: back off briefly instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
            // Reap finished connections so the set stays as large as the
            // number of open ones.
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    while conns.join_next().await.is_some() {}
}

async fn connection(
    stream: tokio::net::TcpStream,
    state: Arc<State>,
    mut stop: watch::Receiver<bool>,
) {
    let timeout = state.timeout;
    let service = service_fn(move |req| {
        let state = state.clone();
        async move { Ok::<_, Infallible>(handle(req, state).await) }
    });
    let mut conn = pin!(http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(timeout)
        .serve_connection(TokioIo::new(stream), service));
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stop.wait_for(|stop| *stop) => {}
    }
    // Finishes the request in flight, if any, then closes.
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

async fn handle(req: Request<Incoming>, state: Arc<State>) -> Response<Full<Bytes>> {
    let get = |req: &Request<Incoming>| matches!(*req.method(), Method::GET | Method::HEAD);
    match req.uri().path() {
        "/tag" if req.method() == Method::POST => match tag(req, &state).await {
            Ok(body) => json(StatusCode::OK, body),
            Err(e) => error(e),
        },
        "/tag" => not_allowed(&req, "POST"),
        "/health" if get(&req) => json(StatusCode::OK, b"{\"status\":\"ok\"}\n".to_vec()),
        "/version" if get(&req) => {
            let mut body = serde_json::json!({
                "gazetag": env!("CARGO_PKG_VERSION"),
                "gazetteer": state.tagger.version(),
                "entities": state.tagger.gazetteer().len(),
            })
            .to_string()
            .into_bytes();
            body.push(b'\n');
            json(StatusCode::OK, body)
        }
        "/health" | "/version" => not_allowed(&req, "GET, HEAD"),
        path => error(ApiError::new(
            404,
            format!("no such endpoint: {path} (try POST /tag, GET /health, GET /version)"),
        )),
    }
}

async fn tag(req: Request<Incoming>, state: &Arc<State>) -> Result<Vec<u8>, ApiError> {
    let kind = BodyKind::from_content_type(
        req.headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
    );
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.max_body as u64) {
        return Err(too_large(state.max_body));
    }
    let mut held = state.reserve(None, declared.unwrap_or(0) as usize)?;
    let body = tokio::time::timeout(
        state.timeout,
        read_body(req.into_body(), declared, state, &mut held),
    )
    .await
    .map_err(|_| {
        ApiError::new(
            408,
            format!(
                "the request body did not arrive within {} s",
                state.timeout.as_secs_f64()
            ),
        )
    })??;
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let answer = api::tag_body(&state.tagger, &state.format, kind, body);
        // The body's share of the budget covers its parsed copy too.
        drop(held);
        answer
    })
    .await
    .unwrap_or_else(|e| Err(ApiError::new(500, format!("tagging failed: {e}"))))
}

/// Reads the whole body, refusing it as soon as it passes the size limit or
/// the in-flight budget, growing `held` as it grows.
async fn read_body(
    mut body: Incoming,
    declared: Option<u64>,
    state: &State,
    held: &mut Option<OwnedSemaphorePermit>,
) -> Result<Vec<u8>, ApiError> {
    let max = state.max_body;
    let mut buf = Vec::with_capacity(declared.map_or(0, |n| n as usize).min(max));
    while let Some(frame) = body.frame().await {
        let frame =
            frame.map_err(|e| ApiError::new(400, format!("cannot read the request body: {e}")))?;
        if let Ok(data) = frame.into_data() {
            if buf.len() + data.len() > max {
                return Err(too_large(max));
            }
            buf.extend_from_slice(&data);
            let reserved = held.as_ref().map_or(0, |p| p.num_permits()) * BUDGET_UNIT;
            if buf.len() > reserved {
                // Reserve ahead in 64 KiB steps: one semaphore call per
                // frame of a large chunked body would be wasted work.
                *held = state.reserve(held.take(), buf.len() + 64 * 1024)?;
            }
        }
    }
    Ok(buf)
}

impl State {
    /// Grows `held` to cover `bytes` of request bodies, or refuses with 503
    /// when the bodies in flight already use the budget.
    fn reserve(
        &self,
        held: Option<OwnedSemaphorePermit>,
        bytes: usize,
    ) -> Result<Option<OwnedSemaphorePermit>, ApiError> {
        let have = held.as_ref().map_or(0, |p| p.num_permits());
        let want = bytes.div_ceil(BUDGET_UNIT).max(1);
        if want <= have {
            return Ok(held);
        }
        let more = u32::try_from(want - have).unwrap_or(u32::MAX);
        match self.budget.clone().try_acquire_many_owned(more) {
            Ok(mut permit) => {
                if let Some(held) = held {
                    permit.merge(held);
                }
                Ok(Some(permit))
            }
            Err(_) => Err(ApiError::new(
                503,
                format!(
                    "the server holds its limit of {} bytes of request bodies in flight (--max-inflight); retry shortly",
                    self.max_inflight
                ),
            )),
        }
    }
}

fn too_large(max: usize) -> ApiError {
    ApiError::new(
        413,
        format!("the request body is larger than the limit of {max} bytes (--max-body)"),
    )
}

fn json(status: StatusCode, body: Vec<u8>) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::from(body)));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

fn error(e: ApiError) -> Response<Full<Bytes>> {
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = json(status, e.to_json());
    // After a refused or late body the rest of it may still be on the
    // wire: close rather than read it as the next request.
    if matches!(e.status, 408 | 413 | 503) {
        resp.headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
    }
    if e.status == 503 {
        resp.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from_static("1"));
    }
    resp
}

fn not_allowed(req: &Request<Incoming>, allow: &'static str) -> Response<Full<Bytes>> {
    let mut resp = error(ApiError::new(
        405,
        format!(
            "{} {} is not allowed (allowed: {allow})",
            req.method(),
            req.uri().path()
        ),
    ));
    resp.headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    resp
}
