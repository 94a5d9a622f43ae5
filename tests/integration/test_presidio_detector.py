"""Presidio with the packaged spaCy model: detection, offline operation, technical text."""

from __future__ import annotations

import socket

import pytest

from safety.policy import PiiPolicy
from safety.presidio_detector import PresidioDetector
from safety.vault import ConversationMap, pseudonymize, restore


@pytest.fixture(scope="module")
def detector() -> PresidioDetector:
    return PresidioDetector(pii=PiiPolicy(allow=["Enclave"], deny={"PROJECT": ["Nightjar"]}))


def kinds(detector: PresidioDetector, text: str) -> dict[str, str]:
    return {text[s.start : s.end]: s.entity_type for s in detector.detect(text)}


def test_detector_finds_the_core_entity_types(detector: PresidioDetector) -> None:
    text = (
        "Please email maria.lopez@acme-corp.com, call +1 212-555-0187, charge card "
        "4111 1111 1111 1111, pay to IBAN DE89370400440532013000 and check host 10.20.30.40."
    )
    found = kinds(detector, text)
    assert found["maria.lopez@acme-corp.com"] == "EMAIL_ADDRESS"
    assert found["4111 1111 1111 1111"] == "CREDIT_CARD"
    assert found["DE89370400440532013000"] == "IBAN_CODE"
    assert found["10.20.30.40"] == "IP_ADDRESS"
    assert any(t == "PHONE_NUMBER" for t in found.values())


def test_detector_names_people_and_policy_terms(detector: PresidioDetector) -> None:
    found = kinds(detector, "Maria Lopez leads Project Nightjar in Enclave.")
    assert found.get("Maria Lopez") == "PERSON"
    assert found.get("Nightjar") == "PROJECT"
    assert "Enclave" not in found  # allow-listed


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Upgrade the SDK to version 2.14.3 please.", "2.14.3"),
        ("The request id is 3f2a9c1e-5b7d-4a6f-8e0c-2b4d6f8a0c2e.", "3f2a9c1e-5b7d"),
        ("The fix is in commit 3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e.", "3f2a9c1e5b7d"),
        ("Set max_retry_count and call getUserName in utils/net.py.", "max_retry_count"),
        ("Set max_retry_count and call getUserName in utils/net.py.", "getUserName"),
    ],
)
def test_detector_leaves_technical_tokens_alone(
    detector: PresidioDetector, text: str, token: str
) -> None:
    at = text.index(token)
    assert not any(s.start <= at < s.end for s in detector.detect(text))


def test_detector_makes_no_network_call(
    detector: PresidioDetector, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The email recognizer's tldextract must use the bundled suffix list, not download it."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    found = kinds(PresidioDetector(), "Write to someone@example.co.uk please.")
    assert found.get("someone@example.co.uk") == "EMAIL_ADDRESS"
    assert attempts == []


def test_model_only_sees_placeholders_and_user_gets_originals(
    detector: PresidioDetector,
) -> None:
    text = "Tell Maria Lopez that card 4111 1111 1111 1111 was charged twice."
    mapping = ConversationMap()
    pseudo, counts = pseudonymize(text, detector.detect(text), mapping)
    assert "Maria" not in pseudo and "4111" not in pseudo
    assert counts == {"PERSON": 1, "CREDIT_CARD": 1}
    assert restore(
        f"Sure, I will tell {pseudo.split()[1]} {pseudo.split()[2]}", mapping
    ).startswith("Sure, I will tell Maria Lopez")
