//! The editor through `App::update`: keys in, data and effects out.
