"""Obfuscation as evidence: text that hides its letters and then asks for something risky.

Why: "disable the filters" is an ordinary request about Excel, but nobody writes it in
full-width letters, with zero-width characters between its letters, with Cyrillic letters
inside Latin words, in leetspeak or letter by letter for an honest reason. When the prompt was
disguised (the normalised text differs from the typed one in more than case, blanks and
hyphens, or holds such characters), a plain verb-and-object pair about the rules, the prompt
or the data is enough to fire, where the rule tables would want more context.
"""

from __future__ import annotations

import re

from safety.injection.normalisation import _View

_EXOTIC = re.compile(
    "[\uff01-\uff5e\u200b-\u200d\u2060\ufeff\u00ad\U0001d400-\U0001d7ff\U000e0020-\U000e007e]"
)
_MIXED_SCRIPT = re.compile(
    r"[a-zA-Z][\u0370-\u03ff\u0400-\u04ff]|[\u0370-\u03ff\u0400-\u04ff][a-zA-Z]"
)
_SQUASH = re.compile(r"[\s\-_.]+")
_PAIR = re.compile(
    r"\b(?:ignore|disregard|forget|disable|bypass|skip|override|reveal|show|print|dump|leak|"
    r"send|turn off|switch off|remove)\b[^.\n]{0,40}?\b(?:rules|instructions|filters?|prompt|"
    r"guidelines|restrictions|safety|safeguards|guardrails|vault|passwords?|secrets?|"
    r"polic(?:y|ies)|conversation|history|configuration|redaction|masking)\b"
)


def disguise_span(text: str, view: _View) -> tuple[int, int] | None:
    """The span of normalised text with a risky verb-and-object pair whose letters were hidden."""
    for match in _PAIR.finditer(view.text):
        start, end = match.span()
        first, last = view.origin(start), view.origin(end - 1)
        typed = text[min(first, last) : max(first, last) + 1]
        if _hidden(typed, match.group()):
            return start, end
    return None


def _hidden(typed: str, normalised: str) -> bool:
    """True when the typed words hide letters that normalisation had to recover."""
    if typed.isascii():
        return _SQUASH.sub("", normalised) != _SQUASH.sub("", typed.lower())
    return bool(_EXOTIC.search(typed) or _MIXED_SCRIPT.search(typed))
