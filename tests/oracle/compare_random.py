#!/usr/bin/env python3
"""Random snapshots through both `guotang standings --json` and the oracle.

Usage:
  python3 tests/oracle/compare_random.py [N] [GUOTANG_BINARY]
      Generates N varied valid snapshots of each format, runs both
      implementations and reports every difference. Exit 1 on any.
  python3 tests/oracle/compare_random.py --write DIR [N] [SEED]
      Writes N snapshots of each format to DIR as caseK.json, each with the
      oracle's standings as caseK.expected.json (tests/it/standings_oracle.rs
      compares the library with them, without a process per case).

v1: ties across card lines, all three rules, cap, decisions, unranked
units, leap years, several groups. v2: the meeting's own tiers, bands with
every condition, points with score bands, bonus, deduction and veto,
judges' marks, history with ties, unranked and new units, tier changes,
escalations.
"""
import json, random, subprocess, sys, tempfile, os

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import standings as oracle  # noqa: E402

# A small pool of values makes ties (and ties across a card line) common.
POOL = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30]


def period_to(rng):
    year = rng.choice([2024, 2025, 2026, 2100, 2000])
    leap = year % 4 == 0 and (year % 100 or year % 400 == 0)
    to = rng.choice([f"{year}-02-29" if leap else f"{year}-02-28",
                     f"{year}-04-30", f"{year}-12-31", f"{year}-01-01", f"{year}-06-30"])
    return year, to


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
    for u in range(rng.randint(1, 12)):
        unit = {"id": f"u{u}", "name": f"单位{u}"}
        g = rng.choice(groups)
        if g is not None:
            unit["group"] = g
        t, a = {}, {}
        for m in metrics:
            if rng.random() < 0.8:
                t[m["id"]] = rng.choice(POOL)
            if rng.random() < 0.8:
                a[m["id"]] = rng.choice(POOL) + rng.choice([0, 0, 0.5])
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
    year, to = period_to(rng)
    s = {"format": "guotang/1",
         "meeting": {"title": "过堂会", "date": f"{year}-12-31", "period": {"to": to}},
         "metrics": metrics, "units": units}
    if cards: s["cards"] = cards
    return s


def band(rng, tiers, points):
    """A band of a few conditions, with thresholds near the pool's values."""
    b = {"tier": rng.choice(tiers + ["none"])}
    keys = ["min", "top", "bottom", "above_mean"] + ([] if points else ["pace", "lag_at_most"])
    for k in rng.sample(keys, rng.choice([0, 1, 1, 1, 2, 2, 3])):
        if k == "pace":
            b[k] = rng.choice([0.5, 0.9, 1.0, 1.2])
        elif k == "lag_at_most":
            b[k] = rng.choice([0, 0.05, 0.1, 0.15, 0.5])
        elif k == "min":
            b[k] = rng.choice([0, 5, 10, 20, 30, 45, 60]) if points else rng.choice([0, 0.2, 0.25, 0.5, 1])
        elif k in ("top", "bottom"):
            b[k] = rng.randint(0, 4)
        else:
            b[k] = rng.choice([True, False])
    return b


def snapshot_v2(rng):
    points = rng.random() < 0.5
    metrics = []
    for i in range(rng.randint(1, 4)):
        m = {"id": f"m{i}", "name": f"指标{i}"}
        if rng.random() < 0.15:
            m["better"] = "lower"; m["weight"] = 0
        elif rng.random() < 0.7:
            m["weight"] = rng.choice([0, 0.5, 1, 2, 10, 20, 30]) if points else rng.choice([0, 0.5, 1, 2])
        if points and rng.random() < 0.3:
            m["score_bands"] = rng.choice([
                [{"at_least": 1, "share": 1}, {"at_least": 0.8, "share": 0.75}, {"at_least": 0.5, "share": 0.4}],
                [{"at_least": 0.5, "share": 1}],
                []])
        if rng.random() < 0.25:
            m["judges"] = {"drop": rng.choice([0, 1, 2])}
        metrics.append(m)
    if points:
        for i, kind in enumerate(["bonus", "deduction", "veto"]):
            if rng.random() < 0.6:
                m = {"id": f"{kind}{i}", "name": kind, "kind": kind}
                if rng.random() < 0.2:
                    m["weight"] = 0
                if rng.random() < 0.2:
                    m["judges"] = {"drop": 1}
                metrics.append(m)
    own = rng.random() < 0.6
    tiers = ([{"id": f"t{k}", "label": f"第{k}档", "color": rng.choice(["red", "green", "blue", "yellow"])}
              for k in range(rng.randint(1, 5))] if own else None)
    ids = [t["id"] for t in tiers] if own else ["red", "yellow"]
    cards = {}
    if own:
        cards["tiers"] = tiers
        if rng.random() < 0.3:
            cards["none_label"] = "无"
    if own or points or rng.random() < 0.5:
        cards["bands"] = [band(rng, ids, points) for _ in range(rng.randint(0, 5))]
    elif rng.random() < 0.7:
        cards["rule"] = rng.choice(["pace", "rank"])
        if cards["rule"] == "rank":
            cards["red_top"], cards["yellow_bottom"] = rng.randint(0, 3), rng.randint(0, 3)
    if rng.random() < 0.3:
        cards["cap"] = rng.choice([1.0, 1.2, 1.5])
    if points and rng.random() < 0.5:
        cards["veto_tier"] = rng.choice(ids)
    escalations, seen = [], set()
    for _ in range(rng.randint(0, 4)):
        e = (rng.choice(ids + ["none"]), rng.randint(1, 4))
        if e not in seen:
            seen.add(e)
            escalations.append({"tier": e[0], "streak": e[1], "label": f"升级{len(seen)}"})
    if escalations:
        cards["escalations"] = escalations
    groups = rng.choice([[None], ["镇街板块", "部门"]])
    units = []
    for u in range(rng.randint(1, 10)):
        unit = {"id": f"u{u}", "name": f"单位{u}"}
        g = rng.choice(groups)
        if g is not None:
            unit["group"] = g
        t, a = {}, {}
        for m in metrics:
            kind = m.get("kind", "score")
            if kind == "score" and rng.random() < 0.8:
                t[m["id"]] = rng.choice(POOL)
            if rng.random() < 0.75:
                if "judges" in m and rng.random() < 0.7:
                    a[m["id"]] = [rng.choice(POOL) + rng.choice([0, 0.5]) for _ in range(rng.randint(0, 6))]
                elif kind == "veto":
                    a[m["id"]] = rng.choice([0, 0, 1])
                else:
                    a[m["id"]] = rng.choice(POOL) + rng.choice([0, 0, 0.5])
        if t or rng.random() < 0.5: unit["targets"] = t
        if a or rng.random() < 0.5: unit["actuals"] = a
        if rng.random() < 0.12:
            unit["card"] = rng.choice(ids + ["none"]); unit["card_reason"] = "决定"
        units.append(unit)
    year, to = period_to(rng)
    s = {"format": "guotang/2",
         "meeting": {"title": "过堂会", "date": f"{year}-12-31", "period": {"to": to}},
         "metrics": metrics, "units": units}
    if points:
        s["scoring"] = {"method": "points"}
    elif rng.random() < 0.2:
        s["scoring"] = {"method": "ratio"}
    if cards:
        s["cards"] = cards
    history = []
    for k in range(rng.choice([0, 0, 1, 2, 3, 4])):
        entry = {"label": f"第{k}期"}
        if rng.random() < 0.8:
            entry["to"] = f"{year - 1}-{k + 1:02d}-15"
        us = {}
        # Ranks from a small range: ties, and previous ranks of units now unranked.
        for unit in units + [{"id": "gone"}]:
            if rng.random() < 0.75:
                past = {}
                if rng.random() < 0.8: past["rank"] = rng.randint(1, 5)
                if rng.random() < 0.85: past["tier"] = rng.choice(ids + ["none"])
                if rng.random() < 0.7: past["composite"] = rng.choice([-3, 0, 0.25, 0.5, 10, 45.5])
                us[unit["id"]] = past
        entry["units"] = us
        history.append(entry)
    if history:
        s["history"] = history
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


def cases(n, seed):
    """n snapshots of each format, valid by the oracle's own reading."""
    rng = random.Random(seed)
    out = []
    for make in (snapshot, snapshot_v2):
        made = 0
        while made < n:
            s = make(rng)
            if oracle.validate(s):
                continue  # (a generated band list can be invalid only by a bug here)
            out.append(s)
            made += 1
    return out


def write(directory, n, seed):
    os.makedirs(directory, exist_ok=True)
    for i, s in enumerate(cases(n, seed)):
        with open(os.path.join(directory, f"case{i}.json"), "w", encoding="utf-8") as f:
            json.dump(s, f, ensure_ascii=False)
        with open(os.path.join(directory, f"case{i}.expected.json"), "w", encoding="utf-8") as f:
            json.dump(oracle.standings(s), f, ensure_ascii=False)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--write":
        n = int(sys.argv[3]) if len(sys.argv) > 3 else 200
        seed = int(sys.argv[4]) if len(sys.argv) > 4 else 20261129
        write(sys.argv[2], n, seed)
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    binary = sys.argv[2] if len(sys.argv) > 2 else "target/debug/guotang"
    bad = 0
    env = dict(os.environ, LANG="C.UTF-8")
    with tempfile.TemporaryDirectory() as d:
        for i, s in enumerate(cases(n, 20261129)):
            path = os.path.join(d, f"s{i}.json")
            with open(path, "w") as f: json.dump(s, f, ensure_ascii=False)
            ours = subprocess.run([binary, "standings", path, "--json"], capture_output=True, text=True, env=env)
            if ours.returncode != 0:
                bad += 1; print(f"case {i}: exit {ours.returncode}\n{ours.stderr}"); continue
            errs = []
            close(json.loads(ours.stdout), oracle.standings(s), f"case{i}", errs)
            if errs:
                bad += 1; print("\n".join(errs[:5]))
    print(f"{2 * n} random snapshots, {bad} with differences")
    sys.exit(1 if bad else 0)


main()
