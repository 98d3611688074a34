//! update() tests: navigation, speakers, timers, reload, restart.
