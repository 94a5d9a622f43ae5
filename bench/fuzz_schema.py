"""Robustness, long form: schemathesis against a live gateway's own OpenAPI schema.

Starts `enclave serve` on 127.0.0.1 (a free port) with the real model (the packaged
Gemma by default), then fuzzes every operation of /schema/openapi.json as every role
(user, compliance, admin, and no key), positive and negative cases, derandomized, with a
per-request timeout. Prints requests sent, by status class, by role and by endpoint,
5xx count, hangs, max latency and elapsed time; exits 1 on any 5xx or hang, listing them.
tests/e2e/test_schema_fuzz.py is the bounded form in the test suite.

    .venv/bin/python bench/fuzz_schema.py [--examples 100] [--timeout 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import start_server, stop_server
from tests.schema_fuzz import format_tally, fuzz


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=Path("data/models/gemma-3-270m-q4_k_m.gguf"))
    ap.add_argument("--examples", type=int, default=100, help="cases per (operation, role)")
    ap.add_argument("--probe", type=int, default=3, help="cases before a role counts as refused")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    args = ap.parse_args()
    if not args.model.is_file():
        from engine.packaged import prepare_default_model

        prepare_default_model(args.model)
    server = start_server(
        Path(tempfile.mkdtemp(prefix="enclave-fuzz-")),
        args.model,
        {"ENCLAVE_LOG_LEVEL": "warning"},
        requests_per_minute=100_000,
    )
    try:
        tally = fuzz(
            server.base_url,
            server.keys,
            args.examples,
            args.probe,
            args.timeout,
            progress=lambda label, t: print(f"  {t.sent:6d} sent, done {label}", flush=True),
        )
    finally:
        stop_server(server)
    print(f"examples {args.examples} per (operation, role), per-request timeout {args.timeout} s")
    print(format_tally(tally))
    for problem in [*tally.server_errors, *tally.hangs]:
        print("PROBLEM", problem)
    return 1 if tally.server_errors or tally.hangs else 0


if __name__ == "__main__":
    sys.exit(main())
