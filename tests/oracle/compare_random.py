#!/usr/bin/env python3
"""Random snapshots through both `guotang standings --json` and the oracle.

Usage: python3 tests/oracle/compare_random.py [N] [GUOTANG_BINARY]
Generates N varied valid snapshots (ties across card lines, all three rules,
cap, decisions, unranked units, leap years, several groups), runs both
implementations and reports every difference. Exit 1 on any difference.
"""
import json, random, subprocess, sys, tempfile, os

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

def snapshot(rng):
    nm = rng.randint(1, 5)
    metrics = []
    for i in range(nm):
        lower = rng.random() < 0.2
        m = {"id": f"m{i}", "name": f"指标{i}"}
        if lower:
            m["better"] = "lower"; m["weight"] = 0
        elif rng.random() < 0.6:
            m["weight"] = rng.choice([0, 0.5, 1, 1.5, 2, 3])
        metrics.append(m)
    groups = rng.choice([[None], ["镇街板块", "部门"], ["a", "b", None]])
    units = []
    # a small pool of values makes ties (and ties across a card line) common
    pool = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30]
    for u in range(rng.randint(1, 12)):
        unit = {"id": f"u{u}", "name": f"单位{u}"}
        g = rng.choice(groups)
        if g is not None:
            unit["group"] = g
        t, a = {}, {}
        for m in metrics:
            if rng.random() < 0.8:
                t[m["id"]] = rng.choice(pool)
            if rng.random() < 0.8:
                a[m["id"]] = rng.choice(pool) + rng.choice([0, 0, 0.5])
        if t or rng.random() < 0.5: unit["targets"] = t
        if a or rng.random() < 0.5: unit["actuals"] = a
        if rng.random() < 0.15:
            unit["card"] = rng.choice(["red", "yellow", "none"]); unit["card_reason"] = "决定"
        units.append(unit)
    rule = rng.choice(["pace", "rank", "threshold", None])
    cards = {}
    if rule == "pace":
        cards = {"rule": "pace"}
        if rng.random() < 0.5: cards["red_at"] = rng.choice([0.5, 0.9, 1.0, 1.2])
    elif rule == "rank":
        cards = {"rule": "rank", "red_top": rng.randint(0, 4), "yellow_bottom": rng.randint(0, 4)}
    elif rule == "threshold":
        y = rng.choice([0, 0.2, 0.25, 0.5]); cards = {"rule": "threshold", "yellow_below": y, "red_min": y + rng.choice([0, 0.25, 0.5])}
    if rng.random() < 0.3:
        cards["cap"] = rng.choice([1.0, 1.2, 1.5])
    year = rng.choice([2024, 2025, 2026, 2100, 2000])
    to = rng.choice([f"{year}-02-29" if year % 4 == 0 and (year % 100 or year % 400 == 0) else f"{year}-02-28",
                     f"{year}-04-30", f"{year}-12-31", f"{year}-01-01", f"{year}-06-30"])
    s = {"format": "guotang/1",
         "meeting": {"title": "过堂会", "date": f"{year}-12-31", "period": {"to": to}},
         "metrics": metrics, "units": units}
    if cards: s["cards"] = cards
    return s

def close(a, b, at, errs):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in b:
            if k not in a: errs.append(f"{at}.{k} missing")
            else: close(a[k], b[k], f"{at}.{k}", errs)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b): errs.append(f"{at}: length {len(a)} vs {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)): close(x, y, f"{at}[{i}]", errs)
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if abs(a - b) > 1e-12: errs.append(f"{at}: {a} vs {b}")
    elif a != b:
        errs.append(f"{at}: {a!r} vs {b!r}")

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    binary = sys.argv[2] if len(sys.argv) > 2 else "target/debug/guotang"
    rng = random.Random(20261129)
    bad = 0
    with tempfile.TemporaryDirectory() as d:
        for i in range(n):
            path = os.path.join(d, f"s{i}.json")
            with open(path, "w") as f: json.dump(snapshot(rng), f, ensure_ascii=False)
            ours = subprocess.run([binary, "standings", path, "--json"], capture_output=True, text=True)
            oracle = subprocess.run([sys.executable, os.path.join(HERE, "standings.py"), path], capture_output=True, text=True)
            if ours.returncode != 0 or oracle.returncode != 0:
                bad += 1; print(f"case {i}: exit {ours.returncode}/{oracle.returncode}\n{ours.stderr}{oracle.stderr}"); continue
            errs = []
            close(json.loads(ours.stdout), json.loads(oracle.stdout), f"case{i}", errs)
            if errs:
                bad += 1; print("\n".join(errs[:5]))
    print(f"{n} random snapshots, {bad} with differences")
    sys.exit(1 if bad else 0)

main()
