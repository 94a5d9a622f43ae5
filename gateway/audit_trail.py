"""The gateway's side of the audit log: open a request's record, write it, or refuse.

Writing is blocking SQL, so it runs on a worker thread; a failure becomes
`AuditUnavailable` (503) because an answer nobody recorded must not leave.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

import anyio
from sqlalchemy.orm import Session, sessionmaker

from gateway.audit_context import RequestAudit
from gateway.errors import ApiError
from gateway.keys import load_secret
from gateway.settings import AuditSettings, Settings
from safety.audit.events import AuditEvent
from safety.audit.store import AuditUnavailable, SqlAuditLog

if TYPE_CHECKING:
    from gateway.pii import PiiGuard
    from gateway.safety_guard import SafetyGuard

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


WriteTimer = Callable[[Literal["append", "reserve"], float], None]


class AuditTrail:
    def __init__(
        self, log_: SqlAuditLog, keep_text: Callable[[], bool], timed: WriteTimer | None = None
    ) -> None:
        self.log = log_
        self._keep_text = keep_text
        self._timed = timed  # told how long each write kept its request waiting (/metrics)

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
        ctx.written = await self._run("append", lambda: self.log.append(event, pending))
        return ctx.written

    async def reserve(self, ctx: RequestAudit) -> None:
        """Before a streamed answer's first byte: note it, or refuse it."""
        if not ctx.reserved:
            event = ctx.event(200)
            await self._run("reserve", lambda: self.log.reserve(ctx.request_id, event))
            ctx.reserved = True

    def sweep(self, older_than: timedelta) -> int:
        return self.log.sweep_pending(older_than)

    async def _run(self, op: Literal["append", "reserve"], work: Callable[[], int | None]) -> int:
        started = time.perf_counter()
        try:
            with anyio.CancelScope(shield=True):  # a started write finishes
                result = await anyio.to_thread.run_sync(work)
        except AuditUnavailable as exc:
            log.error("%s", exc)
            raise AuditUnavailableError(REFUSAL) from None
        finally:
            if self._timed is not None:
                self._timed(op, time.perf_counter() - started)
        return result or 0


def build_audit(
    settings: Settings,
    sessions: sessionmaker[Session],
    safety: SafetyGuard | None,
    pii: PiiGuard | None,
    timed: WriteTimer | None = None,
) -> AuditTrail:
    """The audit trail. Text is kept only where the policy (or the deployment) says so and
    only when PII is pseudonymized: without the guard, kept text would be raw PII. Each
    edit of the policy file that a worker picks up is itself an event."""
    log_ = open_audit_log(settings, sessions)
    if settings.audit_store_text and pii is None:
        log.warning("audit_store_text is on but PII pseudonymization is off: no text is kept")

    def keep_text() -> bool:  # on the event loop: the policy in force, no file check
        chosen = safety.store.peek().policy.audit.store_text if safety is not None else None
        return pii is not None and (settings.audit_store_text if chosen is None else chosen)

    if safety is not None:
        safety.store.on_change = _policy_changes(log_, str(safety.store.path)[:300])
    return AuditTrail(log_, keep_text, timed)


def _policy_changes(log_: SqlAuditLog, path: str) -> Callable[[str, str, str | None], None]:
    def changed(before: str, now: str, error: str | None) -> None:
        log_.append(
            AuditEvent(
                "policy.change",
                path=path,
                policy_version=now,
                outcome="error" if error else "ok",
                status=500 if error else 200,
                detail={"before": before, "error": error[:500] if error else None},
            )
        )

    return changed


async def audit_sweeps(trail: AuditTrail, a: AuditSettings) -> None:
    """Streamed requests whose event never came (a dead worker, the database away at the
    end) become `error` events; any worker may do it, each pending row only once."""
    while True:
        try:
            done = await asyncio.to_thread(
                trail.sweep, timedelta(seconds=a.pending_timeout_seconds)
            )
            if done:
                log.warning("recorded %d streamed requests that had no audit event", done)
        except Exception as exc:  # the database may be away; try again later
            log.warning("audit sweep failed: %s", type(exc).__name__)
        await asyncio.sleep(a.sweep_seconds)
