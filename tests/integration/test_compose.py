"""docker-compose.yml, checked by Debian's docker-compose (no Docker engine needed) and
against the Settings tree: every service, every variable the gateway reads, volumes, ports.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from gateway.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ENV = {"POSTGRES_PASSWORD": "pw-test", "ENCLAVE_MODEL_FILE": "gpt-oss-20b-mxfp4.gguf"}
SERVICES = {"gateway", "postgres", "chroma"}


def compose_config(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    project = tmp_path / "office"
    (project / "secrets").mkdir(parents=True)
    (project / "models").mkdir()
    for name in ("auth_secret", "audit_key"):
        (project / "secrets" / name).write_text("x" * 64)
    shutil.copy(ROOT / "docker-compose.yml", project)
    result = subprocess.run(
        ["docker-compose", *args, "config"],
        cwd=project,
        env={"PATH": "/usr/bin:/bin", **(ENV if env is None else env)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result if env is not None else yaml.safe_load(_ok(result))


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def config(tmp_path: Path) -> Any:
    return compose_config(tmp_path)


def setting_exists(variable: str) -> bool:
    """ENCLAVE_A__B names Settings.a.b; ENCLAVE_AUDIT_STORE_TEXT the top-level field."""
    model: type[BaseModel] = Settings
    parts = variable.removeprefix("ENCLAVE_").lower().split("__")
    for i, part in enumerate(parts):
        field = model.model_fields.get(part)
        if field is None:
            return False
        annotation = field.annotation
        if i < len(parts) - 1:
            if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
                return False
            model = annotation
    return True


def test_the_default_stack_is_the_gateway_postgres_and_chroma(config: Any) -> None:
    default = {n for n, svc in config["services"].items() if not svc.get("profiles")}
    assert default == SERVICES
    assert config["services"]["gateway-cuda"]["profiles"] == ["cuda"]
    for name, service in config["services"].items():
        assert service["restart"] == "unless-stopped", name
        assert service["healthcheck"]["test"], name


def test_every_gateway_variable_is_a_setting_and_loads(
    config: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = config["services"]["gateway"]["environment"]
    ours = {k: str(v) for k, v in env.items() if k.startswith("ENCLAVE_")}
    assert [k for k in ours if not setting_exists(k)] == []
    for key, value in ours.items():
        monkeypatch.setenv(key, value)
    settings = Settings()
    assert settings.database_url and settings.database_url.startswith("postgresql+psycopg://")
    assert settings.chroma_url == "http://chroma:8000"
    assert str(settings.auth.secret_file) == "/run/secrets/auth_secret"
    assert str(settings.audit.key_file) == "/run/secrets/audit_key"
    assert settings.log_format == "json"  # one JSON object a line for the office's collector


def test_the_gateway_reaches_the_other_services_by_their_names(config: Any) -> None:
    env = config["services"]["gateway"]["environment"]
    pg = config["services"]["postgres"]["environment"]
    url = f"postgresql+psycopg://{pg['POSTGRES_USER']}:pw-test@postgres:5432/{pg['POSTGRES_DB']}"
    assert env["ENCLAVE_DATABASE_URL"] == url
    assert set(config["services"]["gateway"]["depends_on"]) == {"postgres", "chroma"}
    assert all(
        d["condition"] == "service_healthy"
        for d in config["services"]["gateway"]["depends_on"].values()
    )


def test_volumes_keep_data_and_mount_the_model_read_only(config: Any) -> None:
    gateway = config["services"]["gateway"]
    mounts = {m.split(":")[1]: m for m in gateway["volumes"]}
    data_dir = gateway["environment"]["ENCLAVE_DATA_DIR"]
    assert mounts[data_dir].startswith("enclave-data:")
    model = Path(gateway["environment"]["ENCLAVE_MODEL_PATH"])
    assert mounts[str(model.parent)].endswith(":ro") and model.name == ENV["ENCLAVE_MODEL_FILE"]
    assert set(config["volumes"]) == {"enclave-data", "postgres-data", "chroma-data"}
    assert config["services"]["postgres"]["volumes"][0].startswith("postgres-data:")
    assert config["services"]["chroma"]["volumes"][0].startswith("chroma-data:")


def test_only_the_gateway_publishes_a_port_on_loopback_by_default(config: Any) -> None:
    gateway = config["services"]["gateway"]
    target = gateway["environment"]["ENCLAVE_SERVER__PORT"]
    assert gateway["ports"] == [f"127.0.0.1:8080:{target}/tcp"]
    assert "ports" not in config["services"]["postgres"]
    assert "ports" not in config["services"]["chroma"]


def test_secrets_are_files_not_variables(config: Any) -> None:
    assert set(config["secrets"]) == {"auth_secret", "audit_key"}
    mounted = {s["source"] for s in config["services"]["gateway"]["secrets"]}
    assert mounted == {"auth_secret", "audit_key"}
    env = config["services"]["gateway"]["environment"]
    assert "ENCLAVE_AUTH__SECRET" not in env and "ENCLAVE_AUDIT__HMAC_KEY" not in env


def test_the_cuda_profile_builds_the_gpu_image_and_reserves_the_gpu(tmp_path: Path) -> None:
    config = compose_config(tmp_path, "--profile", "cuda")
    cuda = config["services"]["gateway-cuda"]
    assert cuda["build"]["args"]["ENCLAVE_GPU"] == "cuda"
    devices = cuda["deploy"]["resources"]["reservations"]["devices"]
    assert devices == [{"driver": "nvidia", "count": 1, "capabilities": ["gpu"]}]
    assert cuda["environment"]["ENCLAVE_ENGINE__N_GPU_LAYERS"] == "-1"
    assert setting_exists("ENCLAVE_ENGINE__N_GPU_LAYERS")


def test_missing_password_or_model_is_a_clear_error(tmp_path: Path) -> None:
    result = compose_config(tmp_path, env={"ENCLAVE_MODEL_FILE": "m.gguf"})
    assert result.returncode != 0 and "set POSTGRES_PASSWORD in .env" in result.stderr


def test_the_image_runs_migrations_then_the_server_as_a_non_root_user(config: Any) -> None:
    assert (
        "enclave db upgrade && exec enclave serve" in config["services"]["gateway"]["command"][-1]
    )
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "USER enclave" in dockerfile and dockerfile.count("FROM ") == 2


def test_the_llama_server_profile_serves_the_model_with_parallel_slots(tmp_path: Path) -> None:
    config = compose_config(tmp_path, "--profile", "llama-server")
    server = config["services"]["llama-server"]
    assert server["profiles"] == ["llama-server"]
    assert server["image"].startswith("ghcr.io/ggml-org/llama.cpp:server")
    argv = server["command"]
    flag = {argv[i]: argv[i + 1] for i in range(len(argv) - 1) if argv[i].startswith("--")}
    assert flag["--model"] == f"/models/{ENV['ENCLAVE_MODEL_FILE']}" and "--jinja" in argv
    slots, ctx = int(flag["--parallel"]), int(flag["--ctx-size"])
    assert slots > 1 and ctx // slots == Settings().engine.n_ctx  # each slot: the gateway's window
    assert server["volumes"][0].endswith(":/models:ro") and "ports" not in server
    assert "/health" in " ".join(server["healthcheck"]["test"])
    assert server["restart"] == "unless-stopped"


def test_switching_the_gateway_to_the_llama_server_engine_is_one_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = compose_config(tmp_path / "a")["services"]["gateway"]["environment"]
    assert default["ENCLAVE_ENGINE__BACKEND"] == "llama_cpp"
    env = {**ENV, "ENCLAVE_ENGINE_BACKEND": "remote"}
    result = compose_config(tmp_path / "b", "--profile", "llama-server", env=env)
    gateway = yaml.safe_load(_ok(result))["services"]["gateway"]["environment"]
    for key, value in gateway.items():
        if key.startswith("ENCLAVE_"):
            monkeypatch.setenv(key, str(value))
    engine = Settings().engine
    assert engine.backend == "remote"
    assert engine.remote.upstreams == ["http://llama-server:8080"]
