"""The OpenAI wire format towards upstreams: requests we send, chunks and errors we read."""

from __future__ import annotations

import json

from engine.errors import ContextWindowExceeded
from engine.protocol import (
    ChatMessage,
    ResponseFormat,
    SamplingParams,
    TextDelta,
    ToolCall,
    ToolCallDelta,
    ToolSpec,
)
from engine.remote_wire import (
    StreamState,
    chunk_events,
    context_error,
    request_json,
    sse_data,
    upstream_error,
)


def test_request_carries_sampling_stop_seed_and_asks_for_streamed_usage() -> None:
    params = SamplingParams(max_tokens=12, temperature=0.2, top_p=0.9, seed=7, stop=("END",))
    body = request_json("gemma", [ChatMessage("user", "hi <PERSON_1>")], params, 1024)
    assert body["model"] == "gemma" and body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    assert body["messages"] == [{"role": "user", "content": "hi <PERSON_1>"}]
    assert (body["max_tokens"], body["temperature"], body["top_p"]) == (12, 0.2, 0.9)
    assert (body["seed"], body["stop"]) == (7, ["END"])
    assert "tools" not in body and "response_format" not in body


def test_request_without_max_tokens_uses_the_engine_default() -> None:
    body = request_json("m", [ChatMessage("user", "x")], SamplingParams(), 333)
    assert body["max_tokens"] == 333 and "seed" not in body and "stop" not in body


def test_request_maps_tools_forced_choice_schema_and_tool_turns() -> None:
    history = [
        ChatMessage("user", "weather?"),
        ChatMessage("assistant", "", tool_calls=(ToolCall("c1", "weather", '{"city":"X"}'),)),
        ChatMessage("tool", "sunny", tool_call_id="c1", name="weather"),
    ]
    params = SamplingParams(
        tools=(ToolSpec("weather", "Look it up", {"type": "object"}),),
        tool_choice="weather",
        response_format=ResponseFormat("json_schema", {"type": "object"}, "out"),
        reasoning_effort="low",
    )
    body = request_json("m", history, params, 10)
    assert body["messages"][1]["tool_calls"][0] == {
        "id": "c1",
        "type": "function",
        "function": {"name": "weather", "arguments": '{"city":"X"}'},
    }
    assert body["messages"][2] == {
        "role": "tool",
        "content": "sunny",
        "tool_call_id": "c1",
        "name": "weather",
    }
    assert body["tools"][0]["function"]["name"] == "weather"
    assert body["tool_choice"] == {"type": "function", "function": {"name": "weather"}}
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "out", "schema": {"type": "object"}},
    }
    assert body["reasoning_effort"] == "low"
    json.dumps(body)  # serialisable as sent


def test_chunks_become_text_reasoning_and_tool_call_events() -> None:
    state = StreamState()
    assert chunk_events({"choices": [{"index": 0, "delta": {"role": "assistant"}}]}, state) == []
    assert chunk_events({"choices": [{"delta": {"content": "Hel"}}]}, state) == [TextDelta("Hel")]
    assert chunk_events({"choices": [{"delta": {"reasoning_content": "hmm"}}]}, state) == [
        TextDelta("hmm", channel="reasoning")
    ]
    first = {"index": 0, "id": "call_9", "function": {"name": "f", "arguments": '{"a"'}}
    more = {"index": 0, "function": {"arguments": ":1}"}}
    assert chunk_events({"choices": [{"delta": {"tool_calls": [first]}}]}, state) == [
        ToolCallDelta(0, "call_9", "f", '{"a"')
    ]
    assert chunk_events({"choices": [{"delta": {"tool_calls": [more]}}]}, state) == [
        ToolCallDelta(0, None, None, ":1}")
    ]
    chunk_events({"choices": [{"delta": {}, "finish_reason": "tool_calls"}]}, state)
    assert state.finish_reason == "tool_calls" and state.chunks_with_text == 4


def test_usage_chunk_sets_token_counts_and_unknown_finish_reason_reads_as_stop() -> None:
    state = StreamState()
    chunk_events({"choices": [{"delta": {}, "finish_reason": "eos"}]}, state)
    chunk_events({"choices": [], "usage": {"prompt_tokens": 31, "completion_tokens": 9}}, state)
    assert (state.finish_reason, state.prompt_tokens, state.completion_tokens) == ("stop", 31, 9)


def test_other_choices_than_the_first_are_ignored() -> None:
    state = StreamState()
    assert chunk_events({"choices": [{"index": 1, "delta": {"content": "x"}}]}, state) == []


def test_sse_data_reads_data_lines_only() -> None:
    assert sse_data('data: {"a": 1}') == '{"a": 1}'
    assert sse_data("data: [DONE]") == "[DONE]"
    assert sse_data(": ping") is None and sse_data("") is None and sse_data("event: x") is None


def test_openai_style_context_error_keeps_the_counts() -> None:
    body = (
        b'{"error":{"message":"This model\'s maximum context length is 2048 tokens. However, '
        b"you requested 3015 tokens (3010 in the messages, 5 in the completion). Please reduce "
        b'the length of the messages or completion.","type":"invalid_request_error",'
        b'"code":"context_length_exceeded"}}'
    )
    error = context_error(upstream_error(400, body), 8192)
    assert isinstance(error, ContextWindowExceeded)
    assert (error.prompt_tokens, error.max_tokens, error.n_ctx) == (3010, 5, 2048)


def test_llama_server_context_error_is_recognised() -> None:
    body = json.dumps(
        {
            "error": {
                "code": 400,
                "message": "the request exceeds the available context size",
                "type": "exceed_context_size_error",
                "n_prompt_tokens": 5000,
                "n_ctx": 4096,
            }
        }
    ).encode()
    error = context_error(upstream_error(400, body), 8192)
    assert isinstance(error, ContextWindowExceeded)
    assert (error.prompt_tokens, error.n_ctx) == (5000, 4096)


def test_other_error_bodies_give_a_message_and_no_context_error() -> None:
    assert upstream_error(400, b"not json").message == "upstream answered 400"
    fastapi = upstream_error(422, b'{"detail": "field required"}')
    assert fastapi.message == "field required" and context_error(fastapi, 10) is None
    plain = upstream_error(400, b'{"error": "bad temperature"}')
    assert plain.message == "bad temperature" and plain.code is None
