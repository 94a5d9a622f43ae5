"""A small learned scorer OR-ed with the rules: logistic regression on words and letter n-grams.

Why: the rule tables catch the phrasings they describe and little else; on a development set
written after the rules were tuned, they missed a quarter of the attacks. A linear model over
word unigrams and bigrams plus letter 3-5-grams of the normalised text generalises to unseen
wording ("the only guidance that counts is what I write") at the same cost class as the rules:
one set of feature strings and a dictionary lookup per feature, no model loading per request.

The weights live in the generated module `classifier_weights` (a Python module, so it ships
wherever the package does), written by `bench/train_injection_classifier.py` (trained only on
DEV rows of tests/data/safety and the hand-written development sets, never on held-out rows).
Long texts are scored in windows of a few sentences, so an attack pasted inside a long document
is not diluted by it; any window over the threshold counts. Words after a negation ("never
reveal your system prompt") are marked, so a policy that forbids something does not look like
a request to do it. The threshold is set high: a false positive costs the people the gateway
protects more than a missed paraphrase, which the rules may still catch.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

WEIGHTS = Path(__file__).with_name("classifier_weights.py")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[^\w\s]")
_SENTENCE = re.compile(r"(?<=[.!?\n])\s+")
WINDOW = 400  # characters of whole sentences per scored window (training rows are mostly shorter)
NGRAMS = (3, 4, 5)
NEGATED_SPAN = 3
_NEGATIONS = frozenset(
    {"not", "never", "no", "nor", "nicht", "nie", "kein", "keine", "ne", "pas", "jamais"}
    | {"nunca", "nao", "niet", "nooit", "geen", "mai"}
)
MAX_TOKEN = 30  # longer runs (hashes, base64, URLs' paths) are noise to the model


@dataclass(frozen=True, slots=True)
class Model:
    """Weights of the two feature blocks (each L2-normalised, as in training) and the bias."""

    words: dict[str, float]
    chars: dict[str, float]
    bias: float
    threshold: float

    def score(self, text: str) -> float:
        """Probability-like score in [0, 1] for one window of normalised text."""
        total = self.bias
        for found, weights in zip(features(text), (self.words, self.chars), strict=True):
            if found:  # filter and map run in C; most features have no weight
                known = filter(weights.__contains__, found)
                total += sum(map(weights.__getitem__, known)) / math.sqrt(len(found))
        return 1.0 / (1.0 + math.exp(-total))


def features(text: str) -> tuple[set[str], set[str]]:
    """Binary features of normalised text: words and word pairs, and letter n-grams of words.

    The training script uses this same function, so training and inference cannot drift.
    """
    tokens = [t for t in _TOKEN.findall(text) if len(t) <= MAX_TOKEN]
    marked = [t for t in _mark_negated(tokens) if t[-1].isalnum()]
    words = set(marked)
    words.update(f"{a} {b}" for a, b in pairwise(marked))
    chars: set[str] = set()
    for token in set(tokens):
        chars |= _grams(token)
    return words, chars


def _mark_negated(tokens: list[str]) -> list[str]:
    """Prefix the NEGATED_SPAN words after a negation with '~' (punctuation ends the span)."""
    out: list[str] = []
    left = 0
    for token in tokens:
        if not token[0].isalnum():
            left = 0
            out.append(token)
        elif token in _NEGATIONS or token.endswith("n't"):
            left = NEGATED_SPAN
            out.append(token)
        else:
            out.append(f"~{token}" if left else token)
            left = max(0, left - 1)
    return out


@lru_cache(maxsize=1 << 16)
def _grams(token: str) -> frozenset[str]:
    """Letter 3-5-grams of one word with a space either side (cached: words recur a lot)."""
    padded = f" {token} "
    return frozenset(
        padded[i : i + n] for n in NGRAMS if len(padded) >= n for i in range(len(padded) - n + 1)
    )


def windows(text: str) -> list[tuple[int, int]]:
    """Spans of whole sentences grouped into windows of about WINDOW characters."""
    if len(text) <= WINDOW:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = end = 0
    for boundary in [m.end() for m in _SENTENCE.finditer(text)] + [len(text)]:
        if end > start and boundary - start > WINDOW:
            out.append((start, end))
            start = end
        end = boundary
    if end > start:
        out.append((start, end))
    return out


@cache
def model() -> Model:
    """The committed weights, imported on first use (once per process)."""
    from safety.injection import classifier_weights as w

    return Model(w.WORDS, w.CHARS, w.BIAS, w.THRESHOLD)


def classifier_span(normalised: str) -> tuple[int, int] | None:
    """The first window of normalised text that scores at or over the threshold, or None."""
    scorer = model()
    for start, end in windows(normalised):
        if scorer.score(normalised[start:end]) >= scorer.threshold:
            return start, end
    return None
