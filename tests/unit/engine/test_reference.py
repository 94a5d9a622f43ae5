"""The pure pieces of the gpt-oss reference against hand-computed cases.

Each rule here is one that a plausible-looking reimplementation gets wrong
(window boundary off by one, YaRN magnitude forgotten, heads interleaved,
sink left out, softmax before top-k, SwiGLU unclamped), so each is pinned.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from engine.reference import (
    GptOssHParams,
    hparams_from_metadata,
    load_weights,
    reference_logits,
)
from engine.reference_ops import (
    kv_head_for,
    rms_norm,
    rope_neox,
    route,
    softmax_with_sinks,
    swiglu_oai,
    visible,
    yarn_corr_dims,
    yarn_cos_sin,
    yarn_magnitude,
)
from engine.tinymodels import write_tiny_gptoss


def _yarn(position: float) -> tuple[np.ndarray, np.ndarray]:
    """gpt-oss-20b's rope: theta 150000, YaRN factor 32 over 4096; the tiny head size 16."""
    return yarn_cos_sin(np.array([position]), 16, base=150000.0, factor=32.0, n_ctx_orig=4096)


def test_visible_key_exactly_window_back_is_hidden() -> None:
    seen = visible(12, 4)
    assert seen[5, 2]  # distance 3 = window - 1: visible
    assert not seen[5, 1]  # distance 4 = window: masked (p1 - p0 >= n_swa)
    assert seen[5, 5]
    assert not seen[5, 6]  # future


def test_visible_each_query_sees_window_keys_once_past_start() -> None:
    seen = visible(12, 4)
    assert seen.sum(axis=1).tolist() == [1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4]


def test_visible_without_window_is_plain_causal() -> None:
    assert (visible(6, None) == np.tril(np.ones((6, 6), dtype=bool))).all()


def test_yarn_corr_dims_tiny_head_is_pairs_two_to_five() -> None:
    # 16 * ln(4096 / (32 * 2pi)) / (2 ln 150000) = 2.02 -> floor 2;
    # 16 * ln(4096 / (1 * 2pi)) / (2 ln 150000) = 4.35 -> ceil 5.
    assert yarn_corr_dims(16, 4096, 150000.0, 32.0, 1.0) == (2.0, 5.0)


def test_yarn_magnitude_factor_32_is_one_plus_tenth_log() -> None:
    assert yarn_magnitude(32.0) == pytest.approx(1.0 + 0.1 * math.log(32.0))
    assert yarn_magnitude(32.0) == pytest.approx(1.3465736)
    assert yarn_magnitude(1.0) == 1.0


def test_yarn_cos_sin_position_zero_is_magnitude_only() -> None:
    cos, sin = _yarn(0.0)
    assert np.allclose(cos, yarn_magnitude(32.0))
    assert np.allclose(sin, 0.0)


def test_yarn_cos_sin_blends_extrapolated_and_interpolated_angles() -> None:
    cos, sin = _yarn(3.0)
    m, base = 1.0 + 0.1 * math.log(32.0), 150000.0
    # pair 0 is below the ramp (corr dims 2..5): pure extrapolation, theta = 3 * base^0
    assert cos[0, 0] == pytest.approx(math.cos(3.0) * m)
    assert sin[0, 0] == pytest.approx(math.sin(3.0) * m)
    # pair 3: ramp 1 - (3 - 2) / 3 = 2/3 of extrapolation, 1/3 of interpolation
    extrap = 3.0 * base ** (-6.0 / 16.0)
    theta = extrap * (2.0 / 3.0) + extrap / 32.0 * (1.0 / 3.0)
    assert cos[0, 3] == pytest.approx(math.cos(theta) * m)
    assert sin[0, 3] == pytest.approx(math.sin(theta) * m)
    # pair 7 is above the ramp: pure interpolation, theta / factor
    theta = 3.0 * base ** (-14.0 / 16.0) / 32.0
    assert sin[0, 7] == pytest.approx(math.sin(theta) * m)


def test_rope_neox_rotates_dimension_i_with_i_plus_half() -> None:
    x = np.zeros((1, 1, 8))
    x[0, 0, 1] = 1.0
    cos = np.zeros((1, 4))
    sin = np.ones((1, 4))  # a quarter turn
    out = rope_neox(x, cos, sin)
    expected = np.zeros(8)
    expected[5] = 1.0  # neox pairs (1, 5), not the interleaved (0, 1)
    assert np.allclose(out[0, 0], expected)


def test_kv_head_for_groups_query_heads_contiguously() -> None:
    assert kv_head_for(8, 2).tolist() == [0, 0, 0, 0, 1, 1, 1, 1]
    # gpt-oss-20b: 64 query heads over 8 KV heads, groups of 8
    assert kv_head_for(64, 8)[[0, 7, 8, 63]].tolist() == [0, 0, 1, 7]


def test_kv_head_for_misgroup_interleaves_heads() -> None:
    assert kv_head_for(8, 2, misgroup=True).tolist() == [0, 1, 0, 1, 0, 1, 0, 1]


def test_softmax_with_sinks_sink_takes_share_of_mass() -> None:
    probs = softmax_with_sinks(np.zeros((1, 1, 2)), np.array([0.0]))
    assert np.allclose(probs, [[[1 / 3, 1 / 3]]])


def test_softmax_with_sinks_masked_keys_get_nothing() -> None:
    scores = np.array([[[math.log(2.0), 0.0, -np.inf]]])
    probs = softmax_with_sinks(scores, np.array([math.log(3.0)]))
    assert np.allclose(probs, [[[2 / 6, 1 / 6, 0.0]]])


def test_softmax_with_sinks_large_sink_dominates_without_overflow() -> None:
    probs = softmax_with_sinks(np.array([[[1.0, 2.0]]]), np.array([1000.0]))
    assert np.isfinite(probs).all()
    assert probs.sum() < 1e-6


def test_swiglu_oai_unclamped_case_is_gate_sigmoid_times_up_plus_one() -> None:
    out = swiglu_oai(np.array([1.0]), np.array([0.5]))
    assert out[0] == pytest.approx(1.0 / (1.0 + math.exp(-1.702)) * 1.5)


def test_swiglu_oai_clamps_gate_above_and_up_both_ways() -> None:
    out = swiglu_oai(np.array([10.0, 10.0, -10.0]), np.array([10.0, -10.0, 0.0]))
    sig7 = 1.0 / (1.0 + math.exp(-1.702 * 7.0))
    assert out[0] == pytest.approx(7.0 * sig7 * 8.0)
    assert out[1] == pytest.approx(7.0 * sig7 * -6.0)
    # the gate is not clamped below: -10 stays -10
    assert out[2] == pytest.approx(-10.0 / (1.0 + math.exp(17.02)))


def test_route_picks_top_k_then_softmaxes_only_those() -> None:
    idx, weights = route(np.array([[1.0, 3.0, 2.0, 0.0]]), 2)
    assert idx.tolist() == [[1, 2]]
    e = math.e
    # softmax over the two chosen logits, not over all four then renormalised-free
    assert weights[0].tolist() == pytest.approx([e / (e + 1), 1 / (e + 1)])


def test_rms_norm_hand_computed() -> None:
    out = rms_norm(np.array([3.0, 4.0]), np.array([1.0, 2.0]), 0.0)
    rms = math.sqrt((9 + 16) / 2)
    assert out.tolist() == pytest.approx([3 / rms, 8 / rms])


def _meta(**extra: object) -> dict[str, object]:
    meta: dict[str, object] = {
        "gpt-oss.block_count": 24,
        "gpt-oss.embedding_length": 2880,
        "gpt-oss.attention.head_count": 64,
        "gpt-oss.expert_used_count": 4,
        "gpt-oss.attention.sliding_window": 128,
        "gpt-oss.attention.layer_norm_rms_epsilon": 1e-5,
        "gpt-oss.context_length": 131072,
    }
    meta.update(extra)
    return meta


def test_hparams_from_metadata_missing_keys_take_llama_cpp_fallbacks() -> None:
    hp = hparams_from_metadata(_meta())
    assert hp.n_head_kv == 64  # head_count_kv defaults to head_count
    assert hp.head_dim == 45  # key_length defaults to n_embd / n_head, not gpt-oss's 64
    assert hp.rope_base == 10000.0
    assert hp.rope_factor == 1.0
    assert hp.rope_orig_ctx == 131072


def test_hparams_from_metadata_without_sliding_window_raises() -> None:
    meta = _meta()
    del meta["gpt-oss.attention.sliding_window"]
    with pytest.raises(ValueError, match="sliding_window"):
        hparams_from_metadata(meta)


def test_gptoss_hparams_swa_layers_are_the_even_ones() -> None:
    hp = hparams_from_metadata(_meta())
    assert [hp.is_swa(i) for i in range(4)] == [True, False, True, False]
    assert isinstance(hp, GptOssHParams)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_gptoss(tmp_path_factory.mktemp("tiny") / "tiny-gpt-oss.gguf")


def test_reference_logits_prefix_does_not_see_later_tokens(tiny: Path) -> None:
    weights = load_weights(tiny)
    tokens = list(range(40, 60))
    full = reference_logits(weights, tokens)
    assert np.allclose(reference_logits(weights, tokens[:7]), full[:7], atol=1e-12)


def test_reference_logits_ignore_window_changes_only_rows_past_window(tiny: Path) -> None:
    weights = load_weights(tiny)
    window = weights.hparams.n_swa
    tokens = list(range(40, 40 + 3 * window))
    diff = np.abs(
        reference_logits(weights, tokens, ignore_window=True) - reference_logits(weights, tokens)
    ).max(axis=1)
    assert (diff[:window] < 1e-12).all()
    assert (diff[window:] > 1e-3).all()


def test_reference_logits_are_finite_and_spread(tiny: Path) -> None:
    logits = reference_logits(tiny, list(range(100, 132)))
    assert np.isfinite(logits).all()
    assert 0.3 < logits.std() < 10.0
    assert (logits.std(axis=1) > 0.1).all()


def test_reference_logits_depend_on_window_size(tiny: Path) -> None:
    weights = load_weights(tiny)
    tokens = list(range(40, 72))
    wider = replace(weights, hparams=replace(weights.hparams, n_swa=weights.hparams.n_swa + 1))
    assert np.abs(reference_logits(wider, tokens) - reference_logits(weights, tokens)).max() > 0.1
