"""Tools and structured output through the OpenAI SDK against the live Gemma gateway."""

from __future__ import annotations

import json

import jsonschema
import openai
import pytest

from tests.conftest import MODEL_ID, LiveServer

ASK = [{"role": "user", "content": "Describe a city as JSON."}]
CITY = {
    "type": "object",
    "properties": {
        "city": {"type": "string", "maxLength": 40},
        "population": {"type": "integer", "minimum": 0},
    },
    "required": ["city", "population"],
    "additionalProperties": False,
}
WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string", "maxLength": 40}},
            "required": ["city"],
            "additionalProperties": False,
        },
    },
}


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=f"{live_server.base_url}/v1", api_key=live_server.user_key, max_retries=0
    )


def test_sdk_json_schema_response_validates(client: openai.OpenAI) -> None:
    r = client.chat.completions.create(
        model=MODEL_ID,
        messages=ASK,
        temperature=0,
        max_tokens=100,
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "city", "schema": CITY, "strict": True},
        },
    )
    jsonschema.validate(json.loads(r.choices[0].message.content), CITY)


def test_sdk_named_tool_choice_returns_tool_calls(client: openai.OpenAI) -> None:
    r = client.chat.completions.create(
        model=MODEL_ID,
        messages=ASK,
        temperature=0,
        max_tokens=60,
        tools=[WEATHER],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
    )
    choice = r.choices[0]
    assert choice.finish_reason == "tool_calls"
    call = choice.message.tool_calls[0]
    assert call.type == "function" and call.id.startswith("call_")
    assert call.function.name == "get_weather"
    jsonschema.validate(json.loads(call.function.arguments), WEATHER["function"]["parameters"])


def test_sdk_streamed_tool_call_reassembles_like_openai(client: openai.OpenAI) -> None:
    stream = client.chat.completions.create(
        model=MODEL_ID,
        messages=ASK,
        temperature=0,
        max_tokens=60,
        tools=[WEATHER],
        tool_choice="required",
        stream=True,
    )
    name, args, finish, ids = "", "", None, set()
    for chunk in stream:
        if not chunk.choices:
            continue
        delta = chunk.choices[0].delta
        for tc in delta.tool_calls or []:
            if tc.id:
                ids.add(tc.id)
            name += tc.function.name or ""
            args += tc.function.arguments or ""
        finish = chunk.choices[0].finish_reason or finish
    assert (name, finish, len(ids)) == ("get_weather", "tool_calls", 1)
    assert "city" in json.loads(args)


def test_sdk_tool_result_round_trip_is_accepted(client: openai.OpenAI) -> None:
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'},
    }
    r = client.chat.completions.create(
        model=MODEL_ID,
        max_tokens=8,
        temperature=0,
        tools=[WEATHER],
        messages=[
            *ASK,
            {"role": "assistant", "content": None, "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "call_1", "content": "Sunny, 21 C"},
        ],
    )
    assert r.choices[0].finish_reason in {"stop", "length", "tool_calls"}


def test_sdk_tool_choice_for_unknown_function_is_bad_request(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(
            model=MODEL_ID,
            messages=ASK,
            tools=[WEATHER],
            tool_choice={"type": "function", "function": {"name": "launch_rockets"}},
        )
    assert info.value.param == "tool_choice"
