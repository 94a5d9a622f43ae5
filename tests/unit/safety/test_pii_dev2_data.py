"""tests/data/safety/pii_dev2.jsonl keeps the schema and label rules of pii.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

from safety.policy import DEFAULT_ENTITIES

DATA = Path(__file__).resolve().parents[2] / "data/safety/pii_dev2.jsonl"
TYPES = set(DEFAULT_ENTITIES)  # the nine types the labelled sets use


def rows() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]


def test_dev2_rows_have_the_pii_schema_and_unique_ids_and_texts() -> None:
    data = rows()
    assert all(set(r) == {"id", "text", "entities", "hard_negative"} for r in data)
    assert len({r["id"] for r in data}) == len(data)
    assert len({r["text"] for r in data}) == len(data)
    assert all(r["id"].startswith("q") for r in data)  # never clashes with pii.jsonl's p-ids


def test_dev2_entity_offsets_match_values_in_text_order_without_overlap() -> None:
    for row in rows():
        last = 0
        for e in row["entities"]:
            assert e["type"] in TYPES
            assert row["text"][e["start"] : e["end"]] == e["value"], row["id"]
            assert e["start"] >= last, row["id"]
            last = e["end"]


def test_dev2_hard_negatives_have_no_entities_and_enough_rows_of_each_kind() -> None:
    data = rows()
    negatives = [r for r in data if r["hard_negative"]]
    assert all(r["entities"] == [] for r in negatives)
    assert len(negatives) >= 150
    assert sum(bool(r["entities"]) for r in data) >= 100
