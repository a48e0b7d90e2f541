//! The core's shortcuts decide what the long way decides: prepared conditions
//! against their lists, a month's card index against every card's own
//! condition, the deck's draw over ready cards against the whole deck, and
//! the endings found through the index against the whole list, the flat
//! effects against the effects' lists.

use rand::Rng;

use super::cond;
use super::dice;
use super::news::{bits, open_cards, ready};
use super::outcome::find_ending;
use super::rules::{self, Choice, holds};
use super::scenario::{
    CardBits, Cond, CondSet, Effect, EndingCheck, EndingId, EventId, FlagId, FlatEffect,
    INLINE_TESTS, MeterId, MoveId, Quick, Scenario, SideId, TreatyId, TreatyStatus, Trigger,
    card_bit,
};
use super::state::{Difficulty, Phase, Setup, State};

const STATUSES: [TreatyStatus; 8] = [
    TreatyStatus::InForce,
    TreatyStatus::Suspended,
    TreatyStatus::Withdrawn,
    TreatyStatus::Expired,
    TreatyStatus::Extended,
    TreatyStatus::SuccessorAgreed,
    TreatyStatus::Framework,
    TreatyStatus::Drafted,
];

/// The states of whole games (random moves and answers, either side, every
/// level), each beside a shaken copy — random meters, trends, flags, treaty
/// statuses, spent cards and month, the month sometimes past the calendar —
/// so every part of a condition is met both ways.
fn states(sc: &Scenario, games: u64) -> Vec<State> {
    let mut out = Vec::new();
    for seed in 0..games {
        let side = SideId::ALL[(seed % 2) as usize];
        let setup = Setup::single(side, Difficulty::ALL[(seed % 3) as usize]);
        let mut rng = dice::outcome_rng(seed);
        let mut pick = dice::game_rng(seed, 7);
        let mut st = rules::start(sc, setup, &mut rng, &mut ());
        while !st.is_over() {
            out.push(st);
            out.push(shaken(sc, st, &mut pick));
            let choice = match st.phase {
                Phase::Card(e) => Choice::Answer {
                    choice: dice::range(&mut pick, 0, sc.event(e).choices.len() as i16 - 1) as u8,
                },
                _ => {
                    let legal: Vec<_> = rules::legal_moves(sc, &st, side).collect();
                    let k = dice::range(&mut pick, 0, legal.len() as i16 - 1) as usize;
                    Choice::Move { mv: legal[k] }
                }
            };
            rules::play(sc, &mut st, choice, &mut rng, &mut ()).expect("a legal choice");
        }
    }
    out
}

fn shaken<R: Rng>(sc: &Scenario, mut st: State, r: &mut R) -> State {
    for m in 0..sc.meters.len() {
        st.meters[m] = dice::range(r, 0, 100);
        for ring in &mut st.trend {
            ring[m] = dice::range(r, 0, 100) as u8;
        }
    }
    // About a quarter of the scenario's flags set.
    let named = (1u64 << sc.flags.len()) - 1;
    st.flags = r.next_u64() & r.next_u64() & named;
    for t in 0..sc.treaties.len() {
        st.treaties[t] = STATUSES[dice::range(r, 0, 7) as usize];
    }
    st.turn = dice::range(r, 0, i16::from(sc.calendar.turns) + 1) as u8;
    for i in 0..sc.events.len() {
        let id = EventId(i as u8);
        if dice::chance(r, 0.3) {
            st.fired.insert(id);
            st.last_fired[i] = dice::range(r, 0, i16::from(st.turn)) as u8;
        }
    }
    st
}

/// A condition the long way: every list read as it is written.
fn long_way(c: &Cond, st: &State) -> bool {
    c.min.iter().all(|(m, v)| st.meter(*m) >= *v)
        && c.max.iter().all(|(m, v)| st.meter(*m) <= *v)
        && c.treaty.iter().all(|(t, ok)| ok.contains(&st.treaty(*t)))
        && c.flags.iter().all(|f| st.flag(*f))
        && c.not_flags.iter().all(|f| !st.flag(*f))
        && c.from_turn.is_none_or(|t| st.turn >= t)
        && c.until_turn.is_none_or(|t| st.turn <= t)
        && c.rising
            .iter()
            .all(|(m, n)| st.meter(*m) > st.meter_ago(*m, *n))
        && c.falling
            .iter()
            .all(|(m, n)| st.meter(*m) < st.meter_ago(*m, *n))
        && c.trend.iter().all(|(m, n)| {
            // The month-ends from now back, as means of two windows of `n`.
            let ends: Vec<f64> = (0..2 * *n)
                .map(|k| {
                    f64::from(if k == 0 {
                        st.meter(*m)
                    } else {
                        st.meter_ago(*m, k)
                    })
                })
                .collect();
            let mean = |w: &[f64]| w.iter().sum::<f64>() / w.len() as f64;
            let (recent, before) = ends.split_at(usize::from(*n));
            mean(recent) > mean(before)
        })
        && (c.any.is_empty() || c.any.iter().any(|a| long_way(a, st)))
}

/// Whether a card may fire now, the long way: its trigger's month, its
/// cooldown, who plays, and its whole condition read from the card.
fn ready_long_way(sc: &Scenario, st: &State, id: EventId) -> bool {
    let e = sc.event(id);
    let due = match e.trigger {
        Trigger::At(t) => t == st.turn,
        _ => true,
    };
    let rested = match (st.fired.contains(id), e.cooldown) {
        (false, _) => true,
        (true, None) => false,
        (true, Some(c)) => st.turn >= st.last_fired[id.index()] + c,
    };
    due && rested
        && (!e.players_only || st.setup.human[e.concerns.index()])
        && long_way(&e.when, st)
}

/// Conditions of every shape the prepared check has: two meters, one meter
/// bounded twice (the range is their intersection), an empty range, a
/// treaty with a trend, trends over two windows of months, more tests than
/// fit inline, and alternatives.
fn made_up(sc: &Scenario) -> Vec<Cond> {
    let (a, b) = (MeterId(0), MeterId(1));
    let t = TreatyId(0);
    let mut conds = vec![
        Cond {
            min: vec![(a, 30), (b, 20)],
            ..Cond::default()
        },
        Cond {
            min: vec![(a, 30), (a, 45)],
            max: vec![(a, 70), (a, 60)],
            ..Cond::default()
        },
        Cond {
            min: vec![(a, 60)],
            max: vec![(a, 40)],
            ..Cond::default()
        },
        Cond {
            treaty: vec![(t, vec![TreatyStatus::InForce, TreatyStatus::Framework])],
            rising: vec![(a, 2)],
            falling: vec![(b, 1)],
            ..Cond::default()
        },
        Cond {
            trend: vec![(a, 3), (b, 1)],
            ..Cond::default()
        },
        Cond {
            min: vec![(b, 20)],
            trend: vec![(a, 2)],
            ..Cond::default()
        },
        Cond {
            min: (0..=INLINE_TESTS as u8).map(|m| (MeterId(m), 10)).collect(),
            ..Cond::default()
        },
        Cond {
            max: vec![(b, 80)],
            from_turn: Some(2),
            until_turn: Some(9),
            any: vec![
                Cond {
                    min: vec![(a, 50)],
                    ..Cond::default()
                },
                Cond {
                    falling: vec![(a, 3)],
                    ..Cond::default()
                },
            ],
            ..Cond::default()
        },
        // Alternatives that each need a flag (`CondSet::any_flags`).
        Cond {
            min: vec![(a, 20)],
            any: vec![
                Cond {
                    flags: vec![FlagId(0)],
                    ..Cond::default()
                },
                Cond {
                    flags: vec![FlagId(1)],
                    not_flags: vec![FlagId(2)],
                    min: vec![(b, 40)],
                    ..Cond::default()
                },
            ],
            ..Cond::default()
        },
    ];
    assert!(sc.meters.len() > INLINE_TESTS && !sc.treaties.is_empty());
    for c in &mut conds {
        c.prepare();
    }
    conds
}

/// The conditions of the scenario's moves, cards, drift and endings.
fn rule_conds(sc: &Scenario) -> Vec<&Cond> {
    let mut conds: Vec<&Cond> = Vec::new();
    conds.extend(sc.moves.iter().map(|m| &m.requires));
    conds.extend(sc.events.iter().map(|e| &e.when));
    conds.extend(sc.drift.iter().map(|d| &d.when));
    conds.extend(sc.endings.iter().map(|e| &e.when));
    conds
}

/// Every condition of the built-in scenario and the made-up ones, prepared,
/// holds exactly when its lists say it does.
#[test]
fn prepared_conditions_decide_as_their_lists() {
    let sc = Scenario::builtin();
    let mut conds = rule_conds(&sc);
    for side in &sc.sides {
        conds.extend(side.pressures.iter().flatten().map(|p| &p.when));
        conds.extend(
            side.temperaments
                .iter()
                .flat_map(|t| &t.pressures)
                .map(|p| &p.when),
        );
    }
    let made = made_up(&sc);
    conds.extend(&made);
    // Each shortcut is met, so each is tested.
    for quick in [Quick::Always, Quick::Full] {
        assert!(conds.iter().any(|c| c.head.quick == quick), "no {quick:?}");
    }
    assert!(
        conds
            .iter()
            .any(|c| matches!(c.head.quick, Quick::Meter(..)))
    );
    assert!(
        conds
            .iter()
            .any(|c| !c.inline && c.head.quick == Quick::Full)
    );
    let states = states(&sc, 60);
    let mut held = 0;
    for st in &states {
        for (i, c) in conds.iter().enumerate() {
            let long = long_way(c, st);
            assert_eq!(holds(c, st), long, "condition {i}: {c:?}\nturn {}", st.turn);
            held += usize::from(long);
        }
    }
    // Both answers are met often.
    let all = states.len() * conds.len();
    assert!(held > all / 10 && held < all * 9 / 10, "{held} of {all}");
}

/// Conditions decided together as a set (`CondSet`, `cond::holding`) hold
/// exactly as each does alone: the moves' requirements and every other
/// condition of the scenario, the made-up ones among them, in sets of 64;
/// a side's legal moves as a set are the moves `is_legal` allows, the
/// shaken states' last moves among them; and a card holds as its condition
/// does, read from its head (`Index::heads`) where that is all of it, and —
/// scripted and triggered cards with their flags and months right — decided
/// as a set (`Index::card_conds`).
#[test]
fn conditions_decided_as_a_set_decide_as_each_alone() {
    let sc = Scenario::builtin();
    let mut conds = rule_conds(&sc);
    let made = made_up(&sc);
    conds.extend(&made);
    let sets: Vec<(&[&Cond], CondSet<u64>)> = conds
        .chunks(64)
        .map(|chunk| (chunk, CondSet::build(chunk.iter().copied().enumerate())))
        .collect();
    assert!(sets.iter().any(|(_, s)| s.full != 0 && !s.gated.is_empty()));
    let mut states = states(&sc, 60);
    // A meter off its table (never in play) is decided from the ranges.
    let mut off = states[0];
    off.meters[0] = -3;
    off.meters[1] = 140;
    states.push(off);
    let mut r = dice::game_rng(5, 5);
    let mut legal_seen = 0;
    let mut gated_cards = 0;
    for st in &mut states {
        for (chunk, set) in &sets {
            let fast = cond::holding(set, st, u64::MAX, |i| holds(chunk[i], st));
            for (i, c) in chunk.iter().enumerate() {
                assert_eq!(fast >> i & 1 == 1, long_way(c, st), "condition {i}: {c:?}");
            }
        }
        // The cards' conditions from the heads' table, and the scripted and
        // triggered cards' as a set for each card whose flags and months are right.
        let set = cond::holding(&sc.index.card_conds, st, CardBits::MAX, |i| {
            holds(&sc.events[i].when, st)
        });
        for (i, e) in sc.events.iter().enumerate() {
            let long = long_way(&e.when, st);
            let head = cond::holds_from(&sc.index.heads[i], &e.when, st);
            assert_eq!(head, long, "card {i}");
            let h = &e.when.head;
            let gate = st.flags & h.flag_mask == h.flag_mask
                && st.flags & h.not_flag_mask == 0
                && (h.turn_lo..=h.turn_hi).contains(&st.turn);
            if gate && sc.index.card_conds.all >> i & 1 == 1 {
                assert_eq!(set >> i & 1 == 1, long, "card {i} in the set");
                gated_cards += 1;
            }
        }
        for side in SideId::ALL {
            // Sometimes the other side's last move is any of its own.
            if dice::chance(&mut r, 0.5) {
                let theirs: Vec<MoveId> = sc.moves_of(side.other()).collect();
                let k = dice::range(&mut r, 0, theirs.len() as i16) as usize;
                st.last_moves[side.other().index()] = theirs.get(k).copied();
            }
            let set = rules::legal_set(&sc, st, side);
            let each = sc
                .moves_of(side)
                .filter(|m| rules::is_legal(&sc, st, *m))
                .fold(0u64, |b, m| b | 1 << m.index());
            assert_eq!(set, each, "side {side:?} turn {}", st.turn);
            legal_seen += set.count_ones();
        }
    }
    assert!(legal_seen > 0 && gated_cards > 0);
}

/// The cards a month checks (its window's set, less spent cards and cards
/// with wrong flags, each then through its gate) are exactly the cards whose
/// own trigger, cooldown and condition say they may fire.
#[test]
fn a_months_cards_are_the_ones_the_long_way_finds() {
    let sc = Scenario::builtin();
    let mut seen: CardBits = 0;
    for st in states(&sc, 60) {
        let month = sc.index.cards(st.turn);
        let fast = bits(open_cards(&sc, &st, month.monthly | month.deck))
            .filter(|id| ready(&sc, &st, *id))
            .fold(0, |b, id| b | card_bit(id));
        let long = (0..sc.events.len())
            .map(|i| EventId(i as u8))
            .filter(|id| ready_long_way(&sc, &st, *id))
            .fold(0, |b, id| b | card_bit(id));
        assert_eq!(fast, long, "turn {} flags {:#x}", st.turn, st.flags);
        seen |= long;
    }
    // Most of the deck and triggers were ready somewhere, so most gates were tried.
    assert!(
        seen.count_ones() as usize > sc.events.len() * 3 / 4,
        "{seen:#x}"
    );
}

/// A draw over only the ready cards' weights picks the card a draw over the
/// whole deck (zero for a card not ready) picks, draw for draw.
#[test]
fn the_deck_drawn_over_ready_cards_is_the_whole_decks_draw() {
    let mut r = dice::outcome_rng(5);
    for k in 0..2_000 {
        let n = dice::range(&mut r, 1, 40) as usize;
        let whole: Vec<f64> = (0..n)
            .map(|_| {
                if dice::chance(&mut r, 0.5) {
                    0.0
                } else {
                    f64::from(dice::range(&mut r, 1, 30)) / 10.0
                }
            })
            .collect();
        let ready: Vec<usize> = (0..n).filter(|i| whole[*i] > 0.0).collect();
        let compact: Vec<f64> = ready.iter().map(|i| whole[*i]).collect();
        let picked = dice::weighted(&mut dice::game_rng(9, k), &whole);
        let drawn = dice::weighted(&mut dice::game_rng(9, k), &compact).map(|i| ready[i]);
        assert_eq!(picked, drawn);
    }
}

/// The ending found through the index (each side's endings of each kind) is
/// the first ending of the whole list whose side, kind and condition fit.
#[test]
fn endings_found_by_the_index_are_the_first_that_fit() {
    let sc = Scenario::builtin();
    let mut found = 0;
    for st in states(&sc, 30) {
        for side in SideId::ALL {
            for check in [EndingCheck::Always, EndingCheck::Deadline] {
                let long = sc
                    .endings
                    .iter()
                    .position(|e| e.side == side && e.check == check && long_way(&e.when, &st))
                    .map(|i| EndingId(i as u8));
                assert_eq!(
                    find_ending(&sc, &st, side, check),
                    long,
                    "{side:?} {check:?}"
                );
                found += usize::from(long.is_some());
            }
        }
    }
    assert!(found > 0);
}

/// The ladder, its rungs and the capped meters read from the index are the
/// meters' own: the ladder found by its flag, each rung by `Meter::rung`
/// (values outside 0–100 too), each limit by `max_rise`.
#[test]
fn the_ladder_and_the_caps_from_the_index_are_the_meters_own() {
    let sc = Scenario::builtin();
    let l = sc.ladder().expect("the built-in scenario has a ladder");
    assert_eq!(sc.index.ladder, Some(l));
    for v in -5..=110 {
        let plain = sc.meter_def(l).rung(v) as u8;
        assert_eq!(sc.index.ladder_rung(&sc, l, v), plain, "value {v}");
    }
    let capped: Vec<_> = (sc.meters.iter().enumerate())
        .filter_map(|(i, m)| m.max_rise.map(|r| (MeterId(i as u8), r)))
        .collect();
    assert!(
        !capped.is_empty(),
        "no meter has a limit: the test shows nothing"
    );
    assert_eq!(sc.index.capped, capped);
}

/// Every effect laid flat in the index says what its list says: each move's
/// three parts, each card's effect and its answers', each drift rule's, with
/// the flags it sets and clears as masks.
#[test]
fn the_flat_effects_are_the_scenarios_own() {
    let sc = Scenario::builtin();
    let fx = &sc.index.effects;
    let same = |flat: &FlatEffect, e: &Effect, what: &str| {
        let mask = |f: &[FlagId]| f.iter().fold(0u64, |m, f| m | 1 << f.0);
        assert_eq!(fx.meters(flat), e.meters.as_slice(), "{what}");
        assert_eq!(fx.treaties(flat), e.treaties.as_slice(), "{what}");
        let memory: Vec<_> = (e.memory.iter())
            .map(|m| (m.holder, m.amount, m.fade))
            .collect();
        let flat_memory: Vec<_> = (fx.memory(flat).iter())
            .map(|m| (m.holder, m.amount, m.fade))
            .collect();
        assert_eq!(flat_memory, memory, "{what}");
        assert_eq!(
            (flat.set, flat.clear),
            (mask(&e.set), mask(&e.clear)),
            "{what}"
        );
        assert_eq!(flat.is_empty(), e.is_empty(), "{what}");
        let scaled = e.meters.iter().any(|(_, a)| a.per.is_some());
        assert_eq!(flat.scaled, scaled, "{what}");
        let plain = !scaled
            && e.treaties.is_empty()
            && e.memory.is_empty()
            && e.set.is_empty()
            && e.clear.is_empty();
        assert_eq!(flat.plain, plain, "{what}");
    };
    for (i, m) in sc.moves.iter().enumerate() {
        let [sure, success, failure] = fx.of_move(MoveId(i as u8));
        same(sure, &m.effects, &m.id);
        same(success, &m.success, &m.id);
        same(failure, &m.failure, &m.id);
    }
    for (i, e) in sc.events.iter().enumerate() {
        let id = EventId(i as u8);
        same(fx.of_event(id), &e.effects, &e.id);
        for (c, choice) in e.choices.iter().enumerate() {
            same(fx.of_choice(id, c as u8), &choice.effects, &e.id);
        }
    }
    for (i, d) in sc.drift.iter().enumerate() {
        same(fx.of_drift(i), &d.effects, &d.label);
    }
}
