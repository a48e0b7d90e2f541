//! The news of a month: scripted, triggered and deck cards, and the answers
//! to choice cards, by a person or by the model.

use rand::Rng;

use super::apply::apply;
use super::dice;
use super::opponent;
use super::outcome::check_endings;
use super::report::{Cause, Journal, Note};
use super::rules::{cap_rises, holds, ladder_rung, note_rungs};
use super::scenario::{CardGate, EndingCheck, EventId, MAX_EVENTS, MAX_METERS, Scenario};
use super::state::{MemorySource, Phase, State};

/// News for the month that begins: scripted, triggered, then one card from the deck.
/// `month_start` holds the meters before the month's moves, for the cap on rises.
pub(super) fn begin_month<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    month_start: Option<&[i16; MAX_METERS]>,
    rng: &mut R,
    j: &mut J,
) {
    let ladder_before = ladder_rung(sc, st);
    j.note(Note::Month { turn: st.turn });
    // Only the cards whose window holds this month (see `Index::cards`), in
    // scenario order: a card that fires changes what the next one sees.
    let cards = sc.index.cards(st.turn);
    for g in &cards.monthly {
        if ready(sc, st, g) {
            fire(sc, st, g.id, rng, j);
        }
    }
    if dice::chance(rng, sc.deck_chance) {
        // Fixed arrays, not Vecs: this runs every month of every simulated game.
        // Only ready cards are listed: `weighted` skips a zero weight, so the
        // draw is the one it would be over the whole deck.
        let mut ids = [EventId(0); MAX_EVENTS];
        let mut weights = [0.0; MAX_EVENTS];
        let mut n = 0;
        for g in &cards.deck {
            if ready(sc, st, g) {
                ids[n] = g.id;
                weights[n] = g.weight;
                n += 1;
            }
        }
        if let Some(k) = dice::weighted(rng, &weights[..n]) {
            fire(sc, st, ids[k], rng, j);
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

/// Whether a card may fire now: it is in its window, its flags are right,
/// it is not spent or cooling down, (if kept for players) a person plays the
/// side it concerns, and the rest of its condition holds. The cheap tests
/// come first, from the card's gate; the card itself is read last, if at all.
#[inline]
fn ready(sc: &Scenario, st: &State, g: &CardGate) -> bool {
    let rested = match (st.fired.contains(g.id), g.cooldown) {
        (false, _) => true,
        (true, None) => false,
        (true, Some(c)) => st.turn >= st.last_fired[g.id.index()] + c,
    };
    rested
        && g.open_in(st.turn)
        && st.flags & g.flag_mask == g.flag_mask
        && st.flags & g.not_flag_mask == 0
        && (!g.players_only || st.setup.human[g.concerns.index()])
        && (!g.rest || holds(&sc.event(g.id).when, st))
}

/// A card fires: its own effect, then its question to a person, or the model's answer.
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

/// A person's answer to the card on the table (already checked to exist).
pub(super) fn answer_card<R: Rng + ?Sized, J: Journal>(
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

/// The next thing the game waits for: the first pending card, or the month's orders.
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
