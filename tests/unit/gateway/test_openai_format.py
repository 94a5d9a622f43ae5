import json

import pytest

from engine.protocol import Finished, TextDelta, ToolCallDelta
from gateway.openai_format import SSE_DONE, Answer, Completion, delta_of


@pytest.mark.parametrize("text", ["plain", 'quote " and \\ backslash', "line\nbreak", "ünï 😀", ""])
def test_content_chunk_fast_path_equals_generic_chunk(text: str) -> None:
    c = Completion(model="m")
    assert c.content_chunk(text) == c.chunk({"content": text})
    assert json.loads(c.content_chunk(text)[6:])["choices"][0]["delta"]["content"] == text


def test_completion_body_usage_adds_up() -> None:
    answer = Answer()
    answer.add(TextDelta("hi"))
    body = Completion(model="m").body(answer, Finished("stop", 5, 2))
    assert body["usage"] == {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}


def test_sse_framing_is_data_line_and_blank_line() -> None:
    chunk = Completion(model="m").chunk({}, finish_reason="stop")
    assert chunk.startswith(b"data: {") and chunk.endswith(b"}\n\n")
    assert SSE_DONE == b"data: [DONE]\n\n"


def test_answer_gathers_reasoning_content_and_tool_calls_in_openai_shape() -> None:
    answer = Answer()
    for event in [
        TextDelta("thinking", channel="reasoning"),
        ToolCallDelta(0, "call_a", "get_weather", '{"city":'),
        ToolCallDelta(0, None, None, ' "Oslo"}'),
        ToolCallDelta(1, "call_b", "get_time", "{}"),
    ]:
        answer.add(event)
    msg = answer.message()
    assert msg["content"] is None
    assert msg["reasoning_content"] == "thinking"
    assert msg["tool_calls"] == [
        {
            "id": "call_a",
            "type": "function",
            "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'},
        },
        {"id": "call_b", "type": "function", "function": {"name": "get_time", "arguments": "{}"}},
    ]


def test_delta_of_tool_call_names_only_on_first_piece() -> None:
    first = delta_of(ToolCallDelta(0, "call_a", "f", ""))
    later = delta_of(ToolCallDelta(0, None, None, "{}"))
    assert first == {
        "tool_calls": [
            {
                "index": 0,
                "id": "call_a",
                "type": "function",
                "function": {"name": "f", "arguments": ""},
            }
        ]
    }
    assert later == {"tool_calls": [{"index": 0, "function": {"arguments": "{}"}}]}
    assert delta_of(TextDelta("r", channel="reasoning")) == {"reasoning_content": "r"}
