"""The serial worker: FIFO order, bounded queue, cancellation, failures."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import anyio
import pytest

from engine.errors import EngineBusy, EngineFailed, EngineNotReady, UnsupportedMessage
from engine.protocol import Finished, TextDelta
from engine.worker import Emit, SerialWorker

pytestmark = pytest.mark.anyio


@pytest.fixture
def worker() -> Iterator[SerialWorker]:
    w = SerialWorker(max_queue=3)
    w.start()
    yield w
    w.close()


def counting_work(label: str, order: list[str], tokens: int = 3):
    def work(emit: Emit, cancelled: threading.Event) -> Finished:
        order.append(label)
        for i in range(tokens):
            emit(TextDelta(f"{label}{i}"))
        return Finished("stop", 1, tokens)

    return work


def gated_work(gate: threading.Event, started: threading.Event):
    """Emits one token per loop until cancelled; `gate` keeps it from finishing."""

    def work(emit: Emit, cancelled: threading.Event) -> Finished:
        started.set()
        produced = 0
        while not cancelled.is_set() and not gate.is_set():
            emit(TextDelta("x"))
            produced += 1
            cancelled.wait(0.005)
        return Finished("cancelled" if cancelled.is_set() else "stop", 1, produced)

    return work


async def collect(job) -> list[object]:
    return [event async for event in job]


async def test_worker_runs_jobs_in_arrival_order(worker: SerialWorker) -> None:
    order: list[str] = []
    jobs = [worker.submit(counting_work(x, order), 1) for x in "abc"]
    results = [await collect(j) for j in jobs]
    assert order == ["a", "b", "c"]
    assert [e.text for e in results[1] if isinstance(e, TextDelta)] == ["b0", "b1", "b2"]
    assert results[2][-1] == Finished("stop", 1, 3)
    assert worker.counters.completed == 3


async def test_worker_full_queue_raises_engine_busy(worker: SerialWorker) -> None:
    gate, started = threading.Event(), threading.Event()
    running = worker.submit(gated_work(gate, started), 1)
    await anyio.to_thread.run_sync(started.wait, 5)
    waiting = [worker.submit(counting_work(str(i), []), 1) for i in range(3)]
    with pytest.raises(EngineBusy):
        worker.submit(counting_work("x", []), 1)
    assert worker.queued == 3
    gate.set()
    for job in [running, *waiting]:
        await collect(job)
    assert worker.queued == 0


async def test_worker_cancelled_queued_job_leaves_queue_at_once(worker: SerialWorker) -> None:
    gate, started = threading.Event(), threading.Event()
    running = worker.submit(gated_work(gate, started), 1)
    await anyio.to_thread.run_sync(started.wait, 5)
    order: list[str] = []
    doomed = worker.submit(counting_work("doomed", order), 1)
    kept = worker.submit(counting_work("kept", order), 1)
    doomed.cancel()
    assert worker.queued == 1
    assert await collect(doomed) == []
    gate.set()
    await collect(running)
    await collect(kept)
    assert order == ["kept"]
    assert worker.counters.cancelled == 1


async def test_worker_cancelled_running_job_frees_worker_for_next(worker: SerialWorker) -> None:
    gate, started = threading.Event(), threading.Event()
    running = worker.submit(gated_work(gate, started), 1)
    order: list[str] = []
    nxt = worker.submit(counting_work("next", order), 1)
    await anyio.to_thread.run_sync(started.wait, 5)
    running.cancel()  # gate never opens: only cancellation can end it
    with anyio.fail_after(5):
        events = await collect(nxt)
    assert order == ["next"]
    assert events[-1] == Finished("stop", 1, 3)
    assert worker.counters.cancelled == 1


async def test_worker_engine_error_reaches_consumer_typed(worker: SerialWorker) -> None:
    def bad(emit: Emit, cancelled: threading.Event) -> Finished:
        raise UnsupportedMessage("no")

    with pytest.raises(UnsupportedMessage):
        await collect(worker.submit(bad, 1))
    assert worker.counters.failed == 1


async def test_worker_unexpected_error_becomes_engine_failed_and_worker_survives(
    worker: SerialWorker,
) -> None:
    def crash(emit: Emit, cancelled: threading.Event) -> Finished:
        raise RuntimeError("llama_decode returned -3")

    with pytest.raises(EngineFailed):
        await collect(worker.submit(crash, 1))
    order: list[str] = []
    await collect(worker.submit(counting_work("after", order), 1))
    assert order == ["after"]


async def test_worker_close_fails_waiting_jobs_as_not_ready() -> None:
    w = SerialWorker(max_queue=4)
    w.start()
    gate, started = threading.Event(), threading.Event()
    running = w.submit(gated_work(gate, started), 1)
    await anyio.to_thread.run_sync(started.wait, 5)
    waiting = w.submit(counting_work("never", []), 1)
    await anyio.to_thread.run_sync(w.close)
    with pytest.raises(EngineNotReady):
        await collect(waiting)
    assert (await collect(running))[-1].finish_reason == "cancelled"
    with pytest.raises(EngineNotReady):
        w.submit(counting_work("late", []), 1)
