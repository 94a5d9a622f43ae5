"""Presidio with the packaged spaCy model: detection, offline operation, technical text,
and the recognizers that replace the stock ones (cards, phones, dates, SSNs, names)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from thinc.api import NumpyOps

from safety.policy import PiiPolicy
from safety.presidio_detector import PresidioDetector, most_certain
from safety.spacy_ops import NumpyGemmOps
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


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Can Grafana alert when the disk is nearly full?", "Grafana"),
        ("What does error code 0x80070005 mean in Windows Update?", "Windows Update"),
        ("Does Kubernetes restart the pod on its own?", "Kubernetes"),
    ],
)
def test_detector_does_not_take_software_names_for_people_or_places(
    detector: PresidioDetector, text: str, product: str
) -> None:
    assert product not in kinds(detector, text)


def test_detector_still_names_a_person_whose_surname_is_also_a_tool(
    detector: PresidioDetector,
) -> None:
    """Jenkins and Kafka are left off the product list on purpose: they are people's names."""
    found = kinds(detector, "Please forward the contract to Sarah Jenkins by Friday.")
    assert found.get("Sarah Jenkins") == "PERSON"


@pytest.mark.parametrize(
    "text",
    [
        "Restart Celery after the Django upgrade.",
        "Java 17 is required; builds with Java 8 fail at the toolchain step.",
        "Call InvoiceService.Calculate() from the OrderController.",
        "macOS Sonoma broke the network extension of the VPN client.",
        "The new CRM is code-named Atlas.",
        "Gradle cannot resolve the Jackson dependency from Artifactory.",
        "Azure West Europe has no capacity left for the D-series VMs.",
        "Set the body font to Georgia and the headings to Arial.",
    ],
)
def test_detector_software_in_technical_sentences_is_no_person_or_place(
    detector: PresidioDetector, text: str
) -> None:
    assert [s for s in detector.detect(text) if s.entity_type in ("PERSON", "LOCATION")] == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ask Priya Natarajan to restart Celery after the Django upgrade.", ["Priya Natarajan"]),
        ("Sarah Jenkins owns the Jenkins pipeline for the payroll service.", ["Sarah Jenkins"]),
        ("Connor McDonald approved the Azure budget.", ["Connor McDonald"]),
        ("Kenji Watanabe fixed the Flask session bug in release 2.3.1.", ["Kenji Watanabe"]),
        ("Give Tom Hudson 2 more Jira licences.", ["Tom Hudson"]),
        (
            "The on-call rota lists Ruby Chen, Tom Hudson and Sarah Jenkins.",
            ["Ruby Chen", "Tom Hudson", "Sarah Jenkins"],
        ),
    ],
)
def test_detector_person_in_a_technical_sentence_is_still_found(
    detector: PresidioDetector, text: str, names: list[str]
) -> None:
    assert spans_of(detector, text, "PERSON") == names


def test_detector_keeps_office_terms_in_technical_context() -> None:
    """A deny-list term is kept where a found name would be dropped as software."""
    office = PresidioDetector(pii=PiiPolicy(deny={"PROJECT": ["Atlas", "Aurora"]}))
    found = kinds(office, "The new CRM is code-named Atlas; Aurora 2.1 ships next.")
    assert found.get("Atlas") == "PROJECT"
    assert found.get("Aurora") == "PROJECT"


def test_detector_keeps_office_terms_that_look_like_code() -> None:
    """A deny-list term or pattern is the office's explicit wish, even if it looks technical."""
    office = PresidioDetector(
        pii=PiiPolicy(deny={"PROJECT": ["build_tool"]}, patterns={"TICKET": [r"\bsec_\d{4}\b"]})
    )
    found = kinds(office, "Ask about build_tool and incident sec_4821 today.")
    assert found.get("build_tool") == "PROJECT"
    assert found.get("sec_4821") == "TICKET"


def test_reading_only_candidate_sentences_finds_what_reading_everything_finds(
    detector: PresidioDetector, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NER skips sentences that cannot hold a capitalised name; on the whole labelled set
    (tests/data/safety/pii.jsonl) that changes no finding at all."""
    import json
    from pathlib import Path

    import safety.presidio_detector as module

    data = Path(__file__).resolve().parents[1] / "data/safety/pii.jsonl"
    texts = [json.loads(line)["text"] for line in data.read_text().splitlines() if line]
    texts.append(" ".join(texts[:40]))  # and one long prompt of many sentences
    skipping = [detector.detect(t) for t in texts]
    monkeypatch.setattr(module, "ner_spans", lambda text: [(0, len(text))])
    assert [detector.detect(t) for t in texts] == skipping


def test_detector_on_technical_dev_set_stays_clean_and_finds_people(
    detector: PresidioDetector,
) -> None:
    """tests/data/safety/pii_dev2.jsonl (technical sentences written for tuning): measured
    2026-12-06 at 0.943 of hard negatives clean and PERSON recall 0.833 (0.809 and 0.833
    before the software-context rules); a drop below these floors is a regression."""
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data/safety/pii_dev2.jsonl"
    rows = [json.loads(line) for line in data.read_text().splitlines() if line]
    negatives = [r for r in rows if r["hard_negative"]]
    clean = sum(not detector.detect(r["text"]) for r in negatives) / len(negatives)
    gold = [(r["text"], e) for r in rows for e in r["entities"] if e["type"] == "PERSON"]
    found = sum(
        any(
            s.entity_type == "PERSON" and s.start < e["end"] and e["start"] < s.end
            for s in detector.detect(text)
        )
        for text, e in gold
    )
    assert clean >= 0.93
    assert found / len(gold) >= 0.82


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


def spans_of(detector: PresidioDetector, text: str, entity: str) -> list[str]:
    return [text[s.start : s.end] for s in detector.detect(text) if s.entity_type == entity]


def test_detector_spacy_pipeline_runs_only_ner(detector: PresidioDetector) -> None:
    """The tagger, parser and lemmatizer were most of the detection time and are not needed."""
    assert detector._nlp.nlp["en"].pipe_names == ["ner"]


def test_detector_configure_new_policy_reuses_loaded_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fresh = PresidioDetector()

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("spaCy model loaded again")

    monkeypatch.setattr("spacy.load", no_loading)
    fresh.configure(PiiPolicy(entities=["PERSON"], deny={"PROJECT": ["Nightjar"]}))
    found = kinds(fresh, "Maria Lopez leads Project Nightjar.")
    assert found == {"Maria Lopez": "PERSON", "Nightjar": "PROJECT"}


def test_detector_policy_without_names_skips_ner(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = PresidioDetector(pii=PiiPolicy(entities=["EMAIL_ADDRESS", "DATE_TIME"]))
    tokenizer_only = type("TokenizerOnly", (), {"make_doc": fresh._nlp.nlp["en"].make_doc})()
    monkeypatch.setattr(fresh._nlp, "nlp", {"en": tokenizer_only})  # calling it would fail
    text = "Mail maria.lopez@acme-corp.com tomorrow."
    assert kinds(fresh, text) == {
        "maria.lopez@acme-corp.com": "EMAIL_ADDRESS",
        "tomorrow": "DATE_TIME",
    }


def test_detector_policy_asking_other_presidio_type_finds_it() -> None:
    fresh = PresidioDetector(pii=PiiPolicy(entities=["URL"]))
    assert kinds(fresh, "The runbook is at https://wiki.example.com/runbook today") == {
        "https://wiki.example.com/runbook": "URL"
    }


@pytest.mark.parametrize(
    "card",
    ["3782 822463 10005", "3782-822463-10005", "2223-0031-2200-3222", "5555555555554444"],
)
def test_card_recognizer_grouped_or_plain_luhn_valid_found(
    detector: PresidioDetector, card: str
) -> None:
    assert spans_of(detector, f"Charge card {card} now.", "CREDIT_CARD") == [card]


@pytest.mark.parametrize(
    "number",
    ["4111 1111 1111 1112", "9000 0000 0000 0001", "5901 2341 2345 6786", "5901234123457"],
)
def test_card_recognizer_luhn_failure_or_no_brand_ignored(
    detector: PresidioDetector, number: str
) -> None:
    """Failing Luhn; Luhn-valid but no card brand prefix; an EAN-13 barcode."""
    assert spans_of(detector, f"The fixture {number} is stored.", "CREDIT_CARD") == []


@pytest.mark.parametrize("iban", ["ES91 2100 0418 4502 0005 1332", "ES9121000418450200051332"])
def test_iban_followed_by_lowercase_word_found(detector: PresidioDetector, iban: str) -> None:
    """Presidio's stock copy is case-insensitive and swallows "asap" into the IBAN."""
    assert spans_of(detector, f"pls pay to {iban} asap", "IBAN_CODE") == [iban]


@pytest.mark.parametrize(
    "text",
    [
        "Call her on 020 7946 0123 today.",
        "Her contact number is +49 30 7305 3902.",
        "Reach me at (415) 786-4932 after lunch.",
        "The office line is 212.325.3825.",
    ],
)
def test_phone_recognizer_national_or_international_number_found(
    detector: PresidioDetector, text: str
) -> None:
    assert len(spans_of(detector, text, "PHONE_NUMBER")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Device 4471 2290 1183 rebooted.",  # libphonenumber alone reads 44 as the UK code
        "SN 4471-2290-1183 is on the label.",
        "Quote order 020 7946 0123 on the form.",
        "Whitelist 203.0.113.124 on the firewall.",
        "SSN 812-40-9065 for payroll.",
        "Charge card 4111 1111 1111 1111 now.",
    ],
)
def test_phone_recognizer_ids_addresses_and_other_numbers_ignored(
    detector: PresidioDetector, text: str
) -> None:
    assert spans_of(detector, text, "PHONE_NUMBER") == []


def test_ssn_recognizer_itin_area_ignored(detector: PresidioDetector) -> None:
    assert spans_of(detector, "SSN 912-34-5678 on file.", "US_SSN") == []
    assert spans_of(detector, "SSN 812-40-9065 on file.", "US_SSN") == ["812-40-9065"]


def test_context_enhancer_ssn_word_before_bare_digits_finds_ssn(detector: PresidioDetector) -> None:
    assert spans_of(detector, "The employee's SSN is 812409065.", "US_SSN") == ["812409065"]
    assert spans_of(detector, "The wiki page id is 812409065.", "US_SSN") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Meet on Monday 7 April at 4:15 PM please.", "Monday 7 April at 4:15 PM"),
        ("Logged at 2024-06-15 18:46:15 by the job.", "2024-06-15 18:46:15"),
        ("The line 2025-09-06T01:53:43+01:00 WARN auth", "2025-09-06T01:53:43+01:00"),
        ("He started on 27.04.2024 in Madrid.", "27.04.2024"),  # no version number
        ("Invoice due 05/04/2024, thanks.", "05/04/2024"),  # no file path
        ("Due February 2, 2025.", "February 2, 2025"),
        ("See you tomorrow morning.", "tomorrow morning"),
        ("Can we move it to this Thursday?", "this Thursday"),
        ("The payment failed at 11am.", "11am"),
    ],
)
def test_calendar_recognizer_date_with_its_time_one_span(
    detector: PresidioDetector, text: str, date: str
) -> None:
    assert spans_of(detector, text, "DATE_TIME") == [date]


def test_calendar_recognizer_versions_ports_and_digit_groups_ignored(
    detector: PresidioDetector,
) -> None:
    text = (
        "Upgrade to 3.11.0 on port 8443, file the meeting minutes, and pay "
        "GB82 WEST 1234 5698 7654 32 with card 4111 1111 1111 1111 or call +33 6 12 34 56 78."
    )
    assert spans_of(detector, text, "DATE_TIME") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Please ask Chiamaka Okonkwo to sign the NDA.", "Chiamaka Okonkwo"),
        ("Send the quote to Bartosz Wiśniewski and copy sales.", "Bartosz Wiśniewski"),
        ("Set up an account for Jae-won Park today.", "Jae-won Park"),
        ("Hi Wanjiru, the laptop is ready.", "Wanjiru"),
        ("Grace, can you review the contract?", "Grace"),
        ("Remind Yuki that enrolment closes soon.", "Yuki"),
        ("Customer Lucía Fernández wants a refund.", "Lucía Fernández"),
        ("Dear Mr Haddad, thank you for waiting.", "Haddad"),
    ],
)
def test_name_recognizer_name_after_person_cue_found(
    detector: PresidioDetector, text: str, name: str
) -> None:
    assert spans_of(detector, text, "PERSON") == [name]


def test_name_recognizer_list_after_person_continues(detector: PresidioDetector) -> None:
    text = "The agenda lists Maria Lopez, Emeka Obi and Tariq Hussain."
    assert spans_of(detector, text, "PERSON") == ["Maria Lopez", "Emeka Obi", "Tariq Hussain"]


@pytest.mark.parametrize(
    "text",
    [
        "Summarise: the VPN drops when I connect.",
        "Ticket INC-20240512-0042 was reopened.",
        "The Jenkins pipeline fails at the lint stage.",
        "Book the Everest room for the review.",
        "Order a new Dell monitor for the front desk.",
    ],
)
def test_name_recognizer_sentence_openers_and_product_modifiers_ignored(
    detector: PresidioDetector, text: str
) -> None:
    assert [s for s in detector.detect(text) if s.entity_type in ("PERSON", "LOCATION")] == []


def test_name_recognizer_journey_ends_are_locations(detector: PresidioDetector) -> None:
    found = kinds(detector, "Book a flight from Zürich to Kraków for the team.")
    assert found == {"Zürich": "LOCATION", "Kraków": "LOCATION"}


def test_most_certain_overlapping_findings_keep_higher_score() -> None:
    from presidio_analyzer import RecognizerResult

    iban = RecognizerResult("IBAN_CODE", 4, 31, 1.0)
    inside = RecognizerResult("PHONE_NUMBER", 14, 31, 0.75)
    later = RecognizerResult("DATE_TIME", 40, 48, 0.85)
    assert most_certain([inside, later, iban]) == [iban, later]


def test_detector_policy_term_overlapping_a_name_keeps_the_term() -> None:
    fresh = PresidioDetector(pii=PiiPolicy(deny={"CLIENT": ["Ingrid Olsen"]}))
    assert kinds(fresh, "Send the contract to Ingrid Olsen today.") == {
        "Ingrid Olsen": "CLIENT",
        "today": "DATE_TIME",
    }


def test_numpy_gemm_finds_exactly_what_blis_finds_on_the_labelled_sets() -> None:
    """safety.spacy_ops swaps only where NER's matrix products are computed."""
    data = Path(__file__).resolve().parents[1] / "data" / "safety"
    texts = [
        json.loads(line)["text"]
        for name in ("pii.jsonl", "pii_dev2.jsonl", "benign.jsonl")
        for line in (data / name).open(encoding="utf-8")
    ]
    detector = PresidioDetector()
    nlp = detector._nlp.nlp["en"]
    ner_ops = {type(node.ops) for node in nlp.get_pipe("ner").model.walk()}
    assert ner_ops == {NumpyGemmOps}
    with_numpy = [detector.detect(text) for text in texts]
    for node in nlp.get_pipe("ner").model.walk():
        node.ops = NumpyOps()
    with_blis = [detector.detect(text) for text in texts]
    assert sum(1 for spans in with_numpy if spans) > 300  # the comparison is not vacuous
    assert with_numpy == with_blis
