"""Which name-like findings are part of code or a software name (safety.technical_context)."""

from __future__ import annotations

import pytest

from safety.technical_context import (
    after_product,
    before_identifier,
    before_part,
    identifier_shaped,
    in_code,
    in_language,
    names_a_thing,
    technical_context,
    versioned,
)

PRODUCTS = frozenset({"apache", "azure", "macos", "slack"})


def at(text: str, value: str) -> tuple[int, int]:
    start = text.index(value)
    return start, start + len(value)


@pytest.mark.parametrize(
    "value",
    ["TensorFlow", "CrowdStrike Falcon", "LastName", "OPS-118", "Graylog", "Jenkinsfile"],
)
def test_identifier_shaped_inner_capital_or_digit_is_code(value: str) -> None:
    assert identifier_shaped(value)


@pytest.mark.parametrize(
    "value",
    [
        "Connor McDonald",
        "Ewan MacLeod",
        "DeShawn Williams",
        "Giulia DiMarco",
        "Siobhan",
        "Logan Hubbard",
        "Ruth McCloud",
    ],
)
def test_identifier_shaped_name_prefixes_are_names(value: str) -> None:
    assert not identifier_shaped(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Call InvoiceService.Calculate() from the view.", "InvoiceService"),
        ("Vercel fails because Next.js cannot find it.", "Next"),
        ("Use Acme::Billing for that.", "Acme"),
        ("Open /usr/share/Atlas now.", "Atlas"),
        ("Rename `Morgan` in the config.", "Morgan"),
        ("Set ${Denali} in the template.", "Denali"),
        ("Deploy Phoenix-api to staging.", "Phoenix"),
    ],
)
def test_in_code_glued_to_code_punctuation_or_in_backticks(text: str, value: str) -> None:
    assert in_code(text, *at(text, value))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("@Maria can you check the job?", "Maria"),
        ("Maria/Tom to follow up.", "Maria"),
        ("Maria/Tom to follow up.", "Tom"),
        ("[Maria Lopez] joined the call.", "Maria Lopez"),
        ("assignee=Tom Hudson status=open", "Tom Hudson"),
        ("TODO(Marta Kowalska): remove this.", "Marta Kowalska"),
        ("Thanks, Maria. Regards", "Maria"),
        ("A London-born engineer joined.", "London"),
    ],
)
def test_in_code_mentions_slashes_brackets_and_fields_keep_people(text: str, value: str) -> None:
    assert not in_code(text, *at(text, value))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Julia 1.10 precompiles the package.", "Julia"),
        ("Java 17 is required.", "Java"),
        ("Builds with Java 8 fail.", "Java"),
        ("Upgrade Django v5 first.", "Django"),
        ("Use Georgia 12 for the headings.", "Georgia"),
        ("Bump Flask-Login and Werkzeug to 3.0.1.", "Werkzeug"),
    ],
)
def test_versioned_name_followed_by_version_is_software(text: str, value: str) -> None:
    start, end = at(text, value)
    assert versioned(text, start, end)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Give Tom 2 more licences.", "Tom"),
        ("Meet Maria 14.03.2024 in the lobby.", "Maria"),
        ("Call Maria 020 7946 0123 now.", "Maria"),
        ("Meet Maria 3 pm in the lobby.", "Maria"),
        ("Ana 10:30 works.", "Ana"),
        ("Maria 14 March works.", "Maria"),
        ("Pay Maria 200 for the taxi.", "Maria"),
    ],
)
def test_versioned_counts_dates_phones_and_times_are_no_versions(text: str, value: str) -> None:
    start, end = at(text, value)
    assert not versioned(text, start, end)


def test_after_product_name_continues_a_product() -> None:
    text = "Apache Kafka Connect and macOS Sonoma and Azure West Europe."
    assert after_product(text, text.index("Kafka"), PRODUCTS)
    assert after_product(text, text.index("Sonoma"), PRODUCTS)
    assert after_product(text, text.index("West"), PRODUCTS)
    assert not after_product("Ask Maria first.", 4, PRODUCTS)
    assert not after_product("In Slack, Maria said so.", 10, PRODUCTS)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Add the Jackson dependency.", "Jackson"),
        ("Restart the Celery workers.", "Celery"),
        ("Ada code needs a proof.", "Ada"),
        ("The Everest and Kilimanjaro rooms share a projector.", "Everest"),
    ],
)
def test_before_part_software_part_after_name_is_a_thing(text: str, value: str) -> None:
    assert before_part(text, *at(text, value))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Can Tom build it today?", "Tom"),
        ("Let Ana code the parser.", "Ana"),
        ("Maria Lopez approved the budget.", "Maria Lopez"),
    ],
)
def test_before_part_verb_after_auxiliary_keeps_person(text: str, value: str) -> None:
    assert not before_part(text, *at(text, value))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The mobile app is called Atlas.", "Atlas"),
        ("The project code name is Phoenix.", "Phoenix"),
        ("Phoenix is the code name for the intranet.", "Phoenix"),
        ("Project Aurora moves the jobs.", "Project Aurora"),
        ("Set the body font to Georgia.", "Georgia"),
        ("Morgan is the name of our build server.", "Morgan"),
    ],
)
def test_names_a_thing_named_apps_code_names_and_fonts(text: str, value: str) -> None:
    assert names_a_thing(text, *at(text, value))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A customer called Maria Lopez wants a refund.", "Maria Lopez"),
        ("Our new intern is named Priya.", "Priya"),
        ("Change the font of Marta's letter.", "Marta"),
        ("Morgan is the name of the new hire.", "Morgan"),
    ],
)
def test_names_a_thing_people_being_named_are_kept(text: str, value: str) -> None:
    assert not names_a_thing(text, *at(text, value))


def test_technical_context_person_in_a_technical_sentence_is_kept() -> None:
    text = "Ask Priya Natarajan to restart Celery after the Django 4.2 upgrade."
    assert not technical_context(text, *at(text, "Priya Natarajan"), PRODUCTS)
    assert technical_context(text, *at(text, "Django"), PRODUCTS)


def test_technical_context_places_keep_dates_compounds_and_projects() -> None:
    """After a place a number and a month are a date, a project is the place's."""
    for text, place in [
        ("Meet the vendor in Paris 14 March.", "Paris"),
        ("The Nairobi project needs two more developers.", "Nairobi"),
        ("We need a Berlin-based contractor.", "Berlin"),
        ("Location: London/hybrid.", "London"),
    ]:
        assert not technical_context(text, *at(text, place), PRODUCTS, person=False)


def test_before_identifier_code_identifier_after_name_is_software() -> None:
    text = "Configure the Jackson ObjectMapper and Maria McDonald's team."
    assert before_identifier(text, *at(text, "Jackson"), PRODUCTS)
    assert not before_identifier(text, *at(text, "Maria"), PRODUCTS)  # McDonald is a name
    products = PRODUCTS | {"sharepoint"}
    grant = "Please set up Maria SharePoint access."
    assert not before_identifier(grant, *at(grant, "Maria"), products)  # a product
    grant = "Give Tom AzureDevOps rights."
    assert not before_identifier(grant, *at(grant, "Tom"), products)  # given something


def test_in_language_code_in_a_language_is_no_place() -> None:
    text = "Rewrite the pricing script in Julia."
    assert in_language(text, text.index("Julia"))
    for other, place in [
        ("The library in Paris is closed.", "Paris"),
        ("The report was written in London.", "London"),
        ("Deploy the app in Frankfurt.", "Frankfurt"),
    ]:
        assert not in_language(other, other.index(place))
