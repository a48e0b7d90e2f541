//! The news of a month: scripted, triggered and deck cards, and the answers
//! to choice cards, by a person or by the model.

use rand::Rng;

use super::apply::apply;
use super::cond::{holding, holds_from};
use super::dice;
use super::opponent;
use super::outcome::check_endings;
use super::report::{Cause, Journal, Note};
use super::rules::{cap_rises, holds, ladder_rung, note_rungs};
use super::scenario::{CardBits, EndingCheck, EventId, MAX_METERS, Scenario, SideId, card_bit};
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
    // Only the cards whose window holds this month and that are not spent
    // (see `Index::cards`), in scenario order: a card that fires changes what
    // the next one sees. A card's own firing is the only thing that spends it.
    // Cards whose flags are wrong are passed over by set too; a card that
    // fires and changes the flags changes which of the later ones are.
    // Within the calendar a month's cards are all in their window, and
    // `set_ready` leaves only the cards whose gate is open: only their
    // condition is left to test (`fitting`). Outside it (never in play), each
    // card is checked in full.
    let Some(&cards) = sc.index.by_turn.get(usize::from(st.turn)) else {
        return begin_month_checked(sc, st, month_start, ladder_before, rng, j);
    };
    // The gates of the month's scripted and deck cards together: a card that
    // fires changes its own gate and the flags, nothing else a gate reads
    // (scripted and deck cards are apart). Which open cards' conditions hold
    // is decided for all of them at once (`fitting`).
    let gated = fire_in_order(
        sc,
        st,
        cards.monthly,
        |st, todo| set_ready(sc, st, todo | cards.deck),
        |st, open| fitting(sc, st, open),
        rng,
        j,
    );
    if dice::chance(rng, sc.deck_chance) {
        // The ready cards as a set, not arrays to clear: this runs every month
        // of every simulated game. `draw` reads their weights twice and
        // passes over a card of no weight, so the draw is the one `weighted`
        // would make over the whole deck. Cards with nothing but flags and months to
        // test are ready as they stand; the others' conditions are read.
        let gated = gated & cards.deck;
        let mut drawable = gated & !sc.index.rest;
        for id in bits(gated & sc.index.rest) {
            if holds_from(&sc.index.heads[id.index()], &sc.event(id).when, st) {
                drawable |= card_bit(id);
            }
        }
        draw(sc, st, drawable, rng, j);
    }
    end_news(sc, st, month_start, ladder_before, j);
}

/// Draw one of the `drawable` deck cards by its weight, and fire it.
#[inline]
fn draw<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    drawable: CardBits,
    rng: &mut R,
    j: &mut J,
) {
    // A card of no weight is never drawn: `weighted_pick` would skip it.
    let weighed = bits(drawable & sc.index.drawn).map(|id| (id, sc.index.weights[id.index()]));
    if let Some(id) = dice::weighted_pick_positive(rng, weighed) {
        fire(sc, st, id, rng, j);
    }
}

/// `begin_month` for a turn outside the calendar: every card checked in full.
#[cold]
fn begin_month_checked<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    month_start: Option<&[i16; MAX_METERS]>,
    ladder_before: Option<u8>,
    rng: &mut R,
    j: &mut J,
) {
    let cards = sc.index.cards(st.turn);
    fire_in_order(
        sc,
        st,
        cards.monthly,
        |st, todo| open_cards(sc, st, todo),
        |st, open| {
            bits(open)
                .filter(|id| ready(sc, st, *id))
                .fold(0, |fits, id| fits | card_bit(id))
        },
        rng,
        j,
    );
    if dice::chance(rng, sc.deck_chance) {
        let mut drawable: CardBits = 0;
        for id in bits(open_cards(sc, st, cards.deck)) {
            if ready(sc, st, id) {
                drawable |= card_bit(id);
            }
        }
        draw(sc, st, drawable, rng, j);
    }
    end_news(sc, st, month_start, ladder_before, j);
}

/// Fire the month's scripted cards `todo` in scenario order: `gate` gives the
/// cards whose gate is open (worked out again only when a card changes the
/// flags), `fitting` those of a set of open cards whose condition holds
/// (worked out again after each card fires: nothing else changes the state).
/// Only the open cards that fit are visited: those passed over between two
/// that fire change nothing. Returns the last `gate`, which the month's deck
/// draw reads. One loop for a month in the calendar (`set_ready`, conditions
/// decided as a set) and outside it (`begin_month_checked`, every card
/// checked in full).
#[inline(always)]
fn fire_in_order<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    mut todo: CardBits,
    gate: impl Fn(&State, CardBits) -> CardBits,
    fitting: impl Fn(&State, CardBits) -> CardBits,
    rng: &mut R,
    j: &mut J,
) -> CardBits {
    let mut gated = gate(st, todo);
    let mut open = gated & todo;
    let mut next = open & fitting(st, open);
    let mut flags = st.flags;
    while next != 0 {
        let lowest = next & next.wrapping_neg();
        // Only the cards after this one are left.
        let later = !(lowest | (lowest - 1));
        todo &= later;
        open &= later;
        fire(sc, st, EventId(lowest.trailing_zeros() as u8), rng, j);
        if st.flags != flags {
            flags = st.flags;
            gated = gate(st, todo);
            open = gated & todo;
        }
        next = open & fitting(st, open);
    }
    gated
}

/// The month's news is in: the cap on rises, the ladder, the endings, and
/// what the game waits for next.
fn end_news<J: Journal>(
    sc: &Scenario,
    st: &mut State,
    month_start: Option<&[i16; MAX_METERS]>,
    ladder_before: Option<u8>,
    j: &mut J,
) {
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
#[inline(always)]
pub(super) fn ready(sc: &Scenario, st: &State, id: EventId) -> bool {
    let g = &sc.index.gates[id.index()];
    // Most cards wait on a flag: that test first.
    st.flags & g.flag_mask == g.flag_mask
        && st.flags & g.not_flag_mask == 0
        && g.open_in(st.turn)
        && (!g.players_only || st.setup.human[g.concerns.index()])
        && match (st.fired.contains(id), g.cooldown) {
            (false, _) => true,
            (true, None) => false,
            (true, Some(c)) => st.turn >= st.last_fired[id.index()] + c,
        }
        && (!g.rest || holds(&sc.event(id).when, st))
}

/// The cards of `set` (all in their window this month) whose gate is open:
/// `open_cards`, less the cards that need several flags and lack one and
/// the cards still cooling down. What `ready` then has left to test is the
/// card's condition beyond flags and months ([`fits`]). A card firing
/// changes only its own gate, and the flags: a caller recomputes this when
/// the flags change.
#[inline]
fn set_ready(sc: &Scenario, st: &State, set: CardBits) -> CardBits {
    let mut open = open_cards(sc, st, set);
    for id in bits(open & sc.index.multi_flag) {
        let g = &sc.index.gates[id.index()];
        if st.flags & g.flag_mask != g.flag_mask {
            open &= !card_bit(id);
        }
    }
    for id in bits(open & sc.index.cooling & fired_bits(st)) {
        let g = &sc.index.gates[id.index()];
        if let Some(c) = g.cooldown
            && st.turn < st.last_fired[id.index()] + c
        {
            open &= !card_bit(id);
        }
    }
    open
}

/// The scripted and triggered cards of `among` (cards of `set_ready`) that
/// may fire: the rest of their condition holds (`Index::card_conds`; a card
/// with nothing but flags and months to test passes as it stands).
#[inline]
fn fitting(sc: &Scenario, st: &State, among: CardBits) -> CardBits {
    if among == 0 {
        return 0;
    }
    among
        & holding(&sc.index.card_conds, st, among, |i| {
            holds(&sc.events[i].when, st)
        })
}

/// The cards of `set` not ruled out as a set: not spent (fired, with no
/// cooldown), not kept for players of a side the model plays, and with their
/// flags possibly right (see `Index::flag_open`).
#[inline]
pub(super) fn open_cards(sc: &Scenario, st: &State, set: CardBits) -> CardBits {
    let mut kept = 0;
    for side in SideId::ALL {
        if !st.setup.human[side.index()] {
            kept |= sc.index.kept[side.index()];
        }
    }
    set & !(fired_bits(st) & sc.index.once) & !kept & sc.index.flag_open(st.flags)
}

/// The cards that have fired, as bits.
#[inline]
fn fired_bits(st: &State) -> CardBits {
    st.fired
        .0
        .iter()
        .enumerate()
        .fold(0, |b, (i, w)| b | CardBits::from(*w) << (64 * i))
}

/// The cards of a set, lowest id (scenario order) first: its low 64 bits,
/// then its high ones, each a machine word (a step over the whole `u128`
/// costs twice the instructions, and this runs over the deck twice a draw).
#[inline]
pub(super) fn bits(set: CardBits) -> impl Iterator<Item = EventId> + Clone {
    let (mut low, mut high) = (set as u64, (set >> 64) as u64);
    std::iter::from_fn(move || {
        if low != 0 {
            let i = low.trailing_zeros() as u8;
            low &= low - 1;
            Some(EventId(i))
        } else if high != 0 {
            let i = high.trailing_zeros() as u8;
            high &= high - 1;
            Some(EventId(64 + i))
        } else {
            None
        }
    })
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
        sc.index.effects.of_event(id),
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
        apply(
            sc,
            st,
            sc.index.effects.of_choice(id, choice),
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
    apply(
        sc,
        st,
        sc.index.effects.of_choice(e, choice),
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
    if st.phase == Phase::Orders {
        st.open_month();
    }
    if let Some(l) = sc.index.ladder {
        let def = sc.meter_def(l);
        if let Some(w) = def.warn_at
            && st.meter(l) >= w
        {
            j.note(Note::Warning {
                rung: sc.index.ladder_rung(sc, l, st.meter(l)),
            });
        }
    }
}
