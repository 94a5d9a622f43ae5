import json

import pytest

from engine.protocol import Finished
from gateway.openai_format import SSE_DONE, Completion


@pytest.mark.parametrize("text", ["plain", 'quote " and \\ backslash', "line\nbreak", "ünï 😀", ""])
def test_content_chunk_fast_path_equals_generic_chunk(text: str) -> None:
    c = Completion(model="m")
    assert c.content_chunk(text) == c.chunk({"content": text})
    assert json.loads(c.content_chunk(text)[6:])["choices"][0]["delta"]["content"] == text


def test_completion_body_usage_adds_up() -> None:
    body = Completion(model="m").body("hi", Finished("stop", 5, 2))
    assert body["usage"] == {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}


def test_sse_framing_is_data_line_and_blank_line() -> None:
    chunk = Completion(model="m").chunk({}, finish_reason="stop")
    assert chunk.startswith(b"data: {") and chunk.endswith(b"}\n\n")
    assert SSE_DONE == b"data: [DONE]\n\n"
