//! The in-process rate limiter.

use super::{ALTEGIO_LIMITS, Limiter, LimiterError, RatePermit};
use futures_core::future::BoxFuture;
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
///
/// Clones share one budget. This limiter counts within one process; processes or
/// machines that send from the same IP address share a budget through a
/// `RedisLimiter` (feature `redis`).
#[derive(Clone, Debug)]
pub struct RateLimiter {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
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

/// A granted slot of a [`RateLimiter`], inside a [`RatePermit`]: its drop marks the reply
/// as arrived, and the slot stays counted for one window after that.
#[derive(Debug)]
struct LocalSlot {
    shared: Arc<Shared>,
    id: u64,
}

impl Drop for LocalSlot {
    fn drop(&mut self) {
        let now = Instant::now();
        let mut state = self.shared.lock();
        if let Some(slot) = state.slots.iter_mut().find(|(id, _)| *id == self.id) {
            slot.1 = Some(now);
        }
        drop(state);
        self.shared.released.notify_one();
    }
}

static SHARED: LazyLock<Arc<RateLimiter>> = LazyLock::new(|| Arc::new(RateLimiter::new(&ALTEGIO_LIMITS)));

impl RateLimiter {
    /// A limiter with these `(requests, window)` limits; a window with 0 requests is
    /// ignored.
    pub fn new(limits: &[(u32, Duration)]) -> Self {
        let windows: Vec<(u32, Duration)> = limits.iter().copied().filter(|(n, w)| *n > 0 && !w.is_zero()).collect();
        RateLimiter {
            shared: Arc::new(Shared {
                windows,
                state: std::sync::Mutex::new(State::default()),
                queue: tokio::sync::Mutex::new(()),
                released: Notify::new(),
            }),
        }
    }

    /// The process-wide limiter with Altegio's limits, shared by default.
    pub fn shared() -> Arc<RateLimiter> {
        SHARED.clone()
    }

    /// The limits.
    pub fn limits(&self) -> &[(u32, Duration)] {
        &self.shared.windows
    }

    /// Waits until a request may be sent, and grants it a slot. Hold the permit until the
    /// reply (or the failure) has arrived.
    pub async fn acquire(&self) -> RatePermit {
        let shared = &self.shared;
        let _first_in_line = shared.queue.lock().await;
        loop {
            let wait = shared.lock().try_grant(&shared.windows, Instant::now());
            match wait {
                Ok(id) => return RatePermit::new(LocalSlot { shared: shared.clone(), id }),
                Err(Wait::Release) => shared.released.notified().await,
                Err(Wait::For(d)) => {
                    // A reply may free a slot sooner when the state changes (a hold-off
                    // ends early never: it only grows).
                    let _ = tokio::time::timeout(d, shared.released.notified()).await;
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
        let mut state = self.shared.lock();
        state.paused_until = Some(state.paused_until.map_or(until, |u| u.max(until)));
    }
}

impl Limiter for RateLimiter {
    fn acquire(&self) -> BoxFuture<'_, Result<RatePermit, LimiterError>> {
        Box::pin(async move { Ok(RateLimiter::acquire(self).await) })
    }

    fn hold_off(&self, wait: Duration) -> BoxFuture<'_, ()> {
        RateLimiter::hold_off(self, wait);
        Box::pin(std::future::ready(()))
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state is consistent after every statement, so a panic elsewhere while it
        // was locked leaves nothing half done.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
