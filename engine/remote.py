"""A pool of OpenAI-compatible upstreams (llama-server, vLLM) behind the ChatEngine protocol.

Why here and not a proxy in front of the gateway: the gateway pseudonymizes,
grounds and filters before the engine sees anything and audits what comes
back, so an upstream must be just another engine, streaming the same events
through the same path as the in-process one.

Routing: least busy (fewest requests open, ties in turn) or round robin,
among upstreams that passed their last health check. A probe of
`GET /v1/models` runs for every upstream every `health_check_seconds` in a
daemon thread (so it works while the event loop is busy). A request whose
upstream cannot be reached, times out before answering, or answers 5xx/429
is sent to the next healthy upstream, as is one whose stream breaks before a
single token arrived; the failed upstream is marked down until a probe
succeeds. A stream that breaks after text reached the client cannot be
replayed elsewhere without repeating text, so it ends with an error.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from engine.errors import (
    ContextWindowExceeded,
    EngineBusy,
    EngineError,
    EngineFailed,
    EngineNotReady,
    UpstreamMisconfigured,
    UpstreamRejected,
)
from engine.protocol import ChatMessage, EngineStats, Finished, GenerationEvent, SamplingParams
from engine.remote_wire import (
    StreamState,
    chunk_events,
    context_error,
    estimate_prompt_tokens,
    request_json,
    sse_data,
    upstream_error,
)
from engine.worker import END, EventQueue, WorkerCounters

log = logging.getLogger("enclave.engine.remote")


class _TryElsewhere(Exception):
    """This upstream failed this request in a way another one may not.

    `down`: the upstream itself looks unwell (unreachable, reset, timed out,
    503), so it gets no more requests until a probe passes. Otherwise (500,
    429, a stream that ends without an answer) the failure may be the
    request's own, and one bad request must not take the pool down.
    """

    def __init__(self, reason: str, down: bool) -> None:
        super().__init__(reason)
        self.down = down


@dataclass(frozen=True, slots=True)
class RemoteOptions:
    upstreams: tuple[str, ...]
    model_id: str | None = None  # the name clients use; default: the upstream's
    upstream_model: str | None = None  # the name sent upstream; default: discovered
    api_key: str | None = None
    balance: str = "least_busy"
    connect_timeout: float = 3.0
    first_byte_timeout: float = 120.0
    idle_timeout: float = 60.0
    health_check_seconds: float = 5.0
    max_in_flight: int = 64
    n_ctx: int = 8192
    default_max_tokens: int = 1024


@dataclass(eq=False, slots=True)
class Upstream:
    """One server: its health (written by the probe thread) and its open requests."""

    url: str
    healthy: bool = False
    error: str | None = "not checked yet"
    model: str | None = None
    in_flight: int = 0


def base_url(url: str) -> str:
    """'http://llama:8080/v1/' -> 'http://llama:8080' (the /v1 is added per call)."""
    url = url.strip().rstrip("/")
    return url[: -len("/v1")] if url.endswith("/v1") else url


def shown(url: str) -> str:
    """An upstream's URL for /readyz and logs: any user:password@ in it left out."""
    return re.sub(r"//[^/@]*@", "//", url)


class RemoteEngine:
    """The ChatEngine for a pool of upstreams; one per gateway process."""

    def __init__(
        self, options: RemoteOptions, transport: httpx.MockTransport | None = None
    ) -> None:
        """`transport` replaces the network in unit tests of the routing logic only."""
        if not options.upstreams:
            raise ValueError("a remote engine needs at least one upstream URL")
        self.options = options
        self.upstreams = [Upstream(base_url(u)) for u in options.upstreams]
        self.counters = WorkerCounters()
        self._turn = itertools.count()
        self._stop = threading.Event()
        self._prober: threading.Thread | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._headers = {"Authorization": f"Bearer {options.api_key}"} if options.api_key else {}
        self._transport = transport

    # -- ChatEngine -----------------------------------------------------------------

    @property
    def model_id(self) -> str:
        if self.options.model_id:
            return self.options.model_id
        return self.options.upstream_model or self._discovered_model() or "remote"

    @property
    def context_length(self) -> int:
        return self.options.n_ctx

    def stats(self) -> EngineStats:
        ready = any(u.healthy for u in self.upstreams)
        down = [f"{shown(u.url)}: {u.error}" for u in self.upstreams if not u.healthy]
        c = self.counters
        return EngineStats(
            ready=ready,
            detail=None if ready else "no upstream is reachable (" + "; ".join(down) + ")",
            queued=0,  # upstreams queue for themselves; what waits there counts as running
            running=sum(u.in_flight for u in self.upstreams),
            completed=c.completed,
            cancelled=c.cancelled,
            failed=c.failed,
            prompt_tokens=c.prompt_tokens,
            completion_tokens=c.completion_tokens,
        )

    def load(self) -> None:
        """Probe every upstream once, then keep probing in the background; never raises:
        upstreams that are down now may come up later, and /readyz says which."""
        self.probe_all()
        if self._prober is None:
            self._prober = threading.Thread(target=self._probe_loop, name="enclave-upstreams")
            self._prober.daemon = True
            self._prober.start()

    def close(self) -> None:
        self._stop.set()
        for task in list(self._tasks):
            task.get_loop().call_soon_threadsafe(task.cancel)

    async def generate(
        self, messages: list[ChatMessage], params: SamplingParams
    ) -> RemoteGeneration:
        if self._stop.is_set():
            raise EngineNotReady("the engine is shutting down")
        body = request_json(
            self._upstream_model(), messages, params, self.options.default_max_tokens
        )
        generation = RemoteGeneration(self, body, estimate_prompt_tokens(messages))
        await generation.start()
        return generation

    # -- routing --------------------------------------------------------------------

    def pick(self, exclude: set[Upstream]) -> Upstream:
        """The upstream for the next attempt; raises when none can take it."""
        healthy = [u for u in self.upstreams if u.healthy and u not in exclude]
        if not healthy:
            if exclude:
                raise EngineNotReady("no other upstream is reachable; retry shortly")
            raise EngineNotReady(self.stats().detail or "no upstream is reachable")
        free = [u for u in healthy if u.in_flight < self.options.max_in_flight]
        if not free:
            raise EngineBusy(
                f"every upstream has {self.options.max_in_flight} requests open; retry shortly"
            )
        turn = next(self._turn)
        if self.options.balance == "round_robin":
            return free[turn % len(free)]
        least = min(u.in_flight for u in free)
        tied = [u for u in free if u.in_flight == least]
        return tied[turn % len(tied)]

    def mark_down(self, upstream: Upstream, why: str) -> None:
        if upstream.healthy:
            log.warning("upstream %s marked down: %s", shown(upstream.url), why)
        upstream.healthy = False
        upstream.error = why

    # -- health ---------------------------------------------------------------------

    def probe(self, upstream: Upstream, client: httpx.Client) -> None:
        try:
            response = client.get(f"{upstream.url}/v1/models", headers=self._headers)
        except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout):
            # Connected but slow: busy, not down (llama-cpp-python's server answers
            # /v1/models only between generations). A hung upstream is caught by the
            # requests' own timeouts.
            return
        except httpx.HTTPError as exc:
            self.mark_down(upstream, type(exc).__name__)
            return
        if response.status_code != 200:
            self.mark_down(upstream, f"/v1/models answered {response.status_code}")
            return
        try:
            models = [m["id"] for m in response.json().get("data", []) if "id" in m]
        except (ValueError, TypeError, KeyError, AttributeError):
            models = []
        upstream.model = models[0] if models else upstream.model
        if not upstream.healthy:
            log.info("upstream %s is up", shown(upstream.url))
        upstream.healthy, upstream.error = True, None

    def probe_all(self) -> None:
        timeout = httpx.Timeout(
            self.options.connect_timeout * 2, connect=self.options.connect_timeout
        )
        with httpx.Client(timeout=timeout, transport=self._transport) as client:
            for upstream in self.upstreams:
                self.probe(upstream, client)

    def _probe_loop(self) -> None:
        while not self._stop.wait(self.options.health_check_seconds):
            try:
                self.probe_all()
            except Exception:  # the prober must outlive any surprise
                log.exception("upstream health check failed")

    def _discovered_model(self) -> str | None:
        return next((u.model for u in self.upstreams if u.model), None)

    def _upstream_model(self) -> str:
        return self.options.upstream_model or self._discovered_model() or self.model_id

    # -- bookkeeping for generations ------------------------------------------------

    def client(self) -> httpx.AsyncClient:
        """A client for one attempt (one connection: an upstream sees a client leave)."""
        o = self.options
        timeout = httpx.Timeout(o.first_byte_timeout, connect=o.connect_timeout)
        return httpx.AsyncClient(timeout=timeout, transport=self._transport)

    @property
    def headers(self) -> dict[str, str]:
        return self._headers

    def track(self, task: asyncio.Task[None]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def count(self, finished: Finished | None) -> None:
        if finished is None:
            self.counters.failed += 1
        else:
            self.counters.count(finished)


@dataclass(slots=True)
class _Attempt:
    upstream: Upstream
    client: httpx.AsyncClient
    response: httpx.Response


@dataclass(eq=False)
class RemoteGeneration:
    """One request's stream from an upstream.

    `start` returns once the first event arrived, so every failure before
    any text (refused, 5xx, a prompt the upstream cannot take) is still
    raised from `generate`: the gateway answers with a proper status, and
    another upstream can take the request. The rest of the stream is relayed
    by its own task, so token accounting and the audit callback do not
    depend on the client still reading.
    """

    engine: RemoteEngine
    body: dict[str, Any]
    prompt_tokens: int
    _events: EventQueue = field(default_factory=EventQueue)
    _callbacks: list[Callable[[Finished], None]] = field(default_factory=list)
    _tried: set[Upstream] = field(default_factory=set)
    _attempt: _Attempt | None = None
    _task: asyncio.Task[None] | None = None
    _first: asyncio.Event = field(default_factory=asyncio.Event)
    _early: BaseException | None = None  # what ended it before the first event
    _failures: list[_TryElsewhere] = field(default_factory=list)

    async def start(self) -> None:
        self._task = asyncio.create_task(self._drive(), name="enclave-upstream-stream")
        self.engine.track(self._task)
        try:
            await self._first.wait()
        except BaseException:
            self._task.cancel()
            raise
        if self._early is not None:
            raise self._early

    def on_finished(self, callback: Callable[[Finished], None]) -> None:
        self._callbacks.append(callback)

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def __aiter__(self) -> AsyncIterator[GenerationEvent]:
        return aiter(self._events)

    @property
    def emitted(self) -> bool:
        """Once an event is out, no other upstream may take over (text would repeat)."""
        return self._first.is_set()

    def _emit(self, event: GenerationEvent) -> None:
        self._events.put(event)
        self._first.set()

    async def _drive(self) -> None:
        state = StreamState()
        finished: Finished | None = None
        try:
            while True:
                attempt = self._attempt = await self._open()
                try:
                    await self._relay(attempt, state)
                    break
                except (httpx.HTTPError, TimeoutError) as exc:
                    failure = _TryElsewhere(f"stream broke: {type(exc).__name__}", down=True)
                except _TryElsewhere as exc:
                    failure = exc
                await self._release(attempt)
                if failure.down:
                    self.engine.mark_down(attempt.upstream, str(failure))
                if self.emitted:
                    raise EngineFailed("the engine upstream stopped mid-answer")
                self._failures.append(failure)  # nothing shown yet: the next upstream tries
            finished = Finished(
                state.finish_reason or "stop",
                state.prompt_tokens if state.prompt_tokens is not None else self.prompt_tokens,
                state.completion_tokens
                if state.completion_tokens is not None
                else state.chunks_with_text,
            )
        except asyncio.CancelledError:
            finished = Finished("cancelled", self.prompt_tokens, state.chunks_with_text)
        except EngineError as exc:
            self._fail(exc)
        except Exception as exc:  # a malformed stream must not kill the event loop
            log.exception("upstream stream failed")
            self._fail(EngineFailed(f"engine upstream failed: {type(exc).__name__}"))
        finally:
            if self._attempt is not None:
                await self._release(self._attempt)
            if finished is not None or self.emitted or isinstance(self._early, EngineFailed):
                self.engine.count(finished)  # a refused request is no failed generation
            if finished is not None:
                self._finish(finished)
            self._first.set()

    def _fail(self, error: EngineError) -> None:
        if self.emitted:
            self._events.put(error)
        else:
            self._early = error

    async def _open(self) -> _Attempt:
        engine = self.engine
        while True:
            upstream = self._next_upstream()
            upstream.in_flight += 1
            client = engine.client()
            try:
                request = client.build_request(
                    "POST",
                    f"{upstream.url}/v1/chat/completions",
                    json=self.body,
                    headers=engine.headers,
                )
                response = await client.send(request, stream=True)
                await self._check(upstream, response)
                return _Attempt(upstream, client, response)
            except BaseException as exc:
                upstream.in_flight -= 1
                await client.aclose()
                if isinstance(exc, httpx.HTTPError):
                    exc = _TryElsewhere(type(exc).__name__, down=True)
                if not isinstance(exc, _TryElsewhere):
                    raise
                if exc.down:
                    engine.mark_down(upstream, str(exc))
                self._failures.append(exc)

    def _next_upstream(self) -> Upstream:
        """The next upstream to try; when none is left, the error the failures add up to."""
        try:
            upstream = self.engine.pick(self._tried)
        except (EngineNotReady, EngineBusy):
            if not self._failures:
                raise
            raise self._gave_up() from None
        self._tried.add(upstream)
        return upstream

    def _gave_up(self) -> EngineError:
        if all(f.down for f in self._failures):
            return EngineNotReady("no engine upstream is reachable; retry shortly")
        estimate = self.prompt_tokens + int(self.body.get("max_tokens") or 0)
        if estimate > self.engine.context_length:
            # llama-cpp-python's server ends the stream without a word for a prompt that
            # does not fit its window; the estimate says that is the likely cause.
            return ContextWindowExceeded(
                self.prompt_tokens, self.body.get("max_tokens"), self.engine.context_length
            )
        return EngineFailed(f"no engine upstream could answer ({self._failures[-1]})")

    async def _check(self, upstream: Upstream, response: httpx.Response) -> None:
        status = response.status_code
        if status == 200:
            return
        body = await response.aread()
        await response.aclose()
        if status >= 500 or status == 429:
            raise _TryElsewhere(f"answered {status}", down=status == 503)
        error = upstream_error(status, body)
        too_long = context_error(error, self.engine.context_length)
        if too_long is not None:
            raise too_long
        if status in (401, 403, 404):
            log.error("upstream %s refused the gateway: %s", shown(upstream.url), status)
            raise UpstreamMisconfigured(f"the engine upstream refused the request ({status})")
        raise UpstreamRejected(error.message)

    async def _relay(self, attempt: _Attempt, state: StreamState) -> None:
        """Pass the stream's events on until its end; raises if it breaks."""
        lines = attempt.response.aiter_lines()
        wait = self.engine.options.first_byte_timeout
        while True:
            try:
                async with asyncio.timeout(wait):
                    line = await anext(lines)
            except StopAsyncIteration:
                if state.finish_reason is None:
                    raise _TryElsewhere("stream ended without an answer", down=False) from None
                return
            data = sse_data(line)
            if data is None:
                continue
            if data == "[DONE]":
                return
            chunk = json.loads(data)
            if isinstance(chunk, dict) and "error" in chunk:
                raise _TryElsewhere("error in stream", down=False)
            for event in chunk_events(chunk, state):
                self._emit(event)
                wait = self.engine.options.idle_timeout

    async def _release(self, attempt: _Attempt) -> None:
        if self._attempt is attempt:
            self._attempt = None
        attempt.upstream.in_flight -= 1
        await attempt.response.aclose()
        await attempt.client.aclose()

    def _finish(self, finished: Finished) -> None:
        for callback in self._callbacks:
            try:
                callback(finished)
            except Exception:  # accounting must never break the stream
                log.exception("on_finished callback failed")
        self._events.put(finished)
        self._events.put(END)
