//! One rate limit shared through Redis by several OS processes, proved by the request
//! times the server saw; and what happens when Redis goes away and comes back.
//!
//! Every test starts its own `redis-server` on a free loopback port with a temporary
//! directory, and kills it at the end. Without `redis-server` the tests say so loudly and
//! pass, except under `CI=true`, where they fail (`.ci/run` installs it).
//!
//! The processes are this test binary run again with `ALTEGIO_REDIS_WORKER` set: the
//! test `worker` then plays one process of the integration, and does nothing otherwise.

mod common;
use altegio::mock::{MockResponse, MockServer};
use altegio::{Client, ErrorKind, Fallback, Limiter, RateLimiter, RedisLimiter};
use common::*;
use serde_json::json;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Altegio's 5/s and 200/min, scaled down so that a test takes seconds.
const SHORT: Duration = Duration::from_millis(200);
const LONG: Duration = Duration::from_secs(2);
const LIMITS: [(u32, Duration); 2] = [(5, SHORT), (20, LONG)];

/// A `redis-server` of this test, killed (and its directory removed) when dropped.
struct Redis {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
}

impl Redis {
    /// Starts `redis-server` on a free loopback port; `None` (after a loud message) when
    /// it is not installed, and a failure under `CI=true`.
    fn start() -> Option<Redis> {
        let Some(binary) = redis_binary() else {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
            assert!(!ci, "redis-server is not installed; .ci/run should have installed it");
            eprintln!(
                "\n*** SKIPPED: redis-server is not installed (apt-get install redis-server); \
                 the shared rate limiter is NOT tested ***\n"
            );
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
        let dir = std::env::temp_dir().join(format!("altegio-redis-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let mut redis = Redis { child: None, port, dir };
        redis.child = Some(spawn_redis(&binary, port, &redis.dir));
        Some(redis)
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Sends one inline command and returns the first line of the reply.
    fn command(&self, command: &str) -> String {
        use std::io::{BufRead, Write};
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to redis-server");
        stream.write_all(format!("{command}\r\n").as_bytes()).expect("send");
        let mut line = String::new();
        std::io::BufReader::new(stream).read_line(&mut line).expect("reply");
        line.trim_end().to_string()
    }

    /// Kills the server (its data is gone: it keeps none on disk).
    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port.
    fn restart(&mut self) {
        self.stop();
        let binary = redis_binary().expect("redis-server");
        self.child = Some(spawn_redis(&binary, self.port, &self.dir));
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn redis_binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/bin", "/usr/sbin", "/usr/local/bin"].map(PathBuf::from))
        .map(|d| d.join("redis-server"))
        .find(|p| p.is_file())
}

fn spawn_redis(binary: &PathBuf, port: u16, dir: &PathBuf) -> Child {
    let child = Command::new(binary)
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        .arg("--dir")
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server starts");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(10), "redis-server did not listen on {port}");
        std::thread::sleep(Duration::from_millis(10));
    }
    child
}

/// The most requests seen within any window of `len`.
fn busiest(times: &[Instant], len: Duration) -> usize {
    times.iter().map(|start| times.iter().filter(|t| **t >= *start && **t - *start < len).count()).max().unwrap_or(0)
}

/// Starts one worker process: `mode` is `redis` (the shared limiter) or `local` (an
/// in-process limiter each, as without Redis); it sends `calls` calls, all at once, taking
/// turns between its two clients.
fn spawn_worker(mode: &str, redis: &str, key: &str, server: &str, calls: usize) -> Child {
    let exe = std::env::current_exe().expect("the test binary");
    Command::new(exe)
        .args(["--exact", "worker", "--nocapture", "--test-threads", "1"])
        .env("ALTEGIO_REDIS_WORKER", mode)
        .env("WORKER_REDIS", redis)
        .env("WORKER_KEY", key)
        .env("WORKER_SERVER", server)
        .env("WORKER_CALLS", calls.to_string())
        .stdout(Stdio::null())
        .spawn()
        .expect("a worker process starts")
}

fn wait_all(workers: Vec<Child>) {
    for mut w in workers {
        let status = w.wait().expect("worker");
        assert!(status.success(), "a worker failed: {status}");
    }
}

/// One process of the integration (run by the tests above through `spawn_worker`).
#[test]
fn worker() {
    let Ok(mode) = std::env::var("ALTEGIO_REDIS_WORKER") else { return };
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is set for a worker"));
    let calls: usize = var("WORKER_CALLS").parse().expect("a number of calls");
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(async {
        let limiter: Arc<dyn Limiter> = match mode.as_str() {
            "redis" => Arc::new(
                RedisLimiter::builder(var("WORKER_REDIS"), var("WORKER_KEY"))
                    .limits(&LIMITS)
                    .fallback(Fallback::Fail)
                    .connect()
                    .await
                    .expect("Redis"),
            ),
            _ => Arc::new(RateLimiter::new(&LIMITS)),
        };
        // Two clients per process, sharing the process's limiter.
        let clients: Vec<Client> = (0..2)
            .map(|_| Client::builder(PARTNER).base_url(var("WORKER_SERVER")).rate_limiter(limiter.clone()).build())
            .collect::<Result<_, _>>()
            .expect("clients");
        let sends = (0..calls).map(|i| clients[i % 2].get_location().location_id(1).send());
        for r in futures_util::future::join_all(sends).await {
            r.expect("call");
        }
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_sharing_a_key_stay_within_both_windows_and_break_them_without_it() {
    let Some(redis) = Redis::start() else { return };
    // 4 processes × 2 clients × 5 calls, all at once.
    let server = MockServer::start().await.unwrap();
    let started = Instant::now();
    let workers = (0..4).map(|_| spawn_worker("redis", &redis.url(), "altegio:test-ip", &server.url(), 10)).collect();
    tokio::task::spawn_blocking(move || wait_all(workers)).await.unwrap();
    let elapsed = started.elapsed();
    let times: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(times.len(), 40);
    // The server's clock is this process's; Redis's runs at the same rate on this machine
    // (a millisecond of slack for clock slewing).
    let (short, long) =
        (busiest(&times, SHORT - Duration::from_millis(1)), busiest(&times, LONG - Duration::from_millis(2)));
    eprintln!("shared through Redis: at most {short} within {SHORT:?}, {long} within {LONG:?}, in {elapsed:?}");
    assert!(short <= 5, "{short} requests within {SHORT:?} with the shared limiter");
    assert!(long <= 20, "{long} requests within {LONG:?} with the shared limiter");
    // 40 requests at 20 per 2 s: the last had to wait for the long window.
    assert!(elapsed >= LONG, "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");

    // Every process released its slots before it exited: none is left held in Redis
    // (where it would count against the others until its lease ends).
    assert_eq!(redis.command("ZCARD {altegio:test-ip}:held"), ":0");
    assert_ne!(redis.command("ZCARD {altegio:test-ip}:done"), ":0");

    // The same burst, each process with a limiter of its own: the windows overflow.
    let server = MockServer::start().await.unwrap();
    let workers = (0..4).map(|_| spawn_worker("local", &redis.url(), "unused", &server.url(), 10)).collect();
    tokio::task::spawn_blocking(move || wait_all(workers)).await.unwrap();
    let times: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(times.len(), 40);
    let (short, long) = (busiest(&times, SHORT), busiest(&times, LONG));
    eprintln!("a limiter per process: at most {short} within {SHORT:?}, {long} within {LONG:?}");
    assert!(short > 5 && long > 20, "without Redis: {short} within {SHORT:?}, {long} within {LONG:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_seen_by_one_process_holds_back_the_others() {
    let Some(redis) = Redis::start() else { return };
    let server = MockServer::start().await.unwrap();
    let refused = Arc::new(AtomicUsize::new(0));
    let r = refused.clone();
    server.respond_with(op::GET_LOCATION, move |_| {
        if r.fetch_add(1, Ordering::SeqCst) == 0 {
            MockResponse::json(429, json!({"success": false, "data": null, "meta": {"message": "Too many requests"}}))
                .header("Retry-After", "1")
        } else {
            MockResponse::json(200, json!({"success": true, "data": {"id": 1}, "meta": []}))
        }
    });
    let first = spawn_worker("redis", &redis.url(), "altegio:429", &server.url(), 1);
    // Once the 429 is in, another process starts and calls.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.requests().is_empty() {
        assert!(Instant::now() < deadline, "the first worker sent nothing");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let refused_at = server.requests()[0].at;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let second = spawn_worker("redis", &redis.url(), "altegio:429", &server.url(), 1);
    tokio::task::spawn_blocking(move || wait_all(vec![first, second])).await.unwrap();
    let requests = server.requests();
    // 1 refused, then the first worker's call once more and the second worker's call.
    assert_eq!(requests.len(), 3, "{} requests", requests.len());
    for later in &requests[1..] {
        let waited = later.at - refused_at;
        assert!(waited >= Duration::from_millis(950), "a request {waited:?} after the 429");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_stopped_then_restarted_calls_go_on_and_sharing_resumes() {
    let Some(mut redis) = Redis::start() else { return };
    let server = MockServer::start().await.unwrap();
    let limits = [(5, Duration::from_millis(500))];
    let connect = |fallback| {
        RedisLimiter::builder(redis.url(), "altegio:faults")
            .limits(&limits)
            .fallback(fallback)
            .timeout(Duration::from_millis(200))
            .connect()
    };
    // Two "processes": limiters with connections and fallbacks of their own.
    let a = connect(Fallback::Local).await.unwrap();
    let b = connect(Fallback::Local).await.unwrap();
    let strict = connect(Fallback::Fail).await.unwrap();
    let client =
        |l: &RedisLimiter| Client::builder(PARTNER).base_url(server.url()).rate_limiter(l.clone()).build().unwrap();
    let (ca, cs) = (client(&a), client(&strict));
    ca.get_location().location_id(1).send().await.unwrap();

    // Redis goes away: calls go on under the fallback, or fail with the chosen kind, and
    // none hangs.
    redis.stop();
    let bounded = Duration::from_secs(3);
    for _ in 0..3 {
        let sent = tokio::time::timeout(bounded, ca.get_location().location_id(1).send()).await;
        sent.expect("a call under the fallback hangs").expect("a call under the fallback");
    }
    let failed = tokio::time::timeout(bounded, cs.get_location().location_id(1).send()).await.expect("no hang");
    let e = failed.expect_err("Fallback::Fail fails the call");
    assert_eq!(e.kind(), ErrorKind::LimiterUnavailable, "{e}");
    assert!(e.to_string().contains("altegio:faults"), "{e}");
    let sent_before = server.requests().len();
    assert_eq!(sent_before, 4, "the failed call sent nothing");
    // A permit taken directly, and a hold-off, do not hang either.
    drop(tokio::time::timeout(bounded, Limiter::acquire(&b)).await.expect("no hang").expect("fallback permit"));
    tokio::time::timeout(bounded, Limiter::hold_off(&b, Duration::ZERO)).await.expect("no hang");

    // Redis is back (empty): after the retry interval, the two share one budget again.
    redis.restart();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        // The strict limiter succeeds only through Redis.
        if cs.get_location().location_id(1).send().await.is_ok() {
            break;
        }
        assert!(Instant::now() < deadline, "Redis never came back for the limiter");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Let that slot free, then A takes the whole window; B must wait for it, which only
    // a shared budget makes it do (its own fallback has every slot free).
    tokio::time::sleep(Duration::from_millis(600)).await;
    let mut held = Vec::new();
    for _ in 0..5 {
        held.push(tokio::time::timeout(bounded, Limiter::acquire(&a)).await.unwrap().unwrap());
    }
    drop(held);
    let asked = Instant::now();
    let permit = tokio::time::timeout(bounded, Limiter::acquire(&b)).await.unwrap().unwrap();
    let waited = asked.elapsed();
    drop(permit);
    eprintln!("after the restart, B waited {waited:?} for A's window");
    assert!(waited >= Duration::from_millis(400), "B waited only {waited:?}: the budget is not shared");
}

#[tokio::test]
async fn an_unreachable_redis_is_reported_or_tolerated_as_chosen() {
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("redis://127.0.0.1:{port}/");
    let e = RedisLimiter::builder(&url, "k").timeout(Duration::from_millis(200)).connect().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimiterUnavailable, "{e}");
    let e = RedisLimiter::connect("not a url", "k").await.unwrap_err();
    assert!(e.is_invalid_request(), "{e}");
    let e = RedisLimiter::connect(&url, "").await.unwrap_err();
    assert!(e.is_invalid_request(), "{e}");
    // Lazily connected, it falls back at once, keeps the in-process limits, and warns
    // once for the whole outage.
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let lazy = RedisLimiter::builder(&url, "k")
        .limits(&[(2, Duration::from_millis(300))])
        .timeout(Duration::from_millis(100))
        .connect_lazy()
        .unwrap();
    let started = Instant::now();
    for _ in 0..3 {
        drop(tokio::time::timeout(Duration::from_secs(2), Limiter::acquire(&lazy)).await.unwrap().unwrap());
    }
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(2), "{elapsed:?}");
    // Past the retry interval Redis is tried again, still in vain: no second warning.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    drop(tokio::time::timeout(Duration::from_secs(2), Limiter::acquire(&lazy)).await.unwrap().unwrap());
    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert_eq!(logs.matches("Redis is unavailable").count(), 1, "{logs}");
    assert!(logs.contains("WARN") && logs.contains("key=k"), "{logs}");
    assert!(!format!("{lazy:?}").contains("redis://"), "the URL (and any password) stays out of Debug");
}

/// Collects what a `tracing` subscriber writes.
#[derive(Clone, Default)]
struct Capture(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
