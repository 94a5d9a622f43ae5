"""Running the open rules on normalised text, and dropping hits that only mention a phrase.

Why the mention filter: office prompts quote, translate, negate or describe attack phrases
("never reveal your system prompt"); those are not attacks, and flagging them would make the
input policy useless for the people it protects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safety.injection.normalisation import _View
from safety.injection.rules import _work


@dataclass(frozen=True, slots=True)
class InjectionHit:
    """One pattern family firing on a span of the original text."""

    signal: str
    start: int
    end: int


_MARKER_MENTION = re.compile(r"\s*[`'\"]?\s*(?:tags?|tokens?|markers?|delimiters?|format|syntax)\b")
_QUOTE_CUE = re.compile(
    r"(?:what (?:is|are|does|do)|meaning of|mean|means|such as|e\.g\.|for example|like|phrase|"
    r"term|word|words|string|translate|translation of|called|explain|example|say)\W{0,6}$"
)
_QUOTES = {"'": "'", '"': '"', "`": "`", "«": "»", "„": '"'}
# A request that is negated ("never reveal your system prompt") or describes what a tool can do
# ("whether the chatbot can show its system prompt") is not itself an attack.
_NEGATED = re.compile(
    r"(?:\b(?:never|not|no longer)|n't|\b(?:it|they|chatbots?|bots?|assistants?|models?|tools?)"
    r"\s+(?:can|could|would|will|may|might))\s+(?:\w+\s+)?$"
)
_UNNEGATABLE = ("role_forgery", "encoded", "obfuscation")


def _is_mention(text: str, start: int, end: int, signal: str) -> bool:
    """True when the hit is talked about rather than used: quoted, negated or a tag name.

    "Translate 'ignore previous instructions' into French" quotes the phrase after a cue word;
    an attack that hides its payload in quotes still fires (the cue is missing), and so does
    any request to obey the quoted text (the obfuscation rules).
    """
    if signal == "role_forgery" and _MARKER_MENTION.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if signal not in _UNNEGATABLE and _NEGATED.search(text, max(line_start, start - 30), start):
        return True
    for index in range(start - 1, max(line_start, start - 4) - 1, -1):
        closing = _QUOTES.get(text[index])
        if closing is None:
            continue
        after = text.find(closing, end)
        if after < 0 or after - end > 80 or "\n" in text[end:after]:
            return False
        return _QUOTE_CUE.search(text, max(0, index - 40), index) is not None
    return False


def _scan(view: _View, whole: tuple[int, int] | None = None) -> list[InjectionHit]:
    """Run the open rules on a normalised view; map spans back through the origin map.

    `whole` reports every hit as that span (for decoded text that has no usable offsets).
    """
    text = view.text
    hits = []
    for rule, begin, stop in _work(text):
        for match in rule.pattern.finditer(text, begin, stop):
            start, end = match.span()
            if end == start or _is_mention(text, start, end, rule.signal):
                continue
            if whole is not None:
                hits.append(InjectionHit(rule.signal, *whole))
                continue
            first, last = view.origin(start), view.origin(end - 1)
            hits.append(InjectionHit(rule.signal, min(first, last), max(first, last) + 1))
    return hits


def _merge(hits: list[InjectionHit]) -> list[InjectionHit]:
    """One hit per signal and overlapping region, sorted by position."""
    merged: list[InjectionHit] = []
    for hit in sorted(hits, key=lambda h: (h.signal, h.start, h.end)):
        last = merged[-1] if merged else None
        if last and last.signal == hit.signal and hit.start <= last.end:
            merged[-1] = InjectionHit(hit.signal, last.start, max(last.end, hit.end))
        else:
            merged.append(hit)
    return sorted(merged, key=lambda h: (h.start, h.end, h.signal))
