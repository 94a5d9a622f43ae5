"""Schemathesis against a live gateway: every operation of its own OpenAPI schema, every role.

Shared by tests/e2e/test_schema_fuzz.py (bounded) and bench/fuzz_schema.py (long).
Cases come from Hypothesis, derandomized (the same cases every run for the same
schema), positive and negative (schema-violating) alike. Each (operation, role) is
first probed with a few cases; the pairs a role is admitted to (anything but 401/403)
then get the main budget, so refusals do not eat it. Nothing is asserted inside the
Hypothesis loop: every answer is tallied, and the caller checks the tally.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

ROLES = ("user", "compliance", "admin", "anonymous")
MAX_TOKENS = 2  # the real model on CPU: a couple of tokens per answer keeps the run bounded
FIXED_COLLECTION = "fuzz"  # made first (group "staff"), so collection paths get past the 404


@dataclass
class Tally:
    sent: int = 0
    by_class: Counter[str] = field(default_factory=Counter)
    by_endpoint: Counter[str] = field(default_factory=Counter)
    by_endpoint_class: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_role: Counter[str] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    max_latency: float = 0.0
    slowest: str = ""
    elapsed: float = 0.0

    def add(self, label: str, role: str, status: int | None, latency: float, what: str) -> None:
        self.sent += 1
        self.by_endpoint[label] += 1
        self.by_role[role] += 1
        klass = "hang" if status is None else f"{status // 100}xx"
        self.by_class[klass] += 1
        self.by_endpoint_class[label, klass] += 1
        if latency > self.max_latency:
            self.max_latency, self.slowest = latency, label
        if status is None:
            self.hangs.append(what)
        elif status >= 500:
            self.server_errors.append(what)


def steer_chat(body: Any, model: str) -> Any:
    """Chat bodies name the served model and the fuzz collection and give messages content
    (else nearly every case stops at a 404 or a 400 "no content"), and ask for at most
    MAX_TOKENS; wrong types are left for the gateway to refuse."""
    if not isinstance(body, dict):
        return body
    if isinstance(body.get("model"), str):
        body["model"] = model
    if isinstance(body.get("collections"), list) and body["collections"]:
        body["collections"] = [FIXED_COLLECTION]
    for message in body.get("messages") if isinstance(body.get("messages"), list) else ():
        if isinstance(message, dict) and message.get("content") is None:  # else 400 "no content"
            message["content"] = "Hello"
    asked = [k for k in ("max_tokens", "max_completion_tokens") if k in body]
    for k in asked:
        v = body[k]
        if isinstance(v, int) and not isinstance(v, bool) and v > MAX_TOKENS:
            body[k] = MAX_TOKENS
    if not asked:
        body["max_tokens"] = MAX_TOKENS
    return body


def _describe(case: Any, role: str, outcome: str) -> str:
    body = repr(case.body)[:300] if case.body is not None else "-"
    return f"{case.operation.label} as {role}: {outcome}; query={case.query} body={body}"


@dataclass
class Target:
    base_url: str
    model: str
    timeout: float


def _send(case: Any, to: Target, key: str | None, tally: Tally, role: str) -> int:
    if case.operation.path == "/v1/chat/completions":
        case.body = steer_chat(case.body, to.model)
    headers = _auth(key) if key else {}
    start = time.monotonic()
    timeout = to.timeout
    try:
        response = case.call(
            base_url=to.base_url, headers=headers, timeout=timeout, allow_redirects=False
        )
        status: int | None = response.status_code
        outcome = f"{status} {response.text[:200]}"
    except (requests.Timeout, requests.ConnectionError) as exc:
        status, outcome = None, f"no answer in {timeout} s ({type(exc).__name__})"
    latency = time.monotonic() - start
    what = _describe(case, role, outcome) if status is None or status >= 500 else ""
    tally.add(case.operation.label, role, status, latency, what)
    return status or 0


def _run(
    operation: Any,
    examples: int,
    send: Any,
    path_parameters: dict[str, str] | None = None,
) -> list[int]:
    """`examples` cases of one operation (half positive, half negative); their statuses."""
    statuses: list[int] = []
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=path_parameters),
        operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=path_parameters),
    )

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def one(case: Any) -> None:
        statuses.append(send(case))

    one()
    return statuses


def fuzz(
    base_url: str,
    keys: dict[str, str],
    examples: int,
    probe: int = 3,
    timeout: float = 30.0,
    progress: Any = None,
) -> Tally:
    """Probe every (operation, role) with `probe` cases, then `examples` more for each pair
    the role is admitted to (and again with a real collection in collection paths)."""
    schema = schemathesis.openapi.from_url(f"{base_url}/schema/openapi.json", timeout=10)
    models = requests.get(f"{base_url}/v1/models", headers=_auth(keys["user"]), timeout=10)
    target = Target(base_url, models.json()["data"][0]["id"], timeout)
    made = requests.post(
        f"{base_url}/v1/collections",
        json={"name": FIXED_COLLECTION, "read_groups": ["staff"], "write_groups": ["staff"]},
        headers=_auth(keys["admin"]),
        timeout=30,
    )
    assert made.status_code in (201, 409), made.text
    tally = Tally()
    started = time.monotonic()
    operations = [op.ok() for op in schema.get_all_operations()]
    for operation in operations:
        for role in ROLES:
            key = keys.get(role)

            def send(case: Any, key: str | None = key, role: str = role) -> int:
                return _send(case, target, key, tally, role)

            statuses = _run(operation, probe, send)
            if all(s in (401, 403) for s in statuses):
                continue
            _run(operation, examples, send)
            if "{name}" in operation.path and operation.method.upper() != "DELETE":
                _run(operation, examples, send, {"name": FIXED_COLLECTION})
        if progress is not None:
            progress(operation.label, tally)
    tally.elapsed = time.monotonic() - started
    return tally


def format_tally(t: Tally) -> str:
    lines = [
        f"requests sent: {t.sent} in {t.elapsed:.1f} s ({t.sent / max(t.elapsed, 1e-9):.1f}/s)",
        "by status class: " + ", ".join(f"{k} {v}" for k, v in sorted(t.by_class.items())),
        "by role: " + ", ".join(f"{k} {v}" for k, v in sorted(t.by_role.items())),
        f"5xx: {len(t.server_errors)}; hangs: {len(t.hangs)}",
        f"max latency: {t.max_latency:.2f} s ({t.slowest})",
        "by endpoint:",
        *(f"  {v:6d}  {k}  ({_classes(t, k)})" for k, v in sorted(t.by_endpoint.items())),
    ]
    return "\n".join(lines)


def _classes(t: Tally, label: str) -> str:
    found = sorted((c, n) for (lab, c), n in t.by_endpoint_class.items() if lab == label)
    return ", ".join(f"{c} {n}" for c, n in found)


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
