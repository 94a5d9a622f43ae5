"""The detector's entry point: normalise, scan, decode payloads, then the learned scorer."""

from __future__ import annotations

from safety.injection.classifier import classifier_span
from safety.injection.decoders import _blob_hits, _variants
from safety.injection.disguise import disguise_span
from safety.injection.normalisation import _normalise_view, _View
from safety.injection.scan import InjectionHit, _merge, _scan


def injection_hits(text: str) -> list[InjectionHit]:
    """Every pattern family that fires on `text`, as spans of the original text.

    When no rule fires, a disguised text (leetspeak, full-width or zero-width characters…)
    with a risky verb-and-object pair fires `obfuscation`, and otherwise the learned scorer
    gets its say (signal `classifier`, the span that scored over its threshold): all are
    OR-ed, and the rules, which name what they saw, are reported when several would fire.
    An empty list means no known injection was found; it does not prove the text is safe.
    Overlapping hits of one signal are merged; the result is sorted by position.
    """
    if not text:
        return []
    view = _normalise_view(text)
    hits = _rule_hits(text, view)
    if not hits:
        hits = _hit("classifier", view, classifier_span(view.text))
    return _merge(hits)


def rule_hits(text: str) -> list[InjectionHit]:
    """The rules alone (no learned scorer): for measuring each part on its own."""
    return _merge(_rule_hits(text, _normalise_view(text))) if text else []


def _rule_hits(text: str, view: _View) -> list[InjectionHit]:
    hits = _scan(view) + _blob_hits(text)
    for variant, whole in _variants(text, view):
        hits += [InjectionHit("encoded", h.start, h.end) for h in _scan(variant, whole)]
    return hits or _hit("obfuscation", view, disguise_span(text, view))


def _hit(signal: str, view: _View, span: tuple[int, int] | None) -> list[InjectionHit]:
    """A hit for a span of normalised text, mapped back to the original ([] for no span)."""
    if span is None:
        return []
    first, last = view.origin(span[0]), view.origin(max(span[0], span[1] - 1))
    return [InjectionHit(signal, min(first, last), max(first, last) + 1)]
