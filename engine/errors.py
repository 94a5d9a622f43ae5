"""Typed engine errors. The gateway maps each type to an HTTP status in one place."""

from __future__ import annotations


class EngineError(Exception):
    """Base of every error an engine raises on purpose."""


class ContextWindowExceeded(EngineError):
    """The prompt (plus the requested answer length) does not fit the context window."""

    def __init__(self, prompt_tokens: int, max_tokens: int | None, n_ctx: int) -> None:
        self.prompt_tokens = prompt_tokens
        self.max_tokens = max_tokens
        self.n_ctx = n_ctx
        if max_tokens is None:
            detail = f"your messages resulted in {prompt_tokens} tokens"
        else:
            detail = (
                f"you requested {prompt_tokens + max_tokens} tokens "
                f"({prompt_tokens} in the messages, {max_tokens} in the completion)"
            )
        super().__init__(
            f"This model's maximum context length is {n_ctx} tokens. However, {detail}. "
            "Please reduce the length of the messages or completion."
        )


class UnsupportedMessage(EngineError):
    """The chat template cannot express a message (e.g. a role it has no turn for)."""


class NoChatTemplate(EngineError):
    """The model has no chat template and Enclave has no built-in one for its architecture."""


class EngineBusy(EngineError):
    """The request queue is full."""


class EngineNotReady(EngineError):
    """The model is still loading, or failed to load."""


class EngineFailed(EngineError):
    """llama.cpp failed while generating (decode error, out of memory)."""


class UnsupportedSchema(EngineError):
    """A JSON Schema (response_format or tool parameters) llama.cpp's grammar cannot express."""


class UpstreamRejected(EngineError):
    """A remote upstream refused the request itself (400): no other upstream would differ."""


class UpstreamMisconfigured(EngineError):
    """A remote upstream refused the gateway (401/403/404: wrong key, model or URL)."""
