"""The office's safety policy: a TOML or YAML file, validated into typed rules.

Policies differ per office, so filters are configuration, not code. The file
names the PII entity types and the office's own terms, the output hold-back
window, and a list of rules; each rule has a kind (what it looks for), a
direction (input, output or both), an action (block, redact or flag) and a
scope (roles and groups of the calling key; empty means everyone). A file
with a mistake is refused as a whole, naming the rule and the field, so a
typo never silently turns a filter off.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Action = Literal["block", "redact", "flag"]
Direction = Literal["input", "output"]
DEFAULT_POLICY = Path(__file__).with_name("default_policy.toml")
DEFAULT_ENTITIES = [
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_SSN",
    "IP_ADDRESS",
    "LOCATION",
    "DATE_TIME",
]
ENTITY_NAME = re.compile(r"^[A-Z][A-Z_]{0,39}$")  # it becomes a placeholder: <NAME_1>


class PolicyError(ValueError):
    """The policy file is missing, unreadable or invalid; the message says where."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regexes(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return patterns


def _check_entity_names(names: list[str] | dict[str, list[str]]) -> None:
    for name in names:
        if not ENTITY_NAME.match(name):
            raise ValueError(f"entity type {name!r} must be UPPER_SNAKE_CASE (A-Z and _)")


class PiiPolicy(_Strict):
    """What pseudonymization looks for: Presidio's types plus the office's own terms."""

    entities: list[str] = Field(default_factory=lambda: list(DEFAULT_ENTITIES))
    score_threshold: float = Field(0.4, ge=0.0, le=1.0)
    allow: list[str] = Field(default_factory=list, description="Terms never treated as PII.")
    deny: dict[str, list[str]] = Field(
        default_factory=dict, description="Entity type -> terms always treated as that type."
    )
    patterns: dict[str, list[str]] = Field(
        default_factory=dict, description="Entity type -> regular expressions."
    )

    @field_validator("entities", "deny", "patterns")
    @classmethod
    def _names(cls, value: list[str] | dict[str, list[str]]) -> object:
        _check_entity_names(value)
        return value

    @field_validator("patterns")
    @classmethod
    def _regexes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for patterns in value.values():
            _check_regexes(patterns)
        return value


class OutputPolicy(_Strict):
    holdback_chars: int = Field(
        64,
        ge=16,
        le=8192,
        description="Streamed text held back to check before release; a match longer than "
        "this may be partly released before it is seen.",
    )
    show_reasoning: bool = Field(True, description="Return the model's reasoning to clients.")


class AuditPolicy(_Strict):
    store_text: bool | None = Field(
        None,
        description="Keep the pseudonymized prompt and answer in the audit log; unset: "
        "the deployment's ENCLAVE_AUDIT_STORE_TEXT decides.",
    )


class RuleBase(_Strict):
    kind: str
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    directions: list[Direction] = Field(default_factory=lambda: ["input"], min_length=1)  # type: ignore[arg-type]
    action: Action = "block"
    roles: list[Literal["user", "compliance", "admin"]] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)
    description: str = ""


class InjectionRule(RuleBase):
    """Prompt injection and jailbreaks: phrasing patterns, and similarity to known attacks."""

    kind: Literal["injection"]
    similarity: float | None = Field(
        None, gt=0.0, le=1.0, description="Also compare by meaning at this cosine; None: off."
    )
    examples: list[str] = Field(
        default_factory=list, description="More attack phrasings to compare against."
    )


class TopicRule(RuleBase):
    """Banned topics: keywords and phrases, and similarity to descriptions of the topic."""

    kind: Literal["topic"]
    keywords: list[str] = Field(default_factory=list)
    descriptions: list[str] = Field(default_factory=list)
    similarity: float = Field(0.6, gt=0.0, le=1.0)


class RegexRule(RuleBase):
    kind: Literal["regex"]
    patterns: list[str] = Field(min_length=1)
    ignore_case: bool = True

    @field_validator("patterns")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        return _check_regexes(value)


class SecretsRule(RuleBase):
    """API keys, private keys, passwords, tokens and connection strings."""

    kind: Literal["secrets"]
    types: list[str] = Field(default_factory=list, description="Subset of types; empty: all.")


class SizeRule(RuleBase):
    kind: Literal["size"]
    max_chars: int = Field(ge=1)


class PiiRule(RuleBase):
    """Personal data in the text itself: on output, what slipped past pseudonymization."""

    kind: Literal["pii"]
    entities: list[str] = Field(default_factory=list, description="Empty: the [pii] entities.")


class LeakRule(RuleBase):
    """The answer repeats the system prompt: a run of `min_words` words from it."""

    kind: Literal["leak"]
    min_words: int = Field(8, ge=3, le=64)


Rule = Annotated[
    InjectionRule | TopicRule | RegexRule | SecretsRule | SizeRule | PiiRule | LeakRule,
    Field(discriminator="kind"),
]


class Policy(_Strict):
    version: Literal[1] = 1
    pii: PiiPolicy = PiiPolicy()
    output: OutputPolicy = OutputPolicy()
    audit: AuditPolicy = AuditPolicy()
    rules: list[Rule] = Field(default_factory=list)

    @field_validator("rules")
    @classmethod
    def _unique(cls, rules: list[Rule]) -> list[Rule]:
        names = [r.name for r in rules]
        if dup := sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(f"rule names must be unique: {', '.join(dup)}")
        for rule in rules:
            if isinstance(rule, SizeRule) and (
                "output" in rule.directions or rule.action == "redact"
            ):
                raise ValueError(f"rule {rule.name}: size rules block or flag input only")
            if isinstance(rule, LeakRule) and "input" in rule.directions:
                raise ValueError(f"rule {rule.name}: leak rules apply to output only")
        return rules


def parse_policy(text: str, suffix: str) -> Policy:
    """Policy from file text; `suffix` (.toml, .yaml, .yml) picks the syntax."""
    try:
        if suffix in (".yaml", ".yml"):
            import yaml  # type: ignore[import-untyped]

            raw = yaml.safe_load(text) or {}
        else:
            raw = tomllib.loads(text)
    except Exception as exc:  # a syntax error in either format: say where
        raise PolicyError(f"policy file is not valid {suffix.lstrip('.').upper()}: {exc}") from None
    if not isinstance(raw, dict):
        raise PolicyError("policy file must be a mapping at the top level")
    try:
        return Policy.model_validate(raw)
    except ValidationError as exc:
        raise PolicyError(f"invalid policy: {_first_errors(exc, raw)}") from None


def _first_errors(exc: ValidationError, raw: dict[str, object]) -> str:
    """Errors with rule names instead of list indexes (`rules.prompt-injection.similarity`)."""
    listed = raw.get("rules")
    rules: list[object] = listed if isinstance(listed, list) else []
    parts = []
    for err in exc.errors()[:5]:
        loc = list(err["loc"])
        if len(loc) > 1 and loc[0] == "rules" and isinstance(loc[1], int):
            rule = rules[loc[1]] if loc[1] < len(rules) else {}
            loc[1] = rule.get("name", loc[1]) if isinstance(rule, dict) else loc[1]
            loc = [p for p in loc if p not in _KINDS]  # drop the union tag pydantic inserts
        parts.append(f"{'.'.join(str(p) for p in loc)}: {err['msg']}")
    return "; ".join(parts)


_KINDS = {"injection", "topic", "regex", "secrets", "size", "pii", "leak"}


def load_policy(path: Path | None) -> Policy:
    """The policy at `path`, or the packaged default when None."""
    path = path or DEFAULT_POLICY
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"cannot read policy file {path}: {exc}") from None
    return parse_policy(text, path.suffix.lower())
