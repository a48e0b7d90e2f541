//! The app's side of a room: the title's items, a typed code, a refusal, a sealed
//! order sent to the room and played only when agreed, no undo.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::game::Scenario;
use crate::store::Files;
use crate::ui::msg::Launch;
use crate::ui::room::RoomsHere;
use crate::ui::{Msg, Options, Players, key};

fn app(rooms: Option<RoomsHere>) -> App {
    let sc = Scenario::builtin();
    let options = Options {
        no_color: true,
        ..Options::seeded(3, Players::usual(&sc))
    };
    let launch = Launch {
        files: Files::none(),
        rooms,
        ..Launch::default()
    };
    App::launch(sc, options, launch)
}

/// Press a key; the effects that are not files'.
fn press(a: &mut App, code: KeyCode) -> Vec<Effect> {
    let msg = a
        .input(&key(code, KeyModifiers::NONE))
        .expect("a key for this screen");
    let e = a.update(msg);
    a.perform(e)
}

#[test]
fn only_the_server_offers_a_friend_on_the_title() {
    let local = app(None).menu();
    assert!(!local.contains(&MenuItem::PlayFriend) && !local.contains(&MenuItem::JoinFriend));
    let served = app(Some(RoomsHere::default())).menu();
    assert_eq!(
        served[..3],
        [
            MenuItem::NewGame,
            MenuItem::PlayFriend,
            MenuItem::JoinFriend
        ]
    );
    let back = app(Some(RoomsHere {
        rejoin: Some("KXQRT".into()),
        join: None,
    }))
    .menu();
    assert_eq!(back[1], MenuItem::Rejoin);
}

#[test]
fn a_typed_code_goes_to_the_room_and_a_refusal_comes_back_to_the_title() {
    let mut a = app(Some(RoomsHere::default()));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down); // Join a friend
    press(&mut a, KeyCode::Enter);
    for c in ['k', 'x', '!', 'q', 'z'] {
        if let Some(msg) = a.input(&key(KeyCode::Char(c), KeyModifiers::NONE)) {
            a.update(msg);
        }
    }
    press(&mut a, KeyCode::Backspace);
    assert!(
        matches!(a.screen(), Screen::Room(RoomScreen::Code { typed }) if typed == "KXQ"),
        "{:?}",
        a.screen()
    );
    let e = press(&mut a, KeyCode::Enter);
    assert!(
        matches!(&e[..], [Effect::Room(RoomAsk::Join { code })] if code == "KXQ"),
        "{e:?}"
    );
    a.update(Msg::Room(RoomNews::Refused("No room KXQ.".into())));
    assert!(matches!(a.screen(), Screen::Title { .. }));
    assert_eq!(a.notice(), Some("No room KXQ."));
}

#[test]
fn in_a_room_an_order_is_sent_sealed_and_there_is_no_going_back() {
    let mut a = app(Some(RoomsHere::default()));
    a.update(Msg::Room(RoomNews::Started {
        code: "KXQRT".into(),
        side: SideId(1),
        seed: 3,
        choices: Vec::new(),
        other_here: true,
    }));
    press(&mut a, KeyCode::Enter); // the opening news
    assert!(matches!(a.screen(), Screen::Playing { .. }));
    assert_eq!(a.seat(), SideId(1));
    let e = press(&mut a, KeyCode::Enter);
    let mine = e.iter().find_map(|e| match e {
        Effect::Room(RoomAsk::Choose {
            index: 0,
            choice: Choice::Move { mv },
        }) => Some(*mv),
        _ => None,
    });
    let mine = mine.unwrap_or_else(|| panic!("{e:?}"));
    assert!(matches!(a.screen(), Screen::Room(RoomScreen::Waiting)));
    assert!(a.game().unwrap().turns().is_empty(), "nothing played alone");
    press(&mut a, KeyCode::Char('r')); // the last report, then back to the wait
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.screen(), Screen::Room(RoomScreen::Waiting)));
    a.update(Msg::Room(RoomNews::OtherLeft));
    assert!(
        a.notice()
            .is_some_and(|n| n.contains("Washington has left"))
    );
    // Both orders agreed: played here, the report shown; then no undo.
    let theirs = a.world.scenario.moves_of(SideId(0)).next().unwrap();
    let both = Choice::Orders {
        moves: [theirs, mine],
    };
    a.update(Msg::Room(RoomNews::Played {
        index: 0,
        choice: both,
    }));
    assert!(matches!(a.screen(), Screen::Report(_)));
    assert_eq!(a.game().unwrap().choices(), [both]);
    press(&mut a, KeyCode::Enter);
    if matches!(a.screen(), Screen::Playing { .. }) {
        press(&mut a, KeyCode::Char('u'));
        assert!(a.notice().is_some_and(|n| n.contains("No going back")));
        assert!(a.overlay().is_none());
    }
}

#[test]
fn the_room_screens_keys_are_in_the_key_table_and_its_help() {
    use crate::ui::keys::{self, Action};
    use crate::ui::overlays::all_keys;
    use crate::ui::view::room::{CODE_KEYS, KEYS};
    let mut a = app(Some(RoomsHere::default()));
    press(&mut a, KeyCode::Down); // Play a friend
    press(&mut a, KeyCode::Enter);
    assert!(matches!(
        a.screen(),
        Screen::Room(RoomScreen::PickSide { .. })
    ));
    assert_eq!(
        a.input(&key(KeyCode::Char('n'), KeyModifiers::NONE)),
        None,
        "the title's keys are not the room's"
    );
    press(&mut a, KeyCode::Char('q')); // back, by the table's Room scope
    assert!(matches!(a.screen(), Screen::Title { .. }));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down); // Join a friend
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('q')); // typed, not back
    assert!(matches!(a.screen(), Screen::Room(RoomScreen::Code { typed }) if typed == "Q"));
    press(&mut a, KeyCode::Esc);
    assert!(matches!(a.screen(), Screen::Title { .. }));
    // The help names every key the room screens answer to.
    let help = keys::help(&all_keys(), false);
    for (scope, keys) in [(&KEYS, "Esc q"), (&CODE_KEYS, "Backspace")] {
        let (_, lines) = help.iter().find(|(h, _)| *h == scope.heading).unwrap();
        assert!(lines.iter().any(|(k, _)| k == keys), "{lines:?}");
    }
    assert_eq!(
        keys::action(
            &CODE_KEYS,
            &ratatui::crossterm::event::KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
        ),
        Some(Action::Erase)
    );
}
