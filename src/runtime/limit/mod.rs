//! Client-side rate limiting and retry policy.
//!
//! Every limiter implements [`Limiter`]: the in-process [`RateLimiter`] and, with the
//! feature `redis`, the [`RedisLimiter`] that shares one budget between processes and
//! machines. A user's own limiter plugs in the same way.

mod local;
#[cfg(feature = "redis")]
mod redis;

#[cfg(feature = "redis")]
pub use self::redis::{Fallback, RedisLimiter, RedisLimiterBuilder};
pub use local::RateLimiter;

use futures_core::future::BoxFuture;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Altegio's documented limits: 5 requests per second, 200 per minute, per IP address.
pub(crate) const ALTEGIO_LIMITS: [(u32, Duration); 2] = [(5, Duration::from_secs(1)), (200, Duration::from_secs(60))];

/// A rate limiter a client waits on before each attempt of a call
/// ([`ClientBuilder::rate_limiter`](crate::ClientBuilder::rate_limiter)).
///
/// The contract every limiter of this crate keeps, and a limiter of your own should keep
/// too: a request occupies its slot from the grant ([`acquire`](Self::acquire)) until one
/// window after its reply, which is when the client releases the [`RatePermit`]; so, counted
/// where the server counts (on arrival), no window holds more requests than its limit,
/// whatever delays a request meets on its way. A 429 from the server calls
/// [`hold_off`](Self::hold_off): no slot is granted to anyone sharing the limiter until
/// that wait is over.
///
/// The client holds the limiter as `Arc<dyn Limiter>`; an `Arc` of a limiter is a limiter
/// too, so `Arc<RateLimiter>` and `Arc<dyn Limiter>` can be passed as they are.
pub trait Limiter: Send + Sync + fmt::Debug {
    /// Waits until a request may be sent and grants it a slot, held until the permit is
    /// dropped. An error ends the call, with nothing sent, as an [`Error`](crate::Error)
    /// of kind [`ErrorKind::LimiterUnavailable`](crate::ErrorKind::LimiterUnavailable)
    /// that carries this error's message.
    fn acquire(&self) -> BoxFuture<'_, Result<RatePermit, LimiterError>>;

    /// Grants no slot to anyone sharing the limiter for `wait` from now (or longer, if
    /// already held off): what a 429's `Retry-After` asks of everyone sending from the
    /// same IP address.
    fn hold_off(&self, wait: Duration) -> BoxFuture<'_, ()>;
}

/// Why a [`Limiter`] could not grant a slot.
pub type LimiterError = Box<dyn std::error::Error + Send + Sync>;

impl<T: Limiter + ?Sized> Limiter for Arc<T> {
    fn acquire(&self) -> BoxFuture<'_, Result<RatePermit, LimiterError>> {
        (**self).acquire()
    }

    fn hold_off(&self, wait: Duration) -> BoxFuture<'_, ()> {
        (**self).hold_off(wait)
    }
}

/// A granted slot of a [`Limiter`]: hold it until the reply (or the failure) has
/// arrived, then drop it (or [`release`](Self::release) it); the slot stays counted for one
/// window after that.
///
/// It owns what it needs (no borrow of the limiter), so it can be moved into another task.
#[must_use = "the slot counts as answered when the permit is dropped"]
pub struct RatePermit {
    /// Dropped with the permit: this is what marks the slot as answered.
    slot: Slot,
}

enum Slot {
    Nothing,
    Any(#[allow(dead_code)] Box<dyn std::any::Any + Send>),
    #[cfg(feature = "redis")]
    Redis(self::redis::RedisSlot),
}

impl RatePermit {
    /// A permit whose slot is released when `slot` is dropped (a limiter of your own
    /// puts its release in the `Drop` of `slot`).
    pub fn new(slot: impl Send + 'static) -> Self {
        RatePermit { slot: Slot::Any(Box::new(slot)) }
    }

    /// A permit that holds no slot (a limiter that lets everything through).
    pub fn unlimited() -> Self {
        RatePermit { slot: Slot::Nothing }
    }

    #[cfg(feature = "redis")]
    pub(crate) fn redis(slot: self::redis::RedisSlot) -> Self {
        RatePermit { slot: Slot::Redis(slot) }
    }

    /// Marks the reply as arrived, as dropping the permit does, and waits until the limiter
    /// has recorded it: for the `RedisLimiter`, the round trip that a drop sends in the
    /// background (where a process that exits at once could lose it, leaving the slot
    /// counted until its lease ends). The client releases its permits this way.
    pub async fn release(self) {
        match self.slot {
            #[cfg(feature = "redis")]
            Slot::Redis(slot) => slot.release().await,
            other => drop(other),
        }
    }
}

impl fmt::Debug for RatePermit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RatePermit").field("holds_slot", &!matches!(self.slot, Slot::Nothing)).finish()
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
}
