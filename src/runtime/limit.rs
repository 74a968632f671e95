//! Client-side rate limiting and retry policy.

use std::collections::VecDeque;
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

/// Limits how many requests start within sliding time windows; callers wait for a slot.
///
/// Altegio allows 5 requests per second and 200 per minute **per IP address**, so one
/// limiter should serve every client of a process: clients built with the default
/// settings share [`RateLimiter::shared`]. The windows are exact sliding windows (a log of
/// send times), so no interval of one second ever sees more than 5 requests and no
/// interval of sixty seconds more than 200, however the requests are spread.
#[derive(Debug)]
pub struct RateLimiter {
    windows: Vec<(u32, Duration)>,
    sent: Mutex<VecDeque<Instant>>,
}

/// Altegio's documented limits: 5 requests per second, 200 per minute, per IP address.
pub(crate) const ALTEGIO_LIMITS: [(u32, Duration); 2] = [(5, Duration::from_secs(1)), (200, Duration::from_secs(60))];

static SHARED: LazyLock<Arc<RateLimiter>> = LazyLock::new(|| Arc::new(RateLimiter::new(&ALTEGIO_LIMITS)));

impl RateLimiter {
    /// A limiter with these `(requests, window)` limits; a window with 0 requests is
    /// ignored.
    pub fn new(limits: &[(u32, Duration)]) -> Self {
        let windows: Vec<(u32, Duration)> = limits.iter().copied().filter(|(n, w)| *n > 0 && !w.is_zero()).collect();
        RateLimiter { windows, sent: Mutex::new(VecDeque::new()) }
    }

    /// The process-wide limiter with Altegio's limits, shared by default.
    pub fn shared() -> Arc<RateLimiter> {
        SHARED.clone()
    }

    /// The limits.
    pub fn limits(&self) -> &[(u32, Duration)] {
        &self.windows
    }

    /// Waits until a request may start, and counts it.
    pub async fn acquire(&self) {
        loop {
            let wait = {
                let mut sent = self.sent.lock().await;
                let now = Instant::now();
                let longest = self.windows.iter().map(|(_, w)| *w).max().unwrap_or_default();
                while sent.front().is_some_and(|t| now.duration_since(*t) >= longest) {
                    sent.pop_front();
                }
                let wait = self.windows.iter().filter_map(|(limit, window)| {
                    let in_window: Vec<&Instant> = sent.iter().filter(|t| now.duration_since(**t) < *window).collect();
                    (in_window.len() >= *limit as usize).then(|| {
                        // The oldest request that must leave the window before another may start.
                        let oldest = in_window[in_window.len() - *limit as usize];
                        // A window too long for the clock frees no slot in any foreseeable time.
                        oldest.checked_add(*window).map_or(Duration::MAX, |free| free.saturating_duration_since(now))
                    })
                });
                match wait.max() {
                    Some(d) if !d.is_zero() => d,
                    _ => {
                        sent.push_back(now);
                        return;
                    }
                }
            };
            tokio::time::sleep(wait).await;
        }
    }
}

/// When and how often a failed call is sent again.
///
/// Only calls that cannot duplicate a write are retried: `GET` and `HEAD` on 429, 502,
/// 503, 504, connection errors and timeouts; other methods only when the connection could
/// not be opened, so the request provably never left the client. Waits grow
/// exponentially with full jitter and honour `Retry-After`.
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
            l.acquire().await;
            at.push(start.elapsed());
        }
        let secs: Vec<u64> = at.iter().map(|d| d.as_millis() as u64).collect();
        // 3 at once, 2 more after one second, then the 10-second window holds the rest.
        assert_eq!(secs, vec![0, 0, 0, 1000, 1000, 10000, 10000, 10000]);
    }
}
