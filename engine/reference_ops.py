"""The pure NumPy pieces of the gpt-oss reference, each mirroring one llama.cpp op.

Kept apart from the graph (`engine.reference`) so each rule — the window
boundary, the YaRN angles and magnitude, the head grouping, the sink in the
softmax, the router order, the clamped SwiGLU — can be unit-tested against a
hand-computed case. Docstrings name the llama.cpp code (as vendored by
llama-cpp-python 0.3.36) that each function reproduces.
"""

from __future__ import annotations

import math

import numpy as np

SWIGLU_ALPHA = 1.702  # LLM_FFN_SWIGLU_OAI_MOE constants in llama-graph.cpp build_moe_ffn
SWIGLU_LIMIT = 7.0


def rms_norm(x: np.ndarray, weight: np.ndarray, eps: float) -> np.ndarray:
    """ggml_rms_norm then ggml_mul by the weight (build_norm, LLM_NORM_RMS)."""
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * weight


def visible(n_tokens: int, window: int | None) -> np.ndarray:
    """Boolean [query, key] mask: causal, and with a window `query - key < window`.

    llama_hparams::is_masked_swa (LLAMA_SWA_TYPE_STANDARD) masks a key when
    p1 - p0 >= n_swa, so a query sees itself and the window - 1 keys before
    it; a key exactly `window` positions back is already hidden.
    """
    q = np.arange(n_tokens)[:, None]
    k = np.arange(n_tokens)[None, :]
    seen = k <= q
    if window is not None:
        seen &= (q - k) < window
    return seen


def yarn_corr_dims(
    n_dims: int, n_ctx_orig: int, base: float, beta_fast: float, beta_slow: float
) -> tuple[float, float]:
    """ggml_rope_yarn_corr_dims: the pair-index range over which YaRN blends angles."""

    def corr_dim(n_rot: float) -> float:
        return n_dims * math.log(n_ctx_orig / (n_rot * 2 * math.pi)) / (2 * math.log(base))

    start = math.floor(corr_dim(beta_fast))
    end = math.ceil(corr_dim(beta_slow))
    return float(max(0, start)), float(min(n_dims - 1, end))


def yarn_magnitude(factor: float) -> float:
    """The factor YaRN applies to both cos and sin (so to q and k alike).

    llama_context sets yarn_attn_factor = get_mscale(factor) / (1 + 0.1 ln
    factor) — exactly 1 for gpt-oss, which has no yarn_log_multiplier — and
    ggml-cpu rope_yarn multiplies it by 1 + 0.1 ln(1 / freq_scale). The net
    is 1 + 0.1 ln factor (1.3466 for factor 32), HF's YaRN attention_factor.
    """
    get_mscale = 1.0 if factor <= 1.0 else 0.1 * math.log(factor) + 1.0
    attn_factor = get_mscale / (1.0 + 0.1 * math.log(factor))
    return attn_factor * (1.0 + 0.1 * math.log(factor))


def yarn_cos_sin(
    positions: np.ndarray,
    n_dims: int,
    *,
    base: float,
    factor: float,
    n_ctx_orig: int,
    beta_fast: float = 32.0,
    beta_slow: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """cos and sin [n_pos, n_dims / 2] as ggml-cpu rope_yarn computes them (ext_factor 1).

    Pair i has the extrapolated angle p * base^(-2i / n_dims) and the
    interpolated one (that / factor); the ramp over yarn_corr_dims picks
    extrapolated for low i (fast-turning pairs), interpolated for high i, and a
    linear blend between.
    """
    low, high = yarn_corr_dims(n_dims, n_ctx_orig, base, beta_fast, beta_slow)
    pair = np.arange(n_dims // 2)
    extrap = positions[:, None] * base ** (-2.0 * pair / n_dims)[None, :]
    interp = extrap / factor
    ramp = 1.0 - np.clip((pair - low) / max(0.001, high - low), 0.0, 1.0)
    theta = interp * (1.0 - ramp) + extrap * ramp
    mscale = yarn_magnitude(factor)
    return np.cos(theta) * mscale, np.sin(theta) * mscale


def rope_neox(x: np.ndarray, cos: np.ndarray, sin: np.ndarray) -> np.ndarray:
    """NEOX rotation (the rope type of LLM_ARCH_OPENAI_MOE): pairs (i, i + d/2).

    x is [n_pos, n_heads, d]; cos and sin are [n_pos, d/2].
    """
    half = x.shape[-1] // 2
    x0, x1 = x[..., :half], x[..., half:]
    c, s = cos[:, None, :], sin[:, None, :]
    return np.concatenate([x0 * c - x1 * s, x0 * s + x1 * c], axis=-1)


def kv_head_for(n_head: int, n_head_kv: int, *, misgroup: bool = False) -> np.ndarray:
    """The KV head each query head reads.

    ggml_mul_mat broadcasts k over q's head axis as i02 = i12 / (ne12 / ne02):
    query head h reads KV head h // (n_head / n_head_kv), contiguous groups.
    `misgroup` is the classic bug (h % n_head_kv: repeat instead of
    repeat_interleave), only used to prove the self-test can fail.
    """
    heads = np.arange(n_head)
    return heads % n_head_kv if misgroup else heads // (n_head // n_head_kv)


def softmax_with_sinks(scores: np.ndarray, sinks: np.ndarray) -> np.ndarray:
    """Softmax over the last axis with one extra, unscaled sink logit per head.

    scores is [n_head, n_q, n_k], already scaled, -inf where masked. The sink
    joins the max and the denominator, takes probability mass, and adds no
    value (ggml_soft_max_add_sinks; ggml-cpu soft_max_f32).
    """
    sink = sinks[:, None, None]
    top = np.maximum(scores.max(axis=-1, keepdims=True), sink)
    e = np.exp(scores - top)
    return e / (e.sum(axis=-1, keepdims=True) + np.exp(sink - top))


def swiglu_oai(gate: np.ndarray, up: np.ndarray) -> np.ndarray:
    """ggml_swiglu_oai: x = min(gate, 7), y = clamp(up, ±7), x * sigmoid(1.702 x) * (y + 1)."""
    x = np.minimum(gate, SWIGLU_LIMIT)
    y = np.clip(up, -SWIGLU_LIMIT, SWIGLU_LIMIT)
    return x / (1.0 + np.exp(-SWIGLU_ALPHA * x)) * (y + 1.0)


def route(logits: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-k experts by raw router logits, then a softmax over just those k.

    LLAMA_EXPERT_GATING_FUNC_TYPE_SOFTMAX_WEIGHT in build_moe_ffn: probs =
    logits, argsort_top_k, get_rows, soft_max of the k selected (no
    renormalisation, no scale: expert_weights_scale is 0 for gpt-oss).
    Returns (indices [n, k], weights [n, k]).
    """
    idx = np.argsort(-logits, axis=-1, kind="stable")[:, :k]
    chosen = np.take_along_axis(logits, idx, axis=-1)
    e = np.exp(chosen - chosen.max(axis=-1, keepdims=True))
    return idx, e / e.sum(axis=-1, keepdims=True)
