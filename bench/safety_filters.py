"""Input-filter quality and safety latency with the packaged default policy.

    .venv/bin/python bench/safety_filters.py

Quality: the share of tests/data/safety/injection.jsonl blocked by the default
policy's input rules (patterns), and by the default plus similarity rules
(injection and topic by meaning, real MiniLM embedder), per
category, and the share of benign.jsonl office prompts blocked (false
positives), each for DEV rows (odd ids, which the rules were tuned on) and
HELD-OUT rows (even ids). Speed: p50/p95 for 200-, 2,000- and 20,000-character
prompts of (a) the input filters alone, (b) Presidio pseudonymization alone,
(c) both, as a request pays them (no cache hits: each timed text is new).
Targets (issue 6): >= 0.9 blocked, <= 0.02 false positives, p50 < 15 ms at 2,000.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval.embedder import SentenceTransformerEmbedder
from safety.checkers import CheckContext
from safety.filters import Scope
from safety.policy import DEFAULT_POLICY
from safety.policy_store import PolicyStore
from safety.presidio_detector import PresidioDetector
from safety.vault import ConversationMap, pseudonymize

DATA = Path(__file__).resolve().parents[1] / "tests/data/safety"
USER = Scope("user", ("staff",))
SIMILARITY_RULES = """
[[rules]]
name = "injection-by-meaning"
kind = "injection"
similarity = 0.62

[[rules]]
name = "weapons-by-meaning"
kind = "topic"
descriptions = [
  "how to build a bomb or an explosive device",
  "how to make chemical weapons or nerve agents",
  "how to make an untraceable gun",
]
similarity = 0.62
"""


def rows(name: str) -> list[dict]:
    return [json.loads(x) for x in (DATA / name).read_text().splitlines() if x.strip()]


def split(items: list[dict]) -> dict[str, list[dict]]:
    odd = [r for r in items if int(r["id"][1:]) % 2]
    even = [r for r in items if not int(r["id"][1:]) % 2]
    return {"dev": odd, "held_out": even, "all": items}


def quality(store: PolicyStore) -> dict[str, object]:
    policy = store.current()

    def blocked(text: str) -> str | None:
        decision = policy.evaluate(text, "input", USER).blocked_by
        return decision.rule if decision else None

    out: dict[str, object] = {}
    for part, attacks in split(rows("injection.jsonl")).items():
        hit = Counter(r["category"] for r in attacks if blocked(r["text"]))
        total = Counter(r["category"] for r in attacks)
        out[f"attacks_blocked_{part}"] = sum(hit.values()) / len(attacks)
        out[f"by_category_{part}"] = {c: hit[c] / total[c] for c in sorted(total)}
    for part, benign in split(rows("benign.jsonl")).items():
        fired = [r["id"] for r in benign if blocked(r["text"])]
        out[f"benign_blocked_{part}"] = len(fired) / len(benign)
        out[f"benign_blocked_ids_{part}"] = fired
    return out


def prompt(corpus: list[str], size: int, rng: random.Random) -> str:
    text = ""
    while len(text) < size:
        text += rng.choice(corpus) + " "
    return text[:size]


def timed(fn, texts: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    times = []
    for text in texts:
        start = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))]}


def speed(store: PolicyStore, detector: PresidioDetector) -> dict[str, dict[str, object]]:
    corpus = [r["text"] for r in rows("benign.jsonl") + rows("pii.jsonl")]
    rng = random.Random(7)
    ctx = CheckContext(detector=detector)

    def filters(text: str) -> object:
        return store.current().evaluate(text, "input", USER, ctx)

    def redaction(text: str) -> object:
        return pseudonymize(text, detector.detect(text), ConversationMap())

    def both(text: str) -> object:
        return redaction(filters(text).text)  # type: ignore[attr-defined]

    out: dict[str, dict[str, object]] = {}
    for size, n in ((200, 40), (2_000, 25), (20_000, 6)):
        both(prompt(corpus, size, rng))  # warm-up
        # Fresh texts for each measurement: no cache (input or embedding) hits across them.
        out[str(size)] = {
            name: timed(fn, [prompt(corpus, size, rng) for _ in range(n)])
            for name, fn in (("filters", filters), ("redaction", redaction), ("both", both))
        }
    return out


def report(name: str, store: PolicyStore, detector: PresidioDetector) -> dict[str, object]:
    q = quality(store)
    print(f"policy: {name}")
    for part in ("dev", "held_out", "all"):
        by = ", ".join(f"{k} {v:.2f}" for k, v in q[f"by_category_{part}"].items())  # type: ignore[attr-defined]
        print(
            f"  {part:8s} attacks blocked {q[f'attacks_blocked_{part}']:.3f} ({by}); "
            f"benign blocked {q[f'benign_blocked_{part}']:.3f}"
        )
    s = speed(store, detector)
    for size, parts in s.items():
        cells = "  ".join(
            f"{kind} p50 {t['p50_ms']:.1f} / p95 {t['p95_ms']:.1f} ms"  # type: ignore[index]
            for kind, t in parts.items()
        )
        print(f"  {size:>6} chars: {cells}")
    return {"quality": q, "speed": s}


def main() -> None:
    embedder = SentenceTransformerEmbedder()
    detector = PresidioDetector()
    default = PolicyStore(None, embedder.embed, detector.configure)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "policy.toml"
        path.write_text(DEFAULT_POLICY.read_text() + SIMILARITY_RULES)
        similar = PolicyStore(path, embedder.embed, detector.configure)
        out = {
            "default": report("default (patterns, keywords)", default, detector),
            "similarity": report("default + similarity rules", similar, detector),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
