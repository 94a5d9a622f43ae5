"""Train the injection detector's learned scorer (safety/injection/classifier_weights.py).

    .venv/bin/python bench/train_injection_classifier.py [--check]

Data, and only this (never a held-out row): attacks are the DEV rows (odd ids) of
tests/data/safety/injection.jsonl plus injection_dev2-7.jsonl;
office text is the DEV rows of benign.jsonl, benign_dev2-7.jsonl (and their sentences), the
questions of tests/data/qa.jsonl and the paragraphs of the Markdown and text documents in
tests/data/corpus (those two at half weight: they are plentiful and easy). pii.jsonl and
office_contacts.jsonl are left out so that "no hit" on them stays an independent check.

Model: logistic regression (scikit-learn, lbfgs, C from INJECTION_C, default 32; fixed
settings, so a rerun writes the same file) over the features of
`safety.injection.classifier.features` on normalised text. Weights under PRUNE in magnitude
are dropped to keep the file small; the threshold is fixed here and was chosen by the
cross-check that `--check` prints: train without one development set, score it, for
thresholds around THRESHOLD (rules alone, model alone, both; false positives on that set's
office prompts and on pii.jsonl). Single sentences (read on their own so that an order pasted
into a long email is not diluted) need SENTENCE_THRESHOLD: short spans score more extremely,
and at 0.93 about one office document in seven had a sentence over it; at 0.97 none of the
corpus documents has, and two thirds of the scorer's catches survive being buried in office
text. The sentences of office texts and of the corpus paragraphs are trained on as office text.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from safety.injection import normalise
from safety.injection.classifier import WEIGHTS, Model, features, sentences
from safety.injection.detect import rule_hits

DATA = Path(__file__).resolve().parents[1] / "tests/data"
DEV_NUMBERS = range(2, 8)  # injection_dev2-7.jsonl / benign_dev2-7.jsonl
C = float(os.environ.get("INJECTION_C", "32"))
THRESHOLD = 0.93
SENTENCE_THRESHOLD = 0.97
PRUNE = 0.1
EASY_WEIGHT = 0.5


def load(name: str) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def dev_only(rows: list[dict]) -> list[str]:
    """DEV rows of the original split: odd id numbers. Held-out rows never enter training."""
    return [r["text"] for r in rows if int(r["id"][1:]) % 2 == 1]


def corpus_paragraphs() -> list[str]:
    paragraphs = []
    names = glob.glob(str(DATA / "corpus/*.md")) + glob.glob(str(DATA / "corpus/*.txt"))
    for name in sorted(names):
        for block in Path(name).read_text(encoding="utf-8").split("\n\n"):
            if 20 < len(block.strip()) < 400 and not block.lstrip().startswith(("#", "|")):
                paragraphs.append(block.strip())
    return paragraphs


def sets() -> dict[str, tuple[list[str], list[str]]]:
    """(attacks, office prompts) per development set."""
    data = {
        "dev": (dev_only(load("safety/injection.jsonl")), dev_only(load("safety/benign.jsonl")))
    }
    for n in DEV_NUMBERS:
        data[f"dev{n}"] = (
            [r["text"] for r in load(f"safety/injection_dev{n}.jsonl")],
            [r["text"] for r in load(f"safety/benign_dev{n}.jsonl")],
        )
    return data


def matrix(texts: list[str], vocab: dict[str, int], grow: bool) -> sparse.csr_matrix:
    """Feature rows scaled as `Model.score` scales them: words binary over the root of their
    number, letter n-gram counts over the root of their total."""
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        words, chars = features(normalise(text))
        blocks = (
            ("w", {w: 1 for w in words}, np.sqrt(len(words))),
            ("c", chars, np.sqrt(sum(chars.values()))),
        )
        for prefix, counts, norm in blocks:
            for feature, count in counts.items():
                key = f"{prefix}{feature}"
                if grow:
                    vocab.setdefault(key, len(vocab))
                if key in vocab:
                    rows.append(i)
                    cols.append(vocab[key])
                    vals.append(count / norm)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)))


def pieces(texts: list[str]) -> list[str]:
    """The sentences of multi-sentence office texts: the scorer also reads single sentences,
    and a sentence of office text is office text."""
    out = []
    for text in texts:
        norm = normalise(text)
        spans = sentences(norm)
        if len(spans) > 1:
            out += [norm[a:b] for a, b in spans]
    return out


def fit(attacks: list[str], office: list[str], easy: list[str]):
    office = office + pieces(office)
    easy = easy + pieces(easy)
    vocab: dict[str, int] = {}
    texts = attacks + office + easy
    x = matrix(texts, vocab, grow=True)
    y = np.array([1] * len(attacks) + [0] * (len(office) + len(easy)))
    weight = np.array([1.0] * (len(attacks) + len(office)) + [EASY_WEIGHT] * len(easy))
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    model.fit(x, y, sample_weight=weight)
    return model, vocab


def scorer(model, vocab: dict[str, int], threshold: float) -> Model:
    """The fitted weights as the detector uses them (sentence spans, threshold), unpruned."""
    coef = model.coef_[0]
    blocks: dict[str, dict[str, float]] = {"w": {}, "c": {}}
    for key, col in vocab.items():
        blocks[key[0]][key[1:]] = float(coef[col])
    return Model(
        blocks["w"], blocks["c"], float(model.intercept_[0]), threshold, SENTENCE_THRESHOLD
    )


def flagged(model: Model, texts: list[str]) -> np.ndarray:
    return np.array([model.span(normalise(t)) is not None for t in texts])


def check(data: dict[str, tuple[list[str], list[str]]], easy: list[str]) -> None:
    """Train without one development set and score it: the estimate for unseen wording."""
    pii = [r["text"] for r in load("safety/pii.jsonl")]
    for left_out in (f"dev{n}" for n in DEV_NUMBERS):
        attacks = [t for k, (a, _) in data.items() if k != left_out for t in a]
        office = [t for k, (_, b) in data.items() if k != left_out for t in b]
        model, vocab = fit(attacks, office, easy)
        test_attacks, test_office = data[left_out]
        rules = np.array([bool(rule_hits(t)) for t in test_attacks])
        for threshold in (0.85, 0.9, THRESHOLD, 0.95):
            learned = scorer(model, vocab, threshold)
            found = flagged(learned, test_attacks)
            print(
                f"{left_out} left out, threshold {threshold:.2f}: rules {rules.mean():.3f}, "
                f"model {found.mean():.3f}, either {(found | rules).mean():.3f}; office false "
                f"positives {int(flagged(learned, test_office).sum())}/{len(test_office)}, "
                f"pii.jsonl {int(flagged(learned, pii).sum())}/{len(pii)}"
            )


def main() -> None:
    data = sets()
    easy = [r["question"] for r in load("qa.jsonl")] + corpus_paragraphs()
    if "--check" in sys.argv:
        check(data, easy)
        return
    attacks = [t for a, _ in data.values() for t in a]
    office = [t for _, b in data.values() for t in b]
    model, vocab = fit(attacks, office, easy)
    coef = model.coef_[0]
    weights: dict[str, dict[str, float]] = {"w": {}, "c": {}}
    for key, col in sorted(vocab.items()):
        if abs(coef[col]) >= PRUNE:
            weights[key[0]][key[1:]] = round(float(coef[col]), 3)
    WEIGHTS.write_text(module(weights, float(model.intercept_[0])), encoding="utf-8")
    print(f"{len(weights['w'])} word and {len(weights['c'])} letter features -> {WEIGHTS}")


def quoted(key: str) -> str:
    """A string literal as ruff format writes it: double quotes unless that needs escapes."""
    if '"' in key and "'" not in key:
        return "'" + json.dumps(key, ensure_ascii=False)[1:-1].replace('\\"', '"') + "'"
    return json.dumps(key, ensure_ascii=False)


def module(weights: dict[str, dict[str, float]], bias: float) -> str:
    """The weights as a Python module (ships with the package; formatted as ruff would)."""
    lines = [
        "# ruff: noqa  (generated data: long n-gram keys, letters of every script)",
        '"""Weights of the injection scorer: generated by bench/train_injection_classifier.py."""',
        "",
        f"THRESHOLD = {THRESHOLD}",
        f"SENTENCE_THRESHOLD = {SENTENCE_THRESHOLD}",
        f"BIAS = {round(bias, 4)}",
    ]
    for name, block in (("WORDS", weights["w"]), ("CHARS", weights["c"])):
        lines += ["", f"{name}: dict[str, float] = {{"]
        lines += [f"    {quoted(k)}: {v}," for k, v in block.items()]
        lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
