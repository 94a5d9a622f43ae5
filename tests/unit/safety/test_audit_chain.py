"""The chain's pure parts: canonical bytes, MAC links, and what verify_rows names."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from safety.audit.chain import (
    GENESIS,
    Anchor,
    canonical,
    head_content,
    mac,
    seal,
    timestamp,
    verify_rows,
)
from safety.audit.events import index_of, outcome_for

KEY = b"s" * 32


def chain(n: int) -> list[tuple[int, str, str, dict[str, object]]]:
    rows, prev = [], GENESIS
    for i in range(1, n + 1):
        content = {"id": i, "action": "chat", "pii": {"PERSON": i}}
        m = mac(KEY, prev, content)
        rows.append((i, prev, m, content))
        prev = m
    return rows


def head_of(rows: list[tuple[int, str, str, dict[str, object]]]) -> tuple[int, str, str]:
    last_id, last_mac = rows[-1][0], rows[-1][2]
    return last_id, last_mac, seal(KEY, "head", head_content(last_id, last_mac))


def test_canonical_bytes_ignore_key_order() -> None:
    assert canonical({"b": 1, "a": {"y": 2, "x": 1}}) == canonical({"a": {"x": 1, "y": 2}, "b": 1})
    assert canonical({"a": 1}) == b'{"a":1}'


def test_timestamp_is_utc_microseconds_for_naive_and_aware_times() -> None:
    aware = datetime(2026, 1, 1, 13, 0, 0, 5, tzinfo=timezone(timedelta(hours=1)))
    assert timestamp(aware) == "2026-01-01T12:00:00.000005Z"
    assert timestamp(datetime(2026, 1, 1, 12, 0, 0, 5)) == timestamp(aware)


def test_intact_chain_verifies() -> None:
    rows = chain(5)
    assert verify_rows(KEY, Anchor(0, GENESIS), rows, head_of(rows)).ok


def test_changed_content_names_that_row() -> None:
    rows = chain(5)
    i, prev, m, content = rows[2]
    rows[2] = (i, prev, m, {**content, "pii": {"PERSON": 0}})
    v = verify_rows(KEY, Anchor(0, GENESIS), rows, head_of(rows))
    assert (v.ok, v.first_bad_id, v.checked) == (False, 3, 2)


def test_swapped_rows_name_the_first_of_them() -> None:
    rows = chain(5)
    rows[1], rows[2] = rows[2], rows[1]
    assert verify_rows(KEY, Anchor(0, GENESIS), rows, head_of(chain(5))).first_bad_id == 3


def test_renumbered_rows_after_a_deletion_break_the_link() -> None:
    rows = chain(5)
    del rows[1]
    rows = [(n, p, m, c) for n, (_, p, m, c) in enumerate(rows, start=1)]
    v = verify_rows(KEY, Anchor(0, GENESIS), rows, head_of(chain(5)))
    assert v.first_bad_id == 2 and v.reason == "does not link to the previous event"


def test_anchor_from_a_checkpoint_starts_mid_chain() -> None:
    rows = chain(6)
    v = verify_rows(KEY, Anchor(3, rows[2][2]), rows[3:], head_of(rows))
    assert v.ok and v.checked == 3


def test_forged_head_signature_is_refused() -> None:
    rows = chain(3)
    last_id, last_mac, _ = head_of(rows)
    assert not verify_rows(KEY, Anchor(0, GENESIS), rows, (last_id, last_mac, "0" * 64)).ok


def test_rows_without_a_signed_head_are_refused() -> None:
    assert not verify_rows(KEY, Anchor(0, GENESIS), chain(2), None).ok
    assert verify_rows(KEY, Anchor(0, GENESIS), [], None).ok


def test_index_matches_names_exactly_and_outcomes_follow_status() -> None:
    assert index_of(["b", "a", "a"]) == ",a,b," and index_of([]) == ""
    assert [outcome_for(s) for s in (200, 400, 401, 403, 429, 499, 500, 503)] == [
        "ok", "error", "denied", "denied", "denied", "cancelled", "error", "error"
    ]  # fmt: skip
    assert outcome_for(400, blocked=True) == "blocked" and outcome_for(200, cancelled=True) == (
        "cancelled"
    )
