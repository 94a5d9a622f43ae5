"""Chat completions as a service: request in, OpenAI response or SSE stream out.

The handler stays thin; this class owns the order of work (resolve model →
translate → enqueue → collect or stream) and makes sure a generation is
cancelled whenever its consumer stops listening.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from engine.errors import EngineError
from engine.protocol import (
    ChatEngine,
    ChatMessage,
    Finished,
    Generation,
    GenerationEvent,
    TextDelta,
)
from gateway.audit_context import RequestAudit
from gateway.audit_trail import AuditTrail, AuditUnavailableError
from gateway.chat_audit import note_event, note_prompt
from gateway.errors import ModelNotFound, PayloadTooLarge, describe, error_code
from gateway.grounding import Grounding, ground_messages
from gateway.keys import Principal
from gateway.metrics import GatewayMetrics
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
from gateway.output_filter import OutputBlocked, OutputFilter
from gateway.pii import PiiGuard, Protected, Restorers
from gateway.safety_guard import InputCheck, SafetyGuard
from gateway.schemas import ChatCompletionRequest, decode_chat_request
from retrieval.service import Hit
from safety.filters import Decision, SafetyPolicy

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
    output: OutputFilter | None = None
    policy: SafetyPolicy | None = None
    blocked: Decision | None = None  # the output rule that stopped the answer
    audit: RequestAudit | None = None
    protected: Protected | None = None
    answer: list[str] | None = None  # the model's text before restore, when the audit keeps it

    def extras(self) -> dict[str, object]:
        """Enclave's response extensions: sources, and what was pseudonymized."""
        extras: dict[str, object] = {"sources": self.sources}
        if self.pii is not None:
            extras["pii"] = {"entities": self.pii}
        return extras

    def stopped(self) -> dict[str, object]:
        """Names the rule that stopped the answer (finish_reason content_filter)."""
        return {"safety": {"blocked_by": self.blocked.rule}} if self.blocked else {}


@dataclass(frozen=True, slots=True)
class Prompt:
    grounded: list[ChatMessage]  # what the engine receives
    hits: list[Hit]
    protected: Protected | None
    checked: InputCheck | None


class ChatService:
    def __init__(
        self,
        engine: ChatEngine,
        record_usage: UsageSink,
        grounding: Grounding,
        max_body_bytes: int = 1_048_576,
        pii: PiiGuard | None = None,
        safety: SafetyGuard | None = None,
        trail: AuditTrail | None = None,
        metrics: GatewayMetrics | None = None,
    ) -> None:
        self.engine = engine
        self._record_usage = record_usage
        self._grounding = grounding
        self._max_body = max_body_bytes
        self._pii = pii
        self._safety = safety
        self._trail = trail
        self._metrics = metrics

    def decode(self, body: bytes) -> ChatCompletionRequest:
        """The request, or 413 over the JSON body cap (uploads have a larger one), or 400."""
        if len(body) > self._max_body:
            raise PayloadTooLarge(
                f"request body is {len(body)} bytes; the limit is {self._max_body}"
            )
        return decode_chat_request(body)

    async def start(
        self,
        req: ChatCompletionRequest,
        principal: Principal,
        conversation: str | None = None,
        audit: RequestAudit | None = None,
    ) -> Turn:
        """Validate against the engine and enqueue; every refusal happens here, before streaming."""
        arrived = audit.started if audit is not None else time.perf_counter()
        if audit is not None:
            audit.model = req.model[:200]
        if req.model != self.engine.model_id:
            raise ModelNotFound(
                f"The model '{req.model}' does not exist; this server serves "
                f"'{self.engine.model_id}'",
                param="model",
            )
        params = to_sampling(req)
        prompt = await self._prompt(req, principal, conversation, audit)
        generation = await self.engine.generate(prompt.grounded, params)
        if self._metrics is not None:
            generation = self._metrics.timed(generation, arrived, req.stream)
        # Charged when the generation ends, whether or not the client is still there.
        generation.on_finished(
            lambda f: self._record_usage(principal, f.prompt_tokens + f.completion_tokens)
        )
        protected = prompt.protected
        turn = Turn(
            Completion(model=self.engine.model_id),
            generation,
            principal,
            [h.source() for h in prompt.hits],
            protected.counts if protected else None,
            protected.restorers if protected else None,
            audit=audit,
            protected=protected,
            answer=[] if audit is not None and audit.keep_text else None,
        )
        if self._safety is not None and prompt.checked is not None:
            system = [m.content for m in prompt.grounded if m.role in ("system", "developer")]
            turn.policy = prompt.checked.policy
            turn.output = self._safety.output_filter(principal, turn.policy, system)
        return turn

    async def _prompt(
        self,
        req: ChatCompletionRequest,
        principal: Principal,
        conversation: str | None,
        audit: RequestAudit | None,
    ) -> Prompt:
        """Input policy, retrieval, pseudonymization: the messages exactly as the model gets them.

        A blocked input raises before anything else runs. Retrieval searches with
        the client's question (policy-redacted, not pseudonymized); the passages
        are pseudonymized with the question's map afterwards.
        """
        messages = to_engine_messages(req.messages)
        checked = None
        if self._safety is not None:
            checked = await self._safety.check_input(principal, messages, audit)
            messages = checked.messages
        hits = await self._grounding.retrieve(principal, messages, req.collections)
        protected = None
        if self._pii is not None:  # from here on, only placeholders
            protected = await self._pii.protect(principal, messages, conversation)
            messages = protected.messages
            if self._metrics is not None:
                self._metrics.pseudonymized(protected.counts)
            hits = await self._pii.protect_hits(protected, hits)
        if self._safety is not None and checked is not None:
            counts = protected.counts if protected else None
            self._safety.record(
                principal, "input", checked.policy, checked.fired, entities=counts, also=audit
            )
        if audit is not None:
            note_prompt(audit, messages, hits, protected, req.collections)
        return Prompt(ground_messages(messages, hits), hits, protected, checked)

    async def _events(self, turn: Turn) -> AsyncIterator[GenerationEvent]:
        """Policy-checked events with PII restored; a blocked output ends in content_filter."""
        try:
            async for event in self._checked(turn):
                note_event(turn, event)
                if isinstance(event, Finished):
                    for tail in turn.restorers.flush() if turn.restorers else ():
                        yield tail
                    yield event
                elif turn.restorers is None:
                    yield event
                else:
                    restored = turn.restorers.event(event)
                    if not isinstance(restored, TextDelta) or restored.text:
                        yield restored
        finally:
            if self._safety is not None and turn.output is not None and turn.policy is not None:
                fired = turn.output.fired
                self._safety.record(
                    turn.principal, "output", turn.policy, fired, turn.blocked, also=turn.audit
                )

    async def _checked(self, turn: Turn) -> AsyncIterator[GenerationEvent]:
        """The generation's events after the output policy (all of them when there is none)."""
        output = turn.output
        if output is None:
            async for event in turn.generation:
                yield event
            return
        finished: Finished | None = None
        try:
            async for event in turn.generation:
                if isinstance(event, Finished):
                    finished = event
                    for released in await output.flush():
                        yield released
                    yield event
                else:
                    for released in await output.event(event):
                        yield released
        except OutputBlocked as blocked:
            turn.blocked = blocked.decision
            turn.generation.cancel()
            if finished is None:  # the rest is discarded; wait for the token counts
                async for event in turn.generation:
                    if isinstance(event, Finished):
                        finished = event
            assert finished is not None, "a generation always ends with Finished"
            yield Finished("content_filter", finished.prompt_tokens, finished.completion_tokens)

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
        await self._note_answer(turn)
        return {**turn.completion.body(answer, finished), **turn.extras(), **turn.stopped()}

    async def _note_answer(self, turn: Turn) -> None:
        """The answer as the model wrote it (placeholders, no restored values) for the audit;
        anything that still looks like PII is pseudonymized with the conversation's map."""
        if turn.audit is None or turn.answer is None:
            return
        text = "".join(turn.answer)
        if self._pii is not None and turn.protected is not None and text:
            text = await self._pii.pseudonymize_more(turn.protected, text)
        turn.audit.texts(answer=text)

    async def _seal(self, turn: Turn) -> bytes | None:
        """Chain a streamed answer's event before its finish chunk; an SSE error if that fails."""
        await self._note_answer(turn)
        if self._trail is None or turn.audit is None:
            return None
        try:
            await self._trail.write(turn.audit, 200)
        except AuditUnavailableError as exc:
            turn.audit.abandoned = True
            return sse(describe(exc)[1])
        return None

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
            refused = await self._seal(turn)
            if refused is not None:  # no finish, no [DONE]: the client knows it is incomplete
                yield refused
                return
            # An answer with no content (tool calls only, or a model that stopped at once)
            # still tells the client its sources and what was pseudonymized: at the finish.
            extras = {**turn.extras(), **turn.stopped()} if extras_pending else turn.stopped()
            yield completion.chunk({}, finish_reason=wire_finish_reason(finished), extras=extras)
            if include_usage:
                yield completion.chunk({}, usage_=usage(finished), with_choice=False)
        except EngineError as exc:  # the status line is sent; report in-band like OpenAI
            status, body = describe(exc)
            if turn.audit is not None:
                turn.audit.fail(status, error_code(body))
            yield sse(body)
        finally:
            generation.cancel()
        yield SSE_DONE
