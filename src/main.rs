//! The `detente` binary: parse the command line and hand over to the library.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use detente::cli::{Cli, Command};
use detente::scenario_file;
use detente::store::{self, Files, Found};
use detente::ui;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::CheckScenario { path }) => match scenario_file::load_path(path) {
            Ok(sc) => {
                if let Err(e) = detente::sim::check::verdict(&sc) {
                    eprint!("{}: {e}", path.display());
                    return ExitCode::from(2);
                }
                println!(
                    "{}: ok — \"{}\": {} meters, {} moves, {} events, {} endings, {} turns",
                    path.display(),
                    sc.title,
                    sc.meters.len(),
                    sc.moves.len(),
                    sc.events.len(),
                    sc.endings.len(),
                    sc.calendar.turns
                );
                ExitCode::SUCCESS
            }
            Err(errors) => {
                eprintln!("{errors}");
                eprintln!("{}: {} problem(s) found", path.display(), errors.0.len());
                ExitCode::from(2)
            }
        },
        Some(Command::Simulate(args)) => simulate(args.clone()),
        Some(Command::Replay { file, verify }) => replay(file, *verify, &cli),
        Some(Command::Scores) => scores(),
        None => play(cli),
    }
}

fn simulate(args: detente::cli::SimulateArgs) -> ExitCode {
    use detente::sim::{self, Plan, Policy, Summary};
    let sc = match scenario_file::load(args.scenario.as_deref().unwrap_or("default")) {
        Ok(sc) => sc,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::from(2);
        }
    };
    let side = match args.side.as_deref() {
        None => sc.default_player,
        Some(name) => match sc.side_id(name) {
            Some(s) => s,
            None => {
                let known: Vec<&str> = sc.sides.iter().map(|s| s.id.as_str()).collect();
                eprintln!(
                    "detente simulate: no side called `{name}` (known: {})",
                    known.join(", ")
                );
                return ExitCode::from(2);
            }
        },
    };
    if args.list_policies {
        for name in Policy::names(&sc, side) {
            println!("{name}");
        }
        return ExitCode::SUCCESS;
    }
    if args.balance {
        print!(
            "{}",
            sim::balance::report(&sc, side, args.games, args.seed, args.difficulty.into())
        );
        return ExitCode::SUCCESS;
    }
    let policy = match Policy::parse(&sc, side, &args.policy) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("detente simulate: {e}");
            return ExitCode::from(2);
        }
    };
    let opponent = match args
        .opponent_policy
        .as_deref()
        .map(|p| Policy::parse(&sc, side.other(), p))
    {
        None => None,
        Some(Ok(p)) => Some(p),
        Some(Err(e)) => {
            eprintln!("detente simulate: --opponent-policy: {e}");
            return ExitCode::from(2);
        }
    };
    let plan = Plan {
        games: args.games,
        seed: args.seed,
        side,
        policy,
        opponent,
        difficulty: args.difficulty.into(),
    };
    let (totals, seconds) = sim::run(&sc, &plan);
    let summary = Summary::new(&sc, &plan, &totals, seconds);
    if args.json {
        match serde_json::to_string(&summary) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("detente simulate: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", summary.table());
    }
    ExitCode::SUCCESS
}

/// The game needs a terminal on both ends; say so on one line if not.
fn need_terminal() -> Result<(), ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "detente: the game needs an interactive terminal (stdin and stdout must be a terminal)"
        );
        return Err(ExitCode::from(2));
    }
    Ok(())
}

fn options(cli: &Cli, seed: u64, seed_given: bool, players: ui::Players) -> ui::Options {
    ui::Options {
        seed,
        seed_given,
        difficulty: cli.difficulty.into(),
        players,
        ascii: cli.ascii,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    }
}

/// Run the UI and turn how it ended into an exit status (messages go to stderr only
/// once the terminal is restored).
fn run_ui(scenario: detente::game::Scenario, options: ui::Options, launch: ui::Launch) -> ExitCode {
    // The terminal may be gone by now: a message that cannot be printed is dropped, never a panic.
    let say = |m: &dyn std::fmt::Display| {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "detente: {m}");
    };
    match ui::run(scenario, options, launch) {
        Ok(messages) => {
            for m in &messages {
                say(m);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            say(&e);
            ExitCode::FAILURE
        }
    }
}

/// Who plays, from `--side` and `--players`; an unknown side or a side for two players is an error.
fn players(cli: &Cli, sc: &detente::game::Scenario) -> Result<ui::Players, String> {
    let side = match cli.side.as_deref() {
        None => None,
        Some(name) => Some(sc.side_id(name).ok_or_else(|| {
            let known: Vec<&str> = sc.sides.iter().map(|s| s.id.as_str()).collect();
            format!("no side called `{name}` (known: {})", known.join(", "))
        })?),
    };
    match (cli.players, side) {
        (2, Some(_)) => {
            Err("--side is for one player; with --players 2 both sides are played by people".into())
        }
        (2, None) => Ok(ui::Players::Two),
        (_, side) => Ok(ui::Players::One(side.unwrap_or(sc.default_player))),
    }
}

fn play(cli: Cli) -> ExitCode {
    let name = cli.scenario.as_deref().unwrap_or("default");
    let scenario = match scenario_file::load(name) {
        Ok(sc) => sc,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::from(2);
        }
    };
    let players = match players(&cli, &scenario) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("detente: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(code) = need_terminal() {
        return code;
    }
    let scenario_path = scenario_path(name, &scenario);
    let (seed, daily) = if cli.daily {
        let today = store::today();
        (store::daily_seed(today), Some(store::date_text(today)))
    } else {
        (cli.seed.unwrap_or_else(random_seed), None)
    };
    let mut files = Files::at(store::data_dir());
    let mut launch_notice = None;
    if let Err(msg) = files.lock() {
        if cli.resume {
            eprintln!("detente: {msg}");
            eprintln!("detente: close the other Détente to continue its game");
            return ExitCode::from(2);
        }
        files.log(&msg);
        launch_notice = Some(format!("{msg}."));
    }
    let mut launch = ui::Launch {
        scenario_path,
        save_run: cli.save_run.clone(),
        daily,
        resume_now: cli.resume,
        notice: launch_notice,
        ..ui::Launch::default()
    };
    match files.find_autosave() {
        Found::Resume(r) => launch.resumable = Some(r),
        Found::Recovered(r, msg) => {
            if cli.resume {
                // Said before the screen is taken over, and again on the title screen.
                eprintln!("detente: {msg}");
            }
            launch.resumable = Some(r);
            launch.notice = Some(format!("{msg}."));
        }
        Found::Bad(msg) if cli.resume => {
            eprintln!("detente: {msg}");
            eprintln!("detente: no game to continue; run `detente` to start a new one");
            return ExitCode::from(2);
        }
        Found::Bad(msg) => launch.notice = Some(format!("{msg}. Start a new game.")),
        Found::Nothing | Found::Finished if cli.resume => {
            let at = files
                .autosave_path()
                .map_or_else(|| "no data directory".into(), |p| p.display().to_string());
            eprintln!("detente: no game to continue ({at}); run `detente` to start a new one");
            return ExitCode::from(2);
        }
        Found::Nothing | Found::Finished => {}
    }
    launch.files = files;
    let given = cli.seed.is_some() || cli.daily;
    let options = options(&cli, seed, given, players);
    run_ui(scenario, options, launch)
}

/// The canonical path of a scenario loaded from a file, for records; `None` if built in.
fn scenario_path(name: &str, sc: &detente::game::Scenario) -> Option<std::path::PathBuf> {
    let builtin = detente::game::Scenario::builtin();
    if name == "default" || (name == builtin.id && sc.id == builtin.id) {
        return None;
    }
    let p = std::path::Path::new(name);
    Some(p.canonicalize().unwrap_or_else(|_| p.to_path_buf()))
}

/// `detente replay FILE [--verify]`.
fn replay(file: &std::path::Path, verify: bool, cli: &Cli) -> ExitCode {
    use detente::store::files::{self, Problem};
    let loaded = files::load(file);
    if verify {
        return match loaded {
            Ok(r) => {
                let g = &r.game;
                let sc = g.scenario();
                let end = if g.state().is_over() {
                    // Each side a person played: its ending and score.
                    let setup = g.setup();
                    (0..sc.sides.len() as u8)
                        .map(detente::game::scenario::SideId)
                        .filter(|s| setup.human[s.index()])
                        .map(|s| {
                            let (e, score) = ui::result_for(sc, g.state(), s);
                            let title = e.map_or("no ending", |e| sc.ending(e).title.as_str());
                            format!("{}: {title}, score {score}", sc.side(s).name)
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                } else {
                    format!("unfinished at {}", sc.calendar.label(g.state().turn))
                };
                let n = g.turns().len();
                println!(
                    "{}: ok — {n} choice{} replay to the recorded state ({end})",
                    file.display(),
                    if n == 1 { "" } else { "s" }
                );
                ExitCode::SUCCESS
            }
            Err(p @ Problem::Mismatch(_)) => {
                eprintln!("detente: {p}");
                ExitCode::from(1)
            }
            Err(p) => {
                eprintln!("detente: {p}");
                ExitCode::from(2)
            }
        };
    }
    if let Err(code) = need_terminal() {
        return code;
    }
    match loaded {
        Ok(r) => {
            let scenario = (*r.game.scenario_arc().clone()).clone();
            let players = ui::Players::of(r.game.setup());
            let launch = ui::Launch {
                replay: Some((r.game, file.to_path_buf())),
                scenario_path: r.scenario_path,
                ..ui::Launch::default()
            };
            let options = options(cli, 0, true, players);
            run_ui(scenario, options, launch)
        }
        Err(p) => {
            let code = if matches!(p, Problem::Mismatch(_)) {
                1
            } else {
                2
            };
            let msg = if p.is_bad_file() {
                files::set_aside(file, p.to_string())
            } else {
                p.to_string()
            };
            eprintln!("detente: {msg}");
            ExitCode::from(code)
        }
    }
}

/// `detente scores`: the high-score table.
fn scores() -> ExitCode {
    let files = Files::at(store::data_dir());
    let (table, problem) = files.scores();
    if let Some(p) = problem {
        eprintln!("detente: {p}");
    }
    if let Some(path) = files.scores_path() {
        println!("High scores ({})", path.display());
    }
    print!("{}", table.table());
    ExitCode::SUCCESS
}

/// A seed from the clock and the process id: only for when none is given; shown on screen.
fn random_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    // Keep seeds short enough to read aloud and type.
    (nanos ^ (std::process::id() as u64).rotate_left(32)) % 1_000_000
}
