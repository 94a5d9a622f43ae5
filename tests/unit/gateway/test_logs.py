"""Log lines: JSON objects naming their request and worker, and what the log setup does."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

from gateway.logs import REQUEST_ID, JsonFormatter, RequestContext, log_config
from gateway.settings import Settings


def record(msg: str = "hello %s", *args: object, **extra: object) -> logging.LogRecord:
    rec = logging.LogRecord("enclave.test", logging.WARNING, __file__, 1, msg, args or ("x",), None)
    rec.__dict__.update(extra)
    return rec


def formatted(rec: logging.LogRecord) -> dict[str, object]:
    RequestContext().filter(rec)
    line = JsonFormatter().format(rec)
    assert "\n" not in line
    return json.loads(line)  # type: ignore[no-any-return]


def test_json_line_has_timestamp_level_logger_message_request_and_worker() -> None:
    token = REQUEST_ID.set("req-123")
    try:
        line = formatted(record())
    finally:
        REQUEST_ID.reset(token)
    assert line["timestamp"].endswith("+00:00")  # type: ignore[union-attr]
    assert {k: line[k] for k in ("level", "logger", "message", "request_id", "worker")} == {
        "level": "warning",
        "logger": "enclave.test",
        "message": "hello x",
        "request_id": "req-123",
        "worker": os.getpid(),
    }


def test_json_line_outside_a_request_has_null_request_id_and_keeps_a_given_one() -> None:
    assert formatted(record())["request_id"] is None
    assert formatted(record(request_id="given"))["request_id"] == "given"


def test_json_line_adds_fields_but_never_overrides_the_standard_ones() -> None:
    line = formatted(record(fields={"route": "/v1/models", "message": "forged"}))
    assert line["route"] == "/v1/models" and line["message"] == "hello x"


def test_json_exception_keeps_type_and_frames_but_not_the_message() -> None:
    personal = "Maria Lopez " + "maria@example.com"  # the raise line shows code, not this
    try:
        raise ValueError(personal)
    except ValueError:
        rec = record()
        rec.exc_info = sys.exc_info()
    line = formatted(rec)
    assert line["error"] == "ValueError"
    assert "test_json_exception_keeps_type" in str(line["stack"])
    assert "Maria" not in json.dumps(line)


def test_log_format_setting_reads_env_case_insensitively(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ENCLAVE_LOG_FORMAT", "JSON")
    assert Settings().log_format == "json"
    assert Settings().log_level == "info" and Settings(log_format="text").log_format == "text"


def test_json_config_makes_every_line_on_stderr_json_uvicorn_included() -> None:
    """In a fresh process, as `enclave serve` applies it (and uvicorn in each worker);
    SQLAlchemy stays at WARNING even at debug (its debug lines quote parameters)."""
    config = log_config(Settings(log_format="json", log_level="debug"))
    script = (
        "import json, logging, logging.config, sys\n"
        "logging.config.dictConfig(json.loads(sys.argv[1]))\n"
        "logging.getLogger('uvicorn.error').info('Started server process')\n"
        "logging.getLogger('enclave.app').debug('model ready')\n"
        "logging.getLogger('sqlalchemy.engine').info('SELECT secret params')\n"
        "logging.getLogger('uvicorn.access').info('GET /v1/audit/events?q=Maria 200')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, json.dumps(config)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    lines = [json.loads(line) for line in out.stderr.splitlines()]
    assert [(x["logger"], x["message"]) for x in lines] == [
        ("uvicorn.error", "Started server process"),
        ("enclave.app", "model ready"),
    ]
    assert log_config(Settings())["formatters"]["enclave"] == {
        "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"
    }
