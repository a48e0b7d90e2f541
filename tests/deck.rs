//! The built-in scenario's deck: its size, its sources, its chains and its
//! crisis cards, checked against the data and in played months.

use std::sync::{Arc, OnceLock};

use detente::game::dice::{self, GameRng};
use detente::game::scenario::{Effect, EventId, FlagId, MeterId, SideId, TreatyStatus, Trigger};
use detente::game::state::MemorySource;
use detente::game::{Cause, Choice, Difficulty, Phase, Scenario, Setup, State, TurnReport, rules};
use detente::ui::words::without_question;

fn sc() -> Arc<Scenario> {
    static SC: OnceLock<Arc<Scenario>> = OnceLock::new();
    SC.get_or_init(|| Arc::new(Scenario::builtin())).clone()
}

fn event(id: &str) -> EventId {
    sc().event_id(id).unwrap_or_else(|| panic!("no event {id}"))
}

fn meter(id: &str) -> MeterId {
    sc().meter(id).unwrap_or_else(|| panic!("no meter {id}"))
}

fn side(id: &str) -> SideId {
    sc().side_id(id).unwrap_or_else(|| panic!("no side {id}"))
}

fn has_flag(st: &State, id: &str) -> bool {
    let f = sc().flags.iter().position(|f| f == id).expect("a flag");
    st.flags & (1 << f) != 0
}

fn new_start(st: &State) -> TreatyStatus {
    let t = sc().treaties.iter().position(|t| t.id == "new_start");
    st.treaties[t.expect("new_start")]
}

/// The range an effect moves a meter by, if it moves it.
fn range(e: &Effect, m: &str) -> Option<(i16, i16)> {
    let m = meter(m);
    e.meters
        .iter()
        .find(|(id, _)| *id == m)
        .map(|(_, a)| (a.lo, a.hi))
}

/// The answer of a card whose label starts with `prefix`.
fn answer<'a>(sc: &'a Scenario, card: &str, prefix: &str) -> &'a Effect {
    let e = sc.event(event(card));
    let c = e.choices.iter().find(|c| c.label.starts_with(prefix));
    &c.unwrap_or_else(|| panic!("{card} has no answer {prefix:?}"))
        .effects
}

// ---------------------------------------------------------------- size and sources

#[test]
fn the_deck_holds_60_cards_and_16_choices_each_with_its_own_case() {
    let sc = sc();
    assert!(sc.events.len() >= 60, "{} events", sc.events.len());
    // Warnings kept for players are not choices the deck poses.
    let choices: Vec<_> = (sc.events.iter())
        .filter(|e| e.choices.len() >= 2 && !e.players_only)
        .collect();
    assert!(choices.len() >= 16, "{} choice cards", choices.len());
    for e in &choices {
        // Each answer does something of its own: no two alike, at most one "nothing".
        let empty = e.choices.iter().filter(|c| c.effects.is_empty()).count();
        assert!(empty <= 1, "{}: {empty} answers do nothing", e.id);
        for (i, a) in e.choices.iter().enumerate() {
            assert!(!a.hint.is_empty(), "{}[{i}] has no hint", e.id);
            for b in &e.choices[i + 1..] {
                assert_ne!(
                    format!("{:?}", a.effects),
                    format!("{:?}", b.effects),
                    "{}: two answers with one effect",
                    e.id
                );
            }
        }
    }
    // Both capitals answer cards of their own.
    let moscow = choices
        .iter()
        .filter(|e| e.concerns == side("moscow"))
        .count();
    assert!(moscow >= 8, "{moscow} choice cards for Moscow");
}

#[test]
fn every_card_is_the_dated_record_or_a_game_event() {
    let year = |s: &str| {
        s.as_bytes().windows(4).any(|w| {
            (w.starts_with(b"19") || w.starts_with(b"20")) && w.iter().all(u8::is_ascii_digit)
        })
    };
    for e in &sc().events {
        if e.fiction {
            continue;
        }
        // The report's own undated headlines, and the treaty's text, are named as such.
        let named = e.source.starts_with("Headline linked by the report")
            || e.source.starts_with("Treaty text");
        assert!(
            named || year(&e.source),
            "{}: a record card needs a dated source, has {:?}",
            e.id,
            e.source
        );
    }
}

/// Play-test: playing Moscow, the news read "Kyiv's president disputes your peace
/// approach" and "Your envoy has drafted a 28-point peace plan": a card's text is
/// news to the other side too, so it names the capitals and says "you" only in
/// the question put to the side that decides (its last sentence, which the other
/// side does not read: `without_question`), or in a quote or a note in brackets.
#[test]
fn a_cards_text_names_the_capitals_not_you() {
    for e in &sc().events {
        let mut told = String::new();
        let mut depth = 0;
        let mut quoted = false;
        for ch in without_question(&e.text).chars() {
            match ch {
                '[' => depth += 1,
                ']' => depth -= 1,
                '"' => quoted = !quoted,
                c if depth == 0 && !quoted => told.push(c),
                _ => {}
            }
        }
        let words: Vec<String> = told
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .map(str::to_lowercase)
            .collect();
        for you in ["you", "your", "you're", "yours"] {
            assert!(
                !words.iter().any(|w| w == you),
                "{}: \"{you}\" in a card's text read by both sides: {:?}",
                e.id,
                e.text
            );
        }
    }
}

/// The (year, month) of each "D Mon YYYY" date in a source line.
fn source_months(source: &str) -> Vec<(i32, u8)> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let words: Vec<&str> = source
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '[' | ']'))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(3)
        .filter_map(|w| {
            w[0].parse::<u8>().ok().filter(|d| (1..=31).contains(d))?;
            let month = NAMES.iter().position(|n| w[1].starts_with(n))? as u8 + 1;
            let year: i32 = w[2].parse().ok().filter(|y| (1900..2200).contains(y))?;
            Some((year, month))
        })
        .collect()
}

/// A card of the record with a window of its own never comes up before the
/// month its source first dates (drones over Poland were news in September 2025,
/// not in August). Cards open all game long are timed by the card that opens
/// them (a chain) or by the player's own move (after a summit, as a precedent).
/// One exception, a decision rather than an incident: Washington's parting
/// sanctions, taken on 10 January 2025, must be offered before the inauguration
/// of the 20th ends the outgoing administration's window.
#[test]
fn no_card_of_the_record_comes_before_its_date() {
    let sc = sc();
    let decided_early = ["parting_oil_sanctions"];
    let mut checked = 0;
    let mut early = Vec::new();
    for (i, e) in sc.events.iter().enumerate() {
        let Some(first) = source_months(&e.source).into_iter().min() else {
            continue;
        };
        if e.fiction || decided_early.contains(&e.id.as_str()) {
            continue;
        }
        let gate = &sc.index.gates[i];
        if (0..sc.calendar.turns).all(|t| gate.open_in(t)) {
            continue;
        }
        let opens = (0..sc.calendar.turns).find(|t| gate.open_in(*t));
        if let Some(t) = opens {
            if sc.calendar.date(t) < first {
                early.push(format!(
                    "{} (open from {}, record {first:?})",
                    e.id,
                    sc.calendar.label(t)
                ));
            }
            checked += 1;
        }
    }
    assert!(early.is_empty(), "before their record: {early:#?}");
    assert!(checked > 40, "only {checked} dated cards checked");
}

// ---------------------------------------------------------------- chains

/// Every (opener, follow-up) pair: an answer of the opener sets a flag the
/// follow-up, a triggered card, waits for.
fn links() -> Vec<(EventId, EventId)> {
    let sc = sc();
    let waits = |c: &detente::game::scenario::Cond, f: FlagId| {
        c.flags.contains(&f) || c.any.iter().any(|a| a.flags.contains(&f))
    };
    let mut links = Vec::new();
    for (i, opener) in sc.events.iter().enumerate() {
        for f in opener.choices.iter().flat_map(|c| &c.effects.set) {
            for (j, follow) in sc.events.iter().enumerate() {
                if matches!(follow.trigger, Trigger::When) && waits(&follow.when, *f) {
                    links.push((EventId(i as u8), EventId(j as u8)));
                }
            }
        }
    }
    links.sort();
    links.dedup();
    links
}

#[test]
fn chains_open_later_cards() {
    let links = links();
    for (a, b) in [
        ("oval_office_row", "jeddah_ceasefire"),
        ("jeddah_ceasefire", "partial_pause"),
        ("partial_pause", "black_sea_relief"),
        ("ceasefire_violations", "who_monitors"),
        ("sanctions_bill", "fifty_day_deadline"),
        ("sanctions_bill", "veto_fight"),
        ("fifty_day_deadline", "deadline_due"),
        ("budget_fight", "shutdown_deadline"),
        ("teacher_release", "ballerina_release"),
        ("ballerina_release", "spy_for_spy"),
        ("moratorium_end", "mutual_moratorium"),
        ("moratorium_end", "oreshnik_belarus"),
        ("exotic_tests", "testing_order"),
        ("testing_order", "test_preparations"),
        ("test_preparations", "test_ban_washington"),
        ("limits_offer", "limits_reply"),
        ("limits_offer", "limits_reply_cold"),
        ("limits_reply", "if_it_expires"),
        ("limits_reply_cold", "if_it_expires_cold"),
        ("tomahawk_request", "budapest_summit"),
        ("budapest_summit", "oil_majors"),
        ("draft_plan", "geneva_rewrite"),
        ("geneva_rewrite", "kremlin_five_hours"),
        ("senate_ratification", "senate_vote_passes"),
        ("senate_ratification", "senate_vote_fails"),
    ] {
        assert!(links.contains(&(event(a), event(b))), "no chain {a} → {b}");
    }
    // A follow-up comes the month after its opener: cards checked every month
    // are checked in file order, so one that waits on a card checked every
    // month is listed before it (else the model's answer would open it at once).
    for (a, b) in links {
        if !matches!(sc().event(a).trigger, Trigger::Deck { .. }) {
            assert!(
                b < a,
                "{} is listed after its opener {}",
                sc().event(b).id,
                sc().event(a).id
            );
        }
    }
}

/// Both sides played by people: each month `pick` answers the cards put to them.
fn month(st: &mut State, rng: &mut GameRng, pick: &dyn Fn(&str) -> u8) -> TurnReport {
    let sc = sc();
    let mut report = TurnReport::default();
    let mut orders = [detente::game::scenario::MoveId(0); 2];
    orders[side("washington").index()] = sc.move_id("hold").expect("hold");
    orders[side("moscow").index()] = sc.move_id("wait").expect("wait");
    rules::play(&sc, st, Choice::Orders { moves: orders }, rng, &mut report).expect("orders");
    while let Phase::Card(e) = st.phase {
        let choice = pick(&sc.event(e).id);
        rules::play(&sc, st, Choice::Answer { choice }, rng, &mut report).expect("an answer");
    }
    report
}

/// A game of two people from `seed`, fast-forwarded to the orders of `year-month`.
fn at(seed: u64, year: i32, m: u8) -> (State, GameRng) {
    let sc = sc();
    let setup = Setup {
        human: [true; 2],
        difficulty: Difficulty::Normal,
    };
    let mut rng = dice::outcome_rng(seed);
    let mut st = rules::start(&sc, setup, &mut rng, &mut TurnReport::default());
    while let Phase::Card(_) = st.phase {
        let a = Choice::Answer { choice: 0 };
        rules::play(&sc, &mut st, a, &mut rng, &mut TurnReport::default()).expect("an answer");
    }
    st.turn = sc.calendar.turn_of(year, m).expect("in the calendar");
    (st, rng)
}

#[test]
fn the_one_year_offer_can_be_left_without_a_formal_reply() {
    let offer_limits = sc().move_id("offer_limits").expect("offer_limits");
    for seed in 0..10 {
        // Aug 2025's orders; September's news brings Moscow's card.
        let (mut st, mut rng) = at(seed, 2025, 8);
        let r = month(&mut st, &mut rng, &|_| 0);
        assert!(
            r.events().any(|e| e == event("limits_offer")),
            "seed {seed}"
        );
        assert!(has_flag(&st, "limits_offered"));
        // October: Washington's reply. With no talks on a text (progress under 20)
        // the reply has no formal acceptance; the record's answer is a welcome in
        // words and nothing on paper.
        let mut accepted = st;
        let mut rng2 = rng.clone();
        let r = month(&mut st, &mut rng, &|_| 0);
        assert!(
            r.events().any(|e| e == event("limits_reply_cold")),
            "seed {seed}"
        );
        assert!(has_flag(&st, "offer_unanswered") && has_flag(&st, "limits_refused"));
        assert_eq!(new_start(&st), TreatyStatus::Suspended);
        assert!(
            !rules::is_legal(&sc(), &st, offer_limits),
            "an unanswered offer cannot be made again"
        );
        // January 2026 asks again, and "if it expires, it expires" leaves it lapsing.
        while st.turn < sc().calendar.turn_of(2025, 12).expect("Dec 2025") {
            month(&mut st, &mut rng, &|_| 0);
        }
        let r = month(&mut st, &mut rng, &|_| 0);
        assert!(
            r.events()
                .any(|e| e == event("if_it_expires") || e == event("if_it_expires_cold")),
            "seed {seed}"
        );
        assert_eq!(new_start(&st), TreatyStatus::Suspended);
        // The other road: after talks on a text, accepting formally keeps the limits.
        accepted.meters[meter("progress").index()] = 25;
        let r = month(&mut accepted, &mut rng2, &|id| {
            u8::from(id == "limits_reply")
        });
        assert!(
            r.events().any(|e| e == event("limits_reply")),
            "seed {seed}"
        );
        assert_eq!(new_start(&accepted), TreatyStatus::Extended, "seed {seed}");
        assert!(!has_flag(&accepted, "offer_unanswered"));
    }
}

// ---------------------------------------------------------------- crises

#[test]
fn in_a_crisis_each_side_can_stand_firm_or_back_down_and_pay_at_home() {
    for (card, home, rival_gain) in [
        ("drones_over_ally", "standing", "leverage"),
        ("naval_standoff", "standing", "leverage"),
        ("drones_moscow", "kremlin", "standing"),
        ("naval_standoff_moscow", "kremlin", "standing"),
    ] {
        let sc = sc();
        let firm = answer(&sc, card, "Stand firm");
        let back = answer(&sc, card, "Back down");
        let up = |e: &Effect, m: &str| range(e, m).is_some_and(|(lo, _)| lo > 0);
        let down = |e: &Effect, m: &str| range(e, m).is_some_and(|(_, hi)| hi < 0);
        assert!(
            up(firm, "tension") && up(firm, home),
            "{card}: standing firm"
        );
        assert!(
            down(back, "tension"),
            "{card}: backing down eases the ladder"
        );
        assert!(down(back, home), "{card}: backing down costs at home");
        assert!(up(back, rival_gain), "{card}: the other side gains");
    }
    // Each capital meets its own crises: two a side.
    let moscow = side("moscow");
    for id in ["drones_moscow", "naval_standoff_moscow"] {
        assert_eq!(sc().event(event(id)).concerns, moscow);
    }
}

// ---------------------------------------------------------------- the opening

#[test]
fn washington_opens_with_its_grievances_and_the_magic_wand_plays_first() {
    let sc = sc();
    let grievances = event("washington_grievances");
    let specs = &sc.event(grievances).effects.memory;
    assert!(specs.len() >= 5);
    let washington = side("washington");
    assert!(specs.iter().all(|m| m.holder == washington));
    let total: i16 = specs.iter().map(|m| m.amount).sum();
    let us_trust = meter("us_trust");
    for seed in 0..10 {
        let mut report = TurnReport::default();
        let mut rng = dice::outcome_rng(seed);
        let setup = Setup::single(washington, Difficulty::Normal);
        let st = rules::start(&sc, setup, &mut rng, &mut report);
        let filed: Vec<i16> = (st.ledgers[washington.index()].iter())
            .filter(|m| m.source == MemorySource::Event(grievances))
            .map(|m| m.amount)
            .collect();
        assert_eq!(filed, specs.iter().map(|m| m.amount).collect::<Vec<_>>());
        // Each grievance moves Washington's trust as it is filed.
        let moved: i32 = (report.changes.iter())
            .filter(|(m, _, c)| {
                *m == us_trust
                    && matches!(c, Cause::Remembered { holder, source, .. }
                        if *holder == washington && *source == MemorySource::Event(grievances))
            })
            .map(|(_, d, _)| i32::from(*d))
            .sum();
        assert_eq!(moved, i32::from(total), "seed {seed}");
        assert!(st.meter(us_trust) < sc.meters[us_trust.index()].start);
        // Peskov's "magic wand" was said on 1 Sep 2024: it plays in the first month.
        assert!(report.events().any(|e| e == event("magic_wand")));
    }
}
