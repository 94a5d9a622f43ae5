"""Model load refuses what would run wrong or not fit, with the reason on /readyz and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import EngineError
from engine.gguf_profile import NotGGUFError
from engine.llama import LlamaCppEngine, LlamaOptions
from engine.loading import ModelCheckFailed
from tests.integration.test_cli import enclave


def test_load_context_beyond_trained_is_refused_with_reason(model_path: Path) -> None:
    engine = LlamaCppEngine(LlamaOptions(model_path=model_path, n_ctx=65536))
    with pytest.raises(ModelCheckFailed, match="32768"):
        engine.load()
    assert "refused" in (engine.stats().detail or "")


def test_load_model_that_does_not_fit_gpu_is_refused_naming_what_fits(model_path: Path) -> None:
    options = LlamaOptions(model_path=model_path, n_gpu_layers=-1, gpu_memory_bytes=300 << 20)
    with pytest.raises(ModelCheckFailed, match="refused"):
        LlamaCppEngine(options).load()


def test_load_non_gguf_file_is_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.gguf"
    bogus.write_text("these are not weights")
    with pytest.raises(NotGGUFError):
        LlamaCppEngine(LlamaOptions(model_path=bogus)).load()


def test_load_truncated_model_is_clear_error(model_path: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.gguf"
    with model_path.open("rb") as src:
        cut.write_bytes(src.read(50_000_000))
    with pytest.raises(EngineError, match=r"(?i)truncat"):
        LlamaCppEngine(LlamaOptions(model_path=cut)).load()


def test_cli_model_check_prints_report_and_passes_for_gemma(model_path: Path) -> None:
    result = enclave("model", "check", str(model_path))
    assert result.returncode == 0, result.stderr
    assert "Result: OK" in result.stdout
    assert "4 query / 1 KV (group 4)" in result.stdout
    assert "Chat template: gemma3 (built-in)" in result.stdout


def test_cli_model_check_fails_for_context_beyond_trained(model_path: Path) -> None:
    result = enclave("model", "check", str(model_path), env={"ENCLAVE_ENGINE__N_CTX": "65536"})
    assert result.returncode != 0
    assert "FAIL" in result.stdout and "context" in result.stdout
