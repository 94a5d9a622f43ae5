"""The tiny gpt-oss GGUF against the real llama.cpp (llama-cpp-python, CPU).

It must look like a converted gpt-oss-20b (keys, tensors, vocabulary hacks),
decode past its sliding window, and give the logits the NumPy reference
computes — while references with the window or head grouping wrong must not
match, which is what makes the match mean something.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from engine.reference import (
    RELATIVE_TOLERANCE,
    SEPARATION,
    GptOssHParams,
    GptOssWeights,
    attention_selftest,
    llama_logits,
    load_weights,
    reference_logits,
)
from engine.tinymodels import HARMONY_SPECIALS, TinyGptOssConfig, write_tiny_gptoss

CFG = TinyGptOssConfig()
HARMONY = (
    "<|start|>",
    "<|end|>",
    "<|message|>",
    "<|channel|>",
    "<|constrain|>",
    "<|return|>",
    "<|call|>",
    "<|endoftext|>",
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_gptoss(tmp_path_factory.mktemp("tiny") / "tiny-gpt-oss.gguf")


@pytest.fixture(scope="module")
def weights(tiny: Path) -> GptOssWeights:
    return load_weights(tiny)


@pytest.fixture(scope="module")
def llm(tiny: Path) -> Iterator[Any]:
    import llama_cpp

    model = llama_cpp.Llama(model_path=str(tiny), n_ctx=128, verbose=False)
    yield model
    model.close()


@pytest.fixture(scope="module")
def metadata(tiny: Path) -> dict[str, Any]:
    from gguf import GGUFReader

    reader = GGUFReader(str(tiny))
    return {f.name: f.contents() for f in reader.fields.values()}


def _tokens(n: int, seed: int = 1) -> list[int]:
    return [int(t) for t in np.random.default_rng(seed).integers(0, 285, n)]


def _tolerance(expected: np.ndarray) -> float:
    return RELATIVE_TOLERANCE * max(1.0, float(np.abs(expected).max()))


def test_tiny_gptoss_metadata_has_converter_keys(metadata: dict[str, Any]) -> None:
    expected = {
        "general.architecture": "gpt-oss",
        "gpt-oss.block_count": CFG.n_layer,
        "gpt-oss.context_length": 131072,
        "gpt-oss.embedding_length": CFG.n_embd,
        "gpt-oss.feed_forward_length": CFG.n_ff_exp,
        "gpt-oss.expert_feed_forward_length": CFG.n_ff_exp,
        "gpt-oss.attention.head_count": 8,
        "gpt-oss.attention.head_count_kv": 2,
        "gpt-oss.attention.key_length": 16,
        "gpt-oss.attention.value_length": 16,
        "gpt-oss.attention.sliding_window": CFG.sliding_window,
        "gpt-oss.expert_count": 4,
        "gpt-oss.expert_used_count": 2,
        "gpt-oss.rope.freq_base": 150000.0,
        "gpt-oss.rope.scaling.type": "yarn",
        "gpt-oss.rope.scaling.factor": 32.0,
        "gpt-oss.rope.scaling.original_context_length": 4096,
        "tokenizer.ggml.model": "gpt2",
        "tokenizer.ggml.pre": "gpt-4o",
    }
    assert {k: metadata.get(k) for k in expected} == expected
    assert metadata["gpt-oss.attention.layer_norm_rms_epsilon"] == pytest.approx(1e-5)
    assert metadata["tokenizer.ggml.merges"]  # llama.cpp refuses BPE without merges
    # no pattern key: llama.cpp's built-in gpt-oss pattern (even layers slide) applies
    assert "gpt-oss.attention.sliding_window_pattern" not in metadata


def test_tiny_gptoss_tensors_have_converter_names_and_layouts(tiny: Path) -> None:
    from gguf import GGMLQuantizationType, GGUFReader

    shapes = {t.name: tuple(int(n) for n in t.shape) for t in GGUFReader(str(tiny)).tensors}
    d, q, kv, e, ff, v = 64, 8 * 16, 2 * 16, 4, CFG.n_ff_exp, 285
    layer = {  # ggml ne order, as load_arch_tensors in openai-moe.cpp creates them
        "attn_norm.weight": (d,),
        "post_attention_norm.weight": (d,),
        "attn_q.weight": (d, q),
        "attn_q.bias": (q,),
        "attn_k.weight": (d, kv),
        "attn_k.bias": (kv,),
        "attn_v.weight": (d, kv),
        "attn_v.bias": (kv,),
        "attn_output.weight": (q, d),
        "attn_output.bias": (d,),
        "attn_sinks.weight": (8,),
        "ffn_gate_inp.weight": (d, e),
        "ffn_gate_inp.bias": (e,),
        "ffn_gate_exps.weight": (d, ff, e),
        "ffn_gate_exps.bias": (ff, e),
        "ffn_up_exps.weight": (d, ff, e),
        "ffn_up_exps.bias": (ff, e),
        "ffn_down_exps.weight": (ff, d, e),
        "ffn_down_exps.bias": (d, e),
    }
    expected = {"token_embd.weight": (d, v), "output_norm.weight": (d,), "output.weight": (d, v)}
    for bid in range(CFG.n_layer):
        expected.update({f"blk.{bid}.{name}": shape for name, shape in layer.items()})
    assert shapes == expected
    types = {t.tensor_type for t in GGUFReader(str(tiny)).tensors}
    assert types == {GGMLQuantizationType.F32}


def test_tiny_gptoss_same_seed_writes_same_bytes(tiny: Path, tmp_path: Path) -> None:
    again = write_tiny_gptoss(tmp_path / "again.gguf")
    other = write_tiny_gptoss(tmp_path / "other.gguf", seed=1)
    assert again.read_bytes() == tiny.read_bytes()
    assert other.read_bytes() != tiny.read_bytes()


def test_tiny_gptoss_return_and_call_are_eog_end_is_not(llm: Any) -> None:
    import llama_cpp

    def is_eog(text: str) -> bool:
        (token,) = llm.tokenize(text.encode(), add_bos=False, special=True)
        return bool(llama_cpp.llama_vocab_is_eog(llm._model.vocab, token))

    assert is_eog("<|return|>")
    assert is_eog("<|call|>")
    assert is_eog("<|endoftext|>")
    assert not is_eog("<|end|>")  # llama.cpp's o200k_harmony hack drops it from EOG
    assert llm.token_eos() == llm.tokenize(b"<|return|>", add_bos=False, special=True)[0]


def test_tiny_gptoss_harmony_specials_tokenize_as_single_tokens(llm: Any) -> None:
    ids = {}
    for text in HARMONY:
        ids[text] = llm.tokenize(text.encode(), add_bos=False, special=True)
        assert len(ids[text]) == 1, text
        assert ids[text][0] == 256 + 8 + HARMONY_SPECIALS.index(text)
    prompt = b"<|start|>assistant<|channel|>final<|message|>the<|return|>"
    tokens = llm.tokenize(prompt, add_bos=False, special=True)
    assert tokens[0] == ids["<|start|>"][0]
    assert tokens[-1] == ids["<|return|>"][0]
    assert llm.tokenize(b" the", add_bos=False) == [256 + 5]  # merges apply: "Ġthe"


def test_tiny_gptoss_greedy_decode_past_window_matches_reference(
    llm: Any, weights: GptOssWeights
) -> None:
    prompt = _tokens(4)
    steps = 3 * CFG.sliding_window
    generated = []
    for token in llm.generate(prompt, temp=0.0, reset=True):
        generated.append(int(token))
        if len(generated) == steps:
            break
    logits = reference_logits(weights, prompt + generated)
    greedy = logits[len(prompt) - 1 : -1].argmax(axis=1)
    assert greedy.tolist() == generated


def test_reference_matches_llama_over_four_windows(tiny: Path, weights: GptOssWeights) -> None:
    tokens = _tokens(4 * CFG.sliding_window)
    expected = reference_logits(weights, tokens)
    assert np.abs(llama_logits(tiny, tokens) - expected).max() < _tolerance(expected)


def test_reference_matches_llama_decoding_token_by_token(
    tiny: Path, weights: GptOssWeights
) -> None:
    tokens = _tokens(4 * CFG.sliding_window, seed=2)
    expected = reference_logits(weights, tokens)
    actual = llama_logits(tiny, tokens, n_batch=1)  # through the small, evicting SWA cache
    assert np.abs(actual - expected).max() < _tolerance(expected)


def test_reference_with_wrong_window_or_grouping_does_not_match_llama(
    tiny: Path, weights: GptOssWeights
) -> None:
    tokens = _tokens(4 * CFG.sliding_window)
    actual = llama_logits(tiny, tokens)
    gap = SEPARATION * _tolerance(actual)
    for wrong in ({"ignore_window": True}, {"misgroup_kv": True}):
        assert np.abs(actual - reference_logits(weights, tokens, **wrong)).max() > gap, wrong


def test_reference_with_window_off_by_one_does_not_match_llama(
    tiny: Path, weights: GptOssWeights
) -> None:
    tokens = _tokens(4 * CFG.sliding_window)
    actual = llama_logits(tiny, tokens)
    for window in (CFG.sliding_window - 1, CFG.sliding_window + 1):
        shifted = replace(weights, hparams=replace(weights.hparams, n_swa=window))
        diff = np.abs(actual - reference_logits(shifted, tokens)).max()
        assert diff > SEPARATION * _tolerance(actual), window


@dataclass(frozen=True, slots=True)
class _OddLayersSlide(GptOssHParams):
    def is_swa(self, layer: int) -> bool:
        return layer % 2 == 1


def test_reference_with_odd_swa_layers_does_not_match_llama(
    tiny: Path, weights: GptOssWeights
) -> None:
    tokens = _tokens(4 * CFG.sliding_window)
    actual = llama_logits(tiny, tokens)
    odd = replace(weights, hparams=_OddLayersSlide(**_fields(weights.hparams)))
    assert np.abs(actual - reference_logits(odd, tokens)).max() > SEPARATION * _tolerance(actual)


def _fields(hp: GptOssHParams) -> dict[str, Any]:
    return {name: getattr(hp, name) for name in hp.__dataclass_fields__}


def test_attention_selftest_on_tiny_model_passes_with_clear_margins(tiny: Path) -> None:
    result = attention_selftest(tiny)
    assert result.ok, result.summary()
    assert result.n_tokens == 4 * CFG.sliding_window
    assert result.window == CFG.sliding_window
    assert result.max_abs_diff < result.tolerance
    assert min(result.wrong_window_diff, result.wrong_grouping_diff) > SEPARATION * result.tolerance
    assert result.summary().startswith("PASS")


def test_attention_selftest_without_path_writes_its_own_model() -> None:
    result = attention_selftest()
    assert result.ok, result.summary()
