"""Encoded payloads: decode them and scan the result with the same rules.

Payloads hidden as base64, hex, binary, Morse, ROT13, reversed text, pig latin or string
concatenation are decoded (the last four only when the prompt hints at them, in a window
around the hint) and scanned with the same patterns; a payload that fires is an `encoded` hit.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from collections.abc import Callable

from safety.injection.normalisation import _LEXICON, _normalise_view, _rewrite, _View
from safety.injection.scan import InjectionHit, _scan

_B64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
_HEX = re.compile(r"(?:(?:\\x|0x)?[2-7][0-9a-fA-F][\s:,]?){10,}")
_BINARY = re.compile(r"(?:[01]{8}\s?){6,}")
_MORSE = re.compile(r"(?:[.\-·•]{1,7}(?:[ \t]+/?[ \t]*|/)){5,}[.\-·•]{1,7}")
_ROT13_HINT = re.compile(r"\brot ?-?13\b|\bcaesar\b")
_REVERSE_HINTS = ("revers", "backward", "right to left", "snoitcurtsni", "erongi", "tpmorp")
_REVERSE_HINT = re.compile(
    r"\brevers\w*\s+(?:this|these|that|it\b|each|every|the (?:following|text|string|letters|"
    r"characters|sentence|message|words|line))|\bbackwards?\b|\bright to left\b|snoitcurtsni|"
    r"\berongi\b|\btpmorp\b|\bsuoiverp\b|\bmetsys\b"
)
_PIG_HINTS = ("pig latin", "piglatin", "igpay")
_PIG_HINT = re.compile(r"pig ?latin|igpay")
_BEFORE_HINT, _AFTER_HINT = 400, 1600  # characters around a decoding hint that get decoded
_PIG_WORD = re.compile(r"\b([a-z]+?)(w?ay)\b")
_CONCAT_HINT = re.compile(
    r"[\w'\"]\s*\+\s*[\w'\"]|\b(?:concatenat|combin|join|merg|assembl)\w*|put together"
)
_CONCAT_HINTS = ("+", "concat", "join", "combin", "merg", "assembl", "together")
_LITERAL = re.compile(r"'([^'\n]*)'|\"([^\"\n]*)\"")
_MORSE_CODE = dict(
    zip(
        [
            ".-",
            "-...",
            "-.-.",
            "-..",
            ".",
            "..-.",
            "--.",
            "....",
            "..",
            ".---",
            "-.-",
            ".-..",
            "--",
            "-.",
            "---",
            ".--.",
            "--.-",
            ".-.",
            "...",
            "-",
            "..-",
            "...-",
            ".--",
            "-..-",
            "-.--",
            "--..",
            "-----",
            ".----",
            "..---",
            "...--",
            "....-",
            ".....",
            "-....",
            "--...",
            "---..",
            "----.",
        ],
        "abcdefghijklmnopqrstuvwxyz0123456789",
        strict=True,
    )
)


def _printable(raw: bytes) -> str | None:
    """The decoded text if it reads like language, else None (hashes, binary noise)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    readable = sum(c.isprintable() or c in "\n\t" for c in text)
    return text if " " in text and readable >= 0.95 * len(text) else None


def _from_b64(blob: str) -> str | None:
    blob = blob.rstrip("=")
    padded = blob + "=" * (-len(blob) % 4)
    try:
        if "-" in blob or "_" in blob:
            return _printable(base64.urlsafe_b64decode(padded))
        return _printable(base64.b64decode(padded, validate=True))
    except (binascii.Error, ValueError):
        return None


def _from_hex(blob: str) -> str | None:
    digits = re.sub(r"\\x|0x|[^0-9a-fA-F]", "", blob)
    return _printable(bytes.fromhex(digits)) if len(digits) % 2 == 0 else None


def _from_binary(blob: str) -> str | None:
    bits = re.sub(r"\s", "", blob)
    return _printable(bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits) - 7, 8)))


def _from_morse(blob: str) -> str | None:
    words = re.split(r"\s*/\s*|\s{3,}", blob.replace("·", ".").replace("•", "."))
    return " ".join("".join(_MORSE_CODE.get(s, "?") for s in word.split()) for word in words)


_KNOWN = frozenset(_LEXICON)
_WORD = re.compile(r"[^\W\d_]+")


def _unpig(match: re.Match[str]) -> str:
    """'eviouspray' -> 'previous': move trailing consonants back to the front.

    How many moved is ambiguous ('isregardday' is 'disregard' + 'ay', not 'dd' + 'isregar'):
    a move that gives a word the rules know wins, else up to two consonants move.
    """
    stem, suffix = match.groups()
    if suffix == "way" or len(stem) < 2:
        return stem
    cut = len(stem)
    while cut > 1 and len(stem) - cut < 3 and stem[cut - 1] not in "aeiou":
        cut -= 1
        if stem[cut:] + stem[:cut] in _KNOWN:
            return stem[cut:] + stem[:cut]
    cut = len(stem)
    while cut > 1 and len(stem) - cut < 2 and stem[cut - 1] not in "aeiou":
        cut -= 1
    return stem[cut:] + stem[:cut]


_BLOBS: tuple[tuple[re.Pattern[str], Callable[[str], str | None], Callable[[str], bool]], ...] = (
    (_B64, _from_b64, lambda t: max(map(len, t.split()), default=0) >= 16),
    (_HEX, _from_hex, lambda t: t.count("6") + t.count("7") >= 10),
    (_BINARY, _from_binary, lambda t: ("0110" in t or "0111" in t) and t.count("0") >= 24),
    (_MORSE, _from_morse, lambda t: t.count(".-") + t.count("-.") >= 3),
)


def _fires(payload: str) -> bool:
    """True when decoded text fires a family; offsets are meaningless, so none are kept."""
    return bool(_scan(_normalise_view(payload), (0, 0)))


def _blob_hits(text: str) -> list[InjectionHit]:
    """Hits for base64, hex, binary and Morse runs whose decoded text fires a family."""
    hits = []
    for pattern, decode, worth_trying in _BLOBS:
        if not worth_trying(text):
            continue
        for match in pattern.finditer(text):
            payload = decode(match.group())
            if payload and _fires(payload):
                hits.append(InjectionHit("encoded", *match.span()))
    return hits


def _window(view: _View, text: str, hint: re.Match[str]) -> tuple[int, int]:
    """The part of the original around a hint that a transformation is applied to."""
    at = view.origin(hint.start())
    return max(0, at - _BEFORE_HINT), min(len(text), at + _AFTER_HINT)


def _variants(text: str, view: _View) -> list[tuple[_View, tuple[int, int] | None]]:
    """Transformations the prompt itself hints at: ROT13, reversal, pig latin, concatenation.

    Each is applied to a window around its hint, which bounds the cost on long texts.
    """
    norm = view.text
    out: list[tuple[_View, tuple[int, int] | None]] = []
    hint = ("rot" in norm or "caesar" in norm) and _ROT13_HINT.search(norm)
    if hint:
        start, end = _window(view, text, hint)
        rot = codecs.encode(text[start:end], "rot13")
        out.append((_normalise_view(rot, offset=start), None))
    hint = any(h in norm for h in _REVERSE_HINTS) and _REVERSE_HINT.search(norm)
    if hint:
        start, end = _window(view, text, hint)
        out.append((_normalise_view(text[start:end][::-1], True, start), None))
        # "erongi ruoy selur": each word reversed in place, word order kept
        words = _WORD.sub(lambda m: m.group()[::-1], text[start:end])
        out.append((_normalise_view(words), (start, end)))
    hint = any(h in norm for h in _PIG_HINTS) and _PIG_HINT.search(norm)
    if hint:
        start, end = _window(view, text, hint)
        plain = _normalise_view(text[start:end], offset=start)
        out.append((_rewrite(plain, _PIG_WORD, _unpig), None))
    quotes = norm.count("'") + norm.count('"')
    hint = quotes >= 4 and any(h in norm for h in _CONCAT_HINTS) and _CONCAT_HINT.search(norm)
    if hint:
        start, end = _window(view, text, hint)
        joined = "".join(a or b for a, b in _LITERAL.findall(text[start:end]))
        out.append((_normalise_view(joined), (start, end)))
    return out
