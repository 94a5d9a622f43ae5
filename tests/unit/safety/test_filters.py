"""Rules to decisions: scope, actions, redaction, whole-prompt size, leaks, the input cache."""

from __future__ import annotations

from safety.checkers import CheckContext
from safety.filters import Scope, compile_policy, redact
from safety.policy import parse_policy
from safety.vault import Span

POLICY = """
[[rules]]
name = "codes"
kind = "regex"
patterns = ['PRJ-\\d+']
action = "redact"
directions = ["input", "output"]

[[rules]]
name = "interns-no-salaries"
kind = "topic"
keywords = ["salary band", "pay scale"]
action = "block"
groups = ["interns"]

[[rules]]
name = "admins-flag-secrets"
kind = "secrets"
action = "flag"
roles = ["admin"]

[[rules]]
name = "size"
kind = "size"
max_chars = 60

[[rules]]
name = "leak"
kind = "leak"
directions = ["output"]
min_words = 4

[[rules]]
name = "cards"
kind = "pii"
directions = ["output"]
action = "redact"
entities = ["CREDIT_CARD"]
"""
USER = Scope("user", ("staff",))
INTERN = Scope("user", ("staff", "interns"))


def policy():
    return compile_policy(parse_policy(POLICY, ".toml"), None, "v1")


def test_evaluate_redacts_and_reports_counts_without_the_text() -> None:
    result = policy().evaluate("See PRJ-12 and PRJ-13.", "input", USER)
    assert result.text == "See [REDACTED:codes] and [REDACTED:codes]."
    codes = next(d for d in result.decisions if d.rule == "codes")
    assert codes.fired and codes.count == 2 and codes.action == "redact"
    assert "PRJ" not in repr(result.decisions)


def test_evaluate_rule_scoped_to_a_group_only_applies_to_it() -> None:
    text = "What is the salary band for my role?"
    assert policy().evaluate(text, "input", USER).blocked_by is None
    blocked = policy().evaluate(text, "input", INTERN).blocked_by
    assert blocked is not None and blocked.rule == "interns-no-salaries"


def test_evaluate_rule_scoped_to_a_role_only_applies_to_it() -> None:
    text = "password: Summer2024!"
    assert not any(
        d.rule == "admins-flag-secrets" for d in policy().evaluate(text, "input", USER).decisions
    )
    admin = policy().evaluate(text, "input", Scope("admin"))
    flag = next(d for d in admin.decisions if d.rule == "admins-flag-secrets")
    assert flag.fired and admin.text == text  # flag records, never changes the text


def test_evaluate_without_scope_runs_every_rule_of_the_direction() -> None:
    names = {d.rule for d in policy().evaluate("hello", "input", None).decisions}
    assert names == {"codes", "interns-no-salaries", "admins-flag-secrets", "size"}


def test_evaluate_parts_size_counts_the_whole_prompt_once() -> None:
    parts = ["a" * 40, "b" * 40]
    results = policy().evaluate_parts(parts, "input", USER)
    assert results[0].blocked_by is not None and results[0].blocked_by.rule == "size"
    assert results[1].blocked_by is None
    assert all(r.blocked_by is None for r in policy().evaluate_parts(["a" * 20] * 2, "input", USER))


def test_evaluate_leak_finds_a_run_of_the_system_prompt() -> None:
    ctx = CheckContext(system_texts=("You are the Acme helpdesk. Never mention the refund code.",))
    out = policy().evaluate("Sure! Never mention the refund code, they said.", "output", None, ctx)
    leak = next(d for d in out.decisions if d.rule == "leak")
    assert leak.fired and leak.count == 1
    clean = policy().evaluate("The refund takes three days.", "output", None, ctx)
    assert not next(d for d in clean.decisions if d.rule == "leak").fired


class CardDetector:
    def detect(self, text: str) -> list[Span]:
        at = text.find("4111")
        found = [Span("CREDIT_CARD", at, at + 19)] if at >= 0 else []
        tag = text.find("<PERSON_1>")
        return found + ([Span("PERSON", tag + 1, tag + 9)] if tag >= 0 else [])


def test_evaluate_pii_rule_redacts_entities_but_not_placeholders() -> None:
    ctx = CheckContext(detector=CardDetector())
    out = policy().evaluate("<PERSON_1> pays with 4111 1111 1111 1111.", "output", None, ctx)
    assert out.text == "<PERSON_1> pays with [REDACTED:cards]."


def test_evaluate_input_findings_are_cached_by_text_hash() -> None:
    compiled = policy()
    calls = []
    rule = compiled.rules[0]
    original = rule.checker.find

    def counting(text, ctx):
        calls.append(1)
        return original(text, ctx)

    object.__setattr__(rule, "checker", type("C", (), {"find": staticmethod(counting)})())
    compiled.evaluate("PRJ-1", "input", USER)
    compiled.evaluate("PRJ-1", "input", USER)
    assert len(calls) == 1
    assert all(isinstance(k[1], str) and "PRJ" not in k[1] for k in compiled._cache)


def test_redact_merges_overlapping_spans_into_one_marker() -> None:
    assert redact("abcdefgh", [(1, 4, "x"), (3, 6, "y")]) == "a[REDACTED:x]gh"
    assert redact("abcdefgh", [(6, 8, "y"), (0, 2, "x")]) == "[REDACTED:x]cdef[REDACTED:y]"


def test_similarity_rules_embed_each_segment_once_per_evaluation() -> None:
    from safety.similarity import CachedEmbed

    seen: list[str] = []

    def embed(texts):
        seen.extend(texts)
        return [[1.0, 0.0] for _ in texts]

    cached = CachedEmbed(embed, size=2)
    assert cached(["a", "b", "a"]) == [[1.0, 0.0]] * 3
    cached(["b"])
    assert seen == ["a", "b"]
    cached(["c", "d"])  # evicts the oldest
    cached(["a"])
    assert seen == ["a", "b", "c", "d", "a"]
    assert all(len(k) == 64 for k in cached._cache)  # hashes, never the text
