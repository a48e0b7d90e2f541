//! The room table's own tests: codes, the limit, wrong codes, sealed orders kept
//! back, a drop and a seat taken up again, and the hour a room is held.

use std::sync::mpsc::{Receiver, channel};

use super::*;

fn rooms(max: usize) -> Rooms {
    let mut n = 0u64;
    // The same number twice in a row: the second code must not repeat the first.
    Rooms::new(
        Arc::new(Scenario::builtin()),
        max,
        Box::new(move || {
            n += 1;
            (n / 2) * 7919
        }),
    )
}

fn who(id: u64, key: &str) -> (Who, Receiver<FromClient>) {
    let (tx, rx) = channel();
    let w = Who {
        id,
        key: key.into(),
        tx,
        reach: "ssh -t -p 2222 localhost join".into(),
    };
    (w, rx)
}

fn news(rx: &Receiver<FromClient>) -> Vec<RoomNews> {
    rx.try_iter()
        .filter_map(|m| match m {
            FromClient::Room(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// Open a room as `a` (Washington) and return its code.
fn open(r: &mut Rooms, a: &Who, rx: &Receiver<FromClient>, now: Instant) -> String {
    r.ask(
        a,
        RoomAsk::Open {
            side: SideId(0),
            seed: 7,
        },
        now,
    );
    match news(rx).as_slice() {
        [RoomNews::Opened { code, command }] => {
            assert_eq!(command, &format!("ssh -t -p 2222 localhost join {code}"));
            code.clone()
        }
        other => panic!("{other:?}"),
    }
}

fn first_move(side: u8) -> MoveId {
    Scenario::builtin().moves_of(SideId(side)).next().unwrap()
}

#[test]
fn codes_are_five_unambiguous_letters_and_never_repeat() {
    let mut r = rooms(32);
    let now = Instant::now();
    let mut codes = Vec::new();
    for id in 0..6 {
        let (a, rx) = who(id, &format!("k{id}"));
        codes.push(open(&mut r, &a, &rx, now));
    }
    for c in &codes {
        assert_eq!(c.len(), CODE_LEN);
        assert!(c.bytes().all(|b| CODE_LETTERS.contains(&b)), "{c}");
        assert!(!c.contains(['I', 'L', 'O']), "{c}");
    }
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "{codes:?}");
}

#[test]
fn no_more_rooms_than_the_limit() {
    let mut r = rooms(2);
    let now = Instant::now();
    for id in 0..2 {
        let (a, rx) = who(id, &format!("k{id}"));
        open(&mut r, &a, &rx, now);
    }
    let (c, rx) = who(9, "k9");
    r.ask(
        &c,
        RoomAsk::Open {
            side: SideId(1),
            seed: 1,
        },
        now,
    );
    match news(&rx).as_slice() {
        [RoomNews::Refused(why)] => assert!(why.contains("2 rooms open, its most"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(r.len(), 2);
}

#[test]
fn wrong_full_and_own_codes_are_refused_in_words() {
    let mut r = rooms(32);
    let now = Instant::now();
    let (a, ra) = who(1, "alice");
    let code = open(&mut r, &a, &ra, now);
    let refused = |r: &mut Rooms, w: &Who, rx: &Receiver<FromClient>, typed: &str| {
        r.ask(w, RoomAsk::Join { code: typed.into() }, now);
        match news(rx).as_slice() {
            [RoomNews::Refused(why)] => why.clone(),
            other => panic!("{typed}: {other:?}"),
        }
    };
    let (b, rb) = who(2, "bob");
    assert!(refused(&mut r, &b, &rb, "12").contains("is not a room code"));
    assert!(refused(&mut r, &b, &rb, "\u{1b}[2J").contains("is not a room code"));
    let unknown = if code == "AAAAA" { "BBBBB" } else { "AAAAA" };
    assert!(refused(&mut r, &b, &rb, unknown).contains(&format!("No room {unknown} ")));
    assert!(refused(&mut r, &a, &ra, &code).contains("is your own"));
    // Bob joins (lower case is the same code); a third key finds it full.
    r.ask(
        &b,
        RoomAsk::Join {
            code: code.to_lowercase(),
        },
        now,
    );
    assert!(matches!(
        news(&rb).as_slice(),
        [RoomNews::Started {
            side: SideId(1),
            seed: 7,
            ..
        }]
    ));
    assert!(matches!(
        news(&ra).as_slice(),
        [RoomNews::Started {
            side: SideId(0),
            ..
        }]
    ));
    let (c, rc) = who(3, "carol");
    assert!(refused(&mut r, &c, &rc, &code).contains("is full"));
}

/// Both seated in a new room: (room code, Washington, Moscow and their inboxes).
fn seated(r: &mut Rooms, now: Instant) -> (String, [(Who, Receiver<FromClient>); 2]) {
    let (a, ra) = who(1, "alice");
    let code = open(r, &a, &ra, now);
    let (b, rb) = who(2, "bob");
    r.ask(&b, RoomAsk::Join { code: code.clone() }, now);
    news(&ra);
    news(&rb);
    (code, [(a, ra), (b, rb)])
}

/// `who` gives its order for the month at `index`: this move.
fn order(r: &mut Rooms, who: &Who, index: usize, mv: MoveId, now: Instant) {
    let choice = Choice::Move { mv };
    r.ask(who, RoomAsk::Choose { index, choice }, now);
}

#[test]
fn an_order_stays_sealed_in_the_room_until_both_are_in() {
    let mut r = rooms(32);
    let now = Instant::now();
    let (_, [(a, ra), (b, rb)]) = seated(&mut r, now);
    let (wa, mo) = (first_move(0), first_move(1));
    order(&mut r, &a, 0, wa, now);
    assert!(
        news(&ra).is_empty() && news(&rb).is_empty(),
        "nobody hears of a sealed order"
    );
    order(&mut r, &b, 0, mo, now);
    let both = RoomNews::Played {
        index: 0,
        choice: Choice::Orders { moves: [wa, mo] },
    };
    assert_eq!(news(&ra), std::slice::from_ref(&both));
    assert_eq!(news(&rb), [both]);
}

#[test]
fn a_drop_is_told_the_game_is_held_and_the_same_key_takes_its_seat_up() {
    let mut r = rooms(32);
    let now = Instant::now();
    let (code, [(a, ra), (b, rb)]) = seated(&mut r, now);
    let (wa, mo) = (first_move(0), first_move(1));
    order(&mut r, &a, 0, wa, now);
    order(&mut r, &b, 0, mo, now);
    news(&ra);
    news(&rb);
    // Moscow seals its next order, then drops: its order goes with it.
    order(&mut r, &b, 1, mo, now);
    r.leave(b.id, now);
    assert_eq!(news(&ra), [RoomNews::OtherLeft]);
    assert_eq!(r.held_for("bob").as_deref(), Some(code.as_str()));
    assert_eq!(r.held_for("carol"), None, "carol has no seat");
    // Bob again, on a new connection: the game as agreed, and his order to give afresh.
    let (b2, rb2) = who(5, "bob");
    r.ask(&b2, RoomAsk::Join { code: code.clone() }, now);
    match news(&rb2).as_slice() {
        [
            RoomNews::Started {
                side: SideId(1),
                choices,
                other_here: true,
                ..
            },
        ] => {
            assert_eq!(choices, &[Choice::Orders { moves: [wa, mo] }]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(news(&ra), [RoomNews::OtherBack]);
    order(&mut r, &a, 1, wa, now);
    assert!(news(&ra).is_empty(), "the dropped order was not kept");
}

#[test]
fn a_room_is_held_an_hour_with_neither_player_then_dropped() {
    let mut r = rooms(32);
    let now = Instant::now();
    let (code, [(a, _ra), (b, _rb)]) = seated(&mut r, now);
    r.leave(a.id, now);
    r.leave(b.id, now);
    assert_eq!(r.reap(now), Some(now + ROOM_HOLD));
    assert_eq!(r.held_for("alice").as_deref(), Some(code.as_str()));
    assert_eq!(
        r.reap(now + ROOM_HOLD - Duration::from_secs(1)),
        Some(now + ROOM_HOLD)
    );
    assert_eq!(r.len(), 1);
    assert_eq!(r.reap(now + ROOM_HOLD), None);
    assert_eq!(r.len(), 0);
    // A room nobody joined ends when its opener leaves.
    let (c, rc) = who(7, "carol");
    open(&mut r, &c, &rc, now);
    r.leave(c.id, now);
    assert_eq!(r.len(), 0);
}

#[test]
fn the_same_key_on_a_new_connection_takes_the_seat_from_the_old_one() {
    let mut r = rooms(32);
    let now = Instant::now();
    let (code, [(_a, ra), (b, rb)]) = seated(&mut r, now);
    // Bob's first connection is not yet noticed gone: his seat is still offered to him.
    assert_eq!(r.held_for("bob").as_deref(), Some(code.as_str()));
    let (b2, rb2) = who(6, "bob");
    r.ask(&b2, RoomAsk::Join { code: code.clone() }, now);
    assert!(matches!(
        news(&rb2).as_slice(),
        [RoomNews::Started {
            side: SideId(1),
            ..
        }]
    ));
    match news(&rb).as_slice() {
        [RoomNews::Refused(why)] => assert!(why.contains("taken up on another connection")),
        other => panic!("{other:?}"),
    }
    assert_eq!(news(&ra), [RoomNews::OtherBack]);
    // The old connection's end no longer moves anyone.
    r.leave(b.id, now);
    assert!(news(&ra).is_empty());
}
