//! Two players' apps and the room table, in one thread: a whole game played with
//! keys, each app with its own `Game`; after every month both games are identical
//! and both draw the same report.

use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, channel};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::ui::room::RoomScreen;
use crate::ui::{App, Effect, Launch, Msg, Options, Players, RoomsHere, Screen, key};

struct Player {
    app: App,
    who: Who,
    rx: Receiver<FromClient>,
}

fn player(id: u64, join: Option<String>) -> Player {
    let (tx, rx) = channel();
    let sc = Scenario::builtin();
    let options = Options {
        no_color: true,
        ..Options::seeded(11, Players::usual(&sc))
    };
    let launch = Launch {
        rooms: Some(RoomsHere { rejoin: None, join }),
        ..Launch::default()
    };
    Player {
        app: App::launch(sc, options, launch),
        who: Who {
            id,
            key: format!("key{id}"),
            tx,
            reach: "ssh -t -p 2222 localhost join".into(),
        },
        rx,
    }
}

/// Carry out an app's effects: asks go to the room; forecasts are not needed here.
fn carry(p: &mut Player, rooms: &mut Rooms, effects: Vec<Effect>) {
    let mut todo = VecDeque::from(effects);
    while let Some(e) = todo.pop_front() {
        match e {
            Effect::Room(ask) => rooms.ask(&p.who, ask, Instant::now()),
            Effect::Forecast(_) | Effect::CancelForecast => {}
            other => todo.extend(p.app.perform(vec![other])),
        }
    }
}

/// Hand each app the room's news (as the server's host does), until none is left.
fn deliver(ps: &mut [Player; 2], rooms: &mut Rooms) {
    loop {
        let mut any = false;
        for p in ps.iter_mut() {
            let news: Vec<_> = p.rx.try_iter().collect();
            for m in news {
                if let FromClient::Room(n) = m {
                    any = true;
                    let e = p.app.update(Msg::Room(n));
                    carry(p, rooms, e);
                }
            }
        }
        if !any {
            return;
        }
    }
}

fn press(p: &mut Player, rooms: &mut Rooms, code: KeyCode) {
    if let Some(msg) = p.app.input(&key(code, KeyModifiers::NONE)) {
        let e = p.app.update(msg);
        carry(p, rooms, e);
    }
}

fn drawn(app: &mut App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    t.backend().buffer().clone()
}

#[test]
fn two_apps_in_a_room_play_the_same_game_and_see_the_same_reports() {
    let mut rooms = Rooms::new(Arc::new(Scenario::builtin()), 4, Box::new(|| 12345));
    let mut host = player(1, None);
    // The title under the server: New game, Play a friend, …
    press(&mut host, &mut rooms, KeyCode::Down);
    press(&mut host, &mut rooms, KeyCode::Enter); // Play a friend: which side?
    press(&mut host, &mut rooms, KeyCode::Down); // Moscow
    press(&mut host, &mut rooms, KeyCode::Enter); // open the room
    let code = match host.rx.try_recv() {
        Ok(FromClient::Room(n @ RoomNews::Opened { .. })) => {
            let RoomNews::Opened { code, .. } = &n else {
                unreachable!()
            };
            let code = code.clone();
            let e = host.app.update(Msg::Room(n));
            carry(&mut host, &mut rooms, e);
            code
        }
        other => panic!("{other:?}"),
    };
    assert!(matches!(
        host.app.screen(),
        Screen::Room(RoomScreen::Open { .. })
    ));
    let mut friend = player(2, Some(code));
    let e = friend.app.update(Msg::Redraw); // the launch's `join CODE` goes to the room
    carry(&mut friend, &mut rooms, e);
    let mut ps = [host, friend];
    deliver(&mut ps, &mut rooms);
    assert_eq!(ps[0].app.room().map(|r| r.side), Some(SideId(1)));
    assert_eq!(ps[1].app.room().map(|r| r.side), Some(SideId(0)));
    let (mut months, mut keys) = (0, 0);
    loop {
        keys += 1;
        assert!(keys < 2000, "no end");
        let both_report = ps
            .iter()
            .all(|p| matches!(p.app.screen(), Screen::Report(_)));
        if both_report {
            let [a, b] = &mut ps;
            assert_eq!(a.app.game().unwrap().state(), b.app.game().unwrap().state());
            assert_eq!(drawn(&mut a.app), drawn(&mut b.app), "the same report");
            months += 1;
        }
        if ps
            .iter()
            .all(|p| matches!(p.app.screen(), Screen::End { .. }))
        {
            break;
        }
        for i in 0..2 {
            match ps[i].app.screen() {
                Screen::Room(RoomScreen::Waiting) | Screen::End { .. } => {}
                // A move that cannot be played says why and stays: try the next one.
                Screen::Playing(p) if p.status.is_some() => {
                    press(&mut ps[i], &mut rooms, KeyCode::Down);
                    press(&mut ps[i], &mut rooms, KeyCode::Enter);
                }
                Screen::Playing { .. } if keys % 3 == 0 => {
                    press(&mut ps[i], &mut rooms, KeyCode::Down);
                    press(&mut ps[i], &mut rooms, KeyCode::Enter);
                }
                _ => press(&mut ps[i], &mut rooms, KeyCode::Enter),
            }
            deliver(&mut ps, &mut rooms);
        }
    }
    let [a, b] = &ps;
    assert!(months >= 10, "{months} months");
    let (ga, gb) = (a.app.game().unwrap(), b.app.game().unwrap());
    assert_eq!(ga.choices(), gb.choices());
    assert!(ga.state().is_over());
    assert!(
        ga.choices()
            .iter()
            .any(|c| matches!(c, Choice::Answer { .. })),
        "cards were answered in the room too"
    );
}
