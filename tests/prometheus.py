"""A strict reader of the Prometheus text format, for tests of /metrics: every line must be
a HELP/TYPE comment or a valid sample of a declared family, or it raises."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
SAMPLE = re.compile(rf"^({NAME})(?:\{{(.*)\}})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)')
SUFFIXES = {"histogram": ("_bucket", "_sum", "_count"), "counter": ("",), "gauge": ("",)}

Labels = tuple[tuple[str, str], ...]


@dataclass
class Family:
    name: str
    type: str = ""
    help: str = ""
    samples: list[tuple[str, dict[str, str], float]] = field(default_factory=list)

    def value(self, suffix: str = "", **labels: str) -> float:
        """The one sample with exactly these labels (0 when there is none)."""
        found = [v for n, ls, v in self.samples if n == self.name + suffix and ls == labels]
        assert len(found) <= 1, (self.name, labels)
        return found[0] if found else 0.0


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value)


def parse_labels(text: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        m = LABEL.match(text, pos)
        assert m, f"bad labels: {text!r}"
        assert m.group(1) not in labels, f"repeated label in {text!r}"
        labels[m.group(1)] = unescape(m.group(2))
        pos = m.end()
    return labels


def parse_value(text: str) -> float:
    value = float(text)  # raises on anything that is not a number, +Inf, -Inf or NaN
    assert text in ("+Inf", "-Inf", "NaN") or math.isfinite(value), text
    return value


def parse(text: str) -> dict[str, Family]:
    assert text.endswith("\n"), "the exposition ends with a newline"
    families: dict[str, Family] = {}
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            _, kind, name, rest = [*line.split(" ", 3), ""][:4]
            family = families.setdefault(name, Family(name))
            if kind == "TYPE":
                assert rest in SUFFIXES and not family.type and not family.samples, line
                family.type = rest
            else:
                family.help = rest
            continue
        m = SAMPLE.match(line)
        assert m, f"not a sample line: {line!r}"
        name, labels, value = m.group(1), parse_labels(m.group(2) or ""), parse_value(m.group(3))
        owner = next(
            (
                families[name[: len(name) - len(s)]]
                for s in ("", "_bucket", "_sum", "_count")
                if name.endswith(s) and name[: len(name) - len(s)] in families
            ),
            None,
        )
        assert owner is not None and owner.type, f"sample of an undeclared family: {line!r}"
        assert any(name == owner.name + s for s in SUFFIXES[owner.type]), line
        owner.samples.append((name, labels, value))
    return families


def check_histogram(family: Family) -> None:
    """Per label set: `le` bounds increasing to +Inf, counts cumulative, +Inf == _count,
    and a _sum."""
    series: dict[Labels, list[tuple[float, float]]] = {}
    for name, labels, value in family.samples:
        if name.endswith("_bucket"):
            rest = tuple(sorted((k, v) for k, v in labels.items() if k != "le"))
            series.setdefault(rest, []).append((parse_value(labels["le"]), value))
    assert series, f"{family.name} has no buckets"
    for rest, buckets in series.items():
        bounds = [b for b, _ in buckets]
        counts = [c for _, c in buckets]
        assert bounds == sorted(bounds) and bounds[-1] == math.inf, (family.name, bounds)
        assert counts == sorted(counts), f"{family.name}{rest} buckets are not cumulative"
        assert family.value("_count", **dict(rest)) == counts[-1]
        assert any(n == family.name + "_sum" and ls == dict(rest) for n, ls, _ in family.samples)
