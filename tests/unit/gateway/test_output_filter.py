"""The streaming output filter: bounded hold-back, redaction across chunks, early blocks."""

from __future__ import annotations

import pytest

from engine.protocol import TextDelta, ToolCallDelta
from gateway.output_filter import OutputBlocked, OutputFilter
from safety.filters import compile_policy
from safety.policy import parse_policy

pytestmark = pytest.mark.anyio
POLICY = """
[output]
holdback_chars = 32

[[rules]]
name = "codes"
kind = "regex"
patterns = ['PRJ-\\d{4}']
action = "redact"
directions = ["output"]

[[rules]]
name = "forbidden"
kind = "regex"
patterns = ['launch codes']
action = "block"
directions = ["output"]

[[rules]]
name = "noted"
kind = "regex"
patterns = ['budget']
action = "flag"
directions = ["output"]
"""


def make_filter(show_reasoning: bool = True) -> OutputFilter:
    policy = compile_policy(parse_policy(POLICY, ".toml"), None)
    return OutputFilter(lambda t: policy.evaluate(t, "output", None), 32, show_reasoning)


async def run(f: OutputFilter, pieces: list[str]) -> str:
    out = []
    for piece in pieces:
        out += [e.text for e in await f.event(TextDelta(piece)) if isinstance(e, TextDelta)]
    out += [e.text for e in await f.flush() if isinstance(e, TextDelta)]
    return "".join(out)


async def test_output_filter_redacts_a_match_split_across_chunks() -> None:
    text = "The project number is PRJ-1234 and it is fine. " * 3
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)]
    released = await run(make_filter(), pieces)
    assert released == text.replace("PRJ-1234", "[REDACTED:codes]")


async def test_output_filter_never_holds_more_than_the_window_plus_a_stride() -> None:
    f = make_filter()
    held = 0
    for _ in range(200):
        released = await f.event(TextDelta("x"))
        held = held + 1 - sum(len(e.text) for e in released if isinstance(e, TextDelta))
        assert held <= 32 + 16
    assert sum(len(e.text) for e in await f.flush() if isinstance(e, TextDelta)) == held


async def test_output_filter_blocks_before_any_of_the_match_is_released() -> None:
    f = make_filter()
    text = "Harmless opening words go first, then the launch codes are 0000 and more text."
    shown = []
    with pytest.raises(OutputBlocked) as blocked:
        for ch in text:
            shown += [e.text for e in await f.event(TextDelta(ch)) if isinstance(e, TextDelta)]
        await f.flush()
    assert blocked.value.decision.rule == "forbidden"
    assert "launch" not in "".join(shown)


async def test_output_filter_counts_each_flagged_finding_once() -> None:
    f = make_filter()
    text = "The budget is approved. " * 10  # ten findings, seen in overlapping windows
    await run(f, [text[i : i + 5] for i in range(0, len(text), 5)])
    (noted,) = [d for d in f.fired if d.rule == "noted"]
    assert noted.count == 10 and noted.action == "flag"


async def test_output_filter_hides_reasoning_when_policy_says_so() -> None:
    f = make_filter(show_reasoning=False)
    assert await f.event(TextDelta("thinking " * 20, "reasoning")) == []
    assert await f.flush() == []


async def test_output_filter_tool_call_header_passes_and_arguments_are_checked() -> None:
    f = make_filter()
    first = await f.event(ToolCallDelta(0, "call_1", "lookup", '{"id": "PRJ-'))
    assert first == [ToolCallDelta(0, "call_1", "lookup", "")]
    assert await f.event(ToolCallDelta(0, None, None, '9876"}')) == []
    (tail,) = await f.flush()
    assert isinstance(tail, ToolCallDelta) and tail.arguments == '{"id": "[REDACTED:codes]"}'
