//! `detente serve`: the game over SSH — its flags, its host key, its first words.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::{load_scenario, output};
use crate::net::{self, AllowList, Limits, Settings};

#[derive(clap::Args, Clone, Debug)]
pub struct ServeArgs {
    /// Where to listen. The default serves this machine only; anything else opens the
    /// game to the network (and says so loudly).
    #[arg(long, value_name = "ADDR:PORT", default_value = net::DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    /// Admit only the public keys in this file (OpenSSH `authorized_keys` format);
    /// without it, any key may play.
    #[arg(long, value_name = "FILE")]
    pub allow_keys: Option<PathBuf>,
    /// Connections at once.
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub max_sessions: u32,
    /// Connections at once from one address.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub max_per_address: u32,
    /// Seconds a connection has to authenticate.
    #[arg(long, value_name = "SECS", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub auth_timeout: u64,
    /// Seconds without a key before a game is saved and its connection closed.
    #[arg(long, value_name = "SECS", default_value_t = 1800, value_parser = clap::value_parser!(u64).range(1..=604_800))]
    pub idle_timeout: u64,
    /// Rooms (games between two players on two connections) open at once.
    #[arg(long, value_name = "N", default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub max_rooms: u32,
    /// A scenario file (TOML), or `default`.
    #[arg(long, value_name = "NAME|PATH")]
    pub scenario: Option<String>,
}

/// Start the server: 0 once stopped by SIGTERM or SIGINT, 2 if it cannot start.
pub fn run(args: &ServeArgs) -> ExitCode {
    let scenario = match load_scenario(args.scenario.as_deref()) {
        Ok(sc) => sc,
        Err(code) => return code,
    };
    let allow = match args.allow_keys.as_deref().map(AllowList::read).transpose() {
        Ok(a) => a,
        Err(e) => return output::fail(format!("--allow-keys {e}"), 2),
    };
    let Some(data_dir) = crate::store::data_dir() else {
        return output::fail(
            "no data directory for the host key and the players' games (set DETENTE_DATA_DIR)",
            2,
        );
    };
    let (key, made) = match net::host_key(&data_dir) {
        Ok(k) => k,
        Err(e) => return output::fail(e, 2),
    };
    let listener = match std::net::TcpListener::bind(args.listen) {
        Ok(l) => l,
        Err(e) => return output::fail(format!("cannot listen on {}: {e}", args.listen), 2),
    };
    let bound = listener.local_addr().unwrap_or(args.listen);
    let settings = Settings {
        listen: bound,
        data_dir: data_dir.clone(),
        allow,
        limits: Limits {
            sessions: args.max_sessions as usize,
            per_address: args.max_per_address as usize,
            auth_timeout: Duration::from_secs(args.auth_timeout),
            idle_timeout: Duration::from_secs(args.idle_timeout),
            rooms: args.max_rooms as usize,
        },
    };
    for line in opening(&settings, &net::fingerprint(&key), made) {
        say(&line);
    }
    match net::serve(settings, scenario, key, listener, &|l| say(l)) {
        Ok(()) => {
            say("Stopped.");
            ExitCode::SUCCESS
        }
        Err(e) => output::fail(e, 2),
    }
}

/// The operator's first lines: a loud one first if the game is open beyond this
/// machine, the key's fingerprint, where data lives, the command players type.
fn opening(s: &Settings, fingerprint: &str, made: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let ip = s.listen.ip();
    if !ip.is_loopback() {
        lines.push(format!(
            "WARNING: listening on {} — open to the network: anyone who reaches this address can play{}.",
            s.listen,
            if s.allow.is_some() { " with a listed key" } else { " with any SSH key" }
        ));
    }
    lines.push(format!("Détente server listening on {}", s.listen));
    let label = if made {
        "Host key made now"
    } else {
        "Host key"
    };
    lines.push(format!("{label}: {fingerprint}"));
    lines.push(format!(
        "Players' games in {}",
        s.data_dir.join("players").display()
    ));
    match &s.allow {
        Some(a) => lines.push(format!("Admitting {} listed key(s) only.", a.len())),
        None => lines.push("Admitting any public key (--allow-keys FILE to list them).".into()),
    }
    let host = if ip.is_loopback() {
        "localhost".to_string()
    } else {
        ip.to_string()
    };
    lines.push(format!(
        "Players connect with: ssh -p {} {host}",
        s.listen.port()
    ));
    lines
}

/// One line on stdout, at once; a stdout that is gone is no reason to stop serving.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", crate::text::printable(line));
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(listen: &str) -> Settings {
        Settings {
            listen: listen.parse().unwrap(),
            data_dir: PathBuf::from("/srv/detente"),
            allow: None,
            limits: Limits::default(),
        }
    }

    #[test]
    fn beyond_loopback_the_first_line_says_so_loudly() {
        let open = opening(&settings("0.0.0.0:2222"), "SHA256:x", true);
        assert!(
            open[0].starts_with("WARNING: listening on 0.0.0.0:2222"),
            "{open:?}"
        );
        let local = opening(&settings("127.0.0.1:2222"), "SHA256:x", false);
        assert!(local.iter().all(|l| !l.contains("WARNING")), "{local:?}");
        assert_eq!(local[0], "Détente server listening on 127.0.0.1:2222");
        assert!(
            local.contains(&"Host key: SHA256:x".to_string()),
            "{local:?}"
        );
        assert!(
            local
                .iter()
                .any(|l| l == "Players connect with: ssh -p 2222 localhost")
        );
    }
}
