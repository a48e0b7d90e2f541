//! Counting connections: at most so many at once, and so many from one address.
//! A connection holds a [`Slot`] for its whole life; dropping it frees the place.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::Notify;

use super::Limits;

/// The connections open now, in all and by address.
#[derive(Debug, Default)]
pub struct Counts {
    inner: Mutex<Inner>,
    /// Told whenever a connection ends (shutdown waits for none to be left).
    pub changed: Notify,
}

#[derive(Debug, Default)]
struct Inner {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// A place taken by one connection.
#[derive(Debug)]
pub struct Slot {
    counts: Arc<Counts>,
    address: IpAddr,
}

impl Counts {
    /// Take a place for a connection from `address`, or say which limit it meets, in
    /// words for the client.
    pub fn admit(self: &Arc<Self>, address: IpAddr, limits: &Limits) -> Result<Slot, String> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if inner.total >= limits.sessions {
            let n = limits.sessions;
            let noun = if n == 1 { "connection" } else { "connections" };
            return Err(format!(
                "This Détente server is full (at most {n} {noun} at once). Please try again later."
            ));
        }
        let here = inner.by_address.get(&address).copied().unwrap_or(0);
        if here >= limits.per_address {
            return Err(format!(
                "Too many connections from your address (at most {} at once). Close one and try again.",
                limits.per_address
            ));
        }
        inner.total += 1;
        inner.by_address.insert(address, here + 1);
        Ok(Slot {
            counts: self.clone(),
            address,
        })
    }

    /// Connections open now.
    pub fn total(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .total
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut inner = self
            .counts
            .inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        inner.total = inner.total.saturating_sub(1);
        if let Some(n) = inner.by_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                inner.by_address.remove(&self.address);
            }
        }
        drop(inner);
        self.counts.changed.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_counted_in_all_and_by_address_and_freed() {
        let limits = Limits {
            sessions: 3,
            per_address: 2,
            ..Limits::default()
        };
        let counts = Arc::new(Counts::default());
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        let b: IpAddr = "127.0.0.2".parse().unwrap();
        let s1 = counts.admit(a, &limits).unwrap();
        let _s2 = counts.admit(a, &limits).unwrap();
        let e = counts.admit(a, &limits).unwrap_err();
        assert!(e.contains("from your address (at most 2 at once)"), "{e}");
        let _s3 = counts.admit(b, &limits).unwrap();
        let e = counts.admit(b, &limits).unwrap_err();
        assert!(e.contains("full (at most 3 connections"), "{e}");
        drop(s1);
        assert_eq!(counts.total(), 2);
        counts
            .admit(a, &limits)
            .expect("a freed place is taken again");
    }
}
