//! Lookups derived from a compiled scenario for the rules' hot path: each
//! side's moves, and the cards each month can see, so a month skips a card
//! outside its window without reading the card or testing its condition.

use super::{EventId, MoveId, SIDES, Scenario, SideId, Trigger};

/// What a month needs of a card to rule it out cheaply, copied out of its
/// `Event` so the check reads one small record instead of the whole card.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardGate {
    pub id: EventId,
    /// The turns (inclusive) the card may fire in: its trigger's month, if
    /// scripted, within its condition's `from`/`until` (empty when `from > until`).
    pub from: u8,
    pub until: u8,
    /// Its condition's `flags` and `not_flags`, as masks.
    pub flag_mask: u64,
    pub not_flag_mask: u64,
    pub cooldown: Option<u8>,
    pub players_only: bool,
    pub concerns: SideId,
    /// Whether its condition tests anything beyond the window and the flags
    /// (only then is the card's `when` read).
    pub rest: bool,
    /// The deck's weight (0 for a card that is not drawn).
    pub weight: f64,
}

impl CardGate {
    fn of(sc: &Scenario, id: EventId) -> CardGate {
        let e = sc.event(id);
        let w = &e.when;
        let (mut from, mut until) = (w.from_turn.unwrap_or(0), w.until_turn.unwrap_or(u8::MAX));
        let mut weight = 0.0;
        match e.trigger {
            Trigger::At(t) => {
                from = from.max(t);
                until = until.min(t);
            }
            Trigger::When => {}
            Trigger::Deck { weight: x } => weight = x,
        }
        CardGate {
            id,
            from,
            until,
            flag_mask: w.flag_mask,
            not_flag_mask: w.not_flag_mask,
            cooldown: e.cooldown,
            players_only: e.players_only,
            concerns: e.concerns,
            rest: !(w.min.is_empty()
                && w.max.is_empty()
                && w.treaty.is_empty()
                && w.rising.is_empty()
                && w.falling.is_empty()
                && w.any.is_empty()),
            weight,
        }
    }

    /// Whether `turn` lies in the card's window.
    #[inline]
    #[must_use]
    pub fn open_in(&self, turn: u8) -> bool {
        self.from <= turn && turn <= self.until
    }
}

/// The cards a month may see, each list in scenario order (the order they
/// are checked and drawn in).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthCards {
    /// Scripted and triggered cards, checked every month.
    pub monthly: Vec<CardGate>,
    /// Cards in the random deck, with their weights.
    pub deck: Vec<CardGate>,
}

impl MonthCards {
    fn push(&mut self, sc: &Scenario, g: CardGate) {
        match sc.event(g.id).trigger {
            Trigger::Deck { .. } => self.deck.push(g),
            Trigger::At(_) | Trigger::When => self.monthly.push(g),
        }
    }
}

/// Lists derived from a scenario for the rules' hot path.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Each side's moves, in scenario order.
    pub side_moves: [Vec<MoveId>; SIDES],
    /// Every card, whatever its window (for a turn outside the calendar).
    pub cards: MonthCards,
    /// By turn: only the cards whose window holds that turn.
    pub by_turn: Vec<MonthCards>,
}

impl Index {
    #[must_use]
    pub fn build(sc: &Scenario) -> Index {
        let mut ix = Index::default();
        for (i, m) in sc.moves.iter().enumerate() {
            ix.side_moves[m.side.index()].push(MoveId(i as u8));
        }
        ix.by_turn = vec![MonthCards::default(); usize::from(sc.calendar.turns)];
        for i in 0..sc.events.len() {
            let g = CardGate::of(sc, EventId(i as u8));
            ix.cards.push(sc, g);
            for (turn, month) in ix.by_turn.iter_mut().enumerate() {
                if g.open_in(turn as u8) {
                    month.push(sc, g);
                }
            }
        }
        ix
    }

    /// The cards a month of `turn` may see (all of them outside the calendar).
    #[inline]
    #[must_use]
    pub fn cards(&self, turn: u8) -> &MonthCards {
        self.by_turn.get(usize::from(turn)).unwrap_or(&self.cards)
    }
}
