from pathlib import Path

import pytest

import engine.packaged as packaged
from engine.packaged import ModelPrepareError, is_prepared, prepare_default_model


def test_prepare_default_model_writes_verified_file_and_reports_progress(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    dest = prepare_default_model(tmp_path / "m.gguf", lambda d, t: seen.append((d, t)))
    assert is_prepared(dest)
    assert seen[-1][0] == seen[-1][1] == dest.stat().st_size
    assert dest.read_bytes()[:4] == b"GGUF"


def test_prepare_default_model_checksum_mismatch_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = packaged._package()
    monkeypatch.setattr(pkg, "EXPECTED_SHA256", "0" * 64)
    with pytest.raises(ModelPrepareError, match="SHA-256"):
        prepare_default_model(tmp_path / "m.gguf")
    assert list(tmp_path.iterdir()) == []


def test_is_prepared_rejects_truncated_file(tmp_path: Path) -> None:
    partial = tmp_path / "m.gguf"
    partial.write_bytes(b"GGUF" + b"\0" * 100)
    assert not is_prepared(partial)
