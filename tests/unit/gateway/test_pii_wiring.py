"""The chat path pseudonymizes before the engine and restores after it (fake detector/engine;
the real Presidio detector has its own tests)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from engine.protocol import ChatMessage, ToolCall, ToolCallDelta
from gateway.chat import ChatService
from gateway.grounding import Grounding
from gateway.keys import Principal
from gateway.pii import PiiGuard, conversation_id
from gateway.schemas import decode_chat_request
from safety.vault import Span, Vault
from tests.unit.gateway.fake_engine import FakeEngine

pytestmark = pytest.mark.anyio
ALICE = Principal("key_1", "alice", "user", ("staff",), "enc_1")
VALUES = {"PERSON": ["Maria Lopez", "Tom Berg"], "EMAIL_ADDRESS": ["maria@acme.com"]}


class ListDetector:
    """Finds the listed values: enough to drive the wiring deterministically."""

    def detect(self, text: str) -> list[Span]:
        return [
            Span(kind, m.start(), m.end())
            for kind, values in VALUES.items()
            for v in values
            for m in re.finditer(re.escape(v), text)
        ]


def service(pieces: list[str]) -> tuple[ChatService, FakeEngine]:
    engine = FakeEngine(pieces)
    engine.load()
    return ChatService(
        engine, lambda p, n: None, Grounding(None), pii=PiiGuard(ListDetector(), Vault())
    ), engine


def request(**fields: object):
    body = {
        "model": "fake-model",
        "messages": [
            {"role": "system", "content": "You help Maria Lopez."},
            {"role": "user", "content": "Email maria@acme.com and Tom Berg about it."},
        ],
        **fields,
    }
    return decode_chat_request(json.dumps(body).encode())


async def test_engine_receives_only_placeholders() -> None:
    chat, engine = service(["ok"])
    await chat.complete(await chat.start(request(), ALICE))
    seen = json.dumps([m.content for m in engine.seen[-1][0]])
    assert "Maria" not in seen and "maria@acme.com" not in seen and "Tom Berg" not in seen
    assert "<PERSON_1>" in seen and "<EMAIL_ADDRESS_1>" in seen and "<PERSON_2>" in seen
    engine.close()


async def test_answer_placeholders_are_restored_even_split_across_chunks() -> None:
    chat, engine = service(["Done: wrote to <EMAIL_ADD", "RESS_1> and <PER", "SON_2", ">."])
    body = await chat.complete(await chat.start(request(), ALICE))
    assert body["choices"][0]["message"]["content"] == "Done: wrote to maria@acme.com and Tom Berg."
    assert body["pii"] == {"entities": {"PERSON": 2, "EMAIL_ADDRESS": 1}}
    engine.close()


async def streamed(chat: ChatService) -> list[bytes]:
    return [c async for c in chat.stream(await chat.start(request(), ALICE), False)]


def stream_payloads(chunks: list[bytes]) -> list[dict[str, Any]]:
    return [json.loads(c[6:]) for c in chunks if c.startswith(b"data: {")]


async def test_streamed_answer_restores_and_never_shows_a_placeholder() -> None:
    chat, engine = service(["Hi <PER", "SON_1", ">!"])
    chunks = await streamed(chat)
    text = "".join(p["choices"][0]["delta"].get("content", "") for p in stream_payloads(chunks))
    assert text == "Hi Maria Lopez!"
    assert b"<PERSON" not in b"".join(chunks)
    engine.close()


async def test_streamed_pii_counts_ride_on_the_first_content_chunk_only() -> None:
    chat, engine = service(["Hi ", "there"])
    payloads = stream_payloads(await streamed(chat))
    carrying = [p for p in payloads if "pii" in p]
    assert len(carrying) == 1 and carrying[0]["choices"][0]["delta"] == {"content": "Hi "}
    assert carrying[0]["pii"] == {"entities": {"PERSON": 2, "EMAIL_ADDRESS": 1}}
    engine.close()


async def test_streamed_answer_without_content_still_says_what_was_pseudonymized() -> None:
    chat, engine = service([])  # the model stopped at once: no content chunk at all
    payloads = stream_payloads(await streamed(chat))
    carrying = [p for p in payloads if "pii" in p]
    assert len(carrying) == 1 and carrying[0]["choices"][0]["finish_reason"] == "stop"
    assert carrying[0]["pii"] == {"entities": {"PERSON": 2, "EMAIL_ADDRESS": 1}}
    assert carrying[0]["sources"] == []
    engine.close()


async def test_history_with_originals_maps_to_the_same_placeholders() -> None:
    chat, engine = service(["ok"])
    first = request()
    await chat.complete(await chat.start(first, ALICE))
    msgs = json.loads(
        json.dumps(
            {
                "model": "fake-model",
                "messages": [
                    {"role": "system", "content": "You help Maria Lopez."},
                    {"role": "user", "content": "Email maria@acme.com and Tom Berg about it."},
                    {"role": "assistant", "content": "Sent to Tom Berg."},
                    {"role": "user", "content": "Thanks"},
                ],
            }
        )
    )
    await chat.complete(await chat.start(decode_chat_request(json.dumps(msgs).encode()), ALICE))
    assert engine.seen[-1][0][2].content == "Sent to <PERSON_2>."
    engine.close()


def test_restorers_restore_tool_call_arguments_split_anywhere() -> None:
    guard = PiiGuard(ListDetector(), Vault())
    protected = guard._protect(
        Vault().conversation("c"),
        [ChatMessage("user", "Invite Tom Berg", tool_calls=(ToolCall("c1", "f", "{}"),))],
    )
    restorers = protected.restorers
    pieces = ['{"who": "<PER', "SON_1", '>"}']
    out = [restorers.event(ToolCallDelta(0, None, None, p)) for p in pieces]
    out += restorers.flush()
    assert (
        "".join(e.arguments for e in out if isinstance(e, ToolCallDelta)) == '{"who": "Tom Berg"}'
    )


def test_conversation_id_is_stable_across_turns_and_scoped_to_the_key() -> None:
    turn1 = [ChatMessage("user", "hello")]
    turn2 = [*turn1, ChatMessage("assistant", "hi"), ChatMessage("user", "more")]
    assert conversation_id(ALICE, turn1, None) == conversation_id(ALICE, turn2, None)
    other = Principal("key_2", "bob", "user", (), "enc_2")
    assert conversation_id(other, turn1, None) != conversation_id(ALICE, turn1, None)
    assert conversation_id(ALICE, turn1, "thread-9").endswith("thread-9")


@pytest.mark.anyio
async def test_retrieved_passages_share_the_questions_placeholders() -> None:
    from retrieval.service import Hit

    guard = PiiGuard(ListDetector(), Vault())
    protected = await guard.protect(
        ALICE, [ChatMessage("user", "When does Maria Lopez start?")], None
    )
    hit = Hit("c1", "d1", "hr", "hr.md", "HR", 1, None, "Maria Lopez starts with Tom Berg.", 1.0)
    (shown,) = await guard.protect_hits(protected, [hit])
    assert protected.messages[0].content == "When does <PERSON_1> start?"
    assert shown.text == "<PERSON_1> starts with <PERSON_2>."
    assert shown.chunk_id == "c1"


class OneDocRetrieval:
    """Answers every search with one passage naming the people of VALUES."""

    def collections(self):  # type: ignore[no-untyped-def]
        from retrieval.registry import Collection

        return [Collection(name="hr", read_groups=["staff"], write_groups=[])]

    def search(self, query: str, names: list[str]):  # type: ignore[no-untyped-def]
        from retrieval.service import Hit

        self.query = query
        text = "Maria Lopez reports to Tom Berg; write to maria@acme.com."
        return [Hit("c1", "d1", "hr", "hr.md", "HR", 1, None, text, 1.0)]


@pytest.mark.anyio
async def test_engine_never_receives_originals_from_retrieved_passages() -> None:
    engine = FakeEngine(["<PERSON_1> it is."])
    engine.load()
    retrieval = OneDocRetrieval()
    chat = ChatService(
        engine,
        lambda p, n: None,
        Grounding(retrieval),  # type: ignore[arg-type]
        pii=PiiGuard(ListDetector(), Vault()),
    )
    body = await chat.complete(await chat.start(request(), ALICE))
    seen = json.dumps([m.content for m in engine.seen[-1][0]])
    assert "Maria" not in seen and "Tom Berg" not in seen and "maria@acme.com" not in seen
    assert "<PERSON_1> reports to <PERSON_2>" in seen
    assert retrieval.query == "Email maria@acme.com and Tom Berg about it."  # searched as written
    assert body["choices"][0]["message"]["content"] == "Maria Lopez it is."
    engine.close()
