//! The rate limit shared through Redis: what a permit costs, and how close 4 processes
//! together get to the budget.
//!
//! Both parts start their own `redis-server` on a free loopback port (without saving
//! anything) and kill it at the end; without `redis-server` the benchmark says so and
//! writes nothing.
//!
//! 1. Cost of a permit: `acquire` then `release`, one after another, through a `RedisLimiter`
//!    on loopback and through the in-process `RateLimiter`, with limits that never bind,
//!    in interleaved rounds.
//! 2. Sustained rate: this binary runs 4 more times as worker processes
//!    (`ALTEGIO_BENCH_WORKER`), each with one client on the same key, 100 calls each,
//!    all started at once, against one loopback server that records each arrival; the
//!    budget is 5 requests per 100 ms and 200 per 6 s (Altegio's, ten times faster).

mod common;

use common::{Paired, Row, Server};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

const PROCESSES: usize = 4;
const CALLS_EACH: usize = 100;
const LIMITS: [(u32, Duration); 2] = [(5, Duration::from_millis(100)), (200, Duration::from_secs(6))];
/// The target: the sustained rate is at least this share of the budget.
const TARGET: f64 = 0.95;
/// Limits that never bind, for the cost of a permit; with a window of a microsecond each
/// limiter keeps only the slots still in flight, so neither pays for a long list.
const UNBOUND: [(u32, Duration); 1] = [(1_000_000_000, Duration::from_micros(1))];
const ROUNDS: usize = 15;
/// Runs of the sustained-rate part; the median is reported, with the slowest and
/// fastest run beside it.
const RUNS: usize = 3;

/// A `redis-server` of this benchmark, killed when dropped.
struct Redis {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Redis {
    fn start() -> Option<Redis> {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let binary = std::env::split_paths(&path)
            .chain(["/usr/bin", "/usr/sbin"].map(PathBuf::from))
            .map(|d| d.join("redis-server"))
            .find(|p| p.is_file())?;
        let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
        let dir = std::env::temp_dir().join(format!("altegio-bench-redis-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok()?;
        let child = Command::new(binary)
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let redis = Redis { child, port, dir };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(10) {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Some(redis)
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One worker process: `CALLS_EACH` calls at once through one client on the shared key.
fn worker() {
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is set for a worker"));
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(async {
        let limiter = altegio::RedisLimiter::builder(var("BENCH_REDIS"), var("BENCH_KEY"))
            .limits(&LIMITS)
            .fallback(altegio::Fallback::Fail)
            .connect()
            .await
            .expect("Redis");
        let client = altegio::Client::builder(common::PARTNER)
            .user_token(common::USER)
            .base_url(var("BENCH_SERVER"))
            .rate_limiter(limiter)
            .build()
            .expect("client");
        let calls = (0..CALLS_EACH).map(|_| client.get_location().location_id(1).send());
        for r in futures_util::future::join_all(calls).await {
            r.expect("call");
        }
    });
}

/// Median and quartiles.
fn quartiles(mut v: Vec<f64>) -> Paired {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    Paired { median: at(0.5), q1: at(0.25), q3: at(0.75) }
}

/// Microseconds per permit, taking `n` permits one after another.
async fn per_permit(limiter: &dyn altegio::Limiter, n: usize) -> f64 {
    let started = Instant::now();
    for _ in 0..n {
        // As the client does: the release is awaited once the reply is in.
        limiter.acquire().await.expect("permit").release().await;
    }
    started.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn main() {
    if std::env::var_os("ALTEGIO_BENCH_WORKER").is_some() {
        worker();
        return;
    }
    // `cargo test --benches` runs bench targets with no `--bench` flag: stay quick there.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("redis_limit: run through `cargo bench` to measure");
        return;
    }
    let Some(redis) = Redis::start() else {
        eprintln!("redis_limit: redis-server is not installed (apt-get install redis-server); nothing measured");
        return;
    };
    let started = SystemTime::now();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let key = format!("altegio:bench:{}", std::process::id());

    // 1. The cost of a permit, in interleaved rounds.
    let (local_us, redis_us, ratios) = rt.block_on(async {
        let local = altegio::RateLimiter::new(&UNBOUND);
        let shared = altegio::RedisLimiter::builder(redis.url(), format!("{key}:cost"))
            .limits(&UNBOUND)
            .fallback(altegio::Fallback::Fail)
            .connect()
            .await
            .expect("Redis");
        // Warm-up: the script is loaded, the connection open.
        per_permit(&shared, 200).await;
        per_permit(&local, 2_000).await;
        let (mut l, mut r, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            let (a, b) = if round % 2 == 0 {
                let a = per_permit(&local, 20_000).await;
                (a, per_permit(&shared, 1_000).await)
            } else {
                let b = per_permit(&shared, 1_000).await;
                (per_permit(&local, 20_000).await, b)
            };
            l.push(a);
            r.push(b);
            ratios.push(b / a);
        }
        (quartiles(l).median, quartiles(r).median, quartiles(ratios))
    });
    eprintln!(
        "redis_limit: a permit costs {redis_us:.1} µs through Redis, {local_us:.3} µs in process ({:.0}x)",
        ratios.median
    );

    // 2. Sustained rate of 4 processes on one key, in `RUNS` runs (the median counts: on a
    // shared machine one run can meet a slow spell).
    let arrivals = Arc::new(Mutex::new(Vec::<Instant>::new()));
    let seen = arrivals.clone();
    let body = bytes::Bytes::from(common::spec_body("get_location"));
    let server = Server::start(Arc::new(move |_parts: &http::request::Parts| {
        seen.lock().expect("arrivals").push(Instant::now());
        body.clone()
    }));
    let exe = std::env::current_exe().expect("the bench binary");
    let total = PROCESSES * CALLS_EACH;
    let ideal = common::ideal(total, &LIMITS);
    let mut runs: Vec<Duration> = Vec::new();
    for run in 0..RUNS {
        arrivals.lock().expect("arrivals").clear();
        let workers: Vec<Child> = (0..PROCESSES)
            .map(|_| {
                Command::new(&exe)
                    .env("ALTEGIO_BENCH_WORKER", "1")
                    .env("BENCH_REDIS", redis.url())
                    .env("BENCH_KEY", format!("{key}:rate:{run}"))
                    .env("BENCH_SERVER", server.base_url())
                    .stdout(Stdio::null())
                    .spawn()
                    .expect("worker process")
            })
            .collect();
        for mut w in workers {
            let status = w.wait().expect("worker");
            assert!(status.success(), "a worker failed: {status}");
        }
        let mut times = arrivals.lock().expect("arrivals").clone();
        times.sort();
        assert_eq!(times.len(), total);
        let last = times[total - 1] - times[0];
        eprintln!(
            "redis_limit: run {run}: {total} calls from {PROCESSES} processes in {last:?}, ideal {ideal:?}, rate {:.3}",
            ideal.as_secs_f64() / last.as_secs_f64()
        );
        runs.push(last);
    }
    runs.sort();
    let last = runs[RUNS / 2];
    let ratio = ideal.as_secs_f64() / last.as_secs_f64();
    let spread = Paired {
        median: ratio,
        q1: ideal.as_secs_f64() / runs[RUNS - 1].as_secs_f64(),
        q3: ideal.as_secs_f64() / runs[0].as_secs_f64(),
    };

    let rows = vec![
        Row {
            case: "one permit at a time, limits that never bind, loopback".into(),
            subject: "RedisLimiter (grant and release: two script round trips)".into(),
            baseline: "in-process RateLimiter".into(),
            unit: "µs/permit".into(),
            value: redis_us,
            baseline_value: local_us,
            ratio_of: "time / baseline time".into(),
            ratio: redis_us / local_us,
            paired_ratio: Some(ratios),
            target: String::new(),
            met: None,
        },
        Row {
            case: format!(
                "{PROCESSES} processes × {CALLS_EACH} calls at once, one key, 5 per 100 ms and 200 per 6 s, loopback"
            ),
            subject: "first to last arrival at the server".into(),
            baseline: "a limiter with no latency (last grant)".into(),
            unit: "s".into(),
            value: last.as_secs_f64(),
            baseline_value: ideal.as_secs_f64(),
            ratio_of: "sustained rate / budget (ideal time / time)".into(),
            ratio,
            paired_ratio: Some(spread),
            target: format!("≥ {TARGET}"),
            met: Some(ratio >= TARGET),
        },
    ];
    let method = format!(
        "A `redis-server` started by the benchmark on loopback (no persistence). Cost of a permit: \
         `acquire()` then `release()`, as the client does around each request, one after another on \
         a two-thread runtime, through a `RedisLimiter` (a Lua script round trip to grant, a second \
         one to release) and through the in-process `RateLimiter`, with limits \
         that never bind, in {ROUNDS} interleaved rounds (1,000 Redis permits, 20,000 in-process \
         ones per round); the ratio is the median of the per-round ratios. Sustained rate: this \
         binary runs {PROCESSES} times more as worker processes, each with one client whose \
         `RedisLimiter` uses the same key, allowing 5 requests per 100 ms and 200 per 6 s \
         (Altegio's limits ten times faster); each starts {CALLS_EACH} calls of `get_location` at \
         once. The server runs in the parent on loopback and records each arrival. The figure is \
         the time from the first to the last arrival against the time a limiter with no latency \
         would need to grant the last slot, in {RUNS} runs (each on a fresh key): the median run, \
         with the slowest and the fastest in the column of interleaved ratios. Every window costs \
         the round trip of a request and of the release to Redis, and two timer wake-ups; the \
         scaled-down windows make that ten times larger a share than with Altegio's. \
         Target: ≥ {TARGET} of the budget."
    );
    common::write_results("redis_limit", "Rate limit shared through Redis", &method, &rows, started);
    drop(redis);
}
