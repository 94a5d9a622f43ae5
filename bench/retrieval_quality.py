"""Retrieval quality on the labelled evaluation set: recall@5 and MRR@10 for each search mode.

Builds a private index over the corpus (`retrieval.service.build_eval_index`), asks every
question of the QA file in each mode, and scores the top 10 hits. A hit is relevant when it
comes from the labelled document and either contains the answer span (both sides
whitespace-collapsed) or, on the labelled page, contains at least 60% of the span's distinct
words. Prints each mode's figures overall and by question type (paraphrase / identifier /
shared), the time taken, whether hybrid beats both single modes on both metrics, and a JSON
summary as the last line.

    .venv/bin/python bench/retrieval_quality.py
    .venv/bin/python bench/retrieval_quality.py --modes bm25,hybrid --work-dir /tmp/rq --show-misses

Data: tests/data/corpus (37 documents: .md, .txt and PDF-only .pdf) and tests/data/qa.jsonl
(one question per line: id, question, document, page, answer_span, type).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MODES = ("vector", "bm25", "hybrid")
RECALL_K, MRR_K = 5, 10


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def relevant(hit: Any, qa: dict[str, Any]) -> bool:
    if hit.filename != qa["document"]:
        return False
    span = collapse(qa["answer_span"])
    if span in collapse(hit.text):
        return True
    wanted = words(span)
    overlap = len(wanted & words(hit.text)) / max(1, len(wanted))
    return overlap >= 0.6 and int(hit.page) == int(qa["page"])


def first_relevant_rank(hits: Sequence[Any], qa: dict[str, Any]) -> int | None:
    for rank, hit in enumerate(hits[:MRR_K], start=1):
        if relevant(hit, qa):
            return rank
    return None


def score(ranks: Sequence[int | None]) -> dict[str, float]:
    n = max(1, len(ranks))
    return {
        f"recall@{RECALL_K}": round(sum(1 for r in ranks if r and r <= RECALL_K) / n, 4),
        f"mrr@{MRR_K}": round(sum(1 / r for r in ranks if r) / n, 4),
        "n": len(ranks),
    }


def metrics(s: dict[str, Any]) -> str:
    return f"recall@{RECALL_K} {s[f'recall@{RECALL_K}']:.3f}  MRR@{MRR_K} {s[f'mrr@{MRR_K}']:.3f}"


def evaluate(index: Any, questions: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    index.search(questions[0]["question"], MRR_K, mode)  # warm-up: load models before timing
    started = time.perf_counter()
    ranks: list[int | None] = []
    by_type: dict[str, list[int | None]] = defaultdict(list)
    misses: list[str] = []
    for qa in questions:
        rank = first_relevant_rank(index.search(qa["question"], MRR_K, mode), qa)
        ranks.append(rank)
        by_type[qa.get("type", "untyped")].append(rank)
        if not rank or rank > RECALL_K:
            misses.append(f"{qa['id']} [{qa.get('type', '-')}] {qa['question']}")
    seconds = time.perf_counter() - started
    return {
        **score(ranks),
        "by_type": {t: score(r) for t, r in sorted(by_type.items())},
        "seconds": round(seconds, 2),
        "ms_per_query": round(1000 * seconds / max(1, len(questions)), 1),
        "misses": misses,
    }


def hybrid_verdict(results: dict[str, dict[str, Any]]) -> bool | None:
    if not all(m in results for m in MODES):
        return None
    keys = (f"recall@{RECALL_K}", f"mrr@{MRR_K}")
    return all(results["hybrid"][k] > results[o][k] for o in ("vector", "bm25") for k in keys)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests/data/corpus")
    parser.add_argument("--qa", type=Path, default=ROOT / "tests/data/qa.jsonl")
    parser.add_argument("--work-dir", type=Path, default=None, help="default: a temporary dir")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated subset")
    parser.add_argument("--show-misses", action="store_true", help="list top-5 misses per mode")
    args = parser.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if unknown := set(modes) - set(MODES):
        parser.error(f"unknown modes: {sorted(unknown)}")
    questions = [json.loads(line) for line in args.qa.read_text("utf-8").splitlines() if line]

    sys.path.insert(0, str(ROOT))
    from retrieval.service import build_eval_index  # lazy: this file imports without it

    with tempfile.TemporaryDirectory(prefix="enclave-rq-") as tmp:
        work_dir = args.work_dir or Path(tmp)
        started = time.perf_counter()
        index = build_eval_index(args.corpus, work_dir)
        build_s = round(time.perf_counter() - started, 2)
        print(f"index built over {args.corpus} in {build_s} s; {len(questions)} questions")
        results = {mode: evaluate(index, questions, mode) for mode in modes}

    for mode, r in results.items():
        print(f"\n{mode:7s} {metrics(r)}  ({r['seconds']} s, {r['ms_per_query']} ms/q)")
        for qtype, s in r["by_type"].items():
            print(f"  {qtype:11s} n={s['n']:3d}  {metrics(s)}")
        if args.show_misses:
            print("\n".join(f"    miss {m}" for m in r["misses"]))
    verdict = hybrid_verdict(results)
    answer = (
        "not measured (needs all three modes)" if verdict is None else "yes" if verdict else "no"
    )
    print(f"\nhybrid beats both vector and bm25 on recall@{RECALL_K} and MRR@{MRR_K}: {answer}")
    summary = {
        "questions": len(questions),
        "build_s": build_s,
        "modes": {m: {k: v for k, v in r.items() if k != "misses"} for m, r in results.items()},
        "hybrid_beats_both": verdict,
    }
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
