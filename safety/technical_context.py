"""Is a PERSON or LOCATION finding part of code or a software name? (pure functions)

Why: spaCy's small model reads capitalised software words as people and
places ("Restart Celery after ...", "Java 17 is required", "macOS Sonoma
broke ...", "InvoiceService.Calculate()"). The product list
(safety/technical_names.txt) covers names it holds; the rules here look at
the shape of the finding and at the characters and words around it, so they
also cover names the list does not hold, among them names that are people's
names too (Jackson, Julia), which the list leaves off:

- its shape: an inner capital (TensorFlow, LastName) that is not a name
  prefix (McDonald, DeShawn, LaToya), or a digit (OPS-118);
- code around it: glued to `.`, `/`, `(`, `::`, `=` and the like, or inside
  a `backtick` span;
- a version after it ("Julia 1.10", "Java 17"), a product name right before
  it ("Apache Kafka", "Azure West Europe"), or a noun for a software part
  after it ("the Jackson dependency", "Celery workers");
- a thing being named: "the app is called Atlas", "code name is Phoenix".

A person's name in the same sentence shape is kept ("Ask Priya to restart
Celery", "the Kafka consumer was rewritten by Ruby Chen"): each rule needs
evidence right at the finding, never merely a technical sentence.
"""

from __future__ import annotations

import re

from safety.pii_recognizers import STRONG_CUES, THINGS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A capital inside a word is a software spelling unless it follows a name prefix.
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
_NAME_PREFIXED = re.compile(
    r"^(?:Mc|Mac|O|D|De|Di|Da|Du|Del|Dos|La|Le|Lo|Ja|Ke|Ta|Ra|Sha|Van|Von|Fitz)[A-Z][a-z]+$"
)
_DIGIT = re.compile(r"\d")
# Coined software words end in a software morpheme: Graylog, Jenkinsfile, Kubeflow, Couchbase.
_SOFTWARE_ENDING = re.compile(
    r"^[A-Z][a-z]{3,}(?:log|db|sql|ql|ops|hub|lab|kit|box|base|flow|stack|soft|js|ctl"
    r"|cloud|mq|desk|file|tainer|mail|sync)$"
)
# Glued to the finding (no space between): Next.js, Service.Run(), a::B, ${Name}, \Users\Ana.
# Not "@Maria" (a mention), "[Maria]" (a transcript), "user=Maria" (a log field) or
# "Berlin-based": people and places are written so too. A hyphen counts before a lower-case
# part (Phoenix-api, Jackson-databind) but not before an English compound (London-born);
# a slash counts inside a path.
CODE_BEFORE = frozenset(".\\#$<_~{`")
_CODE_AFTER = re.compile(
    r"(?:\.\w|\(|::|<|\\|_|=|@|\{|`|-\d"
    r"|-(?!(?:based|born|bound|wide|area|side|style|centric|made|registered)\b)[a-z])"
)
_PATH_AFTER = re.compile(r"/[\w.-]*/")  # Atlas/bin/run, not "London/hybrid" or "Ana/Tom"
_PATH_BEFORE = re.compile(r"/[\w.-]*/$")  # /usr/share/Atlas, modules/Network/Azure
# "Julia 1.10", "Java 17", "Django v5"; not a time (10:30), a phone (020 7946 ...) or "3 pm".
_VERSION_AFTER = re.compile(
    r"(?:\s+(?:to|from|at|version)(?=\s+v?\d+\.\d))?"  # "Werkzeug to 3.0.1"
    r"\s+(v?\d{1,3}(?:\.\d{1,4}){0,3})(?:\.x)?"
    r"(?![\w:/@-]|[.,]\d|\s*\d|\s*[ap]\.?m\b)"
)
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z][a-z]")  # "14 March", "3 June"
# The next word, past a coordinated name: "Jackson library", "the Everest and Denali rooms".
_WORD_AFTER = re.compile(r"(?:\s+(?:and|or|&)\s+[A-Z][a-z]+)?\s+([A-Za-z]+)")
_WORD_BEFORE = re.compile(r"([\w+.-]+)\s+$")
_TOKEN_AFTER = re.compile(r"\s+([A-Za-z][A-Za-z0-9]*)\b")
# Work done in a programming language: "the script in Julia", "port the code in Ada".
_CODE_WORDS = _words(
    "code script scripts snippet rewrite rewritten port ported coded notebook notebooks "
    "compile compiled function functions module"
)
_NAMING = re.compile(
    r"(?i:\b(?:called|named|codenamed|code-named|name\s+is|name:))\s*[\"'\u201c\u2018]?$"
)
_CODE_NAME_AFTER = re.compile(r"(?i:\s+(?:is|was)\s+(?:the|our|its)\s+code[\s-]?name)\b")
# "Morgan is the name of our build server": the next few words say what is named.
_NAME_OF_AFTER = re.compile(
    r"(?i:\s+(?:is|was)\s+(?:the|our|its)\s+name\s+(?:of|for)\s+)((?:[\w-]+\s+){0,3}[\w-]+)"
)
# "Project Aurora", "Operation Nightfall": a name given to work, not to a person.
_PROJECT_WORDS = frozenset({"project", "operation", "codename", "programme", "program"})
_FONT_WORDS = _words("font fonts typeface typefaces")
_FONT_LINKS = _words("to as is in like")  # "set the font to Georgia", not "the font of Ana's"
# Nouns for parts of software; with THINGS (the Everest room, the Jenkins pipeline).
SOFTWARE_PARTS = frozenset(
    """
    broker build cache chart code config connector console consumer controller
    daemon database dependency deployment driver endpoint engine exception framework
    gateway installer integration language namespace node pod producer project proxy
    queue runner runtime schema task service sidecar shortcut stack template theme tool
    typeface webhook widget worker
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
# "Give Tom 2 licences": a count after a person, not a version (Java 17) after a product.
_GIVING = _words(
    "give gives gave send sends sent pay pays paid owe owes lend lends hand hands offer "
    "offers show shows assign assigns allocate allocates order orders buy buys get gets "
    "grant grants book books"
)
# Parts that also name work done in a place: "the Nairobi project", "Mumbai workers".
PLACE_WORK = _words(
    "build deployment driver engine gateway integration language producer project runner "
    "service stack task tool worker"
)
# "Can Tom build it?", "Let Ana code the parser": after these a part word is a verb.
_AUXILIARIES = _words(
    "can could will would shall should may might must did does do let help make have"
)


def identifier_shaped(value: str) -> bool:
    """TensorFlow, LastName, OPS-118, Graylog: spelled like code, not like a name."""
    if _DIGIT.search(value):
        return True
    return any(
        (_INNER_CAPITAL.search(word) and not _NAME_PREFIXED.match(word))
        or _SOFTWARE_ENDING.match(word)
        for word in re.findall(r"[^\W\d_]+", value)
    )


def in_code(text: str, start: int, end: int) -> bool:
    """Glued to code punctuation on either side, or inside a `backtick` span on its line."""
    if start > 0 and text[start - 1] in CODE_BEFORE:
        return True
    if _CODE_AFTER.match(text, end) or _PATH_AFTER.match(text, end):
        return True
    if _PATH_BEFORE.search(text[max(0, start - 60) : start]):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text.count("`", line_start, start) % 2 == 1 and "`" in text[end:line_end]


def versioned(text: str, start: int, end: int, person: bool = True) -> bool:
    """Followed by a version number ("Julia 1.10", "Java 17"), not by a date or a count.

    A bare number counts ("Java 17", "Georgia 12"), but not before a month ("Maria
    14 March") nor after a would-be person given something ("Give Tom 2 licences").
    """
    m = _VERSION_AFTER.match(text, end)
    if m is None:
        return False
    version = m.group(1)
    parts = version.lstrip("v").split(".")
    if len(parts) >= 3 and len(parts[-1]) == 4:
        return False  # 14.03.2024 is a date
    if not version.isdigit():
        return True
    if _CAPITALISED_AFTER.match(text, m.end()):
        return False  # "Maria 14 March", "Paris 3 June": a date
    return not person or _word_before(text, start) not in _GIVING | STRONG_CUES


def _word_before(text: str, start: int) -> str:
    """The word right before `start` (only spaces between), lower-cased; "" if none."""
    m = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return m.group(1).lower() if m else ""


def after_product(text: str, start: int, products: frozenset[str]) -> bool:
    """The word right before continues into the finding: "Apache Kafka", "macOS Sonoma"."""
    return _word_before(text, start).casefold() in products


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def before_identifier(text: str, start: int, end: int, products: frozenset[str]) -> bool:
    """ "Jackson ObjectMapper", "Kafka AdminClient": a code identifier follows.

    Not a product ("Give Maria SharePoint access") nor after a verb that gives.
    """
    m = _TOKEN_AFTER.match(text, end)
    if m is None or m.group(1).casefold() in products or _DIGIT.search(m.group(1)):
        return False
    return identifier_shaped(m.group(1)) and _word_before(text, start) not in _GIVING | STRONG_CUES


def in_language(text: str, start: int) -> bool:
    """ "Rewrite the pricing script in Julia": after code and "in", a language, not a place."""
    head = re.findall(r"[a-z]+", text[max(0, start - 50) : start].lower())
    return bool(head) and head[-1] == "in" and not _CODE_WORDS.isdisjoint(head[-5:-1])


def before_part(text: str, start: int, end: int, person: bool = True) -> bool:
    """ "Jackson dependency", "Celery workers", "Ada code": a software part follows.

    After a place, nouns for work done somewhere do not count: "the Nairobi project"
    and "Mumbai workers" name a place.
    """
    m = _WORD_AFTER.match(text, end)
    if m is None:
        return False
    word = _singular(m.group(1).lower())
    parts = SOFTWARE_PARTS if person else SOFTWARE_PARTS - PLACE_WORK
    if word not in THINGS | _FONT_WORDS | parts:
        return False
    return _word_before(text, start) not in _AUXILIARIES


def names_a_thing(text: str, start: int, end: int) -> bool:
    """A thing being named: "the app is called Atlas", "Phoenix is the code name",
    "Project Aurora", "set the font to Georgia"."""
    if text[start:end].split()[0].lower() in _PROJECT_WORDS and " " in text[start:end]:
        return True
    if _CODE_NAME_AFTER.match(text, end):
        return True
    named = _NAME_OF_AFTER.match(text, end)
    if named and not {_singular(w) for w in named.group(1).lower().split()}.isdisjoint(
        SOFTWARE_PARTS | THINGS
    ):
        return True
    head = text[max(0, start - 60) : start]
    words = re.findall(r"[a-z]+", head.lower())
    if not _FONT_WORDS.isdisjoint(words[-4:]) and words[-1] in _FONT_WORDS | _FONT_LINKS:
        return True
    return bool(_NAMING.search(head)) and not {_singular(w) for w in words}.isdisjoint(
        SOFTWARE_PARTS | THINGS
    )


def technical_context(
    text: str, start: int, end: int, products: frozenset[str], person: bool = True
) -> bool:
    """Is the name-like finding text[start:end] (a person, else a place) code or software?"""
    return (
        identifier_shaped(text[start:end])
        or in_code(text, start, end)
        or versioned(text, start, end, person)
        or after_product(text, start, products)
        or before_part(text, start, end, person)
        or before_identifier(text, start, end, products)
        or in_language(text, start)
        or names_a_thing(text, start, end)
    )
