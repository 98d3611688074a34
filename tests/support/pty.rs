//! The real binary in a pseudo-terminal, for end-to-end tests: keys in,
//! the screen read back through a terminal emulator (vt100). Generous
//! timeouts, and every check polls the screen until the expected text
//! appears, so a slow machine only waits.
#![allow(dead_code)] // each test binary uses its own part

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
pub const PATIENCE: Duration = Duration::from_secs(60);

pub struct Term {
    pub parser: vt100::Parser,
    /// Every byte the program wrote, as it came.
    pub raw: Vec<u8>,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    /// Tells the reader to let its copy of the terminal go.
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Term {
    /// Runs `guotang ARGS…` with `env`, in a terminal of ROWS×COLS.
    pub fn spawn(args: &[&OsStr], env: &[(&str, &OsStr)]) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_guotang"));
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, output) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || stopped.load(Ordering::SeqCst) || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Term {
            raw: Vec::new(),
            parser: vt100::Parser::new(
                std::num::NonZero::new(ROWS).unwrap(),
                std::num::NonZero::new(COLS).unwrap(),
                0,
            ),
            output,
            writer,
            child,
            master: Some(pair.master),
            stop,
            reader: Some(reader),
        }
    }

    /// Closes the terminal under the program, as closing its window does:
    /// every copy of the terminal's master side goes (the reader's once the
    /// program next draws: the console's clock redraws every second).
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.writer = Box::new(std::io::sink());
        self.master = None;
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Feeds output to the emulator until `ok` holds for the screen.
    pub fn wait_for(&mut self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !ok(self.parser.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self
                .output
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(mpsc::RecvTimeoutError::Timeout) if !left.is_zero() => {}
                _ => panic!(
                    "waited for {what}; the screen shows:\n{}",
                    self.parser.screen().contents()
                ),
            }
        }
    }

    /// Takes the rest of the output, once the program has ended.
    pub fn drain(&mut self) {
        let deadline = Instant::now() + PATIENCE;
        while let Ok(bytes) = self
            .output
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn wait_text(&mut self, text: &str) {
        self.wait_for(text, |s| s.contents().contains(text));
    }

    /// Waits until `text` is gone from the screen.
    pub fn wait_gone(&mut self, text: &str) {
        self.wait_for(&format!("{text} to go"), |s| !s.contents().contains(text));
    }

    /// The screen as text now.
    pub fn contents(&self) -> String {
        self.parser.screen().contents()
    }

    /// The first screen line holding `text`.
    pub fn line_with(&self, text: &str) -> Option<String> {
        self.contents()
            .lines()
            .find(|l| l.contains(text))
            .map(str::to_owned)
    }

    /// Kills the console with SIGKILL: no chance to restore the terminal or
    /// to close its log.
    pub fn kill_hard(&mut self) {
        let pid = self.child.process_id().expect("no pid");
        let status = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        self.child.wait().unwrap();
    }

    /// Quits with `q q` (the first asks during a meeting) and checks the
    /// console ended well.
    pub fn quit(&mut self) {
        self.send("qq");
        self.wait_for("the alternate screen to be left", |s| !s.alternate_screen());
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status:?}");
    }

    /// `guotang FILE` with its state (meeting log, config) in `state` and
    /// its data (backups, journal) in `state/data`.
    pub fn console(file: &std::path::Path, state: &std::path::Path) -> Term {
        Term::with_state(&[file.as_os_str()], state)
    }

    /// `guotang ARGS…` with its state, config and data under `state` (as
    /// if on a machine of its own).
    pub fn with_state(args: &[&OsStr], state: &std::path::Path) -> Term {
        let data = state.join("data");
        Term::spawn(
            args,
            &[
                ("GUOTANG_STATE_DIR", state.as_os_str()),
                ("GUOTANG_CONFIG_DIR", state.as_os_str()),
                ("GUOTANG_DATA_DIR", data.as_os_str()),
            ],
        )
    }
}
