//! The rules: one entry point from (state, choice, rng) to a new state, with
//! every change written to a journal.

use std::fmt;

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::dice;
use super::opponent;
use super::report::{Cause, Journal, Note};
use super::scenario::{
    Chance, Cond, Effect, EndingCheck, EndingId, EventId, MAX_EVENTS, MAX_METERS, MeterId, MoveId,
    SIDES, Scenario, SideId, Trigger,
};
use super::state::{LEDGER_SIZE, Memory, MemorySource, Outcome, Phase, Setup, State};

/// The version of the rules. Bump it whenever the same scenario, seed and choices
/// would play out differently, so an old save says why it no longer replays.
/// 2: the model answers cards with a whim; cards may be kept for players.
pub const RULES_VERSION: u32 = 2;

/// What a player decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Choice {
    /// The month's move of the one human side; the model answers for the other.
    Move { mv: MoveId },
    /// Both sides' moves at once (two players, or a policy on each side).
    Orders { moves: [MoveId; SIDES] },
    /// The answer to the choice card on the table.
    Answer { choice: u8 },
}

/// Why a choice was refused; the state is left untouched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlayError {
    GameOver,
    /// A card waits for an answer first.
    CardPending,
    /// There is no card to answer.
    NoCard,
    NoSuchChoice,
    NoSuchMove,
    /// The move belongs to the other side.
    NotYourMove,
    /// The move's requirements are not met.
    Unavailable,
    /// `Move` needs exactly one human side (use `Orders` to give both sides' moves).
    WrongKind,
}

impl fmt::Display for PlayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PlayError::GameOver => "the game is over",
            PlayError::CardPending => "a card is waiting for an answer",
            PlayError::NoCard => "there is no card to answer",
            PlayError::NoSuchChoice => "that card has no such choice",
            PlayError::NoSuchMove => "no such move",
            PlayError::NotYourMove => "that move belongs to the other side",
            PlayError::Unavailable => "that move is not available now",
            PlayError::WrongKind => "this game takes orders for both sides",
        })
    }
}

impl std::error::Error for PlayError {}

/// A new game: the state after the first month's news.
pub fn start<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    setup: Setup,
    rng: &mut R,
    j: &mut J,
) -> State {
    let mut st = State::new(sc, setup);
    begin_month(sc, &mut st, None, rng, j);
    st
}

/// Play one choice. On error the state is unchanged.
pub fn play<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    choice: Choice,
    rng: &mut R,
    j: &mut J,
) -> Result<(), PlayError> {
    match (st.phase, choice) {
        (Phase::Over(_), _) => Err(PlayError::GameOver),
        (Phase::Card(_), Choice::Move { .. } | Choice::Orders { .. }) => {
            Err(PlayError::CardPending)
        }
        (Phase::Orders, Choice::Answer { .. }) => Err(PlayError::NoCard),
        (Phase::Card(e), Choice::Answer { choice }) => {
            if choice as usize >= sc.event(e).choices.len() {
                return Err(PlayError::NoSuchChoice);
            }
            answer(sc, st, e, choice, rng, j);
            Ok(())
        }
        (Phase::Orders, Choice::Move { mv }) => {
            let humans = st.setup.human.iter().filter(|h| **h).count();
            if humans != 1 {
                return Err(PlayError::WrongKind);
            }
            let side = st.setup.player();
            check_move(sc, st, side, mv)?;
            let mut orders = [None; SIDES];
            orders[side.index()] = Some(mv);
            resolve(sc, st, orders, rng, j);
            Ok(())
        }
        (Phase::Orders, Choice::Orders { moves }) => {
            for (s, mv) in moves.iter().enumerate() {
                check_move(sc, st, SideId(s as u8), *mv)?;
            }
            resolve(sc, st, moves.map(Some), rng, j);
            Ok(())
        }
    }
}

fn check_move(sc: &Scenario, st: &State, side: SideId, mv: MoveId) -> Result<(), PlayError> {
    let m = sc.moves.get(mv.index()).ok_or(PlayError::NoSuchMove)?;
    if m.side != side {
        return Err(PlayError::NotYourMove);
    }
    if !is_legal(sc, st, mv) {
        return Err(PlayError::Unavailable);
    }
    Ok(())
}

/// Whether a person may make a move now: its requirements hold and, if it
/// answers certain moves, the other side made one of them last month.
pub fn is_legal(sc: &Scenario, st: &State, mv: MoveId) -> bool {
    let m = sc.mv(mv);
    holds(&m.requires, st)
        && (m.answers.is_empty()
            || st.last_moves[m.side.other().index()].is_some_and(|last| m.answers.contains(&last)))
}

/// The moves a side may make now, in scenario order.
pub fn legal_moves<'a>(
    sc: &'a Scenario,
    st: &'a State,
    side: SideId,
) -> impl Iterator<Item = MoveId> + 'a {
    sc.moves_of(side).filter(move |m| is_legal(sc, st, *m))
}

/// Whether a condition holds.
#[inline]
pub fn holds(c: &Cond, st: &State) -> bool {
    !c.checks || holds_slow(c, st)
}

fn holds_slow(c: &Cond, st: &State) -> bool {
    st.flags & c.flag_mask == c.flag_mask
        && st.flags & c.not_flag_mask == 0
        && c.min.iter().all(|(m, v)| st.meter(*m) >= *v)
        && c.max.iter().all(|(m, v)| st.meter(*m) <= *v)
        && c.treaty_masks
            .iter()
            .all(|(t, ok)| st.treaty(*t).bit() & ok != 0)
        && c.from_turn.is_none_or(|t| st.turn >= t)
        && c.until_turn.is_none_or(|t| st.turn <= t)
        && (c.any.is_empty() || c.any.iter().any(|a| holds(a, st)))
}

/// The probability a chance gives in this state.
pub fn probability(c: &Chance, st: &State) -> f64 {
    let p = c
        .per
        .iter()
        .fold(c.base, |p, (m, k)| p + k * st.meter(*m) as f64);
    p.clamp(c.min, c.max)
}

/// Move a meter, clamped to 0–100; the journal gets the real change.
fn change<J: Journal>(
    sc: &Scenario,
    st: &mut State,
    m: MeterId,
    delta: i16,
    cause: Cause,
    j: &mut J,
) {
    let _ = sc;
    let old = st.meters[m.index()];
    let new = (old + delta).clamp(0, 100);
    if new != old {
        st.meters[m.index()] = new;
        j.change(m, new - old, cause);
    }
}

fn apply<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    e: &Effect,
    cause: Cause,
    source: MemorySource,
    rng: &mut R,
    j: &mut J,
) {
    for (m, a) in &e.meters {
        let d = dice::range(rng, a.lo, a.hi);
        change(sc, st, *m, d, cause, j);
    }
    for (t, status) in &e.treaties {
        let from = st.treaties[t.index()];
        if from != *status {
            st.treaties[t.index()] = *status;
            j.note(Note::Treaty {
                treaty: *t,
                from,
                to: *status,
            });
        }
    }
    for f in &e.set {
        st.flags |= 1 << f.0;
    }
    for f in &e.clear {
        st.flags &= !(1 << f.0);
    }
    for (i, mem) in e.memory.iter().enumerate() {
        remember(sc, st, mem.holder, source, i as u8, mem.amount, mem.fade, j);
    }
}

#[allow(clippy::too_many_arguments)]
fn remember<J: Journal>(
    sc: &Scenario,
    st: &mut State,
    holder: SideId,
    source: MemorySource,
    index: u8,
    amount: i16,
    fade: i16,
    j: &mut J,
) {
    let ledger = &mut st.ledgers[holder.index()];
    let entry = Memory {
        source,
        index,
        amount,
        fade,
    };
    if let Some(same) = ledger.entries[..ledger.len as usize]
        .iter_mut()
        .find(|m| m.source == source && m.index == index)
    {
        // The same deed again deepens the memory rather than adding a line.
        same.amount = (same.amount + amount).clamp(-100, 100);
        same.fade = same.fade.max(fade);
    } else if (ledger.len as usize) < LEDGER_SIZE {
        ledger.entries[ledger.len as usize] = entry;
        ledger.len += 1;
    } else {
        // Full: the faintest memory gives way (its effect on trust stays, unfading).
        let faintest = (0..LEDGER_SIZE)
            .min_by_key(|i| ledger.entries[*i].amount.abs())
            .unwrap_or(0);
        ledger.entries[faintest] = entry;
    }
    if let Some(m) = sc.side(holder).memory_meter {
        change(
            sc,
            st,
            m,
            amount,
            Cause::Remembered {
                holder,
                source,
                index,
            },
            j,
        );
    }
}

fn fade_ledgers<J: Journal>(sc: &Scenario, st: &mut State, j: &mut J) {
    for h in 0..SIDES {
        let holder = SideId(h as u8);
        let mut i = 0;
        while i < st.ledgers[h].len as usize {
            let m = st.ledgers[h].entries[i];
            let step = m.fade.min(m.amount.abs()) * m.amount.signum();
            if step != 0 {
                st.ledgers[h].entries[i].amount -= step;
                if let Some(meter) = sc.side(holder).memory_meter {
                    let cause = Cause::Fading {
                        holder,
                        source: m.source,
                        index: m.index,
                    };
                    change(sc, st, meter, -step, cause, j);
                }
            }
            if st.ledgers[h].entries[i].amount == 0 {
                let ledger = &mut st.ledgers[h];
                ledger.entries.copy_within(i + 1..ledger.len as usize, i);
                ledger.len -= 1;
            } else {
                i += 1;
            }
        }
    }
}

pub(crate) fn make_move<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    side: SideId,
    mv: MoveId,
    rng: &mut R,
    j: &mut J,
) {
    let m = sc.mv(mv);
    apply(
        sc,
        st,
        &m.effects,
        Cause::Move {
            side,
            mv,
            outcome: Outcome::Always,
        },
        MemorySource::Move(mv, Outcome::Always),
        rng,
        j,
    );
    let success = if m.chance.is_certain() {
        None
    } else {
        Some(dice::chance(rng, probability(&m.chance, st)))
    };
    let (outcome, effect) = match success {
        Some(false) => (Outcome::Failure, &m.failure),
        _ => (Outcome::Success, &m.success),
    };
    j.note(Note::Moved { side, mv, success });
    apply(
        sc,
        st,
        effect,
        Cause::Move { side, mv, outcome },
        MemorySource::Move(mv, outcome),
        rng,
        j,
    );
    st.last_moves[side.index()] = Some(mv);
}

/// The month: both sides' moves, drift, memory fading, then the next month's news.
fn resolve<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    orders: [Option<MoveId>; SIDES],
    rng: &mut R,
    j: &mut J,
) {
    let before = st.meters;
    let ladder_before = ladder_rung(sc, st);
    // People's orders first, in side order; the model then answers what it saw.
    for (s, mv) in orders.iter().enumerate() {
        if let Some(mv) = mv {
            make_move(sc, st, SideId(s as u8), *mv, rng, j);
        }
    }
    for s in 0..SIDES {
        if orders[s].is_none() {
            let side = SideId(s as u8);
            let seen = orders[1 - s];
            let mv = opponent::answer(sc, st, side, seen, rng, j);
            make_move(sc, st, side, mv, rng, j);
        }
    }
    for (i, d) in sc.drift.iter().enumerate() {
        if holds(&d.when, st) {
            apply(
                sc,
                st,
                &d.effects,
                Cause::Drift { rule: i as u8 },
                MemorySource::Drift(i as u8),
                rng,
                j,
            );
        }
    }
    fade_ledgers(sc, st, j);
    cap_rises(sc, st, &before, j);
    note_rungs(sc, st, ladder_before, j);
    if check_endings(sc, st, EndingCheck::Always, j) {
        return;
    }
    if st.turn + 1 >= sc.calendar.turns {
        check_endings(sc, st, EndingCheck::Deadline, j);
        return;
    }
    st.turn += 1;
    begin_month(sc, st, Some(&before), rng, j);
}

/// No meter climbs more than its limit in a month (moves, drift and the next
/// month's news together): the top of the ladder is never a surprise.
fn cap_rises<J: Journal>(sc: &Scenario, st: &mut State, before: &[i16; MAX_METERS], j: &mut J) {
    for (i, m) in sc.meters.iter().enumerate() {
        if let Some(max) = m.max_rise {
            let rise = st.meters[i] - before[i];
            if rise > max {
                change(sc, st, MeterId(i as u8), max - rise, Cause::Capped, j);
            }
        }
    }
}

fn ladder_rung(sc: &Scenario, st: &State) -> Option<u8> {
    sc.ladder().map(|l| sc.meter_def(l).rung(st.meter(l)) as u8)
}

fn note_rungs<J: Journal>(sc: &Scenario, st: &mut State, before: Option<u8>, j: &mut J) {
    if let (Some(from), Some(to)) = (before, ladder_rung(sc, st)) {
        if from != to {
            j.note(Note::Rung { from, to });
        }
        st.peak_rung = st.peak_rung.max(to);
    }
}

/// News for the month that begins: scripted, triggered, then one card from the deck.
/// `month_start` holds the meters before the month's moves, for the cap on rises.
fn begin_month<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    month_start: Option<&[i16; MAX_METERS]>,
    rng: &mut R,
    j: &mut J,
) {
    let ladder_before = ladder_rung(sc, st);
    j.note(Note::Month { turn: st.turn });
    for &id in &sc.index.monthly {
        let due = match sc.event(id).trigger {
            Trigger::At(t) => t == st.turn,
            _ => true,
        };
        if due && ready(sc, st, id) {
            fire(sc, st, id, rng, j);
        }
    }
    if dice::chance(rng, sc.deck_chance) {
        // A fixed array, not a Vec: this runs every month of every simulated game.
        let deck = &sc.index.deck;
        let mut weights = [0.0; MAX_EVENTS];
        let weights = &mut weights[..deck.len()];
        for (w, (id, weight)) in weights.iter_mut().zip(deck) {
            if ready(sc, st, *id) {
                *w = *weight;
            }
        }
        if let Some(k) = dice::weighted(rng, weights) {
            fire(sc, st, deck[k].0, rng, j);
        }
    }
    if let Some(before) = month_start {
        cap_rises(sc, st, before, j);
    }
    note_rungs(sc, st, ladder_before, j);
    if check_endings(sc, st, EndingCheck::Always, j) {
        return;
    }
    settle_phase(sc, st, j);
}

/// Whether a card may fire now: its condition holds, it is not spent or cooling
/// down, and (if kept for players) a person plays the side it concerns.
fn ready(sc: &Scenario, st: &State, id: EventId) -> bool {
    let e = sc.event(id);
    let rested = match (st.fired.contains(id), e.cooldown) {
        (false, _) => true,
        (true, None) => false,
        (true, Some(c)) => st.turn >= st.last_fired[id.index()] + c,
    };
    rested && (!e.players_only || st.setup.human[e.concerns.index()]) && holds(&e.when, st)
}

fn fire<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    id: EventId,
    rng: &mut R,
    j: &mut J,
) {
    st.fired.insert(id);
    st.last_fired[id.index()] = st.turn;
    j.note(Note::Event { event: id });
    let e = sc.event(id);
    apply(
        sc,
        st,
        &e.effects,
        Cause::Event { event: id },
        MemorySource::Event(id),
        rng,
        j,
    );
    if e.choices.is_empty() {
        return;
    }
    if st.setup.human[e.concerns.index()] {
        st.pending.insert(id);
        j.note(Note::CardPending { event: id });
    } else {
        let choice = opponent::pick_choice(sc, st, e.concerns, id, rng);
        j.note(Note::Answered {
            event: id,
            choice,
            side: e.concerns,
        });
        let effects = &sc.event(id).choices[choice as usize].effects;
        apply(
            sc,
            st,
            effects,
            Cause::Choice { event: id, choice },
            MemorySource::Choice(id, choice),
            rng,
            j,
        );
    }
}

fn answer<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    e: EventId,
    choice: u8,
    rng: &mut R,
    j: &mut J,
) {
    let ladder_before = ladder_rung(sc, st);
    st.pending.remove(e);
    j.note(Note::Answered {
        event: e,
        choice,
        side: sc.event(e).concerns,
    });
    let effects = &sc.event(e).choices[choice as usize].effects;
    apply(
        sc,
        st,
        effects,
        Cause::Choice { event: e, choice },
        MemorySource::Choice(e, choice),
        rng,
        j,
    );
    note_rungs(sc, st, ladder_before, j);
    if check_endings(sc, st, EndingCheck::Always, j) {
        return;
    }
    settle_phase(sc, st, j);
}

fn settle_phase<J: Journal>(sc: &Scenario, st: &mut State, j: &mut J) {
    st.phase = match st.pending.first() {
        Some(e) => Phase::Card(e),
        None => Phase::Orders,
    };
    if let Some(l) = sc.ladder() {
        let def = sc.meter_def(l);
        if let Some(w) = def.warn_at
            && st.meter(l) >= w
        {
            j.note(Note::Warning {
                rung: def.rung(st.meter(l)) as u8,
            });
        }
    }
}

/// End the game if an ending of this kind holds for a side a person plays.
fn check_endings<J: Journal>(sc: &Scenario, st: &mut State, check: EndingCheck, j: &mut J) -> bool {
    // Every side a person plays can end the game (the first such side when none is human).
    let first = st.setup.player();
    let found = std::iter::once(first)
        .chain(
            (0..SIDES as u8)
                .map(SideId)
                .filter(|s| *s != first && st.setup.human[s.index()]),
        )
        .find_map(|side| find_ending(sc, st, side, check));
    if let Some(e) = found {
        st.phase = Phase::Over(e);
        st.pending = Default::default();
        j.note(Note::Ended { ending: e });
        return true;
    }
    false
}

/// The first ending of a side of this kind whose condition holds.
pub fn find_ending(
    sc: &Scenario,
    st: &State,
    side: SideId,
    check: EndingCheck,
) -> Option<EndingId> {
    sc.endings
        .iter()
        .position(|e| e.side == side && e.check == check && holds(&e.when, st))
        .map(|i| EndingId(i as u8))
}

/// The ending a side reaches in a finished game's state (for scoring the other side too).
pub fn ending_for(sc: &Scenario, st: &State, side: SideId) -> Option<EndingId> {
    find_ending(sc, st, side, EndingCheck::Always)
        .or_else(|| find_ending(sc, st, side, EndingCheck::Deadline))
}

/// A side's score for a finished (or unfinished) game.
pub fn score(sc: &Scenario, st: &State, side: SideId) -> i32 {
    let s = sc.side(side);
    let meters: f64 = s.score.iter().map(|(m, w)| w * st.meter(*m) as f64).sum();
    // The ending the game stopped on counts only for the side it belongs to.
    let reached = st.ending().filter(|e| sc.ending(*e).side == side);
    let ending = reached
        .or_else(|| ending_for(sc, st, side))
        .map_or(0.0, |e| sc.ending(e).bonus);
    let months = (st.turn as f64) + 1.0;
    (meters + ending + s.score_per_turn * months + s.score_per_peak_rung * st.peak_rung as f64)
        .round() as i32
}
