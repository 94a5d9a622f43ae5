"""Prompt-injection detector quality and speed on tests/data/safety/.

    .venv/bin/python bench/injection_quality.py [--show-dev-errors] [--dev-only]

Detection: the share of injection.jsonl rows with at least one hit, per category and
overall. False positives: the share of benign.jsonl rows with any hit, overall and on the
tricky rows (b116-b182, where trigger words are used harmlessly). Every figure is split into
DEV rows (odd id numbers; the patterns were tuned on these) and HELD-OUT rows (even ids;
never read while tuning), so the held-out figure estimates quality on unseen prompts.
Speed: injection_hits p50/p95 on 200-, 2,000- and 20,000-character prompts built from the
benign sentences. Targets: >= 0.9 detection (with embedding similarity on top) and
<= 0.02 false positives; p50 well under 1 ms at 2,000 characters.
--show-dev-errors lists the DEV misses and false positives (never held-out rows).
The development sets written after the first DEV split was used up (injection_dev2-6.jsonl,
benign_dev2-6.jsonl: every row is DEV) are reported too, and split by what caught each attack
(rules, or the learned scorer when no rule fired). --dev-only leaves the held-out figures out,
for tuning without spending a look at them.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from safety.injection import injection_hits
from safety.injection.detect import rule_hits

DATA = Path(__file__).resolve().parents[1] / "tests/data/safety"
FIRST_TRICKY = 116
SPLITS = ("dev", "held_out")
DEV_SETS = tuple((f"injection_dev{n}.jsonl", f"benign_dev{n}.jsonl") for n in (2, 3, 4, 5, 6, 7))


def load(name: str) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def split_of(row: dict) -> str:
    return "dev" if int(row["id"][1:]) % 2 else "held_out"


def share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def detection(rows: list[dict]) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, int]]]:
    """Share of attacks with a hit, and the number of rows, per split and category."""
    flags: dict[str, dict[str, list[bool]]] = {s: defaultdict(list) for s in SPLITS}
    for row in rows:
        hit = bool(injection_hits(row["text"]))
        flags[split_of(row)][row["category"]].append(hit)
        flags[split_of(row)]["overall"].append(hit)
    shares = {s: {c: share(f) for c, f in sorted(flags[s].items())} for s in SPLITS}
    counts = {s: {c: len(f) for c, f in sorted(flags[s].items())} for s in SPLITS}
    return shares, counts


def false_positives(rows: list[dict]) -> dict[str, dict[str, float]]:
    flags: dict[str, dict[str, list[bool]]] = {s: defaultdict(list) for s in SPLITS}
    for row in rows:
        hit = bool(injection_hits(row["text"]))
        flags[split_of(row)]["overall"].append(hit)
        if int(row["id"][1:]) >= FIRST_TRICKY:
            flags[split_of(row)]["tricky"].append(hit)
    return {s: {k: share(f) for k, f in flags[s].items()} for s in SPLITS}


def speed(rows: list[dict]) -> dict[str, dict[str, float]]:
    corpus = " ".join(r["text"] for r in rows)
    out = {}
    for size in (200, 2_000, 20_000):
        text = (corpus * (size // len(corpus) + 1))[:size]
        runs = 200 if size < 20_000 else 40
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            injection_hits(text)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        out[str(size)] = {
            "p50_ms": statistics.median(times),
            "p95_ms": times[int(0.95 * (runs - 1))],
        }
    return out


def show_dev_errors(attacks: list[dict], benign: list[dict]) -> None:
    for row in attacks:
        if split_of(row) == "dev" and not injection_hits(row["text"]):
            print(f"MISS {row['id']} {row['category']}: {row['text']!r}")
    for row in benign:
        if split_of(row) == "dev" and (hits := injection_hits(row["text"])):
            print(f"FP   {row['id']} {[h.signal for h in hits]}: {row['text']!r}")
    for attack_file, benign_file in DEV_SETS:
        for row in load(attack_file):
            if not injection_hits(row["text"]):
                print(f"MISS {row['id']} {row['category']}: {row['text']!r}")
        for row in load(benign_file):
            if hits := injection_hits(row["text"]):
                print(f"FP   {row['id']} {[h.signal for h in hits]}: {row['text']!r}")


def dev_sets() -> dict[str, dict[str, float]]:
    """Detection per category (and by rules alone) and false positives on each extra dev set."""
    out = {}
    for attack_file, benign_file in DEV_SETS:
        by: dict[str, list[bool]] = defaultdict(list)
        by_rules: list[bool] = []
        for row in load(attack_file):
            by[row["category"]].append(bool(injection_hits(row["text"])))
            by["overall"].append(by[row["category"]][-1])
            by_rules.append(bool(rule_hits(row["text"])))
        figures = {c: share(f) for c, f in sorted(by.items())}
        figures["rules alone"] = share(by_rules)
        office = [bool(injection_hits(r["text"])) for r in load(benign_file)]
        figures["false positives"] = share(office)
        out[attack_file.split(".")[0]] = figures
    return out


def main() -> None:
    attacks, benign = load("injection.jsonl"), load("benign.jsonl")
    dev_only = "--dev-only" in sys.argv
    if dev_only:  # held-out rows are not even scored
        attacks = [r for r in attacks if split_of(r) == "dev"]
        benign = [r for r in benign if split_of(r) == "dev"]
    if "--show-dev-errors" in sys.argv:
        show_dev_errors(attacks, benign)
    (found, counts), wrong = detection(attacks), false_positives(benign)
    print(f"{'detection':14s} {'dev':>10s} {'held-out':>13s}")
    for category in found["dev"]:
        dev, n_dev = found["dev"][category], counts["dev"][category]
        held = "" if dev_only else f"{found['held_out'][category]:8.3f}"
        n_held = "" if dev_only else f"({counts['held_out'][category]:2d})"
        print(f"{category:14s} {dev:6.3f} ({n_dev:2d}) {held} {n_held}")
    print(f"{'false positives':14s}")
    for kind in ("overall", "tricky"):
        held = "" if dev_only else f"{wrong['held_out'][kind]:8.3f}"
        print(f"  {kind:12s} {wrong['dev'][kind]:6.3f}      {held}")
    extra = dev_sets()
    for name, figures in extra.items():
        print(name + ": " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    # Never trained on: office prompts with addresses, passwords and links (a blind check).
    contacts = share([bool(injection_hits(r["text"])) for r in load("office_contacts.jsonl")])
    extra["office_contacts"] = {"false positives": contacts}
    print(f"office_contacts (never trained on): false positives {contacts:.3f}")
    timing = speed(benign)
    for size, t in timing.items():
        print(f"injection_hits {size:>6} chars: p50 {t['p50_ms']:.3f} ms, p95 {t['p95_ms']:.3f} ms")
    figures = {
        "detection": found,
        "rows": counts,
        "false_positives": wrong,
        "dev_sets": extra,
        "speed": timing,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
