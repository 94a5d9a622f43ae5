"""Structured output and forced tool calls on the real Gemma model, via llama.cpp grammar."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from engine.errors import UnsupportedSchema
from engine.llama import LlamaCppEngine, LlamaOptions
from engine.protocol import (
    ChatMessage,
    Finished,
    ResponseFormat,
    SamplingParams,
    TextDelta,
    ToolCallDelta,
    ToolSpec,
)

pytestmark = pytest.mark.anyio
ASK = [ChatMessage("user", "Describe a city as JSON.")]
CITY = {
    "type": "object",
    "properties": {
        "city": {"type": "string", "maxLength": 40},
        "population": {"type": "integer", "minimum": 0},
        "capital": {"type": "boolean"},
    },
    "required": ["city", "population", "capital"],
    "additionalProperties": False,
}
WEATHER = ToolSpec(
    "get_weather",
    "Current weather for a city.",
    {
        "type": "object",
        "properties": {"city": {"type": "string", "maxLength": 40}},
        "required": ["city"],
        "additionalProperties": False,
    },
)
TIME = ToolSpec("get_time", "Current time.", {"type": "object", "properties": {}})


@pytest.fixture(scope="module")
def engine(model_path: Path) -> Iterator[LlamaCppEngine]:
    e = LlamaCppEngine(LlamaOptions(model_path=model_path, n_ctx=2048, max_queue=4))
    e.load()
    yield e
    e.close()


async def run(engine: LlamaCppEngine, messages=ASK, **params) -> tuple[list, Finished]:
    job = await engine.generate(messages, SamplingParams(**{"temperature": 0.0, **params}))
    events = [e async for e in job]
    assert isinstance(events[-1], Finished)
    return events[:-1], events[-1]


def content(events: list) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


async def test_json_schema_output_parses_and_validates(engine: LlamaCppEngine) -> None:
    events, finished = await run(
        engine, max_tokens=120, response_format=ResponseFormat("json_schema", CITY)
    )
    assert finished.finish_reason == "stop"
    jsonschema.validate(json.loads(content(events)), CITY)


async def test_json_object_output_is_a_json_object(engine: LlamaCppEngine) -> None:
    # Greedy, this base model closes the object for "Hello"; for richer prompts it
    # tends to keep adding keys until max_tokens (the grammar forbids bad JSON,
    # not long JSON).
    events, finished = await run(
        engine,
        [ChatMessage("user", "Hello")],
        max_tokens=80,
        response_format=ResponseFormat("json_object"),
    )
    assert finished.finish_reason == "stop"
    assert isinstance(json.loads(content(events)), dict)


async def test_named_tool_choice_gives_valid_tool_call(engine: LlamaCppEngine) -> None:
    events, finished = await run(
        engine, max_tokens=60, tools=(WEATHER, TIME), tool_choice="get_weather"
    )
    calls = [e for e in events if isinstance(e, ToolCallDelta)]
    assert finished.finish_reason == "tool_calls"
    assert [c.name for c in calls] == ["get_weather"]
    jsonschema.validate(json.loads(calls[0].arguments), WEATHER.parameters)


async def test_required_tool_choice_calls_one_of_the_tools(engine: LlamaCppEngine) -> None:
    events, finished = await run(
        engine, max_tokens=60, tools=(WEATHER, TIME), tool_choice="required"
    )
    calls = [e for e in events if isinstance(e, ToolCallDelta)]
    assert finished.finish_reason == "tool_calls"
    assert len(calls) == 1 and calls[0].name in {"get_weather", "get_time"}


async def test_unsupported_schema_is_refused_before_queueing(engine: LlamaCppEngine) -> None:
    bad = {"type": "object", "properties": {"a": {"$ref": "#/definitions/missing"}}}
    with pytest.raises(UnsupportedSchema):
        await engine.generate(
            ASK, SamplingParams(response_format=ResponseFormat("json_schema", bad))
        )


async def test_schema_llama_cpp_cannot_parse_is_refused_not_crashing(
    engine: LlamaCppEngine,
) -> None:
    """A regex with escapes used to become a NULL grammar sampler and SIGSEGV the server."""
    schema = {"type": "object", "properties": {"id": {"type": "string", "pattern": "^\\d+$"}}}
    with pytest.raises(UnsupportedSchema, match="grammar"):
        await engine.generate(
            ASK, SamplingParams(response_format=ResponseFormat("json_schema", schema))
        )
    _, finished = await run(engine, max_tokens=4)  # the engine still serves
    assert finished.completion_tokens == 4
