"""The official `openai` client against a live gateway serving the real Gemma GGUF."""

from __future__ import annotations

import openai
import pytest

from tests.conftest import MODEL_ID, LiveServer

HELLO = [{"role": "user", "content": "Hello"}]


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=f"{live_server.base_url}/v1", api_key=live_server.user_key, max_retries=0
    )


def test_sdk_non_streaming_completion_has_text_and_llama_cpp_usage(client: openai.OpenAI) -> None:
    r = client.chat.completions.create(model=MODEL_ID, messages=HELLO, max_tokens=8, temperature=0)
    assert r.choices[0].message.role == "assistant"
    assert r.choices[0].message.content
    assert r.choices[0].finish_reason == "length"
    assert r.usage is not None
    assert r.usage.completion_tokens == 8
    assert r.usage.prompt_tokens == 10  # <bos> + Gemma turn markup around "Hello"
    assert r.usage.total_tokens == 18


def test_sdk_streamed_text_equals_non_streamed_and_ends_with_finish_reason(
    client: openai.OpenAI,
) -> None:
    # Long enough to pass the default policy's output hold-back (64 characters).
    expected = client.chat.completions.create(
        model=MODEL_ID, messages=HELLO, max_tokens=64, temperature=0
    )
    stream = client.chat.completions.create(
        model=MODEL_ID,
        messages=HELLO,
        max_tokens=64,
        temperature=0,
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    pieces = [c.choices[0].delta.content or "" for c in chunks if c.choices]
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices]
    assert len([p for p in pieces if p]) > 1  # really streamed, not one blob
    assert "".join(pieces) == expected.choices[0].message.content
    assert finishes[-1] == "length" and all(f is None for f in finishes[:-1])
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 64


def test_sdk_models_list_names_served_model(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == [MODEL_ID]
    assert client.models.retrieve(MODEL_ID).id == MODEL_ID


def test_sdk_unknown_model_raises_not_found(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as info:
        client.chat.completions.create(model="gpt-4o", messages=HELLO)
    assert info.value.code == "model_not_found"


def test_sdk_bad_request_raises_bad_request_error_naming_param(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(model=MODEL_ID, messages=HELLO, temperature=5)
    assert info.value.param == "temperature"


def test_sdk_context_window_exceeded_is_bad_request(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(
            model=MODEL_ID, messages=[{"role": "user", "content": "word " * 3000}]
        )
    assert info.value.code == "context_length_exceeded"


def test_sdk_stop_sequence_is_honoured(client: openai.OpenAI) -> None:
    full = client.chat.completions.create(
        model=MODEL_ID, messages=HELLO, max_tokens=16, temperature=0
    ).choices[0]
    word = full.message.content.split()[1]
    cut = client.chat.completions.create(
        model=MODEL_ID, messages=HELLO, max_tokens=16, temperature=0, stop=[word]
    ).choices[0]
    assert cut.finish_reason == "stop"
    assert word not in cut.message.content
    assert full.message.content.startswith(cut.message.content)


def test_server_log_never_contains_the_prompt_or_answer(
    client: openai.OpenAI, live_server: LiveServer
) -> None:
    marker = "Zyxwvut-7741 private memo"
    r = client.chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": marker}], max_tokens=8, temperature=0
    )
    answer = r.choices[0].message.content.strip()
    assert len(answer) >= 4  # something distinctive to look for
    log = live_server.log.read_text(errors="replace")
    assert "POST /v1/chat/completions" in log  # the log is being written
    assert marker not in log
    assert answer not in log


def test_live_gateway_pseudonymizes_pii_and_reports_counts_not_values(
    live_server: LiveServer,
) -> None:
    import httpx

    from tests.conftest import bearer

    body = {
        "model": MODEL_ID,
        "max_tokens": 4,
        "temperature": 0,
        "messages": [
            {"role": "user", "content": "Forward the invoice to jane.doe@example.org today."}
        ],
    }
    r = httpx.post(
        f"{live_server.base_url}/v1/chat/completions",
        json=body,
        headers=bearer(live_server.user_key),
        timeout=60,
    )
    assert r.status_code == 200
    assert r.json()["pii"]["entities"]["EMAIL_ADDRESS"] == 1
    assert "jane.doe@example.org" not in live_server.log.read_text(errors="replace")
