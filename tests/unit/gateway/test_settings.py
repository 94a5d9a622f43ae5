from pathlib import Path

import pytest
from pydantic import ValidationError

from gateway.settings import CONFIG_FILE_ENV, SettingsFileError, load_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for key in list(os.environ):
        if key.startswith("ENCLAVE_"):
            monkeypatch.delenv(key)


def test_settings_defaults_run_the_embedded_product() -> None:
    s = load_settings()
    assert (s.server.host, s.server.port) == ("127.0.0.1", 8080)
    assert s.resolved_model_path == Path("data/models/gemma-3-270m-q4_k_m.gguf")


def test_settings_env_nested_delimiter_sets_engine_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENCLAVE_ENGINE__N_CTX", "2048")
    monkeypatch.setenv("ENCLAVE_MODEL_PATH", "/models/gpt-oss-20b.gguf")
    s = load_settings()
    assert s.engine.n_ctx == 2048
    assert s.resolved_model_path == Path("/models/gpt-oss-20b.gguf")


def test_settings_toml_file_is_read_and_env_overrides_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "enclave.toml"
    cfg.write_text('log_level = "DEBUG"\n[server]\nport = 9000\n[engine]\nn_ctx = 1024\n')
    monkeypatch.setenv(CONFIG_FILE_ENV, str(cfg))
    monkeypatch.setenv("ENCLAVE_ENGINE__N_CTX", "4096")
    s = load_settings()
    assert (s.server.port, s.engine.n_ctx, s.log_level) == (9000, 4096, "debug")


def test_settings_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsFileError, match="not found"):
        load_settings(tmp_path / "nope.toml")


def test_settings_invalid_value_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENCLAVE_SERVER__PORT", "0")
    with pytest.raises(ValidationError, match="port"):
        load_settings()


def test_settings_unknown_key_in_file_is_rejected(tmp_path: Path) -> None:
    cfg = tmp_path / "enclave.toml"
    cfg.write_text("[engine]\nn_cxt = 1024\n")
    with pytest.raises(ValidationError, match="n_cxt"):
        load_settings(cfg)
