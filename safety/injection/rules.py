"""Compiling the rule tables, and choosing which rules to run on which sentences.

Speed: Python's regex engine pays for every alternative at every position, so each rule
carries a gate, the word stems it cannot match without, and runs only on the sentences that
have them.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from safety.injection import (
    rules_general,
    rules_leak,
    rules_override,
    rules_paraphrase,
    rules_persona,
)
from safety.injection.vocab import _VOCAB, _expand

# Rules: "signal: gate" ("  + " lines continue the gate), then the pattern on indented lines,
# joined without their indent. Gate groups are separated by " | "; each group needs one of its
# words (compared on the first four letters) in the sentence, or one of its literals: ~text is
# a substring, ~~text a regex. NAME stands for a vocabulary's gate words and <NAME> in a
# pattern for its alternation. A gate starting with '*', or with a literal, runs on the whole
# text instead of sentence by sentence. Patterns describe phrasing families, never a row.
# The tables live in rules_override, rules_leak, rules_persona and rules_paraphrase; blank
# lines between them are ignored, and their order (which sets the gate bits) is the original
# single table's, with rules_paraphrase and rules_general appended.
_TABLE = "\n".join(
    (
        rules_override.TABLE,
        rules_leak.TABLE,
        rules_persona.TABLE,
        rules_paraphrase.TABLE,
        rules_general.TABLE,
    )
)


def _parse(table: str) -> list[tuple[str, str, str]]:
    """(signal, gate spec, pattern) per rule of the tables."""
    rules: list[tuple[str, list[str], list[str]]] = []
    for line in filter(str.strip, table.splitlines()):
        if not line.startswith(" "):
            signal, spec = line.split(": ", 1)
            rules.append((signal, [spec], []))
        elif line.startswith("  + "):
            rules[-1][1].append(line[4:])
        else:
            rules[-1][2].append(line[2:])
    return [(signal, " ".join(spec), "".join(parts)) for signal, spec, parts in rules]


_STEM = 4  # gate words match on their first four letters: "ignoring" opens "ignore" rules
_PUNCTUATION = str.maketrans({c: " " for c in string.punctuation if c != "_"})
_PUNCT_RE = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class _Literals:
    """Substrings (~x) and regexes (~~x) that open a gate group; cheap checks first."""

    by_first_char: tuple[tuple[str, tuple[str, ...]], ...]
    regex: re.Pattern[str] | None
    ascii_only: bool  # False when every literal is non-ASCII: skip on ASCII text

    def found(self, text: str) -> bool:
        if not self.ascii_only and text.isascii():
            return False
        for char, literals in self.by_first_char:
            if char in text and any(literal in text for literal in literals):
                return True
        return self.regex is not None and self.regex.search(text) is not None


def _literals(tokens: list[str]) -> _Literals:
    plain = [t[1:] for t in tokens if not t.startswith("~~")]
    regexes = [t[2:] for t in tokens if t.startswith("~~")]
    firsts = {p[0] for p in plain}
    grouped = tuple((c, tuple(p for p in plain if p[0] == c)) for c in sorted(firsts))
    regex = re.compile("|".join(regexes)) if regexes else None
    return _Literals(grouped, regex, any(t.isascii() for t in tokens))


@dataclass(frozen=True, slots=True)
class _Rule:
    """One compiled pattern and the word stems it cannot match without.

    Each gate group is a bit; a sentence's bits are the OR over its words, so checking a rule
    is one AND. Sentence rules run per sentence, and only where every group has a word,
    which keeps the work on ordinary prompts small. Text rules (gate spec starting with '*',
    or a first group of ~literals) may span sentences and run on the whole text when all
    their groups are present anywhere.
    """

    signal: str
    need: int  # bits of the groups made of words only
    mixed: tuple[tuple[int, _Literals], ...]  # groups with ~literals: (bit of their words, ...)
    pattern: re.Pattern[str]
    whole_text: bool

    def open(self, bits: int, text: str) -> bool:
        return bits & self.need == self.need and all(
            bits & bit or literals.found(text) for bit, literals in self.mixed
        )


_STEM_BITS: dict[str, int] = {}
_FIRST_BITS: dict[int, int] = {}  # bit of a sentence rule's first group -> rule index
_GROUP_BITS: list[int] = []  # one entry per word group; its length is the next free bit


def _rule(index: int, signal: str, spec: str, pattern: str) -> _Rule:
    """Compile one rule and register the stems of its gate words."""
    need, mixed = 0, []
    groups = [group.split() for group in spec.lstrip("*").split(" | ")]
    for tokens in groups:
        words = [w for t in tokens for w in (_VOCAB[t][1].split() if t.isupper() else [t])]
        bit = 0
        if any(not w.startswith("~") for w in words):
            bit = 1 << len(_GROUP_BITS)
            _GROUP_BITS.append(index)
        for word in (w.lower()[:_STEM] for w in words if not w.startswith("~")):
            _STEM_BITS[word] = _STEM_BITS.get(word, 0) | bit
        literals = [w for w in words if w.startswith("~")]
        if literals:
            mixed.append((bit, _literals(literals)))
        else:
            need |= bit
    whole_text = spec.startswith("*") or any(w.startswith("~") for w in groups[0])
    if not whole_text:
        _FIRST_BITS[need & -need] = index
    expanded = _expand(pattern)
    return _Rule(signal, need, tuple(mixed), re.compile(expanded, re.MULTILINE), whole_text)


_COMPILED = tuple(_rule(i, *rule) for i, rule in enumerate(_parse(_TABLE)))
_TEXT_RULES = tuple(r for r in _COMPILED if r.whole_text)
_FIRST_MASK = sum(_FIRST_BITS)
# Sentence ends: "?", "!", a newline, or a full stop after a word of two or more letters (so
# "p.s." and "e.g." do not split), each followed by whitespace.
_SENTENCE_END = re.compile(r"[\n?!.](?:(?<=\n)|(?=\s)(?:(?<=[?!])|(?<=[^\W\d_]{2}\.)))")


def _work(text: str) -> list[tuple[_Rule, int, int]]:
    """(rule, start, end) for every rule worth running, and where to run it."""
    # One to one, so sentence offsets carry over; translate() is slow on non-ASCII text.
    words = text.translate(_PUNCTUATION) if text.isascii() else _PUNCT_RE.sub(" ", text)
    work: list[tuple[_Rule, int, int]] = []
    every = start = 0
    stem_bits = _STEM_BITS.get
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        bits = 0
        for word in words[start:end].split():
            bits |= stem_bits(word[:_STEM], 0)
        every |= bits
        candidates = bits & _FIRST_MASK
        while candidates:
            low = candidates & -candidates
            candidates ^= low
            rule = _COMPILED[_FIRST_BITS[low]]
            if bits & rule.need == rule.need and (
                not rule.mixed or rule.open(bits, text[start:end])
            ):
                work.append((rule, start, end))
        start = end
    work += [(r, 0, len(text)) for r in _TEXT_RULES if r.open(every, text)]
    return work
