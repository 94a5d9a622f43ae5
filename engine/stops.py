"""Stop-string matching over streamed text.

Streaming must never show the client the start of a stop string that later
completes, yet must not hold back more than that. `StopMatcher` holds back
only the longest tail of the text that could still grow into a stop string.
"""

from __future__ import annotations

from collections.abc import Sequence


class StopMatcher:
    def __init__(self, stops: Sequence[str]) -> None:
        self._stops = tuple(s for s in stops if s)
        self._pending = ""

    def feed(self, text: str) -> tuple[str, bool]:
        """Add text; return (text now safe to emit, whether a stop string was hit).

        On a hit the returned text ends just before the stop string, and the
        stop string itself and anything after it are dropped.
        """
        buf = self._pending + text
        if not self._stops:
            return buf, False
        hit = min((i for i in (buf.find(s) for s in self._stops) if i >= 0), default=-1)
        if hit >= 0:
            self._pending = ""
            return buf[:hit], True
        keep = _longest_prefix_tail(buf, self._stops)
        self._pending = buf[len(buf) - keep :] if keep else ""
        return buf[: len(buf) - keep], False

    def flush(self) -> str:
        """Text held back when the generation ends without a stop string."""
        out, self._pending = self._pending, ""
        return out


def _longest_prefix_tail(text: str, stops: Sequence[str]) -> int:
    """Length of the longest suffix of `text` that is a proper prefix of a stop string."""
    best = 0
    for stop in stops:
        for n in range(min(len(stop) - 1, len(text)), best, -1):
            if text.endswith(stop[:n]):
                best = n
                break
    return best
