import pytest

from gateway.errors import BadRequest, InvalidJSON, UnsupportedParameter
from gateway.openai_format import to_engine_messages, to_sampling
from gateway.schemas import decode_chat_request


def req(**fields: object) -> bytes:
    import json

    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], **fields}
    return json.dumps(body).encode()


@pytest.mark.parametrize("body", [b"", b"   ", b"{", b"{'a': 1}", b"\xff\xfe"])
def test_decode_chat_request_malformed_json_is_invalid_json(body: bytes) -> None:
    with pytest.raises(InvalidJSON):
        decode_chat_request(body)


@pytest.mark.parametrize(
    ("body", "param"),
    [
        (b'{"model": "m"}', "messages"),
        (b'{"messages": [{"role": "user", "content": "x"}]}', "model"),
        (b'{"model": "m", "messages": []}', "messages"),
        (b'{"model": "m", "messages": "hi"}', "messages"),
        (b'{"model": "m", "messages": [{"role": "robot", "content": "x"}]}', "messages[0].role"),
        (b'{"model": "m", "messages": [{"role": "user", "content": 5}]}', "messages[0].content"),
        (req(temperature=3), "temperature"),
        (req(top_p=-0.1), "top_p"),
        (req(max_tokens=0), "max_tokens"),
        (req(max_tokens="ten"), "max_tokens"),
        (req(stop=["a", "b", "c", "d", "e"]), "stop"),
        (req(stream="yes"), "stream"),
    ],
)
def test_decode_chat_request_wrong_field_names_param(body: bytes, param: str) -> None:
    with pytest.raises(BadRequest) as info:
        decode_chat_request(body)
    assert info.value.param == param


def test_decode_chat_request_ignores_unknown_fields() -> None:
    assert decode_chat_request(req(user_metadata={"x": 1})).model == "m"


def test_to_sampling_prefers_max_completion_tokens_and_wraps_single_stop() -> None:
    p = to_sampling(decode_chat_request(req(max_tokens=5, max_completion_tokens=7, stop="\n")))
    assert (p.max_tokens, p.stop) == (7, ("\n",))


def test_to_sampling_defaults_match_openai() -> None:
    p = to_sampling(decode_chat_request(req()))
    assert (p.temperature, p.top_p, p.max_tokens, p.seed) == (1.0, 1.0, None, None)


@pytest.mark.parametrize(
    ("fields", "param"),
    [
        ({"n": 2}, "n"),
        ({"logprobs": True}, "logprobs"),
    ],
)
def test_to_sampling_refuses_what_engine_cannot_honour(fields: dict, param: str) -> None:
    with pytest.raises(UnsupportedParameter) as info:
        to_sampling(decode_chat_request(req(**fields)))
    assert info.value.param == param


def test_to_engine_messages_joins_text_parts() -> None:
    r = decode_chat_request(
        req(
            messages=[
                {
                    "role": "user",
                    "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}],
                }
            ]
        )
    )
    assert to_engine_messages(r.messages)[0].content == "a\nb"


def test_to_engine_messages_image_part_is_unsupported() -> None:
    r = decode_chat_request(
        req(messages=[{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}])
    )
    with pytest.raises(UnsupportedParameter) as info:
        to_engine_messages(r.messages)
    assert info.value.param == "messages[0].content[0].type"


def test_to_engine_messages_user_without_content_is_bad_request() -> None:
    r = decode_chat_request(req(messages=[{"role": "user"}]))
    with pytest.raises(BadRequest):
        to_engine_messages(r.messages)


DEEP: dict = {"type": "object"}
for _ in range(200):
    DEEP = {"type": "object", "properties": {"a": DEEP}}

WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


def test_to_sampling_tools_default_to_auto_and_keep_schema() -> None:
    p = to_sampling(decode_chat_request(req(tools=[WEATHER])))
    assert p.tool_choice == "auto"
    assert p.tools[0].name == "get_weather"
    assert p.tools[0].parameters["required"] == ["city"]


def test_to_sampling_named_tool_choice_becomes_function_name() -> None:
    choice = {"type": "function", "function": {"name": "get_weather"}}
    p = to_sampling(decode_chat_request(req(tools=[WEATHER], tool_choice=choice)))
    assert p.tool_choice == "get_weather"


@pytest.mark.parametrize(
    ("fields", "param"),
    [
        ({"tool_choice": "required"}, "tool_choice"),
        (
            {"tools": [WEATHER], "tool_choice": {"type": "function", "function": {"name": "x"}}},
            "tool_choice",
        ),
        ({"tools": [WEATHER, WEATHER]}, "tools"),
        ({"tools": [{"type": "function", "function": {"name": "none"}}]}, "tools"),
        (
            {
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {"name": "x", "schema": DEEP},
                }
            },
            "response_format.json_schema.schema",
        ),
        (
            {
                "tools": [
                    {
                        "type": "function",
                        "function": {"name": "f", "parameters": {"type": "objekt"}},
                    }
                ]
            },
            "tools[0].function.parameters",
        ),
        (
            {"response_format": {"type": "json_schema", "json_schema": {"name": "x"}}},
            "response_format.json_schema",
        ),
        (
            {
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {"name": "x", "schema": {"type": 5}},
                }
            },
            "response_format.json_schema.schema",
        ),
    ],
)
def test_to_sampling_inconsistent_tools_or_formats_are_bad_requests(
    fields: dict, param: str
) -> None:
    with pytest.raises(BadRequest) as info:
        to_sampling(decode_chat_request(req(**fields)))
    assert info.value.param == param


def test_decode_chat_request_bad_tool_name_is_refused() -> None:
    bad = {"type": "function", "function": {"name": "has space"}}
    with pytest.raises(BadRequest) as info:
        decode_chat_request(req(tools=[bad]))
    assert info.value.param == "tools[0].function.name"


def test_to_sampling_response_format_and_reasoning_effort_reach_engine() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    fmt = {"type": "json_schema", "json_schema": {"name": "x", "schema": schema}}
    p = to_sampling(decode_chat_request(req(response_format=fmt, reasoning_effort="minimal")))
    assert p.response_format is not None and p.response_format.schema == schema
    assert p.reasoning_effort == "low"


def test_to_engine_messages_keeps_tool_calls_and_results() -> None:
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'},
    }
    r = decode_chat_request(
        req(
            messages=[
                {"role": "user", "content": "weather?"},
                {"role": "assistant", "content": None, "tool_calls": [call]},
                {"role": "tool", "tool_call_id": "call_1", "content": "sunny"},
            ]
        )
    )
    msgs = to_engine_messages(r.messages)
    assert msgs[1].tool_calls[0].arguments == '{"city": "Oslo"}'
    assert (msgs[2].role, msgs[2].tool_call_id, msgs[2].content) == ("tool", "call_1", "sunny")


def test_to_engine_messages_tool_result_without_call_id_is_bad_request() -> None:
    r = decode_chat_request(req(messages=[{"role": "tool", "content": "sunny"}]))
    with pytest.raises(BadRequest) as info:
        to_engine_messages(r.messages)
    assert info.value.param == "messages[0].tool_call_id"
