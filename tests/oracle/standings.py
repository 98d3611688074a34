#!/usr/bin/env python3
"""Reference oracle for guotang standings (snapshot format v1).

Usage: python3 standings.py SNAPSHOT.json   -> standings JSON on stdout.

Written from /work/shared/spec/snapshot-v1.md only; standard library only.
Invalid snapshots are refused (exit 2, every problem on stderr).
"""
import calendar
import datetime
import json
import re
import sys

EPS = 1e-9


# ---------------------------------------------------------------- validation

def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def is_date(x):
    if not isinstance(x, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", x):
        return False
    try:
        datetime.date.fromisoformat(x)
        return True
    except ValueError:
        return False


def validate(s):
    """The parts of the spec that matter for standings. Returns a list of problems."""
    errs = []
    if not isinstance(s, dict):
        return ["$: expected an object"]
    if s.get("format") != "guotang/1":
        errs.append(f"format: expected \"guotang/1\", found {json.dumps(s.get('format'))}")
    m = s.get("meeting")
    if not isinstance(m, dict):
        errs.append("meeting: required object")
    else:
        if not isinstance(m.get("title"), str):
            errs.append("meeting.title: required string")
        if not is_date(m.get("date")):
            errs.append("meeting.date: expected YYYY-MM-DD")
        per = m.get("period")
        if not isinstance(per, dict) or not is_date(per.get("to")):
            errs.append("meeting.period.to: expected YYYY-MM-DD")
        elif "from" in per and not is_date(per["from"]):
            errs.append("meeting.period.from: expected YYYY-MM-DD")
    metrics = s.get("metrics")
    mids = set()
    if not isinstance(metrics, list) or not metrics:
        errs.append("metrics: expected a non-empty array")
        metrics = []
    for i, mt in enumerate(metrics):
        p = f"metrics[{i}]"
        if not isinstance(mt, dict):
            errs.append(f"{p}: expected an object")
            continue
        mid = mt.get("id")
        if not isinstance(mid, str) or not re.fullmatch(r"[a-z0-9_]+", mid):
            errs.append(f"{p}.id: expected [a-z0-9_]+")
        elif mid in mids:
            errs.append(f"{p}.id: duplicate {mid!r}")
        mids.add(mid)
        if not isinstance(mt.get("name"), str):
            errs.append(f"{p}.name: required string")
        if mt.get("better", "higher") not in ("higher", "lower"):
            errs.append(f"{p}.better: expected \"higher\" or \"lower\"")
        w = mt.get("weight", 1)
        if not is_num(w) or w < 0:
            errs.append(f"{p}.weight: expected a number >= 0")
        elif mt.get("better") == "lower" and w != 0:
            errs.append(f"{p}.weight: a \"lower\" metric must have weight 0")
        d = mt.get("decimals", 0)
        if not isinstance(d, int) or isinstance(d, bool) or not 0 <= d <= 6:
            errs.append(f"{p}.decimals: expected integer 0-6")
    units = s.get("units")
    uids = set()
    if not isinstance(units, list):
        errs.append("units: expected an array")
        units = []
    for i, u in enumerate(units):
        p = f"units[{i}]"
        if not isinstance(u, dict):
            errs.append(f"{p}: expected an object")
            continue
        if not isinstance(u.get("id"), str):
            errs.append(f"{p}.id: required string")
        elif u["id"] in uids:
            errs.append(f"{p}.id: duplicate {u['id']!r}")
        uids.add(u.get("id"))
        if not isinstance(u.get("name"), str):
            errs.append(f"{p}.name: required string")
        if not isinstance(u.get("group", ""), str):
            errs.append(f"{p}.group: expected a string")
        for key in ("targets", "actuals"):
            obj = u.get(key, {})
            if not isinstance(obj, dict):
                errs.append(f"{p}.{key}: expected an object")
                continue
            for k, v in obj.items():
                if k not in mids:
                    errs.append(f"{p}.{key}.{k}: no metric with id {k!r}")
                if not is_num(v) or v < 0:
                    errs.append(f"{p}.{key}.{k}: expected a number >= 0")
        if "card" in u:
            if u["card"] not in ("red", "yellow", "none"):
                errs.append(f"{p}.card: expected red, yellow or none")
            if not isinstance(u.get("card_reason"), str):
                errs.append(f"{p}.card_reason: required with card")
    cards = s.get("cards", {"rule": "pace"})
    if not isinstance(cards, dict):
        errs.append("cards: expected an object")
    else:
        rule = cards.get("rule", "pace")
        need = {"pace": [], "rank": ["red_top", "yellow_bottom"],
                "threshold": ["red_min", "yellow_below"]}
        if rule not in need:
            errs.append(f"cards.rule: unknown rule {rule!r}")
        else:
            for k in need[rule]:
                if not is_num(cards.get(k)):
                    errs.append(f"cards.{k}: required number with rule {rule!r}")
        for k in ("red_at", "cap"):
            if k in cards and (not is_num(cards[k]) or cards[k] <= 0):
                errs.append(f"cards.{k}: expected a number > 0")
    return errs


# ---------------------------------------------------------------- arithmetic

def time_progress(to):
    d = datetime.date.fromisoformat(to)
    days = 366 if calendar.isleap(d.year) else 365
    return d.timetuple().tm_yday / days


def shared_ranks(items, lower=False):
    """items: list of (key, value). Sort stably (descending unless lower) and
    give ranks: within EPS of the PREVIOUS sorted value -> same rank, else the
    1-based position. Returns (sorted list of (key, value), {key: rank})."""
    order = sorted(items, key=lambda kv: kv[1] if lower else -kv[1])
    ranks = {}
    for pos, (key, val) in enumerate(order):
        if pos > 0 and abs(val - order[pos - 1][1]) <= EPS:
            ranks[key] = ranks[order[pos - 1][0]]
        else:
            ranks[key] = pos + 1
    return order, ranks


def standings(s):
    metrics = s["metrics"]
    units = s["units"]
    cards = s.get("cards", {"rule": "pace"})
    rule = cards.get("rule", "pace")
    cap = cards.get("cap")
    p = time_progress(s["meeting"]["period"]["to"])

    def completion(u, m):
        t = u.get("targets", {}).get(m["id"])
        if t is None or not t > 0:
            return None
        r = u.get("actuals", {}).get(m["id"], 0) / t
        if cap is not None:
            r = min(r, float(cap))
        return float(r)

    # composite
    comp = {}
    for u in units:
        num, den = 0.0, 0.0
        for m in metrics:
            w = m.get("weight", 1)
            r = completion(u, m)
            if w > 0 and r is not None:
                num += w * r
                den += w
        comp[u["id"]] = num / den if den > 0 else None

    groups = {}  # group -> [units], snapshot order within each group
    for u in units:
        groups.setdefault(u.get("group", ""), []).append(u)

    # composite ranks within group
    rank = {}
    n_ranked = {}
    for g, us in groups.items():
        items = [(u["id"], comp[u["id"]]) for u in us if comp[u["id"]] is not None]
        n_ranked[g] = len(items)
        rank.update(shared_ranks(items)[1])

    # per-metric ranks and gaps within group
    mstat = {}  # (unit id, metric id) -> (rank, gap_first, gap_above)
    for g, us in groups.items():
        for m in metrics:
            mid, lower = m["id"], m.get("better", "higher") == "lower"
            items = [(u["id"], float(u.get("actuals", {}).get(mid, 0))) for u in us
                     if mid in u.get("actuals", {}) or mid in u.get("targets", {})]
            order, ranks = shared_ranks(items, lower)
            first_val = order[0][1] if order else None
            for pos, (uid, val) in enumerate(order):
                behind = (lambda ref: val - ref) if lower else (lambda ref: ref - val)
                above = 0.0
                if ranks[uid] != 1:
                    # nearest preceding unit (sorted order) with a strictly better rank
                    j = pos - 1
                    while ranks[order[j][0]] >= ranks[uid]:
                        j -= 1
                    above = behind(order[j][1])
                mstat[(uid, mid)] = (ranks[uid], behind(first_val), above)

    # cards
    def rule_card(u):
        c = comp[u["id"]]
        if c is None:
            return "none"
        if rule == "pace":
            return "red" if c >= cards.get("red_at", 1.0) * p - EPS else "yellow"
        if rule == "rank":
            rk, n = rank[u["id"]], n_ranked[u.get("group", "")]
            if rk <= cards["red_top"]:
                return "red"
            return "yellow" if rk > n - cards["yellow_bottom"] else "none"
        if rule == "threshold":
            if c >= cards["red_min"] - EPS:
                return "red"
            return "yellow" if c < cards["yellow_below"] - EPS else "none"
        raise ValueError(rule)

    out = []
    for u in units:
        ms = {}
        for m in metrics:
            mid = m["id"]
            rk, gf, ga = mstat.get((u["id"], mid), (None, None, None))
            ms[mid] = {
                "actual": u.get("actuals", {}).get(mid),
                "target": u.get("targets", {}).get(mid),
                "completion": completion(u, m),
                "rank": rk,
                "gap_first": gf,
                "gap_above": ga,
            }
        decided = "card" in u
        out.append({
            "id": u["id"],
            "group": u.get("group", ""),
            "composite": comp[u["id"]],
            "rank": rank.get(u["id"]),
            "card": u["card"] if decided else rule_card(u),
            "card_source": "decision" if decided else "rule",
            "metrics": ms,
        })
    return {"time_progress": p, "units": out}


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: standings.py SNAPSHOT.json")
    with open(argv[1], encoding="utf-8") as f:
        snap = json.load(f)
    errs = validate(snap)
    if errs:
        print("\n".join(f"{argv[1]}: {e}" for e in errs), file=sys.stderr)
        sys.exit(2)
    json.dump(standings(snap), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
