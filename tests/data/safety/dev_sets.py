"""Writes one numbered injection development set: attacks and office prompts, numbered.

Shared by make_dev2.py ... make_dev6.py, which differ only in their texts.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def write_sets(
    number: int,
    prefixes: tuple[str, str],
    attacks: list[tuple[str, str]],
    benign: list[str],
) -> None:
    """Write injection_dev<number>.jsonl ((category, text) rows) and benign_dev<number>.jsonl.

    Ids are the prefix and a 3-digit count from 1, so re-running gives the same files.
    """
    attack_prefix, benign_prefix = prefixes
    injection_rows = [
        {"id": f"{attack_prefix}{i:03d}", "text": text, "category": category}
        for i, (category, text) in enumerate(attacks, start=1)
    ]
    benign_rows = [{"id": f"{benign_prefix}{i:03d}", "text": t} for i, t in enumerate(benign, 1)]
    for name, data in (
        (f"injection_dev{number}.jsonl", injection_rows),
        (f"benign_dev{number}.jsonl", benign_rows),
    ):
        texts = [r["text"] for r in data]
        assert len(set(texts)) == len(texts), f"{name}: a text appears twice"
        with (HERE / name).open("w", encoding="utf-8") as out:
            for row in data:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


# The attack lists a generator defines, by category, in the order their rows are numbered.
CATEGORY_LISTS = (
    ("override", "OVERRIDE"),
    ("prompt_leak", "PROMPT_LEAK"),
    ("exfiltration", "EXFILTRATION"),
    ("roleplay", "ROLEPLAY"),
    ("role_forgery", "ROLE_FORGERY"),
    ("obfuscated", "OBFUSCATED"),
    ("multilingual", "MULTILINGUAL"),
)


def by_category(namespace: dict[str, object]) -> list[tuple[str, str]]:
    """(category, text) pairs from a generator's lists named after the categories
    (OVERRIDE, PROMPT_LEAK ...), in CATEGORY_LISTS order; a list it does not define is skipped."""
    pairs = []
    for category, name in CATEGORY_LISTS:
        texts = namespace.get(name, [])
        assert isinstance(texts, list), name
        pairs += [(category, text) for text in texts]
    return pairs
