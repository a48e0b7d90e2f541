//! Portable random draws, written here so that no library upgrade can change a game.
//!
//! The generator is PCG32 (`rand_pcg::Pcg32`), a named algorithm whose output
//! is fixed. The ways we turn its output into a chance or a range are fixed
//! here too, rather than borrowed from `rand`'s distributions, which have
//! changed between releases.

use rand::Rng;
use rand_pcg::Pcg32;

/// The generator every game uses.
pub type GameRng = Pcg32;

/// The stream constants for the game's two generators: outcomes and wording.
const OUTCOME_STREAM: u64 = 0x0de7_e47e;
const FLAVOUR_STREAM: u64 = 0xf1a7_0002;

/// The generator of outcomes for a seed.
#[must_use]
pub fn outcome_rng(seed: u64) -> GameRng {
    Pcg32::new(seed, OUTCOME_STREAM)
}

/// The generator for wording (flavour text), separate so wording never changes outcomes.
#[must_use]
pub fn flavour_rng(seed: u64) -> GameRng {
    Pcg32::new(seed, FLAVOUR_STREAM)
}

/// Pick one of `n` wordings for the thing named by `salt`, from the flavour
/// stream of `key` (a game's wording key). A pure function of its arguments:
/// it needs no saving and can never disturb the outcome stream.
#[must_use]
pub fn flavour_pick(key: u64, salt: u64, n: usize) -> usize {
    if n <= 1 {
        return 0;
    }
    let mut rng = Pcg32::new(
        key ^ salt.wrapping_mul(0xd134_2543_de82_ef95),
        FLAVOUR_STREAM,
    );
    ((u64::from(rng.next_u32()) * n as u64) >> 32) as usize
}

/// The wording key of the `index`-th choice of the game of `seed`.
#[must_use]
pub fn wording_key(seed: u64, index: u64) -> u64 {
    flavour_rng(seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15)).next_u64()
}

/// A generator for the `index`-th of many games played from one seed (simulator, advisor).
#[must_use]
pub fn game_rng(seed: u64, index: u64) -> GameRng {
    // Mix the index into the state and use it as the stream too, so that
    // neighbouring games share neither.
    Pcg32::new(
        seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15),
        index.wrapping_add(1),
    )
}

/// A uniform draw in [0, 1), from 32 bits.
#[inline]
pub fn unit<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    f64::from(rng.next_u32()) * (1.0 / 4_294_967_296.0)
}

/// `true` with probability `p` (clamped to [0, 1]).
#[inline]
pub fn chance<R: Rng + ?Sized>(rng: &mut R, p: f64) -> bool {
    unit(rng) < p
}

/// A uniform integer in `lo..=hi` (multiply-shift; the bias is below 2⁻²⁵ for our spans).
#[inline]
pub fn range<R: Rng + ?Sized>(rng: &mut R, lo: i16, hi: i16) -> i16 {
    if lo >= hi {
        return lo;
    }
    let span = (i32::from(hi) - i32::from(lo) + 1) as u64;
    lo + ((u64::from(rng.next_u32()) * span) >> 32) as i16
}

/// An index picked with probability proportional to its weight; `None` if all are zero.
pub fn weighted<R: Rng + ?Sized>(rng: &mut R, weights: &[f64]) -> Option<usize> {
    weighted_pick(rng, weights.iter().copied().enumerate())
}

/// As [`weighted`], over `(item, weight)` pairs read twice (for the total,
/// then for the pick) instead of a filled array, so a caller need not fill
/// and clear one; `weighted` is this over a slice's indices.
#[inline]
pub fn weighted_pick<T, R, I>(rng: &mut R, items: I) -> Option<T>
where
    R: Rng + ?Sized,
    I: Iterator<Item = (T, f64)> + Clone,
{
    pick_weighted(rng, items, true)
}

/// As [`weighted_pick`], over items whose weights are all above zero (the
/// caller's promise, as the deck's drawn cards are: `Index::drawn`), so no
/// weight is tested: the same draw, from the same amount of the stream.
#[inline]
pub fn weighted_pick_positive<T, R, I>(rng: &mut R, items: I) -> Option<T>
where
    R: Rng + ?Sized,
    I: Iterator<Item = (T, f64)> + Clone,
{
    pick_weighted(rng, items, false)
}

/// The weighted draw, skipping weights at or below zero when `skip` (else
/// every weight is above zero, and the test would always pass).
#[inline(always)]
fn pick_weighted<T, R, I>(rng: &mut R, items: I, skip: bool) -> Option<T>
where
    R: Rng + ?Sized,
    I: Iterator<Item = (T, f64)> + Clone,
{
    let counted = |w: f64| !skip || w > 0.0;
    let total: f64 = items.clone().map(|(_, w)| w).filter(|w| counted(*w)).sum();
    if total <= 0.0 {
        return None;
    }
    let mut x = unit(rng) * total;
    let mut last = None;
    for (t, w) in items {
        debug_assert!(skip || w > 0.0, "a weight promised above zero is {w}");
        if counted(w) {
            if x < w {
                return Some(t);
            }
            last = Some(t);
            x -= w;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins the generator: if these change, every shared seed changes.
    #[test]
    fn golden_first_draws() {
        let mut rng = outcome_rng(7);
        let draws: Vec<u32> = (0..4).map(|_| rng.next_u32()).collect();
        assert_eq!(draws, GOLDEN_SEED_7);
        let mut rng = outcome_rng(7);
        let ranges: Vec<i16> = (0..6).map(|_| range(&mut rng, -5, 5)).collect();
        assert_eq!(ranges, GOLDEN_RANGE_SEED_7);
    }

    const GOLDEN_SEED_7: [u32; 4] = [3658983328, 1376016957, 1734311807, 786177325];
    const GOLDEN_RANGE_SEED_7: [i16; 6] = [4, -2, -1, -3, 4, 2];

    #[test]
    fn range_stays_inside() {
        let mut rng = outcome_rng(1);
        for _ in 0..10_000 {
            let x = range(&mut rng, -3, 4);
            assert!((-3..=4).contains(&x));
        }
        assert_eq!(range(&mut rng, 5, 5), 5);
    }

    #[test]
    fn weighted_skips_zero_weights() {
        let mut rng = outcome_rng(2);
        for _ in 0..1000 {
            let i = weighted(&mut rng, &[0.0, 1.0, 0.0, 3.0]).unwrap();
            assert!(i == 1 || i == 3);
        }
        assert_eq!(weighted(&mut rng, &[0.0, 0.0]), None);
    }

    /// `weighted_pick` draws what `weighted` draws over the same weights,
    /// and the same amount of the stream.
    #[test]
    fn weighted_pick_is_weighted() {
        let mut r = outcome_rng(4);
        for k in 0..5_000 {
            let n = range(&mut r, 0, 12) as usize;
            let w: Vec<f64> = (0..n)
                .map(|_| match range(&mut r, 0, 3) {
                    0 => 0.0,
                    1 => -1.5,
                    _ => f64::from(range(&mut r, 1, 40)) / 7.0,
                })
                .collect();
            let (mut a, mut b) = (game_rng(3, k), game_rng(3, k));
            let by_array = weighted(&mut a, &w);
            let by_pairs = weighted_pick(&mut b, w.iter().copied().enumerate());
            assert_eq!(by_array, by_pairs, "{w:?}");
            assert_eq!(a.next_u32(), b.next_u32());
        }
    }

    /// Over weights all above zero, `weighted_pick_positive` draws what
    /// `weighted_pick` draws, and the same amount of the stream.
    #[test]
    fn weighted_pick_positive_is_weighted_pick() {
        let mut r = outcome_rng(5);
        for k in 0..5_000 {
            let n = range(&mut r, 0, 40) as usize;
            let w: Vec<f64> = (0..n)
                .map(|_| f64::from(range(&mut r, 1, 400)) / 20.0)
                .collect();
            let (mut a, mut b) = (game_rng(6, k), game_rng(6, k));
            let plain = weighted_pick(&mut a, w.iter().copied().enumerate());
            let positive = weighted_pick_positive(&mut b, w.iter().copied().enumerate());
            assert_eq!(plain, positive, "{w:?}");
            assert_eq!(a.next_u32(), b.next_u32());
        }
    }

    #[test]
    fn streams_differ() {
        let a = outcome_rng(9).next_u32();
        let b = flavour_rng(9).next_u32();
        assert_ne!(a, b);
        assert_ne!(game_rng(9, 0).next_u32(), game_rng(9, 1).next_u32());
    }
}
