//! The command line: flags and subcommands (clap), and one module per command.

pub mod check;
pub mod output;
pub mod play;
pub mod replay;
pub mod scores;
pub mod serve;
pub mod simulate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::game::Difficulty;
use crate::game::Scenario;
use crate::game::scenario::SideId;

#[derive(Parser, Debug)]
#[command(
    name = "detente",
    version,
    about = "Détente: a turn-based terminal game of US–Russia diplomacy, Sep 2024 – Feb 2026",
    long_about = "Détente: a turn-based terminal game of US–Russia diplomacy.\n\nRelations are at \"probably their historical low point\" (Dmitry Peskov, Sep 2024). Run Washington's foreign policy (or Moscow's, with --side moscow) month by month and put relations on a growth trajectory before New START expires on 5 February 2026. Two people can play each other at one keyboard (--players 2), each choosing in secret.\n\nA game, not a forecast."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Seed for every random draw; the same seed and moves give the same game.
    #[arg(long, global = false)]
    pub seed: Option<u64>,

    /// Today's game: the seed is the date (UTC), the same for everyone today.
    #[arg(long, conflicts_with = "seed")]
    pub daily: bool,

    /// Take up the saved game at once (the title screen's Continue).
    #[arg(long = "continue")]
    pub resume: bool,

    /// Write the game's run file (scenario, seed, choices) to FILE when it ends or you quit.
    #[arg(long, value_name = "FILE")]
    pub save_run: Option<PathBuf>,

    /// How hard the computer plays the other side.
    #[arg(long, value_enum, default_value_t = Level::Normal)]
    pub difficulty: Level,

    /// The side you play: a side id of the scenario (washington, moscow); default: its usual side.
    #[arg(long, value_name = "SIDE")]
    pub side: Option<String>,

    /// 1: you against the computer; 2: two people at one keyboard, both choosing in
    /// secret behind a hand-over screen, the moves revealed together.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub players: u8,

    /// A scenario file (TOML), or `default` for the built-in one.
    #[arg(long, value_name = "NAME|PATH")]
    pub scenario: Option<String>,

    /// Plain ASCII glyphs instead of Unicode blocks and arrows.
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check a scenario file; errors name the file, line and field. Exit 0 if valid, 2 if not.
    CheckScenario {
        /// The scenario file to check.
        path: PathBuf,
    },
    /// Play many games headless with a built-in policy and summarise them (the balancing tool).
    Simulate(SimulateArgs),
    /// Play back a run file turn by turn, or check it (--verify).
    Replay {
        /// The run file (or a save) to play back.
        file: PathBuf,
        /// The scenario file it was played on (default: the built-in scenario). A run
        /// file records its scenario's id and hash, never where to find it.
        #[arg(long, value_name = "NAME|PATH")]
        scenario: Option<String>,
        /// Check, without the UI, that it reproduces its recorded end state: exit 0 if it
        /// does, 1 if it does not, 2 if the file cannot be read or was played on another
        /// scenario than the one given.
        #[arg(long)]
        verify: bool,
    },
    /// Print the high-score table (kept in the data directory; `DETENTE_DATA_DIR` moves it).
    Scores,
    /// Serve the game over SSH: players connect with `ssh -p PORT HOST`, their public
    /// key is their identity (games and scores kept per key). Stops on SIGTERM or SIGINT.
    Serve(serve::ServeArgs),
}

#[derive(clap::Args, Clone, Debug)]
pub struct SimulateArgs {
    /// How many games (default 1000; with --balance, 10000 per policy).
    #[arg(long)]
    pub games: Option<u64>,
    /// With --balance: games per expert measure (default 1000).
    #[arg(long, value_name = "N", requires = "balance")]
    pub expert_games: Option<u64>,
    /// Who plays: random, greedy, expert, always:<move id>, line:<file> (a month-by-month
    /// list of moves and card answers, documented in the README), or history (the record).
    #[arg(long, default_value = "random")]
    pub policy: String,
    /// A second policy that takes over from month --from on.
    #[arg(long, value_name = "POLICY", requires = "from")]
    pub then: Option<String>,
    /// The month (counted from 1) from which --then plays.
    #[arg(long, value_name = "N", requires = "then")]
    pub from: Option<u8>,
    /// A move the policy never makes while another is legal (repeatable).
    #[arg(long, value_name = "MOVE")]
    pub ban: Vec<String>,
    /// The policy a line:<file> falls back on where its move is unavailable or unlisted.
    #[arg(long, value_name = "POLICY", default_value = "greedy")]
    pub fallback: String,
    /// Write one JSON line per game (moves, cards, answers, ending, score) to FILE, in game order.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["balance", "list_policies"])]
    pub games_log: Option<PathBuf>,
    /// Base seed; game i is seeded from (seed, i).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How hard the model plays the other side.
    #[arg(long, value_enum, default_value_t = Level::Normal)]
    pub difficulty: Level,
    /// A scenario file (TOML), or `default`.
    #[arg(long, value_name = "NAME|PATH")]
    pub scenario: Option<String>,
    /// One JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also count the other side's moves (journals every game: slower).
    #[arg(long)]
    pub rival_moves: bool,
    /// Print the policy names, one per line, and exit.
    #[arg(long)]
    pub list_policies: bool,
    /// Measure every balance target (Markdown report, each target met or not) for both
    /// sides, or for --side only.
    #[arg(long)]
    pub balance: bool,
    /// The side the policy plays (a side id of the scenario; default: its usual side).
    #[arg(long, value_name = "SIDE")]
    pub side: Option<String>,
    /// A policy for the other side too (policy against policy), instead of the opponent model.
    #[arg(long, value_name = "POLICY")]
    pub opponent_policy: Option<String>,
}

/// Difficulty as a command-line value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Easy,
    Normal,
    Hard,
}

impl From<Level> for Difficulty {
    fn from(l: Level) -> Difficulty {
        match l {
            Level::Easy => Difficulty::Easy,
            Level::Normal => Difficulty::Normal,
            Level::Hard => Difficulty::Hard,
        }
    }
}

/// Load the scenario a command names (`None` or `default`: the built-in one); its
/// errors are said on stderr, and the command exits 2.
///
/// # Errors
///
/// Exit code 2 when the scenario cannot be read or compiled (said on stderr).
pub fn load_scenario(name: Option<&str>) -> Result<Scenario, ExitCode> {
    crate::scenario_file::load(name.unwrap_or("default")).map_err(|errors| {
        output::say(&errors);
        ExitCode::from(2)
    })
}

/// The side of the scenario with this id; the error names the known ones.
///
/// # Errors
///
/// No side has that id: the message names the known ones.
pub fn side_named(sc: &Scenario, name: &str) -> Result<SideId, String> {
    sc.side_id(name).ok_or_else(|| {
        let known: Vec<&str> = sc.sides.iter().map(|s| s.id.as_str()).collect();
        format!(
            "no side called `{}` (known: {})",
            crate::text::printable(name),
            known.join(", ")
        )
    })
}
