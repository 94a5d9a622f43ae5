"""The hash chain, as pure functions: canonical bytes, MACs, and verification.

Each event's MAC is HMAC-SHA256 under a key kept outside the database, over
the previous event's MAC and the event's canonical content (its id included).
Editing a row changes its content; deleting or inserting one breaks the next
row's link; reordering rows changes ids or links; so a recomputation finds
the first row where any of that happened. Without the key nobody can forge a
row that fits. Pruned history leaves a signed checkpoint whose MAC is where
the remaining chain starts; a signed head (the last id and MAC) shows that
rows were cut off the end.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec

GENESIS = "0" * 64  # the link before the first event ever written
_encode = msgspec.json.Encoder(order="sorted").encode


def canonical(content: Mapping[str, Any]) -> bytes:
    """Sorted-key compact JSON: the same bytes on every platform and database.

    Values are strings, ints, bools, None, lists and dicts only (times go
    through `timestamp`), so no float formatting can differ between writers.
    """
    return _encode(content)


def utc(value: datetime) -> datetime:
    """Stored times are UTC: SQLite keeps a datetime's wall-clock fields and drops the
    offset (and compares them as text), so every time written or bound is made UTC first."""
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def timestamp(value: datetime | str) -> str:
    """UTC to the microsecond, `2026-01-01T12:00:00.000005Z`.

    Naive datetimes are UTC here (SQLite hands them back so). A string is
    SQLite's stored form, which SQLAlchemy always writes as
    `2026-01-01 12:00:00.000005` (UTC, since every stored time is UTC).
    """
    if isinstance(value, str):
        return value.replace(" ", "T", 1) + "Z"
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds") + "Z"


def mac(key: bytes, prev: str, content: Mapping[str, Any]) -> str:
    """HMAC-SHA256 (OpenSSL's one-shot: verify runs it once per row)."""
    return hmac.digest(key, prev.encode() + b"\n" + canonical(content), "sha256").hex()


def seal(key: bytes, kind: str, content: Mapping[str, Any]) -> str:
    """A MAC over a non-event record (head, checkpoint), domain-separated by `kind`."""
    return hmac.digest(key, kind.encode() + b"\n" + canonical(content), "sha256").hex()


def key_check(key: bytes) -> str:
    """Stored with the head: a process with another key stops instead of forking the chain."""
    return seal(key, "key-check", {})


def head_content(last_id: int, last_mac: str) -> dict[str, Any]:
    return {"last_id": last_id, "last_mac": last_mac}


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where verification starts: genesis, or the newest checkpoint left by a prune."""

    after_id: int  # the first remaining event must have id after_id + 1
    mac: str


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "first_bad_id": self.first_bad_id,
            "reason": self.reason,
        }


def verify_rows(
    key: bytes,
    anchor: Anchor,
    rows: Iterable[tuple[int, str, str, Mapping[str, Any]]],
    head: tuple[int, str, str] | None,
) -> Verdict:
    """Walk `(id, prev_mac, mac, content)` rows in id order from `anchor`.

    The first row whose id is not the next one, whose link is not the previous
    MAC, or whose MAC does not recompute is named. `head` is the signed
    `(last_id, last_mac, signature)`; the chain must end exactly there.
    """
    expected_id, prev, checked = anchor.after_id + 1, anchor.mac, 0
    for row_id, prev_mac, row_mac, content in rows:
        if row_id != expected_id:
            why = "missing event before it" if row_id > expected_id else "id out of order"
            return Verdict(False, checked, row_id, why)
        if not _same(prev_mac, prev):
            return Verdict(False, checked, row_id, "does not link to the previous event")
        if not _same(mac(key, prev, content), row_mac):
            return Verdict(False, checked, row_id, "content does not match its MAC")
        prev, expected_id, checked = row_mac, expected_id + 1, checked + 1
    last_id = expected_id - 1
    if head is None:
        return Verdict(checked == 0, checked, None, None if checked == 0 else "no signed head")
    head_id, head_mac, signature = head
    if not _same(seal(key, "head", head_content(head_id, head_mac)), signature):
        return Verdict(False, checked, head_id or None, "the chain head's signature is wrong")
    if head_id != last_id or not _same(head_mac, prev):
        bad = last_id + 1 if head_id > last_id else head_id + 1
        return Verdict(False, checked, bad, "the chain does not end where its head says")
    return Verdict(True, checked)


def _same(a: str, b: str) -> bool:
    """Constant-time, and a stored value with non-ASCII characters is simply unequal."""
    return hmac.compare_digest(a.encode(), b.encode())
