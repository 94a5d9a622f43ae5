"""Which sentences spaCy's NER reads: those that may hold a capitalised name."""

from __future__ import annotations

import pytest

from safety.name_candidates import may_name, ner_spans, sentences


def test_sentences_split_at_end_marks_and_lines_not_inside_numbers() -> None:
    text = "Pay 27.04.2024 invoice v2.1 now. Then call.\nNext line! Last one"
    parts = [text[s:e] for s, e in sentences(text)]
    assert parts == ["Pay 27.04.2024 invoice v2.1 now.", "Then call.", "Next line!", "Last one"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Forward the contract to Hannah Schmidt.",
        "Grace called about the invoice.",  # a name as the first word
        "Paris office is closed.",
        "I think Müller approved it.",
        "the meeting moved to Berlin",
    ],
)
def test_sentences_with_a_capitalised_word_are_read(sentence: str) -> None:
    assert may_name(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Please summarise the attached travel policy in five bullets.",
        "What is the difference between capex and opex?",
        "I'm not sure the totals in column d add up.",
        "set max_retry_count to 5 and backoff_factor to 2.5.",
    ],
)
def test_sentences_whose_only_capital_opens_them_are_skipped(sentence: str) -> None:
    assert not may_name(sentence)


def test_neighbouring_candidates_are_read_together_and_others_left_out() -> None:
    text = "Please help. Ask Maria Lopez. Then Tom Baker. Thanks a lot.\nSee Leeds."
    spans = ner_spans(text)
    assert [text[s:e] for s, e in spans] == ["Ask Maria Lopez. Then Tom Baker.", "See Leeds."]


def test_blank_text_has_nothing_to_read() -> None:
    assert ner_spans("") == [] and ner_spans("  \n ") == []
