//! Delimiting a long `projects` list in pieces, one per core. Where an
//! element starts can only be known by scanning from the list's start
//! (a `},{` may be inside a string, or between two objects of a list
//! inside a project), so each piece after the first starts at a *guess*:
//! the first `{` after `},` in its stretch of text. Delimiting from an
//! element start depends on nothing but that place, so a piece is kept
//! only when the piece before it stops exactly at its guessed start;
//! otherwise that stretch is delimited again from where the one before
//! stopped, as a single scan would. Either way the spans, and whether the
//! text is refused, are those of one scan from the start.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Span, object_end, skip_ws};

/// The least text delimited as a piece of its own: below it a thread
/// costs more than it saves.
const MIN_PIECE_BYTES: usize = 1 << 20;
/// At most this many pieces: more than cores, so that a core a neighbour
/// takes delays a small piece, not half the list.
const PIECES: usize = 8;

/// Where delimiting a stretch stopped.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stop {
    /// The next element starts here, at or past the stretch's end.
    Next(usize),
    /// The list ends: just past its `]`.
    End(usize),
    /// Not the usual layout (or not JSON) from here.
    Refused,
}

/// The elements delimited from `start` up to a stretch's end.
#[derive(Debug)]
struct Run {
    start: usize,
    spans: Vec<Span>,
    stop: Stop,
}

/// The spans of the elements of a list whose first element starts at
/// `first` (a `{`), and the place just past the list; `None` where one
/// scan would refuse the text.
pub(super) fn delimit(bytes: &[u8], first: usize) -> Option<(Vec<Span>, usize)> {
    let pieces = (bytes.len().saturating_sub(first) / MIN_PIECE_BYTES).clamp(1, PIECES);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    delimit_in(bytes, first, pieces, threads)
}

/// [`delimit`] in `pieces` stretches, on up to `threads` threads.
fn delimit_in(
    bytes: &[u8],
    first: usize,
    pieces: usize,
    threads: usize,
) -> Option<(Vec<Span>, usize)> {
    if pieces < 2 || threads < 2 {
        return finish(run(bytes, first, usize::MAX));
    }
    let size = (bytes.len() - first).div_ceil(pieces);
    // Piece k's stretch ends where piece k + 1's begins; the last one's
    // runs on to the list's end.
    let limit = |k: usize| {
        if k + 1 == pieces {
            usize::MAX
        } else {
            first + (k + 1) * size
        }
    };
    let slots: Vec<Mutex<Option<Run>>> = (0..pieces).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = slots.get(k) else { break };
            let start = if k == 0 {
                Some(first)
            } else {
                guess_start(bytes, first + k * size, limit(k))
            };
            if let Some(start) = start
                && let Ok(mut slot) = slot.lock()
            {
                *slot = Some(run(bytes, start, limit(k)));
            }
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads.min(pieces) {
            // No thread to be had (a process limit): this one goes on.
            let _ = std::thread::Builder::new()
                .name("delimit".into())
                .spawn_scoped(s, work);
        }
        work();
    });
    let mut spans = Vec::new();
    let mut at = first;
    for (k, slot) in slots.into_iter().enumerate() {
        if at >= limit(k) {
            // An element that reaches over this whole stretch.
            continue;
        }
        let piece = match slot.into_inner() {
            Ok(Some(piece)) if piece.start == at => piece,
            // A wrong guess (or none): this stretch again, from the
            // element start the one before stopped at.
            _ => run(bytes, at, limit(k)),
        };
        if spans.is_empty() {
            spans = piece.spans;
        } else {
            spans.extend(piece.spans);
        }
        match piece.stop {
            Stop::Next(n) => at = n,
            Stop::End(end) => return Some((spans, end)),
            Stop::Refused => return None,
        }
    }
    None
}

fn finish(run: Run) -> Option<(Vec<Span>, usize)> {
    match run.stop {
        Stop::End(end) => Some((run.spans, end)),
        Stop::Next(_) | Stop::Refused => None,
    }
}

/// Delimits the elements from `start` on, until the list ends, the text
/// is refused, or the next element would start at or past `limit`.
fn run(bytes: &[u8], start: usize, limit: usize) -> Run {
    let mut spans = Vec::new();
    let mut i = start;
    let stop = loop {
        if i >= limit {
            break Stop::Next(i);
        }
        if bytes.get(i) != Some(&b'{') {
            break Stop::Refused;
        }
        let Some(end) = object_end(bytes, i) else {
            break Stop::Refused;
        };
        spans.push((i, end));
        i = skip_ws(bytes, end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            Some(b']') => break Stop::End(i + 1),
            _ => break Stop::Refused,
        }
    };
    Run { start, spans, stop }
}

/// The first `{` at or after `from` and before `limit` that follows `},`
/// (whitespace between allowed): where an element may start. Only a
/// guess, checked by [`delimit_in`].
fn guess_start(bytes: &[u8], from: usize, limit: usize) -> Option<usize> {
    let finder = memchr::memmem::Finder::new(b"},");
    let mut at = from;
    while at < limit {
        let hit = at + finder.find(bytes.get(at..limit.min(bytes.len()))?)?;
        let next = skip_ws(bytes, hit + 2);
        if bytes.get(next) == Some(&b'{') {
            return (next < limit).then_some(next);
        }
        at = hit + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way of cutting `text`'s list (starting at its first `{` after
    /// `[`) gives what one scan gives.
    fn cuts_alike(text: &str) {
        let bytes = text.as_bytes();
        let first = text.find('[').map(|i| skip_ws(bytes, i + 1)).unwrap_or(0);
        let one = finish(run(bytes, first, usize::MAX));
        for pieces in 1..=text.len().min(64) {
            for threads in [1, 2, 3] {
                assert_eq!(
                    delimit_in(bytes, first, pieces, threads),
                    one,
                    "{pieces} pieces, {threads} threads: {text}"
                );
            }
        }
    }

    #[test]
    fn pieces_give_what_one_scan_gives() {
        // Strings and nested lists full of `},{`: guesses inside them
        // must not be taken for the start of an element.
        let tricky = r#"{"n": "x},{\"a\": \"},{ ]"}"#;
        let nested = r#"{"d": [{"a": 1}, {"b": "},{"}, {}], "e": {}}"#;
        let escaped = r#"{"n": "\\"},{"n": "\"},{\\\"},  {"}"#;
        let mut list = Vec::new();
        for i in 0..12 {
            list.push(match i % 4 {
                0 => tricky.to_owned(),
                1 => nested.to_owned(),
                2 => escaped.to_owned(),
                _ => format!(r#"{{"id": "P{i}", "name": "项目{i}"}}"#),
            });
        }
        let body = list.join(",\n  ");
        cuts_alike(&format!(
            r#"{{"projects": [{body}], "b": {{"c": [{{}},{{}}]}}}}"#
        ));
        cuts_alike(&format!(r#"[{}]"#, list.join(",")));
        // Refused texts stay refused, wherever the cut.
        cuts_alike(&format!(r#"[{body}, 1]"#));
        cuts_alike(&format!(r#"[{body} {{}}]"#));
        cuts_alike(&format!(r#"[{body}, {{"a": "}}"#));
        cuts_alike(&format!(r#"[{body},]"#));
    }

    #[test]
    fn a_guess_inside_a_string_is_not_taken() {
        // Cut in two, the second piece's guess falls inside the long
        // string: taken as it stands, it would make `{\"b\": 2}` an element.
        let name = format!(r#"{}\"}},{{\"b\": 2}}"#, "x".repeat(40));
        let text = format!(r#"[{{"a": "{name}"}},{{"c": 3}}]"#);
        let bytes = text.as_bytes();
        let guess = guess_start(bytes, 20, usize::MAX);
        assert!(guess.is_some_and(|g| g < text.find(r#"{"c""#).unwrap_or(0)));
        let (spans, end) = delimit_in(bytes, 1, 2, 2).unwrap_or_default();
        let elements: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            elements,
            [format!(r#"{{"a": "{name}"}}"#).as_str(), r#"{"c": 3}"#]
        );
        assert_eq!(end, text.len());
    }
}
