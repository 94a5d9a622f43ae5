"""Structure-respecting, token-bounded chunks: what gets embedded, indexed and cited.

A chunk never crosses a page (citations name one page) or a heading (a chunk is about one
section). Inside a section, paragraphs are packed together up to the budget; a paragraph
that does not fit is split at sentences, a sentence at words, a word at characters. Every
chunk starts with its nearest heading ("Scope\\n\\n...") so retrieval sees what the text is
about, and consecutive chunks of one section overlap by a few whole sentences so an answer
that straddles a boundary is still found. The budget is measured with the embedding model's
own tokenizer on the final text, so no chunk is silently truncated by the embedder.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from retrieval.parsers import ParsedDocument

TokenCounter = Callable[[str], int]
MIN_MAX_TOKENS = 8  # room for a cut heading and one character, whatever the tokenizer
HEADING_PATH_MAX_CHARS = 500  # the registry's column width
CHARS_PER_TOKEN_CAP = 16  # prose is ~4; more is a blob (base64, hashes) a tokenizer calls [UNK]


@dataclass(frozen=True, slots=True)
class Chunk:
    text: str
    page: int
    position: int
    heading: str | None
    token_count: int


def chunk_document(
    doc: ParsedDocument,
    *,
    count_tokens: TokenCounter,
    max_tokens: int = 256,
    overlap_tokens: int = 32,
) -> list[Chunk]:
    """Chunks in document order; each has at most `max_tokens` as `count_tokens` counts."""
    if max_tokens < MIN_MAX_TOKENS or not 0 <= overlap_tokens < max_tokens:
        raise ValueError(f"need max_tokens >= {MIN_MAX_TOKENS} and 0 <= overlap < max_tokens")
    chunks: list[Chunk] = []
    for section in _sections(doc):
        nearest = section.path[-1] if section.path else ""
        packer = _Packer(nearest, count_tokens, max_tokens, overlap_tokens)
        heading = _heading_path(section.path)
        for text, tokens in packer.pack(section.paragraphs):
            chunks.append(Chunk(text, section.page, len(chunks), heading, tokens))
    return chunks


# ---------------------------------------------------------------------------------- sections
@dataclass(slots=True)
class _Section:
    page: int
    path: tuple[str, ...]
    paragraphs: list[str]


@dataclass(slots=True)
class _Heading:
    level: int
    text: str
    page: int
    covered: bool = False  # has text or subheadings; else it becomes a chunk of its own


def _sections(doc: ParsedDocument) -> Iterator[_Section]:
    """Runs of paragraphs sharing one page and one heading path.

    The heading stack lives across pages: a section that goes on over a page break keeps
    its heading. A heading with nothing under it (not even a subheading) is emitted alone,
    so no heading text is lost from the index.
    """
    stack: list[_Heading] = []
    for page in doc.pages:
        paragraphs: list[str] = []
        for block in page.blocks:
            if not block.text.strip():
                continue
            if block.kind != "heading":
                paragraphs.append(block.text)
                if stack:
                    stack[-1].covered = True
                continue
            if paragraphs:
                yield _Section(page.number, tuple(h.text for h in stack), paragraphs)
                paragraphs = []
            level = max(1, block.level)
            while stack and stack[-1].level >= level:
                yield from _pop(stack)
            for parent in stack:
                parent.covered = True
            stack.append(_Heading(level, block.text, page.number))
        if paragraphs:
            yield _Section(page.number, tuple(h.text for h in stack), paragraphs)
    while stack:
        yield from _pop(stack)


def _pop(stack: list[_Heading]) -> Iterator[_Section]:
    heading = stack[-1]
    path = tuple(h.text for h in stack)
    stack.pop()
    if not heading.covered:
        yield _Section(heading.page, path, [])


def _heading_path(path: tuple[str, ...]) -> str | None:
    if not path:
        return None
    text = " > ".join(h if len(h) <= 100 else h[:99] + "…" for h in path)
    return text if len(text) <= HEADING_PATH_MAX_CHARS else "…" + text[-499:]


# ---------------------------------------------------------------------------------- sentences
# Latin stops (maybe closed by a quote or bracket) before spaces; CJK full stops need none.
_BOUNDARY = re.compile(
    "(?:(?<=[.!?\u2026])|(?<=[.!?\u2026][\"'\u201d\u2019)\\]]))\\s+|(?<=[\u3002\uff01\uff1f])\\s*"
)


def _sentences(text: str) -> list[tuple[str, str]]:
    """(sentence, whitespace before it); joining them back gives the paragraph exactly.

    A boundary before a lowercase letter is no boundary ("e.g. this"); over-splitting
    elsewhere ("Dr. Smith") costs nothing but an overlap starting mid-sentence.
    """
    out: list[tuple[str, str]] = []
    start, sep = 0, ""
    for m in _BOUNDARY.finditer(text):
        if m.end() >= len(text) or m.start() <= start or text[m.end()].islower():
            continue
        out.append((text[start : m.start()], sep))
        start, sep = m.end(), m.group()
    out.append((text[start:], sep))
    return [(s, sep) for s, sep in out if s]


# ---------------------------------------------------------------------------------- packing
@dataclass(frozen=True, slots=True)
class _Unit:
    """A piece of a paragraph (a sentence, or part of one) that fits a chunk on its own."""

    para: int
    text: str
    sep: str  # joins it to the previous unit of the same paragraph


class _Packer:
    """Packs one section's paragraphs into chunks; every candidate text is measured whole.

    Tokenizers are not additive at joins, so sums of piece counts are never trusted:
    each accepted state of a chunk has been counted as the exact text it will be.
    """

    def __init__(self, heading: str, count: TokenCounter, max_tokens: int, overlap: int) -> None:
        self.count, self.max, self.overlap = count, max_tokens, overlap
        self.max_chars = max_tokens * CHARS_PER_TOKEN_CAP
        self.heading = self._fit_heading(heading)
        self.units: list[_Unit] = []
        self.out: list[tuple[str, int]] = []

    def pack(self, paragraphs: list[str]) -> list[tuple[str, int]]:
        if not paragraphs and self.heading:
            self.out.append((self.heading, self.count(self.heading)))
        for index, paragraph in enumerate(paragraphs):
            sentences = _sentences(paragraph)
            self._add_paragraph([u for s, sep in sentences for u in self._fit(index, s, sep)])
        self._emit()
        return self.out

    # text ------------------------------------------------------------------------------
    def _body(self, units: list[_Unit]) -> str:
        parts: list[str] = []
        for i, unit in enumerate(units):
            if i:
                parts.append(unit.sep if unit.para == units[i - 1].para else "\n\n")
            parts.append(unit.text)
        return "".join(parts)

    def _render(self, units: list[_Unit]) -> str:
        body = self._body(units)
        return f"{self.heading}\n\n{body}" if self.heading else body

    def _fits(self, units: list[_Unit]) -> bool:
        """The budget, plus a character cap that is also a cheap first test for huge text."""
        text = self._render(units)
        return len(text) <= self.max_chars and self.count(text) <= self.max

    def _fit_heading(self, heading: str) -> str:
        """The heading as prefix, cut at words to a quarter of the budget if it is huge."""
        budget, chars = self.max // 4, self.max_chars // 4

        def fits(text: str) -> bool:
            return len(text) <= chars and self.count(text) <= budget

        if not heading or fits(heading):
            return heading
        words = heading.split(" ")
        keep = _longest(len(words), lambda n: fits(" ".join(words[:n]) + " …"))
        return " ".join(words[:keep]) + " …" if keep else ""

    # splitting ---------------------------------------------------------------------------
    def _fit(self, para: int, text: str, sep: str) -> list[_Unit]:
        """A sentence as units that each fit alone: itself, else runs of words, else chars."""
        if self._fits([_Unit(para, text, sep)]):
            return [_Unit(para, text, sep)]
        words = text.split(" ")
        if len(words) == 1:
            return self._runs(para, list(text), "", sep)
        units: list[_Unit] = []
        for run in self._runs(para, words, " ", sep):
            units += self._fit(para, run.text, run.sep) if " " not in run.text else [run]
        return units

    def _runs(self, para: int, items: list[str], joiner: str, sep: str) -> list[_Unit]:
        """Consecutive items joined into the longest runs that fit (binary search each)."""
        runs: list[_Unit] = []
        start = 0
        while start < len(items):

            def fits(k: int, start: int = start) -> bool:
                return self._fits([_Unit(para, joiner.join(items[start : start + k]), "")])

            n = _longest(len(items) - start, fits)
            if n == 0 and joiner == "":
                raise ValueError("count_tokens needs more than max_tokens for one character")
            n = max(n, 1)  # a word that fits nowhere goes on alone; _fit splits it into chars
            runs.append(_Unit(para, joiner.join(items[start : start + n]), joiner if runs else sep))
            start += n
        return runs

    # packing -----------------------------------------------------------------------------
    def _add_paragraph(self, units: list[_Unit]) -> None:
        """Whole paragraphs while they fit; break before one that fits a fresh chunk."""
        if self.units and self._fits(self.units + units):
            self.units += units
            return
        if self.units:  # a long paragraph may top up a chunk that is less than half full
            fresh = self._fits(units)
            if fresh or self.count(self._render(self.units)) > self.max // 2:
                self._start_next(units if fresh else units[:1])
        for unit in units:
            if self.units and not self._fits([*self.units, unit]):
                self._start_next([unit])
            self.units.append(unit)

    def _start_next(self, following: list[_Unit]) -> None:
        """Emit the chunk; the next begins with its last whole sentences (the overlap)."""
        previous = self.units
        self._emit()
        tail: list[_Unit] = []
        for unit in reversed(previous[1:]):  # never the whole previous chunk again
            candidate = [unit, *tail]
            if self.count(self._body(candidate)) > self.overlap:
                break
            if not self._fits(candidate + following):
                break
            tail = candidate
        self.units = tail

    def _emit(self) -> None:
        if self.units:
            text = self._render(self.units)
            self.out.append((text, self.count(text)))
        self.units = []


def _longest(n: int, fits: Callable[[int], bool]) -> int:
    """The largest k in 0..n with fits(k), assuming longer prefixes never fit better.

    Galloping (1, 2, 4, ...) before bisecting keeps every probe near the answer's size,
    so cutting a 100k-character blob never tokenizes 50k characters at a time.
    """
    good, bad = 0, n + 1
    probe = 1
    while probe <= n:
        if not fits(probe):
            bad = probe
            break
        good, probe = probe, probe * 2
    while bad - good > 1:
        mid = (good + bad) // 2
        if mid <= n and fits(mid):
            good = mid
        else:
            bad = mid
    return good


# ---------------------------------------------------------------------------------- tokenizer
def make_token_counter(model_path: Path) -> TokenCounter:
    """Counts tokens as the embedding model sees them (no [CLS]/[SEP]); one load per folder."""
    return _load_counter(str(Path(model_path).resolve()))


@lru_cache(maxsize=8)
def _load_counter(path: str) -> TokenCounter:
    os.environ["HF_HUB_OFFLINE"] = "1"  # a wrong path must fail, never download
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    lock = threading.Lock()  # fast tokenizers are not safe to share across threads

    def count(text: str) -> int:
        with lock:
            return len(tokenizer.encode(text, add_special_tokens=False, verbose=False))

    return count
