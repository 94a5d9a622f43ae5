"""How much retrieval adds to time-to-first-token of a grounded chat.

    .venv/bin/python bench/retrieval_ttft.py [--runs 9]

Indexes tests/data/corpus, then for each question of a fixed sample: times the
hybrid search, and the time to the first generated token of the grounded
prompt (search hits quoted as the gateway does) on the packaged Gemma model.
Reports the medians and search / (search + TTFT): the share of the grounded
request's first-token latency that retrieval itself costs. Target: < 10%.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from engine.llama import LlamaOptions, LoadedModel, open_llama
from engine.protocol import ChatMessage, SamplingParams
from gateway.grounding import ground_messages
from retrieval.service import build_eval_index

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "How many days of annual leave do staff get?",
    "What does error GK-809 on the VPN mean?",
    "Who approves travel over the hotel limit?",
    "How long are backups kept?",
    "When is the month-end close deadline?",
]


class FirstToken(Exception):
    pass


def ttft(model: LoadedModel, messages: list[ChatMessage]) -> float:
    params = SamplingParams(temperature=0.0)
    tokens, plan, grammar = model.prepare(messages, params)
    model.llm.reset()  # no prefix cache between runs: a fresh question each time

    def stop_at_first(_event: object) -> None:
        raise FirstToken

    start = time.perf_counter()
    with contextlib.suppress(FirstToken):
        model.run(tokens, params, plan, grammar, 8, stop_at_first, threading.Event())
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--model", type=Path, default=ROOT / "data/models/gemma-3-270m-q4_k_m.gguf")
    args = ap.parse_args()
    index = build_eval_index(ROOT / "tests/data/corpus", Path(tempfile.mkdtemp()))
    options = LlamaOptions(model_path=args.model, n_ctx=4096)
    model = LoadedModel(open_llama(options), options)
    searches, firsts = [], []
    for i in range(args.runs):
        question = QUESTIONS[i % len(QUESTIONS)]
        start = time.perf_counter()
        hits = index.search(question, 5, "hybrid")
        searches.append(time.perf_counter() - start)
        firsts.append(ttft(model, ground_messages([ChatMessage("user", question)], hits)))
    s, t = statistics.median(searches) * 1000, statistics.median(firsts) * 1000
    print(
        f"search p50 {s:.1f} ms; TTFT of the grounded prompt p50 {t:.1f} ms; "
        f"retrieval share of first-token latency {s / (s + t):.1%} (target < 10%)"
    )


if __name__ == "__main__":
    main()
