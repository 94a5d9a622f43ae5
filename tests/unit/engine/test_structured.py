import json

import pytest

from engine.protocol import ResponseFormat, SamplingParams, TextDelta, ToolCallDelta, ToolSpec
from engine.structured import (
    ANY_OBJECT,
    AutoJsonCallParser,
    JsonCallParser,
    call_schema,
    plan_output,
)
from engine.templates import PlainTextParser

ADD = ToolSpec("add", "Adds.", {"type": "object", "properties": {"a": {"type": "integer"}}})
NOW = ToolSpec("now")


def test_plan_output_named_tool_on_native_template_prefills_the_call() -> None:
    plan = plan_output(SamplingParams(tools=(ADD, NOW), tool_choice="add"), native_tools=True)
    assert plan.render.force_tool == "add"
    assert plan.schema == ADD.parameters
    assert plan.wrap_call is None


def test_plan_output_named_tool_without_native_tools_forces_json_call() -> None:
    plan = plan_output(SamplingParams(tools=(ADD, NOW), tool_choice="now"), native_tools=False)
    assert plan.render.force_final and plan.wrap_call == frozenset({"now"})
    assert plan.schema == call_schema([NOW])


def test_plan_output_required_with_several_tools_allows_any_of_them() -> None:
    plan = plan_output(SamplingParams(tools=(ADD, NOW), tool_choice="required"), native_tools=True)
    assert plan.wrap_call == frozenset({"add", "now"})
    assert [o["properties"]["name"]["const"] for o in plan.schema["anyOf"]] == ["add", "now"]


def test_plan_output_response_format_prefills_final_answer_with_schema() -> None:
    schema = {"type": "object", "required": ["x"]}
    params = SamplingParams(response_format=ResponseFormat("json_schema", schema))
    plan = plan_output(params, native_tools=True)
    assert plan.render.force_final and plan.schema == schema
    assert (
        plan_output(SamplingParams(response_format=ResponseFormat("json_object")), False).schema
        == ANY_OBJECT
    )


def test_plan_output_tool_choice_none_hides_tools() -> None:
    plan = plan_output(SamplingParams(tools=(ADD,), tool_choice="none"), native_tools=False)
    assert plan.render.tools == () and plan.auto_call is None and plan.schema is None


def test_plan_output_auto_tools_on_plain_template_watch_for_json_call() -> None:
    plan = plan_output(SamplingParams(tools=(ADD,)), native_tools=False)
    assert plan.auto_call == frozenset({"add"}) and plan.schema is None
    assert plan_output(SamplingParams(tools=(ADD,)), native_tools=True).auto_call is None


def feed_chars(parser, text: str) -> list:
    events = []
    for ch in text:
        events += parser.feed(ch)
    return events + parser.finish()


def test_json_call_parser_turns_forced_answer_into_tool_call() -> None:
    parser = JsonCallParser(PlainTextParser(), frozenset({"add"}))
    events = feed_chars(parser, '{"name": "add", "arguments": {"a": 2}}')
    assert len(events) == 1 and isinstance(events[0], ToolCallDelta)
    assert (events[0].name, json.loads(events[0].arguments)) == ("add", {"a": 2})
    assert events[0].id.startswith("call_") and parser.called_tool


def test_json_call_parser_cut_short_answer_is_returned_as_text() -> None:
    parser = JsonCallParser(PlainTextParser(), frozenset({"add"}))
    assert feed_chars(parser, '{"name": "add", "argu') == [TextDelta('{"name": "add", "argu')]
    assert not parser.called_tool


@pytest.mark.parametrize(
    "text",
    [
        "Just text, streamed as it comes.",
        '  {"name": "unknown", "arguments": {}}',
        '{"name": "add", "arguments": [1]}',
        "{not json at all",
    ],
)
def test_auto_json_call_parser_anything_but_a_valid_call_is_content(text: str) -> None:
    parser = AutoJsonCallParser(PlainTextParser(), frozenset({"add"}))
    events = feed_chars(parser, text)
    assert all(isinstance(e, TextDelta) for e in events)
    assert "".join(e.text for e in events) == text
    assert not parser.called_tool


def test_auto_json_call_parser_streams_plain_text_without_waiting() -> None:
    parser = AutoJsonCallParser(PlainTextParser(), frozenset({"add"}))
    assert parser.feed("Hel") == [TextDelta("Hel")]
    assert parser.feed("lo") == [TextDelta("lo")]


def test_auto_json_call_parser_valid_call_becomes_tool_call() -> None:
    parser = AutoJsonCallParser(PlainTextParser(), frozenset({"add"}))
    events = feed_chars(parser, '\n{"name": "add", "arguments": {"a": 1}}')
    assert [type(e) for e in events] == [ToolCallDelta] and parser.called_tool
