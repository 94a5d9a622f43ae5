"""Chat completions as a service: request in, OpenAI response or SSE stream out.

The handler stays thin; this class owns the order of work (resolve model →
translate → enqueue → collect or stream) and makes sure a generation is
cancelled whenever its consumer stops listening.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from engine.errors import EngineError
from engine.protocol import ChatEngine, Finished, Generation, GenerationEvent, TextDelta
from gateway.errors import ModelNotFound, PayloadTooLarge, describe
from gateway.grounding import Grounding, ground_messages
from gateway.keys import Principal
from gateway.openai_format import (
    SSE_DONE,
    Answer,
    Completion,
    delta_of,
    sse,
    to_engine_messages,
    to_sampling,
    usage,
    wire_finish_reason,
)
from gateway.pii import PiiGuard, Restorers
from gateway.schemas import ChatCompletionRequest, decode_chat_request

UsageSink = Callable[[Principal, int], None]  # blocking; called on the engine's thread


@dataclass(slots=True)
class Turn:
    """One accepted request: its wire identity, its generation, who asked, what grounds it."""

    completion: Completion
    generation: Generation
    principal: Principal
    sources: list[dict[str, object]]
    pii: dict[str, int] | None = None  # entity types and counts pseudonymized (no values)
    restorers: Restorers | None = None

    def extras(self) -> dict[str, object]:
        """Enclave's response extensions: sources, and what was pseudonymized."""
        extras: dict[str, object] = {"sources": self.sources}
        if self.pii is not None:
            extras["pii"] = {"entities": self.pii}
        return extras


class ChatService:
    def __init__(
        self,
        engine: ChatEngine,
        record_usage: UsageSink,
        grounding: Grounding,
        max_body_bytes: int = 1_048_576,
        pii: PiiGuard | None = None,
    ) -> None:
        self.engine = engine
        self._record_usage = record_usage
        self._grounding = grounding
        self._max_body = max_body_bytes
        self._pii = pii

    def decode(self, body: bytes) -> ChatCompletionRequest:
        """The request, or 413 over the JSON body cap (uploads have a larger one), or 400."""
        if len(body) > self._max_body:
            raise PayloadTooLarge(
                f"request body is {len(body)} bytes; the limit is {self._max_body}"
            )
        return decode_chat_request(body)

    async def start(
        self, req: ChatCompletionRequest, principal: Principal, conversation: str | None = None
    ) -> Turn:
        """Validate against the engine and enqueue; every refusal happens here, before streaming."""
        if req.model != self.engine.model_id:
            raise ModelNotFound(
                f"The model '{req.model}' does not exist; this server serves "
                f"'{self.engine.model_id}'",
                param="model",
            )
        messages = to_engine_messages(req.messages)
        params = to_sampling(req)
        protected = None
        if self._pii is not None:  # from here on, only placeholders
            protected = await self._pii.protect(principal, messages, conversation)
            messages = protected.messages
        hits = await self._grounding.retrieve(principal, messages, req.collections)
        generation = await self.engine.generate(ground_messages(messages, hits), params)
        # Charged when the generation ends, whether or not the client is still there.
        generation.on_finished(
            lambda f: self._record_usage(principal, f.prompt_tokens + f.completion_tokens)
        )
        sources = [h.source() for h in hits]
        return Turn(
            Completion(model=self.engine.model_id),
            generation,
            principal,
            sources,
            protected.counts if protected else None,
            protected.restorers if protected else None,
        )

    async def _events(self, turn: Turn) -> AsyncIterator[GenerationEvent]:
        """The generation's events with PII restored (held-back tails flushed before Finished)."""
        restorers = turn.restorers
        async for event in turn.generation:
            if isinstance(event, Finished):
                if restorers is not None:
                    for tail in restorers.flush():
                        yield tail
                yield event
            elif restorers is None:
                yield event
            else:
                restored = restorers.event(event)
                if not isinstance(restored, TextDelta) or restored.text:
                    yield restored

    async def complete(self, turn: Turn) -> dict[str, object]:
        answer = Answer()
        finished: Finished | None = None
        try:
            async for event in self._events(turn):
                if isinstance(event, Finished):
                    finished = event
                else:
                    answer.add(event)
        finally:
            turn.generation.cancel()  # no-op when it ran to the end
        assert finished is not None, "a generation always ends with Finished"
        return {**turn.completion.body(answer, finished), **turn.extras()}

    async def stream(self, turn: Turn, include_usage: bool) -> AsyncIterator[bytes]:
        """SSE chunks; cancelling or closing this iterator cancels the generation."""
        completion, generation = turn.completion, turn.generation
        extras_pending = True
        try:
            yield completion.chunk({"role": "assistant", "content": ""})
            finished: Finished | None = None
            async for event in self._events(turn):
                if isinstance(event, Finished):
                    finished = event
                elif isinstance(event, TextDelta) and event.channel == "content":
                    if extras_pending:  # DESIGN: sources ride on the first content chunk
                        extras_pending = False
                        yield completion.chunk({"content": event.text}, extras=turn.extras())
                    else:
                        yield completion.content_chunk(event.text)
                else:
                    yield completion.chunk(delta_of(event))
            assert finished is not None, "a generation always ends with Finished"
            yield completion.chunk({}, finish_reason=wire_finish_reason(finished))
            if include_usage:
                yield completion.chunk({}, usage_=usage(finished), with_choice=False)
        except EngineError as exc:  # the status line is sent; report in-band like OpenAI
            yield sse(describe(exc)[1])
        finally:
            generation.cancel()
        yield SSE_DONE
