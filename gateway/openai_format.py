"""Pure translation between the OpenAI wire format and the engine's types."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

import msgspec

from engine.protocol import ChatMessage, Finished, SamplingParams
from gateway.errors import BadRequest, UnsupportedParameter
from gateway.schemas import ChatCompletionRequest, Message

_ENCODER = msgspec.json.Encoder()


def to_engine_messages(messages: list[Message]) -> list[ChatMessage]:
    out = []
    for i, msg in enumerate(messages):
        content = msg.content
        if isinstance(content, list):
            parts = []
            for j, part in enumerate(content):
                if part.type != "text" or part.text is None:
                    raise UnsupportedParameter(
                        f"content part type '{part.type}' is not supported; send text",
                        param=f"messages[{i}].content[{j}].type",
                    )
                parts.append(part.text)
            content = "\n".join(parts)
        if content is None and msg.role != "assistant":
            raise BadRequest(
                f"messages[{i}] ({msg.role}) has no content", param=f"messages[{i}].content"
            )
        out.append(ChatMessage(role=msg.role, content=content or ""))
    return out


def to_sampling(req: ChatCompletionRequest) -> SamplingParams:
    """Check what this engine cannot honour (loudly, not silently) and build params."""
    _reject_unsupported(req)
    stop = (req.stop,) if isinstance(req.stop, str) else tuple(req.stop or ())
    return SamplingParams(
        max_tokens=req.max_completion_tokens or req.max_tokens,
        temperature=1.0 if req.temperature is None else req.temperature,
        top_p=1.0 if req.top_p is None else req.top_p,
        seed=req.seed,
        stop=stop,
        frequency_penalty=req.frequency_penalty or 0.0,
        presence_penalty=req.presence_penalty or 0.0,
    )


def _reject_unsupported(req: ChatCompletionRequest) -> None:
    if req.n not in (None, 1):
        raise UnsupportedParameter("only n=1 is supported", param="n")
    if req.logprobs:
        raise UnsupportedParameter("logprobs are not supported", param="logprobs")
    if req.tools:
        raise UnsupportedParameter("tools are not supported by this model", param="tools")
    if req.response_format and req.response_format.get("type", "text") != "text":
        raise UnsupportedParameter(
            "structured output is not supported by this model", param="response_format"
        )
    if req.reasoning_effort is not None:
        raise UnsupportedParameter(
            "reasoning_effort is not supported by this model", param="reasoning_effort"
        )


def usage(finished: Finished) -> dict[str, int]:
    return {
        "prompt_tokens": finished.prompt_tokens,
        "completion_tokens": finished.completion_tokens,
        "total_tokens": finished.prompt_tokens + finished.completion_tokens,
    }


@dataclass(slots=True)
class Completion:
    """Identity shared by every chunk of one response."""

    model: str
    id: str = field(default_factory=lambda: "chatcmpl-" + secrets.token_hex(12))
    created: int = field(default_factory=lambda: int(time.time()))
    _content_frame: tuple[bytes, bytes] | None = field(default=None, repr=False)

    def body(self, text: str, finished: Finished) -> dict[str, object]:
        return {
            "id": self.id,
            "object": "chat.completion",
            "created": self.created,
            "model": self.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": finished.finish_reason,
                    "logprobs": None,
                }
            ],
            "usage": usage(finished),
        }

    def content_chunk(self, text: str) -> bytes:
        """The per-token chunk, on the hot path: only the text is encoded per call."""
        if self._content_frame is None:
            head = self.chunk({"content": "\x00"})
            at = head.index(b'"\\u0000"')
            self._content_frame = (head[:at], head[at + len(b'"\\u0000"') :])
        prefix, suffix = self._content_frame
        return prefix + _ENCODER.encode(text) + suffix

    def chunk(
        self,
        delta: dict[str, str],
        finish_reason: str | None = None,
        usage_: dict[str, int] | None = None,
        with_choice: bool = True,
    ) -> bytes:
        payload: dict[str, object] = {
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": (
                [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}]
                if with_choice
                else []
            ),
        }
        if usage_ is not None:
            payload["usage"] = usage_
        return sse(payload)


def sse(payload: object) -> bytes:
    return b"data: " + _ENCODER.encode(payload) + b"\n\n"


SSE_DONE = b"data: [DONE]\n\n"
