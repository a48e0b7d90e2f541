//! The screens of playing a friend (shown only under `detente serve`), driven by
//! keys and the room's news through the real app, drawn into a `TestBackend` and
//! kept under review as insta snapshots. The local title has no room items.

use detente::game::Scenario;
use detente::game::scenario::SideId;
use detente::ui::{App, Launch, Msg, Options, Players, RoomNews, RoomsHere, key};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn app(rooms: Option<RoomsHere>) -> App {
    let sc = Scenario::builtin();
    let options = Options::seeded(7, Players::usual(&sc));
    let launch = Launch {
        rooms,
        ..Launch::default()
    };
    App::launch(sc, options, launch)
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(key(code, KeyModifiers::NONE));
}

fn draw(app: &mut App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    t.draw(|f| app.draw(f)).expect("draw");
    t
}

fn text(t: &Terminal<TestBackend>) -> String {
    let b = t.backend().buffer();
    let mut s = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            s.push_str(b[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[test]
fn the_local_title_has_no_room_items() {
    let s = text(&draw(&mut app(None)));
    assert!(
        !s.contains("Play a friend") && !s.contains("Join a friend"),
        "{s}"
    );
}

#[test]
fn title_under_the_server() {
    let mut a = app(Some(RoomsHere::default()));
    insta::assert_snapshot!(draw(&mut a).backend());
}

#[test]
fn play_a_friend_asks_which_side() {
    let mut a = app(Some(RoomsHere::default()));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    insta::assert_snapshot!(draw(&mut a).backend());
}

#[test]
fn join_a_friend_takes_a_code() {
    let mut a = app(Some(RoomsHere::default()));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    for c in "kxq".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    insta::assert_snapshot!(draw(&mut a).backend());
}

#[test]
fn an_open_room_shows_its_code_and_the_command() {
    let mut a = app(Some(RoomsHere::default()));
    a.update(Msg::Room(RoomNews::Opened {
        code: "KXQRT".into(),
        command: "ssh -t -p 2222 localhost join KXQRT".into(),
    }));
    let t = draw(&mut a);
    let s = text(&t);
    assert!(s.contains("ssh -t -p 2222 localhost join KXQRT"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn waiting_for_moscow_and_then_without_it() {
    let mut a = app(Some(RoomsHere::default()));
    a.update(Msg::Room(RoomNews::Started {
        code: "KXQRT".into(),
        side: SideId(0),
        seed: 7,
        choices: Vec::new(),
        other_here: true,
    }));
    press(&mut a, KeyCode::Enter); // the opening news
    press(&mut a, KeyCode::Enter); // Washington's order, sealed in the room
    let t = draw(&mut a);
    assert!(text(&t).contains("Moscow is choosing…"));
    insta::assert_snapshot!("waiting", t.backend());
    a.update(Msg::Room(RoomNews::OtherLeft));
    insta::assert_snapshot!("waiting_moscow_left", draw(&mut a).backend());
}
