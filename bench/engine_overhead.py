"""What the gateway costs on top of llama.cpp: decode speed and time to first token.

(a) llama_cpp.Llama.create_completion(stream=True) in this process, and
(b) the same prompt tokens, max_tokens and greedy sampling through a live
`enclave serve` over HTTP with SSE streaming. Runs alternate a, b, a, b … so
drift on a noisy machine hits both; each run uses a fresh prompt so both
evaluate the whole prompt (no prefix-cache hits). Prints per-run figures,
medians, and the ratios.

    .venv/bin/python bench/engine_overhead.py [--runs 7] [--max-tokens 128] [--safety off]

Targets (issue 2): decode ratio b/a >= 0.97, TTFT overhead b - a < 15 ms. With
`--safety on` (the default product) the gateway also runs the policy and Presidio
on the prompt and holds back the first `holdback_chars` of the answer to check
them, which TTFT then includes; `--safety off` measures the serving path alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.llama import LlamaOptions, LoadedModel, open_llama
from engine.protocol import ChatMessage
from tests.conftest import start_server, stop_server


def prompt(i: int) -> list[ChatMessage]:
    # Greedy "Hello" sends this base model into a loop with no end token, so
    # every run decodes exactly max_tokens.
    return [ChatMessage("user", f"Hello {i}")]


Run = tuple[float, float, float]  # TTFT s, decode tok/s between first and last chunk, total s


def figures(start: float, stamps: list[float], tokens: int) -> Run:
    """With the output policy's hold-back, text arrives in bursts: the decode rate then
    counts the tokens of every burst after the first over the time they took."""
    first, last = stamps[0], stamps[-1]
    rate = (tokens - 1) / (last - first) if last > first else float("nan")
    return first - start, rate, last - start


def direct_run(model: LoadedModel, tokens: list[int], max_tokens: int) -> Run:
    start = time.perf_counter()
    stamps = []
    for _chunk in model.llm.create_completion(
        prompt=tokens, max_tokens=max_tokens, temperature=0.0, stream=True
    ):
        stamps.append(time.perf_counter())
    return figures(start, stamps, len(stamps))


def gateway_run(
    client: httpx.Client, model_id: str, msgs: list[ChatMessage], max_tokens: int
) -> Run:
    """One streamed request; the client thread runs at nice 10 meanwhile.

    In production the HTTP client is a staff PC, not the server; here it shares
    the server's cores, and at normal priority its per-chunk parsing preempts
    llama.cpp's decode threads. Lowering only this thread's priority (Linux
    niceness is per thread) keeps the measurement about the gateway.
    """
    os.setpriority(os.PRIO_PROCESS, 0, 10)
    try:
        return _gateway_stream(client, model_id, msgs, max_tokens)
    finally:
        os.setpriority(os.PRIO_PROCESS, 0, 0)


def _gateway_stream(
    client: httpx.Client, model_id: str, msgs: list[ChatMessage], max_tokens: int
) -> Run:
    body = {
        "model": model_id,
        "messages": [{"role": m.role, "content": m.content} for m in msgs],
        "max_tokens": max_tokens,
        "temperature": 0,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    start = time.perf_counter()
    stamps = []
    tokens = 0
    with client.stream("POST", "/v1/chat/completions", json=body) as r:
        for line in r.iter_lines():
            if line.startswith("data: {") and '"content":"' in line and '"content":""' not in line:
                stamps.append(time.perf_counter())
            elif '"usage":{' in line:
                tokens = json.loads(line[6:])["usage"]["completion_tokens"]
    return figures(start, stamps, tokens)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=Path("data/models/gemma-3-270m-q4_k_m.gguf"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--max-tokens", type=int, default=128)
    ap.add_argument("--n-ctx", type=int, default=2048)
    ap.add_argument("--safety", choices=("on", "off"), default="on")
    args = ap.parse_args()

    options = LlamaOptions(model_path=args.model, n_ctx=args.n_ctx)
    model = LoadedModel(open_llama(options), options)
    model_id = args.model.stem
    server = start_server(
        Path(tempfile.mkdtemp(prefix="enclave-bench-")),
        args.model,
        {
            "ENCLAVE_ENGINE__N_CTX": str(args.n_ctx),
            "ENCLAVE_LOG_LEVEL": "warning",
            "ENCLAVE_SAFETY__FILTERS_ENABLED": str(args.safety == "on").lower(),
            "ENCLAVE_SAFETY__PII_ENABLED": str(args.safety == "on").lower(),
        },
    )
    rows: dict[str, list[Run]] = {"direct": [], "gateway": []}
    try:
        auth = {"Authorization": f"Bearer {server.user_key}"}
        with httpx.Client(base_url=server.base_url, timeout=120, headers=auth) as client:
            gateway_run(client, model_id, prompt(-1), 8)  # warm-up both sides
            direct_run(model, model.tokenize_chat(prompt(-1)), 8)
            for i in range(args.runs):
                msgs = prompt(i)
                rows["direct"].append(direct_run(model, model.tokenize_chat(msgs), args.max_tokens))
                rows["gateway"].append(gateway_run(client, model_id, msgs, args.max_tokens))
    finally:
        stop_server(server)

    med = {k: tuple(statistics.median(r[i] for r in v) for i in range(3)) for k, v in rows.items()}
    ratios = [g[1] / d[1] for d, g in zip(rows["direct"], rows["gateway"], strict=True)]
    ttft_deltas = [g[0] - d[0] for d, g in zip(rows["direct"], rows["gateway"], strict=True)]
    print(
        f"model {model_id}, safety {args.safety}, {args.runs} runs, max_tokens {args.max_tokens}, "
        f"threads {os.cpu_count()}, prompt {len(model.tokenize_chat(prompt(0)))} tokens"
    )
    for name in ("direct", "gateway"):
        ttft, tps, total = med[name]
        print(
            f"  {name:8s} decode {tps:7.1f} tok/s   TTFT {ttft * 1000:7.1f} ms   "
            f"whole answer {total * 1000:7.1f} ms   (median)"
        )
    totals = [g[2] / d[2] for d, g in zip(rows["direct"], rows["gateway"], strict=True)]
    print(
        f"  decode ratio gateway/direct: median {statistics.median(ratios):.3f} "
        f"(min {min(ratios):.3f}, max {max(ratios):.3f})   target >= 0.97"
    )
    print(
        f"  TTFT overhead gateway-direct: median {statistics.median(ttft_deltas) * 1000:.1f} ms"
        f"   target < 15 ms"
    )
    print(f"  whole-answer time ratio gateway/direct: median {statistics.median(totals):.3f}")
    print(
        json.dumps(
            {
                "direct": med["direct"],
                "gateway": med["gateway"],
                "decode_ratio": statistics.median(ratios),
                "ttft_overhead_ms": statistics.median(ttft_deltas) * 1000,
                "total_ratio": statistics.median(totals),
            }
        )
    )


if __name__ == "__main__":
    main()
