"""An independent NumPy forward pass of gpt-oss, to prove llama.cpp runs it right.

Why: sliding-window attention and grouped-query attention fail silently when
misconfigured — a runtime that ignores the window or pairs query heads with
the wrong KV heads still produces fluent-looking text. So we recompute the
logits in float64 from the very weights in the GGUF, following llama.cpp's
`llama_model_openai_moe::graph` (src/models/openai-moe.cpp in the llama.cpp
vendored by llama-cpp-python 0.3.36) op by op, and compare. The self-test also
runs two deliberately wrong references (no window; wrong head grouping) and
requires that they do *not* match, so a pass means the check could have failed.

The per-op math lives in `engine.reference_ops`; llama_cpp is imported only
inside `llama_logits`.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.reference_ops import (
    kv_head_for,
    rms_norm,
    rope_neox,
    route,
    softmax_with_sinks,
    swiglu_oai,
    visible,
    yarn_cos_sin,
)

ARCH = "gpt-oss"
# Tolerance on max |logit diff|, relative to max(1, max |logit|). llama.cpp computes in
# float32 (F32 weights, F32 KV cache), the reference in float64: measured on the tiny
# model, they agree to 2-3e-6 with logits up to ~4.5, i.e. < 1e-6 relative. 1e-4
# leaves ~100x margin for other CPUs, SIMD paths and thread counts, and is still
# ~10^4 below what a wrong window or head grouping does (max diffs of 4-5).
RELATIVE_TOLERANCE = 1e-4
# The wrong references must miss by at least this many tolerances to count as "clearly".
SEPARATION = 100.0


@dataclass(frozen=True, slots=True)
class GptOssHParams:
    """The hyperparameters the gpt-oss graph uses, with llama.cpp's fallbacks."""

    n_layer: int
    n_embd: int
    n_head: int
    n_head_kv: int
    head_dim: int
    n_expert_used: int
    n_swa: int
    rms_eps: float
    rope_base: float
    rope_factor: float
    rope_orig_ctx: int

    def is_swa(self, layer: int) -> bool:
        """load_swa_pattern(ml, 2), dense_first false: il % 2 < 1, so even layers slide."""
        return layer % 2 == 0


@dataclass(frozen=True, slots=True)
class GptOssWeights:
    """Hyperparameters plus every tensor in NumPy order (reversed ggml ne), float64."""

    hparams: GptOssHParams
    tensors: dict[str, np.ndarray]

    def layer(self, bid: int, name: str) -> np.ndarray:
        return self.tensors[f"blk.{bid}.{name}"]


def load_weights(path: Path) -> GptOssWeights:
    """Read a gpt-oss GGUF's hyperparameters and tensors with gguf.GGUFReader.

    Whole-model float64: meant for tiny models (tests, the self-test); a real
    gpt-oss-20b would need ~170 GB this way.
    """
    from gguf import GGMLQuantizationType, GGUFReader
    from gguf.quants import dequantize

    reader = GGUFReader(str(path))
    meta = {field.name: field.contents() for field in reader.fields.values()}
    if meta.get("general.architecture") != ARCH:
        raise ValueError(f"{path} is not a {ARCH} GGUF")
    tensors = {}
    for t in reader.tensors:
        plain = t.tensor_type in (GGMLQuantizationType.F32, GGMLQuantizationType.F16)
        data = t.data if plain else dequantize(t.data, t.tensor_type)
        tensors[t.name] = np.asarray(data, dtype=np.float64)
    return GptOssWeights(hparams_from_metadata(meta), tensors)


def hparams_from_metadata(meta: Mapping[str, object]) -> GptOssHParams:
    """GptOssHParams from GGUF key/values, with llama_model_base::load_hparams' fallbacks."""

    def num(name: str, default: float | None = None) -> float:
        value = meta.get(f"{ARCH}.{name}", default)
        if not isinstance(value, int | float):
            raise ValueError(f"missing or non-numeric key {ARCH}.{name}")
        return float(value)

    n_head, n_embd = int(num("attention.head_count")), int(num("embedding_length"))
    return GptOssHParams(
        n_layer=int(num("block_count")),
        n_embd=n_embd,
        n_head=n_head,
        n_head_kv=int(num("attention.head_count_kv", n_head)),
        head_dim=int(num("attention.key_length", n_embd // n_head)),
        n_expert_used=int(num("expert_used_count")),
        n_swa=int(num("attention.sliding_window")),
        rms_eps=num("attention.layer_norm_rms_epsilon"),
        rope_base=num("rope.freq_base", 10000.0),
        rope_factor=num("rope.scaling.factor", 1.0),
        rope_orig_ctx=int(num("rope.scaling.original_context_length", num("context_length"))),
    )


def reference_logits(
    path_or_weights: Path | str | GptOssWeights,
    tokens: Sequence[int],
    *,
    ignore_window: bool = False,
    misgroup_kv: bool = False,
) -> np.ndarray:
    """Logits [n_tokens, n_vocab] for `tokens` at positions 0…n-1.

    `ignore_window` (full causal attention on every layer) and `misgroup_kv`
    (query head h reads KV head h % n_head_kv) are deliberately wrong: the
    self-test needs them to show it would catch those two runtime bugs.
    """
    w = path_or_weights
    if not isinstance(w, GptOssWeights):
        w = load_weights(Path(w))
    hp = w.hparams
    x = w.tensors["token_embd.weight"][np.asarray(tokens, dtype=np.int64)]
    positions = np.arange(len(tokens), dtype=np.float64)
    cos, sin = yarn_cos_sin(
        positions,
        hp.head_dim,
        base=hp.rope_base,
        factor=hp.rope_factor,
        n_ctx_orig=hp.rope_orig_ctx,
    )
    for bid in range(hp.n_layer):
        window = hp.n_swa if hp.is_swa(bid) and not ignore_window else None
        attn_in = rms_norm(x, w.layer(bid, "attn_norm.weight"), hp.rms_eps)
        x = x + attention(w, bid, attn_in, cos, sin, visible(len(tokens), window), misgroup_kv)
        moe_in = rms_norm(x, w.layer(bid, "post_attention_norm.weight"), hp.rms_eps)
        x = x + moe(w, bid, moe_in)
    out = rms_norm(x, w.tensors["output_norm.weight"], hp.rms_eps)
    return np.asarray(out @ w.tensors["output.weight"].T)


def _linear(w: GptOssWeights, bid: int, name: str, x: np.ndarray) -> np.ndarray:
    return np.asarray(x @ w.layer(bid, f"{name}.weight").T + w.layer(bid, f"{name}.bias"))


def attention(
    w: GptOssWeights,
    bid: int,
    x: np.ndarray,
    cos: np.ndarray,
    sin: np.ndarray,
    seen: np.ndarray,
    misgroup_kv: bool = False,
) -> np.ndarray:
    """Biased q/k/v, YaRN RoPE, GQA, masked softmax with sinks, biased output.

    kq_scale is 1/sqrt(n_rot), n_rot being the head size, as openai-moe.cpp calls build_attn.
    """
    hp = w.hparams
    n = x.shape[0]
    q = _linear(w, bid, "attn_q", x).reshape(n, hp.n_head, hp.head_dim)
    k = _linear(w, bid, "attn_k", x).reshape(n, hp.n_head_kv, hp.head_dim)
    v = _linear(w, bid, "attn_v", x).reshape(n, hp.n_head_kv, hp.head_dim)
    q, k = rope_neox(q, cos, sin), rope_neox(k, cos, sin)
    kv = kv_head_for(hp.n_head, hp.n_head_kv, misgroup=misgroup_kv)
    k_h, v_h = k[:, kv, :], v[:, kv, :]  # [n, n_head, d]
    scores = np.einsum("qhd,khd->hqk", q, k_h) / math.sqrt(hp.head_dim)
    scores = np.where(seen[None, :, :], scores, -np.inf)
    probs = softmax_with_sinks(scores, w.layer(bid, "attn_sinks.weight"))
    out = np.einsum("hqk,khd->qhd", probs, v_h).reshape(n, hp.n_head * hp.head_dim)
    return _linear(w, bid, "attn_output", out)


def moe(w: GptOssWeights, bid: int, x: np.ndarray) -> np.ndarray:
    """Router (+bias), top-k, softmax weights, biased SwiGLU-OAI experts, weighted sum."""
    idx, weights = route(_linear(w, bid, "ffn_gate_inp", x), w.hparams.n_expert_used)
    gate_w, gate_b = w.layer(bid, "ffn_gate_exps.weight"), w.layer(bid, "ffn_gate_exps.bias")
    up_w, up_b = w.layer(bid, "ffn_up_exps.weight"), w.layer(bid, "ffn_up_exps.bias")
    down_w, down_b = w.layer(bid, "ffn_down_exps.weight"), w.layer(bid, "ffn_down_exps.bias")
    out = np.zeros_like(x)
    for t in range(x.shape[0]):
        for e, weight in zip(idx[t], weights[t], strict=True):
            act = swiglu_oai(gate_w[e] @ x[t] + gate_b[e], up_w[e] @ x[t] + up_b[e])
            out[t] += weight * (down_w[e] @ act + down_b[e])
    return out


def llama_logits(
    path: Path, tokens: Sequence[int], *, n_batch: int | None = None, swa_full: bool = False
) -> np.ndarray:
    """Logits [n_tokens, n_vocab] from llama.cpp (llama-cpp-python, CPU) for `tokens`.

    By default the whole sequence is one batch; n_batch=1 decodes token by
    token through the KV cache instead. The KV cache is F32 (llama.cpp's
    default is F16) so the comparison measures the graph, not F16 rounding;
    swa_full=False keeps the SWA cache at its small, evicting size.
    """
    import llama_cpp

    n = len(tokens)
    llm = llama_cpp.Llama(
        model_path=str(path),
        n_ctx=n,
        n_batch=n_batch or n,
        n_ubatch=n_batch or n,
        logits_all=True,
        verbose=False,
        type_k=llama_cpp.GGML_TYPE_F32,
        type_v=llama_cpp.GGML_TYPE_F32,
        swa_full=swa_full,
        flash_attn=False,
    )
    try:
        llm.eval(list(tokens))
        return np.array(llm.scores[:n], dtype=np.float64)
    finally:
        llm.close()


@dataclass(frozen=True, slots=True)
class SelftestResult:
    """Outcome of comparing llama.cpp with the references (diffs are max |Δlogit|).

    wrong_*_diff are llama.cpp's distances from the deliberately wrong
    references: large means llama.cpp does not have that bug, and that the
    check is sharp enough to see it.
    """

    ok: bool
    max_abs_diff: float
    tolerance: float
    wrong_window_diff: float
    wrong_grouping_diff: float
    window: int
    n_tokens: int

    def summary(self) -> str:
        verdict = "PASS" if self.ok else "FAIL"
        return (
            f"{verdict}: llama.cpp vs reference max |logit diff| {self.max_abs_diff:.2e} "
            f"(tolerance {self.tolerance:.2e}) over {self.n_tokens} tokens, window "
            f"{self.window}; a reference without the window differs by "
            f"{self.wrong_window_diff:.2e}, one with wrong KV grouping by "
            f"{self.wrong_grouping_diff:.2e}"
        )


def attention_selftest(
    path: Path | None = None, n_tokens: int | None = None, *, seed: int = 0
) -> SelftestResult:
    """Check llama.cpp's gpt-oss attention (window, GQA, sinks, YaRN) against the reference.

    Without a path, writes the tiny gpt-oss GGUF to a temporary directory.
    n_tokens defaults to four times the sliding window, so most queries on SWA layers
    have keys outside their window.

    Expert choice is discrete: a router near-tie smaller than the float32 error
    would flip an expert and fail a correct runtime. With F32 weights and KV
    cache that error is ~1e-6, against a smallest top-k gap of 1.1e-2 for the
    default sequence here; with llama.cpp's default F16 KV cache (error ~1e-3)
    flips do happen, which is why llama_logits pins F32.
    """
    if path is None:
        from engine.tinymodels import write_tiny_gptoss

        with tempfile.TemporaryDirectory(prefix="enclave-selftest-") as tmp:
            model = write_tiny_gptoss(Path(tmp) / "tiny-gpt-oss.gguf", seed=seed)
            return attention_selftest(model, n_tokens, seed=seed)
    weights = load_weights(path)
    window = weights.hparams.n_swa
    n = n_tokens or 4 * window
    n_vocab = weights.tensors["token_embd.weight"].shape[0]
    tokens = [int(t) for t in np.random.default_rng(seed).integers(0, n_vocab, n)]
    expected = reference_logits(weights, tokens)
    tolerance = RELATIVE_TOLERANCE * max(1.0, float(np.abs(expected).max()))
    actual = llama_logits(path, tokens)
    diff = _max_diff(actual, expected)
    wrong_window = _max_diff(actual, reference_logits(weights, tokens, ignore_window=True))
    wrong_group = _max_diff(actual, reference_logits(weights, tokens, misgroup_kv=True))
    ok = diff <= tolerance and min(wrong_window, wrong_group) > SEPARATION * tolerance
    return SelftestResult(ok, diff, tolerance, wrong_window, wrong_group, window, n)


def _max_diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a - b).max())
