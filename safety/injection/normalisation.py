"""Text normalisation: the text the rule patterns see, and the way back to the original.

Text is first normalised so that one pattern covers its obfuscated variants: compatibility
forms, accents, invisible characters, homoglyphs, letter spacing, hyphenation and leetspeak.
Normalisation records its edits, so hits map back to offsets in the original text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_Edit = tuple[int, int, int, int]  # new start, new end, old start, old end


@dataclass(frozen=True, slots=True)
class _View:
    """Normalised text plus the edits that produced it, to map offsets back on demand.

    Recording edits (not a per-character origin list) keeps normalisation cheap: offsets
    are only needed for hits, and most prompts have none. `offset` and `reverse` describe
    where the normalised input sat in the original (a window of it, possibly reversed).
    """

    text: str
    stages: tuple[tuple[tuple[int, ...], tuple[_Edit, ...]], ...] = ()
    size: int = 0  # length of the input before normalisation
    offset: int = 0
    reverse: bool = False

    def origin(self, pos: int) -> int:
        for starts, edits in reversed(self.stages):
            pos = _back(starts, edits, pos)
        return self.offset + (self.size - 1 - pos if self.reverse else pos)

    def replace(self, text: str, edits: list[_Edit]) -> _View:
        if not edits:
            return _View(text, self.stages, self.size, self.offset, self.reverse)
        stage = (tuple(e[0] for e in edits), tuple(edits))
        return _View(text, (*self.stages, stage), self.size, self.offset, self.reverse)


def _back(starts: tuple[int, ...], edits: tuple[_Edit, ...], pos: int) -> int:
    """Map a position through one stage of edits, proportionally inside a rewritten span."""
    index = bisect.bisect_right(starts, pos) - 1
    if index < 0:
        return pos
    new_start, new_end, old_start, old_end = edits[index]
    if pos >= new_end:
        return pos - new_end + old_end
    scale = (old_end - old_start - 1) / max(1, new_end - new_start - 1)
    return old_start + round((pos - new_start) * scale)


_ESCAPES = re.compile(r"%[2-7][0-9a-f]|&#(?:x[0-9a-f]{2,4}|\d{2,5});|\\u[0-9a-f]{4}", re.I)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_LATIN = re.compile(r"[a-z]")
_CYRILLIC_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]+")
# Cyrillic and Greek letters that look like Latin ones, lower case (text is casefolded first).
_HOMOGLYPHS = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u04bb\u04cf\u051b"
    "\u051d\u0442\u043c\u043d\u0432\u043a\u03b1\u03bf\u03c1\u03c4\u03c5\u03c7\u03b9\u03ba"
    "\u03bd\u03b5\u0261",
    "aeopcyxijsdhlqwtmhbkaoptuxikveg",
)
_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-"}
)
_SPACED_GATE = re.compile(
    r" [a-z0-9] {1,2}[a-z0-9] |[.\-_*|~+/][a-z0-9][.\-_*|~+/][a-z0-9][.\-_*|~+/]"
)
_SPACED = re.compile(
    r"(?<![\w.\-])[a-z0-9](?P<sep> {1,2}|[.\-_*|~+/])[a-z0-9](?:(?P=sep)[a-z0-9])+(?![\w\-]|\.\w)"
)
_HYPHEN = re.compile(r"[-+_](?<=[a-z][-+_])(?=[a-z])")
_SPACE = re.compile(r"\s{2,}|[^\S ]")
_BLANKS = (
    "  ",
    "\n",
    "\t",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x1f",
    "\x85",
    "\u2028",
    "\u2029",
)
# Chat spellings of the words the rules are built from ("ignore ur rules", "wat u were told").
_CHAT_WORDS = {
    "u": "you",
    "ur": "your",
    "urs": "yours",
    "wat": "what",
    "whats": "what's",
    "plz": "please",
    "pls": "please",
    "dont": "don't",
    "ure": "you're",
    "youre": "you're",
    "ive": "i've",
    "bc": "because",
    "tho": "though",
}
_CHAT = re.compile(r"(?<![\w'@./-])(?:" + "|".join(_CHAT_WORDS) + r")(?![\w'@/-]|\.\w)")
_CHAT_GATE = re.compile(r"\b(?:u|ur|urs|wat|whats|plz|pls|dont|ure|youre|ive|bc|tho)\b")
_LEET_SEED = re.compile(r"[013457@$!](?:(?<=[a-z].)|(?=[a-z]))")
_LEET_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789@$!"
_HEXLIKE = re.compile(r"[0-9a-f]{6,}")  # hashes and ids are not leetspeak
_LEET_EDGE = re.compile(r"[0-9]+[a-z]+|[a-z]+[0-9]+")
_LEET = str.maketrans("103547@$!", "ioesatasi")
_LEXICON = sorted(
    set(
        [
            "ignore",
            "all",
            "any",
            "previous",
            "prior",
            "above",
            "instructions",
            "rules",
            "reveal",
            "show",
            "print",
            "your",
            "you",
            "the",
            "system",
            "prompt",
            "and",
            "me",
            "now",
            "are",
            "disregard",
            "forget",
            "guidelines",
            "developer",
            "mode",
            "hidden",
            "secret",
            "passwords",
            "names",
            "real",
            "send",
            "to",
            "of",
            "in",
            "no",
            "restrictions",
            "filters",
            "safety",
            "disable",
            "act",
            "as",
            "pretend",
            "output",
            "repeat",
            "text",
            "everything",
            "initial",
            "tell",
            "what",
            "is",
            "dan",
            "jailbreak",
            "unrestricted",
            "enable",
            "override",
            "admin",
            "data",
            "conversation",
            "chat",
            "history",
            "email",
            "keys",
            "bypass",
        ]
    ),
    key=len,
    reverse=True,
)
_fold_cache: dict[str, str] = {}


def _rewrite(view: _View, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> _View:
    """re.sub that records its edits."""
    text = view.text
    pieces: list[str] = []
    edits: list[_Edit] = []
    pos = shift = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        new = repl(match)
        if new == match.group():
            continue
        pieces += (text[pos:start], new)
        edits.append((start + shift, start + shift + len(new), start, end))
        shift += len(new) - (end - start)
        pos = end
    if not pieces:
        return view
    pieces.append(text[pos:])
    return view.replace("".join(pieces), edits)


def _fold_char(char: str) -> str:
    """Compatibility-fold, strip accents and invisible format characters, casefold."""
    folded = _fold_cache.get(char)
    if folded is None:
        code = ord(char)
        if 0xE0020 <= code <= 0xE007E:  # Unicode tag characters smuggle invisible ASCII
            folded = chr(code - 0xE0000).lower()
        elif unicodedata.category(char) == "Cf":
            folded = ""
        elif code < 0x530 or 0x1E00 <= code < 0x2000:  # Latin, Greek, Cyrillic: drop accents
            decomposed = unicodedata.normalize("NFKD", char.translate(_TYPOGRAPHY))
            folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        else:  # other scripts keep their marks (kana voicing, Hangul syllables, viramas)
            folded = unicodedata.normalize("NFKC", char.translate(_TYPOGRAPHY)).casefold()
            if folded.isascii():
                folded = folded.lower()
        _fold_cache[char] = folded
    return folded


def _fold(view: _View) -> _View:
    """Lower ASCII in bulk; fold the non-ASCII characters one by one (cached)."""
    text = view.text
    if text.isascii():
        return view.replace(text.lower(), [])
    pieces: list[str] = []
    edits: list[_Edit] = []
    pos = shift = 0
    for match in _NON_ASCII.finditer(text):
        start, end = match.span()
        pieces.append(text[pos:start].lower())
        for index in range(start, end):
            folded = _fold_char(text[index])
            pieces.append(folded)
            if len(folded) != 1:
                edits.append((index + shift, index + shift + len(folded), index, index + 1))
                shift += len(folded) - 1
        pos = end
    pieces.append(text[pos:].lower())
    return view.replace("".join(pieces), edits)


def _word_around(text: str, start: int, end: int, chars: str | None = None) -> tuple[int, int]:
    """Grow text[start:end] to the whole word (letters, or the given characters)."""
    inside = str.isalpha if chars is None else chars.__contains__
    while start > 0 and inside(text[start - 1]):
        start -= 1
    while end < len(text) and inside(text[end]):
        end += 1
    return start, end


def _unconfuse(text: str) -> str:
    """Map Cyrillic/Greek look-alikes to Latin inside words that are really Latin words."""
    if text.isascii():
        return text
    runs = [m.span() for m in _CYRILLIC_GREEK.finditer(text)]
    if not runs:
        return text
    latin_text = 3 * sum(end - start for start, end in runs) < len(text)
    pieces: list[str] = []
    pos = 0
    for start, end in runs:
        if start < pos:
            continue
        start, end = _word_around(text, start, end)
        word = text[start:end]
        mapped = word.translate(_HOMOGLYPHS)
        if _LATIN.search(word) or (latin_text and mapped.isascii()):
            pieces += (text[pos:start], mapped)
            pos = end
    return "".join(pieces) + text[pos:] if pieces else text  # one to one: offsets unchanged


def _unleet(text: str) -> str:
    """Undo leetspeak in mixed tokens; plain numbers and codes like 'mp3' or '10am' survive.

    Edge tokens (digits at one end only) are decoded only when the text is clearly leet,
    i.e. it has two or more words with digits inside them.
    """
    spans: dict[int, int] = {}
    for seed in _LEET_SEED.finditer(text):
        start, end = _word_around(text, seed.start(), seed.end(), _LEET_CHARS)
        while end > start and text[end - 1] == "!":
            end -= 1
        token = text[start:end]
        leet = any(c in "013457@$!" for c in token)
        if leet and _leet_token_ok(text, start, end) and not _HEXLIKE.fullmatch(token):
            spans[start] = end
    if not spans:
        return text
    tokens = {start: text[start:end] for start, end in spans.items()}
    heavy = sum(not _LEET_EDGE.fullmatch(t) and _letters(t) >= 2 for t in tokens.values()) >= 2
    pieces: list[str] = []
    pos = 0
    for start, token in sorted(tokens.items()):
        edge = _LEET_EDGE.fullmatch(token) is not None
        plain = not edge and _letters(token) >= 2 and "!" not in token
        if (heavy and _letters(token) >= 1) or plain:
            pieces += (text[pos:start], token.translate(_LEET))
            pos = start + len(token)
    return "".join(pieces) + text[pos:]  # one to one: offsets unchanged


def _leet_token_ok(text: str, start: int, end: int) -> bool:
    """A leet candidate must be a free-standing word, not part of an email, URL or path."""
    before = text[start - 1] if start else " "
    after = text[end : end + 2] + "  "
    if before.isalnum() or before in "_@$!./:-":
        return False
    if after[0].isalnum() or after[0] in "_@$-" or (after[0] in "./" and after[1].isalnum()):
        return False
    return any(c.isalpha() for c in text[start:end])


def _letters(token: str) -> int:
    return sum(c.isalpha() for c in token)


def _segment(letters: str) -> str:
    """Split a run like 'ignoreallprevious' back into words where the lexicon allows."""
    best: list[tuple[int, str]] = [(0, "")] + [(len(letters) + 1, "")] * len(letters)
    for end in range(1, len(letters) + 1):
        cost, text = best[end - 1]
        best[end] = (cost + 1, text + letters[end - 1])
        for word in _LEXICON:
            start = end - len(word)
            if start >= 0 and letters[start:end] == word and best[start][0] < best[end][0]:
                best[end] = (best[start][0], f"{best[start][1]} {word}")
    return best[-1][1].strip()


def _unspace(match: re.Match[str]) -> str:
    run = match.group()
    letters = re.sub(r"[^a-z0-9]", "", run)
    if _letters(letters) < 2:
        return run
    return _segment(letters) if match.group("sep") == " " and len(letters) >= 10 else letters


def _unescape(match: re.Match[str]) -> str:
    token = match.group()
    if token[0] == "%":
        return chr(int(token[1:], 16))
    if token[0] == "\\":
        return chr(int(token[2:], 16))
    code = int(token[3:-1], 16) if token[2] in "xX" else int(token[2:-1])
    return chr(code) if code < 0x110000 else token


def _normalise_view(text: str, reverse: bool = False, offset: int = 0) -> _View:
    """Normalise `text` (given reversed when `reverse`), keeping the way back to offsets."""
    view = _View(text, (), len(text), offset, reverse)
    if "%" in text or "&#" in text or "\\u" in text:
        view = _rewrite(view, _ESCAPES, _unescape)
    view = _fold(view)
    view = view.replace(_unleet(_unconfuse(view.text)), [])
    if _SPACED_GATE.search(view.text):
        spaced = view
        view = _rewrite(view, _SPACED, _unspace)
        if view is not spaced:  # "r 3 v 3 4 l" is leet only once its letters are joined
            view = view.replace(_unleet(view.text), [])
    if "-" in view.text or "+" in view.text or "_" in view.text:
        view = _rewrite(view, _HYPHEN, lambda m: "" if m.group() == "-" else " ")
    if _CHAT_GATE.search(view.text):
        view = _rewrite(view, _CHAT, lambda m: _CHAT_WORDS[m.group()])
    if any(blank in view.text for blank in _BLANKS):
        view = _rewrite(view, _SPACE, lambda m: "\n" if "\n" in m.group() else " ")
    return view


def normalise(text: str) -> str:
    """The text the patterns see: folded, de-obfuscated, whitespace collapsed."""
    return _normalise_view(text).text
