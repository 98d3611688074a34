//! Property tests at scale, in place of a fuzzer (the toolchain here is
//! stable): arbitrary bytes, mutated demos (byte flips, truncations, splices)
//! and structurally valid JSON with random values in random places. The loader
//! never panics; whatever it accepts computes standings without panic or NaN;
//! and its parser agrees with serde_json.

use proptest::prelude::*;
use serde_json::Map;

use guotang::model::parse;

use super::*;

/// Checks the parser against serde_json on the same bytes: the same value
/// when both accept; refused only here for the reasons guotang adds.
fn agrees_with_serde_json(bytes: &[u8]) {
    let ours = parse::parse_json(bytes);
    let theirs =
        serde_json::from_slice::<Value>(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    match (ours, theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(_), Err(_)) => {}
        (Err(p), Ok(_)) => {
            let text = p.to_string();
            assert!(
                ["appears twice", "NUL byte", "UTF-16", "UTF-32", "empty"]
                    .iter()
                    .any(|w| text.contains(w)),
                "refused only by guotang: {text}"
            );
        }
        (Ok(_), Err(e)) => panic!("accepted; serde_json says {e}"),
    }
}

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Set {
        at: usize,
        byte: u8,
    },
    Truncate {
        at: usize,
    },
    Delete {
        at: usize,
        len: usize,
    },
    /// Copies a piece of the file to another place in it.
    Splice {
        from: usize,
        len: usize,
        to: usize,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop::sample::select(
        b"{}[]\":,\\0123456789-+.eE \n\ttrufalsn\xff\xc3\x80\x00\x1b".to_vec(),
    );
    prop_oneof![
        4 => (any::<usize>(), prop_oneof![any::<u8>(), interesting.clone()])
            .prop_map(|(at, byte)| Mutation::Set { at, byte }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        2 => (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => (any::<usize>(), 1usize..400, any::<usize>())
            .prop_map(|(from, len, to)| Mutation::Splice { from, len, to }),
        1 => (any::<usize>(), prop::collection::vec(interesting, 1..8))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
    ]
}

fn mutate(mut bytes: Vec<u8>, changes: &[Mutation]) -> Vec<u8> {
    for m in changes {
        let n = bytes.len().max(1);
        match m {
            Mutation::Set { at, byte } => {
                if !bytes.is_empty() {
                    bytes[at % n] = *byte;
                }
            }
            Mutation::Truncate { at } => bytes.truncate(at % n),
            Mutation::Delete { at, len } => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            Mutation::Splice { from, len, to } => {
                let from = from % n;
                let end = (from + len).min(bytes.len());
                let piece = bytes.get(from..end).unwrap_or(&[]).to_vec();
                let to = (to % n).min(bytes.len());
                bytes.splice(to..to, piece);
            }
            Mutation::Insert { at, bytes: new } => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, new.iter().copied());
            }
        }
    }
    bytes
}

/// Values a snapshot field might wrongly (or rightly) hold.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1.0,
            1.5,
            1e-300,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            -1.0,
            0.1,
            1e9,
            3.0,
        ])
        .prop_map(Value::from),
        any::<f64>().prop_map(Value::from), // NaN and infinities become null
        prop::sample::select(vec![
            "",
            " ",
            "red",
            "yellow",
            "none",
            "pace",
            "rank",
            "threshold",
            "lower",
            "higher",
            "guotang/1",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "9999-12-31",
            "0000-01-01",
            "09:00",
            "24:00",
            "kfq",
            "gxq",
            "P001",
            "镇街板块",
            "部门",
            "speakers",
            "seating",
            "signed",
            "stalled",
            "zh-Hans",
            "en",
            "\u{1b}[2J",
            "经济开发区\u{202e}",
        ])
        .prop_map(Value::from),
        "[a-z_]{0,8}".prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "id",
                        "name",
                        "card",
                        "units",
                        "group",
                        "signed",
                        "weight",
                        "rows",
                        "seats_per_row",
                        "minutes",
                        "to",
                        "x",
                    ]),
                    inner
                ),
                0..6
            )
            .prop_map(|kv| {
                Value::Object(
                    kv.into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// JSON pointers to every node of a document.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// One structural change: a node replaced, or removed from its parent.
#[derive(Debug, Clone)]
enum Edit {
    Replace(prop::sample::Index, Value),
    Remove(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<prop::sample::Index>(), json_value()).prop_map(|(i, v)| Edit::Replace(i, v)),
        1 => any::<prop::sample::Index>().prop_map(Edit::Remove),
    ]
}

fn apply(doc: &mut Value, edit: &Edit) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    match edit {
        Edit::Replace(i, v) => {
            let p = i.get(&all);
            if p.is_empty() {
                *doc = v.clone();
            } else if let Some(node) = doc.pointer_mut(p) {
                *node = v.clone();
            }
        }
        Edit::Remove(i) => {
            let p = i.get(&all);
            let Some((parent, last)) = p.rsplit_once('/') else {
                return;
            };
            let key = last.replace("~1", "/").replace("~0", "~");
            match doc.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.shift_remove(&key);
                }
                Some(Value::Array(a)) => {
                    if let Ok(i) = key.parse::<usize>()
                        && i < a.len()
                    {
                        a.remove(i);
                    }
                }
                _ => {}
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        standings_are_sound(&bytes);
        agrees_with_serde_json(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_demos_never_panic(changes in prop::collection::vec(mutation(), 1..6)) {
        let bytes = mutate(demo().to_vec(), &changes);
        standings_are_sound(&bytes);
        agrees_with_serde_json(&bytes);
        super::paths::readings_agree(&bytes);
    }

    #[test]
    fn random_values_anywhere_never_panic(edits in prop::collection::vec(edit(), 1..5)) {
        let mut doc = demo_value();
        for e in &edits {
            apply(&mut doc, e);
        }
        let text = model::to_pretty(&doc);
        standings_are_sound(text.as_bytes());
        super::paths::readings_agree(text.as_bytes());
        // Whatever is accepted survives a save and a reload unchanged.
        if let Ok(loaded) = Document::from_bytes(text.as_bytes()) {
            let again = Document::from_bytes(loaded.to_pretty().as_bytes()).unwrap();
            prop_assert_eq!(&again.snapshot, &loaded.snapshot);
        }
    }

    #[test]
    fn the_parser_agrees_with_serde_json_on_any_json(v in json_value(), pretty in any::<bool>()) {
        let text = if pretty { model::to_pretty(&v) } else { v.to_string() };
        agrees_with_serde_json(text.as_bytes());
    }
}

/// Numbers a valid snapshot may hold, at the edges of what it may hold:
/// 0, the smallest target (1e-9) and the largest figure (1e15); beyond
/// them a snapshot is refused (tests/it/hostile/numbers.rs).
fn edge_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::sample::select(vec![
            0.0,
            -0.0,
            1e-9,
            1.000_000_1e-9,
            0.5,
            1.0,
            1.2,
            3.0,
            999_999_999_999_999.9,
            1e15,
        ]),
        0.0..1000.0f64,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every number of the demo that the arithmetic reads, set to edge values:
    /// the snapshot stays valid, so each case runs the whole engine.
    #[test]
    fn extreme_numbers_give_finite_standings(
        numbers in prop::collection::vec(edge_number(), 200),
        red_at in edge_number(),
        cap in prop::option::of(edge_number()),
    ) {
        let mut doc = demo_value();
        let mut next = numbers.iter().cycle();
        for m in doc["metrics"].as_array_mut().unwrap() {
            if m.get("better").is_none() {
                m["weight"] = Value::from(*next.next().unwrap());
            }
        }
        for u in doc["units"].as_array_mut().unwrap() {
            for field in ["targets", "actuals"] {
                if let Some(Value::Object(map)) = u.get_mut(field) {
                    for v in map.values_mut() {
                        *v = Value::from(*next.next().unwrap());
                    }
                }
            }
        }
        for p in doc["projects"].as_array_mut().unwrap() {
            p["investment"] = Value::from(*next.next().unwrap());
        }
        doc["cards"]["red_at"] = Value::from(red_at.max(1e-9));
        match cap {
            Some(c) if c > 0.0 => doc["cards"]["cap"] = Value::from(c),
            _ => {
                doc["cards"].as_object_mut().unwrap().remove("cap");
            }
        }
        let text = model::to_pretty(&doc);
        prop_assert!(Document::from_bytes(text.as_bytes()).is_ok());
        standings_are_sound(text.as_bytes());
    }
}
