import random

import pytest

from safety.vault import (
    ConversationMap,
    Span,
    StreamRestorer,
    Vault,
    non_overlapping,
    pseudonymize,
    restore,
)

TEXT = "Ask Maria Lopez (maria@acme.com) and Maria Lopez's manager Tom Berg."


def spans_of(text: str, items: list[tuple[str, str]]) -> list[Span]:
    out, pos = [], 0
    for entity, value in items:
        start = text.index(value, pos)
        out.append(Span(entity, start, start + len(value)))
        pos = start + len(value)
    return out


SPANS = spans_of(
    TEXT,
    [
        ("PERSON", "Maria Lopez"),
        ("EMAIL_ADDRESS", "maria@acme.com"),
        ("PERSON", "Maria Lopez"),
        ("PERSON", "Tom Berg"),
    ],
)


def test_pseudonymize_same_value_same_placeholder_and_counts() -> None:
    out, counts = pseudonymize(TEXT, SPANS, ConversationMap())
    assert out == ("Ask <PERSON_1> (<EMAIL_ADDRESS_1>) and <PERSON_1>'s manager <PERSON_2>.")
    assert counts == {"PERSON": 3, "EMAIL_ADDRESS": 1}


def test_pseudonymize_placeholders_stable_across_turns_of_one_conversation() -> None:
    vault = Vault()
    pseudonymize(TEXT, SPANS, vault.conversation("c1"))
    later = "Tom Berg replied."
    out, _ = pseudonymize(
        later, spans_of(later, [("PERSON", "Tom Berg")]), vault.conversation("c1")
    )
    assert out == "<PERSON_2> replied."
    other, _ = pseudonymize(
        later, spans_of(later, [("PERSON", "Tom Berg")]), vault.conversation("c2")
    )
    assert other == "<PERSON_1> replied."


def test_restore_round_trips_and_leaves_unknown_placeholders() -> None:
    mapping = ConversationMap()
    out, _ = pseudonymize(TEXT, SPANS, mapping)
    assert restore(out, mapping) == TEXT
    assert restore("<PERSON_9> and <NOT_A_THING_1>", mapping) == "<PERSON_9> and <NOT_A_THING_1>"


def test_non_overlapping_keeps_longest_span() -> None:
    spans = [Span("PERSON", 4, 9), Span("PERSON", 4, 15), Span("LOCATION", 10, 15)]
    assert non_overlapping(spans) == [Span("PERSON", 4, 15)]


@pytest.mark.parametrize("seed", range(20))
def test_stream_restorer_any_split_gives_the_restored_text(seed: int) -> None:
    mapping = ConversationMap()
    pseudo, _ = pseudonymize(TEXT, SPANS, mapping)
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(1, len(pseudo)), k=min(12, len(pseudo) - 1)))
    pieces = [pseudo[a:b] for a, b in zip([0, *cuts], [*cuts, len(pseudo)], strict=True)]
    restorer = StreamRestorer(mapping)
    shown = [restorer.feed(p) for p in pieces] + [restorer.flush()]
    assert "".join(shown) == TEXT
    assert not any("<PERSON" in s or "<EMAIL" in s for s in shown)


def test_stream_restorer_holds_back_only_a_possible_placeholder() -> None:
    restorer = StreamRestorer(ConversationMap())
    assert restorer.feed("a < b and x<") == "a < b and x"
    assert restorer.feed("y") == "<y"


def test_vault_forgets_conversations_after_ttl() -> None:
    now = [0.0]
    vault = Vault(ttl_seconds=10, clock=lambda: now[0])
    vault.conversation("old").placeholder("PERSON", "Ann")
    now[0] = 11
    assert vault.conversation("new") is not None
    assert len(vault) == 1
    assert vault.conversation("old").backward == {}
