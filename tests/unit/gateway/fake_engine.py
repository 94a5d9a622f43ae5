"""An in-process ChatEngine for testing the gateway's logic without a model.

It runs on the real SerialWorker, so queueing and cancellation behave as in
production; only the decoding is scripted.
"""

from __future__ import annotations

import threading

from engine.errors import EngineFailed, EngineNotReady
from engine.protocol import ChatMessage, EngineStats, Finished, SamplingParams, TextDelta
from engine.worker import Emit, Job, SerialWorker


class FakeEngine:
    def __init__(
        self,
        pieces: list[str],
        *,
        fail_load: str | None = None,
        hold: threading.Event | None = None,
        gate: threading.Event | None = None,
        fail_after: int | None = None,
    ) -> None:
        self.pieces = pieces
        self.fail_load = fail_load
        self.hold = hold  # when set, load() waits on it: "model still loading"
        self.gate = gate  # when set, decoding waits on it after the first piece
        self.fail_after = fail_after  # decoding fails (EngineFailed) after this many pieces
        self.seen: list[tuple[list[ChatMessage], SamplingParams]] = []
        self._worker = SerialWorker(max_queue=2)
        self._ready = False

    model_id = "fake-model"
    context_length = 64

    def load(self) -> None:
        if self.hold is not None:
            self.hold.wait(10)
        if self.fail_load:
            raise EngineNotReady(self.fail_load)
        self._worker.start()
        self._ready = True

    def close(self) -> None:
        self._worker.close()

    def stats(self) -> EngineStats:
        detail = None if self._ready else (self.fail_load or "loading")
        return self._worker.stats(ready=self._ready, detail=detail)

    async def generate(self, messages: list[ChatMessage], params: SamplingParams) -> Job:
        if not self._ready:
            raise EngineNotReady("loading")
        self.seen.append((messages, params))
        pieces = self.pieces[: params.max_tokens or len(self.pieces)]

        def work(emit: Emit, cancelled: threading.Event) -> Finished:
            for i, piece in enumerate(pieces):
                if i == 1 and self.gate is not None:
                    self.gate.wait(30)
                if self.fail_after is not None and i == self.fail_after:
                    raise EngineFailed("decode failed")
                if cancelled.is_set():
                    return Finished("cancelled", 3, 0)
                emit(TextDelta(piece))
            return Finished("stop" if len(pieces) == len(self.pieces) else "length", 3, len(pieces))

        return self._worker.submit(work, 3)
