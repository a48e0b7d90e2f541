//! Files the game keeps: saves, run files, high scores — where they live and
//! how they are written (atomically) and read (never trusting their content).

mod atomic;
pub mod files;
mod open;
pub mod record;
pub mod scores;
mod strangers;

use std::path::{Path, PathBuf};

pub use atomic::write_atomic;
pub use files::{Files, Found};
pub use open::{FileError, Links, make_dir, read_limited};

/// Environment variable that moves every file the game writes (the tests use it).
pub const DATA_DIR_ENV: &str = "DETENTE_DATA_DIR";

/// The directory for saves and scores: `$DETENTE_DATA_DIR`, else the platform's data directory.
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "detente").map(|p| p.data_dir().to_path_buf())
}

/// The autosave file in a data directory.
#[must_use]
pub fn autosave_path(dir: &Path) -> PathBuf {
    dir.join("autosave.json")
}

/// The high-score table in a data directory.
#[must_use]
pub fn scores_path(dir: &Path) -> PathBuf {
    dir.join("scores.json")
}

/// Move a file that could not be read out of the way, keeping it: `name.bad-<secs>`.
/// Returns the new path. A link is moved as a link (its target is not touched); a
/// directory or a device is never moved (`ErrorKind::Unsupported`).
///
/// # Errors
///
/// The rename fails, or the file is a directory or a device (`Unsupported`).
pub fn quarantine(path: &Path) -> std::io::Result<PathBuf> {
    if !open::movable(path) && std::fs::symlink_metadata(path).is_ok() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "a directory or a device is never moved",
        ));
    }
    let secs = unix_secs();
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".bad-{secs}"));
    let mut target = path.with_file_name(&name);
    let mut n = 1;
    while std::fs::symlink_metadata(&target).is_ok() {
        let mut again = name.clone();
        again.push(format!("-{n}"));
        target = path.with_file_name(again);
        n += 1;
    }
    std::fs::rename(path, &target)?;
    Ok(target)
}

/// Seconds since the Unix epoch by the system clock (0 for a clock set before it).
fn unix_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Today's date (UTC) as (year, month, day), from the system clock.
#[must_use]
pub fn today() -> (i32, u32, u32) {
    let secs = i64::try_from(unix_secs()).unwrap_or(i64::MAX);
    civil_from_days(secs.div_euclid(86_400))
}

/// The date and time now (UTC), as ("YYYY-MM-DD", "HHMMSS"), for file names and the log.
#[must_use]
pub fn now_stamp() -> (String, String) {
    let secs = i64::try_from(unix_secs()).unwrap_or(i64::MAX);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    (
        date_text((y, m, d)),
        format!("{:02}{:02}{:02}", t / 3600, t / 60 % 60, t % 60),
    )
}

/// A date as YYYY-MM-DD.
#[must_use]
pub fn date_text((y, m, d): (i32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The daily seed: the date written as a number, YYYYMMDD.
#[must_use]
pub fn daily_seed((y, m, d): (i32, u32, u32)) -> u64 {
    (y as u64) * 10_000 + u64::from(m) * 100 + u64::from(d)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// For the store's tests: a game of the built-in scenario, `months` months in
/// (or to its end), playing `mv` every month and the first answer on every card.
#[cfg(test)]
pub(crate) fn played_game(seed: u64, months: usize, mv: &str) -> crate::game::Game {
    use crate::game::{Choice, Difficulty, Game, Phase, Scenario, Setup};
    let sc = std::sync::Arc::new(Scenario::builtin());
    let mut g = Game::new(
        sc.clone(),
        seed,
        Setup::single(sc.default_player, Difficulty::Normal),
    );
    let mv = sc.move_id(mv).expect("a move of the built-in scenario");
    let mut n = 0;
    while n < months && !g.state().is_over() {
        let c = match g.state().phase {
            Phase::Card(_) => Choice::Answer { choice: 0 },
            _ => {
                n += 1;
                Choice::Move { mv }
            }
        };
        g.play(c).expect("a legal choice");
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_or_a_device_is_never_set_aside() {
        let d = std::env::temp_dir().join(format!("detente-quarantine-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let e = quarantine(&d).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::Unsupported);
        assert!(d.is_dir(), "left where it was");
        std::fs::remove_dir_all(&d).unwrap();
        // Only asked, never tried: `replay /dev/zero` must not move the machine's device.
        #[cfg(unix)]
        assert!(!open::movable(Path::new("/dev/zero")));
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_971), (2024, 9, 5));
        assert_eq!(civil_from_days(20_489), (2026, 2, 5));
        assert_eq!(daily_seed((2026, 11, 26)), 20_261_126);
    }
}
