//! The rival's hidden temperament and what the other side learns of it.
//!
//! Each side's model is drawn with one of its scenario's temperaments at the
//! start. The other side never reads it: it keeps a *belief* — weights over the
//! temperaments, in the state — updated by Bayes' rule each time the model
//! answers, from how likely that answer's posture was under each temperament
//! ([`posture_odds`](super::opponent::posture_odds)). The advisor and the policies imagine the rival as a
//! temperament drawn from the belief, never the true one; the end screen
//! reveals the truth.
//!
//! Integer weights, updated with IEEE `×` and `÷` only: the same on every platform.

use rand::Rng;

use super::character::posture_odds_each;
use super::dice;
use super::scenario::{MAX_TEMPERAMENTS, MoveId, Posture, Scenario, SideId, Temperament};
use super::state::{BELIEF_SCALE, State};

/// How much of an answer's likelihood is blurred over all postures, so one
/// surprising answer never rules a temperament out for good.
const BLUR: f64 = 0.1;

/// The belief before any answer: the scenario's prior weights.
#[must_use]
pub fn prior(sc: &Scenario, side: SideId) -> [u32; MAX_TEMPERAMENTS] {
    let ts = &sc.side(side).temperaments;
    if ts.is_empty() {
        let mut w = [0; MAX_TEMPERAMENTS];
        w[0] = BELIEF_SCALE;
        return w;
    }
    let mut w = [0.0; MAX_TEMPERAMENTS];
    for (i, t) in ts.iter().enumerate() {
        w[i] = f64::from(t.weight);
    }
    normalise(w)
}

/// Draw each side's temperament from the scenario's prior. Sides with fewer
/// than two temperaments draw nothing (their random stream is untouched).
pub fn draw_true<R: Rng + ?Sized>(sc: &Scenario, st: &mut State, rng: &mut R) {
    for side in SideId::ALL {
        if sc.side(side).temperaments.len() >= 2 {
            st.temperament[side.index()] = draw_from(&prior(sc, side), rng);
        }
    }
}

/// A temperament for `side` drawn from what the other side believes of it:
/// how the advisor and the policies imagine the rival.
pub fn imagine<R: Rng + ?Sized>(sc: &Scenario, st: &mut State, side: SideId, rng: &mut R) {
    if sc.side(side).temperaments.len() >= 2 {
        st.temperament[side.index()] = draw_from(&st.belief[side.index()], rng);
    }
}

fn draw_from<R: Rng + ?Sized>(w: &[u32; MAX_TEMPERAMENTS], rng: &mut R) -> u8 {
    let weights = w.map(f64::from);
    dice::weighted(rng, &weights).unwrap_or(0) as u8
}

/// Learn from `side`'s answer `mv` to `seen`, made in state `st`.
pub fn observe(sc: &Scenario, st: &mut State, side: SideId, seen: Option<MoveId>, mv: MoveId) {
    let n = sc.side(side).temperaments.len();
    if n < 2 {
        return;
    }
    let k = match sc.mv(mv).posture() {
        Posture::Friendly => 0,
        Posture::Neutral => 1,
        Posture::Hostile => 2,
    };
    let belief = st.belief[side.index()];
    // Only the temperaments still believed in are weighed (a zero stays zero).
    let mut wanted = [false; MAX_TEMPERAMENTS];
    for (t, w) in wanted.iter_mut().enumerate().take(n) {
        *w = belief[t] > 0;
    }
    let odds = posture_odds_each(sc, st, side, seen, &wanted, k);
    let mut w = [0.0; MAX_TEMPERAMENTS];
    for (t, wt) in w.iter_mut().enumerate().take(n) {
        if wanted[t] {
            let p = odds[t];
            *wt = f64::from(belief[t]) * ((1.0 - BLUR) * p + BLUR / 3.0);
        }
    }
    st.belief[side.index()] = normalise(w);
}

/// Weights scaled to sum to `BELIEF_SCALE` (the remainder to the largest).
fn normalise(w: [f64; MAX_TEMPERAMENTS]) -> [u32; MAX_TEMPERAMENTS] {
    let total: f64 = w.iter().sum();
    let mut out = [0u32; MAX_TEMPERAMENTS];
    if total <= 0.0 {
        out[0] = BELIEF_SCALE;
        return out;
    }
    for (o, x) in out.iter_mut().zip(w) {
        *o = (x / total * f64::from(BELIEF_SCALE)) as u32;
    }
    let sum: u32 = out.iter().sum();
    let top = (0..MAX_TEMPERAMENTS)
        .max_by_key(|i| (out[*i], usize::MAX - i))
        .unwrap_or(0);
    out[top] += BELIEF_SCALE - sum;
    out
}

/// What the other side believes of `side`'s temperament: each temperament with
/// its share (0–1), most likely first. Empty when the side has fewer than two.
#[must_use]
pub fn shares<'a>(sc: &'a Scenario, st: &State, side: SideId) -> Vec<(&'a Temperament, f64)> {
    let ts = &sc.side(side).temperaments;
    if ts.len() < 2 {
        return Vec::new();
    }
    let mut v: Vec<(&Temperament, f64)> = ts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                t,
                f64::from(st.belief[side.index()][i]) / f64::from(BELIEF_SCALE),
            )
        })
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1));
    v
}

/// `side`'s true temperament, for the end screen.
#[must_use]
pub fn revealed<'a>(sc: &'a Scenario, st: &State, side: SideId) -> Option<&'a Temperament> {
    let ts = &sc.side(side).temperaments;
    if ts.len() < 2 {
        return None;
    }
    ts.get(usize::from(st.temperament[side.index()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::forecast::forecast_all;
    use crate::game::rules::{self, Choice};
    use crate::game::state::{Difficulty, Setup};

    fn moscow(sc: &Scenario) -> SideId {
        sc.default_player.other()
    }

    /// A game of `months` random Washington moves against the model, from `seed`.
    fn played(sc: &Scenario, seed: u64, months: usize, truth: Option<u8>) -> State {
        let setup = Setup::single(sc.default_player, Difficulty::Normal);
        let mut rng = dice::outcome_rng(seed);
        let mut st = rules::start(sc, setup, &mut rng, &mut ());
        if let Some(t) = truth {
            st.temperament[moscow(sc).index()] = t;
        }
        let mut pick = dice::game_rng(seed, 99);
        for _ in 0..months * 3 {
            if st.is_over() || usize::from(st.turn) >= months {
                break;
            }
            let c = match st.phase {
                crate::game::Phase::Card(e) => {
                    let n = sc.event(e).choices.len() as i16;
                    Choice::Answer {
                        choice: dice::range(&mut pick, 0, n - 1) as u8,
                    }
                }
                _ => {
                    let legal: Vec<MoveId> =
                        rules::legal_moves(sc, &st, sc.default_player).collect();
                    let k = dice::range(&mut pick, 0, legal.len() as i16 - 1) as usize;
                    Choice::Move { mv: legal[k] }
                }
            };
            rules::play(sc, &mut st, c, &mut rng, &mut ()).expect("a legal choice");
        }
        st
    }

    /// The advisor imagines the rival from the belief: two games alike but
    /// for the rival's true temperament get the very same forecasts.
    #[test]
    fn the_forecast_never_reads_the_true_temperament() {
        let sc = Scenario::builtin();
        let st = played(&sc, 5, 4, None);
        let mut other = st;
        let m = moscow(&sc).index();
        other.temperament[m] = (st.temperament[m] + 1) % 3;
        assert_ne!(st, other);
        assert_eq!(
            forecast_all(&sc, &st, 200, 7),
            forecast_all(&sc, &other, 200, 7)
        );
    }

    /// After a year of answers the belief tells the temperaments apart: a
    /// temperament gets more weight, on average, in the games where it is the
    /// truth than in the games where it is not.
    #[test]
    fn the_belief_learns_the_true_temperament() {
        let sc = Scenario::builtin();
        let m = moscow(&sc).index();
        let n = sc.side(moscow(&sc)).temperaments.len();
        assert!(n >= 3, "the built-in rival has at least three temperaments");
        let games = 60u64;
        // mean[truth][t]: the weight on t after a year when the truth is `truth`.
        let mean: Vec<Vec<f64>> = (0..n as u8)
            .map(|truth| {
                let mut sum = vec![0.0; n];
                for seed in 0..games {
                    let st = played(&sc, seed, 12, Some(truth));
                    for (t, x) in sum.iter_mut().enumerate() {
                        *x += f64::from(st.belief[m][t]) / f64::from(BELIEF_SCALE);
                    }
                }
                sum.iter().map(|x| x / games as f64).collect()
            })
            .collect();
        for (t, row) in mean.iter().enumerate() {
            let when_true = row[t];
            let when_not =
                (0..n).filter(|u| *u != t).map(|u| mean[u][t]).sum::<f64>() / (n - 1) as f64;
            eprintln!("temperament {t}: {when_true:.2} when true, {when_not:.2} when not");
            assert!(
                when_true > when_not + 0.1,
                "temperament {t}: {when_true:.2} when true vs {when_not:.2} when not"
            );
        }
    }

    /// Weights always sum to the scale, and a side without temperaments keeps one.
    #[test]
    fn beliefs_stay_normalised() {
        let sc = Scenario::builtin();
        for seed in 0..20 {
            let st = played(&sc, seed, 18, None);
            for side in SideId::ALL {
                assert_eq!(st.belief[side.index()].iter().sum::<u32>(), BELIEF_SCALE);
            }
        }
    }
}
