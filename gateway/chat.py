"""Chat completions as a service: request in, OpenAI response or SSE stream out.

The handler stays thin; this class owns the order of work (resolve model →
translate → enqueue → collect or stream) and makes sure a generation is
cancelled whenever its consumer stops listening.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from engine.errors import EngineError
from engine.protocol import ChatEngine, Finished, Generation, TextDelta
from gateway.errors import ModelNotFound, describe
from gateway.openai_format import (
    SSE_DONE,
    Answer,
    Completion,
    delta_of,
    sse,
    to_engine_messages,
    to_sampling,
    usage,
)
from gateway.schemas import ChatCompletionRequest


class ChatService:
    def __init__(self, engine: ChatEngine) -> None:
        self.engine = engine

    async def start(self, req: ChatCompletionRequest) -> tuple[Completion, Generation]:
        """Validate against the engine and enqueue; every refusal happens here, before streaming."""
        if req.model != self.engine.model_id:
            raise ModelNotFound(
                f"The model '{req.model}' does not exist; this server serves "
                f"'{self.engine.model_id}'",
                param="model",
            )
        messages = to_engine_messages(req.messages)
        params = to_sampling(req)
        generation = await self.engine.generate(messages, params)
        return Completion(model=self.engine.model_id), generation

    async def complete(self, completion: Completion, generation: Generation) -> dict[str, object]:
        answer = Answer()
        finished: Finished | None = None
        try:
            async for event in generation:
                if isinstance(event, Finished):
                    finished = event
                else:
                    answer.add(event)
        finally:
            generation.cancel()  # no-op when it ran to the end
        assert finished is not None, "a generation always ends with Finished"
        return completion.body(answer, finished)

    async def stream(
        self, completion: Completion, generation: Generation, include_usage: bool
    ) -> AsyncIterator[bytes]:
        """SSE chunks; cancelling or closing this iterator cancels the generation."""
        try:
            yield completion.chunk({"role": "assistant", "content": ""})
            finished: Finished | None = None
            async for event in generation:
                if isinstance(event, Finished):
                    finished = event
                elif isinstance(event, TextDelta) and event.channel == "content":
                    yield completion.content_chunk(event.text)
                else:
                    yield completion.chunk(delta_of(event))
            assert finished is not None, "a generation always ends with Finished"
            yield completion.chunk({}, finish_reason=finished.finish_reason)
            if include_usage:
                yield completion.chunk({}, usage_=usage(finished), with_choice=False)
        except EngineError as exc:  # the status line is sent; report in-band like OpenAI
            yield sse(describe(exc)[1])
        finally:
            generation.cancel()
        yield SSE_DONE
