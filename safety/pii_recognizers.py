"""Recognizers for what Presidio's stock set misses or over-matches in office chat.

Measured on tests/data/safety/pii.jsonl: the stock credit-card pattern misses
Amex 4-6-5 and dashed 2-series Mastercards; the phone matcher scans the whole
text once per region (most of the detection time) and takes serial numbers,
IP addresses and SSNs for phones; the date patterns and spaCy's DATE label
take card, IBAN and phone digit groups for dates; and spaCy's small model
labels many names from outside the English-speaking world as ORG or nothing.
Each recognizer here describes a family (a number format with its checksum,
a date format, the words that introduce a person), never a particular value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import phonenumbers
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import UsSsnRecognizer


class RegexRecognizer(LocalRecognizer):
    """One case-sensitive expression plus a check in code, for one entity type.

    Presidio's PatternRecognizer compiles with IGNORECASE by default, which is
    what makes its IBAN pattern swallow a following lowercase word ("... asap")
    and then fail the checksum; here the expression is compiled as written.
    """

    ENTITY = ""
    PATTERN: re.Pattern[str]
    SCORE = 1.0

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language="en")

    def load(self) -> None:
        """Nothing to load: the expression is compiled with the class."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
        return [RecognizerResult(self.ENTITY, s, e, self.SCORE) for s, e in self.spans(text)]

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        for m in self.PATTERN.finditer(text):
            if self.valid(m.group(0), text, m.start()):
                yield m.start(), m.end()

    def valid(self, value: str, text: str, start: int) -> bool:
        return True


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


# (first digits, allowed lengths): Visa, Mastercard (51-55, 2221-2720), Amex, Discover,
# JCB, Diners, UnionPay. Without a brand prefix a Luhn-valid run is a barcode or an id.
_BRANDS = [
    (("4",), (16, 19)),
    (tuple(str(n) for n in [*range(51, 56), *range(2221, 2721)]), (16,)),
    (("34", "37"), (15,)),
    (("6011", "65", *(str(n) for n in range(644, 650))), (16, 17, 18, 19)),
    (tuple(str(n) for n in range(3528, 3590)), (16, 17, 18, 19)),
    (("36", "38", "39", *(str(n) for n in range(300, 306))), (14, 15, 16, 17, 18, 19)),
    (("62",), (16, 17, 18, 19)),
]


class LuhnCardRecognizer(RegexRecognizer):
    """Card numbers written plain, in 4-4-4-4 groups or Amex/Diners 4-6-5/4-6-4 groups."""

    ENTITY = "CREDIT_CARD"
    PATTERN = re.compile(
        r"(?<![\w-])(?:\d{4}([ -]?)\d{6}\1\d{4,5}|\d{4}([ -]?)\d{4}\2\d{4}\2\d{4}(?:\2\d{3})?"
        r"|\d{13,19})(?![\w-]|[.,]\d)"
    )

    def valid(self, value: str, text: str, start: int) -> bool:
        digits = re.sub(r"\D", "", value)
        brand = any(
            digits.startswith(prefixes) and len(digits) in lengths for prefixes, lengths in _BRANDS
        )
        return brand and luhn(digits)


class CheckedSsnRecognizer(UsSsnRecognizer):
    """Presidio's SSN patterns, also refusing the 9xx area (ITINs, never an SSN)."""

    def invalidate_result(self, pattern_text: str) -> bool:
        digits = re.sub(r"\D", "", pattern_text)
        return digits.startswith("9") or bool(super().invalidate_result(pattern_text))


_ID_WORDS = re.compile(
    r"(?i:\b(?:s/?n|serial|batch|order|ticket|invoice|ref(?:erence)?|model|part|po|sku|"
    r"error|code|version|build|port|id)\s*[:#]?\s*)$"
)
_SSN_SHAPE = re.compile(r"^\d{3}-\d{2}-\d{4}$")
_IPV4_SHAPE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
# Written without + or 00, a number is read as North American, or (with its leading 0
# trunk prefix) as one of these.
_TRUNK_ZERO_REGIONS = ("GB", "DE", "FR", "NL", "IN", "AU", "JP")


class CheckedPhoneRecognizer(RegexRecognizer):
    """Phone numbers: a cheap digit-run pattern, then libphonenumber validates each run.

    Presidio's PhoneRecognizer runs libphonenumber's matcher over the whole text
    once per region. Without + or 00 a number must be North American or start
    with a trunk 0 (libphonenumber's UK matcher otherwise reads the 44 of serial
    number 4471-2290-1183 as the country code), and a run that follows "serial",
    "order", "ticket" and the like is an id, not a phone.
    """

    ENTITY = "PHONE_NUMBER"
    SCORE = 0.75
    PATTERN = re.compile(
        r"(?<![\w+.,/:-])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,15}"
        r"(?:[ .-]\d{1,8}){0,6}(?![\w/]|[.:-]\d)"
    )

    def valid(self, value: str, text: str, start: int) -> bool:
        digits = re.sub(r"\D", "", value)
        if not 7 <= len(digits) <= 15 or _SSN_SHAPE.match(value) or _IPV4_SHAPE.match(value):
            return False
        if _ID_WORDS.search(text[max(0, start - 20) : start]):
            return False
        if value.startswith(("+", "00")):
            return _valid_number(value, None)
        if _valid_number(value, "US"):
            return True
        return digits[0] == "0" and any(_valid_number(value, r) for r in _TRUNK_ZERO_REGIONS)


def _valid_number(value: str, region: str | None) -> bool:
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(value, region)))
    except phonenumbers.NumberParseException:
        return False


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_NUMERIC = r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}[.-]\d{1,2}[.-]\d{4}"
_TIME = (
    r"(?:(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?[AaPp]\.?[Mm])?"
    r"|(?:1[0-2]|0?[1-9])\s?[AaPp]\.?[Mm])(?:Z|[+-]\d{2}:?\d{2})?"
)
_PART = r"(?i:morning|afternoon|evening|night)"
_RELATIVE = (
    rf"(?i:today|tonight|tomorrow|yesterday)(?:\s{_PART})?"
    rf"|(?i:next|this|last|coming)\s(?:{_WEEKDAY}|(?i:week(?:end)?|month|year)|{_PART})"
)
_DATE = (
    rf"(?:{_WEEKDAY},?\s)?(?:{_DAY}\s{_MONTH}(?:,?\s{_YEAR})?|{_MONTH}\s{_DAY}(?:,?\s{_YEAR})?"
    rf"|{_MONTH}\s{_YEAR}|{_NUMERIC})|{_RELATIVE}|{_WEEKDAY}"
)


class CalendarRecognizer(RegexRecognizer):
    """Dates, times and relative days; a date followed by its time is one span.

    Replaces Presidio's date patterns and spaCy's DATE/TIME labels, which take
    digit groups of cards, IBANs and phone numbers for dates. Numeric dates
    must name a real month and day; a dotted date needs a four-digit year so
    that versions (3.11.0) never qualify.
    """

    ENTITY = "DATE_TIME"
    SCORE = 0.85
    PATTERN = re.compile(
        rf"(?<![\w/.:+-])(?:(?:{_DATE})(?:(?:,?\s(?:at\s)?|T){_TIME})?|{_TIME})"
        r"(?![\w/:]|[.-]\d)"
    )

    def valid(self, value: str, text: str, start: int) -> bool:
        numeric = re.search(r"(\d+)[/.-](\d+)[/.-](\d+)", value)
        if not numeric:
            return True
        a, b, c = (int(g) for g in numeric.groups())
        if len(numeric.group(1)) == 4:
            return 1 <= b <= 12 and 1 <= c <= 31
        return 1 <= min(a, b) <= 12 and max(a, b) <= 31


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STRONG_CUES = _words(  # greetings, titles, roles and verbs that take a person
    "hi hello hey dear thanks cc mr mr. mrs mrs. ms ms. dr dr. prof prof. sir madam customer "
    "client supplier vendor contractor caller visitor employee colleague candidate applicant "
    "manager starter user tenant patient attendee attendees backup name tell ask remind call "
    "email ping contact invite notify inform thank meet text message"
)
WEAK_CUES = _words("for with to by from between")  # also introduce places and things
FLIP_CUES = _words("for with by between")  # rarely introduce a place
LIST_CUES = _words(", and or &")  # continue a list that started with a person
PLACE_CUES = _words("in near around across location city based")
DETERMINERS = _words("the a an this that these those our your my their its his her")
IMPERATIVE_OBJECTS = DETERMINERS | _words("me us him them it all every each some")
THINGS = _words(  # a name right before one of these labels a thing: the Everest room
    "room meeting pipeline library parser agent dashboard app plugin speaker font server "
    "cluster repo branch tag monitor laptop printer api sdk bot job operator extension "
    "package module container image instance workspace"
)
JOURNEYS = _words(
    "flight flights fly flying travel travelling traveling trip drive train ship ships shipped "
    "shipping delivery deliver move moved moving relocate relocated relocating commute journey"
)
PARTICLES = _words("de da del della der di dos du la le van von bin ibn al y")
SENTENCE_BREAKS = frozenset(".!?:;'\"([-\u2013\u2014\u201c\u2018")
JOINERS = frozenset("-'\u2019")  # Jae-won, O'Neill: the tokenizer splits them
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['\u2019][^\W\d_]+)?$")
_CALENDAR = re.compile(rf"^(?:{_WEEKDAY}|{_MONTH})$")
Found = list[tuple[str, int, int]]


def fold(word: str) -> str:
    """Lower case without diacritics: WordNet spells Kraków as krakow."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _name_word(text: str) -> bool:
    return (
        len(text) > 1
        and text[0].isupper()
        and any(c.islower() for c in text)
        and bool(_NAME_WORD.match(text))
        and not _CALENDAR.match(text)
    )


def _opens_sentence(doc: Any, i: int) -> bool:
    return i == 0 or doc[i - 1].text in SENTENCE_BREAKS or doc[i - 1].is_space


def _word(doc: Any, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _ends_at(doc: Any, i: int) -> int:
    return int(doc[i].idx + len(doc[i]))


class ContextNameRecognizer(LocalRecognizer):
    """PERSON and LOCATION: which runs of capitalised words are people or places.

    spaCy's small model finds common English names but labels many others
    (Tevita Fifita, Oluwaseun) as ORG or not at all, takes imperative
    verbs and nouns that open a sentence (Summarise, Ticket) for names, and
    reads products used as modifiers (the Jenkins pipeline) as people. A run
    of capitalised words becomes a PERSON when the word before introduces a
    person (Dear, Customer, tell), or a preposition that rarely introduces a
    place (for, with) precedes a word that is not English. "English" is the
    WordNet word list shipped with the model's lemmatizer (`index`, words per
    part of speech); it includes common given names and well-known places,
    which stay with spaCy's judgement.
    """

    def __init__(self, index: dict[str, frozenset[str]]) -> None:
        self._lexicon = frozenset().union(*index.values())
        self._verbs = index.get("verb", frozenset())
        self._verb_only = self._verbs - index.get("noun", frozenset())
        self._not_only_nouns = frozenset().union(*(v for k, v in index.items() if k != "noun"))
        super().__init__(supported_entities=["PERSON", "LOCATION"], supported_language="en")

    def load(self) -> None:
        """The word lists arrive with the spaCy model."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
        found = self.find(nlp_artifacts.tokens) if nlp_artifacts is not None else []
        return [RecognizerResult(k, s, e, 0.85) for k, s, e in found if k in entities]

    def find(self, doc: Any) -> Found:
        found: Found = []
        for start, end in self._runs(doc):
            start = self._trim(doc, start, end)
            if start < end and (kind := self._decide(doc, start, end, found)):
                found.append((kind, doc[start].idx, _ends_at(doc, end - 1)))
        return found

    @staticmethod
    def _runs(doc: Any) -> Iterator[tuple[int, int]]:
        """Runs of capitalised words; particles (van, de) and hyphens (Jae-won) stay inside."""
        i, n = 0, len(doc)
        while i < n:
            if not _name_word(doc[i].text):
                if doc[i].text.isupper() and doc[i].ent_type_ in ("GPE", "LOC"):
                    yield i, i + 1  # UK, USA
                i += 1
                continue
            end = i + 1
            while end < n:
                attached = not doc[end - 1].whitespace_ and not doc[end].whitespace_
                if doc[end].text in JOINERS and attached and end + 1 < n and doc[end + 1].is_alpha:
                    end += 2
                elif _name_word(doc[end].text):
                    end += 1
                elif doc[end].text in PARTICLES and end + 1 < n and _name_word(doc[end + 1].text):
                    end += 2
                else:
                    break
            if end - i <= 6:  # longer: a title in Title Case, not a name
                yield i, end
            i = end

    def _trim(self, doc: Any, start: int, end: int) -> int:
        """Drop leading cue words (Dear, Customer) and a word capitalised as a sentence opener."""
        while start < end and doc[start].lower_ in STRONG_CUES:
            start += 1
        if start >= end or not _opens_sentence(doc, start) or _word(doc, start + 1) == ",":
            return start  # "Grace, can you ...": a vocative, decided later
        word, nxt = doc[start].lower_, _word(doc, start + 1)
        imperative = nxt in IMPERATIVE_OBJECTS or nxt == ":" or nxt[:1].isdigit()
        if word in self._verbs and (imperative or (word in self._verb_only and start + 1 < end)):
            return start + 1  # Summarise this / Remind Yuki (but Bill Gates)
        if doc[start].is_stop or not self._common([doc[start].text]):
            return start + (1 if doc[start].is_stop else 0)
        named = doc[start].ent_iob_ == "B"
        if named and (start + 1 < end or word not in self._not_only_nouns):
            return start  # Maria Lopez leads; James will send (but Ticket INC-...)
        return start + 1

    def _common(self, words: list[str]) -> bool:
        folded = [fold(w) for w in words if w.lower() not in PARTICLES]
        return all(w in self._lexicon or w.removesuffix("s") in self._lexicon for w in folded)

    def _decide(self, doc: Any, start: int, end: int, found: Found) -> str:
        label = next((t.ent_type_ for t in doc[start:end] if t.ent_type_), "")
        before = _word(doc, start - 1)
        if before in DETERMINERS or _word(doc, end) in THINGS:  # the Jenkins pipeline
            place = label in ("GPE", "LOC") and _word(doc, end) not in THINGS
            return "LOCATION" if place else ""  # but the Chicago expansion
        if self._route(doc, start, found):
            return "LOCATION"
        common = self._common([t.text for t in doc[start:end] if t.is_alpha])
        if label == "PERSON":
            return "LOCATION" if before in PLACE_CUES else "PERSON"
        if label in ("GPE", "LOC"):
            flip = before in STRONG_CUES or (before in FLIP_CUES and not common)
            return "PERSON" if flip else "LOCATION"
        return "PERSON" if self._person(doc, start, end, found, label, common) else ""

    @staticmethod
    def _route(doc: Any, start: int, found: Found) -> bool:
        """A flight from Zürich to Kraków: the ends of a journey are places, whatever spaCy says."""
        before = _word(doc, start - 1)
        if before in ("from", "to") and _word(doc, start - 2) in JOURNEYS:
            return True
        return (
            before == "to"
            and _word(doc, start - 3) == "from"
            and _word(doc, start - 4) in JOURNEYS
            and bool(found)
            and found[-1][0] == "LOCATION"
            and found[-1][2] == _ends_at(doc, start - 2)
        )

    @staticmethod
    def _person(doc: Any, start: int, end: int, found: Found, label: str, common: bool) -> bool:
        """A run spaCy did not call a person or place: the words around it decide."""
        before = _word(doc, start - 1)
        listed = before in LIST_CUES and bool(found) and found[-1][0] == "PERSON"
        listed = listed and doc[start - 1].idx - found[-1][2] <= 1
        vocative = _opens_sentence(doc, start) and _word(doc, end) == "," and bool(label)
        if (before in STRONG_CUES or vocative) and (label or not common):
            return True
        if (before in WEAK_CUES or listed) and not common:
            return True
        return label == "ORG" and end - start > 1 and not common and not _opens_sentence(doc, start)
