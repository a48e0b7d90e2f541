//! The rules of the built-in scenario as tests with fixed seeds.
//!
//! Everything here is deterministic: where a test searches for a game (an
//! ending, an event card), it walks seeds in order and stops at a fixed bound,
//! so a pass or a failure is the same on every run and every machine.

use std::sync::{Arc, OnceLock};

use detente::game::dice::{self, GameRng};
use detente::game::scenario::{
    Amount, EndingCheck, EventId, MeterId, MoveId, SideId, TreatyStatus, Trigger,
};
use detente::game::state::{Memory, MemorySource, Outcome};
use detente::game::{
    Cause, Choice, Difficulty, Game, Note, Phase, PlayError, Scenario, Setup, State, TurnReport,
    rules,
};

// ---------------------------------------------------------------- helpers

fn sc() -> Arc<Scenario> {
    static SC: OnceLock<Arc<Scenario>> = OnceLock::new();
    SC.get_or_init(|| Arc::new(Scenario::builtin())).clone()
}

/// One person playing Washington against the model: the ordinary game.
fn setup() -> Setup {
    Setup::single(sc().default_player, Difficulty::Normal)
}

/// Both sides' moves given each month, so a test knows Moscow's move too.
fn both() -> Setup {
    Setup {
        human: [true; 2],
        difficulty: Difficulty::Normal,
    }
}

fn new_game(seed: u64) -> Game {
    Game::new(sc(), seed, setup())
}

fn meter(id: &str) -> MeterId {
    sc().meter(id).unwrap_or_else(|| panic!("no meter {id}"))
}

fn mv(id: &str) -> MoveId {
    sc().move_id(id).unwrap_or_else(|| panic!("no move {id}"))
}

fn event(id: &str) -> EventId {
    sc().event_id(id).unwrap_or_else(|| panic!("no event {id}"))
}

fn side(id: &str) -> SideId {
    sc().side_id(id).unwrap_or_else(|| panic!("no side {id}"))
}

fn flag(id: &str) -> u8 {
    sc().flags
        .iter()
        .position(|f| f == id)
        .unwrap_or_else(|| panic!("no flag {id}")) as u8
}

fn has_flag(st: &State, id: &str) -> bool {
    st.flags & (1 << flag(id)) != 0
}

/// Answers the cards the opening month put to a person (with their first
/// choice), so a test starts at the month's orders whichever card was drawn.
fn past_cards(g: &mut Game) {
    while let Phase::Card(_) = g.state().phase {
        g.play(Choice::Answer { choice: 0 })
            .expect("a card can be answered");
    }
}

/// Whether the game is over with the ending of this id.
fn ended_in(st: &State, id: &str) -> bool {
    st.ending().is_some_and(|e| sc().ending(e).id == id)
}

fn new_start() -> usize {
    sc().treaties
        .iter()
        .position(|t| t.id == "new_start")
        .expect("new_start treaty")
}

fn washington() -> SideId {
    side("washington")
}

fn moscow() -> SideId {
    side("moscow")
}

/// The month's orders with a fixed answer from Moscow, for tests that need to know both moves.
fn orders(us: &str, them: &str) -> Choice {
    let mut moves = [mv(us); 2];
    moves[moscow().index()] = mv(them);
    Choice::Orders { moves }
}

/// A fresh start state and its generator, for tests that play the rules directly.
fn start(seed: u64, setup: Setup) -> (State, GameRng, TurnReport) {
    let mut rng = dice::outcome_rng(seed);
    let mut report = TurnReport::default();
    let mut st = rules::start(&sc(), setup, &mut rng, &mut report);
    // Cards the first month puts to a person (Moscow's, when both sides are people)
    // are answered with their first choice, so tests start at the month's orders.
    while let Phase::Card(_) = st.phase {
        rules::play(
            &sc(),
            &mut st,
            Choice::Answer { choice: 0 },
            &mut rng,
            &mut report,
        )
        .expect("the first choice is always an answer");
    }
    (st, rng, report)
}

fn play(st: &mut State, rng: &mut GameRng, choice: Choice) -> Result<TurnReport, PlayError> {
    let mut report = TurnReport::default();
    rules::play(&sc(), st, choice, rng, &mut report)?;
    Ok(report)
}

fn json(st: &State) -> String {
    serde_json::to_string(st).expect("state serialises")
}

/// A strategy picks the player's next choice; it sees the game and its own generator.
type Strategy = dyn FnMut(&Game, &mut GameRng) -> Choice;

/// Any legal choice, uniformly: a move from the legal list or an answer on the card.
fn random_choice(g: &Game, rng: &mut GameRng) -> Choice {
    match g.state().phase {
        Phase::Card(e) => {
            let n = g.scenario().event(e).choices.len() as i16;
            Choice::Answer {
                choice: dice::range(rng, 0, n - 1) as u8,
            }
        }
        Phase::Orders => {
            let legal: Vec<MoveId> =
                rules::legal_moves(g.scenario(), g.state(), g.setup().player()).collect();
            Choice::Move {
                mv: legal[dice::range(rng, 0, legal.len() as i16 - 1) as usize],
            }
        }
        Phase::Over(_) => unreachable!("no choice once the game is over"),
    }
}

/// Play a game to its end; returns the opening report followed by every turn's report.
fn play_out(g: &mut Game, strategy: &mut Strategy, rng: &mut GameRng) -> Vec<TurnReport> {
    let mut reports = vec![g.opening().clone()];
    let mut plays = 0;
    while !g.state().is_over() {
        let c = strategy(g, rng);
        let r = g
            .play(c)
            .unwrap_or_else(|e| panic!("strategy chose an illegal {c:?}: {e}"));
        reports.push(r.clone());
        plays += 1;
        assert!(plays < 200, "the game did not end");
    }
    reports
}

fn is_legal(st: &State, id: &str) -> bool {
    rules::is_legal(&sc(), st, mv(id))
}

/// The first legal move of a list of preferences, else hold.
fn first_legal(st: &State, prefs: &[&str]) -> Choice {
    let m = prefs
        .iter()
        .find(|m| is_legal(st, m))
        .copied()
        .unwrap_or("hold");
    Choice::Move { mv: mv(m) }
}

// ---------------------------------------------------------------- strategies

/// Answers cards by a fixed preference per card (index into its choices), else the first.
fn answer(g: &Game, prefs: &[(&str, u8)]) -> Choice {
    let Phase::Card(e) = g.state().phase else {
        unreachable!()
    };
    let id = &g.scenario().event(e).id;
    let choice = prefs
        .iter()
        .find(|(name, _)| name == id)
        .map_or(0, |(_, c)| *c);
    Choice::Answer { choice }
}

/// Talks, inspections and a treaty: the road to Détente, keeping allies and home on side.
fn peacemaker(g: &Game, rng: &mut GameRng) -> Choice {
    let st = g.state();
    if let Phase::Card(_) = st.phase {
        return answer(
            g,
            &[
                ("inauguration", 0),
                ("keep_territory", 2),
                ("hotline", 0),
                ("home_revolt", 1),
                ("allies_waver", 0),
            ],
        );
    }
    let unity = st.meter(meter("unity"));
    let standing = st.meter(meter("standing"));
    // The treaty in its three stages, each as soon as it is open.
    for stage in ["sign_successor", "draft_text", "propose_successor"] {
        if is_legal(st, stage) {
            return first_legal(st, &[stage]);
        }
    }
    if unity < 30 {
        return first_legal(st, &["economic_aid"]);
    }
    if standing < 20 {
        return first_legal(st, &["sanctions", "hold"]);
    }
    let x = dice::unit(rng);
    if x < 0.15 {
        return first_legal(st, &["summit", "back_channel"]);
    }
    first_legal(st, &["invite_inspections", "arms_talks", "back_channel"])
}

/// Pressure at every turn, and stand firm when the hotline rings.
fn hawk(g: &Game, rng: &mut GameRng) -> Choice {
    let st = g.state();
    if let Phase::Card(_) = st.phase {
        return answer(
            g,
            &[
                ("inauguration", 1),
                ("keep_territory", 1),
                ("hotline", 2),
                ("home_revolt", 0),
                ("allies_waver", 0),
            ],
        );
    }
    let prefs: &[&str] = match dice::range(rng, 0, 2) {
        0 => &["exit_treaty", "military_aid", "sanctions"],
        1 => &["military_aid", "sanctions"],
        _ => &["sanctions", "military_aid"],
    };
    first_legal(st, prefs)
}

/// Concessions that cost standing at home, and no help from the cards.
fn spendthrift(g: &Game, _rng: &mut GameRng) -> Choice {
    let st = g.state();
    if let Phase::Card(_) = st.phase {
        return answer(
            g,
            &[
                ("inauguration", 0),
                ("keep_territory", 0),
                ("hotline", 1),
                ("home_revolt", 1),
                ("allies_waver", 1),
            ],
        );
    }
    first_legal(st, &["military_aid", "ease_sanctions", "economic_aid"])
}

/// Concessions that cost the allies, and no help from the cards.
fn appeaser(g: &Game, _rng: &mut GameRng) -> Choice {
    let st = g.state();
    if let Phase::Card(_) = st.phase {
        return answer(
            g,
            &[
                ("inauguration", 0),
                ("keep_territory", 0),
                ("hotline", 1),
                ("home_revolt", 0),
                ("allies_waver", 1),
            ],
        );
    }
    first_legal(st, &["ease_sanctions", "back_channel"])
}

/// Nothing new, ever.
fn holder(g: &Game, _rng: &mut GameRng) -> Choice {
    match g.state().phase {
        Phase::Card(_) => answer(
            g,
            &[
                ("inauguration", 2),
                ("keep_territory", 2),
                ("hotline", 0),
                ("home_revolt", 1),
                ("allies_waver", 0),
            ],
        ),
        _ => Choice::Move { mv: mv("hold") },
    }
}

/// A game from a seed under a strategy; the strategy's own draws come from `game_rng(seed, 1)`.
fn run(seed: u64, strategy: &mut Strategy) -> (Game, Vec<TurnReport>) {
    let mut g = new_game(seed);
    let mut rng = dice::game_rng(seed, 1);
    let reports = play_out(&mut g, strategy, &mut rng);
    (g, reports)
}

/// Hovers just under the warning rung, then pushes hard: the likeliest way to a surprise.
fn brinkman(g: &Game, rng: &mut GameRng) -> Choice {
    let st = g.state();
    if let Phase::Card(_) = st.phase {
        return answer(
            g,
            &[
                ("inauguration", 1),
                ("keep_territory", 1),
                ("hotline", 0),
                ("home_revolt", 0),
                ("allies_waver", 0),
            ],
        );
    }
    let warn = g
        .scenario()
        .meter_def(meter("tension"))
        .warn_at
        .expect("the ladder warns");
    let t = st.meter(meter("tension"));
    if t >= warn {
        first_legal(st, &["back_channel", "ease_sanctions"])
    } else if t >= warn - 4 {
        first_legal(st, &["military_aid", "exit_treaty", "sanctions"])
    } else {
        let prefs: [&[&str]; 4] = [
            &["military_aid"],
            &["sanctions"],
            &["economic_aid"],
            &["hold"],
        ];
        first_legal(st, prefs[dice::range(rng, 0, 3) as usize])
    }
}

fn warned(r: &TurnReport) -> bool {
    r.notes.iter().any(|n| matches!(n, Note::Warning { .. }))
}

/// Mostly one favourite move (when legal), otherwise any legal choice: pushes the
/// game to the edges a uniform player rarely reaches.
fn favouring(fav: MoveId) -> impl FnMut(&Game, &mut GameRng) -> Choice {
    move |g, rng| {
        if g.state().phase == Phase::Orders
            && rules::is_legal(g.scenario(), g.state(), fav)
            && dice::chance(rng, 0.7)
        {
            Choice::Move { mv: fav }
        } else {
            random_choice(g, rng)
        }
    }
}

// ---------------------------------------------------------------- checking effects

/// Checks that an effect was applied under `cause`: every meter change it made
/// lies in its range (or was clamped at 0 or 100), every change of that cause
/// is one the effect lists, and a change that must be non-zero happened.
fn check_effect(
    before: &State,
    report: &TurnReport,
    spec: &detente::game::scenario::Effect,
    cause: Cause,
) {
    let sc = sc();
    // Replay the report's changes in order, so each change's starting value is known.
    let mut value = before.meters;
    let mut seen = Vec::new();
    let mut touched_bound: Vec<bool> = (0..sc.meters.len())
        .map(|i| before.meters[i] == 0 || before.meters[i] == 100)
        .collect();
    // A move's amounts are cut by its fatigue (the state before the turn holds
    // its tiredness), and a scaled amount reads the meters as they stood when
    // the effect began (at its first change).
    let keep = match cause {
        Cause::Move { mv, .. } => 100 - rules::fatigue_percent(&sc, before, mv),
        _ => 100,
    };
    let mut at_start: Option<[i16; detente::game::scenario::MAX_METERS]> = None;
    let range = |a: &detente::game::scenario::Amount, meters: &[i16]| {
        let (lo, hi) = a.at(meters);
        let (lo, hi) = (Amount::kept(lo, keep), Amount::kept(hi, keep));
        (lo.min(hi), lo.max(hi))
    };
    for &(m, delta, c) in &report.changes {
        if c == cause && at_start.is_none() {
            at_start = Some(value);
        }
        let pre = value[m.index()];
        value[m.index()] += delta;
        let post = value[m.index()];
        assert!(
            (0..=100).contains(&post),
            "{} left 0..=100: {pre}{delta:+}",
            sc.meter_def(m).id
        );
        if post == 0 || post == 100 {
            touched_bound[m.index()] = true;
        }
        if c != cause {
            continue;
        }
        let name = &sc.meter_def(m).id;
        let Some((_, a)) = spec.meters.iter().find(|(sm, _)| *sm == m) else {
            panic!("{cause:?} changed {name} by {delta}, which its effect does not list");
        };
        let (lo, hi) = range(a, &at_start.unwrap_or(value));
        let clamped = (post == 0 && lo < 0) || (post == 100 && hi > 0);
        assert!(
            (lo..=hi).contains(&delta) || (clamped && delta.signum() == lo.signum()),
            "{cause:?} moved {name} by {delta}, outside [{lo}, {hi}] (from {pre})"
        );
        assert!(!seen.contains(&m), "{cause:?} changed {name} twice");
        seen.push(m);
    }
    for (m, a) in &spec.meters {
        let (lo, hi) = range(a, &at_start.unwrap_or(before.meters));
        let could_be_zero = lo <= 0 && 0 <= hi;
        // A scaled amount's meters may have moved before the effect began.
        let unsure = a.per.is_some() && at_start.is_none();
        assert!(
            seen.contains(m) || could_be_zero || unsure || touched_bound[m.index()],
            "{cause:?} should have moved {} by [{lo}, {hi}]",
            sc.meter_def(*m).id
        );
    }
}

/// Checks that the effect's memories were itemised: each holder's memory meter
/// moved by the amount (unless clamped), under `Cause::Remembered`.
fn check_memories(
    before: &State,
    report: &TurnReport,
    spec: &detente::game::scenario::Effect,
    source: MemorySource,
) {
    let sc = sc();
    for (i, m) in spec.memory.iter().enumerate() {
        let Some(meter) = sc.side(m.holder).memory_meter else {
            continue;
        };
        let cause = Cause::Remembered {
            holder: m.holder,
            source,
            index: i as u8,
        };
        let found: Vec<i16> = report
            .changes
            .iter()
            .filter(|(mm, _, c)| *mm == meter && *c == cause)
            .map(|(_, d, _)| *d)
            .collect();
        assert!(found.len() <= 1, "remembered twice: {found:?}");
        let room = if m.amount > 0 {
            100 - before.meter(meter)
        } else {
            before.meter(meter)
        };
        assert!(
            !found.is_empty() || room < m.amount.abs() + 20,
            "{} was not remembered: {:?}",
            m.label,
            report.changes
        );
        if let Some(d) = found.first() {
            assert!(
                d.signum() == m.amount.signum() && d.abs() <= m.amount.abs(),
                "{} remembered as {d}, not {}",
                m.label,
                m.amount
            );
        }
    }
}

/// Makes a state in which a move's requirements hold, from the start state.
fn state_for(seed: u64, id: &str) -> (State, GameRng) {
    let (mut st, rng, _) = start(seed, both());
    let sc = sc();
    // Keep every meter well inside 0–100 so ranges are not clamped by accident.
    for m in 0..sc.meters.len() {
        st.meters[m] = 50;
    }
    let req = &sc.mv(mv(id)).requires;
    for (m, v) in &req.min {
        st.meters[m.index()] = st.meters[m.index()].max(*v);
    }
    for (m, v) in &req.max {
        st.meters[m.index()] = st.meters[m.index()].min(*v);
    }
    for (t, ok) in &req.treaty {
        if !ok.contains(&st.treaties[t.index()]) {
            st.treaties[t.index()] = ok[0];
        }
    }
    for f in &req.flags {
        st.flags |= 1 << f.0;
    }
    for f in &req.not_flags {
        st.flags &= !(1 << f.0);
    }
    if let Some(t) = req.from_turn {
        st.turn = st.turn.max(t);
    }
    // A move that answers certain moves needs the other side to have made one last month.
    let m = sc.mv(mv(id));
    if let Some(first) = m.answers.first() {
        st.last_moves[m.side.other().index()] = Some(*first);
    }
    assert!(
        rules::is_legal(&sc, &st, mv(id)),
        "could not make {id} legal"
    );
    (st, rng)
}

// ---------------------------------------------------------------- illegal choices

/// Plays a choice that must be refused, and checks that nothing moved: not the
/// state, not the generator, not the record of turns.
fn refused(g: &mut Game, choice: Choice, expected: PlayError) {
    let state = json(g.state());
    let rng = g.rng().clone();
    let turns = g.turns().len();
    assert_eq!(g.play(choice).err(), Some(expected), "{choice:?}");
    assert_eq!(json(g.state()), state, "{choice:?} changed the state");
    assert!(*g.rng() == rng, "{choice:?} drew from the generator");
    assert_eq!(g.turns().len(), turns, "{choice:?} was recorded");
}

#[test]
fn illegal_moves_are_errors_and_leave_the_state_unchanged() {
    let mut g = new_game(3);
    past_cards(&mut g);
    assert_eq!(g.state().phase, Phase::Orders);
    // Not available: a successor needs arms-control progress first.
    assert!(!is_legal(g.state(), "propose_successor"));
    refused(
        &mut g,
        Choice::Move {
            mv: mv("propose_successor"),
        },
        PlayError::Unavailable,
    );
    // Not available: a summit needs relations 25 (they start at 10).
    refused(
        &mut g,
        Choice::Move { mv: mv("summit") },
        PlayError::Unavailable,
    );
    // Moscow's move, played by Washington.
    refused(
        &mut g,
        Choice::Move {
            mv: mv("missile_test"),
        },
        PlayError::NotYourMove,
    );
    // A move that does not exist.
    refused(
        &mut g,
        Choice::Move { mv: MoveId(200) },
        PlayError::NoSuchMove,
    );
    // Answering when no card is on the table.
    refused(&mut g, Choice::Answer { choice: 0 }, PlayError::NoCard);
    // And a legal move still works afterwards.
    g.play(Choice::Move { mv: mv("hold") })
        .expect("hold is always legal");
}

#[test]
fn moving_while_a_card_is_pending_is_an_error() {
    let mut g = new_game(5);
    let mut rng = dice::game_rng(5, 1);
    while !matches!(g.state().phase, Phase::Card(_)) {
        let c = holder(&g, &mut rng);
        g.play(c).unwrap();
    }
    let Phase::Card(e) = g.state().phase else {
        unreachable!()
    };
    assert!(g.state().pending.contains(e));
    refused(
        &mut g,
        Choice::Move { mv: mv("hold") },
        PlayError::CardPending,
    );
    refused(&mut g, orders("hold", "wait"), PlayError::CardPending);
    let n = sc().event(e).choices.len() as u8;
    refused(
        &mut g,
        Choice::Answer { choice: n },
        PlayError::NoSuchChoice,
    );
    refused(
        &mut g,
        Choice::Answer { choice: u8::MAX },
        PlayError::NoSuchChoice,
    );
    g.play(Choice::Answer { choice: 0 })
        .expect("a real answer is taken");
    assert!(!g.state().pending.contains(e));
}

#[test]
fn a_finished_game_refuses_every_choice() {
    let (mut g, _) = run(9, &mut holder);
    assert!(g.state().is_over());
    refused(&mut g, Choice::Move { mv: mv("hold") }, PlayError::GameOver);
    refused(&mut g, orders("hold", "wait"), PlayError::GameOver);
    refused(&mut g, Choice::Answer { choice: 0 }, PlayError::GameOver);
}

#[test]
fn orders_must_give_each_side_its_own_move() {
    let mut g = Game::new(sc(), 3, both());
    past_cards(&mut g);
    refused(
        &mut g,
        Choice::Orders {
            moves: [mv("hold"); 2],
        },
        PlayError::NotYourMove,
    );
    refused(
        &mut g,
        Choice::Orders {
            moves: [mv("wait"); 2],
        },
        PlayError::NotYourMove,
    );
    refused(
        &mut g,
        orders("propose_successor", "wait"),
        PlayError::Unavailable,
    );
    refused(
        &mut g,
        orders("hold", "return_inspections"),
        PlayError::Unavailable,
    );
    // A single move is for games with exactly one person.
    refused(
        &mut g,
        Choice::Move { mv: mv("hold") },
        PlayError::WrongKind,
    );
    g.play(orders("hold", "wait"))
        .expect("orders for both sides are taken");
}

#[test]
fn a_single_move_needs_exactly_one_human_side() {
    let sc = sc();
    let nobody = Setup {
        human: [false; 2],
        difficulty: Difficulty::Normal,
    };
    let mut g = Game::new(sc.clone(), 4, nobody);
    refused(
        &mut g,
        Choice::Move { mv: mv("hold") },
        PlayError::WrongKind,
    );
    g.play(orders("hold", "wait"))
        .expect("orders for both sides are taken");
}

// ---------------------------------------------------------------- effects of moves

#[test]
fn sanctions_lower_relations_and_raise_unity() {
    let sanctions = mv("sanctions");
    let sc = sc();
    let spec = &sc.mv(sanctions).effects;
    let cause = Cause::Move {
        side: washington(),
        mv: sanctions,
        outcome: Outcome::Always,
    };
    for seed in 0..50 {
        let (mut st, mut rng, _) = start(seed, both());
        let before = st;
        let r = play(&mut st, &mut rng, orders("sanctions", "wait")).unwrap();
        let by_sanctions = |m: &str| -> i16 {
            r.changes
                .iter()
                .filter(|(mm, _, c)| *mm == meter(m) && *c == cause)
                .map(|(_, d, _)| *d)
                .sum()
        };
        // The directions are the rule; the sizes are the scenario's to balance.
        assert!(by_sanctions("relations") < 0, "relations fall");
        assert!(by_sanctions("unity") > 0, "unity rises");
        assert!(by_sanctions("tension") > 0, "tension rises");
        assert!(by_sanctions("sanctions") > 0, "the sanctions level rises");
        check_effect(&before, &r, spec, cause);
        // Moscow files it as a grudge: its trust falls by the amount, and its ledger names it.
        let grudge = spec.memory.first().expect("sanctions leave a memory");
        assert_eq!(grudge.holder, moscow());
        assert!(grudge.amount < 0);
        let source = MemorySource::Move(sanctions, Outcome::Always);
        let remembered = Cause::Remembered {
            holder: moscow(),
            source,
            index: 0,
        };
        assert!(
            r.changes
                .contains(&(meter("trust"), grudge.amount, remembered)),
            "{:?}",
            r.changes
        );
        let entry = st.ledgers[moscow().index()]
            .iter()
            .find(|m| m.source == source)
            .expect("a ledger entry");
        assert!(
            (grudge.amount..=grudge.amount + grudge.fade).contains(&entry.amount),
            "the grudge is {}, faded at most once: {}",
            grudge.amount,
            entry.amount
        );
        assert_eq!(
            r.move_of(washington()),
            Some((sanctions, None)),
            "sanctions cannot fail"
        );
    }
}

#[test]
fn every_move_applies_its_effects_within_their_ranges() {
    let sc = sc();
    for (i, m) in sc.moves.iter().enumerate() {
        let id = MoveId(i as u8);
        let mut outcomes = [false; 2];
        for seed in 0..60 {
            let (mut st, mut rng) = state_for(seed, &m.id);
            let before = st;
            let choice = if m.side == washington() {
                orders(&m.id, "wait")
            } else {
                orders("hold", &m.id)
            };
            let r = play(&mut st, &mut rng, choice).unwrap_or_else(|e| panic!("{}: {e}", m.id));
            let (moved, success) = r.move_of(m.side).expect("the move is noted");
            assert_eq!(moved, id);
            assert_eq!(
                success.is_none(),
                m.chance.is_certain(),
                "{}: success is noted iff it can fail",
                m.id
            );
            let outcome = if success == Some(false) {
                Outcome::Failure
            } else {
                Outcome::Success
            };
            outcomes[usize::from(outcome == Outcome::Success)] = true;
            let always = Cause::Move {
                side: m.side,
                mv: id,
                outcome: Outcome::Always,
            };
            check_effect(&before, &r, &m.effects, always);
            check_memories(
                &before,
                &r,
                &m.effects,
                MemorySource::Move(id, Outcome::Always),
            );
            let spec = if outcome == Outcome::Success {
                &m.success
            } else {
                &m.failure
            };
            check_effect(
                &before,
                &r,
                spec,
                Cause::Move {
                    side: m.side,
                    mv: id,
                    outcome,
                },
            );
            check_memories(&before, &r, spec, MemorySource::Move(id, outcome));
            for (t, status) in m.effects.treaties.iter().chain(&spec.treaties) {
                assert_eq!(st.treaties[t.index()], *status, "{}: treaty", m.id);
            }
            for f in m.effects.set.iter().chain(&spec.set) {
                assert!(
                    st.flags & (1 << f.0) != 0,
                    "{}: flag {} set",
                    m.id,
                    sc.flags[f.0 as usize]
                );
            }
        }
        if !m.chance.is_certain() {
            assert!(
                outcomes[0] && outcomes[1],
                "{}: both success and failure happen in 60 seeds",
                m.id
            );
        }
    }
}

// ---------------------------------------------------------------- the report adds up

#[test]
fn report_changes_sum_to_the_meter_differences() {
    let sc = sc();
    // The opening report, from the scenario's start values.
    for seed in 0..20 {
        let g = new_game(seed);
        let fresh = State::new(&sc, setup());
        for m in 0..sc.meters.len() {
            let id = MeterId(m as u8);
            assert_eq!(
                g.opening().net(id),
                i32::from(g.state().meter(id) - fresh.meter(id)),
                "opening, {}",
                sc.meters[m].id
            );
        }
    }
    let mut strategies: Vec<Box<Strategy>> = vec![
        Box::new(random_choice),
        Box::new(hawk),
        Box::new(peacemaker),
        Box::new(appeaser),
    ];
    let mut plays = 0;
    for seed in 0..150 {
        for s in &mut strategies {
            let mut g = new_game(seed);
            let mut rng = dice::game_rng(seed, 2);
            while !g.state().is_over() {
                let before = *g.state();
                let c = s(&g, &mut rng);
                let r = g.play(c).unwrap().clone();
                for m in 0..sc.meters.len() {
                    let id = MeterId(m as u8);
                    let diff = i32::from(g.state().meter(id) - before.meter(id));
                    assert_eq!(
                        r.net(id),
                        diff,
                        "seed {seed}, {c:?}: {} itemised {} but moved {diff}",
                        sc.meters[m].id,
                        r.net(id)
                    );
                }
                // Nothing is itemised as a change of zero.
                assert!(r.changes.iter().all(|(_, d, _)| *d != 0));
                plays += 1;
            }
        }
    }
    assert!(plays > 5000, "enough turns checked: {plays}");
}

// ---------------------------------------------------------------- the ladder

#[test]
fn tension_never_rises_more_than_its_cap_in_a_months_moves() {
    let sc = sc();
    let tension = meter("tension");
    let cap = sc
        .meter_def(tension)
        .max_rise
        .expect("tension has a monthly cap");
    let mut capped = 0;
    let mut strategies: Vec<Box<Strategy>> =
        vec![Box::new(hawk), Box::new(random_choice), Box::new(brinkman)];
    for seed in 0..300 {
        for s in &mut strategies {
            let (_, reports) = run(seed, s);
            for r in &reports[1..] {
                // The month's resolution: moves, drift, fading, memories and the cap itself;
                // the next month's news (events and answers) comes after it.
                let rise: i32 = r
                    .changes
                    .iter()
                    .filter(|(m, _, c)| {
                        *m == tension && !matches!(c, Cause::Event { .. } | Cause::Choice { .. })
                    })
                    .map(|(_, d, _)| i32::from(*d))
                    .sum();
                assert!(
                    rise <= i32::from(cap),
                    "seed {seed}: tension rose {rise} in one month's moves"
                );
                capped += r
                    .changes
                    .iter()
                    .filter(|(m, _, c)| *m == tension && *c == Cause::Capped)
                    .count();
            }
        }
    }
    assert!(capped > 0, "the cap was exercised");
}

#[test]
fn the_ladder_warns_before_a_nuclear_crisis() {
    let crisis = sc().ending_id("nuclear_crisis").unwrap();
    let mut crises = 0;
    let mut strategies: Vec<Box<Strategy>> = vec![
        Box::new(hawk),
        Box::new(brinkman),
        Box::new(random_choice),
        Box::new(favouring(mv("military_aid"))),
    ];
    for seed in 0..500 {
        for s in &mut strategies {
            let (g, reports) = run(seed, s);
            if g.state().ending() != Some(crisis) {
                continue;
            }
            crises += 1;
            let (last, earlier) = reports.split_last().unwrap();
            assert_eq!(last.ended(), Some(crisis));
            assert!(
                earlier.iter().any(warned),
                "seed {seed}: a nuclear crisis with no warning in any earlier report"
            );
        }
    }
    assert!(crises >= 100, "enough crises seen: {crises}");
}

/// From a month that ended below the warning rung, a single month must not reach a crisis.
#[test]
fn no_crisis_within_one_month_of_a_state_without_warning() {
    let tension = meter("tension");
    let warn = sc().meter_def(tension).warn_at.unwrap();
    let jan = sc().calendar.turn_of(2025, 1).unwrap();
    let mut surprises = Vec::new();
    for seed in 0..2000 {
        // A real game up to January 2025, the inauguration answered...
        let mut g = new_game(seed);
        let mut rng = dice::game_rng(seed, 1);
        while g.state().turn < jan || g.state().phase != Phase::Orders {
            let c = holder(&g, &mut rng);
            g.play(c).unwrap();
        }
        // ...standing one point below the warning rung.
        let mut st = *g.state();
        st.meters[tension.index()] = warn - 1;
        let mut rng = g.rng().clone();
        let r = play(
            &mut st,
            &mut rng,
            Choice::Move {
                mv: mv("military_aid"),
            },
        )
        .unwrap();
        if ended_in(&st, "nuclear_crisis") {
            surprises.push((
                seed,
                r.events()
                    .map(|e| sc().event(e).id.clone())
                    .collect::<Vec<_>>(),
            ));
        }
    }
    assert!(
        surprises.is_empty(),
        "crisis straight from tension {}: {} seeds, e.g. {:?}",
        warn - 1,
        surprises.len(),
        &surprises[..surprises.len().min(3)]
    );
}

// ---------------------------------------------------------------- memory

#[test]
fn memories_fade_and_trust_moves_with_them() {
    let trust = meter("trust");
    let opening = event("opening_interview");
    let sc = sc();
    let specs = &sc.event(opening).effects.memory;
    assert!(
        specs.iter().any(|m| m.fade == 1),
        "the opening has a grudge fading 1 a month"
    );
    let total: i16 = specs.iter().map(|m| m.amount).sum();
    let mut checked = 0;
    for seed in 0..60 {
        let (mut st, mut rng, report) = start(seed, both());
        // `start` answers the first month's cards; a seed whose deck put one there
        // may have filed other memories, so only the quiet openings are checked.
        if report.events().any(|e| !sc.event(e).choices.is_empty()) {
            continue;
        }
        checked += 1;
        // The opening interview files its grudges in Moscow's ledger, each moving trust.
        let ledger = st.ledgers[moscow().index()];
        let filed: Vec<(i16, i16)> = ledger.iter().map(|m| (m.amount, m.fade)).collect();
        let spec: Vec<(i16, i16)> = specs.iter().map(|m| (m.amount, m.fade)).collect();
        assert_eq!(filed, spec);
        assert_eq!(report.net(trust), i32::from(total));
        let before = st;
        let r = play(&mut st, &mut rng, orders("hold", "wait")).unwrap();
        // A month later each entry is `fade` closer to zero (a fade of 0 stays put),
        // and each step is itemised on trust as fading.
        let after: Vec<i16> = st.ledgers[moscow().index()]
            .iter()
            .map(|m| m.amount)
            .collect();
        let expected: Vec<i16> = specs
            .iter()
            .map(|m| m.amount - m.fade.min(m.amount.abs()) * m.amount.signum())
            .collect();
        assert_eq!(after, expected);
        let mut faded = 0;
        for (index, m) in specs.iter().enumerate() {
            let cause = Cause::Fading {
                holder: moscow(),
                source: MemorySource::Event(opening),
                index: index as u8,
            };
            let step = m.fade.min(m.amount.abs()) * -m.amount.signum();
            let itemised: Vec<i16> = r
                .changes
                .iter()
                .filter(|(mm, _, c)| *mm == trust && *c == cause)
                .map(|(_, d, _)| *d)
                .collect();
            if step == 0 {
                assert!(itemised.is_empty(), "entry {index} does not fade");
            } else {
                assert_eq!(itemised, vec![step], "entry {index} fades by {step}");
            }
            faded += step;
        }
        // Nothing else moved trust this month.
        assert_eq!(st.meter(trust) - before.meter(trust), faded);
        assert!(faded > 0, "grudges fade, so trust recovers");
    }
    assert!(checked >= 10, "only {checked} quiet openings in 60 seeds");
}

/// A grudge cut short by the floor is filed at what it really took: trust at
/// 2 and a package of sanctions remembered at −6 leave −2 in the ledger, so
/// fading gives back 2, never the 6 it could not take (it once did, and
/// piled-up grudges lifted trust faster the more of them there were).
#[test]
fn a_grudge_cut_short_by_the_floor_fades_back_only_what_it_took() {
    let trust = meter("trust");
    let sanctions = MemorySource::Move(mv("sanctions"), Outcome::Always);
    let (mut st, mut rng, _) = start(8, both());
    st.meters[trust.index()] = 2;
    st.ledgers[moscow().index()] = Default::default();
    let r = play(&mut st, &mut rng, orders("sanctions", "wait")).unwrap();
    let filed: Vec<i16> = st.ledgers[moscow().index()]
        .iter()
        .filter(|m| m.source == sanctions)
        .map(|m| m.amount)
        .collect();
    // Filed at −2, then faded by 1 at the month's end.
    assert_eq!(filed, vec![-1], "{:?}", r.changes);
    assert!(
        r.changes
            .iter()
            .any(|(m, d, c)| *m == trust && *d == -2 && matches!(c, Cause::Remembered { .. }))
    );
    let mut given_back = 0;
    for _ in 0..4 {
        while let Phase::Card(_) = st.phase {
            play(&mut st, &mut rng, Choice::Answer { choice: 0 }).unwrap();
        }
        if st.is_over() {
            break;
        }
        let r = play(&mut st, &mut rng, orders("hold", "wait")).unwrap();
        given_back += r
            .changes
            .iter()
            .filter(|(m, _, c)| {
                *m == trust && matches!(c, Cause::Fading { source, .. } if *source == sanctions)
            })
            .map(|(_, d, _)| i32::from(*d))
            .sum::<i32>();
    }
    assert_eq!(given_back, 1, "the rest of the −2 fades back, and no more");
}

#[test]
fn a_faded_memory_leaves_the_ledger() {
    let trust = meter("trust");
    let (mut st, mut rng, _) = start(8, both());
    let ledger = &mut st.ledgers[moscow().index()];
    let i = ledger.len as usize;
    ledger.entries[i] = Memory {
        source: MemorySource::Start,
        index: 0,
        amount: 2,
        fade: 1,
    };
    ledger.len += 1;
    let mine = Cause::Fading {
        holder: moscow(),
        source: MemorySource::Start,
        index: 0,
    };
    for left in [1, 0] {
        let r = play(&mut st, &mut rng, orders("hold", "wait")).unwrap();
        assert!(
            r.changes.contains(&(trust, -1, mine)),
            "goodwill fades by 1 a month: {:?}",
            r.changes
        );
        let entry = st.ledgers[moscow().index()]
            .iter()
            .find(|m| m.source == MemorySource::Start)
            .map(|m| m.amount);
        assert_eq!(entry, if left == 0 { None } else { Some(left) });
        while let Phase::Card(_) = st.phase {
            play(&mut st, &mut rng, Choice::Answer { choice: 0 }).unwrap();
        }
    }
    let r = play(&mut st, &mut rng, orders("hold", "wait")).unwrap();
    assert!(
        !r.changes.iter().any(|(_, _, c)| *c == mine),
        "a spent memory fades no more"
    );
}

// ---------------------------------------------------------------- the calendar

#[test]
fn the_game_ends_by_the_last_turn() {
    let sc = sc();
    let turns = sc.calendar.turns;
    assert_eq!(turns, 18);
    let mut strategies: Vec<Box<Strategy>> = vec![
        Box::new(random_choice),
        Box::new(holder),
        Box::new(peacemaker),
        Box::new(hawk),
        Box::new(spendthrift),
    ];
    for seed in 0..200 {
        for s in &mut strategies {
            let (g, reports) = run(seed, s);
            let months = g
                .turns()
                .iter()
                .filter(|t| !matches!(t.choice, Choice::Answer { .. }))
                .count();
            assert!(months <= turns as usize, "seed {seed}: {months} months");
            assert!(g.state().turn < turns);
            let ending = sc.ending(g.state().ending().expect("over"));
            assert_eq!(ending.side, washington());
            if ending.check == EndingCheck::Deadline {
                assert_eq!(
                    months, turns as usize,
                    "a deadline ending comes at the deadline"
                );
                assert_eq!(g.state().turn, turns - 1);
            }
            assert_eq!(
                reports.iter().filter(|r| r.ended().is_some()).count(),
                1,
                "the game ends once"
            );
        }
    }
}

#[test]
fn the_inauguration_card_is_put_to_the_player() {
    let sc = sc();
    let inauguration = event("inauguration");
    let jan = sc
        .calendar
        .turn_of(2025, 1)
        .expect("Jan 2025 is in the calendar");
    assert!(matches!(sc.event(inauguration).trigger, Trigger::At(t) if t == jan));
    assert_eq!(sc.event(inauguration).choices.len(), 3);
    let mut room = 0;
    for seed in 0..20 {
        let mut g = new_game(seed);
        let mut rng = dice::game_rng(seed, 1);
        let mut last = TurnReport::default();
        while g.state().turn < jan {
            let c = holder(&g, &mut rng);
            last = g.play(c).unwrap().clone();
        }
        assert_eq!(g.state().phase, Phase::Card(inauguration), "seed {seed}");
        assert!(last.notes.contains(&Note::CardPending {
            event: inauguration
        }));
        assert!(has_flag(g.state(), "inaugurated"));
        let before = *g.state();
        for choice in 0..3u8 {
            let mut branch = g.clone();
            let r = branch.play(Choice::Answer { choice }).unwrap().clone();
            assert!(r.notes.contains(&Note::Answered {
                event: inauguration,
                choice,
                side: washington()
            }));
            let spec = &sc.event(inauguration).choices[choice as usize].effects;
            check_effect(
                &before,
                &r,
                spec,
                Cause::Choice {
                    event: inauguration,
                    choice,
                },
            );
            check_memories(
                &before,
                &r,
                spec,
                MemorySource::Choice(inauguration, choice),
            );
            let st = branch.state();
            assert_ne!(st.phase, Phase::Card(inauguration));
            let rel = st.meter(meter("relations")) - before.meter(meter("relations"));
            let unity = st.meter(meter("unity")) - before.meter(meter("unity"));
            match choice {
                0 => {
                    assert!(has_flag(st, "peace_speech") && !has_flag(st, "strength_speech"));
                    assert!(rel > 0, "peace: relations {rel:+}");
                    assert!(unity < 0, "peace: unity {unity:+}");
                    let entry = st.ledgers[moscow().index()]
                        .iter()
                        .find(|m| m.source == MemorySource::Choice(inauguration, 0));
                    let goodwill = spec.memory.first().map(|m| m.amount);
                    assert!(
                        goodwill.is_some_and(|a| a > 0),
                        "the peace speech is goodwill"
                    );
                    assert_eq!(
                        entry.map(|m| m.amount),
                        goodwill,
                        "Moscow remembers the peace speech"
                    );
                }
                1 => {
                    assert!(has_flag(st, "strength_speech") && !has_flag(st, "peace_speech"));
                    // The autumn's cards (answered with their first choice) can leave
                    // relations at the floor, with no room to fall.
                    if before.meter(meter("relations")) > 0 {
                        room += 1;
                        assert!(rel < 0, "strength: relations {rel:+}");
                    }
                    assert!(unity > 0, "strength: unity {unity:+}");
                }
                _ => {
                    assert!(!has_flag(st, "peace_speech") && !has_flag(st, "strength_speech"));
                    assert_eq!(
                        (rel, unity),
                        (0, 0),
                        "silence moves neither relations nor unity"
                    );
                }
            }
        }
    }
    assert!(
        room >= 5,
        "only {room} of 20 seeds had relations above the floor"
    );
}

// ---------------------------------------------------------------- requirements

#[test]
fn the_summit_needs_relations_15_and_trust_20() {
    let (relations, trust) = (meter("relations"), meter("trust"));
    for (rel, tr, ok) in [
        (14, 20, false),
        (15, 19, false),
        (15, 20, true),
        (14, 90, false),
        (90, 19, false),
        (60, 60, true),
    ] {
        let (mut st, mut rng, _) = start(12, setup());
        st.meters[relations.index()] = rel;
        st.meters[trust.index()] = tr;
        assert_eq!(is_legal(&st, "summit"), ok, "relations {rel}, trust {tr}");
        let before = json(&st);
        let result = play(&mut st, &mut rng, Choice::Move { mv: mv("summit") });
        if ok {
            let r = result.expect("the summit is on");
            assert!(
                matches!(r.move_of(washington()), Some((m, Some(_))) if m == mv("summit")),
                "a summit can fail"
            );
        } else {
            assert_eq!(result.err(), Some(PlayError::Unavailable));
            assert_eq!(json(&st), before);
        }
    }
}

#[test]
fn exiting_new_start_closes_the_road_to_a_successor() {
    let nst = new_start();
    for seed in 0..20 {
        let (mut st, mut rng, _) = start(seed, both());
        assert_eq!(st.treaties[nst], TreatyStatus::Suspended);
        assert!(is_legal(&st, "arms_talks"));
        // Leaving the treaty needs a crisis to justify it.
        st.meters[meter("tension").index()] = 70;
        let r = play(&mut st, &mut rng, orders("exit_treaty", "wait")).unwrap();
        assert_eq!(st.treaties[nst], TreatyStatus::Withdrawn);
        assert!(r.notes.iter().any(|n| matches!(
            n,
            Note::Treaty {
                from: TreatyStatus::Suspended,
                to: TreatyStatus::Withdrawn,
                ..
            }
        )));
        while let Phase::Card(_) = st.phase {
            play(&mut st, &mut rng, Choice::Answer { choice: 0 }).unwrap();
        }
        // Even with the talks done and every meter high, the road is closed.
        for m in ["progress", "trust", "relations"] {
            st.meters[meter(m).index()] = 100;
        }
        st.meters[meter("tension").index()] = 10;
        for gone in [
            "propose_successor",
            "arms_talks",
            "exit_treaty",
            "invite_inspections",
        ] {
            assert!(!is_legal(&st, gone), "{gone} after the exit");
            let before = json(&st);
            assert_eq!(
                play(&mut st, &mut rng, orders(gone, "wait")).err(),
                Some(PlayError::Unavailable)
            );
            assert_eq!(json(&st), before);
        }
        assert!(!rules::legal_moves(&sc(), &st, moscow()).any(|m| m == mv("return_inspections")));
    }
}

// ---------------------------------------------------------------- endings

/// The first seed below `bound` on which the strategy reaches the ending.
fn find_ending(ending: &str, bound: u64, strategy: &mut Strategy) -> Option<u64> {
    (0..bound).find(|seed| ended_in(run(*seed, strategy).0.state(), ending))
}

#[test]
fn detente_is_reachable() {
    let seed = find_ending("detente", 50, &mut peacemaker)
        .expect("a peacemaker reaches Détente within 50 seeds");
    let (g, _) = run(seed, &mut peacemaker);
    let st = g.state();
    // The Détente ending's own threshold.
    assert!(st.meter(meter("relations")) >= 55);
    assert!(matches!(
        st.treaties[new_start()],
        TreatyStatus::SuccessorAgreed | TreatyStatus::Extended
    ));
    assert_eq!(
        st.turn,
        sc().calendar.turns - 1,
        "Détente is a deadline ending"
    );
}

#[test]
fn every_washington_ending_is_reachable() {
    let mut found = Vec::new();
    let cases: Vec<(&str, Box<Strategy>)> = vec![
        ("detente", Box::new(peacemaker)),
        ("cold_peace", Box::new(peacemaker)),
        ("deep_freeze", Box::new(holder)),
        ("nuclear_crisis", Box::new(hawk)),
        ("out_of_office", Box::new(spendthrift)),
        ("coalition_fractured", Box::new(appeaser)),
    ];
    for (ending, mut strategy) in cases {
        let seed = find_ending(ending, 1000, &mut strategy)
            .unwrap_or_else(|| panic!("{ending} within 1000 seeds"));
        found.push(ending);
        let (g, reports) = run(seed, &mut strategy);
        assert_eq!(reports.last().unwrap().ended(), g.state().ending());
    }
    let sc = sc();
    let mut all: Vec<&str> = sc
        .endings
        .iter()
        .filter(|e| e.side == washington())
        .map(|e| e.id.as_str())
        .collect();
    found.sort();
    all.sort();
    assert_eq!(found, all, "every Washington ending is covered");
}

// ---------------------------------------------------------------- determinism

#[test]
fn the_same_seed_and_choices_give_the_same_game() {
    for seed in 0..40 {
        let (g, reports) = run(seed, &mut random_choice);
        let mut again = new_game(seed);
        assert_eq!(again.opening(), &reports[0]);
        for (c, r) in g.choices().into_iter().zip(&reports[1..]) {
            let r2 = again.play(c).unwrap();
            assert_eq!(r2, r);
        }
        assert_eq!(json(again.state()), json(g.state()));
        assert!(again.rng() == g.rng());
    }
}

#[test]
fn a_different_seed_gives_a_different_game_for_the_same_choices() {
    let mut finals = Vec::new();
    for seed in 0..30 {
        let (g, reports) = run(seed, &mut holder);
        // The same choices on the next seed: a different game, whether it refuses
        // a choice (a card came up elsewhere) or plays out differently.
        let mut other = new_game(seed + 1000);
        let mut same = other.opening() == &reports[0];
        for (c, r) in g.choices().into_iter().zip(&reports[1..]) {
            match other.play(c) {
                Ok(r2) => same &= r2 == r,
                Err(_) => {
                    same = false;
                    break;
                }
            }
        }
        assert!(!same, "seed {seed} and {} gave the same game", seed + 1000);
        finals.push(json(g.state()));
    }
    let mut distinct = finals.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        finals.len(),
        "30 seeds, 30 different final states"
    );
}

// ---------------------------------------------------------------- every card

#[test]
fn every_event_card_can_fire_and_every_choice_can_be_answered() {
    let sc = sc();
    let n = sc.events.len();
    let mut fired = vec![None; n];
    let mut answered: Vec<Vec<bool>> = sc
        .events
        .iter()
        .map(|e| vec![false; e.choices.len()])
        .collect();
    let mut strategies: Vec<Box<Strategy>> = vec![Box::new(random_choice)];
    for m in sc.moves_of(washington()) {
        strategies.push(Box::new(favouring(m)));
    }
    strategies.push(Box::new(spendthrift));
    strategies.push(Box::new(appeaser));
    // The last strategy plays Moscow, at random: Moscow's own cards are put to a person then.
    let as_moscow = strategies.len();
    strategies.push(Box::new(random_choice));
    let done = |fired: &[Option<u64>], answered: &[Vec<bool>]| {
        fired.iter().all(Option::is_some) && answered.iter().flatten().all(|a| *a)
    };
    // The loop stops as soon as every card and answer is seen; the bound is for
    // chains that are rare by design (a card put to Moscow's player only after
    // Washington's model proposed a test ban: about 1 game in 130).
    const SEEDS: u64 = 1000;
    'seeds: for seed in 0..SEEDS {
        for (k, s) in strategies.iter_mut().enumerate() {
            let mut g = if k == as_moscow {
                Game::new(
                    sc.clone(),
                    seed,
                    Setup::single(moscow(), Difficulty::Normal),
                )
            } else {
                new_game(seed)
            };
            let mut rng = dice::game_rng(seed, 10 + k as u64);
            for e in g.opening().events() {
                fired[e.index()].get_or_insert(seed);
            }
            while !g.state().is_over() {
                if let Phase::Card(e) = g.state().phase {
                    for choice in 0..answered[e.index()].len() {
                        if !answered[e.index()][choice] {
                            let mut branch = g.clone();
                            let r = branch
                                .play(Choice::Answer {
                                    choice: choice as u8,
                                })
                                .expect("every choice can be answered");
                            assert!(r.notes.contains(&Note::Answered {
                                event: e,
                                choice: choice as u8,
                                side: sc.event(e).concerns
                            }));
                            answered[e.index()][choice] = true;
                        }
                    }
                }
                let c = s(&g, &mut rng);
                let r = g.play(c).unwrap();
                for e in r.events() {
                    fired[e.index()].get_or_insert(seed);
                }
            }
            if done(&fired, &answered) {
                break 'seeds;
            }
        }
    }
    let never: Vec<&str> = (0..n)
        .filter(|i| fired[*i].is_none())
        .map(|i| sc.events[i].id.as_str())
        .collect();
    assert!(
        never.is_empty(),
        "cards that never fired in {SEEDS} seeds: {never:?}"
    );
    let sc = &*sc;
    let unanswered: Vec<String> = answered
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            a.iter()
                .enumerate()
                .filter(|(_, x)| !**x)
                .map(move |(c, _)| format!("{}[{c}]", sc.events[i].id))
        })
        .collect();
    assert!(
        unanswered.is_empty(),
        "choices never answered: {unanswered:?}"
    );
}

#[test]
fn wording_is_its_own_stream() {
    // Wording is picked by a pure function of the game's wording key: drawing
    // any number of words leaves the game, its state and its stream alone.
    for seed in 0..20 {
        let (g, _) = run(seed, &mut random_choice);
        let mut chatty = new_game(seed);
        for (i, c) in g.choices().into_iter().enumerate() {
            for salt in 0..(i as u64 * 7 + 3) {
                let pick = dice::flavour_pick(chatty.wording_key(i), salt, 3);
                assert!(pick < 3);
                assert_eq!(
                    pick,
                    dice::flavour_pick(chatty.wording_key(i), salt, 3),
                    "stable"
                );
            }
            chatty.play(c).unwrap();
        }
        assert_eq!(json(chatty.state()), json(g.state()), "seed {seed}");
        assert_eq!(chatty.rng(), g.rng());
    }
    // Across games the picks do vary.
    let picks: std::collections::BTreeSet<usize> = (0..50)
        .map(|seed| dice::flavour_pick(new_game(seed).wording_key(1), 9, 4))
        .collect();
    assert!(picks.len() > 1, "{picks:?}");
}

/// Every event fired in a hawkish game (both capitals escalate; cards get their first answer).
fn events_fired_by_hawks(seed: u64, setup: Setup) -> Vec<EventId> {
    let hawk = |st: &State, s: SideId| -> MoveId {
        let prefs: &[&str] = if s == washington() {
            &["military_aid", "sanctions", "hold"]
        } else {
            &["missile_test", "suspend_more", "warning", "wait"]
        };
        prefs
            .iter()
            .map(|m| mv(m))
            .find(|m| rules::is_legal(&sc(), st, *m))
            .expect("a hawkish move is always open")
    };
    let mut g = Game::new(sc(), seed, setup);
    let mut fired: Vec<EventId> = Vec::new();
    let mut reports = vec![g.opening().clone()];
    while !g.state().is_over() {
        let st = *g.state();
        let c = match st.phase {
            Phase::Card(_) => Choice::Answer { choice: 0 },
            _ if setup.human == [true; 2] => {
                let mut moves = [hawk(&st, washington()); 2];
                moves[moscow().index()] = hawk(&st, moscow());
                Choice::Orders { moves }
            }
            _ => Choice::Move {
                mv: hawk(&st, setup.player()),
            },
        };
        reports.push(g.play(c).expect("legal").clone());
    }
    for r in reports {
        for n in r.notes {
            if let Note::Event { event } = n {
                fired.push(event);
            }
        }
    }
    fired
}

#[test]
fn warning_cards_kept_for_players_reach_only_a_person() {
    let (ours, theirs) = (event("hotline"), event("hotline_moscow"));
    assert!(sc().event(ours).players_only && sc().event(theirs).players_only);
    let as_washington = Setup::single(washington(), Difficulty::Normal);
    let as_moscow = Setup::single(moscow(), Difficulty::Normal);
    let count = |setup: Setup, e: EventId| -> usize {
        (0..30)
            .map(|seed| {
                events_fired_by_hawks(seed, setup)
                    .iter()
                    .filter(|x| **x == e)
                    .count()
            })
            .sum()
    };
    // Each capital's hotline card rings for a person playing it...
    assert!(count(as_washington, ours) > 0);
    assert!(count(as_moscow, theirs) > 0);
    assert!(count(both(), ours) > 0 && count(both(), theirs) > 0);
    // ...and never for the model.
    assert_eq!(count(as_washington, theirs), 0);
    assert_eq!(count(as_moscow, ours), 0);
}

#[test]
fn the_model_answers_cards_by_its_objective_or_on_a_whim() {
    // Moscow's model answers Beijing's offer; at normal difficulty it has a whim.
    let whim = sc().side(moscow()).ai[Difficulty::Normal.index()].whim;
    assert!(whim > 0.0 && whim < 0.5, "{whim}");
    let card = event("beijing_price");
    let mut answers = [0usize; 2];
    for seed in 0..400 {
        let mut rng = dice::outcome_rng(seed);
        let mut report = TurnReport::default();
        let st = rules::start(&sc(), setup(), &mut rng, &mut report);
        let choice = detente::game::opponent::pick_choice(&sc(), &st, moscow(), card, &mut rng);
        answers[choice as usize] += 1;
    }
    // Most answers serve Moscow's objective (leverage: sign the deal); a whim
    // sometimes picks any answer, so the other shows up too, about whim/2 of the time.
    let other = answers[1] as f64 / 400.0;
    assert!(answers[0] > answers[1], "{answers:?}");
    assert!(
        other > 0.0 && (other - whim / 2.0).abs() < 0.06,
        "{answers:?}"
    );
}

/// A Moscow game under a strategy that sees the game; cards get the strategy's answer too.
fn run_as_moscow(seed: u64, strategy: &mut Strategy) -> Game {
    let mut g = Game::new(sc(), seed, Setup::single(moscow(), Difficulty::Normal));
    let mut rng = dice::game_rng(seed, 1);
    play_out(&mut g, strategy, &mut rng);
    g
}

/// Moscow's road to a settlement: talks, gestures, then the one-time offer on the limits.
fn moscow_peacemaker(g: &Game, _rng: &mut GameRng) -> Choice {
    let st = g.state();
    if let Phase::Card(_) = st.phase {
        return answer(g, &[("hotline_moscow", 1), ("kremlin_unrest", 0)]);
    }
    let rel = st.meter(meter("relations"));
    let progress = st.meter(meter("progress"));
    let prefs: &[&str] = if progress >= 30 && rel >= 26 {
        &["offer_limits", "welcome_talks", "prisoner_swap", "wait"]
    } else if progress < 30 {
        &["welcome_talks", "stability_talks", "prisoner_swap", "wait"]
    } else {
        &["welcome_talks", "prisoner_swap", "offer_terms", "wait"]
    };
    let m = prefs
        .iter()
        .find(|m| is_legal(st, m))
        .copied()
        .unwrap_or("wait");
    Choice::Move { mv: mv(m) }
}

#[test]
fn moscow_can_win_and_lose_and_scores_its_own_ending() {
    // A win: a settlement within the first seeds, worth more than a standoff.
    let settled = (0..60)
        .map(|seed| run_as_moscow(seed, &mut moscow_peacemaker))
        .find(|g| ended_in(g.state(), "moscow_settlement"))
        .expect("a careful Moscow reaches a settlement");
    let st = settled.state();
    assert!(st.meter(meter("relations")) >= 30);
    assert!(matches!(
        st.treaties[new_start()],
        TreatyStatus::Extended | TreatyStatus::SuccessorAgreed
    ));
    let win = rules::score(&sc(), st, moscow());
    let bonus = sc()
        .ending(sc().ending_id("moscow_settlement").unwrap())
        .bonus;
    assert!(bonus > 0.0 && win > 0, "{win}");
    // Losses: the ladder climbed to the top, and the Kremlin's standing run out.
    let tester = |fav: &str, ending: &str| {
        let fav = mv(fav);
        let g = (0..1000)
            .map(|seed| run_as_moscow(seed, &mut favouring(fav)))
            .find(|g| ended_in(g.state(), ending))
            .unwrap_or_else(|| panic!("no game ended in {ending}"));
        assert!(
            rules::score(&sc(), g.state(), moscow()) < win,
            "{ending} scores below a settlement"
        );
    };
    tester("missile_test", "moscow_crisis");
    tester("beijing_ties", "moscow_turmoil");
    tester("court_doubters", "moscow_coalition_split");
}

/// Moscow's player with the allies at breaking point, the treaty signed: a month
/// later the card asks whether to take the split; only the claim ends the game.
fn moscow_at_the_split(seed: u64) -> State {
    let (mut st, mut rng, _) = start(seed, Setup::single(moscow(), Difficulty::Normal));
    st.meters[meter("unity").index()] = 2;
    st.treaties[new_start()] = TreatyStatus::SuccessorAgreed;
    play(&mut st, &mut rng, Choice::Move { mv: mv("wait") }).unwrap();
    st
}

#[test]
fn the_coalition_split_is_claimed_by_moscows_player_never_taken_for_them() {
    let card = event("split_claimable");
    assert!(sc().event(card).players_only);
    let mut claimed = 0;
    let mut played_on = 0;
    for seed in 0..20 {
        let st = moscow_at_the_split(seed);
        // Unity at 2 with a signed treaty: the game goes on, and the card asks.
        assert!(
            !st.is_over(),
            "seed {seed}: the split was taken for the player"
        );
        if st.phase != Phase::Card(card) {
            continue;
        }
        let mut rng = dice::outcome_rng(seed + 100);
        let mut claim = st;
        play(&mut claim, &mut rng, Choice::Answer { choice: 0 }).unwrap();
        assert!(ended_in(&claim, "moscow_coalition_split"), "seed {seed}");
        claimed += 1;
        let mut on = st;
        play(&mut on, &mut rng, Choice::Answer { choice: 1 }).unwrap();
        assert!(!ended_in(&on, "moscow_coalition_split"), "seed {seed}");
        assert!(!has_flag(&on, "split_claimed"));
        played_on += 1;
    }
    assert!(claimed > 10 && played_on > 10, "{claimed} {played_on}");
}
