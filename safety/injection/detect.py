"""The detector's entry point: normalise, scan, decode payloads, then the learned scorer."""

from __future__ import annotations

from safety.injection.classifier import classifier_span
from safety.injection.decoders import _blob_hits, _variants
from safety.injection.normalisation import _normalise_view, _View
from safety.injection.scan import InjectionHit, _merge, _scan


def injection_hits(text: str) -> list[InjectionHit]:
    """Every pattern family that fires on `text`, as spans of the original text.

    When no rule fires, the learned scorer gets its say (signal `classifier`, the window of
    sentences that scored over its threshold): the two are OR-ed, and the rules, which name
    what they saw, are reported when both would fire. An empty list means no known injection
    was found; it does not prove the text is safe. Overlapping hits of one signal are merged;
    the result is sorted by position.
    """
    if not text:
        return []
    view = _normalise_view(text)
    hits = _rule_hits(text, view)
    if not hits:
        span = classifier_span(view.text)
        if span is not None:
            first, last = view.origin(span[0]), view.origin(max(span[0], span[1] - 1))
            hits.append(InjectionHit("classifier", min(first, last), max(first, last) + 1))
    return _merge(hits)


def rule_hits(text: str) -> list[InjectionHit]:
    """The rule families alone (no learned scorer): for measuring each part on its own."""
    return _merge(_rule_hits(text, _normalise_view(text))) if text else []


def _rule_hits(text: str, view: _View) -> list[InjectionHit]:
    hits = _scan(view) + _blob_hits(text)
    for variant, whole in _variants(text, view):
        hits += [InjectionHit("encoded", h.start, h.end) for h in _scan(variant, whole)]
    return hits
