"""Attention checks, patches and memory plans over hand-written metadata mappings (pure).

The gpt-oss-20b mapping below is what llama.cpp's converter writes for
openai/gpt-oss-20b (conversion/gpt_oss.py + TextModel.set_gguf_parameters);
the Gemma mapping is the packaged Gemma-3 270M's header. KV sizes are worked
out by hand from llama.cpp's rules: per layer and cell, K and V each hold
kv_heads * head_dim elements (f16: 2 bytes); the context is padded to 256
cells; with swa_full=False a sliding-window layer keeps pad256(window + 512)
cells instead of n_ctx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gguf
import pytest

from engine.attention import (
    ModelFileError,
    build_profile,
    check_profile,
    plan_patches,
    read_gguf_header,
    recognise,
)
from engine.attention_report import AttentionReport, assess, assess_metadata
from engine.gguf_profile import (
    CorruptModelError,
    GGUFArray,
    ModelFileNotFound,
    NotGGUFError,
    TensorInfo,
    TruncatedModelError,
)
from engine.memory_plan import (
    GiB,
    MiB,
    compute_estimate,
    kv_layout,
    mem_available_bytes,
    plan_memory,
)

GPT_OSS_WEIGHTS = 12_000_000_000  # the MXFP4 file is ~12.1 GB
BIG = 1 << 50  # "all the memory in the world"


def gpt_oss_20b_metadata(**changes: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "general.architecture": "gpt-oss",
        "general.name": "Gpt Oss 20b",
        "general.file_type": 38,
        "gpt-oss.block_count": 24,
        "gpt-oss.context_length": 131072,
        "gpt-oss.embedding_length": 2880,
        "gpt-oss.feed_forward_length": 2880,
        "gpt-oss.expert_feed_forward_length": 2880,
        "gpt-oss.attention.head_count": 64,
        "gpt-oss.attention.head_count_kv": 8,
        "gpt-oss.attention.key_length": 64,
        "gpt-oss.attention.value_length": 64,
        "gpt-oss.attention.sliding_window": 128,
        "gpt-oss.attention.layer_norm_rms_epsilon": 1e-5,
        "gpt-oss.rope.freq_base": 150000.0,
        "gpt-oss.rope.scaling.type": "yarn",
        "gpt-oss.rope.scaling.factor": 32.0,
        "gpt-oss.rope.scaling.original_context_length": 4096,
        "gpt-oss.expert_count": 32,
        "gpt-oss.expert_used_count": 4,
        "tokenizer.ggml.tokens": GGUFArray("string", 201088),
    }
    meta.update(changes)
    return {k: v for k, v in meta.items() if v is not None}


def gpt_oss_tensors(kv_heads: int = 8) -> list[TensorInfo]:
    q = TensorInfo("blk.0.attn_q.weight", (2880, 64 * 64), "BF16", 2880 * 4096 * 2, 0)
    k = TensorInfo("blk.0.attn_k.weight", (2880, kv_heads * 64), "BF16", 2880 * 512 * 2, 0)
    rest = GPT_OSS_WEIGHTS - q.n_bytes - k.n_bytes
    return [q, k, TensorInfo("everything else", (rest,), "I8", rest, 0)]


def gemma_metadata(**changes: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "general.architecture": "gemma3",
        "general.name": "Gemma 3 270m",
        "general.file_type": 15,
        "gemma3.context_length": 32768,
        "gemma3.embedding_length": 640,
        "gemma3.block_count": 18,
        "gemma3.attention.head_count": 4,
        "gemma3.attention.head_count_kv": 1,
        "gemma3.attention.key_length": 256,
        "gemma3.attention.value_length": 256,
        "gemma3.rope.freq_base": 1000000.0,
        "gemma3.attention.sliding_window": 512,
        "tokenizer.ggml.tokens": GGUFArray("string", 262144),
    }
    meta.update(changes)
    return {k: v for k, v in meta.items() if v is not None}


def gemma_tensors() -> list[TensorInfo]:
    return [
        TensorInfo("blk.0.attn_q.weight", (640, 1024), "Q5_0", 450560, 0),
        TensorInfo("blk.0.attn_k.weight", (640, 256), "Q5_0", 112640, 0),
        TensorInfo("everything else", (246024704,), "I8", 246024704, 0),
    ]


def report_for(meta: dict[str, Any], tensors: list[TensorInfo], **kw: Any) -> AttentionReport:
    kw.setdefault("n_ctx", 8192)
    kw.setdefault("available_bytes", BIG)
    return assess_metadata(meta, tensors, **kw)


def failing(report: AttentionReport, *, patched: bool = False) -> dict[str, str]:
    checks = report.checks_patched if patched else report.checks
    return {c.name: c.message for c in checks if not c.ok}


# --------------------------------------------------------------------------- gpt-oss-20b


def test_build_profile_gpt_oss_20b_reads_every_field() -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    assert (p.architecture, p.layers, p.heads, p.kv_heads, p.group_size) == (
        "gpt-oss",
        24,
        64,
        8,
        8,
    )
    assert (p.head_dim_k, p.head_dim_v, p.embedding_length, p.vocab_size) == (64, 64, 2880, 201088)
    assert (p.sliding_window, p.sliding_window_source) == (128, "file")
    assert p.swa_layer_indices == tuple(range(0, 24, 2))  # even layers banded, odd layers dense
    assert (p.experts, p.experts_used, p.context_length) == (32, 4, 131072)
    assert (p.rope_base, p.rope_base_swa) == (150000.0, 150000.0)
    assert (p.rope_scaling, p.rope_factor, p.rope_original_context) == ("yarn", 32.0, 4096)
    assert (p.file_type, p.weights_bytes) == ("MXFP4_MOE", GPT_OSS_WEIGHTS)
    assert (p.heads_from_tensors, p.kv_heads_from_tensors) == (64, 8)


def test_check_profile_gpt_oss_20b_passes_every_check() -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    checks = check_profile(p, n_ctx=131072)
    assert [c.name for c in checks if not c.ok] == []
    assert recognise(p) is not None and recognise(p).name == "gpt-oss-20b"  # type: ignore[union-attr]
    assert {c.name for c in checks} >= {"group size", "sliding window", "context", "known model"}


@pytest.mark.parametrize(
    ("n_ctx", "swa_full", "expected"),
    [
        # 24 layers x n_ctx cells x (K + V: 2 x 8 heads x 64 dims x 2 bytes = 2048 bytes)
        (8192, True, 24 * 8192 * 2048),  # 384 MiB
        (32768, True, 24 * 32768 * 2048),  # 1.5 GiB
        (131072, True, 24 * 131072 * 2048),  # 6 GiB
        # 12 dense layers at n_ctx + 12 banded layers at pad256(128 + 512) = 768 cells
        (8192, False, 12 * 8192 * 2048 + 12 * 768 * 2048),  # 210 MiB
        (32768, False, 12 * 32768 * 2048 + 12 * 768 * 2048),  # 786 MiB
        (131072, False, 12 * 131072 * 2048 + 12 * 768 * 2048),  # 3.02 GiB
    ],
)
def test_kv_layout_gpt_oss_20b_context_matches_hand_computed_bytes(
    n_ctx: int, swa_full: bool, expected: int
) -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    kv = kv_layout(p, n_ctx, swa_full=swa_full)
    assert kv.bytes == expected
    assert (kv.full_layers, kv.swa_layers) == (12, 12)
    assert kv.swa_cells == (n_ctx if swa_full else 768)


def test_plan_memory_gpt_oss_20b_plenty_of_ram_keeps_requested_settings() -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    plan = plan_memory(p, n_ctx=8192, available_bytes=64 * GiB, offload=False, swa_full=True)
    assert plan.fits and plan.notes == ()
    assert plan.llama_kwargs == {
        "n_ctx": 8192,
        "swa_full": True,
        "flash_attn": False,
        "type_k": 1,  # GGML_TYPE_F16
        "type_v": 1,
    }
    assert plan.kv.bytes == 384 * MiB
    # without flash attention the scores of a 512-token batch: 8192 x 512 x (64 heads x 4 + 4 + 4)
    assert plan.compute_bytes == 8192 * 512 * 264 + 64 * MiB


def test_plan_memory_gpt_oss_20b_128k_tight_ram_steps_down_to_q8_and_window_cache() -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    plan = plan_memory(p, n_ctx=131072, available_bytes=14 * GiB, offload=False, swa_full=True)
    assert plan.fits
    assert (plan.swa_full, plan.flash_attn, plan.kv_type) == (False, True, "q8_0")
    assert plan.llama_kwargs["type_k"] == plan.llama_kwargs["type_v"] == 8  # GGML_TYPE_Q8_0
    assert [n.split(":")[0] for n in plan.notes] == [
        "flash_attn=True",
        "KV cache q8_0 instead of f16",
        "swa_full=False",
    ]
    # q8_0 rows: 512 elements = 16 blocks x 34 bytes; K + V = 1088 bytes per layer and cell
    assert plan.kv.bytes == 12 * 131072 * 1088 + 12 * 768 * 1088
    assert plan.compute_bytes == 201088 * 512 * 4 + 64 * MiB  # flash attention: the logits


def test_plan_memory_gpt_oss_20b_does_not_fit_names_largest_context() -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    available = 12 * GiB
    plan = plan_memory(p, n_ctx=131072, available_bytes=available, offload=False, swa_full=True)
    # Most economical settings: flash attention, window-sized SWA cache, q8_0.
    fixed = GPT_OSS_WEIGHTS + (201088 * 512 * 4 + 64 * MiB) + 12 * 768 * 1088
    largest = (available - fixed) // (12 * 1088) // 256 * 256
    assert not plan.fits
    assert plan.max_n_ctx == largest == 30208
    assert "the largest context that fits is 30208 tokens" in plan.message
    assert "swa_full=False, flash_attn=True, q8_0" in plan.message


def test_plan_memory_gpt_oss_20b_32k_moderate_ram_prefers_q8_over_window_cache() -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    # f16 + flash attention: 12e9 + 1.5 GiB KV + 457 MiB = 14.09e9 > 13 GiB (13.96e9);
    # q8_0 makes the KV 0.80 GiB: fits without giving up the full-size SWA cache.
    plan = plan_memory(p, n_ctx=32768, available_bytes=13 * GiB, offload=False, swa_full=True)
    assert plan.fits and (plan.swa_full, plan.flash_attn, plan.kv_type) == (True, True, "q8_0")


def test_plan_memory_weights_alone_too_big_says_nothing_fits() -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    plan = plan_memory(p, n_ctx=4096, available_bytes=8 * GiB, offload=False, swa_full=True)
    assert not plan.fits and plan.max_n_ctx == 0
    assert "not even 256 tokens fit" in plan.message


def test_plan_memory_offload_turns_on_flash_attention_and_counts_vram() -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    plan = plan_memory(p, n_ctx=32768, available_bytes=80 * GiB, offload=True, swa_full=True)
    assert plan.fits and plan.flash_attn and plan.device == "VRAM"


def test_plan_memory_kv_type_bytes_one_starts_at_q8_with_flash_attention() -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    plan = plan_memory(
        p, n_ctx=8192, available_bytes=BIG, offload=False, swa_full=True, kv_type_bytes=1
    )
    assert (plan.kv_type, plan.flash_attn) == ("q8_0", True)  # llama.cpp: quantized V needs FA


def test_plan_memory_unknown_available_is_not_checked() -> None:
    p = build_profile(gpt_oss_20b_metadata(), gpt_oss_tensors())
    plan = plan_memory(p, n_ctx=0, available_bytes=None, offload=False, swa_full=True)
    assert plan.fits and plan.n_ctx == 131072 and "not checked" in plan.message


def test_assess_gpt_oss_wrong_head_count_kv_fails_check_and_patches_it() -> None:
    report = report_for(
        gpt_oss_20b_metadata(**{"gpt-oss.attention.head_count_kv": 4}), gpt_oss_tensors()
    )
    bad = failing(report)
    assert "gpt-oss-20b has 64/8 = 8" in bad["group size"]
    assert "head_count_kv says 4 but blk.0.attn_k.weight holds 8" in bad["heads vs tensors"]
    assert report.kv_overrides == {"gpt-oss.attention.head_count_kv": 8}
    assert failing(report, patched=True) == {} and report.ok
    assert report.profile.kv_heads == 8 and report.memory.kv.bytes == 384 * MiB
    assert "gpt-oss.attention.head_count_kv = 8" in report.render()


def test_plan_patches_head_count_kv_absent_cannot_be_overridden() -> None:
    # llama.cpp reads head counts with get_key_or_arr, which ignores an override
    # for a key the file lacks (it then uses head_count: 64 KV heads).
    report = report_for(
        gpt_oss_20b_metadata(**{"gpt-oss.attention.head_count_kv": None}), gpt_oss_tensors()
    )
    assert report.patches == ()
    assert "group size" in failing(report, patched=True)
    assert not report.ok and "NOT OK" in report.render()


def test_plan_patches_tensors_disagree_with_known_model_no_patch() -> None:
    meta = gpt_oss_20b_metadata(**{"gpt-oss.attention.head_count_kv": 4})
    profile = build_profile(meta, gpt_oss_tensors(kv_heads=4))  # a genuinely different model
    assert plan_patches(profile, meta) == []


def test_assess_gpt_oss_missing_window_patches_what_llama_cpp_requires() -> None:
    report = report_for(
        gpt_oss_20b_metadata(**{"gpt-oss.attention.sliding_window": None}), gpt_oss_tensors()
    )
    assert "llama.cpp refuses to load" in failing(report)["sliding window"]
    assert report.kv_overrides == {"gpt-oss.attention.sliding_window": 128}
    assert report.ok and report.profile.swa_layer_indices == tuple(range(0, 24, 2))


def test_check_profile_gpt_oss_wrong_window_fails() -> None:
    p = build_profile(
        gpt_oss_20b_metadata(**{"gpt-oss.attention.sliding_window": 4096}), gpt_oss_tensors()
    )
    assert (
        "4096, but gpt-oss-20b uses 128"
        in {c.name: c.message for c in check_profile(p, n_ctx=0)}["sliding window"]
    )


# --------------------------------------------------------------------------- gemma-3-270m


def test_build_profile_gemma3_swa_pattern_is_five_local_one_global() -> None:
    p = build_profile(gemma_metadata(), gemma_tensors())
    assert p.swa_layer_indices == (0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16)
    assert (p.rope_base, p.rope_base_swa) == (1000000.0, 10000.0)  # llama.cpp's gemma3 default
    assert (p.heads, p.kv_heads, p.group_size, p.head_dim_k) == (4, 1, 4, 256)


@pytest.mark.parametrize(
    ("n_ctx", "swa_full", "mib"),
    [  # llama.cpp 0.3.36's own log: "llama_kv_cache: size = ..." (non-SWA + SWA cache)
        (1024, True, 3 + 15),
        (8192, True, 24 + 120),
        (8192, False, 24 + 15),
        (32768, True, 96 + 480),
        (32768, False, 96 + 15),
    ],
)
def test_kv_layout_gemma_matches_llama_cpp_logged_sizes(
    n_ctx: int, swa_full: bool, mib: int
) -> None:
    p = build_profile(gemma_metadata(), gemma_tensors())
    assert kv_layout(p, n_ctx, swa_full=swa_full).bytes == mib * MiB


def test_compute_estimate_gemma_covers_llama_cpp_measured_buffers() -> None:
    p = build_profile(gemma_metadata(), gemma_tensors())
    measured = {(8192, True): 514.5, (65536, False): 651.8, (131072, False): 1291.8}  # MiB, CPU
    for (n_ctx, flash_attn), mib in measured.items():
        kv = kv_layout(p, n_ctx, swa_full=False)
        estimate = compute_estimate(p, kv, flash_attn=flash_attn) / MiB
        assert mib <= estimate <= mib * 1.15


def test_assess_gemma_missing_window_finds_it_and_patches_512() -> None:
    report = report_for(
        gemma_metadata(**{"gemma3.attention.sliding_window": None}), gemma_tensors()
    )
    assert report.file_profile.sliding_window is None and not any(report.file_profile.swa_layers)
    message = failing(report)["sliding window"]
    assert "runs all 18 layers as global attention" in message and "RoPE base 10000" in message
    assert report.kv_overrides == {"gemma3.attention.sliding_window": 512}
    assert report.profile.swa_layer_indices == (0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16)
    assert report.ok
    text = report.render()
    assert "FIXED  sliding window" in text and "gemma3.attention.sliding_window = 512" in text


def test_assess_gemma_window_zero_is_patched_like_missing() -> None:
    report = report_for(gemma_metadata(**{"gemma3.attention.sliding_window": 0}), gemma_tensors())
    assert report.kv_overrides == {"gemma3.attention.sliding_window": 512}
    assert "says 0" in report.patches[0].reason


def test_check_profile_context_beyond_trained_is_an_error() -> None:
    report = report_for(gemma_metadata(), gemma_tensors(), n_ctx=65536)
    assert "exceeds the trained context 32768" in failing(report)["context"]
    assert not report.ok and "FAIL   context" in report.render()


def test_check_profile_gemma3_unknown_size_missing_window_is_a_warning() -> None:
    meta = gemma_metadata(**{"gemma3.block_count": 26, "gemma3.attention.sliding_window": None})
    report = report_for(meta, gemma_tensors())
    window = next(c for c in report.checks if c.name == "sliding window")
    assert not window.ok and window.severity == "warning"
    assert report.patches == () and report.ok


def test_build_profile_per_layer_arrays_are_honoured() -> None:
    meta = gpt_oss_20b_metadata(
        **{
            "gpt-oss.attention.head_count_kv": [8] * 12 + [4] * 12,
            "gpt-oss.attention.sliding_window_pattern": [True] * 6 + [False] * 18,
        }
    )
    p = build_profile(meta, gpt_oss_tensors())
    assert p.swa_layer_indices == tuple(range(6))
    expected = 6 * 768 * 2048 + 6 * 8192 * 2048 + 12 * 8192 * 1024  # last 12 layers: 4 KV heads
    assert kv_layout(p, 8192, swa_full=False).bytes == expected


def test_check_profile_known_model_window_on_no_layer_is_an_error() -> None:
    meta = gpt_oss_20b_metadata(**{"gpt-oss.attention.sliding_window_pattern": [False] * 24})
    p = build_profile(meta, gpt_oss_tensors())
    assert "on no layer" in {c.name: c.message for c in check_profile(p, n_ctx=0)}["sliding window"]


def test_check_profile_group_size_not_whole_is_an_error() -> None:
    p = build_profile(
        gpt_oss_20b_metadata(**{"gpt-oss.attention.head_count_kv": 6}), gpt_oss_tensors()
    )
    assert (
        "not a whole group size"
        in {c.name: c.message for c in check_profile(p, n_ctx=0)}["group size"]
    )


def test_check_profile_unknown_architecture_is_an_error_naming_it() -> None:
    meta = {"general.architecture": "mamba2", "mamba2.block_count": 4, "mamba2.context_length": 1}
    report = report_for(meta, [])
    assert "unknown architecture 'mamba2'" in failing(report)["architecture"]
    assert not report.ok and "NOT OK" in report.render()


def test_check_profile_experts_used_above_count_is_an_error() -> None:
    p = build_profile(gpt_oss_20b_metadata(**{"gpt-oss.expert_used_count": 40}), gpt_oss_tensors())
    assert "llama.cpp aborts" in {c.name: c.message for c in check_profile(p, n_ctx=0)}["experts"]


def test_assess_offload_without_available_bytes_raises(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="available_bytes"):
        assess(tmp_path / "x.gguf", n_ctx=1024, offload=True)


def test_mem_available_bytes_reads_meminfo(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal: 100 kB\nMemAvailable:    2048 kB\n")
    assert mem_available_bytes(meminfo) == 2048 * 1024
    assert mem_available_bytes(tmp_path / "missing") is None


# --------------------------------------------------------------------------- the file reader


def write_tiny_gguf(path: Path, *, long_array: int = 0) -> Path:
    """A small valid GGUF (two f32 tensors) written by the gguf package itself."""
    writer = gguf.GGUFWriter(str(path), arch="gemma3")
    writer.add_block_count(1)
    writer.add_uint32("gemma3.attention.head_count", 4)
    writer.add_array("gemma3.attention.sliding_window_pattern", [True, False])
    if long_array:
        writer.add_array("tokenizer.ggml.tokens", [f"t{i}" for i in range(long_array)])
    import numpy as np

    writer.add_tensor("blk.0.attn_k.weight", np.zeros((4, 8), dtype=np.float32))
    writer.add_tensor("blk.0.attn_q.weight", np.ones((2, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def test_read_gguf_header_tiny_file_returns_metadata_and_tensors(tmp_path: Path) -> None:
    meta, tensors = read_gguf_header(write_tiny_gguf(tmp_path / "m.gguf", long_array=2000))
    assert meta["general.architecture"] == "gemma3"
    assert meta["gemma3.attention.head_count"] == 4
    assert meta["gemma3.attention.sliding_window_pattern"] == [True, False]
    assert meta["tokenizer.ggml.tokens"] == GGUFArray("string", 2000)
    assert [(t.name, t.shape, t.ggml_type, t.n_bytes) for t in tensors] == [
        ("blk.0.attn_k.weight", (8, 4), "F32", 128),
        ("blk.0.attn_q.weight", (8, 2), "F32", 64),
    ]


def test_read_gguf_header_truncated_tensor_data_raises_truncated(tmp_path: Path) -> None:
    path = write_tiny_gguf(tmp_path / "m.gguf")
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(TruncatedModelError, match="interrupted copy"):
        read_gguf_header(path)


def test_read_gguf_header_truncated_header_raises_truncated(tmp_path: Path) -> None:
    path = write_tiny_gguf(tmp_path / "m.gguf")
    path.write_bytes(path.read_bytes()[:60])
    with pytest.raises(TruncatedModelError, match="ends inside the GGUF header"):
        read_gguf_header(path)


@pytest.mark.parametrize("content", [b"", b"hello, this is text\n", b"\x00" * 64, b"GGU"])
def test_read_gguf_header_not_gguf_raises_model_file_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(content)
    expected = TruncatedModelError if content == b"GGU" else NotGGUFError
    with pytest.raises(expected) as info:
        read_gguf_header(path)
    assert isinstance(info.value, ModelFileError) and info.value.path == path


def test_read_gguf_header_unsupported_version_raises_not_gguf(tmp_path: Path) -> None:
    path = tmp_path / "v9.gguf"
    path.write_bytes(b"GGUF" + (9).to_bytes(4, "little") + bytes(16))
    with pytest.raises(NotGGUFError, match="version 9"):
        read_gguf_header(path)


def test_read_gguf_header_unknown_value_type_raises_corrupt(tmp_path: Path) -> None:
    key = b"general.name"
    body = (
        (1).to_bytes(8, "little")
        + len(key).to_bytes(8, "little")
        + key
        + (99).to_bytes(4, "little")
    )
    path = tmp_path / "bad.gguf"
    path.write_bytes(b"GGUF" + (3).to_bytes(4, "little") + (0).to_bytes(8, "little") + body)
    with pytest.raises(CorruptModelError, match="unknown value type 99"):
        read_gguf_header(path)


def test_read_gguf_header_missing_file_raises_not_found(tmp_path: Path) -> None:
    with pytest.raises(ModelFileNotFound, match="not found"):
        read_gguf_header(tmp_path / "absent.gguf")
    with pytest.raises(ModelFileNotFound, match="directory"):
        read_gguf_header(tmp_path)
