"""Reciprocal rank fusion and collection access rules: pure functions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

RRF_K = 60  # Cormack et al.: robust across systems; dampens the weight of top ranks
COLLECTION_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


def rrf(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = sum over lists of 1 / (k + rank), rank from 1.

    Ties keep the order of first appearance (the earlier list wins), so the
    result is deterministic.
    """
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def may_read(role: str, groups: Iterable[str], read_groups: Iterable[str]) -> bool:
    return role == "admin" or bool(set(groups) & set(read_groups))


def may_write(role: str, groups: Iterable[str], write_groups: Iterable[str]) -> bool:
    return role == "admin" or bool(set(groups) & set(write_groups))


def valid_collection_name(name: str) -> bool:
    return bool(COLLECTION_NAME.match(name))
