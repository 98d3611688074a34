//! Every byte the commands print goes through here, for two reasons.
//!
//! - Messages name files, and file names come from shared folders: one
//!   called `evil\e]0;PWNED\a.json` would set the terminal's title. Each
//!   line of a message ([`outln!`], [`errln!`], [`out!`]) passes
//!   [`crate::sanitize::one_line`], the sanitizer snapshot strings pass, so
//!   no call site can forget it. Data meant for other programs (JSON, CSV,
//!   `render --ansi`, a report) is made safe by its writer and goes out as
//!   it is through [`data`].
//! - A closed standard output (`guotang standings | head -1`) must not end
//!   in a panic ("failed printing to stdout: Broken pipe", status 101).
//!   Output stops, the command finishes what it was doing (a save half
//!   done would leave a lock behind), and the process then ends the way
//!   Unix tools do when their reader goes away: by SIGPIPE ([`finish`]).
//!   A standard error that is gone is ignored: there is no one to tell.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::sanitize::one_line;

/// Set once a write to standard output found no reader.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
/// The first other failure to write standard output (a full disk behind `>`).
static STDOUT_ERROR: Mutex<Option<String>> = Mutex::new(None);

/// Which stream a message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Out,
    Err,
}

/// `text` with every line made safe for a terminal; the line breaks stay.
pub fn safe_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&one_line(line));
    }
    out
}

/// Writes a message, each line made safe.
pub fn message(stream: Stream, text: &str) {
    let text = safe_lines(text);
    match stream {
        Stream::Out => data(text.as_bytes()),
        Stream::Err => {
            let mut err = io::stderr().lock();
            let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
        }
    }
}

/// Writes bytes to standard output as they are: data already made safe by
/// its writer (escaped JSON, CSV, SGR colours, a report).
pub fn data(bytes: &[u8]) {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
        }
        Err(e) => {
            if let Ok(mut first) = STDOUT_ERROR.lock() {
                first.get_or_insert_with(|| e.to_string());
            }
        }
    }
}

/// Records a write that found standard output closed, made elsewhere
/// (clap prints help itself).
pub fn closed(e: &io::Error) {
    if e.kind() == io::ErrorKind::BrokenPipe {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
}

/// Whether standard output was found closed.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// Ends a command: by SIGPIPE when its standard output was closed (the
/// status a shell shows as 141, as for `yes | head`); with an error when
/// standard output could not be written for another reason; else with
/// `code`.
pub fn finish(code: ExitCode) -> ExitCode {
    if stdout_closed() {
        // Restores the default action and raises the signal: the process
        // ends here. Should that fail, 141 is what a shell would show.
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGPIPE);
        return ExitCode::from(141);
    }
    let failed = STDOUT_ERROR.lock().ok().and_then(|mut e| e.take());
    if let Some(e) = failed {
        message(
            Stream::Err,
            &format!("error: cannot write to standard output: {e}\n"),
        );
        return ExitCode::FAILURE;
    }
    code
}

/// Prints a message line to standard output, made safe (see the module).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::out::message(
            $crate::cli::out::Stream::Out,
            &format!("{}\n", format_args!($($arg)*)),
        )
    };
}

/// Prints a message to standard output without adding a line break.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::out::message($crate::cli::out::Stream::Out, &format!($($arg)*))
    };
}

/// Prints a message line to standard error, made safe (see the module).
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::out::message(
            $crate::cli::out::Stream::Err,
            &format!("{}\n", format_args!($($arg)*)),
        )
    };
}

pub(crate) use {errln, out, outln};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_made_safe_and_the_breaks_stay() {
        let text = "saved evil\u{1b}]0;PWNED\u{7}\u{1b}[2J.json\nnext\u{9b}2J\tline\n";
        assert_eq!(
            safe_lines(text),
            "saved evil]0;PWNED[2J.json\nnext2J line\n"
        );
        assert_eq!(safe_lines("经济开发区"), "经济开发区");
    }
}
