//! The smoke test `check-scenario` runs on a scenario it accepts: whole
//! simulated games of every side and difficulty, watched for panics, games
//! that outrun their calendar and meters out of range.
//!
//! A scenario can be valid line by line and still break the game in play (a
//! side left without a legal move, a model that never stops thinking); this
//! is where such a scenario is caught, before anyone plays it.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use rayon::prelude::*;

use crate::game::dice::{self, GameRng};
use crate::game::rules::{self, Choice};
use crate::game::scenario::{MeterId, MoveId, SIDES, Scenario, SideId};
use crate::game::{Difficulty, Phase, Setup, State};

use super::Policy;

/// Random games per side and difficulty `check-scenario` plays.
pub const SMOKE_GAMES: u32 = 200;

/// The seed of every smoke game: a check gives the same verdict every time.
const SMOKE_SEED: u64 = 0x5e0c_c4ec;

/// What went wrong in one smoke game.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// The game panicked; the message and, when known, where.
    Panic(String),
    /// Months were still being played after the calendar's last turn.
    NoEnd { months: u32 },
    /// A side a policy plays had no legal move when its order was due.
    NoMove { side: String, month: u32 },
    /// A meter left 0–100.
    OutOfRange { meter: String, value: i16 },
    /// The rules refused a choice a policy offered as legal.
    Refused(String),
}

/// One smoke game that went wrong, with what it takes to play it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The side the policy played (`both` when a policy played each side).
    pub side: String,
    pub difficulty: &'static str,
    pub policy: String,
    /// The game's index within its batch (its seed is the smoke seed and this).
    pub game: u64,
    pub trouble: Trouble,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "game {} ({} as {}, {}): ",
            self.game, self.policy, self.side, self.difficulty
        )?;
        match &self.trouble {
            Trouble::Panic(m) => write!(f, "the game crashed: {m}"),
            Trouble::NoEnd { months } => write!(
                f,
                "the game did not end by its last turn ({months} months played)"
            ),
            Trouble::NoMove { side, month } => {
                write!(f, "side `{side}` had no legal move in month {month}")
            }
            Trouble::OutOfRange { meter, value } => {
                write!(f, "meter `{meter}` reached {value}, outside 0–100")
            }
            Trouble::Refused(e) => write!(f, "the rules refused a legal-looking choice: {e}"),
        }
    }
}

/// Labels that name an ending the game has not reached (the label rule of
/// `Meter::label_contradicts`), one sentence each.
#[must_use]
pub fn label_problems(sc: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    for e in &sc.endings {
        for (i, def) in sc.meters.iter().enumerate() {
            if let Some((v, word)) = def.label_contradicts(MeterId(i as u8), e) {
                out.push(format!(
                    "meter `{}` reads \"{word}\" at {v}, the word of ending `{}` (\"{}\"), which {v} does not reach: give the ending's values a label band of their own",
                    def.id, e.id, e.title
                ));
            }
            if let Some((v, word)) = def.label_names_more_than_it_holds(MeterId(i as u8), e) {
                out.push(format!(
                    "meter `{}` reads \"{word}\" from {v}, a word of ending `{}` (\"{}\"), which needs more than this meter: call the band something else",
                    def.id, e.id, e.title
                ));
            }
        }
    }
    out
}

/// One batch of smoke games: who plays, at what level, how many.
#[derive(Clone, Debug)]
struct Batch {
    side: SideId,
    difficulty: Difficulty,
    policy: Policy,
    /// A policy for the other side too (both sides give orders).
    both: bool,
    games: u32,
}

/// Play `games` random games of every side at every difficulty against the
/// model (a twentieth where the level looks ahead), two greedy games and one
/// expert game where it does not, and random games with a policy on each side;
/// report every panic, every game that outruns its calendar and every meter
/// out of range. The same scenario always gives the same problems.
#[must_use]
pub fn smoke(sc: &Scenario, games: u32) -> Vec<Problem> {
    let mut batches = Vec::new();
    for side in SideId::ALL {
        for difficulty in Difficulty::ALL {
            let thinks = sc.sides.iter().any(|s| s.ai[difficulty.index()].lookahead);
            // A level that looks ahead costs a hundredfold a move: fewer games,
            // and no policy that itself plays thousands of imagined months.
            let random = if thinks { games.div_ceil(20) } else { games };
            let few = if thinks { 0 } else { 2.min(games) };
            let mut add = |policy: Policy, games: u32, both: bool| {
                batches.push(Batch {
                    side,
                    difficulty,
                    policy,
                    both,
                    games,
                });
            };
            add(Policy::Random, random, false);
            add(Policy::Greedy, few, false);
            add(Policy::Expert, few / 2, false);
            if difficulty == Difficulty::Normal {
                // Both sides given orders: no model, so once per side is enough.
                add(Policy::Random, games.div_ceil(4), true);
            }
        }
    }
    let jobs: Vec<(usize, u64)> = batches
        .iter()
        .enumerate()
        .flat_map(|(b, batch)| (0..u64::from(batch.games)).map(move |i| (b, i)))
        .collect();
    install_quiet_hook();
    jobs.into_par_iter()
        .filter_map(|(b, i)| {
            let batch = &batches[b];
            let seed = SMOKE_SEED ^ ((b as u64) << 32);
            guarded(|| play_watched(sc, batch, seed, i)).map(|trouble| Problem {
                side: if batch.both {
                    "both".into()
                } else {
                    sc.side(batch.side).id.clone()
                },
                difficulty: batch.difficulty.name(),
                policy: batch.policy.name(sc),
                game: i,
                trouble,
            })
        })
        .collect()
}

/// The smoke test's verdict as `check-scenario` prints it: `Err` lists the
/// problems (the first few, then how many more).
pub fn verdict(sc: &Scenario) -> Result<(), String> {
    const SHOWN: usize = 10;
    let problems = smoke(sc, SMOKE_GAMES);
    if problems.is_empty() {
        return Ok(());
    }
    // The same trouble in many games is one problem: show it once, with a count.
    let mut kinds: Vec<(&Problem, usize)> = Vec::new();
    for p in &problems {
        match kinds.iter_mut().find(|(k, _)| k.trouble == p.trouble) {
            Some((_, n)) => *n += 1,
            None => kinds.push((p, 1)),
        }
    }
    let mut out = format!(
        "the scenario compiles, but {} simulated game(s) went wrong:\n",
        problems.len()
    );
    for (p, n) in kinds.iter().take(SHOWN) {
        let also = match n - 1 {
            0 => String::new(),
            more => format!(" (and {more} more game(s) like it)"),
        };
        out.push_str(&format!("  {p}{also}\n"));
    }
    if kinds.len() > SHOWN {
        out.push_str(&format!(
            "  … and {} other problem(s)\n",
            kinds.len() - SHOWN
        ));
    }
    Err(out)
}

/// One whole game of a batch, checked after every choice.
fn play_watched(sc: &Scenario, batch: &Batch, seed: u64, index: u64) -> Option<Trouble> {
    let mut setup = Setup::single(batch.side, batch.difficulty);
    if batch.both {
        setup.human = [true; SIDES];
    }
    let mut rng = dice::game_rng(seed, index);
    let mut policy_rng = dice::game_rng(seed ^ 0x9011c7, index);
    let mut st = rules::start(sc, setup, &mut rng, &mut ());
    let mut months = 0u32;
    loop {
        if let Some(t) = out_of_range(sc, &st) {
            return Some(t);
        }
        if st.is_over() {
            return None;
        }
        if months >= u32::from(sc.calendar.turns) {
            return Some(Trouble::NoEnd { months });
        }
        if let Some(t) = stuck(sc, &st, months) {
            return Some(t);
        }
        let choice = next_choice(sc, batch, &st, &mut policy_rng);
        if !matches!(choice, Choice::Answer { .. }) {
            months += 1;
        }
        if let Err(e) = rules::play(sc, &mut st, choice, &mut rng, &mut ()) {
            return Some(Trouble::Refused(e.to_string()));
        }
    }
}

fn next_choice(sc: &Scenario, batch: &Batch, st: &State, rng: &mut GameRng) -> Choice {
    if !batch.both {
        return batch.policy.choose(sc, st, rng);
    }
    match st.phase {
        Phase::Card(e) => {
            let concerns = sc.event(e).concerns;
            Choice::Answer {
                choice: batch.policy.answer(sc, st, e, concerns, rng),
            }
        }
        _ => {
            let mut moves = [MoveId(0); SIDES];
            for side in SideId::ALL {
                moves[side.index()] = batch.policy.pick_move(sc, st, side, rng);
            }
            Choice::Orders { moves }
        }
    }
}

/// A side a person (here: a policy) plays with no legal move when orders are due.
fn stuck(sc: &Scenario, st: &State, months: u32) -> Option<Trouble> {
    if st.phase != Phase::Orders {
        return None;
    }
    let side = SideId::ALL
        .into_iter()
        .find(|s| st.setup.human[s.index()] && rules::legal_moves(sc, st, *s).next().is_none())?;
    Some(Trouble::NoMove {
        side: sc.side(side).id.clone(),
        month: months + 1,
    })
}

fn out_of_range(sc: &Scenario, st: &State) -> Option<Trouble> {
    sc.meters.iter().enumerate().find_map(|(i, m)| {
        let value = st.meters[i];
        (!(0..=100).contains(&value)).then(|| Trouble::OutOfRange {
            meter: m.id.clone(),
            value,
        })
    })
}

thread_local! {
    /// Set while this thread plays a smoke game: its panics are caught and reported, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// Where this thread's last quiet panic happened.
    static WHERE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Install, once, a panic hook that stays silent on threads playing smoke
/// games (noting where the panic happened) and hands every other panic to
/// the hook that was there before, so nothing else changes.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                WHERE.with(|w| *w.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Run `f`, turning a panic into [`Trouble::Panic`].
fn guarded(f: impl FnOnce() -> Option<Trouble>) -> Option<Trouble> {
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    match result {
        Ok(t) => t,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into());
            let at = WHERE.with(|w| w.borrow_mut().take());
            Some(Trouble::Panic(match at {
                Some(at) => format!("{message} (at {at})"),
                None => message,
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::scenario::Index;

    #[test]
    fn the_builtin_scenario_passes_the_smoke_test() {
        assert_eq!(smoke(&Scenario::builtin(), 20), Vec::new());
    }

    const MINIMAL: &str = include_str!("../../tests/scenarios/good/minimal.toml");

    fn minimal() -> Scenario {
        Scenario::from_toml("minimal.toml", MINIMAL).expect("the minimal scenario compiles")
    }

    fn troubles(sc: &Scenario) -> Vec<Trouble> {
        let mut seen: Vec<Trouble> = Vec::new();
        for p in smoke(sc, 4) {
            if !seen.contains(&p.trouble) {
                seen.push(p.trouble);
            }
        }
        seen
    }

    #[test]
    fn the_minimal_scenario_passes_the_smoke_test() {
        assert_eq!(smoke(&minimal(), 20), Vec::new());
    }

    // The compiler guarantees what these tamper with; the smoke test must
    // still see it if that guarantee ever slips.
    #[test]
    fn a_meter_out_of_range_is_reported() {
        let mut sc = minimal();
        sc.meters[0].start = 150;
        assert_eq!(
            troubles(&sc),
            vec![Trouble::OutOfRange {
                meter: "calm".into(),
                value: 150
            }]
        );
    }

    #[test]
    fn a_game_without_an_ending_is_reported() {
        let mut sc = minimal();
        sc.endings.clear();
        sc.index = Index::build(&sc);
        let t = troubles(&sc);
        assert!(t.contains(&Trouble::NoEnd { months: 6 }), "{t:?}");
    }

    #[test]
    fn a_crash_in_play_is_caught_and_reported() {
        let mut sc = minimal();
        // An ending that names a meter the scenario does not have: indexing it panics.
        sc.endings[0]
            .when
            .min
            .insert(0, (crate::game::scenario::MeterId(200), 1));
        // Its precomputed parts and the index follow the tampered lists, as the compiler's would.
        sc.endings[0].when.prepare();
        sc.index = Index::build(&sc);
        let t = troubles(&sc);
        assert!(
            t.iter()
                .all(|t| matches!(t, Trouble::Panic(m) if m.contains("index out of bounds"))),
            "{t:?}"
        );
        assert!(!t.is_empty());
    }

    #[test]
    fn a_panic_is_caught_and_reported_with_its_message() {
        install_quiet_hook();
        let t = guarded(|| panic!("boom {}", 7));
        match t {
            Some(Trouble::Panic(m)) => {
                assert!(m.starts_with("boom 7 (at src/sim/check.rs:"), "{m}")
            }
            other => panic!("expected a caught panic, got {other:?}"),
        }
        // The thread is no longer quiet afterwards.
        assert!(!QUIET.with(Cell::get));
    }
}
