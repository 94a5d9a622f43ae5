"""Which parts of a text spaCy's NER needs to read (pure functions, no spaCy).

Why: NER is most of the PII step's time (27 of 32 ms for 2,000 characters
with PyPI's spaCy wheels; still about two thirds of 12 ms with the ones
scripts/build-nlp compiles), and in English the people, places and
organisations it finds are capitalised. A sentence whose only capital is its first word, when that
word is one sentences commonly start with ("Please", "The", "Can"), holds
no name NER would find; its tokens are still scanned by every pattern
recognizer. Office prompts are mostly such sentences (two thirds of our
benign set), so NER reads about a third of a typical prompt. Name-dense text
gains nothing, and loses nothing either: every sentence with a capitalised
word is read, together with its neighbours when they are read too.
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?])\s+|\n+")  # "27.04.2024" or "v2.1" is no boundary
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")

# Common sentence openers in office prompts, lower-cased. A capitalised first word not
# listed here (a name such as "Grace" or "Paris") makes its sentence a candidate.
STARTERS = frozenset(
    """
    a about above according actually add additionally after afterwards again all also
    although an and another any anyway are as ask at attach be because before below
    best both but by calculate can change check choose collect compare confirm consider
    convert copy could create define delete describe did do does don't draft during each
    edit either email even every explain find first fix follow for format from generate
    get give going good great had has have having he hello help her here hey hi his how
    however i i'd i'll i'm i've if in include is isn't it it's its just keep kind last
    let let's list look make many maybe me meanwhile merge might more most move much
    must my need next no none not note now of off ok okay on once one only or other our
    outline overall perhaps please plus prepare print provide put quick quickly rank
    read recommend regards remind remove rename reply review rewrite same save say see
    send set several shall she should show since so some sort still suggest summarise
    summarize sure take tell thank thanks that that's the their them then there there's
    these they this those though thus to today translate turn two under unless until
    update use using very was we we're we've were what what's when where whether which
    while who why with within without would write yes yet you you're your
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line, in order, covering every non-blank part."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def may_name(sentence: str) -> bool:
    """Could NER find a person, place or organisation here? (see the module docstring)"""
    words = _WORD.findall(sentence)
    for i, word in enumerate(words):
        if not word[0].isupper() or word in ("I", "I'm", "I'd", "I'll", "I've"):
            continue
        if i == 0 and word.lower() in STARTERS:
            continue
        return True
    return False


def ner_spans(text: str) -> list[tuple[int, int]]:
    """The parts of `text` NER should read: candidate sentences, neighbours merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sentences(text):
        if not may_name(text[start:end]):
            continue
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
