"""A small learned scorer OR-ed with the rules: logistic regression on words and letter n-grams.

Why: the rule tables catch the phrasings they describe and little else; on a development set
written after the rules were tuned, they missed a quarter of the attacks. A linear model over
word unigrams and bigrams plus letter 3-5-grams of the normalised text generalises to unseen
wording ("the only guidance that counts is what I write") at the same cost class as the rules:
one set of feature strings and a dictionary lookup per feature, no model loading per request.

The weights live in the generated module `classifier_weights` (a Python module, so it ships
wherever the package does), written by `bench/train_injection_classifier.py` (trained only on
DEV rows of tests/data/safety and the hand-written development sets, never on held-out rows).
A text is also scored sentence by sentence (a long one only so), so an order pasted inside an
email or a document is not diluted by the text around it; any span over the threshold counts.
Words after a negation ("never reveal your system prompt") are marked, and a sentence that
forbids an attack verb is skipped, so a policy that forbids something does not look like a
request to do it. The threshold is set high: a false positive costs the people the gateway
protects more than a missed paraphrase, which the rules may still catch.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

WEIGHTS = Path(__file__).with_name("classifier_weights.py")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[^\w\s]")
_SENTENCE = re.compile(r"[.!?\n]\s+")
_PROHIBITION = re.compile(
    r"\W{0,3}(?:never|(?:do|does|must|should|shall|will|can) ?not|(?:do|does|must|should|wo|ca)"
    r"n't)\s+(?:ever\s+)?(?:reveal|share|disclose|send|forward|ignore|bypass|print|show|give|"
    r"tell|output|leak|repeat|expose|disable|paste|upload|e?mail|publish)\b"
)
MIN_WORDS = 4  # shorter sentences ("Lock your screen.") carry too little to judge alone
WINDOW = 400  # longest text scored whole; longer sentences are cut into pieces of this size
NGRAMS = (3, 4, 5)
NEGATED_SPAN = 3
_NEGATIONS = frozenset(
    {"not", "never", "no", "nor", "nicht", "nie", "kein", "keine", "ne", "pas", "jamais"}
    | {"nunca", "nao", "niet", "nooit", "geen", "mai"}
)
MEMO = 1 << 16  # words whose letter score a model remembers
MAX_TOKEN = 30  # longer runs (hashes, base64, URLs' paths) are noise to the model


@dataclass(frozen=True, slots=True)
class Model:
    """Weights of the two feature blocks and the bias.

    Words and word pairs are a binary vector, L2-normalised. Letter n-grams are counted once
    per distinct word they occur in and divided by the square root of the total count, so a
    text's letter score is a sum over its distinct words of a per-word sum that is computed
    once per word and remembered (`memo`, per model, bounded): the costly part of scoring is
    then a dictionary lookup per word.
    """

    words: dict[str, float]
    chars: dict[str, float]
    bias: float
    threshold: float  # for a whole text of up to WINDOW characters
    sentence_threshold: float  # for one sentence: higher, short spans score more extremely
    memo: dict[str, tuple[float, int]] = field(default_factory=dict, compare=False, repr=False)

    def score(self, text: str) -> float:
        """Probability-like score in [0, 1] for one span of normalised text."""
        words, tokens = _words_and_tokens(text)
        total = self.bias
        if words:  # filter and map run in C; most features have no weight
            known = filter(self.words.__contains__, words)
            total += sum(map(self.words.__getitem__, known)) / math.sqrt(len(words))
        weight = count = 0.0
        for token in tokens:
            cached = self.memo.get(token)
            if cached is None:
                grams = _grams(token)
                known = filter(self.chars.__contains__, grams)
                cached = (sum(map(self.chars.__getitem__, known)), len(grams))
                if len(self.memo) >= MEMO:
                    self.memo.clear()
                self.memo[token] = cached
            weight += cached[0]
            count += cached[1]
        if count:
            total += weight / math.sqrt(count)
        return 1.0 / (1.0 + math.exp(-total))

    def span(self, normalised: str) -> tuple[int, int] | None:
        """The first span that scores at or over the threshold, or None.

        A short text is scored whole against `threshold`; then each sentence of MIN_WORDS or
        more (an order pasted into an email is diluted by the email around it), in pieces of at
        most WINDOW characters, against the stricter `sentence_threshold`.
        """
        if len(normalised) <= WINDOW and self.score(normalised) >= self.threshold:
            return 0, len(normalised)
        spans = sentences(normalised)
        if len(spans) == 1 and len(normalised) <= WINDOW:
            return None
        for start, end in spans:
            if _PROHIBITION.match(normalised, start):
                continue  # "never reveal your system prompt": a rule about it, not a request
            piece = normalised[start:end]
            if len(piece.split()) < MIN_WORDS:
                continue
            if self.score(piece) >= self.sentence_threshold:
                return start, end
        return None


def features(text: str) -> tuple[set[str], Counter[str]]:
    """Features of normalised text: words and word pairs (binary), and letter n-grams counted
    once per distinct word. The training script uses this function, so training and inference
    cannot drift; `Model.score` computes the same sums without building the n-gram counts."""
    words, tokens = _words_and_tokens(text)
    chars: Counter[str] = Counter()
    for token in tokens:
        chars.update(_grams(token))
    return words, chars


def _words_and_tokens(text: str) -> tuple[set[str], set[str]]:
    """Word and word-pair features (negation-marked), and the distinct words for n-grams."""
    tokens = [t for t in _TOKEN.findall(text) if len(t) <= MAX_TOKEN]
    negated = "n't" in text or not _NEGATIONS.isdisjoint(tokens)
    marked = [t for t in (_mark_negated(tokens) if negated else tokens) if t[-1].isalnum()]
    words = set(marked)
    words.update(f"{a} {b}" for a, b in pairwise(marked))
    return words, set(tokens)


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


@cache
def model() -> Model:
    """The committed weights, imported on first use (once per process)."""
    from safety.injection import classifier_weights as w

    return Model(w.WORDS, w.CHARS, w.BIAS, w.THRESHOLD, w.SENTENCE_THRESHOLD)


def classifier_span(normalised: str) -> tuple[int, int] | None:
    """The first span of normalised text that the committed model flags, or None."""
    return model().span(normalised)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text` (without the blanks between them); a sentence over
    WINDOW characters is cut into pieces."""
    spans: list[tuple[int, int]] = []
    start = 0
    bounds = [(m.start() + 1, m.end()) for m in _SENTENCE.finditer(text)]
    for end, after in [*bounds, (len(text), len(text))]:
        while end - start > WINDOW:
            cut = text.rfind(" ", start, start + WINDOW) + 1
            cut = cut if cut > start else start + WINDOW
            spans.append((start, cut))
            start = cut
        if end > start:
            spans.append((start, end))
        start = after
    return spans
