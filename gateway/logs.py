"""Log setup for `enclave serve`: plain text for a developer, one JSON object a line for
an office server's log collector, each line naming its request and worker.

The request id is the one the audit middleware gives each request (and returns as
X-Request-Id), carried in a context variable so every log call during the request,
on the event loop or in a worker thread it started, is tagged without passing it
around. Logs say what happened, never what was written: the JSON form keeps an
exception's type and stack frames but not its message, which may quote data.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
import traceback
from datetime import UTC, datetime
from typing import Any

from gateway.settings import Settings

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "enclave_request_id", default=None
)
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Chatty below WARNING and no use to an operator (SQLAlchemy at DEBUG would log parameters).
QUIET = ("alembic", "sqlalchemy", "httpx", "httpcore", "urllib3", "chromadb", "multipart")


class RequestContext(logging.Filter):
    """On a handler: tags every record with `request_id` and `worker` (the process id,
    as in the X-Enclave-Worker header). A record that already names its request keeps it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = REQUEST_ID.get()
        record.worker = os.getpid()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: timestamp, level, logger, message, request_id, worker;
    plus `fields` when the call passed `extra={"fields": {...}}`."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "worker": getattr(record, "worker", os.getpid()),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update({k: v for k, v in fields.items() if k not in line})
        if record.exc_info and record.exc_info[0] is not None:
            line["error"] = record.exc_info[0].__name__
            line["stack"] = "".join(traceback.format_tb(record.exc_info[2]))
        return json.dumps(line, default=str, ensure_ascii=False)


def log_config(settings: Settings) -> dict[str, Any]:
    """A `logging.config.dictConfig` for the whole process, uvicorn's loggers included
    (uvicorn applies it in every worker it spawns). Uvicorn's access log is off: it
    prints raw paths with query strings (an audit search's `q`); the gateway logs each
    request by its route instead (gateway.observability)."""
    level = settings.log_level.upper()
    formatter = (
        {"()": f"{__name__}.JsonFormatter"}
        if settings.log_format == "json"
        else {"format": TEXT_FORMAT}
    )
    quiet = {name: {"level": "WARNING"} for name in QUIET}
    uvicorn = {
        name: {"handlers": [], "propagate": True, "level": level}
        for name in ("uvicorn", "uvicorn.error")
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": f"{__name__}.RequestContext"}},
        "formatters": {"enclave": formatter},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "enclave",
                "filters": ["request"],
            }
        },
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {**quiet, **uvicorn, "uvicorn.access": {"level": "WARNING"}},
    }
