"""The detector's entry point: normalise, scan, decode payloads, merge."""

from __future__ import annotations

from safety.injection.decoders import _blob_hits, _variants
from safety.injection.normalisation import _normalise_view
from safety.injection.scan import InjectionHit, _merge, _scan


def injection_hits(text: str) -> list[InjectionHit]:
    """Every pattern family that fires on `text`, as spans of the original text.

    An empty list means no known injection phrasing was found; it does not prove the text
    is safe. Overlapping hits of one signal are merged; the result is sorted by position.
    """
    if not text:
        return []
    view = _normalise_view(text)
    hits = _scan(view) + _blob_hits(text)
    for variant, whole in _variants(text, view):
        hits += [InjectionHit("encoded", h.start, h.end) for h in _scan(variant, whole)]
    return _merge(hits)
