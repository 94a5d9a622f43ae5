from engine.answer import AnswerStream
from engine.protocol import TextDelta
from engine.templates import OutputEvent, PlainTextParser


class ChannelParser:
    """Text after '|' is reasoning, before it content: enough to prove channel routing."""

    called_tool = False

    def __init__(self) -> None:
        self.reasoning = False

    def feed(self, text: str) -> list[OutputEvent]:
        out: list[OutputEvent] = []
        for ch in text:
            if ch == "|":
                self.reasoning = True
            else:
                out.append(TextDelta(ch, "reasoning" if self.reasoning else "content"))
        return out

    def finish(self) -> list[OutputEvent]:
        return []


def text(events, channel: str = "content") -> str:
    return "".join(e.text for e in events if e.channel == channel)


def test_answer_stream_utf8_split_across_tokens_is_reassembled() -> None:
    stream = AnswerStream(PlainTextParser(), ())
    data = "héllo 😀".encode()
    events = [e for i in range(len(data)) for e in stream.feed(data[i : i + 1])]
    assert text(events + stream.finish()) == "héllo 😀"


def test_answer_stream_stop_string_ends_content_and_sets_stopped() -> None:
    stream = AnswerStream(PlainTextParser(), ("STOP",))
    events = stream.feed(b"abc ST") + stream.feed(b"OP more")
    assert text(events) == "abc " and stream.stopped
    assert stream.feed(b"ignored") == [] and stream.finish() == []


def test_answer_stream_stop_strings_never_apply_to_reasoning() -> None:
    stream = AnswerStream(ChannelParser(), ("STOP",))
    events = stream.feed(b"ok|think STOP think")
    assert text(events) == "ok" and text(events, "reasoning") == "think STOP think"
    assert not stream.stopped


def test_answer_stream_held_back_prefix_is_flushed_at_finish() -> None:
    stream = AnswerStream(PlainTextParser(), ("STOP",))
    assert text(stream.feed(b"end ST")) == "end "
    assert text(stream.finish()) == "ST"
