"""The attention check against the real packaged Gemma-3 270M and real llama.cpp.

The measured fact behind it: a copy of the GGUF without
`gemma3.attention.sliding_window` loads without complaint, llama.cpp runs it
with n_swa = 0, and the greedy answer to "The capital of France is" changes;
the kv_override the report proposes restores the original answer exactly.
The prompt is far shorter than the 512-token window, so masking is not what
changes: without a window llama.cpp also treats the 15 local layers as global
for RoPE (base 1e6 instead of their 10000); a test pins that down. The KV sizes the
memory plan predicts are compared with llama.cpp's own log, for Gemma and for the
project's tiny gpt-oss (whose missing window llama.cpp refuses, as the check says).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from engine.attention import ModelFileError, read_gguf_header
from engine.attention_report import assess
from engine.gguf_profile import NotGGUFError, TruncatedModelError
from engine.memory_plan import MiB

pytestmark = pytest.mark.model

WINDOW_KEY = "gemma3.attention.sliding_window"
PROMPT = "The capital of France is"


@pytest.fixture(scope="module")
def gemma_reader(model_path: Path) -> Any:
    """gguf-py's own reader (slow: ~10 s), the reference for ours and for the copy."""
    import gguf

    return gguf.GGUFReader(model_path)


@pytest.fixture(scope="module")
def stripped_path(gemma_reader: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged GGUF rewritten by gguf-py's gguf_new_metadata minus the window key."""
    import gguf
    from gguf.scripts.gguf_new_metadata import copy_with_new_metadata

    dest = tmp_path_factory.mktemp("attention") / "gemma-no-window.gguf"
    arch = gemma_reader.fields["general.architecture"].contents()
    writer = gguf.GGUFWriter(str(dest), arch=arch, endianess=gemma_reader.endianess)
    copy_with_new_metadata(gemma_reader, writer, {}, [WINDOW_KEY])
    return dest


def greedy(path: Path, kv_overrides: dict[str, Any] | None = None) -> tuple[str, int]:
    """(8-token greedy raw completion of PROMPT, n_swa llama.cpp loaded the model with)."""
    import llama_cpp

    llm = llama_cpp.Llama(
        model_path=str(path), n_ctx=1024, verbose=False, kv_overrides=kv_overrides
    )
    try:
        out: Any = llm.create_completion(PROMPT, max_tokens=8, temperature=0.0)
        return out["choices"][0]["text"], llama_cpp.llama_model_n_swa(llm.model)
    finally:
        llm.close()


@pytest.fixture(scope="module")
def original_answer(model_path: Path) -> str:
    text, n_swa = greedy(model_path)
    assert n_swa == 512
    return text


@pytest.fixture(scope="module")
def stripped_answer(stripped_path: Path) -> str:
    text, n_swa = greedy(stripped_path)
    assert n_swa == 0  # loaded without complaint, no sliding window at all
    return text


def test_read_gguf_header_packaged_gemma_matches_gguf_reader(
    model_path: Path, gemma_reader: Any
) -> None:
    metadata, tensors = read_gguf_header(model_path)
    for name, field in gemma_reader.fields.items():
        if name.startswith("GGUF.") or len(field.data) > 1024:
            continue
        assert metadata[name] == pytest.approx(field.contents()), name
    theirs = [
        (t.name, tuple(int(d) for d in t.shape), int(t.n_bytes)) for t in gemma_reader.tensors
    ]
    assert [(t.name, t.shape, t.n_bytes) for t in tensors] == theirs
    assert metadata["tokenizer.ggml.tokens"].length == 262144


def test_assess_packaged_gemma_passes_every_check(model_path: Path) -> None:
    report = assess(model_path, n_ctx=2048, available_bytes=8 << 30)
    assert report.ok and report.patches == ()
    assert [c.name for c in report.checks if not c.ok] == []
    assert report.known is not None and report.known.name == "gemma-3-270m"
    assert report.profile.swa_layer_indices == (0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16)
    assert "PASS   sliding window    512 on 15 of 18 layers" in report.render()


def test_assess_stripped_window_recognises_gemma_and_patches_the_window(
    stripped_path: Path,
) -> None:
    metadata, _ = read_gguf_header(stripped_path)
    assert WINDOW_KEY not in metadata
    report = assess(stripped_path, n_ctx=2048, available_bytes=8 << 30)
    assert report.known is not None and report.known.name == "gemma-3-270m"
    window = next(c for c in report.checks if c.name == "sliding window")
    assert not window.ok and "n_swa = 0" in window.message
    assert report.kv_overrides == {WINDOW_KEY: 512}
    assert report.llama_kwargs["kv_overrides"] == {WINDOW_KEY: 512}
    assert report.ok  # ok as loaded with the patch
    text = report.render()
    assert "FIXED  sliding window" in text
    assert f"{WINDOW_KEY} = 512  -- gemma-3-270m has attention.sliding_window = 512" in text


def test_llama_stripped_window_loads_with_no_swa_and_answers_differently(
    stripped_answer: str, original_answer: str
) -> None:
    # measured: " the capital of the country of France." vs " ... of the French"
    assert stripped_answer != original_answer


def test_llama_stripped_window_with_report_overrides_answers_like_the_original(
    stripped_path: Path, original_answer: str
) -> None:
    report = assess(stripped_path, n_ctx=1024, available_bytes=8 << 30)
    patched_answer, n_swa = greedy(stripped_path, report.kv_overrides)
    assert n_swa == 512
    assert patched_answer == original_answer


def test_llama_local_layer_rope_base_explains_the_stripped_answer(
    model_path: Path, stripped_answer: str
) -> None:
    # Keep the window (masking unchanged for a 6-token prompt) but give the local
    # layers the global RoPE base, as n_swa = 0 does: the stripped answer appears.
    answer, n_swa = greedy(model_path, {"gemma3.rope.freq_base_swa": 1000000.0})
    assert n_swa == 512
    assert answer == stripped_answer


def logged_buffers(path: Path, kwargs: dict[str, Any], capfd: pytest.CaptureFixture[str]) -> Any:
    """(KV cache MiB summed over llama.cpp's caches, compute buffer MiB) from its own log."""
    import llama_cpp

    capfd.readouterr()
    llama_cpp.Llama(model_path=str(path), verbose=True, **kwargs).close()
    log = capfd.readouterr().err
    kv = sum(float(m) for m in re.findall(r"llama_kv_cache: size = +([\d.]+) MiB", log))
    compute = float(re.findall(r"CPU compute buffer size = +([\d.]+) MiB", log)[0])
    return kv, compute


@pytest.mark.parametrize("swa_full", [True, False])
def test_plan_memory_gemma_kv_bytes_match_llama_cpp_log(
    model_path: Path, swa_full: bool, capfd: pytest.CaptureFixture[str]
) -> None:
    report = assess(model_path, n_ctx=4096, available_bytes=8 << 30, swa_full=swa_full)
    kv, compute = logged_buffers(model_path, report.llama_kwargs, capfd)
    assert kv == pytest.approx(report.memory.kv.bytes / MiB)
    assert compute <= report.memory.compute_bytes / MiB <= compute * 1.15


# The gpt-oss path in llama.cpp, on the project's tiny generated gpt-oss (random
# weights, window 8, 4 layers): the sizing and the "required window" rule are real.


@pytest.fixture(scope="module")
def tiny_gptoss(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from engine.tinymodels import write_tiny_gptoss

    return write_tiny_gptoss(tmp_path_factory.mktemp("tiny") / "tiny-gptoss.gguf")


@pytest.mark.parametrize(("n_ctx", "swa_full"), [(1024, True), (4096, False)])
def test_plan_memory_tiny_gptoss_kv_bytes_match_llama_cpp_log(
    tiny_gptoss: Path, n_ctx: int, swa_full: bool, capfd: pytest.CaptureFixture[str]
) -> None:
    report = assess(tiny_gptoss, n_ctx=n_ctx, available_bytes=8 << 30, swa_full=swa_full)
    assert report.ok and report.profile.swa_layer_indices == (0, 2)  # even layers banded
    kv, compute = logged_buffers(tiny_gptoss, report.llama_kwargs, capfd)
    assert kv == pytest.approx(report.memory.kv.bytes / MiB, abs=0.01)
    assert report.memory.kv.swa_cells == (n_ctx if swa_full else 768)  # pad256(8 + 512)
    assert compute <= report.memory.compute_bytes / MiB


def test_llama_tiny_gptoss_without_window_refuses_to_load_as_the_check_says(
    tiny_gptoss: Path, tmp_path: Path
) -> None:
    import gguf
    import llama_cpp
    from gguf.scripts.gguf_new_metadata import copy_with_new_metadata

    key = "gpt-oss.attention.sliding_window"
    stripped = tmp_path / "tiny-no-window.gguf"
    reader = gguf.GGUFReader(tiny_gptoss)
    writer = gguf.GGUFWriter(str(stripped), arch="gpt-oss", endianess=reader.endianess)
    copy_with_new_metadata(reader, writer, {}, [key])
    report = assess(stripped, n_ctx=512, available_bytes=8 << 30)
    window = next(c for c in report.checks if c.name == "sliding window")
    assert not window.ok and "llama.cpp refuses to load" in window.message
    assert report.patches == () and not report.ok  # tiny model: not a known one, no patch
    with pytest.raises(ValueError, match="Failed to load model"):
        llama_cpp.Llama(model_path=str(stripped), n_ctx=512, verbose=False)
    # An override supplies a key the file lacks (llama.cpp's get_key tries overrides first).
    llm = llama_cpp.Llama(model_path=str(stripped), n_ctx=512, verbose=False, kv_overrides={key: 8})
    assert llama_cpp.llama_model_n_swa(llm.model) == 8
    llm.close()


def test_read_gguf_header_truncated_gemma_raises_truncated(
    model_path: Path, tmp_path: Path
) -> None:
    data = model_path.read_bytes()
    for size, detail in ((1 << 20, "inside the GGUF header"), (len(data) // 2, "interrupted")):
        cut = tmp_path / f"cut-{size}.gguf"
        cut.write_bytes(data[:size])
        with pytest.raises(TruncatedModelError, match=detail) as info:
            assess(cut, n_ctx=1024, available_bytes=8 << 30)
        assert isinstance(info.value, ModelFileError) and str(cut) in str(info.value)


def test_read_gguf_header_non_gguf_file_raises_not_gguf(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"PK\x03\x04 this is a zip, not a model")
    with pytest.raises(NotGGUFError, match="not a GGUF model file"):
        assess(fake, n_ctx=1024)


def test_engine_load_patches_missing_window_and_logs_it(
    stripped_path: Path, original_answer: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The product path: LlamaCppEngine.load runs the check and applies the patch itself."""
    import llama_cpp

    from engine.llama import LlamaCppEngine, LlamaOptions

    engine = LlamaCppEngine(LlamaOptions(model_path=stripped_path, n_ctx=1024))
    with caplog.at_level("WARNING", logger="enclave.engine"):
        engine.load()
    try:
        llm = engine.model.llm
        assert llama_cpp.llama_model_n_swa(llm.model) == 512
        out: Any = llm.create_completion(PROMPT, max_tokens=8, temperature=0.0)
        assert out["choices"][0]["text"] == original_answer
        assert any(
            WINDOW_KEY in r.getMessage() and "patched" in r.getMessage() for r in caplog.records
        )
    finally:
        engine.close()
