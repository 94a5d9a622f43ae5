"""Load: concurrent streaming clients against a live gateway, then the audit chain.

    .venv/bin/python bench/load.py [--mode local|remote|both] [--clients 32]
        [--seconds 120] [--max-tokens 48] [--request-timeout 150]

Starts `enclave serve` on 127.0.0.1 with the packaged Gemma (mode `local`: the
in-process engine; mode `remote`: a pool of two `python -m llama_cpp.server`
upstreams on loopback, one of them SIGKILLed halfway through the run). Each of
--clients asyncio clients loops for --seconds: a streamed chat completion (a short
office prompt, usage requested), recording status, X-Request-Id, time to the first
content token, completion tokens and how the request ended (done, in-band error,
HTTP error, timeout, transport error). Every request is bounded by
--request-timeout; in-flight requests finish after the deadline, none start.

Prints requests, errors by kind, TTFT p50/p95/max, aggregate completion tokens/s
(all tokens over first start to last end), per-client fairness; in remote mode
also the streams the kill cut and whether every request started after it
succeeded. Then POST /v1/audit/verify (compliance) and a JSONL export: every
request id a client saw must be in the log. The last line is a JSON summary; the
exit status is 1 on a failed check (errors in local mode, a failure after the
kill, a broken chain, a missing request id).

On the 2-core machine everything shares the cores: the gateway, llama.cpp (or
both upstreams) and these clients (one asyncio thread, at nice 10 while it runs,
as in bench/engine_overhead.py). The in-process engine decodes one request at a
time, so under many clients TTFT is mostly time spent waiting in its queue.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import LiveServer, bearer, start_server, stop_server
from tests.upstreams import LlamaUpstream

PROMPTS = (
    "Write a two-line reminder that the office kitchen is cleaned on Fridays.",
    "Draft a short note asking the team to submit timesheets by Monday.",
    "Summarise in one sentence why we lock screens when leaving the desk.",
    "Suggest a subject line for an e-mail about the new parking rules.",
    "List three things to bring to the quarterly planning meeting.",
    "Reply politely to a colleague who asked to move our call to Thursday.",
)


@dataclass
class Record:
    client: int
    start: float  # seconds since the run began
    end: float = 0.0
    status: int = 0
    request_id: str | None = None
    ttft: float | None = None  # seconds to the first content token
    tokens: int = 0  # completion tokens from the usage chunk
    outcome: str = "incomplete"  # done | in_band_error | http_error | timeout | transport_error
    code: str | None = None  # the error code, when there is one


@dataclass
class Run:
    records: list[Record]
    started: float  # perf_counter at t = 0
    kill_at: float | None = None  # seconds since t = 0 when an upstream was killed
    lost_ticks: int = 0  # CPU jiffies the killed upstream used (gone from /proc after)


# -- one client ---------------------------------------------------------------
def read_event(rec: Record, line: str, began: float) -> None:
    """Fold one SSE line into the record."""
    if not line.startswith("data: "):
        return
    if line == "data: [DONE]":
        if rec.outcome == "incomplete":
            rec.outcome = "done"
        return
    chunk = json.loads(line[6:])
    if "error" in chunk:
        rec.outcome, rec.code = "in_band_error", chunk["error"].get("code")
        return
    if chunk.get("usage"):
        rec.tokens = int(chunk["usage"]["completion_tokens"])
    if rec.ttft is None and any(
        (c.get("delta") or {}).get("content") for c in chunk.get("choices", [])
    ):
        rec.ttft = time.perf_counter() - began


async def one_request(client: httpx.AsyncClient, body: dict[str, Any], rec: Record) -> None:
    began = time.perf_counter()
    async with client.stream("POST", "/v1/chat/completions", json=body) as r:
        rec.status, rec.request_id = r.status_code, r.headers.get("x-request-id")
        if r.status_code != 200:
            rec.outcome = "http_error"
            raw = await r.aread()
            try:
                rec.code = json.loads(raw)["error"]["code"]
            except (ValueError, KeyError, TypeError):
                rec.code = raw[:80].decode(errors="replace")
            return
        async for line in r.aiter_lines():
            read_event(rec, line, began)


async def client_loop(
    n: int, client: httpx.AsyncClient, model: str, args: argparse.Namespace, run: Run
) -> None:
    deadline = run.started + args.seconds
    i = n
    while time.perf_counter() < deadline:
        body = {
            "model": model,
            "messages": [{"role": "user", "content": PROMPTS[i % len(PROMPTS)]}],
            "max_tokens": args.max_tokens,
            "temperature": 0.7,  # the base model at 1.0 often ends at once
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        i += 1
        rec = Record(n, time.perf_counter() - run.started)
        run.records.append(rec)
        try:
            async with asyncio.timeout(args.request_timeout):
                await one_request(client, body, rec)
        except TimeoutError:
            rec.outcome = "timeout"
        except httpx.HTTPError as exc:
            rec.outcome, rec.code = "transport_error", type(exc).__name__
        rec.end = time.perf_counter() - run.started


async def kill_halfway(upstream: LlamaUpstream, run: Run, seconds: float) -> None:
    await asyncio.sleep(seconds / 2)
    if upstream.process is not None:
        run.lost_ticks = proc_ticks(upstream.process.pid)
    await asyncio.to_thread(upstream.kill)
    run.kill_at = time.perf_counter() - run.started


async def drive(
    server: LiveServer, args: argparse.Namespace, victim: LlamaUpstream | None
) -> tuple[str, Run]:
    limits = httpx.Limits(max_connections=args.clients + 4, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(
        base_url=server.base_url,
        headers=bearer(server.user_key),
        timeout=httpx.Timeout(args.request_timeout, connect=10),
        limits=limits,
    ) as client:
        model = (await client.get("/v1/models")).json()["data"][0]["id"]
        warm = {"model": model, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4}
        await client.post("/v1/chat/completions", json=warm)  # loads lazily built parts
        os.setpriority(os.PRIO_PROCESS, 0, 10)  # this thread only (Linux)
        try:
            run = Run([], time.perf_counter())
            tasks = [client_loop(n, client, model, args, run) for n in range(args.clients)]
            if victim is not None:
                tasks.append(kill_halfway(victim, run, args.seconds))
            await asyncio.gather(*tasks)
        finally:
            os.setpriority(os.PRIO_PROCESS, 0, 0)
    return model, run


# -- the audit afterwards -----------------------------------------------------
def audit_check(server: LiveServer, ids: list[str]) -> dict[str, Any]:
    """Verify the chain and find every request id the clients saw in the JSONL export."""
    with httpx.Client(
        base_url=server.base_url, headers=bearer(server.keys["compliance"]), timeout=300
    ) as c:
        verdict = c.post("/v1/audit/verify").json()
        logged: set[str] = set()
        with c.stream("GET", "/v1/audit/export", params={"format": "jsonl"}) as r:
            for line in r.iter_lines():
                if line.strip():
                    logged.add(json.loads(line)["request_id"])
    missing = sorted(set(ids) - logged)
    return {
        "verify_ok": verdict["ok"],
        "checked": verdict["checked"],
        "first_bad_id": verdict["first_bad_id"],
        "sent": len(ids),
        "found": len(ids) - len(missing),
        "missing": len(missing),
        "missing_ids": missing[:10],
    }


# -- figures ------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def jain(values: list[float]) -> float:
    """Jain's fairness index: 1.0 when every client got the same, 1/n when one got all."""
    total = sum(values)
    return total * total / (len(values) * sum(v * v for v in values)) if total else 0.0


def succeeded(r: Record) -> bool:
    return r.outcome == "done" and r.status == 200


def figures(run: Run, clients: int) -> dict[str, Any]:
    recs = run.records
    ok = [r for r in recs if succeeded(r)]
    ttfts = [r.ttft for r in ok if r.ttft is not None]
    tokens = sum(r.tokens for r in recs)
    wall = max(r.end for r in recs) - min(r.start for r in recs)
    per_client = [sum(r.tokens for r in recs if r.client == n) for n in range(clients)]
    done_per_client = Counter(r.client for r in ok)
    errors = Counter(f"{r.outcome}:{r.code}" for r in recs if not succeeded(r))
    return {
        "requests": len(recs),
        "done": len(ok),
        "errors": dict(errors),
        "no_content": sum(1 for r in ok if r.ttft is None),
        "ttft_p50_s": round(pct(ttfts, 0.50), 3),
        "ttft_p95_s": round(pct(ttfts, 0.95), 3),
        "ttft_max_s": round(max(ttfts, default=0.0), 3),
        "completion_tokens": tokens,
        "wall_s": round(wall, 1),
        "tokens_per_s": round(tokens / wall, 1) if wall else 0.0,
        "tokens_per_request_p50": statistics.median([r.tokens for r in ok]) if ok else 0,
        "per_client_done_min_max": [
            min(done_per_client.get(n, 0) for n in range(clients)),
            max(done_per_client.get(n, 0) for n in range(clients)),
        ],
        "jain_tokens": round(jain([float(t) for t in per_client]), 3),
    }


def kill_figures(run: Run) -> dict[str, Any]:
    """The streams the kill cut, and how the requests started after it ended."""
    kill = run.kill_at if run.kill_at is not None else float("inf")
    spanning = [r for r in run.records if r.start < kill < r.end]
    after = [r for r in run.records if r.start >= kill]
    after_ok = [r for r in after if succeeded(r)]
    ttfts = [r.ttft for r in after_ok if r.ttft is not None]
    return {
        "kill_at_s": round(kill, 1),
        "in_flight_at_kill": len(spanning),
        "cut_in_band": sum(1 for r in spanning if r.outcome == "in_band_error"),
        "after_kill": len(after),
        "after_kill_ok": len(after_ok),
        "after_kill_ttft_p95_s": round(pct(ttfts, 0.95), 3),
    }


def report(mode: str, model: str, summary: dict[str, Any]) -> None:
    f, a = summary["figures"], summary["audit"]
    print(
        f"[{mode}] model {model}: {f['requests']} requests, {f['done']} done, "
        f"errors {f['errors'] or 'none'}, {f['no_content']} done without content"
    )
    print(
        f"[{mode}] TTFT p50 {f['ttft_p50_s']:.2f} s  p95 {f['ttft_p95_s']:.2f} s  "
        f"max {f['ttft_max_s']:.2f} s;  {f['completion_tokens']} completion tokens in "
        f"{f['wall_s']:.1f} s = {f['tokens_per_s']:.1f} tok/s aggregate "
        f"(median {f['tokens_per_request_p50']} per request)"
    )
    lo, hi = f["per_client_done_min_max"]
    c = summary["cpu"]
    print(
        f"[{mode}] cores busy on average: ours {c['ours_cores']:.2f}, "
        f"other processes on the machine {c['others_cores']:.2f} (of {os.cpu_count()})"
    )
    print(f"[{mode}] per client: {lo}..{hi} requests done, Jain index on tokens {f['jain_tokens']}")
    if "kill" in summary:
        k = summary["kill"]
        print(
            f"[{mode}] upstream killed at {k['kill_at_s']} s: {k['in_flight_at_kill']} requests "
            f"in flight, {k['cut_in_band']} cut with an in-band error; after the kill "
            f"{k['after_kill_ok']}/{k['after_kill']} succeeded (TTFT p95 "
            f"{k['after_kill_ttft_p95_s']:.2f} s)"
        )
    print(
        f"[{mode}] audit: verify ok={a['verify_ok']} checked={a['checked']}; request ids "
        f"sent {a['sent']}, found {a['found']}, missing {a['missing']} {a['missing_ids'] or ''}"
    )


def failures(mode: str, summary: dict[str, Any]) -> list[str]:
    f, a, out = summary["figures"], summary["audit"], []
    if mode == "local" and f["errors"]:
        out.append(f"local: errors {f['errors']}")
    if not a["verify_ok"] or a["missing"]:
        out.append(f"{mode}: audit verify={a['verify_ok']} missing={a['missing']}")
    if "kill" in summary and summary["kill"]["after_kill_ok"] != summary["kill"]["after_kill"]:
        out.append(f"{mode}: a request after the kill failed")
    if mode == "remote" and set(f["errors"]) - {"in_band_error:engine_failure"}:
        out.append(f"remote: errors other than streams cut by the kill {f['errors']}")
    return out


# -- who used the cores ------------------------------------------------------
def proc_ticks(pid: int) -> int:
    """CPU jiffies (user + system) a process has used; 0 once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(stat[11]) + int(stat[12])


def cpu_ticks(pids: list[int], lost: int = 0) -> tuple[float, int, int]:
    """(now, busy jiffies of the whole machine, jiffies of `pids` plus `lost`) from /proc."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    mine = lost + sum(proc_ticks(pid) for pid in pids)
    return time.monotonic(), sum(fields) - fields[3] - fields[4], mine  # minus idle, iowait


def cpu_shares(before: tuple[float, int, int], after: tuple[float, int, int]) -> dict[str, float]:
    """Average cores busy during the run: ours (bench, gateway, upstreams) and everything
    else on the machine, which competes for the same cores."""
    hz, seconds = os.sysconf("SC_CLK_TCK"), after[0] - before[0]
    busy, ours = (after[1] - before[1]) / hz, (after[2] - before[2]) / hz
    return {
        "ours_cores": round(ours / seconds, 2),
        "others_cores": round((busy - ours) / seconds, 2),
    }


# -- the two set-ups ----------------------------------------------------------
@contextmanager
def gateway(
    mode: str, model: Path, args: argparse.Namespace
) -> Iterator[tuple[LiveServer, list[LlamaUpstream]]]:
    data = Path(tempfile.mkdtemp(prefix=f"enclave-load-{mode}-"))
    env = {
        "ENCLAVE_LOG_LEVEL": "warning",
        "ENCLAVE_ENGINE__MAX_QUEUE": str(max(32, 2 * args.clients)),
    }
    upstreams: list[LlamaUpstream] = []
    if mode == "remote":
        upstreams = [LlamaUpstream(model, data / f"upstream-{i}.log").start() for i in range(2)]
        env |= {
            "ENCLAVE_ENGINE__BACKEND": "remote",
            "ENCLAVE_ENGINE__REMOTE__UPSTREAMS": json.dumps([u.url for u in upstreams]),
            "ENCLAVE_ENGINE__REMOTE__HEALTH_CHECK_SECONDS": "1",
        }
    try:
        limits = {"requests_per_minute": 100_000, "concurrent": args.clients + 8}
        server = start_server(data, model, env, **limits)
        try:
            yield server, upstreams
        finally:
            stop_server(server)
    finally:
        for upstream in upstreams:
            upstream.stop()


def measure(mode: str, model: Path, args: argparse.Namespace) -> dict[str, Any]:
    with gateway(mode, model, args) as (server, upstreams):
        victim = upstreams[1] if upstreams else None
        ours = [os.getpid(), server.process.pid, *(u.process.pid for u in upstreams if u.process)]
        before = cpu_ticks(ours)
        model_id, run = asyncio.run(drive(server, args, victim))
        ids = [r.request_id for r in run.records if r.request_id]
        summary: dict[str, Any] = {"figures": figures(run, args.clients)}
        summary["cpu"] = cpu_shares(before, cpu_ticks(ours, run.lost_ticks))
        if victim is not None:
            summary["kill"] = kill_figures(run)
        summary["audit"] = audit_check(server, ids)
        summary["no_request_id"] = sum(1 for r in run.records if not r.request_id)
    report(mode, model_id, summary)
    return summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("local", "remote", "both"), default="both")
    ap.add_argument("--model", type=Path, default=Path("data/models/gemma-3-270m-q4_k_m.gguf"))
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=120.0)
    ap.add_argument("--max-tokens", type=int, default=48)
    ap.add_argument("--request-timeout", type=float, default=150.0, help="seconds, per request")
    args = ap.parse_args()
    # SIGTERM unwinds like Ctrl-C: the gateway and upstreams are stopped, not orphaned.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not args.model.is_file():
        from engine.packaged import prepare_default_model

        prepare_default_model(args.model)
    modes = ("local", "remote") if args.mode == "both" else (args.mode,)
    print(
        f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}; {args.clients} clients "
        f"x {args.seconds:g} s, max_tokens {args.max_tokens}, "
        f"request timeout {args.request_timeout:g} s",
        flush=True,
    )
    results = {mode: measure(mode, args.model, args) for mode in modes}
    problems = [p for mode, s in results.items() for p in failures(mode, s)]
    for problem in problems:
        print("PROBLEM", problem)
    print(json.dumps({"clients": args.clients, "seconds": args.seconds, **results}))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
