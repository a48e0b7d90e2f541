//! Lookups derived from a compiled scenario for the rules' hot path: each
//! side's moves, and the cards each month can see, so a month skips a card
//! outside its window without reading the card or testing its condition.

use super::{
    CondHead, CondSet, EndingCheck, EventId, FlatEffects, MAX_EVENTS, MeterId, MoveId, SIDES,
    Scenario, SideId, Trigger,
};

/// The three postures a move may have (`Posture` as an index).
pub const POSTURES: usize = 3;

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
            flag_mask: w.head.flag_mask,
            not_flag_mask: w.head.not_flag_mask,
            cooldown: e.cooldown,
            players_only: e.players_only,
            concerns: e.concerns,
            rest: !(w.min.is_empty()
                && w.max.is_empty()
                && w.treaty.is_empty()
                && !w.has_trend()
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

/// Sets of cards as bits by event id (bit `i` is card `i`): iterated from
/// the lowest bit, which is scenario order.
pub type CardBits = u128;

// Every event id has its bit.
const _: () = assert!(MAX_EVENTS <= CardBits::BITS as usize);

/// The bit of one card.
#[inline]
#[must_use]
pub fn card_bit(id: EventId) -> CardBits {
    1 << id.index()
}

/// The cards a month may see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonthCards {
    /// Scripted and triggered cards, checked every month.
    pub monthly: CardBits,
    /// Cards in the random deck.
    pub deck: CardBits,
}

impl MonthCards {
    fn add(&mut self, sc: &Scenario, id: EventId) {
        match sc.event(id).trigger {
            Trigger::Deck { .. } => self.deck |= card_bit(id),
            Trigger::At(_) | Trigger::When => self.monthly |= card_bit(id),
        }
    }
}

/// Lists derived from a scenario for the rules' hot path.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Each side's moves, in scenario order.
    pub side_moves: [Vec<MoveId>; SIDES],
    /// Each side's endings checked always (`[0]`) and at the deadline
    /// (`[1]`), their conditions decided together (bit `i` is ending `i`):
    /// the lowest that holds is the ending. Always's are asked twice a month.
    pub endings: [[CondSet; 2]; SIDES],
    /// Each side's moves of each posture (by `Posture as usize`), in scenario order.
    pub posture_moves: [[Vec<MoveId>; POSTURES]; SIDES],
    /// The same as bits by move id.
    pub posture_bits: [[u64; POSTURES]; SIDES],
    /// Each side's moves' requirements, decided together (bit `i` is move `i`).
    pub requires: [CondSet; SIDES],
    /// By the move the other side made last (its id; `moves.len()` for
    /// none): the moves that may follow it, as bits — those that answer
    /// nothing, and those that answer it.
    pub may_follow: Vec<u64>,
    /// The moves put to a person when the model makes them (`Move::asks`), as bits.
    pub asks: u64,
    /// The cards that need no flag set, or more than one (those pass the
    /// set test below and are checked one by one).
    pub flag_free: CardBits,
    /// By flag: the cards that need that flag alone set, and the cards that
    /// need it clear.
    pub flag_cards: Vec<(CardBits, CardBits)>,
    /// Each card's gate, by event id.
    pub gates: Vec<CardGate>,
    /// Each card's condition's head (`CondHead`), by event id: what a month
    /// reads of most cards' conditions, in a table of its own.
    pub heads: Vec<CondHead>,
    /// The scripted and triggered cards' conditions beyond their flags and
    /// months, decided together (bit `i` is card `i`; deck cards are not in
    /// it): what is left to test of the cards a month checks in order.
    pub card_conds: CondSet<CardBits>,
    /// Each card's deck weight (`CardGate::weight`), by event id, read
    /// twice a draw for each ready card.
    pub weights: Vec<f64>,
    /// The deck's cards of a weight above zero: the only ones a draw can
    /// pick, so it tests no weight (`dice::weighted_pick_positive`).
    pub drawn: CardBits,
    /// The cards that fire once a game (no cooldown): spent once fired.
    pub once: CardBits,
    /// The cards whose condition tests more than flags and months (`CardGate::rest`).
    pub rest: CardBits,
    /// The cards that need more than one flag set (the flag test above lets them through).
    pub multi_flag: CardBits,
    /// The cards with a cooldown (they may fire again).
    pub cooling: CardBits,
    /// By side: the cards kept for players (`players_only`) that concern it,
    /// which never fire while the model plays that side.
    pub kept: [CardBits; SIDES],
    /// Every card, whatever its window (for a turn outside the calendar).
    pub cards: MonthCards,
    /// By turn: only the cards whose window holds that turn.
    pub by_turn: Vec<MonthCards>,
    /// The ladder meter (`Scenario::ladder`), and its rung at each value
    /// 0–100 (`Meter::rung`), read several times a month.
    pub ladder: Option<MeterId>,
    pub ladder_rungs: Vec<u8>,
    /// The meters with a `max_rise`, with it, in scenario order.
    pub capped: Vec<(MeterId, i16)>,
    /// Every effect of the scenario, flat: what the rules apply.
    pub effects: FlatEffects,
}

impl Index {
    #[must_use]
    pub fn build(sc: &Scenario) -> Index {
        let mut ix = Index::default();
        for (i, m) in sc.moves.iter().enumerate() {
            ix.side_moves[m.side.index()].push(MoveId(i as u8));
            ix.posture_moves[m.side.index()][m.posture() as usize].push(MoveId(i as u8));
            ix.posture_bits[m.side.index()][m.posture() as usize] |= 1 << i;
            if m.asks.is_some() {
                ix.asks |= 1 << i;
            }
        }
        for side in SideId::ALL {
            let mine = (sc.moves.iter().enumerate()).filter(|(_, m)| m.side == side);
            ix.requires[side.index()] = CondSet::build(mine.map(|(i, m)| (i, &m.requires)));
        }
        ix.may_follow = (0..=sc.moves.len())
            .map(|last| {
                (sc.moves.iter().enumerate())
                    .filter(|(_, m)| {
                        m.answers.is_empty() || m.answers.iter().any(|a| a.index() == last)
                    })
                    .fold(0, |bits, (i, _)| bits | 1 << i)
            })
            .collect();
        for side in SideId::ALL {
            for (kind, check) in [EndingCheck::Always, EndingCheck::Deadline]
                .iter()
                .enumerate()
            {
                let mine = (sc.endings.iter().enumerate())
                    .filter(|(_, e)| e.side == side && e.check == *check);
                ix.endings[side.index()][kind] = CondSet::build(mine.map(|(i, e)| (i, &e.when)));
            }
        }
        ix.by_turn = vec![MonthCards::default(); usize::from(sc.calendar.turns)];
        for i in 0..sc.events.len() {
            let id = EventId(i as u8);
            let g = CardGate::of(sc, id);
            ix.gates.push(g);
            ix.heads.push(sc.event(id).when.head);
            ix.weights.push(g.weight);
            if g.weight > 0.0 {
                ix.drawn |= card_bit(id);
            }
            if g.cooldown.is_none() {
                ix.once |= card_bit(id);
            } else {
                ix.cooling |= card_bit(id);
            }
            if g.rest {
                ix.rest |= card_bit(id);
            }
            if g.flag_mask.count_ones() > 1 {
                ix.multi_flag |= card_bit(id);
            }
            if g.players_only {
                ix.kept[g.concerns.index()] |= card_bit(id);
            }
            ix.cards.add(sc, id);
            for (turn, month) in ix.by_turn.iter_mut().enumerate() {
                if g.open_in(turn as u8) {
                    month.add(sc, id);
                }
            }
        }
        let monthly = (sc.events.iter().enumerate())
            .filter(|(_, e)| !matches!(e.trigger, Trigger::Deck { .. }))
            .map(|(i, e)| (i, &e.when));
        ix.card_conds = CondSet::build_past_gates(monthly);
        ix.ladder = sc.ladder();
        if let Some(l) = ix.ladder {
            let def = sc.meter_def(l);
            ix.ladder_rungs = (0..=100).map(|v| def.rung(v) as u8).collect();
        }
        ix.capped = (sc.meters.iter().enumerate())
            .filter_map(|(i, m)| m.max_rise.map(|r| (MeterId(i as u8), r)))
            .collect();
        ix.effects = FlatEffects::build(sc);
        ix.flag_cards = vec![(0, 0); u64::BITS as usize];
        for g in &ix.gates {
            let bit = card_bit(g.id);
            if g.flag_mask.count_ones() == 1 {
                ix.flag_cards[g.flag_mask.trailing_zeros() as usize].0 |= bit;
            } else {
                ix.flag_free |= bit;
            }
            for (f, cards) in ix.flag_cards.iter_mut().enumerate() {
                if g.not_flag_mask >> f & 1 == 1 {
                    cards.1 |= bit;
                }
            }
        }
        ix
    }

    /// The cards whose flags may be right while the flags are `flags`: a
    /// loop over the flags that are set (few), not over every flag.
    #[inline]
    #[must_use]
    pub fn flag_open(&self, flags: u64) -> CardBits {
        let (mut open, mut shut) = (self.flag_free, 0);
        let mut set = flags;
        while set != 0 {
            let (needs, forbids) = self.flag_cards[set.trailing_zeros() as usize];
            open |= needs;
            shut |= forbids;
            set &= set - 1;
        }
        open & !shut
    }

    /// The moves that may follow the other side's last move `last` (see `may_follow`).
    #[inline]
    #[must_use]
    pub fn may_follow(&self, last: Option<MoveId>) -> u64 {
        // No move (or one the scenario does not have, which no move answers): the last row.
        let row = last.and_then(|m| self.may_follow.get(m.index()));
        row.or(self.may_follow.last()).copied().unwrap_or(0)
    }

    /// The ladder's rung at `value` (a meter's value, 0–100 in play).
    #[inline]
    #[must_use]
    pub fn ladder_rung(&self, sc: &Scenario, l: MeterId, value: i16) -> u8 {
        match usize::try_from(value)
            .ok()
            .and_then(|v| self.ladder_rungs.get(v))
        {
            Some(r) => *r,
            None => sc.meter_def(l).rung(value) as u8,
        }
    }

    /// The cards a month of `turn` may see (all of them outside the calendar).
    #[inline]
    #[must_use]
    pub fn cards(&self, turn: u8) -> MonthCards {
        self.by_turn
            .get(usize::from(turn))
            .copied()
            .unwrap_or(self.cards)
    }
}
