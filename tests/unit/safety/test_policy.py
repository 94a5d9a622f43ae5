"""The policy file: TOML and YAML, validation that names the mistake, and reloading."""

from __future__ import annotations

from pathlib import Path

import pytest

from safety.policy import DEFAULT_POLICY, PolicyError, load_policy, parse_policy
from safety.policy_store import PolicyStore

RULE = """
[[rules]]
name = "codes"
kind = "regex"
patterns = ['PRJ-\\d+']
action = "{action}"
"""


def fake_embed(texts):  # similarity rules need an embedder; unit vectors by length parity
    return [[1.0, 0.0] if len(t) % 2 else [0.0, 1.0] for t in texts]


def test_default_policy_loads_and_compiles_with_an_embedder() -> None:
    store = PolicyStore(None, fake_embed)
    names = [r.spec.name for r in store.current().rules]
    assert "prompt-injection" in names and "system-prompt-leak" in names
    assert store.path == DEFAULT_POLICY and store.error is None


def test_policy_yaml_and_toml_give_the_same_rules() -> None:
    toml = parse_policy(RULE.format(action="redact"), ".toml")
    yaml = parse_policy(
        "rules:\n  - {name: codes, kind: regex, patterns: ['PRJ-\\d+'], action: redact}\n", ".yaml"
    )
    assert toml == yaml


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (RULE.format(action="explode"), "rules.codes.action"),
        ('[[rules]]\nname = "x"\nkind = "regex"\npatterns = ["(unclosed"]\n', "invalid regular"),
        ('[[rules]]\nname = "x"\nkind = "telepathy"\n', "rules.x"),
        ('[[rules]]\nname = "s"\nkind = "size"\nmax_chars = 5\ndirections = ["output"]\n', "size"),
        ('[[rules]]\nname = "l"\nkind = "leak"\n', "leak rules apply to output only"),
        ("[pii]\nentities = ['person']\n", "UPPER_SNAKE_CASE"),
        ("[pii]\nunknown = 1\n", "pii.unknown"),
        (RULE.format(action="flag") * 2, "unique: codes"),
        ("rules = [", "not valid TOML"),
    ],
)
def test_policy_with_a_mistake_is_refused_naming_it(text: str, says: str) -> None:
    with pytest.raises(PolicyError, match=r".*") as err:
        parse_policy(text, ".toml")
    assert says in str(err.value)


def test_policy_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read policy file"):
        load_policy(tmp_path / "nope.toml")


def test_policy_store_reloads_a_changed_file_without_restart(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(RULE.format(action="flag"))
    now = [0.0]
    store = PolicyStore(path, None, check_seconds=1.0, clock=lambda: now[0])
    assert store.current().rules[0].spec.action == "flag"
    path.write_text(RULE.format(action="block") + "\n# changed\n")
    assert store.current().rules[0].spec.action == "flag"  # not checked again yet
    now[0] = 5.0
    assert store.current().rules[0].spec.action == "block"


def test_policy_store_keeps_the_old_policy_when_an_edit_is_broken(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(RULE.format(action="block"))
    now = [0.0]
    store = PolicyStore(path, None, check_seconds=0.0, clock=lambda: now[0])
    version = store.current().version
    path.write_text(RULE.format(action="detonate"))
    now[0] = 1.0
    assert store.current().version == version
    assert store.error is not None and "action" in store.error
    with pytest.raises(PolicyError):
        store.reload()
    path.write_text(RULE.format(action="redact"))
    now[0] = 2.0
    assert store.current().rules[0].spec.action == "redact" and store.error is None


def test_policy_store_refuses_to_start_on_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("rules: [{name: a, kind: regex}]\n")
    with pytest.raises(PolicyError, match="patterns"):
        PolicyStore(path, None)


def test_policy_similarity_rule_without_an_embedder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text('[[rules]]\nname = "t"\nkind = "topic"\ndescriptions = ["weapons"]\n')
    with pytest.raises(PolicyError, match="embedding model"):
        PolicyStore(path, None)


def test_policy_store_hands_the_pii_section_to_the_detector(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text('[pii]\nallow = ["Enclave"]\n[pii.deny]\nCLIENT = ["Northwind"]\n')
    seen = []
    PolicyStore(path, None, seen.append)
    assert seen[0].allow == ["Enclave"] and seen[0].deny == {"CLIENT": ["Northwind"]}
