"""The active policy, reloaded when its file changes, without a restart.

Each use looks at the file's modification time and size (at most once every
`check_seconds`); a changed file is parsed and compiled off to the side and
swapped in whole. A broken edit never takes effect: the previous policy
stays active, the error is logged and reported by `status()` (and /readyz),
and the next good edit is picked up. At start-up a broken policy is fatal,
because there is no previous one to keep.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from safety.filters import SafetyPolicy, compile_policy
from safety.policy import DEFAULT_POLICY, PiiPolicy, PolicyError, parse_policy
from safety.similarity import Embed

log = logging.getLogger("enclave.policy")
PiiListener = Callable[[PiiPolicy], None]
# (version before, version now, error): a file edit was loaded, or failed to load
ChangeListener = Callable[[str, str, str | None], None]


class PolicyStore:
    def __init__(
        self,
        path: Path | None,
        embed: Embed | None,
        on_pii: PiiListener | None = None,
        check_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        on_change: ChangeListener | None = None,
    ) -> None:
        self.path = path or DEFAULT_POLICY
        self._embed = embed
        self._on_pii = on_pii
        self._check = check_seconds
        self._clock = clock
        self.on_change = on_change  # the audit log sets it once it exists
        self._lock = threading.Lock()
        self._stamp = self._file_stamp()
        self._checked = clock()
        self.error: str | None = None
        self._policy = self._compile()  # raises PolicyError: no policy, no start

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def _compile(self) -> SafetyPolicy:
        try:
            data = self.path.read_bytes()
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyError(f"cannot read policy file {self.path}: {exc}") from None
        policy = parse_policy(text, self.path.suffix.lower())
        compiled = compile_policy(policy, self._embed, hashlib.sha256(data).hexdigest()[:12])
        if self._on_pii is not None:
            self._on_pii(policy.pii)
        return compiled

    def current(self) -> SafetyPolicy:
        """The active policy; reloads first when the file changed (blocking: call off-loop)."""
        now = self._clock()
        if now - self._checked < self._check:
            return self._policy
        with self._lock:
            self._checked = now
            stamp = self._file_stamp()
            if stamp != self._stamp and stamp is not None:
                self._stamp = stamp
                self._reload()
        return self._policy

    def peek(self) -> SafetyPolicy:
        """The policy in force now, without looking at the file (safe on the event loop)."""
        return self._policy

    def reload(self) -> SafetyPolicy:
        """Reload now (an admin asked); raises PolicyError and keeps the old policy on error."""
        with self._lock:
            self._stamp = self._file_stamp()
            self._policy = self._compile()
            self.error = None
            return self._policy

    def _reload(self) -> None:
        before = self._policy.version
        try:
            self._policy = self._compile()
        except PolicyError as exc:
            self.error = str(exc)
            log.error("policy file changed but was not loaded (keeping %s): %s", before, exc)
        else:
            self.error = None
            log.warning("policy reloaded from %s (version %s)", self.path, self._policy.version)
        self._changed(before, self._policy.version, self.error)

    def _changed(self, before: str, now: str, error: str | None) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(before, now, error)
        except Exception as exc:  # the listener's failure is its own; the policy stands
            log.error("policy change listener failed: %s", type(exc).__name__)

    def status(self) -> dict[str, object]:
        return {"path": str(self.path), "version": self._policy.version, "error": self.error}
