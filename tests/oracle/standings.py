#!/usr/bin/env python3
"""Reference oracle for guotang standings (snapshot formats v1 and v2).

Usage: python3 standings.py SNAPSHOT.json   -> standings JSON on stdout.

Written from /work/shared/spec/snapshot-v1.md and snapshot-v2.md only;
standard library only. Invalid snapshots are refused (exit 2, every
problem on stderr). Labels are the Chinese ones (红牌, 黄牌, 不挂牌).

Where the spec leaves a choice open, this oracle takes the one written in
docs/format.md: a veto applies to every unit, ranked or not; score bands
and every "at least" comparison allow 1e-9, like the bands.
"""
import calendar
import datetime
import json
import re
import sys

EPS = 1e-9
MAX = sys.float_info.max

DEFAULT_TIERS = [{"id": "red", "label": "红牌", "color": "red"},
                 {"id": "yellow", "label": "黄牌", "color": "yellow"}]
COLORS = {"red", "orange", "yellow", "green", "blue", "purple", "grey", "black"}
CONDITIONS = ("pace", "lag_at_most", "min", "top", "bottom", "above_mean")
V2_TOP = ("scoring", "history")
V2_CARDS = ("tiers", "bands", "none_label", "veto_tier", "escalations")
V2_METRIC = ("kind", "score_bands", "judges")


# ---------------------------------------------------------------- validation

def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def is_int(x, lo=0):
    return is_num(x) and float(x).is_integer() and x >= lo


def is_date(x):
    if not isinstance(x, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", x):
        return False
    try:
        datetime.date.fromisoformat(x)
        return True
    except ValueError:
        return False


def is_v2(s):
    return s.get("format") == "guotang/2"


def scoring_of(s):
    if not is_v2(s):
        return "ratio"
    return s.get("scoring", {}).get("method", "ratio")


def kind_of(m, s):
    return m.get("kind", "score") if is_v2(s) else "score"


def tiers_of(s):
    cards = s.get("cards", {})
    if is_v2(s) and "tiers" in cards:
        return cards["tiers"]
    return DEFAULT_TIERS


def validate(s):
    """The parts of the spec that matter for standings. Returns a list of problems."""
    errs = []
    if not isinstance(s, dict):
        return ["$: expected an object"]
    if s.get("format") not in ("guotang/1", "guotang/2"):
        errs.append(f"format: expected guotang/1 or guotang/2, found {json.dumps(s.get('format'))}")
        return errs
    v2 = is_v2(s)
    cards = s.get("cards", {})
    if not v2:
        for k in V2_TOP:
            if k in s:
                errs.append(f"{k}: a v2 field in a v1 file")
        if isinstance(cards, dict):
            for k in V2_CARDS:
                if k in cards:
                    errs.append(f"cards.{k}: a v2 field in a v1 file")
        for i, mt in enumerate(s.get("metrics") or []):
            if isinstance(mt, dict):
                for k in V2_METRIC:
                    if k in mt:
                        errs.append(f"metrics[{i}].{k}: a v2 field in a v1 file")
    scoring = scoring_of(s)
    if scoring not in ("ratio", "points"):
        errs.append("scoring.method: expected ratio or points")
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
    mids = {}
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
        mids[mid] = mt
        if not isinstance(mt.get("name"), str):
            errs.append(f"{p}.name: required string")
        if mt.get("better", "higher") not in ("higher", "lower"):
            errs.append(f"{p}.better: expected \"higher\" or \"lower\"")
        kind = kind_of(mt, s)
        if kind not in ("score", "bonus", "deduction", "veto"):
            errs.append(f"{p}.kind: unknown kind")
        elif kind != "score" and scoring != "points":
            errs.append(f"{p}.kind: {kind} needs points scoring")
        w = mt.get("weight", 1 if kind == "score" else 0)
        if not is_num(w) or w < 0:
            errs.append(f"{p}.weight: expected a number >= 0")
        elif kind == "score" and mt.get("better") == "lower" and w != 0:
            errs.append(f"{p}.weight: a \"lower\" metric must have weight 0")
        elif kind != "score" and w != 0:
            errs.append(f"{p}.weight: a {kind} metric takes no weight")
        d = mt.get("decimals", 0)
        if not isinstance(d, int) or isinstance(d, bool) or not 0 <= d <= 6:
            errs.append(f"{p}.decimals: expected integer 0-6")
        if v2 and "score_bands" in mt:
            if kind != "score" or scoring != "points":
                errs.append(f"{p}.score_bands: only a score metric under points")
            for b in mt["score_bands"]:
                if not (is_num(b.get("at_least")) and b["at_least"] >= 0
                        and is_num(b.get("share")) and b["share"] >= 0):
                    errs.append(f"{p}.score_bands: expected at_least and share >= 0")
        if v2 and "judges" in mt and not is_int(mt["judges"].get("drop", 0)):
            errs.append(f"{p}.judges.drop: expected a whole number >= 0")
    tier_ids = [t.get("id") for t in tiers_of(s)] if isinstance(cards, dict) else []
    refs = set(tier_ids) | {"none"}
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
                    continue
                judged = v2 and "judges" in mids[k]
                if key == "actuals" and judged and isinstance(v, list):
                    if not all(is_num(x) and x >= 0 for x in v):
                        errs.append(f"{p}.{key}.{k}: marks must be numbers >= 0")
                elif not is_num(v) or v < 0:
                    errs.append(f"{p}.{key}.{k}: expected a number >= 0")
                elif key == "targets" and kind_of(mids[k], s) != "score":
                    errs.append(f"{p}.{key}.{k}: a {kind_of(mids[k], s)} metric takes no target")
        if "card" in u:
            if u["card"] not in refs:
                errs.append(f"{p}.card: unknown tier {u['card']!r}")
            if not isinstance(u.get("card_reason"), str):
                errs.append(f"{p}.card_reason: required with card")
    if not isinstance(cards, dict):
        errs.append("cards: expected an object")
        return errs
    if v2 and "tiers" in cards:
        ids = [t.get("id") for t in cards["tiers"]]
        if not ids:
            errs.append("cards.tiers: at least one tier")
        if len(set(ids)) != len(ids) or "none" in ids:
            errs.append("cards.tiers: ids unique, none reserved")
        for t in cards["tiers"]:
            if not (isinstance(t.get("id"), str) and re.fullmatch(r"[a-z0-9_]+", t["id"])
                    and isinstance(t.get("label"), str) and t.get("color") in COLORS):
                errs.append("cards.tiers: id, label and colour")
    if "rule" in cards and v2 and "bands" in cards:
        errs.append("cards.bands: not with rule")
    if v2 and "bands" in cards:
        for i, b in enumerate(cards["bands"]):
            if b.get("tier") not in refs:
                errs.append(f"cards.bands[{i}].tier: unknown tier")
            if scoring == "points" and ("pace" in b or "lag_at_most" in b):
                errs.append(f"cards.bands[{i}]: pace and lag_at_most not under points")
    else:
        if v2 and "tiers" in cards:
            errs.append("cards.bands: required with the meeting's own tiers")
        rule = cards.get("rule", "pace")
        need = {"pace": [], "rank": ["red_top", "yellow_bottom"],
                "threshold": ["red_min", "yellow_below"]}
        if rule not in need:
            errs.append(f"cards.rule: unknown rule {rule!r}")
        else:
            for k in need[rule]:
                if not is_num(cards.get(k)):
                    errs.append(f"cards.{k}: required number with rule {rule!r}")
            if rule == "pace" and scoring == "points":
                errs.append("cards: pace does not apply under points")
        for k in ("red_at",):
            if k in cards and (not is_num(cards[k]) or cards[k] <= 0):
                errs.append(f"cards.{k}: expected a number > 0")
    if "cap" in cards and (not is_num(cards["cap"]) or cards["cap"] <= 0):
        errs.append("cards.cap: expected a number > 0")
    if v2 and "veto_tier" in cards and cards["veto_tier"] not in tier_ids:
        errs.append("cards.veto_tier: unknown tier")
    seen = set()
    for i, e in enumerate(cards.get("escalations", []) if v2 else []):
        if e.get("tier") not in refs:
            errs.append(f"cards.escalations[{i}].tier: unknown tier")
        if not is_int(e.get("streak"), 1):
            errs.append(f"cards.escalations[{i}].streak: a whole number >= 1")
        if (e.get("tier"), e.get("streak")) in seen:
            errs.append(f"cards.escalations[{i}]: a second escalation at this streak")
        seen.add((e.get("tier"), e.get("streak")))
    last = None
    end = (s.get("meeting") or {}).get("period", {}).get("to")
    for i, h in enumerate(s.get("history", []) if v2 else []):
        to = h.get("to")
        if to is not None:
            if not is_date(to):
                errs.append(f"history[{i}].to: a date")
            else:
                if last is not None and to <= last:
                    errs.append(f"history[{i}].to: out of order")
                if is_date(end) and to >= end:
                    errs.append(f"history[{i}].to: not before this meeting")
                last = to
        for uid, past in h.get("units", {}).items():
            if "tier" in past and past["tier"] not in refs:
                errs.append(f"history[{i}].units.{uid}.tier: unknown tier")
            if "rank" in past and not is_int(past["rank"], 1):
                errs.append(f"history[{i}].units.{uid}.rank: a whole number >= 1")
            if "composite" in past and not is_num(past["composite"]):
                errs.append(f"history[{i}].units.{uid}.composite: a number")
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


def clamp(x):
    return max(-MAX, min(MAX, x))


def judged(marks, drop):
    """The mean of the marks after removing the `drop` highest and lowest,
    when more than 2·drop are given; else the plain mean; none without marks."""
    if not marks:
        return None
    kept = sorted(float(x) for x in marks)
    if len(kept) > 2 * drop:
        kept = kept[drop:len(kept) - drop]
    total = 0.0
    for x in kept:
        total += x
    return total / len(kept)


def bands_of(s):
    """The ordered bands: the file's (v2), or v1's rule as the spec maps it."""
    cards = s.get("cards", {})
    if is_v2(s) and "bands" in cards:
        return cards["bands"]
    rule = cards.get("rule", "pace")
    if rule == "pace":
        return [{"tier": "red", "pace": cards.get("red_at", 1.0)}, {"tier": "yellow"}]
    if rule == "rank":
        return [{"tier": "red", "top": cards["red_top"]},
                {"tier": "yellow", "bottom": cards["yellow_bottom"]}, {"tier": "none"}]
    return [{"tier": "red", "min": cards["red_min"]},
            {"tier": "none", "min": cards["yellow_below"]}, {"tier": "yellow"}]


def band_holds(band, c, rank, n, mean, p):
    """All of a band's conditions hold (a band without conditions always does)."""
    for k in CONDITIONS:
        if k not in band:
            continue
        x = band[k]
        if k == "pace" and not c >= x * p - EPS:
            return False
        if k == "lag_at_most" and not p - c <= x + EPS:
            return False
        if k == "min" and not c >= x - EPS:
            return False
        if k == "top" and not rank <= x:
            return False
        if k == "bottom" and not rank > n - x:
            return False
        if k == "above_mean":
            above = c >= mean - EPS
            if above != x:
                return False
    return True


def standings(s):
    v2 = is_v2(s)
    metrics = s["metrics"]
    units = s["units"]
    cards = s.get("cards", {})
    scoring = scoring_of(s)
    cap = cards.get("cap", 1 if scoring == "points" else None)
    p = time_progress(s["meeting"]["period"]["to"])
    tiers = tiers_of(s)
    labels = {t["id"]: t["label"] for t in tiers}
    labels["none"] = cards.get("none_label", "不挂牌") if v2 else "不挂牌"
    veto_tier = cards.get("veto_tier", tiers[-1]["id"]) if v2 else tiers[-1]["id"]
    bands = bands_of(s)

    def actual(u, m):
        a = u.get("actuals", {}).get(m["id"])
        if isinstance(a, list):
            return judged(a, m["judges"].get("drop", 0))
        return a

    def completion(u, m):
        if kind_of(m, s) != "score":
            return None
        t = u.get("targets", {}).get(m["id"])
        if t is None or not t > 0:
            return None
        r = min((actual(u, m) or 0.0) / t, MAX)
        if cap is not None:
            r = min(r, float(cap))
        return float(r)

    def share(m, r):
        sb = m.get("score_bands") if v2 else None
        if not sb:
            return r
        for b in sb:
            if r >= b["at_least"] - EPS:
                return float(b["share"])
        return 0.0

    # composite
    comp = {}
    for u in units:
        if scoring == "ratio":
            num, den = 0.0, 0.0
            for m in metrics:
                w = m.get("weight", 1)
                r = completion(u, m)
                if w > 0 and r is not None:
                    num += w * r
                    den += w
            comp[u["id"]] = num / den if den > 0 else None
        else:
            total, scored = 0.0, False
            for m in metrics:
                r = completion(u, m)
                w = m.get("weight", 1)
                if r is not None and w > 0:
                    scored = True
                    total = clamp(total + min(w * share(m, r), MAX))
            for m in metrics:
                k = kind_of(m, s)
                if k == "bonus":
                    total = clamp(total + (actual(u, m) or 0.0))
                elif k == "deduction":
                    total = clamp(total - (actual(u, m) or 0.0))
            comp[u["id"]] = total if scored else None

    groups = {}  # group -> [units], snapshot order within each group
    for u in units:
        groups.setdefault(u.get("group", ""), []).append(u)

    # composite ranks and means within group
    rank, n_ranked, mean = {}, {}, {}
    for g, us in groups.items():
        items = [(u["id"], comp[u["id"]]) for u in us if comp[u["id"]] is not None]
        n_ranked[g] = len(items)
        if items:
            total = 0.0
            for _, c in items:
                total += c
            mean[g] = total / len(items)
        rank.update(shared_ranks(items)[1])

    # per-metric ranks and gaps within group
    mstat = {}  # (unit id, metric id) -> (rank, gap_first, gap_above)
    for g, us in groups.items():
        for m in metrics:
            mid = m["id"]
            k = kind_of(m, s)
            if k == "bonus":
                lower = False
            elif k in ("deduction", "veto"):
                lower = True
            else:
                lower = m.get("better", "higher") == "lower"
            items = [(u["id"], float(actual(u, m) or 0.0)) for u in us
                     if actual(u, m) is not None or mid in u.get("targets", {})]
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

    # tiers
    def rule_card(u):
        for m in metrics:
            if kind_of(m, s) == "veto" and (actual(u, m) or 0.0) > 0:
                return veto_tier, m["id"]
        c = comp[u["id"]]
        if c is None:
            return "none", None
        g = u.get("group", "")
        for b in bands:
            if band_holds(b, c, rank[u["id"]], n_ranked[g], mean[g], p):
                return b["tier"], None
        return "none", None

    history = s.get("history", []) if v2 else []
    escalations = cards.get("escalations", []) if v2 else []

    out = []
    for u in units:
        ms = {}
        for m in metrics:
            mid = m["id"]
            rk, gf, ga = mstat.get((u["id"], mid), (None, None, None))
            ms[mid] = {
                "actual": actual(u, m),
                "target": u.get("targets", {}).get(mid),
                "completion": completion(u, m),
                "rank": rk,
                "gap_first": gf,
                "gap_above": ga,
            }
        decided = "card" in u
        by_rule, veto = rule_card(u)
        card = u["card"] if decided else by_rule
        c, rk = comp[u["id"]], rank.get(u["id"])
        prev = history[-1].get("units", {}).get(u["id"], {}) if history else {}
        rank_change = prev["rank"] - rk if "rank" in prev and rk is not None else None
        comp_change = clamp(c - prev["composite"]) if "composite" in prev and c is not None else None
        streak = 1
        for h in reversed(history):
            if h.get("units", {}).get(u["id"], {}).get("tier") == card:
                streak += 1
            else:
                break
        esc, best = None, 0
        for e in escalations:
            if e["tier"] == card and e["streak"] <= streak and e["streak"] > best:
                esc, best = e["label"], e["streak"]
        out.append({
            "id": u["id"],
            "group": u.get("group", ""),
            "composite": c,
            "rank": rk,
            "card": card,
            "card_source": "decision" if decided else "rule",
            "rule_card": by_rule,
            "tier_label": labels[card],
            "veto": veto,
            "rank_change": rank_change,
            "composite_change": comp_change,
            "streak": streak,
            "escalation": esc,
            "metrics": ms,
        })
    return {"scoring": scoring, "time_progress": p, "units": out}


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
