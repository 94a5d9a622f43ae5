"""The sliding-window prefix-reuse guard, on the tiny gpt-oss model against the NumPy reference.

With a small SWA cache (swa_full off), decoding a long prompt evicts old
window positions; llama-cpp-python then reuses a shorter cached prefix of the
next prompt although the window before it is gone, and its logits are wrong.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine.llama import LlamaOptions, LoadedModel, open_llama, prefix_reuse_is_safe
from engine.reference import reference_logits
from engine.tinymodels import write_tiny_gptoss

TOLERANCE = 0.05  # F16 KV cache vs float64 reference: measured ~4e-3; the bug: ~0.5


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_gptoss(tmp_path_factory.mktemp("tiny") / "tiny-gptoss.gguf")


def load(path: Path, swa_full: bool) -> LoadedModel:
    options = LlamaOptions(model_path=path, n_ctx=1024, n_batch=8, swa_full=swa_full)
    return LoadedModel(open_llama(options), options)


def prompts() -> tuple[list[int], list[int]]:
    rng = np.random.default_rng(0)
    long = [int(t) for t in rng.integers(0, 256, 600)]  # far past the 8-token window
    return long, long[:100] + [int(t) for t in rng.integers(0, 256, 10)]


def next_logits(model: LoadedModel, tokens: list[int], guard: bool) -> np.ndarray:
    import llama_cpp

    if guard:
        model._guard_prefix_reuse(tokens)
    gen = model.llm.generate(tokens, temp=0.0, top_k=0, min_p=0.0, top_p=1.0)
    next(gen)
    ptr = llama_cpp.llama_get_logits_ith(model.llm._ctx.ctx, -1)
    logits = np.ctypeslib.as_array(ptr, shape=(model.llm.n_vocab(),)).astype(np.float64)
    gen.close()
    return logits


@pytest.mark.parametrize("guard", [True, False], ids=["guarded", "unguarded-control"])
def test_prefix_reuse_after_long_prompt_matches_reference_only_when_guarded(
    tiny: Path, guard: bool
) -> None:
    long, short = prompts()
    model = load(tiny, swa_full=False)
    next_logits(model, long, guard)  # fills the cache; evicts the window's old positions
    diff = np.abs(next_logits(model, short, guard) - reference_logits(tiny, short)[-1]).max()
    if guard:
        assert diff < TOLERANCE
    else:  # proves the hazard is real in this llama.cpp, so the guarded case means something
        assert diff > 10 * TOLERANCE
    model.llm.close()


def test_prefix_reuse_with_full_size_swa_cache_is_kept(tiny: Path) -> None:
    long, short = prompts()
    model = load(tiny, swa_full=True)
    next_logits(model, long, guard=True)
    model._guard_prefix_reuse(short)
    assert model.llm.n_tokens == 600  # nothing reset: the full cache still has the window
    diff = np.abs(next_logits(model, short, guard=True) - reference_logits(tiny, short)[-1]).max()
    assert diff < TOLERANCE
    model.llm.close()


@pytest.mark.parametrize(
    ("reuse", "n_cached", "pos_min", "window", "swa_full", "safe"),
    [
        (100, 600, 344, 8, False, False),  # window before 100 evicted
        (100, 600, 0, 8, False, True),  # everything still cached
        (100, 600, 93, 8, False, True),  # exactly the 7 positions the window needs
        (100, 600, 94, 8, False, False),
        (600, 600, 344, 8, False, True),  # pure extension: nothing removed
        (100, 600, 344, 8, True, True),  # full-size cache
        (100, 600, 344, None, False, True),  # no sliding window
        (100, 600, -1, 8, False, False),  # cache reports nothing cached
        (0, 600, 344, 8, False, True),  # nothing reused
    ],
)
def test_prefix_reuse_is_safe_decision_table(reuse, n_cached, pos_min, window, swa_full, safe):
    assert prefix_reuse_is_safe(reuse, n_cached, pos_min, window, swa_full) is safe
