//! The advisor's worker thread: forecasts are asked for as an effect and come
//! back as messages, so no key ever waits on them. Each request is answered
//! twice — a first estimate at once, then the full count — and a newer request
//! cancels the one in hand between two choices.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use rayon::prelude::*;

use crate::game::forecast::DEFAULT_SAMPLES;
use crate::game::opponent::Remembering;

use super::advice::{Advice, FIRST_SAMPLES, Request};

/// How the worker tells the loop a result is waiting (a pipe write in the terminal).
pub type Wake = Box<dyn Fn() + Send>;

/// The handle the UI thread holds: send requests, take results. Dropping it (or
/// [`Forecaster::cancel`]) stops the work in hand without waiting for it.
pub struct Forecaster {
    requests: Sender<(u64, Request)>,
    results: Receiver<Advice>,
    /// The number of the latest request; the worker drops anything older.
    latest: Arc<AtomicU64>,
}

impl Forecaster {
    /// Start the worker thread; `wake` is called after each result is sent.
    pub fn start(wake: Wake) -> std::io::Result<Forecaster> {
        let (requests, inbox) = mpsc::channel::<(u64, Request)>();
        let (outbox, results) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = latest.clone();
        let pool = shared_pool()?;
        std::thread::Builder::new()
            .name("forecast".into())
            .spawn(move || {
                lower_priority();
                work(&pool, &inbox, &outbox, &seen, &wake);
            })?;
        Ok(Forecaster {
            requests,
            results,
            latest,
        })
    }

    /// Forecast this request; whatever was in hand is abandoned.
    pub fn request(&self, r: Request) {
        let n = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        // A worker that died (it cannot, short of a panic) just leaves the moves unforecast.
        let _ = self.requests.send((n, r));
    }

    /// Stop the work in hand (leaving a game, quitting); never waits for it.
    pub fn cancel(&self) {
        self.latest.fetch_add(1, Ordering::SeqCst);
    }

    /// A result that has arrived, if any.
    pub fn try_recv(&self) -> Option<Advice> {
        self.results.try_recv().ok()
    }
}

impl Drop for Forecaster {
    fn drop(&mut self) {
        // The worker sees the newer number and drops its work; the closed channel ends it.
        self.cancel();
    }
}

/// The advisor's own threads, one a core, each below the UI thread's priority (a key
/// is answered first, the forecast uses what is left): one pool for the process,
/// made at the first game, so a server's games share it instead of each adding a core's
/// worth of threads.
fn shared_pool() -> std::io::Result<Arc<rayon::ThreadPool>> {
    static POOL: std::sync::OnceLock<Arc<rayon::ThreadPool>> = std::sync::OnceLock::new();
    if let Some(p) = POOL.get() {
        return Ok(p.clone());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("forecast-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .map_err(std::io::Error::other)?;
    // Two games starting at once: one pool wins, the other is dropped unused.
    Ok(POOL.get_or_init(|| Arc::new(pool)).clone())
}

/// Run this thread below normal priority (Linux: priority is per thread).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its arguments; 0 names the calling thread on Linux.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, NICE);
    }
}

/// How far below the UI the advisor runs (a nice value).
#[cfg(target_os = "linux")]
const NICE: libc::c_int = 10;

/// The worker: take the newest request, answer it in stages, until the UI hangs up.
fn work(
    pool: &rayon::ThreadPool,
    inbox: &Receiver<(u64, Request)>,
    outbox: &Sender<Advice>,
    latest: &AtomicU64,
    wake: &Wake,
) {
    while let Ok(mut next) = inbox.recv() {
        // Only the newest request matters.
        while let Ok(newer) = inbox.try_recv() {
            next = newer;
        }
        let (n, r) = next;
        let current = || latest.load(Ordering::SeqCst) == n;
        let choices = r.choices();
        // The model's memory for each choice, kept from the estimate to the full count.
        let mut memories: Vec<Remembering> =
            choices.iter().map(|_| Remembering::default()).collect();
        for samples in [FIRST_SAMPLES, DEFAULT_SAMPLES] {
            // Each choice on its own thread; a newer request stops the rest.
            let forecasts: Option<Vec<_>> = pool.install(|| {
                choices
                    .par_iter()
                    .zip(memories.par_iter_mut())
                    .map(|(c, m)| current().then(|| r.one_remembering(*c, samples, m)))
                    .collect()
            });
            let Some(forecasts) = forecasts.filter(|_| current()) else {
                break;
            };
            let advice = Advice {
                key: r.key,
                forecasts,
                complete: samples >= DEFAULT_SAMPLES,
            };
            if outbox.send(advice).is_err() {
                return;
            }
            wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::game::scenario::SideId;
    use crate::game::{Difficulty, Game, Scenario};
    use crate::ui::seats::Players;

    /// The opening state's forecast for one side or the other (two states).
    fn request(side: u8) -> Request {
        let sc = Arc::new(Scenario::builtin());
        let side = SideId(side);
        let g = Game::new(sc, 7, Players::One(side).setup(Difficulty::Normal));
        Request::new(&g, side)
    }

    /// Block (in a test) until the worker sends a result.
    fn next(f: &Forecaster, woken: &mpsc::Receiver<()>) -> Advice {
        loop {
            if let Some(a) = f.try_recv() {
                return a;
            }
            woken
                .recv_timeout(Duration::from_secs(60))
                .expect("the worker wakes the loop");
        }
    }

    fn forecaster() -> (Forecaster, mpsc::Receiver<()>) {
        let (tx, rx) = mpsc::channel();
        let f = Forecaster::start(Box::new(move || {
            let _ = tx.send(());
        }))
        .unwrap();
        (f, rx)
    }

    #[test]
    fn an_estimate_comes_first_then_the_full_forecast() {
        let (f, woken) = forecaster();
        let r = request(0);
        f.request(r.clone());
        let first = next(&f, &woken);
        assert_eq!(first.key, r.key);
        assert!(!first.complete);
        assert!(first.forecasts.iter().all(|x| x.samples == FIRST_SAMPLES));
        let full = next(&f, &woken);
        assert!(full.complete);
        assert_eq!(full.forecasts, r.compute().forecasts);
    }

    #[test]
    fn a_newer_request_replaces_the_one_in_hand() {
        let (f, woken) = forecaster();
        let old = request(0);
        let new = request(1);
        assert_ne!(old.key, new.key);
        f.request(old.clone());
        f.request(new.clone());
        // Whatever of the old one got out before the new request, the last word is the new one's.
        let mut last = next(&f, &woken);
        while !(last.complete && last.key == new.key) {
            last = next(&f, &woken);
        }
        assert_eq!(last.forecasts, new.compute().forecasts);
    }
}
