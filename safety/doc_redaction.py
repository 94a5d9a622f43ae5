"""PII redaction at ingest, for collections that must never hold personal data.

The chunks of one document share one map, so the same person is the same tag
in every chunk (the model can still tell people apart), and tags look like
`[PERSON_1]`, not like a conversation's `<PERSON_1>` placeholders: restoring a
chat answer must never turn a document's tag into a name from the prompt.
The map is dropped when the document is stored: nothing can restore it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from safety.checkers import Detector
from safety.vault import PLACEHOLDER, ConversationMap, pseudonymize


class DocumentRedactor:
    def __init__(self, detector: Detector) -> None:
        self._detector = detector

    def redact(self, texts: Sequence[str]) -> tuple[list[str], dict[str, int]]:
        mapping = ConversationMap()
        counts: dict[str, int] = {}
        out = []
        for text in texts:
            pseudo, found = pseudonymize(text, self._detector.detect(text), mapping)
            for entity, n in found.items():
                counts[entity] = counts.get(entity, 0) + n
            out.append(_as_tags(pseudo, mapping))
        return out, counts


def _as_tags(text: str, mapping: ConversationMap) -> str:
    """`<PERSON_1>` -> `[PERSON_1]` for the placeholders this document's map issued."""
    return PLACEHOLDER.sub(
        lambda m: f"[{m.group(1)}_{m.group(2)}]" if m.group(0) in mapping.backward else m.group(0),
        text,
    )


class LazyRedactor:
    """Loads Presidio (seconds) only when a document actually needs redacting: for the CLI."""

    def __init__(self, spacy_model: str, policy_file: Path | None) -> None:
        self._args = (spacy_model, policy_file)
        self._redactor: DocumentRedactor | None = None

    def redact(self, texts: Sequence[str]) -> tuple[list[str], dict[str, int]]:
        if self._redactor is None:
            from safety.policy import load_policy
            from safety.presidio_detector import PresidioDetector

            spacy_model, policy_file = self._args
            detector = PresidioDetector(spacy_model, load_policy(policy_file).pii)
            self._redactor = DocumentRedactor(detector)
        return self._redactor.redact(texts)
