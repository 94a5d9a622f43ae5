"""The gateway's side of the audit log: open a request's record, write it, or refuse.

Writing is blocking SQL, so it runs on a worker thread; a failure becomes
`AuditUnavailable` (503) because an answer nobody recorded must not leave.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

import anyio
from sqlalchemy.orm import Session, sessionmaker

from gateway.audit_context import RequestAudit
from gateway.errors import ApiError
from gateway.keys import load_secret
from gateway.settings import Settings
from safety.audit.events import AuditEvent
from safety.audit.store import AuditUnavailable, SqlAuditLog

log = logging.getLogger("enclave.audit")


class AuditUnavailableError(ApiError):
    status = 503
    type = "service_unavailable"
    default_code = "audit_unavailable"


REFUSAL = "the audit log cannot be written, so the request was not served; try again shortly"


def open_audit_log(settings: Settings, sessions: sessionmaker[Session]) -> SqlAuditLog:
    """The audit log with its key: from settings, else the key file (made 0600 on first use).

    The key is not the API-key secret: a leak of one must not forge the other.
    """
    a = settings.audit
    key = load_secret(
        a.hmac_key.get_secret_value() if a.hmac_key else None, settings.resolved_audit_key_file
    )
    return SqlAuditLog(sessions, key)


class AuditTrail:
    def __init__(self, log_: SqlAuditLog, keep_text: Callable[[], bool]) -> None:
        self.log = log_
        self._keep_text = keep_text

    def open(self, action: str, method: str, path: str, client: str | None) -> RequestAudit:
        return RequestAudit(action, method, path, client, self._keep_text())

    async def write(
        self, ctx: RequestAudit, status: int, cancelled: bool = False, error: str | None = None
    ) -> int:
        """Chain the request's event (once); AuditUnavailableError when it cannot be."""
        if ctx.written is not None:
            return ctx.written
        event = ctx.event(status, cancelled, error)
        pending = ctx.request_id if ctx.reserved else None
        ctx.written = await self._run(lambda: self.log.append(event, pending))
        return ctx.written

    async def reserve(self, ctx: RequestAudit) -> None:
        """Before a streamed answer's first byte: note it, or refuse it."""
        if not ctx.reserved:
            event = ctx.event(200)
            await self._run(lambda: self.log.reserve(ctx.request_id, event))
            ctx.reserved = True

    async def append(self, event: AuditEvent) -> int:
        """An event that is not a request (start-up, a policy file edit)."""
        return await self._run(lambda: self.log.append(event))

    def sweep(self, older_than: timedelta) -> int:
        return self.log.sweep_pending(older_than)

    @staticmethod
    async def _run(work: Callable[[], int | None]) -> int:
        try:
            with anyio.CancelScope(shield=True):  # a started write finishes
                result = await anyio.to_thread.run_sync(work)
        except AuditUnavailable as exc:
            log.error("%s", exc)
            raise AuditUnavailableError(REFUSAL) from None
        return result or 0
