//! Taking the terminal for the console and always giving it back: on quit,
//! on panic (a hook restores before the message prints) and on the signals
//! that end a process (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2,
//! SIGALRM: `console::ENDING_SIGNALS`), for which the event loop quits
//! through the normal path.

use std::io::{self, IsTerminal, Write};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

/// Why the console cannot take the terminal.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("the console needs a terminal, and {0} is not one")]
    NotATerminal(&'static str),
    #[error("cannot set up the terminal: {0}")]
    Io(#[from] io::Error),
}

/// Enters the alternate screen in raw mode with mouse reporting, and installs
/// a panic hook that puts everything back first.
pub fn setup() -> Result<DefaultTerminal, SetupError> {
    if !io::stdout().is_terminal() {
        return Err(SetupError::NotATerminal("standard output"));
    }
    if !io::stdin().is_terminal() {
        return Err(SetupError::NotATerminal("standard input"));
    }
    // try_init installs ratatui's own restoring hook, which prints with
    // `eprintln!`: with the terminal gone (a closed window, SIGHUP) that
    // panics inside the panic and aborts, skipping every destructor (the
    // editor's lock was left behind). Ours replaces it and chains to the
    // hook from before, which never panics on a dead stderr.
    let previous = std::panic::take_hook();
    let terminal = ratatui::try_init()?;
    let _ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    // Bracketed paste: a block pasted from a spreadsheet arrives as one
    // event, not as keys that would run commands.
    if let Err(e) = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste) {
        restore();
        return Err(e.into());
    }
    Ok(terminal)
}

/// Leaves the alternate screen and raw mode, stops mouse reporting, shows the
/// cursor. Safe to call more than once.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste);
    // Not `ratatui::restore`, which prints its failures with `eprintln!`
    // and so panics when the terminal is gone.
    let _ = ratatui::try_restore();
    let _ = execute!(out, Show);
    let _ = out.flush();
}
