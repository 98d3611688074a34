#!/usr/bin/env python3
"""Opens guotang's XLSX exports with openpyxl and checks them against
`guotang standings --json`: headers, numeric cell types, values, frozen panes
and column widths.

    scripts/check-xlsx.py [SNAPSHOT]      (default: the built-in demo)

Needs openpyxl (pip install openpyxl). Exits 1 and lists every failure.
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

try:
    import openpyxl
except ImportError:
    sys.exit("error: openpyxl is missing (pip install openpyxl)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUOTANG = os.path.join(ROOT, "target", "debug", "guotang")
failures = []
MAX_WIDTH = 60  # src/export/xlsx.rs


def check(ok, what):
    if not ok:
        failures.append(what)


def cols(s):
    """Width in terminal columns: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def run(*args):
    return subprocess.run([GUOTANG, *args], check=True, capture_output=True).stdout


def export(snapshot, what, path):
    run("export", *snapshot, "--format", "xlsx", "--what", what, "-o", path)
    wb = openpyxl.load_workbook(path)
    check(len(wb.worksheets) == 1, f"{what}: expected one worksheet, found {len(wb.worksheets)}")
    return wb.worksheets[0]


def header_map(ws):
    return {c.value: c.column for c in ws[1] if c.value is not None}


def pick(h, *names):
    for n in names:
        if n in h:
            return h[n]
    raise KeyError(f"none of {names} in headers {list(h)}")


def near(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-12 * max(1.0, abs(b))


def shown(cell):
    """The text Excel shows for a cell, near enough to size a column."""
    v, fmt = cell.value, cell.number_format
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if fmt.endswith("%"):
            return f"{v * 100:.1f}%"
        decimals = len(fmt.split(".")[1]) if "." in fmt else 0
        return f"{v:,.{decimals}f}"
    return str(v)


def check_layout(ws, what):
    check(ws.freeze_panes is not None and ws.freeze_panes.endswith("2"),
          f"{what}: header row not frozen (freeze_panes={ws.freeze_panes})")
    # openpyxl keys a run of equal-width columns by its first letter only.
    widths = {}
    for dim in ws.column_dimensions.values():
        for i in range(dim.min, dim.max + 1):
            widths[i] = dim.width
    for c in ws[1]:
        check(c.font.b, f"{what}: header {c.coordinate} not bold")
        w = widths.get(c.column)
        cells = [x for x in ws[c.column_letter] if x.value is not None]
        need = max(cols(shown(x)) for x in cells)
        if need > MAX_WIDTH:
            # Past the widest column guotang makes, long text must wrap.
            long = [x for x in cells[1:] if cols(shown(x)) > MAX_WIDTH]
            check(all(x.alignment.wrap_text for x in long),
                  f"{what}: column {c.column_letter} is capped but its long cells do not wrap")
            need = MAX_WIDTH
        # A column must fit its widest text (a CJK character counts two).
        check(w is not None and w >= need, f"{what}: column {c.column_letter} width {w} < text width {need}")


def check_standings(snapshot, tmp):
    ws = export(snapshot, "standings", os.path.join(tmp, "standings.xlsx"))
    data = json.loads(run("standings", *snapshot, "--json"))
    metrics = json.loads(open(snapshot[0], encoding="utf-8").read())["metrics"] if snapshot else None
    h = header_map(ws)
    check(ws.cell(1, 1).value == "id", f"standings: A1 is {ws.cell(1, 1).value!r}, expected 'id'")
    rank_c = pick(h, "排名", "rank")
    comp_c = pick(h, "综合完成", "composite")
    card_c = pick(h, "牌", "card")
    by_id = {u["id"]: u for u in data["units"]}
    check(ws.max_row - 1 == len(by_id), f"standings: {ws.max_row - 1} rows, {len(by_id)} units")
    cards = {"红牌": "red", "黄牌": "yellow", "不挂牌": "none", "red card": "red",
             "yellow card": "yellow", "no card": "none"}
    seen = 0
    for r in range(2, ws.max_row + 1):
        uid = ws.cell(r, 1).value
        u = by_id.get(uid)
        if u is None:
            failures.append(f"standings: row {r} has unknown id {uid!r}")
            continue
        seen += 1
        for col, want, name in ((rank_c, u["rank"], "rank"), (comp_c, u["composite"], "composite")):
            v = ws.cell(r, col).value
            check(v is None or isinstance(v, (int, float)), f"standings: {name} of {uid} is {type(v).__name__}")
            check(near(v, want), f"standings: {name} of {uid} is {v}, standings --json says {want}")
        check(cards.get(ws.cell(r, card_c).value) == u["card"], f"standings: card of {uid}")
        # Metric columns come in threes after the unit's columns: target, actual, completion.
        for k, (mid, m) in enumerate(u["metrics"].items()):
            base = 10 + 3 * k
            for off, key in enumerate(("target", "actual", "completion")):
                cell = ws.cell(r, base + off)
                v = cell.value
                check(v is None or isinstance(v, (int, float)),
                      f"standings: {cell.coordinate} ({mid} {key}) is text {v!r}")
                check(near(v, m[key]), f"standings: {cell.coordinate} ({mid} {key}) is {v}, expected {m[key]}")
            if metrics is not None:
                check(ws.cell(1, base + 1).value.startswith(metrics[k]["name"]),
                      f"standings: header {ws.cell(1, base + 1).coordinate} is not metric {metrics[k]['name']}")
    check(seen == len(by_id), "standings: not every unit was checked")
    check(ws.cell(2, comp_c).number_format.endswith("%"), "standings: composite not formatted as a percentage")
    check_layout(ws, "standings")
    return len(by_id)


def check_seating(snapshot, tmp):
    ws = export(snapshot, "seating", os.path.join(tmp, "seating.xlsx"))
    h = header_map(ws)
    row_c, seat_c = pick(h, "排", "row"), pick(h, "座", "seat")
    for r in range(2, ws.max_row + 1):
        for c in (row_c, seat_c):
            v = ws.cell(r, c).value
            check(v is None or (isinstance(v, (int, float)) and v >= 1 and v == int(v)),
                  f"seating: {ws.cell(r, c).coordinate} is {v!r}, expected a seat number")
    if ws.max_row > 1:
        check_layout(ws, "seating")
    return ws.max_row - 1


def check_projects(snapshot, tmp):
    ws = export(snapshot, "projects", os.path.join(tmp, "projects.xlsx"))
    data = json.loads(run("standings", *snapshot, "--json"))
    late = {o["project"]: o["days_late"] for o in data["overdue"]}
    h = header_map(ws)
    days_c = pick(h, "逾期天数", "days late")
    due_c = pick(h, "计划开工", "due start")
    for r in range(2, ws.max_row + 1):
        pid = ws.cell(r, 1).value
        v = ws.cell(r, days_c).value
        check(near(v, late.get(pid)), f"projects: days late of {pid} is {v}, expected {late.get(pid)}")
        d = ws.cell(r, due_c).value
        check(d is None or isinstance(d, datetime.datetime), f"projects: {ws.cell(r, due_c).coordinate} is not a date: {d!r}")
    if ws.max_row > 1:
        check_layout(ws, "projects")
    return ws.max_row - 1


def main():
    snapshot = sys.argv[1:2]
    subprocess.run(["cargo", "build", "--quiet", "--manifest-path", os.path.join(ROOT, "Cargo.toml")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        units = check_standings(snapshot, tmp)
        seats = check_seating(snapshot, tmp)
        projects = check_projects(snapshot, tmp)
    name = snapshot[0] if snapshot else "the demo"
    if failures:
        print(f"{name}: {len(failures)} failures", file=sys.stderr)
        for f in failures:
            print(f"  - {f}", file=sys.stderr)
        sys.exit(1)
    print(f"{name}: ok ({units} units, {seats} seats, {projects} projects checked)")


if __name__ == "__main__":
    main()
