"""A dedicated thread that runs generations one at a time, in arrival order.

Why a thread and not the event loop: llama.cpp's decode is a long blocking C
call; running it on the loop would stall every other request (health checks,
other streams). Why one thread: one llama.cpp context serves one sequence at a
time, so jobs wait in a FIFO queue, which is also what makes it fair. A job
that is cancelled (client went away) is removed from the queue at once, or, if
running, stops at the next token and frees the engine for the next job.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from engine.errors import EngineBusy, EngineError, EngineFailed, EngineNotReady
from engine.protocol import EngineStats, Finished, GenerationEvent

log = logging.getLogger("enclave.engine")

Emit = Callable[[GenerationEvent], None]
Work = Callable[[Emit, threading.Event], Finished]
END = object()  # put last into a generation's event queue


class EventQueue:
    """A generation's events, from its producer to its one consumer.

    Iterating ends at END, or raises an error the producer put in. A consumer
    that stops early may iterate again to read the rest (the output filter
    does, to wait for the token counts after it blocked an answer).
    """

    def __init__(self) -> None:
        self._items: asyncio.Queue[object] = asyncio.Queue()
        self._closed = False

    def put(self, item: object) -> None:
        self._items.put_nowait(item)

    async def __aiter__(self) -> AsyncIterator[GenerationEvent]:
        if self._closed:
            return
        while True:
            item = await self._items.get()
            if item is END:
                self._closed = True
                return
            if isinstance(item, BaseException):
                self._closed = True
                raise item
            yield item  # type: ignore[misc]


class Job:
    """One queued generation: the work to run and the async stream of its events."""

    def __init__(self, work: Work, prompt_tokens: int, worker: SerialWorker) -> None:
        self.work = work
        self.prompt_tokens = prompt_tokens
        self.cancelled = threading.Event()
        self._worker = worker
        self._loop = asyncio.get_running_loop()
        self._events = EventQueue()
        self._on_finished: list[Callable[[Finished], None]] = []

    def on_finished(self, callback: Callable[[Finished], None]) -> None:
        """Call `callback` (on the worker thread) when the work ends, even if nobody listens:
        token accounting must not depend on the client staying connected."""
        self._on_finished.append(callback)

    def finished(self, result: Finished) -> None:
        for callback in self._on_finished:
            try:
                callback(result)
            except Exception:  # accounting must never take the engine down
                log.exception("on_finished callback failed")

    def post(self, item: object) -> None:
        """Hand an event to the consumer; safe from any thread, never raises."""
        try:
            self._loop.call_soon_threadsafe(self._events.put, item)
        except RuntimeError:  # the event loop is gone: nobody is listening any more
            self.cancelled.set()

    def cancel(self) -> None:
        """Stop this job: dequeue it if waiting, or stop it at the next token."""
        self.cancelled.set()
        self._worker.withdraw(self)

    def __aiter__(self) -> AsyncIterator[GenerationEvent]:
        return aiter(self._events)


@dataclass(slots=True)
class WorkerCounters:
    completed: int = 0
    cancelled: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def count(self, finished: Finished) -> None:
        """A generation that ended (cancelled or not) with its token counts."""
        if finished.finish_reason == "cancelled":
            self.cancelled += 1
        else:
            self.completed += 1
        self.prompt_tokens += finished.prompt_tokens
        self.completion_tokens += finished.completion_tokens


class SerialWorker:
    def __init__(self, max_queue: int, name: str = "enclave-engine") -> None:
        self.max_queue = max_queue
        self.counters = WorkerCounters()
        self._pending: collections.deque[Job] = collections.deque()
        self._running: Job | None = None
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    @property
    def queued(self) -> int:
        return len(self._pending)

    @property
    def running(self) -> int:
        return 0 if self._running is None else 1

    def stats(self, *, ready: bool, detail: str | None) -> EngineStats:
        """Queue state and counters as the engine reports them."""
        c = self.counters
        return EngineStats(
            ready=ready,
            detail=detail,
            queued=self.queued,
            running=self.running,
            completed=c.completed,
            cancelled=c.cancelled,
            failed=c.failed,
            prompt_tokens=c.prompt_tokens,
            completion_tokens=c.completion_tokens,
        )

    def submit(self, work: Work, prompt_tokens: int) -> Job:
        """Queue `work`; raises EngineBusy when the queue is full. Call from the event loop."""
        job = Job(work, prompt_tokens, self)
        with self._cond:
            if self._closed:
                raise EngineNotReady("the engine is shutting down")
            if len(self._pending) >= self.max_queue:
                raise EngineBusy(
                    f"the engine queue is full ({self.max_queue} requests waiting); retry shortly"
                )
            self._pending.append(job)
            self._cond.notify()
        return job

    def withdraw(self, job: Job) -> None:
        with self._cond:
            if job not in self._pending:
                return
            self._pending.remove(job)
            self.counters.cancelled += 1
        job.post(END)

    def close(self, timeout: float = 10.0) -> None:
        """Cancel everything and stop the thread (waits for the current token)."""
        with self._cond:
            self._closed = True
            abandoned = list(self._pending)
            self._pending.clear()
            if self._running is not None:
                self._running.cancelled.set()
            self._cond.notify_all()
        for job in abandoned:
            job.post(EngineNotReady("the engine is shutting down"))
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _next(self) -> Job | None:
        with self._cond:
            while not self._pending and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            self._running = self._pending.popleft()
            return self._running

    def _run(self) -> None:
        while (job := self._next()) is not None:
            try:
                self._execute(job)
            finally:
                with self._cond:
                    self._running = None

    def _execute(self, job: Job) -> None:
        try:
            finished = job.work(job.post, job.cancelled)
        except EngineError as exc:
            with self._cond:
                self.counters.failed += 1
            job.post(exc)
            return
        except Exception as exc:  # llama.cpp decode errors surface as RuntimeError etc.
            with self._cond:
                self.counters.failed += 1
            job.post(EngineFailed(f"generation failed: {type(exc).__name__}"))
            return
        with self._cond:  # withdraw() counts from the event loop thread
            self.counters.count(finished)
        job.finished(finished)
        job.post(finished)
        job.post(END)
