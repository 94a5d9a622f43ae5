"""Routing, failover and stream handling of the remote engine pool.

The network is replaced by httpx's MockTransport so that each failure mode
(refused connection, 5xx, 429, a stream cut before or after the first token,
a silent upstream) can be produced on demand; the pool against real
llama.cpp servers is tested in tests/e2e/test_remote_engine.py.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from engine.errors import (
    ContextWindowExceeded,
    EngineBusy,
    EngineFailed,
    EngineNotReady,
    UpstreamMisconfigured,
    UpstreamRejected,
)
from engine.protocol import ChatMessage, Finished, SamplingParams, TextDelta
from engine.remote import RemoteEngine, RemoteOptions, base_url

pytestmark = pytest.mark.anyio
A, B = "http://a.test:8080", "http://b.test:8080"
Behaviour = Callable[[httpx.Request], httpx.Response]


def sse(*chunks: dict[str, object]) -> bytes:
    return b"".join(f"data: {json.dumps(c)}\n\n".encode() for c in chunks) + b"data: [DONE]\n\n"


def words(*texts: str, finish: str = "stop") -> list[dict[str, object]]:
    out: list[dict[str, object]] = [{"choices": [{"index": 0, "delta": {"role": "assistant"}}]}]
    out += [{"choices": [{"index": 0, "delta": {"content": t}}]} for t in texts]
    out.append({"choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
    return out


def answer(*texts: str) -> Behaviour:
    return lambda request: httpx.Response(200, content=sse(*words(*texts)))


def status(code: int, body: object = None) -> Behaviour:
    return lambda request: httpx.Response(code, json=body or {"error": {"message": "nope"}})


def refused(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def streamed(parts: Callable[[], AsyncIterator[bytes]]) -> Behaviour:
    return lambda request: httpx.Response(200, content=parts())


class Upstreams:
    """Per-host behaviour for chat requests; /v1/models answers when the host is 'up'."""

    def __init__(self, **chat: Behaviour) -> None:
        self.chat = {f"http://{h}.test:8080": b for h, b in chat.items()}
        self.down: set[str] = set()
        self.hits: Counter[str] = Counter()
        self.bodies: list[dict[str, object]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        host = f"{request.url.scheme}://{request.url.host}:{request.url.port}"
        if host in self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if request.url.path == "/v1/models":
            return httpx.Response(200, json={"data": [{"id": "gemma-upstream"}]})
        self.hits[host] += 1
        self.bodies.append(json.loads(request.content))
        return self.chat[host](request)


def pool(upstreams: Upstreams, **options: object) -> RemoteEngine:
    engine = RemoteEngine(
        RemoteOptions(upstreams=(A, B), **options),  # type: ignore[arg-type]
        transport=httpx.MockTransport(upstreams),
    )
    engine.probe_all()
    return engine


async def run(engine: RemoteEngine, text: str = "hi") -> list[object]:
    generation = await engine.generate([ChatMessage("user", text)], SamplingParams(max_tokens=5))
    return [event async for event in generation]


def text_of(events: list[object]) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


def test_base_url_drops_the_v1_suffix_and_slashes() -> None:
    assert base_url(" http://llama:8080/v1/ ") == "http://llama:8080"
    assert base_url("http://llama:8080") == "http://llama:8080"


async def test_answer_streams_through_and_model_name_is_discovered() -> None:
    ups = Upstreams(a=answer("Hel", "lo"), b=answer("Hel", "lo"))
    engine = pool(ups)
    events = await run(engine)
    assert text_of(events) == "Hello"
    assert events[-1] == Finished("stop", 1, 2)  # no usage sent: estimate and chunk count
    assert engine.model_id == "gemma-upstream" and ups.bodies[0]["model"] == "gemma-upstream"
    assert engine.stats().completed == 1 and engine.stats().running == 0


async def test_least_busy_spreads_concurrent_requests_over_both_upstreams() -> None:
    async def slow() -> AsyncIterator[bytes]:
        await asyncio.sleep(0.05)
        yield sse(*words("ok"))

    ups = Upstreams(a=streamed(slow), b=streamed(slow))
    engine = pool(ups)
    await asyncio.gather(*(run(engine) for _ in range(6)))
    assert ups.hits == {A: 3, B: 3}


async def test_round_robin_alternates() -> None:
    ups = Upstreams(a=answer("x"), b=answer("y"))
    engine = pool(ups, balance="round_robin")
    texts = [text_of(await run(engine)) for _ in range(4)]
    assert sorted(texts) == ["x", "x", "y", "y"]


@pytest.mark.parametrize("failure", [status(503), refused])
async def test_unwell_upstream_is_skipped_and_marked_down(failure: Behaviour) -> None:
    ups = Upstreams(a=failure, b=answer("from b"))
    engine = pool(ups, balance="round_robin")
    for _ in range(3):
        assert text_of(await run(engine)) == "from b"
    assert ups.hits[A] == 1  # tried once, then left alone until a probe says it is back
    assert not engine.upstreams[0].healthy and engine.stats().ready


@pytest.mark.parametrize("failure", [status(500), status(429)])
async def test_request_failing_on_one_upstream_is_retried_without_marking_it_down(
    failure: Behaviour,
) -> None:
    """A 500 or 429 may be this request's own trouble: the other upstream answers it,
    and the first one keeps getting requests (its probe still passes)."""
    ups = Upstreams(a=failure, b=answer("from b"))
    engine = pool(ups, balance="round_robin")
    for _ in range(3):
        assert text_of(await run(engine)) == "from b"
    assert ups.hits[A] >= 2 and all(u.healthy for u in engine.upstreams)


async def test_one_bad_request_does_not_take_the_pool_down() -> None:
    """llama-cpp-python's server answers a prompt too long for its window with an empty
    200 stream: each upstream is tried once, the error names the likely cause, and both
    upstreams stay in the pool."""

    def empty(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"")

    ups = Upstreams(a=empty, b=empty)
    engine = pool(ups, n_ctx=256)
    with pytest.raises(ContextWindowExceeded):
        await run(engine, "word " * 2000)
    with pytest.raises(EngineFailed, match="no engine upstream could answer"):
        await run(engine, "short")
    assert ups.hits == {A: 2, B: 2} and all(u.healthy for u in engine.upstreams)
    assert engine.stats().failed == 1  # the refused one is no failed generation


async def test_upstream_down_is_used_again_once_a_probe_succeeds() -> None:
    ups = Upstreams(a=answer("a"), b=answer("b"))
    engine = pool(ups)
    ups.down.add(A)
    engine.probe_all()
    assert [u.healthy for u in engine.upstreams] == [False, True]
    assert {text_of(await run(engine)) for _ in range(3)} == {"b"}
    ups.down.clear()
    engine.probe_all()
    assert {text_of(await run(engine)) for _ in range(4)} == {"a", "b"}


async def test_no_reachable_upstream_is_not_ready_with_the_reason() -> None:
    ups = Upstreams(a=answer("a"), b=answer("b"))
    ups.down |= {A, B}
    engine = pool(ups)
    stats = engine.stats()
    assert not stats.ready and "ConnectError" in (stats.detail or "")
    with pytest.raises(EngineNotReady):
        await run(engine)


async def test_every_upstream_unreachable_raises_not_ready_after_trying_each_once() -> None:
    ups = Upstreams(a=status(503), b=refused)
    engine = pool(ups)
    with pytest.raises(EngineNotReady):
        await run(engine)
    assert ups.hits == {A: 1, B: 1}


async def test_full_upstreams_answer_busy() -> None:
    gate = asyncio.Event()

    async def held() -> AsyncIterator[bytes]:
        yield b'data: {"choices":[{"index":0,"delta":{"content":"o"}}]}\n\n'
        await gate.wait()
        yield sse(*words("k"))

    ups = Upstreams(a=streamed(held), b=streamed(held))
    engine = pool(ups, max_in_flight=1)
    first = await engine.generate([ChatMessage("user", "1")], SamplingParams())
    second = await engine.generate([ChatMessage("user", "2")], SamplingParams())
    with pytest.raises(EngineBusy):
        await engine.generate([ChatMessage("user", "3")], SamplingParams())
    gate.set()
    for g in (first, second):
        assert text_of([e async for e in g]) == "ok"
    assert engine.stats().running == 0


async def test_bad_request_is_not_retried_elsewhere() -> None:
    ups = Upstreams(a=status(400, {"error": {"message": "bad top_p"}}), b=answer("b"))
    engine = pool(ups, balance="round_robin")
    with pytest.raises(UpstreamRejected, match="bad top_p"):
        await run(engine)
    assert sum(ups.hits.values()) == 1 and all(u.healthy for u in engine.upstreams)


async def test_context_overflow_becomes_context_window_exceeded() -> None:
    too_long = {
        "error": {
            "message": "This model's maximum context length is 2048 tokens. However, you "
            "requested 3000 tokens (2990 in the messages, 10 in the completion).",
            "code": "context_length_exceeded",
        }
    }
    engine = pool(Upstreams(a=status(400, too_long), b=status(400, too_long)))
    with pytest.raises(ContextWindowExceeded) as caught:
        await run(engine)
    assert caught.value.n_ctx == 2048


async def test_wrong_key_or_model_is_an_operator_error() -> None:
    engine = pool(Upstreams(a=status(401), b=status(401)))
    with pytest.raises(UpstreamMisconfigured):
        await run(engine)


async def test_stream_cut_before_any_token_is_retried_on_the_other_upstream() -> None:
    async def cut() -> AsyncIterator[bytes]:
        yield sse(*words()[:1])[: -len(b"data: [DONE]\n\n")]  # role chunk only
        raise httpx.ReadError("connection reset")

    ups = Upstreams(a=streamed(cut), b=answer("from b"))
    engine = pool(ups, balance="round_robin")
    assert text_of(await run(engine)) == "from b"
    assert ups.hits == {A: 1, B: 1} and engine.stats().running == 0


async def test_stream_cut_after_text_ends_with_engine_failed_and_counts_a_failure() -> None:
    async def cut() -> AsyncIterator[bytes]:
        yield b'data: {"choices":[{"index":0,"delta":{"content":"Par"}}]}\n\n'
        raise httpx.ReadError("connection reset")

    ups = Upstreams(a=streamed(cut), b=streamed(cut))
    engine = pool(ups)
    generation = await engine.generate([ChatMessage("user", "x")], SamplingParams())
    seen: list[object] = []
    with pytest.raises(EngineFailed, match="mid-answer"):
        async for event in generation:
            seen.append(event)
    assert seen == [TextDelta("Par")]
    assert engine.stats().failed == 1 and engine.stats().running == 0


async def test_silent_upstream_times_out_instead_of_hanging() -> None:
    async def silent() -> AsyncIterator[bytes]:
        yield b'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n'
        await asyncio.sleep(30)
        yield b""

    engine = pool(Upstreams(a=streamed(silent), b=streamed(silent)), idle_timeout=0.2)
    async with asyncio.timeout(5):
        with pytest.raises(EngineFailed):
            await run(engine)


async def test_stream_without_finish_reason_is_a_broken_stream() -> None:
    async def truncated() -> AsyncIterator[bytes]:
        yield b'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n'

    engine = pool(Upstreams(a=streamed(truncated), b=streamed(truncated)))
    with pytest.raises(EngineFailed):
        await run(engine)


async def test_cancel_stops_the_stream_and_reports_cancelled_to_the_callback() -> None:
    release = asyncio.Event()

    async def endless() -> AsyncIterator[bytes]:
        yield b'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n'
        await release.wait()
        yield b""

    engine = pool(Upstreams(a=streamed(endless), b=streamed(endless)))
    generation = await engine.generate([ChatMessage("user", "hello there")], SamplingParams())
    done: list[Finished] = []
    generation.on_finished(done.append)
    iterator = generation.__aiter__()
    assert await anext(iterator) == TextDelta("a")
    generation.cancel()
    async with asyncio.timeout(5):
        rest = [e async for e in iterator]
    assert rest == [Finished("cancelled", 2, 1)] and done == [Finished("cancelled", 2, 1)]
    assert engine.stats().cancelled == 1 and engine.stats().running == 0


async def test_usage_from_the_upstream_wins_over_estimates() -> None:
    usage = {"choices": [], "usage": {"prompt_tokens": 40, "completion_tokens": 2}}
    ups = Upstreams(
        a=lambda r: httpx.Response(200, content=sse(*words("a", "b"), usage)),
        b=lambda r: httpx.Response(200, content=sse(*words("a", "b"), usage)),
    )
    engine = pool(ups)
    assert (await run(engine))[-1] == Finished("stop", 40, 2)
    assert engine.stats().prompt_tokens == 40


async def test_api_key_is_sent_to_upstreams() -> None:
    seen: list[str | None] = []

    def check(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization"))
        if request.url.path == "/v1/models":
            return httpx.Response(200, json={"data": [{"id": "m"}]})
        return httpx.Response(200, content=sse(*words("ok")))

    engine = RemoteEngine(
        RemoteOptions(upstreams=(A,), api_key="s3cret"), transport=httpx.MockTransport(check)
    )
    engine.probe_all()
    await run(engine)
    assert seen == ["Bearer s3cret", "Bearer s3cret"]


def test_load_never_raises_and_close_stops_the_prober() -> None:
    ups = Upstreams(a=answer("a"), b=answer("b"))
    ups.down |= {A, B}
    engine = pool(ups, health_check_seconds=0.05)
    engine.load()
    assert not engine.stats().ready
    ups.down.clear()
    for _ in range(100):
        if engine.stats().ready:
            break
        time.sleep(0.02)
    assert engine.stats().ready  # the background probe noticed the upstreams came up
    engine.close()
    assert engine._prober is not None
    engine._prober.join(1)
    assert not engine._prober.is_alive()


def test_a_probe_that_connects_but_times_out_leaves_the_upstream_as_it_was() -> None:
    """A busy llama_cpp.server answers /v1/models only between generations: slow is not down."""
    ups = Upstreams(a=answer("a"), b=answer("b"))
    engine = pool(ups)
    slow = True

    def models(request: httpx.Request) -> httpx.Response:
        if slow and request.url.host == "a.test":
            raise httpx.ReadTimeout("busy", request=request)
        return ups(request)

    engine._transport = httpx.MockTransport(models)
    engine.probe_all()
    assert [u.healthy for u in engine.upstreams] == [True, True]
    engine.mark_down(engine.upstreams[0], "stream broke")
    engine.probe_all()
    assert [u.healthy for u in engine.upstreams] == [False, True]  # still down until it answers
    slow = False
    engine.probe_all()
    assert [u.healthy for u in engine.upstreams] == [True, True]


def test_readyz_detail_never_shows_credentials_in_an_upstream_url() -> None:
    secret = "http://gateway:s3cret@a.test:8080"
    ups = Upstreams(a=answer("a"))
    ups.down.add(A)
    engine = RemoteEngine(RemoteOptions(upstreams=(secret,)), transport=httpx.MockTransport(ups))
    engine.probe_all()
    detail = engine.stats().detail or ""
    assert "a.test:8080" in detail and "s3cret" not in detail
