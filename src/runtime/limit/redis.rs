//! One rate-limit budget shared through Redis by every process and machine that uses
//! the same key (feature `redis`).

use super::{ALTEGIO_LIMITS, Limiter, LimiterError, RateLimiter, RatePermit};
use crate::runtime::error::{Error, ErrorKind, Result};
use futures_core::future::BoxFuture;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// Default time allowed for one round trip to Redis.
const DEFAULT_TIMEOUT: Duration = Duration::from_millis(500);
/// Default lease: the client's default timeout plus a margin.
const DEFAULT_LEASE: Duration = Duration::from_secs(35);
/// While Redis is unreachable, it is tried again at most this often.
const PROBE_INTERVAL: Duration = Duration::from_secs(1);
/// The longest hold-off written to Redis.
const LONGEST_HOLD_OFF: Duration = Duration::from_secs(3600);
/// The longest window or lease written to Redis (a year, in microseconds, stays exact in
/// the doubles of Lua and of sorted-set scores).
const LONGEST_SPAN: Duration = Duration::from_secs(365 * 24 * 3600);

/// Grants a slot or says how long to wait; see [`RedisLimiter`] for the reasoning.
///
/// KEYS: held, done, pause, seq. ARGV: lease (µs), the number of windows, then for each
/// window its limit and its length (µs). Replies `{1, member}` on a grant, `{0, wait in
/// µs}` otherwise. Every time is the Redis server's (`TIME`), in microseconds.
const GRANT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local function fmt(x) return string.format('%.0f', x) end
local pause = tonumber(redis.call('GET', KEYS[3]) or '0')
if pause > now then return {0, fmt(pause - now)} end
local lease = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local longest = 0
for i = 1, n do
  local w = tonumber(ARGV[2 + 2 * i])
  if w > longest then longest = w end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', fmt(now - longest))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', fmt(now - longest))
local wait = 0
for i = 1, n do
  local limit = tonumber(ARGV[1 + 2 * i])
  local w = tonumber(ARGV[2 + 2 * i])
  local from = '(' .. fmt(now - w)
  local count = redis.call('ZCOUNT', KEYS[1], from, '+inf') + redis.call('ZCOUNT', KEYS[2], from, '+inf')
  if count >= limit then
    local need = count - limit + 1
    local known = {}
    local done = redis.call('ZRANGEBYSCORE', KEYS[2], from, '+inf', 'WITHSCORES', 'LIMIT', 0, need)
    for j = 2, #done, 2 do known[#known + 1] = tonumber(done[j]) end
    local lapsed = redis.call('ZRANGEBYSCORE', KEYS[1], from, fmt(now), 'WITHSCORES', 'LIMIT', 0, need)
    for j = 2, #lapsed, 2 do known[#known + 1] = tonumber(lapsed[j]) end
    table.sort(known)
    local free = now + w
    if #known >= need then free = known[need] + w end
    if free - now > wait then wait = free - now end
  end
end
if wait > 0 then return {0, fmt(wait)} end
local member = fmt(now) .. '-' .. redis.call('INCR', KEYS[4])
redis.call('ZADD', KEYS[1], fmt(now + lease), member)
local keep = math.floor((lease + longest) / 1000) + 1000
redis.call('PEXPIRE', KEYS[1], keep)
redis.call('PEXPIRE', KEYS[4], keep)
return {1, member}
";

/// Marks a slot as answered now. KEYS: held, done. ARGV: member, longest window (µs).
const RELEASE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], string.format('%.0f', now), ARGV[1])
local keep = math.floor(tonumber(ARGV[2]) / 1000) + 1000
if redis.call('PTTL', KEYS[2]) < keep then redis.call('PEXPIRE', KEYS[2], keep) end
return 1
";

/// Grants nothing until `wait` from now (or later, if already held off). KEYS: pause.
/// ARGV: wait (µs).
const HOLD_OFF: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local wait = tonumber(ARGV[1])
local till = now + wait
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if till > current then
  redis.call('SET', KEYS[1], string.format('%.0f', till), 'PX', math.floor(wait / 1000) + 1000)
end
return 1
";

/// What a [`RedisLimiter`] does while Redis cannot be reached (or does not answer within
/// the timeout).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fallback {
    /// Each process limits itself with an in-process [`RateLimiter`] (the default), and
    /// logs one warning per outage. The processes no longer share one budget until
    /// Redis is back: give the fallback a share of the limits with
    /// [`RedisLimiterBuilder::fallback_limits`] to stay within them together.
    #[default]
    Local,
    /// The call fails with [`ErrorKind::LimiterUnavailable`], and nothing is sent.
    Fail,
}

/// Configures a [`RedisLimiter`]; start with [`RedisLimiter::builder`].
#[must_use = "a limiter builder does nothing until `.connect()`"]
pub struct RedisLimiterBuilder {
    url: String,
    key: String,
    limits: Vec<(u32, Duration)>,
    fallback: Fallback,
    fallback_limits: Option<Vec<(u32, Duration)>>,
    timeout: Duration,
    lease: Duration,
}

impl fmt::Debug for RedisLimiterBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The URL may hold a password: it is not shown.
        f.debug_struct("RedisLimiterBuilder")
            .field("key", &self.key)
            .field("limits", &self.limits)
            .field("fallback", &self.fallback)
            .field("fallback_limits", &self.fallback_limits)
            .field("timeout", &self.timeout)
            .field("lease", &self.lease)
            .finish_non_exhaustive()
    }
}

impl RedisLimiterBuilder {
    /// The `(requests, window)` limits of the shared budget (default: Altegio's 5 per
    /// second and 200 per minute); a window with 0 requests is ignored. Every process
    /// sharing a key must use the same limits.
    pub fn limits(mut self, limits: &[(u32, Duration)]) -> Self {
        self.limits = limits.to_vec();
        self
    }

    /// What to do while Redis cannot be reached (default [`Fallback::Local`]).
    pub fn fallback(mut self, fallback: Fallback) -> Self {
        self.fallback = fallback;
        self
    }

    /// The limits of the in-process fallback of this process (default: the shared
    /// limits). With `n` processes on one key, a `1/n` share keeps them within the
    /// budget together during an outage.
    pub fn fallback_limits(mut self, limits: &[(u32, Duration)]) -> Self {
        self.fallback_limits = Some(limits.to_vec());
        self
    }

    /// Time allowed for one round trip to Redis (default 500 ms), connecting included;
    /// past it the call goes on under the [`Fallback`] policy.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long a granted slot may stay unanswered in Redis before it counts as
    /// answered at the end of the lease (default 35 s: the client's default timeout plus
    /// a margin). Keep it longer than the client's timeout. It bounds what a permit
    /// whose release never reached Redis (a crash, an outage) costs the others.
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// Connects to Redis and returns the limiter; fails with
    /// [`ErrorKind::LimiterUnavailable`] when Redis cannot be reached within the timeout,
    /// and with [`ErrorKind::InvalidRequest`] when the URL or the key is not usable.
    pub async fn connect(self) -> Result<RedisLimiter> {
        let (client, config, parts) = self.prepare()?;
        let timeout = parts.timeout;
        let conn = match tokio::time::timeout(timeout, ConnectionManager::new_with_config(client, config)).await {
            Ok(Ok(conn)) => conn,
            Ok(Err(e)) => {
                return Err(Error::new(ErrorKind::LimiterUnavailable).with_message(format!("cannot reach Redis: {e}")));
            }
            Err(_) => {
                return Err(Error::new(ErrorKind::LimiterUnavailable)
                    .with_message(format!("Redis did not answer within {timeout:?}")));
            }
        };
        Ok(parts.finish(conn))
    }

    /// Returns the limiter at once and connects on first use: while Redis cannot be
    /// reached, calls go on under the [`Fallback`] policy. Must be called from within a
    /// Tokio runtime (an error otherwise).
    pub fn connect_lazy(self) -> Result<RedisLimiter> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(Error::invalid_request(
                "RedisLimiter::connect_lazy must be called from within a Tokio runtime",
            ));
        }
        let (client, config, parts) = self.prepare()?;
        let conn = ConnectionManager::new_lazy_with_config(client, config)
            .map_err(|e| Error::invalid_request(format!("cannot set up the Redis connection: {e}")))?;
        Ok(parts.finish(conn))
    }

    fn prepare(self) -> Result<(redis::Client, ConnectionManagerConfig, Parts)> {
        if self.key.is_empty() {
            return Err(Error::invalid_request("the key of a RedisLimiter must not be empty"));
        }
        // The error of a bad URL may quote it: only its kind is reported.
        let client = redis::Client::open(self.url.as_str())
            .map_err(|e| Error::invalid_request(format!("not a usable Redis URL ({:?})", e.kind())))?;
        let timeout = self.timeout.max(Duration::from_millis(1));
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(timeout))
            .set_response_timeout(Some(timeout))
            .set_number_of_retries(1)
            .set_max_delay(PROBE_INTERVAL);
        let windows = usable(&self.limits);
        let fallback_limits = self.fallback_limits.as_deref().map_or_else(|| windows.clone(), usable);
        Ok((
            client,
            config,
            Parts {
                key: self.key,
                windows,
                fallback_limits,
                fallback: self.fallback,
                timeout,
                lease: self.lease.min(LONGEST_SPAN),
            },
        ))
    }
}

/// Limits with 0 requests or an empty window dropped, windows capped to what Redis keeps
/// exact.
fn usable(limits: &[(u32, Duration)]) -> Vec<(u32, Duration)> {
    limits.iter().filter(|(n, w)| *n > 0 && !w.is_zero()).map(|(n, w)| (*n, (*w).min(LONGEST_SPAN))).collect()
}

/// The settings of a limiter being built, apart from the connection.
struct Parts {
    key: String,
    windows: Vec<(u32, Duration)>,
    fallback_limits: Vec<(u32, Duration)>,
    fallback: Fallback,
    timeout: Duration,
    lease: Duration,
}

impl Parts {
    fn finish(self, conn: ConnectionManager) -> RedisLimiter {
        // Every key of one budget shares the hash tag `{key}`, so a Redis Cluster keeps
        // them in one slot, as a script needs.
        let name = |part: &str| format!("{{{}}}:{part}", self.key);
        let longest = self.windows.iter().map(|(_, w)| *w).max().unwrap_or_default();
        let mut window_args = vec![self.windows.len().to_string()];
        for (n, w) in &self.windows {
            window_args.push(n.to_string());
            window_args.push(w.as_micros().to_string());
        }
        RedisLimiter {
            inner: Arc::new(Inner {
                conn,
                held: name("held"),
                done: name("done"),
                pause: name("pause"),
                seq: name("seq"),
                grant: redis::Script::new(GRANT),
                release: redis::Script::new(RELEASE),
                hold_off: redis::Script::new(HOLD_OFF),
                lease_arg: self.lease.as_micros().to_string(),
                longest_arg: longest.as_micros().to_string(),
                window_args,
                local: RateLimiter::new(&self.fallback_limits),
                queue: tokio::sync::Mutex::new(()),
                outage: Mutex::new(None),
                key: self.key,
                windows: self.windows,
                fallback: self.fallback,
                timeout: self.timeout,
            }),
        }
    }
}

/// A rate limiter whose budget lives in Redis, shared by every client of every process,
/// on every machine, that uses the same Redis and the same key (feature `redis`).
///
/// Altegio counts its limits (5 requests per second, 200 per minute) per IP address: a
/// web app with several workers, a sync job beside it, containers behind one NAT gateway
/// all draw on one budget. Give each of them a `RedisLimiter` with the same key and they
/// keep to it together, with the same guarantee as the in-process [`RateLimiter`].
///
/// ```no_run
/// # async fn demo() -> altegio::Result<()> {
/// use altegio::{Client, RedisLimiter};
/// let limiter = RedisLimiter::connect("redis://127.0.0.1:6379", "altegio:203.0.113.7").await?;
/// let client = Client::builder("PARTNER_TOKEN").rate_limiter(limiter.clone()).build()?;
/// # Ok(()) }
/// ```
///
/// # Choosing the key
///
/// The key names the budget: every process that uses it shares it, and nothing else does.
/// Altegio counts per IP address, so the natural key is the egress IP the requests leave
/// from (the NAT gateway's, the proxy's), e.g. `altegio:203.0.113.7`; machines behind
/// different addresses need different keys, or they would share a budget they do not
/// have to share. A key may also name a budget of your own within that one, e.g. one
/// partner's or tenant's share (`altegio:203.0.113.7:partner-42`, with limits below
/// Altegio's), as long as the shares of one IP add up to no more than its limits. The
/// key must be the same, with the same limits, in every process. Its
/// data lives under `{key}:held`, `{key}:done`, `{key}:pause` and `{key}:seq` (one hash
/// tag, so a Redis Cluster keeps them together), and expires on its own when unused.
///
/// # How it works, and why the limits hold
///
/// Each slot is an entry of a sorted set in Redis, and every decision is made by a Lua
/// script, atomically, on the clock of the Redis server (`TIME`), so the clocks of the
/// machines never enter into it. A permit costs one round trip when a slot is free (and
/// one more to release it after the reply): the script grants it, or answers how long to
/// wait until one can be, and the caller sleeps that long before asking again (no polling). Within a process, callers queue
/// first come, first served, and only the first in line talks to Redis.
///
/// A granted entry is *held* with the score `grant + lease`. When the reply has arrived,
/// the client releases the permit ([`RatePermit::release`]): a second script moves the
/// entry to the *done* set with the score of the Redis clock at that moment (a permit
/// merely dropped, e.g. by a cancelled call, sends it from a spawned task). An entry counts in a
/// window of length `w` while `score + w` lies ahead. A slot is granted only while every
/// window counts fewer entries than its limit.
///
/// Proof that no window at the server holds more than `limit` requests: take any
/// `limit + 1` requests that arrived within a window of length `w`, from `a` to `a + w`.
/// Let `L` be the one granted last, at Redis time `g`; it was sent after its grant, so
/// `g ≤` its arrival `< a + w`. Any other of them, `X`, was granted before `g`, and at
/// `g` its entry was either held (score `≥` its reply, after its arrival, `≥ a`) or done
/// with the time of a release that came after its reply (again `≥ a`); either way
/// `score + w ≥ a + w > g`, so `X` counted in that window at `g`. That makes `limit`
/// entries counting at `g`, and `L` could not have been granted: a contradiction. The
/// proof needs two things, both safe when they fail in the conservative direction: a
/// release that never reaches Redis leaves the entry held until `grant + lease`,
/// which is later than the reply as long as the reply comes within the lease (keep the
/// lease above the client's timeout); and the Redis clock must not jump backwards.
/// The wait the script answers is never longer than needed: a done entry frees at
/// exactly `score + w`, and a held one no earlier than `now + w` (were it released at
/// once), which is what the script says; the caller then asks again.
///
/// A 429 from the server ([`Limiter::hold_off`]) writes a pause to `{key}:pause`: no
/// process is granted a slot until it is over.
///
/// # Faults
///
/// A round trip to Redis is bounded by the [timeout](RedisLimiterBuilder::timeout); a
/// call never hangs or panics on Redis. When Redis cannot be reached, is too slow or
/// answers with an error, the [`Fallback`] policy applies: by default the process goes on
/// with an in-process limiter and logs one `tracing` warning for the outage, or the call
/// fails with [`ErrorKind::LimiterUnavailable`]. Redis is tried again at most once a second
/// (the connection is re-established on its own); once it answers, the budget is shared
/// again and an `info` event says so. A Redis restarted without its data forgets the
/// slots in flight: for one window, the processes may then send up to a budget more.
#[derive(Clone)]
pub struct RedisLimiter {
    inner: Arc<Inner>,
}

struct Inner {
    conn: ConnectionManager,
    key: String,
    held: String,
    done: String,
    pause: String,
    seq: String,
    grant: redis::Script,
    release: redis::Script,
    hold_off: redis::Script,
    windows: Vec<(u32, Duration)>,
    lease_arg: String,
    longest_arg: String,
    window_args: Vec<String>,
    fallback: Fallback,
    timeout: Duration,
    /// The in-process limiter used under [`Fallback::Local`]; it is held off too.
    local: RateLimiter,
    /// Callers wait here in arrival order; only the first talks to Redis.
    queue: tokio::sync::Mutex<()>,
    /// The current outage: when it began and when Redis may be tried again.
    outage: Mutex<Option<Outage>>,
}

#[derive(Clone, Copy)]
struct Outage {
    since: Instant,
    next_try: Instant,
}

impl fmt::Debug for RedisLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("RedisLimiter")
            .field("key", &i.key)
            .field("limits", &i.windows)
            .field("fallback", &i.fallback)
            .field("timeout", &i.timeout)
            .finish_non_exhaustive()
    }
}

/// What Redis answered to a request for a slot.
enum Answer {
    Granted(RedisSlot),
    Wait(Duration),
}

/// A slot granted by Redis, inside a [`RatePermit`]: [`release`](Self::release) or its
/// drop marks it as answered.
pub(crate) struct RedisSlot {
    inner: Arc<Inner>,
    /// Empty once the release has reached Redis.
    member: String,
}

impl RedisSlot {
    /// Sends the release and waits for it (bounded by the timeout). Cancelled or failed,
    /// the drop tries once more in the background.
    pub(crate) async fn release(mut self) {
        if release(&self.inner, &self.member).await {
            self.member.clear();
        }
    }
}

/// Marks `member` as answered now, on the Redis clock; whether Redis confirmed it.
async fn release(inner: &Inner, member: &str) -> bool {
    let mut conn = inner.conn.clone();
    let mut call = inner.release.prepare_invoke();
    call.key(&inner.held).key(&inner.done).arg(member).arg(&inner.longest_arg);
    // A lost release leaves the entry held until its lease ends: safe, only slower.
    match tokio::time::timeout(inner.timeout, call.invoke_async::<i64>(&mut conn)).await {
        Ok(Ok(_)) => true,
        Ok(Err(e)) => {
            tracing::debug!(key = %inner.key, error = %e, "a rate-limit slot's release did not reach Redis");
            false
        }
        Err(_) => {
            tracing::debug!(key = %inner.key, "a rate-limit slot's release timed out");
            false
        }
    }
}

impl Drop for RedisSlot {
    fn drop(&mut self) {
        if self.member.is_empty() {
            return;
        }
        // Without a runtime (a permit dropped after it ended), the entry counts until
        // the end of its lease, which is later than the reply: still safe.
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        let inner = self.inner.clone();
        let member = std::mem::take(&mut self.member);
        runtime.spawn(async move {
            release(&inner, &member).await;
        });
    }
}

impl RedisLimiter {
    /// Connects to Redis at `url` (`redis://[:password@]host[:port][/db]`, or `rediss://`
    /// with a TLS feature of the `redis` crate enabled) for the budget named `key`, with Altegio's
    /// limits and the default settings; see [`builder`](Self::builder) for the others.
    pub async fn connect(url: impl Into<String>, key: impl Into<String>) -> Result<RedisLimiter> {
        Self::builder(url, key).connect().await
    }

    /// Starts configuring a limiter for the budget named `key` in the Redis at `url`.
    pub fn builder(url: impl Into<String>, key: impl Into<String>) -> RedisLimiterBuilder {
        RedisLimiterBuilder {
            url: url.into(),
            key: key.into(),
            limits: ALTEGIO_LIMITS.to_vec(),
            fallback: Fallback::default(),
            fallback_limits: None,
            timeout: DEFAULT_TIMEOUT,
            lease: DEFAULT_LEASE,
        }
    }

    /// The key naming the budget.
    pub fn key(&self) -> &str {
        &self.inner.key
    }

    /// The limits of the shared budget.
    pub fn limits(&self) -> &[(u32, Duration)] {
        &self.inner.windows
    }

    /// Waits for a slot of the shared budget (or of the fallback during an outage).
    async fn take(&self) -> std::result::Result<RatePermit, LimiterError> {
        let inner = &self.inner;
        let _first_in_line = inner.queue.lock().await;
        loop {
            if let Some(outage) = inner.current_outage()
                && Instant::now() < outage.next_try
            {
                return inner.fall_back("Redis is unreachable").await;
            }
            match inner.clone().ask().await {
                Ok(Answer::Granted(slot)) => {
                    inner.back_up();
                    return Ok(RatePermit::redis(slot));
                }
                Ok(Answer::Wait(wait)) => {
                    inner.back_up();
                    tokio::time::sleep(wait).await;
                }
                Err(why) => {
                    inner.went_down(&why);
                    return inner.fall_back(&why).await;
                }
            }
        }
    }
}

impl Inner {
    /// One round trip: the grant script. It runs in a task of its own, so that a slot
    /// granted after the caller gave up (a timeout, a cancelled call) is released at once
    /// rather than held until its lease ends.
    async fn ask(self: Arc<Self>) -> std::result::Result<Answer, String> {
        let timeout = self.timeout;
        let runtime =
            tokio::runtime::Handle::try_current().map_err(|_| "no Tokio runtime to talk to Redis".to_string())?;
        let task = runtime.spawn(async move {
            let mut conn = self.conn.clone();
            // KEYS are held, done, pause, seq, in that order.
            let mut call = self.grant.prepare_invoke();
            call.key(&self.held).key(&self.done).key(&self.pause).key(&self.seq).arg(&self.lease_arg);
            for a in &self.window_args {
                call.arg(a);
            }
            let reply = match call.invoke_async::<(i64, String)>(&mut conn).await {
                // A connection found broken (Redis restarted) is being re-established by
                // the connection manager: one more try, within the same time limit.
                Err(e) if e.is_io_error() || e.is_unrecoverable_error() => call.invoke_async(&mut conn).await,
                other => other,
            };
            let (granted, value) = reply.map_err(|e| e.to_string())?;
            if granted == 1 {
                Ok(Answer::Granted(RedisSlot { inner: self.clone(), member: value }))
            } else {
                let micros: f64 = value.parse().map_err(|_| format!("an unexpected answer from Redis: {value:?}"))?;
                // At least a millisecond, so that a tiny wait cannot spin.
                let wait = Duration::try_from_secs_f64(micros / 1e6).unwrap_or(LONGEST_SPAN);
                Ok(Answer::Wait(wait.max(Duration::from_millis(1))))
            }
        });
        match tokio::time::timeout(timeout, task).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => Err(format!("the request to Redis failed: {e}")),
            Err(_) => Err(format!("Redis did not answer within {timeout:?}")),
        }
    }

    async fn fall_back(&self, why: &str) -> std::result::Result<RatePermit, LimiterError> {
        match self.fallback {
            Fallback::Local => Ok(self.local.acquire().await),
            Fallback::Fail => {
                Err(format!("the rate limit `{}` is shared through Redis, which is unavailable: {why}", self.key)
                    .into())
            }
        }
    }

    fn outage(&self) -> std::sync::MutexGuard<'_, Option<Outage>> {
        // Every write is a single assignment: a poisoned lock holds a consistent value.
        self.outage.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn current_outage(&self) -> Option<Outage> {
        *self.outage()
    }

    fn went_down(&self, why: &str) {
        let now = Instant::now();
        let mut outage = self.outage();
        match outage.as_mut() {
            Some(o) => o.next_try = now + PROBE_INTERVAL,
            None => {
                *outage = Some(Outage { since: now, next_try: now + PROBE_INTERVAL });
                drop(outage);
                let policy = match self.fallback {
                    Fallback::Local => "each process limits itself until it is back",
                    Fallback::Fail => "calls fail until it is back",
                };
                tracing::warn!(key = %self.key, error = %why, "Redis is unavailable for the shared rate limit: {policy}");
            }
        }
    }

    fn back_up(&self) {
        let Some(o) = self.outage().take() else { return };
        tracing::info!(
            key = %self.key,
            outage_ms = o.since.elapsed().as_millis() as u64,
            "Redis is back: the rate limit is shared again"
        );
    }
}

impl Limiter for RedisLimiter {
    fn acquire(&self) -> BoxFuture<'_, std::result::Result<RatePermit, LimiterError>> {
        Box::pin(self.take())
    }

    fn hold_off(&self, wait: Duration) -> BoxFuture<'_, ()> {
        // The fallback waits too, in case Redis is gone by the next call.
        self.inner.local.hold_off(wait);
        Box::pin(async move {
            let inner = &self.inner;
            if inner.current_outage().is_some_and(|o| Instant::now() < o.next_try) {
                return;
            }
            let micros = wait.min(LONGEST_HOLD_OFF).as_micros().to_string();
            let mut conn = inner.conn.clone();
            let mut call = inner.hold_off.prepare_invoke();
            call.key(&inner.pause).arg(micros);
            match tokio::time::timeout(inner.timeout, call.invoke_async::<i64>(&mut conn)).await {
                Ok(Ok(_)) => inner.back_up(),
                Ok(Err(e)) => inner.went_down(&e.to_string()),
                Err(_) => inner.went_down(&format!("Redis did not answer within {:?}", inner.timeout)),
            }
        })
    }
}
