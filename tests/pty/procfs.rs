//! What the program under test is doing, read from Linux's /proc: its main thread's
//! state and system call, and counts kept per thread (part of the pty harness).

use std::path::Path;

/// A count kept per thread in /proc (a thread that ended takes its count with it), as
/// what each thread of the program still alive added since `before`.
pub fn per_thread(pid: u32, read: fn(&Path) -> Option<u64>) -> Vec<(String, u64)> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    let mut v: Vec<(String, u64)> = tasks
        .filter_map(std::result::Result::ok)
        .filter_map(|e| {
            Some((
                e.file_name().to_string_lossy().into_owned(),
                read(&e.path())?,
            ))
        })
        .collect();
    v.sort();
    v
}

/// How much more each thread counts now than in `before` (a new thread: all of it).
pub fn growth(before: &[(String, u64)], now: &[(String, u64)]) -> u64 {
    now.iter()
        .map(|(tid, n)| {
            let was = before.iter().find(|(t, _)| t == tid).map_or(0, |(_, b)| *b);
            n.saturating_sub(was)
        })
        .sum()
}

/// A thread's CPU time in nanoseconds (the scheduler's own count, not clock ticks).
pub fn cpu_ns(task: &Path) -> Option<u64> {
    let s = std::fs::read_to_string(task.join("schedstat")).ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// How many times a thread has been switched out: each wake-up of a sleeping thread
/// counts one, so a thread that polls on a timer shows here even when it costs no CPU.
pub fn switches(task: &Path) -> Option<u64> {
    let s = std::fs::read_to_string(task.join("status")).ok()?;
    let count = |key: &str| -> Option<u64> {
        let line = s.lines().find(|l| l.starts_with(key))?;
        line[key.len()..].trim().parse().ok()
    };
    Some(count("voluntary_ctxt_switches:")? + count("nonvoluntary_ctxt_switches:")?)
}

/// What a program's main thread is doing.
pub enum Program {
    /// Asleep in `poll`: waiting for input.
    Waiting,
    /// Running, or asleep on something other than input.
    Working,
    /// Stopped (by a signal): nothing more until it is continued.
    Stopped,
    /// Ended, or not to be found.
    Ended,
}

/// The fields of /proc/PID/stat after the command name.
pub fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &s[s.rfind(')')? + 2..];
    Some(after.split_whitespace().map(str::to_string).collect())
}

/// What the process's main thread is doing.
pub fn program(pid: u32) -> Program {
    match stat_fields(pid).and_then(|f| f.first().cloned()).as_deref() {
        None | Some("Z" | "X") => Program::Ended,
        Some("T" | "t") => Program::Stopped,
        // Asleep: in `poll` is waiting for input; anywhere else (a write to the
        // terminal, a lock) is still at work.
        Some("S") => match std::fs::read_to_string(format!("/proc/{pid}/wchan")) {
            Ok(w) if w.contains("poll") => Program::Waiting,
            _ => Program::Working,
        },
        Some(_) => Program::Working,
    }
}

/// Whether the process's main thread is asleep in a `write` (the system call it is in).
pub fn in_write(pid: u32) -> bool {
    let call = std::fs::read_to_string(format!("/proc/{pid}/syscall"));
    let number = call
        .ok()
        .and_then(|c| c.split(' ').next()?.parse::<i64>().ok());
    let asleep = stat_fields(pid).is_some_and(|f| f.first().is_some_and(|s| s == "S"));
    asleep && matches!(number, Some(libc::SYS_write | libc::SYS_writev))
}
