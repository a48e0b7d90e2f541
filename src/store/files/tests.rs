//! Tests of the data directory's files: bad saves, backups, locks, scores.

use super::*;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("detente-files-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn played(seed: u64, months: usize) -> Game {
    super::super::played_game(seed, months, "hold")
}

#[test]
fn every_kind_of_bad_autosave_is_named_and_set_aside() {
    let d = dir("bad");
    // One month: its only choice is a move, which the "hand-edited" case changes.
    let good = Record::of(&played(3, 1), Kind::Save).to_json();
    let mut edited: serde_json::Value = serde_json::from_str(&good).unwrap();
    edited["choices"][0]["mv"] = serde_json::json!(0);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "is empty"),
        ("blank", b"  \n\t ".to_vec(), "is empty"),
        (
            "truncated",
            good.as_bytes()[..good.len() / 3].to_vec(),
            "not a valid save",
        ),
        ("garbage", vec![0x00, 0xff, 0x13, 0x37], "not text"),
        ("other json", b"[1, 2, 3]".to_vec(), "not a D\u{e9}tente"),
        (
            "wrong version",
            good.replacen("\"version\": 1", "\"version\": 7", 1)
                .into_bytes(),
            "newer",
        ),
        (
            "no version",
            good.replacen("\"version\": 1,", "", 1).into_bytes(),
            "no format version",
        ),
        (
            "hand-edited",
            serde_json::to_vec(&edited).unwrap(),
            "edited by hand",
        ),
        (
            "wrong type",
            good.replacen("\"seed\": \"3\"", "\"seed\": 3", 1)
                .into_bytes(),
            "damaged",
        ),
    ];
    for (name, bytes, expect) in cases {
        let mut files = Files::at(Some(d.clone()));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(files.autosave_path().unwrap(), &bytes).unwrap();
        let Found::Bad(msg) = files.find_autosave() else {
            panic!("{name}: not refused");
        };
        assert!(
            msg.contains("autosave.json"),
            "{name}: names the file: {msg}"
        );
        assert!(msg.contains(expect), "{name}: {msg}");
        assert!(
            msg.contains("set aside as autosave.json.bad-"),
            "{name}: {msg}"
        );
        let kept: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".bad-"))
            .collect();
        assert_eq!(kept.len(), 1, "{name}");
        assert_eq!(
            std::fs::read(&kept[0]).unwrap(),
            bytes,
            "{name}: kept whole"
        );
        assert!(matches!(files.find_autosave(), Found::Nothing), "{name}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}

#[test]
fn a_damaged_autosave_falls_back_to_its_backup_of_the_same_game() {
    let d = dir("backup");
    let mut files = Files::at(Some(d.clone()));
    let (earlier, later) = (played(6, 2), played(6, 3));
    assert!(files.autosave(&earlier).is_none());
    let bak = files.backup_path().unwrap();
    assert!(!bak.exists(), "a game's first save has no backup");
    assert!(files.autosave(&later).is_none());
    assert!(bak.exists(), "the save before is kept");
    std::fs::write(files.autosave_path().unwrap(), b"\0garbage").unwrap();

    let mut files = Files::at(Some(d.clone()));
    let Found::Recovered(r, msg) = files.find_autosave() else {
        panic!("the backup is not offered");
    };
    assert_eq!(r.game.state(), earlier.state());
    assert_eq!(r.game.rng(), earlier.rng());
    // The backup is the autosave again: quitting now loses nothing.
    assert!(matches!(
        Files::at(Some(d.clone())).find_autosave(),
        Found::Resume(_)
    ));
    assert!(
        msg.contains("autosave.json") && msg.contains("set aside") && msg.contains(".bak"),
        "{msg}"
    );
    // Playing on from the backup keeps backing up.
    assert!(files.autosave(&later).is_none());
    assert!(matches!(files.find_autosave(), Found::Resume(_)));
    assert!(bak.exists());

    // Another game's first save leaves no backup of the one before.
    assert!(files.autosave(&played(8, 2)).is_none());
    assert!(!bak.exists(), "the backup was another game's");
    // Nor does an undo (the backup would hold the undone move).
    assert!(files.autosave(&played(8, 4)).is_none());
    assert!(bak.exists());
    assert!(files.autosave(&played(8, 1)).is_none());
    assert!(!bak.exists(), "the backup was ahead of the undo");

    // A damaged autosave with a damaged backup: nothing to continue.
    assert!(files.autosave(&played(8, 2)).is_none());
    std::fs::write(files.autosave_path().unwrap(), b"{}").unwrap();
    std::fs::write(&bak, b"{}").unwrap();
    assert!(matches!(
        Files::at(Some(d.clone())).find_autosave(),
        Found::Bad(_)
    ));

    // A finished game clears the autosave and its backup.
    let mut files = Files::at(Some(d.clone()));
    assert!(files.autosave(&played(9, 2)).is_none());
    assert!(files.autosave(&played(9, 3)).is_none());
    let done = played(9, 100);
    assert!(files.finish(&done).1.is_none());
    assert!(!files.autosave_path().unwrap().exists() && !bak.exists());
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_second_run_on_the_same_data_dir_plays_without_saving() {
    let d = dir("lock");
    let mut first = Files::at(Some(d.clone()));
    first.lock().unwrap();
    let g = played(10, 3);
    assert!(first.autosave(&g).is_none());
    let saved = std::fs::read(first.autosave_path().unwrap()).unwrap();

    let mut second = Files::at(Some(d.clone()));
    let msg = second
        .lock()
        .expect_err("the first run holds the directory");
    assert!(
        msg.contains("another D\u{e9}tente") && msg.contains("will not save"),
        "{msg}"
    );
    assert!(!second.saving());
    assert!(
        matches!(second.find_autosave(), Found::Nothing),
        "the first run's game is not offered twice"
    );
    // Its own game neither overwrites the first's autosave nor enters the table.
    let other = played(11, 100);
    assert!(other.state().is_over());
    second.autosave(&played(11, 2));
    let (rank, _) = second.finish(&other);
    assert_eq!(rank, None);
    assert_eq!(
        std::fs::read(first.autosave_path().unwrap()).unwrap(),
        saved
    );
    assert!(first.scores().0.entries.is_empty());

    // Once the first run is gone, the directory is free again.
    drop(first);
    let mut third = Files::at(Some(d.clone()));
    third.lock().unwrap();
    assert!(matches!(third.find_autosave(), Found::Resume(_)));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn temp_files_of_an_interrupted_write_are_swept() {
    let d = dir("sweep");
    std::fs::create_dir_all(&d).unwrap();
    let stale = d.join(".autosave.json.tmp-999999");
    let fresh = d.join(".autosave.json.tmp-999998");
    let other = d.join(".notes.tmp-1");
    for p in [&stale, &fresh, &other] {
        std::fs::write(p, b"half").unwrap();
    }
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for p in [&stale, &other] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
    }
    let mut files = Files::at(Some(d.clone()));
    assert!(matches!(files.find_autosave(), Found::Nothing));
    assert!(!stale.exists(), "an old temp file of ours goes");
    assert!(fresh.exists(), "a write may still be on");
    assert!(other.exists(), "not ours");
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_huge_autosave_is_refused_unread() {
    let d = dir("huge");
    std::fs::create_dir_all(&d).unwrap();
    let mut files = Files::at(Some(d.clone()));
    let f = std::fs::File::create(files.autosave_path().unwrap()).unwrap();
    f.set_len(super::super::record::MAX_RECORD_BYTES + 1)
        .unwrap();
    let Found::Bad(msg) = files.find_autosave() else {
        panic!("not refused");
    };
    assert!(msg.contains("bytes") && msg.contains("set aside"), "{msg}");
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_save_resumes_and_a_finished_one_is_scored_once() {
    let d = dir("finish");
    let mut files = Files::at(Some(d.clone()));
    let g = played(5, 3);
    assert!(files.autosave(&g).is_none());
    let Found::Resume(r) = files.find_autosave() else {
        panic!("not offered");
    };
    assert_eq!(r.game.state(), g.state());
    assert_eq!(r.game.rng(), g.rng());

    let done = played(5, 100);
    assert!(done.state().is_over());
    // A crash after the last autosave, before the score: the next start scores it,
    // and offers the game to show its ending (the file stays until it is shown).
    assert!(files.autosave(&done).is_none());
    let Found::Resume(r) = files.find_autosave() else {
        panic!("a finished game is offered to show its ending");
    };
    assert!(r.game.state().is_over());
    assert!(files.autosave_path().unwrap().exists());
    assert_eq!(files.scores().0.entries.len(), 1);
    // The game ending normally now too: still one entry.
    let (rank, notice) = files.finish(&done);
    assert_eq!((rank, notice), (Some(0), None));
    assert_eq!(files.scores().0.entries.len(), 1);
    assert!(matches!(files.find_autosave(), Found::Nothing));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn an_unwritable_dir_says_so_once() {
    let d = dir("unwritable");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("file"), b"x").unwrap();
    let mut files = Files::at(Some(d.join("file").join("data")));
    let g = played(1, 1);
    let first = files.autosave(&g).expect("told");
    assert!(first.contains("Saving is off"), "{first}");
    assert!(files.autosave(&g).is_none(), "only once");
    assert!(!files.saving());
    assert!(files.save_run(&g).is_err());
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_damaged_score_table_is_set_aside() {
    let d = dir("scores");
    std::fs::create_dir_all(&d).unwrap();
    let files = Files::at(Some(d.clone()));
    std::fs::write(files.scores_path().unwrap(), b"{\"entries\": 5").unwrap();
    let (s, msg) = files.scores();
    assert!(s.entries.is_empty());
    let msg = msg.expect("a message");
    assert!(
        msg.contains("scores.json") && msg.contains("set aside"),
        "{msg}"
    );
    std::fs::remove_dir_all(&d).unwrap();
}

/// A choice taken back is kept through the autosave (the replay alone cannot tell)
/// and marks the game's entry in the score table; a game without undos is unmarked.
#[test]
fn a_game_with_an_undo_is_marked_in_its_save_and_its_score() {
    let d = dir("undone");
    let mut files = Files::at(Some(d.clone()));
    let done = played(6, 100);
    assert!(done.state().is_over() && !done.was_undone());
    let mut g = played(6, 3);
    g.undo_to(1);
    assert!(g.was_undone());
    assert!(files.autosave(&g).is_none());
    let Found::Resume(r) = files.find_autosave() else {
        panic!("not offered");
    };
    assert!(r.game.was_undone(), "the mark survives the save");
    let mut g = r.game;
    for c in &done.choices()[1..] {
        g.play(*c).unwrap();
    }
    assert!(g.state().is_over());
    assert_eq!(files.finish(&g).1, None);
    let entries = files.scores().0.entries;
    assert_eq!(entries.len(), 1);
    assert!(entries[0].undone, "{entries:?}");
    // Without undos the save has no mark at all (earlier versions read it).
    assert!(!Record::of(&done, Kind::Save).to_json().contains("undone"));
    std::fs::remove_dir_all(&d).unwrap();
}
