//! A finished game whose ending was not seen is offered as "See the ending"
//! on the title, whether the run was killed or the player quit on its last
//! report; it is never "Continue … month 18 of 18".

mod pty;

use pty::{DOWN, DataDir, ENTER, Term, new_game, see_the_ending};

/// From a new game to the last report ("[ See the ending ]"), choosing moves
/// as a player might.
fn to_last_report(t: &mut Term) {
    new_game(t);
    let mut presses = 0;
    loop {
        let s = t.settle();
        if s.contains("[ See the ending") {
            return;
        }
        assert!(presses < 400, "no last report:\n{s}");
        if presses % 3 == 0 {
            t.send(DOWN);
        }
        t.send(ENTER);
        presses += 1;
    }
}

#[test]
fn quitting_on_the_last_report_keeps_the_ending_for_the_title() {
    let dir = DataDir::new("ui80-quit-before-ending");
    let mut t = Term::start(dir.path(), &["--seed", "3"], 80, 24);
    to_last_report(&mut t);
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    drop(t);
    assert!(dir.autosave().exists(), "the unseen ending is kept");

    see_the_ending(&dir);
}
