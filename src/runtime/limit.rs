//! Client-side rate limiting and retry policy.

use std::collections::VecDeque;
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tokio::sync::Notify;
use tokio::time::Instant;

/// Limits how many requests Altegio can count within sliding time windows; callers wait
/// for a slot.
///
/// Altegio allows 5 requests per second and 200 per minute **per IP address**, counted
/// when requests arrive. One limiter should serve every client of a process: clients
/// built with the default settings share [`RateLimiter::shared`].
///
/// # The guarantee, and how it is kept
///
/// Counted at the server, no window of any of the limits ever holds more requests than
/// its limit, however requests are delayed on their way (a pool wait, a cold
/// connection, a slow network). The client cannot know when a request arrives, only that
/// it arrives after its slot was granted and before its reply is back. So a request
/// occupies its slot from the grant ([`acquire`](Self::acquire)) until one window after
/// its reply arrived (when its [`RatePermit`] is dropped): if two requests arrived within one
/// window, the later-granted one was granted less than a window after the other's reply,
/// while that one still held its slot. Bulk work loses only the round trip per window:
/// with a few milliseconds of latency, the sustained rate stays within a few percent of
/// the limit (see `BENCHMARKS.md`).
///
/// Slots are granted first come, first served. A 429 from the server holds back every
/// request of every client sharing the limiter ([`hold_off`](Self::hold_off)).
#[derive(Debug)]
pub struct RateLimiter {
    windows: Vec<(u32, Duration)>,
    state: std::sync::Mutex<State>,
    /// Callers wait here in arrival order; only the first checks the slots.
    queue: tokio::sync::Mutex<()>,
    /// Woken when a request's reply arrives (its slot starts to count down).
    released: Notify,
}

#[derive(Debug, Default)]
struct State {
    /// Granted slots, oldest first: `None` while the request is in flight, then the
    /// moment its reply arrived.
    slots: VecDeque<(u64, Option<Instant>)>,
    next_id: u64,
    /// No slot is granted before this moment (set by a 429).
    paused_until: Option<Instant>,
}

/// What the first caller in line must wait for.
enum Wait {
    /// A reply, after which a slot may be free (no slot frees by time alone).
    Release,
    /// This long, after which a slot is free unless another request took it.
    For(Duration),
}

impl State {
    /// Grants a slot now, or says what to wait for.
    fn try_grant(&mut self, windows: &[(u32, Duration)], now: Instant) -> Result<u64, Wait> {
        if let Some(until) = self.paused_until {
            if until > now {
                return Err(Wait::For(until - now));
            }
            self.paused_until = None;
        }
        // A slot whose reply came a longest window ago counts in no window any more.
        let longest = windows.iter().map(|(_, w)| *w).max().unwrap_or_default();
        while let Some((_, Some(done))) = self.slots.front()
            && done.checked_add(longest).is_some_and(|free| free <= now)
        {
            self.slots.pop_front();
        }
        let mut wait: Option<Wait> = None;
        for (limit, window) in windows {
            // When each occupied slot of this window frees; `None`: not yet known.
            let mut frees: Vec<Option<Instant>> = Vec::new();
            for (_, done) in &self.slots {
                match done {
                    None => frees.push(None),
                    Some(t) => match t.checked_add(*window) {
                        Some(free) if free <= now => {}
                        // A window too long for the clock frees no slot in any foreseeable time.
                        free => frees.push(free.or(Some(far_future(now)))),
                    },
                }
            }
            let limit = *limit as usize;
            if frees.len() < limit {
                continue;
            }
            // `frees.len() - limit + 1` slots must free before another may be granted.
            let mut known: Vec<Instant> = frees.iter().flatten().copied().collect();
            known.sort_unstable();
            let needed = frees.len() - limit + 1;
            let this = match known.get(needed - 1) {
                Some(t) => Wait::For(t.saturating_duration_since(now)),
                None => Wait::Release,
            };
            wait = Some(match (wait, this) {
                (Some(Wait::Release), _) | (_, Wait::Release) => Wait::Release,
                (Some(Wait::For(a)), Wait::For(b)) => Wait::For(a.max(b)),
                (None, this) => this,
            });
        }
        match wait {
            Some(Wait::For(d)) if d.is_zero() => Ok(self.push()),
            Some(w) => Err(w),
            None => Ok(self.push()),
        }
    }

    fn push(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.slots.push_back((id, None));
        id
    }
}

/// An instant as far ahead as the clock allows (about thirty years).
fn far_future(now: Instant) -> Instant {
    now.checked_add(Duration::from_secs(30 * 365 * 24 * 3600)).unwrap_or(now)
}

/// A granted slot of a [`RateLimiter`]: hold it until the reply has arrived, then drop
/// it; the slot stays counted for one window after the drop.
#[derive(Debug)]
#[must_use = "the slot counts as answered when the permit is dropped"]
pub struct RatePermit<'a> {
    limiter: &'a RateLimiter,
    id: u64,
}

impl Drop for RatePermit<'_> {
    fn drop(&mut self) {
        let now = Instant::now();
        let mut state = self.limiter.lock();
        if let Some(slot) = state.slots.iter_mut().find(|(id, _)| *id == self.id) {
            slot.1 = Some(now);
        }
        drop(state);
        self.limiter.released.notify_one();
    }
}

/// Altegio's documented limits: 5 requests per second, 200 per minute, per IP address.
pub(crate) const ALTEGIO_LIMITS: [(u32, Duration); 2] = [(5, Duration::from_secs(1)), (200, Duration::from_secs(60))];

static SHARED: LazyLock<Arc<RateLimiter>> = LazyLock::new(|| Arc::new(RateLimiter::new(&ALTEGIO_LIMITS)));

impl RateLimiter {
    /// A limiter with these `(requests, window)` limits; a window with 0 requests is
    /// ignored.
    pub fn new(limits: &[(u32, Duration)]) -> Self {
        let windows: Vec<(u32, Duration)> = limits.iter().copied().filter(|(n, w)| *n > 0 && !w.is_zero()).collect();
        RateLimiter {
            windows,
            state: std::sync::Mutex::new(State::default()),
            queue: tokio::sync::Mutex::new(()),
            released: Notify::new(),
        }
    }

    /// The process-wide limiter with Altegio's limits, shared by default.
    pub fn shared() -> Arc<RateLimiter> {
        SHARED.clone()
    }

    /// The limits.
    pub fn limits(&self) -> &[(u32, Duration)] {
        &self.windows
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state is consistent after every statement, so a panic elsewhere while it
        // was locked leaves nothing half done.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits until a request may be sent, and grants it a slot. Hold the permit until the
    /// reply (or the failure) has arrived.
    pub async fn acquire(&self) -> RatePermit<'_> {
        let _first_in_line = self.queue.lock().await;
        loop {
            let wait = self.lock().try_grant(&self.windows, Instant::now());
            match wait {
                Ok(id) => return RatePermit { limiter: self, id },
                Err(Wait::Release) => self.released.notified().await,
                Err(Wait::For(d)) => {
                    // A reply may free a slot sooner when the state changes (a hold-off
                    // ends early never: it only grows).
                    let _ = tokio::time::timeout(d, self.released.notified()).await;
                }
            }
        }
    }

    /// Grants no slot for `wait` from now (or longer, if already held off): what a 429's
    /// `Retry-After` asks of everyone sending from this IP. Every client sharing the
    /// limiter waits, not only the one that saw the 429.
    pub fn hold_off(&self, wait: Duration) {
        let now = Instant::now();
        let until = now.checked_add(wait).unwrap_or_else(|| far_future(now));
        let mut state = self.lock();
        state.paused_until = Some(state.paused_until.map_or(until, |u| u.max(until)));
    }
}

/// When and how often a failed call is sent again.
///
/// A call is sent again only when that cannot duplicate a write: any method after a
/// 429 (the server refused it before doing anything) or when the connection could not be
/// opened (nothing left the client); `GET` and `HEAD` also after 502, 503, 504, other
/// connection errors and timeouts. Waits grow exponentially with jitter and honour
/// `Retry-After`; a `Retry-After` longer than `max_delay` ends the retries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included (1 disables retries).
    pub max_attempts: u32,
    /// The first backoff; each further one doubles, up to `max_delay`.
    pub base_delay: Duration,
    /// The longest single wait (a longer `Retry-After` ends the retries).
    pub max_delay: Duration,
    /// No retry starts after this much time since the first attempt.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy { max_attempts: 1, ..Self::default() }
    }

    /// The wait before attempt `attempt + 1` (1-based `attempt` just failed), honouring
    /// `retry_after`; `None` when the policy says stop.
    pub(crate) fn next_wait(&self, attempt: u32, elapsed: Duration, retry_after: Option<Duration>) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let exp = self.base_delay.saturating_mul(1u32 << (attempt - 1).min(16)).min(self.max_delay);
        // `mul_f64` would panic when rounding pushes a huge delay past `Duration::MAX`.
        let backoff = Duration::try_from_secs_f64(exp.as_secs_f64() * jitter()).unwrap_or(exp);
        let wait = match retry_after {
            Some(ra) if ra > self.max_delay => return None,
            Some(ra) => ra.max(backoff),
            None => backoff,
        };
        (elapsed.saturating_add(wait) <= self.max_elapsed).then_some(wait)
    }
}

/// A factor in [0.5, 1.0): half fixed, half random ("equal jitter"), so waits never
/// collapse to zero.
fn jitter() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static STATE: AtomicU64 = AtomicU64::new(0);
    let seed = STATE.load(Ordering::Relaxed)
        ^ (std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(7));
    // xorshift64*
    let mut x = seed | 1;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    STATE.store(x, Ordering::Relaxed);
    let r = (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64;
    0.5 + r / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_settings_and_headers_never_overflow() {
        let max = RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
            max_elapsed: Duration::MAX,
        };
        for attempt in 1..5 {
            assert!(max.next_wait(attempt, Duration::MAX, Some(Duration::MAX)).is_some());
            assert!(max.next_wait(attempt, Duration::from_secs(1), None).is_some());
        }
        // The default policy stops at once on a wait longer than its longest delay.
        assert_eq!(RetryPolicy::default().next_wait(1, Duration::ZERO, Some(Duration::MAX)), None);
    }

    #[test]
    fn waits_grow_and_stop() {
        let p = RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            max_elapsed: Duration::from_secs(5),
        };
        let w1 = p.next_wait(1, Duration::ZERO, None).unwrap();
        assert!(w1 >= Duration::from_millis(50) && w1 < Duration::from_millis(100), "{w1:?}");
        let w3 = p.next_wait(3, Duration::ZERO, None).unwrap();
        assert!(w3 >= Duration::from_millis(150) && w3 < Duration::from_millis(300), "{w3:?}");
        assert_eq!(p.next_wait(4, Duration::ZERO, None), None, "attempts exhausted");
        assert_eq!(p.next_wait(1, Duration::from_secs(5), None), None, "time budget exhausted");
        assert_eq!(p.next_wait(1, Duration::ZERO, Some(Duration::from_millis(250))), Some(Duration::from_millis(250)));
        assert_eq!(p.next_wait(1, Duration::ZERO, Some(Duration::from_secs(60))), None, "Retry-After beyond max_delay");
        assert_eq!(RetryPolicy::none().next_wait(1, Duration::ZERO, None), None);
    }

    #[tokio::test(start_paused = true)]
    async fn sliding_windows_are_exact() {
        let l = RateLimiter::new(&[(3, Duration::from_secs(1)), (5, Duration::from_secs(10))]);
        let start = Instant::now();
        let mut at = Vec::new();
        for _ in 0..8 {
            drop(l.acquire().await);
            at.push(start.elapsed());
        }
        let secs: Vec<u64> = at.iter().map(|d| d.as_millis() as u64).collect();
        // 3 at once, 2 more after one second, then the 10-second window holds the rest.
        assert_eq!(secs, vec![0, 0, 0, 1000, 1000, 10000, 10000, 10000]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_slot_is_held_until_a_window_after_the_reply() {
        let l = RateLimiter::new(&[(1, Duration::from_secs(1))]);
        let start = Instant::now();
        let first = l.acquire().await;
        // The reply takes 5 s: no second slot before it, then one window more.
        let release = async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            drop(first);
        };
        let (_, second) = tokio::join!(release, l.acquire());
        assert_eq!(start.elapsed(), Duration::from_secs(6));
        drop(second);
        // A hold-off delays every caller.
        l.hold_off(Duration::from_secs(10));
        let _third = l.acquire().await;
        assert_eq!(start.elapsed(), Duration::from_secs(16));
    }
}
