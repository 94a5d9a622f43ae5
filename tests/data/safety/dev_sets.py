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


def by_category(*groups: tuple[str, list[str]]) -> list[tuple[str, str]]:
    """(category, text) pairs from (category, texts) groups, in order."""
    return [(category, text) for category, texts in groups for text in texts]
