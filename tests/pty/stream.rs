//! The harness's reading side: a thread that feeds the program's output into a vt100
//! screen and counts its frames, so tests wait on what the program has done (a frame
//! drawn whole, then nothing more) instead of on the clock.

use std::fs::File;
use std::io::Read;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The game draws each frame inside a synchronised update: these bracket one frame.
const BEGIN: &[u8] = b"\x1b[?2026h";
const END: &[u8] = b"\x1b[?2026l";

/// What the reader thread has read, shared with the test.
pub struct Output {
    pub parser: Mutex<vt100::Parser>,
    /// Every byte the program wrote, for checking escape sequences.
    pub raw: Mutex<Vec<u8>>,
    /// Frames begun and frames ended, in what has been read so far.
    begun: AtomicU64,
    ended: AtomicU64,
    /// Bytes read into the screen so far.
    bytes: AtomicU64,
    /// The reader holds bytes it has not yet put into the screen.
    busy: AtomicBool,
    /// Stop reading (the kernel's buffer fills and the program's writes block).
    stalled: AtomicBool,
    /// Close our copy of the master and end the thread.
    closed: AtomicBool,
    /// The thread has ended: the terminal's other side is closed and all of it read.
    done: AtomicBool,
}

impl Output {
    /// Frames begun and ended so far.
    pub fn frames(&self) -> (u64, u64) {
        (
            self.begun.load(Ordering::SeqCst),
            self.ended.load(Ordering::SeqCst),
        )
    }

    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::SeqCst)
    }

    /// Whether bytes are in the reader's hands but not yet in the screen.
    pub fn busy(&self) -> bool {
        self.busy.load(Ordering::SeqCst)
    }

    pub fn stall(&self, stalled: bool) {
        self.stalled.store(stalled, Ordering::SeqCst);
    }

    /// Whether everything the program will ever write has been read (its side closed).
    pub fn done(&self) -> bool {
        self.done.load(Ordering::SeqCst)
    }

    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
    }

    /// Start the reader on `reader` (a copy of the master the thread owns and closes).
    pub fn start(mut reader: File, parser: vt100::Parser) -> Arc<Output> {
        let out = Arc::new(Output {
            parser: Mutex::new(parser),
            raw: Mutex::new(Vec::new()),
            begun: AtomicU64::new(0),
            ended: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            busy: AtomicBool::new(false),
            stalled: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            done: AtomicBool::new(false),
        });
        let o = out.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // The end of what was read before, for a mark split between two reads.
            let mut tail: Vec<u8> = Vec::new();
            while !o.closed.load(Ordering::SeqCst) {
                if o.stalled.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
                let mut pfd = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd. A timeout, to see `closed` and `stalled`.
                if unsafe { libc::poll(&raw mut pfd, 1, 50) } <= 0 {
                    continue;
                }
                // Set before the read, cleared once the bytes are in the screen: a test
                // that sees it clear and the counts unchanged has seen everything read.
                o.busy.store(true, Ordering::SeqCst);
                match reader.read(&mut buf) {
                    Ok(n) if n > 0 => o.take(&buf[..n], &mut tail),
                    _ => {
                        o.busy.store(false, Ordering::SeqCst);
                        break;
                    }
                }
                o.busy.store(false, Ordering::SeqCst);
            }
            o.done.store(true, Ordering::SeqCst);
        });
        out
    }

    /// Put `chunk` into the screen and count the frame marks in it.
    fn take(&self, chunk: &[u8], tail: &mut Vec<u8>) {
        self.parser.lock().unwrap().process(chunk);
        self.raw.lock().unwrap().extend_from_slice(chunk);
        tail.extend_from_slice(chunk);
        // The tail is shorter than a mark, so no mark is counted twice.
        let count = |mark: &[u8]| tail.windows(mark.len()).filter(|w| *w == mark).count() as u64;
        let (b, e) = (count(BEGIN), count(END));
        let keep = tail.len().saturating_sub(BEGIN.len() - 1);
        tail.drain(..keep);
        // Begun is counted first: a test may see a frame open that has ended, never the
        // other way round.
        self.begun.fetch_add(b, Ordering::SeqCst);
        self.ended.fetch_add(e, Ordering::SeqCst);
        self.bytes.fetch_add(chunk.len() as u64, Ordering::SeqCst);
    }
}
