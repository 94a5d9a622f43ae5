"""What the tamper-evident audit log costs: appends, verification, export.

    .venv/bin/python bench/audit.py [--seconds 4] [--verify-events 100000]
        [--export-events 1000000] [--trace-events 100000] [--export-pg]
        [--pg-url URL] [--skip-pg] [--only append|verify|export]

(1) Sustained SqlAuditLog.append() rate with 1, 8 and 32 writer threads, each
appending realistic "chat" events for a fixed time, on SQLite (a fresh file
database) and PostgreSQL (a fresh database, dropped at the end), with the
per-append latency p50/p95: the 1-writer p50 is what audit adds to a request.
(2) SqlAuditLog.verify() speed over N events. (3) Streamed export (JSONL and
CSV through AuditReader.events and chunked, as the endpoint sends them) of a
large log: time, bytes, ru_maxrss before and after, and tracemalloc's peak in
a separate pass over the first --trace-events events (tracing slows the export
several times; a batched export reaches its peak within the first batches).
(2) and (3) fill the log in bulk, computing the chain with the store's own
functions: one-by-one appends would take far longer than the measurement.
Targets (audit issue): append p50 < 3 ms on PostgreSQL; verify >= 50k events/s.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import secrets
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, make_url, text, update
from sqlalchemy.orm import Session, sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gateway.db import make_engine, upgrade
from safety.audit.chain import GENESIS, head_content, mac, seal
from safety.audit.events import AuditEvent, content_of
from safety.audit.models import AuditEventRow, AuditHead
from safety.audit.query import AuditReader, EventFilter, chunked, csv_lines, jsonl_lines
from safety.audit.store import SqlAuditLog

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
WRITERS = (1, 8, 32)
VERIFY_RUNS = 3
FILL_BATCH = 5000
MODELS = ("gemma-3-270m", "gpt-oss-20b", "qwen3-8b")
COLLECTIONS = ("hr-policies", "contracts", "engineering", "finance", "handbook")
Format = Callable[[Iterator[dict[str, Any]]], Iterator[bytes]]  # jsonl_lines, csv_lines
Pass = tuple[float, int, int]  # seconds, events, bytes


def sample_event(rng: random.Random, when: datetime | None = None) -> AuditEvent:
    """A chat request as the gateway records it: metadata, counts, no text."""
    n = rng.randrange(1000)
    return AuditEvent(
        action="chat",
        method="POST",
        path="/v1/chat/completions",
        request_id=str(uuid.UUID(int=rng.getrandbits(128))),
        time=when or datetime.now(UTC),
        actor_id=f"key_{n:04d}",
        actor_name=f"user-{n}@example.org",
        role="user",
        client=f"10.0.0.{rng.randrange(1, 255)}",
        model=rng.choice(MODELS),
        collections=rng.sample(COLLECTIONS, 2),
        document_ids=[f"doc-{rng.randrange(10**6):06d}" for _ in range(3)],
        pii={"PERSON": rng.randrange(4), "EMAIL_ADDRESS": rng.randrange(2)},
        rules=[
            {"direction": "input", "rule": "pii-pseudonymize", "action": "redact", "count": 2},
            {"direction": "output", "rule": "secrets", "action": "flag", "count": 1},
        ],
        prompt_tokens=rng.randrange(50, 4000),
        completion_tokens=rng.randrange(10, 800),
        latency_us=rng.randrange(200_000, 9_000_000),
        policy_version="default-1",
    )


# -- databases ----------------------------------------------------------------
@contextmanager
def sqlite_db() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as tmp:
        yield f"sqlite:///{tmp}/audit.db"


@contextmanager
def postgres_db(admin_url: str) -> Iterator[str]:
    """A fresh database for one measurement, dropped (connections and all) afterwards."""
    name = f"enclave_bench_{secrets.token_hex(6)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def audit_db(kind: str, pg_url: str) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """A migrated, empty database of `kind` and its session factory."""
    with sqlite_db() if kind == "sqlite" else postgres_db(pg_url) as url:
        upgrade(url)
        engine = make_engine(url)
        try:
            yield engine, sessionmaker(engine, expire_on_commit=False)
        finally:
            engine.dispose()


# -- (1) appends --------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1)))]


def writer(
    log: SqlAuditLog, seed: int, start: threading.Barrier, stop_at: list[float], out: list[float]
) -> None:
    """Append until the deadline, timing each append alone (not building the event)."""
    rng = random.Random(seed)
    start.wait()
    while time.perf_counter() < stop_at[0]:
        event = sample_event(rng)
        t0 = time.perf_counter()
        log.append(event)
        out.append((time.perf_counter() - t0) * 1000)


def append_rate(log: SqlAuditLog, writers: int, seconds: float) -> tuple[float, list[float]]:
    """Appends per second from `writers` threads for `seconds`, and every latency in ms."""
    start = threading.Barrier(writers + 1)
    stop_at = [0.0]
    latencies: list[list[float]] = [[] for _ in range(writers)]
    threads = [
        threading.Thread(target=writer, args=(log, i, start, stop_at, latencies[i]))
        for i in range(writers)
    ]
    for t in threads:
        t.start()
    stop_at[0] = time.perf_counter() + seconds
    t0 = time.perf_counter()
    start.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    flat = [x for part in latencies for x in part]
    return len(flat) / elapsed, flat


def bench_appends(kind: str, pg_url: str, seconds: float) -> None:
    with audit_db(kind, pg_url) as (_engine, sessions):
        log = SqlAuditLog(sessions, secrets.token_bytes(32))
        for i in range(20):  # warm-up: connections, statement cache
            log.append(sample_event(random.Random(i)))
        for n in WRITERS:
            rate, ms = append_rate(log, n, seconds)
            print(
                f"append {kind:8s} writers {n:2d}: {rate:8.0f} appends/s  "
                f"p50 {statistics.median(ms):6.2f} ms  p95 {pct(ms, 0.95):6.2f} ms  "
                f"({len(ms)} appends in {seconds:g} s)"
            )
        verdict = log.verify()
        print(f"append {kind:8s} chain after the run: ok={verdict.ok} checked={verdict.checked}")


# -- bulk fill ----------------------------------------------------------------
def chained_rows(key: bytes, n: int) -> Iterator[list[dict[str, Any]]]:
    """Batches of audit_events rows, MAC'd exactly as SqlAuditLog._append does.

    The events' metadata cycles through a pool of samples (making each one
    costs more than writing it); ids, times and request ids are all distinct.
    """
    rng = random.Random(1)
    pool = [sample_event(rng).columns() for _ in range(1024)]
    start = datetime.now(UTC) - timedelta(days=30)
    prev, batch = GENESIS, []
    for i in range(1, n + 1):
        row = {**pool[i % 1024], "id": i, "prev_mac": prev}
        row["time"] = start + timedelta(milliseconds=i)
        row["request_id"] = f"req-{i:032d}"
        row["mac"] = prev = mac(key, prev, content_of(row))
        batch.append(row)
        if len(batch) == FILL_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def fill(engine: Engine, key: bytes, n: int) -> float:
    """Write n chained events and the signed head; seconds taken."""
    t0 = time.perf_counter()
    last_id, last_mac = 0, GENESIS
    for batch in chained_rows(key, n):
        with engine.begin() as conn:
            conn.execute(insert(AuditEventRow), batch)
        last_id, last_mac = batch[-1]["id"], batch[-1]["mac"]
    with engine.begin() as conn:
        conn.execute(
            update(AuditHead)
            .where(AuditHead.id == 1)
            .values(
                last_id=last_id,
                last_mac=last_mac,
                signature=seal(key, "head", head_content(last_id, last_mac)),
            )
        )
    return time.perf_counter() - t0


# -- (2) verify ---------------------------------------------------------------
def bench_verify(kind: str, pg_url: str, n: int) -> None:
    key = secrets.token_bytes(32)
    with audit_db(kind, pg_url) as (engine, sessions):
        took = fill(engine, key, n)
        print(f"verify {kind:8s} fill {n} events: {took:.1f} s ({n / took:.0f} events/s)")
        log = SqlAuditLog(sessions, key)
        runs = []
        for _ in range(VERIFY_RUNS):  # the first also warms caches; the median is reported
            t0 = time.perf_counter()
            verdict = log.verify()
            runs.append(time.perf_counter() - t0)
            good = verdict.ok and verdict.checked == n
        took = statistics.median(runs)
        each = ", ".join(f"{n / r:.0f}" for r in runs)
        print(
            f"verify {kind:8s} {n} events: median {took:.2f} s, {n / took:.0f} events/s "
            f"(runs: {each}; ok={verdict.ok} checked={verdict.checked}"
            f"{'' if good else ' MISMATCH'})"
        )


# -- (3) export ---------------------------------------------------------------
def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def counted(events: Iterator[dict[str, Any]], seen: list[int]) -> Iterator[dict[str, Any]]:
    for event in events:
        seen[0] += 1
        yield event


def export_pass(sessions: sessionmaker[Session], fmt: Format, limit: int | None) -> Pass:
    """Stream the log through `fmt` and `chunked` as the export endpoint does, counting
    what a response body would carry; seconds, events and bytes."""
    seen, size = [0], 0
    t0 = time.perf_counter()
    events = counted(islice(AuditReader(sessions).events(EventFilter()), limit), seen)
    for piece in chunked(fmt(events)):
        size += len(piece)
    return time.perf_counter() - t0, seen[0], size


def traced_peak_mb(sessions: sessionmaker[Session], fmt: Format, limit: int) -> float:
    """tracemalloc's peak over an export of the first `limit` events (tracing makes the
    export several times slower, so it gets its own, shorter pass)."""
    tracemalloc.start()
    try:
        export_pass(sessions, fmt, limit)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def bench_export(kind: str, pg_url: str, n: int, traced: int) -> None:
    key = secrets.token_bytes(32)
    with audit_db(kind, pg_url) as (engine, sessions):
        took = fill(engine, key, n)
        print(f"export {kind:8s} fill {n} events: {took:.1f} s ({n / took:.0f} events/s)")
        for name, fmt in (("jsonl", jsonl_lines), ("csv", csv_lines)):
            rss0 = max_rss_mb()
            took, seen, size = export_pass(sessions, fmt, None)
            rss1 = max_rss_mb()
            peak = traced_peak_mb(sessions, fmt, min(traced, n)) if traced else float("nan")
            print(
                f"export {kind:8s} {name:5s} {seen} events: {took:.1f} s, {seen / took:.0f} "
                f"events/s, {size / 2**20:.0f} MiB; ru_maxrss {rss0:.0f} -> {rss1:.0f} MiB; "
                f"tracemalloc peak {peak:.1f} MiB over the first {min(traced, n)} events"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=4.0, help="per (database, writers) run")
    ap.add_argument("--verify-events", type=int, default=100_000)
    ap.add_argument("--export-events", type=int, default=1_000_000)
    ap.add_argument("--trace-events", type=int, default=100_000, help="0: no tracemalloc pass")
    ap.add_argument("--export-pg", action="store_true", help="also export from PostgreSQL")
    ap.add_argument("--pg-url", default=PG_ADMIN, help="admin URL that may CREATE DATABASE")
    ap.add_argument("--skip-pg", action="store_true", help="SQLite only")
    ap.add_argument("--only", choices=("append", "verify", "export"), action="append")
    args = ap.parse_args()
    kinds = ("sqlite",) if args.skip_pg else ("sqlite", "postgres")
    parts = args.only or ["append", "verify", "export"]
    print(f"cpus {os.cpu_count()}; python {sys.version.split()[0]}")
    for kind in kinds if "append" in parts else ():
        bench_appends(kind, args.pg_url, args.seconds)
    for kind in kinds if "verify" in parts else ():
        bench_verify(kind, args.pg_url, args.verify_events)
    export_kinds = kinds if args.export_pg else ("sqlite",)
    for kind in export_kinds if "export" in parts and args.export_events else ():
        bench_export(kind, args.pg_url, args.export_events, args.trace_events)


if __name__ == "__main__":
    main()
