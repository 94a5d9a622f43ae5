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
        ({"tools": [{"type": "function", "function": {"name": "f"}}]}, "tools"),
        ({"response_format": {"type": "json_object"}}, "response_format"),
        ({"reasoning_effort": "high"}, "reasoning_effort"),
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
