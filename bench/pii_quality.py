"""PII detection quality and speed on tests/data/safety/pii.jsonl.

    .venv/bin/python bench/pii_quality.py
    .venv/bin/python bench/pii_quality.py --data tests/data/safety/pii_dev2.jsonl --no-speed

Per entity type: precision and recall, a prediction counting as correct when
it has the gold type and overlaps the gold span by at least half of the
longer of the two. Hard negatives: the share of those sentences with no
finding at all. Speed: detection p50/p95 on 200-, 2,000- and 20,000-character
prompts built from the dataset's sentences, and at 2,000 characters for a
policy asking for no names (no spaCy NER at all).
Targets (issue 6): recall >= 0.95 for EMAIL, PHONE, CREDIT_CARD, IBAN, SSN,
IP and >= 0.85 for PERSON; >= 0.9 on hard negatives; p50 < 15 ms at 2,000.

The figures are printed for all rows and for two halves: DEV (odd row ids),
the half the recognizers were tuned on, and HELD-OUT (even ids), which only
reports; a wide gap between the two means the rules fit rows, not families.
`--data` reads another file of the same schema instead (pii_dev2.jsonl: technical
sentences written for tuning, all of them development data, so no halves and no
held-out figure); `--no-speed` skips the timings.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from safety.policy import DEFAULT_ENTITIES, PiiPolicy
from safety.presidio_detector import PresidioDetector

DATA = Path(__file__).resolve().parents[1] / "tests/data/safety/pii.jsonl"
OFFICE = DATA.with_name("benign.jsonl")  # 182 office prompts, few names
# Every default type but PERSON and LOCATION, the two that need spaCy's NER.
STRUCTURED = [e for e in DEFAULT_ENTITIES if e not in ("PERSON", "LOCATION")]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * max(a[1] - a[0], b[1] - b[0])


def score(rows: list[dict], detector: PresidioDetector) -> tuple[dict, float]:
    tp, fp, fn = Counter(), Counter(), Counter()
    clean_negatives = 0
    for row in rows:
        predicted = [(s.entity_type, (s.start, s.end)) for s in detector.detect(row["text"])]
        gold = [(e["type"], (e["start"], e["end"])) for e in row["entities"]]
        if row["hard_negative"]:
            clean_negatives += not predicted
        matched: set[int] = set()
        for kind, span in predicted:
            hit = next(
                (
                    i
                    for i, (k, g) in enumerate(gold)
                    if i not in matched and k == kind and overlaps(span, g)
                ),
                None,
            )
            if hit is None:
                fp[kind] += 1
            else:
                matched.add(hit)
                tp[kind] += 1
        for i, (kind, _) in enumerate(gold):
            if i not in matched:
                fn[kind] += 1
    table = {
        k: {
            "precision": tp[k] / max(1, tp[k] + fp[k]),
            "recall": tp[k] / max(1, tp[k] + fn[k]),
            "gold": tp[k] + fn[k],
        }
        for k in sorted(set(tp) | set(fn))
    }
    negatives = sum(r["hard_negative"] for r in rows)
    return table, clean_negatives / max(1, negatives)


def speed(
    rows: list[dict], detector: PresidioDetector, sizes: tuple[int, ...] = (200, 2_000, 20_000)
) -> dict[str, dict[str, float]]:
    corpus = " ".join(r["text"] for r in rows)
    out = {}
    for size in sizes:
        text = (corpus * (size // len(corpus) + 1))[:size]
        detector.detect(text)  # warm-up: first calls allocate
        times = []
        for _ in range(31 if size < 20_000 else 7):
            start = time.perf_counter()
            detector.detect(text)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        out[str(size)] = {"p50_ms": statistics.median(times), "p95_ms": p95}
    return out


def split(rows: list[dict]) -> dict[str, list[dict]]:
    """All rows, DEV (odd ids: tune on these) and HELD-OUT (even ids: report only)."""
    odd = [r for r in rows if int(r["id"].lstrip("p")) % 2]
    even = [r for r in rows if not int(r["id"].lstrip("p")) % 2]
    return {"all": rows, "dev": odd, "held_out": even}


def report(name: str, table: dict, negatives: float, n_rows: int) -> None:
    print(f"== {name} ({n_rows} rows)")
    for kind, m in table.items():
        print(
            f"{kind:14s} precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
            f"(gold {m['gold']})"
        )
    print(f"hard negatives without any finding: {negatives:.3f}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="labelled JSON Lines file")
    parser.add_argument("--no-speed", action="store_true", help="quality figures only")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    rows = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    detector = PresidioDetector()
    results = {}
    parts = split(rows) if args.data.resolve() == DATA else {"all": rows}
    for name, part in parts.items():
        table, negatives = score(part, detector)
        report(name.upper().replace("_", "-"), table, negatives, len(part))
        results[name] = {"per_type": table, "hard_negatives_clean": negatives}
    if args.no_speed:
        print(json.dumps({**results["all"], "splits": results}))
        return
    timing = speed(rows, detector)
    for size, t in timing.items():
        print(f"detect {size:>6} chars: p50 {t['p50_ms']:.1f} ms, p95 {t['p95_ms']:.1f} ms")
    # The labelled sentences are dense with names; office prompts mostly are not, and NER
    # reads only sentences that may hold one (safety.name_candidates).
    office_rows = [json.loads(x) for x in OFFICE.read_text().splitlines() if x.strip()]
    office = speed(office_rows, detector, (2_000,))["2000"]
    print(f"detect   2000 chars of office prompts: p50 {office['p50_ms']:.1f} ms")
    # A policy without PERSON/LOCATION never runs spaCy's NER, nearly all of the time above.
    structured = PresidioDetector(pii=PiiPolicy(entities=STRUCTURED))
    unnamed = speed(rows, structured, (2_000,))["2000"]
    print(f"detect   2000 chars without PERSON/LOCATION: p50 {unnamed['p50_ms']:.1f} ms")
    summary = {
        **results["all"],
        "splits": results,
        "speed": timing,
        "speed_office": office,
        "speed_no_names": unnamed,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
