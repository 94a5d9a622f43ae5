"""What a chat request tells the audit log: sources, PII counts, tokens, kept text.

Only metadata, and text only in the form the model saw it (placeholders, no
restored values), and only when the deployment keeps text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from engine.protocol import ChatMessage, Finished, GenerationEvent, TextDelta
from gateway.audit_context import RequestAudit
from gateway.pii import Protected
from retrieval.service import Hit

if TYPE_CHECKING:
    from gateway.chat import Turn


def note_prompt(
    audit: RequestAudit,
    messages: Sequence[ChatMessage],
    hits: Sequence[Hit],
    protected: Protected | None,
    requested: Sequence[str] | None,
) -> None:
    """`messages` are as the model gets them: policy-redacted, then pseudonymized."""
    audit.sources(
        [*(requested or ()), *(h.collection for h in hits)], [h.document_id for h in hits]
    )
    if protected is not None:
        audit.entities(protected.counts)
    last_user = next((m.content for m in reversed(messages) if m.role == "user"), None)
    audit.texts(prompt=last_user)


def note_event(turn: Turn, event: GenerationEvent) -> None:
    """Token counts from the end of the generation; the answer text as it streams by."""
    if turn.audit is None:
        return
    if isinstance(event, Finished):
        turn.audit.tokens(event.prompt_tokens, event.completion_tokens)
    elif turn.answer is not None and isinstance(event, TextDelta) and event.channel == "content":
        turn.answer.append(event.text)
